//! Linting any set of documents (every rule on) never panics, and every
//! diagnostic's span and fix edits lie inside their file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Split the input into up to four files on a form feed.
    let files: Vec<(String, &str)> = text.split('\u{c}').take(4).enumerate().map(|(i, t)| (format!("f{i}.okr.md"), t)).collect();
    let config = okr_lint_core::Config::from_toml("select = [\"all\"]").expect("valid");
    let diags = okr_lint_core::lint_workspace(&files, &config).expect("valid config");
    for d in &diags {
        let src = files.iter().find(|(p, _)| **p == *d.path).expect("known file").1;
        for s in std::iter::once(&d.span).chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.span))) {
            assert!(s.start <= s.end && s.end <= src.len());
            assert!(src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
        }
    }
});
