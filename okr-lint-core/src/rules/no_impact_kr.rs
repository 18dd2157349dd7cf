use crate::ast::KrKind;
use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags an objective none of whose key results measures impact or
    /// progress, that is, none carries a metric target (a percentage, a
    /// number with a unit, a from/to pair, "zero", "all N"). Discovery
    /// phases (more than half the KRs are discovery, or the phase label says so) are
    /// exempt: they are validated by their outputs.
    ///
    /// ## Why
    /// Deliverables show work was done, not that it mattered. The writing
    /// guide asks that at least one KR per objective measure impact, or at
    /// least progress, even when measurement is still immature.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective: Ship a developer portal for all engineering teams to cut service setup time
    /// - KR1: Launch the portal with SSO
    /// - KR2: Publish onboarding guides for common workflows
    /// - KR3: Migrate the service templates into the portal
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR3: Reduce new service setup time from 5 days to 1 day
    /// ```
    pub struct NoImpactKr {
        code: "OKR002",
        name: "no-impact-kr",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

impl Rule for NoImpactKr {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for o in ws.objectives() {
            let obj = o.objective;
            if obj.key_results.is_empty() || obj.key_results.iter().any(|k| k.kind.is_measured()) {
                continue;
            }
            // A discovery phase is validated by its outputs, not by impact.
            let discovery = obj
                .key_results
                .iter()
                .filter(|k| k.kind == KrKind::Discovery)
                .count();
            let discovery_phase = obj.phase.as_ref().is_some_and(|p| {
                let p = crate::case::fold(&p.value);
                [
                    "discovery",
                    "research",
                    "exploration",
                    "investigation",
                    "evaluation",
                    "spike",
                ]
                .iter()
                .any(|w| crate::scan::find(p.as_bytes(), w.as_bytes()).is_some())
            });
            if discovery * 2 > obj.key_results.len() || discovery_phase {
                continue;
            }
            out.report(
                o.file,
                obj.span,
                obj.span.start,
                format!("no key result of {} measures impact or progress", super::objective_name(obj.id.as_ref().map(|i| i.value.as_str()))),
            )
            .with_help(
                "add or rewrite one KR with a metric and a target, e.g. `Reduce P1 incidents from 12/quarter to 2/quarter`; if impact cannot be measured yet, measure progress (`Migrate 30 of 40 services`)",
            );
        }
    }
}
