//! End-to-end tests of `ward import` and `ward export` on the importer fixtures of the feeds
//! crate, including the decay acceptance test: an IP indicator past its lifetime drops out of
//! `plain-ip`, and a fresh sighting brings it back.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};
use ward_stix::Timestamp;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../feeds/tests/fixtures")
        .join(name)
}

fn ward(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("run ward")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn import_reports_bad_lines_and_imports_the_rest() {
    let data = tempfile::tempdir().unwrap();
    let feodo = fixture("feodo-ipblocklist.csv");
    let out = ward(data.path(), &["import", feodo.to_str().unwrap()]);
    let stdout = ok(&out);
    assert!(
        stdout.contains("(feodo)") && stdout.contains("2 entries skipped"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("feodo-ipblocklist.csv:12: "), "{stderr}");
    assert!(stderr.contains("feodo-ipblocklist.csv:14: "), "{stderr}");

    let out = ward(
        data.path(),
        &[
            "--json",
            "import",
            "--format",
            "threatfox-csv",
            fixture("threatfox.csv").to_str().unwrap(),
        ],
    );
    let report: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(report["indicators"], 3);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 2);

    let plain = ok(&ward(data.path(), &["export", "--format", "plain-ip"]));
    assert!(plain.contains("\n91.92.240.10\n"));
    assert!(
        !plain.contains("8.8.8.8"),
        "allow-listed resolver exported:\n{plain}"
    );
    let csv = ok(&ward(data.path(), &["export", "--format", "csv"]));
    assert!(csv.contains(",feodotracker threatfox,"), "{csv}");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let data = tempfile::tempdir().unwrap();
    let bad = data.path().join("bad.txt");
    std::fs::write(&bad, "not an indicator at all\n").unwrap();
    let out = ward(data.path(), &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("bad.txt:1:"), "{stderr}");
    let out = ward(
        data.path(),
        &["import", "--format", "xml", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = ward(data.path(), &["export", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let out = ward(
        data.path(),
        &["export", "--format", "csv", "--max-tlp", "purple"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exports_write_files_and_their_companions() {
    let data = tempfile::tempdir().unwrap();
    for f in ["malwarebazaar.csv", "blocklist.txt", "misp-feed"] {
        ok(&ward(
            data.path(),
            &["import", fixture(f).to_str().unwrap()],
        ));
    }
    let out_dir = tempfile::tempdir().unwrap();
    let rules = out_dir.path().join("ward.rules");
    ok(&ward(
        data.path(),
        &[
            "export",
            "--format",
            "suricata",
            "--out",
            rules.to_str().unwrap(),
        ],
    ));
    let text = std::fs::read_to_string(&rules).unwrap();
    assert!(text.starts_with("# ward export, format suricata"));
    assert!(out_dir.path().join("ward-filesha256.lst").is_file());
    // Without --out the companion files have nowhere to go.
    let out = ward(data.path(), &["export", "--format", "suricata"]);
    assert_eq!(out.status.code(), Some(2));
    let rpz = ok(&ward(data.path(), &["export", "--format", "rpz"]));
    assert!(rpz.contains("ads-tracker.example IN CNAME ."));
    // A folder that does not exist yet is created (the README's `--out ward-data/exports/...`
    // on a fresh store).
    let nested = out_dir
        .path()
        .join("ward-data")
        .join("exports")
        .join("block-ip.txt");
    ok(&ward(
        data.path(),
        &[
            "export",
            "--format",
            "plain-ip",
            "--out",
            nested.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::read_to_string(&nested)
        .unwrap()
        .starts_with("# ward export"));
}

fn days_ago(days: i64) -> String {
    let now = Timestamp::now().as_micros();
    Timestamp::from_micros(now - days * 86_400_000_000)
        .with_precision(3)
        .to_string()
}

#[test]
fn an_ip_decays_out_of_plain_ip_and_a_fresh_sighting_brings_it_back() {
    let data = tempfile::tempdir().unwrap();
    let forty = days_ago(40);
    let ten = days_ago(10);
    let indicators = json!({"type": "bundle", "id": "bundle--8c2b9a4e-1d3f-4b5a-9c6d-7e8f9a0b1c2d", "objects": [
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         "created": forty, "modified": forty, "valid_from": forty, "confidence": 90,
         "pattern": "[ipv4-addr:value = '91.92.240.66']", "pattern_type": "stix"},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--4a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         "created": ten, "modified": ten, "valid_from": ten, "confidence": 90,
         "pattern": "[ipv4-addr:value = '91.92.240.67']", "pattern_type": "stix"},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         "created": ten, "modified": ten, "valid_from": ten, "confidence": 90, "revoked": true,
         "pattern": "[ipv4-addr:value = '91.92.240.68']", "pattern_type": "stix"}
    ]});
    let file = data.path().join("old.json");
    std::fs::write(&file, indicators.to_string()).unwrap();
    ok(&ward(data.path(), &["import", file.to_str().unwrap()]));
    let plain = ok(&ward(data.path(), &["export", "--format", "plain-ip"]));
    assert!(
        !plain.contains("91.92.240.66"),
        "40-day-old IP still exported:\n{plain}"
    );
    assert!(
        plain.contains("\n91.92.240.67\n"),
        "10-day-old IP missing:\n{plain}"
    );
    assert!(
        !plain.contains("91.92.240.68"),
        "revoked IP exported:\n{plain}"
    );

    let now = days_ago(0);
    let sighting = json!({"type": "bundle", "id": "bundle--9c2b9a4e-1d3f-4b5a-9c6d-7e8f9a0b1c2d", "objects": [
        {"type": "sighting", "spec_version": "2.1", "id": "sighting--6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         "created": now, "modified": now, "first_seen": now, "last_seen": now, "count": 1,
         "sighting_of_ref": "indicator--3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}
    ]});
    std::fs::write(&file, sighting.to_string()).unwrap();
    ok(&ward(data.path(), &["import", file.to_str().unwrap()]));
    let plain = ok(&ward(data.path(), &["export", "--format", "plain-ip"]));
    assert!(
        plain.contains("\n91.92.240.66\n"),
        "sighted IP not back:\n{plain}"
    );
}

/// Issue 16: a feed whose clock is ahead dated its rows in the future; they scored 0 and
/// silently left every block list. The import now says how many were dated now instead, and
/// they are exported.
#[test]
fn future_dated_rows_are_counted_and_still_exported() {
    let data = tempfile::tempdir().unwrap();
    let ahead = days_ago(-2);
    let file = data.path().join("ahead.csv");
    std::fs::write(
        &file,
        format!(
            "indicator,first_seen\n91.92.240.91,{ahead}\n91.92.240.92,{}\n",
            days_ago(1)
        ),
    )
    .unwrap();
    let out = ok(&ward(data.path(), &["import", file.to_str().unwrap()]));
    assert!(out.contains("1 entries were dated in the future"), "{out}");
    let plain = ok(&ward(data.path(), &["export", "--format", "plain-ip"]));
    assert!(plain.contains("91.92.240.91"), "{plain}");
    assert!(plain.contains("91.92.240.92"), "{plain}");
    let json_out = ok(&ward(
        data.path(),
        &["--json", "import", file.to_str().unwrap()],
    ));
    let v: Value = serde_json::from_str(json_out.trim()).unwrap();
    assert_eq!(v["dated_in_future"], 1);
}

/// Issue 16: DShield blocks, the KEV CSV and MISP warninglists are sniffed by `ward
/// import`; a warninglist is saved as an allow-list, and what it allows leaves the block
/// lists.
#[test]
fn dshield_kev_csv_and_warninglists_import() {
    let data = tempfile::tempdir().unwrap();
    let out = ok(&ward(
        data.path(),
        &["import", fixture("dshield-block.txt").to_str().unwrap()],
    ));
    assert!(out.contains("(dshield)"), "{out}");
    let plain = ok(&ward(data.path(), &["export", "--format", "plain-ip"]));
    assert!(plain.contains("94.156.66.0/24"), "{plain}");
    let out = ok(&ward(
        data.path(),
        &["import", fixture("kev-sample.csv").to_str().unwrap()],
    ));
    assert!(out.contains("(kev)"), "{out}");

    // A warninglist that allows one of the DShield blocks.
    let list = data.path().join("list.json");
    std::fs::write(
        &list,
        r#"{"name": "Partner scanners", "version": 7, "description": "our vendor's scanners", "type": "cidr", "list": ["94.156.66.0/24", "not a block"]}"#,
    )
    .unwrap();
    let out = ok(&ward(data.path(), &["import", list.to_str().unwrap()]));
    assert!(
        out.contains("allow-list \"Partner scanners\": 1 entries saved"),
        "{out}"
    );
    assert!(data
        .path()
        .join("allow-lists/misp-partner-scanners.txt")
        .is_file());
    let plain = ok(&ward(data.path(), &["export", "--format", "plain-ip"]));
    assert!(!plain.contains("94.156.66.0/24"), "{plain}");
    assert!(plain.contains("91.92.240.0/24"), "{plain}");
}

#[test]
fn re_importing_a_known_list_reports_every_entry_already_stored() {
    let data = tempfile::tempdir().unwrap();
    let list = data.path().join("list.txt");
    let values: Vec<String> = (0..300)
        .map(|i| format!("198.18.{}.{}", i / 256, i % 256))
        .collect();
    std::fs::write(&list, values.join("\n")).unwrap();
    let import = || {
        let out = ward(data.path(), &["--json", "import", list.to_str().unwrap()]);
        serde_json::from_str::<Value>(&ok(&out)).unwrap()
    };
    let first = import();
    assert_eq!(
        (first["added"].clone(), first["already_stored"].clone()),
        (json!(301), json!(0))
    );
    let again = import();
    // 300 indicators and the list's source identity, all already stored; nothing written.
    assert_eq!(
        (again["added"].clone(), again["already_stored"].clone()),
        (json!(0), json!(301))
    );
    let out = ward(data.path(), &["import", list.to_str().unwrap()]);
    let text = ok(&out);
    assert!(
        text.contains("0 new or updated, 301 already stored"),
        "{text}"
    );
}

#[test]
fn a_large_known_list_re_imported_is_reported_already_stored_and_another_feed_adds_its_source() {
    // Large enough (over 64 KiB) that the import first reads the local store's index and
    // builds nothing for the entries it holds unchanged.
    let data = tempfile::tempdir().unwrap();
    let values: Vec<String> = (0..6000)
        .map(|i| format!("198.18.{}.{}", i / 256, i % 256))
        .collect();
    let list = data.path().join("list.txt");
    std::fs::write(&list, values.join("\n")).unwrap();
    assert!(std::fs::metadata(&list).unwrap().len() > 64 * 1024);
    let import = |path: &Path| {
        let out = ward(data.path(), &["--json", "import", path.to_str().unwrap()]);
        serde_json::from_str::<Value>(&ok(&out)).unwrap()
    };
    let counts =
        |v: &Value| ["objects", "indicators", "added", "already_stored"].map(|k| v[k].clone());
    let first = import(&list);
    assert_eq!(
        counts(&first),
        [json!(6001), json!(6000), json!(6001), json!(0)]
    );
    let again = import(&list);
    assert_eq!(
        counts(&again),
        [json!(6001), json!(6000), json!(0), json!(6001)]
    );
    // Another list naming the same values: each indicator gets a version with both sources.
    let other = data.path().join("other.txt");
    std::fs::write(&other, values.join("\n")).unwrap();
    let both = import(&other);
    assert_eq!(
        counts(&both),
        [json!(6001), json!(6000), json!(6001), json!(0)]
    );
    // And that list again: nothing new.
    let both_again = import(&other);
    assert_eq!(
        counts(&both_again),
        [json!(6001), json!(6000), json!(0), json!(6001)]
    );
}

#[test]
fn private_and_special_addresses_never_reach_a_block_list() {
    let data = tempfile::tempdir().unwrap();
    let list = data.path().join("list.txt");
    std::fs::write(
        &list,
        "10.1.2.3\n192.168.0.0/16\n127.0.0.1\n169.254.1.1\n224.0.0.251\n185.220.101.5\nfd00::1\n",
    )
    .unwrap();
    ok(&ward(data.path(), &["import", list.to_str().unwrap()]));
    let out = ward(data.path(), &["export", "--format", "plain-ip"]);
    let plain = ok(&out);
    let entries: Vec<&str> = plain.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(entries, ["185.220.101.5"], "{plain}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("6 private, loopback or other special addresses kept out of block lists"),
        "{err}"
    );
    // They stay in the store as context: the STIX export still has them.
    let stix = ok(&ward(data.path(), &["export", "--format", "stix"]));
    assert!(stix.contains("10.1.2.3"), "{stix}");
}

/// Issue 20: private, documentation and the organization's own addresses and domains are
/// refused as block-list entries when they come in (counted and said), kept as context, and
/// never exported to a deny list.
#[test]
fn never_blocked_entries_are_reported_on_import_and_left_out_of_exports() {
    let data = tempfile::tempdir().unwrap();
    ok(&ward(
        data.path(),
        &[
            "init",
            "--org",
            "Lakeside Clinic",
            "--domain",
            "lakeside.example",
            "--network",
            "94.156.66.0/28",
        ],
    ));
    let feed = data.path().join("feed.txt");
    std::fs::write(
        &feed,
        "10.1.2.3\n192.168.7.7\n192.0.2.5\n94.156.66.9\nmail.lakeside.example\n91.92.240.10\nbad-c2.example\n",
    )
    .unwrap();
    let out = ok(&ward(data.path(), &["import", feed.to_str().unwrap()]));
    assert!(
        out.contains("2 private addresses kept out of block lists"),
        "{out}"
    );
    assert!(
        out.contains("1 documentation address kept out of block lists"),
        "{out}"
    );
    assert!(
        out.contains("2 indicators name your organization's own domains or networks"),
        "{out}"
    );
    let json: Value = serde_json::from_str(&ok(&ward(
        data.path(),
        &["--json", "import", feed.to_str().unwrap()],
    )))
    .unwrap();
    // Imported again, nothing new: the second import counts only what it brought.
    assert!(json["kept_out_of_block_lists"].is_object(), "{json}");

    let ips = ok(&ward(
        data.path(),
        &["export", "--format", "plain-ip", "--min-score", "0"],
    ));
    let entries: Vec<&str> = ips.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(entries, ["91.92.240.10"], "{ips}");
    let domains = ok(&ward(
        data.path(),
        &["export", "--format", "plain-domain", "--min-score", "0"],
    ));
    assert!(domains.contains("bad-c2.example"), "{domains}");
    assert!(!domains.contains("lakeside"), "{domains}");
    // Kept as context: the full STIX export still holds them.
    let stix = ok(&ward(
        data.path(),
        &["export", "--format", "stix", "--min-score", "0"],
    ));
    for kept in [
        "10.1.2.3",
        "192.0.2.5",
        "94.156.66.9",
        "mail.lakeside.example",
    ] {
        assert!(stix.contains(kept), "{kept} missing from the STIX export");
    }
}
