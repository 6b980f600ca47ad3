//! The release build of the app (Trunk), the JavaScript package, and the benchmarks.

use crate::run::{self, root, Env};
use crate::tools;
use std::path::PathBuf;

/// The wasm-opt flags for the JavaScript package's module: size first, and the features the
/// browsers have. (The app's module is optimised by Trunk, `data-wasm-opt="z"` in index.html.)
pub const WASM_OPT_FLAGS: [&str; 6] = [
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// Builds the release app into `dist/` with Trunk (`trunk build --release`, configured by the root
/// `Trunk.toml` and `index.html`) and returns that folder.
pub fn release(env: &Env) -> Result<PathBuf, String> {
    let dist = root().join("dist");
    run::status(
        env.command("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist),
    )?;
    let index = dist.join("index.html");
    let page = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    check_release_page(&page).map_err(|e| format!("{}: {e}", index.display()))?;
    println!("xtask: built {}", dist.display());
    Ok(dist)
}

/// What the released page must be: scripts only from files (its policy has no 'unsafe-inline'),
/// no nonce placeholder left by `create_nonce`, and the app's wasm and glue named.
pub fn check_release_page(page: &str) -> Result<(), String> {
    if page.contains("__TRUNK NONCE__") {
        return Err(
            "the nonce placeholder is still in the page (Trunk.toml's post_build hook did not run)"
                .into(),
        );
    }
    for script in page.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap_or("");
        let body = script
            .split_once('>')
            .and_then(|(_, rest)| rest.split("</script>").next())
            .unwrap_or("");
        if !tag.contains(" src=") || !body.trim().is_empty() {
            return Err(format!("an inline script: `<script{tag}>`"));
        }
    }
    let named = |needle: &str| {
        page.split("href=\"")
            .skip(1)
            .any(|rest| rest.split('"').next().is_some_and(|h| h.ends_with(needle)))
    };
    if !named("_bg.wasm") || !named(".js") {
        return Err("the page does not preload the app's wasm module and its glue".into());
    }
    Ok(())
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
            .args(WASM_OPT_FLAGS)
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
    let mut first_load = 0;
    // The page's own files (not the embed examples, which the bench builds next).
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    println!("\nrelease bundle (dist/, trunk build --release):");
    for path in entries {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "wasm" | "js" | "css" | "html") {
            continue;
        }
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gz = gzip_len(&path);
        if ext != "html" {
            first_load += gz;
        }
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
        "  first load, wasm + JS + CSS: {:.1} KB gzip -9 (goal ≤ 400 KB; the browser's figure, zlib \
         level 9 of what it fetched, is below)",
        first_load as f64 / 1024.0
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
    fn a_page_with_an_inline_script_or_a_nonce_placeholder_is_refused() {
        let good = r#"<link rel="modulepreload" href="./provisim-web-1a.js"><link rel="preload" href="./provisim-web-1a_bg.wasm"><script type="module" src="./boot-2b.js" integrity="x"></script>"#;
        assert_eq!(check_release_page(good), Ok(()));
        let inline = good.replace(r#"src="./boot-2b.js" integrity="x">"#, ">init()");
        assert!(check_release_page(&inline)
            .unwrap_err()
            .contains("inline script"));
        let nonce = good.replace("<script", r#"<script nonce="{{__TRUNK NONCE__}}""#);
        assert!(check_release_page(&nonce).unwrap_err().contains("nonce"));
        let no_app = good.replace("_bg.wasm", ".txt");
        assert!(check_release_page(&no_app).unwrap_err().contains("wasm"));
    }

    /// Trunk takes the first wasm-bindgen and wasm-opt on PATH and requires the versions Trunk.toml
    /// names: they must be the ones xtask installs.
    #[test]
    fn trunk_toml_names_the_pinned_tools() {
        let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
        let bindgen = tools::wasm_bindgen_version().unwrap();
        assert!(
            trunk.contains(&format!("wasm_bindgen = \"{bindgen}\"")),
            "{trunk}"
        );
        assert!(
            trunk.contains(&format!("wasm_opt = \"{}\"", tools::WASM_OPT)),
            "{trunk}"
        );
        assert!(
            trunk.contains("offline = true"),
            "Trunk must never download a tool"
        );
        assert!(trunk.contains("pattern_script = \"\""), "no inline loader");
    }

    /// The page Trunk builds: the app, its style sheet and boot script as Trunk assets, and a policy
    /// that allows the page's own files only (and, under `trunk serve`, its nonce).
    #[test]
    fn the_page_is_trunks_with_a_policy_without_unsafe_inline() {
        let html = std::fs::read_to_string(root().join("index.html")).unwrap();
        let policy = html
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-{{__TRUNK NONCE__}}';"),
            "{policy}"
        );
        assert!(policy.contains("connect-src 'self';"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        for asset in [
            r#"<link data-trunk rel="rust" href="crates/provisim-web/Cargo.toml""#,
            r#"<link data-trunk rel="css" href="web/style.css""#,
            r#"<script data-trunk type="module" src="web/boot.js"></script>"#,
        ] {
            assert!(html.contains(asset), "{asset}");
        }
        assert_eq!(html.matches("<script").count(), 1, "one script: boot.js");
        let hook = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
        assert!(
            hook.contains("'nonce-{{__TRUNK NONCE__}}'"),
            "the hook removes what the page has"
        );
    }
}
