//! The weekly plan's side of the data folder: gathering its input from what the other
//! commands left there (the latest exposure ranking, the latest scan with the hub's
//! sightings counts, the block lists, the local intel's freshness, last week's plan, the
//! actions marked done), keeping each plan made, and marking actions done.

use std::fs;
use std::path::{Path, PathBuf};

use ward_plan::input::{
    Blocklist, Coverage, DoneMark, IntelCoverage, IntelSource, IntelSummary, InventoryCoverage,
    LogCoverage, PlanInput, PreviousPlan, VulnDataCoverage,
};
use ward_plan::Plan;

use crate::files::{read_json, write_json};
use crate::journal::{self, Entry, Run};
use crate::{DataDir, MemberError};

impl DataDir {
    /// Gathers this week's input for the plan of `organization` on `date` (YYYY-MM-DD), over
    /// the default window: the [`WINDOW_DAYS`] days before `date`, and `date` itself.
    pub fn plan_input(&self, organization: &str, date: &str) -> Result<PlanInput, MemberError> {
        let since = ward_stix::day(date)
            .and_then(|d| d.checked_sub_days(chrono::Days::new(WINDOW_DAYS)))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| date.to_string());
        self.plan_input_since(organization, date, &since)
    }

    /// Gathers the plan's input over the window from `since` to `date` (both YYYY-MM-DD,
    /// inclusive): every scan recorded in it (merged, a rescanned file counted once), the
    /// latest exposure ranking, and what was and was not checked.
    pub fn plan_input_since(
        &self,
        organization: &str,
        date: &str,
        since: &str,
    ) -> Result<PlanInput, MemberError> {
        let mut input = PlanInput {
            organization: organization.to_string(),
            date: date.to_string(),
            ..Default::default()
        };
        let start = day_start(since);
        let end = day_start(date).saturating_add(86_399);
        // Gathering reads only: no store yet means nothing was run, and none is created. The
        // store is opened once, for the record and the intel on hand.
        let store = if self.store_file().exists() {
            Some(self.open_store()?)
        } else {
            None
        };
        let entries = match &store {
            Some(store) => journal::Journal::new(store.clone()).entries(0, end)?,
            None => Vec::new(),
        };
        let in_window: Vec<&Entry> = entries.iter().filter(|e| e.secs() >= start).collect();
        if let Some(report) = self.latest_exposure()? {
            let day = ward_stix::day(date).unwrap_or(report.assessed_on);
            input.exposures = ward_plan::from_exposure::exposed_assets(&report, day);
        }
        let scanned = journal::merge_scans(in_window.iter().copied());
        if !scanned.indicators.is_empty() {
            input.hits = ward_plan::from_scan::hits(&scanned);
            // Which end of each connection is ours is decided from the inside ranges and
            // the organization's own networks (its profile).
            let own = ward_feeds::never_block::OwnNetworks::new(
                &self
                    .org_profile()
                    .ok()
                    .flatten()
                    .map(|p| p.networks)
                    .unwrap_or_default(),
            );
            for hit in &mut input.hits {
                let (ours, outside) = std::mem::take(&mut hit.internal_hosts)
                    .into_iter()
                    .partition(|h| own.ours(h));
                hit.internal_hosts = ours;
                hit.outside_hosts = outside;
            }
            // What the hub said about them on the last `ward pull` (distinct member counts).
            let hub = self.hub_sightings()?;
            for hit in &mut input.hits {
                if let Some(n) = hub
                    .get(&hit.indicator_id)
                    .and_then(|s| s.get("organizations"))
                    .and_then(serde_json::Value::as_u64)
                {
                    hit.hub_organizations = u32::try_from(n).unwrap_or(u32::MAX);
                }
            }
        }
        input.hits_by_day = ward_plan::from_scan::hits_by_day(&scanned);
        input.blocklists = blocklists(&self.exports_dir());
        if let Some(store) = &store {
            input.vendors = crate::vendors::plan_mentions(store.clone(), self, end)?;
        }
        let (intel, intel_coverage) = match store {
            Some(store) => self.intel_on_hand(store, date),
            None => Default::default(),
        };
        input.intel = intel;
        input.coverage = coverage(&entries, &in_window, since, date, intel_coverage);
        input.previous = self.previous_plan(date)?;
        input.done = self.done_marks()?;
        Ok(input)
    }

    /// Keeps the plan made on `date`, for next week's "what changed" and for marking done.
    pub fn save_plan(&self, date: &str, plan: &Plan) -> Result<(), MemberError> {
        write_json(&self.plan_file(date), plan)
    }

    /// The actions marked done.
    pub fn done_marks(&self) -> Result<Vec<DoneMark>, MemberError> {
        Ok(read_json(&self.done_file())?.unwrap_or_default())
    }

    /// Marks action `id` done on `date`; returns its title, taken from the latest plan that
    /// listed it. Marking an action twice keeps the first mark.
    pub fn mark_done(&self, id: &str, date: &str) -> Result<String, MemberError> {
        self.mark(id, date, None)
    }

    /// Marks action `id` not applicable on `date`, for `reason` (required: the plan shows
    /// it). The plan stops listing the action as it does for one done; returns its title.
    pub fn mark_not_applicable(
        &self,
        id: &str,
        date: &str,
        reason: &str,
    ) -> Result<String, MemberError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(MemberError::NoReason { id: id.to_string() });
        }
        self.mark(id, date, Some(reason.to_string()))
    }

    /// The plans kept, newest first, as (day, plan). Reads every one: pages use
    /// [`DataDir::plan_days`] and [`DataDir::plan_on`] instead.
    pub fn plan_history(&self) -> Result<Vec<(String, Plan)>, MemberError> {
        let mut out = Vec::new();
        for day in self.plan_days()? {
            if let Some(plan) = self.plan_on(&day)? {
                out.push((day, plan));
            }
        }
        Ok(out)
    }

    /// The days a plan was kept for, newest first: the history folder's names only, no plan
    /// read (a year of weekly plans of a large inventory is tens of megabytes of JSON).
    pub fn plan_days(&self) -> Result<Vec<String>, MemberError> {
        let Ok(entries) = fs::read_dir(self.plan_history_dir()) else {
            return Ok(Vec::new());
        };
        let mut days: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
            .filter(|d| ward_stix::day(d).is_some())
            .collect();
        days.sort();
        days.reverse();
        Ok(days)
    }

    /// The plan kept for `day` (`YYYY-MM-DD`; anything else has none).
    pub fn plan_on(&self, day: &str) -> Result<Option<Plan>, MemberError> {
        if ward_stix::day(day).is_none() {
            return Ok(None);
        }
        read_json(&self.plan_file(day))
    }

    /// How many actions the plan kept for `day` listed, read without building the plan.
    pub fn plan_action_count(&self, day: &str) -> Result<Option<usize>, MemberError> {
        #[derive(serde::Deserialize)]
        struct Actions {
            #[serde(default)]
            top: Vec<serde::de::IgnoredAny>,
            #[serde(default)]
            rest: Vec<serde::de::IgnoredAny>,
        }
        if ward_stix::day(day).is_none() {
            return Ok(None);
        }
        let actions: Option<Actions> = read_json(&self.plan_file(day))?;
        Ok(actions.map(|a| a.top.len() + a.rest.len()))
    }

    fn mark(
        &self,
        id: &str,
        date: &str,
        not_applicable: Option<String>,
    ) -> Result<String, MemberError> {
        let mut title = None;
        if let Ok(entries) = fs::read_dir(self.plan_history_dir()) {
            let mut files: Vec<PathBuf> =
                entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.sort();
            for file in files.iter().rev() {
                if let Some(plan) = read_json::<Plan>(file)? {
                    if let Some(a) = plan.top.iter().chain(&plan.rest).find(|a| a.id == id) {
                        title = Some(a.title.clone());
                        break;
                    }
                }
            }
        }
        let Some(title) = title else {
            return Err(MemberError::UnknownAction { id: id.to_string() });
        };
        let mut done = self.done_marks()?;
        if !done.iter().any(|d| d.id == id) {
            done.push(DoneMark {
                id: id.to_string(),
                date: date.to_string(),
                title: title.clone(),
                not_applicable,
            });
            write_json(&self.done_file(), &done)?;
        }
        Ok(title)
    }

    /// The latest plan made before `date`.
    fn previous_plan(&self, date: &str) -> Result<Option<PreviousPlan>, MemberError> {
        let dir = self.plan_history_dir();
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(None);
        };
        let mut dates: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
            .filter(|d| d.as_str() < date)
            .collect();
        dates.sort();
        let Some(last) = dates.pop() else {
            return Ok(None);
        };
        let plan: Option<Plan> = read_json(&self.plan_file(&last))?;
        Ok(plan.map(|p| {
            let all: Vec<_> = p.top.iter().chain(&p.rest).collect();
            PreviousPlan {
                date: p.date.clone(),
                action_ids: all.iter().map(|a| a.id.clone()).collect(),
                titles: all.iter().map(|a| a.title.clone()).collect(),
            }
        }))
    }

    /// How fresh the local intel on `store` is on `date`, for the plan's chart and its
    /// coverage (all zeros when it cannot be read).
    fn intel_on_hand(
        &self,
        store: std::sync::Arc<dyn ward_store::Store>,
        date: &str,
    ) -> (IntelSummary, IntelCoverage) {
        let mut summary = IntelSummary::default();
        let mut coverage = IntelCoverage::default();
        let Ok(local) = self.local_intel_on(store) else {
            return (summary, coverage);
        };
        let Ok(indicators) = local.indicators() else {
            return (summary, coverage);
        };
        let now = day_start(date).saturating_add(86_399);
        let (mut newest, mut oldest): (Option<i64>, Option<i64>) = (None, None);
        for i in indicators {
            let Some(when) = i.object.version() else {
                continue;
            };
            newest = Some(newest.map_or(when.secs, |n| n.max(when.secs)));
            oldest = Some(oldest.map_or(when.secs, |o| o.min(when.secs)));
            let days = (now - when.secs) / 86_400;
            summary.indicators += 1;
            match days {
                d if d < 7 => summary.fresh += 1,
                d if d <= 30 => summary.aging += 1,
                _ => summary.stale += 1,
            }
        }
        coverage.indicators = summary.indicators;
        coverage.newest = newest.map(day_of);
        coverage.oldest = oldest.map(day_of);
        (summary, coverage)
    }
}

/// How many days before the plan's day its default window reaches back.
pub const WINDOW_DAYS: u64 = 7;

/// Midnight UTC of a YYYY-MM-DD day, in seconds (0 when it is not a day).
fn day_start(day: &str) -> i64 {
    ward_stix::day(day)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |t| t.and_utc().timestamp())
}

fn day_of(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The KEV catalog's version is its release day (`2026.12.01`).
fn kev_day(version: &str) -> Option<String> {
    let day = version.replace('.', "-");
    ward_stix::day(&day).map(|_| day)
}

/// What the record says was checked: the logs scanned in the window, the latest exposure
/// run's inventory and vulnerability data, the intel brought in.
// Long because: one block per kind of input, each turning record entries into its coverage.
fn coverage(
    all: &[Entry],
    in_window: &[&Entry],
    since: &str,
    date: &str,
    mut intel: IntelCoverage,
) -> Coverage {
    let mut c = Coverage {
        since: since.to_string(),
        until: date.to_string(),
        intel: IntelCoverage::default(),
        ..Default::default()
    };
    // Logs: the newest scan of each file (by path and fingerprint) in the window.
    let mut seen = std::collections::HashSet::new();
    for entry in in_window.iter().rev() {
        if let Run::Scan { file, .. } = &entry.run {
            if seen.insert((file.path.clone(), file.fingerprint.clone())) {
                c.logs.push(LogCoverage {
                    file: file.path.clone(),
                    format: file.format.clone(),
                    lines: file.lines,
                    unreadable: file.unreadable,
                    first_event: file.first_event.clone(),
                    last_event: file.last_event.clone(),
                    scanned_on: day_of(entry.secs()),
                });
            }
        }
    }
    // Devices: the latest exposure run, whenever it was (its age is a gap of its own).
    if let Some((at, run)) = all.iter().rev().find_map(|e| match &e.run {
        Run::Exposure(run) => Some((e.secs(), run)),
        _ => None,
    }) {
        c.inventory = Some(InventoryCoverage {
            file: run.inventory.clone(),
            checked_on: day_of(at),
            assets: run.assets,
            without_version: run.without_version,
        });
        let s = &run.sources;
        // The date of what `ward update` kept, when the run used it.
        let kept_date = |key: &str| {
            run.kept
                .iter()
                .find(|k| k.name == key)
                .and_then(|k| k.published.clone())
        };
        let mut add =
            |name: &str, version: Option<String>, records: usize, dated: Option<String>| {
                if records > 0 {
                    let key = match name {
                        "KEV catalog" => "kev",
                        "EPSS scores" => "epss",
                        "CISA advisories" => "csaf",
                        _ => "nvd",
                    };
                    c.vulnerability_data.push(VulnDataCoverage {
                        name: name.to_string(),
                        version,
                        records: records as u64,
                        dated: dated.or_else(|| kept_date(key)),
                        age_days: None,
                    });
                }
            };
        add(
            "KEV catalog",
            s.kev_catalog_version.clone(),
            s.kev_entries,
            s.kev_catalog_version.as_deref().and_then(kev_day),
        );
        add("CISA advisories", None, s.advisories, None);
        add("NVD records", None, s.nvd_records, None);
        add(
            "EPSS scores",
            s.epss_model_version.clone(),
            s.epss_scores,
            None,
        );
    }
    // Intel: each file or collection brought in, its latest time. A file's count is its
    // latest import; a collection's is every object its pulls received (each pull resumes
    // where the last stopped, so they add up).
    for entry in all.iter().rev() {
        let (name, objects, adds_up) = match &entry.run {
            Run::Import {
                source, objects, ..
            } => (source.clone(), *objects, false),
            Run::Pull {
                server,
                collection,
                objects,
            } => (
                format!("collection {collection} at {server}"),
                *objects,
                true,
            ),
            _ => continue,
        };
        match intel.sources.iter_mut().find(|s| s.name == name) {
            Some(known) if adds_up => known.objects += objects,
            Some(_) => {}
            None => intel.sources.push(IntelSource {
                name,
                objects,
                on: day_of(entry.secs()),
            }),
        }
    }
    c.intel = intel;
    c
}

/// The block lists written under the data folder, read from their header.
fn blocklists(dir: &Path) -> Vec<Blocklist> {
    use ward_feeds::export::{read_header, ExportFormat};
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut lists: Vec<Blocklist> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            let text = fs::read_to_string(&path).ok()?;
            let (format, entries) = read_header(&text)?;
            let kind = match format {
                ExportFormat::PlainIp => "ip",
                ExportFormat::PlainDomain => "domain",
                ExportFormat::PlainUrl => "url",
                _ => return None,
            };
            Some(Blocklist {
                kind: kind.to_string(),
                entries,
                path: path.display().to_string(),
            })
        })
        .collect();
    lists.sort_by(|a, b| a.path.cmp(&b.path));
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_data_folder_gives_an_empty_input() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("nothing-here"));
        let input = data.plan_input("Clinic", "2026-11-28").unwrap();
        assert_eq!(input.organization, "Clinic");
        assert_eq!(input.date, "2026-11-28");
        assert!(input.hits.is_empty() && input.exposures.is_empty());
        assert!(input.blocklists.is_empty() && input.done.is_empty());
        assert!(input.previous.is_none());
        assert_eq!(input.intel.indicators, 0);
        // Gathering reads only: the folder is not created.
        assert!(!data.root().exists());
    }

    #[test]
    fn plans_are_kept_and_their_actions_marked_done_once() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let plan = ward_plan::build(&data.plan_input("Clinic", "2026-11-21").unwrap());
        data.save_plan("2026-11-21", &plan).unwrap();
        assert!(data.plan_file("2026-11-21").is_file());
        let next = data.plan_input("Clinic", "2026-11-28").unwrap();
        assert_eq!(
            next.previous.map(|p| p.date),
            Some("2026-11-21".to_string())
        );
        let err = data.mark_done("W-nope", "2026-11-28").err().unwrap();
        assert!(matches!(err, MemberError::UnknownAction { .. }), "{err:?}");
        assert!(err.to_string().starts_with("W-nope: "), "{err}");
        if let Some(action) = plan.top.iter().chain(&plan.rest).next() {
            let title = data.mark_done(&action.id, "2026-11-28").unwrap();
            assert_eq!(title, action.title);
            data.mark_done(&action.id, "2026-11-29").unwrap();
            let done = data.done_marks().unwrap();
            assert_eq!(done.len(), 1);
            assert_eq!(done[0].date, "2026-11-28");
            assert_eq!(done[0].not_applicable, None);
        }
        if let Some(action) = plan.top.iter().chain(&plan.rest).nth(1) {
            let err = data
                .mark_not_applicable(&action.id, "2026-11-28", "  ")
                .err()
                .unwrap();
            assert!(matches!(err, MemberError::NoReason { .. }), "{err:?}");
            data.mark_not_applicable(&action.id, "2026-11-28", "no such device here")
                .unwrap();
            let marks = data.done_marks().unwrap();
            let mark = marks.iter().find(|d| d.id == action.id).unwrap();
            assert_eq!(mark.not_applicable.as_deref(), Some("no such device here"));
            let again = ward_plan::build(&data.plan_input("Clinic", "2026-11-28").unwrap());
            assert!(!again
                .top
                .iter()
                .chain(&again.rest)
                .any(|a| a.id == action.id));
        }
        assert_eq!(data.plan_history().unwrap().len(), 1);
    }

    #[test]
    fn hub_sightings_reach_the_hits() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let found: ward_detect::Summary = serde_json::from_value(serde_json::json!({
            "alerts": 3,
            "indicators": [{
                "indicator": {"id": "indicator--x", "name": "Bad host", "score": 80,
                              "tlp": null, "sources": [], "threats": []},
                "count": 3, "values": [["ipv4", "203.0.113.9"]],
                "first_seen": "2026-11-24T10:00:00Z", "last_seen": "2026-11-24T11:00:00Z",
                "files": ["fw.log"], "example": "10.0.0.5 talked to 203.0.113.9",
                "devices": ["10.0.0.5"]
            }],
            "by_day": {"2026-11-24": 3}
        }))
        .unwrap();
        let at = ward_stix::Timestamp::parse("2026-11-24T12:00:00Z").unwrap();
        data.journal()
            .unwrap()
            .record_at(
                at,
                Run::Scan {
                    file: journal::LogFile {
                        path: "fw.log".into(),
                        lines: 10,
                        ..Default::default()
                    },
                    found,
                },
            )
            .unwrap();
        write_json(
            &data.hub_sightings_file(),
            &serde_json::json!({"indicator--x": {"organizations": 2}}),
        )
        .unwrap();
        let input = data.plan_input("Clinic", "2026-11-28").unwrap();
        assert_eq!(input.hits.len(), 1);
        assert_eq!(input.hits[0].hub_organizations, 2);
        // A corrupt counts file is an error naming it.
        fs::write(data.hub_sightings_file(), "{").unwrap();
        let err = data.plan_input("Clinic", "2026-11-28").err().unwrap();
        assert!(err.to_string().contains("hub-sightings.json"), "{err}");
    }
}
