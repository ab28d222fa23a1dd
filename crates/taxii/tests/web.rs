//! The web interface under `/ui/`, through the full router: sessions, CSRF, the operator
//! role, and that a member's pages show exactly what TAXII serves the same caller.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::Value;
use ward_store::credentials::hash_password;
use ward_store::Store;
use ward_taxii::HubConfig;

const PASSWORD: &str = "correct horse";

fn hub(config: HubConfig) -> Harness {
    let mut h = harness(HubConfig {
        operator_orgs: vec!["mercy".into()],
        ..config
    });
    let hash = hash_password(PASSWORD).unwrap();
    h.store.set_password("alice", Some(&hash)).unwrap();
    h.store.set_password("bob", Some(&hash)).unwrap();
    h.state = with_policy(h.state.clone(), h.store.clone());
    h
}

/// `state` with the hub's policy over `store` as every filter.
fn with_policy(state: ward_taxii::AppState, store: Arc<dyn Store>) -> ward_taxii::AppState {
    let policy = Arc::new(ward_policy::Policy::new(store).unwrap());
    state
        .with_publish_filter(policy.clone())
        .with_read_filter(policy.clone())
        .with_settings(policy.clone())
        .with_sightings(policy)
}

/// The value of the first `name="csrf" value="..."` in a page.
fn csrf(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let start = text.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    text[start..].split('"').next().unwrap().to_string()
}

/// `name=value` of a `Set-Cookie` for `name`.
fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

async fn get_with(h: &Harness, cookie: &str, path: &str) -> Reply {
    h.send(
        Request::get(path)
            .header("Cookie", cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn post_form(h: &Harness, cookie: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    h.send(
        Request::post(path)
            .header("Cookie", cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// Signs in through the form: the sign-in reply, and the session cookie pair if any.
async fn sign_in(h: &Harness, user: &str, password: &str) -> (Reply, Option<String>) {
    let form = h
        .send(Request::get("/ui/signin").body(Body::empty()).unwrap())
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let nonce = cookie_pair(&set_cookie(&form, "ward_signin").unwrap());
    let token = csrf(&form.body);
    let reply = post_form(
        h,
        &nonce,
        "/ui/signin",
        &[("csrf", &token), ("user", user), ("password", password)],
    )
    .await;
    let session = set_cookie(&reply, "ward_session").map(|c| cookie_pair(&c));
    (reply, session)
}

async fn session(h: &Harness, user: &str) -> String {
    let (reply, cookie) = sign_in(h, user, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    cookie.unwrap()
}

fn text(reply: &Reply) -> String {
    String::from_utf8_lossy(&reply.body).into_owned()
}

#[tokio::test]
async fn sign_in_gives_a_strict_session_and_every_page_a_strict_policy() {
    let h = hub(HubConfig::default());
    // Without a session a page sends the browser to sign in; a POST is refused.
    let anonymous = h
        .send(Request::get("/ui").body(Body::empty()).unwrap())
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.header("location").as_deref(), Some("/ui/signin"));
    let (reply, cookie) = sign_in(&h, "alice", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let set = set_cookie(&reply, "ward_session").unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/ui")
    );
    assert!(!set.contains("Secure"), "plain HTTP: {set}");
    let cookie = cookie.unwrap();
    let home = get_with(&h, &cookie, "/ui").await;
    assert_eq!(home.status, StatusCode::OK, "{}", text(&home));
    let csp = home.header("content-security-policy").unwrap();
    for part in [
        "default-src 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "style-src 'sha256-",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert!(!text(&home).contains("<script"));
    assert!(text(&home).contains("Alerts") && text(&home).contains("Private"));
    // A session forged with another key, or tampered with, is no session.
    let (name, value) = cookie.split_once('=').unwrap();
    assert_eq!(name, "ward_session");
    let last = if value.ends_with('0') { "1" } else { "0" };
    let forged = format!("{name}={}{last}", &value[..value.len() - 1]);
    assert_eq!(
        get_with(&h, &forged, "/ui").await.status,
        StatusCode::SEE_OTHER
    );
    // A session whose end is pushed back is no session either.
    let parts: Vec<&str> = value.split('.').collect();
    let later: i64 = parts[2].parse::<i64>().unwrap() + 3_600_000_000;
    let stretched = format!("{name}={}.{}.{later}.{}", parts[0], parts[1], parts[3]);
    assert_eq!(
        get_with(&h, &stretched, "/ui").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(get_with(&h, &cookie, "/ui").await.status, StatusCode::OK);
    // Behind TLS the cookie is Secure.
    let tls = Harness {
        state: h.state.clone().with_secure_cookies(true),
        ..hub(HubConfig::default())
    };
    let (_, _) = (&tls.collection, &tls.hidden);
    let form = tls
        .send(Request::get("/ui/signin").body(Body::empty()).unwrap())
        .await;
    assert!(set_cookie(&form, "ward_signin")
        .unwrap()
        .contains("; Secure"));
}

#[tokio::test]
async fn wrong_passwords_are_throttled_with_taxii_basic_auth() {
    let h = hub(HubConfig {
        auth_failures: 3,
        auth_window: Duration::from_secs(600),
        ..HubConfig::default()
    });
    for _ in 0..3 {
        let (reply, cookie) = sign_in(&h, "bob", "wrong").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(cookie.is_none());
    }
    // The right password now waits, in the form and in TAXII's Basic header alike.
    let (reply, cookie) = sign_in(&h, "bob", PASSWORD).await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        text(&reply)
    );
    assert!(reply.header("retry-after").is_some());
    assert!(cookie.is_none());
    let basic = base64_basic("bob", PASSWORD);
    let taxii = h
        .send(
            Request::get("/taxii2/api/collections")
                .header("Authorization", basic)
                .header("Accept", TAXII)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(taxii.status, StatusCode::TOO_MANY_REQUESTS);
}

fn base64_basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

#[tokio::test]
async fn a_post_without_its_csrf_token_is_refused_and_changes_nothing() {
    let h = hub(HubConfig::default());
    let cookie = session(&h, "alice").await;
    let before = h.store.tokens().unwrap().len();
    let page = get_with(&h, &cookie, "/ui/admin").await;
    assert_eq!(page.status, StatusCode::OK, "{}", text(&page));
    let good = csrf(&page.body);
    for fields in [
        vec![("user", "bob"), ("label", "x")],
        vec![("user", "bob"), ("label", "x"), ("csrf", "")],
        vec![("user", "bob"), ("label", "x"), ("csrf", "0000")],
    ] {
        let reply = post_form(&h, &cookie, "/ui/admin/tokens", &fields).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert!(reply
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
    }
    assert_eq!(h.store.tokens().unwrap().len(), before);
    // Another session's token does not pass either.
    let other = session(&h, "bob").await;
    let bob_csrf = csrf(&get_with(&h, &other, "/ui").await.body);
    let reply = post_form(
        &h,
        &cookie,
        "/ui/admin/tokens",
        &[("user", "bob"), ("csrf", &bob_csrf)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // Sign-out without the token leaves the session working; with it, ends it.
    let out = post_form(&h, &cookie, "/ui/signout", &[]).await;
    assert_eq!(out.status, StatusCode::FORBIDDEN);
    assert_eq!(get_with(&h, &cookie, "/ui").await.status, StatusCode::OK);
    let out = post_form(&h, &cookie, "/ui/signout", &[("csrf", &good)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        get_with(&h, &cookie, "/ui").await.status,
        StatusCode::SEE_OTHER
    );
    // The sign-in form itself needs its token.
    let reply = post_form(
        &h,
        "",
        "/ui/signin",
        &[("user", "alice"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

/// What the hub's pages can change, to see that a refused form changed none of it.
fn hub_state(h: &Harness) -> String {
    let s = &h.store;
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        s.tokens().unwrap(),
        s.orgs().unwrap(),
        s.users().unwrap(),
        s.collections().unwrap(),
        s.settings("").unwrap(),
        s.disabled().unwrap()
    )
}

/// Every form the operator's and a member's pages show, posted without their token, with an
/// empty one or with another session's: 403, and nothing the pages manage changed.
#[tokio::test]
async fn every_form_of_the_pages_is_refused_without_its_csrf_token() {
    let h = hub(HubConfig::default());
    let alice = session(&h, "alice").await;
    let bob = session(&h, "bob").await;
    let bob_csrf = csrf(&get_with(&h, &bob, "/ui").await.body);
    let mut actions = Vec::new();
    for path in ["/ui/admin", "/ui"] {
        let page = get_with(&h, &alice, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", text(&page));
        actions.extend(ward_testkit::post_form_actions(&String::from_utf8_lossy(
            &page.body,
        )));
    }
    actions.sort();
    actions.dedup();
    for expected in [
        "/ui/admin/tokens",
        "/ui/admin/tokens/revoke",
        "/ui/admin/orgs/add",
        "/ui/admin/users/add",
        "/ui/admin/orgs/state",
        "/ui/admin/users/state",
        "/ui/admin/collections/access",
        "/ui/admin/collections/add",
        "/ui/admin/default-tlp",
        "/ui/signout",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} not among {actions:?}"
        );
    }
    let before = hub_state(&h);
    // Fields every form would act on, but for the token.
    let fields = [
        ("name", "Refused Clinic"),
        ("user", "bob"),
        ("label", "refused"),
        ("org", "mercy"),
        ("state", "disabled"),
        ("tlp", "red"),
        ("id", "1"),
        ("description", "refused"),
    ];
    for action in &actions {
        for token in [None, Some(""), Some("0000"), Some(bob_csrf.as_str())] {
            let mut sent: Vec<(&str, &str)> = fields.to_vec();
            if let Some(t) = token {
                sent.push(("csrf", t));
            }
            let reply = post_form(&h, &alice, action, &sent).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{action} with token {token:?}: {}",
                text(&reply)
            );
        }
    }
    assert_eq!(hub_state(&h), before, "a refused form changed nothing");
    assert_eq!(get_with(&h, &alice, "/ui").await.status, StatusCode::OK);
}

/// The operator adds a collection from the page: unique title whatever its case, nobody
/// reads or writes it until ticked, and it appears with its access form.
#[tokio::test]
async fn the_operator_adds_a_collection_from_the_page() {
    let h = hub(HubConfig::default());
    let alice = session(&h, "alice").await;
    let page = get_with(&h, &alice, "/ui/admin").await;
    let token = csrf(&page.body);
    let before = h.store.collections().unwrap().len();
    let made = post_form(
        &h,
        &alice,
        "/ui/admin/collections/add",
        &[
            ("name", "Ransomware <watch>"),
            ("description", "Notes & IOCs"),
            ("csrf", &token),
        ],
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", text(&made));
    let all = h.store.collections().unwrap();
    assert_eq!(all.len(), before + 1);
    let new = all
        .iter()
        .find(|c| c.title == "Ransomware <watch>")
        .unwrap();
    assert!(new.readers.is_empty() && new.writers.is_empty());
    assert_eq!(new.description.as_deref(), Some("Notes & IOCs"));
    let shown = text(&get_with(&h, &alice, "/ui/admin").await);
    assert!(shown.contains("Ransomware &lt;watch&gt;"), "escaped");
    assert!(
        shown.contains(&format!("value=\"{}\"", new.id)),
        "its access form"
    );
    for (title, status) in [
        ("ransomware <WATCH>", StatusCode::CONFLICT),
        ("", StatusCode::BAD_REQUEST),
        ("tab\there", StatusCode::BAD_REQUEST),
    ] {
        let reply = post_form(
            &h,
            &alice,
            "/ui/admin/collections/add",
            &[("name", title), ("csrf", &token)],
        )
        .await;
        assert_eq!(reply.status, status, "{title:?}: {}", text(&reply));
    }
    assert_eq!(h.store.collections().unwrap().len(), before + 1);
    // A member who is no operator may not.
    let bob = session(&h, "bob").await;
    let bob_csrf = csrf(&get_with(&h, &bob, "/ui").await.body);
    let refused = post_form(
        &h,
        &bob,
        "/ui/admin/collections/add",
        &[("name", "Bob's own"), ("csrf", &bob_csrf)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(h.store.collections().unwrap().len(), before + 1);
}

const RED: &str = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const AMBER: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const GREEN: &str = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const CLEAR: &str = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

fn marked(n: usize, marking: Option<&str>, name: &str) -> String {
    let marks = marking.map_or(String::new(), |m| {
        format!(r#","object_marking_refs":["{m}"]"#)
    });
    format!(
        r#"{{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-{n:012}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":{},"pattern":"[domain-name:value = 'host{n}.example.org']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"{marks}}}"#,
        serde_json::Value::String(name.into())
    )
}

/// Object ids linked from a collection page, in order.
fn page_ids(reply: &Reply) -> Vec<String> {
    text(reply)
        .split("/objects/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

/// What TAXII serves `user` signing in with their password, as the browser's user does (the
/// policy tells people from machines: a token is a machine, a password a person).
async fn taxii_ids(h: &Harness, user: &str, query: &str) -> Vec<String> {
    taxii_ids_at(h, &format!("{}{query}", h.objects_path()), user).await
}

/// [`taxii_ids`] of the objects at `path`.
async fn taxii_ids_at(h: &Harness, path: &str, user: &str) -> Vec<String> {
    let reply = h
        .send(
            Request::get(path)
                .header("Authorization", base64_basic(user, PASSWORD))
                .header("Accept", TAXII)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()["objects"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_member_sees_exactly_what_taxii_serves_it() {
    let h = hub(HubConfig::default());
    let objects: Vec<String> = [
        Some(RED),
        Some(AMBER),
        Some(GREEN),
        Some(CLEAR),
        None,
        Some(RED),
        Some(GREEN),
    ]
    .iter()
    .enumerate()
    .map(|(n, m)| marked(n, *m, &format!("object {n}")))
    .collect();
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(
        posted.status,
        StatusCode::ACCEPTED,
        "{}",
        String::from_utf8_lossy(&posted.body)
    );
    let alice = session(&h, "alice").await;
    let bob = session(&h, "bob").await;
    let base = format!("/ui/collections/{}", h.collection);
    for (cookie, user) in [(&alice, "alice"), (&bob, "bob")] {
        let ui = page_ids(&get_with(&h, cookie, &base).await);
        let taxii = taxii_ids(&h, user, "").await;
        assert_eq!(ui, taxii);
        // The same with a type filter and a date filter.
        let ui = page_ids(
            &get_with(
                &h,
                cookie,
                &format!("{base}?type=indicator&added_after=2000-01-01"),
            )
            .await,
        );
        assert_eq!(ui, taxii);
        let ui = page_ids(&get_with(&h, cookie, &format!("{base}?type=malware")).await);
        assert!(ui.is_empty());
        // Each object page opens exactly for what TAXII serves; the others are not there.
        for n in 0..objects.len() {
            let id = format!("indicator--00000000-0000-4000-8000-{n:012}");
            let page = get_with(&h, cookie, &format!("{base}/objects/{id}")).await;
            let expected = if taxii.contains(&id) {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(page.status, expected, "{id}: {}", text(&page));
        }
    }
    let alice_ids = taxii_ids(&h, "alice", "").await;
    let bob_ids = taxii_ids(&h, "bob", "").await;
    assert!(
        bob_ids.len() < alice_ids.len() && bob_ids.iter().all(|i| alice_ids.contains(i)),
        "the policy hides something from the other member: {bob_ids:?} / {alice_ids:?}"
    );
    // Search by TLP and by value narrows what TAXII serves, never widens it.
    let green = page_ids(&get_with(&h, &alice, &format!("{base}?tlp=green")).await);
    assert!(!green.is_empty() && green.iter().all(|i| alice_ids.contains(i)));
    let one = page_ids(&get_with(&h, &alice, &format!("{base}?q=HOST2.example")).await);
    assert_eq!(
        one,
        vec!["indicator--00000000-0000-4000-8000-000000000002".to_string()]
    );
    // A collection the member's organization may not read does not show.
    let hidden = get_with(&h, &bob, &format!("/ui/collections/{}", h.hidden)).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert!(!text(&get_with(&h, &bob, "/ui").await).contains("Private"));
    // Bad search input is a 400 page, not a failure.
    let bad = get_with(&h, &bob, &format!("{base}?added_after=yesterday")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = get_with(&h, &bob, &format!("{base}?next=forged")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    // The download is the same objects as a STIX bundle.
    let download = get_with(&h, &bob, &format!("{base}/download")).await;
    assert_eq!(download.status, StatusCode::OK);
    let bundle = download.json();
    let ids: Vec<String> = bundle["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, bob_ids);
}

#[tokio::test]
async fn pages_follow_taxii_cursors() {
    let h = hub(HubConfig::default());
    let objects: Vec<String> = (0..120).map(|n| marked(n, Some(GREEN), "bulk")).collect();
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED);
    let bob = session(&h, "bob").await;
    let mut path = format!("/ui/collections/{}", h.collection);
    let mut seen = Vec::new();
    for _ in 0..10 {
        let reply = get_with(&h, &bob, &path).await;
        assert_eq!(reply.status, StatusCode::OK);
        let ids = page_ids(&reply);
        assert!(ids.len() <= 50);
        seen.extend(ids);
        let body = text(&reply);
        let Some(at) = body.find("rel=\"next\"") else {
            break;
        };
        let href = body[..at].rsplit("href=\"").next().unwrap();
        path = href.split('"').next().unwrap().replace("&amp;", "&");
    }
    assert_eq!(seen, taxii_ids(&h, "bob", "").await);
    assert_eq!(seen.len(), 120);
}

/// The operator page gives this process's requests, refusals and ingested versions per
/// minute over the last 5 and 60 minutes, beside the totals.
#[tokio::test]
async fn the_operator_page_shows_rates_per_minute() {
    let h = hub(HubConfig::default());
    let posted = h
        .post(
            &h.writer,
            &h.objects_path(),
            envelope(&[marked(31, Some(GREEN), "a"), marked(32, Some(GREEN), "b")]),
        )
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let alice = session(&h, "alice").await;
    let missing = get_with(&h, &alice, "/ui/collections/no-such-collection").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let page = text(&get_with(&h, &alice, "/ui/admin").await);
    let table = &page[page.find("data-rates").expect("a rates table")..];
    let table = &table[..table.find("</table>").unwrap()];
    // Each row: its name, then the figures of the two windows.
    let figures = |row: &str| -> Vec<f64> {
        let cells = &table[table.find(row).unwrap_or_else(|| panic!("{row}: {table}"))..];
        let cells = &cells[..cells.find("</tr>").unwrap()];
        cells
            .split("<td>")
            .skip(1)
            .map(|c| c[..c.find('<').unwrap()].parse().unwrap())
            .collect()
    };
    for row in ["Requests", "Refused (4xx)", "Object versions ingested"] {
        let f = figures(row);
        assert_eq!(f.len(), 2, "{row}: {table}");
        assert!(f.iter().all(|n| *n > 0.0), "{row}: {f:?}");
    }
    assert_eq!(figures("Failed (5xx)"), [0.0, 0.0]);
}

#[tokio::test]
async fn operator_pages_are_for_operators_only() {
    let h = hub(HubConfig::default());
    let bob = session(&h, "bob").await;
    let page = get_with(&h, &bob, "/ui/admin").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!text(&get_with(&h, &bob, "/ui").await).contains("/ui/admin"));
    let token = csrf(&get_with(&h, &bob, "/ui").await.body);
    let before = h.store.tokens().unwrap().len();
    let reply = post_form(
        &h,
        &bob,
        "/ui/admin/tokens",
        &[("csrf", &token), ("user", "bob")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let id = h.store.tokens().unwrap()[0].id().to_string();
    let reply = post_form(
        &h,
        &bob,
        "/ui/admin/tokens/revoke",
        &[("csrf", &token), ("token", &id)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(h.store.tokens().unwrap().len(), before);
}

#[tokio::test]
async fn a_token_created_then_revoked_in_the_page_is_refused_by_taxii() {
    let h = hub(HubConfig::default());
    let alice = session(&h, "alice").await;
    h.post(
        &h.writer,
        &h.objects_path(),
        envelope(&[marked(1, Some(GREEN), "x")]),
    )
    .await;
    let admin = get_with(&h, &alice, "/ui/admin").await;
    assert_eq!(admin.status, StatusCode::OK);
    assert!(
        text(&admin).contains(" 1 object version(s) ingested"),
        "{}",
        text(&admin)
    );
    let token = csrf(&admin.body);
    let created = post_form(
        &h,
        &alice,
        "/ui/admin/tokens",
        &[
            ("csrf", &token),
            ("user", "bob"),
            ("label", "firewall <sync>"),
            ("days", "30"),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", text(&created));
    assert_eq!(created.header("cache-control").as_deref(), Some("no-store"));
    let body = text(&created);
    let start = body.find("<pre><code>").unwrap() + 11;
    let secret = body[start..].split('<').next().unwrap().to_string();
    assert!(body.contains("firewall &lt;sync&gt;"));
    assert_eq!(
        h.get(&secret, "/taxii2/api/collections").await.status,
        StatusCode::OK
    );
    // Revoke it by the id the page lists.
    let record = h
        .store
        .tokens()
        .unwrap()
        .into_iter()
        .find(|t| t.label == "firewall <sync>")
        .unwrap();
    let revoked = post_form(
        &h,
        &alice,
        "/ui/admin/tokens/revoke",
        &[("csrf", &token), ("token", record.id())],
    )
    .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", text(&revoked));
    assert!(!text(&revoked).contains(&secret));
    assert_eq!(
        h.get(&secret, "/taxii2/api/collections").await.status,
        StatusCode::UNAUTHORIZED
    );
    // Revoking it again says there is no such token.
    let again = post_form(
        &h,
        &alice,
        "/ui/admin/tokens/revoke",
        &[("csrf", &token), ("token", record.id())],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_value_is_escaped() {
    let h = hub(HubConfig::default());
    let hostile = "<script>alert(1)</script>\"'&";
    let posted = h
        .post(
            &h.writer,
            &h.objects_path(),
            envelope(&[marked(1, Some(GREEN), hostile)]),
        )
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED);
    let bob = session(&h, "bob").await;
    let base = format!("/ui/collections/{}", h.collection);
    let id = "indicator--00000000-0000-4000-8000-000000000001";
    for path in [
        base.clone(),
        format!("{base}/objects/{id}"),
        format!("{base}?q={}", "%3Cscript%3E"),
    ] {
        let reply = get_with(&h, &bob, &path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let body = text(&reply);
        assert!(!body.contains("<script"), "{path}: {body}");
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: {body}"
        );
    }
    // Input echoed back into the search form is escaped too.
    let reply = get_with(&h, &bob, &format!("{base}?q=%22%3E%3Cscript%3E")).await;
    assert!(!text(&reply).contains("<script"));
}

#[tokio::test]
async fn operators_disable_members_and_change_collection_access_in_the_page() {
    let h = hub(HubConfig::default());
    let alice = session(&h, "alice").await;
    let bob = session(&h, "bob").await;
    let token = csrf(&get_with(&h, &alice, "/ui/admin").await.body);
    let labb = h
        .store
        .orgs()
        .unwrap()
        .into_iter()
        .find(|g| g.name == "LabB")
        .unwrap();
    let mercy = h
        .store
        .orgs()
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Mercy")
        .unwrap();
    // Disabling an organization ends its sessions and its tokens at once.
    let off = post_form(
        &h,
        &alice,
        "/ui/admin/orgs/state",
        &[("csrf", &token), ("org", &labb.id), ("disabled", "true")],
    )
    .await;
    assert_eq!(off.status, StatusCode::OK, "{}", text(&off));
    assert_eq!(
        get_with(&h, &bob, "/ui").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        h.get(&h.reader, "/taxii2/api/collections").await.status,
        StatusCode::UNAUTHORIZED
    );
    let on = post_form(
        &h,
        &alice,
        "/ui/admin/orgs/state",
        &[("csrf", &token), ("org", &labb.id), ("disabled", "false")],
    )
    .await;
    assert_eq!(on.status, StatusCode::OK);
    assert_eq!(get_with(&h, &bob, "/ui").await.status, StatusCode::OK);
    // An operator cannot lock their own organization out from the page.
    let own = post_form(
        &h,
        &alice,
        "/ui/admin/orgs/state",
        &[("csrf", &token), ("org", &mercy.id), ("disabled", "true")],
    )
    .await;
    assert_eq!(own.status, StatusCode::BAD_REQUEST);
    // Readers and writers are replaced by what is ticked; the member's pages follow.
    let access = post_form(
        &h,
        &alice,
        "/ui/admin/collections/access",
        &[
            ("csrf", &token),
            ("collection", &h.collection),
            ("read", &mercy.id),
            ("write", &mercy.id),
        ],
    )
    .await;
    assert_eq!(access.status, StatusCode::OK, "{}", text(&access));
    let c = h.store.collection(&h.collection).unwrap().unwrap();
    assert_eq!(c.readers, vec![mercy.id.clone()]);
    // The AMBER list is kept by the policy, changed in the same form.
    let amber = post_form(
        &h,
        &alice,
        "/ui/admin/collections/access",
        &[
            ("csrf", &token),
            ("collection", &h.collection),
            ("read", &mercy.id),
            ("write", &mercy.id),
            ("amber", &labb.id),
        ],
    )
    .await;
    assert_eq!(amber.status, StatusCode::OK, "{}", text(&amber));
    let kept = ward_policy::settings::collection_settings(h.store.as_ref(), &h.collection).unwrap();
    assert_eq!(kept.amber, vec![labb.id.clone()]);
    assert!(text(&amber).contains("1 AMBER"));
    assert!(!text(&get_with(&h, &bob, "/ui").await).contains("Alerts"));
    let page = get_with(&h, &bob, &format!("/ui/collections/{}", h.collection)).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // An organization id that is not on the hub is refused, and nothing changes.
    let bad = post_form(
        &h,
        &alice,
        "/ui/admin/collections/access",
        &[
            ("csrf", &token),
            ("collection", &h.collection),
            ("read", "nope"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        h.store.collection(&h.collection).unwrap().unwrap().readers,
        vec![mercy.id]
    );
}

/// A kept block list notices a change made by another hub process sharing the store: here
/// only the newest version of an indicator deleted through another store handle, which
/// leaves the collection's number of objects and its newest date as they were.
#[tokio::test]
async fn a_kept_block_list_notices_a_newest_version_deleted_by_another_process() {
    let h = hub(HubConfig::default());
    let older = fresh(21, GREEN, "[ipv4-addr:value = '45.33.32.21']");
    std::thread::sleep(Duration::from_millis(5));
    let newer = fresh(21, GREEN, "[ipv4-addr:value = '45.33.32.22']");
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&[older, newer]))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let bob = session(&h, "bob").await;
    let path = format!("/ui/collections/{}/blocklist/ip", h.collection);
    let first = get_with(&h, &bob, &path).await;
    assert_eq!(first.status, StatusCode::OK, "{}", text(&first));
    assert!(text(&first).contains("45.33.32.22") && !text(&first).contains("45.33.32.21"));
    // Kept: the same list again.
    let again = get_with(&h, &bob, &path).await;
    assert_eq!(again.header("etag"), first.header("etag"));

    let other = ward_store::SqliteStore::open(h._dir.path()).unwrap();
    let removed = other
        .delete_object(
            &h.collection,
            "indicator--00000000-0000-4000-8000-000000000021",
            &ward_store::VersionSelect::last(),
            &[],
        )
        .unwrap();
    assert_eq!(removed, 1);
    let after = get_with(&h, &bob, &path).await;
    assert_eq!(after.status, StatusCode::OK);
    assert_ne!(after.header("etag"), first.header("etag"));
    assert!(
        text(&after).contains("45.33.32.21") && !text(&after).contains("45.33.32.22"),
        "{}",
        text(&after)
    );
}

#[tokio::test]
async fn a_session_works_on_every_process_of_the_store_and_sign_out_ends_it_on_all() {
    let h = hub(HubConfig::default());
    // A second hub process on the same store (a restart is the same case): a fresh state
    // that shares nothing with the first but the store.
    let store: Arc<dyn Store> = h.store.clone();
    let other = Harness {
        state: ward_taxii::AppState::new(store, HubConfig::default()).unwrap(),
        ..hub(HubConfig::default())
    };
    let _ = &other.collection;
    let cookie = session(&h, "alice").await;
    let there = get_with(&other, &cookie, "/ui").await;
    assert_eq!(there.status, StatusCode::OK, "{}", text(&there));
    // Its CSRF token is the same on both (it is derived from the store's key).
    let token = csrf(&there.body);
    assert_eq!(token, csrf(&get_with(&h, &cookie, "/ui").await.body));
    let out = post_form(&other, &cookie, "/ui/signout", &[("csrf", &token)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(set_cookie(&out, "ward_session")
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        get_with(&h, &cookie, "/ui").await.status,
        StatusCode::SEE_OTHER
    );
    // A new sign-in after that works again.
    let again = session(&h, "alice").await;
    assert_eq!(get_with(&other, &again, "/ui").await.status, StatusCode::OK);
    // A changed password ends the sessions made under the old one.
    h.store
        .set_password("alice", Some(&hash_password("another one").unwrap()))
        .unwrap();
    assert_eq!(
        get_with(&other, &again, "/ui").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn operators_set_the_default_tlp_through_the_policy() {
    let h = hub(HubConfig::default());
    let alice = session(&h, "alice").await;
    let admin = get_with(&h, &alice, "/ui/admin").await;
    assert!(
        text(&admin).contains("<strong>green</strong>"),
        "{}",
        text(&admin)
    );
    let token = csrf(&admin.body);
    let set = post_form(
        &h,
        &alice,
        "/ui/admin/default-tlp",
        &[("csrf", &token), ("level", "amber")],
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", text(&set));
    assert!(text(&set).contains("<strong>amber</strong>"));
    assert_eq!(
        h.store.setting("hub.default_tlp").unwrap().as_deref(),
        Some("amber")
    );
    for (fields, status) in [
        (
            vec![("csrf", token.as_str()), ("level", "purple")],
            StatusCode::BAD_REQUEST,
        ),
        (vec![("level", "clear")], StatusCode::FORBIDDEN),
    ] {
        let reply = post_form(&h, &alice, "/ui/admin/default-tlp", &fields).await;
        assert_eq!(reply.status, status);
    }
    assert_eq!(
        h.store.setting("hub.default_tlp").unwrap().as_deref(),
        Some("amber")
    );
    let bob = session(&h, "bob").await;
    let bob_csrf = csrf(&get_with(&h, &bob, "/ui").await.body);
    let refused = post_form(
        &h,
        &bob,
        "/ui/admin/default-tlp",
        &[("csrf", &bob_csrf), ("level", "clear")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// An indicator of `pattern` made just now (so that its score has not decayed), marked.
fn fresh(n: usize, marking: &str, pattern: &str) -> String {
    let now = ward_stix::Timestamp::now().with_precision(3).to_string();
    serde_json::json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
        "created": now, "modified": now, "valid_from": now,
        "name": format!("indicator {n}"), "pattern": pattern, "pattern_type": "stix",
        "object_marking_refs": [marking],
    })
    .to_string()
}

/// A version of an indicator created at `created`, modified (and valid from) `at`, marked,
/// with the further properties of `extra`.
fn indicator_at(
    n: usize,
    (created, at): (&str, &str),
    marking: &str,
    pattern: &str,
    extra: Value,
) -> String {
    let mut v = serde_json::json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
        "created": created, "modified": at, "valid_from": at,
        "name": format!("indicator {n}"), "pattern": pattern, "pattern_type": "stix",
        "object_marking_refs": [marking],
    });
    if let (Some(map), Value::Object(more)) = (v.as_object_mut(), extra) {
        map.extend(more);
    }
    v.to_string()
}

/// A second hub process over `h`'s store (a restart is the same case), with the policy:
/// it shares nothing with `h`'s but the store. Its own harness fields (collection, writer)
/// are of another store: use `h`'s paths.
fn another_process(h: &Harness) -> Harness {
    let store: Arc<dyn Store> = h.store.clone();
    Harness {
        state: with_policy(
            ward_taxii::AppState::new(store.clone(), HubConfig::default()).unwrap(),
            store,
        ),
        ..hub(HubConfig::default())
    }
}

/// The entries of a block list (its lines that are not comments), sorted.
fn list_entries(reply: &Reply) -> Vec<String> {
    let mut e: Vec<String> = text(reply)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    e.sort();
    e
}

/// A block list is built from the indicators that may be in some reader's list, a
/// pre-selection kept per collection and brought up to date with what was added. After new
/// versions take an indicator out of every list (revoked) and bring decayed ones back
/// (fresh versions), each reader's list is what TAXII lets them read, and the same as the
/// list of a second hub process that reads the collection for the first time.
#[tokio::test]
async fn a_block_list_from_the_kept_pre_selection_is_the_list_from_the_whole_collection() {
    let h = hub(HubConfig {
        page_max: 3,
        ..HubConfig::default()
    });
    let old = "2019-03-01T00:00:00.000Z";
    let t0 = ward_stix::Timestamp::now().with_precision(3).to_string();
    let none = Value::Null;
    let ip = |n: usize| format!("[ipv4-addr:value = '45.33.32.{n}']");
    let first = [
        indicator_at(31, (&t0, &t0), GREEN, &ip(31), none.clone()),
        fresh(32, AMBER, &ip(32)),
        indicator_at(33, (old, old), GREEN, &ip(33), none.clone()),
        indicator_at(34, (old, old), AMBER, &ip(34), none.clone()),
        fresh(35, RED, &ip(35)),
        fresh(36, GREEN, &ip(36)),
    ];
    let posted = h.post(&h.writer, &h.objects_path(), envelope(&first)).await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let (alice, bob) = (session(&h, "alice").await, session(&h, "bob").await);
    let path = format!("/ui/collections/{}/blocklist/ip", h.collection);
    let bob_first = get_with(&h, &bob, &path).await;
    assert_eq!(bob_first.status, StatusCode::OK, "{}", text(&bob_first));
    assert_eq!(list_entries(&bob_first), ["45.33.32.31", "45.33.32.36"]);
    let alice_first = list_entries(&get_with(&h, &alice, &path).await);
    assert_eq!(alice_first, ["45.33.32.31", "45.33.32.32", "45.33.32.36"]);

    std::thread::sleep(Duration::from_millis(5));
    let now = ward_stix::Timestamp::now().with_precision(3).to_string();
    let second = [
        indicator_at(
            31,
            (&t0, &now),
            GREEN,
            &ip(31),
            serde_json::json!({"revoked": true}),
        ),
        indicator_at(33, (old, &now), GREEN, &ip(33), none.clone()),
        indicator_at(34, (old, &now), AMBER, &ip(34), none.clone()),
    ];
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&second))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let bob_then = get_with(&h, &bob, &path).await;
    assert_ne!(bob_then.header("etag"), bob_first.header("etag"));
    assert_eq!(list_entries(&bob_then), ["45.33.32.33", "45.33.32.36"]);
    let alice_then = get_with(&h, &alice, &path).await;
    assert_eq!(
        list_entries(&alice_then),
        ["45.33.32.32", "45.33.32.33", "45.33.32.34", "45.33.32.36"]
    );
    // What TAXII serves each of them holds every id behind their entries.
    let bob_taxii = taxii_ids(&h, "bob", "").await;
    let id = |n: usize| format!("indicator--00000000-0000-4000-8000-{n:012}");
    assert!(bob_taxii.contains(&id(33)) && !bob_taxii.contains(&id(34)));

    // The pre-selection is kept in the store: a restarted (or second) hub process starts
    // from it and reads only what was added since. Without it, a process reads the whole
    // collection. Both give the same entries for each reader (the header's date aside).
    let saved = format!("blocklists/pre-selection/{}", h.collection);
    assert!(h.store.setting(&saved).unwrap().is_some());
    let process = || another_process(&h);
    for clear in [false, true] {
        if clear {
            h.store.set_setting(&saved, None).unwrap();
        }
        let other = process();
        for (cookie, kept) in [(&bob, &bob_then), (&alice, &alice_then)] {
            let read = get_with(&other, cookie, &path).await;
            assert_eq!(read.status, StatusCode::OK, "{}", text(&read));
            assert_eq!(list_entries(&read), list_entries(kept));
        }
    }
}

/// The hub's policy as read filter, made to wait while `hold` is set: a block list's build
/// then takes as long as the test wants.
struct Held {
    policy: Arc<ward_policy::Policy>,
    hold: Arc<std::sync::atomic::AtomicBool>,
    /// Pages of versions that reached the filter while it was held.
    waited: Arc<std::sync::atomic::AtomicUsize>,
}

impl Held {
    fn wait(&self) {
        use std::sync::atomic::Ordering::SeqCst;
        if self.hold.load(SeqCst) {
            self.waited.fetch_add(1, SeqCst);
        }
        while self.hold.load(SeqCst) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl ward_hub_api::ReadFilter for Held {
    fn check(
        &self,
        caller: &ward_hub_api::Caller,
        collection: &ward_store::Collection,
        version: &ward_store::StoredVersion,
    ) -> ward_hub_api::ReadDecision {
        self.wait();
        self.policy.check(caller, collection, version)
    }

    fn check_page(
        &self,
        caller: &ward_hub_api::Caller,
        collection: &ward_store::Collection,
        versions: &[ward_store::StoredVersion],
    ) -> Vec<ward_hub_api::ReadDecision> {
        self.wait();
        self.policy.check_page(caller, collection, versions)
    }

    fn admits_anonymous(&self, collection: &ward_store::Collection) -> bool {
        self.policy.admits_anonymous(collection)
    }
}

/// A download that finds no list built, and a build slower than the hub waits for, is
/// answered `503` with `Retry-After` and a plain "not yet", never part of a list; the build
/// goes on, and a later download gets the whole list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_block_list_not_built_in_time_is_503_then_served_whole() {
    use std::sync::atomic::Ordering::SeqCst;
    let mut h = hub(HubConfig::default());
    let (hold, waited) = (Arc::default(), Arc::default());
    let held = Arc::new(Held {
        policy: Arc::new(ward_policy::Policy::new(h.store.clone()).unwrap()),
        hold: Arc::clone(&hold),
        waited: Arc::clone(&waited),
    });
    h.state = h
        .state
        .clone()
        .with_read_filter(held)
        .with_block_list_wait(Duration::from_millis(200));
    let ips = ["45.33.32.41", "45.33.32.42", "45.33.32.43"];
    let objects: Vec<String> = (41..44)
        .zip(ips)
        .map(|(n, ip)| fresh(n, GREEN, &format!("[ipv4-addr:value = '{ip}']")))
        .collect();
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let bob = session(&h, "bob").await;
    let path = format!("/ui/collections/{}/blocklist/ip", h.collection);

    /// Lets the build go when dropped, also when an assertion fails (the runtime waits for
    /// its blocking threads before the test can end).
    struct Release(Arc<std::sync::atomic::AtomicBool>);
    impl Drop for Release {
        fn drop(&mut self) {
            self.0.store(false, std::sync::atomic::Ordering::SeqCst);
        }
    }
    hold.store(true, SeqCst);
    let release = Release(Arc::clone(&hold));
    // The first download starts the build; a second one finds it still going.
    for _ in 0..2 {
        let reply = get_with(&h, &bob, &path).await;
        assert_eq!(
            reply.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            text(&reply)
        );
        assert_eq!(reply.header("retry-after").as_deref(), Some("1"));
        assert_eq!(reply.header("cache-control").as_deref(), Some("no-store"));
        // The hub's `ensure_taxii_errors` layer rewrites this plain answer into a TAXII
        // error body that carries the same line (not yet changed: a page of its own or
        // plain text would need that layer to let it through).
        assert_eq!(reply.header("etag"), None);
        let body = text(&reply);
        assert!(body.contains("This block list is being built"), "{body}");
        assert!(ips.iter().all(|ip| !body.contains(ip)), "{body}");
    }
    assert!(
        waited.load(SeqCst) >= 1,
        "the build reached the read filter"
    );

    drop(release);
    let mut tries = 0;
    let reply = loop {
        let reply = get_with(&h, &bob, &path).await;
        if reply.status != StatusCode::SERVICE_UNAVAILABLE || tries == 100 {
            break reply;
        }
        tries += 1;
    };
    assert_eq!(reply.status, StatusCode::OK, "{}", text(&reply));
    assert_eq!(list_entries(&reply), ips);
    // The list was kept: the next download is the same list, and `304` to its holder.
    let again = get_with(&h, &bob, &path).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.header("etag"), reply.header("etag"));
    let etag = reply.header("etag").unwrap();
    let cached = h
        .send(
            Request::get(&path)
                .header("Cookie", &bob)
                .header("If-None-Match", &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn block_lists_hold_only_what_the_caller_may_read_and_never_private_addresses() {
    let h = hub(HubConfig {
        // Several TAXII pages: the list is read a page at a time.
        page_max: 3,
        ..HubConfig::default()
    });
    let objects = [
        fresh(1, GREEN, "[ipv4-addr:value = '45.33.32.156']"),
        fresh(2, AMBER, "[ipv4-addr:value = '185.220.101.5']"),
        fresh(3, RED, "[ipv4-addr:value = '185.220.101.6']"),
        fresh(4, GREEN, "[ipv4-addr:value = '10.1.2.3']"),
        fresh(5, GREEN, "[ipv4-addr:value = '192.168.7.7']"),
        fresh(6, GREEN, "[ipv6-addr:value = 'fd00::1']"),
        fresh(7, GREEN, "[ipv6-addr:value = '2a01:4f8::7']"),
        fresh(8, GREEN, "[domain-name:value = 'evil-login-portal.com']"),
        fresh(9, AMBER, "[domain-name:value = 'amber-only-portal.net']"),
        fresh(10, GREEN, "[domain-name:value = 'google.com']"),
        fresh(
            11,
            CLEAR,
            "[url:value = 'https://evil-login-portal.com/reset']",
        ),
        fresh(12, CLEAR, "[ipv4-addr:value = '45.33.32.156']"),
    ];
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let alice = session(&h, "alice").await;
    let bob = session(&h, "bob").await;
    let base = format!("/ui/collections/{}", h.collection);
    let page = text(&get_with(&h, &bob, &base).await);
    assert!(page.contains(&format!("{base}/blocklist/ip")), "{page}");
    let list = |cookie: String, kind: &'static str| {
        let (h, base) = (&h, &base);
        async move {
            let reply = get_with(h, &cookie, &format!("{base}/blocklist/{kind}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{kind}: {}", text(&reply));
            assert_eq!(
                reply.header("content-type").as_deref(),
                Some("text/plain; charset=utf-8")
            );
            assert!(reply
                .header("content-disposition")
                .is_some_and(|d| d.starts_with("attachment")));
            text(&reply)
        }
    };
    // The entries of a list, sorted.
    let entries = |list: &str| -> Vec<String> {
        let mut e: Vec<String> = list
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        e.sort();
        e
    };
    // What TAXII hides from bob (the other member's AMBER and RED) is not in his lists.
    let bob_taxii = taxii_ids(&h, "bob", "").await;
    let alice_taxii = taxii_ids(&h, "alice", "").await;
    let amber = "indicator--00000000-0000-4000-8000-000000000002".to_string();
    assert!(!bob_taxii.contains(&amber) && alice_taxii.contains(&amber));
    let bob_ips = entries(&list(bob.clone(), "ip").await);
    let alice_ips = entries(&list(alice.clone(), "ip").await);
    assert_eq!(bob_ips, ["2a01:4f8::7", "45.33.32.156"], "{bob_ips:?}");
    assert_eq!(
        alice_ips,
        ["185.220.101.5", "2a01:4f8::7", "45.33.32.156"],
        "alice may read her AMBER, never a RED in a block list: {alice_ips:?}"
    );
    let bob_domains = entries(&list(bob.clone(), "domain").await);
    assert_eq!(
        bob_domains,
        ["evil-login-portal.com"],
        "allow-listed google.com out"
    );
    let alice_domains = entries(&list(alice.clone(), "domain").await);
    assert!(alice_domains.contains(&"amber-only-portal.net".to_string()));
    let urls = entries(&list(bob.clone(), "url").await);
    assert_eq!(
        urls,
        ["evil-login-portal.com/reset"],
        "no scheme, as an EDL wants"
    );
    // The header says what was left out, as `ward export` does.
    let ip_list = list(bob.clone(), "ip").await;
    assert!(
        ip_list.starts_with("# ward export, format plain-ip"),
        "{ip_list}"
    );
    let rpz = list(bob.clone(), "rpz").await;
    assert!(rpz.contains("evil-login-portal.com") && !rpz.contains("amber-only"));

    // A kept list: the same body and tag again, 304 to a client that holds it, each reader
    // its own (alice's tag is not bob's list), and a new one once the collection changes.
    let ip_path = format!("{base}/blocklist/ip");
    let conditional = |cookie: String, tag: String| {
        let (h, path) = (&h, &ip_path);
        async move {
            h.send(
                Request::get(path.as_str())
                    .header("Cookie", cookie)
                    .header("If-None-Match", tag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
        }
    };
    let first = get_with(&h, &bob, &ip_path).await;
    let tag = first.header("etag").expect("an ETag");
    let again = get_with(&h, &bob, &ip_path).await;
    assert_eq!(
        (again.header("etag"), &again.body),
        (Some(tag.clone()), &first.body)
    );
    let held = conditional(bob.clone(), tag.clone()).await;
    assert_eq!(held.status, StatusCode::NOT_MODIFIED);
    assert!(held.body.is_empty());
    assert_eq!(held.header("etag"), Some(tag.clone()));
    let alice_tag = get_with(&h, &alice, &ip_path).await.header("etag").unwrap();
    assert_ne!(
        alice_tag, tag,
        "alice reads her AMBER address: another list"
    );
    assert_eq!(
        conditional(alice.clone(), tag.clone()).await.status,
        StatusCode::OK
    );
    let posted = h
        .post(
            &h.writer,
            &h.objects_path(),
            envelope(&[fresh(13, GREEN, "[ipv4-addr:value = '93.184.216.99']")]),
        )
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let changed = conditional(bob.clone(), tag.clone()).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert!(
        text(&changed).contains("93.184.216.99"),
        "{}",
        text(&changed)
    );
    let new_tag = changed.header("etag").unwrap();
    assert_ne!(new_tag, tag);
    // A delete through TAXII changes it too.
    let id = "indicator--00000000-0000-4000-8000-000000000013";
    let deleted = h
        .send(
            Request::delete(format!("{}{id}/", h.objects_path()))
                .header("Authorization", format!("Bearer {}", h.writer))
                .header("Accept", TAXII)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", text(&deleted));
    let after = conditional(bob.clone(), new_tag).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(!text(&after).contains("93.184.216.99"));
    // Another list name, a collection bob may not read, no session: nothing.
    let none = get_with(&h, &bob, &format!("{base}/blocklist/exe")).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    let hidden = get_with(
        &h,
        &bob,
        &format!("/ui/collections/{}/blocklist/ip", h.hidden),
    )
    .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let anonymous = h
        .send(
            Request::get(format!("{base}/blocklist/ip"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn operators_admit_organizations_and_add_users_in_the_page() {
    let h = hub(HubConfig::default());
    let alice = session(&h, "alice").await;
    let bob = session(&h, "bob").await;
    let token = csrf(&get_with(&h, &alice, "/ui/admin").await.body);
    // Without the form's token, or not an operator: refused, nothing added.
    let forged = post_form(&h, &alice, "/ui/admin/orgs/add", &[("name", "Clinic C")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let bob_token = csrf(&get_with(&h, &bob, "/ui").await.body);
    let not_operator = post_form(
        &h,
        &bob,
        "/ui/admin/orgs/add",
        &[("csrf", &bob_token), ("name", "Clinic C")],
    )
    .await;
    assert_eq!(not_operator.status, StatusCode::FORBIDDEN);
    assert_eq!(h.store.orgs().unwrap().len(), 2);

    let added = post_form(
        &h,
        &alice,
        "/ui/admin/orgs/add",
        &[("csrf", &token), ("name", "  Clinic <C>  ")],
    )
    .await;
    assert_eq!(added.status, StatusCode::OK, "{}", text(&added));
    assert!(text(&added).contains("Clinic &lt;C&gt; admitted."));
    let clinic = h
        .store
        .orgs()
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Clinic <C>")
        .expect("admitted, trimmed");
    // Names are unique whatever their case; empty or control characters are refused.
    for (name, status) in [
        ("clinic <c>", StatusCode::CONFLICT),
        ("mercy", StatusCode::CONFLICT),
        ("   ", StatusCode::BAD_REQUEST),
        ("bad\nname", StatusCode::BAD_REQUEST),
    ] {
        let r = post_form(
            &h,
            &alice,
            "/ui/admin/orgs/add",
            &[("csrf", &token), ("name", name)],
        )
        .await;
        assert_eq!(r.status, status, "{name:?}: {}", text(&r));
    }
    assert_eq!(h.store.orgs().unwrap().len(), 3);

    // A user with a password signs in at once (only the hash is kept); one without is
    // token-only.
    let user = post_form(
        &h,
        &alice,
        "/ui/admin/users/add",
        &[
            ("csrf", &token),
            ("org", &clinic.id),
            ("name", "carol"),
            ("password", "carol's long password"),
        ],
    )
    .await;
    assert_eq!(user.status, StatusCode::OK, "{}", text(&user));
    let carol = h.store.user("carol").unwrap().unwrap();
    assert_eq!(carol.org_id, clinic.id);
    assert!(!carol.password_hash.unwrap().contains("long password"));
    let (signed, cookie) = sign_in(&h, "carol", "carol's long password").await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert!(cookie.is_some());
    let token_only = post_form(
        &h,
        &alice,
        "/ui/admin/users/add",
        &[("csrf", &token), ("org", &clinic.id), ("name", "dave")],
    )
    .await;
    assert_eq!(token_only.status, StatusCode::OK);
    assert!(h
        .store
        .user("dave")
        .unwrap()
        .unwrap()
        .password_hash
        .is_none());
    for fields in [
        [("org", clinic.id.as_str()), ("name", "CAROL")],
        [("org", "no-such-org"), ("name", "erin")],
    ] {
        let mut f = vec![("csrf", token.as_str())];
        f.extend(fields);
        let r = post_form(&h, &alice, "/ui/admin/users/add", &f).await;
        assert!(r.status.is_client_error(), "{f:?}: {}", r.status);
    }
    assert!(h.store.user("erin").unwrap().is_none());
}

/// A sighting of `indicator` seen just now, marked, reported as a false positive or not.
fn sighting_of(n: usize, indicator: &str, marking: &str, false_positive: bool) -> String {
    let now = ward_stix::Timestamp::now().with_precision(3).to_string();
    let mut s = serde_json::json!({
        "type": "sighting", "spec_version": "2.1",
        "id": format!("sighting--00000000-0000-4000-8000-{n:012}"),
        "created": now, "modified": now, "last_seen": now,
        "sighting_of_ref": indicator, "object_marking_refs": [marking],
    });
    if false_positive {
        s["extensions"] = serde_json::json!({
            "extension-definition--3c9f7a0e-5b1d-4d6e-9a2f-7d4c1b8e6f10": {
                "extension_type": "property-extension", "false_positive": true
            }
        });
    }
    s.to_string()
}

/// The sightings paragraph of an object page: its text and whether it counted them all.
fn sightings_summary(page: &str) -> (String, bool) {
    let start = page.find("data-sightings=").expect("a sightings summary");
    let rest = &page[start..];
    let all = rest.starts_with("data-sightings=\"all\"");
    let end = rest.find("</p>").unwrap();
    (rest[..end].to_string(), all)
}

#[tokio::test]
async fn sighting_counts_on_an_object_page_never_count_what_the_caller_may_not_read() {
    let h = hub(HubConfig::default());
    let indicator = "indicator--00000000-0000-4000-8000-000000000001";
    let mut objects = vec![fresh(1, GREEN, "[ipv4-addr:value = '45.33.32.156']")];
    objects.push(sighting_of(1, indicator, GREEN, false));
    objects.push(sighting_of(2, indicator, GREEN, false));
    // RED: alice's organization posted it and reads it; bob does not.
    objects.push(sighting_of(3, indicator, RED, true));
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let alice = session(&h, "alice").await;
    let bob = session(&h, "bob").await;
    let page = format!("/ui/collections/{}/objects/{indicator}", h.collection);
    let (bob_says, all) = sightings_summary(&text(&get_with(&h, &bob, &page).await));
    assert!(all, "{bob_says}");
    assert!(
        bob_says.contains(">1 organization(s)") && bob_says.contains("0 false positive(s)"),
        "the RED false positive is not bob's to count: {bob_says}"
    );
    let (alice_says, all) = sightings_summary(&text(&get_with(&h, &alice, &page).await));
    assert!(
        all && alice_says.contains("1 false positive(s)"),
        "{alice_says}"
    );
    assert!(!alice_says.contains("at least"), "{alice_says}");

    // More sightings than a page counts: the newest are counted and the counts say so.
    let more: Vec<String> = (10..115)
        .map(|n| sighting_of(n, indicator, GREEN, false))
        .collect();
    let posted = h.post(&h.writer, &h.objects_path(), envelope(&more)).await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let (bob_says, all) = sightings_summary(&text(&get_with(&h, &bob, &page).await));
    assert!(!all, "{bob_says}");
    assert!(
        bob_says.contains("at least 1 organization(s)")
            && bob_says.contains("at least 0 false positive(s)"),
        "{bob_says}"
    );
    // The newest RED false positive again: alice counts it among the newest, bob never.
    let red = [sighting_of(200, indicator, RED, true)];
    let posted = h.post(&h.writer, &h.objects_path(), envelope(&red)).await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let (alice_says, _) = sightings_summary(&text(&get_with(&h, &alice, &page).await));
    assert!(
        alice_says.contains("at least 1 false positive(s)"),
        "{alice_says}"
    );
    let (bob_says, _) = sightings_summary(&text(&get_with(&h, &bob, &page).await));
    assert!(
        bob_says.contains("at least 0 false positive(s)"),
        "{bob_says}"
    );
}

/// The dashboard's (`/`) object count of each collection row, by title, for `user`.
async fn dashboard_counts(h: &Harness, user: &str) -> Vec<(String, String)> {
    let reply = h
        .send(
            Request::get("/")
                .header("Authorization", base64_basic(user, PASSWORD))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", text(&reply));
    let page = text(&reply);
    page.split("<tr><td>")
        .skip(1)
        .filter_map(|row| {
            let title = row.split('<').next()?.to_string();
            let (_, count) = row.split_once("<td class=\"n\">")?;
            Some((title, count.split('<').next()?.to_string()))
        })
        .collect()
}

fn count_of(counts: &[(String, String)], title: &str) -> Option<String> {
    counts
        .iter()
        .find(|(t, _)| t == title)
        .map(|(_, n)| n.clone())
}

#[tokio::test]
async fn the_dashboard_counts_exactly_below_its_cap_and_says_or_more_above_it() {
    let h = hub(HubConfig::default());
    let post = |objects: Vec<String>| {
        let h = &h;
        async move {
            let r = h
                .post(&h.writer, &h.objects_path(), envelope(&objects))
                .await;
            assert_eq!(r.status, StatusCode::ACCEPTED, "{}", text(&r));
        }
    };
    // Below the cap: exact, and never what the caller may not read (Mercy's AMBER is
    // hidden from LabB's bob; the Private collection is not on his page at all).
    post((0..3).map(|n| marked(n, Some(AMBER), "amber")).collect()).await;
    post((3..8).map(|n| marked(n, Some(GREEN), "green")).collect()).await;
    let bob = dashboard_counts(&h, "bob").await;
    let alice = dashboard_counts(&h, "alice").await;
    assert_eq!(count_of(&bob, "Alerts").as_deref(), Some("5"), "{bob:?}");
    assert_eq!(
        taxii_ids(&h, "bob", "").await.len(),
        5,
        "as TAXII serves him"
    );
    assert_eq!(
        count_of(&alice, "Alerts").as_deref(),
        Some("8"),
        "{alice:?}"
    );
    assert_eq!(count_of(&bob, "Private"), None);
    assert_eq!(count_of(&alice, "Private").as_deref(), Some("0"));

    // Exactly at the cap (1000 stored) the count is still exact.
    for start in (8..1000).step_by(100) {
        let end = (start + 100).min(1000);
        post(
            (start..end)
                .map(|n| marked(n, Some(GREEN), "green"))
                .collect(),
        )
        .await;
    }
    let bob = dashboard_counts(&h, "bob").await;
    assert_eq!(count_of(&bob, "Alerts").as_deref(), Some("997"), "{bob:?}");
    assert_eq!(
        count_of(&dashboard_counts(&h, "alice").await, "Alerts").as_deref(),
        Some("1000")
    );

    // Past the cap: what was counted, honestly "or more"; bob's count still leaves out the
    // three AMBER objects among those read.
    post(
        (1000..1010)
            .map(|n| marked(n, Some(AMBER), "amber"))
            .collect(),
    )
    .await;
    let bob = dashboard_counts(&h, "bob").await;
    let alice = dashboard_counts(&h, "alice").await;
    assert_eq!(
        count_of(&bob, "Alerts").as_deref(),
        Some("997 or more"),
        "{bob:?}"
    );
    assert_eq!(
        count_of(&alice, "Alerts").as_deref(),
        Some("1000 or more"),
        "{alice:?}"
    );
}

/// A block list is decided from facts kept once per collection (who submitted each
/// indicator, its markings and recipients), never from a reader's earlier list: after each
/// change of the policy (the collection's AMBER audience, a quarantine, the default TLP, an
/// organization's attribution), each reader's list holds exactly the addresses of the
/// indicators TAXII serves that reader. Each change is read by a hub process started after
/// it (the running one rereads its settings within `SETTINGS_TTL`), over the same store,
/// from the pre-selection the first process kept in it.
/// A change of the hub's settings.
type Change<'a> = Box<dyn Fn() + 'a>;

#[tokio::test]
async fn a_block_list_follows_each_policy_change_as_taxii_does() {
    let h = hub(HubConfig::default());
    let ip = |n: usize| format!("45.33.32.{n}");
    let unmarked = |n: usize| {
        let mut v: Value = serde_json::from_str(&fresh(
            n,
            GREEN,
            &format!("[ipv4-addr:value = '{}']", ip(n)),
        ))
        .unwrap();
        v.as_object_mut().unwrap().remove("object_marking_refs");
        v.to_string()
    };
    let objects = [
        fresh(41, GREEN, &format!("[ipv4-addr:value = '{}']", ip(41))),
        fresh(42, AMBER, &format!("[ipv4-addr:value = '{}']", ip(42))),
        fresh(43, CLEAR, &format!("[ipv4-addr:value = '{}']", ip(43))),
        unmarked(44),
        fresh(45, RED, &format!("[ipv4-addr:value = '{}']", ip(45))),
    ];
    let posted = h
        .post(&h.writer, &h.objects_path(), envelope(&objects))
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", text(&posted));
    let path = format!("/ui/collections/{}/blocklist/ip", h.collection);
    // The first process makes and keeps the pre-selection.
    let bob = session(&h, "bob").await;
    assert_eq!(get_with(&h, &bob, &path).await.status, StatusCode::OK);
    let process = || another_process(&h);
    let store = h.store.as_ref();
    let changes: Vec<(&str, Change)> = vec![
        ("as posted", Box::new(|| {})),
        (
            "bob's organization in the AMBER audience",
            Box::new(|| {
                let change = ward_policy::CollectionChange {
                    public: None,
                    amber: Some(vec!["LabB".into()]),
                };
                ward_policy::settings::change_collection(store, &h.collection, &change).unwrap();
            }),
        ),
        (
            "the GREEN one quarantined",
            Box::new(|| {
                let key = format!(
                    "{}{}/indicator--00000000-0000-4000-8000-000000000041",
                    ward_policy::QUARANTINE_PREFIX,
                    h.collection
                );
                store.set_setting(&key, Some("{}")).unwrap();
            }),
        ),
        (
            "default TLP amber, Mercy named",
            Box::new(|| {
                ward_policy::settings::set_default_tlp(store, ward_stix::Tlp::AmberStrict).unwrap();
                let change = ward_policy::OrgChange {
                    attribution: Some(ward_policy::Attribution::Named),
                    ..ward_policy::OrgChange::default()
                };
                ward_policy::settings::change_org(store, "Mercy", &change).unwrap();
            }),
        ),
        (
            "bob's organization out of the AMBER audience",
            Box::new(|| {
                let change = ward_policy::CollectionChange {
                    public: None,
                    amber: Some(vec![]),
                };
                ward_policy::settings::change_collection(store, &h.collection, &change).unwrap();
            }),
        ),
    ];
    let mut bob_lists = Vec::new();
    for (name, change) in &changes {
        change();
        let other = process();
        for user in ["alice", "bob"] {
            let cookie = session(&other, user).await;
            let reply = get_with(&other, &cookie, &path).await;
            assert_eq!(reply.status, StatusCode::OK, "{name}: {}", text(&reply));
            // RED never reaches a block list; the rest is what TAXII serves this reader.
            let mut expected: Vec<String> = taxii_ids_at(&other, &h.objects_path(), user)
                .await
                .iter()
                .filter_map(|id| id.strip_prefix("indicator--00000000-0000-4000-8000-0000000000"))
                .filter(|n| *n != "45")
                .map(|n| ip(n.parse().unwrap()))
                .collect();
            expected.sort();
            assert_eq!(list_entries(&reply), expected, "{name}: {user}");
            if user == "bob" {
                bob_lists.push(expected);
            }
        }
    }
    // The changes did change what bob may read (so the lists above are no fixed answer).
    assert_eq!(bob_lists[0], [ip(41), ip(43), ip(44)]);
    assert_eq!(bob_lists[1], [ip(41), ip(42), ip(43), ip(44)]);
    assert_eq!(bob_lists[2], [ip(42), ip(43), ip(44)]);
    // The hub marked the unmarked one with the default TLP (GREEN) when it was posted, so
    // a later default changes nothing for it.
    assert_eq!(bob_lists[4], [ip(43), ip(44)]);
}
