//! The member's data folder (`--data`): every file and folder name under it, the local store
//! opened there, and the results one command leaves for the next.
//!
//! ```text
//! ward.db                 the local store (SQLite), unless --database names PostgreSQL
//! feeds.toml              decay, score and allow-list settings (optional, edited by hand)
//! allow-lists/            allow-lists imported by `ward import` (MISP warninglists)
//! pull-state.json         where each `ward pull` of a server and collection stopped
//! hub-sightings.json      what the hub said about the indicators the last scan found
//! cache/                  the indicator index built for `ward scan`, per intel source
//! scan/latest.json        the latest scan's grouped hits
//! exposure/latest.json    the latest exposure ranking
//! exports/                block lists the plan counts (written there by the member)
//! plan/done.json          actions marked done
//! plan/history/DATE.json  each plan made, to say what changed since last week
//! inventory/             the inventory uploaded on watch's devices page (watch/web.rs)
//! vulndata/               KEV, EPSS, CSAF advisories and NVD records from `ward update` (vulndata.rs)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use ward_feeds::config::FeedsConfig;
use ward_feeds::indicator::ImportedAllowList;
use ward_feeds::taxii::Client;
use ward_feeds::{FeedsError, LocalIntel};
use ward_store::{SqliteStore, Store};

use crate::files::{read_json, write_json};
use crate::MemberError;

/// The file of the embedded store (the name `SqliteStore::open` gives it).
pub const STORE_FILE: &str = ward_store::DB_FILE;
/// Pull positions per server and collection.
pub const PULL_STATE_FILE: &str = "pull-state.json";
/// The hub's sightings counts for what the latest scan found.
pub const HUB_SIGHTINGS_FILE: &str = "hub-sightings.json";
/// The indicator index cache folder.
pub const CACHE_DIR: &str = "cache";
/// Block lists written for the plan to count.
pub const EXPORTS_DIR: &str = "exports";
/// The plan's folder (marks and history).
pub const PLAN_DIR: &str = "plan";

/// At most this many requests for sightings counts per pull.
pub const MAX_SIGHTING_QUERIES: usize = 200;

/// The latest scan as `ward scan` saved it: the plan and `ward pull` read it.
#[derive(serde::Serialize, serde::Deserialize)]
struct LatestScan {
    scanned_at: String,
    files: Vec<String>,
    summary: ward_detect::Summary,
}

/// The member's data folder. Creating one touches nothing on disk; the store and the files
/// are created when first written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The data folder at `root` (the `--data` option).
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    // --- layout ----------------------------------------------------------------------------

    /// The embedded store's database file.
    pub fn store_file(&self) -> PathBuf {
        self.root.join(STORE_FILE)
    }

    /// The feeds configuration (`feeds.toml`).
    pub fn feeds_config_file(&self) -> PathBuf {
        self.root.join(ward_feeds::config::FILE_NAME)
    }

    /// The folder of imported allow-lists.
    pub fn allow_lists_dir(&self) -> PathBuf {
        self.root.join(ward_feeds::allowlist::IMPORTED_DIR)
    }

    /// The pull positions file.
    pub fn pull_state_file(&self) -> PathBuf {
        self.root.join(PULL_STATE_FILE)
    }

    /// The hub's sightings counts, refreshed by `ward pull`.
    pub fn hub_sightings_file(&self) -> PathBuf {
        self.root.join(HUB_SIGHTINGS_FILE)
    }

    /// The folder of cached indicator indexes.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(CACHE_DIR)
    }

    /// The latest scan's result.
    pub fn latest_scan_file(&self) -> PathBuf {
        self.root.join("scan").join("latest.json")
    }

    /// The latest exposure ranking.
    pub fn latest_exposure_file(&self) -> PathBuf {
        self.root.join("exposure").join("latest.json")
    }

    /// The block lists the plan counts.
    pub fn exports_dir(&self) -> PathBuf {
        self.root.join(EXPORTS_DIR)
    }

    /// The plan's folder.
    pub fn plan_dir(&self) -> PathBuf {
        self.root.join(PLAN_DIR)
    }

    /// The actions marked done.
    pub fn done_file(&self) -> PathBuf {
        self.plan_dir().join("done.json")
    }

    /// Every plan made, one file per day.
    pub fn plan_history_dir(&self) -> PathBuf {
        self.plan_dir().join("history")
    }

    /// The plan made on `date` (YYYY-MM-DD).
    pub fn plan_file(&self, date: &str) -> PathBuf {
        self.plan_history_dir().join(format!("{date}.json"))
    }

    // --- the local store -------------------------------------------------------------------

    /// Opens (creating when needed) the embedded store in the data folder.
    pub fn open_store(&self) -> Result<Arc<dyn Store>, MemberError> {
        let store = SqliteStore::open(&self.root).map_err(FeedsError::from)?;
        Ok(Arc::new(store))
    }

    /// The local intel on the embedded store in the data folder.
    pub fn local_intel(&self) -> Result<LocalIntel, MemberError> {
        self.open_store()
            .and_then(|store| self.local_intel_on(store))
            .map_err(|e| match e {
                MemberError::Feeds(source) => MemberError::OpenLocal {
                    path: self.root.clone(),
                    source,
                },
                other => other,
            })
    }

    /// The local intel on a store opened elsewhere (PostgreSQL named by `--database`), with
    /// this folder's configuration, allow-lists and pull positions.
    pub fn local_intel_on(&self, store: Arc<dyn Store>) -> Result<LocalIntel, MemberError> {
        let config = FeedsConfig::load(&self.root)?;
        let mut allow = config.allow_list(&self.root)?;
        // The organization's own domains and networks never reach a block list. A profile
        // that cannot be read is reported by the commands that need it, not here.
        if let Ok(Some(profile)) = self.org_profile() {
            for entry in profile.domains.iter().chain(&profile.networks) {
                let _ = allow.add(ward_feeds::never_block::OWN_ORIGIN, entry);
            }
        }
        Ok(LocalIntel::new(
            store,
            config,
            allow,
            self.pull_state_file(),
        )?)
    }

    /// Saves an imported allow-list under `allow-lists/` (read when the local intel opens).
    pub fn save_allow_list(&self, list: &ImportedAllowList) -> Result<PathBuf, MemberError> {
        Ok(ward_feeds::allowlist::save_imported(&self.root, list)?)
    }

    // --- results kept between commands ------------------------------------------------------

    /// Keeps a scan's grouped hits for `ward report` and `ward pull`.
    pub fn save_latest_scan(
        &self,
        logs: &[PathBuf],
        summary: &ward_detect::Summary,
    ) -> Result<(), MemberError> {
        write_json(
            &self.latest_scan_file(),
            &LatestScan {
                scanned_at: ward_stix::Timestamp::now().to_string(),
                files: logs.iter().map(|p| p.display().to_string()).collect(),
                summary: summary.clone(),
            },
        )
    }

    /// The grouped hits of the latest scan, if one was saved.
    pub fn latest_scan(&self) -> Result<Option<ward_detect::Summary>, MemberError> {
        Ok(read_json::<LatestScan>(&self.latest_scan_file())?.map(|s| s.summary))
    }

    /// Keeps the latest exposure ranking for `ward report`.
    pub fn save_latest_exposure(
        &self,
        report: &ward_exposure::ExposureReport,
    ) -> Result<(), MemberError> {
        write_json(&self.latest_exposure_file(), report)
    }

    /// The latest exposure ranking, if one was saved.
    pub fn latest_exposure(&self) -> Result<Option<ward_exposure::ExposureReport>, MemberError> {
        read_json(&self.latest_exposure_file())
    }

    /// What the hub said about indicators, by indicator id (empty when never asked).
    pub fn hub_sightings(&self) -> Result<BTreeMap<String, Value>, MemberError> {
        Ok(read_json(&self.hub_sightings_file())?.unwrap_or_default())
    }

    /// Asks the hub how many members saw what the latest scan found, and keeps the answer
    /// (counts only) for the weekly plan. Only the indicators that matched in this
    /// organization's own logs are asked about, at most [`MAX_SIGHTING_QUERIES`]: a few
    /// requests, not one per indicator. Returns how many were asked.
    pub fn refresh_hub_sightings(
        &self,
        client: &Client,
        api_root: &str,
        collection: &str,
    ) -> Result<usize, MemberError> {
        let Some(summary) = self.latest_scan()? else {
            return Ok(0);
        };
        let mut known = self.hub_sightings()?;
        let mut asked = 0;
        // The summary is sorted by score: the plan never shows more than its top findings.
        for hit in summary.indicators.iter().take(MAX_SIGHTING_QUERIES) {
            if let Some(answer) = client.sightings_summary(api_root, collection, &hit.indicator.id)
            {
                known.insert(hit.indicator.id.clone(), answer);
                asked += 1;
            }
        }
        if asked > 0 {
            write_json(&self.hub_sightings_file(), &known)?;
        }
        Ok(asked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_is_under_the_data_folder_with_its_name() {
        let d = DataDir::new("data");
        let p = |s: &str| PathBuf::from("data").join(s);
        assert_eq!(d.root(), Path::new("data"));
        for (path, name) in [
            (d.store_file(), "ward.db"),
            (d.feeds_config_file(), "feeds.toml"),
            (d.allow_lists_dir(), "allow-lists"),
            (d.pull_state_file(), "pull-state.json"),
            (d.hub_sightings_file(), "hub-sightings.json"),
            (d.cache_dir(), "cache"),
            (d.latest_scan_file(), "scan/latest.json"),
            (d.latest_exposure_file(), "exposure/latest.json"),
            (d.exports_dir(), "exports"),
            (d.plan_dir(), "plan"),
            (d.done_file(), "plan/done.json"),
            (d.plan_history_dir(), "plan/history"),
            (d.plan_file("2026-11-28"), "plan/history/2026-11-28.json"),
        ] {
            assert_eq!(path, p(name));
        }
    }

    #[test]
    fn the_store_is_created_in_the_data_folder_under_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path().join("data"));
        let local = d.local_intel().unwrap();
        assert_eq!(local.count().unwrap(), 0);
        assert!(d.store_file().is_file());
    }

    #[test]
    fn nothing_saved_yet_reads_as_none_or_empty() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path());
        assert!(d.latest_scan().unwrap().is_none());
        assert!(d.latest_exposure().unwrap().is_none());
        assert!(d.hub_sightings().unwrap().is_empty());
    }

    #[test]
    fn the_latest_scan_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path());
        let mut summary = ward_detect::Summary::default();
        summary.alerts = 3;
        d.save_latest_scan(&[PathBuf::from("conn.log")], &summary)
            .unwrap();
        let back = d.latest_scan().unwrap().unwrap();
        assert_eq!(back.alerts, 3);
        let saved: Value = read_json(&d.latest_scan_file()).unwrap().unwrap();
        assert_eq!(saved["files"], serde_json::json!(["conn.log"]));
        assert!(saved["scanned_at"].is_string());
    }

    #[test]
    fn corrupt_results_are_typed_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path());
        for path in [
            d.latest_scan_file(),
            d.latest_exposure_file(),
            d.hub_sightings_file(),
        ] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "[1, 2").unwrap();
        }
        for (err, name) in [
            (d.latest_scan().err(), "scan"),
            (d.latest_exposure().err(), "exposure"),
            (d.hub_sightings().err(), "hub-sightings.json"),
        ] {
            let err = err.unwrap();
            assert!(matches!(err, MemberError::Corrupt { .. }), "{err:?}");
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn a_bad_configuration_names_feeds_toml() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path());
        std::fs::write(
            d.feeds_config_file(),
            "[allow]\nentries = [\"no such thing!\"]\n",
        )
        .unwrap();
        let err = d.local_intel().err().unwrap();
        assert!(matches!(err, MemberError::OpenLocal { .. }), "{err:?}");
        let text = format!("{err}: {}", std::error::Error::source(&err).unwrap());
        assert!(
            text.contains("feeds.toml") && text.contains("allow.entries"),
            "{text}"
        );
    }
}
