//! [`Store`] on PostgreSQL: members, tokens, collections, settings, the scrub record and
//! status resources here; adding and deleting versions in [`super::writer`], reading them in
//! [`super::queries`].

use ward_store::credentials::random_secret;
use ward_store::{
    AddOutcome, ChangeCount, Collection, MemberChange, MemberOutcome, NewCollection, NewVersion,
    ObjectQuery, Org, Page, ScrubRecord, SightingRecord, StatusRecord, Store, StoreError,
    StoredVersion, Submission, Submitter, TokenRecord, User, VersionSelect,
};

use super::{
    collections_from, insert_access, insert_scrub, is_unique_violation, new_id, now_micros,
    org_id_by_name, upsert_setting, upsert_status, user_from_row, USER_COLUMNS,
};
use crate::pool::prepared;
use crate::{backend, PgStore};

impl Store for PgStore {
    fn ping(&self) -> Result<(), StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(s, c, "SELECT 1")?;
            c.query_one(&st, &[]).map(|_| ()).map_err(backend)
        })
    }

    fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        let fresh = random_secret()?;
        self.with_conn(|c, _| {
            // Several processes may start at once: the first insert wins, all read it back.
            c.execute(
                "INSERT INTO secrets (name, value) VALUES ('cursor', $1) ON CONFLICT DO NOTHING",
                &[&fresh],
            )
            .map_err(backend)?;
            c.query_one("SELECT value FROM secrets WHERE name = 'cursor'", &[])
                .and_then(|r| r.try_get(0))
                .map_err(backend)
        })
    }

    fn add_org(&self, name: &str) -> Result<Org, StoreError> {
        let org = Org {
            id: new_id(),
            name: name.to_string(),
        };
        self.with_conn(|c, _| {
            c.execute(
                "INSERT INTO orgs (id, name, created) VALUES ($1, $2, $3)",
                &[&org.id, &org.name, &now_micros()],
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
        self.with_conn(|c, _| {
            c.query("SELECT id, name FROM orgs ORDER BY name", &[])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(Org {
                        id: r.try_get(0).map_err(backend)?,
                        name: r.try_get(1).map_err(backend)?,
                    })
                })
                .collect()
        })
    }

    fn add_user(
        &self,
        org_name: &str,
        name: &str,
        password_hash: Option<&str>,
    ) -> Result<User, StoreError> {
        self.with_conn(|c, _| {
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
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    &user.id,
                    &user.org_id,
                    &user.name,
                    &user.password_hash,
                    &now_micros(),
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
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                &format!(
                    "SELECT {USER_COLUMNS} WHERE u.name = $1 AND NOT u.disabled AND NOT o.disabled"
                ),
            )?;
            c.query_opt(&st, &[&name])
                .map_err(backend)?
                .map(|r| user_from_row(&r))
                .transpose()
        })
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.with_conn(|c, _| {
            c.query(&format!("SELECT {USER_COLUMNS} ORDER BY u.name"), &[])
                .map_err(backend)?
                .iter()
                .map(user_from_row)
                .collect()
        })
    }

    fn add_token_expiring(
        &self,
        user_name: &str,
        token_hash: &str,
        label: &str,
        expires: Option<i64>,
    ) -> Result<(), StoreError> {
        self.with_conn(|c, _| {
            let user_id: String = c
                .query_opt("SELECT id FROM users WHERE name = $1", &[&user_name])
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()?
                .ok_or_else(|| StoreError::UnknownUser(user_name.to_string()))?;
            c.execute(
                "INSERT INTO tokens (hash, user_id, label, created, expires)
                 VALUES ($1, $2, $3, $4, $5)",
                &[&token_hash, &user_id, &label, &now_micros(), &expires],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT hash, user_id, label, created, expires, last_used FROM tokens
                 ORDER BY created, hash",
            )?;
            c.query(&st, &[])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(TokenRecord {
                        hash: r.try_get(0).map_err(backend)?,
                        user_id: r.try_get(1).map_err(backend)?,
                        label: r.try_get(2).map_err(backend)?,
                        created: r.try_get(3).map_err(backend)?,
                        expires: r.try_get(4).map_err(backend)?,
                        last_used: r.try_get(5).map_err(backend)?,
                    })
                })
                .collect()
        })
    }

    fn user_by_token(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                &format!(
                    "SELECT {USER_COLUMNS} JOIN tokens t ON t.user_id = u.id
                     WHERE t.hash = $1 AND (t.expires IS NULL OR t.expires > $2) AND NOT u.disabled AND NOT o.disabled"
                ),
            )?;
            c.query_opt(&st, &[&token_hash, &now_micros()])
                .map_err(backend)?
                .map(|r| user_from_row(&r))
                .transpose()
        })
    }

    fn revoke_token(&self, token_hash: &str) -> Result<bool, StoreError> {
        self.with_conn(|c, _| {
            c.execute("DELETE FROM tokens WHERE hash = $1", &[&token_hash])
                .map(|n| n > 0)
                .map_err(backend)
        })
    }

    fn touch_token(&self, token_hash: &str, at: i64) -> Result<(), StoreError> {
        self.with_conn(|c, _| {
            c.execute(
                "UPDATE tokens SET last_used = $2 WHERE hash = $1",
                &[&token_hash, &at],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn set_password(&self, user_name: &str, password_hash: Option<&str>) -> Result<(), StoreError> {
        self.with_conn(|c, _| {
            let changed = c
                .execute(
                    "UPDATE users SET password_hash = $2 WHERE name = $1",
                    &[&user_name, &password_hash],
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
        self.with_conn(|c, _| {
            let mut ids = |sql: &str| -> Result<Vec<String>, StoreError> {
                c.query(sql, &[])
                    .map_err(backend)?
                    .iter()
                    .map(|r| r.try_get(0).map_err(backend))
                    .collect()
            };
            Ok((
                ids("SELECT id FROM orgs WHERE disabled ORDER BY id")?,
                ids("SELECT id FROM users WHERE disabled ORDER BY id")?,
            ))
        })
    }

    fn rewrite_versions(
        &self,
        collection_id: &str,
        versions: &[(String, String, String)],
    ) -> Result<usize, StoreError> {
        self.with_conn(|c, _| {
            let mut tx = c.transaction().map_err(backend)?;
            let key: i64 = tx
                .query_opt(
                    "SELECT key FROM collections WHERE id = $1",
                    &[&collection_id],
                )
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()?
                .ok_or_else(|| StoreError::UnknownCollection(collection_id.to_string()))?;
            let mut replaced = 0;
            for (id, version_key, json) in versions {
                let doc = super::doc_override(json);
                replaced += tx
                    .execute(
                        "UPDATE objects SET raw = $4, doc = coalesce($5, $4)::jsonb
                         WHERE collection_key = $1 AND id = $2 AND version_key = $3",
                        &[&key, id, version_key, json, &doc],
                    )
                    .map_err(backend)?;
            }
            if replaced > 0 {
                tx.execute(
                    "UPDATE collections SET changes = changes + 1 WHERE key = $1",
                    &[&key],
                )
                .map_err(backend)?;
            }
            tx.commit().map_err(backend)?;
            Ok(usize::try_from(replaced).unwrap_or(usize::MAX))
        })
    }

    fn create_collection(&self, new: &NewCollection) -> Result<Collection, StoreError> {
        let id = new_id();
        self.with_conn(|c, _| {
            let mut tx = c.transaction().map_err(backend)?;
            let mut access: Vec<(String, bool, bool)> = Vec::new();
            for (names, is_read) in [(&new.readers, true), (&new.writers, false)] {
                for name in names {
                    let org = org_id_by_name(&mut tx, name)?;
                    match access.iter_mut().find(|a| a.0 == org) {
                        Some(a) if is_read => a.1 = true,
                        Some(a) => a.2 = true,
                        None => access.push((org, is_read, !is_read)),
                    }
                }
            }
            let key: i64 = tx
                .query_one(
                    "INSERT INTO collections (id, title, description, created)
                     VALUES ($1, $2, $3, $4) RETURNING key",
                    &[&id, &new.title, &new.description, &now_micros()],
                )
                .and_then(|r| r.try_get(0))
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
            insert_access(&mut tx, key, &access)?;
            let rows = tx
                .query(
                    "SELECT key, id, title, description FROM collections WHERE key = $1",
                    &[&key],
                )
                .map_err(backend)?;
            let collection = collections_from(&mut tx, rows)?
                .pop()
                .ok_or_else(|| StoreError::UnknownCollection(id.clone()))?;
            tx.commit().map_err(backend)?;
            Ok(collection)
        })
    }

    fn collections(&self) -> Result<Vec<Collection>, StoreError> {
        self.with_conn(|c, _| {
            let rows = c
                .query(
                    "SELECT key, id, title, description FROM collections ORDER BY key",
                    &[],
                )
                .map_err(backend)?;
            collections_from(c, rows)
        })
    }

    fn collection(&self, id: &str) -> Result<Option<Collection>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT key, id, title, description FROM collections WHERE id = $1",
            )?;
            let rows = c.query(&st, &[&id]).map_err(backend)?;
            Ok(collections_from(c, rows)?.pop())
        })
    }

    fn add_objects(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add(collection_id, objects, status, None)
    }

    fn add_objects_by(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: &Submitter,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        self.add(collection_id, objects, status, Some(submitter))
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

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(s, c, "SELECT value FROM settings WHERE key = $1")?;
            c.query_opt(&st, &[&key])
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()
        })
    }

    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        self.with_conn(|c, s| upsert_setting(c, s, key, value))
    }

    fn settings(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        // starts_with rather than LIKE: keys may hold `%` or `_`; the key range (byte
        // order: the column is COLLATE "C") lets the primary key find the prefix's keys.
        self.with_conn(|c, s| {
            let rows = match ward_store::prefix_end(prefix) {
                Some(end) => {
                    let st = prepared(
                        s,
                        c,
                        "SELECT key, value FROM settings
                         WHERE key >= $1 AND key < $2 AND starts_with(key, $1) ORDER BY key",
                    )?;
                    c.query(&st, &[&prefix, &end])
                }
                None => {
                    let st = prepared(
                        s,
                        c,
                        "SELECT key, value FROM settings WHERE starts_with(key, $1) ORDER BY key",
                    )?;
                    c.query(&st, &[&prefix])
                }
            };
            key_values(rows.map_err(backend)?)
        })
    }

    fn settings_page(
        &self,
        prefix: &str,
        before: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.with_conn(|c, s| {
            // Read backwards from the end of the range: one page, never the whole list.
            let rows = match ward_store::settings_page_end(prefix, before) {
                Some(end) => {
                    let st = prepared(
                        s,
                        c,
                        "SELECT key, value FROM settings
                         WHERE key >= $1 AND key < $2 AND starts_with(key, $1)
                         ORDER BY key DESC LIMIT $3",
                    )?;
                    c.query(&st, &[&prefix, &end, &limit])
                }
                None => {
                    let st = prepared(
                        s,
                        c,
                        "SELECT key, value FROM settings WHERE key >= $1 AND starts_with(key, $1)
                         ORDER BY key DESC LIMIT $2",
                    )?;
                    c.query(&st, &[&prefix, &limit])
                }
            };
            key_values(rows.map_err(backend)?)
        })
    }

    fn record_scrub(&self, record: &ScrubRecord) -> Result<(), StoreError> {
        self.with_conn(|c, s| insert_scrub(c, s, record))
    }

    fn scrub_records(&self, limit: usize) -> Result<Vec<ScrubRecord>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT at, collection_id, object_id, org_id, user_id, findings
                 FROM scrub_log ORDER BY seq DESC LIMIT $1",
            )?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            c.query(&st, &[&limit])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(ScrubRecord {
                        at: r.try_get(0).map_err(backend)?,
                        collection_id: r.try_get(1).map_err(backend)?,
                        object_id: r.try_get(2).map_err(backend)?,
                        org_id: r.try_get(3).map_err(backend)?,
                        user_id: r.try_get(4).map_err(backend)?,
                        findings: r.try_get(5).map_err(backend)?,
                    })
                })
                .collect()
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
        self.with_conn(|c, _| {
            c.query_opt(
                "SELECT last_date_added, changes FROM collections WHERE id = $1",
                &[&collection_id],
            )
            .map_err(backend)?
            .map(|r| -> Result<ChangeCount, StoreError> {
                Ok(ChangeCount {
                    added: r.try_get(0).map_err(backend)?,
                    removed: r.try_get(1).map_err(backend)?,
                })
            })
            .transpose()?
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
        self.with_conn(|c, s| upsert_status(c, s, status, &body))
    }

    fn statuses(&self) -> Result<Vec<StatusRecord>, StoreError> {
        let bodies: Vec<String> = self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT body FROM statuses ORDER BY request_timestamp, id",
            )?;
            c.query(&st, &[])
                .map_err(backend)?
                .iter()
                .map(|r| r.try_get(0).map_err(backend))
                .collect()
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
        // The body is text (see the schema); a pending status is rare, and the hub asks
        // for the statuses of one minute at a time after its first sweep.
        let bodies: Vec<String> = self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT body FROM statuses
                 WHERE request_timestamp < $1 AND request_timestamp >= $2 AND body LIKE '%\"status\":\"pending\"%'
                 ORDER BY request_timestamp, id",
            )?;
            c.query(&st, &[&before, &after])
                .map_err(backend)?
                .iter()
                .map(|r| r.try_get(0).map_err(backend))
                .collect()
        })?;
        bodies
            .iter()
            .map(|b| serde_json::from_str::<StatusRecord>(b))
            .filter(|r| !matches!(r, Ok(s) if s.status != ward_store::StatusState::Pending))
            .map(|r| {
                r.map_err(|e| StoreError::Corrupt {
                    what: "a status resource".into(),
                    detail: e.to_string(),
                })
            })
            .collect()
    }

    fn status(&self, id: &str) -> Result<Option<StatusRecord>, StoreError> {
        let body: Option<String> = self.with_conn(|c, s| {
            let st = prepared(s, c, "SELECT body FROM statuses WHERE id = $1")?;
            c.query_opt(&st, &[&id])
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()
        })?;
        body.map(|b| {
            serde_json::from_str(&b).map_err(|e| StoreError::Corrupt {
                what: format!("status {id}"),
                detail: e.to_string(),
            })
        })
        .transpose()
    }

    fn submitters_of_versions(
        &self,
        collection_id: &str,
        versions: &[StoredVersion],
    ) -> Result<std::collections::HashMap<(String, String), Submitter>, StoreError> {
        self.submitters_of(collection_id, versions)
    }

    fn size_bytes(&self) -> Result<Option<u64>, StoreError> {
        let size: i64 = self.with_conn(|c, s| {
            let st = prepared(s, c, "SELECT pg_database_size(current_database())")?;
            c.query_one(&st, &[])
                .map_err(backend)?
                .try_get(0)
                .map_err(backend)
        })?;
        Ok(Some(size.max(0) as u64))
    }
}

/// `(key, value)` rows as pairs.
fn key_values(rows: Vec<postgres::Row>) -> Result<Vec<(String, String)>, StoreError> {
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get(0).map_err(backend)?,
                r.try_get(1).map_err(backend)?,
            ))
        })
        .collect()
}
