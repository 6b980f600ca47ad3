//! Fuzz target: the share-link codec of the web app (`crates/provisim-web/src/share.rs`, included
//! here by path: the web crate builds for wasm32 only, the file itself is pure Rust).
//!
//! Input: one byte; even: the rest is a link payload (`1.<base64url>`) to decode; odd: the rest is a
//! scenario text to encode, and the next two bytes choose a character of its payload to change
//! before decoding that too. Properties: an accepted payload re-encodes to a payload that decodes to
//! the same text (and so to the same scenario); an encoded text decodes to itself; a damaged payload
//! is an error or a text, never a panic or more than `MAX_TEXT` bytes.
#![no_main]

#[allow(dead_code)]
#[path = "../../crates/provisim-web/src/share.rs"]
mod share;

use libfuzzer_sys::fuzz_target;

const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// An accepted payload's text re-encodes to the same text (when it fits in a link).
fn accepted(payload: &str) {
    let Ok(text) = share::decode(payload) else {
        return;
    };
    assert!(
        text.len() <= share::MAX_TEXT,
        "a payload inflated past MAX_TEXT"
    );
    if let Ok(again) = share::encode(&text) {
        assert_eq!(
            share::decode(&again).as_deref(),
            Ok(text.as_str()),
            "an accepted link re-encodes to another scenario"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    if pick % 2 == 0 {
        if let Ok(payload) = std::str::from_utf8(rest) {
            accepted(payload);
        }
        return;
    }
    let (spot, text) = match rest {
        [a, b, text @ ..] => (usize::from(u16::from_le_bytes([*a, *b])), text),
        _ => return,
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(payload) = share::encode(text) else {
        return;
    };
    assert_eq!(
        share::decode(&payload).as_deref(),
        Ok(text),
        "a link does not decode to its text"
    );
    let mut damaged = payload.into_bytes();
    let at = 2 + spot % damaged.len().saturating_sub(2).max(1);
    if let Some(byte) = damaged.get_mut(at) {
        *byte = BASE64URL[(usize::from(*byte) + 1 + usize::from(pick / 2)) % BASE64URL.len()];
    }
    if let Ok(damaged) = String::from_utf8(damaged) {
        accepted(&damaged);
    }
});
