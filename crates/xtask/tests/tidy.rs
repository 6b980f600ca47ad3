//! Tidy checks over the whole tree: module docs, the core's purity, the documents that must exist.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    assert!(files.len() > 10);
    let missing: Vec<_> = files
        .iter()
        .filter(|f| {
            !std::fs::read_to_string(f)
                .unwrap_or_default()
                .starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a leading //! line:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_core_does_no_io_reads_no_clock_and_knows_no_javascript() {
    let manifest = std::fs::read_to_string(root().join("crates/provisim-core/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap_or("")
        .split("\n[")
        .next()
        .unwrap_or("");
    for banned in ["wasm-bindgen", "js-sys", "web-sys", "getrandom", "rand"] {
        assert!(
            !deps.contains(banned),
            "provisim-core must not depend on {banned}"
        );
    }
    let mut files = Vec::new();
    rust_files(&root().join("crates/provisim-core/src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for banned in [
            "std::fs",
            "std::net",
            "std::time",
            "std::env",
            "std::process",
            "SystemTime",
            "Instant::",
            "println!",
            "HashMap",
        ] {
            assert!(
                !text.contains(banned),
                "{} uses {banned}: the core is pure and its output ordered",
                file.display()
            );
        }
    }
}

/// `unsafe_code` is forbidden in every crate: no code may allow it back (any mention of the lint
/// outside this file fails), and every crate takes the workspace's lints.
#[test]
fn no_code_allows_unsafe_code() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    let this_file = root().join("crates/xtask/tests/tidy.rs");
    let naming: Vec<_> = files
        .iter()
        .filter(|f| **f != this_file)
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .contains("unsafe_code")
        })
        .map(|f| f.strip_prefix(root()).unwrap_or(f).display().to_string())
        .collect();
    assert!(naming.is_empty(), "{naming:?} mention unsafe_code");
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("unsafe_code = \"forbid\""));
    for entry in std::fs::read_dir(root().join("crates")).unwrap().flatten() {
        let crate_manifest = std::fs::read_to_string(entry.path().join("Cargo.toml")).unwrap();
        assert!(
            crate_manifest.contains("[lints]\nworkspace = true"),
            "{} does not take the workspace's lints",
            entry.path().display()
        );
    }
    let config = std::fs::read_to_string(root().join(".cargo/config.toml")).unwrap();
    assert!(
        !config.contains("unsafe_code"),
        ".cargo/config.toml changes the unsafe_code lint"
    );
}

#[test]
fn the_documents_of_the_project_exist() {
    for doc in [
        "README.md",
        "ARCHITECTURE.md",
        ".ci/run",
        "index.html",
        "Trunk.toml",
        "web/boot.js",
        "web/package.json",
        "web/package-lock.json",
    ] {
        assert!(root().join(doc).is_file(), "{doc} is missing");
    }
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.contains("cargo xtask test"),
        ".ci/run must run the README's test command"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("cargo xtask serve") && readme.contains("cargo xtask test"));
}
