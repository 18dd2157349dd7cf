//! The `okr-lint` binary.

fn main() -> std::process::ExitCode {
    okr_lint_cli::run()
}
