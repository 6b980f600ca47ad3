//! The release build of the app (split into modules loaded on demand), the JS package, and the benchmarks.

use crate::run::{self, root, Env};
use crate::tools;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The release app's configuration: `erase_components` (as in `.cargo/config.toml`) keeps Leptos's
/// view types from nesting; `provisim_split` turns on the split points of `deferred.rs`.
pub const RELEASE_CFG: &str = "--cfg erase_components --cfg provisim_split";
/// The modules of the split points of `crates/provisim-web/src/deferred.rs`, one per workbench.
const SPLIT_MODULES: [&str; 4] = [
    "split_scim.wasm",
    "split_csv.wasm",
    "split_concurrency.wasm",
    "split_batch.wasm",
];
/// Where the release app is compiled (its flags differ from the checks' and tests').
pub const RELEASE_TARGET_DIR: &str = "target/release-app";

/// The wasm-opt flags for every released module: size first, and the features the browsers have.
pub const WASM_OPT_FLAGS: [&str; 6] = [
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// Builds the release app into `dist/` and returns that folder.
///
/// The steps: cargo builds the app's wasm (its own target folder, since its flags differ from the
/// checks' and tests'); `wasm_split_cli_support` cuts the workbenches loaded on demand into modules
/// of their own, with the loader `__wasm_split.js`; wasm-bindgen makes the JavaScript glue of the
/// main module; wasm-opt shrinks every module; the page, its boot script and the style sheet are
/// copied beside them.
pub fn release(env: &Env) -> Result<PathBuf, String> {
    let dist = root().join("dist");
    let target_dir = root().join(RELEASE_TARGET_DIR);
    run::status(
        env.command("cargo")
            .args([
                "build",
                "--release",
                "--target",
                tools::WASM_TARGET,
                "-p",
                "provisim-web",
                "--bin",
                "provisim-web",
                "--target-dir",
            ])
            .arg(&target_dir)
            // `--emit-relocs` keeps the relocations that the splitter reads to cut the module apart.
            .env(
                "RUSTFLAGS",
                format!("{RELEASE_CFG} -C link-arg=--emit-relocs"),
            ),
    )?;
    let built = target_dir.join(format!("{}/release/provisim-web.wasm", tools::WASM_TARGET));
    let parts = target_dir.join("parts");
    // Everything the page loads goes in `app-<hash of its files>/`, so that a browser never mixes
    // the files of two builds from its cache; only `index.html` keeps its name.
    let staging = dist.join("app");
    // An earlier build's files must not linger beside this one's (the page would not name them, but
    // a host would serve them), so a folder that cannot be removed is an error.
    for dir in [&parts, &dist] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
        }
    }
    for dir in [&parts, &staging] {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let bytes =
        std::fs::read(&built).map_err(|e| format!("cannot read {}: {e}", built.display()))?;
    let main = parts.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&bytes);
    options.output_dir = &parts;
    options.main_out_path = &main;
    options.main_module = "./provisim-web.js";
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("cannot split {}: {e:?}", built.display()))?;
    // Without its split points (the cfg lost, say) the app would still build, as one large module.
    let written: Vec<String> = split
        .split_modules
        .iter()
        .filter_map(|m| m.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let missing: Vec<_> = SPLIT_MODULES
        .iter()
        .filter(|name| !written.iter().any(|w| w == *name))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the split of {} has no {missing:?}: are the split points of \
             crates/provisim-web/src/deferred.rs compiled (--cfg provisim_split)?",
            built.display()
        ));
    }
    println!(
        "xtask: split the app into its main module, {} workbench modules loaded on demand and {} chunks they share",
        SPLIT_MODULES.len(),
        written.len() - SPLIT_MODULES.len()
    );
    run::status(
        env.command("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                // The split modules import the function table that LLD exported.
                "--keep-lld-exports",
                "--out-name",
                "provisim-web",
                "--out-dir",
            ])
            .arg(&staging)
            .arg(&main),
    )?;
    let copy = |from: PathBuf, to: PathBuf| {
        std::fs::copy(&from, &to)
            .map(|_| ())
            .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
    };
    let mut modules = vec![staging.join("provisim-web_bg.wasm")];
    for module in &split.split_modules {
        let name = module.file_name().ok_or_else(|| {
            format!(
                "the splitter wrote a module without a name: {}",
                module.display()
            )
        })?;
        // Without the splitter's name section (wasm-opt warns on its label names, and drops
        // names anyway).
        let bytes =
            std::fs::read(module).map_err(|e| format!("cannot read {}: {e}", module.display()))?;
        let stripped = without_names(&bytes).map_err(|e| format!("{}: {e}", module.display()))?;
        std::fs::write(staging.join(name), stripped)
            .map_err(|e| format!("cannot write {}: {e}", staging.join(name).display()))?;
        modules.push(staging.join(name));
    }
    copy(
        parts.join("__wasm_split.js"),
        staging.join("__wasm_split.js"),
    )?;
    for module in &modules {
        run::status(
            env.command("wasm-opt")
                .args(WASM_OPT_FLAGS)
                .arg(module)
                .arg("-o")
                .arg(module),
        )?;
    }
    copy(root().join("web/style.css"), staging.join("style.css"))?;
    let boot = std::fs::read_to_string(root().join("web/boot.js"))
        .map_err(|e| format!("cannot read web/boot.js: {e}"))?;
    std::fs::write(
        staging.join("boot.js"),
        with_module_map(&boot, &split.prefetch_map)?,
    )
    .map_err(|e| format!("cannot write {}: {e}", staging.join("boot.js").display()))?;
    let app = format!("app-{}", digest_of(&staging)?);
    std::fs::rename(&staging, dist.join(&app))
        .map_err(|e| format!("cannot rename {} to {app}: {e}", staging.display()))?;
    let page = std::fs::read_to_string(root().join("web/index.html"))
        .map_err(|e| format!("cannot read web/index.html: {e}"))?;
    std::fs::write(dist.join("index.html"), with_app_folder(&page, &app))
        .map_err(|e| format!("cannot write {}: {e}", dist.join("index.html").display()))?;
    // The documentation page that embeds workbenches in iframes needs only the app.
    let embed = dist.join("embed");
    std::fs::create_dir_all(&embed)
        .map_err(|e| format!("cannot create {}: {e}", embed.display()))?;
    copy(
        root().join("web/embed/workbench.html"),
        embed.join("workbench.html"),
    )?;
    println!("xtask: built {}", dist.display());
    Ok(dist)
}

/// A wasm module without its `name` custom section (the debugging names); every other section as is.
fn without_names(wasm: &[u8]) -> Result<Vec<u8>, String> {
    fn leb(bytes: &[u8], at: &mut usize) -> Option<usize> {
        let mut value = 0usize;
        for shift in (0..35).step_by(7) {
            let byte = *bytes.get(*at)?;
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }
    let bad = || "not a valid wasm module (cut short, or a section runs past its end)".to_string();
    let header = wasm.get(..8).ok_or_else(bad)?;
    let mut out = header.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = *wasm.get(at).ok_or_else(bad)?;
        at += 1;
        let size = leb(wasm, &mut at).ok_or_else(bad)?;
        let body = wasm.get(at..at + size).ok_or_else(bad)?;
        at += size;
        let is_names = id == 0 && {
            let mut name_at = 0;
            leb(body, &mut name_at)
                .and_then(|len| body.get(name_at..name_at + len))
                .is_some_and(|name| name == b"name")
        };
        if !is_names {
            out.extend_from_slice(wasm.get(start..at).ok_or_else(bad)?);
        }
    }
    Ok(out)
}

/// The first 12 hex digits of the SHA-256 of the files of `dir` (names and contents, by name).
fn digest_of(dir: &std::path::Path) -> Result<String, String> {
    fn files(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        for entry in std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut all = Vec::new();
    files(dir, &mut all)?;
    all.sort();
    let mut hasher = Sha256::new();
    for file in all {
        let bytes =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let name = file.strip_prefix(dir).unwrap_or(&file);
        hasher.update(name.as_os_str().as_encoded_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The boot script with its `MODULES` filled in: for each split point (named as its route), the
/// files to fetch, in name order.
pub fn with_module_map(
    boot: &str,
    prefetch: &std::collections::HashMap<String, Vec<String>>,
) -> Result<String, String> {
    const EMPTY: &str = "const MODULES = {};";
    if !boot.contains(EMPTY) {
        return Err(format!("web/boot.js has no `{EMPTY}` to fill in"));
    }
    let mut routes: Vec<_> = prefetch.iter().collect();
    routes.sort();
    let entries: Vec<String> = routes
        .into_iter()
        .map(|(route, stems)| {
            let mut files: Vec<String> = stems.iter().map(|s| format!("\"{s}.wasm\"")).collect();
            files.sort();
            files.dedup();
            format!("\"{route}\": [{}]", files.join(", "))
        })
        .collect();
    Ok(boot.replace(
        EMPTY,
        &format!("const MODULES = {{ {} }};", entries.join(", ")),
    ))
}

/// The page with its references to the app's files pointed into the `app` folder.
pub fn with_app_folder(page: &str, app: &str) -> String {
    [
        "style.css",
        "provisim-web.js",
        "provisim-web_bg.wasm",
        "boot.js",
    ]
    .iter()
    .fold(page.to_string(), |page, name| {
        page.replace(&format!("=\"{name}\""), &format!("=\"{app}/{name}\""))
    })
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
    let mut total_gzip = 0;
    // The page and the app's folder (not the embed examples, which the bench builds next).
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(&dist)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() && entry.file_name().to_string_lossy().starts_with("app-") {
            entries.extend(
                std::fs::read_dir(&path)
                    .map_err(|e| e.to_string())?
                    .flatten()
                    .map(|e| e.path()),
            );
        } else if path.is_file() {
            entries.push(path);
        }
    }
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
        "  all files together: {:.1} KB gzip -9 (the page fetches the workbench modules on demand: \
         what it loads first is measured in the browser, below)",
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
    fn the_name_section_is_dropped_and_the_rest_kept() {
        // Header, a type section (id 1, 4 bytes), a custom `name` section, a custom `other` one.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.extend([0, 7, 4, b'n', b'a', b'm', b'e', 1, 2]);
        wasm.extend([0, 6, 5, b'o', b't', b'h', b'e', b'r']);
        let out = without_names(&wasm).unwrap();
        let mut expected = b"\0asm\x01\0\0\0".to_vec();
        expected.extend([1, 4, 1, 0x60, 0, 0]);
        expected.extend([0, 6, 5, b'o', b't', b'h', b'e', b'r']);
        assert_eq!(out, expected);
        assert!(
            without_names(&wasm[..wasm.len() - 1]).is_err(),
            "a cut module is an error"
        );
    }

    /// The release build sets RUSTFLAGS, which replaces `.cargo/config.toml`'s wasm32 flags: it
    /// must carry each of them.
    #[test]
    fn the_release_flags_keep_the_configured_wasm_flags() {
        let config = std::fs::read_to_string(root().join(".cargo/config.toml")).unwrap();
        let line = config
            .lines()
            .skip_while(|l| *l != "[target.wasm32-unknown-unknown]")
            .find(|l| l.starts_with("rustflags"))
            .unwrap();
        let flags: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        assert!(!flags.is_empty(), "{line}");
        assert!(
            RELEASE_CFG.contains(&flags.join(" ")),
            "{RELEASE_CFG} lacks {flags:?}"
        );
    }

    #[test]
    fn the_boot_script_gets_each_routes_files() {
        let boot = std::fs::read_to_string(root().join("web/boot.js")).unwrap();
        let map = std::collections::HashMap::from([
            (
                "scim".to_string(),
                vec!["split_scim".to_string(), "chunk_7".to_string()],
            ),
            (
                "csv".to_string(),
                vec!["chunk_6".to_string(), "split_csv".to_string()],
            ),
        ]);
        let built = with_module_map(&boot, &map).unwrap();
        assert!(built.contains(
            r#"const MODULES = { "csv": ["chunk_6.wasm", "split_csv.wasm"], "scim": ["chunk_7.wasm", "split_scim.wasm"] };"#
        ), "{built}");
        assert!(with_module_map("init();", &map).is_err());
    }

    #[test]
    fn the_page_points_into_the_app_folder() {
        let page = std::fs::read_to_string(root().join("web/index.html")).unwrap();
        let built = with_app_folder(&page, "app-0123456789ab");
        for name in [
            "style.css",
            "provisim-web.js",
            "provisim-web_bg.wasm",
            "boot.js",
        ] {
            assert!(
                built.contains(&format!("=\"app-0123456789ab/{name}\"")),
                "{name}: {built}"
            );
            assert!(!built.contains(&format!("=\"{name}\"")), "{name}: {built}");
        }
    }

    /// The policy allows scripts from the page's own files only: the page has no inline script.
    #[test]
    fn the_page_has_no_inline_script_and_a_policy_without_unsafe_inline() {
        let html = std::fs::read_to_string(root().join("web/index.html")).unwrap();
        let policy = html
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{policy}"
        );
        assert!(policy.contains("connect-src 'self';"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let scripts: Vec<_> = html.split("<script").skip(1).collect();
        assert_eq!(scripts.len(), 1, "one script: the boot module");
        assert!(scripts
            .iter()
            .all(|s| s.starts_with(" type=\"module\" src=\"boot.js\"></script>")));
    }
}
