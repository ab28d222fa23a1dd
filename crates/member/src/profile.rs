//! The organization profile (`ward init`): who the member is, so every scrub and share
//! removes its own names, domains, staff and host names without being told each time. Kept
//! as `org-profile.json` in the data folder; the staff list is copied in, so the file it came
//! from (a directory export with other columns) can be deleted.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ward_scrub::ScrubConfig;

use crate::files::{read_json, write_json};
use crate::{DataDir, MemberError};

/// The profile's file name in the data folder.
pub const PROFILE_FILE: &str = "org-profile.json";

/// What `ward init` records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgProfile {
    /// The organization's name as people write it.
    pub name: String,
    /// Its DNS domains (mail and hosts).
    pub domains: Vec<String>,
    /// Staff names from the staff list.
    #[serde(default)]
    pub staff_names: Vec<String>,
    /// Staff logins from the staff list.
    #[serde(default)]
    pub staff_logins: Vec<String>,
    /// Shapes of the organization's host names (`ws-*`).
    #[serde(default)]
    pub host_patterns: Vec<String>,
    /// The organization's own address ranges (CIDR blocks or single addresses), public ones
    /// included: never put on a block list, and a device in them is one of ours.
    #[serde(default)]
    pub networks: Vec<String>,
}

impl OrgProfile {
    /// The scrubber's configuration for this organization, plus extra names and domains
    /// given for one command.
    pub fn scrub_config(&self, extra_domains: &[String], extra_names: &[String]) -> ScrubConfig {
        ScrubConfig {
            org_domains: self.domains.iter().chain(extra_domains).cloned().collect(),
            org_names: std::iter::once(&self.name)
                .chain(extra_names)
                .cloned()
                .collect(),
            staff_names: self.staff_names.clone(),
            staff_logins: self.staff_logins.clone(),
            host_patterns: self.host_patterns.clone(),
        }
    }

    /// Checks that the scrubber accepts every entry (domain syntax, name lengths, patterns).
    pub fn check(&self) -> Result<(), MemberError> {
        if let Some(bad) = self.networks.iter().find(|n| !is_network(n)) {
            return Err(MemberError::BadNetwork { text: bad.clone() });
        }
        ward_scrub::Scrubber::new(self.scrub_config(&[], &[]))
            .map(drop)
            .map_err(|source| MemberError::Scrub {
                name: "the organization profile".into(),
                source,
            })
    }
}

/// An address, or an address and a prefix length that fits it.
fn is_network(text: &str) -> bool {
    let (addr, prefix) = match text.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (text, None),
    };
    let Ok(addr) = addr.parse::<std::net::IpAddr>() else {
        return false;
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    prefix.is_none_or(|p| p.parse::<u8>().is_ok_and(|p| p <= max))
}

impl DataDir {
    /// The organization profile's file.
    pub fn profile_file(&self) -> std::path::PathBuf {
        self.root().join(PROFILE_FILE)
    }

    /// The organization profile, if `ward init` made one.
    pub fn org_profile(&self) -> Result<Option<OrgProfile>, MemberError> {
        read_json(&self.profile_file())
    }

    /// The organization profile, or an error saying how to make one (`ward share` will not
    /// send anything without it).
    pub fn require_org_profile(&self) -> Result<OrgProfile, MemberError> {
        self.org_profile()?.ok_or_else(|| MemberError::NoProfile {
            path: self.root().to_path_buf(),
        })
    }

    /// Checks and saves the profile (atomically), replacing any earlier one.
    pub fn save_org_profile(&self, profile: &OrgProfile) -> Result<(), MemberError> {
        profile.check()?;
        write_json(&self.profile_file(), profile)
    }
}

/// What a staff list held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Staff {
    pub names: Vec<String>,
    pub logins: Vec<String>,
}

/// Column names (lowercase, without spaces, `_` or `-`) that hold a whole name.
const NAME_COLUMNS: &[&str] = &[
    "name",
    "fullname",
    "displayname",
    "cn",
    "employee",
    "staffname",
];
/// Columns of a given name and of a surname, joined when there is no whole-name column.
const GIVEN_COLUMNS: &[&str] = &["firstname", "givenname", "first", "forename"];
const SURNAME_COLUMNS: &[&str] = &["lastname", "surname", "sn", "last", "familyname"];
/// Columns of a login (a user principal name keeps the part before `@`).
const LOGIN_COLUMNS: &[&str] = &[
    "samaccountname",
    "username",
    "login",
    "logonname",
    "userid",
    "account",
    "userprincipalname",
    "upn",
];

/// Reads a staff list: a CSV (comma, semicolon or tab) with a header row, as people keep it
/// or as an Active Directory export writes it (`Name`, `GivenName`, `Surname`,
/// `SamAccountName`, `UserPrincipalName`...). At least one name or login column is needed.
pub fn read_staff(path: &Path) -> Result<Staff, MemberError> {
    let bytes = std::fs::read(path).map_err(|source| MemberError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let bad = |detail: String| MemberError::StaffList {
        path: path.to_path_buf(),
        detail,
    };
    if bytes.contains(&0) {
        return Err(bad(
            "expected a CSV file with a header row (this file is binary; save the sheet as CSV)"
                .into(),
        ));
    }
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("expected a header row: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let key = |h: &str| -> String {
        h.chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-' | '"'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let find = |wanted: &[&str]| {
        headers
            .iter()
            .position(|h| wanted.contains(&key(h).as_str()))
    };
    let name_col = find(NAME_COLUMNS);
    let (given_col, surname_col) = (find(GIVEN_COLUMNS), find(SURNAME_COLUMNS));
    let login_col = find(LOGIN_COLUMNS);
    if name_col.is_none() && surname_col.is_none() && login_col.is_none() {
        return Err(bad(format!(
            "found the columns {}; expected a name column (Name, Display Name, or First Name and \
             Last Name) or a login column (Username, SamAccountName, UserPrincipalName)",
            headers
                .iter()
                .map(|h| format!("{:?}", h.chars().take(40).collect::<String>()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut staff = Staff::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad(format!("row {}: {e}", i + 2)))?;
        let cell = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let name = match (cell(name_col), cell(given_col), cell(surname_col)) {
            (Some(n), _, _) => Some(n.to_string()),
            (None, Some(g), Some(s)) => Some(format!("{g} {s}")),
            (None, None, Some(s)) => Some(s.to_string()),
            _ => None,
        };
        // A name needs two letters; a lone initial or a dash in a cell is not a name.
        if let Some(n) = name.filter(|n| n.chars().filter(|c| c.is_alphabetic()).count() >= 2) {
            staff.names.push(n);
        }
        if let Some(login) = cell(login_col) {
            let login = login.split('@').next().unwrap_or(login);
            let login = login.rsplit('\\').next().unwrap_or(login).trim();
            if login.chars().count() >= 2 && !login.contains(char::is_whitespace) {
                staff.logins.push(login.to_string());
            }
        }
    }
    staff.names.sort();
    staff.names.dedup();
    staff.logins.sort();
    staff.logins.dedup();
    Ok(staff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_export_gives_names_and_logins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("staff.csv");
        std::fs::write(
            &path,
            "\u{feff}GivenName;Surname;SamAccountName;Department\n\
             Dana;Whitfield;dwhitfield;Radiology\n\
             Siobhán;Ó Briain;CORP\\sobriain;ICU\n\
             ;;;\n",
        )
        .unwrap();
        let staff = read_staff(&path).unwrap();
        assert_eq!(staff.names, ["Dana Whitfield", "Siobhán Ó Briain"]);
        assert_eq!(staff.logins, ["dwhitfield", "sobriain"]);
    }

    #[test]
    fn a_list_without_usable_columns_names_what_it_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("staff.csv");
        std::fs::write(&path, "Department,Phone\nICU,555-0100\n").unwrap();
        let err = read_staff(&path).unwrap_err().to_string();
        assert!(err.contains("\"Department\", \"Phone\""), "{err}");
        assert!(err.contains("expected a name column"), "{err}");
        std::fs::write(&path, b"PK\x03\x04\x00\x00binary").unwrap();
        let err = read_staff(&path).unwrap_err().to_string();
        assert!(err.contains("binary"), "{err}");
        assert!(!err.contains("PK"), "{err}");
    }

    #[test]
    fn the_profile_round_trips_and_drives_the_scrubber() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert_eq!(data.org_profile().unwrap(), None);
        let profile = OrgProfile {
            name: "Lakeside Clinic".into(),
            domains: vec!["lakeside.example".into()],
            staff_names: vec!["Dana Whitfield".into()],
            staff_logins: vec!["dwhitfield".into()],
            host_patterns: vec!["ws-*".into()],
            networks: vec!["198.51.100.0/28".into()],
        };
        data.save_org_profile(&profile).unwrap();
        assert_eq!(data.org_profile().unwrap(), Some(profile.clone()));
        let scrubber = ward_scrub::Scrubber::new(profile.scrub_config(&[], &[])).unwrap();
        let text = "Whitfield, Dana (CORP\\dwhitfield) at Lakeside Clinic saw ws-radiology-17 \
                    beacon to 203.0.113.9; dwhitfield@lakeside.example reported it.";
        let out = scrubber.scrub_text(text);
        for gone in [
            "Dana",
            "Whitfield",
            "dwhitfield",
            "Lakeside",
            "ws-radiology-17",
        ] {
            assert!(!out.text.contains(gone), "{gone} left in {}", out.text);
        }
        assert!(out.text.contains("203.0.113.9"), "{}", out.text);
    }

    #[test]
    fn a_bad_profile_is_refused_before_it_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let profile = OrgProfile {
            name: "Lakeside Clinic".into(),
            domains: vec!["lakeside".into()],
            ..Default::default()
        };
        assert!(data.save_org_profile(&profile).is_err());
        assert!(!data.profile_file().exists());
        let star = OrgProfile {
            name: "Lakeside Clinic".into(),
            domains: vec!["lakeside.example".into()],
            host_patterns: vec!["*".into()],
            ..Default::default()
        };
        assert!(data.save_org_profile(&star).is_err());
        for bad in ["10.0.0.0/33", "lakeside.example", "10.0.0/8", "::/129"] {
            let wrong = OrgProfile {
                name: "Lakeside Clinic".into(),
                domains: vec!["lakeside.example".into()],
                networks: vec![bad.into()],
                ..Default::default()
            };
            let err = data.save_org_profile(&wrong).unwrap_err().to_string();
            assert!(err.contains(bad) && err.contains("CIDR"), "{err}");
        }
    }
}
