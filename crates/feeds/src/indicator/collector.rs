//! The [`Collector`]: what one import produces, indicators merged by id.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::SyncSender;
use std::sync::Arc;

use serde_json::Value;
use ward_stix::Timestamp;

use super::skip::entry_adds_nothing_with;
use super::{
    build_with_pattern, dated_in_future, indicator_uuid, merge, written, Entry, EntryHashes,
    SOURCES_PROPERTY,
};
use crate::known::{indicator_key, KeyHasher, KnownIndex};
use crate::observable;

/// True when two entries make the same list items ([`EntryHashes`]).
fn same_list_fields(a: &Entry, b: &Entry) -> bool {
    a.source == b.source
        && a.url == b.url
        && a.external_id == b.external_id
        && a.indicator_types == b.indicator_types
        && a.labels == b.labels
}

/// Collects what one import produces: indicators merged by id, other objects by id.
#[derive(Debug)]
pub struct Collector {
    now: Timestamp,
    objects: HashMap<String, Value>,
    order: Vec<String>,
    clamped: usize,
    /// Sources whose identity is collected: a 1M-line list has one source, whose identity
    /// need not be built a million times.
    sources: HashSet<String>,
    allow_lists: Vec<ImportedAllowList>,
    /// What the local store holds: an entry it already holds and that adds nothing is
    /// counted in `known_skipped` and never built.
    known: Option<Arc<KnownIndex>>,
    known_skipped: HashSet<u128, KeyHasher>,
    /// With `known`: the indicators collected (by UUID), `now` as written, and the list
    /// hashes of the last entry checked (a list's entries share them).
    collected: HashSet<u128, KeyHasher>,
    now_written: Option<Timestamp>,
    last_hashes: Option<(Entry, EntryHashes)>,
    /// How the objects leave: all at the end, counted only, or in batches.
    mode: Mode,
}

/// What a [`Collector`] does with what it is given.
#[derive(Debug)]
enum Mode {
    /// Keeps every object until [`Collector::finish`].
    Whole,
    /// Builds nothing: counts each indicator id's arrivals (the first pass of a streamed
    /// import, [`Collector::survey`]).
    Count(HashMap<u128, u32, KeyHasher>),
    /// Hands objects over in batches ([`Collector::streaming`]).
    Stream(Stream),
}

/// The state of a streamed collection.
#[derive(Debug)]
struct Stream {
    batch: usize,
    /// Arrivals still to come of the indicators that arrive more than once (from the
    /// survey): such an indicator is held until its last arrival is merged in.
    repeats: HashMap<u128, u32, KeyHasher>,
    /// Objects held back for arrivals still to come, as of the last hand-over.
    held: usize,
    /// Ids of the other objects handed over (the first of an id is kept, later ones
    /// dropped, as when collected whole).
    others_out: HashSet<String>,
    /// Where batches go; once the other end has hung up (the store failed), nothing more
    /// is built.
    out: SyncSender<Vec<Value>>,
    hung_up: bool,
}

/// What the first pass of a streamed import found: which indicators arrive more than once.
#[derive(Debug, Default)]
pub struct Survey {
    repeats: HashMap<u128, u32, KeyHasher>,
}

/// An outside allow-list read by an import (a MISP warninglist): entries in the syntax of
/// [`crate::allowlist`], saved by the caller into the data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedAllowList {
    /// The list's own name.
    pub name: String,
    pub version: Option<String>,
    pub description: Option<String>,
    pub entries: Vec<String>,
}

impl Collector {
    pub fn new(now: Timestamp) -> Collector {
        Collector {
            now,
            objects: HashMap::new(),
            order: Vec::new(),
            clamped: 0,
            allow_lists: Vec::new(),
            sources: HashSet::new(),
            known: None,
            known_skipped: HashSet::default(),
            collected: HashSet::default(),
            now_written: written(now),
            last_hashes: None,
            mode: Mode::Whole,
        }
    }

    /// A collector that builds nothing and counts how often each indicator arrives: the
    /// first pass of a streamed import. [`Collector::into_survey`] gives what it found.
    pub fn survey(now: Timestamp) -> Collector {
        let mut c = Collector::new(now);
        c.mode = Mode::Count(HashMap::default());
        c
    }

    /// What a [`Collector::survey`] found (empty for any other collector).
    pub fn into_survey(self) -> Survey {
        match self.mode {
            Mode::Count(mut counts) => {
                counts.retain(|_, n| *n > 1);
                counts.shrink_to_fit();
                Survey { repeats: counts }
            }
            _ => Survey::default(),
        }
    }

    /// Makes this collector hand its objects over to `out` in batches of about `batch`;
    /// `survey` (the first pass over the same input) says which
    /// indicators to hold until their last arrival, so that each is handed over once, with
    /// every arrival merged as when collected whole.
    pub fn streaming(
        mut self,
        survey: Survey,
        batch: usize,
        out: SyncSender<Vec<Value>>,
    ) -> Collector {
        self.mode = Mode::Stream(Stream {
            batch: batch.max(1),
            repeats: survey.repeats,
            held: 0,
            others_out: HashSet::new(),
            out,
            hung_up: false,
        });
        self
    }

    /// Streaming: hands over every object not handed over yet, then closes the stream.
    /// False when the other end hung up before taking them all.
    pub fn finish_stream(mut self) -> bool {
        let rest: Vec<Value> = self
            .order
            .iter()
            .filter_map(|id| self.objects.remove(id))
            .collect();
        match self.mode {
            Mode::Stream(s) => !s.hung_up && (rest.is_empty() || s.out.send(rest).is_ok()),
            _ => true,
        }
    }

    /// True when a streaming collector's other end hung up: nothing more is built.
    fn hung_up(&self) -> bool {
        matches!(&self.mode, Mode::Stream(s) if s.hung_up)
    }

    /// Counts one arrival of an indicator; true when the collector only counts.
    fn counted(&mut self, key: u128) -> bool {
        match &mut self.mode {
            Mode::Count(counts) => {
                *counts.entry(key).or_insert(0) += 1;
                true
            }
            Mode::Stream(s) => {
                if let Some(left) = s.repeats.get_mut(&key) {
                    *left = left.saturating_sub(1);
                }
                false
            }
            Mode::Whole => false,
        }
    }

    /// Streaming: once `batch` objects beyond those held back are collected, moves every
    /// object whose arrivals are all in (in order of first arrival) to a ready batch.
    fn hand_over(&mut self) {
        let Mode::Stream(s) = &mut self.mode else {
            return;
        };
        if s.hung_up || self.order.len() < s.held + s.batch {
            return;
        }
        let mut out = Vec::with_capacity(self.order.len() - s.held);
        let mut kept = Vec::with_capacity(s.held);
        for id in self.order.drain(..) {
            let waiting = indicator_key(&id)
                .and_then(|k| s.repeats.get(&k))
                .is_some_and(|left| *left > 0);
            if waiting {
                kept.push(id);
                continue;
            }
            if let Some(k) = indicator_key(&id) {
                s.repeats.remove(&k);
            }
            if let Some(o) = self.objects.remove(&id) {
                if indicator_key(&id).is_none() {
                    s.others_out.insert(id);
                }
                out.push(o);
            }
        }
        s.held = kept.len();
        self.order = kept;
        if !out.is_empty() && s.out.send(out).is_err() {
            s.hung_up = true;
        }
    }

    /// A collector that leaves out the entries `known` (the local store) already holds
    /// unchanged: listed again within [`crate::known::REFRESH`] of its last version and
    /// adding nothing to it. They are counted by [`Collector::already_stored`].
    pub fn with_known(now: Timestamp, known: Arc<KnownIndex>) -> Collector {
        let mut c = Collector::new(now);
        c.known = Some(known);
        c
    }

    /// Entries left out because the local store already holds them unchanged.
    pub fn already_stored(&self) -> usize {
        self.known_skipped.len()
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Adds an entry as an indicator (merging with one already collected) and its source's
    /// identity.
    pub fn add_entry(&mut self, entry: &Entry) {
        if self.hung_up() {
            return;
        }
        if dated_in_future(entry, self.now) {
            self.clamped += 1;
        }
        if !self.sources.contains(&entry.source.name) {
            self.sources.insert(entry.source.name.clone());
            self.add_object(entry.source.identity());
        }
        let pattern = observable::pattern(&entry.observable);
        if self.counted(indicator_uuid(&pattern).as_u128()) {
            return;
        }
        if self.known.is_some() && self.leave_out(entry, &pattern) {
            return;
        }
        let o = build_with_pattern(entry, pattern, self.now);
        self.add_indicator(o);
    }

    /// True when the entry is left out as already stored unchanged (with its pattern made).
    fn leave_out(&mut self, entry: &Entry, pattern: &str) -> bool {
        let Some(known) = &self.known else {
            return false;
        };
        let key = indicator_uuid(pattern).as_u128();
        // Only an id's first arrival in this import is left out; when it comes again it is
        // built, and the merge with the stored version decides as usual (the first arrival
        // added nothing to it).
        if self.known_skipped.remove(&key) || self.collected.contains(&key) {
            return false;
        }
        let Some(k) = known.get_key(key).filter(|k| k.fresh(self.now)) else {
            return false;
        };
        let same_lists = self
            .last_hashes
            .as_ref()
            .is_some_and(|(e, _)| same_list_fields(e, entry));
        if !same_lists {
            self.last_hashes = EntryHashes::of(entry).map(|h| (entry.clone(), h));
        }
        let Some((_, hashes)) = &self.last_hashes else {
            return false;
        };
        if entry_adds_nothing_with(k, entry, self.now, hashes, self.now_written) {
            self.known_skipped.insert(key);
            return true;
        }
        false
    }

    fn add_indicator(&mut self, o: Value) {
        let Some(id) = o.get("id").and_then(Value::as_str).map(str::to_string) else {
            return;
        };
        if self.known.is_some() {
            // Built after all: it is merged with the stored version when written.
            if let Some(key) = indicator_key(&id) {
                self.known_skipped.remove(&key);
                self.collected.insert(key);
            }
        }
        match self.objects.get(&id) {
            Some(existing) => {
                let mut merged = merge(existing, &o, self.now);
                // Within one import the version stays `now`: it is one new version.
                merged["modified"] = existing["modified"].clone();
                self.objects.insert(id, merged);
            }
            None => {
                self.order.push(id.clone());
                self.objects.insert(id, o);
            }
        }
        self.hand_over();
    }

    /// Adds any other STIX object; a later object with the same id and an indicator type is
    /// merged, otherwise the first one is kept.
    pub fn add_object(&mut self, o: Value) {
        let Some(id) = o.get("id").and_then(Value::as_str).map(str::to_string) else {
            return;
        };
        if o.get(SOURCES_PROPERTY).is_some() {
            // An entry's arrival is counted by `add_entry`, an object's here.
            if indicator_key(&id).is_some_and(|key| self.counted(key)) {
                return;
            }
            return self.add_indicator(o);
        }
        let handed_over = match &self.mode {
            Mode::Count(_) => return,
            Mode::Stream(s) => s.others_out.contains(&id),
            Mode::Whole => false,
        };
        if !handed_over && !self.objects.contains_key(&id) {
            self.order.push(id.clone());
            self.objects.insert(id, o);
            self.hand_over();
        }
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Entries dated after the import whose `valid_from` was clamped to it.
    pub fn clamped(&self) -> usize {
        self.clamped
    }

    /// Adds an allow-list read from a feed.
    pub fn add_allow_list(&mut self, list: ImportedAllowList) {
        self.allow_lists.push(list);
    }

    /// Takes the allow-lists read so far.
    pub fn take_allow_lists(&mut self) -> Vec<ImportedAllowList> {
        std::mem::take(&mut self.allow_lists)
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// The objects in the order they first arrived (streaming: those not handed over).
    pub fn finish(mut self) -> Vec<Value> {
        self.order
            .iter()
            .filter_map(|id| self.objects.remove(id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_entries::ts;
    use super::super::Source;
    use super::*;
    use serde_json::json;
    use ward_stix::Tlp;

    #[test]
    fn duplicates_across_sources_merge_with_every_source() {
        let now = ts("2025-01-01T00:00:00Z");
        let a = Source::new("a", None);
        let b = Source::new("b", Some("https://b.example/"));
        let o = observable::classify("evil.example").unwrap();
        let mut c = Collector::new(now);
        c.add_entry(&Entry::new(o.clone(), &a, 50));
        let mut eb = Entry::new(o, &b, 80);
        eb.tlp = Some(Tlp::Green);
        c.add_entry(&eb);
        let objects = c.finish();
        let inds: Vec<&Value> = objects
            .iter()
            .filter(|o| o["type"] == "indicator")
            .collect();
        assert_eq!(inds.len(), 1);
        assert_eq!(inds[0][SOURCES_PROPERTY], json!(["a", "b"]));
        assert_eq!(inds[0]["confidence"], json!(80));
        assert_eq!(inds[0]["external_references"].as_array().unwrap().len(), 2);
        assert_eq!(
            inds[0]["object_marking_refs"],
            json!([Tlp::Green.marking_id()])
        );
        assert_eq!(
            objects.iter().filter(|o| o["type"] == "identity").count(),
            2
        );
    }
}
