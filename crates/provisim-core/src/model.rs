//! The account and user state every engine reads and changes; it knows nothing of SAML or SCIM.

use crate::explain::Step;
use crate::license::Package;
use crate::rules;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A plan the account holds; some mapping sections exist only with their plan (SAML-07).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    Whiteboard,
    RevenueAccelerator,
    PhoneCallingPlans,
    TranslatedCaptions,
    ConcurrentLicensing,
    ContactCenter,
    Webinars,
    LargeMeetings,
}

impl Plan {
    pub fn label(self) -> &'static str {
        match self {
            Plan::Whiteboard => "Zoom Whiteboard",
            Plan::RevenueAccelerator => "Zoom Revenue Accelerator",
            Plan::PhoneCallingPlans => "Zoom Phone calling plans",
            Plan::TranslatedCaptions => "Translated Captions",
            Plan::ConcurrentLicensing => "concurrent licensing",
            Plan::ContactCenter => "Zoom Contact Center",
            Plan::Webinars => "Zoom Webinars",
            Plan::LargeMeetings => "Large Meetings",
        }
    }
}

/// The Zoom account: its plans, structure and Contact Center templates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Plans the account holds (SAML-07).
    #[serde(default)]
    pub plans: BTreeSet<Plan>,
    /// Sub-accounts users can be signed in to through the primary's SSO (SAML-20).
    #[serde(default)]
    pub sub_accounts: Vec<String>,
    /// Basic users the account already has, for the 9,999 limit (LIC-09).
    #[serde(default)]
    pub basic_users: u32,
    /// Contact Center user templates (TPL-01).
    #[serde(default)]
    pub cc_templates: Vec<CcTemplate>,
    /// The account's main Contact Center region: a new agent's region when none is sent (SCIM-12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc_main_region: Option<String>,
}

/// The account as it stands before the input: what every engine reads besides its own input.
/// A scenario gives one (`Scenario::setup`); an engine never sees the document itself.
#[derive(Clone, Debug)]
pub struct Setup<'s> {
    pub account: &'s Account,
    pub settings: &'s crate::settings::Settings,
    /// The users the account already has.
    pub directory: &'s [User],
    /// The one user of a single-user scenario, when the directory does not hold it already.
    pub user: Option<&'s User>,
    /// What the document gave in an older form (LIC-08): an answer's first warnings.
    pub notes: Vec<crate::explain::Warning>,
}

/// A user's license type.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LicenseType {
    #[default]
    Basic,
    Licensed,
    OnPrem,
}

impl LicenseType {
    pub fn label(self) -> &'static str {
        match self {
            LicenseType::Basic => "Basic",
            LicenseType::Licensed => "Licensed",
            LicenseType::OnPrem => "On-Prem",
        }
    }
}

/// The keys of [`User::licenses`] that more than one engine writes (SAML's section keys, SCIM's
/// Zoom extension attributes): named once, so no engine spells them.
pub mod license_key {
    /// Zoom Revenue Accelerator (SAML-16, SCIM-03).
    pub const REVENUE_ACCELERATOR: &str = "revenue_accelerator";
    /// Zoom Whiteboard (SAML's Whiteboard section, SCIM's `zoomWhiteboard`).
    pub const WHITEBOARD: &str = "whiteboard";
}

/// A user as Zoom holds it. Absent fields take the defaults of a new Basic member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct User {
    pub email: String,
    /// Other email addresses of the user, besides `email` (each an address, none repeated). No
    /// rule of the catalogue uses them (the seeds never mention secondary emails): SCIM shows them
    /// among the user's `emails` (type `other`) and finds the user by them in a filter on `emails`;
    /// SAML sign-ins, batches, CSV uploads and SCIM-06's uniqueness match on `email` only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secondary_emails: Vec<String>,
    pub first_name: String,
    pub last_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// The account owner (SAML-08).
    pub owner: bool,
    /// `false` once deactivated (SCIM `active: false`).
    #[serde(default = "yes")]
    pub active: bool,
    pub license: LicenseType,
    /// Add-ons by section key, with their type or capacity (e.g. `webinar`: `500`). Contact
    /// Center's add-ons (WFM, QM, AI Expert Assist) are not here but in `contact_center.addons`;
    /// `workforce_management` or `quality_management` written here (the old form) is moved there
    /// when the scenario is read, with a warning.
    pub addons: BTreeMap<String, String>,
    /// Separately listed licenses by key (`events_unlimited`, `revenue_accelerator`, `whiteboard`, …).
    pub licenses: BTreeMap<String, String>,
    /// Role name; `Member` by default.
    #[serde(default = "member")]
    pub role: String,
    /// Groups in order: the first is the primary group (SAML-22).
    pub groups: Vec<String>,
    pub group_admin: Vec<String>,
    pub rooms_admin: Vec<String>,
    /// Other profile settings by section key (channel, recording location, division, …).
    pub profile: BTreeMap<String, String>,
    pub phone: Phone,
    pub contact_center: ContactCenter,
    /// Zoom Revenue Accelerator role (SCIM-03, SAML ZRA Role).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zra_role: Option<String>,
    /// Meeting data transit and residency is On-Prem (SAML-16), distinct from the On-Prem type.
    pub on_prem_data_residency: bool,
    /// The user hosts future-dated meetings or webinars (SAML-12).
    pub upcoming_events: bool,
    /// The sub-account the user signs in to, if not the primary (SAML-20).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_account: Option<String>,
}

fn yes() -> bool {
    true
}

fn member() -> String {
    "Member".to_string()
}

/// The keys of Contact Center's add-ons, which a user holds in `contact_center.addons` (SCIM-04,
/// CSV-01, the SAML WFM and QM sections, SAML-42): AI Expert Assist, WFM, QM.
pub const CC_ADDONS: [&str; 3] = [
    "ai_expert_assist",
    "workforce_management",
    "quality_management",
];

/// WFM and QM: the Contact Center add-ons SAML assigns through sections of their own (SAML-42),
/// and the ones the scenario format once also took among a user's `addons`
/// (`{"workforce_management": "WFM"}`), as the SAML engine wrote them; that form is read and moved.
pub const WFM_QM: [&str; 2] = ["workforce_management", "quality_management"];

/// Whether an add-on key is Contact Center's, held in `contact_center.addons`.
pub fn is_cc_addon(key: &str) -> bool {
    CC_ADDONS.contains(&key)
}

impl User {
    /// The one answer to "does this user hold add-on `key`": a Contact Center add-on (WFM, QM,
    /// AI Expert Assist) in `contact_center.addons`, any other add-on among `addons` (LIC-08).
    pub fn holds_addon(&self, key: &str) -> bool {
        if is_cc_addon(key) {
            self.contact_center.holds(key)
        } else {
            self.addons.contains_key(key)
        }
    }

    /// Moves the old form of WFM and QM (`addons.workforce_management`) into
    /// `contact_center.addons`, and returns each key moved with the value it had.
    pub fn move_legacy_addons(&mut self) -> Vec<(&'static str, String)> {
        let mut moved = Vec::new();
        for key in WFM_QM {
            if let Some(value) = self.addons.remove(key) {
                self.contact_center.grant(key);
                moved.push((key, value));
            }
        }
        moved
    }

    /// A new Basic member with this email, as Zoom creates one.
    pub fn new(email: &str) -> User {
        User {
            email: email.to_string(),
            active: true,
            role: member(),
            ..User::default()
        }
    }
}

/// Zoom Phone state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Phone {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// An existing Zoom Phone user (SAML-30, SAML-32).
    pub phone_user: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calling_plan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Phone {
    /// SAML-30 / SAML-32: the user has an extension or is already a Phone user.
    pub fn eligible(&self) -> bool {
        self.extension.is_some() || self.phone_user
    }
}

/// Contact Center state (CSV-01 settings and the SAML/SCIM attributes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ContactCenter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Add-ons: `ai_expert_assist`, `workforce_management`, `quality_management`: the one place a
    /// user holds WFM and QM, whichever way (SCIM, CSV, a template, SAML) they were assigned.
    pub addons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<String>,
    pub agent_queues: Vec<String>,
    pub supervisor_queues: Vec<String>,
    pub skills: Vec<String>,
    /// Client Integrations (CRM enablement), CSV-01.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub client_integrations: Vec<String>,
    /// Voice and Video Engagement Capacity (CSV-01).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice_video_capacity: Option<u32>,
    /// Email Load to Accept Calls (CSV-01).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_load: Option<u32>,
    /// Maximum Concurrent Messaging Engagements (CSV-01).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_messaging_engagements: Option<u32>,
    /// Messaging Load to Accept Calls (CSV-01).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messaging_load: Option<u32>,
    /// User Access to Contact Center: enabled (`true`) or disabled (CSV-01); absent: not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_enabled: Option<bool>,
    /// The template last applied, for the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

impl ContactCenter {
    /// Whether `key` is among the add-ons.
    pub fn holds(&self, key: &str) -> bool {
        self.addons.iter().any(|a| a == key)
    }

    /// Adds the add-on `key`; `false` when it was held already.
    pub fn grant(&mut self, key: &str) -> bool {
        if self.holds(key) {
            return false;
        }
        self.addons.push(key.to_string());
        true
    }

    /// Removes the add-on `key`; `false` when it was not held.
    pub fn revoke(&mut self, key: &str) -> bool {
        let before = self.addons.len();
        self.addons.retain(|a| a != key);
        self.addons.len() != before
    }
}

/// Whether a Contact Center template is for adding users or for updating them (SCIM-05).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Add,
    Update,
}

/// A Contact Center user template (TPL-01): any of the CSV-01 settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CcTemplate {
    pub name: String,
    pub kind: TemplateKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addons: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_queues: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_queues: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
}

impl CcTemplate {
    /// TPL-01: the CSV-01 settings this template holds, in the order [`CcTemplate::apply`]
    /// writes them.
    pub fn holds(&self) -> Vec<&'static str> {
        [
            ("package", self.package.is_some()),
            ("role", self.role.is_some()),
            ("region", self.region.is_some()),
            ("addons", self.addons.is_some()),
            ("agent_queues", self.agent_queues.is_some()),
            ("supervisor_queues", self.supervisor_queues.is_some()),
            ("skills", self.skills.is_some()),
        ]
        .into_iter()
        .filter_map(|(field, held)| held.then_some(field))
        .collect()
    }

    /// TPL-01's step: what the template holds, so a trace shows what it could set.
    pub fn holds_step(&self) -> Step {
        let held = self.holds();
        Step::new(
            rules::TPL_01,
            format!(
                "template `{}` holds {}",
                self.name,
                if held.is_empty() {
                    "no settings".to_string()
                } else {
                    held.join(", ")
                }
            ),
        )
    }

    /// TPL-03's sentence when values set individually (`kept`, by `whom`) beat the template's:
    /// individual values first, then the template's, then the user's current values or the
    /// defaults. `None` when nothing was set individually.
    pub fn precedence(&self, kept: &[&str], whom: &str) -> Option<String> {
        (!kept.is_empty()).then(|| {
            format!(
                "{whom} win over template `{}` for {}: individual values first, then the template's, then the user's current values or the defaults",
                self.name,
                kept.join(", ")
            )
        })
    }

    /// Applies the template's settings below the values already set in this request (TPL-03:
    /// individual values win over the template's). `given` says which fields the request set.
    pub fn apply(
        &self,
        cc: &mut ContactCenter,
        given: &BTreeSet<&'static str>,
    ) -> Vec<&'static str> {
        let mut applied = Vec::new();
        let mut set = |field: &'static str, apply: &mut dyn FnMut()| {
            if !given.contains(field) {
                apply();
                applied.push(field);
            }
        };
        if let Some(v) = self.package {
            set("package", &mut || cc.package = Some(v));
        }
        if let Some(v) = &self.role {
            set("role", &mut || cc.role = Some(v.clone()));
        }
        if let Some(v) = &self.region {
            set("region", &mut || cc.region = Some(v.clone()));
        }
        if let Some(v) = &self.addons {
            set("addons", &mut || cc.addons.clone_from(v));
        }
        if let Some(v) = &self.agent_queues {
            set("agent_queues", &mut || cc.agent_queues.clone_from(v));
        }
        if let Some(v) = &self.supervisor_queues {
            set("supervisor_queues", &mut || {
                cc.supervisor_queues.clone_from(v)
            });
        }
        if let Some(v) = &self.skills {
            set("skills", &mut || cc.skills.clone_from(v));
        }
        cc.template = Some(self.name.clone());
        applied
    }
}

/// One changed field between two states.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    /// JSON pointer of the field in the user, e.g. `/phone/calling_plan`.
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// Field-by-field difference of two users (`before` absent: a new user), in field order.
pub fn diff(before: Option<&User>, after: &User) -> Vec<Change> {
    if before == Some(after) {
        return Vec::new();
    }
    let before = before
        .map(|u| serde_json::to_value(u).unwrap_or_default())
        .unwrap_or(serde_json::Value::Null);
    let after = serde_json::to_value(after).unwrap_or_default();
    let mut changes = Vec::new();
    diff_values("", &before, &after, &mut changes);
    changes
}

fn diff_values(
    at: &str,
    before: &serde_json::Value,
    after: &serde_json::Value,
    out: &mut Vec<Change>,
) {
    use serde_json::Value;
    if before == after {
        return;
    }
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
            for key in keys {
                let bv = b.get(key).unwrap_or(&Value::Null);
                let av = a.get(key).unwrap_or(&Value::Null);
                if bv != av {
                    diff_values(&format!("{at}/{key}"), bv, av, out);
                }
            }
        }
        (Value::Null, Value::Object(a)) => {
            for (key, av) in a {
                diff_values(&format!("{at}/{key}"), &Value::Null, av, out);
            }
        }
        _ if before == after => {}
        // A new user's `false` flags are defaults, not changes.
        (Value::Null, Value::Bool(false)) => {}
        _ => {
            if is_empty(before) && is_empty(after) {
                return;
            }
            out.push(Change {
                field: at.to_string(),
                before: before.clone(),
                after: after.clone(),
            });
        }
    }
}

fn is_empty(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::Array(a) => a.is_empty(),
        serde_json::Value::Object(o) => o.is_empty(),
        serde_json::Value::String(s) => s.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tpl_01_a_template_holds_what_it_sets_and_tpl_03_individual_values_win() {
        let template = CcTemplate {
            name: "Tier 1".into(),
            kind: TemplateKind::Add,
            package: Some(Package::Premium),
            role: Some("Agent".into()),
            region: None,
            addons: None,
            agent_queues: None,
            supervisor_queues: None,
            skills: Some(vec!["English".into()]),
        };
        assert_eq!(template.holds(), ["package", "role", "skills"]);
        assert_eq!(template.holds_step().rule, rules::TPL_01);
        let mut cc = ContactCenter {
            role: Some("Supervisor".into()),
            ..ContactCenter::default()
        };
        let given: BTreeSet<&'static str> = ["role"].into_iter().collect();
        let applied = template.apply(&mut cc, &given);
        // TPL-03: the value set individually stays; the template fills the rest.
        assert_eq!(applied, ["package", "skills"]);
        assert_eq!(cc.role.as_deref(), Some("Supervisor"));
        assert_eq!(cc.package, Some(Package::Premium));
        assert!(template.precedence(&[], "x").is_none());
        assert!(template
            .precedence(&["role"], "the attributes sent")
            .is_some_and(|t| t.contains("for role")));
    }

    #[test]
    fn diff_lists_changed_leaves_by_pointer() {
        let before = User::new("a@example.com");
        let mut after = before.clone();
        after.license = LicenseType::Licensed;
        after.phone.calling_plan = Some("US Metered".into());
        after.groups = vec!["Sales".into()];
        let changes = diff(Some(&before), &after);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["/groups", "/license", "/phone/calling_plan"]);
        assert!(diff(Some(&after), &after).is_empty());
    }

    #[test]
    fn wfm_and_qm_have_one_home() {
        // LIC-08: one function decides whether a user holds an add-on; the old form moves.
        let mut user = User::new("a@example.com");
        user.addons
            .insert("workforce_management".into(), "WFM".into());
        user.addons.insert("webinar".into(), "500".into());
        user.contact_center.addons = vec!["ai_expert_assist".into()];
        assert!(!user.holds_addon("workforce_management"));
        let moved = user.move_legacy_addons();
        assert_eq!(moved, vec![("workforce_management", "WFM".to_string())]);
        assert!(user.holds_addon("workforce_management"));
        assert!(user.holds_addon("ai_expert_assist") && user.holds_addon("webinar"));
        assert!(!user.holds_addon("quality_management"));
        assert_eq!(
            user.contact_center.addons,
            vec!["ai_expert_assist", "workforce_management"]
        );
        assert!(!user.addons.contains_key("workforce_management"));
        assert!(user.move_legacy_addons().is_empty());
    }

    #[test]
    fn new_user_diff_lists_only_set_fields() {
        let user = User::new("a@example.com");
        let fields: Vec<String> = diff(None, &user).into_iter().map(|c| c.field).collect();
        assert!(fields.contains(&"/email".to_string()) && fields.contains(&"/role".to_string()));
        assert!(!fields.contains(&"/groups".to_string()));
    }
}
