//! Reference pages generated from the rule files and word lists. The
//! committed copies under `docs/` are checked against these by a test.

use crate::rule::RULES;
use crate::words::WORD_LISTS;
use std::fmt::Write;

/// `docs/rules.md`: every rule's documentation.
pub fn rules_markdown() -> String {
    let mut out = String::new();
    out.push_str("<!-- Generated from okr-lint-core/src/rules/*.rs by `UPDATE_DOCS=1 cargo test -p okr-lint-core --test docs`. Do not edit. -->\n\n");
    out.push_str("# Rules\n\n");
    out.push_str("Severity is the default; any rule can be set to `off`, `info`, `warning` or `error` in `[rules]` of `okr-lint.toml`. Opt-in rules run when selected (`extend-select`) or given a severity.\n\n");
    out.push_str(
        "| code | name | default | fixable | summary |\n| --- | --- | --- | --- | --- |\n",
    );
    for r in RULES {
        let m = r.meta();
        let sev = if m.enabled_by_default {
            m.default_severity.to_string()
        } else {
            format!("off (opt-in {})", m.default_severity)
        };
        let _ = writeln!(
            out,
            "| {} | [`{}`](#{}) | {} | {} | {} |",
            m.code,
            m.name,
            m.name,
            sev,
            if m.fixable { "yes" } else { "" },
            m.summary().replace('|', "\\|")
        );
    }
    for r in RULES {
        let m = r.meta();
        let _ = write!(
            out,
            "\n## {}\n\n`{}` · default: {}{} · fixable: {}\n\n",
            m.name,
            m.code,
            m.default_severity,
            if m.enabled_by_default {
                ""
            } else {
                " (opt-in)"
            },
            if m.fixable { "yes" } else { "no" }
        );
        // Demote the doc's own headings under the rule's heading.
        for line in m.documentation().lines() {
            if let Some(h) = line.strip_prefix("## ") {
                let _ = writeln!(out, "### {h}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

/// `docs/word-lists.md`: every word list with its default entries.
pub fn word_lists_markdown() -> String {
    let mut out = String::new();
    out.push_str("<!-- Generated from okr-lint-core/src/words.rs by `UPDATE_DOCS=1 cargo test -p okr-lint-core --test docs`. Do not edit. -->\n\n");
    out.push_str("# Word lists\n\n");
    out.push_str("Entries are words or phrases, matched without regard to case on word boundaries; a trailing `*` matches any word starting with the entry. Change a list in `okr-lint.toml`:\n\n");
    out.push_str("```toml\n[words.hype-words]\nextend = [\"synergize\"]   # add entries\nremove = [\"epic\"]        # drop default entries\n# replace = [\"...\"]       # use exactly these entries\n```\n");
    for w in WORD_LISTS {
        let _ = write!(out, "\n## {}\n\n{}\n\n", w.name, w.description);
        let entries: Vec<String> = w.defaults.iter().map(|e| format!("`{e}`")).collect();
        let _ = writeln!(out, "{}", entries.join(", "));
    }
    out
}
