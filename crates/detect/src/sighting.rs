//! STIX sightings of what a scan found, ready for `ward share`: per indicator one
//! `sighting` (count, first and last seen) and one `observed-data` holding the attack
//! values that were seen (never the organization's own addresses: only values that equal
//! the indicator are recorded). The sighting carries the indicator's TLP marking.

use serde_json::{json, Map, Value};
use ward_stix::Timestamp;

use crate::alert::{IndicatorHits, Summary};
use crate::event::Kind;
use crate::keys::HashAlgo;

/// The STIX objects (sightings, observed-data, SCOs) for a scan's summary. `now` stamps
/// `created`/`modified`, and stands for first/last seen when the logs had no times.
pub fn sightings(summary: &Summary, now: Timestamp) -> Vec<Value> {
    let mut out = Vec::new();
    let now_text = now.to_string();
    for g in &summary.indicators {
        out.extend(sighting_of(g, &now_text));
    }
    out
}

fn sco(kind: Kind, value: &str) -> Option<Map<String, Value>> {
    let mut m = Map::new();
    let ty = match kind {
        Kind::Ipv4 => "ipv4-addr",
        Kind::Ipv6 => "ipv6-addr",
        Kind::Domain => "domain-name",
        Kind::Url => "url",
        Kind::Email => "email-addr",
        Kind::FileHash => {
            let algo = HashAlgo::from_hex_len(value.len())?;
            m.insert("type".into(), Value::from("file"));
            m.insert("spec_version".into(), Value::from("2.1"));
            let mut hashes = Map::new();
            hashes.insert(algo.stix_name().into(), Value::from(value));
            m.insert("hashes".into(), Value::Object(hashes));
            let id = ward_stix::id::deterministic_sco_id(&m)?;
            m.insert("id".into(), Value::from(id));
            return Some(m);
        }
        // Fingerprints and user agents have no standard SCO: the sighting alone says it.
        Kind::Ja3 | Kind::Ja4 | Kind::UserAgent => return None,
    };
    m.insert("type".into(), Value::from(ty));
    m.insert("spec_version".into(), Value::from("2.1"));
    m.insert("value".into(), Value::from(value));
    let id = ward_stix::id::deterministic_sco_id(&m)?;
    m.insert("id".into(), Value::from(id));
    Some(m)
}

fn sighting_of(g: &IndicatorHits, now: &str) -> Vec<Value> {
    let first = g.first_seen.clone().unwrap_or_else(|| now.to_string());
    let last = g.last_seen.clone().unwrap_or_else(|| now.to_string());
    let count = g.count.min(999_999_999);
    let markings: Vec<Value> = g
        .indicator
        .tlp
        .map(|t| vec![Value::from(t.marking_id())])
        .unwrap_or_default();
    let mut objects = Vec::new();
    let scos: Vec<Map<String, Value>> = g.values.iter().filter_map(|(k, v)| sco(*k, v)).collect();
    let mut sighting = json!({
        "type": "sighting",
        "spec_version": "2.1",
        "id": format!("sighting--{}", uuid::Uuid::new_v4()),
        "created": now,
        "modified": now,
        "sighting_of_ref": g.indicator.id,
        "count": count,
        "first_seen": first,
        "last_seen": last,
    });
    if !scos.is_empty() {
        let od_id = format!("observed-data--{}", uuid::Uuid::new_v4());
        let refs: Vec<Value> = scos.iter().filter_map(|m| m.get("id").cloned()).collect();
        let mut od = json!({
            "type": "observed-data",
            "spec_version": "2.1",
            "id": od_id,
            "created": now,
            "modified": now,
            "first_observed": first,
            "last_observed": last,
            "number_observed": count.max(1),
            "object_refs": refs,
        });
        if !markings.is_empty() {
            od["object_marking_refs"] = Value::from(markings.clone());
        }
        if let Value::Object(s) = &mut sighting {
            s.insert("observed_data_refs".into(), json!([od_id]));
        }
        objects.push(od);
        objects.extend(scos.into_iter().map(Value::Object));
    }
    if !markings.is_empty() {
        sighting["object_marking_refs"] = Value::from(markings);
    }
    objects.insert(0, sighting);
    objects
}
