// The okr-lint playground: CodeMirror 6 + the okr-lint WASM package.
// Every change is linted in the page (no server); diagnostics are underlined,
// marked in the gutter, listed in the Problems panel, and fixable in place.

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { linter, lintGutter } from "@codemirror/lint";
import { highlightSelectionMatches } from "@codemirror/search";
import { EditorState, StateEffect } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import init, { lint, parse, rules, version } from "okr-lint/web";
import wasmUrl from "okr-lint/okr_lint_bg.wasm?url";
import example from "./example.okr.md?raw";
import { okrLanguage } from "./okr-language.js";

const PATH = "draft.okr.md";
const $ = (id) => document.getElementById(id);

/** Lint timings (ms) of the last changes, read by the browser test too. */
const stats = { timings: [], runs: 0 };
window.okrLint = { stats };

/** Rule severities chosen in the Rules tab: { name: level }. */
const ruleLevels = {};
/** Severities shown in the Problems panel. */
const shown = { error: true, warning: true, info: true };
/** The diagnostics of the last lint and the document they belong to. */
let current = { doc: null, diagnostics: [] };

function options() {
  return Object.keys(ruleLevels).length ? { rules: { ...ruleLevels } } : null;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) node.append(c);
  }
  return node;
}

/** Render `code` spans of a message (rule help uses Markdown backticks). */
function inline(text) {
  const out = document.createDocumentFragment();
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      out.append(el("code", {}, part.slice(1, -1)));
    } else if (part) {
      out.append(part);
    }
  });
  return out;
}

function fixLabel(fix) {
  return fix.applicability === "safe" ? `Fix: ${fix.message}` : `Suggestion: ${fix.message}`;
}

/** Apply a diagnostic's fix; re-lint first if the text changed since. */
function applyFix(view, diagnostic) {
  let d = diagnostic;
  if (view.state.doc !== current.doc) {
    const fresh = runLint(view.state);
    d = fresh.find((x) => x.code === d.code && x.message === d.message && x.line === d.line);
    if (!d || !d.fix) return;
  }
  view.dispatch({
    changes: d.fix.edits.map((e) => ({ from: e.start, to: e.end, insert: e.text })),
    userEvent: "input.fix",
  });
  view.focus();
}

function jumpTo(view, d) {
  view.dispatch({
    selection: { anchor: d.start, head: d.end },
    effects: EditorView.scrollIntoView(d.start, { y: "center" }),
  });
  view.focus();
}

/** Lint the editor's text; returns the okr-lint diagnostics. */
function runLint(state) {
  const text = state.doc.toString();
  const t0 = performance.now();
  let diagnostics;
  try {
    diagnostics = lint(text, options(), PATH);
  } catch (e) {
    $("status").textContent = e.message;
    $("status").className = "status bad";
    return [];
  }
  const ms = performance.now() - t0;
  stats.timings.push(ms);
  if (stats.timings.length > 500) stats.timings.shift();
  stats.runs += 1;
  current = { doc: state.doc, diagnostics };
  $("timing").textContent = `linted in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return diagnostics;
}

/** Asks the linter to run again (the options changed, not the text). */
const relint = StateEffect.define();
const relintNow = (view) => view.dispatch({ effects: relint.of(null) });

const okrLinter = linter(
  (view) => {
    const diagnostics = runLint(view.state);
    renderStatus(diagnostics);
    renderProblems(view, diagnostics);
    renderOutline(view, diagnostics);
    return diagnostics.map((d) => ({
      from: d.start,
      to: d.end,
      severity: d.severity,
      source: `${d.code} ${d.rule}`,
      message: d.message,
      renderMessage: () =>
        el(
          "div",
          { class: "tip" },
          el("div", { class: "tip-message" }, inline(d.message)),
          d.help && el("div", { class: "tip-help" }, el("b", {}, "help: "), inline(d.help)),
          el("div", { class: "tip-rule" }, `${d.code} · ${d.rule}`),
        ),
      actions: d.fix ? [{ name: fixLabel(d.fix), apply: (v) => applyFix(v, d) }] : [],
    }));
  },
  {
    delay: 0,
    needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(relint))),
  },
);

function renderStatus(diagnostics) {
  const n = (s) => diagnostics.filter((d) => d.severity === s).length;
  const [e, w, i] = [n("error"), n("warning"), n("info")];
  const status = $("status");
  status.className = "status " + (e ? "bad" : w ? "warn" : "good");
  status.textContent = diagnostics.length
    ? `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}, ${i} info`
    : "no problems";
  $("count").textContent = diagnostics.length || "";
}

function renderProblems(view, diagnostics) {
  const list = $("problem-list");
  list.replaceChildren();
  const visible = diagnostics.filter((d) => shown[d.severity]);
  if (!visible.length) {
    list.append(el("li", { class: "empty" }, diagnostics.length ? "All problems are filtered out." : "No problems. 🎉"));
    return;
  }
  for (const d of visible) {
    const item = el(
      "li",
      { class: `problem sev-${d.severity}`, tabindex: "0", "data-rule": d.rule, title: "Jump to the problem" },
      el("span", { class: `dot ${d.severity}`, "aria-label": d.severity }),
      el(
        "div",
        { class: "problem-body" },
        el("div", { class: "problem-message" }, inline(d.message)),
        d.help && el("div", { class: "problem-help" }, inline(d.help)),
        el(
          "div",
          { class: "problem-meta" },
          el("span", {}, `${d.line}:${d.column}`),
          el("span", { class: "rule-code" }, `${d.code} ${d.rule}`),
          d.fix &&
            el(
              "button",
              {
                class: `fix ${d.fix.applicability}`,
                onclick: (ev) => {
                  ev.stopPropagation();
                  applyFix(view, d);
                },
              },
              fixLabel(d.fix),
            ),
        ),
      ),
    );
    item.addEventListener("click", () => jumpTo(view, d));
    item.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") jumpTo(view, d);
    });
    list.append(item);
  }
}

function renderOutline(view, diagnostics) {
  const pane = $("outline");
  let tree;
  try {
    tree = parse(view.state.doc.toString()).document;
  } catch {
    return;
  }
  const count = (span) => diagnostics.filter((d) => d.start >= span.start && d.end <= span.end).length;
  pane.replaceChildren();
  if (!tree.objectives.length) {
    pane.append(el("p", { class: "empty" }, "No objectives yet. Start one with `## Objective: …`."));
    return;
  }
  for (const o of tree.objectives) {
    const jump = (span) => () => jumpTo(view, { start: span.start, end: span.start });
    const head = count(o.headExtent);
    pane.append(
      el(
        "section",
        { class: "objective" },
        el(
          "button",
          { class: "objective-head", onclick: jump(o.span) },
          o.id && el("span", { class: "id" }, o.id.value),
          el("span", { class: "statement" }, o.statement.value),
          o.phase && el("span", { class: "badge phase" }, o.phase.value),
          head ? el("span", { class: "badge problems" }, String(head)) : null,
        ),
        el(
          "div",
          { class: "objective-meta muted small" },
          [o.team && `Team: ${o.team.value}`, o.quarter && `Q${o.quarter.value.quarter} ${o.quarter.value.year}`, o.parent && `Parent: ${o.parent.value}`]
            .filter(Boolean)
            .join(" · "),
        ),
        el(
          "ul",
          { class: "krs" },
          o.keyResults.map((k) => {
            const n = count(k.extent);
            return el(
              "li",
              {},
              el(
                "button",
                { class: "kr", onclick: jump(k.span), title: `kind: ${k.kind} (${k.kindEvidence.reason})` },
                el("span", { class: `badge kind-${k.kind}` }, k.kind),
                k.commitment !== "unlabeled" && el("span", { class: `badge ${k.commitment}` }, k.commitment),
                el("span", { class: "statement" }, k.statement.value),
                k.done && el("span", { class: "badge done", title: "has a Definition of Done" }, "Done ✓"),
                n ? el("span", { class: "badge problems" }, String(n)) : null,
              ),
            );
          }),
        ),
      ),
    );
  }
}

function renderFilters(view) {
  const box = $("filters");
  for (const sev of ["error", "warning", "info"]) {
    const input = el("input", {
      type: "checkbox",
      checked: "",
      onchange: (ev) => {
        shown[sev] = ev.target.checked;
        renderProblems(view, current.diagnostics);
      },
    });
    box.append(el("label", { class: `toggle ${sev}` }, input, el("span", { class: `dot ${sev}` }), sev));
  }
}

function renderRules(view) {
  const list = $("rule-list");
  const all = rules().filter((r) => r.name !== "syntax-error");
  const selects = [];
  for (const r of all) {
    const select = el(
      "select",
      {
        "aria-label": `severity of ${r.name}`,
        "data-rule": r.name,
        onchange: (ev) => {
          const level = ev.target.value;
          if (level === r.defaultSeverity) delete ruleLevels[r.name];
          else ruleLevels[r.name] = level;
          relintNow(view);
        },
      },
      ["off", "info", "warning", "error"].map((l) =>
        el("option", { value: l, selected: l === r.defaultSeverity ? "" : null }, l),
      ),
    );
    selects.push([select, r]);
    list.append(
      el(
        "li",
        { class: "rule" },
        el(
          "div",
          { class: "rule-text" },
          el("div", {}, el("span", { class: "rule-code" }, r.code), " ", el("b", {}, r.name)),
          el("div", { class: "muted small" }, inline(r.summary)),
        ),
        select,
      ),
    );
  }
  $("reset-rules").addEventListener("click", () => {
    for (const k of Object.keys(ruleLevels)) delete ruleLevels[k];
    for (const [select, r] of selects) select.value = r.defaultSeverity;
    relintNow(view);
  });
}

function setupTabs() {
  const tabs = document.querySelectorAll("[role=tab]");
  tabs.forEach((tab) =>
    tab.addEventListener("click", () => {
      tabs.forEach((t) => {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        $(t.dataset.panel).hidden = !on;
      });
    }),
  );
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14.5px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.6" },
  ".cm-content": { padding: "12px 0" },
  ".cm-gutters": { background: "var(--panel)", borderRight: "1px solid var(--line)", color: "var(--muted)" },
  ".cm-activeLine": { background: "var(--active)" },
  ".cm-activeLineGutter": { background: "var(--active)" },
  ".cm-tooltip": { border: "1px solid var(--line)", borderRadius: "8px", background: "var(--bg)", boxShadow: "0 6px 24px rgb(0 0 0 / .15)", overflow: "hidden" },
  ".cm-diagnostic": { padding: "8px 12px", maxWidth: "min(460px, 90vw)" },
  ".cm-diagnostic-error": { borderLeft: "4px solid var(--error)" },
  ".cm-diagnostic-warning": { borderLeft: "4px solid var(--warning)" },
  ".cm-diagnostic-info": { borderLeft: "4px solid var(--info)" },
  ".cm-diagnosticSource": { display: "none" },
  ".cm-diagnosticAction": { background: "var(--accent)", color: "var(--accent-text)", border: "1px solid var(--accent-text)", borderRadius: "6px", padding: "2px 10px", marginTop: "8px", marginLeft: "0", font: "inherit", fontSize: "13px", fontWeight: "600" },
});

async function main() {
  await init({ module_or_path: wasmUrl });
  $("version").textContent = `v${version()}`;
  const view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: example,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        okrLanguage(),
        EditorView.lineWrapping,
        lintGutter(),
        okrLinter,
        theme,
      ],
    }),
  });
  window.okrLint.view = view;
  setupTabs();
  renderFilters(view);
  renderRules(view);
}

main().catch((e) => {
  $("status").textContent = `okr-lint failed to load: ${e.message}`;
  $("status").className = "status bad";
  throw e;
});
