//! okr-lint for JavaScript: the `okr-lint` npm package (wasm-bindgen).
//!
//! A thin layer over `okr-lint-core`: it converts JavaScript values to the
//! core's types and the core's byte offsets to the UTF-16 offsets and
//! line/column pairs JavaScript strings and editors use. Options take the
//! keys of `okr-lint.toml`. Every failure is a JavaScript `Error`; a panic
//! hook turns an internal error into an `Error` too, never a trap.

mod convert;
mod positions;

use convert::Json;
use okr_lint_core::{Config, Linter, RULES};
use positions::Utf16Map;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

// Talc instead of the default dlmalloc: about 7 KB less code in the package
// at the same speed (a 1 MB document linted 60 times under Node: 17.3 s vs
// 17.2 s). Single-threaded builds only (the package is built without atomics).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The file name used when `lint` is not given one.
pub const DEFAULT_PATH: &str = "draft.okr.md";

// The TypeScript declarations of the API (functions and data types) are
// written by hand in types.d.ts: generated ones would say `any`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Runs when the module is instantiated.
#[wasm_bindgen(start, skip_typescript)]
fn on_load() {
    panic_hook::install();
}

/// Lint one document.
///
/// `options` takes the keys of `okr-lint.toml` (`select`, `ignore`, `rules`,
/// `kr-count`, `words`, ...); `path` names the document in diagnostics and
/// for `per-file-ignores` (default `draft.okr.md`). Throws an `Error` for
/// bad options.
#[wasm_bindgen(skip_typescript)]
pub fn lint(
    text: JsValue,
    options: Option<js_sys::Object>,
    path: Option<String>,
) -> Result<JsValue, JsError> {
    panic_hook::check()?;
    let text = string_arg(&text, "lint", "text")?;
    let path = path.unwrap_or_else(|| DEFAULT_PATH.to_string());
    with_linter(options.as_ref().map(|o| o.as_ref()), |linter| {
        let diagnostics = linter.lint(&text, &path);
        let map = Utf16Map::new(&text);
        let mut json = Json::new(&map);
        json.diagnostics(&diagnostics, &|_| None);
        parse_json(&json.finish())
    })
}

/// One file of a workspace.
struct FileIn {
    path: String,
    text: String,
}

/// Lint several documents together, so the workspace rules (unknown parents,
/// drift across quarters, overlapping KRs between teams) see all of them.
///
/// `files` is an array of `{ path, text }` or an object mapping paths to
/// texts. Diagnostics come sorted by path, then position.
#[wasm_bindgen(js_name = lintWorkspace, skip_typescript)]
pub fn lint_workspace(files: JsValue, options: Option<js_sys::Object>) -> Result<JsValue, JsError> {
    panic_hook::check()?;
    let files = read_files(&files)?;
    with_linter(options.as_ref().map(|o| o.as_ref()), |linter| {
        let diagnostics = linter.lint_workspace(
            &files
                .iter()
                .map(|f| (f.path.as_str(), f.text.as_str()))
                .collect::<Vec<_>>(),
        );
        let maps: HashMap<&str, Utf16Map> = files
            .iter()
            .map(|f| (f.path.as_str(), Utf16Map::new(&f.text)))
            .collect();
        let map_of = |path: &str| maps.get(path);
        let empty = Utf16Map::new("");
        let mut json = Json::new(&empty);
        json.diagnostics(&diagnostics, &map_of);
        parse_json(&json.finish())
    })
}

/// Parse one document: the OKR tree (sections, objectives, key results with
/// their inferred kinds) and its syntax errors.
#[wasm_bindgen(skip_typescript)]
pub fn parse(text: JsValue) -> Result<JsValue, JsError> {
    panic_hook::check()?;
    let text = string_arg(&text, "parse", "text")?;
    let parsed = okr_lint_core::parse(&text);
    let map = Utf16Map::new(&text);
    let mut json = Json::new(&map);
    json.parse_result(&parsed.document, &parsed.errors);
    parse_json(&json.finish())
}

/// Every rule with its code, default severity and documentation (Markdown).
#[wasm_bindgen(skip_typescript)]
pub fn rules() -> Result<JsValue, JsError> {
    panic_hook::check()?;
    let empty = Utf16Map::new("");
    let mut json = Json::new(&empty);
    json.rules(RULES);
    parse_json(&json.finish())
}

/// The version of okr-lint.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose, to test that the panic hook turns a panic into an
/// `Error`. Not part of the API.
#[wasm_bindgen(js_name = __testPanic, skip_typescript)]
pub fn test_panic(message: &str) {
    panic!("{message}");
}

fn string_arg(value: &JsValue, function: &str, name: &str) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "{function}(): `{name}` must be a string, got {}",
            type_name(value)
        ))
    })
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Read `files` straight from the JavaScript values (not through JSON text:
/// `JSON.stringify` escapes lone surrogates, which JSON parsers reject, and
/// `lint` must accept every string `lintWorkspace` does).
fn read_files(value: &JsValue) -> Result<Vec<FileIn>, JsError> {
    let bad = || {
        JsError::new(&format!(
            "lintWorkspace(): `files` must be an array of {{ path, text }} or an object \
             mapping paths to texts, got {}",
            type_name(value)
        ))
    };
    if !value.is_object() {
        return Err(bad());
    }
    let field = |item: &JsValue, key: &str| {
        js_sys::Reflect::get(item, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    if js_sys::Array::is_array(value) {
        let array = js_sys::Array::from(value);
        array
            .iter()
            .enumerate()
            .map(|(i, item)| {
                match (
                    item.is_object().then(|| field(&item, "path")).flatten(),
                    field(&item, "text"),
                ) {
                    (Some(path), Some(text)) => Ok(FileIn { path, text }),
                    _ => Err(JsError::new(&format!(
                        "lintWorkspace(): every file must be {{ path: string, text: string }}; \
                         file {i} is not"
                    ))),
                }
            })
            .collect()
    } else {
        let entries = js_sys::Object::entries(&js_sys::Object::from(value.clone()));
        entries
            .iter()
            .map(|pair| {
                let pair = js_sys::Array::from(&pair);
                let path = pair.get(0).as_string().unwrap_or_default();
                match pair.get(1).as_string() {
                    Some(text) => Ok(FileIn { path, text }),
                    None => Err(JsError::new(&format!(
                        "lintWorkspace(): the text of `{path}` must be a string"
                    ))),
                }
            })
            .collect()
    }
}

fn stringify(value: &JsValue, what: &str) -> Result<String, JsError> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            JsError::new(&format!(
                "`{what}` could not be read: it must be plain JSON data (no cycles, no BigInt)"
            ))
        })
}

thread_local! {
    /// The linter of the last options seen: an editor lints with the same
    /// options on every keystroke, and compiling the word lists each time
    /// would be wasted work.
    static CACHE: RefCell<Option<(String, Linter)>> = const { RefCell::new(None) };
}

fn with_linter(
    options: Option<&JsValue>,
    f: impl FnOnce(&Linter) -> Result<JsValue, JsError>,
) -> Result<JsValue, JsError> {
    let key = if let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) {
        if !options.is_object() || js_sys::Array::is_array(options) {
            return Err(JsError::new(&format!(
                "invalid okr-lint options: expected an object with the keys of \
                 okr-lint.toml, got {}",
                type_name(options)
            )));
        }
        stringify(options, "options")?
    } else {
        String::new()
    };
    CACHE.with(|cache| match &mut *cache.borrow_mut() {
        Some((k, linter)) if *k == key => f(linter),
        slot => {
            let invalid = |e| JsError::new(&format!("invalid okr-lint options: {e}"));
            let config = if key.is_empty() {
                Config::default()
            } else {
                Config::from_json(&key).map_err(invalid)?
            };
            let linter = Linter::new(&config).map_err(invalid)?;
            f(&slot.insert((key, linter)).1)
        }
    })
}

fn parse_json(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("okr-lint: could not build the result"))
}

mod panic_hook {
    //! A panic is a bug in okr-lint. On `wasm32-unknown-unknown` it would
    //! abort with an `unreachable` trap; the hook throws a JavaScript `Error`
    //! with the panic message instead. The standard library cannot run a
    //! second panic hook after one was left by an exception, so later calls
    //! throw a clear `Error` up front rather than risk a trap.

    use std::sync::atomic::{AtomicBool, Ordering};
    use wasm_bindgen::JsError;

    static PANICKED: AtomicBool = AtomicBool::new(false);

    pub fn install() {
        std::panic::set_hook(Box::new(|info| {
            PANICKED.store(true, Ordering::SeqCst);
            let message = match info.payload().downcast_ref::<String>() {
                Some(s) => s.as_str(),
                None => info.payload().downcast_ref::<&str>().copied().unwrap_or(""),
            };
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            wasm_bindgen::throw_str(&format!(
                "okr-lint internal error (please report it): {message}{place}"
            ));
        }));
    }

    /// Refuse to run after a panic.
    pub fn check() -> Result<(), JsError> {
        if PANICKED.load(Ordering::SeqCst) {
            Err(JsError::new(
                "okr-lint stopped after an internal error; load the module again",
            ))
        } else {
            Ok(())
        }
    }
}
