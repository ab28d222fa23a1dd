//! The writer: a batch of versions added under the collection's row lock (what the database
//! already holds, one multi-row insert, submitters, status), deletes, and the inserts the
//! migration shares.

use std::collections::HashSet;

use postgres::types::ToSql;
use postgres::GenericClient;
use ward_store::{
    version_key, AddOutcome, NewVersion, ScrubRecord, StatusRecord, StoreError, Submitter,
    VersionSelect,
};

use super::plan::{plan, Known, NewRow};
use super::queries::{push_any, push_versions, refs};
use super::{doc_override, Param, Statements};
use crate::pool::prepared;
use crate::{backend, PgStore};

impl PgStore {
    /// Reads what the database holds for the ids of `objects` (the caller holds the
    /// collection's lock, so it cannot change until commit).
    fn known(
        c: &mut impl GenericClient,
        statements: &mut Statements,
        key: i64,
        objects: &[NewVersion],
    ) -> Result<Known, StoreError> {
        let mut known = Known::default();
        if objects.is_empty() {
            return Ok(known);
        }
        let ids: Vec<&str> = {
            let mut seen = HashSet::new();
            objects
                .iter()
                .map(|o| o.id.as_str())
                .filter(|id| seen.insert(*id))
                .collect()
        };
        let st = prepared(
            statements,
            c,
            "SELECT id, min(version_key), max(version_key) FROM objects
             WHERE collection_key = $1 AND id = ANY($2) GROUP BY id",
        )?;
        for r in c.query(&st, &[&key, &ids]).map_err(backend)? {
            let id: String = r.try_get(0).map_err(backend)?;
            let min: String = r.try_get(1).map_err(backend)?;
            let max: String = r.try_get(2).map_err(backend)?;
            known.bounds.insert(id, (min, max));
        }
        let (mut cand_ids, mut cand_keys) = (Vec::new(), Vec::new());
        let (mut bare_ids, mut bare_raw) = (Vec::new(), Vec::new());
        for o in objects {
            if !known.bounds.contains_key(&o.id) {
                continue;
            }
            match o.version {
                Some(ts) => {
                    cand_ids.push(o.id.as_str());
                    cand_keys.push(version_key(ts));
                }
                None => {
                    bare_ids.push(o.id.as_str());
                    bare_raw.push(o.json.as_str());
                }
            }
        }
        if !cand_ids.is_empty() {
            known.present = Self::present(c, statements, key, &cand_ids, &cand_keys)?;
        }
        if !bare_ids.is_empty() {
            let st = prepared(
                statements,
                c,
                "SELECT o.id, o.raw FROM objects o
                 JOIN unnest($2::text[], $3::text[]) AS u(id, raw)
                   ON o.id = u.id AND o.raw = u.raw
                 WHERE o.collection_key = $1",
            )?;
            for r in c
                .query(&st, &[&key, &bare_ids, &bare_raw])
                .map_err(backend)?
            {
                known.same_bytes.insert((
                    r.try_get(0).map_err(backend)?,
                    r.try_get(1).map_err(backend)?,
                ));
            }
        }
        Ok(known)
    }

    /// Which of the (id, version key) pairs are stored.
    fn present<I: ToSql + Sync, K: ToSql + Sync>(
        c: &mut impl GenericClient,
        statements: &mut Statements,
        key: i64,
        ids: &[I],
        keys: &[K],
    ) -> Result<HashSet<(String, String)>, StoreError> {
        let st = prepared(
            statements,
            c,
            "SELECT o.id, o.version_key FROM objects o
             JOIN unnest($2::text[], $3::text[]) AS u(id, vk)
               ON o.id = u.id AND o.version_key = u.vk
             WHERE o.collection_key = $1",
        )?;
        let mut out = HashSet::new();
        for r in c.query(&st, &[&key, &ids, &keys]).map_err(backend)? {
            out.insert((
                r.try_get(0).map_err(backend)?,
                r.try_get(1).map_err(backend)?,
            ));
        }
        Ok(out)
    }

    /// `add_objects`, recording `submitter` (when given) for every version it adds.
    pub(super) fn add(
        &self,
        collection_id: &str,
        objects: &[NewVersion],
        status: &StatusRecord,
        submitter: Option<&Submitter>,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        let body = status.to_json()?;
        self.with_conn(|c, s| {
            let mut tx = c.transaction().map_err(backend)?;
            let lock = prepared(
                s,
                &mut tx,
                "SELECT key, last_date_added,
                        (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
                 FROM collections WHERE id = $1 FOR UPDATE",
            )?;
            let row = tx
                .query_opt(&lock, &[&collection_id])
                .map_err(backend)?
                .ok_or_else(|| StoreError::UnknownCollection(collection_id.to_string()))?;
            let key: i64 = row.try_get(0).map_err(backend)?;
            let first_last: i64 = row.try_get(1).map_err(backend)?;
            // The database's clock: one clock for every hub process, whatever their hosts.
            let now: i64 = row.try_get(2).map_err(backend)?;
            let mut known = Self::known(&mut tx, s, key, objects)?;
            // Objects without a version get their date_added as version; should that collide
            // with a stored version of the same id, it is a duplicate, as in the embedded
            // store. Each round adds at least one collision, so this ends.
            let plan = loop {
                let plan = plan(objects, &known, now, first_last);
                let (ids, keys): (Vec<&str>, Vec<&str>) = plan
                    .rows
                    .iter()
                    .filter(|r| {
                        r.object.version.is_none() && known.bounds.contains_key(&r.object.id)
                    })
                    .map(|r| (r.object.id.as_str(), r.version_key.as_str()))
                    .unzip();
                if ids.is_empty() {
                    break plan;
                }
                let clashes = Self::present(&mut tx, s, key, &ids, &keys)?;
                if clashes.is_empty() {
                    break plan;
                }
                known.present.extend(clashes);
            };
            for (flag, pairs) in [
                ("is_first", &plan.unset_first),
                ("is_last", &plan.unset_last),
            ] {
                if pairs.is_empty() {
                    continue;
                }
                let (ids, keys): (Vec<&str>, Vec<&str>) =
                    pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).unzip();
                let st = prepared(
                    s,
                    &mut tx,
                    &format!(
                        "UPDATE objects o SET {flag} = false
                         FROM unnest($2::text[], $3::text[]) AS u(id, vk)
                         WHERE o.collection_key = $1 AND o.id = u.id AND o.version_key = u.vk"
                    ),
                )?;
                tx.execute(&st, &[&key, &ids, &keys]).map_err(backend)?;
            }
            if !plan.rows.is_empty() {
                insert_rows(&mut tx, s, key, &plan.rows)?;
                if let Some(by) = submitter {
                    insert_submissions(&mut tx, s, key, &plan.rows, by)?;
                }
                let st = prepared(
                    s,
                    &mut tx,
                    "UPDATE collections SET last_date_added = $2 WHERE key = $1",
                )?;
                tx.execute(&st, &[&key, &plan.last]).map_err(backend)?;
            }
            upsert_status(&mut tx, s, status, &body)?;
            tx.commit().map_err(backend)?;
            Ok(plan.outcomes)
        })
    }

    pub(super) fn delete_versions(
        &self,
        collection_id: &str,
        object_id: &str,
        versions: &VersionSelect,
        spec_versions: &[String],
    ) -> Result<usize, StoreError> {
        self.with_conn(|c, s| {
            let mut tx = c.transaction().map_err(backend)?;
            // The same lock as writers: first/last flags are recomputed below.
            let key: i64 = tx
                .query_opt(
                    "SELECT key FROM collections WHERE id = $1 FOR UPDATE",
                    &[&collection_id],
                )
                .map_err(backend)?
                .map(|r| r.try_get(0).map_err(backend))
                .transpose()?
                .ok_or_else(|| StoreError::UnknownCollection(collection_id.to_string()))?;
            let mut sql = String::from("DELETE FROM objects WHERE collection_key = $1 AND id = $2");
            let mut params: Vec<Param> = vec![Box::new(key), Box::new(object_id.to_string())];
            push_any(&mut sql, &mut params, "spec_version", spec_versions);
            push_versions(&mut sql, &mut params, versions);
            let removed = tx.execute(&sql, &refs(&params)).map_err(backend)?;
            if removed > 0 {
                let st = prepared(
                    s,
                    &mut tx,
                    "UPDATE objects o SET is_first = (o.version_key = b.lo),
                                          is_last = (o.version_key = b.hi)
                     FROM (SELECT min(version_key) AS lo, max(version_key) AS hi FROM objects
                           WHERE collection_key = $1 AND id = $2) b
                     WHERE o.collection_key = $1 AND o.id = $2
                       AND (o.is_first <> (o.version_key = b.lo)
                            OR o.is_last <> (o.version_key = b.hi))",
                )?;
                tx.execute(&st, &[&key, &object_id]).map_err(backend)?;
                tx.execute(
                    "UPDATE collections SET changes = changes + 1 WHERE key = $1",
                    &[&key],
                )
                .map_err(backend)?;
            }
            tx.commit().map_err(backend)?;
            Ok(usize::try_from(removed).unwrap_or(usize::MAX))
        })
    }
}

pub(crate) fn insert_access(
    c: &mut impl GenericClient,
    key: i64,
    access: &[(String, bool, bool)],
) -> Result<(), StoreError> {
    for (org, read, write) in access {
        c.execute(
            "INSERT INTO collection_access (collection_key, org_id, can_read, can_write)
             VALUES ($1, $2, $3, $4)",
            &[&key, org, read, write],
        )
        .map_err(backend)?;
    }
    Ok(())
}

/// One multi-row insert of the whole batch (arrays unnested server side: one statement and
/// one round trip whatever the batch size).
fn insert_rows(
    c: &mut impl GenericClient,
    s: &mut Statements,
    key: i64,
    rows: &[NewRow<'_>],
) -> Result<(), StoreError> {
    let n = rows.len();
    let mut ids = Vec::with_capacity(n);
    let mut types = Vec::with_capacity(n);
    let mut specs = Vec::with_capacity(n);
    let mut keys = Vec::with_capacity(n);
    let mut versions = Vec::with_capacity(n);
    let mut dates = Vec::with_capacity(n);
    let mut firsts = Vec::with_capacity(n);
    let mut lasts = Vec::with_capacity(n);
    let mut raws = Vec::with_capacity(n);
    let mut docs = Vec::with_capacity(n);
    for r in rows {
        ids.push(r.object.id.as_str());
        types.push(r.object.object_type.as_str());
        specs.push(r.object.spec_version.as_str());
        keys.push(r.version_key.as_str());
        versions.push(r.version.as_str());
        dates.push(r.date_added);
        firsts.push(r.is_first);
        lasts.push(r.is_last);
        raws.push(r.object.json.as_str());
        docs.push(doc_override(&r.object.json));
    }
    let st = prepared(
        s,
        c,
        "INSERT INTO objects (collection_key, id, type, spec_version, version_key, version,
                              date_added, is_first, is_last, raw, doc)
         SELECT $1, u.id, u.type, u.spec, u.vk, u.version, u.da, u.f, u.l, u.raw,
                coalesce(u.doc, u.raw)::jsonb
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[],
                     $8::bool[], $9::bool[], $10::text[], $11::text[])
              AS u(id, type, spec, vk, version, da, f, l, raw, doc)",
    )?;
    c.execute(
        &st,
        &[
            &key, &ids, &types, &specs, &keys, &versions, &dates, &firsts, &lasts, &raws, &docs,
        ],
    )
    .map_err(backend)?;
    Ok(())
}

/// Records `by` as the submitter of every row (replacing a row a deleted version left).
fn insert_submissions(
    c: &mut impl GenericClient,
    s: &mut Statements,
    key: i64,
    rows: &[NewRow<'_>],
    by: &Submitter,
) -> Result<(), StoreError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.object.id.as_str()).collect();
    let keys: Vec<&str> = rows.iter().map(|r| r.version_key.as_str()).collect();
    let st = prepared(
        s,
        c,
        "INSERT INTO submissions (collection_key, id, version_key, org_id, user_id)
         SELECT $1, u.id, u.vk, $4, $5 FROM unnest($2::text[], $3::text[]) AS u(id, vk)
         ON CONFLICT (collection_key, id, version_key)
         DO UPDATE SET org_id = EXCLUDED.org_id, user_id = EXCLUDED.user_id",
    )?;
    c.execute(&st, &[&key, &ids, &keys, &by.org_id, &by.user_id])
        .map_err(backend)?;
    Ok(())
}

pub(crate) fn upsert_setting(
    c: &mut impl GenericClient,
    s: &mut Statements,
    key: &str,
    value: Option<&str>,
) -> Result<(), StoreError> {
    let st = match value {
        Some(_) => prepared(
            s,
            c,
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        )?,
        None => prepared(
            s,
            c,
            "DELETE FROM settings WHERE key = $1 AND $2::text IS NULL",
        )?,
    };
    c.execute(&st, &[&key, &value]).map_err(backend)?;
    Ok(())
}

pub(crate) fn insert_scrub(
    c: &mut impl GenericClient,
    s: &mut Statements,
    r: &ScrubRecord,
) -> Result<(), StoreError> {
    let st = prepared(
        s,
        c,
        "INSERT INTO scrub_log (at, collection_id, object_id, org_id, user_id, findings)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )?;
    c.execute(
        &st,
        &[
            &r.at,
            &r.collection_id,
            &r.object_id,
            &r.org_id,
            &r.user_id,
            &r.findings,
        ],
    )
    .map_err(backend)?;
    Ok(())
}

pub(crate) fn upsert_status(
    c: &mut impl GenericClient,
    s: &mut Statements,
    status: &StatusRecord,
    body: &str,
) -> Result<(), StoreError> {
    let st = prepared(
        s,
        c,
        "INSERT INTO statuses (id, owner_org, request_timestamp, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET owner_org = EXCLUDED.owner_org,
             request_timestamp = EXCLUDED.request_timestamp, body = EXCLUDED.body",
    )?;
    c.execute(
        &st,
        &[
            &status.id,
            &status.owner_org,
            &status.request_timestamp,
            &body,
        ],
    )
    .map_err(backend)?;
    Ok(())
}
