//! What the workspace rules need to know about a file, kept after the file's
//! text, tree and statement analysis are dropped.
//!
//! Linting is split in two: each file is parsed, analysed and checked by the
//! per-file rules on its own (in parallel in the CLI), leaving a
//! [`FileSummary`]; the workspace rules (`duplicate-id`, `unknown-parent`,
//! `missing-phase-label`, `phase-drift`, `overlapping-krs`) then run over
//! the summaries of all files. A summary holds IDs, parents, quarters, the
//! objective statements and each KR's content words, so the memory a run
//! keeps grows with those, not with the whole tree of every file.

use crate::analysis::{Token, TokenKind};
use crate::ast::{Field, Objective, Quarter, QuarterRange};
use crate::config::Config;
use crate::linter::RuleMap;
use crate::rule::LintFile;
use crate::span::Span;
use crate::words::Lexicons;
use std::collections::HashMap;

/// One file, as the workspace rules see it.
///
/// Kept for every file until the workspace rules are done, so it is laid
/// out flat: the KRs of all objectives in one slice, their words in another
/// and every ID and statement in one string, each allocated at its
/// exact size. A summary is a handful of allocations however many
/// objectives the file has (it was four per KR; on a 100 MB workspace the
/// summaries took 250 MB, much of it the allocator's pages left partly
/// used once each file's tree was freed around them).
#[derive(Debug, Clone)]
pub struct FileSummary {
    pub path: String,
    /// The teams its objectives name, as written, each once.
    pub teams: Vec<String>,
    pub objectives: Vec<ObjectiveSummary>,
    /// The KRs a workspace rule can report on, objective after objective:
    /// those with an ID, and those long enough for `overlapping-krs`.
    key_results: Box<[KrSummary]>,
    /// Every kept KR's content words, KR after KR.
    words: Box<[u64]>,
    /// IDs, parents and statements, one after another.
    text: Box<str>,
}

/// A piece of one of a [`FileSummary`]'s slices: start and length.
///
/// 32 bits each: a piece starting beyond 4 GiB is stored empty (see
/// [`Builder::text`]), which only a single file of several GiB could need;
/// a run holds many times a file's size in memory, so no such file is
/// linted in practice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Piece(u32, u32);

impl Piece {
    fn range(self) -> std::ops::Range<usize> {
        self.0 as usize..self.0 as usize + self.1 as usize
    }
}

/// A [`Span`] in 24 bytes instead of 32 (byte offsets in 32 bits): summaries
/// keep three or four per objective and KR for the whole run (16 MB of the
/// 100 MB corpus's summaries). An offset beyond 4 GiB is kept as the
/// largest 32-bit value; no file that large is linted in practice (see
/// [`Piece`]), and lines and columns are 32-bit in every [`Span`] anyway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct At {
    start: u32,
    end: u32,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

/// A byte offset in 32 bits (see [`At`]).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl At {
    fn of(s: Span) -> At {
        At {
            start: offset(s.start),
            end: offset(s.end),
            line: s.line,
            column: s.column,
            end_line: s.end_line,
            end_column: s.end_column,
        }
    }

    /// The span.
    pub fn get(self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
        }
    }
}

/// An ID (of an objective or a KR, or a `Parent:`) in a summary: where it
/// is written, and its text in [`FileSummary`] (see [`FileSummary::text`]).
#[derive(Debug, Clone, Copy)]
pub struct IdAt {
    pub span: At,
    /// The [`fingerprint`] of the ID in lower case: what the workspace rules
    /// group and look IDs up by, computed here, file by file (in parallel in
    /// the CLI), rather than by folding and hashing each ID's text again in
    /// every rule. Equal for IDs that differ only in case; rules that act on
    /// a match confirm it with [`same_id`].
    pub key: u64,
    text: Piece,
}

/// `a` and `b` are the same ID, ignoring case (as [`IdAt::key`] does).
pub fn same_id(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        crate::case::fold(a) == crate::case::fold(b)
    }
}

/// A map keyed by [`IdAt::key`]s (already well-mixed hashes: used as they
/// are).
pub(crate) type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<Prehashed>>;

/// Groups by a 64-bit key, in the order keys were first seen: a
/// [`KeyMap`] to an index into a vector, so every use shares one map type
/// (each new map type costs a few hundred bytes in the WASM package).
pub(crate) struct Grouped<T> {
    pub(crate) index: KeyMap<u32>,
    pub groups: Vec<T>,
}

impl<T> Grouped<T> {
    pub fn new() -> Self {
        Grouped {
            index: KeyMap::default(),
            groups: Vec::new(),
        }
    }

    /// The index and group of `key`, made by `new` when the key is first
    /// seen.
    pub fn entry(&mut self, key: u64, new: impl FnOnce() -> T) -> (usize, &mut T) {
        let next = self.groups.len() as u32;
        let g = *self.index.entry(key).or_insert(next) as usize;
        if g == self.groups.len() {
            self.groups.push(new());
        }
        (g, &mut self.groups[g])
    }

    pub fn get(&self, key: u64) -> Option<&T> {
        self.groups.get(*self.index.get(&key)? as usize)
    }
}

/// The hasher of [`KeyMap`]: a `u64` key is its own hash.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// One objective, as the workspace rules see it.
#[derive(Debug, Clone)]
pub struct ObjectiveSummary {
    /// Where the heading line starts (what findings about the objective
    /// anchor to; see [`ObjectiveSummary::anchor`]). An offset, not a span:
    /// nothing else of the line is used.
    anchor: u32,
    pub id: Option<IdAt>,
    pub parent: Option<IdAt>,
    /// Index of the enclosing section in its file.
    pub section: Option<usize>,
    /// The owning team, an index into [`FileSummary::teams`].
    pub team: Option<u32>,
    pub quarter: Option<Quarter>,
    /// `Spans:` when it covers more than one quarter.
    pub spans: Option<QuarterRange>,
    /// Where the statement (without its phase label) is.
    pub statement_span: At,
    pub statement_is_empty: bool,
    pub has_phase: bool,
    /// The statement as written (for `phase-drift`, only filled when the
    /// objective has an ID and a quarter).
    statement: Piece,
    /// The [`fingerprint`] of the statement's words in lower case without
    /// punctuation and articles, separated by spaces: `phase-drift` only
    /// asks whether two wordings are the same, so only this is kept, not
    /// their text. Two different
    /// wordings share one with a probability of about 2^-64, which could
    /// hide a drift, never invent one. 0 unless the statement is kept.
    pub wording: u64,
    /// Its kept KRs in [`FileSummary`]'s.
    key_results: Piece,
}

/// One key result, as the workspace rules see it.
#[derive(Debug, Clone, Copy)]
pub struct KrSummary {
    /// Where the item line starts (what findings about the KR anchor to).
    anchor: u32,
    pub statement_span: At,
    pub id: Option<IdAt>,
    /// Fingerprints of the content words (stop words dropped, light
    /// stemming; see [`fingerprint`]), for `overlapping-krs`; only filled
    /// when the objective names a team.
    words: Piece,
}

impl ObjectiveSummary {
    /// Where the objective's heading line starts: the anchor of findings
    /// about it.
    pub fn anchor(&self) -> usize {
        self.anchor as usize
    }
}

impl KrSummary {
    /// Where the KR's item line starts: the anchor of findings about it.
    pub fn anchor(&self) -> usize {
        self.anchor as usize
    }
}

impl FileSummary {
    /// Summarize a parsed file.
    pub fn of(file: &LintFile) -> FileSummary {
        // The builder's vectors are kept from file to file on each thread
        // (the browser build, with its size budget and one document at a
        // time, makes a new one): built afresh, each file allocated and
        // grew three vectors only to copy them (1.5% of a run on 100 MB).
        #[cfg(not(target_arch = "wasm32"))]
        {
            thread_local! {
                static SCRATCH: std::cell::RefCell<Builder> = std::cell::RefCell::default();
            }
            SCRATCH.with(|b| match b.try_borrow_mut() {
                Ok(mut b) => {
                    b.clear();
                    let summary = FileSummary::of_with(file, &mut b);
                    b.clear();
                    summary
                }
                Err(_) => FileSummary::of_with(file, &mut Builder::default()),
            })
        }
        #[cfg(target_arch = "wasm32")]
        FileSummary::of_with(file, &mut Builder::default())
    }

    fn of_with(file: &LintFile, b: &mut Builder) -> FileSummary {
        let mut teams: Vec<String> = Vec::new();
        let mut team_index: HashMap<&str, usize> = HashMap::new();
        let objs = &file.document.objectives;
        let mut objectives = Vec::with_capacity(objs.len());
        for (i, o) in file.document.objectives.iter().enumerate() {
            let team = o.team.as_ref().map(|t| {
                *team_index.entry(t.value.as_str()).or_insert_with(|| {
                    teams.push(t.value.clone());
                    teams.len() - 1
                }) as u32
            });
            let tokens = &file.objective_facts[i].tokens;
            objectives.push(b.objective(o, team, tokens, &file.kr_facts[i]));
        }
        FileSummary {
            path: file.path.to_string(),
            teams,
            objectives,
            // Copied to allocations of their exact size: a vector grown by
            // doubling keeps up to as much unused capacity as it holds, and
            // summaries are kept for the whole run.
            key_results: b.key_results.to_vec().into_boxed_slice(),
            words: b.words.to_vec().into_boxed_slice(),
            text: b.text.as_str().into(),
        }
    }

    /// The text of an ID of this file's summary.
    pub fn text(&self, id: &IdAt) -> &str {
        self.piece(id.text)
    }

    fn piece(&self, p: Piece) -> &str {
        self.text.get(p.range()).unwrap_or_default()
    }

    /// An objective's statement as written (empty unless it has an ID and a
    /// quarter).
    pub fn statement(&self, o: &ObjectiveSummary) -> &str {
        self.text.get(o.statement.range()).unwrap_or_default()
    }

    /// An objective's kept KRs.
    pub fn key_results(&self, o: &ObjectiveSummary) -> &[KrSummary] {
        self.key_results
            .get(o.key_results.range())
            .unwrap_or_default()
    }

    /// Every kept KR of the file.
    pub fn all_key_results(&self) -> &[KrSummary] {
        &self.key_results
    }

    /// A KR's content word fingerprints.
    pub fn words(&self, k: &KrSummary) -> &[u64] {
        self.words.get(k.words.range()).unwrap_or_default()
    }

    /// The word fingerprints of every kept KR, one KR's after another.
    pub fn all_words(&self) -> &[u64] {
        &self.words
    }

    /// Forget all but the path (the workspace rules are done with it).
    pub(crate) fn clear(&mut self) {
        self.teams = Vec::new();
        self.objectives = Vec::new();
        self.key_results = Box::default();
        self.words = Box::default();
        self.text = Box::default();
    }
}

/// The flat parts of a [`FileSummary`] while it is built.
#[derive(Default)]
struct Builder {
    key_results: Vec<KrSummary>,
    words: Vec<u64>,
    text: String,
}

impl Builder {
    /// Empty (after a file, and before one: a panic may have left one
    /// half built). Room a large file needed is given back (past 64 KB a
    /// vector): the thread would keep it for the whole run.
    #[cfg(not(target_arch = "wasm32"))]
    fn clear(&mut self) {
        const KEEP: usize = 64 * 1024;
        if self.key_results.capacity() * std::mem::size_of::<KrSummary>() > KEEP {
            self.key_results = Vec::new();
        }
        if self.words.capacity() * 8 > KEEP {
            self.words = Vec::new();
        }
        if self.text.capacity() > KEEP {
            self.text = String::new();
        }
        self.key_results.clear();
        self.words.clear();
        self.text.clear();
    }
}

/// The piece from `start` to `end`, or an empty one if either is beyond
/// 4 GiB.
fn piece(start: usize, end: usize) -> Piece {
    match (u32::try_from(start), u32::try_from(end)) {
        (Ok(a), Ok(b)) => Piece(a, b - a),
        _ => Piece::default(),
    }
}

impl Builder {
    /// Add `s` to the text.
    fn text(&mut self, s: &str) -> Piece {
        let start = self.text.len();
        self.text.push_str(s);
        self.text_from(start)
    }

    /// The text added since `start`; dropped and stored empty if it would
    /// start or end beyond 4 GiB.
    fn text_from(&mut self, start: usize) -> Piece {
        let p = piece(start, self.text.len());
        if p == Piece::default() {
            self.text.truncate(start);
        }
        p
    }

    fn id(&mut self, id: &Field<String>) -> IdAt {
        IdAt {
            span: At::of(id.span),
            key: fingerprint(&crate::case::fold_small(&id.value)),
            text: self.text(&id.value),
        }
    }

    fn objective(
        &mut self,
        o: &Objective,
        team: Option<u32>,
        tokens: &[Token],
        krs: &[crate::analysis::Facts],
    ) -> ObjectiveSummary {
        let grouped = o.id.is_some() && o.quarter.is_some();
        let (statement, wording) = if grouped {
            let statement = self.text(&o.statement.value);
            // Written after the text to hash it, then taken back.
            let start = self.text.len();
            for t in tokens {
                if t.kind == TokenKind::Punct || matches!(t.lower.as_str(), "a" | "an" | "the") {
                    continue;
                }
                if self.text.len() > start {
                    self.text.push(' ');
                }
                self.text.push_str(&t.lower);
            }
            let wording = fingerprint(&self.text[start..]);
            self.text.truncate(start);
            (statement, wording)
        } else {
            (Piece::default(), 0)
        };
        let first_kr = self.key_results.len();
        for (k, facts) in o.key_results.iter().zip(krs) {
            let from = self.words.len();
            if team.is_some() {
                self.words.extend(content_words(&facts.tokens));
            }
            let n = self.words.len() - from;
            let words = piece(from, self.words.len());
            if k.id.is_none() && n < crate::rules::overlapping_krs::MIN_WORDS {
                self.words.truncate(from);
                continue;
            }
            let id = k.id.as_ref().map(|id| self.id(id));
            self.key_results.push(KrSummary {
                anchor: offset(k.span.start),
                statement_span: At::of(k.statement.span),
                id,
                words,
            });
        }
        ObjectiveSummary {
            anchor: offset(o.span.start),
            id: o.id.as_ref().map(|id| self.id(id)),
            parent: o.parent.as_ref().map(|p| self.id(p)),
            section: o.section,
            team,
            quarter: o.quarter.as_ref().map(|q| q.value),
            spans: o
                .spans
                .as_ref()
                .map(|s| s.value)
                .filter(QuarterRange::is_multi_quarter),
            statement_span: At::of(o.statement.span),
            statement_is_empty: o.statement.value.is_empty(),
            has_phase: o.phase.is_some(),
            statement,
            wording,
            key_results: piece(first_kr, self.key_results.len()),
        }
    }
}

/// A word as 64 bits: FNV-1a, then the SplitMix64 finalizer so that every
/// bit depends on every byte. Two different words collide with probability
/// about 2^-64 per pair, which at worst adds one shared word to a
/// similarity score; in exchange the workspace keeps 8 bytes per word and
/// compares integers.
pub fn fingerprint(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Defines the stop words once, as a list and as a `matches!` test: the
/// browser build tests words with the latter (the list's `contains` cost 80
/// gzipped bytes there).
macro_rules! stop_words {
    ($($w:literal),* $(,)?) => {
        /// Words `overlapping-krs` does not compare: too common to tell two
        /// KRs apart. All are in the vocabulary (see
        /// [`crate::words::vocabulary`]), so a word it does not list is
        /// never one of them.
        #[cfg(not(target_arch = "wasm32"))]
        pub(crate) const STOP_WORDS: &[&str] = &[$($w),*];

        fn is_stop_word(w: &str) -> bool {
            matches!(w, $($w)|*)
        }
    };
}

stop_words!(
    "the", "and", "for", "with", "from", "into", "onto", "our", "their", "its", "all", "by", "to",
    "of", "in", "on", "at", "as", "a", "an", "or", "be", "is", "are", "that", "this", "so", "per",
    "end", "q1", "q2", "q3", "q4", "than", "less", "more", "least", "each", "every", "new",
);

/// The fingerprint `overlapping-krs` compares for a word in lower case, or
/// `None` for a stop word.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn content_fingerprint(w: &str) -> Option<u64> {
    (!is_stop_word(w)).then(|| fingerprint(stem(w)))
}

/// `w` without `-ing`, `-ed` or a plural `-s` when it is long enough to
/// have them.
fn stem(w: &str) -> &str {
    let w = w.strip_suffix("ing").filter(|s| s.len() > 3).unwrap_or(w);
    let w = w.strip_suffix("ed").filter(|s| s.len() > 3).unwrap_or(w);
    w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w)
}

/// The [`content_fingerprint`]s of a statement's words (punctuation left
/// out). A word of the vocabulary has its fingerprint worked out already
/// (callgrind, 1 MB corpus: the summaries 13.6 M -> 11.1 M instructions);
/// only the others are stemmed and hashed here.
#[cfg(not(target_arch = "wasm32"))]
fn content_words(tokens: &[Token]) -> impl Iterator<Item = u64> + '_ {
    let vocab = crate::words::vocabulary();
    tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .filter_map(move |t| match t.word {
            // Every stop word is listed: an unlisted word is never one.
            crate::words::UNLISTED => Some(fingerprint(stem(&t.lower))),
            n => vocab.content_fingerprint(n),
        })
}

/// [`content_words`] for the WASM package, where looking words up in the
/// vocabulary's fingerprints cost 140-260 gzipped bytes.
#[cfg(target_arch = "wasm32")]
fn content_words(tokens: &[Token]) -> impl Iterator<Item = u64> + '_ {
    tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct && !is_stop_word(&t.lower))
        .map(|t| fingerprint(stem(&t.lower)))
}

/// Every file's summary: what the workspace rules check.
pub struct Summaries<'a> {
    pub files: Vec<FileSummary>,
    pub config: &'a Config,
    pub lexicons: &'a Lexicons,
    /// The caller's map ([`crate::linter::RuleMap`]), for a rule that splits
    /// its own work into independent parts.
    pub map: &'a RuleMap<'a>,
    /// See [`Summaries::id_groups`].
    id_groups: IdGroups,
}

/// The objectives of the workspace grouped by ID, ignoring case: what
/// `unknown-parent`, `missing-phase-label` and `phase-drift` each built for
/// themselves. Built once, with the summaries: on a large workspace each
/// build cost about as much as the rest of its rule, since reading an ID's
/// text is a cache miss (100 MB benchmark: 100-120 ms for each of the three
/// rules before, 180-200 ms for all three now). Built whether or not those
/// rules are on (a `OnceLock` to build it on first use cost 1.5 KB in the
/// WASM package).
///
/// A group is the objectives whose ID is the same as the first one seen
/// with its [`IdAt::key`]. An objective whose key is taken by a different ID
/// (a 64-bit hash collision) belongs to no group: compared with nothing, so
/// a collision can hide a finding but never invent one.
pub struct IdGroups {
    /// Each group's ID as first written: its file and where its text is
    /// (one read for [`IdGroups::id`], not four dependent cache misses).
    first: Grouped<(u32, Piece)>,
    /// The objectives of group `g`, first seen first:
    /// `members[starts[g]..starts[g + 1]]`, each as (file, objective index).
    members: Vec<(u32, u32)>,
    starts: Vec<u32>,
}

impl IdGroups {
    const NONE: u32 = u32::MAX;

    fn build(files: &[FileSummary]) -> IdGroups {
        let mut first: Grouped<(u32, Piece)> = Grouped::new();
        let mut count: Vec<u32> = Vec::new();
        // The group of each objective, in order, or NONE.
        let mut of = Vec::with_capacity(files.iter().map(|f| f.objectives.len()).sum());
        for o in objectives(files) {
            let Some(id) = &o.objective.id else {
                of.push(Self::NONE);
                continue;
            };
            let (g, &mut (f, first_text)) = first.entry(id.key, || (o.file as u32, id.text));
            if g == count.len() {
                count.push(0);
            } else if !same_id(files[f as usize].piece(first_text), files[o.file].text(id)) {
                of.push(Self::NONE);
                continue;
            }
            count[g] += 1;
            of.push(g as u32);
        }
        // Members laid out group after group (a counting sort), each group
        // in the order seen.
        let mut starts = Vec::with_capacity(count.len() + 1);
        let mut total = 0u32;
        for c in &mut count {
            starts.push(total);
            (total, *c) = (total + *c, total);
        }
        starts.push(total);
        let mut members = vec![(0, 0); total as usize];
        let mut group = of.iter();
        for (f, file) in files.iter().enumerate() {
            for i in 0..file.objectives.len() {
                let g = *group.next().unwrap_or(&Self::NONE);
                if g != Self::NONE {
                    members[count[g as usize] as usize] = (f as u32, i as u32);
                    count[g as usize] += 1;
                }
            }
        }
        IdGroups {
            first,
            members,
            starts,
        }
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of objectives in group `g`.
    pub fn size(&self, g: usize) -> usize {
        (self.starts[g + 1] - self.starts[g]) as usize
    }

    /// Whether some objective's ID has this key.
    pub fn has_key(&self, key: u64) -> bool {
        self.first.get(key).is_some()
    }

    /// The objectives of group `g`, first seen first.
    pub fn members<'w>(
        &self,
        ws: &'w Summaries,
        g: usize,
    ) -> impl Iterator<Item = ObjectiveAt<'w>> + use<'w, '_> {
        let range = self.starts[g] as usize..self.starts[g + 1] as usize;
        self.members[range].iter().map(move |&(f, i)| ObjectiveAt {
            file: f as usize,
            objective: &ws.files[f as usize].objectives[i as usize],
        })
    }

    /// The ID of group `g` as first written.
    pub fn id<'w>(&self, ws: &'w Summaries, g: usize) -> &'w str {
        let (f, text) = self.first.groups[g];
        ws.files[f as usize].piece(text)
    }
}

/// Every objective of `files`, in file then source order.
fn objectives(files: &[FileSummary]) -> impl Iterator<Item = ObjectiveAt<'_>> {
    files.iter().enumerate().flat_map(|(file, f)| {
        f.objectives
            .iter()
            .map(move |objective| ObjectiveAt { file, objective })
    })
}

/// An objective summary with the index of its file.
#[derive(Clone, Copy)]
pub struct ObjectiveAt<'w> {
    pub file: usize,
    pub objective: &'w ObjectiveSummary,
}

impl<'a> Summaries<'a> {
    pub fn new(
        files: Vec<FileSummary>,
        config: &'a Config,
        lexicons: &'a Lexicons,
        map: &'a RuleMap<'a>,
    ) -> Self {
        Summaries {
            id_groups: IdGroups::build(&files),
            files,
            config,
            lexicons,
            map,
        }
    }

    /// The objectives grouped by ID.
    pub fn id_groups(&self) -> &IdGroups {
        &self.id_groups
    }

    /// Every objective of every file, in file then source order.
    pub fn objectives(&self) -> impl Iterator<Item = ObjectiveAt<'_>> {
        objectives(&self.files)
    }

    pub fn path(&self, file: usize) -> &str {
        &self.files[file].path
    }

    /// Team `team` of `file` (an [`ObjectiveSummary::team`]), as written.
    pub fn team(&self, file: usize, team: u32) -> Option<&str> {
        self.files[file]
            .teams
            .get(team as usize)
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Linter};

    #[test]
    fn vocabulary_fingerprints_are_the_computed_ones() {
        // Every default list entry (all in the vocabulary) and a few words
        // outside it, stop words among them.
        let mut text: Vec<String> = crate::words::WORD_LISTS
            .iter()
            .flat_map(|spec| spec.defaults.iter().map(|e| e.to_string()))
            .collect();
        text.push("The Frobnicated widgets, for the teams: running and tested".into());
        for t in &text {
            let tokens = crate::analysis::tokenize(t, 0);
            let computed: Vec<u64> = tokens
                .iter()
                .filter(|t| t.kind != TokenKind::Punct && !is_stop_word(&t.lower))
                .map(|t| fingerprint(stem(&t.lower)))
                .collect();
            assert_eq!(content_words(&tokens).collect::<Vec<_>>(), computed, "{t}");
        }
    }

    #[test]
    fn every_stop_word_is_listed() {
        // `content_words` takes an unlisted word for a content word.
        for w in STOP_WORDS {
            let tokens = crate::analysis::tokenize(w, 0);
            assert_eq!(tokens.len(), 1, "{w}");
            assert_ne!(tokens[0].word, crate::words::UNLISTED, "{w}");
            assert_eq!(content_words(&tokens).count(), 0, "{w}");
        }
    }

    #[test]
    fn summaries_stay_small() {
        // Kept for every objective and KR of a workspace for the whole run
        // (100 MB benchmark: 680,000 KRs). Print with --nocapture.
        let sizes = (
            std::mem::size_of::<KrSummary>(),
            std::mem::size_of::<ObjectiveSummary>(),
        );
        println!("KrSummary, ObjectiveSummary: {sizes:?}");
        assert!(sizes.0 <= 88 && sizes.1 <= 200, "{sizes:?}");
    }

    #[test]
    fn pieces_beyond_four_gib_are_empty() {
        assert_eq!(piece(3, 8), Piece(3, 5));
        let four_gib = u32::MAX as usize + 1;
        assert_eq!(piece(four_gib, four_gib + 2), Piece::default());
        assert_eq!(piece(10, four_gib), Piece::default());
        assert_eq!(Piece(3, 5).range(), 3..8);
    }

    #[test]
    fn a_summary_gives_back_what_it_was_made_of() {
        let linter = Linter::new(&Config::default()).unwrap();
        let src = "Team: Growth\nQuarter: Q2 2026\n\n\
                   ## Objective GRO-1: Make the onboarding flow a delight\n\n\
                   Parent: CO-1\n\n\
                   - KR GRO-1.1: Reduce time to first dashboard from 9 minutes to 3 minutes\n\
                   - KR2: Ship it\n\
                   - KR: Raise weekly activation of invited teammates from 20% to 35%\n\n\
                   ## Objective: Without an ID\n\n\
                   - KR GRO-2.1: Ship it\n";
        let s = FileSummary::of(&linter.prepare("a.okr.md", src));
        assert_eq!(s.teams, ["Growth"]);
        let [o, p] = &s.objectives[..] else {
            panic!("two objectives")
        };
        assert_eq!(s.text(o.id.as_ref().unwrap()), "GRO-1");
        assert_eq!(s.text(o.parent.as_ref().unwrap()), "CO-1");
        assert_eq!(s.statement(o), "Make the onboarding flow a delight");
        assert_eq!(o.wording, fingerprint("make onboarding flow delight"));
        // The short KR without an ID is left out; the others keep their
        // order, IDs and words.
        let krs = s.key_results(o);
        assert_eq!(krs.len(), 2);
        assert_eq!(s.text(krs[0].id.as_ref().unwrap()), "GRO-1.1");
        assert!(krs[1].id.is_none());
        let words = |k: &KrSummary| s.words(k).to_vec();
        let expected: Vec<u64> = [
            "reduce",
            "time",
            "first",
            "dashboard",
            "9",
            "minute",
            "3",
            "minute",
        ]
        .into_iter()
        .map(fingerprint)
        .collect();
        assert_eq!(words(&krs[0]), expected);
        // Only grouped objectives (ID and quarter) keep their text; the
        // second has a quarter but no ID.
        assert_eq!((s.statement(p), p.wording), ("", 0));
        assert_eq!(s.key_results(p).len(), 1);
        assert_eq!(s.text(s.key_results(p)[0].id.as_ref().unwrap()), "GRO-2.1");
        assert_eq!(s.all_key_results().len(), 3);
    }

    #[test]
    fn id_groups_gather_one_id_across_files_ignoring_case_and_leave_collisions_out() {
        let files = [
            "Quarter: Q1 2026\n\n## Objective A-1: One\n\n## Objective B-1: Two\n",
            "Quarter: Q2 2026\n\n## Objective a-1: One\n\n## Objective: No ID\n\n\
             ## Objective C-1: Three\n",
        ];
        // Each group's objectives as (file, line).
        let grouped = |ws: &Summaries| -> Vec<Vec<(usize, u32)>> {
            let g = ws.id_groups();
            (0..g.len())
                .map(|k| {
                    g.members(ws, k)
                        .map(|o| (o.file, o.objective.statement_span.get().line))
                        .collect()
                })
                .collect()
        };
        with_workspace(
            &files,
            |_| {},
            |ws| {
                assert_eq!(
                    grouped(ws),
                    [vec![(0, 3), (1, 3)], vec![(0, 5)], vec![(1, 7)]]
                );
                let g = ws.id_groups();
                assert_eq!(
                    (g.id(ws, 0), g.id(ws, 2), g.size(0), g.size(1)),
                    ("A-1", "C-1", 2, 1)
                );
                let key = |f: usize, i: usize| ws.files[f].objectives[i].id.unwrap().key;
                assert!(g.has_key(key(1, 0)) && !g.has_key(!key(0, 0)));
            },
        );
        // C-1 given A-1's key, as a collision would: in no group, and not
        // taken for A-1.
        let collide = |s: &mut [FileSummary]| {
            let a = s[0].objectives[0].id.unwrap().key;
            s[1].objectives[2].id.as_mut().unwrap().key = a;
        };
        with_workspace(&files, collide, |ws| {
            assert_eq!(grouped(ws), [vec![(0, 3), (1, 3)], vec![(0, 5)]]);
        });
    }

    /// Findings of workspace rule `rule` on `files`, whose IDs' keys are
    /// first changed by `forge`.
    fn findings(
        rule: &dyn crate::rule::Rule,
        files: &[&str],
        forge: impl Fn(&mut FileSummary),
    ) -> Vec<String> {
        with_workspace(
            files,
            |s| s.iter_mut().for_each(&forge),
            |ws| {
                let mut out = crate::rule::Reporter::new(rule.meta());
                rule.check_workspace(ws, &mut out);
                out.out.into_iter().map(|(_, d)| d.message).collect()
            },
        )
    }

    /// `check` on the summaries of `files`, first changed by `forge`.
    fn with_workspace<R>(
        files: &[&str],
        forge: impl FnOnce(&mut [FileSummary]),
        check: impl FnOnce(&Summaries) -> R,
    ) -> R {
        let config = Config::default();
        let linter = Linter::new(&config).unwrap();
        let map = |n: usize, f: &(dyn Fn(usize) -> Vec<(usize, crate::Diagnostic)> + Sync)| {
            (0..n).map(f).collect()
        };
        let mut summaries: Vec<FileSummary> = files
            .iter()
            .enumerate()
            .map(|(i, src)| FileSummary::of(&linter.prepare(&format!("{i}.okr.md"), src)))
            .collect();
        forge(&mut summaries);
        check(&Summaries::new(summaries, &config, linter.lexicons(), &map))
    }

    /// Give every ID and parent one key: as if all their 64-bit
    /// fingerprints collided.
    fn collide(s: &mut FileSummary) {
        for o in &mut s.objectives {
            for id in [&mut o.id, &mut o.parent].into_iter().flatten() {
                id.key = 42;
            }
        }
    }

    #[test]
    fn ids_with_the_same_key_are_not_taken_for_one_another() {
        use crate::rules::unknown_parent::UnknownParent;
        use crate::rules::{missing_phase_label::MissingPhaseLabel, phase_drift::PhaseDrift};
        let q1 = "Quarter: Q1 2026\n\n## Objective PLAT-1: Migrate the monolith (Phase one)\n";
        let q2 = "Quarter: Q2 2026\n\n## Objective PLAT-2: Launch the partner portal\n\n\
                  ## Objective PLAT-3: Hire five engineers\n\nParent: PLAT-9\n";
        let none = |_: &mut FileSummary| {};
        // Keys as computed: different IDs, nothing to report but the
        // missing parent.
        assert!(findings(&PhaseDrift, &[q1, q2], none).is_empty());
        assert!(findings(&MissingPhaseLabel, &[q1, q2], none).is_empty());
        assert_eq!(
            findings(&UnknownParent, &[q1, q2], none),
            ["parent objective `PLAT-9` does not exist"]
        );
        // Every key equal. phase-drift and missing-phase-label confirm the
        // IDs and stay silent; unknown-parent takes the parent for defined
        // (a finding hidden, never one invented).
        assert!(findings(&PhaseDrift, &[q1, q2], collide).is_empty());
        assert!(findings(&MissingPhaseLabel, &[q1, q2], collide).is_empty());
        assert!(findings(&UnknownParent, &[q1, q2], collide).is_empty());
        // The same ID in two quarters is still one ID.
        let q2_same = "Quarter: Q2 2026\n\n## Objective plat-1: Migrate the monolith to services\n";
        assert_eq!(
            findings(&PhaseDrift, &[q1, q2_same], none),
            ["objective plat-1 is worded differently in Q2 2026 than in Q1 2026"]
        );
        assert!(same_id("plat-1", "PLAT-1") && same_id("ÉTÉ-1", "été-1"));
        assert!(!same_id("PLAT-1", "PLAT-2"));
    }
}
