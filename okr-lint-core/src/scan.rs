//! The line classifier: a hand-written recognizer for `grammar/okr.pest`.
//!
//! The pest grammar is the definition of the format; this module applies it
//! without pest's per-rule machinery (4-5x fewer instructions on real files,
//! and 80 KB less in the WASM build). Each function below is one grammar
//! rule, written as PEG semantics dictate: ordered choice, greedy repetition
//! without backtracking, optional groups that roll back on failure. The
//! result is the same tree of pairs pest builds (rule, start, end), except
//! that blocks the parser never looks inside (code, HTML, quotes, prose)
//! have no children.
//!
//! `tests/grammar_oracle.rs` checks that both give identical trees on every
//! fixture, a generated corpus and random documents; `fuzz/` has a target
//! for the same comparison.

/// The grammar rules that produce pairs (names as in `okr.pest`).
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    EOI,
    blank,
    heading,
    heading_marker,
    objective_heading,
    objective_heading_bad,
    objective_kw,
    section_title,
    title,
    id,
    statement,
    phase_label,
    label_text,
    thematic_break,
    list_item,
    indent,
    bullet,
    kr_item,
    kr_bad,
    kr_kw,
    kr_number,
    label,
    labeled_item,
    item_meta,
    plain_item,
    item_text,
    done_line,
    done_kw,
    done_value,
    meta_line,
    meta_key,
    meta_value,
    fenced_code,
    suppression,
    directive,
    rule_list,
    rule_ref,
    html_comment,
    html_block,
    blockquote,
    prose,
    rest,
}

/// One pair: its rule, byte range, and the index just past its subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub rule: Rule,
    pub start: usize,
    pub end: usize,
    next: usize,
}

/// The pairs of a document, in preorder.
#[derive(Debug)]
pub struct Tree<'s> {
    src: &'s str,
    nodes: Vec<Node>,
}

impl<'s> Tree<'s> {
    /// The document's blocks (the children of `document`), ending in `EOI`.
    pub fn blocks(&self) -> Pairs<'_> {
        Pairs {
            src: self.src,
            nodes: &self.nodes,
            i: 0,
            end: self.nodes.len(),
        }
    }

    /// Every pair in preorder with its depth (1 for blocks).
    pub fn flatten(&self) -> Vec<(Rule, usize, usize, usize)> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut open: Vec<usize> = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            while open.last().is_some_and(|&e| e <= i) {
                open.pop();
            }
            out.push((n.rule, n.start, n.end, open.len() + 1));
            open.push(n.next);
        }
        out
    }
}

/// A pair of the tree (the same shape as pest's `Pair`).
#[derive(Debug, Clone, Copy)]
pub struct Pair<'t> {
    src: &'t str,
    nodes: &'t [Node],
    i: usize,
}

/// A pair's byte range.
#[derive(Debug, Clone, Copy)]
pub struct PairSpan {
    start: usize,
    end: usize,
}

impl PairSpan {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
}

impl<'t> Pair<'t> {
    pub fn as_rule(&self) -> Rule {
        self.nodes[self.i].rule
    }
    pub fn as_str(&self) -> &'t str {
        let n = &self.nodes[self.i];
        &self.src[n.start..n.end]
    }
    pub fn as_span(&self) -> PairSpan {
        let n = &self.nodes[self.i];
        PairSpan {
            start: n.start,
            end: n.end,
        }
    }
    pub fn into_inner(self) -> Pairs<'t> {
        Pairs {
            src: self.src,
            nodes: self.nodes,
            i: self.i + 1,
            end: self.nodes[self.i].next,
        }
    }
}

/// The children of a pair.
#[derive(Debug, Clone)]
pub struct Pairs<'t> {
    src: &'t str,
    nodes: &'t [Node],
    i: usize,
    end: usize,
}

impl<'t> Iterator for Pairs<'t> {
    type Item = Pair<'t>;
    fn next(&mut self) -> Option<Pair<'t>> {
        if self.i >= self.end {
            return None;
        }
        let p = Pair {
            src: self.src,
            nodes: self.nodes,
            i: self.i,
        };
        self.i = self.nodes[self.i].next;
        Some(p)
    }
}

/// Classify every line of `src`.
pub fn scan(src: &str) -> Tree<'_> {
    let mut s = Scanner {
        src,
        b: src.as_bytes(),
        nodes: Vec::with_capacity(src.len() / 16),
    };
    let mut p = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    loop {
        p = s.block(p);
        match s.newline(p) {
            Some(q) => p = q,
            None => break,
        }
    }
    // `block` always stops at the end of a line; the last one ends the input.
    debug_assert_eq!(p, src.len());
    let end = src.len();
    s.leaf(Rule::EOI, end, end);
    Tree {
        src,
        nodes: s.nodes,
    }
}

struct Scanner<'s> {
    src: &'s str,
    b: &'s [u8],
    nodes: Vec<Node>,
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl Scanner<'_> {
    // ---------------------------------------------------------- tree building

    fn open(&mut self, rule: Rule, start: usize) -> usize {
        self.nodes.push(Node {
            rule,
            start,
            end: start,
            next: 0,
        });
        self.nodes.len() - 1
    }

    fn close(&mut self, at: usize, end: usize) {
        let next = self.nodes.len();
        let n = &mut self.nodes[at];
        n.end = end;
        n.next = next;
    }

    fn leaf(&mut self, rule: Rule, start: usize, end: usize) {
        let next = self.nodes.len() + 1;
        self.nodes.push(Node {
            rule,
            start,
            end,
            next,
        });
    }

    /// A pair whose children are all leaves.
    fn branch(&mut self, rule: Rule, start: usize, end: usize, kids: &[(Rule, usize, usize)]) {
        let at = self.open(rule, start);
        for &(r, a, b) in kids {
            self.leaf(r, a, b);
        }
        self.close(at, end);
    }

    /// Roll back an alternative that failed: drop the pairs it made.
    fn rollback(&mut self, mark: usize) {
        self.nodes.truncate(mark);
    }

    // ---------------------------------------------------------- lexemes

    fn at(&self, p: usize) -> Option<u8> {
        self.b.get(p).copied()
    }

    fn ch(&self, p: usize) -> Option<char> {
        match self.b.get(p) {
            // An ASCII byte is always a whole character: no boundary check
            // and no decoding (IDs and keys are read a character at a time).
            Some(&b) if b.is_ascii() => Some(b as char),
            _ => self.src.get(p..).and_then(|s| s.chars().next()),
        }
    }

    /// `eol = &(NEWLINE | EOI)`
    fn eol(&self, p: usize) -> bool {
        matches!(self.at(p), None | Some(b'\n') | Some(b'\r'))
    }

    /// `NEWLINE`: the position after it, if one is at `p`.
    fn newline(&self, p: usize) -> Option<usize> {
        match self.at(p)? {
            b'\n' => Some(p + 1),
            b'\r' if self.at(p + 1) == Some(b'\n') => Some(p + 2),
            b'\r' => Some(p + 1),
            _ => None,
        }
    }

    /// `ws*`
    fn ws0(&self, mut p: usize) -> usize {
        while self.at(p).is_some_and(is_ws) {
            p += 1;
        }
        p
    }

    /// `ws+`
    fn ws1(&self, p: usize) -> Option<usize> {
        let q = self.ws0(p);
        (q > p).then_some(q)
    }

    /// `" "{0, 3}`
    fn up_to_3_spaces(&self, mut p: usize) -> usize {
        for _ in 0..3 {
            if self.at(p) == Some(b' ') {
                p += 1;
            }
        }
        p
    }

    /// `rest`: to the end of the line.
    fn rest_end(&self, p: usize) -> usize {
        let line = &self.b[p..];
        p + crate::span::find_break(line).unwrap_or(line.len())
    }

    /// `emph?`
    fn emph(&self, p: usize) -> usize {
        let b = &self.b[p..];
        if b.starts_with(b"**") || b.starts_with(b"__") {
            p + 2
        } else if b.starts_with(b"*") || b.starts_with(b"_") {
            p + 1
        } else {
            p
        }
    }

    /// `^"literal"` (ASCII case-insensitive).
    fn insensitive(&self, p: usize, lit: &str) -> Option<usize> {
        let b = self.b.get(p..p + lit.len())?;
        b.eq_ignore_ascii_case(lit.as_bytes())
            .then_some(p + lit.len())
    }

    fn literal(&self, p: usize, lit: &str) -> Option<usize> {
        self.b[p..]
            .starts_with(lit.as_bytes())
            .then_some(p + lit.len())
    }

    /// `id = @{ (ALPHABETIC | NUMBER | "." | "_" | "-")+ }`
    fn id_end(&self, mut p: usize) -> Option<usize> {
        let start = p;
        while let Some(c) = self.ch(p) {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                p += c.len_utf8();
            } else {
                break;
            }
        }
        (p > start).then_some(p)
    }

    /// `label_text = @{ (!("(" | ")" | NEWLINE) ~ ANY)* }`, then `")"`:
    /// `label = ${ "(" ~ label_text ~ ")" }` at `p` (which holds `(`).
    /// Returns the end of the text and of the label.
    fn label_parts(&self, p: usize) -> Option<(usize, usize)> {
        if self.at(p) != Some(b'(') {
            return None;
        }
        let line = &self.b[p + 1..];
        let n = line
            .iter()
            .position(|&c| matches!(c, b'(' | b')' | b'\n' | b'\r'))
            .unwrap_or(line.len());
        let text_end = p + 1 + n;
        (self.at(text_end) == Some(b')')).then_some((text_end, text_end + 1))
    }

    /// Push a `label`-shaped pair (`phase_label` or `label`) and its text.
    fn push_label(&mut self, rule: Rule, p: usize, text_end: usize, end: usize) {
        self.branch(rule, p, end, &[(Rule::label_text, p + 1, text_end)]);
    }

    /// `closing_hashes = _{ ws ~ "#"+ }`
    fn closing_hashes(&self, p: usize) -> Option<usize> {
        if !self.at(p).is_some_and(is_ws) || self.at(p + 1) != Some(b'#') {
            return None;
        }
        let mut q = p + 1;
        while self.at(q) == Some(b'#') {
            q += 1;
        }
        Some(q)
    }

    // ---------------------------------------------------------- blocks

    /// `block`: the alternatives in the grammar's order; `prose` always
    /// matches, so this never fails. Returns the end of the block.
    fn block(&mut self, p: usize) -> usize {
        let mark = self.nodes.len();
        macro_rules! attempt {
            ($e:expr) => {
                if let Some(q) = $e {
                    return q;
                }
                self.rollback(mark);
            };
        }
        attempt!(self.blank(p));
        attempt!(self.heading(p));
        attempt!(self.thematic_break(p));
        attempt!(self.list_item(p));
        attempt!(self.done_line(p));
        attempt!(self.meta_line(p));
        attempt!(self.fenced_code(p));
        attempt!(self.suppression(p));
        attempt!(self.html_comment(p));
        attempt!(self.html_block(p));
        attempt!(self.blockquote(p));
        let q = self.rest_end(p);
        self.leaf(Rule::prose, p, q);
        q
    }

    /// `blank = ${ ws* ~ eol }`
    fn blank(&mut self, p: usize) -> Option<usize> {
        let q = self.ws0(p);
        self.eol(q).then(|| {
            self.leaf(Rule::blank, p, q);
            q
        })
    }

    /// `thematic_break = ${ " "{0, 3} ~ (("-" ~ ws*){3, } | ...) ~ eol }`
    fn thematic_break(&mut self, p: usize) -> Option<usize> {
        let mut q = self.up_to_3_spaces(p);
        let c = self.at(q).filter(|c| matches!(c, b'-' | b'*' | b'_'))?;
        let mut n = 0;
        while self.at(q) == Some(c) {
            q = self.ws0(q + 1);
            n += 1;
        }
        (n >= 3 && self.eol(q)).then(|| {
            self.leaf(Rule::thematic_break, p, q);
            q
        })
    }

    /// `blockquote = ${ " "{0, 3} ~ ">" ~ rest }`
    fn blockquote(&mut self, p: usize) -> Option<usize> {
        let q = self.up_to_3_spaces(p);
        (self.at(q) == Some(b'>')).then(|| {
            let e = self.rest_end(q);
            self.leaf(Rule::blockquote, p, e);
            e
        })
    }

    // ---------------------------------------------------------- headings

    /// `heading = ${ " "{0, 3} ~ heading_marker ~ (objective_heading |
    /// objective_heading_bad | section_title) ~ eol }`
    fn heading(&mut self, p: usize) -> Option<usize> {
        let m = self.up_to_3_spaces(p);
        // heading_marker = @{ "#"{1, 6} ~ &(ws | eol) }
        let mut q = m;
        while q - m < 6 && self.at(q) == Some(b'#') {
            q += 1;
        }
        if q == m || !(self.eol(q) || self.at(q).is_some_and(is_ws)) {
            return None;
        }
        let at = self.open(Rule::heading, p);
        self.leaf(Rule::heading_marker, m, q);
        let mark = self.nodes.len();
        let end = match self.objective_heading(q) {
            Some(e) => e,
            None => {
                self.rollback(mark);
                match self.objective_heading_bad(q) {
                    Some(e) => e,
                    None => {
                        self.rollback(mark);
                        self.section_title(q)
                    }
                }
            }
        };
        // Every body ends at the end of the line.
        self.close(at, end);
        Some(end)
    }

    /// `objective_kw = @{ ^"objective" ~ &(ws | ":" | "*" | "_" | eol) }`
    fn objective_kw(&self, p: usize) -> Option<usize> {
        let q = self.insensitive(p, "objective")?;
        (self.eol(q) || matches!(self.at(q), Some(b' ' | b'\t' | b':' | b'*' | b'_'))).then_some(q)
    }

    /// `objective_heading = ${ ws+ ~ emph? ~ objective_kw ~ (ws+ ~ id)? ~ ws*
    /// ~ emph? ~ ":" ~ emph? ~ ws* ~ statement ~ phase_label? ~
    /// closing_hashes? ~ ws* ~ eol }`
    fn objective_heading(&mut self, p: usize) -> Option<usize> {
        let k = self.emph(self.ws1(p)?);
        let mut q = self.objective_kw(k)?;
        let at = self.open(Rule::objective_heading, p);
        self.leaf(Rule::objective_kw, k, q);
        if let Some(i) = self.ws1(q) {
            if let Some(e) = self.id_end(i) {
                self.leaf(Rule::id, i, e);
                q = e;
            }
        }
        q = self.emph(self.ws0(q));
        if self.at(q) != Some(b':') {
            return None;
        }
        let s = self.ws0(self.emph(q + 1));
        let e = self.statement_end_of(s);
        self.leaf(Rule::statement, s, e);
        let mut q = e;
        if let Some((text_end, end)) = self.label_parts(q) {
            self.push_label(Rule::phase_label, q, text_end, end);
            q = end;
        }
        if let Some(h) = self.closing_hashes(q) {
            q = h;
        }
        q = self.ws0(q);
        if !self.eol(q) {
            return None;
        }
        self.close(at, q);
        Some(q)
    }

    /// `statement = @{ statement_chunk* }`: where the statement stops.
    fn statement_end_of(&self, mut p: usize) -> usize {
        loop {
            if self.statement_end(p) {
                return p;
            }
            // ANY ~ plain_run
            let Some(c) = self.ch(p) else { return p };
            p += c.len_utf8();
            while let Some(&b) = self.b.get(p) {
                if matches!(b, b'(' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                p += 1;
            }
        }
    }

    /// `statement_end`: a phase label, closing hashes or the end of the line
    /// follows.
    fn statement_end(&self, p: usize) -> bool {
        let tail = |q: usize| {
            let q = self.closing_hashes(q).unwrap_or(q);
            self.eol(self.ws0(q))
        };
        if let Some((_, end)) = self.label_parts(p) {
            if tail(end) {
                return true;
            }
        }
        if let Some(h) = self.closing_hashes(p) {
            if self.eol(self.ws0(h)) {
                return true;
            }
        }
        self.eol(p)
    }

    /// `objective_heading_bad = ${ ws+ ~ emph? ~ objective_kw ~ rest }`
    fn objective_heading_bad(&mut self, p: usize) -> Option<usize> {
        let k = self.emph(self.ws1(p)?);
        let q = self.objective_kw(k)?;
        let e = self.rest_end(q);
        let kids = [(Rule::objective_kw, k, q), (Rule::rest, q, e)];
        self.branch(Rule::objective_heading_bad, p, e, &kids);
        Some(e)
    }

    /// `section_title = ${ (ws+ ~ title)? ~ ws* }`, `title = @{ rest }`
    fn section_title(&mut self, p: usize) -> usize {
        let at = self.open(Rule::section_title, p);
        let end = match self.ws1(p) {
            Some(t) => {
                let e = self.rest_end(t);
                self.leaf(Rule::title, t, e);
                e
            }
            None => self.ws0(p),
        };
        self.close(at, end);
        end
    }

    // ---------------------------------------------------------- list items

    /// `list_item = ${ indent ~ bullet ~ (ws+ ~ checkbox? ~ item_content |
    /// ws* ~ eol) ~ eol }`
    fn list_item(&mut self, p: usize) -> Option<usize> {
        let i = self.ws0(p);
        // bullet = @{ "-" | "*" | "+" | ASCII_DIGIT{1, 9} ~ ("." | ")") }
        let b = match self.at(i)? {
            b'-' | b'*' | b'+' => i + 1,
            c if c.is_ascii_digit() => {
                let mut q = i;
                while q - i < 9 && self.at(q).is_some_and(|c| c.is_ascii_digit()) {
                    q += 1;
                }
                if !matches!(self.at(q), Some(b'.' | b')')) {
                    return None;
                }
                q + 1
            }
            _ => return None,
        };
        let at = self.open(Rule::list_item, p);
        self.leaf(Rule::indent, p, i);
        self.leaf(Rule::bullet, i, b);
        let end = match self.ws1(b) {
            Some(c) => {
                let c = self.checkbox(c).unwrap_or(c);
                self.item_content(c)
            }
            None if self.eol(b) => b,
            None => return None,
        };
        self.close(at, end);
        Some(end)
    }

    /// `checkbox = _{ "[" ~ (" " | "x" | "X") ~ "]" ~ ws+ }`
    fn checkbox(&self, p: usize) -> Option<usize> {
        let b = self.b.get(p..p + 3)?;
        if b[0] == b'[' && matches!(b[1], b' ' | b'x' | b'X') && b[2] == b']' {
            self.ws1(p + 3)
        } else {
            None
        }
    }

    /// `item_content = _{ kr_item | kr_bad | labeled_item | item_meta |
    /// plain_item }`; every alternative runs to the end of the line.
    fn item_content(&mut self, p: usize) -> usize {
        let mark = self.nodes.len();
        if let Some(e) = self.kr_item(p) {
            return e;
        }
        self.rollback(mark);
        if let Some(e) = self.kr_bad(p) {
            return e;
        }
        self.rollback(mark);
        if let Some(e) = self.labeled_item(p) {
            return e;
        }
        self.rollback(mark);
        if let Some(e) = self.item_meta(p) {
            return e;
        }
        self.rollback(mark);
        let e = self.rest_end(p);
        self.branch(Rule::plain_item, p, e, &[(Rule::item_text, p, e)]);
        e
    }

    /// `kr_kw = @{ (^"key result" | ^"KR") ~ &(ASCII_DIGIT | ws | ":" | "(" |
    /// "*" | "_" | eol) }`
    fn kr_kw(&self, p: usize) -> Option<usize> {
        let q = self
            .insensitive(p, "key result")
            .or_else(|| self.insensitive(p, "kr"))?;
        let ok = self.eol(q)
            || matches!(self.at(q), Some(c) if c.is_ascii_digit() || matches!(c, b' ' | b'\t' | b':' | b'(' | b'*' | b'_'));
        ok.then_some(q)
    }

    /// `kr_item = ${ emph? ~ kr_kw ~ kr_number? ~ (ws+ ~ !label ~ id)? ~
    /// (ws* ~ label)? ~ ws* ~ emph? ~ ":" ~ emph? ~ ws* ~ item_text }`
    fn kr_item(&mut self, p: usize) -> Option<usize> {
        let k = self.emph(p);
        let mut q = self.kr_kw(k)?;
        let at = self.open(Rule::kr_item, p);
        self.leaf(Rule::kr_kw, k, q);
        // kr_number = @{ ASCII_DIGIT+ ~ ("." ~ ASCII_DIGIT+)* }
        if self.at(q).is_some_and(|c| c.is_ascii_digit()) {
            let n = q;
            q = self.digits(q);
            while self.at(q) == Some(b'.') && self.at(q + 1).is_some_and(|c| c.is_ascii_digit()) {
                q = self.digits(q + 1);
            }
            self.leaf(Rule::kr_number, n, q);
        }
        if let Some(i) = self.ws1(q) {
            // `!label` is implied: an id cannot start with `(`.
            if let Some(e) = self.id_end(i) {
                self.leaf(Rule::id, i, e);
                q = e;
            }
        }
        let l = self.ws0(q);
        if let Some((text_end, end)) = self.label_parts(l) {
            self.push_label(Rule::label, l, text_end, end);
            q = end;
        }
        q = self.emph(self.ws0(q));
        if self.at(q) != Some(b':') {
            return None;
        }
        let t = self.ws0(self.emph(q + 1));
        let e = self.rest_end(t);
        self.leaf(Rule::item_text, t, e);
        self.close(at, e);
        Some(e)
    }

    fn digits(&self, mut p: usize) -> usize {
        while self.at(p).is_some_and(|c| c.is_ascii_digit()) {
            p += 1;
        }
        p
    }

    /// `kr_bad = ${ emph? ~ kr_kw ~ rest }`
    fn kr_bad(&mut self, p: usize) -> Option<usize> {
        let k = self.emph(p);
        let q = self.kr_kw(k)?;
        let e = self.rest_end(q);
        self.branch(
            Rule::kr_bad,
            p,
            e,
            &[(Rule::kr_kw, k, q), (Rule::rest, q, e)],
        );
        Some(e)
    }

    /// `labeled_item = ${ label ~ ws+ ~ item_text }`
    fn labeled_item(&mut self, p: usize) -> Option<usize> {
        let (text_end, end) = self.label_parts(p)?;
        let t = self.ws1(end)?;
        let at = self.open(Rule::labeled_item, p);
        self.push_label(Rule::label, p, text_end, end);
        let e = self.rest_end(t);
        self.leaf(Rule::item_text, t, e);
        self.close(at, e);
        Some(e)
    }

    /// `item_meta = ${ emph? ~ meta_key ~ emph? ~ ":" ~ emph? ~ ws+ ~
    /// meta_value }`
    fn item_meta(&mut self, p: usize) -> Option<usize> {
        let (k, ke, v, e) = self.key_value(p)?;
        let kids = [(Rule::meta_key, k, ke), (Rule::meta_value, v, e)];
        self.branch(Rule::item_meta, p, e, &kids);
        Some(e)
    }

    /// `emph? ~ meta_key ~ emph? ~ ":" ~ emph? ~ ws+ ~ meta_value`: the key's
    /// range, and the value's (which runs to the end of the line).
    fn key_value(&self, p: usize) -> Option<(usize, usize, usize, usize)> {
        let k = self.emph(p);
        let ke = self.meta_key(k)?;
        let c = self.emph(ke);
        if self.at(c) != Some(b':') {
            return None;
        }
        let v = self.ws1(self.emph(c + 1))?;
        Some((k, ke, v, self.rest_end(v)))
    }

    /// `meta_key = @{ key_word ~ (" " ~ key_word){0, 2} }`
    fn meta_key(&self, p: usize) -> Option<usize> {
        let mut q = self.key_word(p)?;
        for _ in 0..2 {
            match self.literal(q, " ").and_then(|s| self.key_word(s)) {
                Some(e) => q = e,
                None => break,
            }
        }
        Some(q)
    }

    /// `key_word = @{ ALPHABETIC ~ (ALPHABETIC | NUMBER | "_" | "-")* }`
    fn key_word(&self, p: usize) -> Option<usize> {
        let c = self.ch(p).filter(|c| c.is_alphabetic())?;
        let mut q = p + c.len_utf8();
        while let Some(c) = self.ch(q) {
            if c.is_alphanumeric() || matches!(c, '_' | '-') {
                q += c.len_utf8();
            } else {
                break;
            }
        }
        Some(q)
    }

    // ---------------------------------------------------------- metadata

    /// `done_line = ${ indent ~ emph? ~ done_kw ~ ws* ~ emph? ~ ":" ~ emph? ~
    /// ws* ~ done_value }`
    fn done_line(&mut self, p: usize) -> Option<usize> {
        let i = self.ws0(p);
        let k = self.emph(i);
        // done_kw = @{ (^"definition of done" | ^"done") ~ &(ws | ":" | "*" | "_") }
        let ke = self
            .insensitive(k, "definition of done")
            .or_else(|| self.insensitive(k, "done"))?;
        if !matches!(self.at(ke), Some(b' ' | b'\t' | b':' | b'*' | b'_')) {
            return None;
        }
        let c = self.emph(self.ws0(ke));
        if self.at(c) != Some(b':') {
            return None;
        }
        let v = self.ws0(self.emph(c + 1));
        let e = self.rest_end(v);
        let kids = [
            (Rule::indent, p, i),
            (Rule::done_kw, k, ke),
            (Rule::done_value, v, e),
        ];
        self.branch(Rule::done_line, p, e, &kids);
        Some(e)
    }

    /// `meta_line = ${ indent ~ emph? ~ meta_key ~ emph? ~ ":" ~ emph? ~ ws+
    /// ~ meta_value ~ eol }`
    fn meta_line(&mut self, p: usize) -> Option<usize> {
        let i = self.ws0(p);
        let (k, ke, v, e) = self.key_value(i)?;
        let kids = [
            (Rule::indent, p, i),
            (Rule::meta_key, k, ke),
            (Rule::meta_value, v, e),
        ];
        self.branch(Rule::meta_line, p, e, &kids);
        Some(e)
    }

    // ---------------------------------------------------------- opaque blocks

    /// `fenced_code = ${ fence_open ~ (NEWLINE ~ !fence_close ~ rest)* ~
    /// (NEWLINE ~ fence_close)? ~ DROP }`
    fn fenced_code(&mut self, p: usize) -> Option<usize> {
        let f = self.ws0(p);
        let c = self.at(f).filter(|c| matches!(c, b'`' | b'~'))?;
        let mut fe = f;
        while self.at(fe) == Some(c) {
            fe += 1;
        }
        if fe - f < 3 {
            return None;
        }
        let fence = &self.b[f..fe];
        let mut end = self.rest_end(fe);
        while let Some(line) = self.newline(end) {
            if let Some(close) = self.fence_close(line, fence) {
                end = close;
                break;
            }
            end = self.rest_end(line);
        }
        self.leaf(Rule::fenced_code, p, end);
        Some(end)
    }

    /// `fence_close = _{ ws* ~ PEEK ~ ("`" | "~")* ~ ws* ~ eol }`
    fn fence_close(&self, p: usize, fence: &[u8]) -> Option<usize> {
        let q = self.ws0(p);
        if !self.b[q..].starts_with(fence) {
            return None;
        }
        let mut q = q + fence.len();
        while matches!(self.at(q), Some(b'`' | b'~')) {
            q += 1;
        }
        let q = self.ws0(q);
        self.eol(q).then_some(q)
    }

    /// `suppression = ${ indent ~ "<!--" ~ ws* ~ directive ~ (ws+ ~
    /// rule_list)? ~ ws* ~ "-->" ~ ws* ~ eol }`
    fn suppression(&mut self, p: usize) -> Option<usize> {
        let i = self.ws0(p);
        let d = self.ws0(self.literal(i, "<!--")?);
        // directive = @{ ^"okr-lint-" ~ (ASCII_ALPHA | "-" ~ !">")+ }
        let mut de = self.insensitive(d, "okr-lint-")?;
        let body = de;
        loop {
            match self.at(de) {
                Some(c) if c.is_ascii_alphabetic() => de += 1,
                Some(b'-') if self.at(de + 1) != Some(b'>') => de += 1,
                _ => break,
            }
        }
        if de == body {
            return None;
        }
        let at = self.open(Rule::suppression, p);
        self.leaf(Rule::indent, p, i);
        self.leaf(Rule::directive, d, de);
        let mut q = de;
        if let Some(r) = self.ws1(q) {
            let mark = self.nodes.len();
            match self.rule_list(r) {
                Some(e) => q = e,
                None => self.rollback(mark),
            }
        }
        let q = self.ws0(q);
        let q = self.ws0(self.literal(q, "-->")?);
        if !self.eol(q) {
            return None;
        }
        self.close(at, q);
        Some(q)
    }

    /// `rule_list = ${ rule_ref ~ ((ws* ~ "," ~ ws* | ws+) ~ rule_ref)* ~
    /// (ws* ~ ",")? }`
    fn rule_list(&mut self, p: usize) -> Option<usize> {
        let e = self.rule_ref(p)?;
        let at = self.open(Rule::rule_list, p);
        self.leaf(Rule::rule_ref, p, e);
        let mut q = e;
        loop {
            let w = self.ws0(q);
            let sep = if self.at(w) == Some(b',') {
                Some(self.ws0(w + 1))
            } else {
                self.ws1(q)
            };
            match sep.and_then(|s| self.rule_ref(s).map(|e| (s, e))) {
                Some((s, e)) => {
                    self.leaf(Rule::rule_ref, s, e);
                    q = e;
                }
                None => break,
            }
        }
        let w = self.ws0(q);
        if self.at(w) == Some(b',') {
            q = w + 1;
        }
        self.close(at, q);
        Some(q)
    }

    /// `rule_ref = @{ (ASCII_ALPHANUMERIC | "_") ~ (ASCII_ALPHANUMERIC | "_" |
    /// "-" ~ !"->")* }`
    fn rule_ref(&self, p: usize) -> Option<usize> {
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        if !self.at(p).is_some_and(word) {
            return None;
        }
        let mut q = p + 1;
        loop {
            match self.at(q) {
                Some(c) if word(c) => q += 1,
                Some(b'-') if !self.b[q + 1..].starts_with(b"->") => q += 1,
                _ => return Some(q),
            }
        }
    }

    /// `html_comment = ${ indent ~ "<!--" ~ comment_body ~ ("-->" ~ rest)? }`
    fn html_comment(&mut self, p: usize) -> Option<usize> {
        let body = self.literal(self.ws0(p), "<!--")?;
        let end = match find(&self.b[body..], b"-->") {
            Some(n) => self.rest_end(body + n + 3),
            None => self.b.len(),
        };
        self.leaf(Rule::html_comment, p, end);
        Some(end)
    }

    /// `html_block = ${ " "{0, 3} ~ "<" ~ "/"? ~ ASCII_ALPHA ~ rest ~
    /// (NEWLINE ~ !blank ~ rest)* }`
    fn html_block(&mut self, p: usize) -> Option<usize> {
        let mut q = self.literal(self.up_to_3_spaces(p), "<")?;
        if self.at(q) == Some(b'/') {
            q += 1;
        }
        if !self.at(q).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut end = self.rest_end(q);
        while let Some(line) = self.newline(end) {
            if self.eol(self.ws0(line)) {
                break;
            }
            end = self.rest_end(line);
        }
        self.leaf(Rule::html_block, p, end);
        Some(end)
    }
}

/// Where `needle` first occurs in `hay`. A plain loop: the inputs are short,
/// and `str`'s substring search (Two-Way) costs 2.6 KB of WASM.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
