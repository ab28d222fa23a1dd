//! Reading the input: the objects of bundles, observed-data headers, and the index of
//! observations that [`super::Matcher`]s evaluate.

use std::collections::HashMap;

use serde_json::{Map, Value};
use ward_stix::Timestamp;

use super::{describe, field, is, same, type_of, EvalError, Observation, Observations, Sco};

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
