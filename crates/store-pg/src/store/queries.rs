//! The readers: pages of object versions and manifests, counts, sightings, submitters, and
//! the `match[...]` conditions the page and delete statements share.

use std::collections::HashMap;

use postgres::types::ToSql;
use ward_store::{
    ObjectQuery, Page, SightingRecord, StoreError, StoredVersion, Submission, Submitter,
    VersionSelect,
};

use super::{stored_version, Param};
use crate::pool::prepared;
use crate::{backend, PgStore};

/// Appends `AND <column> = ANY($n)` for a non-empty list.
pub(super) fn push_any(sql: &mut String, params: &mut Vec<Param>, column: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    params.push(Box::new(values.to_vec()));
    sql.push_str(&format!(" AND {column} = ANY(${})", params.len()));
}

/// Appends the `match[version]` condition; nothing when every version is wanted. A lone
/// `is_last` is written bare so that the partial index on latest versions applies.
pub(super) fn push_versions(sql: &mut String, params: &mut Vec<Param>, v: &VersionSelect) {
    if v.all {
        return;
    }
    let mut parts = Vec::new();
    if v.last {
        parts.push("is_last".to_string());
    }
    if v.first {
        parts.push("is_first".to_string());
    }
    if !v.at.is_empty() {
        params.push(Box::new(v.at.clone()));
        parts.push(format!("version_key = ANY(${})", params.len()));
    }
    match parts.len() {
        // An empty selection selects nothing rather than everything.
        0 => sql.push_str(" AND false"),
        1 => {
            sql.push_str(" AND ");
            sql.push_str(&parts[0]);
        }
        _ => {
            sql.push_str(" AND (");
            sql.push_str(&parts.join(" OR "));
            sql.push(')');
        }
    }
}

pub(super) fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref() as _).collect()
}

impl PgStore {
    /// The recorded submitters of `versions` of collection `collection_id`, by (id, version
    /// key); one query for the lot.
    pub(crate) fn submitters_of(
        &self,
        collection_id: &str,
        versions: &[StoredVersion],
    ) -> Result<HashMap<(String, String), Submitter>, StoreError> {
        let ids: Vec<&str> = versions.iter().map(|v| v.id.as_str()).collect();
        let keys: Vec<&str> = versions.iter().map(|v| v.version_key.as_str()).collect();
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            let st = prepared(
                s,
                c,
                "SELECT s.id, s.version_key, s.org_id, s.user_id FROM submissions s
                 JOIN unnest($2::text[], $3::text[]) AS u(id, vk)
                   ON s.id = u.id AND s.version_key = u.vk
                 WHERE s.collection_key = $1",
            )?;
            let mut out = HashMap::new();
            for r in c.query(&st, &[&key, &ids, &keys]).map_err(backend)? {
                out.insert(
                    (
                        r.try_get(0).map_err(backend)?,
                        r.try_get(1).map_err(backend)?,
                    ),
                    Submitter {
                        org_id: r.try_get(2).map_err(backend)?,
                        user_id: r.try_get(3).map_err(backend)?,
                    },
                );
            }
            Ok(out)
        })
    }

    pub(super) fn submitter_of(
        &self,
        collection_id: &str,
        object_id: &str,
        version_key: &str,
    ) -> Result<Option<Submitter>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                "SELECT s.org_id, s.user_id FROM submissions s
                 JOIN collections c ON c.key = s.collection_key
                 WHERE c.id = $1 AND s.id = $2 AND s.version_key = $3",
            )?;
            c.query_opt(&st, &[&collection_id, &object_id, &version_key])
                .map_err(backend)?
                .map(|r| {
                    Ok(Submitter {
                        org_id: r.try_get(0).map_err(backend)?,
                        user_id: r.try_get(1).map_err(backend)?,
                    })
                })
                .transpose()
        })
    }

    pub(super) fn submissions_of(&self, object_id: &str) -> Result<Vec<Submission>, StoreError> {
        self.with_conn(|c, s| {
            let st = prepared(
                s,
                c,
                r#"SELECT c.id, s.id, s.version_key, s.org_id, s.user_id FROM submissions s
                   JOIN collections c ON c.key = s.collection_key
                   WHERE s.id = $1 ORDER BY c.id COLLATE "C", s.version_key"#,
            )?;
            c.query(&st, &[&object_id])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    Ok(Submission {
                        collection_id: r.try_get(0).map_err(backend)?,
                        object_id: r.try_get(1).map_err(backend)?,
                        version: r.try_get(2).map_err(backend)?,
                        org_id: r.try_get(3).map_err(backend)?,
                        user_id: r.try_get(4).map_err(backend)?,
                    })
                })
                .collect()
        })
    }

    pub(super) fn sightings(
        &self,
        collection_id: &str,
        indicator_id: &str,
        newest: Option<usize>,
    ) -> Result<Vec<SightingRecord>, StoreError> {
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            // Written to match the partial expression index `objects_sighting_of`; `newest`
            // reads the newest additions first and stops after that many (NULL: no limit).
            let sql = match newest {
                Some(_) => SIGHTINGS_NEWEST,
                None => SIGHTINGS_ALL,
            };
            let st = prepared(s, c, sql)?;
            let limit = newest.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
            c.query(&st, &[&key, &indicator_id, &limit])
                .map_err(backend)?
                .iter()
                .map(|r| {
                    let org: Option<String> = r.try_get(7).map_err(backend)?;
                    let user: Option<String> = r.try_get(8).map_err(backend)?;
                    Ok(SightingRecord {
                        version: stored_version(r)?,
                        submitter: org.map(|org_id| Submitter {
                            org_id,
                            user_id: user.unwrap_or_default(),
                        }),
                    })
                })
                .collect()
        })
    }

    pub(super) fn count_latest(&self, collection_id: &str) -> Result<u64, StoreError> {
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            let st = prepared(
                s,
                c,
                "SELECT count(*) FROM objects WHERE collection_key = $1 AND is_last",
            )?;
            let n: i64 = c
                .query_one(&st, &[&key])
                .and_then(|r| r.try_get(0))
                .map_err(backend)?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }

    pub(super) fn page(
        &self,
        collection_id: &str,
        query: &ObjectQuery,
    ) -> Result<Page, StoreError> {
        self.with_conn(|c, s| {
            let key = self.collection_key(c, s, collection_id)?;
            let mut sql = String::from(
                "SELECT id, type, spec_version, version, version_key, date_added, raw
                 FROM objects WHERE collection_key = $1",
            );
            let mut params: Vec<Param> = vec![Box::new(key)];
            push_any(&mut sql, &mut params, "id", &query.ids);
            if let [one] = query.types.as_slice() {
                // Equality (not `= ANY`) lets the per-type index deliver rows in order.
                params.push(Box::new(one.clone()));
                sql.push_str(&format!(" AND type = ${}", params.len()));
            } else {
                push_any(&mut sql, &mut params, "type", &query.types);
            }
            push_any(&mut sql, &mut params, "spec_version", &query.spec_versions);
            push_versions(&mut sql, &mut params, &query.versions);
            if let Some(after) = query.added_after {
                params.push(Box::new(after));
                sql.push_str(&format!(" AND date_added > ${}", params.len()));
            }
            if let Some(p) = &query.after {
                params.push(Box::new(p.date_added));
                params.push(Box::new(p.id.clone()));
                params.push(Box::new(p.version.clone()));
                let n = params.len();
                sql.push_str(&format!(
                    " AND (date_added, id, version_key) > (${}, ${}, ${})",
                    n - 2,
                    n - 1,
                    n
                ));
            }
            let limit = query.limit.max(1);
            params.push(Box::new(i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1));
            sql.push_str(&format!(
                " ORDER BY date_added, id, version_key LIMIT ${}",
                params.len()
            ));
            let st = prepared(s, c, &sql)?;
            let rows = c.query(&st, &refs(&params)).map_err(backend)?;
            let mut items = rows
                .iter()
                .map(stored_version)
                .collect::<Result<Vec<_>, _>>()?;
            let more = items.len() > limit;
            items.truncate(limit);
            Ok(Page { items, more })
        })
    }
}

/// The latest versions of one indicator's sightings with their submitters, in `$order`
/// ($3: a LIMIT, NULL for none).
macro_rules! sightings_sql {
    ($order:literal) => {
        concat!(
            "SELECT o.id, o.type, o.spec_version, o.version, o.version_key,
                    o.date_added, o.raw, s.org_id, s.user_id
             FROM objects o
             LEFT JOIN submissions s ON s.collection_key = o.collection_key
                  AND s.id = o.id AND s.version_key = o.version_key
             WHERE o.collection_key = $1 AND o.type = 'sighting'
               AND (o.doc ->> 'sighting_of_ref') = $2 AND o.is_last
             ORDER BY ",
            $order,
            " LIMIT $3"
        )
    };
}

/// Oldest addition first.
const SIGHTINGS_ALL: &str = sightings_sql!("o.date_added, o.id");
/// Newest addition first.
const SIGHTINGS_NEWEST: &str = sightings_sql!("o.date_added DESC, o.id DESC");
