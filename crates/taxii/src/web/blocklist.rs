//! The block lists' cache: a list built for one reader of one collection is kept, and
//! served again (or answered `304 Not Modified` to a client that holds it, by its `ETag`),
//! until the collection or the hub's policy settings change. Building a list reads every
//! indicator of the collection through the read filter (seconds at a million objects); a
//! firewall polls the same list every few minutes.
//!
//! A list is kept per (collection, organization, user, kind of credential, list kind): what
//! the read filter lets a reader see depends on all of them, so a kept list is only ever
//! served to a caller for whom it was built from that caller's own view. It is current
//! while its [`Stamp`] holds: the collection's change count (`Store::change_count`, moved in
//! the same transaction as every version added, deleted or rewritten, by any hub process
//! sharing the store) and the same policy settings and disabled members (quarantine, AMBER
//! lists, default TLP, attribution). The policy reads its settings again after a few
//! seconds, so a list built within [`POLICY_SETTLE`] of a settings change is served but not
//! kept. Kept lists take at most [`CACHE_BYTES`]; the least recently served go first.
//!
//! A list that is out of date only because versions were added since (nothing deleted or
//! rewritten, the same settings) holds nothing its reader may not read now: every value in
//! it came from a version that reader may still read over TAXII. [`Lookup::Added`] gives it
//! back so that the download can be answered with it while a new list is built, when the
//! build takes longer than [`STALE_WAIT`]; the new list is kept for the next download.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use sha2::{Digest, Sha256};
use ward_hub_api::Caller;
use ward_store::{ChangeCount, Collection, Store, StoreError};

/// Bytes of block lists kept at most, all collections and readers together.
pub(crate) const CACHE_BYTES: usize = 256 * 1024 * 1024;

/// How long after a settings change a built list is not kept: the policy's own settings
/// cache (`ward_policy::SETTINGS_TTL`, 5 s) may still hold the old ones while it builds.
pub(crate) const POLICY_SETTLE: Duration = Duration::from_secs(6);

/// How long a download waits for a new list before it is answered with the kept one that
/// misses only versions added since ([`Lookup::Added`]).
pub(crate) const STALE_WAIT: Duration = Duration::from_secs(2);

/// How long, by default, a download with no list to serve meanwhile waits for the build
/// before it is answered `503` with this many seconds in `Retry-After` (the build goes on
/// and is kept); [`Cache::with_first_wait`] sets another.
pub(crate) const FIRST_WAIT: Duration = Duration::from_secs(10);

/// The prefixes of the hub settings the hub's policy decides with (`ward_policy`: hub-wide,
/// per organization, per collection, quarantine); other settings (sign-outs, vendor
/// notices) change often and never change what a reader may see.
const POLICY_SETTINGS: [&str; 4] = ["hub.", "org.", "collection.", "quarantine/"];

/// Who a list was built for, and which list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    collection: String,
    org: String,
    user: String,
    credential: String,
    kind: String,
}

impl Key {
    pub fn new(collection: &Collection, caller: &Caller, kind: &str) -> Key {
        Key {
            collection: collection.id.clone(),
            org: caller.org_id.clone(),
            user: caller.user_id.clone(),
            credential: format!("{:?}", caller.credential),
            kind: kind.to_string(),
        }
    }
}

/// What a kept list depends on, read before it was built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// The collection's change count; `None` when the store keeps none (nothing is kept).
    changes: Option<ChangeCount>,
    /// A digest of the policy's settings and of the disabled organizations and users.
    settings: [u8; 32],
}

/// What the cache holds for a reader's list.
pub(crate) enum Lookup {
    /// Nothing changed since it was built.
    Current(Built),
    /// Versions were added since, nothing else changed: it may be served while a new one is
    /// built.
    Added(Built),
    /// Nothing usable: the list must be built.
    None,
}

/// A built list.
#[derive(Clone)]
pub(crate) struct Built {
    pub body: Bytes,
    /// A strong entity tag: a digest of the body, quoted.
    pub etag: String,
}

impl Built {
    pub fn new(text: String) -> Built {
        let digest = Sha256::digest(text.as_bytes());
        let etag = format!("\"{}\"", hex(&digest[..16]));
        Built {
            body: Bytes::from(text),
            etag,
        }
    }
}

struct Entry {
    stamp: Stamp,
    built: Built,
    used: Instant,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<Key, Entry>,
    bytes: usize,
    /// The settings digest last seen, and since when.
    settings_seen: Option<([u8; 32], Instant)>,
}

/// The hub's kept block lists (one per hub process, shared by its request handlers).
pub(crate) struct Cache {
    inner: Mutex<Inner>,
    /// One build at a time per key: a second request for the same list waits for the first.
    building: Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
    /// How long a download with no list to serve waits for the build ([`FIRST_WAIT`]).
    first_wait: Duration,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache::with_first_wait(FIRST_WAIT)
    }
}

impl Cache {
    /// An empty cache whose downloads with no list to serve wait `first_wait` for the build.
    pub fn with_first_wait(first_wait: Duration) -> Cache {
        Cache {
            inner: Mutex::default(),
            building: Mutex::default(),
            first_wait,
        }
    }

    /// How long a download with no list to serve waits for the build before `503`.
    pub fn first_wait(&self) -> Duration {
        self.first_wait
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The lock that makes builds of `key` one at a time.
    pub fn build_lock(&self, key: &Key) -> Arc<tokio::sync::Mutex<()>> {
        let mut map = self.building.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key.clone()).or_default().clone()
    }

    /// What a list of `collection` built now would depend on (reads the store).
    pub fn stamp(&self, store: &dyn Store, collection: &str) -> Result<Stamp, StoreError> {
        let changes = store.change_count(collection)?;
        let mut digest = Sha256::new();
        for prefix in POLICY_SETTINGS {
            for (k, v) in store.settings(prefix)? {
                for part in [k.as_bytes(), b"\0", v.as_bytes(), b"\0"] {
                    digest.update(part);
                }
            }
        }
        let (orgs, users) = store.disabled()?;
        for id in orgs.iter().chain(&users) {
            digest.update(id.as_bytes());
            digest.update(b"\0");
        }
        Ok(Stamp {
            changes,
            settings: digest.finalize().into(),
        })
    }

    /// The kept list of `key`, and whether `now` (a stamp just read) says it is current.
    pub fn get(&self, key: &Key, now: &Stamp) -> Lookup {
        let mut inner = self.inner();
        inner.note_settings(now.settings);
        let Some(e) = inner.entries.get_mut(key) else {
            return Lookup::None;
        };
        let (Some(then), Some(changes)) = (e.stamp.changes, now.changes) else {
            return Lookup::None;
        };
        if e.stamp.settings != now.settings || then.removed != changes.removed {
            return Lookup::None;
        }
        e.used = Instant::now();
        if then == changes {
            Lookup::Current(e.built.clone())
        } else {
            Lookup::Added(e.built.clone())
        }
    }

    /// Keeps `built`, made from what `stamp` (read before the build) describes, unless the
    /// settings changed too recently for the policy to have used the new ones.
    pub fn put(&self, key: Key, stamp: Stamp, built: Built) {
        let mut inner = self.inner();
        inner.note_settings(stamp.settings);
        let settled = inner
            .settings_seen
            .is_some_and(|(d, since)| d == stamp.settings && since.elapsed() >= POLICY_SETTLE);
        if !settled || stamp.changes.is_none() || built.body.len() > CACHE_BYTES {
            return;
        }
        inner.remove(&key);
        inner.bytes += built.body.len();
        inner.entries.insert(
            key,
            Entry {
                stamp,
                built,
                used: Instant::now(),
            },
        );
        while inner.bytes > CACHE_BYTES {
            let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            inner.remove(&oldest);
        }
    }

    /// How many lists are kept (for tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner().entries.len()
    }
}

impl Inner {
    fn note_settings(&mut self, digest: [u8; 32]) {
        if self.settings_seen.is_none_or(|(d, _)| d != digest) {
            // On first sight the hub may have just started with these settings: the
            // policy read them at start, so they count as settled.
            let since = match self.settings_seen {
                None => Instant::now()
                    .checked_sub(POLICY_SETTLE)
                    .unwrap_or_else(Instant::now),
                Some(_) => Instant::now(),
            };
            self.settings_seen = Some((digest, since));
        }
    }

    fn remove(&mut self, key: &Key) {
        if let Some(e) = self.entries.remove(key) {
            self.bytes -= e.built.body.len();
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether an `If-None-Match` header value names `etag` (or is `*`).
pub(crate) fn matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_names_the_tag_weakly_or_among_others() {
        let tag = Built::new("1.2.3.4\n".into()).etag;
        assert!(matches(&tag, &tag));
        assert!(matches(&format!("\"x\", W/{tag}"), &tag));
        assert!(matches("*", &tag));
        assert!(!matches("\"x\"", &tag));
        assert_ne!(Built::new("1.2.3.5\n".into()).etag, tag);
    }

    #[test]
    fn kept_lists_stay_under_the_byte_bound() {
        let cache = Cache::default();
        let stamp = Stamp {
            changes: Some(ChangeCount {
                added: 0,
                removed: 0,
            }),
            settings: [0; 32],
        };
        let key = |n: usize| Key {
            collection: "c".into(),
            org: format!("o{n}"),
            user: "u".into(),
            credential: "Password".into(),
            kind: "ip".into(),
        };
        let big = "x".repeat(CACHE_BYTES / 3 + 1);
        for n in 0..5 {
            cache.put(key(n), stamp.clone(), Built::new(big.clone()));
        }
        assert_eq!(cache.len(), 2);
        assert!(cache.inner().bytes <= CACHE_BYTES);
        assert!(cache.inner().entries.contains_key(&key(4)));
        // A settings change just now: the next list is served but not kept.
        let changed = Stamp {
            settings: [1; 32],
            ..stamp
        };
        cache.put(key(9), changed, Built::new("y".into()));
        assert!(!cache.inner().entries.contains_key(&key(9)));
    }

    /// A kept list is current while nothing changed; after additions alone it may still be
    /// served while a new one is built; after a delete or rewrite, or a settings change, or
    /// from a store that keeps no change count, it is not used at all.
    #[test]
    fn a_kept_list_is_used_only_while_nothing_was_taken_away() {
        let cache = Cache::default();
        let key = Key {
            collection: "c".into(),
            org: "o".into(),
            user: "u".into(),
            credential: "Password".into(),
            kind: "ip".into(),
        };
        let at = |added, removed| Stamp {
            changes: Some(ChangeCount { added, removed }),
            settings: [0; 32],
        };
        assert!(matches!(cache.get(&key, &at(5, 1)), Lookup::None));
        cache.put(key.clone(), at(5, 1), Built::new("1.2.3.4\n".into()));
        assert!(matches!(cache.get(&key, &at(5, 1)), Lookup::Current(b) if b.body == "1.2.3.4\n"));
        assert!(matches!(cache.get(&key, &at(9, 1)), Lookup::Added(b) if b.body == "1.2.3.4\n"));
        assert!(matches!(cache.get(&key, &at(5, 2)), Lookup::None));
        assert!(matches!(cache.get(&key, &at(9, 2)), Lookup::None));
        let uncounted = Stamp {
            changes: None,
            settings: [0; 32],
        };
        assert!(matches!(cache.get(&key, &uncounted), Lookup::None));
        // Nothing is kept from a store without a change count.
        let other = Key {
            org: "p".into(),
            ..key.clone()
        };
        cache.put(other.clone(), uncounted.clone(), Built::new("x".into()));
        assert!(matches!(cache.get(&other, &at(5, 1)), Lookup::None));
        let other_settings = Stamp {
            settings: [1; 32],
            ..at(5, 1)
        };
        assert!(matches!(cache.get(&key, &other_settings), Lookup::None));
    }
}
