//! The embedded store: one SQLite database file in WAL mode under the data folder.
//!
//! One writer connection (SQLite allows one writer at a time anyway; `BEGIN IMMEDIATE` also
//! serializes several processes sharing the file) and a pool of reader connections, which WAL
//! lets run beside the writer. Concurrent `add_objects` calls are group-committed: one
//! transaction and one fsync for all that queued up meanwhile. Commits use `synchronous=FULL`, so an acknowledged write survives
//! power loss, not only `kill -9`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension};
use ward_stix::Timestamp;

use crate::model::*;
use crate::{SchemaUpgrade, StoreError};

mod backup;
mod members;
mod memory;
mod queries;
mod schema;
mod trait_impl;
mod writer;

pub use backup::{inspect_store_file, restore_store, StoreFileInfo};
pub use memory::{limit_sqlite_memory, sqlite_memory};
use schema::migrate;
pub use schema::SCHEMA_VERSION;
use writer::AddJob;

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "ward.db";

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
    upgrade: Option<SchemaUpgrade>,
}

impl SqliteStore {
    /// Opens the store in folder `dir` only if it holds one: the hub never makes an empty
    /// store out of a mistyped folder (`SqliteStore::open` is for `ward admin init` and
    /// the member toolkit, which create theirs).
    pub fn open_existing(dir: &Path) -> Result<SqliteStore, StoreError> {
        if !dir.join(DB_FILE).is_file() {
            let shown = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
            return Err(StoreError::Missing {
                place: shown.display().to_string(),
                hint: format!("--data {}", dir.display()),
            });
        }
        Self::open(dir)
    }

    /// What opening did to an older schema, if anything.
    pub fn upgrade(&self) -> Option<&SchemaUpgrade> {
        self.upgrade.as_ref()
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

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
        // Named for the old version and the time, so an earlier attempt's copy is never taken
        // for this one's.
        let upgrade = migrate(&mut writer, |version| {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            dir.join(format!("{DB_FILE}.schema-{version}-{secs}.bak"))
        })?;
        Ok(SqliteStore {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            pending: Mutex::new(Vec::new()),
            upgrade,
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
}

fn collection_key(conn: &Connection, id: &str) -> Result<i64, StoreError> {
    conn.query_row("SELECT key FROM collections WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
    .map_err(backend)?
    .ok_or_else(|| StoreError::UnknownCollection(id.to_string()))
}

/// Raises collection `key`'s count of removals (see [`crate::Store::change_count`]), inside
/// the caller's transaction.
fn bump_changes(conn: &Connection, key: i64) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE collections SET changes = changes + 1 WHERE key = ?1")
        .map_err(backend)?
        .execute([key])
        .map_err(backend)?;
    Ok(())
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
