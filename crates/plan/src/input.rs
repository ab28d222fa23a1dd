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
    /// What was checked in the plan's window, and what was not.
    #[serde(default)]
    pub coverage: Coverage,
    /// Vendors the organization depends on that recent intel names (`ward vendors`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendors: Vec<VendorMention>,
}

/// A vendor the organization depends on, named by recent shared intel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VendorMention {
    /// The vendor's name as the member recorded it.
    pub vendor: String,
    /// `clearinghouse`, `ehr`, `msp`, `device`, `cloud` or `other`.
    pub kind: String,
    /// Whom to call there, as the member recorded it.
    #[serde(default)]
    pub contact: Option<String>,
    /// The intel that names it, newest first.
    pub intel: Vec<VendorIntel>,
}

/// One piece of intel naming a vendor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VendorIntel {
    pub id: String,
    /// The STIX type: `report`, `incident`, `campaign`, `intrusion-set`, `vulnerability`.
    pub object_type: String,
    pub name: String,
    /// How it names the vendor, in plain words ("targets it", "names it in its description").
    pub how: String,
    /// Its date (YYYY-MM-DD).
    pub date: String,
    /// A member's vendor incident notice (`x_ward_vendor_notice`), or an incident.
    pub incident: bool,
}

/// What the plan's findings rest on. A plan never gives an all-clear for something that is not
/// listed here as checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// The window's first and last day (YYYY-MM-DD).
    pub since: String,
    pub until: String,
    /// Log files scanned in the window, newest scan first.
    pub logs: Vec<LogCoverage>,
    /// The inventory of the latest exposure run, if one was made.
    pub inventory: Option<InventoryCoverage>,
    /// The intel the scans were matched against.
    pub intel: IntelCoverage,
    /// The vulnerability data the devices were matched against.
    pub vulnerability_data: Vec<VulnDataCoverage>,
    /// Plain sentences: what was not checked, and what is out of date.
    pub gaps: Vec<String>,
}

impl Coverage {
    /// Some log was read in the window.
    pub fn logs_checked(&self) -> bool {
        self.logs.iter().any(|l| l.lines > l.unreadable)
    }

    /// The devices were matched against some vulnerability data.
    pub fn devices_checked(&self) -> bool {
        self.inventory.as_ref().is_some_and(|i| i.assets > 0)
            && self.vulnerability_data.iter().any(|v| v.records > 0)
    }

    /// Nothing at all was checked: the plan may not say that anything is fine.
    pub fn nothing_checked(&self) -> bool {
        !self.logs_checked() && !self.devices_checked()
    }
}

/// One log file as scanned.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LogCoverage {
    pub file: String,
    pub format: String,
    pub lines: u64,
    /// Lines that could not be read.
    pub unreadable: u64,
    /// The earliest and latest event in it (YYYY-MM-DD or a full time), when lines carry times.
    pub first_event: Option<String>,
    pub last_event: Option<String>,
    /// The day it was scanned.
    pub scanned_on: String,
}

/// The inventory the devices were checked from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InventoryCoverage {
    pub file: String,
    pub checked_on: String,
    pub assets: u64,
    /// Assets listed without a version (matched only as "possibly affected").
    pub without_version: u64,
}

/// The shared intel on hand.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IntelCoverage {
    /// Where it came from (imports and pulls in the record), newest first.
    pub sources: Vec<IntelSource>,
    pub indicators: usize,
    /// The newest and oldest indicator's date (YYYY-MM-DD).
    pub newest: Option<String>,
    pub oldest: Option<String>,
}

/// One import or pull.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IntelSource {
    /// A file, or a hub collection.
    pub name: String,
    pub objects: u64,
    /// The day it was last brought in.
    pub on: String,
}

/// One source of vulnerability data (KEV, EPSS, advisories, NVD).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VulnDataCoverage {
    /// `KEV catalog`, `EPSS scores`, `CISA advisories` or `NVD records`.
    pub name: String,
    pub version: Option<String>,
    pub records: u64,
    /// The day the data is dated, when known (YYYY-MM-DD).
    pub dated: Option<String>,
    /// Its age in days on the plan's day, when known.
    pub age_days: Option<i64>,
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
    /// Addresses outside the organization's networks at the other end of the connection
    /// (a log of traffic between two outside machines, or the organization's public address
    /// not named in its profile): no "check the computer" for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outside_hosts: Vec<String>,
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
    /// Who looks after it (the inventory's `owner` column, such as Biomed), when known.
    #[serde(default)]
    pub owner: Option<String>,
    /// Already on its own network segment.
    #[serde(default)]
    pub segmented: bool,
    /// The exposure engine's tier: immediate, out-of-cycle, scheduled or defer (empty when
    /// unknown). The plan's order keeps it: an immediate finding never ranks below an
    /// out-of-cycle one.
    #[serde(default)]
    pub tier: String,
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

/// An action someone marked as done, or as not applicable (with why): either way the plan
/// stops asking for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DoneMark {
    pub id: String,
    pub date: String,
    pub title: String,
    /// Why the action does not apply here, when it was marked not applicable rather than
    /// done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
}
