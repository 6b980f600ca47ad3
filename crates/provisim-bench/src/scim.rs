//! The SCIM benchmark: parse and apply a PATCH of ten operations to a user resource.

use provisim_core::scim::{patch, schema};
use provisim_core::settings::ScimDialect;
use serde_json::json;
use std::hint::black_box;

pub fn run(median_ns: fn(usize, u32, &mut dyn FnMut()) -> f64) {
    let resource = json!({
        "schemas": [schema::CORE_USER, schema::ENTERPRISE, schema::ZOOM],
        "id": "zoom-1", "userName": "ana@example.com", "active": true,
        "name": {"givenName": "Ana", "familyName": "Silva"},
        "emails": [{"type": "work", "value": "ana@example.com", "primary": true}, {"type": "home", "value": "ana@home.example"}],
        "urn:ietf:params:scim:schemas:extension:zoom:1.0:User": {"userType": "Licensed"}
    });
    let body = json!({"schemas": [schema::PATCH_OP], "Operations": [
        {"op": "Replace", "path": "active", "value": "False"},
        {"op": "replace", "path": "name.givenName", "value": "Ann"},
        {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "ann@example.com"},
        {"op": "remove", "path": "emails[type eq \"home\"]"},
        {"op": "add", "path": "title", "value": "Lead"},
        {"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Support"},
        {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomContactCenterPackage", "value": "Elite"},
        {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomContactCenterRole", "value": "Agent"},
        {"op": "replace", "value": {"nickName": "Annie", "name.familyName": "Silva-Lee"}},
        {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomRevenueAccelerator", "value": "true"}
    ]});
    let text = body.to_string();
    let ns = median_ns(31, 2_000, &mut || {
        let parsed: serde_json::Value = serde_json::from_str(black_box(&text)).unwrap_or_default();
        let mut notes = Vec::new();
        let mut r = resource.clone();
        if let Ok(ops) = patch::parse(&parsed, ScimDialect::default(), &mut notes) {
            let _ = patch::apply(
                &mut r,
                &ops,
                schema::USER,
                ScimDialect::default(),
                &mut notes,
            );
            let _ = schema::check_resource(&mut r, schema::USER, &mut notes, true);
        }
        black_box(r);
    });
    println!("  SCIM PATCH of 10 operations (JSON text → parsed → applied → schema-checked): {:.2} µs (target < 20 µs)", ns / 1000.0);
}
