#!/usr/bin/env bash
# End-to-end test of the repository's pre-commit hook: pre-commit (from PyPI,
# in a cached venv) installs it from this repository the way users get it
# (`cargo install --path .`) and runs it on a scratch git repository holding
# a clean OKR file, a bad one, and a Markdown file the hook must not read.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache="$root/tests/.cache"
venv="$cache/venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
fi
export PRE_COMMIT_HOME="$cache/pre-commit"
# Reuse compiled dependencies between runs of `cargo install`.
export CARGO_TARGET_DIR="$root/target/pre-commit"
# The test needs the hook to work, not a maximally optimised binary.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q
git config user.email test@example.com
git config user.name test
cp "$root/tests/fixtures/secrets-vault.okr.md" clean.okr.md
cp "$root/tests/fixtures/mistakes.okr.md" bad.okr.md
printf '## Objective: Empower everyone\n' > notes.md
git add -A

fail() { echo "pre-commit test failed: $*" >&2; echo "$out" >&2; exit 1; }
set +e
out=$("$venv/bin/pre-commit" try-repo "$root" okr-lint --all-files --color never 2>&1)
code=$?
set -e
[ "$code" -ne 0 ] || fail "the hook passed although bad.okr.md has errors"
grep -q "okr-lint.*Failed" <<<"$out" || fail "no failed okr-lint hook in the output"
grep -q "bad.okr.md:10:6" <<<"$out" || fail "the stretch-on-dependency error in bad.okr.md is not reported"
grep -q "clean.okr.md:.*warning\|clean.okr.md:.*error" <<<"$out" && fail "clean.okr.md was flagged"
grep -q "notes.md" <<<"$out" && fail "the hook read notes.md, which is not an OKR file"

# The clean file alone passes.
git rm -q --cached bad.okr.md && rm bad.okr.md
set +e
out=$("$venv/bin/pre-commit" try-repo "$root" okr-lint --all-files --color never 2>&1)
code=$?
set -e
[ "$code" -eq 0 ] || fail "the hook failed on a clean file"
echo "pre-commit hook: bad file fails, clean file passes, other Markdown ignored"
