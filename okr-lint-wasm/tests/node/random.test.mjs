// Random documents through the whole JavaScript path (strings in, UTF-16
// conversion, the JSON writer, JSON.parse): never a throw, every position
// inside the text, and offsets agreeing with line/column as JavaScript
// counts them. Deterministic: a fixed-seed generator.
import assert from "node:assert/strict";
import { test } from "node:test";
import { lint, lintWorkspace, parse } from "okr-lint";

let seed = 0x2545f491;
const rand = (n) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};
const pick = (xs) => xs[rand(xs.length)];

const lines = [
  "## Objective SEC-1: Build a world-class vault to remove secrets (Phase 1)",
  "## Objective: Empower teams",
  "# Payments",
  "Team: Payments",
  "Quarter: Q3 2026",
  "Spans: Q1 2026 - Q3 2026",
  "Parent: CO-9",
  "- KR SEC-1.1 (stretch): Migrate 85% of services",
  "- KR (comitted): Improve things",
  "- KR2: Hold weekly syncs with sales",
  "  Blocks: Mobile, Web",
  "  Done:",
  "    - reachable at /x",
  "<!-- okr-lint-disable-next vague-verb -->",
  "```",
  "> quote",
  "",
];
const pieces = ["😀", "中文", "é", "\u{FEFF}", "\t", "\0", "\u{1}", "\uD800", "\uDFFF", "\u2028", "\"", "\\", "world-class", "improve", " "];

function randomDoc() {
  const out = [];
  for (let i = rand(30); i > 0; i--) {
    let line = pick(lines);
    if (rand(3) === 0) {
      const at = rand(line.length + 1);
      line = line.slice(0, at) + pick(pieces) + line.slice(at);
    }
    out.push(line);
  }
  return out.join(pick(["\n", "\r\n", "\r"]));
}

/** Line and column (1-based, UTF-16) of offset `at`, as editors count. */
function position(text, at) {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      start = i + 1;
    }
  }
  return [line, at - start + 1];
}

function checkPositions(text, p, what) {
  assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length, `${what}: ${p.start}..${p.end} of ${text.length}`);
  // The core splits on the code point; a lone surrogate counts as one unit.
  assert.deepEqual([p.line, p.column], position(text, p.start), `${what}: start of ${JSON.stringify(text)}`);
  assert.deepEqual([p.endLine, p.endColumn], position(text, p.end), `${what}: end`);
}

test("random documents: no throw, positions inside the text and consistent", () => {
  let findings = 0;
  for (let n = 0; n < 400; n++) {
    const text = randomDoc();
    const ds = lint(text, { select: ["all"] });
    for (const d of ds) {
      findings++;
      checkPositions(text, d, d.rule);
      for (const l of d.labels) checkPositions(text, l, `${d.rule} label`);
      for (const e of d.fix?.edits ?? []) {
        assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, "fix edit");
      }
    }
    const { document } = parse(text);
    for (const o of document.objectives) {
      checkPositions(text, o.span, "objective");
      for (const k of o.keyResults) checkPositions(text, k.span, "kr");
    }
  }
  assert.ok(findings > 400, `only ${findings} findings: the generator is too tame`);
});

test("random workspaces: labels in other files point inside those files", () => {
  for (let n = 0; n < 100; n++) {
    const files = Object.fromEntries([0, 1, 2].map((i) => [`f${i}.okr.md`, randomDoc()]));
    for (const d of lintWorkspace(files, { select: ["all"] })) {
      checkPositions(files[d.path], d, d.rule);
      for (const l of d.labels) checkPositions(files[l.path], l, `${d.rule} label`);
    }
  }
});
