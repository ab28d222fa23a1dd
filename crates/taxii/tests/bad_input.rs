//! Bad input always gets a TAXII error body with the right status, never a 500; invalid
//! objects fail one by one in the status while the rest of the envelope is stored.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use ward_taxii::HubConfig;

fn assert_taxii_error(reply: &Reply, status: StatusCode) {
    assert_eq!(
        reply.status,
        status,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.header("content-type").as_deref(), Some(TAXII));
    let body = reply.json();
    assert!(body["title"].is_string(), "no TAXII error body: {body}");
    assert_eq!(body["http_status"], status.as_u16().to_string());
}

#[tokio::test]
async fn bad_parameters_are_400() {
    let h = harness(HubConfig::default());
    let base = h.objects_path();
    for query in [
        "added_after=yesterday",
        "added_after=2024-01-01T00:00:00",
        "limit=0",
        "limit=-3",
        "match[version]=newest",
        "next=forged.cursor",
    ] {
        let reply = h.get(&h.writer, &format!("{base}?{query}")).await;
        assert_taxii_error(&reply, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn media_types_are_enforced() {
    let h = harness(HubConfig::default());
    let reply = h
        .send(
            Request::get(h.objects_path())
                .header("Authorization", format!("Bearer {}", h.writer))
                .header("Accept", "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_taxii_error(&reply, StatusCode::NOT_ACCEPTABLE);
    let reply = h
        .send(
            Request::post(h.objects_path())
                .header("Authorization", format!("Bearer {}", h.writer))
                .header("Content-Type", "application/json")
                .body(Body::from(envelope(&[indicator(1)])))
                .unwrap(),
        )
        .await;
    assert_taxii_error(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn oversized_body_is_413() {
    let h = harness(HubConfig {
        max_body: 2048,
        ..HubConfig::default()
    });
    let big = envelope(&(0..40).map(indicator).collect::<Vec<_>>());
    assert!(big.len() > 2048);
    let reply = h.post(&h.writer, &h.objects_path(), big.clone()).await;
    assert_taxii_error(&reply, StatusCode::PAYLOAD_TOO_LARGE);
    // Without a Content-Length (streamed body) the limit still holds.
    let stream = futures_stream(big.into_bytes());
    let reply = h.post(&h.writer, &h.objects_path(), stream).await;
    assert_taxii_error(&reply, StatusCode::PAYLOAD_TOO_LARGE);
}

fn futures_stream(bytes: Vec<u8>) -> Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        bytes.chunks(500).map(|c| Ok(c.to_vec())).collect();
    Body::from_stream(tokio_stream_iter(chunks))
}

/// A minimal stream over a vector, so the test needs no extra crate.
fn tokio_stream_iter(
    items: Vec<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    struct Iter(std::vec::IntoIter<Result<Vec<u8>, std::io::Error>>);
    impl futures_core::Stream for Iter {
        type Item = Result<Vec<u8>, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    Iter(items.into_iter())
}

#[tokio::test]
async fn invalid_objects_fail_alone_and_the_rest_is_stored() {
    let h = harness(HubConfig::default());
    let objects = vec![
        indicator(1),
        r#"{"type":"indicator","id":"indicator--not-a-uuid"}"#.to_string(),
        indicator(2),
        r#"{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000009","created":"2024-01-01T00:00:00.000Z","modified":"yesterday","pattern":"[ipv4-addr:value = '1.2.3.4']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}"#.to_string(),
        "{}".to_string(),
    ];
    let reply = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(reply.header("content-type").as_deref(), Some(TAXII));
    let status = reply.json();
    assert_eq!(status["status"], "complete");
    assert_eq!(status["total_count"], 5);
    assert_eq!(status["success_count"], 2);
    assert_eq!(status["failure_count"], 3);
    let failures = status["failures"].as_array().unwrap();
    assert_eq!(failures[0]["id"], "indicator--not-a-uuid");
    assert!(failures
        .iter()
        .all(|f| f["message"].as_str().is_some_and(|m| !m.is_empty())));
    let page = h.get(&h.writer, &h.objects_path()).await.json();
    assert_eq!(page["objects"].as_array().unwrap().len(), 2);
    // The status persists and is readable later by the poster's organization only.
    let path = format!("/taxii2/api/status/{}/", status["id"].as_str().unwrap());
    assert_eq!(h.get(&h.writer, &path).await.json()["success_count"], 2);
    assert_taxii_error(&h.get(&h.reader, &path).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hostile_bodies_never_500() {
    let h = harness(HubConfig::default());
    let bomb = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let nested_obj = format!(
        r#"{{"objects":[{}1{}]}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        br#"{"objects":{}}"#.to_vec(),
        br#"{"objects":[1,"x",null,[],{}]}"#.to_vec(),
        br#"{"objects":[{"type":7,"id":[]}]}"#.to_vec(),
        vec![0xff, 0xfe, b'{', b'}'],
        bomb.into_bytes(),
        nested_obj.into_bytes(),
        br#"{"objects":[{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000001","modified":"9999-99-99T99:99:99Z"}]}"#.to_vec(),
    ];
    for body in bodies {
        let reply = h.post(&h.writer, &h.objects_path(), body.clone()).await;
        assert!(
            reply.status == StatusCode::ACCEPTED
                || reply.status == StatusCode::BAD_REQUEST
                || reply.status == StatusCode::UNPROCESSABLE_ENTITY,
            "{} for {:?}",
            reply.status,
            String::from_utf8_lossy(&body[..body.len().min(80)])
        );
        assert_eq!(reply.header("content-type").as_deref(), Some(TAXII));
    }
}

#[tokio::test]
async fn access_rules() {
    let h = harness(HubConfig::default());
    // No credentials: 401 with a challenge.
    let reply = h
        .send(Request::get("/taxii2/").body(Body::empty()).unwrap())
        .await;
    assert_taxii_error(&reply, StatusCode::UNAUTHORIZED);
    assert!(reply.header("www-authenticate").is_some());
    let reply = h.get("ward_wrong", "/taxii2/").await;
    assert_taxii_error(&reply, StatusCode::UNAUTHORIZED);
    // A reader may not write: 403; a collection it is not part of: 404.
    let reply = h
        .post(&h.reader, &h.objects_path(), envelope(&[indicator(1)]))
        .await;
    assert_taxii_error(&reply, StatusCode::FORBIDDEN);
    let hidden = format!("/taxii2/api/collections/{}/objects/", h.hidden);
    assert_taxii_error(&h.get(&h.reader, &hidden).await, StatusCode::NOT_FOUND);
    assert_taxii_error(
        &h.post(&h.reader, &hidden, envelope(&[indicator(1)])).await,
        StatusCode::NOT_FOUND,
    );
    assert_eq!(h.get(&h.writer, &hidden).await.status, StatusCode::OK);
    // Unknown endpoints and methods still answer TAXII errors.
    assert_taxii_error(&h.get(&h.writer, "/nope").await, StatusCode::NOT_FOUND);
    let reply = h
        .send(
            Request::put(h.objects_path())
                .header("Authorization", format!("Bearer {}", h.writer))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_taxii_error(&reply, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn bodies_that_are_not_envelopes_are_422_and_store_nothing() {
    let h = harness(HubConfig::default());
    let bodies = [
        indicator(1),
        "{}".to_string(),
        "[]".to_string(),
        r#"{"x_foo":1}"#.to_string(),
        r#"{"objects":null}"#.to_string(),
        r#"{"objects":{}}"#.to_string(),
        format!("[[{}]]", indicator(1)),
        // Entries that are not objects: refused whole, before anything is stored.
        format!(r#"{{"objects":[{},1]}}"#, indicator(1)),
        format!(r#"{{"objects":[{},"x",null,[]]}}"#, indicator(1)),
        format!("{{\"objects\":[{}]}}", vec!["1"; 10_000].join(",")),
    ];
    for body in bodies {
        let reply = h.post(&h.writer, &h.objects_path(), body.clone()).await;
        assert_taxii_error(&reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            reply.json()["description"]
                .as_str()
                .is_some_and(|d| d.contains("envelope")),
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
    }
    let page = h.get(&h.writer, &h.objects_path()).await.json();
    assert_eq!(
        page["objects"],
        serde_json::json!([]),
        "something was stored"
    );
    assert!(
        ward_store::Store::statuses(h.store.as_ref())
            .unwrap()
            .is_empty(),
        "a status was written"
    );
    // An envelope with an empty list is an envelope (TAXII 2.1 allows it): nothing to add.
    let reply = h
        .post(&h.writer, &h.objects_path(), r#"{"objects":[]}"#)
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(reply.json()["total_count"], 0);
}

#[tokio::test]
async fn duplicates_versions_and_delete() {
    let h = harness(HubConfig::default());
    let v1 = indicator(7);
    let v2 = v1.replace(
        r#""modified":"2024-01-01T00:00:00.000Z""#,
        r#""modified":"2024-05-01T00:00:00.000Z""#,
    );
    let first = h
        .post(
            &h.writer,
            &h.objects_path(),
            envelope(std::slice::from_ref(&v1)),
        )
        .await;
    assert_eq!(first.json()["success_count"], 1);
    let dup = h
        .post(
            &h.writer,
            &h.objects_path(),
            envelope(std::slice::from_ref(&v1)),
        )
        .await;
    assert_eq!(dup.json()["success_count"], 1);
    assert_eq!(dup.json()["failure_count"], 0);
    h.post(
        &h.writer,
        &h.objects_path(),
        envelope(std::slice::from_ref(&v2)),
    )
    .await;
    let id = "indicator--00000000-0000-4000-8000-000000000007";
    let object = format!("{}{id}/", h.objects_path());
    // Bytes come back exactly as posted.
    let latest = h.get(&h.writer, &object).await;
    assert_eq!(
        String::from_utf8(latest.body).unwrap(),
        format!(r#"{{"more":false,"objects":[{v2}]}}"#)
    );
    let all = h
        .get(&h.writer, &format!("{object}?match[version]=all"))
        .await;
    assert_eq!(all.json()["objects"].as_array().unwrap().len(), 2);
    let versions = h.get(&h.writer, &format!("{object}versions/")).await;
    assert_eq!(
        versions.json()["versions"],
        serde_json::json!(["2024-01-01T00:00:00.000Z", "2024-05-01T00:00:00.000Z"])
    );
    let at = h
        .get(
            &h.writer,
            &format!("{object}?match[version]=2024-01-01T00:00:00Z"),
        )
        .await;
    assert_eq!(
        at.json()["objects"][0]["modified"],
        "2024-01-01T00:00:00.000Z"
    );
    let delete = h
        .send(
            Request::delete(&object)
                .header("Authorization", format!("Bearer {}", h.writer))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(delete.status, StatusCode::OK);
    assert_taxii_error(&h.get(&h.writer, &object).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn empty_pages_carry_no_date_headers() {
    let h = harness(HubConfig::default());
    let reply = h.get(&h.writer, &h.objects_path()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["objects"], serde_json::json!([]));
    assert_eq!(reply.header("x-taxii-date-added-first"), None);
    assert_eq!(reply.header("x-taxii-date-added-last"), None);
    h.post(&h.writer, &h.objects_path(), envelope(&[indicator(1)]))
        .await;
    let after = "2999-01-01T00:00:00Z";
    let reply = h
        .get(
            &h.writer,
            &format!("{}?added_after={after}", h.objects_path()),
        )
        .await;
    assert_eq!(reply.json()["objects"], serde_json::json!([]));
    assert_eq!(reply.header("x-taxii-date-added-last"), None);
    assert!(reply.header("x-taxii-date-added-first").is_none());
}

#[tokio::test]
async fn hostile_credentials_are_401_not_500() {
    let h = harness(HubConfig::default());
    for value in [
        "Basic",
        "Basic !!!",
        "Basic bm9jb2xvbg==",
        "Basic //79/w==",
        "Bearer",
        "Bearer ",
        "Negotiate abc",
        "",
    ] {
        let reply = h
            .send(
                Request::get("/taxii2/")
                    .header("Authorization", value)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_taxii_error(&reply, StatusCode::UNAUTHORIZED);
    }
    let reply = h
        .send(
            Request::get("/taxii2/")
                .header("Authorization", &b"Basic \xff\xfe"[..])
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_taxii_error(&reply, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn large_envelopes_report_and_store_like_small_ones() {
    // More than one transaction's worth: the first chunk and the rest are checked beside
    // the writer; invalid objects and a repeat are spread through both.
    let h = harness(HubConfig::default());
    let total = ward_taxii::ingest::CHUNK + 300;
    let mut objects = Vec::with_capacity(total);
    let mut invalid = Vec::new();
    for n in 0..total {
        if n % 97 == 5 {
            let id = format!("indicator--broken-{n}");
            objects.push(format!(r#"{{"type":"indicator","id":"{id}"}}"#));
            invalid.push(id);
        } else if n == total - 1 {
            // The same version again: a success, stored once.
            objects.push(indicator(0));
        } else {
            objects.push(indicator(n));
        }
    }
    let reply = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    let status = reply.json();
    assert_eq!(status["status"], "complete");
    assert_eq!(status["total_count"], total);
    assert_eq!(status["failure_count"], invalid.len());
    assert_eq!(status["success_count"], total - invalid.len());
    assert_eq!(status["pending_count"], 0);
    let failed: Vec<&str> = status["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(failed, invalid);
    let successes = status["successes"].as_array().unwrap();
    assert_eq!(
        successes[1]["id"],
        "indicator--00000000-0000-4000-8000-000000000001"
    );
    assert_eq!(successes[1]["version"], "2024-01-01T00:00:00.000Z");
    let stored = total - invalid.len() - 1;
    assert_eq!(
        ward_store::Store::count_objects(h.store.as_ref(), &h.collection).unwrap(),
        stored as u64
    );
    // Who posted is recorded for every stored version.
    let page = ward_store::Store::query_objects(
        h.store.as_ref(),
        &h.collection,
        &ward_store::ObjectQuery {
            limit: 10_000,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.items.len(), stored);
    let alice = ward_store::Store::user(h.store.as_ref(), "alice")
        .unwrap()
        .unwrap();
    for v in page.items.iter().step_by(500) {
        let by =
            ward_store::Store::submitter(h.store.as_ref(), &h.collection, &v.id, &v.version_key)
                .unwrap()
                .expect("a submitter");
        assert_eq!(by.org_id, alice.org_id);
    }
    // The status persisted as answered.
    let path = format!("/taxii2/api/status/{}/", status["id"].as_str().unwrap());
    let again = h.get(&h.writer, &path).await.json();
    assert_eq!(again["success_count"], status["success_count"]);
    assert_eq!(again["failure_count"], status["failure_count"]);
}
