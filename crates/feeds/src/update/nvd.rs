//! NVD CVE records through the NVD API 2.0, kept one file per CVE year (each an NVD CVE
//! JSON 2.0 document, a record replaced by its newer version).
//!
//! The first run fetches the records CISA lists as exploited (`hasKev`) and those changed
//! in the last days (`nvd_first_days`); later runs fetch what changed since the saved
//! cursor, in windows of at most 120 days (`lastModStartDate`/`lastModEndDate`), page by
//! page (`startIndex`/`resultsPerPage`), pausing between requests. The cursor is saved after
//! every page, so an interrupted run continues at the page it stopped on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use ward_exposure::NvdCatalog;
use ward_stix::Timestamp;

use super::{
    date_part, read_state, write_replacing, write_state, Http, Outcome, Progress, UpdateConfig,
    UpdateError, NVD_MAX_WINDOW_DAYS,
};

const DAY: i64 = 86_400;

/// Where the NVD download stands, saved after every page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NvdCursor {
    /// The KEV-listed records were all fetched once.
    pub kev_done: bool,
    /// Changes up to this time (RFC 3339) are kept: the next window starts here.
    pub synced_until: Option<String>,
    /// The request series under way, if a run stopped inside one.
    pub job: Option<Job>,
    /// The newest `lastModified` of a kept record.
    pub newest: Option<String>,
    /// Records kept.
    pub records: u64,
}

/// One series of paged requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// `None`: the KEV-listed records; otherwise a last-modified window.
    pub window: Option<(String, String)>,
    /// The `startIndex` of the next page.
    pub next_index: u64,
    /// `totalResults` as the last page said.
    pub total: Option<u64>,
}

/// The parts of an API response the pager needs; the records are checked by
/// [`NvdCatalog`].
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(rename = "totalResults", default)]
    total_results: Option<u64>,
    #[serde(borrow, default)]
    vulnerabilities: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Item<'a> {
    #[serde(borrow)]
    cve: &'a RawValue,
}

#[derive(Deserialize)]
struct Head {
    id: String,
    #[serde(rename = "lastModified", default)]
    last_modified: Option<String>,
}

/// A year file as written: `{"format":"NVD_CVE","version":"2.0","vulnerabilities":[...]}`.
#[derive(Deserialize)]
struct YearFile<'a> {
    #[serde(borrow)]
    vulnerabilities: Vec<&'a RawValue>,
}

/// What merging one document into the kept records did.
#[derive(Debug, Default)]
pub(crate) struct Merged {
    pub records: u64,
    pub new: u64,
    pub changed: u64,
    pub newest: Option<String>,
}

fn year_of(id: &str) -> Option<&str> {
    let year = id.strip_prefix("CVE-")?.get(..4)?;
    year.bytes().all(|b| b.is_ascii_digit()).then_some(year)
}

fn year_file(dir: &Path, year: &str) -> PathBuf {
    dir.join(format!("CVE-{year}.json"))
}

/// Checks an NVD CVE JSON 2.0 document (an API page or a feed file) with [`NvdCatalog`] and
/// merges its records into the year files in `dir`.
pub(crate) fn merge(origin: &str, text: &str, dir: &Path) -> Result<Merged, UpdateError> {
    NvdCatalog::from_json(origin, text.as_bytes())?;
    let page: Page<'_> = serde_json::from_str(text)
        .map_err(|e| UpdateError::bad(origin, format!("NVD CVE JSON 2.0 ({e})")))?;
    let mut by_year: BTreeMap<String, Vec<(String, &RawValue)>> = BTreeMap::new();
    let mut out = Merged::default();
    for item in &page.vulnerabilities {
        let item: Item<'_> = serde_json::from_str(item.get())
            .map_err(|e| UpdateError::bad(origin, format!("a `cve` object in each item ({e})")))?;
        let head: Head = serde_json::from_str(item.cve.get())
            .map_err(|e| UpdateError::bad(origin, format!("a CVE record with an id ({e})")))?;
        let id = head.id.trim().to_ascii_uppercase();
        let Some(year) = year_of(&id) else {
            return Err(UpdateError::bad(
                origin,
                format!("CVE ids like CVE-2018-13379, found `{}`", head.id),
            ));
        };
        if let Some(lm) = head.last_modified {
            if out.newest.as_ref().is_none_or(|n| lm > *n) {
                out.newest = Some(lm);
            }
        }
        by_year
            .entry(year.to_string())
            .or_default()
            .push((id, item.cve));
        out.records += 1;
    }
    for (year, records) in by_year {
        let path = year_file(dir, &year);
        let old_text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(UpdateError::io(&path, e)),
        };
        let mut kept: BTreeMap<String, String> = read_year(&path, &old_text)?;
        for (id, raw) in records {
            match kept.insert(id, raw.get().to_string()) {
                Some(_) => out.changed += 1,
                None => out.new += 1,
            }
        }
        write_year(&path, &kept)?;
    }
    Ok(out)
}

/// The records of a year file by id (empty text: none).
fn read_year(path: &Path, text: &str) -> Result<BTreeMap<String, String>, UpdateError> {
    let mut kept = BTreeMap::new();
    if text.trim().is_empty() {
        return Ok(kept);
    }
    let label = path.display().to_string();
    let file: YearFile<'_> = serde_json::from_str(text).map_err(|e| {
        UpdateError::bad(
            &label,
            format!("the NVD records ward wrote there ({e}); remove it to start over"),
        )
    })?;
    for item in file.vulnerabilities {
        let item: Item<'_> = serde_json::from_str(item.get())
            .map_err(|e| UpdateError::bad(&label, format!("a `cve` object in each item ({e})")))?;
        let head: Head = serde_json::from_str(item.cve.get())
            .map_err(|e| UpdateError::bad(&label, format!("a CVE record with an id ({e})")))?;
        kept.insert(
            head.id.trim().to_ascii_uppercase(),
            item.cve.get().to_string(),
        );
    }
    Ok(kept)
}

fn write_year(path: &Path, kept: &BTreeMap<String, String>) -> Result<(), UpdateError> {
    let mut text =
        String::from("{\"format\":\"NVD_CVE\",\"version\":\"2.0\",\"vulnerabilities\":[");
    for (i, raw) in kept.values().enumerate() {
        text.push_str(if i == 0 {
            "\n{\"cve\":"
        } else {
            ",\n{\"cve\":"
        });
        text.push_str(raw);
        text.push('}');
    }
    text.push_str("\n]}\n");
    write_replacing(path, text.as_bytes())
}

/// The `.json` year files of `dir`, in name order.
fn year_files(dir: &Path) -> Result<Vec<PathBuf>, UpdateError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(UpdateError::io(dir, e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    files.sort();
    Ok(files)
}

/// How many records the year files of `dir` hold.
pub(crate) fn count_kept(dir: &Path) -> Result<u64, UpdateError> {
    let mut n = 0;
    for path in year_files(dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| UpdateError::io(&path, e))?;
        n += read_year(&path, &text)?.len() as u64;
    }
    Ok(n)
}

/// Every record kept in `dir` as one catalog (empty when nothing is kept). A file that does
/// not read is named in the error.
pub fn load_kept(dir: &Path) -> Result<NvdCatalog, UpdateError> {
    let mut combined = String::from("{\"vulnerabilities\":[");
    let mut first = true;
    let files = year_files(dir)?;
    for path in &files {
        let text = std::fs::read_to_string(path).map_err(|e| UpdateError::io(path, e))?;
        let label = path.display().to_string();
        let file: YearFile<'_> = serde_json::from_str(&text).map_err(|e| {
            UpdateError::bad(&label, format!("NVD CVE JSON 2.0 as ward wrote it ({e}); run `ward update --only nvd` again after removing it"))
        })?;
        for item in file.vulnerabilities {
            if !first {
                combined.push(',');
            }
            first = false;
            combined.push_str(item.get());
        }
    }
    combined.push_str("]}");
    match NvdCatalog::from_json("nvd", combined.as_bytes()) {
        Ok(c) => Ok(c),
        // Say which file holds the record that does not read.
        Err(e) => {
            for path in &files {
                NvdCatalog::load(path)?;
            }
            Err(e.into())
        }
    }
}

/// NVD's date form with an explicit UTC offset (`+` escaped for the query string).
fn api_time(t: &Timestamp) -> String {
    let text = Timestamp {
        secs: t.secs,
        nanos: 0,
        frac_digits: 3,
    }
    .to_string();
    format!("{}%2B00:00", text.trim_end_matches('Z'))
}

fn ts(secs: i64) -> Timestamp {
    Timestamp {
        secs,
        nanos: 0,
        frac_digits: 0,
    }
}

/// The pager: the configuration, the client and the clock.
pub(crate) struct Pager<'a> {
    pub http: &'a Http,
    pub config: &'a UpdateConfig,
    pub api_key: Option<&'a str>,
    pub now: Timestamp,
    pub progress: &'a dyn Progress,
}

impl Pager<'_> {
    fn url(&self, job: &Job) -> String {
        let base = self.config.nvd_url.trim_end_matches('?');
        let sep = if base.contains('?') { '&' } else { '?' };
        let filter = match &job.window {
            None => "hasKev".to_string(),
            Some((start, end)) => {
                let (Ok(s), Ok(e)) = (Timestamp::parse(start), Timestamp::parse(end)) else {
                    return String::new();
                };
                format!(
                    "lastModStartDate={}&lastModEndDate={}",
                    api_time(&s),
                    api_time(&e)
                )
            }
        };
        format!(
            "{base}{sep}{filter}&resultsPerPage={}&startIndex={}",
            self.config.nvd_page_size, job.next_index
        )
    }

    /// The next series of requests after the finished ones, or `None` when up to date.
    fn next_job(&self, cursor: &NvdCursor) -> Option<Job> {
        if !cursor.kev_done {
            return Some(Job {
                window: None,
                next_index: 0,
                total: None,
            });
        }
        let start = cursor
            .synced_until
            .as_deref()
            .and_then(|s| Timestamp::parse(s).ok())
            .unwrap_or_else(|| ts(self.now.secs - i64::from(self.config.nvd_first_days) * DAY));
        // Less than a minute behind: up to date.
        if self.now.secs - start.secs < 60 {
            return None;
        }
        let end = (start.secs + i64::from(NVD_MAX_WINDOW_DAYS) * DAY).min(self.now.secs);
        Some(Job {
            window: Some((ts(start.secs).to_string(), ts(end).to_string())),
            next_index: 0,
            total: None,
        })
    }

    // Long because: the paging loop with its resumable cursor, the pause between requests
    // and the hand-over from one window to the next.
    pub fn run(&self, dir: &Path, cursor_path: &Path) -> Result<Outcome, UpdateError> {
        let mut cursor: NvdCursor = read_state(cursor_path)?.unwrap_or_default();
        let delay: Duration = self.config.nvd_delay(self.api_key.is_some());
        let headers: Vec<(&str, &str)> = self.api_key.map(|k| ("apiKey", k)).into_iter().collect();
        let (mut new, mut changed) = (0u64, 0u64);
        let mut requests = 0u32;
        while let Some(mut job) = cursor.job.clone().or_else(|| self.next_job(&cursor)) {
            let label = match &job.window {
                None => "NVD (KEV-listed records)".to_string(),
                Some((s, e)) => format!(
                    "NVD changes {} to {}",
                    date_part(s).unwrap_or_default(),
                    date_part(e).unwrap_or_default()
                ),
            };
            self.progress.begin(&label, job.total);
            if job.next_index > 0 {
                self.progress.advance(job.next_index);
            }
            loop {
                let url = self.url(&job);
                if requests > 0 {
                    std::thread::sleep(delay);
                }
                requests += 1;
                let body = self.http.get_nvd(&url, &headers)?;
                let text = String::from_utf8(body)
                    .map_err(|e| UpdateError::bad(&url, format!("UTF-8 JSON ({e})")))?;
                let page: Page<'_> = serde_json::from_str(&text).map_err(|e| {
                    UpdateError::bad(&url, format!("an NVD API 2.0 response (JSON with `totalResults` and `vulnerabilities`) ({e})"))
                })?;
                let Some(total) = page.total_results else {
                    return Err(UpdateError::bad(
                        &url,
                        "an NVD API 2.0 response with `totalResults`",
                    ));
                };
                let got = page.vulnerabilities.len() as u64;
                let merged = merge(&url, &text, dir)?;
                new += merged.new;
                changed += merged.changed;
                if merged.newest.is_some()
                    && (cursor.newest.is_none() || merged.newest > cursor.newest)
                {
                    cursor.newest = merged.newest;
                }
                job.next_index += got;
                job.total = Some(total);
                self.progress.set_total(total);
                self.progress.advance(got);
                let finished = got == 0 || job.next_index >= total;
                if finished {
                    match &job.window {
                        None => cursor.kev_done = true,
                        Some((_, end)) => cursor.synced_until = Some(end.clone()),
                    }
                    cursor.job = None;
                } else {
                    cursor.job = Some(job.clone());
                }
                write_state(cursor_path, &cursor)?;
                if finished {
                    break;
                }
            }
            self.progress.end();
        }
        cursor.records = count_kept(dir)?;
        write_state(cursor_path, &cursor)?;
        Ok(Outcome {
            version: None,
            published: cursor.newest.as_deref().and_then(date_part),
            records: cursor.records,
            new,
            changed,
            origin: self.config.nvd_url.clone(),
        })
    }
}

/// Merges NVD files given by hand (`--offline`) into the kept records; the API cursor is
/// left as it is.
pub(crate) fn keep_files(
    files: &[PathBuf],
    dir: &Path,
    cursor_path: &Path,
    origin: &str,
) -> Result<Outcome, UpdateError> {
    let mut cursor: NvdCursor = read_state(cursor_path)?.unwrap_or_default();
    let (mut new, mut changed) = (0u64, 0u64);
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| UpdateError::io(file, e))?;
        let merged = merge(&file.display().to_string(), &text, dir)?;
        new += merged.new;
        changed += merged.changed;
        if merged.newest.is_some() && (cursor.newest.is_none() || merged.newest > cursor.newest) {
            cursor.newest = merged.newest;
        }
    }
    cursor.records = count_kept(dir)?;
    write_state(cursor_path, &cursor)?;
    Ok(Outcome {
        version: None,
        published: cursor.newest.as_deref().and_then(date_part),
        records: cursor.records,
        new,
        changed,
        origin: origin.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(records: &[(&str, &str)]) -> String {
        let items: Vec<String> = records
            .iter()
            .map(|(id, lm)| format!(r#"{{"cve":{{"id":"{id}","lastModified":"{lm}","descriptions":[{{"lang":"en","value":"x"}}]}}}}"#))
            .collect();
        format!(
            r#"{{"resultsPerPage":{n},"startIndex":0,"totalResults":{n},"vulnerabilities":[{}]}}"#,
            items.join(","),
            n = records.len()
        )
    }

    #[test]
    fn records_merge_by_year_newer_replacing_older_and_load_as_one_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let m = merge(
            "p1",
            &doc(&[
                ("CVE-2018-13379", "2024-06-01T00:00:00.000"),
                ("CVE-2024-1", "2024-06-02T00:00:00.000"),
            ]),
            dir.path(),
        )
        .unwrap();
        assert_eq!((m.records, m.new, m.changed), (2, 2, 0));
        assert_eq!(m.newest.as_deref(), Some("2024-06-02T00:00:00.000"));
        let m = merge(
            "p2",
            &doc(&[("CVE-2018-13379", "2025-01-01T00:00:00.000")]),
            dir.path(),
        )
        .unwrap();
        assert_eq!((m.new, m.changed), (0, 1));
        assert!(dir.path().join("CVE-2018.json").is_file());
        assert!(dir.path().join("CVE-2024.json").is_file());
        assert_eq!(count_kept(dir.path()).unwrap(), 2);
        let catalog = load_kept(dir.path()).unwrap();
        assert_eq!(catalog.len(), 2);
        assert!(catalog.get("CVE-2024-1").is_some());
        let kept = std::fs::read_to_string(dir.path().join("CVE-2018.json")).unwrap();
        assert!(
            kept.contains("2025-01-01") && !kept.contains("2024-06-01"),
            "{kept}"
        );
    }

    #[test]
    fn a_bad_page_is_refused_before_anything_is_merged() {
        let dir = tempfile::tempdir().unwrap();
        let err = merge("https://nvd/page", "{\"vulnerabilities\": 5}", dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("https://nvd/page"), "{err}");
        let bad_id = doc(&[("GHSA-1", "2024-06-01T00:00:00.000")]);
        let err = merge("u", &bad_id, dir.path()).unwrap_err().to_string();
        assert!(err.contains("`GHSA-1`"), "{err}");
        assert_eq!(count_kept(dir.path()).unwrap(), 0);
    }

    #[test]
    fn api_times_carry_an_escaped_utc_offset() {
        let t = Timestamp::parse("2026-12-03T11:43:06Z").unwrap();
        assert_eq!(api_time(&t), "2026-12-03T11:43:06.000%2B00:00");
    }
}
