//! Reads the exposure engine's ranking into the plan's input: one exposed asset per finding,
//! with the facts the plan's wording needs.

use ward_exposure::{ActionKind, ExposureReport, Finding, NaiveDate, Remediation};

use crate::input::{ExposedAsset, Fix};

fn fix(finding: &Finding) -> Fix {
    match finding.action.kind {
        ActionKind::PatchTo => Fix::Patch {
            to_version: finding.action.target_version.clone(),
        },
        ActionKind::ApplyWorkaround => Fix::Workaround {
            text: finding
                .action
                .vendor_guidance
                .iter()
                .find(|r| r.category == "workaround" || r.category == "mitigation")
                .map(|r| r.details.clone())
                .unwrap_or_else(|| finding.action.summary.clone()),
        },
        ActionKind::IsolateAndCallManufacturer => Fix::Isolate,
    }
}

/// The vendor's first piece of advice, whole: when it ends by announcing more ("the following
/// mitigations are available:"), the advice it announces follows it instead of being cut off.
fn vendor_advice(guidance: &[Remediation]) -> Option<String> {
    let mut parts = guidance
        .iter()
        .map(|r| r.details.trim())
        .filter(|d| !d.is_empty());
    let mut text = parts.next()?.to_string();
    let mut added = 0;
    while text.ends_with(':') && added < 3 {
        let Some(next) = parts.next() else {
            // Nothing follows: end the sentence rather than leave it hanging.
            text.pop();
            text.push('.');
            break;
        };
        text.push(' ');
        text.push_str(next);
        added += 1;
    }
    Some(text)
}

/// The exposed assets of an exposure report, most urgent first. `today` decides whether an
/// asset is past its end of support.
pub fn exposed_assets(report: &ExposureReport, today: NaiveDate) -> Vec<ExposedAsset> {
    report
        .findings
        .iter()
        .map(|f| {
            let vulns = &f.vulnerabilities;
            let mut advisories: Vec<String> = vulns
                .iter()
                .filter_map(|v| v.advisory.as_ref().map(|a| a.id.clone()))
                .collect();
            advisories.sort();
            advisories.dedup();
            let vendor_advice = vendor_advice(&f.action.vendor_guidance);
            ExposedAsset {
                asset: f.asset.name.clone(),
                kind: f
                    .asset
                    .kind
                    .map(|k| k.label().to_string())
                    .unwrap_or_else(|| "unknown".into()),
                criticality: f
                    .asset
                    .criticality
                    .map(|c| c.label().to_string())
                    .unwrap_or_else(|| "business".into()),
                location: f.asset.location.clone(),
                internet_exposed: f.asset.internet_exposed.unwrap_or(false),
                end_of_support: f.asset.end_of_support.is_some_and(|d| d <= today),
                vendor: f.asset.vendor.clone(),
                product: f.asset.product.clone(),
                version: f.asset.version.clone().unwrap_or_default(),
                vulnerabilities: vulns.iter().map(|v| v.id.clone()).collect(),
                known_exploited: vulns.iter().any(|v| v.signals.kev.is_some()),
                ransomware: vulns.iter().any(|v| {
                    v.signals
                        .kev
                        .as_ref()
                        .is_some_and(|k| k.known_ransomware_use)
                }),
                epss: vulns
                    .iter()
                    .filter_map(|v| v.signals.epss.as_ref().map(|e| e.probability))
                    .fold(None, |acc: Option<f64>, p| {
                        Some(acc.map_or(p, |a| a.max(p)))
                    }),
                rank: f.score.clamp(0.0, 100.0) as u8,
                fix: fix(f),
                vendor_advice,
                advisories,
                owner: f.asset.owner.clone().filter(|o| !o.trim().is_empty()),
                segmented: f.asset.segmented.unwrap_or(false),
                tier: f.tier.label().to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(details: &str) -> Remediation {
        Remediation {
            category: "mitigation".into(),
            details: details.into(),
            url: None,
        }
    }

    #[test]
    fn advice_that_announces_more_is_not_cut_at_its_colon() {
        let text = vendor_advice(&[
            r("Update to 1.7.15b. Additionally, the following mitigations are available:"),
            r("Block port 4444 at the firewall."),
            r("Unrelated later text."),
        ])
        .unwrap();
        assert_eq!(
            text,
            "Update to 1.7.15b. Additionally, the following mitigations are available: Block \
             port 4444 at the firewall."
        );
        assert_eq!(vendor_advice(&[r("See below:")]).unwrap(), "See below.");
        assert!(vendor_advice(&[]).is_none());
    }
}
