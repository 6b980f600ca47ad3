//! Runs every case of the scenario corpus (`tests/scenarios/`) through the native API.
//!
//! `UPDATE_EXPECT=1` rewrites each case's `.out.json` with the current answer, for review in the diff.

use provisim_core::{api, rules};
use provisim_corpus::{check, render, Case, CASES};
use std::path::PathBuf;

#[test]
fn every_scenario_gives_its_expected_answer() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut failures = Vec::new();
    for (path, text, out) in CASES {
        let case = match Case::parse(text) {
            Ok(case) => case,
            Err(e) => {
                failures.push(format!("{path}: {e}"));
                continue;
            }
        };
        if case.rules.is_empty() {
            failures.push(format!("{path}: names no rule"));
        }
        for rule in &case.rules {
            if !rules::ALL.contains(&rule.as_str()) {
                failures.push(format!("{path}: unknown rule `{rule}`"));
            }
        }
        let answer = api::call(&case.call, &case.input_text());
        if update {
            let target = root.join(path.replace(".json", ".out.json"));
            if let Err(e) = std::fs::write(&target, render(&answer)) {
                failures.push(format!("{path}: cannot write {}: {e}", target.display()));
            }
            failures.extend(
                check(&case, &answer, None)
                    .into_iter()
                    .map(|p| format!("{path} ({}): {p}", case.title)),
            );
        } else {
            if out.is_none() {
                failures.push(format!(
                    "{path}: no .out.json yet (run with UPDATE_EXPECT=1 and review it)"
                ));
            }
            failures.extend(
                check(&case, &answer, *out)
                    .into_iter()
                    .map(|p| format!("{path} ({}): {p}", case.title)),
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
