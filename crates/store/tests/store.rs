//! Behaviour of the SQLite store that the hub relies on.

mod common;

use common::*;
use ward_stix::Timestamp;
use ward_store::credentials::{hash_password, new_token, token_hash, verify_password};
use ward_store::{
    AddOutcome, NewCollection, ObjectQuery, SqliteStore, StatusState, Store, StoreError,
    VersionSelect,
};

#[test]
fn members_tokens_and_access() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let a = store.add_org("Mercy Hospital").unwrap();
    let b = store.add_org("Lab B").unwrap();
    assert!(matches!(
        store.add_org("Lab B"),
        Err(StoreError::AlreadyExists { .. })
    ));
    let phc = hash_password("pw").unwrap();
    let u = store
        .add_user("Mercy Hospital", "alice", Some(&phc))
        .unwrap();
    assert_eq!(u.org_id, a.id);
    assert!(matches!(
        store.add_user("Nobody", "bob", None),
        Err(StoreError::UnknownOrg(_))
    ));
    let token = new_token().unwrap();
    store
        .add_token("alice", &token_hash(&token), "test")
        .unwrap();
    let found = store.user_by_token(&token_hash(&token)).unwrap().unwrap();
    assert_eq!(found.name, "alice");
    assert_eq!(found.org_name, "Mercy Hospital");
    assert!(store
        .user_by_token(&token_hash("ward_other"))
        .unwrap()
        .is_none());
    let loaded = store.user("alice").unwrap().unwrap();
    assert!(verify_password(
        loaded.password_hash.as_deref().unwrap(),
        "pw"
    ));

    let c = store
        .create_collection(&NewCollection {
            title: "Alerts".into(),
            description: Some("d".into()),
            readers: vec!["Mercy Hospital".into(), "Lab B".into()],
            writers: vec!["Mercy Hospital".into()],
        })
        .unwrap();
    assert!(uuid::Uuid::parse_str(&c.id).is_ok());
    assert!(c.can_read(&a.id) && c.can_write(&a.id));
    assert!(c.can_read(&b.id) && !c.can_write(&b.id));
    assert_eq!(store.collection(&c.id).unwrap().unwrap(), c);
    assert_eq!(store.collections().unwrap(), vec![c]);
    assert!(matches!(
        store.create_collection(&NewCollection {
            title: "x".into(),
            readers: vec!["Ghost".into()],
            ..Default::default()
        }),
        Err(StoreError::UnknownOrg(_))
    ));
}

#[test]
fn versions_bytes_duplicates_and_date_added() {
    let (_dir, store, c) = store_with_collection();
    let v1 = indicator(1, "2024-01-01T00:00:00.000Z");
    let v2 = indicator(1, "2024-02-01T00:00:00.000Z");
    let v3 = indicator(1, "2024-03-01T00:00:00.000Z");
    let out = store
        .add_objects(
            &c,
            &[v2.clone(), v1.clone(), v3.clone(), v2.clone()],
            &status("s1"),
        )
        .unwrap();
    assert!(matches!(out[0], AddOutcome::Added { .. }));
    assert!(matches!(out[3], AddOutcome::Duplicate { .. }));
    let dates: Vec<i64> = out
        .iter()
        .filter_map(|o| match o {
            AddOutcome::Added { date_added, .. } => Some(*date_added),
            _ => None,
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");

    let q = |versions: VersionSelect| {
        store
            .query_objects(
                &c,
                &ObjectQuery {
                    versions,
                    ..Default::default()
                },
            )
            .unwrap()
            .items
    };
    let last = q(VersionSelect::last());
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].json, v3.json, "bytes kept exactly");
    assert_eq!(last[0].version, "2024-03-01T00:00:00.000Z");
    let first = q(VersionSelect {
        first: true,
        ..Default::default()
    });
    assert_eq!(first[0].json, v1.json);
    assert_eq!(q(VersionSelect::all()).len(), 3);
    let at = q(VersionSelect {
        at: vec![ward_store::version_key(
            Timestamp::parse("2024-02-01T00:00:00Z").unwrap(),
        )],
        ..Default::default()
    });
    assert_eq!(at.len(), 1);
    assert_eq!(at[0].json, v2.json);

    // Deleting the last version makes the previous one the latest.
    let removed = store
        .delete_object(&c, &v3.id, &VersionSelect::last(), &[])
        .unwrap();
    assert_eq!(removed, 1);
    assert_eq!(q(VersionSelect::last())[0].json, v2.json);
    assert_eq!(
        store
            .delete_object(&c, &v3.id, &VersionSelect::all(), &[])
            .unwrap(),
        2
    );
    assert!(q(VersionSelect::all()).is_empty());
}

#[test]
fn filters_by_type_id_and_added_after() {
    let (_dir, store, c) = store_with_collection();
    let objs: Vec<_> = (0..10)
        .map(|n| indicator(n, "2024-01-01T00:00:00.000Z"))
        .collect();
    let out = store.add_objects(&c, &objs, &status("s")).unwrap();
    let AddOutcome::Added { date_added: d4, .. } = out[4] else {
        panic!("not added")
    };
    let page = store
        .query_objects(
            &c,
            &ObjectQuery {
                added_after: Some(d4),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.items.len(), 5);
    assert_eq!(page.items[0].id, objs[5].id);
    let page = store
        .query_objects(
            &c,
            &ObjectQuery {
                ids: vec![objs[2].id.clone(), objs[7].id.clone()],
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.items.len(), 2);
    let page = store
        .query_objects(
            &c,
            &ObjectQuery {
                types: vec!["malware".into()],
                ..Default::default()
            },
        )
        .unwrap();
    assert!(page.items.is_empty());
    let page = store
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
}

#[test]
fn status_and_key_persist_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let key = {
        let store = SqliteStore::open(dir.path()).unwrap();
        let mut s = status("status-1");
        s.status = StatusState::Pending;
        store.put_status(&s).unwrap();
        store.signing_key().unwrap()
    };
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.signing_key().unwrap(), key);
    assert_eq!(key.len(), 32);
    let s = store.status("status-1").unwrap().unwrap();
    assert_eq!(s.status, StatusState::Pending);
    assert!(store.status("nope").unwrap().is_none());
    store.ping().unwrap();
}

#[test]
fn unknown_collection_is_an_error_not_a_panic() {
    let (_dir, store, _c) = store_with_collection();
    assert!(matches!(
        store.query_objects("no-such", &ObjectQuery::default()),
        Err(StoreError::UnknownCollection(_))
    ));
    assert!(matches!(
        store.add_objects("no-such", &[], &status("x")),
        Err(StoreError::UnknownCollection(_))
    ));
}

#[test]
fn concurrent_writers_share_commits_without_losing_or_mixing_anything() {
    let (_dir, store, c) = store_with_collection();
    let store = std::sync::Arc::new(store);
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (store, c) = (store.clone(), c.clone());
            std::thread::spawn(move || {
                let mut dates = Vec::new();
                for round in 0..20 {
                    let objs: Vec<_> = (0..5)
                        .map(|i| indicator(t * 1000 + round * 10 + i, "2024-01-01T00:00:00.000Z"))
                        .collect();
                    // Every fourth call targets a missing collection: it alone must fail.
                    if round % 4 == 3 {
                        assert!(matches!(
                            store.add_objects("missing", &objs, &status("bad")),
                            Err(StoreError::UnknownCollection(_))
                        ));
                        continue;
                    }
                    let out = store
                        .add_objects(&c, &objs, &status(&format!("s-{t}-{round}")))
                        .unwrap();
                    for o in out {
                        match o {
                            AddOutcome::Added { date_added, .. } => dates.push(date_added),
                            other => panic!("unexpected {other:?}"),
                        }
                    }
                }
                dates
            })
        })
        .collect();
    let mut all: Vec<i64> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(all.len(), 8 * 15 * 5);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 8 * 15 * 5, "date_added values must be unique");
    let page = store
        .query_objects(
            &c,
            &ObjectQuery {
                limit: 10_000,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.items.len(), 8 * 15 * 5);
    assert!(store.status("s-3-5").unwrap().is_some());
    assert!(store.status("bad").unwrap().is_none());
}
