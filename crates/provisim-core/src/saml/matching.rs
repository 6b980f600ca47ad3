//! Rule matching (SAML-03, SAML-04): contains-matching, value by value, first match wins.

use super::{MappingRule, Values};
use crate::rules::{self, RuleId};
use serde::Serialize;
use std::collections::BTreeMap;

/// What happened to one configured rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    Matched,
    /// The assertion has no attribute of that name.
    AttributeAbsent,
    /// The attribute is there, but no value contains the rule's value.
    NoValueContains,
    /// An earlier rule of the section matched (first match wins).
    NotReached,
    /// The section was not evaluated (unavailable, exempt, below the sub-account, inert, refused).
    NotTried,
}

/// One configured rule in the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleTrace {
    /// Position of the rule in its section, from 0.
    pub index: usize,
    pub attribute: String,
    pub value: String,
    pub result: String,
    pub status: RuleStatus,
    pub rule: RuleId,
    pub reason: String,
}

/// The first rule of `rules` that matches the assertion, and the trace of every rule.
pub fn first_match<'r>(
    rules: impl IntoIterator<Item = (usize, &'r MappingRule)>,
    attributes: &BTreeMap<String, Values>,
    case_sensitive: bool,
) -> (Option<(usize, &'r MappingRule)>, Vec<RuleTrace>) {
    let mut found = None;
    let mut trace = Vec::new();
    for (index, rule) in rules {
        let (status, reason, rule_id) = match found {
            Some((winner, _)) => (
                RuleStatus::NotReached,
                format!(
                    "rule #{} already matched: processing of the section stops at the first match",
                    winner + 1
                ),
                rules::SAML_04,
            ),
            None => match attributes.get(&rule.attribute) {
                None => (
                    RuleStatus::AttributeAbsent,
                    format!("the assertion has no attribute `{}`", rule.attribute),
                    rules::SAML_03,
                ),
                Some(values) => match values
                    .as_slice()
                    .iter()
                    .find(|v| contains(v, &rule.value, case_sensitive))
                {
                    Some(hit) => {
                        found = Some((index, rule));
                        (
                            RuleStatus::Matched,
                            format!("`{hit}` contains `{}`", rule.value),
                            rules::SAML_03,
                        )
                    }
                    None => (
                        RuleStatus::NoValueContains,
                        format!(
                            "no value of `{}` contains `{}`{} (values: {})",
                            rule.attribute,
                            rule.value,
                            if case_sensitive { "" } else { " ignoring case" },
                            values
                                .as_slice()
                                .iter()
                                .map(|v| format!("`{v}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        rules::SAML_03,
                    ),
                },
            },
        };
        trace.push(RuleTrace {
            index,
            attribute: rule.attribute.clone(),
            value: rule.value.clone(),
            result: rule.result.display(),
            status,
            rule: rule_id,
            reason,
        });
    }
    (found, trace)
}

/// The trace of rules that were not tried, with the reason.
pub fn not_tried(rules: &[MappingRule], reason: &str, rule: RuleId) -> Vec<RuleTrace> {
    rules
        .iter()
        .enumerate()
        .map(|(index, r)| RuleTrace {
            index,
            attribute: r.attribute.clone(),
            value: r.value.clone(),
            result: r.result.display(),
            status: RuleStatus::NotTried,
            rule,
            reason: reason.to_string(),
        })
        .collect()
}

/// SAML-03: `value` contains `needle` as a substring, case-sensitively or not.
pub fn contains(value: &str, needle: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        value.contains(needle)
    } else {
        value.to_lowercase().contains(&needle.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(attribute: &str, value: &str, result: &str) -> MappingRule {
        MappingRule {
            attribute: attribute.into(),
            value: value.into(),
            result: Values::One(result.into()),
        }
    }

    fn attrs(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Values> {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    (*k).to_string(),
                    Values::Many(v.iter().map(|s| (*s).to_string()).collect()),
                )
            })
            .collect()
    }

    #[test]
    fn contains_not_exact_and_value_by_value() {
        // SAML-03: `Sales-EMEA` contains `Sales`; the second value of a multi-valued attribute counts.
        let rules = [rule("memberOf", "Sales", "licensed")];
        let a = attrs(&[("memberOf", &["Engineering", "Sales-EMEA"])]);
        let (hit, trace) = first_match(rules.iter().enumerate(), &a, true);
        assert_eq!(hit.map(|(i, _)| i), Some(0));
        assert_eq!(trace[0].reason, "`Sales-EMEA` contains `Sales`");
    }

    #[test]
    fn first_match_in_configured_order_not_assertion_order() {
        // SAML-04: rules are tried in their order; later matching rules are not reached.
        let rules = [
            rule("dept", "Support", "basic"),
            rule("title", "Manager", "licensed"),
            rule("dept", "Sup", "on_prem"),
        ];
        let a = attrs(&[("title", &["Manager"]), ("dept", &["Support"])]);
        let (hit, trace) = first_match(rules.iter().enumerate(), &a, true);
        assert_eq!(hit.map(|(_, r)| r.result.first()), Some("basic"));
        let statuses: Vec<RuleStatus> = trace.iter().map(|t| t.status).collect();
        assert_eq!(
            statuses,
            vec![
                RuleStatus::Matched,
                RuleStatus::NotReached,
                RuleStatus::NotReached
            ]
        );
        assert_eq!(trace[1].rule, rules::SAML_04);
    }

    #[test]
    fn case_sensitivity_is_a_setting() {
        let rules = [rule("memberOf", "sales", "licensed")];
        let a = attrs(&[("memberOf", &["Sales"])]);
        assert!(first_match(rules.iter().enumerate(), &a, false).0.is_some());
        let (hit, trace) = first_match(rules.iter().enumerate(), &a, true);
        assert!(hit.is_none());
        assert_eq!(trace[0].status, RuleStatus::NoValueContains);
    }

    #[test]
    fn attribute_names_match_exactly() {
        let rules = [rule("memberOf", "x", "licensed")];
        let a = attrs(&[("memberof", &["x"])]);
        let (hit, trace) = first_match(rules.iter().enumerate(), &a, false);
        assert!(hit.is_none());
        assert_eq!(trace[0].status, RuleStatus::AttributeAbsent);
    }
}
