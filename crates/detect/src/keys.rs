//! The one normalization of every indicator value and every observed value, so that both
//! sides of a lookup compare as bytes: addresses parsed, host names lower-cased without a
//! trailing dot, URLs in a canonical form, hashes in binary with their algorithm.

use std::net::{Ipv4Addr, Ipv6Addr};

use memchr::{memchr, memchr_iter, memrchr};

/// A hash algorithm the index knows by name. The tag is stored in front of the binary
/// value, so an MD5 never meets a SHA-256 and SHA-256 never meets SHA3-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HashAlgo {
    Md5,
    Sha1,
    Sha256,
    Sha512,
    Sha3_256,
    Sha3_512,
    /// Fuzzy and other algorithms, compared as written.
    Other,
}

impl HashAlgo {
    /// The algorithm of a STIX hash name (`SHA-256`, `sha256`, `SHA256`).
    pub fn from_name(name: &str) -> HashAlgo {
        let norm: String = name
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        match norm.as_str() {
            "MD5" => HashAlgo::Md5,
            "SHA1" => HashAlgo::Sha1,
            "SHA256" => HashAlgo::Sha256,
            "SHA512" => HashAlgo::Sha512,
            "SHA3256" => HashAlgo::Sha3_256,
            "SHA3512" => HashAlgo::Sha3_512,
            _ => HashAlgo::Other,
        }
    }

    /// The usual algorithm of a bare hexadecimal digest of this many digits (plain text,
    /// CEF `fileHash`): 32 MD5, 40 SHA-1, 64 SHA-256, 128 SHA-512.
    pub fn from_hex_len(len: usize) -> Option<HashAlgo> {
        match len {
            32 => Some(HashAlgo::Md5),
            40 => Some(HashAlgo::Sha1),
            64 => Some(HashAlgo::Sha256),
            128 => Some(HashAlgo::Sha512),
            _ => None,
        }
    }

    /// The STIX vocabulary spelling.
    pub fn stix_name(self) -> &'static str {
        match self {
            HashAlgo::Md5 => "MD5",
            HashAlgo::Sha1 => "SHA-1",
            HashAlgo::Sha256 => "SHA-256",
            HashAlgo::Sha512 => "SHA-512",
            HashAlgo::Sha3_256 => "SHA3-256",
            HashAlgo::Sha3_512 => "SHA3-512",
            HashAlgo::Other => "other",
        }
    }

    fn tag(self) -> u8 {
        self as u8
    }

    fn hex_len(self) -> Option<usize> {
        match self {
            HashAlgo::Md5 => Some(32),
            HashAlgo::Sha1 => Some(40),
            HashAlgo::Sha256 | HashAlgo::Sha3_256 => Some(64),
            HashAlgo::Sha512 | HashAlgo::Sha3_512 => Some(128),
            HashAlgo::Other => None,
        }
    }
}

/// Parses a strict dotted quad (`a.b.c.d`, each 0-255, no leading zeros, no sign), the form
/// logs write. Anything else, including `1.2.3.4.5` or `01.2.3.4`, is not an address.
pub fn parse_ipv4(text: &[u8]) -> Option<u32> {
    if text.len() < 7 || text.len() > 15 {
        return None;
    }
    let mut value: u32 = 0;
    let mut parts = 0;
    let mut octet: u32 = 0;
    let mut digits = 0;
    for &b in text {
        if b == b'.' {
            if digits == 0 || parts == 3 {
                return None;
            }
            value = (value << 8) | octet;
            parts += 1;
            octet = 0;
            digits = 0;
        } else if b.is_ascii_digit() {
            if digits > 0 && octet == 0 {
                return None; // leading zero
            }
            octet = octet * 10 + u32::from(b - b'0');
            digits += 1;
            if octet > 255 {
                return None;
            }
        } else {
            return None;
        }
    }
    if digits == 0 || parts != 3 {
        return None;
    }
    Some((value << 8) | octet)
}

/// Parses an IPv6 address (brackets and a zone index tolerated, as logs write them).
pub fn parse_ipv6(text: &str) -> Option<u128> {
    // Most values that reach here are host names: reject them before the slicing below.
    if !text.as_bytes().contains(&b':') {
        return None;
    }
    let t = text.strip_prefix('[').unwrap_or(text);
    let t = t.strip_suffix(']').unwrap_or(t);
    let t = t.split('%').next().unwrap_or(t);
    if !t.contains(':') || t.len() > 45 {
        return None;
    }
    t.parse::<Ipv6Addr>().ok().map(u128::from)
}

pub fn ipv4_text(addr: u32) -> String {
    Ipv4Addr::from(addr).to_string()
}

pub fn ipv6_text(addr: u128) -> String {
    Ipv6Addr::from(addr).to_string()
}

/// Lower-cases a host name and strips one trailing dot. Returns false when the text cannot
/// be a DNS name (empty labels, spaces, characters no resolver accepts), so that free-form
/// values never reach the domain table.
pub fn normalize_domain(text: &str, out: &mut String) -> bool {
    let t = text.strip_suffix('.').unwrap_or(text);
    if t.is_empty() || t.len() > 253 || !t.contains('.') {
        return false;
    }
    let mut label_len = 0;
    for b in t.bytes() {
        match b {
            b'.' => {
                if label_len == 0 {
                    return false;
                }
                label_len = 0;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' => label_len += 1,
            // Internationalized names as written in UTF-8.
            0x80..=0xff => label_len += 1,
            _ => return false,
        }
        if label_len > 63 {
            return false;
        }
    }
    if label_len == 0 {
        return false;
    }
    let from = out.len();
    out.push_str(t);
    out[from..].make_ascii_lowercase();
    true
}

/// Decodes a fixed-length hexadecimal digest into `tag + bytes` (the hash table key).
/// Other algorithms keep their text.
pub fn hash_key(algo: HashAlgo, value: &str, out: &mut Vec<u8>) -> bool {
    out.push(algo.tag());
    match algo.hex_len() {
        Some(len) => {
            let bytes = value.as_bytes();
            if bytes.len() != len {
                return false;
            }
            for pair in bytes.chunks_exact(2) {
                match (hex_digit(pair[0]), hex_digit(pair[1])) {
                    (Some(h), Some(l)) => out.push((h << 4) | l),
                    _ => return false,
                }
            }
            true
        }
        None => {
            out.extend_from_slice(value.as_bytes());
            !value.is_empty()
        }
    }
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Canonical URL text: scheme and host lower-cased, the host's trailing dot and the scheme's
/// default port dropped, an empty path written `/`, percent-escapes of unreserved
/// characters decoded and the other escapes upper-cased (RFC 3986 §6.2.2). Returns false
/// when the text has no `scheme://host`.
pub fn normalize_url(text: &str, out: &mut String) -> bool {
    // Byte searches throughout: this runs for every URL of every HTTP line, and the
    // generic `str` pattern searchers cost several times as much on such short text.
    let Some((scheme, rest)) = split_scheme(text) else {
        return false;
    };
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return false;
    }
    let (authority, tail) = rest.split_at(authority_end(rest));
    let (userinfo, hostport) = match memrchr(b'@', authority.as_bytes()) {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    let (host, port) = split_host_port(hostport);
    if host.is_empty() {
        return false;
    }
    let scheme_at = out.len();
    out.push_str(scheme);
    out[scheme_at..].make_ascii_lowercase();
    out.push_str("://");
    if let Some(u) = userinfo {
        out.push_str(u);
        out.push('@');
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    let bracketed = host.as_bytes().contains(&b':');
    if bracketed {
        out.push('[');
    }
    let host_at = out.len();
    out.push_str(host);
    out[host_at..].make_ascii_lowercase();
    if bracketed {
        out.push(']');
    }
    if let Some(p) = port {
        let is = |name: &str| scheme.eq_ignore_ascii_case(name);
        let default = match p {
            "80" => is("http") || is("ws"),
            "443" => is("https") || is("wss"),
            "21" => is("ftp"),
            _ => false,
        };
        if !default && !p.is_empty() {
            out.push(':');
            out.push_str(p);
        }
    }
    if tail.is_empty() || !tail.starts_with('/') {
        out.push('/');
    }
    normalize_escapes(tail, out);
    true
}

/// `text.split_once("://")`.
fn split_scheme(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    memchr_iter(b':', b)
        .find(|&i| b[i + 1..].starts_with(b"//"))
        .map(|i| (&text[..i], &text[i + 3..]))
}

/// Where the authority of `scheme://` + `rest` ends: the first `/`, `?` or `#`.
fn authority_end(rest: &str) -> usize {
    rest.bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len())
}

/// Splits `host:port` and `[v6]:port`.
pub fn split_host_port(hostport: &str) -> (&str, Option<&str>) {
    if let Some(rest) = hostport.strip_prefix('[') {
        return match memchr(b']', rest.as_bytes()) {
            Some(i) => (&rest[..i], rest[i + 1..].strip_prefix(':')),
            None => (hostport, None),
        };
    }
    match memrchr(b':', hostport.as_bytes()) {
        // More than one colon is a bare IPv6 address, not a port.
        Some(i)
            if !hostport.as_bytes()[..i].contains(&b':')
                && hostport.as_bytes()[i + 1..].iter().all(u8::is_ascii_digit) =>
        {
            (&hostport[..i], Some(&hostport[i + 1..]))
        }
        _ => (hostport, None),
    }
}

fn normalize_escapes(text: &str, out: &mut String) {
    let b = text.as_bytes();
    let mut plain_from = 0;
    let mut from = 0;
    while let Some(p) = memchr(b'%', &b[from..]) {
        let i = from + p;
        from = i + 1;
        if i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex_digit(b[i + 1]), hex_digit(b[i + 2])) {
                out.push_str(&text[plain_from..i]);
                let c = (h << 4) | l;
                if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
                    out.push(char::from(c));
                } else {
                    out.push('%');
                    out.push(char::from(b[i + 1].to_ascii_uppercase()));
                    out.push(char::from(b[i + 2].to_ascii_uppercase()));
                }
                from = i + 3;
                plain_from = from;
            }
        }
    }
    out.push_str(&text[plain_from..]);
}

/// The host part of a canonical URL.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = split_scheme(url)?.1;
    let authority = &rest[..authority_end(rest)];
    let hostport = match memrchr(b'@', authority.as_bytes()) {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let (host, _) = split_host_port(hostport);
    Some(host)
}

/// E-mail addresses as logs write them: `<a@b>`, `"Name" <a@b>`, `a@b`.
pub fn clean_email(text: &str) -> Option<&str> {
    let t = text.trim();
    let t = match (t.rfind('<'), t.rfind('>')) {
        (Some(open), Some(close)) if open < close => &t[open + 1..close],
        _ => t,
    };
    let (local, domain) = t.split_once('@')?;
    if local.is_empty()
        || domain.is_empty()
        || !domain.contains('.')
        || t.bytes()
            .any(|b| b.is_ascii_whitespace() || b == b'<' || b == b'>')
    {
        return None;
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // The straightforward versions the byte-search ones replaced: the keys written into
    // existing index caches were made by them, so the new ones must agree exactly.
    fn normalize_url_ref(text: &str, out: &mut String) -> bool {
        let Some((scheme, rest)) = text.split_once("://") else {
            return false;
        };
        if scheme.is_empty()
            || !scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            return false;
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
            None => (None, authority),
        };
        let (host, port) = split_host_port_ref(hostport);
        if host.is_empty() {
            return false;
        }
        let scheme_lower = scheme.to_ascii_lowercase();
        out.push_str(&scheme_lower);
        out.push_str("://");
        if let Some(u) = userinfo {
            out.push_str(u);
            out.push('@');
        }
        let host = host.strip_suffix('.').unwrap_or(host);
        let bracketed = host.contains(':');
        if bracketed {
            out.push('[');
        }
        out.extend(host.chars().map(|c| c.to_ascii_lowercase()));
        if bracketed {
            out.push(']');
        }
        if let Some(p) = port {
            let default = matches!(
                (scheme_lower.as_str(), p),
                ("http", "80") | ("https", "443") | ("ftp", "21") | ("ws", "80") | ("wss", "443")
            );
            if !default && !p.is_empty() {
                out.push(':');
                out.push_str(p);
            }
        }
        if tail.is_empty() || !tail.starts_with('/') {
            out.push('/');
        }
        normalize_escapes_ref(tail, out);
        true
    }

    /// Splits `host:port` and `[v6]:port`.
    fn split_host_port_ref(hostport: &str) -> (&str, Option<&str>) {
        if let Some(rest) = hostport.strip_prefix('[') {
            return match rest.split_once(']') {
                Some((h, after)) => (h, after.strip_prefix(':')),
                None => (hostport, None),
            };
        }
        match hostport.rsplit_once(':') {
            // More than one colon is a bare IPv6 address, not a port.
            Some((h, p)) if !h.contains(':') && p.bytes().all(|b| b.is_ascii_digit()) => {
                (h, Some(p))
            }
            _ => (hostport, None),
        }
    }

    fn normalize_escapes_ref(text: &str, out: &mut String) {
        let b = text.as_bytes();
        let mut i = 0;
        let mut plain_from = 0;
        while i < b.len() {
            if b[i] == b'%' && i + 2 < b.len() {
                if let (Some(h), Some(l)) = (hex_digit(b[i + 1]), hex_digit(b[i + 2])) {
                    out.push_str(&text[plain_from..i]);
                    let c = (h << 4) | l;
                    if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
                        out.push(char::from(c));
                    } else {
                        out.push('%');
                        out.push(char::from(b[i + 1].to_ascii_uppercase()));
                        out.push(char::from(b[i + 2].to_ascii_uppercase()));
                    }
                    i += 3;
                    plain_from = i;
                    continue;
                }
            }
            i += 1;
        }
        out.push_str(&text[plain_from..]);
    }

    /// The host part of a canonical URL.
    fn url_host_ref(url: &str) -> Option<&str> {
        let rest = url.split_once("://")?.1;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let (host, _) = split_host_port_ref(hostport);
        Some(host)
    }

    proptest! {
        #[test]
        fn url_functions_agree_with_reference(
            text in "[a-zA-Z+.:]{0,6}(://)?(\\[?[a-zA-Z0-9:.@%\\]-]{0,24})([/?#][a-zA-Z0-9%/?#:.@~]{0,16})?"
        ) {
            let (mut a, mut b) = (String::new(), String::new());
            prop_assert_eq!(normalize_url(&text, &mut a), normalize_url_ref(&text, &mut b));
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(url_host(&text), url_host_ref(&text));
            prop_assert_eq!(split_host_port(&text), split_host_port_ref(&text));
        }
    }

    fn url(s: &str) -> String {
        let mut o = String::new();
        assert!(normalize_url(s, &mut o), "{s}");
        o
    }

    #[test]
    fn ipv4_is_strict() {
        assert_eq!(parse_ipv4(b"1.2.3.4"), Some(0x01020304));
        assert_eq!(parse_ipv4(b"255.255.255.255"), Some(u32::MAX));
        for bad in [
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "01.2.3.4",
            "1..2.3",
            "1.2.3.",
            "a.b.c.d",
            "",
        ] {
            assert_eq!(parse_ipv4(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn urls_normalize() {
        assert_eq!(url("HTTP://Evil.EXAMPLE.:80"), "http://evil.example/");
        assert_eq!(
            url("https://evil.example:443/a%2fb%41?q=%7e"),
            "https://evil.example/a%2FbA?q=~"
        );
        assert_eq!(
            url("http://evil.example:8080/x"),
            "http://evil.example:8080/x"
        );
        assert_eq!(url("http://[2001:DB8::1]:80/"), "http://[2001:db8::1]/");
        assert_eq!(url("http://evil.example?x"), "http://evil.example/?x");
        assert_eq!(url("http://a.test/%"), "http://a.test/%");
        assert!(!normalize_url("evil.example/x", &mut String::new()));
    }

    /// Escapes are normalized, not decoded: only unreserved characters come out of their
    /// escape (RFC 3986 §6.2.2.2), so a full percent-decoder (the `percent-encoding` crate's)
    /// would not give these keys. Invalid escapes stay as written; escapes of bytes that are
    /// not UTF-8 on their own stay escaped, upper-cased.
    #[test]
    fn url_escapes_normalize_without_decoding() {
        for (text, want) in [
            ("http://a.test/%7e%2D%2e%5F%30%7A", "http://a.test/~-._0z"),
            (
                "http://a.test/a%2fb%3f%23%25%20",
                "http://a.test/a%2Fb%3F%23%25%20",
            ),
            ("http://a.test/%zz%4%g1%", "http://a.test/%zz%4%g1%"),
            ("http://a.test/x%4", "http://a.test/x%4"),
            ("http://a.test/%41%", "http://a.test/A%"),
            ("http://a.test/%ff%fe%c3", "http://a.test/%FF%FE%C3"),
            ("http://a.test/%c3%a9?q=%e9", "http://a.test/%C3%A9?q=%E9"),
            ("http://a.test/é%41", "http://a.test/éA"),
            ("http://a.test/%%41%%", "http://a.test/%A%%"),
        ] {
            assert_eq!(url(text), want, "{text}");
        }
    }

    #[test]
    fn domains_normalize() {
        let mut o = String::new();
        assert!(normalize_domain("Evil.Example.", &mut o));
        assert_eq!(o, "evil.example");
        for bad in ["", "nodot", "a..b", "a b.c", ".a.b", "a.b..", "x/y.z"] {
            assert!(!normalize_domain(bad, &mut String::new()), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            clean_email("\"Bad\" <bad@evil.example>"),
            Some("bad@evil.example")
        );
        assert_eq!(clean_email("<bad@evil.example>"), Some("bad@evil.example"));
        assert_eq!(clean_email("bad@nodot"), None);
        assert_eq!(clean_email("a b@c.d"), None);
    }
}
