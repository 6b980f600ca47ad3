//! Fuzz target: the Contact Center bulk CSV upload reader (`csv_upload`, CSV-01..CSV-04), against
//! the account and directory of the corpus case `csv-01-columns-as-zoom-names-them`.
//!
//! Input: one byte (the value separator: `;`, `|` or `,`), then the CSV text. Property (CSV-03):
//! the safe CSV of an accepted upload is itself accepted and clears nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisim_core::csv_upload;
use serde_json::{json, Value};
use std::sync::OnceLock;

const CASE: &str = include_str!("../../tests/scenarios/csv/csv-01-columns-as-zoom-names-them.json");

fn base() -> &'static Value {
    static BASE: OnceLock<Value> = OnceLock::new();
    BASE.get_or_init(|| {
        let case: Value = serde_json::from_str(CASE).expect("the corpus case is JSON");
        case["input"].clone()
    })
}

fn upload(text: &str, separator: &str) -> csv_upload::CsvReport {
    let mut scenario = base().clone();
    scenario["csv"] = json!({"text": text, "value_separator": separator});
    match csv_upload::run(&scenario.to_string()) {
        Ok(report) => report,
        Err(errors) => panic!("the scenario around an upload is refused: {errors:?}"),
    }
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
