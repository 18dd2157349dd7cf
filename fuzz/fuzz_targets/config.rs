//! Any configuration text is accepted or rejected with an error, never a
//! panic; an accepted one builds a linter that can lint. The same bytes are
//! also read as `pattern\npath` for the `per-file-ignores` glob matcher.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for config in [okr_lint_core::Config::from_toml(text), okr_lint_core::Config::from_json(text)] {
        if let Ok(c) = config {
            if let Ok(linter) = okr_lint_core::Linter::new(&c) {
                for path in ["a.okr.md", "okrs/drafts/q3/b.okr.md"] {
                    let _ = linter.lint("## Objective X-1: Improve things\n- KR: Improve API performance\n", path);
                }
            }
        }
    }
    let (pattern, path) = text.split_once('\n').unwrap_or((text, "okrs/drafts/a.okr.md"));
    if let Ok(glob) = okr_lint_core::glob::Glob::new(pattern) {
        let _ = glob.is_match(path);
    }
});
