//! Fuzzes the STIX pattern parser and checker, and evaluates what parses against a small
//! fixed observation: no input may panic or run unbounded.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(pattern) = ward_pattern::check(text) else {
        return;
    };
    let _ = pattern.to_string();
    let _ = ward_pattern::compile(&pattern);
    let bundle = serde_json::json!({"type": "bundle", "id": "bundle--1", "objects": [
        {"type": "observed-data", "id": "observed-data--1", "first_observed": "2024-01-01T00:00:00Z",
         "last_observed": "2024-01-01T00:00:00Z", "number_observed": 2, "object_refs": ["file--1"]},
        {"type": "file", "id": "file--1", "name": "a.exe", "size": 1, "hashes": {"MD5": "d41d8cd98f00b204e9800998ecf8427e"}}]});
    let _ = ward_pattern::evaluate(&pattern, &bundle);
});
