//! The frameworks an action is mapped to: the NIST CSF 2.0 core (embedded from NIST's CSV,
//! public domain), the ten HICP practices of the HHS 405(d) program, and the HHS Healthcare
//! and Public Health Cybersecurity Performance Goals (CPGs).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// NIST CSF 2.0 core as published by NIST (`type,id,title,text,parent`).
const CSF_CORE: &str = include_str!("../data/csf2-core.csv");

/// One CSF 2.0 element: function, category or subcategory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsfElement {
    pub kind: String,
    pub id: String,
    pub title: String,
    pub text: String,
    pub parent: String,
}

/// Splits one CSV record (RFC 4180 quoting) into fields.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

fn csf_index() -> &'static HashMap<String, CsfElement> {
    static INDEX: OnceLock<HashMap<String, CsfElement>> = OnceLock::new();
    INDEX.get_or_init(|| {
        CSF_CORE
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter_map(|line| {
                let f = csv_fields(line);
                (f.len() >= 5).then(|| {
                    (
                        f[1].clone(),
                        CsfElement {
                            kind: f[0].clone(),
                            id: f[1].clone(),
                            title: f[2].clone(),
                            text: f[3].clone(),
                            parent: f[4].clone(),
                        },
                    )
                })
            })
            .collect()
    })
}

/// Looks up a CSF 2.0 element by id (`PR.PS-02`).
pub fn csf(id: &str) -> Option<&'static CsfElement> {
    csf_index().get(id)
}

/// Every CSF 2.0 subcategory id.
pub fn csf_subcategory_ids() -> Vec<&'static str> {
    let mut ids: Vec<&str> = csf_index()
        .values()
        .filter(|e| e.kind == "subcategory")
        .map(|e| e.id.as_str())
        .collect();
    ids.sort_unstable();
    ids
}

/// A HICP practice (Health Industry Cybersecurity Practices, HHS 405(d), 2023 edition).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hicp {
    pub number: u8,
    pub name: String,
}

/// The ten HICP practices by number.
pub const HICP: [(u8, &str); 10] = [
    (1, "Email Protection Systems"),
    (2, "Endpoint Protection Systems"),
    (3, "Access Management"),
    (4, "Data Protection and Loss Prevention"),
    (5, "IT Asset Management"),
    (6, "Network Management"),
    (7, "Vulnerability Management"),
    (8, "Security Operations Center and Incident Response"),
    (9, "Network Connected Medical Devices"),
    (10, "Cybersecurity Oversight and Governance"),
];

/// The HICP practice with this number.
pub fn hicp(number: u8) -> Hicp {
    let (number, name) = HICP[usize::from(number.clamp(1, 10)) - 1];
    Hicp {
        number,
        name: name.to_string(),
    }
}

/// The HHS Cybersecurity Performance Goals used by ward's actions (essential and enhanced).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cpg {
    MitigateKnownVulnerabilities,
    NetworkSegmentation,
    DetectAndRespondToThreats,
    AssetInventory,
    RevokeCredentials,
    EmailSecurity,
    ThirdPartyIncidentReporting,
}

impl Cpg {
    /// The goal's name as HHS writes it, and whether it is essential or enhanced.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Cpg::MitigateKnownVulnerabilities => ("Mitigate Known Vulnerabilities", "essential"),
            Cpg::EmailSecurity => ("Email Security", "essential"),
            Cpg::RevokeCredentials => ("Revoke Credentials for Departing Workforce", "essential"),
            Cpg::NetworkSegmentation => ("Network Segmentation", "enhanced"),
            Cpg::DetectAndRespondToThreats => (
                "Detect and Respond to Relevant Threats and Tactics",
                "enhanced",
            ),
            Cpg::AssetInventory => ("Asset Inventory", "enhanced"),
            Cpg::ThirdPartyIncidentReporting => ("Third Party Incident Reporting", "enhanced"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csf_core_loads_every_subcategory() {
        assert_eq!(csf_subcategory_ids().len(), 106);
        let e = csf("PR.PS-02").unwrap();
        assert!(e.text.starts_with("Software is maintained"));
        assert_eq!(csf("GV").unwrap().title, "GOVERN");
        assert!(csf("XX.YY-99").is_none());
    }

    #[test]
    fn hicp_by_number() {
        assert_eq!(hicp(9).name, "Network Connected Medical Devices");
        assert_eq!(hicp(7).number, 7);
    }
}
