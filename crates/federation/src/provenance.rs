//! Provenance of objects that cross between hubs: the names of the hubs an object passed
//! through, in order, kept in ward's property extension (`hub_path` beside the AMBER and RED
//! recipient lists, see `ward_policy::ext`), so any STIX 2.1 consumer carries it along.
//!
//! A hub appends its own name when it sends an object (push) and, when it receives one
//! (pull), the peer's name and then its own. An object whose path already holds a hub is
//! never sent to that hub, and one whose path holds the receiving hub is refused as a loop.
//! Two copies that differ only in their path are the same object ([`without_path`]).

use serde_json::{json, Map, Value};
use ward_hub_api::{Caller, EnvelopeRecords, PublishDecision, PublishFilter};
use ward_policy::ext::WARD_EXTENSION_ID;
use ward_store::{Collection, Store};

/// The property of ward's extension that holds the path.
pub const HUB_PATH: &str = "hub_path";

/// The hubs `object` passed through, oldest first (empty when it never crossed).
pub fn path(object: &Value) -> Vec<String> {
    object.as_object().map(path_of).unwrap_or_default()
}

/// The path as it is stored: the JSON list in ward's extension (empty when there is none).
fn hub_list(object: &Map<String, Value>) -> &[Value] {
    object
        .get("extensions")
        .and_then(|e| e.get(WARD_EXTENSION_ID))
        .and_then(|w| w.get(HUB_PATH))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// [`path`] of an object's members.
fn path_of(object: &Map<String, Value>) -> Vec<String> {
    hub_list(object)
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Has `object` passed through the hub called `name`?
pub fn passed_through(object: &Value, name: &str) -> bool {
    object
        .as_object()
        .is_some_and(|o| hub_list(o).iter().any(|h| h.as_str() == Some(name)))
}

/// Appends each of `names` to the path unless it is already its last entry.
pub fn extend(object: &mut Value, names: &[&str]) {
    let Value::Object(map) = object else {
        return;
    };
    let mut hubs = path_of(map);
    for name in names {
        if hubs.last().map(String::as_str) != Some(*name) {
            hubs.push((*name).to_string());
        }
    }
    let exts = map
        .entry("extensions")
        .or_insert_with(|| Value::Object(Map::new()));
    if !exts.is_object() {
        // Not a valid `extensions`; validation refuses the object either way.
        return;
    }
    let Some(exts) = exts.as_object_mut() else {
        return;
    };
    let ward = exts
        .entry(WARD_EXTENSION_ID)
        .or_insert_with(|| json!({ "extension_type": "property-extension" }));
    if let Some(ward) = ward.as_object_mut() {
        ward.insert(HUB_PATH.into(), json!(hubs));
    }
}

/// A copy of `object` without its path (and without an extension or `extensions` left empty
/// by its removal), to compare two copies of one version.
pub fn without_path(object: &Value) -> Value {
    let mut copy = object.clone();
    if let Some(map) = copy.as_object_mut() {
        if let Some(Value::Object(exts)) = map.get_mut("extensions") {
            if let Some(Value::Object(ward)) = exts.get_mut(WARD_EXTENSION_ID) {
                ward.shift_remove(HUB_PATH);
                if ward.keys().all(|k| k == "extension_type") {
                    exts.shift_remove(WARD_EXTENSION_ID);
                }
            }
            if exts.is_empty() {
                map.shift_remove("extensions");
            }
        }
    }
    copy
}

/// Longest path kept out of the scrubber.
const MAX_HUBS: usize = 32;

/// A publish filter run on an object without its path, whose path is put back on what the
/// filter decided. The path holds hub names the operators chose, not a member's content, and
/// the scrubber would take a hub's name for the name of the organization standing for it (a
/// peer's organization is named like the peer) and break loop detection. Only a path of
/// hub-shaped names (at most 32 of 1 to 64 letters, digits, `.`, `_`, `-`) is kept out, and
/// on a POST only when the poster is a peer's organization (a member has no path to keep, so
/// whatever it puts there is scrubbed with the rest of the object). `ward serve` puts it
/// around the policy for every POST ([`KeepPath::for_posts`]); a pull, whose caller is the
/// peer by construction, uses [`KeepPath::for_pulls`].
pub struct KeepPath<F> {
    filter: F,
    /// `None` for a pull; for posts, the peers' organizations (read again every few seconds).
    peers: Option<PeerOrgs>,
}

impl<F> KeepPath<F> {
    /// Around the hub's publish filter for every POST: a path is kept only from a peer.
    pub fn for_posts(filter: F, store: std::sync::Arc<dyn Store>) -> KeepPath<F> {
        KeepPath {
            filter,
            peers: Some(PeerOrgs {
                store,
                cached: std::sync::Mutex::new(None),
            }),
        }
    }

    /// For what a pull from a peer receives.
    pub fn for_pulls(filter: F) -> KeepPath<F> {
        KeepPath {
            filter,
            peers: None,
        }
    }

    fn posted_by_peer(&self, caller: &Caller) -> bool {
        self.peers
            .as_ref()
            .is_none_or(|p| p.contains(&caller.org_id))
    }
}

/// The organizations that stand for peers, read from the store at most every
/// [`PEERS_REFRESH`] (a peer added or removed counts within that time).
struct PeerOrgs {
    store: std::sync::Arc<dyn Store>,
    cached: std::sync::Mutex<Option<(std::time::Instant, Vec<String>)>>,
}

const PEERS_REFRESH: std::time::Duration = std::time::Duration::from_secs(5);

impl PeerOrgs {
    fn contains(&self, org: &str) -> bool {
        if org.is_empty() {
            return false;
        }
        let Ok(mut cached) = self.cached.lock() else {
            return false;
        };
        let fresh = cached
            .as_ref()
            .is_some_and(|(at, _)| at.elapsed() < PEERS_REFRESH);
        if !fresh {
            // A store that cannot be read keeps no path unscrubbed.
            let orgs = crate::peers::list(&*self.store)
                .map(|peers| peers.into_iter().map(|p| p.org_id).collect())
                .unwrap_or_default();
            *cached = Some((std::time::Instant::now(), orgs));
        }
        cached
            .as_ref()
            .is_some_and(|(_, orgs)| orgs.iter().any(|o| o == org))
    }
}

impl<F: std::ops::Deref + Send + Sync> PublishFilter for KeepPath<F>
where
    F::Target: PublishFilter,
{
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        object: &Value,
        raw: &str,
        records: &EnvelopeRecords,
    ) -> PublishDecision {
        let hubs = path(object);
        let hub_shaped = !hubs.is_empty()
            && hubs.len() <= MAX_HUBS
            && hubs.iter().all(|h| crate::peers::check_name(h).is_ok());
        if !hub_shaped || !self.posted_by_peer(caller) {
            return self.filter.check(caller, collection, object, raw, records);
        }
        let bare = without_path(object);
        // The bare object's text only for a filter that reads it (the policy does not).
        let bare_raw = if self.filter.reads_raw() {
            bare.to_string()
        } else {
            String::new()
        };
        let decided = match self
            .filter
            .check(caller, collection, &bare, &bare_raw, records)
        {
            PublishDecision::Keep => return PublishDecision::Keep,
            PublishDecision::Reject(why) => return PublishDecision::Reject(why),
            PublishDecision::Replace(json) => json,
        };
        let Ok(mut replaced) = serde_json::from_str::<Value>(&decided) else {
            return PublishDecision::Reject(
                "the publish filter returned an object that does not parse".into(),
            );
        };
        let names: Vec<&str> = hubs.iter().map(String::as_str).collect();
        extend(&mut replaced, &names);
        PublishDecision::Replace(replaced.to_string())
    }
    fn reads_raw(&self) -> bool {
        self.filter.reads_raw()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stands for the scrubber: replaces every string "a" anywhere in the object.
    struct ScrubA;

    fn collection() -> Collection {
        Collection {
            id: "c".into(),
            title: "c".into(),
            description: None,
            readers: Vec::new(),
            writers: Vec::new(),
        }
    }

    impl PublishFilter for ScrubA {
        fn check(
            &self,
            _: &Caller,
            _: &Collection,
            o: &Value,
            _: &str,
            _: &EnvelopeRecords,
        ) -> PublishDecision {
            let text = o.to_string();
            if text.contains("\"a\"") {
                PublishDecision::Replace(text.replace("\"a\"", "\"[ORG]\""))
            } else {
                PublishDecision::Keep
            }
        }
    }

    #[test]
    fn on_a_post_only_a_peer_s_path_is_kept_out_of_the_scrubber() {
        let dir = std::env::temp_dir().join(format!(
            "ward-keeppath-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let store: std::sync::Arc<dyn Store> =
            std::sync::Arc::new(ward_store::SqliteStore::open(&dir).unwrap());
        let peer = crate::peers::PeerConfig {
            name: "b".into(),
            url: "https://b.example/taxii2/".into(),
            remote_collection: "r".into(),
            local_collection: "c".into(),
            direction: crate::peers::Direction::parse("both").unwrap(),
            every_secs: 60,
            max_tlp_in: "AMBER".into(),
            max_tlp_out: "GREEN".into(),
            org_id: "org-peer".into(),
            token_file: None,
            user: None,
            password_file: None,
            ca_cert: None,
            misp: None,
        };
        store
            .set_setting(
                &format!("{}b", crate::peers::PEER_PREFIX),
                Some(&serde_json::to_string(&peer).unwrap()),
            )
            .unwrap();
        let filter = KeepPath::for_posts(Box::new(ScrubA), store);
        let collection = collection();
        let records = EnvelopeRecords::default();
        let mut o = json!({"type": "indicator", "name": "x"});
        extend(&mut o, &["a"]);
        let as_org = |org: &str| {
            let mut caller = ward_hub_api::Caller::anonymous();
            caller.org_id = org.into();
            match filter.check(&caller, &collection, &o, &o.to_string(), &records) {
                PublishDecision::Replace(out) => {
                    path(&serde_json::from_str::<Value>(&out).unwrap())
                }
                PublishDecision::Keep => path(&o),
                PublishDecision::Reject(why) => panic!("{why}"),
            }
        };
        // The peer's organization: its path is kept as sent.
        assert_eq!(as_org("org-peer"), ["a"]);
        // A member: what it put in the path is scrubbed like the rest of its object.
        assert_eq!(as_org("org-member"), ["[ORG]"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hub_names_are_kept_out_of_the_scrubber_and_nothing_else() {
        let filter = KeepPath::for_pulls(Box::new(ScrubA));
        let caller = ward_hub_api::Caller::anonymous();
        let collection = collection();
        let records = EnvelopeRecords::default();
        let check = |o: &Value| filter.check(&caller, &collection, o, &o.to_string(), &records);
        let mut o = json!({"type": "indicator", "name": "a"});
        extend(&mut o, &["a", "b"]);
        let PublishDecision::Replace(out) = check(&o) else {
            panic!("not replaced")
        };
        let out: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(out["name"], "[ORG]");
        assert_eq!(path(&out), ["a", "b"]);
        // Unchanged content: kept as posted, path and all.
        let mut kept = json!({"type": "indicator", "name": "x"});
        extend(&mut kept, &["a"]);
        assert_eq!(check(&kept), PublishDecision::Keep);
        // A path that is not hub names is scrubbed with the rest.
        let mut odd = json!({"type": "indicator", "name": "x"});
        extend(&mut odd, &["a", "John Smith"]);
        let PublishDecision::Replace(out) = check(&odd) else {
            panic!("not replaced")
        };
        let out: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(path(&out), ["[ORG]", "John Smith"]);
    }

    #[test]
    fn path_round_trip() {
        let plain = json!({"type": "indicator", "id": "indicator--1"});
        let mut o = plain.clone();
        assert!(path(&o).is_empty());
        extend(&mut o, &["a", "b"]);
        extend(&mut o, &["b", "c"]);
        assert_eq!(path(&o), ["a", "b", "c"]);
        assert!(passed_through(&o, "b"));
        assert!(!passed_through(&o, "d"));
        assert_eq!(without_path(&o), plain);
        // Other extension properties stay.
        let mut fp = json!({"type": "sighting", "extensions": {WARD_EXTENSION_ID: {
            "extension_type": "property-extension", "false_positive": true}}});
        let before = fp.clone();
        extend(&mut fp, &["a"]);
        assert_eq!(without_path(&fp), before);
        assert_ne!(fp, before);
    }
}
