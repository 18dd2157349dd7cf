//! Helpers shared by the CLI's integration tests.

use std::ops::Deref;
use std::path::{Path, PathBuf};

/// A scratch directory under the system's temporary directory, named after
/// the test and this process, emptied when made and removed when dropped, so
/// test runs leave nothing behind in `/tmp`.
pub struct Scratch(PathBuf);

impl Scratch {
    /// `okr-lint-{group}-{name}-{pid}`, canonical (the LSP tests compare
    /// paths the server resolved).
    pub fn new(group: &str, name: &str) -> Scratch {
        let d =
            std::env::temp_dir().join(format!("okr-lint-{group}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d.canonicalize().unwrap())
    }
}

impl Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
