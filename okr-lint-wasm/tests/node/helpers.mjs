// Shared by the node tests: where things are, the CLI, byte -> UTF-16.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The okr-lint binary: $OKR_LINT_BIN, else the debug build. */
export function cliPath() {
  const bin = process.env.OKR_LINT_BIN ?? join(repo, "target", "debug", "okr-lint");
  if (!existsSync(bin)) {
    throw new Error(`no okr-lint binary at ${bin}: run \`cargo build -p okr-lint-cli\` or set OKR_LINT_BIN`);
  }
  return bin;
}

/** `okr-lint check --output-format json --isolated PATHS` from the repo root. */
export function cliJson(paths) {
  let out;
  try {
    out = execFileSync(cliPath(), ["check", "--output-format", "json", "--isolated", ...paths], {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    // Exit code 1 means findings: the JSON is still on stdout.
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  return JSON.parse(out).diagnostics;
}

/** Every OKR file under `dir` (relative to the repo), sorted. */
export function okrFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(join(repo, d)).sort()) {
      const rel = join(d, name);
      if (statSync(join(repo, rel)).isDirectory()) walk(rel);
      else if (name.endsWith(".okr.md")) out.push(rel);
    }
  };
  walk(dir);
  return out;
}

export function read(rel) {
  return readFileSync(join(repo, rel), "utf8");
}

/** Converts byte offsets of `text` (UTF-8) to UTF-16 offsets and columns. */
export class Utf16 {
  constructor(text) {
    this.bytes = Buffer.from(text, "utf8");
  }
  offset(byte) {
    return this.bytes.subarray(0, byte).toString("utf8").length;
  }
  /** 1-based UTF-16 column of a byte offset. */
  column(byte) {
    const b = this.bytes;
    let start = byte;
    while (start > 0 && b[start - 1] !== 0x0a && b[start - 1] !== 0x0d) start--;
    return this.offset(byte) - this.offset(start) + 1;
  }
  position(span) {
    return {
      start: this.offset(span.start),
      end: this.offset(span.end),
      line: span.line,
      column: this.column(span.start),
      endLine: span.end_line,
      endColumn: this.column(span.end),
    };
  }
}

/** A CLI JSON diagnostic in the shape the WASM package returns. */
export function fromCli(d, texts) {
  const conv = (path) => new Utf16(texts[path]);
  const here = conv(d.path);
  const { start, end } = d.span;
  return {
    path: d.path,
    code: d.code,
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    help: d.help,
    ...here.position({ start, end, line: d.line, end_line: d.end_line }),
    labels: d.labels.map((l) => ({
      path: l.path ?? d.path,
      message: l.message,
      ...conv(l.path ?? d.path).position(l.span),
    })),
    fix: d.fix && {
      message: d.fix.message,
      applicability: d.fix.applicability,
      edits: d.fix.edits.map((e) => ({
        start: here.offset(e.span.start),
        end: here.offset(e.span.end),
        text: e.replacement,
      })),
    },
  };
}

export { relative };
