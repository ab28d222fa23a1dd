//! NCPDP Telecommunication Standard (version D.0) pharmacy claims pasted into a document: a
//! switch's or a pharmacy system's field-id dump, where each field is its two-character
//! field id glued to its value (`CAJANE`, `CBDOE`, `C419500101`) and fields are cut by the
//! field separator (the FS control character, its visible glyph `␜`, or in a pasted dump
//! ` ; ` or `|`). The field id says what the value is (the NCPDP data dictionary): the
//! patient's and cardholder's names, birth date, address and phone, the cardholder id, the
//! prescription number and the prescriber's id, name and phone go; qualifiers, codes,
//! quantities, NDCs and reject codes stay.

use super::Engine;
use crate::Kind;

const REASON: &str = "identifier in an NCPDP claim field (by field id)";

/// What the value of field `id` is, when it identifies someone; `None` for a field that
/// holds a code, a quantity or an amount.
fn field_kind(id: &str) -> Option<Kind> {
    use Kind::*;
    Some(match id {
        // Patient segment: id, birth date, names, address, phone, e-mail.
        "CY" => Mrn,
        "C4" => Date,
        "CA" | "CB" => Name,
        "CM" => Address,
        "CN" => City,
        "CP" => Zip,
        "CQ" => Phone,
        "HN" => Email,
        // Insurance segment: cardholder id and name, group, Medigap and Medicaid ids;
        // the other payer's cardholder id.
        "C2" | "C1" | "2A" | "N5" | "NU" => HealthPlanId,
        "CC" | "CD" => Name,
        // Claim segment: prescription/service reference number, prior authorization
        // number; the dates a prescription was written and a service given.
        "D2" | "EV" => Account,
        "DE" | "D1" => Date,
        // Prescriber and primary care provider: ids (NPI, DEA, state licence), names,
        // phone and address.
        "DB" | "DL" | "E9" => License,
        "DR" | "2J" | "4E" => Name,
        "PM" => Phone,
        "2K" => Address,
        "2M" => City,
        "2P" => Zip,
        // Workers' compensation: date of injury, employer, its address and phone, claim id.
        "DY" => Date,
        "CF" => OrgName,
        "CG" => Address,
        "CH" => City,
        "CJ" => Zip,
        "CK" => Phone,
        "DZ" => Account,
        _ => return None,
    })
}

/// Field ids that hold codes and numbers which are no one's: qualifiers, codes, counts,
/// amounts, the product (NDC), the response's status and reject codes. A line is read as a
/// claim when nearly all its fields carry a field id of either list.
fn code_field(id: &str) -> bool {
    matches!(
        id,
        "AM" | "CX"
            | "C5"
            | "CO"
            | "C7"
            | "4X"
            | "2C"
            | "C3"
            | "C6"
            | "C9"
            | "FO"
            | "MG"
            | "2B"
            | "EM"
            | "E1"
            | "D7"
            | "D3"
            | "D5"
            | "D6"
            | "D8"
            | "DF"
            | "DJ"
            | "DK"
            | "DT"
            | "E7"
            | "EZ"
            | "2E"
            | "2N"
            | "EY"
            | "CI"
            | "CR"
            | "AN"
            | "FB"
            | "F3"
            | "F4"
            | "FA"
            | "EU"
            | "E4"
            | "E5"
            | "E6"
            | "8E"
            | "D9"
            | "DC"
            | "DQ"
            | "DU"
            | "DN"
            | "E3"
            | "F5"
            | "F6"
            | "F7"
            | "F9"
            | "FM"
            | "FC"
            | "FE"
            | "FH"
            | "FI"
            | "UF"
            | "UH"
            | "UG"
            | "5F"
            | "6F"
            | "7F"
            | "8F"
            | "A1"
            | "A2"
            | "A3"
            | "A4"
            | "B1"
            | "B2"
            | "DO"
            | "WE"
            | "HD"
            | "DI"
            | "NX"
    )
}

/// A field whose id is a qualifier (a two-character code) but whose value is an id: a dump
/// that glued the primary care provider's id (DEA or licence) to its qualifier's field id
/// (`2EAB1234563`). A real qualifier is at most two characters, so a longer value with five
/// or more digits is the id itself.
fn qualifier_holding_id(id: &str, value: &str) -> bool {
    matches!(id, "2E" | "EZ")
        && value.len() > 4
        && value.bytes().all(|b| b.is_ascii_alphanumeric())
        && value.bytes().filter(u8::is_ascii_digit).count() >= 5
}

/// The transaction header before a claim's first field separator, when `head` is one: the
/// version and transaction code (`D0B1`, `D0B2`, `51B1`), optionally the BIN glued before or
/// after them, then whitespace-separated header fields. Yields the byte ranges of the header
/// fields that are the service provider's id (an NPI or a 9- to 15-digit id); the 8-digit
/// field is the date of service's slot and the others are counts and codes.
fn header_provider_ids(head: &str) -> Vec<(usize, usize)> {
    let mut toks = head
        .split_ascii_whitespace()
        .map(|t| (t.as_ptr() as usize - head.as_ptr() as usize, t));
    let Some((_, first)) = toks.next() else {
        return Vec::new();
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let code = first.trim_start_matches(|c: char| c.is_ascii_digit());
    let lead = first.len() - code.len();
    let header = (lead == 0 || lead == 6)
        && code.len() >= 4
        && code.is_char_boundary(4)
        && matches!(&code[..2], "D0" | "51" | "C1" | "E0")
        && matches!(
            &code[2..4],
            "B1" | "B2"
                | "B3"
                | "E1"
                | "N1"
                | "N2"
                | "N3"
                | "P1"
                | "P2"
                | "P3"
                | "P4"
                | "S1"
                | "S2"
                | "S3"
                | "C1"
                | "C2"
                | "C3"
        )
        && digits(&code[4..])
        && code.len() <= 12;
    if !header {
        return Vec::new();
    }
    toks.filter(|(_, t)| (9..=15).contains(&t.len()) && digits(t))
        .map(|(at, t)| (at, at + t.len()))
        .collect()
}

/// The fields of an NCPDP line cut at `sep`: (byte offset, field id, value) of each
/// non-empty piece.
fn fields(line: &str, sep: &str) -> Vec<(usize, usize)> {
    // A one-byte separator is cut by a byte search, not a substring searcher.
    match sep.as_bytes() {
        &[c] if c.is_ascii() => fields_of(line.split(char::from(c)), sep.len()),
        _ => fields_of(line.split(sep), sep.len()),
    }
}

fn fields_of<'a>(pieces: impl Iterator<Item = &'a str>, sep_len: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in pieces {
        let lead = piece.len() - piece.trim_start().len();
        let body = piece.trim();
        if !body.is_empty() {
            out.push((at + lead, at + lead + body.len()));
        }
        at += piece.len() + sep_len;
    }
    out
}

/// The field id at the start of `body`, when it is two ASCII letters or digits with a value
/// after them (or nothing: an empty field).
fn field_id(body: &str) -> Option<&str> {
    let id = body.get(..2)?;
    id.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        .then_some(id)
}

/// The separator that cuts `line` into NCPDP fields, when the line is a claim: five or more
/// fields, nearly all of them led by a known field id, three or more of which identify a
/// person and one of those a number (a birth date, a cardholder id, a phone).
fn claim_separator(line: &str) -> Option<&'static str> {
    const SEPS: [&str; 8] = [
        "\u{1c}", "\u{241c}", "\u{1e}", "\u{241e}", " ; ", ";", "|", "\t",
    ];
    // A byte of each separator, looked for in one pass instead of a search per separator
    // (`\u{241c}` and `\u{241e}` both start with 0xE2, ` ; ` holds a `;`): bit i of
    // `KEY[b]` is set when byte b is `FIRST[i]`.
    const FIRST: [u8; 6] = [0x1c, 0x1e, b';', b'|', b'\t', 0xe2];
    const KEY: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < FIRST.len() {
            t[FIRST[i] as usize] = 1 << i;
            i += 1;
        }
        t
    };
    let present = line.bytes().fold(0u8, |m, b| m | KEY[b as usize]);
    if present == 0 {
        return None;
    }
    for sep in SEPS {
        let key = sep.bytes().fold(0u8, |m, b| m | KEY[b as usize]);
        // A one-byte separator is present exactly when its bit is.
        if present & key == 0 || sep.len() > 1 && !line.contains(sep) {
            continue;
        }
        let fs = fields(line, sep);
        if fs.len() < 5 {
            continue;
        }
        let mut known = 0;
        let mut identifying = 0;
        let mut numeric = false;
        for &(s, e) in &fs {
            let body = &line[s..e];
            // A segment or group separator glyph inside the piece starts a new segment.
            let body = body.trim_start_matches(['\u{1d}', '\u{1e}', '\u{241d}', '\u{241e}']);
            match field_id(body) {
                Some(id) if field_kind(id).is_some() => {
                    known += 1;
                    identifying += 1;
                    numeric |= body[2..].bytes().filter(u8::is_ascii_digit).count() >= 5;
                }
                Some(id) if code_field(id) => known += 1,
                _ => {}
            }
        }
        if identifying >= 3 && numeric && known * 5 >= fs.len() * 4 {
            return Some(sep);
        }
    }
    None
}

impl Engine<'_> {
    /// Every line of an NCPDP claim or response: identifying fields go by field id, and the
    /// line's other tokens (ids glued to codes) are closed to the word-level rules.
    pub(super) fn ncpdp_claims(&mut self) {
        let text = self.text;
        if !text.contains(['\u{1c}', '\u{241c}', ';', '|', '\t', '\u{1e}', '\u{241e}']) {
            return;
        }
        for (start, line) in self.lines() {
            let line = line.trim_end_matches(['\n', '\r']);
            let Some(sep) = claim_separator(line) else {
                continue;
            };
            let first = self.found.len();
            let head_end = line.find(sep).unwrap_or(0);
            for (s, e) in header_provider_ids(&line[..head_end]) {
                self.field_value(start + s, &line[s..e], Kind::License, REASON);
            }
            for (s, e) in fields(line, sep) {
                let piece = &line[s..e];
                let body = piece.trim_start_matches(['\u{1d}', '\u{1e}', '\u{241d}', '\u{241e}']);
                let at = s + (piece.len() - body.len());
                let Some(id) = field_id(body) else {
                    continue;
                };
                let value = &body[2..];
                let kind = match field_kind(id) {
                    Some(kind) => kind,
                    None if qualifier_holding_id(id, value) => Kind::License,
                    None => continue,
                };
                match kind {
                    Kind::Address => self.address_value(start + at + 2, value, REASON),
                    _ => self.field_value(start + at + 2, value, kind, REASON),
                }
            }
            self.close_span(start, start + line.len(), first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn ncpdp_fields_go_by_field_id_and_codes_stay() {
        check(&[
            (
                "Rejected claim:\n\
                 AM04\u{241c}C2ZQW123456789\u{241c}CCTAMSIN\u{241c}CDWREN\u{241c}C3001\u{241c}\
                 AM01\u{241c}C419440212\u{241c}C52\u{241c}CATAMSIN\u{241c}CBWREN\u{241c}\
                 CM4 Reed Ct Apt 2\u{241c}CNMarrowdale\u{241c}COOR\u{241c}CP970011234\u{241c}\
                 CQ5035550100\u{241c}D2000123456789\u{241c}D700093015001\u{241c}EZ01\u{241c}\
                 DB1234567893\u{241c}DRFenwick\u{241c}PM5035550199\u{241c}ANR\u{241c}FB75\n",
                "Rejected claim:\n\
                 AM04\u{241c}C2[HEALTH-PLAN-ID]\u{241c}CC[NAME]\u{241c}CD[NAME]\u{241c}C3001\u{241c}\
                 AM01\u{241c}C4[DATE]\u{241c}C52\u{241c}CA[NAME]\u{241c}CB[NAME]\u{241c}\
                 CM[ADDRESS]\u{241c}CN[CITY]\u{241c}COOR\u{241c}CP[ZIP]\u{241c}\
                 CQ[PHONE]\u{241c}D2[ACCOUNT]\u{241c}D700093015001\u{241c}EZ01\u{241c}\
                 DB[LICENSE]\u{241c}DR[NAME]\u{241c}PM[PHONE]\u{241c}ANR\u{241c}FB75\n",
            ),
            (
                "C2W12345678901 ; CCOdalys ; CDdu Pré ; C419300501 ; CAOdalys ; CBdu Pré ; FB76\n",
                "C2[HEALTH-PLAN-ID] ; CC[NAME] ; CD[NAME] ; C4[DATE] ; CA[NAME] ; CB[NAME] ; FB76\n",
            ),
        ]);
    }

    #[test]
    fn header_provider_id_and_an_id_glued_to_a_qualifier_go() {
        check(&[(
            "Switch log:\n\
                 D0B1012345  1234567893  20260102 |AM04|C2ZX4411902|CCMARA|CDOKAFOR|AM01|\
                 C419700101|CQ5035550123|EZ01|DB1234567893|DRVOSS|2EBV1234563|FB75\n",
            "Switch log:\n\
                 D0B1012345  [LICENSE]  20260102 |AM04|C2[HEALTH-PLAN-ID]|CC[NAME]|CD[NAME]|AM01|\
                 C4[DATE]|CQ[PHONE]|EZ01|DB[LICENSE]|DR[NAME]|2E[LICENSE]|FB75\n",
        )]);
    }

    #[test]
    fn only_a_transaction_header_yields_provider_ids() {
        assert_eq!(
            super::header_provider_ids("D0B1012345  1234567893  20260102 "),
            vec![(12, 22)]
        );
        assert_eq!(
            super::header_provider_ids("610279D0B1 1234567893"),
            vec![(11, 21)]
        );
        assert!(super::header_provider_ids("ZZ91 1234567893").is_empty());
        assert!(super::header_provider_ids("Order 1234567893").is_empty());
        assert!(super::header_provider_ids("D0B1Ü 1234567893").is_empty());
        assert!(super::header_provider_ids("").is_empty());
    }

    #[test]
    fn a_list_that_is_not_a_claim_is_left_to_other_rules() {
        check(&[
            ("CAT|DOG|CBS|CNN|CPU\n", "CAT|DOG|CBS|CNN|CPU\n"),
            ("CA1 ; CB2 ; DR3 ; C4 ; FB\n", "CA1 ; CB2 ; DR3 ; C4 ; FB\n"),
        ]);
    }
}
