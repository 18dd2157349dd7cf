//! okr-lint for the browser: **skeleton**. The bindings of the WASM package
//! (wasm-bindgen, issue 6) land on top of this crate. Until then it exposes the one entry point the bindings
//! will wrap, so the workspace builds and tests it like every front end.

/// Lint one document and return the shared JSON report, or the configuration
/// error as text. `config_toml` uses the keys of `okr-lint.toml`.
pub fn lint_json(text: &str, path: &str, config_toml: &str) -> Result<String, String> {
    let config = okr_lint_core::Config::from_toml(config_toml).map_err(|e| e.to_string())?;
    okr_lint_core::report_json(&[(path, text)], &config).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn lints_through_the_core() {
        let json = super::lint_json("## Objective: Empower teams\n", "a.okr.md", "").unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "hype-word"));
        let err = super::lint_json("", "a.okr.md", "slect = []").unwrap_err();
        assert!(err.contains("did you mean `select`"), "{err}");
    }
}
