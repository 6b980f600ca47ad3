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

/// Every corpus case's answer, with the case's path (every case parses: the corpus test says so
/// too, and a test over no answers would pass).
fn answers() -> Vec<(&'static str, Value)> {
    let answers: Vec<_> = CASES
        .iter()
        .filter_map(|(path, text, _)| {
            let case = Case::parse(text).ok()?;
            Some((*path, api::call(&case.call, &case.input_text())))
        })
        .collect();
    assert_eq!(answers.len(), CASES.len(), "every corpus case parses");
    answers
}

fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// `1 users`, `1 rows`, `1 PATCH operations`, `1 named licenses`, `1 Workforce Management
/// add-ons`: a one followed, within a few words that qualify it, by a plural noun. The search
/// stops at punctuation, at the noun's singular (`1 license for 2 agents`) and at a word that ends
/// the phrase (`of`, `for`, …: `1 of 2 users`).
fn plural_after_one(text: &str) -> Option<String> {
    const ENDS: &[&str] = &[
        "of", "for", "in", "to", "and", "or", "with", "beyond", "the", "than", "by", "at", "on",
        "is", "are", "has", "have", "holds", "share", "shares",
    ];
    let words: Vec<(&str, bool)> = text
        .split(|c: char| c.is_whitespace() || c == '(')
        .map(|w| {
            let trimmed = w.trim_end_matches([',', ';', ':', '.', ')']);
            (trimmed, trimmed.len() != w.len())
        })
        .collect();
    words.iter().enumerate().find_map(|(i, (word, ends))| {
        if *word != "1" || *ends {
            return None;
        }
        let mut shown = String::from("1");
        for (next, ends) in words.iter().skip(i + 1).take(4) {
            shown.push(' ');
            shown.push_str(next);
            if NOUNS.contains(next) {
                return Some(shown);
            }
            let singular = NOUNS.iter().any(|n| n.strip_suffix('s') == Some(*next));
            if *ends || singular || ENDS.contains(next) {
                return None;
            }
        }
        None
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
        plural_after_one("buy 1 more named licenses, or switch"),
        Some("1 more named licenses".into())
    );
    assert_eq!(
        plural_after_one("1 Workforce Management add-ons are held"),
        Some("1 Workforce Management add-ons".into())
    );
    assert_eq!(
        plural_after_one("the pool holds 1 license for 2 agents"),
        None
    );
    assert_eq!(plural_after_one("1 of 2 users"), None);
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
    for (path, answer) in answers() {
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

/// A setting a sentence quotes (`setting “…”`) that is not one of `settings::LABELS`' words: a
/// label renamed in the table and left behind in a message.
fn unknown_setting_words(text: &str) -> Option<String> {
    text.split("setting “").skip(1).find_map(|rest| {
        let words = rest.split('”').next()?;
        (!provisim_core::settings::LABELS
            .iter()
            .any(|(_, label)| *label == words))
        .then(|| words.to_string())
    })
}

/// A setting a sentence names is named by the words its form shows (`settings::LABELS`), never by
/// its scenario key (issue 19: "setting wfm_qm_through_saml" read like the test suite).
fn raw_setting_key(text: &str) -> Option<String> {
    provisim_core::settings::LABELS
        .iter()
        .map(|(key, _)| *key)
        .chain(["designation", "grace_minutes"])
        .find_map(|key| {
            [
                format!("setting {key}"),
                format!("setting `{key}`"),
                format!("turn {key}"),
            ]
            .into_iter()
            .find(|bad| text.contains(bad.as_str()))
        })
}

#[test]
fn sentences_name_settings_by_their_words_not_their_keys() {
    assert_eq!(
        raw_setting_key("(setting case_sensitive is off)").as_deref(),
        Some("setting case_sensitive")
    );
    assert_eq!(
        raw_setting_key("(setting “Rule values match case-sensitively”: off)"),
        None
    );
    assert_eq!(
        unknown_setting_words("(setting “Rule values match case-sensitively”: off)"),
        None
    );
    assert_eq!(
        unknown_setting_words("(setting “Match case”: off)").as_deref(),
        Some("Match case")
    );
    let mut quoted = 0;
    let mut problems = Vec::new();
    for (path, answer) in answers() {
        let mut texts = Vec::new();
        strings(&answer, &mut texts);
        for t in texts {
            if let Some(bad) = raw_setting_key(t) {
                problems.push(format!("{path}: `{bad}` in \"{t}\""));
            }
            if let Some(words) = unknown_setting_words(t) {
                problems.push(format!(
                    "{path}: setting “{words}” is none of settings::LABELS' words, in \"{t}\""
                ));
            }
            quoted += t.matches("setting “").count();
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        quoted > 20,
        "the corpus quotes settings by their words ({quoted} times)"
    );
}

/// The seat planner over every package, licensing and bundle with 0 to 2 agents, licenses and
/// add-ons: no sentence says "1 licenses", "1 licensed agents" or "1 Workforce Management add-ons"
/// (issue 18; LIC-01, LIC-03, LIC-06, LIC-07, LIC-08).
#[test]
fn every_seat_plan_agrees_in_number() {
    let mut problems = Vec::new();
    let mut read = 0;
    for package in ["essentials", "premium", "elite"] {
        for licensing in ["named", "concurrent"] {
            for bundle in ["bundled", "unbundled"] {
                for (agents, pool, addons) in
                    (0..3).flat_map(|a| (0..3).flat_map(move |p| (0..3).map(move |n| (a, p, n))))
                {
                    let input = serde_json::json!({
                        "agents": agents, "package": package, "licensing": licensing,
                        "bundle": bundle, "pool": pool,
                        "addons": {"wfm": addons, "qm": addons, "ai_expert_assist": addons},
                    });
                    let answer = api::call("planSeats", &input.to_string());
                    assert_eq!(answer["type"], "success", "{input}: {answer}");
                    read += 1;
                    let mut texts = Vec::new();
                    strings(&answer, &mut texts);
                    for t in texts {
                        if let Some(bad) = plural_after_one(t).or_else(|| hedged_plural(t)) {
                            problems.push(format!("{input}: `{bad}` in \"{t}\""));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(read, 324);
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A concurrent pool with one user: "1 user shares 1 concurrent Elite license", not "1 user share"
/// (LIC-02), through the batch's pools.
#[test]
fn a_pool_of_one_user_agrees_in_number() {
    let scenario = serde_json::json!({
        "provisim": 1,
        "account": {"plans": ["contact_center"]},
        "batch": {
            "users": [{"name_id": "a@example.com", "user": {"email": "a@example.com",
                "license": "licensed", "contact_center": {"package": "elite"}}}],
            "pools": [{"package": "elite", "licensing": "concurrent", "size": 1}]
        }
    });
    let answer = api::call("simulateBatch", &scenario.to_string());
    assert_eq!(answer["type"], "success", "{answer}");
    let mut texts = Vec::new();
    strings(&answer, &mut texts);
    assert!(
        texts.contains(&"1 user shares 1 concurrent Elite license: any number may hold them"),
        "{texts:?}"
    );
    let wrong: Vec<_> = texts
        .iter()
        .filter(|t| plural_after_one(t).is_some() || t.contains("1 user share "))
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}
