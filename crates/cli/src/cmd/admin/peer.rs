//! `ward admin peer`: the other TAXII servers this hub syncs with (ward-federation does the
//! work; this parses and prints).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use clap::Subcommand;
use serde_json::json;
use ward_federation::peers::{self, PeerConfig};
use ward_federation::Direction;
use ward_store::Store;

use super::members::resolve_collection;
use super::print_json;
use crate::Global;

#[derive(Subcommand, Debug)]
pub enum PeerCommand {
    /// Sync a collection with another TAXII 2.1 server (a ward hub, medallion, ...); `ward
    /// serve` runs it on its schedule. An organization named after the peer (or --org) stands
    /// for it on this hub: it is the submitter of what the peer sends, and what is pushed is
    /// what that organization may read (name it in an AMBER audience to push AMBER).
    #[command(after_help = "Examples:\n  \
        ward admin peer name isao-east\n  \
        ward admin peer add isac-national --url https://isac.example.org/taxii2/ \\\n      \
        --remote-collection 2f7c... --local-collection shared --direction both \\\n      \
        --every 15m --max-tlp-in amber --max-tlp-out green --token-file isac.token\n  \
        ward admin peer add community-misp --misp https://misp.example.org \\\n      \
        --api-key-file misp.key --local-collection shared --every 1h --since 30d")]
    Add(Box<AddArgs>),
    /// The peers, with their last success, last error and counts
    List,
    /// Stop syncing with a peer (what it sent stays)
    Remove { name: String },
    /// Sync now, once, with every peer or the one named; prints the counts (exit 1 when a
    /// peer failed)
    Sync { name: Option<String> },
    /// Show or set the name this hub goes by in the provenance of what it shares with
    /// peers (give each hub of a federation its own)
    Name { name: Option<String> },
}

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// The peer's name; for another ward hub, the name it gives itself (`ward admin peer
    /// name` there), which is how an object that passed through it is recognised
    pub name: String,
    /// The peer's discovery URL or API root (a TAXII 2.1 server)
    #[arg(long, required_unless_present = "misp", conflicts_with = "misp")]
    pub url: Option<String>,
    /// A MISP instance's address instead of --url: its events are pulled through its REST
    /// API (/events/restSearch) with --api-key-file, read as `ward pull-misp` reads them
    #[arg(long, value_name = "URL", requires = "api_key_file")]
    pub misp: Option<String>,
    /// Collection id on the peer (not for --misp)
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "misp",
        conflicts_with = "misp"
    )]
    pub remote_collection: Option<String>,
    /// Collection on this hub (id or title)
    #[arg(long, value_name = "ID")]
    pub local_collection: String,
    /// pull (peer to here), push (here to peer) or both (a --misp peer pulls only)
    #[arg(long, value_name = "DIRECTION", required_unless_present = "misp")]
    pub direction: Option<String>,
    /// How often `ward serve` syncs (s, m, h, d; at least 10s)
    #[arg(long, default_value = "15m")]
    pub every: String,
    /// Highest TLP accepted from the peer: clear, green or amber
    #[arg(long, default_value = "amber")]
    pub max_tlp_in: String,
    /// Highest TLP sent to the peer: clear, green or amber (AMBER only to a peer named in
    /// the object's or collection's AMBER audience; AMBER+STRICT and RED never)
    #[arg(long, default_value = "green")]
    pub max_tlp_out: String,
    /// File holding the API token for the peer (read at each sync, never stored)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["user", "password_file", "misp"])]
    pub token_file: Option<PathBuf>,
    /// File holding the MISP API key, alone on its first line (read at each sync, never
    /// stored); with --misp
    #[arg(long, value_name = "FILE", requires = "misp", conflicts_with_all = ["user", "password_file"])]
    pub api_key_file: Option<PathBuf>,
    /// With --misp: only events with one of these tags (comma-separated, as MISP writes them)
    #[arg(long, value_delimiter = ',', requires = "misp")]
    pub tags: Vec<String>,
    /// With --misp: how far back the first run asks (7d, 12h, 30m or a date such as
    /// 2026-11-01); later runs ask from the newest event seen
    #[arg(long, requires = "misp", default_value = "7d")]
    pub since: String,
    /// User name for HTTP Basic, with --password-file
    #[arg(long, value_name = "USER", requires = "password_file")]
    pub user: Option<String>,
    /// File holding the password (read at each sync, never stored)
    #[arg(long, value_name = "FILE", requires = "user")]
    pub password_file: Option<PathBuf>,
    /// PEM file of the CA that signed the peer's certificate
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// The organization standing for the peer (default: one named like the peer,
    /// admitted if there is none)
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
}

fn micros_text(t: Option<i64>) -> String {
    t.map_or_else(
        || "never".to_string(),
        |t| ward_stix::Timestamp::from_micros(t).to_string(),
    )
}

fn check_readable(path: &Option<PathBuf>, option: &str) -> anyhow::Result<()> {
    if let Some(p) = path {
        std::fs::metadata(p).with_context(|| format!("{option} {}", p.display()))?;
    }
    Ok(())
}

pub(super) fn run(
    cmd: PeerCommand,
    store: Arc<dyn Store>,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    match cmd {
        PeerCommand::Add(args) => {
            let AddArgs {
                name,
                url,
                misp,
                remote_collection,
                local_collection,
                direction,
                every,
                max_tlp_in,
                max_tlp_out,
                token_file,
                api_key_file,
                tags,
                since,
                user,
                password_file,
                ca_cert,
                org,
            } = *args;
            let every = peers::parse_every(&every)?;
            peers::parse_ceiling("--max-tlp-in", &max_tlp_in)?;
            peers::parse_ceiling("--max-tlp-out", &max_tlp_out)?;
            let (url, remote_collection, direction, misp) = match (misp, url) {
                (Some(misp), _) => {
                    if direction.as_deref().is_some_and(|d| d != "pull") {
                        bail!("--direction: a MISP peer is pulled only (the hub's MISP feed is how a MISP instance reads the hub)");
                    }
                    if !(misp.starts_with("http://") || misp.starts_with("https://")) {
                        bail!("--misp {misp}: expected the MISP instance's https:// address");
                    }
                    let now = ward_stix::Timestamp::now().as_micros() / 1_000_000;
                    let since = ward_feeds::misp_rest::since_seconds(&since, now)
                        .map_err(anyhow::Error::msg)?;
                    let source = peers::MispSource { tags, since };
                    let url = misp.trim_end_matches('/').to_string();
                    (url, String::new(), Direction::Pull, Some(source))
                }
                (None, Some(url)) => {
                    if !(url.starts_with("http://") || url.starts_with("https://")) {
                        bail!("--url {url}: expected an http:// or https:// URL of a discovery document or API root");
                    }
                    let remote_collection = remote_collection.unwrap_or_default();
                    if remote_collection.trim().is_empty() {
                        bail!("--remote-collection: expected a collection id");
                    }
                    let direction = Direction::parse(direction.as_deref().unwrap_or(""))?;
                    (url, remote_collection, direction, None)
                }
                (None, None) => bail!("--url or --misp: expected the peer's address"),
            };
            let key_option = if misp.is_some() {
                "--api-key-file"
            } else {
                "--token-file"
            };
            let token_file = token_file.or(api_key_file);
            check_readable(&token_file, key_option)?;
            check_readable(&password_file, "--password-file")?;
            check_readable(&ca_cert, "--ca-cert")?;
            let local = resolve_collection(store.as_ref(), &local_collection)
                .context("--local-collection")?;
            let config = PeerConfig {
                name,
                url,
                remote_collection,
                local_collection: local.id,
                direction,
                every_secs: every.as_secs(),
                max_tlp_in: max_tlp_in.to_ascii_lowercase(),
                max_tlp_out: max_tlp_out.to_ascii_lowercase(),
                org_id: String::new(),
                token_file: token_file.map(absolute),
                user,
                password_file: password_file.map(absolute),
                ca_cert: ca_cert.map(absolute),
                misp,
            };
            let config = peers::add(store.as_ref(), config, org.as_deref())?;
            if global.json {
                print_json(json!(config));
            } else {
                eprintln!(
                    "peer {:?} added: {} {} every {}s; it syncs when `ward serve` runs, or now \
                     with `ward admin peer sync {}`",
                    config.name,
                    config.direction.as_str(),
                    config.url,
                    config.every_secs,
                    config.name
                );
                println!("{}", config.name);
            }
        }
        PeerCommand::List => {
            let mut rows = Vec::new();
            for config in peers::list(store.as_ref())? {
                let state = peers::state(store.as_ref(), &config.name)?;
                rows.push((config, state));
            }
            if global.json {
                let rows: Vec<_> = rows
                    .iter()
                    .map(|(c, s)| {
                        json!({
                            "config": c,
                            "last_attempt": s.last_attempt.map(|t| ward_stix::Timestamp::from_micros(t).to_string()),
                            "last_success": s.last_success.map(|t| ward_stix::Timestamp::from_micros(t).to_string()),
                            "last_error": s.last_error,
                            "failures_in_a_row": s.failures,
                            "last_run": s.last_run,
                            "total": s.total,
                        })
                    })
                    .collect();
                print_json(json!(rows));
            } else if rows.is_empty() {
                eprintln!("no peers; add one with `ward admin peer add`");
            } else {
                println!("this hub is {:?}", peers::hub_name(store.as_ref())?);
                for (c, s) in rows {
                    let remote = match &c.misp {
                        Some(_) => "MISP events".to_string(),
                        None => format!("remote {}", c.remote_collection),
                    };
                    println!(
                        "{}\t{}\t{}\t{remote} local {}\tevery {}s\tin <= {} out <= {}",
                        c.name,
                        c.direction.as_str(),
                        c.url,
                        c.local_collection,
                        c.every_secs,
                        c.max_tlp_in,
                        c.max_tlp_out
                    );
                    println!(
                        "\tlast success {}; last error {}",
                        micros_text(s.last_success),
                        s.last_error.as_deref().unwrap_or("none")
                    );
                    println!("\tin total: {}", s.total);
                }
            }
        }
        PeerCommand::Remove { name } => {
            let config = peers::remove(store.as_ref(), &name)?;
            if global.json {
                print_json(json!({ "removed": config.name }));
            } else {
                eprintln!(
                    "peer {:?} removed; what it sent stays, its organization too",
                    config.name
                );
            }
        }
        PeerCommand::Sync { name } => {
            let policy =
                ward_policy::Policy::new(store.clone()).context("loading the sharing policy")?;
            let reports = ward_federation::sync::sync_all(store, &policy, name.as_deref())?;
            let failed = reports.iter().any(|r| r.error.is_some());
            if global.json {
                print_json(json!(reports));
            } else {
                if reports.is_empty() {
                    eprintln!("no peers; add one with `ward admin peer add`");
                }
                for r in &reports {
                    println!("{}: {}", r.peer, r.stats);
                    if let Some(e) = &r.error {
                        eprintln!("ward: {e}");
                    }
                }
            }
            if failed {
                return Ok(ExitCode::from(1));
            }
        }
        PeerCommand::Name { name } => {
            if let Some(name) = name {
                peers::set_hub_name(store.as_ref(), &name)?;
                eprintln!("this hub now goes by {name:?} in provenance");
            }
            let name = peers::hub_name(store.as_ref())?;
            if global.json {
                print_json(json!({ "name": name }));
            } else {
                println!("{name}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Paths are kept absolute: `ward serve` may run from another folder.
fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}
