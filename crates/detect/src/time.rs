//! Log timestamps (epoch seconds, RFC 3339 with any offset, syslog's `Mmm dd hh:mm:ss`,
//! CEF's epoch milliseconds and `Mmm dd yyyy hh:mm:ss`) turned into STIX timestamps, the
//! one representation (`ward_stix::Timestamp`) the rest of ward reads. Parsed only for
//! events that raise an alert.

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Utc};
use ward_stix::Timestamp;

use crate::event::RawTime;

/// The instant of an event. Formats that leave the year out (RFC 3164 syslog) are given the
/// most recent year that puts the event at or before `now` (a `Dec 31` line read on Jan 2 is
/// from last year, not eleven months ahead).
pub fn normalize(raw: RawTime, text: Option<&str>, now: Timestamp) -> Option<Timestamp> {
    match raw {
        RawTime::None => None,
        RawTime::Epoch(secs) => from_epoch_secs(secs),
        RawTime::Text(..) => text.and_then(|t| parse_text(t.trim(), now)),
    }
}

/// A log written in a time zone ahead of UTC (the syslog time has no zone and is read as
/// UTC) can look up to this far ahead of `now` and still be from today.
const ZONE_SLACK_MICROS: i64 = 26 * 3600 * 1_000_000;

fn from_epoch_secs(secs: f64) -> Option<Timestamp> {
    // Years 1970..=9999 only: anything else is not a log time.
    if !(0.0..253_402_300_800.0).contains(&secs) {
        return None;
    }
    Some(Timestamp::from_micros((secs * 1e6).round() as i64))
}

fn from_chrono<Tz: TimeZone>(t: DateTime<Tz>) -> Option<Timestamp> {
    let utc = t.with_timezone(&Utc);
    if !(1970..=9999).contains(&utc.year()) {
        return None;
    }
    Some(Timestamp::from_micros(utc.timestamp_micros()))
}

fn parse_text(t: &str, now: Timestamp) -> Option<Timestamp> {
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let n: f64 = t.parse().ok()?;
        // CEF `rt` is milliseconds; epoch seconds stay below 1e11 until the year 5138.
        return from_epoch_secs(if n > 1e11 { n / 1000.0 } else { n });
    }
    if let Ok(ts) = Timestamp::parse(t) {
        return Some(ts);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return from_chrono(d);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%.f%:z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, fmt) {
            return from_chrono(d);
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%b %d %Y %H:%M:%S%.f",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, fmt) {
            return from_chrono(d.and_utc());
        }
    }
    // RFC 3164: `Jan  5 10:00:00`, no year, no zone (taken as UTC).
    let squeezed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let this_year = DateTime::from_timestamp_micros(now.as_micros())?.year();
    let latest = now.as_micros().saturating_add(ZONE_SLACK_MICROS);
    // This year, else the year before; Feb 29 may need up to eight years back (2104 → 2096).
    (0..=8).find_map(|back| {
        let with_year = format!("{} {squeezed}", this_year - back);
        let t = NaiveDateTime::parse_from_str(&with_year, "%Y %b %d %H:%M:%S")
            .ok()
            .and_then(|d| from_chrono(d.and_utc()))?;
        (t.as_micros() <= latest).then_some(t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(now: &str, t: &str) -> Option<String> {
        parse_text(t, Timestamp::parse(now).unwrap()).map(|x| x.to_string())
    }

    fn text(t: &str) -> Option<String> {
        at("2024-12-31T00:00:00Z", t)
    }

    /// Issue 16: syslog lines without a year were dated in the current year, so a `Dec 31`
    /// line read on Jan 2 was dated eleven months ahead.
    #[test]
    fn syslog_lines_without_a_year_are_in_the_past() {
        let jan2 = "2025-01-02T08:00:00Z";
        assert_eq!(
            at(jan2, "Dec 31 23:59:00").as_deref(),
            Some("2024-12-31T23:59:00.000000Z")
        );
        assert_eq!(
            at(jan2, "Jan  2 07:00:00").as_deref(),
            Some("2025-01-02T07:00:00.000000Z")
        );
        // A clock a few hours ahead (a zone east of UTC) is still today.
        assert_eq!(
            at(jan2, "Jan  2 20:00:00").as_deref(),
            Some("2025-01-02T20:00:00.000000Z")
        );
        assert_eq!(
            at(jan2, "Jan  5 10:00:00").as_deref(),
            Some("2024-01-05T10:00:00.000000Z")
        );
        // Feb 29 goes back to the last leap year.
        assert_eq!(
            at("2027-03-01T00:00:00Z", "Feb 29 12:00:00").as_deref(),
            Some("2024-02-29T12:00:00.000000Z")
        );
        assert_eq!(at(jan2, "Feb 30 12:00:00"), None);
    }

    #[test]
    fn formats() {
        assert_eq!(
            from_epoch_secs(1_700_000_000.5)
                .map(|t| t.to_string())
                .as_deref(),
            Some("2023-11-14T22:13:20.500000Z")
        );
        assert_eq!(
            text("2024-01-05T10:00:00.123456+0100").as_deref(),
            Some("2024-01-05T09:00:00.123456Z")
        );
        assert_eq!(
            text("2024-01-05T10:00:00Z").as_deref(),
            Some("2024-01-05T10:00:00Z")
        );
        assert_eq!(
            text("Jan  5 10:00:00").as_deref(),
            Some("2024-01-05T10:00:00.000000Z")
        );
        assert_eq!(
            text("1704448800000").as_deref(),
            Some("2024-01-05T10:00:00.000000Z")
        );
        assert_eq!(
            text("Jan 05 2024 10:00:00").as_deref(),
            Some("2024-01-05T10:00:00.000000Z")
        );
        for bad in [
            "",
            "yesterday",
            "99999999999999999999",
            "-5",
            "2024-13-01T00:00:00Z",
        ] {
            assert_eq!(text(bad), None, "{bad}");
        }
    }
}
