//! Judging from the store's compact index whether an entry adds nothing to what it holds,
//! without building the indicator.

use serde_json::{json, Value};
use ward_stix::Timestamp;

use super::{reference_of, stamp, types_of, valid_from_at, written, Entry};
use crate::known::{value_hash, KnownIndicator};

/// Hashes of the JSON text of the list items the indicator built from an entry carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryHashes {
    reference: u64,
    source: u64,
    types: Vec<u64>,
    /// `None` when the entry has no labels (the indicator then has no `labels`).
    labels: Option<Vec<u64>>,
}

impl EntryHashes {
    /// `None` when an item cannot be written as JSON (never for the strings entries hold).
    pub fn of(entry: &Entry) -> Option<EntryHashes> {
        let hashes = |items: &[String]| -> Option<Vec<u64>> {
            items.iter().map(|i| value_hash(&json!(i))).collect()
        };
        Some(EntryHashes {
            reference: value_hash(&Value::Object(reference_of(entry)))?,
            source: value_hash(&json!(entry.source.name))?,
            types: hashes(&types_of(entry))?,
            labels: if entry.labels.is_empty() {
                None
            } else {
                Some(hashes(&entry.labels)?)
            },
        })
    }
}

/// True when the stored indicator `known` already holds everything the indicator built from
/// `entry` at `now` would bring: [`adds_nothing`](super::adds_nothing) of the two, judged
/// without building it. Conservative: false whenever the compact index cannot vouch for it.
pub fn entry_adds_nothing(known: &KnownIndicator, entry: &Entry, now: Timestamp) -> bool {
    EntryHashes::of(entry)
        .is_some_and(|h| entry_adds_nothing_with(known, entry, now, &h, written(now)))
}

/// [`entry_adds_nothing`] with the entry's [`EntryHashes`] and `now` as written already made
/// (an import of a list makes them once for all its entries).
pub(super) fn entry_adds_nothing_with(
    known: &KnownIndicator,
    entry: &Entry,
    now: Timestamp,
    hashes: &EntryHashes,
    now_written: Option<Timestamp>,
) -> bool {
    if !known.has_base || (entry.description.is_some() && !known.has_description) {
        return false;
    }
    let EntryHashes {
        reference,
        source,
        types,
        labels,
    } = hashes;
    if !(known.external_references.covers(Some(&[*reference]))
        && known.sources.covers(Some(&[*source]))
        && known.indicator_types.covers(Some(types))
        && known.labels.covers(labels.as_deref()))
    {
        return false;
    }
    if known
        .confidence
        .is_none_or(|have| u64::from(entry.confidence) > have)
    {
        return false;
    }
    let valid_from = valid_from_at(entry, now);
    let valid_from = if valid_from == now {
        now_written
    } else {
        written(valid_from)
    };
    if let (Some(a), Some(b)) = (known.valid_from, valid_from) {
        if b < a {
            return false;
        }
    }
    match (known.valid_until, entry.valid_until.and_then(written)) {
        (Some(a), Some(b)) if b > a => return false,
        (Some(_), None) => return false,
        _ => {}
    }
    if let Some(level) = known.tlp.max(entry.tlp) {
        if known.sole_marking != Some(level) {
            return false;
        }
    }
    match entry.valid_from.filter(|t| *t > now) {
        Some(ahead) => known.original_valid_from == value_hash(&json!(stamp(ahead))),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_entries::{entry, ts};
    use super::super::{adds_nothing, build, merge, SOURCES_PROPERTY};
    use super::*;
    use crate::known::KnownIndex;

    proptest::proptest! {
        /// The check on the store's compact index agrees with [`adds_nothing`] on the built
        /// objects, for entries of every shape, dated before or after the import.
        #[test]
        fn entry_adds_nothing_agrees_with_adds_nothing(
            first in (0usize..3, 0u8..101, 0u8..128),
            second in proptest::option::of((0usize..3, 0u8..101, 0u8..128)),
            incoming in (0usize..3, 0u8..101, 0u8..128),
            late in proptest::bool::ANY,
        ) {
            let names = ["a", "b", "c"];
            // Entries dated 2025-01-01 are in the future of imports in 2024.
            let (t0, t1) = if late {
                (ts("2025-03-01T00:00:00Z"), ts("2025-03-01T01:00:00Z"))
            } else {
                (ts("2024-06-01T00:00:00Z"), ts("2024-06-01T01:00:00Z"))
            };
            let mut existing = build(&entry(names[first.0], first.1, first.2), t0);
            if let Some(s) = second {
                existing = merge(&existing, &build(&entry(names[s.0], s.1, s.2), t0), t0);
            }
            let mut index = KnownIndex::default();
            index.add(existing["id"].as_str().unwrap(), &serde_json::to_string(&existing).unwrap());
            let known = index.get(existing["id"].as_str().unwrap()).unwrap();
            let e = entry(names[incoming.0], incoming.1, incoming.2);
            proptest::prop_assert_eq!(
                entry_adds_nothing(known, &e, t1),
                adds_nothing(&existing, &build(&e, t1))
            );
        }
    }

    #[test]
    fn the_index_sees_a_stored_list_with_repeated_items_as_news() {
        // The merge's union drops the repeat, so listing the value again changes the list.
        let e = entry("a", 70, 0);
        let now = ts("2024-12-01T02:00:00Z");
        for (key, items) in [
            (SOURCES_PROPERTY, json!(["a", "a"])),
            (
                "indicator_types",
                json!(["malicious-activity", "malicious-activity"]),
            ),
        ] {
            let mut existing = build(&e, ts("2024-12-01T00:00:00Z"));
            existing[key] = items;
            let mut index = KnownIndex::default();
            let id = existing["id"].as_str().unwrap().to_string();
            index.add(&id, &serde_json::to_string(&existing).unwrap());
            assert!(!adds_nothing(&existing, &build(&e, now)));
            assert!(
                !entry_adds_nothing(index.get(&id).unwrap(), &e, now),
                "{key}"
            );
        }
    }

    #[test]
    fn the_index_of_a_stored_indicator_sees_an_entry_listed_again() {
        for shape in 0..128 {
            let e = entry("a", 70, shape);
            let t0 = ts("2024-12-01T00:00:00Z");
            let existing = build(&e, t0);
            let mut index = KnownIndex::default();
            let id = existing["id"].as_str().unwrap();
            index.add(id, &serde_json::to_string(&existing).unwrap());
            let known = index.get(id).unwrap();
            let later = ts("2024-12-01T02:00:00Z");
            assert!(known.fresh(later));
            assert!(!known.fresh(ts("2024-12-02T00:00:00Z")));
            assert!(entry_adds_nothing(known, &e, later), "shape {shape}");
            assert!(!entry_adds_nothing(known, &entry("b", 70, shape), later));
            assert!(!entry_adds_nothing(known, &entry("a", 90, shape), later));
        }
    }
}
