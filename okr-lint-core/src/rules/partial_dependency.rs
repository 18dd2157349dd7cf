use crate::analysis::TokenKind;
use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags a key result that other teams depend on (it has `Blocks:`) but
    /// targets only part of its scope: "85% of services", "30 of 40 teams",
    /// "most services". SLO-style percentages such as "99.9% of requests"
    /// are not a partial scope.
    ///
    /// ## Why
    /// Dependent teams need 100% of your baseline, not 85%: the part you
    /// leave undone may be exactly the part they are waiting for.
    ///
    /// ## Example
    /// ```markdown
    /// - KR (committed): Migrate 85% of services to new deployment pipeline
    ///   Blocks: Checkout, Search
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - KR (committed): Deploy new deployment pipeline to production, fully replacing the legacy system, with all 40 active services migrated
    ///   Blocks: Checkout, Search
    /// ```
    pub struct PartialDependency {
        code: "OKR205",
        name: "partial-dependency",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

/// The value of a number token (`1,200`, `99.9%`), precise enough to
/// compare. Hand-rolled: `str::parse::<f64>` would bring the standard
/// library's float tables into the WASM package for a comparison.
fn number(s: &str) -> Option<f64> {
    let s = s.trim_end_matches('%');
    let (mut value, mut scale, mut digits, mut dot) = (0.0, 1.0, 0, false);
    for c in s.chars() {
        match c {
            '0'..='9' => {
                value = value * 10.0 + f64::from(c as u8 - b'0');
                if dot {
                    scale *= 10.0;
                }
                digits += 1;
            }
            ',' if !dot => {}
            '.' if !dot => dot = true,
            _ => return None,
        }
    }
    (digits > 0).then_some(value / scale)
}

impl Rule for PartialDependency {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for k in ws.key_results() {
            if k.kr.blocks.is_empty() {
                continue;
            }
            let t = &k.facts.tokens;
            let w = |i: usize| t.get(i).map(|x| x.lower.as_str()).unwrap_or("");
            let mut hit = None;
            for i in 0..t.len() {
                if t[i].kind == TokenKind::Number {
                    let raw = t[i].lower.as_str();
                    let pct = raw.ends_with('%') || matches!(w(i + 1), "%" | "percent");
                    let of_at = if raw.ends_with('%') { i + 1 } else { i + 2 };
                    if pct && w(of_at) == "of" {
                        // SLO-style precision (99.9%) is a quality bar, not a scope.
                        if let Some(v) =
                            number(raw).filter(|v| *v < 100.0 && !(raw.contains('.') && *v >= 99.0))
                        {
                            let _ = v;
                            hit = Some((i, of_at + 2));
                            break;
                        }
                    }
                    // `30 of 40`, `30 out of 40`
                    let m = if w(i + 1) == "of" {
                        i + 2
                    } else if w(i + 1) == "out" && w(i + 2) == "of" {
                        i + 3
                    } else {
                        usize::MAX
                    };
                    if let (Some(a), Some(b)) =
                        (number(raw), t.get(m).and_then(|x| number(&x.lower)))
                    {
                        if a < b {
                            hit = Some((i, m + 1));
                            break;
                        }
                    }
                } else if matches!(t[i].lower.as_str(), "most" | "majority" | "some" | "half")
                    && w(i + 1) == "of"
                {
                    hit = Some((i, (i + 3).min(t.len())));
                    break;
                }
            }
            let Some((a, b)) = hit else { continue };
            // Extend over the rest of the noun phrase: "85% of payment methods".
            let mut b = b.min(t.len());
            while b < t.len()
                && b - a < 7
                && t[b].is_word()
                && !matches!(
                    t[b].lower.as_str(),
                    "to" | "from"
                        | "in"
                        | "on"
                        | "by"
                        | "with"
                        | "for"
                        | "into"
                        | "onto"
                        | "through"
                        | "across"
                        | "and"
                        | "or"
                        | "before"
                        | "within"
                        | "using"
                        | "behind"
                )
            {
                b += 1;
            }
            let span = k.lint_file.token_span(k.facts, (a, b));
            let teams: Vec<String> = k.kr.blocks.iter().map(|b| b.value.clone()).collect();
            out.report(
                k.file,
                span,
                k.kr.span.start,
                format!("`{}` leaves part of the scope undone, but {} depend on this KR", span.text(k.lint_file.source), super::join_and(&teams)),
            )
            .with_help("teams that depend on this need all of it: commit to the whole scope (`all 40 services migrated, legacy pipeline decommissioned`), or split out the part they need as its own committed KR")
            .with_label(k.kr.blocks_span.unwrap_or(k.kr.span), "these teams depend on it");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_read_like_parse() {
        for (s, v) in [
            ("1,200", 1200.0),
            ("99.9%", 99.9),
            ("40", 40.0),
            ("0.5", 0.5),
        ] {
            let got = super::number(s).unwrap();
            assert!((got - v).abs() < 1e-9, "{s}: {got}");
        }
        for s in ["", "%", "1.2.3", "v2", "12a"] {
            assert_eq!(super::number(s), None, "{s}");
        }
    }
}
