//! `ward admin policy scrub-log|submitter|rescan|release`: what the hub recorded about the
//! scrubber and submitters, with names for ids, and re-checking stored objects.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use serde_json::json;
use ward_store::Store;

use super::{print_json, window};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct ScrubLogArgs {
    /// Records from this time on (`2026-12-01` or RFC 3339)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Records before this time (a day counts whole)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Records of posts by this organization (its name, any case, or its id)
    #[arg(long, value_name = "NAME|ID")]
    pub org: Option<String>,
    /// Records with at least one finding of this kind (`mrn`, `name`, `ssn`, `id`, ...)
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Records of this collection (its id or title)
    #[arg(long, value_name = "ID|TITLE")]
    pub collection: Option<String>,
    /// Counts by kind and by organization instead of the records
    #[arg(long)]
    pub summary: bool,
    /// The newest N matching records (0: all of them)
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
}

/// Names for the ids records keep: organizations, users, collections.
struct Names {
    orgs: Vec<ward_store::Org>,
    users: Vec<ward_store::User>,
    collections: Vec<ward_store::Collection>,
}

impl Names {
    fn read(store: &dyn Store) -> anyhow::Result<Names> {
        Ok(Names {
            orgs: store.orgs()?,
            users: store.users()?,
            collections: store.collections()?,
        })
    }

    /// An organization's name; one no longer in the store is shown by its id.
    fn org(&self, id: &str) -> String {
        self.orgs
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| format!("(removed {id})"), |o| o.name.clone())
    }

    fn user(&self, id: &str) -> String {
        self.users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(|| format!("(removed {id})"), |u| u.name.clone())
    }

    fn collection(&self, id: &str) -> String {
        self.collections
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| format!("(removed {id})"), |c| c.title.clone())
    }

    /// The organization `wanted` names (a name in any case, or an id).
    fn find_org(&self, wanted: &str) -> anyhow::Result<String> {
        self.orgs
            .iter()
            .find(|o| o.id == wanted || o.name.to_lowercase() == wanted.to_lowercase())
            .map(|o| o.id.clone())
            .with_context(|| {
                format!("--org {wanted}: no such organization (see `ward admin org list`)")
            })
    }

    fn find_collection(&self, wanted: &str) -> anyhow::Result<String> {
        self.collections
            .iter()
            .find(|c| c.id == wanted || c.title.to_lowercase() == wanted.to_lowercase())
            .map(|c| c.id.clone())
            .with_context(|| {
                format!(
                    "--collection {wanted}: no such collection (see `ward admin collection list`)"
                )
            })
    }
}

/// The findings of a record as JSON: `{"findings": [...], "dropped": [...]}`.
fn findings_of(r: &ward_store::ScrubRecord) -> serde_json::Value {
    serde_json::from_str(&r.findings).unwrap_or_else(|_| json!({ "unreadable": r.findings }))
}

fn kinds_of(findings: &serde_json::Value) -> Vec<String> {
    findings
        .get("findings")
        .and_then(serde_json::Value::as_array)
        .map(|all| {
            all.iter()
                .filter_map(|f| f.get("kind").and_then(serde_json::Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// `ward admin policy scrub-log`: what the scrubber removed, filtered, with names.
pub fn scrub_log(
    args: &ScrubLogArgs,
    store: &dyn Store,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let (since, until) = window(args.since.as_deref(), args.until.as_deref())?;
    let names = Names::read(store)?;
    let org = args.org.as_deref().map(|o| names.find_org(o)).transpose()?;
    let collection = args
        .collection
        .as_deref()
        .map(|c| names.find_collection(c))
        .transpose()?;
    let kind = args.kind.as_deref().map(|k| k.to_ascii_lowercase());
    // Newest first; the whole record is read (it holds kinds and places, small rows).
    let mut matching = Vec::new();
    for r in store.scrub_records(usize::MAX)? {
        if !(since..until).contains(&r.at)
            || org.as_ref().is_some_and(|o| *o != r.org_id)
            || collection.as_ref().is_some_and(|c| *c != r.collection_id)
        {
            continue;
        }
        let findings = findings_of(&r);
        let kinds = kinds_of(&findings);
        if kind.as_ref().is_some_and(|k| !kinds.iter().any(|f| f == k)) {
            continue;
        }
        matching.push((r, findings, kinds));
    }
    if args.summary {
        let mut by_kind: std::collections::BTreeMap<String, u64> = Default::default();
        let mut by_org: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
        for (r, _, kinds) in &matching {
            for k in kinds {
                *by_kind.entry(k.clone()).or_default() += 1;
            }
            let e = by_org.entry(r.org_id.clone()).or_default();
            e.0 += 1;
            e.1 += kinds.len() as u64;
        }
        if global.json {
            let orgs: Vec<serde_json::Value> = by_org
                .iter()
                .map(|(id, (records, findings))| {
                    json!({ "org": names.org(id), "org_id": id, "records": records, "findings": findings })
                })
                .collect();
            print_json(json!({ "records": matching.len(), "by_kind": by_kind, "by_org": orgs }));
        } else {
            println!("{} record(s)", matching.len());
            println!("by kind (findings):");
            for (k, n) in &by_kind {
                println!("  {k:<20} {n:>8}");
            }
            println!("by organization (records, findings):");
            for (id, (records, findings)) in &by_org {
                println!("  {:<32} {records:>8} {findings:>8}", names.org(id));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let total = matching.len();
    if args.limit > 0 {
        matching.truncate(args.limit);
    }
    if global.json {
        let rows: Vec<serde_json::Value> = matching
            .iter()
            .map(|(r, findings, _)| {
                json!({
                    "time": ward_stix::Timestamp::from_micros(r.at).to_string(),
                    "collection": { "id": r.collection_id, "title": names.collection(&r.collection_id) },
                    "object_id": r.object_id,
                    "org": { "id": r.org_id, "name": names.org(&r.org_id) },
                    "user": { "id": r.user_id, "name": names.user(&r.user_id) },
                    "findings": findings.get("findings").cloned().unwrap_or(json!([])),
                    "dropped": findings.get("dropped").cloned().unwrap_or(json!([])),
                })
            })
            .collect();
        print_json(serde_json::Value::Array(rows));
    } else {
        for (r, _, kinds) in &matching {
            let mut counted: std::collections::BTreeMap<&str, usize> = Default::default();
            for k in kinds {
                *counted.entry(k).or_default() += 1;
            }
            let kinds: Vec<String> = counted.iter().map(|(k, n)| format!("{k} x{n}")).collect();
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                ward_stix::Timestamp::from_micros(r.at),
                names.collection(&r.collection_id),
                r.object_id,
                names.org(&r.org_id),
                names.user(&r.user_id),
                kinds.join(", ")
            );
        }
    }
    if total > matching.len() {
        eprintln!(
            "showing the newest {} of {total} records; --limit 0 shows all, --summary counts them",
            matching.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `ward admin policy submitter ID`: who posted each version, by name.
pub fn submitter(object_id: &str, store: &dyn Store, global: &Global) -> anyhow::Result<ExitCode> {
    let found = store.submissions(object_id)?;
    let names = Names::read(store)?;
    if global.json {
        let rows: Vec<serde_json::Value> = found
            .iter()
            .map(|s| {
                json!({
                    "collection": { "id": s.collection_id, "title": names.collection(&s.collection_id) },
                    "version": s.version,
                    "org": { "id": s.org_id, "name": names.org(&s.org_id) },
                    "user": { "id": s.user_id, "name": names.user(&s.user_id) },
                })
            })
            .collect();
        print_json(serde_json::Value::Array(rows));
    } else {
        for s in &found {
            // The collection's id too: it is what the other admin commands take.
            println!(
                "{}\t{}\t{}\t{}\t{}",
                names.collection(&s.collection_id),
                s.collection_id,
                s.version,
                names.org(&s.org_id),
                names.user(&s.user_id)
            );
        }
    }
    if found.is_empty() {
        eprintln!("no submission of {object_id} is recorded");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args, Debug)]
pub struct RescanArgs {
    /// Only this collection (its id or title)
    #[arg(long, value_name = "ID|TITLE")]
    pub collection: Option<String>,
    /// Hide every object found from all members (running hubs see it within seconds); it is
    /// kept for the operator. `ward admin policy release ID` serves it again
    #[arg(long)]
    pub quarantine: bool,
}

/// `ward admin policy rescan`: re-checks the latest version of every stored object with
/// the current scrubber (after an upgrade) and reports what it would remove now, by kind;
/// exit 1 when anything was found (a negative answer), 0 when every object is clean.
pub fn rescan(
    args: &RescanArgs,
    store: Arc<dyn Store>,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let names = Names::read(store.as_ref())?;
    let only = args
        .collection
        .as_deref()
        .map(|c| names.find_collection(c))
        .transpose()?;
    let policy = ward_policy::Policy::new(store.clone()).context("loading the sharing policy")?;
    let mut hits = Vec::new();
    let mut checked = 0u64;
    for c in names
        .collections
        .iter()
        .filter(|c| only.as_ref().is_none_or(|o| *o == c.id))
    {
        let mut query = ward_store::ObjectQuery {
            limit: 1000,
            ..Default::default()
        };
        loop {
            let page = store.query_objects(&c.id, &query)?;
            let by = store.submitters_of_versions(&c.id, &page.items)?;
            for v in &page.items {
                checked += 1;
                let Some(s) = by.get(&(v.id.clone(), v.version_key.clone())) else {
                    continue;
                };
                let object: serde_json::Value = serde_json::from_str(&v.json)
                    .with_context(|| format!("stored object {} in {}", v.id, c.title))?;
                let caller = ward_taxii::Caller {
                    user_id: s.user_id.clone(),
                    user_name: names.user(&s.user_id),
                    org_id: s.org_id.clone(),
                    org_name: names.org(&s.org_id),
                    credential: ward_taxii::Credential::Token,
                };
                if let Some(findings) = policy
                    .rescan(&caller, &object)
                    .with_context(|| format!("rescanning {} in {}", v.id, c.title))?
                {
                    hits.push((
                        c,
                        v.id.clone(),
                        s.org_id.clone(),
                        kinds_of(&findings),
                        findings,
                    ));
                }
            }
            match page.items.last() {
                Some(last) if page.more => query.after = Some(last.position()),
                _ => break,
            }
        }
    }
    if args.quarantine {
        for (c, id, _, kinds, _) in &hits {
            let note = json!({
                "at": ward_stix::Timestamp::now().to_string(),
                "by": "rescan",
                "kinds": kinds,
            });
            store
                .set_setting(
                    &format!("{}{}/{id}", ward_policy::QUARANTINE_PREFIX, c.id),
                    Some(&note.to_string()),
                )
                .with_context(|| format!("quarantining {id} in {}", c.title))?;
        }
    }
    if global.json {
        let rows: Vec<serde_json::Value> = hits
            .iter()
            .map(|(c, id, org, _, findings)| {
                json!({
                    "collection": { "id": c.id, "title": c.title },
                    "object_id": id,
                    "org": { "id": org, "name": names.org(org) },
                    "findings": findings.get("findings").cloned().unwrap_or(json!([])),
                    "dropped": findings.get("dropped").cloned().unwrap_or(json!([])),
                })
            })
            .collect();
        print_json(json!({ "checked": checked, "hits": rows, "quarantined": args.quarantine }));
    } else {
        for (c, id, org, kinds, _) in &hits {
            println!(
                "{}\t{id}\t{}\t{}",
                c.title,
                names.org(org),
                kinds.join(", ")
            );
        }
    }
    eprintln!(
        "{checked} object(s) checked with the current scrubber; {} would be changed{}",
        hits.len(),
        if args.quarantine && !hits.is_empty() {
            " and are now quarantined (hidden from members, kept for you)"
        } else {
            ""
        }
    );
    Ok(if hits.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `ward admin policy release ID`: serves a quarantined object again (in every collection
/// it was quarantined in).
pub fn release(object_id: &str, store: &dyn Store, global: &Global) -> anyhow::Result<ExitCode> {
    let keys: Vec<String> = store
        .settings(ward_policy::QUARANTINE_PREFIX)?
        .into_iter()
        .map(|(k, _)| k)
        .filter(|k| k.rsplit_once('/').is_some_and(|(_, o)| o == object_id))
        .collect();
    for k in &keys {
        store.set_setting(k, None)?;
    }
    if global.json {
        print_json(json!({ "released": object_id, "collections": keys.len() }));
    }
    if keys.is_empty() {
        eprintln!("{object_id} is not quarantined");
        return Ok(ExitCode::from(1));
    }
    eprintln!(
        "{object_id} released in {} collection(s); members see it again within seconds",
        keys.len()
    );
    Ok(ExitCode::SUCCESS)
}
