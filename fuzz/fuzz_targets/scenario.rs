//! Fuzz target: the scenario parser and every JSON entry point of the API.
//!
//! The first byte picks the entry point: 0 is `scenario::parse` with its round trip (a scenario it
//! accepts serializes to JSON that parses again to the same scenario, and serializes to the same
//! text); `1..=N` is `api::call` on the export table's row `byte - 1` (`api::EXPORTS`), whose answer must be tagged. The rest
//! is the JSON text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisim_core::{api, scenario};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let entry = usize::from(pick) % (api::EXPORTS.len() + 1);
    match entry.checked_sub(1).and_then(|i| api::EXPORTS.get(i)) {
        None => round_trip(text),
        Some(export) => {
            let name = export.name;
            let answer = api::call(name, text);
            let tag = answer.get("type").and_then(serde_json::Value::as_str);
            assert!(
                matches!(tag, Some("success" | "failure")),
                "{name}: an answer without its tag: {answer}"
            );
        }
    }
});

fn round_trip(text: &str) {
    let Ok(mut first) = scenario::parse(text) else {
        return;
    };
    // What was read from an older form (the notes, LIC-08) is written in today's form: the notes
    // are not part of the document, and the written text has none.
    first.notes.clear();
    let written = serde_json::to_string(&first).expect("a scenario serializes");
    let second = match scenario::parse(&written) {
        Ok(second) => second,
        Err(errors) => panic!("a parsed scenario, written back, is refused: {errors:?}\n{written}"),
    };
    assert_eq!(
        first, second,
        "parse → serialize → parse changed the scenario"
    );
    assert!(
        second.notes.is_empty(),
        "a scenario written back is still in an older form: {:?}",
        second.notes
    );
    let again = serde_json::to_string(&second).expect("a scenario serializes");
    assert_eq!(written, again, "the scenario's JSON is not stable");
}
