//! Finding an asset's hits: the advisories' product trees and NVD's CPE configurations that
//! name it, with the version-range decision.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use regex::Regex;

use crate::cpe::{cpe_word, Cpe};
use crate::csaf::Remediation;
use crate::inventory::Asset;
use crate::names::{match_product, NameMatch, ProductWords};
use crate::nvd::NvdCatalog;
use crate::report::{AdvisoryRef, Certainty, Cvss, NvdRef};
use crate::version::{Verdict, Version, VersionSpec};

use super::{AdvisoryIndex, IndexedProduct, RawHit, Sources, VendorNames};

/// How well an advisory product matched the asset before versions are looked at.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Part of the product's name, or one of its listed models by name only.
    Partial,
    /// Every identifying word of the product, or the exact model the advisory lists.
    Full,
}

/// Does the advisory's range cover every version, or every version from some point on? Only
/// then can a fix named in the remediation text narrow it.
fn range_is_broad(spec: &VersionSpec) -> bool {
    match spec {
        VersionSpec::All | VersionSpec::Models { .. } => true,
        VersionSpec::Ranges { intervals } => intervals.iter().any(|i| i.upper.is_none()),
        VersionSpec::ByDate { .. } => false,
    }
}

// Long because: walks an advisory's product tree and its vulnerabilities' statuses in one pass,
// with the name, model and version decisions and the reasons given for each.
pub(super) fn csaf_hits(
    asset: &Asset,
    vendor: &VendorNames,
    version: Option<&Version>,
    sources: &Sources,
    index: &AdvisoryIndex,
    out: &mut Vec<RawHit>,
) {
    if !vendor.keys.iter().any(|k| index.by_vendor.contains_key(k)) {
        return;
    }
    let model = asset.model.as_deref().unwrap_or("");
    let product_words =
        ProductWords::for_inventory(&format!("{} {model}", asset.product), &vendor.words);
    let all_words = ProductWords::for_inventory(
        &format!("{} {model} {}", asset.product, asset.name),
        &vendor.words,
    );
    // Every advisory product the asset's name matches, with how well.
    let mut matched: Vec<(&IndexedProduct, Strength, bool)> = Vec::new();
    let mut seen = BTreeSet::new();
    for key in &vendor.keys {
        let Some(candidates) = index.by_vendor.get(key) else {
            continue;
        };
        for cand in candidates {
            if !seen.insert((cand.advisory, cand.product)) {
                continue;
            }
            if cand
                .exclusions
                .iter()
                .any(|e| e.distinctive.iter().all(|w| all_words.all.contains(w)))
            {
                continue;
            }
            let model_named = cand
                .models
                .iter()
                .any(|m| m.distinctive.iter().all(|w| all_words.all.contains(w)));
            let name = cand
                .names
                .iter()
                .filter_map(|n| match_product(&product_words, n))
                .max();
            // A model alone ("MMT-1710") identifies the product only when the vendor matched
            // too, which the index lookup by vendor key already ensured.
            let model_match = cand
                .models
                .iter()
                .any(|m| match_product(&product_words, m).is_some());
            let strength = if model_named || name == Some(NameMatch::Full) {
                Strength::Full
            } else if name.is_some() || model_match {
                Strength::Partial
            } else {
                continue;
            };
            matched.push((cand, strength, model_named));
        }
    }
    // No cross-talk: when one product of an advisory matches the asset fully, a partial match
    // to a different product of the same advisory ("Delta XL" for an "Infinity Delta") is
    // another product, not this one.
    let mut best: HashMap<usize, Strength> = HashMap::new();
    for (cand, strength, _) in &matched {
        let e = best.entry(cand.advisory).or_insert(*strength);
        *e = (*e).max(*strength);
    }
    for (cand, strength, model_named) in matched {
        if best.get(&cand.advisory).is_some_and(|b| *b > strength) {
            continue;
        }
        let adv = &sources.advisories[cand.advisory];
        let product = &adv.products[cand.product];
        let spec = &product.versions.spec;
        let mut certainty = match spec.verdict(version) {
            Verdict::NotAffected => continue,
            Verdict::Affected => Certainty::Confirmed,
            Verdict::Undetermined => Certainty::Possible,
        };
        let mut because = format!(
            "CISA advisory {} lists {} {} ({}) as affected",
            adv.id, product.vendor, product.product_name, product.version_text
        );
        match (spec, version) {
            (VersionSpec::Models { models }, _) => {
                if model_named {
                    because.push_str("; the inventory names the same model");
                } else {
                    certainty = Certainty::Possible;
                    because.push_str(&format!(
                        "; possibly affected: the advisory names specific models ({}), and the inventory does not say which one this is",
                        models.join(", ")
                    ));
                }
            }
            (VersionSpec::ByDate { .. }, _) => because.push_str(
                "; possibly affected: the advisory goes by manufacturing date, which the inventory does not record",
            ),
            (_, Some(v)) => because.push_str(&format!("; this asset runs version {v}")),
            (_, None) => {
                certainty = Certainty::Possible;
                because.push_str(
                    "; possibly affected: the inventory gives no version, so ward cannot tell",
                );
            }
        }
        if let Some(q) = &product.versions.qualifier {
            because.push_str(&format!(" (advisory note: {q})"));
        }
        let fixed = spec.first_fixed().map(|v| v.to_string());
        for vuln in &adv.vulnerabilities {
            if !vuln
                .known_affected
                .iter()
                .any(|id| id == &product.product_id)
            {
                continue;
            }
            let remediations = vuln.remediations_for(&product.product_id);
            let named_fix = remediations
                .iter()
                .filter(|r| offers_fix(r))
                .find_map(|r| fix_in_text(&r.details, version));
            // The fix shipped in a version the asset already runs: the broad range ("all
            // versions") was written before the fix.
            if let (Some(fix), Some(v), true) = (&named_fix, version, range_is_broad(spec)) {
                if fix.covers(v) {
                    continue;
                }
            }
            let fixed_version = fixed.clone().or_else(|| {
                named_fix
                    .as_ref()
                    .filter(|f| !f.strict && version.is_none_or(|v| f.version > *v))
                    .map(|f| f.version.to_string())
            });
            out.push(RawHit {
                id: vuln.cve.clone().unwrap_or_else(|| adv.id.clone()),
                title: vuln.title.clone().or_else(|| vuln.cwe.clone()),
                description: vuln.summary.clone(),
                certainty,
                matched_because: because.clone(),
                advisory: Some(AdvisoryRef {
                    id: adv.id.clone(),
                    title: adv.title.clone(),
                    url: adv.url.clone(),
                    product: product.product_name.clone(),
                    affected_versions: product.version_text.clone(),
                    qualifier: product.versions.qualifier.clone(),
                }),
                nvd: None,
                fixed_version,
                remediations,
                cvss: vuln
                    .cvss_for(&product.product_id)
                    .map(|(base_score, vector)| Cvss { base_score, vector }),
                affected: Some(spec.clone()),
            });
        }
    }
}

/// Phrases with which CISA's extracted "vendor_fix" entries say there is no fix yet.
const NO_FIX_PHRASES: &[&str] = &[
    "has not developed",
    "have not developed",
    "no fix",
    "no patch",
    "not plan",
    "will not",
    "upcoming",
    "plans to release",
    "when bd releases",
    "future release",
    "not yet",
    "no update",
    "scheduled to",
    "will release",
    "is expected",
    "are expected",
];

/// Does a remediation actually offer a fix? CISA files many "no fix yet, here are
/// compensating controls" texts under `vendor_fix`.
pub(super) fn offers_fix(r: &Remediation) -> bool {
    let lower = r.details.to_lowercase();
    r.category == "vendor_fix" && !NO_FIX_PHRASES.iter().any(|p| lower.contains(p))
}

/// Does a remediation describe something to do before a fix?
pub(super) fn offers_workaround(r: &Remediation) -> bool {
    let lower = r.details.to_lowercase();
    matches!(r.category.as_str(), "mitigation" | "workaround")
        || lower.contains("compensating control")
        || lower.contains("mitigation")
}

/// A version a vendor's remediation text names as the fix.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NamedFix {
    pub version: Version,
    /// "a version later than 2.2.3": the named version itself is not fixed.
    pub strict: bool,
}

impl NamedFix {
    /// Does the asset's version already carry the fix? Only versions written the same way
    /// ("VF10.1" and "VF9.2", "2.2.3" and "3.0.1") are compared, so a fix for another part
    /// of the product is never read as this asset's.
    pub fn covers(&self, v: &Version) -> bool {
        same_shape(&self.version, v)
            && if self.strict {
                *v > self.version
            } else {
                *v >= self.version
            }
    }
}

fn letter_prefix(v: &Version) -> String {
    v.as_str()
        .trim_start_matches(['v', 'V'])
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn same_shape(a: &Version, b: &Version) -> bool {
    letter_prefix(a) == letter_prefix(b)
}

/// "Update to version 8.2.2" or "Delta VF10.1 software releases" → the fixed version. Only a
/// sentence that speaks of an update or a release and does not say the fix is still to come
/// counts: advisories also name versions of other products in passing, and the affected
/// bound itself ("Version R8.0.3 or prior").
fn fix_in_text(text: &str, current: Option<&Version>) -> Option<NamedFix> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(
                r"(?i)\b(?:versions?\s+|software\s+)v?([a-z]{0,3}\d+(?:\.[0-9a-z]+)+)|\b([a-z]{0,3}\d+(?:\.[0-9a-z]+)+)\s+software\s+release",
            )
            .ok()
        })
        .as_ref()?;
    let mut found: Vec<NamedFix> = Vec::new();
    for sentence in text.split(". ") {
        let lower = sentence.to_lowercase();
        if !["update", "upgrade", "install", "patch", "release", "fix"]
            .iter()
            .any(|v| lower.contains(v))
            || NO_FIX_PHRASES.iter().any(|p| lower.contains(p))
        {
            continue;
        }
        for c in re.captures_iter(sentence) {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            let after = lower.get(m.end()..).unwrap_or("").trim_start();
            if [
                "or prior",
                "and prior",
                "or earlier",
                "and earlier",
                "and below",
                "or lower",
            ]
            .iter()
            .any(|p| after.starts_with(p))
            {
                continue;
            }
            let before = lower.get(..m.start()).unwrap_or("");
            let strict = ["later than", "newer than", "higher than", "after"]
                .iter()
                .any(|p| before.contains(p));
            let Some(version) = Version::parse(m.as_str().trim_end_matches('.')) else {
                continue;
            };
            if current.is_some_and(|c| !same_shape(&version, c)) {
                continue;
            }
            found.push(NamedFix { version, strict });
        }
    }
    found.into_iter().max_by(|a, b| a.version.cmp(&b.version))
}

fn asset_cpes(asset: &Asset, vendor: &VendorNames) -> Vec<Cpe> {
    let mut cpes: Vec<Cpe> = asset.cpes.iter().filter_map(|c| Cpe::parse(c)).collect();
    let mut vendor_names: BTreeSet<String> = vendor.keys.iter().map(|k| cpe_word(k)).collect();
    vendor_names.insert(cpe_word(&asset.vendor));
    for v in &vendor_names {
        if !v.is_empty() {
            cpes.push(Cpe::from_names(v, &asset.product, asset.version.as_deref()));
        }
    }
    for c in &asset.components {
        if c.cpe.is_some() {
            continue;
        }
        if let Some(vendor) = &c.vendor {
            cpes.push(Cpe::from_names(
                &cpe_word(vendor),
                &c.name,
                c.version.as_deref(),
            ));
        }
    }
    cpes
}

pub(super) fn nvd_hits(
    asset: &Asset,
    vendor: &VendorNames,
    nvd: &NvdCatalog,
    out: &mut Vec<RawHit>,
) {
    if nvd.is_empty() {
        return;
    }
    let cpes = asset_cpes(asset, vendor);
    let mut seen = BTreeSet::new();
    for c in &cpes {
        for cve in nvd.candidates(c.vendor(), c.product()) {
            if !seen.insert(cve.id.as_str()) {
                continue;
            }
            let Some(hit) = cve.applies_to(&cpes) else {
                continue;
            };
            let Some(first) = hit.matched.first() else {
                continue;
            };
            let mut because = format!(
                "NVD lists {} {} ({}) as affected",
                first.cpe.vendor(),
                first.cpe.product(),
                first.describe()
            );
            if !hit.certain {
                because.push_str(
                    "; the platform it must run on for the flaw to apply is not in the inventory",
                );
            }
            out.push(RawHit {
                id: cve.id.clone(),
                title: None,
                description: cve.description.clone(),
                certainty: if hit.certain {
                    Certainty::Confirmed
                } else {
                    Certainty::Possible
                },
                matched_because: because,
                advisory: None,
                nvd: Some(NvdRef {
                    matched_cpe: first.raw.criteria.clone(),
                    affected_versions: first.describe(),
                }),
                fixed_version: hit
                    .matched
                    .iter()
                    .find_map(|m| m.fixed_version())
                    .map(str::to_string),
                remediations: Vec::new(),
                cvss: cve
                    .cvss
                    .clone()
                    .map(|(base_score, vector)| Cvss { base_score, vector }),
                affected: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_version_from_vendor_text() {
        let fix = |t: &str, cur: Option<&str>| {
            let cur = cur.and_then(Version::parse);
            fix_in_text(t, cur.as_ref()).map(|f| (f.version.to_string(), f.strict))
        };
        let t = "The new version of the transmitter software, Version 8.2.2, will be automatically updated";
        let other = "BD plans to release an upcoming version of the PC Unit software, and Versions 12.0.1 of the Systems Manager will address this vulnerability.";
        assert_eq!(fix(other, None), None);
        assert_eq!(fix(t, Some("8.1")), Some(("8.2.2".into(), false)));
        assert_eq!(fix("Contact the vendor.", None), None);
        // Real ICSMA wording: Dräger (ICSMA-19-022-01), Hamilton (ICSMA-21-047-01), Philips
        // Alice 6 (ICSMA-18-086-01).
        let drager = "Users can find Delta/Infinity Explorer VF10.1 software releases for affected components via Dräger ServiceConnect.";
        assert_eq!(fix(drager, Some("VF9.2")), Some(("VF10.1".into(), false)));
        assert_eq!(fix(drager, Some("2.1")), None, "another shape of version");
        let hamilton = "Hamilton Medical recommends users of affected versions update to a version later than T1 Ventilator Version 2.2.3 where possible.";
        assert_eq!(fix(hamilton, Some("2.2.3")), Some(("2.2.3".into(), true)));
        let alice = "Philips is scheduled to release a new product version. For all users of the Alice 6 System product, Version R8.0.3 or prior, Philips will notify them.";
        assert_eq!(fix(alice, Some("R8.0.2")), None);
        let hit = NamedFix {
            version: Version::parse("2.2.3").unwrap(),
            strict: true,
        };
        assert!(!hit.covers(&Version::parse("2.2.3").unwrap()));
        assert!(hit.covers(&Version::parse("2.2.4").unwrap()));
    }
}
