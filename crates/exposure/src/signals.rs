//! Exploitation signals: CISA's Known Exploited Vulnerabilities catalog, FIRST's EPSS scores
//! and the hub's sighting counts.

use std::path::Path;

use foldhash::HashMap as FastMap;
use serde::{Deserialize, Serialize};

use crate::error::ExposureError;

/// One KEV entry, with the fields the action plan shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KevEntry {
    #[serde(rename = "cveID")]
    pub cve_id: String,
    #[serde(rename = "vendorProject", default)]
    pub vendor_project: String,
    #[serde(default)]
    pub product: String,
    #[serde(rename = "vulnerabilityName", default)]
    pub vulnerability_name: String,
    #[serde(rename = "dateAdded", default)]
    pub date_added: String,
    #[serde(rename = "requiredAction", default)]
    pub required_action: String,
    #[serde(rename = "dueDate", default)]
    pub due_date: String,
    /// "Known" when ransomware gangs use it.
    #[serde(rename = "knownRansomwareCampaignUse", default)]
    pub known_ransomware_campaign_use: String,
}

#[derive(Deserialize)]
struct KevFile {
    #[serde(rename = "catalogVersion", default)]
    catalog_version: String,
    vulnerabilities: Vec<KevEntry>,
}

/// The KEV catalog indexed by CVE id.
#[derive(Debug, Clone, Default)]
pub struct KevCatalog {
    pub version: String,
    entries: FastMap<String, KevEntry>,
}

impl KevCatalog {
    pub fn load(path: &Path) -> Result<KevCatalog, ExposureError> {
        let bytes = std::fs::read(path).map_err(|e| ExposureError::io(path, e))?;
        KevCatalog::from_json(&path.display().to_string(), &bytes)
    }

    pub fn from_json(label: &str, bytes: &[u8]) -> Result<KevCatalog, ExposureError> {
        let file: KevFile = serde_json::from_slice(bytes).map_err(|e| {
            ExposureError::json(
                label,
                "the CISA KEV catalog JSON (an object with `vulnerabilities`)",
                &e,
            )
        })?;
        let entries = file
            .vulnerabilities
            .into_iter()
            .map(|e| (e.cve_id.trim().to_ascii_uppercase(), e))
            .collect();
        Ok(KevCatalog {
            version: file.catalog_version,
            entries,
        })
    }

    pub fn get(&self, cve: &str) -> Option<&KevEntry> {
        self.entries.get(cve)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// An EPSS score: the probability of exploitation activity in the next 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Epss {
    pub probability: f64,
    pub percentile: f64,
}

/// EPSS scores by CVE id, with the model version from the file's first line.
#[derive(Debug, Clone, Default)]
pub struct EpssScores {
    pub model_version: Option<String>,
    pub score_date: Option<String>,
    scores: FastMap<String, Epss>,
}

impl EpssScores {
    pub fn load(path: &Path) -> Result<EpssScores, ExposureError> {
        let bytes = std::fs::read(path).map_err(|e| ExposureError::io(path, e))?;
        EpssScores::from_csv(&path.display().to_string(), &bytes)
    }

    /// Reads FIRST's CSV: `#model_version:v2023.03.01,score_date:...` then
    /// `cve,epss,percentile`. Any bad line is an error naming the line: a wrong score would
    /// silently change the ranking.
    pub fn from_csv(label: &str, bytes: &[u8]) -> Result<EpssScores, ExposureError> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| ExposureError::malformed(label, 0, format!("UTF-8 text ({e})")))?;
        let mut out = EpssScores::default();
        for (line_no, line) in epss_lines(text) {
            match line.map_err(|e| ExposureError::malformed(label, line_no, e.to_string()))? {
                EpssLine::Meta {
                    model_version,
                    score_date,
                } => {
                    if model_version.is_some() {
                        out.model_version = model_version;
                    }
                    if score_date.is_some() {
                        out.score_date = score_date;
                    }
                }
                EpssLine::Header => {}
                EpssLine::Score { cve, score } => {
                    out.scores.insert(cve, score);
                }
            }
        }
        Ok(out)
    }

    pub fn get(&self, cve: &str) -> Option<Epss> {
        self.scores.get(cve).copied()
    }

    pub fn insert(&mut self, cve: &str, score: Epss) {
        self.scores.insert(cve.to_ascii_uppercase(), score);
    }

    pub fn len(&self) -> usize {
        self.scores.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }
}

fn parse_probability(text: &str) -> Option<f64> {
    let v: f64 = text.parse().ok()?;
    (0.0..=1.0).contains(&v).then_some(v)
}

/// One line of FIRST's EPSS CSV, as [`epss_lines`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum EpssLine {
    /// A `#` line: the `model_version` and `score_date` it names, if it names them.
    Meta {
        model_version: Option<String>,
        score_date: Option<String>,
    },
    /// The `cve,epss,percentile` header.
    Header,
    /// One score; `cve` is upper-cased and starts `CVE-`.
    Score { cve: String, score: Epss },
}

/// Why a line of an EPSS CSV is not one; the text says what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EpssLineError {
    /// The first line that is neither blank nor `#` is not the header; nothing after it is
    /// read.
    #[error("the EPSS header `cve,epss,percentile`")]
    Header,
    #[error("three fields: cve,epss,percentile")]
    Fields,
    #[error("an EPSS score between 0 and 1, found `{0}`")]
    Score(String),
    #[error("a percentile between 0 and 1, found `{0}`")]
    Percentile(String),
    #[error("a CVE id, found `{0}`")]
    Cve(String),
}

/// FIRST's EPSS CSV line by line, with 1-based line numbers; blank lines are left out. The
/// one reader of the format: [`EpssScores::from_csv`] stops at the first bad line, the feed
/// importer reports it and goes on. After [`EpssLineError::Header`] the iterator ends.
pub fn epss_lines(
    text: &str,
) -> impl Iterator<Item = (usize, Result<EpssLine, EpssLineError>)> + '_ {
    let mut header_seen = false;
    let mut stopped = false;
    text.lines().enumerate().filter_map(move |(i, raw)| {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if stopped || line.is_empty() {
            return None;
        }
        let read = epss_line(line, &mut header_seen);
        stopped = read == Err(EpssLineError::Header);
        Some((i + 1, read))
    })
}

fn epss_line(line: &str, header_seen: &mut bool) -> Result<EpssLine, EpssLineError> {
    if let Some(meta) = line.strip_prefix('#') {
        let mut model_version = None;
        let mut score_date = None;
        for (k, v) in meta.split(',').filter_map(|kv| kv.split_once(':')) {
            match k.trim() {
                "model_version" if model_version.is_none() => {
                    model_version = Some(v.trim().to_string())
                }
                "score_date" if score_date.is_none() => score_date = Some(v.trim().to_string()),
                _ => {}
            }
        }
        return Ok(EpssLine::Meta {
            model_version,
            score_date,
        });
    }
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    if !*header_seen {
        if fields
            .first()
            .is_some_and(|f| f.eq_ignore_ascii_case("cve"))
        {
            *header_seen = true;
            return Ok(EpssLine::Header);
        }
        return Err(EpssLineError::Header);
    }
    let [cve, epss, percentile] = fields[..] else {
        return Err(EpssLineError::Fields);
    };
    let probability =
        parse_probability(epss).ok_or_else(|| EpssLineError::Score(epss.to_string()))?;
    let percentile = parse_probability(percentile)
        .ok_or_else(|| EpssLineError::Percentile(percentile.to_string()))?;
    let cve_upper = cve.to_ascii_uppercase();
    if !cve_upper.starts_with("CVE-") {
        return Err(EpssLineError::Cve(cve.to_string()));
    }
    Ok(EpssLine::Score {
        cve: cve_upper,
        score: Epss {
            probability,
            percentile,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kev_indexes_by_cve() {
        let json = br#"{"catalogVersion":"2025.08.25","vulnerabilities":[
            {"cveID":"CVE-2017-0144","vendorProject":"Microsoft","product":"SMBv1",
             "knownRansomwareCampaignUse":"Known","dueDate":"2022-05-03"}]}"#;
        let kev = KevCatalog::from_json("kev.json", json).unwrap();
        assert_eq!(kev.version, "2025.08.25");
        assert_eq!(
            kev.get("CVE-2017-0144")
                .unwrap()
                .known_ransomware_campaign_use,
            "Known"
        );
        assert!(kev.get("CVE-2017-0145").is_none());
    }

    #[test]
    fn kev_error_names_file_and_line() {
        let err = KevCatalog::from_json("kev.json", b"{\n\"vulnerabilities\": [\n{\"cveID\": 5}]}")
            .unwrap_err();
        assert!(err.to_string().starts_with("kev.json:3:"), "{err}");
    }

    #[test]
    fn epss_reads_model_line_and_rejects_bad_scores() {
        let csv = "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00Z\ncve,epss,percentile\nCVE-2017-0144,0.94358,0.99961\n";
        let e = EpssScores::from_csv("epss.csv", csv.as_bytes()).unwrap();
        assert_eq!(e.model_version.as_deref(), Some("v2025.03.14"));
        assert!((e.get("CVE-2017-0144").unwrap().probability - 0.94358).abs() < 1e-9);
        let bad = "cve,epss,percentile\nCVE-1,1.5,0.2\n";
        let err = EpssScores::from_csv("epss.csv", bad.as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("epss.csv:2:"), "{err}");
    }

    #[test]
    fn epss_lines_report_each_bad_line_and_stop_without_a_header() {
        let csv = "#model_version:v1\n\ncve,epss,percentile\nCVE-1,0.5,0.5\nX-1,0.5,0.5\nCVE-2,0.5\nCVE-3,0.1,2\n";
        let lines: Vec<_> = epss_lines(csv).collect();
        assert_eq!(lines.len(), 6);
        assert_eq!(
            lines[0],
            (
                1,
                Ok(EpssLine::Meta {
                    model_version: Some("v1".into()),
                    score_date: None
                })
            )
        );
        assert_eq!(lines[1], (3, Ok(EpssLine::Header)));
        assert!(matches!(&lines[2], (4, Ok(EpssLine::Score { cve, .. })) if cve == "CVE-1"));
        assert_eq!(lines[3], (5, Err(EpssLineError::Cve("X-1".into()))));
        assert_eq!(lines[4], (6, Err(EpssLineError::Fields)));
        assert_eq!(lines[5], (7, Err(EpssLineError::Percentile("2".into()))));
        let headless: Vec<_> = epss_lines("CVE-1,0.5,0.5\ncve,epss,percentile\n").collect();
        assert_eq!(headless, [(1, Err(EpssLineError::Header))]);
    }
}
