//! Issue 7's access matrix: every TLP level (2.0, 1.0 mapped, unmarked, unknown, a
//! statement) × every kind of reader (the submitter as a person and as a machine, the
//! AMBER-named organization, another member, a reader without credentials on the public
//! collection, the user a RED object names, as a person and as a machine) × every read path
//! (objects with paging, object, versions, manifest). What each reader may get is written
//! out here independently of the policy's code, so a wrong rule there fails here.

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use ward_policy::ext::{identity_of, RED_RECIPIENTS, WARD_EXTENSION_ID};
use ward_stix::Tlp;

const TLP1_WHITE: &str = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";
const TLP1_GREEN: &str = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
const TLP1_AMBER: &str = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
const TLP1_RED: &str = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
const STATEMENT: &str = "marking-definition--00000000-0000-4000-8000-0000000057a7";
const UNKNOWN: &str = "marking-definition--00000000-0000-4000-8000-00000000dead";

/// The level the matrix expects each object to have; `None`: nobody may read it.
fn objects(rita: &str) -> Vec<(Value, Option<Tlp>)> {
    let marked = |n: usize, marking: &str| {
        let mut o = indicator(n);
        o["object_marking_refs"] = json!([marking]);
        o
    };
    let red_named = |mut o: Value| {
        o["extensions"] = json!({ WARD_EXTENSION_ID: {
            "extension_type": "property-extension",
            RED_RECIPIENTS: [identity_of(rita)],
        }});
        o
    };
    let statement = json!({
        "type": "marking-definition", "spec_version": "2.1", "id": STATEMENT,
        "created": "2024-01-01T00:00:00.000Z", "definition_type": "statement",
        "definition": {"statement": "Copyright 2024, the submitter"}
    });
    vec![
        (marked(1, Tlp::Clear.marking_id()), Some(Tlp::Clear)),
        (marked(2, Tlp::Green.marking_id()), Some(Tlp::Green)),
        (marked(3, Tlp::Amber.marking_id()), Some(Tlp::Amber)),
        (
            marked(4, Tlp::AmberStrict.marking_id()),
            Some(Tlp::AmberStrict),
        ),
        (red_named(marked(5, Tlp::Red.marking_id())), Some(Tlp::Red)),
        (marked(11, TLP1_WHITE), Some(Tlp::Clear)),
        (marked(12, TLP1_GREEN), Some(Tlp::Green)),
        (marked(13, TLP1_AMBER), Some(Tlp::Amber)),
        (red_named(marked(14, TLP1_RED)), Some(Tlp::Red)),
        // The most restrictive marking wins.
        (
            {
                let mut o = indicator(15);
                o["object_marking_refs"] = json!([Tlp::Clear.marking_id(), TLP1_AMBER]);
                o
            },
            Some(Tlp::Amber),
        ),
        (indicator(20), Some(Tlp::Green)),
        (marked(21, UNKNOWN), None),
        (marked(22, STATEMENT), Some(Tlp::Green)),
        (statement, Some(Tlp::Green)),
    ]
}

struct ReaderCase {
    label: &'static str,
    cred: Cred,
    org: Option<&'static str>,
    user: Option<&'static str>,
    person: bool,
}

/// The rules of issue 7, written out: the submitter is alice (Mercy); Lab is the collection's
/// AMBER audience; RED objects name rita.
fn may_read(level: Option<Tlp>, r: &ReaderCase) -> bool {
    let member = r.org.is_some();
    match level {
        None => false,
        Some(Tlp::Clear) => true,
        Some(Tlp::Green) => member,
        Some(Tlp::Amber | Tlp::AmberStrict) => matches!(r.org, Some("Mercy" | "Lab")),
        Some(Tlp::Red) => r.person && matches!(r.user, Some("alice" | "rita")),
    }
}

fn id(o: &Value) -> String {
    o["id"].as_str().unwrap_or_default().to_string()
}

async fn ids_via_objects(h: &Hub, cred: &Cred) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut next: Option<String> = None;
    loop {
        let mut path = h.path("objects/?limit=3");
        if let Some(n) = &next {
            path.push_str(&format!("&next={n}"));
        }
        let page = h.get(cred, &path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let page = page.json();
        for o in page["objects"].as_array().into_iter().flatten() {
            assert!(seen.insert(id(o)), "served twice: {o}");
        }
        match page["next"].as_str() {
            Some(n) => next = Some(n.to_string()),
            None => return seen,
        }
    }
}

async fn ids_via_manifest(h: &Hub, cred: &Cred) -> BTreeSet<String> {
    let page = h.get(cred, &h.path("manifest/")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    page.json()["objects"]
        .as_array()
        .into_iter()
        .flatten()
        .map(id)
        .collect()
}

#[tokio::test]
async fn every_level_reader_and_path() {
    let h = hub(&[]);
    let rita = h.member("rita").user.id.clone();
    let cases = objects(&rita);
    let posted: Vec<Value> = cases.iter().map(|(o, _)| o.clone()).collect();
    h.post_ok(&h.member("alice").token, &posted).await;

    let readers = vec![
        ReaderCase {
            label: "submitter (person)",
            cred: h.member("alice").password.clone(),
            org: Some("Mercy"),
            user: Some("alice"),
            person: true,
        },
        ReaderCase {
            label: "submitter (machine)",
            cred: h.member("alice").token.clone(),
            org: Some("Mercy"),
            user: Some("alice"),
            person: false,
        },
        ReaderCase {
            label: "AMBER-named organization",
            cred: h.member("bob").token.clone(),
            org: Some("Lab"),
            user: Some("bob"),
            person: false,
        },
        ReaderCase {
            label: "AMBER-named organization (person)",
            cred: h.member("bob").password.clone(),
            org: Some("Lab"),
            user: Some("bob"),
            person: true,
        },
        ReaderCase {
            label: "other member",
            cred: h.member("carol").token.clone(),
            org: Some("Clinic"),
            user: Some("carol"),
            person: false,
        },
        ReaderCase {
            label: "anonymous",
            cred: Cred::None,
            org: None,
            user: None,
            person: false,
        },
        ReaderCase {
            label: "RED-named user",
            cred: h.member("rita").password.clone(),
            org: Some("Clinic"),
            user: Some("rita"),
            person: true,
        },
        ReaderCase {
            label: "RED-named user on a token (a sync)",
            cred: h.member("rita").token.clone(),
            org: Some("Clinic"),
            user: Some("rita"),
            person: false,
        },
    ];

    for r in &readers {
        let expected: BTreeSet<String> = cases
            .iter()
            .filter(|(_, level)| may_read(*level, r))
            .map(|(o, _)| id(o))
            .collect();
        assert_eq!(
            ids_via_objects(&h, &r.cred).await,
            expected,
            "objects endpoint, {}",
            r.label
        );
        assert_eq!(
            ids_via_manifest(&h, &r.cred).await,
            expected,
            "manifest endpoint, {}",
            r.label
        );
        for (o, level) in &cases {
            let oid = id(o);
            let single = h.get(&r.cred, &h.path(&format!("objects/{oid}/"))).await;
            let versions = h
                .get(&r.cred, &h.path(&format!("objects/{oid}/versions/")))
                .await;
            if may_read(*level, r) {
                assert_eq!(single.status, StatusCode::OK, "object {oid}, {}", r.label);
                assert_eq!(single.json()["objects"][0]["id"], oid.as_str());
                assert_eq!(
                    versions.status,
                    StatusCode::OK,
                    "versions {oid}, {}",
                    r.label
                );
                assert_eq!(
                    versions.json()["versions"].as_array().map(Vec::len),
                    Some(1)
                );
            } else {
                // Hidden means absent: the same 404 as an id that was never posted.
                assert_eq!(
                    single.status,
                    StatusCode::NOT_FOUND,
                    "object {oid} served to {}: {}",
                    r.label,
                    single.text()
                );
                assert_eq!(
                    versions.status,
                    StatusCode::NOT_FOUND,
                    "versions of {oid} served to {}",
                    r.label
                );
            }
        }
        // The RED recipient list goes to nobody but the submitting organization.
        let everything = ids_via_objects_text(&h, &r.cred).await;
        if r.org != Some("Mercy") {
            assert!(!everything.contains(RED_RECIPIENTS), "{}", r.label);
        }
    }
}

async fn ids_via_objects_text(h: &Hub, cred: &Cred) -> String {
    h.get(cred, &h.path("objects/")).await.text()
}

/// Granular markings: each property reaches exactly the readers cleared for its marking.
#[tokio::test]
async fn properties_above_clearance_are_removed() {
    let h = hub(&[]);
    let mut o = indicator(40);
    o["description"] = json!("seen beaconing from the lab network");
    o["labels"] = json!(["ransomware", "beacon"]);
    o["external_references"] =
        json!([{"source_name": "case", "description": "d", "external_id": "C-1"}]);
    o["granular_markings"] = json!([
        {"marking_ref": Tlp::Red.marking_id(), "selectors": ["description"]},
        {"marking_ref": Tlp::Amber.marking_id(), "selectors": ["name", "labels.[1]"]},
        {"marking_ref": UNKNOWN, "selectors": ["external_references.[0].external_id"]},
        {"marking_ref": Tlp::Clear.marking_id(), "selectors": ["pattern"]},
    ]);
    h.post_ok(&h.member("alice").token, &[o]).await;
    let path = h.path(&format!("objects/{}/", id_of(40)));
    let get = |cred: Cred| {
        let h = &h;
        let path = path.clone();
        async move {
            let r = h.get(&cred, &path).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            r.json()["objects"][0].clone()
        }
    };
    let alice = get(h.member("alice").password.clone()).await;
    assert!(alice.get("description").is_some() && alice.get("name").is_some());
    // The property under a marking the hub does not understand goes, for everyone.
    assert!(
        alice["external_references"][0].get("external_id").is_none(),
        "{alice}"
    );
    assert_eq!(alice["external_references"][0]["description"], "d");
    let bob = get(h.member("bob").token.clone()).await;
    assert!(bob.get("description").is_none(), "{bob}");
    assert_eq!(bob["name"], "Indicator 40");
    assert_eq!(bob["labels"], json!(["ransomware", "beacon"]));
    let carol = get(h.member("carol").token.clone()).await;
    assert!(carol.get("description").is_none() && carol.get("name").is_none());
    // A list with one element above clearance is withheld whole (indices stay true).
    assert!(carol.get("labels").is_none(), "{carol}");
    assert_eq!(carol["pattern"], "[ipv4-addr:value = '203.0.113.40']");
    // What is served stays valid STIX: selectors point only at what is left.
    for served in [&alice, &bob, &carol] {
        let problems: Vec<_> = ward_stix::validate::validate_object(served, "$")
            .into_iter()
            .filter(|p| p.severity == ward_stix::validate::Severity::Error)
            .collect();
        assert!(problems.is_empty(), "{problems:?} in {served}");
    }
}

/// Anonymous readers reach only a public collection, and only its CLEAR objects; every other
/// route still asks for credentials.
#[tokio::test]
async fn public_collection_without_credentials() {
    let h = hub(&[]);
    let mut clear = indicator(1);
    clear["object_marking_refs"] = json!([Tlp::Clear.marking_id()]);
    h.post_ok(&h.member("alice").token, &[clear, indicator(2)])
        .await;
    let anon = Cred::None;
    let list = h.get(&anon, &h.path("objects/")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()["objects"].as_array().map(Vec::len), Some(1));
    let info = h.get(&anon, &h.path("")).await;
    assert_eq!(info.json()["can_write"], false);
    for path in ["/taxii2/", "/taxii2/api/collections/", "/"] {
        assert_eq!(
            h.get(&anon, path).await.status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    let post = h
        .send(
            "POST",
            &h.path("objects/"),
            &anon,
            json!({"objects": []}).to_string(),
        )
        .await;
    assert_eq!(post.status, StatusCode::UNAUTHORIZED);
    // Switched off, the collection needs credentials again (after the settings cache).
    ward_policy::settings::change_collection(
        h.store.as_ref(),
        &h.collection,
        &ward_policy::CollectionChange {
            public: Some(false),
            amber: None,
        },
    )
    .expect("settings");
    let fresh = ward_policy::Policy::new(h.store.clone()).expect("policy");
    let c = ward_store::Store::collection(h.store.as_ref(), &h.collection)
        .expect("store")
        .expect("collection");
    assert!(!ward_hub_api::ReadFilter::admits_anonymous(&fresh, &c));
}

/// Removing a property the object cannot do without leaves nothing valid to serve: the
/// reader gets nothing rather than broken STIX.
#[tokio::test]
async fn a_required_property_above_clearance_hides_the_object() {
    let h = hub(&[]);
    let mut o = indicator(41);
    o["granular_markings"] =
        json!([{"marking_ref": Tlp::Amber.marking_id(), "selectors": ["pattern"]}]);
    h.post_ok(&h.member("alice").token, &[o]).await;
    let path = h.path(&format!("objects/{}/", id_of(41)));
    assert_eq!(
        h.get(&h.member("bob").token, &path).await.status,
        StatusCode::OK
    );
    assert_eq!(
        h.get(&h.member("carol").token, &path).await.status,
        StatusCode::NOT_FOUND
    );
}
