//! Cases where the grammar allows more than the checkers of other tools, or where the
//! reference matcher (PyPI `stix2-matcher`, STIX 2.1 mode) raises instead of answering:
//! stacked qualifiers, comparisons of a timestamp literal with a string that is not a
//! timestamp, and list indexes on values that are not lists.
//!
//! ward's answer is asserted on every machine. When the reference is installed (`$WARD_PYTHON`
//! or the workspace `.venv`) each case is also run through it and must get the same answer:
//! the same verdict, or an error where it raises. Without it the comparison is skipped with a
//! message, and fails when `WARD_REQUIRE_PEERS=1`.

use std::process::Command;

use serde_json::{json, Value};
use ward_pattern::{check, evaluate, EvalError};

/// What a case must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Match,
    NoMatch,
    /// An evaluation error (the reference raises).
    Error,
}

/// One observation: an observed-data at `second` past 2024-03-01T12:00:00Z seen `count`
/// times, holding one object of type `x-thing` with `props`.
fn obs(n: usize, second: u32, count: u32, props: Value) -> Value {
    let od = format!("observed-data--00000000-0000-4000-8000-{n:012}");
    let sco = format!("x-thing--00000000-0000-4000-8000-{n:012}");
    let at = format!("2024-03-01T12:{:02}:{:02}Z", second / 60, second % 60);
    let mut thing = json!({"type": "x-thing", "id": sco});
    if let (Some(t), Value::Object(p)) = (thing.as_object_mut(), props) {
        t.extend(p);
    }
    json!({"type": "bundle", "id": format!("bundle--00000000-0000-4000-8000-{n:012}"),
        "objects": [
            {"type": "observed-data", "spec_version": "2.1", "id": od,
             "created": at, "modified": at, "first_observed": at, "last_observed": at,
             "number_observed": count, "object_refs": [sco]},
            thing]})
}

/// `n` observations of `{"b": 10}`, one second apart, each seen once.
fn repeated(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| obs(i + 1, i as u32, 1, json!({"b": 10})))
        .collect()
}

fn cases() -> Vec<(&'static str, Vec<Value>, Expect)> {
    use Expect::*;
    let rr = "[x-thing:b < 20] REPEATS 2 TIMES REPEATS 2 TIMES";
    let two = |gap: u32| {
        vec![
            obs(1, 0, 1, json!({"b": 10})),
            obs(2, gap, 1, json!({"b": 10})),
        ]
    };
    let one = |props: Value| vec![obs(1, 0, 1, props)];
    vec![
        // Stacked REPEATS multiply: 2 x 2 needs four observation instances.
        (rr, repeated(3), NoMatch),
        (rr, repeated(4), Match),
        (rr, vec![obs(1, 0, 4, json!({"b": 10}))], Match),
        (rr, vec![obs(1, 0, 3, json!({"b": 10}))], NoMatch),
        (
            rr,
            vec![
                obs(1, 0, 2, json!({"b": 10})),
                obs(2, 5, 2, json!({"b": 10})),
            ],
            Match,
        ),
        (
            "[x-thing:b < 20] REPEATS 2 TIMES REPEATS 3 TIMES",
            repeated(5),
            NoMatch,
        ),
        (
            "[x-thing:b < 20] REPEATS 2 TIMES REPEATS 3 TIMES",
            repeated(6),
            Match,
        ),
        (
            "[x-thing:b < 20] REPEATS 2 TIMES WITHIN 5 SECONDS REPEATS 2 TIMES",
            repeated(4),
            Match,
        ),
        // Stacked WITHIN: every window applies.
        (
            "([x-thing:b < 20] FOLLOWEDBY [x-thing:b > 5]) WITHIN 10 SECONDS WITHIN 8 SECONDS",
            two(7),
            Match,
        ),
        (
            "([x-thing:b < 20] FOLLOWEDBY [x-thing:b > 5]) WITHIN 10 SECONDS WITHIN 5 SECONDS",
            two(7),
            NoMatch,
        ),
        (
            "([x-thing:b < 20] FOLLOWEDBY [x-thing:b > 5]) WITHIN 5 SECONDS WITHIN 10 SECONDS",
            two(7),
            NoMatch,
        ),
        // Stacked START/STOP: every interval applies.
        (
            "[x-thing:b < 20] START t'2024-01-01T00:00:00Z' STOP t'2025-01-01T00:00:00Z' \
             START t'2024-03-01T00:00:00Z' STOP t'2024-03-02T00:00:00Z'",
            repeated(1),
            Match,
        ),
        (
            "[x-thing:b < 20] START t'2024-01-01T00:00:00Z' STOP t'2025-01-01T00:00:00Z' \
             START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'",
            repeated(1),
            NoMatch,
        ),
        // A timestamp literal against a string that is a timestamp, one that is not, and a
        // number.
        (
            "[x-thing:seen = t'2024-03-01T12:00:00Z']",
            one(json!({"seen": "2024-03-01T12:00:00.000Z"})),
            Match,
        ),
        (
            "[x-thing:seen = t'2024-03-01T12:00:00Z']",
            one(json!({"seen": "yesterday"})),
            Error,
        ),
        (
            "[x-thing:seen < t'2024-03-01T12:00:00Z']",
            one(json!({"seen": "yesterday"})),
            Error,
        ),
        (
            "[x-thing:seen != t'2024-03-01T12:00:00Z']",
            one(json!({"seen": "yesterday"})),
            Error,
        ),
        (
            "[x-thing:seen IN (t'2024-03-01T12:00:00Z')]",
            one(json!({"seen": "yesterday"})),
            Error,
        ),
        (
            "[x-thing:seen = 'yesterday' OR x-thing:seen = t'2024-03-01T12:00:00Z']",
            one(json!({"seen": "yesterday"})),
            Error,
        ),
        (
            "[x-thing:other = 1 AND x-thing:seen = t'2024-03-01T12:00:00Z']",
            one(json!({"seen": "yesterday"})),
            Error,
        ),
        (
            "[x-thing:seen = t'2024-03-01T12:00:00Z']",
            one(json!({"seen": 5})),
            NoMatch,
        ),
        // A list index on a value that is not a list selects nothing: no match, no error.
        ("[x-thing:a[0] = 1]", one(json!({"a": "str"})), NoMatch),
        ("[x-thing:a[0] = 1]", one(json!({"a": {"c": 1}})), NoMatch),
        ("[x-thing:a[0] = 1]", one(json!({"a": 1})), NoMatch),
        ("[x-thing:a[*] = 1]", one(json!({"a": "str"})), NoMatch),
        ("[x-thing:a[0] = 1]", one(json!({"a": [1]})), Match),
    ]
}

fn ward_answer(pattern: &str, bundles: &[Value]) -> Result<Expect, EvalError> {
    let p = check(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    evaluate(&p, &Value::Array(bundles.to_vec())).map(|o| {
        if o.matched {
            Expect::Match
        } else {
            Expect::NoMatch
        }
    })
}

#[test]
fn ward_answers_each_case() {
    for (pattern, bundles, expected) in cases() {
        match (ward_answer(pattern, &bundles), expected) {
            (Ok(got), want) => assert_eq!(got, want, "{pattern} on {bundles:?}"),
            (Err(EvalError::NotATimestamp { path, value, .. }), Expect::Error) => {
                assert!(!path.is_empty() && value == "yesterday", "{pattern}")
            }
            (Err(e), want) => panic!("{pattern}: expected {want:?}, got error {e}"),
        }
    }
}

#[test]
fn a_bad_timestamp_names_where_it_is() {
    let err = ward_answer(
        "[x-thing:seen = t'2024-03-01T12:00:00Z']",
        &[
            obs(1, 0, 1, json!({"seen": "2024-03-01T12:00:00Z"})),
            obs(2, 1, 1, json!({"seen": "yesterday"})),
        ],
    )
    .expect_err("a string that is not a timestamp");
    assert_eq!(
        err.to_string(),
        "observed-data--00000000-0000-4000-8000-000000000002: \
         x-thing--00000000-0000-4000-8000-000000000002: property seen: expected a timestamp \
         to compare with the pattern's t'...' literal, got \"yesterday\""
    );
}

#[test]
fn stix2_matcher_gives_the_same_answers() {
    let Some(py) = ward_testkit::python_with("stix2matcher") else {
        return;
    };
    let script = concat!(
        "import json,sys\nfrom stix2matcher.matcher import match\n",
        "for case in json.load(sys.stdin):\n",
        "    try:\n",
        "        r = 'Match' if match(case[0], case[1], stix_version='2.1') else 'NoMatch'\n",
        "    except Exception as e:\n",
        "        r = 'Error'\n",
        "    print(r)\n"
    );
    let cases = cases();
    let input: Vec<Value> = cases.iter().map(|(p, b, _)| json!([p, b])).collect();
    let mut child = Command::new(&py)
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(Value::Array(input).to_string().as_bytes())
            .expect("write cases");
    }
    let out = child.wait_with_output().expect("python output");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(answers.len(), cases.len());
    for ((pattern, bundles, expected), theirs) in cases.iter().zip(&answers) {
        assert_eq!(
            format!("{expected:?}"),
            *theirs,
            "{pattern}: stix2-matcher disagrees on {bundles:?}"
        );
    }
}
