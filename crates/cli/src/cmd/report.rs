//! `ward report`: the weekly action plan. The data folder (`ward-member`) gathers what the
//! other commands left there (the latest exposure ranking, the latest scan, the block lists)
//! and keeps each plan made; this builds the plan and renders it. `ward report done ID`
//! marks an action done.

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

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

fn mark_done(data: &DataDir, id: &str) -> anyhow::Result<ExitCode> {
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
    let input = data.plan_input(&organization, &date)?;
    let plan = ward_plan::build(&input);
    data.save_plan(&date, &plan)?;
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
