//! TypeScript declarations of the JavaScript API, generated from the Rust types through their JSON
//! Schemas, so the declarations cannot drift from what the functions accept and return.

use crate::api::{self, ApiError, Validation};
use crate::license::seats::{SeatInput, SeatPlan};
use crate::saml::report::Outcome as SignInReport;
use crate::scenario::Scenario;
use crate::scim::engine::ScimReport;
use schemars::generate::{Contract, SchemaSettings};
use schemars::SchemaGenerator;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The two exports outside the API's table: they take no input and answer no `Answer`.
const CONSTANTS: &[(&str, &str, &str)] = &[
    (
        "schema",
        "The JSON Schema of the scenario format.",
        "Record<string, unknown>",
    ),
    ("version", "The engine's version.", "string"),
];

/// The names of every exported function, for tests that check the bindings export them all.
pub fn export_names() -> Vec<&'static str> {
    api::names()
        .chain(CONSTANTS.iter().map(|(name, _, _)| *name))
        .collect()
}

fn definitions<F: FnOnce(&mut SchemaGenerator)>(
    contract: Contract,
    add: F,
) -> BTreeMap<String, Value> {
    let mut settings = SchemaSettings::draft2020_12();
    settings.contract = contract;
    let mut generator = settings.into_generator();
    add(&mut generator);
    generator
        .definitions()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn roots_in(generator: &mut SchemaGenerator) {
    generator.subschema_for::<Scenario>();
    generator.subschema_for::<SeatInput>();
    generator.subschema_for::<crate::capacity::CapacityInput>();
    generator.subschema_for::<crate::impact::ImpactInput>();
}

fn roots_out(generator: &mut SchemaGenerator) {
    generator.subschema_for::<SeatPlan>();
    generator.subschema_for::<SignInReport>();
    generator.subschema_for::<ScimReport>();
    generator.subschema_for::<crate::capacity::CapacityReport>();
    generator.subschema_for::<crate::batch::BatchReport>();
    generator.subschema_for::<crate::csv_upload::CsvReport>();
    generator.subschema_for::<Validation>();
    generator.subschema_for::<crate::lint::LintReport>();
    generator.subschema_for::<crate::impact::ImpactReport>();
    generator.subschema_for::<ApiError>();
}

/// The whole `.d.ts` text.
pub fn declarations() -> String {
    let inputs = definitions(Contract::Deserialize, roots_in);
    let outputs = definitions(Contract::Serialize, roots_out);
    // A type that reads and writes differently (defaults make input fields optional) is declared
    // twice: the input version gets an `Input` suffix.
    let input_name = |name: &str| -> String {
        match (inputs.get(name), outputs.get(name)) {
            (Some(a), Some(b)) if a != b => format!("{name}Input"),
            _ => name.to_string(),
        }
    };
    let mut out = String::from(
        "// Generated from provisim's Rust types by `cargo xtask typescript`; do not edit.\n\
         // Every function takes a plain object or JSON text and never throws for bad input.\n\n\
         export type Answer<T> = ({ type: \"success\" } & T) | Failure;\n\n\
         export interface Failure {\n  type: \"failure\";\n  errors: ApiError[];\n  warnings: Warning[];\n}\n\n",
    );
    for export in api::EXPORTS {
        let _ = writeln!(
            out,
            "/** {} */\nexport function {}({}: {} | string): Answer<{}>;\n",
            export.doc,
            export.name,
            export.param,
            rename_root(export.input, &input_name),
            export.output
        );
    }
    for (name, doc, returns) in CONSTANTS {
        let _ = writeln!(out, "/** {doc} */\nexport function {name}(): {returns};\n");
    }
    out.push_str(
        "/** Loads the WebAssembly module; call once before any other function. */\n\
         export default function init(moduleOrPath?: { module_or_path: string | URL | Request | Response | BufferSource | WebAssembly.Module }): Promise<unknown>;\n\n",
    );
    let mut seen = BTreeMap::new();
    for (name, schema) in &outputs {
        seen.insert(name.clone(), declare(name, schema, &|n| n.to_string()));
    }
    for (name, schema) in &inputs {
        let declared = input_name(name);
        seen.entry(declared.clone())
            .or_insert_with(|| declare(&declared, schema, &input_name));
    }
    for text in seen.values() {
        out.push_str(text);
        out.push('\n');
    }
    out
}

fn rename_root(name: &str, rename: &dyn Fn(&str) -> String) -> String {
    if name.starts_with("Record<") {
        name.to_string()
    } else {
        rename(name)
    }
}

fn doc(schema: &Value, indent: &str) -> String {
    match schema.get("description").and_then(Value::as_str) {
        Some(d) => format!(
            "{indent}/** {} */\n",
            d.replace("*/", "* /").replace('\n', " ")
        ),
        None => String::new(),
    }
}

fn declare(name: &str, schema: &Value, rename: &dyn Fn(&str) -> String) -> String {
    let mut text = doc(schema, "");
    if schema.get("properties").is_some() {
        let _ = writeln!(
            text,
            "export interface {name} {}",
            object(schema, rename, "")
        );
    } else {
        let _ = writeln!(text, "export type {name} = {};", ts(schema, rename));
    }
    text
}

fn object(schema: &Value, rename: &dyn Fn(&str) -> String, indent: &str) -> String {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut text = String::from("{\n");
    if let Some(Value::Object(properties)) = schema.get("properties") {
        for (field, sub) in properties {
            let optional = if required.contains(&field.as_str()) {
                ""
            } else {
                "?"
            };
            let key = if field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                field.clone()
            } else {
                format!("{field:?}")
            };
            text.push_str(&doc(sub, &format!("{indent}  ")));
            let _ = writeln!(text, "{indent}  {key}{optional}: {};", ts(sub, rename));
        }
    }
    text.push_str(indent);
    text.push('}');
    text
}

/// The TypeScript type of a JSON Schema.
fn ts(schema: &Value, rename: &dyn Fn(&str) -> String) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return rename(reference.rsplit('/').next().unwrap_or("unknown"));
    }
    if let Some(constant) = schema.get("const") {
        return constant.to_string();
    }
    if let Some(Value::Array(values)) = schema.get("enum") {
        return values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(" | ");
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(options)) = schema.get(key) {
            let mut parts: Vec<String> = Vec::new();
            for option in options {
                let t = ts(option, rename);
                if !parts.contains(&t) {
                    parts.push(t);
                }
            }
            return parts.join(" | ");
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.is_empty() {
        return "unknown".to_string();
    }
    types
        .iter()
        .map(|t| match *t {
            "string" => "string".to_string(),
            "integer" | "number" => "number".to_string(),
            "boolean" => "boolean".to_string(),
            "null" => "null".to_string(),
            "array" => {
                let item = schema
                    .get("items")
                    .map(|i| ts(i, rename))
                    .unwrap_or_else(|| "unknown".to_string());
                if item.contains(' ') {
                    format!("({item})[]")
                } else {
                    format!("{item}[]")
                }
            }
            "object" if schema.get("properties").is_some() => object(schema, rename, ""),
            "object" => match schema.get("additionalProperties") {
                Some(Value::Object(values)) if !values.is_empty() => format!(
                    "Record<string, {}>",
                    ts(&Value::Object(values.clone()), rename)
                ),
                _ => "Record<string, unknown>".to_string(),
            },
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_declarations_are_current() {
        let checked_in = include_str!("../../provisim-wasm/provisim.d.ts");
        assert!(
            checked_in == declarations(),
            "crates/provisim-wasm/provisim.d.ts is stale: run `cargo xtask typescript`"
        );
    }

    #[test]
    fn declarations_cover_every_export_and_the_answer_shapes() {
        let d = declarations();
        for name in export_names() {
            assert!(d.contains(&format!("export function {name}(")), "{name}");
        }
        for shape in [
            "export interface SignInReport",
            "export interface ScimReport",
            "export interface CapacityReport",
            "export interface BatchReport",
            "export interface CsvReport",
            "export interface SeatPlan",
            "export interface ApiError",
            "status: SectionStatus;",
        ] {
            assert!(d.contains(shape), "{shape}");
        }
        assert!(
            d.contains("export type SectionStatus = \"applied\""),
            "enums become unions of their words"
        );
    }
}
