//! Windows events: Sysmon network connections (event 3) and DNS queries (22), Security
//! logons (4624, 4625, 4648) and filtering-platform connections (5156, 5157), Windows Firewall
//! with Advanced Security rule events. One line is one event, as
//!
//! - an EVTX record rendered as JSON (a `.evtx` file is turned into such lines when opened),
//! - an exported XML `<Event>` (an `<Events>` export is cut into one event a line when opened),
//! - a Winlogbeat (`winlog.event_data.*`) or NXLog (flat `SourceIp`, `EventTime`) JSON line.
//!
//! Fields are known by their Windows names wherever they sit; the computer that wrote the
//! event is the organization's end when the event names no address of it (a logon from an
//! outside address to `DC01`).

use crate::event::Event;
use crate::fields::{FieldKind, Role};
use crate::keys::HashAlgo;

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadEvent;

/// A first line that is a Windows event in JSON or XML.
pub fn looks_like(first: &str) -> bool {
    if first.starts_with("<Event ") || first.starts_with("<Event>") {
        return true;
    }
    first.starts_with('{')
        && (first.contains("\"winlog\"")
            || first.starts_with("{\"Event\":{")
            || (first.contains("\"EventID\"")
                && (first.contains("\"Channel\"") || first.contains("\"SourceName\""))))
}

/// Handles one JSON scalar of a Windows event by its Windows name; false when the name is
/// not one of them (the field table then decides).
pub fn json_field(path: &str, value: &str, event: &mut Event) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    // Winlogbeat's ECS copies.
    match path {
        "source.ip" => return push(event, "source.ip", FieldKind::Ip, Role::Source, value),
        "destination.ip" => {
            return push(
                event,
                "destination.ip",
                FieldKind::Ip,
                Role::Destination,
                value,
            )
        }
        "dns.question.name" => {
            return push(event, path, FieldKind::Domain, Role::Destination, value)
        }
        "host.name" | "winlog.computer_name" => {
            event.set_host(value);
            return true;
        }
        _ => {}
    }
    // A `#attributes` key is the XML attribute of its parent (EVTX's JSON rendering).
    if last == "SystemTime" || path.ends_with("TimeCreated.#attributes.SystemTime") {
        event.set_time_text(value);
        return true;
    }
    field(last, value, event)
}

fn push(event: &mut Event, name: &str, kind: FieldKind, role: Role, value: &str) -> bool {
    event.push_field(name, kind, role, value);
    true
}

/// An event field by its Windows name (`Data Name=` in XML, the key in JSON).
pub fn field(name: &str, value: &str, event: &mut Event) -> bool {
    let (src, dst, other) = (Role::Source, Role::Destination, Role::Other);
    match name {
        // Sysmon 3; Security 5156/5157 (SourceAddress/DestAddress); logons (IpAddress).
        "SourceIp" | "SourceAddress" | "IpAddress" | "ClientAddress" | "ClientIP" => {
            push(event, name, FieldKind::Ip, src, value)
        }
        "DestinationIp" | "DestAddress" | "DestinationAddress" => {
            push(event, name, FieldKind::Ip, dst, value)
        }
        "DestinationHostname" => push(event, name, FieldKind::Host, dst, value),
        "QueryName" => push(event, name, FieldKind::Domain, dst, value),
        "QueryResults" => {
            query_results(value, event);
            true
        }
        // Firewall rule events (2004, 2005): a list of addresses, `*` or keywords.
        "RemoteAddresses" | "RemoteAddress" => push(event, name, FieldKind::Ip, other, value),
        "Hashes" => {
            hashes(value, event);
            true
        }
        "Computer" | "Hostname" | "MachineName" => {
            event.set_host(value);
            true
        }
        "EventTime" | "@timestamp" | "TimeGenerated" | "UtcTime" => {
            event.set_time_text(value);
            true
        }
        _ => false,
    }
}

/// Sysmon 22's `QueryResults`: `type:  5 cdn.example;::ffff:203.0.113.7;` (records
/// separated by `;`, a CNAME written with its type number).
fn query_results(value: &str, event: &mut Event) {
    for part in value.split(';') {
        let Some(token) = part.split_whitespace().last() else {
            continue;
        };
        let token = token.strip_prefix("::ffff:").unwrap_or(token);
        if !token.is_empty() && token != "-" {
            event.push_host("QueryResults", Role::Destination, token);
        }
    }
}

/// Sysmon's `Hashes`: `SHA1=..,MD5=..,SHA256=..,IMPHASH=..`.
fn hashes(value: &str, event: &mut Event) {
    for pair in value.split(',') {
        let Some((algo, hex)) = pair.split_once('=') else {
            continue;
        };
        let algo = match algo.trim() {
            "MD5" => HashAlgo::Md5,
            "SHA1" => HashAlgo::Sha1,
            "SHA256" => HashAlgo::Sha256,
            _ => continue,
        };
        event.push_hash("Hashes", algo, hex);
    }
}

/// One exported XML event on one line: `<Data Name="X">v</Data>`, `<Computer>`,
/// `<TimeCreated SystemTime="..."/>`.
pub fn parse_xml(line: &str, event: &mut Event) -> Result<(), BadEvent> {
    if !line.starts_with("<Event") || !line.trim_end().ends_with("</Event>") {
        return Err(BadEvent);
    }
    if let Some(t) =
        between(line, "SystemTime=\"", "\"").or_else(|| between(line, "SystemTime='", "'"))
    {
        event.set_time_text(t);
    }
    if let Some(c) = between(line, "<Computer>", "</Computer>") {
        event.set_host(&unescape(c));
    }
    let mut rest = line;
    while let Some(at) = rest.find("<Data Name=") {
        rest = rest.get(at + "<Data Name=".len()..).ok_or(BadEvent)?;
        let quote = rest.chars().next().ok_or(BadEvent)?;
        if quote != '"' && quote != '\'' {
            return Err(BadEvent);
        }
        let after = rest.get(1..).ok_or(BadEvent)?;
        let end = after.find(quote).ok_or(BadEvent)?;
        let name = after.get(..end).ok_or(BadEvent)?;
        let tail = after.get(end + 1..).ok_or(BadEvent)?;
        // `<Data Name="X"/>` is empty.
        if tail.starts_with("/>") {
            rest = tail;
            continue;
        }
        let tail = tail.strip_prefix('>').ok_or(BadEvent)?;
        let close = tail.find("</Data>").ok_or(BadEvent)?;
        let value = tail.get(..close).ok_or(BadEvent)?;
        field(name, &unescape(value), event);
        rest = tail.get(close..).ok_or(BadEvent)?;
    }
    Ok(())
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let at = s.find(open)? + open.len();
    let rest = s.get(at..)?;
    rest.get(..rest.find(close)?)
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Cuts an XML export (`<Events><Event>..</Event>..</Events>`, pretty-printed or not) into
/// one event a line, so exported events are read like any log; a line's number is then the
/// event's number in the file.
pub fn xml_events_to_lines(xml: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = find_event_start(rest) {
        let Some(from) = rest.get(start..) else { break };
        let Some(end) = from.find("</Event>") else {
            // A cut-off last event: kept, so it counts as a broken line.
            push_collapsed(&mut out, from);
            break;
        };
        let end = end + "</Event>".len();
        push_collapsed(&mut out, from.get(..end).unwrap_or(from));
        rest = from.get(end..).unwrap_or("");
    }
    out
}

fn find_event_start(s: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + s.get(from..)?.find("<Event")?;
        match s.as_bytes().get(at + "<Event".len()) {
            Some(b' ' | b'>' | b'\n' | b'\r' | b'\t') => return Some(at),
            _ => from = at + 1,
        }
    }
}

fn push_collapsed(out: &mut Vec<u8>, event: &str) {
    let mut space = false;
    for line in event.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if space && !t.starts_with('<') {
            out.push(b' ');
        }
        out.extend_from_slice(t.as_bytes());
        space = true;
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    fn found(e: &Event) -> Vec<(String, Kind, String)> {
        e.items()
            .iter()
            .map(|o| (e.field(o).to_string(), o.kind, e.value(o).to_string()))
            .collect()
    }

    #[test]
    fn sysmon_dns_query_results_and_hashes() {
        let mut e = Event::new();
        field("QueryName", "cdn.evil.example", &mut e);
        field(
            "QueryResults",
            "type:  5 edge.evil.example;::ffff:203.0.113.7;2001:db8::1;",
            &mut e,
        );
        field(
            "Hashes",
            "SHA1=A94A8FE5CCB19BA61C4C0873D391E987982FBBD3,IMPHASH=00",
            &mut e,
        );
        assert_eq!(
            found(&e),
            vec![
                ("QueryName".into(), Kind::Domain, "cdn.evil.example".into()),
                (
                    "QueryResults".into(),
                    Kind::Domain,
                    "edge.evil.example".into()
                ),
                ("QueryResults".into(), Kind::Ipv4, "203.0.113.7".into()),
                ("QueryResults".into(), Kind::Ipv6, "2001:db8::1".into()),
                (
                    "Hashes".into(),
                    Kind::FileHash,
                    "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3".into()
                ),
            ]
        );
    }

    #[test]
    fn xml_exports_become_one_event_a_line() {
        let xml = "\u{feff}<?xml version=\"1.0\"?>\n<Events>\n<Event xmlns='x'>\n  <System>\n    <Computer>DC01</Computer>\n  </System>\n  <EventData>\n    <Data Name='IpAddress'>203.0.113.7</Data>\n  </EventData>\n</Event>\n<Event xmlns='x'><System/></Event><EventsX/></Events>";
        let lines = String::from_utf8(xml_events_to_lines(xml)).unwrap();
        assert_eq!(
            lines,
            "<Event xmlns='x'><System><Computer>DC01</Computer></System><EventData><Data Name='IpAddress'>203.0.113.7</Data></EventData></Event>\n<Event xmlns='x'><System/></Event>\n"
        );
        let mut e = Event::new();
        parse_xml(lines.lines().next().unwrap(), &mut e).unwrap();
        assert_eq!(e.host(), Some("DC01"));
        assert_eq!(
            found(&e),
            vec![("IpAddress".into(), Kind::Ipv4, "203.0.113.7".into())]
        );
        for bad in [
            "<Event><Data Name=\"IpAddress\">1.2.3.4</Event>",
            "<Event><Data Name=x>1</Data></Event>",
            "<Event>",
        ] {
            assert!(parse_xml(bad, &mut Event::new()).is_err(), "{bad}");
        }
    }
}
