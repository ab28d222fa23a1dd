//! Syslog lines, RFC 3164 (`<PRI>Mmm dd hh:mm:ss host tag: message`, the priority often
//! left out in files) and RFC 5424 (`<PRI>1 time host app procid msgid [sd] message`). The
//! reporting host is the organization's own machine and is not looked up; structured data
//! parameters are checked by shape; the message is read as plain text.

use crate::event::Event;
use crate::fields::{classify, FieldKind};
use crate::readers::text;

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadSyslog;

fn strip_pri(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('<')?;
    let end = rest.find('>')?;
    if end == 0 || end > 3 || !rest[..end].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(&rest[end + 1..])
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn bsd_time(s: &str) -> bool {
    // `Mmm dd hh:mm:ss` (day padded with a space or a zero).
    let b = s.as_bytes();
    b.len() >= 15
        && MONTHS.iter().any(|m| s.starts_with(m))
        && b[3] == b' '
        && b[9] == b':'
        && b[12] == b':'
}

pub fn looks_like(line: &str) -> bool {
    match strip_pri(line) {
        Some(rest) => rest.starts_with("1 ") || bsd_time(rest),
        None => bsd_time(line),
    }
}

pub fn parse_line(line: &str, event: &mut Event) -> Result<(), BadSyslog> {
    let rest = strip_pri(line).unwrap_or(line);
    if let Some(v5424) = rest.strip_prefix("1 ") {
        return parse_5424(v5424, event);
    }
    if !bsd_time(rest) {
        return Err(BadSyslog);
    }
    event.set_time_text(&rest[..15]);
    let after = rest[15..].trim_start();
    // Skip the reporting host.
    let msg = after.split_once(' ').map_or("", |(_, m)| m);
    text::extract(msg, "message", event);
    Ok(())
}

fn parse_5424(rest: &str, event: &mut Event) -> Result<(), BadSyslog> {
    let mut parts = rest.splitn(5, ' ');
    let (Some(time), Some(_host), Some(_app), Some(_procid), Some(tail)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(BadSyslog);
    };
    if time != "-" {
        event.set_time_text(time);
    }
    let (_msgid, tail) = tail.split_once(' ').unwrap_or((tail, ""));
    let msg = structured_data(tail, event)?;
    text::extract(msg, "message", event);
    Ok(())
}

/// Reads `-` or `[id k="v" ...]...` and returns the message after it.
fn structured_data<'a>(tail: &'a str, event: &mut Event) -> Result<&'a str, BadSyslog> {
    if let Some(msg) = tail.strip_prefix('-') {
        return Ok(msg.trim_start());
    }
    let b = tail.as_bytes();
    if b.first() != Some(&b'[') {
        return Err(BadSyslog);
    }
    let mut i = 0;
    while b.get(i) == Some(&b'[') {
        // Element id.
        let id_end = tail[i..].find([' ', ']']).ok_or(BadSyslog)? + i;
        i = id_end;
        loop {
            match b.get(i) {
                Some(b']') => {
                    i += 1;
                    break;
                }
                Some(b' ') => i += 1,
                Some(_) => {
                    let eq = tail[i..].find('=').ok_or(BadSyslog)? + i;
                    let name = &tail[i..eq];
                    if b.get(eq + 1) != Some(&b'"') {
                        return Err(BadSyslog);
                    }
                    let mut j = eq + 2;
                    let mut value = String::new();
                    loop {
                        match b.get(j) {
                            None => return Err(BadSyslog),
                            Some(b'\\') => {
                                if let Some(c) = tail[j + 1..].chars().next() {
                                    value.push(c);
                                    j += 1 + c.len_utf8();
                                } else {
                                    return Err(BadSyslog);
                                }
                            }
                            Some(b'"') => break,
                            Some(_) => {
                                let c = tail[j..].chars().next().ok_or(BadSyslog)?;
                                value.push(c);
                                j += c.len_utf8();
                            }
                        }
                    }
                    let (kind, role) = classify(name, FieldKind::Sniff);
                    event.push_field(name, kind, role, &value);
                    i = j + 1;
                }
                None => return Err(BadSyslog),
            }
        }
    }
    Ok(tail[i..].trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    #[test]
    fn rfc5424_with_structured_data() {
        let mut e = Event::new();
        parse_line(
            r#"<34>1 2024-01-05T10:00:00Z fw01 filter 123 ID47 [meta src="10.0.0.5" dst="203.0.113.9" note="a \"q\""] blocked evil.example"#,
            &mut e,
        )
        .unwrap();
        let v: Vec<(Kind, &str)> = e.items().iter().map(|o| (o.kind, e.value(o))).collect();
        assert_eq!(
            v,
            vec![
                (Kind::Ipv4, "10.0.0.5"),
                (Kind::Ipv4, "203.0.113.9"),
                (Kind::Domain, "evil.example")
            ]
        );
        assert_eq!(e.time_text(), Some("2024-01-05T10:00:00Z"));
    }

    #[test]
    fn rfc3164_skips_the_reporting_host() {
        let mut e = Event::new();
        parse_line("Jan  5 10:00:00 mail.clinic.example postfix/smtp[1]: to=<x@evil.example> relay=203.0.113.9", &mut e).unwrap();
        let v: Vec<&str> = e.items().iter().map(|o| e.value(o)).collect();
        assert_eq!(v, vec!["x@evil.example", "evil.example", "203.0.113.9"]);
        for bad in [
            "<34>1 x",
            "<34>1 - - - - - [a b=c] x",
            "<34>1 - - - - - [a b=\"c] x",
            "<34>1 - - - - - x",
            "hello",
        ] {
            assert!(parse_line(bad, &mut Event::new()).is_err(), "{bad}");
        }
    }
}
