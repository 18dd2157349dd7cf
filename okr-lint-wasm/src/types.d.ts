/** How serious a finding is. */
export type Severity = "error" | "warning" | "info";

/** A severity, or `off` to turn a rule off. */
export type Level = "off" | "info" | "warning" | "error";

/** Changes to one word list (see the word list reference). */
export interface WordListOptions {
  /** Entries added to the defaults. */
  extend?: string[];
  /** Default entries dropped. */
  remove?: string[];
  /** Entries that replace the defaults entirely. */
  replace?: string[];
}

/** The keys of `okr-lint.toml`, as a JavaScript object. */
export interface Options {
  /** Rules to run, by name or code; `all` selects every rule. */
  select?: string[];
  /** Rules to run in addition to `select`. */
  "extend-select"?: string[];
  /** Rules not to run. */
  ignore?: string[];
  /** Severity per rule (name or code). */
  rules?: Record<string, Level>;
  "kr-count"?: { min?: number; max?: number };
  "definition-of-done"?: { strict?: boolean };
  parents?: { strict?: boolean };
  overlap?: { threshold?: number };
  /** Word lists by name. */
  words?: Record<string, WordListOptions>;
  /** Rules to ignore in files matching a glob, e.g. `{ "drafts/*": ["kr-count"] }`. */
  "per-file-ignores"?: Record<string, string[]>;
}

/**
 * Where something is in the text. Offsets count UTF-16 code units, as
 * JavaScript strings do (`text.slice(start, end)`); lines and columns are
 * 1-based, columns in UTF-16 code units.
 */
export interface Position {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A secondary location that explains a diagnostic. */
export interface Label extends Position {
  /** The file the label points into (another file for workspace rules). */
  path: string;
  message: string;
}

/** Replace `text.slice(start, end)` with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A change that resolves a diagnostic. */
export interface Fix {
  message: string;
  /** `safe` corrects the form only; `unsafe` changes what the OKR says. */
  applicability: "safe" | "unsafe";
  /** Non-overlapping edits, positions in the original text. */
  edits: TextEdit[];
}

/** One finding. */
export interface Diagnostic extends Position {
  path: string;
  /** Stable rule code, e.g. `OKR201`. */
  code: string;
  /** Rule name, e.g. `vague-verb`. */
  rule: string;
  severity: Severity;
  message: string;
  /** How to rewrite it. */
  help: string | null;
  labels: Label[];
  fix: Fix | null;
}

/** One file given to `lintWorkspace`. */
export interface WorkspaceFile {
  path: string;
  text: string;
}

/** A rule and its documentation. */
export interface RuleInfo {
  code: string;
  name: string;
  /** The level it runs at unless configured; `off` for opt-in rules. */
  defaultSeverity: Level;
  /** Whether it offers fixes. */
  fixable: boolean;
  summary: string;
  /** Markdown: what it does, why, an example and what to write instead. */
  documentation: string;
}

/** A value with where it was written. */
export interface Field<T> {
  value: T;
  span: Position;
}

export interface Quarter {
  year: number;
  /** 1 to 4. */
  quarter: number;
}

export interface QuarterRange {
  from: Quarter;
  to: Quarter;
}

/** A `Key: value` line. */
export interface Metadata {
  key: Field<string>;
  value: Field<string>;
  span: Position;
}

/** Prose, tables, code and HTML kept with the element they follow. */
export interface Note {
  kind: "prose" | "list-item" | "code" | "html" | "comment" | "quote" | "metadata";
  span: Position;
}

export type Commitment = "committed" | "stretch" | "unlabeled";

/** What a key result measures. */
export type KrKind = "impact" | "progress" | "delivery" | "discovery";

/** Why a KR was given its kind. */
export interface KindEvidence {
  /** `declared`, `metric`, `discovery-verb` or `default`. */
  reason: string;
  /** The words that decided it. */
  spans: Field<string>[];
}

export interface DefinitionOfDone {
  /** The `Done:` line. */
  span: Position;
  criteria: Field<string>[];
}

export interface KeyResult {
  /** A global ID written after the marker (`KR SEC-1.3`). */
  id: Field<string> | null;
  /** A local number fused to the marker (`KR2`). */
  number: Field<string> | null;
  commitment: Commitment;
  commitmentSpan: Position | null;
  statement: Field<string>;
  span: Position;
  extent: Position;
  metadata: Metadata[];
  blocks: Field<string>[];
  blocksSpan: Position | null;
  owner: Field<string> | null;
  due: Field<string> | null;
  declaredKind: Field<KrKind> | null;
  done: DefinitionOfDone | null;
  /** The kind the rules use. */
  kind: KrKind;
  kindEvidence: KindEvidence;
  notes: Note[];
}

export interface Objective {
  id: Field<string> | null;
  /** The statement without its phase label. */
  statement: Field<string>;
  phase: Field<string> | null;
  /** The heading line. */
  span: Position;
  /** From the heading to the end of the objective's last KR or note. */
  extent: Position;
  headExtent: Position;
  level: number;
  /** Index into `Document.sections`. */
  section: number | null;
  metadata: Metadata[];
  team: Field<string> | null;
  quarter: Field<Quarter> | null;
  spans: Field<QuarterRange> | null;
  parent: Field<string> | null;
  owner: Field<string> | null;
  notes: Note[];
  keyResults: KeyResult[];
}

export interface Section {
  level: number;
  title: Field<string>;
  span: Position;
  parent: number | null;
  children: number[];
  objectives: number[];
  metadata: Metadata[];
  notes: Note[];
}

/** An `okr-lint-*` comment. */
export interface Suppression {
  kind: "disable-file" | "disable" | "enable" | "disable-next";
  rules: Field<string>[];
  span: Position;
  target: Position | null;
}

/** A parsed OKR document. Sections and objectives are flat, in source order. */
export interface Document {
  metadata: Metadata[];
  notes: Note[];
  sections: Section[];
  objectives: Objective[];
  suppressions: Suppression[];
}

export interface ParseResult {
  document: Document;
  /** Syntax errors (rule `syntax-error`), in source order. */
  errors: Diagnostic[];
}

/**
 * Lint one document.
 *
 * @param text The document (Markdown OKR format).
 * @param options The keys of `okr-lint.toml`. Throws an `Error` naming the
 *   bad key (with a did-you-mean) when they are invalid.
 * @param path The document's name in diagnostics and for `per-file-ignores`
 *   (default `draft.okr.md`).
 * @returns Diagnostics sorted by position.
 */
export function lint(text: string, options?: Options | null, path?: string | null): Diagnostic[];

/**
 * Lint several documents together, so the workspace rules (unknown parents,
 * wording drift across quarters, overlapping KRs between teams) see all of
 * them.
 *
 * @param files An array of `{ path, text }`, or an object mapping paths to texts.
 * @returns Diagnostics sorted by path, then position.
 */
export function lintWorkspace(
  files: WorkspaceFile[] | Record<string, string>,
  options?: Options | null,
): Diagnostic[];

/** Parse one document: the OKR tree and its syntax errors. */
export function parse(text: string): ParseResult;

/** Every rule with its code, default severity and documentation. */
export function rules(): RuleInfo[];

/** The version of okr-lint, e.g. `0.1.0`. */
export function version(): string;
