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
//! With each id it keeps, when the read filter gives them, the filter's read facts
//! ([`ReadFilter::read_facts`]: what it decides with, the same for every reader) and the
//! indicator scored with its score inputs, its object trimmed to what an export writes. A
//! reader's list asks the read filter ([`ReadFilter::may_read`], the policy's own decision
//! on those facts, with its settings as they are then) which of them the reader may read,
//! and reads the others (no facts kept) through [`crate::handlers::page`], TAXII's own
//! query and read filter. Only ids and change counts are saved in the store: a process
//! that starts from them reads the facts of those ids once.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ward_feeds::allowlist::AllowList;
use ward_feeds::export::ExportOptions;
use ward_feeds::local::{Reach, Rescorable};
use ward_hub_api::{ReadFacts, ReadFilter};
use ward_stix::StixObject;
use ward_store::{
    ChangeCount, Collection, ObjectQuery, Store, StoreError, StoredVersion, VersionSelect,
};

use crate::{blocking, AppState};

/// Versions read from the store at a time.
const READ_PAGE: usize = 1000;

/// The pre-selection of one collection.
#[derive(Clone, Debug, Default)]
pub(crate) struct Selection {
    /// The change count it was read at.
    pub changes: Option<ChangeCount>,
    /// Indicator id → when the latest version that put it here was added.
    ids: HashMap<String, i64>,
    /// (When added, indicator id) → what is kept of that version: the candidates in the
    /// order the collection is served in.
    ordered: BTreeMap<(i64, String), Option<Known>>,
    /// Latest indicator versions read to make it (all of them for a full read).
    pub read: usize,
}

/// What a reader's list needs of a candidate, read once for every reader: what the read
/// filter decides with ([`ReadFilter::may_read`]) and the indicator scored (again at the
/// time of each list).
#[derive(Clone, Debug)]
pub(crate) struct Known {
    pub facts: ReadFacts,
    pub scored: Arc<Rescorable>,
    /// What lists it can change (kept beside it: most candidates are passed over by it).
    pub reach: Reach,
}

impl Selection {
    /// The ids kept, oldest first (the order the collection is served in), each with what is
    /// known of it.
    pub fn candidates(&self) -> impl Iterator<Item = (&str, Option<&Known>)> {
        self.ordered
            .iter()
            .map(|((_, id), known)| (id.as_str(), known.as_ref()))
    }

    /// How many candidates have no facts kept (their lists read them through TAXII).
    pub fn unknown(&self) -> usize {
        self.ordered.values().filter(|k| k.is_none()).count()
    }

    /// Keeps `id`, whose latest version was added at `added`, in place of what was kept of
    /// it.
    fn insert(&mut self, id: String, added: i64, known: Option<Known>) {
        self.remove(&id);
        self.ids.insert(id.clone(), added);
        self.ordered.insert((added, id), known);
    }

    /// Drops what was kept of `id`.
    fn remove(&mut self, id: &str) {
        if let Some((id, added)) = self.ids.remove_entry(id) {
            self.ordered.remove(&(added, id));
        }
    }

    /// Notes the latest versions `page` of indicators: each is kept if it may be listed (with
    /// its read facts and score when the filter gives them), else its id is dropped (an
    /// earlier version may have been kept).
    fn note(&mut self, page: &[StoredVersion], how: &Reading<'_>) {
        // The versions that may be listed and their scores, side by side (each version
        // copied once, for `read_facts`).
        let mut versions: Vec<StoredVersion> = Vec::new();
        let mut scores: Vec<Option<Rescorable>> = Vec::new();
        for v in page {
            self.read += 1;
            match assess(&v.json, &how.options, how.allow) {
                (true, scored) => {
                    versions.push(v.clone());
                    scores.push(scored);
                }
                (false, _) => self.remove(&v.id),
            }
        }
        let facts = how.filter.read_facts(how.collection, &versions);
        for ((v, scored), facts) in versions.into_iter().zip(scores).zip(facts) {
            let known = facts.zip(scored).map(|(facts, scored)| Known {
                facts,
                reach: scored.reach(),
                scored: Arc::new(scored),
            });
            self.insert(v.id, v.date_added, known);
        }
    }
}

/// What a pre-selection is read with.
struct Reading<'a> {
    collection: &'a Collection,
    options: ExportOptions,
    allow: &'a AllowList,
    filter: &'a dyn ReadFilter,
}

/// Whether a stored indicator could be in some reader's block list (see the module doc).
#[cfg(test)]
fn may_be_listed(json: &str, options: &ExportOptions, allow: &AllowList) -> bool {
    assess(json, options, allow).0
}

/// Whether a stored indicator could be in some reader's block list (see the module doc),
/// and, for an indicator that parses and has no granular markings, it scored.
fn assess(json: &str, options: &ExportOptions, allow: &AllowList) -> (bool, Option<Rescorable>) {
    let Ok(object) = serde_json::from_str::<StixObject>(json) else {
        return (true, None);
    };
    if object.object_type() != "indicator" || object.get("granular_markings").is_some() {
        return (true, None);
    }
    let config = ward_feeds::config::FeedsConfig::default();
    let mut scored = Rescorable::new(&object, &config, allow, options.now);
    let may = ward_feeds::export::may_be_selected(scored.scored(), options);
    scored.trim();
    (may, Some(scored))
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
        collection: &Collection,
        allow: &AllowList,
        filter: &dyn ReadFilter,
    ) -> Result<Option<Arc<Selection>>, StoreError> {
        let id = collection.id.as_str();
        let lock = {
            let mut map = self.updating.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(id.to_string()).or_default().clone()
        };
        let _one_at_a_time = lock.lock().unwrap_or_else(|p| p.into_inner());
        let Some(changes) = store.change_count(id)? else {
            return Ok(None);
        };
        let how = Reading {
            collection,
            options: ExportOptions::default(),
            allow,
            filter,
        };
        let kept = match self.kept_of(id) {
            Some(k) => Some(k),
            None => match load(store, id) {
                Some(saved) => {
                    let loaded = Arc::new(Selection::known(store, saved, &how)?);
                    self.keep(id, loaded.clone());
                    Some(loaded)
                }
                None => None,
            },
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
        let mut query = ObjectQuery {
            types: vec!["indicator".into()],
            versions: VersionSelect::last(),
            added_after,
            limit: READ_PAGE,
            ..ObjectQuery::default()
        };
        loop {
            let page = store.query_objects(id, &query)?;
            selection.note(&page.items, &how);
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => break,
            }
        }
        selection.changes = Some(changes);
        if added_after.is_none() {
            eprintln!(
                "ward serve: block lists of {id}: {} of {} indicators may be listed, {} of \
                 them read again for each reader (read in {:.1} s)",
                selection.ids.len(),
                selection.read,
                selection.unknown(),
                started.elapsed().as_secs_f64()
            );
        }
        save(store, id, &selection);
        let selection = Arc::new(selection);
        self.keep(id, selection.clone());
        Ok(Some(selection))
    }

    fn keep(&self, collection: &str, selection: Arc<Selection>) {
        self.kept
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(collection.to_string(), selection);
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

/// The pre-selection saved in the store for `collection`, if any and readable: its change
/// count and its ids with their versions' `date_added`.
fn load(store: &dyn Store, collection: &str) -> Option<Saved> {
    let text = store.setting(&setting_key(collection)).ok()??;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let changes = ChangeCount {
        added: v.get("added")?.as_i64()?,
        removed: v.get("removed")?.as_i64()?,
    };
    let mut ids = Vec::new();
    for pair in v.get("ids")?.as_array()? {
        let (id, at) = (pair.get(0)?.as_str()?, pair.get(1)?.as_i64()?);
        ids.push((id.to_string(), at));
    }
    Some(Saved { changes, ids })
}

/// A pre-selection as saved in the store (ids only).
struct Saved {
    changes: ChangeCount,
    ids: Vec<(String, i64)>,
}

impl Selection {
    /// The saved pre-selection `saved` with what is known of each of its ids, read from
    /// their latest versions (read once when a process starts from a saved one). An id
    /// whose latest version is newer than the saved change count is read again when the
    /// additions since are, and one that is no longer there is dropped.
    fn known(store: &dyn Store, saved: Saved, how: &Reading<'_>) -> Result<Selection, StoreError> {
        let mut selection = Selection {
            changes: Some(saved.changes),
            ..Selection::default()
        };
        for chunk in saved.ids.chunks(READ_PAGE) {
            let mut query = ObjectQuery {
                ids: chunk.iter().map(|(id, _)| id.clone()).collect(),
                types: vec!["indicator".into()],
                versions: VersionSelect::last(),
                limit: READ_PAGE,
                ..ObjectQuery::default()
            };
            loop {
                let page = store.query_objects(&how.collection.id, &query)?;
                selection.note(&page.items, how);
                match page.items.last() {
                    Some(last) if page.more => query.after = Some(last.position()),
                    _ => break,
                }
            }
        }
        selection.read = 0;
        Ok(selection)
    }
}

/// Saves `selection` in the store (a failure only means a restart reads the collection).
fn save(store: &dyn Store, collection: &str, selection: &Selection) {
    let key = setting_key(collection);
    let written = match selection.changes {
        Some(c) if selection.ids.len() <= SAVED_IDS_MAX => {
            let ids: Vec<(&String, i64)> = selection.ids.iter().map(|(id, at)| (id, *at)).collect();
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
        let filter = state.read_filter.clone();
        let done = blocking(&state, move |s| {
            for c in s.collections()? {
                candidates.current(s, &c, shipped_allow_list(), filter.as_ref())?;
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
        selection.insert("indicator--a".into(), 5, None);
        selection.insert("indicator--b".into(), 7, None);
        save(&store, "c", &selection);
        let mut back = load(&store, "c").unwrap();
        back.ids.sort();
        assert_eq!(
            (Some(back.changes), back.ids),
            (
                selection.changes,
                vec![("indicator--a".into(), 5), ("indicator--b".into(), 7)]
            )
        );
        // Too many ids to keep: the saved one is cleared, never left stale.
        for n in 0..=SAVED_IDS_MAX {
            selection.insert(format!("indicator--{n}"), 9, None);
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
