//! The block lists' pre-selection: for each collection, the ids of the indicators whose
//! latest version could appear in some reader's block list (or be counted in its header as
//! left out). It depends on no reader, so one pass over the collection serves every reader,
//! and it is brought up to date by the store's change count: after additions only the
//! versions added since are read; after a delete or a rewrite the collection is read again.
//!
//! An indicator is left out only when `ward_feeds::export::may_be_selected` says that no
//! export, now or later, could list it as stored: its score is under the minimum and can
//! only fall, or its TLP is above what a block list holds. What the read filter may change
//! in a reader's copy (an anonymous author replaced, recipient lists removed) is none of
//! the scored properties, except for granular markings, which may remove any property: an
//! object with granular markings is always kept, as is one that does not parse. So a list
//! built from the pre-selection is the list built from the whole collection.
//!
//! The pre-selection holds ids only, never objects: a reader's list reads the latest
//! version of each through [`crate::handlers::page`], TAXII's own query and read filter, so
//! what a reader may see is decided exactly where TAXII decides it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ward_feeds::allowlist::AllowList;
use ward_feeds::export::ExportOptions;
use ward_stix::StixObject;
use ward_store::{ChangeCount, ObjectQuery, Store, StoreError, StoredVersion, VersionSelect};

use crate::{blocking, AppState};

/// Versions read from the store at a time.
const READ_PAGE: usize = 1000;

/// The pre-selection of one collection.
#[derive(Clone, Debug, Default)]
pub(crate) struct Selection {
    /// The change count it was read at.
    pub changes: Option<ChangeCount>,
    /// Indicator id → `date_added` of the latest version that put it here.
    ids: HashMap<String, i64>,
    /// Latest indicator versions read to make it (all of them for a full read).
    pub read: usize,
}

impl Selection {
    /// The ids kept, oldest first (the order the collection is served in).
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<(&String, i64)> = self.ids.iter().map(|(id, at)| (id, *at)).collect();
        ids.sort_unstable_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
        ids.into_iter().map(|(id, _)| id.clone()).collect()
    }

    /// Notes the latest version `v` of an indicator: kept if it may be listed, else the id
    /// is dropped (an earlier version may have been kept).
    fn note(&mut self, v: &StoredVersion, options: &ExportOptions, allow: &AllowList) {
        self.read += 1;
        if may_be_listed(&v.json, options, allow) {
            self.ids.insert(v.id.clone(), v.date_added);
        } else {
            self.ids.remove(&v.id);
        }
    }
}

/// Whether a stored indicator could be in some reader's block list (see the module doc).
fn may_be_listed(json: &str, options: &ExportOptions, allow: &AllowList) -> bool {
    let Ok(object) = serde_json::from_str::<StixObject>(json) else {
        return true;
    };
    if object.object_type() != "indicator" || object.get("granular_markings").is_some() {
        return true;
    }
    let scored = ward_feeds::local::score_objects(
        std::slice::from_ref(&object),
        &ward_feeds::config::FeedsConfig::default(),
        allow,
        options.now,
    );
    scored
        .first()
        .is_none_or(|s| ward_feeds::export::may_be_selected(s, options))
}

/// The pre-selections of the hub's collections (one per hub process).
#[derive(Default)]
pub(crate) struct Candidates {
    kept: Mutex<HashMap<String, Arc<Selection>>>,
    /// One update at a time per collection.
    updating: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

impl Candidates {
    /// The pre-selection of `collection` as the store stands now, read (wholly, or what was
    /// added since the kept one) if the kept one is not current. Blocking: run it off the
    /// async threads. `None` for a store that keeps no change count (nothing is kept then).
    pub fn current(
        &self,
        store: &dyn Store,
        collection: &str,
        allow: &AllowList,
    ) -> Result<Option<Arc<Selection>>, StoreError> {
        let lock = {
            let mut map = self.updating.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(collection.to_string()).or_default().clone()
        };
        let _one_at_a_time = lock.lock().unwrap_or_else(|p| p.into_inner());
        let Some(changes) = store.change_count(collection)? else {
            return Ok(None);
        };
        let kept = match self.kept_of(collection) {
            Some(k) => Some(k),
            None => load(store, collection).map(Arc::new),
        };
        let (mut selection, added_after) = match kept {
            Some(k) if k.changes == Some(changes) => return Ok(Some(k)),
            Some(k)
                if k.changes
                    .is_some_and(|c| c.removed == changes.removed && c.added <= changes.added) =>
            {
                let after = k.changes.map(|c| c.added);
                ((*k).clone(), after)
            }
            _ => (Selection::default(), None),
        };
        let started = std::time::Instant::now();
        let options = ExportOptions::default();
        let mut query = ObjectQuery {
            types: vec!["indicator".into()],
            versions: VersionSelect::last(),
            added_after,
            limit: READ_PAGE,
            ..ObjectQuery::default()
        };
        loop {
            let page = store.query_objects(collection, &query)?;
            for v in &page.items {
                selection.note(v, &options, allow);
            }
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => break,
            }
        }
        selection.changes = Some(changes);
        if added_after.is_none() {
            eprintln!(
                "ward serve: block lists of {collection}: {} of {} indicators may be listed \
                 (read in {:.1} s)",
                selection.ids.len(),
                selection.read,
                started.elapsed().as_secs_f64()
            );
        }
        save(store, collection, &selection);
        let selection = Arc::new(selection);
        self.kept
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(collection.to_string(), selection.clone());
        Ok(Some(selection))
    }

    fn kept_of(&self, collection: &str) -> Option<Arc<Selection>> {
        self.kept
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(collection)
            .cloned()
    }
}

/// The store setting that keeps a collection's pre-selection across restarts (and for the
/// other hub processes sharing the store): its change count and its ids.
fn setting_key(collection: &str) -> String {
    format!("blocklists/pre-selection/{collection}")
}

/// Pre-selections with more ids than this are not written to the store (a restart reads
/// the collection again).
const SAVED_IDS_MAX: usize = 100_000;

/// The pre-selection saved in the store for `collection`, if any and readable.
fn load(store: &dyn Store, collection: &str) -> Option<Selection> {
    let text = store.setting(&setting_key(collection)).ok()??;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let changes = ChangeCount {
        added: v.get("added")?.as_i64()?,
        removed: v.get("removed")?.as_i64()?,
    };
    let mut ids = HashMap::new();
    for pair in v.get("ids")?.as_array()? {
        let (id, at) = (pair.get(0)?.as_str()?, pair.get(1)?.as_i64()?);
        ids.insert(id.to_string(), at);
    }
    Some(Selection {
        changes: Some(changes),
        ids,
        read: 0,
    })
}

/// Saves `selection` in the store (a failure only means a restart reads the collection).
fn save(store: &dyn Store, collection: &str, selection: &Selection) {
    let key = setting_key(collection);
    let written = match selection.changes {
        Some(c) if selection.ids.len() <= SAVED_IDS_MAX => {
            let ids: Vec<(&String, &i64)> = selection.ids.iter().collect();
            let value = serde_json::json!({ "added": c.added, "removed": c.removed, "ids": ids });
            store.set_setting(&key, Some(&value.to_string()))
        }
        _ => store.set_setting(&key, None),
    };
    if let Err(e) = written {
        eprintln!("ward serve: block lists: keeping the pre-selection of {collection}: {e}");
    }
}

/// `ward export`'s allow-lists shipped with ward, read once.
pub(crate) fn shipped_allow_list() -> &'static AllowList {
    static LIST: OnceLock<AllowList> = OnceLock::new();
    LIST.get_or_init(AllowList::shipped)
}

/// How often [`keep_current`] looks at the collections' change counts.
const REFRESH_EVERY: Duration = Duration::from_secs(10);

/// Keeps every collection's pre-selection current, from the hub's start: the first
/// download of a block list then finds it read, and after additions only what was added
/// is read. Runs until the hub stops; a store error is logged and tried again later.
pub(crate) async fn keep_current(state: AppState) {
    loop {
        let candidates = state.block_candidates.clone();
        let done = blocking(&state, move |s| {
            for c in s.collections()? {
                candidates.current(s, &c.id, shipped_allow_list())?;
            }
            Ok(())
        })
        .await;
        if let Err(e) = done {
            eprintln!("ward serve: block lists: {e}");
        }
        tokio::time::sleep(REFRESH_EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(valid_from: &str, extra: &str) -> String {
        format!(
            r#"{{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"{valid_from}","modified":"{valid_from}","valid_from":"{valid_from}","pattern":"[ipv4-addr:value = '45.33.32.156']","pattern_type":"stix"{extra}}}"#
        )
    }

    #[test]
    fn a_pre_selection_saved_in_the_store_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let store = ward_store::SqliteStore::open(dir.path()).unwrap();
        assert!(load(&store, "c").is_none());
        let mut selection = Selection {
            changes: Some(ChangeCount {
                added: 1_700_000_000_000_000,
                removed: 3,
            }),
            ..Selection::default()
        };
        selection.ids.insert("indicator--a".into(), 5);
        selection.ids.insert("indicator--b".into(), 7);
        save(&store, "c", &selection);
        let back = load(&store, "c").unwrap();
        assert_eq!(
            (back.changes, back.ids()),
            (selection.changes, selection.ids())
        );
        // Too many ids to keep: the saved one is cleared, never left stale.
        for n in 0..=SAVED_IDS_MAX {
            selection.ids.insert(format!("indicator--{n}"), 9);
        }
        save(&store, "c", &selection);
        assert!(load(&store, "c").is_none());
    }

    #[test]
    fn only_what_no_export_could_list_now_or_later_is_left_out() {
        let allow = AllowList::shipped();
        let options = ExportOptions::default();
        let now = options.now.with_precision(3).to_string();
        let listed = |json: &str| may_be_listed(json, &options, &allow);
        // Fresh: listed. Years old (an IP's score is 0 after its lifetime): never again.
        assert!(listed(&indicator(&now, "")));
        let old = "2019-01-01T00:00:00.000Z";
        assert!(!listed(&indicator(old, "")));
        // RED is above what a block list holds, however fresh.
        let red = r#","object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]"#;
        assert!(!listed(&indicator(&now, red)));
        // Kept whatever the score: granular markings (the read filter may remove any
        // property), a valid_from still ahead (it scores later), what does not parse.
        let granular = r#","granular_markings":[{"marking_ref":"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1","selectors":["valid_until"]}],"valid_until":"2019-02-01T00:00:00.000Z""#;
        assert!(listed(&indicator(old, granular)));
        let ahead = "2999-01-01T00:00:00.000Z";
        assert!(listed(&indicator(ahead, "")));
        assert!(listed("{not json"));
    }
}
