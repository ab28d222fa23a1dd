//! A 50-row hospital inventory (tests/fixtures/hospital) against the 124 real CISA ICSMA
//! advisories in tests/fixtures/icsma-csaf: what a person reads must be true.

use std::path::{Path, PathBuf};

use ward_exposure::assess::end_of_support_tier;
use ward_exposure::{
    assess, Advisory, AssetKind, Certainty, ExposureReport, Finding, Inventory, NaiveDate, Sources,
    Tier,
};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

fn inventory() -> Inventory {
    let inventory =
        Inventory::load(&fixtures().join("hospital/hospital-inventory.csv")).expect("inventory");
    assert_eq!(
        inventory.assets.len(),
        50,
        "problems: {:?}",
        inventory.problems
    );
    inventory
}

fn sources() -> Sources {
    Sources {
        advisories: Advisory::load_dir(&fixtures().join("icsma-csaf")).expect("advisories"),
        ..Default::default()
    }
}

fn run() -> ExposureReport {
    assess(&inventory(), &sources(), today())
}

fn finding<'a>(r: &'a ExposureReport, name: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.asset.name == name)
        .unwrap_or_else(|| panic!("no finding for {name}"))
}

fn has_finding(r: &ExposureReport, name: &str) -> bool {
    r.findings.iter().any(|f| f.asset.name == name)
}

#[test]
fn every_asset_past_end_of_support_is_listed_with_its_own_tier() {
    let inv = inventory();
    let r = run();
    let past: Vec<_> = inv
        .assets
        .iter()
        .filter(|a| a.end_of_support.is_some_and(|d| d <= today()))
        .collect();
    assert_eq!(
        past.len(),
        10,
        "the fixture has 10 assets past their support"
    );
    for a in past {
        let f = finding(&r, &a.name);
        assert!(
            f.tier >= end_of_support_tier(a),
            "{}: tier {} below its end-of-support tier",
            a.name,
            f.tier
        );
        assert!(f.why.contains("support has ended"), "{}", f.why);
    }
    // Matched by no advisory, still listed: the Windows Server 2012 R2 domain controller.
    let dc = finding(&r, "Domain controller DC01");
    assert!(dc.vulnerabilities.is_empty());
    assert_eq!(dc.tier, Tier::Scheduled);
    assert!(
        dc.action.summary.contains("2023-10-10"),
        "{}",
        dc.action.summary
    );
    // Internet-exposed: this week.
    assert_eq!(finding(&r, "Remote access VPN").tier, Tier::OutOfCycle);
    // Not yet past its date: not listed for support.
    assert!(!has_finding(&r, "File server FS01"));
}

#[test]
fn blank_version_is_possibly_affected_and_said_so() {
    let r = run();
    for name in ["CT scanner", "ED monitor 2"] {
        let f = finding(&r, name);
        assert!(f.asset.version.is_none());
        for v in &f.vulnerabilities {
            assert_eq!(v.certainty, Certainty::Possible, "{name} {}", v.id);
            assert!(
                v.matched_because.contains("possibly affected"),
                "{}",
                v.matched_because
            );
        }
        assert!(f.why.contains("possibly affected"), "{}", f.why);
    }
}

#[test]
fn the_exact_model_listed_by_the_advisory_is_confirmed() {
    let r = run();
    for (name, advisory) in [
        ("Insulin pump loaner 2", "ICSMA-22-263-01"),
        ("Med-surg bed 412", "ICSMA-19-029-01"),
    ] {
        let f = finding(&r, name);
        let v: Vec<_> = f
            .vulnerabilities
            .iter()
            .filter(|v| v.advisory.as_ref().is_some_and(|a| a.id == advisory))
            .collect();
        assert!(!v.is_empty(), "{name} not matched by {advisory}");
        for v in v {
            assert_eq!(
                v.certainty,
                Certainty::Confirmed,
                "{name}: {}",
                v.matched_because
            );
            assert!(!v.matched_because.contains("does not say which"));
        }
    }
}

#[test]
fn no_product_cross_talk_and_confirmed_means_product_and_version() {
    let r = run();
    // ICSMA-20-343-01 lists five GE MRI models, none of them a SIGNA Explorer; ICSMA-18-037-02
    // lists "Infinia with Hawkeye 4 / 1", whose bare "1" must not match "1.5T".
    assert!(!has_finding(&r, "MRI scanner"));
    let hdxt = finding(&r, "MRI scanner 2 (old)");
    for v in &hdxt.vulnerabilities {
        let a = v.advisory.as_ref().expect("advisory");
        assert_eq!(a.product, "3.0T Signa Hdxt", "{}", v.matched_because);
    }
    // The Philips Gemini PET/CT advisory is not about a Brilliance CT.
    let ct = finding(&r, "CT scanner");
    assert!(ct.vulnerabilities.iter().all(|v| v
        .advisory
        .as_ref()
        .is_some_and(|a| a.id == "ICSMA-18-123-01")));
    // An Alaris 8015 on 12.1.3 is neither the Alaris 8000 nor in the 8015's range.
    assert!(!has_finding(&r, "ICU infusion pump 02"));
    // The Dräger advisory lists Delta XL, Kappa and Infinity Delta: only the last is ours.
    for v in &finding(&r, "Anesthesia monitor OR 2").vulnerabilities {
        assert_eq!(
            v.advisory.as_ref().map(|a| a.product.as_str()),
            Some("Infinity Delta")
        );
    }
    for f in &r.findings {
        for v in &f.vulnerabilities {
            if v.certainty == Certainty::Confirmed {
                assert!(
                    v.matched_because.contains("runs version")
                        || v.matched_because.contains("same model"),
                    "{}: confirmed without a version or model: {}",
                    f.asset.name,
                    v.matched_because
                );
            }
        }
    }
}

#[test]
fn a_fix_shipped_in_the_remediation_ends_a_broad_range_and_targets_are_never_vulnerable() {
    let r = run();
    // ICSMA-19-022-01 says "all versions", and that VF10.1 carries the fixes.
    assert!(!has_finding(&r, "Anesthesia monitor OR 1"));
    let or2 = finding(&r, "Anesthesia monitor OR 2");
    assert_eq!(or2.action.target_version.as_deref(), Some("VF10.1"));
    // Hamilton: "a version later than 2.2.3": 2.2.3 stays affected, and no target is
    // invented.
    let t1 = finding(&r, "ICU ventilator 1");
    assert_eq!(t1.action.target_version, None);
    assert!(!has_finding(&r, "ICU ventilator 2"));
    // Every target, put in the inventory, leaves none of the same flaws behind.
    let mut inv = inventory();
    let mut targeted = 0;
    for a in &mut inv.assets {
        if let Some(f) = r.findings.iter().find(|f| f.asset.name == a.name) {
            if let Some(t) = &f.action.target_version {
                a.version = Some(t.clone());
                targeted += 1;
            }
        }
    }
    assert!(targeted > 0);
    let after = assess(&inv, &sources(), today());
    for f in &r.findings {
        let Some(t) = &f.action.target_version else {
            continue;
        };
        if let Some(g) = after.findings.iter().find(|g| g.asset.name == f.asset.name) {
            for v in &g.vulnerabilities {
                assert!(
                    !f.vulnerabilities.iter().any(|o| o.id == v.id),
                    "{} told to update to {t}, which the same run calls vulnerable to {}",
                    f.asset.name,
                    v.id
                );
            }
        }
    }
}

#[test]
fn a_family_advisory_matches_the_family_but_not_what_it_excludes() {
    let r = run();
    for name in ["Cardiac ultrasound", "OB ultrasound"] {
        assert!(
            finding(&r, name).vulnerabilities.iter().any(|v| v
                .advisory
                .as_ref()
                .is_some_and(|a| a.id == "ICSMA-20-049-02")),
            "{name} not matched by the Vivid/Voluson family advisory"
        );
    }
    let mut inv = Inventory::default();
    inv.add_csv(
        "echo.csv",
        b"name,vendor,product,version\nEcho review,GE Healthcare,Vivid EchoPAC workstation,204\n",
    )
    .expect("csv");
    let only = assess(&inv, &sources(), today());
    assert!(only
        .findings
        .iter()
        .all(|f| f.vulnerabilities.iter().all(|v| v
            .advisory
            .as_ref()
            .is_none_or(|a| a.id != "ICSMA-20-049-02"))));
}

#[test]
fn a_segmented_device_is_never_told_to_move_to_its_own_network() {
    let r = run();
    let mut segmented = 0;
    for f in r
        .findings
        .iter()
        .filter(|f| f.asset.segmented == Some(true))
    {
        segmented += 1;
        for step in &f.action.steps {
            assert!(!step.starts_with("Move "), "{}: {step}", f.asset.name);
        }
    }
    assert!(segmented >= 5);
}

#[test]
fn medical_advice_goes_through_the_owner_and_the_manufacturer() {
    let r = run();
    let mut medical = 0;
    for f in &r.findings {
        assert_eq!(f.action.who, f.asset.owner, "{}", f.asset.name);
        if f.asset.kind != Some(AssetKind::MedicalDevice) {
            continue;
        }
        medical += 1;
        let owner = f.asset.owner.as_deref().expect("every device has an owner");
        let text = f.action.steps.join(" ");
        assert!(
            text.contains("manufacturer's approved process") && text.contains(owner),
            "{}: {text}",
            f.asset.name
        );
        assert!(!text.contains("IT person") && !text.contains("clinic hours"));
    }
    assert!(medical >= 15);
}

#[test]
fn tiers_and_ranks_agree() {
    let r = run();
    for pair in r.findings.windows(2) {
        assert!(
            pair[0].tier >= pair[1].tier,
            "#{} {} ranked above #{} {}",
            pair[0].rank,
            pair[0].tier,
            pair[1].rank,
            pair[1].tier
        );
        assert!(pair[0].rank < pair[1].rank);
    }
    for f in &r.findings {
        assert!(f.vulnerabilities.iter().all(|v| v.tier <= f.tier));
        assert!(f.why.contains(&format!("Priority: {}", f.tier.label())));
    }
}

/// The figures of the trial, printed for the record (`cargo test -p ward-exposure --test
/// hospital_trial figures -- --nocapture`).
#[test]
fn figures() {
    let r = run();
    let vulns: Vec<_> = r.findings.iter().flat_map(|f| &f.vulnerabilities).collect();
    let confirmed = vulns
        .iter()
        .filter(|v| v.certainty == Certainty::Confirmed)
        .count();
    let eos_only = r
        .findings
        .iter()
        .filter(|f| f.vulnerabilities.is_empty())
        .count();
    println!(
        "assets 50, advisories {}, findings {}, end-of-support only {}, vulnerabilities {}, confirmed {}, possible {}",
        r.sources.advisories,
        r.findings.len(),
        eos_only,
        vulns.len(),
        confirmed,
        vulns.len() - confirmed
    );
    assert!(confirmed > vulns.len() / 2);
}
