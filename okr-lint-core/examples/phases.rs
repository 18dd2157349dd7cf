//! Time the phases of linting one file: `cargo run --release --example phases -- FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: phases FILE");
    let src = std::fs::read_to_string(&path).expect("readable");
    let mb = src.len() as f64 / 1e6;
    let t = Instant::now();
    let idx = okr_lint_core::LineIndex::new(&src);
    println!(
        "line index   {:>8.1} ms ({} lines)",
        t.elapsed().as_secs_f64() * 1e3,
        idx.line_count()
    );
    let t = Instant::now();
    let parsed = okr_lint_core::parse(&src);
    let parse = t.elapsed().as_secs_f64();
    println!(
        "parse        {:>8.1} ms  {:.1} MB/s ({} objectives)",
        parse * 1e3,
        mb / parse,
        parsed.document.objectives.len()
    );
    let lex = okr_lint_core::words::default_lexicons();
    let t = Instant::now();
    let mut n = 0;
    for o in &parsed.document.objectives {
        for k in &o.key_results {
            n += okr_lint_core::analysis::analyze(&k.statement.value, k.statement.span.start, lex)
                .tokens
                .len();
        }
    }
    println!(
        "analyze KRs  {:>8.1} ms ({n} tokens)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let config = okr_lint_core::Config::default();
    let linter = okr_lint_core::Linter::new(&config).unwrap();
    let t = Instant::now();
    let d = linter.lint(&src, "f");
    let lint = t.elapsed().as_secs_f64();
    println!(
        "lint (all)   {:>8.1} ms  {:.1} MB/s ({} diagnostics)",
        lint * 1e3,
        mb / lint,
        d.len()
    );
}
