//! Every sentence the corpus's answers hold agrees in number: "1 row", never "1 rows" (issue 18's
//! "1 users", "1 rows", "remove 1 groups"), no noun hedges its number with "(s)" ("1 PATCH
//! operation(s) applied", "0 member(s)"; issue 18), and no error carries `"rule": null`.
// Test code: a failed index is a failed test.
#![allow(clippy::indexing_slicing)]

use provisim_core::api;
use provisim_corpus::{Case, CASES};
use serde_json::Value;

/// Nouns the answers count.
const NOUNS: &[&str] = &[
    "users",
    "rows",
    "groups",
    "sessions",
    "licenses",
    "settings",
    "requests",
    "agents",
    "episodes",
    "add-ons",
    "values",
    "rules",
    "members",
    "operations",
    "arguments",
    "errors",
    "changes",
    "fields",
    "emails",
];

fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// `1 users`, `1 rows`, `1 PATCH operations`: a one followed by a plural noun (perhaps after an
/// acronym), as a word of its own.
fn plural_after_one(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '(')
        .map(|w| w.trim_end_matches([',', ';', ':', '.', ')']))
        .collect();
    words.iter().enumerate().find_map(|(i, word)| {
        if *word != "1" {
            return None;
        }
        let next = words.get(i + 1)?;
        let acronym = next.len() > 1 && next.chars().all(|c| c.is_ascii_uppercase());
        let (noun, shown) = match words.get(i + 2) {
            Some(after) if acronym => (*after, format!("1 {next} {after}")),
            _ => (*next, format!("1 {next}")),
        };
        NOUNS.contains(&noun).then_some(shown)
    })
}

/// `operation(s)`, `member(s)`: a noun that leaves its number to the reader.
fn hedged_plural(text: &str) -> Option<String> {
    text.match_indices("(s)").find_map(|(at, _)| {
        let word: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        (!word.is_empty()).then(|| format!("{word}(s)"))
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
    assert_eq!(
        plural_after_one("1 PATCH operations applied"),
        Some("1 PATCH operations".into())
    );
    assert_eq!(plural_after_one("1 PATCH operation applied"), None);
    assert_eq!(
        hedged_plural("group `x` has 0 member(s)"),
        Some("member(s)".into())
    );
    assert_eq!(hedged_plural("3 field(s) change"), Some("field(s)".into()));
    assert_eq!(hedged_plural("2 PATCH operations applied"), None);
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
            if let Some(bad) = plural_after_one(t).or_else(|| hedged_plural(t)) {
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
