//! The context rules' driver: runs each rule left to right over the open tokens, and
//! marks threat phrases so no rule touches them.

use super::{Class, Engine};
use crate::vocab::flag;
use crate::{Indicator, IndicatorKind};

impl Engine<'_> {
    pub(super) fn open(&self, k: usize) -> bool {
        k < self.toks.len()
            && matches!(
                self.toks[k].class,
                Class::Plain | Class::LongNumber | Class::IdLike
            )
    }

    pub(super) fn context_rules(&mut self) {
        // The organization's own names first: a cue before one ("reported by Anon Clinic")
        // must not take part of it for a person's name and leave the rest.
        for k in 0..self.toks.len() {
            if self.open(k) {
                let _ = self.org_name(k) || self.staff_name(k) || self.staff_login_or_host(k);
            }
        }
        // Threat names next: a cue before one ("signed by the Lynx group") must not take
        // it for a person.
        for k in 0..self.toks.len() {
            if self.open(k) {
                let _ = self.threat_phrase(k) || self.threat_by_context(k) || self.threat_prefix(k);
            }
        }
        // A caller ID's display name (`"Ann Roe" <4411>`), before a call record's cells are
        // read as a table's.
        if self.text.contains("\" <") {
            for k in 0..self.toks.len() {
                if self.open(k) {
                    self.caller_id_name(k);
                }
            }
        }
        // Form labels and table headers say what a value is before any word-level rule
        // guesses.
        self.hl7_segments();
        self.hl7_field_mentions();
        self.astm_records();
        self.structured_formats();
        self.log_lines();
        self.card_and_calendar_names();
        self.names_beside_logins();
        self.line_speakers();
        self.signature_names();
        self.hosts_beside_computer_words();
        self.names_after_glued_role_words();
        self.encoded_names();
        self.personal_addresses();
        self.display_names();
        self.forms_and_tables();
        self.address_blocks();
        self.foreign_streets();
        self.cued_addresses();
        let mut k = 0;
        while k < self.toks.len() {
            if !self.open(k) {
                // "Akira Sullivan": a threat word may still open a person's name.
                if self.toks[k].class == Class::Threat {
                    self.name(k);
                }
                k += 1;
                continue;
            }
            let _ = self.user_then_name(k)
                || self.scheme_prefixed_id(k)
                || self.cue(k)
                || self.month_date(k)
                || self.age_words(k)
                || self.pager_number(k)
                || self.note_header_time(k)
                || self.dotted_record_number(k)
                || self.register_number(k)
                || self.street_address(k)
                || self.county(k)
                || self.city_state(k)
                || self.state_zip(k)
                || self.intl_locality(k)
                || self.caps_surname_given(k)
                || self.caps_surname_first(k)
                || self.caret_name(k)
                || self.dotted_initials(k)
                || self.name(k);
            k += 1;
        }
        self.places_after_addresses();
        self.times_after_care_dates();
        self.patient_file_names();
    }

    /// One to three capitalized words right before a word that says what they are: "the
    /// Lynx group", "Money Message ransomware", "Fog C2", "a Chaos affiliate".
    fn threat_by_context(&mut self, k: usize) -> bool {
        let cap = |e: &Self, i: usize| {
            i < e.toks.len()
                && e.toks[i].class == Class::Plain
                && crate::classify::is_cap_word(e.toks[i].s)
                && !e.has(i, flag::NEVER | flag::CUE)
        };
        if !cap(self, k) || (k > 0 && cap(self, k - 1) && self.toks[k - 1].after == b' ') {
            return false;
        }
        let mut end = k;
        while end - k < 2 && self.toks[end].after == b' ' && cap(self, end + 1) {
            end += 1;
        }
        let n = end + 1;
        if n >= self.toks.len() || self.toks[end].after != b' ' || !self.same_sentence(k, n) {
            return false;
        }
        let mut buf = [0u8; 32];
        let announces = self.lw(n, &mut buf).is_some_and(|l| {
            matches!(
                l,
                "group"
                    | "gang"
                    | "ransomware"
                    | "affiliate"
                    | "affiliates"
                    | "operators"
                    | "crew"
                    | "malware"
                    | "loader"
                    | "stealer"
                    | "infostealer"
                    | "botnet"
                    | "rat"
                    | "c2"
                    | "backdoor"
                    | "trojan"
                    | "implant"
                    | "variant"
                    | "strain"
                    | "payload"
                    | "encryptor"
                    | "locker"
                    | "raas"
                    | "leak"
            )
        });
        if !announces {
            return false;
        }
        let span = self.toks[k].start..self.toks[end].end;
        for t in &mut self.toks[k..=end] {
            t.class = Class::Threat;
        }
        self.indicators.push(Indicator {
            kind: IndicatorKind::ThreatName,
            span,
        });
        true
    }

    /// "Conti-related", "LockBit-style": a threat name glued to a word by a hyphen.
    fn threat_prefix(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        // A byte search (the hyphen is ASCII): a `char` search sets up a searcher per token.
        let Some(hyphen) = s.bytes().position(|b| b == b'-') else {
            return false;
        };
        let head = &s[..hyphen];
        let mut buf = [0u8; 32];
        let known = crate::vocab::lower(head, &mut buf).is_some_and(|l| self.v.threats.contains(l));
        if known {
            self.protect(k, IndicatorKind::ThreatName);
        }
        known
    }

    fn threat_phrase(&mut self, k: usize) -> bool {
        if !self.has(k, flag::THREAT_FIRST) {
            return false;
        }
        for phrase in crate::lists::THREAT_PHRASES {
            let n = phrase.len();
            if k + n <= self.toks.len()
                && (0..n).all(|i| self.toks[k + i].s.eq_ignore_ascii_case(phrase[i]))
            {
                let span = self.toks[k].start..self.toks[k + n - 1].end;
                for t in &mut self.toks[k..k + n] {
                    t.class = Class::Threat;
                }
                self.indicators.push(Indicator {
                    kind: IndicatorKind::ThreatName,
                    span,
                });
                return true;
            }
        }
        false
    }
}
