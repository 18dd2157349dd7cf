//! The core's diagnostics and tree as JavaScript-shaped JSON: camelCase
//! keys and UTF-16 positions.

use crate::positions::Utf16Map;
use okr_lint_core::ast::Document;
use okr_lint_core::{Diagnostic, Span};
use serde_json::{json, Map, Value};
use wasm_bindgen::JsError;

/// One diagnostic. `map` converts positions in the diagnostic's own file;
/// `map_of` finds the map of another file that a label points into.
pub fn diagnostic_json<'a>(
    d: &Diagnostic,
    map: &'a Utf16Map,
    map_of: &dyn Fn(&str) -> Option<&'a Utf16Map>,
) -> Value {
    let mut out = Map::new();
    out.insert("path".into(), json!(d.path));
    out.insert("code".into(), json!(d.code));
    out.insert("rule".into(), json!(d.rule));
    out.insert("severity".into(), json!(d.severity.as_str()));
    out.insert("message".into(), json!(d.message));
    out.insert("help".into(), json!(d.help));
    map.position(&d.span, &mut out);
    let labels: Vec<Value> = d
        .labels
        .iter()
        .filter_map(|l| {
            let label_map = match &l.path {
                Some(p) if *p != d.path => map_of(p)?,
                _ => map,
            };
            let mut o = Map::new();
            o.insert("path".into(), json!(l.path.as_deref().unwrap_or(&d.path)));
            o.insert("message".into(), json!(l.message));
            label_map.position(&l.span, &mut o);
            Some(Value::Object(o))
        })
        .collect();
    out.insert("labels".into(), Value::Array(labels));
    let fix = d.fix.as_ref().map(|f| {
        let edits: Vec<Value> = f
            .edits
            .iter()
            .map(|e| {
                json!({
                    "start": map.offset(e.span.start),
                    "end": map.offset(e.span.end),
                    "text": e.replacement,
                })
            })
            .collect();
        json!({
            "message": f.message,
            "applicability": f.applicability,
            "edits": edits,
        })
    });
    out.insert("fix".into(), fix.unwrap_or(Value::Null));
    Value::Object(out)
}

/// The OKR tree with every span converted and every key in camelCase.
pub fn document_json(document: &Document, map: &Utf16Map) -> Result<Value, JsError> {
    let value = serde_json::to_value(document).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(rewrite(value, map))
}

const SPAN_KEYS: [&str; 6] = ["start", "end", "line", "column", "end_line", "end_column"];

fn rewrite(value: Value, map: &Utf16Map) -> Value {
    match value {
        Value::Object(obj) => {
            if obj.len() == SPAN_KEYS.len() && SPAN_KEYS.iter().all(|k| obj.contains_key(*k)) {
                let byte = |k: &str| obj[k].as_u64().unwrap_or(0) as usize;
                let span = Span {
                    start: byte("start"),
                    end: byte("end"),
                    ..Span::default()
                };
                let mut out = Map::new();
                map.position(&span, &mut out);
                return Value::Object(out);
            }
            Value::Object(
                obj.into_iter()
                    .map(|(k, v)| (camel_case(&k), rewrite(v, map)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|v| rewrite(v, map)).collect()),
        other => other,
    }
}

fn camel_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_camel_case() {
        assert_eq!(camel_case("key_results"), "keyResults");
        assert_eq!(camel_case("end_column"), "endColumn");
        assert_eq!(camel_case("id"), "id");
    }

    #[test]
    fn tree_spans_are_utf16() {
        let text = "## Objective: 😀 Cut churn\n\n- KR1: Reduce churn from 5% to 3%\n";
        let parsed = okr_lint_core::parse(text);
        let map = Utf16Map::new(text);
        let tree = document_json(&parsed.document, &map).unwrap();
        let kr = &tree["objectives"][0]["keyResults"][0];
        let start = kr["span"]["start"].as_u64().unwrap() as usize;
        let units: Vec<u16> = text.encode_utf16().collect();
        let at = String::from_utf16(&units[start..start + 5]).unwrap();
        assert_eq!(at, "- KR1");
        assert_eq!(kr["span"]["line"], 3);
        assert_eq!(kr["kind"], "impact");
    }
}
