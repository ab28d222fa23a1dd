//! ASC X12 EDI transactions pasted into a document (837 claims, 270/271 eligibility, 835
//! remittances: `NM1*IL*1*DOE*JANE****MI*W123~N3*12 ELM ST~`). The interchange header `ISA`
//! is fixed: the byte after `ISA` is the element separator, ISA-16 the component separator
//! and the byte after it the segment terminator. Each segment's elements have fixed meanings
//! (the 005010 implementation guides): NM1-03/04/05 are a party's last, first and middle
//! names, NM1-09 its identifier (of the kind NM1-08 names), N3 the street, N4 the city and
//! postcode, DMG-02 the birth date, CLM-01 the patient's account, and so on. Those go; the
//! qualifiers, codes, amounts and control numbers stay. A payer's or receiver's name,
//! identifier and address are public and stay too.

use super::structured::pieces;
use super::Engine;
use crate::Kind;

const REASON: &str = "identifier in an X12 EDI element (by segment and element position)";

/// Segment ids of the 005010 health-care transactions (837, 270/271, 276/277, 278, 834,
/// 835) and the envelope: a run of segments is read while each starts with one of these.
const SEGMENTS: &[&str] = &[
    "ISA", "IEA", "GS", "GE", "ST", "SE", "BHT", "BPR", "TRN", "REF", "DTM", "DTP", "NM1", "N1",
    "N2", "N3", "N4", "PER", "PRV", "HL", "SBR", "PAT", "DMG", "CLM", "CL1", "PWK", "CN1", "AMT",
    "K3", "NTE", "CR1", "CR2", "CR3", "CRC", "HI", "HCP", "LX", "SV1", "SV2", "SV3", "SV5", "TOO",
    "LIN", "CTP", "QTY", "MEA", "PS1", "LQ", "FRM", "SVD", "CAS", "OI", "MIA", "MOA", "EQ", "EB",
    "HSD", "MSG", "III", "AAA", "INS", "HD", "COB", "LUI", "CLP", "SVC", "TS3", "TS2", "PLB",
    "RDM", "ENT", "STC", "UM", "HCR", "INV", "BGN", "ICM", "EC", "DSB", "LS", "LE", "UR",
];

/// Parties (NM1-01, N1-01) whose name, identifier and address are public: the payer
/// (`PR`), the receiver (`40`) and a third-party administrator (`TV`).
const PUBLIC_PARTIES: &[&str] = &["PR", "40", "TV"];

/// The kind of an NM1-09 identifier from its qualifier NM1-08.
fn nm1_id_kind(qualifier: &str) -> Kind {
    match qualifier {
        "XX" | "SV" | "FA" => Kind::License,
        "34" => Kind::Ssn,
        "MI" | "II" | "ZZ" | "N" => Kind::HealthPlanId,
        "MR" => Kind::Mrn,
        _ => Kind::Id,
    }
}

/// Whether `q` is an NM1-08 identification code qualifier.
fn nm1_id_qualifier(q: &str) -> bool {
    matches!(
        q,
        "XX" | "SV" | "FA" | "34" | "MI" | "II" | "ZZ" | "N" | "MR" | "24" | "PI" | "46" | "FI"
    )
}

/// The kind of a REF-02 reference from its qualifier REF-01.
fn ref_kind(qualifier: &str) -> Kind {
    match qualifier {
        "SY" => Kind::Ssn,
        "EA" => Kind::Mrn,
        "1W" | "IG" | "6P" | "1L" | "F6" | "HJ" | "N6" | "NQ" | "23" | "3H" | "Q4" => {
            Kind::HealthPlanId
        }
        "0B" | "1A" | "1B" | "1C" | "1D" | "1G" | "1H" | "1J" | "G2" | "LU" | "HPI" | "EW" => {
            Kind::License
        }
        "D9" | "F8" | "EJ" | "9F" | "G1" | "X4" | "Y4" | "6R" | "1K" | "CE" | "BLT" => {
            Kind::Account
        }
        _ => Kind::Id,
    }
}

/// The kind of a PER communication number from its qualifier.
fn per_kind(qualifier: &str) -> Option<Kind> {
    Some(match qualifier {
        "TE" | "EX" | "HP" | "WP" | "CP" | "BN" | "NP" => Kind::Phone,
        "FX" => Kind::Fax,
        "EM" => Kind::Email,
        "UR" => Kind::Url,
        _ => return None,
    })
}

/// The separators of one interchange.
#[derive(Clone, Copy)]
struct Seps {
    element: char,
    /// The segment terminator; a line break always ends a segment too.
    terminator: char,
}

/// The separators an `ISA` header at the start of `s` declares, when `s` starts with one.
fn isa_separators(s: &str) -> Option<Seps> {
    let rest = s.strip_prefix("ISA")?;
    let element = rest.chars().next()?;
    if element.is_alphanumeric() || element.is_whitespace() {
        return None;
    }
    // Sixteen elements: the component separator follows the sixteenth separator, the
    // segment terminator the component separator.
    let mut seen = 0;
    for (i, c) in rest.char_indices() {
        if c == '\n' {
            return None;
        }
        if c == element {
            seen += 1;
            if seen == 16 {
                let mut tail = rest[i + c.len_utf8()..].chars();
                let component = tail.next()?;
                let terminator = match tail.next()? {
                    '\r' | '\n' => '\n',
                    t => t,
                };
                if component.is_alphanumeric() || terminator.is_alphanumeric() {
                    return None;
                }
                return Some(Seps {
                    element,
                    terminator,
                });
            }
        }
    }
    None
}

/// The segment id at the start of `s` when it is a known one followed by `sep`.
fn segment_id(s: &str, sep: char) -> Option<&str> {
    let end = s.find(sep)?;
    let id = &s[..end];
    SEGMENTS.contains(&id).then_some(id)
}

impl Engine<'_> {
    /// Every X12 interchange (from its `ISA`) and every run of `*`-separated, `~`-ended
    /// segments without one.
    pub(super) fn x12_segments(&mut self) {
        let text = self.text;
        let mut at = 0;
        let mut any = false;
        while let Some(i) = text[at..].find("ISA") {
            let s = at + i;
            let boundary = s == 0 || !text[..s].ends_with(|c: char| c.is_alphanumeric());
            match isa_separators(&text[s..]).filter(|_| boundary) {
                Some(seps) => {
                    at = self.x12_run(s, seps, false);
                    any = true;
                }
                None => at = s + 3,
            }
        }
        if any {
            return;
        }
        // No envelope: the usual separators, and a segment must end with its terminator.
        let seps = Seps {
            element: '*',
            terminator: '~',
        };
        let ended = text
            .split('~')
            .filter(|seg| {
                let seg = seg.trim_start();
                segment_id(seg, '*').is_some() && !seg.contains('\n')
            })
            .count();
        if ended < 2 {
            return;
        }
        let mut at = 0;
        for line_start in std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)) {
            if line_start < at {
                continue;
            }
            if segment_id(text[line_start..].trim_start(), '*').is_some() {
                at = self.x12_run(line_start, seps, true);
            }
        }
    }

    /// Reads segments from `start` while each starts with a known id; returns where the run
    /// ended. With `strict`, a segment must end with the terminator.
    fn x12_run(&mut self, start: usize, seps: Seps, strict: bool) -> usize {
        let text = self.text;
        let first = self.found.len();
        let mut at = start;
        // The party (NM1-01 or N1-01) whose loop the segments are in.
        let mut party = "";
        // Segments to close once the whole run is read: a token may run across a
        // terminator (`1234567893~N3`), and closing it early would guard the next segment.
        let mut closed = Vec::new();
        loop {
            let lead = text[at..].len() - text[at..].trim_start().len();
            let s = at + lead;
            let rest = &text[s..];
            let Some(id) = segment_id(rest, seps.element) else {
                break;
            };
            let end = rest.find([seps.terminator, '\n']).unwrap_or(rest.len());
            let ended = rest[end..].starts_with(seps.terminator);
            if strict && !ended {
                break;
            }
            self.x12_segment(s, &rest[..end], id, seps, &mut party);
            // Free-text notes are left to the word-level rules.
            if !matches!(id, "NTE" | "MSG" | "III") {
                closed.push((s, s + end));
            }
            at = s + end + if ended { seps.terminator.len_utf8() } else { 0 };
            if id == "IEA" || at >= text.len() {
                break;
            }
        }
        self.close_spans(&closed, first);
        at
    }

    fn x12_segment<'t>(
        &mut self,
        base: usize,
        seg: &'t str,
        id: &str,
        seps: Seps,
        party: &mut &'t str,
    ) {
        let els: Vec<(usize, &str)> = pieces(seg, seps.element).collect();
        let el = |i: usize| els.get(i).map(|&(_, p)| p.trim()).unwrap_or("");
        let take = |e: &mut Self, i: usize, kind: Kind| {
            if let Some(&(o, p)) = els.get(i) {
                e.field_value(base + o, p, kind, REASON);
            }
        };
        let public = PUBLIC_PARTIES.contains(party);
        match id {
            // The sender is the submitting provider; the receiver a payer or clearinghouse.
            "ISA" => take(self, 6, Kind::OrgName),
            "GS" => take(self, 2, Kind::OrgName),
            "NM1" | "N1" => {
                *party = el(1);
                if PUBLIC_PARTIES.contains(&el(1)) {
                    return;
                }
                if id == "N1" {
                    take(self, 2, Kind::OrgName);
                    take(self, 4, Kind::Id);
                    return;
                }
                let person = el(2) == "1";
                take(self, 3, if person { Kind::Name } else { Kind::OrgName });
                if person {
                    take(self, 4, Kind::Name);
                    take(self, 5, Kind::Name);
                }
                // NM1-08/09 are the id's qualifier and the id; a dump that dropped one of the
                // empty name elements (prefix or suffix) has them one element early.
                if el(9).is_empty() && !el(8).is_empty() && nm1_id_qualifier(el(7)) {
                    take(self, 8, nm1_id_kind(el(7)));
                } else {
                    take(self, 9, nm1_id_kind(el(8)));
                }
            }
            "HL" => *party = "",
            "N2" if !public => {
                take(self, 1, Kind::Name);
                take(self, 2, Kind::Name);
            }
            "N3" if !public => {
                take(self, 1, Kind::Address);
                take(self, 2, Kind::Address);
            }
            "N4" if !public => {
                take(self, 1, Kind::City);
                take(self, 3, Kind::Zip);
            }
            "REF" if !public => take(self, 2, ref_kind(el(1))),
            "PER" if !public => {
                take(self, 2, Kind::Name);
                for q in [3, 5, 7] {
                    if let Some(kind) = per_kind(el(q)) {
                        take(self, q + 1, kind);
                    }
                }
            }
            "DMG" => take(self, 2, Kind::Date),
            // Policy or group number, and the group's (an employer's) name.
            "SBR" => {
                take(self, 3, Kind::HealthPlanId);
                take(self, 4, Kind::OrgName);
            }
            // The date of death, when PAT-05 says a date follows.
            "PAT" if !el(6).is_empty() => take(self, 6, Kind::Date),
            "CLM" => take(self, 1, Kind::Account),
            "CLP" => {
                take(self, 1, Kind::Account);
                take(self, 7, Kind::Account);
            }
            // Dates of service, admission, onset, death: the patient's dates.
            "DTP" => take(self, 3, Kind::Date),
            "DTM" => take(self, 2, Kind::Date),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn x12_elements_go_by_position_and_codes_stay() {
        check(&[(
            "Batch from the share:\n\
             ISA*00*          *00*          *ZZ*NORTHCLIN7*ZZ*PAYERHUB*250301*0915*^*00501*000000123*0*P*:~\n\
             ST*837*0001*005010X222A1~\n\
             NM1*85*2*NORTHWOOD FAMILY CLINIC*****XX*1234567893~\n\
             N3*400 Orchard Row~\n\
             N4*Fernvale*WA*98001~\n\
             NM1*IL*1*QUILLFEATHER*ODALYS*B***MI*XQW44019~\n\
             DMG*D8*19611224*F~\n\
             NM1*PR*2*STATEWIDE MUTUAL*****PI*87726~\n\
             N3*PO BOX 5~\n\
             CLM*PCN77310*150***11:B:1*Y*A*Y*Y~\n\
             HI*ABK:J449~\n\
             DTP*472*D8*20250214~\n\
             SE*12*0001~\n",
            "Batch from the share:\n\
             ISA*00*          *00*          *ZZ*[ORG]*ZZ*PAYERHUB*250301*0915*^*00501*000000123*0*P*:~\n\
             ST*837*0001*005010X222A1~\n\
             NM1*85*2*[ORG]*****XX*[LICENSE]~\n\
             N3*[ADDRESS]~\n\
             N4*[CITY]*WA*[ZIP]~\n\
             NM1*IL*1*[NAME]*[NAME]*[NAME]***MI*[HEALTH-PLAN-ID]~\n\
             DMG*D8*[DATE]*F~\n\
             NM1*PR*2*STATEWIDE MUTUAL*****PI*87726~\n\
             N3*PO BOX 5~\n\
             CLM*[ACCOUNT]*150***11:B:1*Y*A*Y*Y~\n\
             HI*ABK:J449~\n\
             DTP*472*D8*[DATE]~\n\
             SE*12*0001~\n",
        )]);
    }

    #[test]
    fn an_nm1_id_one_element_early_still_goes() {
        check(&[(
            "ISA*00*          *00*          *ZZ*SENDR*ZZ*RECV*250301*0915*^*00501*000000123*0*P*:~\
             NM1*1P*1*ASHGROVE*TELMA***XX*1234567893~NM1*IL*1*VANTREE*OSKAR***MI*QZ7731804 12~\
             NM1*PR*2*STATEWIDE MUTUAL****PI*87726~SE*4*0001~\n",
            "ISA*00*          *00*          *ZZ*[ORG]*ZZ*RECV*250301*0915*^*00501*000000123*0*P*:~\
             NM1*1P*1*[NAME]*[NAME]***XX*[LICENSE]~NM1*IL*1*[NAME]*[NAME]***MI*[HEALTH-PLAN-ID]~\
             NM1*PR*2*STATEWIDE MUTUAL****PI*87726~SE*4*0001~\n",
        )]);
    }

    #[test]
    fn x12_separators_come_from_the_isa_header() {
        check(&[(
            "ISA|00|          |00|          |ZZ|SUBMITTR|ZZ|RECV|250301|0915|^|00501|000000123|0|P|>!\
             NM1|IL|1|OAKHEART|MIRABEL||||MI|ZK90210!REF|SY|123456789!",
            "ISA|00|          |00|          |ZZ|[ORG]|ZZ|RECV|250301|0915|^|00501|000000123|0|P|>!\
             NM1|IL|1|[NAME]|[NAME]||||MI|[HEALTH-PLAN-ID]!REF|SY|[SSN]!",
        )]);
    }

    #[test]
    fn x12_segments_without_an_envelope_need_terminators() {
        check(&[
            (
                "NM1*QC*1*BRIGHTWATER*LENA~\nN4*Oakridge*TN*37830~\n",
                "NM1*QC*1*[NAME]*[NAME]~\nN4*[CITY]*TN*[ZIP]~\n",
            ),
            // One starred line of prose is not a transaction.
            ("REF*see the ticket\n", "REF*see the ticket\n"),
        ]);
    }
}
