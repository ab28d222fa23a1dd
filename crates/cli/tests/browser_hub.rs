//! The hub's web interface in a real browser: headless Chromium driven over WebDriver
//! (`ward_testkit::webdriver`) against a real `ward serve`, one browser window for the whole
//! story. The operator signs in, browses a collection and an object, then works every
//! operator form: admits an organization, adds a user with a password, gives the new
//! organization read access and another one the collection's AMBER list, sets the default
//! TLP (a later unmarked post gets it), creates a token and revokes it (TAXII then refuses
//! it), and signs out. The new user signs in with the keyboard alone, follows the block-list
//! links of the collection page, and the downloaded files hold only what TAXII serves them
//! and no private address. On every page: no serious or critical axe-core violation, nothing
//! loaded from outside loopback, no sideways scrolling at 390 px, the focus shown on every
//! element a keyboard reaches, and a screenshot at 1280 and 390 px wide in
//! `target/screenshots/` (or `$WARD_SCREENSHOTS`).
//! Skipped with a message when chromedriver, Chromium or axe-core is missing; failed then
//! under `WARD_REQUIRE_PEERS=1`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;
use ward_testkit::webdriver::{axe_script, review, Browser, Session, Width};
use ward_testkit::{http, Hub};

const TAXII: &str = "application/taxii+json;version=2.1";
const PASSWORD: &str = "s3cret pass";
const CAROL_PASSWORD: &str = "carol's long pass";
const GREEN: &str = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const AMBER: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const RED: &str = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
/// WebDriver's Tab and Enter keys.
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

fn admin(data: &Path, args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ward"))
        .arg("--data")
        .arg(data)
        .arg("admin")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "ward admin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn indicator(n: usize, name: &str) -> String {
    format!(
        r#"{{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-{n:012}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":{},"pattern":"[domain-name:value = 'bad{n}.example.org']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}}"#,
        serde_json::Value::String(name.into())
    )
}

/// An indicator of `pattern` made now (old ones score too low for a block list), with
/// `marking` when given.
fn fresh(n: usize, pattern: &str, marking: Option<&str>) -> String {
    let now = ward_stix::Timestamp::now().with_precision(3).to_string();
    let mut v = serde_json::json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{n:012}"),
        "created": now, "modified": now, "valid_from": now,
        "name": format!("block-list candidate {n}"), "pattern": pattern, "pattern_type": "stix",
    });
    if let Some(m) = marking {
        v["object_marking_refs"] = serde_json::json!([m]);
    }
    v.to_string()
}

fn post(hub: &Hub, token: &str, collection: &str, objects: &[String]) {
    let envelope = format!(r#"{{"objects":[{}]}}"#, objects.join(","));
    let auth = format!("Bearer {token}");
    let posted = http(
        &hub.addr,
        "POST",
        &format!("/taxii2/api/collections/{collection}/objects/"),
        &[
            ("Authorization", &auth),
            ("Accept", TAXII),
            ("Content-Type", TAXII),
        ],
        envelope.as_bytes(),
    )
    .unwrap();
    assert_eq!(posted.0, 202, "{}", String::from_utf8_lossy(&posted.2));
}

/// The JSON TAXII answers a GET of `path` with, sent with the `Authorization` value `auth`.
fn taxii_get(hub: &Hub, auth: &str, path: &str) -> Value {
    let (status, _, body) = http(
        &hub.addr,
        "GET",
        path,
        &[("Authorization", auth), ("Accept", TAXII)],
        b"",
    )
    .unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

/// The latest version of one object as TAXII serves it to `token`.
fn taxii_object(hub: &Hub, token: &str, collection: &str, id: &str) -> Value {
    let v = taxii_get(
        hub,
        &format!("Bearer {token}"),
        &format!("/taxii2/api/collections/{collection}/objects/{id}/"),
    );
    v["objects"][0].clone()
}

/// Clicks the submit button of the form posting to `action`, and waits for the page to say
/// `done`.
fn submit(page: &Session<'_>, action: &str, done: &str) {
    page.click(
        &page
            .find(&format!("form[action='{action}'] button[type=submit]"))
            .unwrap(),
    )
    .unwrap();
    page.wait_source_contains(done).unwrap();
}

/// Picks the option of `select` whose text is `text` (by clicking it, as a person would);
/// returns its value.
fn choose(page: &Session<'_>, select: &str, text: &str) -> String {
    for option in page.find_all(&format!("{select} option")).unwrap() {
        if page.text(&option).unwrap().trim() == text {
            page.click(&option).unwrap();
            let value = page
                .execute(
                    &format!("return document.querySelector({select:?}).value"),
                    &[],
                )
                .unwrap();
            return value.as_str().unwrap().to_string();
        }
    }
    panic!("no option {text:?} in {select}");
}

/// The entries of a downloaded block list (its comment lines left out), sorted.
fn entries(list: &[u8]) -> Vec<String> {
    let mut e: Vec<String> = String::from_utf8(list.to_vec())
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    e.sort();
    e
}

/// The ids of the latest versions TAXII serves `user` (HTTP Basic with `password`) in
/// `collection`, sorted.
fn taxii_ids_with_password(hub: &Hub, user: &str, password: &str, collection: &str) -> Vec<String> {
    use base64::Engine;
    let auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    );
    let v = taxii_get(
        hub,
        &auth,
        &format!("/taxii2/api/collections/{collection}/objects/"),
    );
    assert_ne!(v["more"], true, "one page holds them all");
    let mut ids: Vec<String> = v["objects"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn taxii_status(hub: &Hub, token: &str) -> u16 {
    let auth = format!("Bearer {token}");
    http(
        &hub.addr,
        "GET",
        "/taxii2/api/collections",
        &[("Authorization", &auth), ("Accept", TAXII)],
        b"",
    )
    .unwrap()
    .0
}

#[test]
fn operators_and_members_work_the_hub_pages_in_chromium() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let Some(axe_js) = axe_script() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    admin(data, &["init"], None);
    admin(data, &["org", "add", "Mercy"], None);
    admin(data, &["org", "add", "LabB"], None);
    admin(
        data,
        &["user", "add", "--org", "Mercy", "alice", "--password-stdin"],
        Some(&format!("{PASSWORD}\n")),
    );
    admin(data, &["user", "add", "--org", "LabB", "bob"], None);
    let writer = admin(data, &["token", "create", "--user", "alice"], None);
    let alerts = admin(
        data,
        &[
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy,LabB",
            "--write",
            "Mercy",
        ],
        None,
    );
    let hub = Hub::start(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        data,
        &[],
        &["--operator-org", "Mercy"],
    );
    let mut objects: Vec<String> = (0..5)
        .map(|n| {
            indicator(
                n,
                if n == 0 {
                    "<script>alert(1)</script>"
                } else {
                    "phishing host"
                },
            )
        })
        .collect();
    // Block-list candidates: public and private addresses, TLP:GREEN, AMBER and RED.
    objects.extend([
        fresh(10, "[ipv4-addr:value = '45.33.32.156']", Some(GREEN)),
        fresh(11, "[ipv4-addr:value = '185.220.101.5']", Some(AMBER)),
        fresh(12, "[ipv4-addr:value = '185.220.101.6']", Some(RED)),
        fresh(13, "[ipv4-addr:value = '10.1.2.3']", Some(GREEN)),
        fresh(14, "[ipv4-addr:value = '192.168.7.7']", Some(GREEN)),
        fresh(15, "[ipv6-addr:value = 'fd00::1']", Some(GREEN)),
        fresh(
            16,
            "[domain-name:value = 'evil-login-portal.com']",
            Some(GREEN),
        ),
        fresh(
            17,
            "[domain-name:value = 'amber-only-portal.net']",
            Some(AMBER),
        ),
    ]);
    post(&hub, &writer, &alerts, &objects);

    let page = browser.session(Width::DESKTOP).unwrap();
    page.navigate(&format!("{}/ui/signin", hub.base())).unwrap();
    review(&page, &axe_js, "hub-signin");
    page.send_keys(&page.find("#user").unwrap(), "alice")
        .unwrap();
    page.send_keys(&page.find("#password").unwrap(), PASSWORD)
        .unwrap();
    page.click(&page.find("main button[type=submit]").unwrap())
        .unwrap();
    page.wait_url_ends_with("/ui").unwrap();
    review(&page, &axe_js, "hub-collections");

    page.click(&page.find("main a[href^='/ui/collections/']").unwrap())
        .unwrap();
    page.wait_url_contains("/ui/collections/").unwrap();
    // Exactly the objects TAXII serves alice with her password, the page's own caller.
    let shown: Value = page
        .execute(
            "return Array.from(document.querySelectorAll('main tbody tr td a')).map(a => a.getAttribute('href'))",
            &[],
        )
        .unwrap();
    let mut shown: Vec<String> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|href| {
            let href = href.as_str().unwrap();
            href.rsplit('/').next().unwrap().to_string()
        })
        .collect();
    shown.sort();
    let served = taxii_ids_with_password(&hub, "alice", PASSWORD, &alerts);
    assert_eq!(shown, served, "the page against TAXII for alice");
    assert!(served.len() >= 5, "{served:?}");
    // The hostile name is text on the page, not markup.
    let first = page
        .text(&page.find("main tbody tr td a").unwrap())
        .unwrap();
    assert_eq!(first, "<script>alert(1)</script>");
    review(&page, &axe_js, "hub-collection");

    page.click(&page.find("main tbody tr td a").unwrap())
        .unwrap();
    page.wait_source_contains("Versions").unwrap();
    review(&page, &axe_js, "hub-object");

    page.navigate(&format!("{}/ui/admin", hub.base())).unwrap();
    review(&page, &axe_js, "hub-operator");

    // Admit an organization.
    page.send_keys(&page.find("#org-name").unwrap(), "Clinic C")
        .unwrap();
    submit(&page, "/ui/admin/orgs/add", "Clinic C admitted.");
    let orgs: Vec<String> = page
        .find_all("[aria-label=Organizations] tbody tr td:first-child")
        .unwrap()
        .iter()
        .map(|td| page.text(td).unwrap())
        .collect();
    assert!(orgs.contains(&"Clinic C".to_string()), "{orgs:?}");
    review(&page, &axe_js, "hub-operator-org-admitted");

    // Add a user to it, with a password.
    let clinic = choose(&page, "#user-org", "Clinic C");
    page.send_keys(&page.find("#user-name").unwrap(), "carol")
        .unwrap();
    page.send_keys(&page.find("#user-password").unwrap(), CAROL_PASSWORD)
        .unwrap();
    submit(&page, "/ui/admin/users/add", "carol added to Clinic C");
    review(&page, &axe_js, "hub-operator-user-added");

    // Clinic C may read Alerts; LabB joins its AMBER list.
    let labb = page
        .execute(
            "return Array.from(document.querySelectorAll('#user-org option')).find(o => o.textContent === 'LabB').value",
            &[],
        )
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    let access = format!(
        "form[action='/ui/admin/collections/access']:has(input[name=collection][value='{alerts}'])"
    );
    // Each check box says whose it is to a screen reader, not just "read".
    let read_box = page
        .find(&format!("{access} input[name=read][value='{clinic}']"))
        .unwrap();
    assert_eq!(page.label(&read_box).unwrap().trim(), "Clinic C: read");
    page.click(&read_box).unwrap();
    page.click(
        &page
            .find(&format!("{access} input[name=amber][value='{labb}']"))
            .unwrap(),
    )
    .unwrap();
    page.click(&page.find(&format!("{access} button[type=submit]")).unwrap())
        .unwrap();
    page.wait_source_contains("Alerts: 3 reader(s), 1 writer(s), 1 AMBER.")
        .unwrap();
    page.navigate(&format!("{}/ui/admin", hub.base())).unwrap();
    let row = page
        .text(&page.find("[aria-label=Collections] tbody tr").unwrap())
        .unwrap();
    assert!(
        row.contains("Clinic C, LabB, Mercy") && row.ends_with("LabB"),
        "readers and the AMBER list after a reload: {row}"
    );
    review(&page, &axe_js, "hub-operator-access");

    // The default TLP: shown after a reload, and given to a later unmarked post.
    choose(&page, "#default-tlp", "amber");
    submit(
        &page,
        "/ui/admin/default-tlp",
        "Default TLP set to amber for objects posted from now on.",
    );
    page.navigate(&format!("{}/ui/admin", hub.base())).unwrap();
    page.wait_source_contains("<strong>amber</strong>").unwrap();
    post(
        &hub,
        &writer,
        &alerts,
        &[fresh(20, "[ipv4-addr:value = '45.33.32.157']", None)],
    );
    let unmarked = taxii_object(
        &hub,
        &writer,
        &alerts,
        "indicator--00000000-0000-4000-8000-000000000020",
    );
    assert!(
        unmarked["object_marking_refs"]
            .as_array()
            .is_some_and(|m| m.iter().any(|r| r == AMBER)),
        "{unmarked}"
    );
    review(&page, &axe_js, "hub-operator-default-tlp");

    // A token, created then revoked: TAXII takes it, then refuses it.
    page.send_keys(&page.find("#token-label").unwrap(), "browser test")
        .unwrap();
    page.click(&page.find("form[action='/ui/admin/tokens'] button").unwrap())
        .unwrap();
    let token = page.text(&page.find(".secret pre code").unwrap()).unwrap();
    assert!(!page.url().unwrap().contains(&token));
    assert_eq!(taxii_status(&hub, &token), 200);
    review(&page, &axe_js, "hub-token-created");
    let id = &ward_store::credentials::token_hash(&token)[..12];
    page.click(
        &page
            .find(&format!("form:has(input[name=token][value='{id}']) button"))
            .unwrap(),
    )
    .unwrap();
    page.wait_source_contains("revoked").unwrap();
    assert_eq!(taxii_status(&hub, &token), 401);
    review(&page, &axe_js, "hub-token-revoked");

    page.click(&page.find("header form button").unwrap())
        .unwrap();
    page.wait_url_ends_with("/ui/signin").unwrap();
    page.navigate(&format!("{}/ui", hub.base())).unwrap();
    assert!(page.url().unwrap().ends_with("/ui/signin"), "signed out");

    // The new user signs in with the keyboard alone: type, Tab, type, Enter.
    page.send_keys(&page.find("#user").unwrap(), &format!("carol{TAB}"))
        .unwrap();
    let focused = page.active().unwrap();
    page.send_keys(&focused, &format!("{CAROL_PASSWORD}{ENTER}"))
        .unwrap();
    page.wait_url_ends_with("/ui").unwrap();
    page.wait_source_contains("carol (Clinic C)").unwrap();

    // Carol's organization reads Alerts now; its block lists hold what she may read only:
    // not Mercy's AMBER (Clinic C is not on the AMBER list), never RED, no private address.
    page.click(
        &page
            .find(&format!("main a[href='/ui/collections/{alerts}']"))
            .unwrap(),
    )
    .unwrap();
    page.wait_source_contains("Block lists").unwrap();
    review(&page, &axe_js, "hub-collection-member");
    page.click(&page.find("main a[href$='/blocklist/ip']").unwrap())
        .unwrap();
    let (name, ip) = page.wait_download("-ip.txt").unwrap();
    assert_eq!(name, format!("{alerts}-ip.txt"));
    let text = String::from_utf8_lossy(&ip).to_string();
    assert!(text.starts_with("# ward export, format plain-ip"), "{text}");
    assert_eq!(entries(&ip), ["45.33.32.156"], "{text}");
    page.click(&page.find("main a[href$='/blocklist/domain']").unwrap())
        .unwrap();
    let (_, domains) = page.wait_download("-domain.txt").unwrap();
    assert_eq!(entries(&domains), ["evil-login-portal.com"]);
    page.click(&page.find("main a[href$='/blocklist/rpz']").unwrap())
        .unwrap();
    let (_, rpz) = page.wait_download(".rpz").unwrap();
    let rpz = String::from_utf8(rpz).unwrap();
    assert!(rpz.contains("evil-login-portal.com"), "{rpz}");
    for hidden in [
        "amber-only-portal.net",
        "185.220.101",
        "10.1.2.3",
        "192.168.7.7",
        "fd00",
    ] {
        assert!(!rpz.contains(hidden), "{hidden} in {rpz}");
        assert!(!String::from_utf8_lossy(&ip).contains(hidden));
    }
    // The downloads left the page where it was, and nothing left loopback.
    assert!(page
        .url()
        .unwrap()
        .ends_with(&format!("/ui/collections/{alerts}")));
    page.assert_only_loopback().unwrap();
}

/// The loopback check itself: a page on loopback that asks for an image, a script and a
/// style sheet from outside is caught, though the browser sends none of them (the host
/// names resolve to nothing and the proxy refuses them), and a page asking nothing is not.
#[test]
fn the_loopback_check_catches_a_page_that_asks_outside() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for stream in listener.incoming().flatten().take(8) {
            let mut stream = stream;
            let mut head = [0u8; 2048];
            let n = stream.read(&mut head).unwrap_or(0);
            let asked = String::from_utf8_lossy(&head[..n]).to_string();
            let body = if asked.starts_with("GET /outside") {
                "<!DOCTYPE html><title>t</title><img src=\"http://images.outside.example/x.png\">\
                 <script src=\"https://cdn.outside.example/lib.js\"></script>\
                 <link rel=\"stylesheet\" href=\"https://fonts.outside.example/f.css\">"
            } else {
                "<!DOCTYPE html><title>t</title><p>nothing from outside</p>"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let page = browser.session(Width::DESKTOP).unwrap();
    page.navigate(&format!("http://{addr}/inside")).unwrap();
    page.assert_only_loopback().unwrap();
    page.navigate(&format!("http://{addr}/outside")).unwrap();
    let caught = page.assert_only_loopback().unwrap_err().to_string();
    for host in [
        "images.outside.example",
        "cdn.outside.example",
        "fonts.outside.example",
    ] {
        assert!(caught.contains(host), "{host} not in {caught}");
    }
}
