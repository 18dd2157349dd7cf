use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports lines that claim OKR structure but are malformed: an objective
    /// heading with no colon or no statement, a `KR` item outside any
    /// objective, an unknown commitment label such as `(strech)`, a `Done:`
    /// with no criteria, a malformed `Quarter:`, `Spans:` or `Kind:` value,
    /// and an unknown `okr-lint-` comment directive.
    ///
    /// ## Why
    /// A malformed line is silently read as something else: a KR whose label
    /// is misspelled counts as unlabeled, a heading without a colon is not an
    /// objective. The other rules then judge the wrong thing. Prose, tables,
    /// code blocks and HTML never trigger it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective SEC-1 Build centralized secrets management
    /// - KR (strech): Achieve automated rotation for 50% of secrets
    ///   Done:
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective SEC-1: Build centralized secrets management
    /// - KR (stretch): Achieve automated rotation for 50% of secrets
    ///   Done: Rotation runs weekly without manual steps
    /// ```
    pub struct SyntaxError {
        code: "OKR000",
        name: "syntax-error",
        severity: Error,
        enabled: true,
        fixable: true,
    }
}

impl Rule for SyntaxError {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }
    // Reported by the parser; the linter adds them to the results.
}
