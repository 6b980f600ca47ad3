//! The `provisim` command line: a thin clap front over provisim-core for CI pipelines.
//!
//! Every command calls the core's typed function (`api::simulate_batch`, `api::diff_csv`, …) and
//! renders its typed report; `--format json` writes the same `Answer` the JavaScript API gives, and
//! the exit code comes from the report's fields. Only the input is built as JSON (a file put into
//! the scenario). The commands and the core's export table (`api::EXPORTS`, its `command` column)
//! are held to each other by a test: an export without its command fails it.
//!
//! Exit codes: 0 success, 1 a refused outcome (for simulations that can refuse), 2 invalid input.
//! Output goes through [`say`]: a closed pipe (`provisim … | head`) ends the output, never the
//! process with a panic.

use clap::{Args, Parser, Subcommand, ValueEnum};
use provisim_core::api::{self, Answer, ApiError};
use provisim_core::batch::BatchReport;
use provisim_core::capacity::CapacityReport;
use provisim_core::csv_upload::CsvReport;
use provisim_core::explain::{count, Warning};
use provisim_core::license::seats::{self, AddOnCounts, SeatInput, SeatPlan};
use provisim_core::license::{Bundle, Licensing, Package};
use provisim_core::saml::report::Outcome as SignInReport;
use provisim_core::saml::{Response, SamlInput};
use provisim_core::scenario;
use provisim_core::scim::engine::ScimReport;
use std::io::Write as _;
use std::process::ExitCode;

mod review;

#[derive(Parser)]
#[command(
    name = "provisim",
    version,
    about = "Simulate what Zoom would do with your SSO, SCIM, CSV and license rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Plan Contact Center seats: who gets Contact Center, WFM, QM and AI Expert Assist (LIC-04..08).
    Seats(SeatsArgs),
    /// Simulate a SAML sign-in from a scenario file: exit 0 signed in, 1 refused, 2 invalid input.
    Saml(SamlArgs),
    /// Simulate SCIM requests (and the IdP's mappings) from a scenario: exit 0 every request
    /// succeeded, 1 one was refused (HTTP 4xx), 2 invalid input.
    Scim(ScimArgs),
    /// Concurrent license use over time from a session log (CSV `user,start,end`, a JSON list of
    /// sessions, or the JSON object `{"pool": …, "grace_minutes": …, "sessions": …}`): overage
    /// episodes, grace period, billable excess (LIC-02, LIC-03). Exit 0 nothing billable, 1 some
    /// overage is billable, 2 invalid input.
    Capacity(CapacityArgs),
    /// Run a whole directory (CSV: `name_id` and one column per SAML attribute; or a JSON list of
    /// users; or none when the scenario holds `batch.users`) through a scenario's SAML rules and
    /// license pools. Exit 0 every user signed in, 1 some were refused, 2 invalid input.
    Batch(BatchArgs),
    /// Check a Contact Center bulk CSV upload against a scenario's `directory`: every invalid
    /// cell, every setting the upload would clear, and the safe CSV (CSV-01..04). Exit 0 accepted
    /// and clears nothing, 1 rejected or clears settings, 2 invalid input.
    Csv(CsvArgs),
    /// Lint a scenario before any sign-in: unreachable rules, inert sections, traps, each with its
    /// rule ID, JSON pointer (and line) and fix. Exit 0 no error-level finding, 1 an error-level
    /// finding, 2 invalid input.
    Lint(review::LintArgs),
    /// Compare two configurations over one directory: every user signs in under both, and the
    /// report says whose outcome changes, field by field, and which rule decided each side. Exit 0
    /// (or, with --max-changed N, 0 when at most N users change), 1 more changed, 2 invalid input.
    Impact(review::ImpactArgs),
    /// Print the JSON Schema of the scenario format.
    Schema,
}

/// Exports that no command of their own runs, and the command that runs them: the checks of
/// `validateScenario` are the first step of `lint` (an invalid scenario exits 2 with every error
/// located). A `validate` command would need its example in examples/ (tests/examples.rs).
const RUN_BY: &[(&str, &str)] = &[("validate", "lint")];

/// The command that runs an export of the core's table: its `command` column, or the command of
/// [`RUN_BY`] that runs it. A test holds the table and the commands to each other.
fn cli_command(export: &api::Export) -> &'static str {
    RUN_BY
        .iter()
        .find(|(command, _)| *command == export.command)
        .map_or(export.command, |(_, by)| by)
}

/// What every command says of a test case of `tests/scenarios/` given in place of its input.
const CASE_HELP: &str = "A test case of tests/scenarios/ (`title`, `rules`, `call`, `input`, \
`expect`) is refused with the command to run on its `input`, e.g. `jq .input case.json | provisim \
saml -`; runnable examples are in examples/<command>/.";

#[derive(Args)]
struct CsvArgs {
    /// The scenario (JSON, `"provisim": 1`) whose `directory` holds the users as they are now,
    /// or - for standard input.
    #[arg(long_help = format!("The scenario (JSON, `\"provisim\": 1`) whose `directory` holds the users as they are now, or - for standard input.\n{CASE_HELP}"))]
    scenario: String,
    /// The CSV file to upload (Zoom's column names: `Email`, `Role`, `License (Package)`, …);
    /// absent: the scenario's `csv.text`.
    upload: Option<String>,
    /// Write the safe CSV (the upload merged over each user's current profile) to this file.
    #[arg(long)]
    safe_csv: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Args)]
struct CapacityArgs {
    /// The session log: CSV with a `user,start,end` header (times like `2026-11-02T09:00:00Z`,
    /// `2026-11-02 09:00` or `11/02/2026 09:00:00 AM`), a JSON list of {user, start, end}, the
    /// JSON object `{"pool", "grace_minutes", "time_zone", "sessions", "max_timeline_points"}`
    /// (docs/scenario-format.md), or - for standard input.
    #[arg(long_help = format!("The session log: CSV with a `user,start,end` header (times like `2026-11-02T09:00:00Z`, `2026-11-02 09:00` or `11/02/2026 09:00:00 AM`; a time without a zone is read in --time-zone), a JSON list of {{user, start, end}}, the JSON object {{\"pool\", \"grace_minutes\", \"time_zone\", \"sessions\", \"max_timeline_points\"}} (docs/scenario-format.md), or - for standard input.\n{CASE_HELP}"))]
    log: String,
    /// Concurrent licenses in the pool (overrides the JSON object's `pool`; required otherwise).
    #[arg(long)]
    pool: Option<u32>,
    /// The grace period (LIC-03): minutes, e.g. `30`, `30m`, `45min` or `1h` (overrides the JSON
    /// object's `grace_minutes`; default 30).
    #[arg(long, value_parser = parse_grace)]
    grace: Option<u32>,
    /// The zone of the log's times written without one (LIC-02): `UTC` or an offset such as
    /// `+01:00` (overrides the JSON object's `time_zone`; default UTC).
    #[arg(long)]
    time_zone: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Args)]
struct BatchArgs {
    /// The scenario (JSON, `"provisim": 1`): account, SSO configuration, settings, pools in
    /// `batch.pools`; - for standard input.
    #[arg(long_help = format!("The scenario (JSON, `\"provisim\": 1`): account, SSO configuration, settings, pools in `batch.pools`; - for standard input.\n{CASE_HELP}"))]
    scenario: String,
    /// The directory: CSV (`name_id`, then one column per SAML attribute; several values in a
    /// cell separated by `;`) or a JSON list of users. Replaces the scenario's `batch.users`;
    /// absent: the scenario's `batch.users`.
    directory: Option<String>,
    /// Keep counts and lists only, no per-user outcome.
    #[arg(long)]
    summary: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// `30`, `30m`, `30min`, `1h` → minutes.
fn parse_grace(text: &str) -> Result<u32, String> {
    let t = text.trim().to_ascii_lowercase();
    let (number, factor) = if let Some(n) = t.strip_suffix("min") {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('h') {
        (n, 60)
    } else {
        (t.as_str(), 1)
    };
    number
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| {
            format!("`{text}` is not a duration in whole minutes: write e.g. `30`, `30m` or `1h`")
        })
}

#[derive(Args)]
struct ScimArgs {
    /// The scenario (JSON, `"provisim": 1`), or - for standard input.
    #[arg(long_help = format!("The scenario (JSON, `\"provisim\": 1`), or - for standard input.\n{CASE_HELP}"))]
    scenario: String,
    /// The IdP's provisioning configuration as downloaded, or - for standard input: Entra ID's
    /// provisioning schema (Provisioning → Attribute mapping → advanced options → review your
    /// schema → Download) or Okta's profile mappings (`/api/v1/mappings`). It becomes the
    /// scenario's `scim.idp.import`, replacing any there.
    #[arg(long)]
    idp_schema: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Args)]
struct SamlArgs {
    /// The scenario (JSON, `"provisim": 1`), or - for standard input.
    #[arg(long_help = format!("The scenario (JSON, `\"provisim\": 1`), or - for standard input.\n{CASE_HELP}"))]
    scenario: String,
    /// Sign-ins in a row, each from the state the last one left (overrides the scenario's `saml.sign_ins`).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20))]
    sign_ins: Option<u32>,
    /// A SAML Response file to sign in with, or - for standard input: its XML, its base64 (the
    /// `SAMLResponse` form field), a `SAMLResponse=…` form body or a SAML-tracer export (JSON).
    /// It replaces the scenario's `saml.name_id` and `saml.attributes`.
    #[arg(long)]
    response: Option<String>,
    /// Which Response of a SAML-tracer export to read, from 0 (default: the last).
    #[arg(long, requires = "response")]
    response_index: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Table,
}

#[derive(Args)]
struct SeatsArgs {
    /// A JSON file with the same input as the flags (`-` for standard input), e.g.
    /// `{"agents": 100, "package": "elite", "licensing": "concurrent", "pool": 25}`.
    #[arg(long_help = format!("A JSON file with the same input as the flags (`-` for standard input), e.g. `{{\"agents\": 100, \"package\": \"elite\", \"licensing\": \"concurrent\", \"pool\": 25}}` (docs/scenario-format.md, Seat planner).\n{CASE_HELP}"), conflicts_with_all = ["agents", "package", "licensing", "pool", "bundle", "wfm", "qm", "ai"])]
    file: Option<String>,
    /// Contact Center agents.
    #[arg(long, required_unless_present = "file")]
    agents: Option<u32>,
    /// The pool's package.
    #[arg(long, value_enum, required_unless_present = "file")]
    package: Option<PackageArg>,
    /// Named or concurrent licenses.
    #[arg(long, value_enum, required_unless_present = "file")]
    licensing: Option<LicensingArg>,
    /// Licenses in the pool.
    #[arg(long, required_unless_present = "file")]
    pool: Option<u32>,
    /// Bundled or unbundled (default: Elite is bundled, the others are not).
    #[arg(long, value_enum)]
    bundle: Option<BundleArg>,
    /// Individual Workforce Management add-ons held.
    #[arg(long, default_value_t = 0)]
    wfm: u32,
    /// Individual Quality Management add-ons held.
    #[arg(long, default_value_t = 0)]
    qm: u32,
    /// Individual AI Expert Assist add-ons held.
    #[arg(long, default_value_t = 0)]
    ai: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum PackageArg {
    Essentials,
    Premium,
    Elite,
}

#[derive(Clone, Copy, ValueEnum)]
enum LicensingArg {
    Named,
    Concurrent,
}

#[derive(Clone, Copy, ValueEnum)]
enum BundleArg {
    Bundled,
    Unbundled,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Seats(args) => seats_command(&args),
        Command::Saml(args) => saml_command(&args),
        Command::Scim(args) => scim_command(&args),
        Command::Capacity(args) => capacity_command(&args),
        Command::Batch(args) => batch_command(&args),
        Command::Csv(args) => csv_command(&args),
        Command::Lint(args) => review::lint_command(&args),
        Command::Impact(args) => review::impact_command(&args),
        Command::Schema => {
            say(scenario::schema_text().trim_end());
            ExitCode::SUCCESS
        }
    }
}

fn saml_command(args: &SamlArgs) -> ExitCode {
    let parsed = saml_scenario(args);
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(errors) => {
            return emit(&Answer::<()>::failure(errors), args.format, |_| {
                String::new()
            })
        }
    };
    let answer: Answer<_> = api::sign_in(&parsed).into();
    let refused = matches!(&answer, Answer::Success(report) if report.refused());
    let code = emit(&answer, args.format, render_sign_ins);
    if refused {
        ExitCode::from(1)
    } else {
        code
    }
}

/// The scenario of `provisim saml`, with `--response` and `--sign-ins` applied, then checked.
fn saml_scenario(args: &SamlArgs) -> Result<scenario::Scenario, Vec<ApiError>> {
    if args.scenario == "-" && args.response.as_deref() == Some("-") {
        return Err(vec![flag_error(
            "--response",
            "the scenario and the Response cannot both be read from standard input",
        )]);
    }
    let text = read_input(&args.scenario).map_err(|e| vec![e])?;
    let mut parsed = scenario::read(&text)
        .map_err(|errors| errors.into_iter().map(ApiError::from).collect::<Vec<_>>())?;
    let listed = parsed.saml.as_ref().is_some_and(|s| !s.sequence.is_empty());
    if let Some(path) = &args.response {
        if listed {
            return Err(vec![with_help(
                flag_error("--response", "the scenario lists its sign-ins in `saml.sign_ins`, and --response gives one"),
                "put the Response in the list (`\"sign_ins\": [{\"response\": …}]`), or remove the list",
            )]);
        }
        let response = read_input(path).map_err(|mut e| {
            e.path = "--response".to_string();
            e.help = Some("give the path of the Response file (XML, base64, a form body or a SAML-tracer export), or - for standard input".to_string());
            vec![e]
        })?;
        let input = parsed.saml.get_or_insert_with(SamlInput::default);
        input.name_id = None;
        input.attributes.clear();
        input.response = Some(Response::new(response, args.response_index));
    }
    if let Some(n) = args.sign_ins {
        if listed {
            return Err(vec![with_help(
                flag_error("--sign-ins", "the scenario lists its sign-ins in `saml.sign_ins`, and --sign-ins repeats one"),
                "remove --sign-ins: each listed sign-in is simulated once, in order",
            )]);
        }
        if let Some(input) = parsed.saml.as_mut() {
            input.sign_ins = n;
        }
    }
    let errors = scenario::check(&parsed);
    if errors.is_empty() {
        return Ok(parsed);
    }
    Err(errors
        .into_iter()
        .map(|e| {
            let mut e = ApiError::from(e);
            if args.response.is_some() && e.path == "/saml/response" {
                e.path = "--response".to_string();
            }
            e
        })
        .collect())
}

fn with_help(mut error: ApiError, help: &str) -> ApiError {
    error.help = Some(help.to_string());
    error
}

fn scim_command(args: &ScimArgs) -> ExitCode {
    let text = match read_input(&args.scenario) {
        Ok(text) => text,
        Err(error) => {
            return emit(&Answer::<()>::failure(vec![error]), args.format, |_| {
                String::new()
            })
        }
    };
    let answer: Answer<ScimReport> = match &args.idp_schema {
        None => api::simulate_scim(&text).into(),
        Some(path) => match scim_with_idp_schema(args, &text, path) {
            Ok(report) => Answer::Success(report),
            Err(errors) => Answer::failure(errors),
        },
    };
    // Exit 1 when Zoom refused a request (an HTTP 4xx or 5xx status).
    let refused = matches!(&answer, Answer::Success(report)
        if report.results.iter().any(|r| r.status >= 400));
    let code = emit_core(&answer, args.format, render_scim);
    if refused {
        ExitCode::from(1)
    } else {
        code
    }
}

/// `provisim scim --idp-schema FILE`: the scenario read (its errors keep its lines), the file put
/// into `scim.idp.import`, then checked and simulated; errors in the file are located at the flag
/// (`--idp-schema#/synchronizationRules/0/…`, the pointer inside the file).
fn scim_with_idp_schema(
    args: &ScimArgs,
    text: &str,
    path: &str,
) -> Result<provisim_core::scim::engine::ScimReport, Vec<ApiError>> {
    if args.scenario == "-" && path == "-" {
        return Err(vec![flag_error(
            "--idp-schema",
            "the scenario and the IdP's schema cannot both be read from standard input",
        )]);
    }
    let mut parsed = scenario::read(text)
        .map_err(|errors| errors.into_iter().map(ApiError::from).collect::<Vec<_>>())?;
    let file = read_input(path).map_err(|mut e| {
        e.path = "--idp-schema".to_string();
        e.help = Some("give the path of the downloaded file (Entra ID's provisioning schema or Okta's profile mappings, JSON), or - for standard input".to_string());
        vec![e]
    })?;
    let document: serde_json::Value = serde_json::from_str(&file).map_err(|e| {
        vec![ApiError {
            message: format!("`{path}` is not JSON: {e}"),
            path: "--idp-schema".to_string(),
            help: Some("give the file as downloaded: Entra ID's provisioning schema or Okta's profile mappings are JSON documents".to_string()),
            rule: None,
            line: Some(e.line()),
            column: Some(e.column()),
        }]
    })?;
    let idp = parsed
        .scim
        .get_or_insert_with(Default::default)
        .idp
        .get_or_insert_with(Default::default);
    idp.import = Some(document);
    let mut errors = scenario::check(&parsed);
    if errors.is_empty() {
        match api::scim_report(&parsed) {
            Ok(report) => return Ok(report),
            Err(e) => errors = e,
        }
    }
    Err(errors
        .into_iter()
        .map(|e| {
            let mut e = ApiError::from(e);
            if let Some(rest) = e.path.strip_prefix("/scim/idp/import") {
                e.path = if rest.is_empty() {
                    "--idp-schema".to_string()
                } else {
                    format!("--idp-schema#{rest}")
                };
            }
            e
        })
        .collect())
}

/// A file's text as a JSON value: a list when it is one, else the text itself (CSV).
fn csv_or_list(text: String) -> serde_json::Value {
    if text.trim_start().starts_with('[') {
        if let Ok(list) = serde_json::from_str::<serde_json::Value>(&text) {
            return list;
        }
    }
    serde_json::Value::String(text)
}

fn capacity_command(args: &CapacityArgs) -> ExitCode {
    let answer: Answer<CapacityReport> = match capacity_input(args) {
        Ok(input) => api::simulate_capacity(&input).into(),
        Err(error) => {
            return emit(&Answer::<()>::failure(vec![error]), args.format, |_| {
                String::new()
            })
        }
    };
    let billable = matches!(&answer, Answer::Success(report) if report.billable > 0);
    let code = emit_core(&answer, args.format, render_capacity);
    if billable {
        ExitCode::from(1)
    } else {
        code
    }
}

/// The JSON text `simulateCapacity` reads: the log file's JSON object (`{"pool", "sessions", …}`)
/// with the flags put over it, or a CSV log or a JSON list of sessions with the flags around it.
/// An object that is not valid JSON goes to the core as it is, so that its error has a line.
fn capacity_input(args: &CapacityArgs) -> Result<String, ApiError> {
    let log = read_input(&args.log)?;
    let from_object = log.trim_start().starts_with('{');
    let mut object = if from_object {
        match serde_json::from_str::<serde_json::Value>(&log) {
            Ok(serde_json::Value::Object(object)) => object,
            _ => return Ok(log),
        }
    } else {
        let mut object = serde_json::Map::new();
        object.insert("sessions".to_string(), csv_or_list(log));
        object
    };
    if let Some(pool) = args.pool {
        object.insert("pool".to_string(), pool.into());
    }
    if let Some(grace) = args.grace {
        object.insert("grace_minutes".to_string(), grace.into());
    }
    if let Some(zone) = &args.time_zone {
        // Checked here, so that the error names the flag rather than the JSON key it fills.
        if !zone.trim().is_empty() {
            if let Err(why) = provisim_core::time::parse_offset(zone) {
                return Err(with_help(
                    flag_error(
                        "--time-zone",
                        &format!("the time zone `{zone}` cannot be used: {why}"),
                    ),
                    "give --time-zone UTC, or an offset from UTC like +01:00 or -05:00",
                ));
            }
        }
        object.insert("time_zone".to_string(), zone.clone().into());
    }
    // An object with other keys than the format's (`pools`) goes to the core, whose error names
    // the key it meant.
    let known = [
        "pool",
        "sessions",
        "grace_minutes",
        "time_zone",
        "max_timeline_points",
    ];
    let unknown_key = from_object && object.keys().any(|k| !known.contains(&k.as_str()));
    if !(object.contains_key("pool") || unknown_key) {
        return Err(with_help(
            flag_error("--pool", "the pool size is missing"),
            "give --pool N (concurrent licenses in the pool), or `\"pool\": N` in the JSON object form of the log",
        ));
    }
    Ok(serde_json::Value::Object(object).to_string())
}

/// Reads a scenario and perhaps a second file, and puts the file into the scenario (`field.key`,
/// plus `entries`): the JSON text the core's typed function reads. Without the file, the scenario
/// must hold `field.key` itself. A scenario that is not JSON goes to the core as it is, so that its
/// error names the line and column. (Building the input is the edge, so it is JSON; the answer is
/// the core's typed report.)
fn scenario_with_file(
    scenario: &str,
    file: Option<&str>,
    (field, key, argument): (&str, &str, &str),
    entries: impl FnOnce(Option<String>) -> Vec<(&'static str, serde_json::Value)>,
) -> Result<String, ApiError> {
    let scenario = read_input(scenario)?;
    let file = file.map(read_input).transpose()?;
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&scenario) else {
        return Ok(scenario);
    };
    if file.is_none() && value.get(field).and_then(|f| f.get(key)).is_none() {
        // A scenario the core refuses (a misspelt `csv.txt`, `batch.user`) is answered with the
        // core's errors, which name the key it meant; only a valid one lacks the file.
        if scenario::parse(&scenario).is_err() {
            return Ok(scenario);
        }
        return Err(with_help(
            flag_error(
                argument,
                &format!("no {argument}: the scenario has no `{field}.{key}` and none is given"),
            ),
            &format!("give the {argument} file after the scenario, or put it in the scenario's `{field}.{key}`"),
        ));
    }
    if let Some(object) = value.as_object_mut() {
        let target = object.entry(field).or_insert_with(|| serde_json::json!({}));
        if let Some(target) = target.as_object_mut() {
            for (key, entry) in entries(file) {
                target.insert(key.to_string(), entry);
            }
        }
    }
    Ok(value.to_string())
}

fn batch_command(args: &BatchArgs) -> ExitCode {
    let summary = args.summary;
    let text = match scenario_with_file(
        &args.scenario,
        args.directory.as_deref(),
        ("batch", "users", "DIRECTORY"),
        |users| {
            let mut entries = Vec::new();
            if let Some(users) = users {
                entries.push(("users", csv_or_list(users)));
            }
            if summary {
                entries.push(("summary_only", serde_json::Value::Bool(true)));
            }
            entries
        },
    ) {
        Ok(text) => text,
        Err(error) => {
            return emit(&Answer::<()>::failure(vec![error]), args.format, |_| {
                String::new()
            })
        }
    };
    let answer: Answer<BatchReport> = api::simulate_batch(&text).into();
    let refused = matches!(&answer, Answer::Success(report) if report.refused > 0);
    let code = emit_core(&answer, args.format, render_batch);
    if refused {
        ExitCode::from(1)
    } else {
        code
    }
}

fn csv_command(args: &CsvArgs) -> ExitCode {
    let text = match scenario_with_file(
        &args.scenario,
        args.upload.as_deref(),
        ("csv", "text", "UPLOAD"),
        |text| {
            text.map(|text| vec![("text", serde_json::Value::String(text))])
                .unwrap_or_default()
        },
    ) {
        Ok(text) => text,
        Err(error) => {
            return emit(&Answer::<()>::failure(vec![error]), args.format, |_| {
                String::new()
            })
        }
    };
    let answer: Answer<CsvReport> = api::diff_csv(&text).into();
    let code = emit_core(&answer, args.format, render_csv);
    let Answer::Success(report) = &answer else {
        return code;
    };
    match &args.safe_csv {
        Some(path) if !report.accepted => note(&format!(
            "provisim: the upload is rejected, so no safe CSV is written to {}: fix the errors first",
            path.display()
        )),
        Some(path) => {
            if let Err(e) = std::fs::write(path, &report.safe_csv) {
                note(&format!(
                    "error: cannot write the safe CSV to `{}`: {e}",
                    path.display()
                ));
                return ExitCode::from(2);
            }
            note(&format!("provisim: safe CSV written to {}", path.display()));
        }
        None => {}
    }
    if report.accepted && report.cleared == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

// The tables of the typed reports. Where a number used to be printed from the JSON answer, a
// `serde_json::Value`, its width was ignored (a `Value` writes itself whatever the width asked):
// those numbers are written without padding (`row {}` where `row {:<6}` was written), so that the
// tables stay byte for byte what they were.

fn render_csv(report: &CsvReport) -> String {
    let mut out = format!(
        "{}: {}; {} cleared for {}\n",
        count(report.rows, "row", "rows"),
        if report.accepted {
            "accepted"
        } else {
            "REJECTED (one invalid field rejects the whole upload)"
        },
        count(report.cleared, "setting", "settings"),
        count(report.users_with_cleared, "user", "users")
    );
    for e in &report.errors {
        // `row {:<5}` before, unpadded (see above).
        out.push_str(&format!(
            "  row {} {:<28} `{}`: {} [{}]\n",
            e.row, e.column, e.value, e.message, e.rule
        ));
    }
    for u in &report.users {
        out.push_str(&format!(
            "{} (row {}{})\n",
            u.email,
            u.row,
            if u.existed { "" } else { ", added" }
        ));
        for c in &u.changes {
            out.push_str(&format!(
                "    {:<42} `{}` -> `{}`{}\n",
                c.column,
                c.before,
                c.after,
                if c.cleared { "  CLEARED" } else { "" }
            ));
        }
    }
    render_warnings(&report.warnings, &mut out);
    out.trim_end().to_string()
}

fn render_warnings(warnings: &[Warning], out: &mut String) {
    for w in warnings {
        out.push_str(&format!(
            "Warning [{}] {}\n         {}\n",
            w.rule, w.message, w.help
        ));
    }
}

fn render_capacity(report: &CapacityReport) -> String {
    // No session, no peak: `-`, as for its time (this printed `peak null at -`).
    let (peak, at) = match &report.peak {
        Some(p) => (p.users.to_string(), p.at.as_str()),
        None => ("-".to_string(), "-"),
    };
    let mut out = format!(
        "Pool {} · grace {} min{} · {} of {} · peak {peak} at {at}\n",
        report.pool,
        report.grace_minutes,
        if report.zone_less_times > 0 {
            format!(
                " · {} without a zone read in {}",
                count(report.zone_less_times, "time", "times"),
                report.time_zone
            )
        } else {
            String::new()
        },
        count(report.sessions, "session", "sessions"),
        count(report.users, "user", "users"),
    );
    out.push_str(&format!(
        "{:<22} {:<22} {:>9} {:>6} {:>8}  {}\n",
        "Episode start", "End", "Seconds", "Excess", "Billable", "Why"
    ));
    for e in &report.episodes {
        // Seconds (`{:>9}`) and excess (`{:>6}`) were JSON values, so unpadded (see above).
        out.push_str(&format!(
            "{:<22} {:<22} {} {} {:>8}  [{}] {}\n",
            e.start,
            e.end,
            e.duration_seconds,
            e.peak_excess,
            if e.billable { "yes" } else { "no" },
            e.rule,
            e.reason
        ));
    }
    out.push_str(&format!(
        "{} within grace, {} billable, billable excess {}\n",
        report.within_grace, report.billable, report.billable_excess_total
    ));
    render_warnings(&report.warnings, &mut out);
    out.trim_end().to_string()
}

fn render_batch(report: &BatchReport) -> String {
    let mut out = format!(
        "{}: {} signed in ({} created, {} changed), {} refused\n",
        count(report.users, "user", "users"),
        report.signed_in,
        report.created,
        report.changed,
        report.refused
    );
    for (key, map) in [
        ("licenses", &report.licenses),
        ("packages", &report.packages),
        ("addons", &report.addons),
    ] {
        let parts: Vec<String> = map.iter().map(|(k, v)| format!("{k} {v}")).collect();
        if !parts.is_empty() {
            out.push_str(&format!("{key:<9} {}\n", parts.join(", ")));
        }
    }
    let basic = &report.basic_users;
    out.push_str(&format!(
        "basic     {} before, {} after (limit {})\n",
        basic.before, basic.after, basic.limit
    ));
    for r in &report.refusals {
        out.push_str(&format!(
            "Refused [{}] {}: {}\n",
            r.rule,
            count(r.users.count, "user", "users"),
            r.message
        ));
    }
    for o in &report.outcomes {
        // `row {:<6}` before, unpadded (see above).
        out.push_str(&format!(
            "  row {} {:<32} {:<10} [{}] {}\n",
            o.row,
            o.email,
            if o.decision.signed_in {
                "signed in"
            } else {
                "REFUSED"
            },
            o.decision.rule,
            count(o.changes.len() as u64, "change", "changes")
        ));
    }
    render_warnings(&report.warnings, &mut out);
    out.trim_end().to_string()
}

fn render_scim(report: &ScimReport) -> String {
    let mut out = String::new();
    for r in &report.results {
        out.push_str(&format!(
            "#{} [{}] {} {} -> {}\n",
            r.index,
            r.source.word(),
            r.method.word(),
            r.path,
            r.status
        ));
        for t in &r.trace {
            out.push_str(&format!("    [{}] {}\n", t.rule, t.message));
        }
        for c in &r.changes {
            // `before` and `after` are JSON values (a field's value), written as JSON.
            out.push_str(&format!(
                "    {:<36} {} -> {}\n",
                c.field, c.before, c.after
            ));
        }
    }
    render_warnings(&report.warnings, &mut out);
    out.trim_end().to_string()
}

/// Where a SCIM request came from, as the answer's JSON spells it.
fn render_sign_ins(report: &SignInReport) -> String {
    let mut out = String::new();
    for s in &report.sign_ins {
        let verdict = if s.decision.signed_in {
            "SIGNED IN"
        } else {
            "REFUSED"
        };
        out.push_str(&format!(
            "Sign-in {}: {verdict} [{}] {}\n",
            s.number, s.decision.rule, s.decision.message
        ));
        if let Some(r) = &s.received {
            out.push_str(&format!(
                "  Received from {} (status {}{})\n",
                r.issuer.as_deref().unwrap_or("an unnamed issuer"),
                r.status.code.rsplit(':').next().unwrap_or(""),
                r.status
                    .subcode
                    .as_deref()
                    .map(|c| format!(" / {}", c.rsplit(':').next().unwrap_or("")))
                    .unwrap_or_default()
            ));
            if let Some(n) = &r.name_id {
                out.push_str(&format!("    NameID {} ({})\n", n.value, n.format_word()));
            }
            for a in &r.attributes {
                out.push_str(&format!(
                    "    {}{} = {}\n",
                    a.name,
                    a.friendly_name
                        .as_deref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default(),
                    a.values.join(", ")
                ));
            }
        }
        for step in &s.steps {
            out.push_str(&format!("  [{}] {}\n", step.rule, step.message));
        }
        for section in &s.sections {
            out.push_str(&format!(
                "  {:<40} {:<17} [{}] {}\n",
                section.label,
                format!("{:?}", section.status),
                section.rule,
                section.message
            ));
            for r in &section.rules {
                out.push_str(&format!(
                    "      #{} {}{} ~ `{}` -> {}: {}\n",
                    r.index + 1,
                    r.attribute,
                    r.friendly_name
                        .as_deref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default(),
                    r.value,
                    r.result,
                    r.reason
                ));
            }
        }
        if !s.changes.is_empty() {
            out.push_str("  Changes:\n");
            for c in &s.changes {
                out.push_str(&format!(
                    "    {:<36} {} -> {}\n",
                    c.field, c.before, c.after
                ));
            }
        }
    }
    if !report.warnings.is_empty() {
        out.push_str("Warnings:\n");
        for w in &report.warnings {
            out.push_str(&format!(
                "  [{}] {}\n         {}\n",
                w.rule, w.message, w.help
            ));
        }
    }
    out.push_str("Settings:");
    for setting in &report.settings {
        out.push_str(&format!(
            " {}={}{}",
            setting.name,
            setting.value,
            if setting.default { "" } else { " (changed)" }
        ));
    }
    out
}

fn seats_command(args: &SeatsArgs) -> ExitCode {
    let answer = match &args.file {
        Some(path) => match read_input(path) {
            Ok(text) if is_scenario(&text) => seats_of_scenario(&text),
            Ok(text) => api::plan_seats(&text).into(),
            Err(error) => Answer::failure(vec![error]),
        },
        None => match input_from_flags(args) {
            Some(input) => Answer::Success(seats::plan(&input)),
            None => Answer::failure(vec![flag_error("--agents", "missing required flags")]),
        },
    };
    emit(&answer, args.format, render_seats)
}

/// A `"provisim": 1` document rather than the seat planner's input alone.
fn is_scenario(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .is_some_and(|v| v.get("provisim").is_some())
}

/// The seat plan of a scenario's `seats` (docs/scenario-format.md: the input alone, or a scenario's
/// `seats`), every error of the scenario located in it.
fn seats_of_scenario(text: &str) -> Answer<SeatPlan> {
    match scenario::parse(text) {
        Ok(scenario) => match &scenario.seats {
            Some(input) => Answer::Success(seats::plan(input)),
            None => Answer::failure(vec![ApiError {
                message: "the scenario has no `seats`".to_string(),
                path: "/seats".to_string(),
                help: Some(
                    "add `\"seats\": {\"agents\": 100, \"package\": \"elite\", \"licensing\": \"concurrent\", \"pool\": 25}`, or give the seat input alone".to_string(),
                ),
                rule: None,
                line: None,
                column: None,
            }]),
        },
        Err(errors) => Answer::failure(errors.into_iter().map(ApiError::from).collect()),
    }
}

fn input_from_flags(args: &SeatsArgs) -> Option<SeatInput> {
    Some(SeatInput {
        agents: args.agents?,
        package: match args.package? {
            PackageArg::Essentials => Package::Essentials,
            PackageArg::Premium => Package::Premium,
            PackageArg::Elite => Package::Elite,
        },
        licensing: match args.licensing? {
            LicensingArg::Named => Licensing::Named,
            LicensingArg::Concurrent => Licensing::Concurrent,
        },
        bundle: args.bundle.map(|b| match b {
            BundleArg::Bundled => Bundle::Bundled,
            BundleArg::Unbundled => Bundle::Unbundled,
        }),
        pool: args.pool?,
        addons: AddOnCounts {
            wfm: args.wfm,
            qm: args.qm,
            ai_expert_assist: args.ai,
        },
    })
}

fn flag_error(flag: &str, message: &str) -> ApiError {
    ApiError {
        message: message.to_string(),
        path: flag.to_string(),
        help: None,
        rule: None,
        line: None,
        column: None,
    }
}

fn read_input(path: &str) -> Result<String, ApiError> {
    let result = if path == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    };
    let text = result.map_err(|e| ApiError {
        message: format!("cannot read `{path}`: {e}"),
        path: path.to_string(),
        help: Some("give the path of a JSON file, or - for standard input".to_string()),
        rule: None,
        line: None,
        column: None,
    })?;
    refuse_test_case(path, &text)?;
    Ok(text)
}

/// A test case of `tests/scenarios/` (`title`, `rules`, `call`, `input`, `expect`) given where a
/// command reads its input is refused, with where the input is and the command that runs it.
fn refuse_test_case(path: &str, text: &str) -> Result<(), ApiError> {
    if !text.trim_start().starts_with('{') {
        return Ok(());
    }
    let Ok(serde_json::Value::Object(case)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        return Ok(());
    };
    let is_case = ["call", "input", "expect"]
        .iter()
        .all(|key| case.contains_key(*key))
        && !case.contains_key("provisim");
    if !is_case {
        return Ok(());
    }
    let call = case.get("call").and_then(|c| c.as_str()).unwrap_or("");
    let command = api::export(call).map_or("saml", cli_command);
    let file = if path == "-" { "case.json" } else { path };
    let run = if command == "impact" {
        // Three inputs: the two scenarios and the users (CSV text, or a JSON list), each a file.
        let csv = case
            .get("input")
            .and_then(|i| i.get("users"))
            .is_some_and(serde_json::Value::is_string);
        let (raw, users) = if csv {
            ("-r ", "users.csv")
        } else {
            ("", "users.json")
        };
        format!(
            "`jq .input.before {file} > before.json && jq .input.after {file} > after.json && jq {raw}.input.users {file} > {users} && provisim impact before.json after.json {users}`"
        )
    } else {
        format!("`jq .input {file} | provisim {command} -`")
    };
    Err(ApiError {
        message: format!(
            "`{file}` is a test case of provisim's corpus (`title`, `rules`, `call`, `input`, `expect`), not its input: the {} is under `input`",
            if command == "capacity" || command == "seats" { "input" } else { "scenario" }
        ),
        path: "/input".to_string(),
        help: Some(format!(
            "run the case's input: {run} (its call is `{call}`); runnable examples are in examples/{command}/"
        )),
        rule: None,
        line: None,
        column: None,
    })
}

/// Prints an answer and returns the exit code: 0 success, 2 invalid input. Each error is said on
/// standard error with its line and column when it has them.
fn emit<T: serde::Serialize>(
    answer: &Answer<T>,
    format: Format,
    table: fn(&T) -> String,
) -> ExitCode {
    emit_with(answer, format, table, Place::Said)
}

/// [`emit`] for the answers of `scim`, `capacity`, `batch` and `csv`, whose errors from the core
/// have always been said without their line and column (they were read back from the JSON
/// answer); kept so, byte for byte.
fn emit_core<T: serde::Serialize>(
    answer: &Answer<T>,
    format: Format,
    table: fn(&T) -> String,
) -> ExitCode {
    emit_with(answer, format, table, Place::Unsaid)
}

/// Whether an error on standard error names its line and column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Said,
    Unsaid,
}

fn emit_with<T: serde::Serialize>(
    answer: &Answer<T>,
    format: Format,
    table: fn(&T) -> String,
    place: Place,
) -> ExitCode {
    match answer {
        Answer::Success(value) => {
            let text = match format {
                Format::Json => pretty(answer),
                Format::Table => table(value),
            };
            say(&text);
            ExitCode::SUCCESS
        }
        Answer::Failure { errors, .. } => {
            if matches!(format, Format::Json) {
                say(&pretty(answer));
            }
            for e in errors {
                let place = match (place, e.line, e.column) {
                    (Place::Said, Some(l), Some(c)) => format!(" (line {l}, column {c})"),
                    _ => String::new(),
                };
                note(&format!("error: {} at `{}`{place}", e.message, e.path));
                if let Some(help) = &e.help {
                    note(&format!("  help: {help}"));
                }
            }
            ExitCode::from(2)
        }
    }
}

/// Writes a line to standard output. A reader that stopped reading (`provisim … | head`, a
/// closed pipe) is a normal end: the rest is dropped and the exit code is the answer's. Any other
/// failure to write is said on standard error.
fn say(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            note(&format!("error: cannot write to standard output: {e}"));
        }
        _ => {}
    }
}

/// Writes a line to standard error; one that cannot be written (closed) is dropped, never a panic.
fn note(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.write_all(b"\n"));
}

fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(&api::to_value(value)).unwrap_or_default()
}

fn render_seats(plan: &SeatPlan) -> String {
    let mut out = format!(
        "{:<22} {:>11} {:>14} {:>10} {:>10}\n",
        "Product", "With access", "Without access", "Add-ons", "Needed"
    );
    for p in &plan.products {
        out.push_str(&format!(
            "{:<22} {:>11} {:>14} {:>10} {:>10}\n",
            p.product.label(),
            p.with_access,
            p.without_access,
            format!("{}/{}", p.addons_used, p.addons_held),
            p.addons_needed
        ));
    }
    if !plan.warnings.is_empty() {
        out.push_str("\nWarnings:\n");
        for w in &plan.warnings {
            out.push_str(&format!(
                "  [{}] {}\n         {}\n",
                w.rule, w.message, w.help
            ));
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    /// The subcommands of `provisim`, as clap parses them.
    fn commands() -> Vec<String> {
        Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect()
    }

    /// Commands that run no export of the core: `schema` prints the scenario's JSON Schema.
    const NOT_EXPORTS: &[&str] = &["schema"];

    #[test]
    fn every_export_has_its_command_and_every_command_an_export() {
        // Adding a row to the core's export table (`api::EXPORTS`) without its command here, or a
        // command without its row, fails this test (issue 14).
        let commands = commands();
        for export in api::EXPORTS {
            let command = cli_command(export);
            assert!(
                commands.iter().any(|c| c == command),
                "the export `{}` names the command `{}`, which provisim does not have: add it (and its example in examples/), or say in RUN_BY which command runs it",
                export.name,
                export.command
            );
        }
        for command in &commands {
            if NOT_EXPORTS.contains(&command.as_str()) {
                continue;
            }
            assert!(
                api::EXPORTS.iter().any(|e| cli_command(e) == command),
                "the command `{command}` runs no export of api::EXPORTS"
            );
        }
    }

    #[test]
    fn run_by_names_exports_without_a_command_of_their_own() {
        let commands = commands();
        for (command, by) in RUN_BY {
            assert!(
                api::EXPORTS.iter().any(|e| e.command == *command),
                "RUN_BY names `{command}`, which no export has"
            );
            assert!(
                !commands.iter().any(|c| c == command),
                "`{command}` is a command now: remove it from RUN_BY"
            );
            assert!(commands.iter().any(|c| c == by), "no command `{by}`");
        }
    }

    #[test]
    fn a_test_case_is_sent_to_the_command_of_its_call() {
        for (call, command) in [
            ("planSeats", "seats"),
            ("simulateSignIn", "saml"),
            ("simulateScim", "scim"),
            ("simulateCapacity", "capacity"),
            ("simulateBatch", "batch"),
            ("diffCsv", "csv"),
            ("validateScenario", "lint"),
            ("lintScenario", "lint"),
        ] {
            let case =
                format!(r#"{{"title": "t", "call": "{call}", "input": {{}}, "expect": {{}}}}"#);
            let help = refuse_test_case("case.json", &case)
                .err()
                .and_then(|e| e.help)
                .unwrap_or_default();
            assert!(
                help.contains(&format!("| provisim {command} -`")),
                "{call}: {help}"
            );
        }
    }
}
