//! Explanations shared by every engine: trace steps and warnings, each carrying its rule ID.

use crate::rules::RuleId;
use schemars::JsonSchema;
use serde::Serialize;

/// `n` and the noun that agrees with it: `1 episode`, `2 episodes`, `0 episodes`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(super::count(1u64, "user", "users"), "1 user");
        assert_eq!(super::count(0u64, "user", "users"), "0 users");
        assert_eq!(super::count(2u32, "episode", "episodes"), "2 episodes");
    }
}
