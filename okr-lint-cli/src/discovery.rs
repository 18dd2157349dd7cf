//! Finding and loading configuration: the nearest `okr-lint.toml`,
//! `.okr-lint.toml`, or `pyproject.toml` with `[tool.okr-lint]`, walking up
//! from each file's directory.

use okr_lint_core::Config;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a configuration came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// No file: the defaults.
    Default,
    File(PathBuf),
}

/// Caches the config file that applies to each directory.
#[derive(Default)]
pub struct Discovery {
    /// By canonical directory.
    by_dir: HashMap<PathBuf, Origin>,
    /// By directory as the caller named it: canonicalizing costs a system
    /// call per path component, and a workspace has many files per folder.
    by_given: HashMap<PathBuf, Origin>,
}

impl Discovery {
    /// The configuration that applies to files in `dir`.
    pub fn origin_for(&mut self, dir: &Path) -> Origin {
        if let Some(o) = self.by_given.get(dir) {
            return o.clone();
        }
        let found = self.lookup(dir);
        self.by_given.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn lookup(&mut self, dir: &Path) -> Origin {
        let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut visited = Vec::new();
        let mut cur = Some(start.as_path());
        let found = loop {
            let Some(d) = cur else { break Origin::Default };
            if let Some(o) = self.by_dir.get(d) {
                break o.clone();
            }
            visited.push(d.to_path_buf());
            if let Some(p) = config_in(d) {
                break Origin::File(p);
            }
            cur = d.parent();
        };
        for d in visited {
            self.by_dir.insert(d, found.clone());
        }
        found
    }
}

/// The config file directly in `dir`, if any.
fn config_in(dir: &Path) -> Option<PathBuf> {
    for name in ["okr-lint.toml", ".okr-lint.toml"] {
        let p = dir.join(name);
        if p.is_file() {
            return Some(p);
        }
    }
    let py = dir.join("pyproject.toml");
    if py.is_file() {
        let text = std::fs::read_to_string(&py).ok()?;
        // Cheap check before parsing: only a pyproject with our table counts.
        if text.contains("tool.okr-lint") {
            return Some(py);
        }
    }
    None
}

/// Load a configuration file; errors say the file and line.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let at = |span: Option<(usize, usize)>| {
        span.map(|(s, _)| {
            let line = text.as_bytes()[..s.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            format!(":{line}")
        })
        .unwrap_or_default()
    };
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    if is_pyproject {
        return match Config::from_pyproject(&text) {
            Ok(c) => Ok(c.unwrap_or_default()),
            Err(e) => Err(format!("{} [tool.okr-lint]: {e}", path.display())),
        };
    }
    Config::from_toml(&text).map_err(|e| format!("{}{}: {e}", path.display(), at(e.span)))
}
