"""Uses every public name of okr_lint; `mypy --strict` checks it against the
package's annotations and stubs (see test_typing.py)."""

from __future__ import annotations

import pathlib
from typing import Any, Dict, List, Optional

import okr_lint
from okr_lint import (
    ByteSpan,
    ConfigError,
    Diagnostic,
    Document,
    Edit,
    Fix,
    KeyResult,
    Label,
    Metadata,
    Objective,
    ObjectiveRef,
    Report,
    Rule,
    Section,
    UnreadableFileError,
    lint,
    lint_file,
    lint_paths,
    parse,
    rules,
)

version: str = okr_lint.__version__
report: Report = lint("## Objective: x\n", path="a.okr.md", config={"ignore": ["kr-count"]})
report2: Report = lint_file(pathlib.Path("a.okr.md"), config="okr-lint.toml")
report3: Report = lint_paths(["okrs/", pathlib.Path("b.okr")])
first: Diagnostic = report[0]
some: tuple[Diagnostic, ...] = report[0:2]
errors: List[Diagnostic] = report.errors + report.warnings + report.infos
ok: bool = report.ok
groups: Dict[str, List[Diagnostic]] = report.by_rule()
per_objective: Dict[Optional[str], List[Diagnostic]] = report.by_objective()
as_json: str = report.to_json()
records: List[Dict[str, Any]] = report.to_records()
frame: Any = report.to_pandas()
refs: List[ObjectiveRef] = report.objectives["a.okr.md"]
html: str = report._repr_html_()
span: ByteSpan = first.span
start: int = span.start + first.line + first.column + first.end_line + first.end_column
severity: str = first.severity
labels: tuple[Label, ...] = first.labels
fix: Optional[Fix] = first.fix
edits: tuple[Edit, ...] = fix.edits if fix else ()
plain: Dict[str, Any] = first.to_dict()
doc: Document = parse("# T\n")
section: Section = doc.sections[0]
objective: Objective = doc.objectives[0]
kr: KeyResult = objective.key_results[0]
meta: tuple[Metadata, ...] = kr.metadata + objective.metadata + section.metadata + doc.metadata
done: Optional[tuple[str, ...]] = kr.done
kind: str = kr.kind
outline: str = doc._repr_html_()
all_krs: List[KeyResult] = doc.key_results
rule: Rule = rules()[0]
documentation: str = rule.documentation
try:
    lint("x", config={"slect": []})
except ConfigError as e:
    key: Optional[str] = e.key
    suggestion: Optional[str] = e.suggestion
except UnreadableFileError as u:
    name: object = u.filename
