// In-process hub for the policy's tests: the full TAXII router (every layer) over a
// temporary SQLite store, with the policy installed exactly as `ward serve` installs it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;
use ward_policy::settings::{change_collection, change_org};
use ward_policy::{Attribution, CollectionChange, OrgChange, Policy};
use ward_store::credentials::{hash_password, new_token, token_hash};
use ward_store::{NewCollection, SqliteStore, Store, User};
use ward_taxii::{app, AppState, HubConfig};

pub const TAXII: &str = "application/taxii+json;version=2.1";

/// How a test request signs in.
#[derive(Clone, Debug)]
pub enum Cred {
    Token(String),
    Basic(String, String),
    None,
}

pub struct Member {
    pub user: User,
    pub token: Cred,
    pub password: Cred,
}

pub struct Hub {
    pub _dir: tempfile::TempDir,
    pub store: Arc<SqliteStore>,
    pub state: AppState,
    pub policy: Arc<Policy>,
    pub collection: String,
    pub members: HashMap<&'static str, Member>,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Organizations and their users: Mercy (alice, the submitter in most tests), Lab (bob),
/// Clinic (carol, and rita whom RED objects name), Rural (dave).
pub const MEMBERS: [(&str, &str); 5] = [
    ("alice", "Mercy"),
    ("bob", "Lab"),
    ("carol", "Clinic"),
    ("rita", "Clinic"),
    ("dave", "Rural"),
];

/// A hub whose collection "Shared" every organization reads and writes, public, with Lab as
/// its AMBER audience. Every organization shares anonymously unless `named` lists it.
pub fn hub(named: &[&str]) -> Hub {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Arc::new(SqliteStore::open(dir.path()).expect("store"));
    let mut orgs: Vec<&str> = MEMBERS.iter().map(|m| m.1).collect();
    orgs.dedup();
    for org in &orgs {
        store.add_org(org).expect("org");
    }
    let mut members = HashMap::new();
    for (name, org) in MEMBERS {
        let password = format!("pw-{name}");
        let phc = hash_password(&password).expect("hash");
        let user = store.add_user(org, name, Some(&phc)).expect("user");
        let token = new_token().expect("token");
        store
            .add_token(name, &token_hash(&token), "")
            .expect("token");
        members.insert(
            name,
            Member {
                user,
                token: Cred::Token(token),
                password: Cred::Basic(name.to_string(), password),
            },
        );
    }
    let all: Vec<String> = orgs.iter().map(|o| o.to_string()).collect();
    let collection = store
        .create_collection(&NewCollection {
            title: "Shared".into(),
            readers: all.clone(),
            writers: all,
            ..Default::default()
        })
        .expect("collection")
        .id;
    let dyn_store: Arc<dyn Store> = store.clone();
    change_collection(
        dyn_store.as_ref(),
        &collection,
        &CollectionChange {
            public: Some(true),
            amber: Some(vec!["Lab".into()]),
        },
    )
    .expect("collection settings");
    for org in named {
        change_org(
            dyn_store.as_ref(),
            org,
            &OrgChange {
                attribution: Some(Attribution::Named),
                ..Default::default()
            },
        )
        .expect("org settings");
    }
    let policy = Arc::new(Policy::new(dyn_store.clone()).expect("policy"));
    let state = AppState::new(dyn_store, HubConfig::default())
        .expect("state")
        .with_publish_filter(policy.clone())
        .with_read_filter(policy.clone())
        .with_sightings(policy.clone());
    Hub {
        _dir: dir,
        store,
        state,
        policy,
        collection,
        members,
    }
}

impl Hub {
    pub fn member(&self, name: &str) -> &Member {
        &self.members[name]
    }

    pub async fn send(&self, method: &str, path: &str, cred: &Cred, body: String) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("Accept", TAXII);
        if method == "POST" {
            req = req.header("Content-Type", TAXII);
        }
        match cred {
            Cred::Token(t) => req = req.header("Authorization", format!("Bearer {t}")),
            Cred::Basic(u, p) => {
                let encoded = base64_encode(format!("{u}:{p}").as_bytes());
                req = req.header("Authorization", format!("Basic {encoded}"));
            }
            Cred::None => {}
        }
        let response = app(self.state.clone())
            .oneshot(req.body(Body::from(body)).expect("request"))
            .await
            .expect("infallible");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec();
        Reply { status, body }
    }

    pub async fn get(&self, cred: &Cred, path: &str) -> Reply {
        self.send("GET", path, cred, String::new()).await
    }

    /// Posts objects and asserts every one was accepted.
    pub async fn post_ok(&self, cred: &Cred, objects: &[Value]) {
        let status = self.post(cred, objects).await;
        assert_eq!(status["failure_count"], 0, "posting failed: {status}");
    }

    pub async fn post(&self, cred: &Cred, objects: &[Value]) -> Value {
        let body = json!({ "objects": objects }).to_string();
        let reply = self.send("POST", &self.path("objects/"), cred, body).await;
        assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text());
        reply.json()
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/taxii2/api/collections/{}/{rest}", self.collection)
    }
}

fn base64_encode(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A valid indicator with a public address in its pattern.
pub fn indicator(n: usize) -> Value {
    json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "name": format!("Indicator {n}"),
        "pattern": format!("[ipv4-addr:value = '203.0.113.{}']", n % 250),
        "pattern_type": "stix", "valid_from": "2024-01-01T00:00:00Z"
    })
}

pub fn id_of(n: usize) -> String {
    format!("indicator--00000000-0000-4000-8000-{n:012}")
}
