//! The vulnerability data `ward update` (and `ward import` of a KEV catalog or a CSAF
//! advisory) keeps in the data folder, and what `ward exposure` and the plan read from it:
//!
//! ```text
//! vulndata/manifest.json        each source's version, date, count, origin, when fetched
//! vulndata/kev.json             CISA's KEV catalog as downloaded
//! vulndata/epss.csv             FIRST's EPSS scores (uncompressed)
//! vulndata/csaf/                one file per CSAF advisory
//! vulndata/csaf-state.json      which advisory files were kept, with their change times
//! vulndata/nvd/CVE-YYYY.json    NVD CVE records, one file per CVE year
//! vulndata/nvd-cursor.json      where the NVD download stands (resumed from there)
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ward_exposure::{Advisory, EpssScores, KevCatalog, Sources};
use ward_feeds::update::{Outcome, Places, SourceName};

use crate::files::{read_json, write_json};
use crate::{DataDir, MemberError};

/// The folder of vulnerability data under the data folder.
pub const VULNDATA_DIR: &str = "vulndata";

/// One source of vulnerability data as kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VulnSource {
    /// "kev" | "epss" | "csaf" | "nvd"
    pub name: String,
    /// KEV `catalogVersion`, EPSS model version.
    pub version: Option<String>,
    /// YYYY-MM-DD the data is dated (KEV `dateReleased`, EPSS `score_date`, the newest
    /// advisory change or NVD `lastModified`).
    pub published: Option<String>,
    /// RFC 3339, when ward got it.
    pub fetched_at: Option<String>,
    /// Entries, rows, advisories or CVE records.
    pub records: u64,
    /// The URL or file/folder it came from.
    pub origin: String,
}

impl VulnSource {
    /// The kept source an update or import produced.
    pub fn from_outcome(name: SourceName, outcome: &Outcome, fetched_at: &str) -> VulnSource {
        VulnSource {
            name: name.name().to_string(),
            version: outcome.version.clone(),
            published: outcome.published.clone(),
            fetched_at: Some(fetched_at.to_string()),
            records: outcome.records,
            origin: outcome.origin.clone(),
        }
    }
}

/// The sources present in the data folder (a source without data is left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VulnStatus {
    pub sources: Vec<VulnSource>,
}

impl VulnStatus {
    /// The source named `name` ("kev", "epss", "csaf", "nvd"), if present.
    pub fn get(&self, name: &str) -> Option<&VulnSource> {
        self.sources.iter().find(|s| s.name == name)
    }
}

impl DataDir {
    /// The folder of vulnerability data.
    pub fn vulndata_dir(&self) -> PathBuf {
        self.root().join(VULNDATA_DIR)
    }

    /// What each source is and when it was fetched.
    pub fn vulndata_manifest_file(&self) -> PathBuf {
        self.vulndata_dir().join("manifest.json")
    }

    /// Where `ward update` keeps each source.
    pub fn vuln_places(&self) -> Places {
        let d = self.vulndata_dir();
        Places {
            kev: d.join("kev.json"),
            epss: d.join("epss.csv"),
            csaf_dir: d.join("csaf"),
            csaf_state: d.join("csaf-state.json"),
            nvd_dir: d.join("nvd"),
            nvd_cursor: d.join("nvd-cursor.json"),
        }
    }

    /// Whether the data of a source is on disk.
    fn vuln_present(&self, name: &str) -> bool {
        let p = self.vuln_places();
        match name {
            "kev" => p.kev.is_file(),
            "epss" => p.epss.is_file(),
            "csaf" => has_json(&p.csaf_dir),
            "nvd" => has_json(&p.nvd_dir),
            _ => false,
        }
    }

    /// The sources kept, as the manifest describes them (only those whose data is there).
    pub fn vuln_status(&self) -> Result<VulnStatus, MemberError> {
        let manifest: VulnStatus = read_json(&self.vulndata_manifest_file())?.unwrap_or_default();
        let mut sources: Vec<VulnSource> = manifest
            .sources
            .into_iter()
            .filter(|s| self.vuln_present(&s.name))
            .collect();
        sources.sort_by_key(|s| order(&s.name));
        Ok(VulnStatus { sources })
    }

    /// Records what an update or import kept (replacing the source's earlier entry).
    pub fn record_vuln_source(&self, source: VulnSource) -> Result<(), MemberError> {
        let path = self.vulndata_manifest_file();
        let mut manifest: VulnStatus = read_json(&path)?.unwrap_or_default();
        manifest.sources.retain(|s| s.name != source.name);
        manifest.sources.push(source);
        manifest.sources.sort_by_key(|s| order(&s.name));
        write_json(&path, &manifest)
    }

    /// Keeps a copy of a KEV catalog given to `ward import` (checked first), so that `ward
    /// exposure` uses it.
    pub fn keep_kev_copy(&self, file: &Path, fetched_at: &str) -> Result<VulnSource, MemberError> {
        let bytes = std::fs::read(file).map_err(|source| MemberError::Read {
            path: file.to_path_buf(),
            source,
        })?;
        let outcome = ward_feeds::update::keep_kev(
            &file.display().to_string(),
            &bytes,
            &self.vuln_places().kev,
        )?;
        let source = VulnSource::from_outcome(SourceName::Kev, &outcome, fetched_at);
        self.record_vuln_source(source.clone())?;
        Ok(source)
    }

    /// Keeps copies of CSAF advisories given to `ward import` beside the downloaded ones.
    pub fn keep_advisory_copies(
        &self,
        files: &[PathBuf],
        fetched_at: &str,
    ) -> Result<VulnSource, MemberError> {
        let origin = match files {
            [one] => one.display().to_string(),
            _ => "ward import".to_string(),
        };
        let outcome = ward_feeds::update::keep_advisory_files(
            files,
            &self.vuln_places(),
            fetched_at,
            &origin,
        )?;
        let source = VulnSource::from_outcome(SourceName::Csaf, &outcome, fetched_at);
        self.record_vuln_source(source.clone())?;
        Ok(source)
    }

    /// What `ward exposure` uses when no flag names a file: every source kept here, with
    /// the counts as read now.
    pub fn load_vulndata(&self) -> Result<(Sources, VulnStatus), MemberError> {
        let mut status = self.vuln_status()?;
        let places = self.vuln_places();
        let mut sources = Sources::default();
        let set_count = |status: &mut VulnStatus, name: &str, n: usize| {
            if let Some(s) = status.sources.iter_mut().find(|s| s.name == name) {
                s.records = n as u64;
            } else if n > 0 {
                // Data put there without the manifest (by hand or an older ward).
                status.sources.push(VulnSource {
                    name: name.to_string(),
                    version: None,
                    published: None,
                    fetched_at: None,
                    records: n as u64,
                    origin: self.vulndata_dir().display().to_string(),
                });
            }
        };
        if places.kev.is_file() {
            sources.kev = KevCatalog::load(&places.kev).map_err(vuln_error)?;
            if let Some(s) = status.sources.iter_mut().find(|s| s.name == "kev") {
                if s.version.is_none() && !sources.kev.version.is_empty() {
                    s.version = Some(sources.kev.version.clone());
                }
            }
            set_count(&mut status, "kev", sources.kev.len());
        }
        if places.epss.is_file() {
            sources.epss = EpssScores::load(&places.epss).map_err(vuln_error)?;
            set_count(&mut status, "epss", sources.epss.len());
        }
        if has_json(&places.csaf_dir) {
            sources.advisories = Advisory::load_dir(&places.csaf_dir).map_err(vuln_error)?;
            set_count(&mut status, "csaf", sources.advisories.len());
        }
        if has_json(&places.nvd_dir) {
            sources.nvd = ward_feeds::update::load_nvd(&places.nvd_dir)?;
            set_count(&mut status, "nvd", sources.nvd.len());
        }
        status.sources.sort_by_key(|s| order(&s.name));
        Ok((sources, status))
    }
}

fn vuln_error(e: ward_exposure::ExposureError) -> MemberError {
    MemberError::from(ward_feeds::update::UpdateError::from(e))
}

fn order(name: &str) -> usize {
    ["kev", "epss", "csaf", "nvd"]
        .iter()
        .position(|n| *n == name)
        .unwrap_or(usize::MAX)
}

fn has_json(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().and_then(|x| x.to_str()) == Some("json"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEV: &str = r#"{"catalogVersion":"2026.12.01","dateReleased":"2026-12-01T17:00:00.000Z",
        "vulnerabilities":[{"cveID":"CVE-2018-13379","vendorProject":"Fortinet","product":"FortiOS"}]}"#;

    #[test]
    fn every_source_is_kept_under_vulndata_with_its_name() {
        let d = DataDir::new("data");
        let p = d.vuln_places();
        let v = PathBuf::from("data").join("vulndata");
        assert_eq!(d.vulndata_manifest_file(), v.join("manifest.json"));
        assert_eq!(p.kev, v.join("kev.json"));
        assert_eq!(p.epss, v.join("epss.csv"));
        assert_eq!(p.csaf_dir, v.join("csaf"));
        assert_eq!(p.csaf_state, v.join("csaf-state.json"));
        assert_eq!(p.nvd_dir, v.join("nvd"));
        assert_eq!(p.nvd_cursor, v.join("nvd-cursor.json"));
    }

    #[test]
    fn nothing_kept_reads_as_no_sources() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path());
        assert!(d.vuln_status().unwrap().sources.is_empty());
        let (sources, status) = d.load_vulndata().unwrap();
        assert!(status.sources.is_empty());
        assert!(sources.kev.is_empty() && sources.nvd.is_empty());
    }

    #[test]
    fn an_imported_kev_is_kept_listed_and_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path().join("data"));
        let file = dir.path().join("known.json");
        std::fs::write(&file, KEV).unwrap();
        let kept = d.keep_kev_copy(&file, "2026-12-03T10:00:00Z").unwrap();
        assert_eq!(kept.version.as_deref(), Some("2026.12.01"));
        assert_eq!(kept.published.as_deref(), Some("2026-12-01"));
        let status = d.vuln_status().unwrap();
        assert_eq!(status.sources.len(), 1);
        assert_eq!(status.get("kev").unwrap().records, 1);
        let (sources, _) = d.load_vulndata().unwrap();
        assert!(sources.kev.get("CVE-2018-13379").is_some());
        // The manifest's entry goes with its data.
        std::fs::remove_file(d.vuln_places().kev).unwrap();
        assert!(d.vuln_status().unwrap().sources.is_empty());
    }

    #[test]
    fn a_damaged_kept_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path());
        std::fs::create_dir_all(d.vulndata_dir()).unwrap();
        std::fs::write(d.vuln_places().epss, "cve,epss,percentile\nCVE-1,7,0.1\n").unwrap();
        let err = d.load_vulndata().unwrap_err().to_string();
        assert!(err.contains("epss.csv:2"), "{err}");
    }
}
