import dataclasses
import json
import os
import pathlib
import subprocess

import pytest

import okr_lint
from conftest import FIXTURES, ROOT

MISTAKES = FIXTURES / "mistakes.okr.md"


def test_lint_text_returns_a_report():
    r = okr_lint.lint("## Objective: Empower developers\n")
    assert [d.rule for d in r] == ["kr-count", "hype-word", "objective-missing-outcome"]
    assert r[1].path == "<string>"
    assert len(r) == 3 and r[-1] is r[2] and r[0:2] == (r[0], r[1])
    assert not r.ok and len(r.warnings) == 3 and r.errors == [] and r.infos == []
    assert okr_lint.lint("## Objective: Reduce p95 from 2s to 1s\n", path="a.okr.md", config={"ignore": ["kr-count"]}).ok


def test_diagnostic_fields_and_repr():
    r = okr_lint.lint_file(MISTAKES)
    d = r[0]
    assert (d.code, d.rule, d.severity, d.line, d.column, d.end_line, d.end_column) == ("OKR101", "hype-word", "warning", 6, 15, 6, 22)
    assert d.path == str(MISTAKES)
    assert MISTAKES.read_bytes()[d.span.start : d.span.end] == b"Empower"
    assert d.help and "What" in d.help
    assert d.objective == "Empower developers with a delightful authentication experience"
    assert d.team == "Developer Experience"  # inherited from the section
    assert repr(d) == f"<Diagnostic {MISTAKES}:6:15 warning OKR101 hype-word: `Empower` is a hype word>"
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.line = 1  # type: ignore[misc]
    stretch = next(x for x in r if x.rule == "stretch-on-dependency")
    assert stretch.severity == "error" and stretch.labels[0].message == "other teams depend on this"
    assert stretch.fix is not None and stretch.fix.applicability == "unsafe"
    assert stretch.fix.edits[0].replacement == "(committed)"


def test_report_views():
    r = okr_lint.lint_file(MISTAKES)
    rules = r.by_rule()
    assert list(rules)[0] == "hype-word" and len(rules["hype-word"]) == 3
    objectives = r.by_objective()
    assert set(objectives) == {
        "Empower developers with a delightful authentication experience",
        "Enhance our awesome observability platform",
    }
    assert sum(len(v) for v in objectives.values()) == len(r)
    records = r.to_records()
    assert len(records) == len(r) and all(isinstance(v, (str, int, bool, type(None))) for rec in records for v in rec.values())
    assert records[0]["rule"] == "hype-word" and records[0]["objective"].startswith("Empower")
    assert repr(r) == "<Report: 1 errors, 12 warnings, 0 infos in 1 file>"


def test_to_pandas():
    pd = pytest.importorskip("pandas")
    df = okr_lint.lint_file(FIXTURES / "shared-doc.okr.md").to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == 2
    assert set(df["team"].dropna()) == {"Data Platform", "Platform Engineering"}
    empty = okr_lint.lint("# Nothing here\n").to_pandas()
    assert len(empty) == 0 and "rule" in empty.columns


def test_workspace_rules_across_paths(tmp_path):
    report = okr_lint.lint_paths([FIXTURES / "multi-quarter"])
    assert [(pathlib.Path(d.path).name, d.line, d.rule) for d in report if d.severity != "info"] == [
        ("q2-2026.okr.md", 6, "missing-phase-label"),
        ("q3-2026.okr.md", 6, "phase-drift"),
        ("q3-2026.okr.md", 13, "missing-definition-of-done"),
    ]
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.okr.md").write_text("## Objective: Empower\n")
    (tmp_path / "notes.md").write_text("## Objective: Empower\n")
    with pytest.raises(FileNotFoundError) as e:
        okr_lint.lint_paths([tmp_path])
    assert e.value.filename == str(tmp_path)
    # Files named explicitly are linted whatever their name.
    assert okr_lint.lint_paths([tmp_path / "notes.md"])[0].path == str(tmp_path / "notes.md")


def test_unreadable_files_raise_oserror_with_the_path(tmp_path):
    with pytest.raises(FileNotFoundError) as e:
        okr_lint.lint_file(tmp_path / "missing.okr.md")
    assert e.value.filename == str(tmp_path / "missing.okr.md")
    latin1 = tmp_path / "latin1.okr.md"
    latin1.write_bytes("## Objective: café\n".encode("latin-1"))
    with pytest.raises(okr_lint.UnreadableFileError) as e2:
        okr_lint.lint_file(latin1)
    assert isinstance(e2.value, OSError) and e2.value.filename == str(latin1)
    assert "offset 17" in str(e2.value)
    binary = tmp_path / "b.okr.md"
    binary.write_bytes(b"PK\x03\x04\x00zip")
    with pytest.raises(OSError, match="binary file"):
        okr_lint.lint_file(binary)


def test_config_dict_and_files(tmp_path):
    text = MISTAKES.read_text()
    assert all(d.rule != "hype-word" for d in okr_lint.lint(text, config={"rules": {"hype-word": "off"}}))
    assert all(d.rule == "vague-verb" for d in okr_lint.lint(text, config={"select": ["OKR201"]}))
    toml = tmp_path / "okr-lint.toml"
    toml.write_text('[rules]\nvague-verb = "error"\n')
    assert [d.severity for d in okr_lint.lint(text, config=toml) if d.rule == "vague-verb"] == ["error"]
    py = tmp_path / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n[tool.okr-lint]\nignore = ["vague-verb"]\n')
    assert all(d.rule != "vague-verb" for d in okr_lint.lint(text, config=str(py)))


@pytest.mark.parametrize(
    ("config", "key", "suggestion"),
    [
        ({"slect": ["all"]}, "slect", "select"),
        ({"rules": {"vage-verb": "off"}}, "vage-verb", "vague-verb"),
        ({"rules": {"vague-verb": "of"}}, "of", "off"),
        ({"kr-count": {"maxx": 3}}, "maxx", "max"),
        ({"words": {"hype": {"extend": ["x"]}}}, "hype", "hype-words"),
    ],
)
def test_bad_config_names_the_key_with_a_suggestion(config, key, suggestion):
    with pytest.raises(okr_lint.ConfigError) as e:
        okr_lint.lint("# T\n", config=config)
    assert (e.value.key, e.value.suggestion) == (key, suggestion)
    assert f"did you mean `{suggestion}`" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_bad_config_file(tmp_path):
    bad = tmp_path / "okr-lint.toml"
    bad.write_text("[kr-count]\nmn = 2\n")
    with pytest.raises(okr_lint.ConfigError, match="did you mean `min`"):
        okr_lint.lint("# T\n", config=bad)
    with pytest.raises(FileNotFoundError):
        okr_lint.lint("# T\n", config=tmp_path / "missing.toml")
    with pytest.raises(okr_lint.ConfigError):
        okr_lint.lint("# T\n", config={"select": {1, 2}})


def test_unicode_columns_are_code_points():
    # Emoji (astral, 2 UTF-16 units, 4 bytes) and CJK before the flagged word.
    text = "## Objective: 🚀 目标 Empower teams to ship\n- KR: Improve 性能 😀 API performance\n"
    r = okr_lint.lint(text)
    lines = text.splitlines()
    hype = next(d for d in r if d.rule == "hype-word")
    assert lines[hype.line - 1][hype.column - 1 : hype.end_column - 1] == "Empower"
    assert text.encode()[hype.span.start : hype.span.end].decode() == "Empower"
    vague = next(d for d in r if d.rule == "vague-verb")
    assert lines[vague.line - 1][vague.column - 1 : vague.end_column - 1] == "Improve"


def test_parse_gives_a_typed_tree():
    doc = okr_lint.parse((FIXTURES / "secrets-vault.okr.md").read_text())
    assert isinstance(doc, okr_lint.Document) and doc.errors == ()
    o = doc.objectives[0]
    assert (o.id, o.team, o.quarter, o.parent, o.phase) == ("SEC-1", "Security Platform", "Q1 2026", "ENG-1", None)
    kr1, kr2, kr3, kr4 = o.key_results
    assert kr1.commitment == "committed" and kr1.blocks == ("Payments", "Mobile") and kr1.done and len(kr1.done) == 3
    assert kr2.done == ("No secret matches in the top 10 services' repositories on the weekly scan",)
    assert (kr3.commitment, kr3.kind, kr3.kind_reason) == ("stretch", "impact", "metric")
    assert kr4.kind_evidence == ("from 4/quarter to 0/quarter",)
    assert doc.sections[0].title == "Security Platform OKRs"
    json.dumps(doc.to_dict())  # plain data
    with pytest.raises(dataclasses.FrozenInstanceError):
        o.statement = "x"  # type: ignore[misc]
    shared = okr_lint.parse((FIXTURES / "shared-doc.okr.md").read_text())
    assert shared.objectives[2].spans == ("Q1 2026", "Q3 2026")
    assert shared.objectives[2].phase == "Core services extraction"
    broken = okr_lint.parse("- KR (strech): x\n")
    assert broken.errors and broken.errors[0].rule == "syntax-error"


def test_rules_have_documentation(cli):
    rules = okr_lint.rules()
    expected = json.loads(subprocess.run([cli, "rules", "--output-format", "json"], capture_output=True, check=True).stdout)
    assert [(r.code, r.name, r.default_severity, r.fixable, r.summary) for r in rules] == [
        (e["code"], e["name"], "off" if not e["enabled_by_default"] else e["default_severity"], e["fixable"], e["summary"]) for e in expected
    ]
    assert all("## What it does" in r.documentation and "## Use instead" in r.documentation for r in rules)


def _fixture_sets():
    sets = [[f] for f in sorted(FIXTURES.glob("*.okr.md"))]
    sets.append(sorted((FIXTURES / "multi-quarter").glob("*.okr.md")))
    corpus = sorted((ROOT / "tests" / "corpus").glob("*.okr.md"))
    sets.append(corpus)
    return sets


@pytest.mark.parametrize("files", _fixture_sets(), ids=lambda fs: fs[0].name if len(fs) == 1 else fs[0].parent.name)
def test_same_diagnostics_as_the_cli(cli, files):
    rel = [str(f.relative_to(ROOT)) for f in files]
    proc = subprocess.run([cli, "check", "--isolated", "--output-format", "json", *rel], cwd=ROOT, capture_output=True)
    assert proc.returncode in (0, 1), proc.stderr
    expected = json.loads(proc.stdout)["diagnostics"]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        report = okr_lint.lint_paths(rel)
    finally:
        os.chdir(cwd)
    assert json.loads(report.to_json())["diagnostics"] == expected
    assert [d.to_dict() for d in report] == expected


def test_version():
    assert okr_lint.__version__ == "0.1.0"
