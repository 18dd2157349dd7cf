//! Byte offsets (what the core reports) to UTF-16 positions (what JavaScript
//! strings, CodeMirror, Monaco and the LSP count).

/// Converts byte offsets of one text to UTF-16 offsets and 1-based
/// line/column pairs. Built in one pass; lookups are binary searches.
pub struct Utf16Map {
    /// For every non-ASCII character: the byte offset just after it and how
    /// many more bytes than UTF-16 units the text has up to there.
    shifts: Vec<(usize, usize)>,
    /// Byte offset where each line starts (`\n`, `\r\n` or a lone `\r`).
    line_starts: Vec<usize>,
    len: usize,
}

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        let mut shifts = Vec::new();
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut shift = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    line_starts.push(i + 1);
                }
                i += 1;
                continue;
            }
            // Lead byte: 2, 3 or 4 bytes long; 4-byte characters are
            // surrogate pairs (2 units) in UTF-16.
            let (len, units) = match b {
                0xF0.. => (4, 2),
                0xE0.. => (3, 1),
                _ => (2, 1),
            };
            i += len;
            shift += len - units;
            shifts.push((i, shift));
        }
        Utf16Map {
            shifts,
            line_starts,
            len: text.len(),
        }
    }

    /// The UTF-16 offset of byte offset `byte` (clamped to the text).
    pub fn offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let k = self.shifts.partition_point(|&(end, _)| end <= byte);
        let shift = if k == 0 { 0 } else { self.shifts[k - 1].1 };
        byte - shift
    }

    /// 1-based line and 1-based UTF-16 column of byte offset `byte`.
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.len);
        let line = self.line_starts.partition_point(|&s| s <= byte).max(1);
        let start = self.line_starts[line - 1];
        (line, self.offset(byte) - self.offset(start) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Map;

    /// The reference: count UTF-16 units with the standard library.
    fn reference(text: &str, byte: usize) -> usize {
        text[..byte].encode_utf16().count()
    }

    #[test]
    fn offsets_match_the_standard_library() {
        let text = "a😀b\r\nç中\rx\n🎉🎉 end";
        let map = Utf16Map::new(text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(map.offset(byte), reference(text, byte), "byte {byte}");
        }
    }

    #[test]
    fn lines_and_columns_count_utf16_units() {
        let text = "😀 x\r\nçy\rz\n\nw";
        let map = Utf16Map::new(text);
        assert_eq!(map.line_column(0), (1, 1));
        assert_eq!(map.line_column(5), (1, 4)); // x after a surrogate pair and a space
        assert_eq!(map.line_column(8), (2, 1)); // after \r\n
        assert_eq!(map.line_column(10), (2, 2)); // y after ç
        assert_eq!(map.line_column(12), (3, 1)); // after a lone \r
        assert_eq!(map.line_column(14), (4, 1)); // empty line
        assert_eq!(map.line_column(15), (5, 1));
        assert_eq!(map.line_column(99), (5, 2)); // clamped to the end
    }
}
