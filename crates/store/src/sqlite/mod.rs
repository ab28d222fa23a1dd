//! The embedded store: one SQLite database file in WAL mode under the data folder.
//!
//! One writer connection (SQLite allows one writer at a time anyway; `BEGIN IMMEDIATE` also
//! serializes several processes sharing the file) and a pool of reader connections, which WAL
//! lets run beside the writer. Concurrent `add_objects` calls are group-committed: one
//! transaction and one fsync for all that queued up meanwhile. Commits use `synchronous=FULL`, so an acknowledged write survives
//! power loss, not only `kill -9`.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};
use ward_stix::Timestamp;

use crate::credentials::random_secret;
use crate::model::*;
use crate::{Store, StoreError, VersionSource};

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "ward.db";

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Append
/// only: a released migration never changes.
const MIGRATIONS: &[&str] = &[
    // 1: the initial schema.
    r#"
    CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
    CREATE TABLE orgs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created INTEGER NOT NULL
    );
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES orgs(id),
        name TEXT NOT NULL UNIQUE,
        password_hash TEXT,
        created INTEGER NOT NULL
    );
    CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        label TEXT NOT NULL,
        created INTEGER NOT NULL
    );
    CREATE TABLE collections (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        description TEXT,
        last_date_added INTEGER NOT NULL DEFAULT 0,
        created INTEGER NOT NULL
    );
    CREATE TABLE collection_access (
        collection_key INTEGER NOT NULL REFERENCES collections(key),
        org_id TEXT NOT NULL REFERENCES orgs(id),
        can_read INTEGER NOT NULL,
        can_write INTEGER NOT NULL,
        PRIMARY KEY (collection_key, org_id)
    );
    CREATE TABLE objects (
        collection_key INTEGER NOT NULL REFERENCES collections(key),
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        spec_version TEXT NOT NULL,
        version_key TEXT NOT NULL,
        version TEXT NOT NULL,
        date_added INTEGER NOT NULL,
        is_first INTEGER NOT NULL,
        is_last INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (collection_key, id, version_key)
    );
    CREATE INDEX objects_by_date ON objects (collection_key, date_added, id, version_key);
    CREATE INDEX objects_last_by_date
        ON objects (collection_key, is_last, date_added, id, version_key);
    CREATE TABLE statuses (
        id TEXT PRIMARY KEY,
        request_timestamp INTEGER NOT NULL,
        body TEXT NOT NULL
    );
    "#,
    // 2: the sharing policy: who submitted each version (private), hub settings, the
    // operator's record of what the scrubber changed, and sightings by what they sighted.
    r#"
    CREATE TABLE submissions (
        collection_key INTEGER NOT NULL REFERENCES collections(key),
        id TEXT NOT NULL,
        version_key TEXT NOT NULL,
        org_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (collection_key, id, version_key)
    );
    CREATE INDEX submissions_by_object ON submissions (id);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE scrub_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        collection_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        org_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        findings TEXT NOT NULL
    );
    CREATE INDEX objects_sighting_of
        ON objects (collection_key, json_extract(json, '$.sighting_of_ref'))
        WHERE type = 'sighting';
    "#,
    // 3: who posted each version, keyed by the version's (collection, date_added): new rows
    // append at the end of one B-tree instead of landing on a random page of three (rowid
    // table, primary key, index by id), which was a page written to the WAL per object.
    // A version's submitter is found through the object's own row; rows of deleted
    // versions are left out (nothing reaches them any more).
    r#"
    CREATE TABLE submitters (
        collection_key INTEGER NOT NULL REFERENCES collections(key),
        date_added INTEGER NOT NULL,
        org_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (collection_key, date_added)
    ) WITHOUT ROWID;
    INSERT INTO submitters (collection_key, date_added, org_id, user_id)
        SELECT o.collection_key, o.date_added, s.org_id, s.user_id
        FROM submissions s JOIN objects o ON o.collection_key = s.collection_key
            AND o.id = s.id AND o.version_key = s.version_key;
    DROP INDEX submissions_by_object;
    DROP TABLE submissions;
    "#,
    // 4: the date indexes hold (collection, [is_last,] date_added) and no more. The hub
    // gives each version of a collection its own date_added, so the id and version that
    // followed in every entry only ever ordered ties, which the page query now sorts
    // itself; entries shrink from ~85 bytes to ~15, two appends per object that write a
    // fraction of the pages to the WAL.
    r#"
    DROP INDEX objects_by_date;
    DROP INDEX objects_last_by_date;
    CREATE INDEX objects_by_date ON objects (collection_key, date_added);
    CREATE INDEX objects_last_by_date ON objects (collection_key, is_last, date_added);
    "#,
    // 5: token life cycle: an optional expiry, and when each token was last used.
    r#"
    ALTER TABLE tokens ADD COLUMN expires INTEGER;
    ALTER TABLE tokens ADD COLUMN last_used INTEGER;
    "#,
];

fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn now_micros() -> i64 {
    Timestamp::now().as_micros()
}

/// WAL size, in pages, at which the writer checkpoints (SQLite's default is 1,000).
const WAL_CHECKPOINT_PAGES: i64 = 4000;

/// The SQLite implementation of [`Store`].
pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    /// `add_objects` calls waiting for the next group commit.
    pending: Mutex<Vec<AddJob>>,
}

impl SqliteStore {
    /// Opens (creating on first use) the store in folder `dir`, running pending migrations.
    pub fn open(dir: &Path) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            path: dir.display().to_string(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let mut writer = Self::connect(&path)?;
        writer
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(backend)?;
        // Savepoint (statement) journals only serve rollbacks inside an open transaction and
        // are never needed after a crash; in memory they stop costing a temp-file write per
        // modified page. The WAL and its fsync at commit are unaffected.
        writer
            .pragma_update(None, "temp_store", "MEMORY")
            .map_err(backend)?;
        // Checkpoints copy each changed page once however often it changed since the last
        // one; bulk ingest rewrites the same index pages commit after commit, so checkpoints
        // at 16 MB of WAL instead of SQLite's 4 MB write the database file less often. The
        // WAL (fsynced at every commit) still bounds what a crash can lose: nothing.
        writer
            .pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)
            .map_err(backend)?;
        migrate(&mut writer)?;
        Ok(SqliteStore {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            pending: Mutex::new(Vec::new()),
        })
    }

    fn connect(path: &Path) -> Result<Connection, StoreError> {
        let conn = Connection::open(path).map_err(backend)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(backend)?;
        conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;",
        )
        .map_err(backend)?;
        Ok(conn)
    }

    fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // A poisoned lock only means another thread panicked mid-call; SQLite rolled its
        // transaction back, so the connection is still sound.
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn)
    }

    fn with_reader<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match pooled {
            Some(c) => c,
            None => Self::connect(&self.path)?,
        };
        let result = f(&conn);
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(conn);
        result
    }

    fn add_job(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: Option<Submitter>,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        let status_body = status_body(status)?;
        let (reply, answer) = mpsc::channel();
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(AddJob {
                collection_id: collection_id.to_string(),
                objects: objects.to_vec(),
                status_id: status.id.clone(),
                status_time: status.request_timestamp,
                status_body,
                submitter,
                reply,
            });
        self.with_writer(|conn| {
            // A leader that held the writer before us may have committed our job already.
            if let Ok(done) = answer.try_recv() {
                return done;
            }
            let jobs = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|p| p.into_inner()));
            commit_group(conn, jobs);
            answer
                .try_recv()
                .unwrap_or_else(|_| Err(StoreError::Backend("write was not processed".into())))
        })
    }

    /// Test and migration support, not part of [`Store`]: stores `objects` with the given
    /// `date_added` for all of them (bypassing the strictly-increasing clock), to exercise
    /// readers against ties that another backend or an import could produce.
    pub fn insert_with_date_added(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        date_added: i64,
    ) -> Result<(), StoreError> {
        self.with_writer(|conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let key = collection_key(&tx, collection_id)?;
            let mut stmts = VersionStatements::new(&tx)?;
            for object in objects {
                insert_version(&mut stmts, key, object, date_added)?;
            }
            drop(stmts);
            tx.commit().map_err(backend)
        })
    }
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    let current: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(backend)?;
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql).map_err(backend)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)
            .map_err(backend)?;
    }
    tx.commit().map_err(backend)
}

fn collection_key(conn: &Connection, id: &str) -> Result<i64, StoreError> {
    conn.query_row("SELECT key FROM collections WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
    .map_err(backend)?
    .ok_or_else(|| StoreError::UnknownCollection(id.to_string()))
}

fn org_id_by_name(conn: &Connection, name: &str) -> Result<String, StoreError> {
    conn.query_row("SELECT id FROM orgs WHERE name = ?1", [name], |r| r.get(0))
        .optional()
        .map_err(backend)?
        .ok_or_else(|| StoreError::UnknownOrg(name.to_string()))
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

const USER_COLUMNS: &str =
    "u.id, u.name, u.org_id, o.name, u.password_hash FROM users u JOIN orgs o ON o.id = u.org_id";

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        org_id: r.get(2)?,
        org_name: r.get(3)?,
        password_hash: r.get(4)?,
    })
}

fn load_collection(conn: &Connection, key: i64, id: String) -> Result<Collection, StoreError> {
    let (title, description): (String, Option<String>) = conn
        .query_row(
            "SELECT title, description FROM collections WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(backend)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT org_id, can_read, can_write FROM collection_access
             WHERE collection_key = ?1 ORDER BY org_id",
        )
        .map_err(backend)?;
    let mut readers = Vec::new();
    let mut writers = Vec::new();
    let rows = stmt
        .query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })
        .map_err(backend)?;
    for row in rows {
        let (org, read, write) = row.map_err(backend)?;
        if read {
            readers.push(org.clone());
        }
        if write {
            writers.push(org);
        }
    }
    Ok(Collection {
        id,
        title,
        description,
        readers,
        writers,
    })
}

/// The statements every inserted version runs, prepared once per batch rather than looked
/// up in the connection's statement cache once per object.
struct VersionStatements<'c> {
    conn: &'c Connection,
    bounds: rusqlite::CachedStatement<'c>,
    insert: rusqlite::CachedStatement<'c>,
    submitter: rusqlite::CachedStatement<'c>,
}

impl<'c> VersionStatements<'c> {
    fn new(conn: &'c Connection) -> Result<VersionStatements<'c>, StoreError> {
        Ok(VersionStatements {
            conn,
            bounds: conn.prepare_cached(BOUNDS).map_err(backend)?,
            insert: conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO objects (collection_key, id, type, spec_version,
                     version_key, version, date_added, is_first, is_last, json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(backend)?,
            submitter: conn
                .prepare_cached(
                    "INSERT INTO submitters (collection_key, date_added, org_id, user_id)
                     VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(backend)?,
        })
    }
}

// The statements that touch one object's versions name the primary key (collection_key, id,
// version_key) as their index. Left alone, SQLite picks `objects_last_by_date` for
// `is_last = 1`, which holds every latest version of the collection: each new version of a
// known object then walked the whole collection, and refreshing n known indicators took
// O(n * collection) (1,000 into 60,000 took 18.8 s). SQLite names a table's first key
// index `_1`.

/// Clears the flag of the object's previous first version.
const CLEAR_FIRST: &str = "UPDATE objects INDEXED BY sqlite_autoindex_objects_1 SET is_first = 0
     WHERE collection_key = ?1 AND id = ?2 AND is_first = 1 AND version_key <> ?3";
/// Clears the flag of the object's previous last version.
const CLEAR_LAST: &str = "UPDATE objects INDEXED BY sqlite_autoindex_objects_1 SET is_last = 0
     WHERE collection_key = ?1 AND id = ?2 AND is_last = 1 AND version_key <> ?3";
/// A stored version of an object without `modified`/`created` with the same bytes.
const SAME_BYTES: &str = "SELECT version FROM objects INDEXED BY sqlite_autoindex_objects_1
     WHERE collection_key = ?1 AND id = ?2 AND json = ?3 LIMIT 1";
/// The first and last version keys of an object.
const BOUNDS: &str = "SELECT min(version_key), max(version_key) FROM objects
     INDEXED BY sqlite_autoindex_objects_1 WHERE collection_key = ?1 AND id = ?2";

/// Inserts one version unless that (id, version) is already stored; keeps the `is_first` and
/// `is_last` flags of the object's versions right. Returns `None` for a duplicate.
fn insert_version(
    stmts: &mut VersionStatements<'_>,
    key: i64,
    object: &NewVersion,
    date_added: i64,
) -> Result<Option<(String, String)>, StoreError> {
    let conn = stmts.conn;
    let (version_key, version) = match object.version {
        Some(ts) => (version_key(ts), ts.to_string()),
        None => {
            // No modified/created: the version is when the hub first saw these exact bytes.
            let same: Option<String> = conn
                .prepare_cached(SAME_BYTES)
                .map_err(backend)?
                .query_row(params![key, object.id, object.json], |r| r.get(0))
                .optional()
                .map_err(backend)?;
            if same.is_some() {
                return Ok(None);
            }
            let ts = Timestamp::from_micros(date_added);
            (version_key(ts), ts.to_string())
        }
    };
    let bounds: (Option<String>, Option<String>) = stmts
        .bounds
        .query_row(params![key, object.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(backend)?;
    let (is_first, is_last) = match &bounds {
        (Some(min), Some(max)) => {
            if version_key == *min || version_key == *max {
                return Ok(None);
            }
            (version_key < *min, version_key > *max)
        }
        _ => (true, true),
    };
    let inserted = stmts
        .insert
        .execute(params![
            key,
            object.id,
            object.object_type,
            object.spec_version,
            version_key,
            version,
            date_added,
            is_first,
            is_last,
            object.json
        ])
        .map_err(backend)?;
    if inserted == 0 {
        return Ok(None);
    }
    if is_first && bounds.0.is_some() {
        conn.prepare_cached(CLEAR_FIRST)
            .map_err(backend)?
            .execute(params![key, object.id, version_key])
            .map_err(backend)?;
    }
    if is_last && bounds.1.is_some() {
        conn.prepare_cached(CLEAR_LAST)
            .map_err(backend)?
            .execute(params![key, object.id, version_key])
            .map_err(backend)?;
    }
    Ok(Some((version_key, version)))
}

/// Appends `AND <column> IN (?, ?, ...)` for a non-empty list.
fn push_in(
    sql: &mut String,
    args: &mut Vec<rusqlite::types::Value>,
    column: &str,
    values: &[String],
) {
    if values.is_empty() {
        return;
    }
    sql.push_str(" AND ");
    sql.push_str(column);
    sql.push_str(" IN (");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            sql.push(',');
        }
        sql.push('?');
        args.push(v.clone().into());
    }
    sql.push(')');
}

/// Appends the `match[version]` condition; nothing when every version is wanted.
fn push_versions(sql: &mut String, args: &mut Vec<rusqlite::types::Value>, v: &VersionSelect) {
    if v.all {
        return;
    }
    let mut parts = Vec::new();
    if v.last {
        parts.push("is_last = 1".to_string());
    }
    if v.first {
        parts.push("is_first = 1".to_string());
    }
    if !v.at.is_empty() {
        let marks = vec!["?"; v.at.len()].join(",");
        parts.push(format!("version_key IN ({marks})"));
        for at in &v.at {
            args.push(at.clone().into());
        }
    }
    if parts.is_empty() {
        // An empty selection selects nothing rather than everything.
        sql.push_str(" AND 0");
    } else {
        sql.push_str(" AND (");
        sql.push_str(&parts.join(" OR "));
        sql.push(')');
    }
}

/// One caller's `add_objects`, waiting in the group-commit queue.
struct AddJob {
    collection_id: String,
    objects: Vec<NewVersion>,
    status_id: String,
    status_time: i64,
    status_body: String,
    submitter: Option<Submitter>,
    reply: mpsc::Sender<Result<Vec<AddOutcome>, StoreError>>,
}

/// Writes one job's versions and status inside the caller's (savepoint) transaction.
fn apply_job(conn: &Connection, job: &AddJob) -> Result<Vec<AddOutcome>, StoreError> {
    let key = collection_key(conn, &job.collection_id)?;
    let mut last = last_date_added(conn, key)?;
    let outcomes = insert_versions(conn, key, &mut last, &job.objects, job.submitter.as_ref())?;
    close_batch(
        conn,
        key,
        last,
        &job.status_id,
        job.status_time,
        &job.status_body,
    )?;
    Ok(outcomes)
}

fn last_date_added(conn: &Connection, key: i64) -> Result<i64, StoreError> {
    conn.prepare_cached("SELECT last_date_added FROM collections WHERE key = ?1")
        .map_err(backend)?
        .query_row([key], |r| r.get(0))
        .map_err(backend)
}

/// Inserts versions into collection `key`, each dated after `*last` (advanced as they go
/// in), and records who posted them. One outcome per input, in order.
fn insert_versions(
    conn: &Connection,
    key: i64,
    last: &mut i64,
    objects: &[NewVersion],
    submitter: Option<&Submitter>,
) -> Result<Vec<AddOutcome>, StoreError> {
    let now = now_micros();
    let mut stmts = VersionStatements::new(conn)?;
    let mut outcomes = Vec::with_capacity(objects.len());
    for object in objects {
        // Strictly increasing per collection even if the clock steps back.
        let date_added = now.max(*last + 1);
        match insert_version(&mut stmts, key, object, date_added)? {
            Some((_, version)) => {
                if let Some(by) = submitter {
                    stmts
                        .submitter
                        .execute(params![key, date_added, by.org_id, by.user_id])
                        .map_err(backend)?;
                }
                *last = date_added;
                outcomes.push(AddOutcome::Added {
                    date_added,
                    version,
                });
            }
            None => outcomes.push(AddOutcome::Duplicate {
                version: object.version.map(|t| t.to_string()).unwrap_or_default(),
            }),
        }
    }
    Ok(outcomes)
}

/// Records the collection's new last `date_added` and the status resource of the batch.
fn close_batch(
    conn: &Connection,
    key: i64,
    last: i64,
    status_id: &str,
    status_time: i64,
    status_body: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE collections SET last_date_added = ?1 WHERE key = ?2")
        .map_err(backend)?
        .execute(params![last, key])
        .map_err(backend)?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO statuses (id, request_timestamp, body) VALUES (?1, ?2, ?3)",
    )
    .map_err(backend)?
    .execute(params![status_id, status_time, status_body])
    .map_err(backend)?;
    Ok(())
}

fn status_body(status: &StatusRecord) -> Result<String, StoreError> {
    serde_json::to_string(status).map_err(|e| StoreError::Corrupt {
        what: format!("status {}", status.id),
        detail: e.to_string(),
    })
}

/// Group commit: every job queued while the previous commit was syncing goes into one
/// transaction, so concurrent posters share one fsync instead of queueing for one each.
/// Each job runs in its own savepoint, so one failing job does not fail the others; every
/// answer is sent only after the commit is durable.
fn commit_group(conn: &mut Connection, jobs: Vec<AddJob>) {
    let mut results: Vec<Result<Vec<AddOutcome>, StoreError>> = Vec::with_capacity(jobs.len());
    let committed = (|| -> Result<(), StoreError> {
        let mut tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        if let [job] = jobs.as_slice() {
            // A lone job needs no savepoint: the transaction is its unit of rollback (dropped
            // uncommitted on failure), and skipping it saves SQLite the statement journal.
            let outcome = apply_job(&tx, job);
            let failed = outcome.is_err();
            results.push(outcome);
            if failed {
                return Ok(());
            }
            return tx.commit().map_err(backend);
        }
        for job in &jobs {
            let sp = tx.savepoint().map_err(backend)?;
            match apply_job(&sp, job) {
                Ok(outcomes) => {
                    sp.commit().map_err(backend)?;
                    results.push(Ok(outcomes));
                }
                // Dropping the savepoint rolls back this job alone.
                Err(e) => results.push(Err(e)),
            }
        }
        tx.commit().map_err(backend)
    })();
    match committed {
        Ok(()) => {
            for (job, result) in jobs.iter().zip(results) {
                let _ = job.reply.send(result);
            }
        }
        Err(e) => {
            for job in &jobs {
                let _ = job.reply.send(Err(StoreError::Backend(e.to_string())));
            }
        }
    }
}

impl Store for SqliteStore {
    fn ping(&self) -> Result<(), StoreError> {
        self.with_reader(|c| {
            c.query_row("SELECT count(*) FROM collections", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        let existing: Option<Vec<u8>> = self.with_reader(|c| {
            c.query_row("SELECT value FROM secrets WHERE name = 'cursor'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(backend)
        })?;
        if let Some(key) = existing {
            return Ok(key);
        }
        let fresh = random_secret()?;
        self.with_writer(|c| {
            // Two processes may race here; the first insert wins and both read it back.
            c.execute(
                "INSERT OR IGNORE INTO secrets (name, value) VALUES ('cursor', ?1)",
                [&fresh],
            )
            .map_err(backend)?;
            c.query_row("SELECT value FROM secrets WHERE name = 'cursor'", [], |r| {
                r.get(0)
            })
            .map_err(backend)
        })
    }

    fn add_org(&self, name: &str) -> Result<Org, StoreError> {
        let org = Org {
            id: new_id(),
            name: name.to_string(),
        };
        self.with_writer(|c| {
            c.execute(
                "INSERT INTO orgs (id, name, created) VALUES (?1, ?2, ?3)",
                params![org.id, org.name, now_micros()],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists {
                        what: "organization",
                        name: name.to_string(),
                    }
                } else {
                    backend(e)
                }
            })
        })?;
        Ok(org)
    }

    fn orgs(&self) -> Result<Vec<Org>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare("SELECT id, name FROM orgs ORDER BY name")
                .map_err(backend)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(Org {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn add_user(
        &self,
        org_name: &str,
        name: &str,
        password_hash: Option<&str>,
    ) -> Result<User, StoreError> {
        self.with_writer(|c| {
            let org_id = org_id_by_name(c, org_name)?;
            let user = User {
                id: new_id(),
                name: name.to_string(),
                org_id,
                org_name: org_name.to_string(),
                password_hash: password_hash.map(str::to_string),
            };
            c.execute(
                "INSERT INTO users (id, org_id, name, password_hash, created)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    user.id,
                    user.org_id,
                    user.name,
                    user.password_hash,
                    now_micros()
                ],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists {
                        what: "user",
                        name: name.to_string(),
                    }
                } else {
                    backend(e)
                }
            })?;
            Ok(user)
        })
    }

    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached(&format!("SELECT {USER_COLUMNS} WHERE u.name = ?1"))
                .map_err(backend)?
                .query_row([name], user_from_row)
                .optional()
                .map_err(backend)
        })
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare(&format!("SELECT {USER_COLUMNS} ORDER BY u.name"))
                .map_err(backend)?;
            let rows = stmt.query_map([], user_from_row).map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn add_token(&self, user_name: &str, token_hash: &str, label: &str) -> Result<(), StoreError> {
        self.add_token_expiring(user_name, token_hash, label, None)
    }

    fn user_by_token(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached(&format!(
                "SELECT {USER_COLUMNS} JOIN tokens t ON t.user_id = u.id
                 WHERE t.hash = ?1 AND (t.expires IS NULL OR t.expires > ?2)"
            ))
            .map_err(backend)?
            .query_row(params![token_hash, now_micros()], user_from_row)
            .optional()
            .map_err(backend)
        })
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        self.with_reader(|c| {
            let mut st = c
                .prepare_cached(
                    "SELECT hash, user_id, label, created, expires, last_used FROM tokens
                     ORDER BY created, hash",
                )
                .map_err(backend)?;
            let rows = st
                .query_map([], |r| {
                    Ok(TokenRecord {
                        hash: r.get(0)?,
                        user_id: r.get(1)?,
                        label: r.get(2)?,
                        created: r.get(3)?,
                        expires: r.get(4)?,
                        last_used: r.get(5)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(backend)
        })
    }

    fn add_token_expiring(
        &self,
        user_name: &str,
        token_hash: &str,
        label: &str,
        expires: Option<i64>,
    ) -> Result<(), StoreError> {
        self.with_writer(|c| {
            let user_id: String = c
                .query_row("SELECT id FROM users WHERE name = ?1", [user_name], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(backend)?
                .ok_or_else(|| StoreError::UnknownUser(user_name.to_string()))?;
            c.execute(
                "INSERT INTO tokens (hash, user_id, label, created, expires)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token_hash, user_id, label, now_micros(), expires],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn revoke_token(&self, token_hash: &str) -> Result<bool, StoreError> {
        self.with_writer(|c| {
            c.execute("DELETE FROM tokens WHERE hash = ?1", [token_hash])
                .map(|n| n > 0)
                .map_err(backend)
        })
    }

    fn touch_token(&self, token_hash: &str, at: i64) -> Result<(), StoreError> {
        self.with_writer(|c| {
            c.execute(
                "UPDATE tokens SET last_used = ?2 WHERE hash = ?1",
                params![token_hash, at],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn set_password(&self, user_name: &str, password_hash: Option<&str>) -> Result<(), StoreError> {
        self.with_writer(|c| {
            let changed = c
                .execute(
                    "UPDATE users SET password_hash = ?2 WHERE name = ?1",
                    params![user_name, password_hash],
                )
                .map_err(backend)?;
            if changed == 0 {
                return Err(StoreError::UnknownUser(user_name.to_string()));
            }
            Ok(())
        })
    }

    fn create_collection(&self, new: &NewCollection) -> Result<Collection, StoreError> {
        let id = new_id();
        self.with_writer(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            tx.execute(
                "INSERT INTO collections (id, title, description, created) VALUES (?1, ?2, ?3, ?4)",
                params![id, new.title, new.description, now_micros()],
            )
            .map_err(backend)?;
            let key = tx.last_insert_rowid();
            let mut access: Vec<(String, bool, bool)> = Vec::new();
            for (names, is_read) in [(&new.readers, true), (&new.writers, false)] {
                for name in names {
                    let org = org_id_by_name(&tx, name)?;
                    match access.iter_mut().find(|a| a.0 == org) {
                        Some(a) if is_read => a.1 = true,
                        Some(a) => a.2 = true,
                        None => access.push((org, is_read, !is_read)),
                    }
                }
            }
            for (org, read, write) in &access {
                tx.execute(
                    "INSERT INTO collection_access (collection_key, org_id, can_read, can_write)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![key, org, read, write],
                )
                .map_err(backend)?;
            }
            let collection = load_collection(&tx, key, id.clone())?;
            tx.commit().map_err(backend)?;
            Ok(collection)
        })
    }

    fn collections(&self) -> Result<Vec<Collection>, StoreError> {
        self.with_reader(|c| {
            let keys: Vec<(i64, String)> = {
                let mut stmt = c
                    .prepare("SELECT key, id FROM collections ORDER BY key")
                    .map_err(backend)?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(backend)?;
                rows.collect::<Result<_, _>>().map_err(backend)?
            };
            keys.into_iter()
                .map(|(key, id)| load_collection(c, key, id))
                .collect()
        })
    }

    fn collection(&self, id: &str) -> Result<Option<Collection>, StoreError> {
        self.with_reader(|c| {
            let key: Option<i64> = c
                .prepare_cached("SELECT key FROM collections WHERE id = ?1")
                .map_err(backend)?
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(backend)?;
            key.map(|k| load_collection(c, k, id.to_string()))
                .transpose()
        })
    }

    fn add_objects(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add_job(collection_id, objects, status, None)
    }

    fn add_objects_by(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: &Submitter,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add_job(collection_id, objects, status, Some(submitter.clone()))
    }

    fn add_objects_streamed(
        &self,
        collection_id: &str,
        source: &mut dyn VersionSource,
        submitter: &Submitter,
    ) -> Result<(), StoreError> {
        // One transaction of its own, outside the group commit: the writer inserts each batch
        // as it arrives while the poster's checks go on beside it, and one fsync covers the
        // whole. Dropping the transaction on any error (or a failing source) stores nothing.
        self.with_writer(|conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let key = collection_key(&tx, collection_id)?;
            let mut last = last_date_added(&tx, key)?;
            while let Some(batch) = source.next_batch() {
                insert_versions(&tx, key, &mut last, &batch, Some(submitter))?;
            }
            let status = source.status()?;
            let body = status_body(&status)?;
            close_batch(&tx, key, last, &status.id, status.request_timestamp, &body)?;
            tx.commit().map_err(backend)
        })
    }

    fn submitter(
        &self,
        collection_id: &str,
        object_id: &str,
        version_key: &str,
    ) -> Result<Option<Submitter>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached(
                "SELECT s.org_id, s.user_id FROM collections c
                 JOIN objects o ON o.collection_key = c.key
                 JOIN submitters s ON s.collection_key = o.collection_key
                      AND s.date_added = o.date_added
                 WHERE c.id = ?1 AND o.id = ?2 AND o.version_key = ?3",
            )
            .map_err(backend)?
            .query_row(params![collection_id, object_id, version_key], |r| {
                Ok(Submitter {
                    org_id: r.get(0)?,
                    user_id: r.get(1)?,
                })
            })
            .optional()
            .map_err(backend)
        })
    }

    fn submissions(&self, object_id: &str) -> Result<Vec<Submission>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare_cached(
                    // CROSS JOIN keeps collections the outer loop: one primary-key seek
                    // per collection instead of a scan of every submission.
                    "SELECT c.id, o.id, o.version_key, s.org_id, s.user_id
                     FROM collections c CROSS JOIN objects o CROSS JOIN submitters s
                     WHERE o.collection_key = c.key AND o.id = ?1
                       AND s.collection_key = o.collection_key AND s.date_added = o.date_added
                     ORDER BY c.id, o.version_key",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map([object_id], |r| {
                    Ok(Submission {
                        collection_id: r.get(0)?,
                        object_id: r.get(1)?,
                        version: r.get(2)?,
                        org_id: r.get(3)?,
                        user_id: r.get(4)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached("SELECT value FROM settings WHERE key = ?1")
                .map_err(backend)?
                .query_row([key], |r| r.get(0))
                .optional()
                .map_err(backend)
        })
    }

    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        self.with_writer(|c| {
            match value {
                Some(v) => c.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    params![key, v],
                ),
                None => c.execute("DELETE FROM settings WHERE key = ?1", [key]),
            }
            .map_err(backend)?;
            Ok(())
        })
    }

    fn settings(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        self.with_reader(|c| {
            // substr rather than LIKE: keys may hold `%` or `_`.
            let mut stmt = c
                .prepare_cached(
                    "SELECT key, value FROM settings
                     WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn record_scrub(&self, record: &ScrubRecord) -> Result<(), StoreError> {
        self.with_writer(|c| {
            c.execute(
                "INSERT INTO scrub_log (at, collection_id, object_id, org_id, user_id, findings)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    record.at,
                    record.collection_id,
                    record.object_id,
                    record.org_id,
                    record.user_id,
                    record.findings
                ],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn record_scrubs(&self, records: &[ScrubRecord]) -> Result<(), StoreError> {
        self.with_writer(|c| {
            let tx = c.transaction().map_err(backend)?;
            {
                let mut st = tx
                    .prepare_cached(
                        "INSERT INTO scrub_log (at, collection_id, object_id, org_id, user_id, findings)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )
                    .map_err(backend)?;
                for r in records {
                    st.execute(params![
                        r.at,
                        r.collection_id,
                        r.object_id,
                        r.org_id,
                        r.user_id,
                        r.findings
                    ])
                    .map_err(backend)?;
                }
            }
            tx.commit().map_err(backend)
        })
    }

    fn scrub_records(&self, limit: usize) -> Result<Vec<ScrubRecord>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT at, collection_id, object_id, org_id, user_id, findings
                     FROM scrub_log ORDER BY seq DESC LIMIT ?1",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map([limit.min(i64::MAX as usize) as i64], |r| {
                    Ok(ScrubRecord {
                        at: r.get(0)?,
                        collection_id: r.get(1)?,
                        object_id: r.get(2)?,
                        org_id: r.get(3)?,
                        user_id: r.get(4)?,
                        findings: r.get(5)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn sightings_of(
        &self,
        collection_id: &str,
        indicator_id: &str,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        self.with_reader(|c| {
            let key = collection_key(c, collection_id)?;
            // Written to match the partial index `objects_sighting_of`.
            let mut stmt = c
                .prepare_cached(
                    "SELECT o.id, o.type, o.spec_version, o.version, o.version_key,
                            o.date_added, o.json, s.org_id, s.user_id
                     FROM objects o
                     LEFT JOIN submitters s ON s.collection_key = o.collection_key
                          AND s.date_added = o.date_added
                     WHERE o.collection_key = ?1 AND o.type = 'sighting'
                       AND json_extract(o.json, '$.sighting_of_ref') = ?2
                       AND o.is_last = 1
                     ORDER BY o.date_added, o.id",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map(params![key, indicator_id], |r| {
                    let org: Option<String> = r.get(7)?;
                    let user: Option<String> = r.get(8)?;
                    Ok(SightingRecord {
                        version: StoredVersion {
                            id: r.get(0)?,
                            object_type: r.get(1)?,
                            spec_version: r.get(2)?,
                            version: r.get(3)?,
                            version_key: r.get(4)?,
                            date_added: r.get(5)?,
                            json: r.get(6)?,
                        },
                        submitter: org.map(|org_id| Submitter {
                            org_id,
                            user_id: user.unwrap_or_default(),
                        }),
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn count_objects(&self, collection_id: &str) -> Result<u64, StoreError> {
        self.with_reader(|c| {
            let key = collection_key(c, collection_id)?;
            c.prepare_cached(
                "SELECT count(*) FROM objects WHERE collection_key = ?1 AND is_last = 1",
            )
            .map_err(backend)?
            .query_row([key], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(backend)
        })
    }
    fn query_objects(&self, collection_id: &str, query: &ObjectQuery) -> Result<Page, StoreError> {
        self.with_reader(|c| {
            let key = collection_key(c, collection_id)?;
            let mut sql = String::from(
                "SELECT id, type, spec_version, version, version_key, date_added, json FROM objects",
            );
            if !query.ids.is_empty() {
                // Left alone, the planner walks a date index over the whole collection to
                // find a few ids; the primary key (collection_key, id, version_key) finds
                // them directly. SQLite names a table's first key index `_1`.
                sql.push_str(" INDEXED BY sqlite_autoindex_objects_1");
            }
            sql.push_str(" WHERE collection_key = ?");
            let mut args: Vec<rusqlite::types::Value> = vec![key.into()];
            push_in(&mut sql, &mut args, "id", &query.ids);
            push_in(&mut sql, &mut args, "type", &query.types);
            push_in(&mut sql, &mut args, "spec_version", &query.spec_versions);
            push_versions(&mut sql, &mut args, &query.versions);
            if let Some(after) = query.added_after {
                sql.push_str(" AND date_added > ?");
                args.push(after.into());
            }
            if let Some(p) = &query.after {
                sql.push_str(" AND (date_added, id, version_key) > (?, ?, ?)");
                args.push(p.date_added.into());
                args.push(p.id.clone().into());
                args.push(p.version.clone().into());
            }
            let limit = query.limit.max(1);
            sql.push_str(" ORDER BY date_added, id, version_key LIMIT ?");
            args.push((limit as i64 + 1).into());
            let mut stmt = c.prepare_cached(&sql).map_err(backend)?;
            let rows = stmt
                .query_map(params_from_iter(args), |r| {
                    Ok(StoredVersion {
                        id: r.get(0)?,
                        object_type: r.get(1)?,
                        spec_version: r.get(2)?,
                        version: r.get(3)?,
                        version_key: r.get(4)?,
                        date_added: r.get(5)?,
                        json: r.get(6)?,
                    })
                })
                .map_err(backend)?;
            let mut items: Vec<StoredVersion> = rows.collect::<Result<_, _>>().map_err(backend)?;
            let more = items.len() > limit;
            items.truncate(limit);
            Ok(Page { items, more })
        })
    }

    fn delete_object(
        &self,
        collection_id: &str,
        object_id: &str,
        versions: &VersionSelect,
        spec_versions: &[String],
    ) -> Result<usize, StoreError> {
        self.with_writer(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let key = collection_key(&tx, collection_id)?;
            let mut sql = String::from("DELETE FROM objects WHERE collection_key = ? AND id = ?");
            let mut args: Vec<rusqlite::types::Value> =
                vec![key.into(), object_id.to_string().into()];
            push_in(&mut sql, &mut args, "spec_version", spec_versions);
            push_versions(&mut sql, &mut args, versions);
            let removed = tx.execute(&sql, params_from_iter(args)).map_err(backend)?;
            // The surviving versions get their first/last flags back.
            tx.execute(
                "UPDATE objects SET
                   is_first = (version_key = (SELECT min(version_key) FROM objects
                                              WHERE collection_key = ?1 AND id = ?2)),
                   is_last = (version_key = (SELECT max(version_key) FROM objects
                                             WHERE collection_key = ?1 AND id = ?2))
                 WHERE collection_key = ?1 AND id = ?2",
                params![key, object_id],
            )
            .map_err(backend)?;
            tx.commit().map_err(backend)?;
            Ok(removed)
        })
    }

    fn put_status(&self, status: &StatusRecord) -> Result<(), StoreError> {
        let body = serde_json::to_string(status).map_err(|e| StoreError::Corrupt {
            what: format!("status {}", status.id),
            detail: e.to_string(),
        })?;
        self.with_writer(|c| {
            c.execute(
                "INSERT OR REPLACE INTO statuses (id, request_timestamp, body) VALUES (?1, ?2, ?3)",
                params![status.id, status.request_timestamp, body],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn statuses(&self) -> Result<Vec<StatusRecord>, StoreError> {
        let bodies: Vec<String> = self.with_reader(|c| {
            let mut st = c
                .prepare_cached("SELECT body FROM statuses ORDER BY request_timestamp, id")
                .map_err(backend)?;
            let rows = st.query_map([], |r| r.get(0)).map_err(backend)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(backend)
        })?;
        bodies
            .iter()
            .map(|b| {
                serde_json::from_str(b).map_err(|e| StoreError::Corrupt {
                    what: "a status resource".into(),
                    detail: e.to_string(),
                })
            })
            .collect()
    }

    fn pending_statuses(&self, after: i64, before: i64) -> Result<Vec<StatusRecord>, StoreError> {
        let bodies: Vec<String> = self.with_reader(|c| {
            let mut st = c
                .prepare_cached(
                    "SELECT body FROM statuses
                     WHERE request_timestamp < ?1 AND request_timestamp >= ?2
                       AND json_extract(body, '$.status') = 'pending'
                     ORDER BY request_timestamp, id",
                )
                .map_err(backend)?;
            let rows = st
                .query_map([before, after], |r| r.get(0))
                .map_err(backend)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(backend)
        })?;
        bodies
            .iter()
            .map(|b| {
                serde_json::from_str(b).map_err(|e| StoreError::Corrupt {
                    what: "a status resource".into(),
                    detail: e.to_string(),
                })
            })
            .collect()
    }

    fn status(&self, id: &str) -> Result<Option<StatusRecord>, StoreError> {
        let body: Option<String> = self.with_reader(|c| {
            c.prepare_cached("SELECT body FROM statuses WHERE id = ?1")
                .map_err(backend)?
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(backend)
        })?;
        body.map(|b| {
            serde_json::from_str(&b).map_err(|e| StoreError::Corrupt {
                what: format!("status {id}"),
                detail: e.to_string(),
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every statement that reads or rewrites one object's versions finds them through the
    /// primary key, never by walking a date index over the whole collection (which made
    /// refreshing known indicators quadratic in the collection's size).
    #[test]
    fn per_object_statements_use_the_primary_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(SqliteStore::open(dir.path()).expect("store"));
        let conn = Connection::open(dir.path().join(DB_FILE)).expect("open");
        for sql in [CLEAR_FIRST, CLEAR_LAST, SAME_BYTES, BOUNDS] {
            let mut stmt = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .expect("plan");
            let args: Vec<rusqlite::types::Value> = [1.into(), "indicator--a".to_string().into()]
                .into_iter()
                .chain(std::iter::repeat("x".to_string().into()))
                .take(stmt.parameter_count())
                .collect();
            let plan: Vec<String> = stmt
                .query_map(params_from_iter(args), |r| r.get::<_, String>(3))
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("plan rows");
            assert!(
                plan.iter()
                    .all(|p| p.contains("sqlite_autoindex_objects_1")),
                "{sql}: {plan:?}"
            );
        }
    }

    /// A data folder whose database was written by the first `version` migrations, as an
    /// older build would have left it: collection `c1` holding `objects` (id, version key,
    /// date_added, is_first, is_last), then `more` (SQL).
    fn store_at_schema(
        version: usize,
        objects: &[(&str, &str, i64, bool, bool)],
        more: &str,
    ) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = Connection::open(dir.path().join(DB_FILE)).expect("open");
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).expect("older schema");
        }
        conn.pragma_update(None, "user_version", version as i64)
            .expect("version");
        conn.execute(
            "INSERT INTO collections (key, id, title, description, last_date_added, created)
             VALUES (1, 'c1', 'C', NULL, 30, 0)",
            [],
        )
        .expect("collection");
        for (id, key, date_added, first, last) in objects {
            conn.execute(
                "INSERT INTO objects VALUES (1, ?1, 'indicator', '2.1', ?2, ?2, ?3, ?4, ?5, '{}')",
                params![id, key, date_added, first, last],
            )
            .expect("object");
        }
        conn.execute_batch(more).expect("rows at the older schema");
        dir
    }

    /// A store written at schema version 2 keeps who posted each live version through
    /// migration 3; the row of a deleted version is left behind.
    #[test]
    fn migration_3_keeps_every_live_submitter() {
        let dir = store_at_schema(
            2,
            &[
                ("indicator--a", "k1", 10, true, true),
                ("indicator--b", "k1", 20, true, true),
            ],
            "INSERT INTO submissions VALUES (1, 'indicator--a', 'k1', 'org-a', 'user-a');
                 INSERT INTO submissions VALUES (1, 'indicator--b', 'k1', 'org-b', 'user-b');
                 INSERT INTO submissions VALUES (1, 'indicator--gone', 'k1', 'org-c', 'user-c');",
        );
        let store = SqliteStore::open(dir.path()).expect("migrated");
        let by = |id: &str| store.submitter("c1", id, "k1").expect("lookup");
        assert_eq!(
            by("indicator--a").map(|s| s.org_id),
            Some("org-a".to_string())
        );
        assert_eq!(
            by("indicator--b").map(|s| s.user_id),
            Some("user-b".to_string())
        );
        assert_eq!(by("indicator--gone"), None);
        let all = store.submissions("indicator--b").expect("submissions");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].org_id, "org-b");
    }

    /// A store written at schema version 3 pages the same after migration 4 slims the date
    /// indexes: every object once, in (date_added, id) order, ties included, for the latest
    /// versions and for all of them.
    #[test]
    fn migration_4_pages_as_before() {
        let dir = store_at_schema(
            3,
            &[
                ("indicator--c", "k1", 10, true, false),
                ("indicator--b", "k1", 20, true, true),
                ("indicator--a", "k1", 20, true, true),
                ("indicator--c", "k2", 30, false, true),
            ],
            "",
        );
        let store = SqliteStore::open(dir.path()).expect("migrated");
        let walk = |versions: VersionSelect| {
            let mut seen = Vec::new();
            let mut after = None;
            loop {
                let page = store
                    .query_objects(
                        "c1",
                        &ObjectQuery {
                            versions: versions.clone(),
                            after: after.clone(),
                            limit: 1,
                            ..ObjectQuery::default()
                        },
                    )
                    .expect("page");
                for v in &page.items {
                    seen.push(format!("{}@{}", v.id, v.date_added));
                    after = Some(Position {
                        date_added: v.date_added,
                        id: v.id.clone(),
                        version: v.version_key.clone(),
                    });
                }
                if !page.more {
                    return seen;
                }
            }
        };
        assert_eq!(
            walk(VersionSelect::last()),
            ["indicator--a@20", "indicator--b@20", "indicator--c@30"]
        );
        let all = VersionSelect {
            all: true,
            ..VersionSelect::default()
        };
        assert_eq!(
            walk(all),
            [
                "indicator--c@10",
                "indicator--a@20",
                "indicator--b@20",
                "indicator--c@30"
            ]
        );
        let version: i64 = Connection::open(dir.path().join(DB_FILE))
            .expect("reopen")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version");
        assert_eq!(version, MIGRATIONS.len() as i64);
    }

    /// A store written at schema version 4 keeps its tokens through migration 5, which adds
    /// expiry and last use: they still sign in and never expire.
    #[test]
    fn migration_5_keeps_tokens_working() {
        let dir = store_at_schema(
            4,
            &[],
            "INSERT INTO orgs VALUES ('o1', 'Mercy', 0);
             INSERT INTO users VALUES ('u1', 'o1', 'alice', NULL, 0);
             INSERT INTO tokens VALUES ('abcdef0123456789', 'u1', 'sync', 7);",
        );
        let store = SqliteStore::open(dir.path()).expect("migrated");
        let user = store.user_by_token("abcdef0123456789").expect("lookup");
        assert_eq!(user.map(|u| u.name).as_deref(), Some("alice"));
        let tokens = store.tokens().expect("tokens");
        assert_eq!(tokens.len(), 1);
        assert_eq!(
            (tokens[0].created, tokens[0].expires, tokens[0].last_used),
            (7, None, None)
        );
        assert!(store.revoke_token("abcdef0123456789").expect("revoke"));
        assert!(store
            .user_by_token("abcdef0123456789")
            .expect("lookup")
            .is_none());
    }
}
