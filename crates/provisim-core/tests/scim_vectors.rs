//! The RFC 7643 / RFC 7644 examples (tests/vectors/scim-rfc): every file parses, and every User and
//! Group request applies with the result the RFC describes (SCIM-01, SCIM-02).
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use provisim_core::scenario;
use provisim_core::scim::schema::{self, GROUP, USER};
use provisim_core::scim::{engine, patch, ScimError};
use provisim_core::settings::ScimDialect;
use serde_json::{json, Value};

macro_rules! vector {
    ($name:literal) => {
        serde_json::from_str::<Value>(include_str!(concat!(
            "../../../tests/vectors/scim-rfc/",
            $name
        )))
        .unwrap()
    };
}

const ALL: &[(&str, &str)] = &[
    (
        "rfc7643-8.1-user-minimal.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7643-8.1-user-minimal.json"),
    ),
    (
        "rfc7643-8.2-user-full.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7643-8.2-user-full.json"),
    ),
    (
        "rfc7643-8.3-enterprise_user.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7643-8.3-enterprise_user.json"),
    ),
    (
        "rfc7643-8.4-group.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7643-8.4-group.json"),
    ),
    (
        "rfc7644-3.3-user-post_request.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7644-3.3-user-post_request.json"),
    ),
    (
        "rfc7644-3.14-user-post_request.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7644-3.14-user-post_request.json"),
    ),
    (
        "rfc7644-3.5.1-user-put_request.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7644-3.5.1-user-put_request.json"),
    ),
    (
        "rfc7644-3.4.1-user-known-resource.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7644-3.4.1-user-known-resource.json"),
    ),
    (
        "rfc7644-3.3-user-post_response.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7644-3.3-user-post_response.json"),
    ),
    (
        "rfc7644-3.5.1-user-put_response.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7644-3.5.1-user-put_response.json"),
    ),
    (
        "rfc7644-3.9-user-partial_response.json",
        include_str!("../../../tests/vectors/scim-rfc/rfc7644-3.9-user-partial_response.json"),
    ),
];

/// Every stored resource and request of the RFCs is a valid resource of its schema.
#[test]
fn every_user_and_group_resource_checks_against_the_schema() {
    for (name, text) in ALL {
        let mut value: Value = serde_json::from_str(text).unwrap();
        let core = if name.contains("group") { GROUP } else { USER };
        let result = schema::check_resource(&mut value, core, &mut Vec::new(), true);
        assert!(result.is_ok(), "{name}: {result:?}");
    }
}

#[test]
fn every_vector_file_is_json() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/scim-rfc");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let parsed: Result<Value, _> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap());
        assert!(parsed.is_ok(), "{}", path.display());
        count += 1;
    }
    assert_eq!(count, 49);
}

fn patched(
    resource: Value,
    core: &'static [schema::Attr],
    body: Value,
) -> Result<Value, ScimError> {
    let mut notes = Vec::new();
    let ops = patch::parse(&body, ScimDialect::Lenient, &mut notes)?;
    let mut r = resource;
    patch::apply(&mut r, &ops, core, ScimDialect::Lenient, &mut notes)?;
    schema::check_resource(&mut r, core, &mut notes, true)?;
    Ok(r)
}

#[test]
fn rfc7644_user_patches() {
    let user = vector!("rfc7643-8.2-user-full.json");
    // §3.5.2.1: add a home email and a nickname.
    let r = patched(
        user.clone(),
        USER,
        vector!("rfc7644-3.5.2.1-patch_op-add_emails.json"),
    )
    .unwrap();
    assert_eq!(r["nickName"], "Babs");
    assert!(r["emails"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["value"] == "babs@jensen.org" && e["type"] == "home"));
    // §3.5.2.2: remove the work emails at example.com.
    let r = patched(
        user.clone(),
        USER,
        vector!("rfc7644-3.5.2.2-patch_op-remove_multi_complex_value.json"),
    )
    .unwrap();
    let emails = r["emails"].as_array().unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["type"], "home");
    // §3.5.2.3: replace every email.
    let r = patched(
        user.clone(),
        USER,
        vector!("rfc7644-3.5.2.3-patch_op-replace_all_email_values.json"),
    )
    .unwrap();
    assert_eq!(r["emails"].as_array().unwrap().len(), 2);
    assert_eq!(r["nickName"], "Babs");
    // §3.5.2.3: replace the work address's street only.
    let r = patched(
        user.clone(),
        USER,
        vector!("rfc7644-3.5.2.3-patch_op-replace_street_address.json"),
    )
    .unwrap();
    assert_eq!(r["addresses"][0]["streetAddress"], "1010 Broadway Ave");
    assert_eq!(r["addresses"][0]["locality"], "Hollywood");
    assert_eq!(r["addresses"][1]["streetAddress"], "456 Hollywood Blvd");
    // §3.5.2.3: replace the whole work address.
    let r = patched(
        user,
        USER,
        vector!("rfc7644-3.5.2.3-patch_op-replace_user_work_address.json"),
    )
    .unwrap();
    assert_eq!(
        r["addresses"][0]["streetAddress"],
        "911 Universal City Plaza"
    );
    assert_eq!(r["addresses"][0]["country"], "US");
    assert_eq!(r["addresses"].as_array().unwrap().len(), 2);
}

#[test]
fn rfc7644_group_patches() {
    let group = vector!("rfc7643-8.4-group.json");
    let members = |r: &Value| {
        r["members"]
            .as_array()
            .map(|m| {
                m.iter()
                    .map(|x| x["value"].as_str().unwrap_or("").to_string())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let r = patched(
        group.clone(),
        GROUP,
        vector!("rfc7644-3.5.2.1-patch_op-add_members.json"),
    )
    .unwrap();
    assert_eq!(
        members(&r).len(),
        2,
        "adding an existing member does not duplicate it"
    );
    let r = patched(
        group.clone(),
        GROUP,
        vector!("rfc7644-3.5.2.2-patch_op-remove_all_members.json"),
    )
    .unwrap();
    assert!(members(&r).is_empty());
    // The RFC's example elides the id (`2819c223-7f76-...413861904646`), so as written it matches no
    // member and removes nothing; with the whole id it removes that member.
    let r = patched(
        group.clone(),
        GROUP,
        vector!("rfc7644-3.5.2.2-patch_op-remove_one_member.json"),
    )
    .unwrap();
    assert_eq!(members(&r).len(), 2);
    let whole = json!({"schemas": [schema::PATCH_OP], "Operations": [{"op": "remove", "path": "members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"}]});
    let r = patched(group.clone(), GROUP, whole).unwrap();
    assert_eq!(members(&r), vec!["902c246b-6245-4190-8e05-00816be7344a"]);
    let r = patched(
        group.clone(),
        GROUP,
        vector!("rfc7644-3.5.2.2-patch_op-remove_and_add_one_member.json"),
    )
    .unwrap();
    assert!(members(&r).contains(&"08e1d05d...473d93df9210".to_string()));
    let r = patched(
        group,
        GROUP,
        vector!("rfc7644-3.5.2.3-patch_op-replace_all_members.json"),
    )
    .unwrap();
    assert_eq!(
        members(&r),
        vec![
            "2819c223-7f76-453a-919d-413861904646",
            "08e1d05d-121c-4561-8b96-473d93df9210"
        ]
    );
}

fn run(scenario: Value) -> Value {
    provisim_core::api::call("simulateScim", &scenario.to_string())
}

#[test]
fn rfc7644_post_and_put_give_the_described_responses() {
    // §3.3: POST creates the user and returns 201 with the resource.
    let answer = run(json!({"provisim": 1, "scim": {"requests": [
        {"method": "POST", "path": "/scim2/Users", "body": vector!("rfc7644-3.3-user-post_request.json")},
        {"method": "PUT", "path": "/scim2/Users/bjensen", "body": vector!("rfc7644-3.5.1-user-put_request.json")},
        {"method": "POST", "path": "/scim2/Users", "body": vector!("rfc7644-3.14-user-post_request.json")}
    ]}}));
    assert_eq!(answer["type"], "success", "{answer}");
    let post = &answer["results"][0];
    let expected = vector!("rfc7644-3.3-user-post_response.json");
    assert_eq!(post["status"], 201);
    assert_eq!(post["response"]["userName"], expected["userName"]);
    assert_eq!(post["response"]["name"], expected["name"]);
    assert_eq!(post["response"]["externalId"], expected["externalId"]);
    // §3.5.1: PUT replaces; the response carries the new middle name and both emails.
    let put = &answer["results"][1];
    let expected = vector!("rfc7644-3.5.1-user-put_response.json");
    assert_eq!(put["status"], 200);
    assert_eq!(put["response"]["name"], expected["name"]);
    assert_eq!(put["response"]["emails"], expected["emails"]);
    // The read-only `id` the PUT body carries is ignored, not an error.
    assert_eq!(put["response"]["id"], post["response"]["id"]);
    // §3.14 posts the same userName again: 409 uniqueness (SCIM-06).
    assert_eq!(answer["results"][2]["status"], 409);
    assert_eq!(answer["results"][2]["response"]["scimType"], "uniqueness");
}

#[test]
fn error_bodies_have_the_rfc_shape() {
    let ours = ScimError::new(
        400,
        Some("mutability"),
        "Attribute 'id' is readOnly".into(),
        provisim_core::rules::SCIM_01,
    )
    .body();
    assert_eq!(ours, vector!("rfc7644-3.12-error-bad_request.json"));
    let not_found = vector!("rfc7644-3.12-error-not_found.json");
    let ours = ScimError::new(
        404,
        None,
        not_found["detail"].as_str().unwrap().to_string(),
        provisim_core::rules::SCIM_01,
    )
    .body();
    assert_eq!(ours, not_found);
}

#[test]
fn the_scenario_format_accepts_scim_requests() {
    let parsed = scenario::parse(
        &json!({"provisim": 1, "scim": {"requests": [{"method": "GET", "path": "/scim2/Users"}]}})
            .to_string(),
    );
    assert!(parsed.is_ok());
    let scenario = parsed.unwrap();
    let report = engine::simulate(&scenario.setup(), scenario.scim.as_ref().unwrap());
    assert_eq!(report.results[0].status, 200);
}
