//! The plan rule for third parties: a vendor the organization depends on (its EHR host,
//! clearinghouse, MSP, device maker, cloud service) that recent shared intel names. What to
//! check, what to cut off, whom to call, and what stops working meanwhile.

use crate::actions::{action_id, cpg, csf_refs, date_part, Action};
use crate::frameworks::{self, Cpg};
use crate::input::{VendorIntel, VendorMention};

/// "clearinghouse", "EHR host"... for sentences.
fn kind_words(kind: &str) -> &'static str {
    match kind {
        "clearinghouse" => "clearinghouse",
        "ehr" => "EHR host",
        "msp" => "managed service provider",
        "device" => "device maker",
        "cloud" => "cloud service",
        _ => "vendor",
    }
}

/// What stops working while the vendor is cut off, and how to keep going.
fn outage(kind: &str, vendor: &str) -> String {
    match kind {
        "clearinghouse" => format!(
            "Claims, eligibility checks and remittances through {vendor} stop while it is cut \
             off. Ask billing to queue claims, check eligibility on payer portals, and ask your \
             payers about another clearinghouse or paper claims if it lasts."
        ),
        "ehr" => format!(
            "Charts, orders and scheduling hosted by {vendor} may be out of reach. Print \
             today's schedule and medication lists, and get the downtime (paper) procedure \
             ready before you cut anything."
        ),
        "msp" => format!(
            "{vendor} may not be able to support you meanwhile. Make sure someone on site can \
             reach the firewall and the backups without it, and change every password it knows."
        ),
        "device" => format!(
            "Devices from {vendor} keep working, but remote service and updates stop. Do not \
             install updates from it until it confirms they are clean."
        ),
        "cloud" => format!(
            "What you run on {vendor} may be unavailable or must be reached another way. Check \
             that you have a recent copy of the data you keep there."
        ),
        _ => format!(
            "Services {vendor} provides stop while it is cut off. Tell the staff who use them."
        ),
    }
}

fn intel_line(i: &VendorIntel) -> String {
    let name = if i.name.is_empty() {
        i.id.clone()
    } else {
        format!("\"{}\"", i.name)
    };
    let date = if i.date.is_empty() {
        String::new()
    } else {
        format!(" ({})", date_part(&i.date))
    };
    format!("{} {name}{date} {}", i.object_type, i.how)
}

/// One action per vendor named by recent intel.
pub(crate) fn vendor_actions(vendors: &[VendorMention]) -> Vec<Action> {
    vendors
        .iter()
        .filter(|v| !v.intel.is_empty())
        .map(one)
        .collect()
}

fn one(v: &VendorMention) -> Action {
    let kind = kind_words(&v.kind);
    let vendor = &v.vendor;
    let incident = v.intel.iter().any(|i| i.incident);
    let since = v
        .intel
        .iter()
        .map(|i| date_part(&i.date))
        .filter(|d| !d.is_empty())
        .min()
        .map(|d| format!(" since {d}"))
        .unwrap_or_else(|| " over the last weeks".to_string());
    let shown: Vec<String> = v.intel.iter().take(3).map(intel_line).collect();
    let mut why = format!(
        "Shared intel names your {kind} {vendor}: {}",
        shown.join("; ")
    );
    if v.intel.len() > 3 {
        why.push_str(&format!(" and {} more", v.intel.len() - 3));
    }
    why.push_str(
        ". Attackers who get into a supplier use its connections, accounts and files to reach \
         its customers, so what it can reach in your network is at risk until it says the \
         incident is contained.",
    );
    let call = match &v.contact {
        Some(c) => {
            format!("Call {c} (the contact you recorded) and your account manager at {vendor}")
        }
        None => format!(
            "Call your account manager at {vendor} (no contact is recorded: add one with `ward \
             vendors add \"{vendor}\" --kind {} --contact ...`)",
            v.kind
        ),
    };
    let title = if incident {
        format!("Your {kind} {vendor} reports an incident: check and cut off its access to you")
    } else {
        format!("Your {kind} {vendor} is named in threat intel: check its access to you")
    };
    // Suppliers that reach into the network (remote support, interfaces) come first.
    let reach = match v.kind.as_str() {
        "msp" | "ehr" | "clearinghouse" => 8,
        "cloud" => 5,
        _ => 2,
    };
    let risk = (if incident { 80 } else { 68 }) + reach + (v.intel.len().min(3) as u8);
    Action {
        id: action_id("vendor", &vendor.to_lowercase()),
        title,
        what: vec![
            format!(
                "Check: list every connection {vendor} has into your network (VPN accounts, \
                 remote support tools, service accounts, interfaces, file transfers, API keys) \
                 and look at their sign-ins and activity{since}."
            ),
            format!(
                "Check: files, updates and e-mail attachments received from {vendor}{since}; \
                 do not open new ones until it confirms they are clean."
            ),
            format!(
                "Cut off: disable {vendor}'s remote access and VPN accounts, and pause its \
                 integrations (interfaces, file transfers, API keys) until it confirms in \
                 writing that the incident is contained."
            ),
            format!(
                "{call}: ask what was affected, whether your data or your connections are \
                 involved, and when it expects to be back."
            ),
            "When it confirms containment, turn connections back on one at a time, with new \
             passwords and keys."
                .to_string(),
        ],
        why,
        who: if v.kind == "msp" {
            "Your practice manager with your IT contact: the MSP itself is affected, so do not \
             rely on it alone to cut its own access."
                .to_string()
        } else {
            "Your practice manager with your IT person or MSP.".to_string()
        },
        ticket: Some(format!(
            "Subject: Security incident at {vendor}: what does it mean for us?\n\nShared threat \
             intel reports that {vendor} is affected by a security incident. Please tell us \
             whether our data, accounts or connections to you are involved, what you have \
             contained, and when you expect to restore service. Until you confirm in writing \
             that the incident is contained, we have paused your remote access and our \
             integrations with you."
        )),
        effort: "1 to 2 hours, then a call a day until it is resolved".to_string(),
        what_breaks: outage(&v.kind, vendor),
        csf: csf_refs(&["GV.SC-08", "GV.SC-07", "RS.MI-01"]),
        hicp: vec![frameworks::hicp(8), frameworks::hicp(3)],
        cpg: cpg(Cpg::ThirdPartyIncidentReporting),
        risk: risk.min(97),
        status: "new".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(kind: &str, incident: bool) -> VendorMention {
        VendorMention {
            vendor: "Change Healthcare".into(),
            kind: kind.into(),
            contact: Some("Pat at 555-0100".into()),
            intel: vec![VendorIntel {
                id: "report--1".into(),
                object_type: "report".into(),
                name: "Ransomware at a clearinghouse".into(),
                how: "names it".into(),
                date: "2026-12-01".into(),
                incident,
            }],
        }
    }

    #[test]
    fn a_vendor_incident_says_what_to_check_cut_and_call() {
        let a = &vendor_actions(&[mention("clearinghouse", true)])[0];
        assert!(a
            .title
            .starts_with("Your clearinghouse Change Healthcare reports an incident"));
        let steps = a.what.join(" ");
        assert!(
            steps.contains("Check:") && steps.contains("Cut off:"),
            "{steps}"
        );
        assert!(steps.contains("Pat at 555-0100"), "{steps}");
        assert!(a.what_breaks.contains("Claims"), "{}", a.what_breaks);
        assert!(a.csf.iter().any(|c| c.id == "GV.SC-08"));
        assert!(a.risk >= 80);
        let named = &vendor_actions(&[mention("device", false)])[0];
        assert!(named.risk < a.risk && named.title.contains("named in threat intel"));
    }

    #[test]
    fn no_intel_no_action() {
        let mut m = mention("ehr", false);
        m.intel.clear();
        assert!(vendor_actions(&[m]).is_empty());
    }
}
