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
pub mod coverage;
pub mod frameworks;
pub mod from_exposure;
pub mod from_scan;
mod html;
pub mod input;
mod markdown;
mod vendors;

use serde::{Deserialize, Serialize};

pub use actions::{thousands, Action};
pub use input::PlanInput;

/// What the risk number on each action means, said once on the plan.
pub const RISK_MEANING: &str = "Risk runs from 0 to 100. It weighs harm to patients first, \
then proof that attackers use this, then how likely it is. Higher means sooner.";

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
    /// What was checked and what was not (the gaps filled in), so nobody reads an all-clear
    /// into what ward did not read.
    #[serde(default)]
    pub coverage: input::Coverage,
}

impl Plan {
    /// Nothing was checked: `ward report` exits 1.
    pub fn nothing_checked(&self) -> bool {
        self.coverage.nothing_checked()
    }
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

// Long because: one paragraph for leadership, a sentence per kind of finding, each worded for
// what was and was not checked.
fn summary(input: &PlanInput, c: &input::Coverage, top: &[Action], done: usize) -> String {
    let machines: std::collections::BTreeSet<&str> = input
        .hits
        .iter()
        .flat_map(|h| h.internal_hosts.iter().map(String::as_str))
        .collect();
    let exploited = input.exposures.iter().filter(|e| e.known_exploited).count();
    let flawed = input
        .exposures
        .iter()
        .filter(|e| !e.vulnerabilities.is_empty())
        .count();
    let unsupported_only = input.exposures.len() - flawed;
    let mut text = String::new();
    if c.nothing_checked() {
        text.push_str(
            "ward checked nothing this week: no logs were scanned and no device list was \
             matched to known flaws. This plan cannot say that we are safe. ",
        );
    } else if machines.is_empty() && !c.logs_checked() {
        text.push_str(
            "We scanned no logs this week, so we cannot say if our computers talked to known \
             attackers. ",
        );
    } else if machines.is_empty() {
        text.push_str(&format!(
            "In the {} we scanned, we found no sign that our computers talked to known attackers. ",
            actions::plural(c.logs.len() as u64, "log file", "log files")
        ));
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
    if input.exposures.is_empty() && c.nothing_checked() {
        // Said above.
    } else if input.exposures.is_empty() && !c.devices_checked() {
        text.push_str("We did not check our devices for known flaws. ");
    } else if flawed == 0 {
        text.push_str("No device in our list has a known flaw that we know of. ");
    } else {
        text.push_str(&format!(
            "{} {} known flaws",
            flawed,
            if flawed == 1 {
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
    if unsupported_only > 0 {
        text.push_str(&format!(
            "{} past {} end of support and will get no more fixes. ",
            if unsupported_only == 1 {
                "1 more device is".to_string()
            } else {
                format!("{unsupported_only} more devices are")
            },
            if unsupported_only == 1 {
                "its"
            } else {
                "their"
            }
        ));
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
        None if c.gaps.is_empty() => text.push_str("There is nothing urgent to do this week."),
        None => text.push_str("Nothing urgent was found in what we checked."),
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
    let mut coverage = input.coverage.clone();
    coverage.gaps = coverage::gaps(&coverage, &input.date);
    let mut all = actions::actions(input);
    let inputs = coverage::inputs_action(&coverage);
    // With nothing checked, getting the inputs stays first even if it was marked done.
    let inputs_pinned = coverage.nothing_checked();
    if let Some(action) = inputs {
        all.push(action);
        all.sort_by(|a, b| b.risk.cmp(&a.risk).then_with(|| a.id.cmp(&b.id)));
    }
    let mut open = Vec::new();
    for mut action in all {
        let pinned = inputs_pinned && action.id == actions::action_id("inputs", "coverage");
        if done_ids.contains(action.id.as_str()) && !pinned {
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
        summary: summary(input, &coverage, &open, input.done.len()),
        top: open,
        rest,
        done: input.done.clone(),
        changes,
        glossary: glossary(),
        charts: chart_data(input),
        coverage,
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

/// An effort in hours, as (least, most), read from its text: `30 minutes`, `1 hour`, `1 to 3
/// hours, with a restart`. None when the text does not start with a time.
fn effort_hours(effort: &str) -> Option<(f64, f64)> {
    let words: Vec<&str> = effort
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    let first: f64 = words.first()?.parse().ok()?;
    let (last, unit) = match words.get(1) {
        Some(&"to") => (words.get(2)?.parse().ok()?, *words.get(3)?),
        Some(unit) => (first, *unit),
        None => return None,
    };
    let scale = if unit.starts_with("minute") {
        1.0 / 60.0
    } else if unit.starts_with("hour") {
        1.0
    } else {
        return None;
    };
    Some((first * scale, last * scale))
}

/// "This week's tasks take about 3 to 6 hours in all." for the top actions.
pub fn week_effort(top: &[Action]) -> String {
    let (mut low, mut high) = (0.0, 0.0);
    for a in top {
        if let Some((l, h)) = effort_hours(&a.effort) {
            low += l;
            high += h;
        }
    }
    let round = |h: f64| (h * 2.0).round() / 2.0;
    let show = |h: f64| {
        if h.fract() == 0.0 {
            format!("{h:.0}")
        } else {
            format!("{h:.1}")
        }
    };
    let (low, high) = (round(low), round(high));
    let tasks = if top.len() == 1 {
        "This week's task takes".to_string()
    } else {
        format!("This week's {} tasks take", top.len())
    };
    if high <= 0.0 {
        format!("{tasks} less than an hour.")
    } else if (high - low).abs() < f64::EPSILON {
        format!(
            "{tasks} about {} {} in all.",
            show(high),
            if high == 1.0 { "hour" } else { "hours" }
        )
    } else {
        format!(
            "{tasks} about {} to {} hours in all.",
            show(low),
            show(high)
        )
    }
}
