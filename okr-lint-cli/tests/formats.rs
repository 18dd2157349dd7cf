//! Every output format, parsed and validated rather than only snapshotted.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_okr-lint"));
    c.args(args)
        .current_dir(root())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.stdin(Stdio::null()).output().expect("run")
}

const MISTAKES: &str = "tests/fixtures/mistakes.okr.md";

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn concise() {
    let o = run(&["check", MISTAKES, "--output-format", "concise"], &[]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(out(&o));
    assert!(err(&o).starts_with("Checked 1 file in "), "{}", err(&o));
}

#[test]
fn full_output_ends_each_diagnostic_with_code_and_name() {
    let o = run(&["check", MISTAKES], &[]);
    let text = out(&o);
    let blocks: Vec<&str> = text.split("\n\n").filter(|b| b.contains(" ╭─[")).collect();
    assert_eq!(blocks.len(), 13);
    assert_eq!(text.matches("  rule: OKR").count(), 13);
    assert!(
        text.contains("rule: OKR204 stretch-on-dependency (okr-lint rule stretch-on-dependency)")
    );
}

#[test]
fn json_lines_match_json() {
    let lines = run(&["check", MISTAKES, "--output-format", "json-lines"], &[]);
    let json = run(&["check", MISTAKES, "--output-format", "json"], &[]);
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let each: Vec<serde_json::Value> = out(&lines)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object per line"))
        .collect();
    assert_eq!(&each, all["diagnostics"].as_array().unwrap());
    assert!(
        err(&json).is_empty(),
        "no summary for machine formats: {}",
        err(&json)
    );
}

#[test]
fn sarif_is_valid_and_carries_rule_metadata() {
    let o = run(
        &["check", "tests/fixtures", "--output-format", "sarif"],
        &[],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), okr_lint_core::RULES.len());
    assert!(rules.iter().all(|r| r["id"].is_string()
        && r["shortDescription"]["text"].is_string()
        && r["helpUri"].is_string()));
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
    // Validate against the official schema (fetched by ./scripts/test).
    if let Ok(path) = std::env::var("OKR_LINT_SARIF_SCHEMA") {
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file")).unwrap();
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "SARIF does not validate:\n{}",
            errors.join("\n")
        );
    } else {
        eprintln!(
            "OKR_LINT_SARIF_SCHEMA unset: schema validation skipped (./scripts/test sets it)"
        );
    }
}

#[test]
fn github_annotations() {
    let o = run(&["check", MISTAKES], &[("GITHUB_ACTIONS", "true")]);
    let text = out(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13, "{text}");
    assert!(lines
        .iter()
        .all(|l| l.starts_with("::warning file=") || l.starts_with("::error file=")));
    assert!(lines[0].starts_with("::warning file=tests/fixtures/mistakes.okr.md,line=6,col=15,endLine=6,endColumn=22,title=OKR101 hype-word::`Empower` is a hype word%0A"), "{}", lines[0]);
    // Infos become notices.
    let o = run(
        &[
            "check",
            "tests/fixtures/secrets-vault.okr.md",
            "--output-format",
            "github",
        ],
        &[],
    );
    assert!(out(&o).starts_with("::notice file="), "{}", out(&o));
}

#[test]
fn junit_is_well_formed() {
    use quick_xml::events::Event;
    let o = run(
        &[
            "check",
            "tests/fixtures/mistakes.okr.md",
            "tests/fixtures/secrets-vault.okr.md",
            "--output-format",
            "junit",
            "--severity-min",
            "warning",
        ],
        &[],
    );
    let xml = out(&o);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut suites, mut cases, mut failures) = (0, 0, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testsuite" => suites += 1,
                b"testcase" => cases += 1,
                b"failure" => failures += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((suites, cases, failures), (2, 14, 13));
}

#[test]
fn colour() {
    let has_escape = |o: &Output| o.stdout.contains(&0x1b);
    assert!(has_escape(&run(
        &["check", MISTAKES, "--color", "always"],
        &[]
    )));
    assert!(has_escape(&run(
        &[
            "check",
            MISTAKES,
            "--color",
            "always",
            "--output-format",
            "concise"
        ],
        &[]
    )));
    assert!(
        !has_escape(&run(&["check", MISTAKES], &[])),
        "not a terminal"
    );
    assert!(!has_escape(&run(
        &["check", MISTAKES, "--color", "never"],
        &[]
    )));
    assert!(
        !has_escape(&run(
            &[
                "check",
                MISTAKES,
                "--color",
                "always",
                "--output-format",
                "json"
            ],
            &[]
        )),
        "machine formats stay plain"
    );
}

#[test]
fn statistics() {
    let o = run(
        &["check", "tests/fixtures/every-rule.okr.md", "--statistics"],
        &[],
    );
    insta::assert_snapshot!(out(&o));
    let o = run(
        &[
            "check",
            "tests/fixtures/every-rule.okr.md",
            "--statistics",
            "--output-format",
            "json",
        ],
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let total: u64 = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    let all = run(
        &[
            "check",
            "tests/fixtures/every-rule.okr.md",
            "--output-format",
            "json",
        ],
        &[],
    );
    let n = serde_json::from_slice::<serde_json::Value>(&all.stdout).unwrap()["diagnostics"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(total as usize, n);
}

#[test]
fn severity_filters_and_exit_codes() {
    let code = |extra: &[&str]| {
        let mut a = vec![
            "check",
            "tests/fixtures/secrets-vault.okr.md",
            "--output-format",
            "json",
        ];
        a.extend_from_slice(extra);
        let o = run(&a, &[]);
        let n = serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["diagnostics"]
            .as_array()
            .unwrap()
            .len();
        (o.status.code().unwrap(), n)
    };
    // secrets-vault has one info.
    assert_eq!(code(&[]), (0, 1));
    assert_eq!(code(&["--fail-on", "info"]), (1, 1));
    assert_eq!(
        code(&["--fail-on", "info", "--severity-min", "warning"]),
        (0, 0)
    );
    assert_eq!(code(&["--fail-on", "info", "--exit-zero"]), (0, 1));
    let o = run(
        &[
            "check",
            MISTAKES,
            "--fail-on",
            "error",
            "--output-format",
            "json",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "mistakes has an error");
    let o = run(
        &[
            "check",
            "tests/fixtures/multi-quarter",
            "--fail-on",
            "error",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "only warnings there");
    let o = run(
        &["check", MISTAKES, "--exit-zero", "--output-format", "json"],
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn rules_and_rule_docs() {
    let o = run(&["rules", "--output-format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), okr_lint_core::RULES.len());
    assert!(names.contains(&"vague-verb"));
    let o = run(&["rule", "--all"], &[]);
    assert_eq!(
        out(&o).matches("## What it does").count(),
        okr_lint_core::RULES.len()
    );
    let o = run(&["rule", "vague-verb", "--color", "always"], &[]);
    assert!(out(&o).contains("\x1b[1m"), "headings styled in colour");
    let o = run(&["rule", "vage-verb"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("did you mean `vague-verb`"), "{}", err(&o));
}
