//! Source positions.
//!
//! Every node of the AST and every diagnostic carries a [`Span`]: a byte
//! range into the source plus 1-based line and column numbers, where columns
//! count Unicode scalar values (what Rust's `char` and Python's `str` index).
//! Editors that count UTF-16 code units (LSP, JavaScript) get those from
//! [`LineIndex::utf16_column`].
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as in the LSP specification. A
//! byte-order mark at the start of the file is not counted as a column.

use serde::Serialize;
use std::cell::Cell;

/// A range of the source with its line and column positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, in Unicode scalar values.
    pub column: u32,
    /// 1-based line of `end`.
    pub end_line: u32,
    /// 1-based column of `end`, in Unicode scalar values (exclusive).
    pub end_column: u32,
}

impl Span {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty range.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The text this span covers.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// From this span's start to `last`'s end, with the positions both
    /// already hold (no line lookup). `last` must not end before this
    /// span starts.
    pub fn to(&self, last: &Span) -> Span {
        Span {
            end: last.end,
            end_line: last.end_line,
            end_column: last.end_column,
            ..*self
        }
    }

    /// True when `other` lies within this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Maps byte offsets to lines and columns. Built once per source in O(n).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts (line 1 is index 0).
    starts: Vec<usize>,
    /// Whether each line is pure ASCII (columns are then byte differences).
    ascii: Vec<bool>,
    len: usize,
    /// The line of the last lookup. The parser asks for spans in order, so
    /// the next offset is nearly always on that line or the next one, and a
    /// binary search over every line start is not needed.
    last: Cell<usize>,
}

impl LineIndex {
    /// Index the line starts of `source`. Non-ASCII bytes, rare in most
    /// files, are found a word at a time, and a line is ASCII when the
    /// next one lies beyond its end. (One loop over 8-byte words that
    /// looked for both them and line breaks took 5.5 instructions a byte.)
    pub fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let bom = if source.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        let mut ascii = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(bom);
        let mut line = bom;
        let mut non_ascii = next_non_ascii(bytes, bom);
        while let Some(at) = find_break(&bytes[line..]).map(|k| line + k) {
            ascii.push(non_ascii >= at);
            line = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            if non_ascii < line {
                non_ascii = next_non_ascii(bytes, line);
            }
            starts.push(line);
        }
        ascii.push(non_ascii >= bytes.len());
        LineIndex {
            starts,
            ascii,
            len: bytes.len(),
            last: Cell::new(0),
        }
    }

    /// Number of lines (an empty source has one line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts, if it exists.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.get((line as usize).checked_sub(1)?).copied()
    }

    /// 0-based line index holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        let holds = |l: usize| {
            self.starts.get(l).is_some_and(|&s| s <= offset)
                && self.starts.get(l + 1).is_none_or(|&next| offset < next)
        };
        let last = self.last.get();
        let line = if holds(last) {
            last
        } else if holds(last + 1) {
            last + 1
        } else {
            match self.starts.binary_search(&offset) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        };
        self.last.set(line);
        line
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    /// Offsets past the end clamp to the end; offsets inside a multi-byte
    /// character count the characters that start before them.
    pub fn position(&self, source: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        (line as u32 + 1, self.column(source, line, offset))
    }

    /// 1-based column of `offset` (at most the source's length) on the
    /// 0-based `line`, which holds it.
    fn column(&self, source: &str, line: usize, offset: usize) -> u32 {
        let start = self.starts[line].min(offset);
        let col = if self.ascii[line] {
            offset - start
        } else {
            count_chars(&source.as_bytes()[start..offset])
        };
        col as u32 + 1
    }

    /// 1-based column of `offset` counted in UTF-16 code units, for editors.
    pub fn utf16_column(&self, source: &str, offset: usize) -> u32 {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        if self.ascii[line] {
            return (offset - start) as u32 + 1;
        }
        let prefix = &source.as_bytes()[start..offset];
        // UTF-16 length = scalar count + one extra unit per 4-byte sequence.
        let four_byte = prefix.iter().filter(|&&b| b >= 0xF0).count();
        (count_chars(prefix) + four_byte) as u32 + 1
    }

    /// [`LineIndex::span`] for a range inside `within`, a span made
    /// earlier: when `within` is on one line, its line is the range's, and
    /// is not looked up. Meant for spans asked for behind the current line
    /// (the parts of a statement once its objective is complete), where a
    /// lookup is a search and moves the cached line away from where the
    /// next lookups will be.
    pub fn span_within(&self, source: &str, within: &Span, start: usize, end: usize) -> Span {
        // The browser build lints one document at a time, and its size
        // budget counts more than these lookups (this cost 260 gzipped bytes).
        if cfg!(target_arch = "wasm32") {
            return self.span(source, start, end);
        }
        let l = (within.line as usize).wrapping_sub(1);
        let inside = within.start <= start && start <= end && end <= within.end;
        if inside && within.line == within.end_line && l < self.starts.len() && end <= self.len {
            return self.span_on_line(source, l, start, end);
        }
        self.span(source, start, end)
    }

    /// The span of `start..end` (`start <= end <= len`), both on the
    /// 0-based `line`.
    #[inline]
    fn span_on_line(&self, source: &str, line: usize, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            line: line as u32 + 1,
            column: self.column(source, line, start),
            end_line: line as u32 + 1,
            end_column: self.column(source, line, end),
        }
    }

    /// Build a [`Span`] for a byte range.
    pub fn span(&self, source: &str, start: usize, end: usize) -> Span {
        let end = end.max(start);
        // Most spans lie on the line of the last lookup: both ends from one
        // check of that line. (Not in the browser build, as in
        // `span_within`.)
        let l = self.last.get();
        if let Some(&from) = self.starts.get(l).filter(|_| !cfg!(target_arch = "wasm32")) {
            let next = self.starts.get(l + 1).copied().unwrap_or(usize::MAX);
            if from <= start && end < next && end <= self.len {
                return self.span_on_line(source, l, start, end);
            }
        }
        let (line, column) = self.position(source, start);
        let (end_line, end_column) = if end == start {
            (line, column)
        } else {
            // Most spans end on the line they start on: no second search.
            let l = line as usize - 1;
            let e = end.min(self.len);
            if self.starts.get(l + 1).is_none_or(|&next| e < next) {
                (line, self.column(source, l, e))
            } else {
                self.position(source, end)
            }
        };
        Span {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// The offset of the first `\n` or `\r` in `bytes`: `memchr2` natively
/// (16 or 32 bytes a step where the CPU has SIMD), a byte loop in the
/// browser build, where `memchr` would cost 650 gzipped bytes and
/// documents are linted one at a time as they are edited.
pub(crate) fn find_break(bytes: &[u8]) -> Option<usize> {
    #[cfg(not(target_arch = "wasm32"))]
    return memchr::memchr2(b'\n', b'\r', bytes);
    #[cfg(target_arch = "wasm32")]
    bytes.iter().position(|&c| c == b'\n' || c == b'\r')
}

/// The offset of the first byte at or after `from` that is not ASCII, or
/// the length of `bytes` when there is none.
fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    // `is_ascii` reads a word at a time; the byte is looked for only in
    // the block that has it.
    let mut at = from;
    for block in bytes[from.min(bytes.len())..].chunks(64) {
        if !block.is_ascii() {
            return at + block.iter().position(|b| !b.is_ascii()).unwrap_or(0);
        }
        at += block.len();
    }
    bytes.len()
}

/// Count the Unicode scalar values in a UTF-8 byte slice (bytes that are not
/// continuation bytes). A slice cut inside a character counts its lead byte.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_scalars_and_utf16_units() {
        let src = "ab\r\n😀é x\rz";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 3);
        let x = src.find('x').unwrap();
        assert_eq!(idx.position(src, x), (2, 4));
        assert_eq!(idx.utf16_column(src, x), 5);
        let z = src.find('z').unwrap();
        assert_eq!(idx.position(src, z), (3, 1));
    }

    #[test]
    fn bom_is_not_a_column() {
        let src = "\u{FEFF}# T";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 3), (1, 1));
        assert_eq!(idx.position(src, 5), (1, 3));
    }

    proptest::proptest! {
        /// The same lines, and the same ASCII lines, as a plain byte scan.
        #[test]
        fn same_lines_as_a_byte_scan(s in "[a-z \r\n\u{e9}\u{1F600}]{0,80}") {
            let idx = LineIndex::new(&s);
            let mut starts = vec![0];
            let mut ascii = vec![true];
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'\n' || b[i] == b'\r' {
                    if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                    ascii.push(true);
                } else if b[i] >= 0x80 {
                    *ascii.last_mut().unwrap() = false;
                }
                i += 1;
            }
            proptest::prop_assert_eq!(&idx.starts, &starts);
            proptest::prop_assert_eq!(&idx.ascii, &ascii);
        }
    }

    proptest::proptest! {
        /// A span's end is where `position` puts it, same line or not.
        #[test]
        fn span_ends_agree_with_position(
            s in "\u{FEFF}?[a-z \r\n\u{e9}\u{1F600}]{0,60}",
            a in 0usize..70,
            b in 0usize..70,
        ) {
            let fix = |o: usize| {
                let mut o = o.min(s.len());
                while !s.is_char_boundary(o) {
                    o -= 1;
                }
                o
            };
            let (a, b) = (fix(a.min(b)), fix(a.max(b)));
            let idx = LineIndex::new(&s);
            let span = idx.span(&s, a, b);
            proptest::prop_assert_eq!((span.line, span.column), idx.position(&s, a));
            proptest::prop_assert_eq!((span.end_line, span.end_column), idx.position(&s, b));
        }
    }

    proptest::proptest! {
        /// A span made inside another gets the same positions either way,
        /// whether or not the outer span is on one line and holds it.
        #[test]
        fn spans_within_agree_with_span(
            s in "\u{FEFF}?[a-z \r\n\u{e9}\u{1F600}]{0,60}",
            cuts in proptest::collection::vec(0usize..70, 4),
        ) {
            let fix = |o: usize| {
                let mut o = o.min(s.len());
                while !s.is_char_boundary(o) {
                    o -= 1;
                }
                o
            };
            let mut c: Vec<usize> = cuts.into_iter().map(fix).collect();
            c.sort_unstable();
            let idx = LineIndex::new(&s);
            let outer = idx.span(&s, c[0], c[3]);
            // Inside the outer span, and (with the cuts swapped) not.
            for (a, b) in [(c[1], c[2]), (c[0], c[3]), (c[2], c[3]), (c[0], c[1])] {
                let want = idx.span(&s, a, b);
                proptest::prop_assert_eq!(idx.span_within(&s, &outer, a, b), want);
                let inner = idx.span(&s, c[1], c[2]);
                proptest::prop_assert_eq!(idx.span_within(&s, &inner, a, b), want);
            }
        }
    }

    proptest::proptest! {
        /// Spans asked for one after another, in any order, on one index
        /// (whose remembered line moves) are those a fresh index gives.
        #[test]
        fn spans_in_any_order_agree_with_a_fresh_index(
            s in "\u{FEFF}?[a-z \r\n\u{e9}]{0,60}",
            ranges in proptest::collection::vec((0usize..70, 0usize..70), 0..30),
        ) {
            let fix = |o: usize| {
                let mut o = o.min(s.len());
                while !s.is_char_boundary(o) {
                    o -= 1;
                }
                o
            };
            let idx = LineIndex::new(&s);
            for (a, b) in ranges {
                let (a, b) = (fix(a.min(b)), fix(a.max(b)));
                proptest::prop_assert_eq!(idx.span(&s, a, b), LineIndex::new(&s).span(&s, a, b));
            }
        }
    }

    proptest::proptest! {
        /// The remembered line never changes an answer: offsets asked for in
        /// any order get the line a binary search over the line starts gives.
        #[test]
        fn lines_in_any_order_agree_with_a_search(
            s in "\u{FEFF}?[a-z \r\n\u{e9}]{0,60}",
            offsets in proptest::collection::vec(0usize..70, 0..40),
        ) {
            let idx = LineIndex::new(&s);
            for o in offsets {
                let o = o.min(s.len());
                let want = match idx.starts.binary_search(&o) {
                    Ok(i) => i,
                    Err(i) => i.saturating_sub(1),
                };
                proptest::prop_assert_eq!(idx.line_of(o), want, "offset {}", o);
            }
        }
    }

    #[test]
    fn cjk_columns() {
        let src = "目标 improve";
        let idx = LineIndex::new(src);
        let i = src.find("improve").unwrap();
        assert_eq!(idx.position(src, i), (1, 4));
        assert_eq!(idx.utf16_column(src, i), 4);
    }
}
