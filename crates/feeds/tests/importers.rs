//! Every importer on a realistic fixture (see fixtures/README.md), broken lines included:
//! the format is sniffed, good entries become valid STIX with a pattern, valid_from, a source
//! and a confidence, and each bad entry is reported with its file and line (or JSON path).

use std::path::PathBuf;

use serde_json::Value;
use ward_feeds::import::{import_path_at, sniff, Format, ImportResult};
use ward_stix::Timestamp;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn now() -> Timestamp {
    Timestamp::parse("2025-08-26T00:00:00Z").unwrap()
}

fn import(name: &str) -> ImportResult {
    import_path_at(&fixture(name), None, now()).unwrap()
}

fn of_type<'a>(r: &'a ImportResult, t: &str) -> Vec<&'a Value> {
    r.objects.iter().filter(|o| o["type"] == t).collect()
}

fn names(r: &ImportResult) -> Vec<String> {
    let mut n: Vec<String> = of_type(r, "indicator")
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect();
    n.sort();
    n
}

fn problem_locations(r: &ImportResult) -> Vec<String> {
    r.problems.iter().map(|p| p.location.clone()).collect()
}

/// Every object is valid STIX 2.1 and every indicator carries what the toolkit relies on.
fn assert_proper(r: &ImportResult) {
    ward_feeds::import::install_pattern_checker();
    for o in &r.objects {
        let problems = ward_stix::validate::validate_object(o, "$");
        assert!(
            ward_stix::validate::is_valid(&problems),
            "{o}\n{problems:?}"
        );
        if o["type"] == "indicator" && o.get("x_ward_sources").is_some() {
            for key in [
                "pattern",
                "valid_from",
                "confidence",
                "created_by_ref",
                "external_references",
                "x_ward_sources",
            ] {
                assert!(o.get(key).is_some(), "indicator without {key}: {o}");
            }
            let creator = o["created_by_ref"].as_str().unwrap();
            assert!(
                r.objects.iter().any(|x| x["id"] == creator),
                "source identity {creator} missing"
            );
        }
    }
}

#[test]
fn feodo_tracker() {
    let r = import("feodo-ipblocklist.csv");
    assert_eq!(r.files[0].1, Format::Feodo);
    assert_proper(&r);
    assert_eq!(names(&r), ["8.8.8.8", "91.92.240.10", "94.156.66.23"]);
    assert_eq!(problem_locations(&r), ["12", "14"]);
    assert!(r.problems[0]
        .to_string()
        .contains("feodo-ipblocklist.csv:12:"));
    let online = of_type(&r, "indicator")
        .into_iter()
        .find(|o| o["name"] == "91.92.240.10")
        .unwrap();
    assert_eq!(online["valid_from"], "2025-08-20T10:11:12.000Z");
    assert_eq!(online["confidence"], 90);
}

#[test]
fn urlhaus() {
    let r = import("urlhaus.csv");
    assert_eq!(r.files[0].1, Format::Urlhaus);
    assert_proper(&r);
    assert_eq!(
        names(&r),
        [
            "http://bad-cdn.example/a,b.js",
            "http://evil-downloads.example/payload.exe",
            "https://docs.google.com/phish-form"
        ]
    );
    assert_eq!(problem_locations(&r), ["9"]);
}

#[test]
fn threatfox_csv_and_json_merge_duplicates() {
    let csv = import("threatfox.csv");
    assert_eq!(csv.files[0].1, Format::ThreatfoxCsv);
    assert_proper(&csv);
    assert_eq!(
        names(&csv),
        [
            "0123456789abcdef0123456789abcdef",
            "91.92.240.10",
            "c2-panel.example"
        ]
    );
    assert_eq!(problem_locations(&csv), ["10", "11"]);

    let json = import("threatfox.json");
    assert_eq!(json.files[0].1, Format::ThreatfoxJson);
    assert_proper(&json);
    assert_eq!(
        names(&json),
        ["c2-panel.example", "http://stage2.example/gate.php"]
    );
    assert_eq!(json.problems.len(), 1);
    assert!(json.problems[0].location.contains("1500012"));
}

#[test]
fn malwarebazaar() {
    let r = import("malwarebazaar.csv");
    assert_eq!(r.files[0].1, Format::Malwarebazaar);
    assert_proper(&r);
    let ind = of_type(&r, "indicator");
    assert_eq!(ind.len(), 1);
    assert_eq!(
        ind[0]["pattern"],
        "[file:hashes.'SHA-256' = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']"
    );
    assert_eq!(problem_locations(&r), ["8"]);
}

#[test]
fn spamhaus_drop_text_and_ndjson() {
    let t = import("spamhaus-drop.txt");
    assert_eq!(t.files[0].1, Format::SpamhausDrop);
    assert_proper(&t);
    assert_eq!(names(&t), ["176.65.134.0/24", "198.18.0.0/15"]);
    assert_eq!(problem_locations(&t), ["7"]);
    let j = import("spamhaus-drop.json");
    assert_eq!(j.files[0].1, Format::SpamhausDropJson);
    assert_proper(&j);
    assert_eq!(names(&j), ["176.65.134.0/24", "2a0e:97c0:dead::/48"]);
    assert_eq!(problem_locations(&j), ["3"]);
    // The same block from both files is the same indicator.
    let id = |r: &ImportResult| {
        of_type(r, "indicator")
            .into_iter()
            .find(|o| o["name"] == "176.65.134.0/24")
            .unwrap()["id"]
            .clone()
    };
    assert_eq!(id(&t), id(&j));
}

#[test]
fn text_list_refangs_and_reports_bad_lines() {
    let r = import("blocklist.txt");
    assert_eq!(r.files[0].1, Format::Text);
    assert_proper(&r);
    assert_eq!(
        names(&r),
        [
            "91.92.240.55",
            "ads-tracker.example",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "evil.example",
            "http://phish-login.example/portal"
        ]
    );
    assert_eq!(problem_locations(&r), ["6"]);
}

#[test]
fn csv_list_with_header() {
    let r = import("indicators.csv");
    assert_eq!(r.files[0].1, Format::Csv);
    assert_proper(&r);
    assert_eq!(
        names(&r),
        ["91.92.240.77", "http://pay-invoice.example/login?a=1,2"]
    );
    assert_eq!(problem_locations(&r), ["4", "5"]);
    let amber = of_type(&r, "indicator")
        .into_iter()
        .find(|o| o["name"] != "91.92.240.77")
        .unwrap();
    assert_eq!(
        amber["object_marking_refs"][0],
        ward_stix::Tlp::Amber.marking_id()
    );
}

#[test]
fn misp_feed_folder() {
    let r = import("misp-feed");
    assert_eq!(r.files[0].1, Format::Misp);
    assert_proper(&r);
    assert_eq!(
        names(&r),
        [
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
            "91.92.240.200",
            "c2-panel.example"
        ]
    );
    let inds = of_type(&r, "indicator");
    let tlp = |name: &str| {
        inds.iter().find(|o| o["name"] == name).unwrap()["object_marking_refs"][0].clone()
    };
    // The attribute's own tlp:clear tag wins; the others inherit the event's tlp:amber.
    assert_eq!(tlp("c2-panel.example"), ward_stix::Tlp::Clear.marking_id());
    assert_eq!(tlp("91.92.240.200"), ward_stix::Tlp::Amber.marking_id());
    // The context: an observable and a report that refers to everything.
    assert_eq!(of_type(&r, "ipv4-addr").len(), 1);
    let report = of_type(&r, "report");
    assert_eq!(report.len(), 1);
    assert_eq!(report[0]["object_refs"].as_array().unwrap().len(), 4);
    assert!(report[0]["description"]
        .as_str()
        .unwrap()
        .contains("RDP brute force"));
    // The bad attribute and the event file that is missing.
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(r
        .problems
        .iter()
        .any(|p| p.location == "$.Event.Attribute[4]"));
    assert!(r.problems.iter().any(|p| p
        .file
        .ends_with("6a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json")));
}

#[test]
fn stix_bundle() {
    let r = import("stix-bundle.json");
    assert_eq!(r.files[0].1, Format::Stix);
    assert_proper(&r);
    assert_eq!(r.objects.len(), 2);
    assert_eq!(problem_locations(&r), ["$.objects[1].pattern"]);
}

#[test]
fn kev_epss_csaf_nvd_annotate_one_vulnerability_per_cve() {
    let kev = import("kev-sample.json");
    assert_eq!(kev.files[0].1, Format::Kev);
    assert_proper(&kev);
    assert_eq!(of_type(&kev, "vulnerability").len(), 3);
    assert_eq!(kev.problems.len(), 2);
    assert!(of_type(&kev, "vulnerability")[0]
        .get("x_ward_kev")
        .is_some());

    let epss = import("epss-sample.csv");
    assert_eq!(epss.files[0].1, Format::Epss);
    assert_proper(&epss);
    assert_eq!(of_type(&epss, "vulnerability").len(), 2);
    assert_eq!(problem_locations(&epss), ["5"]);

    let csaf = import("csaf-icsma-17-017-01.json");
    assert_eq!(csaf.files[0].1, Format::Csaf);
    assert_proper(&csaf);
    assert!(!of_type(&csaf, "vulnerability").is_empty());

    let nvd = import("nvd-sample.json");
    assert_eq!(nvd.files[0].1, Format::Nvd);
    assert_proper(&nvd);
    let nvd_vulns = of_type(&nvd, "vulnerability");
    let eternal = nvd_vulns
        .iter()
        .find(|v| v["name"] == "CVE-2017-0144")
        .unwrap();
    let epss_eternal = of_type(&epss, "vulnerability")
        .into_iter()
        .find(|v| v["name"] == "CVE-2017-0144")
        .unwrap();
    assert_eq!(eternal["id"], epss_eternal["id"]);
}

#[test]
fn sniffing_needs_no_file_name() {
    for (name, format) in [
        ("feodo-ipblocklist.csv", Format::Feodo),
        (
            "misp-feed/5f1e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b.json",
            Format::Misp,
        ),
        ("kev-sample.json", Format::Kev),
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        assert_eq!(sniff(&bytes), Some(format), "{name}");
    }
    assert_eq!(sniff(b""), None);
}

#[test]
fn a_folder_of_feeds_imports_each_and_merges_across_sources() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["feodo-ipblocklist.csv", "threatfox.csv"] {
        std::fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let r = import_path_at(dir.path(), None, now()).unwrap();
    assert_proper(&r);
    let ind = of_type(&r, "indicator");
    let both = ind.iter().find(|o| o["name"] == "91.92.240.10").unwrap();
    assert_eq!(
        both["x_ward_sources"],
        serde_json::json!(["feodotracker", "threatfox"])
    );
    assert_eq!(both["confidence"], 100);
    assert_eq!(
        ind.iter().filter(|o| o["name"] == "91.92.240.10").count(),
        1
    );
}

/// Issue 16: DShield's block list was read as a text list (single addresses, the other
/// columns refused). Each row is now its /Netblock CIDR, and a row whose start, end and
/// prefix disagree is reported.
#[test]
fn dshield_block_list_rows_are_cidr_blocks() {
    let r = import("dshield-block.txt");
    assert_eq!(r.files[0].1, Format::Dshield);
    assert_proper(&r);
    assert_eq!(
        names(&r),
        ["45.95.147.0/24", "91.92.240.0/24", "94.156.66.0/24"]
    );
    let patterns: Vec<&str> = of_type(&r, "indicator")
        .iter()
        .map(|o| o["pattern"].as_str().unwrap())
        .collect();
    assert!(
        patterns.contains(&"[ipv4-addr:value = '91.92.240.0/24']"),
        "{patterns:?}"
    );
    assert_eq!(problem_locations(&r), ["25", "26"]);
    assert!(
        r.problems[0]
            .message
            .contains("176.65.134.0-176.65.134.127"),
        "{:?}",
        r.problems
    );
    let a = of_type(&r, "indicator")
        .into_iter()
        .find(|o| o["name"] == "91.92.240.0/24")
        .unwrap();
    assert_eq!(a["x_ward_sources"], serde_json::json!(["dshield"]));
    assert!(a["description"].as_str().unwrap().contains("4212 targets"));
}

/// Issue 16: the KEV catalog's CSV was refused as text. It is read like the JSON catalog:
/// the same vulnerabilities and annotations for the same entries.
#[test]
fn kev_csv_reads_like_the_json_catalog() {
    let csv = import("kev-sample.csv");
    assert_eq!(csv.files[0].1, Format::Kev);
    assert_proper(&csv);
    let vulns = of_type(&csv, "vulnerability");
    assert_eq!(vulns.len(), 5);
    assert_eq!(problem_locations(&csv), ["7"]);
    assert!(csv.problems[0].message.contains("CVE-20X4-1"));
    let json = import("kev-sample.json");
    for v in of_type(&json, "vulnerability") {
        let same = vulns.iter().find(|c| c["id"] == v["id"]).unwrap();
        assert_eq!(same["x_ward_kev"], v["x_ward_kev"]);
        assert_eq!(same["description"], v["description"]);
    }
    // Quoted fields with commas and quotes stay whole.
    let with_quote = vulns
        .iter()
        .find(|v| v["name"] == "CVE-2025-48928")
        .unwrap();
    assert_eq!(
        with_quote["x_ward_kev"]["known_ransomware_campaign_use"],
        "Unknown"
    );
    assert_eq!(
        sniff(&std::fs::read(fixture("kev-sample.csv")).unwrap()),
        Some(Format::Kev)
    );
}

/// Issue 16: MISP warninglists were not recognised. They become allow-lists (not intel):
/// `cidr` entries as blocks, `string` host names as exact names.
#[test]
fn misp_warninglists_become_allow_lists() {
    let multicast = import("misp-warninglist-multicast.json");
    assert_eq!(multicast.files[0].1, Format::MispWarninglist);
    assert!(multicast.objects.is_empty());
    assert!(multicast.problems.is_empty(), "{:?}", multicast.problems);
    let list = &multicast.allow_lists[0];
    assert_eq!(list.name, "List of RFC 5771 multicast CIDR blocks");
    assert_eq!(list.version.as_deref(), Some("3"));
    assert_eq!(list.entries.len(), 16);
    assert_eq!(list.entries[0], "224.0.0.0/8");

    let ip = import("misp-warninglist-whats-my-ip.json");
    assert_eq!(ip.files[0].1, Format::MispWarninglist);
    let list = &ip.allow_lists[0];
    assert_eq!(list.entries.len(), 31);
    assert!(list.entries.contains(&"=api.ipify.org".to_string()));

    // Saved into the data folder, the lists are read with the shipped ones.
    let dir = tempfile::tempdir().unwrap();
    ward_feeds::allowlist::save_imported(dir.path(), &multicast.allow_lists[0]).unwrap();
    ward_feeds::allowlist::save_imported(dir.path(), list).unwrap();
    let config = ward_feeds::config::FeedsConfig::default();
    let allow = config.allow_list(dir.path()).unwrap();
    let check = |s: &str| {
        allow
            .check(&ward_feeds::observable::classify(s).unwrap())
            .map(str::to_string)
    };
    assert_eq!(
        check("239.1.2.3").as_deref(),
        Some("misp-list-of-rfc-5771-multicast-cidr-blocks")
    );
    assert_eq!(
        check("api.ipify.org").as_deref(),
        Some("misp-list-of-known-domains-to-know-external-ip")
    );
    // `string` lists match exactly: a subdomain is not covered.
    assert_eq!(check("evil.api.ipify.org"), None);
    assert_eq!(check("91.92.240.1"), None);

    // A regex list cannot be an allow-list: reported, nothing kept.
    let r = ward_feeds::import::import_bytes(
        "regex.json",
        br#"{"name": "r", "version": 1, "description": "d", "type": "regex", "list": ["^a.*"]}"#,
        Format::MispWarninglist,
        now(),
    )
    .unwrap();
    assert!(r.allow_lists.is_empty());
    assert_eq!(problem_locations(&r), ["$.type"]);
}

/// Issue 16: rows dated after the import (a feed's clock or time zone ahead) made
/// indicators not yet valid, scored 0 and left out of every block list. They are valid
/// from the import; the feed's date is kept and the rows are counted.
#[test]
fn future_dated_rows_are_clamped_to_the_import_time() {
    let r = import("future-dated.csv");
    assert_proper(&r);
    assert_eq!(r.clamped, 2);
    let by_name = |n: &str| {
        of_type(&r, "indicator")
            .into_iter()
            .find(|o| o["name"] == n)
            .unwrap()
            .clone()
    };
    let past = by_name("91.92.240.88");
    assert_eq!(past["valid_from"], "2025-08-25T23:00:00.000Z");
    assert!(past.get("x_ward_original_valid_from").is_none());
    let ahead = by_name("91.92.240.89");
    assert_eq!(ahead["valid_from"], "2025-08-26T00:00:00.000Z");
    assert_eq!(
        ahead["x_ward_original_valid_from"],
        "2025-08-27T06:00:00.000Z"
    );
    let years = by_name("bad-clock.example");
    assert_eq!(
        years["x_ward_original_valid_from"],
        "2031-01-01T00:00:00.000Z"
    );
    // Scored as an indicator valid from now (the feed's confidence), not as one not yet
    // valid (0).
    let objects: Vec<ward_stix::StixObject> = [&ahead, &years]
        .iter()
        .map(|o| ward_stix::StixObject::from_value((*o).clone()).unwrap())
        .collect();
    let scored = ward_feeds::local::score_objects(
        &objects,
        &ward_feeds::config::FeedsConfig::default(),
        &ward_feeds::allowlist::AllowList::default(),
        now(),
    );
    assert_eq!(scored.len(), 2);
    for s in &scored {
        assert!(s.score >= 49.0, "{} scored {}", s.object.id(), s.score);
    }
}
