//! Any text parses without panicking, and every span lies inside the input
//! on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = okr_lint_core::parse(text);
    let check = |s: &okr_lint_core::Span| {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    };
    for o in &parsed.document.objectives {
        check(&o.span);
        check(&o.extent);
        check(&o.statement.span);
        for k in &o.key_results {
            check(&k.span);
            check(&k.extent);
            check(&k.statement.span);
        }
    }
    for e in &parsed.errors {
        check(&e.span);
    }
});
