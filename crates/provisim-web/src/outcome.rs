//! The outcome of a SAML simulation as the result view shows it: the core's owned report
//! (`saml::report`), and the words for its statuses.

use provisim_core::input::InputError;
use provisim_core::saml::engine::SectionStatus;
use provisim_core::saml::matching::RuleStatus;
use provisim_core::saml::report::Outcome;
use provisim_core::scenario::Scenario;

/// Simulates the scenario's sign-ins; an error when it describes none.
pub fn simulate(scenario: &Scenario) -> Result<Outcome, InputError> {
    provisim_core::api::sign_in(scenario).map_err(|mut errors| {
        if errors.is_empty() {
            InputError::new("/saml", "the scenario has no `saml` sign-in to simulate")
        } else {
            errors.swap_remove(0)
        }
    })
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
