use crate::declare_rule;
use crate::rule::{Reporter, Rule, Workspace};

declare_rule! {
    /// ## What it does
    /// Flags an objective whose statement says what will be done but not what
    /// it is for: no outcome clause such as "to reduce ...", "so that ...",
    /// "in order to ...", "enabling ...". A statement that is itself an
    /// outcome ("Reduce ...", "Eliminate ...", "Achieve ...") passes.
    ///
    /// ## Why
    /// The guide's template for objectives is [What] + [for whom] +
    /// [outcome]. Without the outcome nobody can tell whether the work
    /// succeeded or why it outranks other work.
    ///
    /// ## Example
    /// ```markdown
    /// ## Objective: Consolidate logging infrastructure across backend services
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Objective: Consolidate logging infrastructure across backend services to enable centralized monitoring
    /// ```
    pub struct ObjectiveMissingOutcome {
        code: "OKR102",
        name: "objective-missing-outcome",
        severity: Warning,
        enabled: true,
        fixable: false,
    }
}

/// Opening verbs that make the statement an outcome in itself.
const OUTCOME_LEADS: &[&str] = &[
    "reduce",
    "cut",
    "lower",
    "decrease",
    "increase",
    "raise",
    "grow",
    "double",
    "halve",
    "triple",
    "eliminate",
    "prevent",
    "achieve",
    "reach",
    "meet",
    "pass",
    "comply",
    "stop",
    "avoid",
    "shrink",
    "shorten",
    "remove",
    "retain",
    "keep",
    "maintain",
    "sustain",
    "win",
    "hit",
    "become",
    "attain",
    "ensure",
];

impl Rule for ObjectiveMissingOutcome {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, ws: &Workspace, out: &mut Reporter) {
        for o in ws.objectives() {
            let f = o.facts;
            // A measured target ("... to 180 engineers") states the outcome;
            // `metric-in-objective` suggests moving it to a KR.
            if o.objective.statement.value.is_empty() || f.outcome.is_some() || f.has_metric() {
                continue;
            }
            if f.lead
                .is_some_and(|i| OUTCOME_LEADS.contains(&f.tokens[i].lower.as_str()))
            {
                continue;
            }
            out.report(o.file, o.objective.statement.span, o.objective.span.start, "the objective says what but not what for")
                .with_help("add the outcome it serves, e.g. `... to reduce deployment time from days to hours` or `... so that product teams deploy independently`");
        }
    }
}
