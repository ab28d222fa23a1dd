//! [`crate::Store::change_members`] on SQLite: each change in one `BEGIN IMMEDIATE`
//! transaction, so a failure anywhere (an unknown collection, a name taken) leaves nothing.

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::{backend, collection_key, is_unique_violation, new_id, now_micros, SqliteStore};
use crate::model::*;
use crate::StoreError;

/// A unique-name violation as the error that says which name, else the backend's text.
fn taken<'a>(what: &'static str, name: &'a str) -> impl Fn(rusqlite::Error) -> StoreError + 'a {
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

fn must_exist(
    tx: &Transaction<'_>,
    sql: &str,
    id: &str,
    missing: impl Fn(String) -> StoreError,
) -> Result<(), StoreError> {
    let found: Option<i64> = tx
        .query_row(sql, [id], |r| r.get(0))
        .optional()
        .map_err(backend)?;
    found.map(|_| ()).ok_or_else(|| missing(id.to_string()))
}

fn org_exists(tx: &Transaction<'_>, id: &str) -> Result<(), StoreError> {
    must_exist(
        tx,
        "SELECT 1 FROM orgs WHERE id = ?1",
        id,
        StoreError::UnknownOrg,
    )
}

/// Replaces the readers or writers of the collection at `key` with `orgs` (ids).
fn set_access(
    tx: &Transaction<'_>,
    key: i64,
    orgs: &[String],
    read: bool,
) -> Result<(), StoreError> {
    let column = if read { "can_read" } else { "can_write" };
    tx.execute(
        &format!("UPDATE collection_access SET {column} = 0 WHERE collection_key = ?1"),
        [key],
    )
    .map_err(backend)?;
    for org in orgs {
        org_exists(tx, org)?;
        tx.execute(
            "INSERT INTO collection_access (collection_key, org_id, can_read, can_write)
             VALUES (?1, ?2, 0, 0) ON CONFLICT DO NOTHING",
            params![key, org],
        )
        .map_err(backend)?;
        tx.execute(
            &format!(
                "UPDATE collection_access SET {column} = 1
                 WHERE collection_key = ?1 AND org_id = ?2"
            ),
            params![key, org],
        )
        .map_err(backend)?;
    }
    tx.execute(
        "DELETE FROM collection_access WHERE collection_key = ?1 AND can_read = 0 AND can_write = 0",
        [key],
    )
    .map_err(backend)?;
    Ok(())
}

fn count(tx: &Transaction<'_>, sql: &str, arg: &str) -> Result<u64, StoreError> {
    let n: i64 = tx.query_row(sql, [arg], |r| r.get(0)).map_err(backend)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The users and tokens of org `org_id` go; returns how many of each.
fn remove_users_of(tx: &Transaction<'_>, org_id: &str) -> Result<(u64, u64), StoreError> {
    let tokens = tx
        .execute(
            "DELETE FROM tokens WHERE user_id IN (SELECT id FROM users WHERE org_id = ?1)",
            [org_id],
        )
        .map_err(backend)?;
    let users = tx
        .execute("DELETE FROM users WHERE org_id = ?1", [org_id])
        .map_err(backend)?;
    Ok((users as u64, tokens as u64))
}

fn remove_org(
    tx: &Transaction<'_>,
    org_id: &str,
    delete_objects: bool,
    settings_prefix: &str,
) -> Result<MemberOutcome, StoreError> {
    org_exists(tx, org_id)?;
    let (users_removed, tokens_removed) = remove_users_of(tx, org_id)?;
    tx.execute("DELETE FROM collection_access WHERE org_id = ?1", [org_id])
        .map_err(backend)?;
    tx.execute(
        "DELETE FROM settings WHERE substr(key, 1, length(?1)) = ?1",
        [settings_prefix],
    )
    .map_err(backend)?;
    let versions = count(
        tx,
        "SELECT count(*) FROM submitters s JOIN objects o
           ON o.collection_key = s.collection_key AND o.date_added = s.date_added
         WHERE s.org_id = ?1",
        org_id,
    )?;
    let mut outcome = MemberOutcome {
        users_removed,
        tokens_removed,
        ..MemberOutcome::default()
    };
    if delete_objects {
        // The objects touched keep their other versions, whose first/last flags are redone.
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS touched (collection_key INTEGER, id TEXT);
             DELETE FROM temp.touched;",
        )
        .map_err(backend)?;
        tx.execute(
            "INSERT INTO temp.touched SELECT DISTINCT o.collection_key, o.id
             FROM submitters s JOIN objects o
               ON o.collection_key = s.collection_key AND o.date_added = s.date_added
             WHERE s.org_id = ?1",
            [org_id],
        )
        .map_err(backend)?;
        tx.execute(
            "DELETE FROM objects WHERE (collection_key, date_added) IN
               (SELECT collection_key, date_added FROM submitters WHERE org_id = ?1)",
            [org_id],
        )
        .map_err(backend)?;
        tx.execute("DELETE FROM submitters WHERE org_id = ?1", [org_id])
            .map_err(backend)?;
        tx.execute_batch(
            "UPDATE objects SET
               is_first = (version_key = (SELECT min(o2.version_key) FROM objects o2
                  WHERE o2.collection_key = objects.collection_key AND o2.id = objects.id)),
               is_last = (version_key = (SELECT max(o2.version_key) FROM objects o2
                  WHERE o2.collection_key = objects.collection_key AND o2.id = objects.id))
             WHERE (collection_key, id) IN (SELECT collection_key, id FROM temp.touched);
             UPDATE collections SET changes = changes + 1
             WHERE key IN (SELECT collection_key FROM temp.touched);
             DELETE FROM temp.touched;",
        )
        .map_err(backend)?;
        outcome.versions_deleted = versions;
    } else {
        outcome.versions_kept = versions;
    }
    tx.execute("DELETE FROM orgs WHERE id = ?1", [org_id])
        .map_err(backend)?;
    Ok(outcome)
}

fn apply(tx: &Transaction<'_>, change: &MemberChange) -> Result<MemberOutcome, StoreError> {
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
                "INSERT INTO orgs (id, name, created) VALUES (?1, ?2, ?3)",
                params![org.id, org.name, now_micros()],
            )
            .map_err(taken("organization", name))?;
            for (ids, is_read) in [(read, true), (write, false)] {
                for id in ids {
                    let key = collection_key(tx, id)?;
                    let column = if is_read { "can_read" } else { "can_write" };
                    tx.execute(
                        "INSERT INTO collection_access (collection_key, org_id, can_read, can_write)
                         VALUES (?1, ?2, 0, 0) ON CONFLICT DO NOTHING",
                        params![key, org.id],
                    )
                    .map_err(backend)?;
                    tx.execute(
                        &format!(
                            "UPDATE collection_access SET {column} = 1
                             WHERE collection_key = ?1 AND org_id = ?2"
                        ),
                        params![key, org.id],
                    )
                    .map_err(backend)?;
                }
            }
            for (key, value) in settings {
                let key = key.replace("{org}", &org.id);
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value],
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
                .execute(
                    "UPDATE orgs SET name = ?2 WHERE id = ?1",
                    params![org_id, name],
                )
                .map_err(taken("organization", name))?;
            if n == 0 {
                return Err(StoreError::UnknownOrg(org_id.clone()));
            }
        }
        MemberChange::SetOrgDisabled { org_id, disabled } => {
            let n = tx
                .execute(
                    "UPDATE orgs SET disabled = ?2 WHERE id = ?1",
                    params![org_id, disabled],
                )
                .map_err(backend)?;
            if n == 0 {
                return Err(StoreError::UnknownOrg(org_id.clone()));
            }
        }
        MemberChange::RemoveUser { user_id } => {
            outcome.tokens_removed = tx
                .execute("DELETE FROM tokens WHERE user_id = ?1", [user_id])
                .map_err(backend)? as u64;
            outcome.users_removed = tx
                .execute("DELETE FROM users WHERE id = ?1", [user_id])
                .map_err(backend)? as u64;
            if outcome.users_removed == 0 {
                return Err(StoreError::UnknownUser(user_id.clone()));
            }
        }
        MemberChange::SetUserDisabled { user_id, disabled } => {
            let n = tx
                .execute(
                    "UPDATE users SET disabled = ?2 WHERE id = ?1",
                    params![user_id, disabled],
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
                     SELECT ?2, user_id, label, ?3, expires FROM tokens WHERE hash = ?1",
                    params![old_hash, new_hash, now_micros()],
                )
                .map_err(backend)?;
            if n == 0 {
                return Err(StoreError::UnknownToken(old_hash.clone()));
            }
            outcome.tokens_removed = tx
                .execute("DELETE FROM tokens WHERE hash = ?1", [old_hash])
                .map_err(backend)? as u64;
        }
        MemberChange::SetCollectionAccess {
            collection_id,
            readers,
            writers,
            settings,
        } => {
            let key = collection_key(tx, collection_id)?;
            if let Some(orgs) = readers {
                set_access(tx, key, orgs, true)?;
            }
            if let Some(orgs) = writers {
                set_access(tx, key, orgs, false)?;
            }
            for (name, value) in settings {
                match value {
                    Some(v) => tx.execute(
                        "INSERT INTO settings (key, value) VALUES (?1, ?2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        params![name, v],
                    ),
                    None => tx.execute("DELETE FROM settings WHERE key = ?1", [name]),
                }
                .map_err(backend)?;
            }
        }
        MemberChange::RemoveCollection {
            collection_id,
            force,
            settings_prefix,
        } => {
            let key = collection_key(tx, collection_id)?;
            let versions: i64 = tx
                .query_row(
                    "SELECT count(*) FROM objects WHERE collection_key = ?1",
                    [key],
                    |r| r.get(0),
                )
                .map_err(backend)?;
            let versions = u64::try_from(versions).unwrap_or(0);
            if versions > 0 && !force {
                return Err(StoreError::NotEmpty {
                    id: collection_id.clone(),
                    versions,
                });
            }
            for sql in [
                "DELETE FROM objects WHERE collection_key = ?1",
                "DELETE FROM submitters WHERE collection_key = ?1",
                "DELETE FROM collection_access WHERE collection_key = ?1",
                "DELETE FROM collections WHERE key = ?1",
            ] {
                tx.execute(sql, [key]).map_err(backend)?;
            }
            tx.execute(
                "DELETE FROM settings WHERE substr(key, 1, length(?1)) = ?1",
                [settings_prefix],
            )
            .map_err(backend)?;
            outcome.versions_deleted = versions;
        }
    }
    Ok(outcome)
}

impl SqliteStore {
    pub(super) fn change_members_tx(
        &self,
        change: &MemberChange,
    ) -> Result<MemberOutcome, StoreError> {
        self.with_writer(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let outcome = apply(&tx, change)?;
            tx.commit().map_err(backend)?;
            Ok(outcome)
        })
    }
}
