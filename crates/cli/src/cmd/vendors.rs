//! `ward vendors`: the third parties the organization depends on (EHR host, clearinghouse,
//! MSP, device makers, cloud services). The list lives in the member store
//! (`ward_member::vendors`); intel that names one of them becomes an action in `ward report`
//! and an alert from `ward watch`. `publish` registers the normalised names with a ward hub,
//! `notices` fetches the vendor incident notices the hub recorded for this organization.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use ward_member::vendors::{self, Vendor, VendorKind};
use ward_member::DataDir;

use super::pull::AuthArgs;
use crate::Global;

const VENDORS_HELP: &str = "\
Lists the vendors your organization depends on, so that intel naming one of them becomes an \
action in `ward report` (what to check, what to cut off, whom to call) and an alert from \
`ward watch`. Names are normalised: \"Change Healthcare Inc.\" and \"change healthcare\" are \
one vendor. The vendor column of the inventory given to `ward exposure` is counted too (as \
device makers). A one-word name such as \"Epic\" is matched only through intel that ties an \
identity of that name to an event, never as a word in free text; give the full name (\"Epic \
Systems\") to have reports that mention it found.

Examples:
  ward vendors add \"Change Healthcare\" --kind clearinghouse --contact \"Account manager, 555-0100\"
  ward vendors add \"Epic Systems\" --kind ehr
  ward vendors list
  ward vendors remove \"Change Healthcare\"
  ward vendors max-age 45
  ward vendors publish --hub https://hub.example.org/taxii2/api/ --token T
  ward vendors notices --hub https://hub.example.org/taxii2/api/ --token T

Exit codes: 0 done; 1 `remove` of a vendor not listed, or `notices` with none; 2 bad input \
(an empty name, an unknown --kind) or the hub refused.";

#[derive(Args, Debug)]
#[command(after_long_help = VENDORS_HELP)]
pub struct VendorsArgs {
    #[command(subcommand)]
    pub action: VendorsAction,
}

#[derive(Subcommand, Debug)]
pub enum VendorsAction {
    /// List a vendor you depend on (again: replaces its kind and contact)
    Add {
        /// The vendor's name, as on its contract ("Change Healthcare")
        name: String,
        /// What it does for you
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(VendorKind::NAMES))]
        kind: String,
        /// Whom to call there when it is hit (name, phone, e-mail)
        #[arg(long, value_name = "TEXT")]
        contact: Option<String>,
    },
    /// Show the vendors listed and those the inventory names
    List,
    /// Stop watching a vendor
    Remove {
        /// Its name (any spelling that normalises to the same name)
        name: String,
    },
    /// Show or set how many days intel naming a vendor (a member's incident notice
    /// included) keeps making plan actions and alerts (30 by default)
    MaxAge {
        /// 1 to 3650 days
        #[arg(value_parser = clap::value_parser!(u32).range(1..=i64::from(vendors::MAX_AGE_LIMIT)))]
        days: Option<u32>,
    },
    /// Register the normalised names (nothing else) with a ward hub, so it can tell you when
    /// a member posts an incident notice about one of them
    Publish {
        /// The hub's TAXII API root
        #[arg(long, value_name = "URL")]
        hub: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Fetch the vendor incident notices the hub recorded for your organization
    Notices {
        /// The hub's TAXII API root
        #[arg(long, value_name = "URL")]
        hub: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
}

fn today() -> String {
    let now = ward_member::journal::now().to_string();
    now.get(..10).unwrap_or(&now).to_string()
}

pub fn run(args: VendorsArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let store = DataDir::new(&global.data).open_store()?;
    match args.action {
        VendorsAction::Add {
            name,
            kind,
            contact,
        } => {
            let kind = VendorKind::parse(&kind).with_context(|| {
                format!(
                    "--kind {kind}: expected one of {}",
                    VendorKind::NAMES.join(", ")
                )
            })?;
            let vendor = Vendor::new(&name, kind, contact.as_deref(), &today())?;
            let before = vendors::add(&*store, &vendor)?;
            if global.json {
                println!("{}", serde_json::to_string(&vendor)?);
            } else {
                println!(
                    "{} {} ({}, normalised as \"{}\")",
                    if before.is_some() {
                        "Updated"
                    } else {
                        "Listed"
                    },
                    vendor.name,
                    vendor.kind.name(),
                    vendor.key
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        VendorsAction::List => {
            let all = vendors::list(&*store)?;
            if global.json {
                println!("{}", serde_json::to_string_pretty(&all)?);
            } else if all.is_empty() {
                println!("No vendors listed: `ward vendors add NAME --kind KIND` adds one.");
            } else {
                for v in &all {
                    let mut line = format!("{:<32} {:<14}", v.name, v.kind.name());
                    if let Some(c) = &v.contact {
                        line.push_str(&format!(" {c}"));
                    }
                    if v.from_inventory {
                        line.push_str(" (from the inventory)");
                    }
                    println!("{}", line.trim_end());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        VendorsAction::Remove { name } => match vendors::remove(&*store, &name)? {
            Some(v) => {
                println!("Removed {}", v.name);
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprintln!(
                    "ward: {name:?} is not listed (normalised as \"{}\"); `ward vendors list` shows what is",
                    vendors::normalise(&name)?
                );
                Ok(ExitCode::from(1))
            }
        },
        VendorsAction::MaxAge { days } => {
            if let Some(days) = days {
                vendors::set_max_age_days(&*store, days)?;
            }
            let days = vendors::max_age_days(&*store)?;
            if global.json {
                println!("{}", json!({ "max_age_days": days }));
            } else {
                println!(
                    "Intel naming a vendor makes plan actions and alerts for {days} days after its date."
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        VendorsAction::Publish { hub, auth } => {
            let all = vendors::list(&*store)?;
            let mut keys: Vec<String> = all.into_iter().map(|v| v.key).collect();
            keys.sort();
            keys.dedup();
            let client = auth.client()?;
            let root = client.api_root(&hub)?;
            let answer = client
                .publish_vendors(&root, &keys)
                .with_context(|| format!("{root}: registering {} vendor names", keys.len()))?;
            if global.json {
                println!("{answer}");
            } else {
                println!(
                    "Registered {} vendor names with {root} (names only; the hub tells you when a member posts a notice about one).",
                    keys.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        VendorsAction::Notices { hub, auth } => {
            let client = auth.client()?;
            let root = client.api_root(&hub)?;
            let answer = client
                .vendor_notices(&root)
                .with_context(|| format!("{root}: fetching vendor notices"))?;
            let notices = answer
                .get("notices")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if global.json {
                println!("{}", json!({ "notices": notices }));
            } else if notices.is_empty() {
                println!("No vendor incident notices for your organization.");
            } else {
                for n in &notices {
                    let text = |k: &str| n.get(k).and_then(Value::as_str).unwrap_or("");
                    println!(
                        "{}  {}: {} (report {} in collection {})",
                        text("received"),
                        text("vendor"),
                        text("name"),
                        text("report"),
                        text("collection")
                    );
                }
            }
            Ok(if notices.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
