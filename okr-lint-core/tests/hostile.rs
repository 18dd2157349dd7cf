//! Hostile inputs: each finishes within a bound proportional to its size,
//! with correct output and no panic, stack overflow or runaway memory.
//! Run in release (`cargo test --release -p okr-lint-core --test hostile`):
//! the inputs are tens of megabytes. The bounds are generous (many times the
//! measured time); they catch quadratic behaviour, not small regressions.

use okr_lint_core::{lint, parse, Config};
use std::time::{Duration, Instant};

/// Seconds allowed per megabyte of input.
const SECONDS_PER_MB: f64 = if cfg!(debug_assertions) { 20.0 } else { 1.0 };

fn bound(bytes: usize) -> Duration {
    Duration::from_secs_f64(1.0 + SECONDS_PER_MB * bytes as f64 / 1e6)
}

fn timed<T>(what: &str, bytes: usize, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    eprintln!("{what}: {:.1} MB in {took:.2?}", bytes as f64 / 1e6);
    assert!(
        took < bound(bytes),
        "{what} took {took:?} for {bytes} bytes (bound {:?})",
        bound(bytes)
    );
    out
}

fn all() -> Config {
    Config::from_toml("select = [\"all\"]").unwrap()
}

#[test]
fn a_50_mb_single_line() {
    let line = "## Objective X-1: ".to_string()
        + &"Empower teams with world-class awesome tooling (phase) ".repeat(50_000_000 / 56);
    let d = timed("50 MB heading line", line.len(), || {
        lint(&line, "x.okr.md", &all()).unwrap()
    });
    assert!(d.iter().filter(|d| d.rule == "hype-word").count() > 1_000_000);
    let prose = "x".repeat(50_000_000);
    let d = timed("50 MB prose line", prose.len(), || {
        lint(&prose, "x.okr.md", &all()).unwrap()
    });
    assert!(d.is_empty());
}

#[test]
fn deep_nesting() {
    // 100,000 list levels: indentation decides nesting, nothing recurses.
    let mut lists = String::from("## Objective X-1: Cut build time for teams to ship faster\n");
    for i in 0..100_000 {
        lists.push_str(&" ".repeat(i % 4000));
        lists.push_str("- KR: Reduce build time from 40 minutes to 10 minutes\n");
    }
    let p = timed("100,000 nested list levels", lists.len(), || parse(&lists));
    assert!(!p.document.objectives[0].key_results.is_empty());
    // 100,000 headings of every level.
    let headings: String = (0..100_000)
        .map(|i| format!("{} Section {i}\n", "#".repeat(1 + i % 6)))
        .collect();
    let p = timed("100,000 headings", headings.len(), || parse(&headings));
    assert_eq!(p.document.sections.len(), 100_000);
    let blockquotes = "> ".repeat(100_000) + "- KR: x\n";
    timed("100,000 nested quotes", blockquotes.len(), || {
        lint(&blockquotes, "q.okr.md", &all()).unwrap()
    });
}

#[test]
fn a_million_krs_under_one_objective() {
    let mut doc =
        String::from("## Objective X-1: Cut cost for the platform to fund the roadmap\n\n");
    for i in 0..1_000_000 {
        doc.push_str(&format!(
            "- KR X-1.{i}: Reduce cost of service {i} from $10k to $8k\n"
        ));
    }
    let d = timed("1,000,000 KRs", doc.len(), || {
        lint(&doc, "big.okr.md", &Config::default()).unwrap()
    });
    let counts: Vec<&str> = d
        .iter()
        .map(|d| d.rule)
        .filter(|r| *r == "kr-count")
        .collect();
    assert_eq!(counts.len(), 1);
}

#[test]
fn a_hundred_thousand_teams_in_one_file() {
    // Each objective names its own team: the per-file team table and
    // overlapping-krs must not compare every team with every other.
    let mut doc = String::new();
    for i in 0..100_000 {
        doc.push_str(&format!(
            "## Objective T-{i}: Cut cost for the platform to fund the roadmap\nTeam: Team {i}\n\n- KR T-{i}.1: Reduce cost of the shared build cluster from $10k to $8k per month\n\n"
        ));
    }
    let d = timed("100,000 teams", doc.len(), || {
        lint(&doc, "teams.okr.md", &Config::default()).unwrap()
    });
    // Every team promises the same KR: each one after the first overlaps.
    let overlaps = d.iter().filter(|d| d.rule == "overlapping-krs").count();
    assert_eq!(overlaps, 99_999);
}

#[test]
fn nul_bytes_and_control_characters() {
    let doc =
        "## Objective\0 X-1: Empower\0 teams\u{1}\n- KR\0: \0Improve\0\n\0\0\0\n".repeat(10_000);
    let d = timed("NUL bytes", doc.len(), || {
        lint(&doc, "nul.okr.md", &all()).unwrap()
    });
    for x in &d {
        assert!(doc.is_char_boundary(x.span.start) && x.span.end <= doc.len());
    }
}

#[test]
fn a_huge_word_list() {
    let words: Vec<String> = (0..200_000).map(|i| format!("\"hypeword{i}\"")).collect();
    let toml = format!("[words.hype-words]\nextend = [{}]\n", words.join(", "));
    let config = timed("200,000-entry word list config", toml.len(), || {
        Config::from_toml(&toml).unwrap()
    });
    let doc =
        "## Objective X-1: Ship hypeword199999 tooling for teams to cut setup time\n".repeat(1000);
    let d = timed("lint with it", toml.len() + doc.len(), || {
        lint(&doc, "w.okr.md", &config).unwrap()
    });
    assert_eq!(d.iter().filter(|d| d.rule == "hype-word").count(), 1000);
}

/// 100,000 phrases that share their first word. Each phrase list used to be
/// re-sorted after every entry (quadratic: minutes for this list); it is
/// now sorted once.
#[test]
fn a_huge_word_list_sharing_one_first_word() {
    let words: Vec<String> = (0..100_000).map(|i| format!("\"the hype{i}\"")).collect();
    let toml = format!("[words.hype-words]\nextend = [{}]\n", words.join(", "));
    let doc = "## Objective X-1: Ship the hype99999 tooling for teams to cut setup time\n";
    let d = timed("100,000 phrases with one first word", toml.len(), || {
        let config = Config::from_toml(&toml).unwrap();
        lint(doc, "w.okr.md", &config).unwrap()
    });
    assert_eq!(d.iter().filter(|d| d.rule == "hype-word").count(), 1);
}

#[test]
fn pathological_patterns_stay_linear() {
    // Word-list entries are words and `*` prefixes matched per token, never
    // backtracking regexes: long prefix chains and long phrases cost nothing.
    let entries: Vec<String> = (1..200)
        .map(|n| format!("\"{}*\"", "a".repeat(n)))
        .chain(std::iter::once(format!("\"{}\"", "a ".repeat(500).trim())))
        .collect();
    let toml = format!("[words.hype-words]\nreplace = [{}]\n", entries.join(", "));
    let config = Config::from_toml(&toml).unwrap();
    let doc = format!(
        "## Objective X-1: {}\n",
        "a ".repeat(200_000) + &"a".repeat(100_000)
    );
    let d = timed("pathological word list", doc.len() * 10, || {
        lint(&doc, "p.okr.md", &config).unwrap()
    });
    assert!(!d.is_empty());
}

/// Bytes of text the findings carry (messages, help, labels, fixes). A
/// finding may quote another item (an ID, a team, a first wording); quoted
/// in full by many findings, that grows with the square of the input.
fn report_bytes(d: &[okr_lint_core::Diagnostic]) -> usize {
    d.iter()
        .map(|d| {
            d.message.len()
                + d.help.as_deref().map_or(0, str::len)
                + d.labels.iter().map(|l| l.message.len()).sum::<usize>()
                + d.fix.as_ref().map_or(0, |f| {
                    f.message.len() + f.edits.iter().map(|e| e.replacement.len()).sum::<usize>()
                })
        })
        .sum()
}

/// 20,000 objectives whose parents are all missing, under a prefix with
/// 20,000 IDs. Each missing parent was compared with every ID of its
/// prefix for a "did you mean" (160 s for this input).
#[test]
fn twenty_thousand_missing_parents_of_one_prefix() {
    let mut doc = String::from("Quarter: Q3 2026\nTeam: Eng\n\n");
    for i in 0..20_000 {
        doc.push_str(&format!(
            "## Objective ENG-{i}: Make checkout reliable for every customer\nParent: ENG-X{i}\n\n- KR1: Reduce checkout errors from 2% to 1% by Q3\n\n"
        ));
    }
    let d = timed("20,000 missing parents", doc.len(), || {
        lint(&doc, "parents.okr.md", &Config::default()).unwrap()
    });
    let missing: Vec<_> = d.iter().filter(|d| d.rule == "unknown-parent").collect();
    assert_eq!(missing.len(), 20_000);
    // The help names the prefix's first IDs, as before.
    let help = missing[0].help.as_deref().unwrap();
    assert!(help.contains("define ENG-0, ENG-1, ENG-10"), "{help}");
}

/// One ID in 5,000 quarters: every finding of missing-phase-label listed
/// all 5,000 (230 MB of JSON for a 1.2 MB file).
#[test]
fn one_id_in_five_thousand_quarters() {
    let mut doc = String::from("Team: Eng\n\n");
    for i in 0..5_000 {
        doc.push_str(&format!(
            "## Objective ENG-1: Make checkout reliable for every customer\nQuarter: Q{} {}\n\n- KR1: Reduce checkout errors from 2% to 1%\n\n",
            i % 4 + 1,
            2000 + i / 4
        ));
    }
    let d = timed("one ID in 5,000 quarters", doc.len(), || {
        lint(&doc, "quarters.okr.md", &Config::default()).unwrap()
    });
    let found: Vec<_> = d
        .iter()
        .filter(|d| d.rule == "missing-phase-label")
        .collect();
    assert_eq!(found.len(), 5_000);
    assert!(
        found[0]
            .message
            .contains("5000 quarters from Q1 2000 to Q4 3249"),
        "{}",
        found[0].message
    );
    assert!(report_bytes(&d) < 10 * doc.len(), "{}", report_bytes(&d));
}

/// A 180 KB first wording and 5,000 later quarters worded differently:
/// each phase-drift finding quoted it in its help and its fix (2 GB of
/// JSON for a 424 KB file).
#[test]
fn a_long_first_wording_in_five_thousand_quarters() {
    let mut doc = format!(
        "Team: Eng\n\n## Objective ENG-1: Make checkout {}\nQuarter: Q1 2001\n\n",
        "reliable and fast ".repeat(10_000)
    );
    for i in 1..5_000 {
        doc.push_str(&format!(
            "## Objective ENG-1: Short wording {i}\nQuarter: Q{} {}\n\n",
            i % 4 + 1,
            2001 + i / 4
        ));
    }
    let d = timed("5,000 quarters of a long wording", doc.len(), || {
        lint(&doc, "drift.okr.md", &Config::default()).unwrap()
    });
    let drift: Vec<_> = d.iter().filter(|d| d.rule == "phase-drift").collect();
    assert_eq!(drift.len(), 4_999);
    assert!(drift.iter().all(|d| d.fix.is_none()));
    assert!(report_bytes(&d) < 10 * doc.len(), "{}", report_bytes(&d));
}

/// A megabyte-long objective ID and team name, quoted by findings about
/// each of 5,000 KRs (numbered twice; overlapping another team's KR).
#[test]
fn a_huge_id_and_team_quoted_by_many_findings() {
    let id = "X".repeat(1_000_000);
    let team = "T".repeat(1_000_000);
    let mut doc = format!(
        "## Objective {id}: Cut cost for the platform to fund the roadmap\nTeam: {team}\n\n- KR {id}.1: Reduce cost of the shared build cluster from $10k to $8k per month\n"
    );
    for _ in 0..5_000 {
        doc.push_str("- KR1: Cut cost for the platform\n");
    }
    doc.push_str(
        "\n## Objective B-1: Cut cost for the platform to fund the roadmap\nTeam: Other\n\n",
    );
    for _ in 0..5_000 {
        doc.push_str("- KR: Reduce cost of the shared build cluster from $10k to $8k per month\n");
    }
    let d = timed("a huge ID and team", doc.len(), || {
        lint(&doc, "huge.okr.md", &Config::default()).unwrap()
    });
    assert!(d.iter().filter(|d| d.rule == "duplicate-id").count() >= 4_999);
    assert!(d.iter().filter(|d| d.rule == "overlapping-krs").count() >= 4_999);
    assert!(report_bytes(&d) < 10 * doc.len(), "{}", report_bytes(&d));
}

/// 30,000 suppression comments, each `disable-next` or `disable` (never
/// re-enabled), over as many objectives with findings. Each target was
/// looked up from the first objective, each `disable` searched all later
/// comments for its `enable`, and each finding was checked against every
/// comment (35 s for 50,000).
#[test]
fn thirty_thousand_suppressions() {
    for comment in ["disable-next", "disable"] {
        let mut doc = String::from("Team: Eng\nQuarter: Q3 2026\n\n");
        for i in 0..30_000 {
            doc.push_str(&format!(
                "## Objective ENG-{i}: Empower world-class teams\n\n<!-- okr-lint-{comment} vague-verb -->\n- KR1: Improve the checkout\n\n"
            ));
        }
        let d = timed(comment, doc.len(), || {
            lint(&doc, "sup.okr.md", &Config::default()).unwrap()
        });
        assert!(d.iter().filter(|d| d.rule == "hype-word").count() >= 30_000);
        assert!(!d.iter().any(|d| d.rule == "vague-verb"));
    }
}

/// Rendering every finding of a 1 MB file for the terminal. miette read
/// the file from its start for each one (3,800 findings: 11 s).
#[test]
fn rendering_many_findings_of_a_large_file() {
    let doc = "## Objective X-1: Empower world-class teams\n\n- KR1: Improve the checkout\n\n"
        .repeat(15_000);
    let d = lint(&doc, "big.okr.md", &Config::default()).unwrap();
    assert!(d.len() > 50_000);
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_context_lines(1);
    let snippets = okr_lint_core::Snippets::new("big.okr.md", &doc);
    let start = Instant::now();
    let mut out = String::new();
    for x in &d {
        handler
            .render_report(&mut out, &x.with_source(&snippets))
            .unwrap();
    }
    // miette's drawing costs per finding (about 30 us here in a release
    // build; a debug build took 190 us on a loaded machine), so the bound
    // is per finding: 200 us each, 1 ms in a debug build. Reading the file
    // from its start for every finding, as before, would take minutes.
    let took = start.elapsed();
    eprintln!("rendering {} findings: {took:.2?}", d.len());
    let per_finding = Duration::from_micros(if cfg!(debug_assertions) { 1000 } else { 200 });
    assert!(took < Duration::from_secs(1) + per_finding * d.len() as u32);
    // The last finding is shown at its line.
    assert!(
        out.contains("59999 │ - KR1: Improve the checkout"),
        "{}",
        &out[out.len() - 600..]
    );
}
