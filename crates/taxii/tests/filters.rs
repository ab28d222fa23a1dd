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

/// Hides versions marked `"x_hidden":true` from readers outside the writer's organization.
struct HideMarked {
    writer_org: String,
}
impl ReadFilter for HideMarked {
    fn check(&self, caller: &Caller, _: &Collection, v: &StoredVersion) -> ReadDecision {
        if v.json.contains("\"x_hidden\":true") && caller.org_id != self.writer_org {
            ReadDecision::Hide
        } else {
            ReadDecision::Keep
        }
    }
}

fn hidden(object: &str) -> String {
    object.replacen("\"pattern\"", "\"x_hidden\":true,\"pattern\"", 1)
}

fn dates(reply: &Reply) -> (Option<String>, Option<String>) {
    (
        reply.header("x-taxii-date-added-first"),
        reply.header("x-taxii-date-added-last"),
    )
}

/// Issue 16: pages, `more`, `next` and the date headers say nothing of hidden versions.
#[tokio::test]
async fn hidden_versions_leave_no_trace_in_pages_or_headers() {
    let mut h = harness(HubConfig::default());
    let writer_org = h.store.user("alice").unwrap().unwrap().org_id;
    h.state = h
        .state
        .clone()
        .with_read_filter(Arc::new(HideMarked { writer_org }));
    // Ten objects, every other one hidden, each posted on its own (its own date_added);
    // the last ones stored are hidden.
    for n in 0..10 {
        let o = if n % 2 == 1 {
            hidden(&indicator(n))
        } else {
            indicator(n)
        };
        h.post(&h.writer, &h.objects_path(), envelope(&[o])).await;
    }
    h.post(
        &h.writer,
        &h.objects_path(),
        envelope(&[hidden(&indicator(20))]),
    )
    .await;
    // When each object was added, as its writer sees it.
    let manifest = h
        .get(
            &h.writer,
            &format!("{}manifest/", h.objects_path().trim_end_matches("objects/")),
        )
        .await
        .json();
    let added: std::collections::HashMap<String, String> = manifest["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_string(),
                m["date_added"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(added.len(), 11);

    // limit=1: every page holds one readable object, and the last one says there is no more.
    for endpoint in ["objects/", "manifest/"] {
        let base = format!(
            "{}{endpoint}",
            h.objects_path().trim_end_matches("objects/")
        );
        let mut next: Option<String> = None;
        let mut seen = Vec::new();
        loop {
            let mut path = format!("{base}?limit=1");
            if let Some(n) = &next {
                path.push_str(&format!("&next={n}"));
            }
            let reply = h.get(&h.reader, &path).await;
            let page = reply.json();
            let objects = page["objects"].as_array().unwrap();
            assert_eq!(
                objects.len(),
                1,
                "{endpoint}: an empty or short page: {page}"
            );
            let id = objects[0]["id"].as_str().unwrap().to_string();
            let at = Some(added[&id].clone());
            assert_eq!(
                dates(&reply),
                (at.clone(), at),
                "{endpoint}: headers of {id}"
            );
            seen.push(id);
            match page["next"].as_str() {
                Some(n) => {
                    assert_eq!(page["more"], true);
                    next = Some(n.to_string());
                }
                None => {
                    assert_eq!(page["more"], false, "{endpoint}: {page}");
                    break;
                }
            }
        }
        let expected: Vec<String> = (0..10)
            .step_by(2)
            .map(|n| format!("indicator--00000000-0000-4000-8000-{n:012}"))
            .collect();
        assert_eq!(seen, expected, "{endpoint}");
    }

    // One page of everything: the headers are those of the readable objects.
    let reply = h.get(&h.reader, &h.objects_path()).await;
    let first = added["indicator--00000000-0000-4000-8000-000000000000"].clone();
    let last = added["indicator--00000000-0000-4000-8000-000000000008"].clone();
    assert_eq!(dates(&reply), (Some(first), Some(last.clone())));
    assert_eq!(reply.json()["more"], false);

    // After the last readable object only hidden ones follow: an empty page, no dates.
    let reply = h
        .get(
            &h.reader,
            &format!("{}?added_after={last}", h.objects_path()),
        )
        .await;
    assert_eq!(reply.json()["objects"], serde_json::json!([]));
    assert_eq!(reply.json()["more"], false);
    assert_eq!(dates(&reply), (None, None));

    // Versions: a hidden later version changes nothing for the reader.
    let v1 = indicator(30);
    let v2 = hidden(&v1.replace(
        r#""modified":"2024-01-01T00:00:00.000Z""#,
        r#""modified":"2024-06-01T00:00:00.000Z""#,
    ));
    h.post(&h.writer, &h.objects_path(), envelope(&[v1])).await;
    h.post(&h.writer, &h.objects_path(), envelope(&[v2])).await;
    let id = "indicator--00000000-0000-4000-8000-000000000030";
    let all = h
        .get(&h.writer, &format!("{}{id}/versions/", h.objects_path()))
        .await;
    assert_eq!(all.json()["versions"].as_array().unwrap().len(), 2);
    let mine = h
        .get(&h.reader, &format!("{}{id}/versions/", h.objects_path()))
        .await;
    assert_eq!(
        mine.json()["versions"],
        serde_json::json!(["2024-01-01T00:00:00.000Z"])
    );
    let (first, last) = dates(&mine);
    assert_eq!(
        first,
        last,
        "the headers name the hidden version: {:?}",
        dates(&mine)
    );
    assert_eq!(first, dates(&all).0);
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
