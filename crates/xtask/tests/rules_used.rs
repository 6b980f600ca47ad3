//! Tidy check: every rule ID constant of `crates/provisim-core/src/rules.rs` is used by the core's
//! code (issue 14). A constant counts as used when code outside `rules.rs` and outside
//! `#[cfg(test)]` items names it as `rules::NAME` (`crate::rules::NAME` included), or imports it
//! (`use crate::rules::{NAME, …}`) and names it. Comments and string literals do not count, nor do
//! tests: a test citing a rule emits nothing. "Used" is "named by code": a comparison with the
//! constant counts too. Whether a rule is *emitted* is the corpus's check (every rule a case
//! claims is in its answer, `provisim_corpus::rule_problems`).

// A test file: its helpers run only under the tests, where a failed read should stop the test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Constants that no code uses, each with why. Keep it short: a rule with logic should be cited
/// where that logic is. `not emitted yet:` entries are for the core to fix, then remove here.
const ALLOWED_UNUSED: &[(&str, &str)] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The constants the `rule_ids!` invocation of `rules.rs` defines (`LIC_01 = "LIC-01"` → `LIC_01`).
fn constants(rules_rs: &str) -> Vec<String> {
    let start = rules_rs
        .find("rule_ids! {")
        .expect("rules.rs invokes `rule_ids! {`");
    let body = &rules_rs[start..];
    let body = &body[..body.find('}').expect("the rule_ids! block closes")];
    body.split(',')
        .filter_map(|pair| {
            let (name, id) = pair.split_once('=')?;
            let name = name.trim().trim_start_matches("rule_ids! {").trim();
            id.trim().starts_with('"').then(|| name.to_string())
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// The source with comments blanked and string and character literals emptied (`"…"` → `""`), so
/// that neither counts as a use nor confuses the brace matching below.
fn blank_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !ident_char_before(&chars, i)
        {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next == Some('\\') {
            // An escaped character literal: '\n', '\'', '\u{7f}'.
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            // A lifetime's quote, or any other character.
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char_before(chars: &[char], i: usize) -> bool {
    i > 0
        && chars
            .get(i - 1)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The code without its `#[cfg(test)]` items (a test module, function or `use`): from the attribute
/// to the item's closing brace, or its `;` when the item has no body.
fn without_test_items(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at + "#[cfg(test)]".len()..];
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, c) in item.char_indices() {
            match c {
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// Identifiers and `::` of the code, in order.
fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_string());
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
            i += 1;
        }
    }
    out
}

/// The constants of `names` that one file's code uses: `rules::NAME`, or `NAME` (or its alias)
/// after a `use` that imports it from `rules`.
fn used_in(code: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let code = without_test_items(&blank_comments_and_strings(code));
    let tokens = tokens(&code);
    let mut used = BTreeSet::new();
    // Imported names (`use crate::rules::{self, SAML_04 as X};` → SAML_04 seen as `X`), and every
    // token outside `use` statements.
    let mut imported: Vec<(String, String)> = Vec::new();
    let mut outside_use: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" {
            let end = tokens[i..]
                .iter()
                .position(|t| t == ";")
                .map_or(tokens.len(), |p| i + p);
            let stmt = &tokens[i + 1..end];
            // Inside the statement: `rules :: NAME` or `rules :: { …, NAME, … }`.
            for j in 0..stmt.len() {
                if stmt[j] != "rules" || stmt.get(j + 1).map(String::as_str) != Some("::") {
                    continue;
                }
                let group: &[String] = if stmt.get(j + 2).map(String::as_str) == Some("{") {
                    let mut depth = 0usize;
                    let close = stmt[j + 2..]
                        .iter()
                        .position(|t| {
                            match t.as_str() {
                                "{" => depth += 1,
                                "}" => depth -= 1,
                                _ => {}
                            }
                            depth == 0
                        })
                        .map_or(stmt.len(), |p| j + 2 + p);
                    &stmt[j + 3..close]
                } else {
                    &stmt[j + 2..(j + 3).min(stmt.len())]
                };
                for (k, t) in group.iter().enumerate() {
                    if names.contains(t) {
                        let alias = match (group.get(k + 1), group.get(k + 2)) {
                            (Some(a), Some(alias)) if a == "as" => alias.clone(),
                            _ => t.clone(),
                        };
                        imported.push((t.clone(), alias));
                    }
                }
            }
            i = end + 1;
        } else {
            outside_use.push(&tokens[i]);
            i += 1;
        }
    }
    for w in outside_use.windows(3) {
        if w[0] == "rules" && w[1] == "::" && names.contains(w[2]) {
            used.insert(w[2].to_string());
        }
    }
    for (name, alias) in imported {
        if outside_use.iter().any(|t| *t == alias) {
            used.insert(name);
        }
    }
    used
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The constants of `src/rules.rs` that no other file of `src` uses outside tests.
fn unused(src: &Path) -> Vec<String> {
    let rules_rs = src.join("rules.rs");
    let names: BTreeSet<String> = constants(&std::fs::read_to_string(&rules_rs).unwrap())
        .into_iter()
        .collect();
    assert!(
        !names.is_empty(),
        "no constant found in {}",
        rules_rs.display()
    );
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut used = BTreeSet::new();
    for file in files.iter().filter(|f| **f != rules_rs) {
        used.extend(used_in(&std::fs::read_to_string(file).unwrap(), &names));
    }
    names.difference(&used).cloned().collect()
}

#[test]
fn every_rule_constant_is_used_by_the_core() {
    let src = root().join("crates/provisim-core/src");
    let unused = unused(&src);
    let allowed: BTreeSet<&str> = ALLOWED_UNUSED.iter().map(|(name, _)| *name).collect();
    let mut problems: Vec<String> = unused
        .iter()
        .filter(|name| !allowed.contains(name.as_str()))
        .map(|name| {
            format!(
                "rules::{name} is used by no code of crates/provisim-core/src (tests do not count): \
                 cite it where its rule is decided, or, if the rule has no logic by design, add it \
                 to ALLOWED_UNUSED in crates/xtask/tests/rules_used.rs with the reason"
            )
        })
        .collect();
    for (name, reason) in ALLOWED_UNUSED {
        if reason.trim().is_empty() {
            problems.push(format!("ALLOWED_UNUSED: {name} has no reason"));
        }
        if !unused.iter().any(|u| u == name) {
            problems.push(format!(
                "ALLOWED_UNUSED: rules::{name} is used now (or no longer defined): remove its entry"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checker itself, on a tiny source tree: a constant named only in tests, comments and strings
/// is flagged; one named in code (by path or through an import) is not.
#[test]
fn the_check_flags_a_constant_used_only_in_tests() {
    let dir = std::env::temp_dir().join(format!("provisim-rules-used-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("engine")).unwrap();
    std::fs::write(
        dir.join("rules.rs"),
        "//! x\nrule_ids! {\n    A_01 = \"A-01\", A_02 = \"A-02\", A_03 = \"A-03\",\n    A_04 = \"A-04\", A_05 = \"A-05\",\n}\npub fn f() -> &'static str { A_05 }\n",
    )
    .unwrap();
    assert_eq!(
        constants(&std::fs::read_to_string(dir.join("rules.rs")).unwrap()),
        ["A_01", "A_02", "A_03", "A_04", "A_05"]
    );
    std::fs::write(
        dir.join("engine/mod.rs"),
        "//! x\nuse crate::rules::{self, RuleId};\n\
         // rules::A_03 in a comment\n\
         pub fn f() -> RuleId { let _ = \"rules::A_03 in a string\"; let _ = '{'; rules::A_01 }\n\
         #[cfg(test)]\nmod tests {\n    use crate::rules::A_02;\n    #[test]\n    fn t() { assert_eq!(super::f(), A_02); let _ = crate::rules::A_03; }\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("lib.rs"),
        "//! x\nuse crate::rules::{A_04 as Four};\npub fn g() -> &'static str { Four }\n",
    )
    .unwrap();
    // A_02 and A_03 only in tests, comments and strings; A_05 only inside rules.rs.
    assert_eq!(unused(&dir), ["A_02", "A_03", "A_05"]);
    // Used in code, A_02 is no longer flagged.
    std::fs::write(
        dir.join("other.rs"),
        "//! x\n#[cfg(test)]\nuse crate::rules::A_03;\nuse crate::rules::A_02;\npub fn h() -> &'static str { A_02 }\n",
    )
    .unwrap();
    assert_eq!(unused(&dir), ["A_03", "A_05"]);
    let _ = std::fs::remove_dir_all(&dir);
}
