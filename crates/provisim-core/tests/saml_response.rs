//! Hostile and broken SAML Responses (issue 15): every cut of a real one, random bytes, a
//! billion-laughs DTD, a 10 MB base64 string, deep nesting, broken tracer exports. Each gives an
//! error located at the scenario's `response` that says what is wrong and what to paste instead;
//! none panics or hangs.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use base64::Engine as _;
use proptest::prelude::*;
use provisim_core::api;
use provisim_core::input::InputError;
use provisim_core::saml::response::{self, Encoding, MAX_DEPTH};
use std::time::{Duration, Instant};

const RESPONSE: &str = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\">\n  <saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">https://idp.example.com</saml:Issuer>\n  <samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>\n  <saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a\" Version=\"2.0\">\n    <saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">ana@example.com</saml:NameID></saml:Subject>\n    <saml:AttributeStatement>\n      <saml:Attribute Name=\"memberOf\" FriendlyName=\"groups\"><saml:AttributeValue>sales &amp; marketing</saml:AttributeValue><saml:AttributeValue><![CDATA[<staff>]]></saml:AttributeValue></saml:Attribute>\n    </saml:AttributeStatement>\n  </saml:Assertion>\n</samlp:Response>\n";

fn error(text: &str) -> InputError {
    match response::decode(text, None) {
        Ok(received) => panic!("decoded: {received:?}"),
        Err(e) => e,
    }
}

/// The scenario's answer for a Response given as `saml.response`.
fn answer(response: &str) -> serde_json::Value {
    let scenario = serde_json::json!({"provisim": 1, "saml": {"response": response}});
    api::call("simulateSignIn", &scenario.to_string())
}

/// A failed answer with one error at `/saml/response` that says what would be valid; the
/// scenario's own line and column are not given (the position is the Response's, in the text).
fn located(answer: &serde_json::Value) -> String {
    assert_eq!(answer["type"], "failure", "{answer}");
    let error = &answer["errors"][0];
    assert_eq!(error["path"], "/saml/response", "{answer}");
    assert!(error.get("line").is_none(), "{answer}");
    assert!(!error["help"].as_str().unwrap_or("").is_empty(), "{answer}");
    error["message"].as_str().unwrap_or("").to_string()
}

#[test]
fn the_response_reads_entities_and_cdata_and_friendly_names() {
    let received = response::decode(RESPONSE, None).unwrap();
    let member_of = received.attribute("memberOf").unwrap();
    assert_eq!(member_of.values, ["sales & marketing", "<staff>"]);
    assert_eq!(member_of.friendly_name.as_deref(), Some("groups"));
    assert_eq!(received.encoding, Encoding::Xml);
}

#[test]
fn every_cut_of_a_response_is_a_located_error() {
    let mut cuts = 0;
    for (at, _) in RESPONSE.char_indices().skip(1) {
        let cut = &RESPONSE[..at];
        // A cut that ends inside white space after the root is still the whole Response.
        if cut.trim_end().ends_with("</samlp:Response>") {
            continue;
        }
        let e = error(cut);
        assert!(e.help.is_some(), "{e:?}");
        if cut.trim().len() > 1 {
            assert!(e.message.contains("line"), "cut at {at}: {e:?}");
        }
        cuts += 1;
    }
    assert!(cuts > 700, "{cuts}");
}

#[test]
fn a_billion_laughs_dtd_is_refused_before_any_expansion() {
    let mut dtd =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
    for i in 1..10 {
        let previous = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{previous}\">\n"));
    }
    let laughs = format!("{dtd}]>\n<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&lol9;</samlp:Response>");
    let start = Instant::now();
    let message = located(&answer(&laughs));
    assert!(start.elapsed() < Duration::from_secs(5));
    assert!(
        message.contains("DTD") && message.contains("line 2, column 1"),
        "{message}"
    );
    // The same, base64-encoded as the POST binding sends it.
    let encoded = base64::engine::general_purpose::STANDARD.encode(&laughs);
    assert!(located(&answer(&encoded)).contains("DTD"));
    // An entity that no DTD defines is an unknown reference, at its place.
    let e = error("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n  &xxe;</samlp:Response>");
    assert!(e.message.contains("line 2, column 3"), "{e:?}");
}

#[test]
fn a_10_mb_base64_string_is_refused_at_once() {
    let huge = "QUFB".repeat(10_000_000 / 4);
    let start = Instant::now();
    let message = located(&answer(&huge));
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(
        message.contains("9.5 MiB") && message.contains("at most 4.0 MiB"),
        "{message}"
    );
    // Under the text limit, a Response whose XML is over 1 MiB is refused once decoded.
    let padding = format!("<!--{}-->", "x".repeat(1_100_000));
    let big = base64::engine::general_purpose::STANDARD.encode(format!("{RESPONSE}{padding}"));
    assert!(located(&answer(&big)).contains("at most 1.0 MiB"));
}

#[test]
fn deep_nesting_is_refused_at_the_element_too_deep() {
    let depth = 50_000;
    let deep = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let start = Instant::now();
    let message = located(&answer(&deep));
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(
        message.contains(&format!("deeper than {MAX_DEPTH}"))
            && message.contains(&format!("column {}", 3 * MAX_DEPTH + 1)),
        "{message}"
    );
    // As many nodes side by side are refused by their count.
    let wide = format!("<a>{}</a>", "<b/>".repeat(150_000));
    assert!(located(&answer(&wide)).contains("more than 100000 nodes"));
    // Inside a real Response too.
    let nested = RESPONSE.replace(
        "<saml:AttributeValue>sales",
        &format!(
            "<saml:AttributeValue>{}{}sales",
            "<x>".repeat(MAX_DEPTH),
            "</x>".repeat(MAX_DEPTH)
        ),
    );
    assert!(error(&nested).message.contains("deeper than"));
}

#[test]
fn what_is_not_a_response_says_what_to_paste() {
    let authn =
        "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_x\"/>";
    assert!(error(authn)
        .help
        .unwrap_or_default()
        .contains("the Response the IdP posts back"));
    let saml11 = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\"/>";
    assert!(error(saml11).help.unwrap_or_default().contains("SAML 1.x"));
    assert!(error("   ").message.contains("empty"));
    assert!(error("SAMLResponse=PHNhbWw%ZZ")
        .message
        .contains("malformed escape"));
    assert!(error("PHNhbWxwOlJlc3BvbnNl!")
        .message
        .contains("`!` at line 1, column 21"));
    let not_xml = base64::engine::general_purpose::STANDARD.encode("hello");
    assert!(error(&not_xml).message.contains("not XML"));
    let no_status = RESPONSE.replace(
        "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>",
        "",
    );
    assert!(error(&no_status).message.contains("no Status"));
    let no_assertion = RESPONSE.replace("saml:Assertion", "saml:Other");
    assert!(error(&no_assertion)
        .message
        .contains("carries no Assertion"));
    let two = RESPONSE.replace(
        "</samlp:Response>",
        "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"/></samlp:Response>",
    );
    assert!(error(&two).message.contains("2 assertions"));
    let encrypted_attribute = RESPONSE.replace(
        "<saml:AttributeStatement>",
        "<saml:AttributeStatement><saml:EncryptedAttribute/>",
    );
    let e = error(&encrypted_attribute);
    assert!(e.message.contains("EncryptedAttribute (at line 6"), "{e:?}");
    assert!(e.help.unwrap_or_default().contains("cannot decrypt"));
}

#[test]
fn tracer_exports_pick_a_response_by_index() {
    let export = serde_json::json!({"requests": [
        {"method": "GET", "url": "https://idp.example.com/sso"},
        {"method": "POST", "url": "https://example.zoom.us/saml/SSO", "saml": RESPONSE},
        {"method": "POST", "url": "https://example.zoom.us/saml/SSO", "saml": RESPONSE.replace("sales &amp; marketing", "support")},
    ], "timestamp": "2025-03-04T09:31:00.000Z"})
    .to_string();
    let last = response::decode(&export, None).unwrap();
    assert_eq!(last.attribute("memberOf").unwrap().values[0], "support");
    assert_eq!(
        last.tracer.map(|t| (t.response, t.responses, t.request)),
        Some((1, 2, 2))
    );
    let first = response::decode(&export, Some(0)).unwrap();
    assert_eq!(
        first.attribute("memberOf").unwrap().values[0],
        "sales & marketing"
    );
    let e = response::decode(&export, Some(2)).unwrap_err();
    assert_eq!(e.help.as_deref(), Some("give 0 to 1 (default: the last)"));
    let none = serde_json::json!({"requests": [{"method": "GET", "url": "https://x"}]}).to_string();
    assert!(error(&none)
        .message
        .contains("1 captured request and no SAML Response"));
    assert!(error("{\"requests\": [").message.contains("not JSON"));
    assert!(error("{\"log\": []}").message.contains("no `requests`"));
    // An index for a single Response, and an index with no Response at all, are errors.
    assert!(response::decode(RESPONSE, Some(1)).is_err());
    let scenario = r#"{"provisim": 1, "saml": {"name_id": "a@example.com", "response_index": 1}}"#;
    let v = api::call("simulateSignIn", scenario);
    assert_eq!(v["errors"][0]["path"], "/saml/response", "{v}");
}

#[test]
fn a_response_beside_an_attribute_map_or_a_list_is_refused() {
    let scenario = serde_json::json!({"provisim": 1, "saml": {"name_id": "a@example.com", "response": RESPONSE}});
    let v = api::call("simulateSignIn", &scenario.to_string());
    assert_eq!(v["errors"][0]["path"], "/saml/response", "{v}");
    let scenario = serde_json::json!({"provisim": 1, "saml": {"name_id": "a@example.com",
        "sign_ins": [{"response": RESPONSE}, {"response": "<oops"}]}});
    let v = api::call("simulateSignIn", &scenario.to_string());
    let paths: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["/saml/name_id", "/saml/sign_ins/1/response"], "{v}");
    // An error in a listed sign-in's shape is that sign-in's.
    let v = api::call(
        "simulateSignIn",
        r#"{"provisim": 1, "saml": {"sign_ins": [{"name_id": "a@example.com"}, {"nameid": "b"}]}}"#,
    );
    assert_eq!(v["errors"][0]["path"], "/saml/sign_ins/1/nameid", "{v}");
    let v = api::call(
        "simulateSignIn",
        r#"{"provisim": 1, "saml": {"sign_ins": []}}"#,
    );
    assert_eq!(v["errors"][0]["path"], "/saml/sign_ins", "{v}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_is_read_or_refused_without_a_panic(text in ".{0,400}") {
        if let Err(e) = response::decode(&text, None) {
            prop_assert!(!e.message.is_empty() && e.help.is_some());
        }
    }

    #[test]
    fn a_damaged_response_is_read_or_refused_without_a_panic(at in 0usize..RESPONSE.len(), byte in any::<u8>(), encode in any::<bool>()) {
        let mut bytes = RESPONSE.as_bytes().to_vec();
        bytes[at] = byte;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let text = if encode { base64::engine::general_purpose::STANDARD.encode(&text) } else { text };
        if let Err(e) = response::decode(&text, None) {
            prop_assert!(!e.message.is_empty() && e.help.is_some());
        }
    }
}
