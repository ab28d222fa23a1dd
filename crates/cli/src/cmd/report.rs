//! `ward report`: the weekly action plan. Gathers what the other commands left in the data
//! folder (the latest exposure ranking, the latest scan, the block lists), builds the plan
//! and renders it; `ward report done ID` marks an action done.
//!
//! Files under `--data`:
//!   exposure/latest.json   written by `ward exposure`
//!   scan/latest.json       written by `ward scan`
//!   plan/done.json         actions marked done
//!   plan/history/DATE.json each plan made, to say what changed since last week

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use ward_plan::input::{Blocklist, DoneMark, IntelSummary, PlanInput, PreviousPlan};
use ward_plan::{Format, Plan};

use crate::datafile::{read_json, write_atomic};
use crate::Global;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
    Json,
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
#[command(
    after_long_help = "The plan reads what `ward exposure` and `ward scan` saved in the \
data folder, ranks what to do by risk to patients and operations, and writes at most five \
actions for this week at the top, then the rest. Each action says what to do, why, who does \
it, how long it takes and what breaks if it is done wrong, with the NIST CSF 2.0 item, the \
HICP practice and the HHS CPG it serves.\n\nExamples:\n  ward report --out plan.html\n  \
ward report --format md\n  ward report done W-12ef1c"
)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
    /// html (self-contained page), md (Markdown for e-mail or a ticket) or json
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "F")]
    pub out: Option<PathBuf>,
    /// Organization name shown on the plan (default: the data folder's saved name, else "Your organization")
    #[arg(long)]
    pub organization: Option<String>,
    /// Make the plan as of this day (YYYY-MM-DD) instead of today
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Mark an action done (it leaves the plan and shows under "Done")
    Done {
        /// The action id shown on the plan, such as W-12ef1c
        id: String,
    },
}

fn plan_dir(global: &Global) -> PathBuf {
    global.data.join("plan")
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

fn previous_plan(global: &Global, date: &str) -> anyhow::Result<Option<PreviousPlan>> {
    let dir = plan_dir(global).join("history");
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
    let plan: Option<Plan> = read_json(&dir.join(format!("{last}.json")))?;
    Ok(plan.map(|p| {
        let all: Vec<_> = p.top.iter().chain(&p.rest).collect();
        PreviousPlan {
            date: p.date.clone(),
            action_ids: all.iter().map(|a| a.id.clone()).collect(),
            titles: all.iter().map(|a| a.title.clone()).collect(),
        }
    }))
}

/// Gathers this week's input from the data folder.
pub fn gather(global: &Global, organization: &str, date: &str) -> anyhow::Result<PlanInput> {
    let mut input = PlanInput {
        organization: organization.to_string(),
        date: date.to_string(),
        ..Default::default()
    };
    let exposure_path = global.data.join("exposure").join("latest.json");
    if let Some(report) = read_json::<ward_exposure::ExposureReport>(&exposure_path)? {
        let day = crate::input::day(date).unwrap_or(report.assessed_on);
        input.exposures = ward_plan::from_exposure::exposed_assets(&report, day);
    }
    if let Some(summary) = crate::datafile::latest_scan(&global.data)? {
        input.hits = ward_plan::from_scan::hits(&summary);
        // What the hub said about them on the last `ward pull` (distinct member counts).
        let hub: std::collections::BTreeMap<String, serde_json::Value> =
            read_json(&global.data.join("hub-sightings.json"))?.unwrap_or_default();
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
    input.blocklists = blocklists(&global.data.join("exports"));
    input.intel = intel_summary(global);
    input.previous = previous_plan(global, date)?;
    input.done = read_json(&plan_dir(global).join("done.json"))?.unwrap_or_default();
    Ok(input)
}

/// The block lists `ward export` wrote under the data folder, read from their header.
fn blocklists(dir: &std::path::Path) -> Vec<Blocklist> {
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

/// How fresh the local intel is, for the plan's chart. No local store yet: all zeros.
fn intel_summary(global: &Global) -> IntelSummary {
    let mut summary = IntelSummary::default();
    if !global.data.exists() {
        return summary;
    }
    let Ok(local) = ward_feeds::local::LocalIntel::open(&global.data) else {
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

fn mark_done(global: &Global, id: &str) -> anyhow::Result<ExitCode> {
    let dir = plan_dir(global);
    let history = dir.join("history");
    // The title comes from the latest plan that listed the action.
    let mut title = None;
    if let Ok(entries) = fs::read_dir(&history) {
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
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
        anyhow::bail!(
            "{id}: no plan lists this action (run `ward report` first, then use an id it shows)"
        );
    };
    let done_path = dir.join("done.json");
    let mut done: Vec<DoneMark> = read_json(&done_path)?.unwrap_or_default();
    if !done.iter().any(|d| d.id == id) {
        done.push(DoneMark {
            id: id.to_string(),
            date: today(),
            title: title.clone(),
        });
        write_atomic(&done_path, &serde_json::to_vec_pretty(&done)?)?;
    }
    println!("marked done: {id} {title}");
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: ReportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if let Some(ReportCommand::Done { id }) = &args.command {
        return mark_done(global, id);
    }
    let date = match &args.date {
        Some(d) => {
            crate::input::day(d)
                .with_context(|| format!("--date {d}: expected a day like 2026-11-28"))?;
            d.clone()
        }
        None => today(),
    };
    let organization = args
        .organization
        .clone()
        .unwrap_or_else(|| "Your organization".to_string());
    let input = gather(global, &organization, &date)?;
    let plan = ward_plan::build(&input);
    write_atomic(
        &plan_dir(global)
            .join("history")
            .join(format!("{date}.json")),
        &serde_json::to_vec_pretty(&plan)?,
    )?;
    let format = match (args.format, global.json) {
        (_, true) | (ReportFormat::Json, _) => Format::Json,
        (ReportFormat::Md, _) => Format::Markdown,
        (ReportFormat::Html, _) => Format::Html,
    };
    let text = ward_plan::render(&plan, format);
    match &args.out {
        Some(path) => {
            write_atomic(path, text.as_bytes())?;
            eprintln!(
                "wrote {} ({} actions this week, {} more)",
                path.display(),
                plan.top.len(),
                plan.rest.len()
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
