//! Streaming reader of STIX documents: a bundle, a single object, or a JSON array of objects
//! and/or bundles. Objects are handed over one at a time with their JSON path, so a 500 MB
//! bundle is read in memory bounded by its largest object.
//!
//! STIX 2.0 content is upgraded to 2.1 here ([`crate::upgrade`]), the one place every reader
//! of documents (validate, import, the index) goes through, and announced with
//! [`Item::Stix20`] so a caller can say so.

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::jsonpath;
use crate::upgrade;

/// Hands over one object read at `path`, upgraded first when it is STIX 2.0.
fn emit_object(
    value: Value,
    path: &str,
    in_20_bundle: bool,
    each: &mut dyn FnMut(Item<'_>),
    count: &mut usize,
) {
    if !upgrade::is_stix20_object(&value, in_20_bundle) {
        *count += 1;
        each(Item::Object(value, path));
        return;
    }
    each(Item::Stix20(path));
    for upgraded in upgrade::upgrade_object(value) {
        *count += 1;
        each(Item::Object(upgraded, path));
    }
}

/// One thing found in a document.
#[derive(Debug)]
pub enum Item<'a> {
    /// A STIX object and its path (`$.objects[3]`, `$`, `$[2]`).
    Object(Value, &'a str),
    /// The members of a bundle other than `objects`, and the bundle's path.
    Bundle(Map<String, Value>, &'a str),
    /// The object at this path was STIX 2.0: the objects that follow with the same path are
    /// its 2.1 upgrade (observed-data upgrades to its SCOs and itself).
    Stix20(&'a str),
}

/// What the top level of a document was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Bundle,
    Object,
    List,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// Not well-formed JSON, or not of a STIX document's shape.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("read failed: {0}")]
    Io(#[from] std::io::Error),
}

impl DocumentError {
    fn from_json(err: serde_json::Error) -> DocumentError {
        if err.is_io() {
            return DocumentError::Io(std::io::Error::other(err.to_string()));
        }
        let text = err.to_string();
        let message = match text.rfind(" at line ") {
            Some(pos) => text[..pos].to_string(),
            None => text,
        };
        DocumentError::Syntax {
            line: err.line(),
            column: err.column(),
            message,
        }
    }
}

/// Reads a document and calls `each` for every object (and bundle envelope) in order.
/// Returns the shape of the document and the number of objects.
pub fn read<R: Read>(
    reader: R,
    each: &mut dyn FnMut(Item<'_>),
) -> Result<(Shape, usize), DocumentError> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut count = 0usize;
    let shape = TopSeed {
        each,
        count: &mut count,
    }
    .deserialize(&mut de)
    .map_err(DocumentError::from_json)?;
    de.end().map_err(DocumentError::from_json)?;
    Ok((shape, count))
}

/// Reads a document from a string (tests and small inputs).
pub fn read_str(
    text: &str,
    each: &mut dyn FnMut(Item<'_>),
) -> Result<(Shape, usize), DocumentError> {
    read(text.as_bytes(), each)
}

struct TopSeed<'a> {
    each: &'a mut dyn FnMut(Item<'_>),
    count: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Shape;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
}

fn emit_bundle(
    mut members: Map<String, Value>,
    path: &str,
    each: &mut dyn FnMut(Item<'_>),
    count: &mut usize,
) {
    let objects = members.shift_remove("objects");
    if let Some(objects) = &objects {
        if !objects.is_array() {
            members.insert("objects".into(), objects.clone());
        }
    }
    let in_20 = upgrade::is_stix20_bundle(&members);
    upgrade::upgrade_bundle_members(&mut members);
    each(Item::Bundle(members, path));
    if let Some(Value::Array(items)) = objects {
        let base = jsonpath::member(path, "objects");
        for (i, item) in items.into_iter().enumerate() {
            emit_object(item, &jsonpath::index(&base, i), in_20, each, count);
        }
    }
}

fn is_bundle(v: &Map<String, Value>) -> bool {
    v.get("type").and_then(Value::as_str) == Some("bundle")
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a STIX bundle, a STIX object, or a JSON array of them")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut head = Map::new();
        let mut streamed = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "objects" && is_bundle(&head) && !streamed {
                map.next_value_seed(ObjectsSeed {
                    each: &mut *self.each,
                    count: &mut *self.count,
                    base: "$.objects",
                    in_20: upgrade::is_stix20_bundle(&head),
                })?;
                streamed = true;
            } else {
                let value: Value = map.next_value()?;
                head.insert(key, value);
            }
        }
        if is_bundle(&head) {
            if streamed {
                upgrade::upgrade_bundle_members(&mut head);
                (self.each)(Item::Bundle(head, "$"));
            } else {
                emit_bundle(head, "$", self.each, self.count);
            }
            Ok(Shape::Bundle)
        } else {
            emit_object(Value::Object(head), "$", false, self.each, self.count);
            Ok(Shape::Object)
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut i = 0usize;
        while let Some(value) = seq.next_element::<Value>()? {
            let path = jsonpath::index("$", i);
            match value {
                Value::Object(m) if is_bundle(&m) => emit_bundle(m, &path, self.each, self.count),
                other => emit_object(other, &path, false, self.each, self.count),
            }
            i += 1;
        }
        Ok(Shape::List)
    }
}

struct ObjectsSeed<'a> {
    each: &'a mut dyn FnMut(Item<'_>),
    count: &'a mut usize,
    base: &'a str,
    /// The bundle said `spec_version: "2.0"` before its objects.
    in_20: bool,
}

impl<'de> DeserializeSeed<'de> for ObjectsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ObjectsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the bundle's `objects` as a list of STIX objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while let Some(value) = seq.next_element::<Value>()? {
            let path = jsonpath::index(self.base, i);
            emit_object(value, &path, self.in_20, self.each, self.count);
            i += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Result<Vec<String>, DocumentError> {
        let mut out = Vec::new();
        read_str(text, &mut |item| match item {
            Item::Object(_, p) => out.push(p.to_string()),
            Item::Bundle(_, p) => out.push(format!("bundle {p}")),
            Item::Stix20(p) => out.push(format!("2.0 {p}")),
        })?;
        Ok(out)
    }

    #[test]
    fn shapes() {
        assert_eq!(
            paths(r#"{"type":"bundle","id":"bundle--1","objects":[{"a":1},{"b":2}]}"#).unwrap(),
            vec!["$.objects[0]", "$.objects[1]", "bundle $"]
        );
        // `objects` before `type`: buffered, same answer.
        assert_eq!(
            paths(r#"{"objects":[{"a":1}],"type":"bundle","id":"bundle--1"}"#).unwrap(),
            vec!["bundle $", "$.objects[0]"]
        );
        assert_eq!(
            paths(r#"{"type":"indicator","spec_version":"2.1"}"#).unwrap(),
            vec!["$"]
        );
        assert_eq!(
            paths(r#"[{"type":"x"},{"type":"bundle","objects":[{}]}]"#).unwrap(),
            vec!["$[0]", "bundle $[1]", "$[1].objects[0]"]
        );
    }

    #[test]
    fn stix20_is_announced_and_upgraded() {
        // Streamed: the bundle's version is known before its objects.
        let text = r#"{"type":"bundle","spec_version":"2.0","id":"bundle--1","objects":[
            {"type":"x-custom","id":"x-custom--1"},{"type":"tool","spec_version":"2.1"}]}"#;
        let mut seen = Vec::new();
        let (_, count) = read_str(text, &mut |item| match item {
            Item::Object(v, p) => seen.push(format!("{p} {}", v["spec_version"])),
            Item::Bundle(m, _) => seen.push(format!("bundle {:?}", m.get("spec_version"))),
            Item::Stix20(p) => seen.push(format!("2.0 {p}")),
        })
        .unwrap();
        assert_eq!(count, 2);
        assert_eq!(
            seen,
            [
                "2.0 $.objects[0]",
                "$.objects[0] \"2.1\"",
                "$.objects[1] \"2.1\"",
                "bundle None"
            ]
        );
        // Observed-data upgrades to its SCO and itself, both at its path and both counted.
        let od = r#"[{"type":"observed-data","id":"observed-data--1",
            "objects":{"0":{"type":"ipv4-addr","value":"198.51.100.1"}}}]"#;
        assert_eq!(paths(od).unwrap(), vec!["2.0 $[0]", "$[0]", "$[0]"]);
    }

    #[test]
    fn hostile_inputs_are_errors_not_panics() {
        let deep = "[".repeat(100_000);
        let big_string = format!(
            "{{\"type\":\"note\",\"content\":\"{}\"}}",
            "a".repeat(10 << 20)
        );
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"{".to_vec(),
            b"{\"type\":\"bundle\",\"objects\":[{\"a\":".to_vec(),
            deep.into_bytes(),
            b"\xff\xfe{}".to_vec(),
            b"{\"type\":\"bundle\",\"objects\":\"nope\"}".to_vec(),
            b"42".to_vec(),
            b"\"just a string\"".to_vec(),
            b"{} trailing".to_vec(),
            b"{\"a\":\"\\ud800\"}".to_vec(),
            b"{\"type\":\"bundle\",\"objects\":[1e999999]}".to_vec(),
            b"nul\0l".to_vec(),
        ];
        for case in cases {
            let _ = read(&case[..], &mut |_| {});
        }
        // A 10 MB string is data, not an error.
        assert!(read(big_string.as_bytes(), &mut |_| {}).is_ok());
        assert!(matches!(
            read(
                &b"{\"type\":\"bundle\",\"objects\":[{\"a\":"[..],
                &mut |_| {}
            ),
            Err(DocumentError::Syntax { line: 1, .. })
        ));
    }
}
