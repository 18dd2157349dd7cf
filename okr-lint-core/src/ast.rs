//! The typed OKR tree produced by [`crate::parse`].
//!
//! Sections, objectives and KRs are stored flat, in source order, and refer
//! to each other by index, which keeps the tree cheap to build, to walk and to
//! serialize. Every node and field carries its [`Span`].

use crate::span::Span;
use serde::Serialize;
use std::fmt;

/// A value together with the source range it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field<T> {
    pub value: T,
    pub span: Span,
}

/// A parsed OKR file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// Metadata lines that appear before the first heading; every objective
    /// inherits them.
    pub metadata: Vec<Metadata>,
    /// Prose before the first heading.
    pub notes: Vec<Note>,
    /// Every section, in source order. `parent` links give the nesting.
    pub sections: Vec<Section>,
    /// Every objective, in source order.
    pub objectives: Vec<Objective>,
    /// Every suppression comment, in source order.
    pub suppressions: Vec<Suppression>,
}

/// A non-objective heading and what it groups.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Heading level, 1 to 6.
    pub level: u8,
    pub title: Field<String>,
    /// The whole heading line.
    pub span: Span,
    /// Index of the enclosing section, if any.
    pub parent: Option<usize>,
    /// Indices of the sections nested directly inside this one.
    pub children: Vec<usize>,
    /// Indices of the objectives directly inside this section.
    pub objectives: Vec<usize>,
    pub metadata: Vec<Metadata>,
    pub notes: Vec<Note>,
}

/// An objective heading with its metadata, notes and key results.
#[derive(Debug, Clone, Serialize)]
pub struct Objective {
    pub id: Option<Field<String>>,
    /// The statement without its phase label.
    pub statement: Field<String>,
    /// The trailing parenthesised phase label, without parentheses.
    pub phase: Option<Field<String>>,
    /// The whole heading line.
    pub span: Span,
    /// From the heading to the end of the objective's last KR or note.
    pub extent: Span,
    /// The heading with its metadata and notes, up to the first KR.
    pub head_extent: Span,
    pub level: u8,
    /// Index of the enclosing section, if any.
    pub section: Option<usize>,
    /// The objective's own metadata lines.
    pub metadata: Vec<Metadata>,
    /// Owning team, from the objective or the nearest section that names one.
    pub team: Option<Field<String>>,
    /// Quarter, from the objective or the nearest section that names one.
    pub quarter: Option<Field<Quarter>>,
    /// Multi-quarter range from `Spans:`.
    pub spans: Option<Field<QuarterRange>>,
    /// `Parent:` objective ID.
    pub parent: Option<Field<String>>,
    pub owner: Option<Field<String>>,
    pub notes: Vec<Note>,
    pub key_results: Vec<KeyResult>,
}

/// A key result: a top-level list item under an objective.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResult {
    /// A global ID written after the marker (`KR SEC-1.3`).
    pub id: Option<Field<String>>,
    /// A local number fused to the marker (`KR2`); unique per objective only.
    pub number: Option<Field<String>>,
    pub commitment: Commitment,
    /// Where the commitment label was written, if it was.
    pub commitment_span: Option<Span>,
    pub statement: Field<String>,
    /// The whole list item line.
    pub span: Span,
    /// The item line with its indented body.
    pub extent: Span,
    pub metadata: Vec<Metadata>,
    /// `Blocks:` entries: teams or IDs that depend on this KR.
    pub blocks: Vec<Field<String>>,
    /// The span of the `Blocks:` line, when present.
    pub blocks_span: Option<Span>,
    pub owner: Option<Field<String>>,
    pub due: Option<Field<String>>,
    /// `Kind:` as written, overriding inference.
    pub declared_kind: Option<Field<KrKind>>,
    /// Definition of Done, when written.
    pub done: Option<DefinitionOfDone>,
    /// The kind used by the rules, with the words that decided it.
    pub kind: KrKind,
    pub kind_evidence: KindEvidence,
    pub notes: Vec<Note>,
}

/// The `Done:` block of a key result.
#[derive(Debug, Clone, Serialize)]
pub struct DefinitionOfDone {
    /// The `Done:` line.
    pub span: Span,
    pub criteria: Vec<Field<String>>,
}

/// A `Key: value` line.
#[derive(Debug, Clone, Serialize)]
pub struct Metadata {
    /// The key as written.
    pub key: Field<String>,
    pub value: Field<String>,
    /// The whole line.
    pub span: Span,
}

impl Metadata {
    /// True when the key equals `name`, ignoring case.
    pub fn is(&self, name: &str) -> bool {
        self.key.value.eq_ignore_ascii_case(name)
    }
}

/// Prose, tables, code and HTML kept with the element they follow.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub kind: NoteKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    Prose,
    ListItem,
    Code,
    Html,
    Comment,
    Quote,
    Metadata,
}

/// `(committed)`, `(stretch)`, or no label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Commitment {
    Committed,
    Stretch,
    #[default]
    Unlabeled,
}

impl fmt::Display for Commitment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Commitment::Committed => "committed",
            Commitment::Stretch => "stretch",
            Commitment::Unlabeled => "unlabeled",
        })
    }
}

/// What a key result measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KrKind {
    /// Moves a metric (from/to, a percentage, a count with a unit).
    Impact,
    /// Measures progress toward a goal; treated like impact by the rules.
    Progress,
    /// Ships a deliverable.
    Delivery,
    /// Research, evaluation or prototyping.
    Discovery,
}

impl KrKind {
    pub const ALL: [KrKind; 4] = [
        KrKind::Impact,
        KrKind::Progress,
        KrKind::Delivery,
        KrKind::Discovery,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KrKind::Impact => "impact",
            KrKind::Progress => "progress",
            KrKind::Delivery => "delivery",
            KrKind::Discovery => "discovery",
        }
    }

    /// Impact or progress: the KR carries a measure.
    pub fn is_measured(self) -> bool {
        matches!(self, KrKind::Impact | KrKind::Progress)
    }
}

impl fmt::Display for KrKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a KR was given its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindEvidence {
    /// `declared` (from `Kind:`), `metric`, `discovery-verb` or `default`.
    pub reason: &'static str,
    /// The words that decided it (the metric, the verb), if any.
    pub spans: Vec<Field<String>>,
}

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Quarter {
    pub year: u16,
    pub quarter: u8,
}

impl Quarter {
    /// Quarters since year 0, for ordering and ranges.
    pub fn ordinal(self) -> u32 {
        self.year as u32 * 4 + (self.quarter as u32 - 1)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q{} {}", self.quarter, self.year)
    }
}

/// A `Spans:` range of quarters, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuarterRange {
    pub from: Quarter,
    pub to: Quarter,
}

impl QuarterRange {
    /// More than one quarter.
    pub fn is_multi_quarter(&self) -> bool {
        self.to.ordinal() > self.from.ordinal()
    }
}

/// An `okr-lint-*` comment.
#[derive(Debug, Clone, Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// Rules named by the comment (names or codes as written); empty means all.
    pub rules: Vec<Field<String>>,
    /// The whole comment.
    pub span: Span,
    /// For `disable-next`: the span of the objective or KR it applies to.
    pub target: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    DisableFile,
    Disable,
    Enable,
    DisableNext,
}

impl Document {
    /// Every key result with the index of its objective.
    pub fn key_results(&self) -> impl Iterator<Item = (usize, &KeyResult)> {
        self.objectives
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.key_results.iter().map(move |k| (i, k)))
    }

    /// The chain of sections enclosing `section`, innermost first.
    pub fn section_chain(&self, section: Option<usize>) -> impl Iterator<Item = &Section> {
        let mut next = section;
        std::iter::from_fn(move || {
            let s = self.sections.get(next?)?;
            next = s.parent;
            Some(s)
        })
    }

    /// The value of metadata `key` for an objective: its own, else the
    /// nearest enclosing section's, else the document's.
    pub fn inherited_metadata<'a>(
        &'a self,
        objective: &'a Objective,
        key: &str,
    ) -> Option<&'a Metadata> {
        objective
            .metadata
            .iter()
            .find(|m| m.is(key))
            .or_else(|| {
                self.section_chain(objective.section)
                    .find_map(|s| s.metadata.iter().find(|m| m.is(key)))
            })
            .or_else(|| self.metadata.iter().find(|m| m.is(key)))
    }
}
