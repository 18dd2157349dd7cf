//! Lower-casing for comparisons: word lists, IDs, keys and team names.
//!
//! The same mapping as `char::to_lowercase`, from a table of runs that
//! `build.rs` derives from it (a tenth of the standard library's table in the
//! WASM package), with one deliberate difference: both sigmas fold to `σ`.
//! `str::to_lowercase` writes `ς` at the end of a word and `σ` elsewhere, so
//! a word typed in capitals and the same word typed in lower case could
//! compare unequal; here the final sigma never matters, as in Unicode case
//! folding.

/// Code points `first`, `first + stride`, ... (`count` of them) lowercase to
/// themselves plus `offset`.
struct Run {
    first: u32,
    count: u16,
    stride: u8,
    offset: i32,
}

include!(concat!(env!("OUT_DIR"), "/lower_runs.rs"));

/// `s` in lower case, for comparing.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{130}' => out.push_str("i\u{307}"),
            '\u{3a3}' | '\u{3c2}' => out.push('σ'),
            c => out.push(lower_char(c)),
        }
    }
    out
}

/// The lowercase form of one char that lowercases to one char.
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let cp = c as u32;
    // The last run starting at or before `cp`.
    let i = LOWER_RUNS.partition_point(|r| r.first <= cp);
    let Some(run) = i.checked_sub(1).map(|i| &LOWER_RUNS[i]) else {
        return c;
    };
    let step = cp - run.first;
    if !step.is_multiple_of(run.stride as u32) || step / run.stride as u32 >= run.count as u32 {
        return c;
    }
    char::from_u32(cp.wrapping_add_signed(run.offset)).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_std_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want: String = match c {
                'Σ' | 'ς' => "σ".into(),
                c => c.to_lowercase().collect(),
            };
            assert_eq!(fold(c.encode_utf8(&mut [0; 4])), want, "U+{:04X}", c as u32);
        }
        assert!(LOWER_RUNS.len() < 300, "{} runs", LOWER_RUNS.len());
    }

    #[test]
    fn final_sigma_folds() {
        assert_eq!(fold("ΟΔΟΣ"), fold("οδος"));
        assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
        assert_eq!(fold("İstanbul ÉTÉ"), "i\u{307}stanbul été");
    }

    proptest! {
        #[test]
        fn matches_std_for_strings(s in "\\PC{0,40}") {
            let want = s.to_lowercase().replace('ς', "σ");
            prop_assert_eq!(fold(&s), want);
        }
    }
}
