//! Firewall logs sent over syslog, one reader for the forms a clinic's edge writes:
//!
//! - key=value (FortiGate `srcip= dstip= hostname= url=`, Sophos `src_ip= dst_ip=`,
//!   SonicWall `src=10.0.0.5:51000:X0 dst=...:443:X1 dstname=`), values perhaps quoted;
//! - pfSense/OPNsense `filterlog` (CSV after the syslog header, IPv4 and IPv6 layouts);
//! - Palo Alto CSV (`TRAFFIC`, `THREAT` and `URL` logs: source, destination, and the URL or
//!   file name of a threat);
//! - Cisco ASA (`%ASA-6-302013: Built outbound TCP connection 1 for outside:203.0.113.7/443
//!   (...) to inside:10.0.0.5/51000 (...)`): an address on an interface named like the
//!   outside is the far end, the others are the organization's.
//!
//! The syslog header (if any) gives the time when the message carries none; the reporting
//! firewall is not looked up. Source-side fields are the organization's device in alerts.

use crate::event::Event;
use crate::fields::{FieldKind, Role};
use crate::readers::syslog;

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadFirewall;

/// A first line that one of the firewall forms reads.
pub fn looks_like(line: &str) -> bool {
    if line.contains("%ASA-") || line.contains("%FTD-") || filterlog_csv(line).is_some() {
        return true;
    }
    if palo_alto(line).is_some() {
        return true;
    }
    let pairs = kv_pairs(line);
    let has = |k: &str| pairs.iter().any(|(key, _)| key.eq_ignore_ascii_case(k));
    (has("srcip") && has("dstip"))
        || (has("src_ip") && has("dst_ip"))
        || (has("src") && has("dst") && (has("fw") || has("sn") || has("id") || has("m")))
}

pub fn parse_line(line: &str, event: &mut Event) -> Result<(), BadFirewall> {
    let (time, msg) = header(line);
    if let Some(at) = line.find("%ASA-").or_else(|| line.find("%FTD-")) {
        asa(line.get(at..).unwrap_or(""), event);
    } else if let Some(csv) = filterlog_csv(line) {
        filterlog(csv, event)?;
    } else if let Some(fields) = palo_alto(msg) {
        palo_alto_fields(&fields, event);
    } else {
        let pairs = kv_pairs(msg);
        if pairs
            .iter()
            .any(|(k, _)| KV_ADDRESS_KEYS.contains(&k.to_ascii_lowercase().as_str()))
        {
            key_values(&pairs, event);
        } else {
            // Another daemon's line in the firewall's log (dhcpd, an admin login): read as
            // syslog, or as text when it is not even that.
            return match syslog::parse_line(line, event) {
                Ok(()) => Ok(()),
                Err(_) => {
                    crate::readers::text::extract(line, "message", event);
                    Ok(())
                }
            };
        }
    }
    if let Some(t) = time {
        event.set_time_text(t);
    }
    Ok(())
}

/// The syslog header's time and the message after it (the whole line without a header).
fn header(line: &str) -> (Option<&str>, &str) {
    let rest = strip_pri(line);
    if syslog::looks_like(rest) && rest.len() >= 15 {
        if let (Some(t), Some(after)) = (rest.get(..15), rest.get(15..)) {
            // Skip the reporting host.
            let msg = after.trim_start().split_once(' ').map_or("", |(_, m)| m);
            return (Some(t), msg);
        }
    }
    // Cisco's `Jan 05 2024 10:08:00 host : %ASA-...`.
    if let Some(t) = rest.get(..20).filter(|t| {
        let b = t.as_bytes();
        b.get(3) == Some(&b' ')
            && b.get(6) == Some(&b' ')
            && b.get(7..11)
                .is_some_and(|y| y.iter().all(u8::is_ascii_digit))
            && b.get(13) == Some(&b':')
    }) {
        let msg = rest.get(20..).unwrap_or("").trim_start();
        let msg = msg.split_once(' ').map_or("", |(_, m)| m);
        return (Some(t), msg);
    }
    if let Some(v5424) = rest.strip_prefix("1 ") {
        let mut parts = v5424.splitn(7, ' ');
        let time = parts.next().filter(|t| *t != "-");
        let msg = parts.nth(5).unwrap_or("");
        return (time, msg.strip_prefix("- ").unwrap_or(msg));
    }
    (None, rest)
}

fn strip_pri(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix('<') {
        if let Some((digits, after)) = rest.split_once('>') {
            if !digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit())
            {
                return after;
            }
        }
    }
    line
}

/// `key=value` pairs, values quoted with `"` or bare up to the next space.
pub fn kv_pairs(s: &str) -> Vec<(&str, &str)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // A key: a run of key bytes ending at `=`, at the start or after a space.
        let start = i;
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        {
            i += 1;
        }
        if i > start && b.get(i) == Some(&b'=') {
            let key = s.get(start..i).unwrap_or("");
            i += 1;
            let (value, next) = if b.get(i) == Some(&b'"') {
                let from = i + 1;
                let end = b
                    .get(from..)
                    .and_then(|r| r.iter().position(|&c| c == b'"'))
                    .map_or(b.len(), |p| from + p);
                (s.get(from..end).unwrap_or(""), end + 1)
            } else {
                let end = b
                    .get(i..)
                    .and_then(|r| r.iter().position(|&c| c == b' '))
                    .map_or(b.len(), |p| i + p);
                (s.get(i..end).unwrap_or(""), end)
            };
            out.push((key, value));
            i = next;
        } else {
            // Skip to the next space.
            while b.get(i).is_some_and(|&c| c != b' ') {
                i += 1;
            }
        }
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    out
}

fn key_values(pairs: &[(&str, &str)], event: &mut Event) {
    let (src, dst, other) = (Role::Source, Role::Destination, Role::Other);
    let mut date = None;
    let mut time = None;
    for &(key, value) in pairs {
        let lower = key.to_ascii_lowercase();
        let (kind, role) = match lower.as_str() {
            // SonicWall writes `src=10.0.0.5:51000:X0`.
            "srcip" | "src_ip" | "src" | "sourceip" | "source_ip" | "remip" => {
                event.push_ip(key, src, sonicwall_address(value));
                continue;
            }
            "dstip" | "dst_ip" | "dst" | "destip" | "destinationip" | "dest_ip" => {
                event.push_ip(key, dst, sonicwall_address(value));
                continue;
            }
            "transip" | "tranip" | "natsrc" => (FieldKind::Ip, other),
            "hostname" | "host" | "dstname" | "domain" | "fqdn" | "url_host" => {
                (FieldKind::HttpHost, dst)
            }
            "qname" | "query" | "dns_query" => (FieldKind::Domain, dst),
            "url" | "arg" => (FieldKind::UrlPath, dst),
            "referralurl" | "referer" | "referrer" => (FieldKind::Url, dst),
            "dstport" | "dst_port" | "dport" => (FieldKind::DestPort, dst),
            "filehash" | "sha256" | "md5" | "sha1" => (FieldKind::HashByLength, other),
            "sender" | "from" | "recipient" | "to" => (FieldKind::Email, other),
            "date" => {
                date = Some(value);
                continue;
            }
            "time" => {
                time = Some(value);
                continue;
            }
            "timestamp" | "log_time" | "eventtime_iso" => (FieldKind::Time, other),
            _ => continue,
        };
        event.push_field(key, kind, role, value);
    }
    match (date, time) {
        (Some(d), Some(t)) => event.set_time_text(&format!("{d} {t}")),
        // SonicWall: `time="2024-01-05 10:04:00 UTC"`.
        (None, Some(t)) => event.set_time_text(t.trim_end_matches(" UTC")),
        _ => {}
    }
}

/// The address of SonicWall's `address:port:interface` (an IPv6 address is left whole).
fn sonicwall_address(v: &str) -> &str {
    match v.split_once(':') {
        Some((a, _)) if a.contains('.') => a,
        _ => v,
    }
}

/// The keys whose presence makes a line a key=value firewall record.
const KV_ADDRESS_KEYS: [&str; 8] = [
    "srcip", "dstip", "src_ip", "dst_ip", "src", "dst", "sourceip", "destip",
];

/// The CSV of a pfSense/OPNsense `filterlog` line (the last word, with no spaces in it).
fn filterlog_csv(line: &str) -> Option<&str> {
    let at = line.find("filterlog")?;
    let csv = line.get(at..)?.split_whitespace().last()?;
    (csv.matches(',').count() >= 8).then_some(csv)
}

/// pfSense/OPNsense: `filterlog[123]: rule,sub,anchor,tracker,iface,reason,action,dir,4,...`.
fn filterlog(csv: &str, event: &mut Event) -> Result<(), BadFirewall> {
    let f: Vec<&str> = csv.split(',').collect();
    let (src, dst) = match f.get(8).copied() {
        Some("4") => (f.get(18), f.get(19)),
        Some("6") => (f.get(15), f.get(16)),
        _ => return Err(BadFirewall),
    };
    let (Some(src), Some(dst)) = (src, dst) else {
        return Err(BadFirewall);
    };
    event.push_ip("src", Role::Source, src);
    event.push_ip("dst", Role::Destination, dst);
    Ok(())
}

/// Palo Alto's CSV: `future,receive time,serial,TYPE,subtype,future,generated time,src,dst,
/// natsrc,natdst,...`; THREAT and URL logs have the URL or file name at position 31.
fn palo_alto(msg: &str) -> Option<Vec<String>> {
    // A cheap test before splitting: the type is the fourth field.
    if !(msg.contains(",TRAFFIC,") || msg.contains(",THREAT,") || msg.contains(",URL,")) {
        return None;
    }
    let fields = split_csv(msg.trim_start());
    let kind = fields.get(3)?;
    matches!(kind.as_str(), "TRAFFIC" | "THREAT" | "URL").then_some(fields)
}

fn palo_alto_fields(f: &[String], event: &mut Event) {
    if let Some(t) = f.get(6).or(f.get(1)) {
        // `2024/01/05 10:06:00`.
        event.set_time_text(&t.replace('/', "-"));
    }
    if let Some(v) = f.get(7) {
        event.push_ip("src", Role::Source, v);
    }
    if let Some(v) = f.get(8) {
        event.push_ip("dst", Role::Destination, v);
    }
    if f.get(3).is_some_and(|t| t != "TRAFFIC") {
        if let Some(misc) = f.get(31).filter(|m| !m.is_empty()) {
            // A URL without a scheme (`evil.example/path`) or a file name.
            let with_scheme;
            let url = if misc.contains("://") {
                misc.as_str()
            } else {
                with_scheme = format!("http://{misc}");
                &with_scheme
            };
            if misc.contains('/') || misc.contains('.') {
                event.push_url("url", Role::Destination, url);
            }
        }
    }
}

/// A CSV line with `"` quoting (`""` inside quotes is a quote).
pub fn split_csv(line: &str) -> Vec<String> {
    split_delimited(line, ',')
}

/// A delimited line with `"` quoting.
pub fn split_delimited(line: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Cisco ASA/FTD: every `interface:address/port` is an end; the end on an outside-named
/// interface is the far one, the others are the organization's.
fn asa(msg: &str, event: &mut Event) {
    for token in msg.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')') {
        let Some((iface, rest)) = token.split_once(':') else {
            continue;
        };
        if iface.is_empty()
            || !iface
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            continue;
        }
        let addr = rest.split('/').next().unwrap_or(rest);
        let lower = iface.to_ascii_lowercase();
        let outside = ["outside", "wan", "internet", "isp", "untrust", "external"]
            .iter()
            .any(|o| lower.contains(o));
        let role = if outside {
            Role::Destination
        } else {
            Role::Source
        };
        event.push_ip(iface, role, addr);
    }
    // Names ASA writes for URLs and DNS (`... for URL http://...`).
    for word in msg.split_whitespace() {
        if word.contains("://") {
            event.push_url("url", Role::Destination, word);
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::event::Kind;

    fn found(line: &str) -> Vec<(String, Kind, Role, String)> {
        let mut e = Event::new();
        parse_line(line, &mut e).unwrap();
        e.finish();
        e.items()
            .iter()
            .map(|o| {
                (
                    e.field(o).to_string(),
                    o.kind,
                    o.role,
                    e.value(o).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn key_values_quoted_and_sonicwall_ports() {
        assert_eq!(
            kv_pairs(r#"a=1 b="two words" c= d=x=y junk e"#),
            vec![("a", "1"), ("b", "two words"), ("c", ""), ("d", "x=y")]
        );
        let f = found("<134>Jan  5 10:00:00 sw id=firewall sn=C0EAE4 fw=198.51.100.1 m=97 src=10.1.4.22:51000:X0 dst=203.0.113.7:443:X1 dstname=evil.example");
        assert_eq!(
            f[0],
            ("src".into(), Kind::Ipv4, Role::Source, "10.1.4.22".into())
        );
        assert_eq!(
            f[1],
            (
                "dst".into(),
                Kind::Ipv4,
                Role::Destination,
                "203.0.113.7".into()
            )
        );
        assert_eq!(f[2].3, "evil.example");
    }

    #[test]
    fn asa_sides_by_interface() {
        let f = found("<166>Jan  5 2024 10:00:00 asa01 : %ASA-6-302013: Built outbound TCP connection 77 for outside:203.0.113.7/443 (203.0.113.7/443) to inside:10.1.4.22/51000 (198.51.100.1/51000)");
        assert_eq!(
            f,
            vec![
                (
                    "outside".into(),
                    Kind::Ipv4,
                    Role::Destination,
                    "203.0.113.7".into()
                ),
                (
                    "inside".into(),
                    Kind::Ipv4,
                    Role::Source,
                    "10.1.4.22".into()
                ),
            ]
        );
    }
}
