//! Plain lists: text (one value a line) and CSV with a header that names the value column.

use super::records::{csv_records, Lines};
use super::{confidence_of, Sink};
use crate::indicator::{parse_time, Entry, Source};
use crate::observable::{self, Observable};
use ward_stix::Tlp;

/// Confidence given to entries of an unnamed list: the member chose to import it, but no
/// one else vouches for it.
const LIST_CONFIDENCE: u8 = 50;

fn source_for(file: &str) -> Source {
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    Source::new(format!("list:{name}"), None)
}

/// Strips a `#` comment: at the start of a line, or after whitespace (a URL may contain
/// `#` itself).
fn strip_comment(line: &str) -> &str {
    let t = line.trim();
    if t.starts_with('#') || t.starts_with(';') || t.starts_with("//") {
        return "";
    }
    match t.find(" #").or_else(|| t.find("\t#")) {
        Some(i) => t.get(..i).unwrap_or(t).trim(),
        None => t,
    }
}

pub(super) fn read_text(text: &str, sink: &mut Sink<'_>) {
    let source = source_for(sink.file);
    for (i, raw) in text.lines().enumerate() {
        let line = strip_comment(raw.trim_start_matches('\u{feff}'));
        if line.is_empty() {
            continue;
        }
        let mut tokens = line.split_whitespace();
        let first = tokens.next().unwrap_or("");
        // hosts-file style: the address is the sinkhole, the name is the value.
        let value = match (first, tokens.next()) {
            ("0.0.0.0" | "127.0.0.1" | "::" | "::1", Some(name)) => name,
            _ => first,
        };
        match observable::classify(value) {
            Ok(o) => sink.entry(&Entry::new(o, &source, LIST_CONFIDENCE)),
            Err(e) => sink.problem(i + 1, e),
        }
    }
}

/// True when the first non-comment line looks like a CSV header naming a value column.
pub(super) fn looks_like_csv(text: &str) -> bool {
    let Some(header) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    header.contains(',')
        && csv_records(header, Lines::OnePerRecord)
            .first()
            .and_then(|(_, f)| f.as_ref().ok())
            .is_some_and(|f| value_column(&lower(f)).is_some())
}

fn lower(fields: &[String]) -> Vec<String> {
    fields
        .iter()
        .map(|f| f.to_ascii_lowercase().replace([' ', '-'], "_"))
        .collect()
}

const VALUE_COLUMNS: [&str; 14] = [
    "indicator",
    "ioc",
    "ioc_value",
    "value",
    "observable",
    "ip",
    "ip_address",
    "address",
    "domain",
    "hostname",
    "url",
    "hash",
    "sha256",
    "md5",
];

fn value_column(header: &[String]) -> Option<usize> {
    VALUE_COLUMNS
        .iter()
        .find_map(|name| header.iter().position(|h| h == name))
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| header.iter().position(|h| h == n))
}

/// Reads a value given the feed's declared type when there is one.
fn typed_observable(kind: Option<&str>, value: &str) -> Result<Observable, String> {
    let k = kind.map(|k| k.to_ascii_lowercase()).unwrap_or_default();
    let v = observable::refang(value);
    match k.as_str() {
        "md5" | "md5_hash" => observable::hash_observable(Some("MD5"), &v),
        "sha1" | "sha1_hash" => observable::hash_observable(Some("SHA-1"), &v),
        "sha256" | "sha256_hash" => observable::hash_observable(Some("SHA-256"), &v),
        "sha512" | "sha512_hash" => observable::hash_observable(Some("SHA-512"), &v),
        "url" | "uri" => observable::url_observable(&v),
        _ => observable::classify(&v),
    }
}

pub(super) fn read_csv(text: &str, sink: &mut Sink<'_>) {
    let source = source_for(sink.file);
    let mut header: Option<Vec<String>> = None;
    for (line_no, record) in csv_records(text, Lines::OnePerRecord) {
        let fields = match record {
            Ok(f) => f,
            Err(e) => {
                sink.problem(line_no, e);
                continue;
            }
        };
        let Some(h) = &header else {
            let names = lower(&fields);
            if value_column(&names).is_none() {
                sink.problem(
                    line_no,
                    format!(
                        "expected a CSV header naming the value column ({})",
                        VALUE_COLUMNS.join(", ")
                    ),
                );
                return;
            }
            header = Some(names);
            continue;
        };
        let Some(vi) = value_column(h) else { return };
        let value_name = h.get(vi).map_or("", String::as_str);
        let get = |idx: Option<usize>| {
            idx.and_then(|i| fields.get(i))
                .map(String::as_str)
                .filter(|s| !s.is_empty())
        };
        let Some(value) = get(Some(vi)) else {
            sink.problem(line_no, format!("column {value_name:?} is empty"));
            continue;
        };
        let kind = get(column(h, &["type", "indicator_type", "ioc_type"]))
            .or_else(|| matches!(value_name, "sha256" | "md5" | "url").then_some(value_name));
        let observable = match typed_observable(kind, value) {
            Ok(o) => o,
            Err(e) => {
                sink.problem(line_no, e);
                continue;
            }
        };
        let confidence = match get(column(h, &["confidence", "confidence_level", "score"])) {
            Some(c) => match confidence_of(c) {
                Some(c) => c,
                None => {
                    sink.problem(line_no, format!("confidence {c:?}: expected 0-100"));
                    continue;
                }
            },
            None => LIST_CONFIDENCE,
        };
        let mut entry = Entry::new(observable, &source, confidence);
        entry.description = get(column(
            h,
            &["description", "comment", "threat", "malware", "tags"],
        ))
        .map(str::to_string);
        entry.valid_from = get(column(
            h,
            &[
                "first_seen",
                "first_seen_utc",
                "valid_from",
                "date",
                "dateadded",
            ],
        ))
        .and_then(parse_time);
        entry.valid_until =
            get(column(h, &["valid_until", "expires", "expiration"])).and_then(parse_time);
        entry.tlp = get(column(h, &["tlp"])).and_then(Tlp::parse);
        sink.entry(&entry);
    }
}
