//! For every rule: statements that must fire and statements that must not,
//! including the false-positive traps each rule invites.

use okr_lint_core::{lint, lint_workspace, Config, Diagnostic};

const GOOD_OBJECTIVE: &str =
    "Build CI/CD pipeline for mobile apps to reduce deployment time from days to hours";
const GOOD_KR: &str = "KR A-1.2 (committed): Ship the mobile release pipeline to all 3 app teams to cut release prep from 2 days to 2 hours";

/// One objective (line 6) with three KRs; the one under test is on line 9
/// and is followed by `body`.
fn doc(objective: &str, kr_line: &str, body: &str) -> String {
    let mut s = format!(
        "# Team A\n\nTeam: Alpha\nQuarter: Q2 2026\n\n## Objective A-1: {objective}\n\n\
         - KR A-1.1 (committed): Reduce deploy time from 2 days to 2 hours to speed up product delivery\n\
         - {kr_line}\n"
    );
    for l in body.lines() {
        s.push_str(l);
        s.push('\n');
    }
    s.push_str("- KR A-1.3 (committed): Migrate all 40 services to the new pipeline to retire the legacy one\n");
    s
}

fn run(src: &str, config: &Config) -> Vec<Diagnostic> {
    lint(src, "t.okr.md", config).expect("valid config")
}

fn rules_on_line(diags: &[Diagnostic], line: u32) -> Vec<&'static str> {
    diags
        .iter()
        .filter(|d| d.span.line == line)
        .map(|d| d.rule)
        .collect()
}

/// Assert `rule` fires on the KR line for every `yes` and never for `no`.
fn kr_rule(rule: &str, body: &str, yes: &[&str], no: &[&str]) {
    kr_rule_with(rule, body, yes, no, &Config::default());
}

fn kr_rule_with(rule: &str, body: &str, yes: &[&str], no: &[&str], config: &Config) {
    for kr in yes {
        let kr_line = if kr.starts_with("KR") || kr.starts_with('(') {
            kr.to_string()
        } else {
            format!("KR A-1.2: {kr}")
        };
        let d = run(&doc(GOOD_OBJECTIVE, &kr_line, body), config);
        assert!(
            rules_on_line(&d, 9).contains(&rule),
            "{rule} should fire on {kr:?}; got {:?}",
            rules_on_line(&d, 9)
        );
    }
    for kr in no {
        let kr_line = if kr.starts_with("KR") || kr.starts_with('(') {
            kr.to_string()
        } else {
            format!("KR A-1.2: {kr}")
        };
        let d = run(&doc(GOOD_OBJECTIVE, &kr_line, body), config);
        let fired: Vec<&Diagnostic> = d.iter().filter(|x| x.rule == rule).collect();
        assert!(
            fired.is_empty(),
            "{rule} should not fire on {kr:?}: {fired:#?}"
        );
    }
}

fn objective_rule(rule: &str, yes: &[&str], no: &[&str]) {
    for o in yes {
        let d = run(&doc(o, GOOD_KR, ""), &Config::default());
        assert!(
            rules_on_line(&d, 6).contains(&rule),
            "{rule} should fire on {o:?}; got {:?}",
            rules_on_line(&d, 6)
        );
    }
    for o in no {
        let d = run(&doc(o, GOOD_KR, ""), &Config::default());
        let fired: Vec<&Diagnostic> = d.iter().filter(|x| x.rule == rule).collect();
        assert!(
            fired.is_empty(),
            "{rule} should not fire on {o:?}: {fired:#?}"
        );
    }
}

#[test]
fn the_templates_are_clean() {
    let d = run(&doc(GOOD_OBJECTIVE, GOOD_KR, ""), &Config::default());
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn hype_word() {
    objective_rule(
        "hype-word",
        &[
            "Empower developers with a delightful authentication experience",
            "Build a world-class CI platform to cut deploy time",
            "Deliver seamless SSO for all internal tools to reduce onboarding friction",
            "Create a cutting-edge data platform for analysts to answer questions faster",
            "Supercharge developer productivity with best-in-class tooling",
        ],
        &[
            "Implement company-wide SSO authentication for all internal tools to reduce security incidents and onboarding friction",
            "Resolve all outstanding security findings to pass the SOC 2 audit",
            "Ship magic-link login for the partner portal to cut password resets",
            "Close every open Jira epic for the billing migration to retire the old system",
            "Migrate payments to the new cluster without disrupting checkout",
        ],
    );
    let d = run(
        &doc(
            "Empower developers with a delightful authentication experience",
            GOOD_KR,
            "",
        ),
        &Config::default(),
    );
    let n = d.iter().filter(|x| x.rule == "hype-word").count();
    assert_eq!(n, 2, "one diagnostic per hype word");
}

#[test]
fn objective_missing_outcome() {
    objective_rule(
        "objective-missing-outcome",
        &[
            "Consolidate logging infrastructure across backend services",
            "Migrate legacy monolith to microservices architecture",
            "Enhance our observability platform",
            "Launch the developer portal for all engineering teams",
            "Move billing to the new service",
        ],
        &[
            "Consolidate logging infrastructure across backend services to enable centralized monitoring",
            "Reduce checkout latency for mobile shoppers",
            "Establish data governance framework for customer PII to meet GDPR compliance requirements",
            "Move the monolith to microservices so product teams deploy on their own",
            "Ship dashboards so that on-call engineers see errors before customers do",
            "Eliminate hardcoded credentials from production services",
            "Rebuild the search indexer, cutting index lag for every storefront",
            "Make deploys boring: every team ships daily without help from Platform",
            "Ensure PII is handled compliantly across the warehouse",
            "Scale the engineering organization to 180 engineers without slowing delivery",
        ],
    );
}

#[test]
fn metric_in_objective() {
    objective_rule(
        "metric-in-objective",
        &[
            "Cut checkout p95 latency to 300ms to lift conversion",
            "Migrate 100% of services to Kubernetes to cut hosting cost",
        ],
        &[
            GOOD_OBJECTIVE,
            "Achieve SOC 2 Type II compliance by Q3 2026 to close enterprise deals",
            "Launch v2 of the payments API for partners to reduce integration time",
            "Harden the top 10 critical services to reduce P1 incidents",
            "Ship phase 2 of the data platform to unblock analytics",
        ],
    );
}

#[test]
fn vague_verb() {
    kr_rule(
        "vague-verb",
        "",
        &[
            "Improve API performance",
            "Enhance the onboarding experience for new engineers",
            "Optimize database queries",
            "Strengthen our security posture",
            "Better documentation for the platform APIs",
            "Make CI faster and more reliable",
        ],
        &[
            "Improve API p95 latency from 200ms to 100ms",
            "Reduce P1 incidents from 12/quarter to 2/quarter to improve system reliability",
            "Ship dashboards to improve incident detection",
            "Optimize build cache to cut CI time to under 10 minutes",
            "Improve test coverage to 80% of critical paths",
            "Enhance audit logging, approved by the Security lead",
        ],
    );
    // A Definition of Done is a success criterion.
    kr_rule(
        "vague-verb",
        "  Done:\n    - New guide reviewed by 5 engineers",
        &[],
        &["Improve onboarding docs"],
    );
}

#[test]
fn activity_kr() {
    kr_rule(
        "activity-kr",
        "",
        &[
            "Hold weekly meetings with product teams to gather requirements",
            "Attend three industry conferences",
            "Work on the migration plan with the data team",
            "Discuss roadmap priorities with stakeholders",
            "Gather requirements from all product teams",
            "Participate in the architecture guild",
            "Sync with Security on the vault rollout",
        ],
        &[
            "Requirements doc finalized and approved by 5 product teams, covering at least 15 distinct use cases",
            "Help center launched with 20 articles covering the top support questions",
            "Host 100% of internal docs on the new portal",
            "Launch secrets vault integrated with the CI/CD pipeline",
            "Meet GDPR retention requirements for all 200 PII tables",
            "Holdout experiment results published for 4 pricing tests",
        ],
    );
}

#[test]
fn missing_definition_of_done() {
    kr_rule(
        "missing-definition-of-done",
        "",
        &[
            "Ship observability dashboard",
            "Launch the new developer portal",
            "Decommission the legacy monolith's billing module",
            "Migrate the billing service to Kubernetes to let the team deploy daily",
            "Upgrade Postgres to 16",
        ],
        &[
            "Complete vendor evaluation with a recommendation and cost analysis for the top 3 CDP options, decision made by August 15",
            "Decide build vs. buy for the support copilot by September 30, with cost estimates for both",
            "Share a churn-drivers report with the top 3 causes, reviewed by the CPO",
            "Reach SLSA level 3 for the build pipeline",
            "Renegotiate the top 10 contracts",
            "Launch the developer portal, used by at least 10 developers from 3 teams",
            "Finalize design document approved by Security and Infra leads",
            "Migrate the 12 remaining services to Kubernetes",
            "Complete data migration with zero data loss",
            // Other, more specific rules own these.
            "Improve API performance",
            "Research tracing vendors",
            "Hold weekly meetings with product teams",
        ],
    );
    kr_rule(
        "missing-definition-of-done",
        "  Done:\n    - Dashboard linked from the runbook",
        &[],
        &["Ship observability dashboard"],
    );
    kr_rule(
        "missing-definition-of-done",
        "  Done: Dashboard linked from the runbook",
        &[],
        &["Ship observability dashboard"],
    );
    // Strict mode: every KR needs Done:, even measured ones.
    let strict = Config::from_toml("[definition-of-done]\nstrict = true").unwrap();
    kr_rule_with(
        "missing-definition-of-done",
        "",
        &["Migrate the 12 remaining services to Kubernetes"],
        &[],
        &strict,
    );
}

#[test]
fn stretch_on_dependency() {
    let blocks = "  Blocks: Payments, Mobile";
    kr_rule(
        "stretch-on-dependency",
        blocks,
        &[
            "KR A-1.2 (stretch): Launch secrets vault for API keys and database credentials",
            "KR A-1.2: Launch secrets vault for API keys and database credentials",
            "(stretch) Launch secrets vault for API keys and database credentials",
        ],
        &["KR A-1.2 (committed): Launch secrets vault for API keys and database credentials"],
    );
    kr_rule(
        "stretch-on-dependency",
        "  Blocks: none",
        &[],
        &["KR A-1.2 (stretch): Move 50% of reads to the new store"],
    );
    kr_rule(
        "stretch-on-dependency",
        "",
        &[],
        &["KR A-1.2 (stretch): Move 50% of reads to the new store"],
    );
    // Stretch is an error, unlabeled a warning.
    let sev = |kr: &str| {
        let d = run(&doc(GOOD_OBJECTIVE, kr, blocks), &Config::default());
        d.into_iter()
            .find(|x| x.rule == "stretch-on-dependency")
            .map(|x| x.severity)
    };
    assert_eq!(
        sev("KR A-1.2 (stretch): Launch vault for 40 services"),
        Some(okr_lint_core::Severity::Error)
    );
    assert_eq!(
        sev("KR A-1.2: Launch vault for 40 services"),
        Some(okr_lint_core::Severity::Warning)
    );
}

#[test]
fn partial_dependency() {
    kr_rule(
        "partial-dependency",
        "  Blocks: Checkout",
        &[
            "Migrate 85% of services to the new pipeline",
            "Onboard 30 of 40 teams to SSO",
            "Onboard 30 out of 40 teams to SSO",
            "Move most of the services to the new gateway",
        ],
        &[
            "Migrate all 40 services to the new pipeline",
            "Serve 99.9% of requests under 200ms on the new gateway",
            "Migrate 100% of services to the new pipeline",
            "Raise test coverage from 60% to 85%",
        ],
    );
    kr_rule(
        "partial-dependency",
        "",
        &[],
        &["Migrate 85% of services to the new pipeline"],
    );
    kr_rule(
        "partial-dependency",
        "  Blocks: n/a",
        &[],
        &["Migrate 85% of services to the new pipeline"],
    );
}

#[test]
fn unlabeled_stretch() {
    kr_rule(
        "unlabeled-stretch",
        "",
        &[
            "Aim to automate rotation for 50% of secrets",
            "Try to reach 60% adoption among analysts",
            "Cut build time to ideally under 5 minutes",
            "Increase adoption up to 60% of teams",
            "KR A-1.2 (committed): Automate rotation for 50% of secrets if possible",
        ],
        &[
            "(stretch) Aim to automate rotation for 50% of secrets",
            "KR A-1.2 (stretch): Try to reach 60% adoption among analysts",
            "Support up to 10,000 concurrent users on the new gateway",
            "Keep runbooks up to date for all 12 services",
            "Set up 3 on-call rotations for the platform services",
        ],
    );
}

#[test]
fn discovery_without_output() {
    kr_rule(
        "discovery-without-output",
        "",
        &[
            "Research tracing vendors",
            "Explore options for a service mesh",
            "Investigate causes of flaky tests in CI",
            "Evaluate 3 feature-flag vendors",
            "Complete vendor evaluation for log storage",
        ],
        &[
            "Complete vendor evaluation with final recommendation and cost analysis for top 3 options, decision made by end of month 2",
            "Finalize technical design document for the data pipeline approved by Data Platform, Security and Infrastructure leads",
            "Prototype the new deploy system, validated with 3 product teams",
            "Research tracing vendors and publish a recommendation",
            "Ship observability dashboard",
        ],
    );
    kr_rule(
        "discovery-without-output",
        "  Done:\n    - Vendor chosen and contract signed",
        &[],
        &["Research tracing vendors"],
    );
}

#[test]
fn missing_baseline() {
    kr_rule(
        "missing-baseline",
        "",
        &[
            "Increase platform adoption to 60% of engineering teams",
            "Reduce p95 latency to 100ms",
            "Cut cloud spend by 20%",
        ],
        &[
            "Reduce p95 latency from 200ms to 100ms",
            "Migrate 100% of services to the new pipeline",
            "Route 100% of traffic through the gateway with p95 latency under 120ms",
            "Ship observability dashboard",
            "Adopt remote build caching for both apps, with a cache hit rate of at least 70%",
            "Reach WCAG 2.2 AA for all 45 core components",
        ],
    );
}

#[test]
fn kr_missing_outcome_is_opt_in() {
    let on = Config::from_toml("extend-select = [\"kr-missing-outcome\"]").unwrap();
    kr_rule_with(
        "kr-missing-outcome",
        "",
        &["Ship observability dashboard with CPU, memory and latency metrics for all microservices"],
        &["Ship observability dashboard with CPU, memory and latency metrics for all microservices to enable proactive incident detection"],
        &on,
    );
    kr_rule(
        "kr-missing-outcome",
        "",
        &[],
        &["Ship observability dashboard with CPU metrics"],
    );
}

fn objective_with(n: usize, statement_of: impl Fn(usize) -> String) -> String {
    let mut s = format!("# T\n\nTeam: Alpha\n\n## Objective A-1: {GOOD_OBJECTIVE}\n\n");
    for i in 0..n {
        s.push_str(&format!("- KR A-1.{}: {}\n", i + 1, statement_of(i)));
    }
    s
}

#[test]
fn kr_count() {
    let measured = |i: usize| {
        format!(
            "Reduce build time of service {} from 40 minutes to 10 minutes",
            i + 1
        )
    };
    let fires = |n: usize, c: &Config| {
        run(&objective_with(n, measured), c)
            .iter()
            .any(|d| d.rule == "kr-count")
    };
    let c = Config::default();
    assert!(fires(0, &c) && fires(2, &c) && fires(6, &c));
    assert!(!fires(3, &c) && !fires(5, &c));
    let wide = Config::from_toml("[kr-count]\nmin = 1\nmax = 7").unwrap();
    assert!(!fires(2, &wide) && !fires(6, &wide) && fires(8, &wide));
}

#[test]
fn no_impact_kr() {
    let delivery = |i: usize| {
        format!(
            "Ship runbook {} for the on-call rotation, approved by the SRE lead",
            i + 1
        )
    };
    let d = run(&objective_with(3, delivery), &Config::default());
    assert!(
        d.iter()
            .any(|x| x.rule == "no-impact-kr" && x.span.line == 5),
        "{d:#?}"
    );
    let mixed = |i: usize| {
        if i == 0 {
            "Reduce MTTR from 4 hours to 1 hour".to_string()
        } else {
            delivery(i)
        }
    };
    assert!(!run(&objective_with(3, mixed), &Config::default())
        .iter()
        .any(|x| x.rule == "no-impact-kr"));
    assert!(!run(&objective_with(0, delivery), &Config::default())
        .iter()
        .any(|x| x.rule == "no-impact-kr"));
    // A discovery phase is judged by its outputs.
    let discovery = |i: usize| match i {
        0 => "Investigate feature store options".to_string(),
        1 => "Prototype online feature serving, validated with the Risk team".to_string(),
        _ => "Write an RFC for the feature platform approved by the ML lead".to_string(),
    };
    assert!(!run(&objective_with(3, discovery), &Config::default())
        .iter()
        .any(|x| x.rule == "no-impact-kr"));
}

fn file(team: &str, quarter: &str, body: &str) -> String {
    format!("# {team}\n\nTeam: {team}\nQuarter: {quarter}\n\n{body}")
}

const THREE_KRS: &str = "- KR: Reduce build time from 40 minutes to 10 minutes\n- KR: Migrate all 12 services to the new runner\n- KR: Cut flaky test rate from 5% to 1%\n";

#[test]
fn duplicate_id() {
    let obj = |id: &str| format!("## Objective {id}: {GOOD_OBJECTIVE}\n\n{THREE_KRS}\n");
    let same_quarter = file("A", "Q2 2026", &(obj("X-1") + &obj("X-1")));
    assert!(run(&same_quarter, &Config::default())
        .iter()
        .any(|d| d.rule == "duplicate-id" && d.span.line == 12));
    // The same objective in another quarter is not a duplicate.
    let files = [
        ("q1.okr.md", file("A", "Q1 2026", &obj("X-1"))),
        ("q2.okr.md", file("A", "Q2 2026", &obj("X-1"))),
    ];
    assert!(!lint_workspace(&files, &Config::default())
        .unwrap()
        .iter()
        .any(|d| d.rule == "duplicate-id"));
    // Across files in one quarter it is.
    let files = [
        ("a.okr.md", file("A", "Q2 2026", &obj("X-1"))),
        ("b.okr.md", file("B", "Q2 2026", &obj("X-1"))),
    ];
    let d = lint_workspace(&files, &Config::default()).unwrap();
    let dup: Vec<&Diagnostic> = d.iter().filter(|d| d.rule == "duplicate-id").collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].labels[0].path.as_deref(), Some("a.okr.md"));
    // KR1/KR2 numbering repeats in every objective: not a duplicate.
    let numbered = |id: &str| {
        format!("## Objective {id}: {GOOD_OBJECTIVE}\n\n- KR1: Reduce build time from 40 minutes to 10 minutes\n- KR2: Migrate all 12 services\n- KR3: Cut flaky tests from 5% to 1%\n\n")
    };
    let src = file("A", "Q2 2026", &(numbered("X-1") + &numbered("X-2")));
    assert!(!run(&src, &Config::default())
        .iter()
        .any(|d| d.rule == "duplicate-id"));
    let twice = file("A", "Q2 2026", &format!("## Objective X-1: {GOOD_OBJECTIVE}\n\n- KR1: Reduce build time from 40 minutes to 10 minutes\n- KR1: Migrate all 12 services\n- KR3: Cut flaky tests from 5% to 1%\n"));
    assert!(run(&twice, &Config::default())
        .iter()
        .any(|d| d.rule == "duplicate-id" && d.span.line == 9));
}

#[test]
fn missing_phase_label() {
    let spans = |label: &str, range: &str| {
        file(
            "A",
            "Q2 2026",
            &format!("## Objective X-1: {GOOD_OBJECTIVE}{label}\n\nSpans: {range}\n\n{THREE_KRS}"),
        )
    };
    let fires = |src: String| {
        run(&src, &Config::default())
            .iter()
            .any(|d| d.rule == "missing-phase-label")
    };
    assert!(fires(spans("", "Q1 2026 - Q3 2026")));
    assert!(fires(spans("", "2026-Q1 to 2026-Q2")));
    assert!(!fires(spans(
        " (Core services extraction)",
        "Q1 2026 - Q3 2026"
    )));
    assert!(!fires(spans("", "Q2 2026 - Q2 2026")));
}

#[test]
fn unknown_parent() {
    let src = file(
        "A",
        "Q2 2026",
        &format!("## Objective ENG-1: {GOOD_OBJECTIVE}\n\n{THREE_KRS}\n## Objective A-1: {GOOD_OBJECTIVE}\n\nParent: ENG-4\n\n{THREE_KRS}\n## Objective A-2: {GOOD_OBJECTIVE}\n\nParent: ENG-1\n\n{THREE_KRS}\n## Objective A-3: {GOOD_OBJECTIVE}\n\nParent: CORP-7\n\n{THREE_KRS}"),
    );
    let d = run(&src, &Config::default());
    let hits: Vec<&str> = d
        .iter()
        .filter(|d| d.rule == "unknown-parent")
        .map(|d| d.span.text(&src))
        .collect();
    assert_eq!(hits, ["ENG-4"], "CORP-7 has no known prefix, ENG-1 exists");
    let strict = Config::from_toml("[parents]\nstrict = true").unwrap();
    let hits: Vec<&str> = run(&src, &strict)
        .iter()
        .filter(|d| d.rule == "unknown-parent")
        .map(|d| d.span.text(&src))
        .collect();
    assert_eq!(hits, ["ENG-4", "CORP-7"]);
}

#[test]
fn phase_drift() {
    let q = |quarter: &str, stmt: &str| {
        file(
            "A",
            quarter,
            &format!("## Objective X-1: {stmt}\n\n{THREE_KRS}"),
        )
    };
    let base = "Migrate legacy monolith to microservices for product teams to enable independent deployments";
    let ws = |a: &str, b: &str| {
        lint_workspace(
            &[
                ("q1.okr.md", q("Q1 2026", a)),
                ("q2.okr.md", q("Q2 2026", b)),
            ],
            &Config::default(),
        )
        .unwrap()
        .into_iter()
        .filter(|d| d.rule == "phase-drift")
        .map(|d| d.path.to_string())
        .collect::<Vec<_>>()
    };
    assert_eq!(
        ws(
            &format!("{base} (Discovery)"),
            "Move the monolith to microservices so teams deploy alone (Extraction)"
        ),
        ["q2.okr.md"]
    );
    assert!(ws(
        &format!("{base} (Discovery)"),
        &format!("{base} (Extraction)")
    )
    .is_empty());
    // Case, punctuation and articles are not drift.
    assert!(ws(base, "Migrate the legacy monolith to microservices, for product teams, to enable independent deployments (Extraction)").is_empty());
}

fn filler(team: &str, i: usize) -> &'static str {
    match (team, i) {
        ("Data", 0) => "Reduce warehouse query p95 from 9s to 3s for finance dashboards",
        ("Data", _) => "Publish the data contracts runbook approved by the SRE lead",
        (_, 0) => "Cut ad-hoc report requests from 50/week to 20/week through self-serve",
        _ => "Train 30 analysts on the semantic layer, rated 4/5 or better",
    }
}

#[test]
fn overlapping_krs() {
    let team = |name: &str, kr: &str| {
        file(
            name,
            "Q2 2026",
            &format!(
                "## Objective {}-1: {GOOD_OBJECTIVE}\n\n- KR: {kr}\n- KR: {}\n- KR: {}\n",
                name.to_uppercase(),
                filler(name, 0),
                filler(name, 1)
            ),
        )
    };
    let ws = |a: &str, b: &str, team_b: &str| {
        lint_workspace(
            &[("a.okr.md", team("Data", a)), ("b.okr.md", team(team_b, b))],
            &Config::default(),
        )
        .unwrap()
        .into_iter()
        .filter(|d| d.rule == "overlapping-krs")
        .count()
    };
    let kr = "Migrate all 40 nightly jobs to the new warehouse with zero data loss";
    assert_eq!(
        ws(
            kr,
            "Migrate all 40 nightly jobs to the new warehouse without data loss",
            "Analytics"
        ),
        1
    );
    assert_eq!(ws(kr, kr, "Data"), 0, "same team");
    assert_eq!(
        ws(
            kr,
            "Reduce dashboard load time from 8s to 2s for finance analysts",
            "Analytics"
        ),
        0
    );
}

#[test]
fn suppressions() {
    let base = doc(GOOD_OBJECTIVE, "KR A-1.2: Improve API performance", "");
    let has = |src: &str, rule: &str| run(src, &Config::default()).iter().any(|d| d.rule == rule);
    assert!(has(&base, "vague-verb"));
    let next = base.replace(
        "- KR A-1.2",
        "<!-- okr-lint-disable-next vague-verb -->\n- KR A-1.2",
    );
    assert!(!has(&next, "vague-verb") && !has(&next, "unused-suppression"));
    let by_code = base.replace(
        "- KR A-1.2",
        "<!-- okr-lint-disable-next OKR201 -->\n- KR A-1.2",
    );
    assert!(!has(&by_code, "vague-verb"));
    let file_wide = format!("<!-- okr-lint-disable-file vague-verb -->\n{base}");
    assert!(!has(&file_wide, "vague-verb"));
    let range = base
        .replace(
            "- KR A-1.2",
            "<!-- okr-lint-disable vague-verb -->\n- KR A-1.2",
        )
        .replace(
            "- KR A-1.3",
            "<!-- okr-lint-enable vague-verb -->\n- KR A-1.3",
        );
    assert!(!has(&range, "vague-verb"));
    // disable-next covers the next KR only.
    let two = doc(
        GOOD_OBJECTIVE,
        "KR A-1.2: Improve API performance",
        "- KR A-1.4: Enhance the CI pipeline",
    );
    let two = two.replace(
        "- KR A-1.2",
        "<!-- okr-lint-disable-next vague-verb -->\n- KR A-1.2",
    );
    assert_eq!(
        run(&two, &Config::default())
            .iter()
            .filter(|d| d.rule == "vague-verb")
            .count(),
        1
    );
    // Unknown rule: did-you-mean with a safe fix.
    let typo = base.replace(
        "- KR A-1.2",
        "<!-- okr-lint-disable-next vage-verb -->\n- KR A-1.2",
    );
    let d = run(&typo, &Config::default());
    let u = d
        .iter()
        .find(|d| d.rule == "unknown-rule-in-suppression")
        .expect("reported");
    assert!(u.help.as_deref().unwrap_or("").contains("vague-verb"));
    assert_eq!(
        u.fix.as_ref().map(|f| f.edits[0].replacement.as_str()),
        Some("vague-verb")
    );
    // Unused: suppresses nothing; its fix removes the comment line.
    let clean = doc(GOOD_OBJECTIVE, GOOD_KR, "").replace(
        "- KR A-1.2",
        "<!-- okr-lint-disable-next vague-verb -->\n- KR A-1.2",
    );
    let d = run(&clean, &Config::default());
    let u = d
        .iter()
        .find(|d| d.rule == "unused-suppression")
        .expect("reported");
    let e = &u.fix.as_ref().expect("fix").edits[0];
    let mut fixed = clean.clone();
    fixed.replace_range(e.span.start..e.span.end, &e.replacement);
    assert_eq!(fixed, doc(GOOD_OBJECTIVE, GOOD_KR, ""));
    // A rule that is turned off is not reported as unused.
    let off = Config::from_toml("[rules]\nvague-verb = \"off\"").unwrap();
    assert!(!run(&clean, &off)
        .iter()
        .any(|d| d.rule == "unused-suppression"));
}

#[test]
fn syntax_errors_recover_and_explain() {
    let src = "\
# Team
Quarter: Q5 2026

- KR1: Orphan result before any objective

## Objective SEC-1 Build secrets management
- KR (strech): Automate rotation for 50% of secrets
- KR2 Migrate secrets without a colon
- KR3: Ship the vault
  Done:
- KR4: Ship the runbook
  Kind: deliverable

## Objective:

<!-- okr-lint-disabel vague-verb -->

```
- KR: inside a code block is never parsed
## Objective no colon in code
```
> - KR in a quote is prose
| KR | table |
";
    let parsed = okr_lint_core::parse(src);
    let lines: Vec<(u32, &str)> = parsed
        .errors
        .iter()
        .map(|e| (e.span.line, e.message.as_str()))
        .collect();
    let expect_lines = [2, 4, 6, 7, 8, 10, 12, 14, 16];
    let got: Vec<u32> = lines.iter().map(|l| l.0).collect();
    assert_eq!(got, expect_lines, "{lines:#?}");
    for e in &parsed.errors {
        assert!(
            e.help.as_deref().is_some_and(|h| !h.is_empty()),
            "every syntax error has help: {e:?}"
        );
    }
    // Recovery: the bad heading still opens SEC-1 and its four KRs are kept.
    let o = &parsed.document.objectives[0];
    assert_eq!(o.id.as_ref().map(|i| i.value.as_str()), Some("SEC-1"));
    assert_eq!(o.key_results.len(), 4);
    let strech = parsed
        .errors
        .iter()
        .find(|e| e.message.contains("strech"))
        .unwrap();
    assert!(strech
        .help
        .as_deref()
        .unwrap()
        .contains("did you mean `(stretch)`"));
    assert_eq!(strech.fix.as_ref().unwrap().edits[0].replacement, "stretch");
    let kind = parsed
        .errors
        .iter()
        .find(|e| e.message.contains("deliverable"))
        .unwrap();
    assert!(kind.help.as_deref().unwrap().contains("delivery"));
}

#[test]
fn forgiving_forms_documented_in_the_grammar_readme() {
    let src = "\
## Objective X-1: Ship the vault to remove hardcoded secrets

- Owner: Priya
- [x] KR X-1.1 (Committed): Launch the vault
Blocks: Payments
Done:
  - Vault serves production reads
- [ ] **KR X-1.2 (stretch):** Rotate 50% of secrets
  Definition of Done: Rotation runs weekly
1. Reduce secret findings from 37 to 0
";
    let p = okr_lint_core::parse(src);
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    let o = &p.document.objectives[0];
    assert_eq!(o.owner.as_ref().map(|f| f.value.as_str()), Some("Priya"));
    assert_eq!(o.key_results.len(), 3);
    let k1 = &o.key_results[0];
    assert_eq!(k1.commitment, okr_lint_core::ast::Commitment::Committed);
    assert_eq!(k1.blocks.len(), 1);
    assert_eq!(k1.done.as_ref().map(|d| d.criteria.len()), Some(1));
    let k2 = &o.key_results[1];
    assert_eq!(k2.commitment, okr_lint_core::ast::Commitment::Stretch);
    assert_eq!(k2.statement.value, "Rotate 50% of secrets");
    assert_eq!(
        k2.done.as_ref().map(|d| d.criteria[0].value.as_str()),
        Some("Rotation runs weekly")
    );
    assert_eq!(o.key_results[2].kind, okr_lint_core::ast::KrKind::Impact);
}

#[test]
fn per_file_ignores() {
    let src = doc(GOOD_OBJECTIVE, "KR A-1.2: Improve API performance", "");
    let c = Config::from_toml(
        "[per-file-ignores]\n\"drafts/*\" = [\"vague-verb\"]\n\"**/old-*.okr.md\" = [\"all\"]",
    )
    .unwrap();
    let rules = |path: &str| {
        lint(&src, path, &c)
            .unwrap()
            .into_iter()
            .map(|d| d.rule)
            .collect::<Vec<_>>()
    };
    assert!(!rules("drafts/a.okr.md").contains(&"vague-verb"));
    assert!(
        !rules("okrs/drafts/a.okr.md").contains(&"vague-verb"),
        "patterns match trailing parts"
    );
    assert!(
        rules("drafts/sub/a.okr.md").contains(&"vague-verb"),
        "`*` does not cross `/`"
    );
    assert!(rules("a.okr.md").contains(&"vague-verb"));
    assert!(rules("x/old-2025.okr.md").is_empty());
}

/// Findings come sorted by path, position and code whatever order the files
/// are given in, files that share a path included (their findings merge).
#[test]
fn findings_are_sorted_across_files() {
    let a = |id: &str| {
        file(
            "A",
            "Q2 2026",
            &format!("## Objective {id}: Empower teams\n\n- KR: Improve things\n"),
        )
    };
    let b = file(
        "B",
        "Q3 2026",
        "## Objective B-1: Delight users\n\n- KR: Hold weekly meetings\n",
    );
    let files = [
        ("z.okr.md", a("A-1")),
        ("a.okr.md", b.clone()),
        ("m.okr.md", a("A-2")),
        ("a.okr.md", a("A-3")),
    ];
    let all = lint_workspace(&files, &Config::default()).unwrap();
    assert!(all.is_sorted_by(|x, y| Diagnostic::order(x, y).is_le()));
    let one = |s: &str| {
        lint_workspace(&[("x.okr.md", s)], &Config::default())
            .unwrap()
            .len()
    };
    let per_path = |p: &str| all.iter().filter(|d| &*d.path == p).count();
    assert_eq!(per_path("z.okr.md"), one(&a("A-1")));
    assert_eq!(per_path("m.okr.md"), one(&a("A-1")));
    // Both files named `a.okr.md`, merged by position.
    assert_eq!(per_path("a.okr.md"), one(&a("A-1")) + one(&b));
    let starts: Vec<usize> = all
        .iter()
        .filter(|d| &*d.path == "a.okr.md")
        .map(|d| d.span.start)
        .collect();
    assert!(starts.is_sorted());
    assert!(per_path("a.okr.md") > 2);
}

/// `finish` may run its parts on any threads in any order (the CLI uses
/// rayon): the findings are the same as from a map that runs them one
/// after another. Many files, so every part holds several, with
/// suppressions, `per-file-ignores` and workspace findings in the mix.
#[test]
fn finish_is_the_same_on_threads_in_any_order() {
    use okr_lint_core::Linter;
    let config = Config::from_toml("[per-file-ignores]\n\"drafts/*\" = [\"vague-verb\"]").unwrap();
    let linter = Linter::new(&config).unwrap();
    let sources: Vec<(String, String)> = (0..150)
        .map(|i| {
            let dir = if i % 7 == 0 { "drafts" } else { "okrs" };
            let suppress = if i % 3 == 0 {
                "<!-- okr-lint-disable-next-line vague-verb, unknown-rule -->\n"
            } else {
                ""
            };
            // A note of a different length in each file: a finding given
            // another file's path points at the wrong text.
            let body = format!(
                "{}\n\n## Objective T{i}-1: Empower the world-class teams\n\n{suppress}\
                 - KR: Improve things\n\
                 - KR: Migrate all 40 nightly jobs to the new warehouse with zero data loss\n\
                 - KR: Hold weekly meetings\n\n\
                 ## Objective X-{}: Delight users\n\n- KR: Cut churn from 5% to 3%\n",
                "note ".repeat(i),
                i % 5
            );
            (
                format!("{dir}/{i:03}.okr.md"),
                file(&format!("Team {}", i % 4), "Q2 2026", &body),
            )
        })
        .collect();
    let checked = || {
        sources
            .iter()
            .map(|(p, s)| linter.check_file(p, s))
            .collect::<Vec<_>>()
    };
    let serial = linter.finish(checked(), &|n, f| (0..n).map(f).collect());
    // Backwards, each part on a thread of its own.
    let threaded = linter.finish(checked(), &|n, f| {
        let mut out: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..n).rev().map(|i| s.spawn(move || f(i))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        out.reverse();
        out
    });
    assert_eq!(serial, threaded);
    let rules: Vec<&str> = serial.iter().map(|d| d.rule).collect();
    for r in [
        "overlapping-krs",
        "duplicate-id",
        "vague-verb",
        "unknown-rule-in-suppression",
    ] {
        assert!(rules.contains(&r), "{r} in {rules:?}");
    }
    assert!(!serial
        .iter()
        .any(|d| d.rule == "vague-verb" && d.path.starts_with("drafts/")));
    let source = |path: &str| &sources.iter().find(|(p, _)| p == path).unwrap().1;
    for d in serial.iter().filter(|d| d.rule == "vague-verb") {
        assert_eq!(d.span.text(source(&d.path)), "Improve", "{d:?}");
    }
}
