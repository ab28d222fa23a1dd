//! HL7 v2 messages pasted into a document (`PID|1||A12^^^FAC^MR||DOE^JANE||19600116|F|...`).
//! A segment's fields have fixed meanings (HL7 v2.5 chapters 2, 3 and 6): PID-5 is the
//! patient's name, PID-11 the address, PID-19 the SSN, and so on. Each field's components
//! (`^`) and repetitions (`~`) are cut by position, and only the parts that identify someone
//! go: the family and given names, street, city and postcode go; the state, country, sex,
//! relationship and code-table values stay.

use super::structured::pieces;
use super::Engine;
use crate::Kind;

/// The data type of a field, which says what each of its components is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    /// CX (an identifier with its assigning authority), the identifier's kind when the
    /// identifier-type component does not say.
    Cx(Kind),
    /// XPN: family ^ given ^ middle names.
    Xpn,
    /// XCN: provider id ^ family ^ given ^ middle.
    Xcn,
    /// XAD: street ^ other line ^ city ^ state ^ postcode ^ country ^ type ^ ^ county.
    Xad,
    /// XTN: number ^ use ^ equipment ^ e-mail ^ ^ area ^ local number.
    Xtn,
    /// A date or date-time tied to the patient (birth, admission, death).
    Date,
    /// A whole first component of the given kind (an SSN, a policy number).
    Whole(Kind),
    /// PL (point of care ^ room ^ bed ^ facility): the facility.
    Location,
    /// HD (a facility code): the organization.
    Facility,
    /// TQ (timing/quantity, SCH-11): the fourth component is the start date-time.
    Tq,
}

/// The type of field `n` of segment `seg`, when the field can identify someone.
fn field_type(seg: &str, n: usize) -> Option<Ty> {
    use Ty::*;
    Some(match (seg, n) {
        ("MSH", 4) => Facility,
        ("EVN", 2) | ("EVN", 6) => Date,
        ("EVN", 5) => Xcn,
        ("PID", 2) | ("PID", 3) | ("PID", 4) => Cx(Kind::Mrn),
        ("PID", 5) | ("PID", 6) | ("PID", 9) => Xpn,
        ("PID", 7) | ("PID", 29) => Date,
        ("PID", 11) => Xad,
        ("PID", 13) | ("PID", 14) => Xtn,
        ("PID", 18) => Cx(Kind::Account),
        ("PID", 19) => Whole(Kind::Ssn),
        ("PID", 20) => Whole(Kind::License),
        ("PID", 21) => Cx(Kind::Mrn),
        ("PID", 23) => Whole(Kind::City),
        ("PD1", 4) => Xcn,
        ("NK1", 2) | ("NK1", 30) => Xpn,
        ("NK1", 4) | ("NK1", 32) => Xad,
        ("NK1", 5) | ("NK1", 6) | ("NK1", 31) => Xtn,
        ("NK1", 16) => Date,
        ("NK1", 33) => Cx(Kind::Id),
        ("PV1", 3) | ("PV1", 6) | ("PV1", 11) | ("PV1", 42) | ("PV1", 43) => Location,
        ("PV1", 7) | ("PV1", 8) | ("PV1", 9) | ("PV1", 17) | ("PV1", 52) => Xcn,
        ("PV1", 19) | ("PV1", 50) => Cx(Kind::Account),
        ("PV1", 44) | ("PV1", 45) => Date,
        ("IN1", 16) => Xpn,
        ("IN1", 18) => Date,
        ("IN1", 19) => Xad,
        ("IN1", 36) => Whole(Kind::HealthPlanId),
        ("IN1", 49) => Cx(Kind::HealthPlanId),
        ("IN2", 2) => Whole(Kind::Ssn),
        ("GT1", 2) => Cx(Kind::Account),
        ("GT1", 3) => Xpn,
        ("GT1", 5) => Xad,
        ("GT1", 6) | ("GT1", 7) => Xtn,
        ("GT1", 8) => Date,
        ("GT1", 12) => Whole(Kind::Ssn),
        ("MRG", 1) | ("MRG", 2) => Cx(Kind::Mrn),
        ("MRG", 3) => Cx(Kind::Account),
        ("MRG", 7) => Xpn,
        ("ORC", 12) | ("OBR", 16) | ("OBR", 32) => Xcn,
        // Placer and filler order numbers (EI).
        ("ORC", 2) | ("ORC", 3) | ("OBR", 2) | ("OBR", 3) => Whole(Kind::Account),
        // Entered, verified by; result copies to.
        ("ORC", 10) | ("ORC", 11) | ("OBR", 28) => Xcn,
        // Scheduling (chapter 10): placer and filler appointment ids, the appointment's
        // timing, contact persons with their phones and addresses, and the resources
        // booked: a person (AIP), a location (AIL), a start time (AIS, AIG, AIL, AIP).
        ("SCH", 1) | ("SCH", 2) => Whole(Kind::Account),
        ("SCH", 11) => Tq,
        ("SCH", 12) | ("SCH", 16) | ("SCH", 20) => Xcn,
        ("SCH", 13) | ("SCH", 17) => Xtn,
        ("SCH", 14) | ("SCH", 18) => Xad,
        ("AIP", 3) => Xcn,
        ("AIL", 3) => Location,
        ("AIS", 4) | ("AIG", 8) | ("AIL", 6) | ("AIP", 6) | ("TQ1", 7) => Date,
        // Provider data and roles (chapter 11 and 12).
        ("PRD", 2) => Xpn,
        ("PRD", 3) => Xad,
        ("PRD", 5) => Xtn,
        ("PRD", 7) => Whole(Kind::License),
        ("ROL", 4) => Xcn,
        _ => return None,
    })
}

/// Segments whose fields are read; any other `ABC|` line is left to the other rules.
const SEGMENTS: &[&str] = &[
    "MSH", "EVN", "PID", "PD1", "NK1", "PV1", "PV2", "IN1", "IN2", "GT1", "MRG", "ORC", "OBR",
    "OBX", "AL1", "DG1", "SCH", "AIP", "AIL", "AIG", "AIS", "TQ1", "PRD", "ROL",
];

/// The standard encoding characters: field, component, repetition, escape, sub-component.
const STANDARD: [u8; 5] = *b"|^~\\&";

/// The encoding characters a message header declares, from the bytes after `MSH`: the
/// field separator, then MSH-2 up to the next one. A doubled backslash is one escape
/// character (a header inside a JSON or C string literal).
fn declared_encoding(after: &[u8]) -> Option<[u8; 5]> {
    let fs = *after.first()?;
    let punct = |b: u8| b.is_ascii_punctuation() && b != b'"';
    if !punct(fs) {
        return None;
    }
    let mut enc = STANDARD;
    enc[0] = fs;
    let mut n = 1;
    let mut i = 1;
    loop {
        let b = *after.get(i)?;
        if b == fs {
            break;
        }
        if !punct(b) || n == 5 {
            return None;
        }
        if b == b'\\' && after.get(i + 1) == Some(&b'\\') {
            i += 1;
        }
        enc[n] = b;
        n += 1;
        i += 1;
    }
    // At least the component and repetition characters, none repeated.
    let distinct = (0..n).all(|a| (a + 1..n).all(|c| enc[a] != enc[c]));
    (n >= 3 && distinct).then_some(enc)
}

/// How a segment is cut from the one before it when it does not open a line: by a carriage
/// return or a newline, real or written out (`\r`, `\\r`, `<CR>`, `0x0d`), or by nothing
/// at all (`2.5.1PID|`) when the byte before is not a letter. The length of the cut, or
/// `None` when the code is part of a longer word.
fn cut_before(b: &[u8], q: usize) -> Option<usize> {
    let head = &b[..q];
    if q == 0 {
        return Some(0);
    }
    if matches!(head[q - 1], b'\r' | b'\n') {
        return Some(1);
    }
    if head.ends_with(b"\\r") || head.ends_with(b"\\n") {
        let slashes = head[..q - 1]
            .iter()
            .rev()
            .take_while(|&&c| c == b'\\')
            .count();
        return Some(1 + slashes);
    }
    for mark in [&b"<CR>"[..], b"<cr>", b"0x0d", b"0x0D", b"<0D>"] {
        if head.ends_with(mark) {
            return Some(mark.len());
        }
    }
    (!head[q - 1].is_ascii_alphabetic()).then_some(0)
}

/// Where each HL7 v2 segment of a line lies (start and end within the line), with the
/// encoding characters of its message. A message opens where a line opens with a segment
/// (after indentation or a quote mark `>`) or where a header declaring its encoding
/// characters appears (`... rejected: MSH|^~\&|...`); it runs to the line's end, or to the
/// closing quote of the string it sits in. Inside it, a known segment code followed by the
/// field separator opens a segment where [`cut_before`] finds a cut.
fn line_segments(line: &str) -> (Vec<(usize, usize, [u8; 5])>, bool) {
    let b = line.as_bytes();
    let code_at = |q: usize, fs: u8| {
        b.get(q + 3) == Some(&fs) && line.get(q..q + 3).is_some_and(|c| SEGMENTS.contains(&c))
    };
    // Where each message opens, and its encoding characters.
    let mut opens: Vec<(usize, [u8; 5])> = Vec::new();
    let lead = line.len() - line.trim_start_matches([' ', '\t', '>']).len();
    if code_at(lead, b'|') {
        let declared = (&b[lead..lead + 3] == b"MSH")
            .then(|| declared_encoding(&b[lead + 3..]))
            .flatten();
        opens.push((lead, declared.unwrap_or(STANDARD)));
    }
    for (p, _) in line.match_indices("MSH") {
        if p == lead && !opens.is_empty() || cut_before(b, p).is_none() {
            continue;
        }
        if let Some(enc) = declared_encoding(&b[p + 3..]) {
            opens.push((p, enc));
        }
    }
    let mut pasted = false;
    // An interface engine's error pasting one person segment into its message
    // (`mapping failed: PID|1||A12^^^FAC||DOE^JANE||...`): a person segment's code after a
    // cut, with its set id (digits) as the first field, opens a message mid-line.
    if opens.is_empty() {
        let set_id_after = |q: usize| {
            let digits = b[q + 4..].iter().take_while(|c| c.is_ascii_digit()).count();
            (1..=4).contains(&digits) && b.get(q + 4 + digits) == Some(&b'|')
        };
        let first = PERSON_SEGMENTS
            .iter()
            .filter_map(|code| {
                line.match_indices(code).map(|(q, _)| q).find(|&q| {
                    q > lead
                        && b.get(q + 3) == Some(&b'|')
                        && b[q - 1] != b'|'
                        && cut_before(b, q).is_some()
                        && set_id_after(q)
                })
            })
            .min();
        if let Some(q) = first {
            opens.push((q, STANDARD));
            pasted = true;
        }
    }
    let mut out = Vec::new();
    for (k, &(ms, enc)) in opens.iter().enumerate() {
        let fs = enc[0];
        let mut me = opens.get(k + 1).map_or(b.len(), |&(p, _)| p);
        // A message inside a quoted string ends with the string; inside markup, at the
        // closing tag.
        if ms > 0 && b[ms - 1] == b'"' {
            let mut i = ms;
            while i < me {
                if b[i] == b'"' {
                    let slashes = b[..i].iter().rev().take_while(|&&c| c == b'\\').count();
                    if slashes % 2 == 0 {
                        me = i;
                        break;
                    }
                }
                i += 1;
            }
        }
        if let Some(t) = line[ms..me].find("</") {
            me = ms + t;
        }
        let mut seg = ms;
        for q in ms + 4..me.saturating_sub(3) {
            if b[q + 3] != fs || !code_at(q, fs) {
                continue;
            }
            // A code standing as a field's or a component's value is no segment.
            if enc.contains(&b[q - 1]) && !matches!(b[q - 1], b'\\') {
                continue;
            }
            if let Some(cut) = cut_before(b, q) {
                out.push((seg, q - cut, enc));
                seg = q;
            }
        }
        out.push((seg, me, enc));
    }
    // Trailing line ends and written-out carriage returns are not part of a segment.
    for (s, e, _) in &mut out {
        loop {
            let t = &b[*s..*e];
            let cut = if t.ends_with(b"\\r") || t.ends_with(b"\\n") {
                2
            } else if t.ends_with(b"<CR>") || t.ends_with(b"0x0d") {
                4
            } else if matches!(t.last(), Some(b'\r' | b'\n')) {
                1
            } else {
                break;
            };
            *e -= cut;
        }
    }
    (out, pasted)
}

/// The segment text rewritten with the standard encoding characters, byte for byte the same
/// length so offsets hold: a declared character becomes its standard one, and a standard
/// character that is data under the declared encoding becomes a plain byte.
fn standard_encoding(seg: &str, enc: [u8; 5]) -> std::borrow::Cow<'_, str> {
    if enc == STANDARD || !enc.is_ascii() {
        return std::borrow::Cow::Borrowed(seg);
    }
    let bytes: Vec<u8> = seg
        .bytes()
        .map(|c| match enc.iter().position(|&d| d == c) {
            Some(k) => STANDARD[k],
            None if STANDARD.contains(&c) => b' ',
            None => c,
        })
        .collect();
    // Only ASCII bytes were replaced by ASCII bytes.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| seg.to_string()))
}

/// Segments about the patient, whose unlisted fields holding a date are the patient's
/// dates (admission, discharge, coverage, onset, observation); the header's and the
/// acknowledgement's times are not.
const PATIENT_SEGMENTS: &[&str] = &[
    "PID", "PD1", "NK1", "PV1", "PV2", "IN1", "IN2", "GT1", "DG1", "AL1", "ORC", "OBR", "SCH",
    "AIP", "AIL", "AIG", "AIS", "TQ1",
];

/// Segments about a person, whose fields are sometimes sent one place off (a sender that
/// leaves a field out): a field the table does not list is read by its shape there — an
/// address, a telecom, an identifier.
const PERSON_SEGMENTS: &[&str] = &["PID", "NK1", "GT1", "IN1", "PV1", "PD1", "IN2"];

/// An XAD-shaped field: five or more components, a street with a letter first, and a
/// postcode with a digit in the fifth or a two-letter state in the fourth.
fn address_shaped(field: &str) -> bool {
    let rep = field.split('~').next().unwrap_or("");
    let c: Vec<&str> = rep.split('^').collect();
    c.len() >= 5
        && c[0].chars().any(char::is_alphabetic)
        && c[0].contains(' ')
        && (c[4].bytes().any(|b| b.is_ascii_digit())
            || c[3].len() == 2 && c[3].bytes().all(|b| b.is_ascii_uppercase()))
}

/// An XTN-shaped field: a repetition whose use or equipment code (HL7 tables 0201, 0202)
/// says it is a phone, a pager or an e-mail address.
fn telecom_shaped(field: &str) -> bool {
    field.split('~').any(|rep| {
        let c: Vec<&str> = rep.split('^').collect();
        let use_code = c.get(1).copied().unwrap_or("");
        let equipment = c.get(2).copied().unwrap_or("");
        matches!(
            use_code,
            "PRN" | "ORN" | "WPN" | "VHN" | "ASN" | "EMR" | "NET" | "BPN" | "PRS"
        ) || matches!(
            equipment,
            "PH" | "FX" | "MD" | "CP" | "BP" | "Internet" | "X.400" | "SAT"
        )
    })
}

/// An identifier-shaped first component: one word holding five or more digits that is
/// not a date (`HAR14746442`, `7404-078277`, `OPR616795828`).
fn identifier_shaped(field: &str) -> bool {
    let v = field.split(['^', '~']).next().unwrap_or("").trim();
    !v.is_empty()
        && !v.contains(' ')
        && v.bytes().filter(u8::is_ascii_digit).count() >= 5
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'/'))
        && !date_shaped(v)
}

/// A date or date-time value (`YYYYMMDD`, `YYYYMMDDHHMM[SS]`, optionally with a zone).
fn date_shaped(v: &str) -> bool {
    let v = v.split(['+', '-']).next().unwrap_or("");
    let ok_len = matches!(v.len(), 8 | 12 | 14);
    let num = |r: std::ops::Range<usize>| v.get(r).and_then(|d| d.parse::<u32>().ok());
    ok_len
        && v.bytes().all(|b| b.is_ascii_digit())
        && num(0..4).is_some_and(|y| (1850..=2100).contains(&y))
        && num(4..6).is_some_and(|m| (1..=12).contains(&m))
        && num(6..8).is_some_and(|d| (1..=31).contains(&d))
        && (v.len() == 8 || num(8..10).is_some_and(|h| h < 24))
}

/// HL7 table 0063 (relationship) codes: the value of IN1-17 and NK1-3.
fn relationship_code(v: &str) -> bool {
    matches!(
        v,
        "SEL"
            | "SPO"
            | "DOM"
            | "CHD"
            | "GCH"
            | "NCH"
            | "SCH"
            | "FCH"
            | "DEP"
            | "WRD"
            | "PAR"
            | "MTH"
            | "FTH"
            | "CGV"
            | "GRD"
            | "GRP"
            | "EXF"
            | "SIB"
            | "BRO"
            | "SIS"
            | "FND"
            | "OAD"
            | "EME"
            | "EMR"
            | "ASC"
            | "EMC"
            | "OWN"
            | "TRA"
            | "MGR"
            | "NON"
            | "UNK"
            | "OTH"
    )
}

/// Fields whose text is free prose (an acknowledgement's message, a note): left open to
/// the word-level rules rather than closed with the segment.
fn free_text(seg: &str, n: usize) -> bool {
    matches!((seg, n), ("MSA", 3) | ("NTE", 3) | ("ERR", 8))
}

/// The kind of a CX identifier from its identifier-type code (HL7 table 0203), if the code
/// names one.
pub(super) fn cx_kind(code: &str) -> Option<Kind> {
    Some(match code {
        "MR" | "MRN" | "PI" | "PT" | "PN" => Kind::Mrn,
        "SS" | "SSN" => Kind::Ssn,
        "AN" | "FI" | "VN" | "AM" => Kind::Account,
        "DL" => Kind::License,
        "NPI" | "DEA" | "LN" | "SL" | "MD" => Kind::License,
        "MA" | "MC" | "MCD" | "MCR" | "HC" | "MB" | "SN" => Kind::HealthPlanId,
        _ => return None,
    })
}

const REASON: &str = "identifier in an HL7 v2 field (by segment and field position)";

impl Engine<'_> {
    fn hl7_part(&mut self, base: usize, piece: &str, kind: Kind) {
        self.field_value(base, piece, kind, REASON);
    }

    /// With `whole_names`, a name of two or three components (`DOE^JANE`) goes as one
    /// span, as the caret-name rule takes it in a log line's words.
    fn hl7_field(&mut self, base: usize, field: &str, ty: Ty, whole_names: bool) {
        for (r, rep) in pieces(field, '~') {
            let comps: Vec<(usize, &str)> = pieces(rep, '^').collect();
            let at = |i: usize| comps.get(i).map(|&(o, p)| (base + r + o, p));
            let part = |e: &mut Self, i: usize, kind: Kind| {
                if let Some((o, p)) = at(i) {
                    // A sub-component (`&`) carries the same kind.
                    e.hl7_part(o, p, kind);
                }
            };
            match ty {
                Ty::Cx(default) => {
                    let code = at(4).map(|(_, p)| p.trim()).unwrap_or("");
                    let kind = cx_kind(code).unwrap_or(default);
                    part(self, 0, kind);
                    // The assigning authority is the facility, unless it is a government
                    // register (`USSSA`, a state's licensing board).
                    if !matches!(kind, Kind::Ssn | Kind::License) {
                        if let Some((o, p)) = at(3) {
                            let hd = p.split('&').next().unwrap_or("");
                            self.hl7_part(o, hd, Kind::OrgName);
                        }
                    }
                }
                Ty::Xpn
                    if whole_names
                        && (2..=3).contains(&comps.len())
                        && comps.iter().all(|(_, p)| !p.trim().is_empty()) =>
                {
                    self.hl7_part(base + r, rep, Kind::Name);
                }
                Ty::Xpn => {
                    for i in 0..3 {
                        part(self, i, Kind::Name);
                    }
                }
                Ty::Xcn => {
                    part(self, 0, Kind::License);
                    for i in 1..4 {
                        part(self, i, Kind::Name);
                    }
                }
                Ty::Xad => {
                    part(self, 0, Kind::Address);
                    part(self, 1, Kind::Address);
                    part(self, 2, Kind::City);
                    part(self, 4, Kind::Zip);
                    part(self, 8, Kind::County);
                }
                Ty::Xtn => {
                    if let Some((o, p)) = at(0) {
                        // The number as written (`(555) 010-7788`), without words a log
                        // line wrote after a segment pasted into it.
                        let written = p
                            .find(|c: char| {
                                !(c.is_ascii_digit()
                                    || matches!(
                                        c,
                                        ' ' | '(' | ')' | '-' | '.' | '+' | '/' | 'x' | 'X' | '#'
                                    ))
                            })
                            .map_or(p, |e| &p[..e]);
                        let written =
                            written.trim_end_matches([' ', '-', '/', '.', '(', 'x', 'X', '#']);
                        if written.bytes().filter(u8::is_ascii_digit).count() >= 5 {
                            self.hl7_part(o, written, Kind::Phone);
                        } else if p.bytes().filter(u8::is_ascii_digit).count() >= 5 {
                            self.hl7_part(o, p, Kind::Phone);
                        }
                    }
                    part(self, 3, Kind::Email);
                    part(self, 6, Kind::Phone);
                }
                Ty::Date => part(self, 0, Kind::Date),
                Ty::Whole(kind) => part(self, 0, kind),
                Ty::Location => part(self, 3, Kind::OrgName),
                Ty::Facility => part(self, 0, Kind::OrgName),
                Ty::Tq => part(self, 3, Kind::Date),
            }
        }
    }

    /// Every HL7 v2 segment line: its identifying fields go, and its other tokens (codes,
    /// set ids, the message header) are closed to the word-level rules, which would read
    /// `F`, `SEL` or `EPIC` as words of prose.
    /// ASTM E1394 (LIS2-A2) records as analyzers and lab systems send them, one record a
    /// line or `\r`, framed or not (`<STX>3P|1||...`): the header's sender (H-5) is the
    /// organization's host; a patient record's mother's maiden name (P-7), address (P-11),
    /// telephone (P-13) and attending physician (P-14) go. The patient's own name (P-6) and
    /// ids are left to the caret-name and number rules.
    pub(super) fn astm_records(&mut self) {
        let text = self.text;
        // Every ASTM message opens with a header declaring its delimiters.
        if !text.contains("H|\\^&") {
            return;
        }
        const REASON: &str = "field of an ASTM lab record (by position)";
        let mut at = 0;
        for record in text.split(['\r', '\n']) {
            let start = at;
            at += record.len() + 1;
            let body = record.strip_prefix("<STX>").unwrap_or(record);
            let body = body.trim_start_matches(|c: char| c.is_ascii_digit());
            let base = start + (record.len() - body.len());
            let kind = match body.as_bytes() {
                [b'H', b'|', ..] => b'H',
                [b'P', b'|', ..] => b'P',
                _ => continue,
            };
            for (i, (off, field)) in pieces(body, '|').enumerate() {
                let want = match (kind, i) {
                    (b'H', 4) => Some(Kind::InternalHost),
                    (b'P', 6 | 13) => Some(Kind::Name),
                    (b'P', 10) => Some(Kind::Address),
                    (b'P', 12) => Some(Kind::Phone),
                    _ => None,
                };
                let Some(want) = want else { continue };
                if want == Kind::InternalHost {
                    // The sender's name, not the program after it (`lis01^LIS^1.0`).
                    let name = field.split('^').next().unwrap_or("");
                    self.field_value(base + off, name, want, REASON);
                    continue;
                }
                for (o, part) in pieces(field, '^') {
                    // A physician's code before the name (`1234^ROE^ANN`) is no name.
                    if want == Kind::Name && !part.chars().any(char::is_alphabetic) {
                        continue;
                    }
                    self.field_value(base + off + o, part, want, REASON);
                }
            }
        }
    }

    /// Every HL7 v2 segment, wherever the message sits: a segment a line, segments cut by
    /// carriage returns (real or written out) or run together, a message pasted after a
    /// log line's words or inside a quoted string; read with the encoding characters its
    /// header declares.
    pub(super) fn hl7_segments(&mut self) {
        for (start, line) in self.lines() {
            // Every segment has a field separator, and a message with another one names
            // itself by its header.
            if !line.contains('|') && !line.contains("MSH") {
                continue;
            }
            let (segments, pasted) = line_segments(line);
            for (s, e, enc) in segments {
                let body = standard_encoding(&line[s..e], enc);
                self.hl7_segment(start + s, &body, pasted);
            }
        }
    }

    /// A log line that names a person segment's field and quotes its value (`bad address
    /// in PID-11 12 Elm St^^Fernvale^OR^97001)`): the value, from after the field's name to
    /// the end of its last word with a component separator, is read as that field. A value
    /// with no component (`PID-19 empty`) is left to the other rules.
    pub(super) fn hl7_field_mentions(&mut self) {
        if !self.text.contains('^') {
            return;
        }
        for (start, line) in self.lines() {
            if !line.contains('^') || !line.contains('-') {
                continue;
            }
            let b = line.as_bytes();
            for code in PERSON_SEGMENTS {
                for (q, _) in line.match_indices(code) {
                    if q > 0 && b[q - 1].is_ascii_alphanumeric() || b.get(q + 3) != Some(&b'-') {
                        continue;
                    }
                    let digits = b[q + 4..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if !(1..=2).contains(&digits) || b.get(q + 4 + digits) != Some(&b' ') {
                        continue;
                    }
                    let n: usize = line[q + 4..q + 4 + digits].parse().unwrap_or(0);
                    // Only a field of components (a name, an address, an identifier).
                    let Some(ty) = field_type(code, n)
                        .filter(|t| matches!(t, Ty::Xad | Ty::Xpn | Ty::Xcn | Ty::Cx(_) | Ty::Xtn))
                    else {
                        continue;
                    };
                    let from = q + 5 + digits;
                    let span = &line[from..];
                    let stop = span
                        .find([')', ']', '|', '\n', '\r', '"', ';'])
                        .unwrap_or(span.len())
                        .min(160);
                    let span = &span[..super::settle::floor_boundary(span, stop)];
                    // The end of the last word holding a component separator.
                    let Some(caret) = span.rfind('^') else {
                        continue;
                    };
                    let end = span[caret..]
                        .find(char::is_whitespace)
                        .map_or(span.len(), |e| caret + e);
                    let value = &span[..end];
                    // The value is the words up to its first component: a street of a few
                    // words, not a sentence that names a person later on.
                    let first_caret = value.find('^').unwrap_or(0);
                    let lead_words = value[..first_caret].split_whitespace().count();
                    if value.starts_with(char::is_whitespace)
                        || lead_words > 5
                        || value.starts_with(['\'', '"'])
                    {
                        continue;
                    }
                    self.hl7_field(start + from, value, ty, true);
                }
            }
        }
    }

    /// One segment at `base`, written with the standard encoding characters.
    fn hl7_segment(&mut self, base: usize, body: &str, whole_names: bool) {
        let Some(seg) = body.get(..3) else { return };
        let first = self.found.len();
        let fields: Vec<(usize, &str)> = pieces(body, '|').collect();
        // MSH-1 is the field separator itself, so MSH's fields count from one more.
        let number = |i: usize| if seg == "MSH" { i + 1 } else { i };
        let value = |n: usize| {
            fields
                .iter()
                .enumerate()
                .find(|&(i, _)| number(i) == n)
                .map(|(_, &(_, f))| f.split('^').next().unwrap_or("").trim())
                .unwrap_or("")
        };
        // An insurance segment written one field short: the relationship code (IN1-17)
        // one place early, and so every field from the insured's name on.
        let short_in1 = seg == "IN1" && relationship_code(value(16));
        // The receiving facility is the organization's own when it is named after the
        // sending one (`NWH` and `NWH_MAIN`); a vendor or a security system stays.
        let own_receiver = seg == "MSH"
            && !value(4).is_empty()
            && value(6)
                .to_ascii_uppercase()
                .starts_with(&value(4).to_ascii_uppercase());
        let mut open = Vec::new();
        for (i, &(o, field)) in fields.iter().enumerate() {
            let n = number(i);
            let meant = if short_in1 && n >= 15 { n + 1 } else { n };
            let date = PATIENT_SEGMENTS.contains(&seg)
                && date_shaped(field.split('^').next().unwrap_or("").trim());
            // A timing field (TQ) shows itself by the date-time in its fourth component,
            // wherever the sender put it.
            let tq = seg == "SCH"
                && field
                    .split('^')
                    .nth(3)
                    .is_some_and(|c| date_shaped(c.trim()));
            let ty = match field_type(seg, meant) {
                _ if tq => Some(Ty::Tq),
                // A location, a facility or a person never looks like a date: a date
                // there is one field off (an admission time in PV1-43).
                Some(Ty::Location | Ty::Facility | Ty::Xcn | Ty::Xpn) if date => Some(Ty::Date),
                None if own_receiver && n == 6 => Some(Ty::Facility),
                // The operator (EVN-5) one place early: a reason code has no components.
                None if seg == "EVN" && n == 4 && field.contains('^') => Some(Ty::Xcn),
                None if date => Some(Ty::Date),
                // A person segment sent a field off: the value's shape says what it is.
                None if PERSON_SEGMENTS.contains(&seg) && address_shaped(field) => Some(Ty::Xad),
                None if PERSON_SEGMENTS.contains(&seg) && telecom_shaped(field) => Some(Ty::Xtn),
                // IN1-2 to IN1-7 are the insurer's (plan, company id, name, address).
                None if PERSON_SEGMENTS.contains(&seg)
                    && !(seg == "IN1" && n < 8)
                    && identifier_shaped(field) =>
                {
                    Some(Ty::Whole(if seg == "IN1" {
                        Kind::HealthPlanId
                    } else {
                        Kind::Account
                    }))
                }
                // A visit or account number in a field the table does not list.
                None if seg == "PV1"
                    && field.len() >= 6
                    && field.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Some(Ty::Whole(Kind::Account))
                }
                ty => ty,
            };
            if let Some(ty) = ty {
                self.hl7_field(base + o, field, ty, whole_names);
            }
            if free_text(seg, n) {
                open.push((base + o, base + o + field.len()));
            }
        }
        self.close_except(base, base + body.len(), &open, first);
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn segments_after_bare_carriage_returns_are_read_as_segments() {
        check(&[(
            "Raw message:\n\
             MSH|^~\\&|APP|FAC|LAB|FAC|20250102030405||ADT^A01|77|P|2.5.1\r\
             PID|1||88123^^^FAC^MR||QUILLBY^ODETTE||19700101|F|||12 Larkspur Road^^Elmsworth^OH^44123^USA\r\
             PV1|1|I\r\n",
            "Raw message:\n\
             MSH|^~\\&|APP|[ORG]|LAB|[ORG]|20250102030405||ADT^A01|77|P|2.5.1\r\
             PID|1||[MRN]^^^[ORG]^MR||[NAME]^[NAME]||[DATE]|F|||[ADDRESS]^^[CITY]^OH^[ZIP]^USA\r\
             PV1|1|I\r\n",
        )]);
    }

    #[test]
    fn astm_header_sender_and_patient_record_fields() {
        check(&[(
            "<STX>1H|\\^&|||lisqx04^LIS|||||ANALYZER||P|1\r\
             <STX>2P|1||7781||QUILL^ODA|||F|||||ROWAN\r<STX>3O|1|55||^^^GLU\n",
            "<STX>1H|\\^&|||[INTERNAL-HOST]^LIS|||||ANALYZER||P|1\r\
             <STX>2P|1||7781||[NAME]|||F|||||[NAME]\r<STX>3O|1|55||^^^GLU\n",
        )]);
    }

    #[test]
    fn hl7_fields_go_by_position_and_codes_stay() {
        check(&[(
            "MSH|^~\\&|LAB|FACX|SIEM|SEC|20240101120000||ADT^A01|1|P|2.5.1\n\
             PID|1||Q123^^^FACX^MR~123-45-6789^^^USSSA^SS||QUILL^ODA^B||19500101|F|||\
             12 ELM RD^APT 3^MARROWDALE^OR^97001^USA^H||5035550100^PRN^PH|||M||V88^^^FACX^AN|\n\
             NK1|1|QUILL^BRAM|SPO^Spouse|12 ELM RD^^MARROWDALE^OR^97001|5035550101\n\
             PV1|1|I|4W^12^01^FACX||||1234567890^ABNEY^LIS^^^^MD||||||||||||998877|\n",
            "MSH|^~\\&|LAB|[ORG]|SIEM|SEC|20240101120000||ADT^A01|1|P|2.5.1\n\
             PID|1||[MRN]^^^[ORG]^MR~[SSN]^^^USSSA^SS||[NAME]^[NAME]^[NAME]||[DATE]|F|||\
             [ADDRESS]^[ADDRESS]^[CITY]^OR^[ZIP]^USA^H||[PHONE]^PRN^PH|||M||[ACCOUNT]^^^[ORG]^AN|\n\
             NK1|1|[NAME]^[NAME]|SPO^Spouse|[ADDRESS]^^[CITY]^OR^[ZIP]|[PHONE]\n\
             PV1|1|I|4W^12^01^[ORG]||||[LICENSE]^[NAME]^[NAME]^^^^MD||||||||||||[ACCOUNT]|\n",
        )]);
    }

    #[test]
    fn hl7_dates_orders_operators_and_a_short_insurance_segment() {
        check(&[(
            "MSH|^~\\&|EHR|FACX|LIS|FACX_LAB|20250301101500||ADT^A04|7|P|2.3\n\
             EVN|A04|20250301101500||u4471^WREN^TAMSIN\n\
             PV1|1|O|ER^1^1^FACX|||||||MED||||||||||||||||||||||||||||||||||20250301094500\n\
             IN1|1|PLN1|555|Statewide Mutual|||||||||||FENWICK^ODA|SEL|19440212|4 REED CT^^MARROW^OR^97001\n\
             PV1|1|I|W2^4^1^FACX||||||||||||||||7788123|||||||||||||||||||||||||202503010945\n\
             ORC|NW|ORD7781|FIL9912\n",
            "MSH|^~\\&|EHR|[ORG]|LIS|[ORG]|20250301101500||ADT^A04|7|P|2.3\n\
             EVN|A04|[DATE]||[LICENSE]^[NAME]^[NAME]\n\
             PV1|1|O|ER^1^1^[ORG]|||||||MED||||||||||||||||||||||||||||||||||[DATE]\n\
             IN1|1|PLN1|555|Statewide Mutual|||||||||||[NAME]^[NAME]|SEL|[DATE]|[ADDRESS]^^[CITY]^OR^[ZIP]\n\
             PV1|1|I|W2^4^1^[ORG]||||||||||||||||[ACCOUNT]|||||||||||||||||||||||||[DATE]\n\
             ORC|NW|[ACCOUNT]|[ACCOUNT]\n",
        )]);
    }

    #[test]
    fn a_patient_segment_one_field_off_is_read_by_shape() {
        check(&[(
            "PID|1||Q77^^^FACX^MR||WREN^ODA||19400101|F||9 Reed Ct^^Marrowdale^OR^97001^USA^H||\
             5035550100^PRN^PH~^NET^Internet^oda.w@example.net||ENG|||HAR1234567\n\
             IN1|1|PLN1|60013||||||ZQW44120987|||||||WREN^ODA|SEL|19400101\n",
            "PID|1||[MRN]^^^[ORG]^MR||[NAME]^[NAME]||[DATE]|F||[ADDRESS]^^[CITY]^OR^[ZIP]^USA^H||\
             [PHONE]^PRN^PH~^NET^Internet^[EMAIL]||ENG|||[ACCOUNT]\n\
             IN1|1|PLN1|60013||||||[HEALTH-PLAN-ID]|||||||[NAME]^[NAME]|SEL|[DATE]\n",
        )]);
    }

    #[test]
    fn scheduling_segments_name_their_resources() {
        check(&[(
            "SCH||44120987|||||Follow-up^Follow-up|||30|min|^^30^202508100318\n\
             AIP|1||1234567893^QUILL^TAMSIN^B|ATT\n\
             PRD|RP|FENWICK^ODALYS|4 Elm Rd^^Marrowdale^OR^97001||5035550111^WPN^PH\n",
            "SCH||[ACCOUNT]|||||Follow-up^Follow-up|||30|min|^^30^[DATE]\n\
             AIP|1||[LICENSE]^[NAME]^[NAME]^[NAME]|ATT\n\
             PRD|RP|[NAME]^[NAME]|[ADDRESS]^^[CITY]^OR^[ZIP]||[PHONE]^WPN^PH\n",
        )]);
    }

    #[test]
    fn segments_cut_by_carriage_returns_or_run_together_inside_a_log_line() {
        check(&[
            // Real carriage returns on one line, after a log line's words.
            (
                "Raw message: MSH|^~\\&|EHR|FACX|LIS|FACX|20250301101500||ADT^A08|7|P|2.5.1\r\
                 PID|1||Q77^^^FACX^MR||WREN^ODA^B||19400101|F|||9 Reed Ct^^Marrowdale^OR^97001\r\
                 PV1|1|I|4W^2^1^FACX||||1234567890^ABNEY^LIS^^^^MD\n",
                "Raw message: MSH|^~\\&|EHR|[ORG]|LIS|[ORG]|20250301101500||ADT^A08|7|P|2.5.1\r\
                 PID|1||[MRN]^^^[ORG]^MR||[NAME]^[NAME]^[NAME]||[DATE]|F|||[ADDRESS]^^[CITY]^OR^[ZIP]\r\
                 PV1|1|I|4W^2^1^[ORG]||||[LICENSE]^[NAME]^[NAME]^^^^MD\n",
            ),
            // Segments run together with nothing between them.
            (
                "MSH|^~\\&|EHR|FACX|LIS|FACX|20250301101500||ADT^A08|7|P|2.5.1PID|1||Q77^^^FACX^MR||\
                 WREN^ODA||19400101|F\n",
                "MSH|^~\\&|EHR|[ORG]|LIS|[ORG]|20250301101500||ADT^A08|7|P|2.5.1PID|1||[MRN]^^^[ORG]^MR||\
                 [NAME]^[NAME]||[DATE]|F\n",
            ),
        ]);
    }

    #[test]
    fn a_message_in_a_json_string_with_written_out_returns_and_its_own_encoding() {
        check(&[
            (
                "{\"raw\": \"MSH|^~\\\\&|EHR|FACX|LIS|FACX|20250301101500||ADT^A08|7|P|2.5\\r\
                 PID|1||Q77^^^FACX^MR||WREN^ODA||19400101|F\", \"level\": \"ERROR\"}\n",
                "{\"raw\": \"MSH|^~\\\\&|EHR|[ORG]|LIS|[ORG]|20250301101500||ADT^A08|7|P|2.5\\r\
                 PID|1||[MRN]^^^[ORG]^MR||[NAME]^[NAME]||[DATE]|F\", \"level\": \"ERROR\"}\n",
            ),
            // A header declaring `$` for components, segments cut by a written-out return.
            (
                "MSH|$~\\&|EHR|FACX|LIS|FACX|20250301101500||ADT$A08|7|P|2.5<CR>\
                 PID|1||Q77$$$FACX$MR||WREN$ODA||19400101|F|||9 Reed Ct$$Marrowdale$OR$97001\n",
                "MSH|$~\\&|EHR|[ORG]|LIS|[ORG]|20250301101500||ADT$A08|7|P|2.5<CR>\
                 PID|1||[MRN]$$$[ORG]$MR||[NAME]$[NAME]||[DATE]|F|||[ADDRESS]$$[CITY]$OR$[ZIP]\n",
            ),
        ]);
    }

    #[test]
    fn segment_codes_in_prose_or_as_field_values_open_nothing() {
        check(&[
            (
                "The MSH segment and the PID|PV1 pair were dropped by RAPID|x.\n",
                "The MSH segment and the PID|PV1 pair were dropped by RAPID|x.\n",
            ),
            (
                "MSH|^~\\&|EHR|FACX|OBX|SEC|20250301101500||ORU^R01|7|P|2.5\n",
                "MSH|^~\\&|EHR|[ORG]|OBX|SEC|20250301101500||ORU^R01|7|P|2.5\n",
            ),
        ]);
    }

    #[test]
    fn a_pipe_line_that_is_not_hl7_is_left_to_other_rules() {
        check(&[("ABC|x|y\n", "ABC|x|y\n")]);
    }

    #[test]
    fn a_person_segment_pasted_mid_line_and_a_quoted_field_value() {
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text(
                "[E] map failed: PID|1||Q77^^^FACX||WREN^ODA||19400101|F|||9 Reed Ct^^Marrowdale^OR^97001\n\
                 queued for WREN^ODA (PID-11 4 Elm Row^^Fernvale^OR^97002) sent elsewhere\n\
                 field PID-19 empty; field PID-11 missing\n",
            )
            .text;
        for gone in [
            "9 Reed Ct",
            "Marrowdale",
            "97001",
            "4 Elm Row",
            "Fernvale",
            "97002",
        ] {
            assert!(!out.contains(gone), "{gone}: {out:?}");
        }
        assert!(out.contains("^OR^"), "{out:?}");
        assert!(out.contains("sent elsewhere"), "{out:?}");
        assert!(out.contains("PID-19 empty"), "{out:?}");
        assert!(out.contains("PID-11 missing"), "{out:?}");
        // A field named in a sentence that names the patient later is no quoted value; a
        // phone pasted last keeps the log's words after it.
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text(
                "check: PID-7 '19400101' is in the future for patient WREN^ODA\n\
                 [E] map failed: PID|1||Q77^^^FACX||WREN^ODA||19400101|F|||^^^^||(555) 010-7788 : field PID-19 empty\n",
            )
            .text;
        assert!(out.contains("is in the future for patient"), "{out:?}");
        assert!(!out.contains("010-7788"), "{out:?}");
        check(&[(
            "NK1|1|WREN^ODA|MTH^Mother||555-010-7789 x12\n",
            "NK1|1|[NAME]^[NAME]|MTH^Mother||[PHONE]\n",
        )]);
        assert!(out.contains(": field PID-19 empty"), "{out:?}");
        // A code without a set id opens nothing.
        check(&[("see PID|x for details\n", "see PID|x for details\n")]);
    }
}
