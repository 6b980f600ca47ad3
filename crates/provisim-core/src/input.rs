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
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            help: None,
            line: None,
            column: None,
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Parses JSON text into `T`, reporting the JSON pointer, line and column of the first problem and,
/// for an unknown field or value, the nearest valid one.
pub fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, InputError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(value) => match de.end() {
            Ok(()) => Ok(value),
            Err(err) => Err(from_serde(String::new(), &err)),
        },
        Err(err) => {
            let pointer = pointer(err.path());
            Err(from_serde(pointer, err.inner()))
        }
    }
}

/// Converts an already parsed JSON value into `T` with the same located errors (no line numbers).
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, InputError> {
    let result: Result<T, _> = serde_path_to_error::deserialize(value);
    result.map_err(|err| {
        let pointer = pointer(err.path());
        let mut error = from_serde(pointer, err.inner());
        error.line = None;
        error.column = None;
        error
    })
}

fn from_serde(path: String, err: &serde_json::Error) -> InputError {
    let full = err.to_string();
    // serde_json appends " at line L column C"; keep the message without it.
    let message = match full.rfind(" at line ") {
        Some(at) => full.get(..at).unwrap_or(&full).to_string(),
        None => full.clone(),
    };
    let help = suggestion(&message);
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
    }
}

/// Builds a JSON pointer (RFC 6901) from serde_path_to_error's path.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        out.push('/');
        match segment {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => out.push_str(variant),
            Segment::Unknown => out.push('?'),
        }
    }
    out
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
