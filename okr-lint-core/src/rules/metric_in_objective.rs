use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Points out numeric targets (percentages, numbers with units, from/to
    /// pairs with numbers) in an objective's statement.
    ///
    /// ## Why
    /// The objective says what and why; key results say how much. A target
    /// in the objective is usually a key result in the wrong place, and it
    /// ties the objective to one measure when several KRs should carry it.
    /// This is common OKR practice beyond the writing guide, so it is only a
    /// suggestion.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective: Cut checkout p95 latency to 300ms to lift conversion
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective: Make checkout fast for mobile shoppers to lift conversion
    /// - KR1: Reduce checkout p95 latency from 900ms to 300ms
    /// ```
    pub struct MetricInObjective {
        code: "OKR104",
        name: "metric-in-objective",
        severity: Info,
        enabled: true,
        fixable: false,
    }
}

impl Rule for MetricInObjective {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for o in ws.objectives() {
            let src = o.lint_file.source;
            // Only targets written with digits: "from days to hours" or
            // "zero" in an objective are descriptions, not KRs in disguise.
            let Some(span) = o
                .facts
                .metrics
                .iter()
                .map(|&m| o.lint_file.token_span(o.facts, m))
                .find(|s| s.text(src).contains(|c: char| c.is_ascii_digit()))
            else {
                continue;
            };
            out.report(o.file, span, o.objective.span.start, format!("`{}` is a target; targets belong in key results", span.text(src)))
                .with_help("keep the objective about what and why, and move the number into a KR: `Reduce X from A to B`");
        }
    }
}
