//! The SCIM directory's index of keys (issue 18): a batch through the IdP grows linearly with the
//! directory, and look-ups through the index answer as a scan of every user did.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::time::Instant;

fn scim(requests: Value, directory: Value) -> Value {
    let doc = json!({"provisim": 1, "directory": directory, "scim": {"requests": requests}});
    provisim_core::api::call("simulateScim", &doc.to_string())
}

fn patch_op(path: &str, value: Value) -> Value {
    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{"op": "replace", "path": path, "value": value}]})
}

#[test]
fn scim_01_look_ups_follow_changed_keys_deletions_and_case() {
    let directory = json!([{"email": "ana@example.com"}, {"email": "bo@example.com"}, {"email": "cy@example.com"}]);
    let requests = json!([
        // SCIM-01: userName changes; the old name no longer finds the user, the new one does.
        {"method": "PATCH", "path": "/scim2/Users/zoom-1", "body": patch_op("userName", json!("Ana.New@Example.com"))},
        {"method": "GET", "path": "/scim2/Users?filter=userName%20eq%20%22ana.new%40example.com%22"},
        {"method": "GET", "path": "/scim2/Users?filter=userName%20eq%20%22ana%40example.com%22"},
        {"method": "PATCH", "path": "/scim2/Users/zoom-2", "body": patch_op("externalId", json!("E-2"))},
        {"method": "GET", "path": "/scim2/Users?filter=externalId%20eq%20%22e-2%22"},
        // A deletion moves the users after it: they are still found by id and name.
        {"method": "DELETE", "path": "/scim2/Users/zoom-1"},
        {"method": "GET", "path": "/scim2/Users/zoom-3"},
        {"method": "GET", "path": "/scim2/Users?filter=userName%20eq%20%22CY%40example.com%22"},
        {"method": "GET", "path": "/scim2/Users/Ana.New@Example.com"},
        // SCIM-06: a new user with a taken userName is 409, found through the index.
        {"method": "POST", "path": "/scim2/Users", "body": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "BO@example.com"}},
        {"method": "POST", "path": "/scim2/Users", "body": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "d.e@example.com", "emails": [{"type": "work", "value": "dee@example.com", "primary": true}]}},
        {"method": "GET", "path": "/scim2/Users?filter=emails.value%20eq%20%22DEE%40example.com%22"}
    ]);
    let answer = scim(requests, directory);
    assert_eq!(answer["type"], "success", "{answer}");
    let results = answer["results"].as_array().unwrap();
    let total = |i: usize| results[i]["response"]["totalResults"].as_u64();
    assert_eq!(results[0]["status"], 200);
    assert_eq!(total(1), Some(1));
    assert_eq!(total(2), Some(0));
    assert_eq!(total(4), Some(1));
    assert_eq!(results[5]["status"], 204);
    assert_eq!(results[6]["status"], 200);
    assert_eq!(results[6]["response"]["userName"], "cy@example.com");
    assert_eq!(total(7), Some(1));
    assert_eq!(results[8]["status"], 404);
    assert_eq!(results[9]["status"], 409);
    assert_eq!(results[10]["status"], 201);
    assert_eq!(total(11), Some(1), "{}", results[11]);
}

/// A batch of `n` users through the IdP, a tenth already in Zoom's directory; its seconds.
fn idp_batch(n: usize) -> f64 {
    let directory: Vec<Value> = (0..n / 10)
        .map(|i| json!({"email": format!("user{i}@example.com"), "license": "licensed"}))
        .collect();
    let users: Vec<Value> = (0..n)
        .map(|i| json!({"attributes": {"userPrincipalName": format!("user{i}@example.com"), "givenName": format!("G{i}")}}))
        .collect();
    let doc = json!({
        "provisim": 1,
        "directory": directory,
        "scim": {"idp": {"users": [], "mappings": [
            {"type": "direct", "source": "userPrincipalName", "target": "userName", "matching": true},
            {"type": "direct", "source": "givenName", "target": "name.givenName"}
        ]}},
        "batch": {"through": "idp", "users": users, "summary_only": true}
    })
    .to_string();
    let start = Instant::now();
    let answer = provisim_core::api::call("simulateBatch", &doc);
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(answer["users"], n as u64, "{}", answer["errors"]);
    assert_eq!(answer["signed_in"], n as u64);
    assert_eq!(answer["created"], (n - n / 10) as u64);
    seconds
}

#[test]
fn scim_08_a_batch_through_the_idp_grows_linearly() {
    // Before the index, 2,000 users took 0.84 s and 5,000 took 7 s natively (each user scanned
    // the whole directory three times); quadratic growth makes 8× the users 64× the time. The
    // bound is generous for a debug build on a shared machine: linear time is far below it.
    let small = idp_batch(1_000);
    let large = idp_batch(8_000);
    assert!(
        large < 60.0 && large < 30.0 * small.max(0.05),
        "8,000 users took {large:.2} s, 1,000 took {small:.2} s: not linear"
    );
}
