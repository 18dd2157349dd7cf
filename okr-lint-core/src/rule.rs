//! The rule framework: metadata, the `Rule` trait, the registry, and what a
//! rule sees while it checks.
//!
//! Each rule lives in its own file under `src/rules/`, declared with
//! [`declare_rule!`], whose doc comment (sections `## What it does`,
//! `## Why`, `## Example`, `## Use instead`) is the rule's documentation:
//! `okr-lint rule NAME`, `docs/rules.md` and the editor hovers all come from
//! it.

use crate::analysis::Facts;
use crate::ast::{Document, KeyResult, Objective};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix, Label, Severity};
use crate::span::{LineIndex, Span};
use crate::summary::Summaries;
use crate::words::Lexicons;
use serde::Serialize;

/// What the registry knows about a rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// Stable code, e.g. `OKR201`.
    pub code: &'static str,
    /// kebab-case name, e.g. `vague-verb`.
    pub name: &'static str,
    /// Severity when the rule runs and the config does not say otherwise.
    pub default_severity: Severity,
    /// Whether the rule runs without being selected.
    pub enabled_by_default: bool,
    /// Whether some of its diagnostics carry a fix.
    pub fixable: bool,
    /// The Markdown documentation from the rule's doc comment.
    #[serde(skip)]
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation with the one-space indent of `///` removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// What the rule runs at without configuration: its severity, or `off`
    /// for an opt-in rule.
    pub fn default_level(&self) -> &'static str {
        if self.enabled_by_default {
            self.default_severity.as_str()
        } else {
            "off"
        }
    }

    /// The first paragraph of "What it does".
    pub fn summary(&self) -> String {
        let doc = self.documentation();
        // The lines after the heading (or from the top, without one), up
        // to the first blank one.
        let body = doc
            .lines()
            .position(|l| l == "## What it does")
            .map_or(0, |i| i + 1);
        let words: Vec<&str> = doc
            .lines()
            .skip(body)
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty())
            .flat_map(str::split_whitespace)
            .collect();
        crate::rules::join(&words, " ", " ")
    }
}

/// Declare a rule: a unit struct, its metadata, and its documentation taken
/// from the doc comment.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            enabled: $enabled:literal,
            fixable: $fixable:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                code: $code,
                name: $rname,
                default_severity: $crate::diagnostic::Severity::$sev,
                enabled_by_default: $enabled,
                fixable: $fixable,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

/// A check. [`Rule::check`] sees one parsed file with its full tree and
/// statement analysis; a workspace rule also implements
/// [`Rule::check_workspace`], which sees the [`Summaries`] of every file
/// linted together (and may use `check` for the part of its job that needs
/// only one file). Both report findings; the linter applies severities,
/// suppressions and the one-diagnosis-per-problem order afterwards.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    /// Check one file (`ws` holds exactly one).
    fn check(&self, _ws: &Workspace, _out: &mut Reporter) {}
    /// Check all files together, through their summaries.
    fn check_workspace(&self, _ws: &Summaries, _out: &mut Reporter) {}
    /// How costly [`Rule::check_workspace`] is next to the other rules'
    /// (higher is costlier). The workspace rules run in parallel, the
    /// costliest first: started last, the longest one would run on after
    /// the others, with the other threads idle. (Not in the browser build,
    /// which runs them one after another.)
    #[cfg(not(target_arch = "wasm32"))]
    fn workspace_cost(&self) -> u8 {
        0
    }
}

/// One parsed file with the analysis of every statement.
#[derive(Debug)]
pub struct LintFile<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub document: Document,
    pub index: LineIndex,
    /// Syntax errors found while parsing.
    pub syntax_errors: Vec<Diagnostic>,
    /// Facts of each objective statement, by objective index.
    pub objective_facts: Vec<Facts>,
    /// Facts of each KR statement, by objective then KR index.
    pub kr_facts: Vec<Vec<Facts>>,
}

impl LintFile<'_> {
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.index.span(self.source, start, end)
    }
    /// Span of a token range of `facts`.
    pub fn token_span(&self, facts: &Facts, range: (usize, usize)) -> Span {
        let (a, b) = facts.range(range);
        self.span(a, b)
    }
}

/// What a per-file rule sees: one parsed file (a `Vec` so that rules address
/// files by index, as the workspace rules do), with the configuration.
#[derive(Debug)]
pub struct Workspace<'a> {
    pub files: Vec<LintFile<'a>>,
    pub config: &'a Config,
    pub lexicons: &'a Lexicons,
}

/// An objective with its file and statement facts.
#[derive(Clone, Copy)]
pub struct ObjectiveRef<'w> {
    pub file: usize,
    pub lint_file: &'w LintFile<'w>,
    pub index: usize,
    pub objective: &'w Objective,
    pub facts: &'w Facts,
}

/// A key result with its objective, file and statement facts.
#[derive(Clone, Copy)]
pub struct KrRef<'w> {
    pub file: usize,
    pub lint_file: &'w LintFile<'w>,
    pub objective: &'w Objective,
    pub kr: &'w KeyResult,
    pub facts: &'w Facts,
}

impl<'a> Workspace<'a> {
    pub fn objectives(&self) -> impl Iterator<Item = ObjectiveRef<'_>> {
        self.files.iter().enumerate().flat_map(|(file, f)| {
            f.document
                .objectives
                .iter()
                .enumerate()
                .map(move |(index, objective)| ObjectiveRef {
                    file,
                    lint_file: f,
                    index,
                    objective,
                    facts: &f.objective_facts[index],
                })
        })
    }

    pub fn key_results(&self) -> impl Iterator<Item = KrRef<'_>> {
        self.files.iter().enumerate().flat_map(|(file, f)| {
            f.document
                .objectives
                .iter()
                .enumerate()
                .flat_map(move |(oi, objective)| {
                    objective
                        .key_results
                        .iter()
                        .enumerate()
                        .map(move |(ki, kr)| KrRef {
                            file,
                            lint_file: f,
                            objective,
                            kr,
                            facts: &f.kr_facts[oi][ki],
                        })
                })
        })
    }
}

/// Collects findings, each under the rule in `meta` when it was reported.
pub struct Reporter {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) out: Vec<(usize, Diagnostic)>,
}

impl Reporter {
    pub(crate) fn new(meta: &'static RuleMeta) -> Self {
        Reporter {
            meta,
            out: Vec::new(),
        }
    }

    /// Report a finding at `span` of file `file`, about the objective or KR
    /// that starts at byte `anchor`.
    pub fn report(
        &mut self,
        file: usize,
        span: Span,
        anchor: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let message = exact(message.into());
        self.out.push((
            file,
            Diagnostic {
                path: Default::default(),
                code: self.meta.code,
                rule: self.meta.name,
                severity: self.meta.default_severity,
                message,
                span,
                labels: Vec::new(),
                help: None,
                fix: None,
                anchor: Some(anchor),
            },
        ));
        &mut self.out.last_mut().expect("just pushed").1
    }
}

/// `s` in a block of its length. `format!` reserves twice the length of its
/// literal text, and allocators keep a shrunk block in place; findings are
/// kept until the report is written. (The same for labels' messages saved
/// nothing measurable.)
fn exact(s: String) -> String {
    if s.capacity() > s.len() {
        s.as_str().to_owned()
    } else {
        s
    }
}

impl Diagnostic {
    pub fn with_help(&mut self, help: impl Into<std::borrow::Cow<'static, str>>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.push_label(Label {
            path: None,
            span,
            message: message.into(),
        })
    }
    pub fn with_label_in(
        &mut self,
        path: &str,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Self {
        self.push_label(Label {
            path: Some(path.to_string()),
            span,
            message: message.into(),
        })
    }
    /// Most findings have one label or none: the first push reserves room
    /// for exactly one (a `Vec` would reserve four, 264 unused bytes kept
    /// with every finding until the report is written).
    fn push_label(&mut self, label: Label) -> &mut Self {
        if self.labels.capacity() == 0 {
            self.labels.reserve_exact(1);
        }
        self.labels.push(label);
        self
    }
    /// A label on `span` of file `there`, for a diagnostic in file `here`:
    /// drawn in place when both are the same file, named otherwise.
    pub fn with_related(
        &mut self,
        ws: &Summaries,
        here: usize,
        there: usize,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Self {
        if here == there {
            self.with_label(span, message)
        } else {
            self.with_label_in(ws.path(there), span, message)
        }
    }
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(Box::new(fix));
        self
    }
}

/// Every rule, in code order.
pub static RULES: &[&dyn Rule] = &[
    &crate::rules::syntax_error::SyntaxError,
    &crate::rules::kr_count::KrCount,
    &crate::rules::no_impact_kr::NoImpactKr,
    &crate::rules::duplicate_id::DuplicateId,
    &crate::rules::hype_word::HypeWord,
    &crate::rules::objective_missing_outcome::ObjectiveMissingOutcome,
    &crate::rules::missing_phase_label::MissingPhaseLabel,
    &crate::rules::metric_in_objective::MetricInObjective,
    &crate::rules::vague_verb::VagueVerb,
    &crate::rules::activity_kr::ActivityKr,
    &crate::rules::missing_definition_of_done::MissingDefinitionOfDone,
    &crate::rules::stretch_on_dependency::StretchOnDependency,
    &crate::rules::partial_dependency::PartialDependency,
    &crate::rules::unlabeled_stretch::UnlabeledStretch,
    &crate::rules::discovery_without_output::DiscoveryWithoutOutput,
    &crate::rules::missing_baseline::MissingBaseline,
    &crate::rules::kr_missing_outcome::KrMissingOutcome,
    &crate::rules::unknown_parent::UnknownParent,
    &crate::rules::phase_drift::PhaseDrift,
    &crate::rules::overlapping_krs::OverlappingKrs,
    &crate::rules::unknown_rule_in_suppression::UnknownRuleInSuppression,
    &crate::rules::unused_suppression::UnusedSuppression,
];

/// Look a rule up by name or code (codes ignore case).
pub fn find_rule(name_or_code: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.meta().name == name_or_code || r.meta().code.eq_ignore_ascii_case(name_or_code))
}

/// Index of a rule in [`RULES`].
pub fn rule_index(name: &str) -> Option<usize> {
    RULES.iter().position(|r| r.meta().name == name)
}
