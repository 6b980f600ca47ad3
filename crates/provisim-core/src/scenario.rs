//! The versioned scenario document (`"provisim": 1`): account, SSO configuration, settings, user and
//! input, in one JSON file shared by the CLI, the JavaScript API and the web app's import and export.

use crate::batch::BatchInput;
use crate::csv_upload::CsvInput;
use crate::input::{self, InputError};
use crate::license::seats::SeatInput;
use crate::model::{Account, User};
use crate::saml::{self, SamlInput, SsoConfig};
use crate::scim::ScimInput;
use crate::settings::Settings;
use crate::SCENARIO_FORMAT_VERSION;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A scenario: what the account is, how it is configured, who the user is, and what comes in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The format version: 1.
    pub provisim: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub account: Account,
    #[serde(default)]
    pub sso: SsoConfig,
    /// A choice for every Assumption and Conflict of RULES.md; absent fields take the defaults.
    #[serde(default)]
    pub settings: Settings,
    /// The user as Zoom holds it before the input; absent or `null`: a user Zoom does not know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// A SAML sign-in to simulate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml: Option<SamlInput>,
    /// A Contact Center seat plan to compute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<SeatInput>,
    /// The users the account already has (SCIM uniqueness, CSV diffs, batches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directory: Vec<User>,
    /// SCIM requests to simulate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scim: Option<ScimInput>,
    /// A bulk CSV upload to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv: Option<CsvInput>,
    /// A whole directory to run through the rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<BatchInput>,
}

/// Parses and validates a scenario: the version, the JSON shape (unknown fields name the nearest
/// known one), and every SAML configuration problem at once.
pub fn parse(text: &str) -> Result<Scenario, Vec<InputError>> {
    let scenario = read(text)?;
    let errors = check(&scenario);
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(errors)
    }
}

/// Every SAML configuration and sign-in problem of a scenario read with [`read`] (and perhaps
/// changed since, as the CLI does with `--response`).
pub fn check(scenario: &Scenario) -> Vec<InputError> {
    let mut errors = saml::validate::validate(
        &scenario.account,
        &scenario.sso,
        scenario.saml.as_ref(),
        scenario.user.as_ref(),
    );
    if let Some(user) = &scenario.user {
        saml::validate::check_user(user, "/user", &mut errors);
    }
    for (i, user) in scenario.directory.iter().enumerate() {
        saml::validate::check_user(user, &format!("/directory/{i}"), &mut errors);
    }
    errors
}

/// Reads a scenario's version and JSON shape, without [`check`]ing it.
pub fn read(text: &str) -> Result<Scenario, Vec<InputError>> {
    // Check the version first, so a future document is not reported as a heap of unknown fields.
    let raw: serde_json::Value = input::parse_json(text).map_err(|e| vec![e])?;
    match raw.get("provisim") {
        Some(serde_json::Value::Number(n))
            if n.as_u64() == Some(u64::from(SCENARIO_FORMAT_VERSION)) => {}
        Some(other) => {
            return Err(vec![InputError::new(
                "/provisim",
                format!("unsupported scenario format `{other}`"),
            )
            .with_help(format!(
                "this build reads `\"provisim\": {SCENARIO_FORMAT_VERSION}`"
            ))])
        }
        None if raw.is_object() => {
            return Err(vec![InputError::new(
                "/provisim",
                "this is not a provisim scenario: `provisim` is missing",
            )
            .with_help(format!(
                "start the document with `\"provisim\": {SCENARIO_FORMAT_VERSION}`"
            ))])
        }
        None => {
            return Err(vec![InputError::new("", "a scenario is a JSON object")
                .with_help("see docs/scenario-format.md")])
        }
    }
    input::parse_json(text).map_err(|e| vec![e])
}

/// The JSON Schema of the scenario format, generated from the Rust types.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Scenario)).unwrap_or_default()
}

/// The checked-in schema (`docs/scenario.schema.json`, kept current by a test): what the fronts
/// hand out, so the browser bundle carries the text and not the generator.
pub const SCHEMA_JSON: &str = include_str!("../../../docs/scenario.schema.json");

/// The schema as checked in at `docs/scenario.schema.json`: pretty JSON with a final newline.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_checked_first() {
        let errors = parse(r#"{"provisim": 2, "acount": {}}"#)
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].path, "/provisim");
        assert!(errors[0].message.contains("unsupported"));
        let errors = parse(r#"{"account": {}}"#).err().unwrap_or_default();
        assert!(errors[0].message.contains("`provisim` is missing"));
    }

    #[test]
    fn unknown_fields_name_the_nearest_known_field() {
        let errors = parse(r#"{"provisim": 1, "acount": {}}"#)
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].path, "/acount");
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `account`?"),
            "{:?}",
            errors[0]
        );
        let errors = parse(
            r#"{"provisim": 1, "sso": {"advanced": [{"section": "cc_pakage", "rules": []}]}}"#,
        )
        .err()
        .unwrap_or_default();
        assert_eq!(errors[0].path, "/sso/advanced/0/section");
        assert!(errors[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("did you mean `cc_package`?"));
    }

    #[test]
    fn the_checked_in_schema_is_current() {
        let checked_in = SCHEMA_JSON;
        assert!(
            checked_in == schema_text(),
            "docs/scenario.schema.json is stale: run `cargo xtask generate`"
        );
    }
}
