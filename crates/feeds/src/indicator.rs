//! Building STIX 2.1 indicators from feed entries and merging duplicates.
//!
//! An indicator made here has a deterministic id derived from its pattern, so the same value
//! from two feeds (or from the same feed imported twice) is one indicator: the [`Collector`]
//! merges them in memory and [`merge`] merges a new arrival into what the local store holds.
//! Every source stays visible: in `external_references` (with the feed's URL and the entry's
//! id there) and in the `x_ward_sources` list of feed names that scoring counts.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::{json, Map, Value};
use uuid::Uuid;
use ward_stix::{Lenient, Timestamp, Tlp};

use crate::known::{indicator_key, value_hash, KeyHasher, KnownIndex, KnownIndicator};
use crate::observable::{self, Observable};

/// Namespace of the ids this crate derives (indicators from patterns, sources from names).
const NAMESPACE: Uuid = Uuid::from_u128(0x5f0c_7a3e_2b1d_4e8a_9c61_0d4b_8e2f_a7c3);

/// The custom property listing the feeds that reported an indicator.
pub const SOURCES_PROPERTY: &str = "x_ward_sources";

/// Where an indicator keeps the feed's own `valid_from` when it was after the import (a
/// feed's clock or time zone ahead of ours): the indicator itself is valid from the import.
pub const ORIGINAL_VALID_FROM_PROPERTY: &str = "x_ward_original_valid_from";

/// When source identities are said to be created: fixed, so that every import writes the
/// same identity version and the store keeps one.
const IDENTITY_EPOCH: &str = "2024-01-01T00:00:00.000Z";

/// Timestamps this crate writes: millisecond precision, as STIX producers commonly do.
pub fn stamp(t: Timestamp) -> String {
    t.with_precision(3).to_string()
}

/// Reads the dates feeds write (STIX/RFC 3339, `YYYY-MM-DD HH:MM:SS` (UTC), `YYYY-MM-DD`,
/// Unix seconds...), quoted or not, through the one lenient parser with feed defaults.
pub fn parse_time(text: &str) -> Option<Timestamp> {
    Lenient::FEEDS.parse(text.trim().trim_matches('"'))
}

/// A feed that vouches for entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Short stable name (`feodotracker`, `urlhaus`, `misp:<org>`, a file name).
    pub name: String,
    pub url: Option<String>,
}

impl Source {
    pub fn new(name: impl Into<String>, url: Option<&str>) -> Source {
        Source {
            name: name.into(),
            url: url.map(str::to_string),
        }
    }

    /// The identity id that stands for this source.
    pub fn identity_id(&self) -> String {
        format!(
            "identity--{}",
            Uuid::new_v5(&NAMESPACE, format!("source:{}", self.name).as_bytes())
        )
    }

    /// The identity object for this source.
    pub fn identity(&self) -> Value {
        let mut o = json!({
            "type": "identity",
            "spec_version": "2.1",
            "id": self.identity_id(),
            "created": IDENTITY_EPOCH,
            "modified": IDENTITY_EPOCH,
            "name": self.name,
            "identity_class": "organization",
        });
        if let Some(url) = &self.url {
            o["contact_information"] = json!(url);
        }
        o
    }
}

/// One entry of a feed, ready to become an indicator.
#[derive(Clone, Debug)]
pub struct Entry {
    pub observable: Observable,
    pub source: Source,
    /// The feed's own id for the entry, kept in the external reference.
    pub external_id: Option<String>,
    /// A link to the entry on the feed's site, when it has one.
    pub url: Option<String>,
    /// 0-100.
    pub confidence: u8,
    pub valid_from: Option<Timestamp>,
    pub valid_until: Option<Timestamp>,
    /// STIX `indicator_types` (open vocabulary); `malicious-activity` when empty.
    pub indicator_types: Vec<String>,
    /// Malware family, threat name or the feed's own words.
    pub description: Option<String>,
    pub labels: Vec<String>,
    pub tlp: Option<Tlp>,
}

impl Entry {
    pub fn new(observable: Observable, source: &Source, confidence: u8) -> Entry {
        Entry {
            observable,
            source: source.clone(),
            external_id: None,
            url: None,
            confidence: confidence.min(100),
            valid_from: None,
            valid_until: None,
            indicator_types: Vec::new(),
            description: None,
            labels: Vec::new(),
            tlp: None,
        }
    }
}

/// A deterministic id of type `object_type` for a key (a CVE id, a pattern).
pub fn derived_id(object_type: &str, key: &str) -> String {
    format!(
        "{object_type}--{}",
        Uuid::new_v5(&NAMESPACE, format!("{object_type}:{key}").as_bytes())
    )
}

/// The deterministic indicator id for a pattern.
pub fn indicator_id(pattern: &str) -> String {
    format!("indicator--{}", indicator_uuid(pattern))
}

/// The UUID of [`indicator_id`].
fn indicator_uuid(pattern: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("pattern:{pattern}").as_bytes())
}

/// True when the feed dates the entry after `now` (its clock or time zone is ahead).
pub fn dated_in_future(entry: &Entry, now: Timestamp) -> bool {
    entry.valid_from.is_some_and(|t| t > now)
}

/// The STIX indicator for one entry, created at `now`. A `valid_from` after `now` is
/// clamped to `now` (an indicator not yet valid scores 0 and would leave every block list)
/// and the feed's date is kept in [`ORIGINAL_VALID_FROM_PROPERTY`].
pub fn build(entry: &Entry, now: Timestamp) -> Value {
    let pattern = observable::pattern(&entry.observable);
    build_with_pattern(entry, pattern, now)
}

/// When the indicator built from `entry` at `now` is valid from.
fn valid_from_at(entry: &Entry, now: Timestamp) -> Timestamp {
    let mut valid_from = entry.valid_from.filter(|t| *t <= now).unwrap_or(now);
    if let Some(until) = entry.valid_until {
        // STIX requires valid_until after valid_from; a feed's odd dates must not make the
        // indicator invalid.
        if until <= valid_from {
            valid_from = Timestamp::from_micros(until.as_micros() - 1000);
        }
    }
    valid_from
}

/// The external reference of the indicator built from `entry`.
fn reference_of(entry: &Entry) -> Map<String, Value> {
    let mut reference = Map::new();
    reference.insert("source_name".into(), json!(entry.source.name));
    if let Some(url) = entry.url.as_ref().or(entry.source.url.as_ref()) {
        reference.insert("url".into(), json!(url));
    }
    if let Some(id) = &entry.external_id {
        reference.insert("external_id".into(), json!(id));
    }
    if reference.len() == 1 {
        // STIX wants a url, an id or a description in every external reference.
        reference.insert(
            "description".into(),
            json!(format!("listed by {}", entry.source.name)),
        );
    }
    reference
}

fn types_of(entry: &Entry) -> Vec<String> {
    if entry.indicator_types.is_empty() {
        vec!["malicious-activity".to_string()]
    } else {
        entry.indicator_types.clone()
    }
}

/// A time as [`build`] writes it and [`merge`] reads it back.
fn written(t: Timestamp) -> Option<Timestamp> {
    Timestamp::parse(&stamp(t)).ok()
}

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
/// `entry` at `now` would bring: [`adds_nothing`] of the two, judged without building it.
/// Conservative: false whenever the compact index cannot vouch for it.
pub fn entry_adds_nothing(known: &KnownIndicator, entry: &Entry, now: Timestamp) -> bool {
    EntryHashes::of(entry)
        .is_some_and(|h| entry_adds_nothing_with(known, entry, now, &h, written(now)))
}

/// [`entry_adds_nothing`] with the entry's [`EntryHashes`] and `now` as written already made
/// (an import of a list makes them once for all its entries).
fn entry_adds_nothing_with(
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

/// [`build`] for a pattern already made from the entry's observable.
fn build_with_pattern(entry: &Entry, pattern: String, now: Timestamp) -> Value {
    let now_text = stamp(now);
    let valid_from = valid_from_at(entry, now);
    let reference = reference_of(entry);
    let types = types_of(entry);
    let mut o = json!({
        "type": "indicator",
        "spec_version": "2.1",
        "id": indicator_id(&pattern),
        "created": now_text,
        "modified": now_text,
        "created_by_ref": entry.source.identity_id(),
        "name": observable::value_text(&entry.observable),
        "indicator_types": types,
        "pattern": pattern,
        "pattern_type": "stix",
        "pattern_version": "2.1",
        "valid_from": stamp(valid_from),
        "confidence": entry.confidence,
        "external_references": [Value::Object(reference)],
        SOURCES_PROPERTY: [entry.source.name],
    });
    if let Some(until) = entry.valid_until {
        o["valid_until"] = json!(stamp(until));
    }
    if let Some(ahead) = entry.valid_from.filter(|t| *t > now) {
        o[ORIGINAL_VALID_FROM_PROPERTY] = json!(stamp(ahead));
    }
    if let Some(d) = &entry.description {
        o["description"] = json!(d);
    }
    if !entry.labels.is_empty() {
        o["labels"] = json!(entry.labels);
    }
    if let Some(tlp) = entry.tlp {
        o["object_marking_refs"] = json!([tlp.marking_id()]);
    }
    o
}

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

/// True when two entries make the same list items ([`EntryHashes`]).
fn same_list_fields(a: &Entry, b: &Entry) -> bool {
    a.source == b.source
        && a.url == b.url
        && a.external_id == b.external_id
        && a.indicator_types == b.indicator_types
        && a.labels == b.labels
}

/// Collects what one import produces: indicators merged by id, other objects by id.
#[derive(Debug)]
pub struct Collector {
    now: Timestamp,
    objects: HashMap<String, Value>,
    order: Vec<String>,
    clamped: usize,
    /// Sources whose identity is collected: a 1M-line list has one source, whose identity
    /// need not be built a million times.
    sources: HashSet<String>,
    allow_lists: Vec<ImportedAllowList>,
    /// What the local store holds: an entry it already holds and that adds nothing is
    /// counted in `known_skipped` and never built.
    known: Option<Arc<KnownIndex>>,
    known_skipped: HashSet<u128, KeyHasher>,
    /// With `known`: the indicators collected (by UUID), `now` as written, and the list
    /// hashes of the last entry checked (a list's entries share them).
    collected: HashSet<u128, KeyHasher>,
    now_written: Option<Timestamp>,
    last_hashes: Option<(Entry, EntryHashes)>,
}

/// An outside allow-list read by an import (a MISP warninglist): entries in the syntax of
/// [`crate::allowlist`], saved by the caller into the data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedAllowList {
    /// The list's own name.
    pub name: String,
    pub version: Option<String>,
    pub description: Option<String>,
    pub entries: Vec<String>,
}

impl Collector {
    pub fn new(now: Timestamp) -> Collector {
        Collector {
            now,
            objects: HashMap::new(),
            order: Vec::new(),
            clamped: 0,
            allow_lists: Vec::new(),
            sources: HashSet::new(),
            known: None,
            known_skipped: HashSet::default(),
            collected: HashSet::default(),
            now_written: written(now),
            last_hashes: None,
        }
    }

    /// A collector that leaves out the entries `known` (the local store) already holds
    /// unchanged: listed again within [`crate::known::REFRESH`] of its last version and
    /// adding nothing to it. They are counted by [`Collector::already_stored`].
    pub fn with_known(now: Timestamp, known: Arc<KnownIndex>) -> Collector {
        let mut c = Collector::new(now);
        c.known = Some(known);
        c
    }

    /// Entries left out because the local store already holds them unchanged.
    pub fn already_stored(&self) -> usize {
        self.known_skipped.len()
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Adds an entry as an indicator (merging with one already collected) and its source's
    /// identity.
    pub fn add_entry(&mut self, entry: &Entry) {
        if dated_in_future(entry, self.now) {
            self.clamped += 1;
        }
        if !self.sources.contains(&entry.source.name) {
            self.sources.insert(entry.source.name.clone());
            self.add_object(entry.source.identity());
        }
        let pattern = observable::pattern(&entry.observable);
        if self.known.is_some() && self.leave_out(entry, &pattern) {
            return;
        }
        let o = build_with_pattern(entry, pattern, self.now);
        self.add_indicator(o);
    }

    /// True when the entry is left out as already stored unchanged (with its pattern made).
    fn leave_out(&mut self, entry: &Entry, pattern: &str) -> bool {
        let Some(known) = &self.known else {
            return false;
        };
        let key = indicator_uuid(pattern).as_u128();
        // Only an id's first arrival in this import is left out; when it comes again it is
        // built, and the merge with the stored version decides as usual (the first arrival
        // added nothing to it).
        if self.known_skipped.remove(&key) || self.collected.contains(&key) {
            return false;
        }
        let Some(k) = known.get_key(key).filter(|k| k.fresh(self.now)) else {
            return false;
        };
        let same_lists = self
            .last_hashes
            .as_ref()
            .is_some_and(|(e, _)| same_list_fields(e, entry));
        if !same_lists {
            self.last_hashes = EntryHashes::of(entry).map(|h| (entry.clone(), h));
        }
        let Some((_, hashes)) = &self.last_hashes else {
            return false;
        };
        if entry_adds_nothing_with(k, entry, self.now, hashes, self.now_written) {
            self.known_skipped.insert(key);
            return true;
        }
        false
    }

    fn add_indicator(&mut self, o: Value) {
        let Some(id) = o.get("id").and_then(Value::as_str).map(str::to_string) else {
            return;
        };
        if self.known.is_some() {
            // Built after all: it is merged with the stored version when written.
            if let Some(key) = indicator_key(&id) {
                self.known_skipped.remove(&key);
                self.collected.insert(key);
            }
        }
        match self.objects.get(&id) {
            Some(existing) => {
                let mut merged = merge(existing, &o, self.now);
                // Within one import the version stays `now`: it is one new version.
                merged["modified"] = existing["modified"].clone();
                self.objects.insert(id, merged);
            }
            None => {
                self.order.push(id.clone());
                self.objects.insert(id, o);
            }
        }
    }

    /// Adds any other STIX object; a later object with the same id and an indicator type is
    /// merged, otherwise the first one is kept.
    pub fn add_object(&mut self, o: Value) {
        let Some(id) = o.get("id").and_then(Value::as_str).map(str::to_string) else {
            return;
        };
        if o.get(SOURCES_PROPERTY).is_some() {
            return self.add_indicator(o);
        }
        if !self.objects.contains_key(&id) {
            self.order.push(id.clone());
            self.objects.insert(id, o);
        }
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Entries dated after the import whose `valid_from` was clamped to it.
    pub fn clamped(&self) -> usize {
        self.clamped
    }

    /// Adds an allow-list read from a feed.
    pub fn add_allow_list(&mut self, list: ImportedAllowList) {
        self.allow_lists.push(list);
    }

    /// Takes the allow-lists read so far.
    pub fn take_allow_lists(&mut self) -> Vec<ImportedAllowList> {
        std::mem::take(&mut self.allow_lists)
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// The objects in the order they first arrived.
    pub fn finish(mut self) -> Vec<Value> {
        self.order
            .iter()
            .filter_map(|id| self.objects.remove(id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn built_indicators_are_valid_stix() {
        let src = Source::new("feodotracker", Some("https://feodotracker.abuse.ch/"));
        let mut e = Entry::new(observable::classify("192.0.2.7").unwrap(), &src, 90);
        e.valid_until = Some(ts("2020-01-01T00:00:00Z"));
        e.tlp = Some(Tlp::Clear);
        let o = build(&e, ts("2025-01-01T00:00:00Z"));
        let problems = ward_stix::validate::validate_object(&o, "$");
        assert!(ward_stix::validate::is_valid(&problems), "{problems:?}");
        assert!(ward_stix::validate::is_valid(
            &ward_stix::validate::validate_object(&src.identity(), "$")
        ));
    }

    #[test]
    fn duplicates_across_sources_merge_with_every_source() {
        let now = ts("2025-01-01T00:00:00Z");
        let a = Source::new("a", None);
        let b = Source::new("b", Some("https://b.example/"));
        let o = observable::classify("evil.example").unwrap();
        let mut c = Collector::new(now);
        c.add_entry(&Entry::new(o.clone(), &a, 50));
        let mut eb = Entry::new(o, &b, 80);
        eb.tlp = Some(Tlp::Green);
        c.add_entry(&eb);
        let objects = c.finish();
        let inds: Vec<&Value> = objects
            .iter()
            .filter(|o| o["type"] == "indicator")
            .collect();
        assert_eq!(inds.len(), 1);
        assert_eq!(inds[0][SOURCES_PROPERTY], json!(["a", "b"]));
        assert_eq!(inds[0]["confidence"], json!(80));
        assert_eq!(inds[0]["external_references"].as_array().unwrap().len(), 2);
        assert_eq!(
            inds[0]["object_marking_refs"],
            json!([Tlp::Green.marking_id()])
        );
        assert_eq!(
            objects.iter().filter(|o| o["type"] == "identity").count(),
            2
        );
    }

    #[test]
    fn merge_moves_modified_forward() {
        let now = ts("2025-01-01T00:00:00Z");
        let src = Source::new("a", None);
        let e = Entry::new(observable::classify("192.0.2.1").unwrap(), &src, 50);
        let first = build(&e, now);
        let merged = merge(&first, &first, now);
        assert!(time_of(&merged, "modified").unwrap() > now);
    }

    fn entry(source: &str, confidence: u8, shape: u8) -> Entry {
        let src = Source::new(source, (shape & 1 == 1).then_some("https://feed.example/"));
        let mut e = Entry::new(observable::classify("192.0.2.1").unwrap(), &src, confidence);
        if shape & 2 == 2 {
            e.valid_from = Some(ts("2025-01-01T00:00:00Z"));
        }
        if shape & 4 == 4 {
            e.valid_until = Some(ts("2026-01-01T00:00:00Z"));
        }
        if shape & 8 == 8 {
            e.tlp = Some(Tlp::Green);
        }
        if shape & 16 == 16 {
            e.labels = vec!["c2".into()];
        }
        if shape & 32 == 32 {
            e.external_id = Some("42".into());
        }
        if shape & 64 == 64 {
            e.description = Some("botnet".into());
        }
        e
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

    #[test]
    fn loose_times() {
        assert_eq!(
            parse_time("2024-05-01 10:00:00").unwrap(),
            ts("2024-05-01T10:00:00Z")
        );
        assert_eq!(
            parse_time("2024-05-01").unwrap(),
            ts("2024-05-01T00:00:00Z")
        );
        assert_eq!(
            parse_time("1714557600").unwrap(),
            ts("2024-05-01T10:00:00Z")
        );
        assert!(parse_time("yesterday").is_none());
    }
}
