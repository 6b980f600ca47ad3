//! `input::parse_json` finds an error's JSON pointer from where serde_json stopped instead of
//! tracking the path while deserializing. These tests hold it to what path tracking
//! (serde_path_to_error, a dev-dependency only) says, over malformed variants of every scenario and
//! seat input of the corpus: values of the wrong type, objects where scalars were, misspelt names,
//! unknown values, documents cut at the end of a line or in the middle of one; each pretty,
//! minified and with Windows line ends, and scenarios also behind text beyond ASCII.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use provisim_core::input::{parse_json, InputError};
use provisim_core::license::seats::SeatInput;
use provisim_core::scenario::Scenario;
use provisim_corpus::{Case, CASES};
use serde::de::DeserializeOwned;

/// The pointer and message path tracking gives for `text`, or `None` when it parses, or when the
/// tracked path has a segment it could not name.
fn tracked<T: DeserializeOwned>(text: &str) -> Option<(String, String)> {
    use serde_path_to_error::Segment;
    let mut de = serde_json::Deserializer::from_str(text);
    let err = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => {
            let err = de.end().err()?;
            return Some((String::new(), err.to_string()));
        }
        Err(err) => err,
    };
    let mut pointer = String::new();
    for segment in err.path().iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => pointer.push_str(variant),
            Segment::Unknown => return None,
        }
    }
    Some((pointer, err.inner().to_string()))
}

/// Malformed variants of a pretty-printed document, one change each.
fn variants(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let with_line = |i: usize, line: String| {
        let mut changed = lines.clone();
        changed[i] = &line;
        changed.join("\n")
    };
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if let Some((key, value)) = trimmed.split_once("\": ") {
            let indent = &line[..line.len() - trimmed.len()];
            let comma = if value.ends_with(',') { "," } else { "" };
            // A misspelt member name.
            out.push(with_line(i, format!("{indent}{key}x\": {value}")));
            if value.starts_with('"') {
                // A number where a string was, and a string no field takes.
                out.push(with_line(i, format!("{indent}{key}\": 12345{comma}")));
                out.push(with_line(i, format!("{indent}{key}\": \"zz-none\"{comma}")));
            } else if value.starts_with(|c: char| c.is_ascii_digit() || c == 't' || c == 'f') {
                out.push(with_line(i, format!("{indent}{key}\": \"text\"{comma}")));
                out.push(with_line(i, format!("{indent}{key}\": -1{comma}")));
            } else if value.starts_with('{') || value.starts_with('[') {
                out.push(with_line(i, format!("{indent}{key}\": 7{comma}")));
            }
            if !value.starts_with('{') && !value.starts_with('[') {
                // An object where a scalar was.
                out.push(with_line(
                    i,
                    format!("{indent}{key}\": {{\"x\": 1}}{comma}"),
                ));
            }
        } else if trimmed.starts_with('"') {
            // An element of a list of strings as a list.
            out.push(with_line(
                i,
                trimmed.replacen('"', "[\"", 1).replacen(',', "],", 1),
            ));
        }
        // The document cut after this line, and in the middle of it (inside a name, a string or
        // a literal): serde_json stops at the end.
        let before = lines[..i].join("\n");
        out.push(format!("{before}\n{line}"));
        let middle = line
            .char_indices()
            .nth(line.chars().count() / 2)
            .map_or(0, |(at, _)| at);
        out.push(format!("{before}\n{}", &line[..middle]));
    }
    out
}

/// The text without white space outside strings (as the JavaScript API is usually handed it).
fn minify(text: &str) -> String {
    let mut out = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

/// What the comparison found.
#[derive(Default)]
struct Tally {
    checked: usize,
    /// Known and accepted: an untagged enum (a value or list, a directory) given an object that
    /// a `,` follows stops at the same byte as the object's last member failing would, and that
    /// member is named: inside the value at fault, so its line is within it.
    untagged_object: usize,
    problems: Vec<String>,
}

fn compare<T: DeserializeOwned>(name: &str, text: &str, tally: &mut Tally) {
    let pretty = variants(text);
    let minified: Vec<String> = pretty.iter().map(|v| minify(v)).collect();
    // Windows line ends: serde_json's columns count bytes and its lines end at `\n`.
    let crlf: Vec<String> = pretty.iter().map(|v| v.replace('\n', "\r\n")).collect();
    for variant in pretty.into_iter().chain(minified).chain(crlf) {
        let Some((path, message)) = tracked::<T>(&variant) else {
            continue;
        };
        let ours: InputError = match parse_json::<T>(&variant) {
            Ok(_) => {
                tally
                    .problems
                    .push(format!("{name}: parsed, but path tracking says {message}"));
                continue;
            }
            Err(e) => e,
        };
        tally.checked += 1;
        if ours.path.starts_with(&format!("{path}/"))
            && message.starts_with(provisim_core::input::WRONG_FORM)
        {
            tally.untagged_object += 1;
            continue;
        }
        // An untagged enum's forms are the help; the message says the type is wrong. serde's
        // "invalid type" is put in plain words, with the form the field takes as the help.
        let same_message = message.starts_with(&ours.message)
            || (message.starts_with(provisim_core::input::WRONG_FORM)
                && ours.message == "the value has the wrong type")
            || (message.starts_with("invalid type")
                && ours.message.starts_with(provisim_core::input::WRONG_TYPE)
                && ours.help.is_some());
        if ours.path != path || !same_message {
            let tail: Vec<&str> = variant.lines().rev().take(4).collect();
            tally.problems.push(format!(
                "{name}: `{}` ({}) where path tracking says `{path}` ({message})\n…{}",
                ours.path,
                ours.message,
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ));
        }
    }
}

#[test]
fn pointers_agree_with_path_tracking_over_the_corpus() {
    let mut tally = Tally::default();
    for (path, text, _) in CASES {
        let case = Case::parse(text).unwrap();
        let pretty = serde_json::to_string_pretty(&case.input).unwrap();
        match case.call.as_str() {
            "planSeats" => compare::<SeatInput>(path, &pretty, &mut tally),
            "simulateCapacity" => {}
            _ => {
                compare::<Scenario>(path, &pretty, &mut tally);
                // Text beyond ASCII before everything else: columns count bytes, not characters.
                let titled = pretty.replacen('{', "{\n  \"title\": \"Straße – Zoom ✓ 😀\",", 1);
                compare::<Scenario>(path, &titled, &mut tally);
            }
        }
    }
    let Tally {
        checked,
        untagged_object,
        problems,
    } = tally;
    println!(
        "{checked} malformed variants compared; {untagged_object} untagged objects named inside"
    );
    assert!(
        checked > 20_000,
        "only {checked} malformed variants compared"
    );
    assert!(
        untagged_object * 20 < checked,
        "{untagged_object} untagged objects of {checked}"
    );
    assert!(
        problems.is_empty(),
        "{} of {checked} differ; the first:\n{}",
        problems.len(),
        problems
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
fn pointers_of_hand_made_errors() {
    let at = |text: &str| parse_json::<Scenario>(text).unwrap_err().path;
    // Unknown field: the member; a wrong type: the value; a missing field: the object.
    assert_eq!(at(r#"{"provisim": 1, "acount": {}}"#), "/acount");
    assert_eq!(at(r#"{"provisim": 1, "title": 5}"#), "/title");
    assert_eq!(
        at(
            r#"{"provisim": 1, "sso": {"advanced": [{"section": "license", "rules": [{"attribute": "a"}]}]}}"#
        ),
        "/sso/advanced/0/rules/0"
    );
    // Names with `/` and `~` are escaped (RFC 6901), escapes in names are read, surrogate
    // pairs as one character.
    assert_eq!(at(r#"{"provisim": 1, "a/b~c": 1}"#), "/a~1b~0c");
    assert_eq!(at(r#"{"provisim": 1, "\u0041": 1}"#), "/A");
    assert_eq!(at(r#"{"provisim": 1, "\ud83d\ude00": 1}"#), "/😀");
    // Trailing characters belong to no value; a document cut short, to where it stops: inside
    // a string or a literal, that value; after a whole one, its container.
    assert_eq!(at(r#"{"provisim": 1} x"#), "");
    assert_eq!(
        at(r#"{"provisim": 1, "sso": {"advanced": ["#),
        "/sso/advanced"
    );
    assert_eq!(at(r#"{"provisim": 1, "title": "abc"#), "/title");
    assert_eq!(at(r#"{"provisim": 1, "sso": tru"#), "/sso");
    assert_eq!(at(r#"{"provisim": 1"#), "");
}
