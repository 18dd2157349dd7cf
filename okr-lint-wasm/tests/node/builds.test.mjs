// The three builds (nodejs, web, bundler) give the same answers, share one
// .wasm, and the package ships what its `exports` and `files` promise.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { lint as nodeLint } from "okr-lint";
import { initSync, lint as webLint } from "okr-lint/web";
import { read } from "./helpers.mjs";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg");
const text = read("tests/fixtures/mistakes.okr.md");

test("the web build (initSync) gives the nodejs build's diagnostics", () => {
  initSync({ module: readFileSync(join(pkg, "okr_lint_bg.wasm")) });
  assert.deepStrictEqual(webLint(text), nodeLint(text));
});

test("the bundler build (ES module integration) gives the nodejs build's diagnostics", () => {
  // Node runs the bundler build's `import ... from "x.wasm"` behind a flag.
  const script = `import { lint } from "okr-lint/bundler";
    import { readFileSync } from "node:fs";
    process.stdout.write(JSON.stringify(lint(readFileSync(0, "utf8"))));`;
  const out = execFileSync(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "--input-type=module", "-e", script], {
    cwd: join(pkg, ".."),
    input: text,
    encoding: "utf8",
  });
  assert.deepStrictEqual(JSON.parse(out), nodeLint(text));
});

test("package.json exports resolve to files that exist, and one .wasm is shipped", () => {
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  assert.equal(manifest.name, "okr-lint");
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  for (const t of [...targets, manifest.main, manifest.module, manifest.types]) {
    assert.ok(existsSync(join(pkg, t)), `${t} is missing`);
  }
  for (const dir of ["web", "node"]) {
    assert.ok(!existsSync(join(pkg, dir, "okr_lint_bg.wasm")), `${dir}/ has its own copy of the .wasm`);
  }
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: pkg, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  const files = packed[0].files.map((f) => f.path);
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["okr_lint_bg.wasm"]);
  for (const f of ["README.md", "package.json", "web/okr_lint.js", "web/okr_lint.d.ts", "node/okr_lint.js", "node/package.json", "okr_lint.js", "okr_lint_bg.js", "okr_lint.d.ts"]) {
    assert.ok(files.includes(f), `${f} is not packed`);
  }
});
