//! Moving a store (normally the embedded one) into PostgreSQL without loss: organizations,
//! users (with their password hashes), API tokens (their hashes), status resources, collections with their ids and access lists, the
//! cursor-signing key (so cursors handed out before the move stay valid), every object
//! version with its `date_added`, exact bytes and submitter, hub settings and the scrub
//! record. Everything is written in one transaction,
//! so a failed migration leaves the target as empty as it was; then both stores are read back
//! through the [`Store`] trait and compared by counts and a SHA-256 checksum.

use std::collections::HashMap;

use postgres::Statement;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use serde::Serialize;
use sha2::{Digest as _, Sha256};
use ward_stix::Timestamp;
use ward_store::{
    Collection, ObjectQuery, Org, ScrubRecord, Store, StoreError, StoredVersion, Submitter, User,
    VersionSelect,
};

use crate::store::{
    doc_override, insert_access, insert_scrub, status_body, upsert_setting, upsert_status,
};
use crate::{backend, PgError, PgStore};

/// Versions read from the source per page.
const PAGE: usize = 5000;

/// One kind of record, counted in both stores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub source: u64,
    pub target: u64,
}

/// What `migrate` copied and how the two stores compare afterwards.
#[derive(Clone, Debug, Serialize)]
pub struct MigrationReport {
    pub orgs: Count,
    pub users: Count,
    pub collections: Count,
    /// Object versions, over every collection.
    pub versions: Count,
    /// Versions with a recorded submitter.
    pub submissions: Count,
    pub settings: Count,
    pub scrub_records: Count,
    /// API tokens (their hashes: tokens keep working after the move).
    pub tokens: Count,
    /// Status resources of earlier posts.
    pub statuses: Count,
    /// SHA-256 over members, collections and every version (collection, id, version,
    /// `date_added`, bytes) in delivery order, read from each store.
    pub source_checksum: String,
    pub target_checksum: String,
    /// Records the `Store` trait offers no way to list, so they were not copied.
    pub not_migrated: Vec<String>,
}

impl MigrationReport {
    /// Whether every count and the checksum agree.
    pub fn matches(&self) -> bool {
        [
            self.orgs,
            self.users,
            self.collections,
            self.versions,
            self.submissions,
            self.settings,
            self.scrub_records,
            self.tokens,
            self.statuses,
        ]
        .iter()
        .all(|c| c.source == c.target)
            && self.source_checksum == self.target_checksum
    }
}

/// Running counts and checksum of one store, fed in delivery order.
#[derive(Default)]
struct Digest {
    hasher: Sha256,
    orgs: u64,
    users: u64,
    collections: u64,
    versions: u64,
    submissions: u64,
    settings: u64,
    scrub_records: u64,
}

impl Digest {
    /// Length-prefixed, so that no two different records hash the same bytes.
    fn field(&mut self, bytes: &[u8]) {
        self.hasher.update((bytes.len() as u64).to_le_bytes());
        self.hasher.update(bytes);
    }

    fn optional(&mut self, text: Option<&str>) {
        match text {
            Some(t) => {
                self.hasher.update([1]);
                self.field(t.as_bytes());
            }
            None => self.hasher.update([0]),
        }
    }

    fn members(&mut self, orgs: &[Org], users: &[User], collections: &[Collection]) {
        for o in orgs {
            self.orgs += 1;
            self.field(b"org");
            self.field(o.id.as_bytes());
            self.field(o.name.as_bytes());
        }
        for u in users {
            self.users += 1;
            self.field(b"user");
            self.field(u.id.as_bytes());
            self.field(u.name.as_bytes());
            self.field(u.org_id.as_bytes());
            self.optional(u.password_hash.as_deref());
        }
        for c in collections {
            self.collections += 1;
            self.field(b"collection");
            self.field(c.id.as_bytes());
            self.field(c.title.as_bytes());
            self.optional(c.description.as_deref());
            self.field(c.readers.join(",").as_bytes());
            self.field(c.writers.join(",").as_bytes());
        }
    }

    fn policy(&mut self, settings: &[(String, String)], scrubs: &[ScrubRecord]) {
        for (k, v) in settings {
            self.settings += 1;
            self.field(b"setting");
            self.field(k.as_bytes());
            self.field(v.as_bytes());
        }
        for r in scrubs {
            self.scrub_records += 1;
            self.field(b"scrub");
            self.hasher.update(r.at.to_le_bytes());
            for f in [
                &r.collection_id,
                &r.object_id,
                &r.org_id,
                &r.user_id,
                &r.findings,
            ] {
                self.field(f.as_bytes());
            }
        }
    }

    fn version(&mut self, collection: &str, v: &StoredVersion, by: Option<&Submitter>) {
        if by.is_some() {
            self.submissions += 1;
        }
        self.optional(by.map(|b| b.org_id.as_str()));
        self.optional(by.map(|b| b.user_id.as_str()));
        self.versions += 1;
        self.field(collection.as_bytes());
        self.field(v.id.as_bytes());
        self.field(v.object_type.as_bytes());
        self.field(v.spec_version.as_bytes());
        self.field(v.version.as_bytes());
        self.field(v.version_key.as_bytes());
        self.hasher.update(v.date_added.to_le_bytes());
        self.field(v.json.as_bytes());
    }

    fn finish(self) -> (String, [u64; 7]) {
        let hex = self
            .hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        (
            hex,
            [
                self.orgs,
                self.users,
                self.collections,
                self.versions,
                self.submissions,
                self.settings,
                self.scrub_records,
            ],
        )
    }
}

/// Calls `f` on every version of `collection`, in delivery order.
fn each_version(
    store: &dyn Store,
    collection: &str,
    mut f: impl FnMut(&StoredVersion) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    each_page(store, collection, |items| items.iter().try_for_each(&mut f))
}

/// Calls `f` on every page of versions of `collection`, in delivery order.
fn each_page(
    store: &dyn Store,
    collection: &str,
    mut f: impl FnMut(&[StoredVersion]) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut after = None;
    loop {
        let page = store.query_objects(
            collection,
            &ObjectQuery {
                versions: VersionSelect::all(),
                after: after.take(),
                limit: PAGE,
                ..ObjectQuery::default()
            },
        )?;
        f(&page.items)?;
        after = page.items.last().map(StoredVersion::position);
        if !page.more || after.is_none() {
            return Ok(());
        }
    }
}

/// Reads everything `store` serves, in the order it serves it. Submitters are fetched a
/// page at a time (one round trip per page rather than per version).
fn digest(store: &PgStore) -> Result<Digest, StoreError> {
    let mut d = Digest::default();
    let collections = store.collections()?;
    d.members(&store.orgs()?, &store.users()?, &collections);
    d.policy(&store.settings("")?, &store.scrub_records(usize::MAX)?);
    for c in &collections {
        each_page(store, &c.id, |items| {
            let by = store.submitters_of(&c.id, items)?;
            for v in items {
                d.version(&c.id, v, by.get(&(v.id.clone(), v.version_key.clone())));
            }
            Ok(())
        })?;
    }
    Ok(d)
}

/// Copies `from` into `to`, which must hold no organizations, users, collections or objects
/// yet, then compares both. A mismatch is reported (see [`MigrationReport::matches`]), not an
/// error; errors mean nothing was copied.
pub fn migrate(from: &dyn Store, to: &PgStore) -> Result<MigrationReport, PgError> {
    let orgs = from.orgs()?;
    let users = from.users()?;
    let collections = from.collections()?;
    let signing_key = from.signing_key()?;
    let settings = from.settings("")?;
    let scrubs = from.scrub_records(usize::MAX)?;
    let tokens = from.tokens()?;
    let statuses = from.statuses()?;
    let mut source = Digest::default();
    source.members(&orgs, &users, &collections);
    source.policy(&settings, &scrubs);
    let now = Timestamp::now().as_micros();
    {
        let mut conn = to.pool.get()?;
        let (client, _) = conn.split();
        let mut tx = client.transaction().map_err(backend)?;
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
        if let Some(what) = filled {
            return Err(PgError::TargetNotEmpty {
                url: to.url().to_string(),
                what,
            });
        }
        tx.execute(
            "INSERT INTO secrets (name, value) VALUES ('cursor', $1)
             ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            &[&signing_key],
        )
        .map_err(backend)?;
        for o in &orgs {
            tx.execute(
                "INSERT INTO orgs (id, name, created) VALUES ($1, $2, $3)",
                &[&o.id, &o.name, &now],
            )
            .map_err(backend)?;
        }
        for u in &users {
            tx.execute(
                "INSERT INTO users (id, org_id, name, password_hash, created)
                 VALUES ($1, $2, $3, $4, $5)",
                &[&u.id, &u.org_id, &u.name, &u.password_hash, &now],
            )
            .map_err(backend)?;
        }
        for t in &tokens {
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
        for status in &statuses {
            let body = status_body(status)?;
            upsert_status(&mut tx, &mut statements, status, &body)?;
        }
        for (k, v) in &settings {
            upsert_setting(&mut tx, &mut statements, k, Some(v))?;
        }
        // Oldest first, so that the log's order (newest first) is kept.
        for r in scrubs.iter().rev() {
            insert_scrub(&mut tx, &mut statements, r)?;
        }
        let mut keys = HashMap::new();
        for c in &collections {
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
            insert_access(&mut tx, key, &access)?;
            keys.insert(c.id.clone(), key);
        }
        // Versions go through a staging table by COPY; first/last flags are then computed
        // over each object's complete set of versions in one pass.
        tx.batch_execute(
            r#"CREATE TEMP TABLE ward_migrate (
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
               ) ON COMMIT DROP"#,
        )
        .map_err(backend)?;
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
        for c in &collections {
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
        tx.batch_execute(
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
             WHERE c.key = m.collection_key;",
        )
        .map_err(backend)?;
        tx.commit().map_err(backend)?;
        // Fresh statistics, so the first page queries already plan as index range scans.
        conn.client
            .batch_execute("ANALYZE objects")
            .map_err(backend)?;
    }
    let (source_checksum, s) = source.finish();
    let (target_checksum, t) = digest(to)?.finish();
    let count = |i: usize| Count {
        source: s[i],
        target: t[i],
    };
    Ok(MigrationReport {
        orgs: count(0),
        users: count(1),
        collections: count(2),
        versions: count(3),
        submissions: count(4),
        settings: count(5),
        scrub_records: count(6),
        tokens: Count {
            source: tokens.len() as u64,
            target: to.tokens()?.len() as u64,
        },
        statuses: Count {
            source: statuses.len() as u64,
            target: to.statuses()?.len() as u64,
        },
        source_checksum,
        target_checksum,
        not_migrated: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(date_added: i64, json: &str) -> StoredVersion {
        StoredVersion {
            id: "indicator--1".into(),
            object_type: "indicator".into(),
            spec_version: "2.1".into(),
            version: "2024-01-01T00:00:00.000Z".into(),
            version_key: "2024-01-01T00:00:00.000000000Z".into(),
            date_added,
            json: json.into(),
        }
    }

    fn checksum(date_added: i64, json: &str, by: Option<&Submitter>) -> String {
        let mut d = Digest::default();
        d.version("c", &version(date_added, json), by);
        d.finish().0
    }

    #[test]
    fn checksum_sees_every_field_that_must_survive() {
        let by = Submitter {
            org_id: "o".into(),
            user_id: "u".into(),
        };
        let base = checksum(1, "{}", Some(&by));
        assert_eq!(base, checksum(1, "{}", Some(&by)), "deterministic");
        assert_ne!(base, checksum(2, "{}", Some(&by)), "date_added");
        assert_ne!(base, checksum(1, "{ }", Some(&by)), "bytes");
        assert_ne!(base, checksum(1, "{}", None), "submitter");
        // Length prefixes: moving bytes between fields changes the sum.
        let mut a = Digest::default();
        a.field(b"ab");
        a.field(b"c");
        let mut b = Digest::default();
        b.field(b"a");
        b.field(b"bc");
        assert_ne!(a.finish().0, b.finish().0);
    }

    #[test]
    fn report_matches_only_when_everything_agrees() {
        let same = Count {
            source: 3,
            target: 3,
        };
        let mut report = MigrationReport {
            orgs: same,
            users: same,
            collections: same,
            versions: same,
            submissions: same,
            settings: same,
            scrub_records: same,
            tokens: same,
            statuses: same,
            source_checksum: "x".into(),
            target_checksum: "x".into(),
            not_migrated: vec![],
        };
        assert!(report.matches());
        report.scrub_records.target = 2;
        assert!(!report.matches());
        report.scrub_records.target = 3;
        report.target_checksum = "y".into();
        assert!(!report.matches());
    }
}
