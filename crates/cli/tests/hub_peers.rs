//! Hub-to-hub federation on real `ward serve` processes on loopback: two hubs pulling and
//! pushing (one by `ward admin peer sync`, one by the schedule of `ward serve`), three hubs in
//! a ring syncing both ways with TLP ceilings and AMBER audiences, medallion (PyPI) as a peer
//! for pull and push, and bad arguments refused with exit 2.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use ward_store::{ObjectQuery, SqliteStore, Store, VersionSelect};
use ward_testkit::medallion::{Medallion, Seed};
use ward_testkit::Hub;

const TAXII: &str = "application/taxii+json;version=2.1";
const CLEAR: &str = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
const GREEN: &str = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const AMBER: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const AMBER_STRICT: &str = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
const RED: &str = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const WARD_EXT: &str = "extension-definition--3c9f7a0e-5b1d-4d6e-9a2f-7d4c1b8e6f10";

fn ward_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_ward"))
}

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(ward_bin(), data, args)
}

fn ok(data: &Path, args: &[&str]) -> String {
    ward_testkit::stdout_of(ward(data, args))
}

/// A hub's folder, its store, its collection and the token of its member organization.
struct Site {
    name: String,
    data: PathBuf,
    /// `--data DIR`, or `--database URL` for a hub on PostgreSQL.
    store: Vec<String>,
    collection: String,
    member_token: String,
    /// `identity--<id>` of the member organization (anonymous: never to leave this hub).
    member_identity: String,
    hub: Option<Hub>,
}

impl Site {
    fn hub(&self) -> &Hub {
        self.hub.as_ref().expect("started")
    }

    fn url(&self) -> String {
        format!("{}/taxii2/", self.hub().base())
    }

    /// `ward STORE ARGS` on this hub's store; its standard output, which must succeed.
    fn ok(&self, args: &[&str]) -> String {
        ward_testkit::stdout_of(ward_testkit::run_on(ward_bin(), &self.store, args))
    }

    /// Org id of `name` on this hub.
    fn org_id(&self, name: &str) -> String {
        let orgs: Value =
            serde_json::from_str(&self.ok(&["--json", "admin", "org", "list"])).unwrap();
        orgs.as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap_or_else(|| panic!("no org {name}: {orgs}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Posts objects as the member; every one must be accepted.
    fn post(&self, objects: &[Value]) {
        let path = format!("/taxii2/api/collections/{}/objects/", self.collection);
        let auth = format!("Bearer {}", self.member_token);
        let (status, _, body) = ward_testkit::http(
            &self.hub().addr,
            "POST",
            &path,
            &[
                ("Accept", TAXII),
                ("Content-Type", TAXII),
                ("Authorization", &auth),
            ],
            json!({ "objects": objects }).to_string().as_bytes(),
        )
        .unwrap();
        let body = String::from_utf8_lossy(&body);
        assert_eq!(status, 202, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["failure_count"], 0, "{body}");
    }

    /// Every stored version of the collection, read from the store itself (no read filter):
    /// object id -> the JSON of each of its versions.
    fn held(&self) -> BTreeMap<String, Vec<Value>> {
        let store: Box<dyn Store> = match self.store.as_slice() {
            [flag, url] if flag == "--database" => {
                Box::new(ward_store_pg::PgStore::open_existing(url).unwrap())
            }
            _ => Box::new(SqliteStore::open_existing(&self.data).unwrap()),
        };
        let mut query = ObjectQuery {
            versions: VersionSelect::all(),
            limit: 1000,
            ..ObjectQuery::default()
        };
        let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        loop {
            let page = store.query_objects(&self.collection, &query).unwrap();
            for v in &page.items {
                out.entry(v.id.clone())
                    .or_default()
                    .push(serde_json::from_str(&v.json).unwrap());
            }
            match page.items.last() {
                Some(l) if page.more => query.after = Some(l.position()),
                _ => return out,
            }
        }
    }

    fn sync(&self) -> Value {
        serde_json::from_str(&self.ok(&["--json", "admin", "peer", "sync"])).unwrap()
    }
}

/// A hub store with a member organization and one organization (with a sync user and
/// token) per other hub, all reading and writing collection "Shared".
fn site(
    dir: &Path,
    name: &str,
    others: &[&str],
    amber: &[&str],
) -> (Site, BTreeMap<String, String>) {
    site_on(dir, name, others, amber, None)
}

/// [`site`] on the PostgreSQL database at `database` when given (its folder then holds only
/// the peers' token files).
fn site_on(
    dir: &Path,
    name: &str,
    others: &[&str],
    amber: &[&str],
    database: Option<&str>,
) -> (Site, BTreeMap<String, String>) {
    let data = dir.join(name);
    std::fs::create_dir_all(&data).unwrap();
    let store = match database {
        Some(url) => vec!["--database".to_string(), url.to_string()],
        None => vec!["--data".to_string(), data.display().to_string()],
    };
    let on =
        |args: &[&str]| ward_testkit::stdout_of(ward_testkit::run_on(ward_bin(), &store, args));
    on(&["admin", "init"]);
    on(&["admin", "peer", "name", name]);
    on(&["admin", "org", "add", "Members"]);
    on(&["admin", "user", "add", "--org", "Members", "member"]);
    let member_token = on(&["admin", "token", "create", "--user", "member"]);
    let mut tokens = BTreeMap::new();
    for other in others {
        on(&["admin", "org", "add", other]);
        let user = format!("sync-{other}");
        on(&["admin", "user", "add", "--org", other, &user]);
        tokens.insert(
            other.to_string(),
            on(&["admin", "token", "create", "--user", &user]),
        );
    }
    let all = std::iter::once("Members")
        .chain(others.iter().copied())
        .collect::<Vec<_>>()
        .join(",");
    let mut args = vec![
        "admin",
        "collection",
        "add",
        "Shared",
        "--read",
        &all,
        "--write",
        &all,
    ];
    let amber = amber.join(",");
    if !amber.is_empty() {
        args.extend(["--amber", &amber]);
    }
    let collection = on(&args);
    let mut s = Site {
        name: name.to_string(),
        data,
        store,
        collection,
        member_token,
        member_identity: String::new(),
        hub: None,
    };
    s.member_identity = format!("identity--{}", s.org_id("Members"));
    (s, tokens)
}

fn start(site: &mut Site) {
    site.hub = Some(match site.store.as_slice() {
        [flag, url] if flag == "--database" => {
            Hub::start(ward_bin(), &site.data, &["--database", url], &[])
        }
        _ => Hub::start(ward_bin(), &site.data, &[], &[]),
    });
}

/// Adds `remote` as a peer of `local`, with the token `remote` gave `local`.
fn add_peer(local: &Site, remote: &Site, token: &str, extra: &[&str]) {
    let file = local.data.join(format!("{}.token", remote.name));
    std::fs::write(&file, format!("{token}\n")).unwrap();
    let url = remote.url();
    let mut args = vec![
        "admin",
        "peer",
        "add",
        &remote.name,
        "--url",
        &url,
        "--remote-collection",
        &remote.collection,
        "--local-collection",
        "Shared",
        "--token-file",
        file.to_str().unwrap(),
    ];
    args.extend(extra);
    local.ok(&args);
}

fn indicator(tag: &str, marking: &str) -> Value {
    let n = tag
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--{:08x}-0000-4000-8000-{:012x}", n as u32, n & 0xffff_ffff_ffff),
        "created": "2025-01-01T00:00:00.000Z", "modified": "2025-01-01T00:00:00.000Z",
        "name": tag,
        "pattern": format!("[domain-name:value = '{tag}.example.net']"), "pattern_type": "stix",
        "valid_from": "2025-01-01T00:00:00Z",
        "object_marking_refs": [marking],
    })
}

fn id_of(tag: &str) -> String {
    indicator(tag, CLEAR)["id"].as_str().unwrap().to_string()
}

/// The tags of what a hub holds (read from the pattern, which the scrubber keeps as it is:
/// a name may be scrubbed on the way), each with its number of versions.
fn names(held: &BTreeMap<String, Vec<Value>>) -> BTreeMap<String, usize> {
    held.values()
        .map(|v| {
            if v[0]["type"] != "indicator" {
                return (v[0]["value"].as_str().unwrap_or("?").to_string(), v.len());
            }
            let pattern = v[0]["pattern"].as_str().unwrap_or("?");
            let tag = pattern
                .trim_start_matches("[domain-name:value = '")
                .trim_end_matches(".example.net']");
            (tag.to_string(), v.len())
        })
        .collect()
}

fn hub_path(object: &Value) -> Vec<String> {
    object["extensions"][WARD_EXT]["hub_path"]
        .as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn two_hubs_pull_by_command_and_push_on_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, tokens_a) = site(dir.path(), "a", &["b"], &[]);
    let (mut b, tokens_b) = site(dir.path(), "b", &["a"], &[]);
    start(&mut a);
    start(&mut b);
    // a pulls from b when asked; b pushes to a on its own schedule.
    add_peer(
        &a,
        &b,
        &tokens_b["a"],
        &["--direction", "pull", "--every", "1d"],
    );
    add_peer(
        &b,
        &a,
        &tokens_a["b"],
        &["--direction", "push", "--every", "10s"],
    );

    b.post(&[indicator("b-green", GREEN), indicator("b-red", RED)]);
    // (b's schedule may push it first: then a recognises it when pulling.)
    let first = a.sync();
    assert_eq!(first[0]["error"], Value::Null, "{first}");
    // b never serves RED to a token, so a never sees it.
    assert!(names(&a.held()).contains_key("b-green"));
    assert!(!names(&a.held()).contains_key("b-red"));
    let pulled = &a.held()[&id_of("b-green")][0];
    let path = hub_path(pulled);
    assert!(path == ["b", "a"] || path == ["b"], "{pulled}");
    // Anonymity: b's member is served as hub b, on b and on a.
    let text = serde_json::to_string(&a.held()).unwrap();
    assert!(!text.contains(&b.member_identity));

    // Resuming from the cursor: nothing new, nothing stored again.
    let again = a.sync();
    assert_eq!(again[0]["stats"]["stored"], 0, "{again}");
    assert_eq!(again[0]["error"], Value::Null, "{again}");

    // b's schedule pushes b's next object to a within its first period (10 s, jittered).
    b.post(&[indicator("b-green-2", GREEN)]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !names(&a.held()).contains_key("b-green-2") {
        assert!(Instant::now() < deadline, "b's schedule never pushed to a");
        std::thread::sleep(Duration::from_millis(500));
    }
    // The run records its outcome once its last page is sent.
    let listed = loop {
        let listed: Value =
            serde_json::from_str(&ok(&b.data, &["--json", "admin", "peer", "list"])).unwrap();
        if listed[0]["last_success"].is_string() || Instant::now() > deadline {
            break listed;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(listed[0]["config"]["name"], "a", "{listed}");
    assert!(listed[0]["last_success"].is_string(), "{listed}");
    assert_eq!(listed[0]["last_error"], Value::Null, "{listed}");
    assert!(
        listed[0]["total"]["pushed"].as_u64().unwrap() >= 1,
        "{listed}"
    );
    // The object a pulled from b is not pushed back... and b's push of its own objects
    // lands at a once: every object a holds has one version.
    let held = a.held();
    assert!(held.values().all(|v| v.len() == 1), "{held:?}");
    // The secret stays in its file: the store only names the file.
    let shown = ok(&b.data, &["--json", "admin", "peer", "list"]);
    assert!(!shown.contains(&tokens_a["b"]));
    assert!(shown.contains("a.token"));
}

#[test]
fn three_hubs_in_a_ring_converge_without_duplicates_or_leaks() {
    let dir = tempfile::tempdir().unwrap();
    // a's collection lets b read AMBER; nobody else names an AMBER audience.
    let (mut a, ta) = site(dir.path(), "a", &["b", "c"], &["b"]);
    let (mut b, tb) = site(dir.path(), "b", &["a", "c"], &[]);
    let (mut c, tc) = site(dir.path(), "c", &["a", "b"], &[]);
    for s in [&mut a, &mut b, &mut c] {
        start(s);
    }
    let both = ["--direction", "both"];
    // a <-> b: AMBER may cross; every other link stays at GREEN. a only pulls from c, and c
    // (which pulls from and pushes to a) accepts nothing above GREEN from a, which serves c
    // an AMBER object naming c.
    add_peer(
        &a,
        &b,
        &tb["a"],
        &[&both[..], &["--max-tlp-out", "amber"]].concat(),
    );
    add_peer(
        &b,
        &a,
        &ta["b"],
        &[&both[..], &["--max-tlp-in", "amber"]].concat(),
    );
    add_peer(&a, &c, &tc["a"], &["--direction", "pull"]);
    add_peer(
        &c,
        &a,
        &ta["c"],
        &[&both[..], &["--max-tlp-in", "green"]].concat(),
    );
    add_peer(&b, &c, &tc["b"], &both);
    add_peer(&c, &b, &tb["c"], &both);

    // At a, an AMBER object naming c's organization (on a) as its only audience.
    let c_on_a = format!("identity--{}", a.org_id("c"));
    let mut for_c = indicator("a-amber-for-c", AMBER);
    for_c["extensions"] = json!({WARD_EXT: {"extension_type": "property-extension",
        "amber_recipient_refs": [c_on_a]}});
    for s in [&a, &b, &c] {
        let n = &s.name;
        let mut green = indicator(&format!("{n}-green"), GREEN);
        green["created_by_ref"] = json!(s.member_identity);
        s.post(&[
            indicator(&format!("{n}-clear"), CLEAR),
            green,
            indicator(&format!("{n}-amber"), AMBER),
            indicator(&format!("{n}-strict"), AMBER_STRICT),
            indicator(&format!("{n}-red"), RED),
        ]);
    }
    // An SCO has no version of its own: each store dates it; it must still be held once.
    let sco = json!({"type": "ipv4-addr", "spec_version": "2.1",
        "id": "ipv4-addr--7f7d5e7c-2d0e-5d6b-9d3c-3f2b6b0c1a11", "value": "198.51.100.7",
        "object_marking_refs": [GREEN]});
    a.post(&[for_c, sco]);

    for _ in 0..3 {
        for s in [&a, &b, &c] {
            let reports = s.sync();
            for r in reports.as_array().unwrap() {
                assert_eq!(r["error"], Value::Null, "{}: {r}", s.name);
            }
        }
    }
    let expect = |site: &Site| -> BTreeSet<String> {
        let mut e: BTreeSet<String> = ["a", "b", "c"]
            .iter()
            .flat_map(|h| [format!("{h}-clear"), format!("{h}-green")])
            .chain(["198.51.100.7".to_string()])
            .collect();
        // Each hub keeps its own AMBER, AMBER+STRICT and RED.
        let n = &site.name;
        e.extend([
            format!("{n}-amber"),
            format!("{n}-strict"),
            format!("{n}-red"),
        ]);
        match n.as_str() {
            "a" => {
                e.insert("a-amber-for-c".into());
            }
            // a's AMBER reaches b (b is its collection's AMBER audience) and stops there.
            "b" => {
                e.insert("a-amber".into());
            }
            _ => {}
        }
        e
    };
    let mut before = Vec::new();
    for s in [&a, &b, &c] {
        let held = s.held();
        let got = names(&held);
        assert!(
            got.values().all(|n| *n == 1),
            "{}: a duplicate: {got:?}",
            s.name
        );
        let got: BTreeSet<String> = got.into_keys().collect();
        assert_eq!(got, expect(s), "{}", s.name);
        // No member's identity left its own hub.
        let text = serde_json::to_string(&held).unwrap();
        for other in [&a, &b, &c] {
            if other.name != s.name {
                assert!(
                    !text.contains(&other.member_identity),
                    "{} holds {}'s member",
                    s.name,
                    other.name
                );
            }
        }
        before.push(held);
    }
    // c refused a's AMBER object for c (above its ceiling), whichever way it came.
    let listed: Value =
        serde_json::from_str(&ok(&c.data, &["--json", "admin", "peer", "list"])).unwrap();
    let from_a = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["config"]["name"] == "a")
        .unwrap();
    assert!(
        from_a["total"]["refused_tlp"].as_u64().unwrap() >= 1,
        "{listed}"
    );

    // No ping-pong: more rounds store nothing anywhere.
    for _ in 0..2 {
        for s in [&a, &b, &c] {
            for r in s.sync().as_array().unwrap() {
                assert_eq!(r["stats"]["stored"], 0, "{}: {r}", s.name);
            }
        }
    }
    for (s, held) in [&a, &b, &c].into_iter().zip(before) {
        assert_eq!(s.held(), held, "{} changed after convergence", s.name);
    }
}

#[test]
fn bad_peer_arguments_exit_2_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = site(dir.path(), "solo", &[], &[]);
    let base = [
        "admin",
        "peer",
        "add",
        "x",
        "--url",
        "http://127.0.0.1:9/taxii2/",
        "--remote-collection",
        "c1",
    ];
    let cases: [(&[&str], &str); 5] = [
        (
            &["--local-collection", "Shared", "--direction", "sideways"],
            "pull, push or both",
        ),
        (
            &["--local-collection", "Nope", "--direction", "pull"],
            "--local-collection",
        ),
        (
            &[
                "--local-collection",
                "Shared",
                "--direction",
                "pull",
                "--max-tlp-out",
                "red",
            ],
            "never exchanged",
        ),
        (
            &[
                "--local-collection",
                "Shared",
                "--direction",
                "pull",
                "--every",
                "1s",
            ],
            "--every",
        ),
        (
            &[
                "--local-collection",
                "Shared",
                "--direction",
                "pull",
                "--token-file",
                "/nonexistent/t",
            ],
            "--token-file",
        ),
    ];
    for (extra, why) in cases {
        let args = [&base[..], extra].concat();
        let out = ward(&s.data, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(why), "{args:?}: {err}");
    }
    let out = ward(&s.data, &["admin", "peer", "sync", "ghost"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no peer named"));
    // A peer that does not answer: the run fails (exit 1), the error is kept for `list`.
    ok(
        &s.data,
        &[
            &base[..],
            &["--local-collection", "Shared", "--direction", "pull"],
        ]
        .concat(),
    );
    let out = ward(&s.data, &["admin", "peer", "sync", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let listed: Value =
        serde_json::from_str(&ok(&s.data, &["--json", "admin", "peer", "list"])).unwrap();
    assert!(listed[0]["last_error"].is_string(), "{listed}");
    assert_eq!(listed[0]["failures_in_a_row"], 1, "{listed}");
    ok(&s.data, &["admin", "peer", "remove", "x"]);
    let listed: Value =
        serde_json::from_str(&ok(&s.data, &["--json", "admin", "peer", "list"])).unwrap();
    assert_eq!(listed, json!([]));
}

#[test]
fn medallion_as_a_peer_for_pull_and_push() {
    let dir = tempfile::tempdir().unwrap();
    let seeded: Vec<Value> = (0..5)
        .map(|i| indicator(&format!("medallion-{i}"), GREEN))
        .collect();
    let manifest: Vec<Value> = seeded
        .iter()
        .enumerate()
        .map(|(i, o)| {
            json!({"id": o["id"], "date_added": format!("2025-08-02T00:00:0{i}.000000Z"),
                   "version": "2025-01-01T00:00:00.000Z",
                   "media_type": "application/stix+json;version=2.1"})
        })
        .collect();
    let seed = Seed {
        collection: "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
        objects: seeded,
        manifest,
        user: ("hub", "s3cret"),
        page_size: 2,
    };
    let Some(medallion) = Medallion::start(dir.path(), seed) else {
        return;
    };
    let collection = medallion.collection.as_str();

    let (mut s, _) = site(dir.path(), "hub", &[], &[]);
    start(&mut s);
    let password = dir.path().join("medallion.password");
    std::fs::write(&password, "s3cret\n").unwrap();
    let url = medallion.discovery();
    ok(
        &s.data,
        &[
            "admin",
            "peer",
            "add",
            "medallion",
            "--url",
            &url,
            "--remote-collection",
            collection,
            "--local-collection",
            "Shared",
            "--direction",
            "both",
            "--user",
            "hub",
            "--password-file",
            password.to_str().unwrap(),
        ],
    );
    s.post(&[indicator("hub-green", GREEN), indicator("hub-amber", AMBER)]);
    let first = s.sync();
    assert_eq!(first[0]["error"], Value::Null, "{first}");
    assert_eq!(first[0]["stats"]["stored"], 5, "{first}");
    // Pushed: the hub's GREEN object; its AMBER (above the default ceiling) and the five
    // received from medallion itself are withheld.
    assert_eq!(first[0]["stats"]["pushed"], 1, "{first}");
    assert_eq!(first[0]["stats"]["push_failed"], 0, "{first}");
    let held = names(&s.held());
    for i in 0..5 {
        assert_eq!(held.get(&format!("medallion-{i}")), Some(&1), "{held:?}");
    }
    // What medallion now holds.
    let auth = format!("Basic {}", "aHViOnMzY3JldA=="); // hub:s3cret
    let on_medallion = |tag: &str| -> Vec<Value> {
        let (status, _, body) = ward_testkit::http(
            &medallion.addr(),
            "GET",
            &format!(
                "/api1/collections/{collection}/objects/?match[id]={}",
                id_of(tag)
            ),
            &[("Accept", TAXII), ("Authorization", &auth)],
            b"",
        )
        .unwrap();
        let body = String::from_utf8_lossy(&body).into_owned();
        if status == 404 {
            return Vec::new();
        }
        assert_eq!(status, 200, "{body}");
        let env: Value = serde_json::from_str(&body).unwrap();
        env["objects"].as_array().cloned().unwrap_or_default()
    };
    let pushed = on_medallion("hub-green");
    assert_eq!(pushed.len(), 1, "{pushed:?}");
    assert_eq!(hub_path(&pushed[0]), ["hub"]);
    assert!(on_medallion("hub-amber").is_empty());
    // A second run: nothing new either way.
    let again = s.sync();
    assert_eq!(again[0]["stats"]["stored"], 0, "{again}");
    assert_eq!(again[0]["stats"]["pushed"], 0, "{again}");
}

const MISP_PAGE1: &str = include_str!("fixtures/misp-rest/page1.json");
const MISP_PAGE2: &str = include_str!("fixtures/misp-rest/page2.json");
const MISP_FORBIDDEN: &str = include_str!("fixtures/misp-rest/forbidden.json");
const MISP_KEY: &str = "Hx4Q9b2cRkz0aP7m3YtWnE5sLd8vUf1GiJoK6qBr";
/// The newest event `timestamp` of the recorded pages.
const MISP_NEWEST: i64 = 1_796_017_600;

/// A stub MISP serving the three recorded events (tlp:green, distribution 3, a sharing
/// group) by `page` and `limit`, only to `MISP_KEY`; none changed after `MISP_NEWEST`.
fn misp_stub() -> (String, ward_testkit::misp::Seen) {
    let events: Vec<Value> = [MISP_PAGE1, MISP_PAGE2]
        .iter()
        .flat_map(|p| {
            serde_json::from_str::<Value>(p).unwrap()["response"]
                .as_array()
                .unwrap()
                .clone()
        })
        .collect();
    assert_eq!(events.len(), 3);
    ward_testkit::misp::stub(move |auth, body| {
        if auth != MISP_KEY {
            return (403, "application/json", MISP_FORBIDDEN.to_string());
        }
        let since = body["timestamp"].as_i64().unwrap_or(0);
        let limit = body["limit"].as_u64().unwrap_or(100).max(1) as usize;
        let page = body["page"].as_u64().unwrap_or(1).max(1) as usize;
        let list: Vec<&Value> = events
            .iter()
            .filter(|e| {
                e["Event"]["timestamp"]
                    .as_str()
                    .and_then(|t| t.parse::<i64>().ok())
                    .is_some_and(|t| t >= since)
            })
            .skip((page - 1) * limit)
            .take(limit)
            .collect();
        (
            200,
            "application/json",
            json!({ "response": list }).to_string(),
        )
    })
}

/// Every indicator pattern held, with its TLP marking and provenance.
fn held_indicators(s: &Site) -> Vec<(String, Value, Vec<String>)> {
    s.held()
        .values()
        .flatten()
        .filter(|o| o["type"] == "indicator")
        .map(|o| {
            (
                o["pattern"].as_str().unwrap_or("").to_string(),
                o["object_marking_refs"].clone(),
                hub_path(o),
            )
        })
        .collect()
}

#[test]
fn a_misp_instance_as_a_pull_peer_on_a_cursor_through_the_publish_filter() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = site(dir.path(), "hub", &[], &[]);
    let (base, seen) = misp_stub();
    let key = dir.path().join("misp.key");
    std::fs::write(&key, format!("{MISP_KEY}\n")).unwrap();
    let key = key.to_str().unwrap();
    // `ward admin peer add NAME --misp ...` with the stub, the key and EXTRA.
    let misp_peer = |name: &'static str, extra: &[&'static str]| -> Output {
        let mut args = vec![
            "--json",
            "admin",
            "peer",
            "add",
            name,
            "--misp",
            &base,
            "--api-key-file",
            key,
            "--local-collection",
            "Shared",
        ];
        args.extend(extra);
        ward(&s.data, &args)
    };
    let added = ward_testkit::stdout_of(misp_peer(
        "community-misp",
        &["--since", "2026-11-01", "--every", "1h"],
    ));
    let added: Value = serde_json::from_str(&added).unwrap();
    assert_eq!(added["direction"], "pull", "{added}");
    assert_eq!(added["misp"]["since"], 1_793_491_200, "{added}");

    let first = s.sync();
    assert_eq!(first[0]["error"], Value::Null, "{first}");
    let stats = &first[0]["stats"];
    assert!(stats["stored"].as_u64().unwrap() >= 6, "{first}");
    assert_eq!(stats["failed"], 0, "{first}");
    assert_eq!(stats["refused_tlp"], 0, "{first}");
    // Each event's TLP (its tag, else its distribution or sharing group) on its indicators,
    // and the provenance of what came through the peer.
    let held = held_indicators(&s);
    for (value, tlp) in [
        ("billing-portal-update.example", GREEN),
        ("203.0.113.45", GREEN),
        ("198.51.100.23", CLEAR),
        ("login-mercy-health.example", AMBER),
    ] {
        let found: Vec<_> = held.iter().filter(|(p, _, _)| p.contains(value)).collect();
        assert_eq!(found.len(), 1, "{value}: {held:?}");
        assert_eq!(found[0].1, json!([tlp]), "{value}");
        assert_eq!(found[0].2, ["community-misp", "hub"], "{value}");
    }
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "one short page");
        let (path, auth, body) = &seen[0];
        assert_eq!(path, "/events/restSearch");
        assert_eq!(auth, MISP_KEY);
        assert_eq!(body["timestamp"], 1_793_491_200);
        assert_eq!(body["returnFormat"], "json");
    }

    // The next run asks from the newest event seen; the event of that second comes again
    // and is recognised as held: nothing stored twice.
    let before = s.held();
    let again = s.sync();
    assert_eq!(again[0]["error"], Value::Null, "{again}");
    assert_eq!(again[0]["stats"]["stored"], 0, "{again}");
    // Every object of it is recognised as held (with other content when the hub's policy
    // changed the stored copy, such as a default TLP stamped or a name scrubbed).
    let st = &again[0]["stats"];
    let n = |k: &str| st[k].as_u64().unwrap();
    assert!(n("received") >= 2, "{again}");
    assert_eq!(n("unchanged") + n("held_differs"), n("received"), "{again}");
    assert_eq!(
        seen.lock().unwrap().last().unwrap().2["timestamp"],
        MISP_NEWEST
    );
    assert_eq!(s.held(), before);

    // A second peer on the same instance with a CLEAR ceiling: the GREEN and AMBER events'
    // objects are refused, the CLEAR one's already held.
    ward_testkit::stdout_of(misp_peer(
        "clear-only",
        &["--since", "2026-11-01", "--max-tlp-in", "clear"],
    ));
    let strict: Value = serde_json::from_str(&ok(
        &s.data,
        &["--json", "admin", "peer", "sync", "clear-only"],
    ))
    .unwrap();
    assert_eq!(strict[0]["stats"]["stored"], 0, "{strict}");
    assert!(
        strict[0]["stats"]["refused_tlp"].as_u64().unwrap() >= 5,
        "{strict}"
    );
    assert_eq!(s.held(), before);

    // A key the instance refuses: the run fails (exit 1), the reason kept for `peer list`.
    std::fs::write(dir.path().join("misp.key"), "revoked\n").unwrap();
    let out = ward(&s.data, &["admin", "peer", "sync", "community-misp"]);
    assert_eq!(out.status.code(), Some(1));
    let listed: Value =
        serde_json::from_str(&ok(&s.data, &["--json", "admin", "peer", "list"])).unwrap();
    let error = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["config"]["name"] == "community-misp")
        .and_then(|p| p["last_error"].as_str())
        .unwrap_or_default();
    assert!(error.contains("refused the API key"), "{listed}");

    // Bad arguments: exit 2 with the reason.
    for (args, says) in [
        (vec!["--direction", "push"], "pulled only"),
        (vec!["--since", "soon"], "--since"),
        (vec!["--url", "http://x.example/taxii2/"], "--url"),
    ] {
        let out = misp_peer("m2", &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn a_hub_on_postgresql_pulls_and_pushes_without_duplicates() {
    let Some(db) = ward_store_pg::scratch::for_test() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (mut a, tokens_a) = site(dir.path(), "a", &["pg"], &[]);
    let (mut pg, tokens_pg) = site_on(dir.path(), "pg", &["a"], &[], Some(db.url()));
    start(&mut a);
    start(&mut pg);
    // The hub on PostgreSQL pulls from and pushes to a; a pulls from it too.
    for (local, remote, token, direction) in [
        (&pg, &a, &tokens_a["pg"], "both"),
        (&a, &pg, &tokens_pg["a"], "pull"),
    ] {
        add_peer(
            local,
            remote,
            token,
            &["--direction", direction, "--every", "1d"],
        );
    }
    a.post(&[indicator("a-1", GREEN), indicator("a-2", CLEAR)]);
    pg.post(&[indicator("pg-1", GREEN), indicator("pg-2", CLEAR)]);

    let first = pg.sync();
    assert_eq!(first[0]["error"], Value::Null, "{first}");
    assert_eq!(first[0]["stats"]["stored"], 2, "{first}");
    assert_eq!(first[0]["stats"]["pushed"], 2, "{first}");
    let from_pg = a.sync();
    assert_eq!(from_pg[0]["error"], Value::Null, "{from_pg}");
    // a already holds pg's objects (pushed): nothing stored again; a's own come back
    // through pg with a in their path and are refused as a loop.
    assert_eq!(from_pg[0]["stats"]["stored"], 0, "{from_pg}");

    let all: BTreeSet<&str> = ["a-1", "a-2", "pg-1", "pg-2"].into();
    for site in [&a, &pg] {
        let held = names(&site.held());
        let tags: BTreeSet<&str> = held.keys().map(String::as_str).collect();
        assert_eq!(tags, all, "{}: {held:?}", site.name);
        assert!(held.values().all(|n| *n == 1), "{}: {held:?}", site.name);
    }
    let pulled = &pg.held()[&id_of("a-1")][0];
    assert_eq!(hub_path(pulled), ["a", "pg"], "{pulled}");
    let pushed = &a.held()[&id_of("pg-1")][0];
    assert_eq!(hub_path(pushed), ["pg"], "{pushed}");

    // Another round each way changes nothing.
    let before = (a.held(), pg.held());
    for site in [&pg, &a] {
        let again = site.sync();
        assert_eq!(again[0]["error"], Value::Null, "{again}");
        assert_eq!(again[0]["stats"]["stored"], 0, "{again}");
        assert_eq!(again[0]["stats"]["pushed"], 0, "{again}");
    }
    assert_eq!((a.held(), pg.held()), before);
}
