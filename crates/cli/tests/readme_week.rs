//! The README's "A member's week", run as a new user runs it: every command of that block, in
//! order, from a fresh folder with the default `ward-data` store, against a hub whose TLS
//! certificate a private CA signed. Its inputs are the files a clinic has: a staff list, a
//! real Windows Security EVTX sample and firewall syslog in a `logs` folder, the hospital
//! inventory as an Excel workbook, and Feodo Tracker's list; `ward update` downloads from a
//! loopback server serving fixtures (the README's command, with the data folder's
//! `feeds.toml` pointing its sources there). A command of the block that fails, or a
//! placeholder this test does not know, fails the test: the README cannot drift from ward.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{private_ca_hub, PrivateCaHub, Server};
use serde_json::Value;

fn workspace(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The commands of the README's member's week, comments removed, split like a shell would
/// (double quotes group words).
fn readme_week() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(workspace("README.md")).unwrap();
    let block = readme
        .split("## A member's week")
        .nth(1)
        .and_then(|s| s.split("```sh\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("README has a member's week block");
    block
        .lines()
        .map(|l| l.split(" # ").next().unwrap_or(l).trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut words = Vec::new();
            let mut word = String::new();
            let mut quoted = false;
            for c in l.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ' ' if !quoted => {
                        if !word.is_empty() {
                            words.push(std::mem::take(&mut word));
                        }
                    }
                    c => word.push(c),
                }
            }
            if !word.is_empty() {
                words.push(word);
            }
            words
        })
        .collect()
}

/// The hub's intel: what attacked other members, including an address the EVTX sample holds
/// (a failed logon from it) and a documentation address the firewall syslog holds (matched
/// in the logs, kept out of the block lists).
fn hub_intel() -> String {
    let indicator = |n: u32, value: &str| {
        format!(
            r#"{{"type":"indicator","spec_version":"2.1","id":"indicator--5a0c3e7e-0000-4000-8000-00000000000{n}","created":"2026-11-30T08:00:00.000Z","modified":"2026-11-30T08:00:00.000Z","name":"Brute force source {value}","pattern":"[ipv4-addr:value = '{value}']","pattern_type":"stix","valid_from":"2026-11-30T08:00:00Z","confidence":80,"object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}}"#
        )
    };
    format!(
        r#"{{"type":"bundle","id":"bundle--5a0c3e7e-0000-4000-8000-0000000000b0","objects":[{},{}]}}"#,
        indicator(1, "23.94.153.202"),
        indicator(2, "203.0.113.7"),
    )
}

fn run(root: &Path, now: &str, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .current_dir(root)
        .env("WARD_NOW", now)
        .env_remove("WARD_DATA")
        .env_remove("WARD_DATABASE_URL")
        .env_remove("WARD_CA_CERT")
        .args(args)
        .output()
        .unwrap()
}

// Long because: one story, command after command, each checked where a user would look.
#[test]
fn the_readme_member_week_runs_in_order_on_a_fresh_store() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clinic");
    std::fs::create_dir_all(root.join("logs")).unwrap();

    // The ISAO's hub, TLS from a private CA, with intel already shared by other members.
    let PrivateCaHub {
        hub,
        ca,
        token,
        collection,
    } = private_ca_hub(dir.path());
    let hub_url = format!("https://{}/taxii2/api/", hub.addr);
    let intel = dir.path().join("intel.json");
    std::fs::write(&intel, hub_intel()).unwrap();
    let pushed = Command::new(env!("CARGO_BIN_EXE_ward"))
        .arg("--data")
        .arg(dir.path().join("publisher"))
        .args(["push", intel.to_str().unwrap(), "--to", &hub_url])
        .args(["--collection", &collection, "--token", &token])
        .args(["--ca-cert", ca.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        pushed.status.success(),
        "{}",
        String::from_utf8_lossy(&pushed.stderr)
    );

    // The clinic's own files, under the names the README uses.
    std::fs::copy(&ca, root.join("isao-ca.pem")).unwrap();
    std::fs::write(
        root.join("staff.csv"),
        "Name,SamAccountName\nDana Whitfield,dwhitfield\nJo Nurse,jnurse\n",
    )
    .unwrap();
    std::fs::copy(
        workspace("crates/feeds/tests/fixtures/feodo-ipblocklist.csv"),
        root.join("feodo-ipblocklist.csv"),
    )
    .unwrap();
    for log in ["security-logon-firewall.evtx", "firewall-syslog.log"] {
        std::fs::copy(
            workspace("crates/detect/tests/fixtures/clinic").join(log),
            root.join("logs").join(log),
        )
        .unwrap();
    }
    std::fs::copy(
        workspace("crates/exposure/tests/fixtures/hospital/hospital-inventory.xlsx"),
        root.join("assets.xlsx"),
    )
    .unwrap();

    // `ward update`'s sources, served on loopback.
    let server = Server::start();
    let update = workspace("crates/cli/tests/fixtures/update");
    server.file("/kev.json", std::fs::read(update.join("kev.json")).unwrap());
    server.file(
        "/epss.csv",
        "#model_version:v2025.03.14,score_date:2026-12-02T00:00:00+0000\ncve,epss,percentile\nCVE-2018-13379,0.94,0.999\n",
    );
    server.file(
        "/csaf/changes.csv",
        "\"2024/icsma-24-001-01.json\",\"2024-01-02T00:00:00Z\"\n",
    );
    server.file(
        "/csaf/2024/icsma-24-001-01.json",
        r#"{"document":{"csaf_version":"2.0","category":"csaf_security_advisory","title":"ICSMA-24-001-01 test advisory","tracking":{"id":"ICSMA-24-001-01"}},"product_tree":{"branches":[]},"vulnerabilities":[]}"#,
    );
    let nvd = std::fs::read(update.join("nvd-kev.json")).unwrap();
    server.route("/nvd", move |_, _| (200, nvd.clone()));
    std::fs::create_dir_all(root.join("ward-data")).unwrap();
    let b = &server.base;
    std::fs::write(
        root.join("ward-data/feeds.toml"),
        format!(
            "[update]\nkev_url = \"{b}/kev.json\"\nepss_url = \"{b}/epss.csv\"\ncsaf_url = \"{b}/csaf/\"\nnvd_url = \"{b}/nvd\"\nnvd_delay_seconds = 0\nretry_seconds = 0\n"
        ),
    )
    .unwrap();

    let now = "2026-12-03T09:00:00Z";
    let mut first_action: Option<String> = None;
    let commands = readme_week();
    assert!(commands.len() >= 10, "{commands:?}");
    for words in commands {
        assert_eq!(words[0], "ward", "{words:?}");
        let mut args: Vec<String> = words[1..]
            .iter()
            .map(|w| match w.as_str() {
                "https://hub.example.org/taxii2/api/" => hub_url.clone(),
                "T" => token.clone(),
                "ID" => collection.clone(),
                other => other.to_string(),
            })
            .collect();
        if args[0] == "report" && args[1] == "done" {
            args[2] = first_action
                .clone()
                .expect("a plan with an action before `done`");
        }
        let out = run(&root, now, &args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        );
        assert!(
            out.status.success(),
            "`ward {}` exited {:?}\n{stdout}\n{stderr}",
            args.join(" "),
            out.status.code()
        );
        match args[0].as_str() {
            "pull" if args.contains(&"--list".to_string()) => {
                assert!(stdout.contains(&collection), "{stdout}")
            }
            "pull" => {
                assert!(stdout.contains("2 new"), "{stdout}");
                // The documentation address is kept as context, out of block lists, and said.
                assert!(
                    stdout.contains("1 documentation address kept out of block lists"),
                    "{stdout}"
                );
            }
            "scan" => {
                // The EVTX sample's failed logon from the shared address, and both files read.
                assert!(stdout.contains("23.94.153.202"), "{stdout}{stderr}");
                assert!(root.join("sighting.json").exists());
            }
            "exposure" => assert!(
                stdout.contains("FortiOS") || stdout.contains("Forti"),
                "{stdout}"
            ),
            "export" => {
                let ips =
                    std::fs::read_to_string(root.join("ward-data/exports/block-ip.txt")).unwrap();
                assert!(ips.contains("\n23.94.153.202\n"), "{ips}");
            }
            "report" if args[1] == "--out" => {
                let html = std::fs::read_to_string(root.join("plan.html")).unwrap();
                assert!(
                    html.contains("What ward checked"),
                    "the plan says what it checked"
                );
                let json = run(&root, now, &["report".into(), "--json".into()]);
                let plan: Value = serde_json::from_slice(&json.stdout).unwrap();
                first_action = plan["top"][0]["id"].as_str().map(str::to_string);
                assert!(
                    plan["coverage"]["gaps"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|g| !g.as_str().unwrap().contains("No logs")),
                    "{}",
                    plan["coverage"]
                );
            }
            "share" => assert!(
                stdout.contains("23.94.153.202") || stderr.contains("dry run"),
                "{stdout}{stderr}"
            ),
            _ => {}
        }
    }
}
