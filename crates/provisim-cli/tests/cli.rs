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
fn the_corpus_gives_the_same_json_and_exit_code_through_the_cli() {
    // Every case runs through the command the core's export table names for its call (the
    // `command` column), and gives the JavaScript API's JSON (issue 14).
    let dir = std::env::temp_dir().join(format!("provisim-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut ran = std::collections::BTreeMap::new();
    for (path, case_text, _) in provisim_corpus::CASES {
        let case = provisim_corpus::Case::parse(case_text).unwrap();
        let command = provisim_core::api::export(&case.call).unwrap().command;
        // `validateScenario` has no command of its own (`lint` checks first); `impact` reads three
        // files (tests of its own below).
        if matches!(command, "validate" | "impact") {
            continue;
        }
        let file = dir.join("input.json");
        std::fs::write(&file, case.input_text()).unwrap();
        let file = file.to_string_lossy();
        let mut args = vec![command, &file];
        if command == "lint" {
            args.extend(["--format", "json"]);
        }
        let out = provisim(&args);
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        assert_eq!(
            answer,
            provisim_core::api::call(&case.call, &case.input_text()),
            "{path}"
        );
        // Exit 1 for a refused outcome, each command's own; 2 invalid input.
        let refused = match command {
            "saml" => answer["sign_ins"]
                .as_array()
                .and_then(|s| s.last())
                .is_some_and(|s| s["decision"]["signed_in"] == false),
            "scim" => answer["results"]
                .as_array()
                .is_some_and(|r| r.iter().any(|x| x["status"].as_u64().unwrap_or(0) >= 400)),
            "capacity" => answer["billable"].as_u64().unwrap_or(0) > 0,
            "batch" => answer["refused"].as_u64().unwrap_or(0) > 0,
            "csv" => answer["accepted"] != true || answer["cleared"].as_u64().unwrap_or(0) > 0,
            "lint" => answer["counts"]["error"].as_u64().unwrap_or(0) > 0,
            _ => false,
        };
        let expected = if answer["type"] != "success" {
            2
        } else if refused {
            1
        } else {
            0
        };
        assert_eq!(out.status.code(), Some(expected), "{path}");
        *ran.entry(command).or_insert(0) += 1;
    }
    for command in ["seats", "saml", "scim", "capacity", "batch", "csv", "lint"] {
        assert!(
            ran.get(command).is_some_and(|n| *n > 0),
            "no case ran through `{command}`: {ran:?}"
        );
    }
    assert!(ran.values().sum::<i32>() > 140, "only {ran:?} cases ran");
}

#[test]
fn saml_sign_ins_flag_and_table_format() {
    // SAML-31: the table shows both sign-ins when asked for two.
    let scenario = r#"{"provisim": 1, "account": {"plans": ["phone_calling_plans"]},
      "sso": {"basic": {"phone_extension": "ext"}, "advanced": [{"section": "phone_calling_plan", "rules": [{"attribute": "memberOf", "value": "phone", "result": "US Metered"}]}]},
      "user": {"email": "ana@example.com", "license": "licensed"},
      "saml": {"name_id": "ana@example.com", "attributes": {"memberOf": "phone-users", "ext": "4021"}}}"#;
    let dir = std::env::temp_dir().join(format!("provisim-saml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("scenario.json");
    std::fs::write(&file, scenario).unwrap();
    let out = provisim(&[
        "saml",
        &file.to_string_lossy(),
        "--sign-ins",
        "2",
        "--format",
        "table",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains("Sign-in 1: SIGNED IN") && stdout.contains("Sign-in 2: SIGNED IN"),
        "{stdout}"
    );
    assert!(stdout.contains("[SAML-31]"), "{stdout}");
    assert!(stdout.contains("/phone/calling_plan"), "{stdout}");
    let bad = provisim(&["saml", &file.to_string_lossy(), "--sign-ins", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn saml_invalid_scenario_exits_2_with_every_error_located() {
    let scenario = r#"{"provisim": 1, "sso": {"advanced": [{"section": "cc_package", "rules": [{"attribute": "", "value": "x", "result": "Elit"}]}]},
      "saml": {"name_id": "a@example.com"}}"#;
    let dir = std::env::temp_dir().join(format!("provisim-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("scenario.json");
    std::fs::write(&file, scenario).unwrap();
    let out = provisim(&["saml", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("at `/sso/advanced/0/rules/0/attribute`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `elite`?"), "{stderr}");
}

#[test]
fn schema_prints_the_checked_in_schema() {
    let out = provisim(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let checked_in = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/scenario.schema.json"
    ))
    .unwrap();
    assert!(
        text(&out.stdout) == checked_in,
        "`provisim schema` differs from docs/scenario.schema.json"
    );
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("provisim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn capacity_reports_billable_overage_with_exit_1() {
    // LIC-03: 31 minutes above a pool of 1 is billable; the grace is a flag.
    let log = temp_file(
        "log.csv",
        "user,start,end\na,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z\nb,2026-11-02T09:00:00Z,2026-11-02T09:31:00Z\n",
    );
    let out = provisim(&["capacity", log.to_str().unwrap(), "--pool", "1"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["billable_excess_total"], 1);
    assert_eq!(v["episodes"][0]["duration_seconds"], 1860);
    // With a 1-hour grace the same episode is tolerated: exit 0, and the table says why.
    let out = provisim(&[
        "capacity",
        log.to_str().unwrap(),
        "--pool",
        "1",
        "--grace",
        "1h",
        "--format",
        "table",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("grace 60 min"), "{table}");
    assert!(table.contains("1 within grace, 0 billable"), "{table}");
}

#[test]
fn capacity_reads_zone_less_times_in_the_time_zone_flag() {
    // LIC-02: an export's `2026-11-02 09:00` has no zone; --time-zone says which it is in, and
    // the table says how many times were read in it.
    let log = temp_file(
        "zoneless.csv",
        "user,start,end\na,2026-11-02 09:00,2026-11-02 10:00\nb,11/02/2026 09:30:00 AM,2026-11-02 10:30\n",
    );
    let path = log.to_str().unwrap();
    let out = provisim(&["capacity", path, "--pool", "1", "--time-zone", "+01:00"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["zone_less_times"], 4);
    assert_eq!(v["peak"]["at"], "2026-11-02T08:30:00Z");
    let out = provisim(&["capacity", path, "--pool", "1", "--format", "table"]);
    let table = text(&out.stdout);
    assert!(
        table.contains("4 times without a zone read in UTC"),
        "{table}"
    );
    assert!(table.contains("peak 2 at 2026-11-02T09:30:00Z"), "{table}");
    // A named zone is refused with what to write instead.
    let out = provisim(&[
        "capacity",
        path,
        "--pool",
        "1",
        "--time-zone",
        "Europe/Paris",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let error = text(&out.stderr);
    assert!(error.contains("+01:00"), "{error}");
    // The error names the flag typed, not the JSON key it fills.
    assert!(error.contains("--time-zone"), "{error}");
    assert!(!error.contains("/time_zone"), "{error}");
}

#[test]
fn capacity_rejects_a_bad_grace_and_bad_rows_with_exit_2() {
    let log = temp_file(
        "bad.csv",
        "user,start,end\na,2026-11-02T09:00:00Z,yesterday\n",
    );
    let out = provisim(&["capacity", log.to_str().unwrap(), "--pool", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("/sessions/row/2/end"),
        "{}",
        text(&out.stderr)
    );
    let out = provisim(&[
        "capacity",
        log.to_str().unwrap(),
        "--pool",
        "1",
        "--grace",
        "half an hour",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("whole minutes"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn batch_runs_a_csv_directory_through_the_scenario() {
    // SAML-11: one user refused by a None rule, so exit 1; LIC-07 per user through the pools.
    let scenario = temp_file(
        "batch.json",
        r#"{"provisim": 1, "account": {"plans": ["contact_center"]},
            "sso": {"advanced": [
              {"section": "license", "rules": [{"attribute": "dept", "value": "Temp", "result": "none"}]},
              {"section": "cc_package", "rules": [{"attribute": "dept", "value": "Agents", "result": "elite"}]}]},
            "batch": {"users": [], "pools": [{"package": "elite", "licensing": "concurrent", "size": 1}]}}"#,
    );
    let directory = temp_file(
        "users.csv",
        "name_id,dept\na@x.com,Agents\nb@x.com,Agents\nc@x.com,Temp\n",
    );
    let out = provisim(&[
        "batch",
        scenario.to_str().unwrap(),
        directory.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["users"], 3);
    assert_eq!(v["refused"], 1);
    assert_eq!(v["refusals"][0]["rule"], "SAML-11");
    let wfm = &v["pools"]["pools"][0]["products"][1];
    assert_eq!(wfm["product"], "workforce_management");
    assert_eq!(wfm["users_without_access"]["emails"][0], "b@x.com");
    let out = provisim(&[
        "batch",
        scenario.to_str().unwrap(),
        directory.to_str().unwrap(),
        "--summary",
        "--format",
        "table",
    ]);
    let table = text(&out.stdout);
    assert!(table.contains("3 users: 2 signed in"), "{table}");
    // Counts agree with their noun: "1 user", never "1 users" (issue 18).
    assert!(table.contains("Refused [SAML-11] 1 user: "), "{table}");
    let full = provisim(&[
        "batch",
        scenario.to_str().unwrap(),
        directory.to_str().unwrap(),
        "--format",
        "table",
    ]);
    let rows = text(&full.stdout);
    assert!(
        rows.contains(" change\n") || rows.contains(" changes\n"),
        "{rows}"
    );
    assert!(!rows.contains("(s)"), "{rows}");
    assert!(
        !table.contains("row "),
        "summary mode lists no user: {table}"
    );
}

#[test]
fn batch_reports_bad_directory_rows_with_exit_2() {
    let scenario = temp_file("plain.json", r#"{"provisim": 1}"#);
    let directory = temp_file("broken.csv", "name_id,dept\na@x.com\n,Sales\n");
    let out = provisim(&[
        "batch",
        scenario.to_str().unwrap(),
        directory.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let errors = text(&out.stderr);
    assert!(errors.contains("/batch/users/row/2"), "{errors}");
    assert!(errors.contains("/batch/users/row/3"), "{errors}");
}

#[test]
fn csv_flags_cleared_settings_and_writes_the_safe_csv() {
    // CSV-02: only skills uploaded, so the license and queues would be cleared: exit 1.
    let scenario = temp_file(
        "csv-scenario.json",
        r#"{"provisim": 1, "directory": [{"email": "ana@x.com",
            "contact_center": {"package": "elite", "agent_queues": ["Billing"], "skills": ["English"]}}]}"#,
    );
    let upload = temp_file("upload.csv", "Email,Skills\nana@x.com,English;Spanish\n");
    let safe = std::env::temp_dir().join(format!("provisim-safe-{}.csv", std::process::id()));
    let out = provisim(&[
        "csv",
        scenario.to_str().unwrap(),
        upload.to_str().unwrap(),
        "--safe-csv",
        safe.to_str().unwrap(),
        "--format",
        "table",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("License (Package)"), "{table}");
    assert!(table.contains("CLEARED"), "{table}");
    // CSV-03: the safe CSV keeps the package and queue; uploading it clears nothing: exit 0.
    let written = std::fs::read_to_string(&safe).unwrap();
    assert!(
        written.contains("ana@x.com,,Elite,,,Billing,,English;Spanish"),
        "{written}"
    );
    let out = provisim(&["csv", scenario.to_str().unwrap(), safe.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cleared"], 0);
    assert_eq!(v["users"][0]["changes"][0]["column"], "Skills");
}

#[test]
fn csv_rejects_an_upload_with_an_invalid_cell() {
    // CSV-04: one invalid field rejects everything; the row and column are named.
    let scenario = temp_file("csv-empty.json", r#"{"provisim": 1}"#);
    let upload = temp_file("bad-upload.csv", "Email,License (Package)\nbo@x.com,Gold\n");
    let out = provisim(&["csv", scenario.to_str().unwrap(), upload.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["accepted"], false);
    assert_eq!(v["errors"][0]["row"], 2);
    assert_eq!(v["errors"][0]["column"], "License (Package)");
}

const ENTRA_RESPONSE: &str = r#"<samlp:Response ID="_r1" Version="2.0" xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/tenant/</Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><Assertion ID="_a1" Version="2.0" xmlns="urn:oasis:names:tc:SAML:2.0:assertion"><Subject><NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">ana@contoso.com</NameID></Subject><AttributeStatement><Attribute Name="http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"><AttributeValue>zoom-licensed</AttributeValue><AttributeValue>sales</AttributeValue></Attribute></AttributeStatement></Assertion></samlp:Response>"#;

const LICENSE_BY_GROUP: &str = r#"{"provisim": 1, "sso": {"advanced": [{"section": "license", "rules": [
  {"attribute": "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "value": "zoom-licensed", "result": "licensed"}]}]},
  "saml": {"name_id": "someone.else@example.com", "attributes": {"dept": "x"}}}"#;

/// Runs `provisim` with `input` on standard input.
fn provisim_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_provisim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The binary may stop before it reads (an error in its flags): then the pipe is closed.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn saml_response_flag_signs_in_from_a_response_file() {
    // SAML-03, SAML-10: the Response replaces the scenario's name_id and attributes.
    let scenario = temp_file("response-scenario.json", LICENSE_BY_GROUP);
    let response = temp_file("response.xml", ENTRA_RESPONSE);
    let out = provisim(&[
        "saml",
        &scenario.to_string_lossy(),
        "--response",
        &response.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["user"]["email"], "ana@contoso.com");
    assert_eq!(v["user"]["license"], "licensed");
    assert_eq!(v["sign_ins"][0]["received"]["encoding"], "xml");
    assert_eq!(
        v["sign_ins"][0]["received"]["attributes"][0]["values"],
        serde_json::json!(["zoom-licensed", "sales"])
    );
    // The same as the JavaScript API given the Response in the scenario.
    let mut inline: serde_json::Value = serde_json::from_str(LICENSE_BY_GROUP).unwrap();
    inline["saml"] = serde_json::json!({"response": ENTRA_RESPONSE});
    assert_eq!(
        v,
        provisim_core::api::call("simulateSignIn", &inline.to_string())
    );
    let table = provisim(&[
        "saml",
        &scenario.to_string_lossy(),
        "--response",
        &response.to_string_lossy(),
        "--format",
        "table",
    ]);
    let stdout = text(&table.stdout);
    assert!(
        stdout.contains("Received from https://sts.windows.net/tenant/ (status Success)")
            && stdout.contains("NameID ana@contoso.com (emailAddress)"),
        "{stdout}"
    );
}

#[test]
fn saml_response_flag_reads_standard_input_as_base64() {
    // SAML-01: a failed status read from standard input is a refused sign-in: exit 1.
    use base64::Engine as _;
    let scenario = temp_file("stdin-scenario.json", LICENSE_BY_GROUP);
    let encoded = base64::engine::general_purpose::STANDARD.encode(ENTRA_RESPONSE);
    let out = provisim_with_stdin(
        &["saml", &scenario.to_string_lossy(), "--response", "-"],
        &encoded,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sign_ins"][0]["received"]["encoding"], "base64");
    let failed = ENTRA_RESPONSE.replace("status:Success", "status:Requester");
    let out = provisim_with_stdin(
        &["saml", &scenario.to_string_lossy(), "--response", "-"],
        &failed,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sign_ins"][0]["decision"]["rule"], "SAML-01");
}

#[test]
fn saml_response_flag_errors_name_the_flag() {
    let scenario = temp_file("bad-response-scenario.json", LICENSE_BY_GROUP);
    let encrypted = temp_file(
        "encrypted.xml",
        &ENTRA_RESPONSE
            .replace("<Assertion ", "<EncryptedAssertion ")
            .replace("</Assertion>", "</EncryptedAssertion>"),
    );
    let out = provisim(&[
        "saml",
        &scenario.to_string_lossy(),
        "--response",
        &encrypted.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("EncryptedAssertion")
            && stderr.contains("at `--response`")
            && stderr.contains("cannot decrypt"),
        "{stderr}"
    );
    let missing = provisim(&[
        "saml",
        &scenario.to_string_lossy(),
        "--response",
        "/nonexistent/r.xml",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("at `--response`"));
    let both = provisim_with_stdin(&["saml", "-", "--response", "-"], LICENSE_BY_GROUP);
    assert_eq!(both.status.code(), Some(2));
    let listed = temp_file(
        "listed.json",
        r#"{"provisim": 1, "saml": {"sign_ins": [{"name_id": "a@example.com"}]}}"#,
    );
    let response = temp_file("listed-response.xml", ENTRA_RESPONSE);
    let out = provisim(&[
        "saml",
        &listed.to_string_lossy(),
        "--response",
        &response.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("lists its sign-ins"));
    let out = provisim(&["saml", &listed.to_string_lossy(), "--sign-ins", "2"]);
    assert_eq!(out.status.code(), Some(2));
}

const ENTRA_IMPORT_CASE: &str =
    include_str!("../../../tests/scenarios/scim/scim-08-entra-schema-import.json");

/// The corpus case's scenario without its import, and the import as the file Entra ID downloads.
fn entra_scenario_and_schema() -> (serde_json::Value, serde_json::Value) {
    let case: serde_json::Value = serde_json::from_str(ENTRA_IMPORT_CASE).unwrap();
    let full = case["input"].clone();
    let mut scenario = full.clone();
    let schema = scenario["scim"]["idp"]
        .as_object_mut()
        .unwrap()
        .remove("import")
        .unwrap();
    (scenario, schema)
}

#[test]
fn scim_idp_schema_flag_imports_an_entra_schema() {
    // SCIM-08, SCIM-15: --idp-schema puts the downloaded file into scim.idp.import; the answer
    // is the JavaScript API's for the scenario that holds it.
    let (scenario, schema) = entra_scenario_and_schema();
    let scenario_file = temp_file("idp-scenario.json", &scenario.to_string());
    let schema_file = temp_file("idp-schema.json", &schema.to_string());
    let out = provisim(&[
        "scim",
        &scenario_file.to_string_lossy(),
        "--idp-schema",
        &schema_file.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let case: serde_json::Value = serde_json::from_str(ENTRA_IMPORT_CASE).unwrap();
    assert_eq!(
        v,
        provisim_core::api::call("simulateScim", &case["input"].to_string())
    );
    assert_eq!(v["import"]["format"], "entra_schema");
    assert_eq!(v["import"]["rows"][0]["mapping"]["target"], "userName");
    // From standard input, as a table: the import's warnings with their rule IDs.
    let table = provisim_with_stdin(
        &[
            "scim",
            &scenario_file.to_string_lossy(),
            "--idp-schema",
            "-",
            "--format",
            "table",
        ],
        &schema.to_string(),
    );
    assert_eq!(table.status.code(), Some(0), "{}", text(&table.stderr));
    let stdout = text(&table.stdout);
    assert!(
        stdout.contains("[idp] POST /scim2/Users -> 201"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Warning [SCIM-15] imported configuration, at /scim/idp/import/synchronizationRules/0/objectMappings/1/scope/groups/0/clauses/1/operatorName"),
        "{stdout}"
    );
    // The flag replaces an import the scenario holds.
    let mut holding = scenario.clone();
    holding["scim"]["idp"]["import"] = serde_json::json!({"properties": {}});
    let holding_file = temp_file("idp-holding.json", &holding.to_string());
    let replaced = provisim(&[
        "scim",
        &holding_file.to_string_lossy(),
        "--idp-schema",
        &schema_file.to_string_lossy(),
    ]);
    assert_eq!(
        replaced.status.code(),
        Some(0),
        "{}",
        text(&replaced.stderr)
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&replaced.stdout).unwrap(),
        v
    );
}

#[test]
fn scim_idp_schema_flag_errors_name_the_flag() {
    // SCIM-08: errors in the file are located at the flag, with the pointer inside the file.
    let (scenario, _) = entra_scenario_and_schema();
    let scenario_file = temp_file("idp-errors-scenario.json", &scenario.to_string());
    let run = |schema: &str| {
        let file = temp_file("idp-errors-schema.json", schema);
        provisim(&[
            "scim",
            &scenario_file.to_string_lossy(),
            "--idp-schema",
            &file.to_string_lossy(),
        ])
    };
    let cut = run("{\n  \"synchronizationRules\": [");
    assert_eq!(cut.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&cut.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "--idp-schema");
    assert_eq!(v["errors"][0]["line"], 2);
    let wrong = run(r#"{"synchronizationRules": 3}"#);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        text(&wrong.stderr)
            .contains("`synchronizationRules` is a number, not a list at `--idp-schema#/synchronizationRules`"),
        "{}",
        text(&wrong.stderr)
    );
    let neither = run(r#"[1, 2]"#);
    assert_eq!(neither.status.code(), Some(2));
    assert!(
        text(&neither.stderr).contains("at `--idp-schema`")
            && text(&neither.stderr).contains("neither an Entra ID provisioning schema"),
        "{}",
        text(&neither.stderr)
    );
    let missing = provisim(&[
        "scim",
        &scenario_file.to_string_lossy(),
        "--idp-schema",
        "/nonexistent/schema.json",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("at `--idp-schema`"));
    let both = provisim_with_stdin(&["scim", "-", "--idp-schema", "-"], "{}");
    assert_eq!(both.status.code(), Some(2));
    assert!(text(&both.stderr).contains("cannot both be read from standard input"));
}

#[test]
fn impact_table_and_junit_counts_agree_with_their_noun() {
    // Issue 18: "1 user", "1 user's …", never "1 users" or a hedged "(s)", in every format.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/impact");
    let file = |name: &str| dir.join(name).to_string_lossy().into_owned();
    // One user whose outcome changes (b@), so every count is 1.
    let one = temp_file(
        "impact-one.csv",
        "name_id,department\na@example.com,Sales\nb@example.com,Sales Contractor\n",
    );
    for format in ["table", "junit"] {
        let out = provisim(&[
            "impact",
            &file("before.json"),
            &file("after.json"),
            one.to_str().unwrap(),
            "--format",
            format,
        ]);
        let shown = text(&out.stdout);
        assert!(shown.contains("1 user"), "{format}: {shown}");
        for wrong in ["(s)", " 1 users", " 1 fields", " 1 changes\n"] {
            assert!(!shown.contains(wrong), "{format} says `{wrong}`: {shown}");
        }
    }
}

#[test]
fn lint_and_seat_tables_count_in_the_right_number() {
    // Issue 18: "1 error", "1 license for 2 agents", "buy 1 more named license" (SAML-11, LIC-01).
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/lint/none-after-broader-rule.json");
    let out = provisim(&["lint", example.to_str().unwrap(), "--format", "table"]);
    let shown = text(&out.stdout);
    assert!(
        shown.trim_end().ends_with("1 error, 0 warnings, 0 notes"),
        "{shown}"
    );
    let out = provisim(&[
        "seats",
        "--agents",
        "2",
        "--package",
        "premium",
        "--licensing",
        "named",
        "--pool",
        "1",
        "--wfm",
        "2",
        "--format",
        "table",
    ]);
    let shown = text(&out.stdout);
    assert!(shown.contains("holds 1 license for 2 agents"), "{shown}");
    assert!(shown.contains("buy 1 more named license,"), "{shown}");
    assert!(
        shown.contains("1 Workforce Management add-on is held but gives"),
        "{shown}"
    );
    assert!(
        shown.contains("1 licensed agent has no Quality Management access"),
        "{shown}"
    );
}

#[test]
fn capacity_table_without_sessions_has_no_peak_and_no_null() {
    // LIC-02: an empty log has no peak; the table says `-`, as for its time (it said `null`).
    let log = temp_file("empty-log.json", r#"{"pool": 2, "sessions": []}"#);
    let out = provisim(&["capacity", log.to_str().unwrap(), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with("Pool 2 · grace 30 min · 0 sessions of 0 users · peak - at -\n"),
        "{table}"
    );
    assert!(!table.contains("null"), "{table}");
}
