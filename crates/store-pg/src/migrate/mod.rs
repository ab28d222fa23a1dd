//! Moving a store (normally the embedded one) into PostgreSQL without loss: organizations,
//! users (with their password hashes), API tokens (their hashes), status resources, collections with their ids and access lists, the
//! cursor-signing key (so cursors handed out before the move stay valid), every object
//! version with its `date_added`, exact bytes and submitter, hub settings and the scrub
//! record. Everything is written in one transaction,
//! so a failed migration leaves the target as empty as it was; then both stores are read back
//! through the [`Store`] trait and compared by counts and a SHA-256 checksum.

mod copy;
mod summary;
mod verify;

pub use summary::{summarize, CollectionSummary, StoreSummary};

use serde::Serialize;
use ward_store::{
    Collection, Org, ScrubRecord, StatusRecord, Store, StoreError, TokenRecord, User,
};

use crate::{PgError, PgStore};
use verify::Digest;

/// One kind of record, counted in both stores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub source: u64,
    pub target: u64,
}

/// What `migrate` copied and how the two stores compare afterwards.
#[derive(Clone, Debug, Serialize)]
pub struct MigrationReport {
    pub orgs: Count,
    pub users: Count,
    pub collections: Count,
    /// Object versions, over every collection.
    pub versions: Count,
    /// Versions with a recorded submitter.
    pub submissions: Count,
    pub settings: Count,
    pub scrub_records: Count,
    /// API tokens (their hashes: tokens keep working after the move).
    pub tokens: Count,
    /// Status resources of earlier posts.
    pub statuses: Count,
    /// SHA-256 over members, collections and every version (collection, id, version,
    /// `date_added`, bytes) in delivery order, read from each store.
    pub source_checksum: String,
    pub target_checksum: String,
    /// Records the `Store` trait offers no way to list, so they were not copied.
    pub not_migrated: Vec<String>,
}

impl MigrationReport {
    /// Whether every count and the checksum agree.
    pub fn matches(&self) -> bool {
        [
            self.orgs,
            self.users,
            self.collections,
            self.versions,
            self.submissions,
            self.settings,
            self.scrub_records,
            self.tokens,
            self.statuses,
        ]
        .iter()
        .all(|c| c.source == c.target)
            && self.source_checksum == self.target_checksum
    }
}

/// Everything the source holds besides its object versions (which are streamed, a page at
/// a time, while they are copied).
struct Snapshot {
    orgs: Vec<Org>,
    users: Vec<User>,
    collections: Vec<Collection>,
    signing_key: Vec<u8>,
    settings: Vec<(String, String)>,
    scrubs: Vec<ScrubRecord>,
    tokens: Vec<TokenRecord>,
    statuses: Vec<StatusRecord>,
    /// Disabled organization and user ids: they stay disabled on the target.
    disabled: (Vec<String>, Vec<String>),
}

impl Snapshot {
    fn read(from: &dyn Store) -> Result<Snapshot, StoreError> {
        Ok(Snapshot {
            orgs: from.orgs()?,
            users: from.users()?,
            collections: from.collections()?,
            signing_key: from.signing_key()?,
            settings: from.settings("")?,
            scrubs: from.scrub_records(usize::MAX)?,
            tokens: from.tokens()?,
            statuses: from.statuses()?,
            disabled: from.disabled()?,
        })
    }
}

/// Copies `from` into `to`, which must hold no organizations, users, collections or objects
/// yet, then compares both. A mismatch is reported (see [`MigrationReport::matches`]), not an
/// error; errors mean nothing was copied.
pub fn migrate(from: &dyn Store, to: &PgStore) -> Result<MigrationReport, PgError> {
    let snapshot = Snapshot::read(from)?;
    let mut source = Digest::default();
    source.members(&snapshot.orgs, &snapshot.users, &snapshot.collections);
    source.policy(&snapshot.settings, &snapshot.scrubs);
    copy::copy(from, to, &snapshot, &mut source)?;
    let (target, _) = verify::digest(to)?;
    report(&snapshot, source, target, to)
}

/// Compares the source as it was copied with the target as it reads back.
fn report(
    snapshot: &Snapshot,
    source: Digest,
    target: Digest,
    to: &PgStore,
) -> Result<MigrationReport, PgError> {
    let (source_checksum, s) = source.finish();
    let (target_checksum, t) = target.finish();
    let count = |i: usize| Count {
        source: s[i],
        target: t[i],
    };
    Ok(MigrationReport {
        orgs: count(0),
        users: count(1),
        collections: count(2),
        versions: count(3),
        submissions: count(4),
        settings: count(5),
        scrub_records: count(6),
        tokens: Count {
            source: snapshot.tokens.len() as u64,
            target: to.tokens()?.len() as u64,
        },
        statuses: Count {
            source: snapshot.statuses.len() as u64,
            target: to.statuses()?.len() as u64,
        },
        source_checksum,
        target_checksum,
        not_migrated: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_matches_only_when_everything_agrees() {
        let same = Count {
            source: 3,
            target: 3,
        };
        let mut report = MigrationReport {
            orgs: same,
            users: same,
            collections: same,
            versions: same,
            submissions: same,
            settings: same,
            scrub_records: same,
            tokens: same,
            statuses: same,
            source_checksum: "x".into(),
            target_checksum: "x".into(),
            not_migrated: vec![],
        };
        assert!(report.matches());
        report.scrub_records.target = 2;
        assert!(!report.matches());
        report.scrub_records.target = 3;
        report.target_checksum = "y".into();
        assert!(!report.matches());
    }
}
