//! provisim's JavaScript API: each export takes a JSON string or a plain object and returns a tagged
//! answer object (`{type: "success", …}` / `{type: "failure", errors}`); it never throws for bad input.
//!
//! All logic is in `provisim_core::api`; this crate only converts between JavaScript and JSON.

use provisim_core::api;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook once, so that an unexpected panic reaches the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Plans Contact Center seats (LIC-04..LIC-08).
#[wasm_bindgen(js_name = planSeats)]
pub fn plan_seats(input: JsValue) -> JsValue {
    call("planSeats", &input)
}

/// Simulates SAML sign-ins from a scenario (SAML-*).
#[wasm_bindgen(js_name = simulateSignIn)]
pub fn simulate_sign_in(scenario: JsValue) -> JsValue {
    call("simulateSignIn", &scenario)
}

/// Simulates SCIM requests and the IdP's attribute mappings from a scenario (SCIM-*, TPL-*).
#[wasm_bindgen(js_name = simulateScim)]
pub fn simulate_scim(scenario: JsValue) -> JsValue {
    call("simulateScim", &scenario)
}

/// Simulates concurrent license use over time: overage episodes and billable excess (LIC-02, LIC-03).
#[wasm_bindgen(js_name = simulateCapacity)]
pub fn simulate_capacity(input: JsValue) -> JsValue {
    call("simulateCapacity", &input)
}

/// Runs a whole directory of users through the scenario's rules and summarises it.
#[wasm_bindgen(js_name = simulateBatch)]
pub fn simulate_batch(scenario: JsValue) -> JsValue {
    call("simulateBatch", &scenario)
}

/// Checks a Contact Center bulk CSV upload against the directory: errors, cleared settings, safe CSV (CSV-*).
#[wasm_bindgen(js_name = diffCsv)]
pub fn diff_csv(scenario: JsValue) -> JsValue {
    call("diffCsv", &scenario)
}

/// Validates a scenario without evaluating it: every problem, located.
#[wasm_bindgen(js_name = validateScenario)]
pub fn validate_scenario(scenario: JsValue) -> JsValue {
    call("validateScenario", &scenario)
}

/// Static findings over a scenario before any sign-in, each with its rule ID, JSON pointer and fix.
#[wasm_bindgen(js_name = lintScenario)]
pub fn lint_scenario(scenario: JsValue) -> JsValue {
    call("lintScenario", &scenario)
}

/// Compares two configurations (`{before, after, users}`) over one directory: whose outcome changes.
#[wasm_bindgen(js_name = simulateImpact)]
pub fn simulate_impact(input: JsValue) -> JsValue {
    call("simulateImpact", &input)
}

/// The JSON Schema of the scenario format.
#[wasm_bindgen]
pub fn schema() -> JsValue {
    to_js(&serde_json::from_str(provisim_core::scenario::SCHEMA_JSON).unwrap_or_default())
}

/// The version of the engine.
#[wasm_bindgen]
pub fn version() -> String {
    provisim_core::VERSION.to_string()
}

/// Calls a core API function by name on a JavaScript input.
pub fn call(name: &str, input: &JsValue) -> JsValue {
    match input_text(input) {
        Ok(text) => to_js(&api::call(name, &text)),
        Err(message) => to_js(&api::to_value(&api::Answer::<()>::failure(vec![
            api::ApiError {
                message,
                path: String::new(),
                help: Some("pass a JSON string or a plain object".to_string()),
                rule: None,
                line: None,
                column: None,
            },
        ]))),
    }
}

/// The input as JSON text: a string is taken as JSON text; anything else is stringified.
fn input_text(input: &JsValue) -> Result<String, String> {
    if let Some(text) = input.as_string() {
        return Ok(text);
    }
    if input.is_undefined() || input.is_function() || input.is_symbol() {
        return Err("the input is not JSON: expected a scenario object or JSON string".to_string());
    }
    match js_sys::JSON::stringify(input) {
        Ok(text) => text
            .as_string()
            .ok_or_else(|| "the input cannot be written as JSON".to_string()),
        Err(_) => Err("the input cannot be written as JSON (a cycle, or a BigInt?)".to_string()),
    }
}

/// Converts a JSON value to a plain JavaScript object (maps as objects, not `Map`).
fn to_js(value: &serde_json::Value) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|e| {
            JsValue::from_str(&format!(
                "{{\"type\":\"failure\",\"errors\":[{{\"message\":\"internal error: {e}\"}}]}}"
            ))
        })
}
