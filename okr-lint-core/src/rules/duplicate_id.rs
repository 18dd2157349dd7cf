use crate::ast::{Field, Quarter};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
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

/// Where `key` was first used, or `None` after recording `here` as its
/// first use. One lookup: on a large workspace the map is far bigger than
/// the caches, and each probe is a miss.
fn earlier(
    map: &mut HashMap<IdKey, (usize, Span)>,
    key: IdKey,
    here: (usize, Span),
) -> Option<(usize, Span)> {
    match map.entry(key) {
        Entry::Occupied(e) => Some(*e.get()),
        Entry::Vacant(e) => {
            e.insert(here);
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
    id: &Field<String>,
    anchor: Span,
    what: &str,
    (first_file, first): (usize, Span),
) -> &'r mut Diagnostic {
    let d = out.report(
        file,
        id.span,
        anchor,
        format!("{what} ID `{}` is already used", id.value),
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
        let mut seen: HashMap<IdKey, (usize, Span)> = HashMap::with_capacity(with_id);
        for o in ws.objectives() {
            let Some(id) = &o.objective.id else { continue };
            let scope = is_local(&id.value).then_some((o.file, o.objective.section));
            let key = (super::id_key(id), scope, o.objective.quarter);
            if let Some(first) = earlier(&mut seen, key, (o.file, id.span)) {
                report_reuse(ws, out, o.file, id, o.objective.span, "objective", first)
                    .with_help("give each objective its own ID; the same objective continued in another quarter keeps its ID but needs a different `Quarter:`");
            }
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
                if let Some(first) = earlier(&mut krs, key, (o.file, id.span)) {
                    report_reuse(ws, out, o.file, id, kr.span, "key result", first)
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
