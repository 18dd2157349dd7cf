//! Time the grammar alone and the whole parse (for profiling):
//! `cargo run --release --example parse_only -- FILE [N]`.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: parse_only FILE [N]");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let src = std::fs::read_to_string(&path).expect("readable");
    let mb = src.len() as f64 / 1e6 * n as f64;
    let t = Instant::now();
    let mut blocks = 0;
    for _ in 0..n {
        blocks += okr_lint_core::parser::grammar_blocks(&src);
    }
    let g = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut objectives = 0;
    for _ in 0..n {
        objectives += okr_lint_core::parse(&src).document.objectives.len();
    }
    let p = t.elapsed().as_secs_f64();
    println!("grammar only: {:.1} MB/s ({blocks} blocks); full parse: {:.1} MB/s ({objectives} objectives)", mb / g, mb / p);
}
