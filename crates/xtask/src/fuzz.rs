//! `cargo xtask fuzz`: the cargo-fuzz targets of `fuzz/` on the pinned nightly, each seeded with a
//! corpus generated from `tests/scenarios` (each case's `input`) and `tests/vectors`.
//!
//! The seeds are written into the git-ignored `fuzz/corpus/<target>/` before every run (files named
//! after a hash of their contents, so rewriting them is idempotent and what the fuzzer added stays).

use crate::run::{self, root, Env};
use crate::tools;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Every target of `fuzz/Cargo.toml`, in the order they run.
pub const TARGETS: &[&str] = &[
    "scenario",
    "scim_request",
    "session_log",
    "bulk_upload",
    "batch_directory",
    "share_link",
    "saml_response",
];

/// Seconds per target of `cargo xtask fuzz` without `--seconds`.
const DEFAULT_SECONDS: u64 = 60;

/// Seconds per target in `cargo xtask test`, from `-seed=1`.
pub const SMOKE_SECONDS: u64 = 4;

/// `cargo xtask fuzz [--seconds N] [TARGET]`.
pub fn command(args: &[String]) -> Result<(), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut only: Option<&str> = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = rest
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("fuzz: --seconds takes a whole number of seconds above 0")?;
            }
            name if TARGETS.contains(&name) => only = Some(name),
            other => {
                return Err(format!(
                    "fuzz: unknown argument `{other}` (targets: {})",
                    TARGETS.join(", ")
                ))
            }
        }
    }
    let env = tools::ensure_fuzz()?;
    build(&env)?;
    let counts = seed()?;
    let mut failed = Vec::new();
    let mut lines = Vec::new();
    for target in TARGETS.iter().filter(|t| only.is_none_or(|o| o == **t)) {
        let corpus = root().join("fuzz/corpus").join(target);
        let seeds = counts.get(target).copied().unwrap_or(0);
        let outcome = run_target(
            &env,
            target,
            &[corpus],
            &[format!("-max_total_time={seconds}")],
        );
        lines.push(format!(
            "  {target:<16} {:>12} executions  {seeds:>4} seeds  {}",
            outcome.executions,
            outcome.crash.as_deref().unwrap_or("no crash")
        ));
        if outcome.crash.is_some() {
            failed.push(*target);
        }
    }
    println!("\n== fuzz ({seconds} s each)");
    for line in lines {
        println!("{line}");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("fuzz: {} crashed", failed.join(", ")))
    }
}

/// `cargo xtask test`'s step: each target for [`SMOKE_SECONDS`] from `-seed=1` over its seeds
/// (new inputs go to a scratch folder, so the run does not depend on earlier runs). A target passes
/// when it ends without a crash; every other outcome, a build or install failure too, is a failure.
pub fn smoke() -> (u64, u64) {
    let prepared = tools::ensure_fuzz().and_then(|env| {
        build(&env)?;
        seed()?;
        Ok(env)
    });
    let env = match prepared {
        Ok(env) => env,
        Err(e) => {
            eprintln!("xtask: {e}");
            return (0, 1);
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for target in TARGETS {
        let scratch = root().join("fuzz/target/smoke-corpus").join(target);
        let _ = std::fs::remove_dir_all(&scratch);
        if let Err(e) = std::fs::create_dir_all(&scratch) {
            eprintln!("xtask: cannot create {}: {e}", scratch.display());
            failed += 1;
            continue;
        }
        let corpus = root().join("fuzz/corpus").join(target);
        let outcome = run_target(
            &env,
            target,
            &[scratch, corpus],
            &[
                "-seed=1".to_string(),
                format!("-max_total_time={SMOKE_SECONDS}"),
            ],
        );
        match outcome.crash {
            None => {
                println!("fuzz {target}: ok, {} executions", outcome.executions);
                passed += 1;
            }
            Some(crash) => {
                println!("fuzz {target}: FAILED, {crash}");
                failed += 1;
            }
        }
    }
    (passed, failed)
}

fn cargo_fuzz(env: &Env) -> std::process::Command {
    let mut command = env.command("cargo");
    command.arg(format!("+{}", tools::NIGHTLY)).arg("fuzz");
    command
}

/// Builds every target (release, debug assertions and overflow checks; no sanitizer: the code has
/// no unsafe, and without ASan each target runs about twice as many inputs).
fn build(env: &Env) -> Result<(), String> {
    run::status(cargo_fuzz(env).args(["build", "--fuzz-dir", "fuzz", "--sanitizer", "none"]))
}

struct Outcome {
    executions: u64,
    /// What went wrong: the crash artifact libFuzzer wrote, or the exit status.
    crash: Option<String>,
}

fn run_target(env: &Env, target: &str, corpora: &[PathBuf], options: &[String]) -> Outcome {
    let mut command = cargo_fuzz(env);
    command
        .args(["run", "--fuzz-dir", "fuzz", "--sanitizer", "none", target])
        .args(corpora)
        .arg("--")
        .arg("-print_final_stats=1")
        .args(options)
        .stderr(Stdio::piped());
    eprintln!("$ {}", run::describe(&command));
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Outcome {
                executions: 0,
                crash: Some(format!("cannot run cargo fuzz: {e}")),
            }
        }
    };
    let (mut executions, mut artifact) = (0, None);
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
                executions = n.trim().parse().unwrap_or(executions);
            }
            // A slow unit is reported and the run goes on; a crash, leak, timeout or OOM ends it.
            if let Some((_, path)) = line.split_once("Test unit written to ") {
                if !path.contains("slow-unit-") {
                    artifact = Some(path.trim().to_string());
                }
            }
        }
    }
    let status = child.wait();
    let crash = match status {
        Ok(s) if s.success() && artifact.is_none() => None,
        Ok(s) => Some(artifact.unwrap_or_else(|| format!("cargo fuzz run {target} failed ({s})"))),
        Err(e) => Some(format!("cargo fuzz run {target}: {e}")),
    };
    Outcome { executions, crash }
}

/// Writes every target's seeds into `fuzz/corpus/<target>/`; returns how many each has.
pub fn seed() -> Result<BTreeMap<&'static str, usize>, String> {
    let mut seeds: BTreeMap<&'static str, Vec<Vec<u8>>> = BTreeMap::new();
    for (path, case) in cases(&root().join("tests/scenarios"))? {
        let Some(input) = case.get("input") else {
            continue;
        };
        add_case_seeds(
            &mut seeds,
            &path,
            input,
            case.get("call").and_then(Value::as_str),
        );
    }
    for (path, vector) in json_files(&root().join("tests/vectors"))? {
        add_vector_seeds(&mut seeds, &path, &vector);
    }
    let mut counts = BTreeMap::new();
    for target in TARGETS {
        let folder = root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        let list = seeds.get(target).map(Vec::as_slice).unwrap_or_default();
        for seed in list {
            let file = folder.join(format!("seed-{:016x}", fnv(seed)));
            std::fs::write(&file, seed)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
        counts.insert(*target, list.len());
    }
    Ok(counts)
}

/// A seed: one leading byte (the target's mode) and a text.
fn with_mode(mode: u8, text: &str) -> Vec<u8> {
    let mut seed = vec![mode];
    seed.extend_from_slice(text.as_bytes());
    seed
}

fn add_case_seeds(
    seeds: &mut BTreeMap<&'static str, Vec<Vec<u8>>>,
    path: &Path,
    input: &Value,
    call: Option<&str>,
) {
    let text = serde_json::to_string_pretty(input).unwrap_or_default();
    let mut add = |target: &'static str, seed: Vec<u8>| seeds.entry(target).or_default().push(seed);
    // scenario: mode 0 is the round trip, mode 1 + i is api::names()[i].
    add("scenario", with_mode(0, &text));
    let function = call.and_then(|c| provisim_core::api::names().position(|f| f == c));
    if let Some(i) = function.and_then(|i| u8::try_from(i + 1).ok()) {
        add("scenario", with_mode(i, &text));
    }
    // share_link: mode 1 encodes the text (the two bytes after it choose what to damage).
    let mut share = vec![1, 7, 0];
    share.extend_from_slice(text.as_bytes());
    add("share_link", share);
    let area = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let str_at = |pointer: &str| input.pointer(pointer).and_then(Value::as_str);
    match area {
        "capacity" => {
            if let Some(csv) = str_at("/sessions") {
                add("session_log", with_mode(50, csv));
            }
            add("session_log", with_mode(1, &text));
        }
        "csv" => {
            if let Some(csv) = str_at("/csv/text") {
                add("bulk_upload", with_mode(0, csv));
            }
        }
        "batch" => {
            if let Some(csv) = str_at("/batch/users") {
                let idp = u8::from(str_at("/batch/through") == Some("idp"));
                add("batch_directory", with_mode(idp | 2, csv));
            }
        }
        _ => {}
    }
    // saml_response: every pasted Response (saml.response and each sign-in's).
    let mut responses = Vec::new();
    collect_strings(input, "response", &mut responses);
    for response in responses {
        add("saml_response", with_mode(0, response));
    }
    // scim_request: every request, and each filter of a query on its own.
    let requests = input.pointer("/scim/requests").and_then(Value::as_array);
    for request in requests.into_iter().flatten() {
        let method = request
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or("GET");
        let path = request.get("path").and_then(Value::as_str).unwrap_or("");
        let body = request
            .get("body")
            .map(Value::to_string)
            .unwrap_or_default();
        add(
            "scim_request",
            with_mode(method_mode(method), &format!("{path}\n{body}")),
        );
        if let Some(filter) = query_value(path, "filter") {
            add("scim_request", with_mode(0, &filter));
        }
    }
}

/// The RFC examples as request bodies: a PatchOp as a PATCH, a PUT request as a PUT, everything
/// else as a POST (most are refused, which is what the fuzzer starts from).
fn add_vector_seeds(seeds: &mut BTreeMap<&'static str, Vec<Vec<u8>>>, path: &Path, vector: &Value) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let resource = if name.contains("group") || name.contains("member") {
        "Groups"
    } else {
        "Users"
    };
    let (method, target) = if name.contains("patch_op") {
        ("PATCH", format!("/scim/{resource}/zoom-1"))
    } else if name.contains("put_request") {
        ("PUT", format!("/scim/{resource}/zoom-1"))
    } else {
        ("POST", format!("/scim/{resource}"))
    };
    seeds.entry("scim_request").or_default().push(with_mode(
        method_mode(method),
        &format!("{target}\n{vector}"),
    ));
}

/// The scim_request target's mode byte for a method (the lenient dialect).
fn method_mode(method: &str) -> u8 {
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .iter()
        .position(|m| m.eq_ignore_ascii_case(method))
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

/// A query parameter of a request path, percent-decoded (`+` is a space).
fn query_value(path: &str, key: &str) -> Option<String> {
    let (_, query) = path.split_once('?')?;
    let raw = query
        .split('&')
        .find_map(|pair| pair.split_once('=').filter(|(k, _)| *k == key))?
        .1;
    let mut bytes = Vec::new();
    let mut at = raw.bytes();
    while let Some(b) = at.next() {
        match b {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex: String = at.by_ref().take(2).map(char::from).collect();
                bytes.push(u8::from_str_radix(&hex, 16).ok()?);
            }
            other => bytes.push(other),
        }
    }
    String::from_utf8(bytes).ok()
}

fn collect_strings<'v>(value: &'v Value, key: &str, out: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v.as_str() {
                    Some(text) if k == key => out.push(text),
                    _ => collect_strings(v, key, out),
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|v| collect_strings(v, key, out)),
        _ => {}
    }
}

/// The test cases under a folder (`*.json` but not the reviewed answers `*.out.json`).
fn cases(folder: &Path) -> Result<Vec<(PathBuf, Value)>, String> {
    Ok(json_files(folder)?
        .into_iter()
        .filter(|(path, _)| !path.to_string_lossy().ends_with(".out.json"))
        .collect())
}

/// Every `*.json` file under a folder, read, in path order.
fn json_files(folder: &Path) -> Result<Vec<(PathBuf, Value)>, String> {
    let mut paths = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let value = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
            Ok((path, value))
        })
        .collect()
}

/// FNV-1a: a stable name for a seed file.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_of_the_fuzz_crate_runs_and_has_seeds() {
        let manifest = std::fs::read_to_string(root().join("fuzz/Cargo.toml")).unwrap();
        let declared: Vec<&str> = manifest
            .lines()
            .filter_map(|l| l.strip_prefix("name = \""))
            .filter_map(|l| l.strip_suffix('"'))
            .filter(|n| *n != "provisim-fuzz")
            .collect();
        assert_eq!(
            declared, TARGETS,
            "fuzz/Cargo.toml's targets and TARGETS differ"
        );
        for target in TARGETS {
            let source = root().join(format!("fuzz/fuzz_targets/{target}.rs"));
            let text = std::fs::read_to_string(&source).unwrap();
            assert!(
                text.starts_with("//!"),
                "{} has no //! line",
                source.display()
            );
        }
        let mut seeds = BTreeMap::new();
        for (path, case) in cases(&root().join("tests/scenarios")).unwrap() {
            let call = case.get("call").and_then(Value::as_str);
            add_case_seeds(&mut seeds, &path, &case["input"], call);
        }
        for (path, vector) in json_files(&root().join("tests/vectors")).unwrap() {
            add_vector_seeds(&mut seeds, &path, &vector);
        }
        for target in TARGETS {
            assert!(
                seeds.get(target).is_some_and(|s| s.len() >= 3),
                "{target} has fewer than 3 seeds"
            );
        }
    }

    #[test]
    fn a_query_filter_is_percent_decoded() {
        assert_eq!(
            query_value(
                "/scim/Users?filter=userName+eq+%22a%40b%22&count=1",
                "filter"
            )
            .as_deref(),
            Some("userName eq \"a@b\"")
        );
        assert_eq!(query_value("/scim/Users", "filter"), None);
        assert_eq!(method_mode("patch"), 3);
    }
}
