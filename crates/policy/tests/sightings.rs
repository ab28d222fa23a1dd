//! Issue 7's sightings test: three members sight one indicator and one of them reports it as
//! a false positive; every member reads "3 organizations, 1 false positive", and nothing
//! that names a member.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use ward_policy::ext::{identity_of, FALSE_POSITIVE, WARD_EXTENSION_ID};

fn sighting(n: usize, by_org: &str, false_positive: bool) -> Value {
    seen_days_ago(n, by_org, false_positive, 0)
}

fn seen_days_ago(n: usize, by_org: &str, false_positive: bool, days: i64) -> Value {
    let micros = ward_stix::Timestamp::now().as_micros() - days * 86_400 * 1_000_000;
    let ts = ward_stix::Timestamp::from_micros(micros)
        .with_precision(3)
        .to_string();
    let mut s = json!({"type": "sighting", "spec_version": "2.1",
        "id": format!("sighting--00000000-0000-4000-8000-{n:012}"),
        "created": ts, "modified": ts, "first_seen": ts, "last_seen": ts, "count": 1,
        "sighting_of_ref": id_of(1),
        "created_by_ref": identity_of(by_org),
        "where_sighted_refs": [identity_of(by_org)]});
    if false_positive {
        s["extensions"] = json!({WARD_EXTENSION_ID: {
            "extension_type": "property-extension", FALSE_POSITIVE: true}});
    }
    s
}

#[tokio::test]
async fn three_organizations_one_false_positive_no_names() {
    let h = hub(&[]);
    h.post_ok(&h.member("alice").token, &[indicator(1)]).await;
    let mut n = 0;
    for (who, days) in [("alice", 0), ("bob", 20), ("carol", 1)] {
        let m = h.member(who);
        n += 1;
        h.post_ok(&m.token, &[seen_days_ago(n, &m.user.org_id, false, days)])
            .await;
    }
    // A second sighting by the same organization is not a fourth organization.
    n += 1;
    let rita = h.member("rita");
    h.post_ok(&rita.token, &[sighting(n, &rita.user.org_id, false)])
        .await;
    n += 1;
    let carol = h.member("carol");
    h.post_ok(&carol.token, &[sighting(n, &carol.user.org_id, true)])
        .await;

    let secrets: Vec<String> = h
        .members
        .values()
        .flat_map(|m| {
            [
                m.user.id.clone(),
                m.user.org_id.clone(),
                m.user.name.clone(),
            ]
        })
        .collect();
    for reader in ["alice", "bob", "carol", "rita", "dave"] {
        let cred = &h.member(reader).token;
        let r = h
            .get(cred, &h.path(&format!("sightings/{}/", id_of(1))))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let summary = r.json();
        assert_eq!(summary["organizations"], 3, "{reader}: {summary}");
        assert_eq!(summary["false_positives"], 1, "{reader}: {summary}");
        assert_eq!(
            summary["organizations_last_7_days"], 2,
            "{reader}: {summary}"
        );
        assert_eq!(
            summary["organizations_last_30_days"], 3,
            "{reader}: {summary}"
        );
        assert!(summary["last_seen"].is_string());
        let text = r.text();
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{reader} learned {s}: {text}");
        }
        // The sightings themselves, read by a member of another organization, name no one.
        if reader == "dave" {
            let all = h
                .get(cred, &h.path("objects/?match[type]=sighting"))
                .await
                .text();
            for s in &secrets {
                assert!(!all.contains(s.as_str()), "dave learned {s}: {all}");
            }
            assert_eq!(all.matches("sighting--").count(), 5, "{all}");
        }
    }
    // No one learns about sightings of an indicator they may not read.
    let mut secret = indicator(2);
    secret["object_marking_refs"] = json!([ward_stix::Tlp::Red.marking_id()]);
    h.post_ok(&h.member("alice").token, &[secret]).await;
    let mut s = sighting(50, &h.member("bob").user.org_id, false);
    s["sighting_of_ref"] = json!(id_of(2));
    h.post_ok(&h.member("bob").token, &[s]).await;
    let r = h
        .get(
            &h.member("dave").token,
            &h.path(&format!("sightings/{}/", id_of(2))),
        )
        .await;
    assert_eq!(r.json()["organizations"], 0, "{}", r.text());
}
