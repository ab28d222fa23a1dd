//! What `ward watch` read and found, written to the member's record (the journal) as scans,
//! so the weekly plan counts a machine that talked to an attacker at 3 a.m. exactly as it
//! counts one found by `ward scan`, and its coverage says which logs were read.
//!
//! Each followed source has, per day and per run of watch, one running total (lines read,
//! what matched) recorded under a path of its own (`<path> (ward watch, <day>, from <time>)`)
//! as one entry of the record, rewritten in place as the total grows (a busy day is one
//! entry, not one a minute); different days or runs add up. Totals are written when something matched
//! (at most once a minute), when lines were read (at most once an hour), before each plan
//! and on stop.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use ward_detect::{Alert, FileReport, Kind, Summary};
use ward_member::journal::{Journal, LogFile, Run};

const ALERTS_EVERY: Duration = Duration::from_secs(60);
const LINES_EVERY: Duration = Duration::from_secs(3600);

struct Total {
    file: LogFile,
    found: Summary,
    /// Lines read since the total was last written.
    new_lines: bool,
    /// Matches since the total was last written.
    new_alerts: bool,
    /// The record's key the total was last written under, rewritten in place next time.
    key: Option<String>,
}

/// The running totals of one run of `ward watch`.
pub struct Findings {
    /// When this run started (`HH:MM:SS`, UTC), part of each recorded path.
    started: String,
    totals: BTreeMap<(String, String), Total>,
    last_write: Instant,
}

impl Findings {
    pub fn new() -> Findings {
        let now = ward_member::journal::now().to_string();
        Findings {
            started: now.get(11..19).unwrap_or("").to_string(),
            totals: BTreeMap::new(),
            last_write: Instant::now(),
        }
    }

    /// Adds one batch of `source` (a file's path, a syslog listener): what the scanner
    /// reported over its new lines and what matched.
    pub fn add(&mut self, source: &str, report: &FileReport, lines: u64, alerts: &[(Alert, Kind)]) {
        let day = ward_member::journal::now()
            .to_string()
            .get(..10)
            .unwrap_or("")
            .to_string();
        let started = &self.started;
        let total = self
            .totals
            .entry((source.to_string(), day.clone()))
            .or_insert_with(|| Total {
                file: LogFile {
                    path: format!("{source} (ward watch, {day}, from {started})"),
                    fingerprint: "followed".into(),
                    format: report.format.name().to_string(),
                    ..LogFile::default()
                },
                found: Summary::default(),
                new_lines: false,
                new_alerts: false,
                key: None,
            });
        total.file.lines += lines;
        total.file.unreadable += report.broken_lines;
        keep_earliest(&mut total.file.first_event, report.first_event.as_deref());
        keep_latest(&mut total.file.last_event, report.last_event.as_deref());
        for (alert, kind) in alerts {
            total.found.add(alert, *kind);
        }
        total.new_lines |= lines > 0;
        total.new_alerts |= !alerts.is_empty();
    }

    /// How many running totals are kept, and how many indicators they hold together.
    pub fn sizes(&self) -> (usize, usize) {
        let indicators = self.totals.values().map(|t| t.found.indicators.len()).sum();
        (self.totals.len(), indicators)
    }

    /// Writes the totals that changed when it is time (see the module's note), or all that
    /// changed when `now` is set (before a plan, on stop).
    pub fn write(&mut self, journal: &Journal, now: bool) -> Result<(), ward_member::MemberError> {
        let alerts = self.totals.values().any(|t| t.new_alerts);
        let lines = self.totals.values().any(|t| t.new_lines);
        let since = self.last_write.elapsed();
        let due = (alerts && since >= ALERTS_EVERY) || (lines && since >= LINES_EVERY);
        if !(due || (now && (alerts || lines))) {
            return Ok(());
        }
        let changed: Vec<&(String, String)> = self
            .totals
            .iter()
            .filter(|(_, t)| t.new_lines || t.new_alerts)
            .map(|(k, _)| k)
            .collect();
        let runs: Vec<(Option<String>, Run)> = changed
            .iter()
            .filter_map(|k| self.totals.get(*k))
            .map(|t| {
                let mut found = t.found.clone();
                found.sort();
                let run = Run::Scan {
                    file: t.file.clone(),
                    found,
                };
                (t.key.clone(), run)
            })
            .collect();
        let changed: Vec<(String, String)> = changed.into_iter().cloned().collect();
        // A failed write (a full disk) is tried again at the next period, not on every turn
        // of the loop: the totals stay marked new, and the failure is said once a period.
        self.last_write = Instant::now();
        let keys = journal.record_totals(runs)?;
        for (k, key) in changed.iter().zip(keys) {
            if let Some(t) = self.totals.get_mut(k) {
                t.key = Some(key);
                t.new_lines = false;
                t.new_alerts = false;
            }
        }
        // Yesterday's totals are final once written.
        let today = ward_member::journal::now()
            .to_string()
            .get(..10)
            .unwrap_or("")
            .to_string();
        self.totals.retain(|(_, day), _| *day == today);
        Ok(())
    }
}

fn keep_earliest(slot: &mut Option<String>, seen: Option<&str>) {
    if let Some(s) = seen {
        if slot.as_deref().is_none_or(|old| s < old) {
            *slot = Some(s.to_string());
        }
    }
}

fn keep_latest(slot: &mut Option<String>, seen: Option<&str>) {
    if let Some(s) = seen {
        if slot.as_deref().is_none_or(|old| s > old) {
            *slot = Some(s.to_string());
        }
    }
}

impl Default for Findings {
    fn default() -> Findings {
        Findings::new()
    }
}
