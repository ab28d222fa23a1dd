//! What `ward share` sends: the scrubbed objects of a STIX document, or a scrubbed narrative
//! as one STIX `report`.
//!
//! A narrative's report refers to observables for the indicators the scrubber kept (public
//! addresses, domains, URLs, outside e-mail addresses, file hashes): a report must refer to
//! at least one object, and these are what the hub can act on. Its timestamps are the
//! narrative's modification time and its id is derived from its scrubbed text, so a dry run
//! shows the very bytes a real run sends.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use ward_feeds::observable::{self, Observable};
use ward_scrub::{IndicatorKind, Scrubbed, Scrubber};
use ward_stix::Timestamp;

use crate::MemberError;

/// The namespace of report ids derived from their scrubbed text.
const REPORT_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x6b1f_3f0e_2c4d_5b7a_9e21_04c8_d1a5_7e33);

/// The objects of a scrubbed STIX document: a bundle's objects, an array's items, or the one
/// object. Empty for anything else.
pub fn shareable_objects(doc: &Value) -> Vec<Value> {
    match doc {
        Value::Object(map) => match map.get("objects") {
            Some(Value::Array(a)) => a.clone(),
            _ => vec![doc.clone()],
        },
        Value::Array(a) => a.clone(),
        _ => Vec::new(),
    }
}

/// A narrative (`text`, named `name`, last modified at `modified`) scrubbed into `scrubbed`,
/// as a STIX report followed by the observables it refers to. Each observable passes the
/// scrubber's STIX rules itself; none left is an error.
pub fn narrative_report(
    name: &str,
    text: &str,
    modified: SystemTime,
    scrubbed: &Scrubbed,
    scrubber: &Scrubber,
) -> Result<Vec<Value>, MemberError> {
    let mut objects: Vec<Value> = Vec::new();
    let mut refs: Vec<Value> = Vec::new();
    for ind in &scrubbed.indicators {
        let Some(mut sco) = observable_of(ind.kind, &text[ind.span.clone()])
            .as_ref()
            .and_then(observable::sco)
        else {
            continue;
        };
        // An observable is itself scrubbed: it must pass the same rules as any document.
        let checked = scrubber
            .scrub_stix(&sco)
            .map_err(|source| MemberError::Scrub {
                name: name.to_string(),
                source,
            })?;
        if checked.document.is_null() || !checked.findings.is_empty() {
            continue;
        }
        let Some(map) = sco.as_object_mut() else {
            continue;
        };
        let Some(id) = ward_stix::id::deterministic_sco_id(map) else {
            continue;
        };
        if refs.iter().any(|r| r.as_str() == Some(id.as_str())) {
            continue;
        }
        map.insert("id".into(), Value::String(id.clone()));
        refs.push(Value::String(id));
        objects.push(sco);
    }
    if refs.is_empty() {
        return Err(MemberError::NoIndicatorToShare {
            name: name.to_string(),
        });
    }
    let micros = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_millis() * 1000) as i64);
    let ts = Timestamp::from_micros(micros).with_precision(3).to_string();
    let id = uuid::Uuid::new_v5(&REPORT_NAMESPACE, scrubbed.text.as_bytes());
    let title: String = scrubbed
        .text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .chars()
        .take(80)
        .collect();
    let report = json!({
        "type": "report",
        "spec_version": "2.1",
        "id": format!("report--{id}"),
        "created": ts,
        "modified": ts,
        "published": ts,
        "name": if title.trim().is_empty() { "Shared incident narrative".to_string() } else { title.trim().to_string() },
        "report_types": ["threat-report"],
        "description": scrubbed.text,
        "object_refs": refs,
    });
    objects.insert(0, report);
    Ok(objects)
}

/// The observable a kept indicator of a narrative names. Defanged values (`evil[.]com`,
/// `hxxp://`) are left out: the hub could not act on them as written.
fn observable_of(kind: IndicatorKind, value: &str) -> Option<Observable> {
    match kind {
        IndicatorKind::Ipv4 | IndicatorKind::Ipv6 => observable::ip_observable(value),
        IndicatorKind::Domain if !value.contains('[') => Some(Observable::Domain(
            value.trim_end_matches('.').to_ascii_lowercase(),
        )),
        IndicatorKind::Url
            if value.contains("://") && !value.contains('[') && !value.starts_with("hxxp") =>
        {
            Some(Observable::Url(value.to_string()))
        }
        IndicatorKind::Email if !value.contains('[') => {
            Some(Observable::EmailAddress(value.to_string()))
        }
        IndicatorKind::Hash => observable::hash_observable(None, value).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubber() -> Scrubber {
        Scrubber::new(ward_scrub::ScrubConfig::default()).unwrap()
    }

    #[test]
    fn a_narrative_becomes_a_report_on_its_observables() {
        let text = "Phishing from 203.0.113.7 led to updates-cdn-check.com today.\nSHA-256 of the dropper: \
                    0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n";
        let s = scrubber();
        let out = s.scrub_text(text);
        let when = UNIX_EPOCH + std::time::Duration::from_millis(1_764_000_000_123);
        let objects = narrative_report("note.txt", text, when, &out, &s).unwrap();
        let report = &objects[0];
        assert_eq!(report["type"], "report");
        assert_eq!(report["created"], "2025-11-24T16:00:00.123Z");
        assert_eq!(report["description"], out.text.as_str());
        let types: Vec<&str> = objects[1..]
            .iter()
            .filter_map(|o| o["type"].as_str())
            .collect();
        assert!(types.contains(&"ipv4-addr"), "{types:?}");
        assert!(types.contains(&"domain-name"), "{types:?}");
        assert!(types.contains(&"file"), "{types:?}");
        let refs = report["object_refs"].as_array().unwrap();
        assert_eq!(refs.len(), objects.len() - 1);
        // The same text gives the same bytes.
        let again = narrative_report("note.txt", text, when, &out, &s).unwrap();
        assert_eq!(objects, again);
    }

    #[test]
    fn a_narrative_without_indicators_is_refused_by_name() {
        let s = scrubber();
        let text = "Nothing to see here.\n";
        let out = s.scrub_text(text);
        let err = narrative_report("note.txt", text, SystemTime::now(), &out, &s)
            .err()
            .unwrap();
        assert!(matches!(err, MemberError::NoIndicatorToShare { .. }));
        assert!(err.to_string().starts_with("note.txt: "), "{err}");
    }

    #[test]
    fn shareable_objects_of_each_shape() {
        let o = json!({"type": "indicator"});
        assert_eq!(
            shareable_objects(&json!({"type": "bundle", "objects": [o]})),
            vec![o.clone()]
        );
        assert_eq!(shareable_objects(&json!([o, o])).len(), 2);
        assert_eq!(shareable_objects(&o), vec![o.clone()]);
        assert!(shareable_objects(&Value::Null).is_empty());
    }
}
