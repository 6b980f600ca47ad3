//! `cargo xtask test`: every check and test of every layer, with one closing tally.

use crate::run::{self, root, Env};
use crate::{build, fuzz, serve, tools};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Passed and failed counts of one step.
#[derive(Clone, Copy, Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

/// Crates that only make sense in a browser: linted for wasm32 and tested in headless Chromium.
const BROWSER_CRATES: &[&str] = &["provisim-wasm", "provisim-web"];

pub fn command(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("test: unknown argument `{arg}` (it takes none)"));
    }
    let started = Instant::now();
    let env = tools::ensure(true)?;
    let mut rows: Vec<(&str, Tally, f64)> = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> Tally| {
        eprintln!("\n== {name}");
        let t0 = Instant::now();
        let tally = f();
        rows.push((name, tally, t0.elapsed().as_secs_f64()));
    };

    let excludes: Vec<String> = BROWSER_CRATES
        .iter()
        .flat_map(|c| ["--exclude".to_string(), (*c).to_string()])
        .collect();
    let browser_packages: Vec<String> = BROWSER_CRATES
        .iter()
        .flat_map(|c| ["-p".to_string(), (*c).to_string()])
        .collect();

    step("cargo fmt --check", &mut || {
        check(env.command("cargo").args(["fmt", "--all", "--check"]))
    });
    step("clippy (native)", &mut || {
        check(
            env.command("cargo")
                .args(["clippy", "--workspace", "--all-targets"])
                .args(&excludes)
                .args(["--", "-D", "warnings"]),
        )
    });
    step("clippy (wasm32)", &mut || {
        // The engine's libraries as the browser builds them, and the browser crates with their tests.
        let libs = check(
            env.command("cargo")
                .args([
                    "clippy",
                    "--lib",
                    "--target",
                    tools::WASM_TARGET,
                    "-p",
                    "provisim-core",
                    "-p",
                    "provisim-corpus",
                ])
                .args(["--", "-D", "warnings"]),
        );
        let browser = check(
            env.command("cargo")
                .args(["clippy", "--all-targets", "--target", tools::WASM_TARGET])
                .args(&browser_packages)
                .args(["--", "-D", "warnings"]),
        );
        Tally {
            passed: 0,
            failed: libs.failed + browser.failed,
        }
    });
    step("native tests", &mut || {
        counted(
            env.command("cargo")
                .args(["test", "--workspace"])
                .args(&excludes),
        )
    });
    step("fuzz targets (seconds each, -seed=1)", &mut || {
        let (passed, failed) = fuzz::smoke();
        Tally { passed, failed }
    });
    step("wasm tests (headless Chromium)", &mut || {
        // The JavaScript API crate through wasm-pack, as its users build it; the app crate through
        // cargo's runner (wasm-pack test takes one crate at a time).
        let api = counted(env.command("wasm-pack").args([
            "test",
            "--headless",
            "--chrome",
            "crates/provisim-wasm",
        ]));
        let mut command = env.command("cargo");
        command.args(["test", "--target", tools::WASM_TARGET, "-p", "provisim-web"]);
        command.env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        );
        let app = counted(&mut command);
        Tally {
            passed: api.passed + app.passed,
            failed: api.failed + app.failed,
        }
    });
    step("end-to-end (Playwright, release build)", &mut || e2e(&env));

    println!("\n== summary");
    let mut total = Tally::default();
    for (name, tally, seconds) in &rows {
        println!(
            "  {name:<42} {:>4} passed {:>3} failed {seconds:>7.1} s",
            tally.passed, tally.failed
        );
        total.passed += tally.passed;
        total.failed += tally.failed;
    }
    println!("  total time {:.1} s", started.elapsed().as_secs_f64());
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed == 0 {
        Ok(())
    } else {
        Err(format!("{} failed", total.failed))
    }
}

/// A check with no test count: a failure counts as one failed.
fn check(command: &mut Command) -> Tally {
    match run::status(command) {
        Ok(()) => Tally::default(),
        Err(e) => {
            eprintln!("xtask: {e}");
            Tally {
                passed: 0,
                failed: 1,
            }
        }
    }
}

/// Runs a test command, echoing its output and summing the counts it reports: cargo's and
/// wasm-bindgen-test's `test result: … N passed; M failed`, and node's `ℹ pass N` / `ℹ fail N`.
/// A command that fails without reporting a failure (it did not build) counts as one failed.
fn counted(command: &mut Command) -> Tally {
    eprintln!("$ {}", run::describe(command));
    let child = command.stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            eprintln!("xtask: cannot run `{}`: {e}", run::describe(command));
            return Tally {
                passed: 0,
                failed: 1,
            };
        }
    };
    let mut tally = Tally::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            let (p, f) = parse_counts(&line);
            tally.passed += p;
            tally.failed += f;
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    if !ok && tally.failed == 0 {
        tally.failed = 1;
    }
    tally
}

fn number_before(text: &str, word: &str) -> u64 {
    text.split(';')
        .find_map(|part| {
            part.trim()
                .strip_suffix(word)
                .and_then(|n| n.trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Passed and failed counts in one output line, if it is a summary line.
fn parse_counts(line: &str) -> (u64, u64) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        let rest = rest.split_once(". ").map(|(_, r)| r).unwrap_or(rest);
        return (number_before(rest, "passed"), number_before(rest, "failed"));
    }
    let value = |prefix: &str| {
        line.strip_prefix(prefix)
            .and_then(|n| n.trim().parse::<u64>().ok())
    };
    if let Some(n) = value("ℹ pass ").or_else(|| value("# pass ")) {
        return (n, 0);
    }
    if let Some(n) = value("ℹ fail ").or_else(|| value("# fail ")) {
        return (0, n);
    }
    (0, 0)
}

/// Builds the release app, serves it on an ephemeral loopback port and runs the browser tests.
fn e2e(env: &Env) -> Tally {
    let dist = match build::release(env).and_then(|dist| build::embed(env, &dist).map(|()| dist)) {
        Ok(dist) => dist,
        Err(e) => {
            eprintln!("xtask: {e}");
            return Tally {
                passed: 0,
                failed: 1,
            };
        }
    };
    let listener = match std::net::TcpListener::bind("127.0.0.1:0") {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("xtask: cannot listen on loopback: {e}");
            return Tally {
                passed: 0,
                failed: 1,
            };
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || serve::serve_forever(&listener, &dist));
    let mut command = env.command("node");
    command
        .current_dir(root().join("web"))
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "e2e/",
        ])
        .env("PROVISIM_BASE_URL", format!("http://127.0.0.1:{port}/"));
    counted(&mut command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines_of_every_runner_are_counted() {
        assert_eq!(parse_counts("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s"), (12, 0));
        assert_eq!(
            parse_counts("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            (3, 2)
        );
        assert_eq!(parse_counts("ℹ pass 4"), (4, 0));
        assert_eq!(parse_counts("ℹ fail 1"), (0, 1));
        assert_eq!(parse_counts("running 3 tests"), (0, 0));
    }
}
