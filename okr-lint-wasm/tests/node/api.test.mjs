// The API of the npm package on its nodejs build: shapes, UTF-16 positions,
// options and their errors, fixes, parse, rules, ESM and CommonJS.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { lint, lintWorkspace, parse, rules, version } from "okr-lint";
import { cliJson, fromCli, repo } from "./helpers.mjs";

const draft = `# Payments, Q3 2026

Team: Payments

## Objective PAY-1: Deliver a world-class checkout experience

- KR1: Improve checkout reliability
- KR2: Cut checkout p95 latency from 900ms to 400ms
`;

test("version is the crate version", () => {
  const cargo = readFileSync(join(repo, "Cargo.toml"), "utf8");
  const want = cargo.match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1];
  assert.equal(version(), want);
});

test("lint returns diagnostics with code, rule, severity, message, help and positions", () => {
  const ds = lint(draft);
  const hype = ds.find((d) => d.rule === "hype-word");
  assert.ok(hype, JSON.stringify(ds, null, 1));
  assert.equal(hype.code, "OKR101");
  assert.equal(hype.path, "draft.okr.md");
  assert.ok(["error", "warning", "info"].includes(hype.severity));
  assert.equal(draft.slice(hype.start, hype.end), "world-class");
  assert.equal(hype.line, 5);
  assert.equal(hype.column, draft.split("\n")[4].indexOf("world-class") + 1);
  assert.equal(typeof hype.help, "string");
  const vague = ds.find((d) => d.rule === "vague-verb");
  assert.equal(draft.slice(vague.start, vague.end).toLowerCase(), "improve");
  // The KR with a baseline and a target is fine.
  assert.ok(!ds.some((d) => d.line === 8 && d.rule === "vague-verb"));
  // Sorted by position.
  const starts = ds.map((d) => d.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
});

test("positions count UTF-16 code units with emoji and CJK before the flagged word", () => {
  const text = "## Objective: 🚀😀 世界 — 日本 a world-class 🎉 launch\n\n- KR1: Improve 品質 of builds\n";
  const ds = lint(text);
  const hype = ds.find((d) => d.rule === "hype-word");
  assert.equal(text.slice(hype.start, hype.end), "world-class");
  assert.equal(hype.column, text.indexOf("world-class") + 1);
  assert.equal(hype.endColumn - hype.column, "world-class".length);
  const vague = ds.find((d) => d.rule === "vague-verb");
  assert.equal(text.slice(vague.start, vague.end), "Improve");
  assert.equal(vague.line, 3);
  // And the same as the CLI on the same file.
  const dir = mkdtempSync(join(tmpdir(), "okr-lint-wasm-"));
  try {
    const path = join(dir, "unicode.okr.md");
    writeFileSync(path, text);
    const expected = cliJson([path]).map((d) => fromCli(d, { [path]: text }));
    assert.deepStrictEqual(lint(text, null, path), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("CRLF line endings and a lone CR count as line breaks", () => {
  const text = "## Objective: Build a world-class team\r\n\r\n- KR1: Improve hiring\r\n";
  const hype = lint(text).find((d) => d.rule === "hype-word");
  assert.equal(hype.line, 1);
  const vague = lint(text).find((d) => d.rule === "vague-verb");
  assert.equal(vague.line, 3);
  assert.equal(vague.column, 8);
});

test("options take the keys of okr-lint.toml", () => {
  assert.ok(!lint(draft, { ignore: ["hype-word"] }).some((d) => d.rule === "hype-word"));
  assert.deepEqual(
    [...new Set(lint(draft, { select: ["vague-verb"] }).map((d) => d.rule))],
    ["vague-verb"],
  );
  const asError = lint(draft, { rules: { "hype-word": "error" } }).find((d) => d.rule === "hype-word");
  assert.equal(asError.severity, "error");
  const words = lint("## Objective: Make checkout snappy\n", { words: { "hype-words": { extend: ["snappy"] } } });
  assert.ok(words.some((d) => d.rule === "hype-word" && d.message.includes("snappy")));
  assert.ok(!lint(draft, { "per-file-ignores": { "drafts/*": ["all"] } }, "drafts/a.okr.md").length);
  assert.ok(lint(draft, { "per-file-ignores": { "drafts/*": ["all"] } }, "other/a.okr.md").length);
  // undefined and null mean the defaults.
  assert.deepEqual(lint(draft, undefined), lint(draft, null));
});

test("bad options throw an Error with a clear message, never a trap", () => {
  const cases = [
    [{ slect: ["x"] }, /slect.*did you mean `select`/s],
    [{ rules: { "hype-wrd": "error" } }, /hype-wrd.*did you mean `hype-word`/s],
    [{ rules: { "hype-word": "loud" } }, /loud/],
    [{ "kr-count": { min: "three" } }, /kr-count|min|invalid type/],
    [{ overlap: { threshold: 3 } }, /threshold/],
    [{ "per-file-ignores": { "a/**b": ["all"] } }, /invalid pattern `a\/\*\*b`/],
    [42, /expected an object/],
    [["select"], /expected an object.*array/],
    ["select = []", /expected an object/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => lint(draft, options),
      (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && message.test(e.message),
      `options ${JSON.stringify(options)}`,
    );
  }
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => lint(draft, cyclic), /plain JSON data/);
  assert.throws(() => lint(draft, { overlap: { threshold: 1n } }), /plain JSON data/);
  // Still usable afterwards.
  assert.ok(lint(draft).length > 0);
});

test("arguments of the wrong type throw an Error", () => {
  assert.throws(() => lint(42), /`text` must be a string, got number/);
  assert.throws(() => lint(undefined), /`text` must be a string/);
  assert.throws(() => parse(null), /`text` must be a string, got null/);
  assert.throws(() => lintWorkspace("a.okr.md"), /`files` must be an array/);
  assert.throws(() => lintWorkspace([{ path: "a.okr.md" }]), /every file must be/);
  assert.throws(() => lintWorkspace({ "a.okr.md": 3 }), /text of `a.okr.md` must be a string/);
});

test("fixes are text edits that resolve the diagnostic", () => {
  const text = "## Objective: Cut churn\n\n- KR1 (comitted): Reduce churn from 5% to 3%\n";
  const d = lint(text).find((x) => x.fix && x.fix.applicability === "safe");
  assert.ok(d, JSON.stringify(lint(text), null, 1));
  let fixed = text;
  for (const e of [...d.fix.edits].sort((a, b) => b.start - a.start)) {
    fixed = fixed.slice(0, e.start) + e.text + fixed.slice(e.end);
  }
  assert.ok(fixed.includes("(committed)"), fixed);
  assert.ok(!lint(fixed).some((x) => x.rule === d.rule && x.line === d.line));
});

test("lintWorkspace sees every file and accepts an object of paths", () => {
  const files = {
    "company.okr.md": "# Company\nQuarter: Q3 2026\n\n## Objective CO-1: Grow revenue to fund the roadmap\n\n- KR1: Grow ARR from $10M to $14M\n- KR2: Raise net retention from 105% to 115%\n- KR3: Win 30 new enterprise logos\n",
    "team.okr.md": "# Sales\nQuarter: Q3 2026\n\n## Objective S-1: Win enterprise deals so that ARR grows\nParent: CO-9\n\n- KR1: Close 30 new enterprise logos\n- KR2: Raise win rate from 20% to 30%\n- KR3: Cut sales cycle from 90 to 60 days\n",
  };
  const asObject = lintWorkspace(files);
  const asArray = lintWorkspace(Object.entries(files).map(([path, text]) => ({ path, text })));
  assert.deepEqual(asObject, asArray);
  const parent = asObject.find((d) => d.rule === "unknown-parent");
  assert.ok(parent, JSON.stringify(asObject, null, 1));
  assert.equal(parent.path, "team.okr.md");
  assert.equal(files["team.okr.md"].slice(parent.start, parent.end).includes("CO-9"), true);
});

test("parse returns the OKR tree with kinds and UTF-16 spans", () => {
  const { document, errors } = parse(draft.replace("Deliver", "😀 Deliver"));
  assert.deepEqual(errors, []);
  const o = document.objectives[0];
  assert.equal(o.id.value, "PAY-1");
  assert.equal(o.team.value, "Payments");
  assert.equal(o.keyResults.length, 2);
  assert.deepEqual(o.keyResults.map((k) => k.kind), ["delivery", "impact"]);
  const text = draft.replace("Deliver", "😀 Deliver");
  assert.equal(text.slice(o.statement.span.start, o.statement.span.end), o.statement.value);
  const kr = o.keyResults[1];
  assert.equal(text.slice(kr.statement.span.start, kr.statement.span.end), kr.statement.value);
  assert.equal(kr.kindEvidence.reason, "metric");
  const bad = parse("## Objective Cut churn\n- KR1 Reduce churn\n");
  assert.ok(bad.errors.length > 0 && bad.errors.every((e) => e.rule === "syntax-error" && e.help));
});

test("rules lists every rule with its documentation", () => {
  const all = rules();
  assert.ok(all.length >= 20);
  const names = new Set(all.map((r) => r.name));
  for (const n of ["hype-word", "vague-verb", "activity-kr", "missing-definition-of-done", "kr-count", "overlapping-krs"]) {
    assert.ok(names.has(n), n);
  }
  for (const r of all) {
    assert.match(r.code, /^OKR\d{3}$/);
    assert.ok(["off", "info", "warning", "error"].includes(r.defaultSeverity), r.name);
    assert.match(r.documentation, /## What it does/, r.name);
    assert.ok(r.summary.length > 10, r.name);
  }
});

test("the CommonJS build loads with require", () => {
  const require = createRequire(import.meta.url);
  const cjs = require("okr-lint");
  assert.equal(typeof cjs.lint, "function");
  assert.deepEqual(cjs.lint(draft), lint(draft));
});
