//! `ward update --offline DIR`: the same sources from a folder of files (for a machine
//! without internet, fed from a USB stick): the KEV catalog JSON, the EPSS CSV (`.csv` or
//! `.csv.gz`), CSAF advisory JSON files and NVD CVE JSON 2.0 files, in any sub-folders.
//! Each JSON file is told apart by its content.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::UpdateError;

/// How much of a JSON file is read to tell what it is.
const SNIFF_BYTES: u64 = 64 * 1024;
/// Folders deeper than this are not walked.
const MAX_DEPTH: usize = 6;

/// The files of an offline folder, by source.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OfflineFiles {
    pub kev: Option<PathBuf>,
    pub epss: Option<PathBuf>,
    pub csaf: Vec<PathBuf>,
    pub nvd: Vec<PathBuf>,
}

/// What a JSON file holds, from its first bytes.
fn sniff(path: &Path) -> Result<Option<&'static str>, UpdateError> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head))
        .map_err(|e| UpdateError::io(path, e))?;
    let text = String::from_utf8_lossy(&head);
    Ok(
        if text.contains("\"catalogVersion\"") || text.contains("\"cveID\"") {
            Some("kev")
        } else if text.contains("\"csaf_version\"") {
            Some("csaf")
        } else if text.contains("\"vulnerabilities\"") && text.contains("\"cve\"") {
            Some("nvd")
        } else {
            None
        },
    )
}

impl OfflineFiles {
    /// Walks `dir` and sorts its files by source. A JSON file that is none of them, or a
    /// second KEV catalog or EPSS file, is an error naming it (ward would otherwise have to
    /// guess which one is meant). Signatures, checksums and text files are left alone.
    pub fn find(dir: &Path) -> Result<OfflineFiles, UpdateError> {
        if !dir.is_dir() {
            return Err(UpdateError::bad(
                &dir.display().to_string(),
                "a folder holding the KEV JSON, the EPSS CSV, CSAF advisories or NVD JSON files",
            ));
        }
        let mut files = Vec::new();
        walk(dir, 0, &mut files)?;
        files.sort();
        let mut out = OfflineFiles::default();
        for file in files {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            let label = file.display().to_string();
            if name.ends_with(".csv") || name.ends_with(".csv.gz") {
                if name == "changes.csv" {
                    continue;
                }
                if let Some(first) = &out.epss {
                    return Err(UpdateError::bad(
                        &label,
                        format!(
                            "one EPSS file in the folder; {} is one already",
                            first.display()
                        ),
                    ));
                }
                out.epss = Some(file);
            } else if name.ends_with(".json") {
                match sniff(&file)? {
                    Some("kev") => {
                        if let Some(first) = &out.kev {
                            return Err(UpdateError::bad(
                                &label,
                                format!(
                                    "one KEV catalog in the folder; {} is one already",
                                    first.display()
                                ),
                            ));
                        }
                        out.kev = Some(file);
                    }
                    Some("csaf") => out.csaf.push(file),
                    Some("nvd") => out.nvd.push(file),
                    _ => {
                        return Err(UpdateError::bad(
                            &label,
                            "a KEV catalog, a CSAF advisory or an NVD CVE JSON 2.0 file",
                        ))
                    }
                }
            }
        }
        Ok(out)
    }

    pub fn is_empty(&self) -> bool {
        self.kev.is_none() && self.epss.is_none() && self.csaf.is_empty() && self.nvd.is_empty()
    }
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<(), UpdateError> {
    let entries = std::fs::read_dir(dir).map_err(|e| UpdateError::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| UpdateError::io(dir, e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, out)?;
            }
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sorted_by_content_and_strangers_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("csaf/2024")).unwrap();
        std::fs::write(
            d.join("known.json"),
            r#"{"catalogVersion":"1","vulnerabilities":[]}"#,
        )
        .unwrap();
        std::fs::write(d.join("epss.csv.gz"), b"\x1f\x8b").unwrap();
        std::fs::write(
            d.join("csaf/2024/icsma-24-1.json"),
            r#"{"document":{"csaf_version":"2.0"}}"#,
        )
        .unwrap();
        std::fs::write(d.join("csaf/2024/icsma-24-1.json.sha512"), "x").unwrap();
        std::fs::write(
            d.join("nvd.json"),
            r#"{"vulnerabilities":[{"cve":{"id":"CVE-1"}}]}"#,
        )
        .unwrap();
        let found = OfflineFiles::find(d).unwrap();
        assert_eq!(found.kev, Some(d.join("known.json")));
        assert_eq!(found.epss, Some(d.join("epss.csv.gz")));
        assert_eq!(found.csaf, vec![d.join("csaf/2024/icsma-24-1.json")]);
        assert_eq!(found.nvd, vec![d.join("nvd.json")]);
        std::fs::write(d.join("other.json"), "{\"hello\": 1}").unwrap();
        let err = OfflineFiles::find(d).unwrap_err().to_string();
        assert!(
            err.contains("other.json") && err.contains("expected"),
            "{err}"
        );
    }
}
