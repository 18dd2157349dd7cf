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
#[derive(Debug, Clone)]
pub struct FileSummary {
    pub path: String,
    /// The teams its objectives name, as written, each once.
    pub teams: Vec<String>,
    pub objectives: Vec<ObjectiveSummary>,
}

/// One objective, as the workspace rules see it.
#[derive(Debug, Clone)]
pub struct ObjectiveSummary {
    /// The heading line (what findings about the objective anchor to).
    pub span: Span,
    pub id: Option<Field<String>>,
    pub parent: Option<Box<Field<String>>>,
    /// Index of the enclosing section in its file.
    pub section: Option<usize>,
    /// The owning team, an index into [`FileSummary::teams`].
    pub team: Option<u32>,
    pub quarter: Option<Quarter>,
    /// `Spans:` when it covers more than one quarter.
    pub spans: Option<QuarterRange>,
    /// Where the statement (without its phase label) is.
    pub statement_span: Span,
    pub statement_is_empty: bool,
    /// The statement as written, and its words in lower case without
    /// punctuation and articles, separated by spaces (for `phase-drift`;
    /// both only filled when the objective has an ID and a quarter).
    pub statement: Box<str>,
    pub wording: Box<str>,
    pub has_phase: bool,
    /// The KRs a workspace rule can report on: those with an ID, and those
    /// long enough for `overlapping-krs`. Others are left out.
    pub key_results: Vec<KrSummary>,
}

/// One key result, as the workspace rules see it.
#[derive(Debug, Clone)]
pub struct KrSummary {
    /// The item line (what findings about the KR anchor to).
    pub span: Span,
    pub statement_span: Span,
    pub id: Option<Box<Field<String>>>,
    /// Fingerprints of the content words (stop words dropped, light
    /// stemming; see [`fingerprint`]), for `overlapping-krs`; only filled
    /// when the objective names a team.
    pub words: Box<[u64]>,
}

impl FileSummary {
    /// Summarize a parsed file.
    pub fn of(file: &LintFile) -> FileSummary {
        let mut teams: Vec<String> = Vec::new();
        let mut team_index: HashMap<&str, usize> = HashMap::new();
        let objectives = file
            .document
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let team = o.team.as_ref().map(|t| {
                    *team_index.entry(t.value.as_str()).or_insert_with(|| {
                        teams.push(t.value.clone());
                        teams.len() - 1
                    }) as u32
                });
                summarize(o, team, &file.objective_facts[i].tokens, &file.kr_facts[i])
            })
            .collect();
        FileSummary {
            path: file.path.to_string(),
            teams,
            objectives,
        }
    }
}

fn summarize(
    o: &Objective,
    team: Option<u32>,
    tokens: &[Token],
    krs: &[crate::analysis::Facts],
) -> ObjectiveSummary {
    let grouped = o.id.is_some() && o.quarter.is_some();
    let wording = if grouped {
        join(tokens.iter().filter_map(|t| {
            (t.kind != TokenKind::Punct && !matches!(t.lower.as_str(), "a" | "an" | "the"))
                .then_some(t.lower.as_str())
        }))
    } else {
        String::new()
    };
    // Sized for every KR (most are kept): collected from a filter, the
    // vector would grow by doubling and keep that slack for the whole run.
    let mut key_results = Vec::with_capacity(o.key_results.len());
    key_results.extend(o.key_results.iter().zip(krs).filter_map(|(k, facts)| {
        let words: Box<[u64]> = if team.is_some() {
            content_words(&facts.tokens).map(fingerprint).collect()
        } else {
            Box::default()
        };
        let useful = k.id.is_some() || words.len() >= crate::rules::overlapping_krs::MIN_WORDS;
        useful.then(|| KrSummary {
            span: k.span,
            statement_span: k.statement.span,
            id: k.id.clone().map(Box::new),
            words,
        })
    }));
    ObjectiveSummary {
        span: o.span,
        id: o.id.clone(),
        parent: o.parent.clone().map(Box::new),
        section: o.section,
        team,
        quarter: o.quarter.as_ref().map(|q| q.value),
        spans: o
            .spans
            .as_ref()
            .map(|s| s.value)
            .filter(QuarterRange::is_multi_quarter),
        statement_span: o.statement.span,
        statement_is_empty: o.statement.value.is_empty(),
        statement: if grouped {
            o.statement.value.as_str().into()
        } else {
            Box::default()
        },
        wording: wording.into_boxed_str(),
        has_phase: o.phase.is_some(),
        key_results,
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

/// Words joined by single spaces (tokens never contain whitespace).
fn join<'a>(words: impl Iterator<Item = &'a str> + Clone) -> String {
    let len = words.clone().map(|w| w.len() + 1).sum();
    let mut out = String::with_capacity(len);
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_stop_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "and"
            | "for"
            | "with"
            | "from"
            | "into"
            | "onto"
            | "our"
            | "their"
            | "its"
            | "all"
            | "by"
            | "to"
            | "of"
            | "in"
            | "on"
            | "at"
            | "as"
            | "a"
            | "an"
            | "or"
            | "be"
            | "is"
            | "are"
            | "that"
            | "this"
            | "so"
            | "per"
            | "end"
            | "q1"
            | "q2"
            | "q3"
            | "q4"
            | "than"
            | "less"
            | "more"
            | "least"
            | "each"
            | "every"
            | "new"
    )
}

/// The words `overlapping-krs` compares: no punctuation or stop words, and
/// `-ing`, `-ed` and plural `-s` stripped from longer words.
fn content_words(tokens: &[Token]) -> impl Iterator<Item = &str> {
    tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct && !is_stop_word(&t.lower))
        .map(|t| {
            let w = t.lower.as_str();
            let w = w.strip_suffix("ing").filter(|s| s.len() > 3).unwrap_or(w);
            let w = w.strip_suffix("ed").filter(|s| s.len() > 3).unwrap_or(w);
            w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w)
        })
}

/// Every file's summary: what the workspace rules check.
pub struct Summaries<'a> {
    pub files: Vec<FileSummary>,
    pub config: &'a Config,
    pub lexicons: &'a Lexicons,
    /// The caller's map ([`crate::linter::RuleMap`]), for a rule that splits
    /// its own work into independent parts.
    pub map: &'a RuleMap<'a>,
}

/// An objective summary with the index of its file.
#[derive(Clone, Copy)]
pub struct ObjectiveAt<'w> {
    pub file: usize,
    pub objective: &'w ObjectiveSummary,
}

impl Summaries<'_> {
    /// Every objective of every file, in file then source order.
    pub fn objectives(&self) -> impl Iterator<Item = ObjectiveAt<'_>> {
        self.files.iter().enumerate().flat_map(|(file, f)| {
            f.objectives
                .iter()
                .map(move |objective| ObjectiveAt { file, objective })
        })
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
