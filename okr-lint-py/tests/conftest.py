import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def cli() -> str:
    """The okr-lint binary (OKR_LINT_BIN, else built with cargo)."""
    path = os.environ.get("OKR_LINT_BIN")
    if path:
        return path
    subprocess.run(["cargo", "build", "-q", "-p", "okr-lint-cli"], cwd=ROOT, check=True)
    return str(ROOT / "target" / "debug" / "okr-lint")
