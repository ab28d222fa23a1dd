//! Squid's native access log: `time elapsed client action/code size method URL ident
//! hierarchy/peer type`, space separated.

use crate::event::Event;
use crate::fields::{FieldKind, Role};

pub fn looks_like(line: &str) -> bool {
    let f: Vec<&str> = line.split_whitespace().collect();
    let field = |i: usize| f.get(i).copied().unwrap_or("");
    f.len() >= 10
        && field(0).split_once('.').is_some_and(|(s, ms)| {
            !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit())
                && ms.bytes().all(|b| b.is_ascii_digit())
        })
        && field(3).contains('/')
        && field(8).contains('/')
}

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadSquid;

pub fn parse_line(line: &str, event: &mut Event) -> Result<(), BadSquid> {
    let mut f = line.split_whitespace();
    let (
        Some(time),
        Some(_elapsed),
        Some(client),
        Some(_code),
        Some(_size),
        Some(method),
        Some(url),
    ) = (
        f.next(),
        f.next(),
        f.next(),
        f.next(),
        f.next(),
        f.next(),
        f.next(),
    )
    else {
        return Err(BadSquid);
    };
    let _ident = f.next();
    let peer = f.next();
    event.push_field("time", FieldKind::Time, Role::Other, time);
    event.push_field("client", FieldKind::Ip, Role::Source, client);
    if method.eq_ignore_ascii_case("CONNECT") || !url.contains("://") {
        // CONNECT host:443: a host, not a URL.
        event.push_field("url", FieldKind::Host, Role::Destination, url);
    } else {
        event.push_field("url", FieldKind::Url, Role::Destination, url);
    }
    if let Some((_, server)) = peer.and_then(|p| p.split_once('/')) {
        if server != "-" {
            event.push_field("peer", FieldKind::Host, Role::Destination, server);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multibyte_fields() {
        let line = "1704448800.123 120 10.0.0.5 TCP_MISS/200 512 GET http://\u{e9}vil.example/caf\u{e9} - HIER_DIRECT/203.0.113.9 text/html";
        assert!(looks_like(line));
        let mut e = Event::new();
        parse_line(line, &mut e).unwrap();
        let v: Vec<&str> = e.items().iter().map(|o| e.value(o)).collect();
        assert!(
            v.contains(&"10.0.0.5") && v.contains(&"203.0.113.9"),
            "{v:?}"
        );
        assert!(!looks_like("\u{e9} \u{e9} \u{e9}"));
        assert!(parse_line("\u{e9} \u{fffd}", &mut Event::new()).is_err());
    }
}
