//! Vulnerability sources: CISA KEV, FIRST EPSS, CSAF 2.0 advisories and NVD CVE JSON 2.0.
//! Each CVE becomes one STIX `vulnerability` (deterministic id from the CVE id, so every
//! source annotates the same object); what each source says is kept in an `x_ward_*`
//! property (`x_ward_kev`, `x_ward_epss`, `x_ward_csaf`, `x_ward_cvss`). Parsing of the
//! KEV entry, EPSS lines, CSAF documents and NVD records is the exposure crate's; EPSS and
//! NVD are read line by line and record by record, so that one broken entry is skipped
//! rather than the file.

use serde_json::{json, Value};
use ward_exposure::signals::{epss_lines, EpssLine, EpssLineError, KevEntry};
use ward_exposure::{nvd, Advisory};

use super::records::{csv_records, Lines};
use super::{set, Sink};
use crate::indicator::{derived_id, stamp, SOURCES_PROPERTY};

fn is_cve(id: &str) -> bool {
    let mut parts = id.split('-');
    parts.next() == Some("CVE")
        && parts
            .next()
            .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        && parts
            .next()
            .is_some_and(|n| n.len() >= 4 && n.bytes().all(|b| b.is_ascii_digit()))
        && parts.next().is_none()
}

fn vulnerability(sink: &Sink<'_>, cve: &str, source: &str, url: Option<&str>) -> Value {
    let now = stamp(sink.now());
    let mut reference = json!({"source_name": source});
    if let Some(u) = url {
        set(&mut reference, "url", json!(u));
    }
    json!({
        "type": "vulnerability",
        "spec_version": "2.1",
        "id": derived_id("vulnerability", cve),
        "created": now,
        "modified": now,
        "name": cve,
        "external_references": [
            {"source_name": "cve", "external_id": cve},
            reference,
        ],
        SOURCES_PROPERTY: [source],
    })
}

/// True when `lower` (the lower-cased head of a file) is the KEV catalog's CSV: its header
/// starts `cveID,vendorProject,product`.
pub(super) fn looks_like_kev_csv(lower: &str) -> bool {
    lower
        .lines()
        .map(|l| l.trim().trim_start_matches('\u{feff}'))
        .find(|l| !l.is_empty())
        .is_some_and(|h| {
            h.replace('"', "")
                .starts_with("cveid,vendorproject,product,")
        })
}

/// The KEV catalog, as CISA publishes it: `known_exploited_vulnerabilities.json` or the
/// same entries as `known_exploited_vulnerabilities.csv` (a header row naming the JSON
/// keys, quoted fields that may hold commas, quotes and line breaks).
pub(super) fn read_kev(bytes: &[u8], sink: &mut Sink<'_>) {
    let first = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf));
    if first == Some(&b'{') {
        read_kev_json(bytes, sink)
    } else {
        read_kev_csv(&String::from_utf8_lossy(bytes), sink)
    }
}

fn read_kev_json(bytes: &[u8], sink: &mut Sink<'_>) {
    let doc: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return sink.problem(e.line(), format!("not JSON: {e}")),
    };
    let Some(list) = doc.get("vulnerabilities").and_then(Value::as_array) else {
        return sink.problem(
            "$.vulnerabilities",
            "expected the KEV catalog's list of vulnerabilities",
        );
    };
    for (i, v) in list.iter().enumerate() {
        let path = format!("$.vulnerabilities[{i}]");
        match serde_json::from_value::<KevEntry>(v.clone()) {
            Ok(e) => kev_entry(sink, &e, &format!("{path}.cveID")),
            Err(e) => sink.problem(path, format!("not a KEV entry: {e}")),
        }
    }
}

fn read_kev_csv(text: &str, sink: &mut Sink<'_>) {
    let mut header: Option<Vec<String>> = None;
    for (line, record) in csv_records(text, Lines::QuotedBreaks) {
        let fields = match record {
            Ok(f) => f,
            Err(e) => {
                sink.problem(line, e);
                continue;
            }
        };
        if fields.iter().all(String::is_empty) {
            continue;
        }
        let Some(names) = &header else {
            if fields.first().map(|f| f.trim_start_matches('\u{feff}')) != Some("cveID") {
                return sink.problem(
                    line,
                    "expected the KEV CSV header (cveID,vendorProject,product,...)",
                );
            }
            header = Some(fields);
            continue;
        };
        // The same keys as the JSON catalog, so both are read by one definition.
        let object: serde_json::Map<String, Value> = names
            .iter()
            .zip(fields)
            .map(|(k, v)| (k.clone(), Value::String(v)))
            .collect();
        match serde_json::from_value::<KevEntry>(Value::Object(object)) {
            Ok(e) => kev_entry(sink, &e, &line.to_string()),
            Err(e) => sink.problem(line, format!("not a KEV entry: {e}")),
        }
    }
}

/// One KEV entry as a vulnerability; `location` names the entry's CVE id in problems.
fn kev_entry(sink: &mut Sink<'_>, entry: &KevEntry, location: &str) {
    let cve = entry.cve_id.trim().to_ascii_uppercase();
    if !is_cve(&cve) {
        return sink.problem(location, format!("{cve:?}: expected CVE-YYYY-NNNN"));
    }
    let mut o = vulnerability(
        sink,
        &cve,
        "cisa-kev",
        Some("https://www.cisa.gov/known-exploited-vulnerabilities-catalog"),
    );
    set(&mut o, "description", json!(entry.vulnerability_name));
    set(
        &mut o,
        "x_ward_kev",
        json!({
            "vendor_project": entry.vendor_project,
            "product": entry.product,
            "date_added": entry.date_added,
            "due_date": entry.due_date,
            "required_action": entry.required_action,
            "known_ransomware_campaign_use": entry.known_ransomware_campaign_use,
        }),
    );
    sink.object(o);
}

pub(super) fn read_epss(text: &str, sink: &mut Sink<'_>) {
    let mut score_date: Option<String> = None;
    for (line, read) in epss_lines(text) {
        let (cve, score) = match read {
            Ok(EpssLine::Meta { score_date: d, .. }) => {
                score_date = d;
                continue;
            }
            Ok(EpssLine::Header) => continue,
            Ok(EpssLine::Score { cve, score }) => (cve, Some(score)),
            Err(EpssLineError::Score(_) | EpssLineError::Percentile(_)) => {
                sink.problem(line, "expected probabilities between 0 and 1");
                continue;
            }
            Err(EpssLineError::Cve(cve)) => (cve.to_ascii_uppercase(), None),
            Err(e) => {
                sink.problem(line, format!("expected {e}"));
                continue;
            }
        };
        let Some(score) = score.filter(|_| is_cve(&cve)) else {
            sink.problem(line, format!("{cve:?}: expected CVE-YYYY-NNNN"));
            continue;
        };
        let mut o = vulnerability(
            sink,
            &cve,
            "first-epss",
            Some("https://www.first.org/epss/"),
        );
        set(
            &mut o,
            "x_ward_epss",
            json!({
                "probability": score.probability,
                "percentile": score.percentile,
                "score_date": score_date,
            }),
        );
        sink.object(o);
    }
}

pub(super) fn read_csaf(bytes: &[u8], sink: &mut Sink<'_>) {
    let advisory = match Advisory::from_json(sink.file, bytes) {
        Ok(a) => a,
        Err(e) => return sink.problem(1, e.to_string()),
    };
    for (i, v) in advisory.vulnerabilities.iter().enumerate() {
        let Some(cve) = v
            .cve
            .as_deref()
            .map(str::to_ascii_uppercase)
            .filter(|c| is_cve(c))
        else {
            sink.problem(format!("$.vulnerabilities[{i}].cve"), "expected a CVE id");
            continue;
        };
        let mut o = vulnerability(sink, &cve, "csaf", advisory.url.as_deref());
        if let Some(d) = v.summary.as_ref().or(v.title.as_ref()) {
            set(&mut o, "description", json!(d));
        }
        let cvss = v
            .cvss
            .iter()
            .map(|(_, s, _)| *s)
            .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))));
        set(
            &mut o,
            "x_ward_csaf",
            json!({
                "advisory": advisory.id,
                "title": advisory.title,
                "url": advisory.url,
                "cwe": v.cwe,
                "cvss_max": cvss,
                "products": v.known_affected.len(),
            }),
        );
        sink.object(o);
    }
}

pub(super) fn read_nvd(bytes: &[u8], sink: &mut Sink<'_>) {
    let text = String::from_utf8_lossy(bytes);
    let records = match nvd::records(&text) {
        Ok(r) => r,
        Err(e) if e.is_data() => {
            return sink.problem(
                "$.vulnerabilities",
                "expected NVD CVE JSON 2.0 (`vulnerabilities: [{cve: ...}]`)",
            )
        }
        Err(e) => return sink.problem(e.line(), format!("not JSON: {e}")),
    };
    for (i, record) in records.enumerate() {
        let cve = match record {
            Ok(r) => r.to_cve(),
            Err(e) => {
                let path = format!("$.vulnerabilities[{i}].cve");
                let message = if e.missing_cve {
                    "missing".to_string()
                } else {
                    e.to_string()
                };
                sink.problem(path, message);
                continue;
            }
        };
        if !is_cve(&cve.id) {
            sink.problem(
                format!("$.vulnerabilities[{i}].cve.id"),
                format!("{:?}: expected CVE-YYYY-NNNN", cve.id),
            );
            continue;
        }
        let url = format!("https://nvd.nist.gov/vuln/detail/{}", cve.id);
        let mut o = vulnerability(sink, &cve.id, "nvd", Some(&url));
        if let Some(d) = &cve.description {
            set(&mut o, "description", json!(d));
        }
        if let Some((score, vector)) = &cve.cvss {
            set(
                &mut o,
                "x_ward_cvss",
                json!({"score": score, "vector": vector}),
            );
        }
        sink.object(o);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cve_ids() {
        assert!(super::is_cve("CVE-2024-12345"));
        assert!(!super::is_cve("CVE-24-1"));
        assert!(!super::is_cve("CVE-2024-12a4"));
    }
}
