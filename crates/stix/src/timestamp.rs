//! STIX timestamps: the one parser and formatter of RFC 3339 UTC instants used across ward.
//!
//! STIX 2.1 (section 3.2) requires `YYYY-MM-DDTHH:MM:SS[.s+]Z`: upper-case `T` and `Z`, UTC
//! only, any number of fractional digits. We keep the number of fractional digits because the
//! spec's precision rules (created/modified at least milliseconds) depend on it.

use std::cmp::Ordering;
use std::fmt;

/// An instant with nanosecond resolution and the precision it was written with.
#[derive(Clone, Copy, Debug, Eq)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub secs: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
    /// How many fractional-second digits the text had (0 when none).
    pub frac_digits: u8,
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.secs == other.secs && self.nanos == other.nanos
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.secs, self.nanos).cmp(&(other.secs, other.nanos))
    }
}

/// Why a string is not a STIX timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimestampError {
    #[error("expected a timestamp like 2016-05-12T08:17:27.000Z, got {0:?}")]
    Shape(String),
    #[error("{field} {value} out of range in {text:?}")]
    Range {
        field: &'static str,
        value: u32,
        text: String,
    },
}

fn digits(bytes: &[u8], from: usize, len: usize) -> Option<u32> {
    let part = bytes.get(from..from + len)?;
    let mut value = 0u32;
    for &b in part {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(b - b'0');
    }
    Some(value)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Timestamp {
    /// Parses a STIX timestamp. Strict: exactly the RFC 3339 profile STIX allows.
    pub fn parse(text: &str) -> Result<Timestamp, TimestampError> {
        let b = text.as_bytes();
        let shape = || TimestampError::Shape(text.chars().take(64).collect());
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[b.len() - 1] != b'Z'
        {
            return Err(shape());
        }
        let year = digits(b, 0, 4).ok_or_else(shape)?;
        let month = digits(b, 5, 2).ok_or_else(shape)?;
        let day = digits(b, 8, 2).ok_or_else(shape)?;
        let hour = digits(b, 11, 2).ok_or_else(shape)?;
        let minute = digits(b, 14, 2).ok_or_else(shape)?;
        let second = digits(b, 17, 2).ok_or_else(shape)?;
        let mut nanos = 0u32;
        let mut frac_digits = 0u8;
        let rest = &b[19..b.len() - 1];
        if !rest.is_empty() {
            if rest[0] != b'.' || rest.len() < 2 {
                return Err(shape());
            }
            for (i, &c) in rest[1..].iter().enumerate() {
                if !c.is_ascii_digit() {
                    return Err(shape());
                }
                if i < 9 {
                    nanos = nanos * 10 + u32::from(c - b'0');
                }
            }
            let n = rest.len() - 1;
            for _ in n..9 {
                nanos *= 10;
            }
            frac_digits = n.min(255) as u8;
        }
        let range = |field, value| TimestampError::Range {
            field,
            value,
            text: text.chars().take(64).collect(),
        };
        if !(1..=12).contains(&month) {
            return Err(range("month", month));
        }
        if day == 0 || day > days_in_month(i64::from(year), month) {
            return Err(range("day", day));
        }
        if hour > 23 {
            return Err(range("hour", hour));
        }
        if minute > 59 {
            return Err(range("minute", minute));
        }
        // 60 is a leap second; RFC 3339 allows it and we fold it into the next second.
        if second > 60 {
            return Err(range("second", second));
        }
        let days = days_from_civil(i64::from(year), month, day);
        let secs =
            days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
        Ok(Timestamp {
            secs,
            nanos,
            frac_digits,
        })
    }

    /// The current time, with microsecond precision.
    pub fn now() -> Timestamp {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp {
            secs: d.as_secs() as i64,
            nanos: d.subsec_micros() * 1000,
            frac_digits: 6,
        }
    }

    /// Builds a timestamp from microseconds since the epoch (the store's unit).
    pub fn from_micros(micros: i64) -> Timestamp {
        Timestamp {
            secs: micros.div_euclid(1_000_000),
            nanos: (micros.rem_euclid(1_000_000) * 1000) as u32,
            frac_digits: 6,
        }
    }

    /// Microseconds since the epoch (truncating anything finer).
    pub fn as_micros(&self) -> i64 {
        self.secs * 1_000_000 + i64::from(self.nanos / 1000)
    }

    /// Nanoseconds since the epoch as i128 (no overflow for any 4-digit year).
    pub fn as_nanos(&self) -> i128 {
        i128::from(self.secs) * 1_000_000_000 + i128::from(self.nanos)
    }

    /// The same instant written with `digits` fractional digits (0-9).
    pub fn with_precision(mut self, digits: u8) -> Timestamp {
        self.frac_digits = digits.min(9);
        self
    }
}

/// A log written in a time zone ahead of UTC (the syslog time has no zone and is read as
/// UTC) can look up to this far ahead of `now` and still be from today.
const ZONE_SLACK_MICROS: i64 = 26 * 3600 * 1_000_000;

/// One past the last second of 9999-12-31, the end of the years a log time may have.
const END_OF_9999: f64 = 253_402_300_800.0;

/// Date and time forms with a UTC offset, tried after RFC 3339 proper.
const WITH_OFFSET: [&str; 3] = [
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f%:z",
];

/// Date and time forms without a zone, read as UTC.
const WITHOUT_ZONE: [&str; 4] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    // CEF's `Mmm dd yyyy hh:mm:ss`.
    "%b %d %Y %H:%M:%S%.f",
];

/// The one lenient reader of the dates and times outside sources write, beside the strict
/// STIX one. It reads, after trimming white space:
///
/// - a STIX timestamp ([`Timestamp::parse`]);
/// - RFC 3339 with any offset, and the same with `+hhmm`, `+hh:mm` or a space for the `T`;
/// - `YYYY-MM-DD[T ]hh:mm:ss[.f]` and CEF's `Mmm dd yyyy hh:mm:ss[.f]` without a zone (UTC);
/// - a date alone, `YYYY-MM-DD` (midnight UTC);
/// - Unix seconds (see [`Lenient::logs`] and [`Lenient::FEEDS`] for how numbers are read);
/// - RFC 3164 syslog's `Mmm dd hh:mm:ss`, without a year, when a reference time is given.
///
/// Callers differ only in what the text leaves open; each picks its defaults here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lenient {
    /// The reference for forms without a year; without it they are refused.
    now: Option<Timestamp>,
    /// Log times: years 1970-9999 and CEF's milliseconds.
    log: bool,
}

impl Lenient {
    /// Dates as feeds write them: any year; a bare number is Unix seconds (whole seconds up to
    /// 12 digits, or with a fraction); no reference year, so syslog's form is refused.
    pub const FEEDS: Lenient = Lenient {
        now: None,
        log: false,
    };

    /// Log times read at `now`: only years 1970-9999 (from any form but a STIX timestamp); a
    /// bare number above 1e11 is milliseconds (CEF's `rt`; seconds stay below 1e11 until
    /// the year 5138); a syslog time without a year gets the most recent year that puts it
    /// at or before `now` (a `Dec 31` line read on Jan 2 is from last year), allowing a day
    /// of clock skew for zones east of UTC.
    pub fn logs(now: Timestamp) -> Lenient {
        Lenient {
            now: Some(now),
            log: true,
        }
    }

    /// Reads `text` in any of the forms above; `None` when it is none of them.
    pub fn parse(self, text: &str) -> Option<Timestamp> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return self.number(t);
        }
        if let Ok(ts) = Timestamp::parse(t) {
            return Some(ts);
        }
        if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
            return self.instant(d);
        }
        for fmt in WITH_OFFSET {
            if let Ok(d) = chrono::DateTime::parse_from_str(t, fmt) {
                return self.instant(d);
            }
        }
        for fmt in WITHOUT_ZONE {
            if let Ok(d) = chrono::NaiveDateTime::parse_from_str(t, fmt) {
                return self.instant(d.and_utc());
            }
        }
        if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return self.instant(d.and_hms_opt(0, 0, 0)?.and_utc());
        }
        self.syslog(t)
    }

    /// Unix seconds given as a number (a log's epoch field), to the microsecond: log times
    /// only in years 1970-9999, otherwise any time whose microseconds fit in an `i64`.
    pub fn epoch_seconds(self, secs: f64) -> Option<Timestamp> {
        if self.log && !(0.0..END_OF_9999).contains(&secs) {
            return None;
        }
        let micros = (secs * 1e6).round();
        // i64::MAX as f64 rounds up to 2^63, itself out of range: the bound is exclusive.
        if !(-(2f64.powi(63))..2f64.powi(63)).contains(&micros) {
            return None;
        }
        Some(Timestamp::from_micros(micros as i64))
    }

    fn number(self, t: &str) -> Option<Timestamp> {
        if !self.log && t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit()) {
            let secs: i64 = t.parse().ok()?;
            return Some(Timestamp::from_micros(secs.checked_mul(1_000_000)?));
        }
        if !self.log && !t.contains('.') {
            return None;
        }
        let n: f64 = t.parse().ok()?;
        self.epoch_seconds(if self.log && n > 1e11 { n / 1000.0 } else { n })
    }

    fn instant<Tz: chrono::TimeZone>(self, t: chrono::DateTime<Tz>) -> Option<Timestamp> {
        let utc = t.with_timezone(&chrono::Utc);
        if self.log && !(1970..=9999).contains(&chrono::Datelike::year(&utc)) {
            return None;
        }
        Some(Timestamp::from_micros(utc.timestamp_micros()))
    }

    /// RFC 3164: `Jan  5 10:00:00`, no year, no zone (taken as UTC).
    fn syslog(self, t: &str) -> Option<Timestamp> {
        let now = self.now?;
        let squeezed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let this_year =
            chrono::Datelike::year(&chrono::DateTime::from_timestamp_micros(now.as_micros())?);
        let latest = now.as_micros().saturating_add(ZONE_SLACK_MICROS);
        // This year, else the year before; Feb 29 may need up to eight years back (2104 → 2096).
        (0..=8).find_map(|back| {
            let with_year = format!("{} {squeezed}", this_year - back);
            let t = chrono::NaiveDateTime::parse_from_str(&with_year, "%Y %b %d %H:%M:%S")
                .ok()
                .and_then(|d| self.instant(d.and_utc()))?;
            (t.as_micros() <= latest).then_some(t)
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let digits = usize::from(self.frac_digits.min(9));
        if !(0..=9999).contains(&y) {
            write!(
                f,
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
                rem / 3600,
                (rem / 60) % 60,
                rem % 60
            )?;
            if digits > 0 {
                let frac = format!("{:09}", self.nanos);
                write!(f, ".{}", &frac[..digits])?;
            }
            return f.write_str("Z");
        }
        // Every stored version and status detail is formatted here, so the usual case
        // (years 0000-9999) is written digit by digit instead of through `write!`.
        let mut buf = [0u8; 30];
        let mut put = |at: usize, value: u64, width: usize| {
            let mut v = value;
            for i in (0..width).rev() {
                buf[at + i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(0, y as u64, 4);
        put(5, u64::from(m), 2);
        put(8, u64::from(d), 2);
        put(11, (rem / 3600) as u64, 2);
        put(14, ((rem / 60) % 60) as u64, 2);
        put(17, (rem % 60) as u64, 2);
        put(20, u64::from(self.nanos), 9);
        buf[4] = b'-';
        buf[7] = b'-';
        buf[10] = b'T';
        buf[13] = b':';
        buf[16] = b':';
        buf[19] = b'.';
        let mut end = 19;
        if digits > 0 {
            // The fraction's digits sit at 20..29; keep the first `digits` of them.
            end = 20 + digits;
        }
        buf[end] = b'Z';
        // Only ASCII digits and separators were written.
        f.write_str(std::str::from_utf8(&buf[..=end]).map_err(|_| fmt::Error)?)
    }
}

/// A calendar day written `YYYY-MM-DD` (command-line `--date`, `--as-of`, `--expires`, plan
/// dates): exactly that form, nothing lenient, so a typo is refused rather than guessed.
pub fn day(text: &str) -> Option<chrono::NaiveDate> {
    // chrono skips spaces before a number; a day argument has exactly ten characters.
    if text.len() != 10 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return None;
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The general formatting, to check the digit-by-digit one against.
    fn formatted_slowly(t: &Timestamp) -> String {
        let days = t.secs.div_euclid(86_400);
        let rem = t.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let mut out = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            (rem / 60) % 60,
            rem % 60
        );
        let digits = usize::from(t.frac_digits.min(9));
        if digits > 0 {
            out.push('.');
            out.push_str(&format!("{:09}", t.nanos)[..digits]);
        }
        out.push('Z');
        out
    }

    #[test]
    fn fast_formatting_agrees_with_the_general_one() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            // xorshift: seconds across years 0000-9999 and a little beyond, any precision.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let secs = (x % 330_000_000_000) as i64 - 62_200_000_000;
            let t = Timestamp {
                secs,
                nanos: (x >> 20) as u32 % 1_000_000_000,
                frac_digits: (x >> 50) as u8 % 10,
            };
            assert_eq!(t.to_string(), formatted_slowly(&t), "{t:?}");
        }
    }

    #[test]
    fn parses_and_formats_round_trip() {
        for text in [
            "2016-05-12T08:17:27.000Z",
            "2016-05-12T08:17:27Z",
            "2020-02-29T23:59:59.123456Z",
            "1969-12-31T23:59:59.5Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
        ] {
            let ts = Timestamp::parse(text).unwrap();
            assert_eq!(ts.to_string(), text);
        }
    }

    #[test]
    fn rejects_what_stix_forbids() {
        for bad in [
            "2016-05-12 08:17:27Z",
            "2016-05-12T08:17:27",
            "2016-05-12T08:17:27+00:00",
            "2016-05-12t08:17:27z",
            "2016-13-12T08:17:27Z",
            "2019-02-29T08:17:27Z",
            "2016-05-12T24:00:00Z",
            "2016-05-12T08:17:27.Z",
            "",
            "20160512T081727Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn orders_by_instant_not_text() {
        let a = Timestamp::parse("2016-05-12T08:17:27.1Z").unwrap();
        let b = Timestamp::parse("2016-05-12T08:17:27.100Z").unwrap();
        let c = Timestamp::parse("2016-05-12T08:17:27.09Z").unwrap();
        assert_eq!(a, b);
        assert!(c < a);
        assert_eq!(a.frac_digits, 1);
    }

    #[test]
    fn micros_round_trip() {
        let ts = Timestamp::parse("2024-01-02T03:04:05.678901Z").unwrap();
        assert_eq!(Timestamp::from_micros(ts.as_micros()), ts);
    }

    fn lenient(mode: Lenient, text: &str) -> Option<String> {
        mode.parse(text).map(|t| t.to_string())
    }

    /// Every form the lenient parser reads or refuses, with feed and with log defaults.
    #[test]
    fn lenient_forms() {
        let logs = Lenient::logs(Timestamp::parse("2024-12-31T00:00:00Z").unwrap());
        let feeds = Lenient::FEEDS;
        // (text, as a feed date, as a log time)
        let table: [(&str, Option<&str>, Option<&str>); 29] = [
            (
                "2024-01-05T10:00:00Z",
                Some("2024-01-05T10:00:00Z"),
                Some("2024-01-05T10:00:00Z"),
            ),
            (
                " 2024-01-05T10:00:00.5Z\n",
                Some("2024-01-05T10:00:00.5Z"),
                Some("2024-01-05T10:00:00.5Z"),
            ),
            (
                "2024-01-05T10:00:00+01:00",
                Some("2024-01-05T09:00:00.000000Z"),
                Some("2024-01-05T09:00:00.000000Z"),
            ),
            (
                "2024-01-05t10:00:00z",
                Some("2024-01-05T10:00:00.000000Z"),
                Some("2024-01-05T10:00:00.000000Z"),
            ),
            (
                "2024-01-05T10:00:00.123456+0100",
                Some("2024-01-05T09:00:00.123456Z"),
                Some("2024-01-05T09:00:00.123456Z"),
            ),
            (
                "2024-01-05 10:00:00+0100",
                Some("2024-01-05T09:00:00.000000Z"),
                Some("2024-01-05T09:00:00.000000Z"),
            ),
            (
                "2024-01-05 10:00:00",
                Some("2024-01-05T10:00:00.000000Z"),
                Some("2024-01-05T10:00:00.000000Z"),
            ),
            (
                "2024-01-05 10:00:00.25",
                Some("2024-01-05T10:00:00.250000Z"),
                Some("2024-01-05T10:00:00.250000Z"),
            ),
            (
                "2024-01-05T10:00:00",
                Some("2024-01-05T10:00:00.000000Z"),
                Some("2024-01-05T10:00:00.000000Z"),
            ),
            (
                "Jan 05 2024 10:00:00",
                Some("2024-01-05T10:00:00.000000Z"),
                Some("2024-01-05T10:00:00.000000Z"),
            ),
            (
                "2024-01-05",
                Some("2024-01-05T00:00:00.000000Z"),
                Some("2024-01-05T00:00:00.000000Z"),
            ),
            (
                "1704448800",
                Some("2024-01-05T10:00:00.000000Z"),
                Some("2024-01-05T10:00:00.000000Z"),
            ),
            (
                "1704448800.5",
                Some("2024-01-05T10:00:00.500000Z"),
                Some("2024-01-05T10:00:00.500000Z"),
            ),
            // Above 1e11: milliseconds in a log, seconds (up to 12 digits) from a feed.
            ("1704448800000", None, Some("2024-01-05T10:00:00.000000Z")),
            (
                "170444880000",
                Some("7371-03-08T16:00:00.000000Z"),
                Some("1975-05-27T17:48:00.000000Z"),
            ),
            // Syslog needs a reference year: logs have one, feeds do not.
            ("Jan  5 10:00:00", None, Some("2024-01-05T10:00:00.000000Z")),
            ("Dec 31 23:59:00", None, Some("2024-12-31T23:59:00.000000Z")),
            ("Feb  1 00:00:00", None, Some("2024-02-01T00:00:00.000000Z")),
            // Years outside 1970-9999 are not log times.
            (
                "1969-12-31T23:59:59+00:00",
                Some("1969-12-31T23:59:59.000000Z"),
                None,
            ),
            ("1969-12-31", Some("1969-12-31T00:00:00.000000Z"), None),
            // ...except in a STIX timestamp, which is taken as it is.
            (
                "0001-01-01T00:00:00Z",
                Some("0001-01-01T00:00:00Z"),
                Some("0001-01-01T00:00:00Z"),
            ),
            ("", None, None),
            ("   ", None, None),
            ("yesterday", None, None),
            ("-5", None, None),
            ("99999999999999999999", None, None),
            ("2024-13-01T00:00:00Z", None, None),
            ("2024-02-30", None, None),
            ("1.2.3", None, None),
        ];
        for (text, feed, log) in table {
            assert_eq!(lenient(feeds, text).as_deref(), feed, "feed {text:?}");
            assert_eq!(lenient(logs, text).as_deref(), log, "log {text:?}");
        }
    }

    /// Issue 16: syslog lines without a year were dated in the current year, so a `Dec 31`
    /// line read on Jan 2 was dated eleven months ahead.
    #[test]
    fn syslog_lines_without_a_year_are_in_the_past() {
        let at = |now: &str, t: &str| lenient(Lenient::logs(Timestamp::parse(now).unwrap()), t);
        let jan2 = "2025-01-02T08:00:00Z";
        for (now, text, want) in [
            (jan2, "Dec 31 23:59:00", "2024-12-31T23:59:00.000000Z"),
            (jan2, "Jan  2 07:00:00", "2025-01-02T07:00:00.000000Z"),
            // A clock a few hours ahead (a zone east of UTC) is still today.
            (jan2, "Jan  2 20:00:00", "2025-01-02T20:00:00.000000Z"),
            (jan2, "Jan  5 10:00:00", "2024-01-05T10:00:00.000000Z"),
            // Feb 29 goes back to the last leap year.
            (
                "2027-03-01T00:00:00Z",
                "Feb 29 12:00:00",
                "2024-02-29T12:00:00.000000Z",
            ),
        ] {
            assert_eq!(at(now, text).as_deref(), Some(want), "{text} at {now}");
        }
        assert_eq!(at(jan2, "Feb 30 12:00:00"), None);
    }

    #[test]
    fn epoch_seconds_out_of_range_are_refused() {
        let logs = Lenient::logs(Timestamp::now());
        for secs in [-1.0, 253_402_300_800.0, f64::NAN, f64::INFINITY] {
            assert_eq!(logs.epoch_seconds(secs), None, "{secs}");
        }
        for secs in [f64::NAN, f64::INFINITY, 1e13, -1e13] {
            assert_eq!(Lenient::FEEDS.epoch_seconds(secs), None, "{secs}");
        }
        assert_eq!(
            Lenient::FEEDS
                .epoch_seconds(-1.5)
                .map(|t| t.to_string())
                .as_deref(),
            Some("1969-12-31T23:59:58.500000Z")
        );
    }

    proptest::proptest! {
        /// Any instant of years 1970-9999, written in each form the parser reads, reads back
        /// as itself (to the precision the form keeps), with both defaults.
        #[test]
        fn lenient_reads_back_what_each_form_writes(
            secs in 0i64..253_402_300_800,
            micros in 0u32..1_000_000,
        ) {
            let t = chrono::DateTime::from_timestamp(secs, micros * 1000).unwrap();
            let exact = Timestamp::from_micros(t.timestamp_micros());
            let whole = Timestamp::from_micros(secs * 1_000_000);
            let midnight = Timestamp::from_micros(secs.div_euclid(86_400) * 86_400_000_000);
            let forms = [
                (exact.to_string(), exact),
                (t.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string(), exact),
                (t.format("%Y-%m-%dT%H:%M:%S%.6f+0000").to_string(), exact),
                (t.format("%Y-%m-%d %H:%M:%S%.6f+0000").to_string(), exact),
                (t.format("%Y-%m-%d %H:%M:%S%.6f").to_string(), exact),
                (t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(), exact),
                (t.format("%Y-%m-%d %H:%M:%S").to_string(), whole),
                (t.format("%b %d %Y %H:%M:%S").to_string(), whole),
                (t.format("%Y-%m-%d").to_string(), midnight),
                (secs.to_string(), whole),
            ];
            let now = Timestamp::from_micros(secs * 1_000_000 + 1);
            for (text, want) in &forms {
                proptest::prop_assert_eq!(Lenient::FEEDS.parse(text), Some(*want), "feed {}", text);
                // A bare number above 1e11 is milliseconds in a log.
                let millis = text.bytes().all(|b| b.is_ascii_digit()) && secs > 100_000_000_000;
                if !millis {
                    proptest::prop_assert_eq!(Lenient::logs(now).parse(text), Some(*want), "log {}", text);
                }
            }
            // Syslog: no year; read at a `now` just after, it is the same instant.
            let syslog = t.format("%b %e %H:%M:%S").to_string();
            proptest::prop_assert_eq!(Lenient::logs(now).parse(&syslog), Some(whole), "{}", syslog);
        }

        #[test]
        fn lenient_never_panics(text in "\\PC{0,80}", now in proptest::num::i64::ANY) {
            let _ = Lenient::FEEDS.parse(&text);
            let _ = Lenient::logs(Timestamp::from_micros(now / 2)).parse(&text);
        }

        #[test]
        fn lenient_never_panics_on_near_misses(text in "[0-9 :.TZz+-]{0,40}|[A-Za-z]{3} [0-9 :]{0,20}") {
            let _ = Lenient::FEEDS.parse(&text);
            let _ = Lenient::logs(Timestamp::now()).parse(&text);
        }
    }

    #[test]
    fn days_are_year_month_day_only() {
        assert_eq!(
            super::day("2026-11-28"),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
        );
        for bad in [
            "",
            "2026-11-31",
            "28/11/2026",
            "2026-11-28T00:00:00Z",
            "tomorrow",
            " 2026-11-28",
        ] {
            assert_eq!(super::day(bad), None, "{bad}");
        }
    }
}
