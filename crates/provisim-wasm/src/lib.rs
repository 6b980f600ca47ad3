//! provisim's JavaScript API: each export takes a JSON string or a plain object and returns a tagged
//! answer object (`{type: "success", …}` / `{type: "failure", errors}`); it never throws for bad input.
//!
//! All logic is in `provisim_core::api`, whose one export table gives the functions exported here;
//! this crate only converts between JavaScript and JSON.

use provisim_core::api;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook once, so that an unexpected panic reaches the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// One `#[wasm_bindgen]` function per row of the core's export table (`provisim_core::api`):
/// `planSeats(input)`, `simulateSignIn(scenario)`, … each calls the row by its name.
macro_rules! wasm_exports {
    ($( ($js:ident, $rust:ident, $param:ident, $input:literal, $output:literal, $command:literal, $doc:literal) ),* $(,)?) => {
        $(
            #[doc = $doc]
            #[wasm_bindgen(js_name = $js)]
            pub fn $rust($param: JsValue) -> JsValue {
                call(stringify!($js), &$param)
            }
        )*
    };
}

provisim_core::for_each_export!(wasm_exports);

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
