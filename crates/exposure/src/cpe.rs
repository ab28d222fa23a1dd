//! CPE 2.3 formatted names and NVD's match criteria with version ranges.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::version::Version;

/// A CPE 2.3 name split into its eleven attributes, lowercased; `*` is ANY, `-` is NA.
/// One string with attribute offsets: a large NVD feed holds hundreds of thousands of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cpe {
    text: String,
    spans: [(u32, u32); 11],
}

const PART: usize = 0;
const VENDOR: usize = 1;
const PRODUCT: usize = 2;
const VERSION: usize = 3;

impl Cpe {
    /// Reads `cpe:2.3:a:vendor:product:version:...`; missing trailing attributes are ANY.
    /// Colons escaped with a backslash stay inside their attribute.
    pub fn parse(text: &str) -> Option<Cpe> {
        let rest = text.trim().strip_prefix("cpe:2.3:")?;
        if rest.len() > u32::MAX as usize / 2 {
            return None;
        }
        let mut text = String::with_capacity(rest.len() + 16);
        let mut spans = [(0u32, 0u32); 11];
        let mut n = 0;
        let mut start = 0u32;
        let mut escaped = false;
        let mut blank = [false; 11];
        let close = |text: &mut String, start: u32| {
            let was_blank = text.len() as u32 == start;
            if was_blank {
                text.push('*');
            }
            ((start, text.len() as u32), was_blank)
        };
        for c in rest.chars() {
            if escaped {
                text.push(c);
                escaped = false;
            } else if c == '\\' {
                text.push(c);
                escaped = true;
            } else if c == ':' {
                if n == 10 {
                    return None;
                }
                (spans[n], blank[n]) = close(&mut text, start);
                n += 1;
                start = text.len() as u32;
            } else {
                text.extend(c.to_lowercase());
            }
        }
        (spans[n], blank[n]) = close(&mut text, start);
        n += 1;
        // Part and vendor must be written (blank attributes become `*` above).
        if n < 3 || blank[PART] || blank[VENDOR] {
            return None;
        }
        for span in spans.iter_mut().skip(n) {
            let start = text.len() as u32;
            text.push('*');
            *span = (start, start + 1);
        }
        Some(Cpe { text, spans })
    }

    fn from_attrs<'a>(attrs: impl Iterator<Item = &'a str>) -> Cpe {
        let mut text = String::new();
        let mut spans = [(0u32, 0u32); 11];
        let mut n = 0;
        for (i, a) in attrs.take(11).enumerate() {
            let a = if a.is_empty() { "*" } else { a };
            let start = text.len() as u32;
            text.push_str(a);
            spans[i] = (start, text.len() as u32);
            n = i + 1;
        }
        for span in spans.iter_mut().skip(n) {
            let start = text.len() as u32;
            text.push('*');
            *span = (start, start + 1);
        }
        Cpe { text, spans }
    }

    fn attr(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        &self.text[a as usize..b as usize]
    }

    /// A CPE for an inventory row that has none: part unknown, vendor and product in NVD's
    /// underscore style.
    pub fn from_names(vendor_key: &str, product: &str, version: Option<&str>) -> Cpe {
        let version = version
            .filter(|v| !v.trim().is_empty())
            .map(|v| v.trim().to_lowercase().replace(' ', "_"))
            .unwrap_or_else(|| "*".to_string());
        let (vendor, product) = (cpe_word(vendor_key), cpe_word(product));
        Cpe::from_attrs(["*", &vendor, &product, &version].into_iter())
    }

    pub fn vendor(&self) -> &str {
        self.attr(VENDOR)
    }

    pub fn product(&self) -> &str {
        self.attr(PRODUCT)
    }

    pub fn version(&self) -> &str {
        self.attr(VERSION)
    }
}

/// `Windows 10` → `windows_10`, the way NVD spells product names.
pub fn cpe_word(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '+')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn attr_matches(criteria: &str, asset: &str) -> bool {
    criteria == "*" || asset == "*" || criteria == asset
}

/// One `cpeMatch` entry of an NVD configuration node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpeMatch {
    pub vulnerable: bool,
    pub criteria: String,
    #[serde(
        rename = "versionStartIncluding",
        skip_serializing_if = "Option::is_none"
    )]
    pub version_start_including: Option<String>,
    #[serde(
        rename = "versionStartExcluding",
        skip_serializing_if = "Option::is_none"
    )]
    pub version_start_excluding: Option<String>,
    #[serde(
        rename = "versionEndIncluding",
        skip_serializing_if = "Option::is_none"
    )]
    pub version_end_including: Option<String>,
    #[serde(
        rename = "versionEndExcluding",
        skip_serializing_if = "Option::is_none"
    )]
    pub version_end_excluding: Option<String>,
}

fn bound(incl: &Option<String>, excl: &Option<String>) -> Option<(Version, bool)> {
    incl.as_deref()
        .and_then(Version::parse)
        .map(|v| (v, true))
        .or_else(|| excl.as_deref().and_then(Version::parse).map(|v| (v, false)))
}

/// A `CpeMatch` with its criteria parsed once.
#[derive(Debug, Clone)]
pub struct CompiledMatch {
    pub raw: CpeMatch,
    pub cpe: Cpe,
}

impl CompiledMatch {
    pub fn compile(raw: CpeMatch) -> Option<CompiledMatch> {
        let cpe = Cpe::parse(&raw.criteria)?;
        Some(CompiledMatch { raw, cpe })
    }

    // Bounds are parsed when a candidate is evaluated, not at load: most records of a large
    // feed never meet an asset.
    fn start(&self) -> Option<(Version, bool)> {
        bound(
            &self.raw.version_start_including,
            &self.raw.version_start_excluding,
        )
    }

    fn end(&self) -> Option<(Version, bool)> {
        bound(
            &self.raw.version_end_including,
            &self.raw.version_end_excluding,
        )
    }

    fn has_range(&self) -> bool {
        self.raw.version_start_including.is_some()
            || self.raw.version_start_excluding.is_some()
            || self.raw.version_end_including.is_some()
            || self.raw.version_end_excluding.is_some()
    }

    /// Does the asset's CPE fall under this criteria? `None` when it cannot be told (the
    /// asset's version is unknown and the criteria needs one).
    pub fn matches(&self, asset: &Cpe) -> Option<bool> {
        for i in [PART, VENDOR, PRODUCT] {
            if !attr_matches(self.cpe.attr(i), asset.attr(i)) {
                return Some(false);
            }
        }
        for i in VERSION + 1..11 {
            if !attr_matches(self.cpe.attr(i), asset.attr(i)) {
                return Some(false);
            }
        }
        let crit_version = self.cpe.version();
        let asset_version = asset.version();
        if self.has_range() {
            if asset_version == "*" || asset_version == "-" {
                return None;
            }
            let v = Version::parse(asset_version)?;
            let after_start = self
                .start()
                .as_ref()
                .into_iter()
                .all(|(s, incl)| match v.cmp(s) {
                    Ordering::Greater => true,
                    Ordering::Equal => *incl,
                    Ordering::Less => false,
                });
            let before_end = self
                .end()
                .as_ref()
                .into_iter()
                .all(|(e, incl)| match v.cmp(e) {
                    Ordering::Less => true,
                    Ordering::Equal => *incl,
                    Ordering::Greater => false,
                });
            return Some(after_start && before_end);
        }
        if crit_version == "*" {
            return Some(true);
        }
        if asset_version == "*" {
            return None;
        }
        if crit_version == asset_version {
            return Some(true);
        }
        match (Version::parse(crit_version), Version::parse(asset_version)) {
            (Some(a), Some(b)) => Some(a == b),
            _ => Some(false),
        }
    }

    /// The first fixed version, when NVD gives it (`versionEndExcluding`).
    pub fn fixed_version(&self) -> Option<&str> {
        self.raw.version_end_excluding.as_deref()
    }

    /// The affected range in words, for the reader.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = &self.raw.version_start_including {
            parts.push(format!("from {v}"));
        }
        if let Some(v) = &self.raw.version_start_excluding {
            parts.push(format!("after {v}"));
        }
        if let Some(v) = &self.raw.version_end_including {
            parts.push(format!("up to and including {v}"));
        }
        if let Some(v) = &self.raw.version_end_excluding {
            parts.push(format!("before {v}"));
        }
        if parts.is_empty() {
            let v = self.cpe.version();
            if v == "*" {
                "all versions".to_string()
            } else {
                format!("version {v}")
            }
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(json: &str) -> CompiledMatch {
        CompiledMatch::compile(serde_json::from_str(json).unwrap()).unwrap()
    }

    fn cpe(s: &str) -> Cpe {
        Cpe::parse(s).unwrap()
    }

    #[test]
    fn range_boundaries_including_and_excluding() {
        let incl = m(
            r#"{"vulnerable":true,"criteria":"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
            "versionStartIncluding":"1.0.1","versionEndIncluding":"1.0.1f"}"#,
        );
        let excl = m(
            r#"{"vulnerable":true,"criteria":"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
            "versionStartExcluding":"1.0.1","versionEndExcluding":"1.0.1g"}"#,
        );
        let at = |v: &str| cpe(&format!("cpe:2.3:a:openssl:openssl:{v}:*:*:*:*:*:*:*"));
        assert_eq!(incl.matches(&at("1.0.1")), Some(true));
        assert_eq!(incl.matches(&at("1.0.1f")), Some(true));
        assert_eq!(incl.matches(&at("1.0.1g")), Some(false));
        assert_eq!(incl.matches(&at("1.0.0")), Some(false));
        assert_eq!(excl.matches(&at("1.0.1")), Some(false));
        assert_eq!(excl.matches(&at("1.0.1a")), Some(true));
        assert_eq!(excl.matches(&at("1.0.1g")), Some(false));
        assert_eq!(excl.fixed_version(), Some("1.0.1g"));
        assert_eq!(incl.matches(&at("*")), None);
    }

    #[test]
    fn exact_version_and_other_attributes() {
        let sp = m(
            r#"{"vulnerable":true,"criteria":"cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*"}"#,
        );
        assert_eq!(
            sp.matches(&cpe("cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*")),
            Some(true)
        );
        assert_eq!(
            sp.matches(&cpe("cpe:2.3:o:microsoft:windows_xp:-:sp2:*:*:*:*:*:*")),
            Some(false)
        );
        assert_eq!(
            sp.matches(&cpe("cpe:2.3:a:microsoft:windows_xp:-:sp3:*:*:*:*:*:*")),
            Some(false)
        );
        let named = Cpe::from_names("microsoft", "Windows XP", Some("-"));
        assert_eq!(named.product(), "windows_xp");
    }

    #[test]
    fn escaped_colon_stays_in_attribute() {
        let c = cpe(r"cpe:2.3:a:foo\:bar:baz:1.0");
        assert_eq!(c.vendor(), r"foo\:bar");
        assert_eq!(c.version(), "1.0");
        assert!(Cpe::parse("cpe:/a:foo:bar").is_none());
        assert!(Cpe::parse("cpe:2.3:").is_none());
    }
}
