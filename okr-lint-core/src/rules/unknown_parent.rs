use crate::declare_rule;
use crate::parser::did_you_mean;
use crate::rule::{Reporter, Rule};
use crate::summary::{Grouped, Summaries};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags a `Parent:` that names an objective ID found nowhere in the
    /// checked files, while those files define other objectives with the
    /// same prefix (`ENG-4` is missing while `ENG-1` exists). Parents whose
    /// prefix is unknown are assumed to live in files not being checked. In
    /// strict mode (`[parents] strict = true`) every missing parent is
    /// reported.
    ///
    /// ## Why
    /// Cascading OKRs only work when work ladders up to objectives that
    /// exist. A parent that was renumbered or dropped leaves the child
    /// objective justified by nothing.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective ENG-1: Establish data governance for customer PII ...
    /// ## Objective PLAT-1: Migrate the monolith ...
    /// Parent: ENG-4
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective PLAT-1: Migrate the monolith ...
    /// Parent: ENG-1
    /// ```
    pub struct UnknownParent {
        code: "OKR301",
        name: "unknown-parent",
        severity: Error,
        enabled: true,
        fixable: false,
    }
}

/// The leading letters of an ID: `ENG-4` -> `ENG`.
fn prefix(id: &str) -> &str {
    let end = id.find(|c: char| !c.is_alphabetic()).unwrap_or(id.len());
    &id[..end]
}

/// IDs compared with a missing parent for a "did you mean": all of a
/// prefix's, or when it has more, this many nearest it in sorted order
/// (where IDs that differ late, `ENG-41` for `ENG-42`, lie). Comparing
/// every missing parent with every ID of its prefix was quadratic: 20,000
/// of each took minutes.
const SUGGEST_FROM: usize = 64;

/// The IDs of `sorted` to compare with `id`.
fn nearest<'s, 'a>(sorted: &'s [&'a str], id: &str) -> &'s [&'a str] {
    if sorted.len() <= SUGGEST_FROM {
        return sorted;
    }
    let at = sorted.partition_point(|s| *s < id);
    let from = at
        .saturating_sub(SUGGEST_FROM / 2)
        .min(sorted.len() - SUGGEST_FROM);
    &sorted[from..from + SUGGEST_FROM]
}

/// `ids` (each once, as first written) by the prefix of their lower-case
/// form, each list sorted.
fn by_prefix<'w>(ids: &[&'w str]) -> HashMap<String, Vec<&'w str>> {
    let mut by_prefix: HashMap<String, Vec<&str>> = HashMap::new();
    for &id in ids {
        let p = prefix(&super::id_key(id)).to_string();
        by_prefix.entry(p).or_default().push(id);
    }
    for list in by_prefix.values_mut() {
        crate::sort::sort(list);
    }
    by_prefix
}

impl Rule for UnknownParent {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let strict = ws.config.parents.strict;
        // Every objective ID, by key, as first written. Two IDs with the
        // same key (a 64-bit hash collision) would make a missing parent
        // look defined: a finding hidden, never one invented.
        let mut ids: Grouped<&str> = Grouped::new();
        for o in ws.objectives() {
            if let Some(id) = &o.objective.id {
                ids.entry(id.key, || ws.files[o.file].text(id));
            }
        }
        // Each prefix's IDs, sorted once; only built when some parent is
        // missing.
        let mut prefixes: Option<HashMap<String, Vec<&str>>> = None;
        for o in ws.objectives() {
            let Some(parent_at) = &o.objective.parent else {
                continue;
            };
            let parent = ws.files[o.file].text(parent_at);
            if parent.is_empty() || ids.get(parent_at.key).is_some() {
                continue;
            }
            let prefixes = prefixes.get_or_insert_with(|| by_prefix(&ids.groups));
            let key = super::id_key(parent);
            let p = prefix(&key);
            let siblings = (!p.is_empty()).then(|| prefixes.get(p)).flatten();
            if siblings.is_none() && !strict {
                continue;
            }
            let mut help = match siblings {
                Some(s) => {
                    let shown: Vec<String> = s
                        .iter()
                        .take(5)
                        .map(|id| super::clip(id).into_owned())
                        .collect();
                    format!(
                        "the checked files define {} but not `{}`",
                        super::join_and(&shown),
                        parent
                    )
                }
                None => format!("no checked file defines `{parent}`"),
            };
            help.push_str(
                ". Fix the ID, or lint the file that defines the parent together with this one",
            );
            let near = siblings.map_or(&[][..], |s| nearest(s, parent));
            if let Some(g) = did_you_mean(parent, near.iter().copied()) {
                help.push_str(&format!(". Did you mean `{}`?", super::clip(g)));
            }
            out.report(
                o.file,
                parent_at.span.get(),
                o.objective.span.get(),
                format!("parent objective `{parent}` does not exist"),
            )
            .with_help(help);
        }
    }
}
