//! The hub's seams: who is calling ([`Caller`], [`Credential`]) and the traits through which
//! the sharing policy plugs into the TAXII server. Every posted object passes a
//! [`PublishFilter`] after validation and before it is stored (the PHI scrubber goes there);
//! every object served passes a [`ReadFilter`] (TLP clearance and anonymization go there);
//! a [`SightingCounter`] answers the sightings endpoint with a [`SightingSummary`]; through
//! [`HubSettings`] the operator's web page reads and changes the default TLP and AMBER lists. The
//! filters default to [`PassThrough`], which changes nothing and costs nothing.
//!
//! This crate must never know HTTP (requests, status codes, headers, an async runtime) nor
//! SQL: a crate that only implements a seam compiles this one, not the server.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::any::Any;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use ward_store::{Collection, ScrubRecord, StoredVersion};

/// How a caller proved who it is. Tokens are what machines use (firewalls, SIEMs, `ward
/// pull`); a password is a person signing in. The policy keeps TLP:RED away from machines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Credential {
    /// HTTP Basic: a user and a password.
    Password,
    /// A Bearer API token.
    Token,
    /// No credentials: only ever admitted to a collection the policy makes public.
    None,
}

/// Who is calling, as established by authentication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub user_id: String,
    pub user_name: String,
    pub org_id: String,
    pub org_name: String,
    pub credential: Credential,
}

impl Caller {
    /// A reader without credentials (ids and names are empty, so it matches no member).
    pub fn anonymous() -> Caller {
        Caller {
            user_id: String::new(),
            user_name: String::new(),
            org_id: String::new(),
            org_name: String::new(),
            credential: Credential::None,
        }
    }

    pub fn is_anonymous(&self) -> bool {
        self.credential == Credential::None
    }
}

/// What a [`PublishFilter`] decides for one posted object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishDecision {
    /// Store the object exactly as posted.
    Keep,
    /// Store this JSON instead (for example the scrubbed object). It must keep the object's
    /// `id`, or the object fails.
    Replace(String),
    /// Do not store; the message goes into the status resource as the failure reason.
    Reject(String),
}

/// What a [`PublishFilter`] noted for the operator while checking one envelope (the scrub
/// log). Each envelope has its own; the hub writes them in one go once the objects they
/// describe are stored, and drops them if storing fails.
#[derive(Debug, Default)]
pub struct EnvelopeRecords(Mutex<Vec<ScrubRecord>>);

impl EnvelopeRecords {
    /// Adds a record; the envelope's objects are checked on several threads at once.
    pub fn push(&self, record: ScrubRecord) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(record);
    }

    /// The records noted so far, leaving none.
    pub fn take(&self) -> Vec<ScrubRecord> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// Runs on every posted object that passed validation, before it is stored. A check must
/// not write to the store: a large envelope is checked while the store's writer waits for
/// it. What it wants kept goes into `records`.
pub trait PublishFilter: Send + Sync {
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        object: &Value,
        raw: &str,
        records: &EnvelopeRecords,
    ) -> PublishDecision;

    /// Whether [`PublishFilter::check`] reads `raw`. A filter that decides on `object` alone
    /// says no, so a wrapper that changes the object before handing it on need not write
    /// the changed object's text for it.
    fn reads_raw(&self) -> bool {
        true
    }
}

/// What a [`ReadFilter`] decides for one stored version about to be served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadDecision {
    Keep,
    /// Serve this JSON instead (for example with the submitter replaced by the hub).
    Replace(String),
    /// Leave it out of the answer, as if it were not there.
    Hide,
}

/// Runs on every version served by objects, object, manifest and versions endpoints, and on
/// every version a DELETE would remove (a hidden one is neither deleted nor admitted to). A
/// page is filled up to `limit` with versions it keeps, reading past hidden ones; `more`,
/// `next` and the date headers are those of what is served, so hidden versions leave no
/// trace (a stretch of hidden versions longer than the hub's scan budget ends a page early).
pub trait ReadFilter: Send + Sync {
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        version: &StoredVersion,
    ) -> ReadDecision;

    /// [`ReadFilter::check`] of each of `versions` (one page the store answered), in
    /// order. A filter may decide a page at once (one store read for what it needs of all
    /// of them) but must decide each version exactly as `check` does.
    fn check_page(
        &self,
        caller: &Caller,
        collection: &Collection,
        versions: &[StoredVersion],
    ) -> Vec<ReadDecision> {
        versions
            .iter()
            .map(|v| self.check(caller, collection, v))
            .collect()
    }

    /// Whether readers without credentials may read `collection` (a public collection).
    /// What they then get still passes [`ReadFilter::check`] with [`Caller::anonymous`].
    fn admits_anonymous(&self, collection: &Collection) -> bool {
        let _ = collection;
        false
    }

    /// For each of `versions`, what the filter needs of it to decide for any caller whether
    /// [`ReadFilter::check`] hides it, read once so that many callers can be decided with
    /// [`ReadFilter::may_read`] without the version. `Some` only for a version that `check`
    /// serves to any caller either as stored or with identity references replaced and
    /// recipient lists, `authors` and `where_sighted_refs` removed (no other property ever
    /// removed or changed). The default gives none: every version goes through `check`.
    fn read_facts(
        &self,
        collection: &Collection,
        versions: &[StoredVersion],
    ) -> Vec<Option<ReadFacts>> {
        let _ = collection;
        vec![None; versions.len()]
    }

    /// For each of `facts` (made by [`ReadFilter::read_facts`] of this collection's
    /// versions), whether `check` of that version for `caller` would serve it (not
    /// [`ReadDecision::Hide`]), decided as `check` decides it with the policy as it is now.
    /// `None` when the filter cannot decide from these facts: the versions must go through
    /// `check`. The default decides nothing.
    fn may_read(
        &self,
        caller: &Caller,
        collection: &Collection,
        facts: &[&ReadFacts],
    ) -> Option<Vec<bool>> {
        let _ = (caller, collection, facts);
        None
    }
}

/// What a [`ReadFilter`] keeps of one stored version to decide later, for any caller,
/// whether it serves it ([`ReadFilter::read_facts`]). Opaque: only the filter that made it
/// reads it.
#[derive(Clone)]
pub struct ReadFacts(Arc<dyn Any + Send + Sync>);

impl ReadFacts {
    pub fn new<T: Any + Send + Sync>(facts: T) -> ReadFacts {
        ReadFacts(Arc::new(facts))
    }

    /// The facts, if they are a `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.0.downcast_ref()
    }
}

impl std::fmt::Debug for ReadFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadFacts(..)")
    }
}

/// What members learn about the sightings of one indicator: counts, never who.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SightingSummary {
    pub indicator: String,
    /// Distinct organizations that reported a sighting (false positives excluded).
    pub organizations: u64,
    pub organizations_last_7_days: u64,
    pub organizations_last_30_days: u64,
    /// Sightings reported as false positives.
    pub false_positives: u64,
    /// When it was last seen (STIX timestamp), if ever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

/// Answers the sightings endpoint. `Err` is a message for a 503 (the store failed).
pub trait SightingCounter: Send + Sync {
    fn summary(
        &self,
        caller: &Caller,
        collection: &Collection,
        indicator_id: &str,
    ) -> Result<SightingSummary, String>;

    /// [`SightingCounter::summary`] over at most the newest `max` sightings the caller may
    /// read (by when the hub added them), so that a page's cost does not grow with the
    /// number of sightings. The flag is true when every stored sighting was read: when
    /// false the counts are lower bounds ("at least"). Sightings the caller may not read are
    /// never counted. The default reads them all.
    fn summary_newest(
        &self,
        caller: &Caller,
        collection: &Collection,
        indicator_id: &str,
        max: usize,
    ) -> Result<(SightingSummary, bool), String> {
        let _ = max;
        self.summary(caller, collection, indicator_id)
            .map(|s| (s, true))
    }
}

/// Hub-wide policy settings an operator may change from the web interface (the policy
/// implements it, as `ward admin policy` changes them). Levels are TLP 2.0 names as
/// `ward admin policy default-tlp` takes them (`clear`, `green`, `amber`, `amber+strict`,
/// `red`). `Err` is a message for the operator.
pub trait HubSettings: Send + Sync {
    /// The TLP level stamped on objects posted without one, read from the store now.
    fn default_tlp(&self) -> Result<String, String>;
    /// Sets it for every later post (objects already stored keep their marking).
    fn set_default_tlp(&self, level: &str) -> Result<(), String>;
    /// The organizations (ids) a collection clears for TLP:AMBER.
    fn amber_orgs(&self, collection_id: &str) -> Result<Vec<String>, String>;
    /// The settings (key, value; `None` removes) that make `org_ids` exactly the
    /// collection's AMBER list, checked, for the caller to write in the same commit as the
    /// collection's readers and writers (`MemberChange::SetCollectionAccess`).
    fn amber_settings(
        &self,
        collection_id: &str,
        org_ids: &[String],
    ) -> Result<Vec<(String, Option<String>)>, String>;
}

/// The default filter: stores and serves everything unchanged.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassThrough;

impl PublishFilter for PassThrough {
    fn check(
        &self,
        _: &Caller,
        _: &Collection,
        _: &Value,
        _: &str,
        _: &EnvelopeRecords,
    ) -> PublishDecision {
        PublishDecision::Keep
    }
}

impl ReadFilter for PassThrough {
    fn check(&self, _: &Caller, _: &Collection, _: &StoredVersion) -> ReadDecision {
        ReadDecision::Keep
    }
}
