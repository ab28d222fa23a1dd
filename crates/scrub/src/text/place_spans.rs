//! The extent of a removed address or place, settled once every rule has run: a span ends
//! where a form's next label begins (`City: Springfield   ZIP: 12345`) or where a phone
//! label follows a comma, and the state or province code between the city and the postal
//! code stays (a state is not an identifier; the street, the city and the code are).

use super::{Class, Engine};
use crate::vocab::flag;
use crate::{Finding, Kind};

/// Labels of a form's place fields: the value after one is the city or the postal code.
const CITY_LABELS: &[&str] = &["city", "town", "city/town"];
const ZIP_LABELS: &[&str] = &[
    "zip",
    "zip code",
    "zipcode",
    "postal code",
    "postcode",
    "zlp",
];

/// Words that label a phone number; after a comma inside an address they end it.
const PHONE_LABELS: &[&str] = &[
    "tel",
    "tel.",
    "phone",
    "telephone",
    "téléphone",
    "teléfono",
    "телефон",
    "電話",
    "전화",
];

/// Whether the text before `start` is a label's colon or a spaced dash and one or two
/// blanks: `label: `, `label - `.
fn after_label_mark(b: &[u8], start: usize) -> bool {
    let mut p = start;
    let mut blanks = 0;
    while p > 0 && b[p - 1] == b' ' && blanks < 2 {
        p -= 1;
        blanks += 1;
    }
    if blanks == 0 || p < 2 {
        return false;
    }
    match b[p - 1] {
        b':' => !b[p - 2].is_ascii_digit() && b[p - 2] != b' ',
        b'-' => b[p - 2] == b' ',
        _ => false,
    }
}

/// A clause of comma-separated parts from `start` to its sentence's end, read as a postal
/// address when it has three or more short parts, one of them holding a postal-code-shaped
/// number (four to six digits of any script, alone) and another a place word (no digits, a
/// capitalized or caseless word). Where it ends; `None` past 256 bytes or at a character no
/// address holds (`@`, `/`, `=`, `:`, brackets, quotes, a tab).
fn address_clause(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut parts: Vec<&str> = Vec::new();
    let mut part_start = 0;
    let mut word_len = 0;
    let mut word_digits = true;
    let mut end = None;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i > 256 {
            return None;
        }
        match c {
            '@' | '/' | '=' | ':' | '(' | ')' | '[' | ']' | '"' | '\t' | '<' | '>' => return None,
            ',' | '\u{104A}' | '\u{060C}' => {
                parts.push(&rest[part_start..i]);
                part_start = i + c.len_utf8();
            }
            '\n' | '\u{0964}' | '\u{104B}' | ';' => {
                end = Some(i);
                break;
            }
            '.' if chars.peek().is_none_or(|(_, n)| n.is_whitespace())
                && (word_len >= 4 || word_len > 0 && word_digits) =>
            {
                end = Some(i);
                break;
            }
            _ => {}
        }
        if c.is_whitespace() || matches!(c, ',' | '.' | '\u{104A}' | '\u{060C}') {
            word_len = 0;
            word_digits = true;
        } else {
            word_len += 1;
            word_digits &= crate::numeric::any_digit(c);
        }
    }
    let end = end.unwrap_or(rest.len());
    parts.push(&rest[part_start..end]);
    if parts.len() < 3 || parts.len() > 7 {
        return None;
    }
    let mut postcode = false;
    let mut place = false;
    for part in &parts {
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.is_empty() || words.len() > 5 {
            return None;
        }
        let has_digit = part.chars().any(crate::numeric::any_digit);
        // A date (`1.2.1990`) or a number longer than a postal code is a record's, not an
        // address's.
        for w in &words {
            let digits = w.chars().filter(|&c| crate::numeric::any_digit(c)).count();
            if digits > 6 || digits > 0 && w.matches(['.', '/']).count() >= 2 {
                return None;
            }
        }
        postcode |= words.iter().any(|w| {
            let n = w.chars().count();
            (5..=6).contains(&n) && w.chars().all(crate::numeric::any_digit)
        });
        place |= !has_digit
            && words.iter().any(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase())
            });
    }
    // A four-digit postal code closes the clause (`..., Hillside, 4051.`).
    postcode |= parts.last().is_some_and(|p| {
        let w = p.trim();
        w.chars().count() == 4 && w.chars().all(crate::numeric::any_digit)
    });
    (postcode && place).then_some(start + end)
}

impl Engine<'_> {
    /// `neighbour: 12 Long Road, Hillside, 40512.` in any language: after a label's colon or
    /// a spaced dash, a clause of short comma-separated parts with a postal code and a place
    /// word (`address_clause`) is a postal address, removed whole.
    pub(super) fn listed_address_clauses(&mut self) {
        let n = self.toks.len();
        let b = self.text.as_bytes();
        let mut k = 0;
        while k < n {
            let start = self.toks[k].start;
            let Some(end) = after_label_mark(b, start)
                .then(|| address_clause(self.text, start))
                .flatten()
            else {
                k += 1;
                continue;
            };
            let mut last = k;
            let mut guarded = false;
            // A name in a later part is a street's or a district's (`Lenin St 4`); one in
            // the first part is the person a record's line is about.
            let first_part = self.text[start..end]
                .find([',', '\u{104A}', '\u{060C}'])
                .map_or(end, |p| start + p);
            while last < n && self.toks[last].start < end {
                // A person's name, a date or another identifier already found in it: a
                // record's fields, not an address.
                let t = &self.toks[last];
                guarded |= matches!(
                    t.class,
                    Class::Protected | Class::Threat | Class::OutsideEmail
                ) || t.class == Class::Removed
                    && self.found.get(t.finding).is_some_and(|f| {
                        let place = matches!(
                            f.kind,
                            Kind::Address | Kind::City | Kind::Zip | Kind::County
                        ) || f.kind == Kind::Name && t.start > first_part;
                        // A postal code taken for a bare number.
                        let code = f.kind == Kind::Id && t.s.chars().all(crate::numeric::any_digit);
                        !(place || code)
                    });
                last += 1;
            }
            if !guarded {
                // A one-letter abbreviation with its dot (`c.` for city) is a word of the
                // language and stays; the parts around it go.
                let b = self.text.as_bytes();
                let mut seg: Option<usize> = None;
                for j in k..=last {
                    let keep = j == last || {
                        let t = &self.toks[j];
                        let mut cs = t.s.chars();
                        cs.next().is_some_and(char::is_lowercase)
                            && cs.next().is_none()
                            && b.get(t.end) == Some(&b'.')
                    };
                    match (keep, seg) {
                        (false, None) => seg = Some(j),
                        (true, Some(first)) => {
                            self.remove_toks(
                                first,
                                j - 1,
                                Kind::Address,
                                "address clause after a label",
                            );
                            seg = None;
                        }
                        _ => {}
                    }
                }
            }
            k = last.max(k + 1);
        }
    }

    /// "pt lives out in Dunmore Vale", "lives w/ spouse in Kinloss; ...": the capitalized
    /// words after "lives ... in" (up to the clause's end) are the place a person lives.
    pub(super) fn lives_in_place(&mut self) {
        let n = self.toks.len();
        for k in 0..n {
            let mut buf = [0u8; 32];
            if !self
                .lw(k, &mut buf)
                .is_some_and(|l| matches!(l, "lives" | "living" | "resides" | "residing"))
            {
                continue;
            }
            // "in" within four words, none of them capitalized (a name between is
            // someone else's: "lives with Ana in ...").
            let Some(at) = (k + 1..n.min(k + 5)).find(|&j| self.is_word(j, "in")) else {
                continue;
            };
            let plain_between = (k + 1..at).all(|j| {
                self.same_sentence(k, j) && !self.toks[j].s.starts_with(char::is_uppercase)
            });
            if !plain_between || !self.same_sentence(k, at) || at + 1 >= n {
                continue;
            }
            let first = at + 1;
            let mut last = None;
            for j in first..n.min(first + 4) {
                let t = &self.toks[j];
                let capital = t.s.starts_with(|c: char| {
                    c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase() && !c.is_ascii()
                });
                if !capital
                    || !matches!(t.class, Class::Plain | Class::Removed)
                    || !self.same_sentence(first, j)
                {
                    break;
                }
                last = Some(j);
                let gap =
                    self.text[t.end..self.toks.get(j + 1).map_or(t.end, |x| x.start)].to_owned();
                if gap.contains([',', ';', '.', '\n', '(']) {
                    break;
                }
            }
            if let Some(last) = last {
                self.remove_toks(first, last, Kind::City, "place after \"lives in\"");
            }
        }
    }

    /// `<addr><streetAddressLine>12 Elm St</streetAddressLine><city>Springfield</city>
    /// <postalCode>62704</postalCode></addr>`: the address parts of an HL7 CDA document (or
    /// any XML that names them so) go by their element.
    pub(super) fn xml_address_parts(&mut self) {
        const PARTS: &[(&str, Kind)] = &[
            ("<streetAddressLine>", Kind::Address),
            ("<city>", Kind::City),
            ("<postalCode>", Kind::Zip),
            ("<county>", Kind::County),
        ];
        let text = self.text;
        if !text.contains("</") {
            return;
        }
        for &(tag, kind) in PARTS {
            for (at, _) in text.match_indices(tag) {
                let vs = at + tag.len();
                let len = text[vs..].find('<').unwrap_or(0);
                let value = &text[vs..vs + len];
                let lead = value.len() - value.trim_start().len();
                let trimmed = value.trim();
                if !trimmed.is_empty() && text[vs + len..].starts_with("</") {
                    self.remove(
                        vs + lead,
                        vs + lead + trimmed.len(),
                        kind,
                        "address part of an XML address",
                    );
                }
            }
        }
    }

    pub(super) fn settle_place_spans(&mut self) {
        let text = self.text;
        let mut added: Vec<Finding> = Vec::new();
        for i in 0..self.found.len() {
            let f = &self.found[i];
            if !matches!(f.kind, Kind::Address | Kind::City | Kind::Zip) {
                continue;
            }
            let carve = matches!(f.kind, Kind::Address | Kind::City);
            let (start, orig_end, orig_kind) = (f.original_span.start, f.original_span.end, f.kind);
            let mut end = orig_end;
            let mut cut_at_label = false;
            if let Some((cut, value_start, label)) = next_label(text, start, end) {
                // The label stays; its value is still removed, as far as the span reached
                // (a city or postal code to the end of its field).
                let kind = if CITY_LABELS.contains(&label.as_str()) {
                    Kind::City
                } else if ZIP_LABELS.contains(&label.as_str()) {
                    Kind::Zip
                } else if phone_label(&label) {
                    Kind::Phone
                } else {
                    orig_kind
                };
                let value_end = if matches!(kind, Kind::City | Kind::Zip) {
                    orig_end.max(field_end(text, value_start))
                } else {
                    orig_end
                };
                if value_start < value_end {
                    added.push(Finding {
                        kind,
                        original_span: value_start..value_end,
                        placeholder: kind.placeholder(),
                        reason: "value of a labelled field",
                    });
                }
                end = cut;
                cut_at_label = true;
            }
            if let Some((cut, value_start)) = phone_label_after_comma(text, start, end) {
                if value_start < end {
                    added.push(Finding {
                        kind: Kind::Phone,
                        original_span: value_start..end,
                        placeholder: Kind::Phone.placeholder(),
                        reason: "value of a labelled field",
                    });
                }
                end = cut;
            }
            let kept = &text[start..end];
            if cut_at_label && !kept.chars().any(char::is_alphabetic) && orig_kind == Kind::Address
            {
                // Only a house number (or a time) is left before the label: no address.
                self.found[i].original_span = start..start;
                continue;
            }
            self.found[i].original_span = start..end;
            let state = if carve {
                self.state_inside(start, end)
            } else {
                None
            };
            if let Some((state_start, zip_start)) = state {
                let cut = trim_end_sep(text, start, state_start);
                self.found[i].original_span = start..cut;
                if let Some(zs) = zip_start {
                    added.push(Finding {
                        kind: Kind::Zip,
                        original_span: zs..end,
                        placeholder: Kind::Zip.placeholder(),
                        reason: "postal code after a state",
                    });
                }
            }
        }
        self.found.retain(|f| !f.original_span.is_empty());
        self.found.extend(added);
    }

    /// `..., Springfield, IL 62704`, `Springfield IL`: the byte offsets of a state or
    /// province code between a place and a postal code (or ending the span), and of the
    /// postal code after it.
    fn state_inside(&self, start: usize, end: usize) -> Option<(usize, Option<usize>)> {
        let first = self.toks.partition_point(|t| t.start < start);
        let mut k = first;
        while k < self.toks.len() && self.toks[k].end <= end {
            let t = &self.toks[k];
            let code = t.s.len() == 2
                && t.s.bytes().all(|b| b.is_ascii_uppercase())
                && t.flags & flag::STATE_CODE != 0;
            // A place before it: the code is not the span's first word, and the word before
            // it is a place's, not a number (`1173 VT` is a Dutch postal code).
            if code && k > first && self.toks[k - 1].s.chars().any(char::is_alphabetic) {
                let next = self.toks.get(k + 1).filter(|n| n.end <= end);
                match next {
                    None if t.end == end || text_blank(self.text, t.end, end) => {
                        return Some((t.start, None));
                    }
                    Some(n) if postal_code(n.s, self.toks.get(k + 2).map(|m| m.s)) => {
                        return Some((t.start, Some(n.start)));
                    }
                    _ => {}
                }
            }
            k += 1;
        }
        None
    }
}

fn text_blank(text: &str, a: usize, b: usize) -> bool {
    text[a..b]
        .bytes()
        .all(|c| c.is_ascii_whitespace() || c == b',')
}

/// `62704`, `62704-1234`, `K1A 0B1` (its first half, the second following).
fn postal_code(s: &str, next: Option<&str>) -> bool {
    let b = s.as_bytes();
    let us = (b.len() == 5 || b.len() == 10 && b[5] == b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || i == 5 && *c == b'-');
    let ca = |x: &str| {
        let x = x.as_bytes();
        x.len() == 3
            && x[0].is_ascii_alphanumeric()
            && x[1].is_ascii_alphanumeric()
            && x[2].is_ascii_alphanumeric()
            && x.iter().any(u8::is_ascii_digit)
            && x.iter().any(u8::is_ascii_alphabetic)
    };
    us || ca(s) && next.is_some_and(ca)
}

/// The end of the text before `at` without the spaces and commas that separate it.
fn trim_end_sep(text: &str, start: usize, at: usize) -> usize {
    start + text[start..at].trim_end_matches([' ', ',', '\t']).len()
}

/// `19375 Oak Hollow   City:  Springfield`: a run of two or more spaces (or a tab) inside
/// the span followed by a label and its colon. Returns where the span must end, where the
/// label's value begins, and the label (lowercase).
fn next_label(text: &str, start: usize, end: usize) -> Option<(usize, usize, String)> {
    let b = &text.as_bytes()[start..end];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\t' || b[i] == b' ' && b.get(i + 1) == Some(&b' ') {
            let gap = i;
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            let rest = &text[start + i..];
            let label_len = rest
                .bytes()
                .take(24)
                .take_while(|c| c.is_ascii_alphabetic() || matches!(c, b' ' | b'/' | b'.'))
                .count();
            let label = rest[..label_len].trim_end();
            if !label.is_empty()
                && label.as_bytes()[0].is_ascii_uppercase()
                && rest[label_len..].starts_with(':')
            {
                let vstart = start + i + label_len + 1;
                let lead =
                    text[vstart..].len() - text[vstart..].trim_start_matches([' ', '\t']).len();
                return Some((
                    trim_end_sep(text, start, start + gap),
                    vstart + lead,
                    label.to_ascii_lowercase(),
                ));
            }
        }
        i += 1;
    }
    None
}

/// The end of a form field's value from `at`: the line's end or a run of two spaces or a
/// tab, without trailing spaces.
fn field_end(text: &str, at: usize) -> usize {
    let line = text[at..].split('\n').next().unwrap_or("");
    let len = line
        .find("  ")
        .or_else(|| line.find('\t'))
        .unwrap_or(line.len());
    at + line[..len].trim_end().len()
}

fn phone_label(label: &str) -> bool {
    PHONE_LABELS.contains(&label)
        || label
            .rsplit(' ')
            .next()
            .is_some_and(|w| PHONE_LABELS.contains(&w))
}

/// `Hauptstraße 5, Tel. 030 1234567`, `住所 ...、電話 03-...`: a phone label after a comma
/// inside the span ends the address before the comma.
fn phone_label_after_comma(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let span = &text[start..end];
    for (p, sep) in span.match_indices([',', ';', '、']) {
        let tail = &span[p + sep.len()..];
        let after = tail.trim_start();
        let word_raw = after
            .split(|c: char| c.is_whitespace() || c == ':')
            .next()
            .unwrap_or("");
        // An ASCII word is compared in place: its lowercase form is ASCII, and the labels
        // are lowercase.
        let label = if word_raw.is_ascii() {
            PHONE_LABELS
                .iter()
                .any(|l| l.eq_ignore_ascii_case(word_raw))
        } else {
            PHONE_LABELS.contains(&word_raw.to_lowercase().as_str())
        };
        if label {
            let value = &after[word_raw.len()..];
            let value = value.trim_start_matches([' ', ':', '\t']);
            let value_start = end - value.len();
            return Some((trim_end_sep(text, start, start + p), value_start));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_clause_of_address_parts_after_a_label_goes() {
        crate::text::check(&[
            (
                "Vizinho: 14 Rua Nova, Pedravelha, 40512. Ligado.",
                "Vizinho: [ADDRESS]. Ligado.",
            ),
            (
                "ghar - ब-12, कमल विहार, नयापुर 560321। ok",
                "ghar - [ADDRESS]। ok",
            ),
            // A record's fields (a name, a birth date), doses, counts, a department list and
            // a list of hosts with an address stay.
            (
                "Sused: 4 Ulica Petrova, Malinovka, 22817. called back",
                "Sused: [ADDRESS]. called back",
            ),
            (
                "Sused: 40512, Pedravelha c., 14 Rua Nova. called",
                "Sused: [ADDRESS] c., [ADDRESS]. called",
            ),
            (
                "Note: client Odo Varn, born 3.4.1981, staying at 12 Elm Row, told.",
                "Note: client [NAME], born [DATE], staying at [ADDRESS], told.",
            ),
            (
                "Doses: 5 mg, 10 mg, 1000 mg. Done.",
                "Doses: 5 mg, 10 mg, 1000 mg. Done.",
            ),
            (
                "Affected: Radiology, Cardiology, ICU 3. Done.",
                "Affected: Radiology, Cardiology, ICU 3. Done.",
            ),
            (
                "Seen: 8.8.4.4, Resolver, 5353 queries. Done.",
                "Seen: 8.8.4.4, Resolver, 5353 queries. Done.",
            ),
        ]);
    }

    use super::super::check;

    #[test]
    fn an_xml_addresss_parts_go_by_element() {
        check(&[(
            "<addr use=\"HP\"><streetAddressLine>12 Quarrowby Rise Unit 4B</streetAddressLine><city>Quarrowby Fen</city><state>OR</state><postalCode>97201</postalCode></addr>",
            "<addr use=\"HP\"><streetAddressLine>[ADDRESS]</streetAddressLine><city>[CITY]</city><state>OR</state><postalCode>[ZIP]</postalCode></addr>",
        )]);
    }

    #[test]
    fn the_place_after_lives_in_goes() {
        check(&[
            (
                "pt is 71, lives out in Quarrowby Fen\nok, ticket opened",
                "pt is 71, lives out in [CITY]\nok, ticket opened",
            ),
            (
                "Pt lives alone in Quarrowby Fen; she drives.",
                "Pt lives alone in [CITY]; she drives.",
            ),
            ("He lives in a care home.", "He lives in a care home."),
        ]);
    }

    #[test]
    fn a_state_code_between_the_city_and_the_zip_stays() {
        check(&[(
            "Home: 4120 Maple Grove Suite 12, Brookfield, MD 20601\nPhone: none",
            "Home: [ADDRESS], MD [ZIP]\nPhone: none",
        )]);
    }

    #[test]
    fn a_place_field_ends_where_the_next_label_begins() {
        check(&[(
            "Address: 980 Harbor Plaza\nCity: Westbrook   ZIP: 07498\nNotes: none",
            "Address: [ADDRESS]\nCity: [CITY]   ZIP: [ZIP]\nNotes: none",
        )]);
    }
}
