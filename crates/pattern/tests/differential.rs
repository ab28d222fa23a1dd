//! Differential tests against the OASIS reference tools (PyPI `stix2-matcher` and
//! `stix2-patterns`) on a corpus generated deterministically by `tests/py/corpus.py`.
//!
//! Python is found as `$WARD_PYTHON`, else `<workspace>/.venv/bin/python`. When it is missing
//! the tests print "skipped: ..." and pass, unless `WARD_REQUIRE_PEERS=1` (CI), where they fail.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

const SEED: u64 = 4;
const COUNT: usize = 700;

fn python() -> Option<PathBuf> {
    ward_testkit::python_with("stix2matcher")
}

/// The reference tools' answers on the corpus, computed once per test binary.
fn oracle() -> Option<&'static Value> {
    static ORACLE: OnceLock<Option<Value>> = OnceLock::new();
    ORACLE
        .get_or_init(|| {
            let py = python()?;
            let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/py/oracle.py");
            let out = Command::new(py)
                .arg(script)
                .arg(SEED.to_string())
                .arg(COUNT.to_string())
                .output()
                .expect("run oracle.py");
            assert!(
                out.status.success(),
                "oracle.py failed (are stix2-matcher and stix2-patterns installed?): {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(serde_json::from_slice(&out.stdout).expect("oracle.py prints JSON"))
        })
        .as_ref()
}

/// Errors the reference raises where the specification gives an answer. Cases where the
/// reference raises one of these are not compared; any other reference error fails the test.
const REFERENCE_ERRORS: &[(&str, &str)] = &[(
    "Invalid CIDR subnet",
    "STIX 2.1 §9.7 ISSUPERSET/ISSUBSET: an ipv4-addr value may be a single address (the CIDR \
     /32 suffix MAY be omitted, §6.4 IPv4 Address Object); stix2-matcher raises when the \
     property value is a plain address under ISSUPERSET",
)];

/// Verdicts where ward and stix2-matcher differ and the specification sides with ward.
/// Each entry: a pattern, the bundle objects, ward's verdict, and the deciding section.
fn known_reference_bugs() -> Vec<(&'static str, Value, bool, &'static str)> {
    let od = |refs: &[&str]| {
        serde_json::json!({"type": "observed-data", "id": "observed-data--00000000-0000-4000-8000-000000000001",
            "first_observed": "2024-03-01T12:00:00Z", "last_observed": "2024-03-01T12:00:00Z",
            "number_observed": 1, "object_refs": refs})
    };
    let bundle = |objects: Vec<Value>| serde_json::json!({"type": "bundle", "id": "bundle--1", "objects": objects});
    vec![
        (
            "[file:x_flag IN (1)]",
            bundle(vec![
                od(&["file--1"]),
                serde_json::json!({"type": "file", "id": "file--1", "x_flag": true}),
            ]),
            false,
            "§9.7 IN: true when the value equals one of the set; a boolean is not equal to an \
             integer (the reference uses Python's True == 1)",
        ),
        (
            "[file:name LIKE 'a%b']",
            bundle(vec![
                od(&["file--1"]),
                serde_json::json!({"type": "file", "id": "file--1", "name": "a\nb"}),
            ]),
            true,
            "§9.7 LIKE: SQL LIKE, where % matches any sequence of characters (the reference \
             translates % to a regex '.*' that stops at a newline)",
        ),
    ]
}

#[test]
fn evaluator_agrees_with_stix2_matcher_on_generated_corpus() {
    let Some(oracle) = oracle() else { return };
    let cases = oracle["cases"].as_array().expect("cases");
    let mut compared = 0;
    let mut matched = 0;
    let mut skipped = Vec::new();
    let mut disagreements = Vec::new();
    for case in cases {
        let text = case["pattern"].as_str().expect("pattern");
        let reference = &case["reference"];
        let pattern = ward_pattern::check(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let ours = ward_pattern::evaluate(&pattern, &case["bundle"])
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        if let Some(err) = reference["error"].as_str() {
            assert!(
                REFERENCE_ERRORS
                    .iter()
                    .any(|(needle, _)| err.contains(needle)),
                "reference error not explained by the specification: {text}: {err}"
            );
            skipped.push(text);
            continue;
        }
        compared += 1;
        let theirs = reference["matched"].as_bool().expect("matched");
        if theirs != ours.matched {
            disagreements.push(format!(
                "{text}: stix2-matcher {theirs}, ward {}",
                ours.matched
            ));
            continue;
        }
        if theirs {
            matched += 1;
            // The reference reports one binding; ward reports every observed-data that takes
            // part in some binding, so the reference's must be among ward's.
            for id in reference["ids"].as_array().expect("ids") {
                let id = id.as_str().expect("id");
                assert!(
                    ours.observed_data.iter().any(|o| o == id),
                    "{text}: {id} missing from {:?}",
                    ours.observed_data
                );
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(
        compared >= 500,
        "only {compared} pairs compared ({} skipped)",
        skipped.len()
    );
    assert!(
        matched >= 100 && compared - matched >= 100,
        "corpus unbalanced: {matched} of {compared} match"
    );
}

#[test]
fn documented_reference_bugs_are_real_and_ward_follows_the_spec() {
    let Some(py) = python() else { return };
    for (pattern, bundle, expected, section) in known_reference_bugs() {
        let ours = ward_pattern::evaluate(&ward_pattern::check(pattern).expect(pattern), &bundle)
            .expect(pattern);
        assert_eq!(ours.matched, expected, "{pattern}: {section}");
        let script = concat!(
            "import json,sys\nfrom stix2matcher.matcher import match\n",
            "print(json.dumps(bool(match(sys.argv[1], [json.loads(sys.argv[2])], stix_version='2.1'))))"
        );
        let out = Command::new(&py)
            .arg("-c")
            .arg(script)
            .arg(pattern)
            .arg(bundle.to_string())
            .output()
            .expect("python");
        let theirs: bool = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{pattern}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_ne!(
            theirs, expected,
            "{pattern}: the reference now agrees; remove it from the list"
        );
    }
}

/// Rules where ward's checker is stricter than stix2-patterns, each decided by the spec.
const STRICTER_RULES: &[(&str, &str)] = &[
    (
        "invalid timestamp",
        "§9.3 timestamp literals are RFC 3339 instants (no 30 February)",
    ),
    (
        "before STOP",
        "§9.6 START/STOP: the start is inclusive and the stop exclusive, so STOP must follow START",
    ),
    (
        "positive number of seconds",
        "§9.6 WITHIN: the duration MUST be a positive number",
    ),
    (
        "positive integer after REPEATS",
        "§9.6 REPEATS: the count MUST be a positive integer",
    ),
    (
        "expected every value of the set",
        "§9.7 IN: a set literal holds values of one type",
    ),
    (
        "regular expression",
        "§9.7 MATCHES: the operand is a PCRE regular expression",
    ),
    (
        "IP address or CIDR",
        "§9.7 ISSUBSET/ISSUPERSET: operands are IP addresses or CIDR blocks",
    ),
];

/// stix2-patterns rejects a valid `hashes.X IN (...)`: it checks the whole set text, e.g.
/// `'(d41d...,8d98...)'`, as one hash value. §9.7 IN compares with each member, and ward
/// checks each member's length.
fn reference_misreads_hash_set(errors: &Value) -> bool {
    errors.as_array().is_some_and(|errs| {
        !errs.is_empty()
            && errs.iter().all(|e| {
                e.as_str()
                    .is_some_and(|e| e.contains("'(") && e.contains("is not a valid"))
            })
    })
}

#[test]
fn checker_agrees_with_stix2_patterns_on_corpus_and_mutants() {
    let Some(oracle) = oracle() else { return };
    let entries = oracle["validity"].as_array().expect("validity");
    let mut compared = 0;
    let mut problems = Vec::new();
    for entry in entries {
        let text = entry["pattern"].as_str().expect("pattern");
        let ours = ward_pattern::check(text);
        let Some(theirs) = entry["valid"].as_bool() else {
            continue;
        };
        compared += 1;
        match (&ours, theirs) {
            (Ok(_), true) | (Err(_), false) => {}
            (Err(ward_pattern::PatternError::Semantic { message, .. }), true)
                if STRICTER_RULES
                    .iter()
                    .any(|(needle, _)| message.contains(needle)) => {}
            (Err(e), true) => problems.push(format!(
                "{text}: ward rejects ({e}), stix2-patterns accepts"
            )),
            (Ok(_), false) if reference_misreads_hash_set(&entry["errors"]) => {}
            (Ok(_), false) => {
                problems.push(format!("{text}: ward accepts, stix2-patterns rejects"))
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(compared >= 2000, "only {compared} patterns compared");
}
