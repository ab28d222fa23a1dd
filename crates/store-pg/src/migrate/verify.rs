//! Reading a store back for the comparison: running counts and a SHA-256 checksum of
//! members, policy records and every version, in delivery order.

use sha2::{Digest as _, Sha256};
use ward_store::{
    Collection, ObjectQuery, Org, ScrubRecord, Store, StoreError, StoredVersion, Submitter, User,
    VersionSelect,
};

/// Versions read from the source per page.
const PAGE: usize = 5000;

/// Running counts and checksum of one store, fed in delivery order.
#[derive(Default)]
pub(super) struct Digest {
    hasher: Sha256,
    orgs: u64,
    users: u64,
    collections: u64,
    versions: u64,
    submissions: u64,
    settings: u64,
    scrub_records: u64,
}

impl Digest {
    /// Length-prefixed, so that no two different records hash the same bytes.
    fn field(&mut self, bytes: &[u8]) {
        self.hasher.update((bytes.len() as u64).to_le_bytes());
        self.hasher.update(bytes);
    }

    fn optional(&mut self, text: Option<&str>) {
        match text {
            Some(t) => {
                self.hasher.update([1]);
                self.field(t.as_bytes());
            }
            None => self.hasher.update([0]),
        }
    }

    pub(super) fn members(&mut self, orgs: &[Org], users: &[User], collections: &[Collection]) {
        for o in orgs {
            self.orgs += 1;
            self.field(b"org");
            self.field(o.id.as_bytes());
            self.field(o.name.as_bytes());
        }
        for u in users {
            self.users += 1;
            self.field(b"user");
            self.field(u.id.as_bytes());
            self.field(u.name.as_bytes());
            self.field(u.org_id.as_bytes());
            self.optional(u.password_hash.as_deref());
        }
        for c in collections {
            self.collections += 1;
            self.field(b"collection");
            self.field(c.id.as_bytes());
            self.field(c.title.as_bytes());
            self.optional(c.description.as_deref());
            self.field(c.readers.join(",").as_bytes());
            self.field(c.writers.join(",").as_bytes());
        }
    }

    pub(super) fn policy(&mut self, settings: &[(String, String)], scrubs: &[ScrubRecord]) {
        for (k, v) in settings {
            self.settings += 1;
            self.field(b"setting");
            self.field(k.as_bytes());
            self.field(v.as_bytes());
        }
        for r in scrubs {
            self.scrub_records += 1;
            self.field(b"scrub");
            self.hasher.update(r.at.to_le_bytes());
            for f in [
                &r.collection_id,
                &r.object_id,
                &r.org_id,
                &r.user_id,
                &r.findings,
            ] {
                self.field(f.as_bytes());
            }
        }
    }

    pub(super) fn version(&mut self, collection: &str, v: &StoredVersion, by: Option<&Submitter>) {
        if by.is_some() {
            self.submissions += 1;
        }
        self.optional(by.map(|b| b.org_id.as_str()));
        self.optional(by.map(|b| b.user_id.as_str()));
        self.versions += 1;
        self.field(collection.as_bytes());
        self.field(v.id.as_bytes());
        self.field(v.object_type.as_bytes());
        self.field(v.spec_version.as_bytes());
        self.field(v.version.as_bytes());
        self.field(v.version_key.as_bytes());
        self.hasher.update(v.date_added.to_le_bytes());
        self.field(v.json.as_bytes());
    }

    pub(super) fn finish(self) -> (String, [u64; 7]) {
        let hex = self
            .hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        (
            hex,
            [
                self.orgs,
                self.users,
                self.collections,
                self.versions,
                self.submissions,
                self.settings,
                self.scrub_records,
            ],
        )
    }
}

/// Calls `f` on every version of `collection`, in delivery order.
pub(super) fn each_version(
    store: &dyn Store,
    collection: &str,
    mut f: impl FnMut(&StoredVersion) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    each_page(store, collection, |items| items.iter().try_for_each(&mut f))
}

/// Calls `f` on every page of versions of `collection`, in delivery order.
fn each_page(
    store: &dyn Store,
    collection: &str,
    mut f: impl FnMut(&[StoredVersion]) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut after = None;
    loop {
        let page = store.query_objects(
            collection,
            &ObjectQuery {
                versions: VersionSelect::all(),
                after: after.take(),
                limit: PAGE,
                ..ObjectQuery::default()
            },
        )?;
        f(&page.items)?;
        after = page.items.last().map(StoredVersion::position);
        if !page.more || after.is_none() {
            return Ok(());
        }
    }
}

/// Reads everything `store` serves, in the order it serves it, with one digest of each
/// collection's versions beside the whole store's. Submitters are fetched a page at a time
/// (one round trip per page rather than per version on PostgreSQL).
pub(super) fn digest(store: &dyn Store) -> Result<(Digest, Vec<Digest>), StoreError> {
    let mut d = Digest::default();
    let collections = store.collections()?;
    d.members(&store.orgs()?, &store.users()?, &collections);
    d.policy(&store.settings("")?, &store.scrub_records(usize::MAX)?);
    let mut each = Vec::with_capacity(collections.len());
    for c in &collections {
        let mut one = Digest::default();
        each_page(store, &c.id, |items| {
            let by = store.submitters_of_versions(&c.id, items)?;
            for v in items {
                let by = by.get(&(v.id.clone(), v.version_key.clone()));
                d.version(&c.id, v, by);
                one.version(&c.id, v, by);
            }
            Ok(())
        })?;
        each.push(one);
    }
    Ok((d, each))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(date_added: i64, json: &str) -> StoredVersion {
        StoredVersion {
            id: "indicator--1".into(),
            object_type: "indicator".into(),
            spec_version: "2.1".into(),
            version: "2024-01-01T00:00:00.000Z".into(),
            version_key: "2024-01-01T00:00:00.000000000Z".into(),
            date_added,
            json: json.into(),
        }
    }

    fn checksum(date_added: i64, json: &str, by: Option<&Submitter>) -> String {
        let mut d = Digest::default();
        d.version("c", &version(date_added, json), by);
        d.finish().0
    }

    #[test]
    fn checksum_sees_every_field_that_must_survive() {
        let by = Submitter {
            org_id: "o".into(),
            user_id: "u".into(),
        };
        let base = checksum(1, "{}", Some(&by));
        assert_eq!(base, checksum(1, "{}", Some(&by)), "deterministic");
        assert_ne!(base, checksum(2, "{}", Some(&by)), "date_added");
        assert_ne!(base, checksum(1, "{ }", Some(&by)), "bytes");
        assert_ne!(base, checksum(1, "{}", None), "submitter");
        // Length prefixes: moving bytes between fields changes the sum.
        let mut a = Digest::default();
        a.field(b"ab");
        a.field(b"c");
        let mut b = Digest::default();
        b.field(b"a");
        b.field(b"bc");
        assert_ne!(a.finish().0, b.finish().0);
    }
}
