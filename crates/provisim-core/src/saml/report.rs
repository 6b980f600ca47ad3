//! The outcome of SAML sign-ins as a value: owned, serialisable, what the API answers, the CLI
//! prints and the web app keeps. The engine works on borrowed traces ([`engine::SignInReport`]),
//! which cost nothing for a thousand rules; [`Outcome::from`] writes them out once, for a reader.

use super::engine::{self, Decision, SectionStatus};
use super::matching::{RuleStatus, RuleTrace};
use super::{Received, Section};
use crate::explain::{Step, Warning};
use crate::model::{Change, User};
use crate::rules::RuleId;
use crate::settings::SettingEcho;
use schemars::JsonSchema;
use serde::Serialize;

/// The outcome of one or more sign-ins in a row.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "SignInReport")]
pub struct Outcome {
    /// The settings in force, each with the rule whose Assumption or Conflict it decides.
    pub settings: Vec<SettingEcho>,
    pub sign_ins: Vec<SignInOutcome>,
    /// The user after the last sign-in; `null` when no account exists.
    pub user: Option<User>,
    /// The warnings of every sign-in, each once.
    pub warnings: Vec<Warning>,
}

/// One sign-in: the decision, what changed, and why.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "SignIn")]
pub struct SignInOutcome {
    /// 1 for the first sign-in of the run.
    pub number: u32,
    /// What Zoom received, when the sign-in is a pasted SAML Response: issuer, status, NameID,
    /// every attribute (with its FriendlyName and NameFormat), conditions and session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
    pub decision: Decision,
    /// Field by field, before → after (empty when refused).
    pub changes: Vec<Change>,
    /// The user after this sign-in; `null` when no account exists.
    pub user: Option<User>,
    /// Basic mapping and general steps.
    pub steps: Vec<Step>,
    /// Every configured Advanced section in processing order.
    pub sections: Vec<SectionOutcome>,
    pub warnings: Vec<Warning>,
}

/// The trace of one section: its status, the rule that governs it, the effect and every rule tried.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "SectionTrace")]
pub struct SectionOutcome {
    pub section: Section,
    pub label: &'static str,
    pub status: SectionStatus,
    pub rule: RuleId,
    pub message: String,
    pub rules: Vec<RuleOutcome>,
}

/// One configured rule: what it says, whether it matched, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "RuleTrace")]
pub struct RuleOutcome {
    pub index: usize,
    pub attribute: String,
    /// The FriendlyName of the attribute, when a pasted Response gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    pub value: String,
    pub result: String,
    pub status: RuleStatus,
    pub rule: RuleId,
    pub reason: String,
}

impl Outcome {
    /// Whether the last sign-in was refused.
    pub fn refused(&self) -> bool {
        self.sign_ins.last().is_some_and(|s| !s.decision.signed_in)
    }
}

impl From<&engine::SignInReport<'_>> for Outcome {
    fn from(report: &engine::SignInReport<'_>) -> Self {
        Outcome {
            settings: report.settings.clone(),
            sign_ins: report.sign_ins.iter().map(SignInOutcome::from).collect(),
            user: report.user.clone(),
            warnings: report.warnings.clone(),
        }
    }
}

impl From<&engine::SignIn<'_>> for SignInOutcome {
    fn from(s: &engine::SignIn<'_>) -> Self {
        SignInOutcome {
            number: s.number,
            received: s.received.cloned(),
            decision: s.decision.clone(),
            changes: s.changes.clone(),
            user: s.user.clone(),
            steps: s.steps.clone(),
            sections: s
                .sections
                .iter()
                .map(|t| SectionOutcome {
                    section: t.section,
                    label: t.label,
                    status: t.status,
                    rule: t.rule,
                    message: t.message.clone(),
                    rules: t.rules.iter().map(RuleOutcome::from).collect(),
                })
                .collect(),
            warnings: s.warnings.clone(),
        }
    }
}

impl From<&RuleTrace<'_>> for RuleOutcome {
    fn from(r: &RuleTrace<'_>) -> Self {
        RuleOutcome {
            index: r.index,
            attribute: r.config.attribute.clone(),
            friendly_name: r.friendly_name.map(str::to_string),
            value: r.config.value.clone(),
            result: r.config.result.display(),
            status: r.status,
            rule: r.rule,
            reason: r.reason(),
        }
    }
}
