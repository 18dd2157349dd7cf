use crate::ast::Quarter;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Reporter, Rule, Workspace};
use crate::span::Span;
use crate::summary::{IdAt, KeyMap, ObjectiveAt, Summaries};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags two objectives, or two key results, with the same ID in the
    /// checked files. The same objective ID in different quarters is one
    /// multi-quarter objective, not a duplicate. Local numbers (`KR2`,
    /// `Objective 1`) only have to be unique within their objective or
    /// section.
    ///
    /// ## Why
    /// IDs are how `Parent:` links, `Blocks:` references and status updates
    /// find an objective. Two objectives with one ID make every such link
    /// ambiguous.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective DATA-1: Complete the warehouse migration ...
    /// ## Objective DATA-1: Launch self-serve dashboards ...
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective DATA-1: Complete the warehouse migration ...
    /// ## Objective DATA-2: Launch self-serve dashboards ...
    /// ```
    pub struct DuplicateId {
        code: "OKR003",
        name: "duplicate-id",
        severity: Error,
        enabled: true,
        fixable: false,
    }
}

/// What makes two IDs the same: the ID (folded), the file and section a
/// numeric objective ID is local to, and the quarter.
type Identity = (
    crate::case::Lower,
    Option<(usize, Option<usize>)>,
    Option<Quarter>,
);

/// A purely numeric ID (`1`, `2.1`) is a local number.
fn is_local(id: &str) -> bool {
    id.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The identity of `id`, an ID of objective `o` (its own when `objective`,
/// else one of its KRs'; KR IDs are global).
fn identity(id: &str, o: ObjectiveAt, objective: bool) -> Identity {
    let scope = (objective && is_local(id)).then_some((o.file, o.objective.section));
    (crate::case::fold_small(id), scope, o.objective.quarter)
}

/// An identity in 64 bits, from the ID's key (the fingerprint of its lower
/// case, computed with the summary) and the rest of the identity: the maps
/// key on this, not on the identity, so an entry is 32 bytes instead of
/// about 112 (with 300,000 KR IDs the map was the largest allocation of a
/// run), and an ID is not folded again for each lookup. Two different
/// identities with the same hash (probability about 2^-64 per pair) are
/// told apart by comparing the identities themselves, so a collision can
/// hide a duplicate but never invent one.
fn hash(key: u64, o: ObjectiveAt, local: bool) -> u64 {
    let scope = local.then_some((o.file, o.objective.section));
    let (file, section) = scope.map_or((0, 0), |(f, s)| (f + 1, s.map_or(0, |s| s + 1)));
    let quarter = o
        .objective
        .quarter
        .map_or(0, |q| 1 << 24 | (q.year as usize) << 8 | q.quarter as usize);
    let mut h = key;
    for x in [file, section, quarter] {
        h = (h ^ x as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(31);
    }
    h
}

/// The first use of an ID: the objective (with its file) and the ID.
type First<'w> = (ObjectiveAt<'w>, &'w IdAt);

/// Where the ID `id` of `o` was first used, or `None` after recording it
/// as the first use. One lookup: on a large workspace the map is far bigger
/// than the caches, and each probe is a miss.
fn earlier<'w>(
    ws: &'w Summaries,
    map: &mut KeyMap<First<'w>>,
    (o, id): First<'w>,
    objective: bool,
) -> Option<(usize, Span)> {
    // The ID's text only when it is needed: reading it is a cache miss per
    // ID, and KR IDs (nearly all IDs) need it only on a match.
    let text = || ws.files[o.file].text(id);
    match map.entry(hash(id.key, o, objective && is_local(text()))) {
        Entry::Occupied(e) => {
            let text = text();
            let (first, first_id) = *e.get();
            let first_text = ws.files[first.file].text(first_id);
            (identity(first_text, first, objective) == identity(text, o, objective))
                .then_some((first.file, first_id.span.get()))
        }
        Entry::Vacant(e) => {
            e.insert((o, id));
            None
        }
    }
}

/// Report `id` of `file` (an objective's or a key result's) as used before,
/// at `first`.
fn report_reuse<'r>(
    ws: &Summaries,
    out: &'r mut Reporter,
    file: usize,
    id: &IdAt,
    anchor: usize,
    what: &str,
    (first_file, first): (usize, Span),
) -> &'r mut Diagnostic {
    let d = out.report(
        file,
        id.span.get(),
        anchor,
        format!("{what} ID `{}` is already used", ws.files[file].text(id)),
    );
    d.with_related(ws, file, first_file, first, "first used here")
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        // Objectives: (ID, local scope, quarter) -> first occurrence. Maps
        // sized up front: a rehash of a map bigger than the caches is slow.
        let with_id = ws.objectives().filter(|o| o.objective.id.is_some()).count();
        let mut seen: KeyMap<First> = KeyMap::with_capacity_and_hasher(with_id, Default::default());
        for o in ws.objectives() {
            let Some(id) = &o.objective.id else { continue };
            if let Some(first) = earlier(ws, &mut seen, (o, id), true) {
                report_reuse(ws, out, o.file, id, o.objective.anchor(), "objective", first)
                    .with_help("give each objective its own ID; the same objective continued in another quarter keeps its ID but needs a different `Quarter:`");
            }
        }
        drop(seen);
        // KR IDs are global.
        let with_id = ws
            .files
            .iter()
            .map(|f| {
                f.all_key_results()
                    .iter()
                    .filter(|k| k.id.is_some())
                    .count()
            })
            .sum();
        let mut krs: KeyMap<First> = KeyMap::with_capacity_and_hasher(with_id, Default::default());
        for o in ws.objectives() {
            for kr in ws.files[o.file].key_results(o.objective) {
                let Some(id) = &kr.id else { continue };
                if let Some(first) = earlier(ws, &mut krs, (o, id), false) {
                    report_reuse(ws, out, o.file, id, kr.anchor(), "key result", first)
                        .with_help("give each key result its own ID, usually the objective's ID plus a number: `SEC-1.3`");
                }
            }
        }
    }

    /// KR numbers only have to be unique within their objective: checked
    /// file by file.
    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for o in ws.objectives() {
            // Number -> index of the KR that used it first (the same map
            // type as elsewhere in the crate: one less instantiation in WASM).
            let krs = &o.objective.key_results;
            let mut numbers: HashMap<&str, usize> = HashMap::new();
            for (i, kr) in krs.iter().enumerate() {
                let Some(n) = &kr.number else { continue };
                if let Some(first) = numbers
                    .get(n.value.as_str())
                    .and_then(|&k| krs[k].number.as_ref())
                {
                    out.report(
                        o.file,
                        n.span,
                        kr.span.start,
                        format!(
                            "`KR{}` is numbered twice in {}",
                            n.value,
                            super::objective_name(
                                o.objective.id.as_ref().map(|i| i.value.as_str())
                            )
                        ),
                    )
                    .with_help("number the key results of an objective KR1, KR2, KR3, ...")
                    .with_label(first.span, "first used here");
                } else {
                    numbers.insert(&n.value, i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::FileSummary;
    use crate::{Config, Linter};

    fn summary(src: &str) -> FileSummary {
        let linter = Linter::new(&Config::default()).unwrap();
        FileSummary::of(&linter.prepare("a.okr.md", src))
    }

    #[test]
    fn same_identity_is_found_and_a_hash_collision_is_not_a_duplicate() {
        let config = Config::default();
        let linter = Linter::new(&config).unwrap();
        let map_fn = |n: usize, f: &(dyn Fn(usize) -> Vec<(usize, Diagnostic)> + Sync)| {
            (0..n).map(f).collect()
        };
        let ws = Summaries::new(
            vec![
                summary(
                    "Quarter: Q2 2026\n\n## Objective X-1: A\n\n## Objective x-1: B\n\n\
                     ## Objective Y-1: C\n\n## Objective 1: D\n\nQuarter: Q3 2026\n\n",
                ),
                summary("Quarter: Q3 2026\n\n## Objective X-1: A\n\n## Objective 1: D\n"),
            ],
            &config,
            linter.lexicons(),
            &map_fn,
        );
        let at = |file: usize, i: usize| ObjectiveAt {
            file,
            objective: &ws.files[file].objectives[i],
        };
        let id = |file: usize, i: usize| ws.files[file].objectives[i].id.as_ref().unwrap();
        let text = |file: usize, i: usize| ws.files[file].text(id(file, i));
        let mut map = KeyMap::default();
        assert_eq!(earlier(&ws, &mut map, (at(0, 0), id(0, 0)), true), None);
        // The same ID in another case: the first use is reported.
        assert_eq!(
            earlier(&ws, &mut map, (at(0, 1), id(0, 1)), true),
            Some((0, id(0, 0).span.get()))
        );
        // A different ID whose hash is taken (as a collision would have
        // it): not a duplicate.
        map.insert(hash(id(0, 2).key, at(0, 2), false), (at(0, 0), id(0, 0)));
        assert_eq!(earlier(&ws, &mut map, (at(0, 2), id(0, 2)), true), None);
        // Quarters and the local scope of numeric IDs are part of it.
        assert_ne!(
            identity(text(0, 0), at(0, 0), true),
            identity(text(1, 0), at(1, 0), true)
        );
        let same_quarter_other_file = ObjectiveAt {
            file: 1,
            objective: &ws.files[0].objectives[3],
        };
        assert_ne!(
            identity(text(0, 3), at(0, 3), true),
            identity(text(0, 3), same_quarter_other_file, true)
        );
        // KR IDs are global: no file scope.
        assert_eq!(
            identity(text(0, 3), at(0, 3), false),
            identity(text(0, 3), same_quarter_other_file, false)
        );
    }
}
