//! The native half of the `okr_lint` Python package (`okr_lint._okr_lint`).
//!
//! It speaks JSON with the pure-Python layer in `python/okr_lint/`, which
//! builds the typed, frozen objects users see. The core runs with the GIL
//! released, so several Python threads can lint at once.

use okr_lint_core::{Config, ConfigError, Linter, RULES};
use pyo3::prelude::*;
use serde_json::{json, Value};

/// Build a linter from a configuration given as `("json" | "toml" |
/// "pyproject", text)`.
fn linter(config: Option<(String, String)>) -> Result<Linter, ConfigError> {
    let config = match config {
        None => Config::default(),
        Some((kind, text)) => match kind.as_str() {
            "json" => Config::from_json(&text)?,
            "pyproject" => Config::from_pyproject(&text)?.unwrap_or_default(),
            _ => Config::from_toml(&text)?,
        },
    };
    Linter::new(&config)
}

fn config_error(e: ConfigError) -> String {
    json!({ "config_error": { "message": e.message, "key": e.key, "suggestion": e.suggestion } })
        .to_string()
}

/// Lint `files` (pairs of path and text) as one workspace. Returns
/// `{"diagnostics": [...], "objectives": {path: [...]}}`, or
/// `{"config_error": {...}}`.
fn lint_files(files: &[(String, String)], config: Option<(String, String)>) -> String {
    let linter = match linter(config) {
        Ok(l) => l,
        Err(e) => return config_error(e),
    };
    let prepared: Vec<_> = files.iter().map(|(p, t)| linter.prepare(p, t)).collect();
    // Where each objective lies, so Python can group findings by objective.
    let mut objectives = serde_json::Map::new();
    for file in &prepared {
        let list: Vec<Value> = file
            .document
            .objectives
            .iter()
            .map(|o| {
                json!({
                    "id": o.id.as_ref().map(|f| &f.value),
                    "statement": o.statement.value,
                    "team": o.team.as_ref().map(|f| &f.value),
                    "line": o.span.line,
                    "start": o.extent.start,
                    "end": o.extent.end,
                })
            })
            .collect();
        objectives.insert(file.path.to_string(), Value::Array(list));
    }
    let checked = prepared
        .into_iter()
        .map(|f| linter.check_prepared(f))
        .collect();
    let diagnostics = linter.finish(checked, &|n, f| (0..n).map(f).collect());
    json!({ "diagnostics": diagnostics, "objectives": objectives }).to_string()
}

#[pyfunction]
#[pyo3(signature = (files, config=None))]
fn lint_json(
    py: Python<'_>,
    files: Vec<(String, String)>,
    config: Option<(String, String)>,
) -> String {
    py.detach(|| lint_files(&files, config))
}

/// The parsed tree of one document, with its syntax errors.
#[pyfunction]
fn parse_json(py: Python<'_>, text: String) -> String {
    py.detach(|| serde_json::to_string(&okr_lint_core::parse(&text)).unwrap_or_default())
}

/// Every rule with its documentation.
#[pyfunction]
fn rules_json() -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "code": m.code,
                "name": m.name,
                "default_severity": m.default_level(),
                "fixable": m.fixable,
                "summary": m.summary(),
                "documentation": m.documentation(),
            })
        })
        .collect();
    Value::Array(rules).to_string()
}

#[pymodule]
fn _okr_lint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(lint_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(rules_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
