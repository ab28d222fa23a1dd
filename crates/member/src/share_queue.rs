//! The approval queue of `ward share --queue` and `ward watch`'s `[share]`: scrubbed payloads
//! waiting for a person to look at them (or, in watch's `auto` mode, for the hub to answer).
//!
//! Each item holds the exact request body that approval sends and the exact preview that a
//! dry run prints, both made when it was queued, so what a person approves is byte for byte
//! what leaves. Items live in the member store's settings under [`QUEUE_PREFIX`] (as the
//! journal and watch's checkpoints do), so they survive restarts. The hub's token is never
//! kept here: approval takes it from the command line or the environment.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ward_store::Store;

/// Key prefix of queued items in the store's settings; a zero-padded id follows, so the
/// settings come back in the order they were queued.
pub const QUEUE_PREFIX: &str = "share/queue/";
/// The next id to give. Ids are never reused, so `approve 3` cannot send an item that
/// replaced a discarded 3.
const NEXT_ID_KEY: &str = "share/queue-next";

/// Why the queue cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("the share queue in the local store: {0}")]
    Store(String),
    #[error("the share queue's item {id} is not what ward wrote there (discard it with `ward share queue discard {id}`)")]
    Corrupt { id: u64, source: serde_json::Error },
    #[error("serializing a queued share")]
    Serialize(#[source] serde_json::Error),
}

/// Who queued an item, which decides who sends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// `ward share FILE --queue`, or watch in `queue` mode: waits for `approve`.
    Manual,
    /// Watch in `auto` mode: watch sends it every period until the hub takes it; a person
    /// may still approve or discard it.
    Auto,
}

/// One scrubbed payload waiting to leave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedShare {
    /// Given by [`enqueue`]; 0 before.
    #[serde(default)]
    pub id: u64,
    /// When it was queued (RFC 3339, UTC).
    pub queued: String,
    /// What it is, for the list: the file's name, or the sightings of a watch period.
    pub what: String,
    /// The hub's TAXII API root.
    pub to: String,
    pub collection: String,
    /// The CA file to trust for this hub, if one was given when queued.
    #[serde(default)]
    pub ca_cert: Option<PathBuf>,
    /// STIX objects in the body.
    pub objects: usize,
    /// The exact request body (a TAXII envelope) approval sends.
    pub body: String,
    /// The exact preview: the diff of the scrubbed document against the original and the
    /// objects that would leave, as `ward share --dry-run` prints it.
    pub preview: String,
    pub origin: Origin,
}

fn store_error(e: impl std::fmt::Display) -> QueueError {
    QueueError::Store(e.to_string())
}

fn key(id: u64) -> String {
    format!("{QUEUE_PREFIX}{id:010}")
}

/// Queues `item` under a new id and returns the id.
pub fn enqueue(store: &dyn Store, mut item: QueuedShare) -> Result<u64, QueueError> {
    let mut id = store
        .setting(NEXT_ID_KEY)
        .map_err(store_error)?
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1);
    // Another process may have queued under the same counter: skip ids in use.
    while store.setting(&key(id)).map_err(store_error)?.is_some() {
        id += 1;
    }
    item.id = id;
    let text = serde_json::to_string(&item).map_err(QueueError::Serialize)?;
    store
        .set_setting(&key(id), Some(&text))
        .map_err(store_error)?;
    store
        .set_setting(NEXT_ID_KEY, Some(&(id + 1).to_string()))
        .map_err(store_error)?;
    Ok(id)
}

/// Every queued item, oldest first.
pub fn list(store: &dyn Store) -> Result<Vec<QueuedShare>, QueueError> {
    store
        .settings(QUEUE_PREFIX)
        .map_err(store_error)?
        .into_iter()
        .map(|(k, v)| decode(&k, &v))
        .collect()
}

/// The item `id`, if it is queued.
pub fn get(store: &dyn Store, id: u64) -> Result<Option<QueuedShare>, QueueError> {
    match store.setting(&key(id)).map_err(store_error)? {
        Some(v) => decode(&key(id), &v).map(Some),
        None => Ok(None),
    }
}

/// Removes the item `id`; false when it was not queued.
pub fn remove(store: &dyn Store, id: u64) -> Result<bool, QueueError> {
    if store.setting(&key(id)).map_err(store_error)?.is_none() {
        return Ok(false);
    }
    store.set_setting(&key(id), None).map_err(store_error)?;
    Ok(true)
}

fn decode(key: &str, value: &str) -> Result<QueuedShare, QueueError> {
    let id = key
        .strip_prefix(QUEUE_PREFIX)
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0);
    let mut item: QueuedShare =
        serde_json::from_str(value).map_err(|source| QueueError::Corrupt { id, source })?;
    item.id = id;
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(what: &str) -> QueuedShare {
        QueuedShare {
            id: 0,
            queued: "2026-12-03T10:00:00Z".into(),
            what: what.into(),
            to: "https://hub.example.org/taxii2/api/".into(),
            collection: "c1".into(),
            ca_cert: None,
            objects: 1,
            body: "{\"objects\":[]}".into(),
            preview: "diff".into(),
            origin: Origin::Manual,
        }
    }

    #[test]
    fn items_keep_their_order_and_ids_are_never_reused() {
        let dir = tempfile::tempdir().unwrap();
        let store = ward_store::SqliteStore::open(dir.path()).unwrap();
        let a = enqueue(&store, item("a.json")).unwrap();
        let b = enqueue(&store, item("b.json")).unwrap();
        assert_eq!((a, b), (1, 2));
        let all = list(&store).unwrap();
        assert_eq!(
            all.iter().map(|i| i.what.as_str()).collect::<Vec<_>>(),
            ["a.json", "b.json"]
        );
        assert_eq!(get(&store, 2).unwrap().unwrap().id, 2);
        assert!(remove(&store, 2).unwrap());
        assert!(!remove(&store, 2).unwrap(), "already gone");
        assert!(get(&store, 2).unwrap().is_none());
        assert_eq!(enqueue(&store, item("c.json")).unwrap(), 3);
    }

    #[test]
    fn a_damaged_item_is_named_by_its_id() {
        let dir = tempfile::tempdir().unwrap();
        let store = ward_store::SqliteStore::open(dir.path()).unwrap();
        store.set_setting(&key(7), Some("not json")).unwrap();
        let e = list(&store).unwrap_err().to_string();
        assert!(e.contains("item 7") && e.contains("discard 7"), "{e}");
    }
}
