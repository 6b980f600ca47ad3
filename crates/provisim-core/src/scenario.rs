//! The versioned scenario document (`"provisim": 1`): account, SSO configuration, settings, user and
//! input, in one JSON file shared by the CLI, the JavaScript API and the web app's import and export.

use crate::batch::{Batch, BatchInput, BatchUsers};
use crate::csv_upload::CsvInput;
use crate::explain::Warning;
use crate::input::{self, InputError};
use crate::license::seats::SeatInput;
use crate::model::{self, Account, User};
use crate::rules;
use crate::saml::{self, SamlInput, SsoConfig};
use crate::scim::ScimInput;
use crate::settings::Settings;
use crate::SCENARIO_FORMAT_VERSION;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// What [`read`] found in an older form of the format and read as today's, each located by
    /// JSON pointer; not part of the document (the document as read is written in today's form).
    #[serde(skip)]
    pub notes: Vec<InputNote>,
}

/// A part of the scenario read in an older form of the format, and read as today's form. Today
/// the only one: WFM or QM among a user's `addons` (`{"workforce_management": "WFM"}`, as the SAML
/// engine once wrote them), moved into `contact_center.addons` (LIC-08).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputNote {
    /// JSON pointer of the user whose add-on moved (`/directory/3`).
    user: String,
    key: &'static str,
    /// The value the old form gave (`WFM`), dropped: the add-on has no type.
    value: String,
}

impl InputNote {
    /// JSON pointer of the old form in the document read.
    pub fn at(&self) -> String {
        format!("{}/addons/{}", self.user, self.key)
    }

    /// The same note in a document that holds this one's under `prefix` (`/before`).
    pub fn under(&self, prefix: &str) -> InputNote {
        InputNote {
            user: format!("{prefix}{}", self.user),
            ..self.clone()
        }
    }

    /// The warning for an answer: where the old form was, what it is read as, what to write.
    pub fn warning(&self) -> Warning {
        let (key, value, user) = (self.key, &self.value, &self.user);
        let label = if key == "workforce_management" {
            "Workforce Management (WFM)"
        } else {
            "Quality Management (QM)"
        };
        Warning::new(
            rules::LIC_08,
            format!("`{}` is the old place of {label}: it is read as the Contact Center add-on `{key}` in `{user}/contact_center/addons`, where every path (SCIM, CSV, a template, SAML) puts it", self.at()),
            format!("write `\"contact_center\": {{\"addons\": [\"{key}\"]}}` in this user instead of `\"addons\": {{\"{key}\": \"{value}\"}}`"),
        )
    }
}

impl Scenario {
    /// What every engine reads besides its own input: the account, settings, directory and user,
    /// and the notes of what the document gave in an older form.
    pub fn setup(&self) -> model::Setup<'_> {
        model::Setup {
            account: &self.account,
            settings: &self.settings,
            directory: &self.directory,
            user: self.user.as_ref(),
            notes: self.input_warnings().collect(),
        }
    }

    /// The SAML sign-in to simulate, or an error saying how to add one.
    pub fn saml_input(&self) -> Result<&SamlInput, Vec<InputError>> {
        self.saml.as_ref().ok_or_else(|| {
            vec![
                InputError::new("/saml", "the scenario has no `saml` sign-in to simulate")
                    .with_help(
                        "add `\"saml\": {\"name_id\": \"user@example.com\", \"attributes\": {…}}`",
                    ),
            ]
        })
    }

    /// The SCIM requests to simulate, or an error saying how to add them.
    pub fn scim_input(&self) -> Result<&ScimInput, Vec<InputError>> {
        self.scim.as_ref().ok_or_else(|| {
            vec![InputError::new(
                "/scim",
                "the scenario has no `scim` requests to simulate",
            )
            .with_help(
                "add `\"scim\": {\"requests\": [{\"method\": \"POST\", \"path\": \"/scim2/Users\", \"body\": {…}}]}`",
            )]
        })
    }

    /// The bulk CSV upload to check, or an error saying how to add one.
    pub fn csv_input(&self) -> Result<&CsvInput, Vec<InputError>> {
        self.csv.as_ref().ok_or_else(|| {
            vec![
                InputError::new("/csv", "the scenario has no `csv` upload").with_help(
                    "add `\"csv\": {\"text\": \"Email,Role,…\\n…\"}` and the users in `directory`",
                ),
            ]
        })
    }

    /// The directory batch to run, or an error saying how to add one.
    pub fn batch_input(&self) -> Result<&BatchInput, Vec<InputError>> {
        self.batch.as_ref().ok_or_else(|| {
            vec![
                InputError::new("/batch", "the scenario has no `batch`").with_help(
                    "add `\"batch\": {\"users\": \"name_id,…\\n…\"}` with the directory to run",
                ),
            ]
        })
    }

    /// A batch over this scenario's account, SSO configuration, settings and (`through: idp`) its
    /// IdP mapping table, with `input`'s pools and options; the caller pushes the users.
    pub fn start_batch(&self, input: &BatchInput) -> Result<Batch<'_>, Vec<InputError>> {
        Batch::new(self.setup(), &self.sso, self.scim.as_ref(), input)
    }

    /// The warnings of [`Scenario::notes`], for an answer's `warnings`.
    pub fn input_warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        self.notes.iter().map(InputNote::warning)
    }

    /// Moves the old form of WFM and QM (`addons.workforce_management`, `addons.quality_management`,
    /// as the SAML engine once wrote them) into `contact_center.addons`, the one home of Contact
    /// Center add-ons (LIC-08), in `user`, every `directory` user and every listed `batch.users`
    /// entry's `user`, noting each move.
    fn move_legacy_addons(&mut self) {
        let mut notes = Vec::new();
        if let Some(user) = &mut self.user {
            for (key, value) in user.move_legacy_addons() {
                notes.push(legacy_addon_note("/user", key, &value));
            }
        }
        for (i, user) in self.directory.iter_mut().enumerate() {
            for (key, value) in user.move_legacy_addons() {
                notes.push(legacy_addon_note(&format!("/directory/{i}"), key, &value));
            }
        }
        if let Some(BatchInput {
            users: BatchUsers::List(items),
            ..
        }) = &mut self.batch
        {
            for (i, item) in items.iter_mut().enumerate() {
                let Some(user) = item.get_mut("user") else {
                    continue;
                };
                for (key, value) in move_legacy_addons_in(user) {
                    notes.push(legacy_addon_note(
                        &format!("/batch/users/{i}/user"),
                        key,
                        &value,
                    ));
                }
            }
        }
        self.notes.extend(notes);
    }
}

/// [`User::move_legacy_addons`] on a user not read yet (a `batch.users` entry, read one by one
/// later): only where the old form is a string and `contact_center.addons`, if given, a list, so
/// that a wrong type is still reported where it is.
fn move_legacy_addons_in(user: &mut serde_json::Value) -> Vec<(&'static str, String)> {
    use serde_json::Value;
    let mut moved = Vec::new();
    let Some(object) = user.as_object_mut() else {
        return moved;
    };
    let list_ok = match object.get("contact_center") {
        None | Some(Value::Null) => true,
        Some(Value::Object(cc)) => matches!(
            cc.get("addons"),
            None | Some(Value::Null) | Some(Value::Array(_))
        ),
        Some(_) => false,
    };
    if !list_ok {
        return moved;
    }
    for key in model::WFM_QM {
        let Some(Value::Object(addons)) = object.get_mut("addons") else {
            return moved;
        };
        let Some(Value::String(value)) = addons.get(key) else {
            continue;
        };
        let value = value.clone();
        addons.remove(key);
        let cc = object
            .entry("contact_center")
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if cc.is_null() {
            *cc = Value::Object(serde_json::Map::new());
        }
        if let Some(cc) = cc.as_object_mut() {
            let list = cc
                .entry("addons")
                .or_insert_with(|| Value::Array(Vec::new()));
            if list.is_null() {
                *list = Value::Array(Vec::new());
            }
            if let Some(list) = list.as_array_mut() {
                if !list.iter().any(|a| a.as_str() == Some(key)) {
                    list.push(Value::String(key.to_string()));
                }
            }
        }
        moved.push((key, value));
    }
    moved
}

/// The note of one add-on moved from `{user}/addons/{key}` to `{user}/contact_center/addons`.
fn legacy_addon_note(user: &str, key: &'static str, value: &str) -> InputNote {
    InputNote {
        user: user.to_string(),
        key,
        value: value.to_string(),
    }
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
    for (i, template) in scenario.account.cc_templates.iter().enumerate() {
        if let Some(addons) = &template.addons {
            saml::validate::check_cc_addons(
                addons,
                &format!("/account/cc_templates/{i}/addons"),
                &mut errors,
            );
        }
    }
    check_batch_users(scenario, &mut errors);
    check_secondary_emails(scenario, &mut errors);
    errors
}

/// The same checks for each listed `batch.users` entry's `user` as for `user` and `directory`
/// users (SAML-14: add-on keys and values, an email). An entry that does not read as a user is
/// left to the batch, which reports it with its position as it reads the users one by one.
fn check_batch_users(scenario: &Scenario, errors: &mut Vec<InputError>) {
    use serde::Deserialize;
    let Some(BatchInput {
        users: BatchUsers::List(items),
        ..
    }) = &scenario.batch
    else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let Some(value) = item.get("user") else {
            continue;
        };
        if let Ok(user) = User::deserialize(value) {
            saml::validate::check_user(&user, &format!("/batch/users/{i}/user"), errors);
        }
    }
}

/// A secondary email that is another directory user's email would make a look-up by email find
/// two users: an error at the secondary email, naming the other user.
fn check_secondary_emails(scenario: &Scenario, errors: &mut Vec<InputError>) {
    let users: Vec<(String, &User)> = scenario
        .user
        .iter()
        .map(|u| ("/user".to_string(), u))
        .chain(
            scenario
                .directory
                .iter()
                .enumerate()
                .map(|(i, u)| (format!("/directory/{i}"), u)),
        )
        .collect();
    if users.iter().all(|(_, u)| u.secondary_emails.is_empty()) {
        return;
    }
    let mut by_email: BTreeMap<String, &str> = BTreeMap::new();
    for (at, user) in &users {
        by_email.entry(user.email.to_lowercase()).or_insert(at);
    }
    for (at, user) in &users {
        for (j, other) in user.secondary_emails.iter().enumerate() {
            let Some(owner) = by_email.get(&other.to_lowercase()) else {
                continue;
            };
            if *owner == at.as_str() || user.email.eq_ignore_ascii_case(other) {
                continue;
            }
            errors.push(
                InputError::new(
                    format!("{at}/secondary_emails/{j}"),
                    format!("`{other}` is the email of the user at `{owner}`"),
                )
                .with_help(
                    "an address belongs to one Zoom user: remove it here, or from that user",
                ),
            );
        }
    }
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
                .with_help(format!(
                    "write it in braces, starting with the format version: `{{\"provisim\": {SCENARIO_FORMAT_VERSION}, …}}`"
                ))])
        }
    }
    let mut scenario: Scenario = input::parse_json(text).map_err(|e| vec![e])?;
    scenario.move_legacy_addons();
    Ok(scenario)
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
