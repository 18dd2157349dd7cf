//! The `okr-lint` command. `main.rs` only calls [`run`].

pub mod allocator;
mod discovery;
mod docs;
mod fix;
mod inputs;
mod output;
mod server;

use clap::{Parser, Subcommand, ValueEnum};
use discovery::{Discovery, Origin};
use okr_lint_core::linter::CheckedFile;
use okr_lint_core::{Config, Diagnostic, Linter, Severity, RULES};
use output::Format;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const EXIT_HELP: &str = "\
Exit codes:
  0  no findings at or above --fail-on (default: warning)
  1  findings at or above --fail-on (with --diff: fixes to apply)
  2  usage, configuration or I/O error (other files are still checked)";

/// A linter for OKRs written in Markdown.
#[derive(Parser)]
#[command(name = "okr-lint", version, about, after_help = EXIT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint OKR files, directories and globs (all checked together as one workspace).
    #[command(after_help = EXIT_HELP)]
    Check(Box<CheckArgs>),
    /// Print the documentation of a rule, by name or code.
    Rule {
        /// Rule name (`vague-verb`) or code (`OKR201`).
        #[arg(required_unless_present = "all")]
        name: Option<String>,
        /// Print every rule's documentation.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// List every rule: code, name, default severity, fixable.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        output_format: ListFormat,
    },
    /// Run the language server on stdin/stdout (for editors).
    Server,
    /// Write a commented starter `okr-lint.toml` listing every option.
    Init {
        /// Where to write it.
        #[arg(default_value = "okr-lint.toml")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `always`/`never` win; `auto` means a terminal and no `NO_COLOR`.
    fn enabled(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, directories (searched for *.okr.md and *.okr, honouring .gitignore) and globs; `-` reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<String>,
    /// Output format [default: full, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    output_format: Option<Format>,
    /// Only run these rules (comma-separated names or codes; `all` for every rule).
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Also run these rules.
    #[arg(long, value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Use this configuration file for every input instead of discovering one.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// The name of standard input in output and for finding its configuration.
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Show only findings at or above this severity.
    #[arg(long, value_enum, default_value_t = Level::Info)]
    severity_min: Level,
    /// Exit with 1 when findings at or above this severity are shown.
    #[arg(long, value_enum, default_value_t = Level::Warning)]
    fail_on: Level,
    /// Exit with 0 even when there are findings (2 still reports errors).
    #[arg(long)]
    exit_zero: bool,
    /// Print counts per rule instead of the diagnostics.
    #[arg(long)]
    statistics: bool,
    /// Apply safe fixes to the files (standard input: print the fixed text).
    #[arg(long)]
    fix: bool,
    /// Also apply fixes that change what the OKR says (with --fix or --diff).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Show the fixes as a unified diff without writing anything.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// Run the command line; the process exit code.
pub fn run() -> ExitCode {
    allocator::configure();
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Rule { name, all, color } => {
            let color = color.enabled(std::io::stdout().is_terminal());
            let metas: Vec<&'static okr_lint_core::RuleMeta> = if all {
                RULES.iter().map(|r| r.meta()).collect()
            } else {
                let name = name.unwrap_or_default();
                match okr_lint_core::find_rule(&name) {
                    Some(r) => vec![r.meta()],
                    None => {
                        let guess = RULES
                            .iter()
                            .map(|r| r.meta().name)
                            .min_by_key(|n| strsim_distance(n, &name));
                        eprintln!(
                            "error: unknown rule `{name}`{}; `okr-lint rules` lists them",
                            guess
                                .map(|g| format!(" (did you mean `{g}`?)"))
                                .unwrap_or_default()
                        );
                        return ExitCode::from(2);
                    }
                }
            };
            let pages: Vec<String> = metas.iter().map(|m| docs::rule_page(m, color)).collect();
            print!("{}", pages.join("\n---\n\n"));
            ExitCode::SUCCESS
        }
        Command::Rules { output_format } => {
            match output_format {
                ListFormat::Json => {
                    let rules: Vec<serde_json::Value> = RULES
                        .iter()
                        .map(|r| {
                            let m = r.meta();
                            serde_json::json!({
                                "code": m.code,
                                "name": m.name,
                                "default_severity": m.default_severity,
                                "enabled_by_default": m.enabled_by_default,
                                "fixable": m.fixable,
                                "summary": m.summary(),
                            })
                        })
                        .collect();
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&rules).unwrap_or_default()
                    );
                }
                ListFormat::Text => {
                    println!(
                        "{:<7} {:<28} {:<8} {:<8} summary",
                        "code", "name", "default", "fixable"
                    );
                    for r in RULES {
                        let m = r.meta();
                        let sev = m.default_level();
                        println!(
                            "{:<7} {:<28} {:<8} {:<8} {}",
                            m.code,
                            m.name,
                            sev,
                            if m.fixable { "yes" } else { "" },
                            m.summary()
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Command::Server => server::run(),
        Command::Init { path, force } => {
            if path.exists() && !force {
                eprintln!(
                    "error: {} exists; pass --force to overwrite it",
                    path.display()
                );
                return ExitCode::from(2);
            }
            match std::fs::write(&path, okr_lint_core::config::starter_toml()) {
                Ok(()) => {
                    eprintln!("Wrote {} (every option with its default).", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn strsim_distance(a: &str, b: &str) -> usize {
    // Small edit distance for one suggestion; the core has the fuller one.
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// One file being linted, with its text before and after fixes.
struct Entry {
    source: inputs::Source,
    /// The text being linted (with the fixes applied so far), kept only
    /// while something still needs it: fixes and the snippets of the full
    /// format. Otherwise each file is read, checked and dropped.
    text: Option<String>,
    /// Reading the file failed (the error is reported once).
    unreadable: bool,
}

fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let mut errors: Vec<String> = Vec::new();
    let format = args.output_format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Full
        }
    });
    let stdout_terminal = std::io::stdout().is_terminal();
    let color = format.is_human() && args.color.enabled(stdout_terminal);

    // Inputs.
    let collected = inputs::collect(&args.paths, args.stdin_filename.as_deref());
    errors.extend(collected.errors);

    // Configuration: one per origin; files are grouped by it.
    let mut discovery = Discovery::default();
    let fixed_config = match (&args.config, args.isolated) {
        (Some(p), _) => match discovery::load(p) {
            Ok(c) => Some((Origin::File(p.clone()), c)),
            Err(e) => return fail(&format!("invalid configuration: {e}")),
        },
        (None, true) => Some((Origin::Default, Config::default())),
        (None, false) => None,
    };
    let mut groups: BTreeMap<Origin, Vec<Entry>> = BTreeMap::new();
    for source in collected.sources {
        let origin = match &fixed_config {
            Some((o, _)) => o.clone(),
            None => discovery.origin_for(&source.config_dir),
        };
        groups.entry(origin).or_default().push(Entry {
            source,
            text: None,
            unreadable: false,
        });
    }
    let mut linters: BTreeMap<Origin, Linter> = BTreeMap::new();
    for origin in groups.keys() {
        let base = match (&fixed_config, origin) {
            (Some((_, c)), _) => Ok(c.clone()),
            (None, Origin::Default) => Ok(Config::default()),
            (None, Origin::File(p)) => discovery::load(p),
        };
        let mut config = match base {
            Ok(c) => c,
            Err(e) => return fail(&format!("invalid configuration: {e}")),
        };
        if args.select.is_some() {
            config.select = args.select.clone();
        }
        config
            .extend_select
            .extend(args.extend_select.iter().cloned());
        config.ignore.extend(args.ignore.iter().cloned());
        match Linter::new(&config) {
            Ok(l) => {
                linters.insert(origin.clone(), l);
            }
            Err(e) => {
                let from = match origin {
                    Origin::File(p) if args.select.is_none() || !e.message.contains("select") => {
                        format!("{}: ", p.display())
                    }
                    _ => String::new(),
                };
                return fail(&format!("invalid configuration: {from}{e}"));
            }
        }
    }

    // Lint each group as a workspace, applying fixes in rounds.
    let want_fixes = args.fix || args.diff;
    // Texts are kept for fixes and for the snippets of the full format.
    let keep = want_fixes || (format == Format::Full && !args.statistics);
    // Each file's findings, sorted; the files in order within each group.
    let mut diagnostics: Vec<Vec<Diagnostic>> = Vec::new();
    let mut fixes_applied = 0usize;
    for (origin, entries) in groups.iter_mut() {
        let linter = &linters[origin];
        if want_fixes {
            // Fixes are applied to, and compared with, the text as read
            // (standard input already is).
            let failed: Vec<String> = entries
                .par_iter_mut()
                .filter(|e| e.source.text.is_none())
                .filter_map(|e| match e.source.read() {
                    Ok(t) => {
                        e.source.text = Some(t);
                        None
                    }
                    Err(msg) => {
                        e.unreadable = true;
                        Some(msg)
                    }
                })
                .collect();
            errors.extend(failed);
        }
        let mut diags = lint_group(linter, entries, keep, &mut errors);
        if want_fixes {
            for _round in 0..4 {
                // Each file's findings, found once (filtering all of them
                // for each file was quadratic on a large workspace).
                let mut by_path: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
                for d in diags.iter().flatten() {
                    by_path.entry(&*d.path).or_default().push(d);
                }
                let changed: Vec<(usize, String, usize)> = entries
                    .par_iter()
                    .enumerate()
                    .filter_map(|(i, e)| {
                        let mine = by_path.get(e.source.name.as_str())?;
                        let text = e.text.as_deref()?;
                        fix::apply(text, mine, args.unsafe_fixes).map(|(t, n)| (i, t, n))
                    })
                    .collect();
                if changed.is_empty() {
                    break;
                }
                for (i, text, n) in changed {
                    entries[i].text = Some(text);
                    fixes_applied += n;
                }
                diags = lint_group(linter, entries, keep, &mut errors);
            }
        }
        if diagnostics.is_empty() {
            diagnostics = diags;
        } else {
            diagnostics.extend(diags);
        }
    }
    let entries: Vec<&Entry> = groups
        .values()
        .flatten()
        .filter(|e| !e.unreadable)
        .collect();
    let files_checked = entries.len();

    // Write or show the fixes.
    let mut stdout = std::io::stdout().lock();
    let mut any_diff = false;
    if want_fixes {
        for e in &entries {
            let (Some(original), Some(text)) = (&e.source.text, &e.text) else {
                continue;
            };
            if text == original {
                continue;
            }
            any_diff = true;
            if args.diff {
                let _ = write!(
                    stdout,
                    "{}",
                    fix::unified_diff(&e.source.name, original, text)
                );
            } else if let Some(path) = &e.source.path {
                if let Err(msg) = fix::write_atomic(path, original, text) {
                    errors.push(msg);
                }
            } else {
                // Standard input: the fixed text goes to standard output.
                let _ = write!(stdout, "{text}");
            }
        }
    }

    // Report.
    let min = args.severity_min.severity();
    // In order file by file (not copied into one vector of findings); each
    // group comes sorted, several groups are merged by sorting.
    let mut shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .flatten()
        .filter(|d| d.severity >= min)
        .collect();
    if groups.len() > 1 {
        shown.sort_by(|a, b| Diagnostic::order(a, b));
    }
    let stdin_fix = args.fix && entries.iter().any(|e| e.source.path.is_none());
    let sources: BTreeMap<&str, &str> = entries
        .iter()
        .map(|e| (e.source.name.as_str(), e.text.as_deref().unwrap_or("")))
        .collect();
    let report = output::Report {
        diagnostics: &shown,
        sources: &sources,
        color,
    };
    let fixable = |d: &Diagnostic| fix::applicable(d, args.unsafe_fixes);
    if stdin_fix {
        // Keep standard output for the fixed text.
        let _ = output::write(Format::Concise, &report, &mut std::io::stderr().lock());
    } else if args.statistics {
        let body = output::statistics(
            &shown,
            fixable,
            matches!(format, Format::Json | Format::JsonLines),
            color,
        );
        let _ = write!(stdout, "{body}");
    } else if !args.diff {
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, &mut stdout);
        let _ = output::write(format, &report, &mut out);
        let _ = out.flush();
    }
    let _ = stdout.flush();
    drop(stdout);

    for e in &errors {
        eprintln!(
            "{} {e}",
            if args.color.enabled(std::io::stderr().is_terminal()) {
                "\x1b[1;31merror:\x1b[0m"
            } else {
                "error:"
            }
        );
    }
    if format.is_human() || args.statistics {
        let count = |s: Severity| shown.iter().filter(|d| d.severity == s).count();
        let plural = |n: usize, w: &str| {
            let suffix = match (n, w.ends_with('x')) {
                (1, _) => "",
                (_, true) => "es",
                _ => "s",
            };
            format!("{n} {w}{suffix}")
        };
        let mut summary = format!(
            "Checked {} in {:.0?}: {}, {}, {}.",
            plural(files_checked, "file"),
            started.elapsed(),
            plural(count(Severity::Error), "error"),
            plural(count(Severity::Warning), "warning"),
            plural(count(Severity::Info), "info"),
        );
        if fixes_applied > 0 {
            let verb = if args.diff {
                "would be applied"
            } else {
                "applied"
            };
            summary.push_str(&format!(" {} {verb}.", plural(fixes_applied, "fix")));
        }
        let safe = shown.iter().filter(|d| fix::applicable(d, false)).count();
        let unsafe_only = shown
            .iter()
            .filter(|d| fix::applicable(d, true) && !fix::applicable(d, false))
            .count();
        if !want_fixes && safe > 0 {
            summary.push_str(&format!(" {safe} fixable with --fix."));
        }
        if !args.unsafe_fixes && unsafe_only > 0 {
            summary.push_str(&format!(" {unsafe_only} more with --unsafe-fixes."));
        }
        eprintln!("{summary}");
    }

    let fail_on = args.fail_on.severity();
    let code = if !errors.is_empty() {
        2
    } else if args.exit_zero {
        0
    } else if shown.iter().any(|d| d.severity >= fail_on) || (args.diff && any_diff) {
        1
    } else {
        0
    };
    // The process exits next, and the system takes its memory back at once:
    // freeing every finding, text and tree one by one first would only
    // delay the exit (about 0.2 s on the 100 MB corpus).
    std::mem::forget(sources);
    std::mem::forget(entries);
    std::mem::forget(shown);
    std::mem::forget(diagnostics);
    std::mem::forget(groups);
    std::mem::forget(linters);
    ExitCode::from(code)
}

/// Lint a group of files together: each file is read, parsed and checked on
/// its own in parallel (its text kept only when `keep`), then the workspace
/// rules run in parallel. Files that cannot be read are reported in
/// `errors` and marked unreadable.
fn lint_group(
    linter: &Linter,
    entries: &mut [Entry],
    keep: bool,
    errors: &mut Vec<String>,
) -> Vec<Vec<Diagnostic>> {
    // Per file: nothing (unreadable before), the check and the text to
    // keep (if newly read and kept), or a read error.
    type Outcome = Result<Option<(CheckedFile, Option<String>)>, String>;
    allocator::enter(allocator::Phase::PerFile);
    let results: Vec<Outcome> = entries
        .par_iter()
        .map(|e| {
            if e.unreadable {
                return Ok(None);
            }
            // A text already kept (fix rounds) is checked where it is.
            if let Some(t) = &e.text {
                return Ok(Some((linter.check_file(&e.source.name, t), None)));
            }
            let text = e.source.read()?;
            let checked = linter.check_file(&e.source.name, &text);
            Ok(Some((checked, keep.then_some(text))))
        })
        .collect();
    let mut checked = Vec::with_capacity(results.len());
    for (r, e) in results.into_iter().zip(entries.iter_mut()) {
        match r {
            Ok(Some((c, text))) => {
                checked.push(c);
                if text.is_some() {
                    e.text = text;
                }
            }
            Ok(None) => {}
            Err(msg) => {
                errors.push(msg);
                e.unreadable = true;
            }
        }
    }
    allocator::enter(allocator::Phase::Workspace);
    linter.finish_files(checked, &|n, f| (0..n).into_par_iter().map(f).collect())
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}
