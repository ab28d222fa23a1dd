//! The member's local intel: what `ward pull` and `ward import` bring in, kept in the same
//! kind of store as the hub's ([`ward_store::Store`], SQLite at `--data DIR`), in a
//! collection titled [`COLLECTION_TITLE`] created on first use and found by its title.
//!
//! Readers (exports, the log scanner) call [`LocalIntel::indicators`] for every indicator with
//! its score, sources, sightings, TLP and allow-list verdict; writers call
//! [`LocalIntel::add_objects`] (imports: ward-made objects are merged with what is stored) or
//! [`LocalIntel::add_verbatim`] (pulled objects and sightings: kept exactly as they came).
//!
//! Pull positions per server and collection live in a file of their own (the member's data
//! folder names it: `ward-member`), written atomically (the store trait has no place for
//! client-side state).
//!
//! [`LocalIntel`] only ever sees the [`Store`] trait: whoever owns the data folder opens the
//! store (SQLite or PostgreSQL), reads the configuration and the allow-lists, and hands them
//! over through [`LocalIntel::new`].

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use ward_stix::tlp::EffectiveTlp;
use ward_stix::{StixObject, Timestamp, Tlp};
use ward_store::{
    AddOutcome, NewCollection, NewVersion, ObjectQuery, StatusRecord, StatusState, Store,
    StoreError, Submitter, VersionSelect, VersionSource,
};

use crate::allowlist::AllowList;
use crate::config::FeedsConfig;
use crate::decay::{self, ScoreInputs};
use crate::import::ImportResult;
use crate::indicator::{self, merge, SOURCES_PROPERTY};
use crate::known::{KnownIndex, REFRESH};
use crate::observable::{self, Observable, ObservableKind};
use crate::FeedsError;

/// Title of the local collection.
pub const COLLECTION_TITLE: &str = "local";

const PAGE: usize = 1000;

/// An import that names at least 1/SCAN_RATIO of the collection reads the whole collection
/// in storage order rather than looking its ids up one by one (random reads).
const SCAN_RATIO: u64 = 4;
/// Page size of that read.
const SCAN_PAGE: usize = 5000;

/// What an import does with one of ward's objects that the store already holds.
enum Decision {
    /// Listed again, nothing new: counted as already stored.
    Unchanged,
    /// The new version to store.
    Merged(Value),
}

/// An indicator as the toolkit acts on it.
#[derive(Clone, Debug, Serialize)]
pub struct ScoredIndicator {
    pub object: StixObject,
    /// The values its pattern names (through the pattern compiler). Empty when the pattern
    /// needs full evaluation: such an indicator can be scanned for but never exported.
    #[serde(serialize_with = "observable_texts")]
    pub observables: Vec<Observable>,
    /// The family of its first observable, which set its decay; `None` when its pattern
    /// names no single value (it then ages as a domain does).
    pub kind: Option<ObservableKind>,
    /// 0-100, decayed to the time asked for.
    pub score: f64,
    /// Names of the feeds or producers that reported it.
    pub sources: Vec<String>,
    /// Sightings of it in the local store.
    pub sightings: usize,
    /// Its TLP; `None` when unmarked.
    pub tlp: Option<Tlp>,
    /// The allow-list that flags it (any of its observables), if any.
    pub allow_listed: Option<String>,
}

impl ScoredIndicator {
    pub fn is_allow_listed(&self) -> bool {
        self.allow_listed.is_some()
    }
}

/// One stored object as [`LocalIntel::each_scored`] hands it over.
pub enum LocalObject {
    /// An indicator, scored, and until when its score rounded to a whole number holds
    /// ([`crate::decay::whole_score_stable_until`]; `None`: for ever).
    Indicator(Box<ScoredIndicator>, Option<Timestamp>),
    /// Any other object.
    Other(StixObject),
}

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AddSummary {
    /// New objects or new versions stored.
    pub added: usize,
    /// Versions that were already stored.
    pub duplicates: usize,
}

/// One server and collection's pull position.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullPosition {
    /// `X-TAXII-Date-Added-Last` of the last page of the last completed pull.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub added_after: Option<String>,
    /// The `next` of an interrupted pull, and the `added_after` it was started with.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_added_after: Option<String>,
}

pub struct LocalIntel {
    store: Arc<dyn Store>,
    collection: String,
    pull_state: PathBuf,
    config: FeedsConfig,
    allow: AllowList,
}

impl LocalIntel {
    /// The local intel on an open store: its collection titled [`COLLECTION_TITLE`] (created
    /// on first use), scored with `config`, judged by `allow`, with its pull positions kept in
    /// the file `pull_state`.
    pub fn new(
        store: Arc<dyn Store>,
        config: FeedsConfig,
        allow: AllowList,
        pull_state: PathBuf,
    ) -> Result<LocalIntel, FeedsError> {
        let collection = match store
            .collections()?
            .into_iter()
            .find(|c| c.title == COLLECTION_TITLE)
        {
            Some(c) => c.id,
            None => {
                store
                    .create_collection(&NewCollection {
                        title: COLLECTION_TITLE.into(),
                        description: Some("intel pulled and imported by this member".into()),
                        readers: Vec::new(),
                        writers: Vec::new(),
                    })?
                    .id
            }
        };
        Ok(LocalIntel {
            store,
            collection,
            pull_state,
            config,
            allow,
        })
    }

    pub fn config(&self) -> &FeedsConfig {
        &self.config
    }

    pub fn allow_list(&self) -> &AllowList {
        &self.allow
    }

    pub fn collection_id(&self) -> &str {
        &self.collection
    }

    fn write(&self, objects: &[Value]) -> Result<AddSummary, FeedsError> {
        let mut summary = AddSummary::default();
        for chunk in objects.chunks(PAGE) {
            let versions: Vec<NewVersion> = chunk.iter().filter_map(new_version).collect();
            if versions.is_empty() {
                continue;
            }
            let status = status_of(versions.len());
            for outcome in self
                .store
                .add_objects(&self.collection, &versions, &status)?
            {
                match outcome {
                    AddOutcome::Added { .. } => summary.added += 1,
                    AddOutcome::Duplicate { .. } => summary.duplicates += 1,
                }
            }
        }
        Ok(summary)
    }

    /// Stores objects exactly as they are (pulled objects, sightings). A version already
    /// stored is a duplicate, not an error.
    pub fn add_verbatim(&self, objects: &[Value]) -> Result<AddSummary, FeedsError> {
        self.write(objects)
    }

    /// Stores imported objects. Objects made by ward's importers (they carry
    /// `x_ward_sources`) are merged with the stored version of the same id, so a value
    /// listed by several feeds is one indicator with every source; others are stored as
    /// they are.
    pub fn add_objects(&self, objects: &[Value]) -> Result<AddSummary, FeedsError> {
        self.add_objects_at(objects, Timestamp::now())
    }

    /// [`LocalIntel::add_objects`] with the clock given (tests, benchmarks).
    pub fn add_objects_at(
        &self,
        objects: &[Value],
        now: Timestamp,
    ) -> Result<AddSummary, FeedsError> {
        let held = self.store.count_objects(&self.collection)?;
        let (merged, unchanged) = self.decide(objects, now, held, true)?;
        let mut summary = self.write(&merged)?;
        summary.duplicates += unchanged;
        Ok(summary)
    }

    /// What to write of `objects` against the store's `held` objects: each of ward's own
    /// objects that the store holds is merged with its stored version or, listed again
    /// within REFRESH and adding nothing, left out and counted (the second of the answer).
    /// `may_scan`: when the objects name a good part of the collection, read it all in
    /// storage order rather than looking ids up.
    fn decide(
        &self,
        objects: &[Value],
        now: Timestamp,
        held: u64,
        may_scan: bool,
    ) -> Result<(Vec<Value>, usize), FeedsError> {
        let mut ours: HashMap<&str, Vec<usize>> = HashMap::new();
        for (n, o) in objects.iter().enumerate() {
            if o.get(SOURCES_PROPERTY).is_some() {
                if let Some(id) = o.get("id").and_then(Value::as_str) {
                    ours.entry(id).or_default().push(n);
                }
            }
        }
        let mut decided: Vec<Option<Decision>> = Vec::new();
        decided.resize_with(objects.len(), || None);
        let mut decide = |id: &str, json: &str| {
            let Some(places) = ours.get(id) else { return };
            let Ok(existing) = serde_json::from_str::<Value>(json) else {
                return;
            };
            let fresh = modified_within(&existing, now, REFRESH);
            for &n in places {
                let incoming = &objects[n];
                decided[n] = Some(if fresh && indicator::adds_nothing(&existing, incoming) {
                    Decision::Unchanged
                } else {
                    let m = merge(&existing, incoming, now);
                    if fresh && same_but_modified(&existing, &m) {
                        Decision::Unchanged
                    } else {
                        Decision::Merged(m)
                    }
                });
            }
        };
        // One pass over the collection when the import names a good part of it (a feed's
        // daily refresh): its pages are read in storage order. A few ids are looked up. An
        // empty store has nothing to merge with.
        if held > 0 && may_scan && ours.len() as u64 * SCAN_RATIO >= held {
            self.each_latest(|id, json| decide(id, json))?;
        } else if held > 0 {
            let ids: Vec<String> = ours.keys().map(|id| id.to_string()).collect();
            for ids in ids.chunks(500) {
                let query = ObjectQuery {
                    ids: ids.to_vec(),
                    versions: VersionSelect::last(),
                    limit: ids.len().max(1),
                    ..ObjectQuery::default()
                };
                for v in self.store.query_objects(&self.collection, &query)?.items {
                    decide(&v.id, &v.json);
                }
            }
        }
        let mut unchanged = 0;
        let mut merged = Vec::with_capacity(objects.len());
        for (o, decision) in objects.iter().zip(decided) {
            match decision {
                Some(Decision::Unchanged) => unchanged += 1,
                Some(Decision::Merged(m)) => merged.push(m),
                None => merged.push(o.clone()),
            }
        }
        Ok((merged, unchanged))
    }

    /// Stores an import as it is read, in one transaction: `import` (run on a thread of its
    /// own, typically [`crate::import::import_path_streamed`]) sends batches of objects,
    /// each merged with what the store held before the import (as
    /// [`LocalIntel::add_objects`] does) and written while the next is read. Nothing is
    /// stored when `import` or the store fails. Memory holds a batch or two, not the import.
    pub fn add_streamed<F>(&self, now: Timestamp, import: F) -> Result<Streamed, FeedsError>
    where
        F: FnOnce(SyncSender<Vec<Value>>) -> Result<ImportResult, FeedsError> + Send,
    {
        let held = self.store.count_objects(&self.collection)?;
        let read_failed = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            let reader = scope.spawn(|| {
                // The writer sees the channel close only once `keep` is dropped too, so it
                // knows by then whether reading failed.
                let keep = tx.clone();
                let read = import(tx);
                read_failed.store(read.is_err(), Ordering::SeqCst);
                drop(keep);
                read
            });
            let mut source = StreamSource {
                intel: self,
                now,
                held,
                rx: Some(rx),
                read_failed: &read_failed,
                out: Streamed::default(),
                failed: None,
                nothing_to_store: false,
            };
            let by = Submitter {
                org_id: COLLECTION_TITLE.into(),
                user_id: COLLECTION_TITLE.into(),
            };
            let stored = self
                .store
                .add_objects_streamed(&self.collection, &mut source, &by);
            // The reader stops building once its receiver is gone.
            source.rx = None;
            let read = reader.join().map_err(|_| {
                FeedsError::Store(StoreError::Backend("the import's reader panicked".into()))
            })?;
            let result = read?;
            if let Some(e) = source.failed {
                return Err(e);
            }
            match stored {
                Ok(()) => {}
                // Nothing to write: the empty transaction was abandoned.
                Err(_) if source.nothing_to_store => {}
                Err(e) => return Err(e.into()),
            }
            let mut out = source.out;
            out.summary.duplicates += result.already_stored;
            out.objects += result.already_stored;
            out.indicators += result.already_stored;
            out.result = result;
            Ok(out)
        })
    }

    /// How many objects the local collection holds.
    pub fn count(&self) -> Result<u64, FeedsError> {
        Ok(self.store.count_objects(&self.collection)?)
    }

    /// A compact index of the indicators stored (their latest versions), read in one pass in
    /// storage order, for [`crate::import::import_path_known`].
    pub fn known_index(&self) -> Result<KnownIndex, FeedsError> {
        let held = usize::try_from(self.count()?).unwrap_or(0);
        let mut index = KnownIndex::with_capacity(held);
        self.each_latest(|id, json| index.add(id, json))?;
        Ok(index)
    }

    /// Calls `f` with the id and JSON of the latest version of every object stored, page by
    /// page in storage order.
    fn each_latest(&self, mut f: impl FnMut(&str, &str)) -> Result<(), FeedsError> {
        let mut after = None;
        loop {
            let query = ObjectQuery {
                versions: VersionSelect::last(),
                after: after.take(),
                limit: SCAN_PAGE,
                ..ObjectQuery::default()
            };
            let page = self.store.query_objects(&self.collection, &query)?;
            for v in &page.items {
                f(&v.id, &v.json);
            }
            match (page.more, page.items.last()) {
                (true, Some(last)) => after = Some(last.position()),
                _ => return Ok(()),
            }
        }
    }

    /// [`LocalIntel::known_index`] when an import of about `entries` entries is worth it: it
    /// names a good part of the collection (a feed's daily refresh). `None` otherwise.
    pub fn known_index_for(&self, entries: u64) -> Result<Option<KnownIndex>, FeedsError> {
        let held = self.count()?;
        if held == 0 || entries.saturating_mul(SCAN_RATIO) < held {
            return Ok(None);
        }
        self.known_index().map(Some)
    }

    /// Stores what an import produced ([`LocalIntel::add_objects`]); the entries it left out
    /// as already stored unchanged count as duplicates.
    pub fn add_imported(&self, result: &ImportResult) -> Result<AddSummary, FeedsError> {
        self.add_imported_at(result, Timestamp::now())
    }

    /// [`LocalIntel::add_imported`] with the clock given (tests, benchmarks).
    pub fn add_imported_at(
        &self,
        result: &ImportResult,
        now: Timestamp,
    ) -> Result<AddSummary, FeedsError> {
        let mut summary = self.add_objects_at(&result.objects, now)?;
        summary.duplicates += result.already_stored;
        Ok(summary)
    }

    /// Records sightings (STIX `sighting` objects) as they are.
    pub fn add_sightings(&self, sightings: &[Value]) -> Result<AddSummary, FeedsError> {
        self.write(sightings)
    }

    /// The latest version of every stored object, in the order they were added.
    pub fn objects(&self) -> Result<Vec<StixObject>, FeedsError> {
        self.objects_of_types(&[])
    }

    /// The latest version of every stored object of one of `types` (every type when empty),
    /// in the order they were added.
    pub fn objects_of_types(&self, types: &[&str]) -> Result<Vec<StixObject>, FeedsError> {
        let mut out = Vec::new();
        self.each_object(types, |o| out.push(o))?;
        Ok(out)
    }

    /// Calls `f` with the latest version of every stored object of one of `types` (every
    /// type when empty), parsed, in the order they were added, reading a page at a time:
    /// memory holds one page, not the collection. Stored text that is not a STIX object is
    /// passed over.
    pub fn each_object(
        &self,
        types: &[&str],
        mut f: impl FnMut(StixObject),
    ) -> Result<(), FeedsError> {
        let mut after = None;
        loop {
            let query = ObjectQuery {
                types: types.iter().map(|t| t.to_string()).collect(),
                versions: VersionSelect::last(),
                after: after.take(),
                limit: PAGE,
                ..ObjectQuery::default()
            };
            let page = self.store.query_objects(&self.collection, &query)?;
            for v in &page.items {
                let parsed = serde_json::from_str::<Value>(&v.json)
                    .ok()
                    .and_then(|j| StixObject::from_value(j).ok());
                if let Some(o) = parsed {
                    f(o);
                }
            }
            match (page.more, page.items.last()) {
                (true, Some(last)) => after = Some(last.position()),
                _ => return Ok(()),
            }
        }
    }

    /// Every stored object (its latest version) in the order they were added, each
    /// indicator scored at `now`, handed to `f` one at a time. The collection is read twice:
    /// its sightings and identities first (what a score needs from other objects: see
    /// [`ScoreContext`]), then everything, a page at a time, so memory holds the sightings'
    /// counts, the identities' names and one page, never the whole intel. Each indicator is
    /// scored exactly as [`score_objects`] scores it among all the objects.
    pub fn each_scored(
        &self,
        now: Timestamp,
        mut f: impl FnMut(LocalObject),
    ) -> Result<(), FeedsError> {
        let mut context = ScoreContext::default();
        self.each_object(&["sighting", "identity"], |o| context.add(&o))?;
        self.each_object(&[], |o| {
            if o.object_type() == "indicator" {
                let (scored, until) = context.score_until(o, &self.config, &self.allow, now);
                f(LocalObject::Indicator(Box::new(scored), until));
            } else {
                f(LocalObject::Other(o));
            }
        })
    }

    /// The indicators [`LocalIntel::each_scored`] hands over, scored at `now`, handed to `f`
    /// `batch` at a time (the last batch may be shorter; none is empty), so memory holds one
    /// batch and one page.
    pub fn each_scored_batch(
        &self,
        now: Timestamp,
        batch: usize,
        mut f: impl FnMut(&[ScoredIndicator]),
    ) -> Result<(), FeedsError> {
        let batch = batch.max(1);
        let mut held = Vec::with_capacity(batch);
        self.each_scored(now, |item| {
            if let LocalObject::Indicator(s, _) = item {
                held.push(*s);
                if held.len() == batch {
                    f(&held);
                    held.clear();
                }
            }
        })?;
        if !held.is_empty() {
            f(&held);
        }
        Ok(())
    }

    /// What the stored intel's state is, for something built from it (the scan index's
    /// cache): the collection's change count. `None` when the store keeps no count; then
    /// nothing built may be trusted without reading the intel again.
    pub fn change_count(&self) -> Result<Option<ward_store::ChangeCount>, FeedsError> {
        Ok(self.store.change_count(&self.collection)?)
    }

    /// Every indicator, scored now.
    pub fn indicators(&self) -> Result<Vec<ScoredIndicator>, FeedsError> {
        self.indicators_at(Timestamp::now())
    }

    /// Every indicator, scored at `now`.
    pub fn indicators_at(&self, now: Timestamp) -> Result<Vec<ScoredIndicator>, FeedsError> {
        let objects = self.objects()?;
        Ok(score_objects(&objects, &self.config, &self.allow, now))
    }

    /// What among `objects` (just imported or pulled) is kept out of every block list:
    /// special addresses and the organization's own domains and networks, counted.
    pub fn kept_out_of_block_lists(&self, objects: &[Value]) -> crate::never_block::KeptOut {
        let indicators: Vec<StixObject> = objects
            .iter()
            .filter(|o| o.get("type").and_then(Value::as_str) == Some("indicator"))
            .filter_map(|o| StixObject::from_value(o.clone()).ok())
            .collect();
        let scored = score_objects(&indicators, &self.config, &self.allow, Timestamp::now());
        crate::never_block::KeptOut::of(&scored)
    }

    // --- pull positions ------------------------------------------------------------------

    fn read_state(&self) -> Result<BTreeMap<String, PullPosition>, FeedsError> {
        let path = self.pull_state.clone();
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| FeedsError::Unreadable {
                path,
                message: format!("expected the pull positions JSON: {e}"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(FeedsError::io(path, e)),
        }
    }

    /// The position of a server and collection (`Default` when never pulled).
    pub fn pull_position(
        &self,
        server: &str,
        collection: &str,
    ) -> Result<PullPosition, FeedsError> {
        Ok(self
            .read_state()?
            .remove(&position_key(server, collection))
            .unwrap_or_default())
    }

    /// Saves a position: written to a temporary file and renamed over the old one, so a
    /// crash leaves either the old or the new table.
    pub fn save_pull_position(
        &self,
        server: &str,
        collection: &str,
        position: &PullPosition,
    ) -> Result<(), FeedsError> {
        let mut state = self.read_state()?;
        state.insert(position_key(server, collection), position.clone());
        let path = self.pull_state.clone();
        let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
        tmp_name.push(".tmp");
        let tmp = path.with_file_name(tmp_name);
        let body = serde_json::to_vec_pretty(&state).map_err(|e| FeedsError::Unreadable {
            path: path.clone(),
            message: e.to_string(),
        })?;
        std::fs::write(&tmp, body).map_err(|e| FeedsError::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| FeedsError::io(&path, e))?;
        Ok(())
    }
}

/// What [`LocalIntel::add_streamed`] did: the import's result (without its objects) and
/// what was stored of it.
#[derive(Debug, Default)]
pub struct Streamed {
    pub result: ImportResult,
    pub summary: AddSummary,
    /// Objects and indicators the import produced, those already stored included.
    pub objects: usize,
    pub indicators: usize,
    /// Indicators kept out of block lists ([`LocalIntel::kept_out_of_block_lists`]).
    pub kept_out: crate::never_block::KeptOut,
    /// Versions handed to the store.
    written: usize,
}

/// The status resource of a write of `total` versions to the local store.
fn status_of(total: usize) -> StatusRecord {
    StatusRecord {
        id: uuid::Uuid::new_v4().to_string(),
        owner_org: COLLECTION_TITLE.into(),
        status: StatusState::Complete,
        request_timestamp: Timestamp::now().as_micros(),
        total_count: total as u64,
        successes: Vec::new(),
        failures: Vec::new(),
        pendings: Vec::new(),
        unlisted: Default::default(),
    }
}

/// The batches of [`LocalIntel::add_streamed`], decided and made versions as the store's
/// writer asks for them.
struct StreamSource<'a> {
    intel: &'a LocalIntel,
    now: Timestamp,
    held: u64,
    rx: Option<Receiver<Vec<Value>>>,
    /// Set by the reader before the channel closes when reading failed.
    read_failed: &'a AtomicBool,
    out: Streamed,
    failed: Option<FeedsError>,
    /// The import produced nothing to write: its transaction is abandoned, not an error.
    nothing_to_store: bool,
}

impl VersionSource for StreamSource<'_> {
    fn next_batch(&mut self) -> Option<Vec<NewVersion>> {
        loop {
            let batch = self.rx.as_ref()?.recv().ok()?;
            self.out.objects += batch.len();
            self.out.indicators += batch
                .iter()
                .filter(|o| o.get("type").and_then(Value::as_str) == Some("indicator"))
                .count();
            self.out
                .kept_out
                .add(&self.intel.kept_out_of_block_lists(&batch));
            let (merged, unchanged) = match self.intel.decide(&batch, self.now, self.held, false) {
                Ok(d) => d,
                Err(e) => {
                    self.failed = Some(e);
                    self.rx = None;
                    return None;
                }
            };
            self.out.summary.duplicates += unchanged;
            let versions: Vec<NewVersion> = merged.iter().filter_map(new_version).collect();
            if !versions.is_empty() {
                self.out.written += versions.len();
                return Some(versions);
            }
        }
    }

    fn status(&mut self) -> Result<StatusRecord, StoreError> {
        if self.failed.is_some() || self.read_failed.load(Ordering::SeqCst) {
            return Err(StoreError::Backend("the import failed".into()));
        }
        if self.out.written == 0 {
            self.nothing_to_store = true;
            return Err(StoreError::Backend("nothing to store".into()));
        }
        Ok(status_of(self.out.written))
    }

    fn stored(&mut self, outcomes: &[AddOutcome]) {
        for outcome in outcomes {
            match outcome {
                AddOutcome::Added { .. } => self.out.summary.added += 1,
                AddOutcome::Duplicate { .. } => self.out.summary.duplicates += 1,
            }
        }
    }
}

/// True when two versions differ in `modified` only.
fn same_but_modified(a: &Value, b: &Value) -> bool {
    match (a.as_object(), b.as_object()) {
        (Some(a), Some(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| k == "modified" || b.get(k) == Some(v))
        }
        _ => false,
    }
}

/// True when `o` was modified less than `window` microseconds before `now`.
fn modified_within(o: &Value, now: Timestamp, window: i64) -> bool {
    o.get("modified")
        .and_then(Value::as_str)
        .and_then(|m| Timestamp::parse(m).ok())
        .is_some_and(|m| now.as_micros() - m.as_micros() < window)
}

fn observable_texts<S: serde::Serializer>(o: &[Observable], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(o.iter().map(observable::value_text))
}

fn position_key(server: &str, collection: &str) -> String {
    format!("{} {collection}", server.trim_end_matches('/'))
}

fn new_version(o: &Value) -> Option<NewVersion> {
    let obj = StixObject::from_value(o.clone()).ok()?;
    Some(NewVersion {
        id: obj.id().to_string(),
        object_type: obj.object_type().to_string(),
        spec_version: obj.spec_version().unwrap_or("2.1").to_string(),
        version: obj.version(),
        json: serde_json::to_string(o).ok()?,
    })
}

fn time(o: &StixObject, key: &str) -> Option<Timestamp> {
    o.get(key)
        .and_then(Value::as_str)
        .and_then(|t| Timestamp::parse(t).ok())
}

/// Scores indicators among `objects` (sightings among them count), for callers that hold
/// objects from elsewhere.
pub fn score_objects(
    objects: &[StixObject],
    config: &FeedsConfig,
    allow: &AllowList,
    now: Timestamp,
) -> Vec<ScoredIndicator> {
    let mut context = ScoreContext::default();
    for o in objects {
        context.add(o);
    }
    objects
        .iter()
        .filter(|o| o.object_type() == "indicator")
        .map(|o| context.score(o, config, allow, now))
        .collect()
}

/// What scoring an indicator needs from the other objects of the intel: the sightings of
/// each indicator (how many, and the latest time one was seen) and the names of the
/// identities that reported them. Built by [`ScoreContext::add`] from every sighting and
/// identity (in any order), then asked [`ScoreContext::score`] one indicator at a time, so
/// a caller can stream the indicators instead of holding them all.
#[derive(Debug, Default)]
pub struct ScoreContext {
    sighted: HashMap<String, (usize, Option<Timestamp>)>,
    names: HashMap<String, String>,
}

impl ScoreContext {
    /// Takes what scoring needs from `o` (a sighting or an identity; anything else is
    /// ignored).
    pub fn add(&mut self, o: &StixObject) {
        match o.object_type() {
            "sighting" => {
                let Some(target) = o.get("sighting_of_ref").and_then(Value::as_str) else {
                    return;
                };
                let count = o
                    .get("count")
                    .and_then(Value::as_u64)
                    .map_or(1, |c| usize::try_from(c.max(1)).unwrap_or(usize::MAX));
                let seen = time(o, "last_seen")
                    .or_else(|| time(o, "first_seen"))
                    .or_else(|| o.modified())
                    .or_else(|| o.created());
                let entry = self.sighted.entry(target.to_string()).or_insert((0, None));
                entry.0 = entry.0.saturating_add(count);
                entry.1 = entry.1.max(seen);
            }
            // Who reported an indicator is shown by name (the identity's `name`), not its id.
            "identity" => {
                if let Some(name) = o.get("name").and_then(Value::as_str) {
                    self.names.insert(o.id().to_string(), name.to_string());
                }
            }
            _ => {}
        }
    }

    /// The score inputs of the indicator `o`, with its observables, their family and its
    /// sources and sightings.
    fn inputs(
        &self,
        o: &StixObject,
        now: Timestamp,
    ) -> (
        ScoreInputs,
        Vec<Observable>,
        Option<ObservableKind>,
        Vec<String>,
    ) {
        let pattern = o.get("pattern").and_then(Value::as_str).unwrap_or("");
        let observables =
            observable::of_pattern(o.get("pattern_type").and_then(Value::as_str), pattern)
                .unwrap_or_default();
        let kind = observables.first().map(observable::kind);
        let mut sources: Vec<String> = o
            .get(SOURCES_PROPERTY)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        if sources.is_empty() {
            let by = o.created_by_ref().unwrap_or("unknown");
            sources.push(self.names.get(by).map_or(by, String::as_str).to_string());
        }
        let (sightings, last_sighting) = self.sighted.get(o.id()).copied().unwrap_or((0, None));
        let valid_from = time(o, "valid_from");
        let last_seen = [valid_from, o.modified(), o.created(), last_sighting]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(now);
        // A pattern that names no single value (AND, qualifiers...) still ages: as a
        // domain does, the middle of the road.
        let inputs = ScoreInputs {
            kind: kind.unwrap_or(ObservableKind::Domain),
            confidence: o.confidence(),
            sources: sources.len(),
            sightings,
            last_seen,
            valid_from,
            valid_until: time(o, "valid_until"),
            revoked: o.revoked(),
        };
        (inputs, observables, kind, sources)
    }

    /// The indicator `o` scored at `now` (a copy of it is in the answer).
    pub fn score(
        &self,
        o: &StixObject,
        config: &FeedsConfig,
        allow: &AllowList,
        now: Timestamp,
    ) -> ScoredIndicator {
        self.score_until(o.clone(), config, allow, now).0
    }

    /// [`ScoreContext::score`], and until when the score rounded to a whole number (what the
    /// scan index keeps) stays what it is at `now`: see [`decay::whole_score_stable_until`]
    /// (`None`: for ever).
    pub fn score_until(
        &self,
        o: StixObject,
        config: &FeedsConfig,
        allow: &AllowList,
        now: Timestamp,
    ) -> (ScoredIndicator, Option<Timestamp>) {
        let (scored, until, _) = self.score_with_inputs(o, config, allow, now);
        (scored, until)
    }

    /// [`ScoreContext::score_until`], and the inputs the score came from.
    fn score_with_inputs(
        &self,
        o: StixObject,
        config: &FeedsConfig,
        allow: &AllowList,
        now: Timestamp,
    ) -> (ScoredIndicator, Option<Timestamp>, ScoreInputs) {
        let (inputs, observables, kind, sources) = self.inputs(&o, now);
        let score = decay::score(&inputs, config, now);
        let until = decay::whole_score_stable_until(&inputs, config, now);
        let tlp = match o.tlp() {
            EffectiveTlp::Level(l) => Some(l),
            EffectiveTlp::Unmarked => None,
        };
        let allow_listed = observables
            .iter()
            .find_map(|k| allow.check(k))
            .map(str::to_string);
        let scored = ScoredIndicator {
            object: o,
            observables,
            kind,
            score: round_tenth(score),
            sources,
            sightings: inputs.sightings,
            tlp,
            allow_listed,
        };
        (scored, until, inputs)
    }
}

/// A score as the toolkit shows it: to a tenth.
pub fn round_tenth(score: f64) -> f64 {
    (score * 10.0).round() / 10.0
}

/// An indicator scored once and kept to be scored again later without reading it again:
/// the inputs of its score, and of the object only what the exports write besides its
/// values (the hub's block lists keep one for each indicator that may be listed).
#[derive(Clone, Debug)]
pub struct Rescorable {
    scored: ScoredIndicator,
    inputs: ScoreInputs,
    /// Whether its object holds only what an export writes ([`Rescorable::trim`]).
    trimmed: bool,
    /// The kinds of its observables, one bit each ([`kind_bit`]).
    kinds: u8,
    /// Which of its observables (by index, the first 64) a blocking export never lists
    /// ([`crate::never_block::observable`]).
    never_blocked: u64,
}

/// The bit of `kind` in [`Rescorable`]'s set of kinds.
fn kind_bit(kind: ObservableKind) -> u8 {
    match kind {
        ObservableKind::Ip => 1,
        ObservableKind::Domain => 2,
        ObservableKind::Url => 4,
        ObservableKind::Hash => 8,
        ObservableKind::Email => 16,
    }
}

/// What exports a kept indicator can change, in one byte: the kinds of value it names and
/// whether a blocking export counts it as left out (allow-listed, or naming a value never
/// blocked). [`crate::export::Batched::may_change_reach`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach(u8);

impl Reach {
    const LEFT_OUT: u8 = 32;

    pub fn names(self, kind: ObservableKind) -> bool {
        self.0 & kind_bit(kind) != 0
    }

    pub fn names_any(self) -> bool {
        self.0 & !Reach::LEFT_OUT != 0
    }

    pub fn left_out_of_blocking(self) -> bool {
        self.0 & Reach::LEFT_OUT != 0
    }
}

impl Rescorable {
    /// `o` scored alone at `now` (no sighting or identity beside it, as [`score_objects`]
    /// scores a batch of indicators only).
    pub fn new(o: &StixObject, config: &FeedsConfig, allow: &AllowList, now: Timestamp) -> Self {
        let (scored, _, inputs) =
            ScoreContext::default().score_with_inputs(o.clone(), config, allow, now);
        let kinds = scored
            .observables
            .iter()
            .fold(0, |bits, o| bits | kind_bit(crate::observable::kind(o)));
        let never_blocked = scored
            .observables
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, o)| crate::never_block::observable(o))
            .fold(0, |bits, (n, _)| bits | 1 << n);
        Rescorable {
            scored,
            inputs,
            trimmed: false,
            kinds,
            never_blocked,
        }
    }

    /// What exports it can change.
    pub fn reach(&self) -> Reach {
        let left_out = self.scored.is_allow_listed() || self.any_never_blocked();
        Reach(self.kinds | if left_out { Reach::LEFT_OUT } else { 0 })
    }

    /// Whether its `n`th observable is one a blocking export never lists.
    pub fn never_blocked(&self, n: usize) -> bool {
        match self.scored.observables.get(n) {
            Some(_) if n < 64 => self.never_blocked & 1 << n != 0,
            Some(o) => crate::never_block::observable(o),
            None => false,
        }
    }

    /// Whether one of its observables is one a blocking export never lists.
    fn any_never_blocked(&self) -> bool {
        self.never_blocked != 0
            || self
                .scored
                .observables
                .iter()
                .skip(64)
                .any(crate::never_block::observable)
    }

    /// Whether its object holds only what an export writes ([`Rescorable::trim`]).
    pub fn is_trimmed(&self) -> bool {
        self.trimmed
    }

    /// The indicator as scored when it was made.
    pub fn scored(&self) -> &ScoredIndicator {
        &self.scored
    }

    /// Keeps of the object only what an export writes besides its values.
    pub fn trim(&mut self) {
        if let Some(trimmed) = crate::export::trimmed(&self.scored.object) {
            self.scored.object = trimmed;
            self.trimmed = true;
        }
    }

    /// Its score alone at `now` (what [`Rescorable::at`] gives, without a copy).
    pub fn score_at(&self, config: &FeedsConfig, now: Timestamp) -> f64 {
        round_tenth(decay::score(&self.inputs, config, now))
    }

    /// What scoring the indicator alone at `now` gives (its object trimmed if it was).
    pub fn at(&self, config: &FeedsConfig, now: Timestamp) -> ScoredIndicator {
        ScoredIndicator {
            score: self.score_at(config, now),
            ..self.scored.clone()
        }
    }
}
