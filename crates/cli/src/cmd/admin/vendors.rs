//! `ward admin vendors`: how many members depend on each vendor they registered with
//! `ward vendors publish`. Never which members; a vendor fewer than
//! `ward_taxii::vendors::MIN_SHOWN` members depend on is listed without its count, so the
//! operator cannot single out one clinic from its suppliers.

use std::process::ExitCode;

use anyhow::Context;
use serde_json::json;
use ward_store::Store;
use ward_taxii::vendors::{dependency_counts, MIN_SHOWN};

use crate::Global;

pub fn counts(store: &dyn Store, global: &Global) -> anyhow::Result<ExitCode> {
    let counts = dependency_counts(store).context("reading the members' vendor registrations")?;
    if global.json {
        let rows: Vec<_> = counts
            .iter()
            .map(|(vendor, n)| json!({ "vendor": vendor, "members": n }))
            .collect();
        println!("{}", json!({ "min_shown": MIN_SHOWN, "vendors": rows }));
        return Ok(ExitCode::SUCCESS);
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
