use crate::declare_rule;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Reporter, Rule};
use crate::summary::{ObjectiveAt, Summaries};

declare_rule! {
    /// ## What it does
    /// Flags a multi-quarter objective (the same objective ID in several
    /// quarters) whose statement is worded differently from its earliest
    /// quarter, beyond its phase label. Case, punctuation and articles do not
    /// count as differences.
    ///
    /// ## Why
    /// The guide asks to keep an objective's wording consistent over time and
    /// let the phase label carry what changes. Rewording it each quarter
    /// makes it look like a different objective and loses the thread of a
    /// multi-quarter effort.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- Q1 -->
    /// ## Objective PLAT-1: Migrate legacy monolith to microservices to enable independent deployments (Discovery)
    /// <!-- Q3 -->
    /// ## Objective PLAT-1: Move the monolith to microservices so teams deploy on their own (Traffic migration)
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// <!-- Q3 -->
    /// ## Objective PLAT-1: Migrate legacy monolith to microservices to enable independent deployments (Traffic migration)
    /// ```
    pub struct PhaseDrift {
        code: "OKR302",
        name: "phase-drift",
        severity: Warning,
        enabled: true,
        fixable: true,
    }
}

/// The longest first wording a fix restores (objective statements are a
/// line; the guide's examples are under 150 characters).
const FIX_MAX_BYTES: usize = 1000;

impl Rule for PhaseDrift {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let groups = ws.id_groups();
        // In the order IDs were first seen (the linter sorts every file's
        // findings anyway; sorting 100,000s of keys cost more than the rule).
        for g in 0..groups.len() {
            // An ID used once has nothing to drift from.
            if groups.size(g) < 2 {
                continue;
            }
            // The objective of the earliest quarter (the first of them).
            let mut first: Option<ObjectiveAt> = None;
            for o in groups.members(ws, g) {
                let q = o.objective.quarter;
                if q.is_some() && first.is_none_or(|f| q < f.objective.quarter) {
                    first = Some(o);
                }
            }
            let Some(first) = first else {
                continue;
            };
            let fq = first.objective.quarter;
            let first_file = &ws.files[first.file];
            let reference = first.objective.wording;
            let first_statement = first_file.statement(first.objective);
            for o in groups.members(ws, g) {
                let file = &ws.files[o.file];
                let q = o.objective.quarter;
                if q.is_none() || q == fq || o.objective.wording == reference {
                    continue;
                }
                let id = o.objective.id.as_ref().map(|i| file.text(i));
                let obj = o.objective;
                let q = obj.quarter.map(|q| q.to_string()).unwrap_or_default();
                let fqs = fq.map(|q| q.to_string()).unwrap_or_default();
                let d = out.report(
                    o.file,
                    obj.statement_span.get(),
                    obj.anchor(),
                    format!(
                        "{} is worded differently in {q} than in {fqs}",
                        super::objective_name(id)
                    ),
                );
                d.with_help(format!(
                    "keep the wording of {fqs} (\"{}\") and let the phase label say what changed this quarter",
                    super::clip(first_statement)
                ));
                d.with_related(
                    ws,
                    o.file,
                    first.file,
                    first.objective.statement_span.get(),
                    format!("wording in {fqs}"),
                );
                // Each objective's fix carries the first wording in full:
                // only for a statement of a plausible length, so that
                // findings cannot grow with the square of the input.
                if first_statement.len() > FIX_MAX_BYTES {
                    continue;
                }
                d.with_fix(Fix {
                    message: format!("use the wording of {fqs}"),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit {
                        span: obj.statement_span.get(),
                        replacement: first_statement.to_string(),
                    }],
                });
            }
        }
    }
}
