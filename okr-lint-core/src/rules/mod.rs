//! One file per rule. Each declares its metadata and documentation with
//! [`crate::declare_rule!`] and implements [`crate::rule::Rule`]; the
//! registry in [`crate::rule::RULES`] lists them all.

pub mod activity_kr;
pub mod discovery_without_output;
pub mod duplicate_id;
pub mod hype_word;
pub mod kr_count;
pub mod kr_missing_outcome;
pub mod metric_in_objective;
pub mod missing_baseline;
pub mod missing_definition_of_done;
pub mod missing_phase_label;
pub mod no_impact_kr;
pub mod objective_missing_outcome;
pub mod overlapping_krs;
pub mod partial_dependency;
pub mod phase_drift;
pub mod stretch_on_dependency;
pub mod syntax_error;
pub mod unknown_parent;
pub mod unknown_rule_in_suppression;
pub mod unlabeled_stretch;
pub mod unused_suppression;
pub mod vague_verb;

/// `objective SEC-1` or `this objective`, for an objective with ID `id`.
pub(crate) fn objective_name(id: Option<&str>) -> String {
    match id {
        Some(id) => format!("objective {}", clip(id)),
        None => "this objective".to_string(),
    }
}

/// Characters of another item's text (an ID, a team, a statement) that a
/// finding quotes.
pub(crate) const QUOTE_CHARS: usize = 120;

/// `s` cut to [`QUOTE_CHARS`] characters, with `…` where it was cut. Every
/// finding that quotes text from outside its own span goes through this:
/// many findings can quote the same item, and a megabyte-long ID or
/// statement quoted in full by each would make the report grow with the
/// square of the input.
pub(crate) fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]).into(),
        None => s.into(),
    }
}

/// An ID normalized for comparison (lower case, see [`crate::case`]; upper
/// case would add a second Unicode table to the WASM build).
pub(crate) fn id_key(id: &str) -> String {
    crate::case::fold(id)
}

/// Join `items` with `sep`, and with `last` before the last one (`A, B and
/// C`). One function for every join in the crate: `[T]::join` is a copy of
/// its own in the WASM package for each element type.
pub(crate) fn join(items: &[&str], sep: &str, last: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { last } else { sep });
        }
        out.push_str(item);
    }
    out
}

/// Join names as `A, B and C`.
pub(crate) fn join_and(items: &[String]) -> String {
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    join(&items, ", ", " and ")
}

#[cfg(test)]
mod join_tests {
    #[test]
    fn clips_on_a_character_boundary() {
        assert_eq!(super::clip("SEC-1"), "SEC-1");
        let exact = "é".repeat(super::QUOTE_CHARS);
        assert_eq!(super::clip(&exact), exact);
        let long = "é".repeat(super::QUOTE_CHARS + 1);
        assert_eq!(super::clip(&long), format!("{exact}…"));
    }

    #[test]
    fn joins() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(super::join_and(&v(&[])), "");
        assert_eq!(super::join_and(&v(&["A"])), "A");
        assert_eq!(super::join_and(&v(&["A", "B"])), "A and B");
        assert_eq!(super::join_and(&v(&["A", "B", "C"])), "A, B and C");
        assert_eq!(
            super::join(&["`a`", "`b`", "`c`"], ", ", ", "),
            "`a`, `b`, `c`"
        );
        assert_eq!(super::join(&["one"], " ", " "), "one");
    }
}
