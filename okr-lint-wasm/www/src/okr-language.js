// Syntax highlighting for the OKR Markdown format: headings, KR markers and
// commitment labels, metadata keys, Done lists and comments. A small stream
// tokenizer keeps the page light (a full Markdown mode with embedded HTML,
// CSS and JavaScript would triple the bundle).

import { HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const okr = StreamLanguage.define({
  name: "okr-markdown",
  startState: () => ({ comment: false }),
  token(stream, state) {
    if (state.comment) {
      if (stream.skipTo("-->")) {
        stream.match("-->");
        state.comment = false;
      } else {
        stream.skipToEnd();
      }
      return "comment";
    }
    if (stream.match("<!--")) {
      state.comment = true;
      return "comment";
    }
    if (stream.sol()) {
      if (stream.match(/^#{1,6}\s+Objective\b[^:]*:/i)) return "keyword";
      if (stream.match(/^#{1,6}\s/)) {
        stream.skipToEnd();
        return "heading";
      }
      if (stream.match(/^\s*[-*+]\s+KR\b[^:(]*/i)) return "keyword";
      if (stream.match(/^\s*[-*+]\s/)) return "punctuation";
      if (stream.match(/^\s*[A-Za-z][\w -]{0,30}:(?=\s|$)/)) return "propertyName";
    }
    if (stream.match(/^\((committed|stretch)\)/i)) return "labelName";
    const before = stream.string.charAt(stream.pos - 1);
    if (!/[\w.]/.test(before) && stream.match(/^\d[\d,.]*(%|ms|s|k|m)?\b/i)) return "number";
    if (stream.match(/^`[^`]*`/)) return "monospace";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { block: { open: "<!--", close: "-->" } } },
});

const style = HighlightStyle.define([
  { tag: t.heading, fontWeight: "650", color: "var(--text)" },
  { tag: t.keyword, fontWeight: "650", color: "var(--info)" },
  { tag: t.propertyName, color: "#8250df" },
  { tag: t.labelName, color: "var(--good)", fontWeight: "600" },
  { tag: t.number, color: "#b35900" },
  { tag: t.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: t.punctuation, color: "var(--muted)" },
  { tag: t.monospace, color: "var(--accent-text)" },
]);

export function okrLanguage() {
  return [okr, syntaxHighlighting(style)];
}
