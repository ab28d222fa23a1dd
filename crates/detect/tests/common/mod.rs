//! Shared helpers of the integration tests: indicators from patterns, scanning text.
#![allow(dead_code)]

use serde_json::json;
use ward_detect::{BuildOptions, CollectSink, IndicatorIndex, ScanOptions, Scanner};
use ward_stix::StixObject;

/// A deterministic indicator id for test number `n`.
pub fn id(n: u32) -> String {
    format!("indicator--00000000-0000-4000-8000-{n:012}")
}

pub fn indicator(n: u32, pattern: &str) -> StixObject {
    StixObject::from_value(json!({
        "type": "indicator", "spec_version": "2.1", "id": id(n),
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "name": format!("test indicator {n}"), "pattern": pattern, "pattern_type": "stix",
        "valid_from": "2024-01-01T00:00:00Z", "confidence": 80
    }))
    .unwrap()
}

pub fn index(patterns: &[(u32, &str)], full: bool) -> IndicatorIndex {
    let objects = patterns.iter().map(|(n, p)| indicator(*n, p));
    let (index, report) = IndicatorIndex::from_objects(
        objects,
        BuildOptions {
            force_full_evaluation: full,
        },
    );
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    index
}

/// (line, indicator id, field, value) of every alert, in order.
pub fn scan(
    index: &IndicatorIndex,
    text: &str,
    threads: usize,
) -> Vec<(u64, String, String, String)> {
    let options = ScanOptions {
        threads,
        chunk_size: 1024,
        ..ScanOptions::default()
    };
    let scanner = Scanner::new(index, options);
    let mut sink = CollectSink::default();
    scanner
        .scan("test.log", text.as_bytes(), &mut sink, &mut |_| {})
        .unwrap();
    sink.alerts
        .into_iter()
        .map(|(a, _)| (a.line, a.indicator_id, a.field, a.value))
        .collect()
}
