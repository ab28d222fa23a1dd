//! Cue phrases ("MRN", "DOB", "Dr.", "ext.") and the value each one announces.

use super::{Class, Engine, Tok};
use crate::classify as c;
use crate::vocab::{flag, lower, Cue};
use crate::Kind;

/// Every name list: a word on one is a name in a name's position even when it is also a
/// word that is never a name on its own ("Lane", "Will").
pub(super) const NAME_LISTS: u32 = flag::GIVEN
    | flag::SURNAME
    | flag::COMMON
    | flag::CENSUS_GIVEN
    | flag::CENSUS_SURNAME
    | flag::NAME_WORD;

/// Words that open a speaker's turn in a transcript or end a service's name after a role
/// word: never the name a role word announces.
const UTTERANCE_OPENERS: &[&str] = &[
    "yeah", "yes", "no", "hi", "hello", "hey", "somebody", "someone", "please", "my", "i", "i'm",
    "im", "ok", "okay", "sure", "thanks", "thank", "well", "um", "uh", "so", "and", "but", "we",
    "they", "what", "how", "can", "could", "would", "line", "advice", "desk", "station", "triage",
    "team", "queue", "services", "service",
];

/// Names of id schemes written as the head of the number they name, as the card and the
/// record print it (`CNS 1234567890123`, `NHIA/12345678`, `CBHI-12345678`, `FIN 123456789`):
/// the name is part of the identifier. Matched as written (case and all): the lowercase
/// words ("fin", "hib") are ordinary words of other languages. Luxembourg's health fund
/// (CNS), a personal health number (PHN), Nepal's Health Insurance Board (HIB), Nigeria's
/// and Ghana's national health insurance (NHIA, NHIS), Kenya's (NHIF), community health
/// insurance (CBHI), Malaysia's MySalam, Austria's e-card, Kazakhstan's and Russia's
/// compulsory medical insurance (МӘМС, ОМС), the Spanish health card (TIS), Germany's and
/// France's doctor numbers (LANR, RPPS), and a hospital's financial number (FIN).
const SCHEME_PREFIXES: &[(&str, Kind)] = &[
    ("CNS", Kind::HealthPlanId),
    ("PHN", Kind::HealthPlanId),
    ("HIB", Kind::HealthPlanId),
    ("NHIA", Kind::HealthPlanId),
    ("NHIS", Kind::HealthPlanId),
    ("NHIF", Kind::HealthPlanId),
    ("CBHI", Kind::HealthPlanId),
    ("MySalam", Kind::HealthPlanId),
    ("e-card", Kind::HealthPlanId),
    ("МӘМС", Kind::HealthPlanId),
    ("ОМС", Kind::HealthPlanId),
    ("TIS", Kind::HealthPlanId),
    ("LANR", Kind::License),
    ("RPPS", Kind::License),
    ("FIN", Kind::Account),
];

fn scheme_prefix(s: &str) -> Option<Kind> {
    SCHEME_PREFIXES
        .iter()
        .find(|(p, _)| *p == s)
        .map(|&(_, kind)| kind)
}

impl Engine<'_> {
    /// Matches every cue phrase starting at `k`, longest first, and applies the first whose
    /// value rule accepts what follows.
    pub(super) fn cue(&mut self, k: usize) -> bool {
        if !self.has(k, flag::CUE) {
            return false;
        }
        let mut buf = [0u8; 32];
        // A cue word past 32 bytes (Bengali, Tamil) is looked up as written.
        let first = self.lw(k, &mut buf).unwrap_or(self.toks[k].s);
        let Some(candidates) = self.v.cues.get(first) else {
            return false;
        };
        for (words, cue) in candidates {
            let n = words.len();
            let matched = (1..n).all(|i| {
                let j = k + i;
                j < self.toks.len()
                    && self.toks[j].class == Class::Plain
                    && self.same_sentence(k, j)
                    && self.toks[j].s.eq_ignore_ascii_case(words[i])
            });
            if matched && self.apply_cue(k, k + n, *cue) {
                return true;
            }
        }
        false
    }

    /// A number headed by its scheme's name (`SCHEME_PREFIXES`): `PHN 12345678`, glued
    /// `NHIA/12345678` or `CBHI-12345678`. The name goes with the number. With a label's
    /// colon (`FIN: 123456789`) the name is a label and the cue rules take the number alone.
    pub(super) fn scheme_prefixed_id(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        let b = s.as_bytes();
        // Cheap test first: every scheme name is 3 to 14 bytes and opens with a capital,
        // an `e` or a Cyrillic letter.
        if b.len() < 3 || !(b[0].is_ascii_uppercase() || b[0] == b'e' || b[0] >= 0xC0) {
            return false;
        }
        if let Some(p) = s.find(['/', '-']) {
            let rest = &s[p + 1..];
            if let Some(kind) = scheme_prefix(&s[..p]) {
                if rest.len() >= 5 && rest.bytes().all(|c| c.is_ascii_digit()) {
                    if self.toks[k].class == Class::Removed {
                        self.rekind(k, kind, "number headed by its scheme's name");
                    } else {
                        self.remove_toks(k, k, kind, "number headed by its scheme's name");
                    }
                    return true;
                }
                return false;
            }
        }
        let Some(kind) = scheme_prefix(s) else {
            return false;
        };
        let j = k + 1;
        if self.toks[k].trail != 0
            || self.toks[k].after != b' '
            || j >= self.toks.len()
            || self.toks[j].start != self.toks[k].end + 1
            || !self.same_sentence(k, j)
        {
            return false;
        }
        let v = self.toks[j].s;
        if c::digits(v) < 5
            || !v
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'/' | b'.'))
        {
            return false;
        }
        let reason = "number headed by its scheme's name";
        match self.toks[j].class {
            Class::Removed => {
                let f = self.toks[j].finding;
                let starts_here = self
                    .found
                    .get(f)
                    .is_some_and(|x| x.original_span.start == self.toks[j].start);
                if !starts_here {
                    return false;
                }
                self.rekind(j, kind, reason);
                self.found[f].original_span.start = self.toks[k].start;
                self.toks[k].class = Class::Removed;
                self.toks[k].finding = f;
                true
            }
            Class::Plain | Class::LongNumber | Class::IdLike => {
                let end = self.spaced_groups_end(j);
                self.remove_toks(k, end, kind, reason);
                self.join_taken_groups(end);
                true
            }
            _ => false,
        }
    }

    /// A pager number after the word that sends to it (`PAGE to 54074:`, `paged 4471`,
    /// `pager #30218`): four to seven digits, a staff member's number.
    pub(super) fn pager_number(&mut self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        let cue = self
            .lw(k, &mut buf)
            .is_some_and(|w| matches!(w, "page" | "paged" | "pager" | "paging" | "beeper"));
        if !cue {
            return false;
        }
        let mut j = k + 1;
        if self.is_word(j, "to") || self.toks.get(j).is_some_and(|t| t.s == "#") {
            j += 1;
        }
        let ok = j < self.toks.len()
            && self.same_sentence(k, j)
            && self.open(j)
            && (4..=7).contains(&self.toks[j].s.len())
            && self.toks[j].s.bytes().all(|b| b.is_ascii_digit());
        if ok {
            self.remove_toks(j, j, Kind::Phone, "pager number");
        }
        ok
    }

    /// The time of a clinical note, as its title line gives it (`ED — event note —
    /// 2025-03-02T04:10:00Z`, `Late entry note: 2025-03-02T04:10Z`): a date and time of
    /// the patient's care. Only a full date and time that ends the title line.
    pub(super) fn note_header_time(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        if s.len() != 4 || !s.eq_ignore_ascii_case("note") {
            return false;
        }
        let mut j = k + 1;
        while j < self.toks.len() && self.toks[j].s.chars().all(|c| matches!(c, '—' | '–' | '-'))
        {
            j += 1;
        }
        let ok = j < self.toks.len()
            && j <= k + 2
            && self.toks[j].class == Class::Plain
            && self.toks[j].s.len() > 10
            && c::iso_date_time(self.toks[j].s)
            && self
                .text
                .get(self.toks[k].end..self.toks[j].start)
                .is_some_and(|between| !between.contains('\n'))
            && self.text[self.toks[j].end..]
                .split('\n')
                .next()
                .is_some_and(|rest| rest.trim().is_empty());
        if ok {
            self.remove_toks(j, j, Kind::Date, "date and time of a clinical note");
        }
        ok
    }

    /// A record number in the dotted layout some EHRs print (`585.510.00`, `27.806.10`):
    /// two or three digits, three, two. Amounts group by three to the end and versions
    /// have a short group, so neither takes this shape.
    pub(super) fn dotted_record_number(&mut self, k: usize) -> bool {
        // Read in place (most tokens fail at their length): the dots are the last-but-two
        // and last-but-six bytes, every other byte a digit.
        let b = self.toks[k].s.as_bytes();
        let ok = matches!(b.len(), 9 | 10)
            && b.iter().enumerate().all(|(i, &c)| {
                if i == b.len() - 3 || i == b.len() - 7 {
                    c == b'.'
                } else {
                    c.is_ascii_digit()
                }
            });
        if ok {
            self.remove_toks(k, k, Kind::Mrn, "record number in a dotted layout");
        }
        ok
    }

    /// After a role word right before it (`next` follows the cue at `k`), a lowercase word
    /// that ends in the label's colon ("Pasien terdampak:"): the token after that colon.
    fn qualified_role(&self, k: usize, next: usize, j: usize) -> Option<usize> {
        let t = &self.toks[j];
        let ok = j == next
            && self.toks[next - 1].trail == 0
            && self.toks[next - 1].after == b' '
            && t.trail == b':'
            && t.s.chars().all(char::is_lowercase)
            && t.s.len() >= 3
            && !self.has(j, flag::CUE)
            && j + 1 < self.toks.len()
            && self.same_sentence(k, j + 1)
            && !self.text[t.end..self.toks[j + 1].start].contains('\n');
        ok.then_some(j + 1)
    }

    /// `..., San Pedro de la Sierra, C.P. 12345`: the capitalized words (with the particles
    /// of a Spanish or Portuguese place name) between the comma before a postcode cue and
    /// the comma before them are the town.
    fn town_before_postcode(&mut self, cue: usize) {
        if cue < 2 || self.toks[cue - 1].after != b',' {
            return;
        }
        let last = cue - 1;
        let mut first = last;
        loop {
            let t = &self.toks[first];
            let mut buf = [0u8; 32];
            let particle = self.lw(first, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "de" | "del" | "la" | "las" | "los" | "el" | "y" | "do" | "da" | "dos" | "das"
                )
            });
            // A name rule may have taken the words for a person's ("San Odalys").
            let named = t.class == Class::Removed
                && self
                    .found
                    .get(t.finding)
                    .is_some_and(|f| f.kind == Kind::Name);
            if !((self.open(first) || named) && (c::is_cap_word(t.s) || particle)) {
                return;
            }
            if first == 0 || last - first >= 5 {
                return;
            }
            let prev = &self.toks[first - 1];
            if prev.after == b',' || prev.trail == b',' {
                break;
            }
            if prev.after != b' ' || !self.same_sentence(first - 1, last) {
                return;
            }
            first -= 1;
        }
        if !c::is_cap_word(self.toks[first].s) || self.has(first, flag::NEVER | flag::CUE) {
            return;
        }
        const REASON: &str = "town before its postcode";
        let taken: Vec<usize> = (first..=last)
            .filter(|&i| self.toks[i].class == Class::Removed)
            .map(|i| self.toks[i].finding)
            .collect();
        let Some(&f) = taken.first() else {
            self.remove_toks(first, last, Kind::City, REASON);
            return;
        };
        // One finding took some of the words: it becomes the town, over all of them.
        if taken.iter().any(|&g| g != f) {
            return;
        }
        let (s, e) = (self.toks[first].start, self.toks[last].end);
        let finding = &mut self.found[f];
        finding.original_span =
            s.min(finding.original_span.start)..e.max(finding.original_span.end);
        finding.kind = Kind::City;
        finding.placeholder = Kind::City.placeholder();
        finding.reason = REASON;
        for t in &mut self.toks[first..=last] {
            t.class = Class::Removed;
            t.finding = f;
        }
    }

    /// The first token after a cue that is not a filler word, in the same sentence.
    fn value_after(&self, cue_tok: usize, mut j: usize) -> Option<usize> {
        let mut skipped = 0;
        while j < self.toks.len() && self.same_sentence(cue_tok, j) {
            // "Prepared by A. Cox": an initial is the name's start, not the article "a".
            let initial = c::is_initial(self.toks[j].s) && self.toks[j].trail == b'.';
            let filler = !initial && self.has(j, flag::FILLER)
                || self.toks[j].s.bytes().all(|b| b.is_ascii_punctuation());
            if !filler || skipped >= 3 {
                return Some(j);
            }
            skipped += 1;
            j += 1;
        }
        None
    }

    /// `WARDKIOSK77 компьютерээс` (a language that puts "from the computer" after the
    /// name), `ຈາກຄອມພິວເຕີ LABSRV4410` (a script written without spaces, "from" glued to
    /// "computer"): a host-shaped token (ASCII letters and digits, maybe hyphens, three
    /// letters and a digit at least) right after a word ending in a computer word, or right
    /// before a computer word, is an internal host name.
    pub(super) fn hosts_beside_computer_words(&mut self) {
        let n = self.toks.len();
        for k in 0..n {
            let t = &self.toks[k];
            let s = t.s;
            let letters = s.bytes().filter(u8::is_ascii_alphabetic).count();
            let shaped = t.class == Class::Plain
                && (5..=32).contains(&s.len())
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && s.bytes().any(|b| b.is_ascii_digit())
                && letters >= 3
                && s.as_bytes()[0].is_ascii_alphabetic()
                && !s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("cve-"));
            if !shaped {
                continue;
            }
            let after = k + 1 < n
                && self.same_sentence(k, k + 1)
                && self.toks[k].trail == 0
                && computer_word(self.toks[k + 1].s, false);
            let before = k > 0
                && self.same_sentence(k - 1, k)
                && self.toks[k - 1].trail == 0
                && computer_word(self.toks[k - 1].s, true);
            if after || before {
                self.remove_toks(k, k, Kind::InternalHost, "host name beside a computer word");
            }
        }
    }

    /// `Jl. Kaliurang No. 26`, `Jr. Garcilaso 914`: a short capitalized abbreviation with
    /// its dot (a street type, "No.") inside an address line; its dot ends no sentence when
    /// a word follows on the same line.
    fn abbreviation_on_line(&self, k: usize) -> bool {
        let t = &self.toks[k];
        (1..=3).contains(&t.s.len())
            && t.trail == b'.'
            && t.after == b' '
            && t.s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
            && t.s.bytes().all(|b| b.is_ascii_alphabetic())
            && k + 1 < self.toks.len()
            && self
                .text
                .get(t.end..self.toks[k + 1].start)
                .is_some_and(|gap| !gap.contains('\n'))
    }

    /// `ໄດ້ເປີດແຟ້ມຂອງຄົນເຈັບ ບົວລີ ສີສຸວັນ (`, `ក្នុងនាមអ្នកជំងឺ សុខ វណ្ណា (`: in a script
    /// written without spaces between words (Lao, Khmer, Burmese), a role word glued to the
    /// words before it ("opened the file of the patient") still announces a name: two or
    /// three words of the same script after it, ending on their own at a bracket, a comma
    /// or the sentence's end.
    pub(super) fn names_after_glued_role_words(&mut self) {
        let n = self.toks.len();
        for k in 0..n.saturating_sub(1) {
            let t = &self.toks[k];
            let spaceless = t.s.chars().next().is_some_and(|ch| {
                ('\u{0E80}'..='\u{0EFF}').contains(&ch)
                    || ('\u{1000}'..='\u{109F}').contains(&ch)
                    || ('\u{1780}'..='\u{17FF}').contains(&ch)
                    || ('\u{0F40}'..='\u{0FBC}').contains(&ch)
            });
            if !spaceless || t.after != b' ' || t.trail != 0 || !glued_role_word(t.s) {
                continue;
            }
            // Tibetan joins a name's syllables with the tsheg: one token of two syllables
            // or more is a whole name (`བསོད་ནམས`).
            let tibetan_whole = |w: &str| {
                w.starts_with(|ch: char| ('\u{0F40}'..='\u{0FBC}').contains(&ch))
                    && w.trim_end_matches('\u{0F0B}').contains('\u{0F0B}')
            };
            if let Some((end, true)) = self.caseless_name_run(k + 1) {
                if end > k + 1 || tibetan_whole(self.toks[k + 1].s) {
                    self.remove_toks(k + 1, end, Kind::Name, "name after a role word");
                }
            }
        }
    }

    // Long because: one match arm per cue kind (title, role, MRN, SSN, plate, device, phone,
    // ZIP, user, host...), each a short decision on the value after the cue.
    fn apply_cue(&mut self, k: usize, next: usize, cue: Cue) -> bool {
        if cue == Cue::SignOff {
            return self.sign_off(k, next);
        }
        let Some(j) = self.value_after(k, next) else {
            return false;
        };
        // `CEF:0|...|login|Log In|`: a cue does not reach across a field separator.
        if self
            .text
            .get(self.toks[next - 1].end..self.toks[j].start)
            .is_some_and(|between| between.contains('|'))
        {
            return false;
        }
        // `key=value`: the value is the very next token, and `-` means there is none.
        if self.toks[next - 1].after == b'='
            && (j != next || self.toks[j].s.bytes().all(|b| b.is_ascii_punctuation()))
        {
            return false;
        }
        let class = self.toks[j].class;
        let s = self.toks[j].s;
        // `<Data Name="IpAddress">`: an attribute's key, not a word of prose.
        if matches!(cue, Cue::Title | Cue::Role) && self.toks[next - 1].after == b'=' {
            return false;
        }
        match cue {
            Cue::Title => {
                // "السيد عمر الحسن", "คุณ สมชาย ใจดี": a name in a script without case.
                if let Some((end, _)) = self.caseless_name_run(j) {
                    self.remove_toks(j, end, Kind::Name, "name after a title");
                    return true;
                }
                // "Dr. von Ahlen", "Dr. de Jong": a particle opens the surname even when it
                // is also a header label elsewhere ("Von:"); "Dr. al-Rashid" glues it on.
                let particle = self.particle(j)
                    && self.toks[j].trail != b':'
                    && j + 1 < self.toks.len()
                    && self.same_sentence(j, j + 1)
                    && c::is_cap_word(self.toks[j + 1].s);
                let glued = s.split_once('-').is_some_and(|(head, rest)| {
                    matches!(
                        head,
                        "al" | "el" | " al" | "bin" | "ben" | "abu" | "ibn" | "ul"
                    ) && rest.chars().next().is_some_and(char::is_uppercase)
                        && rest.chars().all(|ch| ch.is_alphabetic() || ch == '-')
                });
                // "Nurse Line", "Nurse Advice": a service named after a role.
                let mut lbuf = [0u8; 32];
                let service = self.lw(j, &mut lbuf).is_some_and(|l| {
                    matches!(
                        l,
                        "line" | "advice" | "desk" | "station" | "triage" | "team" | "queue"
                    )
                });
                let ok = (c::is_cap_word(s) || c::is_initial(s) || particle || glued)
                    && !service
                    && matches!(class, Class::Plain | Class::Threat)
                    && (!self.never_name(j) || self.has(j, NAME_LISTS) || particle || glued)
                    && (!self.has(j, flag::CUE) || particle);
                if ok {
                    self.toks[j].class = Class::Plain;
                    let end = self.with_given_after_comma(self.name_end(j));
                    self.remove_toks(j, end, Kind::Name, "name after a title");
                }
                ok
            }
            Cue::Role => {
                // "Pacient afectat: Ana Pop", "patient concerned: ...": a lowercase word
                // qualifying the role, then the label's colon; the name is after it.
                let (j, class, s) = match self.qualified_role(k, next, j) {
                    Some(q) => (q, self.toks[q].class, self.toks[q].s),
                    None => (j, class, s),
                };
                // "المريض: عمر الحسن،", "מטופל: דנה לוי,": a name in a script without case.
                // Without a label's colon the words must end on their own ("المريض يعاني
                // من ..." is a sentence going on).
                if let Some((end, closed)) = self.caseless_name_run(j) {
                    // Without a label's colon one word alone ("مریض آیا،", the patient came)
                    // is a verb as often as a name: it needs a second word or a login.
                    let colon = self.toks[next - 1].trail == b':';
                    let enough = end > j
                        || colon
                        || j > next
                        || self.text[self.toks[end].end..].starts_with(" (");
                    if (closed || colon || j > next) && enough {
                        self.remove_toks(j, end, Kind::Name, "name after a role word");
                        return true;
                    }
                }
                // "Бүртгэсэн: Д.Оюунцэцэг", "Ажилтан Т.Нарантуяа": an initial joined by its
                // dot to a capitalized name, one token (Mongolian writes the father's
                // initial so).
                if class == Class::Plain && initial_dot_name(s) {
                    self.remove_toks(j, j, Kind::Name, "name after a role word");
                    return true;
                }
                // "Pacientas: KAVALIAUSKAS Amelija,", "Othar: Ó MONACHÁIN Moira,": a surname
                // in capitals before the given name.
                // An English role word needs its label's colon ("Pt's POA Ann" is no name).
                if let Some(end) = self.caps_surname_then_given(j) {
                    if self.toks[next - 1].trail == b':' || crate::vocab::intl_role(self.toks[k].s)
                    {
                        self.remove_toks(j, end, Kind::Name, "name after a role word");
                        return true;
                    }
                }
                // "CALLER: Yeah it's ...", "queue Nurse Line": a speaker's first word or the
                // rest of a service's name, not a person's name.
                let mut lbuf = [0u8; 32];
                let utterance = self
                    .lw(j, &mut lbuf)
                    .is_some_and(|l| UTTERANCE_OPENERS.contains(&l));
                let ok = class == Class::Plain
                    && c::is_cap_word(s)
                    && !utterance
                    && !self.never_name(j)
                    && !self.has(j, flag::CUE)
                    && !self.label_word(j)
                    && !self.xml_tag_name(j);
                if ok {
                    let end = self.with_given_after_comma(self.name_end(j));
                    self.remove_toks(j, end, Kind::Name, "name after a role word");
                }
                ok
            }
            Cue::Mrn => self.id_value(j, Kind::Mrn, "number after a medical record cue"),
            Cue::Ssn => self.id_value(j, Kind::Ssn, "number after a social security cue"),
            Cue::HealthPlan => {
                self.id_value(j, Kind::HealthPlanId, "number after a health plan cue")
            }
            Cue::License => self.id_value(
                j,
                Kind::License,
                "number after a license or certificate cue",
            ),
            Cue::Plate => self.plate_value(j),
            Cue::Vin => self.id_value(j, Kind::Vehicle, "number after a vehicle cue"),
            Cue::Device => self.id_value(j, Kind::DeviceId, "number after a serial or device cue"),
            Cue::Biometric => self.id_value(j, Kind::Biometric, "value after a biometric cue"),
            Cue::OtherId => self.id_value(j, Kind::Id, "number after an identifier cue"),
            Cue::Account => {
                self.id_value(j, Kind::Account, "number after an account cue")
                    || self.user_value(j, false)
            }
            Cue::Dob => self.dob_value(j),
            Cue::Phone | Cue::Fax => self.phone_value(j, cue == Cue::Fax),
            Cue::Ext => {
                let ok = matches!(class, Class::Plain)
                    && (2..=6).contains(&s.len())
                    && s.bytes().all(|b| b.is_ascii_digit());
                // "Thanks, Ana (ext. 4417)": an extension standing alone, its abbreviation
                // written with the dot, is the whole phone number with its word; after a
                // number ("555-0100 ext. 12") the word stays between the two, and a bare
                // "ext 4417" keeps its word.
                let alone = j == k + 1
                    && self.toks[k].s.eq_ignore_ascii_case("ext")
                    && self.toks[k].trail == b'.'
                    && (k == 0
                        || !matches!(
                            self.toks[k - 1].class,
                            Class::Removed | Class::Protected | Class::LongNumber
                        ) && !self.toks[k - 1].s.bytes().any(|b| b.is_ascii_digit()));
                if ok {
                    let from = if alone { k } else { j };
                    self.remove_toks(from, j, Kind::Phone, "telephone extension");
                }
                ok
            }
            Cue::Zip => {
                let ok = matches!(class, Class::Plain | Class::LongNumber)
                    && (s.len() == 5 || s.len() == 9 || s.len() == 10)
                    && s.bytes().all(|b| b.is_ascii_digit() || b == b'-');
                if ok {
                    self.remove_toks(j, j, Kind::Zip, "ZIP code after a cue");
                    self.town_before_postcode(k);
                }
                ok
            }
            // `UID=1018`: a Unix user id is a number the system counts out, not a login.
            Cue::UserStrong if self.is_word(k, "uid") && s.bytes().all(|b| b.is_ascii_digit()) => {
                false
            }
            Cue::UserStrong => {
                // "this logon preceded ...": a bare "login" or "logon" is a noun too; it
                // announces a user name only as a label (`login:`, `logon=`).
                let mut buf = [0u8; 32];
                let bare = next - k == 1
                    && self.toks[k].trail != b':'
                    && self.toks[k].after != b'='
                    && self
                        .lw(k, &mut buf)
                        .is_some_and(|l| matches!(l, "login" | "logon"));
                self.user_value(j, !bare)
            }
            Cue::UserWeak => {
                // "Logs show brownc signing in": the verb after the value vouches for it.
                let mut buf = [0u8; 32];
                let signs_in = self.same_sentence(j, j + 1)
                    && j + 1 < self.toks.len()
                    && self.lw(j + 1, &mut buf).is_some_and(|l| {
                        matches!(
                            l,
                            "signing"
                                | "signed"
                                | "logging"
                                | "logged"
                                | "authenticating"
                                | "authenticated"
                                | "connecting"
                                | "connected"
                        )
                    });
                let lower = s.bytes().all(|b| !b.is_ascii_uppercase());
                // Cisco ASA's `Group <GP-Staff> User <jdoe> IP <...>`: the bracketed value is
                // the login, whatever its letters.
                let bracketed = j == next
                    && self.text.get(self.toks[k].end..self.toks[j].start) == Some(" <")
                    && self.toks[j].after == b'>';
                // `user awhughes`: two initials and a surname (after a word for a user only:
                // `Account expires` splits that way too).
                let mut lbuf = [0u8; 32];
                let initials = s.bytes().all(|b| b.is_ascii_lowercase())
                    && self
                        .lw(j, &mut lbuf)
                        .is_some_and(|l| self.initials_and_surname(l));
                // `user dkdurlak`: initials no word of a European language starts with.
                let glued = self
                    .lw(j, &mut lbuf)
                    .is_some_and(|l| self.glued_initials_login(l));
                self.user_value(j, signs_in && lower || bracketed || initials || glued)
            }
            Cue::HostStrong => self.host_value(j, true),
            Cue::HostWeak => self.host_value(j, false),
            Cue::Age => {
                let age = s.parse::<u32>().ok();
                let ok = class == Class::Plain && age.is_some_and(|a| (90..=150).contains(&a));
                if ok {
                    self.remove_toks(j, j, Kind::Age, "age over 89");
                }
                ok
            }
            Cue::Greeting | Cue::Header => {
                if cue == Cue::Header && self.toks[next - 1].trail != b':' {
                    return false;
                }
                // "Aan: Lotte Martens <...>": on a header line, a run of capitalized words.
                if cue == Cue::Header
                    && class == Class::Plain
                    && c::is_cap_word(s)
                    && !self.never_name(j)
                    && self.name_end(j) > j
                {
                    let end = self.name_end(j);
                    self.remove_toks(j, end, Kind::Name, "name on a mail header line");
                    return true;
                }
                if c::is_initial(s) && self.toks[j].trail == b'.' {
                    return self.name(j);
                }
                self.listed_name_at(j, "name after a greeting or cue")
            }
            Cue::AddressField => {
                // "Home: ..." on a form, "X's address, 12 Elm St, ..., and e-mail" in prose.
                let label = self.toks[next - 1].trail == b':';
                if !label && self.toks[next - 1].after != b',' {
                    return false;
                }
                let mut end = j;
                while end + 1 < self.toks.len()
                    && end - j < 12
                    && (self.same_sentence(end, end + 1) || self.abbreviation_on_line(end))
                    && self.toks[end].trail != b':'
                    && self.toks[end + 1].trail != b':'
                    && !(self.has(end + 1, flag::STOP)
                        && self.toks[end + 1].s.bytes().all(|b| b.is_ascii_lowercase()))
                    && matches!(
                        self.toks[end + 1].class,
                        Class::Plain | Class::LongNumber | Class::IdLike | Class::Removed
                    )
                {
                    end += 1;
                }
                let ok = matches!(
                    self.toks[j].class,
                    Class::Plain | Class::LongNumber | Class::IdLike | Class::Removed
                );
                if ok {
                    // Findings already inside the line are merged into the wider one.
                    self.remove_toks(j, end, Kind::Address, "address after an address label");
                }
                ok
            }
            Cue::SignOff => false,
            Cue::City => {
                let ok = class == Class::Plain && c::is_cap_word(s) && !self.never_name(j);
                if ok {
                    let mut end = j;
                    while end + 1 < self.toks.len()
                        && end - j < 2
                        && self.toks[end].after == b' '
                        && self.toks[end + 1].class == Class::Plain
                        && c::is_cap_word(self.toks[end + 1].s)
                        && !self.never_name(end + 1)
                        && !self.is_state_at(end + 1)
                    {
                        end += 1;
                    }
                    self.remove_toks(j, end, Kind::City, "place of residence after a cue");
                }
                ok
            }
        }
    }

    /// An identifier value: must hold a digit. Spaced groups ("1234 5678 9012") are taken
    /// together.
    fn id_value(&mut self, j: usize, kind: Kind, reason: &'static str) -> bool {
        if kind == Kind::Ssn && self.toks[j].class == Class::Plain {
            if let Some(end) = self.spaced_nino_end(j) {
                self.remove_toks(j, end, kind, reason);
                return true;
            }
        }
        if let Some(end) = self.grouped_number_end(j) {
            self.remove_toks(j, end, kind, reason);
            return true;
        }
        let t = &self.toks[j];
        if !matches!(t.class, Class::Plain | Class::LongNumber | Class::IdLike) {
            // Already removed by its shape: the cue knows better what it is.
            if t.class == Class::Removed && c::digits(t.s) > 0 {
                let (f, t_end) = (t.finding, t.end);
                self.rekind(j, kind, reason);
                // "fnr. 010290 12345": a number in two groups, the first already taken by
                // its shape; the second group joins the same finding.
                let end = self.spaced_groups_end(j);
                if end > j
                    && self
                        .found
                        .get(f)
                        .is_some_and(|x| x.original_span.end == t_end)
                {
                    self.found[f].original_span.end = self.toks[end].end;
                    for u in &mut self.toks[j + 1..=end] {
                        u.class = Class::Removed;
                        u.finding = f;
                    }
                }
                return true;
            }
            return false;
        }
        // A health card number that opens with letters from the holder's name, then digit
        // groups (Québec "ABCD 1234 5678"): capitals, then a group of digits after a space.
        // Only after a health plan cue, and never a label word of its own ("MRN 1234").
        let letters_first = kind == Kind::HealthPlanId
            && t.s.len() == 4
            && t.s.bytes().all(|b| b.is_ascii_uppercase())
            && t.flags & flag::CUE == 0
            && t.after == b' '
            && j + 1 < self.toks.len()
            && self.same_sentence(j, j + 1)
            && self.toks[j + 1].s.len() == 4
            && self.toks[j + 1].s.bytes().all(|b| b.is_ascii_digit());
        if (c::digits(t.s) == 0 && !letters_first)
            || t.s.len() < 2
            || !(t
                .s
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'.'))
                || script_letters_then_digits(t.s))
        {
            return false;
        }
        let end = self.spaced_groups_end(j);
        self.remove_toks(j, end, kind, reason);
        self.join_taken_groups(end);
        true
    }

    /// "Matricule 7131 0270 85333": the later digit groups of an identifier that an
    /// earlier shape rule took on their own (as a phone number) join it, so the spaces
    /// between the groups go too.
    fn join_taken_groups(&mut self, end: usize) {
        let mut e = end;
        while e + 1 < self.toks.len()
            && e - end < 3
            && self.toks[e].after == b' '
            && self.toks[e + 1].start == self.toks[e].end + 1
            && self.same_sentence(e, e + 1)
            && self.toks[e + 1].class == Class::Removed
            && (1..=6).contains(&self.toks[e + 1].s.len())
            && self.toks[e + 1].s.bytes().all(|b| b.is_ascii_digit())
        {
            e += 1;
        }
        if e == end {
            return;
        }
        let last = self.toks[e].end;
        let until = self
            .found
            .get(self.toks[e].finding)
            .map_or(last, |x| x.original_span.end.max(last));
        if let Some(x) = self.found.get_mut(self.toks[end].finding) {
            x.original_span.end = x.original_span.end.max(until);
        }
    }

    /// A UK National Insurance number written in spaced pairs, `QQ 12 34 56 C`: two
    /// capitals, three pairs of digits and the suffix letter (A to D), each after one
    /// space. Returns the last token.
    fn spaced_nino_end(&self, j: usize) -> Option<usize> {
        let t = &self.toks[j];
        if t.s.len() != 2 || !t.s.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let joined = |a: usize| {
            a + 1 < self.toks.len()
                && self.toks[a].after == b' '
                && self.toks[a + 1].start == self.toks[a].end + 1
                && self.same_sentence(a, a + 1)
                && self.toks[a + 1].class == Class::Plain
        };
        let mut end = j;
        for _ in 0..3 {
            if !joined(end)
                || self.toks[end + 1].s.len() != 2
                || !self.toks[end + 1].s.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            end += 1;
        }
        if joined(end) && matches!(self.toks[end + 1].s, "A" | "B" | "C" | "D") {
            end += 1;
        }
        Some(end)
    }

    /// The last of the digit groups after `j` that a space joins to it ("1234 5678 9012").
    /// `1 34 01 56 382 625 37`, `09-385104 X 54`, `887 829 953 165`: after an identifier's
    /// label, a layout of digit groups on one line (a single capital letter may stand
    /// between two groups, a check letter) is one number, whatever its country: up to
    /// eight groups, opening and closing on digits, nine to twenty digits in all. Groups
    /// another rule took by their shape (`X 54` read as an extension) join the number.
    fn grouped_number_end(&self, j: usize) -> Option<usize> {
        let digit_group = |s: &str| {
            s.len() <= 8
                && s.bytes().any(|b| b.is_ascii_digit())
                && s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        };
        let letter = |s: &str| s.len() == 1 && s.as_bytes()[0].is_ascii_uppercase();
        let open = |i: usize| {
            matches!(
                self.toks[i].class,
                Class::Plain | Class::LongNumber | Class::IdLike | Class::Removed
            )
        };
        if !open(j) || !digit_group(self.toks[j].s) {
            return None;
        }
        let mut end = j;
        let mut digits = c::digits(self.toks[j].s);
        while end + 1 < self.toks.len()
            && end - j < 7
            && self.toks[end].after == b' '
            && self.toks[end].trail == 0
            && self.text.get(self.toks[end].end..self.toks[end + 1].start) == Some(" ")
            && open(end + 1)
            && (digit_group(self.toks[end + 1].s) || letter(self.toks[end + 1].s))
        {
            end += 1;
            digits += c::digits(self.toks[end].s);
        }
        // A check letter is inside the number, never its end.
        if letter(self.toks[end].s) {
            end -= 1;
        }
        (end > j && (9..=20).contains(&digits)).then_some(end)
    }

    fn spaced_groups_end(&self, j: usize) -> usize {
        let mut end = j;
        // A long id may carry a short check group after a space ("W123456789 01"): one
        // group of one or two digits joins it.
        let short_tail =
            j + 1 < self.toks.len() && self.toks[j].s.len() > 6 && self.toks[j + 1].s.len() <= 2;
        while (self.toks[end].s.len() <= 6 || short_tail && end == j)
            && end + 1 < self.toks.len()
            && end - j < 4
            && self.toks[end].after == b' '
            && self.same_sentence(j, end + 1)
            && matches!(
                self.toks[end + 1].class,
                Class::Plain | Class::LongNumber | Class::IdLike
            )
            && self.toks[end + 1].s.len() <= 6
            && self.toks[end + 1].s.bytes().all(|b| b.is_ascii_digit())
        {
            end += 1;
        }
        end
    }

    /// "Patient Name:", "Log Name:": a common word with a colon after it labels a field.
    pub(super) fn label_word(&self, j: usize) -> bool {
        j < self.toks.len() && self.toks[j].trail == b':' && self.has(j, flag::COMMON | flag::STOP)
    }

    fn user_value(&mut self, j: usize, strong: bool) -> bool {
        let t = &self.toks[j];
        let s = t.s;
        if !matches!(t.class, Class::Plain | Class::IdLike | Class::LongNumber)
            || !c::identifier_like(s)
        {
            return false;
        }
        // `TargetDomainName=HEALTH`: a log field's value is what the key says, whatever
        // the word.
        let keyed = strong && j > 0 && self.toks[j - 1].after == b'=';
        // `sasl_method=LOGIN, sasl_username=...`: a key is no value, whatever cue precedes it.
        if t.after == b'=' {
            return false;
        }
        if !keyed && self.has(j, flag::STOP | flag::NEVER | flag::FILLER)
            || super::keys::placeholder_value(s)
            || c::hex_constant(s)
        {
            return false;
        }
        let mut buf = [0u8; 32];
        let l = lower(s, &mut buf).unwrap_or("");
        // sshd's "Failed password for invalid user admin": "invalid" is no login, and the
        // login after it names no account on the machine (sshd says so), only a guess.
        let invalid = |e: &Self, i: usize| e.is_word(i, "invalid") || e.is_word(i, "illegal");
        if invalid(self, j) && self.is_word(j + 1, "user")
            || j >= 2 && self.is_word(j - 1, "user") && invalid(self, j - 2)
        {
            return false;
        }
        if c::is_cap_word(s) && !strong {
            // "Account Domain:": a field label, not a name.
            if self.never_name(j) || self.toks[j].trail == b':' {
                return false;
            }
            let end = self.name_end(j);
            self.remove_toks(j, end, Kind::Name, "name after a user cue");
            return true;
        }
        let looks = strong
            || s.bytes()
                .any(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
            || self.login_from_name(l)
            || self.glued_full_name(l)
            || self.has(j, flag::GIVEN | flag::SURNAME);
        if looks {
            self.remove_toks(j, j, Kind::User, "user name after a cue");
        }
        looks
    }

    /// `awhughes`, `dkdurlak`: two initials glued to a surname, after a user cue (a given
    /// and a middle initial; alone, too many words split that way).
    /// `dkdurlak`, `shcaccioppol`, `rjtrub`: a lowercase word that opens with two or three
    /// consonants no word of the European languages opens with (initials glued to a
    /// surname), with letters enough after them for a surname; no listed word.
    pub(super) fn glued_initials_login(&self, l: &str) -> bool {
        glued_initials(l) && !self.v.common.contains(l) && !crate::gazetteer::login_lookalike(l)
    }

    fn initials_and_surname(&self, l: &str) -> bool {
        l.len() >= 6
            && l.bytes().all(|b| b.is_ascii_lowercase())
            && !crate::gazetteer::login_lookalike(l)
            && {
                let rest = &l[2..];
                rest.len() >= 4
                    && !self.v.common.contains(rest)
                    && (self.v.surnames.contains(rest) || crate::gazetteer::surname(rest))
            }
    }

    fn host_value(&mut self, j: usize, strong: bool) -> bool {
        let t = &self.toks[j];
        let s = t.s;
        // A table header: "Hostname  IP  Location"; Windows' own domains (`NT AUTHORITY`,
        // `BUILTIN`, `WORKGROUP`, `Window Manager`).
        if [
            "ip",
            "ipv4",
            "ipv6",
            "mac",
            "os",
            "location",
            "model",
            "serial",
            "owner",
            "nt",
            "builtin",
            "workgroup",
            "window",
            "font",
        ]
        .iter()
        .any(|w| s.eq_ignore_ascii_case(w))
        {
            return false;
        }
        if !matches!(t.class, Class::Plain | Class::IdLike | Class::LongNumber)
            || !c::identifier_like(s)
            || s.len() < 2
        {
            return false;
        }
        // `hostname=? addr=10.1.2.3`: a word with `=` right after it is the next key (the
        // cue's own value was empty or `?`, as auditd writes an unknown), no host.
        if t.after == b'=' && t.trail == 0 {
            return false;
        }
        // `TargetDomainName=HEALTH`: a log field's value is what the key says, whatever
        // the word.
        let keyed = strong && j > 0 && self.toks[j - 1].after == b'=';
        if !keyed && self.has(j, flag::STOP | flag::NEVER | flag::FILLER) {
            return false;
        }
        let looks = strong
            || s.bytes()
                .any(|b| b.is_ascii_digit() || matches!(b, b'-' | b'_'));
        if looks {
            self.remove_toks(j, j, Kind::InternalHost, "host name after a cue");
        }
        looks
    }

    fn dob_value(&mut self, j: usize) -> bool {
        if self.toks[j].class == Class::Removed {
            self.time_after(j);
            return true;
        }
        if self.toks[j].class == Class::Plain && c::iso_date_time(self.toks[j].s) {
            let end = if self.is_time(j + 1) && self.same_sentence(j, j + 1) {
                j + 1
            } else {
                j
            };
            self.remove_toks(j, end, Kind::Date, "date and time tied to a person");
            return true;
        }
        if self.month_date(j) {
            return true;
        }
        let is_month = self.has(j, flag::MONTH);
        let year = |t: &Tok| t.s.len() == 4 && t.s.bytes().all(|b| b.is_ascii_digit());
        if self.toks[j].class == Class::Plain && is_month {
            let end = if j + 1 < self.toks.len()
                && year(&self.toks[j + 1])
                && self.toks[j + 1].class == Class::Plain
            {
                j + 1
            } else {
                j
            };
            self.remove_toks(j, end, Kind::Date, "date tied to a person");
            return true;
        }
        if self.toks[j].class == Class::Plain && year(&self.toks[j]) {
            self.remove_toks(j, j, Kind::Date, "date tied to a person");
            return true;
        }
        // A day and month without the year, then a clock time (`06/23 21:18`).
        if self.toks[j].class == Class::Plain
            && day_month(self.toks[j].s)
            && self.is_time(j + 1)
            && self.same_sentence(j, j + 1)
        {
            self.remove_toks(j, j + 1, Kind::Date, "date and time tied to a person");
            return true;
        }
        false
    }

    pub(super) fn phone_value(&mut self, j: usize, fax: bool) -> bool {
        if self.toks[j].class == Class::Removed {
            if fax {
                self.rekind(j, Kind::Fax, "fax number after a cue");
            }
            return true;
        }
        let mut end = j;
        let mut total = 0;
        // `telefonon 973 023 676) 903 873 118`: a closing bracket or a comma after a group
        // ends the number (the caller's number may follow); an area code's own brackets
        // (`(0787) 525-8936`) do not.
        let closes = |e: &Self, i: usize| {
            let gap = e.text.get(e.toks[i].end..e.toks[i + 1].start).unwrap_or("");
            gap.contains([',', ';'])
                || gap.contains(')') && !e.text[..e.toks[i].start].ends_with('(')
        };
        while end < self.toks.len()
            && end - j < 5
            && (end == j || !closes(self, end - 1))
            && self.same_sentence(j, end)
            && matches!(self.toks[end].class, Class::Plain | Class::LongNumber)
            && self.toks[end]
                .s
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'+'))
            && c::digits(self.toks[end].s) > 0
        {
            total += c::digits(self.toks[end].s);
            end += 1;
        }
        // "8 (439) 161-9623", "+7 996 349 7953", "(0787) 525-8936": a trunk, country or area
        // prefix before a number already found by its layout belongs to it.
        if (1..=5).contains(&total)
            && end < self.toks.len()
            && self.same_sentence(j, end)
            && self.toks[end].class == Class::Removed
            && self
                .found
                .get(self.toks[end].finding)
                .is_some_and(|f| matches!(f.kind, Kind::Phone | Kind::Fax))
        {
            let index = self.toks[end].finding;
            let mut start = self.toks[j].start;
            // "(0787) 525-8936": the area code's opening parenthesis goes with it.
            if start > 0 && self.text.as_bytes()[start - 1] == b'(' {
                start -= 1;
            }
            if let Some(f) = self.found.get_mut(index) {
                f.original_span.start = f.original_span.start.min(start);
                if fax {
                    f.kind = Kind::Fax;
                    f.placeholder = Kind::Fax.placeholder();
                }
            }
            for t in &mut self.toks[j..end] {
                t.class = Class::Removed;
                t.finding = index;
            }
            return true;
        }
        if (7..=15).contains(&total) {
            let kind = if fax { Kind::Fax } else { Kind::Phone };
            self.remove_toks(j, end - 1, kind, "telephone number after a cue");
            // "(0331) 172643": the opening parenthesis of the area code goes with it.
            let start = self.toks[j].start;
            if start > 0 && self.text.as_bytes()[start - 1] == b'(' {
                if let Some(f) = self.found.last_mut() {
                    f.original_span.start = start - 1;
                }
            }
            return true;
        }
        false
    }

    /// A capitalized word on any name list (or with letters beyond ASCII) at `j` starts a
    /// name: the cue before it says it is one even when it is also an ordinary word.
    fn listed_name_at(&mut self, j: usize, reason: &'static str) -> bool {
        let t = &self.toks[j];
        // "Hi Akira,", "thanks Akira.": a threat name alone after a greeting is a person.
        let alone_threat = t.class == Class::Threat
            && (t.after == b',' || t.trail == b'.' || !self.same_sentence(j, j + 1));
        if !(t.class == Class::Plain || alone_threat)
            || !c::is_cap_word(t.s)
            || self.never_name(j) && !self.has(j, NAME_LISTS)
        {
            return false;
        }
        let listed = self.has(
            j,
            flag::GIVEN
                | flag::SURNAME
                | flag::COMMON
                | flag::CENSUS_GIVEN
                | flag::CENSUS_SURNAME
                | flag::NAME_WORD,
        ) || !t.s.is_ascii();
        // "Dear Biagio,": a capitalized word alone before the comma or the line's end.
        let alone = {
            let line_end = j + 1 >= self.toks.len() || !self.same_sentence(j, j + 1);
            let mut buf = [0u8; 32];
            let crowd = self.lw(j, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "team"
                        | "all"
                        | "everyone"
                        | "colleagues"
                        | "sir"
                        | "madam"
                        | "there"
                        | "folks"
                        | "both"
                        | "guys"
                        | "support"
                        | "doctor"
                        | "customer"
                        | "friends"
                        | "staff"
                )
            });
            (t.after == b',' || line_end) && !crowd && !self.has(j, flag::STOP | flag::CUE)
        };
        if listed || alone {
            let end = self.with_given_after_comma(self.name_end(j));
            self.remove_toks(j, end, Kind::Name, reason);
        }
        listed || alone
    }

    /// "Regards," then a listed name, often on the next line.
    fn sign_off(&mut self, k: usize, next: usize) -> bool {
        let mut j = next;
        while j < self.toks.len()
            && j - next < 2
            && self.toks[j].s.bytes().all(|b| b.is_ascii_punctuation())
        {
            j += 1;
        }
        if j >= self.toks.len() || self.toks[j].sent > self.toks[k].sent + 1 {
            return false;
        }
        if self.listed_name_at(j, "name after a sign-off") {
            return true;
        }
        // "Sincerely,\n\nUrszula Kijas\nPrivacy Officer": two or three capitalised words
        // alone on the line under the sign-off (a credential may follow a comma), none an
        // ordinary or field word, are the writer's name even when no list holds it.
        let end = self.name_end(j);
        let b = self.text.as_bytes();
        let own_line = j > 0 && self.text[self.toks[j - 1].end..self.toks[j].start].contains('\n');
        let line_ends =
            matches!(self.toks[end].after, b'\n' | b',' | b'\r') || self.toks[end].end >= b.len();
        let plain_words = (j..=end).all(|i| {
            self.name_part(i)
                && !c::is_initial(self.toks[i].s)
                && !self.has(i, flag::STOP | flag::CUE | flag::COMMON | flag::NEVER)
                && !self.toks[i].s.bytes().all(|x| x.is_ascii_uppercase())
        });
        if (1..=2).contains(&(end - j)) && own_line && line_ends && plain_words {
            self.remove_toks(
                j,
                end,
                Kind::Name,
                "name alone on the line under a sign-off",
            );
            return true;
        }
        false
    }

    fn is_time(&self, k: usize) -> bool {
        k < self.toks.len() && self.toks[k].class == Class::Plain && c::clock_time(self.toks[k].s)
    }

    /// `10/12/2026  09:15  16:30`: columns of a time sheet, an in and an out time after
    /// the date at `j` (each two or more blanks apart); the hours of a shift are no time
    /// stamp of the date and stay.
    pub(super) fn shift_columns(&self, j: usize) -> bool {
        let column = |a: usize, b: usize| {
            b < self.toks.len() && {
                let gap = &self.text[self.toks[a].end..self.toks[b].start];
                gap.len() >= 2 && gap.bytes().all(|c| c == b' ' || c == b'\t')
            }
        };
        let clock = |k: usize| k < self.toks.len() && c::clock_time(self.toks[k].s);
        column(j, j + 1) && column(j + 1, j + 2) && clock(j + 1) && clock(j + 2)
    }

    /// A date already removed, then a clock time (`11/07/2026 14:10`): the time goes too.
    fn time_after(&mut self, j: usize) {
        let n = j + 1;
        // A registration desk's or a chart's 24-hour time without its colon (`0138`).
        let military = |t: &Tok| {
            let b = t.s.as_bytes();
            t.class == Class::Plain
                && b.len() == 4
                && b.iter().all(u8::is_ascii_digit)
                && (b[0] - b'0') * 10 + (b[1] - b'0') < 24
                && b[2] < b'6'
        };
        let time = self.is_time(n) || n < self.toks.len() && military(&self.toks[n]);
        if time && self.shift_columns(j) {
            return;
        }
        if time
            && self.same_sentence(j, n)
            && self.toks[j].after == b' '
            && self.toks[n].start == self.toks[j].end + 1
        {
            let index = self.toks[j].finding;
            if let Some(f) = self.found.get_mut(index) {
                f.original_span.end = f.original_span.end.max(self.toks[n].end);
                self.toks[n].class = Class::Removed;
                self.toks[n].finding = index;
            }
        }
    }

    /// A plate after its cue: one to three groups of capitals and digits (`HMA 6839`,
    /// `LN95 DJX`, `82-MG-JB`) with a digit somewhere.
    /// "a 2022 Kia Sorento": a model year before a capitalized make, not a plate.
    pub(super) fn model_year(&self, j: usize) -> bool {
        let s = self.toks[j].s;
        s.len() == 4
            && s.parse::<u16>().is_ok_and(|y| (1950..=2039).contains(&y))
            && self.toks[j].after == b' '
            && j + 1 < self.toks.len()
            && self.same_sentence(j, j + 1)
            && c::is_cap_word(self.toks[j + 1].s)
            && j > 0
            && matches!(
                self.toks[j - 1].s.to_ascii_lowercase().as_str(),
                "a" | "an" | "the" | "their" | "his" | "her" | "my" | "our" | "your"
            )
    }

    fn plate_value(&mut self, j: usize) -> bool {
        let group = |e: &Self, k: usize| {
            k < e.toks.len()
                && matches!(
                    e.toks[k].class,
                    Class::Plain | Class::IdLike | Class::LongNumber
                )
                && (1..=12).contains(&e.toks[k].s.len())
                && e.toks[k].s.chars().all(|ch| {
                    // `京C·98027`, `横浜 494 さ 27-55`: letters of scripts without case too.
                    ch.is_ascii_uppercase()
                        || ch.is_ascii_digit()
                        || matches!(ch, '-' | '·')
                        || ch.is_alphabetic()
                            && !ch.is_ascii()
                            && !ch.is_lowercase()
                            && !ch.is_uppercase()
                })
        };
        if !group(self, j) || self.model_year(j) {
            return false;
        }
        let mut end = j;
        while end - j < 3
            && self.toks[end].after == b' '
            && self.same_sentence(j, end + 1)
            && group(self, end + 1)
        {
            end += 1;
        }
        if !(j..=end).any(|k| c::digits(self.toks[k].s) > 0) {
            return false;
        }
        self.remove_toks(j, end, Kind::Vehicle, "number after a license plate cue");
        true
    }
}

/// `06/23`, `23/06`, `6/3`: a month and a day in either order, with no year.
fn day_month(s: &str) -> bool {
    let Some((a, b)) = s.split_once('/') else {
        return false;
    };
    let num =
        |x: &str| (1..=2).contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit()) && x != "0";
    if !num(a) || !num(b) {
        return false;
    }
    let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
    (1..=12).contains(&a) && (1..=31).contains(&b) || (1..=31).contains(&a) && (1..=12).contains(&b)
}

/// Whether a lowercase ASCII word opens the way a login of initials and a surname does and
/// no word does: two consonants that open no word (`dk`, `rj`, `mw`), or three that open none
/// (`shc`, `rjt`), then at least three letters with a vowel among them.
fn glued_initials(l: &str) -> bool {
    const PAIRS: &[&str] = &[
        "bl", "br", "ch", "cl", "cr", "cz", "dh", "dr", "dw", "dz", "fl", "fr", "gh", "gl", "gn",
        "gr", "gw", "hr", "kh", "kl", "kn", "kr", "ll", "ph", "pf", "pl", "pr", "ps", "pt", "qu",
        "rh", "sc", "sf", "sh", "sk", "sl", "sm", "sn", "sp", "sr", "st", "sv", "sw", "sz", "th",
        "tr", "ts", "tw", "tz", "vl", "vr", "wh", "wr", "zh", "zl", "zw", "zv", "zd", "zb", "zm",
        "zn", "zr", "zs", "gj", "dj", "nj", "lj", "kj", "bj", "fj", "sj", "tj", "vj", "mn", "ps",
        "ks", "wl", "wz", "wsz", "hv", "hj", "vz", "ng", "nd", "mb", "mp", "ts",
    ];
    const TRIPLES: &[&str] = &[
        "str", "spr", "spl", "scr", "sch", "shr", "thr", "chr", "phr", "squ", "skr", "skl", "szcz",
        "szt", "spj", "sth", "phl", "chl", "ngr", "pfl", "pfr", "wsz", "wsp", "wsk", "prz", "trz",
        "krz", "brz", "drz", "grz", "chw", "zdr", "zbr", "vzd", "zgr", "skv", "stv", "tsch",
    ];
    let b = l.as_bytes();
    if !(5..=24).contains(&b.len()) || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let lead = b.iter().take_while(|&&c| !vowel(c)).count();
    let rest = &b[lead.min(b.len())..];
    if rest.len() < 3 {
        return false;
    }
    match lead {
        2 => !PAIRS.contains(&&l[..2]),
        // Four or more (`rjtrub`): only a few words open so (`strz`, `szcz`, `schw`), each
        // with a listed three.
        3.. => !TRIPLES.iter().any(|t| l.starts_with(t)),
        _ => false,
    }
}

/// Whether `w` is a one-word computer or workstation cue ([`Cue::HostWeak`]) of a script
/// beyond ASCII, or (with `glued`) a word of such a script ending in one, as a language
/// written without spaces glues "from" to it.
fn computer_word(w: &str, glued: bool) -> bool {
    use std::sync::OnceLock;
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    if w.is_ascii() || w.len() > 96 {
        return false;
    }
    let words = WORDS.get_or_init(|| one_word_cues_beyond_ascii(Cue::HostWeak));
    let w = w.to_lowercase();
    words
        .iter()
        .any(|c| w == *c || glued && w.len() > c.len() && w.ends_with(c))
}

/// `Д.Оюунцэцэг`, `Т.Алтан-Очир`, `J.Smith`: one capital letter, a dot, then a name of a
/// capital and lowercase letters (its parts joined by hyphens), as one token.
fn initial_dot_name(s: &str) -> bool {
    let mut chars = s.chars();
    let (Some(first), Some('.')) = (chars.next(), chars.next()) else {
        return false;
    };
    let rest = chars.as_str();
    first.is_uppercase()
        && s.len() <= 48
        && rest.chars().count() >= 3
        && rest.split('-').all(|part| {
            let mut cs = part.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().count() >= 1
                && cs.all(char::is_lowercase)
        })
}

/// Whether `w` (beyond ASCII, at most 120 bytes) ends in a one-word role cue
/// ([`Cue::Role`]) of a script beyond ASCII with other letters glued before it.
fn glued_role_word(w: &str) -> bool {
    use std::sync::OnceLock;
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    if w.is_ascii() || w.len() > 120 {
        return false;
    }
    let words = WORDS.get_or_init(|| one_word_cues_beyond_ascii(Cue::Role));
    words.iter().any(|c| w.len() > c.len() && w.ends_with(c))
}

/// The one-word cues of `kind` written beyond ASCII, sorted and without repeats.
fn one_word_cues_beyond_ascii(kind: Cue) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = crate::vocab::vocab()
        .cues
        .values()
        .flatten()
        .filter(|(words, cue)| words.len() == 1 && *cue == kind && !words[0].is_ascii())
        .map(|(words, _)| words[0])
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `ТЭ90031547`: one to three capital letters of a script beyond ASCII, then
/// six to fourteen ASCII digits, the shape of a national number in a Cyrillic (or Greek,
/// Armenian...) register after its label.
fn script_letters_then_digits(s: &str) -> bool {
    let letters = s.chars().take_while(|ch| ch.is_uppercase()).count();
    let rest = s.trim_start_matches(char::is_uppercase);
    (1..=3).contains(&letters)
        && !s.is_ascii()
        && (6..=14).contains(&rest.len())
        && rest.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn role_and_label_words_of_less_resourced_languages_announce_a_name() {
        check(&[
            (
                "Mokuli Palesa Nthako o ile a letsetsoa.\n",
                "Mokuli [NAME] o ile a letsetsoa.\n",
            ),
            ("Lebitso: Palesa Nthako\n", "Lebitso: [NAME]\n"),
            (
                "Omukozi KATO Yusufu yaggulawo fayiro.\n",
                "Omukozi [NAME] yaggulawo fayiro.\n",
            ),
            (
                "ebiwandiiko bya muliraanwa we OKELLO Peter, abeera\n",
                "ebiwandiiko bya muliraanwa we [NAME], abeera\n",
            ),
            (
                "Tus neeg mob Pa Xiong (yug 03/02/1970) hu\n",
                "Tus neeg mob [NAME] (yug [DATE]) hu\n",
            ),
            (
                "Meiwurker Gerrit Hoekstra (brûkersnamme ghoekstra) iepene\n",
                "Meiwurker [NAME] (brûkersnamme [USER]) iepene\n",
            ),
            (
                "Mosebeletsi Palesa (lebitso la mosebedisi pnthako) o butse\n",
                "Mosebeletsi [NAME] (lebitso la mosebedisi [USER]) o butse\n",
            ),
            ("ስም: ዳዊት ሃብተ\n", "ስም: [NAME]\n"),
            // The same words before an ordinary lowercase word announce nothing.
            (
                "Igama lakhe lithi uhambile.\n",
                "Igama lakhe lithi uhambile.\n",
            ),
            (
                "Lebitso la hae le hlahile.\n",
                "Lebitso la hae le hlahile.\n",
            ),
            ("Namme fan it bestân.\n", "Namme fan it bestân.\n"),
        ]);
    }

    #[test]
    fn a_caseless_name_runs_across_the_blocks_of_its_script() {
        check(&[
            // Ethiopic letters from two blocks of 128 (`ሳባ`, `ዳዊት`) are one name.
            ("ሕሙም ዳዊት ሃብተ (ዕለት\n", "ሕሙም [NAME] (ዕለት\n"),
            // Tibetan syllables joined by the tsheg are one word of the script.
            ("ནད་པ་ བསོད་ནམས་རྡོ་རྗེ (སྐྱེས\n", "ནད་པ་ [NAME] (སྐྱེས\n"),
            // A Tibetan role word glued to the word before it; the name is one token of
            // syllables, and one syllable alone is no name.
            ("ནས་ནད་པ་ བསོད་ནམས (ཡི\n", "ནས་ནད་པ་ [NAME] (ཡི\n"),
            ("ནས་ནད་པ་ ཡག (ཡི\n", "ནས་ནད་པ་ ཡག (ཡི\n"),
            // A Sindhi genitive after the name ends it; alone after the role word it is no
            // name.
            (
                "پنهنجي پاڙيسري عمران جتوئي جو رڪارڊ کوليو\n",
                "پنهنجي پاڙيسري [NAME] جو رڪارڊ کوليو\n",
            ),
            ("پاڙيسري جو رڪارڊ کوليو\n", "پاڙيسري جو رڪارڊ کوليو\n"),
        ]);
    }

    #[test]
    fn an_address_line_goes_on_past_a_street_abbreviation() {
        check(&[
            (
                "Alamat: Jl. Merdeka No. 12, Cirebon 45111\nTelpon: 0812 3456 7890\n",
                "Alamat: [ADDRESS]\nTelpon: [PHONE]\n",
            ),
            // A full stop at a line's end still ends the address.
            ("Alamat kantor di Jl.\n", "Alamat kantor di Jl.\n"),
        ]);
    }

    #[test]
    fn a_layout_of_digit_groups_after_an_identifier_label_is_one_number() {
        check(&[
            (
                "goulennet an niverenn surentez sokial 1 34 01 56 382 625 37.\n",
                "goulennet an niverenn surentez sokial [SSN].\n",
            ),
            ("CIN: 887 829 953 165\n", "CIN: [SSN]\n"),
            ("SSN 1 2 3 4 5 6 7 8 9 ok\n", "SSN [SSN] ok\n"),
            // Too few digits for an identifier: short groups stay.
            ("ID number 12 34 on file\n", "ID number 12 34 on file\n"),
            // The layout stops at the line's end and at a time after a word.
            ("MRN 1234 5678 9012 at 10:30\n", "MRN [MRN] at 10:30\n"),
        ]);
    }

    #[test]
    fn a_phone_after_its_cue_ends_at_a_closing_bracket() {
        check(&[
            (
                "Telefono: 987 654 321) 912 345 678 ninmi\n",
                "Telefono: [PHONE]) 912 345 678 ninmi\n",
            ),
            // An area code's own brackets do not end it.
            ("Phone: (0787) 525-8936\n", "Phone: [PHONE]\n"),
        ]);
    }

    #[test]
    fn a_host_name_after_a_computer_word_of_another_language() {
        check(&[
            (
                "Faili lilifunguliwa kwenye kompyuta WARD3-PC07 jana.\n",
                "Faili lilifunguliwa kwenye kompyuta [INTERNAL-HOST] jana.\n",
            ),
            (
                "ໄຟລ໌ຖືກເປີດຈາກ ຄອມພິວເຕີ LABWS0912 ແລ້ວ\n",
                "ໄຟລ໌ຖືກເປີດຈາກ ຄອມພິວເຕີ [INTERNAL-HOST] ແລ້ວ\n",
            ),
            (
                "Otvoreno na radna stanica ortvm55.\n",
                "Otvoreno na radna stanica [INTERNAL-HOST].\n",
            ),
            // A word with no digit or hyphen after it is an ordinary word; an address
            // after it stays an indicator.
            (
                "Kompyuta mpya ilinunuliwa.\n",
                "Kompyuta mpya ilinunuliwa.\n",
            ),
            ("ຄອມພິວເຕີ 8.8.8.8 ຖືກບລັອກ\n", "ຄອມພິວເຕີ 8.8.8.8 ຖືກບລັອກ\n"),
        ]);
    }

    #[test]
    fn a_host_name_before_a_computer_word_or_after_one_glued_to_from() {
        check(&[
            // Mongolian: the name, then "from the computer".
            (
                "файлыг WARDKIOSK77 компьютерээс нээсэн.\n",
                "файлыг [INTERNAL-HOST] компьютерээс нээсэн.\n",
            ),
            // Lao: "from" glued to "computer".
            (
                "ເປີດຈາກຄອມພິວເຕີ LABSRV4410 ແລ້ວ\n",
                "ເປີດຈາກຄອມພິວເຕີ [INTERNAL-HOST] ແລ້ວ\n",
            ),
            // A technique id or a word with too few letters stays; so does a CVE.
            (
                "T1059 компьютерээс, CVE-2024-1234 компьютер\n",
                "T1059 компьютерээс, CVE-2024-1234 компьютер\n",
            ),
        ]);
    }

    #[test]
    fn a_caseless_name_ends_at_a_particle_and_an_initial_may_be_glued() {
        check(&[
            // Gujarati: patient <two words> then the ergative particle.
            (
                "દર્દી મીના દેસાઈ એ ફરિયાદ કરી.\n",
                "દર્દી [NAME] એ ફરિયાદ કરી.\n",
            ),
            // A particle right after the role word: no name.
            ("मरीज़ ने शिकायत की\n", "मरीज़ ने शिकायत की\n"),
            (
                "Бүртгэсэн: Д.Оюунцэцэг, тасаг.\n",
                "Бүртгэсэн: [NAME], тасаг.\n",
            ),
            // A lowercase word after the initial's dot is no name.
            ("Бүртгэсэн: д.эмнэлэг\n", "Бүртгэсэн: д.эмнэлэг\n"),
        ]);
    }

    #[test]
    fn khmer_punctuation_ends_a_word_and_a_name_after_the_patient_word_goes() {
        check(&[
            ("អ្នកជំងឺ: សុខ វណ្ណា\n", "អ្នកជំងឺ: [NAME]\n"),
            ("អ្នកពិនិត្យ៖ កែវ ចន្ថា។\n", "អ្នកពិនិត្យ៖ [NAME]។\n"),
        ]);
    }

    #[test]
    fn a_name_after_a_role_word_glued_to_the_words_before_it() {
        check(&[
            (
                "ໄດ້ເປີດແຟ້ມຂອງຄົນເຈັບ ບົວລີ ສີສຸວັນ (ບັດ 1) ແລ້ວ\n",
                "ໄດ້ເປີດແຟ້ມຂອງຄົນເຈັບ [NAME] (ບັດ 1) ແລ້ວ\n",
            ),
            // Words going on past three are a sentence; a word with no role in it stays.
            (
                "ໄດ້ເປີດແຟ້ມຂອງຄົນເຈັບ ແລະ ໄດ້ ສົ່ງ ຕໍ່ ໄປ\n",
                "ໄດ້ເປີດແຟ້ມຂອງຄົນເຈັບ ແລະ ໄດ້ ສົ່ງ ຕໍ່ ໄປ\n",
            ),
            ("ໄດ້ເປີດແຟ້ມ ບົວລີ ສີສຸວັນ (ບັດ 1)\n", "ໄດ້ເປີດແຟ້ມ ບົວລີ ສີສຸວັນ (ບັດ 1)\n"),
        ]);
    }

    #[test]
    fn a_name_after_recorded_by_in_a_caseless_script() {
        check(&[
            ("ບັນທຶກໂດຍ: ສີດາ ບຸບຜາ, ກວດແລ້ວ.\n", "ບັນທຶກໂດຍ: [NAME], ກວດແລ້ວ.\n"),
            ("ದಾಖಲಿಸಿದವರು: ಸುಮಾ ಹೊನ್ನಪ್ಪ, ಸರಿ.\n", "ದಾಖಲಿಸಿದವರು: [NAME], ಸರಿ.\n"),
            (
                "Zabilježila: Lejla Zubović, odjel.\n",
                "Zabilježila: [NAME], odjel.\n",
            ),
            // "Recorded by" before an ordinary lowercase word names no one.
            (
                "Zabilježila je sve podatke.\n",
                "Zabilježila je sve podatke.\n",
            ),
        ]);
    }

    #[test]
    fn a_national_id_after_its_label_in_more_scripts() {
        check(&[
            (
                "Регистрийн дугаар: ТЭ90031547\n",
                "Регистрийн дугаар: [SSN]\n",
            ),
            // A Cyrillic word with no digits after the label is no number.
            (
                "Регистрийн дугаар: байхгүй\n",
                "Регистрийн дугаар: байхгүй\n",
            ),
            ("ਆਧਾਰ: 4821 7730 1945\n", "ਆਧਾਰ: [SSN]\n"),
            // The label alone before a word is no id.
            ("ਆਧਾਰ ਕਾਰਡ ਗੁੰਮ ਗਿਆ\n", "ਆਧਾਰ ਕਾਰਡ ਗੁੰਮ ਗਿਆ\n"),
        ]);
    }

    #[test]
    fn an_unlisted_name_alone_under_a_sign_off_goes_and_a_team_name_stays() {
        check(&[
            (
                "Done.\n\nThanks,\nQuorvel Brandsma\nPrivacy Officer\n",
                "Done.\n\nThanks,\n[NAME]\nPrivacy Officer\n",
            ),
            (
                "Done.\n\nThanks,\nQuorvel Brandsma, RHIA\n",
                "Done.\n\nThanks,\n[NAME], RHIA\n",
            ),
            (
                "Done.\n\nRegards,\nHelp Desk\nIT\n",
                "Done.\n\nRegards,\nHelp Desk\nIT\n",
            ),
        ]);
    }

    #[test]
    fn extensions_and_health_index_numbers_by_their_names_in_other_languages() {
        check(&[
            (
                "poziv na lokal 4417.\ncontacto:\n  anexo: 5208\n",
                "poziv na lokal [PHONE].\ncontacto:\n  anexo: [PHONE]\n",
            ),
            (
                "Client: seen today (NHI QRT4821), 40 yrs.",
                "Client: seen today (NHI [HEALTH-PLAN-ID]), 40 yrs.",
            ),
            // An extension alone goes with its word; after a number, or with no dot, the
            // word stays.
            (
                "Thanks, the desk (ext. 4417)\nCall 555-201-0199 ext. 12 now, or ext 4418",
                "Thanks, the desk ([PHONE])\nCall [PHONE] ext. [PHONE] now, or ext [PHONE]",
            ),
        ]);
    }

    #[test]
    fn a_key_after_a_user_cue_stays() {
        check(&[(
            "sasl_method=LOGIN, sasl_username=qmarsh7\n",
            "sasl_method=LOGIN, sasl_username=[INTERNAL-HOST]\n",
        )]);
    }

    #[test]
    fn a_postcode_cue_of_other_countries_and_the_town_before_it() {
        check(&[(
            "Enviado desde la oficina, San Odalys de la Sierra, C.P. 45123, ayer.\nPLZ 80331 hier\n",
            "Enviado desde la oficina, [CITY], C.P. [ZIP], ayer.\nPLZ [ZIP] hier\n",
        )]);
    }

    #[test]
    fn a_key_after_an_empty_host_field_is_no_host() {
        check(&[(
            "type=USER_LOGIN msg=audit(1.2:3): op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=10.20.30.40 terminal=ssh res=failed",
            "type=USER_LOGIN msg=audit(1.2:3): op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=[INTERNAL-IP] terminal=ssh res=failed",
        )]);
    }

    #[test]
    fn patient_words_of_other_languages_and_caseless_names() {
        check(&[
            (
                "Pacient afectat: Ilinca Vornicu, CNP 1234567890123, internat ieri.\n",
                "Pacient afectat: [NAME], CNP [SSN], internat ieri.\n",
            ),
            (
                "Pasien terdampak: Wulan Sasmito, dirawat di bangsal.\n",
                "Pasien terdampak: [NAME], dirawat di bangsal.\n",
            ),
            (
                "المريض: سامي القرنفلي، رقم الملف محفوظ\n",
                "المريض: [NAME]، رقم الملف محفوظ\n",
            ),
            ("מטופל: יואב שקדי, חדר 4\n", "מטופל: [NAME], חדר 4\n"),
            (
                "ผู้ป่วย: สมศรี ใจงาม เลขประจำตัว ไม่ทราบ\n",
                "ผู้ป่วย: [NAME] เลขประจำตัว ไม่ทราบ\n",
            ),
            (
                "Patient अनिता कुलकर्णी, 71 y/o. Caregiver रवि कुलकर्णी present.\n",
                "Patient [NAME], 71 y/o. Caregiver [NAME] present.\n",
            ),
            // Without a colon a role word may open a sentence that goes on.
            (
                "المريض يعاني من ألم شديد في الصدر منذ الصباح الباكر\n",
                "المريض يعاني من ألم شديد في الصدر منذ الصباح الباكر\n",
            ),
            // An honorific before a name in a caseless script.
            ("ติดต่อ คุณ วิไล แสงทอง แล้ว\n", "ติดต่อ คุณ [NAME] แล้ว\n"),
        ]);
    }

    #[test]
    fn a_number_after_the_word_for_telephone_in_other_languages_goes() {
        check(&[
            (
                "Pacient sunat, telefon 0331 447 120, a confirmat.",
                "Pacient sunat, telefon [PHONE], a confirmat.",
            ),
            (
                "Patient notified on the ward, τηλ. 231 0447120.",
                "Patient notified on the ward, τηλ. [PHONE].",
            ),
            ("ผู้ป่วย โทร 0 4471 2093 แล้ว", "ผู้ป่วย โทร [PHONE] แล้ว"),
            (
                "Patient called, тел. 8 (412) 447-1209.",
                "Patient called, тел. [PHONE].",
            ),
            (
                "Pasien, telepon (0412) 447-1209.",
                "Pasien, telepon [PHONE].",
            ),
            // A count after the word stays.
            ("telefon 3 times", "telefon 3 times"),
            (
                "blocked at the edge. ping me at 693 852 790",
                "blocked at the edge. ping me at [PHONE]",
            ),
            (
                "call our helpline at 885 007 369 today",
                "call our helpline at [PHONE] today",
            ),
            ("ping me at 5 if it fails", "ping me at 5 if it fails"),
        ]);
    }

    #[test]
    fn a_record_number_after_its_name_in_other_languages_goes() {
        check(&[
            (
                "die Akte (Fallnr. QX120912/9, Station 4) war offen",
                "die Akte (Fallnr. [MRN], Station 4) war offen",
            ),
            ("ticket (IPP E9197152) ouvert", "ticket (IPP [MRN]) ouvert"),
            ("the IPP field was empty", "the IPP field was empty"),
        ]);
    }

    #[test]
    fn a_patients_next_visit_goes_with_its_time() {
        check(&[
            (
                "Supplies ok. Next visit 06/23 21:18.\n",
                "Supplies ok. Next visit [DATE].\n",
            ),
            ("Next visit 06/23 pending\n", "Next visit 06/23 pending\n"),
        ]);
    }

    #[test]
    fn a_clinical_notes_title_time_goes() {
        check(&[
            (
                "Ward 4 — event note — 2025-03-02T04:10:00Z\nPt seen.\n",
                "Ward 4 — event note — [DATE]\nPt seen.\n",
            ),
            // A time inside a sentence after the word is a log's.
            (
                "see note 2025-03-02T04:10:00Z for the beacon list\n",
                "see note 2025-03-02T04:10:00Z for the beacon list\n",
            ),
        ]);
    }

    #[test]
    fn a_time_after_a_persons_date_goes_with_it_colon_or_not() {
        check(&[
            (
                "ARRIVED: 10/31/2025 0138 by ambulance\n",
                "ARRIVED: [DATE] by ambulance\n",
            ),
            // A count after the date is no time.
            ("Admitted 10/31/2025 2 times\n", "Admitted [DATE] 2 times\n"),
        ]);
    }

    #[test]
    fn a_national_identity_number_after_its_own_name_goes() {
        check(&[
            (
                "Pacientka, rodné číslo 445512/0417, volala.",
                "Pacientka, rodné číslo [SSN], volala.",
            ),
            (
                "Patient record, СНИЛС 112-233-445 95, seen.",
                "Patient record, СНИЛС [SSN], seen.",
            ),
            (
                "Pacjent, PESEL 44051401458, dzwonił.",
                "Pacjent, PESEL [SSN], dzwonił.",
            ),
            (
                "المريض، رقم الهوية 1044712093، ransomware",
                "المريض، رقم الهوية [SSN]، ransomware",
            ),
            // The name of the number alone, with no number, stays.
            ("the PESEL field was empty", "the PESEL field was empty"),
            (
                "Pasient, fnr. 010290 12345, ringte.",
                "Pasient, fnr. [SSN], ringte.",
            ),
            (
                "Pacient (nar. 1.2.1990, RČ 900201/1234), volal.",
                "Pacient (nar. [DATE], RČ [SSN]), volal.",
            ),
            (
                "Paciente rut: 12.345.678-5 llamó.",
                "Paciente rut: [SSN] llamó.",
            ),
            (
                "Pacijent, OIB 12345678903, zvao.",
                "Pacijent, OIB [SSN], zvao.",
            ),
            (
                "Patient record, РНОКПП 1234567890, seen.",
                "Patient record, РНОКПП [SSN], seen.",
            ),
            (
                "Employee SSN last four 1234. Badge",
                "Employee SSN last four [SSN]. Badge",
            ),
            // The name alone, and a word that merely starts like it, stay.
            (
                "the OIB field and the rutine",
                "the OIB field and the rutine",
            ),
        ]);
    }

    #[test]
    fn a_health_card_number_after_its_own_name_goes() {
        check(&[
            (
                "Beteg (TAJ 123 456 789), lakcím",
                "Beteg (TAJ [HEALTH-PLAN-ID]), lakcím",
            ),
            (
                "patiente (RAMQ ABCD 1234 5678), a reçu",
                "patiente (RAMQ [HEALTH-PLAN-ID]), a reçu",
            ),
            (
                // The card's scheme name heads the number: both go.
                "Gaixoa: Ane, TIS 48120735, tel. bat",
                "Gaixoa: [NAME], [HEALTH-PLAN-ID], tel. bat",
            ),
            (
                "nimewo asirans Q481207353 07, mèsi",
                "nimewo asirans [HEALTH-PLAN-ID], mèsi",
            ),
            (
                "Versichertennummer K480217735 liegt vor",
                "Versichertennummer [HEALTH-PLAN-ID] liegt vor",
            ),
            (
                "تطلب رقم التأمين Q481207353 07. العنوان",
                "تطلب رقم التأمين [HEALTH-PLAN-ID]. العنوان",
            ),
            // A long id takes one short check group after it, not the next number.
            (
                "insurance ID Q481207353 07 and 12 more",
                "insurance ID [HEALTH-PLAN-ID] and 12 more",
            ),
            // Capitals with no digits after them are no card number.
            ("the RAMQ TEAM was told", "the RAMQ TEAM was told"),
            // Capitals after another cue are a label of their own, not the value.
            (
                "the chart (MRN 12345678) was open",
                "the chart (MRN [MRN]) was open",
            ),
        ]);
    }

    #[test]
    fn a_number_after_cb_is_a_call_back_number() {
        check(&[
            (
                "caller asked for a refill, cb (04411) 278315 after 5",
                "caller asked for a refill, cb [PHONE] after 5",
            ),
            ("replaced cb 12 on panel B", "replaced cb 12 on panel B"),
        ]);
    }

    #[test]
    fn a_login_of_two_initials_and_a_surname_or_after_a_user_word_of_another_language() {
        check(&[
            (
                "EDR alert on the kiosk, user kbhughes, at noon.",
                "EDR alert on the kiosk, user [USER], at noon.",
            ),
            (
                "Benutzer mara.holt hat eine Mail geöffnet.",
                "Benutzer [USER] hat eine Mail geöffnet.",
            ),
            (
                "The user reported the popup.",
                "The user reported the popup.",
            ),
            ("Account expires Never", "Account expires Never"),
            (
                "msg=User Nikita Rossi logged in",
                "msg=User [NAME] logged in",
            ),
        ]);
    }

    #[test]
    fn a_pager_number_after_page_to() {
        check(&[
            (
                "PAGE to 54074: call the charge desk now.",
                "PAGE to [PHONE]: call the charge desk now.",
            ),
            (
                "The page took 1200 ms to load.",
                "The page took 1200 ms to load.",
            ),
        ]);
    }

    #[test]
    fn a_surname_with_a_particle_after_a_title() {
        check(&[
            ("Seen by Dr. von Ahlen today.", "Seen by Dr. [NAME] today."),
            (
                "Consult from Dr. al-Rashid and Dr. de Jong.",
                "Consult from Dr. [NAME] and Dr. [NAME].",
            ),
        ]);
    }

    #[test]
    fn a_record_number_in_a_dotted_layout() {
        check(&[(
            "Patient stable (585.510.00). Total 12.500.000 units; build 10.0.19045.",
            "Patient stable ([MRN]). Total 12.500.000 units; build 10.0.19045.",
        )]);
    }

    #[test]
    fn a_speakers_first_word_is_not_a_name() {
        check(&[(
            "The queue is Nurse Line.\nCALLER: Yeah it's about my mother.\nCALLER: Somebody called me.\n",
            "The queue is Nurse Line.\nCALLER: Yeah it's about my mother.\nCALLER: Somebody called me.\n",
        )]);
    }

    #[test]
    fn role_words_of_many_languages_announce_a_name() {
        check(&[
            (
                "Mgonjwa: Zawadi Mwangi alilazwa jana.\n",
                "Mgonjwa: [NAME] alilazwa jana.\n",
            ),
            (
                "Darbuotoja Rūta Jankauskienė atidarė laišką.\n",
                "Darbuotoja [NAME] atidarė laišką.\n",
            ),
            (
                "Paratowyd gan Ffion Rhydderch.\n",
                "Paratowyd gan [NAME].\n",
            ),
            // A cue word past 32 bytes, and the danda closing the sentence.
            ("প্রস্তুতকারী: সুমন দাশ।\n", "প্রস্তুতকারী: [NAME]।\n"),
            // Capitalized at the start of a line: a Cyrillic capital is matched too.
            (
                "Сотрудник Андрей Волков открыл вложение.\n",
                "Сотрудник [NAME] открыл вложение.\n",
            ),
        ]);
    }

    #[test]
    fn a_surname_in_capitals_before_the_given_name_after_a_role_word() {
        check(&[
            (
                "Pacientas: KAZLAUSKAS Ona, gimė vakar.\n",
                "Pacientas: [NAME], gimė vakar.\n",
            ),
            (
                "Othar: Ó BRAONÁIN Síle, guthán ina dhiaidh.\n",
                "Othar: [NAME], guthán ina dhiaidh.\n",
            ),
            (
                "Mfanyakazi OTIENO Baraka (obaraka) alifungua faili.\n",
                "Mfanyakazi [NAME] ([USER]) alifungua faili.\n",
            ),
            // An English role word without its colon, and a run that goes on with a number,
            // announce no name in capitals.
            (
                "Pt's POA Wellbeing called back.\n",
                "Pt's POA Wellbeing called back.\n",
            ),
            (
                "Patient: ICU Bed 4 was cleaned.\n",
                "Patient: ICU Bed 4 was cleaned.\n",
            ),
        ]);
    }

    #[test]
    fn a_number_headed_by_its_schemes_name_goes_with_the_name() {
        check(&[
            (
                "Patient Ana Lopes, CNS 1234567890123, lives nearby.",
                "Patient [NAME], [HEALTH-PLAN-ID], lives nearby.",
            ),
            (
                "Card holder: PHN 44556677; plan renewed.",
                "Card holder: [HEALTH-PLAN-ID]; plan renewed.",
            ),
            (
                "Claim filed under NHIA/55512340 yesterday.",
                "Claim filed under [HEALTH-PLAN-ID] yesterday.",
            ),
            (
                "Doctor stamp: LANR 998877665, RPPS 10101010101.",
                "Doctor stamp: [LICENSE], [LICENSE].",
            ),
            (
                "Acct FIN 555666777 was closed.",
                "Acct [ACCOUNT] was closed.",
            ),
            (
                "Pasien dirujuk, e-card 1122334455.",
                "Pasien dirujuk, [HEALTH-PLAN-ID].",
            ),
            // A label's colon: the name is a label and stays.
            ("FIN: 4433221100", "FIN: [ID]"),
            // The same capitals before no number, a host name or a short count stay.
            (
                "The FIN team met about FIN-PC33 and CVE-2024-12345 on port 445.",
                "The FIN team met about FIN-PC33 and CVE-2024-12345 on port 445.",
            ),
            ("CNS 2024 budget review", "CNS 2024 budget review"),
        ]);
    }

    #[test]
    fn national_numbers_of_more_countries_after_their_names() {
        check(&[
            (
                "Client Tom Hale, national insurance number QQ 12 34 56 C, called.",
                "Client [NAME], national insurance number [SSN], called.",
            ),
            (
                "Patientin, Matricule 1987 0412 44556, wohnhaft.",
                "Patientin, Matricule [SSN], wohnhaft.",
            ),
            (
                "Patient, SV-Nr. 1234 010180, wohnhaft.",
                "Patient, SV-Nr. [SSN], wohnhaft.",
            ),
            (
                "Patient, AHV-Nr. 756.1111.2222.33, wohnhaft.",
                "Patient, AHV-Nr. [SSN], wohnhaft.",
            ),
            (
                "நோயாளி, ஆதார் 1111 2222 3333, முகவரி",
                "நோயாளி, ஆதார் [SSN], முகவரி",
            ),
            (
                "Aadhaar 1234 5678 9012 on the intake form.",
                "Aadhaar [SSN] on the intake form.",
            ),
            ("ታካሚ፣ ፋይዳ 1234 5678 9012፣ ሌላ", "ታካሚ፣ ፋይዳ [SSN]፣ ሌላ"),
            // Pairs of digits after capitals with no national insurance cue stay; so do
            // event ids, counts, ports and versions.
            (
                "Build QQ 12 34 56 of the release notes.",
                "Build QQ 12 34 56 of the release notes.",
            ),
            (
                "Event 4625 logged 12 times on port 445 (version 10.0.19045).",
                "Event 4625 logged 12 times on port 445 (version 10.0.19045).",
            ),
        ]);
    }
}
