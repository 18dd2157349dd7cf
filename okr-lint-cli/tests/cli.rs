//! The `okr-lint` binary, end to end.

mod common;
use common::Scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn okr_lint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_okr-lint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run okr-lint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .clone()
}

fn scratch(name: &str) -> Scratch {
    Scratch::new("cli", name)
}

#[test]
fn clean_file_exits_zero() {
    let o = okr_lint(&["check", "tests/fixtures/secrets-vault.okr.md"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("Checked 1 file"), "{}", stderr(&o));
}

#[test]
fn findings_exit_one_and_render_with_source() {
    let o = okr_lint(&["check", "tests/fixtures/mistakes.okr.md"], &root());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("OKR101(hype-word)") && out.contains("`Empower` is a hype word"),
        "{out}"
    );
    assert!(out.contains("mistakes.okr.md:6:15"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no escape codes when not a terminal"
    );
    assert!(
        stderr(&o).contains("1 error, 12 warnings"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_output_has_the_documented_fields() {
    let o = okr_lint(
        &[
            "check",
            "tests/fixtures/mistakes.okr.md",
            "--output-format",
            "json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let diags = json(&o);
    assert_eq!(diags.len(), 13);
    for d in &diags {
        for key in [
            "path",
            "rule",
            "code",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "span",
            "help",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert!(d["span"]["start"].as_u64().unwrap() < d["span"]["end"].as_u64().unwrap());
    }
    let first = &diags[0];
    assert_eq!(
        (
            first["rule"].as_str(),
            first["line"].as_u64(),
            first["column"].as_u64()
        ),
        (Some("hype-word"), Some(6), Some(15))
    );
    // Identical to the core's report for the same input.
    let src = std::fs::read_to_string(root().join("tests/fixtures/mistakes.okr.md")).unwrap();
    let core = okr_lint_core::report_json(
        &[("tests/fixtures/mistakes.okr.md", src)],
        &okr_lint_core::Config::default(),
    )
    .unwrap();
    let core: serde_json::Value = serde_json::from_str(&core).unwrap();
    assert_eq!(core["diagnostics"].as_array().unwrap(), &diags);
}

#[test]
fn directories_are_one_workspace() {
    let o = okr_lint(
        &[
            "check",
            "tests/fixtures/multi-quarter",
            "--output-format",
            "json",
        ],
        &root(),
    );
    let rules: Vec<String> = json(&o)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        rules,
        [
            "missing-phase-label",
            "phase-drift",
            "missing-definition-of-done"
        ]
    );
}

#[test]
fn select_and_ignore() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "tests/fixtures/mistakes.okr.md",
            "--output-format",
            "json",
        ];
        args.extend_from_slice(extra);
        json(&okr_lint(&args, &root()))
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let only = run(&["--select", "hype-word,OKR201"]);
    assert!(
        only.iter().all(|r| r == "hype-word" || r == "vague-verb") && only.len() == 4,
        "{only:?}"
    );
    let ignored = run(&["--ignore", "hype-word"]);
    assert!(!ignored.contains(&"hype-word".to_string()) && ignored.len() == 10);
    let all = run(&["--select", "all"]);
    assert!(all.contains(&"kr-missing-outcome".to_string()));
    let o = okr_lint(
        &["check", "tests/fixtures", "--select", "vage-verb"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `vague-verb`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn io_errors_exit_two_but_other_files_are_reported() {
    let dir = scratch("io");
    std::fs::write(dir.join("good.okr.md"), "## Objective: Empower teams\n").unwrap();
    std::fs::write(dir.join("latin1.okr.md"), b"## Objective: caf\xe9\n").unwrap();
    let o = okr_lint(
        &[
            "check",
            "good.okr.md",
            "latin1.okr.md",
            "missing.okr.md",
            "--output-format",
            "json",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("latin1.okr.md: not UTF-8 text (invalid byte at offset 17)"),
        "{err}"
    );
    assert!(err.contains("missing.okr.md"), "{err}");
    assert!(
        json(&o).iter().any(|d| d["rule"] == "hype-word"),
        "good.okr.md is still checked"
    );
}

#[test]
fn config_is_discovered_and_validated() {
    let dir = scratch("config");
    std::fs::write(dir.join("a.okr.md"), "## Objective: Empower teams\n").unwrap();
    std::fs::write(
        dir.join("okr-lint.toml"),
        "[rules]\nhype-word = \"off\"\nkr-count = \"off\"\nobjective-missing-outcome = \"off\"\n",
    )
    .unwrap();
    let o = okr_lint(&["check", "a.okr.md"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = okr_lint(&["check", "a.okr.md", "--isolated"], &dir);
    assert_eq!(o.status.code(), Some(1));
    std::fs::write(dir.join("okr-lint.toml"), "[kr-count]\nmaxx = 4\n").unwrap();
    let o = okr_lint(&["check", "a.okr.md"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("okr-lint.toml:2: unknown field `maxx`")
            && stderr(&o).contains("did you mean `max`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn directory_without_okr_files_is_an_error() {
    let dir = scratch("empty");
    std::fs::write(dir.join("notes.md"), "# not OKRs\n").unwrap();
    let o = okr_lint(&["check", "."], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no OKR files"), "{}", stderr(&o));
}

#[test]
fn rule_documentation() {
    let o = okr_lint(&["rule", "OKR201"], &root());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("# vague-verb (OKR201)") && out.contains("## Use instead"),
        "{out}"
    );
    let o = okr_lint(&["rule", "nope"], &root());
    assert_eq!(o.status.code(), Some(2));
    let o = okr_lint(&["rules"], &root());
    assert_eq!(stdout(&o).lines().count(), okr_lint_core::RULES.len() + 1);
}

#[test]
fn help_documents_exit_codes() {
    let o = okr_lint(&["check", "--help"], &root());
    assert!(stdout(&o).contains("2  usage, configuration or I/O error"));
}
