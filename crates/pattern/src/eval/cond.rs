//! The pattern in evaluable form: conditions and observation nodes built from the parsed
//! pattern, regular expressions compiled and literals decoded.

use ward_stix::Timestamp;

use crate::ast::{ComparisonExpr, Literal, ObservationExpr, Operator, PathStep, Qualifier};
use crate::net::IpNet;
use crate::PatternError;

use super::compare;

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

pub(super) fn node(expr: &ObservationExpr) -> Result<Node, PatternError> {
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
