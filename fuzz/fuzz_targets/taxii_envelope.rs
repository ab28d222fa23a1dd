//! The hub's Add Objects path over arbitrary bodies: `ward_taxii::ingest::add_envelope`
//! parses the POSTed envelope, checks every object and stores what passes, in a SQLite
//! store made once per run (in a temporary folder). Any panic is a bug: a bad body is a 400,
//! a bad object a failure in the status.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ward_store::{Collection, NewCollection, SqliteStore, Store};
use ward_taxii::filters::{Caller, Credential, PassThrough};

struct Hub {
    store: SqliteStore,
    collection: Collection,
    _dir: tempfile::TempDir,
}

fn hub() -> Option<&'static Hub> {
    static HUB: OnceLock<Option<Hub>> = OnceLock::new();
    HUB.get_or_init(|| {
        // Memory-backed when the system has one: the store syncs every commit.
        let shm = std::path::Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm).ok()?
        } else {
            tempfile::tempdir().ok()?
        };
        let store = SqliteStore::open(dir.path()).ok()?;
        let collection = store
            .create_collection(&NewCollection {
                title: "fuzz".into(),
                description: None,
                readers: Vec::new(),
                writers: Vec::new(),
            })
            .ok()?;
        Some(Hub {
            store,
            collection,
            _dir: dir,
        })
    })
    .as_ref()
}

fuzz_target!(|body: &[u8]| {
    let Some(hub) = hub() else {
        return;
    };
    let caller = Caller {
        user_id: "u".into(),
        user_name: "fuzzer".into(),
        org_id: "o".into(),
        org_name: "Fuzz".into(),
        credential: Credential::Token,
    };
    let _ =
        ward_taxii::ingest::add_envelope(&hub.store, &caller, &hub.collection, &PassThrough, body);
});
