use crate::ast::Quarter;
use crate::declare_rule;
use crate::rule::{Reporter, Rule};
use crate::summary::{ObjectiveAt, Summaries};

declare_rule! {
    /// ## What it does
    /// Flags an objective that runs over several quarters but has no phase
    /// label: a parenthesised group at the end of its statement. An objective
    /// runs over several quarters when it has a `Spans:` range of more than
    /// one quarter, or when the same objective ID appears in several quarters
    /// of the checked files.
    ///
    /// ## Why
    /// Platform work spans quarters while OKRs are quarterly. Labelling each
    /// quarter's objective with its phase keeps everyone aligned on where a
    /// multi-quarter effort stands, even as people and teams change.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective PLAT-1: Migrate legacy monolith to microservices for product teams to enable independent deployments
    /// Spans: Q1 2026 - Q3 2026
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective PLAT-1: Migrate legacy monolith to microservices for product teams to enable independent deployments (Core services extraction)
    /// Spans: Q1 2026 - Q3 2026
    /// ```
    pub struct MissingPhaseLabel {
        code: "OKR103",
        name: "missing-phase-label",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

impl Rule for MissingPhaseLabel {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let unlabeled = |o: &ObjectiveAt| !o.objective.has_phase && !o.objective.statement_is_empty;
        // Objectives that say they span quarters.
        for o in ws.objectives() {
            if let Some(s) = o.objective.spans.filter(|_| unlabeled(&o)) {
                report(ws, out, o, &format!("it spans {} to {}", s.from, s.to));
            }
        }
        // The others, when their ID appears in several quarters.
        let groups = ws.id_groups();
        let mut qs: Vec<Quarter> = Vec::new();
        for g in 0..groups.len() {
            if groups.size(g) < 2 {
                continue;
            }
            qs.clear();
            for o in groups.members(ws, g) {
                qs.extend(o.objective.quarter);
            }
            crate::sort::sort(&mut qs);
            qs.dedup();
            if qs.len() < 2 {
                continue;
            }
            let reason = format!("it appears in {}", quarters_named(&qs));
            for o in groups.members(ws, g) {
                if o.objective.spans.is_none() && unlabeled(&o) {
                    report(ws, out, o, &reason);
                }
            }
        }
    }
}

fn report(ws: &Summaries, out: &mut Reporter, o: ObjectiveAt, reason: &str) {
    let obj = o.objective;
    let id = obj.id.as_ref().map(|i| ws.files[o.file].text(i));
    out.report(
        o.file,
        obj.statement_span.get(),
        obj.anchor(),
        format!("{} runs over several quarters ({reason}) but has no phase label", super::objective_name(id)),
    )
    .with_help("end the statement with this quarter's phase or focus in parentheses, e.g. `... (Core services extraction)`, and keep the rest of the wording the same every quarter");
}

/// Quarters this many or fewer are listed; more are summed up, so that a
/// finding stays short however many quarters an ID appears in.
const LISTED: usize = 4;

/// `Q1 2026, Q2 2026 and Q3 2026`, or `9 quarters from Q1 2024 to Q1
/// 2026` (`qs` is sorted and has at least two).
fn quarters_named(qs: &[Quarter]) -> String {
    if qs.len() <= LISTED {
        let list: Vec<String> = qs.iter().map(|q| q.to_string()).collect();
        return super::join_and(&list);
    }
    let (first, last) = (qs[0], qs[qs.len() - 1]);
    format!("{} quarters from {first} to {last}", qs.len())
}
