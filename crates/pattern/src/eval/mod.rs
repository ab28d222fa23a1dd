//! Evaluation of a pattern against observed-data (STIX 2.1 §9 semantics).
//!
//! Input is a bundle, a JSON array of bundles, or a list of STIX objects. Each observed-data
//! is one observation: in STIX 2.1 its SCOs are the ones named by `object_refs` (looked up in
//! every bundle given), in STIX 2.0 they are embedded in its `objects` dictionary; references
//! (`*_ref`, `*_refs`) resolve among the SCOs of the same observation. An observed-data with
//! `number_observed = n` stands for n observations at the same times (as in the reference
//! matcher), so it can satisfy `REPEATS n TIMES` on its own; no observation instance is used
//! twice in one binding.
//!
//! Work is bounded: the binding search counts its steps and the bindings it keeps
//! ([`EvalOptions`]). A match found within the budget is reported (its observed-data list may
//! then be partial, see [`MatchOutcome::complete`]); no match within the budget is an error,
//! never a wrong "no".
//!
//! Two ways in, one answer: [`Observations::from_json`] reads the input once into an index
//! that any number of [`Matcher`]s evaluate; [`Matcher::evaluate_json`] (and [`evaluate`])
//! read and evaluate in one go, and for a single `[...]` without qualifiers that follows no
//! reference (most indicators) skip the index altogether (`oneshot`). Both paths make the
//! same checks in the same order, so they give the same outcome or the same error.

mod bind;
mod compare;
mod cond;
mod input;
mod oneshot;

use serde_json::{Map, Value};

use crate::ast::Pattern;
use crate::PatternError;

pub(crate) use compare::cached_regex;
use cond::{node, Cond, KeyKind, Lit, Node, OrderOp, Pred, Step, Test};
use input::{collect_objects, read_header, ref_id, type_and_id, Sources, TimeMemo};

/// Why a pattern could not be evaluated on some input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    #[error("expected a bundle, a JSON array of bundles, or STIX objects; got {found}")]
    NotStix { found: String },
    #[error("{object}: property {property}: expected {expected}")]
    BadObservedData {
        object: String,
        property: &'static str,
        expected: String,
    },
    #[error(
        "no match found within the evaluation budget ({steps} binding steps); the pattern \
         combines too many observations to decide"
    )]
    TooComplex { steps: u64 },
    #[error("invalid pattern: {0}")]
    Pattern(#[from] PatternError),
    /// A comparison with a timestamp literal met a string that is not a timestamp; the
    /// reference matcher raises here too ("Invalid timestamp in JSON"), since no answer of
    /// the comparison would mean anything.
    #[error(
        "{observed_data}: {object}: property {path}: expected a timestamp to compare with \
         the pattern's t'...' literal, got {value:?}"
    )]
    NotATimestamp {
        observed_data: String,
        object: String,
        path: String,
        value: String,
    },
}

/// Limits of the binding search (the combinatorial part: AND, FOLLOWEDBY, REPEATS).
#[derive(Debug, Clone, Copy)]
pub struct EvalOptions {
    /// Candidate combinations examined before giving up.
    pub max_steps: u64,
    /// Distinct bindings kept for one sub-expression.
    pub max_bindings: usize,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            max_steps: 5_000_000,
            max_bindings: 100_000,
        }
    }
}

/// The verdict of a pattern on a set of observations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchOutcome {
    pub matched: bool,
    /// Ids of the observed-data that take part in a satisfying binding, in input order.
    pub observed_data: Vec<String>,
    /// False when the budget stopped the search after a match was found: `observed_data`
    /// then lists the observations of the bindings found so far.
    pub complete: bool,
}

/// One SCO of an observation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sco<'a> {
    /// The id (or 2.0 dictionary key) that references resolve against.
    pub key: &'a str,
    pub value: &'a Value,
}

/// One observation: an observed-data and where its SCOs are in [`Observations::scos`].
#[derive(Debug)]
pub(crate) struct Observation<'a> {
    pub id: &'a str,
    pub first: i128,
    pub last: i128,
    pub count: u32,
    pub scos: std::ops::Range<usize>,
}

/// Observed-data read from JSON, borrowed from it: read once, then evaluated by any number
/// of [`Matcher`]s. The SCOs of all observations sit in one array, so that reading 100k
/// observed-data makes a handful of allocations rather than one per observation.
#[derive(Debug)]
pub struct Observations<'a> {
    pub(crate) list: Vec<Observation<'a>>,
    pub(crate) scos: Vec<Sco<'a>>,
}

/// Byte equality of two short strings without a call into libc's `memcmp`: property
/// names, types and most values are under 16 bytes, and on the hot path the call costs
/// more than the comparison. Two overlapping word loads cover 8 to 16 bytes.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_ne_bytes(w)
    };
    let n = a.len();
    match n {
        0..=7 => a.iter().zip(b).all(|(x, y)| x == y),
        // Timestamps (20 to 30 bytes) come here too: whole words, then the last one.
        8..=32 => {
            (0..n / 8).all(|k| word(a, 8 * k) == word(b, 8 * k)) && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

/// `same` for a literal: the compiler sees its length and unrolls the comparison.
#[inline]
pub(crate) fn is<const N: usize>(s: &str, literal: &[u8; N]) -> bool {
    <&[u8; N]>::try_from(s.as_bytes()).is_ok_and(|a| a == literal)
}

/// serde_json's map hashes the key (SipHash) on every `get`; STIX objects have a dozen
/// properties at most, and comparing that many short keys costs less than one hash.
pub(crate) fn field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if map.len() <= 16 {
        map.iter().find(|(k, _)| same(k, key)).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

pub(crate) fn type_of(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) => field(map, "type").and_then(Value::as_str),
        _ => None,
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(_) => "a number".into(),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A pattern prepared for evaluation: regular expressions compiled, literals decoded.
/// Build it once and evaluate it on many inputs.
#[derive(Debug)]
pub struct Matcher {
    root: Node,
    options: EvalOptions,
    /// The root is one `[...]` that [`oneshot`] can evaluate straight from JSON.
    one_pass: bool,
    /// Some comparison has a timestamp literal: every value such a comparison reads must
    /// be a timestamp ([`EvalError::NotATimestamp`]), checked before the search.
    time_literals: bool,
}

/// Every `[...]` of the tree.
fn simple_conds<'n>(node: &'n Node, out: &mut Vec<&'n Cond>) {
    match node {
        Node::Simple(c) => out.push(c),
        Node::And(a, b) | Node::Or(a, b) | Node::FollowedBy(a, b) => {
            simple_conds(a, out);
            simple_conds(b, out);
        }
        Node::Within(inner, _) | Node::Repeats(inner, _) | Node::StartStop(inner, _, _) => {
            simple_conds(inner, out)
        }
    }
}

/// Fails on the first value, in input order, that a comparison with a timestamp literal
/// reads and that is a string but not a timestamp. Every observation is looked at, not
/// only those the search would reach, so the answer does not depend on evaluation order.
fn check_time_values(root: &Node, observations: &Observations<'_>) -> Result<(), EvalError> {
    let mut conds = Vec::new();
    simple_conds(root, &mut conds);
    for obs in &observations.list {
        let scos = &observations.scos[obs.scos.clone()];
        for sco in scos {
            for cond in &conds {
                if let Some((path, value)) = compare::not_a_timestamp(cond, scos, sco) {
                    return Err(EvalError::NotATimestamp {
                        observed_data: obs.id.to_string(),
                        object: sco.key.to_string(),
                        path,
                        value: value.to_string(),
                    });
                }
            }
        }
    }
    Ok(())
}

impl Matcher {
    /// Prepares a pattern (normally one that passed [`crate::check`]).
    pub fn new(pattern: &Pattern) -> Result<Matcher, PatternError> {
        Matcher::with_options(pattern, EvalOptions::default())
    }

    pub fn with_options(pattern: &Pattern, options: EvalOptions) -> Result<Matcher, PatternError> {
        let root = node(&pattern.root)?;
        let mut conds = Vec::new();
        simple_conds(&root, &mut conds);
        let time_literals = conds.iter().any(|c| compare::has_time_literal(c));
        let one_pass =
            !time_literals && matches!(&root, Node::Simple(cond) if oneshot::applies(cond));
        Ok(Matcher {
            root,
            options,
            one_pass,
            time_literals,
        })
    }

    /// Evaluates the pattern on the observations.
    pub fn evaluate(&self, observations: &Observations<'_>) -> Result<MatchOutcome, EvalError> {
        if self.time_literals {
            check_time_values(&self.root, observations)?;
        }
        bind::run(
            &self.root,
            observations,
            self.options,
            bind::Want::Everything,
        )
    }

    /// Reads `input` (bundle, array of bundles, or objects) and evaluates: the answer of
    /// `evaluate(&Observations::from_json(input)?)`, errors included. When the pattern is a
    /// single `[...]` without qualifiers that follows no reference, it is computed in one
    /// pass without an index of every id; prefer this when the input is read only once.
    pub fn evaluate_json(&self, input: &Value) -> Result<MatchOutcome, EvalError> {
        match &self.root {
            Node::Simple(cond) if self.one_pass => oneshot::run(cond, input, self.options),
            _ => self.evaluate(&Observations::from_json(input)?),
        }
    }

    /// The verdict alone: the same answer as `evaluate(..)?.matched`, but the search stops
    /// at the first satisfying binding when it can (a single `[...]` without qualifiers
    /// stops at the first observed-data that satisfies it).
    pub fn is_match(&self, observations: &Observations<'_>) -> Result<bool, EvalError> {
        if self.time_literals {
            check_time_values(&self.root, observations)?;
        }
        bind::run(&self.root, observations, self.options, bind::Want::Verdict)
            .map(|outcome| outcome.matched)
    }
}

/// Convenience: prepares `pattern`, reads `input` (bundle, array of bundles, or objects) and
/// evaluates.
pub fn evaluate(pattern: &Pattern, input: &Value) -> Result<MatchOutcome, EvalError> {
    Matcher::new(pattern)?.evaluate_json(input)
}

#[cfg(test)]
mod tests {
    use super::{is, same};
    use proptest::prelude::*;

    proptest! {
        /// The word-wise comparison is string equality, at every length and wherever the
        /// strings differ (equal lengths are forced half of the time).
        #[test]
        fn same_is_equality(a in "[ab]{0,40}", b in "[ab]{0,40}", force in any::<bool>()) {
            let b = if force {
                let mut b = b.clone();
                b.truncate(a.len());
                while b.len() < a.len() {
                    b.push('a');
                }
                b
            } else {
                b
            };
            prop_assert_eq!(same(&a, &b), a == b);
            prop_assert!(same(&a, &a));
        }
    }

    #[test]
    fn literal_comparison_is_equality() {
        assert!(is("observed-data", b"observed-data"));
        assert!(!is("observed-datA", b"observed-data"));
        assert!(!is("observed-dat", b"observed-data"));
        assert!(!is("", b"id"));
        assert!(is("id", b"id"));
    }
}
