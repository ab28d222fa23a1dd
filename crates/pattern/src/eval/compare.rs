//! One comparison on one SCO: walking the object path and applying the operator (§9.7).
//!
//! Type rules, as the specification and the reference matcher apply them: numbers compare
//! across integer and float; strings compare by code point; booleans only equal booleans;
//! a binary value (`h''`, `b''`, or a property whose name ends in `_hex` or `_bin`) compares
//! with a string whose code points are all below 256, taken as bytes; a timestamp literal
//! compares with a property string read as a timestamp. Any other pairing is "not equal" and
//! "not ordered". `NOT` negates the result for each value; the comparison holds when any
//! value the path selects satisfies it.

use std::cmp::Ordering;

use serde_json::Value;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use ward_stix::Timestamp;

use super::{Cond, Lit, Observation, OrderOp, Pred, Test};
use crate::ast::PathStep;
use crate::lexer::{decode_base64, decode_hex};
use crate::net::IpNet;

/// Backtracking limit for MATCHES: a hostile expression stops there and counts as no match.
const REGEX_BACKTRACK_LIMIT: usize = 1_000_000;

pub(crate) fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// Compiles a MATCHES operand; the error is the engine's description of the problem.
pub(crate) fn compile_regex(re: &str) -> Result<fancy_regex::Regex, String> {
    fancy_regex::RegexBuilder::new(&nfc(re))
        .backtrack_limit(REGEX_BACKTRACK_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// A MATCHES operand: the expression, and whether it can apply to binary values (all of its
/// code points below 256, so that each byte is read as the code point of the same value).
#[derive(Debug)]
pub(crate) struct PatternRegex {
    regex: fancy_regex::Regex,
    binary_ok: bool,
}

impl PatternRegex {
    pub(crate) fn new(re: &str) -> Result<PatternRegex, String> {
        Ok(PatternRegex {
            regex: compile_regex(re)?,
            binary_ok: re.chars().all(|c| (c as u32) < 256),
        })
    }

    fn is_match(&self, text: &str) -> bool {
        // Exceeding the backtrack limit is an error in fancy-regex; it is not a match.
        self.regex.is_match(text).unwrap_or(false)
    }
}

/// A value the object path selected.
#[derive(Debug)]
enum Val<'a> {
    Json(&'a Value),
    Bytes(Vec<u8>),
    /// The objects a `*_refs` list resolved to; behaves as a list for index steps.
    Refs(Vec<&'a Value>),
}

fn resolve<'a>(obs: &Observation<'a>, id: &str) -> Option<&'a Value> {
    obs.objects
        .iter()
        .find(|(key, _)| *key == id)
        .map(|(_, v)| *v)
}

/// Selects the values at `steps` under `root`, following references within `obs`.
fn walk<'a>(obs: &Observation<'a>, root: &'a Value, steps: &[PathStep]) -> Vec<Val<'a>> {
    let mut frontier = vec![Val::Json(root)];
    for step in steps {
        let mut next = Vec::new();
        for val in frontier {
            match step {
                PathStep::Key(key) => {
                    let Val::Json(Value::Object(map)) = val else {
                        continue;
                    };
                    let Some(v) = map.get(key) else { continue };
                    if key.ends_with("_hex") {
                        if let Some(b) = v.as_str().and_then(decode_hex) {
                            next.push(Val::Bytes(b));
                        }
                    } else if key.ends_with("_bin") {
                        if let Some(b) = v.as_str().and_then(decode_base64) {
                            next.push(Val::Bytes(b));
                        }
                    } else if key.ends_with("_ref") {
                        if let Some(target) = v.as_str().and_then(|id| resolve(obs, id)) {
                            next.push(Val::Json(target));
                        }
                    } else if key.ends_with("_refs") {
                        if let Value::Array(ids) = v {
                            let targets: Vec<&Value> = ids
                                .iter()
                                .filter_map(|id| id.as_str().and_then(|id| resolve(obs, id)))
                                .collect();
                            if !targets.is_empty() {
                                next.push(Val::Refs(targets));
                            }
                        }
                    } else {
                        next.push(Val::Json(v));
                    }
                }
                PathStep::Index(i) => {
                    let Ok(i) = usize::try_from(*i) else { continue };
                    match val {
                        Val::Json(Value::Array(items)) => {
                            if let Some(v) = items.get(i) {
                                next.push(Val::Json(v));
                            }
                        }
                        Val::Refs(items) => {
                            if let Some(v) = items.get(i) {
                                next.push(Val::Json(v));
                            }
                        }
                        _ => {}
                    }
                }
                PathStep::AnyIndex => match val {
                    Val::Json(Value::Array(items)) => next.extend(items.iter().map(Val::Json)),
                    Val::Refs(items) => next.extend(items.into_iter().map(Val::Json)),
                    _ => {}
                },
            }
        }
        if next.is_empty() {
            return next;
        }
        frontier = next;
    }
    frontier
}

/// The string's code points as bytes, when they all fit in one byte.
fn latin1(s: &str) -> Option<Vec<u8>> {
    s.chars().map(|c| u8::try_from(c as u32).ok()).collect()
}

fn latin1_string(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn parse_time(s: &str) -> Option<i128> {
    Timestamp::parse(s).ok().map(|t| t.as_nanos())
}

fn cmp_number(n: &serde_json::Number, lit: &Lit) -> Option<Ordering> {
    match lit {
        Lit::Int(i) => {
            if let Some(v) = n.as_i64() {
                Some(v.cmp(i))
            } else if n.as_u64().is_some() {
                Some(Ordering::Greater)
            } else {
                n.as_f64()?.partial_cmp(&(*i as f64))
            }
        }
        Lit::Float(x) => n.as_f64()?.partial_cmp(x),
        _ => None,
    }
}

fn equals(lit: &Lit, val: &Val<'_>) -> bool {
    match (lit, val) {
        (Lit::Int(_) | Lit::Float(_), Val::Json(Value::Number(n))) => {
            cmp_number(n, lit) == Some(Ordering::Equal)
        }
        (Lit::Str(s), Val::Json(Value::String(v))) => s == v,
        (Lit::Str(s), Val::Bytes(b)) => latin1(s).as_deref() == Some(b.as_slice()),
        (Lit::Bool(b), Val::Json(Value::Bool(v))) => b == v,
        (Lit::Bytes(b), Val::Bytes(v)) => b == v,
        (Lit::Bytes(b), Val::Json(Value::String(s))) => latin1(s).as_deref() == Some(b.as_slice()),
        (Lit::Time(t), Val::Json(Value::String(s))) => parse_time(s) == Some(*t),
        _ => false,
    }
}

/// Orders the value against the literal (`value.cmp(literal)`), when the types allow it.
fn order(lit: &Lit, val: &Val<'_>) -> Option<Ordering> {
    match (lit, val) {
        (Lit::Int(_) | Lit::Float(_), Val::Json(Value::Number(n))) => cmp_number(n, lit),
        (Lit::Str(s), Val::Json(Value::String(v))) => Some(v.as_str().cmp(s.as_str())),
        (Lit::Str(s), Val::Bytes(b)) => latin1(s).map(|l| b.as_slice().cmp(l.as_slice())),
        (Lit::Bytes(b), Val::Bytes(v)) => Some(v.cmp(b)),
        (Lit::Bytes(b), Val::Json(Value::String(s))) => {
            latin1(s).map(|l| l.as_slice().cmp(b.as_slice()))
        }
        (Lit::Time(t), Val::Json(Value::String(s))) => parse_time(s).map(|v| v.cmp(t)),
        _ => None,
    }
}

/// SQL LIKE over whole strings: `%` any run of characters, `_` exactly one. Iterative with
/// one backtrack point, so the work is at most the product of the two lengths.
pub(crate) fn like(pattern: &[char], text: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == '%' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && (pattern[p] == '_' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '%')
}

fn holds(pred: &Pred, val: &Val<'_>) -> bool {
    match pred {
        Pred::Eq(l) => equals(l, val),
        Pred::Ne(l) => !equals(l, val),
        Pred::Order(op, l) => match order(l, val) {
            Some(o) => match op {
                OrderOp::Lt => o == Ordering::Less,
                OrderOp::Le => o != Ordering::Greater,
                OrderOp::Gt => o == Ordering::Greater,
                OrderOp::Ge => o != Ordering::Less,
            },
            None => false,
        },
        Pred::In(set) => set.iter().any(|l| equals(l, val)),
        Pred::Like(p) => match val {
            Val::Json(Value::String(s)) => like(p, &nfc(s)),
            Val::Bytes(b) => std::str::from_utf8(b).is_ok_and(|s| like(p, &nfc(s))),
            _ => false,
        },
        Pred::Matches(re) => match val {
            Val::Json(Value::String(s)) => re.is_match(&nfc(s)),
            Val::Bytes(b) => re.binary_ok && re.is_match(&latin1_string(b)),
            _ => false,
        },
        Pred::IsSubset(outer) => match val {
            Val::Json(Value::String(s)) => {
                IpNet::parse(s).is_some_and(|inner| outer.contains(&inner))
            }
            _ => false,
        },
        Pred::IsSuperset(inner) => match val {
            Val::Json(Value::String(s)) => {
                IpNet::parse(s).is_some_and(|outer| outer.contains(inner))
            }
            _ => false,
        },
        Pred::Exists => true,
    }
}

fn test_holds<'a>(test: &Test, obs: &Observation<'a>, root: &'a Value) -> bool {
    if root.get("type").and_then(Value::as_str) != Some(test.object_type.as_str()) {
        return false;
    }
    let values = walk(obs, root, &test.steps);
    if let Pred::Exists = test.pred {
        return values.is_empty() == test.negated;
    }
    values.iter().any(|v| holds(&test.pred, v) != test.negated)
}

fn cond_holds<'a>(cond: &Cond, obs: &Observation<'a>, root: &'a Value) -> bool {
    match cond {
        Cond::And(a, b) => cond_holds(a, obs, root) && cond_holds(b, obs, root),
        Cond::Or(a, b) => cond_holds(a, obs, root) || cond_holds(b, obs, root),
        Cond::Test(t) => test_holds(t, obs, root),
    }
}

/// True when one SCO of the observation satisfies the whole comparison expression: AND
/// within brackets binds its operands to the same object.
pub(crate) fn observation_matches(cond: &Cond, obs: &Observation<'_>) -> bool {
    obs.objects
        .iter()
        .any(|(_, root)| cond_holds(cond, obs, root))
}

#[cfg(test)]
mod tests {
    use super::like;

    fn l(p: &str, t: &str) -> bool {
        like(&p.chars().collect::<Vec<_>>(), t)
    }

    #[test]
    fn like_is_sql_like() {
        assert!(l("%.example.com", "www.example.com"));
        assert!(!l("%.example.com", "example.com"));
        assert!(l("a_c", "abc"));
        assert!(!l("a_c", "abbc"));
        assert!(l("%", ""));
        assert!(l("a%b%c", "a\nxbyc"));
        assert!(!l("abc", "abcd"));
        assert!(l("%%%a", "aaaa"));
    }
}
