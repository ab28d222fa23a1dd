//! `ward admin`: hub administration straight on the store at `--data` (no server needed).
//! The primary result (an id, a token) goes to stdout alone so scripts can capture it; the
//! explanation goes to stderr. With `--json`, stdout carries one JSON document.

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use clap::Subcommand;
use serde_json::json;
use ward_store::credentials::{hash_password, new_token, token_hash};
use ward_store::{NewCollection, SqliteStore, Store};
use ward_store_pg::{is_postgres_url, redact_url, PgStore};

use crate::Global;

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Organizations (members of the sharing community)
    #[command(subcommand)]
    Org(OrgCommand),
    /// Users belong to one organization
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens: shown once, stored hashed
    #[command(subcommand)]
    Token(TokenCommand),
    /// Collections and who may read or write them
    #[command(subcommand)]
    Collection(CollectionCommand),
    /// Copy the embedded store in DIR into an empty PostgreSQL database, then compare counts
    /// and checksums (exit 2 when they differ)
    Migrate(MigrateArgs),
}

#[derive(clap::Args, Debug)]
pub struct MigrateArgs {
    /// Folder of the embedded store to copy
    #[arg(long, value_name = "DIR")]
    pub from: std::path::PathBuf,
    /// postgres:// URL of the empty target database
    #[arg(long, value_name = "URL")]
    pub to: String,
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Admit an organization
    Add { name: String },
    /// List organizations
    List,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user to an organization
    Add {
        #[arg(long)]
        org: String,
        name: String,
        /// Read a password for HTTP Basic from the first line of standard input (without it
        /// the user signs in with API tokens only)
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users and their organizations
    List,
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a user (printed once)
    Create {
        #[arg(long)]
        user: String,
        /// A note saying what the token is for (e.g. "firewall sync")
        #[arg(long, default_value = "")]
        label: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum CollectionCommand {
    /// Create a collection
    Add {
        title: String,
        /// What the collection is for
        #[arg(long)]
        description: Option<String>,
        /// Organizations allowed to read (comma-separated)
        #[arg(long, value_delimiter = ',')]
        read: Vec<String>,
        /// Organizations allowed to write (comma-separated)
        #[arg(long, value_delimiter = ',')]
        write: Vec<String>,
    },
    /// List collections with their readers and writers
    List,
}

/// Opens the hub store that `--data`/`--database` name.
pub fn open_store(global: &Global) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(url) = &global.database {
        if !is_postgres_url(url) {
            bail!(
                "--database {}: expected a postgres:// or postgresql:// URL",
                redact_url(url)
            );
        }
        let store = PgStore::open(url).context("opening the PostgreSQL store")?;
        return Ok(Arc::new(store));
    }
    let store = SqliteStore::open(&global.data)
        .with_context(|| format!("opening the store in {}", global.data.display()))?;
    Ok(Arc::new(store))
}

fn print_json(value: serde_json::Value) {
    println!("{value}");
}

/// `ward admin migrate`: the library copies and compares; this prints the comparison.
fn migrate(args: &MigrateArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if !is_postgres_url(&args.to) {
        bail!(
            "--to {}: expected a postgres:// or postgresql:// URL",
            redact_url(&args.to)
        );
    }
    // Opening a folder without a store would create an empty one and "migrate" nothing.
    if !args.from.join("ward.db").is_file() {
        bail!(
            "--from {}: expected a folder holding an embedded store (ward.db)",
            args.from.display()
        );
    }
    let from = SqliteStore::open(&args.from)
        .with_context(|| format!("opening the store in {}", args.from.display()))?;
    let to = PgStore::open(&args.to).context("opening the PostgreSQL store")?;
    let report = ward_store_pg::migrate(&from, &to).context("migrating")?;
    if global.json {
        print_json(json!({ "matches": report.matches(), "report": report }));
    } else {
        let rows = [
            ("organizations", report.orgs),
            ("users", report.users),
            ("collections", report.collections),
            ("object versions", report.versions),
        ];
        println!("{:<16} {:>12} {:>12}", "", "source", "target");
        for (what, c) in rows {
            let mark = if c.source == c.target {
                ""
            } else {
                "  MISMATCH"
            };
            println!("{what:<16} {:>12} {:>12}{mark}", c.source, c.target);
        }
        println!("checksum source  {}", report.source_checksum);
        println!("checksum target  {}", report.target_checksum);
        for note in &report.not_migrated {
            eprintln!("not migrated: {note}");
        }
    }
    if report.matches() {
        eprintln!("migrated to {}: counts and checksum match", to.url());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "ward: migration to {}: counts or checksum differ; do not switch over",
            to.url()
        );
        Ok(ExitCode::from(2))
    }
}

pub fn run(cmd: AdminCommand, global: &Global) -> anyhow::Result<ExitCode> {
    // Migration names both of its stores itself; --data/--database play no part.
    if let AdminCommand::Migrate(args) = &cmd {
        return migrate(args, global);
    }
    let store = open_store(global)?;
    match cmd {
        AdminCommand::Migrate(args) => return migrate(&args, global),
        AdminCommand::Org(OrgCommand::Add { name }) => {
            let org = store
                .add_org(&name)
                .with_context(|| format!("adding organization {name:?}"))?;
            if global.json {
                print_json(json!(org));
            } else {
                eprintln!("organization {:?} admitted", org.name);
                println!("{}", org.id);
            }
        }
        AdminCommand::Org(OrgCommand::List) => {
            let orgs = store.orgs()?;
            if global.json {
                print_json(json!(orgs));
            } else {
                for org in orgs {
                    println!("{}\t{}", org.id, org.name);
                }
            }
        }
        AdminCommand::User(UserCommand::Add {
            org,
            name,
            password_stdin,
        }) => {
            let hash = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .context("reading the password from standard input")?;
                let password = line.trim_end_matches(['\r', '\n']);
                if password.is_empty() {
                    bail!(
                        "--password-stdin: expected a password on the first line of standard input"
                    );
                }
                Some(hash_password(password)?)
            } else {
                None
            };
            let user = store
                .add_user(&org, &name, hash.as_deref())
                .with_context(|| format!("adding user {name:?} to {org:?}"))?;
            if global.json {
                print_json(json!(user));
            } else {
                eprintln!("user {:?} added to {:?}", user.name, user.org_name);
                println!("{}", user.id);
            }
        }
        AdminCommand::User(UserCommand::List) => {
            let users = store.users()?;
            if global.json {
                print_json(json!(users));
            } else {
                for u in users {
                    println!("{}\t{}\t{}", u.id, u.name, u.org_name);
                }
            }
        }
        AdminCommand::Token(TokenCommand::Create { user, label }) => {
            let token = new_token()?;
            store
                .add_token(&user, &token_hash(&token), &label)
                .with_context(|| format!("creating a token for {user:?}"))?;
            if global.json {
                print_json(json!({ "user": user, "label": label, "token": token }));
            } else {
                eprintln!("token for {user:?}; it is shown this once, store it now:");
                println!("{token}");
            }
        }
        AdminCommand::Collection(CollectionCommand::Add {
            title,
            description,
            read,
            write,
        }) => {
            let collection = store
                .create_collection(&NewCollection {
                    title: title.clone(),
                    description,
                    readers: read,
                    writers: write,
                })
                .with_context(|| format!("creating collection {title:?}"))?;
            if global.json {
                print_json(json!(collection));
            } else {
                eprintln!("collection {:?} created", collection.title);
                println!("{}", collection.id);
            }
        }
        AdminCommand::Collection(CollectionCommand::List) => {
            let collections = store.collections()?;
            if global.json {
                print_json(json!(collections));
            } else {
                let orgs = store.orgs()?;
                let name = |id: &String| {
                    orgs.iter()
                        .find(|o| &o.id == id)
                        .map_or(id.clone(), |o| o.name.clone())
                };
                for c in collections {
                    let readers: Vec<String> = c.readers.iter().map(name).collect();
                    let writers: Vec<String> = c.writers.iter().map(name).collect();
                    println!(
                        "{}\t{}\tread: {}\twrite: {}",
                        c.id,
                        c.title,
                        readers.join(","),
                        writers.join(",")
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
