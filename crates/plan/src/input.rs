//! What the plan is made from. These types are the plan's own: the command line fills them
//! from the scanner's alerts, the exposure ranking and the local intel, so that the plan does
//! not depend on how any of those were parsed.

use serde::{Deserialize, Serialize};

/// Everything known this week.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PlanInput {
    /// The member organization the plan is for.
    pub organization: String,
    /// The day the plan is made (YYYY-MM-DD).
    pub date: String,
    /// Hits of shared intel in this organization's logs, one per indicator and value.
    pub hits: Vec<Hit>,
    /// Vulnerable assets, as ranked by the exposure engine.
    pub exposures: Vec<ExposedAsset>,
    /// Ready-made block lists (exports) the plan can point at.
    pub blocklists: Vec<Blocklist>,
    /// Counts of local intel by age, for the freshness chart.
    pub intel: IntelSummary,
    /// Hits per day over the last weeks, for the chart (YYYY-MM-DD, count).
    pub hits_by_day: Vec<(String, u64)>,
    /// Last week's plan, to say what changed.
    pub previous: Option<PreviousPlan>,
    /// Actions marked done with `ward report done ID`.
    pub done: Vec<DoneMark>,
}

/// Shared intel seen in the organization's own logs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Hit {
    pub indicator_id: String,
    pub indicator_name: String,
    /// The observed value that matched (an address, domain, URL, hash...).
    pub value: String,
    /// `ip`, `domain`, `url`, `hash`, `email` or `other`.
    pub value_kind: String,
    /// Internal machines involved (source addresses or host names in the logs).
    pub internal_hosts: Vec<String>,
    pub count: u64,
    pub first_seen: String,
    pub last_seen: String,
    /// Malware or group the intel ties the value to, when known.
    pub threat: Option<String>,
    /// How many hub member organizations saw it recently.
    pub hub_organizations: u32,
    /// 0-100.
    pub score: u8,
}

/// How a vulnerable asset can be fixed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Fix {
    /// Install an update, to this version when known.
    Patch { to_version: Option<String> },
    /// Apply the vendor's workaround (text from the advisory).
    Workaround { text: String },
    /// It cannot be patched: isolate it and call the manufacturer.
    Isolate,
}

/// An asset with known vulnerabilities.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExposedAsset {
    pub asset: String,
    /// workstation, server, network, medical-device, iot.
    pub kind: String,
    /// life-sustaining, patient-care, clinical-support, business.
    pub criticality: String,
    pub location: Option<String>,
    pub internet_exposed: bool,
    pub end_of_support: bool,
    pub vendor: String,
    pub product: String,
    pub version: String,
    /// CVE ids (or advisory ids).
    pub vulnerabilities: Vec<String>,
    /// In CISA's Known Exploited Vulnerabilities catalog.
    pub known_exploited: bool,
    pub ransomware: bool,
    /// Highest EPSS probability (0-1) among the vulnerabilities.
    pub epss: Option<f64>,
    /// Where the exposure engine ranked it, 0-100 (higher is more urgent).
    pub rank: u8,
    pub fix: Fix,
    /// The advisory or vendor text behind the fix.
    pub vendor_advice: Option<String>,
    /// The advisory ids behind the finding.
    pub advisories: Vec<String>,
}

/// A block list ready for a firewall or DNS server.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Blocklist {
    /// `ip`, `domain` or `url`.
    pub kind: String,
    pub entries: usize,
    pub path: String,
}

/// Local intel by freshness.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct IntelSummary {
    pub indicators: usize,
    /// Less than 7 days old.
    pub fresh: usize,
    /// 7 to 30 days.
    pub aging: usize,
    /// Older than 30 days.
    pub stale: usize,
}

/// What last week's plan listed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PreviousPlan {
    pub date: String,
    pub action_ids: Vec<String>,
    pub titles: Vec<String>,
}

/// An action someone marked as done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DoneMark {
    pub id: String,
    pub date: String,
    pub title: String,
}
