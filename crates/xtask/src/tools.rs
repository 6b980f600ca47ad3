//! The pinned tool versions (the one place they are set) and their installation when missing.
//!
//! Every install is skipped when the right version is already there, so a warm machine pays nothing.
//! Nothing downloads a prebuilt binary: tools come from crates (cargo install), npm packages
//! (`npm ci` in web/), Debian packages (apt-get) and rustup targets.

use crate::run::{self, root, Env};
use std::path::PathBuf;
use std::time::Instant;

/// wasm-opt comes from the npm package `binaryen` (Debian's is too old and miscompiles).
pub const BINARYEN_NPM: &str = "132.0.0";
pub const WASM_OPT: &str = "version_132";
/// playwright-core drives Debian's Chromium; it never downloads a browser.
pub const PLAYWRIGHT_CORE_NPM: &str = "1.65.1";
/// axe-core checks every page state for accessibility violations in the end-to-end tests (read
/// from node_modules and evaluated in the page: nothing is fetched).
pub const AXE_CORE_NPM: &str = "4.14.1";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Trunk builds the app (root `Trunk.toml` and `index.html`). The newest release that builds with
/// rustc 1.95: 0.22 needs 1.96.1.
pub const TRUNK: &str = "0.21.14";
/// wasm-pack: `cargo xtask pack` and the wasm crate's browser tests (`wasm-pack test`).
pub const WASM_PACK: &str = "0.15.1";

/// The nightly toolchain the fuzz targets (`fuzz/`, cargo-fuzz and libFuzzer) build with.
pub const NIGHTLY: &str = "nightly-2026-05-19";
/// cargo-fuzz: `cargo xtask fuzz` and the fuzz step of `cargo xtask test`.
pub const CARGO_FUZZ: &str = "0.13.2";

/// The wasm-bindgen version of Cargo.lock: wasm-bindgen-cli must equal it exactly.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_string())
}

/// The version of package `name` in a Cargo.lock text.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let needle = format!("name = \"{name}\"\n");
    let at = lock.find(&needle)?;
    let rest = lock.get(at + needle.len()..)?;
    let line = rest.lines().next()?;
    Some(
        line.strip_prefix("version = \"")?
            .strip_suffix('"')?
            .to_string(),
    )
}

/// Installs whatever is missing and returns the environment to run the tools in.
/// `browser`: also wasm-pack, Debian's Chromium and ChromeDriver (for tests and packing).
pub fn ensure(browser: bool) -> Result<Env, String> {
    let mut env = Env::new();
    timed("rustup target wasm32", || ensure_target(&env))?;
    let bindgen = wasm_bindgen_version()?;
    timed("wasm-bindgen-cli", || {
        ensure_cargo_tool(
            &env,
            "wasm-bindgen",
            &format!("wasm-bindgen {bindgen}"),
            &["wasm-bindgen-cli", "--version", &bindgen],
        )
    })?;
    timed("npm ci (wasm-opt, playwright-core, axe-core)", ensure_npm)?;
    // Trunk.toml's `offline` also makes Trunk build with `cargo --offline`: the crates must be here.
    timed("cargo fetch", || {
        run::status(env.command("cargo").arg("fetch"))
    })?;
    timed("trunk", || {
        ensure_cargo_tool(
            &env,
            "trunk",
            &format!("trunk {TRUNK}"),
            &["--locked", "trunk", "--version", TRUNK],
        )
    })?;
    if browser {
        timed("wasm-pack", || {
            ensure_cargo_tool(
                &env,
                "wasm-pack",
                &format!("wasm-pack {WASM_PACK}"),
                &["--locked", "wasm-pack", "--version", WASM_PACK],
            )
        })?;
        timed("chromium + chromedriver", ensure_chromium)?;
        env.chromedriver = Some(PathBuf::from("/usr/bin/chromedriver"));
    }
    Ok(env)
}

/// Installs the pinned nightly and cargo-fuzz when missing (the fuzz targets need nothing else).
pub fn ensure_fuzz() -> Result<Env, String> {
    let env = Env::new();
    timed(&format!("rustup toolchain {NIGHTLY}"), || {
        let installed =
            run::output(env.command("rustup").args(["toolchain", "list"])).unwrap_or_default();
        if installed.lines().any(|l| l.starts_with(NIGHTLY)) {
            return Ok(());
        }
        run::status(env.command("rustup").args([
            "toolchain",
            "install",
            NIGHTLY,
            "--profile",
            "minimal",
        ]))
    })?;
    timed("cargo-fuzz", || {
        ensure_cargo_tool(
            &env,
            "cargo-fuzz",
            &format!("cargo-fuzz {CARGO_FUZZ}"),
            &["--locked", "cargo-fuzz", "--version", CARGO_FUZZ],
        )
    })?;
    Ok(env)
}

fn timed<T>(what: &str, step: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let start = Instant::now();
    let result = step();
    let seconds = start.elapsed().as_secs_f64();
    if seconds > 1.0 {
        eprintln!("xtask: {what}: {seconds:.1} s");
    }
    result
}

fn ensure_target(env: &Env) -> Result<(), String> {
    let installed = run::output(
        env.command("rustup")
            .args(["target", "list", "--installed"]),
    )
    .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    run::status(env.command("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs a cargo tool unless `program --version` already starts with `expected`.
fn ensure_cargo_tool(
    env: &Env,
    program: &str,
    expected: &str,
    install_args: &[&str],
) -> Result<(), String> {
    let found = run::output(env.command(program).arg("--version")).unwrap_or_default();
    if found.trim().starts_with(expected) {
        return Ok(());
    }
    eprintln!(
        "xtask: installing {expected} (found: {})",
        if found.is_empty() {
            "none"
        } else {
            found.trim()
        }
    );
    // wasm-bindgen-cli's own lockfile wants crate versions the registry here may lack: no --locked.
    run::status(env.command("cargo").arg("install").args(install_args))
}

fn npm_package_version(name: &str) -> Option<String> {
    let text = std::fs::read_to_string(
        root()
            .join("web/node_modules")
            .join(name)
            .join("package.json"),
    )
    .ok()?;
    let at = text.find("\"version\"")?;
    let rest = text.get(at + 9..)?;
    let start = rest.find('"')? + 1;
    let end = start + rest.get(start..)?.find('"')?;
    rest.get(start..end).map(str::to_string)
}

fn ensure_npm() -> Result<(), String> {
    let ready = npm_package_version("binaryen").as_deref() == Some(BINARYEN_NPM)
        && npm_package_version("playwright-core").as_deref() == Some(PLAYWRIGHT_CORE_NPM)
        && npm_package_version("axe-core").as_deref() == Some(AXE_CORE_NPM);
    if !ready {
        run::status(
            std::process::Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(root().join("web"))
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        )?;
    }
    let wasm_opt = root().join("web/node_modules/.bin/wasm-opt");
    let version =
        run::output(std::process::Command::new(&wasm_opt).arg("--version")).unwrap_or_default();
    if version.contains(WASM_OPT) {
        Ok(())
    } else {
        Err(format!(
            "{} is not wasm-opt {WASM_OPT} (it says `{}`)",
            wasm_opt.display(),
            version.trim()
        ))
    }
}

fn ensure_chromium() -> Result<(), String> {
    let have = |p: &str| std::path::Path::new(p).exists();
    if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") {
        return Ok(());
    }
    let root_user =
        run::output(std::process::Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let sudo: &[&str] = if root_user { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let all: Vec<&str> = sudo
            .iter()
            .chain(["apt-get"].iter())
            .chain(args.iter())
            .copied()
            .collect();
        let (program, rest) = all
            .split_first()
            .map(|(p, r)| (*p, r.to_vec()))
            .unwrap_or(("apt-get", Vec::new()));
        run::status(
            std::process::Command::new(program)
                .args(rest)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    apt(&["update", "-qq"])?;
    apt(&["install", "-y", "-qq", "chromium", "chromium-driver"]).map_err(|e| {
        format!("{e}\nhelp: install Debian's chromium and chromium-driver packages, then run again")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifests_and_package_json_agree_with_the_pins() {
        let bindgen = wasm_bindgen_version().unwrap();
        let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        assert!(
            cargo.contains(&format!("wasm-bindgen = \"={bindgen}\"")),
            "the crate must be pinned exactly"
        );
        let package = std::fs::read_to_string(root().join("web/package.json")).unwrap();
        assert!(package.contains(&format!("\"binaryen\": \"{BINARYEN_NPM}\"")));
        assert!(package.contains(&format!("\"playwright-core\": \"{PLAYWRIGHT_CORE_NPM}\"")));
        assert!(package.contains(&format!("\"axe-core\": \"{AXE_CORE_NPM}\"")));
        assert!(
            !package.contains("\"playwright\""),
            "the full playwright package downloads browsers"
        );
    }

    #[test]
    fn locked_version_reads_the_package_entry() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }
}
