//! [`ward_store::Store::change_members`] on PostgreSQL: each change in one transaction, so a
//! failure anywhere (an unknown collection, a name taken) leaves nothing. A collection's row
//! is locked (`FOR UPDATE`) before its access or objects change: writers of that collection
//! hold the same lock while they add, so a removal never races a post into it.

use postgres::Transaction;
use ward_store::{MemberChange, MemberOutcome, Org, StoreError};

use super::{is_unique_violation, new_id, now_micros};
use crate::{backend, PgStore};

fn taken<'a>(what: &'static str, name: &'a str) -> impl Fn(postgres::Error) -> StoreError + 'a {
    move |e| {
        if is_unique_violation(&e) {
            StoreError::AlreadyExists {
                what,
                name: name.to_string(),
            }
        } else {
            backend(e)
        }
    }
}

fn locked_key(tx: &mut Transaction<'_>, id: &str) -> Result<i64, StoreError> {
    tx.query_opt(
        "SELECT key FROM collections WHERE id = $1 FOR UPDATE",
        &[&id],
    )
    .map_err(backend)?
    .map(|r| r.try_get(0).map_err(backend))
    .transpose()?
    .ok_or_else(|| StoreError::UnknownCollection(id.to_string()))
}

fn org_exists(tx: &mut Transaction<'_>, id: &str) -> Result<(), StoreError> {
    tx.query_opt("SELECT 1 FROM orgs WHERE id = $1", &[&id])
        .map_err(backend)?
        .map(|_| ())
        .ok_or_else(|| StoreError::UnknownOrg(id.to_string()))
}

/// Gives `org` read (`read`) or write access to the collection at `key`.
fn grant(tx: &mut Transaction<'_>, key: i64, org: &str, read: bool) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO collection_access (collection_key, org_id, can_read, can_write)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (collection_key, org_id) DO UPDATE
         SET can_read = collection_access.can_read OR $3,
             can_write = collection_access.can_write OR $4",
        &[&key, &org, &read, &!read],
    )
    .map_err(backend)?;
    Ok(())
}

/// Replaces the readers or writers of the collection at `key` with `orgs` (ids).
fn set_access(
    tx: &mut Transaction<'_>,
    key: i64,
    orgs: &[String],
    read: bool,
) -> Result<(), StoreError> {
    let clear = if read {
        "UPDATE collection_access SET can_read = false WHERE collection_key = $1"
    } else {
        "UPDATE collection_access SET can_write = false WHERE collection_key = $1"
    };
    tx.execute(clear, &[&key]).map_err(backend)?;
    for org in orgs {
        org_exists(tx, org)?;
        grant(tx, key, org, read)?;
    }
    tx.execute(
        "DELETE FROM collection_access
         WHERE collection_key = $1 AND NOT can_read AND NOT can_write",
        &[&key],
    )
    .map_err(backend)?;
    Ok(())
}

fn remove_org(
    tx: &mut Transaction<'_>,
    org_id: &str,
    delete_objects: bool,
    settings_prefix: &str,
) -> Result<MemberOutcome, StoreError> {
    org_exists(tx, org_id)?;
    // Writers of a collection serialize on its row: every collection the organization may
    // write or has written to is locked (in key order, as writers lock) before anything of
    // it changes, so a post under way finishes first or waits for the removal.
    tx.query(
        "SELECT key FROM collections WHERE key IN (
             SELECT collection_key FROM submissions WHERE org_id = $1
             UNION SELECT collection_key FROM collection_access WHERE org_id = $1)
         ORDER BY key FOR UPDATE",
        &[&org_id],
    )
    .map_err(backend)?;
    let tokens_removed = tx
        .execute(
            "DELETE FROM tokens WHERE user_id IN (SELECT id FROM users WHERE org_id = $1)",
            &[&org_id],
        )
        .map_err(backend)?;
    let users_removed = tx
        .execute("DELETE FROM users WHERE org_id = $1", &[&org_id])
        .map_err(backend)?;
    tx.execute(
        "DELETE FROM collection_access WHERE org_id = $1",
        &[&org_id],
    )
    .map_err(backend)?;
    tx.execute(
        "DELETE FROM settings WHERE starts_with(key, $1)",
        &[&settings_prefix],
    )
    .map_err(backend)?;
    let versions: i64 = tx
        .query_one(
            "SELECT count(*) FROM submissions s JOIN objects o
               ON o.collection_key = s.collection_key AND o.id = s.id
              AND o.version_key = s.version_key
             WHERE s.org_id = $1",
            &[&org_id],
        )
        .and_then(|r| r.try_get(0))
        .map_err(backend)?;
    let versions = u64::try_from(versions).unwrap_or(0);
    let mut outcome = MemberOutcome {
        users_removed,
        tokens_removed,
        ..MemberOutcome::default()
    };
    if delete_objects {
        // The objects touched keep their other versions, whose first/last flags are redone.
        tx.batch_execute(
            "CREATE TEMP TABLE IF NOT EXISTS touched (collection_key bigint, id text COLLATE \"C\")
             ON COMMIT DELETE ROWS",
        )
        .map_err(backend)?;
        tx.execute(
            "INSERT INTO touched SELECT DISTINCT collection_key, id FROM submissions
             WHERE org_id = $1",
            &[&org_id],
        )
        .map_err(backend)?;
        tx.execute(
            "DELETE FROM objects o USING submissions s
             WHERE s.org_id = $1 AND o.collection_key = s.collection_key
               AND o.id = s.id AND o.version_key = s.version_key",
            &[&org_id],
        )
        .map_err(backend)?;
        tx.execute("DELETE FROM submissions WHERE org_id = $1", &[&org_id])
            .map_err(backend)?;
        tx.batch_execute(
            "UPDATE objects o SET is_first = (o.version_key = b.lo),
                                  is_last = (o.version_key = b.hi)
             FROM (SELECT ob.collection_key, ob.id, min(ob.version_key) AS lo,
                          max(ob.version_key) AS hi
                   FROM objects ob JOIN touched t
                     ON t.collection_key = ob.collection_key AND t.id = ob.id
                   GROUP BY ob.collection_key, ob.id) b
             WHERE o.collection_key = b.collection_key AND o.id = b.id
               AND (o.is_first <> (o.version_key = b.lo)
                    OR o.is_last <> (o.version_key = b.hi));
             UPDATE collections SET changes = changes + 1
             WHERE key IN (SELECT collection_key FROM touched)",
        )
        .map_err(backend)?;
        outcome.versions_deleted = versions;
    } else {
        outcome.versions_kept = versions;
    }
    tx.execute("DELETE FROM orgs WHERE id = $1", &[&org_id])
        .map_err(backend)?;
    Ok(outcome)
}

// Long because: one arm per kind of change, each a few statements.
fn apply(tx: &mut Transaction<'_>, change: &MemberChange) -> Result<MemberOutcome, StoreError> {
    let mut outcome = MemberOutcome::default();
    match change {
        MemberChange::AddOrg {
            name,
            read,
            write,
            settings,
        } => {
            let org = Org {
                id: new_id(),
                name: name.clone(),
            };
            tx.execute(
                "INSERT INTO orgs (id, name, created) VALUES ($1, $2, $3)",
                &[&org.id, &org.name, &now_micros()],
            )
            .map_err(taken("organization", name))?;
            for (ids, is_read) in [(read, true), (write, false)] {
                for id in ids {
                    let key = locked_key(tx, id)?;
                    grant(tx, key, &org.id, is_read)?;
                }
            }
            for (key, value) in settings {
                let key = key.replace("{org}", &org.id);
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES ($1, $2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    &[&key, value],
                )
                .map_err(backend)?;
            }
            outcome.org = Some(org);
        }
        MemberChange::RemoveOrg {
            org_id,
            delete_objects,
            settings_prefix,
        } => outcome = remove_org(tx, org_id, *delete_objects, settings_prefix)?,
        MemberChange::RenameOrg { org_id, name } => {
            let n = tx
                .execute("UPDATE orgs SET name = $2 WHERE id = $1", &[org_id, name])
                .map_err(taken("organization", name))?;
            if n == 0 {
                return Err(StoreError::UnknownOrg(org_id.clone()));
            }
        }
        MemberChange::SetOrgDisabled { org_id, disabled } => {
            let n = tx
                .execute(
                    "UPDATE orgs SET disabled = $2 WHERE id = $1",
                    &[org_id, disabled],
                )
                .map_err(backend)?;
            if n == 0 {
                return Err(StoreError::UnknownOrg(org_id.clone()));
            }
        }
        MemberChange::RemoveUser { user_id } => {
            outcome.tokens_removed = tx
                .execute("DELETE FROM tokens WHERE user_id = $1", &[user_id])
                .map_err(backend)?;
            outcome.users_removed = tx
                .execute("DELETE FROM users WHERE id = $1", &[user_id])
                .map_err(backend)?;
            if outcome.users_removed == 0 {
                return Err(StoreError::UnknownUser(user_id.clone()));
            }
        }
        MemberChange::SetUserDisabled { user_id, disabled } => {
            let n = tx
                .execute(
                    "UPDATE users SET disabled = $2 WHERE id = $1",
                    &[user_id, disabled],
                )
                .map_err(backend)?;
            if n == 0 {
                return Err(StoreError::UnknownUser(user_id.clone()));
            }
        }
        MemberChange::RotateToken { old_hash, new_hash } => {
            let n = tx
                .execute(
                    "INSERT INTO tokens (hash, user_id, label, created, expires)
                     SELECT $2, user_id, label, $3, expires FROM tokens WHERE hash = $1",
                    &[old_hash, new_hash, &now_micros()],
                )
                .map_err(backend)?;
            if n == 0 {
                return Err(StoreError::UnknownToken(old_hash.clone()));
            }
            outcome.tokens_removed = tx
                .execute("DELETE FROM tokens WHERE hash = $1", &[old_hash])
                .map_err(backend)?;
        }
        MemberChange::SetCollectionAccess {
            collection_id,
            readers,
            writers,
            settings,
        } => {
            let key = locked_key(tx, collection_id)?;
            if let Some(orgs) = readers {
                set_access(tx, key, orgs, true)?;
            }
            if let Some(orgs) = writers {
                set_access(tx, key, orgs, false)?;
            }
            for (name, value) in settings {
                match value {
                    Some(v) => tx.execute(
                        "INSERT INTO settings (key, value) VALUES ($1, $2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        &[name, v],
                    ),
                    None => tx.execute("DELETE FROM settings WHERE key = $1", &[name]),
                }
                .map_err(backend)?;
            }
        }
        MemberChange::RemoveCollection {
            collection_id,
            force,
            settings_prefix,
        } => {
            let key = locked_key(tx, collection_id)?;
            let versions: i64 = tx
                .query_one(
                    "SELECT count(*) FROM objects WHERE collection_key = $1",
                    &[&key],
                )
                .and_then(|r| r.try_get(0))
                .map_err(backend)?;
            let versions = u64::try_from(versions).unwrap_or(0);
            if versions > 0 && !force {
                return Err(StoreError::NotEmpty {
                    id: collection_id.clone(),
                    versions,
                });
            }
            for sql in [
                "DELETE FROM objects WHERE collection_key = $1",
                "DELETE FROM submissions WHERE collection_key = $1",
                "DELETE FROM collection_access WHERE collection_key = $1",
                "DELETE FROM collections WHERE key = $1",
            ] {
                tx.execute(sql, &[&key]).map_err(backend)?;
            }
            tx.execute(
                "DELETE FROM settings WHERE starts_with(key, $1)",
                &[settings_prefix],
            )
            .map_err(backend)?;
            outcome.versions_deleted = versions;
        }
    }
    Ok(outcome)
}

impl PgStore {
    pub(super) fn change_members_tx(
        &self,
        change: &MemberChange,
    ) -> Result<MemberOutcome, StoreError> {
        self.with_conn(|c, _| {
            let mut tx = c.transaction().map_err(backend)?;
            let outcome = apply(&mut tx, change)?;
            tx.commit().map_err(backend)?;
            if let MemberChange::RemoveCollection { collection_id, .. } = change {
                // Keys are never reused, but a removed collection must not be found again.
                self.keys
                    .write()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(collection_id);
            }
            Ok(outcome)
        })
    }
}
