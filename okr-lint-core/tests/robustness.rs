//! No input makes the parser or linter panic; every span points inside the
//! input on character boundaries; linting is deterministic.

use okr_lint_core::{lint, parse, Config, Diagnostic};
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
    // A statement's span covers exactly its text: the analysis places every
    // word by its offset in the text plus the span's start.
    for o in &parsed.document.objectives {
        let statements =
            std::iter::once(&o.statement).chain(o.key_results.iter().map(|k| &k.statement));
        for st in statements {
            assert_eq!(
                src.get(st.span.start..st.span.end),
                Some(st.value.as_str()),
                "{src:?}"
            );
        }
    }
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

    /// Multibyte characters dropped anywhere into OKR-shaped text: code that
    /// slices at byte offsets counted on ASCII (or on a lowercased copy)
    /// panics here. Two such bugs were found by the WASM package's random test.
    #[test]
    fn okr_shaped_documents_with_multibyte_characters(
        src in okr_doc(),
        inserts in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(vec!['\u{FFFD}', 'İ', '\u{212A}', 'ẞ', 'é', '中', '😀', '\u{0307}', '\u{FEFF}', '\x0b', '\x0c', '\u{A0}', '\u{2003}'])),
            1..6,
        ),
    ) {
        let mut src = src;
        for (at, c) in inserts {
            let boundaries: Vec<usize> = src.char_indices().map(|(i, _)| i).chain([src.len()]).collect();
            src.insert(boundaries[at.index(boundaries.len())], c);
        }
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

/// The first crash fuzzing found (`parse`, session 12, after about 1.4
/// million executions in total): a KR statement behind a vertical tab. Its
/// text dropped the tab but its span kept it, so every offset in the
/// statement was a byte short, and the evidence for the KR's kind (`5é`, a
/// number with a unit) was cut inside the `é`. A no-break space did the
/// same with two bytes.
#[test]
fn a_statement_behind_whitespace_the_scanner_keeps() {
    // The fuzzer's input, as it found it.
    let crash = "<!-- okr-lii\u{fffd}t-dAgue-verb -->\n## Objective \u{130} X-026\n- KR \
                 \x00\x00\x00very\n- KR PLAT-1.# Engineering O555555555555555555\x00\x0c5\
                 555555555555555555555555555ering\nQrauter: Q2 2026\n\n## Objective PLigr\
                 ate\x12d service mapping)\n\n- \x0b55555555\u{e9}.. ive P0cturcomcee fol\
                 d a world-class \u{212a} thingture for product teams t## Objective \
                 \u{130} X&026\n- KR \x00ngineering O000000055555555;55555555555555555555\
                 \x005555555555555555555555555R PLATring O55555555555555555555;5555555555\
                 5555555555\x00555555555555555555555555555555555\u{e9}.. ive P0cture fold\
                 \x20a world-class \u{212a} thingture for p- delive0.5 (ryco";
    for src in [
        "## Objective X\n- \x0b5\u{e9}\n",
        "## Objective X\n- \x0b1.5\u{e9} faster\n",
        "## Objective X\n- \u{a0}5\u{e9} more\n",
        "## Objective X\n- (note) \x0c5\u{e9}\n",
        // A heading without its colon, with whitespace after the statement.
        "## Objective X-1 Improve things \u{a0}\n- KR: a \u{a0}\n",
        crash,
    ] {
        check(src);
        for o in &parse(src).document.objectives {
            let statements =
                std::iter::once(&o.statement).chain(o.key_results.iter().map(|k| &k.statement));
            for s in statements {
                assert_eq!(&src[s.span.start..s.span.end], s.value, "{src:?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Linting a document rebuilt from the AST's own text gives the same
// diagnostics: the tree keeps everything the rules look at.

use okr_lint_core::ast::Document;

/// Print `doc` back as canonical OKR text: headings, metadata, KRs with their
/// IDs, labels, metadata and Done lists, in source order. Prose notes are not
/// kept (no rule reads them).
fn print(doc: &Document) -> String {
    let mut out = String::new();
    let meta = |out: &mut String, indent: &str, list: &[okr_lint_core::ast::Metadata]| {
        for m in list {
            out.push_str(&format!("{indent}{}: {}\n", m.key.value, m.value.value));
        }
    };
    meta(&mut out, "", &doc.metadata);
    let mut items: Vec<(usize, bool, usize)> = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.span.start, true, i))
        .chain(
            doc.objectives
                .iter()
                .enumerate()
                .map(|(i, o)| (o.span.start, false, i)),
        )
        .collect();
    items.sort();
    for (_, is_section, i) in items {
        out.push('\n');
        if is_section {
            let s = &doc.sections[i];
            out.push_str(&format!(
                "{} {}\n",
                "#".repeat(s.level.into()),
                s.title.value
            ));
            meta(&mut out, "", &s.metadata);
            continue;
        }
        let o = &doc.objectives[i];
        out.push_str(&"#".repeat(o.level.into()));
        out.push_str(" Objective");
        if let Some(id) = &o.id {
            out.push_str(&format!(" {}", id.value));
        }
        out.push_str(&format!(": {}", o.statement.value));
        if let Some(p) = &o.phase {
            out.push_str(&format!(" ({})", p.value));
        }
        out.push('\n');
        meta(&mut out, "", &o.metadata);
        out.push('\n');
        for k in &o.key_results {
            out.push_str("- KR");
            if let Some(n) = &k.number {
                out.push_str(&n.value);
            }
            if let Some(id) = &k.id {
                out.push_str(&format!(" {}", id.value));
            }
            if k.commitment_span.is_some() {
                out.push_str(&format!(" ({})", k.commitment));
            }
            out.push_str(&format!(": {}\n", k.statement.value));
            meta(&mut out, "  ", &k.metadata);
            if let Some(done) = &k.done {
                out.push_str("  Done:\n");
                for c in &done.criteria {
                    out.push_str(&format!("    - {}\n", c.value));
                }
            }
        }
    }
    out
}

/// Well-formed documents with a realistic mix of good and bad OKRs.
fn okr_document() -> impl Strategy<Value = String> {
    let objective = prop_oneof![
        Just("Deliver a world-class checkout experience"),
        Just("Make invoice payments self-serve so that finance stops emailing us"),
        Just("Empower teams"),
        Just("Cut cloud spend to fund the 2027 roadmap"),
        Just("Improve onboarding"),
        Just("Migrate the monolith to services to enable independent deploys"),
        Just("Make search results 😀 relevant for 中文 queries"),
    ];
    let kr = prop_oneof![
        Just("Improve reliability of the nightly jobs"),
        Just("Reduce p95 latency from 900ms to 400ms"),
        Just("Hold weekly syncs with the sales team"),
        Just("Evaluate three vendors for feature flags"),
        Just("Launch Apple Pay for all EU storefronts"),
        Just("Raise NPS from 30 to 45"),
        Just("Migrate 85% of services to the new pipeline"),
        Just("Publish a decision doc approved by the CTO by August 15"),
        Just("Aim to reduce churn to 3%"),
        Just("Reach 99.9% availability for the checkout API"),
        Just("Increase platform adoption to 60%"),
    ];
    let key_result = (
        kr,
        prop_oneof![Just(""), Just(" (committed)"), Just(" (stretch)")],
        any::<bool>(),
        any::<bool>(),
    );
    let obj = (
        objective,
        prop_oneof![Just(""), Just(" (Phase two)")],
        prop::option::of(1..4u8),
        any::<bool>(),
        prop::collection::vec(key_result, 0..7),
    );
    let section = (
        prop_oneof![Just("Payments"), Just("Search"), Just("Platform")],
        prop::collection::vec(obj, 1..4),
    );
    (any::<bool>(), prop::collection::vec(section, 1..4)).prop_map(|(quarter, sections)| {
        let mut out = String::new();
        if quarter {
            out.push_str("Quarter: Q3 2026\n\n");
        }
        out.push_str("# Company\n\n## Objective CO-1: Grow revenue to fund the roadmap\n\n- KR: Grow ARR from $10M to $14M\n\n");
        for (s, (team, objectives)) in sections.iter().enumerate() {
            out.push_str(&format!("# {team}\n\nTeam: {team}\n"));
            for (o, (statement, phase, parent, spans, krs)) in objectives.iter().enumerate() {
                let id = format!("{}-{}", &team[..3].to_uppercase(), s * 10 + o);
                out.push_str(&format!("\n## Objective {id}: {statement}{phase}\n"));
                if let Some(p) = parent {
                    out.push_str(&format!("Parent: CO-{p}\n"));
                }
                if *spans {
                    out.push_str("Spans: Q1 2026 - Q3 2026\n");
                }
                out.push('\n');
                for (k, (text, label, blocks, done)) in krs.iter().enumerate() {
                    out.push_str(&format!("- KR {id}.{}{label}: {text}\n", k + 1));
                    if *blocks {
                        out.push_str("  Blocks: Mobile, Web\n");
                    }
                    if *done {
                        out.push_str("  Done:\n    - reachable at /status for every account\n    - signed off by the finance lead\n");
                    }
                }
            }
        }
        out
    })
}

/// What a diagnostic says, without where it says it.
fn findings(src: &str) -> Vec<(String, String, Option<String>)> {
    let config = Config::from_toml("select = [\"all\"]").unwrap();
    let mut out: Vec<_> = lint(src, "p.okr.md", &config)
        .unwrap()
        .into_iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.message,
                d.help.map(|h| h.into_owned()),
            )
        })
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn linting_the_text_rebuilt_from_the_ast_gives_the_same_diagnostics(src in okr_document()) {
        let parsed = parse(&src);
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let printed = print(&parsed.document);
        // The printer is a fixed point: the tree of the printed text prints the same.
        prop_assert_eq!(&print(&parse(&printed).document), &printed);
        prop_assert_eq!(findings(&printed), findings(&src), "printed:\n{}", printed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// `finish_files` (the CLI's) and `finish` (the bindings') give the same
    /// findings: each file's sorted and its own, in the order of the files,
    /// and together what `finish` returns once sorted by path.
    #[test]
    fn findings_per_file_are_the_findings_of_the_workspace(
        docs in proptest::collection::vec(okr_document(), 1..4),
        reversed in any::<bool>(),
    ) {
        let linter = okr_lint_core::Linter::new(&Config::default()).unwrap();
        let mut paths: Vec<String> = (0..docs.len()).map(|i| format!("team-{i}.okr.md")).collect();
        if reversed {
            paths.reverse();
        }
        let check = || -> Vec<_> {
            paths.iter().zip(&docs).map(|(p, d)| linter.check_file(p, d)).collect()
        };
        let map = |n: usize, f: &(dyn Fn(usize) -> Vec<(usize, Diagnostic)> + Sync)| {
            (0..n).map(f).collect()
        };
        let whole = linter.finish(check(), &map);
        let per_file = linter.finish_files(check(), &map);
        prop_assert_eq!(per_file.len(), docs.len());
        for (diags, path) in per_file.iter().zip(&paths) {
            prop_assert!(diags.iter().all(|d| *d.path == **path));
            prop_assert!(diags.windows(2).all(|w| Diagnostic::order(&w[0], &w[1]).is_le()));
        }
        let mut flat: Vec<_> = per_file.into_iter().flatten().collect();
        flat.sort_by(Diagnostic::order);
        prop_assert_eq!(flat, whole);
    }
}

/// Workspace findings reach their files in `finish_files`: one ID used in
/// three files is reported in the second and third, each in its own vector.
#[test]
fn workspace_findings_are_given_to_their_files() {
    let linter = okr_lint_core::Linter::new(&Config::default()).unwrap();
    let doc = "Quarter: Q2 2026\n\n## Objective SEC-1: Pass the SOC 2 audit\n";
    let map =
        |n: usize, f: &(dyn Fn(usize) -> Vec<(usize, Diagnostic)> + Sync)| (0..n).map(f).collect();
    let files = ["a.okr.md", "b.okr.md", "c.okr.md"];
    let checked = files.iter().map(|p| linter.check_file(p, doc)).collect();
    let per_file = linter.finish_files(checked, &map);
    let duplicates =
        |diags: &Vec<Diagnostic>| diags.iter().filter(|d| d.rule == "duplicate-id").count();
    assert_eq!(
        per_file.iter().map(duplicates).collect::<Vec<_>>(),
        [0, 1, 1]
    );
    assert!(per_file[2].iter().all(|d| &*d.path == "c.okr.md"));
}
