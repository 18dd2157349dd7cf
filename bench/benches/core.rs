//! Core throughput: parse, lint one document, lint a workspace.
//! `cargo bench -p okr-lint-bench`: criterion reports time and MB/s (group
//! `core`), and objectives per second (group `core-objectives`, the same
//! work counted in objectives: criterion takes one throughput per run).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use okr_lint_core::{parse, Config, Linter};

fn benches(c: &mut Criterion) {
    let files = okr_lint_bench::generate(2_000_000, 42);
    let one: String = files
        .iter()
        .skip(4)
        .take(40)
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let objectives = parse(&one).document.objectives.len();
    let linter = Linter::new(&Config::default()).unwrap();
    let mut g = c.benchmark_group("core");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(one.len() as u64));
    g.bench_function(
        format!("parse/{}KB/{objectives}-objectives", one.len() / 1000),
        |b| b.iter(|| parse(&one)),
    );
    g.bench_function(format!("lint-document/{}KB", one.len() / 1000), |b| {
        b.iter(|| linter.lint(&one, "one.okr.md"))
    });
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.sample_size(10);
    g.bench_function(
        format!(
            "lint-workspace/{}files/{}MB",
            files.len(),
            total / 1_000_000
        ),
        |b| b.iter(|| linter.lint_workspace(&files)),
    );
    g.finish();

    let in_workspace: usize = files
        .iter()
        .map(|(_, t)| parse(t).document.objectives.len())
        .sum();
    let mut g = c.benchmark_group("core-objectives");
    g.sample_size(20);
    g.throughput(Throughput::Elements(objectives as u64));
    g.bench_function(format!("parse/{objectives}-objectives"), |b| {
        b.iter(|| parse(&one))
    });
    g.bench_function(format!("lint-document/{objectives}-objectives"), |b| {
        b.iter(|| linter.lint(&one, "one.okr.md"))
    });
    g.throughput(Throughput::Elements(in_workspace as u64));
    g.sample_size(10);
    g.bench_function(format!("lint-workspace/{in_workspace}-objectives"), |b| {
        b.iter(|| linter.lint_workspace(&files))
    });
    g.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
