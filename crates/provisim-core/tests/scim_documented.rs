//! The documented SCIM requests, each sent through the public API (`api::call("simulateScim", …)`)
//! with the answer its document gives (issue 16): every example request of RFC 7644, and every
//! request of Microsoft's "develop a SCIM endpoint" article. One test per request; each cites the
//! rule of RULES.md that decides Zoom's answer, and says so where Zoom's answer differs from the
//! document's.
//!
//! Where the inputs come from (copied here or into tests/vectors; nothing is read at run time):
//! - RFC 7644 (September 2015), §3.3–§4. The JSON bodies are the files of tests/vectors/scim-rfc
//!   (see its README); the request lines (paths, query strings, filters) are the RFC's text. The
//!   RFC addresses resources relative to the base; Zoom's base is `/scim2` (SCIM-01). The RFC's
//!   elided ids (`acbf3ae7-8463-...-9b4da3f908ce`) are the group id Zoom gives (`group-1`).
//! - Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft
//!   Entra ID" (learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups),
//!   as published in MicrosoftDocs/entra-docs, docs/identity/app-provisioning/
//!   use-scim-to-provision-users-and-groups.md at commit 03cc7794b575d649a067f5bf0a533300a3550e52:
//!   "SCIM protocol requests and responses" (user, group and schema operations, bodies verbatim),
//!   the `/Users` uniqueness query of "Understand the Microsoft Entra SCIM implementation", Test
//!   Connection of "Getting started", and Examples 1–6 of "Handling provisioning and
//!   deprovisioning of users"
//!   (Example 4's request line, `filter=id eq … and manager eq …&attributes=id`, is the article's
//!   earlier published text; the current one lists only its parameters, which are the same).
//!   Entra ID's tenant URL ends in `/scim` (SCIM-01 accepts it). The ids Microsoft's sample
//!   endpoint gave are given to the directory's users through `scim.identities` (SCIM-20); groups
//!   get Zoom's ids (`group-1`).
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use provisim_core::api;
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

const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const LIST: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const CORE_GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const BASE: &str = "https://api.zoom.us/scim2";

// The ids of RFC 7643 / RFC 7644's examples.
const BJENSEN: &str = "2819c223-7f76-453a-919d-413861904646";
const JSMITH: &str = "c75ad752-64ae-4823-840d-ffa80929976c";
const MANDY: &str = "902c246b-6245-4190-8e05-00816be7344a";
const JAMES: &str = "08e1d05d-121c-4561-8b96-473d93df9210";
const BOB: &str = "b7c14771-226c-4d05-8860-134711653041";
const DAVE: &str = "5d8d29d3-342c-4b5f-8683-a3cb6763ffcc";
const GONE: &str = "e9025315-6bea-44e1-899c-1e07454e468b";

// ---------------------------------------------------------------------------------------------
// Helpers

fn get(path: &str) -> Value {
    json!({"method": "GET", "path": path})
}

fn send(method: &str, path: &str, body: Value) -> Value {
    json!({"method": method, "path": path, "body": body})
}

fn delete(path: &str) -> Value {
    json!({"method": "DELETE", "path": path})
}

fn patch_ops(operations: Value) -> Value {
    json!({"schemas": [PATCH_OP], "Operations": operations})
}

fn scenario(directory: Value, identities: Value, requests: Vec<Value>) -> Value {
    json!({"provisim": 1, "directory": directory, "scim": {"identities": identities, "requests": requests}})
}

/// The same scenario in the strict dialect (SCIM-17).
fn strict(mut scenario: Value) -> Value {
    scenario["settings"] = json!({"scim_dialect": "strict"});
    scenario
}

/// The whole answer of `simulateScim`.
fn run(scenario: &Value) -> Value {
    let answer = api::call("simulateScim", &scenario.to_string());
    assert_eq!(answer["type"], "success", "{answer:#}");
    answer
}

/// The result of the last request; every request before it (the setup) succeeded.
fn last(scenario: &Value) -> Value {
    let answer = run(scenario);
    let results = answer["results"].as_array().unwrap();
    let (last, setup) = results.split_last().unwrap();
    for result in setup {
        assert!(
            result["status"].as_u64().unwrap() < 400,
            "a setup request failed: {result:#}"
        );
    }
    last.clone()
}

fn has_step(result: &Value, rule: &str) -> bool {
    result["trace"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["rule"] == rule)
}

fn has_warning(result: &Value, rule: &str) -> bool {
    result["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["rule"] == rule)
}

fn user_names(list: &Value) -> Vec<&str> {
    list["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["userName"].as_str().unwrap())
        .collect()
}

fn keys(object: &Value) -> Vec<&str> {
    object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn member_ids(group: &Value) -> Vec<&str> {
    group["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_str().unwrap())
        .collect()
}

/// The RFC's bjensen (userName `bjensen`, the id and `meta` of §3.4.1) and jsmith, as directory
/// users of the account (SCIM-20 identities).
fn rfc_users(requests: Vec<Value>) -> Value {
    scenario(
        json!([
            {"email": "bjensen@example.com", "first_name": "Barbara", "last_name": "Jensen", "license": "licensed"},
            {"email": "jsmith@example.com", "first_name": "James", "last_name": "Smith", "license": "licensed"}
        ]),
        json!([
            {"user": "bjensen@example.com", "id": BJENSEN, "userName": "bjensen", "externalId": "bjensen",
             "meta": {"created": "2011-08-01T18:29:49Z", "lastModified": "2011-08-01T18:29:49Z", "version": "W/\"f250dd84f0671c3\""}},
            {"user": "jsmith@example.com", "id": JSMITH, "userName": "jsmith"}
        ]),
        requests,
    )
}

/// RFC 7643 §8.2's full bjensen (addresses, a home email, nickName…), put in place of the
/// directory user with her id, then `requests`.
fn full_bjensen(mut requests: Vec<Value>) -> Value {
    requests.insert(
        0,
        send(
            "PUT",
            &format!("/scim2/Users/{BJENSEN}"),
            vector!("rfc7643-8.2-user-full.json"),
        ),
    );
    scenario(
        json!([{"email": "bjensen@example.com", "license": "licensed"}]),
        json!([{"user": "bjensen@example.com", "id": BJENSEN}]),
        requests,
    )
}

/// RFC 7643 §8.4's group "Tour Guides" (members Babs and Mandy), created first as `group-1`;
/// James Smith is a user too.
fn tour_guides(mut requests: Vec<Value>) -> Value {
    requests.insert(
        0,
        send("POST", "/scim2/Groups", vector!("rfc7643-8.4-group.json")),
    );
    scenario(
        json!([
            {"email": "bjensen@example.com", "first_name": "Barbara", "last_name": "Jensen", "license": "licensed"},
            {"email": "mandy@example.com", "first_name": "Mandy", "last_name": "Pepperidge", "license": "licensed"},
            {"email": "jsmith@example.com", "first_name": "James", "last_name": "Smith", "license": "licensed"}
        ]),
        json!([
            {"user": "bjensen@example.com", "id": BJENSEN},
            {"user": "mandy@example.com", "id": MANDY},
            {"user": "jsmith@example.com", "id": JAMES}
        ]),
        requests,
    )
}

/// The group after the requests, as a GET returns it.
fn group_after(requests: Vec<Value>) -> (Value, Value) {
    let mut requests = requests;
    requests.push(get("/scim2/Groups/group-1"));
    let answer = run(&tour_guides(requests));
    let results = answer["results"].as_array().unwrap();
    let n = results.len();
    (results[n - 2].clone(), results[n - 1]["response"].clone())
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 §3.3: creating resources

/// §3.3 `POST /Users` (SCIM-01, SCIM-20): 201 with the resource, its `id` and its `meta`. Zoom
/// gives its own ids (`zoom-1`; the RFC's server gave a UUID) and its own location base. The
/// userName `bjensen` is no email address and no work email is sent, so the Zoom user's email is
/// `bjensen`, with a warning (SCIM-02). (userName, name and externalId: scim_vectors.rs.)
#[test]
fn rfc7644_3_3_post_creates_the_user_with_its_id_and_meta() {
    let post = last(&scenario(
        json!([]),
        json!([]),
        vec![send(
            "POST",
            "/scim2/Users",
            vector!("rfc7644-3.3-user-post_request.json"),
        )],
    ));
    assert_eq!(post["status"], 201);
    let r = &post["response"];
    let id = r["id"].as_str().unwrap();
    assert!(!id.is_empty());
    assert_eq!(r["schemas"], json!([CORE_USER]));
    assert_eq!(r["meta"]["resourceType"], "User");
    assert_eq!(r["meta"]["created"], r["meta"]["lastModified"]);
    assert_eq!(r["meta"]["location"], format!("{BASE}/Users/{id}"));
    assert!(r["meta"]["version"].as_str().unwrap().starts_with("W/\""));
    assert!(has_warning(&post, "SCIM-02"), "{post:#}");
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 §3.4: retrieving resources

/// §3.4.1 `GET /Users/2819c223-…` (SCIM-01, SCIM-20): 200 with the known resource and its
/// `meta`. Zoom keeps `meta` to the second (provisim's clock, SCIM-20: `18:29:49.793Z` is
/// `18:29:49Z`); its location is Zoom's; phoneNumbers are not part of a Zoom directory user.
#[test]
fn rfc7644_3_4_1_get_returns_the_known_resource() {
    let got = last(&rfc_users(vec![get(&format!("/scim2/Users/{BJENSEN}"))]));
    let expected = vector!("rfc7644-3.4.1-user-known-resource.json");
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["id"], expected["id"]);
    assert_eq!(r["userName"], expected["userName"]);
    assert_eq!(r["externalId"], expected["externalId"]);
    assert_eq!(r["emails"][0]["value"], expected["emails"][0]["value"]);
    assert_eq!(r["emails"][0]["type"], "work");
    assert_eq!(r["name"]["givenName"], expected["name"]["givenName"]);
    assert_eq!(r["name"]["familyName"], expected["name"]["familyName"]);
    assert_eq!(r["meta"]["resourceType"], "User");
    assert_eq!(r["meta"]["created"], "2011-08-01T18:29:49Z");
    assert_eq!(r["meta"]["lastModified"], "2011-08-01T18:29:49Z");
    assert_eq!(r["meta"]["version"], "W/\"f250dd84f0671c3\"");
    assert_eq!(r["meta"]["location"], format!("{BASE}/Users/{BJENSEN}"));
}

/// §3.4.2 `GET /Users?attributes=userName` (SCIM-20): a ListResponse of the two users with only
/// `id` and `userName`. Zoom also returns `schemas` (with `id`, always returned, SCIM-20) and
/// `startIndex` / `itemsPerPage` (RFC 7644 §3.4.2 lists them for a paged answer).
#[test]
fn rfc7644_3_4_2_list_with_attributes_returns_only_those() {
    let got = last(&rfc_users(vec![get("/scim2/Users?attributes=userName")]));
    let expected = vector!("rfc7644-3.4.2-list_response-partial_attributes.json");
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["schemas"], expected["schemas"]);
    assert_eq!(r["totalResults"], expected["totalResults"]);
    for (ours, theirs) in r["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .zip(expected["Resources"].as_array().unwrap())
    {
        assert_eq!(ours["id"], theirs["id"]);
        assert_eq!(ours["userName"], theirs["userName"]);
        assert_eq!(keys(ours), vec!["id", "schemas", "userName"], "{ours:#}");
    }
}

// §3.4.2.2: the example filters, against one directory. Two users predate the requests
// (`legacy`, last modified exactly at the RFC's instant, and `older`, before it); four are
// created by POST: bjensen (Employee, Tour Guide, an xmpp ims, the enterprise schema listed),
// JOMalley (Intern, O'Malley, at example.org), jsmith (Intern, Manager, a home email at
// example.com) and mmouse (Contractor, at example.net, an xmpp ims at foo.com).

fn filtered(filter: &str) -> Vec<String> {
    let post = |body: Value| send("POST", "/scim2/Users", body);
    let s = scenario(
        json!([
            {"email": "legacy@example.com", "license": "licensed"},
            {"email": "older@example.com", "license": "licensed"}
        ]),
        json!([
            {"user": "legacy@example.com", "id": "legacy", "userName": "legacy",
             "meta": {"created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z"}},
            {"user": "older@example.com", "id": "older", "userName": "older",
             "meta": {"created": "2010-01-23T04:56:22Z", "lastModified": "2010-01-23T04:56:22Z"}}
        ]),
        vec![
            post(
                json!({"schemas": [CORE_USER, ENTERPRISE], "userName": "bjensen", "name": {"familyName": "Jensen"},
                "title": "Tour Guide", "userType": "Employee", "emails": [{"type": "work", "value": "bjensen@example.com"}],
                "ims": [{"type": "xmpp", "value": "babs@foo.com"}], ENTERPRISE: {"department": "Tours"}}),
            ),
            post(
                json!({"schemas": [CORE_USER], "userName": "JOMalley", "name": {"familyName": "O'Malley"},
                "userType": "Intern", "emails": [{"type": "work", "value": "jo@example.org"}]}),
            ),
            post(
                json!({"schemas": [CORE_USER], "userName": "jsmith", "name": {"familyName": "Smith"}, "title": "Manager",
                "userType": "Intern", "emails": [{"type": "work", "value": "jsmith@example.net"}, {"type": "home", "value": "james@example.com"}]}),
            ),
            post(
                json!({"schemas": [CORE_USER], "userName": "mmouse", "userType": "Contractor",
                "emails": [{"type": "work", "value": "mickey@example.net"}], "ims": [{"type": "xmpp", "value": "mickey@foo.com"}]}),
            ),
            get(&format!("/scim2/Users?filter={filter}")),
        ],
    );
    let got = last(&s);
    assert_eq!(got["status"], 200, "{filter}: {got:#}");
    assert_eq!(got["response"]["schemas"], json!([LIST]));
    let names: Vec<String> = user_names(&got["response"])
        .into_iter()
        .map(str::to_string)
        .collect();
    assert_eq!(got["response"]["totalResults"], names.len());
    names
}

/// §3.4.2.2 `filter=userName eq "bjensen"`, percent-encoded as on the wire (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_filter_user_name_eq() {
    assert_eq!(filtered("userName%20eq%20%22bjensen%22"), ["bjensen"]);
}

/// §3.4.2.2 `filter=name.familyName co "O'Malley"` (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_filter_family_name_co() {
    assert_eq!(filtered(r#"name.familyName co "O'Malley""#), ["JOMalley"]);
}

/// §3.4.2.2 `filter=userName sw "J"` (SCIM-01): userName is not caseExact, so `jsmith` too.
#[test]
fn rfc7644_3_4_2_2_filter_user_name_sw() {
    assert_eq!(filtered(r#"userName sw "J""#), ["JOMalley", "jsmith"]);
}

/// §3.4.2.2 `filter=urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"` (SCIM-01): the
/// core schema URN names the same attribute (RFC 7644 §3.10). It matched no one before this test.
#[test]
fn rfc7644_3_4_2_2_filter_fully_qualified_user_name_sw() {
    assert_eq!(
        filtered(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#),
        ["JOMalley", "jsmith"]
    );
}

/// §3.4.2.2 `filter=title pr` (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_filter_title_pr() {
    assert_eq!(filtered("title pr"), ["bjensen", "jsmith"]);
}

/// §3.4.2.2 `filter=meta.lastModified gt "2011-05-13T04:42:34Z"` (SCIM-20: `meta` from the
/// logical clock; the users created by POST are modified in 2024).
#[test]
fn rfc7644_3_4_2_2_filter_last_modified_gt() {
    assert_eq!(
        filtered(r#"meta.lastModified gt "2011-05-13T04:42:34Z""#),
        ["bjensen", "JOMalley", "jsmith", "mmouse"]
    );
}

/// §3.4.2.2 `filter=meta.lastModified ge "2011-05-13T04:42:34Z"` (SCIM-20).
#[test]
fn rfc7644_3_4_2_2_filter_last_modified_ge() {
    assert_eq!(
        filtered(r#"meta.lastModified ge "2011-05-13T04:42:34Z""#),
        ["legacy", "bjensen", "JOMalley", "jsmith", "mmouse"]
    );
}

/// §3.4.2.2 `filter=meta.lastModified lt "2011-05-13T04:42:34Z"` (SCIM-20).
#[test]
fn rfc7644_3_4_2_2_filter_last_modified_lt() {
    assert_eq!(
        filtered(r#"meta.lastModified lt "2011-05-13T04:42:34Z""#),
        ["older"]
    );
}

/// §3.4.2.2 `filter=meta.lastModified le "2011-05-13T04:42:34Z"` (SCIM-20).
#[test]
fn rfc7644_3_4_2_2_filter_last_modified_le() {
    assert_eq!(
        filtered(r#"meta.lastModified le "2011-05-13T04:42:34Z""#),
        ["legacy", "older"]
    );
}

/// §3.4.2.2 `filter=title pr and userType eq "Employee"` (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_filter_title_pr_and_user_type_eq() {
    assert_eq!(
        filtered(r#"title pr and userType eq "Employee""#),
        ["bjensen"]
    );
}

/// §3.4.2.2 `filter=title pr or userType eq "Intern"` (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_filter_title_pr_or_user_type_eq() {
    assert_eq!(
        filtered(r#"title pr or userType eq "Intern""#),
        ["bjensen", "JOMalley", "jsmith"]
    );
}

/// §3.4.2.2 `filter=schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`
/// (SCIM-01): the users whose resource lists the enterprise schema; Zoom lists it for its
/// directory users (`legacy`, `older`), and bjensen was sent with it.
#[test]
fn rfc7644_3_4_2_2_filter_schemas_eq_enterprise() {
    assert_eq!(
        filtered(&format!(r#"schemas eq "{ENTERPRISE}""#)),
        ["legacy", "older", "bjensen"]
    );
}

/// §3.4.2.2 `filter=userType eq "Employee" and (emails co "example.com" or emails.value co
/// "example.org")` (SCIM-01): a complex attribute compared without a sub-attribute is compared by
/// its `value`.
#[test]
fn rfc7644_3_4_2_2_filter_and_a_grouped_or() {
    assert_eq!(
        filtered(
            r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#
        ),
        ["bjensen"]
    );
}

/// §3.4.2.2 `filter=userType ne "Employee" and not (emails co "example.com" or emails.value co
/// "example.org")` (SCIM-01): only mmouse has no email at either.
#[test]
fn rfc7644_3_4_2_2_filter_ne_and_not() {
    assert_eq!(
        filtered(
            r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#
        ),
        ["mmouse"]
    );
}

/// §3.4.2.2 `filter=userType eq "Employee" and (emails.type eq "work")` (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_filter_sub_attribute_of_a_multi_valued_attribute() {
    assert_eq!(
        filtered(r#"userType eq "Employee" and (emails.type eq "work")"#),
        ["bjensen"]
    );
}

/// §3.4.2.2 `filter=userType eq "Employee" and emails[type eq "work" and value co "@example.com"]`
/// (SCIM-01): both conditions on the same email.
#[test]
fn rfc7644_3_4_2_2_filter_value_path() {
    assert_eq!(
        filtered(
            r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#
        ),
        ["bjensen"]
    );
}

/// §3.4.2.2 `filter=emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and
/// value co "@foo.com"]` (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_filter_two_value_paths() {
    assert_eq!(
        filtered(
            r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#
        ),
        ["legacy", "older", "bjensen", "mmouse"]
    );
}

fn john(filter: &str) -> Value {
    last(&scenario(
        json!([{"email": "john@example.com", "license": "licensed"}, {"email": "jane@example.com", "license": "licensed"}]),
        json!([{"user": "john@example.com", "userName": "john"}]),
        vec![get(&format!("/scim2/Users?filter={filter}"))],
    ))
}

/// §3.4.2.2 `filter=userName Eq "john"` (SCIM-01): operators are case-insensitive.
#[test]
fn rfc7644_3_4_2_2_filter_operator_ignores_case() {
    let got = john(r#"userName Eq "john""#);
    assert_eq!(got["status"], 200);
    assert_eq!(user_names(&got["response"]), ["john"]);
}

/// §3.4.2.2 `filter=Username eq "john"` (SCIM-01): attribute names are case-insensitive.
#[test]
fn rfc7644_3_4_2_2_filter_attribute_name_ignores_case() {
    let got = john(r#"Username eq "john""#);
    assert_eq!(got["status"], 200);
    assert_eq!(user_names(&got["response"]), ["john"]);
}

/// §3.4.2.2: a filter that is not of the grammar is 400 `invalidFilter` (SCIM-01).
#[test]
fn rfc7644_3_4_2_2_malformed_filter_is_invalid_filter() {
    let got = john(r#"userName eq "john" and"#);
    assert_eq!(got["status"], 400);
    assert_eq!(got["response"]["scimType"], "invalidFilter");
    assert_eq!(got["response"]["schemas"], json!([ERROR]));
}

/// §3.4.2.3 `sortBy=userName&sortOrder=descending`: sorting is OPTIONAL; Zoom's endpoint does not
/// sort (`sort.supported` false, an Assumption of SCIM-18), so the list comes in the directory's
/// order and the trace says the parameters were ignored (SCIM-20).
#[test]
fn rfc7644_3_4_2_3_sort_by_is_ignored() {
    let got = last(&rfc_users(vec![get(
        "/scim2/Users?sortBy=userName&sortOrder=descending",
    )]));
    assert_eq!(got["status"], 200);
    assert_eq!(user_names(&got["response"]), ["bjensen", "jsmith"]);
    assert!(has_step(&got, "SCIM-20"), "{got:#}");
}

fn hundred_users(request: Value) -> Value {
    let directory: Vec<Value> = (1..=100)
        .map(|i| json!({"email": format!("user{i:03}@example.com"), "license": "basic"}))
        .collect();
    last(&scenario(Value::Array(directory), json!([]), vec![request]))
}

/// §3.4.2.4 `GET /Users?startIndex=1&count=10` (SCIM-20): totalResults 100, itemsPerPage 10,
/// startIndex 1.
#[test]
fn rfc7644_3_4_2_4_first_page() {
    let got = hundred_users(get("/scim2/Users?startIndex=1&count=10"));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["totalResults"], 100);
    assert_eq!(r["itemsPerPage"], 10);
    assert_eq!(r["startIndex"], 1);
    assert_eq!(r["Resources"].as_array().unwrap().len(), 10);
    assert_eq!(user_names(r)[0], "user001@example.com");
}

/// §3.4.2.4 "to continue paging, set startIndex to 11": `GET /Users?startIndex=11&count=10`
/// (SCIM-20).
#[test]
fn rfc7644_3_4_2_4_next_page() {
    let got = hundred_users(get("/scim2/Users?startIndex=11&count=10"));
    let r = &got["response"];
    assert_eq!(r["totalResults"], 100);
    assert_eq!(r["itemsPerPage"], 10);
    assert_eq!(r["startIndex"], 11);
    assert_eq!(user_names(r).first(), Some(&"user011@example.com"));
    assert_eq!(user_names(r).last(), Some(&"user020@example.com"));
}

/// §3.4.3 `POST /.search` with the RFC's SearchRequest (SCIM-20): users and groups whose
/// displayName starts with "smith", with only `displayName` and `userName` (and `id`, `schemas`).
/// The RFC's server had 100 matches; this directory has a user and a group.
#[test]
fn rfc7644_3_4_3_post_search_at_the_root() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![
            send(
                "POST",
                "/scim2/Users",
                json!({"schemas": [CORE_USER], "userName": "jsmith", "displayName": "Smith, James",
                "emails": [{"type": "work", "value": "jsmith@example.com"}]}),
            ),
            send(
                "POST",
                "/scim2/Users",
                json!({"schemas": [CORE_USER], "userName": "bjensen", "displayName": "Babs Jensen",
                "emails": [{"type": "work", "value": "bjensen@example.com"}]}),
            ),
            send(
                "POST",
                "/scim2/Groups",
                json!({"schemas": [CORE_GROUP], "displayName": "Smith Family"}),
            ),
            send(
                "POST",
                "/scim2/.search",
                vector!("rfc7644-3.4.3-search_request.json"),
            ),
        ],
    ));
    let expected = vector!("rfc7644-3.4.3-list_response-post_query.json");
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["schemas"], expected["schemas"]);
    assert_eq!(r["startIndex"], 1);
    assert_eq!(r["totalResults"], 2);
    assert_eq!(r["itemsPerPage"], 2);
    let resources = r["Resources"].as_array().unwrap();
    assert_eq!(resources[0]["userName"], "jsmith");
    assert_eq!(
        resources[0]["displayName"],
        expected["Resources"][0]["displayName"]
    );
    assert_eq!(
        keys(&resources[0]),
        ["displayName", "id", "schemas", "userName"]
    );
    assert_eq!(
        resources[1]["displayName"],
        expected["Resources"][1]["displayName"]
    );
    assert_eq!(keys(&resources[1]), ["displayName", "id", "schemas"]);
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 §3.5: modifying resources

/// §3.5.1 `PUT /Users/2819c223-…` (SCIM-01, SCIM-20): 200 with the replaced resource; `created`
/// stays, `lastModified` is the request's time and the version changes. (The name, emails and
/// the ignored read-only `id`: scim_vectors.rs.) The RFC's emails carry no `type`, so the Zoom
/// user has no work email and its email becomes the userName `bjensen`, with a warning (SCIM-02).
#[test]
fn rfc7644_3_5_1_put_replaces_the_resource() {
    let put = last(&rfc_users(vec![send(
        "PUT",
        &format!("/scim2/Users/{BJENSEN}"),
        vector!("rfc7644-3.5.1-user-put_request.json"),
    )]));
    assert_eq!(put["status"], 200);
    let r = &put["response"];
    assert_eq!(r["id"], BJENSEN);
    assert_eq!(r["name"]["middleName"], "Jane");
    assert_eq!(r["meta"]["created"], "2011-08-01T18:29:49Z");
    assert_eq!(r["meta"]["lastModified"], "2024-01-01T00:00:01Z");
    assert_ne!(r["meta"]["version"], "W/\"f250dd84f0671c3\"");
    assert_eq!(r["meta"]["location"], format!("{BASE}/Users/{BJENSEN}"));
    assert!(has_warning(&put, "SCIM-02"), "{put:#}");
}

/// §3.5.2.1 `PATCH /Groups/acbf3ae7-…` adding Babs, already a member (SCIM-01): "no changes
/// should be made to the resource, and a success response should be returned"; Zoom answers a
/// Group PATCH 204 No Content, which §3.5.2 allows (and Entra ID documents).
#[test]
fn rfc7644_3_5_2_1_add_a_member_already_there() {
    let (patch, group) = group_after(vec![send(
        "PATCH",
        "/scim2/Groups/group-1",
        vector!("rfc7644-3.5.2.1-patch_op-add_members.json"),
    )]);
    assert_eq!(patch["status"], 204, "{patch:#}");
    assert!(patch["response"].is_null());
    assert_eq!(member_ids(&group), [BJENSEN, MANDY]);
    assert_eq!(group["meta"]["version"], "W/\"1\"", "unchanged");
}

/// §3.5.2: "200 OK … the entire resource …, subject to the attributes query parameter": a Group
/// PATCH with `?attributes=members` answers 200 with the members (SCIM-01).
#[test]
fn rfc7644_3_5_2_patch_with_attributes_returns_the_resource() {
    let (patch, _) = group_after(vec![send(
        "PATCH",
        "/scim2/Groups/group-1?attributes=members",
        vector!("rfc7644-3.5.2.1-patch_op-add_members.json"),
    )]);
    assert_eq!(patch["status"], 200, "{patch:#}");
    assert_eq!(member_ids(&patch["response"]), [BJENSEN, MANDY]);
    assert!(patch["response"]["displayName"].is_null());
}

/// §3.5.2.1 `PATCH /Users/2819c223-…` adding a home email and a nickname without a `path`
/// (SCIM-01): 200; `nickname` is `nickName` (attribute names ignore case, RFC 7643 §2.1); the
/// work email stays, and so does the Zoom user's email (SCIM-02).
#[test]
fn rfc7644_3_5_2_1_add_attributes_without_a_path() {
    let got = last(&rfc_users(vec![send(
        "PATCH",
        &format!("/scim2/Users/{BJENSEN}"),
        vector!("rfc7644-3.5.2.1-patch_op-add_emails.json"),
    )]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["nickName"], "Babs");
    assert!(r.get("nickname").is_none());
    assert_eq!(
        r["emails"],
        json!([{"value": "bjensen@example.com", "type": "work", "primary": true}, {"value": "babs@jensen.org", "type": "home"}])
    );
    assert_eq!(got["user"], "bjensen@example.com");
}

/// §3.5.2.2 `PATCH /Groups/acbf3ae7-…` removing every member (SCIM-01): 204, no member left.
#[test]
fn rfc7644_3_5_2_2_remove_all_members() {
    let (patch, group) = group_after(vec![send(
        "PATCH",
        "/scim2/Groups/group-1",
        vector!("rfc7644-3.5.2.2-patch_op-remove_all_members.json"),
    )]);
    assert_eq!(patch["status"], 204);
    assert_eq!(group["members"], json!([]));
}

/// §3.5.2.2 removing one member, `members[value eq "2819c223-7f76-...413861904646"]` (SCIM-01):
/// the RFC elides the id, so as written the filter matches no member and nothing is removed (a
/// `remove` whose filter matches nothing is not an error); with the whole id, Babs is removed.
#[test]
fn rfc7644_3_5_2_2_remove_one_member() {
    let (patch, group) = group_after(vec![send(
        "PATCH",
        "/scim2/Groups/group-1",
        vector!("rfc7644-3.5.2.2-patch_op-remove_one_member.json"),
    )]);
    assert_eq!(patch["status"], 204);
    assert_eq!(member_ids(&group), [BJENSEN, MANDY]);
    let whole =
        patch_ops(json!([{"op": "remove", "path": format!("members[value eq \"{BJENSEN}\"]")}]));
    let (patch, group) = group_after(vec![send("PATCH", "/scim2/Groups/group-1", whole)]);
    assert_eq!(patch["status"], 204);
    assert_eq!(member_ids(&group), [MANDY]);
}

/// §3.5.2.2 removing the work emails at example.com, `emails[type eq "work" and value ew
/// "example.com"]`, from RFC 7643 §8.2's bjensen (SCIM-01): 200, the home email is left. With no
/// work email, the Zoom email is the userName, `bjensen@example.com`: unchanged (SCIM-02).
#[test]
fn rfc7644_3_5_2_2_remove_values_matching_a_filter() {
    let got = last(&full_bjensen(vec![send(
        "PATCH",
        &format!("/scim2/Users/{BJENSEN}"),
        vector!("rfc7644-3.5.2.2-patch_op-remove_multi_complex_value.json"),
    )]));
    assert_eq!(got["status"], 200);
    assert_eq!(
        got["response"]["emails"],
        json!([{"value": "babs@jensen.org", "type": "home"}])
    );
    assert_eq!(got["user"], "bjensen@example.com");
}

/// §3.5.2.2 removing one member and adding another (SCIM-01). As written the RFC elides both ids
/// (`08e1d05d...473d93df9210`): the member added is not a user of the directory, and Zoom refuses
/// the whole PATCH with 400 `invalidValue` (a member is an existing user, SCIM-01) — the group
/// is unchanged. With the whole ids: 204, Babs out, James in.
#[test]
fn rfc7644_3_5_2_2_remove_one_member_and_add_another() {
    let (patch, group) = group_after(vec![send(
        "PATCH",
        "/scim2/Groups/group-1",
        vector!("rfc7644-3.5.2.2-patch_op-remove_and_add_one_member.json"),
    )]);
    assert_eq!(patch["status"], 400);
    assert_eq!(patch["response"]["scimType"], "invalidValue");
    assert_eq!(member_ids(&group), [BJENSEN, MANDY]);
    let whole = patch_ops(json!([
        {"op": "remove", "path": format!("members[value eq \"{BJENSEN}\"]")},
        {"op": "add", "path": "members", "value": [{"display": "James Smith", "value": JAMES}]}
    ]));
    let (patch, group) = group_after(vec![send("PATCH", "/scim2/Groups/group-1", whole)]);
    assert_eq!(patch["status"], 204);
    assert_eq!(member_ids(&group), [MANDY, JAMES]);
}

/// §3.5.2.3 replacing every member (remove all, then add Babs and James) (SCIM-01): 204.
#[test]
fn rfc7644_3_5_2_3_replace_all_members() {
    let (patch, group) = group_after(vec![send(
        "PATCH",
        "/scim2/Groups/group-1",
        vector!("rfc7644-3.5.2.3-patch_op-replace_all_members.json"),
    )]);
    assert_eq!(patch["status"], 204);
    assert_eq!(member_ids(&group), [BJENSEN, JAMES]);
    let names: Vec<&str> = group["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["display"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bjensen@example.com", "jsmith@example.com"]);
}

/// §3.5.2.3 replacing every email (and the nickname) without a path (SCIM-01): 200 with exactly
/// the two emails sent; the work email is the same, so is the Zoom email (SCIM-02).
#[test]
fn rfc7644_3_5_2_3_replace_all_email_values() {
    let got = last(&rfc_users(vec![send(
        "PATCH",
        &format!("/scim2/Users/{BJENSEN}"),
        vector!("rfc7644-3.5.2.3-patch_op-replace_all_email_values.json"),
    )]));
    assert_eq!(got["status"], 200);
    let sent = vector!("rfc7644-3.5.2.3-patch_op-replace_all_email_values.json");
    assert_eq!(
        got["response"]["emails"],
        sent["Operations"][0]["value"]["emails"]
    );
    assert_eq!(got["response"]["nickName"], "Babs");
    assert_eq!(got["user"], "bjensen@example.com");
}

/// §3.5.2.3 replacing the work address, `addresses[type eq "work"]` (SCIM-01): 200; the home
/// address stays.
#[test]
fn rfc7644_3_5_2_3_replace_the_work_address() {
    let got = last(&full_bjensen(vec![send(
        "PATCH",
        &format!("/scim2/Users/{BJENSEN}"),
        vector!("rfc7644-3.5.2.3-patch_op-replace_user_work_address.json"),
    )]));
    assert_eq!(got["status"], 200);
    let addresses = got["response"]["addresses"].as_array().unwrap();
    assert_eq!(addresses.len(), 2);
    assert_eq!(addresses[0]["streetAddress"], "911 Universal City Plaza");
    assert_eq!(addresses[1]["type"], "home");
}

/// §3.5.2.3 replacing one sub-attribute of the work address,
/// `addresses[type eq "work"].streetAddress` (SCIM-01): 200; its other sub-attributes stay.
#[test]
fn rfc7644_3_5_2_3_replace_the_work_street_address() {
    let got = last(&full_bjensen(vec![send(
        "PATCH",
        &format!("/scim2/Users/{BJENSEN}"),
        vector!("rfc7644-3.5.2.3-patch_op-replace_street_address.json"),
    )]));
    assert_eq!(got["status"], 200);
    let work = &got["response"]["addresses"][0];
    assert_eq!(work["streetAddress"], "1010 Broadway Ave");
    assert_eq!(work["postalCode"], "91608");
}

/// RFC 7643 §4.1.1 (and §8.2's full user, put above): `password` is returned never, as Zoom's
/// `/Schemas` says. It used to come back in every answer; it is neither kept nor returned
/// (SCIM-01).
#[test]
fn rfc7643_password_is_never_returned() {
    let answer = run(&full_bjensen(vec![get(&format!("/scim2/Users/{BJENSEN}"))]));
    for result in answer["results"].as_array().unwrap() {
        assert_eq!(result["status"], 200);
        assert!(result["response"].get("password").is_none(), "{result:#}");
    }
    assert!(has_step(&answer["results"][0], "SCIM-01"));
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 §3.6: deleting resources

/// §3.6 `DELETE /Users/2819c223-…` (SCIM-01): 204 No Content, and the user is gone.
#[test]
fn rfc7644_3_6_delete_answers_204() {
    let answer = run(&rfc_users(vec![delete(&format!("/scim2/Users/{BJENSEN}"))]));
    let deleted = &answer["results"][0];
    assert_eq!(deleted["status"], 204);
    assert!(deleted["response"].is_null());
    assert!(answer["directory"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["id"] != BJENSEN));
}

/// §3.6 the GET of the deleted user (SCIM-01): 404 with the RFC's error body (its detail is
/// Zoom's wording).
#[test]
fn rfc7644_3_6_get_after_delete_is_404() {
    let got = last(&rfc_users(vec![
        delete(&format!("/scim2/Users/{BJENSEN}")),
        get(&format!("/scim2/Users/{BJENSEN}")),
    ]));
    let expected = vector!("rfc7644-3.6-error-not_found.json");
    assert_eq!(got["status"], 404);
    assert_eq!(got["response"]["schemas"], expected["schemas"]);
    assert_eq!(got["response"]["status"], expected["status"]);
    assert!(got["response"].get("scimType").is_none());
    assert!(got["response"]["detail"]
        .as_str()
        .unwrap()
        .contains(BJENSEN));
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 §3.7: bulk operations (SCIM-18: Zoom's endpoint takes them, an Assumption; SCIM-19)

/// §3.7.1 two groups that are members of each other (SCIM-19): the RFC says the server "MUST try
/// to resolve circular cross-references … but MAY stop after a failed attempt and instead return
/// HTTP status code 409". The RFC's result (each group a member of the other) cannot exist in
/// Zoom, whose groups hold users only (SCIM-01): both operations are 409 and no group is created.
/// (RULES.md SCIM-19 says a cycle is resolved by creating the first resource without the
/// reference; the engine answers 409, as scim-19-bulk.json records.)
#[test]
fn rfc7644_3_7_1_circular_references_are_409() {
    let answer = run(&scenario(
        json!([]),
        json!([]),
        vec![send(
            "POST",
            "/scim2/Bulk",
            vector!("rfc7644-3.7.1-bulk_request-circular_conflict.json"),
        )],
    ));
    let bulk = &answer["results"][0];
    assert_eq!(bulk["status"], 200);
    let lines = bulk["response"]["Operations"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    for line in lines {
        assert_eq!(line["status"], "409", "{line:#}");
        assert_eq!(line["response"]["schemas"], json!([ERROR]));
    }
    assert_eq!(answer["groups"], json!([]));
}

/// §3.7.2 `bulkId` as a temporary identifier: Alice, then the group "Tour Guides" whose member
/// is `bulkId:qwerty` (SCIM-19): 200 BulkResponse, both 201 with their location and version; the
/// group's member is Alice. Alice's userName is no address and no work email is sent: her Zoom
/// email is `Alice`, with a warning (SCIM-02).
#[test]
fn rfc7644_3_7_2_bulk_id_is_a_temporary_identifier() {
    let answer = run(&scenario(
        json!([]),
        json!([]),
        vec![send(
            "POST",
            "/scim2/Bulk",
            vector!("rfc7644-3.7.2-bulk_request-temporary_identifier.json"),
        )],
    ));
    let bulk = &answer["results"][0];
    let expected = vector!("rfc7644-3.7.2-bulk_response-temporary_identifier.json");
    assert_eq!(bulk["status"], 200);
    assert_eq!(bulk["response"]["schemas"], expected["schemas"]);
    let lines = bulk["response"]["Operations"].as_array().unwrap();
    for (ours, theirs) in lines.iter().zip(expected["Operations"].as_array().unwrap()) {
        assert_eq!(ours["method"], theirs["method"]);
        assert_eq!(ours["bulkId"], theirs["bulkId"]);
        assert_eq!(ours["status"], theirs["status"]);
        assert!(ours["version"].as_str().unwrap().starts_with("W/"));
    }
    assert_eq!(lines[0]["location"], format!("{BASE}/Users/zoom-1"));
    assert_eq!(lines[1]["location"], format!("{BASE}/Groups/group-1"));
    assert_eq!(answer["groups"][0]["display_name"], "Tour Guides");
    assert_eq!(answer["groups"][0]["members"], json!(["Alice"]));
    assert!(has_warning(bulk, "SCIM-02"));
}

/// §3.7.2 `bulkId` in an enterprise attribute: Bob's manager is `bulkId:qwerty`, Alice (SCIM-19):
/// both 201, and Bob's `manager.value` is Alice's id.
#[test]
fn rfc7644_3_7_2_bulk_id_in_the_manager() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![
            send(
                "POST",
                "/scim2/Bulk",
                vector!("rfc7644-3.7.2-bulk_request-enterprise_user.json"),
            ),
            get("/scim2/Users?filter=userName eq \"Bob\""),
        ],
    ));
    let bob = &got["response"]["Resources"][0];
    assert_eq!(bob[ENTERPRISE]["employeeNumber"], "11250");
    assert_eq!(bob[ENTERPRISE]["manager"]["value"], "zoom-1");
}

/// The directory of §3.7.3: Bob, Dave and the user to delete, with the versions the RFC's request
/// expects (SCIM-20 identities).
fn bulk_users(versions: [&str; 3]) -> (Value, Value) {
    (
        json!([
            {"email": "bob@example.com", "license": "licensed"},
            {"email": "dave@example.com", "license": "licensed"},
            {"email": "gone@example.com", "license": "licensed"}
        ]),
        json!([
            {"user": "bob@example.com", "id": BOB, "userName": "bob", "meta": {"version": versions[0]}},
            {"user": "dave@example.com", "id": DAVE, "userName": "dave", "meta": {"version": versions[1]}},
            {"user": "gone@example.com", "id": GONE, "meta": {"version": versions[2]}}
        ]),
    )
}

/// §3.7.3 POST, PUT, PATCH and DELETE in one request, `failOnErrors` 1, each with the version it
/// expects (SCIM-19): 201, 200, 200, 204, each with its location, and a version for the resources
/// that remain. The RFC's versions are written `W\/"…"` (JSON's escaped slash): the same
/// versions. (Alice's `schemas` names `…:api:messages:2.0:User`, a slip of the RFC; Zoom reads
/// the body as a User.)
#[test]
fn rfc7644_3_7_3_every_operation_succeeds() {
    let (directory, identities) = bulk_users([
        "W/\"3694e05e9dff591\"",
        "W/\"edac3253e2c0ef2\"",
        "W/\"0ee8add0a938e1a\"",
    ]);
    let answer = run(&scenario(
        directory,
        identities,
        vec![send(
            "POST",
            "/scim2/Bulk",
            vector!("rfc7644-3.7.3-bulk_request-multiple_operations.json"),
        )],
    ));
    let bulk = &answer["results"][0];
    let expected = vector!("rfc7644-3.7.3-bulk_response-multiple_operations.json");
    assert_eq!(bulk["status"], 200);
    let lines = bulk["response"]["Operations"].as_array().unwrap();
    let theirs = expected["Operations"].as_array().unwrap();
    assert_eq!(lines.len(), theirs.len());
    for (ours, theirs) in lines.iter().zip(theirs) {
        assert_eq!(ours["method"], theirs["method"]);
        assert_eq!(ours["status"], theirs["status"], "{ours:#}");
        assert_eq!(ours["version"].is_null(), theirs["version"].is_null());
    }
    assert_eq!(lines[0]["location"], format!("{BASE}/Users/zoom-1"));
    assert_eq!(lines[1]["location"], format!("{BASE}/Users/{BOB}"));
    assert_eq!(lines[2]["location"], format!("{BASE}/Users/{DAVE}"));
    assert_eq!(lines[3]["location"], format!("{BASE}/Users/{GONE}"));
    let directory = answer["directory"].as_array().unwrap();
    assert!(directory.iter().all(|u| u["id"] != GONE));
}

/// §3.7.3 "if an error occurred when attempting to create the User Alice": with `failOnErrors` 1
/// the server stops and returns the error only (SCIM-19). The RFC does not say what the error
/// was; here Alice's POST has no `data`, which is 400 `invalidSyntax` as in the RFC's answer.
#[test]
fn rfc7644_3_7_3_fail_on_errors_stops_at_the_first_error() {
    let (directory, identities) = bulk_users([
        "W/\"3694e05e9dff591\"",
        "W/\"edac3253e2c0ef2\"",
        "W/\"0ee8add0a938e1a\"",
    ]);
    let mut body = vector!("rfc7644-3.7.3-bulk_request-multiple_operations.json");
    body["Operations"][0]
        .as_object_mut()
        .unwrap()
        .remove("data");
    let answer = run(&scenario(
        directory,
        identities,
        vec![send("POST", "/scim2/Bulk", body)],
    ));
    let bulk = &answer["results"][0];
    let expected = vector!("rfc7644-3.7.3-bulk_response-error_invalid_syntax.json");
    assert_eq!(bulk["status"], 200);
    let lines = bulk["response"]["Operations"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "{bulk:#}");
    assert_eq!(lines[0]["method"], expected["Operations"][0]["method"]);
    assert_eq!(lines[0]["bulkId"], expected["Operations"][0]["bulkId"]);
    assert_eq!(lines[0]["status"], "400");
    assert_eq!(lines[0]["response"]["scimType"], "invalidSyntax");
    assert!(lines[0].get("location").is_none(), "a failed POST has none");
    assert_eq!(
        answer["directory"].as_array().unwrap().len(),
        3,
        "nothing else ran"
    );
}

/// §3.7.3 without `failOnErrors`, every operation fails: the POST (400 `invalidSyntax`, no
/// location), the PUT and PATCH whose versions have changed (412), the DELETE of a user that does
/// not exist (404) (SCIM-19). Each failed line but the POST carries its location, which RFC 7644
/// §3.7 requires and the 412 lines used to lack.
#[test]
fn rfc7644_3_7_3_every_operation_fails() {
    let (directory, identities) = bulk_users(["W/\"4\"", "W/\"4\"", "W/\"1\""]);
    let directory = json!([directory[0], directory[1]]);
    let identities = json!([identities[0], identities[1]]);
    let mut body = vector!("rfc7644-3.7.3-bulk_request-multiple_operations.json");
    body.as_object_mut().unwrap().remove("failOnErrors");
    body["Operations"][0]
        .as_object_mut()
        .unwrap()
        .remove("data");
    let answer = run(&scenario(
        directory,
        identities,
        vec![send("POST", "/scim2/Bulk", body)],
    ));
    let bulk = &answer["results"][0];
    let expected = vector!("rfc7644-3.7.3-bulk_response-multiple_errors.json");
    let lines = bulk["response"]["Operations"].as_array().unwrap();
    let theirs = expected["Operations"].as_array().unwrap();
    assert_eq!(lines.len(), theirs.len());
    for (ours, theirs) in lines.iter().zip(theirs) {
        assert_eq!(ours["method"], theirs["method"]);
        assert_eq!(ours["status"], theirs["status"], "{ours:#}");
        assert_eq!(
            ours["location"],
            theirs["location"]
                .as_str()
                .map(|l| l.replace("https://example.com/v2", BASE))
                .map_or(Value::Null, Value::from)
        );
        assert_eq!(ours["response"]["schemas"], json!([ERROR]));
        assert_eq!(ours["response"]["scimType"], theirs["response"]["scimType"]);
    }
}

/// §3.7.4 a bulk request larger than `maxPayloadSize` (1 MiB, an Assumption of SCIM-18): 413
/// with exactly the RFC's error body (SCIM-19).
#[test]
fn rfc7644_3_7_4_payload_too_large() {
    let big = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [
        {"method": "POST", "path": "/Users", "bulkId": "q", "data": {"schemas": [CORE_USER], "userName": "x".repeat(1_048_576)}}
    ]});
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![send("POST", "/scim2/Bulk", big)],
    ));
    assert_eq!(got["status"], 413);
    assert_eq!(
        got["response"],
        vector!("rfc7644-3.7.4-error-payload_too_large.json")
    );
}

/// §3.7.4 more operations than `maxOperations` (1000, an Assumption of SCIM-18): 413 too
/// (SCIM-19), and none is applied.
#[test]
fn rfc7644_3_7_4_too_many_operations() {
    let operations: Vec<Value> = (0..1001)
        .map(|i| json!({"method": "DELETE", "path": format!("/Users/zoom-{i}")}))
        .collect();
    let body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": operations});
    let answer = run(&rfc_users(vec![send("POST", "/scim2/Bulk", body)]));
    let got = &answer["results"][0];
    assert_eq!(got["status"], 413);
    assert!(got["response"]["detail"]
        .as_str()
        .unwrap()
        .contains("maxOperations (1000)"));
    assert_eq!(answer["directory"].as_array().unwrap().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 §3.9, §3.11, §3.12, §3.14

/// §3.9 `GET /Users/2819c223-…?attributes=userName` (SCIM-20): only `schemas`, `id` and
/// `userName`. Zoom's `schemas` lists its extensions too.
#[test]
fn rfc7644_3_9_attributes_of_one_resource() {
    let got = last(&rfc_users(vec![get(&format!(
        "/scim2/Users/{BJENSEN}?attributes=userName"
    ))]));
    let expected = vector!("rfc7644-3.9-user-partial_response.json");
    assert_eq!(got["status"], 200);
    assert_eq!(keys(&got["response"]), keys(&expected));
    assert_eq!(got["response"]["id"], expected["id"]);
    assert_eq!(got["response"]["userName"], expected["userName"]);
}

/// §3.11 `/Me`: "A service provider that does NOT support this feature SHOULD respond with HTTP
/// status code 501 (Not Implemented)". Zoom documents no `/Me` (SCIM-18); it used to be 404.
#[test]
fn rfc7644_3_11_me_is_not_implemented() {
    for request in [
        get("/scim2/Me"),
        send(
            "PATCH",
            "/scim2/Me",
            patch_ops(json!([{"op": "replace", "path": "nickName", "value": "Babs"}])),
        ),
    ] {
        let got = last(&rfc_users(vec![request]));
        assert_eq!(got["status"], 501, "{got:#}");
        assert_eq!(got["response"]["schemas"], json!([ERROR]));
        assert_eq!(got["response"]["status"], "501");
    }
}

/// §3.12 the `mutability` error, "Attribute 'id' is readOnly" (SCIM-01). The RFC's example answers
/// a PUT, while its §3.5.1 says a read-only value in a PUT "SHALL be ignored", which Zoom does;
/// a PATCH of `id` is refused with this error.
#[test]
fn rfc7644_3_12_changing_id_is_a_mutability_error() {
    let expected = vector!("rfc7644-3.12-error-bad_request.json");
    let got = last(&rfc_users(vec![send(
        "PATCH",
        &format!("/scim2/Users/{BJENSEN}"),
        patch_ops(json!([{"op": "replace", "path": "id", "value": "other"}])),
    )]));
    assert_eq!(got["status"], 400);
    assert_eq!(got["response"]["schemas"], expected["schemas"]);
    assert_eq!(got["response"]["scimType"], expected["scimType"]);
    assert_eq!(got["response"]["status"], expected["status"]);
    let put = last(&rfc_users(vec![send(
        "PUT",
        &format!("/scim2/Users/{BJENSEN}"),
        json!({"schemas": [CORE_USER], "id": "other", "userName": "bjensen", "emails": [{"type": "work", "value": "bjensen@example.com"}]}),
    )]));
    assert_eq!(put["status"], 200);
    assert_eq!(put["response"]["id"], BJENSEN);
}

/// §3.12 the 404 of a resource that does not exist (SCIM-01): the RFC's body, no `scimType`.
#[test]
fn rfc7644_3_12_unknown_resource_is_404() {
    let got = last(&rfc_users(vec![get(
        "/scim2/Users/2819c223-7f76-453a-919d-000000000000",
    )]));
    let expected = vector!("rfc7644-3.12-error-not_found.json");
    assert_eq!(got["status"], 404);
    assert_eq!(keys(&got["response"]), keys(&expected));
    assert_eq!(got["response"]["status"], expected["status"]);
}

/// §3.14 `POST /Users` (SCIM-20, SCIM-18's ETag Assumption): 201 with `meta.version`, the weak
/// ETag; a GET returns the same version until the resource changes. The RFC's
/// `If-None-Match: W/"e180ee84f0671b1"` (304 Not Modified) and `If-Match` headers cannot be
/// sent: a simulated request has no headers. A version is checked only as a bulk operation's
/// `version` (412 when it no longer matches, in rfc7644_3_7_3_every_operation_fails).
#[test]
fn rfc7644_3_14_versions() {
    let answer = run(&scenario(
        json!([]),
        json!([]),
        vec![
            send(
                "POST",
                "/scim2/Users",
                vector!("rfc7644-3.14-user-post_request.json"),
            ),
            get("/scim2/Users/zoom-1"),
            send(
                "PATCH",
                "/scim2/Users/zoom-1",
                patch_ops(json!([{"op": "add", "path": "nickName", "value": "Babs"}])),
            ),
        ],
    ));
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results[0]["status"], 201);
    let version = results[0]["response"]["meta"]["version"].as_str().unwrap();
    assert!(version.starts_with("W/\""), "{version}");
    assert_eq!(results[1]["response"]["meta"]["version"], version);
    assert_ne!(results[2]["response"]["meta"]["version"], version);
}

// ---------------------------------------------------------------------------------------------
// RFC 7644 §4: service provider configuration endpoints (SCIM-18)

/// §4 `GET /ServiceProviderConfig` (SCIM-18): Zoom's one description of its endpoint; PATCH and
/// filters are documented, the rest are SCIM-18's Assumptions; OAuth bearer tokens (SCIM-16).
#[test]
fn rfc7644_4_service_provider_config() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![get("/scim2/ServiceProviderConfig")],
    ));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(
        r["schemas"],
        json!(["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"])
    );
    assert_eq!(r["patch"]["supported"], true);
    assert_eq!(r["filter"], json!({"supported": true, "maxResults": 100}));
    assert_eq!(
        r["bulk"],
        json!({"supported": true, "maxOperations": 1000, "maxPayloadSize": 1_048_576})
    );
    assert_eq!(r["sort"]["supported"], false);
    assert_eq!(r["etag"]["supported"], true);
    assert_eq!(r["changePassword"]["supported"], false);
    assert_eq!(r["authenticationSchemes"][0]["type"], "oauthbearertoken");
}

/// §4 `GET /ResourceTypes` (SCIM-18): a ListResponse of User and Group, as the RFC's Figure. Zoom
/// does not require the enterprise extension (the RFC's example does) and adds its own.
#[test]
fn rfc7644_4_resource_types() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![get("/scim2/ResourceTypes")],
    ));
    let expected = vector!("rfc7644-4-list_response-resource_types.json");
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["schemas"], expected["schemas"]);
    assert_eq!(r["totalResults"], expected["totalResults"]);
    for (ours, theirs) in r["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .zip(expected["Resources"].as_array().unwrap())
    {
        for key in ["schemas", "id", "name", "endpoint", "description", "schema"] {
            assert_eq!(ours[key], theirs[key], "{key}");
        }
        assert_eq!(ours["meta"]["resourceType"], "ResourceType");
        assert_eq!(
            ours["meta"]["location"],
            format!("{BASE}/ResourceTypes/{}", theirs["id"].as_str().unwrap())
        );
    }
    assert_eq!(
        r["Resources"][0]["schemaExtensions"][0]["schema"],
        ENTERPRISE
    );
    assert_eq!(r["Resources"][0]["schemaExtensions"][0]["required"], false);
}

/// §4 `GET /ResourceTypes/User` (SCIM-18): the single object, as a single User is returned.
#[test]
fn rfc7644_4_one_resource_type() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![get("/scim2/ResourceTypes/User")],
    ));
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"]["id"], "User");
    assert_eq!(got["response"]["endpoint"], "/Users");
}

/// §4 `GET /Schemas` (SCIM-18): a ListResponse of every schema Zoom checks requests with.
#[test]
fn rfc7644_4_schemas() {
    let got = last(&scenario(json!([]), json!([]), vec![get("/scim2/Schemas")]));
    assert_eq!(got["status"], 200);
    let ids: Vec<&str> = got["response"]["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            CORE_USER,
            CORE_GROUP,
            ENTERPRISE,
            "urn:ietf:params:scim:schemas:extension:zoom:1.0:User"
        ]
    );
}

/// §4 `GET /Schemas/urn:ietf:params:scim:schemas:core:2.0:User` (SCIM-18): one schema.
#[test]
fn rfc7644_4_one_schema() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![get(&format!("/scim2/Schemas/{CORE_USER}"))],
    ));
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"]["id"], CORE_USER);
    assert_eq!(got["response"]["meta"]["resourceType"], "Schema");
}

/// §4: on `/ResourceTypes` and `/Schemas`, "If a filter is provided, the service provider SHOULD
/// respond with HTTP status code 403 (Forbidden)" (SCIM-18); they used to answer 200 with every
/// resource, as if all matched.
#[test]
fn rfc7644_4_a_filter_on_discovery_is_403() {
    for path in [
        "/scim2/ResourceTypes?filter=name eq \"User\"",
        "/scim2/Schemas?filter=id eq \"urn:ietf:params:scim:schemas:core:2.0:User\"",
    ] {
        let got = last(&scenario(json!([]), json!([]), vec![get(path)]));
        assert_eq!(got["status"], 403, "{path}: {got:#}");
        assert_eq!(got["response"]["schemas"], json!([ERROR]));
    }
}

/// §4: on `/ResourceTypes` and `/Schemas`, "Query parameters …, such as filtering, sorting, and
/// pagination, SHALL be ignored" (SCIM-18): every schema comes back; they used to be paged.
#[test]
fn rfc7644_4_paging_on_discovery_is_ignored() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![get("/scim2/Schemas?startIndex=2&count=1")],
    ));
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"]["totalResults"], 4);
    assert_eq!(got["response"]["startIndex"], 1);
    assert_eq!(got["response"]["Resources"].as_array().unwrap().len(), 4);
    assert!(has_step(&got, "SCIM-18"));
}

// ---------------------------------------------------------------------------------------------
// Microsoft Entra ID, "develop a SCIM endpoint": user operations

const ENTRA_USER: &str = "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee";
const ENTRA_EMAIL: &str = "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com";

fn entra_create_body() -> Value {
    json!({
        "schemas": [CORE_USER, ENTERPRISE],
        "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
        "userName": ENTRA_USER,
        "active": true,
        "emails": [{"primary": true, "type": "work", "value": ENTRA_EMAIL}],
        "meta": {"resourceType": "User"},
        "name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
        "roles": []
    })
}

/// The user of the article's Get User, with the id and externalId its sample endpoint gave
/// (SCIM-20 identities).
fn entra_user(requests: Vec<Value>) -> Value {
    scenario(
        json!([{"email": ENTRA_EMAIL, "first_name": "givenName", "last_name": "familyName", "license": "licensed"}]),
        json!([{"user": ENTRA_EMAIL, "id": "5d48a0a8e9f04aa38008", "externalId": "58342554-38d6-4ec8-948c-50044d0a33fd", "userName": ENTRA_USER}]),
        requests,
    )
}

/// The users of the article's updates: 6764549bef60420686bc (multi-valued) and
/// 5171a35d82074e068ce2 (single-valued, Disable, Delete: Larry Harris, userName
/// deanruiz@testuser.com, work email gloversuzanne@testuser.com, as its Disable User response).
fn entra_users_to_update(requests: Vec<Value>) -> Value {
    scenario(
        json!([
            {"email": ENTRA_EMAIL, "first_name": "givenName", "last_name": "familyName", "license": "licensed"},
            {"email": "gloversuzanne@testuser.com", "first_name": "Larry", "last_name": "Harris", "license": "licensed"}
        ]),
        json!([
            {"user": ENTRA_EMAIL, "id": "6764549bef60420686bc", "externalId": "6c75de36-30fa-4d2d-a196-6bdcdb6b6539", "userName": ENTRA_USER},
            {"user": "gloversuzanne@testuser.com", "id": "5171a35d82074e068ce2", "externalId": "aa1eca08-7179-4eeb-a0be-a519f7e5cd1a", "userName": "deanruiz@testuser.com"}
        ]),
        requests,
    )
}

/// Entra ID's Create User, `POST /Users` (SCIM-01, SCIM-02, SCIM-20): 201 with `id`, the
/// externalId, userName, name, `active` and the work email sent, and `meta` with `created` =
/// `lastModified`. The id is Zoom's (the article's 48af03ac28ad4fb88478 is its sample
/// endpoint's). The Zoom user's email is the work email (SCIM-02). The same in the strict dialect.
#[test]
fn entra_create_user() {
    for s in [
        scenario(
            json!([]),
            json!([]),
            vec![send("POST", "/scim/Users", entra_create_body())],
        ),
        strict(scenario(
            json!([]),
            json!([]),
            vec![send("POST", "/scim/Users", entra_create_body())],
        )),
    ] {
        let got = last(&s);
        assert_eq!(got["status"], 201, "{got:#}");
        let r = &got["response"];
        let sent = entra_create_body();
        assert!(!r["id"].as_str().unwrap().is_empty());
        for key in ["externalId", "userName", "name", "active", "emails"] {
            assert_eq!(r[key], sent[key], "{key}");
        }
        assert_eq!(r["meta"]["resourceType"], "User");
        assert_eq!(r["meta"]["created"], r["meta"]["lastModified"]);
        assert_eq!(got["user"], ENTRA_EMAIL);
    }
}

/// Entra ID's Get User, `GET /Users/5d48a0a8e9f04aa38008` (SCIM-01, SCIM-20): 200 with the user.
#[test]
fn entra_get_user() {
    let got = last(&entra_user(vec![get("/scim/Users/5d48a0a8e9f04aa38008")]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["id"], "5d48a0a8e9f04aa38008");
    assert_eq!(r["externalId"], "58342554-38d6-4ec8-948c-50044d0a33fd");
    assert_eq!(r["userName"], ENTRA_USER);
    assert_eq!(
        r["name"],
        json!({"givenName": "givenName", "familyName": "familyName"})
    );
    assert_eq!(r["active"], true);
    assert_eq!(
        r["emails"],
        json!([{"value": ENTRA_EMAIL, "type": "work", "primary": true}])
    );
    assert_eq!(r["meta"]["resourceType"], "User");
}

/// Entra ID's Get User of one that does not exist, `GET /Users/5171a35d82074e068ce2` (SCIM-01):
/// 404 with the error schema and `status` ("The detail isn't required, only status").
#[test]
fn entra_get_user_not_found() {
    let got = last(&entra_user(vec![get("/scim/Users/5171a35d82074e068ce2")]));
    assert_eq!(got["status"], 404);
    assert_eq!(got["response"]["schemas"], json!([ERROR]));
    assert_eq!(got["response"]["status"], "404");
}

/// Entra ID's Get User by query, `GET /Users?filter=userName eq "Test_User_…"` (SCIM-01,
/// SCIM-20): a ListResponse of the one user, startIndex 1. The article's sample says
/// `itemsPerPage` 20, its page size; RFC 7644 §3.4.2 defines it as the number of resources
/// returned, so Zoom says 1.
#[test]
fn entra_get_user_by_query() {
    let got = last(&entra_user(vec![get(&format!(
        "/scim/Users?filter=userName eq \"{ENTRA_USER}\""
    ))]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["schemas"], json!([LIST]));
    assert_eq!(r["totalResults"], 1);
    assert_eq!(r["startIndex"], 1);
    assert_eq!(r["itemsPerPage"], 1);
    assert_eq!(r["Resources"][0]["userName"], ENTRA_USER);
    assert_eq!(r["Resources"][0]["emails"][0]["value"], ENTRA_EMAIL);
}

/// Entra ID's Get User by query - Zero results, `GET /Users?filter=userName eq "non-existent
/// user"` (SCIM-01, SCIM-20): 200 with an empty ListResponse (`itemsPerPage` 0, see above).
#[test]
fn entra_get_user_by_query_zero_results() {
    let got = last(&entra_user(vec![get(
        "/scim/Users?filter=userName eq \"non-existent user\"",
    )]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["schemas"], json!([LIST]));
    assert_eq!(r["totalResults"], 0);
    assert_eq!(r["Resources"], json!([]));
    assert_eq!(r["startIndex"], 1);
}

/// Entra ID's Test Connection "queries the SCIM endpoint for a user that doesn't exist, using a
/// random GUID as the matching property … The expected correct response is HTTP 200 OK with an
/// empty SCIM ListResponse message" (SCIM-01, SCIM-08: userName is the matching attribute).
#[test]
fn entra_test_connection() {
    let got = last(&entra_user(vec![get(
        "/scim/Users?filter=userName eq \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"",
    )]));
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"]["totalResults"], 0);
    assert_eq!(got["response"]["Resources"], json!([]));
}

/// Entra ID's requirement for `/Users`: uniqueness evaluated on `emails[type eq "work"]` must be
/// queryable as `emails[type eq "work"].value eq "…"` (SCIM-20; SCIM-06: Zoom keys users by email).
#[test]
fn entra_get_user_by_work_email() {
    let got = last(&entra_user(vec![get(&format!(
        "/scim/Users?filter=emails[type eq \"work\"].value eq \"{ENTRA_EMAIL}\""
    ))]));
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"]["totalResults"], 1);
    assert_eq!(
        got["response"]["Resources"][0]["id"],
        "5d48a0a8e9f04aa38008"
    );
}

/// Entra ID's Update User [Multi-valued properties], `PATCH /Users/6764549bef60420686bc` with
/// `"op": "Replace"` and `path: emails[type eq "work"].value` (SCIM-01, SCIM-02, SCIM-14): 200
/// with the new work email and family name; the Zoom user's email becomes the new work email
/// (SCIM-02: SCIM updates it), and the capitalised op is noted (SCIM-14). The article's sample
/// also rewrites `name.formatted`; Zoom stores what is sent ("Values sent should be stored in
/// the same format they were sent", the article's own guideline) and derives nothing.
#[test]
fn entra_update_user_multi_valued() {
    let got = last(&entra_users_to_update(vec![send(
        "PATCH",
        "/scim/Users/6764549bef60420686bc",
        json!({
            "schemas": [PATCH_OP],
            "Operations": [
                {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com"},
                {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}
            ]
        }),
    )]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["id"], "6764549bef60420686bc");
    assert_eq!(r["externalId"], "6c75de36-30fa-4d2d-a196-6bdcdb6b6539");
    assert_eq!(r["userName"], ENTRA_USER);
    assert_eq!(r["name"]["familyName"], "updatedFamilyName");
    assert_eq!(r["name"]["givenName"], "givenName");
    assert_eq!(r["active"], true);
    assert_eq!(
        r["emails"],
        json!([{"value": "updatedEmail@microsoft.com", "type": "work", "primary": true}])
    );
    assert_eq!(got["user"], "updatedEmail@microsoft.com");
    assert!(has_step(&got, "SCIM-14"));
}

/// Entra ID's Update User [Single-valued properties], `PATCH /Users/5171a35d82074e068ce2`
/// replacing `userName` (SCIM-01, SCIM-02): 200 with the new userName; the work email, and so
/// the Zoom user's email, is unchanged.
#[test]
fn entra_update_user_single_valued() {
    let got = last(&entra_users_to_update(vec![send(
        "PATCH",
        "/scim/Users/5171a35d82074e068ce2",
        json!({"schemas": [PATCH_OP], "Operations": [{"op": "Replace", "path": "userName", "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]}),
    )]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["id"], "5171a35d82074e068ce2");
    assert_eq!(r["externalId"], "aa1eca08-7179-4eeb-a0be-a519f7e5cd1a");
    assert_eq!(
        r["userName"],
        "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
    );
    assert_eq!(r["emails"][0]["value"], "gloversuzanne@testuser.com");
    assert_eq!(got["user"], "gloversuzanne@testuser.com");
}

/// Entra ID's Disable User, `PATCH /Users/5171a35d82074e068ce2` replacing `active` with `false`
/// (SCIM-02): 200 with `active: false`, and the Zoom user is deactivated. The article's response
/// shows another id than the one patched and `resourceType` "Users": Zoom answers the patched id
/// and "User" (RFC 7643 §3.1).
#[test]
fn entra_disable_user() {
    let answer = run(&entra_users_to_update(vec![send(
        "PATCH",
        "/scim/Users/5171a35d82074e068ce2",
        json!({"Operations": [{"op": "Replace", "path": "active", "value": false}], "schemas": [PATCH_OP]}),
    )]));
    let got = &answer["results"][0];
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["active"], false);
    assert_eq!(r["userName"], "deanruiz@testuser.com");
    assert_eq!(
        r["name"],
        json!({"familyName": "Harris", "givenName": "Larry"})
    );
    assert_eq!(
        r["emails"],
        json!([{"value": "gloversuzanne@testuser.com", "type": "work", "primary": true}])
    );
    assert_eq!(r["meta"]["resourceType"], "User");
    let user = answer["directory"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "5171a35d82074e068ce2")
        .unwrap();
    assert_eq!(user["user"]["active"], false);
}

/// Entra ID's Delete User, `DELETE /Users/5171a35d82074e068ce2` (SCIM-01): 204 No Content.
#[test]
fn entra_delete_user() {
    let answer = run(&entra_users_to_update(vec![delete(
        "/scim/Users/5171a35d82074e068ce2",
    )]));
    let got = &answer["results"][0];
    assert_eq!(got["status"], 204);
    assert!(got["response"].is_null());
    assert_eq!(answer["directory"].as_array().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Microsoft Entra ID, "develop a SCIM endpoint": group operations

const ENTRA_MEMBER: &str = "f648f8d5ea4e4cd38e9c";

/// The article's Create Group first (as `group-1`: Zoom gives group ids), then `requests`; the
/// member it adds, f648f8d5ea4e4cd38e9c, is a user of the directory (SCIM-01: a member is a user).
fn entra_group(mut requests: Vec<Value>) -> Value {
    requests.insert(
        0,
        send(
            "POST",
            "/scim/Groups",
            json!({
                "schemas": [CORE_GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
                "displayName": "displayName",
                "meta": {"resourceType": "Group"}
            }),
        ),
    );
    scenario(
        json!([{"email": "member@testuser.com", "license": "licensed"}]),
        json!([{"user": "member@testuser.com", "id": ENTRA_MEMBER}]),
        requests,
    )
}

fn entra_add_member() -> Value {
    send(
        "PATCH",
        "/scim/Groups/group-1",
        json!({"schemas": [PATCH_OP], "Operations": [{"op": "Add", "path": "members", "value": [{"$ref": null, "value": ENTRA_MEMBER}]}]}),
    )
}

/// Entra ID's Create Group, `POST /Groups` (SCIM-01, SCIM-20): 201 with `id`, the externalId and
/// displayName, an empty members list ("Groups are created with an empty members list") and
/// `meta`; `schemas` is the core Group schema, as the article's response.
#[test]
fn entra_create_group() {
    let answer = run(&entra_group(vec![]));
    let got = &answer["results"][0];
    assert_eq!(got["status"], 201);
    let r = &got["response"];
    assert_eq!(r["schemas"], json!([CORE_GROUP]));
    assert_eq!(r["id"], "group-1");
    assert_eq!(r["externalId"], "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
    assert_eq!(r["displayName"], "displayName");
    assert_eq!(r["members"], json!([]));
    assert_eq!(r["meta"]["resourceType"], "Group");
    assert_eq!(r["meta"]["created"], r["meta"]["lastModified"]);
}

/// Entra ID's Get Group, `GET /Groups/{id}?excludedAttributes=members` (SCIM-20): 200 with the
/// group and no `members`.
#[test]
fn entra_get_group() {
    let got = last(&entra_group(vec![
        entra_add_member(),
        get("/scim/Groups/group-1?excludedAttributes=members"),
    ]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["id"], "group-1");
    assert_eq!(r["externalId"], "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
    assert_eq!(r["displayName"], "displayName");
    assert_eq!(r["meta"]["resourceType"], "Group");
    assert!(r.get("members").is_none(), "{r:#}");
}

/// Entra ID's Get Group by displayName, `GET /Groups?excludedAttributes=members&filter=displayName
/// eq "displayName"` (SCIM-01, SCIM-20): a ListResponse of the group, without members.
#[test]
fn entra_get_group_by_display_name() {
    let got = last(&entra_group(vec![
        entra_add_member(),
        get("/scim/Groups?excludedAttributes=members&filter=displayName eq \"displayName\""),
    ]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["schemas"], json!([LIST]));
    assert_eq!(r["totalResults"], 1);
    assert_eq!(r["startIndex"], 1);
    assert_eq!(r["Resources"][0]["id"], "group-1");
    assert_eq!(r["Resources"][0]["displayName"], "displayName");
    assert!(r["Resources"][0].get("members").is_none());
}

/// Entra ID's Update Group [Non-member attributes], replacing `displayName` (SCIM-01, SCIM-14):
/// 204 No Content, and the group is renamed.
#[test]
fn entra_update_group_non_member_attributes() {
    let answer = run(&entra_group(vec![send(
        "PATCH",
        "/scim/Groups/group-1",
        json!({"schemas": [PATCH_OP], "Operations": [{"op": "Replace", "path": "displayName", "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}),
    )]));
    let got = &answer["results"][1];
    assert_eq!(got["status"], 204);
    assert!(got["response"].is_null());
    assert_eq!(
        answer["groups"][0]["display_name"],
        "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"
    );
}

/// Entra ID's Update Group [Add Members], `"op": "Add"` with `"$ref": null` (SCIM-01, SCIM-20:
/// null is unassigned): 204 No Content, and the user is a member.
#[test]
fn entra_update_group_add_members() {
    let answer = run(&entra_group(vec![entra_add_member()]));
    let got = &answer["results"][1];
    assert_eq!(got["status"], 204);
    assert!(got["response"].is_null());
    assert_eq!(
        answer["groups"][0]["members"],
        json!(["member@testuser.com"])
    );
}

/// Entra ID's Update Group [Remove Members], `"op": "Remove"` with the members as the value
/// (SCIM-01): 204 No Content, and the group has no member left.
#[test]
fn entra_update_group_remove_members() {
    let answer = run(&entra_group(vec![
        entra_add_member(),
        send(
            "PATCH",
            "/scim/Groups/group-1",
            json!({"schemas": [PATCH_OP], "Operations": [{"op": "Remove", "path": "members", "value": [{"$ref": null, "value": ENTRA_MEMBER}]}]}),
        ),
    ]));
    let got = &answer["results"][2];
    assert_eq!(got["status"], 204);
    assert!(got["response"].is_null());
    assert_eq!(answer["groups"][0]["members"], json!([]));
}

/// Entra ID's Delete Group, `DELETE /Groups/{id}` (SCIM-01): 204 No Content, and the group is gone.
#[test]
fn entra_delete_group() {
    let answer = run(&entra_group(vec![delete("/scim/Groups/group-1")]));
    let got = &answer["results"][1];
    assert_eq!(got["status"], 204);
    assert!(got["response"].is_null());
    assert_eq!(answer["groups"], json!([]));
}

fn has_null(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.iter().any(has_null),
        Value::Object(object) => object.values().any(has_null),
        _ => false,
    }
}

/// Entra ID's Discover schema, `GET /Schemas` (SCIM-18): a ListResponse with the User, Group and
/// enterprise User schemas, whose attributes have camel-cased property values and no null value
/// ("If a value isn't present, don't send null values"). Zoom has a fourth, its own extension
/// (SCIM-13), so totalResults is 4 where the article's sample has 3.
#[test]
fn entra_discover_schema() {
    let got = last(&scenario(json!([]), json!([]), vec![get("/scim/Schemas")]));
    assert_eq!(got["status"], 200);
    let r = &got["response"];
    assert_eq!(r["schemas"], json!([LIST]));
    assert_eq!(r["totalResults"], 4);
    assert!(!has_null(r));
    let schema = |id: &str| {
        r["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    let attribute = |schema: &Value, name: &str| {
        schema["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()
            .clone()
    };
    let user_name = attribute(&schema(CORE_USER), "userName");
    assert_eq!(user_name["type"], "string");
    assert_eq!(user_name["required"], true);
    assert_eq!(user_name["mutability"], "readWrite");
    assert_eq!(user_name["uniqueness"], "server");
    assert_eq!(
        attribute(&schema(CORE_GROUP), "displayName")["type"],
        "string"
    );
    assert_eq!(
        attribute(&schema(ENTERPRISE), "employeeNumber")["mutability"],
        "readWrite"
    );
    assert_eq!(schema(CORE_USER)["meta"]["resourceType"], "Schema");
}

/// Every documented Entra ID operation above gets the same status in the strict dialect: strict
/// differs only where Entra ID's requests break RFC 7644 (SCIM-17), which Examples 1, 2, 4 and 5
/// below do; the capitalised ops are SCIM-14, read in both dialects.
#[test]
fn entra_documented_operations_are_the_same_in_strict() {
    let cases = [
        entra_user(vec![
            get("/scim/Users/5d48a0a8e9f04aa38008"),
            get("/scim/Users/5171a35d82074e068ce2"),
            get(&format!("/scim/Users?filter=userName eq \"{ENTRA_USER}\"")),
            get("/scim/Users?filter=userName eq \"non-existent user\""),
            get(&format!(
                "/scim/Users?filter=emails[type eq \"work\"].value eq \"{ENTRA_EMAIL}\""
            )),
            get("/scim/Schemas"),
        ]),
        entra_users_to_update(vec![
            send(
                "PATCH",
                "/scim/Users/6764549bef60420686bc",
                json!({"schemas": [PATCH_OP], "Operations": [
                {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com"},
                {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}]}),
            ),
            send(
                "PATCH",
                "/scim/Users/5171a35d82074e068ce2",
                json!({"schemas": [PATCH_OP], "Operations": [
                {"op": "Replace", "path": "userName", "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]}),
            ),
            send(
                "PATCH",
                "/scim/Users/5171a35d82074e068ce2",
                json!({"Operations": [{"op": "Replace", "path": "active", "value": false}], "schemas": [PATCH_OP]}),
            ),
            delete("/scim/Users/5171a35d82074e068ce2"),
        ]),
        entra_group(vec![
            get("/scim/Groups/group-1?excludedAttributes=members"),
            get("/scim/Groups?excludedAttributes=members&filter=displayName eq \"displayName\""),
            send(
                "PATCH",
                "/scim/Groups/group-1",
                json!({"schemas": [PATCH_OP], "Operations": [
                {"op": "Replace", "path": "displayName", "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}),
            ),
            entra_add_member(),
            send(
                "PATCH",
                "/scim/Groups/group-1",
                json!({"schemas": [PATCH_OP], "Operations": [
                {"op": "Remove", "path": "members", "value": [{"$ref": null, "value": ENTRA_MEMBER}]}]}),
            ),
            delete("/scim/Groups/group-1"),
        ]),
    ];
    let statuses = |answer: &Value| -> Vec<u64> {
        answer["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].as_u64().unwrap())
            .collect()
    };
    let expected: [&[u64]; 3] = [
        &[200, 404, 200, 200, 200, 200],
        &[200, 200, 200, 204],
        &[201, 200, 200, 204, 204, 204, 204],
    ];
    for (case, expected) in cases.iter().zip(expected) {
        assert_eq!(statuses(&run(case)), expected);
        assert_eq!(statuses(&run(&strict(case.clone()))), expected);
    }
}

// ---------------------------------------------------------------------------------------------
// Microsoft Entra ID, "develop a SCIM endpoint": Examples 1–6 of "Handling provisioning and
// deprovisioning of users". Where they break RFC 7644 (SCIM-17), the default (lenient) reads them
// as meant, with a note; strict answers as the RFC says.

const JYOUNG: &str = "a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1";
const MANAGER: &str = "00aa00aa-bb11-cc22-dd33-44ee44ee44ee";

/// jyoung (the user of Examples 3–6, with its id) and their manager, as directory users.
fn jyoung(requests: Vec<Value>) -> Value {
    scenario(
        json!([
            {"email": "jyoung@contoso.com", "first_name": "Joy", "last_name": "Young", "license": "licensed"},
            {"email": "manager@contoso.com", "license": "licensed"}
        ]),
        json!([
            {"user": "jyoung@contoso.com", "id": JYOUNG, "externalId": "jyoung"},
            {"user": "manager@contoso.com", "id": MANAGER}
        ]),
        requests,
    )
}

/// Example 1, `GET …/scim/Users?filter=externalId eq jyoung` (SCIM-17): the value is unquoted.
/// Lenient: read as the string "jyoung", 200 with an empty ListResponse (no such user yet) and a
/// SCIM-17 note; strict: 400 `invalidFilter` (RFC 7644 §3.4.2.2 quotes strings).
#[test]
fn entra_example_1_query_with_an_unquoted_value() {
    let request = || vec![get("/scim/Users?filter=externalId eq jyoung")];
    let s = scenario(
        json!([{"email": "manager@contoso.com", "license": "licensed"}]),
        json!([]),
        request(),
    );
    let got = last(&s);
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"]["totalResults"], 0);
    assert!(has_step(&got, "SCIM-17"));
    let got = last(&strict(s));
    assert_eq!(got["status"], 400);
    assert_eq!(got["response"]["scimType"], "invalidFilter");
}

fn example_2_body() -> Value {
    json!({
        "schemas": [CORE_USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
        "externalId": "jyoung",
        "userName": "jyoung@testuser.com",
        "active": true,
        "addresses": null,
        "displayName": "Joy Young",
        "emails": [{"type": "work", "value": "jyoung@Contoso.com", "primary": true}],
        "meta": {"resourceType": "User"},
        "name": {"familyName": "Young", "givenName": "Joy"},
        "phoneNumbers": null,
        "preferredLanguage": null,
        "title": null,
        "department": null,
        "manager": null
    })
}

/// Example 2, `POST …/scim/Users` with nulls and top-level `department` / `manager` (SCIM-17,
/// SCIM-20: null is unassigned): lenient, 201, the two read as the enterprise extension's with a
/// note, and the Zoom user's email is the work email (SCIM-02); strict, 400 `invalidValue` (no
/// core attribute `department`). The `…enterprise:2.0User` typo of `schemas` is taken as it is.
#[test]
fn entra_example_2_provision_a_user() {
    let s = scenario(
        json!([{"email": "manager@contoso.com", "license": "licensed"}]),
        json!([]),
        vec![send("POST", "/scim/Users", example_2_body())],
    );
    let got = last(&s);
    assert_eq!(got["status"], 201, "{got:#}");
    let r = &got["response"];
    assert_eq!(r["userName"], "jyoung@testuser.com");
    assert_eq!(r["externalId"], "jyoung");
    assert_eq!(r["displayName"], "Joy Young");
    assert_eq!(got["user"], "jyoung@Contoso.com");
    assert!(has_step(&got, "SCIM-17"));
    let got = last(&strict(s));
    assert_eq!(got["status"], 400);
    assert_eq!(got["response"]["scimType"], "invalidValue");
}

/// Example 3, `GET ~/scim/Users/a0a0a0a0-…` (SCIM-01): 200 with the user, in both dialects.
#[test]
fn entra_example_3_query_the_current_state() {
    for s in [
        jyoung(vec![get(&format!("/scim/Users/{JYOUNG}"))]),
        strict(jyoung(vec![get(&format!("/scim/Users/{JYOUNG}"))])),
    ] {
        let got = last(&s);
        assert_eq!(got["status"], 200);
        assert_eq!(got["response"]["id"], JYOUNG);
        assert_eq!(got["response"]["externalId"], "jyoung");
    }
}

/// Example 4, `GET ~/scim/Users?filter=id eq a0a0a0a0-… and manager eq 00aa00aa-…&attributes=id`
/// (SCIM-17, SCIM-20): "respond with a … User resource, including only the value of that
/// resource's id attribute" when such a user exists. The manager is first set as RFC 7644 writes
/// it (the URN-qualified path). Lenient: the unquoted values and `manager` without its URN are
/// read as meant, 200 with the one user and only its `id` (and `schemas`); with another manager,
/// none. Strict: 400 `invalidFilter`.
#[test]
fn entra_example_4_query_the_manager_reference() {
    let set_manager = send(
        "PATCH",
        &format!("/scim/Users/{JYOUNG}"),
        patch_ops(
            json!([{"op": "add", "path": format!("{ENTERPRISE}:manager"), "value": {"value": MANAGER}}]),
        ),
    );
    let query = |manager: &str| {
        get(&format!(
            "/scim/Users?filter=id eq {JYOUNG} and manager eq {manager}&attributes=id"
        ))
    };
    let got = last(&jyoung(vec![set_manager.clone(), query(MANAGER)]));
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"]["totalResults"], 1);
    assert_eq!(got["response"]["Resources"][0]["id"], JYOUNG);
    assert_eq!(keys(&got["response"]["Resources"][0]), ["id", "schemas"]);
    assert!(has_step(&got, "SCIM-17"));
    let got = last(&jyoung(vec![set_manager.clone(), query(JYOUNG)]));
    assert_eq!(got["response"]["totalResults"], 0);
    let got = last(&strict(jyoung(vec![set_manager, query(MANAGER)])));
    assert_eq!(got["status"], 400);
    assert_eq!(got["response"]["scimType"], "invalidFilter");
}

fn example_5() -> Value {
    send(
        "PATCH",
        &format!("/scim/Users/{JYOUNG}"),
        json!({"schemas": [PATCH_OP], "Operations": [{"op": "Add", "path": "manager", "value": [
            {"$ref": format!("http://.../scim/Users/{MANAGER}"), "value": MANAGER}
        ]}]}),
    )
}

/// Example 5, `PATCH ~/scim/Users/a0a0a0a0-…` adding `path: "manager"` with a list of one
/// (SCIM-14, SCIM-17): lenient, 200 and the enterprise manager is the one value sent, with notes;
/// strict, 400 `invalidPath` (no core attribute `manager`).
#[test]
fn entra_example_5_update_the_manager() {
    let got = last(&jyoung(vec![example_5()]));
    assert_eq!(got["status"], 200);
    assert_eq!(got["response"][ENTERPRISE]["manager"]["value"], MANAGER);
    assert!(has_step(&got, "SCIM-17"));
    assert!(has_step(&got, "SCIM-14"));
    let got = last(&strict(jyoung(vec![example_5()])));
    assert_eq!(got["status"], 400);
    assert_eq!(got["response"]["scimType"], "invalidPath");
}

/// Example 6, `DELETE ~/scim/Users/a0a0a0a0-…` (SCIM-01): 204 in both dialects, the user is gone.
#[test]
fn entra_example_6_deprovision_a_user() {
    for s in [
        jyoung(vec![delete(&format!("/scim/Users/{JYOUNG}"))]),
        strict(jyoung(vec![delete(&format!("/scim/Users/{JYOUNG}"))])),
    ] {
        let answer = run(&s);
        assert_eq!(answer["results"][0]["status"], 204);
        assert!(answer["directory"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["id"] != JYOUNG));
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 18, "answers that disagree with themselves or their rule": a SCIM response shows the user
// as Zoom holds it, every warning cites the rule that decides it, and no text is left empty.

const ZOOM_EXT: &str = "urn:ietf:params:scim:schemas:extension:zoom:1.0:User";

/// An account with an add-type and an update-type Contact Center template (TPL-01), an agent
/// `ana` holding Premium, and `requests`.
fn agents(requests: Vec<Value>) -> Value {
    json!({
        "provisim": 1,
        "account": {"cc_templates": [
            {"name": "Tier 1", "kind": "add", "package": "premium", "role": "Agent", "agent_queues": ["Billing"]},
            {"name": "Move to Sales", "kind": "update", "agent_queues": ["Sales"]}
        ]},
        "directory": [
            {"email": "ana@example.com", "contact_center": {"package": "premium", "role": "Agent", "agent_queues": ["Billing"]}}
        ],
        "scim": {"requests": requests}
    })
}

fn template_patch(name: &str) -> Value {
    send(
        "PATCH",
        "/scim2/Users/ana@example.com",
        patch_ops(
            json!([{"op": "replace", "path": format!("{ZOOM_EXT}:zoomContactCenterUserTemplate"), "value": name}]),
        ),
    )
}

fn warning<'r>(result: &'r Value, rule: &str) -> &'r Value {
    result["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} warning: {result:#}"))
}

/// SCIM-05: an update-type template in a PATCH is ignored, and the warning says so under SCIM-05
/// (not SCIM-12, which is about add-type templates for existing agents): it names the template as
/// update-type and says what to do instead. The response and a later GET show no template, and the
/// agent's queues are Zoom's.
#[test]
fn scim05_update_type_template_in_a_patch_is_ignored_under_scim05() {
    let answer = run(&agents(vec![
        template_patch("Move to Sales"),
        get("/scim2/Users/ana@example.com"),
    ]));
    let got = &answer["results"][0];
    assert_eq!(got["status"], 200);
    let w = warning(got, "SCIM-05");
    let message = w["message"].as_str().unwrap();
    assert!(message.contains("update-type"), "{message}");
    assert!(message.contains("ignores"), "{message}");
    assert!(w["help"].as_str().unwrap().contains("portal"), "{w}");
    assert!(!has_warning(got, "SCIM-12"), "{got:#}");
    for response in [&got["response"], &answer["results"][1]["response"]] {
        assert!(
            response[ZOOM_EXT]
                .get("zoomContactCenterUserTemplate")
                .is_none(),
            "the ignored template is shown: {response:#}"
        );
    }
    assert_eq!(
        answer["directory"][0]["user"]["contact_center"]["agent_queues"],
        json!(["Billing"])
    );
}

/// SCIM-05: the same through a PUT (the whole resource, with the template).
#[test]
fn scim05_update_type_template_in_a_put_is_ignored_under_scim05() {
    let body = json!({
        "schemas": [CORE_USER, ZOOM_EXT],
        "userName": "ana@example.com",
        ZOOM_EXT: {"zoomContactCenterPackage": "Premium", "zoomContactCenterRole": "Agent",
                   "zoomContactCenterUserTemplate": "Move to Sales"}
    });
    let got = last(&agents(vec![send(
        "PUT",
        "/scim2/Users/ana@example.com",
        body,
    )]));
    assert_eq!(got["status"], 200);
    assert!(warning(&got, "SCIM-05")["message"]
        .as_str()
        .unwrap()
        .contains("update-type"));
    assert!(
        got["response"][ZOOM_EXT]
            .get("zoomContactCenterUserTemplate")
            .is_none(),
        "{got:#}"
    );
}

/// SCIM-05: on create too, the update-type template Zoom ignored is not in the new user's resource;
/// an add-type template Zoom applied stays.
#[test]
fn scim05_ignored_template_is_not_in_the_created_resource() {
    let create = |template: &str| {
        send(
            "POST",
            "/scim2/Users",
            json!({"schemas": [CORE_USER, ZOOM_EXT], "userName": "bo@example.com",
                   ZOOM_EXT: {"zoomContactCenterUserTemplate": template}}),
        )
    };
    let got = last(&agents(vec![create("Move to Sales")]));
    assert_eq!(got["status"], 201);
    assert!(has_warning(&got, "SCIM-05"));
    assert!(got["response"][ZOOM_EXT]
        .get("zoomContactCenterUserTemplate")
        .is_none());
    let got = last(&agents(vec![create("Tier 1")]));
    assert_eq!(
        got["response"][ZOOM_EXT]["zoomContactCenterUserTemplate"],
        "Tier 1"
    );
}

/// SCIM-12 (not SCIM-05): an add-type template sent for an existing agent is ignored; the warning
/// stays SCIM-12's, and the response does not show the template either.
#[test]
fn scim12_add_type_template_for_an_existing_agent_is_ignored_and_not_shown() {
    let got = last(&agents(vec![template_patch("Tier 1")]));
    assert!(has_warning(&got, "SCIM-12"), "{got:#}");
    assert!(got["response"][ZOOM_EXT]
        .get("zoomContactCenterUserTemplate")
        .is_none());
}

fn zra_patch(user: &str, ops: Value) -> Value {
    send("PATCH", &format!("/scim2/Users/{user}"), patch_ops(ops))
}

/// SCIM-03 (with SAML-16's licensed-only limit, which SCIM-03 applies through SCIM): a Basic user
/// PATCHed with `zoomRevenueAccelerator: true` gets no ZRA license, the warning says why (SCIM-03),
/// and the response says `false`, what Zoom holds. Because the resource is Zoom's, the IdP's next
/// request with the user made Licensed and ZRA `true` is a change, and assigns the license.
#[test]
fn scim03_basic_user_gets_no_zra_and_the_response_says_so() {
    let zra = json!({"op": "replace", "path": format!("{ZOOM_EXT}:zoomRevenueAccelerator"), "value": true});
    let licensed =
        json!({"op": "replace", "path": format!("{ZOOM_EXT}:userType"), "value": "Licensed"});
    let answer = run(&scenario(
        json!([{"email": "basic@example.com"}]),
        json!([]),
        vec![
            zra_patch("basic@example.com", json!([zra])),
            zra_patch("basic@example.com", json!([licensed, zra])),
        ],
    ));
    let first = &answer["results"][0];
    assert!(warning(first, "SCIM-03")["message"]
        .as_str()
        .unwrap()
        .contains("no ZRA license"));
    assert_eq!(first["response"][ZOOM_EXT]["zoomRevenueAccelerator"], false);
    let second = &answer["results"][1];
    assert_eq!(second["response"][ZOOM_EXT]["zoomRevenueAccelerator"], true);
    assert_eq!(
        answer["directory"][0]["user"]["licenses"]["revenue_accelerator"],
        "ZRA"
    );
}

/// SCIM-03: with setting `zra_false_removes` off, `false` keeps the license, so the response says
/// `true`, not the `false` that was sent.
#[test]
fn scim03_kept_zra_license_shows_true() {
    let mut s = scenario(
        json!([{"email": "zra@example.com", "license": "licensed", "licenses": {"revenue_accelerator": "ZRA"}}]),
        json!([]),
        vec![zra_patch(
            "zra@example.com",
            json!([{"op": "replace", "path": format!("{ZOOM_EXT}:zoomRevenueAccelerator"), "value": false}]),
        )],
    );
    s["settings"] = json!({"zra_false_removes": false});
    let got = last(&s);
    assert!(has_step(&got, "SCIM-03"));
    assert_eq!(got["response"][ZOOM_EXT]["zoomRevenueAccelerator"], true);
}

/// SCIM-07: a legacy `Pro` is read as `Licensed`, and the response says `Licensed`, the type Zoom
/// holds, not the deprecated value sent.
#[test]
fn scim07_legacy_type_is_answered_as_the_type_zoom_holds() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![send(
            "POST",
            "/scim2/Users",
            json!({"schemas": [CORE_USER, ZOOM_EXT], "userName": "pro@example.com", ZOOM_EXT: {"userType": "Pro"}}),
        )],
    ));
    assert!(has_warning(&got, "SCIM-07"));
    assert_eq!(got["response"][ZOOM_EXT]["userType"], "Licensed");
}

/// SCIM-01, RFC 7644 §3.12: a 404 carries no scimType, so neither the body nor the trace has an
/// empty one (`404 : no user …`): the step reads `404: no user …`; with a scimType,
/// `400 invalidSyntax: …`.
#[test]
fn scim01_404_has_no_empty_scim_type_anywhere() {
    let answer = run(&scenario(
        json!([]),
        json!([]),
        vec![
            get("/scim2/Users/nobody"),
            json!({"method": "POST", "path": "/scim2/Users"}),
        ],
    ));
    let missing = &answer["results"][0];
    assert_eq!(missing["status"], 404);
    assert!(missing["response"].get("scimType").is_none());
    let steps: Vec<&str> = missing["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["message"].as_str().unwrap())
        .collect();
    assert!(steps.contains(&"404: no user `nobody`"), "{steps:?}");
    assert!(steps.iter().all(|s| !s.contains(" :")), "{steps:?}");
    let no_body = &answer["results"][1];
    assert!(no_body["trace"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["message"] == "400 invalidSyntax: the request has no body"));
}

fn scim12_steps(account: Value, zoom: Value) -> Vec<String> {
    let got = last(&json!({
        "provisim": 1,
        "account": account,
        "scim": {"requests": [send(
            "POST",
            "/scim2/Users",
            json!({"schemas": [CORE_USER, ZOOM_EXT], "userName": "new@example.com", ZOOM_EXT: zoom}),
        )]}
    }));
    got["trace"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["rule"] == "SCIM-12")
        .map(|s| s["message"].as_str().unwrap().to_string())
        .collect()
}

/// SCIM-12 gives Contact Center's defaults through SCIM. Choice: its notes appear when they can
/// matter, i.e. when the account has the Contact Center plan, or when the request itself sends a
/// Contact Center attribute (then the defaults fill what it left out, whatever the plan field
/// says); a plain user created on an account without the plan gets no SCIM-12 note.
#[test]
fn scim12_notes_only_where_contact_center_is_in_play() {
    let no_plan = scim12_steps(json!({}), json!({}));
    assert!(no_plan.is_empty(), "{no_plan:?}");
    let with_plan = scim12_steps(json!({"plans": ["contact_center"]}), json!({}));
    assert_eq!(
        with_plan,
        vec!["no Contact Center package sent: none is assigned"]
    );
    let touched = scim12_steps(json!({}), json!({"zoomContactCenterRole": "Agent"}));
    assert_eq!(
        touched,
        vec!["no Contact Center package sent: none is assigned"]
    );
    let package = scim12_steps(json!({}), json!({"zoomContactCenterPackage": "Elite"}));
    assert!(
        package.iter().any(|s| s.contains("default agent role")),
        "{package:?}"
    );
}

/// SCIM-02: `active: null` is unassigned (RFC 7643 §2.5) and leaves Zoom's user active, so the
/// response says `true`, not the `null` that was sent.
#[test]
fn scim02_null_active_is_answered_as_zoom_holds_it() {
    let got = last(&scenario(
        json!([]),
        json!([]),
        vec![send(
            "POST",
            "/scim2/Users",
            json!({"schemas": [CORE_USER], "userName": "on@example.com", "active": null}),
        )],
    ));
    assert_eq!(got["status"], 201);
    assert_eq!(got["response"]["active"], true);
}

// ---------------------------------------------------------------------------------------------
// Issue 18: a response shows the user as Zoom holds it; WFM and QM have one home.

fn create(account: Value, zoom: Value) -> Value {
    json!({
        "provisim": 1,
        "account": account,
        "scim": {"requests": [send(
            "POST",
            "/scim2/Users",
            json!({"schemas": [CORE_USER, ZOOM_EXT], "userName": "new@example.com", ZOOM_EXT: zoom}),
        )]}
    })
}

/// SCIM-12: a new agent sent with only a package gets the default role and the account's main
/// region, and the response shows both, as Zoom holds them, though the request sent neither.
#[test]
fn scim12_defaults_zoom_applies_are_in_the_response() {
    let got = last(&create(
        json!({"plans": ["contact_center"], "cc_main_region": "EU"}),
        json!({"zoomContactCenterPackage": "Elite"}),
    ));
    assert_eq!(got["status"], 201);
    let zoom = &got["response"][ZOOM_EXT];
    assert_eq!(zoom["zoomContactCenterRole"], "Agent", "{zoom:#}");
    assert_eq!(zoom["zoomContactCenterRegion"], "EU", "{zoom:#}");
    assert_eq!(zoom["zoomContactCenterPackage"], "Elite");
}

/// SCIM-13: `zoomPhoneExtNumber` is an Integer of Zoom's schema. `0` asks Zoom to assign a number
/// the simulator cannot know, so the response does not echo `0`; a number sent as a string is
/// answered as a number; `0` for a user who has an extension keeps it (Assumption).
#[test]
fn scim13_extension_zero_is_not_echoed_and_numbers_are_integers() {
    let auto = last(&create(json!({}), json!({"zoomPhoneExtNumber": 0})));
    assert_eq!(auto["status"], 201);
    assert!(
        auto["response"][ZOOM_EXT]
            .get("zoomPhoneExtNumber")
            .is_none(),
        "{:#}",
        auto["response"]
    );
    let answer = run(&scenario(
        json!([{"email": "bo@example.com"}]),
        json!([]),
        vec![
            send(
                "PATCH",
                "/scim2/Users/bo@example.com",
                patch_ops(
                    json!([{"op": "Replace", "path": format!("{ZOOM_EXT}:zoomPhoneExtNumber"), "value": "4021"}]),
                ),
            ),
            send(
                "PATCH",
                "/scim2/Users/bo@example.com",
                patch_ops(
                    json!([{"op": "Replace", "path": format!("{ZOOM_EXT}:zoomPhoneExtNumber"), "value": "0"}]),
                ),
            ),
        ],
    ));
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results[0]["response"][ZOOM_EXT]["zoomPhoneExtNumber"], 4021);
    assert_eq!(results[1]["response"][ZOOM_EXT]["zoomPhoneExtNumber"], 4021);
    assert_eq!(answer["directory"][0]["user"]["phone"]["extension"], "4021");
    // A directory user's extension is a number in its resource too.
    let listed = last(&scenario(
        json!([{"email": "cy@example.com", "phone": {"extension": "5100"}}]),
        json!([]),
        vec![get("/scim2/Users/cy@example.com")],
    ));
    assert_eq!(listed["response"][ZOOM_EXT]["zoomPhoneExtNumber"], 5100);
}

/// SCIM-04, SCIM-14, LIC-08: `zoomWorkforceManagement` sent as Entra ID's string `"True"` is held
/// as the Contact Center add-on (in `contact_center.addons`, where the pools read it) and answered
/// as the Boolean `true`.
#[test]
fn scim04_wfm_boolean_is_a_contact_center_addon_answered_as_a_boolean() {
    let answer = run(&create(
        json!({"plans": ["contact_center"]}),
        json!({"zoomWorkforceManagement": "True", "zoomScheduler": "true"}),
    ));
    let result = &answer["results"][0];
    assert_eq!(
        result["response"][ZOOM_EXT]["zoomWorkforceManagement"],
        true
    );
    assert_eq!(result["response"][ZOOM_EXT]["zoomScheduler"], true);
    let user = &answer["directory"][0]["user"];
    assert_eq!(
        user["contact_center"]["addons"],
        json!(["workforce_management"])
    );
    assert!(
        user["addons"].get("workforce_management").is_none(),
        "{user:#}"
    );
}

/// SCIM-04: an IdP that sends the add-ons plan and `zoomWorkforceManagement` together keeps WFM
/// at every sync: the plan read back holds WFM, so the next (same) plan is a change, and the
/// boolean sent beside it still decides WFM.
#[test]
fn scim04_plan_and_wfm_boolean_together_keep_wfm_at_every_sync() {
    let body = json!({
        "schemas": [CORE_USER, ZOOM_EXT],
        "userName": "bo@example.com",
        ZOOM_EXT: {"zoomContactCenterAddonsPlan": ["AI Expert Assist"], "zoomWorkforceManagement": true}
    });
    let answer = run(&scenario(
        json!([{"email": "bo@example.com"}]),
        json!([]),
        vec![
            send("PUT", "/scim2/Users/bo@example.com", body.clone()),
            send("PUT", "/scim2/Users/bo@example.com", body),
        ],
    ));
    assert_eq!(
        answer["directory"][0]["user"]["contact_center"]["addons"],
        json!(["ai_expert_assist", "workforce_management"]),
        "{:#}",
        answer["results"]
    );
}

/// LIC-09 through SCIM: the Basic-user count runs from request to request, so of two Basic creates
/// on an account at 9,998 the second is flagged, and a delete of a Basic user makes room again.
#[test]
fn lic_09_scim_creates_count_basic_users_as_they_go() {
    let user = |name: &str| json!({"schemas": [CORE_USER], "userName": name});
    let mut scenario = scenario(
        json!([]),
        json!([]),
        vec![
            send("POST", "/Users", user("a@example.com")),
            send("POST", "/Users", user("b@example.com")),
        ],
    );
    scenario["account"] = json!({"basic_users": 9998});
    let answer = run(&scenario);
    let results = answer["results"].as_array().unwrap();
    assert!(!has_warning(&results[0], "LIC-09"), "{:#}", results[0]);
    assert!(has_warning(&results[1], "LIC-09"), "{:#}", results[1]);
    assert!(results[1]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["rule"] == "LIC-09"
            && w["message"].as_str().unwrap().contains("10000 Basic users")));
    // The first user deleted before the second is created: back to 9,998, no warning.
    let id = results[0]["response"]["id"].as_str().unwrap().to_string();
    scenario["scim"]["requests"] = json!([
        send("POST", "/Users", user("a@example.com")),
        delete(&format!("/Users/{id}")),
        send("POST", "/Users", user("b@example.com")),
    ]);
    let answer = run(&scenario);
    let results = answer["results"].as_array().unwrap();
    assert!(!has_warning(&results[2], "LIC-09"), "{:#}", results[2]);
    // An update counts too: a Licensed user made Basic at 9,999 crosses the limit, and the next
    // Basic create sees 10,000.
    scenario["account"] = json!({"basic_users": 9999});
    scenario["scim"]["requests"] = json!([
        send(
            "POST",
            "/Users",
            json!({"schemas": [CORE_USER, ZOOM_EXT], "userName": "a@example.com", ZOOM_EXT: {"userType": "Licensed"}})
        ),
        send(
            "PATCH",
            &format!("/Users/{id}"),
            patch_ops(
                json!([{"op": "replace", "path": format!("{ZOOM_EXT}:userType"), "value": "Basic"}])
            )
        ),
        send("POST", "/Users", user("b@example.com")),
    ]);
    let answer = run(&scenario);
    let results = answer["results"].as_array().unwrap();
    assert!(!has_warning(&results[0], "LIC-09"), "{:#}", results[0]);
    let lic_09 = |r: &Value| {
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["rule"] == "LIC-09")
            .map(|w| w["message"].as_str().unwrap().to_string())
    };
    assert!(
        lic_09(&results[1]).is_some_and(|m| m.contains("10000 Basic users")),
        "{:#}",
        results[1]
    );
    assert!(
        lic_09(&results[2]).is_some_and(|m| m.contains("10001 Basic users")),
        "{:#}",
        results[2]
    );
}
