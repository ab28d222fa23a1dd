//! The approval queue and `ward watch`'s sharing back, end to end with the real binary and a
//! real hub on loopback: a file queued, listed, previewed (the very diff `--dry-run` shows),
//! approved (its objects arrive on the hub) and discarded; and watch's sightings counts
//! queued for approval or, in `auto` mode, sent (a refused send retried the next period),
//! with none of the member's machine addresses in what leaves. Every wait polls with a
//! deadline and every process is killed when its test ends.

mod common;

use common::watch::Watch;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;
use ward_store::{ObjectQuery, SqliteStore, Store, VersionSelect};
use ward_testkit::Hub;

const WARD: &str = env!("CARGO_BIN_EXE_ward");
const INDICATOR: &str = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
const INTEL: &str = r#"{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",
 "pattern":"[ipv4-addr:value = '198.51.100.77']","pattern_type":"stix",
 "valid_from":"2026-01-01T00:00:00Z"}]}"#;
const NARRATIVE: &str = "Patient John Smith (MRN 4821937) called about the lure from \
billing@secure-invoices.ru; workstation 10.20.1.15 then beaconed to 185.220.101.5.\n";

fn ward(data: &Path, args: &[&str]) -> Output {
    ward_testkit::run(Path::new(WARD), data, args)
}

fn ok(out: Output) -> String {
    ward_testkit::stdout_of(out)
}

/// Polls `check` every 50 ms for at most 30 s.
fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A hub with one member organization that may write one collection, and a member data
/// folder with its organization profile.
struct Setup {
    dir: tempfile::TempDir,
    hub_data: PathBuf,
    hub: Hub,
    member: PathBuf,
    token: String,
    collection: String,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().expect("tempdir");
        let hub_data = dir.path().join("hub");
        let (token, collection) = common::hub_store(&hub_data);
        let hub = Hub::start(Path::new(WARD), &hub_data, &[], &[]);
        let member = dir.path().join("member");
        ok(ward(
            &member,
            &[
                "init",
                "--org",
                "Share Test Clinic",
                "--domain",
                "share-test.example",
            ],
        ));
        Setup {
            dir,
            hub_data,
            hub,
            member,
            token,
            collection,
        }
    }

    fn url(&self) -> String {
        format!("{}/taxii2/api/", self.hub.base())
    }

    /// The objects the hub stores in the collection (every version), as stored JSON.
    fn stored(&self) -> Vec<Value> {
        let store = SqliteStore::open(&self.hub_data).expect("open the hub's store");
        let page = store
            .query_objects(
                &self.collection,
                &ObjectQuery {
                    versions: VersionSelect::all(),
                    limit: 1000,
                    ..ObjectQuery::default()
                },
            )
            .expect("query");
        page.items
            .into_iter()
            .map(|v| serde_json::from_str(&v.json).expect("stored json"))
            .collect()
    }

    /// The member's queue as `ward --json share queue` lists it.
    fn queue(&self) -> Vec<Value> {
        let out = ok(ward(&self.member, &["--json", "share", "queue"]));
        serde_json::from_str(&out).expect("a JSON list")
    }
}

fn stored_ids(s: &Setup) -> Vec<String> {
    s.stored()
        .iter()
        .filter_map(|o| o["id"].as_str().map(str::to_string))
        .collect()
}

/// Every file of a folder, as bytes, to look for what must never be kept there.
fn folder_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in fs::read_dir(dir).expect("read_dir").flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            all.extend(fs::read(entry.path()).unwrap_or_default());
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_queued_file_is_listed_previewed_approved_or_discarded() {
    let s = Setup::new();
    let note = s.dir.path().join("incident.txt");
    fs::write(&note, NARRATIVE).expect("write");
    let other = s.dir.path().join("other.txt");
    fs::write(&other, "Phishing kit hosted at updates-cdn-check.com.\n").expect("write");
    let url = s.url();
    let share = |file: &Path, extra: &[&str]| {
        let mut args = vec![
            "share",
            file.to_str().expect("utf8"),
            "--to",
            &url,
            "--collection",
            &s.collection,
        ];
        args.extend_from_slice(extra);
        ward(&s.member, &args)
    };

    // Queued with a token on the command line: nothing sent, and the token not kept.
    let out = ok(share(&note, &["--queue", "--token", &s.token]));
    assert!(out.starts_with("Queued as 1:"), "{out}");
    assert!(out.contains("nothing was sent"), "{out}");
    let out = ok(share(&other, &["--queue"]));
    assert!(out.starts_with("Queued as 2:"), "{out}");
    assert!(s.stored().is_empty(), "queueing sends nothing");
    assert!(
        !contains(&folder_bytes(&s.member), &s.token),
        "the token must never be kept in the member's folder"
    );

    let queue = s.queue();
    assert_eq!(queue.len(), 2, "{queue:?}");
    assert_eq!(queue[0]["id"], 1);
    assert_eq!(queue[0]["what"], note.display().to_string());
    assert_eq!(queue[0]["to"], url.as_str());
    assert_eq!(queue[0]["collection"], s.collection.as_str());
    assert_eq!(queue[1]["id"], 2);
    let listed = ok(ward(&s.member, &["share", "queue"]));
    assert!(
        listed.contains("incident.txt") && listed.contains("other.txt"),
        "{listed}"
    );

    // The preview kept is the very one a dry run shows, and so is the body.
    let dry = share(&note, &["--dry-run", "--offline"]);
    assert!(dry.status.success(), "{dry:?}");
    let dry = String::from_utf8(dry.stdout).expect("utf8");
    let shown = ward(&s.member, &["share", "queue", "show", "1"]);
    assert!(shown.status.success(), "{shown:?}");
    let shown = String::from_utf8(shown.stdout).expect("utf8");
    let without_last = |t: &str| {
        let lines: Vec<&str> = t.lines().collect();
        lines[..lines.len() - 1].join("\n")
    };
    assert_eq!(without_last(&shown), without_last(&dry));
    assert!(shown.contains("-Patient John Smith"), "{shown}");
    assert!(shown.contains("+Patient [NAME]"), "{shown}");
    let dry_body = ok(ward(
        &s.member,
        &[
            "--json",
            "share",
            note.to_str().expect("utf8"),
            "--to",
            &url,
            "--collection",
            &s.collection,
            "--dry-run",
            "--offline",
        ],
    ));
    let queued_body = ok(ward(&s.member, &["--json", "share", "queue", "show", "1"]));
    assert_eq!(queued_body, dry_body, "approval sends what a dry run shows");
    let body: Value = serde_json::from_str(&queued_body).expect("body");
    let report_id = body["objects"][0]["id"].as_str().expect("id").to_string();

    // Approval checks the hub like a direct share: without a token it is refused and the
    // item stays.
    let refused = ward(&s.member, &["share", "queue", "approve", "1"]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("asks for a token"),
        "{refused:?}"
    );
    assert_eq!(s.queue().len(), 2);

    let sent = ok(ward(
        &s.member,
        &["share", "queue", "approve", "1", "--token", &s.token],
    ));
    assert!(sent.contains("Sent: HTTP"), "{sent}");
    let ids = stored_ids(&s);
    assert!(ids.contains(&report_id), "{ids:?}");
    let all = serde_json::to_string(&s.stored()).expect("json");
    assert!(
        !all.contains("John Smith") && !all.contains("4821937"),
        "{all}"
    );
    assert!(
        all.contains("185.220.101.5"),
        "the indicator is kept: {all}"
    );
    let queue = s.queue();
    assert_eq!(queue.len(), 1, "approved items leave the queue: {queue:?}");
    assert_eq!(queue[0]["id"], 2);

    let out = ok(ward(&s.member, &["share", "queue", "discard", "2"]));
    assert!(out.contains("Discarded 2"), "{out}");
    assert!(s.queue().is_empty());
    assert_eq!(
        stored_ids(&s).len(),
        ids.len(),
        "a discarded item is never sent"
    );
    let gone = ward(
        &s.member,
        &["share", "queue", "approve", "2", "--token", &s.token],
    );
    assert_eq!(gone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("no item 2"));
}

/// A Suricata EVE flow from `device` to the indicator's address.
fn eve(device: &str) -> String {
    format!(
        "{{\"timestamp\":\"2026-12-03T10:00:00.000000+0000\",\"event_type\":\"flow\",\"src_ip\":\"{device}\",\"src_port\":5555,\"dest_ip\":\"198.51.100.77\",\"dest_port\":443,\"proto\":\"TCP\"}}\n"
    )
}

/// `ward watch` on `data`, returned once it follows the log.
fn start_watch(data: &Path, stderr: PathBuf) -> Watch {
    let w = Watch::spawn(data, &stderr, &[]);
    wait_for("watch to follow the log", || w.said("watch: following"));
    w
}

/// The member's intel, an empty log, a token file and watch.toml with `share`.
fn watch_member(s: &Setup, mode: &str, token: &str) -> PathBuf {
    let intel = s.dir.path().join("intel.json");
    fs::write(&intel, INTEL).expect("write");
    ok(ward(&s.member, &["import", intel.to_str().expect("utf8")]));
    let log = s.dir.path().join("logs").join("eve.json");
    fs::create_dir_all(log.parent().expect("parent")).expect("mkdir");
    fs::write(&log, "").expect("write");
    fs::write(s.member.join("hub.token"), token).expect("write");
    fs::write(
        s.member.join("watch.toml"),
        format!(
            "[[logs]]\npath = \"../logs/eve.json\"\n\n[share]\nmode = \"{mode}\"\nto = \"{}\"\n\
             collection = \"{}\"\ntoken_file = \"hub.token\"\nevery = \"1s\"\n",
            s.url(),
            s.collection
        ),
    )
    .expect("write");
    log
}

fn append(path: &Path, text: &str) {
    let mut f = OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open log");
    f.write_all(text.as_bytes()).expect("append");
}

/// The sightings of the indicator the hub stores, and the sum of their counts.
fn hub_sightings(s: &Setup) -> (Vec<Value>, u64) {
    let sightings: Vec<Value> = s
        .stored()
        .into_iter()
        .filter(|o| o["type"] == "sighting" && o["sighting_of_ref"] == INDICATOR)
        .collect();
    let total = sightings.iter().filter_map(|o| o["count"].as_u64()).sum();
    (sightings, total)
}

#[test]
fn watch_in_auto_mode_sends_sightings_counts_and_retries_what_failed() {
    let s = Setup::new();
    // A wrong token first: the hub refuses, and the payload waits for the next period.
    let log = watch_member(&s, "auto", "not-the-token");
    let watch = start_watch(&s.member, s.dir.path().join("watch.err"));
    assert!(watch.said("sightings are shared every 1s"));
    append(&log, &(eve("10.0.0.5") + &eve("10.0.0.6")));
    wait_for("a refused send said on stderr", || {
        watch.said("not sent, tried again next period")
    });
    let waiting = s.queue();
    assert!(
        waiting.iter().all(|i| i["origin"] == "auto") && !waiting.is_empty(),
        "{waiting:?}"
    );
    assert!(hub_sightings(&s).0.is_empty());

    // The right token: the next period sends what waited.
    fs::write(s.member.join("hub.token"), &s.token).expect("write");
    wait_for("both alerts counted on the hub", || {
        hub_sightings(&s).1 == 2
    });
    wait_for("the queue to empty", || s.queue().is_empty());
    assert!(watch.said("watch: share: sent sightings"));

    let (sightings, _) = hub_sightings(&s);
    let text = serde_json::to_string(&sightings).expect("json");
    for private in ["10.0.0.5", "10.0.0.6", "eve.json", "logs", "member"] {
        assert!(!text.contains(private), "{private} left the member: {text}");
    }
    for o in &sightings {
        assert!(
            o["first_seen"].is_string() && o["last_seen"].is_string(),
            "{o}"
        );
    }
    // Nothing more alerted: no further sightings are sent.
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(hub_sightings(&s).0.len(), sightings.len());
}

#[test]
fn watch_in_queue_mode_waits_for_approval() {
    let s = Setup::new();
    let log = watch_member(&s, "queue", "");
    fs::remove_file(s.member.join("hub.token")).expect("no token needed to queue");
    let watch = start_watch(&s.member, s.dir.path().join("watch.err"));
    append(&log, &(eve("10.0.0.5") + &eve("10.0.0.5")));
    wait_for("the sightings to be queued", || !s.queue().is_empty());
    wait_for("watch to say so", || watch.said("queued as 1"));
    // Periods with no alert queue nothing.
    std::thread::sleep(Duration::from_millis(2500));
    let queue = s.queue();
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["origin"], "manual");
    assert!(queue[0]["what"]
        .as_str()
        .unwrap_or("")
        .contains("sightings"));
    assert!(
        hub_sightings(&s).0.is_empty(),
        "nothing leaves before approval"
    );

    let body = ok(ward(&s.member, &["--json", "share", "queue", "show", "1"]));
    assert!(!body.contains("10.0.0.5"), "{body}");
    let body: Value = serde_json::from_str(&body).expect("body");
    assert_eq!(body["objects"][0]["sighting_of_ref"], INDICATOR);
    // The same machine and indicator alert once an hour: one alert, count 1.
    assert_eq!(body["objects"][0]["count"], 1);
    let shown = ok(ward(&s.member, &["share", "queue", "show", "1"]));
    assert!(shown.contains("(the scrubber changed nothing)"), "{shown}");

    ok(ward(
        &s.member,
        &["share", "queue", "approve", "1", "--token", &s.token],
    ));
    assert_eq!(hub_sightings(&s).1, 1);
}

#[test]
fn watch_refuses_to_share_without_an_organization_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let intel = dir.path().join("intel.json");
    fs::write(&intel, INTEL).expect("write");
    ok(ward(&data, &["import", intel.to_str().expect("utf8")]));
    fs::write(
        data.join("watch.toml"),
        "[[logs]]\npath = \"fw.log\"\n[share]\nmode = \"queue\"\nto = \"http://127.0.0.1:9/taxii2/api/\"\ncollection = \"c\"\n",
    )
    .expect("write");
    let checked = ok(ward(&data, &["watch", "--check-config"]));
    assert!(
        checked.contains("share: queue, sightings every 1h") && checked.contains("will not start"),
        "{checked}"
    );
    let out = ward(&data, &["watch"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[share]") && err.contains("ward init"),
        "{err}"
    );

    fs::write(
        data.join("watch.toml"),
        "[[logs]]\npath = \"fw.log\"\n[share]\nmode = \"auto\"\nto = \"http://127.0.0.1:9/taxii2/api/\"\ncollection = \"c\"\n",
    )
    .expect("write");
    let out = ward(&data, &["watch", "--check-config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("share.token_file"));
}
