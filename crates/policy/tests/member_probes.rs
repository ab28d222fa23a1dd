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
