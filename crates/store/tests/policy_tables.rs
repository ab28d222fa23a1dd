//! The tables the sharing policy relies on: the private submitter of each version (written
//! with the version), hub settings, the scrub record and sightings by what they sighted.

mod common;

use common::*;
use ward_stix::Timestamp;
use ward_store::{NewVersion, ScrubRecord, Store, Submitter, VersionSelect};

fn sighting(n: usize, of: &str) -> NewVersion {
    let id = format!("sighting--00000000-0000-4000-8000-{n:012}");
    NewVersion {
        json: format!(
            r#"{{"type":"sighting","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","sighting_of_ref":"{of}"}}"#
        ),
        id,
        object_type: "sighting".into(),
        spec_version: "2.1".into(),
        version: Some(Timestamp::parse("2024-01-01T00:00:00Z").unwrap()),
    }
}

#[test]
fn submitter_is_written_with_the_version_and_only_for_new_versions() {
    let (_dir, store, c) = store_with_collection();
    let first = Submitter {
        org_id: "org-a".into(),
        user_id: "user-a".into(),
    };
    let second = Submitter {
        org_id: "org-b".into(),
        user_id: "user-b".into(),
    };
    let v = indicator(1, "2024-01-01T00:00:00.000Z");
    store
        .add_objects_by(&c, std::slice::from_ref(&v), &status("s1"), &first)
        .unwrap();
    // A duplicate posted by someone else does not change who submitted it.
    store
        .add_objects_by(&c, std::slice::from_ref(&v), &status("s2"), &second)
        .unwrap();
    let stored = store
        .query_objects(&c, &Default::default())
        .unwrap()
        .items
        .remove(0);
    assert_eq!(
        store.submitter(&c, &v.id, &stored.version_key).unwrap(),
        Some(first.clone())
    );
    assert_eq!(store.submissions(&v.id).unwrap().len(), 1);
    // Plain add_objects records nobody.
    let w = indicator(2, "2024-01-01T00:00:00.000Z");
    store
        .add_objects(&c, std::slice::from_ref(&w), &status("s3"))
        .unwrap();
    assert_eq!(
        store.submitter(&c, &w.id, &stored.version_key).unwrap(),
        None
    );
    // A deleted version posted again by another organization belongs to the new poster.
    store
        .delete_object(&c, &v.id, &VersionSelect::all(), &[])
        .unwrap();
    store
        .add_objects_by(&c, std::slice::from_ref(&v), &status("s4"), &second)
        .unwrap();
    assert_eq!(
        store.submitter(&c, &v.id, &stored.version_key).unwrap(),
        Some(second)
    );
    assert_eq!(store.count_objects(&c).unwrap(), 2);
}

#[test]
fn settings_and_scrub_records() {
    let (_dir, store, _c) = store_with_collection();
    assert_eq!(store.setting("org.x.attribution").unwrap(), None);
    store
        .set_setting("org.x.attribution", Some("named"))
        .unwrap();
    store
        .set_setting("org.x_y.attribution", Some("anonymous"))
        .unwrap();
    store.set_setting("hub.default_tlp", Some("green")).unwrap();
    assert_eq!(
        store.setting("org.x.attribution").unwrap().as_deref(),
        Some("named")
    );
    // `_` in a prefix is a character, not a wildcard.
    assert_eq!(store.settings("org.x.").unwrap().len(), 1);
    assert_eq!(store.settings("org.").unwrap().len(), 2);
    store.set_setting("org.x.attribution", None).unwrap();
    assert_eq!(store.setting("org.x.attribution").unwrap(), None);

    for i in 0..3 {
        store
            .record_scrub(&ScrubRecord {
                at: i,
                collection_id: "c".into(),
                object_id: format!("note--{i}"),
                org_id: "o".into(),
                user_id: "u".into(),
                findings: "[]".into(),
            })
            .unwrap();
    }
    let newest = store.scrub_records(2).unwrap();
    assert_eq!(newest.len(), 2);
    assert_eq!(newest[0].object_id, "note--2");

    // An envelope's records are written together, in order, after the single ones.
    let batch: Vec<ScrubRecord> = (3..6)
        .map(|i| ScrubRecord {
            at: i,
            collection_id: "c".into(),
            object_id: format!("note--{i}"),
            org_id: "o".into(),
            user_id: "u".into(),
            findings: "[]".into(),
        })
        .collect();
    store.record_scrubs(&batch).unwrap();
    let all = store.scrub_records(10).unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all[0].object_id, "note--5");
    assert_eq!(all[5].object_id, "note--0");
}

#[test]
fn sightings_are_found_by_what_they_sighted() {
    let (_dir, store, c) = store_with_collection();
    let target = "indicator--00000000-0000-4000-8000-000000000001";
    let by = Submitter {
        org_id: "org-a".into(),
        user_id: "user-a".into(),
    };
    store
        .add_objects_by(
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
    let found = store.sightings_of(&c, target).unwrap();
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|s| s.submitter.as_ref() == Some(&by)));
    assert!(store.sightings_of(&c, "indicator--x").unwrap().is_empty());
}
