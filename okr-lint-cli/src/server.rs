//! `okr-lint server`: a language server over stdio (lsp-server + lsp-types).
//!
//! Every OKR file of the workspace folders is kept in memory (scanned at
//! start, updated from open documents and file-watcher events), so the
//! workspace rules see them all. Diagnostics are published for open
//! documents; positions use the encoding negotiated with the client (UTF-16
//! unless the client offers UTF-8).

use crate::discovery::{self, Discovery, Origin};
use crate::inputs::is_okr_file;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use okr_lint_core::{Applicability, Config, Diagnostic, LineIndex, Linter, Severity, Span};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const DOCS: &str = "https://github.com/okr-lint/okr-lint/blob/main/docs/rules.md";

/// Run the server on stdin/stdout until `exit`.
pub fn run() -> ExitCode {
    let (connection, reader) = stdio();
    let result = serve(&connection);
    drop(connection);
    drop(reader); // the reader ends with stdin; do not wait for it
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("okr-lint server: {e}");
            ExitCode::from(1)
        }
    }
}

/// The stdio transport. Unlike `Connection::stdio`, a message that is not
/// valid JSON-RPC gets a parse-error response and the server reads on.
fn stdio() -> (Connection, std::thread::JoinHandle<()>) {
    use std::io::{BufRead, Read, Write};
    let (out_tx, out_rx) = crossbeam_channel::bounded::<Message>(0);
    let (in_tx, in_rx) = crossbeam_channel::bounded::<Message>(0);
    std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut w = stdout.lock();
        for msg in out_rx {
            if msg.write(&mut w).is_err() || w.flush().is_err() {
                break;
            }
        }
    });
    let errors = out_tx.clone();
    let reader = std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut r = stdin.lock();
        loop {
            let mut length: Option<usize> = None;
            loop {
                let mut line = String::new();
                match r.read_line(&mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().ok();
                    }
                }
            }
            let Some(length) = length else { continue };
            let mut body = vec![0; length];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            match serde_json::from_slice::<Message>(&body) {
                Ok(msg) => {
                    let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                    if in_tx.send(msg).is_err() || exit {
                        return;
                    }
                }
                Err(e) => {
                    let id = serde_json::from_slice::<Value>(&body)
                        .ok()
                        .and_then(|v| v.get("id").cloned())
                        .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
                    let code = if id.is_some() {
                        ErrorCode::InvalidRequest
                    } else {
                        ErrorCode::ParseError
                    };
                    let resp = Response {
                        id: id.unwrap_or_else(|| RequestId::from(0)),
                        result: None,
                        error: Some(lsp_server::ResponseError {
                            code: code as i32,
                            message: format!("invalid JSON-RPC message: {e}"),
                            data: None,
                        }),
                    };
                    let _ = errors.send(Message::Response(resp));
                }
            }
        }
    });
    (
        Connection {
            sender: out_tx,
            receiver: in_rx,
        },
        reader,
    )
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Encoding {
    Utf8,
    Utf16,
}

fn serve(conn: &Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (id, params) = conn.initialize_start()?;
    let init: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let offers_utf8 = init
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
    let encoding = if offers_utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let capabilities = lsp::ServerCapabilities {
        position_encoding: Some(if offers_utf8 {
            lsp::PositionEncodingKind::UTF8
        } else {
            lsp::PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["(".into(), ":".into(), " ".into()]),
            ..Default::default()
        }),
        ..Default::default()
    };
    let result = json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "okr-lint", "version": env!("CARGO_PKG_VERSION") },
    });
    conn.initialize_finish(id, result)?;

    let mut roots: Vec<PathBuf> = init
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().ok())
        .collect();
    #[allow(deprecated)]
    if roots.is_empty() {
        if let Some(p) = init.root_uri.as_ref().and_then(|u| u.to_file_path().ok()) {
            roots.push(p);
        }
    }
    let mut state = State::new(encoding, roots);
    state.scan();
    let watch = init
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if watch {
        conn.sender.send(Message::Request(register_watchers()))?;
    }
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req)? {
                    return Ok(());
                }
                let resp = state.handle_request(req);
                conn.sender.send(Message::Response(resp))?;
            }
            Message::Notification(n) => {
                for out in state.handle_notification(n) {
                    conn.sender.send(out)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn register_watchers() -> Request {
    let watchers: Vec<Value> = [
        "**/*.okr.md",
        "**/*.okr",
        "**/okr-lint.toml",
        "**/.okr-lint.toml",
        "**/pyproject.toml",
    ]
    .iter()
    .map(|g| json!({ "globPattern": g }))
    .collect();
    Request::new(
        RequestId::from("okr-lint/watch".to_string()),
        "client/registerCapability".into(),
        json!({ "registrations": [{
            "id": "okr-lint-watch",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": { "watchers": watchers }
        }]}),
    )
}

struct OpenDoc {
    text: String,
    /// The last diagnostics published for it, for code actions and hover.
    diagnostics: Vec<Diagnostic>,
}

struct State {
    encoding: Encoding,
    roots: Vec<PathBuf>,
    open: BTreeMap<lsp::Url, OpenDoc>,
    /// OKR files of the workspace folders as they are on disk.
    disk: BTreeMap<PathBuf, String>,
    discovery: Discovery,
    /// Config files that had errors, so their diagnostics can be cleared.
    bad_configs: Vec<PathBuf>,
}

fn is_config(p: &Path) -> bool {
    matches!(
        p.file_name().and_then(|n| n.to_str()),
        Some("okr-lint.toml" | ".okr-lint.toml" | "pyproject.toml")
    )
}

impl State {
    fn new(encoding: Encoding, roots: Vec<PathBuf>) -> Self {
        State {
            encoding,
            roots,
            open: BTreeMap::new(),
            disk: BTreeMap::new(),
            discovery: Discovery::default(),
            bad_configs: Vec::new(),
        }
    }

    /// Read every OKR file under the workspace folders.
    fn scan(&mut self) {
        for root in self.roots.clone() {
            for entry in ignore::WalkBuilder::new(&root).build().flatten() {
                let p = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file()) && is_okr_file(p) {
                    if let Ok(text) = std::fs::read_to_string(p) {
                        self.disk.insert(p.to_path_buf(), text);
                    }
                }
            }
        }
    }

    /// The name a document has in diagnostics: its path, or the URI.
    fn name_of(uri: &lsp::Url) -> String {
        uri.to_file_path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| uri.to_string())
    }

    fn uri_of(name: &str) -> Option<lsp::Url> {
        lsp::Url::from_file_path(name)
            .ok()
            .or_else(|| lsp::Url::parse(name).ok())
    }

    fn lints(uri: &lsp::Url) -> bool {
        match uri.to_file_path() {
            Ok(p) => is_okr_file(&p),
            Err(_) => uri.path().ends_with(".okr.md") || uri.path().ends_with(".okr"),
        }
    }

    // ------------------------------------------------------------ linting

    /// Lint the workspace (open documents over disk contents) and publish
    /// diagnostics for every open OKR document and for config files.
    fn relint(&mut self) -> Vec<Message> {
        let mut files: BTreeMap<String, String> = self
            .disk
            .iter()
            .map(|(p, t)| (p.display().to_string(), t.clone()))
            .collect();
        for (uri, doc) in &self.open {
            if Self::lints(uri) {
                files.insert(Self::name_of(uri), doc.text.clone());
            }
        }
        let mut groups: BTreeMap<Origin, Vec<(String, String)>> = BTreeMap::new();
        for (name, text) in files {
            let dir = Path::new(&name)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            let origin = self.discovery.origin_for(&dir);
            groups.entry(origin).or_default().push((name, text));
        }
        let mut out = Vec::new();
        let mut bad = Vec::new();
        let mut by_path: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for (origin, files) in groups {
            let config = match &origin {
                Origin::Default => Ok(Config::default()),
                Origin::File(p) => discovery::load(p).map_err(|e| (p.clone(), e)),
            };
            let config = match config {
                Ok(c) => c,
                Err((path, message)) => {
                    out.extend(self.config_problem(&path, &message));
                    bad.push(path);
                    Config::default()
                }
            };
            let linter = Linter::new(&config)
                .unwrap_or_else(|_| Linter::new(&Config::default()).expect("defaults are valid"));
            for d in linter.lint_workspace(&files) {
                by_path.entry(d.path.to_string()).or_default().push(d);
            }
        }
        // Clear config files that are fine again.
        for old in std::mem::take(&mut self.bad_configs) {
            if !bad.contains(&old) {
                if let Ok(uri) = lsp::Url::from_file_path(&old) {
                    out.push(publish(uri, Vec::new()));
                }
            }
        }
        self.bad_configs = bad;
        let encoding = self.encoding;
        for (uri, doc) in self.open.iter_mut() {
            if !Self::lints(uri) {
                continue;
            }
            doc.diagnostics = by_path.remove(&Self::name_of(uri)).unwrap_or_default();
            let index = LineIndex::new(&doc.text);
            let lsp_diags = doc
                .diagnostics
                .iter()
                .map(|d| to_lsp(d, &doc.text, &index, encoding, uri))
                .collect();
            out.push(publish(uri.clone(), lsp_diags));
        }
        out
    }

    /// A bad configuration: a diagnostic on the config file and a message.
    fn config_problem(&self, path: &Path, message: &str) -> Vec<Message> {
        let mut out = vec![Message::Notification(Notification::new(
            lsp::notification::ShowMessage::METHOD.into(),
            lsp::ShowMessageParams {
                typ: lsp::MessageType::ERROR,
                message: format!("okr-lint: invalid configuration, using defaults: {message}"),
            },
        ))];
        if let Ok(uri) = lsp::Url::from_file_path(path) {
            // `path:LINE: message` from discovery::load.
            let line = message
                .strip_prefix(&path.display().to_string())
                .and_then(|r| r.strip_prefix(':'))
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.trim().parse::<u32>().ok())
                .unwrap_or(1);
            let range = lsp::Range::new(
                lsp::Position::new(line - 1, 0),
                lsp::Position::new(line - 1, u32::MAX / 2),
            );
            let d = lsp::Diagnostic {
                range,
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                source: Some("okr-lint".into()),
                message: message.to_string(),
                ..Default::default()
            };
            out.push(publish(uri, vec![d]));
        }
        out
    }

    // ------------------------------------------------------------ notifications

    fn handle_notification(&mut self, n: Notification) -> Vec<Message> {
        use lsp::notification as N;
        match n.method.as_str() {
            N::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                self.open.insert(
                    p.text_document.uri,
                    OpenDoc {
                        text: p.text_document.text,
                        diagnostics: Vec::new(),
                    },
                );
                self.relint()
            }
            N::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                let Some(doc) = self.open.get_mut(&p.text_document.uri) else {
                    return Vec::new();
                };
                for change in p.content_changes {
                    match change.range {
                        None => doc.text = change.text,
                        Some(range) => {
                            // Full sync is advertised; apply ranged edits anyway.
                            let a = offset_at(&doc.text, range.start, self.encoding);
                            let b = offset_at(&doc.text, range.end, self.encoding);
                            if a <= b {
                                doc.text.replace_range(a..b, &change.text);
                            }
                        }
                    }
                }
                self.relint()
            }
            N::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                if let Ok(path) = p.text_document.uri.to_file_path() {
                    if is_config(&path) {
                        self.discovery = Discovery::default();
                    } else if is_okr_file(&path) {
                        if let Ok(text) = std::fs::read_to_string(&path) {
                            self.disk.insert(path, text);
                        }
                    }
                }
                self.relint()
            }
            N::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                self.open.remove(&p.text_document.uri);
                let mut out = vec![publish(p.text_document.uri, Vec::new())];
                out.extend(self.relint());
                out
            }
            N::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(n.params)
                else {
                    return Vec::new();
                };
                for change in p.changes {
                    let Ok(path) = change.uri.to_file_path() else {
                        continue;
                    };
                    if is_config(&path) {
                        self.discovery = Discovery::default();
                    } else if is_okr_file(&path) {
                        match std::fs::read_to_string(&path) {
                            Ok(text) if change.typ != lsp::FileChangeType::DELETED => {
                                self.disk.insert(path, text);
                            }
                            _ => {
                                self.disk.remove(&path);
                            }
                        }
                    }
                }
                self.relint()
            }
            _ => Vec::new(),
        }
    }

    // ------------------------------------------------------------ requests

    fn handle_request(&mut self, req: Request) -> Response {
        use lsp::request as R;
        let id = req.id.clone();
        let result: Result<Value, (ErrorCode, String)> = match req.method.as_str() {
            R::CodeActionRequest::METHOD => {
                parse::<lsp::CodeActionParams>(req.params).map(|p| json!(self.code_actions(&p)))
            }
            R::HoverRequest::METHOD => {
                parse::<lsp::HoverParams>(req.params).map(|p| json!(self.hover(&p)))
            }
            R::DocumentSymbolRequest::METHOD => parse::<lsp::DocumentSymbolParams>(req.params)
                .map(|p| json!(self.symbols(&p.text_document.uri))),
            R::GotoDefinition::METHOD => {
                parse::<lsp::GotoDefinitionParams>(req.params).map(|p| json!(self.definition(&p)))
            }
            R::Completion::METHOD => {
                parse::<lsp::CompletionParams>(req.params).map(|p| json!(self.completion(&p)))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("okr-lint server does not handle `{other}`"),
            )),
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, msg)) => Response::new_err(id, code as i32, msg),
        }
    }

    fn doc(&self, uri: &lsp::Url) -> Option<&OpenDoc> {
        self.open.get(uri)
    }

    fn range(&self, text: &str, index: &LineIndex, span: &Span) -> lsp::Range {
        range_of(text, index, span, self.encoding)
    }

    fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.doc(uri) else {
            return Vec::new();
        };
        let text = &doc.text;
        let a = offset_at(text, p.range.start, self.encoding);
        let b = offset_at(text, p.range.end, self.encoding);
        let parsed = okr_lint_core::parse(text);
        let index = LineIndex::new(text);
        let mut actions = Vec::new();
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        };
        for d in doc
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= b && a <= d.span.end.max(d.span.start + 1))
        {
            let lsp_diag = to_lsp(d, text, &index, self.encoding, uri);
            let action = |title: String, edits: Vec<lsp::TextEdit>, preferred: bool| {
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(edit(edits)),
                    is_preferred: preferred.then_some(true),
                    ..Default::default()
                })
            };
            if let Some(fix) = &d.fix {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| lsp::TextEdit {
                        range: self.range(text, &index, &e.span),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                let title = if d.rule == "stretch-on-dependency" {
                    "Mark as (committed)".to_string()
                } else {
                    capitalize(&fix.message)
                };
                actions.push(action(
                    title,
                    edits,
                    fix.applicability == Applicability::Safe,
                ));
            }
            if d.rule == "missing-definition-of-done" {
                let kr = parsed
                    .document
                    .key_results()
                    .map(|(_, k)| k)
                    .find(|k| Some(k.span.start) == d.anchor);
                if let Some(kr) = kr {
                    let indent = indent_at(text, kr.span.start);
                    let at = kr.extent.end;
                    let insert = format!("{nl}{indent}  Done:{nl}{indent}    - ");
                    let pos = position_of(text, &index, at, self.encoding);
                    actions.push(action(
                        "Add a Done: checklist".into(),
                        vec![lsp::TextEdit {
                            range: lsp::Range::new(pos, pos),
                            new_text: insert,
                        }],
                        false,
                    ));
                }
            }
            // Disable for this item: a comment above the objective or KR.
            let item_start = d.anchor.unwrap_or(d.span.start);
            let line_start = text[..item_start.min(text.len())]
                .rfind(['\n', '\r'])
                .map(|i| i + 1)
                .unwrap_or(0);
            let indent = indent_at(text, line_start);
            let pos = position_of(text, &index, line_start, self.encoding);
            actions.push(action(
                format!("Disable {} for this item", d.rule),
                vec![lsp::TextEdit {
                    range: lsp::Range::new(pos, pos),
                    new_text: format!("{indent}<!-- okr-lint-disable-next {} -->{nl}", d.rule),
                }],
                false,
            ));
            let top = lsp::Position::new(0, 0);
            actions.push(action(
                format!("Disable {} for this file", d.rule),
                vec![lsp::TextEdit {
                    range: lsp::Range::new(top, top),
                    new_text: format!("<!-- okr-lint-disable-file {} -->{nl}", d.rule),
                }],
                false,
            ));
        }
        actions
    }

    fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = &p.text_document_position_params.text_document.uri;
        let doc = self.doc(uri)?;
        let text = &doc.text;
        let at = offset_at(
            text,
            p.text_document_position_params.position,
            self.encoding,
        );
        let index = LineIndex::new(text);
        let mut parts = Vec::new();
        let mut range = None;
        for d in doc
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= at && at < d.span.end.max(d.span.start + 1))
        {
            let meta = okr_lint_core::find_rule(d.rule).map(|r| r.meta());
            let mut s = format!("**{} {}**: {}", d.code, d.rule, d.message);
            if let Some(h) = &d.help {
                s.push_str(&format!("\n\n{h}"));
            }
            if let Some(m) = meta {
                s.push_str(&format!(
                    "\n\n---\n\n{}",
                    m.documentation().replacen("## ", "#### ", usize::MAX)
                ));
            }
            parts.push(s);
            range.get_or_insert(self.range(text, &index, &d.span));
        }
        let parsed = okr_lint_core::parse(text);
        for o in &parsed.document.objectives {
            if let Some(parent) = o
                .parent
                .as_ref()
                .filter(|f| f.span.start <= at && at <= f.span.end)
            {
                match self.find_objective(&parent.value) {
                    Some((name, line, statement)) => parts.push(format!(
                        "**Parent objective {}**: {statement}\n\n{name}:{line}",
                        parent.value
                    )),
                    None => parts.push(format!(
                        "**Parent objective {}** is not defined in the workspace",
                        parent.value
                    )),
                }
                range.get_or_insert(self.range(text, &index, &parent.span));
            }
            for kr in &o.key_results {
                if kr.span.start <= at && at <= kr.span.end {
                    let evidence: Vec<String> = kr
                        .kind_evidence
                        .spans
                        .iter()
                        .map(|f| format!("`{}`", f.value))
                        .collect();
                    let why = match kr.kind_evidence.reason {
                        "declared" => "declared with `Kind:`".to_string(),
                        "metric" => format!("it carries a metric target: {}", evidence.join(", ")),
                        "discovery-verb" => {
                            format!("it opens with a discovery verb: {}", evidence.join(", "))
                        }
                        _ => "no metric target and no discovery verb".to_string(),
                    };
                    let done = match &kr.done {
                        Some(d) => format!("{} Definition-of-Done criteria", d.criteria.len()),
                        None => "no Definition of Done".to_string(),
                    };
                    parts.push(format!(
                        "**Key result**: {} KR, because {why}.\n\nCommitment: {}; {done}.",
                        kr.kind, kr.commitment
                    ));
                }
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range,
        })
    }

    /// All workspace texts: disk, with open documents on top.
    fn texts(&self) -> BTreeMap<String, String> {
        let mut files: BTreeMap<String, String> = self
            .disk
            .iter()
            .map(|(p, t)| (p.display().to_string(), t.clone()))
            .collect();
        for (uri, doc) in &self.open {
            files.insert(Self::name_of(uri), doc.text.clone());
        }
        files
    }

    /// Where an objective ID is defined: (file, 1-based line, statement).
    fn find_objective(&self, id: &str) -> Option<(String, u32, String)> {
        self.locate_objective(id)
            .map(|(name, _, span, statement)| (name, span.line, statement))
    }

    fn locate_objective(&self, id: &str) -> Option<(String, String, Span, String)> {
        for (name, text) in self.texts() {
            let parsed = okr_lint_core::parse(&text);
            if let Some(o) = parsed.document.objectives.iter().find(|o| {
                o.id.as_ref()
                    .is_some_and(|i| i.value.eq_ignore_ascii_case(id))
            }) {
                let span = o.span;
                let statement = o.statement.value.clone();
                return Some((name, text, span, statement));
            }
        }
        None
    }

    fn definition(&self, p: &lsp::GotoDefinitionParams) -> Option<lsp::GotoDefinitionResponse> {
        let uri = &p.text_document_position_params.text_document.uri;
        let text = &self.doc(uri)?.text;
        let at = offset_at(
            text,
            p.text_document_position_params.position,
            self.encoding,
        );
        let parsed = okr_lint_core::parse(text);
        let parent = parsed
            .document
            .objectives
            .iter()
            .filter_map(|o| o.parent.as_ref())
            .find(|f| f.span.start <= at && at <= f.span.end)?;
        let (name, target_text, span, _) = self.locate_objective(&parent.value)?;
        let target = Self::uri_of(&name)?;
        let range = range_of(
            &target_text,
            &LineIndex::new(&target_text),
            &span,
            self.encoding,
        );
        Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location {
            uri: target,
            range,
        }))
    }

    fn symbols(&self, uri: &lsp::Url) -> Option<lsp::DocumentSymbolResponse> {
        let text = &self.doc(uri)?.text;
        let doc = okr_lint_core::parse(text).document;
        let index = LineIndex::new(text);
        #[allow(deprecated)]
        let symbol =
            |name: String,
             detail: Option<String>,
             kind: lsp::SymbolKind,
             range: lsp::Range,
             selection: lsp::Range,
             children: Vec<lsp::DocumentSymbol>| lsp::DocumentSymbol {
                name: if name.trim().is_empty() {
                    "(untitled)".into()
                } else {
                    name
                },
                detail,
                kind,
                tags: None,
                deprecated: None,
                range,
                selection_range: selection,
                children: (!children.is_empty()).then_some(children),
            };
        let objective_symbol = |i: usize| {
            let o = &doc.objectives[i];
            let krs = o
                .key_results
                .iter()
                .map(|k| {
                    let name = match (&k.id, &k.number) {
                        (Some(id), _) => format!("{}: {}", id.value, k.statement.value),
                        (None, Some(n)) => format!("KR{}: {}", n.value, k.statement.value),
                        _ => k.statement.value.clone(),
                    };
                    symbol(
                        name,
                        Some(format!("{} · {}", k.kind, k.commitment)),
                        lsp::SymbolKind::FIELD,
                        self.range(text, &index, &k.extent),
                        self.range(text, &index, &k.statement.span),
                        Vec::new(),
                    )
                })
                .collect();
            let name = match &o.id {
                Some(id) => format!("{}: {}", id.value, o.statement.value),
                None => o.statement.value.clone(),
            };
            symbol(
                name,
                o.phase.as_ref().map(|p| p.value.clone()),
                lsp::SymbolKind::CLASS,
                self.range(text, &index, &o.extent),
                self.range(text, &index, &o.statement.span),
                krs,
            )
        };
        fn section_symbols(
            doc: &okr_lint_core::ast::Document,
            parent: Option<usize>,
            objective_symbol: &dyn Fn(usize) -> lsp::DocumentSymbol,
            make: &dyn Fn(usize, Vec<lsp::DocumentSymbol>) -> lsp::DocumentSymbol,
        ) -> Vec<lsp::DocumentSymbol> {
            let mut out: Vec<lsp::DocumentSymbol> = doc
                .objectives
                .iter()
                .enumerate()
                .filter(|(_, o)| o.section == parent)
                .map(|(i, _)| objective_symbol(i))
                .collect();
            for (i, s) in doc.sections.iter().enumerate() {
                if s.parent == parent {
                    let children = section_symbols(doc, Some(i), objective_symbol, make);
                    out.push(make(i, children));
                }
            }
            out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
            out
        }
        let make_section = |i: usize, children: Vec<lsp::DocumentSymbol>| {
            let s = &doc.sections[i];
            let end = children
                .iter()
                .map(|c| c.range.end)
                .max_by_key(|p| (p.line, p.character));
            let head = self.range(text, &index, &s.span);
            let range = lsp::Range::new(head.start, end.unwrap_or(head.end).max_by_pos(head.end));
            symbol(
                s.title.value.clone(),
                None,
                lsp::SymbolKind::NAMESPACE,
                range,
                head,
                children,
            )
        };
        Some(lsp::DocumentSymbolResponse::Nested(section_symbols(
            &doc,
            None,
            &objective_symbol,
            &make_section,
        )))
    }

    fn completion(&self, p: &lsp::CompletionParams) -> Option<lsp::CompletionResponse> {
        let uri = &p.text_document_position.text_document.uri;
        let text = &self.doc(uri)?.text;
        let at = offset_at(text, p.text_document_position.position, self.encoding);
        let line_start = text[..at].rfind(['\n', '\r']).map(|i| i + 1).unwrap_or(0);
        let before = &text[line_start..at];
        let trimmed = before
            .trim_start()
            .trim_start_matches(['-', '*', '+'])
            .trim_start();
        let item = |label: &str, detail: &str, kind: lsp::CompletionItemKind, insert: &str| {
            lsp::CompletionItem {
                label: label.into(),
                detail: Some(detail.into()),
                kind: Some(kind),
                insert_text: Some(insert.into()),
                ..Default::default()
            }
        };
        let lower = trimmed.to_lowercase();
        if let Some(rest) = lower.strip_prefix("parent:") {
            let typed = rest.trim().to_uppercase();
            let mut ids: BTreeMap<String, String> = BTreeMap::new();
            for t in self.texts().values() {
                for o in okr_lint_core::parse(t).document.objectives {
                    if let Some(id) = o.id {
                        ids.entry(id.value).or_insert(o.statement.value);
                    }
                }
            }
            let items = ids
                .into_iter()
                .filter(|(id, _)| id.to_uppercase().starts_with(&typed))
                .map(|(id, statement)| {
                    item(&id, &statement, lsp::CompletionItemKind::REFERENCE, &id)
                })
                .collect();
            return Some(lsp::CompletionResponse::Array(items));
        }
        if lower.starts_with("kind:") {
            let items = ["impact", "progress", "delivery", "discovery"]
                .iter()
                .map(|k| item(k, "KR kind", lsp::CompletionItemKind::ENUM_MEMBER, k))
                .collect();
            return Some(lsp::CompletionResponse::Array(items));
        }
        if let Some(open) = before.rfind('(') {
            if !before[open..].contains(')') && !before[..open].contains(':') {
                let items = ["committed", "stretch"]
                    .iter()
                    .map(|l| {
                        item(
                            l,
                            "commitment label",
                            lsp::CompletionItemKind::ENUM_MEMBER,
                            &format!("{l})"),
                        )
                    })
                    .collect();
                return Some(lsp::CompletionResponse::Array(items));
            }
        }
        if !trimmed.contains(':') && trimmed.chars().all(|c| c.is_alphabetic() || c == ' ') {
            const KEYS: [(&str, &str); 9] = [
                ("Team", "owning team (section, objective)"),
                ("Owner", "the one accountable person"),
                ("Quarter", "Q2 2026"),
                ("Spans", "multi-quarter range: Q1 2026 - Q3 2026"),
                ("Parent", "ID of the objective this one ladders up to"),
                ("Blocks", "teams or IDs that depend on this KR"),
                ("Kind", "impact, progress, delivery or discovery"),
                ("Due", "a date or quarter"),
                ("Done", "Definition of Done criteria"),
            ];
            let items = KEYS
                .iter()
                .filter(|(k, _)| k.to_lowercase().starts_with(&lower))
                .map(|(k, d)| {
                    item(
                        &format!("{k}:"),
                        d,
                        lsp::CompletionItemKind::PROPERTY,
                        &format!("{k}: "),
                    )
                })
                .collect();
            return Some(lsp::CompletionResponse::Array(items));
        }
        None
    }
}

trait MaxByPos {
    fn max_by_pos(self, other: lsp::Position) -> lsp::Position;
}

impl MaxByPos for lsp::Position {
    fn max_by_pos(self, other: lsp::Position) -> lsp::Position {
        if (self.line, self.character) >= (other.line, other.character) {
            self
        } else {
            other
        }
    }
}

/// The leading spaces and tabs of the line starting at `line_start`.
fn indent_at(text: &str, line_start: usize) -> &str {
    let rest = &text[line_start.min(text.len())..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn parse<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

fn publish(uri: lsp::Url, diagnostics: Vec<lsp::Diagnostic>) -> Message {
    Message::Notification(Notification::new(
        lsp::notification::PublishDiagnostics::METHOD.into(),
        lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        },
    ))
}

/// An LSP position for a byte offset.
fn position_of(text: &str, index: &LineIndex, offset: usize, encoding: Encoding) -> lsp::Position {
    let offset = offset.min(text.len());
    let (line, _) = index.position(text, offset);
    let character = match encoding {
        Encoding::Utf16 => index.utf16_column(text, offset) - 1,
        Encoding::Utf8 => {
            let start = index.line_start(line).unwrap_or(0);
            (offset - start.min(offset)) as u32
        }
    };
    lsp::Position::new(line - 1, character)
}

fn range_of(text: &str, index: &LineIndex, span: &Span, encoding: Encoding) -> lsp::Range {
    lsp::Range::new(
        position_of(text, index, span.start, encoding),
        position_of(text, index, span.end, encoding),
    )
}

/// The byte offset of an LSP position (clamped to the line and the text).
fn offset_at(text: &str, pos: lsp::Position, encoding: Encoding) -> usize {
    let index = LineIndex::new(text);
    let Some(start) = index.line_start(pos.line + 1) else {
        return text.len();
    };
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map(|i| start + i)
        .unwrap_or(text.len());
    let mut units = 0u32;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= pos.character {
            return start + i;
        }
        units += match encoding {
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf8 => c.len_utf8() as u32,
        };
    }
    line_end
}

/// `index` is the line index of `text`, built once per document.
fn to_lsp(
    d: &Diagnostic,
    text: &str,
    index: &LineIndex,
    encoding: Encoding,
    uri: &lsp::Url,
) -> lsp::Diagnostic {
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter_map(|l| {
            let (target, range) = match &l.path {
                None => (uri.clone(), range_of(text, index, &l.span, encoding)),
                Some(p) => {
                    let u = State::uri_of(p)?;
                    let t = u
                        .to_file_path()
                        .ok()
                        .and_then(|f| std::fs::read_to_string(f).ok())
                        .unwrap_or_default();
                    (u, range_of(&t, &LineIndex::new(&t), &l.span, encoding))
                }
            };
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location { uri: target, range },
                message: l.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: range_of(text, index, &d.span, encoding),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: lsp::Url::parse(&format!("{DOCS}#{}", d.rule))
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("okr-lint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (d.rule == "unused-suppression").then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
        data: Some(json!({ "rule": d.rule })),
    }
}
