//! Diagnostics are data: serialized with serde for machines, rendered with
//! miette for people.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location that explains the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The file of the label when it differs from the diagnostic's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub span: Span,
    pub message: String,
}

/// Whether a fix keeps the meaning of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Corrects the form only (a misspelled label): applied by `--fix`.
    Safe,
    /// Changes what the OKR says (commitment, wording): offered, not applied.
    Unsafe,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A text change that resolves a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix that replaces `span` with `text` ("did you mean ...").
    pub fn replace(span: Span, text: &str) -> Fix {
        Fix {
            message: format!("replace with `{text}`"),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span,
                replacement: text.to_string(),
            }],
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the caller named it: shared by the file's findings
    /// (a copy for each took 21 MB of the 100 MB benchmark's 372,000).
    pub path: Arc<str>,
    /// Stable rule code, e.g. `OKR201`.
    pub code: &'static str,
    /// Rule name, e.g. `vague-verb`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The exact words at fault.
    pub span: Span,
    pub labels: Vec<Label>,
    /// How to rewrite it. Most rules' help is fixed text: borrowed, not
    /// copied into every finding.
    pub help: Option<Cow<'static, str>>,
    /// Boxed: most findings have none, and a `Fix` inline made every
    /// finding 48 bytes larger.
    pub fix: Option<Box<Fix>>,
    /// Start of the objective or KR the diagnostic is about (used to keep
    /// one diagnosis per problem and for `disable-next`); not serialized.
    pub anchor: Option<usize>,
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(Serialize)]
        struct ByteRange {
            start: usize,
            end: usize,
        }
        let mut st = s.serialize_struct("Diagnostic", 14)?;
        st.serialize_field("path", &*self.path)?;
        st.serialize_field("code", self.code)?;
        st.serialize_field("rule", self.rule)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("line", &self.span.line)?;
        st.serialize_field("column", &self.span.column)?;
        st.serialize_field("end_line", &self.span.end_line)?;
        st.serialize_field("end_column", &self.span.end_column)?;
        st.serialize_field(
            "span",
            &ByteRange {
                start: self.span.start,
                end: self.span.end,
            },
        )?;
        st.serialize_field("help", &self.help)?;
        st.serialize_field("labels", &self.labels)?;
        st.serialize_field("fix", &self.fix)?;
        st.end()
    }
}

impl Diagnostic {
    /// The output order: by path, then position, then code.
    pub fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
        (&*a.path, a.span.start, a.span.end, a.code).cmp(&(
            &*b.path,
            b.span.start,
            b.span.end,
            b.code,
        ))
    }

    /// Render with miette against the file's source.
    pub fn to_report(&self, source: &str) -> miette::Report {
        miette::Report::new(Rendered {
            diagnostic: Cow::Owned(self.clone()),
            source: Source::Whole(miette::NamedSource::new(
                self.path.clone(),
                source.to_string(),
            )),
        })
    }

    /// This diagnostic for miette to render against `source` (its file,
    /// see [`Snippets`]): the same text as [`Diagnostic::to_report`]
    /// gives, without copying the file or reading it from its start.
    pub fn with_source<'a>(&'a self, source: &'a Snippets<'a>) -> impl miette::Diagnostic + 'a {
        Rendered {
            diagnostic: Cow::Borrowed(self),
            source: Source::Lines(source),
        }
    }
}

/// A file's text for rendering many of its diagnostics: where its lines
/// start is found once. miette reads a `str` from its first byte for every
/// span it shows, which made rendering all findings of a large file
/// quadratic (a 1 MB file with 3,800 findings took 11 s).
pub struct Snippets<'a> {
    name: &'a str,
    text: &'a str,
    /// The offset after each line break as miette counts them (`\n`,
    /// `\r\n`, a lone `\r`), starting with 0.
    lines: Vec<usize>,
}

impl<'a> Snippets<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut lines = vec![0];
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            if b[i] == b'\n' || b[i] == b'\r' {
                lines.push(i + 1);
            }
            i += 1;
        }
        Snippets { name, text, lines }
    }

    /// The file's name, as given.
    pub fn name(&self) -> &str {
        self.name
    }
}

impl miette::SourceCode for Snippets<'_> {
    fn read_span<'s>(
        &'s self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'s> + 's>, miette::MietteError> {
        // miette's own reading, from the start of a line far enough before
        // the span that the context is the same as from the file's start;
        // then the offsets and line numbers are moved back.
        let line = self.lines.partition_point(|&l| l <= span.offset()) - 1;
        let first = line.saturating_sub(before + 1);
        let base = self.lines[first];
        let at = miette::SourceSpan::from((span.offset().saturating_sub(base), span.len()));
        let c = self.text[base..].read_span(&at, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            c.data(),
            (c.span().offset() + base, c.span().len()).into(),
            c.line() + first,
            c.column(),
            c.line_count() + first,
        )))
    }
}

/// A diagnostic bundled with its source for miette.
struct Rendered<'a> {
    diagnostic: Cow<'a, Diagnostic>,
    source: Source<'a>,
}

enum Source<'a> {
    Whole(miette::NamedSource<String>),
    Lines(&'a Snippets<'a>),
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.diagnostic, f)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}({})",
            self.diagnostic.code, self.diagnostic.rule
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let d = &self.diagnostic;
        let mut help = d.help.as_deref().unwrap_or_default().to_string();
        if let Some(fix) = &d.fix {
            if !help.is_empty() {
                help.push('\n');
            }
            let how = match fix.applicability {
                Applicability::Safe => "fix available",
                Applicability::Unsafe => "suggested fix",
            };
            help.push_str(&format!("{how}: {}", fix.message));
        }
        // miette draws labels of this file only; name the others.
        for l in d.labels.iter().filter(|l| l.path.is_some()) {
            if !help.is_empty() {
                help.push('\n');
            }
            let path = l.path.as_deref().unwrap_or_default();
            help.push_str(&format!(
                "see {path}:{}:{}: {}",
                l.span.line, l.span.column, l.message
            ));
        }
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(match &self.source {
            Source::Whole(s) => s,
            Source::Lines(s) => *s,
        })
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let d = &self.diagnostic;
        let primary = miette::LabeledSpan::new_primary_with_span(
            Some(d.rule.to_string()),
            (d.span.start, d.span.len()),
        );
        let others = d.labels.iter().filter(|l| l.path.is_none()).map(|l| {
            miette::LabeledSpan::new_with_span(
                Some(l.message.clone()),
                (l.span.start, l.span.len()),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(others)))
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "https://github.com/okr-lint/okr-lint/blob/main/docs/rules.md#{}",
            self.diagnostic.rule
        )))
    }
}
