//! CSAF 2.0 advisories from a provider's distribution folder (CSAF 2.0 section 7.1.16:
//! `changes.csv` lists each advisory file's path and when it last changed, newest first).
//! Only files that are new, or newer than the kept copy, are downloaded.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ward_exposure::Advisory;
use ward_stix::timestamp::Lenient;

use super::{
    date_part, read_state, write_replacing, write_state, Http, Outcome, Progress, UpdateError,
};

/// The state is written after this many advisories (and at the end, and on an error).
const SAVE_EVERY: usize = 25;

/// What was kept: each advisory's path in the distribution folder with the time
/// `changes.csv` gave it, and the file it was kept as.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct CsafState {
    pub files: BTreeMap<String, KeptAdvisory>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct KeptAdvisory {
    /// RFC 3339, as `changes.csv` wrote it (or when ward kept a file given by hand).
    pub changed: String,
    /// File name under the advisories folder.
    pub file: String,
}

/// The file name an advisory path is kept as: its last segment, which must be a `.json`
/// name (CISA's names are unique across years).
fn kept_name(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?.trim();
    let ok = name.ends_with(".json")
        && name.len() > 5
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then(|| name.to_string())
}

/// Checks one advisory and keeps it as `name` in `dir`; returns whether it was new.
pub fn keep_advisory(
    origin: &str,
    bytes: &[u8],
    dir: &Path,
    name: &str,
) -> Result<(Advisory, bool), UpdateError> {
    let advisory = Advisory::from_json(origin, bytes)?;
    let dest = dir.join(name);
    let new = !dest.exists();
    write_replacing(&dest, bytes)?;
    Ok((advisory, new))
}

/// Reads `changes.csv`: `(path, time)` rows. A row that does not read is an error naming
/// its line: a half-read index would drop advisories without a word.
fn read_changes(url: &str, body: &[u8]) -> Result<Vec<(String, String)>, UpdateError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 1;
        let record = record
            .map_err(|e| UpdateError::bad(&format!("{url}:{line}"), format!("a CSV row ({e})")))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let (Some(path), Some(time)) = (record.get(0), record.get(1)) else {
            return Err(UpdateError::bad(
                &format!("{url}:{line}"),
                "two fields: the advisory's path and when it changed",
            ));
        };
        let (path, time) = (path.trim(), time.trim());
        if Lenient::FEEDS.parse(time).is_none() {
            return Err(UpdateError::bad(
                &format!("{url}:{line}"),
                format!("a date and time after the path, found `{time}`"),
            ));
        }
        if kept_name(path).is_none() {
            return Err(UpdateError::bad(
                &format!("{url}:{line}"),
                format!("the path of a `.json` advisory, found `{path}`"),
            ));
        }
        rows.push((path.to_string(), time.to_string()));
    }
    Ok(rows)
}

fn newer(candidate: &str, kept: &str) -> bool {
    match (Lenient::FEEDS.parse(candidate), Lenient::FEEDS.parse(kept)) {
        (Some(a), Some(b)) => a > b,
        _ => candidate != kept,
    }
}

fn join(base: &str, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        path.to_string()
    } else {
        format!(
            "{}/{}",
            base.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }
}

/// What is kept now, for the outcome.
fn summary(state: &CsafState, origin: &str, new: u64, changed: u64) -> Outcome {
    Outcome {
        version: None,
        published: state
            .files
            .values()
            .filter_map(|k| date_part(&k.changed))
            .max(),
        records: state.files.len() as u64,
        new,
        changed,
        origin: origin.to_string(),
    }
}

/// Downloads the advisories of the distribution folder `base` that are new or changed since
/// the state at `state_path` says, into `dir`.
pub(crate) fn fetch(
    http: &Http,
    base: &str,
    dir: &Path,
    state_path: &Path,
    progress: &dyn Progress,
) -> Result<Outcome, UpdateError> {
    let changes_url = join(base, "changes.csv");
    let body = http.get(&changes_url, &[])?;
    let rows = read_changes(&changes_url, &body)?;
    if rows.is_empty() {
        return Err(UpdateError::bad(
            &changes_url,
            "at least one advisory row (path, time)",
        ));
    }
    let mut state: CsafState = read_state(state_path)?.unwrap_or_default();
    // changes.csv may list a path more than once; the newest time counts.
    let mut latest: BTreeMap<&str, &str> = BTreeMap::new();
    for (path, time) in &rows {
        let entry = latest.entry(path).or_insert(time);
        if newer(time, entry) {
            *entry = time;
        }
    }
    let todo: Vec<(&str, &str)> = latest
        .into_iter()
        .filter(|(path, time)| {
            state
                .files
                .get(*path)
                .is_none_or(|k| newer(time, &k.changed))
        })
        .collect();
    progress.begin("CSAF advisories", Some(todo.len() as u64));
    let (mut new, mut changed) = (0u64, 0u64);
    for (i, (path, time)) in todo.iter().enumerate() {
        let url = join(base, path);
        let name = kept_name(path).unwrap_or_default();
        let kept = http
            .get(&url, &[])
            .and_then(|bytes| keep_advisory(&url, &bytes, dir, &name));
        let was_new = match kept {
            Ok((_, was_new)) => was_new,
            Err(e) => {
                write_state(state_path, &state)?;
                progress.end();
                return Err(e);
            }
        };
        if state.files.contains_key(*path) {
            changed += 1;
        } else if was_new {
            new += 1;
        } else {
            changed += 1;
        }
        state.files.insert(
            path.to_string(),
            KeptAdvisory {
                changed: time.to_string(),
                file: name,
            },
        );
        progress.advance(1);
        if (i + 1) % SAVE_EVERY == 0 {
            write_state(state_path, &state)?;
        }
    }
    write_state(state_path, &state)?;
    progress.end();
    Ok(summary(&state, base, new, changed))
}

/// Keeps advisory files given by hand (`--offline`, `ward import`): each under its own
/// name, dated by when it was kept.
pub(crate) fn keep_files(
    files: &[std::path::PathBuf],
    dir: &Path,
    state_path: &Path,
    now: &str,
    origin: &str,
) -> Result<Outcome, UpdateError> {
    let mut state: CsafState = read_state(state_path)?.unwrap_or_default();
    let (mut new, mut changed) = (0u64, 0u64);
    for file in files {
        let label = file.display().to_string();
        let bytes = std::fs::read(file).map_err(|e| UpdateError::io(file, e))?;
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(kept_name)
            .ok_or_else(|| {
                UpdateError::bad(
                    &label,
                    "a `.json` file name of letters, digits, `-`, `_` and `.`",
                )
            })?;
        let (_, was_new) = keep_advisory(&label, &bytes, dir, &name)?;
        if was_new {
            new += 1;
        } else {
            changed += 1;
        }
        // Kept under its own key, so that a later download of the same file replaces it.
        state.files.retain(|_, k| k.file != name);
        state.files.insert(
            format!("local/{name}"),
            KeptAdvisory {
                changed: now.to_string(),
                file: name,
            },
        );
    }
    write_state(state_path, &state)?;
    Ok(summary(&state, origin, new, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_csv_rows_are_read_and_bad_rows_named() {
        let ok = b"\"2024/icsma-24-011-01.json\",\"2024-01-11T12:00:00Z\"\n\"2023/icsa-23-001-01.json\",\"2023-01-03T00:00:00+00:00\"\n";
        let rows = read_changes("u/changes.csv", ok).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, "2024/icsma-24-011-01.json");
        let bad = b"\"2024/a.json\",\"2024-01-11T12:00:00Z\"\n\"../../etc/passwd\",\"2024-01-11T12:00:00Z\"\n";
        let err = read_changes("u/changes.csv", bad).unwrap_err().to_string();
        assert!(err.starts_with("u/changes.csv:2"), "{err}");
        let when = b"\"2024/a.json\",\"yesterday\"\n";
        let err = read_changes("u/changes.csv", when).unwrap_err().to_string();
        assert!(err.contains("`yesterday`"), "{err}");
    }

    #[test]
    fn newer_compares_times_not_text() {
        assert!(newer("2024-01-11T12:00:00Z", "2024-01-11T11:00:00+00:00"));
        assert!(!newer("2024-01-11T12:00:00+01:00", "2024-01-11T11:00:00Z"));
        assert_eq!(
            join("https://h/white/", "/2024/a.json"),
            "https://h/white/2024/a.json"
        );
    }
}
