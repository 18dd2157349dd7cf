//! Inputs (directories, .gitignore, globs, stdin, bad files), configuration
//! discovery, `init`, and `--fix`.

mod common;
use common::Scratch;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn scratch(name: &str) -> Scratch {
    Scratch::new("inputs", name)
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_okr-lint"));
    c.args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn paths(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(&o.stdout)));
    let mut p: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    p.dedup();
    p
}

fn rules(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const BAD: &str = "## Objective: Empower teams\n";

#[test]
fn a_file_named_twice_is_linted_once_and_files_come_in_path_order() {
    let d = scratch("twice");
    let with_id = "## Objective O-1: Empower teams\n";
    write(&d, "okrs/a.okr.md", with_id);
    write(&d, "okrs-b/c.okr.md", BAD);
    write(&d, "okrs/sub/d.okr.md", BAD);
    let args = [
        "check",
        "okrs",
        "okrs/a.okr.md",
        "okrs//a.okr.md",
        "./okrs/a.okr.md",
        "okrs-b",
        ".",
        "--output-format",
        "json",
    ];
    let o = run_in(&d, &args, None);
    // Linted twice, O-1 would be a duplicate ID.
    assert!(
        !rules(&o).iter().any(|r| r == "duplicate-id"),
        "{}",
        err(&o)
    );
    // By the bytes of the path: `-` sorts before `/`.
    assert_eq!(
        paths(&o),
        ["okrs-b/c.okr.md", "okrs/a.okr.md", "okrs/sub/d.okr.md"]
    );
}

#[test]
fn directories_honour_gitignore_and_hidden_files() {
    let d = scratch("walk");
    assert!(Command::new("git")
        .args(["init", "-q"])
        .current_dir(&d)
        .status()
        .unwrap()
        .success());
    write(&d, ".gitignore", "ignored/\n");
    write(&d, "okrs/a.okr.md", BAD);
    write(&d, "okrs/nested/b.okr", BAD);
    write(&d, "okrs/notes.md", BAD);
    write(&d, "ignored/c.okr.md", BAD);
    write(&d, ".hidden/d.okr.md", BAD);
    let o = run_in(&d, &["check", ".", "--output-format", "json"], None);
    assert_eq!(paths(&o), ["okrs/a.okr.md", "okrs/nested/b.okr"]);
    // Named explicitly, any file is linted.
    let o = run_in(
        &d,
        &[
            "check",
            "okrs/notes.md",
            "ignored/c.okr.md",
            "--output-format",
            "json",
        ],
        None,
    );
    assert_eq!(paths(&o), ["ignored/c.okr.md", "okrs/notes.md"]);
}

#[test]
fn globs() {
    let d = scratch("glob");
    write(&d, "q1/a.okr.md", BAD);
    write(&d, "q2/b.okr.md", BAD);
    write(&d, "q2/c.md", BAD);
    let o = run_in(
        &d,
        &["check", "q*/*.okr.md", "--output-format", "json"],
        None,
    );
    assert_eq!(paths(&o), ["q1/a.okr.md", "q2/b.okr.md"]);
    let o = run_in(
        &d,
        &["check", "nothing/**/*.okr.md", "--output-format", "json"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("the pattern matches no files"),
        "{}",
        err(&o)
    );
}

#[test]
fn bad_inputs_are_named_and_others_still_checked() {
    let d = scratch("bad");
    write(&d, "good.okr.md", BAD);
    std::fs::write(d.join("binary.okr.md"), b"PK\x03\x04\x00\x00zip").unwrap();
    let o = run_in(
        &d,
        &["check", ".", "missing.okr.md", "--output-format", "json"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("binary.okr.md: binary file"), "{e}");
    assert!(
        e.contains("missing.okr.md: no such file or directory"),
        "{e}"
    );
    assert_eq!(paths(&o), ["good.okr.md"]);
}

#[test]
fn standard_input() {
    let d = scratch("stdin");
    write(&d, "drafts/okr-lint.toml", "[rules]\nhype-word = \"off\"\n");
    let o = run_in(&d, &["check", "-", "--output-format", "json"], Some(BAD));
    assert_eq!(paths(&o), ["-"]);
    assert!(rules(&o).contains(&"hype-word".to_string()));
    // --stdin-filename names it and finds its configuration.
    let o = run_in(
        &d,
        &[
            "check",
            "-",
            "--stdin-filename",
            "drafts/new.okr.md",
            "--output-format",
            "json",
        ],
        Some(BAD),
    );
    assert_eq!(paths(&o), ["drafts/new.okr.md"]);
    assert!(
        !rules(&o).contains(&"hype-word".to_string()),
        "drafts/okr-lint.toml applies"
    );
}

#[test]
fn nearest_configuration_per_file() {
    let d = scratch("config");
    write(&d, "okr-lint.toml", "[rules]\nkr-count = \"off\"\n");
    write(&d, "team-a/a.okr.md", BAD);
    write(
        &d,
        "team-b/.okr-lint.toml",
        "ignore = [\"hype-word\"]\n[rules]\nkr-count = \"off\"\n",
    );
    write(&d, "team-b/b.okr.md", BAD);
    write(
        &d,
        "team-c/pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.okr-lint]\nignore = [\"objective-missing-outcome\"]\n",
    );
    write(&d, "team-c/c.okr.md", BAD);
    let o = run_in(&d, &["check", ".", "--output-format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let of = |path: &str| -> Vec<String> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == path)
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        of("team-a/a.okr.md"),
        ["hype-word", "objective-missing-outcome"]
    );
    assert_eq!(of("team-b/b.okr.md"), ["objective-missing-outcome"]);
    assert_eq!(
        of("team-c/c.okr.md"),
        ["kr-count", "hype-word"],
        "pyproject.toml is nearest for team-c"
    );
    // --config overrides discovery; --isolated ignores it.
    write(&d, "strict.toml", "select = [\"hype-word\"]\n");
    let o = run_in(
        &d,
        &[
            "check",
            ".",
            "--config",
            "strict.toml",
            "--output-format",
            "json",
        ],
        None,
    );
    assert!(rules(&o).iter().all(|r| r == "hype-word") && rules(&o).len() == 3);
    let o = run_in(
        &d,
        &["check", "team-a", "--isolated", "--output-format", "json"],
        None,
    );
    assert!(rules(&o).contains(&"kr-count".to_string()));
    // Per-file ignores.
    write(
        &d,
        "team-a/okr-lint.toml",
        "[per-file-ignores]\n\"drafts/*\" = [\"hype-word\"]\n",
    );
    write(&d, "team-a/drafts/x.okr.md", BAD);
    let o = run_in(&d, &["check", "team-a", "--output-format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let draft: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "team-a/drafts/x.okr.md")
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(
        !draft.contains(&"hype-word") && draft.contains(&"kr-count"),
        "{draft:?}"
    );
}

#[test]
fn init_writes_a_starter_config() {
    let d = scratch("init");
    let o = run_in(&d, &["init"], None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = std::fs::read_to_string(d.join("okr-lint.toml")).unwrap();
    assert!(text.contains("[kr-count]") && text.contains("# vague-verb = \"warning\""));
    assert_eq!(
        okr_lint_core::Config::from_toml(&text).unwrap(),
        okr_lint_core::Config::default()
    );
    let o = run_in(&d, &["init"], None);
    assert_eq!(o.status.code(), Some(2), "does not overwrite");
    assert!(run_in(&d, &["init", "--force"], None).status.success());
    // The written config is used.
    write(&d, "a.okr.md", BAD);
    assert_eq!(
        run_in(&d, &["check", "a.okr.md"], None).status.code(),
        Some(1)
    );
}

const FIXABLE: &str = "\u{FEFF}# T\r\n\r\nTeam: A\r\n\r\n## Objective X-1: Build the vault to remove hardcoded secrets\r\n\r\n- KR (strech): Rotate 50% of secrets\r\n  Kind: progres\r\n- KR (stretch): Reduce leaks from 4/quarter to 0/quarter\r\n  Blocks: Payments\r\n<!-- okr-lint-disable-next hype-word -->\r\n- KR: Migrate all 12 services to the vault\r\n";

#[test]
fn fix_diff_and_unsafe_fixes() {
    let d = scratch("fix");
    write(&d, "a.okr.md", FIXABLE);
    // --diff shows and exits 1 without writing.
    let o = run_in(&d, &["check", "a.okr.md", "--diff"], None);
    assert_eq!(o.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&o.stdout);
    assert!(
        diff.contains("-- KR (strech)") && diff.contains("+- KR (stretch)"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("a.okr.md")).unwrap(),
        FIXABLE
    );
    // --fix applies safe fixes only, keeping the BOM and CRLF endings.
    let o = run_in(
        &d,
        &["check", "a.okr.md", "--fix", "--output-format", "json"],
        None,
    );
    let fixed = std::fs::read_to_string(d.join("a.okr.md")).unwrap();
    assert!(
        fixed.starts_with('\u{FEFF}')
            && fixed.matches("\r\n").count() == fixed.matches('\n').count()
    );
    assert!(
        fixed.contains("(stretch): Rotate")
            && fixed.contains("Kind: progress")
            && !fixed.contains("disable-next")
    );
    assert!(
        fixed.contains("(stretch): Reduce leaks"),
        "unsafe fix not applied without --unsafe-fixes"
    );
    assert!(
        rules(&o).contains(&"stretch-on-dependency".to_string()),
        "remaining findings are reported"
    );
    // Idempotent.
    run_in(&d, &["check", "a.okr.md", "--fix"], None);
    assert_eq!(std::fs::read_to_string(d.join("a.okr.md")).unwrap(), fixed);
    // --unsafe-fixes changes the commitment.
    run_in(&d, &["check", "a.okr.md", "--fix", "--unsafe-fixes"], None);
    assert!(std::fs::read_to_string(d.join("a.okr.md"))
        .unwrap()
        .contains("(committed): Reduce leaks"));
    // Standard input: the fixed text goes to standard output.
    let o = run_in(&d, &["check", "-", "--fix"], Some(FIXABLE));
    assert_eq!(String::from_utf8_lossy(&o.stdout), fixed);
}

#[test]
fn parallel_output_is_deterministic() {
    let d = scratch("many");
    for i in 0..60 {
        write(&d, &format!("t{}/o{i}.okr.md", i % 7), &format!("## Objective T-{i}: Improve things {i}\n\n- KR: Improve API performance\n- KR: Hold weekly meetings\n"));
    }
    let a = run_in(&d, &["check", ".", "--output-format", "concise"], None);
    let b = run_in(&d, &["check", ".", "--output-format", "concise"], None);
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8_lossy(&a.stdout);
    let files: Vec<&str> = text.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "sorted by path");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_do_not_hang() {
    let d = scratch("special");
    write(&d, "good.okr.md", BAD);
    std::os::unix::fs::symlink(d.join("loop-a.okr.md"), d.join("loop-b.okr.md")).unwrap();
    std::os::unix::fs::symlink(d.join("loop-b.okr.md"), d.join("loop-a.okr.md")).unwrap();
    std::os::unix::fs::symlink(&d, d.join("self")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(d.join("pipe.okr.md"))
        .status()
        .unwrap()
        .success());
    let start = std::time::Instant::now();
    // Walking the directory skips the loop and the FIFO.
    let o = run_in(&d, &["check", ".", "--output-format", "json"], None);
    assert_eq!(paths(&o), ["good.okr.md"]);
    // Named explicitly, each is a clear error naming it; the rest is checked.
    let o = run_in(
        &d,
        &[
            "check",
            "good.okr.md",
            "loop-a.okr.md",
            "pipe.okr.md",
            "--output-format",
            "json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("loop-a.okr.md:"), "{e}");
    assert!(e.contains("pipe.okr.md: not a regular file"), "{e}");
    assert_eq!(paths(&o), ["good.okr.md"]);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "no hang"
    );
}
