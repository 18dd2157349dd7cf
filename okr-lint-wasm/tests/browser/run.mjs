// End-to-end test of the playground in a real headless Chromium (Debian's
// `chromium`, driven by playwright-core): load the built page from a
// 127.0.0.1 server, type a bad KR, wait for the underline and the Problems
// entry, apply the quick fix from the hover tooltip, check the diagnostic is
// gone, and measure the lint time per keystroke on a 50-objective document.
// Screenshots go to tests/artifacts/. Needs `npm run build` in www/ first.

import assert from "node:assert/strict";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "..", "www", "dist");
const artifacts = join(here, "..", "artifacts");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

if (!existsSync(join(dist, "index.html"))) {
  console.error(`no built page in ${dist}: run \`npm run build\` in okr-lint-wasm/www`);
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
  let file = join(dist, rel);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const profile = mkdtempSync(join(tmpdir(), "okr-lint-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1280, height: 860 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const problems = [];
let failed = false;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });

  const step = (s) => console.log(`  - ${s}`);
  await page.goto(base);
  await page.waitForFunction(() => window.okrLint?.stats.runs > 0, null, { timeout: 20_000 });
  step("page loaded, the WASM module linted the example");
  assert.match(await page.textContent("#version"), /^v\d+\.\d+\.\d+/);
  const initial = await page.locator(".problem").count();
  assert.ok(initial >= 5, `only ${initial} problems on the example`);
  assert.ok((await page.locator(".cm-lintRange-warning").count()) > 0, "no underline");
  assert.ok((await page.locator(".cm-lint-marker").count()) > 0, "no gutter marker");
  assert.ok((await page.locator("#outline .objective").count()) === 2, "outline");
  await page.screenshot({ path: join(artifacts, "playground.png") });

  // Type a KR with a misspelled commitment label at the end of the document.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("- KR CHK-2.4 (comited): Cut refund time from 9 to 3 days\n");
  const entry = page.locator(".problem", { hasText: "unknown commitment label (comited)" });
  await entry.waitFor({ timeout: 10_000 });
  step("typed a bad KR: the Problems panel lists it");
  const underline = page.locator(".cm-lintRange-error", { hasText: "comited" });
  await underline.waitFor({ timeout: 10_000 });
  step("the misspelled label is underlined");

  // Hover it: the tooltip shows the message, the help and a quick fix.
  await underline.hover();
  const tooltip = page.locator(".cm-tooltip-lint", { hasText: "(comited)" });
  await tooltip.waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(artifacts, "playground-tooltip.png") });
  const fix = tooltip.locator(".cm-diagnosticAction", { hasText: "Fix:" });
  await fix.click();
  step("applied the quick fix from the tooltip");
  await entry.waitFor({ state: "detached", timeout: 10_000 });
  const text = await page.evaluate(() => window.okrLint.view.state.doc.toString());
  assert.ok(text.includes("- KR CHK-2.4 (committed): Cut refund time"), text);
  assert.equal(await page.locator(".cm-lintRange-error", { hasText: "comited" }).count(), 0);
  step("the diagnostic is gone and the label reads (committed)");

  // Clicking a Problems entry moves the cursor to it.
  const hype = page.locator(".problem", { hasText: "is a hype word" }).first();
  await hype.click();
  const selected = await page.evaluate(() => {
    const s = window.okrLint.view.state;
    return s.sliceDoc(s.selection.main.from, s.selection.main.to);
  });
  assert.equal(selected, "world-class");
  step("clicking a Problems entry selects the flagged words");

  // The rule picker: turning hype-word off removes its findings.
  await page.click("#tab-rules");
  await page.selectOption('select[data-rule="hype-word"]', "off");
  await page.click("#tab-problems");
  await page.waitForFunction(() => !document.querySelector('.problem[data-rule="hype-word"]'));
  step("the rule picker turns a rule off");
  await page.selectOption('select[data-rule="hype-word"]', "warning").catch(() => {});
  await page.click("#tab-rules");
  await page.click("#reset-rules");
  await page.click("#tab-problems");
  await page.waitForSelector('.problem[data-rule="hype-word"]');

  // Lint time per keystroke on a 50-objective document.
  const big = fiftyObjectives();
  await page.evaluate((doc) => {
    const view = window.okrLint.view;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
  }, big);
  await page.waitForFunction((n) => window.okrLint.view.state.doc.length === n, big.length);
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    const view = window.okrLint.view;
    window.okrLint.stats.timings.length = 0;
    // The end of the first KR line of the first objective.
    const line = view.state.doc.line(11);
    if (!line.text.startsWith("- KR")) throw new Error(`line 11 is not a KR: ${line.text}`);
    view.dispatch({ selection: { anchor: line.to } });
    view.focus();
  });
  const keys = " for every EU storefront by the end of Q3";
  for (const k of keys) {
    // One keystroke, then wait for the lint it triggers.
    const runs = await page.evaluate(() => window.okrLint.stats.runs);
    await page.keyboard.type(k);
    await page.waitForFunction((n) => window.okrLint.stats.runs > n, runs);
  }
  await page.waitForTimeout(300);
  const timings = await page.evaluate(() => [...window.okrLint.stats.timings]);
  assert.ok(timings.length >= keys.length, `only ${timings.length} lints for ${keys.length} keystrokes`);
  const sorted = [...timings].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const count = await page.locator(".problem").count();
  const result = {
    document: { objectives: 50, bytes: Buffer.byteLength(big), problems: count },
    keystrokes: keys.length,
    lints: timings.length,
    ms: { median: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +sorted.at(-1).toFixed(2) },
  };
  writeFileSync(join(artifacts, "keystroke-timing.json"), JSON.stringify(result, null, 2) + "\n");
  step(`lint per keystroke, 50 objectives (${result.document.bytes} bytes): median ${result.ms.median} ms, p95 ${result.ms.p95} ms, max ${result.ms.max} ms over ${timings.length} lints`);

  // Phone width: the panels stack under the editor, nothing overflows sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: join(artifacts, "playground-phone.png"), fullPage: false });
  step("phone width: no horizontal overflow");

  assert.deepEqual(problems, [], "errors in the page");
  console.log(`browser test passed; screenshots in ${artifacts}`);
} catch (e) {
  failed = true;
  console.error(e);
  try {
    await context.pages()[0]?.screenshot({ path: join(artifacts, "failure.png") });
  } catch {}
  if (problems.length) console.error(problems.join("\n"));
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** A realistic 50-objective document: 10 teams x 5 objectives, mixed quality. */
function fiftyObjectives() {
  const teams = ["Checkout", "Payments", "Search", "Mobile", "Platform", "Data", "Security", "Growth", "Support", "Design"];
  const krs = [
    "Cut p95 latency from 900ms to 400ms",
    "Improve reliability of the nightly jobs",
    "Raise weekly active users from 12,000 to 18,000",
    "Launch the new onboarding flow for all EU accounts",
    "Hold weekly syncs with the sales team",
    "Evaluate three vendors for feature flags",
  ];
  let out = "# Company OKRs, Q3 2026\n\nQuarter: Q3 2026\n\n";
  let n = 0;
  for (const team of teams) {
    out += `## ${team}\n\nTeam: ${team}\n\n`;
    for (let i = 1; i <= 5; i++) {
      n++;
      const id = `${team.slice(0, 3).toUpperCase()}-${i}`;
      out += `### Objective ${id}: ${i % 2 ? "Make" : "Deliver a world-class"} ${team.toLowerCase()} experience so that customers stay (${n})\n\n`;
      for (let k = 0; k < 4; k++) {
        const label = k === 0 ? " (committed)" : "";
        out += `- KR ${id}.${k + 1}${label}: ${krs[(n + k) % krs.length]}\n`;
      }
      out += "\n";
    }
  }
  return out;
}
