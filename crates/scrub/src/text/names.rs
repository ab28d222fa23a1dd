//! Person names: known given names and surnames, and capitalized words in a name's shape.

use super::cues::NAME_LISTS;
use super::{Class, Engine};
use crate::classify as c;
use crate::vocab::flag;
use crate::Kind;

/// Labels of a person's identifiers in records and forms: the capitals before them are a
/// name, never part of it.
const ID_LABELS: &[&str] = &["DOB", "DEA", "NPI", "MRN", "SSN", "DOS", "ACCT"];

/// Dotted capitals that are abbreviations, not a person's initials: a post office box,
/// countries and unions, times of day, note marks.
const DOTTED_WORDS: &[&str] = &[
    "P.O", "U.S", "U.K", "E.U", "U.N", "A.M", "P.M", "N.B", "P.S",
];

/// Degrees and licences written after a name and its comma (`Ann Roe, M.S.`).
const DOTTED_CREDENTIALS: &[&str] = &[
    "M.D", "D.O", "R.N", "N.P", "P.A", "M.S", "B.S", "M.A", "B.A",
];

impl Engine<'_> {
    /// "T.K. to review", "Thanks, B.R.L.", "one patient, W.N., (71M)": two or three capitals,
    /// each with its period, written as one word, are a person's initials; a few common
    /// abbreviations are not, nor is a degree after a name and its comma.
    pub(super) fn dotted_initials(&mut self, k: usize) -> bool {
        let t = &self.toks[k];
        let b = t.s.as_bytes();
        let shape = t.trail == b'.'
            && (b.len() == 3 || b.len() == 5)
            && b.iter().enumerate().all(|(i, &c)| {
                if i % 2 == 0 {
                    c.is_ascii_uppercase()
                } else {
                    c == b'.'
                }
            });
        if t.class != Class::Plain || !shape || DOTTED_WORDS.contains(&t.s) {
            return false;
        }
        let after_name = k >= 1
            && self.toks[k - 1].class == Class::Removed
            && self.toks[k - 1].trail == b','
            && self.toks[k - 1].end + 2 >= t.start;
        if after_name && DOTTED_CREDENTIALS.contains(&t.s) {
            return false;
        }
        self.remove_toks(k, k, Kind::Name, "initials written with periods");
        true
    }

    /// "Mapped Ip", "Called Parker": a past participle on no name list opens no name (it may
    /// end one: "Mark Creed", "Jarred").
    fn participle(&self, k: usize) -> bool {
        let t = self.toks[k].s;
        t.len() >= 5
            && t.ends_with("ed")
            && t.is_ascii()
            && !self.has(
                k,
                flag::GIVEN | flag::SURNAME | flag::CENSUS_GIVEN | flag::CENSUS_SURNAME,
            )
    }

    pub(super) fn never_name(&self, k: usize) -> bool {
        self.has(k, flag::NEVER)
            || k < self.toks.len() && c::camel_compound(self.toks[k].s)
            || self.article_before_word(k)
            || self.weekday_before_date(k)
    }

    /// `Sun        10/11/2026  08:15`: a weekday's abbreviation opening its line, a date
    /// right after it, is a day column, not the surname Sun or Mon.
    pub(super) fn weekday_before_date(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        if !matches!(t.s, "Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun") {
            return false;
        }
        let line_start = self.text[..t.start].rfind('\n').map_or(0, |p| p + 1);
        let opens = self.text[line_start..t.start]
            .bytes()
            .all(|b| b == b' ' || b == b'\t');
        let next = self.toks.get(k + 1).is_some_and(|n| {
            n.s.as_bytes().first().is_some_and(u8::is_ascii_digit)
                && n.s.bytes().any(|b| b == b'/' || b == b'-' || b == b'.')
                && self.text[t.end..n.start]
                    .bytes()
                    .all(|b| b == b' ' || b == b'\t')
        });
        opens && next
    }

    /// "Le dossier", "La cuenta", "El equipo": an article of a Romance language before a
    /// lowercase word, not the surname Le or La (which a capitalized given name follows).
    fn article_before_word(&self, k: usize) -> bool {
        k + 1 < self.toks.len()
            && matches!(
                self.toks[k].s,
                "Le" | "La" | "Les" | "El" | "Los" | "Las" | "Il" | "Lo" | "Gli" | "Un" | "Une"
            )
            && self.toks[k].after == b' '
            && self.same_sentence(k, k + 1)
            && self.toks[k + 1]
                .s
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    }

    pub(super) fn name_part(&self, k: usize) -> bool {
        k < self.toks.len()
            && self.toks[k].class == Class::Plain
            && (c::is_initial(self.toks[k].s) && self.toks[k].trail == b'.'
                || c::is_cap_word(self.toks[k].s) && !self.never_name(k))
    }

    /// The last token of a name starting at `k`: following capitalized words and initials,
    /// joined by spaces only, at most four in all.
    pub(super) fn name_end(&self, k: usize) -> usize {
        let mut end = k;
        while end + 1 < self.toks.len()
            && end - k < 3
            && self.toks[end].after == b' '
            && self.same_sentence(k, end + 1)
            && self.spaces_between(end, end + 1)
        {
            let n = end + 1;
            let particle = self.particle(n);
            if self.name_part(n) || particle && self.name_part(n + 1) && self.toks[n].after == b' '
            {
                end = n;
            } else if particle
                && self.particle(n + 1)
                && self.toks[n].after == b' '
                && self.toks[n + 1].after == b' '
                && self.name_part(n + 2)
                && end - k < 2
            {
                // "van der Laarse", "de la Cruz".
                end = n + 1;
            } else {
                break;
            }
        }
        end
    }

    /// No bracket, quote or possessive between two tokens: "Ann Lee (Work notes)" is a name
    /// and a remark, "Ann Lee's Documents" a name and a folder.
    /// Nor a form's next field: "Craig Harris   Relationship: father", "Keith Lewis
    /// Medicaid ID: ...", a label (one or two words, then a colon) after a column's gap of
    /// two or more blanks.
    fn spaces_between(&self, a: usize, b: usize) -> bool {
        let Some(gap) = self.text.get(self.toks[a].end..self.toks[b].start) else {
            return false;
        };
        if gap.contains(['(', '[', '{', '"', '<', '\'', '’']) {
            return false;
        }
        let column = gap.len() >= 2 && gap.bytes().all(|c| c == b' ' || c == b'\t');
        // The label's colon on its first, second or third word ("Date of birth:").
        let label = self.toks[b].trail == b':'
            || (1..=2).any(|d| {
                (b..b + d).all(|i| {
                    i + 1 < self.toks.len()
                        && self.toks[i].after == b' '
                        && self.toks[i].trail == 0
                        && self.same_sentence(i, i + 1)
                }) && self
                    .toks
                    .get(b + d)
                    .is_some_and(|t| t.trail == b':' && t.s.len() <= 12)
            });
        !(column && label)
    }

    pub(super) fn particle(&self, n: usize) -> bool {
        if n >= self.toks.len() || self.toks[n].class != Class::Plain {
            return false;
        }
        let mut buf = [0u8; 32];
        self.lw(n, &mut buf).is_some_and(|l| {
            matches!(
                l,
                "de" | "del"
                    | "van"
                    | "von"
                    | "da"
                    | "di"
                    | "bin"
                    | "al"
                    | "la"
                    | "le"
                    | "du"
                    | "ben"
                    | "ibn"
                    | "den"
                    | "der"
                    | "dos"
                    | "das"
                    | "della"
                    | "ter"
                    | "Ó"
                    | "ó"
                    | "ní"
                    | "nic"
                    | "mac"
                    | "mhic"
                    | "uí"
                    | "binti"
                    | "bint"
                    | "ap"
            ) || l == "an" && n > 0 && self.is_irish_patronymic(n - 1)
        })
    }

    /// `Mac`, `Nic`, `Mhic` before `an` (`Breeda Mac an Bhaird`): the Irish surname's
    /// article is part of the name there, and nowhere else.
    fn is_irish_patronymic(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        self.toks[k].after == b' '
            && self
                .lw(k, &mut buf)
                .is_some_and(|l| matches!(l, "mac" | "nic" | "mhic"))
    }

    /// An upper-case word of a name (`KIBET`, `MONACHÁIN`, `O'BRIEN`): two letters or more,
    /// every letter a capital, and no cue word (`MRN`, `DOB`).
    pub(super) fn caps_name_word(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.class == Class::Plain
            && t.s.chars().filter(|ch| ch.is_alphabetic()).nth(1).is_some()
            && t.s
                .chars()
                .all(|ch| ch.is_uppercase() || matches!(ch, '-' | '\'' | '’'))
            && !self.has(k, flag::CUE | flag::THREAT | flag::STATE_CODE)
    }

    /// `KIBET Hodari`, `Ó MONACHÁIN Moira`, `VAN DER BERG Anna`: after a word that announces
    /// a person, a surname in capitals (particles before it allowed) and one or two given
    /// names as written, the run ending at a comma, a bracket, a full stop or the line's
    /// end. The last token of the name.
    pub(super) fn caps_surname_then_given(&self, j: usize) -> Option<usize> {
        let mut i = j;
        let step = |e: &Self, a: usize| {
            a + 1 < e.toks.len()
                && e.toks[a].after == b' '
                && e.toks[a].trail == 0
                && e.same_sentence(a, a + 1)
                && e.spaces_between(a, a + 1)
        };
        // Particles before the surname (`Ó`, `VAN DER`, `de la`).
        while i - j < 2 && self.particle(i) && step(self, i) {
            i += 1;
        }
        let mut caps = 0;
        while i < self.toks.len() && caps < 3 && self.caps_name_word(i) {
            caps += 1;
            if !step(self, i) {
                return None;
            }
            i += 1;
            // `VAN DER BERG`: particles in capitals between surname words.
            while caps < 3 && self.particle(i) && step(self, i) && self.caps_name_word(i + 1) {
                i += 1;
            }
        }
        if caps == 0 {
            return None;
        }
        let mut end = i;
        if !(self.name_part(end) && c::is_cap_word(self.toks[end].s)) || self.has(end, flag::CUE) {
            return None;
        }
        if step(self, end) && self.name_part(end + 1) && !self.has(end + 1, flag::CUE) {
            end += 1;
        }
        // The record's comma, a bracket (a login), the sentence's or the line's end, or a
        // lowercase word (a verb): "Patient: ICU Bed 4" goes on with a number, no name.
        let t = &self.toks[end];
        let closes = matches!(t.after, b',' | b'(' | b'\n')
            || matches!(t.trail, b',' | b'.')
            || end + 1 >= self.toks.len()
            || !self.same_sentence(end, end + 1)
            || self.text[t.end..].starts_with(" (")
            || self.toks[end + 1]
                .s
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        closes.then_some(end)
    }

    fn known_name(&self, k: usize) -> (bool, bool, bool) {
        let mut given = self.has(k, flag::GIVEN | flag::CENSUS_GIVEN);
        let mut sur = self.has(k, flag::SURNAME | flag::CENSUS_SURNAME | flag::NAME_WORD);
        let common = self.has(k, flag::COMMON | flag::NAME_WORD);
        let t = self.toks[k].s;
        if !given && !sur && (t.contains('-') || t.contains('\'') || t.contains('’')) {
            // "Brown-out", "King-size": a lowercase word after the hyphen makes a compound
            // word, not a double-barrelled name.
            if t.contains('-')
                && t.rsplit('-').next().is_some_and(|last| {
                    !last.is_empty()
                        && last
                            .chars()
                            .all(|ch| ch.is_alphabetic() && ch.is_lowercase())
                })
            {
                return (false, false, false);
            }
            let mut buf = [0u8; 32];
            let Some(l) = self.lw(k, &mut buf) else {
                return (false, false, false);
            };
            sur = l.split('-').any(|p| {
                self.v.surnames.contains(p)
                    || self.v.given.contains(p)
                    || crate::gazetteer::surname(p)
                    || crate::gazetteer::given(p)
            });
            given = false;
            if !sur && (l.starts_with("o'") || l.starts_with("o’")) {
                sur = true;
            }
        }
        (given, sur, common)
    }

    // Long because: the order of the name tests matters (dictionary, shape, neighbours,
    // common-word names only in a name's position); split, each piece would re-read the run.
    pub(super) fn name(&mut self, k: usize) -> bool {
        let t = self.toks[k].s;
        if self.toks[k].class == Class::Threat {
            return self.threat_word_as_name(k);
        }
        if self.toks[k].class != Class::Plain {
            return false;
        }
        // "a 2022 Honda Civic": a make and model after a model year.
        if k > 0 && self.model_year(k - 1) {
            return false;
        }
        if self.participle(k) || self.weekday_before_date(k) {
            return false;
        }
        // "R. Royal (rroyal@...)": after an initial, a threat name is a surname.
        if c::is_initial(t)
            && self.toks[k].trail == b'.'
            && self.toks[k].after == b' '
            && k + 1 < self.toks.len()
            && self.toks[k + 1].class == Class::Threat
            && c::is_cap_word(self.toks[k + 1].s)
            && self.same_sentence(k, k + 1)
            && !(self.toks[k + 1].after == b' ' && self.name_part(k + 2))
        {
            self.remove_toks(k, k + 1, Kind::Name, "initial and surname");
            return true;
        }
        if let Some((start, end)) = self.last_comma_first(k) {
            self.remove_toks(start, end, Kind::Name, "surname, given name");
            return true;
        }
        if let Some(end) = self.quoted_cell_last_first(k) {
            self.remove_toks(k, end, Kind::Name, "surname, given name as a quoted cell");
            return true;
        }
        if self.possessed_by_person(k) || self.vocative(k) || self.introduced(k) {
            return true;
        }
        // Initial and surname: "J. Smith".
        if c::is_initial(t)
            && self.toks[k].trail == b'.'
            && self.toks[k].after == b' '
            && (self.name_part(k + 1) || self.particle(k + 1) && self.name_part(k + 2))
            && self.same_sentence(k, k + 1)
        {
            let end = self.name_end(k);
            if end > k {
                self.remove_toks(k, end, Kind::Name, "initial and surname");
                return true;
            }
        }
        // "JOHN SMITH" in a header.
        if t.len() >= 2 && t.bytes().all(|b| b.is_ascii_uppercase()) {
            let (given, _, _) = self.known_name(k);
            if given
                && k + 1 < self.toks.len()
                && self.toks[k + 1].class == Class::Plain
                && self.toks[k + 1].s.bytes().all(|b| b.is_ascii_uppercase())
            {
                let (g2, s2, _) = self.known_name(k + 1);
                if g2 || s2 {
                    self.remove_toks(k, k + 1, Kind::Name, "name in capitals");
                    return true;
                }
            }
            return self.caps_last_first(k);
        }
        // "Von:", "Home:", "Тема:": a field label, not a name; nor the key of a `key=value`
        // pair (`NAS-IP-Address=10.1.2.3`, `Framed-Pool=...`).
        if self.is_label(k) || self.toks[k].after == b'=' && self.toks[k].trail == 0 {
            return false;
        }
        if self.has(k, flag::NON_LATIN) {
            return self.non_latin_name(k);
        }
        if !c::is_cap_word(t) || self.never_name(k) {
            return self.caps_last_first(k);
        }
        let (given, sur, common) = self.known_name(k);
        // "Gertraud Eigenwillig noticed ...": two capitalized words that act as a person.
        if !given
            && !sur
            && self.name_part(k + 1)
            && self.toks[k].after == b' '
            && !self.has(k, flag::CUE)
            && !self.has(k + 1, flag::CUE)
            && self.acts_as_person(k + 1)
        {
            self.remove_toks(
                k,
                k + 1,
                Kind::Name,
                "two capitalized words acting as a person",
            );
            return true;
        }
        // "Smith, John": a surname, a comma, a given name.
        if sur
            && self.toks[k].after == b','
            && self.name_part(k + 1)
            && self.same_sentence(k, k + 1)
            && !c::is_initial(self.toks[k + 1].s)
        {
            let (g, _, cm) = self.known_name(k + 1);
            if g && !(cm && common) && !self.in_comma_list(k, self.name_end(k + 1)) {
                let end = self.name_end(k + 1);
                self.remove_toks(k, end, Kind::Name, "surname, given name");
                return true;
            }
        }
        // "Maza, Ani (MRN ...)", "Roca, Inmaculada's chart": two capitalized words around
        // a comma, then a record cue or a possessive.
        if self.toks[k].after == b','
            && self.name_part(k + 1)
            && self.same_sentence(k, k + 1)
            && !c::is_initial(self.toks[k + 1].s)
            && !self.in_comma_list(k, k + 1)
            && (self.acts_as_person(k + 1)
                || self.possessive_after(k + 1)
                || self.has(k + 2, flag::CUE) && self.toks[k + 1].after == b' ')
        {
            self.remove_toks(k, k + 1, Kind::Name, "surname, given name before a record");
            return true;
        }
        // "Siobhán Ó Briain": capitalized words with letters beyond ASCII, side by side.
        if !t.is_ascii() && !given && !sur {
            let end = self.name_end(k);
            let prev_cap = k > 0
                && self.toks[k - 1].after == b' '
                && self.toks[k - 1].trail != b':'
                && self.name_part(k - 1)
                && self.same_sentence(k - 1, k);
            if end > k || prev_cap {
                let start = if prev_cap { k - 1 } else { k };
                self.remove_toks(start, end, Kind::Name, "capitalized words with diacritics");
                return true;
            }
            return false;
        }
        if !given && !sur {
            return false;
        }
        let next_is_name = self.name_part(k + 1) && self.toks[k].after == b' ' && {
            let (g, s, cm) = self.known_name(k + 1);
            (g || s) && !(cm && common)
                || c::is_initial(self.toks[k + 1].s) && self.name_part(k + 2)
                || !self.toks[k + 1].s.is_ascii()
        };
        let prev_is_given =
            k > 0 && self.toks[k - 1].class == Class::Plain && self.same_sentence(k - 1, k) && {
                let (g, _, cm) = self.known_name(k - 1);
                g && !cm
            };
        let pair_of_names = self.name_part(k + 1) && self.toks[k].after == b' ' && {
            let (g, s, _) = self.known_name(k + 1);
            g || s
        };
        let acts = pair_of_names && self.acts_as_person(k + 1);
        if common && !next_is_name && !prev_is_given && !acts {
            return false;
        }
        let mut start = k;
        if sur
            && k > 0
            && self.toks[k - 1].after == b' '
            && self.toks[k - 1].trail != b':'
            && self.name_part(k - 1)
            && !self.participle(k - 1)
            && self.same_sentence(k - 1, k)
        {
            start = k - 1;
        }
        let end = self.name_end(k);
        if self.company_after(end) {
            return false;
        }
        self.remove_toks(start, end, Kind::Name, "known given name or surname");
        true
    }

    /// The words of `k`'s sentence within eight tokens of it: how many are Latin words of
    /// three letters or more, and how many are words of a script without Latin letters.
    fn script_counts(&self, k: usize) -> (usize, usize) {
        let lo = k.saturating_sub(8);
        let hi = (k + 9).min(self.toks.len());
        let (mut latin, mut other) = (0, 0);
        for i in lo..hi {
            if self.toks[i].sent != self.toks[k].sent {
                continue;
            }
            let s = self.toks[i].s;
            if s.len() >= 3 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
                latin += 1;
            } else if self.has(i, flag::NON_LATIN) {
                other += 1;
            }
        }
        (latin, other)
    }

    /// Whether the words near `k` in its sentence are mostly in Latin letters (three or more
    /// Latin words, and more of them than words of other scripts).
    fn latin_sentence(&self, k: usize) -> bool {
        let (latin, other) = self.script_counts(k);
        latin >= 3 && latin > other
    }

    /// Whether the words near `k` in its sentence are mostly in a script without Latin
    /// letters (three or more such words, and more of them than Latin words).
    fn native_sentence(&self, k: usize) -> bool {
        let (latin, other) = self.script_counts(k);
        other >= 3 && other > latin
    }

    /// Whether a word that `non_latin_name` would take for a name still reads as one when
    /// its sentence is written in its own script, where most words are no names: Hindi's
    /// "पर", Arabic's "تقرير", a Russian or a Greek sentence's capitalized first word
    /// ("Отчёт об инциденте"). A name there is set off: by brackets beside its login or id
    /// ("u123 (نور سالم)"), after a label's colon ("Пациент: ..."), right after a Latin
    /// word ("Patient राम ..."), or, in Cyrillic and Greek, capitalized inside the sentence
    /// or before another capitalized word. Han and kana words are left to the rule as
    /// before: their names are as short as their words, with nothing else to go by; Korean
    /// sets its words apart with blanks, and is read like the other scripts.
    fn name_in_its_own_script(&self, k: usize, capitalized: bool) -> bool {
        let t = &self.toks[k];
        // Korean, unlike Chinese and Japanese, puts blanks between its words: in a Korean
        // sentence a short word of Hangul is as often a noun or a particle as a name.
        if t.s.chars().next().is_some_and(|c| cjk(c) && !hangul(c)) || !self.native_sentence(k) {
            return true;
        }
        if KOREAN_ROLE_NOUNS.contains(&t.s) {
            return false;
        }
        // "환자 김정호,", "아들 이지현이": a Korean name after the word for a patient or a
        // relative; "이지후에게도": one with the particle that only a person takes.
        if let Some(person_particle) = korean_name_core(t.s) {
            let after_role = k > 0
                && self.same_sentence(k - 1, k)
                && KOREAN_PERSON_WORDS.contains(&self.toks[k - 1].s);
            // "김정호 환자의 차트", "이지현 님": the name before the word for a patient or
            // before the honorific.
            let before_role = k + 1 < self.toks.len()
                && self.same_sentence(k, k + 1)
                && ["환자", "님", "씨", "보호자", "간호사", "선생"]
                    .iter()
                    .any(|w| self.toks[k + 1].s.starts_with(w));
            if after_role || before_role || person_particle {
                return true;
            }
        }
        let before = self.text[..t.start]
            .trim_end_matches(' ')
            .chars()
            .next_back();
        let after = self.text[t.end..].chars().next();
        if matches!(before, Some('(' | '（' | '[' | ':' | '：'))
            || matches!(after, Some('(' | ')' | '（' | '）' | ']'))
        {
            return true;
        }
        let prev_same = k > 0 && self.same_sentence(k - 1, k) && before != Some('\n');
        if prev_same
            && self.toks[k - 1].s.len() >= 2
            && self.toks[k - 1].s.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return true;
        }
        if capitalized {
            let next_capital = k + 1 < self.toks.len()
                && self.same_sentence(k, k + 1)
                && self.toks[k + 1]
                    .s
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            return prev_same || next_capital;
        }
        // A chat export's speaker: a line that starts with the name and goes on, after a
        // gap, with the time.
        let line_start = before.is_none_or(|c| c == '\n');
        line_start && {
            let mut end = k;
            while end + 1 < self.toks.len()
                && end - k < 3
                && self.toks[end].after == b' '
                && self.has(end + 1, flag::NON_LATIN)
            {
                end += 1;
            }
            let rest = &self.text[self.toks[end].end..];
            rest.starts_with("  ")
                || rest
                    .trim_start_matches(' ')
                    .starts_with(|c: char| c.is_ascii_digit())
        }
    }

    /// A word in a script without Latin letters, in text that is otherwise Latin: a name
    /// when short (a CJK given name or surname is one to four characters) or capitalized
    /// (Cyrillic, Greek); the words beside it in the same script go with it.
    fn non_latin_name(&mut self, k: usize) -> bool {
        let t = self.toks[k].s;
        let first = t.chars().next();
        // Short words are names only in scripts without case (CJK): a lowercase Cyrillic
        // or Greek word ("дата") is an ordinary word.
        let caseless = first.is_some_and(|ch| !ch.is_uppercase() && !ch.is_lowercase());
        // Chinese, Japanese and Korean write a name in so few characters; a short word of
        // Arabic, Hebrew, Devanagari or Thai is as often a preposition or a verb, and a name
        // only among Latin words ("order for ששון, אסתר rejected").
        let short = caseless
            && t.len() <= 16 // four characters are 16 bytes at most
            && t.chars().count() <= 4
            && (first.is_some_and(cjk) || self.latin_sentence(k))
            // "이지후에게도": a Korean name with the particles after it.
            || korean_name_core(t).is_some();
        let capitalized = first.is_some_and(char::is_uppercase);
        // "Примечание:" mid-line is a label too; "named 张梅:" is still a name.
        if self.is_label(k)
            || capitalized && self.toks[k].trail == b':'
            || self.has(k, flag::CUE | flag::NEVER)
        {
            return false;
        }
        // "for pt रोहना गावडे, rm 300": two or three words of a caseless script (Devanagari,
        // Arabic, Hebrew...) inside a sentence of Latin words are a person's name.
        let pair = caseless
            && k + 1 < self.toks.len()
            && self.toks[k].after == b' '
            && self.has(k + 1, flag::NON_LATIN)
            && self.same_sentence(k, k + 1)
            && t.chars().count() <= 12;
        if !(short || capitalized || pair && self.latin_sentence(k)) {
            return false;
        }
        let next_lower = |e: &Self| {
            k + 1 < e.toks.len()
                && e.same_sentence(k, k + 1)
                && e.toks[k + 1]
                    .s
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_lowercase() && !ch.is_ascii())
        };
        // "ЖСН 850101400123", "ЕМБГ 2707...": a short word all in capitals before a number
        // is a field's label (an acronym); "Միջադեպի հաշվետվություն 2026-...": a capitalized
        // word opening its line before a lowercase word of its script opens a title or a
        // sentence. Neither is a name unless a name list says so.
        let acronym = capitalized
            && (2..=6).contains(&t.chars().count())
            && t.chars().all(char::is_uppercase)
            && self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.s.starts_with(|ch: char| ch.is_ascii_digit()));
        let opens_line = k == 0
            || super::agree::has_newline(self.text, self.toks[k - 1].end, self.toks[k].start);
        if (acronym || capitalized && opens_line && next_lower(self)) && !self.has(k, NAME_LISTS) {
            return false;
        }
        if !self.name_in_its_own_script(k, capitalized) {
            // "서산시, 01339": a Korean city or county before a postcode.
            if self.korean_place_before_postcode(k) {
                self.remove_toks(k, k, Kind::City, "city before a postcode");
                if self.toks[k + 1].class == Class::Plain {
                    self.remove_toks(k + 1, k + 1, Kind::Zip, "postcode after a city");
                }
                return true;
            }
            return false;
        }
        let mut end = k;
        // A Korean name is one word; in a Korean sentence the next words are the sentence's.
        let korean = first.is_some_and(hangul) && self.native_sentence(k);
        while !korean
            && end + 1 < self.toks.len()
            && end - k < 3
            && matches!(self.toks[end].after, b' ' | b',')
            && self.toks[end + 1].class == Class::Plain
            && self.has(end + 1, flag::NON_LATIN)
            && self.same_sentence(k, end + 1)
        {
            end += 1;
        }
        self.remove_toks(k, end, Kind::Name, "name in a non-Latin script");
        true
    }

    /// `서산시, 01339`: a word of two to five Hangul syllables ending in the word for a city
    /// or a county (`시`, `군`), then the five digits of a Korean postcode on the same line.
    fn korean_place_before_postcode(&self, k: usize) -> bool {
        let t = self.toks[k].s;
        let n = t.chars().count();
        (2..=5).contains(&n)
            && t.chars().all(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
            && t.ends_with(['시', '군'])
            && self.toks.get(k + 1).is_some_and(|next| {
                next.s.len() == 5
                    && next.s.bytes().all(|b| b.is_ascii_digit())
                    && !super::agree::has_newline(self.text, self.toks[k].end, next.start)
            })
    }

    /// A person's name in a script without case (Arabic, Hebrew, Devanagari, Thai...)
    /// opening at `k` after a role word: the words of that script up to a comma, a bracket,
    /// a word of another script or the end of the line. A Thai name is a given name and a
    /// family name; an Arabic one may run on through `bin`, `al`, `abu`.
    /// Also says whether the run ended on its own (at punctuation, another script or the
    /// line's end) rather than at the most words a name takes.
    pub(super) fn caseless_name_run(&self, k: usize) -> Option<(usize, bool)> {
        let script = |i: usize| {
            let t = &self.toks[i];
            let first = t.s.chars().next()?;
            // Past 32 bytes a word is on no list, and flagged so: a long word of a
            // caseless script may still be a name.
            let never = t.flags & flag::NEVER != 0 && t.s.len() <= 32;
            let ok = t.class == Class::Plain
                && t.flags & flag::NON_LATIN != 0
                && t.flags & flag::CUE == 0
                && !never
                && !first.is_uppercase()
                && (!first.is_lowercase() || georgian(first))
                && !cjk(first);
            // Arabic and the letters Persian and Urdu add (`چ`, `گ`, `ی`, `ہ`) span two
            // blocks of 128: one script.
            // Ethiopic (`ሳባ`, `ዳዊት`), Tibetan and Burmese each span more than one block of
            // 128 too.
            let block = match first {
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => 0x0600 >> 7,
                '\u{1200}'..='\u{139F}' => 0x1200 >> 7,
                '\u{0F00}'..='\u{0FFF}' => 0x0F00 >> 7,
                '\u{1000}'..='\u{109F}' => 0x1000 >> 7,
                _ => u32::from(first) >> 7,
            };
            ok.then_some(block)
        };
        if k >= self.toks.len() {
            return None;
        }
        let block = script(k)?;
        let thai = block == 0x0E00 >> 7;
        let arabic = block == 0x0600 >> 7;
        let mut end = k;
        let mut most = if thai { 1 } else { 3 };
        // "દર્દી મીના દેસાઈ એ ફરિયાદ કરી": a case particle or a "that" after the name ends it.
        if caseless_particle(self.toks[k].s) {
            return None;
        }
        while end - k < most
            && end + 1 < self.toks.len()
            && self.toks[end].after == b' '
            && self.toks[end].trail == 0
            && self.same_sentence(k, end + 1)
            && self.spaces_between(end, end + 1)
            && script(end + 1) == Some(block)
        {
            if caseless_particle(self.toks[end + 1].s) {
                return Some((end, true));
            }
            end += 1;
            if arabic
                && matches!(
                    self.toks[end].s,
                    "بن" | "بنت" | "آل" | "أبو" | "ابن" | "عبد"
                )
            {
                most = 6;
            }
        }
        let closed = end - k < most
            || self.toks[end].after != b' '
            || self.toks[end].trail != 0
            || end + 1 >= self.toks.len()
            || !self.same_sentence(end, end + 1)
            || script(end + 1) != Some(block);
        Some((end, closed))
    }

    /// `User jdoe7 (Jane Doe)`, `Użytkownik u4411 (Ewa Nowak)`, `المستخدم u0159 (...)`: the
    /// word "user" in some language, an account, and in brackets right after it the
    /// account holder's name. The bracketed words go as a name when they are in a script
    /// without case or one of them is a listed name; the account goes as a user name.
    pub(super) fn user_then_name(&mut self, k: usize) -> bool {
        let (n, p) = (k + 1, k + 2);
        if p >= self.toks.len()
            || self.toks[k].after != b' '
            || self.toks[k].trail != 0
            || self.text.get(self.toks[n].end..self.toks[p].start) != Some(" (")
            || !matches!(
                self.toks[n].class,
                Class::Plain | Class::Removed | Class::IdLike
            )
        {
            return false;
        }
        let mut buf = [0u8; 32];
        let user_word = self.lw(k, &mut buf).is_some_and(|l| {
            matches!(
                l,
                "user"
                    | "utilisateur"
                    | "usuario"
                    | "usuário"
                    | "utente"
                    | "benutzer"
                    | "gebruiker"
                    | "użytkownik"
                    | "uživatel"
                    | "používateľ"
                    | "utilizator"
                    | "utilizatorul"
                    | "pengguna"
                    | "kullanıcı"
                    | "felhasználó"
                    | "käyttäjä"
                    | "användare"
                    | "bruker"
                    | "bruger"
                    | "пользователь"
                    | "Пользователь"
                    | "користувач"
                    | "Користувач"
                    | "χρήστης"
                    | "Χρήστης"
                    | "משתמש"
                    | "המשתמש"
                    | "المستخدم"
                    | "مستخدم"
                    | "ผู้ใช้"
                    | "उपयोगकर्ता"
                    | "ユーザー"
                    | "사용자"
                    | "用户"
                    | "用戶"
            )
        });
        if !user_word {
            return false;
        }
        let word = |e: &Self, i: usize| {
            e.toks[i].class == Class::Plain
                && (e.name_part(i)
                    || e.has(i, flag::NON_LATIN)
                        && e.toks[i]
                            .s
                            .chars()
                            .next()
                            .is_some_and(|ch| !ch.is_lowercase()))
        };
        let mut end = p;
        if !word(self, p) {
            return false;
        }
        while end - p < 5
            && end + 1 < self.toks.len()
            && self.toks[end].after == b' '
            && self.toks[end].trail == 0
            && self.same_sentence(p, end + 1)
            && word(self, end + 1)
        {
            end += 1;
        }
        if self.text.as_bytes().get(self.toks[end].end) != Some(&b')') {
            return false;
        }
        // The account built from one of the words (`kusyka` for "Andrzej Kusyk").
        let login = self.toks[n].s.to_lowercase();
        let built = (p..=end).any(|i| {
            let w = self.toks[i].s.to_lowercase();
            let stem: String = w.chars().take(5).collect();
            w.chars().count() >= 4 && login.contains(&stem)
        });
        let vouched = built
            || (p..=end).all(|i| self.has(i, flag::NON_LATIN))
            || (p..=end)
                .any(|i| self.has(i, NAME_LISTS) || super::listed_name(self.v, self.toks[i].s));
        if !vouched {
            return false;
        }
        if self.toks[n].class != Class::Removed {
            self.remove_toks(n, n, Kind::User, "account before its holder's name");
        }
        self.remove_toks(
            p,
            end,
            Kind::Name,
            "account holder's name after the account",
        );
        true
    }

    /// A caller ID's display name: `"Ann Roe" <4411>`, `"Ann Roe" <sip:4411@pbx>` as SIP
    /// headers, PBX call records and softphone logs write a caller; in a CSV cell the quotes
    /// come escaped (`\"Ann Roe\" <4411>`). Two to four capitalized words, or one listed
    /// name, between the quotes.
    pub(super) fn caller_id_name(&mut self, k: usize) -> bool {
        let b = self.text.as_bytes();
        let t = &self.toks[k];
        if t.start == 0 || b[t.start - 1] != b'"' {
            return false;
        }
        // The length of a word without the backslash of an escaped closing quote.
        let core = |s: &str| s.len() - usize::from(s.ends_with('\\'));
        let word = |e: &Self, i: usize| {
            i < e.toks.len()
                && e.toks[i].class == Class::Plain
                && c::is_cap_word(&e.toks[i].s[..core(e.toks[i].s)])
                && !e.has(i, flag::NEVER | flag::CUE | flag::THREAT)
        };
        if !word(self, k) {
            return false;
        }
        let mut end = k;
        while end - k < 3
            && self.toks[end].after == b' '
            && core(self.toks[end].s) == self.toks[end].s.len()
            && word(self, end + 1)
        {
            end += 1;
        }
        let stop = self.toks[end].start + core(self.toks[end].s);
        let rest = &self.text[stop..];
        let rest = rest.strip_prefix('\\').unwrap_or(rest);
        let Some(rest) = rest.strip_prefix("\" <") else {
            return false;
        };
        let target = rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || ["sip:", "sips:", "tel:"]
                .iter()
                .any(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p));
        let named = end > k || self.has(k, NAME_LISTS);
        if !target || !named {
            return false;
        }
        let index = self.found.len();
        for t in &mut self.toks[k..=end] {
            t.class = Class::Removed;
            t.finding = index;
        }
        let start = self.toks[k].start;
        self.remove(start, stop, Kind::Name, "caller ID display name");
        true
    }

    /// "Palo Alto Networks", "Hill Systems": a company word right after a run of names
    /// makes it a company, not a person.
    fn company_after(&self, end: usize) -> bool {
        let n = end + 1;
        if n >= self.toks.len() || self.toks[end].after != b' ' || !self.same_sentence(end, n) {
            return false;
        }
        let mut buf = [0u8; 32];
        self.lw(n, &mut buf).is_some_and(|l| {
            matches!(
                l,
                "networks"
                    | "systems"
                    | "technologies"
                    | "technology"
                    | "software"
                    | "labs"
                    | "solutions"
                    | "inc"
                    | "llc"
                    | "ltd"
                    | "corp"
                    | "corporation"
                    | "company"
                    | "associates"
                    | "partners"
                    | "group"
                    | "ransomware"
                    | "gang"
                    | "affiliate"
                    | "affiliates"
                    | "operators"
                    | "malware"
                    | "loader"
                    | "stealer"
                    | "botnet"
                    | "c2"
            )
        })
    }

    /// A name that ends in a comma may be `Last, First`: the given name after the comma
    /// joins it when it is a known given name or closes the line ("Patient: Uit de
    /// Willigen, Chloë").
    pub(super) fn with_given_after_comma(&self, end: usize) -> usize {
        let g = end + 1;
        if self.toks[end].after != b',' || !self.name_part(g) || !self.same_sentence(end, g) {
            return end;
        }
        // "Тијана Николовска, ЕМБГ 2707...": a word in capitals after a name written in
        // mixed case is the next field's label (an acronym), not a given name.
        let all_caps = |s: &str| {
            s.chars().filter(|ch| ch.is_alphabetic()).nth(1).is_some()
                && s.chars().all(|ch| !ch.is_lowercase())
        };
        if c::is_initial(self.toks[g].s) || all_caps(self.toks[g].s) && !all_caps(self.toks[end].s)
        {
            return end;
        }
        let (given, _, _) = self.known_name(g);
        let line_end = g + 1 >= self.toks.len() || !self.same_sentence(g, g + 1);
        // "Pt: Kowal, Idalia   MRN# ...", "patient Brook, Aster, DOB ...": a record's label
        // right after the given name says the pair is a person's.
        let id_follows = !line_end && ID_LABELS.contains(&self.toks[g + 1].s);
        if given || line_end || id_follows || !self.toks[g].s.is_ascii() {
            self.name_end(g)
        } else {
            end
        }
    }

    /// Is the word at `k` followed by a possessive `'s`?
    fn possessive_after(&self, k: usize) -> bool {
        let rest = &self.text.as_bytes()[self.toks[k].end..];
        rest.starts_with(b"'s") || rest.starts_with("’s".as_bytes())
    }

    /// "Faith Green reported", "Holly White's address": a pair of names that are also
    /// words, followed by what a person does or has.
    fn acts_as_person(&self, last: usize) -> bool {
        if self.possessive_after(last) {
            return true;
        }
        let n = last + 1;
        if n >= self.toks.len() || !self.same_sentence(last, n) {
            return false;
        }
        if self.toks[last].after == b',' {
            // "Victor Hill, admitted ...", "Penny Street, RN".
            let mut buf = [0u8; 32];
            return self.lw(n, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "admitted" | "rn" | "md" | "dob" | "born" | "age" | "aged"
                )
            });
        }
        let mut buf = [0u8; 32];
        self.toks[last].after == b' '
            && self.lw(n, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "reported"
                        | "noticed"
                        | "confirmed"
                        | "said"
                        | "called"
                        | "asked"
                        | "wrote"
                        | "signed"
                        | "opened"
                        | "received"
                        | "clicked"
                        | "stated"
                        | "agreed"
                        | "approved"
                        | "was"
                        | "has"
                        | "had"
                        | "is"
                        | "phoned"
                        | "emailed"
                        | "forwarded"
                        | "replied"
                        | "logged"
                        | "found"
                        | "saw"
                        | "told"
                )
            })
    }

    /// A field label: a word ending in `:` that opens its line ("Von:", "Home:").
    fn is_label(&self, k: usize) -> bool {
        self.toks[k].trail == b':' && (k == 0 || self.toks[k - 1].sent != self.toks[k].sent)
    }

    /// A label of two or three lowercase-led words opening its line: "Reporting party:",
    /// "Patient name:" (the first word capitalized, the others not, so "Ann Lee:" is not).
    fn long_label(&self, k: usize) -> bool {
        let opens = |i: usize| i == 0 || self.toks[i - 1].sent != self.toks[i].sent;
        let lower = |i: usize| {
            self.toks[i]
                .s
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        };
        self.toks[k].trail == b':'
            && (1..3).any(|back| {
                k >= back
                    && opens(k - back)
                    && (k - back + 1..=k)
                        .all(|i| lower(i) && self.toks[i].sent == self.toks[k].sent)
            })
    }

    /// "HILL, DANNY", "VAN BERGEN, JUSTIN", "ŁYCZEK, DOROTA" after a label: capital words,
    /// a comma, capital words, then the end of the line.
    fn caps_last_first(&mut self, k: usize) -> bool {
        let caps = |e: &Self, i: usize| {
            i < e.toks.len()
                && e.toks[i].class == Class::Plain
                && e.toks[i]
                    .s
                    .chars()
                    .all(|c| c.is_uppercase() || c == '-' || c == '\'')
                && e.toks[i].s.chars().count() >= 2
                && !(e.toks[i].s.len() == 2 && e.has(i, flag::STATE_CODE))
                && !ID_LABELS.contains(&e.toks[i].s)
        };
        // Most words are no capitals: nothing else is read for them.
        if !caps(self, k) {
            return false;
        }
        // After a label ("Patient:") or a role word opening the line ("Pt MOORE, AMY").
        let opens_line = k > 0
            && (self.is_label(k - 1)
                || self.long_label(k - 1)
                || self.has(k - 1, flag::CUE)
                    && (k < 2 || !self.same_sentence(k - 2, k - 1))
                    && self.same_sentence(k - 1, k));
        // A cell of a `|` or tab separated log line ("| Badge 4471 | HOOD, MELISSA").
        let cell = |e: &Self, a: usize, b: usize| {
            e.text
                .get(a..b)
                .is_some_and(|g| g.contains(" | ") || g.contains('\t'))
        };
        let opens_line =
            opens_line || k > 0 && cell(self, self.toks[k - 1].end, self.toks[k].start);
        let mut end = k;
        while end - k < 5 && caps(self, end + 1) && self.same_sentence(k, end + 1) {
            if !matches!(self.toks[end].after, b' ' | b',') {
                break;
            }
            end += 1;
        }
        let comma = (k..end).any(|i| self.toks[i].after == b',');
        let next = end + 1;
        let line_end = next >= self.toks.len() || !self.same_sentence(end, next);
        // "KOSNO, ELA DEA BK98…", "BUTRYM, FILIP DOB 1963…": an identifier's label right
        // after says whose it is, wherever the name stands.
        let id_follows = next < self.toks.len()
            && self.same_sentence(end, next)
            && ID_LABELS.contains(&self.toks[next].s);
        // A column gap ("RUSSELL   DOB") or a clause (", employed by") ends the name too.
        let gap = self
            .text
            .get(self.toks[end].end..self.toks.get(next).map_or(self.text.len(), |t| t.start))
            .unwrap_or("");
        let field_end = gap.contains("  ")
            || gap.contains('\t')
            || gap.contains(" | ")
            || gap.starts_with(", ")
                && self
                    .toks
                    .get(next)
                    .is_some_and(|t| t.s.chars().next().is_some_and(char::is_lowercase));
        // "in DRAVEK, OSWIN's chart": a possessive says the words are a person.
        let owned = comma && self.possessive_after(end);
        // "used by TRELL, MARISKA in 5N", "for OKAFOR, NNEKA (MRN ...)": in running prose,
        // after a lowercase word, one capitals word, a comma and one more (perhaps with an
        // initial) that are neither dictionary words, cues nor two places, one of them on a
        // name list or written with letters beyond ASCII.
        let prose = comma
            && k > 0
            && self.toks[k].after == b','
            && (end == k + 1
                || end == k + 2
                    && self.toks[end].s.chars().count() == 1
                    && self.toks[k + 1].after == b' ')
            && self.toks[k - 1].after == b' '
            && self.same_sentence(k - 1, k)
            && self.toks[k - 1].s.chars().count() >= 2
            && self.toks[k - 1].s.chars().all(char::is_lowercase)
            && self.text.get(self.toks[k].end..self.toks[k + 1].start) == Some(", ")
            && (k..=k + 1).all(|i| {
                !self.has(
                    i,
                    flag::COMMON | flag::NEVER | flag::CUE | flag::STOP | flag::FILLER,
                )
            })
            && (k..=k + 1).any(|i| self.has(i, NAME_LISTS) || !self.toks[i].s.is_ascii())
            && !(self.has(k, flag::PLACE) && self.has(k + 1, flag::PLACE));
        if !(comma && (id_follows || owned || prose || opens_line && (line_end || field_end))) {
            return false;
        }
        self.remove_toks(
            k,
            end,
            Kind::Name,
            "SURNAME, GIVEN NAME in capitals after a label",
        );
        true
    }
}

impl Engine<'_> {
    /// `Ewen Roche <eroche@example.org>`, `"Roche, Ewen" <...>`, `森島 ほのか <...>`: the
    /// words right before an address in angle brackets are its owner's display name.
    pub(super) fn display_names(&mut self) {
        let bytes = self.text.as_bytes();
        for k in 1..self.toks.len() {
            let t = &self.toks[k];
            if t.start == 0 || bytes[t.start - 1] != b'<' || !t.s.contains('@') {
                continue;
            }
            let name_word = |e: &Self, i: usize| {
                let s = e.toks[i].s;
                matches!(e.toks[i].class, Class::Plain | Class::Threat)
                    && s.chars().next().is_some_and(|ch| {
                        ch.is_uppercase() || ch.is_alphabetic() && !ch.is_lowercase()
                    })
                    && s.chars()
                        .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '’' | '.'))
                    && !e.has(i, flag::CUE | flag::NEVER)
            };
            let gap_ok = |e: &Self, a: usize, b: usize, last: bool| {
                let between = e.text.get(e.toks[a].end..e.toks[b].start).unwrap_or("");
                if last {
                    matches!(between, " <" | "<" | "\" <" | "' <")
                } else {
                    matches!(between, " " | ", " | ". ")
                }
            };
            let mut first = k;
            while first > 0
                && k - first < 6
                && (name_word(self, first - 1)
                    || first < k
                        && (self.particle(first - 1)
                            || self.is_word(first - 1, "an")
                            || self.is_word(first - 1, "op")
                            || self.is_word(first - 1, "ten")))
                && gap_ok(self, first - 1, first, first == k)
            {
                first -= 1;
            }
            // "van der Laarse <...>" after a label: the particles belong to the name only
            // when a capitalized word opens it.
            while first < k && !name_word(self, first) {
                first += 1;
            }
            // `"Roche, Ewen"`: the opening quote sits before the first word.
            if first < k {
                self.remove_toks(first, k - 1, Kind::Name, "display name before an address");
            }
        }
    }
}

impl Engine<'_> {
    /// "Akira Sullivan", "Royal Hughes": a threat name followed by a known surname is a
    /// person's given name.
    fn threat_word_as_name(&mut self, k: usize) -> bool {
        let n = k + 1;
        let ok = c::is_cap_word(self.toks[k].s)
            && self.toks[k].after == b' '
            && self.name_part(n)
            && self.same_sentence(k, n)
            && self.has(n, flag::SURNAME | flag::CENSUS_SURNAME)
            && !self.has(n, flag::COMMON | flag::NAME_WORD)
            && !self.company_after(n);
        if ok {
            let end = self.name_end(n);
            self.remove_toks(k, end, Kind::Name, "given name and known surname");
        }
        ok
    }

    /// `Last, First` (`Perin, Lucete`, `de Avila, Ema`, `Tunçeri, Aybike`): two capitalized
    /// words around a comma, not inside a list of three or more, with a name list or
    /// letters beyond ASCII on one side, or a person's context after them (a date, a
    /// record number, a parenthesis, "that", a verb). Returns the first and last token.
    fn last_comma_first(&self, k: usize) -> Option<(usize, usize)> {
        let g = k + 1;
        let t = &self.toks[k];
        if t.after != b','
            || !c::is_cap_word(t.s)
            || self.never_name(k) && !self.has(k, NAME_LISTS)
            || self.has(k, flag::CUE)
            || g >= self.toks.len()
            || !self.same_sentence(k, g)
            || !self.name_part(g)
            || c::is_initial(self.toks[g].s)
            || self.has(g, flag::CUE)
            || self.is_state_at(g)
            || self.text.get(t.end..self.toks[g].start) != Some(", ")
        {
            return None;
        }
        // "de Avila, Ema": particles before the surname belong to it.
        let mut start = k;
        while start > 0
            && k - start < 2
            && self.toks[start - 1].after == b' '
            && self.same_sentence(start - 1, k)
            && self.toks[start - 1].class == Class::Plain
            && (self.particle(start - 1)
                || self.is_word(start - 1, "an")
                || self.is_word(start - 1, "op"))
        {
            start -= 1;
        }
        let end = self.name_end(g);
        if self.in_comma_list(start, end) {
            return None;
        }
        let places = self.has(k, flag::PLACE) && self.has(g, flag::PLACE);
        let listed = (self.has(k, NAME_LISTS)
            || self.has(g, NAME_LISTS)
            || !t.s.is_ascii()
            || !self.toks[g].s.is_ascii())
            && !places;
        listed
            .then_some((start, end))
            .or_else(|| self.person_context_after(end).then_some((start, end)))
    }

    /// `,"ESPOSITO, ADELE",` `,"Mude, Rochus",`: a cell of a delimited row, quoted because it
    /// holds a comma, that is nothing but a word, a comma and a word (and perhaps an
    /// initial), written alike (both capitalised or both in capitals). Export tools write a
    /// person's name this way; two places (`"Paris, France"`), a state, or ordinary or
    /// field words stay. Returns the last token of the name.
    fn quoted_cell_last_first(&self, k: usize) -> Option<usize> {
        let g = k + 1;
        let t = &self.toks[k];
        let b = self.text.as_bytes();
        let opens = t.start >= 1
            && b[t.start - 1] == b'"'
            && (t.start == 1 || matches!(b[t.start - 2], b',' | b';' | b'\t' | b'\n'));
        if !opens
            || t.after != b','
            || g >= self.toks.len()
            || self.toks[g].class != Class::Plain
            || t.class != Class::Plain
            || self.text.get(t.end..self.toks[g].start) != Some(", ")
        {
            return None;
        }
        // An initial may follow the given name: `"Rollins, Annette A"`.
        let mut end = g;
        if g + 1 < self.toks.len()
            && self.toks[g].after == b' '
            && self.toks[g + 1].s.chars().count() == 1
            && self.toks[g + 1].s.chars().all(char::is_uppercase)
        {
            end = g + 1;
        }
        let closes = b.get(self.toks[end].end) == Some(&b'"')
            && matches!(
                b.get(self.toks[end].end + 1),
                None | Some(b',' | b';' | b'\t' | b'\n' | b'\r')
            );
        let word = |s: &str| {
            let mut cs = s.chars();
            cs.next().is_some_and(char::is_uppercase)
                && s.chars().count() >= 2
                && s.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        };
        let caps = |s: &str| s.chars().all(|c| !c.is_lowercase());
        let (a, z) = (t.s, self.toks[g].s);
        let alike = word(a) && word(z) && caps(a) == caps(z);
        // Names only: a word that is also an ordinary one (`Warning`, `Hope`) is no signal.
        let strict = flag::GIVEN | flag::SURNAME | flag::CENSUS_GIVEN | flag::CENSUS_SURNAME;
        let ordinary =
            flag::COMMON | flag::NAME_WORD | flag::STOP | flag::NEVER | flag::CUE | flag::MONTH;
        let plain = |i: usize| self.has(i, ordinary) && !self.has(i, strict);
        // One of the two words is on a name list (a census surname or given name, here or
        // folded from another script), and a place is never one half.
        let listed = |i: usize| self.has(i, strict) || super::listed_name(self.v, self.toks[i].s);
        let named = (listed(k) || listed(g) || self.column_of_names(t.start - 1))
            && (listed(k) || !self.has(k, flag::PLACE))
            && (listed(g) || !self.has(g, flag::PLACE));
        if !closes
            || !alike
            || !named
            || plain(k)
            || plain(g)
            || self.has(k, flag::PLACE) && self.has(g, flag::PLACE)
            || self.has(g, flag::STATE_CODE | flag::STATE_FIRST)
            || self.is_state_at(g)
        {
            return None;
        }
        Some(end)
    }

    /// Whether the quoted cell opening at byte `q` has, in the same column of the line
    /// before or after, another quoted `Word, Word` cell: a column of people's names in an
    /// export, so a name no list holds goes too.
    fn column_of_names(&self, q: usize) -> bool {
        let text = self.text;
        let line_start = text[..q].rfind('\n').map_or(0, |p| p + 1);
        let column = |line: &str, upto: usize| {
            let mut quoted = false;
            let mut n = 0;
            for b in line.as_bytes()[..upto].iter() {
                match b {
                    b'"' => quoted = !quoted,
                    b',' if !quoted => n += 1,
                    _ => {}
                }
            }
            n
        };
        let want = column(&text[line_start..], q - line_start);
        let cell_at = |line: &str| {
            let mut quoted = false;
            let mut n = 0;
            for (i, b) in line.bytes().enumerate() {
                if n == want && b == b'"' && !quoted {
                    let rest = &line[i + 1..];
                    let Some(close) = rest.find('"') else {
                        return false;
                    };
                    let cell = &rest[..close];
                    return cell.split_once(", ").is_some_and(|(a, z)| {
                        let w = |s: &str| {
                            s.chars().next().is_some_and(char::is_uppercase)
                                && s.chars().count() >= 2
                                && s.chars().all(|c| c.is_alphabetic() || c == '-' || c == ' ')
                        };
                        w(a) && w(z)
                    });
                }
                match b {
                    b'"' => quoted = !quoted,
                    b',' if !quoted => n += 1,
                    _ => {}
                }
                if n > want {
                    return false;
                }
            }
            false
        };
        let before = text[..line_start.saturating_sub(1)]
            .rsplit('\n')
            .next()
            .filter(|_| line_start > 0);
        let after = text[q..]
            .split_once('\n')
            .and_then(|(_, r)| r.split('\n').next());
        before.is_some_and(cell_at) || after.is_some_and(cell_at)
    }

    /// "Paris, Berlin, Rome": the words `start..=end` are one item of a comma list.
    fn in_comma_list(&self, start: usize, end: usize) -> bool {
        let before_list = start > 0
            && self.toks[start - 1].after == b','
            && c::is_cap_word(self.toks[start - 1].s)
            && self.same_sentence(start - 1, start);
        let after_list = self.toks[end].after == b','
            && end + 1 < self.toks.len()
            && c::is_cap_word(self.toks[end + 1].s)
            && self.same_sentence(end, end + 1);
        before_list || after_list
    }

    /// What follows a name that makes it a person's: the end of the line, a date or record
    /// number, a parenthesis or semicolon, "that", or a verb of what people do.
    fn person_context_after(&self, end: usize) -> bool {
        let n = end + 1;
        if n >= self.toks.len() || !self.same_sentence(end, n) {
            return self.toks[end].trail != b':';
        }
        let between = self
            .text
            .get(self.toks[end].end..self.toks[n].start)
            .unwrap_or("");
        if between.contains(['(', ')', ';']) {
            return true;
        }
        if self.toks[n].class == Class::Removed
            && self
                .found
                .get(self.toks[n].finding)
                .is_some_and(|f| matches!(f.kind, Kind::Date | Kind::Mrn | Kind::Ssn))
        {
            return true;
        }
        let mut buf = [0u8; 32];
        self.has(n, flag::CUE) && self.toks[n].s.bytes().all(|b| b.is_ascii_uppercase())
            || self.lw(n, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "that"
                        | "came"
                        | "says"
                        | "said"
                        | "is"
                        | "was"
                        | "has"
                        | "had"
                        | "called"
                        | "reported"
                        | "confirmed"
                        | "asked"
                        | "wrote"
                        | "agreed"
                )
            })
    }

    /// "Hazel's daughter", "Oralee's chart": a capitalized word owning a relative or a
    /// record is a person's name.
    fn possessed_by_person(&mut self, k: usize) -> bool {
        let t = self.toks[k].s;
        let n = k + 1;
        if !c::is_cap_word(t)
            || self.never_name(k) && !self.has(k, NAME_LISTS)
            || self.has(k, flag::CUE)
            || !self.possessive_after(k)
            || n >= self.toks.len()
            || !self.same_sentence(k, n)
        {
            return false;
        }
        let mut buf = [0u8; 32];
        let owned = self.relation(n)
            || self.lw(n, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "record"
                        | "records"
                        | "chart"
                        | "mrn"
                        | "dob"
                        | "address"
                        | "phone"
                        | "family"
                        | "children"
                        | "kids"
                        | "husband"
                        | "wife"
                        | "room"
                        | "bed"
                        | "medication"
                        | "medications"
                        | "diagnosis"
                        | "insurance"
                )
            });
        if owned {
            let mut start = k;
            while start > 0
                && k - start < 2
                && self.toks[start - 1].after == b' '
                && self.same_sentence(start - 1, k)
                && self.name_part(start - 1)
                && !self.has(start - 1, flag::CUE)
            {
                start -= 1;
            }
            self.remove_toks(start, k, Kind::Name, "name owning a relative or a record");
        }
        owned
    }

    /// A listed name alone at the start of a line before a comma ("Sage, the message ...",
    /// "Bill,") or alone at the end of a line after a finished sentence ("... block it.
    /// Sage"): a message addressed or signed.
    /// "Hi, this is Brandy from the clinic", "my name is Tomas Ruiz, calling about":
    /// a given name on the public lists that a speaker introduces themself with, then
    /// "from", "at", "with", "calling" or "here" (or a comma), is the speaker's name, with
    /// any capitalized words that follow it. "This is Mercy Hospital calling" has no
    /// such word right after the given name and is left to the other rules.
    fn introduced(&mut self, k: usize) -> bool {
        if k < 2
            || !self.has(k, flag::GIVEN | flag::CENSUS_GIVEN | flag::NAME_WORD)
            || self.has(k, flag::CUE | flag::STOP)
            || self.never_name(k)
            || !c::is_cap_word(self.toks[k].s)
            || !self.same_sentence(k - 2, k)
        {
            return false;
        }
        let intro = self.is_word(k - 1, "is")
            && (self.is_word(k - 2, "this") || self.is_word(k - 2, "name"))
            || self.is_word(k - 1, "i'm");
        if !intro || self.toks[k - 2].trail != 0 || self.toks[k - 1].trail != 0 {
            return false;
        }
        // The words after the given name must be on the surname lists: "Mercy Hospital"
        // is no person.
        let mut end = k;
        let last = self.name_end(k);
        while end < last
            && self.has(end + 1, flag::SURNAME | flag::CENSUS_SURNAME)
            && !self.has(end + 1, flag::CUE | flag::STOP)
        {
            end += 1;
        }
        if end < last {
            return false;
        }
        let next = end + 1;
        let follows = self.toks[end].trail == b','
            || next < self.toks.len()
                && self.same_sentence(end, next)
                && ["from", "at", "with", "calling", "here"]
                    .iter()
                    .any(|w| self.is_word(next, w));
        if follows {
            self.remove_toks(
                k,
                end,
                Kind::Name,
                "name a speaker introduces themself with",
            );
        }
        follows
    }

    fn vocative(&mut self, k: usize) -> bool {
        let t = &self.toks[k];
        let listed = self.has(
            k,
            flag::GIVEN | flag::CENSUS_GIVEN | flag::NAME_WORD | flag::COMMON,
        ) || !t.s.is_ascii() && c::is_cap_word(t.s);
        if !listed || self.has(k, flag::CUE | flag::STOP) || self.never_name(k) {
            return false;
        }
        let bytes = self.text.as_bytes();
        // Only blanks and quote marks between the line's start and the word.
        let opens = bytes[..self.toks[k].start]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|&b| matches!(b, b' ' | b'>' | b'\t'));
        let next_lower = k + 1 >= self.toks.len()
            || !self.same_sentence(k, k + 1)
            || self.toks[k + 1].s.starts_with(|ch: char| ch.is_lowercase());
        let addressed = opens && t.after == b',' && next_lower;
        // Only blanks between the word and the line's end, and the sentence before it
        // finished on the same line.
        let ends_line = bytes[self.toks[k].end..]
            .iter()
            .take_while(|&&b| b != b'\n')
            .all(|&b| b == b' ' || b == b'\t' || b == b'\r');
        let closes = k > 0
            && self.toks[k - 1].trail == b'.'
            && ends_line
            && !bytes[self.toks[k - 1].end..self.toks[k].start].contains(&b'\n');
        let signed = closes && t.trail == 0;
        if addressed || signed {
            self.remove_toks(k, k, Kind::Name, "name addressed or signing a message");
        }
        addressed || signed
    }
}

impl Engine<'_> {
    /// `DOE^JANE^Q`: a person's name in HL7's and DICOM's encoding (family, given, middle
    /// separated by carets), as interface-engine and PACS logs quote it outside a segment.
    /// The parts are letters only (`ADT^A01` is a message type) and one of them is on the
    /// public name lists (`PRN^PH` is a phone's use code).
    pub(super) fn caret_name(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        if !s.bytes().any(|b| b == b'^') || !self.open(k) {
            return false;
        }
        let parts: Vec<&str> = s.split('^').collect();
        let letters = |p: &str| {
            p.chars()
                .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'') || super::script_mark(ch))
        };
        if !(2..=5).contains(&parts.len())
            || parts[0].chars().count() < 2
            || !parts.iter().all(|p| letters(p))
        {
            return false;
        }
        let listed = parts
            .iter()
            .filter(|p| !p.is_empty())
            .any(|p| super::listed_name(self.v, p));
        // `गुप्ता^दीपक`, `כהן^דנה`: components in a script without case, which no list holds.
        let caseless = |p: &str| {
            p.chars().next().is_some_and(|ch| {
                ch.is_alphabetic() && !ch.is_ascii() && !ch.is_uppercase() && !ch.is_lowercase()
            }) && p
                .chars()
                .all(|ch| (ch.is_alphabetic() || super::script_mark(ch)) && !super::is_latin(ch))
        };
        let foreign = parts.iter().filter(|p| !p.is_empty()).all(|p| caseless(p));
        if !(listed || foreign) {
            return false;
        }
        // A component of two words (`DA COSTA^ANA`, `ROE^ANA MARIA]`): a particle before the
        // token, and a word after it that the value's closing bracket, quote or field
        // separator ends.
        let mut first = k;
        while first > 0
            && k - first < 2
            && self.toks[first - 1].after == b' '
            && self.particle(first - 1)
            && self.same_sentence(first - 1, k)
        {
            first -= 1;
        }
        let n = k + 1;
        let closes = |e: &Self, i: usize| {
            matches!(
                e.text.as_bytes().get(e.toks[i].end),
                Some(b']' | b'"' | b'|' | b'^' | b'\'')
            )
        };
        let last = if !closes(self, k)
            && n < self.toks.len()
            && self.toks[k].after == b' '
            && self.name_part(n)
            && self.toks[n].s.chars().all(char::is_alphabetic)
            && closes(self, n)
        {
            n
        } else {
            k
        };
        self.remove_toks(first, last, Kind::Name, "name in HL7 or DICOM encoding");
        true
    }

    /// `KING Samantha (580) ...`, `Follow-up - DIAZ Michael (MRN ...)`: a surname in
    /// capitals and a given name as written, without a cue, when the lists know both (the
    /// surname on a surname list, the given name on a given-name list) and the run stops
    /// there: at a bracket, a comma, a number or the line's end.
    pub(super) fn caps_surname_first(&mut self, k: usize) -> bool {
        let n = k + 1;
        // Cheap first: most tokens are no word in capitals followed by one.
        if n >= self.toks.len()
            || self.toks[k].after != b' '
            || self.toks[k].trail != 0
            || !self.toks[k].s.as_bytes()[0].is_ascii_uppercase() && self.toks[k].s.is_ascii()
            || !self.caps_name_word(k)
            || !self.name_part(n)
            || !c::is_cap_word(self.toks[n].s)
            || !self.same_sentence(k, n)
            || !self.spaces_between(k, n)
        {
            return false;
        }
        // Not inside a heading in capitals (`URGENT NOTICE Mary ...`).
        if k > 0 && self.same_sentence(k - 1, k) && self.caps_name_word(k - 1) {
            return false;
        }
        let surname = self.has(k, flag::SURNAME | flag::CENSUS_SURNAME)
            || self.has(k, flag::NAME_WORD) && self.has(n, flag::GIVEN);
        let given = self.has(n, flag::GIVEN | flag::CENSUS_GIVEN);
        if !surname
            || !given
            || self.has(k, flag::NEVER | flag::STOP | flag::MONTH)
            || self.has(n, flag::CUE | flag::MONTH)
        {
            return false;
        }
        let t = &self.toks[n];
        let next_word = self
            .toks
            .get(n + 1)
            .filter(|_| self.same_sentence(n, n + 1));
        let closes = matches!(t.after, b',' | b'(' | b'\n' | b')' | b'"')
            || t.trail != 0
            || next_word.is_none_or(|w| {
                self.text[t.end..w.start].contains('(')
                    || w.s.starts_with(|ch: char| ch.is_ascii_digit() || ch == '+')
            });
        if !closes {
            return false;
        }
        self.remove_toks(k, n, Kind::Name, "surname in capitals, given name");
        true
    }

    /// `MORRISON, HELEN`, `WILSON, MARGARET K`: a surname and a given name in capitals with the
    /// comma between them, as registration systems, lab and pharmacy interfaces and printed
    /// lists write a person; both must be on the public name lists (a heading such as
    /// `WARNING, SYSTEM` is not).
    pub(super) fn caps_surname_given(&mut self, k: usize) -> bool {
        // Cheap first: most words open with a lowercase letter or end without a comma.
        let t = &self.toks[k];
        if !(t.trail == b',' || t.after == b',')
            || t.s.len() < 2
            || !t.s.chars().next().is_some_and(char::is_uppercase)
        {
            return false;
        }
        let caps = |e: &Self, i: usize| {
            i < e.toks.len()
                && e.open(i)
                && e.toks[i].s.chars().nth(1).is_some()
                && e.toks[i]
                    .s
                    .chars()
                    .all(|ch| ch.is_uppercase() || matches!(ch, '-' | '\''))
        };
        let on = |e: &Self, i: usize, bits: u32| {
            e.has(i, bits)
                || e.toks[i].s.contains('-')
                    && e.toks[i]
                        .s
                        .split('-')
                        .all(|part| super::listed_name(e.v, part))
        };
        let n = k + 1;
        // "MILLER, John": the surname in capitals, the given name as written; both listed,
        // the surname on a surname list proper (not a word that may be one).
        let mixed = |e: &Self| {
            n < e.toks.len()
                && e.open(n)
                && c::is_cap_word(e.toks[n].s)
                && e.has(k, flag::SURNAME | flag::CENSUS_SURNAME)
                && e.has(n, flag::GIVEN | flag::CENSUS_GIVEN)
        };
        if !caps(self, k)
            || !(self.toks[k].trail == b',' || self.toks[k].after == b',')
            || !(caps(self, n) || mixed(self))
            || !self.same_sentence(k, n)
            || super::agree::has_newline(self.text, self.toks[k].end, self.toks[n].start)
            || self.has(k, flag::NEVER | flag::CUE | flag::THREAT | flag::STATE_CODE)
            || self.has(n, flag::NEVER | flag::CUE | flag::THREAT | flag::STATE_CODE)
            || !on(self, n, flag::GIVEN | flag::CENSUS_GIVEN)
        {
            return false;
        }
        // A surname that is also a word (`CLAY, DANIEL`) counts before a given name of the
        // word list.
        let surname_bits = if self.has(n, flag::GIVEN) {
            flag::SURNAME | flag::CENSUS_SURNAME | flag::NAME_WORD
        } else {
            flag::SURNAME | flag::CENSUS_SURNAME
        };
        if !on(self, k, surname_bits) {
            return false;
        }
        // A middle initial on the same line.
        let m = n + 1;
        let end = if m < self.toks.len()
            && self.open(m)
            && self.toks[n].after == b' '
            && self.toks[m].s.len() == 1
            && self.toks[m].s.bytes().all(|b| b.is_ascii_uppercase())
            && !super::agree::has_newline(self.text, self.toks[n].end, self.toks[m].start)
        {
            m
        } else {
            n
        };
        self.remove_toks(k, end, Kind::Name, "surname, given name in capitals");
        true
    }
}

/// Georgian's everyday letters (Mkhedruli): Unicode counts them lowercase, but the script
/// writes names and sentences alike without capitals.
/// A word that follows a name in a script without case and is no part of it: the case
/// particles and postpositions of Gujarati, Marathi, Hindi, Punjabi, Bengali, Nepali,
/// Kannada and Urdu ("એ", "यांनी", "ने", "ਨੇ"...), and a word ending in Lao or Thai "that"
/// ("ແຈ້ງວ່າ", reported that).
fn caseless_particle(w: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "એ",
        "ને",
        "નો",
        "ની",
        "નું",
        "થી",
        "यांनी",
        "यांचे",
        "यांची",
        "यांना",
        "ने",
        "को",
        "का",
        "की",
        "के",
        "से",
        "ले",
        "ਨੇ",
        "ਦੀ",
        "ਦਾ",
        "ਦੇ",
        "ਨੂੰ",
        "ਤੋਂ",
        "এর",
        "কে",
        "ಅವರು",
        "ಅವರ",
        "അവർ",
        "நான்",
        "గారు",
        "نے",
        "کو",
        "کا",
        "کی",
        "کے",
        "သည်",
        "၏",
        // Sindhi: the genitive and dative after a name ("... جو رڪارڊ", the record of ...).
        "جو",
        "جي",
        "کي",
    ];
    PARTICLES.contains(&w) || w.ends_with("ວ່າ") || w.ends_with("ว่า")
}

pub(super) fn georgian(c: char) -> bool {
    ('\u{10D0}'..='\u{10FF}').contains(&c)
}

/// Han, kana and Hangul (syllables, letters, compatibility letters): the scripts whose names
/// are one to four characters.
/// Korean words for a patient, a relative or a member of staff, after which a name follows.
const KOREAN_PERSON_WORDS: &[&str] = &[
    "환자",
    "환자분",
    "환아",
    "아들",
    "딸",
    "남편",
    "아내",
    "부인",
    "어머니",
    "아버지",
    "엄마",
    "아빠",
    "보호자",
    "손자",
    "손녀",
    "할머니",
    "할아버지",
    "형",
    "누나",
    "언니",
    "오빠",
    "동생",
    "직원",
    "간호사",
    "의사",
    "수간호사",
    "원무과",
    "담당자",
    "담당",
    "작성자",
    "신고자",
    "성명",
    "이름",
    "고객",
    "수신자",
    "발신인",
    "받는사람",
];

/// The commonest Korean family names (one syllable each).
const KOREAN_SURNAMES: &str = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉";

/// Korean nouns that look like a name (a family-name syllable and two more), most of them
/// a person's role: never taken for one in a Korean sentence.
const KOREAN_ROLE_NOUNS: &[&str] = &[
    "선생님",
    "관리자",
    "사용자",
    "담당자",
    "간호사",
    "보호자",
    "신고자",
    "발신자",
    "수신자",
    "작성자",
    "요청자",
    "전문가",
    "운영자",
    "책임자",
    "개발자",
    "관계자",
    "교수님",
    "원장님",
    "팀장님",
    "과장님",
    "부장님",
    "실장님",
    "고객님",
    "이용자",
    "정보가",
    "이메일",
    "노트북",
    "조사관",
    "방문자",
    "기술자",
    "직원들",
    "환자들",
    "공격자",
    "해커가",
    "범죄자",
    "유출자",
];

/// Particles after a Korean name, the first ones only a person takes ("에게", to someone).
const KOREAN_PARTICLES: &[(&str, bool)] = &[
    ("에게서", true),
    ("에게도", true),
    ("에게는", true),
    ("에게", true),
    ("께서", true),
    ("한테", true),
    ("님께", true),
    ("님이", true),
    ("님의", true),
    ("님은", true),
    ("님", true),
    ("씨가", true),
    ("씨는", true),
    ("씨의", true),
    ("씨", true),
    ("께", true),
    ("이가", false),
    ("이는", false),
    ("이의", false),
    ("이", false),
    ("가", false),
    ("은", false),
    ("는", false),
    ("을", false),
    ("를", false),
    ("의", false),
    ("와", false),
    ("과", false),
    ("도", false),
];

/// `김정호`, `이지현이`, `이지후에게도`: a word that is a Korean name (a common family-name
/// syllable and two more) with at most one particle after it. `Some(true)` when the particle
/// is one only a person takes; `None` when the word has no such shape or is a role noun.
fn korean_name_core(word: &str) -> Option<bool> {
    if !word.starts_with(|c: char| KOREAN_SURNAMES.contains(c)) {
        return None;
    }
    let syllables = |w: &str| w.chars().all(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    if !syllables(word) {
        return None;
    }
    let name = |core: &str| core.chars().count() == 3 && !KOREAN_ROLE_NOUNS.contains(&core);
    // "정보를", "사건이": two syllables and a particle read as a noun, not as a name.
    let particle_last =
        word.ends_with(['를', '을', '가', '의', '에', '로', '와', '과', '는', '이']);
    if name(word) && !particle_last {
        return Some(false);
    }
    KOREAN_PARTICLES.iter().find_map(|&(p, person)| {
        let core = word.strip_suffix(p)?;
        name(core).then_some(person)
    })
}

/// A letter of the Korean alphabet (syllables and jamo).
fn hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}')
}

pub(super) fn cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3130}'..='\u{318F}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn korean_names_go_by_their_role_word_or_particle_and_other_korean_words_stay() {
        check(&[
            (
                "같은 메일이 외부 주소에서 최민준에게도 발송되었습니다.\n",
                "같은 메일이 외부 주소에서 [NAME] 발송되었습니다.\n",
            ),
            (
                "사고 보고: 환자 박서준, 등록번호 확인 후 보안팀에 보고했습니다.\n",
                "사고 보고: 환자 [NAME], 등록번호 확인 후 보안팀에 보고했습니다.\n",
            ),
            (
                "간호사가 한지민 환자의 차트를 열어 두었습니다.\n",
                "간호사가 [NAME] 환자의 차트를 열어 두었습니다.\n",
            ),
            // Short Korean words of a Korean sentence are no names.
            (
                "사고 기록: 노트북 분실, 환자 정보를 담은 파일이 있었고 원격 삭제를 완료했습니다.\n",
                "사고 기록: 노트북 분실, 환자 정보를 담은 파일이 있었고 원격 삭제를 완료했습니다.\n",
            ),
            ("반송된 우편은 서산시, 31900 우체국에서 보관합니다.\n", "반송된 우편은 [CITY], [ZIP] 우체국에서 보관합니다.\n"),
        ]);
    }

    #[test]
    fn a_quoted_cell_of_surname_comma_given_name_goes_and_places_stay() {
        check(&[
            (
                "4410,\"Quorvel, Brenda\",RN,Ward 3\n",
                "4410,\"[NAME]\",RN,Ward 3\n",
            ),
            (
                "40021,\"TRAMBOLI, OSVALDA\",otram,Oncology\n",
                "40021,\"TRAMBOLI, OSVALDA\",otram,Oncology\n",
            ),
            (
                "40021,\"TRAMBOLI, OSVALDA\",otram\n40022,\"VESCHIO, LANA\",lvesc\n",
                "40021,\"[NAME]\",otram\n40022,\"[NAME]\",lvesc\n",
            ),
            (
                "4410,\"WARNING, CRITICAL\",open\n",
                "4410,\"WARNING, CRITICAL\",open\n",
            ),
        ]);
    }

    #[test]
    fn a_user_word_an_account_and_the_holders_name_in_brackets() {
        check(&[
            (
                "Użytkownik zbrzozka7 (Zenobia Brzozka) kliknął link.\n",
                "Użytkownik [USER] ([NAME]) kliknął link.\n",
            ),
            (
                "ผู้ใช้ u40411 (มานพ ศรีสุข) คลิกลิงก์\n",
                "ผู้ใช้ [USER] ([NAME]) คลิกลิงก์\n",
            ),
            // A Thai surname longer than the word lists' 32 bytes.
            (
                "ผู้ใช้ u40412 (สิริ ขอหมั่นกลางทอง) คลิกลิงก์\n",
                "ผู้ใช้ [USER] ([NAME]) คลิกลิงก์\n",
            ),
            // Unlisted words the account is built from.
            (
                "Użytkownik qworzyka (Ferdynand Qworzyk) kliknął link.\n",
                "Użytkownik [USER] ([NAME]) kliknął link.\n",
            ),
            (
                "المستخدم u30718 (خالد بن سعد آل ناصر الدين) فتح الرابط\n",
                "المستخدم [USER] ([NAME]) فتح الرابط\n",
            ),
            // A service account's description in brackets is no name.
            (
                "User svc_backup (Nightly Backup) ran the job.\n",
                "User [USER] (Nightly Backup) ran the job.\n",
            ),
        ]);
    }

    #[test]
    fn a_role_or_a_log_word_before_a_name_is_no_part_of_it() {
        check(&[
            (
                "Client: Orla Vantongeren  Member Idris Maltby called back",
                "Client: [NAME]  Member [NAME] called back",
            ),
            (
                "\"category\": \"A Network Trojan was detected\", \"severity\": 1",
                "\"category\": \"A Network Trojan was detected\", \"severity\": 1",
            ),
            (
                "2031-02-03 04:05:06.10 Logon       Login failed for user 'qsvc_audit'.",
                "[DATE] 04:05:06.10 Logon       Login failed for user '[USER]'.",
            ),
        ]);
    }

    #[test]
    fn a_caller_id_display_name_before_the_extension() {
        check(&[
            (
                "\"2030-01-01 10:00:00\",\"\\\"Odalys Quill\\\" <4417>\",\"4417\",\"ANSWERED\"\n",
                "\"[DATE] 10:00:00\",\"\\\"[NAME]\\\" <4417>\",\"4417\",\"ANSWERED\"\n",
            ),
            (
                "From: \"Tamsin Bramblewood\" <sip:2210@pbx.example.org>\n",
                "From: \"[NAME]\" <sip:2210@pbx.example.org>\n",
            ),
            // A queue's label is no person: one unlisted word.
            ("\"Reception\" <100> rang\n", "\"Reception\" <100> rang\n"),
        ]);
    }

    #[test]
    fn a_surname_in_capitals_then_the_given_name() {
        check(&[(
            "Bed 4A02  HARRIS, Melanie (5150202)  SpO2 LOW\n",
            "Bed 4A02  [NAME] ([ID])  SpO2 LOW\n",
        )]);
    }

    #[test]
    fn caret_names_in_a_caseless_script_and_two_word_components() {
        check(&[
            ("P|1||4471||शर्मा^अनिल||M\n", "P|1||4471||[NAME]||M\n"),
            (
                "{\"ParticipantObjectName\":\"Quintero^Ana Lucia\",\"Action\":\"R\"}\n",
                "{\"ParticipantObjectName\":\"[NAME]\",\"Action\":\"R\"}\n",
            ),
        ]);
    }

    #[test]
    fn words_of_a_sentence_in_their_own_script_are_no_names() {
        check(&[
            (
                "Отчёт об инциденте: пользователь открыл ссылку на ноутбуке",
                "Отчёт об инциденте: пользователь открыл ссылку на ноутбуке",
            ),
            (
                "सर्वर पर नया मैलवेयर मिला है और जांच जारी है",
                "सर्वर पर नया मैलवेयर मिला है और जांच जारी है",
            ),
            (
                "Отчёт об инциденте: пациент Ефим Баранов, звонила дочь Алина",
                "Отчёт об инциденте: пациент [NAME], звонила дочь [NAME]",
            ),
            (
                "सर्वर पर मैलवेयर मिला (मरीज़: राम लाल) और जांच जारी है",
                "सर्वर पर मैलवेयर मिला (मरीज़: [NAME]) और जांच जारी है",
            ),
            (
                "Paged the on-call nurse 张梅 about the alert on ward four",
                "Paged the on-call nurse [NAME] about the alert on ward four",
            ),
        ]);
    }

    #[test]
    fn the_key_of_a_key_value_pair_is_no_name() {
        check(&[(
            "Accounting request, NAS-IP-Address=192.168.4.225, Framed-IP-Address=10.2.3.4 for Grace Hopper",
            "Accounting request, NAS-IP-Address=[INTERNAL-IP], Framed-IP-Address=[INTERNAL-IP] for [NAME]",
        )]);
    }

    #[test]
    fn a_name_ends_before_the_next_field_of_a_form() {
        check(&[
            (
                "Guardian: Mabel Quinton   Relationship: aunt",
                "Guardian: [NAME]   Relationship: aunt",
            ),
            (
                "Patient: Mabel Quinton    Date of birth: 03/04/1950",
                "Patient: [NAME]    Date of birth: [DATE]",
            ),
            // One blank and no label: the whole name goes.
            (
                "Guardian: Mabel Rose Quinton, aunt",
                "Guardian: [NAME], aunt",
            ),
        ]);
    }

    #[test]
    fn a_weekday_column_before_a_date_is_no_name() {
        check(&[
            (
                "Sun        10/11/2026  visit done",
                "Sun        [DATE]  visit done",
            ),
            // A time sheet's in and out columns after the date stay; a time stamp goes.
            (
                "Mon        10/12/2026  09:15  16:30  bath, meals",
                "Mon        [DATE]  09:15  16:30  bath, meals",
            ),
            (
                "Seen 10/12/2026 09:15 for follow-up",
                "Seen [DATE] for follow-up",
            ),
            // Not opening its line: the surname stays a name.
            (
                "Seen by Dr. Li Sun 10/11/2026 in clinic",
                "Seen by Dr. [NAME] [DATE] in clinic",
            ),
        ]);
    }

    #[test]
    fn a_name_a_speaker_introduces_themself_with() {
        check(&[
            (
                "Good morning, this is Marcus from the front desk.",
                "Good morning, this is [NAME] from the front desk.",
            ),
            // A census name that is also a word, in a name's position.
            (
                "Hello, this is Sherry with billing.",
                "Hello, this is [NAME] with billing.",
            ),
            (
                "hi, my name is Rosalind Tuck calling about a bill",
                "hi, my name is [NAME] calling about a bill",
            ),
            // No word after the given name that introduces a speaker.
            (
                "This is Mercy Hospital calling about your visit.",
                "This is Mercy Hospital calling about your visit.",
            ),
        ]);
    }

    #[test]
    fn dotted_initials_are_a_name_a_post_box_and_a_degree_are_not() {
        check(&[
            (
                "Meds held overnight. T.K. to review at 08:00.\nThanks, B.R.L.\n",
                "Meds held overnight. [NAME] to review at 08:00.\nThanks, [NAME]\n",
            ),
            (
                "Send the form to the U.S. office by 5 P.M. today, N.B. the fee\n",
                "Send the form to the U.S. office by 5 P.M. today, N.B. the fee\n",
            ),
        ]);
    }

    #[test]
    fn capitals_surname_that_is_also_a_word_before_a_listed_given_name() {
        check(&[(
            "badge 4410  CLAY, DANIEL  Lab Annex",
            "badge [ID]  [NAME]  Lab Annex",
        )]);
    }

    #[test]
    fn a_comment_label_and_a_german_article_open_no_name() {
        check(&[(
            "Kommentar von Sabrina Heser:\nDer Rechner am Empfang ist gesperrt.",
            "Kommentar von [NAME]:\nDer Rechner am Empfang ist gesperrt.",
        )]);
    }

    #[test]
    fn capitals_surname_comma_given_is_a_name_a_heading_is_not() {
        super::super::check(&[
            (
                "ADT mismatch name 'Morrison^Helen' msg ADT^A08 use PRN^PH\n",
                "ADT mismatch name '[NAME]' msg ADT^A08 use PRN^PH\n",
            ),
            (
                "result held: collected for MORRISON, HELEN K (51F) on 4 West\n",
                "result held: collected for [NAME] (51F) on 4 West\n",
            ),
            (
                "WARNING, SYSTEM OVERLOAD; NOTE, RETRY LATER\n",
                "WARNING, SYSTEM OVERLOAD; NOTE, RETRY LATER\n",
            ),
        ]);
    }

    #[test]
    fn a_given_name_before_a_record_label_joins_its_surname() {
        check(&[
            (
                "Pt: Kowalczyk, Idalia   MRN# 5521907\n",
                "Pt: [NAME]   MRN# [MRN]\n",
            ),
            (
                "Pt: Kowalczyk, Idalia\nRoom, Bed   Status\n",
                "Pt: [NAME]\nRoom, Bed   Status\n",
            ),
        ]);
    }

    #[test]
    fn a_possessive_after_capitals_surname_comma_given_is_a_name() {
        check(&[
            (
                "I was in DRAVEK, OSWIN's chart yesterday.\n",
                "I was in [NAME]'s chart yesterday.\n",
            ),
            (
                "WARNING, SYSTEM OVERLOAD at the gateway today.\n",
                "WARNING, SYSTEM OVERLOAD at the gateway today.\n",
            ),
            (
                "workstation used by TRELL, MARISKA in 5N overnight.\n",
                "workstation used by [NAME] in 5N overnight.\n",
            ),
            (
                "the job failed with ERROR, TIMEOUT again.\n",
                "the job failed with ERROR, TIMEOUT again.\n",
            ),
        ]);
    }

    #[test]
    fn a_capitals_last_first_cell_of_a_pipe_log_is_a_name() {
        check(&[(
            "Granted Access | West Door | Badge 4471 | QUILLFEATHER, ODALYS\n\
                 Denied: Invalid Badge | Pharmacy | Badge 4472 | BRAMBLE, TOVE\n",
            "Granted Access | West Door | Badge [ID] | [NAME]\n\
                 Denied: Invalid Badge | Pharmacy | Badge [ID] | [NAME]\n",
        )]);
    }

    #[test]
    fn names_in_scripts_the_latin_rules_do_not_read() {
        check(&[
            // Urdu letters beyond the first Arabic block (`چ`, `ی`, `ہ`) in one name.
            (
                "ملازم عائشہ چوہدری (achoudhry) نے فائل کھولی۔\n",
                "ملازم [NAME] ([USER]) نے فائل کھولی۔\n",
            ),
            // Georgian writes names in letters Unicode counts as lowercase.
            (
                "პაციენტი: ნინო ბერიძე, ტელ. 599123456.\n",
                "პაციენტი: [NAME], ტელ. [ID].\n",
            ),
            // The article of an Irish surname after `Mac`.
            ("Scríofa ag Cormac Mac an Bhaird.\n", "Scríofa ag [NAME].\n"),
        ]);
    }

    #[test]
    fn acronyms_and_title_words_of_a_non_latin_script_are_no_names() {
        check(&[
            (
                "Оқиға туралы есеп 2026-10-02\nНауқас: Айгүл Серікбаева, ЖСН 850101400123.\n",
                "Оқиға туралы есеп [DATE]\nНауқас: [NAME], ЖСН [ID].\n",
            ),
            (
                "Пациент: Горан Велевски, ЕМБГ 1203985450012, тел. 070 123 456.\n",
                "Пациент: [NAME], ЕМБГ [ID], тел. [PHONE].\n",
            ),
        ]);
    }

    #[test]
    fn a_listed_surname_in_capitals_before_a_listed_given_name() {
        check(&[
            (
                "Follow-up - MORGAN Alice (MRN 4471902) booked.\n",
                "Follow-up - [NAME] (MRN [MRN]) booked.\n",
            ),
            (
                "09:15  PARKER Helen (555) 201-3344  refill\n",
                "09:15  [NAME] [PHONE]  refill\n",
            ),
            // A word in capitals on no surname list, before a capitalized word, stays.
            (
                "See the NOTICE Board today.\n",
                "See the NOTICE Board today.\n",
            ),
        ]);
    }

    #[test]
    fn a_sign_in_results_status_words_are_no_names_and_the_login_still_goes() {
        check(&[
            (
                "2031-03-04 10:00:01,DENIED,User Mistake,jroe7,Citrix Gateway\n",
                "[DATE] 10:00:01,DENIED,User Mistake,[INTERNAL-HOST],Citrix Gateway\n",
            ),
            (
                "queue Billing Services, agent on duty; User Mistake Roberts logged in\n",
                "queue Billing Services, agent on duty; User Mistake [NAME] logged in\n",
            ),
        ]);
    }
}
