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
mod oneshot;

use std::collections::HashMap;

use serde_json::{Map, Value};
use ward_stix::Timestamp;

use crate::ast::{
    ComparisonExpr, Literal, ObservationExpr, Operator, PathStep, Pattern, Qualifier,
};
use crate::net::IpNet;
use crate::PatternError;

pub(crate) use compare::cached_regex;

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

/// Collects the input's objects as runs (a bundle's `objects` array, or one object of a
/// JSON array), so that a 100k-object bundle is one run rather than a 100k-entry list.
/// Entries of a run that are not objects are to be skipped ([`objects`]).
pub(crate) fn collect_objects<'a>(
    input: &'a Value,
    out: &mut Vec<&'a [Value]>,
) -> Result<(), EvalError> {
    match input {
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) if type_of(item) == Some("bundle") => {
                        collect_objects(item, out)?
                    }
                    Value::Object(_) => out.push(std::slice::from_ref(item)),
                    other => {
                        return Err(EvalError::NotStix {
                            found: format!("{} in the array", describe(other)),
                        })
                    }
                }
            }
            Ok(())
        }
        Value::Object(m) if type_of(input) == Some("bundle") => match field(m, "objects") {
            Some(Value::Array(items)) => {
                out.push(items);
                Ok(())
            }
            None => Ok(()),
            Some(other) => Err(EvalError::NotStix {
                found: format!("a bundle whose objects is {}", describe(other)),
            }),
        },
        Value::Object(_) => {
            out.push(std::slice::from_ref(input));
            Ok(())
        }
        other => Err(EvalError::NotStix {
            found: describe(other),
        }),
    }
}

/// The objects of the runs [`collect_objects`] gathered, in input order.
pub(crate) fn objects<'r, 'a: 'r>(
    runs: &'r [&'a [Value]],
) -> impl DoubleEndedIterator<Item = &'a Value> + 'r {
    runs.iter()
        .flat_map(|run| run.iter().filter(|v| v.is_object()))
}

/// Ids of the objects that `object_refs` may name. foldhash rather than SipHash: this map
/// is the largest cost of reading a big bundle, and foldhash is still seeded per map.
/// Entries are kept small (two pointers and a length): on a 100k-object bundle the memory
/// first touched, page by page, costs as much as the hashing.
type IdIndex<'a> = HashMap<&'a str, &'a Value, foldhash::fast::RandomState>;

/// An object's `type` and `id`, read together in one pass over its first properties.
pub(crate) fn type_and_id(map: &Map<String, Value>) -> (Option<&str>, Option<&str>) {
    let (mut object_type, mut id) = (None, None);
    for (k, v) in map {
        if is(k, b"type") {
            object_type = v.as_str();
        } else if is(k, b"id") {
            id = v.as_str();
        } else {
            continue;
        }
        // Both usually come first; the rest of the object is not needed here.
        if object_type.is_some() && id.is_some() {
            break;
        }
    }
    (object_type, id)
}

impl<'a> Observations<'a> {
    /// Reads every observed-data of a bundle, an array of bundles, or an array of objects.
    pub fn from_json(input: &'a Value) -> Result<Observations<'a>, EvalError> {
        let mut runs = Vec::new();
        collect_objects(input, &mut runs)?;
        // Bundles usually hold about as many SCOs as observed-data or more; the map grows
        // if there are more.
        let count: usize = runs.iter().map(|r| r.len()).sum();
        let mut by_id = IdIndex::with_capacity_and_hasher(count / 2, Default::default());
        let mut observed = Vec::new();
        for obj in objects(&runs) {
            let Value::Object(map) = obj else { continue };
            match type_and_id(map) {
                (Some(t), _) if is(t, b"observed-data") => observed.push(map),
                (_, Some(id)) => {
                    by_id.entry(id).or_insert(obj);
                }
                _ => {}
            }
        }
        let mut list = Vec::with_capacity(observed.len());
        let mut scos = Vec::with_capacity(observed.len());
        let mut times = TimeMemo::default();
        for map in observed {
            list.push(read_observed_data(map, &by_id, &mut scos, &mut times)?);
        }
        Ok(Observations { list, scos })
    }

    /// Number of observed-data read.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// The last timestamp text read and its value. Observed-data written together (one batch,
/// one log second) often share their times, and comparing the text costs a fraction of
/// parsing it; a miss costs one short comparison.
#[derive(Default)]
pub(crate) struct TimeMemo<'a> {
    pub(crate) last: Option<(&'a str, i128)>,
}

impl<'a> TimeMemo<'a> {
    fn parse(&mut self, text: &'a str) -> Result<i128, ward_stix::timestamp::TimestampError> {
        if let Some((seen, nanos)) = self.last {
            if same(seen, text) {
                return Ok(nanos);
            }
        }
        let nanos = Timestamp::parse(text)?.as_nanos();
        self.last = Some((text, nanos));
        Ok(nanos)
    }
}

/// The properties of an observed-data that evaluation reads, found in one pass.
#[derive(Default)]
struct ObservedFields<'a> {
    id: Option<&'a Value>,
    first: Option<&'a Value>,
    last: Option<&'a Value>,
    count: Option<&'a Value>,
    refs: Option<&'a Value>,
    embedded: Option<&'a Value>,
}

/// Where an observation's SCOs are.
pub(crate) enum Sources<'a> {
    /// STIX 2.1: ids, each checked to be a string when read ([`ref_id`]).
    Refs(&'a [Value]),
    /// STIX 2.0: the embedded dictionary, keyed by the names references use.
    Embedded(&'a Map<String, Value>),
}

/// An observed-data's own properties, checked.
pub(crate) struct Header<'a> {
    pub id: &'a str,
    pub first: i128,
    pub last: i128,
    pub count: u32,
    pub sources: Sources<'a>,
}

/// Reads and checks an observed-data's properties (not yet its references).
pub(crate) fn read_header<'a>(
    map: &'a Map<String, Value>,
    times: &mut TimeMemo<'a>,
) -> Result<Header<'a>, EvalError> {
    let mut f = ObservedFields::default();
    for (k, v) in map {
        // Dispatch on the length first: most keys are then dismissed without reading them.
        let slot = match k.len() {
            2 if is(k, b"id") => &mut f.id,
            14 if is(k, b"first_observed") => &mut f.first,
            13 if is(k, b"last_observed") => &mut f.last,
            15 if is(k, b"number_observed") => &mut f.count,
            11 if is(k, b"object_refs") => &mut f.refs,
            7 if is(k, b"objects") => &mut f.embedded,
            _ => continue,
        };
        *slot = Some(v);
    }
    let id =
        f.id.and_then(Value::as_str)
            .unwrap_or("observed-data without id");
    let bad = |property: &'static str, expected: &str| bad_property(id, property, expected);
    // The memo's hit, checked here so that the common case skips the closure's machinery.
    let quick = |value: Option<&Value>| match (value, times.last) {
        (Some(Value::String(text)), Some((seen, nanos))) if same(seen, text) => Some(nanos),
        _ => None,
    };
    let (first_hit, last_hit) = (quick(f.first), quick(f.last));
    let mut time = |property: &'static str, value: Option<&'a Value>| -> Result<i128, EvalError> {
        let text = value
            .and_then(Value::as_str)
            .ok_or_else(|| bad(property, "a timestamp string"))?;
        times.parse(text).map_err(|e| bad(property, &e.to_string()))
    };
    let first = match first_hit {
        Some(nanos) => nanos,
        None => time("first_observed", f.first)?,
    };
    let last = match last_hit {
        Some(nanos) => nanos,
        None => time("last_observed", f.last)?,
    };
    if last < first {
        return Err(bad("last_observed", "a time not before first_observed"));
    }
    let count = f
        .count
        .and_then(Value::as_u64)
        .filter(|n| (1..=999_999_999).contains(n))
        .ok_or_else(|| bad("number_observed", "an integer from 1 to 999999999"))?
        as u32;
    let sources = match (f.refs, f.embedded) {
        (Some(Value::Array(refs)), _) => Sources::Refs(refs),
        (None, Some(Value::Object(embedded))) => Sources::Embedded(embedded),
        _ => {
            return Err(bad(
                "object_refs",
                "a list of SCO identifiers (or a 2.0 objects dictionary)",
            ))
        }
    };
    Ok(Header {
        id,
        first,
        last,
        count,
        sources,
    })
}

fn bad_property(object: &str, property: &'static str, expected: &str) -> EvalError {
    EvalError::BadObservedData {
        object: object.to_string(),
        property,
        expected: expected.to_string(),
    }
}

/// One entry of `object_refs`, which must be a string.
pub(crate) fn ref_id<'a>(header_id: &str, r: &'a Value) -> Result<&'a str, EvalError> {
    r.as_str()
        .ok_or_else(|| bad_property(header_id, "object_refs", "a list of identifiers"))
}

fn read_observed_data<'a>(
    map: &'a Map<String, Value>,
    by_id: &IdIndex<'a>,
    scos: &mut Vec<Sco<'a>>,
    times: &mut TimeMemo<'a>,
) -> Result<Observation<'a>, EvalError> {
    let header = read_header(map, times)?;
    let start = scos.len();
    match header.sources {
        Sources::Refs(refs) => {
            for r in refs {
                let r = ref_id(header.id, r)?;
                if let Some(&value) = by_id.get(r) {
                    scos.push(Sco { key: r, value });
                }
            }
        }
        Sources::Embedded(embedded) => {
            for (key, value) in embedded {
                scos.push(Sco {
                    key: key.as_str(),
                    value,
                });
            }
        }
    }
    Ok(Observation {
        id: header.id,
        first: header.first,
        last: header.last,
        count: header.count,
        scos: start..scos.len(),
    })
}

// ---- the pattern in evaluable form -------------------------------------------------------

/// A literal with its runtime representation (bytes decoded, timestamps as nanoseconds).
#[derive(Debug, Clone)]
pub(crate) enum Lit {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    Bytes(Vec<u8>),
    Time(i128),
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum OrderOp {
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug)]
pub(crate) enum Pred {
    Eq(Lit),
    Ne(Lit),
    Order(OrderOp, Lit),
    In(Vec<Lit>),
    Like(Vec<char>),
    Matches(std::sync::Arc<compare::PatternRegex>),
    IsSubset(IpNet),
    IsSuperset(IpNet),
    Exists,
}

#[derive(Debug)]
pub(crate) struct Test {
    pub object_type: String,
    pub steps: Vec<Step>,
    pub negated: bool,
    pub pred: Pred,
}

/// How a property's value is read, decided by its name's suffix (STIX 2.1 §9.4, §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Plain,
    /// `*_hex`: a hex string read as bytes.
    Hex,
    /// `*_bin`: a base64 string read as bytes.
    Bin,
    /// `*_ref`: an id followed to the object it names.
    Ref,
    /// `*_refs`: a list of ids followed to the objects they name.
    Refs,
}

/// A path step with its key's kind decided once, not on every object walked.
#[derive(Debug)]
pub(crate) enum Step {
    Key(String, KeyKind),
    Index(i64),
    AnyIndex,
}

fn step(s: &PathStep) -> Step {
    match s {
        PathStep::Key(key) => {
            let kind = if key.ends_with("_hex") {
                KeyKind::Hex
            } else if key.ends_with("_bin") {
                KeyKind::Bin
            } else if key.ends_with("_ref") {
                KeyKind::Ref
            } else if key.ends_with("_refs") {
                KeyKind::Refs
            } else {
                KeyKind::Plain
            };
            Step::Key(key.clone(), kind)
        }
        PathStep::Index(i) => Step::Index(*i),
        PathStep::AnyIndex => Step::AnyIndex,
    }
}

#[derive(Debug)]
pub(crate) enum Cond {
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Test(Test),
    /// An OR of tests of one property of one object type (`[ipv4-addr:value = 'a' OR
    /// ipv4-addr:value ISSUBSET 'b/24' OR ...]`, the commonest indicator): the type is
    /// checked and the property found once, then each `(predicate, negated)` tried.
    AnyOf {
        object_type: String,
        key: String,
        preds: Vec<(Pred, bool)>,
    },
}

/// The tests of one plain property of one object type, as [`Cond::AnyOf`] holds them.
struct Property {
    object_type: String,
    key: String,
    preds: Vec<(Pred, bool)>,
}

/// The condition as tests of one property, when it is (EXISTS excluded: its answer on a
/// missing property differs); otherwise the condition back.
fn as_property(c: Cond) -> Result<Property, Cond> {
    match c {
        Cond::Test(Test {
            object_type,
            mut steps,
            negated,
            pred,
        }) if !matches!(pred, Pred::Exists)
            && matches!(steps.as_slice(), [Step::Key(_, KeyKind::Plain)]) =>
        {
            match steps.pop() {
                Some(Step::Key(key, _)) => Ok(Property {
                    object_type,
                    key,
                    preds: vec![(pred, negated)],
                }),
                // The guard admitted one plain key only.
                _ => Err(Cond::AnyOf {
                    object_type,
                    key: String::new(),
                    preds: Vec::new(),
                }),
            }
        }
        Cond::AnyOf {
            object_type,
            key,
            preds,
        } => Ok(Property {
            object_type,
            key,
            preds,
        }),
        other => Err(other),
    }
}

fn any_of(p: Property) -> Cond {
    Cond::AnyOf {
        object_type: p.object_type,
        key: p.key,
        preds: p.preds,
    }
}

/// `a OR b`, merged into one [`Cond::AnyOf`] when both test the same property.
fn or(a: Cond, b: Cond) -> Cond {
    match (as_property(a), as_property(b)) {
        (Ok(mut x), Ok(y)) if x.object_type == y.object_type && x.key == y.key => {
            x.preds.extend(y.preds);
            any_of(x)
        }
        (x, y) => Cond::Or(
            Box::new(x.map_or_else(|c| c, any_of)),
            Box::new(y.map_or_else(|c| c, any_of)),
        ),
    }
}

#[derive(Debug)]
pub(crate) enum Node {
    Simple(Cond),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    FollowedBy(Box<Node>, Box<Node>),
    Within(Box<Node>, i128),
    Repeats(Box<Node>, u64),
    StartStop(Box<Node>, i128, i128),
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

fn semantic(position: usize, message: String) -> PatternError {
    PatternError::Semantic { position, message }
}

fn time_nanos(text: &str, position: usize) -> Result<i128, PatternError> {
    Timestamp::parse(text)
        .map(|t| t.as_nanos())
        .map_err(|e| semantic(position, format!("invalid timestamp t'{text}': {e}")))
}

fn lit(l: &Literal, position: usize) -> Result<Lit, PatternError> {
    Ok(match l {
        Literal::Int(i) => Lit::Int(*i),
        Literal::Float(x) => Lit::Float(*x),
        Literal::Str(s) => Lit::Str(s.clone()),
        Literal::Bool(b) => Lit::Bool(*b),
        Literal::Hex(b) | Literal::Base64(b) => Lit::Bytes(b.clone()),
        Literal::Timestamp(t) => Lit::Time(time_nanos(t, position)?),
    })
}

fn cond(expr: &ComparisonExpr) -> Result<Cond, PatternError> {
    Ok(match expr {
        ComparisonExpr::And(a, b) => Cond::And(Box::new(cond(a)?), Box::new(cond(b)?)),
        ComparisonExpr::Or(a, b) => or(cond(a)?, cond(b)?),
        ComparisonExpr::Group(inner) => cond(inner)?,
        ComparisonExpr::Test(c) => {
            let pos = c.value_position;
            let net = |s: &str| {
                IpNet::parse(s).ok_or_else(|| {
                    semantic(
                        pos,
                        format!("expected an IP address or CIDR block, got {s:?}"),
                    )
                })
            };
            let pred = match &c.op {
                Operator::Eq(l) => Pred::Eq(lit(l, pos)?),
                Operator::Ne(l) => Pred::Ne(lit(l, pos)?),
                Operator::Lt(l) => Pred::Order(OrderOp::Lt, lit(l, pos)?),
                Operator::Le(l) => Pred::Order(OrderOp::Le, lit(l, pos)?),
                Operator::Gt(l) => Pred::Order(OrderOp::Gt, lit(l, pos)?),
                Operator::Ge(l) => Pred::Order(OrderOp::Ge, lit(l, pos)?),
                Operator::In(set) => {
                    Pred::In(set.iter().map(|l| lit(l, pos)).collect::<Result<_, _>>()?)
                }
                Operator::Like(s) => Pred::Like(compare::nfc(s).chars().collect()),
                Operator::Matches(s) => Pred::Matches(compare::cached_regex(s).map_err(|e| {
                    semantic(
                        pos,
                        format!("expected a regular expression after MATCHES: {e}"),
                    )
                })?),
                Operator::IsSubset(s) => Pred::IsSubset(net(s)?),
                Operator::IsSuperset(s) => Pred::IsSuperset(net(s)?),
                Operator::Exists => Pred::Exists,
            };
            Cond::Test(Test {
                object_type: c.path.object_type.clone(),
                steps: c.path.steps.iter().map(step).collect(),
                negated: c.negated,
                pred,
            })
        }
    })
}

fn node(expr: &ObservationExpr) -> Result<Node, PatternError> {
    Ok(match expr {
        ObservationExpr::Observation { comparison, .. } => Node::Simple(cond(comparison)?),
        ObservationExpr::And(a, b) => Node::And(Box::new(node(a)?), Box::new(node(b)?)),
        ObservationExpr::Or(a, b) => Node::Or(Box::new(node(a)?), Box::new(node(b)?)),
        ObservationExpr::FollowedBy(a, b) => {
            Node::FollowedBy(Box::new(node(a)?), Box::new(node(b)?))
        }
        ObservationExpr::Group(inner) => node(inner)?,
        ObservationExpr::Qualified {
            expr,
            qualifier,
            position,
        } => {
            let inner = Box::new(node(expr)?);
            match qualifier {
                Qualifier::Within { seconds } => {
                    Node::Within(inner, (seconds * 1e9).round() as i128)
                }
                Qualifier::Repeats { times } => Node::Repeats(inner, *times),
                Qualifier::StartStop { start, stop } => Node::StartStop(
                    inner,
                    time_nanos(start, *position)?,
                    time_nanos(stop, *position)?,
                ),
            }
        }
    })
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
