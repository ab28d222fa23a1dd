//! What the plan rests on, said plainly: the gaps in what was checked, and the action that
//! closes them. A plan with nothing checked starts with "get ward the inputs it needs" and never
//! says that all is well.

use crate::actions::{action_id, cpg, csf_refs, date_part as day, plural, Action};
use crate::frameworks::{self, Cpg};
use crate::input::Coverage;

/// Vulnerability data older than this many days is called out of date.
pub const STALE_VULN_DAYS: i64 = 7;
/// Intel whose newest indicator is older than this many days is called out of date.
pub const STALE_INTEL_DAYS: i64 = 7;

/// The four sources of vulnerability data, by the name the coverage gives them.
pub const VULN_SOURCES: [&str; 4] = [
    "KEV catalog",
    "CISA advisories",
    "NVD records",
    "EPSS scores",
];

fn days_between(from: &str, to: &str) -> Option<i64> {
    let a = chrono::NaiveDate::parse_from_str(day(from), "%Y-%m-%d").ok()?;
    let b = chrono::NaiveDate::parse_from_str(day(to), "%Y-%m-%d").ok()?;
    Some((b - a).num_days())
}

/// Plain sentences for what was not checked in the window, or is out of date on `date`.
// Long because: one short rule per kind of input (logs, devices, vulnerability data, intel).
pub fn gaps(c: &Coverage, date: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Logs.
    if c.logs.is_empty() {
        out.push(format!(
            "No logs were scanned from {} to {}, so we cannot tell if a computer talked to an \
             attacker. Run `ward scan` on your firewall, DNS or proxy logs.",
            c.since, c.until
        ));
    }
    for log in &c.logs {
        if log.lines > 0 && log.unreadable >= log.lines {
            out.push(format!(
                "{}: none of its {} could be read as {}. It was not checked.",
                log.file,
                plural(log.lines, "line", "lines"),
                log.format
            ));
        } else if log.unreadable > 0 {
            out.push(format!(
                "{}: {} of {} could not be read and were skipped.",
                log.file,
                crate::actions::thousands(log.unreadable),
                plural(log.lines, "line", "lines")
            ));
        } else if log.lines == 0 {
            out.push(format!("{}: the file was empty.", log.file));
        }
        if let Some(last) = &log.last_event {
            if day(last) < c.since.as_str() {
                out.push(format!(
                    "{}: its newest line is from {}, before this plan's window. Scan newer logs.",
                    log.file,
                    day(last)
                ));
            }
        }
    }
    // Devices.
    match &c.inventory {
        None => out.push(
            "No device list was checked for known flaws. Run `ward exposure --inventory \
             assets.csv`."
                .to_string(),
        ),
        Some(inv) => {
            if inv.assets == 0 {
                out.push(format!("{}: no device could be read from it.", inv.file));
            }
            if inv.checked_on.as_str() < c.since.as_str() {
                out.push(format!(
                    "The device list was last checked on {}. Run `ward exposure` again.",
                    inv.checked_on
                ));
            }
            if inv.without_version > 0 {
                out.push(format!(
                    "{} in the list {} no version, so we can only say {} possibly affected.",
                    plural(inv.without_version, "device", "devices"),
                    if inv.without_version == 1 {
                        "has"
                    } else {
                        "have"
                    },
                    if inv.without_version == 1 {
                        "it is"
                    } else {
                        "they are"
                    }
                ));
            }
        }
    }
    // Vulnerability data.
    let present: Vec<&str> = c
        .vulnerability_data
        .iter()
        .filter(|v| v.records > 0)
        .map(|v| v.name.as_str())
        .collect();
    if present.is_empty() {
        out.push(
            "No vulnerability data (KEV catalog, CISA advisories, NVD records) was used, so no \
             device could be matched to a flaw. Run `ward update`."
                .to_string(),
        );
    } else {
        let missing: Vec<&str> = VULN_SOURCES
            .iter()
            .copied()
            .filter(|n| !present.contains(n))
            .collect();
        if !missing.is_empty() {
            out.push(format!(
                "Not used: {}. Run `ward update` to get {}.",
                missing.join(", "),
                if missing.len() == 1 { "it" } else { "them" }
            ));
        }
    }
    for v in &c.vulnerability_data {
        let age = v
            .age_days
            .or_else(|| v.dated.as_deref().and_then(|d| days_between(d, date)));
        if let Some(age) = age.filter(|a| *a > STALE_VULN_DAYS) {
            out.push(format!(
                "The {} is {age} days old. Run `ward update`.",
                v.name
            ));
        }
    }
    // Intel.
    if c.intel.indicators == 0 {
        out.push(
            "There is no shared intel to check logs against. Run `ward pull` or `ward import`."
                .to_string(),
        );
    } else if let Some(newest) = &c.intel.newest {
        if days_between(newest, date).is_some_and(|d| d > STALE_INTEL_DAYS) {
            out.push(format!(
                "The newest shared intel is from {}. Run `ward pull` to get this week's.",
                day(newest)
            ));
        }
    }
    out
}

/// The action that gets ward what it needs, when something is missing. With nothing checked at
/// all it is the most urgent action of the week.
pub fn inputs_action(c: &Coverage) -> Option<Action> {
    let nothing = c.nothing_checked();
    let mut what = Vec::new();
    if !c.logs_checked() {
        what.push(
            "Scan a week of logs: `ward scan firewall.log dns.log` (firewall, DNS or proxy logs)."
                .to_string(),
        );
    }
    if c.inventory.as_ref().is_none_or(|i| i.assets == 0) {
        what.push(
            "List your devices in a spreadsheet (name, maker, product, version) and run `ward \
             exposure --inventory assets.csv`."
                .to_string(),
        );
    }
    if !c.vulnerability_data.iter().any(|v| v.records > 0) {
        what.push("Get the lists of known flaws: `ward update`.".to_string());
    }
    if c.intel.indicators == 0 {
        what.push("Get shared intel from your ISAO: `ward pull`.".to_string());
    }
    if what.is_empty() {
        return None;
    }
    what.push("Then make this plan again: `ward report`.".to_string());
    Some(Action {
        id: action_id("inputs", "coverage"),
        title: if nothing {
            "Get ward the inputs it needs: nothing was checked this week".to_string()
        } else {
            "Give ward what it could not check this week".to_string()
        },
        what,
        why: if nothing {
            "ward had no logs and no device list to check. It cannot tell you that you are \
             safe until it reads them."
                .to_string()
        } else {
            "Part of your network was not checked. A plan can only speak for what ward read."
                .to_string()
        },
        who: "Your IT person.".to_string(),
        ticket: None,
        effort: "1 hour".to_string(),
        what_breaks: "Nothing: ward only reads these files.".to_string(),
        csf: csf_refs(&["ID.AM-01", "DE.CM-01"]),
        hicp: vec![frameworks::hicp(5)],
        cpg: cpg(Cpg::AssetInventory),
        risk: if nothing { 100 } else { 30 },
        status: "new".to_string(),
    })
}

fn span(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first.map(day), last.map(day)) {
        (Some(a), Some(b)) if a == b => Some(format!("events on {a}")),
        (Some(a), Some(b)) => Some(format!("events from {a} to {b}")),
        (a, b) => a.or(b).map(|d| format!("events on {d}")),
    }
}

/// The coverage as labelled lists of plain lines, for the renderings: logs, devices,
/// vulnerability data, shared intel. A list with nothing in it says "none".
pub fn lines(c: &Coverage, date: &str) -> Vec<(&'static str, Vec<String>)> {
    let logs = c
        .logs
        .iter()
        .map(|l| {
            let mut parts = vec![plural(l.lines, "line", "lines")];
            if l.unreadable > 0 {
                parts.push(format!("{} unreadable", l.unreadable));
            }
            parts.extend(span(l.first_event.as_deref(), l.last_event.as_deref()));
            parts.push(format!("scanned {}", l.scanned_on));
            format!("{} ({}): {}", l.file, l.format, parts.join(", "))
        })
        .collect();
    let devices = c
        .inventory
        .iter()
        .map(|i| {
            let mut text = format!("{}: {}", i.file, plural(i.assets, "device", "devices"));
            if i.without_version > 0 {
                text.push_str(&format!(" ({} without a version)", i.without_version));
            }
            text.push_str(&format!(", checked {}", i.checked_on));
            text
        })
        .collect();
    let vulns = c
        .vulnerability_data
        .iter()
        .map(|v| {
            let mut text = v.name.clone();
            if let Some(version) = &v.version {
                text.push_str(&format!(" {version}"));
            }
            text.push_str(&format!(": {}", plural(v.records, "record", "records")));
            let age = v
                .age_days
                .or_else(|| v.dated.as_deref().and_then(|d| days_between(d, date)));
            match (&v.dated, age) {
                (Some(d), Some(a)) => text.push_str(&format!(", dated {d} ({})", days_old(a))),
                (Some(d), None) => text.push_str(&format!(", dated {d}")),
                (None, Some(a)) => text.push_str(&format!(" ({})", days_old(a))),
                (None, None) => {}
            }
            text
        })
        .collect();
    let mut intel = Vec::new();
    if c.intel.indicators > 0 {
        let mut text = plural(c.intel.indicators as u64, "indicator", "indicators");
        match (&c.intel.newest, &c.intel.oldest) {
            (Some(n), Some(o)) if n != o => text.push_str(&format!(", from {o} to {n}")),
            (Some(n), _) => text.push_str(&format!(", dated {n}")),
            _ => {}
        }
        intel.push(text);
    }
    for s in &c.intel.sources {
        intel.push(format!(
            "{}: {}, brought in {}",
            s.name,
            plural(s.objects, "object", "objects"),
            s.on
        ));
    }
    vec![
        ("Logs", logs),
        ("Devices", devices),
        ("Vulnerability data", vulns),
        ("Shared intel", intel),
    ]
}

fn days_old(days: i64) -> String {
    match days {
        d if d <= 0 => "today".to_string(),
        1 => "1 day old".to_string(),
        d => format!("{d} days old"),
    }
}
