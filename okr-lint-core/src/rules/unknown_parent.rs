use crate::declare_rule;
use crate::parser::did_you_mean;
use crate::rule::{Reporter, Rule};
use crate::summary::{fingerprint, Grouped, Summaries};

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

/// IDs (each once, as first written) by the prefix of their lower-case
/// form, each list sorted. Keyed by the prefix's fingerprint, with the
/// prefix kept to confirm it, through the map type the workspace rules
/// already share (a map keyed by `String` cost a few hundred bytes in the
/// WASM package).
struct Prefixes<'w>(Grouped<(String, Vec<&'w str>)>);

impl<'w> Prefixes<'w> {
    fn new(ids: impl Iterator<Item = &'w str>) -> Self {
        let mut lists: Grouped<(String, Vec<&str>)> = Grouped::new();
        for id in ids {
            let key = super::id_key(id);
            let p = prefix(&key);
            let (_, (q, list)) = lists.entry(fingerprint(p), || (p.to_string(), Vec::new()));
            // Another prefix with the same fingerprint (a 64-bit hash
            // collision) is left out: its IDs are never suggested for this
            // one's.
            if q == p {
                list.push(id);
            }
        }
        for (_, list) in lists.groups.iter_mut() {
            crate::sort::sort(list);
        }
        Prefixes(lists)
    }

    /// The IDs with prefix `p`.
    fn get(&self, p: &str) -> Option<&[&'w str]> {
        let (q, list) = self.0.get(fingerprint(p))?;
        (q == p).then_some(list)
    }
}

impl Rule for UnknownParent {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let strict = ws.config.parents.strict;
        // Every objective ID, by key. Two IDs with the same key (a 64-bit
        // hash collision) would make a missing parent look defined: a
        // finding hidden, never one invented.
        let ids = ws.id_groups();
        // Each prefix's IDs, sorted once; only built when some parent is
        // missing.
        let mut prefixes: Option<Prefixes> = None;
        for o in ws.objectives() {
            let Some(parent_at) = &o.objective.parent else {
                continue;
            };
            // The key first: reading the text is a cache miss.
            if ids.has_key(parent_at.key) {
                continue;
            }
            let parent = ws.files[o.file].text(parent_at);
            if parent.is_empty() {
                continue;
            }
            let prefixes = prefixes
                .get_or_insert_with(|| Prefixes::new((0..ids.len()).map(|g| ids.id(ws, g))));
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
                o.objective.anchor(),
                format!("parent objective `{parent}` does not exist"),
            )
            .with_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_list_ids_by_lower_case_prefix_and_confirm_the_prefix() {
        let mut p = Prefixes::new(["eng-2", "PLAT-1", "ENG-1", "7"].into_iter());
        assert_eq!(p.get("eng"), Some(&["ENG-1", "eng-2"][..]));
        assert_eq!(p.get("plat"), Some(&["PLAT-1"][..]));
        assert_eq!(p.get(""), Some(&["7"][..]));
        assert_eq!(p.get("ops"), None);
        // A prefix whose fingerprint is taken by another (a collision) is
        // not given the other's IDs.
        let eng = *p.0.index.get(&fingerprint("eng")).unwrap();
        p.0.index.insert(fingerprint("ops"), eng);
        assert_eq!(p.get("ops"), None);
    }
}
