use crate::analysis::TokenKind;
use crate::ast::Commitment;
use crate::declare_rule;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags a key result that reads as aspirational ("aim to", "try to",
    /// "ideally", "if possible", "up to 50%", ... from the `aspirational`
    /// list) but is not labeled `(stretch)`.
    ///
    /// ## Why
    /// Teams reading your OKRs need to know what is committed and what is
    /// aspirational. A hedge buried in the sentence is easy to miss; the
    /// label is not.
    ///
    /// ## Example
    /// ```markdown
    /// - KR: Aim to automate rotation for 50% of secrets
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR (stretch): Automate rotation for 50% of secrets with zero manual steps
    /// ```
    pub struct UnlabeledStretch {
        code: "OKR206",
        name: "unlabeled-stretch",
        severity: Warning,
        enabled: true,
        fixable: true,
    }
}

impl Rule for UnlabeledStretch {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            if k.kr.commitment == Commitment::Stretch {
                continue;
            }
            let t = &k.facts.tokens;
            let found = ws
                .lexicons
                .aspirational
                .find_all(t)
                .into_iter()
                .find(|&(a, b)| {
                    // `up to` hedges only a moving target ("increase adoption up to
                    // 60%"), not a capacity ("support up to 10k users") or "set up to".
                    let phrase: Vec<&str> = t[a..b].iter().map(|x| x.lower.as_str()).collect();
                    if phrase == ["up", "to"] {
                        let before = a.checked_sub(1).map(|i| t[i].lower.as_str()).unwrap_or("");
                        return k.facts.change_verb.is_some()
                            && t.get(b).is_some_and(|n| n.kind == TokenKind::Number)
                            && !matches!(
                                before,
                                "set"
                                    | "sign"
                                    | "signed"
                                    | "catch"
                                    | "live"
                                    | "lived"
                                    | "scale"
                                    | "scaled"
                                    | "ramp"
                                    | "ramped"
                                    | "spun"
                                    | "spin"
                                    | "stood"
                                    | "stand"
                            );
                    }
                    true
                });
            let Some(m) = found else { continue };
            let span = k.lint_file.token_span(k.facts, m);
            let phrase = span.text(k.lint_file.source);
            let d = out.report(
                k.file,
                span,
                k.kr.span.start,
                match k.kr.commitment {
                    Commitment::Committed => format!(
                        "`{phrase}` reads as a stretch goal, but the KR is labeled committed"
                    ),
                    _ => format!(
                        "`{phrase}` reads as a stretch goal, but the KR is not labeled `(stretch)`"
                    ),
                },
            );
            d.with_help("label aspirational KRs `(stretch)` so other teams know what they can count on; for a committed KR, drop the hedge and state the firm target");
            if k.kr.commitment == Commitment::Unlabeled {
                let src = k.lint_file.source;
                let head = &src[k.kr.span.start..k.kr.statement.span.start];
                let (at, text) = match head.rfind(':') {
                    Some(i) => (k.kr.span.start + i, " (stretch)"),
                    None => (k.kr.statement.span.start, "(stretch) "),
                };
                d.with_fix(Fix {
                    message: "label it `(stretch)`".into(),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit {
                        span: k.lint_file.span(at, at),
                        replacement: text.into(),
                    }],
                });
            }
        }
    }
}
