"""The result of linting: a sequence of diagnostics with views for analysis."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union, overload

from ._model import Diagnostic, diagnostic_from_json


@dataclass(frozen=True)
class ObjectiveRef:
    """Where an objective lies, for grouping findings."""

    label: str
    """Its ID, or its statement when it has none."""
    team: Optional[str]
    line: int
    start: int
    end: int


class Report(Sequence[Diagnostic]):
    """Diagnostics sorted by path and position, with the linted sources."""

    def __init__(self, raw: Mapping[str, Any], sources: Mapping[str, str]) -> None:
        self.sources: Dict[str, str] = dict(sources)
        self.objectives: Dict[str, List[ObjectiveRef]] = {
            path: [
                ObjectiveRef(
                    label=str(o["id"] or o["statement"]),
                    team=o["team"],
                    line=int(o["line"]),
                    start=int(o["start"]),
                    end=int(o["end"]),
                )
                for o in objs
            ]
            for path, objs in raw.get("objectives", {}).items()
        }
        # Objectives do not overlap and come in source order: bisect by start.
        self._starts: Dict[str, List[int]] = {p: [o.start for o in objs] for p, objs in self.objectives.items()}
        diags = []
        for d in raw["diagnostics"]:
            owner = self._objective_at(str(d["path"]), int(d["span"]["start"]))
            diags.append(diagnostic_from_json(d, owner.label if owner else None, owner.team if owner else None))
        self._diagnostics: Tuple[Diagnostic, ...] = tuple(diags)

    def _objective_at(self, path: str, offset: int) -> Optional[ObjectiveRef]:
        i = bisect_right(self._starts.get(path, []), offset) - 1
        if i < 0:
            return None
        o = self.objectives[path][i]
        return o if offset < max(o.end, o.start + 1) else None

    @overload
    def __getitem__(self, i: int) -> Diagnostic: ...
    @overload
    def __getitem__(self, i: slice) -> Tuple[Diagnostic, ...]: ...
    def __getitem__(self, i: Union[int, slice]) -> Union[Diagnostic, Tuple[Diagnostic, ...]]:
        return self._diagnostics[i]

    def __len__(self) -> int:
        return len(self._diagnostics)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._diagnostics)

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self._diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self._diagnostics if d.severity == "warning"]

    @property
    def infos(self) -> List[Diagnostic]:
        return [d for d in self._diagnostics if d.severity == "info"]

    @property
    def ok(self) -> bool:
        """No errors and no warnings (suggestions may remain)."""
        return not any(d.severity in ("error", "warning") for d in self._diagnostics)

    def by_rule(self) -> Dict[str, List[Diagnostic]]:
        """Findings per rule name, the most frequent rule first."""
        groups: Dict[str, List[Diagnostic]] = {}
        for d in self._diagnostics:
            groups.setdefault(d.rule, []).append(d)
        return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))

    def by_objective(self) -> Dict[Optional[str], List[Diagnostic]]:
        """Findings per objective (its ID, or statement); ``None`` collects
        findings outside any objective."""
        groups: Dict[Optional[str], List[Diagnostic]] = {}
        for d in self._diagnostics:
            groups.setdefault(d.objective, []).append(d)
        return groups

    def to_json(self) -> str:
        """``{"diagnostics": [...]}``, as ``okr-lint check --output-format json``."""
        return json.dumps({"diagnostics": [d.to_dict() for d in self._diagnostics]}, ensure_ascii=False)

    def to_records(self) -> List[Dict[str, Any]]:
        """One flat dict per diagnostic (for CSV, pandas, spreadsheets)."""
        return [
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "end_line": d.end_line,
                "end_column": d.end_column,
                "start": d.span.start,
                "end": d.span.end,
                "severity": d.severity,
                "code": d.code,
                "rule": d.rule,
                "message": d.message,
                "help": d.help,
                "objective": d.objective,
                "team": d.team,
                "fixable": d.fix is not None and d.fix.applicability == "safe",
            }
            for d in self._diagnostics
        ]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of :meth:`to_records` (needs ``okr-lint[pandas]``)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas() needs pandas: pip install 'okr-lint[pandas]'") from e
        columns = list(self.to_records()[0]) if self._diagnostics else [
            "path", "line", "column", "end_line", "end_column", "start", "end", "severity",
            "code", "rule", "message", "help", "objective", "team", "fixable",
        ]
        return pd.DataFrame.from_records(self.to_records(), columns=columns)

    def __repr__(self) -> str:
        c = {s: sum(1 for d in self._diagnostics if d.severity == s) for s in ("error", "warning", "info")}
        n = len(self.sources)
        return f"<Report: {c['error']} errors, {c['warning']} warnings, {c['info']} infos in {n} file{'' if n == 1 else 's'}>"

    def _repr_html_(self) -> str:
        from ._html import report_html

        return report_html(self)
