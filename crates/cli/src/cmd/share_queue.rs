//! `ward share queue`: the approval queue of scrubbed shares (`ward share FILE --queue`, and
//! `ward watch` with `[share] mode = "queue"`). Listing, the exact preview, approval (the same
//! checks and POST as a direct `ward share`) and discarding. The queue itself lives in the
//! member store (`ward_member::share_queue`); the token is given at approval, never kept.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;
use ward_member::share_queue::{self, Origin, QueuedShare};
use ward_member::DataDir;
use ward_store::Store;

use super::share::{check_destination, post, preview, say_sent, Destination, Prepared};
use crate::Global;

const QUEUE_HELP: &str = "\
Without an action, lists what waits: id, when it was queued, what it is, where it goes and \
its size. Items come from `ward share FILE --to URL --collection ID --queue` and from \
`ward watch` with `[share] mode = \"queue\"` in watch.toml (its sightings counts); items \
marked `auto` are ones `ward watch` could not send yet and retries every period.

Examples:
  ward share queue
  ward share queue show 3
  ward share queue approve 3 --token T
  ward share queue discard 3";

#[derive(Args, Debug)]
#[command(after_long_help = QUEUE_HELP)]
pub struct QueueArgs {
    #[command(subcommand)]
    pub action: Option<QueueAction>,
}

#[derive(Subcommand, Debug)]
pub enum QueueAction {
    /// Print the exact preview of a queued share: the same diff `ward share --dry-run` shows
    /// (with --json, the exact request body)
    Show {
        /// The item's id, from `ward share queue`
        id: u64,
    },
    /// Check the hub, the token and the collection, send the queued share, and remove it
    /// from the queue once the hub took it
    Approve {
        /// The item's id, from `ward share queue`
        id: u64,
        /// Bearer token for the hub (never kept in the queue)
        #[arg(long, env = "WARD_TOKEN", value_name = "T", hide_env_values = true)]
        token: Option<String>,
        /// Also trust the CA certificates in this PEM file (default: the one given when
        /// the item was queued, if any)
        #[arg(long, env = "WARD_CA_CERT", value_name = "FILE")]
        ca_cert: Option<PathBuf>,
    },
    /// Remove a queued share without sending it
    Discard {
        /// The item's id, from `ward share queue`
        id: u64,
    },
}

pub fn run(args: QueueArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let store = DataDir::new(&global.data).open_store()?;
    match args.action {
        None => list(&*store, global.json),
        Some(QueueAction::Show { id }) => {
            let item = find(&*store, id)?;
            if global.json {
                println!("{}", item.body);
            } else {
                print!("{}", item.preview);
                println!(
                    "Queued {}: nothing was sent. `ward share queue approve {id}` sends it; `ward share queue discard {id}` drops it.",
                    item.queued
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(QueueAction::Approve { id, token, ca_cert }) => {
            let item = find(&*store, id)?;
            let dest = Destination {
                to: item.to.clone(),
                collection: item.collection.clone(),
                token,
                ca_cert: ca_cert.or(item.ca_cert.clone()),
            };
            check_destination(&dest)?;
            let sent = post(&dest, &item.body)?;
            share_queue::remove(&*store, id)?;
            say_sent(&sent, global.json);
            if !global.json {
                println!("Item {id} is no longer queued.");
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(QueueAction::Discard { id }) => {
            let item = find(&*store, id)?;
            share_queue::remove(&*store, id)?;
            if global.json {
                println!("{}", json!({ "discarded": id }));
            } else {
                println!("Discarded {id} ({}); nothing was sent.", item.what);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The item `id`, or an error that says how to see what is queued.
fn find(store: &dyn Store, id: u64) -> anyhow::Result<QueuedShare> {
    share_queue::get(store, id)?.ok_or_else(|| {
        anyhow::anyhow!("share queue: no item {id}; `ward share queue` lists the ids of what waits")
    })
}

fn list(store: &dyn Store, json_out: bool) -> anyhow::Result<ExitCode> {
    let items = share_queue::list(store)?;
    if json_out {
        let rows: Vec<_> = items
            .iter()
            .map(|i| {
                json!({
                    "id": i.id, "queued": i.queued, "what": i.what, "to": i.to,
                    "collection": i.collection, "objects": i.objects,
                    "bytes": i.body.len(), "origin": i.origin,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(rows));
        return Ok(ExitCode::SUCCESS);
    }
    if items.is_empty() {
        println!("The share queue is empty.");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:<5} {:<24} {:<32} {:>7} {:>9}  TO",
        "ID", "QUEUED", "WHAT", "OBJECTS", "SIZE"
    );
    for i in &items {
        let what = if i.origin == Origin::Auto {
            format!("{} (auto)", i.what)
        } else {
            i.what.clone()
        };
        println!(
            "{:<5} {:<24} {:<32} {:>7} {:>9}  {} collection {}",
            i.id,
            i.queued,
            what,
            i.objects,
            size(i.body.len()),
            i.to,
            i.collection
        );
    }
    println!("`ward share queue show ID` shows exactly what would leave; `approve ID` sends it.");
    Ok(ExitCode::SUCCESS)
}

/// A byte count as people read it.
fn size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The queue item for a prepared share: its exact body and the preview a dry run shows.
pub fn queued_share(
    prepared: &Prepared,
    dest: &Destination,
    origin: Origin,
) -> anyhow::Result<QueuedShare> {
    Ok(QueuedShare {
        id: 0,
        queued: ward_member::journal::now().with_precision(0).to_string(),
        what: prepared.name.clone(),
        to: dest.to.clone(),
        collection: dest.collection.clone(),
        ca_cert: dest.ca_cert.clone(),
        objects: prepared.objects().len(),
        body: prepared.body()?,
        preview: preview(prepared, &dest.objects_url(), true),
        origin,
    })
}

/// `ward share FILE --queue`: keeps the scrubbed file in the queue instead of sending it.
pub fn enqueue_prepared(
    prepared: &Prepared,
    dest: &Destination,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let store = DataDir::new(&global.data).open_store()?;
    let item = queued_share(prepared, dest, Origin::Manual)?;
    let objects = item.objects;
    let id = share_queue::enqueue(&*store, item)?;
    if global.json {
        println!("{}", json!({ "queued": id, "objects": objects }));
    } else {
        println!(
            "Queued as {id}: {objects} STIX object(s) for {}; nothing was sent.\n\
             Look at it: `ward share queue show {id}`; send it: `ward share queue approve {id}` (with --token or WARD_TOKEN).",
            dest.objects_url()
        );
    }
    Ok(ExitCode::SUCCESS)
}
