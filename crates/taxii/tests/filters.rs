//! The policy seams: a publish filter can rewrite or refuse posted objects (the scrubber's
//! place), a read filter can hide or rewrite served ones (TLP and anonymization), and paging
//! stays exact when versions are hidden.

mod common;

use std::collections::HashSet;
use std::sync::Arc;

use common::*;
use serde_json::Value;
use ward_store::{Collection, Store, StoredVersion};
use ward_taxii::{
    Caller, EnvelopeRecords, HubConfig, PublishDecision, PublishFilter, ReadDecision, ReadFilter,
};

/// Refuses objects named "secret", replaces "PHI" in names, leaves the rest.
struct Scrub;
impl PublishFilter for Scrub {
    fn check(
        &self,
        _: &Caller,
        _: &Collection,
        object: &Value,
        raw: &str,
        _: &EnvelopeRecords,
    ) -> PublishDecision {
        match object.get("name").and_then(Value::as_str) {
            Some("secret") => PublishDecision::Reject("contains a secret".into()),
            Some(n) if n.contains("PHI") => PublishDecision::Replace(raw.replace("PHI", "[NAME]")),
            _ => PublishDecision::Keep,
        }
    }
}

/// Hides every object whose id ends in an odd digit from readers outside the writer's org.
struct HideOdd {
    writer_org: String,
}
impl ReadFilter for HideOdd {
    fn check(&self, caller: &Caller, _: &Collection, v: &StoredVersion) -> ReadDecision {
        let odd = v.id.ends_with(['1', '3', '5', '7', '9']);
        if odd && caller.org_id != self.writer_org {
            ReadDecision::Hide
        } else {
            ReadDecision::Keep
        }
    }
}

fn named(n: usize, name: &str) -> String {
    indicator(n).replacen(
        "\"pattern\"",
        &format!("\"name\":\"{name}\",\"pattern\""),
        1,
    )
}

#[tokio::test]
async fn publish_filter_rewrites_and_refuses() {
    let mut h = harness(HubConfig::default());
    h.state = h.state.clone().with_publish_filter(Arc::new(Scrub));
    let body = envelope(&[
        named(1, "PHI of a patient"),
        named(2, "secret"),
        named(3, "ok"),
    ]);
    let status = h.post(&h.writer, &h.objects_path(), body).await.json();
    assert_eq!(status["success_count"], 2);
    assert_eq!(status["failures"][0]["message"], "contains a secret");
    let page = h.get(&h.writer, &h.objects_path()).await;
    let text = String::from_utf8(page.body).unwrap();
    assert!(
        text.contains("[NAME] of a patient") && !text.contains("PHI"),
        "{text}"
    );
}

#[tokio::test]
async fn read_filter_hides_without_breaking_pages() {
    let mut h = harness(HubConfig::default());
    let writer_org = h.store.user("alice").unwrap().unwrap().org_id;
    h.state = h
        .state
        .clone()
        .with_read_filter(Arc::new(HideOdd { writer_org }));
    let objects: Vec<String> = (0..30).map(indicator).collect();
    h.post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let mut path = format!("{}?limit=7", h.objects_path());
        if let Some(n) = &next {
            path.push_str(&format!("&next={n}"));
        }
        let page = h.get(&h.reader, &path).await.json();
        for o in page["objects"].as_array().unwrap() {
            seen.push(o["id"].as_str().unwrap().to_string());
        }
        match page["next"].as_str() {
            Some(n) => next = Some(n.to_string()),
            None => break,
        }
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(seen.len(), 15);
    assert_eq!(unique.len(), 15);
    assert!(seen
        .iter()
        .all(|id| !id.ends_with(['1', '3', '5', '7', '9'])));
    // The writer's organization still sees everything.
    let all = h.get(&h.writer, &h.objects_path()).await.json();
    assert_eq!(all["objects"].as_array().unwrap().len(), 30);
}

/// A read filter that panics where the authentication layer asks it whether a collection is
/// public (async code, not a blocking task).
struct Explodes;
impl ReadFilter for Explodes {
    fn check(&self, _: &Caller, _: &Collection, _: &StoredVersion) -> ReadDecision {
        ReadDecision::Keep
    }
    fn admits_anonymous(&self, _: &Collection) -> bool {
        panic!("test: a filter that panics")
    }
}

#[tokio::test]
async fn a_panic_in_a_handler_is_a_taxii_500() {
    let mut h = harness(HubConfig::default());
    h.state = h.state.clone().with_read_filter(Arc::new(Explodes));
    let reply = h
        .send(
            axum::http::Request::get(h.objects_path())
                .header("Accept", TAXII)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.header("content-type").as_deref(), Some(TAXII));
    assert_eq!(reply.json()["http_status"], "500");
    // The hub goes on answering.
    let reply = h.get(&h.writer, &h.objects_path()).await;
    assert_eq!(reply.status, 200);
}
