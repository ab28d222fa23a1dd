//! Reads the exposure engine's ranking into the plan's input: one exposed asset per finding,
//! with the facts the plan's wording needs.

use ward_exposure::{ActionKind, ExposureReport, Finding, NaiveDate};

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
            let vendor_advice = f.action.vendor_guidance.first().map(|r| r.details.clone());
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
