//! Issue 16: a member with write access that tries to learn, change or flood what the policy
//! keeps from it. Every answer must be the one it would get if the hidden objects were not
//! there at all.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use ward_policy::ext::{identity_of, RED_RECIPIENTS, WARD_EXTENSION_ID};
use ward_stix::Tlp;
use ward_store::{ObjectQuery, Store, VersionSelect};

const UNKNOWN: &str = "marking-definition--00000000-0000-4000-8000-00000000dead";

fn marked(n: usize, marking: &str) -> Value {
    let mut o = indicator(n);
    o["object_marking_refs"] = json!([marking]);
    o
}

fn red_for(n: usize, user_id: &str) -> Value {
    let mut o = marked(n, Tlp::Red.marking_id());
    o["extensions"] = json!({ WARD_EXTENSION_ID: {
        "extension_type": "property-extension",
        RED_RECIPIENTS: [identity_of(user_id)],
    }});
    o
}

/// How many versions of object `n` the store holds.
fn stored(h: &Hub, n: usize) -> usize {
    let query = ObjectQuery {
        ids: vec![id_of(n)],
        versions: VersionSelect::all(),
        ..ObjectQuery::default()
    };
    h.store
        .query_objects(&h.collection, &query)
        .expect("query")
        .items
        .len()
}

#[tokio::test]
async fn delete_applies_the_read_filter() {
    let h = hub(&[]);
    let alice = h.member("alice").token.clone();
    let carol = h.member("carol").token.clone();
    // RED is served only to people signed in with a password.
    let alice_person = h.member("alice").password.clone();
    let rita = h.member("rita").user.id.clone();
    // Mercy's RED object (for rita), AMBER (Lab is the audience, Clinic is not), an unknown
    // marking, and a GREEN one carol may read.
    h.post_ok(
        &alice,
        &[
            red_for(1, &rita),
            marked(2, Tlp::Amber.marking_id()),
            marked(3, UNKNOWN),
            marked(4, Tlp::Green.marking_id()),
        ],
    )
    .await;
    for n in [1, 2, 3] {
        let path = h.path(&format!("objects/{}/", id_of(n)));
        let reply = h.send("DELETE", &path, &carol, String::new()).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{n}: {}", reply.text());
        assert_eq!(
            reply.json()["http_status"],
            "404",
            "{n}: a TAXII error body: {}",
            reply.text()
        );
        // Not deleted (an unknown marking is held back from everyone: ask the store).
        assert_eq!(stored(&h, n), 1, "{n} was deleted");
    }
    // A 404 for an unreadable object is the same as for one that never existed.
    let never = h
        .send(
            "DELETE",
            &h.path(&format!("objects/{}/", id_of(99))),
            &carol,
            String::new(),
        )
        .await;
    assert_eq!(never.status, StatusCode::NOT_FOUND);
    // What carol may read she may still delete.
    let path = h.path(&format!("objects/{}/", id_of(4)));
    let reply = h.send("DELETE", &path, &carol, String::new()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        h.get(&alice_person, &path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(stored(&h, 4), 0);
}

/// The number in the dashboard's "Objects" column for the collection.
fn dashboard_count(page: &str) -> String {
    let cell = page
        .split("<td class=\"n\">")
        .nth(1)
        .unwrap_or_else(|| panic!("no count in {page}"));
    cell.split('<').next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn the_dashboard_counts_only_what_the_caller_may_read() {
    let h = hub(&[]);
    let alice = h.member("alice").token.clone();
    let rita = h.member("rita").user.id.clone();
    h.post_ok(
        &alice,
        &[
            red_for(1, &rita),
            marked(2, Tlp::Amber.marking_id()),
            marked(3, UNKNOWN),
            marked(4, Tlp::Green.marking_id()),
            marked(5, Tlp::Clear.marking_id()),
        ],
    )
    .await;
    // Clinic reads GREEN and CLEAR; Lab (the AMBER audience) AMBER too; alice's machine
    // token everything but RED and the unknown marking.
    for (who, expected) in [("carol", "2"), ("bob", "3"), ("alice", "3")] {
        let page = h.get(&h.member(who).token, "/").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        assert_eq!(dashboard_count(&page.text()), expected, "{who}");
    }
    // Without credentials: a challenge, even though the collection is public.
    assert_eq!(
        h.get(&Cred::None, "/").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn posting_a_red_id_says_nothing_of_objects_the_poster_cannot_read() {
    let h = hub(&[]);
    let alice = h.member("alice").token.clone();
    let rita = h.member("rita").user.id.clone();
    h.post_ok(&alice, &[red_for(1, &rita)]).await;
    // Lab may not read Mercy's RED object: posting the same id answers like a fresh one.
    let bob = h.member("bob").token.clone();
    let probe = h.post(&bob, &[red_for(1, &rita)]).await;
    let fresh = h.post(&bob, &[red_for(2, &rita)]).await;
    for status in [&probe, &fresh] {
        assert_eq!(status["success_count"], 1, "{status}");
        assert_eq!(status["failure_count"], 0, "{status}");
    }
    assert!(!probe.to_string().contains("onward"), "{probe}");
    // rita, whom the object names, reads it signed in as a person: she may not re-share it.
    let rita_person = h.member("rita").password.clone();
    let again = h.post(&rita_person, &[red_for(1, &rita)]).await;
    assert_eq!(again["failure_count"], 1, "{again}");
    assert!(
        again["failures"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("onward")),
        "{again}"
    );
}

const CLINIC_ID: &str = "identity--33333333-3333-4333-8333-333333333333";

#[tokio::test]
async fn an_anonymous_identity_never_reaches_others_through_any_reference() {
    let h = hub(&[]);
    // Clinic shares anonymously: its identity, and objects that point at it without a
    // created_by_ref: a relationship, a note, a reference nested in a custom property.
    let carol = h.member("carol").token.clone();
    let identity = json!({"type": "identity", "spec_version": "2.1", "id": CLINIC_ID,
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "name": "Clinic", "identity_class": "organization"});
    let relationship = json!({"type": "relationship", "spec_version": "2.1",
        "id": "relationship--00000000-0000-4000-8000-000000000001",
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "relationship_type": "related-to", "source_ref": id_of(1), "target_ref": CLINIC_ID});
    let note = json!({"type": "note", "spec_version": "2.1",
        "id": "note--00000000-0000-4000-8000-000000000001",
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "content": "seen here", "object_refs": [id_of(1), CLINIC_ID],
        "x_context": {"reporter_ref": CLINIC_ID, "also": [{"by_ref": CLINIC_ID}]}});
    h.post_ok(&carol, &[indicator(1), identity, relationship, note])
        .await;
    let hub_id = h.policy.hub_identity().to_string();
    let all = h.path("objects/");
    // Another member sees the hub in every place the Clinic's identity was.
    let bob = h.get(&h.member("bob").token, &all).await;
    let text = bob.text();
    assert!(!text.contains(CLINIC_ID), "the identity leaked: {text}");
    let page = bob.json();
    let by_type = |t: &str| -> Value {
        page["objects"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|o| o["type"] == t)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        by_type("identity"),
        Value::Null,
        "the identity itself is hidden"
    );
    assert_eq!(by_type("relationship")["target_ref"], hub_id);
    let note = by_type("note");
    assert_eq!(note["object_refs"][1], hub_id);
    assert_eq!(note["x_context"]["reporter_ref"], hub_id);
    assert_eq!(note["x_context"]["also"][0]["by_ref"], hub_id);
    // The Clinic itself still sees its own identity.
    let own = h.get(&h.member("rita").token, &all).await.text();
    assert!(own.contains(CLINIC_ID), "{own}");
    // Objects of another organization that name the Clinic's identity are rewritten too.
    let alice = h.member("alice").token.clone();
    let mention = json!({"type": "relationship", "spec_version": "2.1",
        "id": "relationship--00000000-0000-4000-8000-000000000002",
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "relationship_type": "related-to", "source_ref": id_of(1), "target_ref": CLINIC_ID});
    h.post_ok(&alice, &[mention]).await;
    let bob = h.get(&h.member("bob").token, &all).await.text();
    assert!(!bob.contains(CLINIC_ID), "{bob}");
    assert!(bob.contains("relationship--00000000-0000-4000-8000-000000000002"));
}

#[tokio::test]
async fn the_submitters_name_is_scrubbed_in_any_spelling() {
    let h = hub(&[]);
    let carol = h.member("carol").token.clone();
    // Clinic shares anonymously, so its registered name is scrubbed from what it posts.
    let spellings = [
        "CLINIC",
        "clinic",
        "Cli\u{200b}nic",
        "Cli\u{a0}nic",
        "Cli-nic",
    ];
    let objects: Vec<Value> = spellings
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut o = indicator(40 + i);
            o["description"] = json!(format!("Phishing seen by {name} staff"));
            o
        })
        .collect();
    h.post_ok(&carol, &objects).await;
    let page = h.get(&h.member("bob").token, &h.path("objects/")).await;
    let served = page.json();
    let descriptions: Vec<&str> = served["objects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["description"].as_str())
        .collect();
    assert_eq!(descriptions.len(), spellings.len(), "{}", page.text());
    for d in descriptions {
        assert_eq!(d, "Phishing seen by [ORG] staff");
    }
}
