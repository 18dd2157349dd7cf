"""okr-lint for Python: lint OKRs written in Markdown.

>>> import okr_lint
>>> report = okr_lint.lint("## Objective: Empower developers\\n")
>>> [d.rule for d in report]
['kr-count', 'hype-word', 'objective-missing-outcome']
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _okr_lint
from ._model import (
    ByteSpan,
    Diagnostic,
    Document,
    Edit,
    Fix,
    KeyResult,
    Label,
    Metadata,
    Objective,
    Rule,
    Section,
    document_from_json,
)
from ._report import ObjectiveRef, Report

__version__: str = _okr_lint.__version__

__all__ = [
    "ByteSpan",
    "ConfigError",
    "Diagnostic",
    "Document",
    "Edit",
    "Fix",
    "KeyResult",
    "Label",
    "Metadata",
    "Objective",
    "ObjectiveRef",
    "Report",
    "Rule",
    "Section",
    "UnreadableFileError",
    "lint",
    "lint_file",
    "lint_paths",
    "parse",
    "rules",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]
ConfigArg = Union[Mapping[str, Any], PathLike, None]


class ConfigError(ValueError):
    """The configuration cannot be used. ``key`` names the offending key or
    value; ``suggestion`` is a did-you-mean, when there is one."""

    def __init__(self, message: str, key: Optional[str] = None, suggestion: Optional[str] = None) -> None:
        self.message = message
        self.key = key
        self.suggestion = suggestion
        text = message + (f" (did you mean `{suggestion}`?)" if suggestion else "")
        super().__init__(text)


class UnreadableFileError(OSError):
    """A file that is not UTF-8 text (binary, or another encoding)."""


def _read(path: PathLike) -> str:
    name = os.fspath(path)
    with open(name, "rb") as f:
        data = f.read()
    nul = data.find(b"\0", 0, 8192)
    if nul >= 0:
        raise UnreadableFileError(0, f"binary file (NUL byte at offset {nul}), not OKR text", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UnreadableFileError(0, f"not UTF-8 text (invalid byte at offset {e.start})", name) from None


def _config(config: ConfigArg) -> Optional[Tuple[str, str]]:
    if config is None:
        return None
    if isinstance(config, Mapping):
        try:
            return ("json", json.dumps(dict(config)))
        except TypeError as e:
            raise ConfigError(f"the configuration must hold plain values: {e}") from None
    name = os.fspath(config)
    text = _read(name)
    return ("pyproject" if os.path.basename(name) == "pyproject.toml" else "toml", text)


def _run(files: List[Tuple[str, str]], config: ConfigArg) -> Report:
    raw = json.loads(_okr_lint.lint_json(files, _config(config)))
    if "config_error" in raw:
        e = raw["config_error"]
        raise ConfigError(e["message"], e.get("key"), e.get("suggestion"))
    return Report(raw, dict(files))


def lint(text: str, *, path: Optional[str] = None, config: ConfigArg = None) -> Report:
    """Lint one document given as text. ``path`` names it in diagnostics.

    ``config`` is a dict with the keys of ``okr-lint.toml``, or the path of
    such a file (or of a ``pyproject.toml`` with ``[tool.okr-lint]``).
    """
    return _run([(path or "<string>", text)], config)


def lint_file(path: PathLike, *, config: ConfigArg = None) -> Report:
    """Lint one file. Raises ``OSError`` (``UnreadableFileError`` for
    non-UTF-8 or binary files) naming the path."""
    name = os.fspath(path)
    return _run([(name, _read(name))], config)


def _is_okr_file(name: str) -> bool:
    return name.endswith(".okr.md") or name.endswith(".okr")


def lint_paths(paths: Iterable[PathLike], *, config: ConfigArg = None) -> Report:
    """Lint files and directories together as one workspace, so workspace
    rules (unknown-parent, phase-drift, overlapping-krs, ...) see all of them.
    Directories are searched for ``*.okr.md`` and ``*.okr``, skipping hidden
    entries; files named explicitly are linted whatever their name."""
    names: List[str] = []
    for p in paths:
        name = os.fspath(p)
        if os.path.isdir(name):
            found = []
            for root, dirs, files in os.walk(name):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if _is_okr_file(f) and not f.startswith("."))
            if not found:
                raise FileNotFoundError(2, "no OKR files (*.okr.md, *.okr) in this directory", name)
            names.extend(found)
        else:
            names.append(name)
    unique = sorted(set(names))
    return _run([(n, _read(n)) for n in unique], config)


def parse(text: str) -> Document:
    """The OKR tree of a document: sections, objectives, key results with
    labels, kinds and Definition of Done, and any syntax errors."""
    return document_from_json(json.loads(_okr_lint.parse_json(text)), "<string>")


def rules() -> List[Rule]:
    """Every rule with its code, name, default severity and documentation."""
    return [Rule(**r) for r in json.loads(_okr_lint.rules_json())]
