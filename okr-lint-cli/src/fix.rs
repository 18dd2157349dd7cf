//! Applying fixes: choosing edits, showing them as a diff, writing files
//! safely.

use okr_lint_core::{Applicability, Diagnostic};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Whether a diagnostic's fix may be applied.
pub fn applicable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| unsafe_fixes || f.applicability == Applicability::Safe)
}

/// Apply the applicable fixes of one file's diagnostics. Fixes whose edits
/// overlap an earlier fix are left for the next round. Returns the new text
/// and the number of fixes applied, or `None` when nothing applies.
pub fn apply(text: &str, diags: &[&Diagnostic], unsafe_fixes: bool) -> Option<(String, usize)> {
    let mut fixes: Vec<&okr_lint_core::Fix> = diags
        .iter()
        .filter(|d| applicable(d, unsafe_fixes))
        .filter_map(|d| d.fix.as_deref())
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut edits = Vec::new();
    // The ranges taken so far (start -> end; they do not overlap): each fix
    // is checked against them with one search (checking every taken range
    // was quadratic in the fixes of a file).
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut count = 0;
    for fix in fixes {
        let mut ranges: Vec<(usize, usize)> = fix
            .edits
            .iter()
            .map(|e| (e.span.start, e.span.end))
            .collect();
        ranges.sort_unstable();
        // A fix's own edits must not overlap or start at one offset: their
        // order would be undefined (and replacing one could move another
        // past the end of the text).
        let valid = ranges.iter().all(|&(a, b)| {
            a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
        }) && ranges
            .windows(2)
            .all(|w| w[0].1 <= w[1].0 && w[0].0 < w[1].0);
        // Touching ranges conflict too: two inserts at one offset have no order.
        let clash = ranges
            .iter()
            .any(|&(a, b)| taken.range(..=b).next_back().is_some_and(|(_, &y)| a <= y));
        if !valid || clash {
            continue;
        }
        taken.extend(ranges);
        edits.extend(fix.edits.iter());
        count += 1;
    }
    if count == 0 {
        return None;
    }
    // The edits do not overlap: the new text is copied once, in order
    // (replacing in place moved the rest of the file for every edit).
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in &edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out != text).then_some((out, count))
}

/// The time one file's diff may take before it settles for a longer one.
const DIFF_TIMEOUT_MS: u64 = 500;

/// A unified diff of `before` → `after` for `name`.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    // Myers' diff takes time lines x changes: with a fix on every line of
    // a large file it took seconds (35,000 lines, 20,000 fixes: 6.5 s).
    // Past the deadline it settles for a longer diff, still correct.
    similar::TextDiff::configure()
        .timeout(std::time::Duration::from_millis(DIFF_TIMEOUT_MS))
        .diff_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Replace `path` with `text` atomically (temp file in the same directory,
/// then rename), keeping permissions. Refuses when the file on disk no
/// longer holds `expected`: someone changed it during the run.
pub fn write_atomic(path: &Path, expected: &str, text: &str) -> Result<(), String> {
    let name = path.display();
    let current =
        std::fs::read(path).map_err(|e| format!("{name}: cannot re-read before writing: {e}"))?;
    if current != expected.as_bytes() {
        return Err(format!(
            "{name}: changed on disk during the run; fixes not written"
        ));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{file_name}.okr-lint-{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{name}: cannot write fixes: {e}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_a_file_changed_during_the_run() {
        let dir = std::env::temp_dir().join(format!("okr-lint-fix-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.okr.md");
        std::fs::write(&p, "edited by someone else").unwrap();
        let err = write_atomic(&p, "what okr-lint read", "fixed").unwrap_err();
        assert!(err.contains("changed on disk during the run"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "edited by someone else"
        );
        write_atomic(&p, "edited by someone else", "fixed").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "fixed");
        let leftovers = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn span(a: usize, b: usize) -> okr_lint_core::Span {
        okr_lint_core::Span {
            start: a,
            end: b,
            ..Default::default()
        }
    }

    /// A finding whose safe fix makes these edits.
    fn fixing(edits: &[(usize, usize, &str)]) -> Diagnostic {
        Diagnostic {
            path: Default::default(),
            code: "OKR000",
            rule: "syntax-error",
            severity: okr_lint_core::Severity::Error,
            message: String::new(),
            span: span(edits[0].0, edits[0].1),
            labels: vec![],
            help: None,
            fix: Some(Box::new(okr_lint_core::Fix {
                message: String::new(),
                applicability: Applicability::Safe,
                edits: edits
                    .iter()
                    .map(|&(a, b, t)| okr_lint_core::Edit {
                        span: span(a, b),
                        replacement: t.into(),
                    })
                    .collect(),
            })),
            anchor: None,
        }
    }

    #[test]
    fn a_fix_touching_any_taken_range_waits() {
        let a = fixing(&[(0, 1, "A")]);
        let spread = fixing(&[(2, 3, "+"), (8, 9, "I")]);
        let e = fixing(&[(4, 5, "E")]);
        // Starts after `e` but touches the far edit of `spread`.
        let d = fixing(&[(7, 8, "H")]);
        let (out, n) = apply("abcdefghi", &[&d, &e, &spread, &a], false).unwrap();
        assert_eq!((out.as_str(), n), ("Ab+dEfghI", 3));
        // A fix whose own edits overlap is not applied.
        let both = fixing(&[(2, 4, "X"), (3, 5, "Y")]);
        let h = fixing(&[(6, 7, "W")]);
        let (out, n) = apply("abcdefghi", &[&both, &h], false).unwrap();
        assert_eq!((out.as_str(), n), ("abcdefWhi", 1));
    }

    #[test]
    fn a_fix_with_two_edits_at_one_offset_is_not_applied() {
        let two = fixing(&[(1, 1, "X"), (1, 1, "Y")]);
        assert_eq!(apply("ab", &[&two], false), None);
        // Edits that only touch are fine.
        let touching = fixing(&[(0, 1, "X"), (1, 2, "Y")]);
        assert_eq!(apply("ab", &[&touching], false), Some(("XY".into(), 1)));
    }

    /// `apply` as it was written first, checking every pair and replacing
    /// in place (with the rule that a fix's own edits do not overlap): the
    /// reference for the faster one.
    fn reference_apply(text: &str, diags: &[&Diagnostic]) -> Option<(String, usize)> {
        let mut fixes: Vec<&okr_lint_core::Fix> =
            diags.iter().filter_map(|d| d.fix.as_deref()).collect();
        fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min().unwrap_or(0));
        let (mut edits, mut taken, mut count) = (Vec::new(), Vec::new(), 0);
        for fix in fixes {
            let ranges: Vec<(usize, usize)> = fix
                .edits
                .iter()
                .map(|e| (e.span.start, e.span.end))
                .collect();
            let overlap = ranges
                .iter()
                .enumerate()
                .any(|(i, &(a, b))| ranges[..i].iter().any(|&(x, y)| a == x || (a < y && x < b)));
            let valid = !overlap
                && ranges.iter().all(|&(a, b)| {
                    a <= b
                        && b <= text.len()
                        && text.is_char_boundary(a)
                        && text.is_char_boundary(b)
                });
            let clash = ranges
                .iter()
                .any(|&(a, b)| taken.iter().any(|&(x, y)| a <= y && x <= b));
            if !valid || clash {
                continue;
            }
            taken.extend(ranges);
            edits.extend(fix.edits.iter());
            count += 1;
        }
        if count == 0 {
            return None;
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.span.start..e.span.end, &e.replacement);
        }
        (out != text).then_some((out, count))
    }

    #[test]
    fn applies_like_the_reference() {
        // 20,000 random sets of fixes (xorshift; no dependency needed):
        // one to three edits each, over a 24-byte text with a two-byte
        // character, so some ranges are invalid and many clash.
        let text = "abcdéfghijklmnopqrstuvw";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let diags: Vec<Diagnostic> = (0..1 + next(6))
                .map(|_| {
                    let edits: Vec<(usize, usize, &str)> = (0..1 + next(3))
                        .map(|_| {
                            let a = next(text.len() + 2);
                            (a, a + next(4), ["", "X", "yz"][next(3)])
                        })
                        .collect();
                    fixing(&edits)
                })
                .collect();
            let refs: Vec<&Diagnostic> = diags.iter().collect();
            assert_eq!(
                apply(text, &refs, false),
                reference_apply(text, &refs),
                "{:?}",
                diags.iter().map(|d| &d.fix).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_hundred_thousand_fixes_in_one_file() {
        let text = "(comitted) ".repeat(100_000);
        let diags: Vec<Diagnostic> = (0..100_000)
            .map(|i| fixing(&[(i * 11 + 1, i * 11 + 9, "committed")]))
            .collect();
        let refs: Vec<&Diagnostic> = diags.iter().collect();
        let start = std::time::Instant::now();
        let (out, n) = apply(&text, &refs, false).unwrap();
        assert_eq!(n, 100_000);
        assert_eq!(out, "(committed) ".repeat(100_000));
        // Quadratic, this took over ten seconds.
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn a_diff_of_every_line_of_a_large_file_is_bounded() {
        let before: String = (0..40_000)
            .map(|i| format!("- KR{i} (comitted): x\n"))
            .collect();
        let after = before.replace("comitted", "committed");
        let start = std::time::Instant::now();
        let diff = unified_diff("a.okr.md", &before, &after);
        // Unbounded, Myers' diff took about 8 s here.
        assert!(start.elapsed() < std::time::Duration::from_secs(4));
        assert!(diff.contains("\n-- KR39999 (comitted): x\n"));
        assert!(diff.contains("\n+- KR39999 (committed): x\n"));
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        use okr_lint_core::{Edit, Fix, Span};
        let span = |a, b| Span {
            start: a,
            end: b,
            ..Span::default()
        };
        let d = |a, b, t: &str| Diagnostic {
            path: Default::default(),
            code: "OKR000",
            rule: "syntax-error",
            severity: okr_lint_core::Severity::Error,
            message: String::new(),
            span: span(a, b),
            labels: vec![],
            help: None,
            fix: Some(Box::new(Fix {
                message: String::new(),
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    span: span(a, b),
                    replacement: t.into(),
                }],
            })),
            anchor: None,
        };
        let (a, b, c) = (d(0, 3, "xyz"), d(2, 5, "!"), d(6, 7, "Q"));
        let (out, n) = apply("abcdefg", &[&a, &b, &c], false).unwrap();
        assert_eq!((out.as_str(), n), ("xyzdefQ", 2));
    }
}
