use crate::ast::Quarter;
use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};
use crate::span::Span;
use crate::summary::Summaries;
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

/// An ID (folded), the file and section it is local to (numeric objective
/// IDs only), and its quarter.
type IdKey = (String, Option<(usize, Option<usize>)>, Option<Quarter>);

/// A purely numeric ID (`1`, `2.1`) is a local number.
fn is_local(id: &str) -> bool {
    id.chars().all(|c| c.is_ascii_digit() || c == '.')
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        // Objectives: (ID, local scope, quarter) -> first occurrence.
        // Sized up front and looked up once per ID: on a large workspace
        // the map is far bigger than the caches, and each probe or rehash
        // is a miss.
        let with_id = ws.objectives().filter(|o| o.objective.id.is_some()).count();
        let mut seen: HashMap<IdKey, (usize, Span)> = HashMap::with_capacity(with_id);
        for o in ws.objectives() {
            let Some(id) = &o.objective.id else { continue };
            let scope = is_local(&id.value).then_some((o.file, o.objective.section));
            let key = (super::id_key(id), scope, o.objective.quarter);
            let (file, first) = match seen.entry(key) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    e.insert((o.file, id.span));
                    continue;
                }
            };
            let d = out.report(
                o.file,
                id.span,
                o.objective.span,
                format!("objective ID `{}` is already used", id.value),
            );
            d.with_help("give each objective its own ID; the same objective continued in another quarter keeps its ID but needs a different `Quarter:`");
            d.with_related(ws, o.file, file, first, "first used here");
        }
        // KR IDs are global.
        let with_id = ws
            .objectives()
            .map(|o| {
                o.objective
                    .key_results
                    .iter()
                    .filter(|k| k.id.is_some())
                    .count()
            })
            .sum();
        // The objectives' key type with no local scope: one map type for
        // both, one copy of its code in the WASM package.
        let mut krs: HashMap<IdKey, (usize, Span)> = HashMap::with_capacity(with_id);
        for o in ws.objectives() {
            for kr in &o.objective.key_results {
                let Some(id) = &kr.id else { continue };
                let key = (super::id_key(id), None, o.objective.quarter);
                let (file, first) = match krs.entry(key) {
                    Entry::Occupied(e) => *e.get(),
                    Entry::Vacant(e) => {
                        e.insert((o.file, id.span));
                        continue;
                    }
                };
                let d = out.report(
                    o.file,
                    id.span,
                    kr.span,
                    format!("key result ID `{}` is already used", id.value),
                );
                d.with_help("give each key result its own ID, usually the objective's ID plus a number: `SEC-1.3`");
                d.with_related(ws, o.file, file, first, "first used here");
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
                        kr.span,
                        format!(
                            "`KR{}` is numbered twice in {}",
                            n.value,
                            super::objective_name(o.objective.id.as_ref())
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
