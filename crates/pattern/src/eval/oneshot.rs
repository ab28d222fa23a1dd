//! JSON to answer in one pass, for the commonest shape of pattern: a single `[...]` without
//! qualifiers whose paths follow no reference (`*_ref`, `*_refs`).
//!
//! Whether an SCO satisfies such a comparison does not depend on the observation holding
//! it, so each object is tested once, where it sits in the input, and an observed-data
//! matches when one of the objects it names does. No index of every id is built (on a
//! large bundle, hashing every id and touching the memory of that index is most of the
//! cost of [`super::Observations::from_json`]); only the ids of objects that satisfy the
//! comparison are kept, usually few. Everything else is as in `from_json` followed by
//! `Matcher::evaluate`: the same checks of every observed-data in the same order (so the
//! same first error), references resolved to the first object with the id, the same step
//! budget over observations.

use std::collections::HashMap;

use serde_json::Value;

use super::compare::cond_holds;
use super::{
    collect_objects, is, read_header, ref_id, type_and_id, type_of, Cond, EvalError, EvalOptions,
    KeyKind, MatchOutcome, Sco, Sources, Step, TimeMemo,
};

/// True when no path of the comparison follows a reference.
pub(crate) fn applies(cond: &Cond) -> bool {
    match cond {
        Cond::And(a, b) | Cond::Or(a, b) => applies(a) && applies(b),
        Cond::AnyOf { .. } => true,
        Cond::Test(t) => !t
            .steps
            .iter()
            .any(|s| matches!(s, Step::Key(_, KeyKind::Ref | KeyKind::Refs))),
    }
}

/// A two-probe Bloom filter over ids, so that most ids are dismissed without hashing them
/// in full. Probes come from the length and the last 16 bytes, where STIX ids (UUIDs)
/// differ; an adversary who makes them collide only sends every id to the exact map.
struct IdFilter {
    bits: [u64; 64],
    empty: bool,
}

impl IdFilter {
    fn new() -> IdFilter {
        IdFilter {
            bits: [0; 64],
            empty: true,
        }
    }

    fn probes(id: &str) -> (usize, usize) {
        let b = id.as_bytes();
        let tail = &b[b.len().saturating_sub(16)..];
        let mut x = b.len() as u64;
        for chunk in tail.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            x = (x ^ u64::from_le_bytes(word)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        ((x >> 52) as usize, ((x >> 40) & 0xFFF) as usize)
    }

    fn add(&mut self, id: &str) {
        let (p, q) = Self::probes(id);
        self.bits[p / 64 % 64] |= 1 << (p % 64);
        self.bits[q / 64 % 64] |= 1 << (q % 64);
        self.empty = false;
    }

    fn may_contain(&self, id: &str) -> bool {
        if self.empty {
            return false;
        }
        let (p, q) = Self::probes(id);
        self.bits[p / 64 % 64] & (1 << (p % 64)) != 0
            && self.bits[q / 64 % 64] & (1 << (q % 64)) != 0
    }
}

/// An observed-data met on the way, kept until every object has been tested.
struct Pending<'a> {
    id: &'a str,
    refs: &'a [Value],
    /// Decided already (2.0 embedded objects are tested where they are).
    hit: bool,
}

/// How many objects ahead the pass asks for memory: first an object's entries, then (once
/// they have arrived) the strings they point to. On a large bundle the pass waits on
/// memory more than it computes (each entry and each string is its own allocation), and
/// asking ahead takes about a third off (measured on benches/pattern's 100k bundle).
const AHEAD_ENTRIES: usize = 16;
const AHEAD_STRINGS: usize = 8;
/// Entries of one object asked for: STIX objects have fewer; a hostile object with
/// millions is not walked twice.
const AHEAD_FIELDS: usize = 24;

/// Objects from last to first, each with the objects `AHEAD_ENTRIES` and `AHEAD_STRINGS`
/// further on (in that direction), when there are.
fn objects_rev_with_lookahead<'r, 'a: 'r>(
    runs: &'r [&'a [Value]],
) -> impl Iterator<Item = (&'a Value, (Option<&'a Value>, Option<&'a Value>))> + 'r {
    runs.iter().rev().flat_map(|run| {
        (0..run.len()).rev().map(move |i| {
            let at = |d: usize| i.checked_sub(d).map(|j| &run[j]);
            (&run[i], (at(AHEAD_ENTRIES), at(AHEAD_STRINGS)))
        })
    })
}

#[inline]
#[allow(unsafe_code)] // one libc call or CPU hint; the SAFETY comment is at the block
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it reads nothing the program sees and never faults.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Asks for an object's entries (without reading them).
fn prefetch_object(obj: Option<&Value>) {
    if let Some(Value::Object(map)) = obj {
        for (k, v) in map.iter().take(AHEAD_FIELDS) {
            prefetch(k);
            prefetch(v);
        }
    }
}

/// Asks for the strings an object's entries point to (its entries are in cache by now).
fn prefetch_strings(obj: Option<&Value>) {
    if let Some(Value::Object(map)) = obj {
        for (k, v) in map.iter().take(AHEAD_FIELDS) {
            prefetch(k.as_ptr());
            match v {
                Value::String(s) => prefetch(s.as_ptr()),
                Value::Array(a) => prefetch(a.as_ptr()),
                _ => {}
            }
        }
    }
}

/// Evaluates `cond` (for which [`applies`] holds) on `input`.
pub(crate) fn run(
    cond: &Cond,
    input: &Value,
    options: EvalOptions,
) -> Result<MatchOutcome, EvalError> {
    let mut runs = Vec::new();
    collect_objects(input, &mut runs)?;

    // One pass, last object to first. For every id some satisfying object has, `hits[id]`
    // ends as the verdict on the first object with that id: the one references name.
    // Observed-data are checked as they are met; the error reported is the one `from_json`
    // meets first, i.e. the last one met here.
    let mut hits: HashMap<&str, bool, foldhash::fast::RandomState> = HashMap::default();
    let mut filter = IdFilter::new();
    let mut pending = Vec::new();
    let mut first_error = None;
    let mut times = TimeMemo::default();
    for (obj, ahead) in objects_rev_with_lookahead(&runs) {
        prefetch_object(ahead.0);
        prefetch_strings(ahead.1);
        let Value::Object(map) = obj else { continue };
        let (object_type, id) = type_and_id(map);
        if object_type.is_some_and(|t| is(t, b"observed-data")) {
            match read_observed(cond, map, &mut times) {
                Ok(p) => pending.push(p),
                Err(e) => first_error = Some(e),
            }
            continue;
        }
        let Some(id) = id else { continue };
        let sco = Sco {
            key: id,
            value: obj,
        };
        if cond_holds(cond, &[], &sco, object_type) {
            hits.insert(id, true);
            filter.add(id);
        } else if filter.may_contain(id) {
            if let Some(hit) = hits.get_mut(id) {
                *hit = false;
            }
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }

    // The budget bounds how many observed-data are evaluated, one step each, in input
    // order, as `Matcher::evaluate` does.
    let budget = usize::try_from(options.max_steps).unwrap_or(usize::MAX);
    let mut observed_data = Vec::new();
    for p in pending.iter().rev().take(budget) {
        let hit = p.hit
            || p.refs.iter().any(|r| {
                r.as_str()
                    .is_some_and(|r| filter.may_contain(r) && hits.get(r) == Some(&true))
            });
        if hit {
            observed_data.push(p.id.to_string());
        }
    }
    let truncated = pending.len() > budget;
    let matched = !observed_data.is_empty();
    if !matched && truncated {
        return Err(EvalError::TooComplex {
            steps: options.max_steps,
        });
    }
    Ok(MatchOutcome {
        matched,
        observed_data,
        complete: !truncated,
    })
}

/// Checks an observed-data as `from_json` does and keeps what deciding it needs.
fn read_observed<'a>(
    cond: &Cond,
    map: &'a serde_json::Map<String, Value>,
    times: &mut TimeMemo<'a>,
) -> Result<Pending<'a>, EvalError> {
    let header = read_header(map, times)?;
    match header.sources {
        Sources::Refs(refs) => {
            for r in refs {
                ref_id(header.id, r)?;
            }
            Ok(Pending {
                id: header.id,
                refs,
                hit: false,
            })
        }
        Sources::Embedded(embedded) => Ok(Pending {
            id: header.id,
            refs: &[],
            hit: embedded.iter().any(|(key, value)| {
                let sco = Sco {
                    key: key.as_str(),
                    value,
                };
                cond_holds(cond, &[], &sco, type_of(value))
            }),
        }),
    }
}
