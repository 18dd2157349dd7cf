// Type-checks the package's declarations (`tsc -p tests/types`): every
// function and type, used the way the README shows. The @ts-expect-error
// lines make the check fail if the declarations degrade to `any`.
import {
  lint,
  lintWorkspace,
  parse,
  rules,
  version,
  type Diagnostic,
  type Fix,
  type KrKind,
  type Options,
  type ParseResult,
  type RuleInfo,
  type Severity,
  type TextEdit,
  type WorkspaceFile,
} from "okr-lint";

const options: Options = {
  select: ["all"],
  ignore: ["kr-count"],
  rules: { "hype-word": "error", OKR208: "off" },
  "kr-count": { min: 2, max: 6 },
  "definition-of-done": { strict: true },
  overlap: { threshold: 0.8 },
  words: { "hype-words": { extend: ["snappy"], remove: ["world-class"] } },
  "per-file-ignores": { "drafts/*": ["all"] },
};

const diagnostics: Diagnostic[] = lint("## Objective: Cut churn\n", options, "okrs/q3.okr.md");
lint("text");
lint("text", null);
for (const d of diagnostics) {
  const severity: Severity = d.severity;
  const where: string = `${d.path}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} [${d.start}, ${d.end})`;
  const help: string | null = d.help;
  const fix: Fix | null = d.fix;
  const edits: TextEdit[] = fix?.edits ?? [];
  const labelPaths: string[] = d.labels.map((l) => `${l.path}:${l.line} ${l.message}`);
  console.log(severity, where, help, edits.length, labelPaths, d.code, d.rule, d.message);
}

const files: WorkspaceFile[] = [{ path: "a.okr.md", text: "" }];
const fromArray: Diagnostic[] = lintWorkspace(files);
const fromRecord: Diagnostic[] = lintWorkspace({ "a.okr.md": "" }, { select: ["unknown-parent"] });

const parsed: ParseResult = parse("## Objective: Cut churn\n");
for (const o of parsed.document.objectives) {
  const kinds: KrKind[] = o.keyResults.map((k) => k.kind);
  const id: string | undefined = o.id?.value;
  const quarter: number | undefined = o.quarter?.value.quarter;
  const criteria: string[] = o.keyResults.flatMap((k) => k.done?.criteria.map((c) => c.value) ?? []);
  console.log(kinds, id, quarter, criteria, o.statement.span.start);
}
const errors: Diagnostic[] = parsed.errors;

const all: RuleInfo[] = rules();
const docs: string[] = all.map((r) => `${r.code} ${r.name} ${r.defaultSeverity} ${r.fixable} ${r.summary} ${r.documentation}`);
const v: string = version();
console.log(fromArray, fromRecord, errors, docs, v);

// @ts-expect-error text must be a string
lint(42);
// @ts-expect-error unknown option key
lint("", { slect: ["x"] });
// @ts-expect-error severities are a closed set
lint("", { rules: { "hype-word": "loud" } });
// @ts-expect-error diagnostics have no `col`
diagnostics[0]?.col;
// @ts-expect-error files need a text
lintWorkspace([{ path: "a.okr.md" }]);
