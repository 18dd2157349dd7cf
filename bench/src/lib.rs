//! A deterministic generator of realistic OKR workspaces, for benchmarks and
//! comparisons: many teams and quarters, a company file that objectives
//! ladder up to, multi-quarter objectives with phase labels, Done lists,
//! Unicode, and a realistic share of the mistakes okr-lint looks for.

/// xorshift64*: small, fast, and the same everywhere for a given seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TEAMS: &[&str] = &[
    "Platform",
    "Payments",
    "Search",
    "Catalog",
    "Checkout",
    "Growth",
    "Data Platform",
    "Security",
    "SRE",
    "Mobile",
    "Identity",
    "Billing",
    "Messaging",
    "Ads",
    "Support Tools",
    "ML Platform",
    "Developer Experience",
    "Infrastructure",
    "Design Systems",
    "People Engineering",
    "Logistics",
    "Fraud",
    "Pricing",
    "Analytics",
    "Équipe Données",
    "データ基盤",
    "Partner API",
    "Web",
    "Notifications",
    "Compliance",
];
const WHAT: &[&str] = &[
    "Build",
    "Migrate",
    "Consolidate",
    "Launch",
    "Harden",
    "Rebuild",
    "Automate",
    "Standardize",
    "Move",
    "Ship",
    "Establish",
    "Retire",
];
const THING: &[&str] = &[
    "the deployment pipeline",
    "our logging infrastructure",
    "the checkout service",
    "customer data storage",
    "the search index",
    "the feature flag system",
    "secrets management",
    "the billing ledger",
    "mobile release tooling",
    "the data warehouse",
    "the API gateway",
    "on-call tooling",
    "the design system",
];
const WHOM: &[&str] = &[
    "for product teams",
    "for analysts",
    "for every engineer",
    "for merchants",
    "for the mobile apps",
    "for support agents",
];
const OUTCOME: &[&str] = &[
    "to enable independent deployments",
    "to reduce P1 incidents",
    "to cut cloud spend",
    "so that releases ship daily",
    "to meet GDPR requirements",
    "to shorten onboarding",
    "in order to unblock the Q4 launch",
    "to lift conversion",
];
const METRIC: &[&str] = &[
    "p95 latency",
    "change failure rate",
    "median deploy time",
    "monthly compute spend",
    "SEV1 incidents",
    "time to first review",
    "unreconciled transactions",
    "zero-result searches",
    "crash rate",
    "ticket backlog",
];
const HYPE: &[&str] = &[
    "world-class",
    "seamless",
    "delightful",
    "cutting-edge",
    "best-in-class",
];
const VAGUE: &[&str] = &[
    "Improve API performance",
    "Enhance the onboarding experience",
    "Optimize database queries",
    "Better error messages",
];
const ACTIVITY: &[&str] = &[
    "Hold weekly syncs with product teams",
    "Attend the architecture guild",
    "Work with Security on the rollout",
];
const DISCOVERY: &[&str] = &[
    "Research tracing vendors",
    "Explore a service mesh",
    "Evaluate three queue technologies",
];
const NOTES: &[&str] = &[
    "Context: this continues last quarter's work; see the design doc.",
    "Risks: the vendor contract renews in September. 🚀",
    "背景: この目標は前四半期からの継続です。",
    "| Milestone | Date |\n| --- | --- |\n| Beta | Aug 15 |",
    "```\nowner: platform\n```",
];

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn prefix(team: &str) -> String {
    let p: String = team
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .take(4)
        .collect::<String>()
        .to_uppercase();
    if p.is_empty() {
        "TEAM".into()
    } else {
        p
    }
}

/// The company file every team ladders up to.
fn company(quarter: &str) -> String {
    let mut s = format!("# Company OKRs, {quarter}\n\nQuarter: {quarter}\n\n");
    for i in 1..=8 {
        s.push_str(&format!(
            "## Objective ENG-{i}: Make the platform reliable and cheap to run for every product team to win enterprise customers\n\n\
             - KR: Reduce SEV1 incidents from {a}/quarter to {b}/quarter\n- KR: Cut monthly spend from ${c}k to ${d}k\n- KR: Pass the SOC 2 Type II audit with zero major findings\n\n",
            a = 4 + i, b = 1, c = 400 + i * 10, d = 350 + i * 10,
        ));
    }
    s
}

fn objective(rng: &mut Rng, team: &str, id: &str, q_index: usize, spans: bool) -> String {
    let mut s = String::new();
    let hype = if rng.chance(8) {
        format!("{} ", rng.pick(HYPE))
    } else {
        String::new()
    };
    let outcome = if rng.chance(90) {
        format!(" {}", rng.pick(OUTCOME))
    } else {
        String::new()
    };
    let phases = [
        "Discovery",
        "Core extraction",
        "Traffic migration",
        "Decommission",
    ];
    let phase = if spans && rng.chance(85) {
        format!(" ({})", phases[q_index % phases.len()])
    } else {
        String::new()
    };
    s.push_str(&format!(
        "## Objective {id}: {} {hype}{} {}{outcome}{phase}\n\n",
        rng.pick(WHAT),
        rng.pick(THING),
        rng.pick(WHOM)
    ));
    s.push_str(&format!("Team: {team}\n"));
    if rng.chance(80) {
        let parent = if rng.chance(3) {
            9 + rng.below(3)
        } else {
            1 + rng.below(8)
        };
        s.push_str(&format!("Parent: ENG-{parent}\n"));
    }
    if spans {
        s.push_str("Spans: Q1 2026 - Q4 2026\n");
    }
    if rng.chance(30) {
        s.push_str(&format!("\n{}\n", rng.pick(NOTES)));
    }
    s.push('\n');
    let krs = if rng.chance(10) {
        2 + rng.below(5) * 2
    } else {
        3 + rng.below(3)
    };
    for k in 1..=krs {
        let kid = format!("{id}.{k}");
        let label = match rng.below(10) {
            0..=5 => " (committed)",
            6 | 7 => " (stretch)",
            _ => "",
        };
        let roll = rng.below(100);
        // Wording is specific to the team and carries its own numbers and
        // dates, as real KRs do; cross-team overlaps stay the exception.
        let area = team.to_lowercase();
        let stmt = if roll < 45 {
            let (a, b) = (20 + rng.below(200), 5 + rng.below(15));
            format!(
                "Reduce {} of {area} from {a} to {b} {}",
                rng.pick(METRIC),
                rng.pick(&["minutes", "ms", "per week", "%"])
            )
        } else if roll < 60 {
            format!(
                "Migrate {}% of the {} {area} {} to {}",
                [60, 85, 100, 100][rng.below(4)],
                4 + rng.below(60),
                rng.pick(&[
                    "services",
                    "batch jobs",
                    "cron workers",
                    "dashboards",
                    "queues",
                    "databases",
                    "mobile screens",
                    "reports"
                ]),
                rng.pick(THING)
            )
        } else if roll < 80 {
            format!(
                "Ship {} for {area} by {} {}{}",
                rng.pick(THING),
                rng.pick(&["March", "June", "September", "December"]),
                1 + rng.below(28),
                if rng.chance(50) {
                    format!(" {}", rng.pick(OUTCOME))
                } else {
                    String::new()
                }
            )
        } else if roll < 87 {
            format!("{} in {area}", rng.pick(VAGUE))
        } else if roll < 92 {
            format!(
                "{} on {area} {}",
                rng.pick(ACTIVITY),
                rng.pick(&[
                    "hiring",
                    "pricing",
                    "incidents",
                    "roadmap",
                    "budget",
                    "quality",
                    "migrations"
                ])
            )
        } else {
            format!("{} for {area}", rng.pick(DISCOVERY))
        };
        s.push_str(&format!("- KR {kid}{label}: {stmt}\n"));
        if rng.chance(15) {
            s.push_str(&format!(
                "  Blocks: {}, {}\n",
                rng.pick(TEAMS),
                rng.pick(TEAMS)
            ));
        }
        if (60..80).contains(&roll) && rng.chance(60) {
            s.push_str("  Done:\n    - Running in production in both regions\n    - Runbook published and reviewed by on-call\n");
        }
    }
    s.push('\n');
    s
}

/// Generate files until their total size reaches `total_bytes`. Returns
/// (relative path, text) pairs, the company files first.
pub fn generate(total_bytes: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let quarters = ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"];
    let mut files = Vec::new();
    let mut size = 0;
    for q in quarters {
        let text = company(q);
        size += text.len();
        files.push((format!("company/{}.okr.md", slug(q)), text));
    }
    let mut round = 0usize;
    while size < total_bytes {
        for (t, team) in TEAMS.iter().enumerate() {
            for (qi, q) in quarters.iter().enumerate() {
                if size >= total_bytes {
                    return files;
                }
                let p = prefix(team);
                let mut text = format!("# {team} OKRs, {q}\n\nTeam: {team}\nQuarter: {q}\n\n");
                let count = 3 + rng.below(4);
                for o in 1..=count {
                    // The first objective of each team runs over the year.
                    let spans = o == 1;
                    let id = if spans {
                        format!("{p}{t}-R{round}")
                    } else {
                        format!("{p}{t}-R{round}Q{}-{o}", qi + 1)
                    };
                    text.push_str(&objective(&mut rng, team, &id, qi, spans));
                }
                size += text.len();
                files.push((
                    format!("{}/round-{round}/{}.okr.md", slug(team), slug(q)),
                    text,
                ));
            }
        }
        round += 1;
    }
    files
}

/// Parse sizes like `10KB`, `1MB`, `100MB`, `5000`.
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim().to_uppercase();
    let (num, mult) = if let Some(n) = s.strip_suffix("KB") {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix("MB") {
        (n, 1_000_000)
    } else if let Some(n) = s.strip_suffix("GB") {
        (n, 1_000_000_000)
    } else {
        (s.as_str(), 1)
    };
    num.trim()
        .parse::<f64>()
        .ok()
        .map(|n| (n * mult as f64) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_sized_and_realistic() {
        let a = generate(200_000, 7);
        assert_eq!(a, generate(200_000, 7));
        let total: usize = a.iter().map(|(_, t)| t.len()).sum();
        assert!((200_000..230_000).contains(&total), "{total}");
        let refs: Vec<(&str, &str)> = a.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let d = okr_lint_core::lint_workspace(&refs, &okr_lint_core::Config::default()).unwrap();
        let rules: std::collections::BTreeSet<&str> = d.iter().map(|d| d.rule).collect();
        for r in [
            "hype-word",
            "vague-verb",
            "activity-kr",
            "discovery-without-output",
            "unknown-parent",
            "missing-phase-label",
            "stretch-on-dependency",
            "partial-dependency",
        ] {
            assert!(
                rules.contains(r),
                "the corpus should contain {r} mistakes; got {rules:?}"
            );
        }
        assert!(
            d.iter().all(|x| x.rule != "syntax-error"),
            "generated files are well formed"
        );
        // Some KRs of different teams overlap, but not most of them.
        let krs = a
            .iter()
            .map(|(_, t)| t.matches("\n- KR ").count())
            .sum::<usize>();
        let overlaps = d.iter().filter(|x| x.rule == "overlapping-krs").count();
        assert!(
            overlaps > 0 && overlaps * 10 < krs,
            "{overlaps} overlaps among {krs} KRs"
        );
        assert_eq!(parse_size("10KB"), Some(10_000));
        assert_eq!(parse_size("1.5MB"), Some(1_500_000));
    }
}
