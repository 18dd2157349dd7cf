//! The acceptance cases of `shared/spec/examples/EXPECTED.md`, run on the
//! copies in `tests/fixtures/`. Each case lists every diagnostic at warning
//! or above, so anything extra fails too.

use okr_lint_core::{lint_workspace, Config, Diagnostic, Severity};
use std::path::PathBuf;

fn fixture(rel: &str) -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(rel);
    (
        rel.to_string(),
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}")),
    )
}

fn warnings_and_errors(files: &[&str]) -> Vec<(String, u32, &'static str, Severity)> {
    let inputs: Vec<(String, String)> = files.iter().map(|f| fixture(f)).collect();
    let diags: Vec<Diagnostic> =
        lint_workspace(&inputs, &Config::default()).expect("default config");
    diags
        .into_iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| (d.path.to_string(), d.span.line, d.rule, d.severity))
        .collect()
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

#[test]
fn secrets_vault_is_clean() {
    assert_eq!(warnings_and_errors(&["secrets-vault.okr.md"]), vec![]);
}

#[test]
fn mistakes_get_exactly_the_expected_rules() {
    use Severity::*;
    let f = "mistakes.okr.md";
    let expected: Vec<(String, u32, &str, Severity)> = [
        (6, "hype-word", Warning),
        (6, "hype-word", Warning),
        (6, "objective-missing-outcome", Warning),
        (8, "vague-verb", Warning),
        (9, "activity-kr", Warning),
        (10, "stretch-on-dependency", Error),
        (10, "partial-dependency", Warning),
        (13, "hype-word", Warning),
        (13, "objective-missing-outcome", Warning),
        (13, "kr-count", Warning),
        (13, "no-impact-kr", Warning),
        (15, "missing-definition-of-done", Warning),
        (16, "discovery-without-output", Warning),
    ]
    .into_iter()
    .map(|(l, r, s)| (f.to_string(), l, r, s))
    .collect();
    assert_eq!(sorted(warnings_and_errors(&[f])), sorted(expected));
}

#[test]
fn hype_words_span_exactly_the_word() {
    let (p, src) = fixture("mistakes.okr.md");
    let diags = okr_lint_core::lint(&src, &p, &Config::default()).unwrap();
    let words: Vec<&str> = diags
        .iter()
        .filter(|d| d.rule == "hype-word")
        .map(|d| d.span.text(&src))
        .collect();
    assert_eq!(words, ["Empower", "delightful", "awesome"]);
}

#[test]
fn shared_doc_has_only_the_unknown_parent() {
    let diags = warnings_and_errors(&["shared-doc.okr.md"]);
    assert_eq!(
        diags,
        vec![(
            "shared-doc.okr.md".to_string(),
            37,
            "unknown-parent",
            Severity::Error
        )]
    );
    // The suppression on line 40 is used: no unused-suppression even as info.
    let (p, src) = fixture("shared-doc.okr.md");
    let all = okr_lint_core::lint(&src, &p, &Config::default()).unwrap();
    assert!(
        all.iter().all(|d| d.rule != "unused-suppression"),
        "{all:#?}"
    );
    // ... and it is what silences PLAT-1.1: without it the KR is flagged.
    let unsuppressed = src.replace(
        "<!-- okr-lint-disable-next missing-definition-of-done -->\n",
        "",
    );
    let again = okr_lint_core::lint(&unsuppressed, &p, &Config::default()).unwrap();
    assert!(again
        .iter()
        .any(|d| d.rule == "missing-definition-of-done" && d.span.line == 40));
}

#[test]
fn multi_quarter_set() {
    let files = [
        "multi-quarter/q1-2026.okr.md",
        "multi-quarter/q2-2026.okr.md",
        "multi-quarter/q3-2026.okr.md",
    ];
    let expected = vec![
        (
            "multi-quarter/q2-2026.okr.md".to_string(),
            6,
            "missing-phase-label",
            Severity::Warning,
        ),
        (
            "multi-quarter/q3-2026.okr.md".to_string(),
            6,
            "phase-drift",
            Severity::Warning,
        ),
        (
            "multi-quarter/q3-2026.okr.md".to_string(),
            13,
            "missing-definition-of-done",
            Severity::Warning,
        ),
    ];
    assert_eq!(warnings_and_errors(&files), expected);
}

#[test]
fn q2_alone_has_no_phase_label_finding() {
    assert_eq!(
        warnings_and_errors(&["multi-quarter/q2-2026.okr.md"]),
        vec![]
    );
}

#[test]
fn every_example_parses_without_syntax_errors() {
    for f in [
        "mistakes.okr.md",
        "secrets-vault.okr.md",
        "shared-doc.okr.md",
        "multi-quarter/q1-2026.okr.md",
        "multi-quarter/q2-2026.okr.md",
        "multi-quarter/q3-2026.okr.md",
    ] {
        let (_, src) = fixture(f);
        let parsed = okr_lint_core::parse(&src);
        assert!(parsed.errors.is_empty(), "{f}: {:#?}", parsed.errors);
        assert!(!parsed.document.objectives.is_empty(), "{f}: no objectives");
    }
}

#[test]
fn crlf_bom_and_tabs_give_the_same_findings() {
    let (p, src) = fixture("mistakes.okr.md");
    let lf = okr_lint_core::lint(&src, &p, &Config::default()).unwrap();
    let variant = format!(
        "\u{FEFF}{}",
        src.replace('\n', "\r\n")
            .replace("\r\n  Blocks", "\r\n\tBlocks")
    );
    let crlf = okr_lint_core::lint(&variant, &p, &Config::default()).unwrap();
    let key = |d: &Diagnostic, s: &str| {
        (
            d.rule,
            d.span.line,
            d.span.column,
            d.span.text(s).to_string(),
        )
    };
    let a: Vec<_> = lf.iter().map(|d| key(d, &src)).collect();
    let b: Vec<_> = crlf.iter().map(|d| key(d, &variant)).collect();
    assert_eq!(a, b);
}

#[test]
fn word_lists_can_be_extended_trimmed_and_replaced() {
    let src = "## Objective X-1: Leverage synergize-ready rockstar tooling to cut build time\n\n- KR: Reduce build time from 40 minutes to 10 minutes\n- KR: Migrate all 12 services\n- KR: Cut flaky tests from 5% to 1%\n";
    let hype = |toml: &str| -> Vec<String> {
        let c = Config::from_toml(toml).unwrap();
        okr_lint_core::lint(src, "x.okr.md", &c)
            .unwrap()
            .into_iter()
            .filter(|d| d.rule == "hype-word")
            .map(|d| d.span.text(src).to_string())
            .collect()
    };
    assert_eq!(hype(""), ["rockstar"]);
    assert_eq!(
        hype("[words.hype-words]\nextend = [\"leverage\"]"),
        ["Leverage", "rockstar"]
    );
    assert!(hype("[words.hype-words]\nremove = [\"rockstar\"]").is_empty());
    assert_eq!(
        hype("[words.hype-words]\nreplace = [\"synergize*\"]"),
        ["synergize-ready"]
    );
}
