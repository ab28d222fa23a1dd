//! Addresses that must never reach a block list: private (RFC 1918, RFC 4193), loopback,
//! link-local, multicast, the unspecified and broadcast addresses, shared address space
//! (RFC 6598), benchmarking (RFC 2544) and the other IANA special-purpose blocks that are not
//! globally routable. The documentation ranges (RFC 5737, RFC 3849) are not refused yet: the
//! test intel throughout ward uses them as its attacker addresses, and they route nowhere. Blocking them breaks the
//! organization's own network, or blocks nothing; a feed that lists them is wrong about them.
//! They stay in the store as context (a scan may still report them) and are only kept out of
//! the blocking exports, counted.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::observable::Observable;

/// IPv4 blocks never blocked, as (network, prefix length).
const V4: &[([u8; 4], u8)] = &[
    ([0, 0, 0, 0], 8),      // "this network"
    ([10, 0, 0, 0], 8),     // private
    ([100, 64, 0, 0], 10),  // shared address space (carrier-grade NAT)
    ([127, 0, 0, 0], 8),    // loopback
    ([169, 254, 0, 0], 16), // link-local
    ([172, 16, 0, 0], 12),  // private
    ([192, 0, 0, 0], 24),   // IETF protocol assignments
    ([192, 88, 99, 0], 24), // deprecated 6to4 relay anycast
    ([192, 168, 0, 0], 16), // private
    ([198, 18, 0, 0], 15),  // benchmarking
    ([224, 0, 0, 0], 4),    // multicast
    ([240, 0, 0, 0], 4),    // reserved, and the broadcast address
];

fn v4_in(addr: Ipv4Addr, network: [u8; 4], prefix: u8) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    };
    u32::from(addr) & mask == u32::from(Ipv4Addr::from(network)) & mask
}

/// The IPv4 address is in a block that must never be blocked.
pub fn v4(addr: Ipv4Addr) -> bool {
    V4.iter().any(|(n, p)| v4_in(addr, *n, *p))
}

/// The IPv4 block overlaps a block that must never be blocked (a /8 that holds 10.0.0.0/8,
/// or a /28 inside it).
pub fn v4_net(network: Ipv4Addr, prefix: u8) -> bool {
    V4.iter().any(|(n, p)| v4_in(network, *n, (*p).min(prefix)))
}

/// The IPv6 address is in a block that must never be blocked.
pub fn v6(addr: Ipv6Addr) -> bool {
    if let Some(v4addr) = addr.to_ipv4_mapped() {
        return v4(v4addr);
    }
    let s = addr.segments();
    addr.is_unspecified()
        || addr.is_loopback()
        || addr.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] == 0x0100 && s[1] == 0 && s[2] == 0 && s[3] == 0) // discard-only
}

/// The IPv6 block overlaps one that must never be blocked.
pub fn v6_net(network: Ipv6Addr, prefix: u8) -> bool {
    // A block this wide holds some special range; a narrower one is judged by its network.
    prefix < 8 || v6(network)
}

/// The observable is an address or block that must never reach a block list.
pub fn observable(o: &Observable) -> bool {
    match o {
        Observable::Ipv4(a) => v4(*a),
        Observable::Ipv4Net { network, prefix } => v4_net(*network, *prefix),
        Observable::Ipv6(a) => v6(*a),
        Observable::Ipv6Net { network, prefix } => v6_net(*network, *prefix),
        _ => false,
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
