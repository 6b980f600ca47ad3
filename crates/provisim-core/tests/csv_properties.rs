//! Property tests of the bulk CSV upload: applying the safe CSV (CSV-03) changes exactly the settings
//! the original upload meant to set (its non-empty cells that differ from the user's value) and
//! nothing else, while the original upload also clears every setting it leaves empty or out (CSV-02).
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use provisim_core::csv_upload::{check, CsvInput, COLUMNS};
use provisim_core::model::User;
use provisim_core::scenario::Scenario;
use std::collections::BTreeSet;

/// A value each column accepts, or an empty cell.
fn cell(column: usize) -> BoxedStrategy<String> {
    let choices: Vec<&str> = match column {
        0 => vec!["Agent", "Supervisor"],
        1 => vec!["Essentials", "premium", "Elite"],
        2 => vec![
            "AI Expert Assist",
            "Workforce Management;Quality Management",
        ],
        3 => vec!["Salesforce", "Salesforce;Zendesk"],
        4..=6 => vec!["Billing", "Billing;Sales", "Sales; Support"],
        7 => vec!["US", "EU"],
        8..=11 => vec!["0", "1", "5"],
        _ => vec!["Enabled", "disabled"],
    };
    prop_oneof![
        1 => Just(String::new()),
        3 => prop::sample::select(choices).prop_map(str::to_string),
    ]
    .boxed()
}

/// The user's current state: the upload of a random full row, applied to a fresh user.
fn user() -> impl Strategy<Value = User> {
    (0..COLUMNS.len())
        .map(cell)
        .collect::<Vec<_>>()
        .prop_map(|cells| {
            let mut text = header(&(0..COLUMNS.len()).collect::<Vec<_>>());
            text.push_str(&row(&cells));
            let report = check(&scenario(Vec::new()).setup(), &input(text));
            assert!(report.accepted, "{:?}", report.errors);
            report.users[0].user.clone()
        })
}

fn header(columns: &[usize]) -> String {
    let mut names = vec!["Email".to_string()];
    names.extend(columns.iter().map(|&c| COLUMNS[c].header.to_string()));
    names.join(",") + "\n"
}

fn row(cells: &[String]) -> String {
    let mut out = vec!["ana@example.com".to_string()];
    out.extend(cells.iter().map(|c| format!("\"{c}\"")));
    out.join(",") + "\n"
}

fn scenario(directory: Vec<User>) -> Scenario {
    let mut s: Scenario = provisim_core::input::parse_json(r#"{"provisim": 1}"#).unwrap();
    s.directory = directory;
    s
}

fn input(text: String) -> CsvInput {
    CsvInput {
        text,
        value_separator: ";".to_string(),
    }
}

/// An upload: a random subset of the columns, in order, with a random cell each.
fn upload() -> impl Strategy<Value = (Vec<usize>, Vec<String>)> {
    prop::sample::subsequence((0..COLUMNS.len()).collect::<Vec<_>>(), 0..=COLUMNS.len())
        .prop_flat_map(|columns| {
            let cells = columns.iter().map(|&c| cell(c)).collect::<Vec<_>>();
            (Just(columns), cells)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_safe_csv_changes_exactly_what_the_upload_meant_to_set(
        current in user(),
        (columns, cells) in upload(),
    ) {
        // CSV-03
        let mut text = header(&columns);
        text.push_str(&row(&cells));
        let directory = vec![current.clone()];
        let original = check(&scenario(directory.clone()).setup(), &input(text));
        prop_assert!(original.accepted, "{:?}", original.errors);

        // What the upload meant: its non-empty cells that differ from the user's current value.
        let mut meant = BTreeSet::new();
        for (&c, given) in columns.iter().zip(&cells) {
            if given.is_empty() {
                continue;
            }
            let field = COLUMNS[c].field;
            let now = field.read(&current.contact_center, ";");
            let wanted = field.parse(given, ";").unwrap();
            if now != wanted {
                meant.insert(COLUMNS[c].header);
            }
        }

        let safe = check(&scenario(directory).setup(), &input(original.safe_csv.clone()));
        prop_assert!(safe.accepted, "{:?}", safe.errors);
        let changed: BTreeSet<&str> = safe.users[0].changes.iter().map(|c| c.column).collect();
        prop_assert_eq!(&changed, &meant);
        prop_assert_eq!(safe.cleared, 0);

        // CSV-02: the original upload changes the same, plus it clears every other setting the
        // user had.
        let by_original: BTreeSet<&str> =
            original.users[0].changes.iter().map(|c| c.column).collect();
        prop_assert!(by_original.is_superset(&meant));
        for change in &original.users[0].changes {
            if !meant.contains(change.column) {
                prop_assert!(change.cleared, "{} changed without being meant or cleared", change.column);
            }
        }
        // Both leave the user with the meant values.
        for (&c, given) in columns.iter().zip(&cells) {
            if !given.is_empty() {
                let field = COLUMNS[c].field;
                prop_assert_eq!(
                    field.read(&safe.users[0].user.contact_center, ";"),
                    field.read(&original.users[0].user.contact_center, ";")
                );
            }
        }
    }
}
