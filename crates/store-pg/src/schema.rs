//! The PostgreSQL schema and its migrations, versioned in code.
//!
//! Text that takes part in the delivery order (`id`, `version_key`) and names compared with
//! SQLite's answers use the "C" collation: byte order, the same as SQLite's and as Rust's
//! `String` order, so a position means the same thing on both backends and a cursor stays
//! valid after `ward admin migrate`.

use postgres::Client;
use ward_store::{SchemaUpgrade, StoreError};

use crate::backend;

/// Serializes schema changes of processes starting at once (any constant unique to ward).
const MIGRATION_LOCK: i64 = 0x7761_7264_5f73_6368; // "ward_sch"

/// Applied in order; `ward_schema.version` records how many ran. Append only: a released
/// migration never changes.
const MIGRATIONS: &[&str] = &[
    // 1: the initial schema.
    r#"
    CREATE TABLE secrets (name text PRIMARY KEY, value bytea NOT NULL);
    CREATE TABLE orgs (
        id text PRIMARY KEY,
        name text COLLATE "C" NOT NULL UNIQUE,
        created bigint NOT NULL
    );
    CREATE TABLE users (
        id text PRIMARY KEY,
        org_id text NOT NULL REFERENCES orgs(id),
        name text COLLATE "C" NOT NULL UNIQUE,
        password_hash text,
        created bigint NOT NULL
    );
    CREATE TABLE tokens (
        hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        label text NOT NULL,
        created bigint NOT NULL
    );
    CREATE TABLE collections (
        key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        title text NOT NULL,
        description text,
        -- The last date_added handed out; writers hold this row's lock while they add.
        last_date_added bigint NOT NULL DEFAULT 0,
        created bigint NOT NULL
    );
    CREATE TABLE collection_access (
        collection_key bigint NOT NULL REFERENCES collections(key),
        org_id text COLLATE "C" NOT NULL REFERENCES orgs(id),
        can_read boolean NOT NULL,
        can_write boolean NOT NULL,
        PRIMARY KEY (collection_key, org_id)
    );
    CREATE TABLE objects (
        collection_key bigint NOT NULL REFERENCES collections(key),
        id text COLLATE "C" NOT NULL,
        type text COLLATE "C" NOT NULL,
        spec_version text COLLATE "C" NOT NULL,
        version_key text COLLATE "C" NOT NULL,
        version text NOT NULL,
        date_added bigint NOT NULL,
        is_first boolean NOT NULL,
        is_last boolean NOT NULL,
        -- Served: the object exactly as accepted.
        raw text NOT NULL,
        -- Queried: the same object parsed (NUL escapes, which jsonb refuses, replaced).
        doc jsonb,
        PRIMARY KEY (collection_key, id, version_key)
    );
    -- Keyset pagination: a page is one index range scan whatever the collection's size.
    CREATE INDEX objects_by_date ON objects (collection_key, date_added, id, version_key);
    CREATE INDEX objects_last_by_date ON objects (collection_key, date_added, id, version_key)
        WHERE is_last;
    CREATE TABLE statuses (
        id text PRIMARY KEY,
        owner_org text NOT NULL,
        request_timestamp bigint NOT NULL,
        -- Text, not jsonb: failure messages may quote NUL escapes from rejected input.
        body text NOT NULL
    );
    "#,
    // 2: the sharing policy: who submitted each version (private), hub settings, the
    // operator's record of what the scrubber changed, and sightings by what they sighted.
    r#"
    CREATE TABLE submissions (
        collection_key bigint NOT NULL REFERENCES collections(key),
        id text COLLATE "C" NOT NULL,
        version_key text COLLATE "C" NOT NULL,
        org_id text NOT NULL,
        user_id text NOT NULL,
        PRIMARY KEY (collection_key, id, version_key)
    );
    CREATE INDEX submissions_by_object ON submissions (id);
    CREATE TABLE settings (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
    CREATE TABLE scrub_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at bigint NOT NULL,
        collection_id text NOT NULL,
        object_id text NOT NULL,
        org_id text NOT NULL,
        user_id text NOT NULL,
        findings text NOT NULL
    );
    -- Pages of one type (`match[type]=indicator`, the usual feed query) stay one range scan
    -- even when that type is rare in a large collection.
    CREATE INDEX objects_last_by_type
        ON objects (collection_key, type, date_added, id, version_key) WHERE is_last;
    -- What the jsonb copy is for: sightings found by the indicator they sighted.
    CREATE INDEX objects_sighting_of ON objects (collection_key, (doc ->> 'sighting_of_ref'))
        WHERE type = 'sighting';
    "#,
    // 3: token life cycle: an optional expiry, and when each token was last used.
    r#"
    ALTER TABLE tokens ADD COLUMN expires bigint, ADD COLUMN last_used bigint;
    "#,
    // 4: member life cycle, as SQLite's migration 6: disabled organizations and users, and
    // names unique whatever their case (later duplicates get the start of their id).
    r#"
    ALTER TABLE orgs ADD COLUMN disabled boolean NOT NULL DEFAULT false;
    ALTER TABLE users ADD COLUMN disabled boolean NOT NULL DEFAULT false;
    UPDATE orgs o SET name = o.name || ' (' || left(o.id, 8) || ')'
        WHERE o.created > (SELECT min(p.created) FROM orgs p WHERE lower(p.name) = lower(o.name))
           OR o.id > (SELECT min(p.id) FROM orgs p WHERE lower(p.name) = lower(o.name)
                      AND p.created = o.created);
    UPDATE users o SET name = o.name || ' (' || left(o.id, 8) || ')'
        WHERE o.created > (SELECT min(p.created) FROM users p WHERE lower(p.name) = lower(o.name))
           OR o.id > (SELECT min(p.id) FROM users p WHERE lower(p.name) = lower(o.name)
                      AND p.created = o.created);
    UPDATE collections o SET title = o.title || ' (' || left(o.id, 8) || ')'
        WHERE o.key > (SELECT min(p.key) FROM collections p WHERE lower(p.title) = lower(o.title));
    CREATE UNIQUE INDEX orgs_name_lower ON orgs (lower(name));
    CREATE UNIQUE INDEX users_name_lower ON users (lower(name));
    CREATE UNIQUE INDEX collections_title_lower ON collections (lower(title));
    "#,
    // 5: a per-collection count of removals, as SQLite's migration 8: raised in the same
    // transaction as every write that deletes or rewrites a version.
    r#"
    ALTER TABLE collections ADD COLUMN changes bigint NOT NULL DEFAULT 0;
    "#,
];

/// The schema version this build writes (and the newest it reads).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date in one transaction. A database without ward's schema gets
/// one only when `create` says so (else [`StoreError::Missing`], `shown` naming it): an
/// empty database named by mistake must not become an empty hub.
pub(crate) fn migrate(
    client: &mut Client,
    create: bool,
    shown: &str,
) -> Result<Option<SchemaUpgrade>, StoreError> {
    let mut tx = client.transaction().map_err(backend)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(backend)?;
    let exists: bool = tx
        .query_one("SELECT to_regclass('ward_schema') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(backend)?;
    if !exists && !create {
        return Err(StoreError::Missing {
            place: shown.to_string(),
            hint: format!("--database {shown}"),
        });
    }
    tx.batch_execute("CREATE TABLE IF NOT EXISTS ward_schema (version integer NOT NULL)")
        .map_err(backend)?;
    let current: i64 = match tx
        .query_opt("SELECT version FROM ward_schema", &[])
        .map_err(backend)?
    {
        Some(row) => i64::from(row.try_get::<_, i32>(0).map_err(backend)?),
        None => {
            tx.execute("INSERT INTO ward_schema (version) VALUES (0)", &[])
                .map_err(backend)?;
            0
        }
    };
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    // Before an upgrade changes anything, every table of ward's schema is copied to a schema
    // of its own in the same database, in the same transaction: a failed upgrade leaves
    // neither copy nor change, a regretted one can be undone from the copy.
    let backup = if current > 0 && current < known {
        Some(copy_tables(&mut tx, current)?)
    } else {
        None
    };
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(sql).map_err(backend)?;
        let version = i as i32 + 1;
        tx.execute("UPDATE ward_schema SET version = $1", &[&version])
            .map_err(backend)?;
    }
    tx.commit().map_err(backend)?;
    Ok((current > 0 && current < known).then_some(SchemaUpgrade {
        from: current,
        to: known,
        backup,
    }))
}

/// Copies every table of the current schema (ward's) into a new schema named for the old
/// version and the time (Unix seconds), `ward_backup_v3_1764756900`; returns where it is as
/// said to the operator ("schema ... of the same database").
fn copy_tables(tx: &mut postgres::Transaction<'_>, version: i64) -> Result<String, StoreError> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let schema = format!("ward_backup_v{version}_{secs}");
    tx.batch_execute(&format!("CREATE SCHEMA {schema}"))
        .map_err(backend)?;
    let tables: Vec<String> = tx
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
             ORDER BY tablename",
            &[],
        )
        .map_err(backend)?
        .iter()
        .map(|r| r.try_get::<_, String>(0))
        .collect::<Result<_, _>>()
        .map_err(backend)?;
    for table in &tables {
        // Names come from the catalog; quoted all the same.
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        tx.batch_execute(&format!("CREATE TABLE {schema}.{quoted} AS TABLE {quoted}"))
            .map_err(backend)?;
    }
    Ok(format!(
        "schema {schema} of the same database ({} tables)",
        tables.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database written at schema version 2 keeps its tokens through migration 3, which
    /// adds expiry and last use: they still sign in and never expire.
    #[test]
    fn migration_3_keeps_tokens_working() {
        use ward_store::Store;
        let Some(db) = crate::scratch::for_test() else {
            return;
        };
        {
            let mut client = postgres::Client::connect(db.url(), postgres::NoTls).expect("connect");
            let mut older = client.transaction().expect("transaction");
            older
                .batch_execute("CREATE TABLE ward_schema (version integer NOT NULL)")
                .expect("schema table");
            for sql in &MIGRATIONS[..2] {
                older.batch_execute(sql).expect("older schema");
            }
            older
                .batch_execute(
                    "INSERT INTO ward_schema VALUES (2);
                     INSERT INTO orgs VALUES ('o1', 'Mercy', 0);
                     INSERT INTO users VALUES ('u1', 'o1', 'alice', NULL, 0);
                     INSERT INTO tokens VALUES ('abcdef0123456789', 'u1', 'sync', 7);",
                )
                .expect("rows at the older schema");
            older.commit().expect("commit");
        }
        let store = crate::PgStore::open(db.url()).expect("migrated");
        let upgrade = store.upgrade().expect("an upgrade");
        assert_eq!((upgrade.from, upgrade.to), (2, SCHEMA_VERSION));
        // The version-2 tables were copied to a schema of their own before the upgrade.
        let backup = upgrade.backup.clone().expect("a backup");
        let schema = backup
            .split_whitespace()
            .nth(1)
            .expect("schema name")
            .to_string();
        assert!(schema.starts_with("ward_backup_v2_"), "{backup}");
        let mut client = postgres::Client::connect(db.url(), postgres::NoTls).expect("connect");
        let copied: i64 = client
            .query_one(&format!("SELECT count(*) FROM {schema}.tokens"), &[])
            .and_then(|r| r.try_get(0))
            .expect("the copied tokens");
        assert_eq!(copied, 1);
        let version: i32 = client
            .query_one(&format!("SELECT version FROM {schema}.ward_schema"), &[])
            .and_then(|r| r.try_get(0))
            .expect("the copied version");
        assert_eq!(version, 2);
        let user = store.user_by_token("abcdef0123456789").expect("lookup");
        assert_eq!(user.map(|u| u.name).as_deref(), Some("alice"));
        let tokens = store.tokens().expect("tokens");
        assert_eq!(
            (tokens[0].created, tokens[0].expires, tokens[0].last_used),
            (7, None, None)
        );
    }
}
