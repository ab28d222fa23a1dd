// In-process harness: the full router (every layer) over a temporary SQLite store.
#![allow(dead_code)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;
use ward_store::credentials::{new_token, token_hash};
use ward_store::{NewCollection, SqliteStore, Store};
use ward_taxii::{app, AppState, HubConfig};

pub const TAXII: &str = "application/taxii+json;version=2.1";

pub struct Harness {
    pub _dir: tempfile::TempDir,
    pub store: Arc<SqliteStore>,
    pub state: AppState,
    pub collection: String,
    pub hidden: String,
    pub writer: String,
    pub reader: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

pub fn harness(config: HubConfig) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(dir.path()).unwrap());
    store.add_org("Mercy").unwrap();
    store.add_org("LabB").unwrap();
    store.add_user("Mercy", "alice", None).unwrap();
    store.add_user("LabB", "bob", None).unwrap();
    let writer = new_token().unwrap();
    let reader = new_token().unwrap();
    store.add_token("alice", &token_hash(&writer), "").unwrap();
    store.add_token("bob", &token_hash(&reader), "").unwrap();
    let collection = store
        .create_collection(&NewCollection {
            title: "Alerts".into(),
            readers: vec!["Mercy".into(), "LabB".into()],
            writers: vec!["Mercy".into()],
            ..Default::default()
        })
        .unwrap()
        .id;
    let hidden = store
        .create_collection(&NewCollection {
            title: "Private".into(),
            readers: vec!["Mercy".into()],
            writers: vec!["Mercy".into()],
            ..Default::default()
        })
        .unwrap()
        .id;
    let dyn_store: Arc<dyn Store> = store.clone();
    let state = AppState::new(dyn_store, config).unwrap();
    Harness {
        _dir: dir,
        store,
        state,
        collection,
        hidden,
        writer,
        reader,
    }
}

impl Harness {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = app(self.state.clone()).oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, token: &str, path: &str) -> Reply {
        self.send(
            Request::get(path)
                .header("Authorization", format!("Bearer {token}"))
                .header("Accept", TAXII)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn post(&self, token: &str, path: &str, body: impl Into<Body>) -> Reply {
        self.send(
            Request::post(path)
                .header("Authorization", format!("Bearer {token}"))
                .header("Accept", TAXII)
                .header("Content-Type", TAXII)
                .body(body.into())
                .unwrap(),
        )
        .await
    }

    pub fn objects_path(&self) -> String {
        format!("/taxii2/api/collections/{}/objects/", self.collection)
    }
}

pub fn indicator(n: usize) -> String {
    format!(
        r#"{{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-{n:012}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.{}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}}"#,
        n % 250
    )
}

pub fn envelope(objects: &[String]) -> String {
    format!(r#"{{"objects":[{}]}}"#, objects.join(","))
}
