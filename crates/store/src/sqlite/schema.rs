//! The schema: migrations applied in order at open, counted by `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use super::backend;
use crate::{SchemaUpgrade, StoreError};

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Append
/// only: a released migration never changes.
pub(super) const MIGRATIONS: &[&str] = &[
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
    // 6: member life cycle. Organizations and users can be disabled (they keep their data
    // but cannot sign in), and names are unique whatever their case: a hub that already
    // holds names differing only in case keeps the oldest as is and gives the others the
    // start of their id, `Mercy (3f2a9c1e)`, which the operator can rename.
    r#"
    ALTER TABLE orgs ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
    UPDATE orgs SET name = name || ' (' || substr(id, 1, 8) || ')'
        WHERE rowid NOT IN (SELECT min(rowid) FROM orgs GROUP BY name COLLATE NOCASE);
    UPDATE users SET name = name || ' (' || substr(id, 1, 8) || ')'
        WHERE rowid NOT IN (SELECT min(rowid) FROM users GROUP BY name COLLATE NOCASE);
    UPDATE collections SET title = title || ' (' || substr(id, 1, 8) || ')'
        WHERE key NOT IN (SELECT min(key) FROM collections GROUP BY title COLLATE NOCASE);
    CREATE UNIQUE INDEX orgs_name_nocase ON orgs (name COLLATE NOCASE);
    CREATE UNIQUE INDEX users_name_nocase ON users (name COLLATE NOCASE);
    CREATE UNIQUE INDEX collections_title_nocase ON collections (title COLLATE NOCASE);
    "#,
    // 7: latest versions by type in date order, as PostgreSQL's `objects_last_by_type`: a
    // page of one type (`match[type]`, the web interface's search by type) is one range
    // scan even when the type is rare, or absent, in a large collection; the date index
    // alone walked every object of the collection to find none.
    r#"
    CREATE INDEX objects_last_by_type ON objects (collection_key, type, date_added)
        WHERE is_last = 1;
    "#,
    // 8: a per-collection count of removals, raised in the same transaction as every write
    // that deletes or rewrites a version (additions move `last_date_added`): what was built
    // from a collection (a block list) is known to be current by reading one row, from any
    // process sharing the store.
    r#"
    ALTER TABLE collections ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
    "#,
];

/// The schema version this build writes (and the newest it reads).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings an older schema up to date, after copying the database to `backup_to(version)`
/// when there is one to upgrade (a fresh store has nothing to lose). The copy is SQLite's
/// `VACUUM INTO`: a consistent snapshot taken in one read transaction, WAL included, so a
/// failed or regretted upgrade can be undone by putting it back.
pub(super) fn migrate(
    conn: &mut Connection,
    backup_to: impl Fn(i64) -> std::path::PathBuf,
) -> Result<Option<SchemaUpgrade>, StoreError> {
    let before: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(backend)?;
    let mut backup = None;
    if before > 0 && before < SCHEMA_VERSION {
        let path = backup_to(before);
        // A copy of the same second holds the same store: it is kept.
        if !path.exists() {
            let text = path.to_str().ok_or_else(|| {
                StoreError::Backend(format!("backup path {} is not UTF-8", path.display()))
            })?;
            conn.execute("VACUUM INTO ?1", [text]).map_err(backend)?;
        }
        backup = Some(path.display().to_string());
    }
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
    tx.commit().map_err(backend)?;
    Ok((current < known && current > 0).then_some(SchemaUpgrade {
        from: current,
        to: known,
        backup,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::sqlite::{SqliteStore, DB_FILE};
    use crate::Store;
    use rusqlite::params;

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
        // The upgrade copied the version-4 database next to the store first.
        let upgrade = store.upgrade().expect("an upgrade").clone();
        assert_eq!((upgrade.from, upgrade.to), (4, SCHEMA_VERSION));
        let backup = std::path::PathBuf::from(upgrade.backup.expect("a copy"));
        let name = backup.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            name.starts_with("ward.db.schema-4-") && name.ends_with(".bak"),
            "{name}"
        );
        assert_eq!(backup.parent(), Some(dir.path()));
        let old = Connection::open(&backup).expect("backup opens");
        let old_version: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version");
        assert_eq!(old_version, 4);
        let old_tokens: i64 = old
            .query_row("SELECT count(*) FROM tokens", [], |r| r.get(0))
            .expect("tokens in the copy");
        assert_eq!(old_tokens, 1);
        // Opening again upgrades nothing and copies nothing.
        drop(store);
        let store = SqliteStore::open(dir.path()).expect("reopen");
        assert!(store.upgrade().is_none());
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

    /// A store written at schema version 5 that holds names differing only in case keeps
    /// the oldest of each as is through migration 6; the others get the start of their id,
    /// and from then on such a name is refused.
    #[test]
    fn migration_6_makes_names_unique_whatever_their_case() {
        let dir = store_at_schema(
            5,
            &[],
            "INSERT INTO orgs VALUES ('aaaaaaaa-1', 'Mercy General', 0);
             INSERT INTO orgs VALUES ('bbbbbbbb-2', 'mercy general', 1);
             INSERT INTO collections (key, id, title, created) VALUES (2, 'c2', 'c', 0);",
        );
        let store = SqliteStore::open(dir.path()).expect("migrated");
        let names: Vec<String> = store
            .orgs()
            .expect("orgs")
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, ["Mercy General", "mercy general (bbbbbbbb)"]);
        let titles: Vec<String> = store
            .collections()
            .expect("collections")
            .into_iter()
            .map(|c| c.title)
            .collect();
        assert_eq!(titles, ["C", "c (c2)"]);
        assert!(matches!(
            store.add_org("MERCY GENERAL"),
            Err(StoreError::AlreadyExists { .. })
        ));
    }
}
