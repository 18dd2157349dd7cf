use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Suggests naming the outcome a key result serves: "... to reduce ...",
    /// "... so that ...". Off by default; turn it on with
    /// `extend-select = ["kr-missing-outcome"]`.
    ///
    /// ## Why
    /// Both of the guide's KR templates end in [outcome]. The outcome tells a
    /// reader why this result, and not another, shows the objective was met.
    /// Many good KRs leave it implicit, hence opt-in.
    ///
    /// ## Example
    /// ```markdown
    /// - KR: Ship observability dashboard with CPU, memory and latency metrics for all microservices
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR: Ship observability dashboard with CPU, memory and latency metrics for all microservices to enable proactive incident detection
    /// ```
    pub struct KrMissingOutcome {
        code: "OKR209",
        name: "kr-missing-outcome",
        severity: Info,
        enabled: false,
        fixable: false,
    }
}

impl Rule for KrMissingOutcome {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            if k.facts.outcome.is_some() || k.kr.statement.value.is_empty() {
                continue;
            }
            out.report(
                k.file,
                k.kr.statement.span,
                k.kr.span.start,
                "the KR does not say what outcome it serves",
            )
            .with_help("end with the outcome, e.g. `... to enable proactive incident detection`");
        }
    }
}
