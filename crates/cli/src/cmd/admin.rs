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
    Add {
        name: String,
        #[command(flatten)]
        policy: OrgPolicyArgs,
    },
    /// Change an organization's sharing settings
    Set {
        name: String,
        #[command(flatten)]
        policy: OrgPolicyArgs,
    },
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
    /// Change or remove a user's password; every hub sharing the store stops accepting the
    /// old one at once
    Password {
        name: String,
        /// Read the new password from the first line of standard input
        #[arg(long, conflicts_with = "remove", required_unless_present = "remove")]
        password_stdin: bool,
        /// Remove the password: the user signs in with API tokens only
        #[arg(long)]
        remove: bool,
    },
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
    /// Change a collection's sharing settings
    Set {
        id: String,
        #[command(flatten)]
        policy: CollectionPolicyArgs,
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
    // These open (or refuse to create) their stores themselves.
    match &cmd {
        AdminCommand::Backup(args) => return super::admin_ops::backup(args, global),
        AdminCommand::Restore(args) => return super::admin_ops::restore(args, global),
        AdminCommand::Verify(args) => return super::admin_ops::verify(args, global),
        AdminCommand::Audit(args) => return super::admin_ops::audit(args, global),
        _ => {}
    }
    let store = open_store(global)?;
    match cmd {
        AdminCommand::Migrate(args) => return migrate(&args, global),
        AdminCommand::Backup(args) => return super::admin_ops::backup(&args, global),
        AdminCommand::Restore(args) => return super::admin_ops::restore(&args, global),
        AdminCommand::Verify(args) => return super::admin_ops::verify(&args, global),
        AdminCommand::Audit(args) => return super::admin_ops::audit(&args, global),
        AdminCommand::Policy(cmd) => return policy_command(cmd, store.clone(), global),
        AdminCommand::Org(OrgCommand::Set { name, policy }) => {
            return org_set(store.as_ref(), &name, &policy, global)
        }
        AdminCommand::Collection(CollectionCommand::Set { id, policy }) => {
            return collection_set(store.as_ref(), &id, &policy, global)
        }
        AdminCommand::Org(OrgCommand::Add { name, policy }) => {
            let org = store
                .add_org(&name)
                .with_context(|| format!("adding organization {name:?}"))?;
            apply_org_policy(store.as_ref(), &name, &policy)?;
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
                Some(hash_password(&read_password()?)?)
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
            let collection = store
                .create_collection(&NewCollection {
                    title: title.clone(),
                    description,
                    readers: read,
                    writers: write,
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

/// `--expires`: a duration from `now` (`90d`, `12h`, `30m`, `2w`) or an RFC 3339 date or
/// date-time; microseconds since the epoch, in the future.
fn parse_expiry(text: &str, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<i64> {
    let bad = || {
        anyhow::anyhow!(
            "--expires {text}: expected a duration such as 90d, 12h, 30m or 2w, or an RFC 3339 \
             date such as 2027-01-31 or 2027-01-31T12:00:00Z"
        )
    };
    let text = text.trim();
    let at = if let Some(unit) = text.chars().last().filter(|c| "wdhm".contains(*c)) {
        let n: i64 = text[..text.len() - 1].parse().map_err(|_| bad())?;
        let seconds = match unit {
            'w' => 7 * 86_400,
            'd' => 86_400,
            'h' => 3_600,
            _ => 60,
        };
        let span = n
            .checked_mul(seconds)
            .and_then(chrono::Duration::try_seconds)
            .filter(|_| n > 0)
            .ok_or_else(bad)?;
        now.checked_add_signed(span).ok_or_else(bad)?
    } else if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        t.with_timezone(&chrono::Utc)
    } else {
        let day = crate::input::day(text).ok_or_else(bad)?;
        day.and_hms_opt(0, 0, 0).ok_or_else(bad)?.and_utc()
    };
    if at <= now {
        bail!("--expires {text}: that moment has passed");
    }
    Ok(at.timestamp_micros())
}

/// The one token that `wanted` names: its id (or a longer prefix of its hash), else its label.
fn find_token(store: &dyn Store, wanted: &str) -> anyhow::Result<ward_store::TokenRecord> {
    let tokens = store.tokens()?;
    let lower = wanted.to_ascii_lowercase();
    let by_id: Vec<_> = tokens
        .iter()
        .filter(|t| lower.len() >= 8 && t.hash.starts_with(&lower))
        .collect();
    let matches = if by_id.is_empty() {
        tokens.iter().filter(|t| t.label == wanted).collect()
    } else {
        by_id
    };
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => bail!("{wanted}: no token has that id or label (see `ward admin token list`)"),
        many => bail!(
            "{wanted}: {} tokens have that label; revoke one by its id: {}",
            many.len(),
            many.iter().map(|t| t.id()).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn token_list(store: &dyn Store, global: &Global) -> anyhow::Result<()> {
    let users = store.users()?;
    let name = |id: &str| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or(id.to_string(), |u| u.name.clone())
    };
    let when = |t: Option<i64>| t.map(|t| ward_stix::Timestamp::from_micros(t).to_string());
    let tokens = store.tokens()?;
    if global.json {
        let rows: Vec<serde_json::Value> = tokens
            .iter()
            .map(|t| {
                json!({
                    "id": t.id(),
                    "user": name(&t.user_id),
                    "label": t.label,
                    "created": when(Some(t.created)),
                    "last_used": when(t.last_used),
                    "expires": when(t.expires),
                })
            })
            .collect();
        print_json(json!(rows));
    } else {
        println!("id\tuser\tlabel\tcreated\tlast used\texpires");
        for t in &tokens {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                t.id(),
                name(&t.user_id),
                t.label,
                when(Some(t.created)).unwrap_or_default(),
                when(t.last_used).unwrap_or_else(|| "never".into()),
                when(t.expires).unwrap_or_else(|| "never".into()),
            );
        }
    }
    Ok(())
}

// --- sharing policy (ward-policy does the work; this only parses and prints) ------------

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

#[derive(Subcommand, Debug)]
pub enum PolicyCommand {
    /// Set the TLP of objects posted without a TLP marking (GREEN unless set)
    DefaultTlp {
        #[arg(value_name = "clear|green|amber|amber+strict|red")]
        level: String,
    },
    /// Show the hub's policy settings
    Show,
    /// What the scrubber changed in posted objects (kinds and places, never the text),
    /// filtered by time, organization, kind and collection, or summed up
    ScrubLog(super::admin_ops::ScrubLogArgs),
    /// Re-check stored objects with the current scrubber (after an upgrade) and report what
    /// it would remove now (exit 1 when anything)
    Rescan(super::admin_ops::RescanArgs),
    /// Serve an object quarantined by `rescan --quarantine` again
    Release { object_id: String },
    /// Who submitted an object (private to the operator)
    Submitter { object_id: String },
}

fn org_change(args: &OrgPolicyArgs) -> anyhow::Result<ward_policy::OrgChange> {
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

fn apply_org_policy(store: &dyn Store, name: &str, args: &OrgPolicyArgs) -> anyhow::Result<()> {
    let change = org_change(args)?;
    ward_policy::settings::change_org(store, name, &change)
        .with_context(|| format!("sharing settings of {name:?}"))?;
    Ok(())
}

fn org_set(
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

fn collection_change(args: &CollectionPolicyArgs) -> ward_policy::CollectionChange {
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

fn apply_collection_policy(
    store: &dyn Store,
    id: &str,
    args: &CollectionPolicyArgs,
) -> anyhow::Result<()> {
    ward_policy::settings::change_collection(store, id, &collection_change(args))
        .with_context(|| format!("sharing settings of collection {id}"))?;
    Ok(())
}

fn collection_set(
    store: &dyn Store,
    id: &str,
    args: &CollectionPolicyArgs,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let settings = ward_policy::settings::change_collection(store, id, &collection_change(args))
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

fn policy_command(
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
            eprintln!("objects without a TLP marking are now treated as {tlp}");
        }
        PolicyCommand::Show => {
            let report = ward_policy::settings::describe(store)?;
            if global.json {
                print_json(report);
            } else {
                println!("{}", serde_json::to_string_pretty(&report)?);
            }
        }
        PolicyCommand::ScrubLog(args) => return super::admin_ops::scrub_log(&args, store, global),
        PolicyCommand::Rescan(args) => {
            return super::admin_ops::rescan(&args, shared.clone(), global)
        }
        PolicyCommand::Submitter { object_id } => {
            return super::admin_ops::submitter(&object_id, store, global)
        }
        PolicyCommand::Release { object_id } => {
            return super::admin_ops::release(&object_id, store, global)
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_expiry;
    use chrono::TimeZone;

    #[test]
    fn expiry_is_a_duration_or_a_date() {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("date");
        let day = 86_400_000_000;
        let at = |text: &str| parse_expiry(text, now).map(|t| t - now.timestamp_micros());
        assert_eq!(at("90d").unwrap(), 90 * day);
        assert_eq!(at("2w").unwrap(), 14 * day);
        assert_eq!(at("12h").unwrap(), day / 2);
        assert_eq!(at("30m").unwrap(), 30 * 60_000_000);
        assert_eq!(at("2026-01-02").unwrap(), day);
        assert_eq!(at("2026-01-01T12:00:00Z").unwrap(), day / 2);
        assert_eq!(
            at("2026-01-01T12:00:00+01:00").unwrap(),
            day / 2 - 3_600_000_000
        );
        for bad in [
            "",
            "d",
            "0d",
            "-3d",
            "90x",
            "tomorrow",
            "2025-12-31",
            "99999999999999w",
        ] {
            let err = parse_expiry(bad, now).expect_err(bad).to_string();
            assert!(err.starts_with("--expires"), "{bad}: {err}");
        }
    }
}
