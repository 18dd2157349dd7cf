//! The core's diagnostics and tree as JavaScript-shaped JSON text: camelCase
//! keys and UTF-16 positions. Written straight into a string (no
//! intermediate `serde_json::Value`): an editor calls this on every
//! keystroke, and building a value tree first was most of the time.

use crate::positions::Utf16Map;
use okr_lint_core::ast::{
    Commitment, DefinitionOfDone, Document, Field, KeyResult, KrKind, Metadata, Note, NoteKind,
    Objective, Quarter, QuarterRange, Section, Suppression, SuppressionKind,
};
use okr_lint_core::rule::Rule;
use okr_lint_core::{Applicability, Diagnostic, Span};
use std::fmt::Write;

/// A JSON text under construction.
pub struct Json<'m> {
    out: String,
    /// Converts positions of the file being written.
    map: &'m Utf16Map,
}

impl<'m> Json<'m> {
    pub fn new(map: &'m Utf16Map) -> Self {
        Json {
            out: String::with_capacity(4096),
            map,
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn num(&mut self, n: usize) {
        let _ = write!(self.out, "{n}");
    }

    /// A string, escaped as JSON.
    fn str(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if esc.is_empty() {
                let _ = write!(self.out, "\\u{b:04x}");
            } else {
                self.out.push_str(esc);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }

    /// A leaf value (enums, quarters): no spans inside.
    fn leaf<T: Leaf>(&mut self, v: &T) {
        v.write(self);
    }

    /// `{"k":v,...}`: `f` writes the members with [`Json::key`].
    fn obj(&mut self, f: impl FnOnce(&mut Obj<'_, 'm>)) {
        self.out.push('{');
        let mut o = Obj {
            json: self,
            first: true,
        };
        f(&mut o);
        self.out.push('}');
    }

    fn arr<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            f(self, item);
        }
        self.out.push(']');
    }

    fn opt<T>(&mut self, v: Option<&T>, f: impl FnOnce(&mut Self, &T)) {
        match v {
            Some(v) => f(self, v),
            None => self.out.push_str("null"),
        }
    }

    /// The position fields of a span, without braces.
    fn position_members(&mut self, o_first: bool, span: &Span) {
        let map = self.map;
        let (line, column) = map.line_column(span.start);
        let (end_line, end_column) = map.line_column(span.end);
        let _ = write!(
            self.out,
            "{}\"start\":{},\"end\":{},\"line\":{line},\"column\":{column},\"endLine\":{end_line},\"endColumn\":{end_column}",
            if o_first { "" } else { "," },
            map.offset(span.start),
            map.offset(span.end),
        );
    }

    pub fn span(&mut self, span: &Span) {
        self.out.push('{');
        self.position_members(true, span);
        self.out.push('}');
    }

    fn field_str(&mut self, f: &Field<String>) {
        self.obj(|o| {
            o.key("value").str(&f.value);
            o.key("span").span(&f.span);
        });
    }

    fn field_leaf<T: Leaf>(&mut self, f: &Field<T>) {
        self.obj(|o| {
            o.key("value").leaf(&f.value);
            o.key("span").span(&f.span);
        });
    }

    fn metadata(&mut self, list: &[Metadata]) {
        self.arr(list, |j, m| {
            j.obj(|o| {
                o.key("key").field_str(&m.key);
                o.key("value").field_str(&m.value);
                o.key("span").span(&m.span);
            })
        });
    }

    fn notes(&mut self, list: &[Note]) {
        self.arr(list, |j, n| {
            j.obj(|o| {
                o.key("kind").leaf(&n.kind);
                o.key("span").span(&n.span);
            })
        });
    }

    fn fields(&mut self, list: &[Field<String>]) {
        self.arr(list, |j, f| j.field_str(f));
    }

    fn indices(&mut self, list: &[usize]) {
        self.arr(list, |j, i| j.num(*i));
    }

    fn opt_index(&mut self, i: Option<usize>) {
        self.opt(i.as_ref(), |j, i| j.num(*i));
    }

    /// One diagnostic. `map_of` finds the map of another file that a label
    /// points into (workspace rules).
    pub fn diagnostic(&mut self, d: &Diagnostic, map_of: &dyn Fn(&str) -> Option<&'m Utf16Map>) {
        self.obj(|o| {
            o.key("path").str(&d.path);
            o.key("code").str(d.code);
            o.key("rule").str(d.rule);
            o.key("severity").str(d.severity.as_str());
            o.key("message").str(&d.message);
            o.key("help").opt(d.help.as_ref(), |j, h| j.str(h));
            o.json.position_members(false, &d.span);
            o.key("labels").raw("[");
            let mut first = true;
            for l in &d.labels {
                let path = l.path.as_deref().unwrap_or(&d.path);
                let Some(map) = (if path == &*d.path {
                    Some(o.json.map)
                } else {
                    map_of(path)
                }) else {
                    continue;
                };
                if !first {
                    o.json.raw(",");
                }
                first = false;
                let mine = o.json.map;
                o.json.map = map;
                o.json.obj(|lo| {
                    lo.key("path").str(path);
                    lo.key("message").str(&l.message);
                    lo.json.position_members(false, &l.span);
                });
                o.json.map = mine;
            }
            o.json.raw("]");
            o.key("fix").opt(d.fix.as_ref(), |j, f| {
                j.obj(|fo| {
                    fo.key("message").str(&f.message);
                    fo.key("applicability").leaf(&f.applicability);
                    fo.key("edits").arr(&f.edits, |j, e| {
                        let (start, end) = (j.map.offset(e.span.start), j.map.offset(e.span.end));
                        j.obj(|eo| {
                            eo.key("start").num(start);
                            eo.key("end").num(end);
                            eo.key("text").str(&e.replacement);
                        })
                    });
                })
            });
        });
    }

    /// An array of diagnostics, each converted with its own file's map
    /// (`map_of`; the writer's map when it returns `None`).
    pub fn diagnostics(
        &mut self,
        diagnostics: &[Diagnostic],
        map_of: &dyn Fn(&str) -> Option<&'m Utf16Map>,
    ) {
        let own = self.map;
        self.out.push('[');
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.map = map_of(&d.path).unwrap_or(own);
            self.diagnostic(d, map_of);
        }
        self.map = own;
        self.out.push(']');
    }

    /// Every rule with its documentation, as `rules()` returns it.
    pub fn rules(&mut self, rules: &[&'static dyn Rule]) {
        self.arr(rules, |j, r| {
            let m = r.meta();
            j.obj(|o| {
                o.key("code").str(m.code);
                o.key("name").str(m.name);
                o.key("defaultSeverity").str(m.default_level());
                o.key("fixable")
                    .raw(if m.fixable { "true" } else { "false" });
                o.key("summary").str(&m.summary());
                o.key("documentation").str(&m.documentation());
            })
        });
    }

    /// `{"document": ..., "errors": [...]}`.
    pub fn parse_result(&mut self, doc: &Document, errors: &[Diagnostic]) {
        self.obj(|o| {
            o.key("document").document(doc);
            o.key("errors").diagnostics(errors, &|_| None);
        });
    }

    pub fn document(&mut self, doc: &Document) {
        self.obj(|o| {
            o.key("metadata").metadata(&doc.metadata);
            o.key("notes").notes(&doc.notes);
            o.key("sections").arr(&doc.sections, |j, s| j.section(s));
            o.key("objectives")
                .arr(&doc.objectives, |j, ob| j.objective(ob));
            o.key("suppressions")
                .arr(&doc.suppressions, |j, s| j.suppression(s));
        });
    }

    fn section(&mut self, s: &Section) {
        self.obj(|o| {
            o.key("level").num(s.level.into());
            o.key("title").field_str(&s.title);
            o.key("span").span(&s.span);
            o.key("parent").opt_index(s.parent);
            o.key("children").indices(&s.children);
            o.key("objectives").indices(&s.objectives);
            o.key("metadata").metadata(&s.metadata);
            o.key("notes").notes(&s.notes);
        });
    }

    fn objective(&mut self, ob: &Objective) {
        self.obj(|o| {
            o.key("id").opt(ob.id.as_ref(), Json::field_str);
            o.key("statement").field_str(&ob.statement);
            o.key("phase").opt(ob.phase.as_ref(), Json::field_str);
            o.key("span").span(&ob.span);
            o.key("extent").span(&ob.extent);
            o.key("headExtent").span(&ob.head_extent);
            o.key("level").num(ob.level.into());
            o.key("section").opt_index(ob.section);
            o.key("metadata").metadata(&ob.metadata);
            o.key("team").opt(ob.team.as_ref(), Json::field_str);
            o.key("quarter").opt(ob.quarter.as_ref(), Json::field_leaf);
            o.key("spans").opt(ob.spans.as_ref(), Json::field_leaf);
            o.key("parent").opt(ob.parent.as_ref(), Json::field_str);
            o.key("owner").opt(ob.owner.as_ref(), Json::field_str);
            o.key("notes").notes(&ob.notes);
            o.key("keyResults")
                .arr(&ob.key_results, |j, k| j.key_result(k));
        });
    }

    fn key_result(&mut self, k: &KeyResult) {
        self.obj(|o| {
            o.key("id").opt(k.id.as_ref(), Json::field_str);
            o.key("number").opt(k.number.as_ref(), Json::field_str);
            o.key("commitment").leaf(&k.commitment);
            o.key("commitmentSpan")
                .opt(k.commitment_span.as_ref(), Json::span);
            o.key("statement").field_str(&k.statement);
            o.key("span").span(&k.span);
            o.key("extent").span(&k.extent);
            o.key("metadata").metadata(&k.metadata);
            o.key("blocks").fields(&k.blocks);
            o.key("blocksSpan").opt(k.blocks_span.as_ref(), Json::span);
            o.key("owner").opt(k.owner.as_ref(), Json::field_str);
            o.key("due").opt(k.due.as_ref(), Json::field_str);
            o.key("declaredKind")
                .opt(k.declared_kind.as_ref(), Json::field_leaf);
            o.key("done").opt(k.done.as_ref(), Json::done);
            o.key("kind").leaf(&k.kind);
            o.key("kindEvidence").obj(|e| {
                e.key("reason").str(k.kind_evidence.reason);
                e.key("spans").fields(&k.kind_evidence.spans);
            });
            o.key("notes").notes(&k.notes);
        });
    }

    fn done(&mut self, d: &DefinitionOfDone) {
        self.obj(|o| {
            o.key("span").span(&d.span);
            o.key("criteria").fields(&d.criteria);
        });
    }

    fn suppression(&mut self, s: &Suppression) {
        self.obj(|o| {
            o.key("kind").leaf(&s.kind);
            o.key("rules").fields(&s.rules);
            o.key("span").span(&s.span);
            o.key("target").opt(s.target.as_ref(), Json::span);
        });
    }
}

/// The members of an object being written.
pub struct Obj<'a, 'm> {
    json: &'a mut Json<'m>,
    first: bool,
}

impl<'m> Obj<'_, 'm> {
    /// Start member `k`; the caller writes its value on the returned writer.
    fn key(&mut self, k: &str) -> &mut Json<'m> {
        if !self.first {
            self.json.out.push(',');
        }
        self.first = false;
        self.json.str(k);
        self.json.out.push(':');
        self.json
    }
}

/// A value written the way the core's serde derive writes it. Written by
/// hand because `serde_json::to_string` for each of these types cost about
/// 2 KB of WASM; a test compares every variant with serde's output.
trait Leaf {
    fn write(&self, j: &mut Json<'_>);
}

fn quoted(j: &mut Json<'_>, s: &str) {
    j.out.push('"');
    j.out.push_str(s);
    j.out.push('"');
}

impl Leaf for NoteKind {
    fn write(&self, j: &mut Json<'_>) {
        quoted(
            j,
            match self {
                NoteKind::Prose => "prose",
                NoteKind::ListItem => "list-item",
                NoteKind::Code => "code",
                NoteKind::Html => "html",
                NoteKind::Comment => "comment",
                NoteKind::Quote => "quote",
                NoteKind::Metadata => "metadata",
            },
        )
    }
}

impl Leaf for SuppressionKind {
    fn write(&self, j: &mut Json<'_>) {
        quoted(
            j,
            match self {
                SuppressionKind::DisableFile => "disable-file",
                SuppressionKind::Disable => "disable",
                SuppressionKind::Enable => "enable",
                SuppressionKind::DisableNext => "disable-next",
            },
        )
    }
}

impl Leaf for Applicability {
    fn write(&self, j: &mut Json<'_>) {
        quoted(
            j,
            match self {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
        )
    }
}

impl Leaf for Commitment {
    fn write(&self, j: &mut Json<'_>) {
        quoted(
            j,
            match self {
                Commitment::Committed => "committed",
                Commitment::Stretch => "stretch",
                Commitment::Unlabeled => "unlabeled",
            },
        )
    }
}

impl Leaf for KrKind {
    fn write(&self, j: &mut Json<'_>) {
        quoted(j, self.as_str())
    }
}

impl Leaf for Quarter {
    fn write(&self, j: &mut Json<'_>) {
        j.obj(|o| {
            o.key("year").num(self.year as usize);
            o.key("quarter").num(self.quarter as usize);
        })
    }
}

impl Leaf for QuarterRange {
    fn write(&self, j: &mut Json<'_>) {
        j.obj(|o| {
            o.key("from").leaf(&self.from);
            o.key("to").leaf(&self.to);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, Value};

    fn leaf_json<T: Leaf>(v: &T) -> String {
        let map = Utf16Map::new("");
        let mut j = Json::new(&map);
        j.leaf(v);
        j.finish()
    }

    #[test]
    fn leaves_match_serde() {
        fn same<T: Leaf + serde::Serialize>(items: &[T]) {
            for v in items {
                assert_eq!(leaf_json(v), serde_json::to_string(v).unwrap());
            }
        }
        use NoteKind as N;
        same(&[
            N::Prose,
            N::ListItem,
            N::Code,
            N::Html,
            N::Comment,
            N::Quote,
            N::Metadata,
        ]);
        use SuppressionKind as S;
        same(&[S::DisableFile, S::Disable, S::Enable, S::DisableNext]);
        same(&[Applicability::Safe, Applicability::Unsafe]);
        same(&[
            Commitment::Committed,
            Commitment::Stretch,
            Commitment::Unlabeled,
        ]);
        same(&KrKind::ALL);
        let q = Quarter {
            year: 2026,
            quarter: 3,
        };
        same(&[q]);
        same(&[QuarterRange {
            from: q,
            to: Quarter {
                year: 2027,
                quarter: 1,
            },
        }]);
    }

    /// The oracle: the core's own serde output with spans converted and
    /// keys camelCased generically. The hand-written writer must give the
    /// same tree, so a field added to the AST cannot be forgotten here.
    fn generic(value: Value, map: &Utf16Map) -> Value {
        const SPAN_KEYS: [&str; 6] = ["start", "end", "line", "column", "end_line", "end_column"];
        match value {
            Value::Object(obj) => {
                if obj.len() == 6 && SPAN_KEYS.iter().all(|k| obj.contains_key(*k)) {
                    let byte = |k: &str| obj[k].as_u64().unwrap() as usize;
                    let span = Span {
                        start: byte("start"),
                        end: byte("end"),
                        ..Span::default()
                    };
                    let mut j = Json::new(map);
                    j.span(&span);
                    return serde_json::from_str(&j.finish()).unwrap();
                }
                Value::Object(
                    obj.into_iter()
                        .map(|(k, v)| (camel_case(&k), generic(v, map)))
                        .collect::<Map<_, _>>(),
                )
            }
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|v| generic(v, map)).collect())
            }
            other => other,
        }
    }

    fn camel_case(key: &str) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in key.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.push(c.to_ascii_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    const SAMPLES: [&str; 3] = [
        include_str!("../../tests/fixtures/every-rule.okr.md"),
        include_str!("../../tests/fixtures/shared-doc.okr.md"),
        "Team: Core\n<!-- okr-lint-disable-next hype-word -->\n## Objective 😀 X-1: A \"quoted\"\tworld-class\u{1} thing (Phase one)\nSpans: Q1 2026 - Q3 2026\nParent: CO-1\n\n- KR X-1.1 (stretch): Reduce 中文 churn from 5% to 3%\n  Kind: impact\n  Blocks: A, B\n  Done:\n  - a\n",
    ];

    #[test]
    fn the_tree_matches_the_core_serde_output() {
        for text in SAMPLES {
            let parsed = okr_lint_core::parse(text);
            let map = Utf16Map::new(text);
            let mut j = Json::new(&map);
            j.document(&parsed.document);
            let got: Value = serde_json::from_str(&j.finish()).unwrap();
            let want = generic(serde_json::to_value(&parsed.document).unwrap(), &map);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn diagnostics_carry_every_field() {
        let text =
            "## Objective: 😀 A world-class\u{1} \"thing\"\n\n- KR1 (comitted): Improve it\n";
        let map = Utf16Map::new(text);
        let diags = okr_lint_core::lint(text, "a.okr.md", &Default::default()).unwrap();
        let mut j = Json::new(&map);
        j.diagnostics(&diags, &|_| None);
        let got: Value = serde_json::from_str(&j.finish()).unwrap();
        let hype = got
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "hype-word")
            .unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let (s, e) = (
            hype["start"].as_u64().unwrap() as usize,
            hype["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(String::from_utf16(&units[s..e]).unwrap(), "world-class");
        for key in [
            "path",
            "code",
            "rule",
            "severity",
            "message",
            "help",
            "line",
            "column",
            "endLine",
            "endColumn",
            "labels",
            "fix",
        ] {
            assert!(hype.get(key).is_some(), "{key}");
        }
        let fix = got
            .as_array()
            .unwrap()
            .iter()
            .find_map(|d| d["fix"].as_object())
            .unwrap();
        assert_eq!(fix["applicability"], "safe");
        assert!(fix["edits"][0]["text"].is_string());
    }

    #[test]
    fn strings_are_escaped() {
        let map = Utf16Map::new("");
        let mut j = Json::new(&map);
        j.str("a\"b\\c\nd\u{1}e\u{1f}é😀");
        let s = j.finish();
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "a\"b\\c\nd\u{1}e\u{1f}é😀");
    }
}
