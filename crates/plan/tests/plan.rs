//! The weekly plan for a fixed scenario: snapshots of the Markdown and JSON, the rules every
//! action follows, ranking, week-to-week changes, and readability measured with `textstat`.

use std::path::Path;
use std::process::Command;

use ward_plan::input::{
    Blocklist, Coverage, DoneMark, ExposedAsset, Fix, Hit, IntelCoverage, IntelSource,
    IntelSummary, InventoryCoverage, LogCoverage, PlanInput, PreviousPlan, VulnDataCoverage,
};
use ward_plan::{build, frameworks, render, Format, TOP_ACTIONS};

fn asset(name: &str, kind: &str, criticality: &str) -> ExposedAsset {
    ExposedAsset {
        asset: name.to_string(),
        kind: kind.to_string(),
        criticality: criticality.to_string(),
        location: None,
        internet_exposed: false,
        end_of_support: false,
        vendor: "Example".to_string(),
        product: "Thing".to_string(),
        version: "1.0".to_string(),
        vulnerabilities: vec!["CVE-2024-0001".to_string()],
        known_exploited: false,
        ransomware: false,
        epss: None,
        rank: 50,
        fix: Fix::Patch { to_version: None },
        vendor_advice: None,
        advisories: vec![],
        owner: None,
        segmented: false,
        tier: String::new(),
    }
}

fn scenario() -> PlanInput {
    let mut pump = asset("Infusion pump IP-07", "medical-device", "life-sustaining");
    pump.vendor = "Example Medical".into();
    pump.product = "InfuseCare".into();
    pump.version = "2.3.1".into();
    pump.location = Some("ICU bay 3".into());
    pump.vulnerabilities = vec!["CVE-2023-11111".into(), "CVE-2023-11112".into()];
    pump.known_exploited = true;
    pump.internet_exposed = true;
    pump.end_of_support = true;
    pump.rank = 92;
    pump.fix = Fix::Isolate;
    pump.advisories = vec!["ICSMA-23-001-01".into()];

    let mut vpn = asset("VPN gateway", "network", "business");
    vpn.vendor = "Example Networks".into();
    vpn.product = "SecureGate".into();
    vpn.version = "9.1.2".into();
    vpn.vulnerabilities = vec!["CVE-2024-22222".into()];
    vpn.known_exploited = true;
    vpn.ransomware = true;
    vpn.internet_exposed = true;
    vpn.rank = 88;
    vpn.fix = Fix::Patch {
        to_version: Some("9.1.5".into()),
    };
    vpn.vendor_advice = Some("Upgrade to 9.1.5 or later.".into());

    let mut laptop = asset("Front desk laptop", "workstation", "business");
    laptop.vulnerabilities = vec!["CVE-2024-33333".into()];
    laptop.rank = 60;
    laptop.epss = Some(0.02);

    let mut pacs = asset("PACS viewer", "server", "clinical-support");
    pacs.fix = Fix::Workaround {
        text: "Turn off the remote web viewer.".into(),
    };
    pacs.advisories = vec!["ICSMA-22-002-01".into()];
    pacs.rank = 55;

    PlanInput {
        organization: "Riverside Family Clinic".to_string(),
        date: "2026-11-28".to_string(),
        hits: vec![Hit {
            indicator_id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f".into(),
            indicator_name: "ExampleLocker command server".into(),
            value: "203.0.113.66".into(),
            value_kind: "ip".into(),
            internal_hosts: vec!["10.1.4.22".into()],
            outside_hosts: Vec::new(),
            count: 14,
            first_seen: "2026-11-24T08:12:00Z".into(),
            last_seen: "2026-11-27T17:40:00Z".into(),
            threat: Some("ExampleLocker ransomware".into()),
            hub_organizations: 4,
            score: 85,
        }],
        exposures: vec![laptop, pump, vpn, pacs],
        blocklists: vec![
            Blocklist {
                kind: "ip".into(),
                entries: 12,
                path: "ward-data/exports/block-ip.txt".into(),
            },
            Blocklist {
                kind: "domain".into(),
                entries: 30,
                path: "ward-data/exports/block-domain.txt".into(),
            },
        ],
        intel: IntelSummary {
            indicators: 420,
            fresh: 120,
            aging: 200,
            stale: 100,
        },
        hits_by_day: vec![
            ("2026-11-24".into(), 3),
            ("2026-11-25".into(), 5),
            ("2026-11-26".into(), 0),
            ("2026-11-27".into(), 6),
        ],
        previous: Some(PreviousPlan {
            date: "2026-11-21".into(),
            action_ids: vec![ward_plan::actions::action_id("patch", "Old router")],
            titles: vec!["Update Old router".into()],
        }),
        done: vec![DoneMark {
            id: ward_plan::actions::action_id("patch", "Front desk laptop"),
            date: "2026-11-26".into(),
            title: "Update Front desk laptop".into(),
            not_applicable: None,
        }],
        coverage: checked_week(),
        vendors: Vec::new(),
    }
}

/// A week where everything was checked and is current.
fn checked_week() -> Coverage {
    let vuln = |name: &str, records, dated: &str| VulnDataCoverage {
        name: name.into(),
        version: None,
        records,
        dated: Some(dated.into()),
        age_days: None,
    };
    Coverage {
        since: "2026-11-21".into(),
        until: "2026-11-28".into(),
        logs: vec![LogCoverage {
            file: "firewall.log".into(),
            format: "syslog".into(),
            lines: 52_000,
            unreadable: 0,
            first_event: Some("2026-11-21T00:00:04Z".into()),
            last_event: Some("2026-11-27T23:59:58Z".into()),
            scanned_on: "2026-11-28".into(),
        }],
        inventory: Some(InventoryCoverage {
            file: "assets.csv".into(),
            checked_on: "2026-11-27".into(),
            assets: 48,
            without_version: 0,
        }),
        intel: IntelCoverage {
            sources: vec![IntelSource {
                name: "collection healthcare at https://hub.example/taxii2/".into(),
                objects: 420,
                on: "2026-11-27".into(),
            }],
            indicators: 420,
            newest: Some("2026-11-27".into()),
            oldest: Some("2026-09-01".into()),
        },
        vulnerability_data: vec![
            vuln("KEV catalog", 1402, "2026-11-26"),
            vuln("CISA advisories", 144, "2026-11-25"),
            vuln("NVD records", 1530, "2026-11-27"),
            vuln("EPSS scores", 250_000, "2026-11-27"),
        ],
        gaps: vec![],
    }
}

#[test]
fn a_week_with_nothing_checked_gives_no_all_clear() {
    let input = PlanInput {
        organization: "New Clinic".into(),
        date: "2026-11-28".into(),
        coverage: Coverage {
            since: "2026-11-21".into(),
            until: "2026-11-28".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let plan = build(&input);
    assert!(plan.nothing_checked());
    let first = plan.top.first().expect("an action");
    assert_eq!(
        first.id,
        ward_plan::actions::action_id("inputs", "coverage")
    );
    assert!(
        first.title.starts_with("Get ward the inputs it needs"),
        "{}",
        first.title
    );
    assert!(first.what.iter().any(|s| s.contains("ward scan")));
    assert!(first.what.iter().any(|s| s.contains("ward exposure")));
    assert!(first.what.iter().any(|s| s.contains("ward update")));
    for text in [
        plan.summary.clone(),
        render(&plan, Format::Markdown),
        render(&plan, Format::Html),
    ] {
        for all_clear in [
            "nothing urgent to do",
            "No device in our list has a known flaw",
            "no sign that our computers",
            "No hits in this period",
        ] {
            assert!(
                !text.contains(all_clear),
                "all-clear {all_clear:?} in:\n{text}"
            );
        }
    }
    assert!(
        plan.summary.contains("cannot say that we are safe"),
        "{}",
        plan.summary
    );
    // Marking it done does not hide it while nothing is checked.
    let mut again = input.clone();
    again.done.push(DoneMark {
        id: first.id.clone(),
        date: "2026-11-28".into(),
        title: first.title.clone(),
        not_applicable: None,
    });
    assert_eq!(
        build(&again).top.first().map(|a| a.id.clone()),
        Some(first.id.clone())
    );
    // The JSON carries the coverage and its gaps at the top level.
    let json: serde_json::Value = serde_json::from_str(&render(&plan, Format::Json)).unwrap();
    let gaps = json["coverage"]["gaps"].as_array().unwrap();
    assert!(gaps
        .iter()
        .any(|g| g.as_str().unwrap().contains("No logs were scanned")));
    assert!(gaps
        .iter()
        .any(|g| g.as_str().unwrap().contains("No device list")));
}

#[test]
fn an_address_outside_our_networks_is_never_a_computer_to_check() {
    let mut input = scenario();
    input.hits[0].internal_hosts = Vec::new();
    input.hits[0].outside_hosts = vec!["198.51.100.7".into()];
    let plan = build(&input);
    let all: Vec<_> = plan.top.iter().chain(&plan.rest).collect();
    assert!(
        all.iter().all(|a| !a.title.contains("Check the computer")),
        "{:?}",
        all.iter().map(|a| &a.title).collect::<Vec<_>>()
    );
    let block = all
        .iter()
        .find(|a| a.id == ward_plan::actions::action_id("blocklists", "all"))
        .expect("block-list action");
    assert!(
        block.why.contains("198.51.100.7, outside your network"),
        "{}",
        block.why
    );
    assert!(block.why.contains("ward init --network"), "{}", block.why);
}

#[test]
fn logs_without_devices_say_devices_were_not_checked() {
    let mut input = scenario();
    input.exposures.clear();
    input.coverage.inventory = None;
    input.coverage.vulnerability_data.clear();
    let plan = build(&input);
    assert!(!plan.nothing_checked());
    assert!(
        plan.summary.contains("We did not check our devices"),
        "{}",
        plan.summary
    );
    assert!(
        !plan.summary.contains("No device in our list"),
        "{}",
        plan.summary
    );
    let gaps = plan.coverage.gaps.join("\n");
    assert!(gaps.contains("No device list was checked"), "{gaps}");
    assert!(gaps.contains("ward update"), "{gaps}");
    // The inputs action is there, below the findings.
    let inputs = ward_plan::actions::action_id("inputs", "coverage");
    let all: Vec<_> = plan.top.iter().chain(&plan.rest).collect();
    let pos = all
        .iter()
        .position(|a| a.id == inputs)
        .expect("inputs action");
    assert!(pos > 0);
}

#[test]
fn stale_inputs_are_said_plainly() {
    let mut input = scenario();
    input.coverage.logs[0].last_event = Some("2026-10-02T10:00:00Z".into());
    input.coverage.logs[0].unreadable = 100;
    input.coverage.vulnerability_data[0].dated = Some("2026-11-01".into());
    input.coverage.intel.newest = Some("2026-10-30".into());
    input.coverage.inventory.as_mut().unwrap().without_version = 3;
    let plan = build(&input);
    let gaps = plan.coverage.gaps.join("\n");
    assert!(
        gaps.contains("firewall.log: its newest line is from 2026-10-02"),
        "{gaps}"
    );
    assert!(
        gaps.contains("100 of 52,000 lines could not be read"),
        "{gaps}"
    );
    assert!(gaps.contains("The KEV catalog is 27 days old"), "{gaps}");
    assert!(
        gaps.contains("newest shared intel is from 2026-10-30"),
        "{gaps}"
    );
    assert!(
        gaps.contains("3 devices in the list have no version"),
        "{gaps}"
    );
    let md = render(&plan, Format::Markdown);
    assert!(
        md.contains("## What ward checked (2026-11-21 to 2026-11-28)"),
        "{md}"
    );
    assert!(
        md.contains("KEV catalog: 1,402 records, dated 2026-11-01 (27 days old)"),
        "{md}"
    );
}

#[test]
fn html_shows_code_not_backticks_and_explains_risk() {
    let plan = build(&scenario());
    let html = render(&plan, Format::Html);
    assert!(!html.contains('`'), "a backtick reached the page");
    assert!(html.contains("<code>ward report done "), "no code span");
    assert!(html.contains("Risk runs from 0 to 100"));
    assert!(html.contains("in all."), "the week's total effort");
    // Charts shrink to the screen: no fixed width wider than a phone without max-width.
    assert!(html.contains("max-width:100%"));
}

#[test]
fn markdown_snapshot() {
    let plan = build(&scenario());
    insta::assert_snapshot!("plan_markdown", render(&plan, Format::Markdown));
}

#[test]
fn json_snapshot() {
    let plan = build(&scenario());
    insta::assert_snapshot!("plan_json", render(&plan, Format::Json));
}

#[test]
fn every_action_is_complete_and_mapped_to_real_csf_ids() {
    let plan = build(&scenario());
    assert!(plan.top.len() <= TOP_ACTIONS);
    assert!(!plan.top.is_empty());
    let subcategories = frameworks::csf_subcategory_ids();
    for a in plan.top.iter().chain(&plan.rest) {
        assert!(!a.title.is_empty() && !a.what.is_empty(), "{a:?}");
        assert!(a.what.iter().all(|s| !s.trim().is_empty()));
        for field in [&a.why, &a.who, &a.effort, &a.what_breaks] {
            assert!(!field.trim().is_empty(), "empty field in {}", a.id);
        }
        assert!(!a.csf.is_empty(), "{} has no CSF mapping", a.id);
        for c in &a.csf {
            assert!(
                subcategories.contains(&c.id.as_str()),
                "{} is not a CSF 2.0 subcategory",
                c.id
            );
        }
        assert!(!a.hicp.is_empty());
    }
    // The JSON plan carries the same ids, checked against NIST's CSV as shipped.
    let json: serde_json::Value = serde_json::from_str(&render(&plan, Format::Json)).unwrap();
    let csv =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/csf2-core.csv"))
            .unwrap();
    for a in json["top"].as_array().unwrap() {
        for c in a["csf"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            assert!(csv
                .lines()
                .any(|l| l.starts_with(&format!("subcategory,{id},"))));
        }
    }
}

#[test]
fn a_life_sustaining_exploited_device_outranks_a_business_laptop() {
    let mut input = scenario();
    input.done.clear();
    let plan = build(&input);
    let all: Vec<_> = plan.top.iter().chain(&plan.rest).collect();
    let pump = all
        .iter()
        .position(|a| a.title.contains("Infusion pump"))
        .unwrap();
    let laptop = all
        .iter()
        .position(|a| a.title.contains("Front desk laptop"))
        .unwrap();
    assert!(pump < laptop);
    // The machine that talked to a ransomware server is in this week's top actions.
    assert!(plan.top.iter().any(|a| a.title.contains("10.1.4.22")));
}

#[test]
fn done_actions_leave_the_plan_and_changes_are_reported() {
    let plan = build(&scenario());
    assert!(!plan
        .top
        .iter()
        .chain(&plan.rest)
        .any(|a| a.title.contains("Front desk laptop") && a.title.starts_with("Update")));
    assert_eq!(plan.done.len(), 1);
    assert!(plan
        .changes
        .resolved
        .iter()
        .any(|r| r.contains("Old router")));
    assert!(!plan.changes.new.is_empty());
    assert!(plan.summary.contains("1 task from earlier weeks is done"));
}

#[test]
fn html_is_self_contained() {
    let html = render(&build(&scenario()), Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for forbidden in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(forbidden), "HTML contains {forbidden}");
    }
    assert!(html.matches("<svg").count() == 3);
    assert!(html.contains("Infusion pump IP-07"));
}

#[test]
fn hostile_text_in_the_plan_is_escaped() {
    const HOSTILE: &str = "<script>alert(\"x\")</script> & 'y'";
    let mut plan = build(&scenario());
    plan.organization = HOSTILE.into();
    plan.summary = HOSTILE.into();
    let a = &mut plan.top[0];
    a.id = HOSTILE.into();
    a.title = HOSTILE.into();
    a.what = vec![HOSTILE.into()];
    a.ticket = Some(HOSTILE.into());
    assert!(!a.csf.is_empty());
    a.csf[0].text = HOSTILE.into();
    plan.glossary[0].term = HOSTILE.into();
    plan.charts.hits_by_day = vec![(HOSTILE.into(), 3)];
    plan.charts.intel_freshness[0].0 = HOSTILE.into();
    let html = render(&plan, Format::Html);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("\"x\""), "{html}");
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'";
    // Organization (title, h1), summary, action id (attribute, line, command), title, step,
    // ticket, CSF text (attribute), glossary term, the two chart labels.
    assert_eq!(html.matches(escaped).count(), 13, "{html}");
    assert!(
        html.contains(&format!("<title>{escaped}: 3</title>")),
        "{html}"
    );
}

#[test]
fn action_text_reads_at_grade_9_or_below() {
    let Some(python) = ward_testkit::python_with("textstat") else {
        return;
    };
    let plan = build(&scenario());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("actions.txt");
    std::fs::write(&path, ward_plan::action_text(&plan)).unwrap();
    let out = Command::new(python)
        .args([
            "-c",
            "import sys, textstat; print(textstat.flesch_kincaid_grade(open(sys.argv[1]).read()))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let grade: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    eprintln!("Flesch-Kincaid grade of the plan's action text: {grade}");
    assert!(grade <= 9.0, "grade {grade} is above 9");
}

#[test]
fn tiers_decide_the_order_and_medical_devices_go_through_their_owner() {
    let mut urgent = asset("Old VPN", "network", "business");
    urgent.tier = "immediate".into();
    urgent.rank = 76;
    let mut week = asset("Lab analyzer", "medical-device", "life-sustaining");
    week.tier = "out-of-cycle".into();
    week.rank = 74;
    week.known_exploited = true;
    week.internet_exposed = true;
    week.owner = Some("Biomed".into());
    week.fix = Fix::Patch {
        to_version: Some("4.2".into()),
    };
    let mut pump = asset("Pump 12", "medical-device", "life-sustaining");
    pump.tier = "scheduled".into();
    pump.segmented = true;
    pump.fix = Fix::Isolate;
    let input = PlanInput {
        organization: "Clinic".into(),
        date: "2026-11-28".into(),
        exposures: vec![week, urgent, pump],
        coverage: checked_week(),
        ..Default::default()
    };
    let plan = build(&input);
    let all: Vec<_> = plan.top.iter().chain(&plan.rest).collect();
    let pos = |words: &str| all.iter().position(|a| a.title.contains(words)).unwrap();
    assert!(
        pos("Old VPN") < pos("Lab analyzer"),
        "immediate before out-of-cycle"
    );
    let lab = all[pos("Lab analyzer")];
    assert!(lab.who.starts_with("Biomed"), "{}", lab.who);
    assert!(lab.who.contains("approved process"), "{}", lab.who);
    assert!(
        !lab.what_breaks.contains("out of clinic hours"),
        "{}",
        lab.what_breaks
    );
    let pump = all[pos("Pump 12")];
    assert!(
        pump.what
            .iter()
            .all(|s| !s.contains("Move Pump 12 to its own network")),
        "{:?}",
        pump.what
    );
    assert!(
        pump.what[0].contains("already on its own network"),
        "{:?}",
        pump.what
    );
}

#[test]
fn an_asset_listed_for_its_end_of_support_alone_gets_a_replacement_not_a_fix() {
    let mut server = asset("File server", "server", "business");
    server.vendor = "Microsoft".into();
    server.product = "Windows Server 2012 R2".into();
    server.vulnerabilities.clear();
    server.end_of_support = true;
    server.internet_exposed = true;
    server.tier = "out-of-cycle".into();
    let input = PlanInput {
        organization: "Clinic".into(),
        date: "2026-11-28".into(),
        exposures: vec![server],
        coverage: checked_week(),
        ..Default::default()
    };
    let plan = build(&input);
    let all: Vec<_> = plan.top.iter().chain(&plan.rest).collect();
    assert!(all.iter().all(|a| !a.why.contains("known flaws ()")));
    let replace = all
        .iter()
        .find(|a| a.title.contains("Plan to replace File server"))
        .expect("a replacement action");
    assert!(
        replace.risk >= 60,
        "out-of-cycle band, got {}",
        replace.risk
    );
}
