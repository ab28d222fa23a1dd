// Helpers shared by the store's integration tests.
#![allow(dead_code)]

use ward_stix::Timestamp;
use ward_store::{NewCollection, NewVersion, SqliteStore, StatusRecord, StatusState, Store};

pub fn indicator(n: usize, modified: &str) -> NewVersion {
    let id = format!("indicator--00000000-0000-4000-8000-{n:012}");
    NewVersion {
        json: format!(
            r#"{{"type":"indicator","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"{modified}","pattern":"[ipv4-addr:value = '10.0.0.{}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}"#,
            n % 250
        ),
        id,
        object_type: "indicator".into(),
        spec_version: "2.1".into(),
        version: Some(Timestamp::parse(modified).unwrap()),
    }
}

pub fn status(id: &str) -> StatusRecord {
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

pub fn store_with_collection() -> (tempfile::TempDir, SqliteStore, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store.add_org("clinic").unwrap();
    let c = store
        .create_collection(&NewCollection {
            title: "t".into(),
            readers: vec!["clinic".into()],
            writers: vec!["clinic".into()],
            ..Default::default()
        })
        .unwrap();
    (dir, store, c.id)
}
