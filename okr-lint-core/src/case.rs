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
pub fn fold(s: &str) -> String {
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

/// `s` folded as by [`fold`], stored without a heap allocation when it is
/// short, as nearly every word of an OKR is.
pub fn fold_small(s: &str) -> Lower {
    if s.len() <= INLINE {
        // Three words of eight bytes, zero-padded: checked for ASCII and
        // lower-cased a word at a time (a byte at a time, this was a quarter
        // of the tokenizer's instructions).
        const HI: u64 = 0x8080_8080_8080_8080;
        let mut bytes = [0u8; 24];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        let mut words = [0u64; 3];
        for (w, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
            *w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        }
        if (words[0] | words[1] | words[2]) & HI == 0 {
            for w in &mut words {
                // Per byte b < 0x80 (no carries cross bytes): b + 0x3f has
                // its top bit set from `A` on, b + 0x25 from `[` on; where
                // exactly one is set, b is `A`..=`Z`: add 0x20.
                let upper = (*w + 0x3f3f_3f3f_3f3f_3f3f) ^ (*w + 0x2525_2525_2525_2525);
                *w |= (upper & HI) >> 2;
            }
            let mut buf = [0u8; INLINE];
            for (i, w) in words.iter().enumerate() {
                let at = i * 8;
                let n = (INLINE - at).min(8);
                buf[at..at + n].copy_from_slice(&w.to_le_bytes()[..n]);
            }
            return Lower(Repr::Inline(s.len() as u8, buf));
        }
    }
    Lower::from(fold(s))
}

const INLINE: usize = 22;

/// A lower-cased token: up to 22 bytes inline, longer ones on the heap. The
/// same size as a `String`, but a token of a typical statement costs no
/// allocation (tokenizing was a third of all `malloc` calls).
#[derive(Clone)]
pub struct Lower(Repr);

#[derive(Clone)]
enum Repr {
    /// Length and bytes.
    Inline(u8, [u8; INLINE]),
    Heap(Box<str>),
}

impl Lower {
    /// A word kept inline as three little-endian words of its bytes,
    /// zero-padded, the length in the top byte of the last (so never all
    /// zero): equal keys for equal words, compared without a call. `None`
    /// for a word on the heap (longer than 22 bytes, or not ASCII).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn key(&self) -> Option<[u64; 3]> {
        let Repr::Inline(len, buf) = &self.0 else {
            return None;
        };
        // `fold_small` leaves the bytes past the length zero.
        let mut bytes = [0u8; 24];
        bytes[..INLINE].copy_from_slice(buf);
        bytes[23] = *len;
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
            u64::from_le_bytes(w)
        };
        Some([word(0), word(1), word(2)])
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // SAFETY: `Inline` is only built by `fold_small` from an ASCII
            // `&str` (then lower-cased, which keeps it ASCII), and nothing
            // changes the bytes afterwards: they are valid UTF-8.
            Repr::Inline(len, buf) => unsafe {
                std::str::from_utf8_unchecked(&buf[..*len as usize])
            },
            Repr::Heap(s) => s,
        }
    }
}

impl From<String> for Lower {
    fn from(s: String) -> Self {
        Lower(Repr::Heap(s.into_boxed_str()))
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Lower {
    fn eq(&self, other: &Lower) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Lower {}

impl PartialEq<str> for Lower {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
    fn small_folds_lower_every_ascii_char_at_every_place() {
        for at in 0..INLINE {
            for b in 0..0x80u8 {
                let mut s = "Q".repeat(INLINE);
                s.replace_range(at..at + 1, &(b as char).to_string());
                // Lengths vary too, the char kept.
                let s = &s[..(at + 1).max(INLINE - b as usize % 3)];
                assert_eq!(
                    fold_small(s).as_str(),
                    s.to_ascii_lowercase(),
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn final_sigma_folds() {
        assert_eq!(fold("ΟΔΟΣ"), fold("οδος"));
        assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
        assert_eq!(fold("İstanbul ÉTÉ"), "i\u{307}stanbul été");
    }

    #[test]
    fn small_folds_are_inline_and_equal_to_fold() {
        for s in [
            "",
            "KR",
            "Reduce",
            "world-class",
            "a".repeat(22).as_str(),
            "b".repeat(23).as_str(),
            "Über",
            "ΟΔΟΣ",
        ] {
            let small = fold_small(s);
            assert_eq!(small.as_str(), fold(s), "{s}");
            assert_eq!(
                matches!(small.0, Repr::Inline(..)),
                s.is_ascii() && s.len() <= INLINE,
                "{s}"
            );
        }
        assert_eq!(fold_small("ABC"), fold_small("abc"));
        // The Kelvin sign folds to ASCII `k` through the heap path.
        assert_eq!(fold_small("\u{212A}"), fold_small("K"));
        assert_eq!(std::mem::size_of::<Lower>(), std::mem::size_of::<String>());
    }

    proptest! {
        #[test]
        fn small_folds_match_fold(s in "[ -~]{0,24}|\\PC{0,24}") {
            let small = fold_small(&s);
            let want = fold(&s);
            prop_assert_eq!(small.as_str(), want.as_str());
        }

        #[test]
        fn matches_std_for_strings(s in "\\PC{0,40}") {
            let want = s.to_lowercase().replace('ς', "σ");
            prop_assert_eq!(fold(&s), want);
        }
    }
}
