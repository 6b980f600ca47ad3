//! The JavaScript API in a real browser (headless Chromium): success, failure, and the whole corpus.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use provisim_corpus::{check, Case, CASES};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn json(value: &JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(value.clone()).unwrap_or(serde_json::Value::Null)
}

#[wasm_bindgen_test]
fn plan_seats_from_an_object_reproduces_lic07() {
    let input = js_sys::JSON::parse(
        r#"{"agents": 100, "package": "elite", "licensing": "concurrent", "pool": 25}"#,
    )
    .unwrap_or(JsValue::NULL);
    let answer = json(&provisim_wasm::plan_seats(input));
    assert_eq!(answer["type"], "success");
    assert_eq!(answer["products"][1]["addons_needed"], 75);
    assert_eq!(answer["products"][2]["addons_needed"], 75);
}

#[wasm_bindgen_test]
fn malformed_input_is_a_failure_not_a_throw() {
    for bad in [
        JsValue::from_str("{not json"),
        JsValue::UNDEFINED,
        JsValue::from_str(r#"{"agents": "many"}"#),
    ] {
        let answer = json(&provisim_wasm::plan_seats(bad));
        assert_eq!(answer["type"], "failure", "{answer}");
        assert!(answer["errors"][0]["message"].is_string());
    }
    let answer = json(&provisim_wasm::plan_seats(JsValue::from_str(
        r#"{"agents": 1, "package": "gold", "licensing": "named", "pool": 1}"#,
    )));
    assert_eq!(answer["errors"][0]["path"], "/package");
}

#[wasm_bindgen_test]
fn the_corpus_gives_the_same_json_as_natively() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for (path, text, out) in CASES {
        let Ok(case) = Case::parse(text) else {
            failures.push(format!("{path}: unparsable case"));
            continue;
        };
        let answer = json(&provisim_wasm::call(
            &case.call,
            &JsValue::from_str(&case.input_text()),
        ));
        failures.extend(
            check(&case, &answer, *out)
                .into_iter()
                .map(|p| format!("{path}: {p}")),
        );
        ran += 1;
    }
    assert!(ran > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
