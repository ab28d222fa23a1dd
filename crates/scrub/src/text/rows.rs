//! Rows of a leaked table pasted into a note (`Name;DOB;SSN;address;...`): once one field
//! of a `;`-separated row is an identifier, the row is a person's record and every field
//! goes, each whole (an address with spaces and commas is one field).

use super::{Class, Engine};
use crate::classify as c;
use crate::vocab::flag;
use crate::Kind;
use std::ops::Range;

/// The lines of `text` (each with its newline) and the byte offset where each starts.
pub(super) fn lines_with_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    })
}

/// Where each line of `text` ends, its newline included: the ends of the lines
/// [`lines_with_starts`] gives, found in one search of the text so every line pass can
/// share them.
pub(super) fn line_ends(text: &str) -> Vec<usize> {
    lines_with_starts(text)
        .map(|(start, line)| start + line.len())
        .collect()
}

/// The lines of a text from its [`line_ends`], as [`lines_with_starts`] gives them. It holds
/// no borrow of the engine, so a pass may change the engine while it walks the lines.
pub(super) struct Lines<'a> {
    text: &'a str,
    ends: std::slice::Iter<'a, usize>,
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let end = *self.ends.next()?;
        let start = std::mem::replace(&mut self.at, end);
        Some((start, &self.text[start..end]))
    }
}

impl<'a> super::Engine<'a> {
    /// The lines of the text with the byte offset where each starts, as
    /// [`lines_with_starts`] gives them, from the line ends found once.
    pub(super) fn lines(&self) -> Lines<'a> {
        Lines {
            text: self.text,
            ends: self.line_ends.iter(),
            at: 0,
        }
    }

    /// For line passes that walk the lines and the tokens together (both in order, so one
    /// cursor serves, linear where a search per line was not): moves `first` to the first
    /// token ending after the line's `start`, and gives the line's end without its trailing
    /// spaces when that token lies on the line.
    pub(super) fn line_start_token(
        &self,
        first: &mut usize,
        start: usize,
        line: &str,
    ) -> Option<usize> {
        while *first < self.toks.len() && self.toks[*first].end <= start {
            *first += 1;
        }
        let line_end = start + line.trim_end().len();
        (*first < self.toks.len() && self.toks[*first].start < line_end).then_some(line_end)
    }
}

/// Columns of a table whose values describe a stay or an event, not a person: the unit
/// and bed, how the patient is moved and where to, a status.
const NOT_IDENTIFYING_COLUMNS: &[&str] = &[
    "unit",
    "bed",
    "transport",
    "dest",
    "destination",
    "status",
    "disposition",
    "acuity",
    "service",
    "department",
    "dept",
    "priority",
    "mode",
];

/// `ADR;TYPE=HOME:`, `N:`, `TEL;TYPE=CELL:`: the length of a vCard or iCalendar content
/// line's property name and parameters with the colon after them (0 on other lines).
fn content_line_prefix(line: &str) -> usize {
    let b = line.as_bytes();
    let name = b
        .iter()
        .take_while(|c| c.is_ascii_uppercase() || **c == b'-')
        .count();
    if name == 0 || !matches!(b.get(name), Some(b':' | b';')) {
        return 0;
    }
    let Some(colon) = line.find(':') else {
        return 0;
    };
    let params = &line[name..colon];
    // Parameters are `;KEY=VALUE` pairs (`;TYPE=HOME`), never free text.
    let ok = params.is_empty()
        || params.starts_with(';')
            && params[1..].split(';').all(|p| {
                p.split_once('=').is_some_and(|(k, v)| {
                    !k.is_empty()
                        && k.bytes().all(|c| c.is_ascii_uppercase() || c == b'-')
                        && !v.contains(' ')
                })
            });
    if ok {
        colon + 1
    } else {
        0
    }
}

/// A part of a file name that is a date: `20170906`, `1994-08-29`.
fn date_part(p: &str) -> bool {
    let d: String = p.chars().filter(char::is_ascii_digit).collect();
    let shape = p.len() == 8 && d.len() == 8 || p.len() == 10 && d.len() == 8 && p.contains('-');
    let num = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap_or(0);
    let year = |y: u32| (1900..=2199).contains(&y);
    let month = |m: u32| (1..=12).contains(&m);
    let day = |x: u32| (1..=31).contains(&x);
    // Year first (`19610304`), or last as US and European systems write it (`03041961`).
    shape
        && (year(num(0..4)) && month(num(4..6)) && day(num(6..8))
            || year(num(4..8))
                && (month(num(0..2)) && day(num(2..4)) || day(num(0..2)) && month(num(2..4))))
}

/// A part that is a record number: six or more digits, or letters and five or more digits;
/// the digits may be grouped by hyphens as a chart number is printed (`64-89-72-264`).
fn record_part(p: &str) -> bool {
    let digits = p.bytes().filter(u8::is_ascii_digit).count();
    let grouped = p.contains('-')
        && !p.starts_with('-')
        && !p.ends_with('-')
        && !p.contains("--")
        && p.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    p.len() <= 16
        && (p.bytes().all(|b| b.is_ascii_alphanumeric()) || grouped)
        && (digits >= 6 || digits >= 5 && p.bytes().any(|b| b.is_ascii_alphabetic()))
}

/// A part of letters only that is written as a name is (`Small`, `SMALL`): it is read as a
/// name only beside a listed one, in a file that also holds a date or a record number.
fn name_shaped(p: &str) -> bool {
    let b = p.as_bytes();
    (2..=24).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && (b[1..].iter().all(u8::is_ascii_lowercase) || b.iter().all(u8::is_ascii_uppercase))
}

/// A part that is a person's name as scanning and export tools write it in file names: a
/// surname or a given name on the public lists, alone or with an initial glued on
/// (`GarciaM`, `MILLER`).
fn name_part(v: &crate::vocab::Vocab, p: &str) -> bool {
    if !(2..=24).contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let b = p.as_bytes();
    let initial =
        b.len() > 3 && b[b.len() - 1].is_ascii_uppercase() && b[b.len() - 2].is_ascii_lowercase();
    let stem = if initial { &p[..p.len() - 1] } else { p };
    super::listed_name(v, stem)
}

/// A lowercase word that describes a document (`discharge`, `consent`, `labs`): letters
/// only, three or more, on no name list.
fn descriptor_part(v: &crate::vocab::Vocab, p: &str) -> bool {
    p.len() >= 3 && p.bytes().all(|b| b.is_ascii_lowercase()) && !super::listed_name(v, p)
}

/// A listed given name (`Kevin`, `LISA`), not only a surname.
fn given_part(v: &crate::vocab::Vocab, p: &str) -> bool {
    let mut buf = [0u8; 32];
    crate::vocab::lower(p, &mut buf).is_some_and(|l| {
        v.flags.get(l).is_some_and(|f| f & flag::GIVEN != 0) || crate::gazetteer::given(l)
    })
}

/// A capitalised word that could be a surname no list holds (`Monney`): written `Xxxx`,
/// three letters or more, and on none of the lists of ordinary or technical words.
fn unlisted_surname_shape(v: &crate::vocab::Vocab, p: &str) -> bool {
    let b = p.as_bytes();
    let mut buf = [0u8; 32];
    b.len() >= 3
        && name_shaped(p)
        && b[1].is_ascii_lowercase()
        && crate::vocab::lower(p, &mut buf).is_some_and(|l| {
            let ordinary = flag::COMMON
                | flag::NEVER
                | flag::STOP
                | flag::FILLER
                | flag::MONTH
                | flag::THREAT
                | flag::CUE
                | flag::STREET
                | flag::UNIT
                | flag::COUNT;
            v.flags.get(l).is_none_or(|f| f & ordinary == 0)
                && crate::gazetteer::lookup(l) & crate::gazetteer::IN_NAME_WORDS == 0
        })
}

/// The stem and extension of a file's name when the extension is a document's.
fn document_stem(file: &str) -> Option<&str> {
    let (stem, ext) = file.split_once('.')?;
    let ext = ext.split('.').next().unwrap_or("");
    const DOCS: &[&str] = &[
        "pdf", "doc", "docx", "xls", "xlsx", "rtf", "txt", "tif", "tiff", "jpg", "jpeg", "png",
        "dcm", "msg", "eml", "odt",
    ];
    DOCS.contains(&ext.to_ascii_lowercase().as_str())
        .then_some(stem)
}

/// [`name_part`], or a double surname whose halves are both listed (`WILSON-GILMORE`).
fn name_or_double(v: &crate::vocab::Vocab, p: &str) -> bool {
    match p.split_once('-') {
        Some((a, b)) => !b.contains('-') && name_part(v, a) && name_part(v, b),
        None => name_part(v, p),
    }
}

impl Engine<'_> {
    /// A file named after the patient whose record it holds, as scanners, EHR exports and
    /// document imports name them (`DOE_JANE_A1234567_19510304.pdf`, `GarciaM_55012345.tif`):
    /// a name part beside a record number or a date makes each part an identifier, in a path
    /// or alone.
    pub(super) fn patient_file_names(&mut self) {
        // `Monney_19810305.pdf`: a capitalised word no list holds, beside a date, is read as
        // a surname when two or more different such words fill the same slot in the text's
        // documents (a listing of patients' files), never from one file alone.
        let mut surname_slot: Vec<&str> = Vec::new();
        for t in &self.toks {
            let file = &t.s[t.s.rfind(['\\', '/']).map_or(0, |p| p + 1)..];
            if let Some((word, date)) = document_stem(file).and_then(|s| s.split_once('_')) {
                if date_part(date)
                    && unlisted_surname_shape(self.v, word)
                    && !surname_slot.contains(&word)
                {
                    surname_slot.push(word);
                }
            }
        }
        let unlisted_ok = surname_slot.len() >= 2;
        for k in 0..self.toks.len() {
            let t = &self.toks[k];
            if !t.s.bytes().any(|b| b == b'_') {
                continue;
            }
            // A path is closed to the word-level rules (Protected) but is no indicator unless
            // it was recorded as one (a file with a malware's extension).
            let indicator = t.class == Class::Protected
                && (!t.s.contains(['\\', '/'])
                    || self.indicators.iter().any(|i| i.span == (t.start..t.end)));
            if !t.s.bytes().any(|b| b == b'_') || indicator || t.class == Class::Threat {
                continue;
            }
            let name_start = t.s.rfind(['\\', '/']).map_or(0, |p| p + 1);
            let file = &t.s[name_start..];
            let stem = file.split('.').next().unwrap_or("");
            let parts: Vec<&str> = stem.split('_').collect();
            if !(2..=6).contains(&parts.len()) {
                continue;
            }
            let described = document_stem(file).is_some();
            let mut kinds: Vec<Option<Kind>> = parts
                .iter()
                .map(|p| {
                    if date_part(p) {
                        Some(Kind::Date)
                    } else if record_part(p) {
                        Some(Kind::Mrn)
                    } else if name_or_double(self.v, p) {
                        Some(Kind::Name)
                    } else {
                        None
                    }
                })
                .collect();
            // `Monney_19810305.pdf` when more such files name other people (above).
            if unlisted_ok
                && described
                && parts.len() == 2
                && kinds[0].is_none()
                && kinds[1] == Some(Kind::Date)
                && surname_slot.contains(&parts[0])
            {
                kinds[0] = Some(Kind::Name);
            }
            let named = kinds.contains(&Some(Kind::Name));
            let numbered = kinds.contains(&Some(Kind::Mrn)) || kinds.contains(&Some(Kind::Date));
            // `Buchanan_Kevin_discharge.pdf`: a surname and a given name, both listed, side
            // by side, then lowercase words saying what the document is. The name parts go
            // and the words stay.
            let n = parts.len();
            let listed_pair = described
                && !numbered
                && (3..=5).contains(&n)
                && name_or_double(self.v, parts[0])
                && name_or_double(self.v, parts[1])
                && (given_part(self.v, parts[0]) || given_part(self.v, parts[1]))
                && parts[2..].iter().all(|p| descriptor_part(self.v, p));
            if listed_pair {
                let s = t.start + name_start;
                let e = s + parts[0].len() + 1 + parts[1].len();
                self.remove(s, e, Kind::Name, "name in a file named after a patient");
                if self.toks[k].class == Class::Plain {
                    self.toks[k].class = Class::Protected;
                }
                continue;
            }
            // The one unlisted part written as a name, beside a listed name (`Small_Steven`).
            let unknown: Vec<usize> = (0..kinds.len()).filter(|&i| kinds[i].is_none()).collect();
            if let [i] = unknown[..] {
                let beside = |j: Option<usize>| j.and_then(|j| kinds.get(j).copied().flatten());
                if name_shaped(parts[i])
                    && (beside(i.checked_sub(1)) == Some(Kind::Name)
                        || beside(Some(i + 1)) == Some(Kind::Name))
                {
                    kinds[i] = Some(Kind::Name);
                }
            }
            // Every part must be one of the three, so `Invoice_2031_Q1.pdf` is left alone.
            if !named || !numbered || kinds.contains(&None) {
                continue;
            }
            // Name parts side by side are one name (`MILLER_SUSAN`), so the whole of it goes.
            let mut at = t.start + name_start;
            let mut spans: Vec<(usize, usize, Kind)> = Vec::new();
            for (p, kind) in parts.iter().zip(&kinds) {
                let kind = kind.unwrap_or(Kind::Name);
                match spans.last_mut() {
                    Some(last)
                        if kind == Kind::Name && last.2 == Kind::Name && last.1 + 1 == at =>
                    {
                        last.1 = at + p.len();
                    }
                    _ => spans.push((at, at + p.len(), kind)),
                }
                at += p.len() + 1;
            }
            for (s, e, kind) in spans {
                self.remove(s, e, kind, "part of a file named after a patient's record");
            }
            if self.toks[k].class == Class::Plain {
                self.toks[k].class = Class::Removed;
                self.toks[k].finding = self.found.len() - 1;
            }
        }
    }

    /// Removes the bytes `s..e` as one finding, and marks the tokens inside it, searching
    /// from token `from`. Nothing happens when a token inside is an indicator or empty.
    fn remove_span(&mut self, from: usize, s: usize, e: usize, kind: Kind, reason: &'static str) {
        self.remove_span_over(from, s..e, kind, reason, false);
    }

    /// [`Self::remove_span`]; with `threat_ok`, a threat name inside does not stop it (a
    /// field label said the value is a person or a place: "Name: Will Royal").
    pub(super) fn remove_span_over(
        &mut self,
        from: usize,
        span: std::ops::Range<usize>,
        kind: Kind,
        reason: &'static str,
        threat_ok: bool,
    ) -> bool {
        let (s, e) = (span.start, span.end);
        let mut inside = Vec::new();
        let mut k = from;
        while k < self.toks.len() && self.toks[k].start < e {
            if self.toks[k].start >= s {
                inside.push(k);
            }
            k += 1;
        }
        // A value glued to its label by an underscore (`Name_Charles`) or to a one-letter
        // property name by its colon (`N:Doe`) is inside one token.
        if inside.is_empty()
            && from < self.toks.len()
            && self.toks[from].start < s
            && self.toks[from].end >= e
            && self.toks[from].s.contains(['_', ':'])
        {
            inside.push(from);
        }
        let open = inside.iter().all(|&k| {
            matches!(
                self.toks[k].class,
                Class::Plain | Class::Removed | Class::LongNumber | Class::IdLike
            ) || threat_ok && self.toks[k].class == Class::Threat
        });
        if inside.is_empty() || !open {
            return false;
        }
        let index = self.found.len();
        for &k in &inside {
            self.toks[k].class = Class::Removed;
            self.toks[k].finding = index;
        }
        self.remove(s, e, kind, reason);
        true
    }

    pub(super) fn record_rows(&mut self) {
        self.signature_address_lines();
        let text = self.text;
        let mut first_tok = 0;
        // The header of the table the rows belong to (`Unit;Bed;Patient;MRN;...`).
        let mut header: Vec<String> = Vec::new();
        for (start, line) in self.lines() {
            let line_start = start + line.len();
            // `ADR;TYPE=HOME:;;12 Elm St;Springfield`: a vCard or iCalendar content line;
            // its property name and parameters before the colon are no data.
            let prop = content_line_prefix(line);
            let (start, line) = (start + prop, &line[prop..]);
            // A row, not a sentence with semicolons: three or more short fields, no
            // parentheses but a phone number's area code `(721)`, no sentence inside a field.
            let aside = || {
                line.match_indices('(')
                    .any(|(i, _)| !line[i + 1..].starts_with(|ch: char| ch.is_ascii_digit()))
            };
            let fields_ok = |sep: char| {
                count_byte(line, sep) >= 2
                    // A pipe row is typed with spaces around its pipes; HL7 and X12 segments,
                    // read by their own rules, are not.
                    && (sep == ';' || line.matches(" | ").count() == count_byte(line, '|'))
                    && !aside()
                    && line
                        .split(sep)
                        .all(|f| f.trim().len() <= 48 && f.split_whitespace().count() <= 7)
            };
            // Pipes separate the cells of many tables of events, so a pipe row counts as a
            // person's record only when it holds a social security number (a dump's row).
            let sep = if fields_ok(';') {
                ';'
            } else if fields_ok('|') {
                '|'
            } else {
                header.clear();
                continue;
            };
            while first_tok < self.toks.len() && self.toks[first_tok].end <= start {
                first_tok += 1;
            }
            let mut last_tok = first_tok;
            while last_tok < self.toks.len() && self.toks[last_tok].start < line_start {
                last_tok += 1;
            }
            let toks = first_tok..last_tok;
            let identified = toks.clone().any(|k| {
                self.toks[k].class == Class::Removed
                    && (sep == ';'
                        || self
                            .found
                            .get(self.toks[k].finding)
                            .is_some_and(|f| f.kind == Kind::Ssn))
            });
            // A header: no digits, and the next line a row of as many fields.
            let next = text[line_start..].split('\n').next().unwrap_or("");
            if prop == 0
                && !identified
                && header.is_empty()
                && !line.bytes().any(|b| b.is_ascii_digit())
                && count_byte(next, sep) == count_byte(line, sep)
            {
                header = line
                    .split(sep)
                    .map(|f| f.trim().to_ascii_lowercase())
                    .collect();
                continue;
            }
            if !identified {
                continue;
            }
            let mut field_start = start;
            for (i, field) in line.split(sep).enumerate() {
                let lead = field.len() - field.trim_start().len();
                let s = field_start + lead;
                let e = field_start + field.trim_end().len();
                field_start += field.len() + 1;
                if s >= e {
                    continue;
                }
                let whole = toks
                    .clone()
                    .filter(|&k| self.toks[k].start >= s && self.toks[k].end <= e);
                let mut whole = whole.peekable();
                let single_removed = whole.peek().is_some_and(|&k| {
                    self.toks[k].class == Class::Removed
                        && self.toks[k].start == s
                        && self.toks[k].end == e
                });
                // A state's two-letter code names no one.
                let state = e - s == 2
                    && toks
                        .clone()
                        .any(|k| self.toks[k].start == s && self.has(k, flag::STATE_CODE));
                let field_text = &text[s..e];
                let attribute = header
                    .get(i)
                    .is_some_and(|h| NOT_IDENTIFYING_COLUMNS.contains(&h.as_str()));
                if single_removed
                    || state
                    || attribute
                    || self.phrase_field(field_text, toks.clone(), s, e)
                    || self.note_field(toks.clone(), s, e, line)
                    || self.labelled_field(toks.clone(), s, e)
                {
                    continue;
                }
                let kind = if i == 0 {
                    Kind::Name
                } else if field_text.bytes().any(|b| b.is_ascii_digit())
                    && field_text.chars().any(char::is_alphabetic)
                {
                    Kind::Address
                } else {
                    Kind::Id
                };
                self.remove_span(first_tok, s, e, kind, "field of a leaked record row");
            }
        }
    }
}

impl Engine<'_> {
    /// "Continuity of care", "Break the glass - patient in ED": a field of two or more words,
    /// capitalized like a sentence, one of the words after the first a lowercase word that is
    /// no name particle nor street word, and no digit. A reason or comment typed into the
    /// row, not a name, an address or a number.
    fn phrase_field(&self, field: &str, toks: Range<usize>, s: usize, e: usize) -> bool {
        if field.bytes().any(|b| b.is_ascii_digit())
            || field.split_whitespace().count() < 2
            || !c::is_cap_word(field.split_whitespace().next().unwrap_or(""))
        {
            return false;
        }
        let inside = || {
            toks.clone()
                .filter(|&k| self.toks[k].start >= s && self.toks[k].end <= e)
        };
        if inside().any(|k| self.has(k, flag::STREET | flag::UNIT)) {
            return false;
        }
        inside().any(|k| {
            let t = self.toks[k].s;
            t.len() >= 2
                && t.bytes().all(|b| b.is_ascii_lowercase())
                && self.toks[k].class == Class::Plain
                && !self.particle(k)
        })
    }

    /// "wound care", "gate code on file": two or more words of a note in lowercase letters,
    /// none a login made of a name in the row (`mansa` beside `Ansgar Mans`).
    fn note_field(&self, toks: Range<usize>, s: usize, e: usize, line: &str) -> bool {
        let inside: Vec<usize> = toks
            .filter(|&k| self.toks[k].start >= s && self.toks[k].end <= e)
            .collect();
        let lowercase = inside.len() >= 2
            && inside.iter().all(|&k| {
                self.toks[k].class == Class::Plain
                    && self.toks[k].s.bytes().all(|b| b.is_ascii_lowercase())
            });
        if !lowercase {
            return false;
        }
        let names: Vec<String> = line
            .split(|ch: char| !ch.is_alphabetic())
            .filter(|w| w.len() >= 3 && w.starts_with(char::is_uppercase))
            .map(str::to_lowercase)
            .collect();
        inside.iter().all(|&k| {
            !names
                .iter()
                .any(|name| self.toks[k].s.contains(name.as_str()))
        })
    }

    /// `MRN 4417023`: a field whose value a rule removed after its label; the label
    /// stays.
    fn labelled_field(&self, toks: Range<usize>, s: usize, e: usize) -> bool {
        let mut inside = toks.filter(|&k| self.toks[k].start >= s && self.toks[k].end <= e);
        let Some(first) = inside.next() else {
            return false;
        };
        self.has(first, flag::CUE)
            && self.toks[first].class != Class::Removed
            && inside.all(|k| self.toks[k].class == Class::Removed)
    }

    /// A mail signature's address line: `92, rue Paul Besson | Saint Richard 46446`, a
    /// street with its number, then a place with its postcode, split by ` | `.
    fn signature_address_lines(&mut self) {
        let mut first_tok = 0;
        for (start, line) in self.lines() {
            let body = line.trim_end();
            // Exactly one `|` is asked for below: most lines have none, and are passed over
            // before the search for ` | `.
            if !body.as_bytes().contains(&b'|') {
                continue;
            }
            let fields: Vec<&str> = body.split(" | ").collect();
            if fields.len() != 2 || body.matches('|').count() != 1 || body.contains(['@', ':']) {
                continue;
            }
            let lettered = |f: &str| {
                f.split_whitespace()
                    .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            };
            let numbered = |f: &str| f.bytes().any(|b| b.is_ascii_digit());
            let digits = |f: &str| f.bytes().filter(u8::is_ascii_digit).count();
            let (street, place) = (fields[0].trim(), fields[1].trim());
            let ok = lettered(street)
                && numbered(street)
                && lettered(place)
                && numbered(place)
                && digits(street) <= 6
                && (3..=8).contains(&digits(place))
                && street.split_whitespace().count() <= 8
                && place.split_whitespace().count() <= 5;
            if !ok {
                continue;
            }
            while first_tok < self.toks.len() && self.toks[first_tok].end <= start {
                first_tok += 1;
            }
            let mut offset = start + (line.len() - line.trim_start().len());
            for (field, kind) in [(fields[0], Kind::Address), (fields[1], Kind::City)] {
                let s = offset + (field.len() - field.trim_start().len());
                let e = offset + field.trim_end().len();
                offset += field.len() + 3;
                self.remove_span(first_tok, s, e, kind, "address line of a signature");
            }
        }
    }
}

/// How many times the ASCII character `sep` is in `line`: a count of its byte, where a
/// `char` search would step through the line match by match.
fn count_byte(line: &str, sep: char) -> usize {
    let b = sep as u8;
    debug_assert!(sep.is_ascii());
    line.bytes().filter(|&c| c == b).count()
}

#[cfg(test)]
mod tests {
    use crate::{ScrubConfig, Scrubber};

    #[test]
    fn shared_line_ends_give_the_lines_a_split_gives() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\n\nb\n",
            "\n\nx y\r\nz",
            "é\nü",
        ] {
            let ends = super::line_ends(text);
            let lines = super::Lines {
                text,
                ends: ends.iter(),
                at: 0,
            };
            let want: Vec<_> = super::lines_with_starts(text).collect();
            assert_eq!(lines.collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn a_file_named_after_a_patient_loses_its_name_number_and_date() {
        super::super::check(&[
            (
                "failed: \\\\fs-09\\scans\\GarciaM_QX551234_19610304.pdf (denied)\n",
                "failed: \\\\[INTERNAL-HOST]\\scans\\[NAME]_[MRN]_[DATE].pdf (denied)\n",
            ),
            (
                "copied D:\\scans\\MILLER_SUSAN_20310405.pdf and D:\\scans\\Invoice_2031_Q1.pdf\n",
                "copied D:\\scans\\[NAME]_[DATE].pdf and D:\\scans\\Invoice_2031_Q1.pdf\n",
            ),
        ]);
    }

    #[test]
    fn a_file_names_double_surname_unlisted_half_and_grouped_number_go() {
        super::super::check(&[
            (
                "lost: \\\\fs-3\\img\\HOLLAND-BAKER_OLIVIA_31-42-55-907_19580211.tif\n",
                "lost: \\\\[INTERNAL-HOST]\\img\\[NAME]_[MRN]_[DATE].tif\n",
            ),
            (
                "moved E:\\out\\Tall_Robert_07141962.pdf and E:\\out\\Budget_Q1_20310405.pdf\n",
                "moved E:\\out\\[NAME]_[DATE].pdf and E:\\out\\Budget_Q1_20310405.pdf\n",
            ),
        ]);
    }

    #[test]
    fn a_files_listed_surname_and_given_name_go_and_its_describing_words_stay() {
        super::super::check(&[
            (
                "usb copy \"Harper_Daniel_discharge.pdf\" blocked\n",
                "usb copy \"[NAME]_discharge.pdf\" blocked\n",
            ),
            (
                "usb copy \"Project_Update_draft.pdf\" blocked\n",
                "usb copy \"Project_Update_draft.pdf\" blocked\n",
            ),
        ]);
    }

    #[test]
    fn unlisted_surnames_beside_dates_go_only_when_several_files_share_the_slot() {
        super::super::check(&[
            (
                "read /docs/Quobbel_19710302.pdf then /docs/Vantrezi_19880911.pdf\n",
                "read /docs/[NAME]_[DATE].pdf then /docs/[NAME]_[DATE].pdf\n",
            ),
            (
                "read /docs/Quobbel_19710302.pdf today\n",
                "read /docs/Quobbel_19710302.pdf today\n",
            ),
        ]);
    }

    #[test]
    fn a_rows_lowercase_note_and_a_fields_label_stay() {
        super::super::check(&[(
            "  dressing change; knock twice; MRN 77120934\n",
            "  dressing change; knock twice; MRN [MRN]\n",
        )]);
    }

    #[test]
    fn a_row_with_an_identifier_goes_field_by_field() {
        let s = Scrubber::new(ScrubConfig::default()).expect("scrubber");
        let out = s.scrub_text(
            "Proof:\n  Ansgar Mans;19441225;665-36-2659;Hillerstraße 2;93\nVisit x.onion\n",
        );
        assert_eq!(
            out.text,
            "Proof:\n  [NAME];[ID];[SSN];[ADDRESS];[ID]\nVisit x.onion\n"
        );
        // A dump's pipe row with a social security number goes field by field too.
        let out = s.scrub_text("Proof:\n  ODELL MARSH | 02/03/1951 | 665-36-2659 | QX5512\n");
        assert_eq!(out.text, "Proof:\n  [NAME] | [DATE] | [SSN] | [ADDRESS]\n");
        // A phone's area code in parentheses keeps the line a row; a state code stays.
        let out = s.scrub_text("Ansgar Mans;665-36-2659;Ashby;MA;(617) 555-0143\n");
        assert_eq!(out.text, "[NAME];[SSN];[NAME];MA;[PHONE]\n");
        // A row without any identifier is left alone.
        let out = s.scrub_text("Jean Grondin\n92, rue Paul Besson | Saint Richard 46446\nT x\n");
        assert_eq!(out.text, "[NAME]\n[ADDRESS] | [CITY]\nT x\n");
        let out = s.scrub_text("CEF:0|Palo Alto Networks|PAN-OS|10.2|url|THREAT|8|\n");
        assert_eq!(
            out.text,
            "CEF:0|Palo Alto Networks|PAN-OS|10.2|url|THREAT|8|\n"
        );
        let out = s.scrub_text("a;b;c\n");
        assert_eq!(out.text, "a;b;c\n");
    }

    #[test]
    fn a_tables_unit_bed_and_transport_columns_and_a_vcards_property_names_stay() {
        super::super::check(&[
            (
                "Unit;Bed;Patient;MRN;Transport;Dest\nICU;12A;Kowalski,Anna;48213377;stretcher;Dialysis\n",
                "Unit;Bed;Patient;MRN;Transport;Dest\nICU;12A;[NAME];[MRN];stretcher;Dialysis\n",
            ),
            (
                "BEGIN:VCARD\nN:Kowalski;Anna;;;\nADR;TYPE=HOME:;;12 Elm Street;Springfield;;62704;\nEND:VCARD\n",
                "BEGIN:VCARD\nN:[NAME];[NAME];;;\nADR;TYPE=HOME:;;[ADDRESS];\nEND:VCARD\n",
            ),
        ]);
    }

    #[test]
    fn a_typed_reason_in_a_leaked_row_stays() {
        let s = Scrubber::new(ScrubConfig::default()).expect("scrubber");
        let out = s.scrub_text("when;who;why\n2025-03-02;Ansgar Mans;Follow-up of a referral\n");
        assert_eq!(
            out.text,
            "when;who;why\n[DATE];[ID];Follow-up of a referral\n"
        );
        // A name particle is no typed word; a lowercase login opening the field is no
        // typed sentence.
        let out = s.scrub_text("Ansgar Mans;Avenue de Verdun;mansa account locked\n");
        assert_eq!(out.text, "[NAME];[ID];[ID]\n");
    }
}
