//! `ward init`: records the organization profile in the data folder, so every scrub and
//! share removes the organization's own names, domains, staff and host names.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;
use ward_member::{read_staff, DataDir, OrgProfile};

use crate::Global;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  ward init --org \"Lakeside Clinic\" --domain lakeside.example
  ward init --org \"Lakeside Clinic\" --domain lakeside.example --domain lakesidehealth.example \\
            --staff staff.csv --hosts 'ws-*' --hosts 'nurse-stn-*' \\
            --network 10.20.0.0/16 --network 198.51.100.16/28

The staff list is a CSV (comma, semicolon or tab) with a header row: a name column (Name,
Display Name, or First Name and Last Name) and/or a login column (Username, SamAccountName,
UserPrincipalName), as an Active Directory export writes it. Its names and logins are copied
into the profile; the file itself is not needed afterwards. Running init again replaces the
profile.

--network names the address ranges that are yours, the public ones your firewall and mail
server use included (private ranges are always treated as yours): they never go on a block
list, and a device in them is one of your computers in the weekly plan.")]
pub struct InitArgs {
    /// Your organization's name as people write it (removed wherever it appears)
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// Your organization's DNS domain (repeatable): its addresses and host names are internal
    #[arg(long = "domain", value_name = "D", required = true)]
    pub domains: Vec<String>,
    /// A staff list (CSV): its names and logins are always removed
    #[arg(long, value_name = "FILE")]
    pub staff: Option<PathBuf>,
    /// The shape of your host names, `*` for any run of characters (repeatable): `ws-*`
    #[arg(long = "hosts", value_name = "PATTERN")]
    pub host_patterns: Vec<String>,
    /// Your own address ranges, as CIDR blocks (repeatable, or comma-separated): never
    /// blocked, and a device in them is one of yours
    #[arg(long = "network", value_name = "CIDR", value_delimiter = ',')]
    pub networks: Vec<String>,
}

pub fn run(args: InitArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let data = DataDir::new(&global.data);
    let staff = match &args.staff {
        Some(path) => Some(read_staff(path)?),
        None => None,
    };
    let replaced = data.org_profile()?.is_some();
    let profile = OrgProfile {
        name: args.org.trim().to_string(),
        domains: args.domains.iter().map(|d| d.trim().to_string()).collect(),
        staff_names: staff.as_ref().map(|s| s.names.clone()).unwrap_or_default(),
        staff_logins: staff.as_ref().map(|s| s.logins.clone()).unwrap_or_default(),
        host_patterns: args.host_patterns.clone(),
        networks: args.networks.iter().map(|n| n.trim().to_string()).collect(),
    };
    data.save_org_profile(&profile)?;
    let path = data.profile_file();
    if global.json {
        println!(
            "{}",
            json!({
                "profile": path.display().to_string(),
                "replaced": replaced,
                "organization": profile.name,
                "domains": profile.domains,
                "staff_names": profile.staff_names.len(),
                "staff_logins": profile.staff_logins.len(),
                "host_patterns": profile.host_patterns,
                "networks": profile.networks,
            })
        );
    } else {
        let verb = if replaced { "replaced" } else { "wrote" };
        println!("{verb} the organization profile {}", path.display());
        println!("  organization  {}", profile.name);
        println!("  domains       {}", profile.domains.join(", "));
        if let Some(staff) = &staff {
            println!(
                "  staff         {} names, {} logins",
                staff.names.len(),
                staff.logins.len()
            );
        }
        if !profile.host_patterns.is_empty() {
            println!("  host names    {}", profile.host_patterns.join(", "));
        }
        if !profile.networks.is_empty() {
            println!("  networks      {}", profile.networks.join(", "));
        }
        println!("`ward scrub` and `ward share` now remove these wherever they appear.");
        println!("Block lists never hold your domains or networks.");
    }
    Ok(ExitCode::SUCCESS)
}
