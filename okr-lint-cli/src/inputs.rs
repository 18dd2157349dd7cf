//! From command-line paths to OKR files: files, directories (walked like
//! ripgrep: `.gitignore` and hidden files honoured), globs and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to lint.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in output.
    pub name: String,
    /// Where it lives (for config discovery and writing fixes); `None` for stdin.
    pub path: Option<PathBuf>,
    /// The directory its configuration is looked up from.
    pub config_dir: PathBuf,
    /// The text as read. Standard input is read at once; files are read
    /// with [`Source::read`] when they are linted, so that a large workspace
    /// is never in memory all at once.
    pub text: Option<String>,
}

impl Source {
    /// The text: already read (standard input), or read from `path` now.
    pub fn read(&self) -> Result<String, String> {
        match (&self.text, &self.path) {
            (Some(t), _) => Ok(t.clone()),
            (None, Some(p)) => read_file(p),
            (None, None) => Err(format!("{}: nothing to read", self.name)),
        }
    }
}

/// What could be read, and what could not.
#[derive(Default)]
pub struct Inputs {
    pub sources: Vec<Source>,
    pub errors: Vec<String>,
}

pub fn is_okr_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".okr.md") || name.ends_with(".okr")
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// The name of a path as shown in output: relative as given, without `./`.
pub fn display(p: &Path) -> String {
    let s = p.display().to_string();
    match s.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// Walk a directory for OKR files, honouring ignore files and hidden
/// entries, on as many threads as the linting (the caller sorts the paths).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let found = std::sync::Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir)
        .threads(rayon::current_num_threads())
        .build_parallel()
        .run(|| {
            let found = &found;
            Box::new(move |entry| {
                if let Ok(entry) = entry {
                    if entry.file_type().is_some_and(|t| t.is_file()) && is_okr_file(entry.path()) {
                        let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
                        found.push(entry.into_path());
                    }
                }
                ignore::WalkState::Continue
            })
        });
    out.append(&mut found.into_inner().unwrap_or_else(|e| e.into_inner()));
}

/// Expand a glob: walk from its literal prefix and keep OKR-looking matches
/// (any file, when the pattern names an extension itself).
fn expand_glob(pattern: &str, out: &mut Vec<PathBuf>) -> Result<usize, String> {
    let glob = globset::GlobBuilder::new(pattern.strip_prefix("./").unwrap_or(pattern))
        .literal_separator(true)
        .build()
        .map_err(|e| format!("{pattern}: invalid glob: {}", e.kind()))?
        .compile_matcher();
    let literal: Vec<&str> = pattern
        .split('/')
        .take_while(|part| !is_glob(part))
        .collect();
    let base = if literal.is_empty() {
        PathBuf::from(".")
    } else {
        PathBuf::from(literal.join("/"))
    };
    let mut found = 0;
    for entry in ignore::WalkBuilder::new(&base).build().flatten() {
        let p = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file()) && glob.is_match(display(p)) {
            out.push(p.to_path_buf());
            found += 1;
        }
    }
    Ok(found)
}

/// Resolve the arguments to files. Errors name the argument; everything
/// that can be read is still returned.
pub fn collect(args: &[String], stdin_filename: Option<&str>) -> Inputs {
    let mut inputs = Inputs::default();
    let mut paths = Vec::new();
    let mut stdin = false;
    for arg in args {
        if arg == "-" {
            stdin = true;
            continue;
        }
        let p = Path::new(arg);
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let before = paths.len();
                walk(p, &mut paths);
                if paths.len() == before {
                    inputs.errors.push(format!(
                        "{}: no OKR files (*.okr.md, *.okr) in this directory",
                        display(p)
                    ));
                }
            }
            Ok(_) => paths.push(p.to_path_buf()),
            Err(_) if is_glob(arg) => match expand_glob(arg, &mut paths) {
                Ok(0) => inputs
                    .errors
                    .push(format!("{arg}: the pattern matches no files")),
                Ok(_) => {}
                Err(e) => inputs.errors.push(e),
            },
            Err(e) => inputs.errors.push(format!("{arg}: {}", describe_io(&e))),
        }
    }
    // A file named by two arguments (`.` and `okrs/a.okr.md`, whose walk
    // names it `./okrs/a.okr.md`; or `a/b` and `a//b`) is linted once, under
    // the name it was first given: linted twice, its IDs were reported as
    // duplicates of themselves. Paths compare by component, and a leading
    // `./` is dropped from the output's names, so from the key too. Only
    // with several arguments: one directory's walk names each file once.
    if args.len() > 1 {
        let mut seen = std::collections::HashSet::with_capacity(paths.len());
        paths.retain(|p| seen.insert(p.strip_prefix(".").unwrap_or(p).to_path_buf()));
    }
    // In the order of their bytes, which is the order the core sorts
    // findings by path in; comparing paths component by component was about
    // 30 ms of a run over 36,000 files, all before any file is read.
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    for p in paths {
        let config_dir = p
            .parent()
            .map(Path::to_path_buf)
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        inputs.sources.push(Source {
            name: display(&p),
            path: Some(p),
            config_dir,
            text: None,
        });
    }
    if stdin {
        let mut bytes = Vec::new();
        let name = stdin_filename.unwrap_or("-").to_string();
        match std::io::stdin().read_to_end(&mut bytes) {
            Ok(_) => match decode(&name, bytes) {
                Ok(text) => {
                    let config_dir = stdin_filename
                        .and_then(|n| Path::new(n).parent().map(Path::to_path_buf))
                        .filter(|d| !d.as_os_str().is_empty())
                        .unwrap_or_else(|| PathBuf::from("."));
                    inputs.sources.push(Source {
                        name,
                        path: None,
                        config_dir,
                        text: Some(text),
                    })
                }
                Err(e) => inputs.errors.push(e),
            },
            Err(e) => inputs
                .errors
                .push(format!("{name}: cannot read standard input: {e}")),
        }
    }
    inputs
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Text of a file, or an error naming it: unreadable, binary, or not UTF-8.
fn read_file(p: &Path) -> Result<String, String> {
    let name = display(p);
    let io = |e: std::io::Error| format!("{name}: {}", describe_io(&e));
    let mut file = open(p).map_err(io)?;
    // The type is checked on the open file: one path lookup, not two.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(format!("{name}: not a regular file"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Through `Take`, not `File::read_to_end`, which asks the size again.
    (&mut file)
        .take(u64::MAX)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    decode(&name, bytes)
}

/// Open for reading without blocking: opening a FIFO for reading would
/// otherwise wait for a writer before its type can be checked.
#[cfg(unix)]
fn open(p: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(p)
}

#[cfg(not(unix))]
fn open(p: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(p)
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    let head = &bytes[..bytes.len().min(8192)];
    // `contains` on bytes is a vectorised search; find the offset only then.
    if head.contains(&0) {
        let at = head.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(format!(
            "{name}: binary file (NUL byte at offset {at}), not OKR text"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not UTF-8 text (invalid byte at offset {}); save the file as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}
