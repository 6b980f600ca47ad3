//! Static findings over a scenario, before any sign-in (issue 17): rules that can never match,
//! sections that are inert, settings that refuse people, templates and mappings that do nothing.
//!
//! Every finding carries the rule ID of the catalogue that makes it a trap, a JSON pointer to the
//! rule or field, a sentence and the fix. The decisions are the engines' own: contains-matching is
//! [`matching::contains`] and [`matching::find`], a section's plan, kind and order are
//! [`Section`]'s, the owner exemption is [`engine::owner_exempt`], pools are planned by
//! [`seats::plan`] and the batch's [`Batch`], CSV uploads are checked by [`csv_upload::check`],
//! IdP mapping tables by [`mapping::validate`] and [`mapping::produce`] (an imported one as
//! [`import::resolve`] makes it), and a pasted SAML Response is read as the sign-in reads it.

use crate::batch;
use crate::csv_upload;
use crate::explain::{count, Warning};
use crate::input::{escape_pointer as escape, InputError};
use crate::license::directory::UserList;
use crate::license::eligibility::{self, ZraRefusal};
use crate::license::seats;
use crate::license::{Bundle, Licensing, Package};
use crate::model::{self, LicenseType, TemplateKind, User};
use crate::rules::{self, RuleId};
use crate::saml::engine;
use crate::saml::matching;
use crate::saml::{
    DefaultLicense, MappingPlace, MappingRule, Misnamed, Section, SectionKind, Values,
};
use crate::scenario::Scenario;
use crate::scim::engine::{self as scim_engine, Directory};
use crate::scim::import;
use crate::scim::mapping::{self, ApplyWhen, IdpSync};
use crate::scim::Method;
use crate::settings::Prerequisites;
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The configuration does not do what it says: a rule that can never match, an inert
    /// section, everyone refused.
    Error,
    /// Something that hits some users in a way the configuration does not show.
    Warning,
    /// Worth knowing; behaves as documented.
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding: the rule that makes it a trap, where it is, what it does, and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// A JSON pointer to the rule or field (`/sso/advanced/0/rules/1`).
    pub pointer: String,
    pub message: String,
    pub fix: String,
}

impl Finding {
    fn new(
        rule: RuleId,
        severity: Severity,
        pointer: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            pointer: pointer.into(),
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// Findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Counts {
    pub error: u64,
    pub warning: u64,
    pub info: u64,
}

/// What `lintScenario` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LintReport {
    /// Errors first, then warnings, then notes; within each, in document order.
    pub findings: Vec<Finding>,
    pub counts: Counts,
    pub warnings: Vec<Warning>,
}

/// How many emails a finding names before `and N more`.
const NAMED: usize = 3;

/// Every finding of a scenario, sorted: severity, then the pointer in document order (array
/// indices as numbers), then the rule ID and the message.
pub fn lint(scenario: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    let lint = Lint { scenario };
    lint.unreachable(&mut out);
    lint.none_rules(&mut out);
    lint.overlaps(&mut out);
    lint.default_license(&mut out);
    lint.inert_sections(&mut out);
    lint.owner(&mut out);
    lint.sub_account(&mut out);
    lint.calling_plan(&mut out);
    lint.add_ons(&mut out);
    lint.groups(&mut out);
    lint.revenue_accelerator(&mut out);
    lint.contact_center(&mut out);
    lint.pools(&mut out);
    lint.scim_templates(&mut out);
    lint.idp(&mut out);
    lint.response(&mut out);
    lint.csv(&mut out);
    lint.old_forms(&mut out);
    sort(&mut out);
    out
}

/// The report of [`lint`], counted.
pub fn report(scenario: &Scenario) -> LintReport {
    let findings = lint(scenario);
    let mut counts = Counts::default();
    for f in &findings {
        match f.severity {
            Severity::Error => counts.error += 1,
            Severity::Warning => counts.warning += 1,
            Severity::Info => counts.info += 1,
        }
    }
    LintReport {
        findings,
        counts,
        warnings: Vec::new(),
    }
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| pointer_key(&a.pointer).cmp(&pointer_key(&b.pointer)))
            .then_with(|| a.rule.cmp(b.rule))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// A pointer's segments, numbers compared as numbers.
fn pointer_key(pointer: &str) -> Vec<(u8, u64, &str)> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| match s.parse::<u64>() {
            Ok(n) => (0, n, ""),
            Err(_) => (1, 0, s),
        })
        .collect()
}

struct Lint<'s> {
    scenario: &'s Scenario,
}

/// A configured section with its position in `sso.advanced`.
struct Configured<'s> {
    at: String,
    section: Section,
    rules: &'s [MappingRule],
}

/// The IdP's mapping table, and where each row is written in the scenario.
struct Table<'s> {
    sync: Cow<'s, IdpSync>,
    /// For an imported table: the JSON pointer of the part of the document each row came from.
    from: Option<Vec<String>>,
}

impl Table<'_> {
    /// A row, in words: `mapping #2`, or `the imported mapping to `title``.
    fn name(&self, i: usize) -> String {
        match (&self.from, self.sync.mappings.get(i)) {
            (Some(_), Some(m)) => format!("the imported mapping to `{}`", m.target),
            _ => format!("mapping #{}", i + 1),
        }
    }

    /// The pointer of a row's field: `/scim/idp/mappings/{i}/{field}`, or, for an imported row,
    /// the part of the document it came from (whose fields are the IdP's own).
    fn at(&self, i: usize, field: &str) -> String {
        match &self.from {
            None => format!("/scim/idp/mappings/{i}/{field}"),
            Some(from) => from
                .get(i)
                .cloned()
                .unwrap_or_else(|| "/scim/idp/import".to_string()),
        }
    }
}

impl<'s> Lint<'s> {
    fn case_sensitive(&self) -> bool {
        self.scenario.settings.case_sensitive
    }

    /// The configured sections that have rules.
    fn sections(&self) -> Vec<Configured<'s>> {
        self.scenario
            .sso
            .advanced
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.rules.is_empty())
            .map(|(i, c)| Configured {
                at: format!("/sso/advanced/{i}"),
                section: c.section,
                rules: &c.rules,
            })
            .collect()
    }

    fn section(&self, section: Section) -> Option<Configured<'s>> {
        self.sections().into_iter().find(|c| c.section == section)
    }

    /// Whether the account holds the section's plan (SAML-07).
    fn available(&self, section: Section) -> bool {
        section.available_on(&self.scenario.account)
    }

    /// The users the scenario knows before any input: its `user` and its `directory`.
    fn known_users(&self) -> Vec<(String, &'s User)> {
        let mut users = Vec::new();
        if let Some(user) = &self.scenario.user {
            users.push(("/user".to_string(), user));
        }
        for (i, user) in self.scenario.directory.iter().enumerate() {
            users.push((format!("/directory/{i}"), user));
        }
        users
    }

    /// The attributes of the scenario's (first) sign-in, if it has one.
    fn sign_in(&self) -> Option<&'s BTreeMap<String, Values>> {
        let input = self.scenario.saml.as_ref()?;
        input.assertions().first().map(|a| a.attributes)
    }

    /// Whether mapping applies `section` to `user`: not to an owner it exempts (SAML-08).
    fn applies_to(&self, user: &User, section: Section) -> bool {
        !(user.owner && engine::owner_exempt(&self.scenario.settings, section))
    }

    /// Whether a sign-in with these attributes never gets to `section`: it is refused by a
    /// License Assignment None rule, the section's first match (SAML-11), or `section` is below
    /// Sign in to Sub Account and a sub-account rule matches (SAML-20).
    fn not_applied(&self, attributes: &BTreeMap<String, Values>, section: Section) -> bool {
        let first = |s: Section| {
            self.section(s)
                .and_then(|c| matching::find(c.rules, attributes, self.case_sensitive()))
        };
        first(Section::License).is_some_and(|(_, r)| r.refuses_sign_in())
            || section > Section::SubAccount && first(Section::SubAccount).is_some()
    }

    /// Whether a rule matches these attributes (SAML-03).
    fn matches(&self, rule: &MappingRule, attributes: &BTreeMap<String, Values>) -> bool {
        matching::find(
            std::slice::from_ref(rule),
            attributes,
            self.case_sensitive(),
        )
        .is_some()
    }

    /// SAML-03/04/05, SAML-11: a rule that an earlier rule of its section always beats.
    fn unreachable(&self, out: &mut Vec<Finding>) {
        let cs = self.case_sensitive();
        let case = if cs {
            "case-sensitively: setting “Rule values match case-sensitively” is on"
        } else {
            "case is ignored: setting “Rule values match case-sensitively” is off"
        };
        for c in self.sections() {
            for (j, rule) in c.rules.iter().enumerate() {
                let Some(i) = shadowed_by(c.rules, j, cs) else {
                    continue;
                };
                let Some(e) = c.rules.get(i) else { continue };
                let at = format!("{}/rules/{j}", c.at);
                let (n, m) = (j + 1, i + 1);
                let same_value = matching::contains(&e.value, &rule.value, cs);
                let same_result = e.result == rule.result;
                let label = c.section.label();
                let independent = matches!(c.section, Section::Webinar | Section::LargeMeeting);
                let (e_none, none) = (e.refuses_sign_in(), rule.refuses_sign_in());
                // Two None rules refuse the same users in either order: a redundant rule, below.
                if c.section == Section::License && e_none && !none {
                    out.push(Finding::new(
                        rules::SAML_11,
                        Severity::Error,
                        at,
                        format!("License Assignment rule #{n} (`{}` contains `{}` → {}) can never match: rule #{m} (`{}` → None) is tried first, and every value that contains `{}` contains `{}` ({case}); those users are refused instead", rule.attribute, rule.value, rule.result.display(), e.value, rule.value, e.value),
                        format!("move rule #{n} above rule #{m} if these users should get {}", rule.result.display()),
                    ));
                } else if c.section == Section::License && none && !e_none {
                    out.push(Finding::new(
                        rules::SAML_11,
                        Severity::Error,
                        at,
                        format!("the None rule #{n} (`{}` contains `{}`) never blocks anyone: the broader rule #{m} (`{}` → {}) matches every such user first ({case}), so they get {} instead of being refused", rule.attribute, rule.value, e.value, e.result.display(), e.result.display()),
                        format!("move the None rule #{n} above rule #{m}"),
                    ));
                } else if same_value && same_result {
                    out.push(Finding::new(
                        if independent { rules::SAML_05 } else { rules::SAML_04 },
                        Severity::Warning,
                        at,
                        format!("{label} rule #{n} repeats rule #{m} (`{}` contains `{}` → {}): it is never reached, the first match wins", rule.attribute, rule.value, rule.result.display()),
                        format!("remove rule #{n}"),
                    ));
                } else {
                    let why = if same_value {
                        format!("it has the same condition as rule #{m} ({case})")
                    } else {
                        format!("every value that contains `{}` contains `{}`, the value of rule #{m} ({case})", rule.value, e.value)
                    };
                    let stop = if independent {
                        format!("{label} rules stop at the first {label} match (SAML-05)")
                    } else {
                        "the first match wins (SAML-04; contains-matching, SAML-03)".to_string()
                    };
                    out.push(Finding::new(
                        if independent { rules::SAML_05 } else { rules::SAML_04 },
                        if same_result { Severity::Warning } else { Severity::Error },
                        at,
                        format!("{label} rule #{n} (`{}` contains `{}` → {}) can never match: {why}, and {stop}", rule.attribute, rule.value, rule.result.display()),
                        if same_result {
                            format!("remove rule #{n}: rule #{m} already gives its result")
                        } else {
                            format!("move rule #{n} above rule #{m}")
                        },
                    ));
                }
            }
        }
    }

    /// SAML-11: a None rule before rules it may block (users who match both are refused). A None
    /// rule that is never reached blocks nobody, and a later rule that can never match (reported
    /// by [`Lint::unreachable`]) or is a None rule too loses nothing to it: neither is named.
    fn none_rules(&self, out: &mut Vec<Finding>) {
        let Some(c) = self.section(Section::License) else {
            return;
        };
        let cs = self.case_sensitive();
        let sign_in = self.sign_in();
        for (i, rule) in c.rules.iter().enumerate() {
            if !rule.refuses_sign_in() || shadowed_by(c.rules, i, cs).is_some() {
                continue;
            }
            let later: Vec<(usize, &MappingRule)> = c
                .rules
                .iter()
                .enumerate()
                .skip(i + 1)
                .filter(|(j, r)| !r.refuses_sign_in() && shadowed_by(c.rules, *j, cs).is_none())
                .collect();
            if later.is_empty() {
                continue;
            }
            let names = later
                .iter()
                .map(|(j, r)| {
                    format!(
                        "#{} (`{}` contains `{}` → {})",
                        j + 1,
                        r.attribute,
                        r.value,
                        r.result.display()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            // The sign-in is refused by this rule only if it is the section's first match.
            let both = sign_in.and_then(|a| {
                matching::find(c.rules, a, cs)
                    .is_some_and(|(first, _)| first == i)
                    .then(|| later.iter().find(|(_, r)| self.matches(r, a)))
                    .flatten()
            });
            let at = format!("{}/rules/{i}", c.at);
            match both {
                Some((j, _)) => out.push(Finding::new(
                    rules::SAML_11,
                    Severity::Warning,
                    at,
                    format!("the scenario's sign-in matches the None rule #{} and rule #{}: the None rule is tried first, so the sign-in is refused and a new user is not created", i + 1, j + 1),
                    format!("narrow rule #{}'s value, or move rule #{} above it if these users should get an account", i + 1, j + 1),
                )),
                None => out.push(Finding::new(
                    rules::SAML_11,
                    Severity::Info,
                    at,
                    format!("the None rule #{} (`{}` contains `{}`) comes before {names}: a user who matches it and a later rule (another value of a multi-valued attribute, or another attribute) is refused", i + 1, rule.attribute, rule.value),
                    "keep the None rule first only if it must win over the rules below it".to_string(),
                )),
            }
        }
    }

    /// SAML-04: the scenario's sign-in matches several rules of a section with different results;
    /// the first wins.
    fn overlaps(&self, out: &mut Vec<Finding>) {
        let Some(attributes) = self.sign_in() else {
            return;
        };
        for c in self.sections() {
            let mut matched = c
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| self.matches(r, attributes));
            let Some((first, winner)) = matched.next() else {
                continue;
            };
            if c.section == Section::License && winner.refuses_sign_in() {
                continue; // SAML-11 above says it.
            }
            if c.section != Section::License && self.not_applied(attributes, c.section) {
                continue; // Refused, or sent to a sub-account: the section is not applied.
            }
            for (j, rule) in matched {
                if rule.result == winner.result {
                    continue;
                }
                out.push(Finding::new(
                    rules::SAML_04,
                    Severity::Info,
                    format!("{}/rules/{j}", c.at),
                    format!("the scenario's sign-in matches {} rule #{} (→ {}) and rule #{} (→ {}): rules are tried in their configured order and the first match wins, so it gets {}", c.section.label(), first + 1, winner.result.display(), j + 1, rule.result.display(), winner.result.display()),
                    format!("order the rules from the most specific to the broadest: move rule #{} above rule #{} if it should win", j + 1, first + 1),
                ));
            }
        }
    }

    /// SAML-09: a default license of None refuses every new user no rule matches; LIC-09: a
    /// Basic default on an account at the 9,999 limit.
    fn default_license(&self, out: &mut Vec<Finding>) {
        let basic = &self.scenario.sso.basic;
        let at = "/sso/basic/default_license";
        match basic.default_license {
            DefaultLicense::None => {
                let license = self.section(Section::License);
                let rules_n = license.as_ref().map_or(0, |c| c.rules.len());
                let admitting = license.as_ref().map_or(0, |c| {
                    c.rules.iter().filter(|r| !r.refuses_sign_in()).count()
                });
                if admitting == 0 {
                    out.push(Finding::new(
                        rules::SAML_09,
                        Severity::Error,
                        at,
                        if rules_n == 0 {
                            "the default license is None and License Assignment has no rules: every new user is refused and no account is created".to_string()
                        } else {
                            format!("the default license is None and every License Assignment rule ({}) results in None: every new user is refused and no account is created", count(rules_n as u64, "rule", "rules"))
                        },
                        "add License Assignment rules for the users who should get an account, or set the default license to basic",
                    ));
                } else {
                    out.push(Finding::new(
                        rules::SAML_09,
                        Severity::Warning,
                        at,
                        format!("the default license is None: a new user who matches none of the License Assignment rules ({}) is refused, and no account is created", count(rules_n as u64, "rule", "rules")),
                        "make sure the License Assignment rules cover every user who should get an account, or set the default license to basic",
                    ));
                }
            }
            DefaultLicense::Basic
                if eligibility::basic_limit_crossed(
                    None,
                    LicenseType::Basic,
                    self.scenario.account.basic_users,
                ) =>
            {
                out.push(Finding::new(
                    rules::LIC_09,
                    Severity::Warning,
                    at,
                    format!("the account already has {} Basic users and the default license is Basic: every new user no License Assignment rule matches takes it above the 9,999 Zoom allows", self.scenario.account.basic_users),
                    "license those users, remove unused Basic users, or set the default license to None",
                ));
            }
            _ => {}
        }
    }

    /// SAML-07 (plan missing) and SAML-42 (WFM/QM through SAML off): sections that do nothing.
    fn inert_sections(&self, out: &mut Vec<Finding>) {
        for c in self.sections() {
            if let Some(plan) = c.section.plan().filter(|_| !self.available(c.section)) {
                out.push(Finding::new(
                    rules::SAML_07,
                    Severity::Error,
                    format!("{}/section", c.at),
                    format!("the {} section is inert: the account has no {} plan, so its {} never apply", c.section.label(), plan.label(), count(c.rules.len() as u64, "rule", "rules")),
                    format!("add `{}` to /account/plans if the account holds it, or remove the section", serde_json::to_value(plan).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()),
                ));
                continue;
            }
            if c.section.inert_by_setting(&self.scenario.settings) {
                out.push(Finding::new(
                    rules::SAML_42,
                    Severity::Warning,
                    format!("{}/section", c.at),
                    format!("the {} section does nothing: Zoom's documents disagree on whether WFM and QM can be assigned through SAML (a Conflict), and with setting “WFM and QM can be assigned through SAML” off provisim follows the one that says only the bundled Elite license gives them; the section's rules neither assign nor remove", c.section.label()),
                    "assign WFM and QM by SCIM, CSV, a template or the portal; or turn on the setting “WFM and QM can be assigned through SAML” if your account does assign them through SAML",
                ));
            }
        }
    }

    /// SAML-08 (SAML-21, 22, 30): sections that are not applied to an owner the scenario knows.
    fn owner(&self, out: &mut Vec<Finding>) {
        let settings = &self.scenario.settings;
        let exempt: Vec<Section> = self
            .sections()
            .iter()
            .map(|c| c.section)
            .filter(|s| engine::owner_exempt(settings, *s))
            .collect();
        if exempt.is_empty() {
            return;
        }
        let seed = settings.owner_exemption == crate::settings::OwnerExemption::SeedSections;
        for (at, user) in self.known_users() {
            if !user.owner {
                continue;
            }
            let rule = match (seed, exempt.as_slice()) {
                (true, [only]) => only.rule(),
                _ => rules::SAML_08,
            };
            out.push(Finding::new(
                rule,
                Severity::Warning,
                format!("{at}/owner"),
                format!("{} is the account owner: {} {} not applied to the owner ({})", user.email, labels(&exempt), if exempt.len() == 1 { "is" } else { "are" }, if seed { "setting “The account owner is exempt from”: User Role, User Group and Calling Plan only: User Role, User Group and Phone Calling Plan are never applied to the owner" } else { "setting “The account owner is exempt from”: every Advanced section: Zoom's support articles say Advanced mapping is not applied to the owner at all, while the mapping documents name only User Role, User Group and Phone Calling Plan" }),
                "change the owner's role, groups and licenses in User Management, not through mapping",
            ));
        }
    }

    /// SAML-20: sections below Sign in to Sub Account that sub-account users will not get.
    fn sub_account(&self, out: &mut Vec<Finding>) {
        let Some(sub) = self.section(Section::SubAccount) else {
            return;
        };
        let below: Vec<Section> = self
            .sections()
            .iter()
            .map(|c| c.section)
            .filter(|s| *s > Section::SubAccount)
            .collect();
        if below.is_empty() {
            return;
        }
        out.push(Finding::new(
            rules::SAML_20,
            Severity::Warning,
            format!("{}/section", sub.at),
            format!("users that Sign in to Sub Account sends to a sub-account do not get {}: every section below it applies to the primary account only", labels(&below)),
            "set those users' roles and groups in the sub-account itself, or keep the sections for primary-account users only",
        ));
    }

    /// SAML-31: a calling plan mapped while Basic mapping gives the extension.
    fn calling_plan(&self, out: &mut Vec<Finding>) {
        let Some(c) = self.section(Section::PhoneCallingPlan) else {
            return;
        };
        if !self.available(Section::PhoneCallingPlan)
            || self.scenario.sso.basic.phone_extension.is_none()
            || self.scenario.settings.prerequisites != Prerequisites::StartOfSignIn
        {
            return;
        }
        out.push(Finding::new(
            rules::SAML_31,
            Severity::Warning,
            format!("{}/section", c.at),
            format!("Basic mapping assigns the phone extension (from `{}`) and Advanced mapping the calling plan: a user without an extension gets it at the first sign-in and the calling plan only at the second (prerequisites are checked at the start of the sign-in, setting “Prerequisites are checked against”)", self.scenario.sso.basic.phone_extension.as_deref().unwrap_or_default()),
            "expect two sign-ins for new Phone users, or assign extensions ahead (portal, SCIM `zoomPhoneExtNumber`)",
        ));
    }

    /// SAML-14: add-on rules whose type differs from the one users already hold; SAML-13: users
    /// holding a mapped add-on lose it when no rule matches.
    fn add_ons(&self, out: &mut Vec<Finding>) {
        let users = self.known_users();
        for c in self.sections() {
            if c.section.kind() != SectionKind::AddOn || !self.available(c.section) {
                continue;
            }
            if c.section.inert_by_setting(&self.scenario.settings) {
                continue;
            }
            let key = c.section.key();
            // WFM and QM are Contact Center add-ons without a type (`contact_center.addons`):
            // a rule cannot assign another type of them (SAML-14), only assign or remove.
            let typed = !model::is_cc_addon(key);
            for (j, rule) in c.rules.iter().enumerate().filter(|_| typed) {
                let value = rule.result.first();
                let mut holders = UserList::default();
                let mut types: Vec<&str> = Vec::new();
                for (_, user) in users.iter().filter(|(_, u)| self.applies_to(u, c.section)) {
                    if let Some(held) = user.addons.get(key).filter(|h| h.as_str() != value) {
                        holders.push(&user.email, NAMED);
                        if !types.contains(&held.as_str()) {
                            types.push(held);
                        }
                    }
                }
                if holders.count == 0 {
                    continue;
                }
                out.push(Finding::new(
                    rules::SAML_14,
                    Severity::Warning,
                    format!("{}/rules/{j}", c.at),
                    format!("{} rule #{} assigns `{value}`, but {} already {} {} ({}): an add-on cannot change type through mapping, so a match leaves theirs", c.section.label(), j + 1, count(holders.count, "user", "users"), if holders.count == 1 { "holds" } else { "hold" }, types.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "), holders.describe()),
                    "change the add-on in User Management, or remove the existing add-on so that the next matching sign-in assigns the new type",
                ));
            }
            let removes = c.section.removes_on_no_match(&self.scenario.settings);
            if !removes {
                continue;
            }
            let sign_in = self.sign_in();
            for (at, user) in users.iter().filter(|(_, u)| self.applies_to(u, c.section)) {
                if !user.holds_addon(key) {
                    continue;
                }
                // What the user holds: the add-on, with its type where it has one.
                let held = match user.addons.get(key).filter(|_| typed) {
                    Some(kind) => format!("{} `{kind}`", c.section.label()),
                    None => c.section.label().to_string(),
                };
                let unmatched = at == "/user"
                    && sign_in.is_some_and(|a| {
                        !self.not_applied(a, c.section)
                            && !c.rules.iter().any(|r| self.matches(r, a))
                    });
                out.push(Finding::new(
                    rules::SAML_13,
                    if unmatched { Severity::Warning } else { Severity::Info },
                    format!("{}/section", c.at),
                    if unmatched {
                        format!("the scenario's sign-in matches no {} rule: {} loses {held} (a mapped add-on section removes the add-on when nothing matches)", c.section.label(), user.email)
                    } else {
                        format!("{} holds {held}: the section is mapped, so a sign-in that matches none of its rules removes it", user.email)
                    },
                    "add a rule that matches these users, or remove the section's rules if the add-on is managed elsewhere",
                ));
            }
        }
    }

    /// LIC-08: a part of the document read in an older form of the format (WFM or QM among a
    /// user's `addons`), located where it was.
    fn old_forms(&self, out: &mut Vec<Finding>) {
        for note in &self.scenario.notes {
            let warning = note.warning();
            out.push(Finding::new(
                warning.rule,
                Severity::Warning,
                note.at(),
                warning.message,
                warning.help,
            ));
        }
    }

    /// SAML-22: a User Group match overwrites the groups users hold.
    fn groups(&self, out: &mut Vec<Finding>) {
        let Some(c) = self.section(Section::UserGroup) else {
            return;
        };
        for (at, user) in self.known_users() {
            if user.groups.is_empty() || !self.applies_to(user, Section::UserGroup) {
                continue;
            }
            let hit = (at == "/user")
                .then(|| self.sign_in())
                .flatten()
                .filter(|a| !self.not_applied(a, Section::UserGroup))
                .and_then(|a| matching::find(c.rules, a, self.case_sensitive()));
            let lost: Vec<&String> = match hit {
                Some((_, rule)) => user
                    .groups
                    .iter()
                    .filter(|g| !rule.result.as_slice().contains(g))
                    .collect(),
                None => continue,
            };
            if lost.is_empty() {
                continue;
            }
            out.push(Finding::new(
                rules::SAML_22,
                Severity::Info,
                format!("{}/rules/{}", c.at, hit.map_or(0, |(i, _)| i)),
                format!("the scenario's sign-in matches User Group rule #{}: {}'s groups are overwritten, so they leave {} (removing a user from groups is otherwise manual; the first group listed becomes the primary)", hit.map_or(0, |(i, _)| i) + 1, user.email, lost.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", ")),
                "list every group the user should keep in the rule's result",
            ));
        }
    }

    /// SAML-16: ZRA rules that cannot assign Basic users (or anyone at their first sign-in).
    fn revenue_accelerator(&self, out: &mut Vec<Finding>) {
        let Some(c) = self.section(Section::RevenueAccelerator) else {
            return;
        };
        if !self.available(Section::RevenueAccelerator) {
            return;
        }
        // The engine's own prerequisites (SAML-16): On-Prem residency first, then the license.
        let mut basic = UserList::default();
        let mut on_prem = UserList::default();
        for (_, user) in self.known_users() {
            if !self.applies_to(user, Section::RevenueAccelerator) {
                continue;
            }
            match eligibility::zra_refusal(user.license, user.on_prem_data_residency) {
                Some(ZraRefusal::NotLicensed) => basic.push(&user.email, NAMED),
                Some(ZraRefusal::OnPremResidency) => on_prem.push(&user.email, NAMED),
                None => {}
            }
        }
        let at = format!("{}/section", c.at);
        if on_prem.count > 0 {
            out.push(Finding::new(
                rules::SAML_16,
                Severity::Warning,
                at.clone(),
                format!("{} On-Prem meeting data residency ({}): Zoom Revenue Accelerator does not apply to them, so the ZRA rules give them nothing", count(on_prem.count, "user has", "users have"), on_prem.describe()),
                "expected for On-Prem users; if they should have ZRA, their meeting data residency must change first",
            ));
        }
        let licensing_rules = self
            .section(Section::License)
            .is_some_and(|l| l.rules.iter().any(|r| r.result.first() == "licensed"));
        let at_start = self.scenario.settings.prerequisites == Prerequisites::StartOfSignIn;
        if basic.count > 0 && licensing_rules {
            out.push(Finding::new(
                rules::SAML_16,
                Severity::Info,
                at.clone(),
                format!("{} {} not licensed ({}): only licensed users can be assigned Zoom Revenue Accelerator, so the ZRA rules give them ZRA only once a License Assignment rule licenses them, {}", count(basic.count, "user", "users"), if basic.count == 1 { "is" } else { "are" }, basic.describe(), if at_start { "from the next sign-in (prerequisites are checked at the start of the sign-in, setting “Prerequisites are checked against”)" } else { "at the same sign-in (setting “Prerequisites are checked against”: the user as earlier sections left it)" }),
                "expected if the License Assignment rules license these users; otherwise license them first",
            ));
        } else if basic.count > 0 {
            out.push(Finding::new(
                rules::SAML_16,
                Severity::Warning,
                at.clone(),
                format!("{} {} not licensed ({}) and no License Assignment rule results in Licensed: only licensed users can be assigned Zoom Revenue Accelerator, so the ZRA rules give them nothing", count(basic.count, "user", "users"), if basic.count == 1 { "is" } else { "are" }, basic.describe()),
                "license these users first (a License Assignment rule, or User Management), then they get ZRA at their next sign-in",
            ));
        }
        let licensed_default = self.scenario.sso.basic.default_license == DefaultLicense::Licensed;
        if !licensing_rules && !licensed_default {
            out.push(Finding::new(
                rules::SAML_16,
                Severity::Warning,
                at,
                "no License Assignment rule results in Licensed and the default license is not Licensed: new users are not licensed, so the ZRA rules cannot assign them",
                "add a License Assignment rule that licenses the ZRA users",
            ));
        } else if at_start {
            out.push(Finding::new(
                rules::SAML_16,
                Severity::Info,
                at,
                "a new user is not licensed when the first sign-in starts, and prerequisites are checked then (setting “Prerequisites are checked against”): the ZRA rules assign ZRA from the second sign-in at the earliest",
                "expected; or assign ZRA to new users through SCIM (`zoomRevenueAccelerator`)",
            ));
        }
    }

    /// SAML-41: a New User Template for users who are agents already; a template that is
    /// update-type.
    fn contact_center(&self, out: &mut Vec<Finding>) {
        let Some(c) = self.section(Section::CcNewUserTemplate) else {
            return;
        };
        if !self.available(Section::CcNewUserTemplate) {
            return;
        }
        let mut agents = UserList::default();
        for (_, user) in self.known_users() {
            if user.contact_center.package.is_some()
                && self.applies_to(user, Section::CcNewUserTemplate)
            {
                agents.push(&user.email, NAMED);
            }
        }
        if agents.count > 0 {
            out.push(Finding::new(
                rules::SAML_41,
                Severity::Warning,
                format!("{}/section", c.at),
                format!("{} already {} a Contact Center license ({}): the New User Template is honoured only when the license is first given, so it is ignored for them", count(agents.count, "user", "users"), if agents.count == 1 { "holds" } else { "hold" }, agents.describe()),
                "change existing agents with an update template in the portal, a CSV upload or SCIM",
            ));
        }
        for (j, rule) in c.rules.iter().enumerate() {
            let name = rule.result.first();
            let update = self
                .scenario
                .account
                .cc_templates
                .iter()
                .any(|t| t.name == name && t.kind == TemplateKind::Update);
            if update {
                out.push(Finding::new(
                    rules::SAML_41,
                    Severity::Warning,
                    format!("{}/rules/{j}/result", c.at),
                    format!("New User Template rule #{} names `{name}`, an update-type template: a New User Template is for new agents; Zoom's documents do not say whether it applies an update-type one through SAML (SCIM ignores them, SCIM-05), and provisim applies it", j + 1),
                    "name an add-type template",
                ));
            }
        }
    }

    /// LIC-07: a concurrent bundled (Elite) pool smaller than its agents, with users beyond it
    /// lacking WFM/QM add-ons, as the planner (`seats`) or the batch's pools decide it.
    fn pools(&self, out: &mut Vec<Finding>) {
        if let Some(input) = &self.scenario.seats {
            let plan = seats::plan(input);
            for w in plan.warnings.iter().filter(|w| w.rule == rules::LIC_07) {
                out.push(Finding::new(
                    rules::LIC_07,
                    Severity::Warning,
                    "/seats/pool",
                    w.message.clone(),
                    w.help.clone(),
                ));
            }
        }
        let Some(input) = &self.scenario.batch else {
            return;
        };
        let concurrent_bundled = |i: &crate::license::directory::PoolInput| {
            i.licensing == Licensing::Concurrent
                && i.bundle.unwrap_or(i.package.default_bundle()) == Bundle::Bundled
        };
        let Some(index) = input.pools.iter().position(concurrent_bundled) else {
            return;
        };
        // The pools are checked against the users as their sign-ins leave them: the batch decides.
        let mut quiet = input.clone();
        quiet.summary_only = true;
        let Ok(users) = batch::read_users(
            &quiet,
            self.scenario.sso.basic.email.as_deref(),
            "/batch/users",
        ) else {
            return;
        };
        let Ok(mut run) = self.scenario.start_batch(&quiet) else {
            return;
        };
        for (row, user) in users {
            run.push(row, user);
        }
        let report = run.finish();
        let package = input.pools.get(index).map_or(Package::Elite, |p| p.package);
        for w in report
            .pools
            .iter()
            .flat_map(|p| p.warnings.iter())
            .filter(|w| w.rule == rules::LIC_07)
        {
            out.push(Finding::new(
                rules::LIC_07,
                Severity::Warning,
                format!("/batch/pools/{index}/size"),
                format!("{} (the concurrent bundled {} pool, against the batch's users after their sign-in)", w.message, package.label()),
                w.help.clone(),
            ));
        }
    }

    /// SCIM-05: update-type templates sent where only add-type ones apply (a SCIM create, an IdP
    /// mapping's constant).
    fn scim_templates(&self, out: &mut Vec<Finding>) {
        let Some(scim) = &self.scenario.scim else {
            return;
        };
        let update = |name: &str| {
            self.scenario
                .account
                .cc_templates
                .iter()
                .any(|t| t.name == name && t.kind == TemplateKind::Update)
        };
        for (i, request) in scim.requests.iter().enumerate() {
            if request.method != Method::POST {
                continue;
            }
            let Some(body) = &request.body else { continue };
            let Some((pointer, name)) = template_in(body) else {
                continue;
            };
            if update(name) {
                out.push(Finding::new(
                    rules::SCIM_05,
                    Severity::Warning,
                    format!("/scim/requests/{i}/body{pointer}"),
                    format!("request #{} creates a user with `{name}`, an update-type template: SCIM applies only add-type templates, on create, so it is ignored and the user gets none of its settings", i + 1),
                    "send an add-type template, or apply the update template in the portal (TPL-02)",
                ));
            }
        }
        let Some(Ok(table)) = self.idp_table() else {
            return;
        };
        for (i, m) in table.sync.mappings.iter().enumerate() {
            let template_target = m.target.ends_with("zoomContactCenterUserTemplate");
            if template_target && m.kind == mapping::MappingKind::Constant && update(&m.source) {
                out.push(Finding::new(
                    rules::SCIM_05,
                    Severity::Warning,
                    table.at(i, "source"),
                    format!("{} sends the update-type template `{}`: SCIM applies only add-type templates, on create, so Zoom ignores it", table.name(i), m.source),
                    "map an add-type template",
                ));
            }
        }
    }

    /// The IdP's mapping table as the engines run it: its own, or the one its `import` gives
    /// ([`import::resolve`], as `scim::run_scenario` resolves it); a malformed import is its
    /// located errors.
    fn idp_table(&self) -> Option<Result<Table<'s>, Vec<InputError>>> {
        let sync = self.scenario.scim.as_ref()?.idp.as_ref()?;
        if sync.import.is_none() {
            return Some(Ok(Table {
                sync: Cow::Borrowed(sync),
                from: None,
            }));
        }
        Some(import::resolve(sync).map(|(resolved, report)| Table {
            sync: Cow::Owned(resolved),
            from: report.map(|r| r.rows.into_iter().map(|row| row.from).collect()),
        }))
    }

    /// The IdP's mapping table (SCIM-08, LIC-09).
    fn idp(&self, out: &mut Vec<Finding>) {
        let Some(table) = self.idp_table() else {
            return;
        };
        let errors = match &table {
            Ok(table) if table.from.is_none() => mapping::validate(&table.sync),
            Ok(_) => Vec::new(), // `import::resolve` validated the table it made.
            Err(errors) => errors.clone(),
        };
        for error in errors {
            out.push(Finding::new(
                rules::SCIM_08,
                Severity::Error,
                error.path.clone(),
                error.message.clone(),
                error
                    .help
                    .clone()
                    .unwrap_or_else(|| "fix the mapping table".to_string()),
            ));
        }
        let Ok(table) = table else { return };
        let sync = &table.sync;
        for (i, m) in sync.mappings.iter().enumerate() {
            if m.apply == ApplyWhen::OnlyDuringCreation {
                if let Some(saml) = self.saml_keeps(&m.target) {
                    out.push(Finding::new(
                        rules::SCIM_08,
                        Severity::Warning,
                        table.at(i, "apply"),
                        format!("{} sets `{}` only when the IdP creates the user, but SAML sets it at every sign-in ({saml}; SAML-01): after the first sign-in Zoom holds SAML's value, and the IdP never sends its own again", table.name(i), m.target),
                        "map the attribute in one place only: remove the SAML mapping if the IdP should own it, or this mapping if SAML should",
                    ));
                }
            }
            // A constant is never empty: its default is never used.
            let can_be_null = m.kind != mapping::MappingKind::Constant || m.source.is_empty();
            if let (Some(default), ApplyWhen::Always, true) =
                (&m.default_if_null, m.apply, can_be_null)
            {
                out.push(Finding::new(
                    rules::SCIM_08,
                    Severity::Warning,
                    table.at(i, "default_if_null"),
                    format!("{} applies Always with the default `{default}`: every provisioning cycle sends `{default}` for a user whose `{}` is empty, overwriting a value set in Zoom (by SAML or an admin)", table.name(i), m.source),
                    "apply the mapping only during creation, or remove the default",
                ));
            }
        }
        // LIC-09: the users the scope creates as Basic, on top of the account's.
        let directory = Directory::new(&self.scenario.setup(), self.scenario.scim.as_ref());
        let produced = mapping::produce(sync, &directory, &self.scenario.settings);
        let created_basic = produced
            .requests
            .iter()
            .filter(|(r, _)| r.method == Method::POST)
            .filter(|(r, _)| r.body.as_ref().is_none_or(is_basic))
            .count() as u64;
        let total = u64::from(self.scenario.account.basic_users) + created_basic;
        if created_basic > 0 && eligibility::over_basic_limit(total) {
            out.push(Finding::new(
                rules::LIC_09,
                Severity::Error,
                "/scim/idp/users",
                format!("the provisioning scope creates {} Basic users on top of the account's {}: {total} in all, above the 9,999 Zoom allows", created_basic, self.scenario.account.basic_users),
                "narrow the scope (assignment or scoping filter), map `userType` to Licensed for some, or remove unused Basic users",
            ));
        }
    }

    /// What SAML sets at every sign-in that a SCIM target also sets, in words.
    fn saml_keeps(&self, target: &str) -> Option<String> {
        let name = target.rsplit([':', '.']).next().unwrap_or(target);
        let basic = &self.scenario.sso.basic;
        let names_update = self.scenario.settings.update_names_every_sign_in;
        let field = |mapped: &Option<String>, field: &str| {
            mapped
                .as_ref()
                .map(|a| format!("Basic mapping sets {field} from `{a}`"))
        };
        let section = |section: Section| {
            self.section(section)
                .filter(|_| self.available(section))
                .map(|_| format!("the {} section", section.label()))
        };
        match name.to_ascii_lowercase().as_str() {
            "givenname" if names_update => field(&basic.first_name, "the first name"),
            "familyname" if names_update => field(&basic.last_name, "the last name"),
            "title" => field(&basic.job_title, "the job title"),
            "department" => field(&basic.department, "the department"),
            "employeenumber" => field(&basic.employee_id, "the employee ID"),
            "zoomphoneextnumber" => field(&basic.phone_extension, "the phone extension"),
            "usertype" => section(Section::License),
            "zoomcontactcenterrole" => section(Section::CcRole),
            "zoomcontactcenterpackage" => section(Section::CcPackage),
            "zoomcontactcenterregion" => section(Section::CcRegion),
            "zoomcontactcenteraddonsplan" => section(Section::CcAddons),
            "zoomphonesite" => section(Section::PhoneSite),
            "zoomphonecallingplan" => section(Section::PhoneCallingPlan),
            "zoomwhiteboard" => section(Section::Whiteboard),
            "zoomrevenueaccelerator" => section(Section::RevenueAccelerator),
            "zoomrevenueacceleratorrole" => section(Section::ZraRole),
            "zoomtranslatedcaptions" => section(Section::TranslatedCaptions),
            "zoomscheduler" => section(Section::Scheduler),
            "zoomclipsplus" => section(Section::ClipsPlus),
            "zoomdocs" => section(Section::Docs),
            _ => None,
        }
    }

    /// For the scenario's pasted SAML Response: a mapping that reads an attribute the Response
    /// does not carry while it carries one of a near name (attribute names match exactly,
    /// SAML-03), and an opaque NameID that becomes a new user's email (SAML-09); the engine's own
    /// sign-in warnings, before any sign-in.
    fn response(&self, out: &mut Vec<Finding>) {
        let Some(input) = &self.scenario.saml else {
            return;
        };
        let assertions = input.assertions();
        let Some(first) = assertions.first() else {
            return;
        };
        let Some(received) = first.received else {
            return;
        };
        let basic = &self.scenario.sso.basic;
        for Misnamed {
            place,
            attribute,
            nearest,
        } in self.scenario.sso.misnamed(first.attributes, received)
        {
            out.push(match place {
                MappingPlace::Basic { field, rule } => Finding::new(
                    rule,
                    Severity::Warning,
                    format!("/sso/basic/{field}"),
                    format!("Basic mapping reads {field} from `{attribute}`, which the scenario's SAML Response does not carry: the field is not mapped (attribute names match exactly, SAML-03)"),
                    format!("did you mean `{nearest}`? set /sso/basic/{field} to the name the Response uses"),
                ),
                MappingPlace::Advanced {
                    config_index,
                    section,
                    rule_index,
                } => Finding::new(
                    rules::SAML_03,
                    Severity::Warning,
                    format!("/sso/advanced/{config_index}/rules/{rule_index}/attribute"),
                    format!("{} rule #{} reads `{attribute}`, which the scenario's SAML Response does not carry: attribute names match exactly, so the rule never matches this IdP's sign-ins", section.label(), rule_index + 1),
                    format!("did you mean `{nearest}`? write the rule's attribute as the Response names it"),
                ),
            });
        }
        let Some(name_id) = &received.name_id else {
            return;
        };
        if basic.email_from_name_id(self.scenario.user.is_none()) && name_id.opaque() {
            out.push(Finding::new(
                rules::SAML_09,
                Severity::Warning,
                "/sso/basic/email",
                format!("Basic mapping maps no email, so the NameID becomes the user's email, and the scenario's SAML Response sends `{}` (format {}), which is not an email address", name_id.value, name_id.format_word()),
                match received.email_attribute() {
                    Some(a) => format!("set /sso/basic/email to `{}`, the attribute that carries the email in this Response", a.name),
                    None => "have the IdP send the email as the NameID (format emailAddress) or in an attribute, and set /sso/basic/email to that attribute".to_string(),
                },
            ));
        }
    }

    /// CSV-02: an upload that clears settings, as the CSV check decides it.
    fn csv(&self, out: &mut Vec<Finding>) {
        let Some(input) = &self.scenario.csv else {
            return;
        };
        let report = csv_upload::check(&self.scenario.setup(), input);
        if report.cleared > 0 {
            out.push(Finding::new(
                rules::CSV_02,
                Severity::Warning,
                "/csv/text",
                format!("the upload clears {} for {}: a column left empty or missing clears that setting", count(report.cleared, "setting", "settings"), count(report.users_with_cleared, "user", "users")),
                "upload the safe CSV (the upload merged over each user's current profile, CSV-03) instead",
            ));
        }
    }
}

/// The first earlier rule of `rules` that wins over rule `j` for every user rule `j` could match:
/// the same attribute (names match exactly, SAML-03) and a value that rule `j`'s contains, under
/// the `case_sensitive` setting. Every attribute value that contains rule `j`'s value then
/// contains the earlier one's, and the earlier rule is tried first (SAML-04).
fn shadowed_by(rules: &[MappingRule], j: usize, case_sensitive: bool) -> Option<usize> {
    let rule = rules.get(j)?;
    rules.iter().take(j).position(|e| {
        e.attribute == rule.attribute && matching::contains(&rule.value, &e.value, case_sensitive)
    })
}

/// `a, b and c`: section labels.
fn labels(sections: &[Section]) -> String {
    let names: Vec<&str> = sections.iter().map(|s| s.label()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}

const ZOOM_EXTENSION: &str = "urn:ietf:params:scim:schemas:extension:zoom:1.0:User";

/// The Contact Center template a SCIM body names, with its pointer below the body.
fn template_in(body: &serde_json::Value) -> Option<(String, &str)> {
    const KEY: &str = "zoomContactCenterUserTemplate";
    if let Some(name) = body
        .get(ZOOM_EXTENSION)
        .and_then(|z| z.get(KEY))
        .and_then(serde_json::Value::as_str)
    {
        return Some((format!("/{}/{KEY}", escape(ZOOM_EXTENSION)), name));
    }
    let dotted = format!("{ZOOM_EXTENSION}:{KEY}");
    body.get(&dotted)
        .and_then(serde_json::Value::as_str)
        .map(|name| (format!("/{}", escape(&dotted)), name))
}

/// Whether a SCIM create's body leaves the user Basic: no Zoom `userType`, or one the engine
/// reads as Basic (the core `userType` is not Zoom's, SCIM-13).
fn is_basic(body: &serde_json::Value) -> bool {
    body.get(ZOOM_EXTENSION)
        .and_then(|z| z.get("userType"))
        .and_then(serde_json::Value::as_str)
        .is_none_or(|t| scim_engine::license_of_user_type(t).0 == LicenseType::Basic)
}
