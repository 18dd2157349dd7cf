//! Reading a configuration from JSON: what the Python and WASM bindings get
//! from a dict or a JavaScript object.
//!
//! Hand-written rather than serde_json + the `Deserialize` derive, which
//! together with serde's error formatting (it prints floats) are about 60 KB
//! of the WASM package. Messages follow serde's wording, so a bad key reads
//! the same whichever front end reported it; a test checks this reader and
//! the TOML one agree.

use crate::config::{Config, Level, Table, WordListConfig, TOP_KEYS};

/// A parsed JSON value. Numbers keep their text.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Nesting deeper than this is refused (a configuration is 3 levels deep).
const MAX_DEPTH: usize = 64;

struct Reader<'a> {
    b: &'a [u8],
    src: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("invalid JSON: {what} at byte {}", self.pos))
    }

    fn skip_ws(&mut self) {
        while matches!(self.b.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.skip_ws();
        if self.b.get(self.pos) == Some(&c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return self.fail("nesting too deep");
        }
        self.skip_ws();
        let rest = &self.b[self.pos..];
        for (lit, v) in [
            (&b"null"[..], Json::Null),
            (b"true", Json::Bool(true)),
            (b"false", Json::Bool(false)),
        ] {
            if rest.starts_with(lit) {
                self.pos += lit.len();
                return Ok(v);
            }
        }
        match rest.first() {
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Ok(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return self.fail("expected `,` or `]`");
                    }
                }
            }
            Some(b'{') => {
                self.pos += 1;
                let mut fields: Vec<(String, Json)> = Vec::new();
                if self.eat(b'}') {
                    return Ok(Json::Object(fields));
                }
                loop {
                    self.skip_ws();
                    if self.b.get(self.pos) != Some(&b'"') {
                        return self.fail("expected a key");
                    }
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return self.fail("expected `:`");
                    }
                    let v = self.value(depth + 1)?;
                    fields.push((key, v));
                    if self.eat(b'}') {
                        return Ok(Json::Object(fields));
                    }
                    if !self.eat(b',') {
                        return self.fail("expected `,` or `}`");
                    }
                }
            }
            Some(c) if *c == b'-' || c.is_ascii_digit() => {
                let start = self.pos;
                while self.b.get(self.pos).is_some_and(|c| {
                    c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')
                }) {
                    self.pos += 1;
                }
                Ok(Json::Number(self.src[start..self.pos].to_string()))
            }
            Some(_) => self.fail("unexpected character"),
            None => self.fail("unexpected end"),
        }
    }

    /// A string at `pos` (which holds `"`).
    fn string(&mut self) -> Result<String, String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while self
                .b
                .get(self.pos)
                .is_some_and(|&c| c != b'"' && c != b'\\' && c >= 0x20)
            {
                self.pos += 1;
            }
            out.push_str(&self.src[start..self.pos]);
            match self.b.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc = self.b.get(self.pos + 1).copied();
                    self.pos += 2;
                    let c = match esc {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            if (0xD800..0xDC00).contains(&hi)
                                && self.b[self.pos..].starts_with(b"\\u")
                            {
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                    char::from_u32(c).unwrap_or('\u{FFFD}')
                                } else {
                                    out.push('\u{FFFD}');
                                    char::from_u32(lo).unwrap_or('\u{FFFD}')
                                }
                            } else {
                                // A lone surrogate cannot be a Rust char.
                                char::from_u32(hi).unwrap_or('\u{FFFD}')
                            }
                        }
                        _ => return self.fail("invalid escape"),
                    };
                    out.push(c);
                }
                _ => return self.fail("unterminated string"),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .src
            .get(self.pos..self.pos + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match digits {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => self.fail("invalid \\u escape"),
        }
    }
}

fn parse(text: &str) -> Result<Json, String> {
    let mut r = Reader {
        b: text.as_bytes(),
        src: text,
        pos: 0,
    };
    let v = r.value(0)?;
    r.skip_ws();
    if r.pos != text.len() {
        return r.fail("trailing characters");
    }
    Ok(v)
}

/// serde's name for what a value is, as in `invalid type: string "x"`.
fn unexpected(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Number(n) if n.contains(['.', 'e', 'E']) => format!("floating point `{n}`"),
        Json::Number(n) => format!("integer `{n}`"),
        Json::String(s) => {
            // Quoted like `{:?}` would, without pulling Rust's Debug escaping
            // (about 2 KB) into the WASM build.
            let mut out = String::from("string \"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '\0' => out.push_str("\\0"),
                    c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        Json::Array(_) => "sequence".into(),
        Json::Object(_) => "map".into(),
    }
}

fn invalid_type(v: &Json, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", unexpected(v))
}

/// serde's list of what was expected: `a`; `a` or `b`; one of `a`, `b`, `c`.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [a] => format!("expected {a}"),
        [a, b] => format!("expected {a} or {b}"),
        _ => {
            let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
            format!(
                "expected one of {}",
                crate::rules::join(&quoted, ", ", ", ")
            )
        }
    }
}

fn unknown_field(key: &str, expected: &[&str]) -> String {
    format!("unknown field `{key}`, {}", one_of(expected))
}

fn object<'j>(v: &'j Json, what: &str) -> Result<&'j [(String, Json)], String> {
    match v {
        Json::Object(f) => Ok(f),
        other => Err(invalid_type(other, what)),
    }
}

fn strings(v: &Json) -> Result<Vec<String>, String> {
    match v {
        Json::Array(items) => items
            .iter()
            .map(|i| match i {
                Json::String(s) => Ok(s.clone()),
                other => Err(invalid_type(other, "a string")),
            })
            .collect(),
        other => Err(invalid_type(other, "a sequence")),
    }
}

fn usize_of(v: &Json) -> Result<usize, String> {
    match v {
        Json::Number(n) if !n.contains(['.', 'e', 'E']) => n
            .parse()
            .map_err(|_| format!("invalid value: integer `{n}`, expected usize")),
        other => Err(invalid_type(other, "usize")),
    }
}

fn bool_of(v: &Json) -> Result<bool, String> {
    match v {
        Json::Bool(b) => Ok(*b),
        other => Err(invalid_type(other, "a boolean")),
    }
}

/// A JSON number as f64 without the standard library's float parser (which
/// brings its tables into the WASM build): exact for the decimals a
/// threshold is written with.
fn f64_of(v: &Json) -> Result<f64, String> {
    let Json::Number(n) = v else {
        return Err(invalid_type(v, "f64"));
    };
    let bad = || format!("invalid value: `{n}`, expected f64");
    let (mantissa, exp) = match n.find(['e', 'E']) {
        Some(i) => (&n[..i], n[i + 1..].parse::<i32>().map_err(|_| bad())?),
        None => (n.as_str(), 0),
    };
    let (neg, digits) = match mantissa.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, mantissa),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let mut value = 0.0f64;
    for c in int.bytes().chain(frac.bytes()) {
        value = value * 10.0 + f64::from(c - b'0');
    }
    // Saturating: `1e-2147483648` must not overflow (it is 0, or NaN for
    // an infinite mantissa; validation rejects what is out of range).
    let scale = exp.saturating_sub(i32::try_from(frac.len()).unwrap_or(i32::MAX));
    let value = if scale >= 0 {
        value * 10f64.powi(scale)
    } else {
        value / 10f64.powi(scale.saturating_neg())
    };
    Ok(if neg { -value } else { value })
}

fn level_of(v: &Json) -> Result<Level, String> {
    const NAMES: [&str; 4] = ["off", "info", "warning", "error"];
    match v {
        Json::String(s) => match s.as_str() {
            "off" => Ok(Level::Off),
            "info" => Ok(Level::Info),
            "warning" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            _ => Err(format!("unknown variant `{s}`, {}", one_of(&NAMES))),
        },
        other => Err(invalid_type(other, "a level")),
    }
}

/// Read `{ "key": value }` fields of a table whose keys are `known`. As with
/// serde, a field given twice is an error; in maps (`rules`, `words`,
/// `per-file-ignores`) a later entry replaces an earlier one.
fn fields<'j>(
    v: &'j Json,
    what: &str,
    known: &[&str],
    mut set: impl FnMut(&str, &'j Json) -> Result<(), String>,
) -> Result<(), String> {
    let mut seen = vec![false; known.len()];
    for (k, v) in object(v, what)? {
        let Some(i) = known.iter().position(|x| x == k) else {
            return Err(unknown_field(k, known));
        };
        if std::mem::replace(&mut seen[i], true) {
            return Err(format!("duplicate field `{k}`"));
        }
        set(k, v)?;
    }
    Ok(())
}

/// A `{ "strict": bool }` table over `current`.
fn strict_of(v: &Json, current: bool) -> Result<bool, String> {
    let mut strict = current;
    fields(v, "struct StrictConfig", &["strict"], |_, v| {
        strict = bool_of(v)?;
        Ok(())
    })?;
    Ok(strict)
}

/// The configuration in `text`, or serde's message for what is wrong.
pub(crate) fn config_from_json(text: &str) -> Result<Config, String> {
    let root = parse(text)?;
    let mut c = Config::default();
    fields(&root, "struct Config", TOP_KEYS, |k, v| {
        match k {
            "select" => {
                c.select = match v {
                    Json::Null => None,
                    v => Some(strings(v)?),
                }
            }
            "extend-select" => c.extend_select = strings(v)?,
            "ignore" => c.ignore = strings(v)?,
            "rules" => {
                let mut rules = Table::default();
                for (name, level) in object(v, "a map")? {
                    rules.insert(name.clone(), level_of(level)?);
                }
                c.rules = rules;
            }
            "kr-count" => fields(v, "struct KrCountConfig", &["min", "max"], |k, v| {
                let n = usize_of(v)?;
                match k {
                    "min" => c.kr_count.min = n,
                    _ => c.kr_count.max = n,
                }
                Ok(())
            })?,
            "definition-of-done" => {
                c.definition_of_done.strict = strict_of(v, c.definition_of_done.strict)?
            }
            "parents" => c.parents.strict = strict_of(v, c.parents.strict)?,
            "overlap" => fields(v, "struct OverlapConfig", &["threshold"], |_, v| {
                c.overlap.threshold = f64_of(v)?;
                Ok(())
            })?,
            "words" => {
                let mut words = Table::default();
                for (name, list) in object(v, "a map")? {
                    let mut w = WordListConfig::default();
                    fields(
                        list,
                        "struct WordListConfig",
                        &["extend", "remove", "replace"],
                        |k, v| {
                            match k {
                                "extend" => w.extend = strings(v)?,
                                "remove" => w.remove = strings(v)?,
                                _ => {
                                    w.replace = match v {
                                        Json::Null => None,
                                        v => Some(strings(v)?),
                                    }
                                }
                            }
                            Ok(())
                        },
                    )?;
                    words.insert(name.clone(), w);
                }
                c.words = words;
            }
            _ => {
                let mut map = Table::default();
                for (pattern, rules) in object(v, "a map")? {
                    map.insert(pattern.clone(), strings(rules)?);
                }
                c.per_file_ignores = map;
            }
        }
        Ok(())
    })?;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values() {
        assert_eq!(
            parse(r#" {"a": [1, -2.5e1, "x\u00e9\ud83d\ude00\n", true, null, {}]} "#).unwrap(),
            Json::Object(vec![(
                "a".into(),
                Json::Array(vec![
                    Json::Number("1".into()),
                    Json::Number("-2.5e1".into()),
                    Json::String("xé😀\n".into()),
                    Json::Bool(true),
                    Json::Null,
                    Json::Object(vec![]),
                ])
            )])
        );
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "\"\\x\"",
            "{} x",
            "nul",
            "\"a",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().contains("too deep"));
    }

    #[test]
    fn numbers_without_the_float_parser() {
        for (text, want) in [
            ("0.7", 0.7),
            ("1", 1.0),
            ("0.65", 0.65),
            ("7e-1", 0.7),
            ("-0.5", -0.5),
        ] {
            assert_eq!(f64_of(&Json::Number(text.into())).unwrap(), want, "{text}");
        }
        assert!(f64_of(&Json::Number("1.2.3".into())).is_err());
        // Exponents at the ends of i32 saturate instead of overflowing.
        assert_eq!(f64_of(&Json::Number("1e-2147483648".into())).unwrap(), 0.0);
        assert!(f64_of(&Json::Number("1.5e2147483647".into()))
            .unwrap()
            .is_infinite());
        assert!(f64_of(&Json::Number("-".into())).is_err());
    }

    /// The same settings read from TOML and from JSON give the same Config,
    /// and the same mistakes give the same message.
    #[test]
    fn agrees_with_the_toml_reader() {
        let pairs = [
            ("", "{}"),
            (
                "select = [\"all\"]\nextend-select = [\"OKR001\"]\nignore = [\"hype-word\"]",
                r#"{"select": ["all"], "extend-select": ["OKR001"], "ignore": ["hype-word"]}"#,
            ),
            (
                "[rules]\nvague-verb = \"error\"\nOKR101 = \"off\"\n[kr-count]\nmin = 2\nmax = 7",
                r#"{"rules": {"vague-verb": "error", "OKR101": "off"}, "kr-count": {"min": 2, "max": 7}}"#,
            ),
            (
                "[definition-of-done]\nstrict = true\n[parents]\nstrict = true\n[overlap]\nthreshold = 0.55",
                r#"{"definition-of-done": {"strict": true}, "parents": {"strict": true}, "overlap": {"threshold": 0.55}}"#,
            ),
            (
                "[words.hype-words]\nextend = [\"snappy\"]\nremove = [\"world-class\"]\n[words.vague-words]\nreplace = [\"improve\"]\n[per-file-ignores]\n\"drafts/*\" = [\"kr-count\"]",
                r#"{"words": {"hype-words": {"extend": ["snappy"], "remove": ["world-class"]}, "vague-words": {"replace": ["improve"]}}, "per-file-ignores": {"drafts/*": ["kr-count"]}}"#,
            ),
        ];
        for (toml, json) in pairs {
            assert_eq!(
                Config::from_toml(toml).unwrap(),
                Config::from_json(json).unwrap(),
                "{json}"
            );
        }
        let mistakes = [
            ("slect = []", r#"{"slect": []}"#),
            ("[kr-count]\nmn = 2", r#"{"kr-count": {"mn": 2}}"#),
            (
                "[rules]\nvague-verb = \"of\"",
                r#"{"rules": {"vague-verb": "of"}}"#,
            ),
            (
                "[rules]\nvage-verb = \"off\"",
                r#"{"rules": {"vage-verb": "off"}}"#,
            ),
            (
                "[words.hype]\nextend = []",
                r#"{"words": {"hype": {"extend": []}}}"#,
            ),
            (
                "[overlap]\nthreshold = 3",
                r#"{"overlap": {"threshold": 3}}"#,
            ),
            ("[kr-count]\nmin = 6", r#"{"kr-count": {"min": 6}}"#),
        ];
        for (toml, json) in mistakes {
            let (t, j) = (
                Config::from_toml(toml).unwrap_err(),
                Config::from_json(json).unwrap_err(),
            );
            assert_eq!(
                (&t.message, &t.key, &t.suggestion),
                (&j.message, &j.key, &j.suggestion),
                "{json}"
            );
        }
        let e = Config::from_json(r#"{"kr-count": {"min": "three"}}"#).unwrap_err();
        assert_eq!(e.message, "invalid type: string \"three\", expected usize");
        // A struct field twice is an error; a map entry twice, the last wins.
        let e = Config::from_json(r#"{"kr-count": {"min": 2, "min": 3}}"#).unwrap_err();
        assert_eq!(e.message, "duplicate field `min`");
        let c = Config::from_json(r#"{"rules": {"vague-verb": "off", "vague-verb": "error"}}"#)
            .unwrap();
        assert_eq!(c.rules["vague-verb"], Level::Error);
        let e = Config::from_json("[\"select\"]").unwrap_err();
        assert_eq!(e.message, "invalid type: sequence, expected struct Config");
    }
}

#[cfg(test)]
mod unexpected_tests {
    use super::*;

    #[test]
    fn strings_are_quoted_like_debug() {
        for s in [
            "plain",
            "say \"hi\"",
            "back\\slash",
            "a\nb\tc\r",
            "nul\0bell\u{7}",
            "é ü 日本",
        ] {
            assert_eq!(unexpected(&Json::String(s.into())), format!("string {s:?}"));
        }
    }
}
