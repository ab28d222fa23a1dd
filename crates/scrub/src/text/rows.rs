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

impl Engine<'_> {
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
        // A value glued to its label by an underscore (`Name_Charles`) is inside one token.
        if inside.is_empty()
            && from < self.toks.len()
            && self.toks[from].start < s
            && self.toks[from].end >= e
            && self.toks[from].s.contains('_')
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
        for (start, line) in lines_with_starts(text) {
            let line_start = start + line.len();
            // A row, not a sentence with semicolons: three or more short fields, no
            // parentheses but a phone number's area code `(721)`, no sentence inside a field.
            let aside = line
                .match_indices('(')
                .any(|(i, _)| !line[i + 1..].starts_with(|ch: char| ch.is_ascii_digit()));
            let row_like = line.bytes().filter(|&b| b == b';').count() >= 2
                && !aside
                && line
                    .split(';')
                    .all(|f| f.trim().len() <= 48 && f.split_whitespace().count() <= 7);
            if !row_like {
                continue;
            }
            while first_tok < self.toks.len() && self.toks[first_tok].end <= start {
                first_tok += 1;
            }
            let mut last_tok = first_tok;
            while last_tok < self.toks.len() && self.toks[last_tok].start < line_start {
                last_tok += 1;
            }
            let toks = first_tok..last_tok;
            let identified = toks.clone().any(|k| self.toks[k].class == Class::Removed);
            if !identified {
                continue;
            }
            let mut field_start = start;
            for (i, field) in line.split(';').enumerate() {
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
                if single_removed || state || self.phrase_field(field_text, toks.clone(), s, e) {
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

    /// A mail signature's address line: `92, rue Paul Besson | Saint Richard 46446`, a
    /// street with its number, then a place with its postcode, split by ` | `.
    fn signature_address_lines(&mut self) {
        let text = self.text;
        let mut first_tok = 0;
        for (start, line) in lines_with_starts(text) {
            let body = line.trim_end();
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

#[cfg(test)]
mod tests {
    use crate::{ScrubConfig, Scrubber};

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
