//! `provisim lint` and `provisim impact`: a configuration's findings (table, JSON, SARIF 2.1.0 for
//! code-scanning views) and a change's impact over a directory (table, JSON, JUnit XML), for CI.

use clap::{Args, ValueEnum};
use provisim_core::api::{self, Answer, ApiError};
use provisim_core::impact::{self, Field, ImpactReport};
use provisim_core::lint::{LintReport, Severity};
use provisim_core::{locate, rules, scenario};
use std::io::Write as _;
use std::process::ExitCode;

#[derive(Args)]
pub struct LintArgs {
    /// The scenario (JSON, `"provisim": 1`), or - for standard input.
    scenario: String,
    /// Output format: a table, the JSON of `lintScenario`, or SARIF 2.1.0.
    #[arg(long, value_enum, default_value_t = LintFormat::Table)]
    format: LintFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LintFormat {
    Table,
    Json,
    Sarif,
}

#[derive(Args)]
pub struct ImpactArgs {
    /// The configuration as it is (a scenario); its `directory` holds the users' state.
    before: String,
    /// The configuration as it would be (a scenario).
    after: String,
    /// The users: CSV (`name_id`, then one column per SAML attribute; several values in a cell
    /// separated by `;`) or a JSON list of users, as `provisim batch` takes them.
    users: String,
    /// Exit 1 when more than this many users' outcome changes.
    #[arg(long)]
    max_changed: Option<u64>,
    /// How many changed users (and emails per change) the report names.
    #[arg(long, default_value_t = 20)]
    list_limit: u32,
    /// Output format: a table, the JSON of `simulateImpact`, or JUnit XML.
    #[arg(long, value_enum, default_value_t = ImpactFormat::Table)]
    format: ImpactFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ImpactFormat {
    Table,
    Json,
    Junit,
}

/// Exit 0 no error-level finding, 1 an error-level finding, 2 invalid input.
pub fn lint_command(args: &LintArgs) -> ExitCode {
    let text = match crate::read_input(&args.scenario) {
        Ok(text) => text,
        Err(error) => return failure(vec![error], args.format == LintFormat::Json),
    };
    let report = match api::lint_scenario(&text) {
        Ok(report) => report,
        Err(errors) => {
            return failure(
                errors.into_iter().map(ApiError::from).collect(),
                args.format == LintFormat::Json,
            )
        }
    };
    let out = match args.format {
        LintFormat::Json => pretty(&Answer::Success(&report)),
        LintFormat::Table => lint_table(&report, &text),
        LintFormat::Sarif => sarif(&report, &text, &args.scenario),
    };
    let _ = writeln!(std::io::stdout().lock(), "{out}");
    if report.counts.error > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Exit 0 within `--max-changed` (or no limit), 1 more users changed, 2 invalid input.
pub fn impact_command(args: &ImpactArgs) -> ExitCode {
    let json = args.format == ImpactFormat::Json;
    let mut errors = Vec::new();
    let mut side = |path: &str| -> Option<scenario::Scenario> {
        let text = match crate::read_input(path) {
            Ok(text) => text,
            Err(error) => {
                errors.push(error);
                return None;
            }
        };
        match scenario::parse(&text) {
            Ok(parsed) => Some(parsed),
            Err(list) => {
                errors.extend(list.into_iter().map(|e| {
                    let mut e = ApiError::from(e);
                    e.message = format!("{path}: {}", e.message);
                    e
                }));
                None
            }
        }
    };
    let before = side(&args.before);
    let after = side(&args.after);
    let users = match crate::read_input(&args.users) {
        Ok(text) => Some(text),
        Err(error) => {
            errors.push(error);
            None
        }
    };
    let (Some(before), Some(after), Some(users)) = (before, after, users) else {
        return failure(errors, json);
    };
    let users = match serde_json::from_value(crate::csv_or_list(users)) {
        Ok(users) => users,
        Err(e) => {
            return failure(
                vec![ApiError::from(provisim_core::input::InputError::new(
                    args.users.clone(),
                    format!("the users are neither CSV nor a JSON list: {e}"),
                ))],
                json,
            )
        }
    };
    let report = match impact::compare(
        &before,
        &after,
        Some(users),
        args.list_limit,
        ";",
        &args.users,
    ) {
        Ok(report) => report,
        Err(list) => return failure(list.into_iter().map(ApiError::from).collect(), json),
    };
    let out = match args.format {
        ImpactFormat::Json => pretty(&Answer::Success(&report)),
        ImpactFormat::Table => impact_table(&report),
        ImpactFormat::Junit => junit(&report),
    };
    let _ = writeln!(std::io::stdout().lock(), "{out}");
    match args.max_changed {
        Some(max) if report.changed > max => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "provisim: {}, more than --max-changed {max}",
                possessive(report.changed, "outcome changes", "outcomes change")
            );
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Prints the errors (and, for JSON, the failure answer); exit 2.
fn failure(errors: Vec<ApiError>, json: bool) -> ExitCode {
    let answer = Answer::<()>::failure(errors);
    if json {
        let _ = writeln!(std::io::stdout().lock(), "{}", pretty(&answer));
    }
    if let Answer::Failure { errors, .. } = &answer {
        let mut stderr = std::io::stderr().lock();
        for e in errors {
            let place = match (e.line, e.column) {
                (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
                _ => String::new(),
            };
            let _ = writeln!(stderr, "error: {} at `{}`{place}", e.message, e.path);
            if let Some(help) = &e.help {
                let _ = writeln!(stderr, "  help: {help}");
            }
        }
    }
    ExitCode::from(2)
}

fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(&api::to_value(value)).unwrap_or_default()
}

fn lint_table(report: &LintReport, text: &str) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let place = locate::locate(text, &f.pointer)
            .map(|(l, c)| format!(" (line {l}, column {c})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:<7} [{}] {}{place}\n        {}\n        fix: {}\n",
            f.severity.key(),
            f.rule,
            f.pointer,
            f.message,
            f.fix
        ));
    }
    let c = report.counts;
    out.push_str(&format!(
        "{}, {}, {}",
        provisim_core::explain::count(c.error, "error", "errors"),
        provisim_core::explain::count(c.warning, "warning", "warnings"),
        provisim_core::explain::count(c.info, "note", "notes")
    ));
    out
}

/// SARIF 2.1.0: one result per finding, at the line and column of its pointer in the file.
fn sarif(report: &LintReport, text: &str, uri: &str) -> String {
    let mut ids: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    ids.sort_unstable();
    ids.dedup();
    let rules: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| {
            serde_json::json!({
                "id": id,
                "shortDescription": {"text": rules::text(id).map(short).unwrap_or_default()},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            let (line, column) = locate::locate(text, &f.pointer).unwrap_or((1, 1));
            serde_json::json!({
                "ruleId": f.rule,
                "ruleIndex": ids.iter().position(|id| *id == f.rule).unwrap_or(0),
                "level": match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "note",
                },
                "message": {"text": format!("{}. Fix: {}.", f.message, f.fix)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {"startLine": line, "startColumn": column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer, "kind": "member"}],
                }],
            })
        })
        .collect();
    let log = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "provisim",
                "version": provisim_core::VERSION,
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// A catalogue row's first sentence, without Markdown emphasis.
fn short(text: &str) -> String {
    let plain = text.replace("**", "");
    let end = plain.find(". ").map_or(plain.len(), |i| i + 1);
    plain.get(..end).unwrap_or(&plain).to_string()
}

/// "1 user", "2 users".
fn users(n: impl Into<u64>) -> String {
    provisim_core::explain::count(n, "user", "users")
}

/// "1 user's outcome changes", "2 users' outcomes change".
fn possessive(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 user's {one}")
    } else {
        format!("{n} users' {many}")
    }
}

fn impact_table(report: &ImpactReport) -> String {
    let mut out = format!(
        "{}\n{} compared: {} changed, {} unchanged\n",
        report.headline,
        users(report.users),
        report.changed,
        report.unchanged
    );
    for field in &report.fields {
        out.push_str(&format!(
            "{} ({})\n",
            field.field.label(),
            users(field.changed)
        ));
        for c in &field.changes {
            out.push_str(&format!(
                "  {} -> {}: {} ({})\n      before [{}] {}\n      after  [{}] {}\n",
                c.before.value,
                c.after.value,
                users(c.users.count),
                c.users.describe(),
                c.before.rule,
                c.before.reason,
                c.after.rule,
                c.after.reason
            ));
        }
        if field.other_changes > 0 {
            out.push_str(&format!(
                "  {} with other changes\n",
                users(field.other_changes)
            ));
        }
    }
    out.trim_end().to_string()
}

/// JUnit XML: one test case per field (a failure lists who changes and why), then one per changed
/// user listed.
fn junit(report: &ImpactReport) -> String {
    let mut cases = String::new();
    let mut failures = 0;
    let mut tests = 0;
    for field in Field::ALL {
        tests += 1;
        let name = format!("{:?}", field).to_lowercase();
        match report.fields.iter().find(|f| f.field == field) {
            Some(f) => {
                failures += 1;
                let mut body = String::new();
                for c in &f.changes {
                    body.push_str(&format!(
                        "{} -> {}: {} ({})\n  before [{}] {}\n  after [{}] {}\n",
                        c.before.value,
                        c.after.value,
                        users(c.users.count),
                        c.users.describe(),
                        c.before.rule,
                        c.before.reason,
                        c.after.rule,
                        c.after.reason
                    ));
                }
                cases.push_str(&format!(
                    "    <testcase classname=\"provisim.impact.field\" name=\"{}\">\n      <failure message=\"{}\" type=\"changed\">{}</failure>\n    </testcase>\n",
                    xml(&name),
                    xml(&possessive(
                        f.changed,
                        &format!("{} changes", field.label()),
                        &format!("{} changes", field.label())
                    )),
                    xml(&body)
                ));
            }
            None => cases.push_str(&format!(
                "    <testcase classname=\"provisim.impact.field\" name=\"{}\"/>\n",
                xml(&name)
            )),
        }
    }
    for user in &report.changed_users {
        tests += 1;
        failures += 1;
        let body: String = user
            .fields
            .iter()
            .map(|c| {
                format!(
                    "{}: {} [{}] -> {} [{}]\n",
                    c.field.label(),
                    c.before.value,
                    c.before.rule,
                    c.after.value,
                    c.after.rule
                )
            })
            .collect();
        cases.push_str(&format!(
            "    <testcase classname=\"provisim.impact.user\" name=\"{}\">\n      <failure message=\"{}\" type=\"changed\">{}</failure>\n    </testcase>\n",
            xml(&format!("row {} {}", user.row, user.email)),
            xml(&format!(
                "{} {}",
                provisim_core::explain::count(user.fields.len() as u64, "field", "fields"),
                if user.fields.len() == 1 { "changes" } else { "change" }
            )),
            xml(&body)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"provisim impact\" tests=\"{tests}\" failures=\"{failures}\">\n  <testsuite name=\"impact\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n    <properties>\n      <property name=\"headline\" value=\"{}\"/>\n    </properties>\n{cases}  </testsuite>\n</testsuites>",
        xml(&report.headline)
    )
}

/// Text escaped for XML attributes and content.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
