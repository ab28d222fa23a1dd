//! End-to-end tests of `ward pattern validate` and `ward pattern match` (DESIGN.md contract).

use std::process::{Command, Output};

fn ward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(args)
        .env(
            "WARD_DATA",
            std::env::temp_dir().join(format!("ward-test-{}", std::process::id())),
        )
        .output()
        .expect("run ward")
}

fn bundle_file(dir: &tempfile::TempDir) -> String {
    let bundle = serde_json::json!({"type": "bundle", "id": "bundle--1", "objects": [
        {"type": "observed-data", "id": "observed-data--1", "first_observed": "2024-01-01T00:00:00Z",
         "last_observed": "2024-01-01T00:00:00Z", "number_observed": 1, "object_refs": ["ipv4-addr--1"]},
        {"type": "observed-data", "id": "observed-data--2", "first_observed": "2024-01-01T00:05:00Z",
         "last_observed": "2024-01-01T00:05:00Z", "number_observed": 1, "object_refs": ["domain-name--1"]},
        {"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "198.51.100.7"},
        {"type": "domain-name", "id": "domain-name--1", "value": "evil.test"}]});
    let path = dir.path().join("bundle.json");
    std::fs::write(&path, bundle.to_string()).expect("write bundle");
    path.to_string_lossy().into_owned()
}

#[test]
fn validate_exit_codes_and_reason() {
    let ok = ward(&["pattern", "validate", "[ipv4-addr:value = '198.51.100.7']"]);
    assert_eq!(ok.status.code(), Some(0));
    let bad = ward(&["pattern", "validate", "[ipv4-addr:value = '198.51.100.7'"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("at position 33: expected ']' after comparison expression"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    let semantic = ward(&["pattern", "validate", "[file:hashes.MD5 = 'abc']"]);
    assert_eq!(semantic.status.code(), Some(2));
}

#[test]
fn match_prints_the_contract_json_and_exit_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = bundle_file(&dir);
    let hit = ward(&[
        "--json",
        "pattern",
        "match",
        "--pattern",
        "[ipv4-addr:value ISSUBSET '198.51.100.0/24'] FOLLOWEDBY [domain-name:value = 'evil.test']",
        &file,
    ]);
    assert_eq!(hit.status.code(), Some(0));
    let out: serde_json::Value = serde_json::from_slice(&hit.stdout).expect("JSON on stdout");
    assert_eq!(
        out,
        serde_json::json!({"matched": true, "observed_data": ["observed-data--1", "observed-data--2"]})
    );

    let miss = ward(&[
        "--json",
        "pattern",
        "match",
        "--pattern",
        "[domain-name:value = 'evil.test'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.7']",
        &file,
    ]);
    assert_eq!(miss.status.code(), Some(1));
    let out: serde_json::Value = serde_json::from_slice(&miss.stdout).expect("JSON on stdout");
    assert_eq!(
        out,
        serde_json::json!({"matched": false, "observed_data": []})
    );

    let human = ward(&[
        "pattern",
        "match",
        "--pattern",
        "[domain-name:value = 'evil.test']",
        &file,
    ]);
    assert_eq!(human.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&human.stdout).contains("observed-data--2"));
}

#[test]
fn match_rejects_bad_pattern_and_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = bundle_file(&dir);
    let bad_pattern = ward(&["pattern", "match", "--pattern", "[x:y = ", &file]);
    assert_eq!(bad_pattern.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_pattern.stderr).contains("--pattern"));

    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{not json").expect("write");
    let out = ward(&[
        "pattern",
        "match",
        "--pattern",
        "[x:y = 1]",
        &junk.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.json"));

    let od = dir.path().join("od.json");
    std::fs::write(
        &od,
        r#"[{"type": "observed-data", "id": "observed-data--9", "object_refs": []}]"#,
    )
    .expect("write");
    let out = ward(&[
        "pattern",
        "match",
        "--pattern",
        "[x:y = 1]",
        &od.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("observed-data--9") && stderr.contains("first_observed"),
        "{stderr}"
    );

    let missing = ward(&[
        "pattern",
        "match",
        "--pattern",
        "[x:y = 1]",
        "/nonexistent/x.json",
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

/// A bundle of `count` observations of one `x-thing` with `props`, a second apart.
fn things_file(
    dir: &tempfile::TempDir,
    name: &str,
    count: usize,
    props: serde_json::Value,
) -> String {
    let mut objects = Vec::new();
    for i in 0..count {
        let at = format!("2024-01-01T00:00:{i:02}Z");
        let mut thing = serde_json::json!({"type": "x-thing", "id": format!("x-thing--{i}")});
        if let (Some(t), Some(p)) = (thing.as_object_mut(), props.as_object()) {
            t.extend(p.clone());
        }
        objects.push(
            serde_json::json!({"type": "observed-data", "id": format!("observed-data--{i}"),
            "first_observed": at, "last_observed": at, "number_observed": 1,
            "object_refs": [format!("x-thing--{i}")]}),
        );
        objects.push(thing);
    }
    let path = dir.path().join(name);
    let bundle = serde_json::json!({"type": "bundle", "id": "bundle--1", "objects": objects});
    std::fs::write(&path, bundle.to_string()).expect("write bundle");
    path.to_string_lossy().into_owned()
}

#[test]
fn stacked_qualifiers_validate_and_match() {
    let stacked = "[x-thing:b < 20] REPEATS 2 TIMES REPEATS 2 TIMES";
    let valid = ward(&["pattern", "validate", stacked]);
    assert_eq!(
        valid.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&valid.stderr)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let four = things_file(&dir, "four.json", 4, serde_json::json!({"b": 10}));
    let three = things_file(&dir, "three.json", 3, serde_json::json!({"b": 10}));
    // Two times two: four observations match, three do not (as in stix2-matcher).
    let hit = ward(&["pattern", "match", "--pattern", stacked, &four]);
    assert_eq!(
        hit.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&hit.stderr)
    );
    let miss = ward(&["pattern", "match", "--pattern", stacked, &three]);
    assert_eq!(
        miss.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&miss.stderr)
    );
}

#[test]
fn a_timestamp_literal_against_a_string_that_is_not_one_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = things_file(
        &dir,
        "seen.json",
        1,
        serde_json::json!({"seen": "yesterday"}),
    );
    let out = ward(&[
        "pattern",
        "match",
        "--pattern",
        "[x-thing:seen < t'2024-03-01T00:00:00Z']",
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("seen.json")
            && stderr.contains("x-thing--0: property seen: expected a timestamp")
            && stderr.contains("\"yesterday\""),
        "{stderr}"
    );
    // A string that is a timestamp compares as one.
    let good = things_file(
        &dir,
        "good.json",
        1,
        serde_json::json!({"seen": "2024-01-01T00:00:00Z"}),
    );
    let out = ward(&[
        "pattern",
        "match",
        "--pattern",
        "[x-thing:seen < t'2024-03-01T00:00:00Z']",
        &good,
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn an_index_into_a_value_that_is_not_a_list_is_no_match() {
    // stix2-matcher 3.0.0 answers "no match" here (it selects nothing), so ward does too.
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, props) in [
        ("string.json", serde_json::json!({"a": "str"})),
        ("object.json", serde_json::json!({"a": {"c": 1}})),
    ] {
        let file = things_file(&dir, name, 1, props);
        let out = ward(&["pattern", "match", "--pattern", "[x-thing:a[0] = 1]", &file]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn start_not_before_stop_is_refused() {
    // A deliberate difference from the reference tools (the pattern crate's documentation
    // says why): an interval that is empty or reversed can never match.
    let out = ward(&[
        "pattern",
        "validate",
        "[x-thing:b = 1] START t'2024-01-02T00:00:00Z' STOP t'2024-01-01T00:00:00Z'",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("to be before STOP"));
}
