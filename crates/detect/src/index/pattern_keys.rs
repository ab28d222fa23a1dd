//! A pattern's index keys: what the pattern crate's compiler gives, plus the shapes it leaves
//! out (user agents, TLS client fingerprints).

use ward_pattern::ast::{ComparisonExpr, Literal, ObservationExpr, Operator, PathStep, Pattern};
use ward_pattern::{Compiled, IndexKey};

use super::Key;
use crate::keys::{self, HashAlgo};

/// The index keys of a pattern, or `None` when it must be evaluated in full. Adds to the
/// pattern crate's compiler the shapes it leaves out and logs carry: user agents
/// (`network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'`) and TLS
/// client fingerprints (`x-ja3:value`, `x-ja4:value`).
pub(super) fn pattern_keys(pattern: &Pattern) -> Option<Vec<Key>> {
    let mut out = Vec::new();
    match ward_pattern::compile(pattern) {
        Compiled::Keys(keys) => {
            for k in keys {
                out.push(convert(k)?);
            }
        }
        Compiled::NeedsFullEvaluation { .. } => observation_keys(&pattern.root, &mut out)?,
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn observation_keys(expr: &ObservationExpr, out: &mut Vec<Key>) -> Option<()> {
    match expr {
        ObservationExpr::Observation { comparison, .. } => comparison_keys(comparison, out),
        ObservationExpr::Or(a, b) => {
            observation_keys(a, out)?;
            observation_keys(b, out)
        }
        ObservationExpr::Group(inner) => observation_keys(inner, out),
        _ => None,
    }
}

fn comparison_keys(expr: &ComparisonExpr, out: &mut Vec<Key>) -> Option<()> {
    match expr {
        ComparisonExpr::Or(a, b) => {
            comparison_keys(a, out)?;
            comparison_keys(b, out)
        }
        ComparisonExpr::Group(inner) => comparison_keys(inner, out),
        ComparisonExpr::And(..) => None,
        ComparisonExpr::Test(c) => {
            if c.negated {
                return None;
            }
            let steps: Vec<&str> = c
                .path
                .steps
                .iter()
                .map(|s| match s {
                    PathStep::Key(k) => Some(k.as_str()),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            let make: fn(String) -> Key = match (c.path.object_type.as_str(), steps.as_slice()) {
                ("x-ja3", ["value"]) => Key::Ja3,
                ("x-ja4", ["value"]) => Key::Ja4,
                ("network-traffic", ["extensions", "http-request-ext", "request_header", h])
                    if *h == "User-Agent" =>
                {
                    Key::UserAgent
                }
                _ => {
                    // One of the shapes the pattern crate compiles, alone.
                    let single = Pattern {
                        root: ObservationExpr::Observation {
                            comparison: ComparisonExpr::Test(c.clone()),
                            position: 0,
                        },
                    };
                    match ward_pattern::compile(&single) {
                        Compiled::Keys(keys) => {
                            for k in keys {
                                out.push(convert(k)?);
                            }
                            return Some(());
                        }
                        Compiled::NeedsFullEvaluation { .. } => return None,
                    }
                }
            };
            let fingerprint = !matches!(make(String::new()), Key::UserAgent(_));
            let values: Vec<&String> = match &c.op {
                Operator::Eq(Literal::Str(s)) => vec![s],
                Operator::In(set) => set
                    .iter()
                    .map(|l| match l {
                        Literal::Str(s) => Some(s),
                        _ => None,
                    })
                    .collect::<Option<_>>()?,
                _ => return None,
            };
            for v in values {
                // Logs write fingerprints in lower case; a pattern's upper-case hex would
                // never match the evaluator either, so only lower-case ones become keys.
                if fingerprint && v.bytes().any(|b| b.is_ascii_uppercase()) {
                    return None;
                }
                out.push(make(v.clone()));
            }
            Some(())
        }
    }
}

fn convert(key: IndexKey) -> Option<Key> {
    Some(match key {
        IndexKey::Ipv4(a) => Key::Ipv4(u32::from(a)),
        IndexKey::Ipv4Net { network, prefix } => Key::Ipv4Net(u32::from(network), prefix),
        IndexKey::Ipv6(a) => Key::Ipv6(u128::from(a)),
        IndexKey::Ipv6Net { network, prefix } => Key::Ipv6Net(u128::from(network), prefix),
        IndexKey::Domain(d) => Key::Domain(d),
        IndexKey::DomainSuffix(d) => Key::DomainSuffix(d),
        IndexKey::Url(u) => {
            let mut s = String::new();
            // A URL the normalizer cannot read is kept verbatim: it then matches only the
            // same unusual text in a log, as the evaluator would.
            if keys::normalize_url(&u, &mut s) {
                Key::Url(s)
            } else {
                Key::Url(u)
            }
        }
        IndexKey::FileHash { algorithm, value } => {
            let mut k = Vec::new();
            if !keys::hash_key(HashAlgo::from_name(&algorithm), &value, &mut k) {
                return None;
            }
            Key::Hash(k)
        }
        IndexKey::EmailAddress(e) => Key::Email(e),
    })
}
