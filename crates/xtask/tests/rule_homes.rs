//! Tidy test: every rule of the catalogue has one home (`rules::HOMES` in provisim-core), the item
//! named there exists, and its doc comment names the rule ID, so "where is rule X" is one lookup
//! in rules.rs and one hop to the code (issue 14).
// Test code: a failed index or read is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

fn core_src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../provisim-core/src")
}

/// The `(ID, home)` rows of the `rule_ids!` block of rules.rs, read from its source (xtask does
/// not link the core).
fn homes(rules_rs: &str) -> Vec<(String, String)> {
    let block = rules_rs
        .split_once("rule_ids! {")
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split_once("\n}"))
        .map(|(block, _)| block)
        .expect("rules.rs has a `rule_ids! { … }` block");
    block
        .lines()
        .filter_map(|line| {
            let (_, rest) = line.split_once('=')?;
            let mut quoted = rest.split('"').skip(1).step_by(2);
            Some((quoted.next()?.to_string(), quoted.next()?.to_string()))
        })
        .collect()
}

/// The file a module path lives in, and the rest of the path (the item, or `Type::method`).
fn locate(src: &Path, home: &str) -> Option<(PathBuf, Vec<String>)> {
    let segments: Vec<&str> = home.split("::").collect();
    for cut in (1..segments.len()).rev() {
        let module = segments[..cut].join("/");
        for file in [
            src.join(format!("{module}.rs")),
            src.join(&module).join("mod.rs"),
        ] {
            if file.is_file() {
                let rest = segments[cut..].iter().map(|s| (*s).to_string()).collect();
                return Some((file, rest));
            }
        }
    }
    None
}

/// Whether `line` declares `name` (a fn, type, const, static or module).
fn declares(line: &str, name: &str) -> bool {
    let mut words = line
        .trim_start()
        .split(|c: char| c.is_whitespace() || c == '(' || c == '<' || c == ':' || c == '{')
        .filter(|w| !w.is_empty());
    let mut previous = "";
    for word in words.by_ref() {
        if word == name
            && matches!(
                previous,
                "fn" | "struct" | "enum" | "const" | "static" | "type" | "trait" | "mod"
            )
        {
            return true;
        }
        if !matches!(
            word,
            "pub"
                | "crate)"
                | "super)"
                | "crate"
                | "super"
                | "const"
                | "fn"
                | "struct"
                | "enum"
                | "static"
                | "type"
                | "trait"
                | "mod"
                | "async"
                | "unsafe"
        ) {
            return false;
        }
        previous = word;
    }
    false
}

/// Whether `line` opens an inherent `impl` of `ty` (`impl Ty`, `impl<'a> Ty<'_>`), not a trait
/// impl for it.
fn implements(line: &str, ty: &str) -> bool {
    let Some(rest) = line.strip_prefix("impl") else {
        return false;
    };
    if rest.contains(" for ") {
        return false;
    }
    // Skip the impl's generics, then read the type's name.
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix('<') {
        Some(generics) => generics.split_once("> ").map_or("", |(_, r)| r),
        None => rest,
    };
    rest.split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .is_some_and(|name| name == ty)
}

/// The doc comment right above line `at` (attributes between are skipped).
fn doc_above(lines: &[&str], at: usize) -> String {
    let mut doc = Vec::new();
    // Inside an attribute that spans lines (`#[derive(` … `)]`), read upwards to its start.
    let mut in_attribute = false;
    for line in lines[..at].iter().rev() {
        let t = line.trim_start();
        if in_attribute {
            in_attribute = !t.starts_with("#[");
        } else if let Some(text) = t.strip_prefix("///") {
            doc.push(text.trim());
        } else if t.starts_with("#[") {
            continue;
        } else if t.ends_with(")]") {
            in_attribute = true;
        } else {
            break;
        }
    }
    doc.reverse();
    doc.join(" ")
}

/// The doc comment of the item a home names, or why it cannot be found.
fn home_doc(src: &Path, home: &str) -> Result<String, String> {
    let (file, rest) = locate(src, home).ok_or_else(|| format!("no module file for `{home}`"))?;
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let lines: Vec<&str> = text.lines().collect();
    // An item of the module is declared at the top level of its file (no indentation); a method
    // inside an `impl Type` block (its first word after `impl` and generics, not `for Type`), at
    // the block's own indentation, before the block closes.
    let top_level = |l: &str| !l.starts_with(char::is_whitespace);
    let found = match rest.as_slice() {
        [item] => lines.iter().position(|l| top_level(l) && declares(l, item)),
        [ty, method] => lines
            .iter()
            .enumerate()
            .filter(|(_, l)| top_level(l) && implements(l, ty))
            .find_map(|(s, _)| {
                lines[s + 1..]
                    .iter()
                    .take_while(|l| !l.starts_with('}'))
                    .position(|l| l.starts_with("    ") && declares(l, method))
                    .map(|i| s + 1 + i)
            }),
        _ => None,
    };
    let at = found.ok_or_else(|| {
        format!(
            "`{home}`: no item `{}` in {}",
            rest.join("::"),
            file.display()
        )
    })?;
    Ok(doc_above(&lines, at))
}

#[test]
fn every_rule_has_one_home_whose_doc_names_it() {
    let src = core_src();
    let rules_rs = std::fs::read_to_string(src.join("rules.rs")).unwrap();
    let homes = homes(&rules_rs);
    let catalogue = std::fs::read_to_string(src.join("../rules/RULES.md")).unwrap();
    let listed = catalogue
        .lines()
        .filter(|l| {
            l.strip_prefix("| ")
                .and_then(|r| r.split(' ').next())
                .is_some_and(|id| {
                    id.split_once('-').is_some_and(|(family, n)| {
                        matches!(family, "LIC" | "SAML" | "SCIM" | "CSV" | "TPL")
                            && !n.is_empty()
                            && n.chars().all(|c| c.is_ascii_digit())
                    })
                })
        })
        .count();
    let mut ids: Vec<&str> = homes.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), homes.len(), "each rule once in rules.rs");
    assert_eq!(homes.len(), listed, "one home per catalogue rule");
    for id in &ids {
        assert!(
            catalogue.contains(&format!("| {id} |")),
            "{id} is in rules.rs but not in the catalogue"
        );
    }
    let mut problems = Vec::new();
    for (id, home) in &homes {
        match home_doc(&src, home) {
            Ok(doc) if doc.contains(id.as_str()) => {}
            Ok(doc) => problems.push(format!(
                "{id}: the doc comment of `{home}` does not name {id} (it says: \"{doc}\"): \
                 write what it decides with the ID, or point rules.rs at the item that decides it"
            )),
            Err(e) => problems.push(format!("{id}: {e}: fix the home in rules.rs")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_finder_finds_functions_methods_and_types_and_their_docs() {
    let dir = std::env::temp_dir().join(format!("rule-homes-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(
        dir.join("a/b.rs"),
        "/// Decides X-01.\n#[must_use]\n#[derive(\n    Clone,\n)]\npub fn decide() {}\n\nstruct Run;\nimpl From<u8> for Run {\n    fn from(_: u8) -> Self { Run }\n}\nimpl<'a> Run {\n    /// X-02 and X-03.\n    fn method(&self) {}\n}\nimpl Other {\n    fn decide(&self) {}\n}\n/// Nothing.\npub(crate) const TABLE: u8 = 0;\n",
    )
    .unwrap();
    assert_eq!(home_doc(&dir, "a::b::decide").unwrap(), "Decides X-01.");
    assert_eq!(
        home_doc(&dir, "a::b::Run::method").unwrap(),
        "X-02 and X-03."
    );
    assert_eq!(home_doc(&dir, "a::b::TABLE").unwrap(), "Nothing.");
    assert!(home_doc(&dir, "a::b::gone").is_err());
    // A method of another impl, or a free function of the same name, is not the home.
    assert!(home_doc(&dir, "a::b::Run::decide").is_err());
    assert!(home_doc(&dir, "a::b::method").is_err());
    assert!(home_doc(&dir, "a::b::From::method").is_err());
    assert!(home_doc(&dir, "a::c::decide").is_err());
    assert_eq!(
        homes("rule_ids! {\n    X_01 = \"X-01\" in \"a::b::decide\",\n}\n"),
        [("X-01".to_string(), "a::b::decide".to_string())]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
