//! Exposure for ward: which of a clinic's assets and medical devices carry known
//! vulnerabilities, and how urgent each is for patients. This crate owns the inventory
//! (CSV and CycloneDX SBOMs), the advisory and signal sources (CISA KEV, FIRST EPSS, CSAF 2.0
//! advisories, NVD CVE JSON 2.0), version-range and CPE matching, the SSVC-style ranking, and
//! the serializable [`ExposureReport`] that the weekly action plan reads.
//!
//! It must never know about logs, HTTP or storage: callers hand it bytes or paths and get
//! values back. Nothing here touches the network.
//!
//! ```no_run
//! use ward_exposure::{assess, Inventory, Sources};
//! let inventory = Inventory::load("inventory.csv".as_ref())?;
//! let report = assess(&inventory, &Sources::default(), chrono::NaiveDate::MIN);
//! for f in &report.findings { println!("{} {} {}", f.rank, f.tier, f.why); }
//! # Ok::<(), ward_exposure::ExposureError>(())
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod assess;
pub mod cpe;
pub mod csaf;
pub mod error;
pub mod inventory;
pub mod names;
pub mod nvd;
pub mod rank;
pub mod report;
pub mod signals;
pub mod version;

pub use assess::{assess, Sources};
pub use csaf::{Advisory, Remediation};
pub use error::ExposureError;
pub use inventory::{
    Asset, AssetKind, Criticality, InputProblem, Inventory, InventoryOptions, CSV_COLUMNS,
};
pub use nvd::NvdCatalog;
pub use rank::{Decision, Tier};
pub use report::{
    ActionKind, Certainty, ExposureReport, Finding, RecommendedAction, SourceSummary,
    VulnerabilityFinding,
};
pub use signals::{Epss, EpssScores, KevCatalog};

pub use chrono::NaiveDate;

/// Today's date in UTC, for callers that assess "now" (the library itself never reads the
/// clock, so that results are reproducible).
pub fn today_utc() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Runs every parser of outside input over `data` and throws the results away: the body of
/// the `exposure_inputs` fuzz target and of the hostile-input tests. Never panics.
#[doc(hidden)]
pub fn parse_everything(data: &[u8]) {
    let mut inv = Inventory::default();
    let _ = inv.add_csv("fuzz.csv", data);
    let _ = inv.add_cyclonedx("fuzz.json", data);
    let _ = KevCatalog::from_json("fuzz.json", data);
    let _ = EpssScores::from_csv("fuzz.csv", data);
    let _ = Advisory::from_json("fuzz.json", data);
    let _ = NvdCatalog::from_json("fuzz.json", data);
    let text = String::from_utf8_lossy(data);
    let _ = version::parse_range(&text);
    let _ = version::parse_product_version(&text, &text);
    let _ = cpe::Cpe::parse(&text);
    let _ = names::vendor_keys(&text);
    // A parsed inventory must also survive an assessment against itself as an advisory.
    if let Ok(adv) = Advisory::from_json("fuzz.json", data) {
        let sources = Sources {
            advisories: vec![adv],
            ..Default::default()
        };
        let _ = assess(&inv, &sources, NaiveDate::MIN);
    }
}
