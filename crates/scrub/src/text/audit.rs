//! Delimited exports with a header row: EHR access audits, break-the-glass reports, user
//! and device lists pasted as CSV (quoted cells, `"DOE, JANE"`), semicolon-separated or
//! tab-separated text. The header names each column (`PatientMRN`, `user_name`,
//! `Workstation`); a column that holds an identifier goes cell by cell in every row below
//! it, and the rows' other cells (times, actions, flags) are closed to the word-level
//! rules, except free-text columns (a reason, a comment).

use super::rows::lines_with_starts;
use super::Engine;
use crate::Kind;

const REASON: &str = "identifier in a column of a delimited export (by header)";

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    /// A person: a display name (`DOE, JANE`), or a login when the cell is one word and the
    /// header says user.
    Person {
        login: bool,
    },
    Login,
    Host,
    Mrn,
    Ssn,
    Account,
    Date,
    Phone,
    Email,
    Address,
    City,
    Zip,
    HealthPlan,
    License,
    Fax,
    Vehicle,
    Device,
    County,
    /// An age, which goes when it is over 89.
    Age,
    /// A time, an action, a flag, a status: kept, closed to the word-level rules.
    Keep,
    /// Free text: left open to the word-level rules.
    Free,
    /// A column this rule does not know: left to the other rules.
    Other,
}

/// The words of a header cell: `PatientMRN` -> `patient mrn`, `user_name` -> `user name`.
fn header_words(cell: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = cell.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        // A new word at a lower-to-upper step (`userName`) or where a run of capitals
        // meets a capitalized word (`MRNNumber` -> `MRN Number`).
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || p.is_uppercase() && next.is_some_and(|n| n.is_lowercase())
            });
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// The column a header cell names.
fn column(cell: &str) -> Col {
    let w = header_words(cell);
    let has = |x: &str| w.iter().any(|s| s == x);
    let any = |xs: &[&str]| xs.iter().any(|x| has(x));
    if any(&["mrn", "mrnumber", "chart"]) || has("medical") && has("record") {
        return Col::Mrn;
    }
    if any(&["ssn", "sin", "nhs", "nino"]) {
        return Col::Ssn;
    }
    if any(&["dob", "birth", "birthdate"]) {
        return Col::Date;
    }
    if any(&["email", "mail"]) && !has("name") {
        return Col::Email;
    }
    if any(&["phone", "tel", "telephone", "mobile", "cell"]) {
        return Col::Phone;
    }
    if any(&[
        "ip", "addr", "port", "url", "domain", "hash", "sha256", "md5",
    ]) {
        return Col::Other;
    }
    if has("fax") {
        return Col::Fax;
    }
    if any(&[
        "insurance",
        "policy",
        "plan",
        "subscriber",
        "beneficiary",
        "medicaid",
        "medicare",
    ]) || has("member") && any(&["id", "no", "number"])
    {
        return Col::HealthPlan;
    }
    if any(&["npi", "dea", "license", "licence"]) {
        return Col::License;
    }
    if any(&["plate", "vin", "vehicle"]) {
        return Col::Vehicle;
    }
    if any(&["serial", "udi", "imei"]) {
        return Col::Device;
    }
    if has("county") {
        return Col::County;
    }
    if has("age") {
        return Col::Age;
    }
    // Dates of a patient's care: admission, discharge, service, death.
    if any(&[
        "admit",
        "admitted",
        "admission",
        "discharge",
        "discharged",
        "dos",
        "death",
        "deceased",
    ]) || any(&["service", "visit", "encounter"]) && any(&["date", "time", "dt"])
    {
        return Col::Date;
    }
    if any(&[
        "workstation",
        "device",
        "host",
        "hostname",
        "computer",
        "machine",
        "terminal",
        "station",
        "endpoint",
        "ws",
        "client",
    ]) && !has("ip")
    {
        return Col::Host;
    }
    if any(&["street", "address"]) {
        return Col::Address;
    }
    if any(&["city", "town"]) {
        return Col::City;
    }
    if any(&["zip", "postal", "postcode"]) {
        return Col::Zip;
    }
    if any(&[
        "reason",
        "comment",
        "comments",
        "note",
        "notes",
        "description",
        "details",
    ]) {
        return Col::Free;
    }
    // `name` alone or with words that make it a person's (`UserName`, `last_name`), not a
    // file's, a process's or an event's.
    let name_words = [
        "name", "user", "full", "display", "first", "last", "given", "family", "middle", "surname",
        "sur",
    ];
    let person = any(&[
        "patient",
        "employee",
        "staff",
        "clinician",
        "provider",
        "physician",
        "member",
        "guarantor",
        "surname",
        "owner",
        "assignee",
    ]) || has("name") && w.iter().all(|x| name_words.contains(&x.as_str()));
    let user = any(&[
        "user", "username", "login", "logon", "userid", "uid", "upn", "actor",
    ]);
    if any(&["id", "no", "number", "num", "nbr"]) && !has("name") {
        return match () {
            _ if user => Col::Login,
            _ if person && has("patient") => Col::Mrn,
            _ if person => Col::Login,
            _ if any(&["account", "acct", "encounter", "visit", "fin", "csn"]) => Col::Account,
            _ => Col::Other,
        };
    }
    // `account` alone is a user account in a security export; a billing account has a
    // number (above).
    if any(&["acct", "encounter", "visit", "fin", "csn"]) && !person && !user {
        return Col::Account;
    }
    if has("account") && !person {
        return Col::Login;
    }
    match (person, user) {
        (true, u) => Col::Person { login: u },
        (false, true) => Col::Login,
        _ if any(&[
            "time",
            "timestamp",
            "action",
            "event",
            "status",
            "flag",
            "btg",
            "result",
            "outcome",
            "type",
            "category",
            "module",
            "application",
            "app",
            "method",
            "severity",
            "level",
            "count",
            "sex",
            "gender",
            "state",
            "country",
            "activity",
            "operation",
        ]) && !any(&["date", "dt"]) =>
        {
            Col::Keep
        }
        _ => Col::Other,
    }
}

/// The byte ranges of the cells of a delimited line, quotes included (`"DOE, JANE"` is one
/// cell); `None` when a quote is left open.
fn split_cells(line: &str, sep: u8) -> Option<Vec<(usize, usize)>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'"' if i == start || quoted => quoted = !quoted,
            c if c == sep && !quoted => {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted {
        return None;
    }
    out.push((start, b.len()));
    Some(out)
}

/// The separator and the columns of a header line, when it is one: three or more short
/// cells of words without digits, two or more of them naming an identifier column.
fn header(line: &str) -> Option<(u8, Vec<Col>)> {
    let sep = [b'\t', b';', b',', b'|']
        .into_iter()
        .find(|&s| line.bytes().filter(|&b| b == s).count() >= 2)?;
    let cells = split_cells(line, sep)?;
    let cell = |&(s, e): &(usize, usize)| line[s..e].trim().trim_matches('"');
    // Every cell is checked before any is named: most lines with two commas are prose.
    let ok = |cell: &str| {
        (1..=32).contains(&cell.len())
            && cell.split_whitespace().count() <= 3
            && cell
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '_' | '-' | '.' | '#' | '/'))
    };
    if !cells.iter().all(|c| ok(cell(c))) {
        return None;
    }
    let cols: Vec<Col> = cells.iter().map(|c| column(cell(c))).collect();
    let named = cols
        .iter()
        .filter(|c| !matches!(c, Col::Other | Col::Free | Col::Keep))
        .count();
    (named >= 2).then_some((sep, cols))
}

impl Engine<'_> {
    /// Every delimited export with a header row naming its columns.
    pub(super) fn delimited_exports(&mut self) {
        let text = self.text;
        let mut table: Option<(u8, Vec<Col>)> = None;
        for (start, line) in lines_with_starts(text) {
            let line = line.trim_end_matches(['\n', '\r']);
            if let Some((sep, cols)) = &table {
                let (sep, cols) = (*sep, cols.clone());
                match split_cells(line, sep).filter(|c| c.len() == cols.len()) {
                    Some(cells) => {
                        self.export_row(start, line, &cells, &cols);
                        continue;
                    }
                    None => table = None,
                }
            }
            if let Some(h) = header(line) {
                let first = self.found.len();
                self.close_span(start, start + line.len(), first);
                table = Some(h);
            }
        }
    }

    fn export_row(&mut self, start: usize, line: &str, cells: &[(usize, usize)], cols: &[Col]) {
        let first = self.found.len();
        let mut open = Vec::new();
        for (&(s, e), &col) in cells.iter().zip(cols) {
            let raw = &line[s..e];
            let v = raw.trim().trim_matches('"');
            let at = start + s + raw.find(v).unwrap_or(0);
            let kind = match col {
                Col::Person { login } => {
                    let one_word = !v.contains([' ', ',']);
                    Some(if login && one_word {
                        Kind::User
                    } else {
                        Kind::Name
                    })
                }
                // A login or a host name is one word: `Infusion pump` under `Device` is not;
                // a host name has a digit or a separator (`Ventilator` is a kind of device).
                Col::Login | Col::Host if v.contains(char::is_whitespace) => None,
                Col::Host
                    if !v
                        .contains(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | '_')) =>
                {
                    None
                }
                Col::Login => Some(Kind::User),
                Col::Host => Some(Kind::InternalHost),
                Col::Mrn => Some(Kind::Mrn),
                Col::Ssn => Some(Kind::Ssn),
                Col::Account => Some(Kind::Account),
                Col::Date => Some(Kind::Date),
                Col::Phone => Some(Kind::Phone),
                Col::Email => Some(Kind::Email),
                Col::Address => Some(Kind::Address),
                Col::City => Some(Kind::City),
                Col::Zip => Some(Kind::Zip),
                Col::HealthPlan => Some(Kind::HealthPlanId),
                Col::License => Some(Kind::License),
                Col::Fax => Some(Kind::Fax),
                Col::Vehicle => Some(Kind::Vehicle),
                Col::Device => Some(Kind::DeviceId),
                Col::County => Some(Kind::County),
                Col::Age => {
                    let years = v.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
                    years
                        .parse::<u32>()
                        .is_ok_and(|n| n >= 90)
                        .then_some(Kind::Age)
                }
                Col::Free | Col::Other => {
                    open.push((start + s, start + e));
                    None
                }
                Col::Keep => None,
            };
            if let Some(kind) = kind {
                self.field_value(at, v, kind, REASON);
            }
        }
        self.close_except(start, start + line.len(), &open, first);
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::{column, header_words, Col};

    #[test]
    fn header_cells_are_read_as_words() {
        assert_eq!(header_words("PatientMRN"), ["patient", "mrn"]);
        assert_eq!(header_words("user_name"), ["user", "name"]);
        assert_eq!(column("UserID"), Col::Login);
        assert_eq!(column("PatientName"), Col::Person { login: false });
        assert_eq!(column("Workstation"), Col::Host);
        assert_eq!(column("AccessTime"), Col::Keep);
        assert_eq!(column("INSURANCE ID"), Col::HealthPlan);
        assert_eq!(column("Admit"), Col::Date);
        assert_eq!(column("client_ip"), Col::Other);
        assert_eq!(column("ProcessName"), Col::Other);
    }

    #[test]
    fn export_columns_go_by_header_and_quoted_names_stay_whole() {
        check(&[(
            "Export:\n\
             AccessTime,UserID,UserName,Workstation,PatientMRN,PatientName,Action,Reason\n\
             02:14:09,qfen01,\"FENWICK, TAMSIN\",WS4471,QX-448812,\"ORCHARD, WENDELL\",Chart Opened,Billing inquiry\n\
             \n\
             Chart Opened twice.\n",
            "Export:\n\
             AccessTime,UserID,UserName,Workstation,PatientMRN,PatientName,Action,Reason\n\
             02:14:09,[USER],\"[NAME]\",[INTERNAL-HOST],[MRN],\"[NAME]\",Chart Opened,Billing inquiry\n\
             \n\
             Chart Opened twice.\n",
        )]);
    }

    #[test]
    fn tab_inventory_with_a_device_kind_column() {
        check(&[(
            "Device\tUDI / Serial\tHostname\tAssigned patient\tOwner\n\
             Infusion pump\tSN-4471-ZZ\tICUPC07\tWREN, TAMSIN\tOdalys Fenwick\n\
             Ventilator\tSN-9911-QQ\tICUPC08\t\t\n",
            "Device\tUDI / Serial\tHostname\tAssigned patient\tOwner\n\
             Infusion pump\t[DEVICE-ID]\t[INTERNAL-HOST]\t[NAME]\t[NAME]\n\
             Ventilator\t[DEVICE-ID]\t[INTERNAL-HOST]\t\t\n",
        )]);
    }

    #[test]
    fn semicolon_rows_with_a_login_in_a_name_column() {
        check(&[(
            "time;user_name;device;patient;event\n\
             08:00;qfen01;LT-QZ12;Bramblewood Isolde;Notes Viewed\n",
            "time;user_name;device;patient;event\n\
             08:00;[USER];[INTERNAL-HOST];[NAME];Notes Viewed\n",
        )]);
    }
}
