//! The scenario corpus (`tests/scenarios/**.json`) embedded at build time, and the checks that every
//! layer (native core, CLI, wasm in the browser) applies to its answers, so all layers agree.
//!
//! A case file is `{"title", "rules": ["LIC-07", …], "call": "planSeats", "input": {…}, "expect": {…}}`.
//! `expect` is a subset of the answer that must hold; beside the case, `NAME.out.json` holds the full
//! answer, reviewed and updated with `UPDATE_EXPECT=1 cargo test -p provisim-core --test scenarios`.

use serde::Deserialize;
use serde_json::Value;

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

/// Every problem with one answer to a case: the subset check, and (when `expected_out` is given)
/// byte equality with the reviewed full answer.
pub fn check(case: &Case, answer: &Value, expected_out: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    subset(
        &normalize(&case.expect),
        &normalize(answer),
        "",
        &mut problems,
    );
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

    #[test]
    fn every_case_in_the_corpus_parses() {
        assert!(!CASES.is_empty(), "the corpus is empty");
        for (path, text, _) in CASES {
            let case = Case::parse(text);
            assert!(case.is_ok(), "{path}: {case:?}");
        }
    }
}
