//! The pest grammar as an oracle for the hand-written scanner: both must
//! classify every input into the same tree of pairs. Shared by
//! `tests/grammar_oracle.rs` and the `scanner` fuzz target.

use okr_lint_core::scan;
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/okr.pest"]
pub struct OkrGrammar;

/// Blocks the builder reads only as a whole: their inner pairs are not
/// compared (the scanner does not build them).
const OPAQUE: &[&str] = &[
    "prose",
    "fenced_code",
    "html_comment",
    "html_block",
    "blockquote",
    "blank",
    "thematic_break",
];

/// (rule, start, end, depth) of every pair, in preorder, as pest builds them.
pub fn pest_tree(src: &str) -> Vec<(String, usize, usize, usize)> {
    fn walk(
        pair: pest::iterators::Pair<Rule>,
        depth: usize,
        out: &mut Vec<(String, usize, usize, usize)>,
    ) {
        let name = format!("{:?}", pair.as_rule());
        let span = pair.as_span();
        let opaque = OPAQUE.contains(&name.as_str());
        out.push((name, span.start(), span.end(), depth));
        if !opaque {
            for inner in pair.into_inner() {
                walk(inner, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    let doc = OkrGrammar::parse(Rule::document, src)
        .expect("the grammar accepts every input")
        .next()
        .expect("document");
    for block in doc.into_inner() {
        walk(block, 1, &mut out);
    }
    out
}

/// The same, from the scanner.
pub fn scanner_tree(src: &str) -> Vec<(String, usize, usize, usize)> {
    scan::scan(src)
        .flatten()
        .into_iter()
        .map(|(r, a, b, d)| (format!("{r:?}"), a, b, d))
        .collect()
}

/// Panic with the first difference, shown with the line it is on.
pub fn assert_same(src: &str) {
    let want = pest_tree(src);
    let got = scanner_tree(src);
    if want == got {
        return;
    }
    let i = want
        .iter()
        .zip(&got)
        .position(|(a, b)| a != b)
        .unwrap_or(want.len().min(got.len()));
    let at = want.get(i).or(got.get(i)).map(|p| p.1).unwrap_or(0);
    let line_start = src[..at].rfind('\n').map(|n| n + 1).unwrap_or(0);
    let line_end = src[at..].find('\n').map(|n| at + n).unwrap_or(src.len());
    panic!(
        "scanner and grammar differ at pair {i}, line {:?}\n  grammar: {:?}\n  scanner: {:?}\n  (grammar has {} pairs, scanner {})",
        &src[line_start..line_end],
        want.get(i),
        got.get(i),
        want.len(),
        got.len()
    );
}
