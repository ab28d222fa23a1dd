//! The abuse.ch feeds: Feodo Tracker (botnet C2 addresses), URLhaus (malware URLs),
//! ThreatFox (IOCs of every kind, CSV and JSON) and MalwareBazaar (sample hashes). Their CSV
//! exports keep the header in a `#` comment, so columns are read by position, as documented
//! on each feed's export page.

use serde_json::Value;
use ward_stix::Tlp;

use super::records::{csv_records, Lines};
use super::{confidence_of, Sink};
use crate::indicator::{parse_time, Entry, Source};
use crate::observable::{self, Observable};

/// Each data line of an abuse.ch CSV, with its 1-based line number, split into fields; lines
/// with fewer than `min_fields` fields are reported.
fn data_lines(text: &str, min_fields: usize, sink: &mut Sink<'_>) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (line, record) in csv_records(text, Lines::OnePerRecord) {
        match record {
            Ok(f) if f.len() >= min_fields => out.push((line, f)),
            Ok(f) => sink.problem(
                line,
                format!(
                    "expected at least {min_fields} comma-separated fields, found {}",
                    f.len()
                ),
            ),
            Err(e) => sink.problem(line, e),
        }
    }
    out
}

/// Field `i` of a split line (empty when the line is shorter).
fn col(fields: &[String], i: usize) -> &str {
    fields.get(i).map_or("", String::as_str)
}

fn nonempty(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty() && s != "None" && s != "null" && s != "n/a").then_some(s)
}

pub(super) fn read_feodo(text: &str, sink: &mut Sink<'_>) {
    let source = Source::new("feodotracker", Some("https://feodotracker.abuse.ch/"));
    for (line, f) in data_lines(text, 6, sink) {
        let Some(ip) = observable::ip_observable(col(&f, 1)) else {
            sink.problem(
                line,
                format!("dst_ip {:?}: expected an IP address", col(&f, 1)),
            );
            continue;
        };
        let online = col(&f, 3).eq_ignore_ascii_case("online");
        let mut e = Entry::new(ip, &source, if online { 90 } else { 75 });
        e.valid_from = parse_time(col(&f, 0));
        e.tlp = Some(Tlp::Clear);
        e.indicator_types = vec!["malicious-activity".into()];
        let malware = nonempty(col(&f, 5)).unwrap_or("unknown malware");
        e.description = Some(format!(
            "Feodo Tracker: {malware} botnet C2 on port {} ({})",
            col(&f, 2),
            col(&f, 3)
        ));
        e.labels = vec![malware.to_ascii_lowercase()];
        sink.entry(&e);
    }
}

pub(super) fn read_urlhaus(text: &str, sink: &mut Sink<'_>) {
    let source = Source::new("urlhaus", Some("https://urlhaus.abuse.ch/"));
    for (line, f) in data_lines(text, 8, sink) {
        let url = match observable::url_observable(col(&f, 2)) {
            Ok(u) => u,
            Err(e) => {
                sink.problem(line, format!("url: {e}"));
                continue;
            }
        };
        let online = col(&f, 3).eq_ignore_ascii_case("online");
        let mut e = Entry::new(url, &source, if online { 85 } else { 60 });
        e.valid_from = parse_time(col(&f, 1));
        e.external_id = nonempty(col(&f, 0)).map(str::to_string);
        e.url = nonempty(col(&f, 7)).map(str::to_string);
        e.tlp = Some(Tlp::Clear);
        let threat = nonempty(col(&f, 5)).unwrap_or("malware_download");
        e.description = Some(format!("URLhaus: {threat} ({})", col(&f, 3)));
        e.labels = col(&f, 6)
            .split(',')
            .filter_map(nonempty)
            .map(str::to_ascii_lowercase)
            .collect();
        sink.entry(&e);
    }
}

/// A ThreatFox IOC by its declared type.
fn threatfox_observable(ioc_type: &str, value: &str) -> Result<Observable, String> {
    match ioc_type {
        "ip:port" => {
            let host = value.rsplit_once(':').map_or(value, |(h, _)| h);
            let host = host.trim_start_matches('[').trim_end_matches(']');
            observable::ip_observable(host).ok_or_else(|| format!("{value:?} is not ip:port"))
        }
        "domain" => match observable::classify(value)? {
            o @ Observable::Domain(_) => Ok(o),
            _ => Err(format!("{value:?} is not a domain")),
        },
        "url" => observable::url_observable(value),
        "md5_hash" => observable::hash_observable(Some("MD5"), value),
        "sha1_hash" => observable::hash_observable(Some("SHA-1"), value),
        "sha256_hash" => observable::hash_observable(Some("SHA-256"), value),
        other => Err(format!("ioc_type {other:?} is not one ward imports")),
    }
}

struct ThreatfoxIoc<'a> {
    id: Option<&'a str>,
    value: &'a str,
    ioc_type: &'a str,
    threat_type: Option<&'a str>,
    malware: Option<&'a str>,
    first_seen: Option<&'a str>,
    // `last_seen_utc` is not read: a last sighting in the past is not an expiry, the score
    // ages the indicator instead.
    confidence: Option<&'a str>,
    tags: Option<&'a str>,
}

fn threatfox_entry(ioc: &ThreatfoxIoc<'_>, source: &Source) -> Result<Entry, String> {
    let o = threatfox_observable(ioc.ioc_type, ioc.value)?;
    let confidence = match ioc.confidence {
        Some(c) => {
            confidence_of(c).ok_or_else(|| format!("confidence_level {c:?}: expected 0-100"))?
        }
        None => 75,
    };
    let mut e = Entry::new(o, source, confidence);
    e.external_id = ioc.id.map(str::to_string);
    e.url = ioc
        .id
        .map(|id| format!("https://threatfox.abuse.ch/ioc/{id}/"));
    e.valid_from = ioc.first_seen.and_then(parse_time);
    e.tlp = Some(Tlp::Clear);
    e.description = Some(format!(
        "ThreatFox: {} ({})",
        ioc.malware.unwrap_or("unknown malware"),
        ioc.threat_type.unwrap_or("unknown threat type")
    ));
    e.labels = ioc
        .tags
        .unwrap_or("")
        .split(',')
        .filter_map(nonempty)
        .map(str::to_ascii_lowercase)
        .collect();
    Ok(e)
}

pub(super) fn read_threatfox_csv(text: &str, sink: &mut Sink<'_>) {
    let source = Source::new("threatfox", Some("https://threatfox.abuse.ch/"));
    for (line, f) in data_lines(text, 10, sink) {
        let ioc = ThreatfoxIoc {
            id: nonempty(col(&f, 1)),
            value: col(&f, 2),
            ioc_type: col(&f, 3),
            threat_type: nonempty(col(&f, 4)),
            malware: nonempty(col(&f, 7)).or(nonempty(col(&f, 5))),
            first_seen: nonempty(col(&f, 0)),
            confidence: nonempty(col(&f, 9)),
            tags: f.get(11).and_then(|t| nonempty(t)),
        };
        match threatfox_entry(&ioc, &source) {
            Ok(e) => sink.entry(&e),
            Err(m) => sink.problem(line, m),
        }
    }
}

pub(super) fn read_threatfox_json(bytes: &[u8], sink: &mut Sink<'_>) {
    let source = Source::new("threatfox", Some("https://threatfox.abuse.ch/"));
    let doc: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return sink.problem(e.line(), format!("not JSON: {e}")),
    };
    // Two shapes: the API answer {"query_status", "data": [...]} and the export
    // {"<ioc id>": [{...}], ...}.
    let mut items: Vec<(String, Option<String>, &Value)> = Vec::new();
    if let Some(data) = doc.get("data") {
        match data.as_array() {
            Some(list) => {
                for (i, v) in list.iter().enumerate() {
                    items.push((format!("$.data[{i}]"), None, v));
                }
            }
            None => return sink.problem("$.data", "expected a list of IOCs"),
        }
    } else if let Some(map) = doc.as_object() {
        for (id, list) in map {
            match list.as_array() {
                Some(list) => {
                    for (i, v) in list.iter().enumerate() {
                        items.push((format!("$[{id:?}][{i}]"), Some(id.clone()), v));
                    }
                }
                None => sink.problem(format!("$[{id:?}]"), "expected a list of IOCs"),
            }
        }
    } else {
        return sink.problem("$", "expected a ThreatFox export object or API answer");
    }
    for (path, id, v) in items {
        let s = |k: &str| v.get(k).and_then(Value::as_str).and_then(nonempty);
        let conf = v.get("confidence_level").map(|c| match c {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let id_text = id.or_else(|| {
            v.get("id")
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
        });
        let Some(value) = s("ioc_value").or_else(|| s("ioc")) else {
            sink.problem(path, "missing `ioc_value` (or `ioc`)");
            continue;
        };
        let Some(ioc_type) = s("ioc_type") else {
            sink.problem(path, "missing `ioc_type`");
            continue;
        };
        let ioc = ThreatfoxIoc {
            id: id_text.as_deref(),
            value,
            ioc_type,
            threat_type: s("threat_type"),
            malware: s("malware_printable").or_else(|| s("malware")),
            first_seen: s("first_seen_utc").or_else(|| s("first_seen")),
            confidence: conf.as_deref(),
            tags: s("tags"),
        };
        match threatfox_entry(&ioc, &source) {
            Ok(e) => sink.entry(&e),
            Err(m) => sink.problem(path, m),
        }
    }
}

pub(super) fn read_malwarebazaar(text: &str, sink: &mut Sink<'_>) {
    let source = Source::new("malwarebazaar", Some("https://bazaar.abuse.ch/"));
    for (line, f) in data_lines(text, 9, sink) {
        let o = match observable::hash_observable(Some("SHA-256"), col(&f, 1)) {
            Ok(o) => o,
            Err(e) => {
                sink.problem(line, format!("sha256_hash: {e}"));
                continue;
            }
        };
        let mut e = Entry::new(o, &source, 90);
        e.valid_from = parse_time(col(&f, 0));
        e.url = Some(format!(
            "https://bazaar.abuse.ch/sample/{}/",
            col(&f, 1).to_ascii_lowercase()
        ));
        e.tlp = Some(Tlp::Clear);
        let signature = nonempty(col(&f, 8)).unwrap_or("unknown malware");
        let mut description = format!("MalwareBazaar: {signature} sample");
        if let Some(name) = nonempty(col(&f, 5)) {
            description.push_str(&format!(" {name:?}"));
        }
        if let Some(md5) = nonempty(col(&f, 2)) {
            description.push_str(&format!(" (MD5 {md5})"));
        }
        e.description = Some(description);
        e.labels = vec![signature.to_ascii_lowercase()];
        sink.entry(&e);
    }
}
