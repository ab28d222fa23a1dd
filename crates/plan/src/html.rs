//! The plan as one self-contained HTML page: inline CSS and SVG, no scripts, no outside
//! requests, and a print style so it reads well on paper.

use std::fmt::Write;

use crate::{charts, Action, Plan};

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;\
margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}\
h1{font-size:1.7rem;margin-bottom:.2rem}.muted{color:#555}\
.summary{background:#f3f6fa;border-left:4px solid #2b5c99;padding:.8rem 1rem}\
.action{border:1px solid #ccd;border-radius:6px;padding:.8rem 1rem;margin:1rem 0;break-inside:avoid}\
.action h3{margin:.1rem 0 .5rem}.id{font-family:monospace;color:#555;font-size:.85rem}\
.risk{float:right;font-weight:bold;padding:.1rem .5rem;border-radius:4px;background:#fbe3e3;color:#8a1c1c}\
.label{font-weight:bold}.standards{font-size:.85rem;color:#333}\
pre{white-space:pre-wrap;background:#f7f7f7;padding:.6rem;border-radius:4px}\
.charts svg{display:block;margin:1rem 0}dt{font-weight:bold}\
@media print{body{margin:0;max-width:none}.action{border-color:#999}a{color:inherit}}";

fn action(out: &mut String, n: usize, a: &Action) {
    let _ = write!(
        out,
        "<section class=\"action\" id=\"{id}\"><span class=\"risk\">risk {risk}</span>\
         <h3>{n}. {title}</h3><div class=\"id\">{id} · {status}</div>\
         <p class=\"label\">What to do</p><ol>",
        id = esc(&a.id),
        risk = a.risk,
        title = esc(&a.title),
        status = esc(&a.status)
    );
    for step in &a.what {
        let _ = write!(out, "<li>{}</li>", esc(step));
    }
    let _ = write!(
        out,
        "</ol><p><span class=\"label\">Why:</span> {}</p>\
         <p><span class=\"label\">Who:</span> {}</p>\
         <p><span class=\"label\">How long:</span> {}</p>\
         <p><span class=\"label\">If done wrong:</span> {}</p>",
        esc(&a.why),
        esc(&a.who),
        esc(&a.effort),
        esc(&a.what_breaks)
    );
    if let Some(ticket) = &a.ticket {
        let _ = write!(
            out,
            "<details><summary>Ready-to-send ticket</summary><pre>{}</pre></details>",
            esc(ticket)
        );
    }
    let csf: Vec<String> = a
        .csf
        .iter()
        .map(|c| format!("<abbr title=\"{}\">{}</abbr>", esc(&c.text), esc(&c.id)))
        .collect();
    let hicp: Vec<String> = a
        .hicp
        .iter()
        .map(|h| format!("{} {}", h.number, esc(&h.name)))
        .collect();
    let _ = write!(
        out,
        "<p class=\"standards\">NIST CSF 2.0: {} · HICP practice {}",
        csf.join(", "),
        hicp.join(", ")
    );
    if let Some(cpg) = &a.cpg {
        let _ = write!(out, " · HHS CPG: {} ({})", esc(&cpg.goal), esc(&cpg.level));
    }
    let _ = write!(
        out,
        "</p><p class=\"muted\">Done? Run <code>ward report done {}</code>.</p></section>",
        esc(&a.id)
    );
}

pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\
         <title>Weekly security plan: {org}</title><style>{STYLE}</style></head><body>\
         <h1>Weekly security plan for {org}</h1><p class=\"muted\">Made by ward on {date}.</p>\
         <h2>Summary for leadership</h2><p class=\"summary\">{summary}</p>\
         <h2>This week</h2>",
        org = esc(&plan.organization),
        date = esc(&plan.date),
        summary = esc(&plan.summary)
    );
    if plan.top.is_empty() {
        out.push_str("<p>Nothing urgent this week.</p>");
    }
    for (i, a) in plan.top.iter().enumerate() {
        action(&mut out, i + 1, a);
    }
    if !plan.rest.is_empty() {
        out.push_str("<h2>When you have time</h2>");
        for (i, a) in plan.rest.iter().enumerate() {
            action(&mut out, plan.top.len() + i + 1, a);
        }
    }
    out.push_str("<h2>What changed since last week</h2><ul>");
    if plan.changes.new.is_empty() && plan.changes.resolved.is_empty() {
        out.push_str("<li>No change.</li>");
    }
    for n in &plan.changes.new {
        let _ = write!(out, "<li>New: {}</li>", esc(n));
    }
    for r in &plan.changes.resolved {
        let _ = write!(out, "<li>No longer needed: {}</li>", esc(r));
    }
    out.push_str("</ul>");
    if !plan.done.is_empty() {
        out.push_str("<h2>Done</h2><ul>");
        for d in &plan.done {
            let _ = write!(
                out,
                "<li>{} {} (done {})</li>",
                esc(&d.id),
                esc(&d.title),
                esc(&d.date)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>The numbers</h2><div class=\"charts\">");
    out.push_str(&charts::columns(
        "Hits of shared intel in your logs, per day",
        &plan.charts.hits_by_day,
        "#b5432f",
    ));
    out.push_str(&charts::bars(
        "Devices with known flaws, by how critical they are",
        &plan.charts.exposure_by_criticality,
        "#2b5c99",
    ));
    out.push_str(&charts::bars(
        "Age of your intel",
        &plan.charts.intel_freshness,
        "#3c8d5a",
    ));
    out.push_str("</div><h2>Words used in this plan</h2><dl>");
    for t in &plan.glossary {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(&t.term), esc(&t.meaning));
    }
    out.push_str("</dl></body></html>\n");
    out
}
