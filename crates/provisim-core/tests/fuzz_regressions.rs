//! Inputs the fuzz targets of `fuzz/` found to crash, hang or break a property, each kept as a test
//! named after the module it broke.

use provisim_core::scim::filter;

/// `scim::filter`: a whitespace outside ASCII's four (here a vertical tab, found by the
/// `scim_request` target in the path `/s/croTypes\v`) made an empty word that never advanced, and
/// the tokenizer pushed it until memory ran out.
#[test]
fn scim_filter_reads_any_whitespace_as_a_separator() {
    assert!(filter::parse("/s/croTypes\u{b}").is_err());
    let spaced = filter::parse("userName eq \"ana@example.com\"").unwrap();
    for gap in ['\u{b}', '\u{c}', '\u{a0}', '\u{2003}'] {
        let text = format!("userName{gap}eq{gap}\"ana@example.com\"{gap}");
        assert_eq!(filter::parse(&text).as_ref(), Ok(&spaced), "{text:?}");
    }
}

/// `scenario`: a directory user with WFM in the old place (`addons.workforce_management`, found by
/// the `scenario` target) is read into `contact_center.addons` with a note (LIC-08); written back,
/// it is in today's form: it parses to the same document, with no note and no old key.
#[test]
fn scenario_old_wfm_form_is_written_back_in_todays_form() {
    let text = r#"{"provisim": 1, "directory": [{"email": "a@example.com",
        "addons": {"workforce_management": "WFM"}}]}"#;
    let mut first = provisim_core::scenario::parse(text).unwrap();
    assert_eq!(first.notes.len(), 1, "{:?}", first.notes);
    let written = serde_json::to_string(&first).unwrap();
    assert!(
        !written.contains("\"addons\":{\"workforce_management\""),
        "{written}"
    );
    assert!(written.contains("workforce_management"), "{written}");
    let second = provisim_core::scenario::parse(&written).unwrap();
    assert!(second.notes.is_empty(), "{:?}", second.notes);
    first.notes.clear();
    assert_eq!(first, second);
}
