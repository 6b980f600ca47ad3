//! The API shared by the JavaScript bindings and the CLI: JSON text in, a tagged answer out.
//!
//! This layer is plain Rust and tested natively; `provisim-wasm` only converts its answers to
//! JavaScript values. An answer is `{"type": "success", …, "warnings": […]}` or
//! `{"type": "failure", "errors": [{message, path, help, rule}], "warnings": []}`; it never panics.

use crate::explain::Warning;
use crate::input::{self, InputError};
use crate::license::seats::{self, SeatInput, SeatPlan};
use crate::rules::RuleId;
use crate::saml::engine::{self, SignInReport};
use crate::scenario::{self, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

/// The result of an API call, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer<T> {
    Success(T),
    Failure {
        errors: Vec<ApiError>,
        warnings: Vec<Warning>,
    },
}

/// One error of a failed call, flat for JavaScript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ApiError {
    pub message: String,
    pub path: String,
    pub help: Option<String>,
    /// The rule that makes the input invalid, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl From<InputError> for ApiError {
    fn from(e: InputError) -> Self {
        Self {
            message: e.message,
            path: e.path,
            help: e.help,
            rule: e.rule,
            line: e.line,
            column: e.column,
        }
    }
}

impl<T> Answer<T> {
    pub fn failure(errors: Vec<ApiError>) -> Self {
        Answer::Failure {
            errors,
            warnings: Vec::new(),
        }
    }

    pub fn is_success(&self) -> bool {
        matches!(self, Answer::Success(_))
    }
}

impl<T> From<Result<T, InputError>> for Answer<T> {
    fn from(result: Result<T, InputError>) -> Self {
        match result {
            Ok(value) => Answer::Success(value),
            Err(error) => Answer::failure(vec![error.into()]),
        }
    }
}

/// `planSeats`: a [`SeatInput`] as JSON text in, a [`SeatPlan`] out.
pub fn plan_seats(text: &str) -> Answer<SeatPlan> {
    input::parse_json::<SeatInput>(text)
        .map(|input| seats::plan(&input))
        .into()
}

/// `simulateSignIn`: a scenario with a `saml` input in, the sign-ins' outcome out (as JSON, since the
/// outcome borrows the scenario it explains).
pub fn simulate_sign_in(text: &str) -> serde_json::Value {
    match scenario::parse(text) {
        Ok(scenario) => to_value(&simulate_sign_in_scenario(&scenario)),
        Err(errors) => to_value(&Answer::<()>::failure(
            errors.into_iter().map(ApiError::from).collect(),
        )),
    }
}

/// `simulateSignIn` on a parsed, validated scenario.
pub fn simulate_sign_in_scenario(scenario: &Scenario) -> Answer<SignInReport<'_>> {
    let Some(input) = &scenario.saml else {
        return Answer::failure(vec![ApiError::from(
            InputError::new("/saml", "the scenario has no `saml` sign-in to simulate").with_help(
                "add `\"saml\": {\"name_id\": \"user@example.com\", \"attributes\": {…}}`",
            ),
        )]);
    };
    let ctx = engine::Context {
        account: &scenario.account,
        sso: &scenario.sso,
        settings: &scenario.settings,
        input,
    };
    let mut report = engine::simulate(ctx, scenario.user.as_ref());
    // What the document gave in an older form comes first: it is about the input (LIC-08).
    let mut warnings: Vec<Warning> = scenario.input_warnings().collect();
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    Answer::Success(report)
}

/// What `validateScenario` reports for a valid scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Validation {
    pub valid: bool,
    /// Which inputs the scenario carries (`saml`, `seats`).
    pub inputs: Vec<&'static str>,
    pub warnings: Vec<Warning>,
}

/// `validateScenario`: every problem of a scenario, located, without evaluating it.
pub fn validate_scenario(text: &str) -> Answer<Validation> {
    match scenario::parse(text) {
        Ok(scenario) => {
            let mut inputs = Vec::new();
            if scenario.saml.is_some() {
                inputs.push("saml");
            }
            if scenario.seats.is_some() {
                inputs.push("seats");
            }
            Answer::Success(Validation {
                valid: true,
                inputs,
                warnings: scenario.input_warnings().collect(),
            })
        }
        Err(errors) => Answer::failure(errors.into_iter().map(ApiError::from).collect()),
    }
}

/// The API functions by name, for test corpora and fronts that dispatch on a name.
pub const FUNCTIONS: &[&str] = &[
    "planSeats",
    "simulateSignIn",
    "simulateScim",
    "simulateCapacity",
    "simulateBatch",
    "diffCsv",
    "validateScenario",
    "lintScenario",
    "simulateImpact",
];

/// Calls the API function `name` on JSON text and returns its answer as a JSON value.
pub fn call(name: &str, text: &str) -> serde_json::Value {
    let answer = match name {
        "planSeats" => to_value(&plan_seats(text)),
        "simulateSignIn" => simulate_sign_in(text),
        "validateScenario" => to_value(&validate_scenario(text)),
        "simulateScim" => crate::scim::simulate_json(text),
        "simulateCapacity" => crate::capacity::simulate_json(text),
        "simulateBatch" => crate::batch::simulate_json(text),
        "diffCsv" => crate::csv_upload::diff_json(text),
        "lintScenario" => crate::lint::lint_json(text),
        "simulateImpact" => crate::impact::simulate_json(text),
        other => {
            let mut error =
                ApiError::from(InputError::new("", format!("unknown function `{other}`")));
            let valid = FUNCTIONS
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            error.help = Some(match input::nearest(other, FUNCTIONS.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? valid values: {valid}"),
                None => format!("valid values: {valid}"),
            });
            to_value(&Answer::<()>::failure(vec![error]))
        }
    };
    answer
}

/// Serialises an answer; our types always serialise, but a failure here is still reported, not panicked.
pub fn to_value<T: Serialize>(answer: &T) -> serde_json::Value {
    serde_json::to_value(answer).unwrap_or_else(|e| {
        serde_json::json!({"type": "failure", "errors": [{"message": format!("internal error: {e}"), "path": "", "help": null, "rule": null}], "warnings": []})
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_is_tagged_and_flat() {
        let v = call(
            "planSeats",
            r#"{"agents": 100, "package": "elite", "licensing": "concurrent", "pool": 25}"#,
        );
        assert_eq!(v["type"], "success");
        assert_eq!(v["products"][1]["product"], "workforce_management");
        assert_eq!(v["products"][1]["addons_needed"], 75);
        assert!(v["warnings"].is_array());
    }

    #[test]
    fn failure_names_path_and_valid_values() {
        let v = call(
            "planSeats",
            r#"{"agents": 100, "package": "elit", "licensing": "concurrent", "pool": 25}"#,
        );
        assert_eq!(v["type"], "failure");
        assert_eq!(v["errors"][0]["path"], "/package");
        assert_eq!(
            v["errors"][0]["help"],
            "did you mean `elite`? valid values: `essentials`, `premium`, `elite`"
        );
        let v = call("planSeats", r#"{"agents": -1}"#);
        assert_eq!(v["errors"][0]["path"], "/agents");
        let v = call("plan_seats", "{}");
        assert_eq!(
            v["errors"][0]["help"],
            "did you mean `planSeats`? valid values: `planSeats`, `simulateSignIn`, `simulateScim`, `simulateCapacity`, `simulateBatch`, `diffCsv`, `validateScenario`, `lintScenario`, `simulateImpact`"
        );
    }
}
