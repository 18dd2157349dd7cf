//! Output formats: full (miette), concise, JSON, JSON Lines, SARIF 2.1.0,
//! GitHub workflow commands, JUnit XML, and per-rule statistics.

use okr_lint_core::{find_rule, Diagnostic, Severity, RULES};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with underlines and help (for people).
    Full,
    /// One line per diagnostic: `path:line:col: severity [code rule] message`.
    Concise,
    /// One JSON object: {"diagnostics": [...]}.
    Json,
    /// One JSON object per line, one per diagnostic.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
}

impl Format {
    /// Formats read by people get colour and a summary line on stderr.
    pub fn is_human(self) -> bool {
        matches!(self, Format::Full | Format::Concise)
    }
}

/// Everything a format needs.
pub struct Report<'a> {
    pub diagnostics: &'a [&'a Diagnostic],
    /// Every checked file by display name, with its text for snippets
    /// (empty when the format shows none).
    pub sources: &'a BTreeMap<&'a str, &'a str>,
    pub color: bool,
}

/// Write the report in `format` to `out`, diagnostic by diagnostic where the
/// format allows, so a large report is never held in memory as one string.
/// Generic over the writer so that serde_json's many small writes inline
/// into the buffer (through `dyn Write` they cost 4% of a run).
/// Render `items` in chunks on the rayon pool with `render`, and write the
/// chunks in order, `sep` between them. A bounded window of chunks is held
/// at a time, so memory stays small whatever the size of the report.
fn in_parallel<W: io::Write>(
    items: &[&Diagnostic],
    out: &mut W,
    sep: &str,
    render: impl Fn(&[&Diagnostic], &mut String) + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    const CHUNK: usize = 256;
    const WINDOW: usize = 32 * CHUNK;
    let mut first = true;
    for window in items.chunks(WINDOW) {
        let rendered: Vec<String> = window
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut s = String::new();
                render(chunk, &mut s);
                s
            })
            .collect();
        for s in rendered {
            if !first {
                out.write_all(sep.as_bytes())?;
            }
            first = false;
            out.write_all(s.as_bytes())?;
        }
    }
    Ok(())
}

pub fn write<W: io::Write>(format: Format, r: &Report, out: &mut W) -> io::Result<()> {
    match format {
        Format::Full => in_parallel(r.diagnostics, out, "", |chunk, s| full(r, chunk, s)),
        Format::Concise => in_parallel(r.diagnostics, out, "", |chunk, s| {
            chunk.iter().for_each(|d| concise(r, d, s))
        }),
        Format::Json => {
            // `{"diagnostics": [...]}` as serde_json's pretty printer writes
            // it: each diagnostic is printed on its own (in parallel) and
            // indented to its depth. JSON strings hold no raw line breaks,
            // so indenting every line is exact.
            if r.diagnostics.is_empty() {
                return out.write_all(b"{\n  \"diagnostics\": []\n}\n");
            }
            out.write_all(b"{\n  \"diagnostics\": [\n")?;
            in_parallel(r.diagnostics, out, ",\n", |chunk, s| {
                for (k, d) in chunk.iter().enumerate() {
                    if k > 0 {
                        s.push_str(",\n");
                    }
                    let one = serde_json::to_string_pretty(d).unwrap_or_default();
                    for (i, line) in one.lines().enumerate() {
                        if i > 0 {
                            s.push('\n');
                        }
                        s.push_str("    ");
                        s.push_str(line);
                    }
                }
            })?;
            out.write_all(b"\n  ]\n}\n")
        }
        Format::JsonLines => in_parallel(r.diagnostics, out, "", |chunk, s| {
            for d in chunk {
                s.push_str(&serde_json::to_string(d).unwrap_or_default());
                s.push('\n');
            }
        }),
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(r))?;
            out.write_all(b"\n")
        }
        Format::Github => in_parallel(r.diagnostics, out, "", |chunk, s| {
            chunk.iter().for_each(|d| github(d, s))
        }),
        Format::Junit => out.write_all(junit(r).as_bytes()),
    }
}

fn paint(on: bool, code: &str, text: &str) -> String {
    let mut s = String::new();
    push_painted(&mut s, on, code, text);
    s
}

/// `n` in decimal onto the end of `out` (`write!` costs several hundred
/// instructions a number).
fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(d as char);
    }
}

/// [`paint`] onto the end of `out`.
fn push_painted(out: &mut String, on: bool, code: &str, text: &str) {
    if on {
        out.push_str("\x1b[");
        out.push_str(code);
        out.push('m');
        out.push_str(text);
        out.push_str("\x1b[0m");
    } else {
        out.push_str(text);
    }
}

fn full(r: &Report, chunk: &[&Diagnostic], out: &mut String) {
    let theme = if r.color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_links(false)
        .with_urls(false);
    // Findings come sorted by file: each file's lines are found once.
    let mut snippets: Option<okr_lint_core::Snippets> = None;
    for d in chunk {
        if snippets.as_ref().is_none_or(|s| s.name() != &*d.path) {
            let source = r.sources.get(&*d.path).copied().unwrap_or("");
            snippets = Some(okr_lint_core::Snippets::new(&d.path, source));
        }
        if let Some(s) = &snippets {
            let _ = handler.render_report(out, &d.with_source(s));
        }
        // End with the code and name so the rule can be looked up.
        let tag = format!("{} {}", d.code, d.rule);
        let _ = writeln!(
            out,
            "  {} {}\n",
            paint(r.color, "2", "rule:"),
            paint(r.color, "2", &format!("{tag} (okr-lint rule {})", d.rule))
        );
    }
}

fn severity_colored(on: bool, s: Severity) -> String {
    paint(on, severity_color(s), s.as_str())
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// `path:line:column: severity [code rule] message`, appended piece by
/// piece: through `writeln!` with the colored parts made as strings first,
/// a finding took about 1,700 instructions.
fn concise(r: &Report, d: &Diagnostic, out: &mut String) {
    push_painted(out, r.color, "1", &d.path);
    out.push(':');
    push_number(out, d.span.line);
    out.push(':');
    push_number(out, d.span.column);
    out.push_str(": ");
    push_painted(
        out,
        r.color,
        severity_color(d.severity),
        d.severity.as_str(),
    );
    out.push_str(" [");
    out.push_str(d.code);
    out.push(' ');
    out.push_str(d.rule);
    out.push_str("] ");
    out.push_str(&d.message);
    out.push('\n');
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

const DOCS: &str = "https://github.com/okr-lint/okr-lint/blob/main/docs/rules.md";

fn sarif(r: &Report) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let m = rule.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary() },
                "fullDescription": { "text": m.summary() },
                "help": { "text": m.documentation(), "markdown": m.documentation() },
                "helpUri": format!("{DOCS}#{}", m.name),
                "defaultConfiguration": {
                    "level": sarif_level(m.default_severity),
                    "enabled": m.enabled_by_default
                },
                "properties": { "tags": ["okr"] }
            })
        })
        .collect();
    let results: Vec<Value> = r
        .diagnostics
        .iter()
        .map(|d| {
            let index = RULES.iter().position(|x| x.meta().code == d.code).unwrap_or(0);
            let region = |s: &okr_lint_core::Span| {
                json!({
                    "startLine": s.line,
                    "startColumn": s.column,
                    "endLine": s.end_line,
                    "endColumn": s.end_column,
                    "charOffset": s.start,
                    "charLength": s.end - s.start
                })
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(". ");
                message.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": sarif_level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.path) },
                        "region": region(&d.span)
                    }
                }]
            });
            if !d.labels.is_empty() {
                result["relatedLocations"] = Value::Array(
                    d.labels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            json!({
                                "id": i,
                                "message": { "text": l.message },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": uri(l.path.as_deref().unwrap_or(&d.path)) },
                                    "region": region(&l.span)
                                }
                            })
                        })
                        .collect(),
                );
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([{
                    "description": { "text": fix.message },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&d.path) },
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": region(&e.span),
                            "insertedContent": { "text": e.replacement }
                        })).collect::<Vec<_>>()
                    }]
                }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "okr-lint",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/okr-lint/okr-lint",
                    "rules": rules
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    })
}

/// A relative URI reference for a path (forward slashes, percent-encoded
/// where needed).
fn uri(path: &str) -> String {
    let mut out = String::new();
    for c in path.replace('\\', "/").chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(c),
            _ => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    }
    out
}

/// Escape workflow-command data (`%`, CR, LF) and, for properties, `:` and `,`.
fn gh_escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(d: &Diagnostic, out: &mut String) {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push('\n');
        message.push_str(h);
    }
    let _ = writeln!(
        out,
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        gh_escape(&d.path, true),
        d.span.line,
        d.span.column,
        d.span.end_line,
        d.span.end_column,
        gh_escape(&format!("{} {}", d.code, d.rule), true),
        gh_escape(&message, false)
    );
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn junit(r: &Report) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> =
        r.sources.keys().map(|k| (*k, Vec::new())).collect();
    for d in r.diagnostics {
        by_file.entry(&*d.path).or_default().push(d);
    }
    let total: usize = by_file.values().map(|v| v.len().max(1)).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"okr-lint\" tests=\"{total}\" failures=\"{}\">",
        r.diagnostics.len()
    );
    for (file, diags) in by_file {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
            xml(file),
            diags.len().max(1),
            diags.len()
        );
        if diags.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"okr-lint\" classname=\"{}\"/>",
                xml(file)
            );
        }
        for d in diags {
            let _ = writeln!(
                out,
                "    <testcase name=\"{} {} at {}:{}\" classname=\"{}\" file=\"{}\" line=\"{}\">",
                d.code,
                d.rule,
                d.span.line,
                d.span.column,
                xml(file),
                xml(file),
                d.span.line
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}:{}:{}: {} [{} {}] {}{}</failure>",
                xml(&d.message),
                d.severity,
                xml(file),
                d.span.line,
                d.span.column,
                d.severity,
                d.code,
                d.rule,
                xml(&d.message),
                d.help
                    .as_deref()
                    .map(|h| format!("\n{}", xml(h)))
                    .unwrap_or_default()
            );
            let _ = writeln!(out, "    </testcase>");
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Counts per rule, most frequent first.
pub fn statistics(
    diags: &[&Diagnostic],
    fixable: impl Fn(&Diagnostic) -> bool,
    as_json: bool,
    color: bool,
) -> String {
    let mut counts: BTreeMap<&str, (usize, usize, Severity)> = BTreeMap::new();
    for d in diags {
        let e = counts.entry(d.rule).or_insert((0, 0, d.severity));
        e.0 += 1;
        if fixable(d) {
            e.1 += 1;
        }
        e.2 = e.2.max(d.severity);
    }
    let mut rows: Vec<(&str, usize, usize, Severity)> = counts
        .into_iter()
        .map(|(k, (n, f, s))| (k, n, f, s))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if as_json {
        let v: Vec<Value> = rows
            .iter()
            .map(|(rule, n, f, s)| {
                let code = find_rule(rule).map(|r| r.meta().code).unwrap_or("");
                json!({ "code": code, "rule": rule, "count": n, "fixable": f, "severity": s })
            })
            .collect();
        return serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
    }
    let mut out = String::new();
    for (rule, n, f, s) in rows {
        let code = find_rule(rule).map(|r| r.meta().code).unwrap_or("");
        let fix = if f > 0 {
            format!("  ({f} fixable)")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{n:>6}  {code}  {:<28} {}{fix}",
            rule,
            severity_colored(color, s)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12_345,
            999_999_999,
            1_000_000_000,
            u32::MAX,
        ] {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}
