//! Fuzz target: the Contact Center bulk CSV upload reader (`csv_upload`, CSV-01..CSV-04), against
//! the account and directory of the corpus case `csv-01-columns-as-zoom-names-them`.
//!
//! Input: one byte (the value separator: `;`, `|` or `,`), then the CSV text. Property (CSV-03):
//! the safe CSV of an accepted upload is itself accepted and clears nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisim_core::csv_upload::{self, CsvInput};
use provisim_core::scenario::{self, Scenario};
use serde_json::Value;
use std::sync::OnceLock;

const CASE: &str = include_str!("../../tests/scenarios/csv/csv-01-columns-as-zoom-names-them.json");

/// The case's scenario, parsed once: each execution checks only its upload (`csv_upload::check`),
/// not the scenario around it again.
fn base() -> &'static Scenario {
    static BASE: OnceLock<Scenario> = OnceLock::new();
    BASE.get_or_init(|| {
        let case: Value = serde_json::from_str(CASE).expect("the corpus case is JSON");
        scenario::parse(&case["input"].to_string()).expect("the corpus case's scenario is valid")
    })
}

fn upload(text: &str, separator: &str) -> csv_upload::CsvReport {
    let input = CsvInput {
        text: text.to_string(),
        value_separator: separator.to_string(),
    };
    csv_upload::check(&base().setup(), &input)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let separator = [";", "|", ","][usize::from(pick) % 3];
    let report = upload(text, separator);
    if report.accepted {
        let again = upload(&report.safe_csv, separator);
        assert!(
            again.accepted && again.cleared == 0,
            "the safe CSV of an accepted upload is refused or clears settings: {:?}\n{}",
            again.errors,
            report.safe_csv
        );
    }
});
