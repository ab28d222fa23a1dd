//! The two one-file sources: CISA's KEV catalog (JSON) and FIRST's EPSS scores (CSV, often
//! gzip-compressed). Each is checked with the exposure crate's parser before it replaces
//! the kept file.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;
use ward_exposure::{EpssScores, KevCatalog};

use super::{date_part, part_path, write_replacing, Http, Outcome, Progress, UpdateError};

/// The catalog's own header fields and ids, to say what is new (the entries are read by
/// [`KevCatalog`]).
#[derive(Deserialize)]
struct KevHeader {
    #[serde(rename = "catalogVersion", default)]
    catalog_version: Option<String>,
    #[serde(rename = "dateReleased", default)]
    date_released: Option<String>,
    #[serde(default)]
    vulnerabilities: Vec<KevId>,
}

#[derive(Deserialize)]
struct KevId {
    #[serde(rename = "cveID", default)]
    cve_id: String,
}

fn kev_ids(header: &KevHeader) -> HashSet<String> {
    header
        .vulnerabilities
        .iter()
        .map(|v| v.cve_id.trim().to_ascii_uppercase())
        .collect()
}

/// Checks a KEV catalog (`origin` names where it came from) and keeps it at `dest`.
pub fn keep_kev(origin: &str, bytes: &[u8], dest: &Path) -> Result<Outcome, UpdateError> {
    let catalog = KevCatalog::from_json(origin, bytes)?;
    if catalog.is_empty() {
        return Err(UpdateError::bad(
            origin,
            "a KEV catalog with at least one entry in `vulnerabilities`",
        ));
    }
    let header: KevHeader = serde_json::from_slice(bytes)
        .map_err(|e| UpdateError::bad(origin, format!("the CISA KEV catalog JSON ({e})")))?;
    let before = std::fs::read(dest)
        .ok()
        .and_then(|b| serde_json::from_slice::<KevHeader>(&b).ok())
        .map(|h| kev_ids(&h))
        .unwrap_or_default();
    let now = kev_ids(&header);
    let new = now.difference(&before).count() as u64;
    write_replacing(dest, bytes)?;
    Ok(Outcome {
        version: header
            .catalog_version
            .filter(|v| !v.trim().is_empty())
            .or_else(|| Some(catalog.version.clone()).filter(|v| !v.is_empty())),
        published: header.date_released.as_deref().and_then(date_part),
        records: catalog.len() as u64,
        new,
        changed: 0,
        origin: origin.to_string(),
    })
}

/// Checks EPSS scores (plain or gzip-compressed CSV) and keeps them, uncompressed, at
/// `dest`.
pub fn keep_epss(origin: &str, bytes: &[u8], dest: &Path) -> Result<Outcome, UpdateError> {
    let plain = gunzip_if_needed(origin, bytes)?;
    let scores = EpssScores::from_csv(origin, &plain)?;
    if scores.is_empty() {
        return Err(UpdateError::bad(
            origin,
            "EPSS scores: `cve,epss,percentile` rows after the header",
        ));
    }
    let before = std::fs::read(dest)
        .ok()
        .and_then(|b| EpssScores::from_csv("kept", &b).ok())
        .map_or(0, |s| s.len() as u64);
    write_replacing(dest, &plain)?;
    Ok(Outcome {
        version: scores.model_version.clone(),
        published: scores.score_date.as_deref().and_then(date_part),
        records: scores.len() as u64,
        new: (scores.len() as u64).saturating_sub(before),
        changed: 0,
        origin: origin.to_string(),
    })
}

fn gunzip_if_needed(origin: &str, bytes: &[u8]) -> Result<Vec<u8>, UpdateError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(1 << 31)
        .read_to_end(&mut out)
        .map_err(|e| UpdateError::bad(origin, format!("a complete gzip file ({e})")))?;
    Ok(out)
}

/// Downloads a one-file source into `dest`'s `.part` twin, checks it with `keep` and moves
/// it into place. A part left by an interrupted run is continued; when the continued file
/// does not read, it is downloaded once more from the start.
pub(crate) fn fetch(
    http: &Http,
    url: &str,
    dest: &Path,
    progress: &dyn Progress,
    keep: fn(&str, &[u8], &Path) -> Result<Outcome, UpdateError>,
) -> Result<Outcome, UpdateError> {
    // The download's own twin: `keep` writes through `dest.part` too, so this one differs.
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".download");
    let download = part_path(&dest.with_file_name(name));
    let mut resumed = http.download(url, &download, progress)?;
    loop {
        let bytes = std::fs::read(&download).map_err(|e| UpdateError::io(&download, e))?;
        match keep(url, &bytes, dest) {
            Ok(outcome) => {
                let _ = std::fs::remove_file(&download);
                return Ok(outcome);
            }
            Err(e) => {
                let _ = std::fs::remove_file(&download);
                if !resumed {
                    return Err(e);
                }
                resumed = http.download(url, &download, progress)?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const KEV: &str = r#"{"catalogVersion":"2026.12.01","dateReleased":"2026-12-01T17:00:00.000Z","count":2,
        "vulnerabilities":[{"cveID":"CVE-2018-13379"},{"cveID":"CVE-2017-0144"}]}"#;

    #[test]
    fn kev_keeps_version_date_and_counts_new_entries() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("kev.json");
        let first = keep_kev("kev-url", KEV.as_bytes(), &dest).unwrap();
        assert_eq!(first.version.as_deref(), Some("2026.12.01"));
        assert_eq!(first.published.as_deref(), Some("2026-12-01"));
        assert_eq!((first.records, first.new), (2, 2));
        let more = KEV.replace(
            r#"{"cveID":"CVE-2017-0144"}"#,
            r#"{"cveID":"CVE-2017-0144"},{"cveID":"CVE-2024-1"}"#,
        );
        let second = keep_kev("kev-url", more.as_bytes(), &dest).unwrap();
        assert_eq!((second.records, second.new), (3, 1));
    }

    #[test]
    fn a_bad_kev_names_its_origin_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("kev.json");
        keep_kev("kev-url", KEV.as_bytes(), &dest).unwrap();
        let err = keep_kev("https://x/kev.json", b"<html>busy</html>", &dest).unwrap_err();
        assert!(err.to_string().starts_with("https://x/kev.json"), "{err}");
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), KEV);
        let empty = keep_kev("u", br#"{"vulnerabilities":[]}"#, &dest).unwrap_err();
        assert!(empty.to_string().contains("at least one"), "{empty}");
    }

    #[test]
    fn epss_is_read_gzipped_or_plain_and_kept_plain() {
        let csv = "#model_version:v2025.03.14,score_date:2026-12-02T00:00:00Z\ncve,epss,percentile\nCVE-2018-13379,0.94,0.99\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(csv.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("epss.csv");
        let o = keep_epss("epss-url", &gz, &dest).unwrap();
        assert_eq!(o.version.as_deref(), Some("v2025.03.14"));
        assert_eq!(o.published.as_deref(), Some("2026-12-02"));
        assert_eq!(o.records, 1);
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), csv);
        let cut = &gz[..gz.len() / 2];
        let err = keep_epss("epss-url", cut, &dest).unwrap_err();
        assert!(err.to_string().contains("gzip"), "{err}");
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), csv);
    }
}
