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
