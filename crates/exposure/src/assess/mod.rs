//! Matching assets to advisories and NVD records, then ranking and explaining the result.

mod advice;
mod hits;

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::csaf::{Advisory, Remediation};
use crate::inventory::{Asset, AssetKind, Criticality, Inventory};
use crate::names::{product_aliases, split_exclusion, vendor_keys, vendor_words, ProductWords};
use crate::nvd::NvdCatalog;
use crate::rank::{
    exposure_of, impact_of, score_for, tier_for, Decision, Exploitation, Patchability, ScoreInputs,
    Tier, EPSS_LIKELY,
};
use crate::report::{
    AdvisoryRef, Certainty, Cvss, ExposureReport, Finding, KevSignal, NvdRef, Signals,
    SourceSummary, VulnerabilityFinding,
};
use crate::signals::{EpssScores, KevCatalog};
use crate::version::{Version, VersionSpec};

use advice::{explain, recommend};
use hits::{csaf_hits, nvd_hits, offers_fix};

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
    /// Products the advisory's name excludes ("Vivid products, not including EchoPAC").
    exclusions: Vec<ProductWords>,
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
                let (name, excluded) = split_exclusion(&p.product_name);
                // A bare number split off a list ("Hawkeye 4 / 1", "MX800/700/600") names
                // nothing on its own: it would match any asset with that number in its name.
                let names: Vec<ProductWords> = product_aliases(name)
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (i, ProductWords::new(n, &vw).with_context(title)))
                    .filter(|(i, w)| {
                        !w.is_empty()
                            && (*i == 0
                                || !w
                                    .distinctive
                                    .iter()
                                    .all(|d| d.chars().all(|c| c.is_ascii_digit())))
                    })
                    .map(|(_, w)| w)
                    .collect();
                let exclusions: Vec<ProductWords> = excluded
                    .map(|e| {
                        e.split([',', '/'])
                            .flat_map(|part| part.split(" and "))
                            .map(|n| ProductWords::new(n, &vw))
                            .filter(|w| !w.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
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
                        exclusions: exclusions.clone(),
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
    // Tier first: an "immediate" finding is never ranked below an "out-of-cycle" one.
    findings.sort_by(|a, b| {
        b.tier
            .cmp(&a.tier)
            .then_with(|| b.score.total_cmp(&a.score))
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
    /// The versions the advisory calls affected, so no action names one of them as the fix.
    affected: Option<VersionSpec>,
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

/// The tier an asset past its end of support gets on its own, matched by a flaw or not: no
/// fix will ever come, so it is planned this week when an attacker can reach it from the
/// internet or a patient's life depends on it, and in the next maintenance window otherwise.
pub fn end_of_support_tier(asset: &Asset) -> Tier {
    if asset.internet_exposed == Some(true)
        || asset.criticality == Some(Criticality::LifeSustaining)
    {
        Tier::OutOfCycle
    } else {
        Tier::Scheduled
    }
}

fn band_top(tier: Tier) -> f64 {
    match tier {
        Tier::Immediate => 99.9,
        Tier::OutOfCycle => 74.9,
        Tier::Scheduled => 49.9,
        Tier::Defer => 24.9,
    }
}

// Long because: matching, merging, ranking and the end-of-support rule meet here, and the
// finding's tier, score, action and explanation are decided together so they cannot disagree.
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
    let end_of_support = asset.end_of_support.is_some_and(|d| d <= today);
    if hits.is_empty() && !end_of_support {
        return None;
    }
    let affected: Vec<VersionSpec> = hits.iter().filter_map(|h| h.affected.clone()).collect();
    let merged = merge(hits);
    let mut vulns: Vec<VulnerabilityFinding> = merged
        .into_iter()
        .map(|h| rank_hit(asset, h, sources, end_of_support))
        .collect();
    vulns.sort_by(|a, b| {
        b.tier
            .cmp(&a.tier)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.id.cmp(&b.id))
    });
    let eos_decision = Decision {
        exploitation: Exploitation::None,
        exposure: exposure_of(asset),
        patient_impact: impact_of(asset),
        patchability: Patchability::EndOfSupport,
    };
    let (mut tier, decision, mut score) = match vulns.first() {
        // More flaws on the same asset edge it ahead of an asset with one, within its band.
        Some(top) => (
            top.tier,
            top.decision,
            (top.score + 0.1 * (vulns.len().min(10) as f64 - 1.0)).min(band_top(top.tier)),
        ),
        None => (Tier::Defer, eos_decision, 0.0),
    };
    if end_of_support {
        let eos_tier = end_of_support_tier(asset);
        if eos_tier > tier {
            // Within its band, by what the asset means for patients and how reachable it is.
            let within = score_for(&eos_decision, &ScoreInputs::default())
                - tier_for(&eos_decision).base_score();
            tier = eos_tier;
            score = (eos_tier.base_score() + within.clamp(0.0, 24.9)).min(band_top(eos_tier));
        }
    }
    let score = (score * 10.0).round() / 10.0;
    let action = recommend(asset, &vulns, version.as_ref(), end_of_support, &affected);
    let why = explain(asset, &vulns, &decision, end_of_support, &action, tier);
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
