//! Finding an asset's hits: the advisories' product trees and NVD's CPE configurations that
//! name it, with the version-range decision.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::cpe::{cpe_word, Cpe};
use crate::csaf::Remediation;
use crate::inventory::Asset;
use crate::names::{match_product, ProductWords};
use crate::nvd::NvdCatalog;
use crate::report::{AdvisoryRef, Certainty, Cvss, NvdRef};
use crate::version::{Verdict, Version, VersionSpec};

use super::{AdvisoryIndex, RawHit, Sources, VendorNames};

// Long because: walks an advisory's product tree and its vulnerabilities' statuses in one pass,
// with the version-range decision per status kind.
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
    let product_words = ProductWords::for_inventory(&asset.product, &vendor.words);
    let all_words =
        ProductWords::for_inventory(&format!("{} {}", asset.product, asset.name), &vendor.words);
    for key in &vendor.keys {
        let Some(candidates) = index.by_vendor.get(key) else {
            continue;
        };
        for cand in candidates {
            let model_named = cand.models.iter().any(|m| {
                match_product(&product_words, m).is_some()
                    || m.distinctive.iter().all(|w| all_words.all.contains(w))
            });
            let name_matches = cand
                .names
                .iter()
                .any(|n| match_product(&product_words, n).is_some());
            // A model alone ("MMT-1710") identifies the product only when the vendor matched too,
            // which the index lookup by vendor key already ensured.
            if !name_matches
                && !cand
                    .models
                    .iter()
                    .any(|m| match_product(&product_words, m).is_some())
            {
                continue;
            }
            let adv = &sources.advisories[cand.advisory];
            let product = &adv.products[cand.product];
            let verdict = product.versions.spec.verdict(version);
            let mut certainty = match verdict {
                Verdict::NotAffected => continue,
                Verdict::Affected => Certainty::Confirmed,
                Verdict::Undetermined => Certainty::Possible,
            };
            let mut because = format!(
                "CISA advisory {} lists {} {} ({}) as affected",
                adv.id, product.vendor, product.product_name, product.version_text
            );
            match (&product.versions.spec, version) {
                (VersionSpec::Models { models }, _) => {
                    if !model_named {
                        certainty = Certainty::Possible;
                        because.push_str(&format!(
                            "; the advisory names specific models ({}), and the inventory does not say which one this is",
                            models.join(", ")
                        ));
                    }
                }
                (VersionSpec::ByDate { .. }, _) => {
                    because.push_str("; the advisory goes by manufacturing date, which the inventory does not record")
                }
                (_, Some(v)) => because.push_str(&format!("; this asset runs version {v}")),
                (VersionSpec::All, None) => {}
                (_, None) => {
                    because.push_str("; the inventory gives no version, so it may or may not be affected")
                }
            }
            if let Some(q) = &product.versions.qualifier {
                because.push_str(&format!(" (advisory note: {q})"));
            }
            let fixed = product.versions.spec.first_fixed().map(|v| v.to_string());
            for vuln in &adv.vulnerabilities {
                if !vuln
                    .known_affected
                    .iter()
                    .any(|id| id == &product.product_id)
                {
                    continue;
                }
                let remediations = vuln.remediations_for(&product.product_id);
                let fixed_version = fixed.clone().or_else(|| {
                    remediations
                        .iter()
                        .filter(|r| offers_fix(r))
                        .find_map(|r| fixed_version_in_text(&r.details, version))
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
                });
            }
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

/// "Update to version 8.2.2" → 8.2.2, if it is newer than what the asset runs. Only a
/// sentence that tells the reader to update and does not say the fix is still to come counts:
/// advisories also name versions of other products in passing.
fn fixed_version_in_text(text: &str, current: Option<&Version>) -> Option<String> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| Regex::new(r"(?i)\bversions?\s+v?(\d+(?:\.[0-9A-Za-z]+)+)").ok())
        .as_ref()?;
    text.split(". ")
        .filter(|sentence| {
            let lower = sentence.to_lowercase();
            ["update", "upgrade", "install", "patch"]
                .iter()
                .any(|v| lower.contains(v))
                && !NO_FIX_PHRASES.iter().any(|p| lower.contains(p))
        })
        .flat_map(|sentence| re.captures_iter(sentence).filter_map(|c| c.get(1)))
        .map(|m| m.as_str().trim_end_matches('.'))
        .filter_map(|s| Version::parse(s).map(|v| (s.to_string(), v)))
        .filter(|(_, v)| current.into_iter().all(|c| v > c))
        .max_by(|a, b| a.1.cmp(&b.1))
        .map(|(s, _)| s)
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
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_version_from_vendor_text() {
        let t = "The new version of the transmitter software, Version 8.2.2, will be automatically updated";
        let other = "BD plans to release an upcoming version of the PC Unit software, and Versions 12.0.1 of the Systems Manager will address this vulnerability.";
        assert_eq!(fixed_version_in_text(other, None), None);
        assert_eq!(
            fixed_version_in_text(t, Version::parse("8.1").as_ref()).as_deref(),
            Some("8.2.2")
        );
        assert_eq!(
            fixed_version_in_text(t, Version::parse("9.0").as_ref()),
            None
        );
        assert_eq!(fixed_version_in_text("Contact the vendor.", None), None);
    }
}
