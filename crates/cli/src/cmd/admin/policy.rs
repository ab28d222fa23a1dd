//! `ward admin policy` and the sharing settings of `org add/set` and `collection add/set`:
//! ward-policy does the work; this only parses and prints.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::Subcommand;
use serde_json::json;
use ward_store::Store;

use super::print_json;
use crate::Global;

#[derive(clap::Args, Debug, Default)]
pub struct OrgPolicyArgs {
    /// `named`: its identity goes out with what it shares; `anonymous` (the default for new
    /// organizations): the hub's identity replaces it
    #[arg(long, value_name = "named|anonymous")]
    pub attribution: Option<String>,
    /// Its own DNS domain (repeatable): addresses and hosts on it are scrubbed from its posts
    #[arg(long = "domain", value_name = "D")]
    pub domains: Vec<String>,
    /// Another of its names (repeatable), scrubbed from its posts
    #[arg(long = "org-name", value_name = "NAME")]
    pub names: Vec<String>,
}

#[derive(clap::Args, Debug, Default)]
pub struct CollectionPolicyArgs {
    /// Organizations that read its TLP:AMBER objects besides their submitter (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ORGS")]
    pub amber: Option<Vec<String>>,
    /// Serve its TLP:CLEAR objects to readers without credentials
    #[arg(long, conflicts_with = "private")]
    pub public: bool,
    /// Undo --public
    #[arg(long)]
    pub private: bool,
}

impl CollectionPolicyArgs {
    /// The same settings with --amber's organizations (names or ids) as their names.
    pub(super) fn resolved(self, store: &dyn Store) -> anyhow::Result<CollectionPolicyArgs> {
        let amber = self
            .amber
            .map(|list| {
                list.iter()
                    .filter(|n| !n.trim().is_empty())
                    .map(|n| super::members::resolve_org(store, n).map(|o| o.name))
                    .collect::<anyhow::Result<Vec<_>>>()
            })
            .transpose()
            .context("--amber")?;
        Ok(CollectionPolicyArgs { amber, ..self })
    }
}

#[derive(Subcommand, Debug)]
pub enum PolicyCommand {
    /// Set the TLP stamped on objects posted from now on without a TLP marking (GREEN
    /// unless set); objects already stored keep the level they were stamped with
    DefaultTlp {
        #[arg(value_name = "clear|green|amber|amber+strict|red")]
        level: String,
    },
    /// Stamp the current default TLP on stored objects that have no TLP marking (those an
    /// older ward stored; `ward serve` does it once by itself)
    StampDefaultTlp,
    /// Show the hub's policy settings
    Show,
    /// What the scrubber changed in posted objects (kinds and places, never the text),
    /// filtered by time, organization, kind and collection, or summed up
    ScrubLog(super::super::admin_ops::ScrubLogArgs),
    /// Re-check stored objects with the current scrubber (after an upgrade) and report what
    /// it would remove now (exit 1 when anything)
    Rescan(super::super::admin_ops::RescanArgs),
    /// Serve an object quarantined by `rescan --quarantine` again
    Release { object_id: String },
    /// Who submitted an object (private to the operator)
    Submitter { object_id: String },
}

pub(super) fn org_change(args: &OrgPolicyArgs) -> anyhow::Result<ward_policy::OrgChange> {
    let attribution = args
        .attribution
        .as_deref()
        .map(ward_policy::Attribution::parse)
        .transpose()
        .context("--attribution")?;
    Ok(ward_policy::OrgChange {
        attribution,
        domains: (!args.domains.is_empty()).then(|| args.domains.clone()),
        names: (!args.names.is_empty()).then(|| args.names.clone()),
    })
}

pub(super) fn org_set(
    store: &dyn Store,
    name: &str,
    args: &OrgPolicyArgs,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let change = org_change(args)?;
    let settings = ward_policy::settings::change_org(store, name, &change)
        .with_context(|| format!("sharing settings of {name:?}"))?;
    if global.json {
        print_json(json!(settings));
    } else {
        println!(
            "{name}\tattribution: {}\tdomains: {}\tnames: {}",
            json!(settings.attribution).as_str().unwrap_or(""),
            settings.domains.join(","),
            settings.names.join(",")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn collection_change(args: &CollectionPolicyArgs) -> ward_policy::CollectionChange {
    ward_policy::CollectionChange {
        public: if args.public {
            Some(true)
        } else if args.private {
            Some(false)
        } else {
            None
        },
        amber: args.amber.clone(),
    }
}

pub(super) fn apply_collection_policy(
    store: &dyn Store,
    id: &str,
    args: &CollectionPolicyArgs,
) -> anyhow::Result<()> {
    ward_policy::settings::change_collection(store, id, &collection_change(args))
        .with_context(|| format!("sharing settings of collection {id}"))?;
    Ok(())
}

/// Prints a collection's sharing settings after a change.
pub(super) fn collection_shown(
    store: &dyn Store,
    id: &str,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let settings = ward_policy::settings::collection_settings(store, id)
        .with_context(|| format!("sharing settings of collection {id}"))?;
    if global.json {
        print_json(json!(settings));
    } else {
        println!(
            "{id}\tpublic: {}\tamber: {}",
            settings.public,
            settings.amber.join(",")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn policy_command(
    cmd: PolicyCommand,
    shared: Arc<dyn Store>,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let store = shared.as_ref();
    match cmd {
        PolicyCommand::DefaultTlp { level } => {
            let tlp = ward_stix::Tlp::parse(&level).with_context(|| {
                format!("{level:?}: expected clear, green, amber, amber+strict or red")
            })?;
            ward_policy::settings::set_default_tlp(store, tlp)?;
            eprintln!(
                "objects posted without a TLP marking from now on are stored marked {tlp}; \
                 objects already stored keep theirs"
            );
        }
        PolicyCommand::StampDefaultTlp => {
            let report = ward_policy::stamp::stamp_stored(store)
                .context("stamping the default TLP on stored objects")?;
            if global.json {
                print_json(json!(report));
            } else {
                eprintln!(
                    "{} of {} stored object versions had no TLP marking and are now marked {}",
                    report.versions_stamped, report.versions_read, report.level
                );
            }
        }
        PolicyCommand::Show => {
            let report = ward_policy::settings::describe(store)?;
            if global.json {
                print_json(report);
            } else {
                println!("{}", serde_json::to_string_pretty(&report)?);
            }
        }
        PolicyCommand::ScrubLog(args) => {
            return super::super::admin_ops::scrub_log(&args, store, global)
        }
        PolicyCommand::Rescan(args) => {
            return super::super::admin_ops::rescan(&args, shared.clone(), global)
        }
        PolicyCommand::Submitter { object_id } => {
            return super::super::admin_ops::submitter(&object_id, store, global)
        }
        PolicyCommand::Release { object_id } => {
            return super::super::admin_ops::release(&object_id, store, global)
        }
    }
    Ok(ExitCode::SUCCESS)
}
