use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Suggests adding a starting value to an impact key result that moves a
    /// metric (reduce, increase, achieve, ...) to a target but does not say
    /// where it starts: "to 100ms" without "from 200ms".
    ///
    /// ## Why
    /// The guide's impact template is [How] + [Metric] + [outcome], and its
    /// examples state both ends: "from 12/quarter to 2/quarter". Without a
    /// baseline nobody can tell whether the target is ambitious or already
    /// met.
    ///
    /// ## Example
    /// ```markdown
    /// - KR: Increase platform adoption to 60% of engineering teams
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR: Increase platform adoption from 35% to 60% of engineering teams (30 out of 50 teams)
    /// ```
    pub struct MissingBaseline {
        code: "OKR208",
        name: "missing-baseline",
        severity: Info,
        enabled: true,
        fixable: false,
    }
}

impl Rule for MissingBaseline {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            let f = k.facts;
            if f.change_verb.is_none() || f.from_to.is_some() || !f.has_metric() {
                continue;
            }
            if f.tokens
                .iter()
                .any(|t| t.is("from") || t.is("baseline") || t.is("currently") || t.is("today"))
            {
                continue;
            }
            // A scope (`all 45 components`) is not a level to start from.
            let level = f.metrics.iter().copied().find(|&(a, _)| {
                !(a > 0 && matches!(f.tokens[a - 1].lower.as_str(), "all" | "every" | "each"))
            });
            let Some(level) = level else { continue };
            let span = k.lint_file.token_span(f, level);
            out.report(k.file, span, k.kr.span.start, format!("the KR sets a target (`{}`) but not where the metric starts", span.text(k.lint_file.source)))
                .with_help("state today's value so progress can be judged: `from 35% to 60%`, `from 12/quarter to 2/quarter`");
        }
    }
}
