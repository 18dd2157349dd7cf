//! Applying fixes: choosing edits, showing them as a diff, writing files
//! safely.

use okr_lint_core::{Applicability, Diagnostic};
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
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let ranges: Vec<(usize, usize)> = fix
            .edits
            .iter()
            .map(|e| (e.span.start, e.span.end))
            .collect();
        let valid = ranges.iter().all(|&(a, b)| {
            a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
        });
        // Touching ranges conflict too: two inserts at one offset have no order.
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

/// A unified diff of `before` → `after` for `name`.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
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
            path: String::new(),
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
