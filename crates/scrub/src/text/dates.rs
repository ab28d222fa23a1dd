//! Dates tied to a person ("March 4, 1980") and ages over 89.

use super::{Class, Engine};
use crate::vocab::flag;
use crate::Kind;

impl Engine<'_> {
    pub(super) fn day_number(s: &str) -> bool {
        let d = s.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 2 {
            return false;
        }
        let suffix = &s[d..];
        let day: u32 = s[..d].parse().unwrap_or(0);
        (1..=31).contains(&day) && matches!(suffix, "" | "st" | "nd" | "rd" | "th")
    }

    fn year_at(&self, j: usize) -> bool {
        j < self.toks.len()
            && self.toks[j].class == Class::Plain
            && self.toks[j].s.len() == 4
            && self.toks[j]
                .s
                .parse::<u32>()
                .is_ok_and(|y| (1800..=2199).contains(&y))
    }

    /// "March 4, 1980", "Mar. 4th", "4 March 1980".
    pub(super) fn month_date(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        let is_month = self.has(k, flag::MONTH);
        if !is_month || !s.as_bytes()[0].is_ascii_uppercase() || self.toks[k].class != Class::Plain
        {
            return false;
        }
        let next_day = k + 1 < self.toks.len()
            && self.toks[k + 1].class == Class::Plain
            && self.same_sentence(k, k + 1)
            && Self::day_number(self.toks[k + 1].s);
        if next_day {
            let end = if self.year_at(k + 2) && self.same_sentence(k, k + 2) {
                k + 2
            } else {
                k + 1
            };
            self.remove_toks(k, end, Kind::Date, "calendar date");
            return true;
        }
        let prev_day = k > 0
            && self.toks[k - 1].class == Class::Plain
            && self.same_sentence(k - 1, k)
            && Self::day_number(self.toks[k - 1].s);
        if prev_day {
            let end = if self.year_at(k + 1) && self.same_sentence(k, k + 1) {
                k + 1
            } else {
                k
            };
            self.remove_toks(k - 1, end, Kind::Date, "calendar date");
            return true;
        }
        false
    }

    /// "92 years old", "aged 95", "95 yo".
    pub(super) fn age_words(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        if self.toks[k].class != Class::Plain
            || s.len() > 3
            || !s.bytes().all(|b| b.is_ascii_digit())
        {
            return false;
        }
        let age: u32 = s.parse().unwrap_or(0);
        if !(90..=150).contains(&age) || k + 1 >= self.toks.len() {
            return false;
        }
        let mut buf = [0u8; 32];
        let next = self.lw(k + 1, &mut buf).unwrap_or("");
        let followed = match next {
            "yo" | "y/o" | "y.o" | "year-old" | "years-old" | "yr-old" => true,
            "years" | "year" | "yrs" | "yr" => {
                self.is_word(k + 2, "old") || self.is_word(k + 2, "of")
            }
            _ => false,
        };
        if followed {
            self.remove_toks(k, k, Kind::Age, "age over 89");
        }
        followed
    }
}
