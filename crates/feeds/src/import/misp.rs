//! MISP feeds: a folder with `manifest.json` (event uuid → summary) and one `<uuid>.json`
//! per event, or a single event file. Attributes flagged `to_ids` become indicators; the
//! others are context: observables become STIX cyber-observables and the rest lines of the
//! event's report, which refers to everything the event holds.
//!
//! TLP: a `tlp:*` tag on the attribute or the event wins; otherwise the MISP distribution
//! level maps to TLP 2.0 as 0 "your organisation only" → AMBER+STRICT, 1 "this community
//! only" → GREEN, 2 "connected communities" → GREEN, 3 "all communities" → CLEAR,
//! 4 "sharing group" → AMBER, 5 "inherit event" → the event's.

use std::path::Path;

use serde_json::{json, Map, Value};
use ward_stix::Tlp;

use super::{set, Sink};
use crate::indicator::{self, derived_id, parse_time, stamp, Entry, Source};
use crate::observable::{self, Observable};
use crate::FeedsError;

pub(super) fn read_feed_dir(dir: &Path, sink: &mut Sink<'_>) -> Result<(), FeedsError> {
    let manifest_path = dir.join("manifest.json");
    let bytes = std::fs::read(&manifest_path).map_err(|e| FeedsError::io(&manifest_path, e))?;
    let manifest_label = manifest_path.display().to_string();
    let manifest: Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => {
            sink.problems.push(super::Problem {
                file: manifest_label,
                location: e.line().to_string(),
                message: format!("not JSON: {e}"),
            });
            return Ok(());
        }
    };
    let Some(events) = manifest.as_object() else {
        sink.problems.push(super::Problem {
            file: manifest_label,
            location: "1".into(),
            message: "expected an object of event uuid → summary".into(),
        });
        return Ok(());
    };
    for uuid in events.keys() {
        let safe = !uuid.is_empty() && uuid.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
        if !safe {
            sink.problems.push(super::Problem {
                file: manifest_label.clone(),
                location: format!("$[{uuid:?}]"),
                message: "expected an event uuid as the key".into(),
            });
            continue;
        }
        let path = dir.join(format!("{uuid}.json"));
        let label = path.display().to_string();
        match std::fs::read(&path) {
            Ok(b) => {
                let mut inner = Sink {
                    file: &label,
                    out: sink.out,
                    problems: sink.problems,
                };
                read_event_file(&b, &mut inner);
            }
            Err(e) => sink.problems.push(super::Problem {
                file: label,
                location: "1".into(),
                message: format!("listed in manifest.json but cannot be read: {e}"),
            }),
        }
    }
    Ok(())
}

fn tlp_of_tags(tags: Option<&Value>) -> Option<Tlp> {
    tags?
        .as_array()?
        .iter()
        .filter_map(|t| t.get("name").and_then(Value::as_str))
        .filter(|n| n.to_ascii_lowercase().starts_with("tlp:"))
        .filter_map(Tlp::parse)
        .max()
}

fn tlp_of_distribution(d: Option<&Value>) -> Option<Tlp> {
    let n = match d? {
        Value::String(s) => s.parse::<u8>().ok()?,
        Value::Number(n) => u8::try_from(n.as_u64()?).ok()?,
        _ => return None,
    };
    match n {
        0 => Some(Tlp::AmberStrict),
        1 | 2 => Some(Tlp::Green),
        3 => Some(Tlp::Clear),
        4 => Some(Tlp::Amber),
        _ => None,
    }
}

fn tag_names(tags: Option<&Value>) -> Vec<String> {
    tags.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("name").and_then(Value::as_str))
        .filter(|n| !n.to_ascii_lowercase().starts_with("tlp:"))
        .map(str::to_string)
        .collect()
}

/// The observable an attribute names, by MISP attribute type; `None` for types that are
/// context only (text, comments, filenames...).
fn attribute_observable(kind: &str, value: &str) -> Option<Result<Observable, String>> {
    let first = |v: &str| v.split('|').next().unwrap_or("").to_string();
    let second = |v: &str| v.split('|').nth(1).unwrap_or("").to_string();
    Some(match kind {
        "ip-src" | "ip-dst" => observable::ip_observable(value)
            .ok_or_else(|| format!("{value:?} is not an IP address")),
        "ip-src|port" | "ip-dst|port" => observable::ip_observable(&first(value))
            .ok_or_else(|| format!("{value:?} is not ip|port")),
        "domain" | "hostname" => match observable::classify(value) {
            Ok(o @ Observable::Domain(_)) => Ok(o),
            _ => Err(format!("{value:?} is not a domain")),
        },
        "domain|ip" | "hostname|port" => match observable::classify(&first(value)) {
            Ok(o @ Observable::Domain(_)) => Ok(o),
            _ => Err(format!("{value:?} is not domain|...")),
        },
        "url" | "uri" => observable::url_observable(value),
        "md5" => observable::hash_observable(Some("MD5"), value),
        "sha1" => observable::hash_observable(Some("SHA-1"), value),
        "sha256" => observable::hash_observable(Some("SHA-256"), value),
        "sha512" => observable::hash_observable(Some("SHA-512"), value),
        "filename|md5" => observable::hash_observable(Some("MD5"), &second(value)),
        "filename|sha1" => observable::hash_observable(Some("SHA-1"), &second(value)),
        "filename|sha256" => observable::hash_observable(Some("SHA-256"), &second(value)),
        "email" | "email-src" | "email-dst" => match observable::classify(value) {
            Ok(o @ Observable::EmailAddress(_)) => Ok(o),
            _ => Err(format!("{value:?} is not an e-mail address")),
        },
        _ => return None,
    })
}

/// The STIX cyber-observable for a context observable.
fn sco(o: &Observable) -> Option<Value> {
    let mut m = Map::new();
    let (t, value) = match o {
        Observable::Ipv4(_) | Observable::Ipv4Net { .. } => {
            ("ipv4-addr", json!(observable::value_text(o)))
        }
        Observable::Ipv6(_) | Observable::Ipv6Net { .. } => {
            ("ipv6-addr", json!(observable::value_text(o)))
        }
        Observable::Domain(d) => ("domain-name", json!(d)),
        Observable::Url(u) => ("url", json!(u)),
        Observable::EmailAddress(e) => ("email-addr", json!(e)),
        Observable::FileHash { algorithm, value } => {
            m.insert("type".into(), json!("file"));
            m.insert("spec_version".into(), json!("2.1"));
            m.insert("hashes".into(), json!({ algorithm.clone(): value }));
            let id = ward_stix::id::deterministic_sco_id(&m)?;
            m.insert("id".into(), json!(id));
            return Some(Value::Object(m));
        }
        Observable::DomainSuffix(_) => return None,
    };
    m.insert("type".into(), json!(t));
    m.insert("spec_version".into(), json!("2.1"));
    m.insert("value".into(), value);
    let id = ward_stix::id::deterministic_sco_id(&m)?;
    m.insert("id".into(), json!(id));
    Some(Value::Object(m))
}

/// MISP `analysis` (0 initial, 1 ongoing, 2 complete) as a confidence.
fn confidence_of_analysis(v: Option<&Value>) -> u8 {
    match v
        .and_then(|a| {
            a.as_str()
                .map(str::to_string)
                .or_else(|| a.as_u64().map(|n| n.to_string()))
        })
        .as_deref()
    {
        Some("2") => 80,
        Some("1") => 65,
        _ => 50,
    }
}

pub(super) fn read_event_file(bytes: &[u8], sink: &mut Sink<'_>) {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(doc) => read_event(&doc, sink),
        Err(e) => sink.problem(e.line(), format!("not JSON: {e}")),
    }
}

// Long because: one pass over an event's attributes and its objects' attributes, which share
// the per-attribute decisions and the problem lines; a split would pass the same six locals.
/// One MISP event already parsed: `{"Event": {...}}` or the event itself (a feed file, or one
/// element of a `/events/restSearch` answer).
pub(super) fn read_event(doc: &Value, sink: &mut Sink<'_>) {
    let event = doc.get("Event").unwrap_or(doc);
    if !event.is_object() || event.get("Attribute").is_none() && event.get("Object").is_none() {
        return sink.problem(
            "$.Event",
            "expected a MISP event with `Attribute` or `Object`",
        );
    }
    let s = |k: &str| event.get(k).and_then(Value::as_str);
    let uuid = s("uuid").unwrap_or("unknown");
    let info = s("info").unwrap_or("MISP event");
    let org = event
        .pointer("/Orgc/name")
        .and_then(Value::as_str)
        .unwrap_or("unknown");
    let source = Source::new(format!("misp:{org}"), None);
    let event_tlp =
        tlp_of_tags(event.get("Tag")).or_else(|| tlp_of_distribution(event.get("distribution")));
    let event_time = s("date")
        .and_then(parse_time)
        .or_else(|| s("timestamp").and_then(parse_time));
    let confidence = confidence_of_analysis(event.get("analysis"));
    let labels = tag_names(event.get("Tag"));

    // Attributes directly on the event and inside its objects.
    let mut attributes: Vec<(String, &Value)> = Vec::new();
    if let Some(list) = event.get("Attribute").and_then(Value::as_array) {
        for (i, a) in list.iter().enumerate() {
            attributes.push((format!("$.Event.Attribute[{i}]"), a));
        }
    }
    if let Some(objects) = event.get("Object").and_then(Value::as_array) {
        for (j, o) in objects.iter().enumerate() {
            if let Some(list) = o.get("Attribute").and_then(Value::as_array) {
                for (i, a) in list.iter().enumerate() {
                    attributes.push((format!("$.Event.Object[{j}].Attribute[{i}]"), a));
                }
            }
        }
    }
    let mut refs: Vec<String> = Vec::new();
    let mut context_lines: Vec<String> = Vec::new();
    for (path, a) in attributes {
        let get = |k: &str| a.get(k).and_then(Value::as_str);
        let (Some(kind), Some(value)) = (get("type"), get("value")) else {
            sink.problem(path, "expected an attribute with string `type` and `value`");
            continue;
        };
        let to_ids = match a.get("to_ids") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "1" || s.eq_ignore_ascii_case("true"),
            Some(Value::Number(n)) => n.as_u64() == Some(1),
            _ => false,
        };
        let observable = match attribute_observable(kind, value) {
            Some(Ok(o)) => Some(o),
            Some(Err(e)) => {
                sink.problem(&path, e);
                continue;
            }
            None => None,
        };
        match observable {
            Some(o) if to_ids => {
                let mut e = Entry::new(o, &source, confidence);
                e.external_id = Some(uuid.to_string());
                e.valid_from = get("first_seen")
                    .and_then(parse_time)
                    .or_else(|| {
                        a.get("timestamp")
                            .and_then(|t| {
                                t.as_str()
                                    .map(str::to_string)
                                    .or_else(|| t.as_u64().map(|n| n.to_string()))
                            })
                            .and_then(|t| parse_time(&t))
                    })
                    .or(event_time);
                e.tlp = tlp_of_tags(a.get("Tag"))
                    .or_else(|| {
                        match a
                            .get("distribution")
                            .and_then(|d| {
                                d.as_str()
                                    .map(str::to_string)
                                    .or_else(|| d.as_u64().map(|n| n.to_string()))
                            })
                            .as_deref()
                        {
                            Some("5") | None => None,
                            Some(_) => tlp_of_distribution(a.get("distribution")),
                        }
                    })
                    .or(event_tlp);
                e.description = Some(match get("comment").filter(|c| !c.is_empty()) {
                    Some(c) => format!("{info}: {c}"),
                    None => info.to_string(),
                });
                let mut l = labels.clone();
                l.extend(tag_names(a.get("Tag")));
                e.labels = l;
                refs.push(indicator::indicator_id(&observable::pattern(&e.observable)));
                sink.entry(&e);
            }
            Some(o) => match sco(&o) {
                Some(obj) => {
                    if let Some(id) = obj.get("id").and_then(Value::as_str) {
                        refs.push(id.to_string());
                    }
                    sink.object(obj);
                }
                None => context_lines.push(format!("{kind}: {value}")),
            },
            None => context_lines.push(format!("{kind}: {value}")),
        }
    }
    if refs.is_empty() {
        refs.push(source.identity_id());
        sink.object(source.identity());
    }
    let published = event_time.unwrap_or_else(|| sink.now());
    let now = stamp(sink.now());
    let mut report = json!({
        "type": "report",
        "spec_version": "2.1",
        "id": derived_id("report", &format!("misp:{uuid}")),
        "created": now,
        "modified": now,
        "created_by_ref": source.identity_id(),
        "name": info,
        "published": stamp(published),
        "object_refs": refs,
        "external_references": [{"source_name": source.name, "external_id": uuid}],
    });
    if !context_lines.is_empty() {
        set(&mut report, "description", json!(context_lines.join("\n")));
    }
    if !labels.is_empty() {
        set(&mut report, "labels", json!(labels));
    }
    if let Some(t) = event_tlp {
        set(&mut report, "object_marking_refs", json!([t.marking_id()]));
    }
    sink.object(report);
}
