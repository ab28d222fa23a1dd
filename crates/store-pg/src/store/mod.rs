//! [`Store`] on PostgreSQL.
//!
//! Writers of one collection serialize on that collection's row (`SELECT ... FOR UPDATE`), in
//! every process: while a writer holds it, no other can hand out a `date_added`, so each batch
//! takes `greatest(database clock, last + 1)` and commits before the next batch starts. Commit
//! order is therefore `date_added` order, and a reader paging strictly after a position never
//! misses a version that commits later. Readers take no lock.

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Statement};
use ward_stix::Timestamp;
use ward_store::{Collection, StoreError, StoredVersion, User};

use crate::pool::prepared;
use crate::{backend, PgStore};

mod members;
mod plan;
mod queries;
mod trait_impl;
mod writer;

pub(crate) use writer::{insert_access, insert_scrub, upsert_setting, upsert_status};

type Statements = HashMap<String, Statement>;
type Param = Box<dyn ToSql + Sync>;
/// Reader and writer organization ids of one collection.
type Access = (Vec<String>, Vec<String>);

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn now_micros() -> i64 {
    Timestamp::now().as_micros()
}

fn is_unique_violation(e: &postgres::Error) -> bool {
    e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION)
}

/// The document to index when `raw` itself cannot become jsonb: jsonb refuses the escape
/// `\u0000`, which JSON allows. The served bytes stay `raw`; only the queried copy changes.
pub(crate) fn doc_override(raw: &str) -> Option<String> {
    if !raw.contains("\\u0000") {
        return None;
    }
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = s.replace('\0', "\u{fffd}"),
            serde_json::Value::Array(a) => a.iter_mut().for_each(clean),
            serde_json::Value::Object(o) => {
                let entries: Vec<(String, serde_json::Value)> = std::mem::take(o)
                    .into_iter()
                    .map(|(k, mut v)| {
                        clean(&mut v);
                        (k.replace('\0', "\u{fffd}"), v)
                    })
                    .collect();
                o.extend(entries);
            }
            _ => {}
        }
    }
    Some(match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(mut v) => {
            clean(&mut v);
            v.to_string()
        }
        Err(_) => "null".to_string(),
    })
}

const USER_COLUMNS: &str =
    "u.id, u.name, u.org_id, o.name, u.password_hash FROM users u JOIN orgs o ON o.id = u.org_id";

fn user_from_row(r: &Row) -> Result<User, StoreError> {
    Ok(User {
        id: r.try_get(0).map_err(backend)?,
        name: r.try_get(1).map_err(backend)?,
        org_id: r.try_get(2).map_err(backend)?,
        org_name: r.try_get(3).map_err(backend)?,
        password_hash: r.try_get(4).map_err(backend)?,
    })
}

fn org_id_by_name(c: &mut impl GenericClient, name: &str) -> Result<String, StoreError> {
    c.query_opt("SELECT id FROM orgs WHERE name = $1", &[&name])
        .map_err(backend)?
        .map(|r| r.try_get(0).map_err(backend))
        .transpose()?
        .ok_or_else(|| StoreError::UnknownOrg(name.to_string()))
}

/// Readers and writers of every collection in `keys`, by collection key.
fn access_of(c: &mut impl GenericClient, keys: &[i64]) -> Result<HashMap<i64, Access>, StoreError> {
    let rows = c
        .query(
            "SELECT collection_key, org_id, can_read, can_write FROM collection_access
             WHERE collection_key = ANY($1) ORDER BY collection_key, org_id",
            &[&keys],
        )
        .map_err(backend)?;
    let mut out: HashMap<i64, Access> = HashMap::new();
    for r in rows {
        let key: i64 = r.try_get(0).map_err(backend)?;
        let org: String = r.try_get(1).map_err(backend)?;
        let entry = out.entry(key).or_default();
        if r.try_get::<_, bool>(2).map_err(backend)? {
            entry.0.push(org.clone());
        }
        if r.try_get::<_, bool>(3).map_err(backend)? {
            entry.1.push(org);
        }
    }
    Ok(out)
}

/// Collections whose rows are `rows` (key, id, title, description), with their access lists.
fn collections_from(
    c: &mut impl GenericClient,
    rows: Vec<Row>,
) -> Result<Vec<Collection>, StoreError> {
    let mut base = Vec::with_capacity(rows.len());
    for r in rows {
        let key: i64 = r.try_get(0).map_err(backend)?;
        base.push((
            key,
            Collection {
                id: r.try_get(1).map_err(backend)?,
                title: r.try_get(2).map_err(backend)?,
                description: r.try_get(3).map_err(backend)?,
                readers: Vec::new(),
                writers: Vec::new(),
            },
        ));
    }
    let keys: Vec<i64> = base.iter().map(|(k, _)| *k).collect();
    let mut access = access_of(c, &keys)?;
    Ok(base
        .into_iter()
        .map(|(key, mut col)| {
            if let Some((readers, writers)) = access.remove(&key) {
                col.readers = readers;
                col.writers = writers;
            }
            col
        })
        .collect())
}

pub(crate) fn stored_version(r: &Row) -> Result<StoredVersion, StoreError> {
    Ok(StoredVersion {
        id: r.try_get(0).map_err(backend)?,
        object_type: r.try_get(1).map_err(backend)?,
        spec_version: r.try_get(2).map_err(backend)?,
        version: r.try_get(3).map_err(backend)?,
        version_key: r.try_get(4).map_err(backend)?,
        date_added: r.try_get(5).map_err(backend)?,
        json: r.try_get(6).map_err(backend)?,
    })
}

impl PgStore {
    fn with_conn<T: Send>(
        &self,
        f: impl FnOnce(&mut Client, &mut Statements) -> Result<T, StoreError> + Send,
    ) -> Result<T, StoreError> {
        let run = move || {
            let mut conn = self.pool.get()?;
            let (client, statements) = conn.split();
            f(client, statements)
        };
        // The driver blocks on a runtime of its own, which tokio forbids on a thread that is
        // driving async tasks. Callers should use a blocking thread, but a store call made
        // from async code must not panic the hub: leave the runtime for the call's duration.
        match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
            Err(_) => run(),
            Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(run),
            Ok(_) => std::thread::scope(|scope| {
                scope
                    .spawn(run)
                    .join()
                    .unwrap_or_else(|_| Err(StoreError::Backend("a database call panicked".into())))
            }),
        }
    }

    /// The row key of collection `id`; cached, since a collection's key never changes.
    fn collection_key(
        &self,
        c: &mut impl GenericClient,
        statements: &mut Statements,
        id: &str,
    ) -> Result<i64, StoreError> {
        if let Some(k) = self.keys.read().unwrap_or_else(|p| p.into_inner()).get(id) {
            return Ok(*k);
        }
        let st = prepared(statements, c, "SELECT key FROM collections WHERE id = $1")?;
        let key: i64 = c
            .query_opt(&st, &[&id])
            .map_err(backend)?
            .map(|r| r.try_get(0).map_err(backend))
            .transpose()?
            .ok_or_else(|| StoreError::UnknownCollection(id.to_string()))?;
        self.keys
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.to_string(), key);
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_escapes_get_an_indexable_copy() {
        assert_eq!(doc_override(r#"{"a":"b"}"#), None);
        let doc = doc_override(r#"{"a\u0000":"x\u0000y"}"#).unwrap();
        assert!(!doc.contains("\\u0000"), "{doc}");
        assert_eq!(doc_override(r#"{"a":"\u0000"#).as_deref(), Some("null"));
    }
}
