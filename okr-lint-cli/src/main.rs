//! The `okr-lint` binary (its allocator is set in `okr_lint_cli::allocator`).

fn main() -> std::process::ExitCode {
    okr_lint_cli::run()
}
