//! Delimited exports with a header row: EHR access audits, break-the-glass reports, user
//! and device lists pasted as CSV (quoted cells, `"DOE, JANE"`), semicolon-separated or
//! tab-separated text. The header names each column (`PatientMRN`, `user_name`,
//! `Workstation`); a column that holds an identifier goes cell by cell in every row below
//! it, and the rows' other cells (times, actions, flags) are closed to the word-level
//! rules, except free-text columns (a reason, a comment).

use super::Engine;
use crate::Kind;

const REASON: &str = "identifier in a column of a delimited export (by header)";

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Col {
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
    /// A person's photo: its file name or link.
    Photo,
    County,
    /// A sign-in's place (`Durham, US`, `Lagos, Lagos, NG`): the city goes when the row's
    /// address is the organization's own, and stays when it is an outside address's
    /// geolocation (an attribute of the indicator, not where a person lives).
    Location,
    /// A document or print job title (`Consent - DOE, JANE - 0012345.pdf`): the parts after
    /// the first ` - ` name the patient and the record.
    Title,
    /// An age, which goes when it is over 89.
    Age,
    /// The address a user's session came from (`Client IP`): a person's own home address
    /// unless the document speaks for an attacker (`personal_ip.rs`).
    ClientIp,
    /// A call record's calling or called number (`src` and `dst` of an Asterisk CDR,
    /// `callingPartyNumber` of a Cisco one): an extension or a person's number, unless the
    /// row is an outside call under a business's caller ID (`call_row`).
    CallNumber,
    /// A call record's caller ID, `"Name" <number>`: the name and the number.
    CallerId,
    /// A call record's channel, `SIP/4417-0000a1b2`: the extension between the technology
    /// and the call's sequence number.
    Channel,
    /// A call record's dial context (`from-trunk`, `from-internal`): kept, and read for the
    /// call's direction.
    CallContext,
    /// A log search export's `source` (Graylog's `"timestamp","source","message"`): the
    /// machine that sent the message, when the cell is one word with a digit; an event
    /// log's source (`Microsoft-Windows-Security-Auditing`) has none and stays.
    Source,
    /// A time, an action, a flag, a status: kept, closed to the word-level rules.
    Keep,
    /// Free text: left open to the word-level rules.
    Free,
    /// A column this rule does not know: left to the other rules.
    Other,
}

impl Col {
    /// The kind of a value in a column that holds one identifier whatever its words (not a
    /// person, a login, a host or an account, which need their cell's shape).
    pub(super) fn value_kind(self) -> Option<Kind> {
        Some(match self {
            Col::Mrn => Kind::Mrn,
            Col::Ssn => Kind::Ssn,
            Col::Date => Kind::Date,
            Col::Phone => Kind::Phone,
            Col::Address => Kind::Address,
            Col::City => Kind::City,
            Col::Zip => Kind::Zip,
            Col::HealthPlan => Kind::HealthPlanId,
            Col::License => Kind::License,
            Col::Fax => Kind::Fax,
            Col::Vehicle => Kind::Vehicle,
            Col::Device => Kind::DeviceId,
            Col::Photo => Kind::Photo,
            _ => return None,
        })
    }
}

/// The words of a header cell: `PatientMRN` -> `patient mrn`, `user_name` -> `user name`.
pub(super) fn header_words(cell: &str) -> Vec<String> {
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
pub(super) fn column(cell: &str) -> Col {
    let w = header_words(cell);
    let has = |x: &str| w.iter().any(|s| s == x);
    let any = |xs: &[&str]| xs.iter().any(|x| has(x));
    // Call detail records: Asterisk's `clid`, `dcontext`, `channel`, `dstchannel`; Cisco's
    // `callingPartyNumber`, `finalCalledPartyNumber`; the ANI and DNIS of a contact centre.
    if any(&["clid", "callerid", "cnum"]) {
        return Col::CallerId;
    }
    if any(&["dcontext", "context"]) {
        return Col::CallContext;
    }
    if any(&["channel", "dstchannel"]) && w.len() <= 2 {
        return Col::Channel;
    }
    if any(&["ani", "dnis", "callee"])
        || any(&["calling", "called", "caller"]) && any(&["number", "num", "party"])
    {
        return Col::CallNumber;
    }
    // A certificate's common name: what a VPN's status file (OpenVPN's `Common Name`) and
    // a certificate export list each client by, its user's login.
    if w == ["common", "name"] || w == ["cn"] {
        return Col::Login;
    }
    // Who verified, approved or handled a request (`Verified by`, `Approved By`).
    if w.len() == 2 && w[1] == "by" && w[0].ends_with("ed") {
        return Col::Person { login: true };
    }
    if any(&["mrn", "mrnumber", "chart"]) || has("medical") && has("record") {
        return Col::Mrn;
    }
    // A person's photo (`Badge Photo`, `photo_url`, `Headshot`): whatever file or link the
    // cell holds shows the person. Not "image", which is a process's executable in
    // endpoint logs (Sysmon's `Image`, `ParentImage`).
    if any(&["photo", "photograph", "headshot", "portrait"]) {
        return Col::Photo;
    }
    // A newborn's identification band (`Band #`, `Infant ID`, `Wristband No.`): the number
    // that ties a baby and its mother to their records.
    let numbered = cell.contains('#') || any(&["id", "no", "number", "num", "nbr", "nr"]);
    if numbered
        && any(&[
            "band",
            "wristband",
            "bracelet",
            "baby",
            "infant",
            "newborn",
            "neonate",
        ])
    {
        return Col::Mrn;
    }
    if any(&["ssn", "sin", "nhs", "nino"]) {
        return Col::Ssn;
    }
    if any(&["dob", "birth", "birthdate"]) {
        return Col::Date;
    }
    // `SenderAddress`, `RecipientAddress`: a mail trace's e-mail columns, no street; the
    // address's own shape and role decide (an outside sender is kept, `settle.rs`).
    if has("address") && any(&["sender", "recipient", "from", "to", "reply"]) {
        return Col::Other;
    }
    if any(&["email", "mail"]) && !has("name") {
        return Col::Email;
    }
    // A pager or an extension is a number that reaches one person.
    if any(&["phone", "tel", "telephone", "mobile", "cell", "pager"]) {
        return Col::Phone;
    }
    // A licence number (`State lic.`) before the state it was issued in.
    if any(&["npi", "dea", "license", "licence", "lic"]) {
        return Col::License;
    }
    // A VPN status file's `Real Address` (where the client connected from, an attacker's
    // server as often as a home) and `Virtual Address` (the tunnel's): no street; the
    // address's own shape decides.
    if has("address") && any(&["real", "virtual"]) {
        return Col::Other;
    }
    if any(&["ip", "address", "addr"]) && any(&["client", "remote", "home"]) {
        return Col::ClientIp;
    }
    if w == ["source"] {
        return Col::Source;
    }
    if any(&[
        "ip", "addr", "port", "url", "domain", "hash", "sha256", "md5",
    ]) {
        return Col::Other;
    }
    // The id of a request, a correlation, a session or an event names a record of the
    // system, not a person.
    if any(&["id", "guid"])
        && any(&[
            "request",
            "correlation",
            "trace",
            "session",
            "event",
            "alert",
            "transaction",
            "message",
            "incident",
        ])
    {
        return Col::Keep;
    }
    if any(&["document", "title", "job", "filename"]) && !any(&["id", "no", "number", "type"]) {
        return Col::Title;
    }
    if w.len() <= 2 && any(&["location", "geolocation"]) && !any(&["device", "printer"]) {
        return Col::Location;
    }
    if has("fax") {
        return Col::Fax;
    }
    // `policy_name`: a firewall's, a WAF's or an access rule's name (`/Common/portal`), no
    // insurance policy's number.
    if has("policy") && has("name") && !any(&["insurance", "holder", "subscriber"]) {
        return Col::Keep;
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
    ]) || any(&[
        "service",
        "visit",
        "encounter",
        "study",
        "exam",
        "procedure",
        "collection",
        "specimen",
        "appointment",
        "appt",
        "pickup",
    ]) && any(&["date", "time", "dt", "datetime", "ts"])
        // A key or a column of one word that is the event of a person's care.
        || w.len() == 1
            && any(&[
                "appt",
                "appointment",
                "pickup",
                "collected",
                // A tracking board's arrival time.
                "arr",
                "arrival",
                "arrived",
            ])
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
        "wkstn",
        "client",
        "printer",
        "queue",
        "server",
    ]) && !has("ip")
        // Oracle's audit trail glues its words: `USERHOST`, `CLIENT_HOST`.
        || w.iter().any(|x| {
            x.ends_with("host")
                && ["user", "client", "src", "dst", "source", "dest", "remote", "origin"]
                    .iter()
                    .any(|p| x.starts_with(p))
        })
    {
        return Col::Host;
    }
    // `AddressState`, `Address Type`: an attribute of an address (a DHCP lease's state, home
    // or work), no street; a state is above HIPAA's geographic limit anyway.
    if has("address") && any(&["state", "status", "type", "family", "kind", "scope"]) {
        return Col::Keep;
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
        "attending",
        "doctor",
        "nurse",
        "patient",
        "pt",
        "pts",
        "patients",
        "prescriber",
        "pharmacist",
        "manager",
        "supervisor",
        "reviewer",
        "approver",
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
        // Who filled, dispensed or verified: a pharmacy's or a lab's technician.
        "tech",
        "technician",
        "verifier",
        "dispenser",
        // A ward's visitor log: who came (the baby's column keeps its "Baby Girl" for the
        // word rules).
        "visitor",
        "visitors",
        // A badge or card's holder in door-access and badge exports.
        "person",
        "cardholder",
        "holder",
    ]) || has("name") && w.iter().all(|x| name_words.contains(&x.as_str()));
    let user = any(&[
        "user", "username", "login", "logon", "userid", "uid", "upn", "actor",
    ])
        // Oracle's `DBUSERNAME`, `OS_USERNAME`: a user name glued to what it logs in to.
        || w.iter().any(|x| x.ends_with("username"));
    // A badge's or an access card's number reaches one person.
    if any(&["card", "badge"]) && !person && !any(&["type", "reader", "status"]) {
        return Col::Account;
    }
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
            // A message's or a file's size, a fax's pages.
            "size",
            "bytes",
            "pages",
            "sex",
            "gender",
            "state",
            "country",
            "activity",
            "operation",
            // A session's `Connected Since`, a file's `Last Updated`.
            "since",
            "updated",
        ]) && !any(&["date", "dt"]) =>
        {
            Col::Keep
        }
        _ => Col::Other,
    }
}

/// A call record's number: three to fifteen digits, with a `+` or the separators of a
/// written number (an empty cell or `s`, Asterisk's start extension, is none).
fn call_number(v: &str) -> bool {
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    (3..=15).contains(&digits)
        && v.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b' ' | b'-' | b'(' | b')' | b'.'))
}

/// A caller ID name that a telephone network gives when it has none (`WIRELESS CALLER`,
/// `UNKNOWN`): no business's name.
fn generic_caller_name(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "wireless"
            | "caller"
            | "unknown"
            | "anonymous"
            | "private"
            | "unavailable"
            | "restricted"
            | "blocked"
            | "out"
            | "area"
            | "name"
            | "number"
            | "cell"
            | "phone"
            | "mobile"
            | "toll"
            | "free"
    )
}

/// Whether a cell of the row is a support desk's display name.
fn row_names_a_desk(cells: &[(usize, usize)], line: &str) -> bool {
    cells
        .iter()
        .any(|c| support_desk_name(&line[c.0..c.1].trim().trim_matches('"').to_ascii_lowercase()))
}

/// A display name that is a support desk's, not a person's (`IT Support`, `Help Desk`,
/// `Microsoft Support Team`): every word a desk's, one of them naming the desk.
fn support_desk_name(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "it",
        "support",
        "help",
        "helpdesk",
        "desk",
        "service",
        "servicedesk",
        "tech",
        "technical",
        "microsoft",
        "team",
        "admin",
        "administrator",
        "security",
        "-",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|w| WORDS.contains(w))
        && words.iter().any(|w| {
            matches!(
                *w,
                "support" | "helpdesk" | "desk" | "servicedesk" | "admin"
            )
        })
}

/// A sign-in's geolocation: `place, CC` or `place, region, CC`, with no digit.
fn geolocation(v: &str) -> bool {
    let parts: Vec<&str> = v.split(',').map(str::trim).collect();
    let last = parts.last().copied().unwrap_or("");
    (2..=3).contains(&parts.len())
        && last.len() == 2
        && last.bytes().all(|b| b.is_ascii_uppercase())
        && !v.bytes().any(|b| b.is_ascii_digit())
        && parts.iter().all(|p| !p.is_empty())
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

/// What a byte of a delimited header line is, looked up in one step: the index of the
/// separator it is (tab, `;`, `,`, `|`), a byte a cell may hold (a letter, a blank, a byte
/// beyond ASCII, a few marks), or a byte no header holds.
const HEADER_BYTE: [u8; 256] = {
    let mut t = [HEADER_REFUSED; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'\t' => 0,
            b';' => 1,
            b',' => 2,
            b'|' => 3,
            b'"' | b'_' | b'-' | b'.' | b'#' | b'/' | b'(' | b')' => HEADER_CELL,
            // The blanks of `char::is_whitespace` in ASCII (the tab is a separator above).
            b'\n' | 0x0B | 0x0C | b'\r' | b' ' => HEADER_CELL,
            b if !b.is_ascii() || b.is_ascii_alphabetic() => HEADER_CELL,
            _ => HEADER_REFUSED,
        };
        c += 1;
    }
    t
};
const HEADER_CELL: u8 = 4;
const HEADER_REFUSED: u8 = 5;

/// The separator, the columns of a header line and how many of them name an identifier
/// column, when it may be one: two or more short cells of words without digits, one or more
/// of them naming an identifier column. Two such columns make it a header; fewer (or only
/// two cells) need a row under it cut into as many cells ([`Engine::delimited_exports`]).
fn header(line: &str) -> Option<(u8, Vec<Col>, usize)> {
    // One pass counts the four separators and rejects a line with an ASCII byte no header
    // cell may hold (a digit, `:`, `=`...): the separators are the only bytes outside the
    // cells, and trimming only takes blanks and quotes off a cell's ends.
    let mut count = [0usize; 4];
    for b in line.bytes() {
        match HEADER_BYTE[usize::from(b)] {
            HEADER_CELL => {}
            HEADER_REFUSED => return None,
            sep => count[usize::from(sep)] += 1,
        }
    }
    let sep = [b'\t', b';', b',', b'|']
        .into_iter()
        .zip(count)
        .find(|&(_, n)| n >= 2)
        .or_else(|| {
            // `Virtual Address,Common Name`: a header of two cells, read only when a row
            // under it confirms it.
            [b'\t', b';', b',', b'|']
                .into_iter()
                .zip(count)
                .find(|&(_, n)| n == 1)
        })?
        .0;
    let cells = split_cells(line, sep)?;
    let cell = |&(s, e): &(usize, usize)| line[s..e].trim().trim_matches('"');
    // Every cell is checked before any is named: most lines with two commas are prose.
    let ok = |cell: &str| {
        (1..=40).contains(&cell.len())
            && cell.split_whitespace().count() <= 5
            && cell.chars().all(|c| {
                c.is_alphabetic() || matches!(c, ' ' | '_' | '-' | '.' | '#' | '/' | '(' | ')')
            })
    };
    if !cells.iter().all(|c| ok(cell(c))) {
        return None;
    }
    let mut cols: Vec<Col> = cells.iter().map(|c| column(cell(c))).collect();
    // A call record's `src` and `dst` are the calling and the called numbers (a firewall
    // log's are addresses, which is why a call record's other columns must say so).
    if cols
        .iter()
        .any(|c| matches!(c, Col::CallerId | Col::CallContext))
    {
        for (col, c) in cols.iter_mut().zip(&cells) {
            if matches!(
                cell(c).to_ascii_lowercase().as_str(),
                "src" | "dst" | "source" | "destination"
            ) {
                *col = Col::CallNumber;
            }
        }
    }
    // A care log listing patients (`When | Patient | Lang | Room`): its one time column is
    // when that patient was seen, called or served, a date of the person's care.
    let patients = cells.iter().zip(&cols).any(|(c, col)| {
        matches!(col, Col::Person { .. })
            && header_words(cell(c))
                .iter()
                .any(|w| matches!(w.as_str(), "patient" | "pt" | "resident" | "client"))
    });
    // An access audit (a user or a device column beside the patient) stamps an access by
    // staff, not the patient's care.
    let audit = cols.iter().any(|c| matches!(c, Col::Login | Col::Host));
    if patients && !audit {
        let stamp = |c: &str| {
            matches!(
                c.to_ascii_lowercase().as_str(),
                "when" | "date" | "date/time" | "datetime" | "requested" | "called"
            )
        };
        let stamps: Vec<usize> = (0..cells.len())
            .filter(|&i| stamp(cell(&cells[i])))
            .collect();
        if let [i] = stamps[..] {
            cols[i] = Col::Date;
        }
    }
    let named = cols
        .iter()
        .filter(|c| {
            !matches!(
                c,
                Col::Other | Col::Free | Col::Keep | Col::Channel | Col::CallContext
            )
        })
        .count();
    (named >= 1).then_some((sep, cols, named))
}

/// Whether a separator is followed by a blank somewhere in the line: how prose lists
/// (`Pt DOE, JANE`, `DOB: March 3, 1950`) are written, and exports that name too few
/// columns to be told from prose (a weak header and the row confirming it) are not.
fn spaced_after(line: &str, sep: u8) -> bool {
    line.as_bytes()
        .windows(2)
        .any(|w| w[0] == sep && w[1] == b' ')
}

/// The columns of a fixed-width header (a report printed by an EHR, a mainframe or a
/// database client: `ACCESS_TS     USERID    PATIENT`): three or more cells set apart by two
/// or more spaces, two or more of them naming an identifier column. Each column is the
/// character position where its header cell starts.
fn fixed_header(line: &str) -> Option<(Vec<usize>, Vec<Col>)> {
    // Most lines are prose or log records: a header has no digit and two blanks in a row.
    if !line.contains("  ")
        || !line.is_ascii()
        || line
            .bytes()
            .any(|b| b.is_ascii_digit() || matches!(b, b'\t' | b',' | b';' | b'|'))
    {
        return None;
    }
    // A cell runs to the next run of two spaces.
    let ranges = two_space_cells(line);
    let starts: Vec<usize> = ranges.iter().map(|&(s, _)| s).collect();
    let cells: Vec<&str> = ranges.iter().map(|&(s, e)| &line[s..e]).collect();
    let ok = |cell: &str| {
        (1..=32).contains(&cell.len())
            && cell.split_whitespace().count() <= 3
            && cell
                .chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '_' | '-' | '.' | '#' | '/'))
    };
    if cells.len() < 3 || !cells.iter().all(|c| ok(c)) {
        return None;
    }
    let cols: Vec<Col> = cells.iter().map(|c| column(c)).collect();
    let named = cols
        .iter()
        .filter(|c| !matches!(c, Col::Other | Col::Free | Col::Keep))
        .count();
    (named >= 2).then_some((starts, cols))
}

/// The cells of a row typed with two or more spaces between them (byte ranges of the line).
fn two_space_cells(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && !(b[i] == b' ' && b.get(i + 1).is_none_or(|&c| c == b' ')) {
            i += 1;
        }
        out.push((s, i));
    }
    out
}

/// The columns of a header as the rule under it draws them, one run of dashes per column
/// (`------------ ---------------`): each column starts where its run does and is named by
/// the header's text above the run. `None` unless every run has header text above it.
fn rule_columns(header: &str, rule: &str) -> Option<(Vec<usize>, Vec<Col>)> {
    if !rule.is_ascii() || !header.is_ascii() || rule.bytes().any(|b| !matches!(b, b'-' | b' ')) {
        return None;
    }
    let b = rule.as_bytes();
    let mut starts = Vec::new();
    let mut cols = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'-' {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i] == b'-' {
            i += 1;
        }
        let cell = header.get(s..i.min(header.len()))?.trim();
        if cell.is_empty() {
            return None;
        }
        starts.push(s);
        cols.push(column(cell));
    }
    Some((starts, cols))
}

/// A line under a header that only draws a rule (`-----  ------`, `=====`).
fn rule_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.bytes()
            .all(|b| matches!(b, b'-' | b'=' | b'+' | b' ' | b'|'))
}

/// The cells of a fixed-width row (byte ranges of the line), one per column. A report
/// printed with fixed widths shifts the rest of its line when a value is longer than its
/// column (`QFENWICK.LONGNAME` in a column of 12): a word one space after another stays in its
/// cell unless it starts at or past the next column; a word after a wider gap opens the next
/// cell, in the column nearest to where it starts. `None` when the row does not line up:
/// fewer than two of its cells, or fewer than two thirds, start within three characters of
/// their column (a table typed with two spaces between its cells, whatever their widths, is
/// cut by the delimited-table rule instead).
fn fixed_cells(line: &str, starts: &[usize]) -> Option<Vec<(usize, usize)>> {
    let mut cells: Vec<Option<(usize, usize)>> = vec![None; starts.len()];
    // Words: (first byte, end byte, character column, blanks before it).
    let mut words: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut gap = usize::MAX;
    for (col, (byte, ch)) in line.char_indices().enumerate() {
        if ch.is_whitespace() {
            gap = gap.saturating_add(1);
            continue;
        }
        match words.last_mut() {
            Some(w) if gap == 0 => w.1 = byte + ch.len_utf8(),
            _ => words.push((byte, byte + ch.len_utf8(), col, gap)),
        }
        gap = 0;
    }
    let (mut opened, mut aligned) = (0, 0);
    let mut cur: Option<usize> = None;
    // How far the line has shifted right after a value overflowed its column, as the
    // previous cell showed it; `None` before any overflow.
    let mut shift: Option<isize> = None;
    let mut last_end_col = 0;
    for (s, e, col, gap) in words {
        let c = match cur {
            None => starts.partition_point(|&x| x <= col).saturating_sub(1),
            Some(c) if gap == 1 && starts.get(c + 1).is_none_or(|&next| col < next) => c,
            Some(c) if c + 1 >= starts.len() => c,
            Some(c) => (c + 1..starts.len())
                .min_by_key(|&x| starts[x].abs_diff(col))
                .unwrap_or(c),
        };
        if cur != Some(c) {
            // The cell before ran into this column: everything after it moved right.
            if let Some(p) = cur {
                if starts
                    .get(p + 1)
                    .is_some_and(|&next| last_end_col + 1 >= next)
                {
                    shift = Some(col as isize - starts[c] as isize);
                }
            }
            opened += 1;
            let off = col as isize - starts[c] as isize;
            if off.abs() <= 3 || shift.is_some_and(|sh| (off - sh).abs() <= 1) {
                aligned += 1;
            }
        }
        cur = Some(c);
        last_end_col = col + line[s..e].chars().count() - 1;
        let cell = cells[c].get_or_insert((s, e));
        cell.1 = e;
    }
    if aligned < 2 || aligned * 3 < opened * 2 {
        return None;
    }
    Some(cells.into_iter().map(|c| c.unwrap_or((0, 0))).collect())
}

impl Engine<'_> {
    /// Every delimited export with a header row naming its columns.
    pub(super) fn delimited_exports(&mut self) {
        self.fixed_width_reports();
        let mut table: Option<(u8, Vec<Col>)> = None;
        // A header that names fewer than two identifier columns (or has only two cells),
        // kept until the next line says whether rows follow it: where it starts and ends.
        let mut weak: Option<(usize, usize, u8, Vec<Col>)> = None;
        // The tagged tables of a status file: each tag's separator and columns.
        let mut tagged: Vec<(&str, u8, Vec<Col>)> = Vec::new();
        for (start, line) in self.lines() {
            let line = line.trim_end_matches(['\n', '\r']);
            if let Some((hs, he, sep, cols)) = weak.take() {
                if split_cells(line, sep).is_some_and(|c| c.len() == cols.len())
                    && !spaced_after(line, sep)
                    && header(line).is_none()
                {
                    let first = self.found.len();
                    self.close_span(hs, he, first);
                    table = Some((sep, cols));
                }
            }
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
            // OpenVPN's status file (versions 2 and 3): `HEADER,CLIENT_LIST,Common Name,...`
            // names the columns of the rows that open with `CLIENT_LIST,`.
            if self.tagged_row(start, line, &tagged) {
                continue;
            }
            if let Some(rest) = line
                .strip_prefix("HEADER")
                .filter(|r| r.starts_with([',', '\t']))
            {
                let sep = rest.as_bytes()[0];
                if let Some((tag, names)) = rest[1..].split_once(sep as char) {
                    if let Some((s2, cols, _)) = header(names).filter(|h| h.0 == sep) {
                        let first = self.found.len();
                        self.close_span(start, start + line.len(), first);
                        tagged.retain(|t| t.0 != tag);
                        tagged.push((tag, s2, cols));
                        continue;
                    }
                }
            }
            if let Some((sep, cols, named)) = header(line) {
                if named >= 2 && cols.len() >= 3 {
                    let first = self.found.len();
                    self.close_span(start, start + line.len(), first);
                    table = Some((sep, cols));
                } else if !spaced_after(line, sep) {
                    weak = Some((start, start + line.len(), sep, cols));
                }
            }
        }
    }

    /// A row of a tagged table (`CLIENT_LIST,jdoe,203.0.113.9:51234,...` under
    /// `HEADER,CLIENT_LIST,...`): read after its tag. Whether the line was one.
    fn tagged_row(&mut self, start: usize, line: &str, tagged: &[(&str, u8, Vec<Col>)]) -> bool {
        let Some((tag, sep, cols)) = tagged.iter().find(|(tag, sep, _)| {
            line.strip_prefix(tag)
                .is_some_and(|r| r.as_bytes().first() == Some(sep))
        }) else {
            return false;
        };
        let skip = tag.len() + 1;
        let rest = &line[skip..];
        let Some(cells) = split_cells(rest, *sep).filter(|c| c.len() == cols.len()) else {
            return false;
        };
        let cols = cols.clone();
        self.export_row(start + skip, rest, &cells, &cols);
        true
    }

    /// Reports printed in fixed-width columns under a header naming them: the same columns
    /// as a delimited export, cut by the header's character positions.
    fn fixed_width_reports(&mut self) {
        let mut table: Option<(Vec<usize>, Vec<Col>)> = None;
        // The header's columns word by word (`Age Sex` is two), for rows typed with two
        // spaces between their cells whatever the header's widths.
        let mut word_cols: Vec<Col> = Vec::new();
        // Once a row is read that way, the table is typed, not printed: every row must be.
        let mut typed = false;
        // The header just read, until the line under it is seen.
        let mut header_line: Option<&str> = None;
        for (start, line) in self.lines() {
            let line = line.trim_end_matches(['\n', '\r']);
            if table.is_some() && rule_line(line) {
                // The rule under a header drawn as one run of dashes per column (what
                // PowerShell's and SQL clients' tables print) marks where each column
                // starts, where the header put only one space between two of them.
                let known = table.as_ref().map_or(0, |t| t.0.len());
                if let Some(split) = header_line
                    .take()
                    .and_then(|h| rule_columns(h, line))
                    .filter(|r| r.0.len() > known)
                {
                    table = Some(split);
                }
                continue;
            }
            header_line = None;
            if let Some((starts, cols)) = &table {
                if let Some(cells) = fixed_cells(line, starts).filter(|_| !typed) {
                    let cols = cols.clone();
                    self.export_row(start, line, &cells, &cols);
                    continue;
                }
                let spaced = two_space_cells(line);
                if spaced.len() >= 3 && spaced.len() == word_cols.len() {
                    typed = true;
                    let cols = word_cols.clone();
                    self.export_row(start, line, &spaced, &cols);
                    continue;
                }
                table = None;
            }
            typed = false;
            if let Some(h) = fixed_header(line) {
                let first = self.found.len();
                self.close_span(start, start + line.len(), first);
                word_cols = line.split_whitespace().map(column).collect();
                table = Some(h);
                header_line = Some(line);
            }
        }
    }

    fn export_row(&mut self, start: usize, line: &str, cells: &[(usize, usize)], cols: &[Col]) {
        let first = self.found.len();
        let mut open = Vec::new();
        // An outside address in the row (a public IP, marked an indicator by its shape):
        // the row's location is that address's geolocation.
        let outside = self.toks[self.toks.partition_point(|t| t.end <= start)..]
            .iter()
            .take_while(|t| t.start < start + line.len())
            .any(|t| {
                t.class == super::Class::Protected
                    && (t.s.contains('.') && t.s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                        || t.s.contains(':')
                            && t.s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':'))
            });
        // The session's user, and whether it came from an attacker's machine, for a client
        // address column.
        let cell = |c: &(usize, usize)| line[c.0..c.1].trim().trim_matches('"');
        let user = cells
            .iter()
            .zip(cols)
            .find(|(_, col)| matches!(col, Col::Login | Col::Person { .. }))
            .map(|(c, _)| cell(c).to_lowercase());
        let attacker = cells
            .iter()
            .any(|c| super::personal_ip::attacker_client(cell(c)));
        let spoofed = self.call_from_business(start, line, cells, cols);
        for (&(s, e), &col) in cells.iter().zip(cols) {
            let raw = &line[s..e];
            let mut v = raw.trim().trim_matches('"');
            let mut at = start + s + raw.find(v).unwrap_or(0);
            // A person's title stays (`Dr Abney`): the name after it goes.
            if matches!(col, Col::Person { .. }) {
                while let Some((first, rest)) = v.split_once(' ') {
                    if !super::fields::is_title(first) {
                        break;
                    }
                    let rest = rest.trim_start();
                    at += v.len() - rest.len();
                    v = rest;
                }
            }
            // `Jane Doe (jdoe)`: a user column that gives the display name and the login.
            if matches!(col, Col::Login | Col::Person { .. }) {
                if let Some((name, login)) = v
                    .strip_suffix(')')
                    .and_then(|r| r.split_once(" ("))
                    .filter(|(n, l)| {
                        n.chars().any(char::is_alphabetic)
                            && n.chars().all(|c| {
                                c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | ',')
                            })
                            && !l.is_empty()
                            && !l.contains(char::is_whitespace)
                    })
                {
                    self.field_value(at, name, Kind::Name, REASON);
                    self.field_value(at + name.len() + 2, login, Kind::User, REASON);
                    continue;
                }
            }
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
                // A user column of a sign-in export holds the display name (`Carl bin Omar`).
                Col::Login
                    if v.contains(char::is_whitespace)
                        && v.split_whitespace()
                            .any(|w| w.starts_with(char::is_uppercase))
                        && v.chars().all(|c| {
                            c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | ',')
                        }) =>
                {
                    Some(Kind::Name)
                }
                // A source without a digit (`Jos-iPhone`, an event log's provider) is left
                // to the word-level rules.
                Col::Source
                    if v.contains(char::is_whitespace)
                        || !v.contains(|c: char| c.is_ascii_digit()) =>
                {
                    open.push((start + s, start + e));
                    None
                }
                Col::Login | Col::Host if v.contains(char::is_whitespace) => None,
                // A printer's or a share's UNC path: the server and the queue are both hosts.
                Col::Host if v.starts_with("\\\\") => {
                    // The path is one token, which the share-path rule keeps but for its
                    // host: the queue is removed here unless the server is an outside one
                    // (an address or a dotted name, an attacker's relay).
                    let server = v.trim_start_matches('\\').split('\\').next().unwrap_or("");
                    if !server.contains('.') && !server.contains(':') {
                        for (o, part) in super::structured::pieces(v, '\\') {
                            if !part.is_empty() {
                                self.remove(
                                    at + o,
                                    at + o + part.len(),
                                    Kind::InternalHost,
                                    REASON,
                                );
                            }
                        }
                    }
                    None
                }
                Col::Host
                    if !v
                        .contains(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | '_')) =>
                {
                    None
                }
                Col::Login => Some(Kind::User),
                Col::Host | Col::Source => Some(Kind::InternalHost),
                Col::Account => Some(Kind::Account),
                // `"IT Support",x7@outlook.com`: a free-mail address under a support desk's
                // name is an impostor's, kept; a person's name keeps its address private.
                Col::Email if self.free_mail(v) && row_names_a_desk(cells, line) => {
                    self.keep_span(at, at + v.len());
                    None
                }
                Col::Email => Some(Kind::Email),
                Col::County => Some(Kind::County),
                // A geolocation is `place, CC` (a country or state code last); a ward or a
                // room (`5N-12`, `ICU bed 4`) is left to the other rules.
                Col::Title => {
                    if !self.title_cell(at, v) {
                        open.push((start + s, start + e));
                    }
                    None
                }
                Col::Location if !geolocation(v) => {
                    open.push((start + s, start + e));
                    None
                }
                Col::Location => {
                    if !outside {
                        self.location_cell(at, v);
                    }
                    None
                }
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
                // The spoofed caller's number is kept wherever the row repeats it; the
                // extension it called goes.
                Col::CallNumber if spoofed.is_some_and(|n| n == v) => {
                    self.keep_span(at, at + v.len());
                    None
                }
                Col::CallNumber => call_number(v).then_some(Kind::Phone),
                Col::CallerId => {
                    self.caller_id_cell(at, v, spoofed.is_some());
                    None
                }
                Col::Channel => {
                    // `SIP/4417-0000a1b2`, `PJSIP/4417-00000012`: the extension only.
                    if let Some((tech, rest)) = v.split_once('/') {
                        let ext = rest.rsplit_once('-').map_or(rest, |(x, _)| x);
                        if !tech.is_empty() && call_number(ext) {
                            let o = at + tech.len() + 1;
                            self.remove(o, o + ext.len(), Kind::Phone, REASON);
                        }
                    }
                    None
                }
                Col::ClientIp => {
                    let k = self.toks.partition_point(|t| t.end <= at);
                    if let Some(user) = user.clone().filter(|_| {
                        k < self.toks.len() && self.toks[k].start == at && self.public_address(k)
                    }) {
                        self.client_addresses.push(super::ClientAddress {
                            tok: k,
                            user,
                            attacker,
                        });
                    }
                    None
                }
                // The rest hold one identifier whatever its words, or none (a kept column).
                _ => col.value_kind(),
            };
            if let Some(kind) = kind {
                self.field_value(at, v, kind, REASON);
            }
        }
        self.close_except(start, start + line.len(), &open, first);
    }

    /// Whether a call record's row is an outside call (a trunk, the PSTN, an inbound DID
    /// context) whose caller ID names a business rather than a person or a place
    /// (`"BENEFITS OFFICE" <18005550100>`): an impersonator's call-back number, an indicator
    /// and no patient's number. A caller ID with a listed given name or surname, a place
    /// (a network's city-and-state label) or a network's placeholder is a person's call.
    /// Gives the caller's number when the row is such a call.
    fn call_from_business<'l>(
        &self,
        start: usize,
        line: &'l str,
        cells: &[(usize, usize)],
        cols: &[Col],
    ) -> Option<&'l str> {
        let cell = |c: &(usize, usize)| line[c.0..c.1].trim().trim_matches('"');
        let inbound = cells.iter().zip(cols).any(|(c, col)| {
            let v = cell(c).to_ascii_lowercase();
            match col {
                Col::CallContext => {
                    !v.contains("internal")
                        && ["trunk", "pstn", "did", "inbound", "incoming", "external"]
                            .iter()
                            .any(|w| v.contains(w))
                }
                Col::Channel => v
                    .split_once('/')
                    .is_some_and(|(_, r)| r.starts_with("trunk")),
                _ => false,
            }
        });
        if !inbound {
            return None;
        }
        let &(s, e) = cells
            .iter()
            .zip(cols)
            .find(|(_, col)| **col == Col::CallerId)
            .map(|(c, _)| c)?;
        let v = &line[s..e];
        let lt = v.find('<')?;
        let gt = v[lt..].find('>')? + lt;
        let number = &v[lt + 1..gt];
        let (from, to) = (start + s, start + s + lt);
        let first = self.toks.partition_point(|t| t.end <= from);
        let mut words = 0;
        for t in self.toks[first..].iter().take_while(|t| t.start < to) {
            if !t.s.bytes().any(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            words += 1;
            if t.flags & (super::cues::NAME_LISTS | crate::vocab::flag::PLACE) != 0
                || generic_caller_name(t.s)
            {
                return None;
            }
        }
        (words > 0 && call_number(number)).then_some(number)
    }

    /// Keeps the tokens of `s..e` as they are: an indicator a column's role reveals.
    /// Whether an address is at a consumer mail provider (the public list of them).
    fn free_mail(&self, v: &str) -> bool {
        v.rsplit_once('@')
            .is_some_and(|(_, d)| self.v.webmail.contains(d.to_ascii_lowercase().as_str()))
    }

    fn keep_span(&mut self, s: usize, e: usize) {
        let first = self.toks.partition_point(|t| t.end <= s);
        for t in self.toks[first..].iter_mut().take_while(|t| t.start < e) {
            if t.class != super::Class::Removed {
                t.class = super::Class::Protected;
            }
        }
    }

    /// A caller ID cell, `"Ashley Long" <5181>` (quotes escaped or doubled inside the CSV
    /// cell): the name goes as a name and the number as a telephone number, or both stay
    /// when the row is a business's spoofed call.
    fn caller_id_cell(&mut self, at: usize, v: &str, spoofed: bool) {
        let (name, number) = match (v.find('<'), v.rfind('>')) {
            (Some(lt), Some(gt)) if lt < gt => (&v[..lt], Some((lt + 1, &v[lt + 1..gt]))),
            _ => (v, None),
        };
        if spoofed {
            self.keep_span(at, at + v.len());
            return;
        }
        if let Some((o, n)) = number {
            if call_number(n) {
                self.remove(at + o, at + o + n.len(), Kind::Phone, REASON);
            }
        }
        let trimmed = name.trim_matches(|c: char| c == '"' || c == '\\' || c.is_whitespace());
        if trimmed.chars().any(char::is_alphabetic)
            && trimmed.split_whitespace().count() <= 5
            && trimmed
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | ','))
            && !trimmed.split_whitespace().all(generic_caller_name)
        {
            let o = at + name.find(trimmed).unwrap_or(0);
            self.remove(o, o + trimmed.len(), Kind::Name, REASON);
        } else if call_number(trimmed) {
            let o = at + name.find(trimmed).unwrap_or(0);
            self.remove(o, o + trimmed.len(), Kind::Phone, REASON);
        }
    }

    /// The parts of a document title after its first ` - ` (`Lab_Results - KIM, SUSAN -
    /// A37457526.pdf`): a part of letters is the patient's name, a part of one word with
    /// five or more digits a record number. Returns false when the title has no such part.
    fn title_cell(&mut self, at: usize, v: &str) -> bool {
        let mut any = false;
        let mut offset = 0;
        let parts: Vec<(usize, &str)> = v
            .split(" - ")
            .map(|p| {
                let r = (offset, p);
                offset += p.len() + 3;
                r
            })
            .collect();
        for &(o, part) in parts.iter().skip(1) {
            // The file's extension is not part of the value.
            let body = match part.rsplit_once('.') {
                Some((b, ext))
                    if (2..=5).contains(&ext.len())
                        && ext.bytes().all(|c| c.is_ascii_alphanumeric()) =>
                {
                    b
                }
                _ => part,
            };
            let digits = body.bytes().filter(u8::is_ascii_digit).count();
            let kind = if digits >= 5 && !body.trim().contains(' ') {
                Kind::Mrn
            } else if digits == 0
                && body.chars().any(char::is_alphabetic)
                && body
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '-' | '\'' | '.'))
            {
                Kind::Name
            } else {
                continue;
            };
            self.field_value(at + o, body, kind, REASON);
            any = true;
        }
        any
    }

    /// The place parts of a location cell (`Mission Hill, US`, `Durham, NC, US`): every
    /// comma-separated part but a trailing two-letter country or state code goes as a city.
    fn location_cell(&mut self, at: usize, v: &str) {
        let code = |p: &str| {
            let p = p.trim();
            p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase())
        };
        for (o, part) in super::structured::pieces(v, ',') {
            if !code(part) {
                self.field_value(at + o, part, Kind::City, REASON);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::super::scrubbed;
    use super::{column, header_words, Col};

    #[test]
    fn the_header_byte_table_says_what_the_byte_tests_said() {
        for b in 0..=255u8 {
            let want = match b {
                b'\t' => 0,
                b';' => 1,
                b',' => 2,
                b'|' => 3,
                b'"' | b'_' | b'-' | b'.' | b'#' | b'/' | b'(' | b')' => super::HEADER_CELL,
                b if !b.is_ascii() || b.is_ascii_alphabetic() || (b as char).is_whitespace() => {
                    super::HEADER_CELL
                }
                _ => super::HEADER_REFUSED,
            };
            assert_eq!(super::HEADER_BYTE[usize::from(b)], want, "{b:#x}");
        }
    }

    #[test]
    fn a_call_record_loses_its_extensions_numbers_and_names_but_keeps_a_spoofed_business_call() {
        check(&[(
            "\"calldate\",\"clid\",\"src\",\"dst\",\"dcontext\",\"channel\",\"duration\"\n\
             \"2025-02-03 10:11:12\",\"\\\"Wendell Orchard\\\" <4417>\",\"4417\",\"6175550143\",\"outbound\",\"SIP/4417-00a1\",\"61\"\n\
             \"2025-02-03 10:15:40\",\"\\\"REFUND DESK\\\" <18885550199>\",\"18885550199\",\"4417\",\"from-trunk\",\"SIP/trunk-00b2\",\"41\"\n",
            "\"calldate\",\"clid\",\"src\",\"dst\",\"dcontext\",\"channel\",\"duration\"\n\
             \"[DATE] 10:11:12\",\"\\\"[NAME]\\\" <[PHONE]>\",\"[PHONE]\",\"[PHONE]\",\"outbound\",\"SIP/[PHONE]-00a1\",\"61\"\n\
             \"[DATE] 10:15:40\",\"\\\"REFUND DESK\\\" <18885550199>\",\"18885550199\",\"[PHONE]\",\"from-trunk\",\"SIP/trunk-00b2\",\"41\"\n",
        )]);
        // A firewall export's `src` and `dst` are addresses, not numbers of a call.
        assert_eq!(column("callingPartyNumber"), Col::CallNumber);
        assert_ne!(column("src"), Col::CallNumber);
        assert_eq!(
            super::header("time,src,dst,user,workstation")
                .map(|(_, c, _)| c.contains(&Col::CallNumber)),
            Some(false)
        );
    }

    #[test]
    fn an_inbound_call_under_a_persons_caller_id_is_the_persons_number() {
        check(&[(
            "calldate,clid,src,dst,dcontext\n\
             2025-02-03 10:15:40,\"Wendell Orchard <6175550143>\",6175550143,4417,from-pstn\n",
            "calldate,clid,src,dst,dcontext\n\
             [DATE] 10:15:40,\"[NAME] <[PHONE]>\",[PHONE],[PHONE],from-pstn\n",
        )]);
    }

    #[test]
    fn a_location_tags_person_column_names_who_wore_it() {
        super::super::check(&[(
            "unit,person,pager,zone\n5W,\"Mude, Rochus\",x4471,ICU\n5E,\"Tarn, Ola\",x4472,ED\n",
            "unit,person,pager,zone\n5W,\"[NAME]\",[PHONE],ICU\n5E,\"[NAME]\",[PHONE],ED\n",
        )]);
    }

    #[test]
    fn a_door_access_report_goes_by_its_card_and_cardholder_columns() {
        super::super::check(&[(
            "Date/Time            Card       Cardholder             Door\n\
             2031-02-03 08:56:59 447120     CLAY, DANIEL           Lab Annex\n\
             2031-02-03 09:12:10 550231     WREN, ODILE            Lab Annex\n",
            "Date/Time            Card       Cardholder             Door\n\
             [DATE] 08:56:59 [ID]     [NAME]           Lab Annex\n\
             [DATE] 09:12:10 [ID]     [NAME]            Lab Annex\n",
        )]);
    }

    #[test]
    fn a_free_mail_address_under_a_support_desks_name_stays() {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s
            .scrub_text(
                "Name,Email,Join Time\n\
                 \"Rosa Diaz\",rosa.diaz81@gmail.com,09:00\n\
                 \"IT Support\",desk.fix204@gmail.com,09:05\n\
                 \"Omar Said\",omar.said@clinic.example,09:06\n",
            )
            .text;
        assert!(out.contains("desk.fix204@gmail.com"), "{out:?}");
        // A person's free-mail address and a desk's name on a person's row go.
        assert!(!out.contains("rosa.diaz81@gmail.com"), "{out:?}");
        assert!(!out.contains("omar.said@clinic.example"), "{out:?}");
    }

    #[test]
    fn header_cells_are_read_as_words() {
        assert_eq!(header_words("PatientMRN"), ["patient", "mrn"]);
        assert_eq!(header_words("user_name"), ["user", "name"]);
        assert_eq!(column("UserID"), Col::Login);
        assert_eq!(column("PatientName"), Col::Person { login: false });
        assert_eq!(column("Workstation"), Col::Host);
        assert_eq!(column("USERHOST"), Col::Host);
        assert_eq!(column("DBUSERNAME"), Col::Login);
        assert_eq!(column("AccessTime"), Col::Keep);
        assert_eq!(column("Size"), Col::Keep);
        assert_eq!(column("INSURANCE ID"), Col::HealthPlan);
        assert_eq!(column("Admit"), Col::Date);
        assert_eq!(column("client_ip"), Col::ClientIp);
        assert_eq!(column("src_ip"), Col::Other);
        assert_eq!(column("ProcessName"), Col::Other);
        assert_eq!(column("Band #"), Col::Mrn);
        assert_eq!(column("Infant ID"), Col::Mrn);
        // A radio's band is no one's.
        assert_ne!(column("Band"), Col::Mrn);
    }

    #[test]
    fn a_newborns_band_number_in_a_pipe_table_goes() {
        check(&[(
            "Time | Visitor | Relationship | Band # | Status\n\
             09:12 | Oriel Vantassel | aunt | 4417 | ok\n",
            "Time | Visitor | Relationship | Band # | Status\n\
             09:12 | [NAME] | aunt | [MRN] | ok\n",
        )]);
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
    fn a_fixed_width_report_goes_by_its_header_positions() {
        check(&[(
            "ACCESS_TIME       LOGIN        STAFF_NAME          WKSTN      PAT_MRN   PATIENT\n\
             ----------------  -----------  ------------------  ---------  --------  ---------------\n\
             2031-02-03 04:05  QFENWICK.LONG FENWICK, TAMSIN    WS-4471    88120391  ORCHARD,WENDELL\n\
             2031-02-03 04:09  qmarsh       Marsh, Odile        WS-4472    77120392  Brandt, Ilse\n\
             2031-02-03 04:11  QFENWICK.LONGNAME FENWICK, TAMSIN     WS-4471    88120391  ORCHARD,WENDELL\n\
             \n\
             end of report\n",
            "ACCESS_TIME       LOGIN        STAFF_NAME          WKSTN      PAT_MRN   PATIENT\n\
             ----------------  -----------  ------------------  ---------  --------  ---------------\n\
             [DATE] 04:05  [USER] [NAME]    [INTERNAL-HOST]    [MRN]  [NAME]\n\
             [DATE] 04:09  [USER]       [NAME]        [INTERNAL-HOST]    [MRN]  [NAME]\n\
             [DATE] 04:11  [USER] [NAME]     [INTERNAL-HOST]    [MRN]  [NAME]\n\
             \n\
             end of report\n",
        )]);
    }

    #[test]
    fn sign_in_export_request_ids_stay_and_a_location_goes_only_for_an_inside_address() {
        check(&[(
            "Date (UTC),Request ID,User,Username,IP address,Location\n\
             2025-01-02T03:04:05Z,0f3c1a2b-1111-4222-8333-944455556666,\"Wren, Tamsin\",tamsin.wren@corp.example,10.2.3.4,\"Fernvale, US\"\n\
             2025-01-02T03:09:05Z,1a2b3c4d-1111-4222-8333-944455556666,\"Wren, Tamsin\",tamsin.wren@corp.example,185.220.101.7,\"Lagos, Lagos, NG\"\n",
            "Date (UTC),Request ID,User,Username,IP address,Location\n\
             2025-01-02T03:04:05Z,0f3c1a2b-1111-4222-8333-944455556666,\"[NAME]\",[USER],[INTERNAL-IP],\"[CITY], US\"\n\
             2025-01-02T03:09:05Z,1a2b3c4d-1111-4222-8333-944455556666,\"[NAME]\",[USER],185.220.101.7,\"Lagos, Lagos, NG\"\n",
        )]);
    }

    #[test]
    fn a_location_that_is_a_ward_is_not_a_city() {
        check(&[(
            "Device\tHostname\tIP\tLocation\tOwner\n\
             Infusion pump\tICUPC07\t10.1.2.3\t5N-12\tOdalys Fenwick\n\
             Ventilator\tICUPC08\t10.1.2.4\tStorage\tOdalys Fenwick\n",
            "Device\tHostname\tIP\tLocation\tOwner\n\
             Infusion pump\t[INTERNAL-HOST]\t[INTERNAL-IP]\t5N-12\t[NAME]\n\
             Ventilator\t[INTERNAL-HOST]\t[INTERNAL-IP]\tStorage\t[NAME]\n",
        )]);
    }

    #[test]
    fn a_print_log_names_its_printers_and_the_patients_in_its_titles() {
        check(&[(
            "Time,User,Pages,Printer,Document Name,Client\n\
             03:04:05,qfenwick,3,\\\\fs-07\\prn-4e-17,\"Consent - WREN, TAMSIN - 0001234567.pdf\",ws-reg-12\n\
             03:05:05,qfenwick,1,\\\\fs-07\\prn-4e-17,\"Weekly census.xlsx\",ws-reg-12\n",
            "Time,User,Pages,Printer,Document Name,Client\n\
             03:04:05,[USER],3,\\\\[INTERNAL-HOST]\\[INTERNAL-HOST],\"Consent - [NAME] - [MRN].pdf\",[INTERNAL-HOST]\n\
             03:05:05,[USER],1,\\\\[INTERNAL-HOST]\\[INTERNAL-HOST],\"Weekly census.xlsx\",[INTERNAL-HOST]\n",
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
    fn a_table_whose_rule_draws_its_columns_splits_a_one_space_header() {
        check(&[(
            "IPAddress      ClientId           HostName            AddressState LeaseExpiryTime\n\
             ---------      --------           --------            ------------ ---------------\n\
             10.9.4.21      3c-5a-11-0e-42-d1  WKS-ORTHO-114.lan   Active       2031-03-02\n\
             10.9.4.22      3c-5a-11-0e-42-d2  WKS-ORTHO-115.lan   Inactive     2031-03-02\n",
            "IPAddress      ClientId           HostName            AddressState LeaseExpiryTime\n\
             ---------      --------           --------            ------------ ---------------\n\
             [INTERNAL-IP]      [INTERNAL-HOST]  [INTERNAL-HOST]   Active       [DATE]\n\
             [INTERNAL-IP]      [INTERNAL-HOST]  [INTERNAL-HOST]   Inactive     [DATE]\n",
        )]);
        assert_eq!(column("AddressState"), Col::Keep);
        assert_eq!(column("Address Type"), Col::Keep);
        assert_eq!(column("Street Address"), Col::Address);
    }

    #[test]
    fn a_board_typed_with_two_spaces_follows_its_headers_words() {
        check(&[(
            "Rm   Patient          Age Sex  CC          Arr    Status\n\
             12  Quillfeather, J  44  M  lac hand  01:19  Admit\n\
             T2  Marrowdale, B  93  F  abd pain  03:17  Lab\n\
             Board froze again at noon (the interface engine was down).\n",
            "Rm   Patient          Age Sex  CC          Arr    Status\n\
             12  [NAME]  44  M  lac hand  [DATE]  Admit\n\
             T2  [NAME]  [AGE]  F  abd pain  [DATE]  Lab\n\
             Board froze again at noon (the interface engine was down).\n",
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

    #[test]
    fn the_time_column_of_a_care_log_listing_patients_is_a_date_of_their_care() {
        check(&[
            (
                "When | Patient | Lang | Room | Requested by\n\
                 11/26/2031 20:28 | Odile Varga | French | 943 | K. Garcia\n",
                "When | Patient | Lang | Room | Requested by\n\
                 [DATE] | [NAME] | French | 943 | [NAME]\n",
            ),
            // No patient column: the log's time of day stays (its date goes by its shape).
            (
                "When | Host | Action | Rule\n\
                 11/26/2031 20:28 | 10.2.3.4 | drop | 17\n",
                "When | Host | Action | Rule\n\
                 [DATE] 20:28 | [INTERNAL-IP] | drop | 17\n",
            ),
        ]);
    }

    #[test]
    fn a_vpn_status_files_common_names_go_and_its_headers_stay() {
        check(&[
            (
                "Common Name,Real Address,Bytes Received,Bytes Sent,Connected Since\n\
                 qvx7,203.0.113.9:51234,1200,3400,2031-02-03 10:00:01\n\
                 Virtual Address,Common Name\n\
                 10.8.0.6,qvx7\n",
                "Common Name,Real Address,Bytes Received,Bytes Sent,Connected Since\n\
                 [USER],203.0.113.9:51234,1200,3400,[DATE] 10:00:01\n\
                 Virtual Address,Common Name\n\
                 [INTERNAL-IP],[USER]\n",
            ),
            (
                "HEADER,CLIENT_LIST,Common Name,Real Address,Virtual Address\n\
                 CLIENT_LIST,qvx7,203.0.113.9:51234,10.8.0.6\n",
                "HEADER,CLIENT_LIST,Common Name,Real Address,Virtual Address\n\
                 CLIENT_LIST,[USER],203.0.113.9:51234,[INTERNAL-IP]\n",
            ),
            // A header naming one identifier column stays whole over its rows.
            (
                "Time;Origin;Action;Source User Name;Destination\n\
                 10:01;gw-edge;Drop;Wendell Orchard (worchard);198.51.100.20\n",
                "Time;Origin;Action;Source User Name;Destination\n\
                 10:01;gw-edge;Drop;[NAME] ([USER]);198.51.100.20\n",
            ),
        ]);
        assert_eq!(column("Verified by"), Col::Person { login: true });
        // A note's `Pt SURNAME, GIVEN` over a `DOB: Month D, YYYY` line is prose, not a
        // two-column table: the name goes and the line under it is read as itself.
        check(&[(
            "Pt KOWALCZYK, BRENNA\nDOB: March 3, 1950\nSeen today.\n",
            "Pt [NAME]\nDOB: [DATE]\nSeen today.\n",
        )]);
    }

    #[test]
    fn a_photo_columns_file_goes_and_a_process_image_column_stays() {
        check(&[
            (
                "Employee ID,Worker,Badge Photo,Dept\n\
                 100200,\"Doe, Jane\",badges/100200.jpg,Radiology\n",
                "Employee ID,Worker,Badge Photo,Dept\n\
                 [USER],\"[NAME]\",[PHOTO],Radiology\n",
            ),
            (
                "Time,Image,ParentImage\n\
                 10:00,C:\\Windows\\System32\\cmd.exe,C:\\Windows\\explorer.exe\n",
                "Time,Image,ParentImage\n\
                 10:00,C:\\Windows\\System32\\cmd.exe,C:\\Windows\\explorer.exe\n",
            ),
        ]);
    }

    #[test]
    fn a_log_exports_source_column_names_the_sending_machine() {
        let out = scrubbed(
            "\"timestamp\",\"source\",\"message\"\n\
             \"2031-01-02T03:04:05.000Z\",\"qxws0412\",\"backup finished\"\n",
        );
        assert!(!out.contains("qxws0412"), "{out:?}");
        assert!(out.contains("backup finished"), "{out:?}");
        // An event log's provider has no digit and stays.
        let out =
            scrubbed("Date,Source,Event ID\n2031-01-02,Microsoft-Windows-Security-Auditing,4624\n");
        assert!(
            out.contains("Microsoft-Windows-Security-Auditing"),
            "{out:?}"
        );
        assert_eq!(column("source"), Col::Source);
        assert_eq!(column("source_ip"), Col::Other);
    }
}
