//! The `okr-lint` command.

use clap::{Parser, Subcommand, ValueEnum};
use okr_lint_core::{Config, Diagnostic, Linter, Severity, RULES};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const EXIT_HELP: &str = "\
Exit codes:
  0  no warnings or errors
  1  warnings or errors were found
  2  usage, configuration or I/O error";

/// A linter for OKRs written in Markdown.
#[derive(Parser)]
#[command(name = "okr-lint", version, about, after_help = EXIT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint OKR files and directories (all checked together as one workspace).
    #[command(after_help = EXIT_HELP)]
    Check(CheckArgs),
    /// Print the documentation of a rule, by name or code.
    Rule {
        /// Rule name (`vague-verb`) or code (`OKR201`).
        name: String,
    },
    /// List every rule with its code, default severity and whether it can fix.
    Rules,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories; directories are searched for `*.okr.md` and `*.okr`.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    output_format: OutputFormat,
    /// Only run these rules (comma-separated names or codes; `all` for every rule).
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Also run these rules.
    #[arg(long, value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Use this configuration file instead of discovering `okr-lint.toml`.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    isolated: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// Source snippets with underlines and help (for people).
    Full,
    /// One JSON object: {"diagnostics": [...]}.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rule { name } => match okr_lint_core::find_rule(&name) {
            Some(rule) => {
                let m = rule.meta();
                println!("# {} ({})\n", m.name, m.code);
                println!(
                    "Default severity: {}{}. Fixable: {}.\n",
                    m.default_severity,
                    if m.enabled_by_default {
                        ""
                    } else {
                        " (opt-in)"
                    },
                    if m.fixable { "yes" } else { "no" }
                );
                print!("{}", m.documentation());
                ExitCode::SUCCESS
            }
            None => {
                let names: Vec<&str> = RULES.iter().map(|r| r.meta().name).collect();
                eprintln!(
                    "error: unknown rule `{name}`; `okr-lint rules` lists them ({})",
                    names.join(", ")
                );
                ExitCode::from(2)
            }
        },
        Command::Rules => {
            println!(
                "{:<7} {:<28} {:<8} {:<8} summary",
                "code", "name", "default", "fixable"
            );
            for r in RULES {
                let m = r.meta();
                let sev = if m.enabled_by_default {
                    m.default_severity.as_str()
                } else {
                    "off"
                };
                println!(
                    "{:<7} {:<28} {:<8} {:<8} {}",
                    m.code,
                    m.name,
                    sev,
                    if m.fixable { "yes" } else { "" },
                    m.summary()
                );
            }
            ExitCode::SUCCESS
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let mut io_errors = 0usize;
    let mut config = match load_config(&args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    if args.select.is_some() {
        config.select = args.select.clone();
    }
    config
        .extend_select
        .extend(args.extend_select.iter().cloned());
    config.ignore.extend(args.ignore.iter().cloned());
    let linter = match Linter::new(&config) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: invalid configuration: {e}");
            return ExitCode::from(2);
        }
    };

    let mut paths = Vec::new();
    for p in &args.paths {
        if let Err(msg) = collect(p, &mut paths) {
            eprintln!("error: {msg}");
            io_errors += 1;
        }
    }
    paths.sort();
    paths.dedup();
    let mut files: Vec<(String, String)> = Vec::new();
    for p in &paths {
        match std::fs::read(p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((display(p), text)),
                Err(e) => {
                    eprintln!(
                        "error: {}: not UTF-8 text (invalid byte at offset {})",
                        display(p),
                        e.utf8_error().valid_up_to()
                    );
                    io_errors += 1;
                }
            },
            Err(e) => {
                eprintln!("error: {}: {e}", display(p));
                io_errors += 1;
            }
        }
    }

    let diagnostics = linter.lint_workspace(&files);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.output_format {
        OutputFormat::Json => {
            let json = serde_json::json!({ "diagnostics": diagnostics });
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
        OutputFormat::Full => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let theme = if color {
                miette::GraphicalTheme::unicode()
            } else {
                miette::GraphicalTheme::unicode_nocolor()
            };
            let handler = miette::GraphicalReportHandler::new_themed(theme)
                .with_context_lines(1)
                .with_links(color)
                .with_urls(false);
            for d in &diagnostics {
                let source = files
                    .iter()
                    .find(|(p, _)| *p == d.path)
                    .map(|(_, s)| s.as_str())
                    .unwrap_or("");
                let report = d.to_report(source);
                let mut rendered = String::new();
                if handler
                    .render_report(&mut rendered, report.as_ref())
                    .is_ok()
                {
                    let _ = writeln!(out, "{rendered}");
                }
            }
            let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
            eprintln!(
                "Checked {} file{} in {:.0?}: {} error{}, {} warning{}, {} info.",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                started.elapsed(),
                count(Severity::Error),
                if count(Severity::Error) == 1 { "" } else { "s" },
                count(Severity::Warning),
                if count(Severity::Warning) == 1 {
                    ""
                } else {
                    "s"
                },
                count(Severity::Info),
            );
        }
    }
    let _ = out.flush();
    if io_errors > 0 {
        ExitCode::from(2)
    } else if diagnostics
        .iter()
        .any(|d: &Diagnostic| d.severity >= Severity::Warning)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--config`, else the nearest `okr-lint.toml` / `.okr-lint.toml` /
/// `pyproject.toml` with `[tool.okr-lint]` from the working directory up.
fn load_config(args: &CheckArgs) -> Result<Config, String> {
    if args.isolated {
        return Ok(Config::default());
    }
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let parse = |p: &Path, text: &str| {
        Config::from_toml(text).map_err(|e| {
            let at = e
                .span
                .map(|(s, _)| {
                    let line = text.as_bytes()[..s.min(text.len())]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    format!(":{line}")
                })
                .unwrap_or_default();
            format!("{}{at}: {e}", p.display())
        })
    };
    if let Some(p) = &args.config {
        let text = read(p)?;
        return parse(p, &text);
    }
    let mut dir = std::env::current_dir().ok();
    while let Some(d) = dir {
        for name in ["okr-lint.toml", ".okr-lint.toml"] {
            let p = d.join(name);
            if p.is_file() {
                let text = read(&p)?;
                return parse(&p, &text);
            }
        }
        let py = d.join("pyproject.toml");
        if py.is_file() {
            let text = read(&py)?;
            if let Some(c) =
                Config::from_pyproject(&text).map_err(|e| format!("{}: {e}", py.display()))?
            {
                return Ok(c);
            }
        }
        dir = d.parent().map(Path::to_path_buf);
    }
    Ok(Config::default())
}

fn is_okr_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".okr.md") || name.ends_with(".okr")
}

/// Files named explicitly are linted whatever their name; directories are
/// searched (skipping hidden entries) for OKR files.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut stack = vec![path.to_path_buf()];
    let mut found = false;
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let p = entry.path();
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() && is_okr_file(&p) {
                out.push(p);
                found = true;
            }
        }
    }
    if !found {
        return Err(format!(
            "{}: no OKR files (*.okr.md, *.okr) found",
            path.display()
        ));
    }
    Ok(())
}

fn display(p: &Path) -> String {
    let s = p.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
