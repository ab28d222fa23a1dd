//! Addresses that must never reach a block list: private (RFC 1918, RFC 4193), loopback,
//! link-local, multicast, the unspecified and broadcast addresses, shared address space
//! (RFC 6598), benchmarking (RFC 2544) and the other IANA special-purpose blocks that are not
//! globally routable, and the documentation ranges (RFC 5737, RFC 3849), which route nowhere.
//! Blocking them breaks the organization's own network, or blocks nothing; a feed that lists
//! them is wrong about them.
//! They stay in the store as context (a scan may still report them) and are only kept out of
//! the blocking exports, counted.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ward_pattern::net::IpNet;

use crate::local::ScoredIndicator;
use crate::observable::Observable;

/// IPv4 blocks never blocked: (network, prefix length, what it is).
const V4: &[([u8; 4], u8, Reason)] = &[
    ([0, 0, 0, 0], 8, Reason::Reserved),            // "this network"
    ([10, 0, 0, 0], 8, Reason::Private),            // RFC 1918
    ([100, 64, 0, 0], 10, Reason::Private),         // shared address space (carrier-grade NAT)
    ([127, 0, 0, 0], 8, Reason::Loopback),          //
    ([169, 254, 0, 0], 16, Reason::LinkLocal),      //
    ([172, 16, 0, 0], 12, Reason::Private),         // RFC 1918
    ([192, 0, 0, 0], 24, Reason::Reserved),         // IETF protocol assignments
    ([192, 0, 2, 0], 24, Reason::Documentation),    // TEST-NET-1
    ([192, 88, 99, 0], 24, Reason::Reserved),       // deprecated 6to4 relay anycast
    ([192, 168, 0, 0], 16, Reason::Private),        // RFC 1918
    ([198, 18, 0, 0], 15, Reason::Reserved),        // benchmarking
    ([198, 51, 100, 0], 24, Reason::Documentation), // TEST-NET-2
    ([203, 0, 113, 0], 24, Reason::Documentation),  // TEST-NET-3
    ([224, 0, 0, 0], 4, Reason::Multicast),         //
    ([240, 0, 0, 0], 4, Reason::Reserved),          // reserved, and the broadcast address
];

/// Why an address must never be blocked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// RFC 1918, RFC 4193 and the shared address space: the inside of a network.
    Private,
    Loopback,
    LinkLocal,
    Multicast,
    /// RFC 5737 and RFC 3849: addresses for examples, routed nowhere.
    Documentation,
    /// The other IANA special-purpose blocks.
    Reserved,
}

impl Reason {
    /// The word in "3 private addresses".
    pub fn word(self) -> &'static str {
        match self {
            Reason::Private => "private",
            Reason::Loopback => "loopback",
            Reason::LinkLocal => "link-local",
            Reason::Multicast => "multicast",
            Reason::Documentation => "documentation",
            Reason::Reserved => "reserved",
        }
    }
}

fn v4_in(addr: Ipv4Addr, network: [u8; 4], prefix: u8) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    };
    u32::from(addr) & mask == u32::from(Ipv4Addr::from(network)) & mask
}

/// Why the IPv4 address must never be blocked, if it must not.
pub fn v4_reason(addr: Ipv4Addr) -> Option<Reason> {
    V4.iter()
        .find(|(n, p, _)| v4_in(addr, *n, *p))
        .map(|(_, _, r)| *r)
}

/// The IPv4 address is in a block that must never be blocked.
pub fn v4(addr: Ipv4Addr) -> bool {
    v4_reason(addr).is_some()
}

/// The IPv4 block overlaps a block that must never be blocked (a /8 that holds 10.0.0.0/8,
/// or a /28 inside it).
pub fn v4_net(network: Ipv4Addr, prefix: u8) -> bool {
    v4_net_reason(network, prefix).is_some()
}

fn v4_net_reason(network: Ipv4Addr, prefix: u8) -> Option<Reason> {
    V4.iter()
        .find(|(n, p, _)| v4_in(network, *n, (*p).min(prefix)))
        .map(|(_, _, r)| *r)
}

/// Why the IPv6 address must never be blocked, if it must not.
pub fn v6_reason(addr: Ipv6Addr) -> Option<Reason> {
    if let Some(v4addr) = addr.to_ipv4_mapped() {
        return v4_reason(v4addr);
    }
    let s = addr.segments();
    if addr.is_loopback() {
        Some(Reason::Loopback)
    } else if addr.is_multicast() {
        Some(Reason::Multicast)
    } else if (s[0] & 0xfe00) == 0xfc00 {
        Some(Reason::Private) // unique local
    } else if (s[0] & 0xffc0) == 0xfe80 {
        Some(Reason::LinkLocal)
    } else if s[0] == 0x2001 && s[1] == 0x0db8 {
        Some(Reason::Documentation)
    } else if addr.is_unspecified() || (s[0] == 0x0100 && s[1] == 0 && s[2] == 0 && s[3] == 0) {
        Some(Reason::Reserved) // unspecified, discard-only
    } else {
        None
    }
}

/// The IPv6 address is in a block that must never be blocked.
pub fn v6(addr: Ipv6Addr) -> bool {
    v6_reason(addr).is_some()
}

/// The IPv6 block overlaps one that must never be blocked.
pub fn v6_net(network: Ipv6Addr, prefix: u8) -> bool {
    // A block this wide holds some special range; a narrower one is judged by its network.
    prefix < 8 || v6(network)
}

/// Why the observable (an address or block) must never reach a block list, if it must not.
pub fn reason(o: &Observable) -> Option<Reason> {
    match o {
        Observable::Ipv4(a) => v4_reason(*a),
        Observable::Ipv4Net { network, prefix } => v4_net_reason(*network, *prefix),
        Observable::Ipv6(a) => v6_reason(*a),
        Observable::Ipv6Net { network, prefix } if *prefix < 8 => Some(Reason::Reserved),
        Observable::Ipv6Net { network, .. } => v6_reason(*network),
        _ => None,
    }
}

/// The observable is an address or block that must never reach a block list.
pub fn observable(o: &Observable) -> bool {
    reason(o).is_some()
}

/// The address is on the inside of a network (private, shared, loopback or link-local), so a
/// device at it is one of the organization's own whatever its ranges.
pub fn inside(addr: IpAddr) -> bool {
    let reason = match addr {
        IpAddr::V4(a) => v4_reason(a),
        IpAddr::V6(a) => v6_reason(a),
    };
    matches!(
        reason,
        Some(Reason::Private | Reason::Loopback | Reason::LinkLocal)
    )
}

/// The organization's own address ranges (from its profile): with the inside ranges every
/// network has, they decide which end of a connection is one of its devices.
#[derive(Clone, Debug, Default)]
pub struct OwnNetworks(Vec<IpNet>);

impl OwnNetworks {
    /// The ranges among `entries` (CIDR blocks or addresses; anything else is skipped: the
    /// profile checks its entries when it is saved).
    pub fn new(entries: &[String]) -> OwnNetworks {
        OwnNetworks(
            entries
                .iter()
                .filter_map(|e| IpNet::parse(e.trim()))
                .collect(),
        )
    }

    /// `host` (an address or a host name from a log) is one of the organization's devices:
    /// a name always is (logs name their own machines), an address when it is on the inside
    /// of a network or in one of the organization's ranges. A public address outside them
    /// is someone else's machine.
    pub fn ours(&self, host: &str) -> bool {
        let host = host.trim();
        // `[v6]:port`, `[v6]`, `v4:port` name the address alone.
        let addr = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or(rest),
            None => match host.split_once(':') {
                Some((a, port)) if !port.contains(':') => a,
                _ => host,
            },
        };
        match addr.parse::<IpAddr>() {
            Ok(ip) => inside(ip) || self.0.iter().any(|n| n.contains_text(addr)),
            Err(_) => true,
        }
    }
}

/// The origin that the organization's own domains and networks carry in the allow-list
/// (from the organization profile, `ward init`).
pub const OWN_ORIGIN: &str = "your organization";

/// What an import or pull brought that is kept out of every block list: special addresses by
/// reason, and the organization's own domains and addresses (allow-listed with
/// [`OWN_ORIGIN`]). Each indicator counts once, for its first such value.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct KeptOut {
    /// Special addresses, by [`Reason::word`].
    pub special: BTreeMap<&'static str, usize>,
    /// Indicators naming the organization's own domains or addresses.
    pub own: usize,
}

impl KeptOut {
    /// Tallies scored indicators.
    pub fn of(indicators: &[ScoredIndicator]) -> KeptOut {
        let mut kept = KeptOut::default();
        for ind in indicators {
            if ind.allow_listed.as_deref() == Some(OWN_ORIGIN) {
                kept.own += 1;
            } else if let Some(r) = ind.observables.iter().find_map(reason) {
                *kept.special.entry(r.word()).or_insert(0) += 1;
            }
        }
        kept
    }

    /// Adds another tally (one page of a pull to the pull's).
    pub fn add(&mut self, other: &KeptOut) {
        for (word, n) in &other.special {
            *self.special.entry(word).or_insert(0) += n;
        }
        self.own += other.own;
    }

    pub fn is_empty(&self) -> bool {
        self.own == 0 && self.special.is_empty()
    }

    /// One sentence per kind: "3 private addresses kept out of block lists (kept as context)".
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .special
            .iter()
            .map(|(word, n)| {
                let noun = if *n == 1 { "address" } else { "addresses" };
                format!("{n} {word} {noun} kept out of block lists (kept as context)")
            })
            .collect();
        if self.own > 0 {
            let noun = if self.own == 1 {
                "indicator names"
            } else {
                "indicators name"
            };
            out.push(format!(
                "{} {noun} your organization's own domains or networks: kept out of block lists (kept as context)",
                self.own
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_addresses_are_never_blocked_and_public_ones_are() {
        for a in [
            "10.1.2.3",
            "172.20.0.9",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.10.10",
            "100.64.1.1",
            "224.0.0.251",
            "255.255.255.255",
            "0.0.0.0",
        ] {
            assert!(v4(a.parse().unwrap()), "{a}");
        }
        for a in [
            "8.8.4.4",
            "185.220.101.5",
            "172.32.0.1",
            "192.169.0.1",
            "100.128.0.1",
        ] {
            assert!(!v4(a.parse().unwrap()), "{a}");
        }
        for a in ["192.0.2.7", "198.51.100.200", "203.0.113.9"] {
            assert_eq!(
                v4_reason(a.parse().unwrap()),
                Some(Reason::Documentation),
                "{a}"
            );
        }
        assert_eq!(
            v6_reason("2001:db8::5".parse().unwrap()),
            Some(Reason::Documentation)
        );
        assert!(inside("10.2.3.4".parse().unwrap()));
        assert!(
            !inside("203.0.113.9".parse().unwrap()),
            "documentation is not inside"
        );
        assert!(!inside("8.8.8.8".parse().unwrap()));
        let own = OwnNetworks::new(&["198.51.100.16/28".into(), "bad".into()]);
        assert!(own.ours("10.1.4.22") && own.ours("ws-radiology-17") && own.ours("fe80::1"));
        assert!(own.ours("198.51.100.20"));
        assert!(!own.ours("198.51.100.40") && !own.ours("8.8.8.8"));
        assert!(own.ours("198.51.100.20:443") && !own.ours("8.8.8.8:53"));
        let own6 = OwnNetworks::new(&["2001:db8:c11::/48".into()]);
        assert!(own6.ours("[2001:db8:c11::22]:443") && own6.ours("2001:db8:c11::22"));
        assert!(!own6.ours("[2001:db8:bad::1]"));
        for a in ["::1", "fe80::1", "fd00::5", "ff02::1", "::ffff:10.0.0.1"] {
            assert!(v6(a.parse().unwrap()), "{a}");
        }
        assert!(!v6("2606:4700::1111".parse().unwrap()));
    }

    #[test]
    fn blocks_that_overlap_a_special_range_are_never_blocked() {
        assert!(v4_net("10.0.0.0".parse().unwrap(), 8));
        assert!(v4_net("10.20.0.0".parse().unwrap(), 16));
        assert!(v4_net("0.0.0.0".parse().unwrap(), 0), "the whole internet");
        assert!(v4_net("192.0.0.0".parse().unwrap(), 8), "holds 192.168/16");
        assert!(!v4_net("185.220.100.0".parse().unwrap(), 22));
        assert!(v6_net("::".parse().unwrap(), 0));
        assert!(!v6_net("2a0e:1c80::".parse().unwrap(), 32));
    }
}
