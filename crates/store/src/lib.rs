//! ward's hub store: persistence with TAXII 2.1 semantics. It owns collections and who may
//! read or write them, every version of every object (kept byte-for-byte as accepted, with a
//! hub-assigned `date_added` at microsecond precision, strictly increasing per collection),
//! manifests, status resources, organizations, users and API tokens (stored hashed), and the
//! hub-wide key that signs pagination cursors.
//!
//! Everything above this crate talks to the [`Store`] trait only: the SQLite implementation
//! ([`SqliteStore`], the embedded default) and a later PostgreSQL one must be interchangeable
//! without a change above the trait, and several hub processes may share one store, so no
//! state that matters lives in a process. This crate must never know about HTTP, request
//! parsing or media types, and nothing outside `sqlite/` may know that SQL exists.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod credentials;
mod model;
pub mod recovery;
mod sqlite;

pub use model::*;

pub use sqlite::{
    inspect_store_file, limit_sqlite_memory, restore_store, sqlite_memory, SqliteStore,
    StoreFileInfo, DB_FILE, SCHEMA_VERSION,
};

/// The keys that start with `prefix` are those `>= prefix` and `<` this bound (byte order),
/// when `prefix` ends in an ASCII character below `~` (`watch/alert/` gives `watch/alert0`);
/// `None` otherwise. With it a prefix is a key range the key index answers directly.
pub fn prefix_end(prefix: &str) -> Option<String> {
    let last = *prefix.as_bytes().last()?;
    if !(last.is_ascii() && last < 0x7e) {
        return None;
    }
    let mut upper = prefix.get(..prefix.len() - 1)?.to_string();
    upper.push(char::from(last + 1));
    Some(upper)
}

/// The exclusive upper bound of a page of settings under `prefix` older than `before`: the
/// lower of `before` and [`prefix_end`], so a page read starts where it is and never walks
/// the keys past it.
pub fn settings_page_end(prefix: &str, before: Option<&str>) -> Option<String> {
    match (before, prefix_end(prefix)) {
        (Some(b), Some(end)) => Some(if b < end.as_str() { b.to_string() } else { end }),
        (Some(b), None) => Some(b.to_string()),
        (None, end) => end,
    }
}

/// What opening a store did to an older schema: the versions before and after, and where
/// the copy taken before changing anything was written: a file beside an embedded store, a
/// schema of the same database for PostgreSQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaUpgrade {
    pub from: i64,
    pub to: i64,
    pub backup: Option<String>,
}

/// Versions handed to [`Store::add_objects_streamed`] as they pass their checks.
pub trait VersionSource {
    /// The next versions to store, in order; `None` once every one was handed over.
    fn next_batch(&mut self) -> Option<Vec<NewVersion>>;
    /// The status resource that reports every version handed over, asked for once after
    /// the last batch; an error abandons the whole transaction (nothing is stored).
    fn status(&mut self) -> Result<StatusRecord, StoreError>;
    /// What became of the versions handed over, one outcome each, in order: after each
    /// batch is written, or all at once. The default ignores them.
    fn stored(&mut self, outcomes: &[AddOutcome]) {
        let _ = outcomes;
    }
}

/// Why a store operation failed. Backend errors keep their text so that logs say what broke.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("organization {0:?} does not exist")]
    UnknownOrg(String),
    #[error("user {0:?} does not exist")]
    UnknownUser(String),
    #[error("collection {0:?} does not exist")]
    UnknownCollection(String),
    #[error("{what} {name:?} already exists")]
    AlreadyExists { what: &'static str, name: String },
    #[error("store folder {path} cannot be created")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("collection {id} holds {versions} object versions; remove them too with --force")]
    NotEmpty { id: String, versions: u64 },
    #[error("token {0} does not exist")]
    UnknownToken(String),
    #[error("no hub store at {place} (run `ward admin init {hint}` to create one)")]
    Missing { place: String, hint: String },
    #[error("store schema version {found} is newer than this ward understands (up to {known})")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("stored record {what} is corrupt: {detail}")]
    Corrupt { what: String, detail: String },
    #[error("database: {0}")]
    Backend(String),
    #[error("random number source failed: {0}")]
    Random(String),
}

/// A setting holding a whole number of days from 1 to `limit` (how long something is kept
/// or shown): `default` when it is not set, an error naming the key and what to run when it
/// holds anything else.
pub fn days_setting(
    store: &dyn Store,
    key: &str,
    default: u32,
    limit: u32,
    set_with: &str,
) -> Result<u32, StoreError> {
    let Some(text) = store.setting(key)? else {
        return Ok(default);
    };
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=limit).contains(d))
        .ok_or_else(|| {
            StoreError::Backend(format!(
                "setting {key} is {text:?}: expected 1 to {limit} days (set it with `{set_with}`)"
            ))
        })
}

/// The hub's persistence. Object-safe so that the server holds an `Arc<dyn Store>`.
///
/// Methods block: async callers run them on a blocking thread. Every method is atomic; those
/// that write several records (`add_objects` with its status) commit them in one transaction,
/// so after a crash either all of it is there or none of it.
pub trait Store: Send + Sync {
    /// Answers when the store can be read (for `/healthz`).
    fn ping(&self) -> Result<(), StoreError>;

    /// The hub-wide secret that signs pagination cursors, created on first use. Every process
    /// sharing the store gets the same key, so a cursor from one process works on another.
    fn signing_key(&self) -> Result<Vec<u8>, StoreError>;

    // --- members -------------------------------------------------------------------------

    /// Admits an organization; names are unique.
    fn add_org(&self, name: &str) -> Result<Org, StoreError>;
    fn orgs(&self) -> Result<Vec<Org>, StoreError>;
    /// Adds a user to an existing organization. `password_hash` is a PHC string from
    /// [`credentials::hash_password`]; `None` makes a token-only user.
    fn add_user(
        &self,
        org_name: &str,
        name: &str,
        password_hash: Option<&str>,
    ) -> Result<User, StoreError>;
    fn user(&self, name: &str) -> Result<Option<User>, StoreError>;
    fn users(&self) -> Result<Vec<User>, StoreError>;
    /// Records a token by its hash ([`credentials::token_hash`]); the token itself is never
    /// stored. The default is [`Store::add_token_expiring`] with no expiry.
    fn add_token(&self, user_name: &str, token_hash: &str, label: &str) -> Result<(), StoreError> {
        self.add_token_expiring(user_name, token_hash, label, None)
    }
    /// The user a token belongs to, unless the token is unknown, revoked or expired. Read
    /// from the store on every call: a revocation or expiry holds at once in every process.
    fn user_by_token(&self, token_hash: &str) -> Result<Option<User>, StoreError>;
    /// Every token record, oldest first (to move a store without loss).
    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError>;
    /// [`Store::add_token`] for a token that stops working at `expires` (microseconds since
    /// the epoch; `None`: never).
    fn add_token_expiring(
        &self,
        user_name: &str,
        token_hash: &str,
        label: &str,
        expires: Option<i64>,
    ) -> Result<(), StoreError>;
    /// Removes a token; returns whether there was one with that hash.
    fn revoke_token(&self, token_hash: &str) -> Result<bool, StoreError>;
    /// Records that a token was used at `at` (microseconds since the epoch).
    fn touch_token(&self, token_hash: &str, at: i64) -> Result<(), StoreError>;
    /// Sets (`Some`, a PHC string from [`credentials::hash_password`]) or removes (`None`) a
    /// user's password.
    fn set_password(&self, user_name: &str, password_hash: Option<&str>) -> Result<(), StoreError>;

    /// Makes one change to members or collections, all of it in one transaction. Names
    /// (organizations, users, collection titles) are unique whatever their case, checked by
    /// the store itself so two processes racing cannot both win.
    fn change_members(&self, change: &MemberChange) -> Result<MemberOutcome, StoreError>;

    // --- collections ---------------------------------------------------------------------

    /// Creates a collection with a fresh UUID; every reader and writer org must exist.
    fn create_collection(&self, new: &NewCollection) -> Result<Collection, StoreError>;
    fn collections(&self) -> Result<Vec<Collection>, StoreError>;
    fn collection(&self, id: &str) -> Result<Option<Collection>, StoreError>;

    // --- objects -------------------------------------------------------------------------

    /// Stores every version not already present (same `id` and version: a duplicate, not an
    /// error) and writes `status` — the status resource as it stands once this batch is in —
    /// in the same transaction. Returns one outcome per input, in order.
    fn add_objects(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
    ) -> Result<Vec<AddOutcome>, StoreError>;

    /// One page of object versions matching `query`, ordered by (`date_added`, `id`,
    /// version), strictly after `query.after`.
    fn query_objects(&self, collection_id: &str, query: &ObjectQuery) -> Result<Page, StoreError>;

    /// Deletes the versions of `object_id` that `versions`/`spec_versions` select; returns how
    /// many were removed.
    fn delete_object(
        &self,
        collection_id: &str,
        object_id: &str,
        versions: &VersionSelect,
        spec_versions: &[String],
    ) -> Result<usize, StoreError>;

    // --- status --------------------------------------------------------------------------

    /// Writes (inserts or replaces) a status resource on its own.
    fn put_status(&self, status: &StatusRecord) -> Result<(), StoreError>;
    fn status(&self, id: &str) -> Result<Option<StatusRecord>, StoreError>;
    /// Every status resource, oldest request first (to move a store without loss).
    fn statuses(&self) -> Result<Vec<StatusRecord>, StoreError>;
    /// Every status resource still pending whose request came at or after `after` and before
    /// `before` (microseconds since the epoch), oldest first. The default filters
    /// [`Store::statuses`].
    fn pending_statuses(&self, after: i64, before: i64) -> Result<Vec<StatusRecord>, StoreError> {
        Ok(self
            .statuses()?
            .into_iter()
            .filter(|s| {
                s.status == StatusState::Pending && (after..before).contains(&s.request_timestamp)
            })
            .collect())
    }

    // --- sharing policy ------------------------------------------------------------------
    //
    // Added after the first release with default bodies, so a backend that lacks them still
    // compiles; each default says how the hub degrades (always towards sharing less).

    /// [`Store::add_objects`] that also records, in the same transaction, `submitter` as who
    /// posted every version it adds. The default stores the versions without a submitter: the
    /// policy then treats them as anonymous with no known author organization.
    fn add_objects_by(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: &Submitter,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        let _ = submitter;
        self.add_objects(collection_id, objects, status)
    }

    /// [`Store::add_objects_by`] for versions that are still being checked while the first
    /// ones are stored: `source` hands over batches until it runs out, then the status
    /// resource that reports them; all of it is committed in one transaction, or none of it
    /// when `source.status()` fails. A large envelope's checks (parse, validation, PHI scrub)
    /// then run beside the writer instead of before it. The default gathers every batch and
    /// makes one [`Store::add_objects_by`] call, which is what a backend without a faster
    /// path needs.
    fn add_objects_streamed(
        &self,
        collection_id: &str,
        source: &mut dyn VersionSource,
        submitter: &Submitter,
    ) -> Result<(), StoreError> {
        let mut all = Vec::new();
        while let Some(batch) = source.next_batch() {
            all.extend(batch);
        }
        let status = source.status()?;
        let outcomes = self.add_objects_by(collection_id, &all, &status, submitter)?;
        source.stored(&outcomes);
        Ok(())
    }

    /// Who posted one version (`version_key` as in [`StoredVersion::version_key`]).
    fn submitter(
        &self,
        collection_id: &str,
        object_id: &str,
        version_key: &str,
    ) -> Result<Option<Submitter>, StoreError> {
        let _ = (collection_id, object_id, version_key);
        Ok(None)
    }

    /// Every recorded submission of `object_id`, in any collection (for the operator, and to
    /// tell a re-share from an update).
    fn submissions(&self, object_id: &str) -> Result<Vec<Submission>, StoreError> {
        let _ = object_id;
        Ok(Vec::new())
    }

    /// A hub setting (policy configuration such as an organization's attribution).
    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let _ = key;
        Ok(None)
    }

    /// Sets (`Some`) or clears (`None`) a hub setting.
    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        let _ = (key, value);
        Err(StoreError::Backend(
            "this store does not keep hub settings".into(),
        ))
    }

    /// Every setting whose key starts with `prefix`, ordered by key.
    fn settings(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let _ = prefix;
        Ok(Vec::new())
    }

    /// At most `limit` settings whose key starts with `prefix` and sorts before `before`
    /// (every such key when `None`), newest key first: one page of a long list (a year of
    /// alerts) without reading the rest.
    fn settings_page(
        &self,
        prefix: &str,
        before: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut all = self.settings(prefix)?;
        all.retain(|(k, _)| before.is_none_or(|b| k.as_str() < b));
        all.reverse();
        all.truncate(limit);
        Ok(all)
    }

    /// Appends to the operator's record of what the scrubber changed.
    fn record_scrub(&self, record: &ScrubRecord) -> Result<(), StoreError> {
        let _ = record;
        Err(StoreError::Backend(
            "this store does not keep the scrub record".into(),
        ))
    }

    /// Appends several scrub records; stores that can do it in one transaction should.
    fn record_scrubs(&self, records: &[ScrubRecord]) -> Result<(), StoreError> {
        records.iter().try_for_each(|r| self.record_scrub(r))
    }

    /// The newest `limit` scrub records, newest first.
    fn scrub_records(&self, limit: usize) -> Result<Vec<ScrubRecord>, StoreError> {
        let _ = limit;
        Ok(Vec::new())
    }

    /// The latest version of every sighting in the collection whose `sighting_of_ref` is
    /// `indicator_id`, with its submitter.
    fn sightings_of(
        &self,
        collection_id: &str,
        indicator_id: &str,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        let _ = (collection_id, indicator_id);
        Ok(Vec::new())
    }

    /// At most `limit` of [`Store::sightings_of`], the newest additions first: a bounded
    /// read for a page, whatever the number of sightings. The default reads them all.
    fn sightings_newest(
        &self,
        collection_id: &str,
        indicator_id: &str,
        limit: usize,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        let mut all = self.sightings_of(collection_id, indicator_id)?;
        all.reverse();
        all.truncate(limit);
        Ok(all)
    }

    /// The ids of disabled organizations and of disabled users (to list them, and to move
    /// a store without enabling anyone). The default: a store that cannot disable has none.
    fn disabled(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        Ok((Vec::new(), Vec::new()))
    }

    /// Replaces the stored JSON of versions already there, each named by (`id`,
    /// `version_key`), keeping their version and `date_added`: for one-off rewrites of
    /// what the hub stored, such as stamping the default TLP on objects posted unmarked.
    /// All in one transaction; returns how many versions were found and replaced.
    fn rewrite_versions(
        &self,
        collection_id: &str,
        versions: &[(String, String, String)],
    ) -> Result<usize, StoreError> {
        let _ = (collection_id, versions);
        Err(StoreError::Backend(
            "this store cannot rewrite stored versions".into(),
        ))
    }

    /// How many objects (latest versions) the collection holds. The default pages through
    /// the collection; backends answer it from an index.
    fn count_objects(&self, collection_id: &str) -> Result<u64, StoreError> {
        let mut query = ObjectQuery {
            limit: 1000,
            ..ObjectQuery::default()
        };
        let mut count = 0u64;
        loop {
            let page = self.query_objects(collection_id, &query)?;
            count += page.items.len() as u64;
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => return Ok(count),
            }
        }
    }

    /// The collection's change count: it differs after every write that added, deleted or
    /// rewrote any of its versions, in this process or another sharing the store (moved in
    /// the write's own transaction), so something built from the collection is current
    /// while it holds. `None` when the backend keeps no count: nothing built may then be
    /// trusted without reading the collection again.
    fn change_count(&self, collection_id: &str) -> Result<Option<ChangeCount>, StoreError> {
        let _ = collection_id;
        Ok(None)
    }

    // --- operations (backup, verify, metrics) --------------------------------------------

    /// Who posted each of `versions` of the collection, by (id, version key); versions with
    /// no recorded submitter are left out. The default asks [`Store::submitter`] once per
    /// version; a backend across a network answers a page in one round trip.
    fn submitters_of_versions(
        &self,
        collection_id: &str,
        versions: &[StoredVersion],
    ) -> Result<std::collections::HashMap<(String, String), Submitter>, StoreError> {
        let mut out = std::collections::HashMap::new();
        for v in versions {
            if let Some(by) = self.submitter(collection_id, &v.id, &v.version_key)? {
                out.insert((v.id.clone(), v.version_key.clone()), by);
            }
        }
        Ok(out)
    }

    /// Bytes the store takes (database file and WAL, or the database's size on the server),
    /// for `/metrics`; `None` when the backend cannot say.
    fn size_bytes(&self) -> Result<Option<u64>, StoreError> {
        Ok(None)
    }
}
