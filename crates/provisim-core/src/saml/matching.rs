//! Rule matching (SAML-03, SAML-04): contains-matching, value by value, first match wins.

use super::{MappingRule, Values};
use crate::rules::{self, RuleId};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// What happened to one configured rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
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

/// One configured rule in the trace. It borrows the rule and the assertion, so building the trace
/// of a thousand rules allocates nothing; the reason is written out when the trace is read
/// ([`super::report::RuleOutcome`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleTrace<'a> {
    /// Position of the rule in its section, from 0.
    pub index: usize,
    pub config: &'a MappingRule,
    pub status: RuleStatus,
    pub rule: RuleId,
    /// The FriendlyName of the attribute the rule reads, when a pasted Response gives one.
    pub friendly_name: Option<&'a str>,
    detail: Detail<'a>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detail<'a> {
    Matched {
        hit: &'a str,
        case_sensitive: bool,
    },
    AttributeAbsent,
    NoValueContains {
        values: &'a Values,
        case_sensitive: bool,
    },
    NotReached {
        winner: usize,
    },
    NotTried(&'static str),
}

/// SAML-03's mode in force, as every contains reason names it (the `case_sensitive` setting).
fn mode(case_sensitive: bool) -> &'static str {
    if case_sensitive {
        ", matching case"
    } else {
        ", ignoring case"
    }
}

impl RuleTrace<'_> {
    /// Why the rule matched or did not, in words.
    pub fn reason(&self) -> String {
        let rule = self.config;
        match self.detail {
            Detail::Matched {
                hit,
                case_sensitive,
            } => format!("`{hit}` contains `{}`{}", rule.value, mode(case_sensitive)),
            Detail::AttributeAbsent => {
                format!("the assertion has no attribute `{}`", rule.attribute)
            }
            Detail::NoValueContains {
                values,
                case_sensitive,
            } => format!(
                "no value of `{}` contains `{}`{} (values: {})",
                rule.attribute,
                rule.value,
                mode(case_sensitive),
                values
                    .as_slice()
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Detail::NotReached { winner } => {
                format!(
                    "rule #{} already matched: processing of the section stops at the first match",
                    winner + 1
                )
            }
            Detail::NotTried(why) => why.to_string(),
        }
    }
}

/// SAML-04, first match wins: the first rule, in the configured order, that `matches` (SAML-03's
/// test, however it is made), and no later rule is tried. The one home of the order: the traced
/// sign-in ([`first_match`]), the quiet one ([`find`]) and the batch's ([`Tested::find`]) all
/// choose through it.
fn first_winner<'a>(
    rules: &'a [MappingRule],
    mut matches: impl FnMut(usize, &'a MappingRule) -> bool,
) -> Option<(usize, &'a MappingRule)> {
    rules
        .iter()
        .enumerate()
        .find(|&(index, rule)| matches(index, rule))
}

/// The first rule of `rules` that matches the assertion, and the trace of every rule (SAML-04:
/// first match wins, the later rules are not reached).
pub fn first_match<'a>(
    rules: &'a [MappingRule],
    attributes: &'a BTreeMap<String, Values>,
    case_sensitive: bool,
) -> (Option<(usize, &'a MappingRule)>, Vec<RuleTrace<'a>>) {
    let mut trace = Vec::with_capacity(rules.len());
    let found = first_winner(rules, |index, rule| {
        let (status, detail, matched) = match attributes.get(&rule.attribute) {
            None => (RuleStatus::AttributeAbsent, Detail::AttributeAbsent, false),
            Some(values) => match value_containing(values, &rule.value, case_sensitive) {
                Some(hit) => (
                    RuleStatus::Matched,
                    Detail::Matched {
                        hit,
                        case_sensitive,
                    },
                    true,
                ),
                None => (
                    RuleStatus::NoValueContains,
                    Detail::NoValueContains {
                        values,
                        case_sensitive,
                    },
                    false,
                ),
            },
        };
        trace.push(RuleTrace {
            index,
            config: rule,
            status,
            rule: rules::SAML_03,
            friendly_name: None,
            detail,
        });
        matched
    });
    if let Some((winner, _)) = found {
        trace.extend(
            rules
                .iter()
                .enumerate()
                .skip(winner + 1)
                .map(|(index, rule)| RuleTrace {
                    index,
                    config: rule,
                    status: RuleStatus::NotReached,
                    rule: rules::SAML_04,
                    friendly_name: None,
                    detail: Detail::NotReached { winner },
                }),
        );
    }
    (found, trace)
}

/// The first rule of `rules` that matches the assertion, without a trace: what [`first_match`]
/// finds, for sign-ins that keep only their outcome.
pub fn find<'a>(
    rules: &'a [MappingRule],
    attributes: &BTreeMap<String, Values>,
    case_sensitive: bool,
) -> Option<(usize, &'a MappingRule)> {
    first_winner(rules, |_, rule| meets(rule, attributes, case_sensitive))
}

/// Whether a value of the rule's attribute contains the rule's value (SAML-03).
fn meets(rule: &MappingRule, attributes: &BTreeMap<String, Values>, case_sensitive: bool) -> bool {
    attributes
        .get(&rule.attribute)
        .and_then(|values| value_containing(values, &rule.value, case_sensitive))
        .is_some()
}

/// The conditions of a configuration's rules, numbered once for any number of assertions: a
/// condition is an attribute and the value one of its values must contain (SAML-03), and a pure
/// test of the assertion, so an assertion need test each distinct one only once however many
/// rules and sections repeat it ([`Tested`]).
#[derive(Clone, Debug, Default)]
pub struct Conditions<'a> {
    /// Each distinct (attribute, value), with its number.
    numbers: BTreeMap<(&'a str, &'a str), usize>,
}

impl<'a> Conditions<'a> {
    /// Numbers the conditions of `rules`; returns the number of each rule's condition, in order.
    pub fn number(&mut self, rules: &'a [MappingRule]) -> Vec<usize> {
        rules
            .iter()
            .map(|rule| {
                let next = self.numbers.len();
                *self
                    .numbers
                    .entry((rule.attribute.as_str(), rule.value.as_str()))
                    .or_insert(next)
            })
            .collect()
    }

    /// How many distinct conditions are numbered.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }
}

/// The numbered conditions one assertion has been tested against so far.
#[derive(Clone, Debug)]
pub struct Tested<'i> {
    attributes: &'i BTreeMap<String, Values>,
    case_sensitive: bool,
    /// By condition number: untested, or whether the assertion meets it.
    results: Vec<Option<bool>>,
}

impl<'i> Tested<'i> {
    /// Nothing tested yet, for `conditions` numbered by [`Conditions::number`].
    pub fn new(
        conditions: &Conditions<'_>,
        attributes: &'i BTreeMap<String, Values>,
        case_sensitive: bool,
    ) -> Tested<'i> {
        Tested {
            attributes,
            case_sensitive,
            results: vec![None; conditions.len()],
        }
    }

    /// What [`find`] finds, testing each condition at most once per assertion; `numbers` are the
    /// rules' condition numbers ([`Conditions::number`]).
    pub fn find<'a>(
        &mut self,
        rules: &'a [MappingRule],
        numbers: &[usize],
    ) -> Option<(usize, &'a MappingRule)> {
        let (attributes, case_sensitive) = (self.attributes, self.case_sensitive);
        if numbers.len() != rules.len() {
            return find(rules, attributes, case_sensitive);
        }
        let results = &mut self.results;
        first_winner(rules, |index, rule| {
            match numbers.get(index).and_then(|&n| results.get_mut(n)) {
                Some(Some(met)) => *met,
                Some(slot) => *slot.insert(meets(rule, attributes, case_sensitive)),
                None => meets(rule, attributes, case_sensitive),
            }
        })
    }
}

/// The first value that contains `needle` (SAML-03: value by value).
fn value_containing<'v>(values: &'v Values, needle: &str, case_sensitive: bool) -> Option<&'v str> {
    values
        .as_slice()
        .iter()
        .map(String::as_str)
        .find(|v| contains(v, needle, case_sensitive))
}

/// The trace of rules that were not tried, with the reason.
pub fn not_tried<'a>(
    rules: &'a [MappingRule],
    reason: &'static str,
    rule: RuleId,
) -> Vec<RuleTrace<'a>> {
    rules
        .iter()
        .enumerate()
        .map(|(index, r)| RuleTrace {
            index,
            config: r,
            status: RuleStatus::NotTried,
            rule,
            friendly_name: None,
            detail: Detail::NotTried(reason),
        })
        .collect()
}

/// SAML-03: `value` contains `needle` as a substring, case-sensitively or not.
pub fn contains(value: &str, needle: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        return value.contains(needle);
    }
    if value.is_ascii() && needle.is_ascii() {
        // The common case, without allocating: compare ASCII windows ignoring case.
        let (hay, needle) = (value.as_bytes(), needle.as_bytes());
        let Some((first, _)) = needle.split_first() else {
            return true;
        };
        if needle.len() > hay.len() {
            return false;
        }
        return hay.windows(needle.len()).any(|w| {
            w.first().is_some_and(|b| b.eq_ignore_ascii_case(first))
                && w.eq_ignore_ascii_case(needle)
        });
    }
    value.to_lowercase().contains(&needle.to_lowercase())
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
        let (hit, trace) = first_match(&rules, &a, true);
        assert_eq!(hit.map(|(i, _)| i), Some(0));
        assert_eq!(
            trace[0].reason(),
            "`Sales-EMEA` contains `Sales`, matching case"
        );
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
        let (hit, trace) = first_match(&rules, &a, true);
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
        let (hit, trace) = first_match(&rules, &a, false);
        assert!(hit.is_some());
        // SAML-03: the reason names the mode in force, so "`Sales` contains `sales`" is never
        // written as if it were literally true.
        assert_eq!(trace[0].reason(), "`Sales` contains `sales`, ignoring case");
        let (hit, trace) = first_match(&rules, &a, true);
        assert!(hit.is_none());
        assert_eq!(trace[0].status, RuleStatus::NoValueContains);
        assert_eq!(
            trace[0].reason(),
            "no value of `memberOf` contains `sales`, matching case (values: `Sales`)"
        );
    }

    #[test]
    fn case_insensitive_contains_agrees_with_lowercasing() {
        for (hay, needle) in [
            ("Sales-EMEA", "sales"),
            ("abc", "ABCD"),
            ("Straße", "STRASSE"),
            ("ÄRZTE", "ärzte"),
            ("x", ""),
            ("aXb", "xB"),
        ] {
            assert_eq!(
                contains(hay, needle, false),
                hay.to_lowercase().contains(&needle.to_lowercase()),
                "{hay} / {needle}"
            );
        }
    }

    #[test]
    fn numbered_conditions_find_what_first_match_finds() {
        // SAML-04 in two sections that share their conditions (numbered once, tested once per
        // assertion): the first match in each section's own order still wins.
        let a = [rule("dept", "Sales", "x"), rule("title", "lead", "y")];
        let b = [rule("title", "lead", "z"), rule("dept", "Sales", "w")];
        let attributes = attrs(&[("title", &["Team Lead"]), ("dept", &["Support"])]);
        let mut conditions = Conditions::default();
        let numbers_a = conditions.number(&a);
        let numbers_b = conditions.number(&b);
        assert_eq!(conditions.len(), 2);
        assert_eq!(numbers_b, vec![1, 0]);
        let mut tested = Tested::new(&conditions, &attributes, false);
        for (rules, numbers) in [(&a[..], &numbers_a), (&b[..], &numbers_b)] {
            let expected = first_match(rules, &attributes, false).0.map(|(i, _)| i);
            assert_eq!(tested.find(rules, numbers).map(|(i, _)| i), expected);
            assert_eq!(find(rules, &attributes, false).map(|(i, _)| i), expected);
        }
        assert_eq!(tested.results, vec![Some(false), Some(true)]);
    }

    #[test]
    fn attribute_names_match_exactly() {
        let rules = [rule("memberOf", "x", "licensed")];
        let a = attrs(&[("memberof", &["x"])]);
        let (hit, trace) = first_match(&rules, &a, false);
        assert!(hit.is_none());
        assert_eq!(trace[0].status, RuleStatus::AttributeAbsent);
    }
}
