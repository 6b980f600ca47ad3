//! Runs the `provisim` binary as a user would: flags, files, formats and exit codes.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

fn provisim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_provisim"))
        .args(args)
        .output()
        .unwrap_or_else(|e| unreachable_output(&e.to_string()))
}

fn unreachable_output(why: &str) -> Output {
    // Keeps the test free of `panic!` while still failing loudly when the binary cannot start.
    Output {
        status: std::process::ExitStatus::default(),
        stdout: Vec::new(),
        stderr: why.as_bytes().to_vec(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn seats_flags_reproduce_the_documented_example() {
    // LIC-07: 100 agents, 25 Elite concurrent -> 75 need WFM and QM.
    let out = provisim(&[
        "seats",
        "--agents",
        "100",
        "--package",
        "elite",
        "--licensing",
        "concurrent",
        "--pool",
        "25",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["type"], "success");
    assert_eq!(v["products"][1]["addons_needed"], 75);
    assert_eq!(v["products"][2]["addons_needed"], 75);
}

#[test]
fn seats_table_format_lists_products_and_rule_ids() {
    let out = provisim(&[
        "seats",
        "--agents",
        "100",
        "--package",
        "elite",
        "--licensing",
        "concurrent",
        "--pool",
        "25",
        "--format",
        "table",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout.contains("Workforce Management"), "{stdout}");
    assert!(stdout.contains("[LIC-07] 75 agents"), "{stdout}");
}

#[test]
fn bad_flag_value_exits_2_and_lists_valid_values() {
    let out = provisim(&[
        "seats",
        "--agents",
        "100",
        "--package",
        "elit",
        "--licensing",
        "concurrent",
        "--pool",
        "25",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("--package") && stderr.contains("elite"),
        "{stderr}"
    );
}

#[test]
fn missing_flag_exits_2_naming_it() {
    let out = provisim(&[
        "seats",
        "--agents",
        "100",
        "--package",
        "elite",
        "--licensing",
        "concurrent",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--pool"));
}

#[test]
fn file_input_errors_name_the_json_path() {
    let dir = std::env::temp_dir().join(format!("provisim-cli-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("seats.json");
    let _ = std::fs::write(
        &file,
        "{\"agents\": 100, \"package\": \"elite\",\n \"licensing\": \"sometimes\", \"pool\": 25}",
    );
    let out = provisim(&["seats", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("at `/licensing` (line 2"), "{stderr}");
    assert!(stderr.contains("`named`, `concurrent`"), "{stderr}");
    let missing = provisim(&["seats", &dir.join("absent.json").to_string_lossy()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read"));
}

#[test]
fn the_planseats_corpus_gives_the_same_json_through_the_cli() {
    for (path, case_text, _) in provisim_corpus::CASES {
        let Ok(case) = provisim_corpus::Case::parse(case_text) else {
            continue;
        };
        if case.call != "planSeats" {
            continue;
        }
        let dir = std::env::temp_dir().join(format!("provisim-corpus-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("input.json");
        let _ = std::fs::write(&file, case.input_text());
        let out = provisim(&["seats", &file.to_string_lossy()]);
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        assert_eq!(answer, provisim_core_answer(&case), "{path}");
        let expected_code = if answer["type"] == "success" { 0 } else { 2 };
        assert_eq!(out.status.code(), Some(expected_code), "{path}");
    }
}

fn provisim_core_answer(case: &provisim_corpus::Case) -> serde_json::Value {
    provisim_core::api::call(&case.call, &case.input_text())
}
