//! Fuzz target: the SAML Response reader (`saml::response::decode`): XML, base64, a `SAMLResponse=`
//! form body or a SAML-tracer export.
//!
//! Input: one byte (0: no `response_index`, else the index plus one), then the pasted text.
//! Property: a Response read from its XML reads the same from its base64, the form Zoom receives.
#![no_main]

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use provisim_core::saml::response;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let index = usize::from(pick).checked_sub(1);
    let Ok(received) = response::decode(text, index) else {
        return;
    };
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        let encoded = STANDARD.encode(text.trim_start_matches('\u{feff}').trim());
        match response::decode(&encoded, index) {
            Ok(mut again) => {
                assert_eq!(again.encoding, response::Encoding::Base64);
                again.encoding = received.encoding;
                assert_eq!(received, again, "the base64 of a Response reads otherwise");
            }
            Err(e) => panic!("the XML reads, its base64 does not: {e:?}"),
        }
    }
});
