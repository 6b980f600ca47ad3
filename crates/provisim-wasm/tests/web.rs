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
fn every_scenario_export_answers_success_and_failure() {
    let sign_in = r#"{"provisim": 1, "sso": {"advanced": [{"section": "license", "rules": [{"attribute": "g", "value": "x", "result": "none"}]}]},
                     "saml": {"name_id": "a@example.com", "attributes": {"g": "x"}}}"#;
    let answer = json(&provisim_wasm::simulate_sign_in(JsValue::from_str(sign_in)));
    assert_eq!(answer["type"], "success");
    assert_eq!(answer["sign_ins"][0]["decision"]["rule"], "SAML-11");
    let scim = r#"{"provisim": 1, "scim": {"requests": [{"method": "POST", "path": "/scim2/Users", "body": {"userName": "a@example.com"}}]}}"#;
    let answer = json(&provisim_wasm::simulate_scim(JsValue::from_str(scim)));
    assert_eq!(answer["results"][0]["status"], 201);
    let answer = json(&provisim_wasm::validate_scenario(JsValue::from_str(
        r#"{"provisim": 1, "acount": {}}"#,
    )));
    assert_eq!(answer["type"], "failure");
    assert_eq!(answer["errors"][0]["path"], "/acount");
    // LIC-03: 31 minutes above a pool of one is billable.
    let capacity = r#"{"pool": 1, "sessions": "user,start,end\na,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z\nb,2026-11-02T09:00:00Z,2026-11-02T09:31:00Z"}"#;
    let answer = json(&provisim_wasm::simulate_capacity(JsValue::from_str(
        capacity,
    )));
    assert_eq!(answer["billable_excess_total"], 1, "{answer}");
    let answer = json(&provisim_wasm::simulate_capacity(JsValue::from_str(
        r#"{"pool": 1, "sessions": "user,start,end\na,never,2026-11-02T10:00:00Z"}"#,
    )));
    assert_eq!(answer["errors"][0]["path"], "/sessions/row/2/start");
    // SAML-11 through a batch: one user refused, grouped under the rule.
    let batch = r#"{"provisim": 1, "sso": {"advanced": [{"section": "license", "rules": [{"attribute": "g", "value": "x", "result": "none"}]}]},
                    "batch": {"users": "name_id,g\na@example.com,x\nb@example.com,y"}}"#;
    let answer = json(&provisim_wasm::simulate_batch(JsValue::from_str(batch)));
    assert_eq!(answer["refusals"][0]["rule"], "SAML-11", "{answer}");
    assert_eq!(answer["signed_in"], 1);
    // CSV-02: an upload of skills only clears the package.
    let csv = r#"{"provisim": 1, "directory": [{"email": "a@example.com", "contact_center": {"package": "elite"}}],
                  "csv": {"text": "Email,Skills\na@example.com,English"}}"#;
    let answer = json(&provisim_wasm::diff_csv(JsValue::from_str(csv)));
    assert_eq!(
        answer["users"][0]["changes"][0]["column"], "License (Package)",
        "{answer}"
    );
    assert_eq!(answer["users"][0]["changes"][0]["cleared"], true);
    let schema = json(&provisim_wasm::schema());
    assert_eq!(schema["title"], "Scenario");
    assert!(!provisim_wasm::version().is_empty());
}

#[wasm_bindgen_test]
fn every_declared_export_is_callable() {
    // The TypeScript declarations (generated from the Rust types) name every export; each answers.
    type Export = fn(JsValue) -> JsValue;
    let exports: [(&str, Export); 9] = [
        ("planSeats", provisim_wasm::plan_seats),
        ("simulateSignIn", provisim_wasm::simulate_sign_in),
        ("simulateScim", provisim_wasm::simulate_scim),
        ("simulateCapacity", provisim_wasm::simulate_capacity),
        ("simulateBatch", provisim_wasm::simulate_batch),
        ("diffCsv", provisim_wasm::diff_csv),
        ("validateScenario", provisim_wasm::validate_scenario),
        ("lintScenario", provisim_wasm::lint_scenario),
        ("simulateImpact", provisim_wasm::simulate_impact),
    ];
    let declared = provisim_core::typescript::export_names();
    for (name, export) in exports {
        assert!(declared.contains(&name), "{name} is not declared");
        let answer = json(&export(JsValue::from_str("{")));
        assert_eq!(answer["type"], "failure", "{name}");
    }
    assert_eq!(
        declared.len(),
        exports.len() + 2,
        "schema and version are the other two"
    );
}

#[wasm_bindgen_test]
fn worst_inputs_fail_cleanly() {
    // Deep nesting, huge numbers, wrong types, a cyclic object: a failure answer each, never a throw.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let cycle = js_sys::Object::new();
    js_sys::Reflect::set(&cycle, &JsValue::from_str("self"), &cycle).unwrap();
    for bad in [
        JsValue::from_str(&deep),
        JsValue::from_str(r#"{"provisim": 1e400}"#),
        JsValue::from_f64(3.0),
        cycle.into(),
        JsValue::NULL,
    ] {
        for call in [
            "simulateSignIn",
            "simulateScim",
            "simulateCapacity",
            "simulateBatch",
            "diffCsv",
            "planSeats",
            "validateScenario",
        ] {
            let answer = json(&provisim_wasm::call(call, &bad));
            assert_eq!(answer["type"], "failure", "{call}: {answer}");
        }
    }
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
