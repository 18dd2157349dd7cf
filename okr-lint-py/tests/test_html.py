"""The Jupyter HTML reprs, parsed."""

from html.parser import HTMLParser
from typing import Dict, List, Optional, Tuple

import okr_lint
from conftest import FIXTURES


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: List[Tuple[Dict[str, Optional[str]], str]] = []
        self.rows: List[List[str]] = []
        self.items = 0
        self._mark: Optional[Dict[str, Optional[str]]] = None
        self._text = ""
        self._row: Optional[List[str]] = None
        self._cell: Optional[str] = None
        self.stack: List[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "meta"):
            self.stack.append(tag)
        if tag == "mark":
            self._mark, self._text = dict(attrs), ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag == "li":
            self.items += 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()
        if tag == "mark":
            assert self._mark is not None
            self.marks.append((self._mark, self._text))
            self._mark = None
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._mark is not None:
            self._text += data
        if self._cell is not None:
            self._cell += data


def parse(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    c.close()
    assert c.stack == [], f"unclosed tags: {c.stack}"
    return c


def test_report_html_highlights_every_finding():
    report = okr_lint.lint_file(FIXTURES / "mistakes.okr.md")
    c = parse(report._repr_html_())
    text = {m[1] for m in c.marks}
    assert {"Empower", "delightful", "awesome", "Improve", "Hold", "(stretch)", "85% of services"} <= text
    for attrs, _ in c.marks:
        assert attrs["class"] in ("okrl-error", "okrl-warning", "okrl-info")
        assert attrs["title"]
    stretch = next(a for a, t in c.marks if t == "(stretch)")
    assert stretch["class"] == "okrl-error" and "a stretch KR blocks Checkout and Search" in (stretch["title"] or "")
    # Overlapping findings share one mark: the most severe colour, every message on hover.
    empower = next(a for a, t in c.marks if t == "Empower")
    assert "hype-word" in (empower["title"] or "") and "objective-missing-outcome" in (empower["title"] or "")
    # The per-objective table.
    header, *rows = c.rows
    assert header == ["File", "Objective", "Team", "Errors", "Warnings", "Infos", "Rules"]
    by_objective = {r[1]: r for r in rows}
    first = by_objective["Empower developers with a delightful authentication experience"]
    assert first[2] == "Developer Experience" and first[3] == "1" and first[4] == "6"
    assert "hype-word ×2" in first[6]


def test_report_html_escapes_the_source():
    report = okr_lint.lint("## Objective: <script>alert(1)</script> Empower & delight teams\n")
    html = report._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    parse(html)


def test_clean_report_lists_objectives_without_findings():
    report = okr_lint.lint_file(FIXTURES / "secrets-vault.okr.md", config={"rules": {"missing-baseline": "off"}})
    c = parse(report._repr_html_())
    assert c.marks == []
    assert [r[1] for r in c.rows[1:]] == ["SEC-1"]


def test_document_outline():
    doc = okr_lint.parse((FIXTURES / "shared-doc.okr.md").read_text())
    c = parse(doc._repr_html_())
    # 3 sections + 3 objectives + 9 key results.
    assert c.items == 15
    html = doc._repr_html_()
    assert "Core services extraction" in html and ">delivery<" in html and ">stretch<" in html
