use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Flags an `okr-lint-disable*` comment that names a rule that does not
    /// exist, with a did-you-mean. Rules may be named by name or by code.
    ///
    /// ## Why
    /// A misspelled rule name suppresses nothing, so the diagnostic it was
    /// meant to silence keeps coming back and the comment misleads readers.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- okr-lint-disable-next missing-defintion-of-done -->
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// <!-- okr-lint-disable-next missing-definition-of-done -->
    /// ```
    pub struct UnknownRuleInSuppression {
        code: "OKR901",
        name: "unknown-rule-in-suppression",
        severity: Warning,
        enabled: true,
        fixable: true,
    }
}

impl Rule for UnknownRuleInSuppression {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }
    // Reported by the linter while it applies suppressions.
}
