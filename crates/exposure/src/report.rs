//! The result of an exposure assessment: what the weekly action plan reads.
//!
//! Every type here is serializable and self-explaining: a finding carries the asset as the
//! inventory described it, each vulnerability with the signals behind its rank, a sentence
//! saying why in plain words, and the action with the vendor's own remediation text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::csaf::Remediation;
use crate::inventory::{Asset, InputProblem};
use crate::rank::{Decision, Tier};
use crate::signals::Epss;

/// How sure the match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// The version (or model, or platform) could not be checked: confirm with the vendor.
    Possible,
    /// Vendor, product and version all match.
    Confirmed,
}

/// CISA KEV facts about a CVE.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KevSignal {
    pub date_added: String,
    pub due_date: String,
    pub known_ransomware_use: bool,
    pub required_action: String,
}

/// A CVSS base score with its vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cvss {
    pub base_score: f64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub vector: String,
}

/// Everything known about how dangerous a vulnerability is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kev: Option<KevSignal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epss: Option<Epss>,
    /// Hub members who saw related indicators recently.
    pub sightings: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cvss: Option<Cvss>,
}

/// The CSAF advisory a vulnerability was found through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvisoryRef {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The advisory's product and affected versions as it wrote them.
    pub product: String,
    pub affected_versions: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// The NVD record a vulnerability was found through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NvdRef {
    pub matched_cpe: String,
    pub affected_versions: String,
}

/// One vulnerability on one asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VulnerabilityFinding {
    /// The CVE id, or the advisory id when the advisory gives none.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub certainty: Certainty,
    /// Why ward thinks the asset has it, in words.
    pub matched_because: String,
    pub signals: Signals,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advisory: Option<AdvisoryRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nvd: Option<NvdRef>,
    /// The first version without the flaw, when a source names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_version: Option<String>,
    /// The vendor's fixes, mitigations and workarounds, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remediations: Vec<Remediation>,
    pub decision: Decision,
    pub tier: Tier,
    pub score: f64,
}

/// What to do about an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Update to a fixed version (named when a source names it).
    PatchTo,
    /// No fix yet: apply the vendor's workaround.
    ApplyWorkaround,
    /// It cannot be patched: isolate it (compensating controls) and call the manufacturer.
    IsolateAndCallManufacturer,
}

/// The recommended action, with steps a non-specialist can follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendedAction {
    pub kind: ActionKind,
    /// Who carries it out: the inventory's `owner` column (e.g. Biomed) when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_version: Option<String>,
    /// One sentence.
    pub summary: String,
    pub steps: Vec<String>,
    /// The vendor's remediation and workaround texts behind the action, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendor_guidance: Vec<Remediation>,
}

/// One exposed asset: its vulnerabilities, its rank and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// 1 is the most urgent.
    pub rank: usize,
    pub tier: Tier,
    /// 0-100; the tier sets the band (immediate 75+, out-of-cycle 50+, scheduled 25+).
    pub score: f64,
    pub asset: Asset,
    /// The answers of the most urgent vulnerability.
    pub decision: Decision,
    /// Why it ranks here, for someone who is not a security specialist.
    pub why: String,
    pub action: RecommendedAction,
    /// Most urgent first.
    pub vulnerabilities: Vec<VulnerabilityFinding>,
}

/// The sources an assessment used, so a reader knows how fresh it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kev_catalog_version: Option<String>,
    pub kev_entries: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epss_model_version: Option<String>,
    pub epss_scores: usize,
    pub advisories: usize,
    pub nvd_records: usize,
}

/// The whole answer of `ward exposure`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExposureReport {
    pub assessed_on: NaiveDate,
    pub assets_checked: usize,
    pub sources: SourceSummary,
    /// Most urgent first.
    pub findings: Vec<Finding>,
    /// Inventory rows that were skipped, with their line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<InputProblem>,
}

impl ExposureReport {
    /// Findings at or above a tier (for `--fail-on`).
    pub fn at_or_above(&self, tier: Tier) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.tier >= tier)
    }
}
