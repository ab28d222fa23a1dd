//! `ward admin backup|restore|verify|audit` and `policy scrub-log`: the operator's commands
//! around the store's life (copies of it, checks of it) and what the hub recorded.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use serde_json::json;
use ward_store::{inspect_store_file, SqliteStore, Store, StoreFileInfo, DB_FILE};
use ward_store_pg::{is_postgres_url, redact_url, PgStore, StoreSummary};

use crate::Global;

mod records;
pub use records::{release, rescan, scrub_log, submitter, RescanArgs, ScrubLogArgs};

#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    /// File to write: one self-contained SQLite file, consistent even while `ward serve`
    /// writes to the store (written beside it, then renamed into place)
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// A file written by `ward admin backup`
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// Replace a store that already holds organizations, collections or objects
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// The store to compare with: a backup file, a data folder or a postgres:// URL.
    /// Without it, the counts and checksums of the store are printed (to compare later,
    /// e.g. before `pg_dump` and after `pg_restore`)
    #[arg(long, value_name = "FILE|DIR|URL")]
    pub against: Option<String>,
}

fn print_json(value: serde_json::Value) {
    println!("{value}");
}

/// The embedded store in `dir`, which must exist: these commands never create one.
fn existing_sqlite(dir: &Path, option: &str) -> anyhow::Result<SqliteStore> {
    if !dir.join(DB_FILE).is_file() {
        bail!(
            "{option} {}: expected a folder holding a ward store ({DB_FILE}); none is there",
            dir.display()
        );
    }
    // Backing up or verifying never upgrades a store (the hub serving it may be older than
    // this ward): an older schema is refused, to be read by the ward that serves it.
    let info = inspect_store_file(&dir.join(DB_FILE))
        .with_context(|| format!("{option} {}", dir.display()))?;
    if info.schema_version < ward_store::SCHEMA_VERSION {
        bail!(
            "{option} {}: the store is at schema version {}, this ward writes {}; run this \
             command with the ward that serves it, or let `ward serve` upgrade it first",
            dir.display(),
            info.schema_version,
            ward_store::SCHEMA_VERSION
        );
    }
    SqliteStore::open_existing(dir)
        .with_context(|| format!("opening the store in {}", dir.display()))
}

fn describe(info: &StoreFileInfo) -> String {
    format!(
        "schema version {}, {} organizations, {} collections, {} object versions",
        info.schema_version, info.orgs, info.collections, info.versions
    )
}

/// `ward admin backup --to FILE`.
pub fn backup(args: &BackupArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if let Some(url) = &global.database {
        bail!(
            "--database {}: a PostgreSQL store is backed up with pg_dump (pg_dump --format=custom \
             --file hub.dump URL), restored with pg_restore, and checked with `ward admin verify \
             --against URL`; see \"Running a hub in production\" in the README",
            redact_url(url)
        );
    }
    let store = existing_sqlite(&global.data, "--data")?;
    let info = store
        .backup_to(&args.to)
        .with_context(|| format!("--to {}: writing the backup", args.to.display()))?;
    if global.json {
        print_json(json!({ "file": args.to, "store": info }));
    } else {
        eprintln!(
            "backed up {} ({}) to {}",
            global.data.display(),
            describe(&info),
            args.to.display()
        );
        println!("{}", args.to.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `ward admin restore --from FILE --data DIR`.
pub fn restore(args: &RestoreArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if global.database.is_some() {
        bail!(
            "--database: a PostgreSQL store is restored with pg_restore; `ward admin restore` \
             writes an embedded store (--data DIR)"
        );
    }
    // The backup is checked before anything at --data is touched.
    let incoming = ward_store::inspect_store_file(&args.from)
        .with_context(|| format!("--from {}", args.from.display()))?;
    let target = global.data.join(DB_FILE);
    if target.is_file() && !args.force {
        let present = ward_store::inspect_store_file(&target)
            .with_context(|| format!("--data {}: the store there", global.data.display()))?;
        if !present.is_empty() {
            bail!(
                "--data {}: the store there is not empty ({}); stop the hub and add --force to \
                 replace it, or restore into another folder",
                global.data.display(),
                describe(&present)
            );
        }
    }
    let info = ward_store::restore_store(&args.from, &global.data).with_context(|| {
        format!(
            "restoring {} into {}",
            args.from.display(),
            global.data.display()
        )
    })?;
    if global.json {
        print_json(json!({ "from": args.from, "data": global.data, "store": info }));
    } else {
        let upgraded = if info.schema_version != incoming.schema_version {
            format!(
                " (schema upgraded from version {} to {})",
                incoming.schema_version, info.schema_version
            )
        } else {
            String::new()
        };
        eprintln!(
            "restored {} into {}: {}{upgraded}",
            args.from.display(),
            global.data.display(),
            describe(&info)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A store to read for `verify`, kept with whatever must outlive it (a backup file is
/// restored into a temporary folder first, so it is read exactly as `restore` would).
struct Opened {
    store: Arc<dyn Store>,
    name: String,
    _scratch: Option<tempfile::TempDir>,
}

fn open_other(what: &str) -> anyhow::Result<Opened> {
    if is_postgres_url(what) {
        let store =
            PgStore::open_existing(what).context("--against: opening the PostgreSQL store")?;
        return Ok(Opened {
            name: redact_url(what),
            store: Arc::new(store),
            _scratch: None,
        });
    }
    let path = PathBuf::from(what);
    if path.is_dir() {
        let store = existing_sqlite(&path, "--against")?;
        return Ok(Opened {
            store: Arc::new(store),
            name: path.display().to_string(),
            _scratch: None,
        });
    }
    if !path.is_file() {
        bail!("--against {what}: expected a backup file, a data folder or a postgres:// URL");
    }
    let scratch = tempfile::tempdir().context("a temporary folder to read the backup in")?;
    ward_store::restore_store(&path, scratch.path())
        .with_context(|| format!("--against {what}"))?;
    let store = SqliteStore::open(scratch.path()).context("reading the backup")?;
    Ok(Opened {
        store: Arc::new(store),
        name: path.display().to_string(),
        _scratch: Some(scratch),
    })
}

fn open_own(global: &Global) -> anyhow::Result<Opened> {
    if let Some(url) = &global.database {
        if !is_postgres_url(url) {
            bail!(
                "--database {}: expected a postgres:// or postgresql:// URL",
                redact_url(url)
            );
        }
        let store = PgStore::open_existing(url).context("opening the PostgreSQL store")?;
        return Ok(Opened {
            store: Arc::new(store),
            name: redact_url(url),
            _scratch: None,
        });
    }
    Ok(Opened {
        store: Arc::new(existing_sqlite(&global.data, "--data")?),
        name: global.data.display().to_string(),
        _scratch: None,
    })
}

fn summarize(opened: &Opened) -> anyhow::Result<StoreSummary> {
    ward_store_pg::summarize(opened.store.as_ref())
        .with_context(|| format!("reading {} through", opened.name))
}

/// `ward admin verify [--against FILE|DIR|URL]`: exit 0 when the two stores hold the same,
/// 1 when they differ (a negative answer, not an error).
pub fn verify(args: &VerifyArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let own = open_own(global)?;
    let here = summarize(&own)?;
    let Some(against) = &args.against else {
        if global.json {
            print_json(json!({ "store": own.name, "summary": here }));
        } else {
            println!("{}", own.name);
            for (what, value) in here.rows() {
                println!("{what:<48} {value}");
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let other = open_other(against)?;
    let there = summarize(&other)?;
    let differences = here.differences(&there);
    if global.json {
        print_json(json!({
            "matches": differences.is_empty(),
            "store": own.name,
            "against": other.name,
            "differences": differences,
            "summary": here,
            "against_summary": there,
        }));
    } else {
        let theirs = there.rows();
        println!("{:<48} {:>20} {:>20}", "", "this store", "the other");
        for (what, mine) in here.rows() {
            let t = theirs
                .iter()
                .find(|(w, _)| *w == what)
                .map_or("-", |(_, t)| t.as_str());
            let mark = if t == mine { "" } else { "  DIFFERS" };
            println!("{what:<48} {mine:>20} {t:>20}{mark}");
        }
    }
    if differences.is_empty() {
        eprintln!(
            "{} and {}: counts and checksums match",
            own.name, other.name
        );
        Ok(ExitCode::SUCCESS)
    } else {
        for d in &differences {
            eprintln!("differs: {d}");
        }
        eprintln!("{} and {} do not hold the same", own.name, other.name);
        Ok(ExitCode::from(1))
    }
}

// --- times given on the command line ---------------------------------------------------

/// `--since`/`--until`: an RFC 3339 time or a day (`2026-12-01`); a day given to `--until`
/// counts whole (up to the next midnight, UTC). Microseconds since the epoch.
fn parse_time(option: &str, text: &str, end_of_day: bool) -> anyhow::Result<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(t.timestamp_micros());
    }
    let day = ward_stix::timestamp::day(text.trim()).with_context(|| {
        format!(
            "{option} {text}: expected a day such as 2026-12-01 or an RFC 3339 time such as \
             2026-12-01T08:00:00Z"
        )
    })?;
    let day = if end_of_day {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    };
    let start = day
        .and_hms_opt(0, 0, 0)
        .with_context(|| format!("{option} {text}: not a valid day"))?;
    Ok(start.and_utc().timestamp_micros())
}

/// The `[since, until)` window of the two options, in microseconds.
fn window(since: Option<&str>, until: Option<&str>) -> anyhow::Result<(i64, i64)> {
    let since = since
        .map(|t| parse_time("--since", t, false))
        .transpose()?
        .unwrap_or(i64::MIN);
    let until = until
        .map(|t| parse_time("--until", t, true))
        .transpose()?
        .unwrap_or(i64::MAX);
    if since >= until {
        bail!("--since must be before --until");
    }
    Ok((since, until))
}

// --- ward admin audit -------------------------------------------------------------------

#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// The audit log `ward serve --audit-log FILE` appends to (or standard error saved)
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
    /// Requests by this organization (its name, any case, or its id)
    #[arg(long, value_name = "NAME|ID")]
    pub org: Option<String>,
    /// Requests naming this object (in the path or the query, e.g. `match[id]`); who posted
    /// an object is `ward admin policy submitter ID`
    #[arg(long, value_name = "ID")]
    pub object: Option<String>,
    /// From this time on (`2026-12-01` or RFC 3339)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Before this time (a day counts whole)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
}

/// `ward admin audit`: the matching lines, oldest first. A line that is not an audit line
/// is named with its line number and skipped; the command then exits 2 after printing what
/// it could read.
pub fn audit(args: &AuditArgs, global: &Global) -> anyhow::Result<ExitCode> {
    use std::io::BufRead;
    let (since, until) = window(args.since.as_deref(), args.until.as_deref())?;
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("--file {}: cannot open", args.file.display()))?;
    let org = args.org.as_deref().map(str::to_lowercase);
    let mut found = Vec::new();
    let mut bad = 0usize;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", args.file.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let entry: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                bad += 1;
                eprintln!(
                    "{}:{}: not an audit line (expected a JSON object); skipped",
                    args.file.display(),
                    n + 1
                );
                continue;
            }
            Err(e) => {
                bad += 1;
                eprintln!(
                    "{}:{}: not an audit line ({e}); skipped",
                    args.file.display(),
                    n + 1
                );
                continue;
            }
        };
        let text = |k: &str| {
            entry
                .get(k)
                .and_then(serde_json::Value::as_str)
                .unwrap_or("")
        };
        let at = match chrono::DateTime::parse_from_rfc3339(text("time")) {
            Ok(t) => t.timestamp_micros(),
            Err(_) => {
                bad += 1;
                eprintln!(
                    "{}:{}: not an audit line (no RFC 3339 `time`); skipped",
                    args.file.display(),
                    n + 1
                );
                continue;
            }
        };
        if !(since..until).contains(&at) {
            continue;
        }
        if let Some(org) = &org {
            if text("org").to_lowercase() != *org && text("org_id").to_lowercase() != *org {
                continue;
            }
        }
        if let Some(object) = &args.object {
            if !text("path").contains(object.as_str()) && !text("query").contains(object.as_str()) {
                continue;
            }
        }
        found.push(entry);
    }
    if global.json {
        print_json(serde_json::Value::Array(found));
    } else {
        for e in &found {
            let text = |k: &str| e.get(k).and_then(serde_json::Value::as_str).unwrap_or("-");
            let query = e
                .get("query")
                .and_then(serde_json::Value::as_str)
                .map(|q| format!("?{q}"))
                .unwrap_or_default();
            println!(
                "{}\t{}\t{}\t{} {}{query}\t{}\t{}\t{} bytes\t{} ms",
                text("time"),
                text("request_id"),
                e.get("status").map_or("-".into(), |s| s.to_string()),
                text("method"),
                text("path"),
                text("org"),
                text("user"),
                e.get("bytes").map_or("-".into(), |s| s.to_string()),
                e.get("latency_ms").map_or("-".into(), |s| s.to_string()),
            );
        }
        eprintln!("{} request(s)", found.len());
    }
    if bad > 0 {
        eprintln!(
            "ward: {}: {bad} line(s) were not audit lines (named above)",
            args.file.display()
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
