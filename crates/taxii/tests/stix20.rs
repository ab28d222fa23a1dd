//! A member posting STIX 2.0 (a 2.0 bundle as the body, or an envelope of 2.0 objects): the
//! hub upgrades it before validation and the publish filter, so the filter sees and the store
//! keeps the 2.1 form.

use std::sync::Mutex;

use serde_json::Value;
use ward_store::{Collection, NewCollection, ObjectQuery, SqliteStore, Store};
use ward_taxii::ingest::add_envelope;
use ward_taxii::{Caller, Credential, EnvelopeRecords, PublishDecision, PublishFilter};

/// Keeps every object, remembering what it was shown.
#[derive(Default)]
struct Seen(Mutex<Vec<Value>>);
impl PublishFilter for Seen {
    fn check(
        &self,
        _: &Caller,
        _: &Collection,
        object: &Value,
        _: &str,
        _: &EnvelopeRecords,
    ) -> PublishDecision {
        self.0.lock().unwrap().push(object.clone());
        PublishDecision::Keep
    }
}

fn feed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../stix/tests/fixtures/stix20/feed.json"
    );
    std::fs::read_to_string(path).unwrap()
}

struct Hub {
    _dir: tempfile::TempDir,
    store: SqliteStore,
    caller: Caller,
    collection: Collection,
}

fn hub() -> Hub {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let org = store.add_org("Clinic").unwrap();
    let user = store.add_user("Clinic", "it", None).unwrap();
    let collection = store
        .create_collection(&NewCollection {
            title: "Shared".into(),
            description: None,
            readers: vec!["Clinic".into()],
            writers: vec!["Clinic".into()],
        })
        .unwrap();
    let caller = Caller {
        user_id: user.id,
        user_name: "it".into(),
        org_id: org.id,
        org_name: "Clinic".into(),
        credential: Credential::Token,
    };
    Hub {
        _dir: dir,
        store,
        caller,
        collection,
    }
}

fn stored(hub: &Hub) -> Vec<Value> {
    let query = ObjectQuery {
        limit: 1000,
        ..Default::default()
    };
    let page = hub.store.query_objects(&hub.collection.id, &query).unwrap();
    page.items
        .iter()
        .map(|v| serde_json::from_str(&v.json).unwrap())
        .collect()
}

#[test]
fn a_stix20_bundle_is_upgraded_before_the_publish_filter() {
    let hub = hub();
    let seen = Seen::default();
    let body = feed();
    let status = add_envelope(
        &hub.store,
        &hub.caller,
        &hub.collection,
        &seen,
        body.as_bytes(),
    )
    .expect("accepted");
    assert!(status.failures.is_empty(), "{:?}", status.failures);
    // Eight 2.0 objects; the observed-data's three observables are objects of their own.
    assert_eq!(status.total_count, 11);
    assert_eq!(status.successes.len(), 11);
    let seen = seen.0.into_inner().unwrap();
    assert_eq!(seen.len(), 11);
    assert!(seen.iter().all(|o| o["spec_version"] == "2.1"));
    let objects = stored(&hub);
    assert_eq!(objects.len(), 11);
    let indicator = objects.iter().find(|o| o["type"] == "indicator").unwrap();
    assert_eq!(indicator["pattern_type"], "stix");
    assert_eq!(indicator["indicator_types"], indicator["labels"]);
    let observed = objects
        .iter()
        .find(|o| o["type"] == "observed-data")
        .unwrap();
    assert_eq!(observed["object_refs"].as_array().unwrap().len(), 3);
}

#[test]
fn an_envelope_of_unversioned_20_objects_is_upgraded_and_21_is_left_alone() {
    let hub = hub();
    let bundle: Value = serde_json::from_str(&feed()).unwrap();
    let tool = serde_json::json!({"type": "tool", "spec_version": "2.1",
        "id": "tool--03342581-f790-4f03-ba41-e82e67392e23",
        "created": "2017-05-31T21:32:31.601Z", "modified": "2017-05-31T21:32:31.601Z",
        "name": "Net"});
    let tool_text = serde_json::to_string(&tool).unwrap();
    // A TAXII envelope, no version on it: the 2.0 indicator is told by its missing version.
    let body = format!(
        r#"{{"objects":[{},{tool_text}]}}"#,
        serde_json::to_string(&bundle["objects"][2]).unwrap()
    );
    let status = add_envelope(
        &hub.store,
        &hub.caller,
        &hub.collection,
        &Seen::default(),
        body.as_bytes(),
    )
    .expect("accepted");
    assert!(status.failures.is_empty(), "{:?}", status.failures);
    assert_eq!(status.successes.len(), 2);
    let page = hub
        .store
        .query_objects(&hub.collection.id, &ObjectQuery::default())
        .unwrap();
    let raw_tool = page.items.iter().find(|v| v.object_type == "tool").unwrap();
    assert_eq!(
        raw_tool.json, tool_text,
        "2.1 objects are kept byte for byte"
    );
    let indicator: Value = serde_json::from_str(
        &page
            .items
            .iter()
            .find(|v| v.object_type == "indicator")
            .unwrap()
            .json,
    )
    .unwrap();
    assert_eq!(indicator["spec_version"], "2.1");
}
