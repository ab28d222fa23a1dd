//! The store conformance suite: one set of checks over `&dyn Store`, run against a fresh
//! embedded store (SQLite in a temporary folder) and a fresh PostgreSQL store (its own
//! database, dropped at the end). Each check gets two handles on the same data, as two hub
//! processes would have, and writes through one while reading through the other.
//!
//! PostgreSQL comes from `WARD_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`); when it is unreachable the PostgreSQL half
//! fails under `WARD_REQUIRE_PEERS=1` and is skipped otherwise.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ward_stix::Timestamp;
use ward_store::credentials::{hash_password, new_token, token_hash, verify_password};
use ward_store::{
    version_key, AddOutcome, NewCollection, NewVersion, ObjectQuery, Position, ScrubRecord,
    SqliteStore, StatusDetail, StatusRecord, StatusState, Store, StoreError, StoredVersion,
    Submitter, VersionSelect,
};
use ward_store_pg::scratch::{self, ScratchDatabase};
use ward_store_pg::PgStore;

/// Two handles on one store; dropped before the folder or database they use.
struct Backend {
    a: Box<dyn Store>,
    b: Box<dyn Store>,
    _dir: Option<tempfile::TempDir>,
    _db: Option<ScratchDatabase>,
}

fn sqlite() -> Option<Backend> {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = SqliteStore::open(dir.path()).expect("open sqlite");
    let b = SqliteStore::open(dir.path()).expect("open sqlite again");
    Some(Backend {
        a: Box::new(a),
        b: Box::new(b),
        _dir: Some(dir),
        _db: None,
    })
}

fn postgres() -> Option<Backend> {
    let db = scratch::for_test()?;
    let a = PgStore::open(db.url()).expect("open postgres");
    let b = PgStore::open(db.url()).expect("open postgres again");
    Some(Backend {
        a: Box::new(a),
        b: Box::new(b),
        _dir: None,
        _db: Some(db),
    })
}

/// Declares each check once per backend: `sqlite::NAME` and `postgres::NAME`.
macro_rules! conformance {
    ($($check:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $check() { if let Some(b) = super::sqlite() { super::$check(&*b.a, &*b.b) } } )*
        }
        mod postgres {
            $( #[test] fn $check() { if let Some(b) = super::postgres() { super::$check(&*b.a, &*b.b) } } )*
        }
    };
}

conformance!(
    members_tokens_and_access,
    versions_bytes_duplicates_and_date_added,
    objects_without_a_version,
    filters_by_id_type_spec_version_and_added_after,
    deletes_keep_first_and_last_right,
    statuses_are_shared_and_replaced,
    signing_key_is_shared,
    unknown_collection_is_an_error,
    concurrent_writers_and_a_reader,
    pagination_property,
    submitter_is_written_with_the_version_and_only_for_new_versions,
    settings_and_scrub_records,
    settings_pages_hold_only_their_prefix_newest_first,
    settings_come_a_page_at_a_time_newest_key_first,
    sightings_are_found_by_what_they_sighted,
    streamed_versions_commit_with_their_status_or_not_at_all,
    token_life_cycle_and_password_changes,
    interrupted_statuses_are_finished_from_what_is_stored,
    change_count_moves_with_every_write_through_any_handle,
);

// --- fixtures ---------------------------------------------------------------------------------

fn indicator(n: usize, modified: &str) -> NewVersion {
    let id = format!("indicator--00000000-0000-4000-8000-{n:012}");
    NewVersion {
        json: format!(
            r#"{{"type":"indicator","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"{modified}","pattern":"[ipv4-addr:value = '10.0.0.{}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}"#,
            n % 250
        ),
        id,
        object_type: "indicator".into(),
        spec_version: "2.1".into(),
        version: Some(Timestamp::parse(modified).expect("timestamp")),
    }
}

fn status(id: &str) -> StatusRecord {
    StatusRecord {
        id: id.into(),
        owner_org: "org".into(),
        status: StatusState::Complete,
        request_timestamp: 0,
        total_count: 0,
        successes: vec![],
        failures: vec![],
        pendings: vec![],
        unlisted: Default::default(),
    }
}

fn collection(store: &dyn Store) -> String {
    // Titles are unique whatever their case: each collection gets its own.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if store.orgs().expect("orgs").is_empty() {
        store.add_org("clinic").expect("org");
    }
    store
        .create_collection(&NewCollection {
            title: format!("t{n}"),
            readers: vec!["clinic".into()],
            writers: vec!["clinic".into()],
            ..Default::default()
        })
        .expect("collection")
        .id
}

fn query(store: &dyn Store, c: &str, q: ObjectQuery) -> Vec<StoredVersion> {
    store.query_objects(c, &q).expect("query").items
}

/// Every version in delivery order, paged.
fn all_versions(store: &dyn Store, c: &str) -> Vec<StoredVersion> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query_objects(
                c,
                &ObjectQuery {
                    after: after.clone(),
                    limit: 777,
                    versions: VersionSelect::all(),
                    ..Default::default()
                },
            )
            .expect("page");
        out.extend(page.items.iter().cloned());
        after = page.items.last().map(StoredVersion::position);
        if !page.more {
            return out;
        }
    }
}

fn added_dates(out: &[AddOutcome]) -> Vec<i64> {
    out.iter()
        .filter_map(|o| match o {
            AddOutcome::Added { date_added, .. } => Some(*date_added),
            AddOutcome::Duplicate { .. } => None,
        })
        .collect()
}

// --- checks ---------------------------------------------------------------------------------

fn members_tokens_and_access(a: &dyn Store, b: &dyn Store) {
    let mercy = a.add_org("Mercy Hospital").unwrap();
    let lab = b.add_org("Lab B").unwrap();
    assert!(matches!(
        a.add_org("Lab B"),
        Err(StoreError::AlreadyExists { .. })
    ));
    let names: Vec<String> = b.orgs().unwrap().into_iter().map(|o| o.name).collect();
    assert_eq!(names, ["Lab B", "Mercy Hospital"], "ordered by name");

    let phc = hash_password("pw").unwrap();
    let alice = a.add_user("Mercy Hospital", "alice", Some(&phc)).unwrap();
    assert_eq!(alice.org_id, mercy.id);
    assert!(matches!(
        a.add_user("Nobody", "bob", None),
        Err(StoreError::UnknownOrg(_))
    ));
    assert!(matches!(
        b.add_user("Lab B", "alice", None),
        Err(StoreError::AlreadyExists { .. })
    ));
    b.add_user("Lab B", "bob", None).unwrap();
    let loaded = b.user("alice").unwrap().unwrap();
    assert_eq!(loaded, alice);
    assert!(verify_password(
        loaded.password_hash.as_deref().unwrap(),
        "pw"
    ));
    assert!(b.user("bob").unwrap().unwrap().password_hash.is_none());
    assert!(b.user("carol").unwrap().is_none());
    let users: Vec<String> = a.users().unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(users, ["alice", "bob"]);

    let token = new_token().unwrap();
    a.add_token("alice", &token_hash(&token), "firewall")
        .unwrap();
    assert!(matches!(
        a.add_token("nobody", &token_hash("x"), ""),
        Err(StoreError::UnknownUser(_))
    ));
    let found = b.user_by_token(&token_hash(&token)).unwrap().unwrap();
    assert_eq!(
        (found.name.as_str(), found.org_name.as_str()),
        ("alice", "Mercy Hospital")
    );
    assert!(b
        .user_by_token(&token_hash("ward_other"))
        .unwrap()
        .is_none());

    let c = a
        .create_collection(&NewCollection {
            title: "Alerts".into(),
            description: Some("urgent".into()),
            readers: vec!["Mercy Hospital".into(), "Lab B".into()],
            writers: vec!["Mercy Hospital".into()],
        })
        .unwrap();
    assert!(uuid::Uuid::parse_str(&c.id).is_ok());
    assert!(c.can_read(&mercy.id) && c.can_write(&mercy.id));
    assert!(c.can_read(&lab.id) && !c.can_write(&lab.id));
    assert_eq!(b.collection(&c.id).unwrap().unwrap(), c);
    assert!(b.collection("nope").unwrap().is_none());
    let d = b
        .create_collection(&NewCollection {
            title: "Drafts".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(d.readers.is_empty() && d.description.is_none());
    assert_eq!(a.collections().unwrap(), vec![c, d], "in creation order");
    assert!(matches!(
        a.create_collection(&NewCollection {
            title: "x".into(),
            readers: vec!["Ghost".into()],
            ..Default::default()
        }),
        Err(StoreError::UnknownOrg(_))
    ));
    assert_eq!(
        a.collections().unwrap().len(),
        2,
        "a failed create leaves nothing"
    );
}

fn versions_bytes_duplicates_and_date_added(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let v1 = indicator(1, "2024-01-01T00:00:00.000Z");
    let v2 = indicator(1, "2024-02-01T00:00:00.000Z");
    let v3 = indicator(1, "2024-03-01T00:00:00.000Z");
    let out = a
        .add_objects(
            &c,
            &[v2.clone(), v1.clone(), v3.clone(), v2.clone()],
            &status("s1"),
        )
        .unwrap();
    assert!(
        matches!(&out[0], AddOutcome::Added { version, .. } if version == "2024-02-01T00:00:00.000Z")
    );
    assert_eq!(
        out[3],
        AddOutcome::Duplicate {
            version: "2024-02-01T00:00:00.000Z".into()
        }
    );
    let dates = added_dates(&out);
    assert_eq!(dates.len(), 3);
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    // A duplicate through the other handle changes nothing.
    let again = b
        .add_objects(&c, std::slice::from_ref(&v1), &status("s2"))
        .unwrap();
    assert!(matches!(again[0], AddOutcome::Duplicate { .. }));

    let q = |versions: VersionSelect| {
        query(
            b,
            &c,
            ObjectQuery {
                versions,
                ..Default::default()
            },
        )
    };
    let last = q(VersionSelect::last());
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].json, v3.json, "bytes kept exactly");
    assert_eq!(last[0].version, "2024-03-01T00:00:00.000Z");
    assert_eq!(last[0].date_added, dates[2]);
    let first = q(VersionSelect {
        first: true,
        ..Default::default()
    });
    assert_eq!(first[0].json, v1.json);
    let both = q(VersionSelect {
        first: true,
        last: true,
        ..Default::default()
    });
    assert_eq!(both.len(), 2);
    assert_eq!(q(VersionSelect::all()).len(), 3);
    assert!(
        q(VersionSelect::default()).is_empty(),
        "an empty selection selects nothing"
    );
    let at = q(VersionSelect {
        at: vec![version_key(
            Timestamp::parse("2024-02-01T00:00:00Z").unwrap(),
        )],
        ..Default::default()
    });
    assert_eq!(at.len(), 1);
    assert_eq!(at[0].json, v2.json);

    // Bytes that a re-serialization would change: spacing, key order, escapes, big numbers,
    // non-ASCII, and a NUL escape (which PostgreSQL's jsonb refuses).
    let odd = NewVersion {
        id: "note--00000000-0000-4000-8000-000000000009".into(),
        object_type: "note".into(),
        spec_version: "2.1".into(),
        version: Some(Timestamp::parse("2024-05-05T05:05:05.123456789Z").unwrap()),
        json: "{ \"type\" :\"note\",\"id\":\"note--00000000-0000-4000-8000-000000000009\",\n\t\"content\":\"caf\u{e9} \\u00e9 \\u0000 \\\"q\\\" \u{1F600}\", \"n\": 1.000000000000000000001e400, \"z\":0, \"modified\":\"2024-05-05T05:05:05.123456789Z\"}".into(),
    };
    a.add_objects(&c, std::slice::from_ref(&odd), &status("s3"))
        .unwrap();
    let got = query(
        b,
        &c,
        ObjectQuery {
            ids: vec![odd.id.clone()],
            ..Default::default()
        },
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json, odd.json, "bytes kept exactly");
    assert_eq!(got[0].version, "2024-05-05T05:05:05.123456789Z");
    assert_eq!(got[0].object_type, "note");
}

fn objects_without_a_version(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let sco = |value: &str| NewVersion {
        id: "ipv4-addr--00000000-0000-4000-8000-000000000001".into(),
        object_type: "ipv4-addr".into(),
        spec_version: "2.1".into(),
        version: None,
        json: format!(
            r#"{{"type":"ipv4-addr","id":"ipv4-addr--00000000-0000-4000-8000-000000000001","value":"{value}"}}"#
        ),
    };
    let out = a
        .add_objects(&c, &[sco("10.0.0.1"), sco("10.0.0.1")], &status("s"))
        .unwrap();
    let AddOutcome::Added {
        date_added,
        version,
    } = &out[0]
    else {
        panic!("not added: {out:?}")
    };
    assert_eq!(version, &Timestamp::from_micros(*date_added).to_string());
    assert!(
        matches!(out[1], AddOutcome::Duplicate { .. }),
        "same bytes twice"
    );
    // Same bytes later, through the other handle: still a duplicate.
    let out = b.add_objects(&c, &[sco("10.0.0.1")], &status("s")).unwrap();
    assert!(matches!(out[0], AddOutcome::Duplicate { .. }));
    // Other bytes: a new version, which becomes the latest.
    let out = b.add_objects(&c, &[sco("10.0.0.2")], &status("s")).unwrap();
    assert!(matches!(out[0], AddOutcome::Added { .. }));
    let last = query(a, &c, ObjectQuery::default());
    assert_eq!(last.len(), 1);
    assert!(last[0].json.contains("10.0.0.2"));
    assert_eq!(all_versions(a, &c).len(), 2);
}

fn filters_by_id_type_spec_version_and_added_after(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let mut objs: Vec<_> = (0..10)
        .map(|n| indicator(n, "2024-01-01T00:00:00.000Z"))
        .collect();
    objs[9].spec_version = "2.0".into();
    let out = a.add_objects(&c, &objs, &status("s")).unwrap();
    let dates = added_dates(&out);
    let page = query(
        b,
        &c,
        ObjectQuery {
            added_after: Some(dates[4]),
            ..Default::default()
        },
    );
    assert_eq!(page.len(), 5);
    assert_eq!(page[0].id, objs[5].id);
    let page = query(
        b,
        &c,
        ObjectQuery {
            ids: vec![objs[7].id.clone(), objs[2].id.clone()],
            ..Default::default()
        },
    );
    let ids: Vec<&str> = page.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(
        ids,
        [objs[2].id.as_str(), objs[7].id.as_str()],
        "delivery order"
    );
    assert!(query(
        b,
        &c,
        ObjectQuery {
            types: vec!["malware".into()],
            ..Default::default()
        }
    )
    .is_empty());
    assert_eq!(
        query(
            b,
            &c,
            ObjectQuery {
                types: vec!["malware".into(), "indicator".into()],
                ..Default::default()
            }
        )
        .len(),
        10
    );
    let v20 = query(
        b,
        &c,
        ObjectQuery {
            spec_versions: vec!["2.0".into()],
            ..Default::default()
        },
    );
    assert_eq!(v20.len(), 1);
    assert_eq!(v20[0].id, objs[9].id);
    let page = b
        .query_objects(
            &c,
            &ObjectQuery {
                limit: 3,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.items.len(), 3);
    assert!(page.more);
    let rest = b
        .query_objects(
            &c,
            &ObjectQuery {
                limit: 7,
                after: page.items.last().map(StoredVersion::position),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(rest.items.len(), 7);
    assert!(!rest.more, "exactly the rest: no more");
    // limit 0 is read as 1, never as "everything".
    let one = b
        .query_objects(
            &c,
            &ObjectQuery {
                limit: 0,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(one.items.len(), 1);
}

fn deletes_keep_first_and_last_right(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let months = ["01", "02", "03", "04"];
    let vs: Vec<_> = months
        .iter()
        .map(|m| indicator(1, &format!("2024-{m}-01T00:00:00.000Z")))
        .collect();
    let other = indicator(2, "2024-01-01T00:00:00.000Z");
    a.add_objects(&c, &vs, &status("s")).unwrap();
    a.add_objects(&c, std::slice::from_ref(&other), &status("s"))
        .unwrap();
    let latest = |s: &dyn Store| {
        query(
            s,
            &c,
            ObjectQuery {
                ids: vec![vs[0].id.clone()],
                ..Default::default()
            },
        )
    };
    let first = |s: &dyn Store| {
        query(
            s,
            &c,
            ObjectQuery {
                ids: vec![vs[0].id.clone()],
                versions: VersionSelect {
                    first: true,
                    ..Default::default()
                },
                ..Default::default()
            },
        )
    };
    // Deleting the last version makes the previous one the latest (seen by both handles).
    assert_eq!(
        b.delete_object(&c, &vs[0].id, &VersionSelect::last(), &[])
            .unwrap(),
        1
    );
    assert_eq!(latest(a)[0].json, vs[2].json);
    // Deleting the first makes the second the first.
    let sel = VersionSelect {
        first: true,
        ..Default::default()
    };
    assert_eq!(b.delete_object(&c, &vs[0].id, &sel, &[]).unwrap(), 1);
    assert_eq!(first(a)[0].json, vs[1].json);
    // A spec_version that matches nothing deletes nothing.
    assert_eq!(
        a.delete_object(&c, &vs[0].id, &VersionSelect::all(), &["2.0".into()])
            .unwrap(),
        0
    );
    // Deleting one exact version.
    let at = VersionSelect {
        at: vec![version_key(
            Timestamp::parse("2024-02-01T00:00:00Z").unwrap(),
        )],
        ..Default::default()
    };
    assert_eq!(a.delete_object(&c, &vs[0].id, &at, &[]).unwrap(), 1);
    assert_eq!(latest(b)[0].json, vs[2].json);
    assert_eq!(
        first(b)[0].json,
        vs[2].json,
        "the only version is first and last"
    );
    assert_eq!(
        a.delete_object(&c, &vs[0].id, &VersionSelect::all(), &[])
            .unwrap(),
        1
    );
    assert_eq!(
        a.delete_object(&c, "indicator--nope", &VersionSelect::all(), &[])
            .unwrap(),
        0
    );
    let left = all_versions(b, &c);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].json, other.json, "other objects untouched");
    // A deleted version may be posted again and is new again.
    let out = b.add_objects(&c, &vs[..1], &status("s")).unwrap();
    assert!(matches!(out[0], AddOutcome::Added { .. }));
    assert!(matches!(
        a.delete_object("no-such", "x", &VersionSelect::all(), &[]),
        Err(StoreError::UnknownCollection(_))
    ));
}

fn statuses_are_shared_and_replaced(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let mut s = status("status-1");
    s.status = StatusState::Pending;
    s.owner_org = "org-1".into();
    s.request_timestamp = 1_700_000_000_123_456;
    s.total_count = 3;
    s.pendings = vec![StatusDetail {
        id: "indicator--1".into(),
        version: None,
        message: None,
    }];
    s.failures = vec![StatusDetail {
        id: "bad".into(),
        version: Some("2024-01-01T00:00:00Z".into()),
        message: Some("quoted input: \u{0} and \"quotes\"".into()),
    }];
    a.put_status(&s).unwrap();
    assert_eq!(b.status("status-1").unwrap().unwrap(), s);
    assert!(b.status("nope").unwrap().is_none());

    // add_objects replaces the status in the same transaction as the objects.
    s.status = StatusState::Complete;
    s.pendings.clear();
    s.successes = vec![StatusDetail {
        id: indicator(1, "2024-01-01T00:00:00.000Z").id,
        version: Some("2024-01-01T00:00:00.000Z".into()),
        message: None,
    }];
    b.add_objects(&c, &[indicator(1, "2024-01-01T00:00:00.000Z")], &s)
        .unwrap();
    assert_eq!(a.status("status-1").unwrap().unwrap(), s);
    // A failed add (unknown collection) stores neither objects nor its status.
    assert!(a.add_objects("no-such", &[], &status("status-2")).is_err());
    assert!(b.status("status-2").unwrap().is_none());
}

fn signing_key_is_shared(a: &dyn Store, b: &dyn Store) {
    let key = a.signing_key().unwrap();
    assert_eq!(key.len(), 32);
    assert_eq!(b.signing_key().unwrap(), key);
    assert_eq!(a.signing_key().unwrap(), key, "stable");
    a.ping().unwrap();
    b.ping().unwrap();
}

fn unknown_collection_is_an_error(a: &dyn Store, _b: &dyn Store) {
    collection(a);
    assert!(matches!(
        a.query_objects("no-such", &ObjectQuery::default()),
        Err(StoreError::UnknownCollection(_))
    ));
    assert!(matches!(
        a.add_objects(
            "no-such",
            &[indicator(1, "2024-01-01T00:00:00Z")],
            &status("x")
        ),
        Err(StoreError::UnknownCollection(_))
    ));
}

/// 8 writers alternate between the two handles while a reader pages through both: nothing is
/// lost or delivered twice, and `date_added` never repeats.
fn concurrent_writers_and_a_reader(a: &dyn Store, b: &dyn Store) {
    const WRITERS: usize = 8;
    const BATCHES: usize = 12;
    const PER_BATCH: usize = 15;
    let c = collection(a);
    let done = AtomicBool::new(false);
    let (outcomes, delivered) = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let c = &c;
                scope.spawn(move || {
                    let mut dates = Vec::new();
                    for batch in 0..BATCHES {
                        let store = if (w + batch).is_multiple_of(2) { a } else { b };
                        let objs: Vec<_> = (0..PER_BATCH)
                            .map(|i| {
                                indicator(
                                    (w * BATCHES + batch) * PER_BATCH + i,
                                    "2024-01-01T00:00:00.000Z",
                                )
                            })
                            .collect();
                        let out = store
                            .add_objects(c, &objs, &status(&format!("w{w}b{batch}")))
                            .expect("add");
                        assert_eq!(added_dates(&out).len(), PER_BATCH);
                        dates.extend(added_dates(&out));
                    }
                    dates
                })
            })
            .collect();
        let reader = {
            let (c, done) = (&c, &done);
            scope.spawn(move || {
                let mut seen: Vec<Position> = Vec::new();
                let mut after = None;
                let mut turn = 0usize;
                // Bounded: stops once the writers are done and a page comes back short.
                loop {
                    let finished = done.load(Ordering::SeqCst);
                    let store = if turn.is_multiple_of(2) { a } else { b };
                    let page = store
                        .query_objects(
                            c,
                            &ObjectQuery {
                                after: after.clone(),
                                limit: 1 + turn % 37,
                                ..Default::default()
                            },
                        )
                        .expect("page");
                    seen.extend(page.items.iter().map(StoredVersion::position));
                    if let Some(last) = page.items.last() {
                        after = Some(last.position());
                    }
                    turn += 1;
                    if finished && !page.more {
                        return seen;
                    }
                }
            })
        };
        let mut dates = Vec::new();
        for w in writers {
            dates.extend(w.join().expect("writer"));
        }
        done.store(true, Ordering::SeqCst);
        (dates, reader.join().expect("reader"))
    });
    let total = WRITERS * BATCHES * PER_BATCH;
    let unique: HashSet<i64> = outcomes.iter().copied().collect();
    assert_eq!(unique.len(), total, "a date_added was handed out twice");
    let stored = all_versions(a, &c);
    assert_eq!(stored.len(), total, "objects lost");
    let stored_dates: HashSet<i64> = stored.iter().map(|v| v.date_added).collect();
    assert_eq!(
        stored_dates, unique,
        "stored date_added differs from the outcomes"
    );
    assert!(
        delivered.windows(2).all(|w| w[0] < w[1]),
        "reader saw objects out of order or twice"
    );
    let ids: HashSet<&String> = delivered.iter().map(|p| &p.id).collect();
    assert_eq!(ids.len(), total, "the reader missed objects");
    for (i, s) in [(0usize, 0usize), (7, 11)] {
        let st = b
            .status(&format!("w{i}b{s}"))
            .unwrap()
            .expect("status stored");
        assert_eq!(st.status, StatusState::Complete);
    }
}

/// Random page sizes with inserts (through either handle) between pages: every object is
/// delivered exactly once, in delivery order.
fn pagination_property(a: &dyn Store, b: &dyn Store) {
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        0usize..40,
        proptest::collection::vec(1usize..17, 1..30),
        proptest::collection::vec(0usize..5, 1..30),
        proptest::collection::vec(0usize..3, 1..30),
    );
    let result = runner.run(&strategy, |(initial, page_sizes, inserts, versions)| {
        let c = collection(a);
        let mut next_n = 0;
        let mut expected: HashMap<(String, String), ()> = HashMap::new();
        let mut add = |store: &dyn Store, count: usize, extra_versions: usize| {
            let mut objs = Vec::new();
            for _ in 0..count {
                for v in 0..=extra_versions {
                    objs.push(indicator(
                        next_n,
                        &format!("2024-01-0{}T00:00:00.000Z", v + 1),
                    ));
                }
                next_n += 1;
            }
            // Newest version first, so flags are recomputed inside one batch too.
            objs.reverse();
            store.add_objects(&c, &objs, &status("s")).expect("add");
            for o in &objs {
                expected.insert((o.id.clone(), o.json.clone()), ());
            }
        };
        add(a, initial, 1);
        let mut seen: Vec<StoredVersion> = Vec::new();
        let mut after = None;
        for turn in 0..200usize {
            let store = if turn.is_multiple_of(2) { a } else { b };
            let limit = page_sizes[turn % page_sizes.len()];
            let page = store
                .query_objects(
                    &c,
                    &ObjectQuery {
                        after: after.clone(),
                        limit,
                        versions: VersionSelect::all(),
                        ..Default::default()
                    },
                )
                .expect("page");
            prop_assert!(page.items.len() <= limit);
            if let Some(last) = page.items.last() {
                after = Some(last.position());
            }
            seen.extend(page.items);
            let count = if turn < 20 {
                inserts[turn % inserts.len()]
            } else {
                0
            };
            if count > 0 {
                let writer = if turn.is_multiple_of(3) { b } else { a };
                add(writer, count, versions[turn % versions.len()]);
            } else if !page.more {
                break;
            }
        }
        let positions: Vec<Position> = seen.iter().map(StoredVersion::position).collect();
        prop_assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "out of order or twice"
        );
        let got: HashMap<(String, String), ()> =
            seen.into_iter().map(|v| ((v.id, v.json), ())).collect();
        prop_assert_eq!(got.len(), positions.len());
        prop_assert_eq!(got.len(), expected.len(), "an object was skipped");
        prop_assert!(got.keys().all(|k| expected.contains_key(k)));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

// --- sharing policy tables -------------------------------------------------------------------

fn sighting(n: usize, of: &str) -> NewVersion {
    let id = format!("sighting--00000000-0000-4000-8000-{n:012}");
    NewVersion {
        json: format!(
            r#"{{"type":"sighting","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","sighting_of_ref":"{of}"}}"#
        ),
        id,
        object_type: "sighting".into(),
        spec_version: "2.1".into(),
        version: Some(Timestamp::parse("2024-01-01T00:00:00Z").expect("timestamp")),
    }
}

fn submitter_is_written_with_the_version_and_only_for_new_versions(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let first = Submitter {
        org_id: "org-a".into(),
        user_id: "user-a".into(),
    };
    let second = Submitter {
        org_id: "org-b".into(),
        user_id: "user-b".into(),
    };
    let v = indicator(1, "2024-01-01T00:00:00.000Z");
    a.add_objects_by(&c, std::slice::from_ref(&v), &status("s1"), &first)
        .unwrap();
    // A duplicate posted by someone else (through the other process) changes nothing.
    b.add_objects_by(&c, std::slice::from_ref(&v), &status("s2"), &second)
        .unwrap();
    let key = query(b, &c, ObjectQuery::default()).remove(0).version_key;
    assert_eq!(b.submitter(&c, &v.id, &key).unwrap(), Some(first.clone()));
    assert_eq!(a.submitter("other", &v.id, &key).unwrap(), None);
    let subs = b.submissions(&v.id).unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(
        (
            subs[0].collection_id.as_str(),
            subs[0].version.as_str(),
            subs[0].org_id.as_str()
        ),
        (c.as_str(), key.as_str(), "org-a")
    );
    // Plain add_objects records nobody.
    let w = indicator(2, "2024-01-01T00:00:00.000Z");
    a.add_objects(&c, std::slice::from_ref(&w), &status("s3"))
        .unwrap();
    assert_eq!(b.submitter(&c, &w.id, &key).unwrap(), None);
    // A deleted version posted again by another organization belongs to the new poster.
    a.delete_object(&c, &v.id, &VersionSelect::all(), &[])
        .unwrap();
    b.add_objects_by(&c, std::slice::from_ref(&v), &status("s4"), &second)
        .unwrap();
    assert_eq!(a.submitter(&c, &v.id, &key).unwrap(), Some(second.clone()));
    // A page's submitters at once: the same as one by one, the unrecorded left out.
    let page = all_versions(b, &c);
    let by = a.submitters_of_versions(&c, &page).unwrap();
    assert_eq!(by.len(), 1, "{by:?}");
    assert_eq!(by.get(&(v.id.clone(), key.clone())), Some(&second));
    assert_eq!(a.count_objects(&c).unwrap(), 2);
    // Versions count once: a second version of w does not add an object.
    a.add_objects(
        &c,
        &[indicator(2, "2024-02-01T00:00:00.000Z")],
        &status("s5"),
    )
    .unwrap();
    assert_eq!(b.count_objects(&c).unwrap(), 2);
    assert!(matches!(
        a.count_objects("no-such"),
        Err(StoreError::UnknownCollection(_))
    ));
}

fn settings_and_scrub_records(a: &dyn Store, b: &dyn Store) {
    assert_eq!(a.setting("org.x.attribution").unwrap(), None);
    a.set_setting("org.x.attribution", Some("named")).unwrap();
    b.set_setting("org.x_y.attribution", Some("anonymous"))
        .unwrap();
    a.set_setting("org.x%.attribution", Some("odd")).unwrap();
    a.set_setting("hub.default_tlp", Some("green")).unwrap();
    assert_eq!(
        b.setting("org.x.attribution").unwrap().as_deref(),
        Some("named")
    );
    // `_` and `%` in a prefix are characters, not wildcards; results ordered by key.
    assert_eq!(b.settings("org.x.").unwrap().len(), 1);
    let keys: Vec<String> = b
        .settings("org.")
        .unwrap()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        keys,
        [
            "org.x%.attribution",
            "org.x.attribution",
            "org.x_y.attribution"
        ]
    );
    assert_eq!(a.settings("").unwrap().len(), 4);
    b.set_setting("org.x.attribution", Some("anonymous"))
        .unwrap();
    assert_eq!(
        a.setting("org.x.attribution").unwrap().as_deref(),
        Some("anonymous")
    );
    b.set_setting("org.x.attribution", None).unwrap();
    assert_eq!(a.setting("org.x.attribution").unwrap(), None);
    b.set_setting("never.set", None).unwrap();

    for i in 0..3 {
        let store = if i == 1 { b } else { a };
        store
            .record_scrub(&ScrubRecord {
                at: i,
                collection_id: "c".into(),
                object_id: format!("note--{i}"),
                org_id: "o".into(),
                user_id: "u".into(),
                findings: r#"[{"pointer":"/description","kind":"NAME"}]"#.into(),
            })
            .unwrap();
    }
    let newest = b.scrub_records(2).unwrap();
    assert_eq!(newest.len(), 2);
    assert_eq!(newest[0].object_id, "note--2");
    assert_eq!(newest[1].object_id, "note--1");
    assert_eq!(a.scrub_records(usize::MAX).unwrap().len(), 3);
}

/// A long list under one prefix (watch's alerts) read a page at a time, newest first, with
/// keys just past the prefix (`watch/alert0`, `watch/seen/`) and just before it never read
/// as its own, whatever `before` says.
fn settings_pages_hold_only_their_prefix_newest_first(a: &dyn Store, b: &dyn Store) {
    for i in 1..=10 {
        a.set_setting(&format!("watch/alert/{i:06}"), Some(&i.to_string()))
            .unwrap();
    }
    for other in [
        "watch/alert",
        "watch/alert0",
        "watch/alerts",
        "watch/seen/x/y",
        "a",
        "z",
    ] {
        b.set_setting(other, Some("other")).unwrap();
    }
    let keys = |page: Vec<(String, String)>| -> Vec<String> {
        page.into_iter()
            .map(|(k, _)| k.trim_start_matches("watch/alert/").to_string())
            .collect()
    };
    let p = "watch/alert/";
    assert_eq!(
        keys(b.settings_page(p, None, 3).unwrap()),
        ["000010", "000009", "000008"]
    );
    assert_eq!(
        keys(b.settings_page(p, Some("watch/alert/000008"), 3).unwrap()),
        ["000007", "000006", "000005"]
    );
    // A position between two keys pages from the older one; the last page is short.
    assert_eq!(
        keys(b.settings_page(p, Some("watch/alert/000002x"), 3).unwrap()),
        ["000002", "000001"]
    );
    // `before` past the prefix's keys starts at the newest; before them, nothing.
    assert_eq!(
        keys(a.settings_page(p, Some("zzz"), 2).unwrap()),
        ["000010", "000009"]
    );
    assert!(a
        .settings_page(p, Some("watch/alert/"), 5)
        .unwrap()
        .is_empty());
    assert!(a.settings_page(p, Some("a"), 5).unwrap().is_empty());
    assert_eq!(a.settings(p).unwrap().len(), 10);
    assert_eq!(keys(a.settings(p).unwrap())[0], "000001");
    // A prefix that ends in `~` has no key range; it is read all the same.
    a.set_setting("x~1", Some("1")).unwrap();
    a.set_setting("x~~", Some("2")).unwrap();
    a.set_setting("x\u{7f}", Some("3")).unwrap();
    assert_eq!(b.settings("x~").unwrap().len(), 2);
    assert_eq!(b.settings_page("x~", None, 5).unwrap().len(), 2);
    assert_eq!(b.settings_page("x~", Some("x~~"), 5).unwrap().len(), 1);
    // The empty prefix pages through every key.
    assert_eq!(b.settings_page("", Some("b"), 100).unwrap().len(), 1);
}

fn settings_come_a_page_at_a_time_newest_key_first(a: &dyn Store, b: &dyn Store) {
    for n in 1..=25 {
        a.set_setting(&format!("watch/alert/{n:04}"), Some(&n.to_string()))
            .unwrap();
    }
    // Keys on either side of the prefix's range, and one that only looks like it.
    for key in [
        "watch/alert",
        "watch/alert0",
        "watch/alerts",
        "watch/b",
        "a",
        "z",
    ] {
        b.set_setting(key, Some("other")).unwrap();
    }
    let keys = |page: Vec<(String, String)>| -> Vec<u32> {
        page.iter()
            .map(|(k, v)| {
                let n: u32 = k.strip_prefix("watch/alert/").unwrap().parse().unwrap();
                assert_eq!(v, &n.to_string());
                n
            })
            .collect()
    };
    let first = keys(b.settings_page("watch/alert/", None, 10).unwrap());
    assert_eq!(first, (16..=25).rev().collect::<Vec<_>>());
    let second = keys(
        a.settings_page("watch/alert/", Some("watch/alert/0016"), 10)
            .unwrap(),
    );
    assert_eq!(second, (6..=15).rev().collect::<Vec<_>>());
    let last = keys(
        b.settings_page("watch/alert/", Some("watch/alert/0006"), 10)
            .unwrap(),
    );
    assert_eq!(last, (1..=5).rev().collect::<Vec<_>>());
    assert!(a
        .settings_page("watch/alert/", Some("watch/alert/0001"), 10)
        .unwrap()
        .is_empty());
    // A `before` past the prefix's range starts at its end; a limit of 0 reads nothing.
    let past = keys(a.settings_page("watch/alert/", Some("zzz"), 3).unwrap());
    assert_eq!(past, [25, 24, 23]);
    assert!(a.settings_page("watch/alert/", None, 0).unwrap().is_empty());
    // An empty prefix is every key; a prefix whose last character has no successor too.
    let every = b.settings_page("", None, 100).unwrap();
    assert_eq!(every.len(), 31);
    assert_eq!(every[0].0, "z");
    a.set_setting("wide\u{7f}/1", Some("1")).unwrap();
    a.set_setting("wide\u{7f}/2", Some("2")).unwrap();
    let wide = b.settings_page("wide\u{7f}", None, 1).unwrap();
    assert_eq!(wide, [("wide\u{7f}/2".to_string(), "2".to_string())]);
}

fn sightings_are_found_by_what_they_sighted(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let target = "indicator--00000000-0000-4000-8000-000000000001";
    let by = Submitter {
        org_id: "org-a".into(),
        user_id: "user-a".into(),
    };
    a.add_objects_by(
        &c,
        &[
            sighting(1, target),
            sighting(2, target),
            sighting(3, "indicator--00000000-0000-4000-8000-000000000009"),
            indicator(1, "2024-01-01T00:00:00.000Z"),
        ],
        &status("s"),
        &by,
    )
    .unwrap();
    // One without a submitter, through the other process.
    b.add_objects(&c, &[sighting(4, target)], &status("s"))
        .unwrap();
    let found = b.sightings_of(&c, target).unwrap();
    let ids: Vec<&str> = found.iter().map(|s| s.version.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
    assert!(ids[0].ends_with("01") && ids[2].ends_with("04"), "{ids:?}");
    assert_eq!(found[0].submitter.as_ref(), Some(&by));
    assert_eq!(found[2].submitter, None);
    assert_eq!(found[0].version.json, sighting(1, target).json);
    assert!(a.sightings_of(&c, "indicator--x").unwrap().is_empty());
    assert!(matches!(
        a.sightings_of("no-such", target),
        Err(StoreError::UnknownCollection(_))
    ));
    // The bounded read: the newest additions first, at most `limit`, same submitters.
    let newest = a.sightings_newest(&c, target, 2).unwrap();
    let ids: Vec<&str> = newest.iter().map(|s| s.version.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids[0].ends_with("04") && ids[1].ends_with("02"), "{ids:?}");
    assert_eq!(newest[0].submitter, None);
    assert_eq!(newest[1].submitter.as_ref(), Some(&by));
    assert_eq!(b.sightings_newest(&c, target, 10).unwrap().len(), 3);
    assert!(b.sightings_newest(&c, target, 0).unwrap().is_empty());
    assert!(b
        .sightings_newest(&c, "indicator--x", 5)
        .unwrap()
        .is_empty());
    assert!(matches!(
        a.sightings_newest("no-such", target, 5),
        Err(StoreError::UnknownCollection(_))
    ));
}

/// Batches handed over one by one, then a status or a failure.
struct Batches {
    batches: std::vec::IntoIter<Vec<NewVersion>>,
    status: Result<StatusRecord, String>,
}

impl ward_store::VersionSource for Batches {
    fn next_batch(&mut self) -> Option<Vec<NewVersion>> {
        self.batches.next()
    }
    fn status(&mut self) -> Result<StatusRecord, StoreError> {
        self.status.clone().map_err(StoreError::Backend)
    }
}

fn streamed_versions_commit_with_their_status_or_not_at_all(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let by = Submitter {
        org_id: "org-a".into(),
        user_id: "user-a".into(),
    };
    let v = |n| indicator(n, "2024-01-01T00:00:00.000Z");
    // A source that fails after handing over versions stores none of them, nor a status.
    let mut failing = Batches {
        batches: vec![vec![v(1)], vec![]].into_iter(),
        status: Err("the checks stopped".into()),
    };
    assert!(a.add_objects_streamed(&c, &mut failing, &by).is_err());
    assert_eq!(b.count_objects(&c).unwrap(), 0);
    // A whole source: every version in order, a repeat once, its status, its poster.
    let mut whole = Batches {
        batches: vec![vec![v(1), v(2)], vec![], vec![v(3), v(1)]].into_iter(),
        status: Ok(status("streamed")),
    };
    a.add_objects_streamed(&c, &mut whole, &by).unwrap();
    let page = all_versions(b, &c);
    let ids: Vec<&str> = page.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, [v(1).id, v(2).id, v(3).id]);
    assert!(page.windows(2).all(|w| w[0].date_added < w[1].date_added));
    assert!(b.status("streamed").unwrap().is_some());
    for x in &page {
        assert_eq!(
            b.submitter(&c, &x.id, &x.version_key).unwrap(),
            Some(by.clone())
        );
    }
    assert_eq!(b.submissions(&page[0].id).unwrap().len(), 1);
}

fn token_life_cycle_and_password_changes(a: &dyn Store, b: &dyn Store) {
    a.add_org("Mercy").unwrap();
    a.add_user("Mercy", "alice", None).unwrap();
    let (t1, t2, t3) = (
        new_token().unwrap(),
        new_token().unwrap(),
        new_token().unwrap(),
    );
    let now = Timestamp::now().as_micros();
    a.add_token("alice", &token_hash(&t1), "sync").unwrap();
    a.add_token_expiring("alice", &token_hash(&t2), "old", Some(now - 1))
        .unwrap();
    a.add_token_expiring("alice", &token_hash(&t3), "new", Some(now + 3_600_000_000))
        .unwrap();
    assert!(matches!(
        a.add_token_expiring("nobody", "h", "", None),
        Err(StoreError::UnknownUser(_))
    ));
    // Expired tokens are refused by every handle; others work.
    assert!(b.user_by_token(&token_hash(&t1)).unwrap().is_some());
    assert!(b.user_by_token(&token_hash(&t2)).unwrap().is_none());
    assert!(b.user_by_token(&token_hash(&t3)).unwrap().is_some());
    let listed = b.tokens().unwrap();
    assert_eq!(listed.len(), 3);
    let one = listed.iter().find(|t| t.label == "sync").unwrap();
    assert_eq!((one.expires, one.last_used), (None, None));
    assert_eq!(one.id(), &token_hash(&t1)[..12]);
    assert_eq!(
        listed.iter().find(|t| t.label == "new").unwrap().expires,
        Some(now + 3_600_000_000)
    );
    a.touch_token(&token_hash(&t1), now).unwrap();
    let touched = b.tokens().unwrap();
    assert_eq!(
        touched
            .iter()
            .find(|t| t.label == "sync")
            .unwrap()
            .last_used,
        Some(now)
    );
    // Revocation through one handle holds at once through the other.
    assert!(a.revoke_token(&token_hash(&t1)).unwrap());
    assert!(!a.revoke_token(&token_hash(&t1)).unwrap());
    assert!(b.user_by_token(&token_hash(&t1)).unwrap().is_none());
    assert_eq!(b.tokens().unwrap().len(), 2);

    // Passwords: set, changed, removed; seen by the other handle.
    let phc = hash_password("pw").unwrap();
    a.set_password("alice", Some(&phc)).unwrap();
    assert_eq!(
        b.user("alice").unwrap().unwrap().password_hash.as_deref(),
        Some(phc.as_str())
    );
    a.set_password("alice", None).unwrap();
    assert!(b.user("alice").unwrap().unwrap().password_hash.is_none());
    assert!(matches!(
        a.set_password("nobody", None),
        Err(StoreError::UnknownUser(_))
    ));
}

fn interrupted_statuses_are_finished_from_what_is_stored(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let org = a.orgs().unwrap()[0].id.clone();
    let v = |n| indicator(n, "2024-01-01T00:00:00.000Z");
    let detail = |n| StatusDetail {
        id: v(n).id,
        version: Some("2024-01-01T00:00:00.000Z".into()),
        message: None,
    };
    // As a hub killed after its first chunk leaves it: object 1 stored with the status,
    // 2 and 3 pending; 3 was stored earlier by another post (a duplicate is a success).
    b.add_objects(&c, &[v(3)], &status("earlier")).unwrap();
    let mut s = status("cut-short");
    s.owner_org = org.clone();
    s.status = StatusState::Pending;
    s.request_timestamp = 1_000;
    s.total_count = 3;
    s.successes = vec![detail(1)];
    s.pendings = vec![detail(2), detail(3)];
    // A large envelope's status counts its pendings without listing them: none of those was
    // in a committed transaction.
    s.unlisted.pendings = 5;
    a.add_objects(&c, &[v(1)], &s).unwrap();
    // A pending status newer than the cut-off belongs to a hub that may still be writing.
    let mut live = status("live");
    live.owner_org = org;
    live.status = StatusState::Pending;
    live.request_timestamp = 5_000;
    live.pendings = vec![detail(4)];
    a.put_status(&live).unwrap();

    assert_eq!(
        b.pending_statuses(0, 2_000)
            .unwrap()
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["cut-short"]
    );
    assert_eq!(
        ward_store::recovery::finish_interrupted(b, 0, 2_000).unwrap(),
        1
    );
    let done = a.status("cut-short").unwrap().unwrap();
    assert_eq!(done.status, StatusState::Complete);
    assert!(done.pendings.is_empty());
    assert_eq!(done.successes, vec![detail(1), detail(3)]);
    assert_eq!(done.failures.len(), 1);
    assert_eq!(done.failures[0].id, v(2).id);
    assert_eq!(done.pending_count(), 0);
    assert_eq!(done.failure_count(), 6);
    assert_eq!(
        done.failures[0].message.as_deref(),
        Some(ward_store::recovery::INTERRUPTED)
    );
    assert_eq!(a.status("live").unwrap().unwrap(), live);
    assert_eq!(
        ward_store::recovery::finish_interrupted(a, 0, 2_000).unwrap(),
        0
    );
}

/// A collection's change count moves with every write that adds, deletes or rewrites one of
/// its versions, whichever handle made it, and only then; a delete or rewrite moves its
/// count of removals, which an addition leaves alone. What a hub process built from the
/// collection (a block list) is current exactly while the count holds.
fn change_count_moves_with_every_write_through_any_handle(a: &dyn Store, b: &dyn Store) {
    let c = collection(a);
    let other = collection(a);
    let count = |s: &dyn Store, c: &str| s.change_count(c).unwrap().expect("a change count");
    let start = count(a, &c);
    assert_eq!(count(b, &c), start);
    let other_start = count(b, &other);

    let v1 = indicator(1, "2024-01-01T00:00:00.000Z");
    let v2 = indicator(1, "2024-02-01T00:00:00.000Z");
    a.add_objects(&c, &[v1.clone(), v2.clone()], &status("s"))
        .unwrap();
    let added = count(b, &c);
    assert_ne!(added, start, "an add through a is seen through b");
    assert_eq!(added.removed, start.removed, "an addition removes nothing");
    // Only duplicates: nothing changed.
    b.add_objects(&c, std::slice::from_ref(&v2), &status("s"))
        .unwrap();
    assert_eq!(count(a, &c), added);

    // Deleting only the newest version, through the other handle.
    assert_eq!(
        b.delete_object(&c, &v2.id, &VersionSelect::last(), &[])
            .unwrap(),
        1
    );
    let deleted = count(a, &c);
    assert_ne!(
        deleted.removed, added.removed,
        "a delete of the newest version through b is seen through a"
    );
    // A delete that removes nothing changes nothing.
    assert_eq!(
        a.delete_object(&c, "indicator--absent", &VersionSelect::all(), &[])
            .unwrap(),
        0
    );
    assert_eq!(count(b, &c), deleted);

    // A rewrite of a stored version (the default TLP stamped on it).
    let stored = all_versions(a, &c);
    let rewritten = stored[0].json.replace("10.0.0.1", "10.0.0.2");
    assert_eq!(
        b.rewrite_versions(
            &c,
            &[(
                stored[0].id.clone(),
                stored[0].version_key.clone(),
                rewritten
            )]
        )
        .unwrap(),
        1
    );
    let after_rewrite = count(a, &c);
    assert_ne!(after_rewrite.removed, deleted.removed);

    // Removing an organization with the versions it posted.
    let poster = a.add_org("poster").unwrap();
    let by = Submitter {
        org_id: poster.id.clone(),
        user_id: "u".into(),
    };
    a.add_objects_by(
        &c,
        &[indicator(7, "2024-01-01T00:00:00.000Z")],
        &status("s"),
        &by,
    )
    .unwrap();
    let posted = count(b, &c);
    assert_ne!(posted, after_rewrite);
    b.change_members(&ward_store::MemberChange::RemoveOrg {
        org_id: poster.id,
        delete_objects: true,
        settings_prefix: "org.poster.".into(),
    })
    .unwrap();
    assert_ne!(
        count(a, &c).removed,
        posted.removed,
        "versions removed with their organization"
    );

    assert_eq!(
        count(a, &other),
        other_start,
        "another collection's count holds"
    );
    assert!(matches!(
        a.change_count("no-such-collection"),
        Err(StoreError::UnknownCollection(_))
    ));
}
