//! One log event as the matcher sees it: the observables a reader found in a line (each
//! with the field it came from and its role), already normalized, and the event's time
//! as written. An `Event` is reused from line to line so the hot loop does not allocate.

use std::fmt::Write;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::fields::{FieldKind, Role};
use crate::keys::{self, HashAlgo};

/// The kind of an observed value (and of an index key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Ipv4,
    Ipv6,
    Domain,
    Url,
    FileHash,
    Email,
    Ja3,
    Ja4,
    UserAgent,
}

/// One value found in an event.
#[derive(Debug, Clone, Copy)]
pub struct Observable {
    pub kind: Kind,
    pub role: Role,
    /// The address, for `Ipv4`/`Ipv6`.
    pub ip: u128,
    /// The algorithm, for `FileHash`.
    pub algo: HashAlgo,
    field: (u32, u32),
    value: (u32, u32),
}

/// How an event's time was written; parsed only when the event produces an alert.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawTime {
    None,
    /// Seconds since the epoch, as Zeek and Squid write them.
    Epoch(f64),
    /// Text in `text[a..b]`: RFC 3339-like, syslog, CEF.
    Text(u32, u32),
}

/// The observables of one line.
#[derive(Debug, Default)]
pub struct Event {
    text: String,
    items: Vec<Observable>,
    time: Option<RawTime>,
    http_host: Option<(u32, u32)>,
    http_path: Option<(u32, u32)>,
    http_port: Option<u16>,
    /// The organization's machine that wrote the event, by name (Windows logs).
    host: Option<(u32, u32)>,
    tls: bool,
    scratch: String,
    /// A URL being composed from HTTP host and path.
    url: String,
    /// A URL being normalized.
    url_norm: String,
}

impl Event {
    pub fn new() -> Event {
        Event::default()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.items.clear();
        self.time = None;
        self.http_host = None;
        self.http_path = None;
        self.http_port = None;
        self.host = None;
        self.tls = false;
    }

    pub fn items(&self) -> &[Observable] {
        &self.items
    }

    pub fn field(&self, o: &Observable) -> &str {
        &self.text[o.field.0 as usize..o.field.1 as usize]
    }

    pub fn value(&self, o: &Observable) -> &str {
        &self.text[o.value.0 as usize..o.value.1 as usize]
    }

    pub fn time(&self) -> RawTime {
        self.time.unwrap_or(RawTime::None)
    }

    pub fn time_text(&self) -> Option<&str> {
        match self.time {
            Some(RawTime::Text(a, b)) => Some(&self.text[a as usize..b as usize]),
            _ => None,
        }
    }

    /// The first address on the source side, for the alert's sentence.
    pub fn source_ip(&self) -> Option<&str> {
        self.items
            .iter()
            .find(|o| o.role == Role::Source && matches!(o.kind, Kind::Ipv4 | Kind::Ipv6))
            .map(|o| self.value(o))
    }

    pub fn destination_ip(&self) -> Option<&str> {
        self.items
            .iter()
            .find(|o| o.role == Role::Destination && matches!(o.kind, Kind::Ipv4 | Kind::Ipv6))
            .map(|o| self.value(o))
    }

    fn stash(&mut self, s: &str) -> (u32, u32) {
        let a = self.text.len() as u32;
        self.text.push_str(s);
        (a, self.text.len() as u32)
    }

    fn add(&mut self, kind: Kind, role: Role, field: &str, value: &str, ip: u128, algo: HashAlgo) {
        let field = self.stash(field);
        let value = self.stash(value);
        self.items.push(Observable {
            kind,
            role,
            ip,
            algo,
            field,
            value,
        });
    }

    /// The organization's machine that wrote the event, when a reader knows it.
    pub fn host(&self) -> Option<&str> {
        self.host.map(|(a, b)| &self.text[a as usize..b as usize])
    }

    /// Names the machine that wrote the event (the first one given wins; empty and `-`
    /// values are not names).
    pub fn set_host(&mut self, name: &str) {
        let t = trim(name);
        if self.host.is_none() && !t.is_empty() && t != "-" {
            self.host = Some(self.stash(t));
        }
    }

    /// Records the time of the event (the first one given wins).
    pub fn set_time_text(&mut self, text: &str) {
        if self.time.is_none() {
            let (a, b) = self.stash(text);
            self.time = Some(RawTime::Text(a, b));
        }
    }

    pub fn set_time_epoch(&mut self, secs: f64) {
        if self.time.is_none() && secs.is_finite() {
            self.time = Some(RawTime::Epoch(secs));
        }
    }

    /// Marks the event as TLS, so a composed URL is `https`.
    pub fn set_tls(&mut self) {
        self.tls = true;
    }

    pub fn push_ip(&mut self, field: &str, role: Role, text: &str) -> bool {
        let t = trim(text);
        if let Some(v4) = keys::parse_ipv4(t.as_bytes()) {
            self.add(Kind::Ipv4, role, field, t, u128::from(v4), HashAlgo::Other);
            return true;
        }
        if let Some(v6) = keys::parse_ipv6(t) {
            // An IPv4-mapped address is the IPv4 address for matching purposes.
            if let Some(v4) = std::net::Ipv6Addr::from(v6).to_ipv4_mapped() {
                let text = v4.to_string();
                self.add(
                    Kind::Ipv4,
                    role,
                    field,
                    &text,
                    u128::from(u32::from(v4)),
                    HashAlgo::Other,
                );
            } else {
                let text = keys::ipv6_text(v6);
                self.add(Kind::Ipv6, role, field, &text, v6, HashAlgo::Other);
            }
            return true;
        }
        false
    }

    pub fn push_domain(&mut self, field: &str, role: Role, text: &str) -> bool {
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        let ok = keys::normalize_domain(trim(text), &mut s);
        if ok {
            self.add(Kind::Domain, role, field, &s, 0, HashAlgo::Other);
        }
        self.scratch = s;
        ok
    }

    /// An address or a host name, perhaps with a port.
    pub fn push_host(&mut self, field: &str, role: Role, text: &str) -> bool {
        let t = trim(text);
        if self.push_ip(field, role, t) {
            return true;
        }
        let (host, _) = keys::split_host_port(t);
        // Without a port or brackets the host is `t`, already refused as an address.
        (host.len() != t.len() && self.push_ip(field, role, host))
            || self.push_domain(field, role, host)
    }

    /// A whole URL; its host is also recorded (as a domain or an address) under the same
    /// field, so a domain indicator finds the URLs that point at it.
    pub fn push_url(&mut self, field: &str, role: Role, text: &str) -> bool {
        // Its own buffer: `push_domain` below uses `scratch`.
        let mut s = std::mem::take(&mut self.url_norm);
        s.clear();
        let ok = keys::normalize_url(trim(text), &mut s);
        if ok {
            self.add(Kind::Url, role, field, &s, 0, HashAlgo::Other);
            if let Some(host) = keys::url_host(&s) {
                let _ = self.push_ip(field, role, host) || self.push_domain(field, role, host);
            }
        }
        self.url_norm = s;
        ok
    }

    pub fn push_hash(&mut self, field: &str, algo: HashAlgo, text: &str) -> bool {
        let t = trim(text);
        if t.is_empty() {
            return false;
        }
        if algo == HashAlgo::Other {
            self.add(Kind::FileHash, Role::Other, field, t, 0, algo);
            return true;
        }
        if HashAlgo::from_hex_len(t.len()).is_none() || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
        let lower = t.to_ascii_lowercase();
        self.add(Kind::FileHash, Role::Other, field, &lower, 0, algo);
        true
    }

    pub fn push_email(&mut self, field: &str, text: &str) -> bool {
        match keys::clean_email(text) {
            Some(e) => {
                self.add(Kind::Email, Role::Other, field, e, 0, HashAlgo::Other);
                true
            }
            None => false,
        }
    }

    pub fn push_fingerprint(&mut self, field: &str, kind: Kind, text: &str) -> bool {
        let t = trim(text);
        if t.is_empty() || t.len() > 256 {
            return false;
        }
        let lower = t.to_ascii_lowercase();
        self.add(kind, Role::Source, field, &lower, 0, HashAlgo::Other);
        true
    }

    pub fn push_user_agent(&mut self, field: &str, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        self.add(
            Kind::UserAgent,
            Role::Source,
            field,
            text,
            0,
            HashAlgo::Other,
        );
        true
    }

    /// Checks the whole value for the shape of a URL, an address, a digest, an e-mail
    /// address or a host name (in that order) and records what it is.
    pub fn push_sniffed(&mut self, field: &str, text: &str) -> bool {
        let t = trim(text);
        if t.len() < 4 || t.len() > 4096 {
            return false;
        }
        if t.contains("://") {
            return self.push_url(field, Role::Other, t);
        }
        if self.push_ip(field, Role::Other, t) {
            return true;
        }
        if let Some(algo) = HashAlgo::from_hex_len(t.len()) {
            if t.bytes().all(|b| b.is_ascii_hexdigit()) {
                return self.push_hash(field, algo, t);
            }
        }
        if t.contains('@') {
            return self.push_email(field, t);
        }
        if t.bytes().any(|b| b.is_ascii_alphabetic()) {
            return self.push_domain(field, Role::Other, t);
        }
        false
    }

    /// Records a field's value by its kind. List kinds split on commas (Zeek sets and
    /// vectors, EVE address lists written as text).
    pub fn push_field(&mut self, field: &str, kind: FieldKind, role: Role, text: &str) {
        match kind {
            FieldKind::Ignore => {}
            FieldKind::Ip => each(text, |v| {
                self.push_ip(field, role, v);
            }),
            FieldKind::Host => each(text, |v| {
                self.push_host(field, role, v);
            }),
            FieldKind::HttpHost => {
                if self.push_host(field, role, text) && self.http_host.is_none() {
                    self.http_host = Some(self.stash(trim(text)));
                }
            }
            FieldKind::Domain => each(text, |v| {
                self.push_domain(field, role, v);
            }),
            FieldKind::Url => {
                self.push_url(field, role, text);
            }
            FieldKind::UrlPath => {
                if text.contains("://") {
                    self.push_url(field, role, text);
                } else if text.starts_with('/') && self.http_path.is_none() {
                    self.http_path = Some(self.stash(text));
                }
            }
            FieldKind::Email => each(text, |v| {
                self.push_email(field, v);
            }),
            FieldKind::Hash(algo) => {
                self.push_hash(field, algo, text);
            }
            FieldKind::HashByLength => {
                if let Some(algo) = HashAlgo::from_hex_len(trim(text).len()) {
                    self.push_hash(field, algo, text);
                }
            }
            FieldKind::Ja3 => {
                self.push_fingerprint(field, Kind::Ja3, text);
            }
            FieldKind::Ja4 => {
                self.push_fingerprint(field, Kind::Ja4, text);
            }
            FieldKind::UserAgent => {
                self.push_user_agent(field, text);
            }
            FieldKind::DestPort => {
                if let Ok(p) = trim(text).parse::<u16>() {
                    self.http_port.get_or_insert(p);
                }
            }
            // Parsed only if the line raises an alert (`time::normalize` reads epochs too).
            FieldKind::Time => self.set_time_text(text),
            FieldKind::Sniff => {
                self.push_sniffed(field, text);
            }
        }
    }

    /// Joins an HTTP request's host and path into its URL (Zeek `host` + `uri`, EVE
    /// `http.hostname` + `http.url`). Call once the whole line has been read.
    pub fn finish(&mut self) {
        if let (Some(h), Some(p)) = (self.http_host, self.http_path) {
            let host = &self.text[h.0 as usize..h.1 as usize];
            let path = &self.text[p.0 as usize..p.1 as usize];
            let scheme = if self.tls || self.http_port == Some(443) {
                "https"
            } else {
                "http"
            };
            // Composed in a reused buffer: this runs for every HTTP line.
            let mut url = std::mem::take(&mut self.url);
            url.clear();
            url.push_str(scheme);
            url.push_str("://");
            url.push_str(host);
            match self.http_port {
                Some(port) if !host.contains(':') && port != 80 && port != 443 => {
                    // Rare (a non-default port), so formatting is fine here.
                    let _ = write!(url, ":{port}");
                }
                _ => {}
            }
            url.push_str(path);
            let mut s = std::mem::take(&mut self.scratch);
            s.clear();
            if keys::normalize_url(&url, &mut s) {
                self.add(Kind::Url, Role::Destination, "url", &s, 0, HashAlgo::Other);
            }
            self.scratch = s;
            self.url = url;
        }
    }

    /// The event as STIX observed-data and SCOs, for patterns evaluated in full. Every
    /// observable becomes an SCO; the first source and destination addresses are also the
    /// ends of a `network-traffic`, which carries the user agent as an HTTP request header.
    pub fn to_observation(&self, first_observed: &str) -> Value {
        let mut objects = Vec::new();
        let mut refs = Vec::new();
        let mut src = None;
        let mut dst = None;
        let mut ua = None;
        for (n, o) in self.items.iter().enumerate() {
            let value = self.value(o);
            let (ty, body) = match o.kind {
                Kind::Ipv4 => ("ipv4-addr", json!({ "value": value })),
                Kind::Ipv6 => ("ipv6-addr", json!({ "value": value })),
                Kind::Domain => ("domain-name", json!({ "value": value })),
                Kind::Url => ("url", json!({ "value": value })),
                Kind::Email => ("email-addr", json!({ "value": value })),
                Kind::FileHash => {
                    let mut hashes = Map::new();
                    hashes.insert(o.algo.stix_name().to_string(), Value::from(value));
                    ("file", json!({ "hashes": hashes }))
                }
                Kind::Ja3 => ("x-ja3", json!({ "value": value })),
                Kind::Ja4 => ("x-ja4", json!({ "value": value })),
                Kind::UserAgent => {
                    ua.get_or_insert(value);
                    continue;
                }
            };
            let id = format!("{ty}--{n}");
            match (o.kind, o.role) {
                (Kind::Ipv4 | Kind::Ipv6, Role::Source) if src.is_none() => src = Some(id.clone()),
                (Kind::Ipv4 | Kind::Ipv6, Role::Destination) if dst.is_none() => {
                    dst = Some(id.clone())
                }
                _ => {}
            }
            let mut body = body;
            if let Value::Object(m) = &mut body {
                m.insert("type".into(), Value::from(ty));
                m.insert("id".into(), Value::from(id.clone()));
            }
            refs.push(Value::from(id));
            objects.push(body);
        }
        if src.is_some() || dst.is_some() || ua.is_some() {
            let mut nt = Map::new();
            nt.insert("type".into(), Value::from("network-traffic"));
            nt.insert("id".into(), Value::from("network-traffic--0"));
            if let Some(s) = src {
                nt.insert("src_ref".into(), Value::from(s));
            }
            if let Some(d) = dst {
                nt.insert("dst_ref".into(), Value::from(d));
            }
            if let Some(p) = self.http_port {
                nt.insert("dst_port".into(), Value::from(p));
            }
            if let Some(ua) = ua {
                nt.insert(
                    "extensions".into(),
                    json!({"http-request-ext": {"request_method": "get", "request_value": "/",
                        "request_header": {"User-Agent": ua}}}),
                );
            }
            refs.push(Value::from("network-traffic--0"));
            objects.push(Value::Object(nt));
        }
        objects.push(json!({
            "type": "observed-data",
            "id": "observed-data--0",
            "first_observed": first_observed,
            "last_observed": first_observed,
            "number_observed": 1,
            "object_refs": refs,
        }));
        Value::Array(objects)
    }

    /// Which SCO types the observation of this event holds (for the full-evaluation
    /// prefilter): a bit per [`Kind`], and bit 15 for `network-traffic`.
    pub fn type_mask(&self) -> u16 {
        let mut m = 0u16;
        for o in &self.items {
            m |= kind_bit(o.kind);
            if matches!(o.role, Role::Source | Role::Destination)
                && matches!(o.kind, Kind::Ipv4 | Kind::Ipv6 | Kind::UserAgent)
            {
                m |= NETWORK_TRAFFIC_BIT;
            }
        }
        m
    }
}

pub const NETWORK_TRAFFIC_BIT: u16 = 1 << 15;

pub fn kind_bit(kind: Kind) -> u16 {
    1 << (kind as u16)
}

/// The SCO type bit(s) of a STIX object type named in a pattern; `None` for types no log
/// event produces (the pattern can then never match a single event).
pub fn type_bit(object_type: &str) -> Option<u16> {
    Some(match object_type {
        "ipv4-addr" => kind_bit(Kind::Ipv4),
        "ipv6-addr" => kind_bit(Kind::Ipv6),
        "domain-name" => kind_bit(Kind::Domain),
        "url" => kind_bit(Kind::Url),
        "file" => kind_bit(Kind::FileHash),
        "email-addr" => kind_bit(Kind::Email),
        "x-ja3" => kind_bit(Kind::Ja3),
        "x-ja4" => kind_bit(Kind::Ja4),
        "network-traffic" => NETWORK_TRAFFIC_BIT,
        _ => return None,
    })
}

/// `str::trim`, with a fast path for the usual value that starts and ends with a visible
/// ASCII character (the Unicode-aware trim walks chars from both ends).
#[inline]
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn each(text: &str, mut f: impl FnMut(&str)) {
    // Most values are one item: skip the splitter.
    if !text.as_bytes().contains(&b',') {
        let p = trim(text);
        if !p.is_empty() {
            f(p);
        }
        return;
    }
    for part in text.split(',') {
        let p = trim(part);
        if !p.is_empty() {
            f(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_parts_become_a_url() {
        let mut e = Event::new();
        e.push_field(
            "host",
            FieldKind::HttpHost,
            Role::Destination,
            "Evil.Example",
        );
        e.push_field("uri", FieldKind::UrlPath, Role::Destination, "/a%41");
        e.push_field("id.resp_p", FieldKind::DestPort, Role::Destination, "8080");
        e.finish();
        let urls: Vec<&str> = e
            .items()
            .iter()
            .filter(|o| o.kind == Kind::Url)
            .map(|o| e.value(o))
            .collect();
        assert_eq!(urls, vec!["http://evil.example:8080/aA"]);
    }

    #[test]
    fn lists_split_and_hosts_classify() {
        let mut e = Event::new();
        e.push_field(
            "answers",
            FieldKind::Host,
            Role::Destination,
            "1.2.3.4,evil.example,::ffff:5.6.7.8",
        );
        let kinds: Vec<(Kind, &str)> = e.items().iter().map(|o| (o.kind, e.value(o))).collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::Ipv4, "1.2.3.4"),
                (Kind::Domain, "evil.example"),
                (Kind::Ipv4, "5.6.7.8")
            ]
        );
    }
}
