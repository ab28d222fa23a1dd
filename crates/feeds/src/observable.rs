//! Observables: the one value an indicator from a feed names (an address, a block, a domain,
//! a URL, a file hash, an e-mail address). The type is `ward_pattern`'s [`IndexKey`], so the
//! values read back out of any indicator's pattern by the pattern compiler and the values an
//! importer reads from a feed line are the same type with the same normalization.
//!
//! Feeds publish values "defanged" so that nobody clicks them; [`refang`] undoes the common
//! spellings before a value is classified.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use ward_pattern::net::IpNet;
pub use ward_pattern::IndexKey as Observable;

/// The families that age differently and land in different exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObservableKind {
    Ip,
    Domain,
    Url,
    Hash,
    Email,
}

impl ObservableKind {
    pub const ALL: [ObservableKind; 5] = [
        ObservableKind::Ip,
        ObservableKind::Domain,
        ObservableKind::Url,
        ObservableKind::Hash,
        ObservableKind::Email,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ObservableKind::Ip => "ip",
            ObservableKind::Domain => "domain",
            ObservableKind::Url => "url",
            ObservableKind::Hash => "hash",
            ObservableKind::Email => "email",
        }
    }
}

/// The family of an observable.
pub fn kind(o: &Observable) -> ObservableKind {
    match o {
        Observable::Ipv4(_)
        | Observable::Ipv4Net { .. }
        | Observable::Ipv6(_)
        | Observable::Ipv6Net { .. } => ObservableKind::Ip,
        Observable::Domain(_) | Observable::DomainSuffix(_) => ObservableKind::Domain,
        Observable::Url(_) => ObservableKind::Url,
        Observable::FileHash { .. } => ObservableKind::Hash,
        Observable::EmailAddress(_) => ObservableKind::Email,
    }
}

/// The value as exports and reports write it (`10.0.0.0/8`, `evil.example`, the URL).
pub fn value_text(o: &Observable) -> String {
    match o {
        Observable::Ipv4(a) => a.to_string(),
        Observable::Ipv4Net { network, prefix } => format!("{network}/{prefix}"),
        Observable::Ipv6(a) => a.to_string(),
        Observable::Ipv6Net { network, prefix } => format!("{network}/{prefix}"),
        Observable::Domain(d) => d.clone(),
        Observable::DomainSuffix(d) => format!("*.{d}"),
        Observable::Url(u) => u.clone(),
        Observable::FileHash { value, .. } => value.clone(),
        Observable::EmailAddress(e) => e.clone(),
    }
}

fn quote(s: &str) -> String {
    // STIX pattern string literals escape only the quote and the backslash (STIX 2.1 §9.2).
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The STIX pattern that names exactly this observable.
pub fn pattern(o: &Observable) -> String {
    match o {
        Observable::Ipv4(_) | Observable::Ipv4Net { .. } => {
            format!("[ipv4-addr:value = {}]", quote(&value_text(o)))
        }
        Observable::Ipv6(_) | Observable::Ipv6Net { .. } => {
            format!("[ipv6-addr:value = {}]", quote(&value_text(o)))
        }
        Observable::Domain(d) => format!("[domain-name:value = {}]", quote(d)),
        Observable::DomainSuffix(d) => {
            format!("[domain-name:value LIKE {}]", quote(&format!("%.{d}")))
        }
        Observable::Url(u) => format!("[url:value = {}]", quote(u)),
        Observable::FileHash { algorithm, value } => {
            format!("[file:hashes.{} = {}]", quote(algorithm), quote(value))
        }
        Observable::EmailAddress(e) => format!("[email-addr:value = {}]", quote(e)),
    }
}

/// The STIX cyber-observable object (without its id) that holds this value: an `ipv4-addr`
/// or `ipv6-addr` (an address or a block), a `domain-name`, a `url`, an `email-addr`, or a
/// `file` with its hash. `None` for a domain suffix, which no observable object names.
pub fn sco(o: &Observable) -> Option<Value> {
    let (ty, key, value) = match o {
        Observable::Ipv4(_) | Observable::Ipv4Net { .. } => {
            ("ipv4-addr", "value", json!(value_text(o)))
        }
        Observable::Ipv6(_) | Observable::Ipv6Net { .. } => {
            ("ipv6-addr", "value", json!(value_text(o)))
        }
        Observable::Domain(d) => ("domain-name", "value", json!(d)),
        Observable::DomainSuffix(_) => return None,
        Observable::Url(u) => ("url", "value", json!(u)),
        Observable::EmailAddress(e) => ("email-addr", "value", json!(e)),
        Observable::FileHash { algorithm, value } => {
            ("file", "hashes", json!({ algorithm: value }))
        }
    };
    let mut map = Map::new();
    map.insert("type".into(), json!(ty));
    map.insert("spec_version".into(), json!("2.1"));
    map.insert(key.into(), value);
    Some(Value::Object(map))
}

/// Undoes the defanging conventions feeds and reports use: `hxxp://`, `evil[.]com`,
/// `evil(.)com`, `evil{.}com`, `evil[dot]com`, `[:]`, `[://]`, `user[@]host`, `[at]`.
pub fn refang(text: &str) -> String {
    let mut s = text.trim().to_string();
    for (from, to) in [
        ("[.]", "."),
        ("(.)", "."),
        ("{.}", "."),
        ("[dot]", "."),
        ("(dot)", "."),
        ("[://]", "://"),
        ("[:]", ":"),
        ("[@]", "@"),
        ("[at]", "@"),
        ("[/]", "/"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let lower = s.to_ascii_lowercase();
    for (from, to) in [
        ("hxxps://", "https://"),
        ("hxxp://", "http://"),
        ("hxxps[:]//", "https://"),
        ("fxp://", "ftp://"),
        ("meow://", "http://"),
    ] {
        if lower.starts_with(from) {
            s = format!("{to}{}", &s[from.len()..]);
            break;
        }
    }
    s
}

/// True for a DNS host name as blocklists use them: at least two labels of letters, digits,
/// hyphens and underscores, each 1-63 long, 253 in all, and a top-level label that is not
/// all digits.
pub fn is_host_name(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let ok_label = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    labels.iter().all(ok_label)
        && labels
            .last()
            .is_some_and(|t| !t.bytes().all(|b| b.is_ascii_digit()))
}

fn hash_algorithm(hex_len: usize) -> Option<&'static str> {
    match hex_len {
        32 => Some("MD5"),
        40 => Some("SHA-1"),
        64 => Some("SHA-256"),
        128 => Some("SHA-512"),
        _ => None,
    }
}

/// An address or block as an observable.
pub fn ip_observable(text: &str) -> Option<Observable> {
    let net = IpNet::parse(text.trim())?;
    Some(match (net.addr, net.is_host()) {
        (IpAddr::V4(a), true) => Observable::Ipv4(a),
        (IpAddr::V4(a), false) => Observable::Ipv4Net {
            network: a,
            prefix: net.prefix,
        },
        (IpAddr::V6(a), true) => Observable::Ipv6(a),
        (IpAddr::V6(a), false) => Observable::Ipv6Net {
            network: a,
            prefix: net.prefix,
        },
    })
}

/// A URL as an observable: a scheme, `://` and a host are required.
pub fn url_observable(text: &str) -> Result<Observable, String> {
    let s = refang(text);
    let Some((scheme, rest)) = s.split_once("://") else {
        return Err(format!("{s:?} is not a URL (expected scheme://host/...)"));
    };
    let scheme_ok = !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if !scheme_ok || host.is_empty() || s.chars().any(char::is_whitespace) {
        return Err(format!("{s:?} is not a URL (expected scheme://host/...)"));
    }
    Ok(Observable::Url(s))
}

/// A file hash of a given algorithm (or guessed from its length when `algorithm` is None).
pub fn hash_observable(algorithm: Option<&str>, text: &str) -> Result<Observable, String> {
    let v = text.trim().to_ascii_lowercase();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("{text:?} is not a hexadecimal hash"));
    }
    let guessed = hash_algorithm(v.len());
    let algorithm = match algorithm {
        Some(a) => {
            if ward_stix::hashes::hex_len(a).is_some_and(|n| n != v.len()) {
                return Err(format!("{text:?} has {} digits, not a {a} hash", v.len()));
            }
            a.to_string()
        }
        None => guessed
            .ok_or_else(|| format!("{text:?}: {} hex digits is no known hash length", v.len()))?
            .to_string(),
    };
    Ok(Observable::FileHash {
        algorithm,
        value: v,
    })
}

/// Classifies one value from a list whose entries are of any kind: an IP address or CIDR
/// block, a URL, an e-mail address, a file hash (by length) or a domain. `ip:port` is the
/// address. Defanged forms are refanged first.
pub fn classify(text: &str) -> Result<Observable, String> {
    let s = refang(text);
    if s.is_empty() {
        return Err("empty value".into());
    }
    if let Some(o) = ip_observable(&s) {
        return Ok(o);
    }
    if let Some((host, port)) = s.rsplit_once(':') {
        if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) && host.contains('.') {
            if let Some(o) = ip_observable(host) {
                return Ok(o);
            }
        }
    }
    if s.contains("://") {
        return url_observable(&s);
    }
    if let Some((local, domain)) = s.rsplit_once('@') {
        if !local.is_empty() && is_host_name(domain) && !local.contains(char::is_whitespace) {
            return Ok(Observable::EmailAddress(s.clone()));
        }
        return Err(format!("{s:?} is not an e-mail address"));
    }
    if s.bytes().all(|b| b.is_ascii_hexdigit()) && hash_algorithm(s.len()).is_some() {
        return hash_observable(None, &s);
    }
    let host = s.strip_prefix("*.").unwrap_or(&s);
    if is_host_name(host) {
        let d = host.trim_end_matches('.').to_ascii_lowercase();
        return Ok(if s.starts_with("*.") {
            Observable::DomainSuffix(d)
        } else {
            Observable::Domain(d)
        });
    }
    Err(format!(
        "{s:?} is not an IP address, CIDR block, domain, URL, e-mail address or file hash"
    ))
}

/// The observables an indicator's pattern names, through the pattern compiler. `None` for
/// patterns that are not STIX, do not parse, or need full evaluation (those can be scanned
/// for but never exported as a blocklist entry).
pub fn of_pattern(pattern_type: Option<&str>, pattern: &str) -> Option<Vec<Observable>> {
    if pattern_type.is_some_and(|t| t != "stix") {
        return None;
    }
    let parsed = ward_pattern::check(pattern).ok()?;
    match ward_pattern::compile(&parsed) {
        ward_pattern::Compiled::Keys(keys) if !keys.is_empty() => Some(keys),
        _ => None,
    }
}

/// The host part of a URL observable's text, lower-cased, without port or credentials.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(inner) = host_port.strip_prefix('[') {
        inner.split(']').next()?
    } else {
        host_port.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refangs_the_usual_spellings() {
        assert_eq!(refang("hxxp://evil[.]com/a"), "http://evil.com/a");
        assert_eq!(refang("HXXPS[:]//evil(.)com"), "https://evil.com");
        assert_eq!(refang("bad[@]evil[dot]com"), "bad@evil.com");
        assert_eq!(refang("192.0.2[.]1"), "192.0.2.1");
    }

    #[test]
    fn classifies_each_kind() {
        assert_eq!(
            classify("192.0.2.1").unwrap(),
            Observable::Ipv4("192.0.2.1".parse().unwrap())
        );
        assert_eq!(
            classify("192.0.2.1:443").unwrap(),
            Observable::Ipv4("192.0.2.1".parse().unwrap())
        );
        assert!(matches!(
            classify("198.51.100.0/24").unwrap(),
            Observable::Ipv4Net { prefix: 24, .. }
        ));
        assert_eq!(
            classify("Evil[.]COM").unwrap(),
            Observable::Domain("evil.com".into())
        );
        assert!(
            matches!(classify("hxxp://evil[.]com/x").unwrap(), Observable::Url(u) if u == "http://evil.com/x")
        );
        assert!(
            matches!(classify(&"a".repeat(64)).unwrap(), Observable::FileHash { algorithm, .. } if algorithm == "SHA-256")
        );
        assert!(matches!(
            classify("x@evil.com").unwrap(),
            Observable::EmailAddress(_)
        ));
        for bad in [
            "",
            "not a value",
            "1.2.3",
            "http://",
            "12345",
            "-a.com",
            "a..b",
        ] {
            assert!(classify(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn patterns_round_trip_through_the_compiler() {
        for text in [
            "192.0.2.1",
            "198.51.100.0/24",
            "2001:db8::1",
            "evil.example",
            "http://evil.example/it's",
            "x@evil.example",
            &"ab".repeat(16),
        ] {
            let o = classify(text).unwrap();
            let p = pattern(&o);
            assert_eq!(of_pattern(Some("stix"), &p), Some(vec![o.clone()]), "{p}");
        }
    }

    proptest::proptest! {
        #[test]
        fn classify_never_panics_and_its_patterns_compile(text in "\\PC{0,80}") {
            if let Ok(o) = classify(&text) {
                let p = pattern(&o);
                proptest::prop_assert_eq!(of_pattern(None, &p), Some(vec![o]));
            }
        }

        #[test]
        fn addresses_and_names_round_trip(a in 0u8..=255, b in 0u8..=255, label in "[a-z][a-z0-9-]{0,20}[a-z0-9]") {
            let ip = format!("192.0.{a}.{b}");
            proptest::prop_assert_eq!(value_text(&classify(&ip).unwrap()), ip);
            let name = format!("{label}.example");
            proptest::prop_assert_eq!(classify(&format!("{}[.]example", label)).unwrap(), Observable::Domain(name));
        }
    }

    #[test]
    fn observable_objects_hold_the_value() {
        let ip = sco(&classify("203.0.113.7").unwrap()).unwrap();
        assert_eq!(
            ip,
            serde_json::json!({"type": "ipv4-addr", "spec_version": "2.1", "value": "203.0.113.7"})
        );
        let keys: Vec<&str> = ip.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["type", "spec_version", "value"]);
        let block = sco(&classify("2001:db8::/32").unwrap()).unwrap();
        assert_eq!(block["type"], "ipv6-addr");
        assert_eq!(block["value"], "2001:db8::/32");
        assert_eq!(
            sco(&classify("Evil.Example").unwrap()).unwrap()["type"],
            "domain-name"
        );
        assert_eq!(
            sco(&classify("x@evil.example").unwrap()).unwrap()["type"],
            "email-addr"
        );
        assert_eq!(
            sco(&classify("http://evil.example/a").unwrap()).unwrap()["value"],
            "http://evil.example/a"
        );
        let file = sco(&classify(&"AB".repeat(32)).unwrap()).unwrap();
        assert_eq!(file["type"], "file");
        assert_eq!(file["hashes"]["SHA-256"], "ab".repeat(32).as_str());
        assert_eq!(sco(&classify("*.evil.example").unwrap()), None);
    }

    #[test]
    fn url_hosts() {
        assert_eq!(
            url_host("http://u:p@Evil.com:8080/x").as_deref(),
            Some("evil.com")
        );
        assert_eq!(
            url_host("http://[2001:db8::1]/").as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(url_host("nope"), None);
    }
}
