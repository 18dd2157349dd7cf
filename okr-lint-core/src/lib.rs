//! okr-lint core: parse OKRs written in Markdown and check them against the
//! rules of a practical OKR writing guide. Pure: no I/O beyond what the
//! caller hands in.

pub mod analysis;
pub mod ast;
pub mod case;
pub mod config;
mod config_json;
pub mod diagnostic;
pub mod docs;
pub mod glob;
pub mod linter;
pub mod parser;
pub mod rule;
pub mod rules;
pub mod scan;
mod sort;
pub mod span;
pub mod summary;
pub mod words;

pub use config::{Config, ConfigError};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity, Snippets};
pub use linter::{lint, lint_workspace, report_json, Linter};
pub use parser::{parse, parse_with, Parsed};
pub use rule::{find_rule, RuleMeta, RULES};
pub use span::{LineIndex, Span};
