//! Explanations shared by every engine: trace steps and warnings, each carrying its rule ID.

use crate::rules::RuleId;
use schemars::JsonSchema;
use serde::Serialize;

/// One step of an evaluation's trace: what was tried or decided, and the rule that says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Step {
    pub rule: RuleId,
    pub message: String,
}

impl Step {
    pub fn new(rule: RuleId, message: impl Into<String>) -> Self {
        Self {
            rule,
            message: message.into(),
        }
    }
}

/// Something the admin should know or act on, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Warning {
    pub rule: RuleId,
    pub message: String,
    pub help: String,
}

impl Warning {
    pub fn new(rule: RuleId, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            rule,
            message: message.into(),
            help: help.into(),
        }
    }
}
