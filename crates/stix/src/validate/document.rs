//! Rules that span the objects of one document: circular marking references, repeated
//! versions, and the bundle envelope.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Problem, Severity};
use crate::id;
use crate::jsonpath;

/// Rules that span the objects of one document. Holds ids and marking edges only, so a
/// streamed 500 MB bundle is checked in bounded memory.
#[derive(Default)]
pub struct DocumentChecks {
    /// marking-definition id -> the markings that mark it, with the path for the message.
    marking_edges: HashMap<String, (Vec<String>, String)>,
    /// Hashes of (id, version) seen: 8 bytes an object, to spot repeated versions.
    versions: HashSet<u64>,
}

impl DocumentChecks {
    /// Records what cross-object rules need from one object.
    pub fn observe(&mut self, object: &Value, path: &str, out: &mut Vec<Problem>) {
        let Some(map) = object.as_object() else {
            return;
        };
        let id = map.get("id").and_then(Value::as_str).unwrap_or_default();
        if id.is_empty() {
            return;
        }
        let version = map
            .get("modified")
            .or_else(|| map.get("created"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (id, version.as_str()).hash(&mut h);
            h.finish()
        };
        if !self.versions.insert(key) && !version.is_empty() {
            out.push(Problem {
                path: jsonpath::member(path, "id"),
                severity: Severity::Warning,
                message: format!("{id} appears twice with the same modified time {version}"),
            });
        }
        if map.get("type").and_then(Value::as_str) == Some("marking-definition") {
            let mut targets: Vec<String> = map
                .get("object_marking_refs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            targets.extend(
                map.get("granular_markings")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|g| g.get("marking_ref").and_then(Value::as_str))
                    .map(str::to_string),
            );
            if !targets.is_empty() {
                self.marking_edges
                    .insert(id.to_string(), (targets, path.to_string()));
            }
        }
    }

    /// Reports what can only be known once every object was seen: cycles among markings.
    pub fn finish(self, out: &mut Vec<Problem>) {
        let mut reported = HashSet::new();
        let mut ids: Vec<&String> = self.marking_edges.keys().collect();
        ids.sort();
        for start in ids {
            // Walk the marking graph from `start`; a path back to `start` is a cycle.
            let mut stack: Vec<&str> = vec![start.as_str()];
            let mut seen = HashSet::new();
            let mut cyclic = false;
            while let Some(node) = stack.pop() {
                if let Some((targets, _)) = self.marking_edges.get(node) {
                    for t in targets {
                        if t == start && node != start.as_str() {
                            cyclic = true;
                        }
                        if seen.insert(t.as_str()) {
                            stack.push(t.as_str());
                        }
                    }
                }
            }
            if cyclic && reported.insert(start.clone()) {
                let path = &self.marking_edges[start].1;
                out.push(Problem {
                    path: jsonpath::member(path, "object_marking_refs"),
                    severity: Severity::Error,
                    message: format!(
                        "circular marking reference: {start} is marked, through other markings, by itself"
                    ),
                });
            }
        }
    }
}

/// Validates the members of a bundle other than its objects.
pub fn validate_bundle_envelope(members: &Map<String, Value>, path: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut error = |p: String, m: &str| {
        out.push(Problem {
            path: p,
            severity: Severity::Error,
            message: m.to_string(),
        })
    };
    match members.get("id").and_then(Value::as_str) {
        None => error(jsonpath::member(path, "id"), "is required (bundle--UUID)"),
        Some(text) => match id::parse(text) {
            Ok(("bundle", _)) => {}
            Ok(_) => error(jsonpath::member(path, "id"), "must start with `bundle--`"),
            Err(e) => error(jsonpath::member(path, "id"), &e.to_string()),
        },
    }
    if members.contains_key("objects") {
        error(
            jsonpath::member(path, "objects"),
            "must be a list of STIX objects",
        );
    }
    if let Some(v) = members.get("spec_version") {
        if v.as_str() == Some("2.0") {
            error(
                jsonpath::member(path, "spec_version"),
                "this is a STIX 2.0 bundle; ward validates STIX 2.1",
            );
        } else {
            out.push(Problem {
                path: jsonpath::member(path, "spec_version"),
                severity: Severity::Warning,
                message: "STIX 2.1 bundles do not carry spec_version".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn circular_markings_across_objects() {
        let a = json!({"type": "marking-definition", "spec_version": "2.1",
            "id": "marking-definition--11111111-1111-4111-8111-111111111111",
            "created": "2020-01-01T00:00:00.000Z", "definition_type": "statement",
            "definition": {"statement": "a"},
            "object_marking_refs": ["marking-definition--22222222-2222-4222-8222-222222222222"]});
        let b = json!({"type": "marking-definition", "spec_version": "2.1",
            "id": "marking-definition--22222222-2222-4222-8222-222222222222",
            "created": "2020-01-01T00:00:00.000Z", "definition_type": "statement",
            "definition": {"statement": "b"},
            "object_marking_refs": ["marking-definition--11111111-1111-4111-8111-111111111111"]});
        let mut doc = DocumentChecks::default();
        let mut out = Vec::new();
        doc.observe(&a, "$.objects[0]", &mut out);
        doc.observe(&b, "$.objects[1]", &mut out);
        doc.finish(&mut out);
        assert_eq!(
            out.iter().filter(|p| p.severity == Severity::Error).count(),
            2
        );
    }
}
