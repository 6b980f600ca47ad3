//! Contact Center bulk CSV uploads (CSV-01..CSV-04): read the upload with the columns as Zoom names
//! them, validate every cell and report every error at once, show per user what the upload would
//! change and every setting it would **clear**, and write the safe CSV that changes only what the
//! upload meant to set.

mod columns;

pub use columns::{Field, COLUMNS, EMAIL_HEADER};

use crate::explain::{Step, Warning};
use crate::input::{nearest, InputError};
use crate::model::{Setup, User};
use crate::rules::{self, RuleId};
use crate::settings::SettingEcho;
use crate::table;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most users one upload may hold (CSV-04's Assumption).
pub const MAX_ROWS: usize = 1_000;

/// The bulk upload to check: the `csv` field of a scenario; the users it updates are the
/// scenario's `directory`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvInput {
    /// The CSV text as it would be uploaded: a header row with Zoom's column names (`Email`,
    /// `Role`, `License (Package)`, `Add-ons`, …), then one row per user.
    pub text: String,
    /// What separates several values in one cell (queues, skills, add-ons, integrations); default `;`.
    #[serde(default = "default_separator")]
    pub value_separator: String,
}

fn default_separator() -> String {
    ";".to_string()
}

/// One invalid cell (or row, or header) of the upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CellError {
    /// The line of the CSV text (the header is row 1).
    pub row: u64,
    /// The column's header, or empty for a whole row.
    pub column: String,
    pub value: String,
    pub message: String,
    pub help: Option<String>,
    pub rule: RuleId,
}

/// One setting the upload changes for a user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CsvChange {
    /// The column as Zoom names it.
    pub column: &'static str,
    /// The user's field, as a JSON pointer.
    pub field: &'static str,
    /// The setting as a CSV cell, before and after (empty: not set).
    pub before: String,
    pub after: String,
    /// The upload clears a setting the user had (CSV-02).
    pub cleared: bool,
    pub rule: RuleId,
}

/// What the upload does to one user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CsvUser {
    pub row: u64,
    pub email: String,
    /// Whether the account has the user (else the upload adds them).
    pub existed: bool,
    pub changes: Vec<CsvChange>,
    /// The user after the upload.
    pub user: User,
}

/// The upload checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CsvReport {
    pub settings: Vec<SettingEcho>,
    /// Whether Zoom would take the upload: one invalid field rejects all of it (CSV-04).
    pub accepted: bool,
    /// Users (data rows) in the upload.
    pub rows: u64,
    /// Every invalid cell, row or header, in row order.
    pub errors: Vec<CellError>,
    /// Per user, what the upload would change (for the valid rows, even when rejected).
    pub users: Vec<CsvUser>,
    /// Settings the upload would clear, and the users losing at least one.
    pub cleared: u64,
    pub users_with_cleared: u64,
    /// The safe CSV (CSV-03): the upload merged over each user's current profile; empty when
    /// the upload is rejected.
    pub safe_csv: String,
    pub trace: Vec<Step>,
    pub warnings: Vec<Warning>,
}

/// A valid row: the email and the cells by field (`None`: the column is missing).
struct Row {
    line: u64,
    email: String,
    cells: BTreeMap<Field, String>,
}

/// Checks an upload against the account's directory: one invalid field rejects it all (CSV-04),
/// and an accepted one comes with its safe CSV (CSV-03).
pub fn check(setup: &Setup, input: &CsvInput) -> CsvReport {
    let separator = input.value_separator.as_str();
    let mut errors = Vec::new();
    let (columns, count, rows) = read(&input.text, separator, &mut errors);
    let directory: BTreeMap<String, &User> = setup
        .directory
        .iter()
        .map(|u| (u.email.to_lowercase(), u))
        .collect();

    let mut users = Vec::new();
    let mut cleared = 0u64;
    let mut users_with_cleared = 0u64;
    let mut safe = csv::Writer::from_writer(Vec::new());
    let mut header = vec![EMAIL_HEADER];
    header.extend(COLUMNS.iter().map(|c| c.header));
    let _ = safe.write_record(&header);
    for row in &rows {
        let before = directory.get(&row.email.to_lowercase()).copied();
        let start = before.cloned().unwrap_or_else(|| User::new(&row.email));
        let mut after = start.clone();
        let mut changes = Vec::new();
        let mut safe_row = vec![row.email.clone()];
        for column in COLUMNS {
            let old = column.field.read(&start.contact_center, separator);
            let given = row.cells.get(&column.field).cloned().unwrap_or_default();
            column
                .field
                .write(&mut after.contact_center, &given, separator);
            let new = column.field.read(&after.contact_center, separator);
            // CSV-03: the safe CSV keeps the current value where the upload gives none.
            safe_row.push(if given.is_empty() {
                old.clone()
            } else {
                new.clone()
            });
            if old != new {
                let was_cleared = new.is_empty();
                changes.push(CsvChange {
                    column: column.header,
                    field: column.field.pointer(),
                    before: old,
                    after: new,
                    cleared: was_cleared,
                    rule: rules::CSV_02,
                });
            }
        }
        let lost = changes.iter().filter(|c| c.cleared).count() as u64;
        cleared += lost;
        if lost > 0 {
            users_with_cleared += 1;
        }
        let _ = safe.write_record(&safe_row);
        users.push(CsvUser {
            row: row.line,
            email: row.email.clone(),
            existed: before.is_some(),
            changes,
            user: after,
        });
    }
    let accepted = errors.is_empty();
    // A rejected upload has no safe CSV: it would drop the invalid rows' users, or (over 1,000
    // rows) be refused itself. The admin fixes the errors first.
    let safe_csv = if accepted {
        safe.into_inner()
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let mut trace = vec![
        Step::new(
            rules::CSV_01,
            format!(
                "{}; columns read: {}; several values in a cell are separated by `{separator}`",
                crate::explain::count(count as u64, "row", "rows"),
                if columns.is_empty() {
                    "none".to_string()
                } else {
                    columns.join(", ")
                }
            ),
        ),
        Step::new(
            rules::CSV_02,
            "users are updated exactly as the CSV says: an empty or missing column clears the setting, and list columns replace the user's values",
        ),
        Step::new(
            rules::CSV_04,
            format!(
                "at most {MAX_ROWS} users per upload, and one invalid field rejects the whole upload (Assumption: a Zoom support article, not the seeds)"
            ),
        ),
    ];
    let added = users.iter().filter(|u| !u.existed).count();
    if added > 0 {
        trace.push(Step::new(
            rules::CSV_01,
            if added == 1 {
                "1 row names a user the directory does not have: the upload adds it as a new Contact Center user".to_string()
            } else {
                format!("{added} rows name users the directory does not have: the upload adds them as new Contact Center users")
            },
        ));
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| !columns.contains(&c.header))
        .map(|c| c.header)
        .collect();
    if !missing.is_empty() && !rows.is_empty() {
        trace.push(Step::new(
            rules::CSV_02,
            format!(
                "columns missing from the upload, so cleared for every user: {}",
                missing.join(", ")
            ),
        ));
    }
    if !accepted {
        trace.push(Step::new(
            rules::CSV_03,
            "no safe CSV for a rejected upload: it would leave out the invalid rows' users; fix the errors first",
        ));
    } else if !rows.is_empty() {
        trace.push(Step::new(
            rules::CSV_03,
            "the safe CSV is this upload merged over each user's current settings: every column, each empty cell filled with what the user holds today, so uploading it changes only what this upload meant to set",
        ));
    }
    // The scenario's own notes first (the old WFM/QM form, LIC-08).
    let mut warnings: Vec<Warning> = setup.notes.clone();
    if !accepted {
        warnings.push(Warning::new(
            rules::CSV_04,
            format!(
                "{} invalid field{}: Zoom rejects the whole upload and changes nothing",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ),
            "fix every error listed (row, column, value), then upload again",
        ));
    }
    if cleared > 0 {
        let mut examples: Vec<String> = users
            .iter()
            .filter_map(|u| {
                let lost: Vec<&str> = u
                    .changes
                    .iter()
                    .filter(|c| c.cleared)
                    .map(|c| c.column)
                    .collect();
                (!lost.is_empty()).then(|| format!("{} loses {}", u.email, lost.join(", ")))
            })
            .take(3)
            .collect();
        if users_with_cleared > 3 {
            examples.push(format!("and {} more users", users_with_cleared - 3));
        }
        warnings.push(Warning::new(
            rules::CSV_02,
            format!(
                "the upload clears {cleared} setting{} of {users_with_cleared} user{}: {}",
                if cleared == 1 { "" } else { "s" },
                if users_with_cleared == 1 { "" } else { "s" },
                examples.join("; ")
            ),
            if accepted {
                "upload the safe CSV instead (CSV-03): it repeats each user's current values where the upload leaves a cell empty or a column out"
            } else {
                "once the errors are fixed, upload the safe CSV instead (CSV-03): it repeats each user's current values where the upload leaves a cell empty or a column out"
            },
        ));
    }
    CsvReport {
        settings: vec![SettingEcho {
            name: "value_separator",
            value: separator.to_string(),
            rule: rules::CSV_01,
            default: separator == ";",
        }],
        accepted,
        rows: count as u64,
        errors,
        users,
        cleared,
        users_with_cleared,
        safe_csv,
        trace,
        warnings,
    }
}

/// Reads and validates the upload: the column headers found (Zoom's names, in upload order), the
/// number of data rows, and the valid rows; every problem goes to `errors`. With a bad header no row
/// is valid: what the upload would change is unknown until every column is one Zoom knows.
fn read(
    text: &str,
    separator: &str,
    errors: &mut Vec<CellError>,
) -> (Vec<&'static str>, usize, Vec<Row>) {
    let mut input_errors = Vec::new();
    let Some(mut table) = table::read(
        text,
        "/csv/text",
        "start with the header row: `Email,Role,License (Package),Add-ons,…`",
        &mut input_errors,
    ) else {
        errors.extend(
            input_errors
                .into_iter()
                .map(|e| row_error(e, rules::CSV_01)),
        );
        return (Vec::new(), 0, Vec::new());
    };
    // The header: every column must be one Zoom knows, once, and the email must be there.
    let mut fields: Vec<Option<Field>> = Vec::new();
    let mut found: Vec<&'static str> = Vec::new();
    let mut email_at = None;
    for (i, name) in table.header.iter().enumerate() {
        let key = columns::normalise(name);
        if columns::is_email(&key) {
            if email_at.is_some() {
                errors.push(header_error(name, "the header names the email twice", None));
            }
            email_at = Some(i);
            fields.push(None);
            continue;
        }
        match columns::find(&key) {
            Some(column) if found.contains(&column.header) => {
                errors.push(header_error(
                    name,
                    &format!("the header names `{}` twice", column.header),
                    None,
                ));
                fields.push(None);
            }
            Some(column) => {
                found.push(column.header);
                fields.push(Some(column.field));
            }
            None => {
                let near = nearest(
                    name,
                    COLUMNS
                        .iter()
                        .map(|c| c.header)
                        .chain(std::iter::once(EMAIL_HEADER)),
                );
                errors.push(header_error(
                    name,
                    &format!("`{name}` is not a Contact Center CSV column"),
                    Some(match near {
                        Some(n) => format!(
                            "did you mean `{n}`? the columns are `{EMAIL_HEADER}` and {}",
                            columns::list()
                        ),
                        None => format!("the columns are `{EMAIL_HEADER}` and {}", columns::list()),
                    }),
                ));
                fields.push(None);
            }
        }
    }
    if email_at.is_none() {
        errors.push(header_error(
            "",
            "the header has no `Email` column: no row names its user",
            Some("add an `Email` column with each user's email".to_string()),
        ));
    }
    let header_ok = errors.is_empty();

    let mut rows = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut count = 0usize;
    while let Some((line, record)) = table.next_row(&mut input_errors) {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        count += 1;
        if count == MAX_ROWS + 1 {
            errors.push(CellError {
                row: line,
                column: String::new(),
                value: String::new(),
                message: format!("the upload holds more than {MAX_ROWS} users"),
                help: Some(format!("split it into uploads of at most {MAX_ROWS} rows")),
                rule: rules::CSV_04,
            });
        }
        let Some(email_at) = email_at else {
            continue;
        };
        let email = record.get(email_at).unwrap_or("").trim().to_string();
        let mut ok = true;
        if email.is_empty() || !email.contains('@') {
            ok = false;
            errors.push(CellError {
                row: line,
                column: EMAIL_HEADER.to_string(),
                value: email.clone(),
                message: if email.is_empty() {
                    "the row names no user: the email is empty".to_string()
                } else {
                    format!("`{email}` is not an email")
                },
                help: Some("give the user's email, e.g. `ana@example.com`".to_string()),
                rule: rules::CSV_04,
            });
        } else if let Some(first) = seen.insert(email.to_lowercase(), line) {
            ok = false;
            errors.push(CellError {
                row: line,
                column: EMAIL_HEADER.to_string(),
                value: email.clone(),
                message: format!("`{email}` is already on row {first}"),
                help: Some("give each user one row".to_string()),
                rule: rules::CSV_04,
            });
        }
        let mut cells = BTreeMap::new();
        for (field, cell) in fields.iter().zip(record.iter()) {
            let Some(field) = field else {
                continue;
            };
            match field.parse(cell.trim(), separator) {
                Ok(value) => {
                    cells.insert(*field, value);
                }
                Err((message, help)) => {
                    ok = false;
                    errors.push(CellError {
                        row: line,
                        column: field.header().to_string(),
                        value: cell.to_string(),
                        message,
                        help: Some(help),
                        rule: rules::CSV_04,
                    });
                }
            }
        }
        if ok && header_ok {
            rows.push(Row { line, email, cells });
        }
    }
    errors.extend(
        input_errors
            .into_iter()
            .map(|e| row_error(e, rules::CSV_04)),
    );
    errors.sort_by_key(|e| e.row);
    (found, count, rows)
}

fn header_error(column: &str, message: &str, help: Option<String>) -> CellError {
    CellError {
        row: 1,
        column: column.to_string(),
        value: column.to_string(),
        message: message.to_string(),
        help,
        rule: rules::CSV_01,
    }
}

fn row_error(e: InputError, rule: RuleId) -> CellError {
    CellError {
        row: e.line.map_or(0, |l| l as u64),
        column: String::new(),
        value: String::new(),
        message: e.message,
        help: e.help,
        rule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::license::Package;

    fn agent(email: &str) -> User {
        let mut u = User::new(email);
        u.contact_center.package = Some(Package::Elite);
        u.contact_center.role = Some("Agent".into());
        u.contact_center.agent_queues = vec!["Billing".into(), "Sales".into()];
        u.contact_center.skills = vec!["English".into()];
        u
    }

    fn run(text: &str, directory: Vec<User>) -> CsvReport {
        let mut scenario: crate::scenario::Scenario =
            crate::input::parse_json(r#"{"provisim": 1}"#).unwrap();
        scenario.directory = directory;
        check(
            &scenario.setup(),
            &CsvInput {
                text: text.to_string(),
                value_separator: ";".to_string(),
            },
        )
    }

    #[test]
    fn uploading_only_skills_clears_license_and_queues() {
        // CSV-02: the documented trap.
        let report = run(
            "Email,Skills\nana@x.com,English;Spanish\n",
            vec![agent("ana@x.com")],
        );
        assert!(report.accepted);
        let changes = &report.users[0].changes;
        let cleared: Vec<&str> = changes
            .iter()
            .filter(|c| c.cleared)
            .map(|c| c.column)
            .collect();
        assert_eq!(cleared, vec!["Role", "License (Package)", "Agent Queues"]);
        let skills = changes.iter().find(|c| c.column == "Skills").unwrap();
        assert_eq!(skills.after, "English;Spanish");
        assert!(!skills.cleared);
        assert_eq!(report.users[0].user.contact_center.package, None);
        assert!(report.warnings.iter().any(|w| w.rule == rules::CSV_02));
    }

    #[test]
    fn the_safe_csv_keeps_what_the_upload_leaves_out() {
        // CSV-03: applying the safe CSV changes only the skills.
        let report = run(
            "Email,Skills\nana@x.com,English;Spanish\n",
            vec![agent("ana@x.com")],
        );
        let again = run(&report.safe_csv, vec![agent("ana@x.com")]);
        assert!(again.accepted, "{:?}", again.errors);
        let changed: Vec<&str> = again.users[0].changes.iter().map(|c| c.column).collect();
        assert_eq!(changed, vec!["Skills"]);
        assert_eq!(again.cleared, 0);
    }

    #[test]
    fn every_invalid_cell_is_reported_and_rejects_the_upload() {
        // CSV-04: all errors at once, with row, column, value and why.
        let report = run(
            "Email,License (Package),Voice and Video Engagement Capacity,User Access to Contact Center\nana@x.com,Elit,2,Enabled\nnot-an-email,Premium,-1,Maybe\nana@x.com,Elite,1,Disabled\n",
            vec![agent("ana@x.com")],
        );
        assert!(!report.accepted);
        let got: Vec<(u64, &str)> = report
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "License (Package)"),
                (3, "Email"),
                (3, "Voice and Video Engagement Capacity"),
                (3, "User Access to Contact Center"),
                (4, "Email"),
            ]
        );
        assert_eq!(
            report.errors[0].help.as_deref(),
            Some("did you mean `Elite`? valid values: `Essentials`, `Premium`, `Elite`")
        );
        assert!(report.warnings.iter().any(|w| w.rule == rules::CSV_04));
    }

    #[test]
    fn more_than_1000_rows_are_refused() {
        // CSV-04
        let mut text = String::from("Email,Skills\n");
        for i in 0..1_001 {
            text.push_str(&format!("u{i}@x.com,English\n"));
        }
        let report = run(&text, Vec::new());
        assert!(!report.accepted);
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].row, 1_002);
        let ok = run(
            &text.lines().take(1_001).collect::<Vec<_>>().join("\n"),
            Vec::new(),
        );
        assert!(ok.accepted);
        assert_eq!(ok.rows, 1_000);
    }

    #[test]
    fn a_rejected_upload_has_no_safe_csv() {
        // CSV-03, CSV-04: a safe CSV of the valid rows only would drop the invalid row's user.
        let report = run(
            "Email,Skills,License (Package)\nana@x.com,English,Elite\nbo@x.com,French,Gold\n",
            vec![agent("ana@x.com")],
        );
        assert!(!report.accepted);
        assert_eq!(report.safe_csv, "");
        assert!(report.trace.iter().any(|s| s.rule == rules::CSV_03));
    }

    #[test]
    fn multi_value_cells_are_trimmed_deduplicated_and_kept_in_order() {
        // CSV-01: several values in one cell, separated by the value separator.
        let report = run(
            "Email,Agent Queues,Add-ons\nana@x.com, Sales ;Billing;;Sales,workforce management;AI Expert Assist\n",
            vec![agent("ana@x.com")],
        );
        assert!(report.accepted, "{:?}", report.errors);
        let cc = &report.users[0].user.contact_center;
        assert_eq!(cc.agent_queues, vec!["Sales", "Billing"]);
        assert_eq!(cc.addons, vec!["workforce_management", "ai_expert_assist"]);
    }

    #[test]
    fn headers_tolerate_case_and_spacing() {
        // CSV-01: `  agent   QUEUES ` is Zoom's `Agent Queues`.
        let report = run(
            "EMAIL,  agent   QUEUES \nana@x.com,Support\n",
            vec![agent("ana@x.com")],
        );
        assert!(report.accepted, "{:?}", report.errors);
        assert_eq!(
            report.users[0].user.contact_center.agent_queues,
            vec!["Support"]
        );
    }

    #[test]
    fn unknown_columns_name_the_nearest_known_one() {
        // CSV-01
        let report = run("Email,Agent Queue\nana@x.com,Billing\n", Vec::new());
        assert_eq!(report.errors[0].row, 1);
        assert!(report.errors[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `Agent Queues`?"));
    }
}
