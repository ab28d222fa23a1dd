//! The member pages' markup, built with maud (every value escaped) in the shared page shell.
//! Forms carry the visitor's CSRF token; ids and `data-test` names are stable, for browser
//! tests to drive.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use maud::{html, Markup};
use serde_json::Value;
use ward_member::share_queue::{Origin, QueuedShare};
use ward_member::watch::alerts::{AlertPage, Seen};
use ward_member::watch::schedule::SourceStatus;
use ward_plan::input::DoneMark;
use ward_plan::Plan;

use super::Visitor;

/// The one inline style sheet (the content security policy allows it by its hash).
pub const STYLE: &str = "\
body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.45}\
header{background:#123d5c;color:#fff;padding:.5rem 1rem}\
header a{color:#fff;margin-right:1rem}header a[aria-current]{font-weight:bold;text-decoration:underline}\
header form{display:inline}main{padding:1rem;max-width:72rem}\
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem;overflow-x:auto}\
.note{background:#e7f3e7;border-left:4px solid #2e7d32;padding:.5rem}\
.warn{background:#fdecea;border-left:4px solid #b3261e;padding:.5rem}\
.action{border:1px solid #ccc;padding:.5rem 1rem;margin:.5rem 0}\
button{padding:.35rem .8rem;font-size:1rem}input,textarea{font-size:1rem;padding:.25rem}\
label{display:block;margin:.25rem 0}.scroll{overflow-x:auto}h1,h2,h3,p,li{overflow-wrap:anywhere}\
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus,[tabindex]:focus\
{outline:3px solid #1a5fb4;outline-offset:2px}header a:focus,header button:focus{outline-color:#fff}\
@media (max-width:40rem){table{font-size:.85rem}header a{display:inline-block;margin:.2rem .6rem .2rem 0}}";

/// Alerts per page.
pub const ALERTS_PER_PAGE: usize = 50;
/// Earlier plans whose action count the plan page shows (the older ones are listed by day).
pub const PAST_PLANS_COUNTED: usize = 12;
/// Devices per page.
const DEVICES_PER_PAGE: usize = 100;
/// Rows of an uploaded inventory shown in its preview.
const PREVIEW_ROWS: usize = 50;

const NAV: &[(&str, &str)] = &[
    ("/plan", "Plan"),
    ("/alerts", "Alerts"),
    ("/devices", "Devices"),
    ("/sharing", "Sharing"),
    ("/coverage", "Coverage"),
];

/// A whole page with the navigation.
fn shell(title: &str, active: &str, v: &Visitor, body: Markup) -> String {
    let body = html! {
        header {
            nav aria-label="ward" {
                @for (href, label) in NAV {
                    @if *href == active {
                        a href=(href) aria-current="page" { (label) }
                    } @else {
                        a href=(href) { (label) }
                    }
                }
                @if v.signed_in {
                    form method="post" action="/signout" {
                        input type="hidden" name="csrf" value=(v.csrf);
                        button type="submit" data-test="sign-out" { "Sign out" }
                    }
                    " "
                    form method="post" action="/signout/everywhere" {
                        input type="hidden" name="csrf" value=(v.csrf);
                        button type="submit" data-test="sign-out-everywhere" { "Sign out everywhere" }
                    }
                }
            }
        }
        main {
            h1 { (title) }
            @if let Some(flash) = &v.flash {
                p.note role="status" data-test="flash" { (flash) }
            }
            (body)
        }
    };
    ward_html::page(
        ward_html::Head {
            title: html! { (title) " · ward" },
            style: STYLE,
            csp: None,
        },
        body,
    )
}

/// A page with a message only (errors, refusals).
pub fn message(title: &str, text: &str) -> String {
    message_back(title, text, "/plan")
}

/// [`message`] whose "Back" link leads to `back` (the page the form was on).
pub fn message_back(title: &str, text: &str, back: &str) -> String {
    ward_html::page(
        ward_html::Head {
            title: html! { (title) " · ward" },
            style: STYLE,
            csp: None,
        },
        html! { main { h1 { (title) } p.warn role="alert" { (text) } p { a href=(back) { "Back" } } } },
    )
}

fn csrf(v: &Visitor) -> Markup {
    html! { input type="hidden" name="csrf" value=(v.csrf); }
}

// ---- plan ----

pub fn plan(
    v: &Visitor,
    latest: Option<&(String, Plan)>,
    marks: &[DoneMark],
    past: &[(String, Option<usize>)],
) -> String {
    let body = html! {
        @match latest {
            None => p { "No plan yet: run " code { "ward report" } " (or set [plan] in watch.toml) and it shows here." },
            Some((day, plan)) => {
                p { "The plan of " (day) " for " (plan.organization) "." }
                p { (plan.summary) }
                @let open: Vec<_> = plan.top.iter().chain(&plan.rest).collect();
                h2 { "Actions" }
                @for a in &open {
                    @let mark = marks.iter().find(|m| m.id == a.id);
                    section.action id=(format!("action-{}", a.id)) data-test="action" {
                        h3 { (a.id) " " (a.title) }
                        p { (a.why) }
                        @if !a.what.is_empty() {
                            ol { @for step in &a.what { li { (step) } } }
                        }
                        p { "Who: " (a.who) " · how long: " (a.effort) " · what breaks: " (a.what_breaks) }
                        @match mark {
                            Some(m) => {
                                @match &m.not_applicable {
                                    Some(why) => p.note data-test="marked" { "Not applicable (" (m.date) "): " (why) },
                                    None => p.note data-test="marked" { "Done (" (m.date) ")" },
                                }
                            }
                            None => {
                                form method="post" action="/plan/done" {
                                    (csrf(v))
                                    input type="hidden" name="id" value=(a.id);
                                    button type="submit" id=(format!("done-{}", a.id)) data-test="mark-done" { "Mark done" }
                                }
                                form method="post" action="/plan/not-applicable" {
                                    (csrf(v))
                                    input type="hidden" name="id" value=(a.id);
                                    label for=(format!("why-{}", a.id)) { "Not applicable here, because:" }
                                    input type="text" name="reason" required maxlength="500" id=(format!("why-{}", a.id)) data-test="reason";
                                    " "
                                    button type="submit" id=(format!("na-{}", a.id)) data-test="mark-not-applicable" { "Not applicable" }
                                }
                            }
                        }
                    }
                }
                @if !marks.is_empty() {
                    h2 { "Marked" }
                    ul data-test="marks" {
                        @for m in marks {
                            @match &m.not_applicable {
                                Some(why) => li { (m.id) " " (m.title) " — not applicable (" (m.date) "): " (why) },
                                None => li { (m.id) " " (m.title) " — done (" (m.date) ")" },
                            }
                        }
                    }
                }
            }
        }
        h2 { "Past weeks" }
        @if past.is_empty() {
            p { "No earlier plan kept." }
        } @else {
            ul data-test="history" {
                @for (day, count) in past {
                    li {
                        a href=(format!("/plan/history?day={day}")) { (day) }
                        @if let Some(n) = count { " — " (n) " action(s)" }
                    }
                }
            }
        }
    };
    shell("This week's plan", "/plan", v, body)
}

pub fn past_plan(v: &Visitor, (day, plan): &(String, Plan)) -> String {
    let body = html! {
        p { (plan.summary) }
        ol {
            @for a in plan.top.iter().chain(&plan.rest) {
                li { (a.id) " " (a.title) }
            }
        }
        @if !plan.done.is_empty() {
            h2 { "Marked then" }
            ul { @for d in &plan.done { li { (d.id) " " (d.title) } } }
        }
        p { a href="/plan" { "This week's plan" } }
    };
    shell(&format!("The plan of {day}"), "/plan", v, body)
}

// ---- alerts ----

/// The alerts page's filter, from its query.
pub struct AlertFilter {
    pub machine: String,
    pub text: String,
    pub before: Option<String>,
}

/// True when an alert matches the filter (both already lower case; empty matches all).
pub fn alert_matches(alert: &Value, machine: &str, text: &str) -> bool {
    let field = |k: &str| {
        alert
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_lowercase()
    };
    (machine.is_empty() || field("machine").contains(machine))
        && (text.is_empty()
            || ["value", "indicator_name", "indicator_id", "sentence"]
                .iter()
                .any(|k| field(k).contains(text)))
}

/// A JSON value as a person reads it.
fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| shown(Some(i)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// Seconds since the epoch as a UTC time.
fn when(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

pub fn alerts(
    v: &Visitor,
    filter: &AlertFilter,
    found: &AlertPage,
    sightings: &BTreeMap<String, Value>,
    seen: &HashMap<(String, String), Option<Seen>>,
) -> String {
    let body = html! {
        form method="get" action="/alerts" role="search" {
            label for="machine" { "Machine" }
            input type="text" id="machine" name="machine" value=(filter.machine) data-test="filter-machine";
            label for="q" { "Indicator (value or name)" }
            input type="text" id="q" name="q" value=(filter.text) data-test="filter-text";
            " "
            button type="submit" data-test="filter" { "Filter" }
        }
        @if found.alerts.is_empty() {
            p data-test="no-alerts" { "No alert " @if filter.before.is_some() { "further back " } "matches." }
        } @else {
            div.scroll tabindex="0" role="region" aria-label="Alerts" { table data-test="alerts" {
                thead { tr {
                    th scope="col" { "Alerted" } th scope="col" { "Machine" } th scope="col" { "First and last seen" } th scope="col" { "What matched" }
                    th scope="col" { "Indicator" } th scope="col" { "Source" } th scope="col" { "TLP" }
                    th scope="col" { "Hub sightings" } th scope="col" { "Where" }
                } }
                tbody {
                    @for (_, a) in &found.alerts {
                        @let id = shown(a.get("indicator_id"));
                        @let hub = sightings.get(&id).and_then(|s| s.get("organizations")).and_then(Value::as_u64);
                        tr data-test="alert" {
                            td { (shown(a.get("time"))) @if let Some(t) = a.get("timestamp").and_then(Value::as_str) { br; small { "event " (t) } } }
                            td { (shown(a.get("machine"))) }
                            @let pair = (id.clone(), shown(a.get("machine")));
                            td data-test="seen" {
                                @match seen.get(&pair).cloned().flatten() {
                                    Some(s) => { (when(s.first)) br; (when(s.last)) br; small { (s.alerts) " alert(s)" } },
                                    None => "",
                                }
                            }
                            td { (shown(a.get("field"))) " " code { (shown(a.get("value"))) } }
                            td { (shown(a.get("indicator_name"))) br; small { (id) } }
                            td { (shown(a.get("sources"))) }
                            td { (shown(a.get("tlp"))) }
                            td { @match hub { Some(n) => { (n) " member(s)" }, None => "not asked" } }
                            td { (shown(a.get("file"))) ":" (shown(a.get("line"))) }
                        }
                    }
                }
            } }
        }
        @if let Some(next) = &found.next {
            @let href = format!(
                "/alerts?{}",
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("machine", &filter.machine)
                    .append_pair("q", &filter.text)
                    .append_pair("before", next)
                    .finish()
            );
            p { a href=(href) rel="next" data-test="older" { "Older alerts" } }
        }
        @if filter.before.is_some() {
            p { a href="/alerts" data-test="newest" { "Newest alerts" } }
        }
    };
    shell("Alerts", "/alerts", v, body)
}

// ---- devices ----

pub fn devices(
    v: &Visitor,
    report: Option<&ward_exposure::ExposureReport>,
    from: usize,
    saved: Option<&str>,
) -> String {
    let body = html! {
        @match report {
            None => p { "No exposure ranking yet: run " code { "ward exposure --inventory FILE" } "." },
            Some(r) => {
                p { (r.assets_checked) " device(s) checked on " (r.assessed_on) "; " (r.findings.len()) " with something to do." }
                div.scroll tabindex="0" role="region" aria-label="Devices" { table data-test="devices" {
                    thead { tr {
                        th scope="col" { "#" } th scope="col" { "Device" } th scope="col" { "Tier" }
                        th scope="col" { "Why" } th scope="col" { "Advisories and flaws" }
                    } }
                    tbody {
                        @for f in r.findings.iter().skip(from).take(DEVICES_PER_PAGE) {
                            tr data-test="device" {
                                td { (f.rank) }
                                td { (f.asset.name) br; small { (f.asset.vendor) " " (f.asset.product) " " (f.asset.version.as_deref().unwrap_or("version unknown")) } }
                                td { (f.tier.label()) }
                                td { (f.why) }
                                td { ul { @for vuln in &f.vulnerabilities {
                                    li {
                                        (vuln.id)
                                        @if let Some(a) = &vuln.advisory { " — " (a.id) ": " (a.title) }
                                        @if vuln.signals.kev.is_some() { " (known exploited)" }
                                    }
                                } } }
                            }
                        }
                    }
                } }
                @if from + DEVICES_PER_PAGE < r.findings.len() {
                    p { a href=(format!("/devices?from={}", from + DEVICES_PER_PAGE)) rel="next" { "More devices" } }
                }
                @if !r.problems.is_empty() {
                    h2 { "Rows not read" }
                    ul { @for p in &r.problems { li { (p) } } }
                }
            }
        }
        h2 { "Upload a new inventory" }
        @if let Some(name) = saved { p { "Saved from this page: " code { (name) } } }
        form method="post" action="/devices/upload" enctype="multipart/form-data" {
            (csrf(v))
            label for="inventory" { "Inventory (CSV, .xlsx, .ods or CycloneDX JSON)" }
            input type="file" id="inventory" name="inventory" required data-test="inventory-file";
            " "
            button type="submit" data-test="upload" { "Preview" }
        }
    };
    shell("Devices", "/devices", v, body)
}

pub fn inventory_preview(
    v: &Visitor,
    upload: &str,
    name: &str,
    inv: &ward_exposure::Inventory,
) -> String {
    let assets = &inv.assets;
    let mut recognised = vec!["name", "vendor", "product"];
    let has = |f: &dyn Fn(&ward_exposure::Asset) -> bool| assets.iter().any(f);
    for (column, present) in [
        ("version", has(&|a| a.version.is_some())),
        ("model", has(&|a| a.model.is_some())),
        ("kind", has(&|a| a.kind.is_some())),
        ("location", has(&|a| a.location.is_some())),
        ("criticality", has(&|a| a.criticality.is_some())),
        ("internet_exposed", has(&|a| a.internet_exposed.is_some())),
        ("segmented", has(&|a| a.segmented.is_some())),
        ("end_of_support", has(&|a| a.end_of_support.is_some())),
        ("owner", has(&|a| a.owner.is_some())),
        ("cpe", has(&|a| !a.cpes.is_empty())),
    ] {
        if present {
            recognised.push(column);
        }
    }
    let mut other: Vec<&str> = assets
        .iter()
        .flat_map(|a| a.extra.keys().map(String::as_str))
        .collect();
    other.sort_unstable();
    other.dedup();
    let body = html! {
        p data-test="summary" { (assets.len()) " device(s) read from " code { (name) } "; " (inv.problems.len()) " row(s) with problems." }
        p { "Columns recognised: " span data-test="columns" { (recognised.join(", ")) } }
        @if !other.is_empty() { p { "Other columns (kept, not used): " (other.join(", ")) } }
        @if !inv.problems.is_empty() {
            h2 { "Problems" }
            ul data-test="problems" {
                @for p in &inv.problems {
                    li { "line " (p.line) ": " (p.message) }
                }
            }
        }
        h2 { "What was read" }
        div.scroll tabindex="0" role="region" aria-label="Preview" { table data-test="preview" {
            thead { tr {
                th scope="col" { "Line" } th scope="col" { "Name" } th scope="col" { "Vendor" } th scope="col" { "Product" }
                th scope="col" { "Version" } th scope="col" { "Criticality" }
            } }
            tbody {
                @for a in assets.iter().take(PREVIEW_ROWS) {
                    tr {
                        td { (a.source.line) } td { (a.name) } td { (a.vendor) } td { (a.product) }
                        td { (a.version.as_deref().unwrap_or("")) }
                        td { (a.criticality.map(|c| c.label()).unwrap_or("")) }
                    }
                }
            }
        } }
        @if assets.len() > PREVIEW_ROWS { p { "… and " (assets.len() - PREVIEW_ROWS) " more." } }
        form method="post" action="/devices/confirm" {
            (csrf(v))
            input type="hidden" name="upload" value=(upload);
            button type="submit" data-test="confirm-inventory" { "Save this inventory" }
        }
        p { a href="/devices" { "Cancel" } }
    };
    shell("Inventory preview", "/devices", v, body)
}

// ---- sharing ----

pub fn sharing(v: &Visitor, items: &[QueuedShare], token_from_config: bool) -> String {
    let body = html! {
        @if items.is_empty() {
            p data-test="queue-empty" { "Nothing waits for approval." }
        }
        @for item in items {
            section.action id=(format!("share-{}", item.id)) data-test="queued-share" {
                h2 { "#" (item.id) " " (item.what) @if item.origin == Origin::Auto { " (auto)" } }
                p { "Queued " (item.queued) "; " (item.objects) " STIX object(s) for collection " (item.collection) " at " (item.to) "." }
                p { "Exactly what would leave (the preview " code { "ward share --dry-run" } " prints):" }
                pre data-test="preview" { (item.preview) }
                form method="post" action="/sharing/approve" {
                    (csrf(v))
                    input type="hidden" name="id" value=(item.id);
                    @if !token_from_config {
                        label for=(format!("token-{}", item.id)) { "Hub token (used for this send only, never kept)" }
                        input type="password" name="token" autocomplete="off" id=(format!("token-{}", item.id)) data-test="token";
                    }
                    " "
                    button type="submit" id=(format!("approve-{}", item.id)) data-test="approve" { "Approve and send" }
                }
                form method="post" action="/sharing/discard" {
                    (csrf(v))
                    input type="hidden" name="id" value=(item.id);
                    button type="submit" id=(format!("discard-{}", item.id)) data-test="discard" { "Discard" }
                }
            }
        }
    };
    shell("Sharing", "/sharing", v, body)
}

// ---- coverage ----

/// What the follower knows now.
pub struct Facts {
    pub files: u64,
    pub not_followed: u64,
    pub lines: u64,
    pub alerts: u64,
    pub indicators: u64,
    pub last_intel_load: String,
    pub log_patterns: Vec<String>,
}

pub fn coverage(
    v: &Visitor,
    facts: &Facts,
    sources: &[(String, Duration, SourceStatus)],
    followed: &[(String, u64, u64)],
    latest: Option<&(String, Plan)>,
) -> String {
    let body = html! {
        h2 { "Sources" }
        @if sources.is_empty() {
            p { "No scheduled source ([[pull]], [update], [[feed]], [plan] in watch.toml)." }
        } @else {
            div.scroll tabindex="0" role="region" aria-label="Sources" { table data-test="sources" {
                thead { tr { th scope="col" { "Source" } th scope="col" { "Every" } th scope="col" { "Last success" } th scope="col" { "State" } } }
                tbody {
                    @for (key, every, st) in sources {
                        tr {
                            td { (key) }
                            td { (every.as_secs()) " s" }
                            td { (st.last_success.as_deref().unwrap_or("never")) }
                            td {
                                @match (&st.last_error, &st.last_success) {
                                    (Some(e), _) => span.warn { "failing (" (st.failures) " in a row): " (e) },
                                    (None, Some(_)) => { "ok: " (st.summary.as_deref().unwrap_or("done")) },
                                    (None, None) => "not run yet",
                                }
                            }
                        }
                    }
                }
            } }
        }
        h2 { "Logs" }
        p data-test="follow-facts" {
            (facts.files) " file(s) followed, " (facts.lines) " line(s) read, " (facts.alerts) " alert(s) since watch started; "
            (facts.indicators) " indicator(s) loaded (" (facts.last_intel_load) ")."
        }
        @if facts.not_followed > 0 {
            p.warn data-test="not-followed" { (facts.not_followed) " file(s) match the logs paths but are not followed (max_files): their lines are not checked." }
        }
        @if !facts.log_patterns.is_empty() {
            p { "Paths in watch.toml: " (facts.log_patterns.join(", ")) }
        }
        @if !followed.is_empty() {
            div.scroll tabindex="0" role="region" aria-label="Files" { table data-test="files" {
                thead { tr { th scope="col" { "File" } th scope="col" { "Lines read" } th scope="col" { "Bytes not read yet" } } }
                tbody { @for (file, lines, lag) in followed { tr { td { (file) } td { (lines) } td { (lag) } } } }
            } }
        }
        h2 { "What was not checked" }
        @match latest {
            None => p { "No plan yet, so no coverage was worked out: run " code { "ward report" } "." },
            Some((day, plan)) => {
                @if plan.coverage.gaps.is_empty() {
                    p { "The plan of " (day) " names no gap." }
                } @else {
                    p { "As of the plan of " (day) ":" }
                    ul data-test="gaps" { @for g in &plan.coverage.gaps { li { (g) } } }
                }
            }
        }
    };
    shell("Coverage and health", "/coverage", v, body)
}

// ---- sign-in ----

pub fn sign_in(v: &Visitor, said: Option<&str>) -> String {
    let body = html! {
        @if let Some(s) = said { p.warn role="alert" { (s) } }
        form method="post" action="/signin" {
            (csrf(v))
            label for="password" { "Password" }
            input type="password" id="password" name="password" autocomplete="current-password" required data-test="password";
            " "
            button type="submit" data-test="sign-in" { "Sign in" }
        }
    };
    ward_html::page(
        ward_html::Head {
            title: html! { "Sign in · ward" },
            style: STYLE,
            csp: None,
        },
        html! { main { h1 { "Sign in" } (body) } },
    )
}
