//! What a publish filter notes for the operator (the scrub log) belongs to its envelope: it
//! is written once that envelope is stored, under the poster who sent it, and never when
//! storing fails.

mod common;

use common::{envelope, indicator};
use serde_json::Value;
use ward_store::{Collection, NewCollection, ScrubRecord, SqliteStore, Store};
use ward_taxii::ingest::{add_envelope, STREAM_MIN};
use ward_taxii::{Caller, Credential, EnvelopeRecords, PublishDecision, PublishFilter};

/// Notes every object it sees and keeps it unchanged.
struct NoteAll;
impl PublishFilter for NoteAll {
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        object: &Value,
        _: &str,
        records: &EnvelopeRecords,
    ) -> PublishDecision {
        records.push(ScrubRecord {
            at: 0,
            collection_id: collection.id.clone(),
            object_id: object["id"].as_str().unwrap_or("").to_string(),
            org_id: caller.org_id.clone(),
            user_id: caller.user_id.clone(),
            findings: "{}".into(),
        });
        PublishDecision::Keep
    }
}

#[test]
fn records_are_written_with_their_envelope_and_only_when_it_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SqliteStore::open(dir.path()).expect("store");
    let org = store.add_org("Clinic").expect("org");
    let user = store.add_user("Clinic", "it", None).expect("user");
    let collection = store
        .create_collection(&NewCollection {
            title: "Shared".into(),
            description: None,
            readers: vec!["Clinic".into()],
            writers: vec!["Clinic".into()],
        })
        .expect("collection");
    let caller = Caller {
        user_id: user.id.clone(),
        user_name: "it".into(),
        org_id: org.id.clone(),
        org_name: "Clinic".into(),
        credential: Credential::Token,
    };
    // A collection the store does not hold: storing fails after the checks ran.
    let missing = Collection {
        id: "00000000-0000-4000-8000-00000000dead".into(),
        ..collection.clone()
    };
    let records = || store.scrub_records(10_000).expect("records");
    let mut next = 0;
    // Checked in one loop, and checked beside the writer.
    for n in [3, STREAM_MIN + 44] {
        let body = envelope(&(next..next + n).map(indicator).collect::<Vec<_>>());
        next += n;
        let before = records().len();
        assert!(add_envelope(&store, &caller, &missing, &NoteAll, body.as_bytes()).is_err());
        assert_eq!(
            records().len(),
            before,
            "{n} objects: nothing stored, nothing recorded"
        );

        let status =
            add_envelope(&store, &caller, &collection, &NoteAll, body.as_bytes()).expect("stored");
        assert_eq!(status.successes.len(), n);
        let written = records();
        assert_eq!(written.len(), before + n, "{n} objects: one record each");
        assert!(written
            .iter()
            .all(|r| r.org_id == org.id && r.collection_id == collection.id));
    }
}
