//! STIX 2.1 patterning (STIX 2.1 §9): the parser, the semantic checker, the evaluator of a
//! pattern against observed-data, and the compiler of simple patterns into typed index keys
//! for the log scanner.
//!
//! This crate owns the meaning of a pattern. It must never know about logs, storage, HTTP or
//! how results are printed: it takes text and JSON values and gives back trees, verdicts and
//! keys. Every entry point takes hostile input: errors carry a 0-based character position and
//! what was expected, evaluation work is bounded, nothing panics.
//!
//! # Against the reference tools
//!
//! ward answers as the OASIS reference tools do (PyPI `stix2-patterns` for validity,
//! `stix2-matcher` for matching; the differential tests compare them case by case), with
//! these exceptions, each on purpose:
//!
//! - **START not before STOP is invalid.** §9.6 makes START inclusive and STOP exclusive, so
//!   `START t'2024-01-02…' STOP t'2024-01-01…'` (or equal instants) can never match anything.
//!   stix2-patterns accepts it and stix2-matcher quietly answers "no match"; ward's checker
//!   refuses it (`ward pattern validate` and `match` exit 2), because an indicator that can
//!   never fire is a producer's mistake worth telling them about, not a negative answer.
//! - **Stacked qualifiers are valid.** The grammar lets an observation expression carry any
//!   number of qualifiers of any kind, and the specification sets no limit:
//!   `[a:b < 20] REPEATS 2 TIMES REPEATS 2 TIMES` parses and evaluates as stix2-matcher does
//!   (repeats multiply: four observations; stacked WITHIN and START/STOP all apply).
//!   stix2-patterns rejects a second qualifier of one kind ("Duplicate qualifier type"),
//!   a rule of its own.
//! - **Stricter literals.** Timestamps must be real instants, WITHIN and REPEATS values
//!   positive, a set literal of one type, MATCHES operands regular expressions, ISSUBSET and
//!   ISSUPERSET operands addresses or CIDR blocks (§9.3, §9.6, §9.7); stix2-patterns lets
//!   some of these through.
//! - **Two verdicts follow the specification** where stix2-matcher follows Python: a boolean
//!   is not equal to an integer in `IN (1)`, and LIKE's `%` spans newlines (§9.7). A plain
//!   address under ISSUPERSET compares as a /32 where stix2-matcher raises (§6.4).
//!
//! Where the reference raises, ward raises too: a comparison with a `t'…'` literal that meets
//! a string which is not a timestamp is [`EvalError::NotATimestamp`] (exit 2 from
//! `ward pattern match`), not a quiet "no match". A list index on a value that is not a list
//! (`[x:a[0] = 1]` where `a` is a string or an object) selects nothing, as in stix2-matcher:
//! no match, no error.
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
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

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
