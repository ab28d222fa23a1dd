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

mod members;
mod peer;
mod policy;
mod token;
mod vendors;

use policy::{apply_collection_policy, collection_shown, org_set, policy_command};
pub use policy::{CollectionPolicyArgs, OrgPolicyArgs, PolicyCommand};
use token::{find_token, parse_expiry, token_list};

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create the hub store at --data (or in the empty --database); every other admin
    /// command and `ward serve` refuse to run on a folder or database without one
    Init,
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
    /// The sharing policy: default TLP, what the scrubber changed, who submitted what
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Copy the embedded store in DIR into an empty PostgreSQL database, then compare counts
    /// and checksums (exit 2 when they differ)
    Migrate(MigrateArgs),
    /// Copy the embedded store to one file while the hub may be serving (SQLite's online
    /// backup; a PostgreSQL store is backed up with pg_dump)
    Backup(super::admin_ops::BackupArgs),
    /// Put a backup in place as the store at --data (refuses a non-empty store without
    /// --force; checks the file is a ward store this ward reads first)
    Restore(super::admin_ops::RestoreArgs),
    /// Counts and checksums of the store, per kind of record and per collection, or how
    /// they compare with another store (exit 1 when they differ)
    Verify(super::admin_ops::VerifyArgs),
    /// Query the audit log of `ward serve` (by organization, object, time)
    Audit(super::admin_ops::AuditArgs),
    /// How many members depend on each vendor they registered (`ward vendors publish`);
    /// never which, and no count under 3. --notice-max-age sets how long a vendor incident
    /// notice is listed to members (30 days by default)
    Vendors(vendors::VendorsArgs),
    /// Hub-to-hub sync: other TAXII 2.1 servers this hub pulls from and pushes to
    #[command(subcommand)]
    Peer(peer::PeerCommand),
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
    /// Admit an organization, optionally placing it in collections; nothing is created
    /// when any argument is wrong
    Add {
        name: String,
        #[command(flatten)]
        policy: OrgPolicyArgs,
        /// Collections (titles or ids, comma-separated) it may read
        #[arg(long, value_delimiter = ',', value_name = "COLLECTIONS")]
        read: Vec<String>,
        /// Collections (titles or ids, comma-separated) it may write
        #[arg(long, value_delimiter = ',', value_name = "COLLECTIONS")]
        write: Vec<String>,
    },
    /// Change an organization's sharing settings
    Set {
        #[arg(value_name = "NAME|ID")]
        name: String,
        #[command(flatten)]
        policy: OrgPolicyArgs,
    },
    /// List organizations
    List,
    /// Remove an organization with its users and tokens; what it shared stays, served as
    /// the hub's, unless --delete-objects
    Remove {
        #[arg(value_name = "NAME|ID")]
        org: String,
        /// Also delete every object version it submitted
        #[arg(long)]
        delete_objects: bool,
    },
    /// Stop its users from signing in (TAXII answers 401); its data stays
    Disable {
        #[arg(value_name = "NAME|ID")]
        org: String,
    },
    /// Undo `org disable`
    Enable {
        #[arg(value_name = "NAME|ID")]
        org: String,
    },
    /// Give an organization a new name (unique whatever its case)
    Rename {
        #[arg(value_name = "NAME|ID")]
        org: String,
        new_name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user to an organization
    Add {
        /// The organization's name or id
        #[arg(long, value_name = "NAME|ID")]
        org: String,
        name: String,
        /// Read a password for HTTP Basic from the first line of standard input (without it
        /// the user signs in with API tokens only)
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users and their organizations
    List,
    /// Change or remove a user's password; every hub sharing the store stops accepting the
    /// old one at once
    #[command(alias = "set-password")]
    Password {
        name: String,
        /// Read the new password from the first line of standard input
        #[arg(long, conflicts_with = "remove", required_unless_present = "remove")]
        password_stdin: bool,
        /// Remove the password: the user signs in with API tokens only
        #[arg(long)]
        remove: bool,
    },
    /// Remove a user and its tokens (what it posted stays, as its organization's)
    Remove { name: String },
    /// Stop a user from signing in, by password or token; nothing of it is removed
    Disable { name: String },
    /// Undo `user disable`
    Enable { name: String },
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
        /// When the token stops working: a duration from now (`90d`, `12h`, `30m`, `2w`) or
        /// an RFC 3339 date (`2027-01-31` or `2027-01-31T12:00:00Z`); never by default
        #[arg(long, value_name = "WHEN")]
        expires: Option<String>,
    },
    /// List tokens: id, user, label, created, last used, expiry (never the token itself)
    List,
    /// Revoke a token by its id (from `token list`) or its label; every hub sharing the store
    /// refuses it from the next request on
    Revoke {
        #[arg(value_name = "ID|LABEL")]
        token: String,
    },
    /// Replace a token (by id or label) with a new one for the same user, label and expiry;
    /// the old one is refused from the same moment on. The new token is printed once
    Rotate {
        #[arg(value_name = "ID|LABEL")]
        token: String,
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
        #[command(flatten)]
        policy: CollectionPolicyArgs,
    },
    /// Change who reads and writes a collection, and its sharing settings
    Set {
        #[arg(value_name = "TITLE|ID")]
        id: String,
        /// Replace its readers (organization names or ids, comma-separated; "" for none)
        #[arg(long, value_delimiter = ',', value_name = "ORGS")]
        read: Option<Vec<String>>,
        /// Replace its writers (organization names or ids, comma-separated; "" for none)
        #[arg(long, value_delimiter = ',', value_name = "ORGS")]
        write: Option<Vec<String>>,
        #[command(flatten)]
        policy: CollectionPolicyArgs,
    },
    /// List collections with their readers and writers
    List,
    /// Remove a collection; one that holds objects only with --force (they go with it)
    Remove {
        #[arg(value_name = "TITLE|ID")]
        id: String,
        /// Remove it with every object version it holds
        #[arg(long)]
        force: bool,
    },
}

/// Opens the hub store that `--data`/`--database` name. Unless `create`, a folder or
/// database without a store is an error naming it (a mistyped `--data` must not become an
/// empty hub); a schema upgrade done on the way is said on stderr, with its backup.
pub fn open_store(global: &Global, create: bool) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(url) = &global.database {
        if !is_postgres_url(url) {
            bail!(
                "--database {}: expected a postgres:// or postgresql:// URL",
                redact_url(url)
            );
        }
        let options = ward_store_pg::PgOptions {
            create,
            ..ward_store_pg::PgOptions::default()
        };
        let store = PgStore::open_with(url, &options).context("opening the PostgreSQL store")?;
        if let Some(up) = store.upgrade() {
            eprintln!(
                "ward: upgraded the store schema of {} from version {} to {}; the version {} \
                 tables were copied first to {} (drop it once the upgrade has proved itself)",
                store.url(),
                up.from,
                up.to,
                up.from,
                up.backup.as_deref().unwrap_or("nowhere")
            );
        }
        return Ok(Arc::new(store));
    }
    let store = if create {
        SqliteStore::open(&global.data)
    } else {
        SqliteStore::open_existing(&global.data)
    };
    let store = store.with_context(|| format!("opening the store in {}", global.data.display()))?;
    if let Some(up) = store.upgrade() {
        let backup = up.backup.as_ref().map_or_else(String::new, |b| {
            format!("; the version {} copy is {b}", up.from)
        });
        eprintln!(
            "ward: upgraded the store schema of {} from version {} to {}{backup}",
            store.path().display(),
            up.from,
            up.to
        );
    }
    Ok(Arc::new(store))
}

/// One line saying which store is open: its absolute path or redacted URL, its schema
/// version and how many objects (latest versions) its collections hold.
pub fn describe_store(store: &dyn Store, global: &Global) -> anyhow::Result<String> {
    let mut objects = 0u64;
    for c in store.collections().context("listing collections")? {
        objects += store
            .count_objects(&c.id)
            .with_context(|| format!("counting the objects of collection {}", c.id))?;
    }
    let (what, schema) = match &global.database {
        Some(url) => (
            format!("PostgreSQL store {}", redact_url(url)),
            ward_store_pg::SCHEMA_VERSION,
        ),
        None => {
            let file = global.data.join(ward_store::DB_FILE);
            let file = std::path::absolute(&file).unwrap_or(file);
            (
                format!("SQLite store {}", file.display()),
                ward_store::SCHEMA_VERSION,
            )
        }
    };
    Ok(format!(
        "{what}, schema version {schema}, {objects} objects"
    ))
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
    if !args.from.join(ward_store::DB_FILE).is_file() {
        bail!(
            "--from {}: expected a folder holding an embedded store ({})",
            args.from.display(),
            ward_store::DB_FILE
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
            ("submitters", report.submissions),
            ("settings", report.settings),
            ("scrub records", report.scrub_records),
            ("tokens", report.tokens),
            ("statuses", report.statuses),
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

// Long because: one match arm per admin subcommand, each a store call and a print.
pub fn run(cmd: AdminCommand, global: &Global) -> anyhow::Result<ExitCode> {
    // Migration names both of its stores itself; --data/--database play no part.
    if let AdminCommand::Migrate(args) = &cmd {
        return migrate(args, global);
    }
    if let AdminCommand::Init = &cmd {
        let store = open_store(global, true)?;
        let line = describe_store(store.as_ref(), global)?;
        if global.json {
            print_json(json!({ "store": line }));
        } else {
            println!("{line}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    // These open (or refuse to create) their stores themselves.
    match &cmd {
        AdminCommand::Backup(args) => return super::admin_ops::backup(args, global),
        AdminCommand::Restore(args) => return super::admin_ops::restore(args, global),
        AdminCommand::Verify(args) => return super::admin_ops::verify(args, global),
        AdminCommand::Audit(args) => return super::admin_ops::audit(args, global),
        _ => {}
    }
    let store = open_store(global, false)?;
    match cmd {
        AdminCommand::Init => {}
        AdminCommand::Migrate(args) => return migrate(&args, global),
        AdminCommand::Backup(args) => return super::admin_ops::backup(&args, global),
        AdminCommand::Restore(args) => return super::admin_ops::restore(&args, global),
        AdminCommand::Verify(args) => return super::admin_ops::verify(&args, global),
        AdminCommand::Audit(args) => return super::admin_ops::audit(&args, global),
        AdminCommand::Policy(cmd) => return policy_command(cmd, store.clone(), global),
        AdminCommand::Vendors(args) => return vendors::counts(store.as_ref(), &args, global),
        AdminCommand::Peer(cmd) => return peer::run(cmd, store.clone(), global),
        AdminCommand::Org(OrgCommand::Set { name, policy }) => {
            let org = members::resolve_org(store.as_ref(), &name)?;
            return org_set(store.as_ref(), &org.name, &policy, global);
        }
        AdminCommand::Collection(CollectionCommand::Set {
            id,
            read,
            write,
            policy,
        }) => {
            let collection = members::resolve_collection(store.as_ref(), &id)?;
            let policy = policy.resolved(store.as_ref())?;
            let readers = read
                .map(|r| members::org_ids(store.as_ref(), &r))
                .transpose()
                .context("--read")?;
            let writers = write
                .map(|w| members::org_ids(store.as_ref(), &w))
                .transpose()
                .context("--write")?;
            // Readers, writers and sharing settings, all checked first, change in one commit.
            let settings = ward_policy::settings::collection_change_settings(
                store.as_ref(),
                &collection.id,
                &policy::collection_change(&policy),
            )
            .with_context(|| format!("sharing settings of collection {:?}", collection.title))?;
            store
                .change_members(&ward_store::MemberChange::SetCollectionAccess {
                    collection_id: collection.id.clone(),
                    readers,
                    writers,
                    settings,
                })
                .with_context(|| format!("changing collection {:?}", collection.title))?;
            return collection_shown(store.as_ref(), &collection.id, global);
        }
        AdminCommand::Collection(CollectionCommand::Remove { id, force }) => {
            return members::collection_remove(store.as_ref(), &id, force, global)
        }
        AdminCommand::Org(OrgCommand::Add {
            name,
            policy,
            read,
            write,
        }) => return members::org_add(store.as_ref(), &name, &policy, &read, &write, global),
        AdminCommand::Org(OrgCommand::Remove {
            org,
            delete_objects,
        }) => return members::org_remove(store.as_ref(), &org, delete_objects, global),
        AdminCommand::Org(OrgCommand::Disable { org }) => {
            return members::org_disable(store.as_ref(), &org, true, global)
        }
        AdminCommand::Org(OrgCommand::Enable { org }) => {
            return members::org_disable(store.as_ref(), &org, false, global)
        }
        AdminCommand::Org(OrgCommand::Rename { org, new_name }) => {
            return members::org_rename(store.as_ref(), &org, &new_name, global)
        }
        AdminCommand::User(UserCommand::Remove { name }) => {
            return members::user_remove(store.as_ref(), &name, global)
        }
        AdminCommand::User(UserCommand::Disable { name }) => {
            return members::user_disable(store.as_ref(), &name, true, global)
        }
        AdminCommand::User(UserCommand::Enable { name }) => {
            return members::user_disable(store.as_ref(), &name, false, global)
        }
        AdminCommand::Token(TokenCommand::Rotate { token }) => {
            return members::token_rotate(store.as_ref(), &token, global)
        }
        AdminCommand::Org(OrgCommand::List) => {
            let orgs = store.orgs()?;
            let (off, _) = store.disabled()?;
            if global.json {
                let rows: Vec<_> = orgs
                    .iter()
                    .map(|o| json!({ "id": o.id, "name": o.name, "disabled": off.contains(&o.id) }))
                    .collect();
                print_json(json!(rows));
            } else {
                for org in orgs {
                    let mark = if off.contains(&org.id) {
                        "\tdisabled"
                    } else {
                        ""
                    };
                    println!("{}\t{}{mark}", org.id, org.name);
                }
            }
        }
        AdminCommand::User(UserCommand::Add {
            org,
            name,
            password_stdin,
        }) => {
            let org = members::resolve_org(store.as_ref(), &org).context("--org")?;
            let users = store.users()?;
            members::refuse_taken("user", &name, users.iter().map(|u| u.name.as_str()))?;
            let hash = if password_stdin {
                Some(hash_password(&read_password()?)?)
            } else {
                None
            };
            let org = org.name;
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
            let (orgs_off, users_off) = store.disabled()?;
            let off =
                |u: &ward_store::User| users_off.contains(&u.id) || orgs_off.contains(&u.org_id);
            if global.json {
                let rows: Vec<_> = users
                    .iter()
                    .map(|u| {
                        json!({ "id": u.id, "name": u.name, "org_id": u.org_id,
                                     "org_name": u.org_name, "disabled": off(u) })
                    })
                    .collect();
                print_json(json!(rows));
            } else {
                for u in &users {
                    let mark = if off(u) { "\tdisabled" } else { "" };
                    println!("{}\t{}\t{}{mark}", u.id, u.name, u.org_name);
                }
            }
        }
        AdminCommand::User(UserCommand::Password {
            name,
            password_stdin,
            remove,
        }) => {
            let hash = if remove || !password_stdin {
                None
            } else {
                Some(hash_password(&read_password()?)?)
            };
            store
                .set_password(&name, hash.as_deref())
                .with_context(|| format!("changing the password of {name:?}"))?;
            if global.json {
                print_json(json!({ "user": name, "password": hash.is_some() }));
            } else if hash.is_some() {
                eprintln!("password of {name:?} changed");
            } else {
                eprintln!("password of {name:?} removed; it signs in with tokens only");
            }
        }
        AdminCommand::Token(TokenCommand::Create {
            user,
            label,
            expires,
        }) => {
            let expires = expires
                .as_deref()
                .map(|text| parse_expiry(text, chrono::Utc::now()))
                .transpose()?;
            let token = new_token()?;
            store
                .add_token_expiring(&user, &token_hash(&token), &label, expires)
                .with_context(|| format!("creating a token for {user:?}"))?;
            let expires = expires.map(|e| ward_stix::Timestamp::from_micros(e).to_string());
            if global.json {
                print_json(
                    json!({ "user": user, "label": label, "token": token, "expires": expires }),
                );
            } else {
                match &expires {
                    Some(e) => eprintln!(
                        "token for {user:?}, valid until {e}; it is shown this once, store it now:"
                    ),
                    None => eprintln!("token for {user:?}; it is shown this once, store it now:"),
                }
                println!("{token}");
            }
        }
        AdminCommand::Token(TokenCommand::List) => token_list(store.as_ref(), global)?,
        AdminCommand::Token(TokenCommand::Revoke { token }) => {
            let found = find_token(store.as_ref(), &token)?;
            store
                .revoke_token(&found.hash)
                .with_context(|| format!("revoking token {}", found.id()))?;
            if global.json {
                print_json(json!({ "revoked": found.id(), "label": found.label }));
            } else {
                eprintln!("token {} ({:?}) revoked", found.id(), found.label);
            }
        }
        AdminCommand::Collection(CollectionCommand::Add {
            title,
            description,
            read,
            write,
            policy,
        }) => {
            let collections = store.collections()?;
            members::refuse_taken(
                "collection",
                &title,
                collections.iter().map(|c| c.title.as_str()),
            )?;
            let policy = policy.resolved(store.as_ref())?;
            let names = |list: Vec<String>| -> anyhow::Result<Vec<String>> {
                list.iter()
                    .map(|n| members::resolve_org(store.as_ref(), n).map(|o| o.name))
                    .collect()
            };
            let collection = store
                .create_collection(&NewCollection {
                    title: title.clone(),
                    description,
                    readers: names(read).context("--read")?,
                    writers: names(write).context("--write")?,
                })
                .with_context(|| format!("creating collection {title:?}"))?;
            apply_collection_policy(store.as_ref(), &collection.id, &policy)?;
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

/// The first line of standard input, for `--password-stdin`.
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        bail!("--password-stdin: expected a password on the first line of standard input");
    }
    Ok(password.to_string())
}
