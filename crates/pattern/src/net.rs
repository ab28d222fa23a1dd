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

/// The plain dotted quad with an optional prefix (`198.51.100.7`, `10.0.0.0/8`: decimal
/// octets without leading zeros), read in one pass: the form of nearly every address in
/// logs and bundles. `None` for anything else, which `IpNet::parse` then hands to the
/// general parser; on the strings it accepts, this reads what the general path reads.
fn plain_ipv4(text: &str) -> Option<(Ipv4Addr, Option<u8>)> {
    let bytes = text.as_bytes();
    let (mut addr, mut octet, mut digits, mut dots) = (0u32, 0u32, 0u32, 0u32);
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            // A fourth digit, or a digit after a leading zero, is not plain.
            b'0'..=b'9' if digits < 3 && !(digits == 1 && octet == 0) => {
                octet = octet * 10 + u32::from(b - b'0');
                digits += 1;
            }
            b'.' if digits > 0 && octet <= 255 && dots < 3 => {
                addr = addr << 8 | octet;
                (octet, digits, dots) = (0, 0, dots + 1);
            }
            b'/' => {
                end = i;
                break;
            }
            _ => return None,
        }
    }
    if digits == 0 || octet > 255 || dots != 3 {
        return None;
    }
    let addr = Ipv4Addr::from(addr << 8 | octet);
    let prefix = match &bytes[end..] {
        [] => None,
        [b'/', d] if d.is_ascii_digit() => Some(d - b'0'),
        [b'/', d1, d2] if d1.is_ascii_digit() && d2.is_ascii_digit() => {
            Some((d1 - b'0') * 10 + (d2 - b'0'))
        }
        _ => return None,
    };
    Some((addr, prefix))
}

/// True when the text starts with plain octets (no leading zero, at most 255), each
/// followed by '.', and one of them differs from `fixed` at its place. False when that
/// cannot be told from the start of the text.
fn leading_octets_differ(bytes: &[u8], fixed: &[u8]) -> bool {
    let mut i = 0;
    for &want in fixed {
        let digits = bytes[i..]
            .iter()
            .take(4)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 3 || bytes.get(i + digits) != Some(&b'.') {
            return false;
        }
        if digits > 1 && bytes[i] == b'0' {
            return false;
        }
        let n = bytes[i..i + digits]
            .iter()
            .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
        if n > 255 {
            return false;
        }
        if n != u32::from(want) {
            return true;
        }
        i += digits + 1;
    }
    false
}

impl IpNet {
    /// Parses `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `v6/n`. Only the dotted-quad
    /// form of IPv4 is accepted (not the `inet_aton` shorthands such as `10.1`).
    pub fn parse(text: &str) -> Option<IpNet> {
        if let Some((addr, prefix)) = plain_ipv4(text) {
            let prefix = prefix.unwrap_or(32);
            if prefix > 32 {
                return None;
            }
            return Some(IpNet {
                addr: IpAddr::V4(mask_v4(addr, prefix)),
                prefix,
            });
        }
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

    /// `IpNet::parse(text)` is a block inside `self`: what ISSUBSET asks of every address
    /// a log or bundle holds. Most candidates differ from `self` in their first octet, and
    /// are turned away on it before being read in full.
    pub fn contains_text(&self, text: &str) -> bool {
        if let IpAddr::V4(outer) = self.addr {
            // Plain octets each followed by '.' are what any reading of the text as an
            // address starts with (no IPv6 form begins that way), so when the block fixes
            // one of them and it differs, no reading is inside the block.
            let fixed = usize::from(self.prefix / 8).min(3);
            if leading_octets_differ(text.as_bytes(), &outer.octets()[..fixed]) {
                return false;
            }
        }
        IpNet::parse(text).is_some_and(|inner| self.contains(&inner))
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

    /// The general path alone, as `IpNet::parse` was before the fast path.
    fn general(text: &str) -> Option<IpNet> {
        let (addr_text, prefix_text) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: std::net::IpAddr = addr_text.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix_text {
            None => max,
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok().filter(|&n| n <= max)?
            }
            Some(_) => return None,
        };
        let addr = match addr {
            std::net::IpAddr::V4(a) => std::net::IpAddr::V4(super::mask_v4(a, prefix)),
            std::net::IpAddr::V6(a) => std::net::IpAddr::V6(super::mask_v6(a, prefix)),
        };
        Some(IpNet { addr, prefix })
    }

    #[test]
    fn plain_quads_read_as_the_general_parser_reads_them() {
        for s in [
            "0.0.0.0",
            "255.255.255.255",
            "10.0.200.7",
            "10.0.200.7/24",
            "10.0.200.7/0",
            "10.0.200.7/32",
            "10.0.200.7/33",
            "10.0.200.7/",
            "10.0.200.7/032",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "1.2.3.4 ",
            "+1.2.3.4",
            "1.2.3.0x1",
            "1.2.3.1000",
            "١.2.3.4",
        ] {
            assert_eq!(IpNet::parse(s), general(s), "{s}");
        }
    }

    #[test]
    fn containment_of_text_is_containment_of_what_it_reads_as() {
        let blocks = [
            "10.1.2.0/24",
            "10.0.0.0/8",
            "0.0.0.0/0",
            "10.1.2.3",
            "2001:db8::/32",
        ];
        let texts = [
            "10.1.2.9",
            "10.1.3.9",
            "11.1.2.9",
            "010.1.2.9",
            "10.1.2.0/25",
            "10.1.2.0/23",
            "1.2.3.4",
            "255.1.2.3",
            "256.1.2.3",
            "::ffff:10.1.2.9",
            "2001:db8::1",
            "10.",
            "",
            "x",
        ];
        for b in blocks {
            let block = net(b);
            for t in texts {
                let slow = IpNet::parse(t).is_some_and(|inner| block.contains(&inner));
                assert_eq!(block.contains_text(t), slow, "{b} {t}");
            }
        }
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

    proptest::proptest! {
        #[test]
        fn plain_quads_agree_with_the_general_parser(s in "[0-9./]{0,20}") {
            proptest::prop_assert_eq!(IpNet::parse(&s), general(&s));
        }

        #[test]
        fn containment_of_text_agrees_with_parsing_first(
            head in proptest::sample::select(vec!["", "10.", "10.1.", "10.1.2.", "10.01.", "10.1.02."]),
            s in "[0-9./:a-f]{0,14}",
            p in 0u8..=32,
        ) {
            let s = format!("{head}{s}");
            let block = IpNet::parse(&format!("10.1.2.0/{p}")).unwrap();
            let slow = IpNet::parse(&s).is_some_and(|inner| block.contains(&inner));
            proptest::prop_assert_eq!(block.contains_text(&s), slow);
        }
    }
}
