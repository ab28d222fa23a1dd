//! `ward watch firewall add|list|remove`: the tokens firewalls present to fetch `ward watch`'s
//! block lists. Kept in the data folder's store (hashes only, `ward_member::watch::edl`), so a
//! running `ward watch` sees a removal at the next request.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use serde_json::json;
use ward_member::watch::edl;
use ward_member::DataDir;

use crate::Global;

#[derive(Subcommand, Debug)]
pub enum FirewallCommand {
    /// Make a token for a firewall and print it (once: only its hash is kept)
    Add {
        /// The firewall's name: its HTTP Basic user name (letters, digits, '.', '_', '-')
        name: String,
    },
    /// List the firewalls that have a token
    List,
    /// Remove a firewall's token; it stops working at once, without restarting watch
    Remove {
        /// The name given to `ward watch firewall add`
        name: String,
    },
}

pub fn run(command: FirewallCommand, global: &Global) -> anyhow::Result<ExitCode> {
    if global.database.is_some() {
        anyhow::bail!(
            "--database: firewall tokens are kept in the data folder's own store, where ward watch reads them; run without --database"
        );
    }
    let data = DataDir::new(&global.data);
    let store = data.open_store()?;
    match command {
        FirewallCommand::Add { name } => {
            let now = ward_member::journal::now().to_string();
            let token = edl::add(&*store, &name, &now)?;
            if global.json {
                println!("{}", json!({"name": name, "token": token}));
            } else {
                print_added(&name, &token);
            }
        }
        FirewallCommand::List => {
            let firewalls = edl::list(&*store).context("reading the firewall tokens")?;
            if global.json {
                let rows: Vec<_> = firewalls
                    .iter()
                    .map(|(name, e)| json!({"name": name, "created": e.created}))
                    .collect();
                println!("{}", serde_json::Value::Array(rows));
            } else if firewalls.is_empty() {
                println!("no firewall has a token; add one with `ward watch firewall add NAME`");
            } else {
                for (name, e) in &firewalls {
                    println!("{name}\tadded {}", e.created);
                }
            }
        }
        FirewallCommand::Remove { name } => {
            if !edl::remove(&*store, &name)? {
                eprintln!(
                    "firewall {name:?} has no token (see `ward watch firewall list`); nothing removed"
                );
                return Ok(ExitCode::from(2));
            }
            if global.json {
                println!("{}", json!({"name": name, "removed": true}));
            } else {
                println!("firewall {name:?} removed; its token is refused from now on");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The token, and how each kind of firewall presents it.
fn print_added(name: &str, token: &str) {
    println!("Token for firewall {name:?} (shown once; ward keeps only its hash):");
    println!("{token}");
    println!();
    println!("Palo Alto, FortiGate: user name {name}, password the token (HTTP Basic).");
    println!("pfSense, OPNsense: add ?token=<the token> to the list's URL (the token is then");
    println!(
        "  in the firewall's configuration and logs: give such a firewall a token of its own)."
    );
    println!("The list URLs are in the README, section \"Firewall block lists\".");
}
