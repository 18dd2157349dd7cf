use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags an objective with fewer than 3 or more than 5 key results. The
    /// bounds are configurable (`[kr-count] min`, `max`).
    ///
    /// ## Why
    /// The writing guide asks for 3 to 5 results per objective: fewer rarely
    /// shows whether the objective was met, more dilutes focus and hides
    /// which results matter.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective: Consolidate logging across backend services to enable centralized monitoring
    /// - KR1: Ship log shipping agent to all 40 services
    /// - KR2: Reduce log query p95 from 30s to 3s
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective: Consolidate logging across backend services to enable centralized monitoring
    /// - KR1: Ship log shipping agent to all 40 services
    /// - KR2: Reduce log query p95 from 30s to 3s
    /// - KR3: Decommission the 3 legacy log clusters
    /// ```
    pub struct KrCount {
        code: "OKR001",
        name: "kr-count",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

impl Rule for KrCount {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        let (min, max) = (ws.config.kr_count.min, ws.config.kr_count.max);
        for o in ws.objectives() {
            let obj = o.objective;
            let n = obj.key_results.len();
            if n >= min && n <= max {
                continue;
            }
            let (message, help) = if n < min {
                (
                    format!("{} has {n} key result{}; write {min} to {max}", super::objective_name(obj.id.as_ref().map(|i| i.value.as_str())), if n == 1 { "" } else { "s" }),
                    "add results until it is clear whether the objective was met; at least one should measure impact or progress",
                )
            } else {
                (
                    format!("{} has {n} key results; keep it to {min} to {max}", super::objective_name(obj.id.as_ref().map(|i| i.value.as_str()))),
                    "keep the results that best show the objective was met; move the rest into a KR's Definition of Done or another objective",
                )
            };
            let d = out.report(o.file, obj.span, obj.span.start, message);
            d.with_help(help);
            for kr in obj.key_results.iter().skip(max) {
                d.with_label(kr.span, "beyond the limit");
            }
        }
    }
}
