// The WASM package gives exactly the CLI's diagnostics on the shared
// fixtures, with positions converted from bytes to UTF-16.
import assert from "node:assert/strict";
import { test } from "node:test";
import { lint, lintWorkspace } from "okr-lint";
import { cliJson, fromCli, okrFiles, read } from "./helpers.mjs";

const singles = [...okrFiles("tests/fixtures"), ...okrFiles("tests/corpus")].filter(
  (f) => !f.includes("multi-quarter"),
);

test("there are fixtures to compare", () => {
  assert.ok(singles.length >= 10, `only ${singles.length} fixtures`);
});

for (const path of singles) {
  test(`lint(${path}) equals okr-lint check`, () => {
    const text = read(path);
    const expected = cliJson([path]).map((d) => fromCli(d, { [path]: text }));
    const got = lint(text, null, path);
    assert.ok(expected.length > 0 || path.includes("secrets-vault"), "fixture without findings");
    assert.deepStrictEqual(got, expected);
  });
}

for (const dir of ["tests/fixtures/multi-quarter", "tests/corpus"]) {
  test(`lintWorkspace(${dir}) equals okr-lint check on the directory`, () => {
    const paths = okrFiles(dir);
    const texts = Object.fromEntries(paths.map((p) => [p, read(p)]));
    const expected = cliJson([dir]).map((d) => fromCli(d, texts));
    const got = lintWorkspace(
      paths.map((path) => ({ path, text: texts[path] })),
      null,
    );
    assert.deepStrictEqual(got, expected);
    // Workspace rules fire across files (this is what lintWorkspace is for).
    assert.ok(
      got.some((d) => ["phase-drift", "missing-phase-label", "unknown-parent", "overlapping-krs"].includes(d.rule)),
      "no workspace finding",
    );
  });
}
