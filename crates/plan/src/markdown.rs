//! The plan as Markdown, for e-mail or a ticket.

use std::fmt::Write;

use crate::{Action, Plan};

fn action(out: &mut String, n: usize, a: &Action) {
    let _ = writeln!(
        out,
        "### {n}. {} `{}` (risk {} of 100)\n",
        a.title, a.id, a.risk
    );
    let _ = writeln!(out, "**What to do:**\n");
    for step in &a.what {
        let _ = writeln!(out, "- {step}");
    }
    let _ = writeln!(out, "\n**Why:** {}\n", a.why);
    let _ = writeln!(out, "**Who:** {}\n", a.who);
    let _ = writeln!(out, "**How long:** {}\n", a.effort);
    let _ = writeln!(out, "**If done wrong:** {}\n", a.what_breaks);
    let csf: Vec<String> = a
        .csf
        .iter()
        .map(|c| format!("{} ({})", c.id, c.text))
        .collect();
    let hicp: Vec<String> = a
        .hicp
        .iter()
        .map(|h| format!("practice {} {}", h.number, h.name))
        .collect();
    let _ = write!(
        out,
        "**Standards:** NIST CSF 2.0 {}; HICP {}",
        csf.join(", "),
        hicp.join(", ")
    );
    if let Some(cpg) = &a.cpg {
        let _ = write!(out, "; HHS CPG \"{}\" ({})", cpg.goal, cpg.level);
    }
    let _ = writeln!(out, "\n");
    if let Some(ticket) = &a.ticket {
        let _ = writeln!(out, "Ready-to-send ticket:\n\n```text\n{ticket}\n```\n");
    }
    let _ = writeln!(out, "Mark it done with `ward report done {}`.\n", a.id);
}

/// What the plan rests on: the gaps first, then what was read.
fn coverage(out: &mut String, plan: &Plan) {
    let c = &plan.coverage;
    let _ = writeln!(out, "## What ward checked ({} to {})\n", c.since, c.until);
    if !c.gaps.is_empty() {
        let _ = writeln!(out, "**Not checked or out of date:**\n");
        for g in &c.gaps {
            let _ = writeln!(out, "- {g}");
        }
        let _ = writeln!(out);
    }
    for (label, items) in crate::coverage::lines(c, &plan.date) {
        let _ = writeln!(
            out,
            "**{label}:**{}",
            if items.is_empty() { " none" } else { "" }
        );
        for item in &items {
            let _ = writeln!(out, "- {item}");
        }
        let _ = writeln!(out);
    }
}

pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Weekly security plan for {}\n", plan.organization);
    let _ = writeln!(out, "Made by ward on {}.\n", plan.date);
    let _ = writeln!(out, "## Summary for leadership\n\n{}\n", plan.summary);
    coverage(&mut out, plan);
    let _ = writeln!(out, "## This week\n");
    if plan.top.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            if plan.coverage.gaps.is_empty() {
                "Nothing urgent this week."
            } else {
                "Nothing urgent in what ward checked."
            }
        );
    } else {
        let _ = writeln!(
            out,
            "{} {}\n",
            crate::week_effort(&plan.top),
            crate::RISK_MEANING
        );
    }
    for (i, a) in plan.top.iter().enumerate() {
        action(&mut out, i + 1, a);
    }
    if !plan.rest.is_empty() {
        let _ = writeln!(out, "## When you have time\n");
        for (i, a) in plan.rest.iter().enumerate() {
            action(&mut out, plan.top.len() + i + 1, a);
        }
    }
    let _ = writeln!(out, "## What changed since last week\n");
    if plan.changes.new.is_empty() && plan.changes.resolved.is_empty() {
        let _ = writeln!(out, "No change.\n");
    }
    for n in &plan.changes.new {
        let _ = writeln!(out, "- New: {n}");
    }
    for r in &plan.changes.resolved {
        let _ = writeln!(out, "- No longer needed: {r}");
    }
    if !plan.done.is_empty() {
        let _ = writeln!(out, "\n## Done\n");
        for d in &plan.done {
            match &d.not_applicable {
                Some(why) => {
                    let _ = writeln!(
                        out,
                        "- {} {} (not applicable, {}: {why})",
                        d.id, d.title, d.date
                    );
                }
                None => {
                    let _ = writeln!(out, "- {} {} (done {})", d.id, d.title, d.date);
                }
            }
        }
    }
    let _ = writeln!(out, "\n## Words used in this plan\n");
    for t in &plan.glossary {
        let _ = writeln!(out, "- **{}**: {}", t.term, t.meaning);
    }
    out
}
