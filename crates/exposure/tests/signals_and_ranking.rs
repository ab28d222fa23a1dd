//! KEV, EPSS and NVD together on small fixtures, CPE ranges at their boundaries through the
//! whole assessment, and the ranking promises users rely on.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ward_exposure::{
    assess, ActionKind, Advisory, Asset, AssetKind, Certainty, Criticality, EpssScores, Inventory,
    KevCatalog, NvdCatalog, Sources, Tier,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).expect("valid date")
}

fn sources() -> Sources {
    Sources {
        advisories: Advisory::load_dir(&fixture("icsma-csaf")).expect("advisories"),
        nvd: NvdCatalog::load(&fixture("nvd-sample.json")).expect("nvd"),
        kev: KevCatalog::load(&fixture("kev.json")).expect("kev"),
        epss: EpssScores::load(&fixture("epss-sample.csv")).expect("epss"),
        sightings: Default::default(),
    }
}

#[test]
fn life_sustaining_internet_device_with_kev_flaw_outranks_laptop_with_higher_cvss() {
    let inventory = Inventory::load(&fixture("clinic-inventory.csv")).expect("inventory");
    let report = assess(&inventory, &sources(), today());
    let device = report
        .findings
        .iter()
        .find(|f| f.asset.name == "ICU ventilator console")
        .expect("ventilator found");
    let laptop = report
        .findings
        .iter()
        .find(|f| f.asset.name == "Front desk laptop")
        .expect("laptop found");
    let cvss = |f: &ward_exposure::Finding| {
        f.vulnerabilities
            .iter()
            .filter_map(|v| v.signals.cvss.as_ref().map(|c| c.base_score))
            .fold(0.0, f64::max)
    };
    assert!(
        cvss(laptop) > cvss(device),
        "the laptop's flaw has the higher CVSS"
    );
    assert!(
        device.rank < laptop.rank,
        "device {} laptop {}",
        device.rank,
        laptop.rank
    );
    assert_eq!(device.rank, 1);
    assert_eq!(device.tier, Tier::Immediate);
    assert!(device.score > laptop.score);
    assert!(device.vulnerabilities[0].signals.kev.is_some());
    assert!(
        device.why.contains("keeps patients alive"),
        "{}",
        device.why
    );
    assert!(device.why.contains("internet"), "{}", device.why);
    assert!(laptop.why.contains("business system"), "{}", laptop.why);
}

#[test]
fn nvd_range_boundaries_through_the_assessment() {
    let s = sources();
    let found = |version: &str| {
        let inv = Inventory {
            assets: vec![Asset::new("pc", "Acme", "Office Suite", Some(version))],
            problems: vec![],
        };
        assess(&inv, &s, today())
            .findings
            .iter()
            .any(|f| f.vulnerabilities.iter().any(|v| v.id == "CVE-2099-0001"))
    };
    assert!(found("4.0"), "versionStartIncluding is affected");
    assert!(found("4.9.9"));
    assert!(!found("5.0"), "versionEndExcluding is fixed");
    assert!(!found("3.9"));
}

#[test]
fn sbom_device_matches_and_configuration_with_platform() {
    let mut inventory = Inventory::default();
    inventory
        .add_file(&fixture("infusion-pump.cdx.json"))
        .expect("sbom");
    let report = assess(&inventory, &sources(), today());
    let f = report.findings.first().expect("pump found");
    let v = f
        .vulnerabilities
        .iter()
        .find(|v| v.id == "CVE-2099-0002")
        .expect("firmware flaw");
    assert_eq!(
        v.certainty,
        Certainty::Confirmed,
        "firmware and hardware both listed"
    );
    // EPSS 0.15 on a life-sustaining device that is not internet-facing: likely, high impact.
    assert_eq!(v.tier, Tier::OutOfCycle);
    assert!(v.signals.epss.is_some());
    assert_eq!(f.asset.criticality, Some(Criticality::LifeSustaining));
}

#[test]
fn csaf_device_patch_and_unsupported_server_isolation() {
    let inventory = Inventory::load(&fixture("clinic-inventory.csv")).expect("inventory");
    let report = assess(&inventory, &sources(), today());
    let names: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.asset.name.as_str())
        .collect();
    assert!(names.contains(&"Infusion pump 7"), "{names:?}");
    assert!(
        !names.contains(&"Infusion pump 8"),
        "12.1.2 is past the advisory's <= 9.33.1: {names:?}"
    );
    let pump = report
        .findings
        .iter()
        .find(|f| f.asset.name == "Infusion pump 7")
        .expect("pump");
    let cited: Vec<&str> = pump
        .vulnerabilities
        .iter()
        .filter_map(|v| v.advisory.as_ref().map(|a| a.id.as_str()))
        .collect();
    // Version 9.19 is inside both "<= 9.33" (2017) and "<= 9.33.1" (2020).
    assert!(
        cited.contains(&"ICSMA-20-317-01") && cited.contains(&"ICSMA-17-017-02"),
        "{cited:?}"
    );
    assert!(
        !pump.action.vendor_guidance.is_empty(),
        "vendor remediation text carried"
    );

    // BD names no fixed PC Unit version, only compensating controls.
    assert_eq!(
        pump.action.kind,
        ActionKind::ApplyWorkaround,
        "{:?}",
        pump.action
    );
    assert_eq!(pump.action.target_version, None);

    let portal = report
        .findings
        .iter()
        .find(|f| f.asset.name == "Radiology portal")
        .expect("portal");
    assert_eq!(portal.action.kind, ActionKind::IsolateAndCallManufacturer);
    assert!(portal.why.contains("support has ended"), "{}", portal.why);
    assert!(portal
        .vulnerabilities
        .iter()
        .any(|v| v.signals.kev.is_some()));

    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].line, 7);
}

#[test]
fn unknown_version_is_possible_and_sightings_count_as_exploitation() {
    let mut s = sources();
    let mut asset = Asset::new("pump", "BD", "Alaris PC Unit 8015", None);
    asset.kind = Some(AssetKind::MedicalDevice);
    let inv = Inventory {
        assets: vec![asset],
        problems: vec![],
    };
    let before = assess(&inv, &s, today());
    let f = before.findings.first().expect("found without a version");
    assert!(f
        .vulnerabilities
        .iter()
        .all(|v| v.certainty == Certainty::Possible));
    let cve = f.vulnerabilities[0].id.clone();
    let tier_before = f.vulnerabilities[0].tier;
    s.sightings.insert(cve.clone(), 3);
    let after = assess(&inv, &s, today());
    let v = after.findings[0]
        .vulnerabilities
        .iter()
        .find(|v| v.id == cve)
        .expect("same flaw");
    assert_eq!(v.signals.sightings, 3);
    assert!(v.tier > tier_before, "{:?} -> {:?}", tier_before, v.tier);
}

#[test]
fn report_round_trips_through_json() {
    let inventory = Inventory::load(&fixture("clinic-inventory.csv")).expect("inventory");
    let report = assess(&inventory, &sources(), today());
    let json = serde_json::to_string(&report).expect("serialize");
    let back: ward_exposure::ExposureReport = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, report);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let first = &value["findings"][0];
    for key in [
        "rank",
        "tier",
        "score",
        "asset",
        "why",
        "action",
        "vulnerabilities",
        "decision",
    ] {
        assert!(first.get(key).is_some(), "finding lacks `{key}`");
    }
    assert_eq!(first["tier"], "immediate");
    assert_eq!(first["asset"]["extra"]["asset_tag"], "T-0001");
}

#[test]
fn device_with_a_named_fixed_version_gets_patch_to_that_version() {
    let mut asset = Asset::new("home monitor", "Abbott", "Merlin@home EX1150", Some("8.1"));
    asset.kind = Some(AssetKind::MedicalDevice);
    let inv = Inventory {
        assets: vec![asset],
        problems: vec![],
    };
    let report = assess(&inv, &sources(), today());
    let f = report
        .findings
        .first()
        .expect("St. Jude / Abbott transmitter found");
    assert_eq!(f.action.kind, ActionKind::PatchTo);
    assert_eq!(f.action.target_version.as_deref(), Some("8.2.2"));
    assert!(f
        .action
        .vendor_guidance
        .iter()
        .any(|r| r.details.contains("Version 8.2.2")));
}
