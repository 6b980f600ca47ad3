//! Tidy check: no module of any crate imports, directly or through others, a module that imports it
//! back (issue 14). Read from the source: `use` trees and inline `crate::`/`super::`/child-module
//! paths outside `#[cfg(test)]`; a `mod` declaration is not an import, nor is a submodule's use of
//! its ancestors (`super::X`: the submodule is part of them).

// A test file: its helpers run only under the tests, where a failed read should stop the test.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A crate's modules: module path (`scim::engine`, `""` for the root) → its source file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, src: &Path, out: &mut BTreeMap<String, PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, src, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                out.insert(parts.join("::"), path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    out
}

/// The source without test code: everything from the first `#[cfg(test)]` on (test modules close
/// every file here) and comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a `use` tree names: `use a::{b, c::{d}};` → `a::b`, `a::c::d`.
fn use_paths(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let prefix = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    use_paths(&inner[start..i], &prefix, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        use_paths(&inner[start..], &prefix, out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(join(prefix, path));
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}::{b}"),
    }
}

/// The paths a file names: its `use` trees, and `crate::…`/`super::…`/`child::…` in its code.
fn named_paths(code: &str, children: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for statement in code.split(';') {
        let s = statement.trim_start();
        let s = s
            .strip_prefix("pub(crate) ")
            .or_else(|| s.strip_prefix("pub "))
            .unwrap_or(s);
        if let Some(tree) = s.strip_prefix("use ") {
            use_paths(tree, "", &mut out);
        }
    }
    let bytes = code.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if ident(bytes[i]) && (i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            let mut j = i;
            while j < bytes.len() && (ident(bytes[j]) || bytes[j..].starts_with(b"::")) {
                j += if bytes[j] == b':' { 2 } else { 1 };
            }
            let path = code[i..j].trim_end_matches("::");
            let first = path.split("::").next().unwrap_or_default();
            if path.contains("::")
                && (first == "crate" || first == "super" || children.contains(first))
            {
                out.push(path.to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The module a path names, from module `from` (a file): the longest known module prefix.
fn resolve(
    path: &str,
    from: &str,
    is_dir_module: bool,
    known: &BTreeMap<String, PathBuf>,
) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").collect()
    };
    match parts.first() {
        Some(&"crate") => {
            base.clear();
            parts.remove(0);
        }
        Some(&"super") => {
            // `super` of `scim/engine.rs` is `scim`; of `scim/mod.rs`, the crate root.
            while parts.first() == Some(&"super") {
                base.pop();
                parts.remove(0);
            }
        }
        Some(&"self") => {
            parts.remove(0);
            if !is_dir_module {
                return None;
            }
        }
        _ => {}
    }
    base.extend(parts);
    (0..=base.len())
        .rev()
        .map(|k| base[..k].join("::"))
        .find(|m| known.contains_key(m))
}

/// The crate's import graph between files.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let known = modules(src);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &known {
        let text = std::fs::read_to_string(file).unwrap();
        let code = code(&text);
        let is_dir_module = file
            .file_stem()
            .is_some_and(|s| s == "mod" || s == "lib" || s == "main");
        let children: BTreeSet<String> = if is_dir_module {
            known
                .keys()
                .filter_map(|m| {
                    let rest = if module.is_empty() {
                        m.as_str()
                    } else {
                        m.strip_prefix(module.as_str())?.strip_prefix("::")?
                    };
                    (!rest.is_empty() && !rest.contains("::")).then(|| rest.to_string())
                })
                .collect()
        } else {
            BTreeSet::new()
        };
        let out = edges.entry(module.clone()).or_default();
        for path in named_paths(&code, &children) {
            let relative = path
                .split("::")
                .next()
                .is_some_and(|f| children.contains(f));
            let path = if relative && !module.is_empty() {
                format!("crate::{module}::{path}")
            } else if relative {
                format!("crate::{path}")
            } else {
                path
            };
            // A module is part of its ancestors: naming one (`super::X`) is not an import.
            if let Some(target) = resolve(&path, module, is_dir_module, &known) {
                let ancestor = target.is_empty() || module.starts_with(&format!("{target}::"));
                if &target != module && !ancestor {
                    out.insert(target);
                }
            }
        }
    }
    edges
}

/// The cycles (strongly connected components of more than one module), Tarjan's algorithm.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        edges: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(v: &'g str, s: &mut State<'g>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let edges = s.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(w, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(v, &mut state);
        }
    }
    state.found
}

fn describe(src: &Path) -> Vec<String> {
    let edges = graph(src);
    cycles(&edges)
        .into_iter()
        .map(|component| {
            let arrows: Vec<String> = component
                .iter()
                .flat_map(|a| {
                    edges[a]
                        .iter()
                        .filter(|b| component.contains(b))
                        .map(move |b| format!("  {a} -> {b}"))
                })
                .collect();
            format!(
                "{}: {}\n{}",
                src.display(),
                component.join(", "),
                arrows.join("\n")
            )
        })
        .collect()
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.push(root().join("fuzz/fuzz_targets"));
    crates.sort();
    assert!(crates.len() >= 6, "{crates:?}");
    let found: Vec<String> = crates.iter().flat_map(|c| describe(c)).collect();
    assert!(
        found.is_empty(),
        "import cycles (move what both sides use below them):\n{}",
        found.join("\n")
    );
}

/// The checker itself finds a cycle, through a `use` group and an inline path, and none in a chain.
#[test]
fn the_check_sees_a_cycle_through_groups_and_inline_paths() {
    let dir = std::env::temp_dir().join(format!("provisim-cycles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("engine")).unwrap();
    std::fs::write(dir.join("lib.rs"), "//! x\npub mod api;\npub mod engine;\n").unwrap();
    std::fs::write(
        dir.join("api.rs"),
        "//! x\nuse crate::{engine::{self, run}};\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("engine/mod.rs"),
        "//! x\npub mod inner;\npub fn f() { inner::g(); }\n",
    )
    .unwrap();
    std::fs::write(dir.join("engine/inner.rs"), "//! x\n// crate::api::x in a comment\npub fn g() {}\n#[cfg(test)]\nmod tests { use crate::api; }\n").unwrap();
    assert!(describe(&dir).is_empty(), "{:?}", graph(&dir));
    // A submodule naming its parent is not an import.
    std::fs::write(
        dir.join("engine/inner.rs"),
        "//! x\nuse super::f;\npub fn g() { crate::engine::f() }\n",
    )
    .unwrap();
    assert!(describe(&dir).is_empty(), "{:?}", graph(&dir));
    std::fs::write(
        dir.join("engine/inner.rs"),
        "//! x\npub fn g() { let _ = crate::api::Answer::new(); }\n",
    )
    .unwrap();
    let found = describe(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("api, engine, engine::inner"), "{found:?}");
    std::fs::write(
        dir.join("engine/inner.rs"),
        "//! x\nuse super::super::{api as a};\npub fn g() {}\n",
    )
    .unwrap();
    assert_eq!(describe(&dir).len(), 1, "{:?}", graph(&dir));
    let _ = std::fs::remove_dir_all(&dir);
}
