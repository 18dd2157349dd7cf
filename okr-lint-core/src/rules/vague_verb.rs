use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags a key result that uses unmeasurable language (improve, enhance,
    /// optimize, strengthen, better, ... from the `vague-words` list) and
    /// carries no number, no target and no success criterion. Words in the
    /// outcome clause ("... to improve reliability") do not count, and a KR
    /// with a `Done:` list or a measure ("from 200ms to 100ms") passes.
    ///
    /// ## Why
    /// "Improve API performance" can be claimed as done after any change.
    /// The writing guide calls such words useless without numbers or success
    /// criteria.
    ///
    /// ## Example
    /// ```markdown
    /// - KR: Improve API performance
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR: Reduce API p95 response time from 200ms to 100ms, measured across 1M requests
    /// ```
    pub struct VagueVerb {
        code: "OKR201",
        name: "vague-verb",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

impl Rule for VagueVerb {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            if k.facts.is_measurable() || k.kr.done.as_ref().is_some_and(|d| !d.criteria.is_empty())
            {
                continue;
            }
            let Some(m) = ws.lexicons.vague.find_from(k.facts.main_clause(), 0) else {
                continue;
            };
            let span = k.lint_file.token_span(k.facts, m);
            let word = span.text(k.lint_file.source);
            out.report(k.file, span, k.kr.span.start, format!("`{word}` is not measurable: the KR has no number, target or success criterion"))
                .with_help("name the metric and the target, e.g. `Reduce API p95 response time from 200ms to 100ms`, or add `Done:` criteria that settle whether it was met");
        }
    }
}
