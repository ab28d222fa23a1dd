//! A year of an ISAO's members through `ward admin`, against a running hub, on SQLite and on
//! PostgreSQL (`WARD_TEST_DATABASE_URL`; skipped without a server unless
//! `WARD_REQUIRE_PEERS=1`): a member joins straight into a collection, a bad argument
//! creates nothing, names are unique whatever their case, a token is rotated (the old one
//! refused at once), an organization and a user are disabled and enabled, a collection's
//! audience changes, an organization is renamed and leaves (its objects stay, served as the
//! hub's), and a collection is removed only with --force.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use ward_store_pg::scratch;
use ward_testkit::{http, Hub};

const TAXII: &str = "application/taxii+json;version=2.1";

struct Ward<'a> {
    store: Vec<&'a str>,
}

impl Ward<'_> {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ward"))
            .args(&self.store)
            .arg("admin")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run ward admin")
    }

    /// Stdout of a command that must succeed.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "ward admin {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Stderr of a command that must fail with exit 2 and one line.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "ward admin {args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        err
    }

    fn stderr_of(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stderr).to_string()
    }
}

fn indicator(n: u32) -> String {
    format!(
        r#"{{"objects":[{{"type":"indicator","spec_version":"2.1",
        "id":"indicator--00000000-0000-4000-8000-{n:012}",
        "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",
        "name":"bad address","pattern":"[ipv4-addr:value = '203.0.113.{n}']",
        "pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}}]}}"#
    )
}

/// Status of GET objects of `collection` with `token`, and the ids served.
fn read(hub: &Hub, collection: &str, token: &str) -> (u16, Vec<String>) {
    let auth = format!("Bearer {token}");
    let (status, _, body) = http(
        &hub.addr,
        "GET",
        &format!("/taxii2/api/collections/{collection}/objects/"),
        &[("Authorization", &auth), ("Accept", TAXII)],
        b"",
    )
    .expect("get");
    let ids = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v["objects"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|o| o["id"].as_str().map(str::to_string))
        .collect();
    (status, ids)
}

fn post(hub: &Hub, collection: &str, token: &str, body: &str) -> u16 {
    let auth = format!("Bearer {token}");
    let (status, _, _) = http(
        &hub.addr,
        "POST",
        &format!("/taxii2/api/collections/{collection}/objects/"),
        &[
            ("Authorization", &auth),
            ("Accept", TAXII),
            ("Content-Type", TAXII),
        ],
        body.as_bytes(),
    )
    .expect("post");
    status
}

/// `ward serve` on the store: Hub::start names `--data` itself.
fn start_hub(store: &[&str], hub_data: &Path) -> Hub {
    let global = if store.first() == Some(&"--data") {
        &[][..]
    } else {
        store
    };
    Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), hub_data, global, &[])
}

fn org_names(ward: &Ward<'_>) -> Vec<String> {
    ward.ok(&["org", "list"])
        .lines()
        .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
        .collect()
}

// Long because: one operator's year, step by step, each step checked on the running hub.
fn a_year_of_members(store: &[&str], hub_data: &Path) {
    let ward = Ward {
        store: store.to_vec(),
    };
    ward.ok(&["init"]);
    ward.ok(&["org", "add", "Mercy General"]);
    let alerts = ward.ok(&[
        "collection",
        "add",
        "Regional alerts",
        "--read",
        "mercy general",
        "--write",
        "Mercy General",
    ]);
    ward.ok(&["user", "add", "--org", "Mercy General", "alice"]);
    let alice = ward.ok(&["token", "create", "--user", "alice"]);

    // A bad argument creates nothing; names are unique whatever their case.
    let err = ward.refused(&["org", "add", "Foo", "--attribution", "namd"]);
    assert!(err.contains("namd"), "{err}");
    let err = ward.refused(&["org", "add", "Foo", "--read", "No such collection"]);
    assert!(err.contains("No such collection"), "{err}");
    assert!(!org_names(&ward).contains(&"Foo".to_string()));
    let err = ward.refused(&["org", "add", "mercy general"]);
    assert!(err.contains("\"Mercy General\""), "{err}");
    ward.refused(&["collection", "add", "REGIONAL ALERTS"]);
    ward.refused(&["user", "add", "--org", "Mercy General", "Alice"]);

    // A new member joins straight into the collection (by title, any case; org by id).
    let lab = ward.ok(&[
        "org",
        "add",
        "Lab B",
        "--read",
        "regional alerts",
        "--write",
        &alerts,
    ]);
    ward.ok(&["user", "add", "--org", &lab, "bob"]);
    let bob = ward.ok(&["token", "create", "--user", "bob", "--label", "bob sync"]);
    let listed = ward.ok(&["collection", "list"]);
    // Readers and writers both name the new member.
    assert_eq!(listed.matches("Lab B").count(), 2, "{listed}");

    let hub = start_hub(store, hub_data);
    assert_eq!(post(&hub, &alerts, &bob, &indicator(7)), 202);
    let bobs = "indicator--00000000-0000-4000-8000-000000000007".to_string();
    assert_eq!(read(&hub, &alerts, &bob), (200, vec![bobs.clone()]));

    // Rotation: the new token works, the old one is refused at once.
    let fresh = ward.ok(&["token", "rotate", "bob sync"]);
    assert_ne!(fresh, bob);
    assert_eq!(read(&hub, &alerts, &bob).0, 401);
    assert_eq!(read(&hub, &alerts, &fresh).0, 200);
    let listed = ward.ok(&["token", "list"]);
    assert_eq!(listed.matches("bob sync").count(), 1, "{listed}");

    // Disabled organizations and users cannot sign in; enabling gives access back.
    ward.ok(&["org", "disable", "lab b"]);
    assert_eq!(read(&hub, &alerts, &fresh).0, 401);
    assert!(ward.ok(&["org", "list"]).contains("Lab B\tdisabled"));
    assert!(ward.ok(&["user", "list"]).contains("bob\tLab B\tdisabled"));
    ward.ok(&["org", "enable", &lab]);
    assert_eq!(read(&hub, &alerts, &fresh).0, 200);
    ward.ok(&["user", "disable", "bob"]);
    assert_eq!(read(&hub, &alerts, &fresh).0, 401);
    ward.ok(&["user", "enable", "bob"]);
    assert_eq!(read(&hub, &alerts, &fresh).0, 200);

    // The collection's audience changes: Lab B may no longer read or write it.
    ward.ok(&[
        "collection",
        "set",
        "Regional alerts",
        "--read",
        "Mercy General",
        "--write",
        "Mercy General",
    ]);
    assert_ne!(read(&hub, &alerts, &fresh).0, 200);
    assert_ne!(post(&hub, &alerts, &fresh, &indicator(8)), 202);
    // A change with one bad part changes nothing: the readers stay as they were.
    ward.refused(&[
        "collection",
        "set",
        &alerts,
        "--read",
        "Mercy General,Lab B",
        "--amber",
        "No Such Clinic",
    ]);
    assert_ne!(read(&hub, &alerts, &fresh).0, 200);
    ward.ok(&[
        "collection",
        "set",
        &alerts,
        "--read",
        "Mercy General,Lab B",
    ]);
    assert_eq!(read(&hub, &alerts, &fresh).0, 200);

    // Renamed (never onto another's name in another case), then it leaves.
    ward.ok(&["org", "rename", "Lab B", "Lakeside Lab"]);
    ward.refused(&["org", "rename", "Lakeside Lab", "MERCY GENERAL"]);
    assert!(org_names(&ward).contains(&"Lakeside Lab".to_string()));
    let said = ward.stderr_of(&["org", "remove", "lakeside lab"]);
    assert!(
        said.contains("1 users and 1 tokens removed, 1 object versions kept"),
        "{said}"
    );
    assert_eq!(read(&hub, &alerts, &fresh).0, 401);
    // Its object stays for the others.
    assert_eq!(read(&hub, &alerts, &alice), (200, vec![bobs]));
    let users = ward.ok(&["user", "list"]);
    assert!(!users.contains("bob"), "{users}");

    // A collection holding objects goes only with --force.
    let err = ward.refused(&["collection", "remove", "Regional alerts"]);
    assert!(err.contains("--force"), "{err}");
    ward.ok(&["collection", "remove", "Regional alerts", "--force"]);
    assert_eq!(ward.ok(&["collection", "list"]), "");
    assert_eq!(read(&hub, &alerts, &alice).0, 404);
}

#[test]
fn a_year_of_members_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let data_arg = data.to_str().expect("utf8").to_string();
    a_year_of_members(&["--data", &data_arg], &data);
}

#[test]
fn a_year_of_members_on_postgres() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let unused = tempfile::tempdir().expect("tempdir");
    a_year_of_members(&["--database", db.url()], unused.path());
}

/// An organization leaving with --delete-objects takes what it submitted with it; another
/// member's version of the same object stays, and is then the latest.
#[test]
fn delete_objects_removes_only_what_the_member_submitted() {
    for_each_store(|store, hub_data| {
        let ward = Ward {
            store: store.to_vec(),
        };
        ward.ok(&["init"]);
        ward.ok(&["org", "add", "Mercy"]);
        ward.ok(&["org", "add", "Lab"]);
        let c = ward.ok(&[
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy,Lab",
            "--write",
            "Mercy,Lab",
        ]);
        ward.ok(&["user", "add", "--org", "Mercy", "alice"]);
        ward.ok(&["user", "add", "--org", "Lab", "bob"]);
        let alice = ward.ok(&["token", "create", "--user", "alice"]);
        let bob = ward.ok(&["token", "create", "--user", "bob"]);
        let hub = start_hub(store, hub_data);
        assert_eq!(post(&hub, &c, &alice, &indicator(1)), 202);
        assert_eq!(post(&hub, &c, &bob, &indicator(2)), 202);
        let said = ward.stderr_of(&["org", "remove", "Lab", "--delete-objects"]);
        assert!(said.contains("1 object versions deleted"), "{said}");
        let (status, ids) = read(&hub, &c, &alice);
        assert_eq!(status, 200);
        assert_eq!(
            ids,
            vec!["indicator--00000000-0000-4000-8000-000000000001".to_string()]
        );
    });
}

fn for_each_store(test: impl Fn(&[&str], &Path)) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let data_arg = data.to_str().expect("utf8").to_string();
    test(&["--data", &data_arg], &data);
    if let Some(db) = scratch::for_test() {
        let unused = tempfile::tempdir().expect("tempdir");
        test(&["--database", db.url()], unused.path());
    }
}

/// `ward admin migrate` keeps who is disabled: moving to PostgreSQL enables no one.
#[test]
fn migrate_keeps_disabled_members_disabled() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("hub");
    let data_arg = data.to_str().expect("utf8").to_string();
    let sqlite = Ward {
        store: vec!["--data", &data_arg],
    };
    sqlite.ok(&["init"]);
    sqlite.ok(&["org", "add", "Mercy"]);
    sqlite.ok(&["org", "add", "Lab"]);
    sqlite.ok(&["user", "add", "--org", "Mercy", "alice"]);
    sqlite.ok(&["user", "add", "--org", "Mercy", "dan"]);
    sqlite.ok(&["org", "disable", "Lab"]);
    sqlite.ok(&["user", "disable", "dan"]);
    sqlite.ok(&["migrate", "--from", &data_arg, "--to", db.url()]);
    let pg = Ward {
        store: vec!["--database", db.url()],
    };
    let orgs = pg.ok(&["org", "list"]);
    assert!(
        orgs.contains("Lab\tdisabled") && !orgs.contains("Mercy\tdisabled"),
        "{orgs}"
    );
    let users = pg.ok(&["user", "list"]);
    assert!(users.contains("dan\tMercy\tdisabled"), "{users}");
    assert!(!users.contains("alice\tMercy\tdisabled"), "{users}");
}

/// What a named member shared names it while it is a member; once it has left, the objects
/// it shared stay and are served as the hub's, like an anonymous member's.
#[test]
fn a_departed_members_objects_are_served_as_the_hubs() {
    for_each_store(|store, hub_data| {
        let ward = Ward {
            store: store.to_vec(),
        };
        ward.ok(&["init"]);
        ward.ok(&["org", "add", "Mercy"]);
        ward.ok(&["org", "add", "Lab", "--attribution", "named"]);
        let c = ward.ok(&[
            "collection",
            "add",
            "Alerts",
            "--read",
            "Mercy,Lab",
            "--write",
            "Mercy,Lab",
        ]);
        ward.ok(&["user", "add", "--org", "Mercy", "alice"]);
        ward.ok(&["user", "add", "--org", "Lab", "bob"]);
        let alice = ward.ok(&["token", "create", "--user", "alice"]);
        let bob = ward.ok(&["token", "create", "--user", "bob"]);
        let hub = start_hub(store, hub_data);
        let lab_identity = "identity--11111111-1111-4111-8111-111111111111";
        let mut object: Value = serde_json::from_str(&indicator(5)).expect("envelope");
        object["objects"][0]["created_by_ref"] = Value::from(lab_identity);
        assert_eq!(post(&hub, &c, &bob, &object.to_string()), 202);
        let author = || {
            let auth = format!("Bearer {alice}");
            let (status, _, body) = http(
                &hub.addr,
                "GET",
                &format!("/taxii2/api/collections/{c}/objects/"),
                &[("Authorization", &auth), ("Accept", TAXII)],
                b"",
            )
            .expect("get");
            assert_eq!(status, 200);
            let page: Value = serde_json::from_slice(&body).expect("json");
            page["objects"][0]["created_by_ref"]
                .as_str()
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(author(), lab_identity);
        ward.ok(&["org", "remove", "Lab"]);
        // Settings are re-read after the policy's cache time.
        std::thread::sleep(ward_policy::SETTINGS_TTL + std::time::Duration::from_millis(300));
        let now = author();
        assert!(
            now.starts_with("identity--") && now != lab_identity,
            "{now}"
        );
    });
}
