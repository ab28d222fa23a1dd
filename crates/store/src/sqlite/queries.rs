//! The readers: pages of object versions and manifests, counts, sightings, submitters, and
//! the `match[...]` conditions the page and delete statements share.

use rusqlite::{params, params_from_iter, OptionalExtension};

use super::{backend, collection_key, SqliteStore};
use crate::model::*;
use crate::StoreError;

impl SqliteStore {
    pub(super) fn submitter_of(
        &self,
        collection_id: &str,
        object_id: &str,
        version_key: &str,
    ) -> Result<Option<Submitter>, StoreError> {
        self.with_reader(|c| {
            c.prepare_cached(
                "SELECT s.org_id, s.user_id FROM collections c
                 JOIN objects o ON o.collection_key = c.key
                 JOIN submitters s ON s.collection_key = o.collection_key
                      AND s.date_added = o.date_added
                 WHERE c.id = ?1 AND o.id = ?2 AND o.version_key = ?3",
            )
            .map_err(backend)?
            .query_row(params![collection_id, object_id, version_key], |r| {
                Ok(Submitter {
                    org_id: r.get(0)?,
                    user_id: r.get(1)?,
                })
            })
            .optional()
            .map_err(backend)
        })
    }

    /// Who posted each of `versions` (read from the collection just now): one seek each in
    /// `submitters` by the version's own `date_added`, on one connection.
    pub(super) fn submitters_by_date(
        &self,
        collection_id: &str,
        versions: &[StoredVersion],
    ) -> Result<std::collections::HashMap<(String, String), Submitter>, StoreError> {
        self.with_reader(|c| {
            let key = collection_key(c, collection_id)?;
            let mut stmt = c
                .prepare_cached(
                    "SELECT s.org_id, s.user_id FROM objects o
                     JOIN submitters s ON s.collection_key = o.collection_key
                          AND s.date_added = o.date_added
                     WHERE o.collection_key = ?1 AND o.id = ?2 AND o.version_key = ?3",
                )
                .map_err(backend)?;
            let mut out = std::collections::HashMap::new();
            for v in versions {
                let by = stmt
                    .query_row(params![key, v.id, v.version_key], |r| {
                        Ok(Submitter {
                            org_id: r.get(0)?,
                            user_id: r.get(1)?,
                        })
                    })
                    .optional()
                    .map_err(backend)?;
                if let Some(by) = by {
                    out.insert((v.id.clone(), v.version_key.clone()), by);
                }
            }
            Ok(out)
        })
    }

    pub(super) fn submissions_of(&self, object_id: &str) -> Result<Vec<Submission>, StoreError> {
        self.with_reader(|c| {
            let mut stmt = c
                .prepare_cached(
                    // CROSS JOIN keeps collections the outer loop: one primary-key seek
                    // per collection instead of a scan of every submission.
                    "SELECT c.id, o.id, o.version_key, s.org_id, s.user_id
                     FROM collections c CROSS JOIN objects o CROSS JOIN submitters s
                     WHERE o.collection_key = c.key AND o.id = ?1
                       AND s.collection_key = o.collection_key AND s.date_added = o.date_added
                     ORDER BY c.id, o.version_key",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map([object_id], |r| {
                    Ok(Submission {
                        collection_id: r.get(0)?,
                        object_id: r.get(1)?,
                        version: r.get(2)?,
                        org_id: r.get(3)?,
                        user_id: r.get(4)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    pub(super) fn sightings(
        &self,
        collection_id: &str,
        indicator_id: &str,
        newest: Option<usize>,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        self.with_reader(|c| {
            let key = collection_key(c, collection_id)?;
            // Named to use the partial index `objects_sighting_of`: with a LIMIT and the
            // order by date, SQLite's planner otherwise walks `objects_last_by_date` (every
            // latest version of the collection, 700,000 at 1M, for ~1,750 sightings).
            // `newest` reads the newest additions first and stops after that many (-1: no
            // limit).
            let order = match newest {
                Some(_) => "ORDER BY o.date_added DESC, o.id DESC LIMIT ?3",
                None => "ORDER BY o.date_added, o.id LIMIT ?3",
            };
            let limit = newest.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT o.id, o.type, o.spec_version, o.version, o.version_key,
                            o.date_added, o.json, s.org_id, s.user_id
                     FROM objects o INDEXED BY objects_sighting_of
                     LEFT JOIN submitters s ON s.collection_key = o.collection_key
                          AND s.date_added = o.date_added
                     WHERE o.collection_key = ?1 AND o.type = 'sighting'
                       AND json_extract(o.json, '$.sighting_of_ref') = ?2
                       AND o.is_last = 1
                     {order}"
                ))
                .map_err(backend)?;
            let rows = stmt
                .query_map(params![key, indicator_id, limit], |r| {
                    let org: Option<String> = r.get(7)?;
                    let user: Option<String> = r.get(8)?;
                    Ok(SightingRecord {
                        version: stored_version(r)?,
                        submitter: org.map(|org_id| Submitter {
                            org_id,
                            user_id: user.unwrap_or_default(),
                        }),
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    pub(super) fn count_latest(&self, collection_id: &str) -> Result<u64, StoreError> {
        self.with_reader(|c| {
            let key = collection_key(c, collection_id)?;
            c.prepare_cached(
                "SELECT count(*) FROM objects WHERE collection_key = ?1 AND is_last = 1",
            )
            .map_err(backend)?
            .query_row([key], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(backend)
        })
    }

    pub(super) fn page(
        &self,
        collection_id: &str,
        query: &ObjectQuery,
    ) -> Result<Page, StoreError> {
        self.with_reader(|c| {
            let key = collection_key(c, collection_id)?;
            let (sql, args) = page_sql(key, query);
            let limit = query.limit.max(1);
            let mut stmt = c.prepare_cached(&sql).map_err(backend)?;
            let rows = stmt
                .query_map(params_from_iter(args), stored_version)
                .map_err(backend)?;
            let mut items: Vec<StoredVersion> = rows.collect::<Result<_, _>>().map_err(backend)?;
            let more = items.len() > limit;
            items.truncate(limit);
            Ok(Page { items, more })
        })
    }
}

/// The statement of one page of `query` over the collection `key`, and its arguments.
fn page_sql(key: i64, query: &ObjectQuery) -> (String, Vec<rusqlite::types::Value>) {
    let mut sql = String::from(
        "SELECT id, type, spec_version, version, version_key, date_added, json FROM objects",
    );
    if !query.ids.is_empty() {
        // Left alone, the planner walks a date index over the whole collection to
        // find a few ids; the primary key (collection_key, id, version_key) finds
        // them directly. SQLite names a table's first key index `_1`.
        sql.push_str(" INDEXED BY sqlite_autoindex_objects_1");
    } else if query.types.len() == 1 && query.versions == VersionSelect::last() {
        // Latest versions of one type: the type index is a range in date order; left
        // alone, the planner walks the date index and tests every row's type, over the
        // whole collection when the type is rare or absent (0.7 s at 700,000 objects).
        sql.push_str(" INDEXED BY objects_last_by_type");
    }
    sql.push_str(" WHERE collection_key = ?");
    let mut args: Vec<rusqlite::types::Value> = vec![key.into()];
    push_in(&mut sql, &mut args, "id", &query.ids);
    push_in(&mut sql, &mut args, "type", &query.types);
    push_in(&mut sql, &mut args, "spec_version", &query.spec_versions);
    push_versions(&mut sql, &mut args, &query.versions);
    if let Some(after) = query.added_after {
        sql.push_str(" AND date_added > ?");
        args.push(after.into());
    }
    if let Some(p) = &query.after {
        sql.push_str(" AND (date_added, id, version_key) > (?, ?, ?)");
        args.push(p.date_added.into());
        args.push(p.id.clone().into());
        args.push(p.version.clone().into());
    }
    sql.push_str(" ORDER BY date_added, id, version_key LIMIT ?");
    args.push((query.limit.max(1) as i64 + 1).into());
    (sql, args)
}

/// Appends `AND <column> IN (?, ?, ...)` for a non-empty list.
/// A version from the first seven columns of a row (`id, type, spec_version, version,
/// version_key, date_added, json`), in the order every version query selects them.
fn stored_version(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredVersion> {
    Ok(StoredVersion {
        id: r.get(0)?,
        object_type: r.get(1)?,
        spec_version: r.get(2)?,
        version: r.get(3)?,
        version_key: r.get(4)?,
        date_added: r.get(5)?,
        json: r.get(6)?,
    })
}

pub(super) fn push_in(
    sql: &mut String,
    args: &mut Vec<rusqlite::types::Value>,
    column: &str,
    values: &[String],
) {
    if values.is_empty() {
        return;
    }
    sql.push_str(" AND ");
    sql.push_str(column);
    sql.push_str(" IN (");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            sql.push(',');
        }
        sql.push('?');
        args.push(v.clone().into());
    }
    sql.push(')');
}

/// Appends the `match[version]` condition; nothing when every version is wanted.
pub(super) fn push_versions(
    sql: &mut String,
    args: &mut Vec<rusqlite::types::Value>,
    v: &VersionSelect,
) {
    if v.all {
        return;
    }
    let mut parts = Vec::new();
    if v.last {
        parts.push("is_last = 1".to_string());
    }
    if v.first {
        parts.push("is_first = 1".to_string());
    }
    if !v.at.is_empty() {
        let marks = vec!["?"; v.at.len()].join(",");
        parts.push(format!("version_key IN ({marks})"));
        for at in &v.at {
            args.push(at.clone().into());
        }
    }
    if parts.is_empty() {
        // An empty selection selects nothing rather than everything.
        sql.push_str(" AND 0");
    } else {
        sql.push_str(" AND (");
        sql.push_str(&parts.join(" OR "));
        sql.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sqlite::SqliteStore;

    /// SQLite's plan of a page `query` asks for.
    fn plan_of(query: &ObjectQuery) -> String {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let (sql, args) = page_sql(1, query);
        store
            .with_reader(|c| {
                let mut stmt = c
                    .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                    .map_err(backend)?;
                let rows = stmt
                    .query_map(params_from_iter(args), |r| r.get::<_, String>(3))
                    .map_err(backend)?;
                rows.collect::<Result<Vec<_>, _>>().map_err(backend)
            })
            .unwrap()
            .join("; ")
    }

    /// A page of one type's latest versions reads that type's entries from the cursor on,
    /// however rare the type: never every object of the collection to find a few or none.
    #[test]
    fn a_page_of_one_type_is_a_range_of_the_type_index() {
        let mut query = ObjectQuery {
            types: vec!["grouping".into()],
            limit: 50,
            ..ObjectQuery::default()
        };
        let first = plan_of(&query);
        assert!(first.contains("objects_last_by_type"), "{first}");
        query.after = Some(crate::Position {
            date_added: 5,
            id: "grouping--1".into(),
            version: "v".into(),
        });
        query.added_after = Some(3);
        let later = plan_of(&query);
        assert!(later.contains("objects_last_by_type"), "{later}");
        // Without a type, the date index as before.
        query.types.clear();
        assert!(plan_of(&query).contains("objects_last_by_date"));
    }
}
