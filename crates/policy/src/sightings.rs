//! Sightings aggregation: from the sightings members posted of one indicator, how many
//! distinct organizations saw it (ever, in the last 7 and 30 days), how many reported it as
//! a false positive, and when it was last seen. The answer holds counts only: no member is
//! named, and the sightings it counts are only those the reader could read.

use std::collections::HashSet;

use serde_json::Value;
use ward_hub_api::SightingSummary;
use ward_stix::Timestamp;

use crate::ext;

const DAY_MICROS: i64 = 86_400 * 1_000_000;

/// When a sighting says the indicator was seen: `last_seen`, else `first_seen`, else the
/// sighting's own `modified` or `created`.
fn seen_at(object: &serde_json::Map<String, Value>) -> Option<i64> {
    ["last_seen", "first_seen", "modified", "created"]
        .iter()
        .filter_map(|k| object.get(*k).and_then(Value::as_str))
        .find_map(|t| Timestamp::parse(t).ok())
        .map(|t| t.as_micros())
}

/// Adds up `sightings` — each a sighting the reader may read, with the organization that
/// posted it (`None` when unknown: such a sighting cannot be told apart from another
/// organization's, so it is not counted) — as of `now` (microseconds).
pub fn aggregate<'a>(
    indicator: &str,
    sightings: impl IntoIterator<Item = (&'a Value, Option<&'a str>)>,
    now: i64,
) -> SightingSummary {
    let mut orgs: HashSet<&str> = HashSet::new();
    let mut week: HashSet<&str> = HashSet::new();
    let mut month: HashSet<&str> = HashSet::new();
    let mut false_positive: HashSet<&str> = HashSet::new();
    let mut last: Option<i64> = None;
    for (object, org) in sightings {
        let (Some(map), Some(org)) = (object.as_object(), org) else {
            continue;
        };
        if map.get("sighting_of_ref").and_then(Value::as_str) != Some(indicator) {
            continue;
        }
        orgs.insert(org);
        if ext::is_false_positive(map) {
            false_positive.insert(org);
            continue;
        }
        let Some(seen) = seen_at(map) else { continue };
        last = last.max(Some(seen));
        if seen >= now - 7 * DAY_MICROS {
            week.insert(org);
        }
        if seen >= now - 30 * DAY_MICROS {
            month.insert(org);
        }
    }
    SightingSummary {
        indicator: indicator.to_string(),
        organizations: orgs.len() as u64,
        organizations_last_7_days: week.len() as u64,
        organizations_last_30_days: month.len() as u64,
        false_positives: false_positive.len() as u64,
        last_seen: last.map(|t| Timestamp::from_micros(t).with_precision(3).to_string()),
    }
}

/// How much sightings add to an indicator's score (0-100 scale): each organization that saw
/// it recently and did not call it a false positive adds 10, up to 30; false positives
/// take 20 each.
pub fn score_adjustment(summary: &SightingSummary) -> i32 {
    let recent = summary.organizations_last_30_days.min(3) as i32;
    recent * 10 - summary.false_positives.min(5) as i32 * 20
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const IND: &str = "indicator--00000000-0000-4000-8000-000000000001";

    fn sighting(seen: &str, fp: bool) -> Value {
        let mut v = json!({"type": "sighting", "sighting_of_ref": IND, "last_seen": seen,
            "created": "2020-01-01T00:00:00Z", "modified": "2020-01-01T00:00:00Z"});
        if fp {
            v["extensions"] = json!({ext::WARD_EXTENSION_ID: {
                "extension_type": "property-extension", "false_positive": true}});
        }
        v
    }

    #[test]
    fn counts_organizations_not_sightings() {
        let now = Timestamp::parse("2024-03-31T00:00:00Z")
            .unwrap()
            .as_micros();
        let a1 = sighting("2024-03-30T00:00:00Z", false);
        let a2 = sighting("2024-03-29T00:00:00Z", false);
        let b = sighting("2024-03-10T00:00:00Z", false);
        let c = sighting("2023-01-01T00:00:00Z", false);
        let c_fp = sighting("2024-03-30T00:00:00Z", true);
        let unknown = sighting("2024-03-30T00:00:00Z", false);
        let other = json!({"type": "sighting", "sighting_of_ref": "indicator--x"});
        let s = aggregate(
            IND,
            [
                (&a1, Some("a")),
                (&a2, Some("a")),
                (&b, Some("b")),
                (&c, Some("c")),
                (&c_fp, Some("c")),
                (&unknown, None),
                (&other, Some("d")),
            ],
            now,
        );
        assert_eq!(s.organizations, 3);
        assert_eq!(s.organizations_last_7_days, 1);
        assert_eq!(s.organizations_last_30_days, 2);
        assert_eq!(s.false_positives, 1);
        assert_eq!(s.last_seen.as_deref(), Some("2024-03-30T00:00:00.000Z"));
        assert_eq!(score_adjustment(&s), 0);
    }
}
