//! DICOM header dumps pasted into a document: `dcmdump` and `gdcmdump` lines
//! (`(0010,0010) PN [DOE^JANE]   #  8, 1 PatientName`) and pydicom's
//! (`(0010, 0010) Patient's Name   PN: 'DOE^JANE'`). The attribute tag says what the value is
//! (the PS3.6 data dictionary); the attributes PS3.15 Annex E lists for de-identification
//! that are Safe Harbor identifiers go: names, patient ids, birth and study dates,
//! addresses, phone numbers, the institution, accession and admission numbers, station
//! names, device serial numbers, and ages over 89. Codes, UIDs, sex, modality, the
//! manufacturer and the dump's own comments stay.

use super::Engine;
use crate::Kind;

const REASON: &str = "identifier in a DICOM attribute (by tag)";

/// What the value of attribute `(group,element)` is, when it identifies someone.
fn tag_kind(group: u16, element: u16) -> Option<Kind> {
    use Kind::*;
    Some(match (group, element) {
        // Person names (VR PN).
        (0x0008, 0x0090 | 0x009C | 0x1048 | 0x1050 | 0x1060 | 0x1070)
        | (0x0010, 0x0010 | 0x1001 | 0x1005 | 0x1060 | 0x2297)
        | (0x0032, 0x1032)
        | (0x0040, 0x0006 | 0xA123 | 0x1010)
        | (0x0070, 0x0084)
        | (0x4008, 0x0114) => Name,
        (0x0010, 0x0020 | 0x1000 | 0x1090) => Mrn,
        (0x0010, 0x1050) => HealthPlanId,
        (0x0008, 0x0080 | 0x1040) | (0x0010, 0x0021) => OrgName,
        (0x0008, 0x0081 | 0x0092) | (0x0010, 0x1040) => Address,
        (0x0008, 0x0094) | (0x0010, 0x2154) => Phone,
        // Study, series, acquisition, content and creation dates; birth date; admission
        // and procedure-step dates.
        (0x0008, 0x0012 | 0x0020 | 0x0021 | 0x0022 | 0x0023 | 0x002A)
        | (0x0010, 0x0030)
        | (0x0038, 0x0020 | 0x0030)
        | (0x0040, 0x0002 | 0x0004 | 0x0244 | 0x0250) => Date,
        // Accession, study id, admission id, order and procedure numbers.
        (0x0008, 0x0050)
        | (0x0020, 0x0010)
        | (0x0038, 0x0010)
        | (0x0040, 0x2016 | 0x2017 | 0x1001 | 0x0253 | 0x0009) => Account,
        // Station names and application entity titles: the organization's hosts.
        (0x0008, 0x1010 | 0x0055) | (0x0002, 0x0016) | (0x0040, 0x0001 | 0x0241 | 0x0242) => {
            InternalHost
        }
        (0x0018, 0x1000 | 0x700A) => DeviceId,
        (0x0010, 0x1010) => Age,
        _ => return None,
    })
}

/// `(gggg,eeee)` or `(gggg, eeee)` at the start of `s`: the tag and the bytes it took.
fn tag(s: &str) -> Option<(u16, u16, usize)> {
    let rest = s.strip_prefix('(')?;
    let hex = |t: &str| {
        (t.len() == 4 && t.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u16::from_str_radix(t, 16).ok())
            .flatten()
    };
    let group = hex(rest.get(..4)?)?;
    let after = rest.get(4..)?.strip_prefix(',')?;
    let spaces = after.len() - after.trim_start_matches(' ').len();
    let after = &after[spaces..];
    let element = hex(after.get(..4)?)?;
    after.get(4..)?.strip_prefix(')')?;
    Some((group, element, 1 + 4 + 1 + spaces + 4 + 1))
}

/// `line` after the log-level prefix dcmtk's tools print before each line of a response
/// they dump (`findscu`'s `I: (0010,0010) PN [...]`, `W: `, `D: `, `E: `), if it has one.
fn log_prefix(line: &str) -> &str {
    let t = line.trim_start();
    match t.as_bytes() {
        [b'I' | b'W' | b'D' | b'E' | b'T' | b'F', b':', b' ', ..] => &t[3..],
        _ => line,
    }
}

/// The value's byte range in `line` after the tag (which ends at `from`): between brackets
/// in dcmdump's form (up to the last `]` before the `#` comment), between quotes after
/// `VR: ` in pydicom's.
fn value_range(line: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &line[from..];
    if let Some(open) = rest.find('[') {
        // The text before the bracket is the VR only (`PN `).
        if rest[..open].trim().len() <= 2 {
            let body = &rest[open + 1..];
            let stop = body
                .find("  #")
                .or_else(|| body.find(" #"))
                .unwrap_or(body.len());
            let close = body[..stop].rfind(']')?;
            let s = from + open + 1;
            return Some((s, s + close));
        }
    }
    let colon = rest.find(": ")?;
    let quoted = rest[colon + 2..].trim_start();
    let q = quoted.chars().next().filter(|&c| c == '\'' || c == '"')?;
    let body = &quoted[1..];
    let close = body.rfind(q)?;
    let s = line.len() - body.len();
    Some((s, s + close))
}

/// An age string (`092Y`) of 90 years or more: ages under 90 are not identifiers.
fn age_over_89(v: &str) -> bool {
    let v = v.trim();
    v.strip_suffix(['Y', 'y'])
        .and_then(|n| n.trim().parse::<u32>().ok())
        .is_some_and(|n| n >= 90)
}

/// The query keys dcmtk's tools log on one line after the message they belong to
/// (`I: C-FIND-RQ: (0010,0010) PN [DOE^JANE] (0010,0020) LO [12345]`): each tag, its VR, and
/// the value between brackets up to the first `]`. Yields the tag, where it starts and the
/// value's range.
fn inline_values(line: &str) -> impl Iterator<Item = (u16, u16, usize, usize, usize)> + '_ {
    let b = line.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'(')
        .filter_map(move |(i, _)| {
            let (group, element, n) = tag(&line[i..])?;
            let rest = &b[i + n..];
            // ` PN [`: a space, two capital letters, a space, a bracket.
            let vr = rest.get(..5)?;
            if !(vr[0] == b' '
                && vr[1].is_ascii_uppercase()
                && vr[2].is_ascii_uppercase()
                && vr[3] == b' '
                && vr[4] == b'[')
            {
                return None;
            }
            let s = i + n + 5;
            let len = line[s..].find(']')?;
            Some((group, element, i, s, s + len))
        })
}

/// An application entity title: up to 16 characters of capitals, digits, `_`, `-` or space.
fn ae_title(s: &str) -> bool {
    (1..=16).contains(&s.len())
        && s.bytes().any(|b| b.is_ascii_alphabetic())
        && s.bytes().all(|b| {
            b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b' ')
        })
}

impl Engine<'_> {
    /// `Association Received 10.1.2.3: "CT_A" -> "PACS_B"`: the called title is the
    /// organization's own node; the calling one is too when the peer's address is private
    /// (a scanner's title from a public address is the outsider's and stays).
    fn association_titles(&mut self, start: usize, line: &str) {
        let Some(arrow) = line.find("\" -> \"") else {
            return;
        };
        let before = &line[..arrow];
        let after = &line[arrow + 6..];
        let Some(open) = before.rfind('"') else {
            return;
        };
        let Some(close) = after.find('"') else {
            return;
        };
        let (calling, called) = (&before[open + 1..], &after[..close]);
        if !ae_title(calling) || !ae_title(called) {
            return;
        }
        let reason = "application entity title of the organization's DICOM node";
        self.field_value(start + arrow + 6, called, Kind::InternalHost, reason);
        // The peer's address ends the text before the title: `... 10.1.2.3: "`.
        let peer = before[..open]
            .trim_end()
            .trim_end_matches(':')
            .rsplit(' ')
            .next()
            .unwrap_or("");
        if crate::classify::ipv4(peer) == Some(crate::classify::Reach::Internal) {
            self.field_value(start + open + 1, calling, Kind::InternalHost, reason);
        }
    }

    /// Tags inside a log line rather than opening it: the values go by tag as in a dump,
    /// and the rest of the line stays open to the other rules.
    fn inline_tags(&mut self, start: usize, line: &str) {
        if !line.contains("] (") {
            return;
        }
        for (group, element, at, s, e) in inline_values(line) {
            // The tag, its VR and a value that identifies no one (`(0008,0060) CS [MR]`) are
            // closed to the word-level rules.
            let tag_start = start + at;
            let first = self.found.len();
            let Some(kind) = tag_kind(group, element) else {
                self.close_span(tag_start, start + e, first);
                continue;
            };
            self.close_span(tag_start, start + s, first);
            self.tag_value(start + s, &line[s..e], kind);
        }
    }

    /// The value `v` at `at` of an attribute whose tag says it is a `kind`: an age only
    /// over 89; a person name by each component (`^`) and each representation (`=`).
    fn tag_value(&mut self, at: usize, v: &str, kind: Kind) {
        match kind {
            Kind::Age if !age_over_89(v) => {}
            Kind::Name => {
                for (o, part) in super::structured::pieces(v, '^') {
                    for (p, piece) in super::structured::pieces(part, '=') {
                        self.field_value(at + o + p, piece, kind, REASON);
                    }
                }
            }
            Kind::Address => self.address_value(at, v, REASON),
            _ => self.field_value(at, v, kind, REASON),
        }
    }

    /// Every line of a DICOM header dump: identifying values go by tag, and the line's
    /// other tokens (VRs, lengths, keywords, codes) are closed to the word-level rules,
    /// except the values of free-text attributes nobody listed here (a study description).
    pub(super) fn dicom_dump(&mut self) {
        let text = self.text;
        if !text.contains(')') {
            return;
        }
        // Query keys logged inline follow one another (`...] (0010,0020) LO [...`).
        let inline = text.contains("] (");
        // dcmtk's association lines name both ends by AE title (`"CT_A" -> "PACS_B"`).
        let association = text.contains("\" -> \"");
        for (start, line) in self.lines() {
            let line = line.trim_end_matches(['\n', '\r']);
            let lead = line.len() - log_prefix(line).trim_start().len();
            let Some((group, element, n)) = tag(&line[lead..]) else {
                if inline {
                    self.inline_tags(start, line);
                }
                if association {
                    self.association_titles(start, line);
                }
                continue;
            };
            let base = start + lead;
            let body = &line[lead..];
            let first = self.found.len();
            let value = value_range(body, n);
            let kind = tag_kind(group, element);
            if let (Some((s, e)), Some(kind)) = (value, kind) {
                self.tag_value(base + s, &body[s..e], kind);
            }
            // A free-text value the table does not know stays open to the other rules.
            let vr = body[n..].trim_start().get(..2).unwrap_or("");
            let free = kind.is_none() && matches!(vr, "LT" | "ST" | "UT");
            match (value, free) {
                (Some((s, e)), true) => {
                    self.close_except(base, start + line.len(), &[(base + s, base + e)], first)
                }
                _ => self.close_span(base, start + line.len(), first),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn dicom_values_go_by_tag_and_codes_stay() {
        check(&[(
            "Header of the object:\n\
             (0008,0060) CS [CT]                                #   2, 1 Modality\n\
             (0008,0070) LO [ACME IMAGING]                      #  12, 1 Manufacturer\n\
             (0008,0080) LO [Lakeshore Clinic]                  #  16, 1 InstitutionName\n\
             (0008,0090) PN [ORCHARD^WENDELL]                   #  16, 1 ReferringPhysicianName\n\
             (0008,1010) SH [CTSCAN04]                          #   8, 1 StationName\n\
             (0010,0010) PN [BRAMBLEWOOD^ISOLDE^K]              #  20, 1 PatientName\n\
             (0010,0020) LO [QX-448812]                         #  10, 1 PatientID\n\
             (0010,0030) DA [19330512]                          #   8, 1 PatientBirthDate\n\
             (0010,0040) CS [F]                                 #   2, 1 PatientSex\n\
             (0010,1010) AS [093Y]                              #   4, 1 PatientAge\n\
             (0010,1040) LO [4 Reed Ct, Marrow - OR, 97001]    #  30, 1 PatientAddress\n\
             (0018,1000) LO [SN-4471-ZZ]                        #  10, 1 DeviceSerialNumber\n",
            "Header of the object:\n\
             (0008,0060) CS [CT]                                #   2, 1 Modality\n\
             (0008,0070) LO [ACME IMAGING]                      #  12, 1 Manufacturer\n\
             (0008,0080) LO [[ORG]]                  #  16, 1 InstitutionName\n\
             (0008,0090) PN [[NAME]^[NAME]]                   #  16, 1 ReferringPhysicianName\n\
             (0008,1010) SH [[INTERNAL-HOST]]                          #   8, 1 StationName\n\
             (0010,0010) PN [[NAME]^[NAME]^[NAME]]              #  20, 1 PatientName\n\
             (0010,0020) LO [[MRN]]                         #  10, 1 PatientID\n\
             (0010,0030) DA [[DATE]]                          #   8, 1 PatientBirthDate\n\
             (0010,0040) CS [F]                                 #   2, 1 PatientSex\n\
             (0010,1010) AS [[AGE]]                              #   4, 1 PatientAge\n\
             (0010,1040) LO [[ADDRESS] - OR, [ADDRESS]]    #  30, 1 PatientAddress\n\
             (0018,1000) LO [[DEVICE-ID]]                        #  10, 1 DeviceSerialNumber\n",
        )]);
    }

    #[test]
    fn findscu_worklist_lines_with_a_log_prefix() {
        check(&[(
            "I: Find Response: 2 (Pending)\n\
             I: (0010,0010) PN [Quillfeather^ODALYS^K]\n\
             I: (0010,1010) AS [094Y]\n\
             I: (0040,0100) SQ (Sequence with explicit length #=1)\n\
             I:   (0040,0001) AE [WESTCT3]\n\
             I:   (0040,0006) PN [BRAMBLE^TOVE]\n",
            "I: Find Response: 2 (Pending)\n\
             I: (0010,0010) PN [[NAME]^[NAME]^[NAME]]\n\
             I: (0010,1010) AS [[AGE]]\n\
             I: (0040,0100) SQ (Sequence with explicit length #=1)\n\
             I:   (0040,0001) AE [[INTERNAL-HOST]]\n\
             I:   (0040,0006) PN [[NAME]^[NAME]]\n",
        )]);
    }

    #[test]
    fn association_titles_of_the_organizations_nodes() {
        check(&[(
            "I: Association Received 10.20.30.40: \"QX_CT2\" -> \"QXPACS\"\n\
             I: Association Received 203.0.113.9: \"ANY-SCU\" -> \"QXPACS\" (rejected)\n",
            "I: Association Received [INTERNAL-IP]: \"[INTERNAL-HOST]\" -> \"[INTERNAL-HOST]\"\n\
             I: Association Received 203.0.113.9: \"ANY-SCU\" -> \"[INTERNAL-HOST]\" (rejected)\n",
        )]);
    }

    #[test]
    fn query_keys_logged_inline_go_by_tag() {
        check(&[(
            "2030-01-02 03:04:05 I: C-FIND-RQ: (0010,0010) PN [DE LA QUILL^ODA MARIS] \
             (0010,0020) LO [QX88123] (0008,0060) CS [MR] (0010,0030) DA [19400101]\n",
            "[DATE] 03:04:05 I: C-FIND-RQ: (0010,0010) PN [[NAME]] \
             (0010,0020) LO [[MRN]] (0008,0060) CS [MR] (0010,0030) DA [[DATE]]\n",
        )]);
    }

    #[test]
    fn dicom_pydicom_form_and_young_ages() {
        check(&[(
            "(0010, 0010) Patient's Name                      PN: 'FENWICK^TAMSIN'\n\
             (0010, 1010) Patient's Age                       AS: '045Y'\n",
            "(0010, 0010) Patient's Name                      PN: '[NAME]^[NAME]'\n\
             (0010, 1010) Patient's Age                       AS: '045Y'\n",
        )]);
    }
}
