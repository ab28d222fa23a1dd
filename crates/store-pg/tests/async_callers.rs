//! The store called from async code (instead of a blocking thread) answers instead of
//! panicking: the driver's own runtime cannot run inside tokio's, so the store steps out.

use std::sync::Arc;

use ward_store::Store;
use ward_store_pg::{scratch, PgStore};

#[test]
fn calls_from_async_tasks_on_either_runtime_flavor() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let store = Arc::new(PgStore::open(db.url()).expect("open"));
    let current = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    current.block_on(async {
        store.add_org("from a current-thread task").expect("write");
        store.ping().expect("ping");
    });
    let multi = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("runtime");
    let names = multi.block_on({
        let store = store.clone();
        async move {
            let task = tokio::spawn(async move {
                store.add_org("from a worker").expect("write");
                store.orgs().expect("orgs")
            });
            task.await.expect("task")
        }
    });
    assert_eq!(names.len(), 2);
    // And from a blocking thread, the intended way.
    let blocking = multi.block_on({
        let store = store.clone();
        async move { tokio::task::spawn_blocking(move || store.orgs().map(|o| o.len())).await }
    });
    assert_eq!(blocking.expect("join").expect("orgs"), 2);
}
