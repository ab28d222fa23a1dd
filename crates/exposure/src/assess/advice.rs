//! What to do about a finding and why: the recommended actions and the plain-English
//! explanation.

use crate::csaf::Remediation;
use crate::inventory::{Asset, AssetKind, Criticality};
use crate::rank::{Decision, Exploitation, Exposure, Tier};
use crate::report::{ActionKind, Certainty, RecommendedAction, VulnerabilityFinding};
use crate::version::{Verdict, Version, VersionSpec};

use super::hits::{offers_fix, offers_workaround};
use super::is_medical;

// Long because: one branch per kind of remedy (patch, vendor mitigation, KEV action, end of
// support, compensating controls), in the order the plan shows them.
pub(super) fn recommend(
    asset: &Asset,
    vulns: &[VulnerabilityFinding],
    current: Option<&Version>,
    end_of_support: bool,
    affected: &[VersionSpec],
) -> RecommendedAction {
    let mut guidance: Vec<Remediation> = Vec::new();
    for v in vulns {
        for r in &v.remediations {
            if !guidance.contains(r) {
                guidance.push(r.clone());
            }
        }
    }
    let medical = is_medical(asset);
    // The highest fixed version covers every flaw whose fix is named; never one that an
    // advisory of this same run lists as affected.
    let best = vulns
        .iter()
        .filter_map(|v| v.fixed_version.as_deref())
        .filter_map(|s| Version::parse(s).map(|v| (s.to_string(), v)))
        .filter(|(_, v)| current.into_iter().all(|c| v > c))
        .max_by(|a, b| a.1.cmp(&b.1));
    let still_affected = |v: &Version| {
        affected.iter().any(|s| {
            matches!(s, VersionSpec::Ranges { .. }) && s.verdict(Some(v)) == Verdict::Affected
        })
    };
    let conflicting = best
        .as_ref()
        .filter(|(_, v)| still_affected(v))
        .map(|(s, _)| s.clone());
    let target = best.filter(|(_, v)| !still_affected(v)).map(|(s, _)| s);
    // A medical device is only sent to "update" when a version is named: telling a clinic to
    // patch a pump on the strength of vague vendor prose would be worse than isolating it.
    let vendor_fix = guidance.iter().any(offers_fix) && (!medical || target.is_some());
    let workaround = guidance.iter().any(offers_workaround);
    let who = if asset.vendor.is_empty() {
        "the manufacturer".to_string()
    } else {
        asset.vendor.clone()
    };
    let owner = asset.owner.clone();
    // Changes to a medical device go through its owner (Biomed, often) and the manufacturer.
    let through = match &owner {
        Some(o) => format!("{o} arranges it with {who}"),
        None => format!("the device's owner arranges it with {who}"),
    };
    let name = &asset.name;
    let segmented = asset.segmented == Some(true);
    let conflict_step = conflicting.map(|c| {
        format!("An advisory names version {c} as the fix, but another advisory lists {c} as still affected: ask {who} which version fixes all of them.")
    });
    let isolate_steps = |why: &str| {
        let mut steps = Vec::new();
        if segmented {
            steps.push(format!("{name} is already on its own network segment: check that the firewall between it and the rest of the network allows only the connections it needs to work, and no internet access."));
        } else {
            steps.push(format!("Move {name} onto its own network segment (VLAN) with no internet access, allowing only the connections it needs to work."));
        }
        steps.push("Block inbound connections to it from outside at the firewall, and switch off remote access you do not use.".to_string());
        steps.push(format!("Call {who} support: {why} Ask whether a fix or a supported replacement exists, and write down the answer and the date."));
        if medical {
            steps.push(format!("Do not change the device yourself: changes to a medical device go through the manufacturer's approved process, and {through}."));
        }
        steps.extend(conflict_step.clone());
        steps
    };
    if end_of_support {
        let date = asset
            .end_of_support
            .map(|d| d.to_string())
            .unwrap_or_default();
        if !medical {
            // Ordinary IT past its support is replaced or upgraded, not walled off for good.
            let by = owner.as_deref().unwrap_or("whoever looks after it");
            return RecommendedAction {
                who: owner.clone(),
                kind: ActionKind::IsolateAndCallManufacturer,
                target_version: None,
                summary: format!("{name} ({}) is past its end of support ({date}) and will get no more security updates: upgrade it to a supported version or replace it.", asset.product),
                steps: vec![
                    format!("Plan the upgrade or replacement with {by}, and put a date on it."),
                    "Until then, allow only the connections it needs to and from it, and switch off remote access you do not use.".to_string(),
                    "Record the new product and version in the inventory so the next check is accurate.".to_string(),
                ],
                vendor_guidance: guidance,
            };
        }
        return RecommendedAction {
            who: owner.clone(),
            kind: ActionKind::IsolateAndCallManufacturer,
            target_version: None,
            summary: format!("{name} is past its end of support ({date}) and will get no more fixes: keep it isolated and ask {who} about a supported replacement."),
            steps: isolate_steps("its support has ended."),
            vendor_guidance: guidance,
        };
    }
    if target.is_some() || vendor_fix {
        let summary = match &target {
            Some(t) => format!("Update {name} ({}) to version {t} or later.", asset.product),
            None => format!(
                "Install {who}'s security update for {name} ({}).",
                asset.product
            ),
        };
        let mut steps = Vec::new();
        if medical {
            steps.push(format!(
                "The update goes through the manufacturer's approved process: {through}, and {who} (or their service partner) installs it."
            ));
        } else {
            steps.push(
                "Install the update in the next window the tier allows, after a backup."
                    .to_string(),
            );
        }
        if workaround {
            steps.push(
                "Until it is installed, apply the vendor's mitigations listed below.".to_string(),
            );
        }
        steps.push(
            "Record the new version in the inventory so the next check is accurate.".to_string(),
        );
        return RecommendedAction {
            who: owner.clone(),
            kind: ActionKind::PatchTo,
            target_version: target,
            summary,
            steps,
            vendor_guidance: guidance,
        };
    }
    if workaround {
        return RecommendedAction {
            who: owner.clone(),
            kind: ActionKind::ApplyWorkaround,
            target_version: None,
            summary: format!("No fix is available yet: apply {who}'s workaround to {name}."),
            steps: {
                let mut steps = vec![
                    "Apply the vendor's workaround exactly as written below.".to_string(),
                    format!("Ask {who} when a fix will be available, and check again then."),
                ];
                if medical {
                    steps.push(format!("Changes to a medical device go through the manufacturer's approved process: {through}."));
                }
                if segmented {
                    steps.push(format!(
                        "{name} is already on its own network segment; keep it there."
                    ));
                }
                steps.extend(conflict_step.clone());
                steps
            },
            vendor_guidance: guidance,
        };
    }
    if !medical {
        // NVD rarely says which update fixes a flaw; for ordinary IT the vendor's latest
        // security update is the usual answer.
        let ids: Vec<&str> = vulns.iter().take(3).map(|v| v.id.as_str()).collect();
        return RecommendedAction {
            who: owner.clone(),
            kind: ActionKind::PatchTo,
            target_version: None,
            summary: format!(
                "Install {who}'s latest security update on {name} ({}).",
                asset.product
            ),
            steps: vec![
                format!(
                    "Check with {who} which update fixes {}, and install it after a backup.",
                    ids.join(", ")
                ),
                "Record the new version in the inventory so the next check is accurate."
                    .to_string(),
            ],
            vendor_guidance: guidance,
        };
    }
    RecommendedAction {
        who: owner.clone(),
        kind: ActionKind::IsolateAndCallManufacturer,
        target_version: None,
        summary: format!(
            "The sources checked name no fix or workaround for this device: isolate {name} and call {who}."
        ),
        steps: isolate_steps("the sources ward checked name no fix or workaround."),
        vendor_guidance: guidance,
    }
}

// Long because: the plain-English explanation, one sentence per signal in a fixed order.
pub(super) fn explain(
    asset: &Asset,
    vulns: &[VulnerabilityFinding],
    decision: &Decision,
    end_of_support: bool,
    action: &RecommendedAction,
    tier: Tier,
) -> String {
    let mut s = String::new();
    let version = asset
        .version
        .as_deref()
        .map(|v| format!(" version {v}"))
        .unwrap_or_default();
    let role = match asset.criticality {
        Some(Criticality::LifeSustaining) => "keeps patients alive, so tampering or an outage can directly harm a patient",
        Some(Criticality::PatientCare) => "is used in patient care, so an attack can delay or disturb care",
        Some(Criticality::ClinicalSupport) => "supports clinical work",
        Some(Criticality::Business) => "is a business system with no direct role in patient care",
        None if asset.kind == Some(AssetKind::MedicalDevice) => {
            "is a medical device (its criticality is not recorded, so ward assumes it is used in patient care)"
        }
        None => "has no criticality recorded",
    };
    s.push_str(&format!(
        "{} ({} {}{}) {}. ",
        asset.name, asset.vendor, asset.product, version, role
    ));
    let confirmed = vulns
        .iter()
        .filter(|v| v.certainty == Certainty::Confirmed)
        .count();
    let n = vulns.len();
    if n == 0 {
        s.push_str("No advisory checked names a flaw in it, but that can change any day. ");
    } else if confirmed == 0 {
        s.push_str(&format!(
            "It is possibly affected by {} known {}: ward could not confirm its exact version or model against the advisory. ",
            n,
            plural(n, "vulnerability", "vulnerabilities"),
        ));
    } else if confirmed == n {
        s.push_str(&format!(
            "{} known {} {} it. ",
            n,
            plural(n, "vulnerability", "vulnerabilities"),
            if n == 1 { "affects" } else { "affect" }
        ));
    } else {
        s.push_str(&format!(
            "{} known {} may affect it ({} confirmed; the rest need its exact version or model checked). ",
            n,
            plural(n, "vulnerability", "vulnerabilities"),
            confirmed
        ));
    }
    let kev: Vec<&VulnerabilityFinding> =
        vulns.iter().filter(|v| v.signals.kev.is_some()).collect();
    let sighted: Vec<&VulnerabilityFinding> =
        vulns.iter().filter(|v| v.signals.sightings > 0).collect();
    if !kev.is_empty() {
        let ransomware = kev.iter().any(|v| {
            v.signals
                .kev
                .as_ref()
                .is_some_and(|k| k.known_ransomware_use)
        });
        s.push_str(&format!(
            "{} {} on CISA's list of flaws attackers are actively exploiting{}. ",
            list_ids(&kev),
            if kev.len() == 1 { "is" } else { "are" },
            match (ransomware, kev.len()) {
                (false, _) => "",
                (true, 1) => ", and ransomware gangs use it",
                (true, _) => ", and ransomware gangs use at least one of them",
            }
        ));
    } else if let Some(v) = sighted.first() {
        s.push_str(&format!(
            "Other members of the sharing hub saw activity related to {} recently. ",
            v.id
        ));
    } else if decision.exploitation == Exploitation::Likely {
        let best = vulns
            .iter()
            .filter_map(|v| v.signals.epss.map(|e| (v, e.probability)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((v, p)) = best {
            s.push_str(&format!(
                "Attacks on {} are likely soon (EPSS: {:.0}% chance in the next 30 days). ",
                v.id,
                p * 100.0
            ));
        }
    } else if n > 0 {
        s.push_str("None is known to be exploited yet. ");
    }
    match decision.exposure {
        Exposure::Internet => s.push_str("It can be reached from the internet. "),
        Exposure::Segmented => {
            s.push_str("It sits on a separate network segment, which makes it harder to reach. ")
        }
        Exposure::Internal => {}
    }
    if end_of_support {
        s.push_str("Its support has ended, so no security updates will come. ");
    } else if action.kind == ActionKind::IsolateAndCallManufacturer {
        s.push_str("The sources checked name no fix for it. ");
    }
    s.push_str(&format!("Priority: {} ({}).", tier.label(), tier.meaning()));
    s
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn list_ids(v: &[&VulnerabilityFinding]) -> String {
    let ids: Vec<&str> = v.iter().take(3).map(|f| f.id.as_str()).collect();
    let more = v.len().saturating_sub(3);
    let mut s = ids.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}
