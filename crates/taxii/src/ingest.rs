//! Add Objects: an envelope is split into its objects (kept as the exact bytes received),
//! each is validated and passed through the publish filter, and the valid ones are stored in
//! chunks, each chunk committed together with the status resource that reports it. A status
//! therefore never claims an object the store does not hold, even after `kill -9`.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use ward_stix::validate::{validate_object, Severity};
use ward_stix::Timestamp;
use ward_store::{
    Collection, NewVersion, StatusDetail, StatusRecord, StatusState, Store, Submitter, Unlisted,
};

use crate::error::TaxiiError;
use crate::filters::{Caller, EnvelopeRecords, PublishDecision, PublishFilter};

/// Versions stored per transaction: large enough to amortize the commit's fsync, small
/// enough that a status of a big envelope advances while it is being stored.
pub const CHUNK: usize = 5000;

/// Failures a status lists; the rest are counted (`failure_count` stays exact). A body of
/// nothing but failing objects then costs a bounded status, however long it is.
pub const LISTED_FAILURES: usize = 1000;

/// Successes a status lists while the envelope is still being stored (every one is listed
/// once it is complete). Pending objects are counted, never listed. Each chunk's status write
/// is then bounded, so writing the statuses of an envelope costs one final status plus a
/// constant per chunk: linear in the envelope, not quadratic.
pub const LISTED_PROGRESS: usize = 1000;

/// Adds one failure to `status`: listed while fewer than [`LISTED_FAILURES`] are, else counted.
fn fail(status: &mut StatusRecord, failure: StatusDetail) {
    if status.failures.len() < LISTED_FAILURES {
        status.failures.push(failure);
    } else {
        status.unlisted.failures += 1;
    }
}

/// What is written of a status while its envelope is still being stored.
fn progress(status: &StatusRecord) -> StatusRecord {
    let listed = status.successes.len().min(LISTED_PROGRESS);
    StatusRecord {
        id: status.id.clone(),
        owner_org: status.owner_org.clone(),
        status: status.status,
        request_timestamp: status.request_timestamp,
        total_count: status.total_count,
        successes: status.successes[..listed].to_vec(),
        failures: status.failures.clone(),
        pendings: Vec::new(),
        unlisted: Unlisted {
            successes: status.unlisted.successes + (status.successes.len() - listed) as u64,
            failures: status.unlisted.failures,
            pendings: status.pending_count(),
        },
    }
}

/// A posted envelope: a JSON object whose `objects` is a list of JSON objects. Its other
/// members (`more`, `next`, extensions) are read over and ignored.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    objects: Objects<'a>,
    /// `"2.0"` when a STIX 2.0 bundle is posted as the envelope: its objects are upgraded.
    #[serde(default)]
    spec_version: Option<String>,
}

/// The envelope's objects as the exact bytes received. An entry that is not a JSON object
/// stops the parse where it stands, before anything is stored or listed for it.
struct Objects<'a>(Vec<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for Objects<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Objects<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of STIX objects")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(raw) = seq.next_element::<&'de RawValue>()? {
                    if !raw.get().starts_with('{') {
                        return Err(serde::de::Error::custom(format!(
                            "objects[{}]: expected a STIX object, found {}",
                            out.len(),
                            kind(raw.get())
                        )));
                    }
                    out.push(raw);
                }
                Ok(Objects(out))
            }
        }
        d.deserialize_seq(Visit(std::marker::PhantomData))
    }
}

/// What kind of JSON value `raw` is, for an error message (never its content).
fn kind(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Reads the body as an envelope: 400 when it is not JSON, 422 when it is JSON but not an
/// envelope of objects (a bare object, `{}`, a list, entries that are not objects).
fn parse_envelope(text: &str) -> Result<(Vec<&RawValue>, bool), TaxiiError> {
    let not_envelope = |why: String| {
        TaxiiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "Not an envelope",
            format!(
                "the body must be a TAXII envelope, {{\"objects\": [...]}}, whose objects are \
                 STIX objects: {why}"
            ),
        )
    };
    let start = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if !start.is_empty() && !start.starts_with('{') {
        // serde would read a list as the envelope's fields in order; an envelope is an object.
        return match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => Err(not_envelope(format!("found {}", kind(start)))),
            Err(e) => Err(TaxiiError::bad_request(format!(
                "body: expected a TAXII envelope object: {e}"
            ))),
        };
    }
    match serde_json::from_str::<Envelope<'_>>(text) {
        Ok(envelope) => Ok((
            envelope.objects.0,
            envelope.spec_version.as_deref() == Some("2.0"),
        )),
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            Err(not_envelope(e.to_string()))
        }
        Err(e) => Err(TaxiiError::bad_request(format!(
            "body: expected a TAXII envelope object: {e}"
        ))),
    }
}

/// The envelope's objects with every STIX 2.0 one replaced by its 2.1 upgrade
/// ([`ward_stix::upgrade`]), or `None` when there is nothing to upgrade (the common case costs
/// one substring search an object: an object naming `spec_version` nowhere is the only kind
/// that can be 2.0 without its envelope saying so).
fn upgrade_stix20(
    objects: &[&RawValue],
    envelope_is_20: bool,
) -> Result<Option<Vec<Box<RawValue>>>, TaxiiError> {
    let maybe_20 = |raw: &RawValue| envelope_is_20 || !raw.get().contains("\"spec_version\"");
    if !objects.iter().any(|raw| maybe_20(raw)) {
        return Ok(None);
    }
    let owned = |raw: &RawValue| RawValue::from_string(raw.get().to_string());
    let mut out = Vec::with_capacity(objects.len());
    for raw in objects {
        let value = match maybe_20(raw).then(|| serde_json::from_str::<Value>(raw.get())) {
            Some(Ok(v)) if ward_stix::upgrade::is_stix20_object(&v, envelope_is_20) => v,
            // Not 2.0, or not JSON (which `admit` reports): posted as it came.
            _ => {
                out.push(owned(raw).map_err(upgrade_failed)?);
                continue;
            }
        };
        for upgraded in ward_stix::upgrade::upgrade_object(value) {
            out.push(serde_json::value::to_raw_value(&upgraded).map_err(upgrade_failed)?);
        }
    }
    Ok(Some(out))
}

fn upgrade_failed(e: serde_json::Error) -> TaxiiError {
    TaxiiError::bad_request(format!(
        "body: a STIX 2.0 object could not be upgraded: {e}"
    ))
}

/// Reads the metadata the store indexes; `Err` is the failure message for the status.
fn extract(raw: &str, value: &Value) -> Result<NewVersion, String> {
    let text = |key: &str| value.get(key).and_then(Value::as_str);
    let id = text("id").ok_or("id: expected a string")?;
    let object_type = text("type").ok_or("type: expected a string")?;
    let spec_version = match value.get("spec_version") {
        None => "2.1".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("spec_version: expected a string".into()),
    };
    let stamp = |key: &str| -> Result<Option<Timestamp>, String> {
        match value.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Timestamp::parse(s)
                .map(Some)
                .map_err(|e| format!("{key}: {e}")),
            Some(_) => Err(format!("{key}: expected a timestamp string")),
        }
    };
    let modified = stamp("modified")?;
    let created = stamp("created")?;
    Ok(NewVersion {
        id: id.to_string(),
        object_type: object_type.to_string(),
        spec_version,
        version: modified.or(created),
        json: raw.to_string(),
    })
}

/// Why one posted object fails: what the status resource reports for it.
struct Rejected {
    id: Option<String>,
    version: Option<String>,
    message: String,
}

/// One posted object: its text as received (what is stored unless the publish filter
/// replaces it) and, when the caller parsed it already, its value.
#[derive(Clone, Copy)]
pub struct Posted<'a> {
    pub text: &'a str,
    pub value: Option<&'a Value>,
}

/// Checks one posted object; `Err` is the reason it fails.
fn admit(
    index: usize,
    posted: &Posted<'_>,
    caller: &Caller,
    collection: &Collection,
    publish: &dyn PublishFilter,
    records: &EnvelopeRecords,
) -> Result<NewVersion, Rejected> {
    let text = posted.text;
    let parsed;
    let value: &Value = match posted.value {
        Some(v) => v,
        None => {
            parsed = serde_json::from_str::<Value>(text).map_err(|e| Rejected {
                id: None,
                version: None,
                message: e.to_string(),
            })?;
            &parsed
        }
    };
    let id = value.get("id").and_then(Value::as_str).map(str::to_string);
    // The status names the version the poster sent, even when it is malformed.
    let version = ["modified", "created"]
        .iter()
        .find_map(|k| value.get(*k).and_then(Value::as_str))
        .map(str::to_string);
    let reject = |message: String| Rejected {
        id: id.clone(),
        version: version.clone(),
        message,
    };
    let errors: Vec<String> = validate_object(value, &format!("$.objects[{index}]"))
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect();
    if !errors.is_empty() {
        return Err(reject(errors.join("; ")));
    }
    let mut stored = extract(text, value).map_err(reject)?;
    match publish.check(caller, collection, value, text, records) {
        PublishDecision::Keep => {}
        PublishDecision::Reject(reason) => return Err(reject(reason)),
        PublishDecision::Replace(json) => {
            let replaced: Value = serde_json::from_str(&json).map_err(|e| reject(e.to_string()))?;
            let again = extract(&json, &replaced).map_err(reject)?;
            if again.id != stored.id {
                return Err(reject("the publish filter changed the object's id".into()));
            }
            stored = again;
        }
    }
    Ok(stored)
}

fn detail(id: Option<String>, version: Option<String>, message: Option<String>) -> StatusDetail {
    StatusDetail {
        id: id.unwrap_or_default(),
        version,
        message,
    }
}

/// What the status says of a stored (or already present) version.
fn success(v: &NewVersion) -> StatusDetail {
    detail(Some(v.id.clone()), v.version.map(|t| t.to_string()), None)
}

/// Writes what the publish filter noted about objects now stored (or withheld). They are
/// already stored, so a failure here loses only the operator's record: it is reported on the
/// hub's standard error.
fn write_records(store: &dyn Store, records: &EnvelopeRecords) {
    let batch = records.take();
    if batch.is_empty() {
        return;
    }
    if let Err(e) = store.record_scrubs(&batch) {
        eprintln!("ward serve: recording {} scrub record(s): {e}", batch.len());
    }
}

/// Parses, checks and stores an envelope; returns the final status resource.
pub fn add_envelope(
    store: &dyn Store,
    caller: &Caller,
    collection: &Collection,
    publish: &dyn PublishFilter,
    body: &[u8],
) -> Result<StatusRecord, TaxiiError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| TaxiiError::bad_request(format!("body: not UTF-8 ({e})")))?;
    let (objects, stix20) = parse_envelope(text)?;
    // STIX 2.0 objects are upgraded before anything checks them, so validation, the publish
    // filter and the store all see (and keep) the 2.1 form.
    let upgraded = upgrade_stix20(&objects, stix20)?;
    let objects: Vec<Posted<'_>> = match &upgraded {
        Some(owned) => owned.iter().map(|b| posted(b)).collect(),
        None => objects.into_iter().map(posted).collect(),
    };
    add_posted(store, caller, collection, publish, &objects)
}

fn posted(raw: &RawValue) -> Posted<'_> {
    Posted {
        text: raw.get(),
        value: None,
    }
}

/// Checks and stores objects a caller already parsed (a peer's page, in `ward-federation`),
/// exactly as [`add_envelope`] checks and stores a posted envelope's (STIX 2.0 upgraded
/// first, then validation, the publish filter and the store), without writing them into an
/// envelope to read them back; returns the final status resource.
pub fn add_values(
    store: &dyn Store,
    caller: &Caller,
    collection: &Collection,
    publish: &dyn PublishFilter,
    objects: Vec<Value>,
) -> Result<StatusRecord, TaxiiError> {
    let mut values = Vec::with_capacity(objects.len());
    for object in objects {
        if ward_stix::upgrade::is_stix20_object(&object, false) {
            values.extend(ward_stix::upgrade::upgrade_object(object));
        } else {
            values.push(object);
        }
    }
    let texts = values
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TaxiiError::bad_request(format!("objects: {e}")))?;
    let objects: Vec<Posted<'_>> = texts
        .iter()
        .zip(&values)
        .map(|(text, value)| Posted {
            text,
            value: Some(value),
        })
        .collect();
    add_posted(store, caller, collection, publish, &objects)
}

/// Checks and stores the objects of one post; returns the final status resource.
fn add_posted(
    store: &dyn Store,
    caller: &Caller,
    collection: &Collection,
    publish: &dyn PublishFilter,
    objects: &[Posted<'_>],
) -> Result<StatusRecord, TaxiiError> {
    let mut status = StatusRecord {
        id: uuid::Uuid::new_v4().to_string(),
        owner_org: caller.org_id.clone(),
        status: StatusState::Pending,
        request_timestamp: Timestamp::now().as_micros(),
        total_count: objects.len() as u64,
        successes: Vec::new(),
        failures: Vec::new(),
        pendings: Vec::new(),
        unlisted: Unlisted::default(),
    };
    let records = EnvelopeRecords::default();
    if objects.len() >= STREAM_MIN {
        return add_streamed(
            store, caller, collection, publish, &records, objects, status,
        );
    }
    // Small envelopes (fewer than STREAM_MIN objects): checked here, in order, then stored
    // in one transaction through the group commit.
    let mut admitted = Vec::with_capacity(objects.len());
    for (i, posted) in objects.iter().enumerate() {
        match admit(i, posted, caller, collection, publish, &records) {
            Ok(v) => {
                status.successes.push(success(&v));
                admitted.push(v);
            }
            Err(r) => fail(&mut status, detail(r.id, r.version, Some(r.message))),
        }
    }
    status.status = StatusState::Complete;
    if admitted.is_empty() {
        store.put_status(&status)?;
    } else {
        // Who posted is kept privately, in the same transaction as what was posted.
        let submitter = Submitter {
            org_id: caller.org_id.clone(),
            user_id: caller.user_id.clone(),
        };
        store.add_objects_by(&collection.id, &admitted, &status, &submitter)?;
        crate::vendors::record_notices(store, caller, collection, &admitted);
    }
    write_records(store, &records);
    Ok(status)
}

/// Envelopes of at least this many objects are checked beside the writer
/// ([`Store::add_objects_streamed`]); smaller ones are checked first and join the group
/// commit, which lets concurrent small posts share one fsync.
pub const STREAM_MIN: usize = 256;

/// Objects per batch handed from the checking threads to the writer; the first batch is
/// smaller, so the writer starts sooner.
const BATCH: usize = 64;
const FIRST_BATCH: usize = 16;

/// Threads that check a large envelope beside the writer: one per core, at most four. They
/// share the cores with the writer, which checks too whenever its next batch is not ready.
fn checkers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
}

/// The index ranges of a chunk's batches, in order.
fn batches(len: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    let first = FIRST_BATCH.min(len);
    std::iter::once(0..first).filter(|r| !r.is_empty()).chain(
        (first..len)
            .step_by(BATCH)
            .map(move |s| s..(s + BATCH).min(len)),
    )
}

/// One checked object: what to store and what the status says of it, or why it failed.
type Ready = Result<(NewVersion, StatusDetail), Rejected>;

/// Checks the objects of one batch (given by its index range in the chunk).
type Check<'a> = dyn Fn(std::ops::Range<usize>) -> Vec<Ready> + Sync + 'a;

/// The batches of one chunk, shared by the checking threads and the writer. Whoever is free
/// claims the next unchecked batch, so the writer checks too rather than wait; the writer
/// takes the checked batches back in order.
struct Board {
    ranges: Vec<std::ops::Range<usize>>,
    /// The next batch nobody has claimed yet.
    claimed: std::sync::atomic::AtomicUsize,
    /// Set when the writer gives up: nothing more is claimed.
    stop: std::sync::atomic::AtomicBool,
    slots: std::sync::Mutex<Slots>,
    filled: std::sync::Condvar,
}

struct Slots {
    checked: Vec<Option<Vec<Ready>>>,
    /// A checking thread panicked, so a batch it claimed will never arrive.
    broken: bool,
}

impl Board {
    fn new(len: usize) -> Board {
        let ranges: Vec<_> = batches(len).collect();
        Board {
            claimed: 0.into(),
            stop: false.into(),
            slots: std::sync::Mutex::new(Slots {
                checked: ranges.iter().map(|_| None).collect(),
                broken: false,
            }),
            ranges,
            filled: std::sync::Condvar::new(),
        }
    }

    fn slots(&self) -> std::sync::MutexGuard<'_, Slots> {
        // Every write to the slots is a whole assignment: a panic elsewhere leaves them sound.
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn claim(&self) -> Option<usize> {
        use std::sync::atomic::Ordering;
        if self.stop.load(Ordering::Acquire) {
            return None;
        }
        let i = self.claimed.fetch_add(1, Ordering::AcqRel);
        (i < self.ranges.len()).then_some(i)
    }

    fn put(&self, i: usize, checked: Vec<Ready>) {
        self.slots().checked[i] = Some(checked);
        self.filled.notify_all();
    }

    /// A checking thread's loop: claims and checks batches until none is left.
    fn work(&self, check: &Check<'_>) {
        // Unwinding out of a check marks the board broken, so the writer stops waiting.
        struct OnPanic<'b>(&'b Board);
        impl Drop for OnPanic<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.slots().broken = true;
                    self.0.filled.notify_all();
                }
            }
        }
        let _guard = OnPanic(self);
        while let Some(i) = self.claim() {
            self.put(i, check(self.ranges[i].clone()));
        }
    }

    /// Batch `i` once checked, checking unclaimed batches meanwhile rather than waiting;
    /// `None` if a checking thread died.
    fn take(&self, i: usize, check: &Check<'_>) -> Option<Vec<Ready>> {
        loop {
            {
                let mut slots = self.slots();
                if let Some(checked) = slots.checked[i].take() {
                    return Some(checked);
                }
                if slots.broken {
                    return None;
                }
            }
            match self.claim() {
                Some(j) if j == i => return Some(check(self.ranges[i].clone())),
                Some(j) => self.put(j, check(self.ranges[j].clone())),
                None => {
                    // Every batch is claimed: batch i is being checked elsewhere.
                    let mut slots = self.slots();
                    while slots.checked[i].is_none() && !slots.broken {
                        slots = self.filled.wait(slots).unwrap_or_else(|p| p.into_inner());
                    }
                }
            }
        }
    }
}

/// Checked objects on their way to the writer, and the status they add up to.
struct Checked<'s> {
    board: &'s Board,
    check: &'s Check<'s>,
    next: usize,
    status: &'s mut StatusRecord,
    /// Objects this transaction covers, and how many came through so far.
    expected: usize,
    received: usize,
    last: bool,
}

impl Drop for Checked<'_> {
    fn drop(&mut self) {
        // The writer is done, or gave up: the checking threads claim nothing more.
        self.board
            .stop
            .store(true, std::sync::atomic::Ordering::Release);
    }
}

impl ward_store::VersionSource for Checked<'_> {
    fn next_batch(&mut self) -> Option<Vec<NewVersion>> {
        if self.next >= self.board.ranges.len() {
            return None;
        }
        let checked = self.board.take(self.next, self.check)?;
        self.next += 1;
        self.received += checked.len();
        let mut versions = Vec::with_capacity(checked.len());
        for c in checked {
            match c {
                Ok((v, reported)) => {
                    self.status.successes.push(reported);
                    versions.push(v);
                }
                Err(r) => fail(self.status, detail(r.id, r.version, Some(r.message))),
            }
        }
        Some(versions)
    }

    fn status(&mut self) -> Result<StatusRecord, ward_store::StoreError> {
        if self.received != self.expected {
            // A checking thread stopped early (it panicked): store none of this chunk.
            return Err(ward_store::StoreError::Backend(
                "checking the posted objects stopped before the end".into(),
            ));
        }
        self.status.unlisted.pendings = self
            .status
            .unlisted
            .pendings
            .saturating_sub(self.expected as u64);
        if self.last {
            self.status.status = StatusState::Complete;
            Ok(self.status.clone())
        } else {
            Ok(progress(self.status))
        }
    }
}

/// A large envelope: each [`CHUNK`] of it is one transaction whose versions the writer
/// stores while other threads are still checking the rest. What the status reports, and
/// when, is the same as for a small envelope; a status written between chunks counts the
/// objects not yet stored as pending and lists at most [`LISTED_PROGRESS`] successes.
fn add_streamed(
    store: &dyn Store,
    caller: &Caller,
    collection: &Collection,
    publish: &dyn PublishFilter,
    records: &EnvelopeRecords,
    objects: &[Posted<'_>],
    mut status: StatusRecord,
) -> Result<StatusRecord, TaxiiError> {
    let submitter = Submitter {
        org_id: caller.org_id.clone(),
        user_id: caller.user_id.clone(),
    };
    let chunks = objects.chunks(CHUNK);
    let count = chunks.len();
    if count > 1 {
        status.unlisted.pendings = objects.len() as u64;
    }
    let mut offset = 0;
    for (n, chunk) in chunks.enumerate() {
        // The status detail of each success is made here too, off the writer's path.
        let check = |range: std::ops::Range<usize>| -> Vec<Ready> {
            let start = offset + range.start;
            chunk[range]
                .iter()
                .enumerate()
                .map(|(i, posted)| {
                    admit(start + i, posted, caller, collection, publish, records).map(|v| {
                        let reported = success(&v);
                        (v, reported)
                    })
                })
                .collect()
        };
        let board = Board::new(chunk.len());
        std::thread::scope(|scope| -> Result<(), TaxiiError> {
            // One checking thread per core beside the writer, which checks too whenever the
            // batch it needs next is not ready. A check never waits for the writer.
            for _ in 0..checkers().min(board.ranges.len()) {
                // No thread to be had (resource limits): the writer checks everything.
                let _ = std::thread::Builder::new().spawn_scoped(scope, || board.work(&check));
            }
            let mut source = Checked {
                board: &board,
                check: &check,
                next: 0,
                status: &mut status,
                expected: chunk.len(),
                received: 0,
                last: n + 1 == count,
            };
            store.add_objects_streamed(&collection.id, &mut source, &submitter)?;
            Ok(())
        })?;
        // This chunk is stored and the next one's checks have not begun: the records so far
        // are exactly this chunk's.
        write_records(store, records);
        // Vendor notices in a large envelope are told like those of a small one; one the
        // publish filter refused is never shown (a notice is served only while its report
        // is readable).
        let notices: Vec<NewVersion> = chunk
            .iter()
            .filter(|posted| posted.text.contains("x_ward_vendor_notice"))
            .filter_map(|posted| {
                let v: serde_json::Value = serde_json::from_str(posted.text).ok()?;
                Some(NewVersion {
                    id: v.get("id")?.as_str()?.to_string(),
                    object_type: v.get("type")?.as_str()?.to_string(),
                    spec_version: "2.1".into(),
                    version: None,
                    json: posted.text.to_string(),
                })
            })
            .collect();
        crate::vendors::record_notices(store, caller, collection, &notices);
        offset += chunk.len();
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A check that fails every object with its index as the id, so order is visible.
    fn numbered(range: std::ops::Range<usize>) -> Vec<Ready> {
        range
            .map(|i| {
                Err(Rejected {
                    id: Some(i.to_string()),
                    version: None,
                    message: String::new(),
                })
            })
            .collect()
    }

    #[test]
    fn the_board_hands_every_batch_over_once_in_order() {
        // No checking thread (the writer checks everything), one, and more than batches.
        for threads in [0, 1, 3, 40] {
            let board = Board::new(1000);
            let got: Vec<usize> = std::thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|| board.work(&numbered));
                }
                (0..board.ranges.len())
                    .flat_map(|i| board.take(i, &numbered).expect("every batch arrives"))
                    .map(|r| match r {
                        Err(Rejected { id: Some(id), .. }) => id.parse().expect("index"),
                        _ => panic!("unexpected result"),
                    })
                    .collect()
            });
            assert_eq!(got, (0..1000).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn a_check_that_panics_stops_the_writer_waiting() {
        let board = Board::new(500);
        let explode = |_: std::ops::Range<usize>| -> Vec<Ready> { panic!("a check failed") };
        // The checking thread claims batch 0 and dies checking it.
        let died = std::thread::scope(|s| s.spawn(|| board.work(&explode)).join().is_err());
        assert!(died);
        // Batch 0 will never come: the writer is told so instead of waiting for ever.
        assert!(board.take(0, &numbered).is_none());
    }

    #[test]
    fn batches_cover_every_index_once_in_order() {
        for len in [0, 1, 15, 16, 17, 79, 80, 81, 500, CHUNK] {
            let all: Vec<usize> = batches(len).flatten().collect();
            assert_eq!(all, (0..len).collect::<Vec<_>>(), "len {len}");
            assert!(batches(len).all(|r| !r.is_empty() && r.len() <= BATCH));
        }
    }
}
