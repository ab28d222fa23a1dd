//! Windows text logs: the Windows Firewall log (`pfirewall.log`, W3C-like, columns named by
//! a `#Fields:` header) and the Windows DNS Server debug log (`dns.log`, names written as
//! `(3)www(7)example(3)com(0)`).

use crate::event::Event;
use crate::fields::Role;

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadLine;

/// The columns of a Windows Firewall log; the default is the layout Windows writes.
#[derive(Debug, Clone)]
pub struct FirewallColumns {
    names: Vec<String>,
}

impl Default for FirewallColumns {
    fn default() -> FirewallColumns {
        FirewallColumns {
            names: "date time action protocol src-ip dst-ip src-port dst-port size tcpflags \
                    tcpsyn tcpack tcpwin icmptype icmpcode info path pid"
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        }
    }
}

impl FirewallColumns {
    /// Reads a `#...` header line; true when the line was one.
    pub fn read_meta(&mut self, line: &[u8]) -> bool {
        if line.first() != Some(&b'#') {
            return false;
        }
        let text = String::from_utf8_lossy(line);
        if let Some(fields) = text.strip_prefix("#Fields:") {
            let names: Vec<String> = fields.split_whitespace().map(str::to_string).collect();
            if !names.is_empty() {
                self.names = names;
            }
        }
        true
    }

    pub fn parse_line(&self, line: &str, event: &mut Event) -> Result<(), BadLine> {
        let values: Vec<&str> = line.split_whitespace().collect();
        if values.len() < self.names.len().min(6) {
            return Err(BadLine);
        }
        let mut date = None;
        let mut time = None;
        let mut path = None;
        for (name, value) in self.names.iter().zip(&values) {
            match name.as_str() {
                "date" => date = Some(*value),
                "time" => time = Some(*value),
                "path" => path = Some(*value),
                _ => {}
            }
        }
        // An inbound (RECEIVE) packet's source is the far end; a SEND's is this computer.
        let inbound = path == Some("RECEIVE");
        for (name, value) in self.names.iter().zip(&values) {
            let role = match (name.as_str(), inbound) {
                ("src-ip", false) | ("dst-ip", true) => Role::Source,
                ("src-ip", true) | ("dst-ip", false) => Role::Destination,
                _ => continue,
            };
            if *value != "-" {
                event.push_ip(name, role, value);
            }
        }
        if let (Some(d), Some(t)) = (date, time) {
            event.set_time_text(&format!("{d} {t}"));
        }
        Ok(())
    }
}

/// A Windows Firewall log line without its header: `date time ALLOW|DROP protocol ...
/// SEND|RECEIVE [pid]`.
pub fn looks_like_firewall_line(line: &str) -> bool {
    let w: Vec<&str> = line.split_whitespace().collect();
    w.len() >= 16
        && w.first()
            .is_some_and(|d| d.len() == 10 && d.as_bytes().get(4) == Some(&b'-'))
        && w.get(2)
            .is_some_and(|a| matches!(*a, "ALLOW" | "DROP" | "INFO-EVENTS-LOST"))
        && w.iter().any(|p| matches!(*p, "SEND" | "RECEIVE"))
}

/// A DNS Server debug log, told by its first line or a packet line.
pub fn looks_like_dns(head: &str) -> bool {
    head.lines()
        .take(40)
        .any(|l| l.starts_with("DNS Server log file creation") || is_packet_line(l))
}

fn is_packet_line(l: &str) -> bool {
    l.contains(" PACKET ") && l.contains("(0)") && (l.contains(" Rcv ") || l.contains(" Snd "))
}

/// A debug log line: `1/5/2024 10:00:00 AM 0E64 PACKET 000001D5A2B0C1E0 UDP Rcv 10.1.4.22
/// abcd   Q [0001   D   NOERROR] A      (4)evil(7)example(0)`. Lines that are not packets (the
/// file's header, notes) carry nothing.
pub fn parse_dns(line: &str, event: &mut Event) -> Result<(), BadLine> {
    if !line.contains(" PACKET ") {
        return Ok(());
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "PACKET").ok_or(BadLine)?;
    let address = words.get(at + 4).ok_or(BadLine)?;
    if !event.push_ip("client", Role::Source, address) {
        return Err(BadLine);
    }
    if let Some(name) = words.last().filter(|w| w.contains('(')) {
        let name = decode_name(name);
        if !name.is_empty() {
            event.push_domain("question", Role::Destination, &name);
        }
    }
    if let Some(t) = dns_time(words.get(..at).unwrap_or_default()) {
        event.set_time_text(&t);
    }
    Ok(())
}

/// `(3)www(7)example(3)com(0)` → `www.example.com`.
pub fn decode_name(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest.get(open..).and_then(|r| r.find(')')).map(|p| open + p) else {
            break;
        };
        let label_start = close + 1;
        let label_end = rest
            .get(label_start..)
            .and_then(|r| r.find('('))
            .map_or(rest.len(), |p| label_start + p);
        let label = rest.get(label_start..label_end).unwrap_or("");
        if !label.is_empty() {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(label);
        }
        rest = rest.get(label_end..).unwrap_or("");
    }
    out
}

/// The debug log's local time, `M/D/YYYY h:mm:ss AM` (or 24-hour, or `D/M` when the first
/// number cannot be a month), as `YYYY-MM-DD hh:mm:ss`.
fn dns_time(words: &[&str]) -> Option<String> {
    let date = words.first()?;
    let time = words.get(1)?;
    let ampm = words.get(2).copied();
    let d: Vec<u32> = date
        .split(['/', '.', '-'])
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (year, month, day) = match d.as_slice() {
        [y, m, dd] if *y > 31 => (*y, *m, *dd),
        [a, b, y] if *a > 12 => (*y, *b, *a),
        [a, b, y] => (*y, *a, *b),
        _ => return None,
    };
    let t: Vec<u32> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [mut h, m, s] = t.as_slice() else {
        return None;
    };
    match ampm {
        Some("PM") if h < 12 => h += 12,
        Some("AM") if h == 12 => h = 0,
        _ => {}
    }
    Some(format!(
        "{year:04}-{month:02}-{day:02} {h:02}:{m:02}:{s:02}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    #[test]
    fn dns_names_and_times() {
        assert_eq!(
            decode_name("(3)www(4)evil(7)example(0)"),
            "www.evil.example"
        );
        assert_eq!(decode_name("(0)"), "");
        assert_eq!(
            dns_time(&["1/5/2024", "1:02:03", "PM"]).as_deref(),
            Some("2024-01-05 13:02:03")
        );
        assert_eq!(
            dns_time(&["25/12/2024", "12:00:00", "AM"]).as_deref(),
            Some("2024-12-25 00:00:00")
        );
        let mut e = Event::new();
        parse_dns("1/5/2024 10:00:00 AM 0E64 PACKET  000001D5A2B0C1E0 UDP Rcv 10.1.4.22       abcd   Q [0001   D   NOERROR] A      (4)evil(7)example(0)", &mut e).unwrap();
        let v: Vec<(Kind, Role, &str)> = e
            .items()
            .iter()
            .map(|o| (o.kind, o.role, e.value(o)))
            .collect();
        assert_eq!(
            v,
            vec![
                (Kind::Ipv4, Role::Source, "10.1.4.22"),
                (Kind::Domain, Role::Destination, "evil.example")
            ]
        );
        assert_eq!(e.time_text(), Some("2024-01-05 10:00:00"));
    }

    #[test]
    fn firewall_sides_follow_the_direction() {
        let cols = FirewallColumns::default();
        let mut e = Event::new();
        cols.parse_line("2024-01-05 10:00:00 DROP TCP 203.0.113.7 10.1.4.22 4444 3389 52 S 123 0 8192 - - - RECEIVE", &mut e).unwrap();
        let v: Vec<(Role, &str)> = e.items().iter().map(|o| (o.role, e.value(o))).collect();
        assert_eq!(
            v,
            vec![
                (Role::Destination, "203.0.113.7"),
                (Role::Source, "10.1.4.22")
            ]
        );
        assert!(cols
            .parse_line("2024-01-05 10:00:00", &mut Event::new())
            .is_err());
    }
}
