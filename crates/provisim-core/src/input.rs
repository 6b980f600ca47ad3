//! Reading untrusted input: JSON text into typed values, with errors that say where and what.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Malformed input: where it is (a JSON pointer, a CLI flag or a CSV cell), what is wrong, and what
/// would have been valid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema, thiserror::Error)]
#[error("{message} (at `{path}`)")]
pub struct InputError {
    /// A JSON pointer such as `/seats/package`, or `` (empty) for the whole document.
    pub path: String,
    /// Lowercase description; user input appears in backticks.
    pub message: String,
    /// What would have been valid, or the nearest valid value.
    pub help: Option<String>,
    /// Line and column in the text (1-based), when the input was text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The rule that makes the input invalid, when one does (a rule maps at most 20 groups:
    /// SAML-22); absent for plain format errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<crate::rules::RuleId>,
}

/// A JSON pointer segment, escaped (RFC 6901): `~` as `~0`, `/` as `~1`.
pub fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            help: None,
            line: None,
            column: None,
            rule: None,
        }
    }

    /// The rule that makes the input invalid.
    #[must_use]
    pub fn with_rule(mut self, rule: crate::rules::RuleId) -> Self {
        self.rule = Some(rule);
        self
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Parses JSON text into `T`, reporting the JSON pointer, line and column of the first problem and,
/// for an unknown field or value, the nearest valid one.
///
/// The pointer is found from where serde_json stopped ([`spot_at`]) rather than by tracking the
/// path while deserializing: tracking wraps every type's deserializer in a second copy, which made
/// up a tenth of the web app's code. A test holds the two to the same answers over the corpus.
/// One case cannot be told apart by position: an untagged enum (a value or list, a directory)
/// given an object that a `,` follows stops where that object's last member failing would; the
/// member is named, which is inside the value at fault.
pub fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, InputError> {
    serde_json::from_str(text).map_err(|err| {
        use serde_json::error::Category;
        // At the end of the text, serde_json was inside the containers still open, not in the
        // value that ends there.
        let offset = match err.classify() {
            Category::Eof => text.len() + 1,
            _ => offset_of(text, err.line(), err.column()),
        };
        let spot = spot_at(text, offset);
        let path = match err.classify() {
            Category::Data => spot.data_error(&err.to_string()),
            _ => spot.syntax_error(),
        };
        from_serde(path, &err)
    })
}

/// Converts an already parsed JSON value into `T` with the same located errors (no line numbers).
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, InputError> {
    parse_json(&value.to_string()).map_err(|mut error| {
        error.line = None;
        error.column = None;
        error
    })
}

/// The byte offset just after serde_json's 1-based line and its column (the bytes of that line
/// read so far).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// Where in a JSON document a point falls, by JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spot {
    /// In a value, at its start or just after its end.
    Value(String),
    /// Between the members or elements of a container; `last` is the one just before the point,
    /// when the point is right after it (before or at the next `,`).
    Between {
        container: String,
        last: Option<String>,
    },
    /// At a member's name, before its value.
    Name { object: String, member: String },
    /// At the start of an element of an array (not yet read), after the `previous` one.
    Element {
        container: String,
        element: String,
        previous: Option<String>,
    },
    /// Just after a container's closing bracket; `last` is its last member or element.
    Closed {
        container: String,
        last: Option<String>,
    },
}

impl Spot {
    /// The pointer for a syntax error: the value, or the container the point is in (at a name,
    /// the object: the member has not begun).
    fn syntax_error(self) -> String {
        match self {
            Spot::Value(pointer)
            | Spot::Name {
                object: pointer, ..
            }
            | Spot::Element {
                container: pointer, ..
            }
            | Spot::Between {
                container: pointer, ..
            }
            | Spot::Closed {
                container: pointer, ..
            } => pointer,
        }
    }

    /// The pointer for a data error with `message`. serde_json places its own errors (a wrong
    /// type, an unknown name or value) at the value; an error raised while a container is read
    /// (a missing field, a wrong length) after that container; any other error (a field's own
    /// check, an untagged enum) where the container went on reading after the member that
    /// failed: at the next `,`, or after the container's end.
    fn data_error(self, message: &str) -> String {
        let about_container = ["missing field", "invalid length"]
            .iter()
            .any(|prefix| message.starts_with(prefix));
        let placed_at_value = ["invalid type", "invalid value", "unknown variant"]
            .iter()
            .any(|prefix| message.starts_with(prefix));
        match self {
            Spot::Value(pointer) => pointer,
            // An unknown field is the member's; an unknown variant (an enum given as an object,
            // `{"variant": …}`) the object's.
            Spot::Name { object, member } => {
                if message.starts_with("unknown variant") {
                    object
                } else {
                    member
                }
            }
            // serde_json finds a wrong type at the start of the element; an array that stopped
            // after an element that failed goes on to the start of the next.
            Spot::Element {
                element, previous, ..
            } => match previous {
                Some(previous) if !placed_at_value => previous,
                _ => element,
            },
            Spot::Between {
                last: Some(last), ..
            } => last,
            Spot::Closed {
                last: Some(last), ..
            } if !about_container => last,
            Spot::Between { container, .. } | Spot::Closed { container, .. } => container,
        }
    }
}

/// Where the point `offset` bytes into `text` falls ([`Spot`]). The text may be malformed past
/// the point; a spot is always found (`Spot::Value("")` past the end of the document).
pub fn spot_at(text: &str, offset: usize) -> Spot {
    let mut walk = PointerWalk {
        bytes: text.as_bytes(),
        at: 0,
        offset,
        path: Vec::new(),
    };
    walk.value(0).unwrap_or(Spot::Value(String::new()))
}

/// The deepest nesting walked; serde_json stops at 128 levels.
const MAX_DEPTH: usize = 256;

struct PointerWalk<'t> {
    bytes: &'t [u8],
    at: usize,
    offset: usize,
    path: Vec<String>,
}

/// A pointer from path segments (RFC 6901 escapes).
fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|segment| format!("/{}", segment.replace('~', "~0").replace('/', "~1")))
        .collect()
}

impl PointerWalk<'_> {
    fn here(&self) -> String {
        pointer(&self.path)
    }

    /// The current path with one more segment.
    fn child(&self, segment: &str) -> String {
        let mut pointer = self.here();
        pointer.push('/');
        pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        pointer
    }

    /// Whether the walk has reached the point (or the end of the text).
    fn reached(&self) -> bool {
        self.at >= self.offset || self.at >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// Walks one value; `Some(spot)` once the point is reached, `None` when the value ends
    /// before it.
    fn value(&mut self, depth: usize) -> Option<Spot> {
        self.skip_whitespace();
        if self.reached() || depth > MAX_DEPTH {
            return Some(Spot::Value(self.here()));
        }
        match self.peek() {
            Some(open @ (b'{' | b'[')) => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.at += 1;
                let mut index = 0usize;
                let mut last: Option<String> = None;
                loop {
                    self.skip_whitespace();
                    // At the start of an element (a wrong type found there): the element's.
                    if open == b'['
                        && self.at >= self.offset
                        && self.peek().is_some_and(|b| b != close)
                    {
                        return Some(Spot::Element {
                            container: self.here(),
                            element: self.child(&index.to_string()),
                            previous: index
                                .checked_sub(1)
                                .map(|previous| self.child(&previous.to_string())),
                        });
                    }
                    if self.reached() {
                        return Some(self.between(None));
                    }
                    if self.peek() == Some(close) {
                        self.at += 1;
                        break;
                    }
                    let segment = if open == b'{' {
                        if self.peek() != Some(b'"') {
                            return Some(self.between(None));
                        }
                        let (key, closed) = self.string();
                        if !closed {
                            // The text ends in the name: the object was being read.
                            return Some(self.between(None));
                        }
                        self.skip_whitespace();
                        if self.reached() || self.peek() != Some(b':') {
                            return Some(Spot::Name {
                                object: self.here(),
                                member: self.child(&key),
                            });
                        }
                        self.at += 1;
                        key
                    } else {
                        index.to_string()
                    };
                    self.path.push(segment);
                    if let Some(found) = self.value(depth + 1) {
                        return Some(found);
                    }
                    let segment = self.path.pop().unwrap_or_default();
                    index += 1;
                    // After the member: a point in the white space or at the `,` (where a map
                    // that stopped after this member stands) is the member's.
                    self.skip_whitespace();
                    let done = Some(self.child(&segment));
                    match self.peek() {
                        _ if self.reached() => return Some(self.between(done)),
                        Some(b',') => self.at += 1,
                        Some(b) if b == close => {
                            self.at += 1;
                            last = done;
                            break;
                        }
                        _ => return Some(self.between(None)),
                    }
                }
                // Just after an array's close and at a `,`: the parent stopping after this
                // member (an untagged list that matched no variant) is taken over the array
                // stopping after its last element; the positions are the same.
                if open == b'[' && self.at == self.offset && self.peek() == Some(b',') && depth > 0
                {
                    return None;
                }
                if self.at >= self.offset {
                    return Some(Spot::Closed {
                        container: self.here(),
                        last,
                    });
                }
                None
            }
            Some(b'"') => {
                let closed = self.skip_string();
                // A string the text ends in is the value serde_json was reading.
                (self.at >= self.offset || !closed).then(|| Spot::Value(self.here()))
            }
            _ => {
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                // So is a literal the text ends in before it is whole (`tru`, `-`); a whole
                // number or literal there is done, and the container it is in was being read.
                let cut = self.at >= self.bytes.len()
                    && !self.bytes.get(start..self.at).is_some_and(|token| {
                        serde_json::from_slice::<serde::de::IgnoredAny>(token).is_ok()
                    });
                (self.at >= self.offset || cut).then(|| Spot::Value(self.here()))
            }
        }
    }

    fn between(&self, last: Option<String>) -> Spot {
        Spot::Between {
            container: self.here(),
            last,
        }
    }

    /// Skips a string at `"`; whether it was closed before the end of the text.
    fn skip_string(&mut self) -> bool {
        self.at += 1;
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'"' => return true,
                b'\\' => self.at += 1,
                _ => {}
            }
        }
        false
    }

    /// Four hex digits after `\\u`, as a number.
    fn hex4(&mut self) -> Option<u32> {
        let hex = self.bytes.get(self.at..self.at.saturating_add(4))?;
        let code = std::str::from_utf8(hex)
            .ok()
            .and_then(|h| u32::from_str_radix(h, 16).ok())?;
        self.at += 4;
        Some(code)
    }

    /// Reads a string at `"` (a member's name): its content with its escapes resolved, and
    /// whether it was closed before the end of the text.
    fn string(&mut self) -> (String, bool) {
        self.at += 1;
        let mut out = Vec::new();
        let mut closed = false;
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'"' => {
                    closed = true;
                    break;
                }
                b'\\' => {
                    let Some(escaped) = self.peek() else { break };
                    self.at += 1;
                    match escaped {
                        b'u' => {
                            let mut code = self.hex4().unwrap_or(0xFFFD);
                            // A surrogate pair: `\\uD83D\\uDE00` is one character.
                            if (0xD800..0xDC00).contains(&code)
                                && self.bytes.get(self.at..self.at.saturating_add(2))
                                    == Some(b"\\u".as_slice())
                            {
                                let at = self.at;
                                self.at += 2;
                                match self.hex4() {
                                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                                    }
                                    _ => self.at = at,
                                }
                            }
                            let code = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
                            let mut buffer = [0u8; 4];
                            out.extend_from_slice(code.encode_utf8(&mut buffer).as_bytes());
                        }
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        (String::from_utf8_lossy(&out).into_owned(), closed)
    }
}

/// How every untagged enum's `expecting` begins (the forms it takes follow).
pub const WRONG_FORM: &str = "this takes";

fn from_serde(path: String, err: &serde_json::Error) -> InputError {
    let full = err.to_string();
    // serde_json appends " at line L column C"; keep the message without it.
    let message = match full.rfind(" at line ") {
        Some(at) => full.get(..at).unwrap_or(&full).to_string(),
        None => full.clone(),
    };
    // A value of none of an untagged enum's forms: serde gives the forms (its `expecting`); they
    // are the help, and the message says what is wrong.
    let (message, help) = match message.strip_prefix(WRONG_FORM) {
        Some(forms) => (
            "the value has the wrong type".to_string(),
            Some(format!("this field takes{forms}")),
        ),
        None => match wrong_type(&message) {
            Some(plain) => plain,
            None => {
                let help = suggestion(&message);
                (message, help)
            }
        },
    };
    let (line, column) = if err.line() > 0 {
        (Some(err.line()), Some(err.column()))
    } else {
        (None, None)
    };
    InputError {
        path,
        message,
        help,
        line,
        column,
        rule: None,
    }
}

/// How a wrong-type message begins once [`wrong_type`] has put it in plain words.
pub const WRONG_TYPE: &str = "the value has the wrong type";

/// serde's "invalid type: X, expected Y" in plain words: what was given and what the field
/// takes, and a help naming the accepted form with an example. `None` for other messages, and
/// for an expected form without a plain name.
fn wrong_type(message: &str) -> Option<(String, Option<String>)> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let found = if let Some(text) = found.strip_prefix("string ") {
        format!("text {text}")
    } else if let Some(number) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("the number {number}")
    } else if let Some(value) = found.strip_prefix("boolean ") {
        value.to_string()
    } else {
        match found {
            "sequence" => "a list".to_string(),
            "map" => "an object".to_string(),
            "unit value" | "null" => "`null`".to_string(),
            other => other.to_string(),
        }
    };
    let (takes, help) = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => (
            "a whole number, 0 or more",
            "a whole number, e.g. `5` (no quotes)",
        ),
        "i8" | "i16" | "i32" | "i64" | "isize" => {
            ("a whole number", "a whole number, e.g. `5` (no quotes)")
        }
        "f32" | "f64" => ("a number", "a number, e.g. `1.5` (no quotes)"),
        "a boolean" | "bool" => ("`true` or `false`", "`true` or `false` (no quotes)"),
        "a string" | "string" | "a borrowed string" => ("text", "text in quotes, e.g. `\"100\"`"),
        "a sequence" => ("a list", "a list in brackets, e.g. `[\"webinars\"]`"),
        "a map" => ("an object", "an object in braces `{…}`"),
        struct_name if struct_name.starts_with("struct ") => {
            ("an object", "an object in braces `{…}`")
        }
        _ => return None,
    };
    Some((
        format!("{WRONG_TYPE}: {found}, where this field takes {takes}"),
        Some(help.to_string()),
    ))
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or variant) messages: the nearest
/// valid name, and the list of valid ones.
fn suggestion(message: &str) -> Option<String> {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (given, valid) = quoted.split_first()?;
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return None;
    }
    if valid.is_empty() {
        return Some("no fields are allowed here".to_string());
    }
    let list = valid
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(match nearest(given, valid.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? valid values: {list}"),
        None => format!("valid values: {list}"),
    })
}

/// The candidate closest to `given` by edit distance (case-insensitive), if it is close enough to be
/// a plausible typo.
pub fn nearest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given_lower = given.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(&given_lower, &candidate.to_lowercase());
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    let (distance, candidate) = best?;
    let limit = (given.chars().count().max(candidate.chars().count()) / 2).max(2);
    (distance <= limit).then_some(candidate)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = row.get(j).copied().unwrap_or(0) + 1;
            row.push(substitution.min(deletion).min(insertion));
        }
        current.clone_from(&row);
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        inner: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    #[allow(dead_code)]
    struct Inner {
        package: Package,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Package {
        Essentials,
        Elite,
    }

    #[test]
    fn unknown_variant_names_pointer_line_and_nearest() {
        let text = "{\"inner\": [{\"package\": \"elite\"},\n {\"package\": \"Elit\"}]}";
        let err = parse_json::<Outer>(text)
            .err()
            .unwrap_or_else(|| InputError::new("", "none"));
        assert_eq!(err.path, "/inner/1/package");
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("`Elit`"), "{}", err.message);
        assert_eq!(
            err.help.as_deref(),
            Some("did you mean `elite`? valid values: `essentials`, `elite`")
        );
    }

    #[test]
    fn unknown_field_suggests_nearest_field() {
        let err = parse_json::<Inner>("{\"pakage\": \"elite\"}")
            .err()
            .unwrap_or_else(|| InputError::new("", ""));
        assert_eq!(
            err.help.as_deref(),
            Some("did you mean `package`? valid values: `package`")
        );
    }

    #[test]
    fn trailing_garbage_and_syntax_errors_are_located() {
        let err = parse_json::<Inner>("{\"package\": \"elite\"} x")
            .err()
            .unwrap_or_else(|| InputError::new("?", ""));
        assert_eq!((err.path.as_str(), err.line), ("", Some(1)));
        let err = parse_json::<Inner>("{\n\"package\": }")
            .err()
            .unwrap_or_else(|| InputError::new("?", ""));
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn edit_distance_is_levenshtein() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(
            nearest("premum", ["essentials", "premium", "elite"]),
            Some("premium")
        );
        assert_eq!(nearest("zzzzzzzz", ["a", "b"]), None);
    }
}
