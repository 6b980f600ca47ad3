//! Runs every example of `examples/` with the exit code its manifest (`examples/examples.json`)
//! gives, and fails when an example file is not listed, a listed file is missing, or a command has
//! no example.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn manifest() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(examples_dir().join("examples.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    manifest["examples"].as_array().unwrap().clone()
}

#[test]
fn every_example_runs_with_its_exit_code() {
    let mut failures = Vec::new();
    for example in manifest() {
        let command = example["command"].as_str().unwrap();
        let mut args = vec![command.to_string()];
        if let Some(file) = example["file"].as_str() {
            args.push(format!("examples/{file}"));
        }
        for arg in example["args"].as_array().into_iter().flatten() {
            args.push(arg.as_str().unwrap().to_string());
        }
        // From the repository's root, as the manifest's `about` says to run them.
        let out = Command::new(env!("CARGO_BIN_EXE_provisim"))
            .args(&args)
            .current_dir(examples_dir().join(".."))
            .output()
            .unwrap();
        let expected = example["exit"].as_i64().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code().map(i64::from) != Some(expected) || stderr.contains("panicked") {
            failures.push(format!(
                "provisim {}: exit {:?}, expected {expected}\n{stderr}",
                args.join(" "),
                out.status.code()
            ));
        }
        // Every example answers: JSON or a table on standard output, errors on standard error.
        if out.stdout.is_empty() {
            failures.push(format!(
                "provisim {}: nothing on standard output",
                args.join(" ")
            ));
        }
        if expected == 2 && !stderr.contains("error: ") {
            failures.push(format!(
                "provisim {}: exit 2 without an error",
                args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_example_file_is_listed_and_every_command_has_one() {
    let listed: BTreeSet<String> = manifest()
        .iter()
        .filter_map(|e| e["file"].as_str().map(str::to_string))
        .collect();
    let mut on_disk = BTreeSet::new();
    for dir in std::fs::read_dir(examples_dir()).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            on_disk.insert(format!(
                "{}/{}",
                dir.file_name().unwrap().to_string_lossy(),
                file.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert_eq!(
        listed, on_disk,
        "examples/examples.json and examples/ disagree"
    );
    let manifest = manifest();
    let commands: BTreeSet<&str> = manifest
        .iter()
        .filter_map(|e| e["command"].as_str())
        .collect();
    let help = Command::new(env!("CARGO_BIN_EXE_provisim"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let section = help.split("Commands:").nth(1).unwrap_or("");
    let mut seen = 0;
    for line in section.lines().skip(1) {
        if line.trim().is_empty() {
            break;
        }
        let Some(name) = line.split_whitespace().next() else {
            continue;
        };
        if line.starts_with("  ") && !line.starts_with("   ") && name != "help" {
            seen += 1;
            assert!(
                commands.contains(name),
                "the command `{name}` has no example in examples/"
            );
        }
    }
    assert!(seen >= 7, "the help lists {seen} commands:\n{help}");
}
