//! No input makes the parser or linter panic; every span points inside the
//! input on character boundaries; linting is deterministic.

use okr_lint_core::{lint, parse, Config};
use proptest::prelude::*;

/// Check every `{start, end, ...}` object in a serialized value.
fn check_spans(v: &serde_json::Value, src: &str) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(s), Some(e)) = (
                m.get("start").and_then(|x| x.as_u64()),
                m.get("end").and_then(|x| x.as_u64()),
            ) {
                let (s, e) = (s as usize, e as usize);
                assert!(
                    s <= e && e <= src.len(),
                    "span {s}..{e} outside input of {} bytes",
                    src.len()
                );
                assert!(
                    src.is_char_boundary(s) && src.is_char_boundary(e),
                    "span {s}..{e} not on char boundaries"
                );
                if let (Some(line), Some(col)) = (
                    m.get("line").and_then(|x| x.as_u64()),
                    m.get("column").and_then(|x| x.as_u64()),
                ) {
                    assert!(line >= 1 && col >= 1);
                    let idx = okr_lint_core::LineIndex::new(src);
                    assert_eq!(idx.position(src, s), (line as u32, col as u32));
                }
            }
            for x in m.values() {
                check_spans(x, src);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| check_spans(x, src)),
        _ => {}
    }
}

fn check(src: &str) {
    let parsed = parse(src);
    check_spans(&serde_json::to_value(&parsed).expect("serializable"), src);
    let config = Config::from_toml("select = [\"all\"]").unwrap();
    let a = lint(src, "p.okr.md", &config).expect("valid");
    check_spans(&serde_json::to_value(&a).expect("serializable"), src);
    for d in &a {
        assert!(
            !d.message.is_empty() && d.help.as_deref().is_some_and(|h| !h.is_empty()),
            "{d:?}"
        );
    }
    let b = lint(src, "p.okr.md", &config).expect("valid");
    assert_eq!(a, b, "lint is deterministic");
}

/// Lines that look like OKR structure, broken or not.
fn okr_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(
            "## Objective SEC-1: Build a world-class vault to remove secrets (Phase 1)".to_string()
        ),
        Just("## Objective: Empower teams".to_string()),
        Just("## Objective".to_string()),
        Just("# Section ##".to_string()),
        Just("- KR SEC-1.1 (stretch): Migrate 85% of services".to_string()),
        Just("- KR (strech): x".to_string()),
        Just("- KR1 Improve".to_string()),
        Just("* (committed) Reduce p95 from 200ms to 100ms".to_string()),
        Just("  Blocks: Payments, Mobile".to_string()),
        Just("  Done:".to_string()),
        Just("    - criterion".to_string()),
        Just("Quarter: Q2 2026".to_string()),
        Just("Spans: Q1 2026 - Q9 2026".to_string()),
        Just("Parent: ENG-4".to_string()),
        Just("<!-- okr-lint-disable-next vague-verb -->".to_string()),
        Just("<!-- okr-lint-disable -->".to_string()),
        Just("<!-- okr-lint-enable".to_string()),
        Just("```".to_string()),
        Just("~~~~".to_string()),
        Just("<div>".to_string()),
        Just("> quote".to_string()),
        Just("| a | b |".to_string()),
        Just("\t- KR\t:\t😀 目标 improve".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("(".to_string()),
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ]
}

fn okr_doc() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(okr_line(), 0..40),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(lines, nl)| lines.join(nl))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(src in "\\PC*") {
        check(&src);
    }

    #[test]
    fn arbitrary_bytes_as_lossy_text(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn okr_shaped_documents(src in okr_doc()) {
        check(&src);
    }
}

#[test]
fn edge_cases() {
    for src in [
        "",
        "\u{FEFF}",
        "\u{FEFF}## Objective: x\r\n- KR: y",
        "\r\r\n\n",
        "\0\0## Objective\0: \0",
        "## Objective: (",
        "## Objective: ()",
        "- KR ():",
        "```\n- KR: x",
        "<!--\n- KR: x",
        "## Objective: a\n- KR: b\n  Done:",
        &"- ".repeat(10_000),
        &"#".repeat(10_000),
        &format!("## Objective: {}", "(".repeat(5_000)),
        &" ".repeat(100_000),
    ] {
        check(src);
    }
}
