//! Log timestamps (epoch seconds, RFC 3339 with any offset, syslog's `Mmm dd hh:mm:ss`,
//! CEF's epoch milliseconds and `Mmm dd yyyy hh:mm:ss`) turned into STIX timestamps, the
//! one representation (`ward_stix::Timestamp`) the rest of ward reads. Parsed only for
//! events that raise an alert.

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Utc};
use ward_stix::Timestamp;

use crate::event::RawTime;

/// The instant of an event. `year` fills in formats that leave it out (RFC 3164 syslog).
pub fn normalize(raw: RawTime, text: Option<&str>, year: i32) -> Option<Timestamp> {
    match raw {
        RawTime::None => None,
        RawTime::Epoch(secs) => from_epoch_secs(secs),
        RawTime::Text(..) => text.and_then(|t| parse_text(t.trim(), year)),
    }
}

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

fn parse_text(t: &str, year: i32) -> Option<Timestamp> {
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
    let with_year = format!("{year} {squeezed}");
    NaiveDateTime::parse_from_str(&with_year, "%Y %b %d %H:%M:%S")
        .ok()
        .and_then(|d| from_chrono(d.and_utc()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Option<String> {
        parse_text(t, 2024).map(|x| x.to_string())
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
