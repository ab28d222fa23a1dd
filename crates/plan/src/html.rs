//! The plan as one self-contained HTML page: inline CSS and SVG, no scripts, no outside
//! requests, and a print style so it reads well on paper. Built with maud, which escapes
//! every value spliced into the page.

use maud::{html, Markup};
use ward_html::{page, Head};

use crate::{charts, Action, Plan};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;\
margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}\
h1{font-size:1.7rem;margin-bottom:.2rem}.muted{color:#555}\
.summary{background:#f3f6fa;border-left:4px solid #2b5c99;padding:.8rem 1rem}\
.action{border:1px solid #ccd;border-radius:6px;padding:.8rem 1rem;margin:1rem 0;break-inside:avoid}\
.action h3{margin:.1rem 0 .5rem}.id{font-family:monospace;color:#555;font-size:.85rem}\
.risk{float:right;font-weight:bold;padding:.1rem .5rem;border-radius:4px;background:#fbe3e3;color:#8a1c1c}\
.label{font-weight:bold}.standards{font-size:.85rem;color:#333}\
pre{white-space:pre-wrap;background:#f7f7f7;padding:.6rem;border-radius:4px}\
.charts svg{display:block;margin:1rem 0;max-width:100%;height:auto}dt{font-weight:bold}\
.gaps{background:#fff6e0;border-left:4px solid #b7791f;padding:.5rem 1rem}\
code{background:#f2f2f2;padding:0 .2rem;border-radius:3px}\
@media (max-width:480px){body{margin:1rem auto}.risk{float:none;display:inline-block}}\
@media print{body{margin:0;max-width:none}.action{border-color:#999}a{color:inherit}}";

/// The page's content security policy: nothing loads from anywhere, inline styles and data
/// images only.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Text with `code` spans written the Markdown way: the spans become `<code>`, the
/// backticks are not shown.
fn inline(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

fn action(n: usize, a: &Action) -> Markup {
    html! {
        section.action id=(a.id) {
            span.risk title=(crate::RISK_MEANING) { "risk " (a.risk) " of 100" }
            h3 { (n) ". " (a.title) }
            div.id { (a.id) " · " (a.status) }
            p.label { "What to do" }
            ol {
                @for step in &a.what {
                    li { (inline(step)) }
                }
            }
            p { span.label { "Why:" } " " (inline(&a.why)) }
            p { span.label { "Who:" } " " (inline(&a.who)) }
            p { span.label { "How long:" } " " (a.effort) }
            p { span.label { "If done wrong:" } " " (inline(&a.what_breaks)) }
            @if let Some(ticket) = &a.ticket {
                details {
                    summary { "Ready-to-send ticket" }
                    pre { (ticket) }
                }
            }
            p.standards {
                "NIST CSF 2.0: "
                @for (i, c) in a.csf.iter().enumerate() {
                    @if i > 0 { ", " }
                    abbr title=(c.text) { (c.id) }
                }
                " · HICP practice "
                @for (i, h) in a.hicp.iter().enumerate() {
                    @if i > 0 { ", " }
                    (h.number) " " (h.name)
                }
                @if let Some(cpg) = &a.cpg {
                    " · HHS CPG: " (cpg.goal) " (" (cpg.level) ")"
                }
            }
            p.muted { "Done? Run " code { "ward report done " (a.id) } "." }
        }
    }
}

/// What the plan rests on: the gaps first, then what was read.
fn coverage(plan: &Plan) -> Markup {
    let c = &plan.coverage;
    html! {
        h2 { "What ward checked (" (c.since) " to " (c.until) ")" }
        @if !c.gaps.is_empty() {
            div.gaps {
                p.label { "Not checked or out of date" }
                ul {
                    @for g in &c.gaps {
                        li { (inline(g)) }
                    }
                }
            }
        }
        @for (label, items) in crate::coverage::lines(c, &plan.date) {
            p { span.label { (label) ":" } @if items.is_empty() { " none" } }
            @if !items.is_empty() {
                ul {
                    @for item in &items {
                        li { (item) }
                    }
                }
            }
        }
    }
}

pub fn render(plan: &Plan) -> String {
    let head = Head {
        title: html! { "Weekly security plan: " (plan.organization) },
        style: STYLE,
        csp: Some(CSP),
    };
    let body = html! {
        h1 { "Weekly security plan for " (plan.organization) }
        p.muted { "Made by ward on " (plan.date) "." }
        h2 { "Summary for leadership" }
        p.summary { (inline(&plan.summary)) }
        (coverage(plan))
        h2 { "This week" }
        @if plan.top.is_empty() {
            p { (if plan.coverage.gaps.is_empty() { "Nothing urgent this week." } else { "Nothing urgent in what ward checked." }) }
        } @else {
            p.muted { (crate::week_effort(&plan.top)) " " (crate::RISK_MEANING) }
        }
        @for (i, a) in plan.top.iter().enumerate() {
            (action(i + 1, a))
        }
        @if !plan.rest.is_empty() {
            h2 { "When you have time" }
            @for (i, a) in plan.rest.iter().enumerate() {
                (action(plan.top.len() + i + 1, a))
            }
        }
        h2 { "What changed since last week" }
        ul {
            @if plan.changes.new.is_empty() && plan.changes.resolved.is_empty() {
                li { "No change." }
            }
            @for n in &plan.changes.new {
                li { "New: " (n) }
            }
            @for r in &plan.changes.resolved {
                li { "No longer needed: " (r) }
            }
        }
        @if !plan.done.is_empty() {
            h2 { "Done" }
            ul {
                @for d in &plan.done {
                    @if let Some(why) = &d.not_applicable {
                        li { (d.id) " " (d.title) " (not applicable, " (d.date) ": " (why) ")" }
                    } @else {
                        li { (d.id) " " (d.title) " (done " (d.date) ")" }
                    }
                }
            }
        }
        h2 { "The numbers" }
        div.charts {
            (charts::columns(
                "Hits of shared intel in your logs, per day",
                &plan.charts.hits_by_day,
                "#b5432f",
                if plan.coverage.logs_checked() { "No hits in this period." } else { "No logs were scanned in this period." },
            ))
            (charts::bars(
                "Devices with known flaws, by how critical they are",
                &plan.charts.exposure_by_criticality,
                "#2b5c99",
            ))
            (charts::bars(
                "Age of your intel",
                &plan.charts.intel_freshness,
                "#3c8d5a",
            ))
        }
        h2 { "Words used in this plan" }
        dl {
            @for t in &plan.glossary {
                dt { (t.term) }
                dd { (t.meaning) }
            }
        }
    };
    page(head, body)
}
