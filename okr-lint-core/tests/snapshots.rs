//! Rendered diagnostics (miette, no colour) for the shared fixtures. Review
//! every change to a snapshot: it is what a user sees.

use okr_lint_core::{lint_workspace, Config};
use std::path::PathBuf;

fn render(files: &[&str], config: &Config) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let inputs: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read_to_string(root.join(f)).expect("fixture"),
            )
        })
        .collect();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(110)
            .with_links(false)
            .with_urls(false)
            .with_context_lines(1);
    let mut out = String::new();
    for d in lint_workspace(&inputs, config).expect("config") {
        let source = &inputs
            .iter()
            .find(|(p, _)| **p == *d.path)
            .expect("source")
            .1;
        let report = d.to_report(source);
        handler
            .render_report(&mut out, report.as_ref())
            .expect("render");
        out.push('\n');
    }
    assert_eq!(out, render_with_snippets(&inputs, config, &handler));
    out
}

/// The same rendering through [`okr_lint_core::Snippets`], as the CLI does.
fn render_with_snippets(
    inputs: &[(String, String)],
    config: &Config,
    handler: &miette::GraphicalReportHandler,
) -> String {
    let mut out = String::new();
    for d in lint_workspace(inputs, config).expect("config") {
        let source = &inputs
            .iter()
            .find(|(p, _)| **p == *d.path)
            .expect("source")
            .1;
        let snippets = okr_lint_core::Snippets::new(&d.path, source);
        handler
            .render_report(&mut out, &d.with_source(&snippets))
            .expect("render");
        out.push('\n');
    }
    out
}

/// Rendering against a file's line table gives miette's own text, whatever
/// the line breaks and the number of context lines.
#[test]
fn snippets_render_like_the_whole_file() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let text = std::fs::read_to_string(root.join("mistakes.okr.md")).expect("fixture");
    let variants = [
        text.clone(),
        text.replace('\n', "\r\n"),
        text.replace("\n\n", "\r\r"),
        text.replace("\n-", "\n\r-"),
    ];
    for (v, text) in variants.iter().enumerate() {
        let inputs = vec![("m.okr.md".to_string(), text.clone())];
        for context in 0..3 {
            let handler = miette::GraphicalReportHandler::new_themed(
                miette::GraphicalTheme::unicode_nocolor(),
            )
            .with_context_lines(context);
            let mut whole = String::new();
            for d in lint_workspace(&inputs, &Config::default()).expect("config") {
                handler
                    .render_report(&mut whole, d.to_report(text).as_ref())
                    .expect("render");
                whole.push('\n');
            }
            let lines = render_with_snippets(&inputs, &Config::default(), &handler);
            assert!(whole.len() > 1000, "variant {v}");
            assert_eq!(whole, lines, "variant {v}, {context} context lines");
        }
    }
}

#[test]
fn mistakes() {
    insta::assert_snapshot!(render(&["mistakes.okr.md"], &Config::default()));
}

#[test]
fn secrets_vault() {
    insta::assert_snapshot!(render(&["secrets-vault.okr.md"], &Config::default()));
}

#[test]
fn shared_doc() {
    insta::assert_snapshot!(render(&["shared-doc.okr.md"], &Config::default()));
}

#[test]
fn multi_quarter() {
    let files = [
        "multi-quarter/q1-2026.okr.md",
        "multi-quarter/q2-2026.okr.md",
        "multi-quarter/q3-2026.okr.md",
    ];
    insta::assert_snapshot!(render(&files, &Config::default()));
}

#[test]
fn every_rule() {
    let all = Config::from_toml("select = [\"all\"]").unwrap();
    let out = render(&["every-rule.okr.md"], &all);
    // The showcase must keep triggering every rule.
    for r in okr_lint_core::RULES {
        let name = r.meta().name;
        if name != "phase-drift" && name != "overlapping-krs" {
            assert!(
                out.contains(&format!("({name})")),
                "every-rule.okr.md no longer triggers {name}"
            );
        }
    }
    insta::assert_snapshot!(out);
}

/// Every diagnostic over the realistic corpus in `tests/corpus/` (62
/// objectives), one line each: a change here is a precision change to review.
#[test]
fn corpus() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .expect("corpus")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".okr.md"))
        .collect();
    names.sort();
    let inputs: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            (
                n.clone(),
                std::fs::read_to_string(root.join(n)).expect("read"),
            )
        })
        .collect();
    let mut out = String::new();
    for d in lint_workspace(&inputs, &Config::default()).expect("config") {
        let src = &inputs
            .iter()
            .find(|(p, _)| **p == *d.path)
            .expect("source")
            .1;
        out.push_str(&format!(
            "{}:{}:{} {} {} [{}] {}\n",
            d.path,
            d.span.line,
            d.span.column,
            d.severity,
            d.rule,
            d.span.text(src),
            d.message
        ));
    }
    insta::assert_snapshot!(out);
}
