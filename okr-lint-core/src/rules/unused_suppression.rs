use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Points out a suppression comment (or one rule named in it) that
    /// suppresses nothing: the diagnostic it was written for is gone. Rules
    /// that are not enabled are not reported, since the comment may matter
    /// under another configuration.
    ///
    /// ## Why
    /// Stale suppressions hide the next real problem in the same place and
    /// clutter the document. Remove them once the OKR is fixed.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- okr-lint-disable-next vague-verb -->
    /// - KR: Reduce API p95 latency from 200ms to 100ms
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR: Reduce API p95 latency from 200ms to 100ms
    /// ```
    pub struct UnusedSuppression {
        code: "OKR902",
        name: "unused-suppression",
        severity: Info,
        enabled: true,
        fixable: true,
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }
    // Reported by the linter while it applies suppressions.
}
