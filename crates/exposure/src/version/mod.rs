//! Versions as vendors write them, and the free-text version ranges of advisories.
//!
//! Medical-device firmware is versioned every way imaginable (`2.4A`, `C.00.04`, `012U000061`,
//! `R4.1L1`, `1.8.4 Service Pack 01`), so a version is compared as a sequence of number and
//! word segments rather than as semver. One comparator serves CSAF ranges and NVD CPE ranges
//! alike, so both sources agree on what "before 8.2.2" means.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ExposureError;

mod range;

pub use range::{parse_product_version, parse_range};

/// One segment of a version: a run of digits or a run of letters.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// Digits with leading zeros removed, compared by length then text so that any length
    /// works without overflow.
    Number(String),
    Word(String),
}

/// A version as written, with its comparable segments. Equality is by meaning: `1.0` equals
/// `1.0.0` and `v2.4A` equals `2.4a`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Version {
    text: String,
    #[serde(skip)]
    segments: Vec<Segment>,
}

impl From<Version> for String {
    fn from(v: Version) -> String {
        v.text
    }
}

impl TryFrom<String> for Version {
    type Error = ExposureError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Version::parse(&s).ok_or_else(|| ExposureError::Range {
            text: s.clone(),
            expected: "a version with at least one letter or digit".into(),
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Words that mark a pre-release: `2.0 beta` comes before `2.0`.
const PRE_RELEASE: &[&str] = &["alpha", "beta", "rc", "pre", "dev", "preview"];

impl Version {
    /// Reads a version; `None` when it holds no letter or digit. A leading `v`/`version`
    /// is dropped so that `v20D32` and `20D32` are the same version.
    pub fn parse(text: &str) -> Option<Version> {
        let trimmed = text.trim();
        let segments = segments_of(trimmed);
        if segments.is_empty() {
            return None;
        }
        Some(Version {
            text: trimmed.to_string(),
            segments,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Compares only as many segments as `prefix` has: `12.2.7` equals the prefix `12.2`.
    fn cmp_prefix(&self, prefix: &Version) -> Ordering {
        let n = prefix.segments.len();
        let mine: Vec<Segment> = self.segments.iter().take(n).cloned().collect();
        cmp_segments(&mine, &prefix.segments)
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_segments(&self.segments, &other.segments)
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn segments_of(text: &str) -> Vec<Segment> {
    let lower = text.to_ascii_lowercase();
    let mut rest = lower.as_str();
    for prefix in ["version", "ver.", "ver", "rev.", "rev", "release"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            if r.starts_with(|c: char| c.is_whitespace() || c == '.') {
                rest = r.trim_start_matches(|c: char| c.is_whitespace() || c == '.');
                break;
            }
        }
    }
    // `v20D32` and `V6.x` carry a cosmetic `v`; `VM5.0` does not.
    let bytes = rest.as_bytes();
    if bytes.len() > 1 && bytes[0] == b'v' && bytes[1].is_ascii_digit() {
        rest = &rest[1..];
    }
    let mut out = Vec::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let digits = rest[start..end].trim_start_matches('0');
            out.push(Segment::Number(digits.to_string()));
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push(Segment::Word(rest[start..end].to_string()));
        }
    }
    out
}

fn is_zero(s: &Segment) -> bool {
    matches!(s, Segment::Number(n) if n.is_empty())
}

fn cmp_segments(a: &[Segment], b: &[Segment]) -> Ordering {
    let mut i = 0;
    loop {
        match (a.get(i), b.get(i)) {
            (None, None) => return Ordering::Equal,
            (Some(_), None) => return tail_order(&a[i..]),
            (None, Some(_)) => return tail_order(&b[i..]).reverse(),
            (Some(x), Some(y)) => {
                let o = cmp_segment(x, y);
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
        i += 1;
    }
}

/// How a version with extra segments compares to the same version without them: `1.0.0`
/// equals `1.0`, `2.4A` and `1.8.4 Service Pack 01` come after, `2.0 beta` before.
fn tail_order(tail: &[Segment]) -> Ordering {
    match tail.iter().find(|s| !is_zero(s)) {
        None => Ordering::Equal,
        Some(Segment::Word(w)) if PRE_RELEASE.contains(&w.as_str()) => Ordering::Less,
        Some(_) => Ordering::Greater,
    }
}

fn cmp_segment(a: &Segment, b: &Segment) -> Ordering {
    match (a, b) {
        (Segment::Number(x), Segment::Number(y)) => x.len().cmp(&y.len()).then_with(|| x.cmp(y)),
        (Segment::Word(x), Segment::Word(y)) => x.cmp(y),
        // Numbered releases sort after lettered ones at the same position (`1.a` < `1.1`).
        (Segment::Number(_), Segment::Word(_)) => Ordering::Greater,
        (Segment::Word(_), Segment::Number(_)) => Ordering::Less,
    }
}

/// One end of an interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bound {
    pub version: Version,
    pub inclusive: bool,
    /// The bound was written with a wildcard (`11.x`): it stands for every version sharing
    /// that prefix.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wildcard: bool,
}

impl Bound {
    fn order(&self, v: &Version) -> Ordering {
        if self.wildcard {
            v.cmp_prefix(&self.version)
        } else {
            v.cmp(&self.version)
        }
    }
    fn admits_from_below(&self, v: &Version) -> bool {
        match self.order(v) {
            Ordering::Less => true,
            Ordering::Equal => self.inclusive,
            Ordering::Greater => false,
        }
    }
    fn admits_from_above(&self, v: &Version) -> bool {
        match self.order(v) {
            Ordering::Greater => true,
            Ordering::Equal => self.inclusive,
            Ordering::Less => false,
        }
    }
}

/// A contiguous set of versions; an absent end is unbounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<Bound>,
}

impl Interval {
    pub fn contains(&self, v: &Version) -> bool {
        self.lower
            .as_ref()
            .into_iter()
            .all(|b| b.admits_from_above(v))
            && self
                .upper
                .as_ref()
                .into_iter()
                .all(|b| b.admits_from_below(v))
    }

    fn exactly(version: Version, wildcard: bool) -> Interval {
        let b = Bound {
            version,
            inclusive: true,
            wildcard,
        };
        Interval {
            lower: Some(b.clone()),
            upper: Some(b),
        }
    }
}

/// Which versions an advisory says are affected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VersionSpec {
    /// Every version (`vers:all/*`).
    All,
    /// A union of intervals and single versions.
    Ranges { intervals: Vec<Interval> },
    /// The advisory names a manufacturing or distribution date, not a version
    /// (`distributed < april 1, 2018`): the inventory cannot settle it.
    ByDate { text: String },
    /// The advisory names models or editions, not versions (`MMT-1710`, `2nd Edition`):
    /// every version of those models is affected.
    Models { models: Vec<String> },
}

/// The answer to "is this version affected?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Affected,
    NotAffected,
    /// The advisory or the inventory does not say enough to decide.
    Undetermined,
}

impl VersionSpec {
    /// `version` is `None` when the inventory leaves it blank.
    pub fn verdict(&self, version: Option<&Version>) -> Verdict {
        match self {
            VersionSpec::All | VersionSpec::Models { .. } => Verdict::Affected,
            VersionSpec::ByDate { .. } => Verdict::Undetermined,
            VersionSpec::Ranges { intervals } => match version {
                None => Verdict::Undetermined,
                Some(v) if intervals.iter().any(|i| i.contains(v)) => Verdict::Affected,
                Some(_) => Verdict::NotAffected,
            },
        }
    }

    /// The first version past every affected range when it is known exactly (`< 8.2.2`
    /// gives 8.2.2); `<= 2.3.6` gives nothing because the next release is not named.
    pub fn first_fixed(&self) -> Option<&Version> {
        let VersionSpec::Ranges { intervals } = self else {
            return None;
        };
        let mut best: Option<&Bound> = None;
        for i in intervals {
            let u = i.upper.as_ref()?;
            if best.into_iter().all(|b| u.version > b.version) {
                best = Some(u);
            }
        }
        let b = best?;
        (!b.inclusive && !b.wildcard).then_some(&b.version)
    }
}

/// A parsed advisory range plus the words around it that narrow it (`(integrated into GE
/// MobileLink)`, `on Windows 8.1 with IIS 7.5`), kept for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedVersions {
    pub spec: VersionSpec,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn versions_order_like_vendors_mean() {
        assert!(v("1.10") > v("1.9"));
        assert_eq!(v("1.0"), v("1.0.0"));
        assert!(v("2.4A") > v("2.4"));
        assert!(v("2.0 beta") < v("2.0"));
        assert!(v("1.8.4 Service Pack 01") > v("1.8.4"));
        assert!(v("v20D32") > v("20D29"));
        assert!(v("012U000040") < v("012U000061"));
        assert!(v("99999999999999999999999999.1") > v("9999999999999999999999999.9"));
    }
}
