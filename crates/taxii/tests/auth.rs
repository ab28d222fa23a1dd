//! Sign-in: failed attempts are throttled (429 with `Retry-After`), a changed or removed
//! password and a revoked or expired token stop working at once even when another process
//! made the change, and a token's last use is recorded.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use common::*;
use ward_store::credentials::{hash_password, new_token, token_hash};
use ward_store::{SqliteStore, Store};
use ward_taxii::HubConfig;

fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    let raw = format!("{user}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

async fn get_with(h: &Harness, authorization: &str) -> Reply {
    h.send(
        Request::get("/taxii2/api/collections/")
            .header("Authorization", authorization)
            .header("Accept", TAXII)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// The same store opened again, as a second hub process or `ward admin` would.
fn other_process(h: &Harness) -> SqliteStore {
    SqliteStore::open(h._dir.path()).unwrap()
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_user_and_address() {
    let h = harness(HubConfig {
        auth_failures: 3,
        auth_window: Duration::from_secs(600),
        ..HubConfig::default()
    });
    h.store
        .set_password("alice", Some(&hash_password("right").unwrap()))
        .unwrap();
    for _ in 0..3 {
        let reply = get_with(&h, &basic("alice", "guess")).await;
        assert_eq!(reply.status, 401);
    }
    // The right password no longer helps until the window ends.
    let reply = get_with(&h, &basic("alice", "right")).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("content-type").as_deref(), Some(TAXII));
    assert_eq!(reply.json()["http_status"], "429");
    let retry: u64 = reply
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!((1..=600).contains(&retry), "{retry}");
    // Unknown users and bad tokens count too (by address): this harness has one address.
    let reply = get_with(&h, &format!("Bearer {}", h.reader)).await;
    assert_eq!(reply.status, 429);
}

#[tokio::test]
async fn a_changed_or_removed_password_fails_at_once() {
    let h = harness(HubConfig::default());
    h.store
        .set_password("alice", Some(&hash_password("first").unwrap()))
        .unwrap();
    assert_eq!(get_with(&h, &basic("alice", "first")).await.status, 200);
    assert_eq!(get_with(&h, &basic("alice", "first")).await.status, 200);
    // Changed by another process sharing the store.
    other_process(&h)
        .set_password("alice", Some(&hash_password("second").unwrap()))
        .unwrap();
    assert_eq!(get_with(&h, &basic("alice", "first")).await.status, 401);
    assert_eq!(get_with(&h, &basic("alice", "second")).await.status, 200);
    other_process(&h).set_password("alice", None).unwrap();
    assert_eq!(get_with(&h, &basic("alice", "second")).await.status, 401);
}

#[tokio::test]
async fn revoked_and_expired_tokens_fail_at_once_and_use_is_recorded() {
    let h = harness(HubConfig::default());
    let token = new_token().unwrap();
    let hash = token_hash(&token);
    h.store.add_token("alice", &hash, "sync").unwrap();
    assert_eq!(get_with(&h, &format!("Bearer {token}")).await.status, 200);
    // The last use is written beside the request; give it a moment (bounded).
    let mut used = None;
    for _ in 0..100 {
        used = h
            .store
            .tokens()
            .unwrap()
            .into_iter()
            .find(|t| t.hash == hash)
            .and_then(|t| t.last_used);
        if used.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(used.is_some(), "last use not recorded");
    assert!(other_process(&h).revoke_token(&hash).unwrap());
    let reply = get_with(&h, &format!("Bearer {token}")).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.header("content-type").as_deref(), Some(TAXII));

    let expiring = new_token().unwrap();
    let past = ward_stix::Timestamp::now().as_micros() - 1;
    h.store
        .add_token_expiring("alice", &token_hash(&expiring), "old", Some(past))
        .unwrap();
    assert_eq!(
        get_with(&h, &format!("Bearer {expiring}")).await.status,
        401
    );
    let later = new_token().unwrap();
    let future = ward_stix::Timestamp::now().as_micros() + 3_600_000_000;
    h.store
        .add_token_expiring("alice", &token_hash(&later), "new", Some(future))
        .unwrap();
    assert_eq!(get_with(&h, &format!("Bearer {later}")).await.status, 200);
}
