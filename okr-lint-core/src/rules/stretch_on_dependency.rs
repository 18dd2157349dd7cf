use crate::ast::Commitment;
use crate::declare_rule;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags a key result that other teams depend on (it has `Blocks:`) but
    /// is labeled `(stretch)`; an error. When such a KR has no label at all
    /// it is a warning (one level below the rule's severity): say it is
    /// committed.
    ///
    /// ## Why
    /// Stretch goals may land at 60-70% and still count as success. A
    /// prerequisite for other roadmaps cannot: if you are 85% done with
    /// authentication, the teams depending on it may be 0% able to ship.
    /// The guide says never to use stretch goals for work that blocks others.
    ///
    /// ## Example
    /// ```markdown
    /// - KR (stretch): Migrate 85% of services to new deployment pipeline
    ///   Blocks: Checkout, Search
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR (committed): Deploy the new pipeline to production with all 40 active services migrated and the legacy pipeline decommissioned
    ///   Blocks: Checkout, Search
    /// ```
    pub struct StretchOnDependency {
        code: "OKR204",
        name: "stretch-on-dependency",
        severity: Error,
        enabled: true,
        fixable: true,
    }
}

impl Rule for StretchOnDependency {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            let kr = k.kr;
            if kr.blocks.is_empty() {
                continue;
            }
            let teams: Vec<String> = kr.blocks.iter().map(|b| b.value.clone()).collect();
            let teams = super::join_and(&teams);
            let blocks_span = kr.blocks_span.unwrap_or(kr.span);
            match kr.commitment {
                Commitment::Stretch => {
                    let label = kr.commitment_span.unwrap_or(kr.span);
                    out.report(k.file, label, kr.span.start, format!("a stretch KR blocks {teams}"))
                        .with_help("work other teams depend on must be committed; label it `(committed)` and size it so it can be met in full, or move the blocking part into a committed KR")
                        .with_label(blocks_span, "other teams depend on this")
                        .with_fix(Fix {
                            message: "label it `(committed)`".into(),
                            applicability: Applicability::Unsafe,
                            edits: vec![Edit { span: label, replacement: "(committed)".into() }],
                        });
                }
                Commitment::Unlabeled => {
                    let src = k.lint_file.source;
                    let head = &src[kr.span.start..kr.statement.span.start];
                    // Insert before the colon of `KR ...:`, or before the statement of a plain bullet.
                    let (at, text) = match head.rfind(':') {
                        Some(i) => (kr.span.start + i, " (committed)"),
                        None => (kr.statement.span.start, "(committed) "),
                    };
                    let d = out.report(
                        k.file,
                        kr.statement.span,
                        kr.span.start,
                        format!("this KR blocks {teams} but is not labeled committed"),
                    );
                    d.severity = Severity::Warning;
                    d.with_help("say whether dependent teams can count on it: label it `(committed)` (work that blocks others should not be a stretch goal)")
                        .with_label(blocks_span, "other teams depend on this")
                        .with_fix(Fix {
                            message: "label it `(committed)`".into(),
                            applicability: Applicability::Unsafe,
                            edits: vec![Edit { span: k.lint_file.span(at, at), replacement: text.into() }],
                        });
                }
                Commitment::Committed => {}
            }
        }
    }
}
