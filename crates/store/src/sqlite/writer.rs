//! The writer: group commit of concurrent `add_objects` calls, streamed adds in a transaction
//! of their own, the per-version insert that keeps the first/last flags right, and deletes.

use std::sync::mpsc;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};

use super::queries::{push_in, push_versions};
use super::{backend, collection_key, now_micros, SqliteStore};
use crate::model::*;
use crate::{StoreError, VersionSource};
use ward_stix::Timestamp;

impl SqliteStore {
    pub(super) fn add_job(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: Option<Submitter>,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        let status_body = status.to_json()?;
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
            // Dated by the caller, not after the last date_added: counted as a change that
            // a reader must not take for an addition.
            super::bump_changes(&tx, key)?;
            tx.commit().map_err(backend)
        })
    }

    pub(super) fn stream_versions(
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
                let outcomes = insert_versions(&tx, key, &mut last, &batch, Some(submitter))?;
                source.stored(&outcomes);
            }
            let status = source.status()?;
            let body = status.to_json()?;
            close_batch(&tx, key, last, &status.id, status.request_timestamp, &body)?;
            tx.commit().map_err(backend)
        })
    }

    pub(super) fn delete_versions(
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
            if removed > 0 {
                super::bump_changes(&tx, key)?;
            }
            tx.commit().map_err(backend)?;
            Ok(removed)
        })
    }
}

// The statements that touch one object's versions name the primary key (collection_key, id,
// version_key) as their index. Left alone, SQLite picks `objects_last_by_date` for
// `is_last = 1`, which holds every latest version of the collection: each new version of a
// known object then walked the whole collection, and refreshing n known indicators took
// O(n * collection) (1,000 into 60,000 took 18.8 s). SQLite names a table's first key
// index `_1`.

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

/// One caller's `add_objects`, waiting in the group-commit queue.
pub(super) struct AddJob {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sqlite::DB_FILE;

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
}
