//! The local store (imports merged across feeds, scores, allow-list verdicts) and every export
//! format; the Suricata rules and the RPZ zone are checked by the real tools (`suricata -T`,
//! `named-checkzone`) when they are installed (required when WARD_REQUIRE_PEERS=1).

use std::path::{Path, PathBuf};
use std::process::Command;

use ward_feeds::export::{render, ExportFormat, ExportOptions};
use ward_feeds::import::import_path_at;
use ward_feeds::{LocalIntel, ScoredIndicator};
use ward_stix::{Timestamp, Tlp};

mod common;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// A local store with every indicator fixture imported, one feed at a time.
fn loaded(dir: &Path) -> LocalIntel {
    let local = common::open_local(dir).unwrap();
    for f in [
        "feodo-ipblocklist.csv",
        "urlhaus.csv",
        "threatfox.csv",
        "threatfox.json",
        "malwarebazaar.csv",
        "spamhaus-drop.txt",
        "blocklist.txt",
        "indicators.csv",
        "misp-feed",
        "stix-bundle.json",
    ] {
        let r = import_path_at(&fixture(f), None, Timestamp::now()).unwrap();
        local.add_objects(&r.objects).unwrap();
    }
    local
}

fn find<'a>(inds: &'a [ScoredIndicator], name: &str) -> &'a ScoredIndicator {
    inds.iter()
        .find(|i| i.object.get("name").and_then(|n| n.as_str()) == Some(name))
        .unwrap_or_else(|| panic!("no indicator {name}"))
}

/// Finds a peer tool; `None` means skip (or fail when WARD_REQUIRE_PEERS=1).
fn peer(tool: &str) -> Option<PathBuf> {
    ward_testkit::tool(tool, &[])
}

#[test]
fn imports_merge_across_feeds_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let local = loaded(dir.path());
    let inds = local.indicators().unwrap();
    let qakbot = find(&inds, "91.92.240.10");
    assert_eq!(qakbot.sources, ["feodotracker", "threatfox"]);
    let panel = find(&inds, "c2-panel.example");
    assert_eq!(panel.sources, ["threatfox", "misp:Health-ISAC"]);
    assert_eq!(
        inds.iter()
            .filter(|i| i.object.get("name") == qakbot.object.get("name"))
            .count(),
        1
    );
    // The hub-style STIX indicator is kept as it came, with one (unknown) source.
    let stix = find(&inds, "phishing host");
    assert_eq!(stix.observables.len(), 1);
    let then = local.indicators_at(ts("2025-08-21T00:00:00Z")).unwrap();
    assert!(find(&then, "phishing host").score > 0.0);
    // Importing the same feed again adds no duplicate objects.
    let before = local.objects().unwrap().len();
    let again = import_path_at(&fixture("feodo-ipblocklist.csv"), None, Timestamp::now()).unwrap();
    let summary = local.add_objects(&again.objects).unwrap();
    assert_eq!(local.objects().unwrap().len(), before);
    // Listed again the same day and nothing changed: no new version either.
    assert_eq!(summary.added, 0, "{summary:?}");
}

#[test]
fn allow_listed_indicators_are_flagged_and_left_out_of_blocklists() {
    let dir = tempfile::tempdir().unwrap();
    let local = loaded(dir.path());
    let inds = local.indicators().unwrap();
    assert_eq!(
        find(&inds, "8.8.8.8").allow_listed.as_deref(),
        Some("dns-resolvers")
    );
    let opts = ExportOptions::default();
    let ip = render(ExportFormat::PlainIp, &inds, &opts).unwrap();
    assert!(!ip.text.contains("8.8.8.8"));
    assert!(ip.text.contains("\n91.92.240.10\n"));
    assert!(ip.allow_listed >= 1);
    let csv = render(ExportFormat::Csv, &inds, &opts).unwrap();
    assert!(csv.text.contains("ip,8.8.8.8,") && csv.text.contains(",dns-resolvers,"));
}

#[test]
fn min_score_and_tlp_ceiling_select() {
    let dir = tempfile::tempdir().unwrap();
    let local = loaded(dir.path());
    let inds = local.indicators().unwrap();
    let all = ExportOptions {
        min_score: 0.0,
        max_tlp: Tlp::Red,
        ..ExportOptions::default()
    };
    let text = |o: &ExportOptions| render(ExportFormat::PlainIp, &inds, o).unwrap().text;
    // 91.92.240.200 is TLP:AMBER (MISP event tag); 91.92.240.77 TLP:GREEN (CSV column).
    assert!(text(&all).contains("91.92.240.200"));
    let green = ExportOptions {
        max_tlp: Tlp::Green,
        ..all.clone()
    };
    assert!(!text(&green).contains("91.92.240.200"));
    assert!(text(&green).contains("91.92.240.77"));
    let strict = ExportOptions {
        min_score: 85.0,
        ..all.clone()
    };
    assert!(!text(&strict).contains("91.92.240.77"));
    assert!(text(&strict).contains("91.92.240.10"));
}

#[test]
fn every_format_has_its_header_and_entries() {
    let dir = tempfile::tempdir().unwrap();
    let local = loaded(dir.path());
    let inds = local.indicators().unwrap();
    let opts = ExportOptions::default();
    for format in ExportFormat::ALL {
        let e = render(format, &inds, &opts).unwrap();
        assert!(e.entries > 0, "{}", format.name());
        if format != ExportFormat::Stix {
            let mark = if format == ExportFormat::Rpz {
                ";"
            } else {
                "#"
            };
            assert!(e
                .text
                .starts_with(&format!("{mark} ward export, format {}", format.name())));
            assert!(
                e.text.contains(&format!("Entries: {}", e.entries)),
                "{}",
                format.name()
            );
            assert!(e.text.contains("Made: ") && e.text.contains("Blocks: "));
        }
    }
    let domains = render(ExportFormat::PlainDomain, &inds, &opts)
        .unwrap()
        .text;
    assert!(domains.contains("\nc2-panel.example\n") && domains.contains("\nevil.example\n"));
    let urls = render(ExportFormat::PlainUrl, &inds, &opts).unwrap().text;
    assert!(urls.contains("\nevil-downloads.example/payload.exe\n"));
    let zeek = render(ExportFormat::ZeekIntel, &inds, &opts).unwrap().text;
    assert!(zeek.contains("\n91.92.240.10\tIntel::ADDR\tfeodotracker,threatfox\t"));
    assert!(zeek.contains("\n176.65.134.0/24\tIntel::SUBNET\t"));
    let stix: serde_json::Value =
        serde_json::from_str(&render(ExportFormat::Stix, &inds, &opts).unwrap().text).unwrap();
    assert_eq!(stix["type"], "bundle");
}

fn suricata_accepts(rules_dir: &Path, rules: &str) {
    let Some(suricata) = peer("suricata") else {
        return;
    };
    let file = rules_dir.join("ward.rules");
    std::fs::write(&file, rules).unwrap();
    let log = tempfile::tempdir().unwrap();
    let out = Command::new(suricata)
        .args(["-T", "--init-errors-fatal", "-S"])
        .arg(&file)
        .arg("-l")
        .arg(log.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "suricata -T refused the rules:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn suricata_loads_the_rules_with_and_without_datasets() {
    let dir = tempfile::tempdir().unwrap();
    let local = loaded(dir.path());
    let inds = local.indicators().unwrap();
    for threshold in [1000, 0] {
        let out = tempfile::tempdir().unwrap();
        let opts = ExportOptions {
            dataset_threshold: threshold,
            companion_dir: Some(out.path().display().to_string()),
            ..ExportOptions::default()
        };
        let e = render(ExportFormat::Suricata, &inds, &opts).unwrap();
        assert_eq!(e.text.contains("dataset:isset"), threshold == 0);
        assert!(e.text.contains("filesha256:"));
        for (name, text) in &e.companions {
            std::fs::write(out.path().join(name), text).unwrap();
        }
        suricata_accepts(out.path(), &e.text);
    }
}

#[test]
fn named_checkzone_accepts_the_rpz_zone() {
    let dir = tempfile::tempdir().unwrap();
    let local = loaded(dir.path());
    let inds = local.indicators().unwrap();
    let e = render(ExportFormat::Rpz, &inds, &ExportOptions::default()).unwrap();
    assert!(e.text.contains("\nc2-panel.example IN CNAME .\n"));
    assert!(e.text.contains("\n32.10.240.92.91.rpz-ip IN CNAME .\n"));
    assert!(
        e.text
            .contains("\n48.0.0.0.0.0.dead.97c0.2a0e.rpz-ip IN CNAME .\n")
            || !e.text.contains("dead")
    );
    let Some(checkzone) = peer("named-checkzone") else {
        return;
    };
    let file = dir.path().join("rpz.ward.zone");
    std::fs::write(&file, &e.text).unwrap();
    let out = Command::new(checkzone)
        .arg("rpz.ward")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "named-checkzone refused the zone:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_ip_decays_out_after_its_lifetime_and_a_sighting_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let local = common::open_local(dir.path()).unwrap();
    let made = ts("2025-01-01T00:00:00Z");
    let r = import_path_at(&fixture("blocklist.txt"), None, made).unwrap();
    local.add_objects(&r.objects).unwrap();
    let opts = |now| ExportOptions {
        now,
        ..ExportOptions::default()
    };
    let plain_ip = |now: Timestamp| {
        let inds = local.indicators_at(now).unwrap();
        render(ExportFormat::PlainIp, &inds, &opts(now))
            .unwrap()
            .text
    };
    assert!(plain_ip(ts("2025-01-02T00:00:00Z")).contains("\n91.92.240.55\n"));
    // Past the 30-day lifetime of IP addresses.
    let later = ts("2025-02-15T00:00:00Z");
    assert!(!plain_ip(later).contains("91.92.240.55"));
    // The hash (two-year lifetime) is still exported as an indicator.
    let inds = local.indicators_at(later).unwrap();
    assert!(
        find(
            &inds,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        .score
            > 20.0
    );
    // A sighting on 2025-02-14 brings the address back.
    let id = find(&inds, "91.92.240.55").object.id().to_string();
    let sighting = serde_json::json!({
        "type": "sighting", "spec_version": "2.1",
        "id": "sighting--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "created": "2025-02-14T00:00:00.000Z", "modified": "2025-02-14T00:00:00.000Z",
        "first_seen": "2025-02-14T00:00:00Z", "last_seen": "2025-02-14T00:00:00Z",
        "count": 1, "sighting_of_ref": id
    });
    local.add_sightings(&[sighting]).unwrap();
    assert!(plain_ip(later).contains("\n91.92.240.55\n"));
    assert_eq!(
        find(&local.indicators_at(later).unwrap(), "91.92.240.55").sightings,
        1
    );
}

#[test]
fn local_allow_list_entries_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("feeds.toml"),
        "[allow]\nentries = [\"91.92.240.0/24\"]\n",
    )
    .unwrap();
    let local = loaded(dir.path());
    let inds = local.indicators().unwrap();
    assert_eq!(
        find(&inds, "91.92.240.10").allow_listed.as_deref(),
        Some("local")
    );
    std::fs::write(
        dir.path().join("feeds.toml"),
        "[allow]\nentries = [\"no such thing!\"]\n",
    )
    .unwrap();
    let err = common::open_local(dir.path()).err().unwrap().to_string();
    assert!(
        err.contains("feeds.toml") && err.contains("allow.entries"),
        "{err}"
    );
}
