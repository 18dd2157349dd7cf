//! The hand-written scanner builds exactly the pair tree the pest grammar
//! (`grammar/okr.pest`) builds, for any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../okr-lint-core/tests/oracle/mod.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    oracle::assert_same(text);
});
