//! Spamhaus DROP and EDROP: address blocks "hijacked or leased by professional spam or
//! cyber-crime operations", as text (`1.10.16.0/20 ; SBL256894`) or NDJSON.

use serde_json::Value;
use ward_stix::Tlp;

use super::Sink;
use crate::indicator::{Entry, Source};
use crate::observable;

const CONFIDENCE: u8 = 90;

fn source() -> Source {
    Source::new(
        "spamhaus-drop",
        Some("https://www.spamhaus.org/blocklists/do-not-route-or-peer/"),
    )
}

/// True when the first data line is `cidr ; SBL...`.
pub(super) fn looks_like_drop(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with(';'))
        .is_some_and(|l| {
            l.split_once(';').is_some_and(|(c, id)| {
                observable::ip_observable(c.trim()).is_some() && id.trim().starts_with("SBL")
            })
        })
}

fn entry(cidr: &str, sbl: Option<&str>) -> Result<Entry, String> {
    let o = observable::ip_observable(cidr)
        .ok_or_else(|| format!("{cidr:?}: expected a CIDR block such as 192.0.2.0/24"))?;
    let mut e = Entry::new(o, &source(), CONFIDENCE);
    e.external_id = sbl.map(str::to_string);
    e.url = sbl.map(|id| format!("https://check.spamhaus.org/sbl/query/{id}"));
    e.tlp = Some(Tlp::Clear);
    e.description = Some("Spamhaus DROP: do not route or peer".into());
    Ok(e)
}

pub(super) fn read_text(text: &str, sink: &mut Sink<'_>) {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') {
            continue;
        }
        let (cidr, sbl) = match line.split_once(';') {
            Some((c, s)) => (c.trim(), Some(s.trim()).filter(|s| !s.is_empty())),
            None => (line, None),
        };
        match entry(cidr, sbl) {
            Ok(e) => sink.entry(&e),
            Err(m) => sink.problem(i + 1, m),
        }
    }
}

pub(super) fn read_ndjson(text: &str, sink: &mut Sink<'_>) {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                sink.problem(i + 1, format!("not a JSON object: {e}"));
                continue;
            }
        };
        if v.get("type").and_then(Value::as_str) == Some("metadata") {
            continue;
        }
        let Some(cidr) = v.get("cidr").and_then(Value::as_str) else {
            sink.problem(i + 1, "expected a string `cidr`");
            continue;
        };
        match entry(cidr, v.get("sblid").and_then(Value::as_str)) {
            Ok(e) => sink.entry(&e),
            Err(m) => sink.problem(i + 1, m),
        }
    }
}
