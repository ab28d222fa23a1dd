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
    let (digits, after) = rest.split_once('>')?;
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(after)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Mmm dd hh:mm:ss` (day padded with a space or a zero) at the start of `s`: the timestamp
/// and what follows it. Every one of its 15 bytes is checked, so the cut after them is at a
/// character boundary whatever the line holds.
pub fn bsd_time(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let digit = |i: usize| at(i).is_ascii_digit();
    let ok = MONTHS.iter().any(|m| s.starts_with(m))
        && at(3) == b' '
        && (at(4) == b' ' || digit(4))
        && digit(5)
        && at(6) == b' '
        && digit(7)
        && digit(8)
        && at(9) == b':'
        && digit(10)
        && digit(11)
        && at(12) == b':'
        && digit(13)
        && digit(14);
    if !ok {
        return None;
    }
    Some((s.get(..15)?, s.get(15..)?))
}

pub fn looks_like(line: &str) -> bool {
    match strip_pri(line) {
        Some(rest) => rest.starts_with("1 ") || bsd_time(rest).is_some(),
        None => bsd_time(line).is_some(),
    }
}

pub fn parse_line(line: &str, event: &mut Event) -> Result<(), BadSyslog> {
    let rest = strip_pri(line).unwrap_or(line);
    if let Some(v5424) = rest.strip_prefix("1 ") {
        return parse_5424(v5424, event);
    }
    let (time, after) = bsd_time(rest).ok_or(BadSyslog)?;
    event.set_time_text(time);
    // Skip the reporting host.
    let msg = after.trim_start().split_once(' ').map_or("", |(_, m)| m);
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

/// Reads `-` or `[id k="v" ...]...` and returns the message after it. Walks the bytes: every
/// cut is next to an ASCII delimiter, and a value is decoded from its bytes.
fn structured_data<'a>(tail: &'a str, event: &mut Event) -> Result<&'a str, BadSyslog> {
    if let Some(msg) = tail.strip_prefix('-') {
        return Ok(msg.trim_start());
    }
    let b = tail.as_bytes();
    if b.first() != Some(&b'[') {
        return Err(BadSyslog);
    }
    let find_from = |from: usize, what: &dyn Fn(u8) -> bool| -> Result<usize, BadSyslog> {
        b.get(from..)
            .and_then(|r| r.iter().position(|&c| what(c)))
            .map(|p| p + from)
            .ok_or(BadSyslog)
    };
    let mut i = 0;
    let mut value: Vec<u8> = Vec::new();
    while b.get(i) == Some(&b'[') {
        // Element id.
        i = find_from(i, &|c| c == b' ' || c == b']')?;
        loop {
            match b.get(i) {
                Some(b']') => {
                    i += 1;
                    break;
                }
                Some(b' ') => i += 1,
                Some(_) => {
                    let eq = find_from(i, &|c| c == b'=')?;
                    let name = tail.get(i..eq).ok_or(BadSyslog)?;
                    if b.get(eq + 1) != Some(&b'"') {
                        return Err(BadSyslog);
                    }
                    let mut j = eq + 2;
                    value.clear();
                    loop {
                        match b.get(j) {
                            None => return Err(BadSyslog),
                            Some(b'\\') => {
                                // The escaped byte is kept; the rest of a multi-byte
                                // character follows as ordinary bytes.
                                value.push(*b.get(j + 1).ok_or(BadSyslog)?);
                                j += 2;
                            }
                            Some(b'"') => break,
                            Some(&c) => {
                                value.push(c);
                                j += 1;
                            }
                        }
                    }
                    let v = String::from_utf8_lossy(&value);
                    let (kind, role) = classify(name, FieldKind::Sniff);
                    event.push_field(name, kind, role, &v);
                    i = j + 1;
                }
                None => return Err(BadSyslog),
            }
        }
    }
    Ok(tail.get(i..).ok_or(BadSyslog)?.trim_start())
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

    #[test]
    fn multibyte_and_invalid_bytes() {
        // Issue 16: a multi-byte character where the timestamp's last digit belongs (the
        // cut after 15 bytes fell inside it).
        assert!(parse_line("Jan  5 10:00:0\u{e9} host msg", &mut Event::new()).is_err());
        assert!(!looks_like("Jan  5 10:00:0\u{e9} host msg"));
        for bad in [
            "<1\u{e9}>Jan  5 10:00:00 h m",
            "\u{e9}an  5 10:00:00 h m",
            "<34>",
        ] {
            let _ = parse_line(bad, &mut Event::new());
        }
        let mut e = Event::new();
        parse_line(
            "Jan  5 10:00:00 h\u{f4}te app: caf\u{e9}://x \u{fffd} 203.0.113.9",
            &mut e,
        )
        .unwrap();
        assert_eq!(e.time_text(), Some("Jan  5 10:00:00"));
        let v: Vec<&str> = e.items().iter().map(|o| e.value(o)).collect();
        assert_eq!(v, vec!["203.0.113.9"]);
        // Structured data values with multi-byte characters, escaped or not, and a value
        // cut short inside an escape.
        let mut e = Event::new();
        parse_line(
            "<34>1 - h a p m [x note=\"caf\\\u{e9} \u{1f600}\" ip=\"203.0.113.9\"] ok",
            &mut e,
        )
        .unwrap();
        let v: Vec<&str> = e.items().iter().map(|o| e.value(o)).collect();
        assert_eq!(v, vec!["203.0.113.9"]);
        assert!(parse_line("<34>1 - h a p m [x a=\"\\", &mut Event::new()).is_err());
        assert!(parse_line("<34>1 - h a p m [\u{e9}\u{e9}", &mut Event::new()).is_err());
    }
}
