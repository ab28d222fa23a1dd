//! The seams where policy plugs into the hub. Every posted object passes a [`PublishFilter`]
//! after validation and before it is stored (the PHI scrubber goes there); every object served
//! passes a [`ReadFilter`] (TLP clearance and anonymization go there). Both default to
//! [`PassThrough`], which changes nothing and costs nothing.

use serde_json::Value;
use ward_store::{Collection, StoredVersion};

/// Who is calling, as established by authentication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub user_id: String,
    pub user_name: String,
    pub org_id: String,
    pub org_name: String,
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

/// Runs on every posted object that passed validation, before it is stored.
pub trait PublishFilter: Send + Sync {
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        object: &Value,
        raw: &str,
    ) -> PublishDecision;
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

/// Runs on every version served by objects, object, manifest and versions endpoints. Pages may
/// come out shorter than `limit` when it hides versions; pagination stays exact because the
/// cursor is the position of the last version read, not of the last one served.
pub trait ReadFilter: Send + Sync {
    fn check(
        &self,
        caller: &Caller,
        collection: &Collection,
        version: &StoredVersion,
    ) -> ReadDecision;
}

/// The default filter: stores and serves everything unchanged.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassThrough;

impl PublishFilter for PassThrough {
    fn check(&self, _: &Caller, _: &Collection, _: &Value, _: &str) -> PublishDecision {
        PublishDecision::Keep
    }
}

impl ReadFilter for PassThrough {
    fn check(&self, _: &Caller, _: &Collection, _: &StoredVersion) -> ReadDecision {
        ReadDecision::Keep
    }
}
