//! Write a generated OKR workspace: `gen-corpus SIZE DIR [SEED]`
//! (SIZE like 10KB, 1MB, 10MB, 100MB).
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(dir)) = (
        args.first().and_then(|s| okr_lint_bench::parse_size(s)),
        args.get(1),
    ) else {
        eprintln!("usage: gen-corpus SIZE DIR [SEED]   (SIZE: 10KB, 1MB, 10MB, 100MB)");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let files = okr_lint_bench::generate(size, seed);
    let mut total = 0;
    for (rel, text) in &files {
        let p = Path::new(dir).join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create directory");
        }
        std::fs::write(&p, text).expect("write file");
        total += text.len();
    }
    eprintln!(
        "wrote {} files, {:.2} MB, to {dir}",
        files.len(),
        total as f64 / 1e6
    );
}
