//! The command line's edges as a new user meets them (issue 18): a closed pipe, a scenario that
//! holds its own file, the capacity input's JSON object form, a corpus test case given as input.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(file: &str) -> String {
    root()
        .join("examples")
        .join(file)
        .to_string_lossy()
        .into_owned()
}

fn provisim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_provisim"))
        .args(args)
        .output()
        .unwrap()
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("provisim-edges-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs the command with a standard output whose reader is already gone (`provisim … | head`
/// after head exited): every write fails with EPIPE.
fn with_closed_stdout(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_provisim"))
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_is_a_normal_end_in_every_command() {
    let big_log = {
        let mut log = String::from("user,start,end\n");
        for i in 0..3_000 {
            log.push_str(&format!(
                "u{i},2026-11-02T09:{:02}:00Z,2026-11-02T10:{:02}:00Z\n",
                i % 60,
                (i * 7) % 60
            ));
        }
        temp("big.csv", &log)
    };
    let cases: Vec<Vec<String>> = [
        vec![
            "seats",
            "--agents",
            "100",
            "--package",
            "elite",
            "--licensing",
            "concurrent",
            "--pool",
            "25",
        ],
        vec![
            "seats",
            &example("seats/named-pool-short.json"),
            "--format",
            "table",
        ],
        vec!["seats", &example("seats/bad-package.json")],
        vec!["saml", &example("saml/sign-in-contact-center.json")],
        vec![
            "saml",
            &example("saml/sign-in-contact-center.json"),
            "--format",
            "table",
        ],
        vec!["scim", &example("scim/idp-mappings.json")],
        vec![
            "scim",
            &example("scim/idp-mappings.json"),
            "--format",
            "table",
        ],
        vec!["scim", &example("scim/unknown-mapping-target.json")],
        vec!["capacity", &big_log, "--pool", "5"],
        vec!["capacity", &big_log, "--pool", "5", "--format", "table"],
        vec!["batch", &example("batch/elite-concurrent-pool.json")],
        vec![
            "batch",
            &example("batch/elite-concurrent-pool.json"),
            "--format",
            "table",
        ],
        vec!["csv", &example("csv/clears-settings.json")],
        vec![
            "csv",
            &example("csv/clears-settings.json"),
            "--format",
            "table",
        ],
        vec!["schema"],
        vec!["--help"],
    ]
    .iter()
    .map(|c| c.iter().map(|s| s.to_string()).collect())
    .collect();
    for case in cases {
        let args: Vec<&str> = case.iter().map(String::as_str).collect();
        let open = provisim(&args);
        let closed = with_closed_stdout(&args);
        let stderr = String::from_utf8_lossy(&closed.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "provisim {}: {stderr}",
            args.join(" ")
        );
        assert_eq!(
            closed.status.code(),
            open.status.code(),
            "provisim {}: a closed pipe changes the exit code\n{stderr}",
            args.join(" ")
        );
    }
}

#[test]
fn batch_and_csv_read_the_scenario_alone_when_it_holds_the_file() {
    let out = provisim(&["batch", &example("batch/elite-concurrent-pool.json")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["type"], "success");
    assert_eq!(v["users"], 100);
    let out = provisim(&["csv", &example("csv/safe-csv-applied.json")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without the file in either place, the error names the missing argument and both remedies.
    let scenario = temp("bare.json", r#"{"provisim": 1}"#);
    for (command, argument, field) in [
        ("batch", "DIRECTORY", "batch.users"),
        ("csv", "UPLOAD", "csv.text"),
    ] {
        let out = provisim(&[command, &scenario]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(argument) && stderr.contains(field),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn capacity_reads_the_json_object_form_and_flags_override_it() {
    // LIC-03: the object's pool of 2 bills the overage; --pool 4 leaves none.
    let file = example("capacity/billable-overage.json");
    let out = provisim(&["capacity", &file]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pool"], 2);
    assert_eq!(v["billable"], 1);
    let out = provisim(&["capacity", &file, "--pool", "4"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pool"], 4);
    // Grace from the object, then from the flag.
    let object = temp(
        "grace.json",
        r#"{"pool": 2, "grace_minutes": 45, "sessions": [
            {"user": "a", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T11:00:00Z"},
            {"user": "b", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T11:00:00Z"},
            {"user": "c", "start": "2026-11-02T10:00:00Z", "end": "2026-11-02T10:40:00Z"}]}"#,
    );
    let out = provisim(&["capacity", &object]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["grace_minutes"], 45);
    assert_eq!(v["billable"], 0);
    let out = provisim(&["capacity", &object, "--grace", "30m"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["grace_minutes"], 30);
    assert_eq!(v["billable"], 1);
    // A CSV log without --pool says where the pool can come from.
    let out = provisim(&["capacity", &example("capacity/sessions.csv")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--pool") && stderr.contains("\"pool\""),
        "{stderr}"
    );
}

#[test]
fn a_corpus_test_case_is_refused_with_where_its_input_is_and_what_to_run() {
    for (case, command) in [
        ("tests/scenarios/saml/saml-40-contact-center.json", "saml"),
        ("tests/scenarios/capacity/lic-03-billable.json", "capacity"),
        ("tests/scenarios/license/named-pool-short.json", "seats"),
        ("tests/scenarios/batch/lic-09-basic-limit.json", "batch"),
    ] {
        let path = root().join(case).to_string_lossy().into_owned();
        let mut args = vec![command, path.as_str()];
        if command == "capacity" {
            args.extend(["--pool", "2"]);
        }
        let out = provisim(&args);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("under `input`"), "{stderr}");
        assert!(
            stderr.contains(&format!("jq .input {path} | provisim {command} -")),
            "{stderr}"
        );
    }
    // An impact case holds three inputs: the help names a command that runs, not `<command>`.
    let case = root()
        .join("tests/scenarios/lint/impact-sales-swap.json")
        .to_string_lossy()
        .into_owned();
    let out = provisim(&["impact", &case, &case, &case]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("<command>"), "{stderr}");
    assert!(
        stderr.contains(&format!("jq .input.before {case} > before.json"))
            && stderr.contains("jq -r .input.users")
            && stderr.contains("provisim impact before.json after.json users.csv"),
        "{stderr}"
    );
    // The help says so.
    let out = provisim(&["saml", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("test case of tests/scenarios/"));
}

#[test]
fn seats_reads_a_scenarios_seats_as_the_format_documents() {
    // LIC-07: the seat input alone, or a scenario's `seats` (docs/scenario-format.md).
    let example = root().join("examples/seats/in-a-scenario.json");
    let out = provisim(&["seats", example.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let wfm = &plan["products"][1];
    assert_eq!(wfm["product"], "workforce_management");
    assert_eq!(wfm["without_access"], 75, "{plan}");
    let dir = std::env::temp_dir().join(format!("provisim-seats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let none = dir.join("no-seats.json");
    std::fs::write(&none, r#"{"provisim": 1}"#).unwrap();
    let out = provisim(&["seats", none.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no `seats` at `/seats`"), "{stderr}");
}

#[test]
fn a_misspelt_key_is_named_before_a_missing_file_is_asked_for() {
    // Issue 18: `csv.txt`, `batch.user`, a capacity log's `pools` are errors with the key meant,
    // not "no UPLOAD" / "the pool size is missing" (CSV-01, LIC-02).
    let dir = std::env::temp_dir().join(format!("provisim-misspelt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (command, name, text, meant) in [
        (
            "csv",
            "csv.json",
            r#"{"provisim": 1, "csv": {"txt": "Email\n"}}"#,
            "`text`",
        ),
        (
            "batch",
            "batch.json",
            r#"{"provisim": 1, "batch": {"user": []}}"#,
            "`users`",
        ),
        (
            "capacity",
            "log.json",
            r#"{"pools": 2, "sessions": []}"#,
            "`pool`",
        ),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, text).unwrap();
        let out = provisim(&[command, file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("did you mean {meant}")),
            "{command}: {stderr}"
        );
    }
}
