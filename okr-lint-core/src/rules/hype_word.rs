use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags empty hype words in an objective's statement: awesome,
    /// delightful, empower, world-class, seamless, cutting-edge and the like
    /// (the `hype-words` list). Each word gets its own diagnostic, spanning
    /// the word.
    ///
    /// ## Why
    /// An objective explains what will be done, not how exciting it is. Hype
    /// sounds good on a slide and means nothing six months later when someone
    /// asks what was supposed to be delivered. Be boring and clear.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective: Empower developers with a delightful authentication experience
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective: Implement company-wide SSO for all internal tools to reduce security incidents and onboarding friction
    /// ```
    pub struct HypeWord {
        code: "OKR101",
        name: "hype-word",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

impl Rule for HypeWord {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for o in ws.objectives() {
            for m in ws.lexicons.hype.find_all(&o.facts.tokens) {
                let span = o.lint_file.token_span(o.facts, m);
                let word = span.text(o.lint_file.source);
                out.report(o.file, span, o.objective.span.start, format!("`{word}` is a hype word"))
                    .with_help("say plainly what will be built or changed, for whom, and what it achieves: [What] + [for whom] + [outcome]");
            }
        }
    }
}
