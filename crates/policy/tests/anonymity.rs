//! Issue 7's anonymity test: what an anonymous member submits (its identity, objects it
//! authored, a report naming it, a sighting by it, a note it signed, prose mentioning it),
//! read back by another member through every path, never carries the submitter's identity
//! id, its name or its hub ids. A member that chose `attribution: named` keeps its name.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};

const SELF_ID: &str = "identity--7d3c2b1a-0000-4000-8000-00000000beef";
const SELF_NAME: &str = "Mercy General Hospital";

fn submission(author: &str, name: &str) -> Vec<Value> {
    let ts = "2024-02-01T00:00:00.000Z";
    vec![
        json!({"type": "identity", "spec_version": "2.1", "id": author, "created": ts,
               "modified": ts, "name": name, "identity_class": "organization",
               "sectors": ["healthcare"]}),
        {
            let mut i = indicator(1);
            i["created_by_ref"] = json!(author);
            i["description"] = json!(format!("{name} and Mercy saw this on its VPN"));
            i
        },
        json!({"type": "report", "spec_version": "2.1",
               "id": "report--00000000-0000-4000-8000-000000000001", "created": ts,
               "modified": ts, "published": ts, "name": "Weekly report",
               "created_by_ref": author,
               "object_refs": [id_of(1), author]}),
        json!({"type": "sighting", "spec_version": "2.1",
               "id": "sighting--00000000-0000-4000-8000-000000000001", "created": ts,
               "modified": ts, "created_by_ref": author, "sighting_of_ref": id_of(1),
               "last_seen": ts, "count": 2, "where_sighted_refs": [author]}),
        json!({"type": "note", "spec_version": "2.1",
               "id": "note--00000000-0000-4000-8000-000000000001", "created": ts,
               "modified": ts, "created_by_ref": author, "authors": ["Dr. Jane Roe"],
               "content": "Blocked at the firewall.", "object_refs": [id_of(1)]}),
    ]
}

/// Everything `cred` can read, by every path, concatenated.
async fn everything(h: &Hub, cred: &Cred, ids: &[String]) -> String {
    let mut out = String::new();
    for path in [
        "objects/",
        "manifest/",
        "",
        "sightings/indicator--00000000-0000-4000-8000-000000000001/",
    ] {
        let r = h.get(cred, &h.path(path)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
        out.push_str(&r.text());
    }
    for id in ids {
        for path in [format!("objects/{id}/"), format!("objects/{id}/versions/")] {
            out.push_str(&h.get(cred, &h.path(&path)).await.text());
        }
    }
    out.push_str(&h.get(cred, "/").await.text());
    out
}

fn ids(objects: &[Value]) -> Vec<String> {
    objects
        .iter()
        .filter_map(|o| o["id"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn anonymous_submitters_are_never_served() {
    let h = hub(&[]);
    let objects = submission(SELF_ID, SELF_NAME);
    h.post_ok(&h.member("alice").token, &objects).await;
    let alice = &h.member("alice").user;
    for reader in ["bob", "carol"] {
        for cred in [&h.member(reader).token, &h.member(reader).password] {
            let text = everything(&h, cred, &ids(&objects)).await;
            for secret in [
                SELF_ID,
                SELF_NAME,
                "Mercy",
                alice.id.as_str(),
                alice.org_id.as_str(),
                "alice",
                "Jane Roe",
            ] {
                assert!(!text.contains(secret), "{reader} read {secret:?} in {text}");
            }
            // What it does get names the hub instead.
            assert!(text.contains(h.policy.hub_identity()), "{text}");
            assert!(text.contains("sighting--00000000-0000-4000-8000-000000000001"));
        }
    }
    // The submitter's own organization reads its objects as it wrote them (less the PHI
    // the scrubber took: its own name, since it shares anonymously).
    let own = h
        .get(&h.member("alice").token, &h.path("objects/"))
        .await
        .text();
    assert!(own.contains(SELF_ID), "{own}");
    // The operator can still find out who it was.
    let who = ward_store::Store::submissions(h.store.as_ref(), &id_of(1)).expect("store");
    assert_eq!(who[0].org_id, alice.org_id);
}

#[tokio::test]
async fn named_submitters_keep_their_identity() {
    let h = hub(&["Mercy"]);
    let objects = submission(SELF_ID, SELF_NAME);
    h.post_ok(&h.member("alice").token, &objects).await;
    let text = everything(&h, &h.member("bob").token, &ids(&objects)).await;
    assert!(text.contains(SELF_ID) && text.contains(SELF_NAME), "{text}");
    assert!(text.contains("where_sighted_refs"));
    // Named is a choice about identity, not about the users behind it.
    assert!(!text.contains(&h.member("alice").user.id));
}

#[tokio::test]
async fn what_the_scrubber_changed_is_recorded_without_phi() {
    let h = hub(&[]);
    let mut o = indicator(7);
    o["description"] = json!("Patient John Smith, MRN 4471123, called from 555-201-7788.");
    h.post_ok(&h.member("alice").token, &[o]).await;
    let stored = h
        .get(
            &h.member("bob").token,
            &h.path(&format!("objects/{}/", id_of(7))),
        )
        .await
        .text();
    assert!(
        !stored.contains("John Smith") && !stored.contains("4471123"),
        "{stored}"
    );
    let records = ward_store::Store::scrub_records(h.store.as_ref(), 10).expect("store");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].object_id, id_of(7));
    let findings = &records[0].findings;
    assert!(
        findings.contains("mrn") && findings.contains("/description"),
        "{findings}"
    );
    for phi in ["John", "Smith", "4471123", "555-201-7788"] {
        assert!(!findings.contains(phi), "{phi} in the record: {findings}");
    }
    // An object that is nothing but an internal detail is refused, and that is recorded too.
    let internal = json!({"type": "ipv4-addr", "spec_version": "2.1",
        "id": "ipv4-addr--00000000-0000-4000-8000-000000000010", "value": "10.1.2.3"});
    let status = h.post(&h.member("alice").token, &[internal]).await;
    assert_eq!(status["failure_count"], 1, "{status}");
    assert!(status["failures"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("PHI scrubber")));
    assert_eq!(
        ward_store::Store::scrub_records(h.store.as_ref(), 10)
            .expect("store")
            .len(),
        2
    );
    // Text a member's scrubber already cleaned is stored as sent: placeholders are not PHI.
    let mut cleaned = indicator(11);
    cleaned["description"] =
        json!("Workstation [INTERNAL-HOST] ([INTERNAL-IP]) of [ORG] called [PHONE].");
    h.post_ok(&h.member("alice").token, &[cleaned.clone()])
        .await;
    let back = h
        .get(
            &h.member("alice").token,
            &h.path(&format!("objects/{}/", id_of(11))),
        )
        .await
        .json();
    // As sent, but for the hub's default TLP, stamped on an object sent without one.
    cleaned["object_marking_refs"] = json!([ward_stix::Tlp::Green.marking_id()]);
    assert_eq!(back["objects"][0], cleaned);
    assert_eq!(
        ward_store::Store::scrub_records(h.store.as_ref(), 10)
            .expect("store")
            .len(),
        2
    );
}

#[tokio::test]
async fn strict_and_red_objects_are_not_shared_onward() {
    let h = hub(&[]);
    let mut strict = indicator(8);
    strict["object_marking_refs"] = json!([ward_stix::Tlp::AmberStrict.marking_id()]);
    h.post_ok(&h.member("alice").token, &[strict.clone()]).await;
    // Lab may read it (the AMBER audience) but may not post it again, here or after a sync
    // that brought it back with the hub as its author.
    let status = h.post(&h.member("bob").token, &[strict.clone()]).await;
    assert_eq!(status["failure_count"], 1, "{status}");
    let mut synced = strict.clone();
    synced["id"] = json!(id_of(9));
    synced["created_by_ref"] = json!(h.policy.hub_identity());
    let status = h.post(&h.member("alice").token, &[synced]).await;
    assert_eq!(status["failure_count"], 1, "{status}");
    // Its submitter may publish a new version.
    let mut update = strict;
    update["modified"] = json!("2024-06-01T00:00:00.000Z");
    h.post_ok(&h.member("alice").token, &[update]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_envelope_full_of_phi_is_stored_and_recorded() {
    // Checked beside the store's writer, an envelope with thousands of scrubbed objects once
    // waited forever: its checks wrote scrub records while the writer waited for the checks.
    let h = hub(&[]);
    let objects: Vec<Value> = (0..4200)
        .map(|n| {
            let mut o = indicator(n);
            o["description"] = json!(format!("Patient called back, MRN {}", 4_000_000 + n));
            o
        })
        .collect();
    let status = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        h.post(&h.member("alice").token, &objects),
    )
    .await
    .expect("the post finished");
    assert_eq!(status["success_count"], 4200, "{status}");
    let records = ward_store::Store::scrub_records(h.store.as_ref(), 10_000).expect("store");
    assert_eq!(records.len(), 4200);
    let page = h
        .get(&h.member("bob").token, &h.path("objects/?limit=1000"))
        .await
        .text();
    assert!(!page.contains("MRN 4000"), "scrubbed text was stored");
}
