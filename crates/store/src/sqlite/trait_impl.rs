//! [`Store`] on SQLite: members, tokens, collections, settings, the scrub record and status
//! resources here; adding and deleting versions in [`super::writer`], reading them in
//! [`super::queries`].

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{
    backend, is_unique_violation, load_collection, new_id, now_micros, org_id_by_name,
    user_from_row, SqliteStore, USER_COLUMNS,
};
use crate::credentials::random_secret;
use crate::model::*;
use crate::{Store, StoreError, VersionSource};

impl Store for SqliteStore {
    fn ping(&self) -> Result<(), StoreError> {
        self.with_reader(|c| {
            c.query_row("SELECT count(*) FROM collections", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        let existing: Option<Vec<u8>> = self.with_reader(|c| {
            c.query_row("SELECT value FROM secrets WHERE name = 'cursor'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(backend)
        })?;
        if let Some(key) = existing {
            return Ok(key);
        }
        let fresh = random_secret()?;
        self.with_writer(|c| {
            // Two processes may race here; the first insert wins and both read it back.
            c.execute(
                "INSERT OR IGNORE INTO secrets (name, value) VALUES ('cursor', ?1)",
                [&fresh],
            )
            .map_err(backend)?;
            c.query_row("SELECT value FROM secrets WHERE name = 'cursor'", [], |r| {
                r.get(0)
            })
            .map_err(backend)
        })
    }

    fn add_org(&self, name: &str) -> Result<Org, StoreError> {
        let org = Org {
            id: new_id(),
            name: name.to_string(),
        };
        self.with_writer(|c| {
            c.execute(
                "INSERT INTO orgs (id, name, created) VALUES (?1, ?2, ?3)",
                params![org.id, org.name, now_micros()],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists {
                        what: "organization",
                        name: name.to_string(),
                    }
                } else {
                    backend(e)
                }
            })
        })?;
        Ok(org)
    }

    fn orgs(&self) -> Result<Vec<Org>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare("SELECT id, name FROM orgs ORDER BY name")
                .map_err(backend)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(Org {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn add_user(
        &self,
        org_name: &str,
        name: &str,
        password_hash: Option<&str>,
    ) -> Result<User, StoreError> {
        self.with_writer(|c| {
            let org_id = org_id_by_name(c, org_name)?;
            let user = User {
                id: new_id(),
                name: name.to_string(),
                org_id,
                org_name: org_name.to_string(),
                password_hash: password_hash.map(str::to_string),
            };
            c.execute(
                "INSERT INTO users (id, org_id, name, password_hash, created)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    user.id,
                    user.org_id,
                    user.name,
                    user.password_hash,
                    now_micros()
                ],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists {
                        what: "user",
                        name: name.to_string(),
                    }
                } else {
                    backend(e)
                }
            })?;
            Ok(user)
        })
    }

    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached(&format!(
                "SELECT {USER_COLUMNS} WHERE u.name = ?1 AND u.disabled = 0 AND o.disabled = 0"
            ))
            .map_err(backend)?
            .query_row([name], user_from_row)
            .optional()
            .map_err(backend)
        })
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare(&format!("SELECT {USER_COLUMNS} ORDER BY u.name"))
                .map_err(backend)?;
            let rows = stmt.query_map([], user_from_row).map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn user_by_token(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached(&format!(
                "SELECT {USER_COLUMNS} JOIN tokens t ON t.user_id = u.id
                 WHERE t.hash = ?1 AND (t.expires IS NULL OR t.expires > ?2) AND u.disabled = 0 AND o.disabled = 0"
            ))
            .map_err(backend)?
            .query_row(params![token_hash, now_micros()], user_from_row)
            .optional()
            .map_err(backend)
        })
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        self.with_reader(|c| {
            let mut st = c
                .prepare_cached(
                    "SELECT hash, user_id, label, created, expires, last_used FROM tokens
                     ORDER BY created, hash",
                )
                .map_err(backend)?;
            let rows = st
                .query_map([], |r| {
                    Ok(TokenRecord {
                        hash: r.get(0)?,
                        user_id: r.get(1)?,
                        label: r.get(2)?,
                        created: r.get(3)?,
                        expires: r.get(4)?,
                        last_used: r.get(5)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(backend)
        })
    }

    fn add_token_expiring(
        &self,
        user_name: &str,
        token_hash: &str,
        label: &str,
        expires: Option<i64>,
    ) -> Result<(), StoreError> {
        self.with_writer(|c| {
            let user_id: String = c
                .query_row("SELECT id FROM users WHERE name = ?1", [user_name], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(backend)?
                .ok_or_else(|| StoreError::UnknownUser(user_name.to_string()))?;
            c.execute(
                "INSERT INTO tokens (hash, user_id, label, created, expires)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token_hash, user_id, label, now_micros(), expires],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn revoke_token(&self, token_hash: &str) -> Result<bool, StoreError> {
        self.with_writer(|c| {
            c.execute("DELETE FROM tokens WHERE hash = ?1", [token_hash])
                .map(|n| n > 0)
                .map_err(backend)
        })
    }

    fn touch_token(&self, token_hash: &str, at: i64) -> Result<(), StoreError> {
        self.with_writer(|c| {
            c.execute(
                "UPDATE tokens SET last_used = ?2 WHERE hash = ?1",
                params![token_hash, at],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn set_password(&self, user_name: &str, password_hash: Option<&str>) -> Result<(), StoreError> {
        self.with_writer(|c| {
            let changed = c
                .execute(
                    "UPDATE users SET password_hash = ?2 WHERE name = ?1",
                    params![user_name, password_hash],
                )
                .map_err(backend)?;
            if changed == 0 {
                return Err(StoreError::UnknownUser(user_name.to_string()));
            }
            Ok(())
        })
    }

    fn change_members(&self, change: &MemberChange) -> Result<MemberOutcome, StoreError> {
        self.change_members_tx(change)
    }

    fn disabled(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        self.with_reader(|c| {
            let ids = |sql: &str| -> Result<Vec<String>, StoreError> {
                let mut st = c.prepare(sql).map_err(backend)?;
                let rows = st.query_map([], |r| r.get(0)).map_err(backend)?;
                rows.collect::<Result<_, _>>().map_err(backend)
            };
            Ok((
                ids("SELECT id FROM orgs WHERE disabled <> 0 ORDER BY id")?,
                ids("SELECT id FROM users WHERE disabled <> 0 ORDER BY id")?,
            ))
        })
    }

    fn rewrite_versions(
        &self,
        collection_id: &str,
        versions: &[(String, String, String)],
    ) -> Result<usize, StoreError> {
        self.with_writer(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let key = super::collection_key(&tx, collection_id)?;
            let mut replaced = 0;
            for (id, version_key, json) in versions {
                replaced += tx
                    .execute(
                        "UPDATE objects SET json = ?4
                         WHERE collection_key = ?1 AND id = ?2 AND version_key = ?3",
                        params![key, id, version_key, json],
                    )
                    .map_err(backend)?;
            }
            if replaced > 0 {
                super::bump_changes(&tx, key)?;
            }
            tx.commit().map_err(backend)?;
            Ok(replaced)
        })
    }

    fn create_collection(&self, new: &NewCollection) -> Result<Collection, StoreError> {
        let id = new_id();
        self.with_writer(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            tx.execute(
                "INSERT INTO collections (id, title, description, created) VALUES (?1, ?2, ?3, ?4)",
                params![id, new.title, new.description, now_micros()],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::AlreadyExists {
                        what: "collection",
                        name: new.title.clone(),
                    }
                } else {
                    backend(e)
                }
            })?;
            let key = tx.last_insert_rowid();
            let mut access: Vec<(String, bool, bool)> = Vec::new();
            for (names, is_read) in [(&new.readers, true), (&new.writers, false)] {
                for name in names {
                    let org = org_id_by_name(&tx, name)?;
                    match access.iter_mut().find(|a| a.0 == org) {
                        Some(a) if is_read => a.1 = true,
                        Some(a) => a.2 = true,
                        None => access.push((org, is_read, !is_read)),
                    }
                }
            }
            for (org, read, write) in &access {
                tx.execute(
                    "INSERT INTO collection_access (collection_key, org_id, can_read, can_write)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![key, org, read, write],
                )
                .map_err(backend)?;
            }
            let collection = load_collection(&tx, key, id.clone())?;
            tx.commit().map_err(backend)?;
            Ok(collection)
        })
    }

    fn collections(&self) -> Result<Vec<Collection>, StoreError> {
        self.with_reader(|c| {
            let keys: Vec<(i64, String)> = {
                let mut stmt = c
                    .prepare("SELECT key, id FROM collections ORDER BY key")
                    .map_err(backend)?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(backend)?;
                rows.collect::<Result<_, _>>().map_err(backend)?
            };
            keys.into_iter()
                .map(|(key, id)| load_collection(c, key, id))
                .collect()
        })
    }

    fn collection(&self, id: &str) -> Result<Option<Collection>, StoreError> {
        self.with_reader(|c| {
            let key: Option<i64> = c
                .prepare_cached("SELECT key FROM collections WHERE id = ?1")
                .map_err(backend)?
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(backend)?;
            key.map(|k| load_collection(c, k, id.to_string()))
                .transpose()
        })
    }

    fn add_objects(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add_job(collection_id, objects, status, None)
    }

    fn add_objects_by(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: &Submitter,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add_job(collection_id, objects, status, Some(submitter.clone()))
    }

    fn add_objects_streamed(
        &self,
        collection_id: &str,
        source: &mut dyn VersionSource,
        submitter: &Submitter,
    ) -> Result<(), StoreError> {
        self.stream_versions(collection_id, source, submitter)
    }

    fn submitter(
        &self,
        collection_id: &str,
        object_id: &str,
        version_key: &str,
    ) -> Result<Option<Submitter>, StoreError> {
        self.submitter_of(collection_id, object_id, version_key)
    }

    fn submissions(&self, object_id: &str) -> Result<Vec<Submission>, StoreError> {
        self.submissions_of(object_id)
    }

    fn submitters_of_versions(
        &self,
        collection_id: &str,
        versions: &[StoredVersion],
    ) -> Result<std::collections::HashMap<(String, String), Submitter>, StoreError> {
        self.submitters_by_date(collection_id, versions)
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached("SELECT value FROM settings WHERE key = ?1")
                .map_err(backend)?
                .query_row([key], |r| r.get(0))
                .optional()
                .map_err(backend)
        })
    }

    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        self.with_writer(|c| {
            match value {
                Some(v) => c.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    params![key, v],
                ),
                None => c.execute("DELETE FROM settings WHERE key = ?1", [key]),
            }
            .map_err(backend)?;
            Ok(())
        })
    }

    fn settings_page(
        &self,
        prefix: &str,
        before: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let end = crate::settings_page_end(prefix, before);
        self.with_reader(|c| {
            // A key range on both sides in the statement itself, so the key index is walked
            // backwards from the end of the range and only the page is read, whatever the
            // planner makes of bound values (planned without them, the former
            // `?2 IS NULL OR key < ?2` read every key past the range and every newer one
            // first: 30-50 ms over the 95,806 `watch/seen/` keys of benches/web's store).
            match &end {
                Some(end) => key_values(c, SETTINGS_PAGE, &[&prefix, end, &limit]),
                None => key_values(c, SETTINGS_PAGE_TO_END, &[&prefix, &limit]),
            }
        })
    }

    fn settings(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let end = crate::prefix_end(prefix);
        self.with_reader(|c| {
            // substr rather than LIKE: keys may hold `%` or `_`; the key range (when the
            // prefix has one) keeps it to the prefix's keys instead of the whole table.
            match &end {
                Some(end) => key_values(c, SETTINGS_RANGE, &[&prefix, end]),
                None => key_values(c, SETTINGS_PREFIX, &[&prefix]),
            }
        })
    }

    fn record_scrub(&self, record: &ScrubRecord) -> Result<(), StoreError> {
        self.with_writer(|c| {
            c.execute(
                "INSERT INTO scrub_log (at, collection_id, object_id, org_id, user_id, findings)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    record.at,
                    record.collection_id,
                    record.object_id,
                    record.org_id,
                    record.user_id,
                    record.findings
                ],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn record_scrubs(&self, records: &[ScrubRecord]) -> Result<(), StoreError> {
        self.with_writer(|c| {
            let tx = c.transaction().map_err(backend)?;
            {
                let mut st = tx
                    .prepare_cached(
                        "INSERT INTO scrub_log (at, collection_id, object_id, org_id, user_id, findings)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )
                    .map_err(backend)?;
                for r in records {
                    st.execute(params![
                        r.at,
                        r.collection_id,
                        r.object_id,
                        r.org_id,
                        r.user_id,
                        r.findings
                    ])
                    .map_err(backend)?;
                }
            }
            tx.commit().map_err(backend)
        })
    }

    fn scrub_records(&self, limit: usize) -> Result<Vec<ScrubRecord>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT at, collection_id, object_id, org_id, user_id, findings
                     FROM scrub_log ORDER BY seq DESC LIMIT ?1",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map([limit.min(i64::MAX as usize) as i64], |r| {
                    Ok(ScrubRecord {
                        at: r.get(0)?,
                        collection_id: r.get(1)?,
                        object_id: r.get(2)?,
                        org_id: r.get(3)?,
                        user_id: r.get(4)?,
                        findings: r.get(5)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn sightings_of(
        &self,
        collection_id: &str,
        indicator_id: &str,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        self.sightings(collection_id, indicator_id, None)
    }

    fn sightings_newest(
        &self,
        collection_id: &str,
        indicator_id: &str,
        limit: usize,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        self.sightings(collection_id, indicator_id, Some(limit))
    }

    fn count_objects(&self, collection_id: &str) -> Result<u64, StoreError> {
        self.count_latest(collection_id)
    }

    fn change_count(&self, collection_id: &str) -> Result<Option<ChangeCount>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached("SELECT last_date_added, changes FROM collections WHERE id = ?1")
                .map_err(backend)?
                .query_row([collection_id], |r| {
                    Ok(ChangeCount {
                        added: r.get(0)?,
                        removed: r.get(1)?,
                    })
                })
                .optional()
                .map_err(backend)?
                .map(Some)
                .ok_or_else(|| StoreError::UnknownCollection(collection_id.to_string()))
        })
    }

    fn query_objects(&self, collection_id: &str, query: &ObjectQuery) -> Result<Page, StoreError> {
        self.page(collection_id, query)
    }

    fn delete_object(
        &self,
        collection_id: &str,
        object_id: &str,
        versions: &VersionSelect,
        spec_versions: &[String],
    ) -> Result<usize, StoreError> {
        self.delete_versions(collection_id, object_id, versions, spec_versions)
    }

    fn put_status(&self, status: &StatusRecord) -> Result<(), StoreError> {
        let body = status.to_json()?;
        self.with_writer(|c| {
            c.execute(
                "INSERT OR REPLACE INTO statuses (id, request_timestamp, body) VALUES (?1, ?2, ?3)",
                params![status.id, status.request_timestamp, body],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn statuses(&self) -> Result<Vec<StatusRecord>, StoreError> {
        let bodies: Vec<String> = self.with_reader(|c| {
            let mut st = c
                .prepare_cached("SELECT body FROM statuses ORDER BY request_timestamp, id")
                .map_err(backend)?;
            let rows = st.query_map([], |r| r.get(0)).map_err(backend)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(backend)
        })?;
        bodies
            .iter()
            .map(|b| {
                serde_json::from_str(b).map_err(|e| StoreError::Corrupt {
                    what: "a status resource".into(),
                    detail: e.to_string(),
                })
            })
            .collect()
    }

    fn pending_statuses(&self, after: i64, before: i64) -> Result<Vec<StatusRecord>, StoreError> {
        let bodies: Vec<String> = self.with_reader(|c| {
            let mut st = c
                .prepare_cached(
                    "SELECT body FROM statuses
                     WHERE request_timestamp < ?1 AND request_timestamp >= ?2
                       AND json_extract(body, '$.status') = 'pending'
                     ORDER BY request_timestamp, id",
                )
                .map_err(backend)?;
            let rows = st
                .query_map([before, after], |r| r.get(0))
                .map_err(backend)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(backend)
        })?;
        bodies
            .iter()
            .map(|b| {
                serde_json::from_str(b).map_err(|e| StoreError::Corrupt {
                    what: "a status resource".into(),
                    detail: e.to_string(),
                })
            })
            .collect()
    }

    fn status(&self, id: &str) -> Result<Option<StatusRecord>, StoreError> {
        let body: Option<String> = self.with_reader(|c| {
            c.prepare_cached("SELECT body FROM statuses WHERE id = ?1")
                .map_err(backend)?
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(backend)
        })?;
        body.map(|b| {
            serde_json::from_str(&b).map_err(|e| StoreError::Corrupt {
                what: format!("status {id}"),
                detail: e.to_string(),
            })
        })
        .transpose()
    }

    fn size_bytes(&self) -> Result<Option<u64>, StoreError> {
        // The WAL holds commits not yet checkpointed: it is part of what the store takes.
        let mut wal = self.path.as_os_str().to_os_string();
        wal.push("-wal");
        let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        Ok(Some(size(&self.path) + size(std::path::Path::new(&wal))))
    }
}

/// The `(key, value)` rows of one of the settings statements below.
fn key_values(
    c: &rusqlite::Connection,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = c.prepare_cached(sql).map_err(backend)?;
    let rows = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

/// Settings under `?1` below `?2`, newest key first, `?3` at most.
const SETTINGS_PAGE: &str = "SELECT key, value FROM settings
     WHERE key >= ?1 AND key < ?2 AND substr(key, 1, length(?1)) = ?1
     ORDER BY key DESC LIMIT ?3";
/// The same for a prefix without a key range ([`crate::prefix_end`] is `None`).
const SETTINGS_PAGE_TO_END: &str = "SELECT key, value FROM settings
     WHERE key >= ?1 AND substr(key, 1, length(?1)) = ?1
     ORDER BY key DESC LIMIT ?2";
/// Every setting under `?1` (below `?2`, the end of its range), by key.
const SETTINGS_RANGE: &str = "SELECT key, value FROM settings
     WHERE key >= ?1 AND key < ?2 AND substr(key, 1, length(?1)) = ?1 ORDER BY key";
const SETTINGS_PREFIX: &str =
    "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key";

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of a long list of settings (a year of alerts) is read from where it starts:
    /// SQLite's plan bounds the key index on both sides, for the list and for one page.
    #[test]
    fn settings_queries_walk_only_their_key_range() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        for sql in [SETTINGS_PAGE, SETTINGS_RANGE] {
            let plan = store
                .with_reader(|c| {
                    let mut stmt = c
                        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                        .map_err(backend)?;
                    let args = ["watch/alert/", "watch/alert0", "50"];
                    let n = stmt.parameter_count();
                    let rows = stmt
                        .query_map(rusqlite::params_from_iter(&args[..n]), |r| {
                            r.get::<_, String>(3)
                        })
                        .map_err(backend)?;
                    rows.collect::<Result<Vec<_>, _>>().map_err(backend)
                })
                .unwrap()
                .join("; ");
            assert!(plan.contains("key>? AND key<?"), "{sql}: {plan}");
        }
    }
}
