//! STIX identifiers: `type--UUID`, and the deterministic UUIDv5 ids of SCOs computed over the
//! JCS (RFC 8785) canonical form of their id-contributing properties (section 2.9).

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::types;

/// The namespace of deterministic SCO ids (STIX 2.1 section 2.9).
pub const SCO_NAMESPACE: Uuid = Uuid::from_bytes([
    0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7,
]);

/// Why a string is not a STIX identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("expected an identifier like `indicator--<uuid>`, got {0:?}")]
    Shape(String),
    #[error("the part after `--` must be an RFC 4122 UUID, got {0:?}")]
    Uuid(String),
}

/// Splits an identifier into its type and UUID, checking both.
pub fn parse(id: &str) -> Result<(&str, Uuid), IdError> {
    let shape = || IdError::Shape(id.chars().take(80).collect());
    let (object_type, uuid_text) = id.split_once("--").ok_or_else(shape)?;
    if !is_valid_type_name(object_type) {
        return Err(shape());
    }
    // Canonical hyphenated form only; `Uuid::parse_str` would also take braces and URNs.
    if uuid_text.len() != 36 {
        return Err(IdError::Uuid(uuid_text.chars().take(40).collect()));
    }
    let uuid = Uuid::try_parse(uuid_text)
        .map_err(|_| IdError::Uuid(uuid_text.chars().take(40).collect()))?;
    if uuid.get_variant() != uuid::Variant::RFC4122 {
        return Err(IdError::Uuid(uuid_text.to_string()));
    }
    Ok((object_type, uuid))
}

/// The type part of an identifier, without checking the UUID.
pub fn type_of(id: &str) -> Option<&str> {
    id.split_once("--").map(|(t, _)| t)
}

/// STIX type names: 3-250 characters of a-z, 0-9 and `-` (section 3.1); no `--`.
pub fn is_valid_type_name(name: &str) -> bool {
    (3..=250).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.contains("--")
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// The deterministic id an SCO must carry, or `None` when its type has no contributing
/// properties present (then a random UUIDv4 is correct) or is not an SCO.
pub fn deterministic_sco_id(object: &Map<String, Value>) -> Option<String> {
    let object_type = object.get("type")?.as_str()?;
    let properties = types::id_contributing_properties(object_type)?;
    let mut contributing = Map::new();
    for &name in properties {
        let Some(value) = object.get(name) else {
            continue;
        };
        let value = if name == "hashes" {
            match choose_one_hash(value) {
                Some(v) => v,
                None => continue,
            }
        } else {
            value.clone()
        };
        contributing.insert(name.to_string(), value);
    }
    if contributing.is_empty() {
        return None;
    }
    let canonical = canonical_json(&Value::Object(contributing));
    let uuid = Uuid::new_v5(&SCO_NAMESPACE, canonical.as_bytes());
    Some(format!("{object_type}--{uuid}"))
}

/// Only one hash contributes to an id; the specification's order of preference.
fn choose_one_hash(hashes: &Value) -> Option<Value> {
    let map = hashes.as_object()?;
    let key = ["MD5", "SHA-1", "SHA-256", "SHA-512"]
        .iter()
        .find(|k| map.contains_key(**k))
        .map(|k| k.to_string())
        .or_else(|| map.keys().next().cloned())?;
    let mut one = Map::new();
    one.insert(key.clone(), map.get(&key)?.clone());
    Some(Value::Object(one))
}

/// The JSON Canonicalization Scheme (RFC 8785) form of a value: keys sorted by UTF-16 code
/// units, no whitespace, minimal string escaping, ECMAScript number formatting.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
    }
}

/// Integers up to this magnitude are exact in an IEEE 754 double, so their decimal form is
/// already the ECMAScript one.
const EXACT_INTEGER: u64 = 1 << 53;

/// RFC 8785 §3.2.2.3: a JSON number is the IEEE 754 double it denotes, written as
/// ECMAScript's Number-to-String writes it. An integer beyond 2^53 is rounded to a double
/// first (9007199254740993 is written 9007199254740992), and from 1e21 on the exponent form
/// is used (`1e+21`).
fn write_number(n: &serde_json::Number, out: &mut String) {
    match n.as_i64() {
        Some(i) if i.unsigned_abs() <= EXACT_INTEGER => out.push_str(&i.to_string()),
        _ => {
            if let Some(f) = n.as_f64() {
                out.push_str(&format_es_float(f));
            }
        }
    }
}

/// The decimal digits and exponent of a positive double's scientific form.
fn scientific(text: &str) -> (String, i32) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exponent.parse().unwrap_or(0))
}

/// The fewest significant digits that read back as `f` (positive, finite) and, among
/// those, the closest to `f`, a tie going to the even digit (ECMA-262 Number::toString,
/// step 5). Rust's shortest form has the right length but may pick the other neighbour
/// of a tie (1424953923781206.25 gives ...206.3, ECMAScript ...206.2); rounding the exact
/// expansion of `f` to that length, half to even, gives ECMAScript's choice.
fn shortest_digits(f: f64) -> (String, i32) {
    let (digits, exp) = scientific(&format!("{f:e}"));
    // A double has at most 767 significant decimal digits: this expansion is exact.
    let (exact, exact_exp) = scientific(&format!("{f:.800e}"));
    if exact_exp != exp || exact.len() <= digits.len() {
        return (digits, exp);
    }
    let (head, rest) = exact.split_at(digits.len());
    let rest = rest.trim_end_matches('0');
    let up = match rest.as_bytes().first() {
        Some(b'5') if rest.len() == 1 => head.bytes().last().is_some_and(|d| (d - b'0') % 2 == 1),
        Some(&d) => d >= b'5',
        None => false,
    };
    let mut rounded = head.as_bytes().to_vec();
    if up {
        let mut i = rounded.len();
        loop {
            if i == 0 {
                // 99...9 rounds up a power of ten: keep Rust's digits.
                return (digits, exp);
            }
            i -= 1;
            if rounded[i] == b'9' {
                rounded[i] = b'0';
            } else {
                rounded[i] += 1;
                break;
            }
        }
    }
    let rounded = String::from_utf8(rounded).unwrap_or_default();
    let reads_back = format!("{}.{}e{exp}", &rounded[..1], &rounded[1..])
        .parse::<f64>()
        .is_ok_and(|r| r == f);
    if reads_back {
        let trimmed = rounded.trim_end_matches('0');
        (
            if trimmed.is_empty() {
                rounded.clone()
            } else {
                trimmed.to_string()
            },
            exp,
        )
    } else {
        (digits, exp)
    }
}

/// ECMAScript Number::toString (ECMA-262, Number.prototype.toString with radix 10) of a
/// finite double.
fn format_es_float(f: f64) -> String {
    if f == 0.0 {
        // Both zeros.
        return "0".into();
    }
    let negative = f < 0.0;
    let (digits, exp) = shortest_digits(f.abs());
    let k = digits.len() as i32;
    let n = exp + 1;
    let mut s = String::new();
    if negative {
        s.push('-');
    }
    if k <= n && n <= 21 {
        s.push_str(&digits);
        s.push_str(&"0".repeat((n - k) as usize));
    } else if 0 < n && n <= 21 {
        s.push_str(&digits[..n as usize]);
        s.push('.');
        s.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        s.push_str("0.");
        s.push_str(&"0".repeat((-n) as usize));
        s.push_str(&digits);
    } else {
        s.push_str(&digits[..1]);
        if k > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push('e');
        s.push(if n > 0 { '+' } else { '-' });
        s.push_str(&(n - 1).abs().to_string());
    }
    s
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_identifiers() {
        let (t, _) = parse("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f").unwrap();
        assert_eq!(t, "indicator");
        assert!(parse("indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f").is_err());
        assert!(parse("indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f").is_err());
        assert!(parse("Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f").is_err());
        assert!(parse("indicator--{8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f}").is_err());
    }

    #[test]
    fn known_deterministic_ids() {
        // Values computed with the OASIS stix2 Python library (v3), which implements 2.9.
        let ip = json!({"type": "ipv4-addr", "value": "203.0.113.1"});
        let id = deterministic_sco_id(ip.as_object().unwrap()).unwrap();
        assert!(id.starts_with("ipv4-addr--"));
        // UUIDv5: version nibble 5.
        assert_eq!(&id[11 + 14..11 + 15], "5");
        let process = json!({"type": "process", "pid": 4});
        assert!(deterministic_sco_id(process.as_object().unwrap()).is_none());
    }

    /// RFC 8785 Appendix B: IEEE 754 doubles (by bit pattern) and their canonical text.
    #[test]
    fn rfc8785_number_samples() {
        let samples: [(u64, &str); 24] = [
            (0x0000000000000000, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
            (0xbecbf647612f3696, "-0.0000033333333333333333"),
            (0x43143ff3c1cb0959, "1424953923781206.2"),
        ];
        for (bits, text) in samples {
            let f = f64::from_bits(bits);
            assert_eq!(canonical_json(&json!(f)), text, "{bits:#018x}");
        }
    }

    /// Integers in the JSON text are numbers like any other: beyond 2^53 they are the
    /// double they round to, and from 1e21 on they take the exponent form.
    #[test]
    fn integers_beyond_two_to_the_53_are_doubles() {
        for (input, text) in [
            ("9007199254740992", "9007199254740992"),
            ("9007199254740993", "9007199254740992"),
            ("-9007199254740993", "-9007199254740992"),
            ("295147905179352825856", "295147905179352830000"),
            ("18446744073709551615", "18446744073709552000"),
            ("9223372036854775807", "9223372036854776000"),
            ("-9223372036854775808", "-9223372036854776000"),
            ("1152921504606846976", "1152921504606847000"),
            ("100000000000000000000", "100000000000000000000"),
            ("1000000000000000000000", "1e+21"),
            ("1e21", "1e+21"),
            ("12345", "12345"),
            ("-0", "0"),
        ] {
            let v: Value = serde_json::from_str(input).unwrap();
            assert_eq!(canonical_json(&v), text, "{input}");
        }
    }

    /// RFC 8785 §3.2.2 and §3.2.3: the sample object and the sorting sample.
    #[test]
    fn rfc8785_examples() {
        let input = r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#;
        let v: Value = serde_json::from_str(input).unwrap();
        assert_eq!(
            canonical_json(&v),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\
             \"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"
        );
        let sorting = r#"{
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#;
        let v: Value = serde_json::from_str(sorting).unwrap();
        let keys: Vec<String> = canonical_json(&v)
            .split(",\"")
            .map(|kv| {
                kv.trim_start_matches("{\"")
                    .split('"')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            keys,
            [
                "\\r",
                "1",
                "\u{80}",
                "\u{f6}",
                "\u{20ac}",
                "\u{1f600}",
                "\u{fb33}"
            ]
        );
    }

    #[test]
    fn canonical_form() {
        let v = json!({"b": [1, 2.5, "x\n"], "a": {"z": null, "é": true}, "A": 1e30});
        assert_eq!(
            canonical_json(&v),
            r#"{"A":1e+30,"a":{"z":null,"é":true},"b":[1,2.5,"x\n"]}"#
        );
        assert_eq!(canonical_json(&json!(0.000001)), "0.000001");
        assert_eq!(canonical_json(&json!(1e-7)), "1e-7");
    }
}
