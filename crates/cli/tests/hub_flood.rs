//! Issue 16: a member that floods the hub with a long envelope costs it status writes linear
//! in the envelope (not one whole status per chunk), and a status listing a bounded number of
//! failures with exact counts, on the embedded store and on PostgreSQL
//! (`WARD_TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test`; skipped
//! without a server unless `WARD_REQUIRE_PEERS=1`).

use std::sync::atomic::{AtomicUsize, Ordering};

use ward_store::{
    AddOutcome, Collection, NewCollection, NewVersion, ObjectQuery, Org, Page, SqliteStore,
    StatusRecord, Store, StoreError, Submitter, TokenRecord, User, VersionSelect, VersionSource,
};
use ward_store_pg::{scratch, PgStore};
use ward_taxii::ingest::{add_envelope, LISTED_FAILURES};
use ward_taxii::{Caller, Credential, PassThrough};

/// A store that adds up the serialized size of every status resource written through it.
struct Counting<S> {
    inner: S,
    status_bytes: AtomicUsize,
}

impl<S> Counting<S> {
    fn note(&self, status: &StatusRecord) {
        let size = serde_json::to_string(status).map_or(0, |s| s.len());
        self.status_bytes.fetch_add(size, Ordering::SeqCst);
    }
}

/// Hands the writer's batches through, noting the status each transaction writes.
struct Watch<'a, S> {
    source: &'a mut dyn VersionSource,
    counter: &'a Counting<S>,
}

impl<S> VersionSource for Watch<'_, S> {
    fn next_batch(&mut self) -> Option<Vec<NewVersion>> {
        self.source.next_batch()
    }
    fn status(&mut self) -> Result<StatusRecord, StoreError> {
        let status = self.source.status()?;
        self.counter.note(&status);
        Ok(status)
    }
}

impl<S: Store> Store for Counting<S> {
    fn ping(&self) -> Result<(), StoreError> {
        self.inner.ping()
    }
    fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        self.inner.signing_key()
    }
    fn add_org(&self, name: &str) -> Result<Org, StoreError> {
        self.inner.add_org(name)
    }
    fn orgs(&self) -> Result<Vec<Org>, StoreError> {
        self.inner.orgs()
    }
    fn change_members(
        &self,
        change: &ward_store::MemberChange,
    ) -> Result<ward_store::MemberOutcome, StoreError> {
        self.inner.change_members(change)
    }
    fn disabled(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        self.inner.disabled()
    }
    fn rewrite_versions(
        &self,
        collection_id: &str,
        versions: &[(String, String, String)],
    ) -> Result<usize, StoreError> {
        self.inner.rewrite_versions(collection_id, versions)
    }
    fn add_user(&self, org: &str, name: &str, hash: Option<&str>) -> Result<User, StoreError> {
        self.inner.add_user(org, name, hash)
    }
    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        self.inner.user(name)
    }
    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.inner.users()
    }
    fn add_token(&self, user: &str, hash: &str, label: &str) -> Result<(), StoreError> {
        self.inner.add_token(user, hash, label)
    }
    fn user_by_token(&self, hash: &str) -> Result<Option<User>, StoreError> {
        self.inner.user_by_token(hash)
    }
    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        self.inner.tokens()
    }
    fn add_token_expiring(
        &self,
        user: &str,
        hash: &str,
        label: &str,
        expires: Option<i64>,
    ) -> Result<(), StoreError> {
        self.inner.add_token_expiring(user, hash, label, expires)
    }
    fn revoke_token(&self, hash: &str) -> Result<bool, StoreError> {
        self.inner.revoke_token(hash)
    }
    fn touch_token(&self, hash: &str, at: i64) -> Result<(), StoreError> {
        self.inner.touch_token(hash, at)
    }
    fn set_password(&self, user: &str, hash: Option<&str>) -> Result<(), StoreError> {
        self.inner.set_password(user, hash)
    }
    fn create_collection(&self, new: &NewCollection) -> Result<Collection, StoreError> {
        self.inner.create_collection(new)
    }
    fn collections(&self) -> Result<Vec<Collection>, StoreError> {
        self.inner.collections()
    }
    fn collection(&self, id: &str) -> Result<Option<Collection>, StoreError> {
        self.inner.collection(id)
    }
    fn add_objects(
        &self,
        c: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.note(status);
        self.inner.add_objects(c, objects, status)
    }
    fn add_objects_by(
        &self,
        c: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: &Submitter,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.note(status);
        self.inner.add_objects_by(c, objects, status, submitter)
    }
    fn add_objects_streamed(
        &self,
        c: &str,
        source: &mut dyn VersionSource,
        submitter: &Submitter,
    ) -> Result<(), StoreError> {
        let mut watch = Watch {
            source,
            counter: self,
        };
        self.inner.add_objects_streamed(c, &mut watch, submitter)
    }
    fn query_objects(&self, c: &str, query: &ObjectQuery) -> Result<Page, StoreError> {
        self.inner.query_objects(c, query)
    }
    fn delete_object(
        &self,
        c: &str,
        id: &str,
        versions: &VersionSelect,
        spec: &[String],
    ) -> Result<usize, StoreError> {
        self.inner.delete_object(c, id, versions, spec)
    }
    fn put_status(&self, status: &StatusRecord) -> Result<(), StoreError> {
        self.note(status);
        self.inner.put_status(status)
    }
    fn status(&self, id: &str) -> Result<Option<StatusRecord>, StoreError> {
        self.inner.status(id)
    }
    fn statuses(&self) -> Result<Vec<StatusRecord>, StoreError> {
        self.inner.statuses()
    }
    fn count_objects(&self, c: &str) -> Result<u64, StoreError> {
        self.inner.count_objects(c)
    }
}

fn indicator(n: usize) -> String {
    format!(
        r#"{{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-{n:012}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.{}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}"#,
        n % 250
    )
}

/// `n` objects of which every other one is valid; the rest fail validation.
fn flood(n: usize) -> String {
    let objects: Vec<String> = (0..n)
        .map(|i| {
            if i % 2 == 0 {
                indicator(i)
            } else {
                r#"{"type":"x"}"#.to_string()
            }
        })
        .collect();
    format!(r#"{{"objects":[{}]}}"#, objects.join(","))
}

/// Posts an envelope of `n` objects to a fresh collection; returns the status bytes written.
fn post_flood<S: Store>(store: &Counting<S>, n: usize) -> usize {
    let org = format!("Org{n}");
    let org_id = store.add_org(&org).expect("org").id;
    let user = store
        .add_user(&org, &format!("user{n}"), None)
        .expect("user");
    let collection = store
        .create_collection(&NewCollection {
            title: format!("Flood {n}"),
            readers: vec![org.clone()],
            writers: vec![org.clone()],
            ..Default::default()
        })
        .expect("collection");
    let caller = Caller {
        user_id: user.id,
        user_name: user.name,
        org_id,
        org_name: org,
        credential: Credential::Token,
    };
    let before = store.status_bytes.load(Ordering::SeqCst);
    let status = add_envelope(
        store,
        &caller,
        &collection,
        &PassThrough,
        flood(n).as_bytes(),
    )
    .expect("posted");
    let written = store.status_bytes.load(Ordering::SeqCst) - before;
    let valid = n.div_ceil(2) as u64;
    // Counts are exact; the failures listed are bounded.
    let stored = store.status(&status.id).expect("status").expect("stored");
    for s in [&status, &stored] {
        assert_eq!(s.total_count, n as u64);
        assert_eq!(s.success_count(), valid);
        assert_eq!(s.successes.len() as u64, valid, "every success is listed");
        assert_eq!(s.failure_count(), n as u64 - valid);
        assert_eq!(s.failures.len(), LISTED_FAILURES.min(n - valid as usize));
        assert_eq!(s.pending_count(), 0);
    }
    assert_eq!(
        store.count_objects(&collection.id).expect("count"),
        valid,
        "the valid objects are stored"
    );
    written
}

fn status_writes_grow_linearly<S: Store>(store: Counting<S>) {
    let small = post_flood(&store, 8_000);
    let large = post_flood(&store, 64_000);
    eprintln!("status bytes written: {small} for 8,000 objects, {large} for 64,000");
    // Eight times the envelope: about eight times the status writes (a bounded status per
    // chunk and the final one), where rewriting the whole status per chunk makes it ~30.
    assert!(
        large <= 10 * small,
        "status bytes written: {small} for 8,000 objects, {large} for 64,000"
    );
}

#[test]
fn status_writes_are_linear_in_the_envelope_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SqliteStore::open(dir.path()).expect("store");
    status_writes_grow_linearly(Counting {
        inner: store,
        status_bytes: AtomicUsize::new(0),
    });
}

#[test]
fn status_writes_are_linear_in_the_envelope_postgres() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let store = PgStore::open(db.url()).expect("store");
    status_writes_grow_linearly(Counting {
        inner: store,
        status_bytes: AtomicUsize::new(0),
    });
}
