import threading
import time
from concurrent.futures import ThreadPoolExecutor

import okr_lint
from conftest import ROOT

CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.okr.md"))
TEXTS = [p.read_text() for p in CORPUS]


def lint_all(i: int):
    return [okr_lint.lint(t, path=f"{i}-{n}.okr.md").to_json() for n, t in enumerate(TEXTS)]


def test_lint_from_eight_threads_at_once():
    expected = {i: lint_all(i) for i in range(8)}
    start = threading.Barrier(8)

    def work(i: int):
        start.wait()
        return i, lint_all(i)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(pool.map(work, range(8)))
    assert results == expected


def test_the_gil_is_released_while_linting():
    # A large document keeps the core busy; a Python thread counting in the
    # meantime must make progress, which it cannot while the GIL is held.
    big = "\n".join(TEXTS) * 40
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.01)
    before = ticks
    okr_lint._okr_lint.lint_json([("big.okr.md", big)])  # the native call alone
    during = ticks - before
    done.set()
    t.join()
    assert during > 100, f"only {during} ticks while linting: is the GIL held?"
