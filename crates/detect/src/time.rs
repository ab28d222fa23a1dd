//! Log timestamps (epoch seconds, RFC 3339 with any offset, syslog's `Mmm dd hh:mm:ss`,
//! CEF's epoch milliseconds and `Mmm dd yyyy hh:mm:ss`) turned into STIX timestamps, the
//! one representation (`ward_stix::Timestamp`) the rest of ward reads. Parsed only for
//! events that raise an alert.

use ward_stix::{Lenient, Timestamp};

use crate::event::RawTime;

/// The instant of an event. Formats that leave the year out (RFC 3164 syslog) are given the
/// most recent year that puts the event at or before `now` (a `Dec 31` line read on Jan 2 is
/// from last year, not eleven months ahead).
pub fn normalize(raw: RawTime, text: Option<&str>, now: Timestamp) -> Option<Timestamp> {
    match raw {
        RawTime::None => None,
        RawTime::Epoch(secs) => Lenient::logs(now).epoch_seconds(secs),
        RawTime::Text(..) => text.and_then(|t| parse_text(t.trim(), now)),
    }
}

/// A log's time text, through the one lenient parser with log defaults; anything longer
/// than 64 bytes is not a time.
fn parse_text(t: &str, now: Timestamp) -> Option<Timestamp> {
    if t.len() > 64 {
        return None;
    }
    Lenient::logs(now).parse(t)
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

    #[test]
    fn formats() {
        assert_eq!(
            Lenient::logs(Timestamp::now())
                .epoch_seconds(1_700_000_000.5)
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
