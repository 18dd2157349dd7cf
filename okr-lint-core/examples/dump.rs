//! Print the parsed tree of a file as JSON: `cargo run --example dump -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let src = std::fs::read_to_string(&path).expect("readable file");
    let parsed = okr_lint_core::parse(&src);
    println!(
        "{}",
        serde_json::to_string_pretty(&parsed).expect("serializable")
    );
}
