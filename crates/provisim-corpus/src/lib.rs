//! The scenario corpus (`tests/scenarios/**.json`) embedded at build time, and the checks that every
//! layer (native core, CLI, wasm in the browser) applies to its answers, so all layers agree.
//!
//! A case file is `{"title", "rules": ["LIC-07", …], "call": "planSeats", "input": {…}, "expect": {…}}`.
//! `expect` is a subset of the answer that must hold; beside the case, `NAME.out.json` holds the full
//! answer, reviewed and updated with `UPDATE_EXPECT=1 cargo test -p provisim-core --test scenarios`.
//!
//! Every rule a case claims must appear as a `"rule"` field somewhere in its answer (a trace step, a
//! warning, a finding, an error), or be listed in the case's `"silent": {"TPL-03": "why"}` with the
//! reason the answer carries nothing for it (`rule_problems`).

use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

/// One test case of the corpus.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub title: String,
    /// The RULES.md IDs this case exercises.
    pub rules: Vec<String>,
    /// The API function to call (`planSeats`, `simulateSignIn`, …).
    pub call: String,
    /// The function's input: a JSON value, passed to the function as JSON text.
    pub input: Value,
    /// A subset of the answer that must match.
    pub expect: Value,
    /// Claimed rules that the answer does not carry, each with the reason why (for instance the
    /// rule is why nothing happens, and nothing is emitted). A reason starting `not emitted yet:`
    /// marks a rule the engine should cite but does not yet.
    #[serde(default)]
    pub silent: BTreeMap<String, String>,
}

impl Case {
    pub fn parse(text: &str) -> Result<Case, String> {
        serde_json::from_str(text).map_err(|e| format!("bad case file: {e}"))
    }

    /// The input as the JSON text the API takes.
    pub fn input_text(&self) -> String {
        self.input.to_string()
    }
}

/// Checks that `expected` is a subset of `actual`: objects by key, arrays element by element (the
/// same length), scalars equal. An array whose first element is the string `"..contains"` instead
/// requires each later element to match some element of the actual array.
pub fn subset(expected: &Value, actual: &Value, at: &str, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) => subset(ev, av, &format!("{at}/{key}"), problems),
                    None => problems.push(format!("{at}/{key}: missing, expected {ev}")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.first().and_then(Value::as_str) == Some("..contains") {
                for (i, ev) in e.iter().enumerate().skip(1) {
                    let found = a.iter().any(|av| {
                        let mut inner = Vec::new();
                        subset(ev, av, at, &mut inner);
                        inner.is_empty()
                    });
                    if !found {
                        problems.push(format!("{at}: no element matches expected #{i}: {ev}"));
                    }
                }
            } else if e.len() != a.len() {
                problems.push(format!(
                    "{at}: expected {} elements, got {}: {actual}",
                    e.len(),
                    a.len()
                ));
            } else {
                for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                    subset(ev, av, &format!("{at}/{i}"), problems);
                }
            }
        }
        _ if expected == actual => {}
        _ => problems.push(format!("{at}: expected {expected}, got {actual}")),
    }
}

/// Numbers as JavaScript sees them: an integral float is an integer (`3.0` and `3` are one number
/// once an answer has crossed into a browser), so every layer compares the same JSON.
pub fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => value.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}

/// The answer as the expectation files store it: pretty JSON with a final newline.
pub fn render(answer: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&normalize(answer)).unwrap_or_default();
    text.push('\n');
    text
}

/// Every rule ID an answer carries: the string value of every `"rule"` key at any depth (trace
/// steps, warnings, findings, errors, refusals), and the strings of any `"rules"` list of IDs (a
/// `"rules"` list of objects, such as a SAML section's rule trace, is only walked into).
pub fn answer_rules(answer: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("rule", Value::String(id)) => {
                            out.insert(id.clone());
                        }
                        ("rules", Value::Array(items)) => {
                            out.extend(items.iter().filter_map(Value::as_str).map(str::to_string));
                        }
                        _ => {}
                    }
                    walk(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(answer, &mut out);
    out
}

/// Every disagreement between the rules a case claims and the rule IDs its answer carries: a
/// claimed rule must be in the answer or in `silent` with a reason; a `silent` entry must name a
/// claimed rule that the answer does not carry (else it is stale).
pub fn rule_problems(case: &Case, answer: &Value) -> Vec<String> {
    let carried = answer_rules(answer);
    let mut problems = Vec::new();
    for rule in &case.rules {
        if carried.contains(rule) {
            continue;
        }
        match case.silent.get(rule) {
            Some(reason) if !reason.trim().is_empty() => {}
            Some(_) => problems.push(format!(
                "rule {rule}: its `silent` reason is empty: say why the answer carries no `\"rule\": \"{rule}\"`"
            )),
            None => problems.push(format!(
                "rule {rule}: claimed in `rules`, but no `\"rule\": \"{rule}\"` is in the answer: \
                 if the case does not exercise {rule}, remove it from `rules`; if {rule} is why \
                 nothing is emitted, add `\"silent\": {{\"{rule}\": \"why\"}}`; if the engine \
                 should cite it, fix the engine (or, until then, a `silent` reason starting \
                 `not emitted yet:`)"
            )),
        }
    }
    for rule in case.silent.keys() {
        if !case.rules.contains(rule) {
            problems.push(format!(
                "rule {rule}: listed in `silent` but not claimed in `rules`: remove the `silent` entry, or claim the rule"
            ));
        } else if carried.contains(rule) {
            problems.push(format!(
                "rule {rule}: listed in `silent`, but the answer carries `\"rule\": \"{rule}\"`: remove the stale `silent` entry"
            ));
        }
    }
    problems
}

/// Every problem with one answer to a case: the subset check, the claimed rules against the
/// answer's (`rule_problems`), and (when `expected_out` is given) byte equality with the reviewed
/// full answer.
pub fn check(case: &Case, answer: &Value, expected_out: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    subset(
        &normalize(&case.expect),
        &normalize(answer),
        "",
        &mut problems,
    );
    problems.extend(rule_problems(case, answer));
    if let Some(out) = expected_out {
        if render(answer) != out {
            problems.push(
                "the full answer differs from its .out.json (review, then UPDATE_EXPECT=1)"
                    .to_string(),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(expected: Value, actual: Value) -> Vec<String> {
        let mut p = Vec::new();
        subset(&expected, &actual, "", &mut p);
        p
    }

    #[test]
    fn subset_reports_mismatches_with_their_pointer() {
        assert!(problems(json!({"a": 1}), json!({"a": 1, "b": 2})).is_empty());
        assert_eq!(
            problems(json!({"a": {"b": 1}}), json!({"a": {"b": 2}})),
            vec!["/a/b: expected 1, got 2"]
        );
        assert_eq!(
            problems(json!({"c": 1}), json!({})),
            vec!["/c: missing, expected 1"]
        );
        assert_eq!(problems(json!([1]), json!([1, 2])).len(), 1);
        assert!(problems(json!(["..contains", {"r": 2}]), json!([{"r": 1}, {"r": 2}])).is_empty());
        assert_eq!(
            problems(json!(["..contains", {"r": 3}]), json!([{"r": 1}])).len(),
            1
        );
    }

    #[test]
    fn integral_floats_compare_as_integers() {
        assert_eq!(
            normalize(&json!({"a": [3.0, 2.5, 7]})),
            json!({"a": [3, 2.5, 7]})
        );
        assert_eq!(render(&json!(3.0)), "3\n");
    }

    fn case(rules: &[&str], silent: &[(&str, &str)]) -> Case {
        let silent: BTreeMap<&str, &str> = silent.iter().copied().collect();
        Case::parse(
            &json!({"title": "t", "rules": rules, "silent": silent, "call": "c", "input": {}, "expect": {}})
                .to_string(),
        )
        .unwrap()
    }

    #[test]
    fn answer_rules_finds_rule_fields_at_any_depth() {
        let answer = json!({
            "trace": [{"rule": "SAML-04", "steps": [{"rule": "SAML-13"}]}],
            "warnings": [{"rule": "LIC-09", "message": "mentions SCIM-14 in text only"}],
            "errors": [{"path": "/x", "rule": "SAML-22"}],
            "sections": [{"rules": [{"attribute": "a", "index": 0}]}],
            "cited": {"rules": ["TPL-02"]},
        });
        let found: Vec<String> = answer_rules(&answer).into_iter().collect();
        assert_eq!(found, ["LIC-09", "SAML-04", "SAML-13", "SAML-22", "TPL-02"]);
    }

    #[test]
    fn a_claimed_rule_must_be_in_the_answer_or_said_silent() {
        let answer = json!({"type": "ok", "steps": [{"rule": "TPL-02"}]});
        assert!(rule_problems(&case(&["TPL-02"], &[]), &answer).is_empty());
        // Claimed, not carried, not silent: fails, naming the rule and what to do.
        let p = rule_problems(&case(&["TPL-02", "TPL-03"], &[]), &answer);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("rule TPL-03:") && p[0].contains("`silent`"),
            "{p:?}"
        );
        // Said silent with a reason: passes.
        let silent = case(&["TPL-02", "TPL-03"], &[("TPL-03", "not emitted yet: x")]);
        assert!(rule_problems(&silent, &answer).is_empty());
        // An empty reason does not count.
        let p = rule_problems(&case(&["TPL-03"], &[("TPL-03", " ")]), &answer);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("empty"), "{p:?}");
        // Silent for a rule the answer carries: stale.
        let p = rule_problems(&case(&["TPL-02"], &[("TPL-02", "why")]), &answer);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("stale"), "{p:?}");
        // Silent for a rule not claimed.
        let p = rule_problems(&case(&["TPL-02"], &[("LIC-01", "why")]), &answer);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("not claimed"), "{p:?}");
        // `check` applies it too.
        assert_eq!(check(&case(&["LIC-01"], &[]), &answer, None).len(), 1);
        // An answer with no rule field at all (an input error) carries nothing.
        let error = json!({"type": "failure", "errors": [{"path": "/p", "message": "m"}]});
        assert_eq!(rule_problems(&case(&["LIC-04"], &[]), &error).len(), 1);
    }

    /// Every case against its reviewed answer (`.out.json`), so a claim is checked without running
    /// the engine; the layers' tests check it again against the answers they get (`check`).
    #[test]
    fn every_claimed_rule_is_in_the_reviewed_answer_or_said_silent() {
        let mut failures = Vec::new();
        let mut checked = 0;
        for (path, text, out) in CASES {
            let (Ok(case), Some(out)) = (Case::parse(text), out) else {
                continue;
            };
            let answer: Value = match serde_json::from_str(out) {
                Ok(answer) => answer,
                Err(e) => {
                    failures.push(format!("{path}: its .out.json is not JSON: {e}"));
                    continue;
                }
            };
            checked += 1;
            failures.extend(
                rule_problems(&case, &answer)
                    .into_iter()
                    .map(|p| format!("tests/scenarios/{path}: {p}")),
            );
        }
        assert!(checked > 100, "only {checked} cases with an answer");
        assert!(
            failures.is_empty(),
            "{} claimed rules disagree with the answers:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn every_case_in_the_corpus_parses() {
        assert!(!CASES.is_empty(), "the corpus is empty");
        for (path, text, _) in CASES {
            let case = Case::parse(text);
            assert!(case.is_ok(), "{path}: {case:?}");
        }
    }
}
