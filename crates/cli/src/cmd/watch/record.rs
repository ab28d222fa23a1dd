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
//!
//! A total lists [`MAX_INDICATORS`] indicators at most, the first matched that day: a day of
//! many distinct matches (a scan from thousands of listed addresses) then costs bounded memory
//! and a bounded write each minute. The matches of indicators left out still count in the
//! total's alerts (and are in the alerts file and the store), and in `/metrics`
//! (`ward_watch_record_matches_dropped_total`).

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use ward_detect::{Alert, FileReport, Kind, Summary};
use ward_member::journal::{Journal, LogFile, Run};

const ALERTS_EVERY: Duration = Duration::from_secs(60);
const LINES_EVERY: Duration = Duration::from_secs(3600);
/// Indicators one running total (a source and a day) lists at most.
pub const MAX_INDICATORS: usize = 10_000;

struct Total {
    file: LogFile,
    found: Summary,
    /// Lines read since the total was last written.
    new_lines: bool,
    /// Matches since the total was last written.
    new_alerts: bool,
    /// The record's key the total was last written under, rewritten in place next time.
    key: Option<String>,
    /// The indicators `found` lists, gathered once it lists its maximum (none is added then).
    full: Option<HashSet<String>>,
}

impl Total {
    /// Adds one match; false when its indicator is left out, `max` indicators listed already
    /// (the match still counts in the total's alerts).
    fn add(&mut self, alert: &Alert, kind: Kind, max: usize) -> bool {
        if self.found.indicators.len() >= max {
            let listed = self.full.get_or_insert_with(|| {
                self.found
                    .indicators
                    .iter()
                    .map(|g| g.indicator.id.clone())
                    .collect()
            });
            if !listed.contains(&alert.indicator_id) {
                self.found.alerts += 1;
                return false;
            }
        }
        self.found.add(alert, kind);
        true
    }
}

/// The running totals of one run of `ward watch`.
pub struct Findings {
    /// When this run started (`HH:MM:SS`, UTC), part of each recorded path.
    started: String,
    totals: BTreeMap<(String, String), Total>,
    last_write: Instant,
    /// Indicators a total lists at most ([`MAX_INDICATORS`]).
    max_indicators: usize,
    /// Matches left out of the totals' lists since the start, their maximum reached.
    dropped: u64,
}

impl Findings {
    pub fn new() -> Findings {
        Findings::with_max_indicators(MAX_INDICATORS)
    }

    /// Totals that list `max` indicators at most each.
    pub fn with_max_indicators(max: usize) -> Findings {
        let now = ward_member::journal::now().to_string();
        Findings {
            started: now.get(11..19).unwrap_or("").to_string(),
            totals: BTreeMap::new(),
            last_write: Instant::now(),
            max_indicators: max,
            dropped: 0,
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
                full: None,
            });
        total.file.lines += lines;
        total.file.unreadable += report.broken_lines;
        keep_earliest(&mut total.file.first_event, report.first_event.as_deref());
        keep_latest(&mut total.file.last_event, report.last_event.as_deref());
        for (alert, kind) in alerts {
            if !total.add(alert, *kind, self.max_indicators) {
                self.dropped += 1;
            }
        }
        total.new_lines |= lines > 0;
        total.new_alerts |= !alerts.is_empty();
    }

    /// How many running totals are kept, and how many indicators they hold together.
    pub fn sizes(&self) -> (usize, usize) {
        let indicators = self.totals.values().map(|t| t.found.indicators.len()).sum();
        (self.totals.len(), indicators)
    }

    /// Matches left out of the totals' lists since the start, their maximum reached.
    pub fn dropped(&self) -> u64 {
        self.dropped
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

#[cfg(test)]
mod tests {
    use super::*;
    use ward_detect::LogFormat;

    fn alert(indicator: usize) -> (Alert, Kind) {
        let value = format!("198.51.100.{indicator}");
        let alert = Alert {
            file: "syslog".into(),
            line: 1,
            timestamp: None,
            field: "dst".into(),
            value: value.clone(),
            indicator_id: format!("indicator--{indicator}"),
            indicator_name: None,
            score: Some(50),
            tlp: None,
            sources: Vec::new(),
            sentence: format!("A device at 10.0.0.1 contacted {value}."),
            device: Some("10.0.0.1".into()),
            threats: Vec::new(),
        };
        (alert, Kind::Ipv4)
    }

    fn report() -> FileReport {
        FileReport::new("syslog", LogFormat::Firewall)
    }

    /// A day of matches from ever new indicators lists the first ones only; the rest still
    /// count in the total's alerts and in the dropped count, and the listed keep counting.
    #[test]
    fn a_total_lists_at_most_its_maximum_of_indicators() {
        let mut findings = Findings::with_max_indicators(3);
        for round in 0..4 {
            let batch: Vec<_> = (0..10).map(alert).collect();
            findings.add("syslog firewall", &report(), 10, &batch);
            assert_eq!(findings.sizes(), (1, 3), "after round {round}");
        }
        assert_eq!(findings.dropped(), 4 * 7);
        let total = findings.totals.values().next().expect("one total");
        assert_eq!(total.found.alerts, 40);
        let listed: Vec<(&str, u64)> = total
            .found
            .indicators
            .iter()
            .map(|g| (g.indicator.id.as_str(), g.count))
            .collect();
        assert_eq!(
            listed,
            [
                ("indicator--0", 4),
                ("indicator--1", 4),
                ("indicator--2", 4)
            ]
        );
    }
}
