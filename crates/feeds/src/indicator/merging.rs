//! Merging two versions of one indicator, and judging whether a merge would change anything.

use serde_json::{json, Value};
use ward_stix::Timestamp;

use super::{stamp, SOURCES_PROPERTY};

fn union_strings(a: Option<&Value>, b: Option<&Value>) -> Option<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in [a, b]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
    {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    (!out.is_empty()).then_some(Value::Array(out))
}

fn time_of(o: &Value, key: &str) -> Option<Timestamp> {
    o.get(key)
        .and_then(Value::as_str)
        .and_then(|t| Timestamp::parse(t).ok())
}

/// Merges `incoming` into `existing` (two versions of the same indicator id from different
/// sources or imports): sources, references, types and labels are united, the confidence is
/// the higher one, validity is the wider window, TLP the more restrictive, and `modified`
/// moves to `now` (after the existing version) because a source listing the value again is
/// news for the score. Other properties `incoming` has and `existing` lacks are copied;
/// ward's own `x_ward_*` annotations (KEV, EPSS) take the incoming, newer value.
pub fn merge(existing: &Value, incoming: &Value, now: Timestamp) -> Value {
    let mut out = existing.clone();
    for key in [
        "external_references",
        SOURCES_PROPERTY,
        "indicator_types",
        "labels",
    ] {
        if let Some(v) = union_strings(existing.get(key), incoming.get(key)) {
            out[key] = v;
        }
    }
    let conf = |o: &Value| o.get("confidence").and_then(Value::as_u64);
    if let Some(c) = conf(existing).max(conf(incoming)) {
        out["confidence"] = json!(c);
    }
    if let (Some(a), Some(b)) = (
        time_of(existing, "valid_from"),
        time_of(incoming, "valid_from"),
    ) {
        if b < a {
            out["valid_from"] = incoming["valid_from"].clone();
        }
    }
    match (
        time_of(existing, "valid_until"),
        time_of(incoming, "valid_until"),
    ) {
        (Some(a), Some(b)) if b > a => out["valid_until"] = incoming["valid_until"].clone(),
        (Some(_), None) if incoming.get("type").is_some() => {
            if let Some(m) = out.as_object_mut() {
                m.remove("valid_until");
            }
        }
        _ => {}
    }
    let tlp = |o: &Value| match ward_stix::tlp::effective_tlp(o) {
        ward_stix::tlp::EffectiveTlp::Level(l) => Some(l),
        ward_stix::tlp::EffectiveTlp::Unmarked => None,
    };
    if let Some(level) = tlp(existing).max(tlp(incoming)) {
        out["object_marking_refs"] = json!([level.marking_id()]);
    }
    if let (Some(out_map), Some(inc)) = (out.as_object_mut(), incoming.as_object()) {
        for (k, v) in inc {
            let ours = k.starts_with("x_ward_") && k != SOURCES_PROPERTY;
            // An open-ended indicator stays open-ended: a missing `valid_until` is the
            // wider window.
            if k == "valid_until" {
                continue;
            }
            if ours || !out_map.contains_key(k) {
                out_map.insert(k.clone(), v.clone());
            }
        }
    }
    let after_existing = time_of(existing, "modified")
        .map(|m| Timestamp::from_micros(m.as_micros() + 1000))
        .unwrap_or(now);
    out["modified"] = json!(stamp(now.max(after_existing)));
    out
}

/// True when `existing` already holds everything [`merge`] would take from `incoming`, so
/// that the merge would change `modified` alone. Cheap (no copy of either object), for the
/// refresh of a feed whose entries are all stored; conservative: when in doubt it answers
/// false and the caller merges.
pub fn adds_nothing(existing: &Value, incoming: &Value) -> bool {
    let (Some(e), Some(i)) = (existing.as_object(), incoming.as_object()) else {
        return false;
    };
    let lists_covered = [
        "external_references",
        SOURCES_PROPERTY,
        "indicator_types",
        "labels",
    ]
    .iter()
    .all(|key| match (e.get(*key), i.get(*key)) {
        (_, None) => match e.get(*key) {
            // The union drops duplicates of the existing list.
            Some(Value::Array(have)) => no_duplicates(have),
            _ => true,
        },
        (Some(Value::Array(have)), Some(Value::Array(new))) => {
            no_duplicates(have) && new.iter().all(|v| have.contains(v))
        }
        _ => false,
    });
    if !lists_covered {
        return false;
    }
    let conf = |o: &Value| o.get("confidence").and_then(Value::as_u64);
    match (conf(existing), conf(incoming)) {
        (_, None) if e.get("confidence").is_none_or(|c| c.is_u64()) => {}
        (Some(have), Some(new)) if new <= have => {}
        _ => return false,
    }
    if let (Some(a), Some(b)) = (
        time_of(existing, "valid_from"),
        time_of(incoming, "valid_from"),
    ) {
        if b < a {
            return false;
        }
    }
    match (
        time_of(existing, "valid_until"),
        time_of(incoming, "valid_until"),
    ) {
        (Some(a), Some(b)) if b > a => return false,
        (Some(_), None) => return false,
        _ => {}
    }
    let tlp = |o: &Value| match ward_stix::tlp::effective_tlp(o) {
        ward_stix::tlp::EffectiveTlp::Level(l) => Some(l),
        ward_stix::tlp::EffectiveTlp::Unmarked => None,
    };
    if let Some(level) = tlp(existing).max(tlp(incoming)) {
        let marked = match e.get("object_marking_refs") {
            Some(Value::Array(refs)) => {
                refs.len() == 1 && refs[0].as_str() == Some(level.marking_id())
            }
            _ => false,
        };
        if !marked {
            return false;
        }
    }
    i.iter().all(|(k, v)| {
        if k == "valid_until" {
            true
        } else if k.starts_with("x_ward_") && k != SOURCES_PROPERTY {
            e.get(k) == Some(v)
        } else {
            e.contains_key(k)
        }
    })
}

fn no_duplicates(items: &[Value]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(n, v)| !items[..n].contains(v))
}

#[cfg(test)]
mod tests {
    use super::super::test_entries::{entry, ts};
    use super::super::{build, observable, Entry, Source};
    use super::*;

    #[test]
    fn merge_moves_modified_forward() {
        let now = ts("2025-01-01T00:00:00Z");
        let src = Source::new("a", None);
        let e = Entry::new(observable::classify("192.0.2.1").unwrap(), &src, 50);
        let first = build(&e, now);
        let merged = merge(&first, &first, now);
        assert!(time_of(&merged, "modified").unwrap() > now);
    }

    fn same_but_modified(a: &Value, b: &Value) -> bool {
        let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
        a.len() == b.len()
            && a.iter()
                .all(|(k, v)| k == "modified" || b.get(k) == Some(v))
    }

    proptest::proptest! {
        /// `adds_nothing` never claims a merge would change nothing when it would: an
        /// indicator built from one or two feeds, then one more arrival.
        #[test]
        fn adds_nothing_is_never_wrong(
            first in (0usize..3, 0u8..101, 0u8..128),
            second in proptest::option::of((0usize..3, 0u8..101, 0u8..128)),
            incoming in (0usize..3, 0u8..101, 0u8..128),
        ) {
            let names = ["a", "b", "c"];
            let t0 = ts("2025-03-01T00:00:00Z");
            let t1 = ts("2025-03-01T01:00:00Z");
            let mut existing = build(&entry(names[first.0], first.1, first.2), t0);
            if let Some(s) = second {
                existing = merge(&existing, &build(&entry(names[s.0], s.1, s.2), t0), t0);
            }
            let new = build(&entry(names[incoming.0], incoming.1, incoming.2), t1);
            if adds_nothing(&existing, &new) {
                proptest::prop_assert!(same_but_modified(&existing, &merge(&existing, &new, t1)));
            }
        }
    }

    #[test]
    fn the_same_entry_listed_again_adds_nothing() {
        for shape in 0..128 {
            let e = entry("a", 70, shape);
            let existing = build(&e, ts("2025-03-01T00:00:00Z"));
            let again = build(&e, ts("2025-03-01T02:00:00Z"));
            assert!(adds_nothing(&existing, &again), "shape {shape}");
            // Another source, or a higher confidence, is news.
            assert!(!adds_nothing(
                &existing,
                &build(&entry("b", 70, shape), ts("2025-03-01T02:00:00Z"))
            ));
            assert!(!adds_nothing(
                &existing,
                &build(&entry("a", 90, shape), ts("2025-03-01T02:00:00Z"))
            ));
        }
    }
}
