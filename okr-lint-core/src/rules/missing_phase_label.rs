use crate::ast::Quarter;
use crate::declare_rule;
use crate::rule::{Reporter, Rule};
use crate::summary::{same_id, Grouped, Summaries};

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
        // The distinct quarters of each ID, in order, with the ID as first
        // written (another ID with the same key, a 64-bit hash collision,
        // is left out rather than given the first one's quarters).
        let mut by_id: Grouped<(&str, Vec<Quarter>)> = Grouped::new();
        for o in ws.objectives() {
            if let (Some(id), Some(q)) = (&o.objective.id, o.objective.quarter) {
                let text = ws.files[o.file].text(id);
                let (first, qs) = by_id.entry(id.key, || (text, Vec::new()));
                if same_id(first, text) {
                    qs.push(q);
                }
            }
        }
        for (_, qs) in &mut by_id.groups {
            crate::sort::sort(qs);
            qs.dedup();
        }
        for o in ws.objectives() {
            let obj = o.objective;
            let id = obj.id.as_ref().map(|i| (i.key, ws.files[o.file].text(i)));
            if obj.has_phase || obj.statement_is_empty {
                continue;
            }
            let reason = if let Some(s) = obj.spans {
                format!("it spans {} to {}", s.from, s.to)
            } else if let Some((_, qs)) = id
                .and_then(|(key, text)| by_id.get(key).filter(|(first, _)| same_id(first, text)))
                .filter(|(_, qs)| qs.len() > 1)
            {
                format!("it appears in {}", quarters_named(qs))
            } else {
                continue;
            };
            out.report(
                o.file,
                obj.statement_span.get(),
                obj.span.get(),
                format!("{} runs over several quarters ({reason}) but has no phase label", super::objective_name(id.map(|(_, text)| text))),
            )
            .with_help("end the statement with this quarter's phase or focus in parentheses, e.g. `... (Core services extraction)`, and keep the rest of the wording the same every quarter");
        }
    }
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
