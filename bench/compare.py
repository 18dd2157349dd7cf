#!/usr/bin/env python3
"""Compare okr-lint with the tools people would otherwise run on OKR drafts,
on one generated corpus, in one run.

    python3 bench/compare.py 10MB [--timeout 600] [--threads 1]

Tools (install once into bench/.tools, ignored by git):
    python3 -m venv bench/.tools/venv && bench/.tools/venv/bin/pip install proselint
    (cd bench/.tools && npm install write-good alex textlint textlint-rule-write-good)
    apt-get install ripgrep
ripgrep searches the same word lists okr-lint uses (`rg -i -w -e ...`): the
floor for any lexical scan. Prints a Markdown table: wall time, MB/s, peak
memory, and each tool's time as a multiple of okr-lint's.
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
TOOLS = ROOT / "bench" / ".tools"


def run_timed(cmd, timeout, env=None):
    """(wall seconds, peak RSS in MB) of a command, via /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as t:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", t.name, *cmd]
        try:
            subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return None, None
        wall, rss = t.read().split()[-2:]
        return float(wall), int(rss) / 1024


def word_list_terms():
    """Single words of the okr-lint word lists (from docs/word-lists.md)."""
    text = (ROOT / "docs" / "word-lists.md").read_text()
    terms = set()
    for section in re.split(r"\n## ", text)[1:]:
        name = section.split("\n", 1)[0].strip()
        if name in ("hype-words", "vague-words", "activity-verbs", "aspirational"):
            for t in re.findall(r"`([^`]+)`", section.split("\n", 2)[2]):
                if " " not in t and "*" not in t:
                    terms.add(t)
    return sorted(terms)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size", help="corpus size: 10KB, 1MB, 10MB, 100MB")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per tool")
    ap.add_argument("--threads", default="1", help="threads for okr-lint (RAYON_NUM_THREADS) and ripgrep (-j)")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "-q", "--release", "-p", "okr-lint-cli", "-p", "okr-lint-bench"], cwd=ROOT, check=True)
    corpus = pathlib.Path(tempfile.mkdtemp(prefix="okr-compare-"))
    subprocess.run([str(ROOT / "target/release/gen-corpus"), args.size, str(corpus)], check=True)
    files = sorted(str(p) for p in corpus.rglob("*.okr.md"))
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    largest = max(os.path.getsize(f) for f in files) / 1e6

    def xargs(*cmd):
        # Tools that take file names: feed them through xargs, like a user would.
        return ["sh", "-c", f"find '{corpus}' -name '*.okr.md' -print0 | xargs -0 {' '.join(cmd)}"]

    terms = word_list_terms()
    # On as many threads as okr-lint (ripgrep would otherwise use every core).
    rg = ["rg", "-j", args.threads, "-i", "-w", "-c"] + [a for t in terms for a in ("-e", t)] + [str(corpus)]
    okr_env = dict(os.environ, RAYON_NUM_THREADS=args.threads)
    node = TOOLS / "node_modules" / ".bin"
    textlintrc = TOOLS / ".textlintrc.json"
    textlintrc.write_text('{"rules": {"write-good": true}}')
    tools = [
        ("okr-lint", [str(ROOT / "target/release/okr-lint"), "check", str(corpus), "--isolated", "--output-format", "concise"], okr_env),
        (f"ripgrep ({len(terms)} words)", rg, None),
        ("proselint", xargs(str(TOOLS / "venv/bin/proselint"), "check"), None),
        ("write-good", xargs(str(node / "write-good")), None),
        ("alex", xargs(str(node / "alex")), None),
        ("textlint (write-good rule)", xargs(str(node / "textlint"), "--config", str(textlintrc)), None),
    ]
    rows = []
    for name, cmd, env in tools:
        exe = cmd[0] if cmd[0] != "sh" else None
        if exe and not shutil.which(exe) and not os.path.exists(exe):
            rows.append((name, None, None))
            continue
        wall, rss = run_timed(cmd, args.timeout, env)
        rows.append((name, wall, rss))
        print(f"  {name}: {wall if wall is not None else 'timeout'} s", file=sys.stderr)
    base = rows[0][1]
    print(f"Corpus: {args.size} generated ({len(files)} files, {mb:.1f} MB, largest file {largest * 1000:.0f} KB); okr-lint and ripgrep with {args.threads} thread(s).\n")
    print("| tool | wall time | MB/s | peak memory | time vs okr-lint |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, wall, rss in rows:
        if wall is None:
            print(f"| {name} | > {args.timeout} s (stopped) | | | |")
            continue
        ratio = f"{wall / base:.2f}x" if base else ""
        print(f"| {name} | {wall:.2f} s | {mb / max(wall, 1e-3):.1f} | {rss:.0f} MB | {ratio} |")
    shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    main()
