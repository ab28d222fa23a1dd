//! Entries and times the indicator tests share.

use ward_stix::{Timestamp, Tlp};

use super::{observable, Entry, Source};

pub(super) fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// An entry from feed `source` for one address, with the optional fields `shape`'s bits set.
pub(super) fn entry(source: &str, confidence: u8, shape: u8) -> Entry {
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
