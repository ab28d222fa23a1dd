//! The records the store keeps and the queries it answers, independent of any backend.

use serde::{Deserialize, Serialize};
use ward_stix::Timestamp;

/// A member organization of the sharing community.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Org {
    pub id: String,
    pub name: String,
}

/// A user; always belongs to exactly one organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: String,
    pub name: String,
    pub org_id: String,
    pub org_name: String,
    /// PHC string (argon2id); `None` for token-only users.
    #[serde(skip)]
    pub password_hash: Option<String>,
}

/// What `create_collection` needs; readers and writers are organization names.
#[derive(Clone, Debug, Default)]
pub struct NewCollection {
    pub title: String,
    pub description: Option<String>,
    pub readers: Vec<String>,
    pub writers: Vec<String>,
}

/// A collection and the organizations (by id) that may read or write it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Collection {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub readers: Vec<String>,
    pub writers: Vec<String>,
}

impl Collection {
    pub fn can_read(&self, org_id: &str) -> bool {
        self.readers.iter().any(|o| o == org_id)
    }
    pub fn can_write(&self, org_id: &str) -> bool {
        self.writers.iter().any(|o| o == org_id)
    }
}

/// One object version to store, as extracted by the caller from the posted JSON.
#[derive(Clone, Debug)]
pub struct NewVersion {
    pub id: String,
    pub object_type: String,
    /// `spec_version` of the object (`"2.1"` when the object has none).
    pub spec_version: String,
    /// `modified`, else `created`; `None` for objects without either (then the version is
    /// the `date_added` the store assigns).
    pub version: Option<Timestamp>,
    /// The object's JSON exactly as accepted.
    pub json: String,
}

/// What happened to one [`NewVersion`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    Added {
        date_added: i64,
        version: String,
    },
    /// That version was already stored; nothing changed.
    Duplicate {
        version: String,
    },
}

/// One stored object version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredVersion {
    pub id: String,
    pub object_type: String,
    pub spec_version: String,
    /// The version timestamp as it is served (the object's own text, or `date_added`).
    pub version: String,
    /// [`version_key`] of `version`.
    pub version_key: String,
    /// Microseconds since the epoch.
    pub date_added: i64,
    pub json: String,
}

impl StoredVersion {
    pub fn position(&self) -> Position {
        Position {
            date_added: self.date_added,
            id: self.id.clone(),
            version: self.version_key.clone(),
        }
    }
}

/// The key that orders versions: the timestamp written with nine fractional digits. Fixed
/// width, so text order is time order for every year STIX allows.
pub fn version_key(ts: Timestamp) -> String {
    ts.with_precision(9).to_string()
}

/// Where a page ends: the total order of delivery is (`date_added`, `id`, version key), so a
/// position is unique even when many versions share a `date_added`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub date_added: i64,
    pub id: String,
    /// [`version_key`] of the version.
    pub version: String,
}

/// TAXII `match[version]`: the union of the selected kinds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionSelect {
    pub first: bool,
    pub last: bool,
    pub all: bool,
    /// Exact versions, as [`version_key`]s.
    pub at: Vec<String>,
}

impl VersionSelect {
    pub fn last() -> Self {
        VersionSelect {
            last: true,
            ..Self::default()
        }
    }
    pub fn all() -> Self {
        VersionSelect {
            all: true,
            ..Self::default()
        }
    }
}

/// A page request over a collection's object versions.
#[derive(Clone, Debug)]
pub struct ObjectQuery {
    pub ids: Vec<String>,
    pub types: Vec<String>,
    pub spec_versions: Vec<String>,
    pub versions: VersionSelect,
    /// Only versions added strictly after this instant (microseconds).
    pub added_after: Option<i64>,
    /// Only versions strictly after this position (the cursor).
    pub after: Option<Position>,
    /// At most this many versions (at least 1).
    pub limit: usize,
}

impl Default for ObjectQuery {
    fn default() -> Self {
        ObjectQuery {
            ids: Vec::new(),
            types: Vec::new(),
            spec_versions: Vec::new(),
            versions: VersionSelect::last(),
            added_after: None,
            after: None,
            limit: 100,
        }
    }
}

/// One page of versions and whether more follow.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub items: Vec<StoredVersion>,
    pub more: bool,
}

/// State of a status resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusState {
    Pending,
    Complete,
}

/// One object's line in a status resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusDetail {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub message: Option<String>,
}

/// A TAXII status resource, plus who may read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRecord {
    pub id: String,
    /// Organization that posted; only it may read the status.
    pub owner_org: String,
    pub status: StatusState,
    /// Microseconds since the epoch.
    pub request_timestamp: i64,
    pub total_count: u64,
    pub successes: Vec<StatusDetail>,
    pub failures: Vec<StatusDetail>,
    pub pendings: Vec<StatusDetail>,
    /// Details counted but not listed: a status lists a bounded number of failures (and, while
    /// pending, of successes and pendings), so its size stays linear in the envelope.
    #[serde(default, skip_serializing_if = "Unlisted::is_empty")]
    pub unlisted: Unlisted,
}

impl StatusRecord {
    /// The JSON a store keeps for this status (both backends store the same text).
    pub fn to_json(&self) -> Result<String, crate::StoreError> {
        serde_json::to_string(self).map_err(|e| crate::StoreError::Corrupt {
            what: format!("status {}", self.id),
            detail: e.to_string(),
        })
    }

    pub fn success_count(&self) -> u64 {
        self.successes.len() as u64 + self.unlisted.successes
    }
    pub fn failure_count(&self) -> u64 {
        self.failures.len() as u64 + self.unlisted.failures
    }
    pub fn pending_count(&self) -> u64 {
        self.pendings.len() as u64 + self.unlisted.pendings
    }
}

/// How many details of each kind a [`StatusRecord`] counts beyond those it lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unlisted {
    #[serde(default)]
    pub successes: u64,
    #[serde(default)]
    pub failures: u64,
    #[serde(default)]
    pub pendings: u64,
}

impl Unlisted {
    pub fn is_empty(&self) -> bool {
        *self == Unlisted::default()
    }
}

/// An API token as stored: its hash, never the token itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TokenRecord {
    pub hash: String,
    pub user_id: String,
    pub label: String,
    /// Microseconds since the epoch.
    pub created: i64,
    /// When it stops working (microseconds since the epoch); `None`: never.
    pub expires: Option<i64>,
    /// When it was last used, to the minute (microseconds since the epoch).
    pub last_used: Option<i64>,
}

impl TokenRecord {
    /// The token's public name for `ward admin token list/revoke`: the first 12 hex digits
    /// of its hash (the hash of a 256-bit secret; it tells nothing about the token).
    pub fn id(&self) -> &str {
        self.hash.get(..12).unwrap_or(&self.hash)
    }
}

/// Who posted an object version. The hub keeps it privately (the policy decides whether
/// anyone else ever learns it); it is written in the same transaction as the version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Submitter {
    pub org_id: String,
    pub user_id: String,
}

/// One row of the private submitter table, for the operator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Submission {
    pub collection_id: String,
    pub object_id: String,
    /// [`version_key`] of the version.
    pub version: String,
    pub org_id: String,
    pub user_id: String,
}

/// What the PHI scrubber changed in one posted object, for the operator. `findings` is a JSON
/// array of locations and kinds (JSON pointer, byte span, placeholder, reason): never the
/// removed text, so the record itself holds no PHI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScrubRecord {
    /// Microseconds since the epoch.
    pub at: i64,
    pub collection_id: String,
    pub object_id: String,
    pub org_id: String,
    pub user_id: String,
    pub findings: String,
}

/// The latest version of one stored sighting of an indicator, with who posted it (`None`
/// when the store has no submitter for it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SightingRecord {
    pub version: StoredVersion,
    pub submitter: Option<Submitter>,
}

/// One change to the hub's members or collections, made by [`crate::Store::change_members`]
/// in one transaction: all of it or nothing. Organizations, users and collections are named
/// by id (the caller resolves names), so a rename racing a change cannot redirect it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberChange {
    /// Admits an organization, places it in collections (ids) and writes its settings.
    AddOrg {
        name: String,
        read: Vec<String>,
        write: Vec<String>,
        settings: Vec<(String, String)>,
    },
    /// Removes an organization with its users, their tokens, its place in every collection
    /// and every setting whose key starts with `settings_prefix`. The versions it submitted
    /// stay (their submitter record names an organization that no longer exists, which the
    /// policy serves as the hub) unless `delete_objects`.
    RemoveOrg {
        org_id: String,
        delete_objects: bool,
        settings_prefix: String,
    },
    RenameOrg {
        org_id: String,
        name: String,
    },
    /// A disabled organization's users cannot sign in; nothing of it is removed.
    SetOrgDisabled {
        org_id: String,
        disabled: bool,
    },
    /// Removes a user and its tokens (what it posted stays, as its organization's).
    RemoveUser {
        user_id: String,
    },
    SetUserDisabled {
        user_id: String,
        disabled: bool,
    },
    /// Replaces a token: the new hash takes the old one's user, label and expiry, and the
    /// old one stops working in the same commit.
    RotateToken {
        old_hash: String,
        new_hash: String,
    },
    /// Replaces a collection's readers and/or writers (organization ids) and writes its
    /// settings (a `None` value removes the setting), in one commit.
    SetCollectionAccess {
        collection_id: String,
        readers: Option<Vec<String>>,
        writers: Option<Vec<String>>,
        settings: Vec<(String, Option<String>)>,
    },
    /// Removes a collection; one that holds objects only when `force` (else
    /// [`crate::StoreError::NotEmpty`]).
    RemoveCollection {
        collection_id: String,
        force: bool,
        settings_prefix: String,
    },
}

/// What a [`MemberChange`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MemberOutcome {
    /// The organization admitted (for `AddOrg`).
    pub org: Option<Org>,
    pub users_removed: u64,
    pub tokens_removed: u64,
    /// Object versions kept (attributed to the hub from now on) or deleted.
    pub versions_kept: u64,
    pub versions_deleted: u64,
}

/// How far a collection has changed ([`crate::Store::change_count`]): both numbers only grow,
/// each in the same transaction as the write that moves it, in whatever process made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ChangeCount {
    /// The last `date_added` handed out: it moves with every version added.
    pub added: i64,
    /// Writes that took something away or changed it: versions deleted (an object's newest
    /// among them, which leaves an older one as its latest) or rewritten in place.
    pub removed: i64,
}
