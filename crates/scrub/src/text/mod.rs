//! Free-text scrubbing. The text is cut into tokens once; each token is judged by its shape
//! (an address, a hash, a long number), then context rules run left to right over the
//! tokens (cues such as "MRN" or "Dr.", dates, street addresses, names), and last the
//! undecided tokens are settled. Indicators are marked first so no later rule touches them.

use crate::vocab::{flag, vocab, Vocab};
use crate::{Finding, Indicator, IndicatorKind, Kind, Scrubbed, Scrubber};

mod address;
mod agree;
mod attacker;
mod audit;
mod context;
mod cues;
mod dates;
mod dicom;
mod fhir;
mod fields;
mod hl7;
mod keys;
mod machine_ids;
mod measures;
mod mentions;
mod names;
mod ncpdp;
mod org;
mod paperwork;
mod personal_ip;
mod place_spans;
pub(crate) mod places;
mod profile;
mod report;
mod rows;
mod settle;
mod shapes;
mod spoken;
mod structured;
mod tokenize;
mod web;
mod x12;
mod zeek;

pub(crate) use org::{org_initials, squash, strip_possessive};
use personal_ip::ClientAddress;
use tokenize::{same_kind_word, tokenize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// An ordinary word, open to every rule.
    Plain,
    /// An attack indicator: kept verbatim, no rule may touch it.
    Protected,
    /// A threat name: kept, except right after a title ("Dr. Akira").
    Threat,
    /// Already covered by a finding.
    Removed,
    /// An address on an outside domain: kept or removed by its context.
    OutsideEmail,
    /// Six or more digits: an identifier unless context says it is a count.
    LongNumber,
    /// A code of letters and five or more digits: an identifier unless a cue says more.
    IdLike,
}

struct Tok<'a> {
    s: &'a str,
    start: usize,
    end: usize,
    /// The byte right after the raw token (a delimiter, or `\n` at the end of the text).
    after: u8,
    /// The first punctuation trimmed off the end of the token, or 0.
    trail: u8,
    sent: u32,
    class: Class,
    /// Index in `Engine::found` of the finding that removed this token, if one did.
    finding: usize,
    /// The word lists the lowercased token is on (`vocab::flag` bits).
    flags: u32,
}

const NO_FINDING: usize = usize::MAX;

struct Engine<'a> {
    scrubber: &'a Scrubber,
    v: &'static Vocab,
    toks: Vec<Tok<'a>>,
    found: Vec<Finding>,
    indicators: Vec<Indicator>,
    text: &'a str,
    /// `text` with its ASCII letters lowercased, byte for byte: a token's lowercase form is
    /// the same range of it, with no copy and no UTF-8 check per lookup.
    lowered: &'a str,
    /// The names and logins an earlier window of the same text found, when the text is
    /// scrubbed in windows; this window's are added to it.
    carry: Option<&'a mut Carry>,
    /// Whether a lowercase word is a login built from a name (`login_from_name`): words
    /// repeat, the lists are searched once per distinct word.
    login_memo: foldhash::HashMap<&'a str, bool>,
    /// Public addresses a record names as the client of someone's session, decided once the
    /// whole document is read (`personal_ip.rs`).
    client_addresses: Vec<ClientAddress>,
    /// What a log or JSON key that is no user or host key names (`keys.rs`), by key.
    key_kinds: foldhash::HashMap<&'a str, Option<Kind>>,
    /// Where each line of `text` ends (`rows::line_ends`), for the passes that walk lines.
    line_ends: &'a [usize],
    /// Whether the document's lowercase holds a word for forwarding mail
    /// (`settle.rs` `forwarding_rule_target`), decided at the first outside address.
    forward_words: std::cell::OnceCell<bool>,
}

pub use mentions::Carry;

pub fn scrub(scrubber: &Scrubber, text: &str, carry: Option<&mut Carry>) -> Scrubbed {
    let lowered = text.to_ascii_lowercase();
    let line_ends = rows::line_ends(text);
    let mut engine = Engine {
        scrubber,
        v: vocab(),
        toks: tokenize(text),
        found: Vec::new(),
        indicators: Vec::new(),
        text,
        lowered: &lowered,
        carry,
        login_memo: foldhash::HashMap::default(),
        client_addresses: Vec::new(),
        key_kinds: foldhash::HashMap::default(),
        line_ends: &line_ends,
        forward_words: std::cell::OnceCell::new(),
    };
    // Capitalized words repeat within a document: each is looked up in the public lists
    // once.
    let mut seen: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    for t in &mut engine.toks {
        t.flags = match lowered_word(engine.lowered, t) {
            Some(l) => engine.v.flags.get(l).copied().unwrap_or(0),
            // Too long for any list: never a name either, unless it is a cue word of a
            // script of three bytes a letter (`প্রস্তুতকারী`), looked up as written.
            None => engine
                .v
                .flags
                .get(t.s)
                .copied()
                .filter(|f| f & (flag::CUE | flag::ADDRESS_CUE) != 0)
                .unwrap_or(flag::NEVER),
        };
        if t.s
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_ascii())
        {
            let flags = t.flags;
            t.flags |= *seen
                .entry(t.s)
                .or_insert_with(|| gazetteer_flags(t.s, flags));
        }
    }
    engine.cef_headers();
    engine.zeek_protect();
    engine.dns_wire_names();
    for k in 0..engine.toks.len() {
        engine.classify(k);
    }
    engine.web_requests();
    // A placeholder left by an earlier pass (`[INTERNAL-HOST]`) is already scrubbed: scrubbing
    // twice must give the same text, so no rule may take its inner word for an identifier.
    let bytes = text.as_bytes();
    for t in &mut engine.toks {
        let framed =
            t.start > 0 && bytes.get(t.start - 1) == Some(&b'[') && bytes.get(t.end) == Some(&b']');
        if framed
            && crate::Kind::ALL
                .iter()
                .any(|k| k.placeholder().get(1..k.placeholder().len() - 1) == Some(t.s))
        {
            t.class = Class::Protected;
        }
    }
    engine.remote_partner_ids();
    engine.diverted_account();
    engine.demanded_iban();
    engine.actor_names();
    engine.apply_numeric(text);
    engine.attacker_payment_ids();
    engine.national_ids();
    engine.home_addresses();
    engine.card_last_digits();
    engine.police_reports();
    engine.mid_line_name_labels();
    engine.spoken_numbers();
    engine.context_rules();
    engine.record_rows();
    engine.other_mentions();
    engine.measure_columns();
    engine.settle();
    engine.lives_in_place();
    engine.xml_address_parts();
    engine.listed_address_clauses();
    engine.settle_place_spans();
    engine.finish(text)
}

/// A token's range of the lowercased text, when the token is short enough for a word list
/// (the limit of [`crate::vocab::lower`]'s buffer).
fn lowered_word<'a>(lowered: &'a str, t: &Tok<'_>) -> Option<&'a str> {
    (t.end - t.start <= 32).then(|| &lowered[t.start..t.end])
}

/// The public-data lists a capitalized token is on (names, places), and whether it is
/// written in a script without Latin letters. Lowercase words are skipped: the lists hold
/// proper nouns, and a lookup per word would cost more than every other rule.
fn gazetteer_flags(s: &str, flags: u32) -> u32 {
    use crate::gazetteer as g;
    let Some(first) = s.chars().next() else {
        return 0;
    };
    // A Thai or Devanagari name word may run past the lists' 32 bytes: its script is
    // still read (up to 96 bytes).
    let mut out = 0;
    if (flags & flag::NEVER == 0 || s.len() > 32)
        && s.len() <= 96
        && first.is_alphabetic()
        && s.chars()
            .all(|c| !c.is_ascii() && !is_latin(c) && (c.is_alphabetic() || script_mark(c)))
    {
        out |= flag::NON_LATIN;
    }
    if flags & flag::NEVER != 0 || s.len() > 48 {
        return out;
    }
    if !first.is_uppercase() {
        return out;
    }
    let lower = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        fold_latin(&s.to_lowercase())
    };
    // One search answers for every list.
    let on = g::lookup(&lower);
    if flags & (flag::GIVEN | flag::SURNAME) == 0 {
        if on & g::IN_GIVEN != 0 {
            out |= flag::CENSUS_GIVEN;
        }
        if on & g::IN_SURNAMES != 0 {
            out |= flag::CENSUS_SURNAME;
        }
        if on & g::IN_NAME_WORDS != 0 {
            out |= flag::NAME_WORD;
        }
    }
    if on & g::IN_CITIES != 0 {
        out |= flag::PLACE;
    }
    out
}

/// Whether a word (any case, diacritics allowed) is a given name or a surname on the word
/// lists or the census lists.
pub(super) fn listed_name(v: &Vocab, word: &str) -> bool {
    // A short ASCII word is lowercased on the stack; others are copied and folded.
    let mut buf = [0u8; 32];
    let owned;
    let l = match word
        .is_ascii()
        .then(|| crate::vocab::lower(word, &mut buf))
        .flatten()
    {
        Some(l) => l,
        None => {
            let mut l = word.to_lowercase();
            if !word.is_ascii() {
                l = fold_latin(&l);
            }
            owned = l;
            owned.as_str()
        }
    };
    let listed = v
        .flags
        .get(l)
        .is_some_and(|f| f & (flag::GIVEN | flag::SURNAME) != 0);
    listed
        || crate::gazetteer::lookup(l)
            & (crate::gazetteer::IN_SURNAMES | crate::gazetteer::IN_GIVEN)
            != 0
}

/// A vowel sign, tone mark, virama or pointing that is part of a word in a script without
/// case but that Unicode does not count as a letter: Thai tone marks (`ผู้`), the Devanagari
/// virama (`श्री`), Hebrew points, Arabic harakat, and the zero-width joiners of Indic and
/// Persian spelling.
pub(super) fn script_mark(c: char) -> bool {
    matches!(c,
        '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}'
        | '\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' | '\u{0E31}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{200C}' | '\u{200D}')
        // Indic blocks (Devanagari to Sinhala): every sign but the dandas and the digits.
        || ('\u{0900}'..='\u{0DFF}').contains(&c)
            && !matches!(c, '\u{0964}' | '\u{0965}')
            && !c.is_numeric()
        // Lao, Burmese and Khmer: every sign but their punctuation and digits.
        || ('\u{0E80}'..='\u{0EFF}').contains(&c) && !c.is_numeric()
        || ('\u{1000}'..='\u{109F}').contains(&c)
            && !('\u{104A}'..='\u{104F}').contains(&c)
            && !c.is_numeric()
        // Tibetan: its letters, vowel signs and the tsheg between syllables (`ཚེ་རིང`), but
        // not its shad, other punctuation or digits.
        || ('\u{0F00}'..='\u{0FFF}').contains(&c)
            && !('\u{0F04}'..='\u{0F0A}').contains(&c)
            && !('\u{0F0D}'..='\u{0F14}').contains(&c)
            && !c.is_numeric()
        || ('\u{1780}'..='\u{17FF}').contains(&c)
            && !('\u{17D4}'..='\u{17DB}').contains(&c)
            && !c.is_numeric()
}

/// Latin letters, with or without diacritics.
pub(super) fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{c0}'..='\u{24f}').contains(&c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

/// Drops the diacritics of common Latin letters ("mihaljević" -> "mihaljevic"), for the
/// census lists, which are ASCII.
pub(super) fn fold_latin(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' | 'ĉ' => 'c',
            'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' | 'ş' | 'ș' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'đ' | 'ď' => 'd',
            'ł' | 'ľ' | 'ļ' => 'l',
            'ř' => 'r',
            'ť' | 'ț' | 'ţ' => 't',
            'ğ' | 'ģ' => 'g',
            'ķ' => 'k',
            other => other,
        })
        .collect()
}

impl<'a> Engine<'a> {
    fn remove(&mut self, start: usize, end: usize, kind: Kind, reason: &'static str) {
        if start < end {
            self.found.push(Finding {
                kind,
                original_span: start..end,
                placeholder: kind.placeholder(),
                reason,
            });
        }
    }

    /// Gives the finding that removed token `k` the kind a cue announced.
    fn rekind(&mut self, k: usize, kind: Kind, reason: &'static str) {
        if let Some(f) = self.found.get_mut(self.toks[k].finding) {
            if f.kind != Kind::Ssn {
                f.kind = kind;
                f.placeholder = kind.placeholder();
                f.reason = reason;
            }
        }
    }

    fn remove_toks(&mut self, first: usize, last: usize, kind: Kind, reason: &'static str) {
        let (start, end) = (self.toks[first].start, self.toks[last].end);
        let index = self.found.len();
        for t in &mut self.toks[first..=last] {
            t.class = Class::Removed;
            t.finding = index;
        }
        self.remove(start, end, kind, reason);
    }

    /// Removes `start..end`, a part of token `k`, and marks the token removed by it.
    fn remove_in_tok(
        &mut self,
        k: usize,
        start: usize,
        end: usize,
        kind: Kind,
        reason: &'static str,
    ) {
        let index = self.found.len();
        self.toks[k].class = Class::Removed;
        self.toks[k].finding = index;
        self.remove(start, end, kind, reason);
    }

    fn protect(&mut self, k: usize, kind: IndicatorKind) {
        self.toks[k].class = if kind == IndicatorKind::ThreatName {
            Class::Threat
        } else {
            Class::Protected
        };
        self.indicators.push(Indicator {
            kind,
            span: self.toks[k].start..self.toks[k].end,
        });
    }

    /// Token `k` lowercased as [`crate::vocab::lower`] gives it (`None` past 32 bytes), read from the
    /// lowercased text; `buf` is kept for the callers' sake and left untouched.
    fn lw<'b>(&self, k: usize, buf: &'b mut [u8; 32]) -> Option<&'b str>
    where
        'a: 'b,
    {
        let _ = buf;
        lowered_word(self.lowered, &self.toks[k])
    }

    /// Whether token `k` was already removed as (part of) a person's name.
    fn removed_as_name(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| {
            t.class == Class::Removed
                && self
                    .found
                    .get(t.finding)
                    .is_some_and(|f| f.kind == Kind::Name)
        })
    }

    fn has(&self, k: usize, bits: u32) -> bool {
        k < self.toks.len() && self.toks[k].flags & bits != 0
    }

    fn is_word(&self, k: usize, word: &str) -> bool {
        k < self.toks.len() && same_kind_word(self.toks[k].s, word)
    }

    /// `<LastName>`, `<Patient id="7">`: token `k` is an XML element's name (right after
    /// `<`, right before `>`, a blank or `/>`), a field of the schema and no person's name.
    fn xml_tag_name(&self, k: usize) -> bool {
        let b = self.text.as_bytes();
        let t = &self.toks[k];
        let opened = t.start > 0 && b[t.start - 1] == b'<';
        let closed = matches!(b.get(t.end), Some(b'>' | b' ' | b'/'));
        opened
            && closed
            && t.s
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':' | b'.'))
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        b < self.toks.len() && self.toks[a].sent == self.toks[b].sent
    }
}

/// What the scrubber with no organization profile makes of `text`, for the rule modules'
/// tests that look for one value kept or gone rather than the whole output.
#[cfg(test)]
fn scrubbed(text: &str) -> String {
    crate::Scrubber::new(crate::ScrubConfig::default())
        .expect("scrubber")
        .scrub_text(text)
        .text
}

/// Each input scrubs, with no organization profile, to the text beside it.
#[cfg(test)]
fn check(cases: &[(&str, &str)]) {
    let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
    for (input, want) in cases {
        assert_eq!(s.scrub_text(input).text, *want, "{input:?}");
    }
}

/// [`check`] with an organization profile of these names and domains.
#[cfg(test)]
fn check_org(names: &[&str], domains: &[&str], cases: &[(&str, &str)]) {
    let config = crate::ScrubConfig {
        org_names: names.iter().map(|n| n.to_string()).collect(),
        org_domains: domains.iter().map(|d| d.to_string()).collect(),
        ..Default::default()
    };
    let s = crate::Scrubber::new(config).expect("scrubber");
    for (input, want) in cases {
        assert_eq!(s.scrub_text(input).text, *want, "{input:?}");
    }
}
