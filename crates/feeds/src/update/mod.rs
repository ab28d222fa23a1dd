//! `ward update`: downloads the vulnerability data `ward exposure` matches against and keeps
//! it where the member crate says ([`Places`]): CISA's Known Exploited Vulnerabilities
//! catalog, FIRST's EPSS scores, CISA's CSAF advisories for industrial and medical devices
//! (from the provider's published `changes.csv`, only new or changed files) and NVD CVE
//! records through the NVD API 2.0 (incremental by last-modified date).
//!
//! Every file is checked with the exposure crate's own parsers before it replaces what was
//! kept, so a failed or garbled download never erases an earlier one. Downloads go to a
//! `.part` file first (resumed with an HTTP range request when one is left over); the NVD
//! cursor is saved after each page, so an interrupted run continues where it stopped.
//!
//! The same keepers read a folder of files instead of the network (`--offline DIR`,
//! [`OfflineFiles`]).

mod csaf;
mod http;
mod nvd;
mod offline;
mod single;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use csaf::keep_advisory;
pub use http::Http;
pub use nvd::{load_kept as load_nvd, NvdCursor};
pub use offline::OfflineFiles;
pub use single::{keep_epss, keep_kev};

/// The `[update]` section of `feeds.toml`: where each source is downloaded from and how
/// fast. Every key has a default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UpdateConfig {
    /// The sources a plain `ward update` fetches (`--only` overrides).
    pub sources: Vec<String>,
    /// CISA KEV catalog (JSON).
    pub kev_url: String,
    /// FIRST EPSS scores of the day (CSV, gzip-compressed or plain).
    pub epss_url: String,
    /// A CSAF 2.0 distribution folder (holding `changes.csv`).
    pub csaf_url: String,
    /// The NVD CVE API 2.0 endpoint.
    pub nvd_url: String,
    /// Seconds between two NVD requests; by default 6 without an API key and 0.6 with one
    /// (NVD's published limits: 5 requests in 30 s without a key, 50 with one).
    pub nvd_delay_seconds: Option<f64>,
    /// Records per NVD page (NVD allows at most 2,000).
    pub nvd_page_size: u32,
    /// How many days of changes the first NVD run fetches (besides the KEV-listed records).
    pub nvd_first_days: u32,
    /// Seconds before the first retry of a request that failed with 429/5xx or a network
    /// error (doubled for each further try; 3 tries in all).
    pub retry_seconds: f64,
}

/// The default sources of a plain `ward update`.
pub const DEFAULT_KEV_URL: &str =
    "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";
pub const DEFAULT_EPSS_URL: &str = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";
pub const DEFAULT_CSAF_URL: &str =
    "https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/";
pub const DEFAULT_NVD_URL: &str = "https://services.nvd.nist.gov/rest/json/cves/2.0";
/// NVD's longest last-modified window per request.
pub const NVD_MAX_WINDOW_DAYS: u32 = 120;

impl Default for UpdateConfig {
    fn default() -> Self {
        UpdateConfig {
            sources: SourceName::ALL
                .iter()
                .map(|s| s.name().to_string())
                .collect(),
            kev_url: DEFAULT_KEV_URL.to_string(),
            epss_url: DEFAULT_EPSS_URL.to_string(),
            csaf_url: DEFAULT_CSAF_URL.to_string(),
            nvd_url: DEFAULT_NVD_URL.to_string(),
            nvd_delay_seconds: None,
            nvd_page_size: 2000,
            nvd_first_days: NVD_MAX_WINDOW_DAYS,
            retry_seconds: 5.0,
        }
    }
}

impl UpdateConfig {
    /// Checks the values a person may have mistyped; the message names the key.
    pub fn check(&self) -> Result<(), String> {
        for s in &self.sources {
            SourceName::parse(s).map_err(|e| format!("update.sources: {e}"))?;
        }
        if let Some(d) = self.nvd_delay_seconds {
            if !(d.is_finite() && d >= 0.0) {
                return Err("update.nvd_delay_seconds: expected a number of seconds ≥ 0".into());
            }
        }
        if !(1..=2000).contains(&self.nvd_page_size) {
            return Err("update.nvd_page_size: expected 1 to 2000".into());
        }
        if !(1..=NVD_MAX_WINDOW_DAYS).contains(&self.nvd_first_days) {
            return Err(format!(
                "update.nvd_first_days: expected 1 to {NVD_MAX_WINDOW_DAYS}"
            ));
        }
        if !(self.retry_seconds.is_finite() && self.retry_seconds >= 0.0) {
            return Err("update.retry_seconds: expected a number of seconds ≥ 0".into());
        }
        Ok(())
    }

    /// The pause between NVD requests.
    pub fn nvd_delay(&self, with_key: bool) -> Duration {
        let secs = self
            .nvd_delay_seconds
            .unwrap_or(if with_key { 0.6 } else { 6.0 });
        Duration::from_secs_f64(secs)
    }
}

/// One vulnerability data source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceName {
    Kev,
    Epss,
    Csaf,
    Nvd,
}

impl SourceName {
    pub const ALL: [SourceName; 4] = [
        SourceName::Kev,
        SourceName::Epss,
        SourceName::Csaf,
        SourceName::Nvd,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SourceName::Kev => "kev",
            SourceName::Epss => "epss",
            SourceName::Csaf => "csaf",
            SourceName::Nvd => "nvd",
        }
    }

    /// The name people read ("KEV", "EPSS", "CSAF advisories", "NVD").
    pub fn label(self) -> &'static str {
        match self {
            SourceName::Kev => "KEV",
            SourceName::Epss => "EPSS",
            SourceName::Csaf => "CSAF advisories",
            SourceName::Nvd => "NVD",
        }
    }

    pub fn parse(text: &str) -> Result<SourceName, String> {
        let t = text.trim().to_ascii_lowercase();
        SourceName::ALL
            .into_iter()
            .find(|s| s.name() == t)
            .ok_or_else(|| format!("`{text}` is not a source; expected kev, epss, csaf or nvd"))
    }
}

/// Where each source is kept. The member crate owns the data folder's layout and hands
/// these paths in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Places {
    /// The KEV catalog as downloaded (JSON).
    pub kev: PathBuf,
    /// The EPSS scores (plain CSV).
    pub epss: PathBuf,
    /// One JSON file per CSAF advisory.
    pub csaf_dir: PathBuf,
    /// Which advisory files were kept, with the time `changes.csv` gave each.
    pub csaf_state: PathBuf,
    /// NVD records, one file per CVE year.
    pub nvd_dir: PathBuf,
    /// Where the NVD download stands (see [`NvdCursor`]).
    pub nvd_cursor: PathBuf,
}

/// What one source's update kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Catalog or model version, when the source has one.
    pub version: Option<String>,
    /// The date (YYYY-MM-DD) the data is dated.
    pub published: Option<String>,
    /// Entries, rows, advisories or records now kept.
    pub records: u64,
    /// Of those, how many were not kept before.
    pub new: u64,
    /// How many kept ones were replaced by a newer version.
    pub changed: u64,
    /// The URL or file it came from.
    pub origin: String,
}

/// Why an update of one source failed. Each message names the URL or file.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("{url}: {message}")]
    Network { url: String, message: String },
    #[error("{url}: HTTP {status}{}", hint(message))]
    Status {
        url: String,
        status: u16,
        message: String,
    },
    #[error("{origin}: expected {expected}")]
    BadData { origin: String, expected: String },
    #[error(transparent)]
    Parse(#[from] ward_exposure::ExposureError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn hint(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(" ({message})")
    }
}

impl UpdateError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> UpdateError {
        UpdateError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn bad(origin: &str, expected: impl Into<String>) -> UpdateError {
        UpdateError::BadData {
            origin: origin.to_string(),
            expected: expected.into(),
        }
    }
}

/// Told how far a download is, to draw progress bars; every method does nothing by default.
pub trait Progress {
    /// A new step starts (`total` in bytes or items, when known).
    fn begin(&self, _label: &str, _total: Option<u64>) {}
    /// The total became known.
    fn set_total(&self, _total: u64) {}
    fn advance(&self, _n: u64) {}
    /// The step ended.
    fn end(&self) {}
}

/// No progress shown.
pub struct Quiet;
impl Progress for Quiet {}

/// Updates sources from the network.
pub struct Updater<'a> {
    pub config: &'a UpdateConfig,
    pub http: Http,
    /// NVD API key (sent as the `apiKey` header), if any.
    pub api_key: Option<String>,
    /// Now, for the NVD windows.
    pub now: ward_stix::Timestamp,
    pub progress: &'a dyn Progress,
}

impl<'a> Updater<'a> {
    pub fn new(
        config: &'a UpdateConfig,
        api_key: Option<String>,
        now: ward_stix::Timestamp,
        progress: &'a dyn Progress,
    ) -> Updater<'a> {
        Updater {
            config,
            http: Http::new(Duration::from_secs_f64(config.retry_seconds)),
            api_key: api_key.filter(|k| !k.trim().is_empty()),
            now,
            progress,
        }
    }

    /// Downloads one source and keeps it; what was kept before stays when this fails.
    pub fn update(&self, source: SourceName, places: &Places) -> Result<Outcome, UpdateError> {
        match source {
            SourceName::Kev => {
                self.progress.begin("KEV catalog", None);
                let r = single::fetch(
                    &self.http,
                    &self.config.kev_url,
                    &places.kev,
                    self.progress,
                    keep_kev,
                );
                self.progress.end();
                r
            }
            SourceName::Epss => {
                self.progress.begin("EPSS scores", None);
                let r = single::fetch(
                    &self.http,
                    &self.config.epss_url,
                    &places.epss,
                    self.progress,
                    keep_epss,
                );
                self.progress.end();
                r
            }
            SourceName::Csaf => csaf::fetch(
                &self.http,
                &self.config.csaf_url,
                &places.csaf_dir,
                &places.csaf_state,
                self.progress,
            ),
            SourceName::Nvd => nvd::Pager {
                http: &self.http,
                config: self.config,
                api_key: self.api_key.as_deref(),
                now: self.now,
                progress: self.progress,
            }
            .run(&places.nvd_dir, &places.nvd_cursor),
        }
    }
}

/// Keeps one source from an offline folder's files; `None` when the folder has none of it.
pub fn keep_offline(
    files: &OfflineFiles,
    source: SourceName,
    places: &Places,
    now: &str,
    origin: &Path,
) -> Result<Option<Outcome>, UpdateError> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| UpdateError::io(p, e));
    let label = |p: &Path| p.display().to_string();
    Ok(match source {
        SourceName::Kev => match &files.kev {
            Some(p) => Some(keep_kev(&label(p), &read(p)?, &places.kev)?),
            None => None,
        },
        SourceName::Epss => match &files.epss {
            Some(p) => Some(keep_epss(&label(p), &read(p)?, &places.epss)?),
            None => None,
        },
        SourceName::Csaf if files.csaf.is_empty() => None,
        SourceName::Csaf => Some(csaf::keep_files(
            &files.csaf,
            &places.csaf_dir,
            &places.csaf_state,
            now,
            &label(origin),
        )?),
        SourceName::Nvd if files.nvd.is_empty() => None,
        SourceName::Nvd => Some(nvd::keep_files(
            &files.nvd,
            &places.nvd_dir,
            &places.nvd_cursor,
            &label(origin),
        )?),
    })
}

/// Keeps advisory files given by hand (`ward import`) beside the downloaded ones.
pub fn keep_advisory_files(
    files: &[PathBuf],
    places: &Places,
    now: &str,
    origin: &str,
) -> Result<Outcome, UpdateError> {
    csaf::keep_files(files, &places.csaf_dir, &places.csaf_state, now, origin)
}

/// Writes `bytes` to `path` through a `.part` twin renamed over it: a crash leaves the old
/// file or the new one.
pub(crate) fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), UpdateError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| UpdateError::io(dir, e))?;
    }
    let part = part_path(path);
    std::fs::write(&part, bytes).map_err(|e| UpdateError::io(&part, e))?;
    std::fs::rename(&part, path).map_err(|e| UpdateError::io(path, e))
}

/// `name.part` beside `path`.
pub(crate) fn part_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    path.with_file_name(name)
}

/// Reads a JSON state file ward wrote; `None` when absent.
pub(crate) fn read_state<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<T>, UpdateError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            UpdateError::bad(
                &path.display().to_string(),
                format!("the JSON ward wrote there ({e}); remove it to start over"),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(UpdateError::io(path, e)),
    }
}

pub(crate) fn write_state<T: Serialize>(path: &Path, value: &T) -> Result<(), UpdateError> {
    let bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| UpdateError::bad(&path.display().to_string(), e.to_string()))?;
    write_replacing(path, &bytes)
}

/// The date part (YYYY-MM-DD) of an RFC 3339 time or a date.
pub(crate) fn date_part(text: &str) -> Option<String> {
    let t = text.trim();
    let d = t.get(..10)?;
    let ok = d.len() == 10
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    ok.then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_parse_by_name_and_bad_ones_are_named() {
        assert_eq!(SourceName::parse(" NVD ").unwrap(), SourceName::Nvd);
        let e = SourceName::parse("osv").unwrap_err();
        assert!(
            e.contains("`osv`") && e.contains("kev, epss, csaf or nvd"),
            "{e}"
        );
    }

    #[test]
    fn the_config_checks_name_the_key() {
        let mut c = UpdateConfig::default();
        assert!(c.check().is_ok());
        c.nvd_page_size = 5000;
        assert!(c.check().unwrap_err().contains("nvd_page_size"));
        c = UpdateConfig {
            nvd_first_days: 200,
            ..Default::default()
        };
        assert!(c.check().unwrap_err().contains("nvd_first_days"));
        assert_eq!(c.nvd_delay(false), Duration::from_secs(6));
        assert_eq!(c.nvd_delay(true), Duration::from_millis(600));
    }

    #[test]
    fn date_part_reads_times_and_dates_only() {
        assert_eq!(
            date_part("2026-12-02T00:00:00Z").as_deref(),
            Some("2026-12-02")
        );
        assert_eq!(date_part("2026-12-02").as_deref(), Some("2026-12-02"));
        assert_eq!(date_part("v2025.03.14"), None);
        assert_eq!(date_part("short"), None);
    }
}
