#!/usr/bin/env bash
# End-to-end: headless Neovim (Debian's package) attaches `okr-lint server`
# to an OKR file and reports the diagnostics it received.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="${OKR_LINT_BIN:-$root/target/debug/okr-lint}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '# Team\n\n## Objective: 🚀 目标 Empower developers with a delightful platform\n\n- KR: Improve API performance\n' > "$work/draft.okr.md"
OKR_LINT_BIN="$bin" OKR_FILE="$work/draft.okr.md" OKR_OUT="$work/out.json" \
  timeout 60 nvim --headless --clean -n -c "luafile $root/tests/neovim/e2e.lua"
python3 - "$work/out.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
d = {(x["code"], x["lnum"], x["col"]) for x in r["diagnostics"]}
assert r["attached"], f"no diagnostics arrived: {r}"
# Line 3 (0-based 2); Neovim 0.7 negotiates UTF-16 and converts columns to bytes:
# "## Objective: " 14 bytes + 🚀 4 + space + 目标 6 + space = 26.
assert ("OKR101", 2, 26) in d, d
assert ("OKR201", 4, 6) in d, d
print(f"neovim: {len(r['diagnostics'])} diagnostics received over {r['encoding']}: {sorted(c for c, _, _ in d)}")
PY
