//! The URL parameters of TAXII requests: `added_after`, `limit`, `next` and the `match[...]`
//! filters, parsed once into a [`Params`] with a 400-worthy message for every bad value.

use sha2::{Digest, Sha256};
use ward_stix::Timestamp;
use ward_store::{version_key, VersionSelect};

/// Parsed request parameters; what an endpoint does not support it ignores.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// Microseconds since the epoch.
    pub added_after: Option<i64>,
    pub limit: Option<usize>,
    pub next: Option<String>,
    pub ids: Vec<String>,
    pub types: Vec<String>,
    pub versions: Option<VersionSelect>,
    pub spec_versions: Vec<String>,
}

fn list(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parses a raw query string (without `?`).
pub fn parse(query: Option<&str>) -> Result<Params, String> {
    let mut p = Params::default();
    let Some(query) = query else {
        return Ok(p);
    };
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "added_after" => {
                let ts = Timestamp::parse(&value).map_err(|e| format!("added_after: {e}"))?;
                p.added_after = Some(ts.as_micros());
            }
            "limit" => {
                let n: usize = value.trim().parse().map_err(|_| {
                    format!("limit: expected a positive whole number, got {value:?}")
                })?;
                if n == 0 {
                    return Err("limit: expected a positive whole number, got 0".into());
                }
                p.limit = Some(n);
            }
            "next" => p.next = Some(value.into_owned()),
            "match[id]" => p.ids.extend(list(&value)),
            "match[type]" => p.types.extend(list(&value)),
            "match[spec_version]" => p.spec_versions.extend(list(&value)),
            "match[version]" => {
                let select = p.versions.get_or_insert_with(VersionSelect::default);
                for item in list(&value) {
                    match item.as_str() {
                        "first" => select.first = true,
                        "last" => select.last = true,
                        "all" => select.all = true,
                        other => {
                            let ts = Timestamp::parse(other).map_err(|_| {
                                format!(
                                    "match[version]: expected first, last, all or a timestamp, \
                                     got {other:?}"
                                )
                            })?;
                            select.at.push(version_key(ts));
                        }
                    }
                }
            }
            // Other parameters (and match fields this hub does not index) are ignored, as
            // TAXII allows.
            _ => {}
        }
    }
    Ok(p)
}

impl Params {
    /// A digest of everything that shapes the result set, so that a cursor is only honoured
    /// with the filters it was issued for.
    pub fn digest(&self, endpoint: &str, versions: &VersionSelect) -> String {
        let text = format!(
            "{endpoint}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.ids, self.types, self.spec_versions, versions, self.added_after
        );
        let hash = Sha256::digest(text.as_bytes());
        hash[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_filters() {
        let p = parse(Some(
            "added_after=2024-01-01T00:00:00Z&limit=5&match%5Bid%5D=a,b&match[type]=indicator\
             &match[version]=first,2024-01-01T00:00:00.5Z&next=xyz",
        ))
        .unwrap();
        assert_eq!(p.limit, Some(5));
        assert_eq!(p.ids, vec!["a", "b"]);
        assert_eq!(p.types, vec!["indicator"]);
        assert_eq!(p.next.as_deref(), Some("xyz"));
        let v = p.versions.unwrap();
        assert!(v.first && !v.last && !v.all);
        assert_eq!(v.at, vec!["2024-01-01T00:00:00.500000000Z"]);
        assert_eq!(p.added_after, Some(1_704_067_200_000_000));
    }

    #[test]
    fn rejects_bad_values() {
        for bad in [
            "added_after=yesterday",
            "added_after=2024-01-01",
            "limit=0",
            "limit=-1",
            "limit=ten",
            "match[version]=newest",
            "match[version]=2024-13-01T00:00:00Z",
        ] {
            assert!(parse(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        for q in [
            "%",
            "%%%",
            "&&&",
            "=",
            "limit=99999999999999999999999",
            "\u{0}",
            "a=%FF%FE",
        ] {
            let _ = parse(Some(q));
        }
    }
}
