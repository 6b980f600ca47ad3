//! Fuzz target: a SCIM request as the IdP sends it: its path (and `filter=`), filter, PATCH path and
//! PATCH body, each through its parser, then the whole request through the engine.
//!
//! Input: one byte (bits 0-2: the method, GET POST PUT PATCH DELETE; bit 3: the strict dialect), the
//! path line, `\n`, then the JSON body (absent when empty or not JSON). Properties: no parser
//! panics; a parsed filter can be matched against a user and a parsed PATCH applied to one; the
//! engine's answer is tagged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisim_core::scim::{filter, patch, schema};
use provisim_core::settings::ScimDialect;
use serde_json::{json, Value};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let method = METHODS[usize::from(pick & 7) % METHODS.len()];
    let dialect = if pick & 8 == 0 {
        ScimDialect::Lenient
    } else {
        ScimDialect::Strict
    };
    let (path, body_text) = text.split_once('\n').unwrap_or((text, ""));
    let body: Option<Value> = serde_json::from_str(body_text).ok();

    // The parsers on their own: the path line as a filter, an attribute path and a PATCH path.
    let mut notes = Vec::new();
    let user = json!({
        "schemas": [schema::CORE_USER],
        "id": "zoom-1",
        "userName": "ana@example.com",
        "active": true,
        "name": {"givenName": "Ana", "familyName": "Lima"},
        "emails": [{"value": "ana@example.com", "type": "work", "primary": true}],
        "meta": {"lastModified": "2026-01-01T00:00:00Z"},
    });
    if let Ok(parsed) = filter::parse_with(path, dialect, &mut notes) {
        let _ = filter::matches(&parsed, &user);
    }
    let _ = filter::parse(path);
    let _ = filter::parse_attr_path(path);
    let _ = filter::parse_patch_path_with(path, dialect, &mut notes);
    let _ = provisim_core::time::instant(path);
    if let Some(body) = &body {
        if let Ok(operations) = patch::parse(body, dialect, &mut notes) {
            let mut resource = user.clone();
            let _ = patch::apply(
                &mut resource,
                &operations,
                schema::USER,
                dialect,
                &mut notes,
            );
        }
    }

    // The whole request, to an account with one provisioned user.
    let mut request = json!({"method": method, "path": path});
    if let Some(body) = body {
        request["body"] = body;
    }
    let dialect_name = if dialect == ScimDialect::Strict {
        "strict"
    } else {
        "lenient"
    };
    let scenario = json!({
        "provisim": 1,
        "settings": {"scim_dialect": dialect_name},
        "directory": [{"email": "ana@example.com", "license": "licensed"}],
        "scim": {"requests": [request]},
    });
    let answer = provisim_core::api::call("simulateScim", &scenario.to_string());
    match answer.get("type").and_then(Value::as_str) {
        Some("success") | Some("failure") => {}
        _ => panic!("an answer without its tag: {answer}"),
    }
});
