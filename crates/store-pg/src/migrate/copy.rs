//! The copy: every record of the source written into the empty target in one transaction
//! (versions through a staging table filled by binary COPY), so a failed migration leaves
//! the target as empty as it was.

use std::collections::HashMap;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::{Statement, Transaction};
use ward_stix::Timestamp;
use ward_store::{Collection, Store};

use super::verify::{each_version, Digest};
use super::Snapshot;
use crate::store::{doc_override, insert_access, insert_scrub, upsert_setting, upsert_status};
use crate::{backend, PgError, PgStore};

/// The staging table versions are copied into before their first/last flags are known.
const STAGING: &str = r#"CREATE TEMP TABLE ward_migrate (
                   collection_key bigint NOT NULL,
                   id text COLLATE "C" NOT NULL,
                   type text COLLATE "C" NOT NULL,
                   spec_version text COLLATE "C" NOT NULL,
                   version_key text COLLATE "C" NOT NULL,
                   version text NOT NULL,
                   date_added bigint NOT NULL,
                   raw text NOT NULL,
                   doc text,
                   org_id text,
                   user_id text
               ) ON COMMIT DROP"#;

/// Moves the staged versions into place: first/last flags computed over each object's
/// complete set of versions in one pass, submitters, and each collection's last `date_added`.
const FROM_STAGING: &str =
    "INSERT INTO objects (collection_key, id, type, spec_version, version_key, version,
                                  date_added, is_first, is_last, raw, doc)
             SELECT collection_key, id, type, spec_version, version_key, version, date_added,
                    version_key = min(version_key) OVER w, version_key = max(version_key) OVER w,
                    raw, coalesce(doc, raw)::jsonb
             FROM ward_migrate WINDOW w AS (PARTITION BY collection_key, id);
             INSERT INTO submissions (collection_key, id, version_key, org_id, user_id)
             SELECT collection_key, id, version_key, org_id, coalesce(user_id, '')
             FROM ward_migrate WHERE org_id IS NOT NULL;
             UPDATE collections c SET last_date_added = m.hi
             FROM (SELECT collection_key, max(date_added) AS hi FROM objects
                   GROUP BY collection_key) m
             WHERE c.key = m.collection_key;";

/// Writes `snapshot` and every version of `from` into `to` in one transaction, feeding each
/// version to `source` (the source's checksum) as it goes.
pub(super) fn copy(
    from: &dyn Store,
    to: &PgStore,
    snapshot: &Snapshot,
    source: &mut Digest,
) -> Result<(), PgError> {
    let now = Timestamp::now().as_micros();
    let mut conn = to.pool.get()?;
    let (client, _) = conn.split();
    let mut tx = client.transaction().map_err(backend)?;
    ensure_empty(&mut tx, to)?;
    copy_members(&mut tx, snapshot, now)?;
    let keys = copy_collections(&mut tx, &snapshot.collections, now)?;
    copy_versions(&mut tx, from, &snapshot.collections, &keys, source)?;
    tx.commit().map_err(backend)?;
    // Fresh statistics, so the first page queries already plan as index range scans.
    conn.client
        .batch_execute("ANALYZE objects")
        .map_err(backend)?;
    Ok(())
}

/// Refuses a target that already holds members, collections or objects.
fn ensure_empty(tx: &mut Transaction<'_>, to: &PgStore) -> Result<(), PgError> {
    let filled: Option<String> = tx
        .query_one(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM orgs) THEN 'organizations'
                         WHEN EXISTS (SELECT 1 FROM users) THEN 'users'
                         WHEN EXISTS (SELECT 1 FROM collections) THEN 'collections'
                         WHEN EXISTS (SELECT 1 FROM objects) THEN 'objects' END",
            &[],
        )
        .and_then(|r| r.try_get(0))
        .map_err(backend)?;
    match filled {
        Some(what) => Err(PgError::TargetNotEmpty {
            url: to.url().to_string(),
            what,
        }),
        None => Ok(()),
    }
}

/// The signing key, organizations, users, tokens, status resources, settings and the scrub
/// record.
fn copy_members(tx: &mut Transaction<'_>, snapshot: &Snapshot, now: i64) -> Result<(), PgError> {
    tx.execute(
        "INSERT INTO secrets (name, value) VALUES ('cursor', $1)
         ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
        &[&snapshot.signing_key],
    )
    .map_err(backend)?;
    for o in &snapshot.orgs {
        tx.execute(
            "INSERT INTO orgs (id, name, created) VALUES ($1, $2, $3)",
            &[&o.id, &o.name, &now],
        )
        .map_err(backend)?;
    }
    for u in &snapshot.users {
        tx.execute(
            "INSERT INTO users (id, org_id, name, password_hash, created)
             VALUES ($1, $2, $3, $4, $5)",
            &[&u.id, &u.org_id, &u.name, &u.password_hash, &now],
        )
        .map_err(backend)?;
    }
    let (orgs_off, users_off) = &snapshot.disabled;
    tx.execute(
        "UPDATE orgs SET disabled = true WHERE id = ANY($1)",
        &[orgs_off],
    )
    .map_err(backend)?;
    tx.execute(
        "UPDATE users SET disabled = true WHERE id = ANY($1)",
        &[users_off],
    )
    .map_err(backend)?;
    for t in &snapshot.tokens {
        tx.execute(
            "INSERT INTO tokens (hash, user_id, label, created, expires, last_used)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &t.hash,
                &t.user_id,
                &t.label,
                &t.created,
                &t.expires,
                &t.last_used,
            ],
        )
        .map_err(backend)?;
    }
    let mut statements: HashMap<String, Statement> = HashMap::new();
    for status in &snapshot.statuses {
        let body = status.to_json()?;
        upsert_status(tx, &mut statements, status, &body)?;
    }
    for (k, v) in &snapshot.settings {
        upsert_setting(tx, &mut statements, k, Some(v))?;
    }
    // Oldest first, so that the log's order (newest first) is kept.
    for r in snapshot.scrubs.iter().rev() {
        insert_scrub(tx, &mut statements, r)?;
    }
    Ok(())
}

/// Creates the collections with their ids and access lists; returns their row keys by id.
fn copy_collections(
    tx: &mut Transaction<'_>,
    collections: &[Collection],
    now: i64,
) -> Result<HashMap<String, i64>, PgError> {
    let mut keys = HashMap::new();
    for c in collections {
        let key: i64 = tx
            .query_one(
                "INSERT INTO collections (id, title, description, created)
                 VALUES ($1, $2, $3, $4) RETURNING key",
                &[&c.id, &c.title, &c.description, &now],
            )
            .and_then(|r| r.try_get(0))
            .map_err(backend)?;
        let mut access: Vec<(String, bool, bool)> = Vec::new();
        for org in c.readers.iter().chain(&c.writers) {
            if !access.iter().any(|a| &a.0 == org) {
                access.push((org.clone(), c.can_read(org), c.can_write(org)));
            }
        }
        insert_access(tx, key, &access)?;
        keys.insert(c.id.clone(), key);
    }
    Ok(keys)
}

/// Every version of every collection, with its submitter: COPY into the staging table, then
/// one pass into place.
fn copy_versions(
    tx: &mut Transaction<'_>,
    from: &dyn Store,
    collections: &[Collection],
    keys: &HashMap<String, i64>,
    source: &mut Digest,
) -> Result<(), PgError> {
    tx.batch_execute(STAGING).map_err(backend)?;
    let sink = tx
        .copy_in(
            "COPY ward_migrate (collection_key, id, type, spec_version, version_key, version,
                                date_added, raw, doc, org_id, user_id)
             FROM STDIN (FORMAT binary)",
        )
        .map_err(backend)?;
    let mut writer = BinaryCopyInWriter::new(
        sink,
        &[
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
        ],
    );
    for c in collections {
        let key = keys.get(&c.id).copied().unwrap_or_default();
        each_version(from, &c.id, |v| {
            let by = from.submitter(&c.id, &v.id, &v.version_key)?;
            source.version(&c.id, v, by.as_ref());
            let doc = doc_override(&v.json);
            let (org, user) = (
                by.as_ref().map(|b| b.org_id.as_str()),
                by.as_ref().map(|b| b.user_id.as_str()),
            );
            writer
                .write(&[
                    &key,
                    &v.id,
                    &v.object_type,
                    &v.spec_version,
                    &v.version_key,
                    &v.version,
                    &v.date_added,
                    &v.json,
                    &doc,
                    &org,
                    &user,
                ])
                .map_err(backend)
        })?;
    }
    writer.finish().map_err(backend)?;
    tx.batch_execute(FROM_STAGING).map_err(backend)?;
    Ok(())
}
