//! Every sentence the corpus's answers hold agrees in number: "1 row", never "1 rows" (issue 18's
//! "1 users", "1 rows", "remove 1 groups"), and no error carries `"rule": null`.
// Test code: a failed index is a failed test.
#![allow(clippy::indexing_slicing)]

use provisim_core::api;
use provisim_corpus::{Case, CASES};
use serde_json::Value;

/// Nouns the answers count.
const NOUNS: &[&str] = &[
    "users", "rows", "groups", "sessions", "licenses", "settings", "requests", "agents",
    "episodes", "add-ons", "values", "rules",
];

fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// `1 users`, `1 rows`: a one followed by a plural noun, as a word of its own.
fn plural_after_one(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '(')
        .collect();
    words.windows(2).find_map(|pair| {
        let noun = pair[1].trim_end_matches([',', ';', ':', '.', ')']);
        (pair[0] == "1" && NOUNS.contains(&noun)).then(|| format!("1 {noun}"))
    })
}

#[test]
fn the_finder_finds_what_it_is_for() {
    assert_eq!(
        plural_after_one("1 rows; columns read"),
        Some("1 rows".into())
    );
    assert_eq!(plural_after_one("remove 1 groups"), Some("1 groups".into()));
    assert_eq!(plural_after_one("1 row; 11 users; 21 groups"), None);
}

#[test]
fn every_answer_agrees_in_number_and_names_no_null_rule() {
    let mut problems = Vec::new();
    for (path, text, _) in CASES {
        let Ok(case) = Case::parse(text) else {
            continue;
        };
        let answer = api::call(&case.call, &case.input_text());
        let mut texts = Vec::new();
        strings(&answer, &mut texts);
        for t in texts {
            if let Some(bad) = plural_after_one(t) {
                problems.push(format!("{path}: `{bad}` in \"{t}\""));
            }
        }
        if let Some(errors) = answer.get("errors").and_then(Value::as_array) {
            for e in errors {
                if e.get("rule").is_some_and(Value::is_null) {
                    problems.push(format!("{path}: an error with \"rule\": null: {e}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
