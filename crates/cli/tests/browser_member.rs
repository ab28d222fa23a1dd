//! The member's web pages of `ward watch` in a real browser: headless Chromium driven over
//! WebDriver (`ward_testkit::webdriver`) against a real watch with `[web]` and a sign-in
//! password, on a folder holding a week of findings, alerts, devices and two queued shares,
//! and a real hub on loopback to send a share to. Sign in, mark one plan action done and
//! another not applicable with a reason (both shown, and `ward report` says so), upload an
//! inventory and read its preview (the bad row by its line), approve a share (the hub gets
//! it) and discard the other, sign out. On every page: no serious or critical axe-core
//! violation, nothing loaded from outside loopback, and a screenshot at 1280 and 390 px in
//! `target/screenshots/` (or `$WARD_SCREENSHOTS`) named `member-PAGE-WIDTH.png`.
//! Skipped with a message when chromedriver, Chromium or axe-core is missing; failed then
//! under `WARD_REQUIRE_PEERS=1`.

mod common;

use std::fs;
use std::path::Path;

use common::member_web::{
    eve, hub_objects, member, ok, queue_ids, queue_shares, set_password, start, ward, week,
};
use common::watch::{append, wait_secs};
use serde_json::Value;
use ward_testkit::webdriver::{axe_script, review, Browser, Session, Width};
use ward_testkit::Hub;

const PASSWORD: &str = "correct horse battery";

/// The ids of the plan's actions that still have their buttons, in order.
fn open_actions(page: &Session<'_>) -> Vec<String> {
    let ids = page
        .execute(
            "return Array.from(document.querySelectorAll('[data-test=mark-done]')).map(b => b.id.slice(5))",
            &[],
        )
        .unwrap();
    ids.as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Opens `path` and waits until it shows `text`, loading it again meanwhile (what it shows
/// may still be on its way from the follower).
fn open_until(page: &Session<'_>, url: &str, text: &str) {
    wait_secs(&format!("{url} to show {text}"), 30, || {
        page.navigate(url).unwrap();
        page.source().unwrap().contains(text)
    });
}

#[test]
fn a_member_signs_in_marks_the_plan_uploads_and_approves_in_chromium() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let Some(axe_js) = axe_script() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hub_data = dir.path().join("hub");
    let (hub_token, collection) = common::hub_store(&hub_data);
    let hub = Hub::start(Path::new(env!("CARGO_BIN_EXE_ward")), &hub_data, &[], &[]);
    let data = member(dir.path(), "");
    week(dir.path(), &data);
    queue_shares(dir.path(), &data, &hub.base(), &collection);
    assert!(set_password(&data, PASSWORD).status.success());
    let (mut watch, addr) = start(&data);
    let base = format!("http://{addr}");
    let page = browser.session(Width::DESKTOP).unwrap();

    // Every page asks for the password first.
    page.navigate(&format!("{base}/plan")).unwrap();
    page.wait_url_ends_with("/signin").unwrap();
    review(&page, &axe_js, "member-signin");
    page.send_keys(&page.find("#password").unwrap(), "not the password")
        .unwrap();
    page.click(&page.find("[data-test=sign-in]").unwrap())
        .unwrap();
    page.wait_source_contains("not the one set").unwrap();
    page.send_keys(&page.find("#password").unwrap(), PASSWORD)
        .unwrap();
    page.click(&page.find("[data-test=sign-in]").unwrap())
        .unwrap();
    page.wait_url_ends_with("/plan").unwrap();
    page.wait_source_contains("Check the computer at 10.0.0.5")
        .unwrap();
    review(&page, &axe_js, "member-plan");

    // One action done, another not applicable with a reason: both shown, both in the report.
    let ids = open_actions(&page);
    assert!(ids.len() >= 2, "{}", page.source().unwrap());
    page.click(&page.find(&format!("#done-{}", ids[0])).unwrap())
        .unwrap();
    page.wait_source_contains("Marked done").unwrap();
    let reason = "no such device <i>here</i>";
    page.send_keys(&page.find(&format!("#why-{}", ids[1])).unwrap(), reason)
        .unwrap();
    page.click(&page.find(&format!("#na-{}", ids[1])).unwrap())
        .unwrap();
    page.wait_source_contains("Marked not applicable").unwrap();
    let marked: Vec<String> = page
        .find_all("[data-test=marks] li")
        .unwrap()
        .iter()
        .map(|li| page.text(li).unwrap())
        .collect();
    assert!(
        marked
            .iter()
            .any(|m| m.starts_with(&format!("{} ", ids[0])) && m.contains("done (")),
        "{marked:?}"
    );
    assert!(
        marked.iter().any(|m| m.starts_with(&format!("{} ", ids[1]))
            && m.contains("not applicable (")
            && m.ends_with(reason)),
        "{marked:?}"
    );
    assert!(!open_actions(&page).contains(&ids[0]));
    review(&page, &axe_js, "member-plan-marked");
    let report = ok(ward(&data, &["report", "--format", "md"]));
    assert!(
        report
            .lines()
            .any(|l| l.starts_with(&format!("- {} ", ids[0])) && l.contains("(done ")),
        "{report}"
    );
    assert!(
        report.contains(&format!("- {} ", ids[1])) && report.contains(reason),
        "{report}"
    );
    page.click(&page.find("[data-test=history] a").unwrap())
        .unwrap();
    page.wait_source_contains("The plan of 2026-11-20").unwrap();
    review(&page, &axe_js, "member-plan-history");

    // An alert from the followed log, on the alerts page.
    append(&data.join("logs/eve.json"), &eve("10.0.0.9"));
    open_until(&page, &format!("{base}/alerts"), "10.0.0.9");
    assert!(page.source().unwrap().contains("Known C2 host"));
    review(&page, &axe_js, "member-alerts");
    page.send_keys(&page.find("#machine").unwrap(), "nowhere")
        .unwrap();
    page.click(&page.find("[data-test=filter]").unwrap())
        .unwrap();
    page.wait_source_contains("data-test=\"no-alerts\"")
        .unwrap();

    // The devices, then an inventory uploaded through the form: its preview names the bad
    // row by its line, and only the confirm button saves it.
    page.navigate(&format!("{base}/devices")).unwrap();
    page.wait_source_contains("Radiology portal").unwrap();
    review(&page, &axe_js, "member-devices");
    let csv = "name,vendor,product,version,criticality,asset_tag\n\
Front desk PC,Dell,OptiPlex 7010,A12,business,T-1\n\
,,,,,T-2\n\
Pump 3,BD,Alaris 8015,12.1.2,life-sustaining,T-3\n";
    let file = dir.path().join("assets.csv");
    fs::write(&file, csv).unwrap();
    page.send_keys(&page.find("#inventory").unwrap(), file.to_str().unwrap())
        .unwrap();
    page.click(&page.find("[data-test=upload]").unwrap())
        .unwrap();
    page.wait_source_contains("device(s) read from").unwrap();
    let summary = page
        .text(&page.find("[data-test=summary]").unwrap())
        .unwrap();
    assert!(summary.starts_with("2 device(s) read"), "{summary}");
    let problems = page
        .text(&page.find("[data-test=problems]").unwrap())
        .unwrap();
    assert!(problems.starts_with("line 3: "), "{problems}");
    assert!(!data.join("inventory").exists(), "nothing saved yet");
    review(&page, &axe_js, "member-inventory-preview");
    page.click(&page.find("[data-test=confirm-inventory]").unwrap())
        .unwrap();
    page.wait_url_ends_with("/devices").unwrap();
    page.wait_source_contains("Saved the inventory").unwrap();
    assert_eq!(
        fs::read_to_string(data.join("inventory/inventory.csv")).unwrap(),
        csv
    );

    // The share queue: each share's exact preview; one approved (the hub gets it, scrubbed),
    // the other discarded (nothing sent).
    page.navigate(&format!("{base}/sharing")).unwrap();
    assert_eq!(page.find_all("[data-test=queued-share]").unwrap().len(), 2);
    review(&page, &axe_js, "member-sharing");
    assert!(hub_objects(&hub_data, &collection).is_empty());
    page.send_keys(&page.find("#token-1").unwrap(), &hub_token)
        .unwrap();
    page.click(&page.find("#approve-1").unwrap()).unwrap();
    page.wait_source_contains("Sent 1").unwrap();
    assert_eq!(queue_ids(&data), [2]);
    let stored = hub_objects(&hub_data, &collection);
    assert!(!stored.is_empty(), "the share reached the hub");
    assert!(!stored.iter().any(|o| o.to_string().contains("John Smith")));
    page.click(&page.find("#discard-2").unwrap()).unwrap();
    page.wait_source_contains("Discarded 2").unwrap();
    assert!(queue_ids(&data).is_empty());
    assert_eq!(hub_objects(&hub_data, &collection).len(), stored.len());
    review(&page, &axe_js, "member-sharing-empty");

    page.navigate(&format!("{base}/coverage")).unwrap();
    page.wait_source_contains("What was not checked").unwrap();
    review(&page, &axe_js, "member-coverage");

    // Signed out, the pages ask for the password again.
    page.click(&page.find("[data-test=sign-out]").unwrap())
        .unwrap();
    page.wait_url_ends_with("/signin").unwrap();
    page.navigate(&format!("{base}/alerts")).unwrap();
    page.wait_url_ends_with("/signin").unwrap();
    assert!(watch.terminate().success());
}
