//! Status resources left pending by a hub that stopped (`kill -9`, power loss) in the middle
//! of a multi-transaction envelope: each transaction stores its versions together with the
//! status as it then stood, so after a crash the status lists as pending exactly the objects
//! whose transaction never committed. [`finish_interrupted`] settles them from what the store
//! holds, so that no status stays pending forever.

use crate::model::*;
use crate::{Store, StoreError};

/// Why an object of an interrupted envelope is reported as a failure.
pub const INTERRUPTED: &str = "the hub stopped before this object was stored";

/// Finishes every status still pending whose request came at or after `after` and before
/// `before` (microseconds since the epoch): each pending object whose version the store holds (in a collection the
/// posting organization may write) becomes a success, every other one a failure with
/// [`INTERRUPTED`], and the status becomes complete. Returns how many statuses it finished.
///
/// `before` must be old enough that no live hub process is still writing those statuses.
pub fn finish_interrupted(store: &dyn Store, after: i64, before: i64) -> Result<usize, StoreError> {
    let pending = store.pending_statuses(after, before)?;
    if pending.is_empty() {
        return Ok(0);
    }
    let collections = store.collections()?;
    for mut status in pending.iter().cloned() {
        let writable: Vec<&Collection> = collections
            .iter()
            .filter(|c| c.can_write(&status.owner_org))
            .collect();
        for detail in std::mem::take(&mut status.pendings) {
            if is_stored(store, &writable, &detail)? {
                status.successes.push(StatusDetail {
                    message: None,
                    ..detail
                });
            } else {
                status.failures.push(StatusDetail {
                    message: Some(INTERRUPTED.to_string()),
                    ..detail
                });
            }
        }
        // Pendings only counted (a large envelope's status lists none) were in no committed
        // transaction: each transaction stores its versions with the status as it then stood.
        status.unlisted.failures += std::mem::take(&mut status.unlisted.pendings);
        status.status = StatusState::Complete;
        store.put_status(&status)?;
    }
    Ok(pending.len())
}

/// Whether one of `collections` holds the version `detail` names (any version when it names
/// none).
fn is_stored(
    store: &dyn Store,
    collections: &[&Collection],
    detail: &StatusDetail,
) -> Result<bool, StoreError> {
    if detail.id.is_empty() {
        return Ok(false);
    }
    let wanted = match &detail.version {
        Some(text) => match ward_stix::Timestamp::parse(text) {
            Ok(ts) => Some(version_key(ts)),
            Err(_) => return Ok(false),
        },
        None => None,
    };
    for c in collections {
        let mut query = ObjectQuery {
            ids: vec![detail.id.clone()],
            versions: VersionSelect::all(),
            limit: 1000,
            ..ObjectQuery::default()
        };
        loop {
            let page = store.query_objects(&c.id, &query)?;
            if page
                .items
                .iter()
                .any(|v| wanted.as_deref().is_none_or(|w| v.version_key == w))
            {
                return Ok(true);
            }
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => break,
            }
        }
    }
    Ok(false)
}
