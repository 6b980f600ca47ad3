//! The sign-in engine: Basic mapping, then every Advanced section in the order of SAML-02, each rule
//! tried and explained, one sign-in after another from the state the last one left (SAML-01).

use super::matching::{self, Conditions, RuleTrace, Tested};
use super::{
    Assertion, MappingPlace, MappingRule, Misnamed, Received, SamlInput, Section, SectionConfig,
    SectionKind, SsoConfig,
};
use crate::explain::{Step, Warning};
use crate::license::eligibility::{self, ZraRefusal};
use crate::license::Package;
use crate::model::{self, Account, Change, LicenseType, User};
use crate::rules::{self, RuleId};
use crate::settings::{OwnerExemption, Prerequisites, SettingEcho, Settings};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeSet;

/// Which of the user's names a mapping writes.
type NameField = fn(&mut User) -> &mut String;

/// Everything a sign-in needs to know, borrowed from the scenario.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub account: &'a Account,
    pub sso: &'a SsoConfig,
    pub settings: &'a Settings,
    pub input: &'a SamlInput,
}

/// How much a sign-in writes down besides its outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Explain {
    /// Everything: steps, every section's trace with every rule, the field-by-field changes, and
    /// the text of the decision and of every warning.
    Full,
    /// The outcome only, for batches in summary mode: the decision (its `message` empty), the user,
    /// and the warnings with their rule ID only (`message` and `help` empty). No steps, no section
    /// traces, no changes: nothing is formatted. The outcome is the one [`Explain::Full`] gives.
    Quiet,
}

/// The configured Advanced sections in the processing order of SAML-02, prepared once for any
/// number of sign-ins.
#[derive(Clone, Debug)]
pub struct Sections<'a> {
    /// License Assignment, which comes first and may refuse the sign-in.
    license: Option<Mapped<'a>>,
    /// The other sections, in processing order (a section configured twice keeps its order).
    others: Vec<Mapped<'a>>,
    /// For quiet sign-ins, the rules' conditions numbered, so that each sign-in tests each
    /// distinct condition once.
    conditions: Option<Conditions<'a>>,
}

/// A configured section, with its rules' condition numbers (empty unless numbered).
#[derive(Clone, Debug)]
struct Mapped<'a> {
    config: &'a SectionConfig,
    numbers: Vec<usize>,
}

impl<'a> Sections<'a> {
    /// The sections of `sso` for sign-ins explained as `explain` says (any sign-in may use them;
    /// only quiet ones use the numbered conditions).
    pub fn new(sso: &'a SsoConfig, explain: Explain) -> Sections<'a> {
        let mut configured: Vec<&SectionConfig> = sso.advanced.iter().collect();
        // A stable sort: sections configured twice stay in their configured order.
        configured.sort_by_key(|s| s.section);
        let mut conditions = (explain == Explain::Quiet).then(Conditions::default);
        let mut mapped = |config: &'a SectionConfig| Mapped {
            config,
            numbers: match &mut conditions {
                Some(conditions) => conditions.number(&config.rules),
                None => Vec::new(),
            },
        };
        let license = configured
            .iter()
            .find(|s| s.section == Section::License)
            .map(|config| mapped(config));
        let others = configured
            .into_iter()
            .filter(|s| s.section != Section::License)
            .map(mapped)
            .collect();
        Sections {
            license,
            others,
            conditions,
        }
    }
}

/// The outcome of one or more sign-ins in a row, as the engine works on it: the rule traces borrow
/// the configuration and the assertion. [`super::report::Outcome`] is its owned form, which the
/// API answers and the fronts keep.
#[derive(Clone, Debug, PartialEq)]
pub struct SignInReport<'a> {
    /// The settings in force, each with the rule whose Assumption or Conflict it decides.
    pub settings: Vec<SettingEcho>,
    pub sign_ins: Vec<SignIn<'a>>,
    /// The user after the last sign-in; `null` when no account exists.
    pub user: Option<User>,
    /// The warnings of every sign-in, each once.
    pub warnings: Vec<Warning>,
}

/// One sign-in: the decision, what changed, and why (owned: [`super::report::SignInOutcome`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SignIn<'a> {
    /// 1 for the first sign-in of the run.
    pub number: u32,
    /// What Zoom received, when the sign-in is a pasted SAML Response.
    pub received: Option<&'a Received>,
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

/// The trace of one section: its status, the rule that governs it, the effect and every rule tried
/// (owned: [`super::report::SectionOutcome`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionTrace<'a> {
    pub section: Section,
    pub label: &'static str,
    pub status: SectionStatus,
    pub rule: RuleId,
    pub message: String,
    pub rules: Vec<RuleTrace<'a>>,
}

/// Simulates the input's sign-ins in a row from `user` (`None`: a user Zoom does not know yet):
/// the one sign-in `sign_ins` times, or each of a list, each from the state the last one left
/// (SAML-01: the mapping applies at every sign-in).
pub fn simulate<'a>(ctx: Context<'a>, user: Option<&User>) -> SignInReport<'a> {
    let sections = Sections::new(ctx.sso, Explain::Full);
    let mut state = user.cloned();
    let mut sign_ins = Vec::new();
    let assertions = ctx.input.assertions();
    let total = u32::try_from(assertions.len()).unwrap_or(u32::MAX);
    // The first sign-in from a Response says, once, that signatures are not verified.
    let first_response = assertions.iter().position(|a| a.received.is_some());
    for (i, assertion) in assertions.into_iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let shown = Shown {
            number,
            total,
            signature_note: first_response == Some(i),
        };
        let sign_in = sign_in(
            ctx,
            &sections,
            assertion,
            shown,
            state.as_ref(),
            Explain::Full,
        );
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

/// What a sign-in writes down besides its outcome. A quiet log ([`Explain::Quiet`]) formats
/// nothing: it keeps no step and no section trace, and each warning keeps its rule ID only.
struct Log<'a> {
    quiet: bool,
    steps: Vec<Step>,
    sections: Vec<SectionTrace<'a>>,
    warnings: Vec<Warning>,
}

impl<'a> Log<'a> {
    /// The text `message` writes, or nothing when the log is quiet.
    fn text(&self, message: impl FnOnce() -> String) -> String {
        if self.quiet {
            String::new()
        } else {
            message()
        }
    }

    fn step(&mut self, rule: RuleId, message: impl FnOnce() -> String) {
        if !self.quiet {
            self.steps.push(Step::new(rule, message()));
        }
    }

    fn warn(&mut self, rule: RuleId, message: impl FnOnce() -> String, help: &'static str) {
        self.warn_with(rule, message, || help.to_string());
    }

    /// A warning whose help is written from the sign-in (none when quiet).
    fn warn_with(
        &mut self,
        rule: RuleId,
        message: impl FnOnce() -> String,
        help: impl FnOnce() -> String,
    ) {
        let warning = if self.quiet {
            Warning::new(rule, String::new(), String::new())
        } else {
            Warning::new(rule, message(), help())
        };
        self.warnings.push(warning);
    }

    /// Records a section's trace; `message` and `rules` come from [`Log::text`] and
    /// [`Run::not_tried`] or [`Run::first_match`], which are empty when the log is quiet.
    fn section(
        &mut self,
        config: &'a SectionConfig,
        status: SectionStatus,
        rule: RuleId,
        message: String,
        rules: Vec<RuleTrace<'a>>,
    ) {
        if self.quiet {
            return;
        }
        self.sections.push(SectionTrace {
            section: config.section,
            label: config.section.label(),
            status,
            rule,
            message,
            rules,
        });
    }
}

/// The working state of one sign-in.
struct Run<'a, 's> {
    ctx: Context<'a>,
    /// What this sign-in's assertion carries.
    assertion: Assertion<'a>,
    /// The user as the sign-in started (`None`: new).
    start: Option<&'s User>,
    user: User,
    log: Log<'a>,
    /// Quiet sign-ins: the conditions the assertion has been tested against.
    tested: Option<Tested<'a>>,
    /// Contact Center fields a section set in this sign-in (TPL-03: they beat the template's).
    cc_given: BTreeSet<&'static str>,
    sub_account: Option<String>,
}

/// One sign-in on its own, for batches: as in [`simulate`], with the sections sorted beforehand
/// and as much explanation as `explain` asks for.
pub fn sign_in_once<'a>(
    ctx: Context<'a>,
    sections: &Sections<'a>,
    user: Option<&User>,
    explain: Explain,
) -> SignIn<'a> {
    let shown = Shown {
        number: 1,
        total: 1,
        signature_note: ctx.input.assertion().received.is_some(),
    };
    sign_in(ctx, sections, ctx.input.assertion(), shown, user, explain)
}

/// Where a sign-in stands in its run, and whether it carries the run's note on signatures.
#[derive(Clone, Copy)]
struct Shown {
    number: u32,
    total: u32,
    signature_note: bool,
}

fn sign_in<'a>(
    ctx: Context<'a>,
    sections: &Sections<'a>,
    assertion: Assertion<'a>,
    shown: Shown,
    start: Option<&User>,
    explain: Explain,
) -> SignIn<'a> {
    let Shown { number, total, .. } = shown;
    let email = email_of(ctx.sso, assertion);
    let mut run = Run {
        ctx,
        assertion,
        start,
        user: match start {
            Some(user) => user.clone(),
            None => User::new(email.as_deref().unwrap_or_default()),
        },
        log: Log {
            quiet: explain == Explain::Quiet,
            steps: Vec::new(),
            sections: Vec::new(),
            warnings: Vec::new(),
        },
        tested: match (&sections.conditions, explain) {
            (Some(conditions), Explain::Quiet) => Some(Tested::new(
                conditions,
                assertion.attributes,
                ctx.settings.case_sensitive,
            )),
            _ => None,
        },
        cc_given: BTreeSet::new(),
        sub_account: None,
    };
    run.log.step(rules::SAML_01, || {
        format!(
            "sign-in {number} of {total}: {} (mapping is applied at every authentication)",
            if start.is_some() {
                "existing user"
            } else {
                "new user"
            }
        )
    });
    if let Some(received) = assertion.received {
        if shown.signature_note {
            run.log.step(rules::SAML_01, || signature_note(received));
        }
        if !received.status.success {
            return run.failed_status(received, sections, number);
        }
        run.mapping_help(received);
    }
    run.basic_mapping(email);

    // License Assignment comes first (SAML-02) and may refuse the sign-in.
    let refusal = run.license(sections.license.as_ref());
    for mapped in &sections.others {
        let config = mapped.config;
        if refusal.is_some() {
            let rules = run.not_tried(config, "the sign-in was refused", rules::SAML_11);
            let message = run
                .log
                .text(|| "not processed: the sign-in was refused".to_string());
            run.log.section(
                config,
                SectionStatus::NotReached,
                rules::SAML_11,
                message,
                rules,
            );
        } else {
            run.section(mapped);
        }
    }

    match refusal {
        Some(decision) => SignIn {
            number,
            received: assertion.received,
            decision,
            changes: Vec::new(),
            user: start.cloned(),
            steps: run.log.steps,
            sections: run.log.sections,
            warnings: run.log.warnings,
        },
        None => {
            let account = run
                .sub_account
                .clone()
                .unwrap_or_else(|| "primary".to_string());
            let created = start.is_none();
            let message = run.log.text(|| {
                format!(
                    "signed in to the {} account{}",
                    if account == "primary" {
                        "primary".to_string()
                    } else {
                        format!("`{account}` sub-")
                    },
                    if created { "; the user is created" } else { "" }
                )
                .replace("sub- account", "sub-account")
            });
            let decision = Decision {
                signed_in: true,
                account: Some(account),
                created,
                rule: if run.sub_account.is_some() {
                    rules::SAML_20
                } else {
                    rules::SAML_01
                },
                section: run.sub_account.as_ref().map(|_| Section::SubAccount),
                rule_index: None,
                message,
            };
            run.user.sub_account.clone_from(&run.sub_account);
            let changes = match explain {
                Explain::Full => model::diff(start, &run.user),
                Explain::Quiet => Vec::new(),
            };
            SignIn {
                number,
                received: assertion.received,
                decision,
                changes,
                user: Some(run.user),
                steps: run.log.steps,
                sections: run.log.sections,
                warnings: run.log.warnings,
            }
        }
    }
}

/// The email the input's (top) assertion carries: the Basic-mapped attribute, or the NameID.
pub fn source_email(ctx: Context<'_>) -> Option<String> {
    email_of(ctx.sso, ctx.input.assertion())
}

/// The email an assertion carries: the Basic-mapped attribute, or the NameID.
pub fn email_of(sso: &SsoConfig, assertion: Assertion<'_>) -> Option<String> {
    match &sso.basic.email {
        Some(attribute) => assertion
            .attributes
            .get(attribute)
            .map(|v| v.first().to_string()),
        None => assertion.name_id.map(str::to_string),
    }
}

/// Whether the account owner is exempt from `section` under the settings (SAML-08; SAML-21, 22, 30
/// name the sections the seeds exempt).
pub fn owner_exempt(settings: &Settings, section: Section) -> bool {
    match settings.owner_exemption {
        OwnerExemption::AllSections => true,
        OwnerExemption::SeedSections => section.owner_exempt_by_seed(),
    }
}

/// The note, once a run, that the Response is read as pasted.
fn signature_note(received: &Received) -> String {
    let signed = match (received.signed.response, received.signed.assertion) {
        (true, true) => "the Response and its assertion are signed",
        (true, false) => "the Response is signed",
        (false, true) => "the assertion is signed",
        (false, false) => "no signature was found",
    };
    format!(
        "the Response from {} is read as pasted: {signed}, and provisim does not verify signatures (Zoom checks them against the IdP certificate of the SSO configuration)",
        received
            .issuer
            .as_deref()
            .map_or("an unnamed issuer".to_string(), |i| format!("`{i}`"))
    )
}

impl<'a> Run<'a, '_> {
    fn attribute(&self, name: &Option<String>) -> Option<(String, String)> {
        let name = name.as_ref()?;
        let value = self
            .assertion
            .attributes
            .get(name)
            .map(|v| v.first().to_string());
        Some((name.clone(), value.unwrap_or_default()))
    }

    /// A Response whose status is not Success: the IdP refused, there is no assertion to map,
    /// and Zoom signs no one in (SAML-01).
    fn failed_status(
        mut self,
        received: &'a Received,
        sections: &Sections<'a>,
        number: u32,
    ) -> SignIn<'a> {
        let status = &received.status;
        let words = |code: &str| code.rsplit(':').next().unwrap_or(code).to_string();
        let said = || {
            let mut said = format!("`{}`", words(&status.code));
            if let Some(sub) = &status.subcode {
                said.push_str(&format!(" / `{}`", words(sub)));
            }
            if let Some(message) = &status.message {
                said.push_str(&format!(" (\"{message}\")"));
            }
            said
        };
        self.log.step(rules::SAML_01, || {
            format!(
                "the IdP's Response reports {}: it carries no assertion, so no mapping is applied",
                said()
            )
        });
        for config in sections
            .license
            .iter()
            .chain(&sections.others)
            .map(|m| m.config)
        {
            let rules = self.not_tried(
                config,
                "the IdP's Response reports a failure: there is no assertion to map",
                rules::SAML_01,
            );
            let message = self
                .log
                .text(|| "not processed: the IdP's Response reports a failure".to_string());
            self.log.section(
                config,
                SectionStatus::NotReached,
                rules::SAML_01,
                message,
                rules,
            );
        }
        let message = self.log.text(|| {
            format!("refused by the IdP: its Response's status is {}, not Success; Zoom signs no one in and changes nothing", said())
        });
        SignIn {
            number,
            received: Some(received),
            decision: Decision {
                signed_in: false,
                account: None,
                created: false,
                rule: rules::SAML_01,
                section: None,
                rule_index: None,
                message,
            },
            changes: Vec::new(),
            user: self.start.cloned(),
            steps: self.log.steps,
            sections: self.log.sections,
            warnings: self.log.warnings,
        }
    }

    /// For a pasted Response: every Basic and Advanced mapping that reads an attribute the
    /// Response does not carry, with the nearest one it does carry (attribute names match
    /// exactly, SAML-03), and an opaque NameID that would become the email (SAML-09).
    fn mapping_help(&mut self, received: &'a Received) {
        let basic = &self.ctx.sso.basic;
        let misnamed = self.ctx.sso.misnamed(self.assertion.attributes, received);
        for Misnamed {
            place,
            attribute,
            nearest,
        } in misnamed
        {
            match place {
                MappingPlace::Basic { field, rule } => self.log.warn_with(
                    rule,
                    || format!("Basic mapping reads {field} from `{attribute}`, which the Response does not carry"),
                    || format!("did you mean `{nearest}`? attribute names match exactly (SAML-03): set /sso/basic/{field} to the name the Response uses"),
                ),
                MappingPlace::Advanced {
                    section,
                    rule_index,
                    ..
                } => self.log.warn_with(
                    rules::SAML_03,
                    || format!("{} rule #{} reads `{attribute}`, which the Response does not carry", section.label(), rule_index + 1),
                    || format!("did you mean `{nearest}`? attribute names match exactly (SAML-03): write the rule's attribute as the Response names it"),
                ),
            }
        }
        let Some(name_id) = &received.name_id else {
            return;
        };
        if basic.email_from_name_id(self.start.is_none()) && name_id.opaque() {
            self.log.warn_with(
                rules::SAML_09,
                || format!(
                    "the NameID `{}` (format {}) becomes the user's email: it is not an email address",
                    name_id.value,
                    name_id.format_word()
                ),
                || match received.email_attribute() {
                    Some(a) => format!(
                        "map the email to the attribute that carries it: set /sso/basic/email to `{}` (this Response carries `{}` there)",
                        a.name,
                        a.values.first().map(String::as_str).unwrap_or("")
                    ),
                    None => "have the IdP send the email as the NameID (format emailAddress) or in an attribute, and set /sso/basic/email to that attribute".to_string(),
                },
            );
        }
    }

    /// Puts each received attribute's FriendlyName beside the rules that read it.
    fn friendly_names(&self, trace: &mut [RuleTrace<'a>]) {
        let Some(received) = self.assertion.received else {
            return;
        };
        for rule in trace {
            rule.friendly_name = received
                .attribute(&rule.config.attribute)
                .and_then(|a| a.friendly_name.as_deref());
        }
    }

    /// The trace of a section's rules that were not tried, with the reason (none when quiet).
    fn not_tried(
        &self,
        config: &'a SectionConfig,
        reason: &'static str,
        rule: RuleId,
    ) -> Vec<RuleTrace<'a>> {
        if self.log.quiet {
            Vec::new()
        } else {
            let mut trace = matching::not_tried(&config.rules, reason, rule);
            self.friendly_names(&mut trace);
            trace
        }
    }

    /// The first matching rule (SAML-03, SAML-04) and the trace of every rule (none when quiet).
    #[allow(clippy::type_complexity)]
    fn first_match(
        &mut self,
        mapped: &Mapped<'a>,
    ) -> (Option<(usize, &'a MappingRule)>, Vec<RuleTrace<'a>>) {
        let rules = &mapped.config.rules;
        let attributes = self.assertion.attributes;
        let case_sensitive = self.ctx.settings.case_sensitive;
        if !self.log.quiet {
            let (hit, mut trace) = matching::first_match(rules, attributes, case_sensitive);
            self.friendly_names(&mut trace);
            return (hit, trace);
        }
        let hit = match &mut self.tested {
            Some(tested) => tested.find(rules, &mapped.numbers),
            None => matching::find(rules, attributes, case_sensitive),
        };
        (hit, Vec::new())
    }

    /// Basic mapping (SAML-06, SAML-09); `email` is the assertion's ([`source_email`]).
    fn basic_mapping(&mut self, email: Option<String>) {
        let basic = &self.ctx.sso.basic;
        let new = self.start.is_none();
        let source = || {
            basic
                .email
                .as_deref()
                .map(|a| format!("`{a}`"))
                .unwrap_or_else(|| "the NameID".to_string())
        };
        if let Some(email) = email {
            if new {
                self.log.step(rules::SAML_09, || {
                    format!("email `{email}` from {} (first sign-in)", source())
                });
            } else if email != self.user.email {
                if basic.email_maps(new) {
                    self.log.step(rules::SAML_09, || {
                        format!("email `{}` → `{email}`: an employee unique ID is mapped, so the email updates", self.user.email)
                    });
                    self.user.email = email;
                } else {
                    self.log.step(rules::SAML_09, || {
                        format!("email stays `{}`: the assertion says `{email}`, but the email maps only at the first sign-in unless an employee unique ID is mapped", self.user.email)
                    });
                }
            }
        }
        let names_update = new || self.ctx.settings.update_names_every_sign_in;
        let names: [(&str, _, NameField); 2] = [
            ("first name", &basic.first_name, |u| &mut u.first_name),
            ("last name", &basic.last_name, |u| &mut u.last_name),
        ];
        for (label, mapping, name_of) in names {
            let Some((attribute, value)) = self.attribute(mapping) else {
                continue;
            };
            if value.is_empty() {
                self.log.step(rules::SAML_09, || {
                    format!("{label}: the assertion has no `{attribute}`; unchanged")
                });
                continue;
            }
            let field = name_of(&mut self.user);
            if *field == value {
                continue;
            }
            if names_update {
                self.log.step(rules::SAML_09, || {
                    format!("{label} `{value}` from `{attribute}`")
                });
                *field = value;
            } else {
                self.log.step(rules::SAML_09, || {
                    format!("{label} stays `{field}`: names map at the first sign-in only (setting “First and last name update at every sign-in” is off)")
                });
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
                self.log.step(rule, || {
                    format!("{field}: the assertion has no `{attribute}`; unchanged")
                });
                continue;
            }
            let slot = match field {
                "employee_id" => &mut self.user.employee_id,
                "department" => &mut self.user.department,
                "job_title" => &mut self.user.job_title,
                _ => &mut self.user.phone.extension,
            };
            if slot.as_deref() != Some(value.as_str()) {
                self.log.step(rule, || {
                    format!(
                        "Basic mapping sets {field} `{value}` from `{attribute}` (every sign-in)"
                    )
                });
                *slot = Some(value);
            }
        }
    }

    fn owner_exempt(&self, section: Section) -> bool {
        self.user.owner && owner_exempt(self.ctx.settings, section)
    }

    /// The state prerequisites are checked against (SAML-02's setting).
    fn prerequisite_state(&self) -> Option<&User> {
        match self.ctx.settings.prerequisites {
            Prerequisites::StartOfSignIn => self.start,
            Prerequisites::AsApplied => Some(&self.user),
        }
    }

    /// License Assignment (SAML-10, SAML-11, SAML-12) and the new user's default license (SAML-09).
    /// Returns the refusal, if the sign-in is refused.
    fn license(&mut self, mapped: Option<&Mapped<'a>>) -> Option<Decision> {
        let config = mapped.map(|m| m.config);
        let new = self.start.is_none();
        let mut matched = None;
        if let Some(mapped) = mapped {
            let config = mapped.config;
            if self.owner_exempt(Section::License) {
                let rules = self.not_tried(config, "the owner is exempt", rules::SAML_08);
                let message = self
                    .log
                    .text(|| "the account owner's license is not mapped".into());
                self.log.section(
                    config,
                    SectionStatus::OwnerExempt,
                    rules::SAML_08,
                    message,
                    rules,
                );
                return None;
            }
            if config.rules.is_empty() {
                let message = self.log.text(|| "no rules".into());
                self.log.section(
                    config,
                    SectionStatus::NotMapped,
                    rules::SAML_10,
                    message,
                    Vec::new(),
                );
            } else {
                let (hit, trace) = self.first_match(mapped);
                match hit {
                    Some((i, r)) => matched = Some((i, r, trace)),
                    None => {
                        let message = self.log.text(|| {
                            if new {
                                "no rule matched: the new user gets Basic mapping's default license"
                                    .to_string()
                            } else {
                                format!(
                                    "no rule matched: the license stays {} (no change without a match)",
                                    self.user.license.label()
                                )
                            }
                        });
                        self.log.section(
                            config,
                            SectionStatus::NoMatch,
                            if new { rules::SAML_09 } else { rules::SAML_10 },
                            message,
                            trace,
                        );
                    }
                }
            }
        }
        let (index, rule, trace) = match matched {
            Some(m) => m,
            None => {
                if !new {
                    return None;
                }
                return match self.ctx.sso.basic.default_license.license() {
                    Some(license) => {
                        self.log.step(rules::SAML_09, || {
                            format!("new user gets the default license {}", license.label())
                        });
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
                        message: self.log.text(|| "refused: no License Assignment rule matched and the default license is None, so no account is created".into()),
                    }),
                };
            }
        };
        let config = config?;
        let result = rule.result.first();
        if rule.refuses_sign_in() {
            let message = self
                .log
                .text(|| format!("rule #{} results in None: access is blocked", index + 1));
            self.log.section(
                config,
                SectionStatus::Applied,
                rules::SAML_11,
                message,
                trace,
            );
            return Some(Decision {
                signed_in: false,
                account: None,
                created: false,
                rule: rules::SAML_11,
                section: Some(Section::License),
                rule_index: Some(index),
                message: self.log.text(|| {
                    format!(
                        "refused by License Assignment rule #{}: its result None blocks access{}",
                        index + 1,
                        if new {
                            " and the user is not created"
                        } else {
                            ""
                        }
                    )
                }),
            });
        }
        let target = match result {
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
            let message = self.log.text(|| {
                format!("rule #{} results in Basic, but the {} user has upcoming events: not downgraded", index + 1, current.label())
            });
            self.log.section(
                config,
                SectionStatus::Blocked,
                rules::SAML_12,
                message,
                trace,
            );
            self.log.warn(
                rules::SAML_12,
                || format!("{} keeps the {} license: users with upcoming events are not downgraded to Basic", self.user.email, current.label()),
                "cancel or reassign the user's upcoming meetings and webinars, then sign in again to downgrade",
            );
            return None;
        }
        if !new && target == current {
            let message = self.log.text(|| {
                format!(
                    "rule #{} results in {}: already so",
                    index + 1,
                    target.label()
                )
            });
            self.log.section(
                config,
                SectionStatus::Unchanged,
                rules::SAML_10,
                message,
                trace,
            );
            return None;
        }
        let message = self.log.text(|| {
            format!(
                "rule #{}: license {} → {}",
                index + 1,
                if new { "(new user)" } else { current.label() },
                target.label()
            )
        });
        self.log.section(
            config,
            SectionStatus::Applied,
            rules::SAML_10,
            message,
            trace,
        );
        self.set_license(target);
        None
    }

    fn set_license(&mut self, license: LicenseType) {
        let before = self.start.map(|u| u.license);
        if eligibility::basic_limit_crossed(before, license, self.ctx.account.basic_users) {
            self.log.warn(
                rules::LIC_09,
                || eligibility::basic_limit_message(&self.user.email, self.ctx.account.basic_users),
                "license the user, remove unused Basic users, or set the default license to None",
            );
        }
        self.user.license = license;
    }

    /// Every Advanced section but License Assignment: whether it applies at all (SAML-07: the
    /// plan; SAML-08: the owner; SAML-20: below a sub-account; SAML-42: WFM and QM through SAML
    /// off), then its own rule.
    fn section(&mut self, mapped: &Mapped<'a>) {
        let config = mapped.config;
        let section = config.section;
        let settings = self.ctx.settings;
        if config.rules.is_empty() {
            let message = self
                .log
                .text(|| "no rules: the section is not mapped".into());
            return self.log.section(
                config,
                SectionStatus::NotMapped,
                section.rule(),
                message,
                Vec::new(),
            );
        }
        if self.sub_account.is_some() && section > Section::SubAccount {
            let rules = self.not_tried(
                config,
                "sections below Sign in to Sub Account apply to the primary account only",
                rules::SAML_20,
            );
            let message = self
                .log
                .text(|| "not applied: the user signs in to a sub-account".into());
            return self.log.section(
                config,
                SectionStatus::BelowSubAccount,
                rules::SAML_20,
                message,
                rules,
            );
        }
        if let Some(plan) = section
            .plan()
            .filter(|_| !section.available_on(self.ctx.account))
        {
            let rules = self.not_tried(
                config,
                "the section does not exist on this account",
                rules::SAML_07,
            );
            let message = self
                .log
                .text(|| format!("inert: the account has no {} plan", plan.label()));
            return self.log.section(
                config,
                SectionStatus::Unavailable,
                rules::SAML_07,
                message,
                rules,
            );
        }
        if self.owner_exempt(section) {
            let rule = if settings.owner_exemption == OwnerExemption::SeedSections {
                section.rule()
            } else {
                rules::SAML_08
            };
            let rules = self.not_tried(config, "the account owner is exempt", rule);
            let message = self.log.text(|| "not applied to the account owner".into());
            return self
                .log
                .section(config, SectionStatus::OwnerExempt, rule, message, rules);
        }
        if section.inert_by_setting(settings) {
            let rules = self.not_tried(
                config,
                "WFM and QM cannot be assigned through SAML (setting “WFM and QM can be assigned through SAML” is off)",
                rules::SAML_42,
            );
            self.log.warn(
                rules::SAML_42,
                || format!("the {} rules are inert: Zoom's Contact Center licensing article says WFM and QM are assigned through SAML only with the bundled Elite license (Zoom's advanced SAML mapping article lists them as SAML sections; setting “WFM and QM can be assigned through SAML”)", section.label()),
                "assign WFM and QM by SCIM, CSV, a template or the portal; or turn on the setting “WFM and QM can be assigned through SAML” if your account behaves as Zoom's advanced SAML mapping article says",
            );
            let message = self.log.text(|| "inert: Zoom's Contact Center licensing article says WFM and QM come only with the bundled Elite license through SAML; assign them by SCIM, CSV or the portal".into());
            return self
                .log
                .section(config, SectionStatus::Inert, rules::SAML_42, message, rules);
        }
        let (hit, trace) = self.first_match(mapped);
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
        self.log.section(config, status, rule, message, trace);
    }

    /// SAML-05, SAML-13, SAML-14: add-ons, matched independently for Webinar and Large Meeting.
    fn add_on(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let key = section.key();
        if model::is_cc_addon(key) {
            return self.cc_add_on(section, hit);
        }
        let independent = if matches!(section, Section::Webinar | Section::LargeMeeting) {
            " (matched independently of the other of Webinars / Large Meeting, SAML-05)"
        } else {
            ""
        };
        match hit {
            Some((index, values)) => {
                let value = values.first().map(String::as_str).unwrap_or_default();
                match self.user.addons.get(key) {
                    Some(existing) if existing == value => (
                        SectionStatus::Unchanged,
                        rules::SAML_13,
                        self.log.text(|| {
                            format!(
                                "rule #{}: already has {} `{value}`{independent}",
                                index + 1,
                                section.label()
                            )
                        }),
                    ),
                    Some(existing) => {
                        self.log.warn(
                            rules::SAML_14,
                            || format!("{} keeps {} `{existing}`: mapping cannot change an add-on's type to `{value}`", self.user.email, section.label()),
                            "change it in User Management, or remove the existing add-on so that the next matching sign-in assigns the new type",
                        );
                        let message = self.log.text(|| format!("rule #{} results in `{value}`, but the user has `{existing}`: an add-on cannot change type", index + 1));
                        (SectionStatus::Blocked, rules::SAML_14, message)
                    }
                    None => {
                        self.user.addons.insert(key.to_string(), value.to_string());
                        (
                            SectionStatus::Applied,
                            section.rule(),
                            self.log.text(|| {
                                format!(
                                    "rule #{}: {} `{value}` assigned{independent}",
                                    index + 1,
                                    section.label()
                                )
                            }),
                        )
                    }
                }
            }
            None => {
                let removes = section.removes_on_no_match(self.ctx.settings);
                match self.user.addons.get(key) {
                    Some(_) if removes => {
                        let existing = self.user.addons.remove(key).unwrap_or_default();
                        self.log.warn(
                            rules::SAML_13,
                            || format!("{} loses {} `{existing}`: the section is mapped and no rule matched", self.user.email, section.label()),
                            "add a rule that matches this user, or remove the section's rules if add-ons are managed elsewhere",
                        );
                        let message = self.log.text(|| format!("no rule matched: {} `{existing}` is removed", section.label()));
                        (SectionStatus::NoMatch, rules::SAML_13, message)
                    }
                    Some(existing) => (
                        SectionStatus::NoMatch,
                        rules::SAML_13,
                        self.log.text(|| format!("no rule matched: {} `{existing}` stays (setting “An add-on is removed when its section matches nothing”: Webinars and Large Meeting only)", section.label())),
                    ),
                    None => (
                        SectionStatus::NoMatch,
                        rules::SAML_13,
                        self.log.text(|| {
                            format!(
                                "no rule matched; the user has no {} to remove",
                                section.label()
                            )
                        }),
                    ),
                }
            }
        }
    }

    /// SAML-13, SAML-42: the WFM and QM sections (while they work, setting “WFM and QM can be assigned through SAML”)
    /// assign and remove the Contact Center add-on, held in `contact_center.addons` as every
    /// other path holds it; it has no type to change (SAML-14 does not apply).
    fn cc_add_on(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let key = section.key();
        match hit {
            Some((index, values)) => {
                let value = values.first().map(String::as_str).unwrap_or_default();
                if self.user.contact_center.grant(key) {
                    let message = self.log.text(|| {
                        format!(
                            "rule #{} results in `{value}`: {} assigned (a Contact Center add-on)",
                            index + 1,
                            section.label()
                        )
                    });
                    (SectionStatus::Applied, section.rule(), message)
                } else {
                    let message = self
                        .log
                        .text(|| format!("rule #{}: already has {}", index + 1, section.label()));
                    (SectionStatus::Unchanged, rules::SAML_13, message)
                }
            }
            None if !section.removes_on_no_match(self.ctx.settings) => {
                let message = if self.user.contact_center.holds(key) {
                    self.log.text(|| format!("no rule matched: {} stays (setting “An add-on is removed when its section matches nothing”: Webinars and Large Meeting only)", section.label()))
                } else {
                    self.log.text(|| {
                        format!(
                            "no rule matched; the user has no {} to remove",
                            section.label()
                        )
                    })
                };
                (SectionStatus::NoMatch, rules::SAML_13, message)
            }
            None if self.user.contact_center.revoke(key) => {
                self.log.warn(
                    rules::SAML_13,
                    || format!("{} loses {}: the section is mapped and no rule matched", self.user.email, section.label()),
                    "add a rule that matches this user, or remove the section's rules if add-ons are managed elsewhere",
                );
                let message = self
                    .log
                    .text(|| format!("no rule matched: {} is removed", section.label()));
                (SectionStatus::NoMatch, rules::SAML_13, message)
            }
            None => {
                let message = self.log.text(|| {
                    format!(
                        "no rule matched; the user has no {} to remove",
                        section.label()
                    )
                });
                (SectionStatus::NoMatch, rules::SAML_13, message)
            }
        }
    }

    /// SAML-15, SAML-17: listed licenses and Whiteboard; a match assigns, no match leaves them.
    fn listed_license(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            let message = self.log.text(|| "no rule matched: no change".into());
            return (SectionStatus::NoMatch, rule, message);
        };
        let value = values.first().map(String::as_str).unwrap_or_default();
        if self.user.licenses.get(section.key()).map(String::as_str) == Some(value) {
            let message = self.log.text(|| {
                format!(
                    "rule #{}: already has {} `{value}`",
                    index + 1,
                    section.label()
                )
            });
            return (SectionStatus::Unchanged, rule, message);
        }
        self.user
            .licenses
            .insert(section.key().to_string(), value.to_string());
        let message = self.log.text(|| {
            let whom = if section == Section::Whiteboard {
                format!(
                    " (assigned whether the user is licensed or basic; this one is {})",
                    self.user.license.label()
                )
            } else {
                String::new()
            };
            format!(
                "rule #{}: {} `{value}` assigned{whom}",
                index + 1,
                section.label()
            )
        });
        (SectionStatus::Applied, rule, message)
    }

    /// SAML-16: ZRA for licensed users only, never removed, not with On-Prem data residency.
    fn revenue_accelerator(
        &mut self,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let key = Section::RevenueAccelerator.key();
        let Some((index, values)) = hit else {
            let message = self.log.text(|| {
                let note = if self.user.licenses.contains_key(key) {
                    "; the ZRA license stays (SAML never removes it)"
                } else {
                    ""
                };
                format!("no rule matched: no change{note}")
            });
            return (SectionStatus::NoMatch, rules::SAML_16, message);
        };
        let value = values.first().map(String::as_str).unwrap_or_default();
        // Prerequisites are read at the start of the sign-in or after it (setting “Prerequisites are checked against”).
        let license = self
            .prerequisite_state()
            .map_or(LicenseType::Basic, |u| u.license);
        match eligibility::zra_refusal(license, self.user.on_prem_data_residency) {
            Some(ZraRefusal::OnPremResidency) => {
                let message = self.log.text(|| {
                    format!("rule #{} matched, but ZRA does not apply: the user's meeting data residency is On-Prem", index + 1)
                });
                return (SectionStatus::Blocked, rules::SAML_16, message);
            }
            Some(ZraRefusal::NotLicensed) => {
                let now_licensed = self.user.license == LicenseType::Licensed;
                self.log.warn(
                    rules::SAML_16,
                    || format!("{} gets no Revenue Accelerator license: only licensed users can be assigned one", self.user.email),
                    if now_licensed {
                        "the user became Licensed in this sign-in; prerequisites are checked at its start (setting “Prerequisites are checked against”), so the next sign-in assigns ZRA"
                    } else {
                        "license the user first (License Assignment), then sign in again"
                    },
                );
                let message = self
                    .log
                    .text(|| format!("rule #{} matched, but the user is not licensed", index + 1));
                return (SectionStatus::Blocked, rules::SAML_16, message);
            }
            None => {}
        }
        if self.user.licenses.get(key).map(String::as_str) == Some(value) {
            let message = self
                .log
                .text(|| format!("rule #{}: already has ZRA `{value}`", index + 1));
            return (SectionStatus::Unchanged, rules::SAML_16, message);
        }
        self.user
            .licenses
            .insert(key.to_string(), value.to_string());
        let message = self.log.text(|| {
            format!(
                "rule #{}: Revenue Accelerator `{value}` assigned",
                index + 1
            )
        });
        (SectionStatus::Applied, rules::SAML_16, message)
    }

    /// SAML-20: a match signs the user in to a sub-account; later sections stop applying.
    fn sub_account(&mut self, hit: Option<(usize, &[String])>) -> (SectionStatus, RuleId, String) {
        match hit {
            Some((index, values)) => {
                let target = values.first().cloned().unwrap_or_default();
                let message = self.log.text(|| format!("rule #{}: signs in to sub-account `{target}`; the sections below apply to the primary account only", index + 1));
                self.sub_account = Some(target);
                (SectionStatus::Applied, rules::SAML_20, message)
            }
            None => (
                SectionStatus::NoMatch,
                rules::SAML_20,
                self.log
                    .text(|| "no rule matched: the user signs in to the primary account".into()),
            ),
        }
    }

    /// SAML-21: a match sets the role; no match puts the user in the Member role.
    fn user_role(&mut self, hit: Option<(usize, &[String])>) -> (SectionStatus, RuleId, String) {
        let (target, index) = match &hit {
            Some((index, values)) => (
                values.first().map(String::as_str).unwrap_or_default(),
                Some(*index),
            ),
            None => ("Member", None),
        };
        let why = || match index {
            Some(index) => format!("rule #{}", index + 1),
            None => "no rule matched".to_string(),
        };
        if self.user.role == target {
            let status = if hit.is_some() {
                SectionStatus::Unchanged
            } else {
                SectionStatus::NoMatch
            };
            let message = self.log.text(|| format!("{}: role stays {target}", why()));
            return (status, rules::SAML_21, message);
        }
        let before = std::mem::replace(&mut self.user.role, target.to_string());
        if hit.is_none() {
            self.log.warn(
                rules::SAML_21,
                || format!("{} is demoted from {before} to Member: the User Role section is mapped and no rule matched", self.user.email),
                "add a rule that matches this user's role attribute",
            );
            let message = self
                .log
                .text(|| format!("no rule matched: role {before} → Member"));
            return (SectionStatus::NoMatch, rules::SAML_21, message);
        }
        let message = self
            .log
            .text(|| format!("{}: role {before} → {target}", why()));
        (SectionStatus::Applied, rules::SAML_21, message)
    }

    /// SAML-22, SAML-23, SAML-24: a match overwrites the list; no match leaves it.
    fn list(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            let message = self.log.text(|| {
                let extra = if section == Section::UserGroup {
                    " (removing a user from groups is a manual action)"
                } else {
                    ""
                };
                format!("no rule matched: no change{extra}")
            });
            return (SectionStatus::NoMatch, rule, message);
        };
        let list = match section {
            Section::UserGroup => &mut self.user.groups,
            Section::UserGroupAdmin => &mut self.user.group_admin,
            _ => &mut self.user.rooms_admin,
        };
        if list.as_slice() == values {
            let message = self
                .log
                .text(|| format!("rule #{}: already {}", index + 1, values.join(", ")));
            return (SectionStatus::Unchanged, rule, message);
        }
        let before = std::mem::replace(list, values.to_vec());
        let message = self.log.text(|| {
            let primary = if section == Section::UserGroup {
                format!(
                    "; primary group `{}`",
                    values.first().map(String::as_str).unwrap_or("")
                )
            } else {
                String::new()
            };
            format!(
                "rule #{}: [{}] overwritten by [{}]{primary}",
                index + 1,
                before.join(", "),
                values.join(", ")
            )
        });
        (SectionStatus::Applied, rule, message)
    }

    /// SAML-30, SAML-31, SAML-32: calling plan and site need an extension or an existing Phone user.
    fn phone(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            let message = self.log.text(|| "no rule matched: no change".into());
            return (SectionStatus::NoMatch, rule, message);
        };
        let value = values.first().map(String::as_str).unwrap_or_default();
        let eligible = self
            .prerequisite_state()
            .is_some_and(|u| u.phone.eligible());
        if !eligible {
            let extension_now = self.user.phone.eligible();
            if extension_now {
                self.log.warn(
                    rules::SAML_31,
                    || format!("{} must sign in again: this sign-in assigned the extension, the next assigns the {}", self.user.email, section.label()),
                    "expected when Basic mapping assigns the extension and Advanced mapping the calling plan; simulate two sign-ins to see it",
                );
            } else {
                self.log.warn(
                    rule,
                    || {
                        format!(
                            "{} gets no {}: the user has no Phone extension and is not a Phone user",
                            self.user.email,
                            section.label()
                        )
                    },
                    "assign an extension (Basic mapping or the portal) first",
                );
            }
            let message = self.log.text(|| {
                format!(
                    "rule #{} matched, but the user had no extension at the start of the sign-in",
                    index + 1
                )
            });
            return (SectionStatus::Blocked, rule, message);
        }
        let slot = if section == Section::PhoneCallingPlan {
            &mut self.user.phone.calling_plan
        } else {
            &mut self.user.phone.site
        };
        if slot.as_deref() == Some(value) {
            let message = self
                .log
                .text(|| format!("rule #{}: already `{value}`", index + 1));
            return (SectionStatus::Unchanged, rule, message);
        }
        *slot = Some(value.to_string());
        let message = self
            .log
            .text(|| format!("rule #{}: {} `{value}`", index + 1, section.label()));
        (SectionStatus::Applied, rule, message)
    }

    /// Sections with no documented special semantics: a match sets, no match leaves (SAML-17, SAML-40).
    fn plain(
        &mut self,
        section: Section,
        hit: Option<(usize, &[String])>,
    ) -> (SectionStatus, RuleId, String) {
        let rule = section.rule();
        let Some((index, values)) = hit else {
            let message = self.log.text(|| "no rule matched: no change".into());
            return (SectionStatus::NoMatch, rule, message);
        };
        let value = values.first().map(String::as_str).unwrap_or_default();
        let cc = &mut self.user.contact_center;
        let changed = match section {
            Section::CcPackage => {
                let package = Package::ALL.into_iter().find(|p| p.key() == value);
                std::mem::replace(&mut cc.package, package) != package
            }
            // The section's values are AI Expert Assist; WFM and QM have sections of their own
            // (SAML-13, SAML-42), so the ones the user holds stay.
            Section::CcAddons => {
                let mut addons = values.to_vec();
                for kept in cc
                    .addons
                    .iter()
                    .filter(|a| model::WFM_QM.contains(&a.as_str()))
                {
                    if !addons.contains(kept) {
                        addons.push(kept.clone());
                    }
                }
                let same =
                    addons.len() == cc.addons.len() && addons.iter().all(|a| cc.addons.contains(a));
                if !same {
                    cc.addons = addons;
                }
                !same
            }
            Section::CcRole | Section::CcRegion | Section::CcTeam | Section::CcSupervisor => {
                let slot = match section {
                    Section::CcRole => &mut cc.role,
                    Section::CcRegion => &mut cc.region,
                    Section::CcTeam => &mut cc.team,
                    _ => &mut cc.supervisor,
                };
                set(slot, value)
            }
            Section::PhoneRole => set(&mut self.user.phone.role, value),
            Section::ZraRole => set(&mut self.user.zra_role, value),
            _ => match self.user.profile.get_mut(section.key()) {
                Some(slot) if slot == value => false,
                Some(slot) => {
                    value.clone_into(slot);
                    true
                }
                None => {
                    self.user
                        .profile
                        .insert(section.key().to_string(), value.to_string());
                    true
                }
            },
        };
        if let Some(field) = cc_field(section) {
            self.cc_given.insert(field);
        }
        if changed {
            let message = self.log.text(|| {
                format!(
                    "rule #{}: {} `{}`",
                    index + 1,
                    section.label(),
                    values.join(", ")
                )
            });
            (SectionStatus::Applied, rule, message)
        } else {
            let message = self
                .log
                .text(|| format!("rule #{}: already `{}`", index + 1, values.join(", ")));
            (SectionStatus::Unchanged, rule, message)
        }
    }

    /// SAML-41: the New User Template applies only when the user is first given a CC license.
    fn cc_template(&mut self, hit: Option<(usize, &[String])>) -> (SectionStatus, RuleId, String) {
        let Some((index, values)) = hit else {
            let message = self.log.text(|| "no rule matched: no template".into());
            return (SectionStatus::NoMatch, rules::SAML_41, message);
        };
        let name = values.first().map(String::as_str).unwrap_or_default();
        let had_before = self
            .start
            .is_some_and(|u| u.contact_center.package.is_some());
        let has_now = self.user.contact_center.package.is_some();
        let lost_before = self.start.is_some_and(|u| {
            u.contact_center.package.is_none() && u.contact_center.template.is_some()
        });
        if had_before {
            self.log.warn(
                rules::SAML_41,
                || format!("template `{name}` is ignored for {}: the user is already a Contact Center agent", self.user.email),
                "a New User Template cannot change existing agents; use an update template in the portal, a CSV upload or SCIM",
            );
            let message = self.log.text(|| format!("rule #{} matched, but the template is honoured only when the CC license is first given", index + 1));
            return (SectionStatus::Blocked, rules::SAML_41, message);
        }
        if !has_now {
            let message = self.log.text(|| {
                format!(
                    "rule #{} matched, but the user is given no Contact Center license",
                    index + 1
                )
            });
            return (SectionStatus::Blocked, rules::SAML_41, message);
        }
        if lost_before && !self.ctx.settings.cc_relicense_counts_as_first {
            let message = self.log.text(|| format!("rule #{} matched, but the user had a CC license before (setting “A Contact Center license given again counts as first given” is off)", index + 1));
            return (SectionStatus::Blocked, rules::SAML_41, message);
        }
        let Some(template) = self
            .ctx
            .account
            .cc_templates
            .iter()
            .find(|t| t.name == name)
        else {
            let message = self
                .log
                .text(|| format!("rule #{}: the account has no template `{name}`", index + 1));
            return (SectionStatus::Blocked, rules::SAML_41, message);
        };
        let applied = template.apply(&mut self.user.contact_center, &self.cc_given);
        if !self.cc_given.is_empty() {
            let given = &self.cc_given;
            self.log.step(rules::TPL_03, || {
                let kept: Vec<&str> = given.iter().copied().collect();
                template
                    .precedence(&kept, "the values mapped in this sign-in")
                    .unwrap_or_default()
            });
        }
        let message = self.log.text(|| {
            format!(
                "rule #{}: template `{name}` applied to the new agent ({})",
                index + 1,
                if applied.is_empty() {
                    "no settings".to_string()
                } else {
                    applied.join(", ")
                },
            )
        });
        (SectionStatus::Applied, rules::SAML_41, message)
    }
}

/// Sets an optional value; whether it changed.
fn set(slot: &mut Option<String>, value: &str) -> bool {
    if slot.as_deref() == Some(value) {
        return false;
    }
    *slot = Some(value.to_string());
    true
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
