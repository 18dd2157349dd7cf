use crate::ast::KrKind;
use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags a delivery or discovery key result that has neither a `Done:`
    /// list nor a measurable target (a number, a metric, a stated acceptance
    /// such as "approved by ...", or a named output with a date: "decision
    /// made by August 15"). In strict mode
    /// (`[definition-of-done] strict = true`) every KR needs a `Done:` list.
    ///
    /// ## Why
    /// If you can debate at the end of the quarter whether a KR was hit, it
    /// was poorly written. Definition-of-Done criteria make success
    /// unambiguous for deliverables that have no natural number.
    ///
    /// ## Example
    /// ```markdown
    /// - KR1: Ship observability dashboard
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR1: Ship observability dashboard with CPU, memory and latency metrics for all services to enable proactive incident detection
    ///   Done:
    ///     - One dashboard per service, linked from the service catalog
    ///     - On-call uses it in the incident review of every P1
    /// ```
    pub struct MissingDefinitionOfDone {
        code: "OKR203",
        name: "missing-definition-of-done",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

impl Rule for MissingDefinitionOfDone {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        let strict = ws.config.definition_of_done.strict;
        for k in ws.key_results() {
            if k.kr.done.is_some() || k.kr.statement.value.is_empty() {
                continue;
            }
            let delivery = matches!(k.kr.kind, KrKind::Delivery | KrKind::Discovery);
            // A named output with a date or an approver ("recommendation ...,
            // decision made by August 15") is its own Definition of Done.
            // Searched for last, and only when it decides.
            let dated_output = || {
                (k.facts.deadline.is_some() || k.facts.acceptance.is_some())
                    && ws.lexicons.discovery_outputs.occurs(&k.facts.tokens)
            };
            if !strict && (!delivery || k.facts.is_measurable() || dated_output()) {
                continue;
            }
            let message = if strict {
                "the KR has no Definition of Done".to_string()
            } else {
                format!(
                    "{} KR has no Definition of Done and no measurable target",
                    k.kr.kind
                )
            };
            out.report(k.file, k.kr.statement.span, k.kr.span.start, message)
                .with_help("add a `Done:` list under the KR with criteria nobody can argue with at the end of the quarter (reachable at a URL, used by N teams, old system deleted)");
        }
    }
}
