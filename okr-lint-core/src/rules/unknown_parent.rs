use crate::declare_rule;
use crate::parser::did_you_mean;
use crate::rule::{Reporter, Rule};
use crate::summary::Summaries;
use std::collections::{HashMap, HashSet};

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

impl Rule for UnknownParent {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let strict = ws.config.parents.strict;
        let mut ids: HashSet<String> = HashSet::new();
        let mut by_prefix: HashMap<String, Vec<String>> = HashMap::new();
        for o in ws.objectives() {
            if let Some(id) = &o.objective.id {
                if ids.insert(super::id_key(id)) {
                    by_prefix
                        .entry(prefix(&super::id_key(id)).to_string())
                        .or_default()
                        .push(id.value.clone());
                }
            }
        }
        for o in ws.objectives() {
            let Some(parent) = &o.objective.parent else {
                continue;
            };
            let key = super::id_key(parent);
            if key.is_empty() || ids.contains(&key) {
                continue;
            }
            let p = prefix(&key);
            let siblings = (!p.is_empty()).then(|| by_prefix.get(p)).flatten();
            if siblings.is_none() && !strict {
                continue;
            }
            let mut help = match siblings {
                Some(s) => {
                    let mut s = s.clone();
                    crate::sort::sort(&mut s);
                    s.dedup();
                    let shown: Vec<String> = s.iter().take(5).cloned().collect();
                    format!(
                        "the checked files define {} but not `{}`",
                        super::join_and(&shown),
                        parent.value
                    )
                }
                None => format!("no checked file defines `{}`", parent.value),
            };
            help.push_str(
                ". Fix the ID, or lint the file that defines the parent together with this one",
            );
            if let Some(g) = did_you_mean(
                &parent.value,
                siblings.into_iter().flatten().map(String::as_str),
            ) {
                help.push_str(&format!(". Did you mean `{g}`?"));
            }
            out.report(
                o.file,
                parent.span,
                o.objective.span,
                format!("parent objective `{}` does not exist", parent.value),
            )
            .with_help(help);
        }
    }
}
