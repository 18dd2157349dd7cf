//! Configuration: the schema of `okr-lint.toml`.
//!
//! ```toml
//! select = ["all"]                 # rules to run (default: the default set)
//! extend-select = ["kr-missing-outcome"]
//! ignore = ["metric-in-objective"]
//!
//! [rules]                          # severity per rule name or code
//! vague-verb = "error"
//! OKR104 = "off"
//!
//! [kr-count]
//! min = 3
//! max = 5
//!
//! [definition-of-done]
//! strict = false                   # true: every KR needs a `Done:` list
//!
//! [parents]
//! strict = false                   # true: every `Parent:` must exist
//!
//! [overlap]
//! threshold = 0.7                  # word overlap at which KRs "say the same"
//!
//! [words.hype-words]
//! extend = ["synergize"]           # add entries
//! remove = ["epic"]                # drop default entries
//! # replace = [...]                # use exactly these entries
//! ```

use crate::diagnostic::Severity;
use crate::parser::did_you_mean;
use crate::rule::{find_rule, RuleMeta, RULES};
use crate::words::{Lexicons, WORD_LISTS};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A severity or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// The contents of `okr-lint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "okr-lint configuration",
    description = "The contents of okr-lint.toml, .okr-lint.toml, or [tool.okr-lint] in pyproject.toml."
)]
pub struct Config {
    /// Rules to run, by name or code; `all` selects every rule including the
    /// opt-in ones. Unset: the rules that are on by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to `select`.
    pub extend_select: Vec<String>,
    /// Rules not to run.
    pub ignore: Vec<String>,
    /// Severity per rule (name or code): `off`, `info`, `warning`, `error`.
    /// Setting a severity turns an opt-in rule on.
    pub rules: Table<Level>,
    pub kr_count: KrCountConfig,
    pub definition_of_done: StrictConfig,
    pub parents: StrictConfig,
    pub overlap: OverlapConfig,
    /// Word lists by name; see the word list reference.
    pub words: Table<WordListConfig>,
    /// Rules to ignore in files matching a glob, e.g. `{ "drafts/*" = ["kr-count"] }`.
    /// Patterns are matched against the path as given and against each of its
    /// trailing parts (`drafts/*` matches `okrs/drafts/a.okr.md`); `*` does
    /// not cross `/`, `**` does.
    pub per_file_ignores: Table<Vec<String>>,
}

/// Settings by name (`[rules]`, `[words]`, `[per-file-ignores]`): kept
/// sorted by name, and a later entry for a name replaces an earlier one. A
/// sorted list rather than a `BTreeMap`: these tables hold a handful of
/// entries, and each `BTreeMap` type costs ~3 KB of code in the WASM package.
/// Serialized, deserialized and described in the JSON Schema as a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<V>(Vec<(String, V)>);

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table(Vec::new())
    }
}

impl<V> Table<V> {
    /// Where `name` is (`Ok`) or would go (`Err`).
    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    /// Set `name` to `value`, replacing what it had.
    pub fn insert(&mut self, name: String, value: V) {
        match self.find(&name) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    pub fn get(&self, name: &str) -> Option<&V> {
        Some(&self.0[self.find(name).ok()?].1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// `(name, value)` pairs, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> std::ops::Index<&str> for Table<V> {
    type Output = V;

    /// The value of `name`; panics if it has none, as `BTreeMap` does.
    fn index(&self, name: &str) -> &V {
        self.get(name).expect("no entry with that name")
    }
}

impl<V> FromIterator<(String, V)> for Table<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut t = Table::default();
        for (k, v) in iter {
            t.insert(k, v);
        }
        t
    }
}

impl<'a, V> IntoIterator for &'a Table<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V: Serialize> Serialize for Table<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Table<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = Table<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Table<V>, A::Error> {
                let mut t = Table::default();
                while let Some((k, v)) = map.next_entry()? {
                    t.insert(k, v);
                }
                Ok(t)
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

impl<V: JsonSchema> JsonSchema for Table<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_name()
    }

    fn inline_schema() -> bool {
        <std::collections::BTreeMap<String, V>>::inline_schema()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(g)
    }
}

/// Bounds for `kr-count`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct KrCountConfig {
    pub min: usize,
    pub max: usize,
}

impl Default for KrCountConfig {
    fn default() -> Self {
        KrCountConfig { min: 3, max: 5 }
    }
}

/// A strict-mode switch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StrictConfig {
    pub strict: bool,
}

/// Tuning for `overlapping-krs`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OverlapConfig {
    /// Share of distinct content words two KRs must have in common (0-1).
    pub threshold: f64,
}

impl Default for OverlapConfig {
    fn default() -> Self {
        OverlapConfig { threshold: 0.7 }
    }
}

/// Changes to one word list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct WordListConfig {
    /// Entries added to the defaults.
    pub extend: Vec<String>,
    /// Default entries dropped.
    pub remove: Vec<String>,
    /// Entries that replace the defaults entirely.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replace: Option<Vec<String>>,
}

/// A configuration that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    pub message: String,
    /// The offending key or value, when known.
    pub key: Option<String>,
    /// A did-you-mean suggestion.
    pub suggestion: Option<String>,
    /// Byte range in the TOML text, when parsed from text.
    pub span: Option<(usize, usize)>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn new(message: impl Into<String>, key: Option<&str>, suggestion: Option<&str>) -> Self {
        ConfigError {
            message: message.into(),
            key: key.map(str::to_string),
            suggestion: suggestion.map(str::to_string),
            span: None,
        }
    }
}

/// Every key the config accepts, by table, for did-you-mean. The top-level
/// keys are in the order of `Config`'s fields, as serde lists them.
pub(crate) const TOP_KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "rules",
    "kr-count",
    "definition-of-done",
    "parents",
    "overlap",
    "words",
    "per-file-ignores",
];
const NESTED_KEYS: &[&str] = &[
    "min",
    "max",
    "strict",
    "threshold",
    "extend",
    "remove",
    "replace",
];

impl Config {
    /// Parse TOML text. Unknown keys, rules and word lists are errors with a
    /// did-you-mean.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            let (key, suggestion) = unknown_field(&msg);
            // Point at the offending key itself when it can be found inside
            // the reported range (toml reports the enclosing table).
            let span = e.span().map(|r| {
                let within = text.get(r.start..r.end.max(r.start)).unwrap_or("");
                key.as_deref()
                    .and_then(|k| within.find(k).map(|i| (r.start + i, r.start + i + k.len())))
                    .unwrap_or((r.start, r.end))
            });
            ConfigError {
                message: msg
                    .lines()
                    .next()
                    .unwrap_or("invalid configuration")
                    .to_string(),
                key: key.clone(),
                suggestion,
                span,
            }
        })?;
        config.validate().map_err(|mut e| {
            // Point at the first mention of the offending name.
            if e.span.is_none() {
                e.span = e
                    .key
                    .as_deref()
                    .and_then(|k| text.find(k).map(|i| (i, i + k.len())));
            }
            e
        })?;
        Ok(config)
    }

    /// Parse the same keys from JSON (what bindings get from a Python dict or
    /// a JavaScript object). Errors are those of [`Config::from_toml`].
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        let config = crate::config_json::config_from_json(text).map_err(|msg| {
            let (key, suggestion) = unknown_field(&msg);
            ConfigError {
                message: msg,
                key,
                suggestion,
                span: None,
            }
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Parse the `[tool.okr-lint]` table of a `pyproject.toml`, if present.
    pub fn from_pyproject(text: &str) -> Result<Option<Config>, ConfigError> {
        let value: toml::Table = toml::from_str(text)
            .map_err(|e| ConfigError::new(e.message().to_string(), None, None))?;
        let Some(table) = value.get("tool").and_then(|t| t.get("okr-lint")) else {
            return Ok(None);
        };
        let text =
            toml::to_string(table).map_err(|e| ConfigError::new(e.to_string(), None, None))?;
        Config::from_toml(&text).map(Some)
    }

    /// Check rule names, word list names and bounds.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let rule_names = || RULES.iter().flat_map(|r| [r.meta().name, r.meta().code]);
        let check_rule = |name: &str, key: &str| -> Result<(), ConfigError> {
            if name.eq_ignore_ascii_case("all") || find_rule(name).is_some() {
                return Ok(());
            }
            Err(ConfigError::new(
                format!("unknown rule `{name}` in `{key}`"),
                Some(name),
                did_you_mean(name, rule_names()),
            ))
        };
        for name in self.select.iter().flatten() {
            check_rule(name, "select")?;
        }
        for name in &self.extend_select {
            check_rule(name, "extend-select")?;
        }
        for name in &self.ignore {
            check_rule(name, "ignore")?;
        }
        for name in self.rules.keys() {
            if name.eq_ignore_ascii_case("all") {
                return Err(ConfigError::new(
                    "`all` cannot be given a severity in `[rules]`; name each rule",
                    Some("all"),
                    None,
                ));
            }
            check_rule(name, "rules")?;
        }
        for (pattern, rules) in &self.per_file_ignores {
            crate::glob::Glob::new(pattern).map_err(|e| {
                ConfigError::new(
                    format!("invalid pattern `{pattern}` in `per-file-ignores`: {e}"),
                    Some(pattern),
                    None,
                )
            })?;
            for name in rules {
                check_rule(name, "per-file-ignores")?;
            }
        }
        for name in self.words.keys() {
            if !WORD_LISTS.iter().any(|w| w.name == name) {
                return Err(ConfigError::new(
                    format!("unknown word list `{name}` in `[words]`"),
                    Some(name),
                    did_you_mean(name, WORD_LISTS.iter().map(|w| w.name)),
                ));
            }
        }
        if self.kr_count.min > self.kr_count.max {
            return Err(ConfigError::new(
                format!(
                    "`kr-count.min` ({}) is larger than `kr-count.max` ({})",
                    self.kr_count.min, self.kr_count.max
                ),
                Some("kr-count"),
                None,
            ));
        }
        if !(0.0..=1.0).contains(&self.overlap.threshold) || self.overlap.threshold.is_nan() {
            return Err(ConfigError::new(
                "`overlap.threshold` must be between 0 and 1",
                Some("overlap.threshold"),
                None,
            ));
        }
        Ok(())
    }

    /// The compiled word lists this config describes.
    pub fn lexicons(&self) -> Lexicons {
        if self.words.is_empty() {
            return crate::words::default_lexicons().clone();
        }
        Lexicons::build(|spec| {
            let Some(c) = self.words.get(spec.name) else {
                return spec.defaults.iter().map(|s| s.to_string()).collect();
            };
            let base: Vec<String> = match &c.replace {
                Some(r) => r.clone(),
                None => spec.defaults.iter().map(|s| s.to_string()).collect(),
            };
            base.into_iter()
                .filter(|e| !c.remove.iter().any(|r| r.eq_ignore_ascii_case(e)))
                .chain(c.extend.iter().cloned())
                .collect()
        })
    }

    /// The severity each rule runs at (`None`: not run), in registry order.
    pub fn severities(&self) -> Vec<Option<Severity>> {
        let matches = |list: &[String], meta: &RuleMeta| {
            list.iter().any(|n| {
                n.eq_ignore_ascii_case("all") || n == meta.name || n.eq_ignore_ascii_case(meta.code)
            })
        };
        RULES
            .iter()
            .map(|r| {
                let meta = r.meta();
                let mut on = match &self.select {
                    Some(list) => matches(list, meta),
                    None => meta.enabled_by_default,
                };
                on |= matches(&self.extend_select, meta);
                let mut severity = meta.default_severity;
                if let Some(level) = self
                    .rules
                    .iter()
                    .find(|(k, _)| *k == meta.name || k.eq_ignore_ascii_case(meta.code))
                    .map(|(_, v)| *v)
                {
                    match level.severity() {
                        Some(s) => {
                            severity = s;
                            on = true;
                        }
                        None => on = false,
                    }
                }
                if matches(&self.ignore, meta) {
                    on = false;
                }
                on.then_some(severity)
            })
            .collect()
    }
}

/// The JSON Schema of [`Config`], for editors (`okr-lint.schema.json`).
/// Rule names, codes and word-list names are listed so that editors can
/// complete them and show each rule's summary.
pub fn json_schema() -> String {
    use serde_json::{json, Map, Value};
    let mut schema = serde_json::to_value(schemars::schema_for!(Config)).unwrap_or(Value::Null);
    let mut rule_props = Map::new();
    let mut rule_ids = Vec::new();
    for r in RULES {
        let m = r.meta();
        let desc = format!(
            "{} ({}, default: {})",
            m.summary(),
            m.code,
            if m.enabled_by_default {
                m.default_severity.as_str()
            } else {
                "off"
            }
        );
        for id in [m.name, m.code] {
            rule_props.insert(
                id.to_string(),
                json!({ "description": desc, "$ref": "#/$defs/Level" }),
            );
            rule_ids.push(Value::from(id));
        }
    }
    let mut selectable = rule_ids.clone();
    selectable.push(Value::from("all"));
    let words: Map<String, Value> = WORD_LISTS
        .iter()
        .map(|w| {
            (
                w.name.to_string(),
                json!({ "description": w.description, "$ref": "#/$defs/WordListConfig" }),
            )
        })
        .collect();
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        if let Some(rules) = props.get_mut("rules").and_then(Value::as_object_mut) {
            rules.insert("properties".into(), Value::Object(rule_props));
            rules.insert("additionalProperties".into(), Value::Bool(false));
        }
        if let Some(w) = props.get_mut("words").and_then(Value::as_object_mut) {
            w.insert("properties".into(), Value::Object(words));
            w.insert("additionalProperties".into(), Value::Bool(false));
        }
        for key in ["select", "extend-select", "ignore"] {
            if let Some(list) = props.get_mut(key).and_then(Value::as_object_mut) {
                list.insert(
                    "items".into(),
                    json!({ "type": "string", "enum": selectable }),
                );
            }
        }
        if let Some(pfi) = props
            .get_mut("per-file-ignores")
            .and_then(Value::as_object_mut)
        {
            pfi.insert(
                "additionalProperties".into(),
                json!({ "type": "array", "items": { "type": "string", "enum": selectable } }),
            );
        }
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// A commented `okr-lint.toml` listing every option with its default.
pub fn starter_toml() -> String {
    let d = Config::default();
    let mut out = String::new();
    out.push_str("#:schema https://raw.githubusercontent.com/okr-lint/okr-lint/main/docs/okr-lint.schema.json\n");
    out.push_str("# okr-lint configuration. Every option is shown with its default value.\n");
    out.push_str(
        "# Rules are named by name (vague-verb) or code (OKR201); `okr-lint rules` lists them.\n\n",
    );
    out.push_str(
        "# Rules to run. Unset: the rules that are on by default. [\"all\"] runs every rule.\n",
    );
    out.push_str("# select = [\"all\"]\n\n");
    out.push_str(
        "# Rules to run in addition, e.g. the opt-in kr-missing-outcome.\nextend-select = []\n\n",
    );
    out.push_str("# Rules not to run.\nignore = []\n\n");
    out.push_str("# Rules to ignore in files matching a glob.\n[per-file-ignores]\n# \"drafts/*\" = [\"kr-count\"]\n\n");
    out.push_str(
        "# Severity per rule: \"off\", \"info\", \"warning\" or \"error\". Defaults:\n[rules]\n",
    );
    for r in RULES {
        let m = r.meta();
        out.push_str(&format!(
            "# {} = \"{}\"  # {}\n",
            m.name,
            m.default_level(),
            m.code
        ));
    }
    out.push_str(&format!(
        "\n# Bounds for kr-count.\n[kr-count]\nmin = {}\nmax = {}\n",
        d.kr_count.min, d.kr_count.max
    ));
    out.push_str(&format!("\n# true: every KR needs a Done: list (missing-definition-of-done).\n[definition-of-done]\nstrict = {}\n", d.definition_of_done.strict));
    out.push_str(&format!("\n# true: every Parent: must exist in the checked files (unknown-parent).\n[parents]\nstrict = {}\n", d.parents.strict));
    out.push_str(&format!("\n# Share of content words two KRs of different teams must have in common (overlapping-krs).\n[overlap]\nthreshold = {}\n", d.overlap.threshold));
    out.push_str(
        "\n# Word lists: extend, remove, or replace the defaults (see docs/word-lists.md).\n",
    );
    for w in WORD_LISTS {
        out.push_str(&format!(
            "# [words.{}]\n# extend = []\n# remove = []\n# replace = [...]\n",
            w.name
        ));
    }
    out
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" message, the key
/// and a did-you-mean among the expected keys.
fn unknown_field(msg: &str) -> (Option<String>, Option<String>) {
    let Some(rest) = msg.strip_prefix("unknown field `") else {
        if let Some(rest) = msg.strip_prefix("unknown variant `") {
            let key = rest.split('`').next().unwrap_or("").to_string();
            let s = did_you_mean(&key, ["off", "info", "warning", "error"]).map(str::to_string);
            return (Some(key), s);
        }
        return (None, None);
    };
    let key = rest.split('`').next().unwrap_or("").to_string();
    let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
    let candidates: Vec<&str> = if expected.is_empty() {
        TOP_KEYS.iter().chain(NESTED_KEYS).copied().collect()
    } else {
        expected
    };
    let s = did_you_mean(&key, candidates).map(str::to_string);
    (Some(key), s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_stay_sorted_and_last_entry_wins() {
        let mut t: Table<u8> = [("b".into(), 1), ("a".into(), 2), ("c".into(), 3)]
            .into_iter()
            .collect();
        t.insert("b".into(), 9);
        let pairs: Vec<(&String, &u8)> = t.iter().collect();
        assert_eq!(format!("{pairs:?}"), r#"[("a", 2), ("b", 9), ("c", 3)]"#);
        assert_eq!(
            (t.get("b"), t.get("z"), t["c"], t.len()),
            (Some(&9), None, 3, 3)
        );
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"a":2,"b":9,"c":3}"#);
        let c = Config::from_toml("[rules]\nvague-verb = \"error\"\nOKR101 = \"off\"").unwrap();
        assert_eq!(c.rules.keys().collect::<Vec<_>>(), ["OKR101", "vague-verb"]);
        assert!(Config::from_toml("rules = 3")
            .unwrap_err()
            .message
            .contains("expected a map"));
    }

    #[test]
    fn unknown_keys_suggest() {
        let e = Config::from_toml("slect = [\"all\"]").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("slect"));
        assert_eq!(e.suggestion.as_deref(), Some("select"));
        let e = Config::from_toml("[kr-count]\nmax = 5\nmn = 2").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("min"));
        let e = Config::from_toml("[rules]\nvage-verb = \"off\"").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("vague-verb"));
        let e = Config::from_toml("[rules]\nvague-verb = \"of\"").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("off"));
        let e = Config::from_toml("[words.hype]\nextend = [\"x\"]").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("hype-words"));
    }

    #[test]
    fn json_config_has_the_same_errors() {
        let e = Config::from_json(r#"{"slect": ["all"]}"#).unwrap_err();
        assert_eq!(
            (e.key.as_deref(), e.suggestion.as_deref()),
            (Some("slect"), Some("select"))
        );
        let c = Config::from_json(r#"{"rules": {"vague-verb": "error"}, "kr-count": {"min": 2}}"#)
            .unwrap();
        assert_eq!((c.kr_count.min, c.kr_count.max), (2, 5));
    }

    #[test]
    fn starter_config_is_the_default() {
        let c = Config::from_toml(&starter_toml()).unwrap();
        assert_eq!(c, Config::default());
        assert!(starter_toml().contains("# vague-verb = \"warning\"  # OKR201"));
    }

    #[test]
    fn per_file_ignores_are_validated() {
        let e = Config::from_toml("[per-file-ignores]\n\"drafts/*\" = [\"kr-cont\"]").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("kr-count"));
        assert!(Config::from_toml("[per-file-ignores]\n\"a/[\" = []").is_err());
    }

    #[test]
    fn severities_follow_select_and_rules() {
        let c = Config::from_toml(
            "[rules]\nOKR201 = \"error\"\nhype-word = \"off\"\nkr-missing-outcome = \"info\"",
        )
        .unwrap();
        let sev = c.severities();
        let at = |name: &str| RULES.iter().position(|r| r.meta().name == name).unwrap();
        assert_eq!(sev[at("vague-verb")], Some(Severity::Error));
        assert_eq!(sev[at("hype-word")], None);
        assert_eq!(sev[at("kr-missing-outcome")], Some(Severity::Info));
        let all = Config::from_toml("select = [\"all\"]\nignore = [\"OKR001\"]")
            .unwrap()
            .severities();
        assert_eq!(all.iter().filter(|s| s.is_none()).count(), 1);
    }
}
