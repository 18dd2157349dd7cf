//! Glob patterns for `per-file-ignores`.
//!
//! The syntax is that of `.gitignore`-style tools (globset, ruff):
//!
//! - `*` matches any run of characters except `/`; `?` one character except `/`;
//! - `**` as a whole path component matches any number of components:
//!   `**/a` (any depth), `a/**` (everything inside `a`), `a/**/b`;
//! - `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) match one character of a class;
//! - `{a,b}` matches either alternative (not nested);
//! - `\` escapes the next character.
//!
//! Patterns compile to a small automaton that is simulated over the path in
//! one pass, so matching time is linear in the path length whatever the
//! pattern (no backtracking). A few kilobytes of code instead of a regex
//! engine keeps the WASM package small.

use std::fmt;

/// A compiled glob.
#[derive(Debug, Clone)]
pub struct Glob {
    insts: Vec<Inst>,
}

/// Why a pattern is not a valid glob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobError(&'static str);

impl fmt::Display for GlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[derive(Debug, Clone)]
enum Inst {
    /// Consume this character.
    Char(char),
    /// Consume any character except `/`.
    NotSep,
    /// Consume any character.
    Any,
    /// Consume a character of the class (never `/`).
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    /// Continue at both targets.
    Split(usize, usize),
    /// Continue at the target.
    Jump(usize),
    Match,
}

/// One element of a pattern, before compilation.
#[derive(Debug, Clone)]
enum Piece {
    Char(char),
    One,
    Star,
    /// `**` standing for any number of whole components, with its slashes:
    /// `(.*/)?` at the start or in the middle, `/.*` at the end, `.*` alone.
    AnyComponents,
    AnyInside,
    Everything,
    Class(bool, Vec<(char, char)>),
    Alternatives(Vec<Vec<Piece>>),
}

impl Glob {
    /// Compile `pattern`.
    pub fn new(pattern: &str) -> Result<Glob, GlobError> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut pos = 0;
        let pieces = parse(&chars, &mut pos, false)?;
        let mut insts = Vec::new();
        compile(&pieces, &mut insts);
        insts.push(Inst::Match);
        Ok(Glob { insts })
    }

    /// True when the whole of `path` matches.
    pub fn is_match(&self, path: &str) -> bool {
        let n = self.insts.len();
        let mut current = Vec::with_capacity(n);
        let mut next = Vec::with_capacity(n);
        let mut seen = vec![usize::MAX; n];
        let mut step = 0;
        self.add(0, &mut current, &mut seen, step);
        for c in path.chars() {
            step += 1;
            next.clear();
            for &pc in &current {
                let ok = match &self.insts[pc] {
                    Inst::Char(x) => *x == c,
                    Inst::NotSep => c != '/',
                    Inst::Any => true,
                    Inst::Class { negated, ranges } => {
                        c != '/' && ranges.iter().any(|&(a, b)| a <= c && c <= b) != *negated
                    }
                    _ => false,
                };
                if ok {
                    self.add(pc + 1, &mut next, &mut seen, step);
                }
            }
            std::mem::swap(&mut current, &mut next);
            if current.is_empty() {
                return false;
            }
        }
        current
            .iter()
            .any(|&pc| matches!(self.insts[pc], Inst::Match))
    }

    /// Add `pc` and everything reachable from it without consuming input.
    fn add(&self, pc: usize, list: &mut Vec<usize>, seen: &mut [usize], step: usize) {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == step {
                continue;
            }
            seen[pc] = step;
            match self.insts[pc] {
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Inst::Jump(a) => stack.push(a),
                _ => list.push(pc),
            }
        }
    }
}

fn parse(chars: &[char], pos: &mut usize, in_alt: bool) -> Result<Vec<Piece>, GlobError> {
    let mut out = Vec::new();
    while let Some(&c) = chars.get(*pos) {
        if in_alt && (c == ',' || c == '}') {
            break;
        }
        *pos += 1;
        match c {
            '\\' => match chars.get(*pos) {
                Some(&e) => {
                    *pos += 1;
                    out.push(Piece::Char(e));
                }
                None => return Err(GlobError("dangling `\\` at the end of the pattern")),
            },
            '?' => out.push(Piece::One),
            '*' if chars.get(*pos) == Some(&'*') => {
                *pos += 1;
                let at_start = *pos == 2 && !in_alt;
                let after_sep = matches!(out.last(), Some(Piece::Char('/')));
                let after = chars.get(*pos).copied();
                if in_alt || !(at_start || after_sep) || !matches!(after, None | Some('/')) {
                    return Err(GlobError(
                        "`**` must be a whole path component (`**/a`, `a/**`, `a/**/b`)",
                    ));
                }
                match after {
                    None if at_start => out.push(Piece::Everything),
                    None => {
                        out.pop(); // `a/**` is `a` then `/.*`
                        out.push(Piece::AnyInside);
                    }
                    Some(_) => {
                        *pos += 1; // the `/` after belongs to `(.*/)?`
                        out.push(Piece::AnyComponents);
                    }
                }
            }
            '*' => out.push(Piece::Star),
            '[' => out.push(parse_class(chars, pos)?),
            '{' => {
                if in_alt {
                    return Err(GlobError("alternatives `{...}` cannot be nested"));
                }
                let mut alts = Vec::new();
                loop {
                    alts.push(parse(chars, pos, true)?);
                    match chars.get(*pos) {
                        Some(',') => *pos += 1,
                        Some('}') => {
                            *pos += 1;
                            break;
                        }
                        _ => return Err(GlobError("unclosed `{` in the pattern")),
                    }
                }
                out.push(Piece::Alternatives(alts));
            }
            c => out.push(Piece::Char(c)),
        }
    }
    Ok(out)
}

fn parse_class(chars: &[char], pos: &mut usize) -> Result<Piece, GlobError> {
    let negated = matches!(chars.get(*pos), Some('!' | '^'));
    if negated {
        *pos += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let Some(&c) = chars.get(*pos) else {
            return Err(GlobError("unclosed `[` in the pattern"));
        };
        *pos += 1;
        if c == ']' && !first {
            break;
        }
        first = false;
        if chars.get(*pos) == Some(&'-') && chars.get(*pos + 1).is_some_and(|&e| e != ']') {
            let end = chars[*pos + 1];
            *pos += 2;
            if end < c {
                return Err(GlobError(
                    "invalid range in `[...]`: the end comes before the start",
                ));
            }
            ranges.push((c, end));
        } else {
            ranges.push((c, c));
        }
    }
    Ok(Piece::Class(negated, ranges))
}

fn compile(pieces: &[Piece], insts: &mut Vec<Inst>) {
    for piece in pieces {
        match piece {
            Piece::Char(c) => insts.push(Inst::Char(*c)),
            Piece::One => insts.push(Inst::NotSep),
            Piece::Class(negated, ranges) => insts.push(Inst::Class {
                negated: *negated,
                ranges: ranges.clone(),
            }),
            Piece::Star => star(insts, Inst::NotSep),
            Piece::Everything => star(insts, Inst::Any),
            Piece::AnyInside => {
                insts.push(Inst::Char('/'));
                star(insts, Inst::Any);
            }
            Piece::AnyComponents => {
                // (.*/)? : skip, or any characters followed by a `/`.
                let split = insts.len();
                insts.push(Inst::Split(split + 1, 0));
                star(insts, Inst::Any);
                insts.push(Inst::Char('/'));
                let end = insts.len();
                insts[split] = Inst::Split(split + 1, end);
            }
            Piece::Alternatives(alts) => {
                // split -> alt1 -> jump end; split -> alt2 -> jump end; ...
                let mut jumps = Vec::new();
                for (i, alt) in alts.iter().enumerate() {
                    let split = insts.len();
                    let last = i + 1 == alts.len();
                    if !last {
                        insts.push(Inst::Split(split + 1, 0));
                    }
                    compile(alt, insts);
                    if !last {
                        jumps.push(insts.len());
                        insts.push(Inst::Jump(0));
                        let next = insts.len();
                        insts[split] = Inst::Split(split + 1, next);
                    }
                }
                let end = insts.len();
                for j in jumps {
                    insts[j] = Inst::Jump(end);
                }
            }
        }
    }
}

/// `x*`: loop over `inst` zero or more times.
fn star(insts: &mut Vec<Inst>, inst: Inst) {
    let split = insts.len();
    insts.push(Inst::Split(split + 1, 0));
    insts.push(inst);
    insts.push(Inst::Jump(split));
    let end = insts.len();
    insts[split] = Inst::Split(split + 1, end);
}

#[cfg(test)]
mod tests {
    use super::Glob;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().is_match(path)
    }

    #[test]
    fn stars_stay_within_a_component() {
        assert!(m("drafts/*", "drafts/a.okr.md"));
        assert!(!m("drafts/*", "drafts/x/a.okr.md"));
        assert!(m("*.okr.md", "a.okr.md"));
        assert!(!m("*.okr.md", "x/a.okr.md"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "a/c"));
        assert!(m("*", ""));
        assert!(!m("a", "ab"));
    }

    #[test]
    fn double_stars_cross_components() {
        assert!(m("**/old-*.okr.md", "old-1.okr.md"));
        assert!(m("**/old-*.okr.md", "x/y/old-1.okr.md"));
        assert!(!m("**/old-*.okr.md", "x/y/new-1.okr.md"));
        assert!(m("a/**", "a/b"));
        assert!(m("a/**", "a/b/c"));
        assert!(!m("a/**", "a"));
        assert!(!m("a/**", "ab/c"));
        assert!(m("a/**/b", "a/b"));
        assert!(m("a/**/b", "a/x/y/b"));
        assert!(!m("a/**/b", "a/xb"));
        assert!(m("**", "any/thing/at/all"));
    }

    #[test]
    fn classes_alternatives_and_escapes() {
        assert!(m("q[1-4].okr.md", "q3.okr.md"));
        assert!(!m("q[1-4].okr.md", "q5.okr.md"));
        assert!(m("q[!1-4].okr.md", "q5.okr.md"));
        assert!(m("[]]", "]"));
        assert!(m("*.{okr.md,md}", "a.md"));
        assert!(m("*.{okr.md,md}", "a.okr.md"));
        assert!(!m("*.{okr.md,md}", "a.txt"));
        assert!(m("{drafts,old}/**", "old/x/y.md"));
        assert!(m(r"a\*b", "a*b"));
        assert!(!m(r"a\*b", "axb"));
        assert!(m("日本/*.md", "日本/計画.md"));
    }

    #[test]
    fn invalid_patterns_are_errors() {
        for p in [
            "a**", "**b", "a/**b", "[abc", "{a,b", "{a,{b}}", "a\\", "[z-a]",
        ] {
            assert!(Glob::new(p).is_err(), "{p}");
        }
    }

    #[test]
    fn matching_is_linear() {
        // A pattern that makes backtracking matchers exponential.
        let glob = Glob::new(&"*a".repeat(30)).unwrap();
        let path = "a".repeat(5000) + "b";
        assert!(!glob.is_match(&path));
    }
}
