//! Matching assets to advisories and NVD records, then ranking and explaining the result.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::cpe::{cpe_word, Cpe};
use crate::csaf::{Advisory, Remediation};
use crate::inventory::{Asset, AssetKind, Criticality, Inventory};
use crate::names::{match_product, product_aliases, vendor_keys, vendor_words, ProductWords};
use crate::nvd::NvdCatalog;
use crate::rank::{
    exposure_of, impact_of, score_for, tier_for, Decision, Exploitation, Exposure, Patchability,
    ScoreInputs, Tier, EPSS_LIKELY,
};
use crate::report::{
    ActionKind, AdvisoryRef, Certainty, Cvss, ExposureReport, Finding, KevSignal, NvdRef,
    RecommendedAction, Signals, SourceSummary, VulnerabilityFinding,
};
use crate::signals::{EpssScores, KevCatalog};
use crate::version::{Verdict, Version, VersionSpec};

/// Everything an assessment reads besides the inventory. Any part may be empty.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub advisories: Vec<Advisory>,
    pub nvd: NvdCatalog,
    pub kev: KevCatalog,
    pub epss: EpssScores,
    /// Hub sightings of indicators related to a CVE, by CVE id.
    pub sightings: HashMap<String, u32>,
}

struct IndexedProduct {
    advisory: usize,
    product: usize,
    names: Vec<ProductWords>,
    /// For advisories that list models ("MMT-1710", "Accu-Chek Inform II"), the models'
    /// names: clinics record the model as the product.
    models: Vec<ProductWords>,
}

/// Advisory products grouped by canonical vendor key, with their names pre-split.
struct AdvisoryIndex {
    by_vendor: HashMap<String, Vec<IndexedProduct>>,
}

impl AdvisoryIndex {
    fn build(advisories: &[Advisory]) -> AdvisoryIndex {
        let mut by_vendor: HashMap<String, Vec<IndexedProduct>> = HashMap::new();
        for (ai, adv) in advisories.iter().enumerate() {
            for (pi, p) in adv.products.iter().enumerate() {
                let vw = vendor_words(&p.vendor);
                // The family name is often only in the title ("St. Jude Merlin@home
                // Transmitter" for the product "RF models EX1150"): an inventory may use it.
                let title = adv
                    .title
                    .split_once('_')
                    .map_or(adv.title.as_str(), |(_, t)| t);
                let names: Vec<ProductWords> = product_aliases(&p.product_name)
                    .iter()
                    .map(|n| ProductWords::new(n, &vw).with_context(title))
                    .filter(|w| !w.is_empty())
                    .collect();
                let models: Vec<ProductWords> = match &p.versions.spec {
                    VersionSpec::Models { models } => models
                        .iter()
                        .map(|m| ProductWords::new(m, &vw))
                        .filter(|w| !w.is_empty())
                        .collect(),
                    _ => Vec::new(),
                };
                for key in vendor_keys(&p.vendor) {
                    by_vendor.entry(key).or_default().push(IndexedProduct {
                        advisory: ai,
                        product: pi,
                        names: names.clone(),
                        models: models.clone(),
                    });
                }
            }
        }
        AdvisoryIndex { by_vendor }
    }
}

/// Assesses every asset of the inventory against the sources. `today` decides which
/// support dates have passed; it is a parameter so that results are reproducible.
pub fn assess(inventory: &Inventory, sources: &Sources, today: NaiveDate) -> ExposureReport {
    let index = AdvisoryIndex::build(&sources.advisories);
    // Assets are independent: split them over the cores. The order is restored by the sort
    // below, so the result does not depend on the number of threads.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = inventory.assets.len().div_ceil(threads).max(256);
    let index = &index;
    let mut findings: Vec<Finding> = std::thread::scope(|scope| {
        let workers: Vec<_> = inventory
            .assets
            .chunks(chunk)
            .map(|assets| {
                scope.spawn(move || {
                    let mut vendors = VendorCache::default();
                    assets
                        .iter()
                        .filter_map(|asset| {
                            assess_asset(asset, sources, index, today, &mut vendors)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            // A worker only panics on a bug; re-raise it rather than lose findings silently.
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    findings.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.tier.cmp(&a.tier))
            .then_with(|| a.asset.name.cmp(&b.asset.name))
    });
    for (i, f) in findings.iter_mut().enumerate() {
        f.rank = i + 1;
    }
    ExposureReport {
        assessed_on: today,
        assets_checked: inventory.assets.len(),
        sources: SourceSummary {
            kev_catalog_version: (!sources.kev.version.is_empty())
                .then(|| sources.kev.version.clone()),
            kev_entries: sources.kev.len(),
            epss_model_version: sources.epss.model_version.clone(),
            epss_scores: sources.epss.len(),
            advisories: sources.advisories.len(),
            nvd_records: sources.nvd.len(),
        },
        findings,
        problems: inventory.problems.clone(),
    }
}

/// A match before ranking.
struct RawHit {
    id: String,
    title: Option<String>,
    description: Option<String>,
    certainty: Certainty,
    matched_because: String,
    advisory: Option<AdvisoryRef>,
    nvd: Option<NvdRef>,
    fixed_version: Option<String>,
    remediations: Vec<Remediation>,
    cvss: Option<Cvss>,
}

/// An inventory vendor's canonical keys and name words. Inventories repeat a handful of
/// vendors thousands of times, so each is worked out once per worker.
struct VendorNames {
    keys: BTreeSet<String>,
    words: BTreeSet<String>,
}

#[derive(Default)]
struct VendorCache(HashMap<String, std::rc::Rc<VendorNames>>);

impl VendorCache {
    fn get(&mut self, vendor: &str) -> std::rc::Rc<VendorNames> {
        if let Some(v) = self.0.get(vendor) {
            return v.clone();
        }
        let names = std::rc::Rc::new(VendorNames {
            keys: vendor_keys(vendor),
            words: vendor_words(vendor),
        });
        self.0.insert(vendor.to_string(), names.clone());
        names
    }
}

fn assess_asset(
    asset: &Asset,
    sources: &Sources,
    index: &AdvisoryIndex,
    today: NaiveDate,
    vendors: &mut VendorCache,
) -> Option<Finding> {
    let version = asset.version.as_deref().and_then(Version::parse);
    let vendor = vendors.get(&asset.vendor);
    let mut hits: Vec<RawHit> = Vec::new();
    csaf_hits(asset, &vendor, version.as_ref(), sources, index, &mut hits);
    nvd_hits(asset, &vendor, &sources.nvd, &mut hits);
    if hits.is_empty() {
        return None;
    }
    let merged = merge(hits);
    let end_of_support = asset.end_of_support.is_some_and(|d| d <= today);
    let mut vulns: Vec<VulnerabilityFinding> = merged
        .into_iter()
        .map(|h| rank_hit(asset, h, sources, end_of_support))
        .collect();
    vulns.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    let top = vulns.first()?;
    let tier = top.tier;
    let decision = top.decision;
    // More flaws on the same asset edge it ahead of an asset with one, within its band.
    let band_top = match tier {
        Tier::Immediate => 99.9,
        Tier::OutOfCycle => 74.9,
        Tier::Scheduled => 49.9,
        Tier::Defer => 24.9,
    };
    let score = (top.score + 0.1 * (vulns.len().min(10) as f64 - 1.0)).min(band_top);
    let score = (score * 10.0).round() / 10.0;
    let action = recommend(asset, &vulns, version.as_ref(), end_of_support);
    let why = explain(asset, &vulns, &decision, end_of_support, &action);
    Some(Finding {
        rank: 0,
        tier,
        score,
        asset: asset.clone(),
        decision,
        why,
        action,
        vulnerabilities: vulns,
    })
}

// Long because: walks an advisory's product tree and its vulnerabilities' statuses in one pass,
// with the version-range decision per status kind.
fn csaf_hits(
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
fn offers_fix(r: &Remediation) -> bool {
    let lower = r.details.to_lowercase();
    r.category == "vendor_fix" && !NO_FIX_PHRASES.iter().any(|p| lower.contains(p))
}

/// Does a remediation describe something to do before a fix?
fn offers_workaround(r: &Remediation) -> bool {
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

fn nvd_hits(asset: &Asset, vendor: &VendorNames, nvd: &NvdCatalog, out: &mut Vec<RawHit>) {
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

/// One entry per vulnerability id: an advisory and NVD naming the same CVE, or an advisory
/// listing a product twice, become one finding with the stronger certainty.
fn merge(hits: Vec<RawHit>) -> Vec<RawHit> {
    let mut out: Vec<RawHit> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for h in hits {
        match at.get(&h.id) {
            None => {
                at.insert(h.id.clone(), out.len());
                out.push(h);
            }
            Some(&i) => {
                let e = &mut out[i];
                if h.certainty > e.certainty {
                    e.certainty = h.certainty;
                    e.matched_because = h.matched_because.clone();
                }
                e.advisory = e.advisory.take().or(h.advisory);
                e.nvd = e.nvd.take().or(h.nvd);
                e.title = e.title.take().or(h.title);
                e.description = e.description.take().or(h.description);
                e.fixed_version = e.fixed_version.take().or(h.fixed_version);
                e.cvss = match (e.cvss.take(), h.cvss) {
                    (Some(a), Some(b)) => Some(if b.base_score > a.base_score { b } else { a }),
                    (a, b) => a.or(b),
                };
                for r in h.remediations {
                    if !e.remediations.contains(&r) {
                        e.remediations.push(r);
                    }
                }
            }
        }
    }
    out
}

fn rank_hit(
    asset: &Asset,
    h: RawHit,
    sources: &Sources,
    end_of_support: bool,
) -> VulnerabilityFinding {
    let kev = sources.kev.get(&h.id).map(|k| KevSignal {
        date_added: k.date_added.clone(),
        due_date: k.due_date.clone(),
        known_ransomware_use: k
            .known_ransomware_campaign_use
            .eq_ignore_ascii_case("known"),
        required_action: k.required_action.clone(),
    });
    let epss = sources.epss.get(&h.id);
    let sightings = sources.sightings.get(&h.id).copied().unwrap_or(0);
    let exploitation = if kev.is_some() || sightings > 0 {
        Exploitation::Active
    } else if epss.is_some_and(|e| e.probability >= EPSS_LIKELY) {
        Exploitation::Likely
    } else {
        Exploitation::None
    };
    let has_fix = h.fixed_version.is_some() || h.remediations.iter().any(offers_fix);
    let decision = Decision {
        exploitation,
        exposure: exposure_of(asset),
        patient_impact: impact_of(asset),
        patchability: if end_of_support {
            Patchability::EndOfSupport
        } else if has_fix {
            Patchability::FixAvailable
        } else {
            Patchability::NoFixYet
        },
    };
    let score = score_for(
        &decision,
        &ScoreInputs {
            kev: kev.is_some(),
            epss: epss.map(|e| e.probability),
            sightings,
            cvss: h.cvss.as_ref().map(|c| c.base_score),
            certain: h.certainty == Certainty::Confirmed,
        },
    );
    VulnerabilityFinding {
        id: h.id,
        title: h.title,
        description: h.description,
        certainty: h.certainty,
        matched_because: h.matched_because,
        signals: Signals {
            kev,
            epss,
            sightings,
            cvss: h.cvss,
        },
        advisory: h.advisory,
        nvd: h.nvd,
        fixed_version: h.fixed_version,
        remediations: h.remediations,
        tier: tier_for(&decision),
        decision,
        score,
    }
}

fn is_medical(asset: &Asset) -> bool {
    asset.kind == Some(AssetKind::MedicalDevice)
        || matches!(
            asset.criticality,
            Some(Criticality::LifeSustaining | Criticality::PatientCare)
        )
}

// Long because: one branch per kind of remedy (patch, vendor mitigation, KEV action, end of
// support, compensating controls), in the order the plan shows them.
fn recommend(
    asset: &Asset,
    vulns: &[VulnerabilityFinding],
    current: Option<&Version>,
    end_of_support: bool,
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
    // The highest fixed version covers every flaw whose fix is named.
    let target = vulns
        .iter()
        .filter_map(|v| v.fixed_version.as_deref())
        .filter_map(|s| Version::parse(s).map(|v| (s.to_string(), v)))
        .filter(|(_, v)| current.into_iter().all(|c| v > c))
        .max_by(|a, b| a.1.cmp(&b.1))
        .map(|(s, _)| s);
    // A medical device is only sent to "update" when a version is named: telling a clinic to
    // patch a pump on the strength of vague vendor prose would be worse than isolating it.
    let vendor_fix = guidance.iter().any(offers_fix) && (!medical || target.is_some());
    let workaround = guidance.iter().any(offers_workaround);
    let who = if asset.vendor.is_empty() {
        "the manufacturer".to_string()
    } else {
        asset.vendor.clone()
    };
    let name = &asset.name;
    let isolate_steps = |why: &str| {
        let mut steps = vec![
            format!("Move {name} onto its own network segment (VLAN) with no internet access, allowing only the connections it needs to work."),
            "Block inbound connections to it from outside at the firewall, and switch off remote access you do not use.".to_string(),
            format!("Call {who} support: {why} Ask whether a fix or a supported replacement exists, and write down the answer and the date."),
        ];
        if medical {
            steps.push("Do not install updates on the device yourself: changes to a medical device need the manufacturer's approval.".to_string());
        }
        steps
    };
    if end_of_support {
        let date = asset
            .end_of_support
            .map(|d| d.to_string())
            .unwrap_or_default();
        return RecommendedAction {
            kind: ActionKind::IsolateAndCallManufacturer,
            target_version: None,
            summary: format!("{name} is past its end of support ({date}) and will get no more fixes: isolate it and call {who}."),
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
                "Ask {who} (or their service partner) to install the update: medical devices are updated through the manufacturer's approved process."
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
            kind: ActionKind::PatchTo,
            target_version: target,
            summary,
            steps,
            vendor_guidance: guidance,
        };
    }
    if workaround {
        return RecommendedAction {
            kind: ActionKind::ApplyWorkaround,
            target_version: None,
            summary: format!("No fix is available yet: apply {who}'s workaround to {name}."),
            steps: vec![
                "Apply the vendor's workaround exactly as written below.".to_string(),
                format!("Ask {who} when a fix will be available, and check again then."),
            ],
            vendor_guidance: guidance,
        };
    }
    if !medical {
        // NVD rarely says which update fixes a flaw; for ordinary IT the vendor's latest
        // security update is the usual answer.
        let ids: Vec<&str> = vulns.iter().take(3).map(|v| v.id.as_str()).collect();
        return RecommendedAction {
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
fn explain(
    asset: &Asset,
    vulns: &[VulnerabilityFinding],
    decision: &Decision,
    end_of_support: bool,
    action: &RecommendedAction,
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
    if confirmed == n {
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
    } else {
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
    let tier = vulns.first().map(|v| v.tier).unwrap_or(Tier::Defer);
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
