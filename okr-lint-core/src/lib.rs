//! okr-lint core: parse OKRs written in Markdown and check them against the
//! rules of a practical OKR writing guide. Pure: no I/O beyond what the
//! caller hands in.

pub mod analysis;
pub mod ast;
pub mod diagnostic;
pub mod parser;
pub mod span;
pub mod words;

pub use parser::{parse, parse_with, Parsed};
