//! Settings for every **Assumption** and **Conflict** of RULES.md: the choice is the user's, visible,
//! echoed in every outcome, never a hidden guess.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whom the owner exemption of advanced SAML mapping covers (SAML-08).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OwnerExemption {
    /// Zoom support articles: advanced mapping is not applied to the owner at all.
    #[default]
    AllSections,
    /// Only the sections the seeds name: User Role, User Group, Phone Calling Plan.
    SeedSections,
}

/// Which add-on sections remove the add-on when mapped and nothing matches (SAML-13).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AddOnRemoval {
    /// Every add-on section (Assumption).
    #[default]
    AllAddOns,
    /// Only Webinars and Large Meeting, as the seed states it.
    WebinarsLargeMeetingOnly,
}

/// Against which state prerequisites (licensed for ZRA, extension for a calling plan) are checked (SAML-02).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prerequisites {
    /// The state at the start of the sign-in (consistent with SAML-31's two sign-ins).
    #[default]
    StartOfSignIn,
    /// The state as earlier sections and Basic mapping left it in this sign-in.
    AsApplied,
}

/// Every setting, with the rule whose Assumption or Conflict it decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// SAML-03: whether rule values match case-sensitively (undocumented; default: not).
    pub case_sensitive: bool,
    /// SAML-08: the owner's exemption from advanced mapping.
    pub owner_exemption: OwnerExemption,
    /// SAML-13: which add-on sections remove an add-on when nothing matches.
    pub addon_removal: AddOnRemoval,
    /// SAML-42: whether WFM and QM can be assigned through SAML (seed 001) or only through the
    /// bundled Elite license (seed 000, the default).
    pub wfm_qm_through_saml: bool,
    /// SAML-02: the state prerequisites are checked against.
    pub prerequisites: Prerequisites,
    /// SAML-09: first and last name update at every sign-in (default: first sign-in only).
    pub update_names_every_sign_in: bool,
    /// SAML-41: a user who lost the Contact Center license and is given one again counts as first given.
    #[serde(default = "yes")]
    pub cc_relicense_counts_as_first: bool,
    /// SCIM-03: `zoomRevenueAccelerator: false` removes the ZRA license (Assumption; default: it does).
    #[serde(default = "yes")]
    pub zra_false_removes: bool,
    /// SCIM-09: the IdP's provisioning cycle in minutes (Entra ID: about 40).
    #[serde(default = "forty")]
    pub scim_cycle_minutes: u32,
    /// SCIM-15: what happens to a user who leaves the provisioning scope.
    pub out_of_scope: OutOfScope,
    /// SCIM-17: where Entra ID's documented requests break RFC 7644 (unquoted filter values,
    /// `…:User.manager`, `path: "manager"` without the URN), answer as the RFC says (`strict`) or
    /// as Zoom is observed to (`lenient`, the default).
    pub scim_dialect: ScimDialect,
    /// SCIM-06: a create or update whose email belongs to another user is refused with 409
    /// `uniqueness` (Assumption; default: on). Off: only `userName` is checked.
    #[serde(default = "yes")]
    pub scim_unique_email: bool,
    /// SCIM-18: whether Zoom's endpoint takes `/Bulk` requests (undocumented; Assumption, default: it does).
    #[serde(default = "yes")]
    pub scim_bulk: bool,
}

/// How the SCIM endpoint reads requests that break RFC 7644 the way Entra ID's documented ones do (SCIM-17).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScimDialect {
    /// Read them as Entra ID means them, with a note in the trace.
    #[default]
    Lenient,
    /// Answer as RFC 7644 says: 400 `invalidFilter` or `invalidPath`.
    Strict,
}

/// What the IdP does with a user who leaves the provisioning scope (SCIM-15).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutOfScope {
    /// Deactivate (`active: false`).
    #[default]
    Disable,
    /// Delete the user.
    Delete,
}

fn forty() -> u32 {
    40
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            case_sensitive: false,
            owner_exemption: OwnerExemption::default(),
            addon_removal: AddOnRemoval::default(),
            wfm_qm_through_saml: false,
            prerequisites: Prerequisites::default(),
            update_names_every_sign_in: false,
            cc_relicense_counts_as_first: true,
            zra_false_removes: true,
            scim_cycle_minutes: 40,
            out_of_scope: OutOfScope::Disable,
            scim_dialect: ScimDialect::Lenient,
            scim_unique_email: true,
            scim_bulk: true,
        }
    }
}

impl Settings {
    /// The settings the SCIM engine reads, as echoed in every SCIM outcome.
    pub fn scim_echo(&self) -> Vec<SettingEcho> {
        use crate::rules;
        let d = Settings::default();
        vec![
            echo(
                "zra_false_removes",
                word(&self.zra_false_removes),
                rules::SCIM_03,
                self.zra_false_removes == d.zra_false_removes,
            ),
            echo(
                "scim_cycle_minutes",
                word(&self.scim_cycle_minutes),
                rules::SCIM_09,
                self.scim_cycle_minutes == d.scim_cycle_minutes,
            ),
            echo(
                "out_of_scope",
                word(&self.out_of_scope),
                rules::SCIM_15,
                self.out_of_scope == d.out_of_scope,
            ),
            echo(
                "scim_dialect",
                word(&self.scim_dialect),
                rules::SCIM_17,
                self.scim_dialect == d.scim_dialect,
            ),
            echo(
                "scim_unique_email",
                word(&self.scim_unique_email),
                rules::SCIM_06,
                self.scim_unique_email == d.scim_unique_email,
            ),
            echo(
                "scim_bulk",
                word(&self.scim_bulk),
                rules::SCIM_18,
                self.scim_bulk == d.scim_bulk,
            ),
        ]
    }
}

/// One setting as echoed in an outcome: its name, value, and the rule it decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SettingEcho {
    pub name: &'static str,
    pub value: String,
    pub rule: crate::rules::RuleId,
    pub default: bool,
}

/// What each setting decides, in the words a person reads: the workbench form labels its control
/// with it (the web app reads it from here), and every trace step or warning that names a setting
/// quotes these words (“…”) instead of the scenario key; `tests/wording.rs` fails on a quote in
/// any corpus answer that is none of them, and on a key.
pub const LABELS: &[(&str, &str)] = &[
    ("case_sensitive", "Rule values match case-sensitively"),
    ("owner_exemption", "The account owner is exempt from"),
    (
        "addon_removal",
        "An add-on is removed when its section matches nothing",
    ),
    (
        "wfm_qm_through_saml",
        "WFM and QM can be assigned through SAML",
    ),
    ("prerequisites", "Prerequisites are checked against"),
    (
        "update_names_every_sign_in",
        "First and last name update at every sign-in",
    ),
    (
        "cc_relicense_counts_as_first",
        "A Contact Center license given again counts as first given",
    ),
    (
        "zra_false_removes",
        "SCIM `zoomRevenueAccelerator: false` removes the license",
    ),
    ("scim_cycle_minutes", "IdP provisioning cycle (minutes)"),
    (
        "out_of_scope",
        "A user who leaves the provisioning scope is",
    ),
    (
        "scim_dialect",
        "Requests that break RFC 7644 the way Entra ID's documented ones do are",
    ),
    (
        "scim_unique_email",
        "A user whose email belongs to another user is refused (409)",
    ),
    ("scim_bulk", "Zoom's SCIM endpoint takes /Bulk requests"),
    ("time_zone", "Time zone for times without a zone"),
];

/// The words of setting `key` ([`LABELS`]); `None` for a key that is no setting.
pub fn label(key: &str) -> Option<&'static str> {
    LABELS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

impl Settings {
    /// The settings the SAML engine reads, as echoed in every sign-in outcome.
    pub fn saml_echo(&self) -> Vec<SettingEcho> {
        use crate::rules;
        let d = Settings::default();
        vec![
            echo(
                "case_sensitive",
                word(&self.case_sensitive),
                rules::SAML_03,
                self.case_sensitive == d.case_sensitive,
            ),
            echo(
                "owner_exemption",
                word(&self.owner_exemption),
                rules::SAML_08,
                self.owner_exemption == d.owner_exemption,
            ),
            echo(
                "addon_removal",
                word(&self.addon_removal),
                rules::SAML_13,
                self.addon_removal == d.addon_removal,
            ),
            echo(
                "wfm_qm_through_saml",
                word(&self.wfm_qm_through_saml),
                rules::SAML_42,
                self.wfm_qm_through_saml == d.wfm_qm_through_saml,
            ),
            echo(
                "prerequisites",
                word(&self.prerequisites),
                rules::SAML_02,
                self.prerequisites == d.prerequisites,
            ),
            echo(
                "update_names_every_sign_in",
                word(&self.update_names_every_sign_in),
                rules::SAML_09,
                self.update_names_every_sign_in == d.update_names_every_sign_in,
            ),
            echo(
                "cc_relicense_counts_as_first",
                word(&self.cc_relicense_counts_as_first),
                rules::SAML_41,
                self.cc_relicense_counts_as_first == d.cc_relicense_counts_as_first,
            ),
        ]
    }
}

fn echo(
    name: &'static str,
    value: String,
    rule: crate::rules::RuleId,
    default: bool,
) -> SettingEcho {
    SettingEcho {
        name,
        value,
        rule,
        default,
    }
}

/// A setting value as the word the scenario format uses.
fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_its_words_and_no_label_is_left_over() {
        let Ok(serde_json::Value::Object(keys)) = serde_json::to_value(Settings::default()) else {
            panic!("settings serialise to an object");
        };
        let mut known: Vec<&str> = keys.keys().map(String::as_str).collect();
        // The session log's time zone is a setting of the capacity input, not of `Settings`.
        known.push("time_zone");
        let mut labelled: Vec<&str> = LABELS.iter().map(|(k, _)| *k).collect();
        known.sort_unstable();
        labelled.sort_unstable();
        assert_eq!(known, labelled);
        assert_eq!(
            label("case_sensitive"),
            Some("Rule values match case-sensitively")
        );
        assert_eq!(label("no_such_setting"), None);
    }
}
