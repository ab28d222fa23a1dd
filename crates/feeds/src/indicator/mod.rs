//! Building STIX 2.1 indicators from feed entries and merging duplicates.
//!
//! An indicator made here has a deterministic id derived from its pattern, so the same value
//! from two feeds (or from the same feed imported twice) is one indicator: the [`Collector`]
//! merges them in memory and [`merge`] merges a new arrival into what the local store holds.
//! Every source stays visible: in `external_references` (with the feed's URL and the entry's
//! id there) and in the `x_ward_sources` list of feed names that scoring counts.

mod collector;
mod merging;
mod skip;
#[cfg(test)]
mod test_entries;

use serde_json::{json, Map, Value};
use uuid::Uuid;
use ward_stix::{Lenient, Timestamp, Tlp};

use crate::observable::{self, Observable};

pub use collector::{Collector, ImportedAllowList, Survey};
pub use merging::{adds_nothing, merge};
pub use skip::{entry_adds_nothing, EntryHashes};

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

#[cfg(test)]
mod tests {
    use super::test_entries::ts;
    use super::*;

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
