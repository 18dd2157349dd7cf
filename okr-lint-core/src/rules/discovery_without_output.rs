use crate::ast::KrKind;
use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags a discovery key result (one that opens with research, explore,
    /// investigate, evaluate, prototype, ... or "complete the evaluation of")
    /// that names no concrete output: an approved document, a decision with a
    /// date, a recommendation, a prototype validated with named teams or use
    /// cases. A KR with a `Done:` list passes.
    ///
    /// ## Why
    /// Discovery work disappears into a black hole when its KR only names the
    /// activity: three months later all you have is "we talked to people".
    /// Naming the output makes it reviewable.
    ///
    /// ## Example
    /// ```markdown
    /// - KR2: Research tracing vendors
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR2: Complete tracing vendor evaluation with a recommendation and cost analysis for the top 3 options, decision made by end of month 2
    /// ```
    pub struct DiscoveryWithoutOutput {
        code: "OKR207",
        name: "discovery-without-output",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

impl Rule for DiscoveryWithoutOutput {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            if k.kr.kind != KrKind::Discovery || k.kr.done.is_some() {
                continue;
            }
            let t = &k.facts.tokens;
            // The discovery word itself ("prototype") is not its output.
            let after = k.facts.discovery.map(|d| d.1).unwrap_or(0);
            if ws.lexicons.discovery_outputs.find_from(t, after).is_some()
                || k.facts.acceptance.is_some()
            {
                continue;
            }
            let span = match k.facts.discovery {
                Some(d) => k.lint_file.token_span(k.facts, d),
                None => k.kr.statement.span,
            };
            out.report(k.file, span, k.kr.span.start, "discovery KR names no concrete output")
                .with_help("say what the discovery produces and who accepts it: a design doc approved by named leads, a decision made by a date, or a prototype validated with named teams or use cases");
        }
    }
}
