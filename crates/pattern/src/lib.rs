//! STIX 2.1 patterning (STIX 2.1 §9): the parser, the semantic checker, the evaluator of a
//! pattern against observed-data, and the compiler of simple patterns into typed index keys
//! for the log scanner.
//!
//! This crate owns the meaning of a pattern. It must never know about logs, storage, HTTP or
//! how results are printed: it takes text and JSON values and gives back trees, verdicts and
//! keys. Every entry point takes hostile input: errors carry a 0-based character position and
//! what was expected, evaluation work is bounded, nothing panics.
//!
//! ```
//! let pattern = ward_pattern::check("[ipv4-addr:value = '198.51.100.1']").unwrap();
//! let bundle = serde_json::json!({"type": "bundle", "id": "bundle--1", "objects": [
//!     {"type": "observed-data", "id": "observed-data--1", "number_observed": 1,
//!      "first_observed": "2024-01-01T00:00:00Z", "last_observed": "2024-01-01T00:00:00Z",
//!      "object_refs": ["ipv4-addr--1"]},
//!     {"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "198.51.100.1"}]});
//! let outcome = ward_pattern::evaluate(&pattern, &bundle).unwrap();
//! assert!(outcome.matched);
//! assert_eq!(outcome.observed_data, vec!["observed-data--1".to_string()]);
//! ```

pub mod ast;
mod checker;
pub mod compile;
pub mod eval;
mod lexer;
pub mod net;
mod parser;

pub use ast::Pattern;
pub use compile::{compile, Compiled, IndexKey};
pub use eval::{evaluate, EvalError, EvalOptions, MatchOutcome, Matcher, Observations};

/// Why a pattern is not a valid STIX pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// The text does not follow the grammar.
    #[error("at position {position}: {message}")]
    Syntax { position: usize, message: String },
    /// The text parses but breaks a rule of the specification (timestamps, qualifier
    /// values, hash lengths, set types...).
    #[error("at position {position}: {message}")]
    Semantic { position: usize, message: String },
}

impl PatternError {
    /// 0-based character offset in the pattern where the problem is.
    pub fn position(&self) -> usize {
        match self {
            PatternError::Syntax { position, .. } | PatternError::Semantic { position, .. } => {
                *position
            }
        }
    }

    /// What was wrong and what was expected, without the position.
    pub fn message(&self) -> &str {
        match self {
            PatternError::Syntax { message, .. } | PatternError::Semantic { message, .. } => {
                message
            }
        }
    }
}

/// Parses a pattern against the grammar only (STIX 2.1 §9.3).
pub fn parse(text: &str) -> Result<Pattern, PatternError> {
    parser::parse(text)
}

/// Parses a pattern and applies the specification's semantic rules: what `ward validate`
/// and the hub run on every indicator whose `pattern_type` is `stix`.
pub fn check(text: &str) -> Result<Pattern, PatternError> {
    let pattern = parser::parse(text)?;
    checker::check(&pattern)?;
    Ok(pattern)
}
