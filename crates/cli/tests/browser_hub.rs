//! The hub's web interface in a real browser: headless Chromium driven over WebDriver
//! (`ward_testkit::webdriver`) against a real `ward serve`. Sign in, browse a collection and
//! an object, create a token and revoke it (TAXII then refuses it), sign out; on every page
//! no serious or critical axe-core violation, nothing loaded from outside loopback, and a
//! screenshot at 1280 and 390 px wide in `target/screenshots/` (or `$WARD_SCREENSHOTS`).
//! Skipped with a message when chromedriver, Chromium or axe-core is missing; failed then
//! under `WARD_REQUIRE_PEERS=1`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use ward_testkit::webdriver::{axe_script, review, Browser, Width};
use ward_testkit::{http, Hub};

const TAXII: &str = "application/taxii+json;version=2.1";
const PASSWORD: &str = "s3cret pass";

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
fn sign_in_browse_and_revoke_a_token_in_chromium() {
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
    let objects: Vec<String> = (0..5)
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
    let envelope = format!(r#"{{"objects":[{}]}}"#, objects.join(","));
    let auth = format!("Bearer {writer}");
    let posted = http(
        &hub.addr,
        "POST",
        &format!("/taxii2/api/collections/{alerts}/objects/"),
        &[
            ("Authorization", &auth),
            ("Accept", TAXII),
            ("Content-Type", TAXII),
        ],
        envelope.as_bytes(),
    )
    .unwrap();
    assert_eq!(posted.0, 202, "{}", String::from_utf8_lossy(&posted.2));

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
    let rows = page.find_all("main tbody tr").unwrap();
    assert_eq!(rows.len(), 5);
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

    page.click(&page.find("header form button").unwrap())
        .unwrap();
    page.wait_url_ends_with("/ui/signin").unwrap();
    page.navigate(&format!("{}/ui", hub.base())).unwrap();
    assert!(page.url().unwrap().ends_with("/ui/signin"), "signed out");
}
