//! `ward watch alerts`: the alerts watch raised, as kept in the member's store (the alerts
//! file may have been rotated away), newest last.

use std::process::ExitCode;

use clap::Args;
use serde_json::Value;
use ward_member::DataDir;

use crate::Global;

#[derive(Args, Debug)]
#[command(
    after_long_help = "Examples:\n  ward watch alerts\n  ward watch alerts --days 30\n  ward --json watch alerts --days 1 | jq '.[].machine'"
)]
pub struct AlertsArgs {
    /// The last N days (alerts are kept 90 days)
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = clap::value_parser!(u16).range(1..=90))]
    pub days: u16,
}

pub fn run(args: &AlertsArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if global.database.is_some() {
        anyhow::bail!("--database: ward watch keeps its alerts in the data folder's own store; run without --database");
    }
    let data = DataDir::new(&global.data);
    if !data.store_file().exists() {
        anyhow::bail!(
            "{}: no local store here; run ward watch in this data folder first (or give --data)",
            data.root().display()
        );
    }
    let store = data.open_store()?;
    let since = ward_member::journal::now().secs - i64::from(args.days) * 86_400;
    let alerts = ward_member::watch::alerts::since(&*store, since)?;
    if global.json {
        println!("{}", Value::Array(alerts));
        return Ok(ExitCode::SUCCESS);
    }
    if alerts.is_empty() {
        println!("no alert in the last {} day(s)", args.days);
        return Ok(ExitCode::SUCCESS);
    }
    for a in &alerts {
        let field = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or("");
        let score = a
            .get("score")
            .and_then(Value::as_u64)
            .map(|s| format!(" score {s}"))
            .unwrap_or_default();
        let name = match field("indicator_name") {
            "" => field("indicator_id").to_string(),
            n => n.to_string(),
        };
        println!(
            "{}  {}  {}  {name}{score}  ({}:{})",
            field("time"),
            field("machine"),
            field("value"),
            field("file"),
            a.get("line").and_then(Value::as_u64).unwrap_or(0)
        );
    }
    println!("{} alert(s) in the last {} day(s)", alerts.len(), args.days);
    Ok(ExitCode::SUCCESS)
}
