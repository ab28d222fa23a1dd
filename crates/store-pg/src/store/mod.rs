//! [`Store`] on PostgreSQL.
//!
//! Writers of one collection serialize on that collection's row (`SELECT ... FOR UPDATE`), in
//! every process: while a writer holds it, no other can hand out a `date_added`, so each batch
//! takes `greatest(database clock, last + 1)` and commits before the next batch starts. Commit
//! order is therefore `date_added` order, and a reader paging strictly after a position never
//! misses a version that commits later. Readers take no lock.

use std::collections::{HashMap, HashSet};

use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Statement};
use ward_stix::Timestamp;
use ward_store::credentials::random_secret;
use ward_store::{
    version_key, AddOutcome, Collection, NewCollection, NewVersion, ObjectQuery, Org, Page,
    ScrubRecord, SightingRecord, StatusRecord, Store, StoreError, StoredVersion, Submission,
    Submitter, TokenRecord, User, VersionSelect,
};

use crate::pool::prepared;
use crate::{backend, PgStore};

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

pub(crate) fn status_body(status: &StatusRecord) -> Result<String, StoreError> {
    serde_json::to_string(status).map_err(|e| StoreError::Corrupt {
        what: format!("status {}", status.id),
        detail: e.to_string(),
    })
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

/// What the database already holds for the ids of one batch.
#[derive(Default)]
pub(crate) struct Known {
    /// id → (smallest, largest) stored version key.
    pub bounds: HashMap<String, (String, String)>,
    /// (id, version key) pairs already stored, among those the batch could add.
    pub present: HashSet<(String, String)>,
    /// (id, bytes) of stored versions, for objects without `modified`/`created`, whose
    /// identity is their bytes.
    pub same_bytes: HashSet<(String, String)>,
}

/// One version the batch will insert.
pub(crate) struct NewRow<'a> {
    pub object: &'a NewVersion,
    pub version_key: String,
    pub version: String,
    pub date_added: i64,
    pub is_first: bool,
    pub is_last: bool,
}

pub(crate) struct Plan<'a> {
    pub outcomes: Vec<AddOutcome>,
    pub rows: Vec<NewRow<'a>>,
    pub last: i64,
    /// (id, version key) of stored versions that stop being the first / the last.
    pub unset_first: Vec<(String, String)>,
    pub unset_last: Vec<(String, String)>,
}

/// Decides, without touching the database, what adding `objects` does: the same rules as the
/// embedded store (a version already stored is a duplicate; an object without a version is
/// versioned by its `date_added` and is a duplicate when its exact bytes are stored).
pub(crate) fn plan<'a>(objects: &'a [NewVersion], known: &Known, now: i64, last: i64) -> Plan<'a> {
    let mut last = last;
    let mut outcomes = Vec::with_capacity(objects.len());
    let mut rows: Vec<NewRow<'a>> = Vec::new();
    let mut added: HashSet<(&str, String)> = HashSet::new();
    let mut added_bytes: HashSet<(&str, &str)> = HashSet::new();
    for object in objects {
        let date_added = now.max(last + 1);
        let duplicate = || AddOutcome::Duplicate {
            version: object.version.map(|t| t.to_string()).unwrap_or_default(),
        };
        let (vk, version) = match object.version {
            Some(ts) => (version_key(ts), ts.to_string()),
            None => {
                let pair = (object.id.clone(), object.json.clone());
                if known.same_bytes.contains(&pair)
                    || added_bytes.contains(&(object.id.as_str(), object.json.as_str()))
                {
                    outcomes.push(duplicate());
                    continue;
                }
                let ts = Timestamp::from_micros(date_added);
                (version_key(ts), ts.to_string())
            }
        };
        if known.present.contains(&(object.id.clone(), vk.clone()))
            || added.contains(&(object.id.as_str(), vk.clone()))
        {
            outcomes.push(duplicate());
            continue;
        }
        added.insert((object.id.as_str(), vk.clone()));
        if object.version.is_none() {
            added_bytes.insert((object.id.as_str(), object.json.as_str()));
        }
        last = date_added;
        outcomes.push(AddOutcome::Added {
            date_added,
            version: version.clone(),
        });
        rows.push(NewRow {
            object,
            version_key: vk,
            version,
            date_added,
            is_first: false,
            is_last: false,
        });
    }
    // First and last flags over stored and new versions together.
    let mut span: HashMap<&str, (String, String)> = HashMap::new();
    for row in &rows {
        let id = row.object.id.as_str();
        let entry = span.entry(id).or_insert_with(|| {
            known
                .bounds
                .get(id)
                .cloned()
                .unwrap_or_else(|| (row.version_key.clone(), row.version_key.clone()))
        });
        if row.version_key < entry.0 {
            entry.0 = row.version_key.clone();
        }
        if row.version_key > entry.1 {
            entry.1 = row.version_key.clone();
        }
    }
    for row in &mut rows {
        if let Some((min, max)) = span.get(row.object.id.as_str()) {
            row.is_first = row.version_key == *min;
            row.is_last = row.version_key == *max;
        }
    }
    let mut unset_first = Vec::new();
    let mut unset_last = Vec::new();
    for (id, (min, max)) in &span {
        if let Some((old_min, old_max)) = known.bounds.get(*id) {
            if min != old_min {
                unset_first.push((id.to_string(), old_min.clone()));
            }
            if max != old_max {
                unset_last.push((id.to_string(), old_max.clone()));
            }
        }
    }
    Plan {
        outcomes,
        rows,
        last,
        unset_first,
        unset_last,
    }
}

/// Appends `AND <column> = ANY($n)` for a non-empty list.
fn push_any(sql: &mut String, params: &mut Vec<Param>, column: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    params.push(Box::new(values.to_vec()));
    sql.push_str(&format!(" AND {column} = ANY(${})", params.len()));
}

/// Appends the `match[version]` condition; nothing when every version is wanted. A lone
/// `is_last` is written bare so that the partial index on latest versions applies.
fn push_versions(sql: &mut String, params: &mut Vec<Param>, v: &VersionSelect) {
    if v.all {
        return;
    }
    let mut parts = Vec::new();
    if v.last {
        parts.push("is_last".to_string());
    }
    if v.first {
        parts.push("is_first".to_string());
    }
    if !v.at.is_empty() {
        params.push(Box::new(v.at.clone()));
        parts.push(format!("version_key = ANY(${})", params.len()));
    }
    match parts.len() {
        // An empty selection selects nothing rather than everything.
        0 => sql.push_str(" AND false"),
        1 => {
            sql.push_str(" AND ");
            sql.push_str(&parts[0]);
        }
        _ => {
            sql.push_str(" AND (");
            sql.push_str(&parts.join(" OR "));
            sql.push(')');
        }
    }
}

fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref() as _).collect()
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

    /// The recorded submitters of `versions` of collection `collection_id`, by (id, version
    /// key); one query for the lot.
    pub(crate) fn submitters_of(
        &self,
        collection_id: &str,
        versions: &[StoredVersion],
    ) -> Result<HashMap<(String, String), Submitter>, StoreError> {
        let ids: Vec<&str> = versions.iter().map(|v| v.id.as_str()).collect();
        let keys: Vec<&str> = versions.iter().map(|v| v.version_key.as_str()).collect();
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            let st = prepared(
                s,
                c,
                "SELECT s.id, s.version_key, s.org_id, s.user_id FROM submissions s
                 JOIN unnest($2::text[], $3::text[]) AS u(id, vk)
                   ON s.id = u.id AND s.version_key = u.vk
                 WHERE s.collection_key = $1",
            )?;
            let mut out = HashMap::new();
            for r in c.query(&st, &[&key, &ids, &keys]).map_err(backend)? {
                out.insert(
                    (
                        r.try_get(0).map_err(backend)?,
                        r.try_get(1).map_err(backend)?,
                    ),
                    Submitter {
                        org_id: r.try_get(2).map_err(backend)?,
                        user_id: r.try_get(3).map_err(backend)?,
                    },
                );
            }
            Ok(out)
        })
    }

    /// Reads what the database holds for the ids of `objects` (the caller holds the
    /// collection's lock, so it cannot change until commit).
    fn known(
        c: &mut impl GenericClient,
        statements: &mut Statements,
        key: i64,
        objects: &[NewVersion],
    ) -> Result<Known, StoreError> {
        let mut known = Known::default();
        if objects.is_empty() {
            return Ok(known);
        }
        let ids: Vec<&str> = {
            let mut seen = HashSet::new();
            objects
                .iter()
                .map(|o| o.id.as_str())
                .filter(|id| seen.insert(*id))
                .collect()
        };
        let st = prepared(
            statements,
            c,
            "SELECT id, min(version_key), max(version_key) FROM objects
             WHERE collection_key = $1 AND id = ANY($2) GROUP BY id",
        )?;
        for r in c.query(&st, &[&key, &ids]).map_err(backend)? {
            let id: String = r.try_get(0).map_err(backend)?;
            let min: String = r.try_get(1).map_err(backend)?;
            let max: String = r.try_get(2).map_err(backend)?;
            known.bounds.insert(id, (min, max));
        }
        let (mut cand_ids, mut cand_keys) = (Vec::new(), Vec::new());
        let (mut bare_ids, mut bare_raw) = (Vec::new(), Vec::new());
        for o in objects {
            if !known.bounds.contains_key(&o.id) {
                continue;
            }
            match o.version {
                Some(ts) => {
                    cand_ids.push(o.id.as_str());
                    cand_keys.push(version_key(ts));
                }
                None => {
                    bare_ids.push(o.id.as_str());
                    bare_raw.push(o.json.as_str());
                }
            }
        }
        if !cand_ids.is_empty() {
            known.present = Self::present(c, statements, key, &cand_ids, &cand_keys)?;
        }
        if !bare_ids.is_empty() {
            let st = prepared(
                statements,
                c,
                "SELECT o.id, o.raw FROM objects o
                 JOIN unnest($2::text[], $3::text[]) AS u(id, raw)
                   ON o.id = u.id AND o.raw = u.raw
                 WHERE o.collection_key = $1",
            )?;
            for r in c
                .query(&st, &[&key, &bare_ids, &bare_raw])
                .map_err(backend)?
            {
                known.same_bytes.insert((
                    r.try_get(0).map_err(backend)?,
                    r.try_get(1).map_err(backend)?,
                ));
            }
        }
        Ok(known)
    }

    /// Which of the (id, version key) pairs are stored.
    fn present<I: ToSql + Sync, K: ToSql + Sync>(
        c: &mut impl GenericClient,
        statements: &mut Statements,
        key: i64,
        ids: &[I],
        keys: &[K],
    ) -> Result<HashSet<(String, String)>, StoreError> {
        let st = prepared(
            statements,
            c,
            "SELECT o.id, o.version_key FROM objects o
             JOIN unnest($2::text[], $3::text[]) AS u(id, vk)
               ON o.id = u.id AND o.version_key = u.vk
             WHERE o.collection_key = $1",
        )?;
        let mut out = HashSet::new();
        for r in c.query(&st, &[&key, &ids, &keys]).map_err(backend)? {
            out.insert((
                r.try_get(0).map_err(backend)?,
                r.try_get(1).map_err(backend)?,
            ));
        }
        Ok(out)
    }

    /// `add_objects`, recording `submitter` (when given) for every version it adds.
    fn add(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: Option<&Submitter>,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        let body = status_body(status)?;
        self.with_conn(|c, s| {
            let mut tx = c.transaction().map_err(backend)?;
            let lock = prepared(
                s,
                &mut tx,
                "SELECT key, last_date_added,
                        (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
                 FROM collections WHERE id = $1 FOR UPDATE",
            )?;
            let row = tx
                .query_opt(&lock, &[&collection_id])
                .map_err(backend)?
                .ok_or_else(|| StoreError::UnknownCollection(collection_id.to_string()))?;
            let key: i64 = row.try_get(0).map_err(backend)?;
            let first_last: i64 = row.try_get(1).map_err(backend)?;
            // The database's clock: one clock for every hub process, whatever their hosts.
            let now: i64 = row.try_get(2).map_err(backend)?;
            let mut known = Self::known(&mut tx, s, key, objects)?;
            // Objects without a version get their date_added as version; should that collide
            // with a stored version of the same id, it is a duplicate, as in the embedded
            // store. Each round adds at least one collision, so this ends.
            let plan = loop {
                let plan = plan(objects, &known, now, first_last);
                let (ids, keys): (Vec<&str>, Vec<&str>) = plan
                    .rows
                    .iter()
                    .filter(|r| {
                        r.object.version.is_none() && known.bounds.contains_key(&r.object.id)
                    })
                    .map(|r| (r.object.id.as_str(), r.version_key.as_str()))
                    .unzip();
                if ids.is_empty() {
                    break plan;
                }
                let clashes = Self::present(&mut tx, s, key, &ids, &keys)?;
                if clashes.is_empty() {
                    break plan;
                }
                known.present.extend(clashes);
            };
            for (flag, pairs) in [
                ("is_first", &plan.unset_first),
                ("is_last", &plan.unset_last),
            ] {
                if pairs.is_empty() {
                    continue;
                }
                let (ids, keys): (Vec<&str>, Vec<&str>) =
                    pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).unzip();
                let st = prepared(
                    s,
                    &mut tx,
                    &format!(
                        "UPDATE objects o SET {flag} = false
                         FROM unnest($2::text[], $3::text[]) AS u(id, vk)
                         WHERE o.collection_key = $1 AND o.id = u.id AND o.version_key = u.vk"
                    ),
                )?;
                tx.execute(&st, &[&key, &ids, &keys]).map_err(backend)?;
            }
            if !plan.rows.is_empty() {
                insert_rows(&mut tx, s, key, &plan.rows)?;
                if let Some(by) = submitter {
                    insert_submissions(&mut tx, s, key, &plan.rows, by)?;
                }
                let st = prepared(
                    s,
                    &mut tx,
                    "UPDATE collections SET last_date_added = $2 WHERE key = $1",
                )?;
                tx.execute(&st, &[&key, &plan.last]).map_err(backend)?;
            }
            upsert_status(&mut tx, s, status, &body)?;
            tx.commit().map_err(backend)?;
            Ok(plan.outcomes)
        })
    }
}

impl Store for PgStore {
    fn ping(&self) -> Result<(), StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(s, c, "SELECT 1")?;
            c.query_one(&st, &[]).map(|_| ()).map_err(backend)
        })
    }

    fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        let fresh = random_secret()?;
        self.with_conn(|c, _| {
            // Several processes may start at once: the first insert wins, all read it back.
            c.execute(
                "INSERT INTO secrets (name, value) VALUES ('cursor', $1) ON CONFLICT DO NOTHING",
                &[&fresh],
            )
            .map_err(backend)?;
            c.query_one("SELECT value FROM secrets WHERE name = 'cursor'", &[])
                .and_then(|r| r.try_get(0))
                .map_err(backend)
        })
    }

    fn add_org(&self, name: &str) -> Result<Org, StoreError> {
        let org = Org {
            id: new_id(),
            name: name.to_string(),
        };
        self.with_conn(|c, _| {
            c.execute(
                "INSERT INTO orgs (id, name, created) VALUES ($1, $2, $3)",
                &[&org.id, &org.name, &now_micros()],
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
        self.with_conn(|c, _| {
            c.query("SELECT id, name FROM orgs ORDER BY name", &[])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(Org {
                        id: r.try_get(0).map_err(backend)?,
                        name: r.try_get(1).map_err(backend)?,
                    })
                })
                .collect()
        })
    }

    fn add_user(
        &self,
        org_name: &str,
        name: &str,
        password_hash: Option<&str>,
    ) -> Result<User, StoreError> {
        self.with_conn(|c, _| {
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
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    &user.id,
                    &user.org_id,
                    &user.name,
                    &user.password_hash,
                    &now_micros(),
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
        self.with_conn(|c, s| {
            let st = prepared(s, c, &format!("SELECT {USER_COLUMNS} WHERE u.name = $1"))?;
            c.query_opt(&st, &[&name])
                .map_err(backend)?
                .map(|r| user_from_row(&r))
                .transpose()
        })
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.with_conn(|c, _| {
            c.query(&format!("SELECT {USER_COLUMNS} ORDER BY u.name"), &[])
                .map_err(backend)?
                .iter()
                .map(user_from_row)
                .collect()
        })
    }

    fn add_token(&self, user_name: &str, token_hash: &str, label: &str) -> Result<(), StoreError> {
        self.add_token_expiring(user_name, token_hash, label, None)
    }

    fn add_token_expiring(
        &self,
        user_name: &str,
        token_hash: &str,
        label: &str,
        expires: Option<i64>,
    ) -> Result<(), StoreError> {
        self.with_conn(|c, _| {
            let user_id: String = c
                .query_opt("SELECT id FROM users WHERE name = $1", &[&user_name])
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()?
                .ok_or_else(|| StoreError::UnknownUser(user_name.to_string()))?;
            c.execute(
                "INSERT INTO tokens (hash, user_id, label, created, expires)
                 VALUES ($1, $2, $3, $4, $5)",
                &[&token_hash, &user_id, &label, &now_micros(), &expires],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT hash, user_id, label, created, expires, last_used FROM tokens
                 ORDER BY created, hash",
            )?;
            c.query(&st, &[])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(TokenRecord {
                        hash: r.try_get(0).map_err(backend)?,
                        user_id: r.try_get(1).map_err(backend)?,
                        label: r.try_get(2).map_err(backend)?,
                        created: r.try_get(3).map_err(backend)?,
                        expires: r.try_get(4).map_err(backend)?,
                        last_used: r.try_get(5).map_err(backend)?,
                    })
                })
                .collect()
        })
    }

    fn user_by_token(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                &format!(
                    "SELECT {USER_COLUMNS} JOIN tokens t ON t.user_id = u.id
                     WHERE t.hash = $1 AND (t.expires IS NULL OR t.expires > $2)"
                ),
            )?;
            c.query_opt(&st, &[&token_hash, &now_micros()])
                .map_err(backend)?
                .map(|r| user_from_row(&r))
                .transpose()
        })
    }

    fn revoke_token(&self, token_hash: &str) -> Result<bool, StoreError> {
        self.with_conn(|c, _| {
            c.execute("DELETE FROM tokens WHERE hash = $1", &[&token_hash])
                .map(|n| n > 0)
                .map_err(backend)
        })
    }

    fn touch_token(&self, token_hash: &str, at: i64) -> Result<(), StoreError> {
        self.with_conn(|c, _| {
            c.execute(
                "UPDATE tokens SET last_used = $2 WHERE hash = $1",
                &[&token_hash, &at],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn set_password(&self, user_name: &str, password_hash: Option<&str>) -> Result<(), StoreError> {
        self.with_conn(|c, _| {
            let changed = c
                .execute(
                    "UPDATE users SET password_hash = $2 WHERE name = $1",
                    &[&user_name, &password_hash],
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
        self.with_conn(|c, _| {
            let mut tx = c.transaction().map_err(backend)?;
            let mut access: Vec<(String, bool, bool)> = Vec::new();
            for (names, is_read) in [(&new.readers, true), (&new.writers, false)] {
                for name in names {
                    let org = org_id_by_name(&mut tx, name)?;
                    match access.iter_mut().find(|a| a.0 == org) {
                        Some(a) if is_read => a.1 = true,
                        Some(a) => a.2 = true,
                        None => access.push((org, is_read, !is_read)),
                    }
                }
            }
            let key: i64 = tx
                .query_one(
                    "INSERT INTO collections (id, title, description, created)
                     VALUES ($1, $2, $3, $4) RETURNING key",
                    &[&id, &new.title, &new.description, &now_micros()],
                )
                .and_then(|r| r.try_get(0))
                .map_err(backend)?;
            insert_access(&mut tx, key, &access)?;
            let rows = tx
                .query(
                    "SELECT key, id, title, description FROM collections WHERE key = $1",
                    &[&key],
                )
                .map_err(backend)?;
            let collection = collections_from(&mut tx, rows)?
                .pop()
                .ok_or_else(|| StoreError::UnknownCollection(id.clone()))?;
            tx.commit().map_err(backend)?;
            Ok(collection)
        })
    }

    fn collections(&self) -> Result<Vec<Collection>, StoreError> {
        self.with_conn(|c, _| {
            let rows = c
                .query(
                    "SELECT key, id, title, description FROM collections ORDER BY key",
                    &[],
                )
                .map_err(backend)?;
            collections_from(c, rows)
        })
    }

    fn collection(&self, id: &str) -> Result<Option<Collection>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT key, id, title, description FROM collections WHERE id = $1",
            )?;
            let rows = c.query(&st, &[&id]).map_err(backend)?;
            Ok(collections_from(c, rows)?.pop())
        })
    }

    fn add_objects(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add(collection_id, objects, status, None)
    }

    fn add_objects_by(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: &Submitter,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add(collection_id, objects, status, Some(submitter))
    }

    fn submitter(
        &self,
        collection_id: &str,
        object_id: &str,
        version_key: &str,
    ) -> Result<Option<Submitter>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT s.org_id, s.user_id FROM submissions s
                 JOIN collections c ON c.key = s.collection_key
                 WHERE c.id = $1 AND s.id = $2 AND s.version_key = $3",
            )?;
            c.query_opt(&st, &[&collection_id, &object_id, &version_key])
                .map_err(backend)?
                .map(|r| {
                    Ok(Submitter {
                        org_id: r.try_get(0).map_err(backend)?,
                        user_id: r.try_get(1).map_err(backend)?,
                    })
                })
                .transpose()
        })
    }

    fn submissions(&self, object_id: &str) -> Result<Vec<Submission>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                r#"SELECT c.id, s.id, s.version_key, s.org_id, s.user_id FROM submissions s
                   JOIN collections c ON c.key = s.collection_key
                   WHERE s.id = $1 ORDER BY c.id COLLATE "C", s.version_key"#,
            )?;
            c.query(&st, &[&object_id])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(Submission {
                        collection_id: r.try_get(0).map_err(backend)?,
                        object_id: r.try_get(1).map_err(backend)?,
                        version: r.try_get(2).map_err(backend)?,
                        org_id: r.try_get(3).map_err(backend)?,
                        user_id: r.try_get(4).map_err(backend)?,
                    })
                })
                .collect()
        })
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(s, c, "SELECT value FROM settings WHERE key = $1")?;
            c.query_opt(&st, &[&key])
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()
        })
    }

    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        self.with_conn(|c, s| upsert_setting(c, s, key, value))
    }

    fn settings(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        self.with_conn(|c, s| {
            // starts_with rather than LIKE: keys may hold `%` or `_`.
            let st = prepared(
                s,
                c,
                "SELECT key, value FROM settings WHERE starts_with(key, $1) ORDER BY key",
            )?;
            c.query(&st, &[&prefix])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok((
                        r.try_get(0).map_err(backend)?,
                        r.try_get(1).map_err(backend)?,
                    ))
                })
                .collect()
        })
    }

    fn record_scrub(&self, record: &ScrubRecord) -> Result<(), StoreError> {
        self.with_conn(|c, s| insert_scrub(c, s, record))
    }

    fn scrub_records(&self, limit: usize) -> Result<Vec<ScrubRecord>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT at, collection_id, object_id, org_id, user_id, findings
                 FROM scrub_log ORDER BY seq DESC LIMIT $1",
            )?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            c.query(&st, &[&limit])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(ScrubRecord {
                        at: r.try_get(0).map_err(backend)?,
                        collection_id: r.try_get(1).map_err(backend)?,
                        object_id: r.try_get(2).map_err(backend)?,
                        org_id: r.try_get(3).map_err(backend)?,
                        user_id: r.try_get(4).map_err(backend)?,
                        findings: r.try_get(5).map_err(backend)?,
                    })
                })
                .collect()
        })
    }

    fn sightings_of(
        &self,
        collection_id: &str,
        indicator_id: &str,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            // Written to match the partial expression index `objects_sighting_of`.
            let st = prepared(
                s,
                c,
                "SELECT o.id, o.type, o.spec_version, o.version, o.version_key, o.date_added,
                        o.raw, s.org_id, s.user_id
                 FROM objects o
                 LEFT JOIN submissions s ON s.collection_key = o.collection_key
                      AND s.id = o.id AND s.version_key = o.version_key
                 WHERE o.collection_key = $1 AND o.type = 'sighting'
                   AND (o.doc ->> 'sighting_of_ref') = $2 AND o.is_last
                 ORDER BY o.date_added, o.id",
            )?;
            c.query(&st, &[&key, &indicator_id])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    let org: Option<String> = r.try_get(7).map_err(backend)?;
                    let user: Option<String> = r.try_get(8).map_err(backend)?;
                    Ok(SightingRecord {
                        version: stored_version(r)?,
                        submitter: org.map(|org_id| Submitter {
                            org_id,
                            user_id: user.unwrap_or_default(),
                        }),
                    })
                })
                .collect()
        })
    }

    fn count_objects(&self, collection_id: &str) -> Result<u64, StoreError> {
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            let st = prepared(
                s,
                c,
                "SELECT count(*) FROM objects WHERE collection_key = $1 AND is_last",
            )?;
            let n: i64 = c
                .query_one(&st, &[&key])
                .and_then(|r| r.try_get(0))
                .map_err(backend)?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }

    fn query_objects(&self, collection_id: &str, query: &ObjectQuery) -> Result<Page, StoreError> {
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            let mut sql = String::from(
                "SELECT id, type, spec_version, version, version_key, date_added, raw
                 FROM objects WHERE collection_key = $1",
            );
            let mut params: Vec<Param> = vec![Box::new(key)];
            push_any(&mut sql, &mut params, "id", &query.ids);
            if let [one] = query.types.as_slice() {
                // Equality (not `= ANY`) lets the per-type index deliver rows in order.
                params.push(Box::new(one.clone()));
                sql.push_str(&format!(" AND type = ${}", params.len()));
            } else {
                push_any(&mut sql, &mut params, "type", &query.types);
            }
            push_any(&mut sql, &mut params, "spec_version", &query.spec_versions);
            push_versions(&mut sql, &mut params, &query.versions);
            if let Some(after) = query.added_after {
                params.push(Box::new(after));
                sql.push_str(&format!(" AND date_added > ${}", params.len()));
            }
            if let Some(p) = &query.after {
                params.push(Box::new(p.date_added));
                params.push(Box::new(p.id.clone()));
                params.push(Box::new(p.version.clone()));
                let n = params.len();
                sql.push_str(&format!(
                    " AND (date_added, id, version_key) > (${}, ${}, ${})",
                    n - 2,
                    n - 1,
                    n
                ));
            }
            let limit = query.limit.max(1);
            params.push(Box::new(i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1));
            sql.push_str(&format!(
                " ORDER BY date_added, id, version_key LIMIT ${}",
                params.len()
            ));
            let st = prepared(s, c, &sql)?;
            let rows = c.query(&st, &refs(&params)).map_err(backend)?;
            let mut items = rows
                .iter()
                .map(stored_version)
                .collect::<Result<Vec<_>, _>>()?;
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
        self.with_conn(|c, s| {
            let mut tx = c.transaction().map_err(backend)?;
            // The same lock as writers: first/last flags are recomputed below.
            let key: i64 = tx
                .query_opt(
                    "SELECT key FROM collections WHERE id = $1 FOR UPDATE",
                    &[&collection_id],
                )
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()?
                .ok_or_else(|| StoreError::UnknownCollection(collection_id.to_string()))?;
            let mut sql = String::from("DELETE FROM objects WHERE collection_key = $1 AND id = $2");
            let mut params: Vec<Param> = vec![Box::new(key), Box::new(object_id.to_string())];
            push_any(&mut sql, &mut params, "spec_version", spec_versions);
            push_versions(&mut sql, &mut params, versions);
            let removed = tx.execute(&sql, &refs(&params)).map_err(backend)?;
            if removed > 0 {
                let st = prepared(
                    s,
                    &mut tx,
                    "UPDATE objects o SET is_first = (o.version_key = b.lo),
                                          is_last = (o.version_key = b.hi)
                     FROM (SELECT min(version_key) AS lo, max(version_key) AS hi FROM objects
                           WHERE collection_key = $1 AND id = $2) b
                     WHERE o.collection_key = $1 AND o.id = $2
                       AND (o.is_first <> (o.version_key = b.lo)
                            OR o.is_last <> (o.version_key = b.hi))",
                )?;
                tx.execute(&st, &[&key, &object_id]).map_err(backend)?;
            }
            tx.commit().map_err(backend)?;
            Ok(usize::try_from(removed).unwrap_or(usize::MAX))
        })
    }

    fn put_status(&self, status: &StatusRecord) -> Result<(), StoreError> {
        let body = status_body(status)?;
        self.with_conn(|c, s| upsert_status(c, s, status, &body))
    }

    fn statuses(&self) -> Result<Vec<StatusRecord>, StoreError> {
        let bodies: Vec<String> = self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT body FROM statuses ORDER BY request_timestamp, id",
            )?;
            c.query(&st, &[])
                .map_err(backend)?
                .iter()
                .map(|r| r.try_get(0).map_err(backend))
                .collect()
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
        // The body is text (see the schema); a pending status is rare, and the hub asks
        // for the statuses of one minute at a time after its first sweep.
        let bodies: Vec<String> = self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT body FROM statuses
                 WHERE request_timestamp < $1 AND request_timestamp >= $2 AND body LIKE '%\"status\":\"pending\"%'
                 ORDER BY request_timestamp, id",
            )?;
            c.query(&st, &[&before, &after])
                .map_err(backend)?
                .iter()
                .map(|r| r.try_get(0).map_err(backend))
                .collect()
        })?;
        bodies
            .iter()
            .map(|b| serde_json::from_str::<StatusRecord>(b))
            .filter(|r| !matches!(r, Ok(s) if s.status != ward_store::StatusState::Pending))
            .map(|r| {
                r.map_err(|e| StoreError::Corrupt {
                    what: "a status resource".into(),
                    detail: e.to_string(),
                })
            })
            .collect()
    }

    fn status(&self, id: &str) -> Result<Option<StatusRecord>, StoreError> {
        let body: Option<String> = self.with_conn(|c, s| {
            let st = prepared(s, c, "SELECT body FROM statuses WHERE id = $1")?;
            c.query_opt(&st, &[&id])
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()
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

pub(crate) fn insert_access(
    c: &mut impl GenericClient,
    key: i64,
    access: &[(String, bool, bool)],
) -> Result<(), StoreError> {
    for (org, read, write) in access {
        c.execute(
            "INSERT INTO collection_access (collection_key, org_id, can_read, can_write)
             VALUES ($1, $2, $3, $4)",
            &[&key, org, read, write],
        )
        .map_err(backend)?;
    }
    Ok(())
}

/// One multi-row insert of the whole batch (arrays unnested server side: one statement and
/// one round trip whatever the batch size).
fn insert_rows(
    c: &mut impl GenericClient,
    s: &mut Statements,
    key: i64,
    rows: &[NewRow<'_>],
) -> Result<(), StoreError> {
    let n = rows.len();
    let mut ids = Vec::with_capacity(n);
    let mut types = Vec::with_capacity(n);
    let mut specs = Vec::with_capacity(n);
    let mut keys = Vec::with_capacity(n);
    let mut versions = Vec::with_capacity(n);
    let mut dates = Vec::with_capacity(n);
    let mut firsts = Vec::with_capacity(n);
    let mut lasts = Vec::with_capacity(n);
    let mut raws = Vec::with_capacity(n);
    let mut docs = Vec::with_capacity(n);
    for r in rows {
        ids.push(r.object.id.as_str());
        types.push(r.object.object_type.as_str());
        specs.push(r.object.spec_version.as_str());
        keys.push(r.version_key.as_str());
        versions.push(r.version.as_str());
        dates.push(r.date_added);
        firsts.push(r.is_first);
        lasts.push(r.is_last);
        raws.push(r.object.json.as_str());
        docs.push(doc_override(&r.object.json));
    }
    let st = prepared(
        s,
        c,
        "INSERT INTO objects (collection_key, id, type, spec_version, version_key, version,
                              date_added, is_first, is_last, raw, doc)
         SELECT $1, u.id, u.type, u.spec, u.vk, u.version, u.da, u.f, u.l, u.raw,
                coalesce(u.doc, u.raw)::jsonb
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[],
                     $8::bool[], $9::bool[], $10::text[], $11::text[])
              AS u(id, type, spec, vk, version, da, f, l, raw, doc)",
    )?;
    c.execute(
        &st,
        &[
            &key, &ids, &types, &specs, &keys, &versions, &dates, &firsts, &lasts, &raws, &docs,
        ],
    )
    .map_err(backend)?;
    Ok(())
}

/// Records `by` as the submitter of every row (replacing a row a deleted version left).
fn insert_submissions(
    c: &mut impl GenericClient,
    s: &mut Statements,
    key: i64,
    rows: &[NewRow<'_>],
    by: &Submitter,
) -> Result<(), StoreError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.object.id.as_str()).collect();
    let keys: Vec<&str> = rows.iter().map(|r| r.version_key.as_str()).collect();
    let st = prepared(
        s,
        c,
        "INSERT INTO submissions (collection_key, id, version_key, org_id, user_id)
         SELECT $1, u.id, u.vk, $4, $5 FROM unnest($2::text[], $3::text[]) AS u(id, vk)
         ON CONFLICT (collection_key, id, version_key)
         DO UPDATE SET org_id = EXCLUDED.org_id, user_id = EXCLUDED.user_id",
    )?;
    c.execute(&st, &[&key, &ids, &keys, &by.org_id, &by.user_id])
        .map_err(backend)?;
    Ok(())
}

pub(crate) fn upsert_setting(
    c: &mut impl GenericClient,
    s: &mut Statements,
    key: &str,
    value: Option<&str>,
) -> Result<(), StoreError> {
    let st = match value {
        Some(_) => prepared(
            s,
            c,
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        )?,
        None => prepared(
            s,
            c,
            "DELETE FROM settings WHERE key = $1 AND $2::text IS NULL",
        )?,
    };
    c.execute(&st, &[&key, &value]).map_err(backend)?;
    Ok(())
}

pub(crate) fn insert_scrub(
    c: &mut impl GenericClient,
    s: &mut Statements,
    r: &ScrubRecord,
) -> Result<(), StoreError> {
    let st = prepared(
        s,
        c,
        "INSERT INTO scrub_log (at, collection_id, object_id, org_id, user_id, findings)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )?;
    c.execute(
        &st,
        &[
            &r.at,
            &r.collection_id,
            &r.object_id,
            &r.org_id,
            &r.user_id,
            &r.findings,
        ],
    )
    .map_err(backend)?;
    Ok(())
}

pub(crate) fn upsert_status(
    c: &mut impl GenericClient,
    s: &mut Statements,
    status: &StatusRecord,
    body: &str,
) -> Result<(), StoreError> {
    let st = prepared(
        s,
        c,
        "INSERT INTO statuses (id, owner_org, request_timestamp, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET owner_org = EXCLUDED.owner_org,
             request_timestamp = EXCLUDED.request_timestamp, body = EXCLUDED.body",
    )?;
    c.execute(
        &st,
        &[
            &status.id,
            &status.owner_org,
            &status.request_timestamp,
            &body,
        ],
    )
    .map_err(backend)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(id: &str, modified: Option<&str>, json: &str) -> NewVersion {
        NewVersion {
            id: id.into(),
            object_type: "indicator".into(),
            spec_version: "2.1".into(),
            version: modified.map(|m| Timestamp::parse(m).unwrap()),
            json: json.into(),
        }
    }

    #[test]
    fn plan_marks_duplicates_and_flags_like_the_embedded_store() {
        let mut known = Known::default();
        let feb = version_key(Timestamp::parse("2024-02-01T00:00:00Z").unwrap());
        known.bounds.insert("a".into(), (feb.clone(), feb.clone()));
        known.present.insert(("a".into(), feb.clone()));
        let batch = [
            v("a", Some("2024-02-01T00:00:00Z"), "{}"), // stored already
            v("a", Some("2024-03-01T00:00:00Z"), "{}"), // new last
            v("a", Some("2024-01-01T00:00:00Z"), "{}"), // new first
            v("b", None, "{\"x\":1}"),
            v("b", None, "{\"x\":1}"), // same bytes in the batch
            v("a", Some("2024-03-01T00:00:00Z"), "{}"), // repeated in the batch
        ];
        let p = plan(&batch, &known, 100, 500);
        let added: Vec<bool> = p
            .outcomes
            .iter()
            .map(|o| matches!(o, AddOutcome::Added { .. }))
            .collect();
        assert_eq!(added, [false, true, true, true, false, false]);
        let dates: Vec<i64> = p.rows.iter().map(|r| r.date_added).collect();
        assert_eq!(dates, [501, 502, 503], "strictly after last, clock behind");
        assert!(p.rows[0].is_last && !p.rows[0].is_first);
        assert!(p.rows[1].is_first && !p.rows[1].is_last);
        assert_eq!(p.unset_first, [("a".to_string(), feb.clone())]);
        assert_eq!(p.unset_last, [("a".to_string(), feb)]);
        assert_eq!(p.rows[2].version, Timestamp::from_micros(503).to_string());
        assert_eq!(p.last, 503);
    }

    #[test]
    fn nul_escapes_get_an_indexable_copy() {
        assert_eq!(doc_override(r#"{"a":"b"}"#), None);
        let doc = doc_override(r#"{"a\u0000":"x\u0000y"}"#).unwrap();
        assert!(!doc.contains("\\u0000"), "{doc}");
        assert_eq!(doc_override(r#"{"a":"\u0000"#).as_deref(), Some("null"));
    }
}
