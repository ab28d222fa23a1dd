//! One comparison on one SCO: walking the object path and applying the operator (§9.7).
//!
//! Type rules, as the specification and the reference matcher apply them: numbers compare
//! across integer and float; strings compare by code point; booleans only equal booleans;
//! a binary value (`h''`, `b''`, or a property whose name ends in `_hex` or `_bin`) compares
//! with a string whose code points are all below 256, taken as bytes; a timestamp literal
//! compares with a property string read as a timestamp (a string that is not one is an
//! evaluation error, as in the reference: [`super::EvalError::NotATimestamp`]). Any other
//! pairing is "not equal" and "not ordered". `NOT` negates the result for each value; the comparison holds when any
//! value the path selects satisfies it.

use std::cmp::Ordering;

use serde_json::Value;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use ward_stix::Timestamp;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::{field, same, type_of, Cond, KeyKind, Lit, OrderOp, Pred, Sco, Step, Test};
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
fn compile_regex(re: &str) -> Result<fancy_regex::Regex, String> {
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

    pub(crate) fn is_match(&self, text: &str) -> bool {
        // Exceeding the backtrack limit is an error in fancy-regex; it is not a match.
        self.regex.is_match(text).unwrap_or(false)
    }
}

/// Operands longer than this are compiled for their pattern alone, not kept: indicator
/// expressions are short, and a long one may compile to a large program.
const REGEX_CACHE_MAX_LEN: usize = 256;
/// Distinct operands kept; the cache starts over when full.
const REGEX_CACHE_ENTRIES: usize = 128;

type RegexCache = HashMap<String, Result<Arc<PatternRegex>, String>>;

/// A MATCHES operand compiled (or rejected) once per process, however many patterns use
/// it: compiling costs far more than parsing and evaluating the rest of a pattern, and
/// indicators repeat the same few expressions. (Python's `re`, under stix2-matcher, keeps
/// a similar cache.) Bounded in entries and operand length.
pub(crate) fn cached_regex(re: &str) -> Result<Arc<PatternRegex>, String> {
    static CACHE: OnceLock<Mutex<RegexCache>> = OnceLock::new();
    if re.len() > REGEX_CACHE_MAX_LEN {
        return PatternRegex::new(re).map(Arc::new);
    }
    let cache = CACHE.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; compile uncached.
    if let Ok(map) = cache.lock() {
        if let Some(hit) = map.get(re) {
            return hit.clone();
        }
    }
    let built = PatternRegex::new(re).map(Arc::new);
    if let Ok(mut map) = cache.lock() {
        if map.len() >= REGEX_CACHE_ENTRIES {
            map.clear();
        }
        map.insert(re.to_string(), built.clone());
    }
    built
}

/// A value the object path selected.
#[derive(Debug)]
enum Val<'a> {
    Json(&'a Value),
    Bytes(Vec<u8>),
    /// A `*_refs` list of which at least one id resolves; behaves as the list of the
    /// objects resolved for index steps.
    Refs(&'a [Value]),
}

fn resolve<'a>(scos: &[Sco<'a>], id: &str) -> Option<&'a Value> {
    scos.iter().find(|s| s.key == id).map(|s| s.value)
}

fn resolved<'s, 'a>(scos: &'s [Sco<'a>], ids: &'a [Value]) -> impl Iterator<Item = &'a Value> + 's
where
    'a: 's,
{
    ids.iter()
        .filter_map(move |id| id.as_str().and_then(|id| resolve(scos, id)))
}

/// Calls `found` on each value that `steps` select under `val`, following references
/// within the observation's SCOs, and stops as soon as `found` returns true. Depth-first
/// without collecting: a path walk allocates nothing unless it decodes `_hex`/`_bin`.
fn walk<'a, F: FnMut(&Val<'a>) -> bool>(
    scos: &[Sco<'a>],
    val: Val<'a>,
    steps: &[Step],
    found: &mut F,
) -> bool {
    let Some((step, rest)) = steps.split_first() else {
        return found(&val);
    };
    match step {
        Step::Key(key, kind) => {
            let Val::Json(Value::Object(map)) = val else {
                return false;
            };
            let Some(v) = field(map, key) else {
                return false;
            };
            let next = match kind {
                KeyKind::Plain => Val::Json(v),
                KeyKind::Hex => match v.as_str().and_then(decode_hex) {
                    Some(b) => Val::Bytes(b),
                    None => return false,
                },
                KeyKind::Bin => match v.as_str().and_then(decode_base64) {
                    Some(b) => Val::Bytes(b),
                    None => return false,
                },
                KeyKind::Ref => match v.as_str().and_then(|id| resolve(scos, id)) {
                    Some(target) => Val::Json(target),
                    None => return false,
                },
                KeyKind::Refs => match v {
                    Value::Array(ids) if resolved(scos, ids).next().is_some() => Val::Refs(ids),
                    _ => return false,
                },
            };
            walk(scos, next, rest, found)
        }
        Step::Index(i) => {
            let Ok(i) = usize::try_from(*i) else {
                return false;
            };
            let item = match val {
                Val::Json(Value::Array(items)) => items.get(i),
                Val::Refs(ids) => resolved(scos, ids).nth(i),
                _ => None,
            };
            item.is_some_and(|v| walk(scos, Val::Json(v), rest, found))
        }
        Step::AnyIndex => match val {
            Val::Json(Value::Array(items)) => {
                items.iter().any(|v| walk(scos, Val::Json(v), rest, found))
            }
            Val::Refs(ids) => resolved(scos, ids).any(|v| walk(scos, Val::Json(v), rest, found)),
            _ => false,
        },
    }
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
        (Lit::Str(s), Val::Json(Value::String(v))) => same(s, v),
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
            Val::Json(Value::String(s)) => outer.contains_text(s),
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

/// One comparison on one SCO whose `type` is `object_type`.
fn test_holds<'a>(test: &Test, scos: &[Sco<'a>], sco: &Sco<'a>, object_type: Option<&str>) -> bool {
    if !object_type.is_some_and(|t| same(t, &test.object_type)) {
        return false;
    }
    // `type:property`, the shape of most comparisons: one lookup, no walk.
    if let ([Step::Key(key, KeyKind::Plain)], Value::Object(map)) = (&test.steps[..], sco.value) {
        let value = field(map, key).map(Val::Json);
        return match (&test.pred, value) {
            (Pred::Exists, v) => v.is_some() != test.negated,
            (_, None) => false,
            (pred, Some(v)) => holds(pred, &v) != test.negated,
        };
    }
    let root = Val::Json(sco.value);
    if let Pred::Exists = test.pred {
        let exists = walk(scos, root, &test.steps, &mut |_| true);
        return exists != test.negated;
    }
    walk(scos, root, &test.steps, &mut |v| {
        holds(&test.pred, v) != test.negated
    })
}

pub(crate) fn cond_holds<'a>(
    cond: &Cond,
    scos: &[Sco<'a>],
    sco: &Sco<'a>,
    ty: Option<&str>,
) -> bool {
    match cond {
        Cond::And(a, b) => cond_holds(a, scos, sco, ty) && cond_holds(b, scos, sco, ty),
        Cond::Or(a, b) => cond_holds(a, scos, sco, ty) || cond_holds(b, scos, sco, ty),
        Cond::Test(t) => test_holds(t, scos, sco, ty),
        Cond::AnyOf {
            object_type,
            key,
            preds,
        } => {
            if !ty.is_some_and(|t| same(t, object_type)) {
                return false;
            }
            let Value::Object(map) = sco.value else {
                return false;
            };
            let Some(v) = field(map, key) else {
                return false;
            };
            let v = Val::Json(v);
            preds
                .iter()
                .any(|(pred, negated)| holds(pred, &v) != *negated)
        }
    }
}

fn is_time(l: &Lit) -> bool {
    matches!(l, Lit::Time(_))
}

fn pred_has_time(pred: &Pred) -> bool {
    match pred {
        Pred::Eq(l) | Pred::Ne(l) | Pred::Order(_, l) => is_time(l),
        Pred::In(set) => set.iter().any(is_time),
        _ => false,
    }
}

/// True when some comparison of `cond` has a timestamp literal.
pub(crate) fn has_time_literal(cond: &Cond) -> bool {
    match cond {
        Cond::And(a, b) | Cond::Or(a, b) => has_time_literal(a) || has_time_literal(b),
        Cond::Test(t) => pred_has_time(&t.pred),
        Cond::AnyOf { preds, .. } => preds.iter().any(|(p, _)| pred_has_time(p)),
    }
}

fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k, _) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::AnyIndex => out.push_str("[*]"),
        }
    }
    out
}

fn bad_time<'a>(v: &Val<'a>) -> Option<&'a str> {
    match v {
        Val::Json(Value::String(s)) if parse_time(s).is_none() => Some(s.as_str()),
        _ => None,
    }
}

/// A string that a comparison of `cond` with a timestamp literal reads on `sco` and that
/// is not a timestamp: the path, and the string. Other types (a number, a boolean) are
/// simply not equal, as for any literal.
pub(crate) fn not_a_timestamp<'a>(
    cond: &Cond,
    scos: &[Sco<'a>],
    sco: &Sco<'a>,
) -> Option<(String, &'a str)> {
    match cond {
        Cond::And(a, b) | Cond::Or(a, b) => {
            not_a_timestamp(a, scos, sco).or_else(|| not_a_timestamp(b, scos, sco))
        }
        Cond::Test(t) => {
            if !pred_has_time(&t.pred)
                || !type_of(sco.value).is_some_and(|ty| same(ty, &t.object_type))
            {
                return None;
            }
            let mut bad = None;
            walk(scos, Val::Json(sco.value), &t.steps, &mut |v| {
                bad = bad_time(v);
                bad.is_some()
            });
            bad.map(|b| (path_text(&t.steps), b))
        }
        Cond::AnyOf {
            object_type,
            key,
            preds,
        } => {
            if !preds.iter().any(|(p, _)| pred_has_time(p))
                || !type_of(sco.value).is_some_and(|ty| same(ty, object_type))
            {
                return None;
            }
            let Value::Object(map) = sco.value else {
                return None;
            };
            field(map, key)
                .and_then(|v| bad_time(&Val::Json(v)))
                .map(|b| (key.clone(), b))
        }
    }
}

/// True when one SCO of the observation satisfies the whole comparison expression: AND
/// within brackets binds its operands to the same object.
pub(crate) fn observation_matches(cond: &Cond, scos: &[Sco<'_>]) -> bool {
    scos.iter()
        .any(|sco| cond_holds(cond, scos, sco, type_of(sco.value)))
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
