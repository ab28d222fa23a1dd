//! Behaviour written from the STIX 2.1 specification, §9 (patterning): the example patterns,
//! each operator, qualifier, literal and path form, and the errors.

use serde_json::{json, Value};
use ward_pattern::{
    check, evaluate, parse, EvalError, EvalOptions, Matcher, Observations, PatternError,
};

/// Patterns in the style of the specification's examples (§9.9 and the operator tables).
const SPEC_EXAMPLES: [&str; 23] = [
    "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
    "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
    "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
    "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
    "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'] WITHIN 300 SECONDS",
    "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']",
    "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
    "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
    "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
    "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
    "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
    "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 180 SECONDS",
    "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
    "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
    "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
    "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
    "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
    "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
    "[x-usb-device:usbdrive.serial_number = '575833344E334E3236353836']",
    "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
    "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS",
    "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
    "[software:name = 'Word' AND software:vendor = 'Microsoft'] START t'2016-01-01T00:00:00Z' STOP t'2016-02-01T00:00:00Z'",
];

#[test]
fn specification_examples_parse_check_and_round_trip() {
    for text in SPEC_EXAMPLES {
        let pattern = check(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        // The canonical rendering parses back to the same tree.
        let rendered = pattern.to_string();
        let again = parse(&rendered).unwrap_or_else(|e| panic!("{rendered}: {e}"));
        assert_eq!(again.to_string(), rendered);
        Matcher::new(&pattern).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
}

fn od(id: &str, first: &str, last: &str, count: u64, refs: &[&str]) -> Value {
    json!({"type": "observed-data", "id": id, "first_observed": first, "last_observed": last,
           "number_observed": count, "object_refs": refs})
}

fn bundle(objects: Vec<Value>) -> Value {
    json!({"type": "bundle", "id": "bundle--1", "objects": objects})
}

fn run(pattern: &str, input: &Value) -> (bool, Vec<String>) {
    let p = check(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    let out = evaluate(&p, input).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    (out.matched, out.observed_data)
}

fn matches(pattern: &str, input: &Value) -> bool {
    run(pattern, input).0
}

fn one_file(file: Value) -> Value {
    let mut file = file;
    file["type"] = json!("file");
    file["id"] = json!("file--1");
    bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["file--1"],
        ),
        file,
    ])
}

#[test]
fn comparison_operators() {
    let b = one_file(
        json!({"name": "Invoice.pdf", "size": 1024, "x_score": 2.5, "x_ok": true,
        "created": "2014-01-13T07:03:17.5Z", "magic_number_hex": "25504446"}),
    );
    let yes = [
        "[file:name = 'Invoice.pdf']",
        "[file:name == 'Invoice.pdf']",
        "[file:name != 'x']",
        "[file:name <> 'x']",
        "[file:size = 1024.0]",
        "[file:size >= 1024]",
        "[file:size < 1025]",
        "[file:x_score > 2]",
        "[file:x_score <= 2.5]",
        "[file:name > 'A']",
        "[file:x_ok = true]",
        "[file:size IN (1, 1024)]",
        "[file:name NOT IN ('a', 'b')]",
        "[file:name LIKE 'Inv%.p_f']",
        "[file:name MATCHES '(?i)^invoice']",
        "[file:name MATCHES 'Invoice(?=\\\\.pdf)']",
        "[file:name NOT = 'x']",
        "[file:created = t'2014-01-13T07:03:17.500Z']",
        "[file:created > t'2014-01-13T07:03:17Z']",
        "[file:magic_number_hex = h'25504446']",
        "[file:magic_number_hex = '%PDF']",
        "[file:magic_number_hex = b'JVBERg==']",
        "[file:magic_number_hex > h'2550']",
        "[EXISTS file:size]",
        "[NOT EXISTS file:hashes]",
    ];
    for p in yes {
        assert!(matches(p, &b), "{p} should match");
    }
    let no = [
        "[file:name = 'invoice.pdf']",
        "[file:size = '1024']",
        "[file:x_ok = 1]",
        "[file:x_ok > 0]",
        "[file:name LIKE 'Inv']",
        "[file:name MATCHES '^pdf']",
        "[file:missing != 'x']",
        "[file:missing NOT = 'x']",
        "[file:size NOT >= 1024]",
        "[EXISTS file:hashes]",
        "[NOT EXISTS file:name]",
        "[file:name IN ()]",
        "[directory:path = 'x']",
    ];
    for p in no {
        assert!(!matches(p, &b), "{p} should not match");
    }
}

#[test]
fn addresses_and_cidr_containment() {
    let b = bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["ipv4-addr--1", "ipv6-addr--1", "ipv4-addr--2"],
        ),
        json!({"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "198.51.100.7"}),
        json!({"type": "ipv4-addr", "id": "ipv4-addr--2", "value": "203.0.113.0/24"}),
        json!({"type": "ipv6-addr", "id": "ipv6-addr--1", "value": "2001:db8::1"}),
    ]);
    assert!(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", &b));
    assert!(matches("[ipv4-addr:value ISSUPERSET '203.0.113.9']", &b));
    assert!(
        matches("[ipv4-addr:value ISSUPERSET '198.51.100.7']", &b),
        "an address is a /32 block"
    );
    assert!(matches("[ipv6-addr:value ISSUBSET '2001:db8::/32']", &b));
    assert!(!matches("[ipv6-addr:value ISSUBSET '2001:db9::/32']", &b));
    assert!(!matches(
        "[ipv4-addr:value ISSUBSET '10.0.0.0/8' AND ipv4-addr:value = '198.51.100.7']",
        &b
    ));
}

#[test]
fn paths_references_lists_and_unicode() {
    let b = bundle(vec![
        od(
            "observed-data--1",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &[
                "network-traffic--1",
                "ipv4-addr--1",
                "email-message--1",
                "email-addr--1",
                "email-addr--2",
            ],
        ),
        json!({"type": "network-traffic", "id": "network-traffic--1", "dst_ref": "ipv4-addr--1",
               "protocols": ["ipv4", "tcp"], "extensions": {"http-request-ext": {"request_method": "GET"}}}),
        json!({"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "198.51.100.7"}),
        json!({"type": "email-message", "id": "email-message--1", "to_refs": ["email-addr--1", "email-addr--2"],
               "subject": "Caf\u{e9}"}),
        json!({"type": "email-addr", "id": "email-addr--1", "value": "a@example.com"}),
        json!({"type": "email-addr", "id": "email-addr--2", "value": "b@evil.test"}),
    ]);
    assert!(matches(
        "[network-traffic:dst_ref.value = '198.51.100.7']",
        &b
    ));
    assert!(matches("[network-traffic:protocols[*] = 'tcp']", &b));
    assert!(matches("[network-traffic:protocols[1] = 'tcp']", &b));
    assert!(!matches("[network-traffic:protocols[0] = 'tcp']", &b));
    assert!(!matches("[network-traffic:protocols[-1] = 'tcp']", &b));
    assert!(matches(
        "[network-traffic:extensions.'http-request-ext'.request_method = 'GET']",
        &b
    ));
    assert!(matches(
        "[email-message:to_refs[*].value = 'b@evil.test']",
        &b
    ));
    assert!(matches(
        "[email-message:to_refs[0].value LIKE '%@example.com']",
        &b
    ));
    assert!(!matches(
        "[email-message:to_refs.value = 'b@evil.test']",
        &b
    ));
    // NFC: the decomposed "e + combining acute" operand matches the precomposed value.
    assert!(matches("[email-message:subject LIKE 'Cafe\u{301}']", &b));
    assert!(matches(
        "[email-message:subject MATCHES '^Cafe\u{301}$']",
        &b
    ));
    assert!(!matches("[email-message:subject = 'Cafe\u{301}']", &b));
}

fn timeline() -> Value {
    bundle(vec![
        od(
            "observed-data--a",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:10Z",
            1,
            &["domain-name--1"],
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
        json!({"type": "domain-name", "id": "domain-name--1", "value": "evil.test"}),
        json!({"type": "domain-name", "id": "domain-name--2", "value": "mail.evil.test"}),
    ])
}

#[test]
fn observation_operators_and_qualifiers() {
    let t = timeline();
    let evil = "[domain-name:value = 'evil.test']";
    let mail = "[domain-name:value = 'mail.evil.test']";
    assert_eq!(
        run(evil, &t),
        (
            true,
            vec!["observed-data--a".into(), "observed-data--c".into()]
        )
    );
    assert!(matches(&format!("{evil} AND {mail}"), &t));
    assert!(matches(&format!("{evil} FOLLOWEDBY {mail}"), &t));
    assert!(
        matches(&format!("{mail} FOLLOWEDBY {evil}"), &t),
        "b then c"
    );
    assert!(
        matches(&format!("({evil} AND {mail}) WITHIN 50 SECONDS"), &t),
        "a ends 50 s before b"
    );
    assert!(!matches(
        &format!("({evil} AND {mail}) WITHIN 49 SECONDS"),
        &t
    ));
    assert!(!matches(
        &format!("({mail} FOLLOWEDBY {evil}) WITHIN 60 SECONDS"),
        &t
    ));
    // number_observed = 3 on c: c alone is three observations.
    assert!(matches(&format!("{evil} REPEATS 4 TIMES"), &t));
    assert!(!matches(&format!("{evil} REPEATS 5 TIMES"), &t));
    assert!(matches(
        &format!("{evil} REPEATS 3 TIMES WITHIN 1 SECONDS"),
        &t
    ));
    assert!(
        !matches(&format!("{mail} REPEATS 2 TIMES"), &t),
        "one observation is used once"
    );
    assert!(!matches(&format!("{mail} AND {mail}"), &t));
    // START inclusive, STOP exclusive.
    assert!(matches(
        &format!("{mail} START t'2024-01-01T00:01:00Z' STOP t'2024-01-01T00:02:00Z'"),
        &t
    ));
    assert!(!matches(
        &format!("{mail} START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T00:01:00Z'"),
        &t
    ));
    assert_eq!(
        run(
            &format!("{evil} START t'2024-01-01T00:05:00Z' STOP t'2024-01-02T00:00:00Z'"),
            &t
        ),
        (true, vec!["observed-data--c".into()])
    );
    assert!(matches(
        &format!("{mail} OR [domain-name:value = 'nothing']"),
        &t
    ));
}

#[test]
fn stix_2_0_embedded_objects_and_arrays_of_bundles() {
    let v20 = json!([{"type": "observed-data", "id": "observed-data--1", "first_observed": "2017-01-01T00:00:00Z",
        "last_observed": "2017-01-01T00:00:00Z", "number_observed": 1,
        "objects": {"0": {"type": "ipv4-addr", "value": "198.51.100.1"},
                    "1": {"type": "network-traffic", "dst_ref": "0", "protocols": ["tcp"]}}}]);
    assert!(matches(
        "[network-traffic:dst_ref.value = '198.51.100.1']",
        &v20
    ));
    let split = json!([
        {"type": "bundle", "id": "bundle--1", "objects": [od("observed-data--1", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", 1, &["url--1"])]},
        {"type": "bundle", "id": "bundle--2", "objects": [{"type": "url", "id": "url--1", "value": "http://evil.test/"}]},
    ]);
    assert!(matches("[url:value = 'http://evil.test/']", &split));
}

#[test]
fn bad_input_is_an_error_naming_the_field() {
    let p = check("[url:value = 'x']").unwrap();
    let cases = [
        (json!(5), "expected a bundle"),
        (
            bundle(vec![
                json!({"type": "observed-data", "id": "observed-data--1", "object_refs": []}),
            ]),
            "first_observed",
        ),
        (
            bundle(vec![od(
                "observed-data--1",
                "2024-01-01T00:00:00Z",
                "2023-01-01T00:00:00Z",
                1,
                &[],
            )]),
            "last_observed",
        ),
        (
            bundle(vec![od(
                "observed-data--1",
                "2024-01-01T00:00:00Z",
                "2024-01-01T00:00:00Z",
                0,
                &[],
            )]),
            "number_observed",
        ),
    ];
    for (input, needle) in cases {
        let err = evaluate(&p, &input).expect_err(needle).to_string();
        assert!(err.contains(needle), "{err}");
    }
}

#[test]
fn combinatorial_patterns_stay_bounded() {
    let mut objects =
        vec![json!({"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "198.51.100.1"})];
    for i in 0..400 {
        objects.push(od(
            &format!("observed-data--{i}"),
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            1,
            &["ipv4-addr--1"],
        ));
    }
    let b = bundle(objects);
    let obs = Observations::from_json(&b).unwrap();
    let ip = "[ipv4-addr:value = '198.51.100.1']";
    // 400 choose 6 bindings exist; the first one found decides.
    let p = check(&format!("{ip} REPEATS 6 TIMES")).unwrap();
    let out = Matcher::new(&p).unwrap().evaluate(&obs).unwrap();
    assert!(out.matched);
    // Impossible and expensive: the budget turns it into an error, not a hang.
    let p = check(&format!(
        "({ip} REPEATS 3 TIMES) AND ({ip} REPEATS 3 TIMES) AND [url:value = 'x']"
    ))
    .unwrap();
    let small = EvalOptions {
        max_steps: 100_000,
        max_bindings: 1_000,
    };
    match Matcher::with_options(&p, small).unwrap().evaluate(&obs) {
        Err(EvalError::TooComplex { .. })
        | Ok(ward_pattern::MatchOutcome { matched: false, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn syntax_errors_give_position_and_expectation() {
    let cases = [
        (
            "[file:name = 'x'",
            16,
            "expected ']' after comparison expression",
        ),
        ("", 0, "expected an observation expression"),
        ("[file:name = 'x'] AND", 21, "expected '[' or '('"),
        ("[file name = 'x']", 6, "expected ':' after the object type"),
        ("[file:name 'x']", 11, "expected a comparison operator"),
        ("[file:name = ]", 13, "expected a literal value"),
        ("[file:size > true]", 13, "orderable literal"),
        ("[file:name LIKE 5]", 16, "a string after LIKE"),
        ("[file:name = 'x] ", 13, "closing quote"),
        ("[file:name = 'a\\n']", 15, "escapes"),
        ("[file:name = h'abc']", 13, "hex bytes"),
        ("[file:name = t'2020-01-01']", 13, "timestamp"),
        (
            "[file:name = 'x'] WITHIN SECONDS",
            25,
            "positive number of seconds",
        ),
        (
            "[file:name = 'x'] WITHIN -5 SECONDS",
            25,
            "positive number of seconds",
        ),
        ("[file:name = 'x'] REPEATS 2", 27, "TIMES"),
        (
            "[file:name = 'x'] START t'2020-01-01T00:00:00Z'",
            47,
            "STOP",
        ),
        ("[file:name IN ('a' 'b')]", 19, "',' or ')'"),
        (
            "[file:name = 'x'] and [file:name = 'y']",
            18,
            "expected AND, OR, FOLLOWEDBY",
        ),
        ("[file:a[x] = 1]", 8, "list index"),
        ("[NOT file:name = 'x']", 5, "EXISTS after a leading NOT"),
        ("[file:name = 'x'] /* open", 18, "'*/'"),
        ("[file:name = 'x' ; ]", 17, "unexpected character"),
    ];
    for (text, position, needle) in cases {
        let err = parse(text).expect_err(text);
        assert!(matches!(err, PatternError::Syntax { .. }), "{text}");
        assert_eq!(err.position(), position, "{text}: {err}");
        assert!(err.message().contains(needle), "{text}: {err}");
        assert_eq!(
            err.to_string(),
            format!("at position {position}: {}", err.message())
        );
    }
}

#[test]
fn hostile_inputs_never_panic() {
    let deep = "(".repeat(10_000) + "[a:b = 1]" + &")".repeat(10_000);
    let deep_cmp = "[".to_string() + &"(".repeat(10_000) + "a:b = 1" + &")".repeat(10_000) + "]";
    let long_or = vec!["[a:b = 1]"; 5_000].join(" OR ");
    let inputs = [
        deep.as_str(),
        deep_cmp.as_str(),
        long_or.as_str(),
        "\u{0}",
        "['",
        "[a:b = t'",
        "[a:b = b'====']",
        "[a:b = 99999999999999999999]",
        "[a:b = -]",
        "[a:b MATCHES '(a+)+$']",
        "[a:b[99999999999999999999] = 1]",
        "[a:b = 1] REPEATS 18446744073709551616 TIMES",
        "[a:b = 1] WITHIN 1e9 SECONDS",
        "]]]]",
        "\u{202e}[a:b = 1]",
    ];
    for text in inputs {
        let _ = check(text);
    }
    assert!(check(&long_or).is_ok(), "long flat ORs are not nesting");
}

mod properties {
    use proptest::prelude::*;
    use ward_pattern::{check, parse};

    fn literal() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<i32>().prop_map(|i| i.to_string()),
            (0u32..100_000, 1u32..1000).prop_map(|(a, b)| format!("{a}.{b}")),
            "[a-zA-Z0-9 '\\\\%_.-]{0,12}"
                .prop_map(|s| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))),
            Just("true".to_string()),
            "([0-9a-f]{2}){0,6}".prop_map(|s| format!("h'{s}'")),
            Just("t'2016-05-12T08:17:27.123Z'".to_string()),
            Just("b'AAECAw=='".to_string()),
        ]
    }

    fn comparison() -> impl Strategy<Value = String> {
        (
            "[a-z][a-z0-9-]{0,8}",
            "[a-z_][a-z0-9_]{0,8}",
            prop::collection::vec(
                prop_oneof![
                    Just(".x".to_string()),
                    Just("[*]".to_string()),
                    Just("[2]".to_string()),
                    Just(".'q k'".to_string())
                ],
                0..3,
            ),
            prop_oneof![Just("="), Just("!="), Just("NOT ="), Just("<"), Just(">=")],
            literal(),
        )
            .prop_map(|(t, p, steps, op, lit)| format!("{t}:{p}{} {op} {lit}", steps.concat()))
    }

    fn pattern() -> impl Strategy<Value = String> {
        let obs = prop::collection::vec(comparison(), 1..4)
            .prop_map(|cs| format!("[{}]", cs.join(" AND ")));
        (
            prop::collection::vec(obs, 1..4),
            prop_oneof![Just(" AND "), Just(" OR "), Just(" FOLLOWEDBY ")],
            prop_oneof![
                Just(""),
                Just(" WITHIN 5 SECONDS"),
                Just(" REPEATS 2 TIMES")
            ],
        )
            .prop_map(|(os, op, q)| format!("({}){q}", os.join(op)))
    }

    proptest! {
        #[test]
        fn rendering_round_trips(text in pattern()) {
            // Generated identifiers can collide with keywords (e.g. "or"): only valid ones count.
            if let Ok(p) = parse(&text) {
                let rendered = p.to_string();
                let again = parse(&rendered).map_err(|e| TestCaseError::fail(format!("{rendered}: {e}")))?;
                // Positions move with whitespace; the structure must not.
                prop_assert_eq!(again.to_string(), rendered);
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,80}") {
            let _ = check(&text);
        }

        #[test]
        fn error_positions_are_inside_the_text(text in "[\\[\\]():.'a-z=<> ANDOR0-9t*-]{0,40}") {
            if let Err(e) = check(&text) {
                prop_assert!(e.position() <= text.chars().count());
            }
        }
    }
}
