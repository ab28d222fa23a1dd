//! `ward report`: the weekly action plan. The data folder (`ward-member`) gathers what the
//! other commands left there (the latest exposure ranking, the latest scan, the block lists)
//! and keeps each plan made; this builds the plan and renders it. `ward report done ID`
//! marks an action done.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use ward_member::{write_atomic, DataDir};
use ward_plan::Format;

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
    after_long_help = "The plan covers a window, by default the 7 days before the plan's \
day and that day (--since changes it). It reads every scan recorded in the window (a machine \
that talked to attackers on Monday stays on the plan after a clean scan on Wednesday, until it \
is marked done or its scan leaves the window), the latest `ward exposure` ranking, and the \
intel on hand. It ranks what to do by risk to patients and operations, and writes at most \
five actions for this week at the top, then the rest. Each action says what to do, why, who \
does it, how long it takes and what breaks if it is done wrong, with the NIST CSF 2.0 item, \
the HICP practice and the HHS CPG it serves.\n\nCoverage: the plan says which logs, devices, \
vulnerability data and intel were checked, and what was not or is out of date. With nothing \
checked, its first action is to get ward the inputs it needs, and `ward report` exits 1: it \
never gives an all-clear for what it did not read.\n\nExit codes: 0 plan made; 1 plan made \
but nothing was checked; 2 bad input.\n\nExamples:\n  ward report --out plan.html\n  \
ward report --format md --since 2026-11-01\n  ward report --json | jq .coverage\n  \
ward report done W-12ef1c"
)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
    /// html (self-contained page), md (Markdown for e-mail or a ticket) or json (default:
    /// html into a file or a pipe, md on a terminal)
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "F")]
    pub out: Option<PathBuf>,
    /// Organization name shown on the plan (default: the data folder's saved name, else "Your organization")
    #[arg(long)]
    pub organization: Option<String>,
    /// Make the plan as of this day (YYYY-MM-DD) instead of today
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The window's first day (YYYY-MM-DD): scans from then to the plan's day count (default:
    /// 7 days before the plan's day)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Mark an action done (it leaves the plan and shows under "Done")
    Done {
        /// The action id shown on the plan, such as W-12ef1c
        id: String,
    },
}

fn normalize_id(id: &str) -> String {
    match id.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("w-") => {
            format!("W-{}", id.get(2..).unwrap_or("").to_ascii_lowercase())
        }
        _ => id.to_string(),
    }
}

/// Today, or the day `WARD_NOW` names (for simulating a week).
/// Today (UTC, `WARD_NOW` honoured), as plans and their marks are dated.
pub(crate) fn today() -> String {
    ward_member::journal::now()
        .to_string()
        .chars()
        .take(10)
        .collect()
}

fn day_arg(flag: &str, d: &str) -> anyhow::Result<String> {
    crate::input::day(d).with_context(|| format!("{flag} {d}: expected a day like 2026-11-28"))?;
    Ok(d.to_string())
}

fn mark_done(data: &DataDir, id: &str) -> anyhow::Result<ExitCode> {
    // Ids are shown upper-case (W-12ef1c); a typed w-12EF1C is the same action.
    let id = &normalize_id(id);
    let title = data.mark_done(id, &today())?;
    println!("marked done: {id} {title}");
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: ReportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let data = DataDir::new(&global.data);
    if let Some(ReportCommand::Done { id }) = &args.command {
        return mark_done(&data, id);
    }
    let date = match &args.date {
        Some(d) => day_arg("--date", d)?,
        None => today(),
    };
    let since = args
        .since
        .as_deref()
        .map(|d| day_arg("--since", d))
        .transpose()?;
    if let Some(since) = &since {
        if since.as_str() > date.as_str() {
            anyhow::bail!(
                "--since {since}: the window must start on or before the plan's day ({date})"
            );
        }
    }
    let organization = args
        .organization
        .clone()
        .unwrap_or_else(|| "Your organization".to_string());
    let input = match &since {
        Some(since) => data.plan_input_since(&organization, &date, since)?,
        None => data.plan_input(&organization, &date)?,
    };
    let plan = ward_plan::build(&input);
    data.save_plan(&date, &plan)?;
    // A page of HTML is no use on a terminal: there the default is Markdown.
    let chosen = args
        .format
        .unwrap_or(if args.out.is_none() && std::io::stdout().is_terminal() {
            ReportFormat::Md
        } else {
            ReportFormat::Html
        });
    let format = match (chosen, global.json) {
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
    if plan.nothing_checked() {
        eprintln!(
            "ward: nothing was checked from {} to {date}: no logs scanned and no device list \
             matched to known flaws, so this plan gives no all-clear (exit 1). Its first action \
             says what ward needs.",
            plan.coverage.since
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
