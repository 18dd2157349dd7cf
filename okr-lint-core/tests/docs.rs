//! The committed reference pages must match what the rule files generate.
//! Regenerate with `UPDATE_DOCS=1 cargo test -p okr-lint-core --test docs`.

use std::path::PathBuf;

fn check(rel: &str, expected: String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{rel} is stale: run `UPDATE_DOCS=1 cargo test -p okr-lint-core --test docs` and commit the result"
    );
}

#[test]
fn rules_reference_is_current() {
    check("docs/rules.md", okr_lint_core::docs::rules_markdown());
}

#[test]
fn word_lists_reference_is_current() {
    check(
        "docs/word-lists.md",
        okr_lint_core::docs::word_lists_markdown(),
    );
}

#[test]
fn every_rule_file_is_registered() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("rules dir")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
        .filter(|n| n != "mod")
        .collect();
    files.sort();
    let mut registered: Vec<String> = okr_lint_core::RULES
        .iter()
        .map(|r| r.meta().name.replace('-', "_"))
        .collect();
    registered.sort();
    assert_eq!(
        files, registered,
        "every file in src/rules/ must declare one rule listed in RULES, named after the file"
    );
}

#[test]
fn rule_docs_have_the_fixed_sections() {
    let mut codes = std::collections::HashSet::new();
    for r in okr_lint_core::RULES {
        let m = r.meta();
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        let doc = m.documentation();
        let mut at = 0;
        for section in ["## What it does", "## Why", "## Example", "## Use instead"] {
            let i = doc[at..]
                .find(section)
                .unwrap_or_else(|| panic!("{}: missing or out-of-order `{section}`", m.name));
            at += i + section.len();
        }
        assert!(!m.summary().is_empty(), "{}: empty summary", m.name);
        assert!(
            m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}: not kebab-case",
            m.name
        );
    }
}

#[test]
fn config_json_schema_is_current() {
    check(
        "docs/okr-lint.schema.json",
        okr_lint_core::config::json_schema(),
    );
}
