//! IP addresses and CIDR blocks as the ISSUBSET/ISSUPERSET operators see them (STIX 2.1
//! §9.7): an address is the block of one (`/32` or `/128`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An IPv4 or IPv6 block, its address masked to the prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpNet {
    pub addr: IpAddr,
    pub prefix: u8,
}

fn mask_v4(addr: Ipv4Addr, prefix: u8) -> Ipv4Addr {
    let bits = u32::from(addr);
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    };
    Ipv4Addr::from(bits & mask)
}

fn mask_v6(addr: Ipv6Addr, prefix: u8) -> Ipv6Addr {
    let bits = u128::from(addr);
    let mask = if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - u32::from(prefix))
    };
    Ipv6Addr::from(bits & mask)
}

impl IpNet {
    /// Parses `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `v6/n`. Only the dotted-quad
    /// form of IPv4 is accepted (not the `inet_aton` shorthands such as `10.1`).
    pub fn parse(text: &str) -> Option<IpNet> {
        let (addr_text, prefix_text) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr_text.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix_text {
            None => max,
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok().filter(|&n| n <= max)?
            }
            Some(_) => return None,
        };
        let addr = match addr {
            IpAddr::V4(a) => IpAddr::V4(mask_v4(a, prefix)),
            IpAddr::V6(a) => IpAddr::V6(mask_v6(a, prefix)),
        };
        Some(IpNet { addr, prefix })
    }

    /// True when every address of `inner` is in `self` (same family only).
    pub fn contains(&self, inner: &IpNet) -> bool {
        if inner.prefix < self.prefix {
            return false;
        }
        match (self.addr, inner.addr) {
            (IpAddr::V4(outer), IpAddr::V4(a)) => mask_v4(a, self.prefix) == outer,
            (IpAddr::V6(outer), IpAddr::V6(a)) => mask_v6(a, self.prefix) == outer,
            _ => false,
        }
    }

    /// True for a single address (`/32` or `/128`).
    pub fn is_host(&self) -> bool {
        self.prefix == if self.addr.is_ipv4() { 32 } else { 128 }
    }
}

#[cfg(test)]
mod tests {
    use super::IpNet;

    fn net(s: &str) -> IpNet {
        IpNet::parse(s).unwrap()
    }

    #[test]
    fn containment() {
        assert!(net("198.51.100.0/24").contains(&net("198.51.100.7")));
        assert!(net("198.51.100.0/24").contains(&net("198.51.100.128/25")));
        assert!(!net("198.51.100.128/25").contains(&net("198.51.100.0/24")));
        assert!(net("0.0.0.0/0").contains(&net("8.8.8.8")));
        assert!(net("2001:db8::/32").contains(&net("2001:db8:1::1")));
        assert!(!net("2001:db8::/32").contains(&net("198.51.100.1")));
        assert!(net("198.51.100.9/24").contains(&net("198.51.100.1")));
    }

    #[test]
    fn rejects_non_addresses() {
        for s in [
            "",
            "10.1",
            "1.2.3.4/",
            "1.2.3.4/33",
            "::/129",
            "1.2.3.4/+8",
            "x",
        ] {
            assert!(IpNet::parse(s).is_none(), "{s}");
        }
    }
}
