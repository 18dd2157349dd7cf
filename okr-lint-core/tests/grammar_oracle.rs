//! The scanner (`src/scan.rs`) against the pest grammar it implements
//! (`grammar/okr.pest`): identical pair trees on every fixture, on inputs
//! chosen for each rule's edge cases, and on random documents assembled
//! from the grammar's own tokens.

mod oracle;

use oracle::assert_same;
use proptest::prelude::*;
use std::path::Path;

fn markdown_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_and_document_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["tests", "grammar", "docs", "okr-lint-wasm/www/src"] {
        markdown_files(&root.join(dir), &mut files);
    }
    assert!(files.len() >= 20, "found only {} files", files.len());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        assert_same(&text);
        // The same lines with CRLF and with lone CR endings.
        assert_same(&text.replace('\n', "\r\n"));
        assert_same(&text.replace('\n', "\r"));
    }
}

#[test]
fn edge_cases_of_each_rule() {
    let cases = [
        "",
        "\u{FEFF}",
        "\u{FEFF}## Objective: x",
        "\n\n",
        "   \t  \n",
        // headings
        "#",
        "#######",
        "####### x",
        "   ## x",
        "    ## x",
        "##x",
        "## Title ##",
        "## Title #",
        "## Title#",
        "## #",
        "##  ",
        "## Objective",
        "## Objective:",
        "## Objective: ",
        "## objective:x",
        "## OBJECTIVE SEC-1: Build it (Phase 1 of 3)",
        "## Objective SEC-1: Build it (Phase 1 of 3) ##",
        "## Objective SEC-1: Build it (Phase 1 of 3) x",
        "## Objective SEC-1: Build (it) now (Phase (1)) ",
        "## Objective SEC 1: Build it",
        "## Objective SEC-1 Build it",
        "## **Objective**: Build it",
        "## **Objective SEC-1:** Build it",
        "## *Objective*: **Build** it",
        "## ***Objective: x",
        "## _Objective_: x",
        "## Objectives: x",
        "## Objective(s): x",
        "## Objective ÉTÉ-1: Été",
        "## Objective ज्ञा-1: x",
        "## Objective: x ( y",
        "## Objective: x (y",
        "## Objective: x ()",
        "## Objective: x () #",
        "## Objective: x\t(y)\t##\t",
        // thematic breaks and list items
        "---",
        "- - -",
        "   ***",
        "    ***",
        "__ _",
        "-- ",
        "-",
        "- ",
        "-x",
        "+ x",
        "* x",
        "1. x",
        "1) x",
        "123456789. x",
        "1234567890. x",
        "1.x",
        "- [ ] x",
        "- [x] x",
        "- [X]x",
        "- [ ]",
        "- [y] x",
        "\t- x",
        "      - x",
        // KRs
        "- KR: x",
        "- KR1: x",
        "- KR 1: x",
        "- KR1.2.3: x",
        "- KR1.: x",
        "- KR1.2.: x",
        "- KR SEC-1.3 (stretch): x",
        "- KR SEC-1.3(stretch): x",
        "- KR (committed): x",
        "- KR(committed): x",
        "- KR SEC-1 (stretch) : x",
        "- **KR1**: x",
        "- **KR1:** x",
        "- *KR*: x",
        "- KR",
        "- KR x",
        "- KRx: x",
        "- KRS: x",
        "- kr: x",
        "- Key Result: x",
        "- key result 2: x",
        "- Key Results: x",
        "- KR: ",
        "- KR:",
        "- KR (stretch",
        "- KR SEC-1 SEC-2: x",
        "- (stretch) x",
        "- (stretch)x",
        "- (comitted) Launch",
        "- (x)(y) z",
        "- Owner: Priya",
        "- Owner:Priya",
        "- **Owner**: Priya",
        "- Due Date Of: x",
        "- Due Date Of It: x",
        "- É-é_1: x",
        // Done and metadata
        "Done: x",
        "Done:",
        "Done :x",
        "  Done:\n    - a\n    - b",
        "**Done**: x",
        "Definition of Done: x",
        "definition of done:",
        "Doneness: x",
        "Done-ish: x",
        "Owner: Priya",
        "Owner:  ",
        "Owner:",
        "  Quarter: Q2 2026",
        "Team Name Here Too: x",
        "Team:\tx",
        "_Team_: x",
        "1Team: x",
        // code, comments, HTML
        "```\ncode\n```",
        "```rust\n- KR: x\n```\n- KR: y",
        "````\n```\n````",
        "```\n~~~\n```",
        "~~~\ncode",
        "``\nx",
        "  ```\n  x\n  ``` \n",
        "```\n```x\n```",
        "```\n ```~~ \n- KR: x",
        "<!-- okr-lint-disable -->",
        "<!-- okr-lint-disable vague-verb -->",
        "<!-- okr-lint-disable vague-verb, hype-word -->",
        "<!-- okr-lint-disable vague-verb hype-word, -->",
        "<!-- okr-lint-disable vague-verb,hype-word-->",
        "<!-- okr-lint-disable vague-verb-->",
        "<!-- okr-lint-disable-next-line x -->",
        "<!--okr-lint-enable-->",
        "<!-- OKR-LINT-DISABLE-FILE -->",
        "<!-- okr-lint- -->",
        "<!-- okr-lint-disable , x -->",
        "<!-- okr-lint-disable x, -->",
        "<!-- okr-lint-disable x -- y -->",
        "<!-- okr-lint-disable x --> y",
        "<!-- okr-lint-disable\nx -->",
        "<!-- a comment -->",
        "<!-- a\ncomment\n- KR: x -->\n- KR: y",
        "<!-- unclosed\n- KR: x",
        "<!---->",
        "<div>\n- KR: x\n\n- KR: y",
        "</div>",
        "<1>",
        "   <p>",
        "    <p>",
        "> quote",
        ">",
        "   > x",
        "plain text",
        "x\r\ny\rz\n",
        "- KR: x\r\n  Done:\r\n    - y\r",
        "## Objective: é (É)\n- KR İ: 😀\n  Owner: 中文",
        "\0\0- KR: \0",
    ];
    for c in cases {
        assert_same(c);
    }
}

/// Pieces of the grammar's own vocabulary, so random documents hit the
/// interesting paths instead of falling through to prose.
const PIECES: &[&str] = &[
    "#",
    "##",
    "###",
    "#######",
    " ",
    "  ",
    "    ",
    "\t",
    "-",
    "*",
    "_",
    "+",
    "**",
    "__",
    "1.",
    "2)",
    "[ ]",
    "[x]",
    "KR",
    "kr",
    "Key Result",
    "Objective",
    "objective",
    ":",
    "(",
    ")",
    "stretch",
    "committed",
    "SEC-1",
    "1.2",
    ".",
    "Done",
    "Definition of Done",
    "Owner",
    "Quarter",
    "Q2 2026",
    "<!--",
    "-->",
    "->",
    "okr-lint-disable",
    "okr-lint-",
    "okr-lint-enable",
    "rule-a",
    ",",
    "```",
    "~~~",
    "`",
    "<div>",
    "</p>",
    "<",
    ">",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "é",
    "İ",
    "😀",
    "中",
    "\u{301}",
    "\u{FEFF}",
    "x",
    "word",
    "Build",
    "0",
    "9",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_documents_from_grammar_tokens(doc in document()) {
        assert_same(&doc);
    }

    #[test]
    fn arbitrary_text(doc in "\\PC{0,200}") {
        assert_same(&doc);
    }
}
