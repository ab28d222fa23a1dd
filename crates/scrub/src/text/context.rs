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
                self.org_name(k);
            }
        }
        let mut k = 0;
        while k < self.toks.len() {
            if !self.open(k) {
                k += 1;
                continue;
            }
            let _ = self.threat_phrase(k)
                || self.cue(k)
                || self.month_date(k)
                || self.age_words(k)
                || self.street_address(k)
                || self.county(k)
                || self.city_state(k)
                || self.state_zip(k)
                || self.name(k);
            k += 1;
        }
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
