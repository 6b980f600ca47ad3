//! The API shared by the JavaScript bindings, the CLI and the web app: one typed function per
//! simulation (a scenario in, its report or located errors out), and [`EXPORTS`], the one table of
//! the functions by name with their JSON forms (JSON text in, a tagged answer out).
//!
//! This layer alone knows [`Answer`] and JSON answers; the engines below take and return typed
//! values. `provisim-wasm` exports every row of the table (through [`for_each_export!`]), and
//! `typescript` declares them from it. (The CLI calls the typed functions and `call` by name; it
//! does not read the table's `command` column yet, issue 14.) An answer is
//! `{"type": "success", …, "warnings": […]}` or `{"type": "failure", "errors": [{message, path,
//! help, rule}], "warnings": []}`; it never panics.

use crate::batch::{self, BatchReport};
use crate::capacity::{self, CapacityReport};
use crate::csv_upload::{self, CsvReport};
use crate::explain::Warning;
use crate::impact::{self, ImpactReport};
use crate::input::{self, InputError};
use crate::license::seats::{self, SeatInput, SeatPlan};
use crate::lint::{self, LintReport};
use crate::rules::RuleId;
use crate::saml::engine;
use crate::saml::report::Outcome as SignInOutcome;
use crate::scenario::{self, Scenario};
use crate::scim::{self, engine::ScimReport};
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

impl<T> From<Result<T, Vec<InputError>>> for Answer<T> {
    fn from(result: Result<T, Vec<InputError>>) -> Self {
        match result {
            Ok(value) => Answer::Success(value),
            Err(errors) => Answer::failure(errors.into_iter().map(ApiError::from).collect()),
        }
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

/// Every function of the API, once: `(jsName, rust_name, parameter, input type, output type,
/// CLI command, doc)`. The macro hands the rows to `$callback!`, so the wasm crate's exports, the
/// table [`EXPORTS`] and the TypeScript declarations are written from the same rows; adding a
/// simulation is one row here, its typed function below, and its views in the fronts.
#[macro_export]
macro_rules! for_each_export {
    ($callback:ident) => {
        $callback! {
            (planSeats, plan_seats, input, "SeatInput", "SeatPlan", "seats",
                "Plans Contact Center seats (LIC-04..LIC-08)."),
            (simulateSignIn, simulate_sign_in, scenario, "Scenario", "SignInReport", "saml",
                "Simulates SAML sign-ins from a scenario (SAML-*)."),
            (simulateScim, simulate_scim, scenario, "Scenario", "ScimReport", "scim",
                "Simulates SCIM requests and IdP mappings from a scenario (SCIM-*, TPL-*)."),
            (simulateCapacity, simulate_capacity, input, "CapacityInput", "CapacityReport", "capacity",
                "Simulates concurrent license use over time (LIC-02, LIC-03)."),
            (simulateBatch, simulate_batch, scenario, "Scenario", "BatchReport", "batch",
                "Runs a whole directory through the SAML rules and the license pools (SAML-*, LIC-*)."),
            (diffCsv, diff_csv, scenario, "Scenario", "CsvReport", "csv",
                "Checks a Contact Center bulk CSV upload against the directory: errors, cleared settings, the safe CSV (CSV-*)."),
            (validateScenario, validate_scenario, scenario, "Scenario", "Validation", "validate",
                "Every problem of a scenario, located, without evaluating it."),
            (lintScenario, lint_scenario, scenario, "Scenario", "LintReport", "lint",
                "Static findings over a scenario, before any sign-in: unreachable rules, inert sections, traps (each with its rule ID, JSON pointer and fix)."),
            (simulateImpact, simulate_impact, input, "ImpactInput", "ImpactReport", "impact",
                "Compares two configurations over one directory: whose outcome changes, field by field, and the rule that decided each side."),
        }
    };
}

/// One function of the API.
#[derive(Clone, Copy, Debug)]
pub struct Export {
    /// The name the JavaScript API and the corpus call it by (`simulateScim`).
    pub name: &'static str,
    /// Its parameter's name in the declarations (`scenario`, `input`).
    pub param: &'static str,
    /// The TypeScript type of its input and of a successful answer.
    pub input: &'static str,
    pub output: &'static str,
    /// The CLI command that runs it (`scim`), read by provisim-cli: its tests fail on a row without its subcommand or a subcommand without its row, and a corpus case given as input is answered with its call's command.
    pub command: &'static str,
    pub doc: &'static str,
    /// JSON text in, the tagged answer out.
    pub call: fn(&str) -> serde_json::Value,
}

macro_rules! export_table {
    ($( ($js:ident, $rust:ident, $param:ident, $input:literal, $output:literal, $command:literal, $doc:literal) ),* $(,)?) => {
        /// Every function of the API, in the order of [`for_each_export!`].
        pub const EXPORTS: &[Export] = &[
            $( Export {
                name: stringify!($js),
                param: stringify!($param),
                input: $input,
                output: $output,
                command: $command,
                doc: $doc,
                call: |text| answer($rust(text)),
            } ),*
        ];
    };
}

crate::for_each_export!(export_table);

/// The API functions by name, for test corpora and fronts that dispatch on a name.
pub fn names() -> impl Iterator<Item = &'static str> {
    EXPORTS.iter().map(|e| e.name)
}

/// The function of the table named `name`.
pub fn export(name: &str) -> Option<&'static Export> {
    EXPORTS.iter().find(|e| e.name == name)
}

/// Calls the API function `name` on JSON text and returns its answer as a JSON value.
pub fn call(name: &str, text: &str) -> serde_json::Value {
    if let Some(export) = export(name) {
        return (export.call)(text);
    }
    let mut error = ApiError::from(InputError::new("", format!("unknown function `{name}`")));
    let valid = names()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    error.help = Some(match input::nearest(name, names()) {
        Some(best) => format!("did you mean `{best}`? valid values: {valid}"),
        None => format!("valid values: {valid}"),
    });
    to_value(&Answer::<()>::failure(vec![error]))
}

/// A typed result as the tagged answer (JSON).
pub fn answer<T: Serialize>(result: Result<T, Vec<InputError>>) -> serde_json::Value {
    to_value(&Answer::from(result))
}

/// Serialises an answer; our types always serialise, but a failure here is still reported, not panicked.
pub fn to_value<T: Serialize>(answer: &T) -> serde_json::Value {
    serde_json::to_value(answer).unwrap_or_else(|e| {
        serde_json::json!({"type": "failure", "errors": [{"message": format!("internal error: {e}"), "path": "", "help": null, "rule": null}], "warnings": []})
    })
}

// The functions of the table: JSON text in, the typed report or located errors out.

/// `planSeats`: a [`SeatInput`] in, a [`SeatPlan`] out.
pub fn plan_seats(text: &str) -> Result<SeatPlan, Vec<InputError>> {
    input::parse_json::<SeatInput>(text)
        .map(|input| seats::plan(&input))
        .map_err(|e| vec![e])
}

/// `simulateSignIn`.
pub fn simulate_sign_in(text: &str) -> Result<SignInOutcome, Vec<InputError>> {
    sign_in(&scenario::parse(text)?)
}

/// `simulateScim`.
pub fn simulate_scim(text: &str) -> Result<ScimReport, Vec<InputError>> {
    scim_report(&scenario::parse(text)?)
}

/// `simulateCapacity`: a [`capacity::CapacityInput`] in.
pub fn simulate_capacity(text: &str) -> Result<CapacityReport, Vec<InputError>> {
    capacity::parse(text).map(|(options, sessions)| capacity::simulate(options, &sessions))
}

/// `simulateBatch`.
pub fn simulate_batch(text: &str) -> Result<BatchReport, Vec<InputError>> {
    batch_report(&scenario::parse(text)?)
}

/// `diffCsv`.
pub fn diff_csv(text: &str) -> Result<CsvReport, Vec<InputError>> {
    csv_report(&scenario::parse(text)?)
}

/// `validateScenario`.
pub fn validate_scenario(text: &str) -> Result<Validation, Vec<InputError>> {
    scenario::parse(text).map(|s| validation(&s))
}

/// `lintScenario`: a scenario that does not parse or validate is a failure with its errors.
pub fn lint_scenario(text: &str) -> Result<LintReport, Vec<InputError>> {
    scenario::parse(text).map(|s| lint::report(&s))
}

/// `simulateImpact`: an [`impact::ImpactInput`] in.
pub fn simulate_impact(text: &str) -> Result<ImpactReport, Vec<InputError>> {
    impact::run(text)
}

// The same on a parsed, checked scenario (the CLI and the web app read the scenario first).

/// The sign-ins of the scenario's `saml` input, written out (the engine's report borrows the
/// scenario; its owned form outlives it).
pub fn sign_in(scenario: &Scenario) -> Result<SignInOutcome, Vec<InputError>> {
    let input = scenario.saml_input()?;
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
    Ok(SignInOutcome::from(&report))
}

/// The scenario's SCIM requests and IdP sync.
pub fn scim_report(scenario: &Scenario) -> Result<ScimReport, Vec<InputError>> {
    scim::simulate(&scenario.setup(), scenario.scim_input()?)
}

/// The scenario's directory batch, every user read and run.
pub fn batch_report(scenario: &Scenario) -> Result<BatchReport, Vec<InputError>> {
    let input = scenario.batch_input()?;
    let users = batch::read_users(input, scenario.sso.basic.email.as_deref(), "/batch/users")?;
    Ok(batch::run(scenario.start_batch(input)?, users))
}

/// The scenario's bulk CSV upload, checked against its directory.
pub fn csv_report(scenario: &Scenario) -> Result<CsvReport, Vec<InputError>> {
    Ok(csv_upload::check(&scenario.setup(), scenario.csv_input()?))
}

/// What `validateScenario` reports for a valid scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Validation {
    pub valid: bool,
    /// Which inputs the scenario carries (`saml`, `seats`).
    pub inputs: Vec<&'static str>,
    pub warnings: Vec<Warning>,
}

/// The validation of a parsed scenario.
pub fn validation(scenario: &Scenario) -> Validation {
    let mut inputs = Vec::new();
    if scenario.saml.is_some() {
        inputs.push("saml");
    }
    if scenario.seats.is_some() {
        inputs.push("seats");
    }
    Validation {
        valid: true,
        inputs,
        warnings: scenario.input_warnings().collect(),
    }
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
