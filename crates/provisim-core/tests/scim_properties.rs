//! Property tests of the SCIM layer: filters print and parse back to themselves, scenarios with SCIM
//! requests survive serialise → parse, and PATCH operations applied in one request equal the same
//! operations applied one request at a time (RFC 7644 §3.5.2: operations apply in sequence).
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use provisim_core::scim::filter::{self, AttrPath, CompareOp, Filter, OPERATORS};
use provisim_core::scim::{patch, schema};
use provisim_core::settings::ScimDialect;
use serde_json::{json, Value};

fn attr_path() -> impl Strategy<Value = AttrPath> {
    (
        prop::sample::select(vec!["userName", "title", "emails", "name", "active"]),
        prop::option::of(prop::sample::select(vec!["value", "type", "givenName"])),
        any::<bool>(),
    )
        .prop_map(|(name, sub, urn)| AttrPath {
            urn: urn
                .then(|| "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User".to_string()),
            name: name.to_string(),
            sub: sub.map(str::to_string),
        })
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[a-zA-Z0-9 @.\"\\\\]{0,8}".prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        (-1000i64..1000).prop_map(|n| json!(n)),
        Just(Value::Null),
    ]
}

fn filter_strategy() -> impl Strategy<Value = Filter> {
    let leaf = prop_oneof![
        attr_path().prop_map(Filter::Present),
        (attr_path(), 0..OPERATORS.len(), value()).prop_map(|(p, op, v)| Filter::Compare(
            p,
            OPERATORS[op].1,
            v
        )),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::Or(Box::new(a), Box::new(b))),
            inner.clone().prop_map(|a| Filter::Not(Box::new(a))),
            (attr_path(), inner).prop_map(|(mut p, f)| {
                p.sub = None;
                Filter::ValuePath(p, Box::new(f))
            }),
        ]
    })
}

/// A PATCH operation on attributes every user resource has a place for.
fn operation() -> impl Strategy<Value = Value> {
    let paths = vec![
        "title",
        "nickName",
        "name.givenName",
        "active",
        "emails[type eq \"work\"].value",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
    ];
    (
        prop::sample::select(vec!["add", "replace", "remove", "Replace"]),
        prop::sample::select(paths),
        "[a-z]{1,5}",
        any::<bool>(),
    )
        .prop_map(|(op, path, text, flag)| {
            let value = if path == "active" {
                json!(flag)
            } else {
                json!(text)
            };
            if op == "remove" {
                json!({"op": op, "path": path})
            } else {
                json!({"op": op, "path": path, "value": value})
            }
        })
}

fn apply(resource: &Value, operations: &[Value]) -> Result<Value, String> {
    let body = json!({"schemas": [schema::PATCH_OP], "Operations": operations});
    let mut notes = Vec::new();
    let ops = patch::parse(&body, ScimDialect::Lenient, &mut notes).map_err(|e| e.detail)?;
    let mut r = resource.clone();
    patch::apply(&mut r, &ops, schema::USER, ScimDialect::Lenient, &mut notes)
        .map_err(|e| e.detail)?;
    schema::check_resource(&mut r, schema::USER, &mut notes, true).map_err(|e| e.detail)?;
    Ok(r)
}

proptest! {
    #[test]
    fn filters_print_and_parse_back(f in filter_strategy()) {
        // SCIM-01: the RFC 7644 filter grammar, round-tripped.
        let text = f.to_string();
        let parsed = filter::parse(&text);
        prop_assert_eq!(parsed, Ok(f), "{}", text);
    }

    #[test]
    fn one_request_equals_the_same_operations_one_at_a_time(ops in prop::collection::vec(operation(), 1..8)) {
        let user = json!({"schemas": [schema::CORE_USER], "userName": "a@example.com", "active": true,
                          "emails": [{"type": "work", "value": "a@example.com"}], "name": {"givenName": "A"}});
        let together = apply(&user, &ops);
        let mut one_by_one = Ok(user.clone());
        for op in &ops {
            one_by_one = one_by_one.and_then(|r| apply(&r, std::slice::from_ref(op)));
        }
        match (together, one_by_one) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            // PATCH is atomic: when one operation fails, the whole request fails.
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "one request: {:?}; one by one: {:?}", a, b),
        }
    }

    #[test]
    fn scim_scenarios_survive_serialise_and_parse(ops in prop::collection::vec(operation(), 0..5), name in "[a-z]{1,8}") {
        let scenario = json!({"provisim": 1, "scim": {"requests": [
            {"method": "POST", "path": "/scim2/Users", "body": {"userName": format!("{name}@example.com")}},
            {"method": "PATCH", "path": format!("/scim2/Users/{name}@example.com"), "body": {"schemas": [schema::PATCH_OP], "Operations": ops}}
        ]}});
        let parsed = provisim_core::scenario::parse(&scenario.to_string()).unwrap();
        let again = provisim_core::scenario::parse(&serde_json::to_string(&parsed).unwrap()).unwrap();
        prop_assert_eq!(parsed, again);
    }
}

#[test]
fn compare_ops_are_all_printable() {
    for (name, op) in OPERATORS {
        let f = Filter::Compare(
            AttrPath {
                urn: None,
                name: "title".into(),
                sub: None,
            },
            op,
            json!("x"),
        );
        assert_eq!(f.to_string(), format!("title {name} \"x\""));
        assert!(matches!(filter::parse(&f.to_string()), Ok(Filter::Compare(_, o, _)) if o == op));
    }
    let _ = CompareOp::Eq;
}
