"""Typed, read-only objects built from the core's JSON."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Dict, List, Literal, Mapping, Optional, Tuple

Severity = Literal["error", "warning", "info"]
Commitment = Literal["committed", "stretch", "unlabeled"]
Kind = Literal["impact", "progress", "delivery", "discovery"]


def _plain(value: Any) -> Any:
    """Dataclasses and tuples to dicts and lists, for JSON and pandas."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _AsDict:
    """``to_dict()``: the object as plain dicts and lists."""

    def to_dict(self) -> Dict[str, Any]:
        return _plain(self)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class ByteSpan:
    """Byte offsets into the UTF-8 text: ``text.encode()[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Label:
    """A secondary location that explains a diagnostic."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    span: ByteSpan
    message: str


@dataclass(frozen=True)
class Edit:
    """Replace the text at ``span`` with ``replacement``."""

    line: int
    column: int
    end_line: int
    end_column: int
    span: ByteSpan
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A change that resolves a diagnostic; ``safe`` fixes keep the meaning."""

    message: str
    applicability: Literal["safe", "unsafe"]
    edits: Tuple[Edit, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One finding.

    ``line``/``column`` are 1-based; columns count code points, like Python
    string indices, so ``source_line[column - 1]`` is the first flagged
    character. ``span`` holds byte offsets into the UTF-8 text.
    """

    code: str
    rule: str
    severity: Severity
    message: str
    help: Optional[str]
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    span: ByteSpan
    labels: Tuple[Label, ...]
    fix: Optional[Fix]
    objective: Optional[str] = dataclasses.field(default=None, compare=False)
    """ID (or statement) of the objective the finding is in, if any."""
    team: Optional[str] = dataclasses.field(default=None, compare=False)
    """Team of that objective, if it names one (directly or by its section)."""

    def to_dict(self) -> Dict[str, Any]:
        """The diagnostic exactly as ``okr-lint check --output-format json`` has it."""

        def full(line: int, column: int, end_line: int, end_column: int, span: ByteSpan) -> Dict[str, int]:
            return {
                "start": span.start,
                "end": span.end,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
            }

        labels: List[Dict[str, Any]] = []
        for l in self.labels:
            label: Dict[str, Any] = {}
            if l.path != self.path:
                label["path"] = l.path
            label["span"] = full(l.line, l.column, l.end_line, l.end_column, l.span)
            label["message"] = l.message
            labels.append(label)
        fix = None
        if self.fix is not None:
            fix = {
                "message": self.fix.message,
                "applicability": self.fix.applicability,
                "edits": [
                    {"span": full(e.line, e.column, e.end_line, e.end_column, e.span), "replacement": e.replacement}
                    for e in self.fix.edits
                ],
            }
        return {
            "path": self.path,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "span": {"start": self.span.start, "end": self.span.end},
            "help": self.help,
            "labels": labels,
            "fix": fix,
        }

    def __repr__(self) -> str:
        return f"<Diagnostic {self.path}:{self.line}:{self.column} {self.severity} {self.code} {self.rule}: {self.message}>"


def _span(d: Mapping[str, Any]) -> ByteSpan:
    return ByteSpan(int(d["start"]), int(d["end"]))


def diagnostic_from_json(d: Mapping[str, Any], objective: Optional[str] = None, team: Optional[str] = None) -> Diagnostic:
    labels = tuple(
        Label(
            path=str(l.get("path") or d["path"]),
            line=int(l["span"]["line"]),
            column=int(l["span"]["column"]),
            end_line=int(l["span"]["end_line"]),
            end_column=int(l["span"]["end_column"]),
            span=_span(l["span"]),
            message=str(l["message"]),
        )
        for l in d.get("labels") or []
    )
    fix = None
    if d.get("fix"):
        f = d["fix"]
        fix = Fix(
            message=str(f["message"]),
            applicability=f["applicability"],
            edits=tuple(
                Edit(
                    line=int(e["span"]["line"]),
                    column=int(e["span"]["column"]),
                    end_line=int(e["span"]["end_line"]),
                    end_column=int(e["span"]["end_column"]),
                    span=_span(e["span"]),
                    replacement=str(e["replacement"]),
                )
                for e in f["edits"]
            ),
        )
    return Diagnostic(
        code=str(d["code"]),
        rule=str(d["rule"]),
        severity=d["severity"],
        message=str(d["message"]),
        help=d.get("help"),
        path=str(d["path"]),
        line=int(d["line"]),
        column=int(d["column"]),
        end_line=int(d["end_line"]),
        end_column=int(d["end_column"]),
        span=_span(d["span"]),
        labels=labels,
        fix=fix,
        objective=objective,
        team=team,
    )


@dataclass(frozen=True)
class Rule:
    """A rule of the catalog."""

    code: str
    name: str
    default_severity: Literal["error", "warning", "info", "off"]
    """``off`` for opt-in rules."""
    fixable: bool
    summary: str
    documentation: str
    """Markdown: What it does / Why / Example / Use instead."""

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name} ({self.default_severity})>"


# ---------------------------------------------------------------- the OKR tree


@dataclass(frozen=True)
class Metadata:
    """A ``Key: value`` line."""

    key: str
    value: str
    line: int


@dataclass(frozen=True)
class KeyResult(_AsDict):
    id: Optional[str]
    """A global ID (``KR SEC-1.3``)."""
    number: Optional[str]
    """A local number fused to the marker (``KR2``)."""
    commitment: Commitment
    statement: str
    kind: Kind
    kind_reason: str
    """``declared``, ``metric``, ``discovery-verb`` or ``default``."""
    kind_evidence: Tuple[str, ...]
    blocks: Tuple[str, ...]
    owner: Optional[str]
    due: Optional[str]
    done: Optional[Tuple[str, ...]]
    """Definition of Done criteria, or None when the KR has no ``Done:``."""
    metadata: Tuple[Metadata, ...]
    line: int
    column: int
    span: ByteSpan


@dataclass(frozen=True)
class Objective(_AsDict):
    id: Optional[str]
    statement: str
    phase: Optional[str]
    team: Optional[str]
    quarter: Optional[str]
    """``Q2 2026``, from the objective or its sections."""
    spans: Optional[Tuple[str, str]]
    parent: Optional[str]
    owner: Optional[str]
    metadata: Tuple[Metadata, ...]
    key_results: Tuple[KeyResult, ...]
    section: Optional[int]
    """Index into ``Document.sections``."""
    line: int
    column: int
    span: ByteSpan


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    parent: Optional[int]
    metadata: Tuple[Metadata, ...]
    line: int


@dataclass(frozen=True)
class Document:
    """A parsed OKR file."""

    sections: Tuple[Section, ...]
    objectives: Tuple[Objective, ...]
    metadata: Tuple[Metadata, ...]
    errors: Tuple[Diagnostic, ...]
    """Syntax errors."""

    @property
    def key_results(self) -> List[KeyResult]:
        return [kr for o in self.objectives for kr in o.key_results]

    def to_dict(self) -> Dict[str, Any]:
        d = _plain(self)
        d["errors"] = [e.to_dict() for e in self.errors]
        return d  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<Document: {len(self.sections)} sections, {len(self.objectives)} objectives, {len(self.key_results)} key results>"

    def _repr_html_(self) -> str:
        from ._html import document_html

        return document_html(self)


def _meta(items: Any) -> Tuple[Metadata, ...]:
    return tuple(Metadata(str(m["key"]["value"]), str(m["value"]["value"]), int(m["span"]["line"])) for m in items)


def _opt(field: Any) -> Optional[str]:
    return None if field is None else str(field["value"])


def document_from_json(raw: Mapping[str, Any], path: str) -> Document:
    doc = raw["document"]
    objectives = []
    for o in doc["objectives"]:
        krs = tuple(
            KeyResult(
                id=_opt(k["id"]),
                number=_opt(k["number"]),
                commitment=k["commitment"],
                statement=str(k["statement"]["value"]),
                kind=k["kind"],
                kind_reason=str(k["kind_evidence"]["reason"]),
                kind_evidence=tuple(str(e["value"]) for e in k["kind_evidence"]["spans"]),
                blocks=tuple(str(b["value"]) for b in k["blocks"]),
                owner=_opt(k["owner"]),
                due=_opt(k["due"]),
                done=None if k["done"] is None else tuple(str(c["value"]) for c in k["done"]["criteria"]),
                metadata=_meta(k["metadata"]),
                line=int(k["span"]["line"]),
                column=int(k["span"]["column"]),
                span=_span(k["span"]),
            )
            for k in o["key_results"]
        )
        quarter = o["quarter"]["value"] if o["quarter"] else None
        spans = o["spans"]["value"] if o["spans"] else None
        q = lambda v: f"Q{v['quarter']} {v['year']}"  # noqa: E731
        objectives.append(
            Objective(
                id=_opt(o["id"]),
                statement=str(o["statement"]["value"]),
                phase=_opt(o["phase"]),
                team=_opt(o["team"]),
                quarter=q(quarter) if quarter else None,
                spans=(q(spans["from"]), q(spans["to"])) if spans else None,
                parent=_opt(o["parent"]),
                owner=_opt(o["owner"]),
                metadata=_meta(o["metadata"]),
                key_results=krs,
                section=o["section"],
                line=int(o["span"]["line"]),
                column=int(o["span"]["column"]),
                span=_span(o["span"]),
            )
        )
    sections = tuple(
        Section(str(s["title"]["value"]), int(s["level"]), s["parent"], _meta(s["metadata"]), int(s["span"]["line"]))
        for s in doc["sections"]
    )
    errors = tuple(diagnostic_from_json({**e, "path": path}) for e in raw["errors"])
    return Document(sections=sections, objectives=tuple(objectives), metadata=_meta(doc["metadata"]), errors=errors)
