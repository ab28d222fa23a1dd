//! `ward admin vendors`: how many members depend on each vendor they registered with
//! `ward vendors publish`. Never which members; a vendor fewer than
//! `ward_taxii::vendors::MIN_SHOWN` members depend on is listed without its count, so the
//! operator cannot single out one clinic from its suppliers.

use std::process::ExitCode;

use anyhow::Context;
use serde_json::json;
use ward_store::Store;
use ward_taxii::vendors::{
    dependency_counts, notice_max_age_days, set_notice_max_age_days, MIN_SHOWN,
    NOTICE_MAX_AGE_LIMIT,
};

use crate::Global;

#[derive(clap::Args, Debug)]
pub struct VendorsArgs {
    /// Days a vendor incident notice is listed to the members it concerns after the hub
    /// recorded it (1 to 3650; 30 by default); older notices are forgotten
    #[arg(long, value_name = "DAYS",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(NOTICE_MAX_AGE_LIMIT)))]
    pub notice_max_age: Option<u32>,
}

pub fn counts(store: &dyn Store, args: &VendorsArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if let Some(days) = args.notice_max_age {
        set_notice_max_age_days(store, days).context("saving the notice max age")?;
    }
    let max_age = notice_max_age_days(store).context("reading the notice max age")?;
    let counts = dependency_counts(store).context("reading the members' vendor registrations")?;
    if global.json {
        let rows: Vec<_> = counts
            .iter()
            .map(|(vendor, n)| json!({ "vendor": vendor, "members": n }))
            .collect();
        println!(
            "{}",
            json!({ "min_shown": MIN_SHOWN, "notice_max_age_days": max_age, "vendors": rows })
        );
        return Ok(ExitCode::SUCCESS);
    }
    if args.notice_max_age.is_some() {
        eprintln!("Vendor incident notices are now listed for {max_age} days.");
    }
    if counts.is_empty() {
        println!("No member has registered vendors (`ward vendors publish`).");
        return Ok(ExitCode::SUCCESS);
    }
    for (vendor, n) in &counts {
        match n {
            Some(n) => println!("{vendor}: {n} members depend on this vendor"),
            None => println!("{vendor}: fewer than {MIN_SHOWN} members (not shown)"),
        }
    }
    eprintln!(
        "Counts under {MIN_SHOWN} are not shown, and members are never named, so no one clinic \
         can be picked out from its suppliers."
    );
    Ok(ExitCode::SUCCESS)
}
