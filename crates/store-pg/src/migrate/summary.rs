//! What `ward admin verify` compares: the counts and checksums that `migrate` checks, read
//! from any store through the [`Store`] trait, with a count and checksum per collection so
//! a difference says where it is. A backup restored, a `pg_dump` loaded elsewhere or a
//! migrated store is verified by comparing its summary with the original's.

use serde::Serialize;
use ward_store::{Store, StoreError};

use super::verify::digest;

/// One collection: its versions counted and checksummed (bytes, dates, submitters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CollectionSummary {
    pub id: String,
    pub title: String,
    pub versions: u64,
    pub checksum: String,
}

/// Counts per kind of record and the checksums of one store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoreSummary {
    pub orgs: u64,
    pub users: u64,
    pub collections: u64,
    pub versions: u64,
    pub submissions: u64,
    pub settings: u64,
    pub scrub_records: u64,
    pub tokens: u64,
    pub statuses: u64,
    /// The checksum `migrate` reports: members, policy records and every version.
    pub checksum: String,
    pub per_collection: Vec<CollectionSummary>,
}

/// Reads `store` through and sums it up. Reads only; safe while a hub serves the store
/// (a version added meanwhile may or may not be counted).
pub fn summarize(store: &dyn Store) -> Result<StoreSummary, StoreError> {
    let collections = store.collections()?;
    let (whole, each) = digest(store)?;
    let (checksum, n) = whole.finish();
    let per_collection = collections
        .into_iter()
        .zip(each)
        .map(|(c, d)| {
            let (checksum, n) = d.finish();
            CollectionSummary {
                id: c.id,
                title: c.title,
                versions: n[3],
                checksum,
            }
        })
        .collect();
    Ok(StoreSummary {
        orgs: n[0],
        users: n[1],
        collections: n[2],
        versions: n[3],
        submissions: n[4],
        settings: n[5],
        scrub_records: n[6],
        tokens: store.tokens()?.len() as u64,
        statuses: store.statuses()?.len() as u64,
        checksum,
        per_collection,
    })
}

impl StoreSummary {
    /// The rows of the comparison table: (what, this store, the other); checksums as text.
    pub fn rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = [
            ("organizations", self.orgs),
            ("users", self.users),
            ("collections", self.collections),
            ("object versions", self.versions),
            ("submitters", self.submissions),
            ("settings", self.settings),
            ("scrub records", self.scrub_records),
            ("tokens", self.tokens),
            ("statuses", self.statuses),
        ]
        .into_iter()
        .map(|(what, n)| (what.to_string(), n.to_string()))
        .collect();
        rows.push(("checksum".into(), self.checksum.clone()));
        for c in &self.per_collection {
            rows.push((
                format!("collection {} ({})", c.id, c.title),
                format!("{} {}", c.versions, c.checksum),
            ));
        }
        rows
    }

    /// What differs from `other`, one line each; empty when the two stores hold the same.
    pub fn differences(&self, other: &StoreSummary) -> Vec<String> {
        let theirs = other.rows();
        let ours = self.rows();
        let mut out = Vec::new();
        for (what, mine) in &ours {
            match theirs.iter().find(|(w, _)| w == what) {
                Some((_, t)) if t == mine => {}
                Some((_, t)) => out.push(format!("{what}: {mine} here, {t} in the other")),
                None => out.push(format!("{what}: only here")),
            }
        }
        for (what, _) in &theirs {
            if !ours.iter().any(|(w, _)| w == what) {
                out.push(format!("{what}: only in the other"));
            }
        }
        out
    }
}
