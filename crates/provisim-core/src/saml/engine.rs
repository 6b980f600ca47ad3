//! The sign-in engine: Basic mapping, then every Advanced section in the order of SAML-02, each rule
//! tried and explained, one sign-in after another from the state the last one left (SAML-01).

use super::matching::{self, RuleTrace};
use super::{SamlInput, Section, SectionConfig, SectionKind, SsoConfig};
use crate::explain::{Step, Warning};
use crate::license::Package;
use crate::model::{self, Account, Change, LicenseType, User};
use crate::rules::{self, RuleId};
use crate::settings::{AddOnRemoval, OwnerExemption, Prerequisites, SettingEcho, Settings};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeSet;

/// The most Basic users an account can hold (LIC-09).
pub const MAX_BASIC_USERS: u32 = 9_999;

/// Everything a sign-in needs to know, borrowed from the scenario.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub account: &'a Account,
    pub sso: &'a SsoConfig,
    pub settings: &'a Settings,
    pub input: &'a SamlInput,
}

/// The outcome of one or more sign-ins in a row.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SignInReport<'a> {
    /// The settings in force, each with the rule whose Assumption or Conflict it decides.
    pub settings: Vec<SettingEcho>,
    pub sign_ins: Vec<SignIn<'a>>,
    /// The user after the last sign-in; `null` when no account exists.
    pub user: Option<User>,
    /// The warnings of every sign-in, each once.
    pub warnings: Vec<Warning>,
}

impl SignInReport<'_> {
    /// Whether the last sign-in was refused.
    pub fn refused(&self) -> bool {
        self.sign_ins.last().is_some_and(|s| !s.decision.signed_in)
    }
}

/// One sign-in: the decision, what changed, and why.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SignIn<'a> {
    /// 1 for the first sign-in of the run.
    pub number: u32,
    pub decision: Decision,
    /// Field by field, before → after (empty when refused).
    pub changes: Vec<Change>,
    /// The user after this sign-in; `null` when no account exists.
    pub user: Option<User>,
    /// Basic mapping and general steps.
    pub steps: Vec<Step>,
    /// Every configured Advanced section in processing order.
    pub sections: Vec<SectionTrace<'a>>,
    pub warnings: Vec<Warning>,
}

/// Signed in or refused, where, and by which rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Decision {
    pub signed_in: bool,
    /// `primary`, or the sub-account signed in to; `null` when refused.
    pub account: Option<String>,
    /// Whether this sign-in created the user.
    pub created: bool,
    /// The rule that decided.
    pub rule: RuleId,
    /// The section and rule index (from 0) that decided, when a mapping rule did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    pub message: String,
}

/// What happened in one section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    /// A rule matched and its result was applied.
    Applied,
    /// A rule matched; the user already had that value.
    Unchanged,
    /// A rule matched, but another rule kept the result from applying.
    Blocked,
    /// No rule matched; the section's no-match behaviour applied (which may change the user).
    NoMatch,
    /// The section has no rules, so it is not mapped.
    NotMapped,
    /// The account lacks the plan the section needs (SAML-07).
    Unavailable,
    /// The account owner is exempt (SAML-08).
    OwnerExempt,
    /// Below Sign in to Sub Account, for a sub-account user (SAML-20).
    BelowSubAccount,
    /// WFM/QM through SAML is off (SAML-42).
    Inert,
    /// The sign-in was refused before this section.
    NotReached,
}

/// The trace of one section: its status, the rule that governs it, the effect and every rule tried.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SectionTrace<'a> {
    pub section: Section,
    pub label: &'static str,
    pub status: SectionStatus,
    pub rule: RuleId,
    pub message: String,
    pub rules: Vec<RuleTrace<'a>>,
}

/// Simulates `input.sign_ins` sign-ins in a row from `user` (`None`: a user Zoom does not know yet).
pub fn simulate<'a>(ctx: Context<'a>, user: Option<&User>) -> SignInReport<'a> {
    let mut state = user.cloned();
    let mut sign_ins = Vec::new();
    let total = ctx.input.sign_ins.max(1);
    for number in 1..=total {
        let sign_in = sign_in(ctx, number, total, state.as_ref(), true);
        state.clone_from(&sign_in.user);
        sign_ins.push(sign_in);
    }
    let mut warnings: Vec<Warning> = Vec::new();
    for w in sign_ins.iter().flat_map(|s| s.warnings.iter()) {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    SignInReport {
        settings: ctx.settings.saml_echo(),
        sign_ins,
        user: state,
        warnings,
    }
}

/// The working state of one sign-in.
struct Run<'a, 's> {
    ctx: Context<'a>,
    /// The user as the sign-in started (`None`: new).
    start: Option<&'s User>,
    user: User,
    steps: Vec<Step>,
    warnings: Vec<Warning>,
    sections: Vec<SectionTrace<'a>>,
    /// Contact Center fields a section set in this sign-in (TPL-03: they beat the template's).
    cc_given: BTreeSet<&'static str>,
    sub_account: Option<String>,
}

/// One sign-in on its own, for batches: as in [`simulate`], but the field-by-field `changes` are
/// computed only when `changes` is set (a summary needs only whether the user changed).
pub fn sign_in_once<'a>(ctx: Context<'a>, user: Option<&User>, changes: bool) -> SignIn<'a> {
    sign_in(ctx, 1, 1, user, changes)
}

fn sign_in<'a>(
    ctx: Context<'a>,
    number: u32,
    total: u32,
    start: Option<&User>,
    list_changes: bool,
) -> SignIn<'a> {
    let email = source_email(ctx).unwrap_or_default();
    let mut run = Run {
        ctx,
        start,
        user: start.cloned().unwrap_or_else(|| User::new(&email)),
        steps: Vec::new(),
        warnings: Vec::new(),
        sections: Vec::new(),
        cc_given: BTreeSet::new(),
        sub_account: None,
    };
    run.steps.push(Step::new(
        rules::SAML_01,
        format!(
            "sign-in {number} of {total}: {} (mapping is applied at every authentication)",
            if start.is_some() {
                "existing user"
            } else {
                "new user"
            }
        ),
    ));
    run.basic_mapping();

    let mut configured: Vec<&SectionConfig> = ctx.sso.advanced.iter().collect();
    configured.sort_by_key(|s| s.section);

    // License Assignment comes first (SAML-02) and may refuse the sign-in.
    let refusal = run.license(
        configured
            .iter()
            .find(|s| s.section == Section::License)
            .copied(),
    );
    for config in configured.iter().filter(|s| s.section != Section::License) {
        if refusal.is_some() {
            run.sections.push(SectionTrace {
                section: config.section,
                label: config.section.label(),
                status: SectionStatus::NotReached,
                rule: rules::SAML_11,
                message: "not processed: the sign-in was refused".to_string(),
                rules: matching::not_tried(
                    &config.rules,
                    "the sign-in was refused",
                    rules::SAML_11,
                ),
            });
        } else {
            run.section(config);
        }
    }

    match refusal {
        Some(decision) => SignIn {
            number,
            decision,
            changes: Vec::new(),
            user: start.cloned(),
            steps: run.steps,
            sections: run.sections,
            warnings: run.warnings,
        },
        None => {
            let account = run
                .sub_account
                .clone()
                .unwrap_or_else(|| "primary".to_string());
            let created = start.is_none();
            let decision = Decision {
                signed_in: true,
                account: Some(account.clone()),
                created,
                rule: if run.sub_account.is_some() {
                    rules::SAML_20
                } else {
                    rules::SAML_01
                },
                section: run.sub_account.as_ref().map(|_| Section::SubAccount),
                rule_index: None,
                message: format!(
                    "signed in to the {} account{}",
                    if account == "primary" {
                        "primary".to_string()
                    } else {
                        format!("`{account}` sub-")
                    },
                    if created { "; the user is created" } else { "" }
                )
                .replace("sub- account", "sub-account"),
            };
            run.user.sub_account.clone_from(&run.sub_account);
            let changes = if list_changes {
                model::diff(start, &run.user)
            } else {
                Vec::new()
            };
            SignIn {
                number,
                decision,
                changes,
                user: Some(run.user),
                steps: run.steps,
                sections: run.sections,
                warnings: run.warnings,
            }
        }
    }
}

/// The email the assertion carries: the Basic-mapped attribute, or the NameID.
pub fn source_email(ctx: Context<'_>) -> Option<String> {
    match &ctx.sso.basic.email {
        Some(attribute) => ctx
            .input
            .attributes
            .get(attribute)
            .map(|v| v.first().to_string()),
        None => ctx.input.name_id.clone(),
    }
}

impl<'a> Run<'a, '_> {
    fn attribute(&self, name: &Option<String>) -> Option<(String, String)> {
        let name = name.as_ref()?;
        let value = self
            .ctx
            .input
            .attributes
            .get(name)
            .map(|v| v.first().to_string());
        Some((name.clone(), value.unwrap_or_default()))
    }

    /// Basic mapping (SAML-06, SAML-09).
    fn basic_mapping(&mut self) {
        let basic = &self.ctx.sso.basic;
        let new = self.start.is_none();
        let source = basic
            .email
            .as_deref()
            .map(|a| format!("`{a}`"))
            .unwrap_or_else(|| "the NameID".to_string());
        if let Some(email) = source_email(self.ctx) {
            if new {
                self.steps.push(Step::new(
                    rules::SAML_09,
                    format!("email `{email}` from {source} (first sign-in)"),
                ));
            } else if email != self.user.email {
                if basic.employee_id.is_some() {
                    self.steps.push(Step::new(
                        rules::SAML_09,
                        format!("email `{}` → `{email}`: an employee unique ID is mapped, so the email updates", self.user.email),
                    ));
                    self.user.email = email;
                } else {
                    self.steps.push(Step::new(
                        rules::SAML_09,
                        format!("email stays `{}`: the assertion says `{email}`, but the email maps only at the first sign-in unless an employee unique ID is mapped", self.user.email),
                    ));
                }
            }
        }
        let names_update = new || self.ctx.settings.update_names_every_sign_in;
        for (label, mapping) in [
            ("first name", &basic.first_name),
            ("last name", &basic.last_name),
        ] {
            let Some((attribute, value)) = self.attribute(mapping) else {
                continue;
            };
            if value.is_empty() {
                self.steps.push(Step::new(
                    rules::SAML_09,
                    format!("{label}: the assertion has no `{attribute}`; unchanged"),
                ));
                continue;
            }
            let field = if label == "first name" {
                &mut self.user.first_name
            } else {
                &mut self.user.last_name
            };
            if *field == value {
                continue;
            }
            if names_update {
                *field = value.clone();
                self.steps.push(Step::new(
                    rules::SAML_09,
                    format!("{label} `{value}` from `{attribute}`"),
                ));
            } else {
                self.steps.push(Step::new(
                    rules::SAML_09,
                    format!("{label} stays `{field}`: names map at the first sign-in only (setting update_names_every_sign_in is off)"),
                ));
            }
        }
        let every: [(&str, &Option<String>, RuleId); 4] = [
            ("employee_id", &basic.employee_id, rules::SAML_09),
            ("department", &basic.department, rules::SAML_09),
            ("job_title", &basic.job_title, rules::SAML_09),
            ("phone_extension", &basic.phone_extension, rules::SAML_06),
        ];
        for (field, mapping, rule) in every {
            let Some((attribute, value)) = self.attribute(mapping) else {
                continue;
            };
            if value.is_empty() {
                self.steps.push(Step::new(
                    rule,
                    format!("{field}: the assertion has no `{attribute}`; unchanged"),
                ));
                continue;
            }
            let slot = match field {
                "employee_id" => &mut self.user.employee_id,
                "department" => &mut self.user.department,
                "job_title" => &mut self.user.job_title,
                _ => &mut self.user.phone.extension,
            };
            if slot.as_deref() != Some(value.as_str()) {
                *slot = Some(value.clone());
                self.steps.push(Step::new(
                    rule,
                    format!(
                        "Basic mapping sets {field} `{value}` from `{attribute}` (every sign-in)"
                    ),
                ));
            }
        }
    }

    fn owner_exempt(&self, section: Section) -> bool {
        self.user.owner
            && match self.ctx.settings.owner_exemption {
                OwnerExemption::AllSections => true,
                OwnerExemption::SeedSections => section.owner_exempt_by_seed(),
            }
    }

    fn push(
        &mut self,
        config: &'a SectionConfig,
        status: SectionStatus,
        rule: RuleId,
        message: String,
        rules: Vec<RuleTrace<'a>>,
    ) {
        self.sections.push(SectionTrace {
            section: config.section,
            label: config.section.label(),
            status,
            rule,
            message,
            rules,
        });
    }

    /// The state prerequisites are checked against (SAML-02's setting).
    fn prerequisite_state(&self) -> Option<&User> {
        match self.ctx.settings.prerequisites {
            Prerequisites::StartOfSignIn => self.start,
            Prerequisites::AsApplied => Some(&self.user),
        }
    }

    /// License Assignment (SAML-10, 11, 12) and the new user's default license (SAML-09).
    /// Returns the refusal, if the sign-in is refused.
    fn license(&mut self, config: Option<&'a SectionConfig>) -> Option<Decision> {
        let new = self.start.is_none();
        let mut matched = None;
        if let Some(config) = config {
            if self.owner_exempt(Section::License) {
                let rules =
                    matching::not_tried(&config.rules, "the owner is exempt", rules::SAML_08);
                self.push(
                    config,
                    SectionStatus::OwnerExempt,
                    rules::SAML_08,
                    "the account owner's license is not mapped".into(),
                    rules,
                );
                return None;
            }
            if config.rules.is_empty() {
                self.push(
                    config,
                    SectionStatus::NotMapped,
                    rules::SAML_10,
                    "no rules".into(),
                    Vec::new(),
                );
            } else {
                let (hit, trace) = matching::first_match(
                    &config.rules,
                    &self.ctx.input.attributes,
                    self.ctx.settings.case_sensitive,
                );
                matched = hit.map(|(i, r)| (i, r.result.first().to_string(), trace.clone()));
                if hit.is_none() {
                    let message = if new {
                        "no rule matched: the new user gets Basic mapping's default license"
                            .to_string()
                    } else {
                        format!(
                            "no rule matched: the license stays {} (no change without a match)",
                            self.user.license.label()
                        )
                    };
                    self.push(
                        config,
                        SectionStatus::NoMatch,
                        if new { rules::SAML_09 } else { rules::SAML_10 },
                        message,
                        trace,
                    );
                }
            }
        }
        let (index, result, trace) = match matched {
            Some(m) => m,
            None => {
                if !new {
                    return None;
                }
                return match self.ctx.sso.basic.default_license.license() {
                    Some(license) => {
                        self.steps.push(Step::new(rules::SAML_09, format!("new user gets the default license {}", license.label())));
                        self.set_license(license);
                        None
                    }
                    None => Some(Decision {
                        signed_in: false,
                        account: None,
                        created: false,
                        rule: rules::SAML_09,
                        section: config.map(|c| c.section),
                        rule_index: None,
                        message: "refused: no License Assignment rule matched and the default license is None, so no account is created".into(),
                    }),
                };
            }
        };
        let config = config?;
        if result == "none" {
            self.push(
                config,
                SectionStatus::Applied,
                rules::SAML_11,
                format!("rule #{} results in None: access is blocked", index + 1),
                trace,
            );
            return Some(Decision {
                signed_in: false,
                account: None,
                created: false,
                rule: rules::SAML_11,
                section: Some(Section::License),
                rule_index: Some(index),
                message: format!(
                    "refused by License Assignment rule #{}: its result None blocks access{}",
                    index + 1,
                    if new {
                        " and the user is not created"
                    } else {
                        ""
                    }
                ),
            });
        }
        let target = match result.as_str() {
            "licensed" => LicenseType::Licensed,
            "on_prem" => LicenseType::OnPrem,
            _ => LicenseType::Basic,
        };
        let current = self.user.license;
        if !new
            && target == LicenseType::Basic
            && current != LicenseType::Basic
            && self.user.upcoming_events
        {
            self.push(
                config,
                SectionStatus::Blocked,
                rules::SAML_12,
                format!("rule #{} results in Basic, but the {} user has upcoming events: not downgraded", index + 1, current.label()),
                trace,
            );
            self.warnings.push(Warning::new(
                rules::SAML_12,
                format!("{} keeps the {} license: users with upcoming events are not downgraded to Basic", self.user.email, current.label()),
                "cancel or reassign the user's upcoming meetings and webinars, then sign in again to downgrade",
            ));
            return None;
        }
        if !new && target == current {
            self.push(
                config,
                SectionStatus::Unchanged,
                rules::SAML_10,
                format!(
                    "rule #{} results in {}: already so",
                    index + 1,
                    target.label()
                ),
                trace,
            );
            return None;
        }
        self.push(
            config,
            SectionStatus::Applied,
            rules::SAML_10,
            format!(
                "rule #{}: license {} → {}",
                index + 1,
                if new { "(new user)" } else { current.label() },
                target.label()
            ),
            trace,
        );
        self.set_license(target);
        None
    }

    fn set_license(&mut self, license: LicenseType) {
        let was_basic = self.start.is_some_and(|u| u.license == LicenseType::Basic);
        if license == LicenseType::Basic
            && !was_basic
            && self.ctx.account.basic_users >= MAX_BASIC_USERS
        {
            self.warnings.push(Warning::new(
                rules::LIC_09,
                format!(
                    "making {} a Basic user takes the account to {} Basic users: Zoom allows at most 9,999",
                    self.user.email,
                    self.ctx.account.basic_users + 1
                ),
                "license the user, remove unused Basic users, or set the default license to None",
            ));
        }
        self.user.license = license;
    }

    /// Every Advanced section but License Assignment.
    fn section(&mut self, config: &'a SectionConfig) {
        let section = config.section;
        let settings = self.ctx.settings;
        let skip =
            |reason: &'static str, rule: RuleId| matching::not_tried(&config.rules, reason, rule);
        if config.rules.is_empty() {
            return self.push(
                config,
                SectionStatus::NotMapped,
                section.rule(),
                "no rules: the section is not mapped".into(),
                Vec::new(),
            );
        }
        if self.sub_account.is_some() && section > Section::SubAccount {
            let rules = skip(
                "sections below Sign in to Sub Account apply to the primary account only",
                rules::SAML_20,
            );
            return self.push(
                config,
                SectionStatus::BelowSubAccount,
                rules::SAML_20,
                "not applied: the user signs in to a sub-account".into(),
                rules,
            );
        }
        if let Some(plan) = section.plan() {
            if !self.ctx.account.plans.contains(&plan) {
                let rules = skip("the section does not exist on this account", rules::SAML_07);
                return self.push(
                    config,
                    SectionStatus::Unavailable,
                    rules::SAML_07,
                    format!("inert: the account has no {} plan", plan.label()),
                    rules,
                );
            }
        }
        if self.owner_exempt(section) {
            let rule = if settings.owner_exemption == OwnerExemption::SeedSections {
                section.rule()
            } else {
                rules::SAML_08
            };
            let rules = skip("the account owner is exempt", rule);
            return self.push(
                config,
                SectionStatus::OwnerExempt,
                rule,
                "not applied to the account owner".into(),
                rules,
            );
        }
        if matches!(
            section,
            Section::WorkforceManagement | Section::QualityManagement
        ) && !settings.wfm_qm_through_saml
        {
            let rules = skip(
                "WFM and QM cannot be assigned through SAML (setting wfm_qm_through_saml is off)",
                rules::SAML_42,
            );
            self.warnings.push(Warning::new(
                rules::SAML_42,
                format!("the {} rules are inert: seed 000 says WFM and QM are assigned through SAML only with the bundled Elite license (seed 001 lists them as SAML sections; setting wfm_qm_through_saml)", section.label()),
                "assign WFM and QM by SCIM, CSV, a template or the portal; or turn wfm_qm_through_saml on if your account behaves as seed 001 says",
            ));
            return self.push(
                config,
                SectionStatus::Inert,
                rules::SAML_42,
                "inert: seed 000 says WFM and QM come only with the bundled Elite license through SAML; assign them by SCIM, CSV or the portal".into(),
                rules,
            );
        }
        let (hit, trace) = matching::first_match(
            &config.rules,
            &self.ctx.input.attributes,
            settings.case_sensitive,
        );
        let hit = hit.map(|(i, r)| (i, r.result.as_slice()));
        let (status, rule, message) = match section.kind() {
            SectionKind::License => (SectionStatus::NoMatch, rules::SAML_10, String::new()),
            SectionKind::AddOn => self.add_on(section, hit),
            SectionKind::ListedLicense | SectionKind::Whiteboard => {
                self.listed_license(section, hit)
            }
            SectionKind::RevenueAccelerator => self.revenue_accelerator(hit),
            SectionKind::SubAccount => self.sub_account(hit),
            SectionKind::UserRole => self.user_role(hit),
            SectionKind::UserGroup | SectionKind::AdminList => self.list(section, hit),
            SectionKind::CallingPlan | SectionKind::PhoneSite => self.phone(section, hit),
            SectionKind::CcNewUserTemplate => self.cc_template(hit),
            SectionKind::Plain => self.plain(section, hit),
        };
        self.push(config, status, rule, message, trace);
    }

    /// SAML-05, 13, 14: add-ons, matched independently for Webinar and Large Meeting.
    fn add_on(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let key = section.key();
        let current = self.user.addons.get(key).cloned();
        let independent = if matches!(section, Section::Webinar | Section::LargeMeeting) {
            " (matched independently of the other of Webinars / Large Meeting, SAML-05)"
        } else {
            ""
        };
        match hit {
            Some((index, values)) => {
                let value = values.first().cloned().unwrap_or_default();
                match current {
                    Some(existing) if existing == value => (
                        SectionStatus::Unchanged,
                        rules::SAML_13,
                        format!(
                            "rule #{}: already has {} `{value}`{independent}",
                            index + 1,
                            section.label()
                        ),
                    ),
                    Some(existing) => {
                        self.warnings.push(Warning::new(
                            rules::SAML_14,
                            format!("{} keeps {} `{existing}`: mapping cannot change an add-on's type to `{value}`", self.user.email, section.label()),
                            "change it in User Management, or remove the existing add-on so that the next matching sign-in assigns the new type",
                        ));
                        (SectionStatus::Blocked, rules::SAML_14, format!("rule #{} results in `{value}`, but the user has `{existing}`: an add-on cannot change type", index + 1))
                    }
                    None => {
                        self.user.addons.insert(key.to_string(), value.clone());
                        (
                            SectionStatus::Applied,
                            section.rule(),
                            format!(
                                "rule #{}: {} `{value}` assigned{independent}",
                                index + 1,
                                section.label()
                            ),
                        )
                    }
                }
            }
            None => {
                let removes = self.ctx.settings.addon_removal == AddOnRemoval::AllAddOns
                    || matches!(section, Section::Webinar | Section::LargeMeeting);
                match current {
                    Some(existing) if removes => {
                        self.user.addons.remove(key);
                        self.warnings.push(Warning::new(
                            rules::SAML_13,
                            format!("{} loses {} `{existing}`: the section is mapped and no rule matched", self.user.email, section.label()),
                            "add a rule that matches this user, or remove the section's rules if add-ons are managed elsewhere",
                        ));
                        (SectionStatus::NoMatch, rules::SAML_13, format!("no rule matched: {} `{existing}` is removed", section.label()))
                    }
                    Some(existing) => (
                        SectionStatus::NoMatch,
                        rules::SAML_13,
                        format!("no rule matched: {} `{existing}` stays (setting addon_removal is webinars_large_meeting_only)", section.label()),
                    ),
                    None => (SectionStatus::NoMatch, rules::SAML_13, format!("no rule matched; the user has no {} to remove", section.label())),
                }
            }
        }
    }

    /// SAML-15, 17: listed licenses and Whiteboard; a match assigns, no match leaves them.
    fn listed_license(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            return (
                SectionStatus::NoMatch,
                rule,
                "no rule matched: no change".into(),
            );
        };
        let value = values.first().cloned().unwrap_or_default();
        if self.user.licenses.get(section.key()) == Some(&value) {
            return (
                SectionStatus::Unchanged,
                rule,
                format!(
                    "rule #{}: already has {} `{value}`",
                    index + 1,
                    section.label()
                ),
            );
        }
        self.user
            .licenses
            .insert(section.key().to_string(), value.clone());
        let whom = if section == Section::Whiteboard {
            format!(
                " (assigned whether the user is licensed or basic; this one is {})",
                self.user.license.label()
            )
        } else {
            String::new()
        };
        (
            SectionStatus::Applied,
            rule,
            format!(
                "rule #{}: {} `{value}` assigned{whom}",
                index + 1,
                section.label()
            ),
        )
    }

    /// SAML-16: ZRA for licensed users only, never removed, not with On-Prem data residency.
    fn revenue_accelerator(
        &mut self,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let key = Section::RevenueAccelerator.key();
        let Some((index, values)) = hit else {
            let note = if self.user.licenses.contains_key(key) {
                "; the ZRA license stays (SAML never removes it)"
            } else {
                ""
            };
            return (
                SectionStatus::NoMatch,
                rules::SAML_16,
                format!("no rule matched: no change{note}"),
            );
        };
        let value = values.first().cloned().unwrap_or_default();
        if self.user.on_prem_data_residency {
            return (
                SectionStatus::Blocked,
                rules::SAML_16,
                format!("rule #{} matched, but ZRA does not apply: the user's meeting data residency is On-Prem", index + 1),
            );
        }
        let licensed = self
            .prerequisite_state()
            .is_some_and(|u| u.license == LicenseType::Licensed);
        if !licensed {
            let now_licensed = self.user.license == LicenseType::Licensed;
            self.warnings.push(Warning::new(
                rules::SAML_16,
                format!("{} gets no Revenue Accelerator license: only licensed users can be assigned one", self.user.email),
                if now_licensed {
                    "the user became Licensed in this sign-in; prerequisites are checked at its start (setting prerequisites), so the next sign-in assigns ZRA"
                } else {
                    "license the user first (License Assignment), then sign in again"
                },
            ));
            return (
                SectionStatus::Blocked,
                rules::SAML_16,
                format!("rule #{} matched, but the user is not licensed", index + 1),
            );
        }
        if self.user.licenses.get(key) == Some(&value) {
            return (
                SectionStatus::Unchanged,
                rules::SAML_16,
                format!("rule #{}: already has ZRA `{value}`", index + 1),
            );
        }
        self.user.licenses.insert(key.to_string(), value.clone());
        (
            SectionStatus::Applied,
            rules::SAML_16,
            format!(
                "rule #{}: Revenue Accelerator `{value}` assigned",
                index + 1
            ),
        )
    }

    /// SAML-20: a match signs the user in to a sub-account; later sections stop applying.
    fn sub_account(&mut self, hit: Option<(usize, &[String])>) -> (SectionStatus, RuleId, String) {
        match hit {
            Some((index, values)) => {
                let target = values.first().cloned().unwrap_or_default();
                self.sub_account = Some(target.clone());
                (SectionStatus::Applied, rules::SAML_20, format!("rule #{}: signs in to sub-account `{target}`; the sections below apply to the primary account only", index + 1))
            }
            None => (
                SectionStatus::NoMatch,
                rules::SAML_20,
                "no rule matched: the user signs in to the primary account".into(),
            ),
        }
    }

    /// SAML-21: a match sets the role; no match puts the user in the Member role.
    fn user_role(&mut self, hit: Option<(usize, &[String])>) -> (SectionStatus, RuleId, String) {
        let (target, why) = match &hit {
            Some((index, values)) => (
                values.first().cloned().unwrap_or_default(),
                format!("rule #{}", index + 1),
            ),
            None => ("Member".to_string(), "no rule matched".to_string()),
        };
        if self.user.role == target {
            let status = if hit.is_some() {
                SectionStatus::Unchanged
            } else {
                SectionStatus::NoMatch
            };
            return (
                status,
                rules::SAML_21,
                format!("{why}: role stays {target}"),
            );
        }
        let before = std::mem::replace(&mut self.user.role, target.clone());
        if hit.is_none() {
            self.warnings.push(Warning::new(
                rules::SAML_21,
                format!("{} is demoted from {before} to Member: the User Role section is mapped and no rule matched", self.user.email),
                "add a rule that matches this user's role attribute",
            ));
            return (
                SectionStatus::NoMatch,
                rules::SAML_21,
                format!("no rule matched: role {before} → Member"),
            );
        }
        (
            SectionStatus::Applied,
            rules::SAML_21,
            format!("{why}: role {before} → {target}"),
        )
    }

    /// SAML-22, 23, 24: a match overwrites the list; no match leaves it.
    fn list(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            let extra = if section == Section::UserGroup {
                " (removing a user from groups is a manual action)"
            } else {
                ""
            };
            return (
                SectionStatus::NoMatch,
                rule,
                format!("no rule matched: no change{extra}"),
            );
        };
        let list = match section {
            Section::UserGroup => &mut self.user.groups,
            Section::UserGroupAdmin => &mut self.user.group_admin,
            _ => &mut self.user.rooms_admin,
        };
        if list.as_slice() == values {
            return (
                SectionStatus::Unchanged,
                rule,
                format!("rule #{}: already {}", index + 1, values.join(", ")),
            );
        }
        let before = std::mem::replace(list, values.to_vec());
        let primary = if section == Section::UserGroup {
            format!(
                "; primary group `{}`",
                values.first().map(String::as_str).unwrap_or("")
            )
        } else {
            String::new()
        };
        (
            SectionStatus::Applied,
            rule,
            format!(
                "rule #{}: [{}] overwritten by [{}]{primary}",
                index + 1,
                before.join(", "),
                values.join(", ")
            ),
        )
    }

    /// SAML-30, 31, 32: calling plan and site need an extension or an existing Phone user.
    fn phone(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            return (
                SectionStatus::NoMatch,
                rule,
                "no rule matched: no change".into(),
            );
        };
        let value = values.first().cloned().unwrap_or_default();
        let eligible = self
            .prerequisite_state()
            .is_some_and(|u| u.phone.eligible());
        if !eligible {
            let extension_now = self.user.phone.eligible();
            if extension_now {
                self.warnings.push(Warning::new(
                    rules::SAML_31,
                    format!("{} must sign in again: this sign-in assigned the extension, the next assigns the {}", self.user.email, section.label()),
                    "expected when Basic mapping assigns the extension and Advanced mapping the calling plan; simulate two sign-ins to see it",
                ));
            } else {
                self.warnings.push(Warning::new(
                    rule,
                    format!(
                        "{} gets no {}: the user has no Phone extension and is not a Phone user",
                        self.user.email,
                        section.label()
                    ),
                    "assign an extension (Basic mapping or the portal) first",
                ));
            }
            return (
                SectionStatus::Blocked,
                rule,
                format!(
                    "rule #{} matched, but the user had no extension at the start of the sign-in",
                    index + 1
                ),
            );
        }
        let slot = if section == Section::PhoneCallingPlan {
            &mut self.user.phone.calling_plan
        } else {
            &mut self.user.phone.site
        };
        if slot.as_deref() == Some(value.as_str()) {
            return (
                SectionStatus::Unchanged,
                rule,
                format!("rule #{}: already `{value}`", index + 1),
            );
        }
        *slot = Some(value.clone());
        (
            SectionStatus::Applied,
            rule,
            format!("rule #{}: {} `{value}`", index + 1, section.label()),
        )
    }

    /// Sections with no documented special semantics: a match sets, no match leaves (SAML-17, SAML-40).
    fn plain(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            return (
                SectionStatus::NoMatch,
                rule,
                "no rule matched: no change".into(),
            );
        };
        let value = values.first().cloned().unwrap_or_default();
        let cc = &mut self.user.contact_center;
        let changed = match section {
            Section::CcPackage => {
                let package = Package::ALL.into_iter().find(|p| p.key() == value);
                std::mem::replace(&mut cc.package, package) != package
            }
            Section::CcAddons => {
                std::mem::replace(&mut cc.addons, values.to_vec()).as_slice() != values
            }
            Section::CcRole | Section::CcRegion | Section::CcTeam | Section::CcSupervisor => {
                let slot = match section {
                    Section::CcRole => &mut cc.role,
                    Section::CcRegion => &mut cc.region,
                    Section::CcTeam => &mut cc.team,
                    _ => &mut cc.supervisor,
                };
                slot.replace(value.clone()).as_deref() != Some(value.as_str())
            }
            Section::PhoneRole => {
                self.user.phone.role.replace(value.clone()).as_deref() != Some(value.as_str())
            }
            Section::ZraRole => {
                self.user.zra_role.replace(value.clone()).as_deref() != Some(value.as_str())
            }
            _ => {
                self.user
                    .profile
                    .insert(section.key().to_string(), value.clone())
                    .as_deref()
                    != Some(value.as_str())
            }
        };
        if let Some(field) = cc_field(section) {
            self.cc_given.insert(field);
        }
        let shown = values.join(", ");
        if changed {
            (
                SectionStatus::Applied,
                rule,
                format!("rule #{}: {} `{shown}`", index + 1, section.label()),
            )
        } else {
            (
                SectionStatus::Unchanged,
                rule,
                format!("rule #{}: already `{shown}`", index + 1),
            )
        }
    }

    /// SAML-41: the New User Template applies only when the user is first given a CC license.
    fn cc_template(&mut self, hit: Option<(usize, &[String])>) -> (SectionStatus, RuleId, String) {
        let Some((index, values)) = hit else {
            return (
                SectionStatus::NoMatch,
                rules::SAML_41,
                "no rule matched: no template".into(),
            );
        };
        let name = values.first().cloned().unwrap_or_default();
        let had_before = self
            .start
            .is_some_and(|u| u.contact_center.package.is_some());
        let has_now = self.user.contact_center.package.is_some();
        let lost_before = self.start.is_some_and(|u| {
            u.contact_center.package.is_none() && u.contact_center.template.is_some()
        });
        if had_before {
            self.warnings.push(Warning::new(
                rules::SAML_41,
                format!("template `{name}` is ignored for {}: the user is already a Contact Center agent", self.user.email),
                "a New User Template cannot change existing agents; use an update template in the portal, a CSV upload or SCIM",
            ));
            return (SectionStatus::Blocked, rules::SAML_41, format!("rule #{} matched, but the template is honoured only when the CC license is first given", index + 1));
        }
        if !has_now {
            return (
                SectionStatus::Blocked,
                rules::SAML_41,
                format!(
                    "rule #{} matched, but the user is given no Contact Center license",
                    index + 1
                ),
            );
        }
        if lost_before && !self.ctx.settings.cc_relicense_counts_as_first {
            return (
                SectionStatus::Blocked,
                rules::SAML_41,
                format!("rule #{} matched, but the user had a CC license before (setting cc_relicense_counts_as_first is off)", index + 1),
            );
        }
        let Some(template) = self
            .ctx
            .account
            .cc_templates
            .iter()
            .find(|t| t.name == name)
        else {
            return (
                SectionStatus::Blocked,
                rules::SAML_41,
                format!("rule #{}: the account has no template `{name}`", index + 1),
            );
        };
        let applied = template.apply(&mut self.user.contact_center, &self.cc_given);
        let kept: Vec<&str> = self.cc_given.iter().copied().collect();
        (
            SectionStatus::Applied,
            rules::SAML_41,
            format!(
                "rule #{}: template `{name}` applied to the new agent ({}){}",
                index + 1,
                if applied.is_empty() {
                    "no settings".to_string()
                } else {
                    applied.join(", ")
                },
                if kept.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; mapped values win over the template for {} (TPL-03)",
                        kept.join(", ")
                    )
                }
            ),
        )
    }
}

fn cc_field(section: Section) -> Option<&'static str> {
    match section {
        Section::CcPackage => Some("package"),
        Section::CcRole => Some("role"),
        Section::CcRegion => Some("region"),
        Section::CcAddons => Some("addons"),
        _ => None,
    }
}
