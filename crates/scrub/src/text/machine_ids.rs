//! Identifier-shaped tokens that are a machine's or a record's, not a person's: a mail
//! queue or session id in a log field, a service-desk record number, an autonomous system
//! number; and a file name, whose descriptive words and extension stay while the parts
//! naming someone go.

use super::{Class, Engine};
use crate::Kind;

/// Log keys whose value is a machine's own id (a mail queue entry, a session, a request,
/// a trace), written as hexadecimal.
const MACHINE_KEYS: &[&str] = &[
    "qid",
    "queueid",
    "queue_id",
    "session",
    "sessionid",
    "session_id",
    "msgid",
    "requestid",
    "request_id",
    "traceid",
    "trace_id",
    "spanid",
    "span_id",
    "correlationid",
    "correlation_id",
    "txid",
];

/// Prefixes of service-desk record numbers (incident, request, requested item, change,
/// problem, task): `INC0012345`, `RITM0042117`.
const RECORD_PREFIXES: &[&str] = &["INC", "REQ", "RITM", "CHG", "PRB", "SCTASK", "CTASK"];

/// Extensions of documents and data files, whose names often carry a patient's name or
/// number among descriptive words.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "docm", "dot", "dotm", "xls", "xlsx", "xlsm", "odt", "ods", "csv", "txt",
    "rtf", "xml", "json", "jpg", "jpeg", "png", "tif", "tiff", "dcm", "hl7", "zip", "msg", "eml",
];

/// Byte ranges, within the path `t`, of the record numbers in the name of the document the
/// path ends in (`\\fs\scans\consent_E1234567.pdf`, `...\DOE_J_0123456.pdf.locked`): a
/// piece of the name between underscores with five or more digits, at most four letters and
/// those before the digits, that is no calendar date (`20250131`). The folders, the
/// descriptive words and the extensions stay.
pub(super) fn path_file_record_ids(t: &str) -> Vec<(usize, usize)> {
    let cut = t.rfind(['\\', '/']).map_or(0, |i| i + 1);
    let name = &t[cut..];
    let Some((stem, rest)) = name.split_once('.') else {
        return Vec::new();
    };
    let ext = rest.split('.').next().unwrap_or("").to_ascii_lowercase();
    if stem.is_empty() || !DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = cut;
    for piece in stem.split('_') {
        let digits = piece.bytes().filter(u8::is_ascii_digit).count();
        let letters = piece.len()
            - piece
                .trim_start_matches(|c: char| c.is_ascii_uppercase())
                .len();
        let body = &piece[letters..];
        let record = (5..=16).contains(&piece.len())
            && digits >= 5
            && letters <= 4
            && body.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && !body.starts_with('-')
            && !calendar_date(body);
        if record {
            out.push((at, at + piece.len()));
        }
        at += piece.len() + 1;
    }
    out
}

/// `20250131`: eight digits that read as a year from 1900 to 2099, a month and a day.
fn calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    // `20250131`, or the year last (`01312025`, `31012025`).
    let year_first = (1900..2100).contains(&n(0..4))
        && (1..=12).contains(&n(4..6))
        && (1..=31).contains(&n(6..8));
    let year_last = (1900..2100).contains(&n(4..8))
        && (1..=31).contains(&n(0..2))
        && (1..=31).contains(&n(2..4))
        && (n(0..2) <= 12 || n(2..4) <= 12);
    year_first || year_last
}

impl Engine<'_> {
    /// `Referral_Campbell_Ricky.docm`, `C:\\Users\\jq\\Documents\\Consent-DOE-JANE.pdf`: in the
    /// name of a document (the last part of a path, or the whole token), two or more parts in
    /// a row that are capitalized given names or surnames from the lists, not all of them
    /// common words, name a person and go; the descriptive words and the extension stay.
    /// Returns whether anything went.
    pub(super) fn document_name_person(&mut self, k: usize) -> bool {
        let (t, base) = (self.toks[k].s, self.toks[k].start);
        let cut = t.rfind(['\\', '/']).map_or(0, |i| i + 1);
        let name = &t[cut..];
        let Some((stem, ext)) = name.rsplit_once('.') else {
            return false;
        };
        if stem.is_empty()
            || stem.len() > 128
            || !DOCUMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        {
            return false;
        }
        let mut runs: Vec<(usize, usize, usize, bool)> = Vec::new();
        let mut at = 0;
        for part in stem.split(['_', '-', '.']) {
            let end = at + part.len();
            let capital = part.chars().next().is_some_and(char::is_uppercase)
                && part.chars().all(char::is_alphabetic)
                && part.chars().count() >= 2;
            if capital && super::listed_name(self.v, part) {
                let common = self.v.common.contains(part.to_lowercase().as_str());
                match runs.last_mut() {
                    Some(run) if run.1 + 1 == at => {
                        run.1 = end;
                        run.2 += 1;
                        run.3 &= common;
                    }
                    _ => runs.push((at, end, 1, common)),
                }
            }
            at = end + 1;
        }
        let mut any = false;
        for (s, e, parts, all_common) in runs {
            if parts >= 2 && !all_common {
                let start = base + cut + s;
                self.remove(
                    start,
                    base + cut + e,
                    Kind::Name,
                    "person's name in a document's file name",
                );
                any = true;
            }
        }
        any
    }

    /// Whether the identifier-shaped token `k` is a machine's or a record's.
    pub(super) fn machine_code(&self, k: usize) -> bool {
        self.machine_key_value(k) || record_number(self.toks[k].s) || self.autonomous_system(k)
    }

    /// `qid=15CC320DD1`, `"session":"c9b547b67d54"`: a hexadecimal value of a log key that
    /// names a queue entry, a session or a request.
    fn machine_key_value(&self, k: usize) -> bool {
        let s = self.toks[k].s;
        if k == 0 || s.len() < 8 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
        let between = &self.text[self.toks[k - 1].end..self.toks[k].start];
        let mut buf = [0u8; 32];
        between
            .bytes()
            .all(|b| matches!(b, b'=' | b':' | b'"' | b'\'' | b' '))
            && !between.is_empty()
            && self
                .lw(k - 1, &mut buf)
                .is_some_and(|l| MACHINE_KEYS.contains(&l))
    }

    /// `AS16276`: an autonomous system number, in a sentence that holds a public address
    /// or says "ASN".
    fn autonomous_system(&self, k: usize) -> bool {
        let s = self.toks[k].s;
        let shaped = s.len() >= 4
            && s.len() <= 12
            && s.starts_with("AS")
            && s[2..].bytes().all(|b| b.is_ascii_digit());
        if !shaped {
            return false;
        }
        let sent = self.toks[k].sent;
        let from = k.saturating_sub(12);
        (from..self.toks.len().min(k + 12))
            .filter(|&j| j != k && self.toks[j].sent == sent)
            .any(|j| {
                let t = &self.toks[j];
                t.s.eq_ignore_ascii_case("asn")
                    || t.class == Class::Protected
                        && crate::classify::ipv4(t.s) == Some(crate::classify::Reach::Public)
            })
    }

    /// An identifier-shaped token no rule explained goes (a file name only in part).
    pub(super) fn remove_id_like(&mut self, k: usize) {
        // "ditelepon ti 0832-4990-7520. Nu nelepon ...": digits in dashed groups in the
        // place of the number a call came from are the caller's phone number.
        let s = self.toks[k].s;
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        if (7..=15).contains(&digits)
            && s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && self.call_from_then_caller(k, k)
        {
            self.toks[k].class = Class::Protected;
            return;
        }
        if !self.file_name_parts(k) {
            self.remove_toks(k, k, Kind::Id, "code shaped like an identifier");
        }
    }

    /// `SMITH_1234567_insurance.pdf`, `Doe_Jane_consent.pdf`: in a document's file name the
    /// parts other than lowercase words go (runs of them as one, with the separators between
    /// them); the descriptive words and the extension stay. Returns false when token `k` is
    /// no such file name.
    fn file_name_parts(&mut self, k: usize) -> bool {
        let (t, base) = (self.toks[k].s, self.toks[k].start);
        let Some((stem, ext)) = t.rsplit_once('.') else {
            return false;
        };
        if !DOCUMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) || stem.is_empty() {
            return false;
        }
        if !stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        {
            return false;
        }
        let mut runs: Vec<(usize, usize, bool)> = Vec::new();
        let mut start = 0;
        for part in stem.split(['_', '-']) {
            let end = start + part.len();
            // `insurance`, `labs`, `scan`: a lowercase word that is no listed name.
            let descriptive = part.len() >= 3
                && part.bytes().all(|b| b.is_ascii_lowercase())
                && !super::listed_name(self.v, part);
            if !descriptive && !part.is_empty() {
                let digit = part.bytes().any(|b| b.is_ascii_digit());
                match runs.last_mut() {
                    Some(run) if run.1 + 1 == start => {
                        run.1 = end;
                        run.2 |= digit;
                    }
                    _ => runs.push((start, end, digit)),
                }
            }
            start = end + 1;
        }
        self.toks[k].class = Class::Protected;
        for (s, e, digit) in runs {
            let kind = if digit { Kind::Id } else { Kind::Name };
            self.remove(base + s, base + e, kind, "identifying part of a file name");
        }
        true
    }
}

impl Engine<'_> {
    /// The id of the other end of a remote-support session, as the tool's own log names it:
    /// TeamViewer's `AddParticipant: [1234567890,-1234]`, AnyDesk's `Incoming session
    /// request: name (123456789)`, and a `partner ID` in prose. That party is outside the
    /// organization (an attacker's console in an intrusion), so the id is an indicator and
    /// stays; the machine's own id (`on HOST (ID 123 456 789)`) is left to the other rules.
    pub(super) fn remote_partner_ids(&mut self) {
        for k in 0..self.toks.len() {
            let s = self.toks[k].s;
            // `CPersistentParticipantManager::AddParticipant:` is one token.
            let cue = match s.as_bytes().first() {
                _ if s.ends_with("AddParticipant") => true,
                Some(b'r' | b'R') => {
                    s.eq_ignore_ascii_case("request")
                        && k >= 2
                        && self.toks[k - 1].s.eq_ignore_ascii_case("session")
                        && self.toks[k - 2].s.eq_ignore_ascii_case("incoming")
                }
                Some(b'p' | b'P') => {
                    s.eq_ignore_ascii_case("partner")
                        && self
                            .toks
                            .get(k + 1)
                            .is_some_and(|t| t.s.eq_ignore_ascii_case("id"))
                }
                _ => false,
            };
            if cue {
                self.keep_partner_id(k);
            } else if self.remote_session_code(k) || self.incoming_tool_title(k) {
                // The id right after "session" or "code".
                self.keep_partner_id(k);
            } else if s.len() > 5 && s.as_bytes()[1..].contains(&b'^') {
                self.patient_id_list_entry(k);
            }
        }
    }

    /// "open AnyDesk session 1234567890", "opened Quick Assist and read out code
    /// 1234567890", "callers posing as the vendor asked her to read out code 123456789":
    /// token `k` is the "session" or "code" word whose id a remote-support tool named
    /// shortly before it (on the same line) connects to, or a code read out to a caller the
    /// line says is posing as someone. That id is the attacker's session, kept; a tool's
    /// own "ID" of a machine is not read here.
    fn remote_session_code(&self, k: usize) -> bool {
        const TOOLS: &[&str] = &[
            "anydesk",
            "teamviewer",
            "screenconnect",
            "rustdesk",
            "splashtop",
            "supremo",
            "assist",
        ];
        let s = self.toks[k].s;
        // "read the id 123456789 to him", "gave him the ID": an id read out or given to
        // someone, a remote-support tool named shortly before it.
        let told_id = s.eq_ignore_ascii_case("id")
            && (1..=3).any(|back| {
                k >= back
                    && ["read", "give", "gave", "tell", "told", "share", "shared"]
                        .iter()
                        .any(|v| self.toks[k - back].s.eq_ignore_ascii_case(v))
            });
        if !(s.eq_ignore_ascii_case("session") || s.eq_ignore_ascii_case("code") || told_id) {
            return false;
        }
        let b = self.text.as_bytes();
        let mut j = k;
        while j > 0 && k - j < 6 {
            if b[self.toks[j - 1].end..self.toks[j].start].contains(&b'\n') {
                break;
            }
            j -= 1;
            let t = self.toks[j].s;
            let tool = TOOLS.iter().any(|n| t.eq_ignore_ascii_case(n))
                && (!t.eq_ignore_ascii_case("assist")
                    || j > 0 && self.toks[j - 1].s.eq_ignore_ascii_case("quick"));
            if tool {
                return true;
            }
        }
        // "read out code N" on a line that tells of a caller posing as someone.
        let read_out = s.eq_ignore_ascii_case("code")
            && k >= 2
            && self.toks[k - 1].s.eq_ignore_ascii_case("out")
            && self.toks[k - 2].s.eq_ignore_ascii_case("read");
        if !read_out {
            return false;
        }
        let line_start = self.text[..self.toks[k].start]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        let line = &self.lowered[line_start..self.toks[k].start];
        ["posing", "pretending", "claiming", "impersonat"]
            .iter()
            .any(|w| line.contains(w))
    }

    /// `AnyDesk - 123456789 (incoming)`: a remote-support tool's window title names the
    /// id of the console connected to it; "incoming" right after the id says that end is
    /// the other party's, kept. Token `k` is the tool's name.
    fn incoming_tool_title(&self, k: usize) -> bool {
        const TOOLS: &[&str] = &["anydesk", "teamviewer", "rustdesk", "supremo", "splashtop"];
        if !TOOLS.iter().any(|n| self.toks[k].s.eq_ignore_ascii_case(n)) {
            return false;
        }
        let rest = &self.text[self.toks[k].end..];
        let rest = rest.get(..rest.len().min(48)).unwrap_or("");
        let Some(rest) = rest.strip_prefix(" - ") else {
            return false;
        };
        let digits = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b' ')
            .count();
        rest.get(digits..)
            .is_some_and(|r| r.to_ascii_lowercase().starts_with("(incoming"))
    }

    /// An identifier in HL7's CX layout outside an HL7 message (`4471209^^^CLINIC^MR` in an
    /// audit record's participant object, a PIX query, an XDS `patientId`): the id before
    /// the empty check-digit fields is a patient's, a record number unless the type code
    /// at the end says a social security or an account number. The assigning authority
    /// after it is left to the other rules.
    fn patient_id_list_entry(&mut self, k: usize) {
        let s = self.toks[k].s;
        let Some(cut) = s.find("^^^") else {
            return;
        };
        let id = &s[..cut];
        let ok = self.toks[k].class != Class::Protected
            && (3..=24).contains(&id.len())
            && id.bytes().any(|b| b.is_ascii_digit())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
        if !ok {
            return;
        }
        // The type code of this repetition (`~` starts the next one).
        let entry = s.split('~').next().unwrap_or(s);
        let kind = match entry.rsplit('^').next() {
            Some("SS") => Kind::Ssn,
            Some("AN") => Kind::Account,
            _ => Kind::Mrn,
        };
        let start = self.toks[k].start;
        let index = self.found.len();
        self.remove(start, start + cut, kind, "identifier in HL7's CX layout");
        self.toks[k].class = Class::Removed;
        self.toks[k].finding = index;
    }

    /// The first id after the cue at `k` on its line: one run of 9 or 10 digits, or three
    /// groups of three as the tools print it (`123 456 789`).
    fn keep_partner_id(&mut self, k: usize) {
        let b = self.text.as_bytes();
        let digits = |t: &super::Tok<'_>, n: std::ops::RangeInclusive<usize>| {
            n.contains(&t.s.len()) && t.s.bytes().all(|c| c.is_ascii_digit())
        };
        let mut j = k + 1;
        while j < self.toks.len() && j <= k + 5 {
            if b[self.toks[j - 1].end..self.toks[j].start].contains(&b'\n') {
                return;
            }
            let t = &self.toks[j];
            if digits(t, 9..=10) {
                if matches!(t.class, Class::Plain | Class::LongNumber | Class::IdLike) {
                    self.toks[j].class = Class::Protected;
                }
                return;
            }
            let grouped = digits(t, 3..=3)
                && (1..=2).all(|d| {
                    self.toks.get(j + d).is_some_and(|u| {
                        digits(u, 3..=3) && b[self.toks[j + d - 1].end..u.start] == *b" "
                    })
                });
            if grouped {
                for t in &mut self.toks[j..j + 3] {
                    if t.class == Class::Plain {
                        t.class = Class::Protected;
                    }
                }
                return;
            }
            j += 1;
        }
    }
}

/// `INC0012345`, `REQ21496`: a service-desk record's number.
fn record_number(s: &str) -> bool {
    RECORD_PREFIXES.iter().any(|p| {
        s.strip_prefix(p)
            .is_some_and(|rest| rest.len() >= 5 && rest.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_remote_session_id_a_caller_asked_for_stays() {
        eprintln!(
            "HN {:?} EXT {:?}",
            crate::classify::host_name("Referral_Harlow_Quentin.docm", crate::vocab::vocab()),
            crate::classify::extension("Referral_Harlow_Quentin.docm")
        );
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = |t: &str| s.scrub_text(t).text;
        for (input, kept) in [
            (
                "If someone calls asking you to open AnyDesk session 4417302958, hang up.",
                "4417302958",
            ),
            (
                "He opened Quick Assist and read out code 7302958441 to the caller.",
                "7302958441",
            ),
            (
                "Callers posing as the pharmacy asked staff to read out code 302958441.",
                "302958441",
            ),
            (
                "The man had her start TeamViewer and read the id 518204937 back to him.",
                "518204937",
            ),
            (
                "Teams.exe  4410 Console  1  9,120 K Running  RustDesk - 618204937 (incoming)",
                "618204937",
            ),
        ] {
            assert!(out(input).contains(kept), "{input:?} -> {:?}", out(input));
        }
        // A long number read out with no tool and no impostor, and one after a tool's name
        // but no session or code word, are left to the other rules: they go.
        for (input, gone) in [
            (
                "The patient read out code 5829104473 from her card.",
                "5829104473",
            ),
            (
                "AnyDesk is installed; member 5829104473 called.",
                "5829104473",
            ),
            (
                "The patient read the id 5829104473 off her member card.",
                "5829104473",
            ),
        ] {
            assert!(!out(input).contains(gone), "{input:?} -> {:?}", out(input));
        }
    }

    #[test]
    fn record_numbers_in_a_document_name_at_the_end_of_a_path() {
        let ids = |t: &str| {
            super::path_file_record_ids(t)
                .into_iter()
                .map(|(s, e)| t[s..e].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("\\\\fs7\\scans\\consent_Q7310482.pdf"), ["Q7310482"]);
        assert_eq!(ids("D:\\Scans\\ODELL_MARA_04417302.pdf.enc"), ["04417302"]);
        assert_eq!(ids("\\\\fs7\\scans\\intake_55-210-873.tif"), ["55-210-873"]);
        // A date, a short number, a hash-like run and an executable stay.
        assert!(ids("\\\\fs7\\scans\\report_20250131.pdf").is_empty());
        assert!(ids("C:\\temp\\batch_2024.pdf").is_empty());
        assert!(ids("C:\\temp\\a3f9c0e1d2b4a5968778.pdf").is_empty());
        assert!(ids("C:\\temp\\setup_1234567.exe").is_empty());
        assert!(ids("C:\\temp\\Ünïcode_1234567").is_empty());
        assert!(ids("").is_empty());
    }

    use super::super::check;

    #[test]
    fn an_id_in_hl7s_cx_layout_outside_a_message_goes_but_its_authority_stays() {
        check(&[
            (
                "{\"EventID\":\"110110\",\"ParticipantObjectID\":\"4471209^^^NORTHCL\",\"Action\":\"R\"}\n",
                "{\"EventID\":\"110110\",\"ParticipantObjectID\":\"[MRN]^^^NORTHCL\",\"Action\":\"R\"}\n",
            ),
            (
                "PIX query for 112-23-4471^^^SSA^SS returned no match\n",
                "PIX query for [SSN]^^^SSA^SS returned no match\n",
            ),
            // A caret in a regular expression or a version string is no id list.
            ("match ^^^abc and v1.2^3 stay\n", "match ^^^abc and v1.2^3 stay\n"),
        ]);
    }

    #[test]
    fn a_remote_support_partners_id_stays_and_the_machines_own_id_goes() {
        check(&[
            (
                "2025/01/02 03:04:05.000 1 2 S0 ParticipantManager::AddParticipant: [4471209338,-1234] type=3 name=Support\n",
                "[DATE] 03:04:05.000 1 2 S0 ParticipantManager::AddParticipant: [4471209338,-1234] type=3 name=Support\n",
            ),
            (
                "info app.backend_session - Incoming session request: helpdesk (447120933)\n",
                "info app.backend_session - Incoming session request: helpdesk (447120933)\n",
            ),
            (
                "Connection from partner ID 447 120 933 was accepted.\n",
                "Connection from partner ID 447 120 933 was accepted.\n",
            ),
            ("Our kiosk's ID 447120933 is listed.\n", "Our kiosk's ID [INTERNAL-HOST] is listed.\n"),
        ]);
    }

    #[test]
    fn a_queue_or_session_id_in_a_log_field_stays() {
        check(&[
            (
                "mx1 mgw[311]: qid=8A41C0FF2E from=<x@mail.example> status=quarantined",
                "mx1 mgw[311]: qid=8A41C0FF2E from=<x@mail.example> status=quarantined",
            ),
            (
                "{\"session\":\"c9b5a7b67d54\",\"event\":\"join\"}",
                "{\"session\":\"c9b5a7b67d54\",\"event\":\"join\"}",
            ),
        ]);
    }

    #[test]
    fn a_service_desk_record_number_and_an_as_number_stay() {
        check(&[
            (
                "REQ21496 - please review alert.",
                "REQ21496 - please review alert.",
            ),
            (
                "We see the session from 203.0.114.9 (AS16276 hosting).",
                "We see the session from 203.0.114.9 (AS16276 hosting).",
            ),
        ]);
    }

    #[test]
    fn a_file_name_keeps_its_words_and_extension() {
        check(&[(
            "user=jq to=a@mail.example file=DOE_2318012_insurance.pdf status=SENT",
            "user=[USER] to=a@mail.example file=[ID]_insurance.pdf status=SENT",
        )]);
    }
}
