//! STIX 2.0 in, STIX 2.1 out. Many feeds (and MITRE ATT&CK's STIX 2.0 release) still write
//! 2.0; ward stores, checks and shares 2.1 only, so 2.0 content is upgraded where it is read
//! (the document reader, and the hub before its publish filter) and every rule after that
//! sees the 2.1 form.
//!
//! What is 2.0: the objects of a bundle whose `spec_version` is `"2.0"`, an object whose own
//! `spec_version` is `"2.0"`, and an object of a type that existed in 2.0 (not an SCO) with no
//! `spec_version` at all: STIX 2.1 section 3.2 says such an object's implicit version is 2.0.
//!
//! The rules, per the 2.1 specification's changes from 2.0:
//! - every object gets `spec_version: "2.1"`; a bundle loses its `spec_version`;
//! - `created` and `modified`, which 2.0 allowed at any precision and 2.1 requires to the
//!   millisecond at least, are padded with zeros (`...00Z` becomes `...00.000Z`: the same
//!   instant);
//! - an indicator gets `pattern_type: "stix"` and `pattern_version: "2.0"` (its pattern was
//!   written in 2.0 patterning, which 2.1 patterning reads the same);
//! - the required 2.0 `labels` of indicator, malware, threat-actor, tool and report are
//!   copied into `indicator_types`, `malware_types`, `threat_actor_types`, `tool_types` and
//!   `report_types` (the `labels` stay: consumers of 2.0 content filter on them);
//! - `malware.is_family`, required in 2.1, is `true` when absent: a 2.0 malware object always
//!   has a name and almost always names a family (ATT&CK's software entries do), and `true`
//!   claims nothing 2.0 did not say besides;
//! - a TLP 1.0 marking-definition keeps its id (2.0 and 2.1 use the same four ids) and gets
//!   the `name` ("TLP:GREEN") the 2.1 definitions carry;
//! - observed-data's embedded `objects` (keyed "0", "1", ...) become SCOs of their own with
//!   deterministic ids, referenced by `object_refs`. That changes the object's shape, so the
//!   2.0 `objects` are kept in `x_ward_stix20_original` for whoever needs them verbatim. SCO
//!   properties 2.0 had and 2.1 renamed are renamed (file and directory `created`/`modified`/
//!   `accessed` to `ctime`/`mtime`/`atime`, process `created` to `created_time`,
//!   `binary_ref` to `image_ref`); ones 2.1 dropped are left out of the SCO (they survive in
//!   the original).

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::id;
use crate::tlp;
use crate::types::{self, Kind};

/// The property holding the 2.0 members an upgrade replaced.
pub const ORIGINAL: &str = "x_ward_stix20_original";

/// The object types of STIX 2.0 (its 12 SDOs, 2 SROs and marking-definition).
pub const STIX20_TYPES: [&str; 15] = [
    "attack-pattern",
    "campaign",
    "course-of-action",
    "identity",
    "indicator",
    "intrusion-set",
    "malware",
    "observed-data",
    "report",
    "threat-actor",
    "tool",
    "vulnerability",
    "relationship",
    "sighting",
    "marking-definition",
];

/// Whether a bundle's members say its objects are STIX 2.0.
pub fn is_stix20_bundle(members: &Map<String, Value>) -> bool {
    members.get("spec_version").and_then(Value::as_str) == Some("2.0")
}

/// Whether `object` is STIX 2.0 content; `in_20_bundle` when its bundle said 2.0.
pub fn is_stix20_object(object: &Value, in_20_bundle: bool) -> bool {
    let Some(map) = object.as_object() else {
        return false;
    };
    match map.get("spec_version") {
        Some(v) => v.as_str() == Some("2.0"),
        None => {
            let object_type = map.get("type").and_then(Value::as_str).unwrap_or_default();
            if types::kind_of(object_type) == Some(Kind::Sco) {
                // 2.0 had no top-level observables; one without a version is 2.1's.
                return false;
            }
            in_20_bundle || STIX20_TYPES.contains(&object_type)
        }
    }
}

/// Removes the 2.0 bundle's `spec_version` (2.1 bundles carry none).
pub fn upgrade_bundle_members(members: &mut Map<String, Value>) {
    if is_stix20_bundle(members) {
        members.shift_remove("spec_version");
    }
}

/// Upgrades one STIX 2.0 object to 2.1. Most objects upgrade to one; observed-data with
/// embedded observables upgrades to its SCOs followed by itself. A value that is not a JSON
/// object is returned unchanged, for the validator to report.
pub fn upgrade_object(object: Value) -> Vec<Value> {
    let Value::Object(map) = object else {
        return vec![object];
    };
    let mut map = with_spec_version(map);
    for key in ["created", "modified"] {
        if let Some(Value::String(stamp)) = map.get_mut(key) {
            if let Some(padded) = to_milliseconds(stamp) {
                *stamp = padded;
            }
        }
    }
    let object_type = map
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    labels_to_types(&mut map, &object_type);
    match object_type.as_str() {
        "indicator" => {
            insert_absent(&mut map, "pattern_type", Value::from("stix"));
            insert_absent(&mut map, "pattern_version", Value::from("2.0"));
        }
        "malware" => insert_absent(&mut map, "is_family", Value::Bool(true)),
        "marking-definition" => name_tlp_marking(&mut map),
        "observed-data" => return observed_data(map),
        _ => {}
    }
    vec![Value::Object(map)]
}

/// The object with `spec_version: "2.1"` right after its `type`, where readers look for it.
fn with_spec_version(map: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::with_capacity(map.len() + 1);
    let mut placed = false;
    for (key, value) in map {
        if key == "spec_version" {
            continue;
        }
        let is_type = key == "type";
        out.insert(key, value);
        if is_type {
            out.insert("spec_version".into(), Value::from("2.1"));
            placed = true;
        }
    }
    if !placed {
        out.insert("spec_version".into(), Value::from("2.1"));
    }
    out
}

/// A `...Z` timestamp with fewer than three fraction digits, padded to three; `None` when it
/// needs nothing (or is not a timestamp, which the validator reports as it stands).
fn to_milliseconds(stamp: &str) -> Option<String> {
    let body = stamp.strip_suffix('Z')?;
    let (_, time) = body.split_once('T')?;
    let digits = match time.split_once('.') {
        Some((_, fraction)) => fraction.len(),
        None => 0,
    };
    if digits >= 3 {
        return None;
    }
    let dot = if digits == 0 { "." } else { "" };
    Some(format!("{body}{dot}{}Z", "0".repeat(3 - digits)))
}

fn insert_absent(map: &mut Map<String, Value>, key: &str, value: Value) {
    if !map.contains_key(key) {
        map.insert(key.to_string(), value);
    }
}

/// Copies the 2.0 `labels` into the 2.1 `*_types` property of the types that had them
/// required; the labels stay.
fn labels_to_types(map: &mut Map<String, Value>, object_type: &str) {
    let target = match object_type {
        "indicator" => "indicator_types",
        "malware" => "malware_types",
        "threat-actor" => "threat_actor_types",
        "tool" => "tool_types",
        "report" => "report_types",
        _ => return,
    };
    if let Some(labels @ Value::Array(items)) = map.get("labels") {
        if !items.is_empty() {
            let labels = labels.clone();
            insert_absent(map, target, labels);
        }
    }
}

/// Gives a TLP 1.0 marking-definition the `name` its 2.1 definition has.
fn name_tlp_marking(map: &mut Map<String, Value>) {
    let id = map.get("id").and_then(Value::as_str).unwrap_or_default();
    let is_tlp1 = tlp::MARKINGS
        .iter()
        .any(|(m, v, _)| *m == id && *v == tlp::TlpVersion::V1);
    if !is_tlp1 {
        return;
    }
    if let Some(level) = map
        .get("definition")
        .and_then(|d| d.get("tlp"))
        .and_then(Value::as_str)
    {
        let name = format!("TLP:{}", level.to_uppercase());
        insert_absent(map, "name", Value::from(name));
    }
}

/// Splits observed-data's embedded observables into SCOs and refers to them by id.
fn observed_data(mut map: Map<String, Value>) -> Vec<Value> {
    let Some(Value::Object(embedded)) = map.get("objects").cloned() else {
        return vec![Value::Object(map)];
    };
    let observed_id = map
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let scos = observables_to_scos(&embedded, &observed_id);
    map.shift_remove("objects");
    let refs: Vec<Value> = scos.iter().filter_map(|s| s.get("id").cloned()).collect();
    map.insert("object_refs".into(), Value::Array(refs));
    let mut original = Map::new();
    original.insert("objects".into(), Value::Object(embedded));
    map.insert(ORIGINAL.into(), Value::Object(original));
    let mut out = scos;
    out.push(Value::Object(map));
    out
}

/// Turns the embedded observables (keyed by local names) into 2.1 SCOs, in key order, with
/// references between them rewritten from local keys to ids.
fn observables_to_scos(embedded: &Map<String, Value>, observed_id: &str) -> Vec<Value> {
    // Numeric keys in numeric order ("10" after "9"), others after them by name.
    let mut keys: Vec<&String> = embedded.keys().collect();
    keys.sort_by_key(|k| (k.parse::<u64>().unwrap_or(u64::MAX), k.as_str()));
    let mut pending: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for key in &keys {
        if let Some(Value::Object(sco)) = embedded.get(key.as_str()) {
            pending.insert(key.as_str(), rename_20_properties(sco.clone()));
        }
    }
    // An SCO's id may depend on the ids of those it refers to (a file's directory), so ids
    // are given in rounds: each round names every SCO whose references are all named.
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut done: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    while !pending.is_empty() {
        let ready: Vec<&str> = pending
            .iter()
            .filter(|(_, sco)| local_refs(sco).iter().all(|r| ids.contains_key(r)))
            .map(|(k, _)| *k)
            .collect();
        // A cycle of references: name the rest without their references' ids.
        let stuck = ready.is_empty();
        let round: Vec<&str> = if stuck {
            pending.keys().copied().collect()
        } else {
            ready
        };
        for key in &round {
            if let Some(sco) = pending.remove(key) {
                let sco = resolve_refs(sco, &ids);
                let sco_id = sco_id(&sco, observed_id, key);
                ids.insert(key.to_string(), sco_id.clone());
                done.insert(key, finish_sco(sco, sco_id));
            }
        }
    }
    // References left local by a cycle are rewritten now that every SCO has an id.
    keys.iter()
        .filter_map(|k| done.remove(k.as_str()))
        .map(|sco| Value::Object(resolve_refs(sco, &ids)))
        .collect()
}

/// The SCO with its `type`, `spec_version` and `id` first.
fn finish_sco(sco: Map<String, Value>, sco_id: String) -> Map<String, Value> {
    let mut out = Map::with_capacity(sco.len() + 2);
    if let Some(t) = sco.get("type") {
        out.insert("type".into(), t.clone());
    }
    out.insert("spec_version".into(), Value::from("2.1"));
    out.insert("id".into(), Value::from(sco_id));
    for (k, v) in sco {
        if k != "type" {
            out.insert(k, v);
        }
    }
    out
}

/// The deterministic id of an SCO (2.1 section 2.9); for one without id-contributing
/// properties (a process), a UUIDv5 of the observed-data id and the local key, so upgrading
/// the same document twice gives the same ids.
fn sco_id(sco: &Map<String, Value>, observed_id: &str, key: &str) -> String {
    if let Some(found) = id::deterministic_sco_id(sco) {
        return found;
    }
    let object_type = sco
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("x-unknown");
    let name = format!("{observed_id}/{key}");
    let uuid = Uuid::new_v5(&id::SCO_NAMESPACE, name.as_bytes());
    format!("{object_type}--{uuid}")
}

/// Is `key` a reference property (`*_ref` or `*_refs`)?
fn is_ref_key(key: &str) -> bool {
    key.ends_with("_ref") || key.ends_with("_refs")
}

/// The local keys an SCO refers to (top level and inside its extensions).
fn local_refs(sco: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    collect_refs(sco, &mut out);
    out
}

fn collect_refs(map: &Map<String, Value>, out: &mut Vec<String>) {
    for (k, v) in map {
        if is_ref_key(k) {
            match v {
                Value::String(s) if !s.contains("--") => out.push(s.clone()),
                Value::Array(items) => out.extend(
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .filter(|s| !s.contains("--"))
                        .map(str::to_string),
                ),
                _ => {}
            }
        } else if k == "extensions" {
            if let Value::Object(exts) = v {
                for ext in exts.values().filter_map(Value::as_object) {
                    collect_refs(ext, out);
                }
            }
        }
    }
}

/// Rewrites local-key references to the ids given so far.
fn resolve_refs(mut map: Map<String, Value>, ids: &BTreeMap<String, String>) -> Map<String, Value> {
    for (k, v) in map.iter_mut() {
        if is_ref_key(k) {
            match v {
                Value::String(s) => {
                    if let Some(id) = ids.get(s.as_str()) {
                        *s = id.clone();
                    }
                }
                Value::Array(items) => {
                    for item in items.iter_mut() {
                        if let Some(id) = item.as_str().and_then(|s| ids.get(s)) {
                            *item = Value::from(id.clone());
                        }
                    }
                }
                _ => {}
            }
        } else if k == "extensions" {
            if let Value::Object(exts) = v {
                for ext in exts.values_mut() {
                    if let Value::Object(inner) = ext {
                        *inner = resolve_refs(std::mem::take(inner), ids);
                    }
                }
            }
        }
    }
    map
}

/// Renames the SCO properties 2.1 renamed and leaves out those it dropped.
fn rename_20_properties(mut sco: Map<String, Value>) -> Map<String, Value> {
    let object_type = sco
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let (renames, dropped): (&[(&str, &str)], &[&str]) = match object_type.as_str() {
        "file" => (
            &[
                ("created", "ctime"),
                ("modified", "mtime"),
                ("accessed", "atime"),
            ],
            &["is_encrypted", "encryption_algorithm", "decryption_key"],
        ),
        "directory" => (
            &[
                ("created", "ctime"),
                ("modified", "mtime"),
                ("accessed", "atime"),
            ],
            &[],
        ),
        "process" => (
            &[("created", "created_time"), ("binary_ref", "image_ref")],
            &["is_hidden", "name", "arguments"],
        ),
        _ => (&[], &[]),
    };
    for (from, to) in renames {
        if let Some(v) = sco.shift_remove(*from) {
            sco.entry(to.to_string()).or_insert(v);
        }
    }
    for name in dropped {
        sco.shift_remove(*name);
    }
    sco
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(v: Value) -> Value {
        let mut out = upgrade_object(v);
        assert_eq!(out.len(), 1);
        out.remove(0)
    }

    #[test]
    fn what_counts_as_stix20() {
        let sdo = json!({"type": "indicator", "id": "indicator--1"});
        assert!(is_stix20_object(&sdo, false), "2.0 type, no spec_version");
        let sco = json!({"type": "ipv4-addr", "value": "198.51.100.1"});
        assert!(
            !is_stix20_object(&sco, true),
            "SCOs without a version are 2.1"
        );
        let custom = json!({"type": "x-mitre-tactic"});
        assert!(!is_stix20_object(&custom, false));
        assert!(is_stix20_object(&custom, true), "its bundle said 2.0");
        let new_type = json!({"type": "grouping"});
        assert!(!is_stix20_object(&new_type, false), "2.1-only type");
        let v21 = json!({"type": "indicator", "spec_version": "2.1"});
        assert!(!is_stix20_object(&v21, true));
        assert!(is_stix20_object(
            &json!({"type": "x", "spec_version": "2.0"}),
            false
        ));
        assert!(!is_stix20_object(&json!([1]), true));
    }

    #[test]
    fn spec_version_goes_after_type_and_bundle_loses_it() {
        let up = one(json!({"id": "tool--1", "type": "tool", "name": "Net"}));
        let keys: Vec<&String> = up.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "type", "spec_version", "name"]);
        let mut bundle = json!({"type": "bundle", "spec_version": "2.0"});
        let members = bundle.as_object_mut().unwrap();
        upgrade_bundle_members(members);
        assert!(!members.contains_key("spec_version"));
    }

    #[test]
    fn indicator_gets_pattern_type_and_types_from_labels() {
        let up = one(
            json!({"type": "indicator", "labels": ["malicious-activity"],
            "pattern": "[ipv4-addr:value = '198.51.100.1']"}),
        );
        assert_eq!(up["pattern_type"], "stix");
        assert_eq!(up["pattern_version"], "2.0");
        assert_eq!(up["indicator_types"], json!(["malicious-activity"]));
        assert_eq!(up["labels"], json!(["malicious-activity"]), "labels kept");
        let kept = one(json!({"type": "indicator", "pattern_type": "snort",
            "indicator_types": ["benign"], "labels": ["x"]}));
        assert_eq!(
            kept["pattern_type"], "snort",
            "present values are not replaced"
        );
        assert_eq!(kept["indicator_types"], json!(["benign"]));
    }

    #[test]
    fn labels_become_each_types_property() {
        for (t, prop) in [
            ("malware", "malware_types"),
            ("threat-actor", "threat_actor_types"),
            ("tool", "tool_types"),
            ("report", "report_types"),
        ] {
            let up = one(json!({"type": t, "labels": ["a"]}));
            assert_eq!(up[prop], json!(["a"]), "{t}");
        }
        let ap = one(json!({"type": "attack-pattern", "labels": ["a"]}));
        assert_eq!(
            ap.as_object().unwrap().len(),
            3,
            "no *_types for attack-pattern"
        );
    }

    #[test]
    fn malware_is_a_family_unless_it_said_otherwise() {
        assert_eq!(one(json!({"type": "malware"}))["is_family"], true);
        assert_eq!(
            one(json!({"type": "malware", "is_family": false}))["is_family"],
            false
        );
    }

    #[test]
    fn tlp_markings_keep_their_ids_and_gain_a_name() {
        let green = one(json!({"type": "marking-definition",
            "id": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp",
            "definition": {"tlp": "green"}}));
        assert_eq!(
            green["id"],
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
        );
        assert_eq!(green["name"], "TLP:GREEN");
        assert_eq!(green["spec_version"], "2.1");
        assert!(tlp::check_standard_definition(&green).is_ok());
        let statement = one(json!({"type": "marking-definition",
            "id": "marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168",
            "definition_type": "statement", "definition": {"statement": "c"}}));
        assert!(statement.get("name").is_none());
    }

    #[test]
    fn observed_data_objects_become_scos_with_deterministic_ids() {
        let od = json!({"type": "observed-data",
        "id": "observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
        "first_observed": "2015-12-21T19:00:00Z", "last_observed": "2015-12-21T19:00:00Z",
        "number_observed": 1,
        "objects": {
            "1": {"type": "directory", "path": "C:\\Windows"},
            "0": {"type": "file", "name": "a.exe", "parent_directory_ref": "1",
                  "created": "2015-12-21T19:00:00Z", "is_encrypted": false},
            "2": {"type": "process", "pid": 7, "binary_ref": "0", "name": "a"}
        }});
        let out = upgrade_object(od.clone());
        assert_eq!(out.len(), 4);
        let dir = &out[1];
        let file = &out[0];
        let process = &out[2];
        let observed = &out[3];
        assert_eq!(dir["type"], "directory");
        assert_eq!(
            dir["id"].as_str().unwrap(),
            id::deterministic_sco_id(dir.as_object().unwrap()).unwrap()
        );
        assert_eq!(file["parent_directory_ref"], dir["id"]);
        assert_eq!(file["ctime"], "2015-12-21T19:00:00Z");
        assert!(file.get("is_encrypted").is_none() && file.get("created").is_none());
        assert_eq!(
            file["id"].as_str().unwrap(),
            id::deterministic_sco_id(file.as_object().unwrap()).unwrap(),
            "the id counts the directory's id, not the local key"
        );
        assert_eq!(process["image_ref"], file["id"]);
        assert!(process["id"].as_str().unwrap().starts_with("process--"));
        assert_eq!(
            observed["object_refs"],
            json!([file["id"], dir["id"], process["id"]])
        );
        assert!(observed.get("objects").is_none());
        assert_eq!(observed[ORIGINAL]["objects"], od["objects"]);
        assert_eq!(
            upgrade_object(od),
            out,
            "the same document upgrades the same way"
        );
    }

    #[test]
    fn reference_cycles_still_get_ids() {
        let od = json!({"type": "observed-data", "id": "observed-data--1",
        "objects": {
            "0": {"type": "network-traffic", "src_ref": "1", "protocols": ["tcp"]},
            "1": {"type": "x-thing", "peer_ref": "0"}
        }});
        let out = upgrade_object(od);
        assert_eq!(out[0]["src_ref"], out[1]["id"]);
        assert_eq!(out[1]["peer_ref"], out[0]["id"]);
    }

    #[test]
    fn timestamps_are_padded_to_milliseconds() {
        let up = one(
            json!({"type": "identity", "created": "2017-06-01T00:00:00Z",
            "modified": "2017-06-01T00:00:00.5Z", "first_seen": "2017-06-01T00:00:00Z"}),
        );
        assert_eq!(up["created"], "2017-06-01T00:00:00.000Z");
        assert_eq!(up["modified"], "2017-06-01T00:00:00.500Z");
        assert_eq!(
            up["first_seen"], "2017-06-01T00:00:00Z",
            "other timestamps may be coarse"
        );
        let fine = one(json!({"type": "identity", "created": "2017-05-31T21:30:19.73501Z"}));
        assert_eq!(fine["created"], "2017-05-31T21:30:19.73501Z");
        assert_eq!(to_milliseconds("not a time"), None);
    }

    #[test]
    fn not_an_object_is_left_for_the_validator() {
        assert_eq!(upgrade_object(json!(42)), vec![json!(42)]);
    }
}
