//! Backup and restore of the embedded store with SQLite's online backup API.
//!
//! Copying `ward.db` while the hub runs loses whatever still sits in the WAL (an operator
//! restored 4 of 3,004 objects that way). The backup API reads the database through a
//! connection, so it sees the WAL's committed content, and it copies every page inside one
//! read transaction: the copy is the store as it stood at one commit, while the hub keeps
//! writing (in WAL mode a reader never blocks the writer).

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::schema::SCHEMA_VERSION;
use super::{backend, SqliteStore, DB_FILE};
use crate::StoreError;

/// What a store file holds, read without changing it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StoreFileInfo {
    /// `PRAGMA user_version`: how many schema migrations it has.
    pub schema_version: i64,
    pub orgs: u64,
    pub collections: u64,
    /// Object versions, over every collection.
    pub versions: u64,
}

impl StoreFileInfo {
    /// Whether the store holds no member, collection or object (a fresh store).
    pub fn is_empty(&self) -> bool {
        self.orgs == 0 && self.collections == 0 && self.versions == 0
    }
}

/// Copies all pages of `from` into `to` in one step, so the copy is one consistent
/// snapshot; busy or locked steps are retried for up to a minute.
fn copy_pages(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, to).map_err(backend)?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        // -1: every remaining page in this step, under one read transaction of the source.
        match backup.step(-1).map_err(backend)? {
            StepResult::Done => return Ok(()),
            _ => {
                if std::time::Instant::now() > deadline {
                    return Err(StoreError::Backend(
                        "the backup could not read the store for a minute (locked)".into(),
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
}

fn sync_file(path: &Path) -> Result<(), StoreError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::Backend(format!("{}: {e}", path.display())))
}

impl SqliteStore {
    /// Writes a consistent copy of the whole store to `dest`, a single self-contained
    /// SQLite file (rollback journal, no WAL beside it) that [`restore_store`] takes back.
    /// Safe while this or another process writes to the store. The copy is written beside
    /// `dest` and renamed into place, so `dest` is never a half-written backup.
    pub fn backup_to(&self, dest: &Path) -> Result<StoreFileInfo, StoreError> {
        let partial = partial_path(dest);
        let _ = std::fs::remove_file(&partial);
        let result = (|| {
            let source = Self::connect(&self.path)?;
            // A backup holds everything the store does: created readable by its owner only.
            create_private(&partial)?;
            let mut target = Connection::open(&partial).map_err(backend)?;
            copy_pages(&source, &mut target)?;
            // The pages say WAL mode; a backup is one file, so it leaves WAL for the
            // rollback journal (this also folds nothing: the target has no WAL yet).
            target
                .pragma_update(None, "journal_mode", "DELETE")
                .map_err(backend)?;
            drop(target);
            sync_file(&partial)?;
            let info = inspect_store_file(&partial)?;
            std::fs::rename(&partial, dest)
                .map_err(|e| StoreError::Backend(format!("{}: {e}", dest.display())))?;
            Ok(info)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    dest.with_file_name(name)
}

/// Checks that `path` is a sound ward store this build can read and says what it holds;
/// never writes to it.
pub fn inspect_store_file(path: &Path) -> Result<StoreFileInfo, StoreError> {
    let not_ours = |detail: String| StoreError::Corrupt {
        what: path.display().to_string(),
        detail,
    };
    if !path.is_file() {
        return Err(not_ours("no such file".into()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_ours(format!("cannot be opened as an SQLite database: {e}")))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not_ours(format!("not an SQLite database: {e}")))?;
    if check != "ok" {
        return Err(not_ours(format!("damaged ({check})")));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(backend)?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
             AND name IN ('orgs', 'users', 'collections', 'objects', 'statuses', 'secrets')",
            [],
            |r| r.get(0),
        )
        .map_err(backend)?;
    if version < 1 || tables != 6 {
        return Err(not_ours(
            "an SQLite database, but not a ward store (no ward schema)".into(),
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    let count = |table: &str| -> Result<u64, StoreError> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n.max(0) as u64)
        .map_err(backend)
    };
    Ok(StoreFileInfo {
        schema_version: version,
        orgs: count("orgs")?,
        collections: count("collections")?,
        versions: count("objects")?,
    })
}

/// Replaces the store in folder `dir` (created if missing) with the backup `from`, after
/// checking that `from` is a ward store this build reads. Whether an existing store may be
/// replaced is the caller's decision (see [`inspect_store_file`]); no hub may be serving
/// `dir` meanwhile. The restored store is then opened once, which brings an older backup's
/// schema up to date.
pub fn restore_store(from: &Path, dir: &Path) -> Result<StoreFileInfo, StoreError> {
    inspect_store_file(from)?;
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
        path: dir.display().to_string(),
        source,
    })?;
    let source =
        Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(backend)?;
    let path = dir.join(DB_FILE);
    let mut target = SqliteStore::connect(&path)?;
    // Through the target's own connection, so its WAL and locks stay coherent: a stale WAL
    // left beside an old ward.db can never be replayed over the restored pages.
    copy_pages(&source, &mut target)?;
    target
        .pragma_update(None, "journal_mode", "WAL")
        .map_err(backend)?;
    drop(target);
    drop(SqliteStore::open(dir)?);
    inspect_store_file(&path)
}

/// Creates `path` empty, readable and writable by its owner alone (on Unix), so that SQLite
/// writes the backup into a file nobody else can read.
fn create_private(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map(drop)
        .map_err(|e| StoreError::Backend(format!("{}: cannot create: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::Store;

    fn version(id: &str) -> NewVersion {
        NewVersion {
            id: id.into(),
            object_type: "indicator".into(),
            spec_version: "2.1".into(),
            version: None,
            json: format!("{{\"id\":\"{id}\"}}"),
        }
    }

    fn status() -> StatusRecord {
        StatusRecord {
            id: "s1".into(),
            owner_org: "org".into(),
            status: StatusState::Complete,
            request_timestamp: 0,
            total_count: 1,
            successes: vec![],
            failures: vec![],
            pendings: vec![],
            unlisted: Default::default(),
        }
    }

    #[test]
    fn backup_holds_what_is_still_in_the_wal_and_restores() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(&dir.path().join("hub")).expect("open");
        store.add_org("Mercy").expect("org");
        // Created on first use: the cursor key must travel with the backup.
        let key = store.signing_key().expect("key");
        let c = store
            .create_collection(&NewCollection {
                title: "alerts".into(),
                ..NewCollection::default()
            })
            .expect("collection");
        store
            .add_objects(&c.id, &[version("indicator--1")], &status())
            .expect("add");
        // The store is still open: its last commits are in the WAL, not yet in ward.db.
        let file = dir.path().join("hub.bak");
        let info = store.backup_to(&file).expect("backup");
        assert_eq!((info.orgs, info.collections, info.versions), (1, 1, 1));
        assert_eq!(info.schema_version, SCHEMA_VERSION);
        assert!(!partial_path(&file).exists());

        let restored = dir.path().join("restored");
        let info = restore_store(&file, &restored).expect("restore");
        assert_eq!(info.versions, 1);
        let back = SqliteStore::open(&restored).expect("reopen");
        assert_eq!(back.count_objects(&c.id).expect("count"), 1);
        assert_eq!(back.signing_key().expect("key"), key);
    }

    #[test]
    fn a_file_that_is_no_ward_store_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello, this is not a database at all........").expect("write");
        let err = inspect_store_file(&text).expect_err("text").to_string();
        assert!(err.contains("notes.txt"), "{err}");
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .expect("open")
            .execute_batch("CREATE TABLE t (x);")
            .expect("table");
        let err = inspect_store_file(&other).expect_err("other").to_string();
        assert!(err.contains("not a ward store"), "{err}");
        assert!(restore_store(&other, &dir.path().join("r")).is_err());
        assert!(!dir.path().join("r").join(DB_FILE).exists());
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(dir.path()).expect("open");
        drop(store);
        let path = dir.path().join(DB_FILE);
        Connection::open(&path)
            .expect("open")
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("version");
        let err = inspect_store_file(&path).expect_err("newer");
        assert!(matches!(err, StoreError::SchemaTooNew { .. }), "{err}");
    }
}
