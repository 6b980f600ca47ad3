//! The SCIM filter grammar of RFC 7644 §3.4.2.2 (SCIM-01): parse a filter and test it against a
//! resource or a value of a multi-valued attribute.

use crate::explain::Step;
use crate::rules;
use crate::settings::ScimDialect;
use serde_json::Value;

/// A parsed filter.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// `attrPath pr`.
    Present(AttrPath),
    /// `attrPath op value`.
    Compare(AttrPath, CompareOp, Value),
    /// `attrPath[filter]`: some value of a multi-valued attribute matches the inner filter.
    ValuePath(AttrPath, Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
}

/// An attribute path: an optional schema URN, an attribute name and an optional sub-attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttrPath {
    pub urn: Option<String>,
    pub name: String,
    pub sub: Option<String>,
}

impl std::fmt::Display for AttrPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(urn) = &self.urn {
            write!(f, "{urn}:")?;
        }
        write!(f, "{}", self.name)?;
        if let Some(sub) = &self.sub {
            write!(f, ".{sub}")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Filter {
    /// Writes the filter back as RFC 7644 text; binary expressions are parenthesised, so parsing
    /// the text gives the same filter.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Filter::Present(path) => write!(f, "{path} pr"),
            Filter::Compare(path, op, value) => {
                let name = OPERATORS
                    .iter()
                    .find(|(_, o)| o == op)
                    .map(|(n, _)| *n)
                    .unwrap_or("eq");
                write!(f, "{path} {name} {value}")
            }
            Filter::ValuePath(path, inner) => write!(f, "{path}[{inner}]"),
            Filter::And(a, b) => write!(f, "({a} and {b})"),
            Filter::Or(a, b) => write!(f, "({a} or {b})"),
            Filter::Not(inner) => write!(f, "not ({inner})"),
        }
    }
}

/// The comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

pub const OPERATORS: [(&str, CompareOp); 9] = [
    ("eq", CompareOp::Eq),
    ("ne", CompareOp::Ne),
    ("co", CompareOp::Co),
    ("sw", CompareOp::Sw),
    ("ew", CompareOp::Ew),
    ("gt", CompareOp::Gt),
    ("ge", CompareOp::Ge),
    ("lt", CompareOp::Lt),
    ("le", CompareOp::Le),
];

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Value(Value),
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    /// A `.subAttr` directly after `]` (valuePath.subAttr in PATCH paths).
    Dot,
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            // Every whitespace the word below stops at (a pasted no-break space, a vertical tab):
            // skipping only ASCII's made an empty word of it, forever, until memory ran out.
            c if c.is_whitespace() => i += 1,
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            '[' => {
                tokens.push(Token::OpenBracket);
                i += 1;
            }
            ']' => {
                tokens.push(Token::CloseBracket);
                i += 1;
            }
            '.' if matches!(tokens.last(), Some(Token::CloseBracket)) => {
                tokens.push(Token::Dot);
                i += 1;
            }
            '"' => {
                // A JSON string: find its end, honouring escapes, and let serde_json decode it.
                let start = i;
                i += 1;
                let mut closed = false;
                while let Some(&d) = chars.get(i) {
                    i += 1;
                    if d == '\\' {
                        i += 1;
                    } else if d == '"' {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    return Err(format!(
                        "unterminated string starting at character {}",
                        start + 1
                    ));
                }
                let literal: String = chars
                    .get(start..i)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default();
                let value: Value = serde_json::from_str(&literal)
                    .map_err(|e| format!("bad string {literal}: {e}"))?;
                tokens.push(Token::Value(value));
            }
            _ => {
                let start = i;
                while let Some(&d) = chars.get(i) {
                    if d.is_whitespace() || matches!(d, '(' | ')' | '[' | ']' | '"') {
                        break;
                    }
                    i += 1;
                }
                let word: String = chars
                    .get(start..i)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default();
                let lower = word.to_ascii_lowercase();
                let literal = match lower.as_str() {
                    "true" => Some(Value::Bool(true)),
                    "false" => Some(Value::Bool(false)),
                    "null" => Some(Value::Null),
                    // A word that only starts like a number (`54D382A4-…`, an unquoted id) stays a
                    // word: the parser says it is not a value, or reads it as one (SCIM-17).
                    _ if word.starts_with(|c: char| c.is_ascii_digit() || c == '-') => {
                        serde_json::from_str::<Value>(&word).ok()
                    }
                    _ => None,
                };
                tokens.push(match literal {
                    Some(value) => Token::Value(value),
                    None => Token::Word(word),
                });
            }
        }
    }
    Ok(tokens)
}

/// Parses an attribute path: `[urn:]name[.sub]`. URNs contain dots (`2.0`), so the attribute is
/// what follows the last colon. A core schema URN (`urn:ietf:params:scim:schemas:core:2.0:User:userName`,
/// RFC 7644 §3.10) names a core attribute: the path is the same as without it.
pub fn parse_attr_path(text: &str) -> Result<AttrPath, String> {
    use super::schema::{CORE_GROUP, CORE_USER};
    let text = text.trim();
    if text.is_empty() {
        return Err("an attribute path is empty".to_string());
    }
    let (urn, rest) = if text.to_ascii_lowercase().starts_with("urn:") {
        match text.rfind(':') {
            Some(at) => {
                let urn = text.get(..at).unwrap_or("");
                let core = [CORE_USER, CORE_GROUP]
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(urn));
                (
                    (!core).then(|| urn.to_string()),
                    text.get(at + 1..).unwrap_or(""),
                )
            }
            None => (None, text),
        }
    } else {
        (None, text)
    };
    let (name, sub) = match rest.split_once('.') {
        Some((name, sub)) => (name, Some(sub.to_string())),
        None => (rest, None),
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$'))
    };
    if !valid(name) || sub.as_deref().is_some_and(|s| !valid(s)) {
        return Err(format!("`{text}` is not an attribute path"));
    }
    Ok(AttrPath {
        urn,
        name: name.to_string(),
        sub,
    })
}

/// Entra ID's deviations in attribute paths (SCIM-17): the dot notation of its `customappsso` job
/// (`urn:…:enterprise:2.0:User.manager`) and an extension attribute named without its URN
/// (`manager`). Lenient: read as meant, with a note; strict: the dot notation is an error and an
/// unqualified name stays a core attribute (which the schema then does not know).
pub fn qualify(
    path: AttrPath,
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
) -> Result<AttrPath, String> {
    use super::schema;
    if let Some(urn) = &path.urn {
        let dotted = format!("{urn}:{}", path.name);
        if let (Some((known, _)), Some(sub)) = (schema::extension(&dotted), &path.sub) {
            let (name, sub) = match sub.split_once('.') {
                Some((n, s)) => (n.to_string(), Some(s.to_string())),
                None => (sub.clone(), None),
            };
            let meant = AttrPath {
                urn: Some(known.to_string()),
                name,
                sub,
            };
            if dialect == ScimDialect::Strict {
                return Err(format!(
                    "`{path}` puts a dot after the schema URN: RFC 7644 §3.10 writes `{meant}` (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: refused as RFC 7644 says)"
                ));
            }
            notes.push(Step::new(rules::SCIM_17, format!(
                "`{path}` (the dot notation of Entra ID's old customappsso job) read as `{meant}` (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: read as Entra ID means them)"
            )));
            return Ok(meant);
        }
        return Ok(path);
    }
    if dialect == ScimDialect::Strict || schema::find(schema::USER, &path.name).is_some() {
        return Ok(path);
    }
    let owner = schema::USER_EXTENSIONS
        .iter()
        .find(|(_, attrs)| schema::find(attrs, &path.name).is_some());
    match owner {
        Some((urn, attrs)) => {
            let name = schema::find(attrs, &path.name)
                .map(|a| a.name.to_string())
                .unwrap_or_else(|| path.name.clone());
            let meant = AttrPath {
                urn: Some((*urn).to_string()),
                name,
                sub: path.sub.clone(),
            };
            notes.push(Step::new(rules::SCIM_17, format!(
                "`{path}` is not a core attribute: read as `{meant}`, as Entra ID means it (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: read as Entra ID means them)"
            )));
            Ok(meant)
        }
        None => Ok(path),
    }
}

struct Parser<'n> {
    tokens: Vec<Token>,
    at: usize,
    dialect: ScimDialect,
    notes: &'n mut Vec<Step>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn or(&mut self) -> Result<Filter, String> {
        let mut left = self.and()?;
        while self.keyword("or") {
            self.at += 1;
            let right = self.and()?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, String> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.at += 1;
            let right = self.unary()?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Filter, String> {
        if self.keyword("not") {
            self.at += 1;
            if self.next() != Some(Token::Open) {
                return Err("`not` must be followed by `(`".to_string());
            }
            let inner = self.or()?;
            self.expect(Token::Close, ")")?;
            return Ok(Filter::Not(Box::new(inner)));
        }
        if self.peek() == Some(&Token::Open) {
            self.at += 1;
            let inner = self.or()?;
            self.expect(Token::Close, ")")?;
            return Ok(inner);
        }
        let path = match self.next() {
            Some(Token::Word(w)) => qualify(parse_attr_path(&w)?, self.dialect, self.notes)?,
            other => {
                return Err(format!(
                    "expected an attribute name, found {}",
                    describe(other.as_ref())
                ))
            }
        };
        if self.peek() == Some(&Token::OpenBracket) {
            self.at += 1;
            let inner = self.or()?;
            self.expect(Token::CloseBracket, "]")?;
            if self.peek() != Some(&Token::Dot) {
                return Ok(Filter::ValuePath(path, Box::new(inner)));
            }
            // `emails[type eq "work"].value eq "…"` (the uniqueness query Entra ID documents,
            // SCIM-20): some value matching the filter has the sub-attribute compared.
            self.at += 1;
            let sub = match self.next() {
                Some(Token::Word(w)) => w,
                other => {
                    return Err(format!(
                        "expected a sub-attribute after `{path}[…].`, found {}",
                        describe(other.as_ref())
                    ))
                }
            };
            let sub_path = parse_attr_path(&sub)?;
            let test = self.comparison(sub_path)?;
            return Ok(Filter::ValuePath(
                path,
                Box::new(Filter::And(Box::new(inner), Box::new(test))),
            ));
        }
        self.comparison(path)
    }

    /// `op value` or `pr` after an attribute path.
    fn comparison(&mut self, path: AttrPath) -> Result<Filter, String> {
        let op = match self.next() {
            Some(Token::Word(w)) => w,
            other => {
                return Err(format!(
                    "expected an operator after `{path}`, found {}",
                    describe(other.as_ref())
                ))
            }
        };
        if op.eq_ignore_ascii_case("pr") {
            return Ok(Filter::Present(path));
        }
        let Some((_, op)) = OPERATORS
            .iter()
            .find(|(name, _)| op.eq_ignore_ascii_case(name))
        else {
            return Err(format!(
                "`{op}` is not a filter operator (valid: eq, ne, co, sw, ew, gt, ge, lt, le, pr)"
            ));
        };
        match self.next() {
            Some(Token::Value(value)) => Ok(Filter::Compare(path, *op, value)),
            Some(Token::Word(word)) if self.dialect == ScimDialect::Lenient => {
                self.notes.push(Step::new(rules::SCIM_17, format!(
                    "filter value `{word}` is not quoted (RFC 7644 §3.4.2.2 quotes strings): read as the string \"{word}\", as Entra ID means it (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: read as Entra ID means them)"
                )));
                Ok(Filter::Compare(path, *op, Value::String(word)))
            }
            Some(Token::Word(word)) => Err(format!(
                "`{word}` is not a value: RFC 7644 §3.4.2.2 quotes strings (\"{word}\") (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: refused as RFC 7644 says)"
            )),
            other => Err(format!(
                "expected a value after the operator, found {}",
                describe(other.as_ref())
            )),
        }
    }

    fn expect(&mut self, token: Token, text: &str) -> Result<(), String> {
        match self.next() {
            Some(t) if t == token => Ok(()),
            other => Err(format!(
                "expected `{text}`, found {}",
                describe(other.as_ref())
            )),
        }
    }
}

fn describe(token: Option<&Token>) -> String {
    match token {
        None => "the end of the filter".to_string(),
        Some(Token::Word(w)) => format!("`{w}`"),
        Some(Token::Value(v)) => format!("`{v}`"),
        Some(Token::Open) => "`(`".to_string(),
        Some(Token::Close) => "`)`".to_string(),
        Some(Token::OpenBracket) => "`[`".to_string(),
        Some(Token::CloseBracket) => "`]`".to_string(),
        Some(Token::Dot) => "`.`".to_string(),
    }
}

/// Parses a whole filter as RFC 7644 writes it.
pub fn parse(text: &str) -> Result<Filter, String> {
    parse_with(text, ScimDialect::Strict, &mut Vec::new())
}

/// Parses a whole filter; in the lenient dialect, Entra ID's deviations are read as meant and
/// `notes` says how (SCIM-17).
pub fn parse_with(
    text: &str,
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
) -> Result<Filter, String> {
    let mut parser = Parser {
        tokens: tokenize(text)?,
        at: 0,
        dialect,
        notes,
    };
    let filter = parser.or()?;
    match parser.peek() {
        None => Ok(filter),
        Some(t) => Err(format!(
            "unexpected {} after a complete filter",
            describe(Some(t))
        )),
    }
}

/// A PATCH path (RFC 7644 §3.5.2): an attribute path, or a value path with an optional sub-attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct PatchPath {
    pub attr: AttrPath,
    pub filter: Option<Filter>,
    /// The sub-attribute after `]`, as in `emails[type eq "work"].value`.
    pub sub_after_filter: Option<String>,
}

/// Parses a PATCH path as RFC 7644 writes it.
pub fn parse_patch_path(text: &str) -> Result<PatchPath, String> {
    parse_patch_path_with(text, ScimDialect::Strict, &mut Vec::new())
}

/// Parses a PATCH path in a dialect (SCIM-17).
pub fn parse_patch_path_with(
    text: &str,
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
) -> Result<PatchPath, String> {
    let Some(open) = text.find('[') else {
        return Ok(PatchPath {
            attr: qualify(parse_attr_path(text)?, dialect, notes)?,
            filter: None,
            sub_after_filter: None,
        });
    };
    let close = text
        .rfind(']')
        .ok_or_else(|| format!("`{text}`: `[` without `]`"))?;
    let attr = qualify(
        parse_attr_path(text.get(..open).unwrap_or(""))?,
        dialect,
        notes,
    )?;
    let filter = parse_with(text.get(open + 1..close).unwrap_or(""), dialect, notes)?;
    let after = text.get(close + 1..).unwrap_or("");
    let sub_after_filter = match after.strip_prefix('.') {
        Some(sub) if !sub.is_empty() => Some(sub.to_string()),
        None if after.is_empty() => None,
        _ => {
            return Err(format!(
                "`{text}`: expected `.subAttribute` or nothing after `]`"
            ))
        }
    };
    Ok(PatchPath {
        attr,
        filter: Some(filter),
        sub_after_filter,
    })
}

/// The values an attribute path reaches in `resource` (multi-valued attributes are flattened).
fn resolve<'v>(resource: &'v Value, path: &AttrPath) -> Vec<&'v Value> {
    let base = match &path.urn {
        Some(urn) => find_key(resource, urn).unwrap_or(&Value::Null),
        None => resource,
    };
    let Some(value) = find_key(base, &path.name) else {
        return Vec::new();
    };
    let top: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    match &path.sub {
        None => top,
        Some(sub) => top.into_iter().filter_map(|v| find_key(v, sub)).collect(),
    }
}

/// A key of a JSON object, matched case-insensitively (SCIM attribute names are case-insensitive).
pub fn find_key<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    let object = value.as_object()?;
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// Whether `resource` (or one value of a multi-valued attribute) matches the filter.
pub fn matches(filter: &Filter, resource: &Value) -> bool {
    match filter {
        Filter::Present(path) => resolve(resource, path).iter().any(|v| !is_empty(v)),
        // A complex value is compared by its `value` sub-attribute (`manager eq "…"`, `emails co "…"`).
        Filter::Compare(path, op, expected) => resolve(resource, path).iter().any(|v| {
            let v = if v.is_object() {
                find_key(v, "value").unwrap_or(v)
            } else {
                v
            };
            compare(v, *op, expected)
        }),
        Filter::ValuePath(path, inner) => {
            let base = match &path.urn {
                Some(urn) => find_key(resource, urn).unwrap_or(&Value::Null),
                None => resource,
            };
            match find_key(base, &path.name) {
                Some(Value::Array(items)) => items.iter().any(|item| matches(inner, item)),
                Some(single) => matches(inner, single),
                None => false,
            }
        }
        Filter::And(a, b) => matches(a, resource) && matches(b, resource),
        Filter::Or(a, b) => matches(a, resource) || matches(b, resource),
        Filter::Not(inner) => !matches(inner, resource),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Compares with caseExact false: strings ignore case (the attributes provisim models are not case-exact).
fn compare(actual: &Value, op: CompareOp, expected: &Value) -> bool {
    use std::cmp::Ordering;
    let ordering: Option<Ordering> = match (actual, expected) {
        // Two times (`meta.lastModified gt "…"`) compare as instants, whatever their offsets.
        (Value::String(a), Value::String(b)) => {
            match (crate::time::instant(a), crate::time::instant(b)) {
                (Some(a), Some(b)) => Some(a.cmp(&b)),
                _ => Some(a.to_lowercase().cmp(&b.to_lowercase())),
            }
        }
        (Value::Number(a), Value::Number(b)) => a
            .as_f64()
            .zip(b.as_f64())
            .and_then(|(a, b)| a.partial_cmp(&b)),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        _ => None,
    };
    let text = |v: &Value| v.as_str().map(str::to_lowercase);
    match op {
        CompareOp::Eq => ordering == Some(Ordering::Equal),
        CompareOp::Ne => ordering != Some(Ordering::Equal),
        CompareOp::Co => text(actual)
            .zip(text(expected))
            .is_some_and(|(a, b)| a.contains(&b)),
        CompareOp::Sw => text(actual)
            .zip(text(expected))
            .is_some_and(|(a, b)| a.starts_with(&b)),
        CompareOp::Ew => text(actual)
            .zip(text(expected))
            .is_some_and(|(a, b)| a.ends_with(&b)),
        // Booleans have no order (RFC 7644): gt/ge/lt/le on them never match.
        CompareOp::Gt => !actual.is_boolean() && ordering == Some(Ordering::Greater),
        CompareOp::Ge => {
            !actual.is_boolean() && matches!(ordering, Some(Ordering::Greater | Ordering::Equal))
        }
        CompareOp::Lt => !actual.is_boolean() && ordering == Some(Ordering::Less),
        CompareOp::Le => {
            !actual.is_boolean() && matches!(ordering, Some(Ordering::Less | Ordering::Equal))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn user() -> Value {
        json!({
            "userName": "bjensen", "title": "Tour Guide", "active": true, "meta": {"lastModified": "2011-05-13T04:42:34Z"},
            "name": {"familyName": "Jensen", "givenName": "Barbara"},
            "emails": [{"value": "bjensen@example.com", "type": "work"}, {"value": "babs@jensen.org", "type": "home"}],
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Tour Operations"}
        })
    }

    fn check(filter: &str) -> bool {
        matches(&parse(filter).unwrap(), &user())
    }

    #[test]
    fn rfc7644_filter_examples() {
        // SCIM-01: the examples of RFC 7644 §3.4.2.2.
        assert!(check(r#"userName eq "bjensen""#));
        assert!(check(
            r#"name.familyName co "O'Malley" or name.familyName co "ens""#
        ));
        assert!(check(r#"userName sw "J" or userName sw "b""#));
        assert!(check(r#"title pr"#));
        assert!(check(
            r#"meta.lastModified gt "2011-05-13T04:42:34Z" or title pr"#
        ));
        assert!(check(r#"meta.lastModified ge "2011-05-13T04:42:34Z""#));
        assert!(!check(r#"meta.lastModified lt "2011-05-13T04:42:34Z""#));
        assert!(check(
            r#"title pr and userType eq "Employee" or active eq true"#
        ));
        assert!(!check(
            r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#
        ));
        assert!(check(
            r#"emails[type eq "work" and value co "@example.com"]"#
        ));
        assert!(!check(
            r#"emails[type eq "work" and value co "@example.org"]"#
        ));
        assert!(check(r#"not (title eq "Manager")"#));
        assert!(check(
            r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "tour operations""#
        ));
        assert!(
            check(r#"USERNAME EQ "BJENSEN""#),
            "names, operators and values ignore case"
        );
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        // `a or b and c` is `a or (b and c)`.
        let f = parse(r#"title eq "x" or userName eq "bjensen" and active eq false"#).unwrap();
        assert!(matches!(f, Filter::Or(_, _)));
        assert!(!matches(&f, &user()));
    }

    #[test]
    fn malformed_filters_say_what_was_expected() {
        assert_eq!(
            parse(r#"userName eqq "x""#).unwrap_err(),
            "`eqq` is not a filter operator (valid: eq, ne, co, sw, ew, gt, ge, lt, le, pr)"
        );
        assert!(parse(r#"userName eq"#)
            .unwrap_err()
            .contains("expected a value"));
        assert!(parse(r#"(userName pr"#)
            .unwrap_err()
            .contains("expected `)`"));
        assert!(parse(r#"userName eq "x"#)
            .unwrap_err()
            .contains("unterminated"));
    }

    #[test]
    fn patch_paths() {
        let p = parse_patch_path(r#"emails[type eq "work"].value"#).unwrap();
        assert_eq!(p.attr.name, "emails");
        assert_eq!(p.sub_after_filter.as_deref(), Some("value"));
        let p = parse_patch_path(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
        )
        .unwrap();
        assert_eq!(
            p.attr.urn.as_deref(),
            Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        );
        assert_eq!(
            (p.attr.name.as_str(), p.attr.sub.as_deref()),
            ("manager", Some("value"))
        );
        assert!(parse_patch_path("emails[type eq \"work\"]x").is_err());
    }
}
