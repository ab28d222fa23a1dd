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

fn write_number(n: &serde_json::Number, out: &mut String) {
    if let Some(i) = n.as_i64() {
        out.push_str(&i.to_string());
    } else if let Some(u) = n.as_u64() {
        out.push_str(&u.to_string());
    } else if let Some(f) = n.as_f64() {
        // ECMAScript prints integral doubles below 1e21 without a fraction or exponent.
        if f.fract() == 0.0 && f.abs() < 1e21 {
            out.push_str(&format!("{f:.0}"));
        } else {
            out.push_str(&format_es_float(f));
        }
    }
}

fn format_es_float(f: f64) -> String {
    // Rust's shortest round-trip digits, laid out the ECMAScript way.
    let text = format!("{f:e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
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
