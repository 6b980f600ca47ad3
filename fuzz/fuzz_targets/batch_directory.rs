//! Fuzz target: the batch directory CSV reader (`batch`) and the run over the users it reads:
//! through SAML (the account of the corpus case `batch/bad-rows`) or through the IdP's SCIM
//! mappings (`batch/scim-08-through-the-idp`).
//!
//! Input: one byte (bit 0: through the IdP; bit 1: summary only; bit 2: `|` separates values, else
//! `;`), then the CSV text. Property: the answer is a report or located errors, never a panic, and
//! a summary counts the same users as the full report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisim_core::batch;
use serde_json::{json, Value};
use std::sync::OnceLock;

const SAML: &str = include_str!("../../tests/scenarios/batch/bad-rows.json");
const IDP: &str = include_str!("../../tests/scenarios/batch/scim-08-through-the-idp.json");

fn input_of(case: &str) -> Value {
    let case: Value = serde_json::from_str(case).expect("the corpus case is JSON");
    case["input"].clone()
}

fn bases() -> &'static [Value; 2] {
    static BASES: OnceLock<[Value; 2]> = OnceLock::new();
    BASES.get_or_init(|| [input_of(SAML), input_of(IDP)])
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut scenario = bases()[usize::from(pick & 1)].clone();
    scenario["batch"]["users"] = json!(text);
    scenario["batch"]["value_separator"] = json!(if pick & 4 == 0 { ";" } else { "|" });
    scenario["batch"]["summary_only"] = json!(false);
    let full = provisim_core::api::simulate_batch(&scenario.to_string());
    if pick & 2 != 0 {
        scenario["batch"]["summary_only"] = json!(true);
        let summary = provisim_core::api::simulate_batch(&scenario.to_string());
        match (&full, &summary) {
            (Ok(full), Ok(summary)) => {
                let counts = |r: &batch::BatchReport| {
                    let counts = (r.users, r.signed_in, r.created, r.refused, r.changed);
                    (
                        counts,
                        r.licenses.clone(),
                        r.packages.clone(),
                        r.addons.clone(),
                    )
                };
                assert_eq!(
                    counts(full),
                    counts(summary),
                    "a summary counts other users"
                );
                assert_eq!(
                    full.pools, summary.pools,
                    "a summary fills the pools otherwise"
                );
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "summary_only changes the input errors"),
            _ => {
                panic!("summary_only changes whether the directory is read: {full:?} / {summary:?}")
            }
        }
    }
});
