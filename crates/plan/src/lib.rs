//! The weekly action plan: ward's answer to "what do we do this week?". It turns this week's
//! findings (hits of shared intel in the logs, vulnerable assets, block lists ready to load)
//! into at most five top actions and the rest, each with what, why, who, how long and what
//! breaks, mapped to NIST CSF 2.0, the HICP practices and the HHS CPGs; then renders the plan
//! as self-contained HTML, Markdown or JSON.
//!
//! This crate must never parse logs, feeds or advisories, nor touch storage: it takes a
//! [`PlanInput`] and gives back a [`Plan`] and its renderings.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod actions;
mod charts;
pub mod frameworks;
pub mod from_exposure;
pub mod from_scan;
mod html;
pub mod input;
mod markdown;

use serde::{Deserialize, Serialize};

pub use actions::Action;
pub use input::PlanInput;

/// How many actions make "this week".
pub const TOP_ACTIONS: usize = 5;

/// A term that the plan cannot avoid, explained in plain words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub term: String,
    pub meaning: String,
}

/// What changed since last week.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// Actions that were not on last week's plan.
    pub new: Vec<String>,
    /// Actions from last week that are no longer needed (fixed or gone).
    pub resolved: Vec<String>,
}

/// The plan for one week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub organization: String,
    pub date: String,
    /// One paragraph for leadership.
    pub summary: String,
    /// This week's actions, most urgent first (at most [`TOP_ACTIONS`]).
    pub top: Vec<Action>,
    /// Everything else, still ranked.
    pub rest: Vec<Action>,
    /// Actions marked done.
    pub done: Vec<input::DoneMark>,
    pub changes: Changes,
    pub glossary: Vec<Term>,
    /// The numbers behind the charts.
    pub charts: ChartData,
}

/// The numbers the charts draw.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChartData {
    pub hits_by_day: Vec<(String, u64)>,
    /// Vulnerable assets per clinical criticality, most critical first.
    pub exposure_by_criticality: Vec<(String, usize)>,
    pub intel_freshness: Vec<(String, usize)>,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Json,
}

fn glossary() -> Vec<Term> {
    [
        ("Indicator (IOC)", "A sign of an attack that a computer can look for: a bad web address, an attacker's IP address, or the fingerprint (hash) of a harmful file."),
        ("TLP", "Traffic Light Protocol. A color on shared intel that says who may see it. CLEAR: anyone. GREEN: the community. AMBER: only those who need it. RED: only the people named."),
        ("KEV", "CISA's list of Known Exploited Vulnerabilities: flaws that attackers use in real attacks today."),
        ("EPSS", "A score from 0 to 100% for how likely a flaw is to be used by attackers in the next 30 days."),
        ("CSF 2.0", "The NIST Cybersecurity Framework. Each action names the CSF item it helps you meet."),
        ("HICP", "Health Industry Cybersecurity Practices, the ten practices HHS asks health care groups to follow."),
        ("CPG", "The HHS Cybersecurity Performance Goals for health care. Essential goals come first."),
        ("MSP", "Managed service provider: the company that runs your IT for you, if you have one."),
    ]
    .into_iter()
    .map(|(t, m)| Term {
        term: t.to_string(),
        meaning: m.to_string(),
    })
    .collect()
}

fn summary(input: &PlanInput, top: &[Action], done: usize) -> String {
    let machines: std::collections::BTreeSet<&str> = input
        .hits
        .iter()
        .flat_map(|h| h.internal_hosts.iter().map(String::as_str))
        .collect();
    let exploited = input.exposures.iter().filter(|e| e.known_exploited).count();
    let mut text = String::new();
    if machines.is_empty() {
        text.push_str("This week we found no sign that our computers talked to known attackers. ");
    } else {
        text.push_str(&format!(
            "This week {} talked to addresses that attackers use. ",
            if machines.len() == 1 {
                "one of our computers".to_string()
            } else {
                format!("{} of our computers", machines.len())
            }
        ));
    }
    if input.exposures.is_empty() {
        text.push_str("No device in our list has a known flaw. ");
    } else {
        text.push_str(&format!(
            "{} {} known flaws",
            input.exposures.len(),
            if input.exposures.len() == 1 {
                "device has"
            } else {
                "devices have"
            }
        ));
        if exploited > 0 {
            text.push_str(&format!(
                ", and {exploited} of them {} used in real attacks",
                if exploited == 1 { "is" } else { "are" }
            ));
        }
        text.push_str(". ");
    }
    match top.first() {
        Some(first) => text.push_str(&format!(
            "We plan {} this week. The most urgent: {}.",
            if top.len() == 1 {
                "1 task".to_string()
            } else {
                format!("{} tasks", top.len())
            },
            first.title.trim_end_matches('.')
        )),
        None => text.push_str("There is nothing urgent to do this week."),
    }
    if done > 0 {
        text.push_str(&format!(
            " {} from earlier weeks {} done.",
            if done == 1 {
                "1 task".to_string()
            } else {
                format!("{done} tasks")
            },
            if done == 1 { "is" } else { "are" }
        ));
    }
    text
}

fn chart_data(input: &PlanInput) -> ChartData {
    let levels = [
        "life-sustaining",
        "patient-care",
        "clinical-support",
        "business",
    ];
    ChartData {
        hits_by_day: input.hits_by_day.clone(),
        exposure_by_criticality: levels
            .iter()
            .map(|l| {
                (
                    l.to_string(),
                    input
                        .exposures
                        .iter()
                        .filter(|e| e.criticality == *l)
                        .count(),
                )
            })
            .collect(),
        intel_freshness: vec![
            ("under 7 days".to_string(), input.intel.fresh),
            ("7 to 30 days".to_string(), input.intel.aging),
            ("over 30 days".to_string(), input.intel.stale),
        ],
    }
}

/// Builds the week's plan.
pub fn build(input: &PlanInput) -> Plan {
    let done_ids: std::collections::HashSet<&str> =
        input.done.iter().map(|d| d.id.as_str()).collect();
    let previous_ids: std::collections::HashSet<&str> = input
        .previous
        .iter()
        .flat_map(|p| p.action_ids.iter().map(String::as_str))
        .collect();
    let mut open = Vec::new();
    for mut action in actions::actions(input) {
        if done_ids.contains(action.id.as_str()) {
            continue;
        }
        if previous_ids.contains(action.id.as_str()) {
            action.status = "still open".to_string();
        }
        open.push(action);
    }
    let changes = Changes {
        new: open
            .iter()
            .filter(|a| !previous_ids.contains(a.id.as_str()))
            .map(|a| format!("{} {}", a.id, a.title))
            .collect(),
        resolved: input
            .previous
            .iter()
            .flat_map(|p| p.action_ids.iter().zip(p.titles.iter()))
            .filter(|(id, _)| !open.iter().any(|a| &a.id == *id) && !done_ids.contains(id.as_str()))
            .map(|(id, title)| format!("{id} {title}"))
            .collect(),
    };
    let rest = open.split_off(open.len().min(TOP_ACTIONS));
    Plan {
        organization: input.organization.clone(),
        date: input.date.clone(),
        summary: summary(input, &open, input.done.len()),
        top: open,
        rest,
        done: input.done.clone(),
        changes,
        glossary: glossary(),
        charts: chart_data(input),
    }
}

/// Renders a plan.
pub fn render(plan: &Plan, format: Format) -> String {
    match format {
        Format::Html => html::render(plan),
        Format::Markdown => markdown::render(plan),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(plan).unwrap_or_else(|_| "{}".into());
            text.push('\n');
            text
        }
    }
}

/// The plain-language text of the plan's actions (what, why, who, effort, what breaks), for
/// readability checks.
pub fn action_text(plan: &Plan) -> String {
    let mut text = String::new();
    for a in plan.top.iter().chain(&plan.rest) {
        text.push_str(&a.title);
        text.push_str(".\n");
        for step in &a.what {
            text.push_str(step);
            text.push('\n');
        }
        for part in [&a.why, &a.who, &a.what_breaks] {
            text.push_str(part);
            text.push('\n');
        }
    }
    text
}
