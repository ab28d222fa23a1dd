//! The weekly plan's side of the data folder: gathering its input from what the other
//! commands left there (the latest exposure ranking, the latest scan with the hub's
//! sightings counts, the block lists, the local intel's freshness, last week's plan, the
//! actions marked done), keeping each plan made, and marking actions done.

use std::fs;
use std::path::{Path, PathBuf};

use ward_plan::input::{Blocklist, DoneMark, IntelSummary, PlanInput, PreviousPlan};
use ward_plan::Plan;

use crate::files::{read_json, write_json};
use crate::{DataDir, MemberError};

impl DataDir {
    /// Gathers this week's input for the plan of `organization` on `date` (YYYY-MM-DD).
    pub fn plan_input(&self, organization: &str, date: &str) -> Result<PlanInput, MemberError> {
        let mut input = PlanInput {
            organization: organization.to_string(),
            date: date.to_string(),
            ..Default::default()
        };
        if let Some(report) = self.latest_exposure()? {
            let day = ward_stix::day(date).unwrap_or(report.assessed_on);
            input.exposures = ward_plan::from_exposure::exposed_assets(&report, day);
        }
        if let Some(summary) = self.latest_scan()? {
            input.hits = ward_plan::from_scan::hits(&summary);
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
            input.hits_by_day = ward_plan::from_scan::hits_by_day(&summary);
        }
        input.blocklists = blocklists(&self.exports_dir());
        input.intel = self.intel_summary();
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

    /// How fresh the local intel is, for the plan's chart. No local store yet: all zeros.
    fn intel_summary(&self) -> IntelSummary {
        let mut summary = IntelSummary::default();
        if !self.root().exists() {
            return summary;
        }
        let Ok(local) = self.local_intel() else {
            return summary;
        };
        let Ok(indicators) = local.indicators() else {
            return summary;
        };
        let now = ward_stix::Timestamp::now();
        for i in indicators {
            let Some(when) = i.object.version() else {
                continue;
            };
            let days = (now.secs - when.secs) / 86_400;
            summary.indicators += 1;
            match days {
                d if d < 7 => summary.fresh += 1,
                d if d <= 30 => summary.aging += 1,
                _ => summary.stale += 1,
            }
        }
        summary
    }
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
        }
    }

    #[test]
    fn hub_sightings_reach_the_hits() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        data.save_latest_scan(&[], &ward_detect::Summary::default())
            .unwrap();
        write_json(
            &data.hub_sightings_file(),
            &serde_json::json!({"indicator--x": {"organizations": 2}}),
        )
        .unwrap();
        // No hit in the scan: the counts are read but change nothing.
        let input = data.plan_input("Clinic", "2026-11-28").unwrap();
        assert!(input.hits.is_empty());
        // A corrupt counts file is an error naming it.
        fs::write(data.hub_sightings_file(), "{").unwrap();
        let err = data.plan_input("Clinic", "2026-11-28").err().unwrap();
        assert!(err.to_string().contains("hub-sightings.json"), "{err}");
    }
}
