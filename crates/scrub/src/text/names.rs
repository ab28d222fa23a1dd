//! Person names: known given names and surnames, and capitalized words in a name's shape.

use super::{Class, Engine};
use crate::classify as c;
use crate::vocab::flag;
use crate::Kind;

impl Engine<'_> {
    pub(super) fn never_name(&self, k: usize) -> bool {
        self.has(k, flag::NEVER)
    }

    fn name_part(&self, k: usize) -> bool {
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
        {
            let n = end + 1;
            let mut buf = [0u8; 32];
            let particle = self.lw(n, &mut buf).is_some_and(|l| {
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
                )
            });
            if self.name_part(n) || particle && self.name_part(n + 1) {
                end = n;
            } else {
                break;
            }
        }
        end
    }

    fn known_name(&self, k: usize) -> (bool, bool, bool) {
        let mut given = self.has(k, flag::GIVEN);
        let mut sur = self.has(k, flag::SURNAME);
        let common = self.has(k, flag::COMMON);
        let t = self.toks[k].s;
        if !given && !sur && (t.contains('-') || t.contains('\'') || t.contains('’')) {
            let mut buf = [0u8; 32];
            let Some(l) = self.lw(k, &mut buf) else {
                return (false, false, false);
            };
            sur = l
                .split('-')
                .any(|p| self.v.surnames.contains(p) || self.v.given.contains(p));
            given = false;
            if !sur && (l.starts_with("o'") || l.starts_with("o’")) {
                sur = true;
            }
        }
        (given, sur, common)
    }

    pub(super) fn name(&mut self, k: usize) -> bool {
        let t = self.toks[k].s;
        if self.toks[k].class != Class::Plain {
            return false;
        }
        // Initial and surname: "J. Smith".
        if c::is_initial(t)
            && self.toks[k].trail == b'.'
            && self.toks[k].after == b' '
            && self.name_part(k + 1)
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
            return false;
        }
        if !c::is_cap_word(t) || self.never_name(k) {
            return false;
        }
        let (given, sur, common) = self.known_name(k);
        if !given && !sur {
            return false;
        }
        let next_is_name = self.name_part(k + 1) && self.toks[k].after == b' ' && {
            let (g, s, cm) = self.known_name(k + 1);
            (g || s) && !(cm && common)
                || c::is_initial(self.toks[k + 1].s) && self.name_part(k + 2)
        };
        let prev_is_given =
            k > 0 && self.toks[k - 1].class == Class::Plain && self.same_sentence(k - 1, k) && {
                let (g, _, cm) = self.known_name(k - 1);
                g && !cm
            };
        if common && !next_is_name && !prev_is_given {
            return false;
        }
        let mut start = k;
        if sur
            && k > 0
            && self.toks[k - 1].after == b' '
            && self.name_part(k - 1)
            && self.same_sentence(k - 1, k)
        {
            start = k - 1;
        }
        let end = self.name_end(k);
        self.remove_toks(start, end, Kind::Name, "known given name or surname");
        true
    }
}
