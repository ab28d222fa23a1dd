//! A compact index of the indicators the local store holds, so that an import can tell,
//! before it builds an entry's STIX object, that the entry is already stored and adds
//! nothing (the daily re-import of a large list whose entries are all known).
//!
//! Each stored version is read once with a borrowed, typed scan of its JSON: only the
//! properties [`crate::indicator::adds_nothing`] looks at are kept, list items as hashes of
//! their JSON text. The check is conservative: whatever it cannot vouch for (an item written
//! differently, an unparsable time, a property of an unexpected type) answers "build it",
//! and the merge with the stored version decides as before.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::OnceLock;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use ward_stix::{Timestamp, Tlp};

/// What a stored list property is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Held {
    #[default]
    Absent,
    /// Present but not an array.
    Other,
    /// An array of one item: the hash of its JSON text.
    One(u64),
    /// Any other array: the hash of each item's JSON text, and whether no two items are
    /// equal.
    Items { hashes: Box<[u64]>, distinct: bool },
}

impl Held {
    /// True when the stored list already holds every item (hashes of JSON text) of the
    /// incoming one and the union would drop nothing from it; `None` is an incoming object
    /// without the property.
    pub(crate) fn covers(&self, incoming: Option<&[u64]>) -> bool {
        match (self, incoming) {
            (Held::One(_), None) => true,
            (Held::One(have), Some(new)) => new.iter().all(|h| h == have),
            (Held::Items { distinct, .. }, None) => *distinct,
            (_, None) => true,
            (Held::Items { hashes, distinct }, Some(new)) => {
                *distinct && new.iter().all(|h| hashes.contains(h))
            }
            _ => false,
        }
    }
}

/// The parts of a stored indicator version an import's "adds nothing" decision needs.
#[derive(Clone, Debug, Default)]
pub struct KnownIndicator {
    pub(crate) modified: Option<Timestamp>,
    /// Every property a built indicator always has is present.
    pub(crate) has_base: bool,
    pub(crate) has_description: bool,
    pub(crate) external_references: Held,
    pub(crate) sources: Held,
    pub(crate) indicator_types: Held,
    pub(crate) labels: Held,
    /// `confidence` as an unsigned integer; `None` when absent or anything else.
    pub(crate) confidence: Option<u64>,
    pub(crate) valid_from: Option<Timestamp>,
    pub(crate) valid_until: Option<Timestamp>,
    /// The highest TLP among `object_marking_refs`.
    pub(crate) tlp: Option<Tlp>,
    /// `Some(level)` when `object_marking_refs` is exactly `[level's marking id]`.
    pub(crate) sole_marking: Option<Tlp>,
    /// Hash of the JSON text of `x_ward_original_valid_from`.
    pub(crate) original_valid_from: Option<u64>,
}

/// A feed that lists a value again refreshes its indicator (a new version, so that the score
/// counts age from now) at most this often, in microseconds: daily imports of a large feed
/// must not add a version of every indicator each time.
pub const REFRESH: i64 = 20 * 3600 * 1_000_000;

impl KnownIndicator {
    /// True when the stored version was modified less than [`REFRESH`] before `now`.
    pub(crate) fn fresh(&self, now: Timestamp) -> bool {
        self.modified
            .is_some_and(|m| now.as_micros() - m.as_micros() < REFRESH)
    }
}

/// The properties every indicator built by [`crate::indicator::build`] has.
const BASE: [&str; 15] = [
    "type",
    "spec_version",
    "id",
    "created",
    "modified",
    "created_by_ref",
    "name",
    "indicator_types",
    "pattern",
    "pattern_type",
    "pattern_version",
    "valid_from",
    "confidence",
    "external_references",
    crate::indicator::SOURCES_PROPERTY,
];

/// Hash of a JSON text, as list items are compared: SipHash with keys drawn once per
/// process (the index and the entries it is compared with are hashed in the same process),
/// so that no feed can craft an item that passes for another.
pub(crate) fn text_hash(text: &str) -> u64 {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    KEYS.get_or_init(RandomState::new).hash_one(text)
}

/// Hash of a value's compact JSON text (as the local store writes it).
pub(crate) fn value_hash(v: &Value) -> Option<u64> {
    serde_json::to_string(v).ok().map(|t| text_hash(&t))
}

/// Hashes indicator UUIDs: ward's are SHA-1 derived (version 5), so their bits are already
/// spread and need no further mixing; others are mixed by a multiply.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher;

impl BuildHasher for KeyHasher {
    type Hasher = KeyHash;
    fn build_hasher(&self) -> KeyHash {
        KeyHash(0)
    }
}

/// The hasher of [`KeyHasher`].
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHash(u64);

impl Hasher for KeyHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u128(&mut self, n: u128) {
        let folded = (n as u64) ^ ((n >> 64) as u64);
        self.0 = (self.0 ^ folded).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Indicators the local store holds, by id.
#[derive(Debug, Default)]
pub struct KnownIndex {
    by_id: HashMap<u128, KnownIndicator, KeyHasher>,
}

impl KnownIndex {
    /// An empty index with room for `n` indicators.
    pub fn with_capacity(n: usize) -> KnownIndex {
        KnownIndex {
            by_id: HashMap::with_capacity_and_hasher(n, KeyHasher),
        }
    }

    /// Adds a stored version (its id and JSON text); one that cannot be read compactly is
    /// left out, so its entries are built and merged as usual.
    pub fn add(&mut self, id: &str, json: &str) {
        let Some(key) = indicator_key(id) else { return };
        if let Ok(k) = serde_json::from_str::<KnownIndicator>(json) {
            self.by_id.insert(key, k);
        }
    }

    pub fn get(&self, id: &str) -> Option<&KnownIndicator> {
        self.by_id.get(&indicator_key(id)?)
    }

    pub(crate) fn get_key(&self, key: u128) -> Option<&KnownIndicator> {
        self.by_id.get(&key)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// The UUID of an indicator id as a number.
pub(crate) fn indicator_key(id: &str) -> Option<u128> {
    let uuid = id.strip_prefix("indicator--")?;
    uuid::Uuid::parse_str(uuid).ok().map(|u| u.as_u128())
}

enum Key {
    Base(usize),
    Description,
    Labels,
    MarkingRefs,
    OriginalValidFrom,
    ValidUntil,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_str<E>(self, k: &str) -> Result<Key, E> {
                Ok(match k {
                    "description" => Key::Description,
                    "labels" => Key::Labels,
                    "object_marking_refs" => Key::MarkingRefs,
                    "valid_until" => Key::ValidUntil,
                    crate::indicator::ORIGINAL_VALID_FROM_PROPERTY => Key::OriginalValidFrom,
                    _ => match BASE.iter().position(|b| *b == k) {
                        Some(n) => Key::Base(n),
                        None => Key::Other,
                    },
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// A list property, read as borrowed items.
fn held(raw: &RawValue) -> Held {
    struct ListVisitor;
    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Held;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Held, S::Error> {
            let mut first: Option<&'de RawValue> = None;
            let mut rest: Vec<&'de RawValue> = Vec::new();
            while let Some(item) = seq.next_element::<&'de RawValue>()? {
                if first.is_none() {
                    first = Some(item);
                } else {
                    rest.push(item);
                }
            }
            let Some(first) = first else {
                return Ok(Held::Items {
                    hashes: Box::new([]),
                    distinct: true,
                });
            };
            if rest.is_empty() {
                return Ok(Held::One(text_hash(first.get())));
            }
            rest.insert(0, first);
            let hashes: Box<[u64]> = rest.iter().map(|i| text_hash(i.get())).collect();
            // Rare (an indicator from several feeds): compare the items as values, exactly
            // as the merge's union does.
            let values: Vec<Value> = rest
                .iter()
                .filter_map(|i| serde_json::from_str(i.get()).ok())
                .collect();
            let distinct = values.len() == rest.len()
                && values
                    .iter()
                    .enumerate()
                    .all(|(n, v)| !values[..n].contains(v));
            Ok(Held::Items { hashes, distinct })
        }
    }
    let mut d = serde_json::Deserializer::from_str(raw.get());
    d.deserialize_seq(ListVisitor).unwrap_or(Held::Other)
}

/// A string property as a time; `None` when it is not a string or not a STIX time.
fn time(raw: &RawValue) -> Option<Timestamp> {
    let text = serde_json::from_str::<std::borrow::Cow<str>>(raw.get()).ok()?;
    Timestamp::parse(&text).ok()
}

impl<'de> Deserialize<'de> for KnownIndicator {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KnownIndicator, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = KnownIndicator;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a STIX object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KnownIndicator, A::Error> {
                let mut k = KnownIndicator::default();
                let mut base = [false; BASE.len()];
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Base(n) => {
                            base[n] = true;
                            match BASE[n] {
                                "modified"
                                | "valid_from"
                                | "confidence"
                                | "external_references"
                                | "indicator_types"
                                | crate::indicator::SOURCES_PROPERTY => {
                                    let raw: &RawValue = map.next_value()?;
                                    match BASE[n] {
                                        "modified" => k.modified = time(raw),
                                        "valid_from" => k.valid_from = time(raw),
                                        "confidence" => {
                                            k.confidence = serde_json::from_str(raw.get()).ok()
                                        }
                                        "external_references" => k.external_references = held(raw),
                                        "indicator_types" => k.indicator_types = held(raw),
                                        _ => k.sources = held(raw),
                                    }
                                }
                                _ => {
                                    map.next_value::<IgnoredAny>()?;
                                }
                            }
                        }
                        Key::Description => {
                            k.has_description = true;
                            map.next_value::<IgnoredAny>()?;
                        }
                        Key::Labels => k.labels = held(map.next_value()?),
                        Key::MarkingRefs => {
                            let raw: &RawValue = map.next_value()?;
                            let refs: Vec<Value> =
                                serde_json::from_str(raw.get()).unwrap_or_default();
                            k.tlp = refs
                                .iter()
                                .filter_map(Value::as_str)
                                .filter_map(Tlp::from_marking_id)
                                .max();
                            if let [only] = refs.as_slice() {
                                k.sole_marking = only
                                    .as_str()
                                    .and_then(Tlp::from_marking_id)
                                    .filter(|l| Some(l.marking_id()) == only.as_str());
                            }
                        }
                        Key::OriginalValidFrom => {
                            let raw: &RawValue = map.next_value()?;
                            k.original_valid_from = Some(text_hash(raw.get()));
                        }
                        Key::ValidUntil => k.valid_until = time(map.next_value()?),
                        Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                k.has_base = base.iter().all(|b| *b);
                Ok(k)
            }
        }
        d.deserialize_map(ObjectVisitor)
    }
}
