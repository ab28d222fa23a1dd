//! The evaluator's shortcuts must not change an answer: the verdict-only search, the
//! single-observation path and its budget, the id index (first object with an id wins),
//! `_refs` indexing over the objects that resolve, the timestamp memo and the shared cache
//! of MATCHES expressions.

use serde_json::{json, Value};
use ward_pattern::{check, evaluate, EvalError, EvalOptions, Matcher, Observations};

fn od(id: &str, first: &str, last: &str, count: u64, refs: &[&str]) -> Value {
    json!({"type": "observed-data", "id": id, "first_observed": first, "last_observed": last,
           "number_observed": count, "object_refs": refs})
}

fn bundle(objects: Vec<Value>) -> Value {
    json!({"type": "bundle", "id": "bundle--1", "objects": objects})
}

fn timeline() -> Value {
    bundle(vec![
        od(
            "observed-data--a",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:10Z",
            1,
            &["domain-name--1", "ipv4-addr--1"],
        ),
        od(
            "observed-data--b",
            "2024-01-01T00:01:00Z",
            "2024-01-01T00:01:00Z",
            1,
            &["domain-name--2"],
        ),
        od(
            "observed-data--c",
            "2024-01-01T00:10:00Z",
            "2024-01-01T00:10:00Z",
            3,
            &["domain-name--1"],
        ),
        json!({"type": "domain-name", "id": "domain-name--1", "value": "evil.test",
               "resolves_to_refs": ["ipv4-addr--1"]}),
        json!({"type": "domain-name", "id": "domain-name--2", "value": "mail.evil.test"}),
        json!({"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "198.51.100.7"}),
    ])
}

#[test]
fn verdict_only_search_agrees_with_the_full_one() {
    let t = timeline();
    let obs = Observations::from_json(&t).unwrap();
    let patterns = [
        "[domain-name:value = 'evil.test']",
        "[domain-name:value = 'nothing.test']",
        "[domain-name:value LIKE '%.evil.test' OR ipv4-addr:value ISSUBSET '198.51.100.0/24']",
        "[domain-name:resolves_to_refs[*].value = '198.51.100.7']",
        "[domain-name:value = 'evil.test'] REPEATS 4 TIMES",
        "[domain-name:value = 'evil.test'] REPEATS 5 TIMES",
        "[domain-name:value = 'evil.test'] FOLLOWEDBY [domain-name:value = 'mail.evil.test']",
        "[domain-name:value = 'mail.evil.test'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.7']",
        "([domain-name:value = 'evil.test'] AND [domain-name:value = 'mail.evil.test']) WITHIN 30 SECONDS",
        "[domain-name:value = 'evil.test'] START t'2024-01-01T00:05:00Z' STOP t'2024-01-01T00:20:00Z'",
        "[domain-name:value = 'evil.test'] START t'2024-01-01T00:20:00Z' STOP t'2024-01-01T00:30:00Z'",
        "[domain-name:value = 'x'] OR [ipv4-addr:value = '198.51.100.7']",
    ];
    for text in patterns {
        let m = Matcher::new(&check(text).unwrap()).unwrap();
        let full = m.evaluate(&obs).unwrap();
        assert_eq!(m.is_match(&obs).unwrap(), full.matched, "{text}");
    }
}

#[test]
fn single_observation_path_lists_every_match() {
    let t = timeline();
    let p = check("[domain-name:value = 'evil.test']").unwrap();
    let out = evaluate(&p, &t).unwrap();
    assert!(out.matched && out.complete);
    assert_eq!(out.observed_data, ["observed-data--a", "observed-data--c"]);
}

#[test]
fn single_observation_path_keeps_the_step_budget() {
    let tight = EvalOptions {
        max_steps: 2,
        max_bindings: 10,
    };
    let only_c = bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["x--1"],
        ),
        od(
            "observed-data--2",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["x--1"],
        ),
        od(
            "observed-data--3",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["x--2"],
        ),
        json!({"type": "x", "id": "x--1", "v": 1}),
        json!({"type": "x", "id": "x--2", "v": 2}),
    ]);
    let obs = Observations::from_json(&only_c).unwrap();
    // Only the third observation matches; two steps never reach it: an error, not a "no".
    let m = Matcher::with_options(&check("[x:v = 2]").unwrap(), tight).unwrap();
    assert!(matches!(
        m.evaluate(&obs),
        Err(EvalError::TooComplex { steps: 2 })
    ));
    assert!(matches!(
        m.is_match(&obs),
        Err(EvalError::TooComplex { .. })
    ));
    // A match inside the budget is reported, flagged as possibly partial.
    let m = Matcher::with_options(&check("[x:v = 1]").unwrap(), tight).unwrap();
    let out = m.evaluate(&obs).unwrap();
    assert!(out.matched && !out.complete);
    assert_eq!(out.observed_data, ["observed-data--1", "observed-data--2"]);
}

#[test]
fn the_first_object_with_an_id_is_the_one_referenced() {
    let b = bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["x--1"],
        ),
        json!({"type": "x", "id": "x--1", "v": "first"}),
        json!({"type": "x", "id": "x--1", "v": "second"}),
    ]);
    let yes = check("[x:v = 'first']").unwrap();
    let no = check("[x:v = 'second']").unwrap();
    assert!(evaluate(&yes, &b).unwrap().matched);
    assert!(!evaluate(&no, &b).unwrap().matched);
}

#[test]
fn refs_indices_count_the_objects_that_resolve() {
    let b = bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["email-message--1", "email-addr--a", "email-addr--b"],
        ),
        json!({"type": "email-message", "id": "email-message--1", "is_multipart": false,
               "to_refs": ["email-addr--missing", "email-addr--a", "email-addr--b"]}),
        json!({"type": "email-addr", "id": "email-addr--a", "value": "a@example.com"}),
        json!({"type": "email-addr", "id": "email-addr--b", "value": "b@example.com"}),
    ]);
    let at = |i: usize, v: &str| {
        let p = check(&format!("[email-message:to_refs[{i}].value = '{v}']")).unwrap();
        evaluate(&p, &b).unwrap().matched
    };
    assert!(at(0, "a@example.com"));
    assert!(at(1, "b@example.com"));
    assert!(!at(2, "b@example.com"));
    let none = bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["email-message--1"],
        ),
        json!({"type": "email-message", "id": "email-message--1", "to_refs": ["email-addr--missing"]}),
    ]);
    // A list none of whose ids resolve selects nothing, so EXISTS fails on it.
    let exists =
        check("[email-message:to_refs[*].value NOT = 'x' OR EXISTS email-message:to_refs]")
            .unwrap();
    assert!(!evaluate(&exists, &none).unwrap().matched);
}

#[test]
fn repeated_timestamps_are_still_checked_one_by_one() {
    let same = "2024-01-01T00:00:00Z";
    let b = bundle(vec![
        od("observed-data--1", same, same, 1, &["x--1"]),
        od("observed-data--2", same, same, 1, &["x--1"]),
        od(
            "observed-data--3",
            same,
            "2023-12-31T23:59:59Z",
            1,
            &["x--1"],
        ),
        json!({"type": "x", "id": "x--1", "v": 1}),
    ]);
    match Observations::from_json(&b) {
        Err(EvalError::BadObservedData {
            object, property, ..
        }) => {
            assert_eq!(object, "observed-data--3");
            assert_eq!(property, "last_observed");
        }
        other => panic!("{other:?}"),
    }
    let b = bundle(vec![
        od("observed-data--1", same, same, 1, &["x--1"]),
        od(
            "observed-data--2",
            same,
            "2024-02-30T00:00:00Z",
            1,
            &["x--1"],
        ),
    ]);
    assert!(matches!(
        Observations::from_json(&b),
        Err(EvalError::BadObservedData {
            property: "last_observed",
            ..
        })
    ));
}

#[test]
fn matches_expressions_are_shared_between_patterns() {
    let b = bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["url--1"],
        ),
        json!({"type": "url", "id": "url--1", "value": "https://mail.evil.test/x"}),
    ]);
    for _ in 0..3 {
        let p = check("[url:value MATCHES '(?<=mail\\\\.)evil']").unwrap();
        assert!(evaluate(&p, &b).unwrap().matched);
        let p = check("[url:value NOT MATCHES '(?<=mail\\\\.)evil']").unwrap();
        assert!(!evaluate(&p, &b).unwrap().matched);
        // A rejected expression stays rejected, at the same place, however often it is seen.
        let err = check("[url:value MATCHES 'a(b']").unwrap_err();
        assert_eq!(err.position(), 19);
    }
}

mod one_pass_equals_two_steps {
    use super::*;
    use proptest::prelude::*;

    const IDS: &[&str] = &["x--1", "x--2", "y--1", "y--2"];
    const TIMES: &[&str] = &[
        "2024-01-01T00:00:00Z",
        "2024-01-01T00:00:05.5Z",
        "2024-01-01T00:00:09Z",
    ];

    /// Mostly well-formed times (a bundle with one bad observed-data is an error as a
    /// whole, which would leave few answers to compare); sometimes a bad or early one.
    fn time() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            12 => proptest::sample::select(TIMES),
            1 => Just("2023-12-31T23:59:59Z"),
            1 => Just("not a time"),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(json!(0)),
            Just(json!(1)),
            Just(json!(2)),
            Just(json!("a")),
            Just(json!("b")),
            Just(json!([1, "a"])),
        ]
    }

    fn sco() -> impl Strategy<Value = Value> {
        (
            prop_oneof![Just("x"), Just("y")],
            proptest::sample::select(IDS),
            proptest::option::of(value()),
            proptest::option::of(value()),
        )
            .prop_map(|(t, id, v, name)| {
                let mut o = json!({"type": t, "id": id, "refs": ["x--1", "y--2"]});
                if let Some(v) = v {
                    o["v"] = v;
                }
                if let Some(n) = name {
                    o["name"] = n;
                }
                o
            })
    }

    fn observed(n: usize) -> impl Strategy<Value = Value> {
        (
            time(),
            time(),
            prop_oneof![8 => Just(json!(1)), 3 => Just(json!(2)), 1 => Just(json!(0))],
            proptest::collection::vec(
                prop_oneof![
                    40 => proptest::sample::select(IDS).prop_map(|s| json!(s)),
                    1 => Just(json!(5)),
                ],
                0..4,
            ),
            proptest::option::of(proptest::collection::vec(sco(), 0..3)),
        )
            .prop_map(move |(first, last, count, refs, embedded)| {
                // Well-formed times in order, so that only the rare bad ones are errors.
                let (first, last) = if TIMES.contains(&first) && TIMES.contains(&last) {
                    (first.min(last), first.max(last))
                } else {
                    (first, last)
                };
                let mut o = json!({"type": "observed-data", "id": format!("observed-data--{n}"),
                    "first_observed": first, "last_observed": last, "number_observed": count});
                match embedded {
                    // STIX 2.0: objects keyed by name, no object_refs.
                    Some(objects) => {
                        let map: serde_json::Map<String, Value> = objects
                            .into_iter()
                            .enumerate()
                            .map(|(i, o)| (i.to_string(), o))
                            .collect();
                        o["objects"] = Value::Object(map);
                    }
                    None => o["object_refs"] = Value::Array(refs),
                }
                o
            })
    }

    pub(super) fn input() -> impl Strategy<Value = Value> {
        proptest::collection::vec(
            prop_oneof![sco(), (0usize..1000).prop_flat_map(observed)],
            0..10,
        )
        .prop_map(|objects| json!({"type": "bundle", "id": "bundle--1", "objects": objects}))
    }

    const PATTERNS: &[&str] = &[
        "[x:v = 1]",
        "[x:v = 'a' OR y:v = 2]",
        "[x:v != 1]",
        "[x:v NOT = 1]",
        "[x:v > 0 AND x:v < 2]",
        "[EXISTS x:name]",
        "[NOT EXISTS x:v]",
        "[y:v IN (1, 2)]",
        "[x:v[*] = 'a']",
        "[x:v LIKE 'a%' OR y:name MATCHES '^b']",
        "[x:refs[*].v = 1]",
        "[x:v = 1] OR [y:v = 2]",
        "[x:v = 1] REPEATS 2 TIMES",
    ];

    proptest! {
        #[test]
        fn same_answers_and_errors(
            b in input(),
            text in proptest::sample::select(PATTERNS),
            steps in prop_oneof![Just(1u64), Just(2), Just(1_000)],
        ) {
            let options = EvalOptions { max_steps: steps, max_bindings: 1_000 };
            let m = Matcher::with_options(&check(text).unwrap(), options).unwrap();
            let one = m.evaluate_json(&b);
            let two = Observations::from_json(&b).and_then(|o| m.evaluate(&o));
            prop_assert_eq!(&one, &two, "{}", text);
            let verdict = Observations::from_json(&b).and_then(|o| m.is_match(&o));
            prop_assert_eq!(verdict, two.map(|o| o.matched));
        }
    }
}

mod merged_ors_keep_their_meaning {
    use super::one_pass_equals_two_steps::input;
    use super::*;
    use proptest::prelude::*;

    /// Tests of one property, merged by the evaluator when ORed inside one `[...]`.
    const TESTS: &[&str] = &[
        "x:v = 1",
        "x:v NOT = 1",
        "x:v != 2",
        "x:v > 0",
        "x:v NOT < 2",
        "x:v IN (0, 2)",
        "x:v LIKE 'a%'",
        "x:v NOT MATCHES '^b'",
        "y:v = 'b'",
        "x:name = 'a'",
        "EXISTS x:v",
        "NOT EXISTS x:v",
    ];

    proptest! {
        /// `[A OR B OR C]` matches the observed-data where one SCO satisfies one of the
        /// tests, which is what `[A] OR [B] OR [C]` (never merged) matches too.
        #[test]
        fn as_separate_observation_expressions(
            b in input(),
            tests in proptest::collection::vec(proptest::sample::select(TESTS), 2..4),
        ) {
            let merged = format!("[{}]", tests.join(" OR "));
            let separate = tests.iter().map(|t| format!("[{t}]")).collect::<Vec<_>>().join(" OR ");
            let one = check(&merged).unwrap();
            let two = check(&separate).unwrap();
            let (one, two) = (evaluate(&one, &b), evaluate(&two, &b));
            prop_assert_eq!(one, two, "{} vs {}", merged, separate);
        }
    }
}
