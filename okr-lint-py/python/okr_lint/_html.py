"""HTML for Jupyter: the report with flagged words highlighted, and the
document outline. Self-contained (inline styles), escaped throughout."""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

if TYPE_CHECKING:
    from ._model import Diagnostic, Document
    from ._report import Report

_RANK = {"info": 0, "warning": 1, "error": 2}
_COLOURS = {
    "error": ("#fde2e1", "#c0261d"),
    "warning": ("#fff3c4", "#a66a00"),
    "info": ("#e3f0ff", "#1f5fae"),
}
_STYLE = """<style>
.okrl{font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:13px;line-height:1.45;color:inherit}
.okrl table{border-collapse:collapse;margin:.4em 0 1em}
.okrl th,.okrl td{border:1px solid rgba(128,128,128,.35);padding:3px 8px;text-align:left;vertical-align:top}
.okrl th{font-weight:600}
.okrl td.n{text-align:right;font-variant-numeric:tabular-nums}
.okrl pre{white-space:pre-wrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;padding:.6em;border:1px solid rgba(128,128,128,.3);border-radius:4px}
.okrl mark{color:inherit;border-radius:2px;cursor:help}
.okrl .okrl-error{background:#fde2e1;border-bottom:2px solid #c0261d}
.okrl .okrl-warning{background:#fff3c4;border-bottom:2px solid #a66a00}
.okrl .okrl-info{background:#e3f0ff;border-bottom:2px dotted #1f5fae}
.okrl .sev-error{color:#c0261d;font-weight:600}.okrl .sev-warning{color:#a66a00;font-weight:600}.okrl .sev-info{color:#1f5fae}
.okrl .badge{display:inline-block;padding:0 5px;border-radius:8px;font-size:11px;border:1px solid rgba(128,128,128,.5);margin-left:4px}
.okrl ul{margin:.2em 0 .2em 1.2em;padding:0}
</style>"""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(diags: List["Diagnostic"]) -> str:
    c = Counter(d.severity for d in diags)
    return ", ".join(
        f'<span class="sev-{s}">{_plural(c[s], s)}</span>' for s in ("error", "warning", "info")
    )


def _highlight(text: str, diags: List["Diagnostic"]) -> str:
    """The text with every flagged range wrapped in a <mark> whose class is
    the most severe finding there and whose title lists all of them."""
    data = text.encode("utf-8")
    cuts = {0, len(data)}
    ranges: List[Tuple[int, int, "Diagnostic"]] = []
    for d in diags:
        start, end = max(0, d.span.start), min(len(data), d.span.end)
        if end <= start:  # an empty span still gets a visible mark
            end = min(len(data), start + 1)
        ranges.append((start, end, d))
        cuts.update((start, end))
    points = sorted(cuts)
    out: List[str] = []
    for a, b in zip(points, points[1:]):
        piece = data[a:b].decode("utf-8", errors="replace")
        here = [d for (s, e, d) in ranges if s <= a and b <= e]
        if not here:
            out.append(html.escape(piece))
            continue
        worst = max(here, key=lambda d: _RANK[d.severity])
        title = "\n".join(f"{d.severity} {d.code} {d.rule}: {d.message}" + (f" ({d.help})" if d.help else "") for d in here)
        out.append(
            f'<mark class="okrl-{worst.severity}" data-rules="{html.escape(" ".join(sorted({d.rule for d in here})))}"'
            f' title="{html.escape(title)}">{html.escape(piece)}</mark>'
        )
    return "".join(out)


def report_html(report: "Report") -> str:
    diags = list(report)
    parts = [_STYLE, '<div class="okrl">']
    parts.append(f"<p><b>okr-lint</b>: {_counts(diags)} in {_plural(len(report.sources), 'file')}.</p>")
    # Per-objective summary.
    rows: Dict[Tuple[str, Optional[str]], List["Diagnostic"]] = {}
    teams: Dict[Tuple[str, Optional[str]], Optional[str]] = {}
    for path, objectives in report.objectives.items():
        for o in objectives:
            key = (path, o.label)
            rows.setdefault(key, [])
            teams[key] = o.team
    for d in diags:
        key = (d.path, d.objective)
        rows.setdefault(key, []).append(d)
        teams.setdefault(key, d.team)
    parts.append(
        '<table class="okrl-summary"><thead><tr><th>File</th><th>Objective</th><th>Team</th>'
        "<th>Errors</th><th>Warnings</th><th>Infos</th><th>Rules</th></tr></thead><tbody>"
    )
    for (path, label), ds in rows.items():
        c = Counter(d.severity for d in ds)
        rules = ", ".join(f"{r} ×{n}" if n > 1 else r for r, n in Counter(d.rule for d in ds).most_common())
        parts.append(
            f"<tr><td>{html.escape(path)}</td><td>{html.escape(label or '(outside objectives)')}</td>"
            f"<td>{html.escape(teams.get((path, label)) or '')}</td>"
            f'<td class="n sev-error">{c["error"] or ""}</td><td class="n sev-warning">{c["warning"] or ""}</td>'
            f'<td class="n sev-info">{c["info"] or ""}</td><td>{html.escape(rules)}</td></tr>'
        )
    parts.append("</tbody></table>")
    # Each document, highlighted.
    for path, text in report.sources.items():
        mine = [d for d in diags if d.path == path]
        parts.append(
            f"<details open><summary><b>{html.escape(path)}</b>: {_counts(mine)}</summary>"
            f'<pre class="okrl-source">{_highlight(text, mine)}</pre></details>'
        )
    parts.append("</div>")
    return "".join(parts)


def document_html(doc: "Document") -> str:
    parts = [_STYLE, '<div class="okrl okrl-outline">']
    parts.append(f"<p><b>{_plural(len(doc.objectives), 'objective')}</b>, {_plural(len(doc.key_results), 'key result')}"
                 + (f", <span class='sev-error'>{_plural(len(doc.errors), 'syntax error')}</span>" if doc.errors else "") + "</p>")

    def objective_items(indices: List[int]) -> str:
        items = []
        for i in indices:
            o = doc.objectives[i]
            head = f"<b>{html.escape(o.id or 'Objective')}</b>: {html.escape(o.statement)}"
            if o.phase:
                head += f'<span class="badge">{html.escape(o.phase)}</span>'
            krs = "".join(
                f'<li>{html.escape(k.id or (("KR" + k.number) if k.number else "KR"))}: {html.escape(k.statement)}'
                f'<span class="badge" title="kind: {html.escape(k.kind_reason)}">{html.escape(k.kind)}</span>'
                + (f'<span class="badge">{k.commitment}</span>' if k.commitment != "unlabeled" else "")
                + "</li>"
                for k in o.key_results
            )
            items.append(f"<li>{head}<ul>{krs}</ul></li>")
        return "".join(items)

    def section(idx: Optional[int]) -> str:
        children = [i for i, s in enumerate(doc.sections) if s.parent == idx]
        objectives = [i for i, o in enumerate(doc.objectives) if o.section == idx]
        out = objective_items(objectives)
        for c in children:
            s = doc.sections[c]
            out += f"<li><b>{html.escape(s.title)}</b><ul>{section(c)}</ul></li>"
        return out

    parts.append(f"<ul>{section(None)}</ul></div>")
    return "".join(parts)
