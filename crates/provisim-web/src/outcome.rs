//! The outcome of a SAML simulation as the result view shows it: the engine's report, owned (the
//! report borrows the scenario it explains, and a `Memo` holds values, not borrows).

use provisim_core::explain::{Step, Warning};
use provisim_core::input::InputError;
use provisim_core::model::{Change, User};
use provisim_core::rules::RuleId;
use provisim_core::saml::engine::{self, Decision, SectionStatus, SignInReport};
use provisim_core::saml::matching::RuleStatus;
use provisim_core::saml::{Received, Section};
use provisim_core::scenario::Scenario;
use provisim_core::settings::SettingEcho;

/// Every sign-in of the run, the user at the end, the warnings and the settings in force.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub sign_ins: Vec<SignInView>,
    pub user: Option<User>,
    pub warnings: Vec<Warning>,
    pub settings: Vec<SettingEcho>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SignInView {
    pub number: u32,
    /// What Zoom received, when the sign-in is a pasted SAML Response.
    pub received: Option<Received>,
    pub decision: Decision,
    pub changes: Vec<Change>,
    pub steps: Vec<Step>,
    pub sections: Vec<SectionView>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionView {
    pub section: Section,
    pub label: &'static str,
    pub status: SectionStatus,
    pub rule: RuleId,
    pub message: String,
    pub rules: Vec<RuleView>,
}

/// One configured rule: what it says, whether it matched, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleView {
    pub index: usize,
    pub attribute: String,
    pub value: String,
    pub result: String,
    pub status: RuleStatus,
    pub rule: RuleId,
    pub reason: String,
}

impl Outcome {
    pub fn from_report(report: &SignInReport<'_>) -> Outcome {
        Outcome {
            sign_ins: report
                .sign_ins
                .iter()
                .map(|s| SignInView {
                    number: s.number,
                    received: s.received.cloned(),
                    decision: s.decision.clone(),
                    changes: s.changes.clone(),
                    steps: s.steps.clone(),
                    sections: s
                        .sections
                        .iter()
                        .map(|t| SectionView {
                            section: t.section,
                            label: t.label,
                            status: t.status,
                            rule: t.rule,
                            message: t.message.clone(),
                            rules: t
                                .rules
                                .iter()
                                .map(|r| RuleView {
                                    index: r.index,
                                    attribute: r.config.attribute.clone(),
                                    value: r.config.value.clone(),
                                    result: r.config.result.display(),
                                    status: r.status,
                                    rule: r.rule,
                                    reason: r.reason(),
                                })
                                .collect(),
                        })
                        .collect(),
                    warnings: s.warnings.clone(),
                })
                .collect(),
            user: report.user.clone(),
            warnings: report.warnings.clone(),
            settings: report.settings.clone(),
        }
    }

    /// Whether the last sign-in was refused.
    pub fn refused(&self) -> bool {
        self.sign_ins.last().is_some_and(|s| !s.decision.signed_in)
    }
}

/// Simulates the scenario's sign-ins; an error when it describes none.
pub fn simulate(scenario: &Scenario) -> Result<Outcome, InputError> {
    let Some(input) = &scenario.saml else {
        return Err(
            InputError::new("/saml", "the scenario has no `saml` sign-in to simulate")
                .with_help("add a sign-in: the assertion's NameID and attributes"),
        );
    };
    let ctx = engine::Context {
        account: &scenario.account,
        sso: &scenario.sso,
        settings: &scenario.settings,
        input,
    };
    let mut outcome = Outcome::from_report(&engine::simulate(ctx, scenario.user.as_ref()));
    // What the document gave in an older form comes first, as `simulateSignIn` gives it (LIC-08).
    let mut warnings: Vec<Warning> = scenario.input_warnings().collect();
    warnings.append(&mut outcome.warnings);
    outcome.warnings = warnings;
    Ok(outcome)
}

/// A section status in words, with a symbol so that colour is never the only signal.
pub fn section_status(status: SectionStatus) -> (&'static str, &'static str, &'static str) {
    // (symbol, words, CSS tone)
    match status {
        SectionStatus::Applied => ("✓", "applied", "good"),
        SectionStatus::Unchanged => ("=", "matched, unchanged", "neutral"),
        SectionStatus::Blocked => ("⊘", "blocked", "bad"),
        SectionStatus::NoMatch => ("∅", "no match", "warn"),
        SectionStatus::NotMapped => ("–", "not mapped", "muted"),
        SectionStatus::Unavailable => ("⊘", "unavailable (plan)", "muted"),
        SectionStatus::OwnerExempt => ("⚑", "owner exempt", "neutral"),
        SectionStatus::BelowSubAccount => ("↳", "skipped: sub-account", "muted"),
        SectionStatus::Inert => ("–", "inert", "muted"),
        SectionStatus::NotReached => ("…", "not reached", "muted"),
    }
}

/// A rule status in words, with a symbol.
pub fn rule_status(status: RuleStatus) -> (&'static str, &'static str, &'static str) {
    match status {
        RuleStatus::Matched => ("✓", "matched", "good"),
        RuleStatus::AttributeAbsent => ("✕", "attribute absent", "bad"),
        RuleStatus::NoValueContains => ("✕", "no value contains it", "bad"),
        RuleStatus::NotReached => ("…", "not reached", "muted"),
        RuleStatus::NotTried => ("–", "not tried", "muted"),
    }
}

/// The key the scenario format uses for a status (`not_reached`), for tests and styling.
pub fn status_key<T: serde::Serialize>(status: &T) -> String {
    crate::document::word(status)
}
