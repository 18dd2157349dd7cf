//! Rule documentation in the terminal: the rule's Markdown doc, lightly
//! styled when colour is on.

use okr_lint_core::RuleMeta;
use std::fmt::Write as _;

/// The page for one rule.
pub fn rule_page(m: &RuleMeta, color: bool) -> String {
    let mut md = format!("# {} ({})\n\n", m.name, m.code);
    let _ = writeln!(
        md,
        "Default severity: {}{}. Fixable: {}.\n",
        m.default_severity,
        if m.enabled_by_default {
            ""
        } else {
            " (opt-in)"
        },
        if m.fixable { "yes" } else { "no" }
    );
    md.push_str(&m.documentation());
    if color {
        style(&md)
    } else {
        md
    }
}

/// Headings bold, code blocks and `inline code` cyan.
fn style(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 256);
    let mut in_code = false;
    for line in md.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            out.push_str("\x1b[2m");
            out.push_str(line);
            out.push_str("\x1b[0m\n");
            continue;
        }
        if in_code {
            let _ = writeln!(out, "\x1b[36m{line}\x1b[0m");
        } else if let Some(h) = line.strip_prefix("# ") {
            let _ = writeln!(out, "\x1b[1;4m{h}\x1b[0m");
        } else if let Some(h) = line.strip_prefix("## ") {
            let _ = writeln!(out, "\x1b[1m{h}\x1b[0m");
        } else {
            // `code` spans
            let mut inside = false;
            for (i, part) in line.split('`').enumerate() {
                if i > 0 {
                    inside = !inside;
                }
                if inside {
                    let _ = write!(out, "\x1b[36m{part}\x1b[0m");
                } else {
                    out.push_str(part);
                }
            }
            out.push('\n');
        }
    }
    out
}
