//! The CISA medical-device advisories (ICSMA, CSAF 2.0) in tests/fixtures/icsma-csaf: every
//! version text they contain is read, and a generated clinic inventory finds every affected
//! device while leaving unaffected versions out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use ward_exposure::csaf::Advisory;
use ward_exposure::version::{parse_product_version, parse_range, Verdict, Version, VersionSpec};
use ward_exposure::{assess, Asset, Inventory, Sources};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/icsma-csaf")
}

fn files() -> Vec<PathBuf> {
    let mut f: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("fixture folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    f.sort();
    f
}

/// (category, branch name, full product name) of every leaf, read from the raw JSON so the
/// test does not depend on the loader it is checking.
fn version_texts(doc: &Value, out: &mut Vec<(String, String, String)>) {
    fn walk(branches: &[Value], out: &mut Vec<(String, String, String)>) {
        for b in branches {
            let cat = b["category"].as_str().unwrap_or("");
            if cat == "product_version_range" || cat == "product_version" {
                out.push((
                    cat.to_string(),
                    b["name"].as_str().unwrap_or("").to_string(),
                    b["product"]["name"].as_str().unwrap_or("").to_string(),
                ));
            }
            if let Some(children) = b["branches"].as_array() {
                walk(children, out);
            }
        }
    }
    if let Some(b) = doc
        .pointer("/product_tree/branches")
        .and_then(Value::as_array)
    {
        walk(b, out);
    }
}

#[test]
fn every_version_text_in_every_advisory_is_read() {
    let files = files();
    assert_eq!(
        files.len(),
        124,
        "expected the 124 ICSMA advisories in {}",
        fixture_dir().display()
    );
    let mut failures = Vec::new();
    let mut ranges = 0;
    let mut checked_bounds = 0;
    for f in &files {
        let doc: Value = serde_json::from_slice(&std::fs::read(f).expect("read fixture"))
            .expect("fixture is JSON");
        let mut texts = Vec::new();
        version_texts(&doc, &mut texts);
        for (cat, text, full) in texts {
            let parsed = if cat == "product_version_range" {
                ranges += 1;
                parse_range(&text)
            } else {
                parse_product_version(&text, &full)
            };
            match parsed {
                Err(e) => failures.push(format!("{}: {cat} {text:?}: {e}", f.display())),
                Ok(p) => {
                    // Every bound must behave as written: `<= X` admits X, `< X` does not.
                    if let VersionSpec::Ranges { intervals } = &p.spec {
                        for i in intervals {
                            for b in i.lower.iter().chain(i.upper.iter()) {
                                if b.wildcard {
                                    continue;
                                }
                                let v = Some(&b.version);
                                let got = p.spec.verdict(v);
                                let in_other =
                                    intervals.iter().any(|o| o != i && o.contains(&b.version));
                                if b.inclusive && got != Verdict::Affected {
                                    failures.push(format!(
                                        "{text:?}: inclusive bound {} not affected",
                                        b.version
                                    ));
                                }
                                if !b.inclusive && !in_other && got != Verdict::NotAffected {
                                    failures.push(format!(
                                        "{text:?}: exclusive bound {} affected",
                                        b.version
                                    ));
                                }
                                checked_bounds += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unreadable version texts:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        ranges >= 200,
        "only {ranges} product_version_range strings found"
    );
    assert!(checked_bounds > 150);
}

#[test]
fn loader_reads_every_advisory_without_fallbacks() {
    let advisories = Advisory::load_dir(&fixture_dir()).expect("advisories load");
    assert_eq!(advisories.len(), 124);
    for a in &advisories {
        assert!(a.id.starts_with("ICSMA-"), "{}", a.id);
        for p in &a.products {
            assert!(
                p.versions.qualifier.as_deref() != Some("the advisory's version wording could not be read; check with the manufacturer"),
                "{}: {}",
                a.id,
                p.version_text
            );
        }
    }
    let remediations: usize = advisories
        .iter()
        .flat_map(|a| &a.vulnerabilities)
        .map(|v| v.remediations.len())
        .sum();
    assert!(
        remediations > 1000,
        "vendor remediations must be carried: {remediations}"
    );
}

/// How a clinic's inventory tends to spell the advisory's vendor.
fn clinic_vendor(vendor: &str) -> String {
    match vendor {
        "Becton, Dickinson and Company (BD)" => "BD",
        "Phillips" => "Philips",
        "Philips" => "Philips Healthcare",
        "B. Braun Medical" => "B Braun",
        "B. Braun" => "B. Braun Melsungen AG",
        "General Electric (GE)" => "GE Healthcare",
        "GE Healthcare" => "GE",
        "Hillrom" => "Hill-Rom",
        "Dräger" => "Draeger",
        "Silex Technology and GE Healthcare" => "Silex Technology",
        "Hillrom and ELI, Baxter International Inc." => "Baxter",
        "ENEA, Green Hills Software, ITRON, IP Infusion, and Wind River" => "Wind River",
        "BMC Medical, 3B Medical" => "3B Medical",
        "Innokas YhtymÃ¤ Oy" => "Innokas Yhtymä Oy",
        "Natus Medical, Inc. (Natus)" => "Natus",
        "St. Jude Medical" => "Abbott",
        other => other,
    }
    .to_string()
}

/// How a clinic tends to write the product: with or without the vendor in front, without
/// the parenthesised details, in lower case.
fn clinic_product(product: &str, vendor: &str, style: usize) -> String {
    // A clinic writes "Vivid", not the advisory's "Vivid products, not including EchoPAC".
    let product = ward_exposure::names::split_exclusion(product).0;
    let without_parens = {
        let mut s = String::new();
        let mut depth = 0;
        for c in product.chars() {
            match c {
                '(' => depth += 1,
                ')' if depth > 0 => depth -= 1,
                c if depth == 0 => s.push(c),
                _ => {}
            }
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    match style % 4 {
        0 => product.to_string(),
        1 if !without_parens.is_empty() => without_parens,
        2 => format!("{} {product}", clinic_vendor(vendor)),
        _ => product.to_lowercase().replace('-', " "),
    }
}

fn pick(spec: &VersionSpec, want: Verdict, extra: &[String]) -> Option<String> {
    let mut candidates: Vec<String> = extra.to_vec();
    candidates.extend(
        ["0", "0.1", "1", "A", "1.0", "2.0", "99999", "ZZZ"]
            .iter()
            .map(|s| s.to_string()),
    );
    candidates
        .into_iter()
        .find(|c| Version::parse(c).is_some_and(|v| spec.verdict(Some(&v)) == want))
}

struct Expectation {
    asset: String,
    advisory: String,
    product: String,
    version_text: String,
    cves: BTreeSet<String>,
    affected: bool,
}

#[test]
fn generated_clinic_inventory_finds_every_affected_device_and_no_unaffected_version() {
    let advisories = Advisory::load_dir(&fixture_dir()).expect("advisories load");
    let mut inventory = Inventory::default();
    let mut expectations = Vec::new();
    let mut n = 0usize;
    for adv in &advisories {
        for p in &adv.products {
            let cves: BTreeSet<String> = adv
                .vulnerabilities
                .iter()
                .filter(|v| v.known_affected.contains(&p.product_id))
                .map(|v| v.cve.clone().unwrap_or_else(|| adv.id.clone()))
                .collect();
            if cves.is_empty() {
                continue;
            }
            let bounds: Vec<String> = match &p.versions.spec {
                VersionSpec::Ranges { intervals } => intervals
                    .iter()
                    .flat_map(|i| i.lower.iter().chain(i.upper.iter()))
                    .flat_map(|b| {
                        let t = b.version.to_string();
                        [t.clone(), format!("{t}.1"), format!("{t}.9999")]
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let (product_text, affected_version) = match &p.versions.spec {
                VersionSpec::Models { models } => (
                    format!("{} {}", p.product_name, models[n % models.len()]),
                    Some("1.0".to_string()),
                ),
                spec => (
                    p.product_name.clone(),
                    pick(spec, Verdict::Affected, &bounds).or(Some("1.0".into())),
                ),
            };
            let mut row = |version: Option<String>, affected: bool| {
                n += 1;
                let name = format!("asset-{n}");
                let mut a = Asset::new(
                    &name,
                    &clinic_vendor(&p.vendor),
                    &clinic_product(&product_text, &p.vendor, n),
                    version.as_deref(),
                );
                a.source.line = n + 1;
                inventory.assets.push(a);
                expectations.push(Expectation {
                    asset: name,
                    advisory: adv.id.clone(),
                    product: p.product_name.clone(),
                    version_text: p.version_text.clone(),
                    cves: cves.clone(),
                    affected,
                });
            };
            row(affected_version, true);
            if let VersionSpec::Ranges { .. } = &p.versions.spec {
                if let Some(v) = pick(&p.versions.spec, Verdict::NotAffected, &bounds) {
                    row(Some(v), false);
                }
            }
        }
    }
    let report = assess(
        &inventory,
        &Sources {
            advisories,
            ..Default::default()
        },
        chrono::NaiveDate::MIN,
    );
    let mut missed = Vec::new();
    let mut wrongly = Vec::new();
    let mut unaffected_rows = 0;
    for e in &expectations {
        let finding = report.findings.iter().find(|f| f.asset.name == e.asset);
        let asset = inventory
            .assets
            .iter()
            .find(|a| a.name == e.asset)
            .expect("asset");
        let desc = format!(
            "{} [{} | {} | {:?}] for {} {} ({})",
            e.asset,
            asset.vendor,
            asset.product,
            asset.version,
            e.advisory,
            e.product,
            e.version_text
        );
        if e.affected {
            let ids: BTreeSet<String> = finding
                .map(|f| f.vulnerabilities.iter().map(|v| v.id.clone()).collect())
                .unwrap_or_default();
            if !e.cves.is_subset(&ids) {
                missed.push(desc);
            }
        } else {
            unaffected_rows += 1;
            let flagged = finding.is_some_and(|f| {
                f.vulnerabilities.iter().any(|v| {
                    v.advisory.as_ref().is_some_and(|a| {
                        a.id == e.advisory
                            && a.product == e.product
                            && a.affected_versions == e.version_text
                    })
                })
            });
            if flagged {
                wrongly.push(desc);
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} affected devices missed:\n{}",
        missed.len(),
        missed.join("\n")
    );
    assert!(
        wrongly.is_empty(),
        "{} unaffected versions reported:\n{}",
        wrongly.len(),
        wrongly.join("\n")
    );
    assert!(expectations.len() > 500, "{}", expectations.len());
    assert!(unaffected_rows > 100, "{unaffected_rows}");
}

#[test]
fn windows_portal_with_eternalblue_ranks_active_with_kev() {
    let kev_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kev.json");
    let kev = ward_exposure::KevCatalog::load(&kev_path).expect("kev loads");
    let advisories =
        vec![Advisory::load(&fixture_dir().join("icsma-18-058-02.json")).expect("advisory")];
    let mut asset = Asset::new(
        "Radiology workstation 2",
        "Philips",
        "IntelliSpace Portal 7.0.x",
        Some("7.0.3"),
    );
    asset.kind = Some(ward_exposure::AssetKind::MedicalDevice);
    let inventory = Inventory {
        assets: vec![asset],
        problems: vec![],
    };
    let report = assess(
        &inventory,
        &Sources {
            advisories,
            kev,
            ..Default::default()
        },
        chrono::NaiveDate::MIN,
    );
    let f = &report.findings[0];
    let v = f
        .vulnerabilities
        .iter()
        .find(|v| v.id == "CVE-2017-0144")
        .expect("EternalBlue found");
    assert!(v.signals.kev.is_some());
    assert_eq!(f.tier, ward_exposure::Tier::Immediate);
    assert!(f.why.contains("actively exploiting"), "{}", f.why);
    assert!(
        !f.action.vendor_guidance.is_empty(),
        "vendor remediation carried through"
    );
}

/// Devices written the way a clinic writes them, with what each must and must not be
/// reported for.
#[test]
fn hand_written_clinic_rows() {
    let advisories = Advisory::load_dir(&fixture_dir()).expect("advisories load");
    let rows = [
        // (vendor, product, version, advisory that must be cited, advisory that must not)
        (
            "Welch Allyn",
            "ELI 150c",
            "2.1.0",
            Some("ICSMA-22-167-01"),
            None,
        ),
        (
            "BD",
            "Alaris GS",
            "2.3.6",
            Some("ICSMA-18-235-01"),
            Some("ICSMA-20-317-01"),
        ),
        (
            "Philips",
            "IntelliVue MX450",
            "J.10",
            Some("ICSMA-18-156-01"),
            None,
        ),
        (
            "Phillips Healthcare",
            "IntelliSpace Portal 7.0.x",
            "7.0.1",
            Some("ICSMA-18-058-02"),
            None,
        ),
        (
            "B. Braun Melsungen AG",
            "SpaceCom",
            "U60",
            Some("ICSMA-20-296-02"),
            None,
        ),
        ("B Braun", "SpaceCom", "U62", None, Some("ICSMA-20-296-02")),
        (
            "Medtronic",
            "MiniMed 620G MMT-1710",
            "",
            Some("ICSMA-22-263-01"),
            None,
        ),
        ("Dell", "OptiPlex 7010", "A12", None, None),
    ];
    let assets: Vec<Asset> = rows
        .iter()
        .enumerate()
        .map(|(i, (v, p, ver, _, _))| {
            Asset::new(&format!("row-{i}"), v, p, (!ver.is_empty()).then_some(*ver))
        })
        .collect();
    let inventory = Inventory {
        assets,
        problems: vec![],
    };
    let report = assess(
        &inventory,
        &Sources {
            advisories,
            ..Default::default()
        },
        chrono::NaiveDate::MIN,
    );
    for (i, (v, p, ver, must, must_not)) in rows.iter().enumerate() {
        let cited: BTreeSet<String> = report
            .findings
            .iter()
            .filter(|f| f.asset.name == format!("row-{i}"))
            .flat_map(|f| f.vulnerabilities.iter())
            .filter_map(|v| v.advisory.as_ref().map(|a| a.id.clone()))
            .collect();
        if let Some(id) = must {
            assert!(
                cited.contains(*id),
                "{v} {p} {ver}: {id} missing from {cited:?}"
            );
        }
        if let Some(id) = must_not {
            assert!(!cited.contains(*id), "{v} {p} {ver}: {id} wrongly cited");
        }
        if must.is_none() && must_not.is_none() {
            assert!(cited.is_empty(), "{v} {p}: {cited:?}");
        }
    }
}
