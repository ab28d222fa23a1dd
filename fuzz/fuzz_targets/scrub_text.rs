//! Arbitrary bytes through the scrubber: never a panic, and the output never longer than
//! `MAX_EXPANSION` times the input (placeholders cannot blow a document up).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ward_scrub::{ScrubConfig, Scrubber, MAX_EXPANSION};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(scrubber) = Scrubber::new(ScrubConfig {
        org_domains: vec!["example.org".into()],
        org_names: vec!["Example Health".into()],
        ..Default::default()
    }) else {
        return;
    };
    let out = scrubber.scrub_text(&text);
    assert!(out.text.len() <= MAX_EXPANSION * text.len());
    let mut end = 0;
    for f in &out.findings {
        assert!(f.original_span.start >= end && f.original_span.start < f.original_span.end);
        end = f.original_span.end;
    }
    assert!(end <= text.len());
    // The same bytes as a JSON document, when they are one.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = scrubber.scrub_stix(&value);
    }
});
