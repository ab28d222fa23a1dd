//! Reads the scanner's grouped hits into the plan's input.

use ward_detect::{Kind, Summary};

use crate::input::Hit;

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Ipv4 | Kind::Ipv6 => "ip",
        Kind::Domain => "domain",
        Kind::Url => "url",
        Kind::FileHash => "hash",
        Kind::Email => "email",
        Kind::Ja3 | Kind::Ja4 | Kind::UserAgent => "other",
    }
}

/// One hit per indicator that matched, with the devices involved.
pub fn hits(summary: &Summary) -> Vec<Hit> {
    summary
        .indicators
        .iter()
        .map(|g| Hit {
            indicator_id: g.indicator.id.clone(),
            indicator_name: g
                .indicator
                .name
                .clone()
                .unwrap_or_else(|| g.indicator.id.clone()),
            value: g
                .values
                .iter()
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            value_kind: g
                .values
                .first()
                .map(|(k, _)| kind_word(*k))
                .unwrap_or("other")
                .to_string(),
            internal_hosts: g.devices.clone(),
            outside_hosts: Vec::new(),
            count: g.count,
            first_seen: g.first_seen.clone().unwrap_or_default(),
            last_seen: g.last_seen.clone().unwrap_or_default(),
            threat: (!g.indicator.threats.is_empty()).then(|| g.indicator.threats.join(" and ")),
            // Filled from hub sightings when the local store has them.
            hub_organizations: 0,
            score: g.indicator.score.unwrap_or(50),
        })
        .collect()
}

/// Hits per day, oldest first.
pub fn hits_by_day(summary: &Summary) -> Vec<(String, u64)> {
    summary
        .by_day
        .iter()
        .map(|(d, n)| (d.clone(), *n))
        .collect()
}
