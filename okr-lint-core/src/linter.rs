//! Running the rules: parse every file, run the enabled rules over the
//! workspace, keep the most specific diagnosis per KR, apply suppression
//! comments, set severities and sort.

use crate::analysis::analyze;
use crate::ast::{Suppression, SuppressionKind};
use crate::config::{Config, ConfigError};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::parser::{did_you_mean, parse_with};
use crate::rule::{find_rule, rule_index, LintFile, Reporter, Rule, Workspace, RULES};
use crate::span::Span;
use crate::summary::{FileSummary, Summaries};
use crate::words::Lexicons;

/// Within one KR, a diagnosis earlier in this list hides the later ones:
/// "Improve API performance" is a vague verb, not also a missing Definition
/// of Done.
const SPECIFICITY: &[&str] = &[
    "activity-kr",
    "vague-verb",
    "discovery-without-output",
    "missing-definition-of-done",
];

/// The per-file pass of [`Linter::finish`] is split into this many chunks.
const FINISH_CHUNKS: usize = 32;

/// One file after the per-file half of linting ([`Linter::check_file`]):
/// its summary for the workspace rules and the findings so far. Holds no
/// reference to the file's text.
#[derive(Debug)]
pub struct CheckedFile {
    summary: FileSummary,
    /// Syntax errors and per-file rule findings, before suppressions and
    /// severities are applied.
    diagnostics: Vec<Kept>,
    /// Findings [`keep`] gave back (none in practice).
    #[cfg(not(target_arch = "wasm32"))]
    unkept: Vec<Diagnostic>,
    suppressions: Vec<Suppression>,
    /// Each suppression comment's whole line, when the comment is alone on it.
    comment_lines: Vec<Option<Span>>,
}

/// A finding kept from the per-file half of linting to the workspace half
/// ([`CheckedFile`]), in 112 bytes instead of a [`Diagnostic`]'s 184: every
/// per-file finding of a run is kept while the workspace rules run, which
/// is when a run's memory peaks (100 MB benchmark: 372,000 findings). The
/// rule is an index into [`RULES`] (the path is set later anyway), the
/// message and labels boxed slices.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
struct Kept {
    span: Span,
    message: Box<str>,
    help: Option<std::borrow::Cow<'static, str>>,
    labels: Box<[crate::diagnostic::Label]>,
    fix: Option<Box<Fix>>,
    /// The anchor, `usize::MAX` for none.
    anchor: usize,
    /// Index of the rule in [`RULES`].
    rule: u8,
    severity: Severity,
}

/// `d` kept, or given back when its code and name are not a listed rule's
/// (every finding's are: the parser's syntax errors and the rules' reports
/// take them from [`RULES`]). `hint` is the index of the rule that likely
/// reported it, checked first.
#[cfg(not(target_arch = "wasm32"))]
fn keep(d: Diagnostic, hint: usize) -> Result<Kept, Box<Diagnostic>> {
    // Reported findings point at their rule's own strings: two address
    // comparisons. (The parser writes its syntax errors' code and name
    // itself, so those are compared as text.)
    let same = |a: &'static str, b: &'static str| std::ptr::eq(a, b) || a == b;
    let is = |i: usize| {
        RULES
            .get(i)
            .is_some_and(|r| same(r.meta().name, d.rule) && same(r.meta().code, d.code))
    };
    let rule = if is(hint) {
        hint
    } else {
        match rule_index(d.rule).filter(|&i| is(i)) {
            Some(i) => i,
            None => return Err(Box::new(d)),
        }
    };
    let Ok(rule) = u8::try_from(rule) else {
        return Err(Box::new(d));
    };
    Ok(Kept {
        span: d.span,
        message: d.message.into_boxed_str(),
        help: d.help,
        labels: d.labels.into_boxed_slice(),
        fix: d.fix,
        anchor: d.anchor.unwrap_or(usize::MAX),
        rule,
        severity: d.severity,
    })
}

#[cfg(not(target_arch = "wasm32"))]
impl From<Kept> for Diagnostic {
    fn from(k: Kept) -> Diagnostic {
        // `Kept::new` only keeps findings of listed rules.
        let meta = RULES[k.rule as usize].meta();
        Diagnostic {
            path: Default::default(),
            code: meta.code,
            rule: meta.name,
            severity: k.severity,
            message: k.message.into_string(),
            span: k.span,
            labels: k.labels.into_vec(),
            help: k.help,
            fix: k.fix,
            anchor: (k.anchor != usize::MAX).then_some(k.anchor),
        }
    }
}

/// A file's findings as [`CheckedFile`] keeps them: its syntax errors, then
/// the rules' (`out`, where rule `ends[k].1`'s end at `ends[k].0`).
#[cfg(not(target_arch = "wasm32"))]
fn kept(
    syntax: &[Diagnostic],
    out: Vec<(usize, Diagnostic)>,
    ends: &[(usize, usize)],
) -> (Vec<Kept>, Vec<Diagnostic>) {
    let mut kept = Vec::with_capacity(syntax.len() + out.len());
    let mut unkept = Vec::new();
    let mut add = |d: Diagnostic, hint: usize| match keep(d, hint) {
        Ok(k) => kept.push(k),
        Err(d) => unkept.push(*d),
    };
    let syntax_rule = rule_index("syntax-error").unwrap_or(0);
    for d in syntax {
        add(d.clone(), syntax_rule);
    }
    let mut rules = ends.iter();
    let mut rule = rules.next();
    for (n, (_, d)) in out.into_iter().enumerate() {
        while rule.is_some_and(|&(end, _)| n >= end) {
            rule = rules.next();
        }
        add(d, rule.map_or(0, |&(_, i)| i));
    }
    (kept, unkept)
}

/// A file's findings, then its workspace findings (`extra`), as
/// diagnostics.
#[cfg(not(target_arch = "wasm32"))]
fn findings(kept: Vec<Kept>, extra: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut found = Vec::with_capacity(kept.len() + extra.len());
    found.extend(kept.into_iter().map(Diagnostic::from));
    found.extend(extra);
    found
}

/// The browser build lints a document at a time: its findings are kept as
/// they are (the conversions would cost bytes of its size budget).
#[cfg(target_arch = "wasm32")]
type Kept = Diagnostic;

/// A validated configuration, ready to lint many times.
#[derive(Debug, Clone)]
pub struct Linter {
    config: Config,
    lexicons: Lexicons,
    severities: Vec<Option<Severity>>,
    /// `per-file-ignores`: a path pattern and the rule names it turns off.
    per_file_ignores: Vec<(crate::glob::Glob, Vec<&'static str>)>,
}

/// How [`Linter::finish`] runs the workspace rules (and the parts a rule
/// splits its own work into, see [`Summaries::map`]): given `n` and `f`,
/// return `f(0), ..., f(n - 1)` in order.
pub type RuleMap<'f> = dyn Fn(usize, &(dyn Fn(usize) -> Vec<(usize, Diagnostic)> + Sync)) -> Vec<Vec<(usize, Diagnostic)>>
    + Sync
    + 'f;

impl Linter {
    /// Validate `config` and compile its word lists.
    pub fn new(config: &Config) -> Result<Linter, ConfigError> {
        config.validate()?;
        let per_file_ignores = config
            .per_file_ignores
            .iter()
            .filter_map(|(pattern, rules)| {
                let glob = crate::glob::Glob::new(pattern).ok()?;
                let all = rules.iter().any(|r| r.eq_ignore_ascii_case("all"));
                let names = RULES
                    .iter()
                    .map(|r| r.meta())
                    .filter(|m| {
                        all || rules
                            .iter()
                            .any(|r| r == m.name || r.eq_ignore_ascii_case(m.code))
                    })
                    .map(|m| m.name)
                    .collect();
                Some((glob, names))
            })
            .collect();
        Ok(Linter {
            config: config.clone(),
            lexicons: config.lexicons(),
            severities: config.severities(),
            per_file_ignores,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn lexicons(&self) -> &Lexicons {
        &self.lexicons
    }

    /// The severity `rule` runs at, or `None` when it does not run.
    pub fn severity_of(&self, rule: &str) -> Option<Severity> {
        rule_index(rule).and_then(|i| self.severities[i])
    }

    /// Lint one file (workspace rules see only this file).
    pub fn lint(&self, source: &str, path: &str) -> Vec<Diagnostic> {
        self.lint_workspace(&[(path, source)])
    }

    /// Lint files together so workspace rules see all of them. Diagnostics
    /// are sorted by path, then position, then code.
    pub fn lint_workspace<P: AsRef<str>, S: AsRef<str>>(
        &self,
        files: &[(P, S)],
    ) -> Vec<Diagnostic> {
        let checked = files
            .iter()
            .map(|(p, s)| self.check_file(p.as_ref(), s.as_ref()))
            .collect();
        self.finish(checked, &|n, f| (0..n).map(f).collect())
    }

    /// The per-file half of linting: parse and analyse `source`, run the
    /// per-file rules, and keep what the workspace rules need. Needs no
    /// other file, so callers may run it in parallel and drop `source`
    /// afterwards.
    pub fn check_file(&self, path: &str, source: &str) -> CheckedFile {
        self.check_prepared(self.prepare(path, source))
    }

    /// [`Linter::check_file`] for a file already parsed with
    /// [`Linter::prepare`].
    pub fn check_prepared(&self, file: LintFile<'_>) -> CheckedFile {
        let summary = FileSummary::of(&file);
        let comment_lines = file
            .document
            .suppressions
            .iter()
            .map(|s| comment_line(&file, s.span))
            .collect();
        let ws = Workspace {
            files: vec![file],
            config: &self.config,
            lexicons: &self.lexicons,
        };
        // One buffer for every rule, then one allocation of the exact size:
        // these findings are kept until the workspace half is done, and a
        // vector grown by doubling as each rule adds to it carried about as
        // much unused capacity as findings.
        let mut reporter = Reporter::new(RULES[0].meta());
        // Where each rule's findings end in `reporter.out`, with the rule.
        // Where each rule's findings end in `reporter.out`, with the rule.
        #[cfg(not(target_arch = "wasm32"))]
        let mut ends = Vec::new();
        for (i, rule) in RULES.iter().enumerate() {
            if self.severities[i].is_some() {
                reporter.meta = rule.meta();
                rule.check(&ws, &mut reporter);
                #[cfg(not(target_arch = "wasm32"))]
                ends.push((reporter.out.len(), i));
            }
        }
        let file = &ws.files[0];
        let syntax = if self.severity_of("syntax-error").is_some() {
            &file.syntax_errors[..]
        } else {
            &[]
        };
        #[cfg(not(target_arch = "wasm32"))]
        let (diagnostics, unkept) = kept(syntax, reporter.out, &ends);
        // The browser build lints a document at a time and keeps its
        // findings as they are.
        #[cfg(target_arch = "wasm32")]
        let diagnostics = {
            let mut diagnostics = Vec::with_capacity(syntax.len() + reporter.out.len());
            diagnostics.extend(syntax.iter().cloned());
            diagnostics.extend(reporter.out.into_iter().map(|(_, d)| d));
            diagnostics
        };
        let file = ws.files.into_iter().next().expect("one file");
        CheckedFile {
            summary,
            diagnostics,
            #[cfg(not(target_arch = "wasm32"))]
            unkept,
            suppressions: file.document.suppressions,
            comment_lines,
        }
    }

    /// The workspace half of linting: run the workspace rules over the
    /// summaries of `files`, then apply suppressions, `per-file-ignores` and
    /// severities. `map` must return `f(0), f(1), ..., f(n - 1)` in order,
    /// and may compute them in parallel (the CLI uses rayon); the core
    /// itself starts no threads. Diagnostics are sorted by path, then
    /// position, then code.
    pub fn finish(&self, files: Vec<CheckedFile>, map: &RuleMap<'_>) -> Vec<Diagnostic> {
        let paths_ascending = files
            .windows(2)
            .all(|f| f[0].summary.path < f[1].summary.path);
        let per_file = self.finish_files(files, map);
        // Sized up front: grown by doubling, the vector of every finding
        // would briefly exist twice.
        let mut all = Vec::with_capacity(per_file.iter().map(Vec::len).sum());
        for diags in per_file {
            all.extend(diags);
        }
        // Each file's findings are sorted; when the paths are distinct and
        // ascending (as a directory walk gives them), so is the whole.
        if !paths_ascending {
            crate::sort::sort_by(&mut all, Diagnostic::order);
        }
        all
    }

    /// [`Linter::finish`], each file's findings apart (sorted, in the order
    /// of `files`): a caller that walks them in order does not need them
    /// copied into one vector.
    #[inline]
    pub fn finish_files(&self, files: Vec<CheckedFile>, map: &RuleMap<'_>) -> Vec<Vec<Diagnostic>> {
        let mut rest = Vec::with_capacity(files.len());
        let mut summaries = Vec::with_capacity(files.len());
        for f in files {
            summaries.push(f.summary);
            #[cfg(not(target_arch = "wasm32"))]
            let unkept = f.unkept;
            #[cfg(target_arch = "wasm32")]
            let unkept = Vec::new();
            rest.push((f.diagnostics, f.suppressions, f.comment_lines, unkept));
        }
        let ws = Summaries::new(summaries, &self.config, &self.lexicons, map);
        // Every enabled rule: those without a workspace part return at once.
        let enabled: Vec<&dyn Rule> = RULES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.severities[*i].is_some())
            .map(|(_, r)| *r)
            .collect();
        let run = |i: usize| {
            let rule = enabled[i];
            let mut reporter = Reporter::new(rule.meta());
            rule.check_workspace(&ws, &mut reporter);
            reporter.out
        };
        // Run in order of cost (the findings stay in rule order). With the
        // rules in their listed order, `overlapping-krs`, the costliest,
        // started after three others on two threads and then ran alone:
        // the rules' phase of a two-thread run on 100 MB took 15-30% longer
        // (about 5% of the run). Only order, so each rule's
        // findings are the same whichever runs first. Not in the browser
        // build, which runs them one after another anyway (600 bytes).
        #[cfg(not(target_arch = "wasm32"))]
        let outs = {
            let order = schedule(&enabled);
            let mut outs = Vec::with_capacity(enabled.len());
            outs.resize_with(enabled.len(), Vec::new);
            for (k, found) in map(enabled.len(), &|k| run(order[k]))
                .into_iter()
                .enumerate()
            {
                outs[order[k]] = found;
            }
            outs
        };
        #[cfg(target_arch = "wasm32")]
        let outs = map(enabled.len(), &run);
        // The per-file pass is independent per file: done in place, in
        // chunks the caller's map may run in parallel. Each chunk also frees
        // its files' summaries (the rules are done with them), so summaries
        // and gathered findings are never held at once, and freeing them is
        // not a serial step. The workspace findings are set aside per file
        // here (in the order found) and join the file's findings there:
        // grown here instead, the vectors of all files with a workspace
        // finding were copied one after another in this serial part.
        let mut summaries = ws.files;
        // Sized exactly: a vector grown by doubling keeps up to as much
        // unused capacity as it holds. Only a memory hint: the browser
        // build, which lints a document at a time and has a size budget,
        // goes without.
        #[cfg(not(target_arch = "wasm32"))]
        {
            let mut counts = vec![0usize; rest.len()];
            for (file, _) in outs.iter().flatten() {
                counts[*file] += 1;
            }
            for (r, n) in rest.iter_mut().zip(counts) {
                r.3.reserve_exact(n);
            }
        }
        for out in outs {
            for (file, d) in out {
                rest[file].3.push(d);
            }
        }
        let chunk = rest.len().div_ceil(FINISH_CHUNKS).max(1);
        let parts: Vec<_> = rest
            .chunks_mut(chunk)
            .zip(summaries.chunks_mut(chunk))
            .map(std::sync::Mutex::new)
            .collect();
        let finish_part = |c: usize| {
            // A panic elsewhere cannot leave a part half-written: use it.
            let mut part = parts[c].lock().unwrap_or_else(|e| e.into_inner());
            let (files, summaries) = &mut *part;
            // `out` holds the file's workspace findings, then all of them.
            for ((diags, suppressions, comment_lines, out), summary) in
                files.iter_mut().zip(summaries.iter_mut())
            {
                let path = summary.path.as_str();
                #[cfg(not(target_arch = "wasm32"))]
                let mut found = findings(std::mem::take(diags), std::mem::take(out));
                #[cfg(target_arch = "wasm32")]
                let mut found = {
                    let mut found = std::mem::take(diags);
                    let extra = std::mem::take(out);
                    found.reserve_exact(extra.len());
                    found.extend(extra);
                    found
                };
                keep_most_specific(&mut found);
                let mut found = self.suppress(suppressions, comment_lines, found);
                let ignored = self.ignored_rules(path);
                if !ignored.is_empty() {
                    found.retain(|d| !ignored.contains(&d.rule));
                }
                let shared: std::sync::Arc<str> = path.into();
                for d in &mut found {
                    d.path = shared.clone();
                    self.apply_severity(d);
                }
                crate::sort::sort_by(&mut found, Diagnostic::order);
                // Where `rest` is read from below (the browser build
                // keeps findings as they are: back in their own place).
                #[cfg(not(target_arch = "wasm32"))]
                {
                    *out = found;
                }
                #[cfg(target_arch = "wasm32")]
                {
                    *diags = found;
                }
                *suppressions = Vec::new();
                *comment_lines = Vec::new();
                summary.clear();
            }
            Vec::new()
        };
        map(parts.len(), &finish_part);
        drop(parts);
        #[cfg(not(target_arch = "wasm32"))]
        let all = rest.into_iter().map(|(.., out)| out).collect();
        #[cfg(target_arch = "wasm32")]
        let all = rest.into_iter().map(|(diags, ..)| diags).collect();
        all
    }

    /// Rules `per-file-ignores` turns off for `path`: a pattern may match the
    /// whole path or any trailing part of it.
    fn ignored_rules(&self, path: &str) -> Vec<&'static str> {
        if self.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let path = path.replace('\\', "/");
        let tails = std::iter::once(path.as_str())
            .chain(path.match_indices('/').map(|(i, _)| &path[i + 1..]));
        let tails: Vec<&str> = tails.collect();
        self.per_file_ignores
            .iter()
            .filter(|(glob, _)| tails.iter().any(|t| glob.is_match(t)))
            .flat_map(|(_, names)| names.iter().copied())
            .collect()
    }

    /// Parse and analyse one file, for [`Linter::check_prepared`] (callers
    /// that also want the tree, like the Python package, start here).
    pub fn prepare<'a>(&self, path: &'a str, source: &'a str) -> LintFile<'a> {
        let parsed = parse_with(source, &self.lexicons);
        let objective_facts = parsed
            .document
            .objectives
            .iter()
            .map(|o| analyze(&o.statement.value, o.statement.span.start, &self.lexicons))
            .collect();
        LintFile {
            path,
            source,
            document: parsed.document,
            index: parsed.index,
            syntax_errors: parsed.errors,
            objective_facts,
            kr_facts: parsed.kr_facts,
        }
    }

    /// Configured severity; a diagnostic reported below its rule's default
    /// (an unlabeled `stretch-on-dependency`) stays that many levels below.
    fn apply_severity(&self, d: &mut Diagnostic) {
        let Some(i) = rule_index(d.rule) else { return };
        let (Some(configured), default) = (self.severities[i], RULES[i].meta().default_severity)
        else {
            return;
        };
        let steps = default as i32 - d.severity as i32;
        let level = (configured as i32 - steps.max(0)).max(0);
        d.severity = match level {
            0 => Severity::Info,
            1 => Severity::Warning,
            _ => Severity::Error,
        };
    }

    /// Drop suppressed diagnostics; report unknown rules and unused
    /// suppressions.
    fn suppress(
        &self,
        sups: &[Suppression],
        comment_lines: &[Option<Span>],
        diags: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        if sups.is_empty() {
            return diags;
        }
        // Each suppression's named rules, resolved (None: unknown name).
        let resolved: Vec<Vec<Option<&'static str>>> = sups
            .iter()
            .map(|s| {
                s.rules
                    .iter()
                    .map(|r| find_rule(&r.value).map(|x| x.meta().name))
                    .collect()
            })
            .collect();
        // Where each suppression applies: (the rule it silences, "" for all;
        // start; end; the suppression; the rule's slot in `used`). Built from
        // the last comment back, so that a `disable` knows the next `enable`
        // with no names or naming its rule, which ends it (searching forward
        // from each `disable` was quadratic).
        let mut regions: Vec<Region> = Vec::new();
        let mut next_all = usize::MAX;
        let mut next_named: Vec<(&'static str, usize)> = Vec::new();
        for (i, s) in sups.iter().enumerate().rev() {
            if s.kind == SuppressionKind::Enable {
                if s.rules.is_empty() {
                    next_all = s.span.start;
                }
                for x in resolved[i].iter().flatten() {
                    next_named.retain(|(n, _)| n != x);
                    next_named.push((x, s.span.start));
                }
                continue;
            }
            for k in 0..s.rules.len().max(1) {
                // An unknown rule's name silences nothing.
                let Some(rule) = resolved[i].get(k).copied().unwrap_or(Some("")) else {
                    continue;
                };
                let (start, end) = match (s.kind, s.target) {
                    (SuppressionKind::DisableFile, _) => (0, usize::MAX),
                    (SuppressionKind::DisableNext, Some(t)) => (t.start, t.end.max(t.start + 1)),
                    (SuppressionKind::DisableNext, None) => continue,
                    _ => {
                        let named = next_named.iter().find(|(n, _)| *n == rule);
                        (s.span.end, next_all.min(named.map_or(usize::MAX, |e| e.1)))
                    }
                };
                regions.push((rule, start, end, i, k));
            }
        }
        // The rules silenced in the whole file ("" for all; each at most
        // once): suppression diagnostics obey only these.
        let mut file_wide: Vec<&str> = Vec::new();
        for r in &regions {
            if sups[r.3].kind == SuppressionKind::DisableFile && !file_wide.contains(&r.0) {
                file_wide.push(r.0);
            }
        }
        let silenced = Cover::new(regions);
        // Each finding as an empty region of its rule and of "all".
        let mut found: Vec<Region> = Vec::with_capacity(2 * diags.len());
        for d in &diags {
            found.push((d.rule, d.span.start, d.span.start, 0, 0));
            found.push(("", d.span.start, d.span.start, 0, 0));
        }
        let found = Cover::new(found);
        let mut used: Vec<Vec<bool>> = sups
            .iter()
            .map(|s| vec![false; s.rules.len().max(1)])
            .collect();
        // A suppression is used when a finding of its rule starts inside it.
        for r in &silenced.0 {
            if found.any_starting_in(r.0, r.1, r.2) {
                used[r.3][r.4] = true;
            }
        }
        let mut kept = Vec::with_capacity(diags.len());
        for d in diags {
            if !silenced.covers("", d.span.start) && !silenced.covers(d.rule, d.span.start) {
                kept.push(d);
            }
        }
        // OKR901 / OKR902.
        let mut extra = Vec::new();
        for (i, s) in sups.iter().enumerate() {
            for (k, r) in s.rules.iter().enumerate() {
                if resolved[i][k].is_none()
                    && self.severity_of("unknown-rule-in-suppression").is_some()
                {
                    let guess = did_you_mean(&r.value, RULES.iter().map(|x| x.meta().name));
                    let mut d = diag(
                        "unknown-rule-in-suppression",
                        r.span,
                        format!("unknown rule `{}` in suppression comment", r.value),
                    );
                    d.help = Some(match guess {
                        Some(g) => {
                            format!("did you mean `{g}`? `okr-lint rules` lists every rule").into()
                        }
                        None => {
                            "name a rule by its name or code; `okr-lint rules` lists them".into()
                        }
                    });
                    if let Some(g) = guess {
                        d.with_fix(Fix::replace(r.span, g));
                    }
                    extra.push(d);
                }
            }
            if s.kind == SuppressionKind::Enable || self.severity_of("unused-suppression").is_none()
            {
                continue;
            }
            let enabled = |name: &str| self.severity_of(name).is_some();
            if s.rules.is_empty() {
                if !used[i][0] {
                    extra.push(unused(
                        s.span,
                        comment_lines[i],
                        "suppression comment suppresses nothing".into(),
                    ));
                }
                continue;
            }
            let unused_refs: Vec<usize> = (0..s.rules.len())
                .filter(|&k| resolved[i][k].is_some_and(enabled) && !used[i][k])
                .collect();
            let all_unused = unused_refs.len() == s.rules.len();
            for k in unused_refs {
                let r = &s.rules[k];
                let msg = format!("`{}` is suppressed here but reports nothing", r.value);
                extra.push(unused(r.span, comment_lines[i].filter(|_| all_unused), msg));
            }
        }
        extra.retain(|d| !file_wide.iter().any(|x| x.is_empty() || *x == d.rule));
        kept.extend(extra);
        kept
    }
}

/// A byte range where a rule is silenced (see `Linter::suppress`).
type Region = (&'static str, usize, usize, usize, usize);

/// Regions sorted by rule, then start, with the furthest end among the
/// rule's regions up to each one: whether a region covers a point, or
/// starts in a range, is found by binary search.
struct Cover(Vec<Region>, Vec<usize>);

impl Cover {
    fn new(mut regions: Vec<Region>) -> Cover {
        crate::sort::sort(&mut regions);
        let mut reach: Vec<usize> = Vec::with_capacity(regions.len());
        for (i, r) in regions.iter().enumerate() {
            let before = if i > 0 && regions[i - 1].0 == r.0 {
                reach[i - 1]
            } else {
                0
            };
            reach.push(before.max(r.2));
        }
        Cover(regions, reach)
    }

    /// The regions of `rule`: their first index, and the regions from there.
    fn of(&self, rule: &str) -> (usize, &[Region]) {
        let from = self.0.partition_point(|r| r.0 < rule);
        let to = self.0.partition_point(|r| r.0 <= rule);
        (from, &self.0[from..to])
    }

    /// Whether a region of `rule` contains `at`.
    fn covers(&self, rule: &str, at: usize) -> bool {
        let (from, run) = self.of(rule);
        let n = run.partition_point(|r| r.1 <= at);
        n > 0 && self.1[from + n - 1] > at
    }

    /// Whether a region of `rule` starts in `[from, to)`.
    fn any_starting_in(&self, rule: &str, from: usize, to: usize) -> bool {
        let run = self.of(rule).1;
        run.get(run.partition_point(|r| r.1 < from))
            .is_some_and(|r| r.1 < to)
    }
}

/// The order to run `rules` in: costliest workspace part first, otherwise
/// as listed.
#[cfg(not(target_arch = "wasm32"))]
fn schedule(rules: &[&dyn Rule]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    // The crate's one stable sort: `sort_by_key` would bring std's own
    // (2 KB of the WASM package).
    crate::sort::sort_by(&mut order, |&a, &b| {
        rules[b].workspace_cost().cmp(&rules[a].workspace_cost())
    });
    order
}

fn diag(rule: &str, span: Span, message: String) -> Diagnostic {
    let meta = find_rule(rule).expect("registered").meta();
    Diagnostic {
        path: Default::default(),
        code: meta.code,
        rule: meta.name,
        severity: meta.default_severity,
        message,
        span,
        labels: Vec::new(),
        help: None,
        fix: None,
        anchor: None,
    }
}

/// An unused-suppression diagnostic at `span`; `line` is the comment's whole
/// line, offered for removal.
fn unused(span: Span, line: Option<Span>, message: String) -> Diagnostic {
    let mut d = diag("unused-suppression", span, message);
    d.help = Some("remove it: the problem it silenced is gone".into());
    if let Some(line) = line {
        d.with_fix(Fix {
            message: "remove the comment".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: line,
                replacement: String::new(),
            }],
        });
    }
    d
}

/// The line of the comment at `span`, with its line break, when nothing else
/// is on it.
fn comment_line(f: &LintFile, span: Span) -> Option<Span> {
    let src = f.source;
    let line_start = src[..span.start]
        .rfind(['\n', '\r'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let rest = &src[span.end..];
    let eol = rest
        .find('\n')
        .map(|i| span.end + i + 1)
        .unwrap_or(src.len());
    (src[line_start..span.start].trim().is_empty() && src[span.end..eol].trim().is_empty())
        .then(|| f.span(line_start, eol))
}

/// Keep one diagnosis per KR among the rules in [`SPECIFICITY`].
fn keep_most_specific(diags: &mut Vec<Diagnostic>) {
    let rank = |d: &Diagnostic| SPECIFICITY.iter().position(|r| *r == d.rule);
    // (anchor, rank) of every ranked finding; sorted, the first of each
    // anchor has its most specific rank.
    let mut best: Vec<(usize, usize)> = diags
        .iter()
        .filter_map(|d| Some((d.anchor?, rank(d)?)))
        .collect();
    crate::sort::sort(&mut best);
    best.dedup_by_key(|b| b.0);
    diags.retain(|d| match (d.anchor, rank(d)) {
        (Some(a), Some(r)) => best
            .binary_search_by_key(&a, |b| b.0)
            .map_or(true, |i| best[i].1 == r),
        _ => true,
    });
}

/// Lint one file with `config`.
pub fn lint(source: &str, path: &str, config: &Config) -> Result<Vec<Diagnostic>, ConfigError> {
    Ok(Linter::new(config)?.lint(source, path))
}

/// Lint files together with `config`, so workspace rules see all of them.
pub fn lint_workspace<P: AsRef<str>, S: AsRef<str>>(
    files: &[(P, S)],
    config: &Config,
) -> Result<Vec<Diagnostic>, ConfigError> {
    Ok(Linter::new(config)?.lint_workspace(files))
}

/// The JSON report every front end emits for a set of files:
/// `{"diagnostics": [...]}`. Front ends share it so that the CLI, the Python
/// package and the WASM package give identical diagnostics.
pub fn report_json<P: AsRef<str>, S: AsRef<str>>(
    files: &[(P, S)],
    config: &Config,
) -> Result<String, ConfigError> {
    let diagnostics = lint_workspace(files, config)?;
    Ok(serde_json::json!({ "diagnostics": diagnostics }).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_finding_is_the_finding_and_smaller() {
        assert!(std::mem::size_of::<Kept>() <= 112);
        let span = |start: usize| Span {
            start,
            end: start + 3,
            line: 2,
            column: 4,
            end_line: 2,
            end_column: 7,
        };
        let meta = RULES[3].meta();
        let plain = Diagnostic {
            path: Default::default(),
            code: meta.code,
            rule: meta.name,
            severity: Severity::Info,
            message: "a message".to_string(),
            span: span(10),
            labels: Vec::new(),
            help: None,
            fix: None,
            anchor: None,
        };
        let mut full = plain.clone();
        full.severity = Severity::Error;
        full.anchor = Some(7);
        full.help = Some("fixed help".into());
        full.labels = vec![crate::diagnostic::Label {
            path: Some("other.okr.md".into()),
            span: span(40),
            message: "here".into(),
        }];
        full.fix = Some(Box::new(Fix::replace(span(10), "b")));
        let mut owned_help = plain.clone();
        owned_help.help = Some(format!("help for {}", 3).into());
        for d in [plain.clone(), full, owned_help] {
            // Wherever the hint points, the finding comes back as it was.
            for hint in [3, 0, RULES.len() + 5] {
                let kept = keep(d.clone(), hint).expect("a listed rule");
                assert_eq!(Diagnostic::from(kept), d);
            }
        }
        let mut unlisted = plain.clone();
        unlisted.rule = "no-such-rule";
        assert_eq!(*keep(unlisted.clone(), 3).unwrap_err(), unlisted);
        let mut wrong_code = plain;
        wrong_code.code = "OKR999";
        assert_eq!(*keep(wrong_code.clone(), 3).unwrap_err(), wrong_code);
        // A finding given back is still reported, in order.
        let linter = Linter::new(&Config::default()).unwrap();
        let mut checked = linter.check_file("a.okr.md", "## Objective: Empower teams\n");
        let mut odd = unlisted;
        odd.span = span(0);
        checked.unkept.push(odd);
        let found = linter.finish(vec![checked], &|n, f| (0..n).map(f).collect());
        assert_eq!(found[0].rule, "no-such-rule");
        assert_eq!(&*found[0].path, "a.okr.md");
        assert!(found.len() > 1);
    }

    #[test]
    fn the_costliest_workspace_rule_runs_first_and_the_rest_as_listed() {
        let order = schedule(RULES);
        assert_eq!(RULES[order[0]].meta().name, "overlapping-krs");
        assert!(order[1..].windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert_eq!(order.len(), RULES.len());
    }
}
