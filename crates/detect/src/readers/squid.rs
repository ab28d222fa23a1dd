//! Squid's native access log: `time elapsed client action/code size method URL ident
//! hierarchy/peer type`, space separated.

use crate::event::Event;
use crate::fields::{FieldKind, Role};

pub fn looks_like(line: &str) -> bool {
    let f: Vec<&str> = line.split_whitespace().collect();
    f.len() >= 10
        && f[0].split_once('.').is_some_and(|(s, ms)| {
            !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit())
                && ms.bytes().all(|b| b.is_ascii_digit())
        })
        && f[3].contains('/')
        && f[8].contains('/')
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
