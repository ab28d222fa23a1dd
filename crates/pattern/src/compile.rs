//! Compilation of the simple, common pattern shapes into typed index keys for the scanner.
//!
//! A pattern compiles when it is one observation expression, or an OR of them, with no
//! qualifier, whose comparison expression is one test or an OR of tests, each test being:
//!
//! | test | key |
//! |---|---|
//! | `ipv4-addr:value = 'a.b.c.d'` (or `IN (…)`) | [`IndexKey::Ipv4`] |
//! | `ipv4-addr:value = 'a.b.c.d/n'`, `ipv4-addr:value ISSUBSET 'a.b.c.d/n'` | [`IndexKey::Ipv4Net`] |
//! | the same for `ipv6-addr` | [`IndexKey::Ipv6`], [`IndexKey::Ipv6Net`] |
//! | `domain-name:value = 'x'` (or `IN`) | [`IndexKey::Domain`] |
//! | `domain-name:value LIKE '%.example.com'` | [`IndexKey::DomainSuffix`] |
//! | `url:value = 'x'` (or `IN`) | [`IndexKey::Url`] |
//! | `file:hashes.'SHA-256' = 'x'` (any algorithm, or `IN`) | [`IndexKey::FileHash`] |
//! | `email-addr:value = 'x'` (or `IN`) | [`IndexKey::EmailAddress`] |
//!
//! Anything else (AND, NOT, `!=`, ordering, MATCHES, qualifiers, other object types or
//! properties) is [`Compiled::NeedsFullEvaluation`]: the scanner must keep the pattern and run
//! [`crate::Matcher`] on the observations it builds. A compiled pattern matches an observation
//! exactly when one of its keys matches, so the keys of one pattern are alternatives (OR).

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::ast::{ComparisonExpr, Literal, ObservationExpr, Operator, PathStep, Pattern};
use crate::net::IpNet;

/// One thing the scanner looks up in its index. Values are normalized so that the scanner
/// can normalize what it reads from logs the same way and compare bytes:
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndexKey {
    /// An IPv4 address seen in a log equal to this one.
    Ipv4(Ipv4Addr),
    /// An IPv4 address inside this block. `prefix` is 0..=31 and `network` has its host bits
    /// cleared. Produced by `ISSUBSET 'cidr'` and by `= 'cidr'`: feeds write blocks as
    /// ipv4-addr values to mean "any address in it", which is what a scanner can act on.
    Ipv4Net { network: Ipv4Addr, prefix: u8 },
    /// An IPv6 address equal to this one (compare parsed addresses, not text).
    Ipv6(Ipv6Addr),
    /// An IPv6 address inside this block (`prefix` 0..=127, host bits cleared).
    Ipv6Net { network: Ipv6Addr, prefix: u8 },
    /// A host name equal to this one. Lower-cased, without a trailing dot: DNS names are
    /// case-insensitive, so the scanner lower-cases and strips the trailing dot too.
    Domain(String),
    /// A host name that is a strict subdomain of this one (`a.example.com`,
    /// `x.y.example.com`, not `example.com` itself). Lower-cased, no leading or trailing dot.
    /// Produced by `LIKE '%.example.com'`.
    DomainSuffix(String),
    /// A URL equal to this one, byte for byte as written in the pattern (URLs are not
    /// normalized by STIX; the scanner may normalize both sides the same way if it wants).
    Url(String),
    /// A file hash. `algorithm` is the STIX vocabulary spelling where known (`MD5`,
    /// `SHA-1`, `SHA-256`, `SHA-512`, `SHA3-256`, ..., else as written, upper-cased);
    /// `value` is lower-case hexadecimal for the fixed-length algorithms, verbatim otherwise
    /// (SSDEEP, TLSH).
    FileHash { algorithm: String, value: String },
    /// An e-mail address equal to this one, as written (the local part is case-sensitive).
    EmailAddress(String),
}

/// The result of [`compile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compiled {
    /// The pattern matches an observation exactly when one of these keys does.
    Keys(Vec<IndexKey>),
    /// The pattern has a shape the index cannot express; evaluate it fully. The reason is a
    /// short phrase for logs and reports.
    NeedsFullEvaluation { reason: String },
}

fn full(reason: impl Into<String>) -> Compiled {
    Compiled::NeedsFullEvaluation {
        reason: reason.into(),
    }
}

/// Turns a pattern into index keys when its shape allows (see the module documentation).
pub fn compile(pattern: &Pattern) -> Compiled {
    let mut keys = Vec::new();
    match observation(&pattern.root, &mut keys) {
        Ok(()) => {
            keys.sort();
            keys.dedup();
            Compiled::Keys(keys)
        }
        Err(reason) => full(reason),
    }
}

fn observation(expr: &ObservationExpr, keys: &mut Vec<IndexKey>) -> Result<(), String> {
    match expr {
        ObservationExpr::Observation { comparison, .. } => comparison_expr(comparison, keys),
        ObservationExpr::Or(a, b) => {
            observation(a, keys)?;
            observation(b, keys)
        }
        ObservationExpr::Group(inner) => observation(inner, keys),
        ObservationExpr::And(..) => Err("AND between observations".into()),
        ObservationExpr::FollowedBy(..) => Err("FOLLOWEDBY".into()),
        ObservationExpr::Qualified { .. } => Err("qualifier (WITHIN, REPEATS, START/STOP)".into()),
    }
}

fn comparison_expr(expr: &ComparisonExpr, keys: &mut Vec<IndexKey>) -> Result<(), String> {
    match expr {
        ComparisonExpr::Or(a, b) => {
            comparison_expr(a, keys)?;
            comparison_expr(b, keys)
        }
        ComparisonExpr::Group(inner) => comparison_expr(inner, keys),
        ComparisonExpr::And(..) => Err("AND inside an observation".into()),
        ComparisonExpr::Test(c) => {
            if c.negated {
                return Err("NOT".into());
            }
            let kind = target(&c.path.object_type, &c.path.steps)
                .ok_or_else(|| format!("object path {} has no index", c.path))?;
            match &c.op {
                Operator::Eq(Literal::Str(s)) => keys.push(key(kind, s)?),
                Operator::In(set) => {
                    for l in set {
                        match l {
                            Literal::Str(s) => keys.push(key(kind, s)?),
                            other => return Err(format!("{} in a set", other.kind())),
                        }
                    }
                }
                Operator::IsSubset(s) if matches!(kind, Target::Ipv4 | Target::Ipv6) => {
                    keys.push(key(kind, s)?)
                }
                Operator::Like(p) if matches!(kind, Target::Domain) => {
                    let suffix = p
                        .strip_prefix("%.")
                        .filter(|rest| !rest.is_empty() && !rest.contains(['%', '_']))
                        .ok_or("LIKE other than '%.domain'")?;
                    keys.push(IndexKey::DomainSuffix(normalize_domain(suffix)));
                }
                _ => return Err("operator other than =, IN, ISSUBSET or LIKE '%.domain'".into()),
            }
            Ok(())
        }
    }
}

#[derive(Clone, Copy)]
enum Target<'p> {
    Ipv4,
    Ipv6,
    Domain,
    Url,
    Email,
    Hash(&'p str),
}

fn target<'p>(object_type: &str, steps: &'p [PathStep]) -> Option<Target<'p>> {
    match (object_type, steps) {
        ("ipv4-addr", [PathStep::Key(v)]) if v == "value" => Some(Target::Ipv4),
        ("ipv6-addr", [PathStep::Key(v)]) if v == "value" => Some(Target::Ipv6),
        ("domain-name", [PathStep::Key(v)]) if v == "value" => Some(Target::Domain),
        ("url", [PathStep::Key(v)]) if v == "value" => Some(Target::Url),
        ("email-addr", [PathStep::Key(v)]) if v == "value" => Some(Target::Email),
        ("file", [PathStep::Key(h), PathStep::Key(algo)]) if h == "hashes" => {
            Some(Target::Hash(algo))
        }
        _ => None,
    }
}

fn normalize_domain(s: &str) -> String {
    s.trim_end_matches('.').to_ascii_lowercase()
}

/// The vocabulary spelling of a hash algorithm name.
fn hash_algorithm(name: &str) -> String {
    let norm: String = name
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    match norm.as_str() {
        "MD5" => "MD5".into(),
        "SHA1" => "SHA-1".into(),
        "SHA224" => "SHA-224".into(),
        "SHA256" => "SHA-256".into(),
        "SHA384" => "SHA-384".into(),
        "SHA512" => "SHA-512".into(),
        "SHA3224" => "SHA3-224".into(),
        "SHA3256" => "SHA3-256".into(),
        "SHA3384" => "SHA3-384".into(),
        "SHA3512" => "SHA3-512".into(),
        _ => name.to_ascii_uppercase(),
    }
}

fn key(kind: Target<'_>, value: &str) -> Result<IndexKey, String> {
    use std::net::IpAddr;
    Ok(match kind {
        Target::Ipv4 | Target::Ipv6 => {
            let net =
                IpNet::parse(value).ok_or_else(|| format!("{value:?} is not an IP address"))?;
            // A block of one address (`/32`, `/128`) is that address.
            match (net.addr, net.is_host()) {
                (IpAddr::V4(a), true) if matches!(kind, Target::Ipv4) => IndexKey::Ipv4(a),
                (IpAddr::V4(a), false) if matches!(kind, Target::Ipv4) => IndexKey::Ipv4Net {
                    network: a,
                    prefix: net.prefix,
                },
                (IpAddr::V6(a), true) if matches!(kind, Target::Ipv6) => IndexKey::Ipv6(a),
                (IpAddr::V6(a), false) if matches!(kind, Target::Ipv6) => IndexKey::Ipv6Net {
                    network: a,
                    prefix: net.prefix,
                },
                _ => return Err(format!("{value:?} is not of the object's address family")),
            }
        }
        Target::Domain => IndexKey::Domain(normalize_domain(value)),
        Target::Url => IndexKey::Url(value.to_string()),
        Target::Email => IndexKey::EmailAddress(value.to_string()),
        Target::Hash(algo) => {
            let fixed = ward_stix::hashes::hex_len(algo).is_some();
            IndexKey::FileHash {
                algorithm: hash_algorithm(algo),
                value: if fixed {
                    value.to_ascii_lowercase()
                } else {
                    value.to_string()
                },
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn keys(p: &str) -> Vec<IndexKey> {
        match compile(&parse(p).unwrap()) {
            Compiled::Keys(k) => k,
            other => panic!("{p}: {other:?}"),
        }
    }

    fn needs_full(p: &str) -> bool {
        matches!(
            compile(&parse(p).unwrap()),
            Compiled::NeedsFullEvaluation { .. }
        )
    }

    #[test]
    fn common_shapes_compile() {
        assert_eq!(
            keys("[ipv4-addr:value = '198.51.100.1']"),
            vec![IndexKey::Ipv4("198.51.100.1".parse().unwrap())]
        );
        assert_eq!(
            keys("[ipv4-addr:value = '198.51.100.1/32']"),
            vec![IndexKey::Ipv4("198.51.100.1".parse().unwrap())]
        );
        assert_eq!(
            keys("[ipv4-addr:value ISSUBSET '198.51.100.7/24']"),
            vec![IndexKey::Ipv4Net {
                network: "198.51.100.0".parse().unwrap(),
                prefix: 24
            }]
        );
        assert_eq!(
            keys("[ipv6-addr:value = '2001:db8::1'] OR [ipv6-addr:value ISSUBSET '2001:db8::/32']"),
            vec![
                IndexKey::Ipv6("2001:db8::1".parse().unwrap()),
                IndexKey::Ipv6Net {
                    network: "2001:db8::".parse().unwrap(),
                    prefix: 32
                }
            ]
        );
        assert_eq!(
            keys("[domain-name:value = 'Evil.EXAMPLE.' OR domain-name:value LIKE '%.bad.test']"),
            vec![
                IndexKey::Domain("evil.example".into()),
                IndexKey::DomainSuffix("bad.test".into())
            ]
        );
        assert_eq!(
            keys("[url:value IN ('http://a.test/x', 'http://b.test/')]"),
            vec![
                IndexKey::Url("http://a.test/x".into()),
                IndexKey::Url("http://b.test/".into())
            ]
        );
        assert_eq!(
            keys("[file:hashes.'sha256' = 'AE0F8A53EAF7DB4F1E4F34E6D8AE0F8A53EAF7DB4F1E4F34E6D8AE0F8A53EAF7']"),
            vec![IndexKey::FileHash {
                algorithm: "SHA-256".into(),
                value: "ae0f8a53eaf7db4f1e4f34e6d8ae0f8a53eaf7db4f1e4f34e6d8ae0f8a53eaf7".into()
            }]
        );
        assert_eq!(
            keys("[email-addr:value = 'Bad@evil.test']"),
            vec![IndexKey::EmailAddress("Bad@evil.test".into())]
        );
    }

    #[test]
    fn everything_else_needs_full_evaluation() {
        for p in [
            "[ipv4-addr:value != '198.51.100.1']",
            "[ipv4-addr:value NOT = '198.51.100.1']",
            "[ipv4-addr:value = '198.51.100.1'] WITHIN 5 SECONDS",
            "[ipv4-addr:value = '198.51.100.1'] AND [domain-name:value = 'a.test']",
            "[ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [domain-name:value = 'a.test']",
            "[ipv4-addr:value = '198.51.100.1' AND ipv4-addr:x = 1]",
            "[domain-name:value LIKE 'evil%']",
            "[domain-name:value MATCHES 'evil']",
            "[file:name = 'x.exe']",
            "[ipv4-addr:value = 'not-an-ip']",
            "[ipv4-addr:value = '2001:db8::1']",
            "[network-traffic:dst_ref.value = '198.51.100.1']",
            "[ipv4-addr:value = '198.51.100.1' OR file:name = 'x']",
        ] {
            assert!(needs_full(p), "{p}");
        }
    }
}
