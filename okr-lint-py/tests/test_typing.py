"""The annotations and stubs are checked, not just shipped."""

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True)


def test_mypy_strict_on_a_script_using_every_public_name():
    p = run("mypy", "--strict", "--no-incremental", str(HERE / "typecheck_usage.py"))
    assert p.returncode == 0, p.stdout + p.stderr


def test_stubs_match_the_native_module():
    p = run("mypy.stubtest", "okr_lint._okr_lint")
    assert p.returncode == 0, p.stdout + p.stderr


def test_package_ships_stubs_and_py_typed():
    import okr_lint

    pkg = pathlib.Path(okr_lint.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert (pkg / "_okr_lint.pyi").is_file()
    native = [p.name for p in pkg.iterdir() if p.name.startswith("_okr_lint") and p.suffix in (".so", ".pyd")]
    assert native and all(".abi3." in n or n.endswith(".pyd") for n in native), native
