//! The release build of the app (Trunk), its Content-Security-Policy, and the benchmarks.

use crate::run::{self, root, Env};
use crate::tools;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// Builds the release app into `dist/` and returns that folder.
pub fn release(env: &Env) -> Result<PathBuf, String> {
    let dist = root().join("dist");
    run::status(
        env.command("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist),
    )?;
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    std::fs::write(&index, with_script_hashes(&html))
        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    // The documentation page that embeds workbenches in iframes needs only the app.
    let embed = dist.join("embed");
    std::fs::create_dir_all(&embed)
        .map_err(|e| format!("cannot create {}: {e}", embed.display()))?;
    std::fs::copy(
        root().join("web/embed/workbench.html"),
        embed.join("workbench.html"),
    )
    .map_err(|e| format!("cannot copy web/embed/workbench.html: {e}"))?;
    println!("xtask: built {}", dist.display());
    Ok(dist)
}

/// Builds the JavaScript package of `provisim-wasm` with wasm-pack (`--target web`) into `out`,
/// optimises it with the pinned wasm-opt, and installs the generated TypeScript declarations.
pub fn js_package(env: &Env, out: &std::path::Path) -> Result<(), String> {
    run::status(
        env.command("wasm-pack")
            .args([
                "build",
                "--target",
                "web",
                "--release",
                "--no-pack",
                "--out-dir",
            ])
            .arg(out)
            .arg(root().join("crates/provisim-wasm")),
    )?;
    let wasm = out.join("provisim_wasm_bg.wasm");
    run::status(
        env.command("wasm-opt")
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-reference-types",
                "--enable-sign-ext",
                "--enable-mutable-globals",
            ])
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm),
    )?;
    let copy = |from: PathBuf, to: PathBuf| {
        std::fs::copy(&from, &to)
            .map(|_| ())
            .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
    };
    copy(
        root().join("crates/provisim-wasm/provisim.d.ts"),
        out.join("provisim_wasm.d.ts"),
    )?;
    copy(
        root().join("crates/provisim-wasm/README.md"),
        out.join("README.md"),
    )?;
    let version = provisim_core::VERSION;
    let package = format!(
        r#"{{
  "name": "provisim",
  "version": "{version}",
  "description": "Simulate Zoom SAML mapping, SCIM provisioning, CSV uploads and license pools in the browser",
  "license": "Apache-2.0",
  "type": "module",
  "main": "provisim_wasm.js",
  "module": "provisim_wasm.js",
  "types": "provisim_wasm.d.ts",
  "files": ["provisim_wasm.js", "provisim_wasm_bg.wasm", "provisim_wasm.d.ts", "README.md"],
  "sideEffects": ["./snippets/*"],
  "keywords": ["zoom", "saml", "scim", "provisioning", "simulator", "wasm"]
}}
"#
    );
    std::fs::write(out.join("package.json"), package)
        .map_err(|e| format!("cannot write package.json: {e}"))?;
    // wasm-pack's own declarations and ignore file are replaced by ours.
    let _ = std::fs::remove_file(out.join("provisim_wasm_bg.wasm.d.ts"));
    let _ = std::fs::remove_file(out.join(".gitignore"));
    Ok(())
}

/// `cargo xtask pack`: the npm package in `target/pkg`, checked with `npm pack --dry-run`.
pub fn pack() -> Result<(), String> {
    let env = tools::ensure(true)?;
    let out = root().join("target/pkg");
    let _ = std::fs::remove_dir_all(&out);
    js_package(&env, &out)?;
    run::status(
        std::process::Command::new("npm")
            .args(["pack", "--dry-run"])
            .current_dir(&out),
    )?;
    println!("xtask: npm package in {}", out.display());
    Ok(())
}

/// The documentation-embed example (`web/embed/`) with the JavaScript package, into `dist/embed/`.
pub fn embed(env: &Env, dist: &std::path::Path) -> Result<(), String> {
    let target = dist.join("embed");
    std::fs::create_dir_all(&target)
        .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    for name in ["index.html", "embed.js"] {
        std::fs::copy(root().join("web/embed").join(name), target.join(name))
            .map_err(|e| format!("cannot copy web/embed/{name}: {e}"))?;
    }
    js_package(env, &target.join("pkg"))
}

/// Puts the SHA-256 of every inline `<script>` (Trunk's loader) into the Content-Security-Policy, so
/// the page runs those scripts and nothing else, on any static host.
pub fn with_script_hashes(html: &str) -> String {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let Some(after_open) = rest.get(open..) else {
            break;
        };
        let Some(tag_end) = after_open.find('>') else {
            break;
        };
        let tag = after_open.get(..tag_end).unwrap_or("");
        let body_start = tag_end + 1;
        let Some(close) = after_open
            .get(body_start..)
            .and_then(|b| b.find("</script>"))
        else {
            break;
        };
        let body = after_open.get(body_start..body_start + close).unwrap_or("");
        if !tag.contains(" src=") && !body.is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = after_open.get(body_start + close..).unwrap_or("");
    }
    html.replace("PROVISIM_SCRIPT_HASHES", &hashes.join(" "))
}

/// `cargo xtask bench`: the native engine benchmarks (release build), the app bundle's size, then
/// the browser benchmarks (first render, keystroke, the batch in wasm) in headless Chromium.
pub fn bench(args: &[String]) -> Result<(), String> {
    let env = tools::ensure(true)?;
    let scenario = root().join("target/bench/batch-100k.json");
    if let Some(dir) = scenario.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let native = capture(
        env.command("cargo")
            .args([
                "run",
                "--profile",
                "bench-native",
                "-p",
                "provisim-bench",
                "--",
            ])
            .args(args)
            .env("PROVISIM_BATCH_SCENARIO", &scenario),
    )?;
    let dist = release(&env)?;
    let mut total_gzip = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    println!("\nrelease bundle (dist/):");
    for path in entries {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "wasm" | "js" | "css" | "html") {
            continue;
        }
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gz = gzip_len(&path);
        total_gzip += gz;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "  {name:<40} {:>9.1} KB raw {:>8.1} KB gzip -9",
            raw as f64 / 1024.0,
            gz as f64 / 1024.0
        );
    }
    println!(
        "  total gzip -9: {:.1} KB (budget 400 KB)",
        total_gzip as f64 / 1024.0
    );

    println!("\nbrowser (headless Chromium, release build on loopback):");
    embed(&env, &dist)?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| format!("cannot listen on loopback: {e}"))?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let served = dist.clone();
    std::thread::spawn(move || crate::serve::serve_forever(&listener, &served));
    let mut node = env.command("node");
    node.current_dir(root().join("web"))
        .arg("bench/browser.mjs")
        .env("PROVISIM_BASE_URL", format!("http://127.0.0.1:{port}/"));
    if scenario.exists() {
        node.env("PROVISIM_BATCH_SCENARIO", &scenario);
    }
    let browser = capture(&mut node)?;
    let figure = |text: &str, key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("BENCH {key} ")))
            .and_then(|v| v.trim().parse::<f64>().ok())
    };
    if let (Some(native_ms), Some(wasm_ms)) = (
        figure(&native, "native_batch_100k_ms"),
        figure(&browser, "wasm_batch_100k_ms"),
    ) {
        println!(
            "  simulateBatch 100,000 users, wasm / native: {:.2}× (target ≤ 2×)",
            wasm_ms / native_ms
        );
    }
    Ok(())
}

/// Runs a command, printing its output as it is read and returning it (for the figures).
fn capture(command: &mut std::process::Command) -> Result<String, String> {
    use std::io::{BufRead, BufReader};
    let described = run::describe(command);
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {described}: {e}"))?;
    let mut text = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if !line.starts_with("BENCH ") {
                println!("{line}");
            }
            text.push_str(&line);
            text.push('\n');
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("{described} did not finish: {e}"))?;
    if status.success() {
        Ok(text)
    } else {
        Err(format!("{described} failed with {status}"))
    }
}

/// gzip's output is binary; `run::output` is text, so measure it through a byte count instead.
fn gzip_len(path: &std::path::Path) -> u64 {
    std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map(|o| o.stdout.len() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_into_the_policy() {
        let html = "<meta content=\"script-src 'self' PROVISIM_SCRIPT_HASHES\"><script src=\"a.js\"></script><script type=\"module\">boot()</script>";
        let out = with_script_hashes(html);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"boot()"));
        assert!(
            out.contains(&format!("script-src 'self' 'sha256-{expected}'")),
            "{out}"
        );
        assert!(!out.contains("PROVISIM_SCRIPT_HASHES"));
    }
}
