//! Turning findings into actions. Each rule below reads one kind of finding and writes the
//! action a one-person IT team can take, in short sentences and plain words. The risk number
//! orders the plan: harm to patients first, then proof of attack, then likelihood.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::frameworks::{self, Cpg, Hicp};
use crate::input::{Blocklist, ExposedAsset, Fix, Hit, PlanInput};

/// A CSF 2.0 subcategory with its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CsfRef {
    pub id: String,
    pub text: String,
}

/// An HHS CPG with its level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpgRef {
    pub goal: String,
    pub level: String,
}

/// One thing to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Stable across weeks for the same finding, so it can be marked done.
    pub id: String,
    /// What to do, in one line.
    pub title: String,
    /// The steps, concretely.
    pub what: Vec<String>,
    /// Why, tied to the evidence.
    pub why: String,
    /// Who does it.
    pub who: String,
    /// Text ready to send to an outside party (MSP, manufacturer), when one is involved.
    pub ticket: Option<String>,
    /// How long it takes.
    pub effort: String,
    /// What breaks if it is done wrong, and how to avoid it.
    pub what_breaks: String,
    pub csf: Vec<CsfRef>,
    pub hicp: Vec<Hicp>,
    pub cpg: Option<CpgRef>,
    /// Higher is more urgent (0-100).
    pub risk: u8,
    /// `new`, `still open` (it was on last week's plan) or `done`.
    pub status: String,
}

/// A short stable id from the kind of action and its subject (FNV-1a, 24 bits).
pub fn action_id(kind: &str, subject: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for b in kind.bytes().chain([0u8]).chain(subject.bytes()) {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("W-{:06x}", hash & 0x00ff_ffff)
}

pub(crate) fn csf_refs(ids: &[&str]) -> Vec<CsfRef> {
    ids.iter()
        .filter_map(|id| frameworks::csf(id))
        .map(|e| CsfRef {
            id: e.id.clone(),
            text: e.text.clone(),
        })
        .collect()
}

pub(crate) fn cpg(goal: Cpg) -> Option<CpgRef> {
    let (name, level) = goal.describe();
    Some(CpgRef {
        goal: name.to_string(),
        level: level.to_string(),
    })
}

pub(crate) fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n))
    }
}

/// `52000` as `52,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn join_list(items: &[String], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
    let mut text = shown.join(", ");
    if items.len() > max {
        text.push_str(&format!(" and {} more", items.len() - max));
    }
    text
}

/// "on 2026-11-23" for one day, "2026-11-23 to 2026-11-27" for more, "" when neither is known.
pub(crate) fn day_range(first: &str, last: &str) -> String {
    match (date_part(first), date_part(last)) {
        ("", "") => "date not known".to_string(),
        (a, b) if a == b || b.is_empty() => format!("on {a}"),
        ("", b) => format!("on {b}"),
        (a, b) => format!("{a} to {b}"),
    }
}

pub(crate) fn date_part(ts: &str) -> &str {
    ts.get(..10).unwrap_or(ts)
}

/// One action per internal machine that talked to known-bad infrastructure.
fn machines_to_check(hits: &[Hit]) -> Vec<Action> {
    let mut by_host: BTreeMap<&str, Vec<&Hit>> = BTreeMap::new();
    for hit in hits {
        for host in &hit.internal_hosts {
            by_host.entry(host.as_str()).or_default().push(hit);
        }
    }
    by_host
        .into_iter()
        .map(|(host, hits)| {
            let total: u64 = hits.iter().map(|h| h.count).sum();
            let worst = hits
                .iter()
                .max_by_key(|h| (h.score, h.hub_organizations, h.count))
                .copied()
                .unwrap_or(hits[0]);
            let threat = hits.iter().find_map(|h| h.threat.clone());
            let members = hits.iter().map(|h| h.hub_organizations).max().unwrap_or(0);
            let values: Vec<String> = hits.iter().map(|h| h.value.clone()).collect();
            let mut why = format!(
                "Your logs show that {host} reached {} {} ({}).",
                join_list(&values, 3),
                plural(total, "time", "times"),
                day_range(&worst.first_seen, &worst.last_seen),
            );
            if let Some(t) = &threat {
                why.push_str(&format!(" Shared intel ties this to {t}."));
            }
            if members > 0 {
                why.push_str(&format!(
                    " {} in your sharing group saw it too.",
                    plural(u64::from(members), "other member", "other members")
                ));
            }
            let ransomware = threat
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().contains("lock") || t.to_ascii_lowercase().contains("ransom"));
            let risk = (70 + worst.score / 5 + if ransomware { 10 } else { 0 } + (members.min(5) as u8))
                .min(99);
            Action {
                id: action_id("check-host", host),
                title: format!("Check the computer at {host} for malware"),
                what: vec![
                    format!("Take {host} off the network: unplug it or move it to a quarantine network."),
                    "Run a full scan with your antivirus or endpoint tool.".to_string(),
                    "Ask who used it and what they clicked or downloaded.".to_string(),
                    "Change the passwords of the people who log in on it.".to_string(),
                    "Put it back only when the scan is clean.".to_string(),
                ],
                why,
                who: "Your IT person. If a managed service provider (MSP) runs your IT, send them the ticket below today.".to_string(),
                ticket: Some(format!(
                    "Subject: Possible malware on {host}\n\nOur threat intel tool found that {host} \
                     made {} to {}, a known-bad address, {}. Please isolate the \
                     machine, scan it, and tell us what you find. We can send the log lines.",
                    plural(total, "connection", "connections"),
                    join_list(&values, 3),
                    match day_range(&worst.first_seen, &worst.last_seen) {
                        r if r.starts_with("on ") || r.starts_with("date") => r,
                        r => format!("from {r}"),
                    }
                )),
                effort: "1 to 2 hours".to_string(),
                what_breaks: "The person who uses this computer cannot work on it until it is clean. \
                              Do not wipe it before you copy its logs: you may need them later."
                    .to_string(),
                csf: csf_refs(&["DE.AE-02", "RS.MI-01"]),
                hicp: vec![frameworks::hicp(8), frameworks::hicp(2)],
                cpg: cpg(Cpg::DetectAndRespondToThreats),
                risk,
                status: "new".to_string(),
            }
        })
        .collect()
}

/// One action to load the block lists.
fn block_lists(blocklists: &[Blocklist], hits: &[Hit]) -> Option<Action> {
    let total: usize = blocklists.iter().map(|b| b.entries).sum();
    if total == 0 {
        return None;
    }
    let seen = hits.len();
    let files: Vec<String> = blocklists
        .iter()
        .map(|b| {
            format!(
                "{} ({} {})",
                b.path,
                b.entries,
                match b.kind.as_str() {
                    "ip" => "addresses",
                    "domain" => "domains",
                    _ => "web links",
                }
            )
        })
        .collect();
    let mut why = format!(
        "These {total} entries come from your sharing group and the feeds you trust. \
         Blocking them stops known attackers before they reach you."
    );
    if seen > 0 {
        why.push_str(&format!(
            " {} of them already showed up in your logs.",
            plural(seen as u64, "entry", "entries")
        ));
    }
    let outside: BTreeSet<&str> = hits
        .iter()
        .flat_map(|h| h.outside_hosts.iter().map(String::as_str))
        .collect();
    if !outside.is_empty() {
        let outside: Vec<String> = outside.into_iter().map(str::to_string).collect();
        why.push_str(&format!(
            " In your logs they were also in contact with {}, outside your network (not one of \
             your computers, so there is nothing there to check). If one of these is yours, \
             add its range with `ward init --network`.",
            join_list(&outside, 3)
        ));
    }
    Some(Action {
        id: action_id("blocklists", "all"),
        title: format!("Block {total} known-bad addresses and domains at your firewall"),
        what: vec![
            format!("Use these files: {}.", files.join("; ")),
            "pfSense or OPNsense: add a URL table alias that points at the address file, then a rule that blocks it.".to_string(),
            "FortiGate: add the file as an external threat feed, then use it in a deny policy.".to_string(),
            "Windows firewall: run `New-NetFirewallRule -DisplayName ward-block -Direction Outbound -Action Block -RemoteAddress (Get-Content FILE | Where-Object { $_ -and $_ -notmatch '^#' })` (the filter skips the file's comment lines).".to_string(),
            "DNS server: load the RPZ file (`ward export --format rpz`) as a response policy zone.".to_string(),
        ],
        why,
        who: "Your IT person, or your MSP if it runs your firewall.".to_string(),
        ticket: Some(format!(
            "Subject: Please load our weekly block list\n\nPlease load the attached block list ({total} \
             entries) into our firewall and DNS filter. Keep the old rules so we can undo. \
             Tell us if any entry blocks a service we use."
        )),
        effort: "30 minutes".to_string(),
        what_breaks: "A wrong entry could block a site your staff need. Keep the old rules so you can undo, \
                      and ask staff to report sites that stop working."
            .to_string(),
        csf: csf_refs(&["PR.IR-01", "DE.CM-01"]),
        hicp: vec![frameworks::hicp(6)],
        cpg: cpg(Cpg::DetectAndRespondToThreats),
        risk: if seen > 0 { 75 } else { 55 },
        status: "new".to_string(),
    })
}

fn criticality_words(criticality: &str) -> &'static str {
    match criticality {
        "life-sustaining" => "It keeps patients alive, so it comes first.",
        "patient-care" => "It is used in patient care.",
        "clinical-support" => "Clinical staff rely on it.",
        _ => "It is a business system.",
    }
}

fn criticality_bonus(criticality: &str) -> u8 {
    match criticality {
        "life-sustaining" => 20,
        "patient-care" => 12,
        "clinical-support" => 6,
        _ => 0,
    }
}

/// How urgent fixing an asset is. The exposure engine's tier sets the band (immediate 80-95,
/// out-of-cycle 60-79, scheduled 40-59, defer 20-39) and its score places the asset inside it,
/// so the plan never ranks an immediate finding below an out-of-cycle one. Without a tier
/// (an older ranking), the score and the asset's facts decide.
fn asset_risk(asset: &ExposedAsset) -> u8 {
    let band = match asset.tier.as_str() {
        "immediate" => Some((80u8, 15u8)),
        "out-of-cycle" => Some((60, 19)),
        "scheduled" => Some((40, 19)),
        "defer" => Some((20, 19)),
        _ => None,
    };
    if let Some((low, width)) = band {
        return low + (u16::from(asset.rank.min(100)) * u16::from(width) / 100) as u8;
    }
    let mut risk = asset.rank / 2 + criticality_bonus(&asset.criticality);
    if asset.known_exploited {
        risk += 15;
    }
    if asset.internet_exposed {
        risk += 10;
    }
    risk.min(98)
}

/// One action per vulnerable asset.
// Long because: the action's fields (what, why, how, how long, what breaks) are written from the
// same asset facts; it is one sentence builder, not several decisions.
fn fix_asset(asset: &ExposedAsset) -> Action {
    let flaws = join_list(&asset.vulnerabilities, 3);
    let device = format!("{} {} {}", asset.vendor, asset.product, asset.version);
    let place = asset
        .location
        .as_ref()
        .map(|l| format!(" in {l}"))
        .unwrap_or_default();
    let mut why = format!(
        "{}{place} runs {device}, which has known flaws ({flaws}).",
        asset.asset
    );
    if asset.known_exploited {
        why.push_str(" CISA lists this flaw as used in real attacks.");
    }
    if asset.ransomware {
        why.push_str(" Ransomware gangs use it.");
    }
    if asset.internet_exposed {
        why.push_str(" It can be reached from the internet.");
    }
    why.push(' ');
    why.push_str(criticality_words(&asset.criticality));
    let risk = asset_risk(asset);
    let medical = asset.kind == "medical-device";
    let who = match (&asset.owner, medical) {
        (Some(owner), true) => format!(
            "{owner}, who looks after this device, with its maker. Changes go through the \
             maker's approved process."
        ),
        (None, true) => "Your biomedical or clinical engineering contact, with the device's \
                         maker. Changes go through the maker's approved process."
            .to_string(),
        (Some(owner), false) => format!("{owner}, who looks after it."),
        (None, false) => String::new(),
    };
    let advice = asset.vendor_advice.clone().unwrap_or_default();
    match &asset.fix {
        Fix::Patch { to_version } => {
            let target = to_version
                .as_ref()
                .map(|v| format!("version {v}"))
                .unwrap_or_else(|| "the newest version the vendor offers".to_string());
            let mut what = if medical {
                vec![
                    format!(
                        "Ask the maker whether {target} is approved for {device}, and to book the update."
                    ),
                    format!("Plan the time with the unit that uses {}.", asset.asset),
                    "Check that it works after the update, with a clinician present.".to_string(),
                ]
            } else {
                vec![
                    "Take a backup or note the settings first.".to_string(),
                    format!("Update {} to {target}.", asset.asset),
                    "Check that it works after the update.".to_string(),
                ]
            };
            if !advice.is_empty() {
                what.push(format!("Vendor advice: {advice}"));
            }
            Action {
                id: action_id("patch", &asset.asset),
                title: format!("Update {} ({device}) to {target}", asset.asset),
                what,
                why,
                who: if who.is_empty() {
                    "Your IT person, or the vendor's support line.".to_string()
                } else {
                    who.clone()
                },
                ticket: None,
                effort: "1 to 3 hours, with a restart".to_string(),
                what_breaks: if medical {
                    "A device updated outside the maker's process may stop working or lose its \
                     approval. Only install what the maker approves, at a time the unit agrees."
                        .to_string()
                } else {
                    "An update can restart the system or change its settings. Do it out of \
                     clinic hours, and keep the backup until you know it works."
                        .to_string()
                },
                csf: csf_refs(&["ID.RA-01", "PR.PS-02"]),
                hicp: vec![frameworks::hicp(7)],
                cpg: cpg(Cpg::MitigateKnownVulnerabilities),
                risk,
                status: "new".to_string(),
            }
        }
        Fix::Workaround { text } => Action {
            id: action_id("workaround", &asset.asset),
            title: format!("Apply the maker's fix steps on {}", asset.asset),
            what: vec![
                format!("Follow the maker's steps for {device}: {text}"),
                "Write down what you changed, so you can undo it.".to_string(),
            ],
            why,
            who: if who.is_empty() {
                "Your IT person. Call the maker if a step is not clear.".to_string()
            } else {
                who.clone()
            },
            ticket: Some(format!(
                "Subject: Security advice for {device}\n\nWe run {device} ({}). Advisories {} \
                 list flaws in it. Please confirm the steps we should take, and when a fixed \
                 version will ship.",
                asset.asset,
                join_list(&asset.advisories, 3)
            )),
            effort: "1 to 2 hours".to_string(),
            what_breaks: "A changed setting can stop a feature staff use. Test the main tasks after the change."
                .to_string(),
            csf: csf_refs(&["ID.RA-01", "PR.PS-01"]),
            hicp: vec![frameworks::hicp(7)],
            cpg: cpg(Cpg::MitigateKnownVulnerabilities),
            risk,
            status: "new".to_string(),
        },
        Fix::Isolate => Action {
            id: action_id("isolate", &asset.asset),
            title: format!("Cut {} off from the internet and guest Wi-Fi", asset.asset),
            what: if asset.segmented {
                vec![
                    format!("{} is already on its own network. Check the firewall rules for it.", asset.asset),
                    "Make sure it can reach only the systems it needs, such as the EHR or the nurse station.".to_string(),
                    "Make sure nothing on the internet or guest Wi-Fi can reach it.".to_string(),
                    "Send the ticket below to the maker and ask for a fix date.".to_string(),
                ]
            } else {
                vec![
                    format!("Move {} to its own network (a VLAN) for medical devices.", asset.asset),
                    "Let it reach only the systems it needs, such as the EHR or the nurse station.".to_string(),
                    "Block all other traffic to and from it at the firewall.".to_string(),
                    "Send the ticket below to the maker and ask for a fix date.".to_string(),
                ]
            },
            why: format!("{why} It cannot be patched now, so we must keep attackers away from it."),
            who: if who.is_empty() {
                "Your IT person with your network provider. The maker must supply the real fix.".to_string()
            } else {
                format!("{who} Your IT person sets the firewall rules.")
            },
            ticket: Some(format!(
                "Subject: Security flaws in {device}\n\nWe use {device} ({}{place}). Advisories {} \
                 list flaws in it ({flaws}). Please tell us when a fixed version ships, and what \
                 we should do until then. We have put it on its own network for now.",
                asset.asset,
                join_list(&asset.advisories, 3)
            )),
            effort: "2 to 4 hours with your network person".to_string(),
            what_breaks: "The device may lose its link to the EHR or the nurse station. Test that it still \
                          sends results before you leave it, with a nurse or the device owner present."
                .to_string(),
            csf: csf_refs(&["PR.IR-01", "ID.RA-06"]),
            hicp: vec![frameworks::hicp(9), frameworks::hicp(6)],
            cpg: cpg(Cpg::NetworkSegmentation),
            risk,
            status: "new".to_string(),
        },
    }
}

/// One action per asset past end of support (beyond the fix itself).
fn replace_unsupported(asset: &ExposedAsset) -> Option<Action> {
    if !asset.end_of_support {
        return None;
    }
    Some(Action {
        id: action_id("replace", &asset.asset),
        title: format!(
            "Plan to replace {}: its maker no longer fixes it",
            asset.asset
        ),
        what: vec![
            format!(
                "Ask the maker of {} {} for the newest model or version that gets fixes.",
                asset.vendor, asset.product
            ),
            "Put the cost in next year's budget.".to_string(),
            "Until then, keep it on its own network.".to_string(),
        ],
        why: format!(
            "{} is past its end of support. New flaws in it will never be fixed.",
            asset.asset
        ),
        who: match &asset.owner {
            Some(owner) => format!("{owner}, who looks after it, with your practice manager."),
            None => "Your practice manager, with your IT person.".to_string(),
        },
        ticket: None,
        effort: "1 hour to plan; the swap takes longer".to_string(),
        what_breaks: "A new model may not talk to your other systems. Ask the maker to confirm it \
                      works with your EHR before you buy."
            .to_string(),
        csf: csf_refs(&["ID.AM-08"]),
        hicp: vec![frameworks::hicp(5)],
        cpg: cpg(Cpg::AssetInventory),
        // Listed for its end of support alone, it takes its tier's place; beside a flaw to
        // fix, it comes after the fix.
        risk: if asset.vulnerabilities.is_empty() {
            asset_risk(asset)
        } else {
            (25 + criticality_bonus(&asset.criticality)).min(60)
        },
        status: "new".to_string(),
    })
}

/// Every action the findings call for, most urgent first.
pub fn actions(input: &PlanInput) -> Vec<Action> {
    let mut all = machines_to_check(&input.hits);
    all.extend(block_lists(&input.blocklists, &input.hits));
    for asset in &input.exposures {
        // An asset listed only because it is past its end of support has no flaw to fix:
        // replacing it is its action.
        if !asset.vulnerabilities.is_empty() {
            all.push(fix_asset(asset));
        }
        all.extend(replace_unsupported(asset));
    }
    all.extend(crate::vendors::vendor_actions(&input.vendors));
    // Equal risk: keep a stable order by id, so plans compare week to week.
    all.sort_by(|a, b| b.risk.cmp(&a.risk).then_with(|| a.id.cmp(&b.id)));
    all.dedup_by(|a, b| a.id == b.id);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(action_id("patch", "VPN"), action_id("patch", "VPN"));
        assert_ne!(action_id("patch", "VPN"), action_id("isolate", "VPN"));
        assert!(action_id("patch", "VPN").starts_with("W-"));
    }
}
