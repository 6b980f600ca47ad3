//! The scenario document as a workbench holds it: the JSON text is the source of truth; the form
//! edits a parsed [`Scenario`] and writes it back as text. Plain Rust, without the browser.

use provisim_core::input::{self, InputError};
use provisim_core::model::{Account, Plan};
use provisim_core::rules::{self, RuleId};
use provisim_core::saml::{MappingRule, SamlInput, Section, SectionConfig, Values};
use provisim_core::scenario::{self, Scenario};
use provisim_core::settings::Settings;
use serde_json::Value;

use crate::locate;

/// The text, read: the scenario when its shape is right (even if it fails validation, so that the
/// form can still show and fix it), and every error located at a line where possible.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub draft: Option<Scenario>,
    pub errors: Vec<InputError>,
}

impl Parsed {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.draft.is_some()
    }

    /// The first error at `path` or below it.
    pub fn error_at(&self, path: &str) -> Option<&InputError> {
        self.errors.iter().find(|e| {
            e.path == path
                || e.path
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

pub fn parse(text: &str) -> Parsed {
    match scenario::parse(text) {
        Ok(scenario) => Parsed {
            draft: Some(scenario),
            errors: Vec::new(),
        },
        Err(mut errors) => {
            for error in &mut errors {
                if error.line.is_none() {
                    if let Some((line, column)) = locate::locate(text, &error.path) {
                        error.line = Some(line);
                        error.column = Some(column);
                    }
                }
            }
            Parsed {
                draft: input::parse_json::<Scenario>(text).ok(),
                errors,
            }
        }
    }
}

/// The scenario as the editor shows it: pretty JSON with a final newline.
pub fn to_text(scenario: &Scenario) -> String {
    let mut text = serde_json::to_string_pretty(scenario).unwrap_or_default();
    text.push('\n');
    text
}

/// The scenario in a file that may be a scenario, or a test case of `tests/scenarios/` whose
/// `input` is one: the scenario's text, pretty-printed from a test case and unchanged otherwise.
pub fn scenario_text(file: &str) -> String {
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(file) else {
        return file.to_string();
    };
    match object.get("input") {
        Some(input @ Value::Object(inner))
            if !object.contains_key("provisim") && inner.contains_key("provisim") =>
        {
            let mut text = serde_json::to_string_pretty(input).unwrap_or_default();
            text.push('\n');
            text
        }
        _ => file.to_string(),
    }
}

/// A sign-in with no attributes yet.
pub fn empty_sign_in(name_id: Option<String>) -> SamlInput {
    SamlInput {
        name_id,
        ..SamlInput::default()
    }
}

/// Moves item `i` one place up or down; the item's new index, or `None` when it cannot move.
pub fn move_item<T>(items: &mut [T], i: usize, up: bool) -> Option<usize> {
    let to = if up { i.checked_sub(1)? } else { i + 1 };
    if to >= items.len() || i >= items.len() {
        return None;
    }
    items.swap(i, to);
    Some(to)
}

/// The sections not configured yet, in processing order (a section may be configured once).
pub fn sections_to_add(scenario: &Scenario) -> Vec<Section> {
    Section::ALL
        .into_iter()
        .filter(|s| !scenario.sso.advanced.iter().any(|c| c.section == *s))
        .collect()
}

/// Adds a section with no rules (not mapped until it has one); its index.
pub fn add_section(scenario: &mut Scenario, section: Section) -> usize {
    scenario.sso.advanced.push(SectionConfig {
        section,
        rules: Vec::new(),
    });
    scenario.sso.advanced.len() - 1
}

/// The values a section's result must be one of, where the section has a fixed list: its own
/// (license types, webinar sizes, packages), or the account's sub-accounts or templates.
pub fn result_choices(account: &Account, section: Section) -> Option<Vec<String>> {
    match section {
        Section::SubAccount => Some(account.sub_accounts.clone()),
        Section::CcNewUserTemplate => Some(
            account
                .cc_templates
                .iter()
                .map(|t| t.name.clone())
                .collect(),
        ),
        _ => section
            .allowed_values()
            .map(|values| values.iter().map(|v| (*v).to_string()).collect()),
    }
}

/// A new rule for section `i`: the attribute its last rule reads (or `memberOf`), an empty value
/// to fill in, and the first valid result where the section has a list. Its index.
pub fn add_rule(scenario: &mut Scenario, i: usize) -> Option<usize> {
    let account = scenario.account.clone();
    let config = scenario.sso.advanced.get_mut(i)?;
    let attribute = config
        .rules
        .last()
        .map(|r| r.attribute.clone())
        .unwrap_or_else(|| "memberOf".to_string());
    let result = result_choices(&account, config.section)
        .and_then(|choices| choices.into_iter().next())
        .unwrap_or_default();
    config.rules.push(MappingRule {
        attribute,
        value: String::new(),
        result: Values::One(result),
    });
    Some(config.rules.len() - 1)
}

/// One value per line: the editors' way to edit lists (values may contain commas, as LDAP names
/// do). Splitting and joining give the text back exactly, so typing a new line loses nothing.
pub fn values_from_lines(text: &str) -> Values {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    match <[String; 1]>::try_from(lines) {
        Ok([one]) => Values::One(one),
        Err(many) => Values::Many(many),
    }
}

pub fn lines_from_values(values: &Values) -> String {
    values.as_slice().join("\n")
}

/// A list as lines; an empty text is an empty list.
pub fn list_from_lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_string).collect()
    }
}

/// An optional text field: empty is absent.
pub fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// An attribute name not yet used by the assertion.
pub fn new_attribute_name(input: &SamlInput) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                "attribute".to_string()
            } else {
                format!("attribute{n}")
            }
        })
        .find(|name| !input.attributes.contains_key(name))
        .unwrap_or_default()
}

/// The word the scenario format uses for a value of an enum (`licensed`, `all_sections`).
pub fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The enum value the scenario format writes as `word`.
pub fn from_word<T: serde::de::DeserializeOwned>(word: &str) -> Option<T> {
    serde_json::from_value(Value::String(word.to_string())).ok()
}

/// Every plan an account can hold, as the scenario format writes them.
pub const PLANS: [&str; 8] = [
    "webinars",
    "large_meetings",
    "whiteboard",
    "revenue_accelerator",
    "phone_calling_plans",
    "translated_captions",
    "concurrent_licensing",
    "contact_center",
];

pub fn plan(key: &str) -> Option<Plan> {
    from_word(key)
}

/// How the form edits a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Toggle,
    /// The values and what each means.
    Choice(&'static [(&'static str, &'static str)]),
    Minutes,
}

/// A setting of the scenario: its key in `settings`, what it decides, and the rule whose
/// Assumption or Conflict it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettingField {
    pub key: &'static str,
    pub rule: RuleId,
    pub control: Control,
    /// Whether the SAML sign-in reads it (the others belong to other workbenches).
    pub saml: bool,
}

/// Every setting of `provisim_core::settings::Settings` (a test checks none is missing).
pub const SETTINGS: [SettingField; 13] = [
    SettingField {
        key: "case_sensitive",
        rule: rules::SAML_03,
        control: Control::Toggle,
        saml: true,
    },
    SettingField {
        key: "owner_exemption",
        rule: rules::SAML_08,
        control: Control::Choice(&[
            ("all_sections", "every Advanced section (support articles)"),
            (
                "seed_sections",
                "User Role, User Group and Calling Plan only (as Zoom's mapping notes say)",
            ),
        ]),
        saml: true,
    },
    SettingField {
        key: "addon_removal",
        rule: rules::SAML_13,
        control: Control::Choice(&[
            ("all_add_ons", "in every add-on section"),
            (
                "webinars_large_meeting_only",
                "in Webinars and Large Meeting only (as Zoom's mapping notes say)",
            ),
        ]),
        saml: true,
    },
    SettingField {
        key: "wfm_qm_through_saml",
        rule: rules::SAML_42,
        control: Control::Toggle,
        saml: true,
    },
    SettingField {
        key: "prerequisites",
        rule: rules::SAML_02,
        control: Control::Choice(&[
            ("start_of_sign_in", "the user as the sign-in starts"),
            ("as_applied", "the user as earlier sections left it"),
        ]),
        saml: true,
    },
    SettingField {
        key: "update_names_every_sign_in",
        rule: rules::SAML_09,
        control: Control::Toggle,
        saml: true,
    },
    SettingField {
        key: "cc_relicense_counts_as_first",
        rule: rules::SAML_41,
        control: Control::Toggle,
        saml: true,
    },
    SettingField {
        key: "zra_false_removes",
        rule: rules::SCIM_03,
        control: Control::Toggle,
        saml: false,
    },
    SettingField {
        key: "scim_cycle_minutes",
        rule: rules::SCIM_09,
        control: Control::Minutes,
        saml: false,
    },
    SettingField {
        key: "out_of_scope",
        rule: rules::SCIM_15,
        control: Control::Choice(&[("disable", "deactivated"), ("delete", "deleted")]),
        saml: false,
    },
    SettingField {
        key: "scim_dialect",
        rule: rules::SCIM_17,
        control: Control::Choice(&[
            (
                "lenient",
                "read as Entra ID means them, with a note (as Zoom is observed to)",
            ),
            (
                "strict",
                "refused as RFC 7644 says (400 invalidFilter or invalidPath)",
            ),
        ]),
        saml: false,
    },
    SettingField {
        key: "scim_unique_email",
        rule: rules::SCIM_06,
        control: Control::Toggle,
        saml: false,
    },
    SettingField {
        key: "scim_bulk",
        rule: rules::SCIM_18,
        control: Control::Toggle,
        saml: false,
    },
];

impl SettingField {
    /// What the setting decides, in the words the core's messages quote (`settings::LABELS`).
    pub fn label(&self) -> &'static str {
        setting_label(self.key)
    }
}

/// What a setting decides, in words (`case_sensitive` → "Rule values match case-sensitively"),
/// from the core's one table; the key itself for a key the core does not know.
pub fn setting_label(key: &'static str) -> &'static str {
    match key {
        "grace_minutes" => "Grace period (minutes)",
        _ => provisim_core::settings::label(key).unwrap_or(key),
    }
}

/// A setting's value as an outcome shows it: "yes" or "no" for a toggle, a choice's words.
pub fn setting_value_words(key: &str, value: &str) -> String {
    let Some(field) = SETTINGS.iter().find(|f| f.key == key) else {
        return value.to_string();
    };
    match (&field.control, value) {
        (Control::Toggle, "true") => "yes".to_string(),
        (Control::Toggle, "false") => "no".to_string(),
        (Control::Choice(choices), _) => choices
            .iter()
            .find(|(v, _)| *v == value)
            .map_or_else(|| value.to_string(), |(_, words)| (*words).to_string()),
        _ => value.to_string(),
    }
}

/// A setting's value as JSON (`true`, `"all_sections"`, `40`).
pub fn setting(settings: &Settings, key: &str) -> Option<Value> {
    serde_json::to_value(settings).ok()?.get(key).cloned()
}

/// Sets a setting from its JSON value; `false` when the key or the value is not valid.
pub fn set_setting(settings: &mut Settings, key: &str, value: Value) -> bool {
    let Ok(Value::Object(mut object)) = serde_json::to_value(&*settings) else {
        return false;
    };
    if !object.contains_key(key) {
        return false;
    }
    object.insert(key.to_string(), value);
    match serde_json::from_value::<Settings>(Value::Object(object)) {
        Ok(updated) => {
            *settings = updated;
            true
        }
        Err(_) => false,
    }
}

/// A file name for the exported scenario, from its title.
pub fn file_name(title: &str) -> String {
    let slug: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "provisim-saml-scenario.json".to_string()
    } else {
        format!("provisim-{slug}.json")
    }
}
