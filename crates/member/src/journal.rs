//! The member's record of what it ran: every scan (one entry per log file), exposure run,
//! import, pull and update, with what it covered. The entries live in the member's store (as
//! settings under `journal/`, so both stores keep them without a schema of their own), and
//! the weekly plan reads a window of them: a PC that talked to ransomware infrastructure on
//! Monday stays on the plan after a clean scan on Wednesday, and the plan says what was and
//! was not checked.
//!
//! Times come from [`now`], which honours `WARD_NOW` (an RFC 3339 time) so that a week can be
//! simulated end to end; nothing else reads the clock.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ward_detect::{FileReport, IndicatorHits, Summary};
use ward_stix::Timestamp;
use ward_store::Store;

use crate::{DataDir, MemberError};

/// Key prefix of the journal's entries in the store's settings.
pub const JOURNAL_PREFIX: &str = "journal/";
/// Entries older than this many days are dropped when a new one is written.
pub const KEEP_DAYS: i64 = 90;
/// The environment variable that sets "now" (RFC 3339), for simulating a week.
pub const NOW_VAR: &str = "WARD_NOW";

/// Now, or the time `WARD_NOW` names. A `WARD_NOW` that is not a time is ignored with the
/// real clock used instead, so a typo never freezes the record.
pub fn now() -> Timestamp {
    std::env::var(NOW_VAR)
        .ok()
        .and_then(|v| Timestamp::parse(v.trim()).ok())
        .unwrap_or_else(Timestamp::now)
}

/// One log file as a scan read it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogFile {
    /// The path as given (`-` for standard input).
    pub path: String,
    /// Size and modification time, so a rescan of the same file is told apart from new lines.
    pub fingerprint: String,
    /// The format it was read as.
    pub format: String,
    pub lines: u64,
    /// Lines that could not be read in that format.
    pub unreadable: u64,
    /// The earliest and latest event time in the file, when its lines carry times.
    pub first_event: Option<String>,
    pub last_event: Option<String>,
}

impl LogFile {
    /// What a scan of `path` reported.
    pub fn from_report(path: &Path, report: &FileReport) -> LogFile {
        LogFile {
            path: path.display().to_string(),
            fingerprint: fingerprint(path),
            format: report.format.name().to_string(),
            lines: report.lines,
            unreadable: report.broken_lines,
            first_event: report.first_event.clone(),
            last_event: report.last_event.clone(),
        }
    }
}

fn fingerprint(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    match std::fs::metadata(path) {
        Ok(m) => {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            format!("{}:{modified}", m.len())
        }
        Err(_) => String::new(),
    }
}

/// The inventory an exposure run read and the vulnerability data it matched against.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExposureRun {
    pub inventory: String,
    pub assets: u64,
    /// Assets whose version was left blank (matched only as "possibly affected").
    pub without_version: u64,
    pub sources: ward_exposure::SourceSummary,
    pub findings: u64,
    /// The sources `ward update` kept that this run used, with their dates (none when flags
    /// named files instead).
    #[serde(default)]
    pub kept: Vec<crate::VulnSource>,
}

/// What one command did, as kept in the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Run {
    /// One log file of a `ward scan`, with what it found.
    Scan {
        file: LogFile,
        found: Summary,
    },
    Exposure(ExposureRun),
    /// A `ward import` of an intel file.
    Import {
        source: String,
        format: String,
        objects: u64,
    },
    /// A `ward pull` of a hub collection.
    Pull {
        server: String,
        collection: String,
        objects: u64,
    },
    /// A `ward update` of one vulnerability data source.
    Update {
        source: String,
        version: Option<String>,
        records: u64,
    },
}

impl Run {
    fn kind(&self) -> &'static str {
        match self {
            Run::Scan { .. } => "scan",
            Run::Exposure(_) => "exposure",
            Run::Import { .. } => "import",
            Run::Pull { .. } => "pull",
            Run::Update { .. } => "update",
        }
    }
}

/// A run and when it happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339.
    pub at: String,
    #[serde(flatten)]
    pub run: Run,
}

impl Entry {
    /// Seconds since the epoch (0 when the time cannot be read).
    pub fn secs(&self) -> i64 {
        Timestamp::parse(&self.at).map_or(0, |t| t.secs)
    }
}

/// The record on a store.
pub struct Journal {
    store: Arc<dyn Store>,
}

impl Journal {
    pub fn new(store: Arc<dyn Store>) -> Journal {
        Journal { store }
    }

    /// Records `run` as happening now.
    pub fn record(&self, run: Run) -> Result<(), MemberError> {
        self.record_at(now(), run)
    }

    /// Records `run` as happening at `at`, and drops entries older than [`KEEP_DAYS`].
    pub fn record_at(&self, at: Timestamp, run: Run) -> Result<(), MemberError> {
        self.record_all_at(at, vec![run])
    }

    /// Records several runs of one command (a scan's files) in their order, reading the
    /// record's keys once.
    pub fn record_all(&self, runs: Vec<Run>) -> Result<(), MemberError> {
        self.record_all_at(now(), runs)
    }

    /// Records running totals that grow (`ward watch`'s): a run given with the key it was
    /// written under before replaces that entry (its time becomes `now`), so a total written
    /// every minute is one entry, not one a minute; a run without a key is recorded as new.
    /// Returns each run's key, in order, to give back next time.
    pub fn record_totals(
        &self,
        runs: Vec<(Option<String>, Run)>,
    ) -> Result<Vec<String>, MemberError> {
        let at = now();
        let mut keys = Vec::with_capacity(runs.len());
        let mut new_runs = Vec::new();
        for (key, run) in runs {
            match key.filter(|k| k.starts_with(JOURNAL_PREFIX)) {
                Some(key) => {
                    let entry = Entry {
                        at: at.to_string(),
                        run,
                    };
                    let text = serde_json::to_string(&entry).map_err(MemberError::Serialize)?;
                    self.store
                        .set_setting(&key, Some(&text))
                        .map_err(|e| MemberError::Journal(e.to_string()))?;
                    keys.push(Some(key));
                }
                None => {
                    keys.push(None);
                    new_runs.push(run);
                }
            }
        }
        if new_runs.is_empty() {
            return Ok(keys.into_iter().flatten().collect());
        }
        let mut fresh = self.write_new(at, new_runs)?.into_iter();
        Ok(keys
            .into_iter()
            .map(|k| k.or_else(|| fresh.next()).unwrap_or_default())
            .collect())
    }

    fn record_all_at(&self, at: Timestamp, runs: Vec<Run>) -> Result<(), MemberError> {
        self.write_new(at, runs).map(|_| ())
    }

    /// Writes `runs` under new keys, drops entries older than [`KEEP_DAYS`] and returns the
    /// new keys.
    fn write_new(&self, at: Timestamp, runs: Vec<Run>) -> Result<Vec<String>, MemberError> {
        let keys: Vec<String> = self.raw("")?.into_iter().map(|(key, _)| key).collect();
        // The key's tail sorts by time, then by the order of writing (two runs in one second,
        // or under one `WARD_NOW`, keep their order); the random end keeps two writers apart.
        let first = keys
            .iter()
            .filter_map(|key| {
                key.rsplit('/')
                    .next()?
                    .split('-')
                    .nth(1)?
                    .parse::<u64>()
                    .ok()
            })
            .max()
            .map_or(0, |n| n + 1);
        let mut written_keys = Vec::with_capacity(runs.len());
        for (written, run) in (first..).zip(runs) {
            let kind = run.kind();
            let entry = Entry {
                at: at.to_string(),
                run,
            };
            let text = serde_json::to_string(&entry).map_err(MemberError::Serialize)?;
            let key = format!(
                "{JOURNAL_PREFIX}{kind}/{:012}-{written:09}-{}",
                at.secs.max(0),
                &uuid::Uuid::new_v4().simple().to_string()[..8]
            );
            self.store
                .set_setting(&key, Some(&text))
                .map_err(|e| MemberError::Journal(e.to_string()))?;
            written_keys.push(key);
        }
        self.prune(&keys, at.secs - KEEP_DAYS * 86_400)?;
        Ok(written_keys)
    }

    fn prune(&self, keys: &[String], before: i64) -> Result<(), MemberError> {
        for key in keys {
            let secs = key
                .rsplit('/')
                .next()
                .and_then(|tail| tail.split('-').next())
                .and_then(|s| s.parse::<i64>().ok());
            if secs.is_some_and(|s| s < before) {
                self.store
                    .set_setting(key, None)
                    .map_err(|e| MemberError::Journal(e.to_string()))?;
            }
        }
        Ok(())
    }

    fn raw(&self, kind: &str) -> Result<Vec<(String, String)>, MemberError> {
        self.store
            .settings(&format!("{JOURNAL_PREFIX}{kind}"))
            .map_err(|e| MemberError::Journal(e.to_string()))
    }

    /// Every entry from `since` (seconds, inclusive) to `until` (inclusive), oldest first.
    /// An entry ward cannot read back (written by a newer ward) is skipped.
    pub fn entries(&self, since: i64, until: i64) -> Result<Vec<Entry>, MemberError> {
        let mut out: Vec<(String, Entry)> = self
            .raw("")?
            .into_iter()
            .filter_map(|(key, text)| {
                let tail = key.rsplit('/').next().unwrap_or_default().to_string();
                serde_json::from_str::<Entry>(&text).ok().map(|e| (tail, e))
            })
            .filter(|(_, e)| (since..=until).contains(&e.secs()))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out.into_iter().map(|(_, e)| e).collect())
    }
}

impl DataDir {
    /// The record on the embedded store in this folder.
    pub fn journal(&self) -> Result<Journal, MemberError> {
        Ok(Journal::new(self.open_store()?))
    }
}

/// Everything the scans in a window found, de-duplicated by log file, indicator and host:
/// rescanning a file (or the same file after new lines were appended) counts its hits once,
/// while hits in different files add up. Each indicator keeps its first and last time seen.
pub fn merge_scans<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Summary {
    merge_summaries(entries.into_iter().filter_map(|e| match &e.run {
        Run::Scan { file, found } => Some((file.path.as_str(), found)),
        _ => None,
    }))
}

/// Merges what was found per log file (path, hits): the same path counts once (its largest
/// count per indicator), different paths add up.
pub fn merge_summaries<'a>(files: impl IntoIterator<Item = (&'a str, &'a Summary)>) -> Summary {
    // Per path: for each indicator, the largest count any scan of that path found.
    let mut per_path: BTreeMap<&str, BTreeMap<&str, &IndicatorHits>> = BTreeMap::new();
    let mut days: BTreeMap<&str, BTreeMap<&str, u64>> = BTreeMap::new();
    for (path, found) in files {
        let hits = per_path.entry(path).or_default();
        let by_day = days.entry(path).or_default();
        for g in &found.indicators {
            let slot = hits.entry(g.indicator.id.as_str()).or_insert(g);
            if g.count > slot.count {
                *slot = g;
            }
        }
        for (day, n) in &found.by_day {
            let slot = by_day.entry(day.as_str()).or_insert(0);
            *slot = (*slot).max(*n);
        }
    }
    let mut merged: BTreeMap<&str, IndicatorHits> = BTreeMap::new();
    for hits in per_path.values() {
        for (id, g) in hits {
            match merged.get_mut(id) {
                None => {
                    merged.insert(id, (*g).clone());
                }
                Some(m) => absorb(m, g),
            }
        }
    }
    let mut summary = Summary::default();
    for (_, g) in merged {
        summary.alerts += g.count;
        summary.indicators.push(g);
    }
    for by_day in days.values() {
        for (day, n) in by_day {
            *summary.by_day.entry((*day).to_string()).or_insert(0) += n;
        }
    }
    summary.sort();
    summary
}

/// Adds `g`'s hits (from another file) to `m`.
fn absorb(m: &mut IndicatorHits, g: &IndicatorHits) {
    m.count += g.count;
    for v in &g.values {
        if m.values.len() < 20 && !m.values.contains(v) {
            m.values.push(v.clone());
        }
    }
    for d in &g.devices {
        if m.devices.len() < 20 && !m.devices.contains(d) {
            m.devices.push(d.clone());
        }
    }
    for f in &g.files {
        if !m.files.contains(f) {
            m.files.push(f.clone());
        }
    }
    m.first_seen = earliest(m.first_seen.take(), g.first_seen.clone());
    m.last_seen = latest(m.last_seen.take(), g.last_seen.clone());
}

fn earliest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b < a { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b > a { b } else { a }),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(id: &str, count: u64, device: &str, first: &str, last: &str) -> Summary {
        serde_json::from_value(serde_json::json!({
            "alerts": count,
            "indicators": [{
                "indicator": {"id": id, "name": null, "score": 60, "tlp": null,
                              "sources": [], "threats": []},
                "count": count, "values": [["domain", "bad.example"]],
                "first_seen": first, "last_seen": last, "files": [], "example": "",
                "devices": [device]
            }],
            "by_day": {first.get(..10).unwrap(): count}
        }))
        .unwrap()
    }

    fn scan(path: &str, summary: Summary) -> Run {
        Run::Scan {
            file: LogFile {
                path: path.into(),
                ..Default::default()
            },
            found: summary,
        }
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn a_rescanned_file_counts_once_and_other_files_add_up() {
        let dir = tempfile::tempdir().unwrap();
        let journal = DataDir::new(dir.path()).journal().unwrap();
        let a = found(
            "indicator--a",
            5,
            "10.0.0.1",
            "2026-11-23T09:00:00Z",
            "2026-11-23T10:00:00Z",
        );
        journal
            .record_at(at("2026-11-23T12:00:00Z"), scan("fw.log", a.clone()))
            .unwrap();
        // The same file again, with two more lines appended.
        let grown = found(
            "indicator--a",
            7,
            "10.0.0.1",
            "2026-11-23T09:00:00Z",
            "2026-11-24T08:00:00Z",
        );
        journal
            .record_at(at("2026-11-24T12:00:00Z"), scan("fw.log", grown))
            .unwrap();
        // Another file, another machine.
        let b = found(
            "indicator--a",
            2,
            "10.0.0.9",
            "2026-11-22T07:00:00Z",
            "2026-11-22T07:05:00Z",
        );
        journal
            .record_at(at("2026-11-25T12:00:00Z"), scan("dns.log", b))
            .unwrap();
        let entries = journal.entries(0, i64::MAX).unwrap();
        assert_eq!(entries.len(), 3);
        let merged = merge_scans(&entries);
        assert_eq!(merged.indicators.len(), 1);
        let g = &merged.indicators[0];
        assert_eq!(
            g.count, 9,
            "7 from fw.log (its largest scan) and 2 from dns.log"
        );
        assert_eq!(g.first_seen.as_deref(), Some("2026-11-22T07:00:00Z"));
        assert_eq!(g.last_seen.as_deref(), Some("2026-11-24T08:00:00Z"));
        let mut devices = g.devices.clone();
        devices.sort();
        assert_eq!(devices, ["10.0.0.1", "10.0.0.9"]);
        // A window that starts after the first two scans sees only the third.
        let later = journal
            .entries(at("2026-11-25T00:00:00Z").secs, i64::MAX)
            .unwrap();
        assert_eq!(merge_scans(&later).indicators[0].count, 2);
    }

    #[test]
    fn old_entries_are_dropped_and_order_survives_one_clock_second() {
        let dir = tempfile::tempdir().unwrap();
        let journal = DataDir::new(dir.path()).journal().unwrap();
        let import = |n| Run::Import {
            source: format!("feed-{n}.json"),
            format: "stix".into(),
            objects: n,
        };
        journal
            .record_at(at("2026-01-01T00:00:00Z"), import(1))
            .unwrap();
        for n in 2..6 {
            journal
                .record_at(at("2026-11-23T00:00:00Z"), import(n))
                .unwrap();
        }
        let entries = journal.entries(0, i64::MAX).unwrap();
        let order: Vec<u64> = entries
            .iter()
            .map(|e| match e.run {
                Run::Import { objects, .. } => objects,
                _ => 0,
            })
            .collect();
        assert_eq!(
            order,
            [2, 3, 4, 5],
            "January's entry is past {KEEP_DAYS} days"
        );
    }

    #[test]
    fn a_growing_total_is_rewritten_in_place_not_appended() {
        let dir = tempfile::tempdir().unwrap();
        let journal = DataDir::new(dir.path()).journal().unwrap();
        let total = |n| {
            scan(
                "syslog (ward watch)",
                found(
                    "indicator--a",
                    n,
                    "pc-1",
                    "2026-11-23T01:00:00Z",
                    "2026-11-23T02:00:00Z",
                ),
            )
        };
        let other = scan("other.log", Summary::default());
        let keys = journal
            .record_totals(vec![(None, total(1)), (None, other.clone())])
            .unwrap();
        assert_eq!(keys.len(), 2);
        assert_ne!(keys[0], keys[1]);
        let mut key = keys[0].clone();
        for n in 2..=5 {
            let again = journal
                .record_totals(vec![(Some(key.clone()), total(n))])
                .unwrap();
            assert_eq!(again, [key.clone()], "the same entry is rewritten");
            key = again[0].clone();
        }
        let entries = journal.entries(0, i64::MAX).unwrap();
        assert_eq!(entries.len(), 2, "two entries, not six: {entries:?}");
        let counts: Vec<u64> = entries
            .iter()
            .map(|e| match &e.run {
                Run::Scan { found, .. } => found.alerts,
                _ => u64::MAX,
            })
            .collect();
        assert_eq!(
            counts,
            [5, 0],
            "the first entry holds the latest total, in its place"
        );
        // A key that is not the record's is never written: the run is recorded as new.
        let stray = journal
            .record_totals(vec![(Some("share/queue/x".into()), total(9))])
            .unwrap();
        assert!(stray[0].starts_with(JOURNAL_PREFIX), "{stray:?}");
        assert_eq!(journal.entries(0, i64::MAX).unwrap().len(), 3);
    }
}
