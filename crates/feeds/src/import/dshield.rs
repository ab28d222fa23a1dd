//! DShield's recommended block list (`https://feeds.dshield.org/block.txt`): the top
//! attacking /24 networks of the last three days, one a line, tab-separated as
//! `Start End Netblock Attacks Name Country email` (start and end address of the block, its
//! prefix length, how many targets it scanned, the network's name, country and abuse
//! contact), after `#` comment lines and a header row. Each row becomes one CIDR block; a
//! row whose start, end and prefix length disagree is reported, not guessed at.

use std::net::Ipv4Addr;

use ward_stix::Tlp;

use super::Sink;
use crate::indicator::{Entry, Source};
use crate::observable::Observable;

/// The block list names attackers seen by many sensors, but a /24 also holds neighbours.
const CONFIDENCE: u8 = 70;

fn source() -> Source {
    Source::new("dshield", Some("https://feeds.dshield.org/block.txt"))
}

/// True when `lower` (the lower-cased head of a file) is DShield's block list: its header
/// row, or its title with tab-separated rows.
pub(super) fn looks_like(lower: &str) -> bool {
    lower.lines().any(|l| {
        let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
        cols.get(..3) == Some(&["start", "end", "netblock"][..])
    }) || (lower.contains("dshield") && lower.contains("block list") && lower.contains('\t'))
}

/// An IPv4 address as DShield writes it (zero-padded octets such as `061.177.172.000`
/// are accepted).
fn address(text: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = text.trim().split('.');
    for o in &mut octets {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *o = p.parse().ok()?;
    }
    parts.next().is_none().then(|| Ipv4Addr::from(octets))
}

/// The block `start`..=`end` as a network and prefix, when it is exactly the `/prefix`
/// block that starts at `start`.
fn block(start: &str, end: &str, prefix: &str) -> Result<Observable, String> {
    let s = address(start).ok_or_else(|| format!("start {start:?}: expected an IPv4 address"))?;
    let e = address(end).ok_or_else(|| format!("end {end:?}: expected an IPv4 address"))?;
    let p: u8 = prefix
        .trim()
        .parse()
        .ok()
        .filter(|p| *p <= 32)
        .ok_or_else(|| format!("netblock {prefix:?}: expected a prefix length 0-32"))?;
    let host_bits = u32::MAX.checked_shr(u32::from(p)).unwrap_or(0);
    let (start_n, end_n) = (u32::from(s), u32::from(e));
    if start_n & host_bits != 0 || end_n != start_n | host_bits {
        return Err(format!(
            "{s}-{e} is not the /{p} block that starts at {s} (expected {s}-{})",
            Ipv4Addr::from(start_n | host_bits)
        ));
    }
    Ok(if p == 32 {
        Observable::Ipv4(s)
    } else {
        Observable::Ipv4Net {
            network: s,
            prefix: p,
        }
    })
}

pub(super) fn read(text: &str, sink: &mut Sink<'_>) {
    let source = source();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let col = |n: usize| cols.get(n).copied().unwrap_or("");
        if col(0).eq_ignore_ascii_case("start") {
            continue;
        }
        if cols.len() < 3 {
            sink.problem(
                i + 1,
                format!(
                    "expected tab-separated Start, End and Netblock, found {} field(s)",
                    cols.len()
                ),
            );
            continue;
        }
        let o = match block(col(0), col(1), col(2)) {
            Ok(o) => o,
            Err(m) => {
                sink.problem(i + 1, m);
                continue;
            }
        };
        let mut e = Entry::new(o, &source, CONFIDENCE);
        e.tlp = Some(Tlp::Clear);
        e.indicator_types = vec!["malicious-activity".into()];
        let mut description = "DShield: a top attacking network of the last three days".to_string();
        if let Ok(n) = col(3).parse::<u64>() {
            description.push_str(&format!(", {n} targets scanned"));
        }
        let who: Vec<&str> = [col(4), col(5)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !who.is_empty() {
            description.push_str(&format!(" ({})", who.join(", ")));
        }
        e.description = Some(description);
        sink.entry(&e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_must_agree_with_their_prefix() {
        assert_eq!(
            block("192.0.2.0", "192.0.2.255", "24"),
            Ok(Observable::Ipv4Net {
                network: Ipv4Addr::new(192, 0, 2, 0),
                prefix: 24
            })
        );
        assert_eq!(
            block("061.177.172.000", "061.177.172.255", "24"),
            Ok(Observable::Ipv4Net {
                network: Ipv4Addr::new(61, 177, 172, 0),
                prefix: 24
            })
        );
        assert_eq!(
            block("192.0.2.7", "192.0.2.7", "32"),
            Ok(Observable::Ipv4(Ipv4Addr::new(192, 0, 2, 7)))
        );
        assert_eq!(
            block("0.0.0.0", "255.255.255.255", "0"),
            Ok(Observable::Ipv4Net {
                network: Ipv4Addr::new(0, 0, 0, 0),
                prefix: 0
            })
        );
        for (s, e, p) in [
            ("192.0.2.0", "192.0.2.127", "24"),
            ("192.0.2.1", "192.0.2.255", "24"),
            ("192.0.2.0", "192.0.2.255", "33"),
            ("192.0.2.0", "192.0.2.255", "x"),
            ("192.0.2", "192.0.2.255", "24"),
            ("192.0.2.0.1", "192.0.2.255", "24"),
            ("1\u{e9}.0.2.0", "192.0.2.255", "24"),
        ] {
            assert!(block(s, e, p).is_err(), "{s} {e} {p}");
        }
    }
}
