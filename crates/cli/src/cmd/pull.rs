//! `ward pull` and `ward push`: the TAXII 2.1 client, into and out of the local store.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Args;
use serde_json::{json, Value};
use ward_feeds::taxii::{self, Auth, Client};

use crate::Global;

#[derive(Args, Debug)]
pub struct AuthArgs {
    /// Bearer token
    #[arg(long, env = "WARD_TOKEN", hide_env_values = true, conflicts_with_all = ["user", "api_key"])]
    pub token: Option<String>,
    /// User name for HTTP Basic (password from WARD_PASSWORD)
    #[arg(long, conflicts_with = "api_key")]
    pub user: Option<String>,
    /// API key sent in the header named by --api-key-header
    #[arg(long, env = "WARD_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Header that carries the API key
    #[arg(long, default_value = "X-API-Key", value_name = "NAME")]
    pub api_key_header: String,
    /// Also trust the CA certificates in this PEM file (a hub with a self-signed or
    /// private-CA certificate); the public roots stay trusted and verification stays on
    #[arg(long, env = "WARD_CA_CERT", value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
}

impl AuthArgs {
    /// The TAXII client these options describe.
    pub fn client(&self) -> anyhow::Result<Client> {
        Ok(Client::with_ca_cert(self.auth()?, self.ca_cert.as_deref())?)
    }

    fn auth(&self) -> anyhow::Result<Auth> {
        if let Some(t) = &self.token {
            return Ok(Auth::Bearer(t.clone()));
        }
        if let Some(user) = &self.user {
            let Ok(password) = std::env::var("WARD_PASSWORD") else {
                bail!("--user {user}: set the password in the WARD_PASSWORD environment variable");
            };
            return Ok(Auth::Basic {
                user: user.clone(),
                password,
            });
        }
        if let Some(key) = &self.api_key {
            return Ok(Auth::ApiKey {
                header: self.api_key_header.clone(),
                value: key.clone(),
            });
        }
        Ok(Auth::None)
    }
}

const PULL_HELP: &str = "\
Pulls a TAXII 2.1 collection into the local store, one page at a time, and resumes where the \
last pull of the same server and collection stopped. The collection id is a UUID the hub's \
operator gives you; `--list` shows the collections your token can see.

Examples:
  ward pull --from https://hub.example.org/taxii2/api/ --token T --list
  ward pull --from https://hub.example.org/taxii2/api/ --token T --collection 3f9c...
  ward pull --from https://hub.example.org/taxii2/ --ca-cert hub-ca.pem --collection 3f9c...

Exit codes: 0 pulled (or listed); 2 the hub could not be reached, refused the token, or does \
not have the collection (one line saying which).";

#[derive(Args, Debug)]
#[command(after_long_help = PULL_HELP)]
pub struct PullArgs {
    /// TAXII API root or discovery URL
    #[arg(long, value_name = "URL")]
    pub from: String,
    /// Collection id (see --list)
    #[arg(long, value_name = "ID", required_unless_present = "list")]
    pub collection: Option<String>,
    /// List the collections this token can see (id, title, read/write) and stop
    #[arg(long, conflicts_with = "collection")]
    pub list: bool,
    #[command(flatten)]
    pub auth: AuthArgs,
    /// Objects asked for per page
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub page_size: usize,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// TAXII API root or discovery URL
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Collection id
    #[arg(long, value_name = "ID")]
    pub collection: String,
    #[command(flatten)]
    pub auth: AuthArgs,
    /// Seconds to wait for the server to finish processing
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    pub wait: u64,
    /// STIX bundle (or object, or list) to publish
    pub file: PathBuf,
}

/// One collection to pull.
struct PullOne {
    from: String,
    collection: String,
}

fn list_collections(client: &Client, from: &str, global: &Global) -> anyhow::Result<ExitCode> {
    let root = client.api_root(from)?;
    let collections = client.collections(&root)?;
    if global.json {
        println!(
            "{}",
            json!({ "api_root": root, "collections": collections })
        );
        return Ok(ExitCode::SUCCESS);
    }
    if collections.is_empty() {
        println!("{root}: this token can see no collection; ask the hub's operator for access");
        return Ok(ExitCode::SUCCESS);
    }
    println!("Collections at {root}:");
    for c in &collections {
        let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let flag = |k: &str| c.get(k).and_then(Value::as_bool).unwrap_or(false);
        let access = match (flag("can_read"), flag("can_write")) {
            (true, true) => "read, write",
            (true, false) => "read",
            (false, true) => "write",
            (false, false) => "no access",
        };
        println!("  {}  {}  ({access})", field("id"), field("title"));
    }
    println!("Pull one with: ward pull --from {from} --collection ID");
    Ok(ExitCode::SUCCESS)
}

pub fn run_pull(args: PullArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if args.page_size == 0 {
        bail!("--page-size: expected at least 1");
    }
    let mut client = args.auth.client()?;
    client.page_size = args.page_size;
    let Some(collection) = args.collection.clone() else {
        return list_collections(&client, &args.from, global);
    };
    let args = PullOne {
        from: args.from,
        collection,
    };
    let local = super::import::open_local(global)?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    let report = taxii::pull(&client, &local, &args.from, &args.collection, &mut |r| {
        if let Some(bar) = &bar {
            bar.set_message(format!(
                "{} objects received, {} new ({} pages)",
                r.received, r.new, r.pages
            ));
        }
    })
    .with_context(|| format!("pulling collection {} from {}", args.collection, args.from))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let data = ward_member::DataDir::new(&global.data);
    data.journal()?.record(ward_member::Run::Pull {
        server: report.api_root.clone(),
        collection: report.collection.clone(),
        objects: report.received as u64,
    })?;
    // What the hub says about the indicators the latest scan found, kept for the plan.
    let asked = data.refresh_hub_sightings(&client, &report.api_root, &args.collection)?;
    if global.json {
        println!("{}", json!(report));
    } else {
        println!(
            "pulled collection {} from {}: {} objects received in {} pages, {} new{}",
            report.collection,
            report.api_root,
            report.received,
            report.pages,
            report.new,
            if report.resumed {
                " (resumed an interrupted pull)"
            } else {
                ""
            }
        );
        for line in report.kept_out_of_block_lists.lines() {
            println!("{line}");
        }
        if asked > 0 {
            println!(
                "asked the hub how many members saw the {asked} indicator(s) found in your logs"
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_push(args: PushArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let input = crate::input::open(&args.file)?;
    let mut objects: Vec<Value> = Vec::new();
    ward_stix::document::read(input, &mut |item| {
        if let ward_stix::document::Item::Object(v, _) = item {
            objects.push(v);
        }
    })
    .with_context(|| {
        format!(
            "{}: expected a STIX bundle, object or list",
            args.file.display()
        )
    })?;
    if objects.is_empty() {
        bail!("{}: no STIX objects to push", args.file.display());
    }
    let client = args.auth.client()?;
    let report = taxii::push(
        &client,
        &args.to,
        &args.collection,
        &objects,
        Duration::from_secs(args.wait),
    )
    .with_context(|| format!("pushing to collection {} at {}", args.collection, args.to))?;
    if global.json {
        println!("{}", json!(report));
    } else {
        for f in &report.failures {
            eprintln!(
                "failed: {}{}: {}",
                f.id,
                f.version
                    .as_deref()
                    .map(|v| format!(" ({v})"))
                    .unwrap_or_default(),
                f.message.as_deref().unwrap_or("no reason given")
            );
        }
        for p in &report.pendings {
            eprintln!("still pending: {}", p.id);
        }
        println!(
            "pushed {} objects: {} accepted, {} failed, {} still pending",
            report.total, report.successes, report.failure_count, report.pending_count
        );
    }
    // Some objects refused is a negative answer, not bad input.
    Ok(if report.failure_count == 0 && report.pending_count == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
