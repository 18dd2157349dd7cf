use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags a key result that opens with an activity (hold, attend, discuss,
    /// work on, gather, sync with, ... from the `activity-verbs` list)
    /// instead of a result. A KR that carries a metric target passes.
    ///
    /// ## Why
    /// Activities can all be done while nothing changes. A key result names
    /// what the activity should produce, so the quarter ends with something
    /// to show, not with "we talked to people".
    ///
    /// ## Example
    /// ```markdown
    /// - KR: Hold weekly meetings with product teams to gather requirements
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR: Requirements doc finalized and approved by 5 product teams, covering at least 15 distinct use cases
    /// ```
    pub struct ActivityKr {
        code: "OKR202",
        name: "activity-kr",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

/// Nouns after `help` / `host` that make it a thing, not an activity.
const NOT_ACTIVITY_AFTER: &[&str] = &[
    "center", "centre", "desk", "docs", "page", "pages", "articles", "article", "system", "portal",
];

impl Rule for ActivityKr {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            let Some(m) = k.facts.lead_activity else {
                continue;
            };
            if k.facts.has_metric() {
                continue;
            }
            if k.facts
                .tokens
                .get(m.1)
                .is_some_and(|t| NOT_ACTIVITY_AFTER.contains(&t.lower.as_str()))
            {
                continue;
            }
            let span = k.lint_file.token_span(k.facts, m);
            out.report(k.file, span, k.kr.span.start, format!("`{}` describes an activity, not a result", span.text(k.lint_file.source)))
                .with_help("write what the activity should produce, e.g. `Requirements doc finalized and approved by 5 product teams, covering at least 15 use cases`");
        }
    }
}
