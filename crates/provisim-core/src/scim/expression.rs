//! A documented subset of Entra ID's attribute-mapping expression language (SCIM-08): `[attribute]`
//! references, string literals and the functions Join, Switch, ToLower, ToUpper, IIF, Coalesce,
//! SingleAppRoleAssignment, Append, Not and Trim.

use crate::input::nearest;
use serde_json::Value;

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Attribute(String),
    Text(String),
    Call(String, Vec<Expr>),
    /// `a = b` or `a <> b` (IIF's condition).
    Compare(Box<Expr>, bool, Box<Expr>),
}

/// A value while evaluating: absent, one string, or several.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Null,
    One(String),
    Many(Vec<String>),
}

impl Val {
    pub fn from_json(value: Option<&Value>) -> Val {
        match value {
            None | Some(Value::Null) => Val::Null,
            Some(Value::String(s)) => Val::One(s.clone()),
            Some(Value::Array(items)) => Val::Many(
                items
                    .iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s.clone()),
                        Value::Null => None,
                        other => Some(other.to_string()),
                    })
                    .collect(),
            ),
            Some(other) => Val::One(other.to_string()),
        }
    }

    pub fn is_null(&self) -> bool {
        match self {
            Val::Null => true,
            Val::One(s) => s.is_empty(),
            Val::Many(v) => v.is_empty(),
        }
    }

    fn text(&self) -> String {
        match self {
            Val::Null => String::new(),
            Val::One(s) => s.clone(),
            Val::Many(v) => v.first().cloned().unwrap_or_default(),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Val::Null => Value::Null,
            Val::One(s) => Value::String(s.clone()),
            Val::Many(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
        }
    }
}

const FUNCTIONS: [&str; 10] = [
    "Join",
    "Switch",
    "ToLower",
    "ToUpper",
    "IIF",
    "Coalesce",
    "SingleAppRoleAssignment",
    "Append",
    "Not",
    "Trim",
];

struct Parser<'t> {
    chars: Vec<char>,
    at: usize,
    text: &'t str,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.at).copied()
    }

    fn error(&self, what: &str) -> String {
        format!("{what} at character {} of `{}`", self.at + 1, self.text)
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let left = self.term()?;
        match (self.peek(), self.chars.get(self.at + 1).copied()) {
            (Some('='), _) => {
                self.at += 1;
                Ok(Expr::Compare(Box::new(left), true, Box::new(self.term()?)))
            }
            (Some('<'), Some('>')) => {
                self.at += 2;
                Ok(Expr::Compare(Box::new(left), false, Box::new(self.term()?)))
            }
            _ => Ok(left),
        }
    }

    fn term(&mut self) -> Result<Expr, String> {
        match self.peek() {
            Some('[') => {
                self.at += 1;
                let start = self.at;
                while self.chars.get(self.at).is_some_and(|c| *c != ']') {
                    self.at += 1;
                }
                if self.chars.get(self.at) != Some(&']') {
                    return Err(self.error("`[` without `]`"));
                }
                let name: String = self
                    .chars
                    .get(start..self.at)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default();
                self.at += 1;
                Ok(Expr::Attribute(name.trim().to_string()))
            }
            Some('"') => {
                self.at += 1;
                let mut out = String::new();
                loop {
                    match self.chars.get(self.at).copied() {
                        None => return Err(self.error("unterminated string")),
                        Some('\\') => {
                            if let Some(c) = self.chars.get(self.at + 1).copied() {
                                out.push(c);
                            }
                            self.at += 2;
                        }
                        Some('"') => {
                            self.at += 1;
                            break;
                        }
                        Some(c) => {
                            out.push(c);
                            self.at += 1;
                        }
                    }
                }
                Ok(Expr::Text(out))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.at;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(char::is_ascii_alphanumeric)
                {
                    self.at += 1;
                }
                let name: String = self
                    .chars
                    .get(start..self.at)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default();
                let Some(canonical) = FUNCTIONS.iter().find(|f| f.eq_ignore_ascii_case(&name))
                else {
                    let help = nearest(&name, FUNCTIONS)
                        .map(|b| format!("; did you mean `{b}`?"))
                        .unwrap_or_default();
                    return Err(format!(
                        "unknown function `{name}`{help} (supported: {})",
                        FUNCTIONS.join(", ")
                    ));
                };
                if self.peek() != Some('(') {
                    return Err(self.error(&format!("expected `(` after `{canonical}`")));
                }
                self.at += 1;
                let mut args = Vec::new();
                if self.peek() == Some(')') {
                    self.at += 1;
                } else {
                    loop {
                        // An empty argument (`Switch([IsSoftDeleted], , "False", …)`, as Entra
                        // ID's own mappings write a default of nothing) is the empty string.
                        if matches!(self.peek(), Some(',' | ')')) {
                            args.push(Expr::Text(String::new()));
                        } else {
                            args.push(self.expr()?);
                        }
                        match self.peek() {
                            Some(',') => self.at += 1,
                            Some(')') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(self.error("expected `,` or `)`")),
                        }
                    }
                }
                arity(canonical, args.len())?;
                Ok(Expr::Call((*canonical).to_string(), args))
            }
            _ => Err(self.error("expected `[attribute]`, a \"string\" or a function")),
        }
    }
}

fn arity(name: &str, n: usize) -> Result<(), String> {
    let ok = match name {
        "ToLower" | "ToUpper" => (1..=2).contains(&n),
        "Not" | "SingleAppRoleAssignment" | "Trim" => n == 1,
        "IIF" => n == 3,
        "Append" => n == 2,
        "Join" => n >= 2,
        "Coalesce" => n >= 1,
        "Switch" => n >= 2 && n.is_multiple_of(2),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` does not take {}",
            crate::explain::count(n as u64, "argument", "arguments")
        ))
    }
}

/// Parses an expression.
pub fn parse(text: &str) -> Result<Expr, String> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
        text,
    };
    let expr = parser.expr()?;
    match parser.peek() {
        None => Ok(expr),
        Some(_) => Err(parser.error("unexpected text after the expression")),
    }
}

/// Evaluates an expression against an IdP user's attributes. `notes` collects what the simulator
/// chose where Entra ID's behaviour is not defined (SingleAppRoleAssignment with several roles).
pub fn eval(
    expr: &Expr,
    attributes: &serde_json::Map<String, Value>,
    notes: &mut Vec<String>,
) -> Val {
    match expr {
        Expr::Attribute(name) => Val::from_json(attributes.get(name).or_else(|| {
            attributes
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })),
        Expr::Text(t) => Val::One(t.clone()),
        Expr::Compare(a, equal, b) => {
            let same = eval(a, attributes, notes).text() == eval(b, attributes, notes).text();
            Val::One(if same == *equal { "True" } else { "False" }.to_string())
        }
        Expr::Call(name, args) => {
            let mut arg = |i: usize| {
                args.get(i)
                    .map(|e| eval(e, attributes, notes))
                    .unwrap_or(Val::Null)
            };
            match name.as_str() {
                "ToLower" => map_text(arg(0), |s| s.to_lowercase()),
                "ToUpper" => map_text(arg(0), |s| s.to_uppercase()),
                "Trim" => map_text(arg(0), |s| s.trim().to_string()),
                "Append" => {
                    let (a, b) = (arg(0), arg(1));
                    if a.is_null() {
                        Val::Null
                    } else {
                        Val::One(format!("{}{}", a.text(), b.text()))
                    }
                }
                "Not" => Val::One(
                    if arg(0).text().eq_ignore_ascii_case("true") {
                        "False"
                    } else {
                        "True"
                    }
                    .to_string(),
                ),
                "IIF" => {
                    if arg(0).text().eq_ignore_ascii_case("true") {
                        arg(1)
                    } else {
                        arg(2)
                    }
                }
                "Coalesce" => (0..args.len())
                    .map(&mut arg)
                    .find(|v| !v.is_null())
                    .unwrap_or(Val::Null),
                "Join" => {
                    let separator = arg(0).text();
                    let parts: Vec<String> = (1..args.len())
                        .flat_map(|i| match arg(i) {
                            Val::Null => Vec::new(),
                            Val::One(s) => vec![s],
                            Val::Many(v) => v,
                        })
                        .filter(|s| !s.is_empty())
                        .collect();
                    if parts.is_empty() {
                        Val::Null
                    } else {
                        Val::One(parts.join(&separator))
                    }
                }
                "Switch" => {
                    let source = arg(0).text();
                    let default = arg(1);
                    let mut i = 2;
                    while i + 1 < args.len() {
                        if arg(i).text() == source {
                            return arg(i + 1);
                        }
                        i += 2;
                    }
                    default
                }
                "SingleAppRoleAssignment" => match arg(0) {
                    Val::Many(roles) if roles.len() > 1 => {
                        notes.push(format!(
                            "SingleAppRoleAssignment: the user has {} app roles ({}); Entra ID picks one, not documented which: the simulator takes the first",
                            roles.len(),
                            roles.join(", ")
                        ));
                        roles.first().cloned().map(Val::One).unwrap_or(Val::Null)
                    }
                    Val::Many(roles) => roles.first().cloned().map(Val::One).unwrap_or(Val::Null),
                    other => other,
                },
                _ => Val::Null,
            }
        }
    }
}

fn map_text(v: Val, f: impl Fn(&str) -> String) -> Val {
    match v {
        Val::Null => Val::Null,
        Val::One(s) => Val::One(f(&s)),
        Val::Many(items) => Val::Many(items.iter().map(|s| f(s)).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expression: &str, attributes: Value) -> Val {
        let map = attributes.as_object().cloned().unwrap_or_default();
        eval(&parse(expression).unwrap(), &map, &mut Vec::new())
    }

    // SCIM-08: examples in the style of Entra ID's documentation of its expression functions.
    #[test]
    fn join_skips_empty_values() {
        assert_eq!(
            run(
                r#"Join(" ", [givenName], [surname])"#,
                json!({"givenName": "John", "surname": "Doe"})
            ),
            Val::One("John Doe".into())
        );
        assert_eq!(
            run(
                r#"Join(",", [proxyAddresses])"#,
                json!({"proxyAddresses": ["a", "b"]})
            ),
            Val::One("a,b".into())
        );
        assert_eq!(run(r#"Join(",", [missing])"#, json!({})), Val::Null);
    }

    #[test]
    fn switch_maps_states_to_time_zones() {
        let e = r#"Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney", "QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")"#;
        assert_eq!(
            run(e, json!({"state": "QLD"})),
            Val::One("Australia/Brisbane".into())
        );
        assert_eq!(
            run(e, json!({"state": "WA"})),
            Val::One("Australia/Sydney".into()),
            "no key matches: the default"
        );
    }

    #[test]
    fn to_lower_and_to_upper() {
        assert_eq!(
            run(
                "ToLower([userPrincipalName])",
                json!({"userPrincipalName": "John.Doe@Contoso.com"})
            ),
            Val::One("john.doe@contoso.com".into())
        );
        assert_eq!(
            run(
                r#"ToUpper([department], "en-US")"#,
                json!({"department": "sales"})
            ),
            Val::One("SALES".into())
        );
    }

    #[test]
    fn iif_tests_a_condition() {
        let e = r#"IIF([country]="USA", [country], [department])"#;
        assert_eq!(
            run(e, json!({"country": "USA", "department": "Sales"})),
            Val::One("USA".into())
        );
        assert_eq!(
            run(e, json!({"country": "FR", "department": "Sales"})),
            Val::One("Sales".into())
        );
        assert_eq!(
            run(
                r#"IIF([country]<>"USA", "abroad", "home")"#,
                json!({"country": "FR"})
            ),
            Val::One("abroad".into())
        );
    }

    #[test]
    fn coalesce_takes_the_first_non_empty() {
        assert_eq!(
            run(
                "Coalesce([mail], [userPrincipalName])",
                json!({"mail": "", "userPrincipalName": "a@b.com"})
            ),
            Val::One("a@b.com".into())
        );
    }

    #[test]
    fn single_app_role_assignment_notes_a_choice() {
        let mut notes = Vec::new();
        let map = json!({"appRoleAssignments": ["Agent", "Supervisor"]})
            .as_object()
            .cloned()
            .unwrap_or_default();
        let v = eval(
            &parse("SingleAppRoleAssignment([appRoleAssignments])").unwrap(),
            &map,
            &mut notes,
        );
        assert_eq!(v, Val::One("Agent".into()));
        assert_eq!(notes.len(), 1);
    }

    // SCIM-08: Entra ID's default `active` mapping leaves Switch's default empty.
    #[test]
    fn an_empty_argument_is_the_empty_string() {
        let e = r#"Switch([IsSoftDeleted], , "False", "True", "True", "False")"#;
        assert_eq!(
            run(e, json!({"IsSoftDeleted": "True"})),
            Val::One("False".into())
        );
        assert_eq!(
            run(e, json!({"IsSoftDeleted": "False"})),
            Val::One("True".into())
        );
        assert!(
            run(e, json!({})).is_null(),
            "no key matches: the empty default"
        );
        assert_eq!(
            parse(r#"Join(",", [a], )"#),
            Ok(Expr::Call(
                "Join".into(),
                vec![
                    Expr::Text(",".into()),
                    Expr::Attribute("a".into()),
                    Expr::Text(String::new())
                ]
            ))
        );
    }

    #[test]
    fn errors_name_the_function_and_place() {
        assert_eq!(parse("Tolowr([a])").unwrap_err(), "unknown function `Tolowr`; did you mean `ToLower`? (supported: Join, Switch, ToLower, ToUpper, IIF, Coalesce, SingleAppRoleAssignment, Append, Not, Trim)");
        assert_eq!(
            parse(r#"IIF([a]="b", "c")"#).unwrap_err(),
            "`IIF` does not take 2 arguments"
        );
        assert!(parse("Join(\",\" [a])")
            .unwrap_err()
            .contains("expected `,` or `)`"));
    }
}
