//! Dates tied to a person ("March 4, 1980") and ages over 89.

use super::{Class, Engine};
use crate::vocab::flag;
use crate::Kind;

/// Words before a date of a patient's care whose time goes with it.
const CARE_WORDS: &[&str] = &[
    "adm",
    "admit",
    "admitted",
    "admission",
    "appointment",
    "appt",
    "discharged",
    "dc",
    "d/c",
    "arrived",
    "seen",
    "scheduled",
    "expired",
    "deceased",
    "died",
    "born",
    "procedure",
    "surgery",
    // A specimen's collection and a patient's transport are events of the person's care
    // as much as an admission is (`collected 3/4/2031 0815`, `pickup 2031-03-04 08:15`).
    "collected",
    "drawn",
    "pickup",
    "picked",
    "transported",
    "triaged",
];

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
        if self.glued_age(k) {
            return true;
        }
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
        // "she's 104", "he's 93": an age said of a person, in a call or a note.
        let before = |back: usize| {
            if k >= back && self.same_sentence(k - back, k) {
                self.text[self.toks[k - back].start..self.toks[k].start]
                    .trim_end()
                    .to_lowercase()
            } else {
                String::new()
            }
        };
        let said = (matches!(
            before(1).as_str(),
            "she's" | "he's" | "shes" | "hes" | "i'm" | "she’s" | "he’s"
        ) || matches!(before(2).as_str(), "pt is" | "patient is" | "resident is"))
            && !(k + 1 < self.toks.len()
                && self.same_sentence(k, k + 1)
                && self.lw(k + 1, &mut buf).is_some_and(|l| {
                    matches!(
                        l,
                        "percent" | "%" | "minutes" | "mins" | "pounds" | "lbs" | "kg"
                    )
                }));
        if said {
            self.remove_toks(k, k, Kind::Age, "age over 89");
            return true;
        }
        let next = self.lw(k + 1, &mut buf).unwrap_or("");
        let followed = match next {
            "yo" | "y/o" | "y.o" | "year-old" | "years-old" | "yr-old" => true,
            // `95 yrs`: the abbreviation is an age's.
            "yrs" | "yr" => true,
            // `Jane Doe, 95 years`: years right after a name a rule removed.
            "years" | "year" => {
                self.is_word(k + 2, "old")
                    || self.is_word(k + 2, "of")
                    || k >= 1
                        && self.toks[k - 1].trail == b','
                        && self.toks[k - 1].class == Class::Removed
                        && self
                            .found
                            .get(self.toks[k - 1].finding)
                            .is_some_and(|f| f.kind == Kind::Name)
            }
            _ => false,
        };
        if followed {
            self.remove_toks(k, k, Kind::Age, "age over 89");
        }
        followed
    }

    /// The time after a date of a patient's care (`adm 2/13/2025 6:37 PM`, `adm 06/16/2025
    /// 0122`, `appointment 3/26/2025 7:46 AM`) belongs to the date: it goes with it. Log
    /// timestamps have no such word before them and are left as they are.
    pub(super) fn times_after_care_dates(&mut self) {
        self.iso_times_after_care_words();
        for k in 1..self.toks.len() {
            let t = &self.toks[k];
            if t.class != Class::Removed || k + 1 >= self.toks.len() {
                continue;
            }
            let Some(f) = self.found.get(t.finding) else {
                continue;
            };
            if !matches!(f.kind, Kind::Date) || f.original_span.end != t.end {
                continue;
            }
            let first = self
                .toks
                .partition_point(|x| x.end <= f.original_span.start);
            let mut buf = [0u8; 32];
            let care = first > 0
                && self.same_sentence(first - 1, k)
                && self
                    .lw(first - 1, &mut buf)
                    .is_some_and(|w| CARE_WORDS.contains(&w));
            // A date and time inside a line (`2. 10/14/2031 09:40  Jane Doe`, `recheck at
            // 10/14/2031 09:40`) is an event's; one opening its line is a log's timestamp.
            let start = f.original_span.start;
            let line_start = self.text[..start].rfind('\n').map_or(0, |p| p + 1);
            let inside_line = !self.text[line_start..start]
                .bytes()
                .all(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'[' | b'\''));
            let n = k + 1;
            // Two or more blanks between them set the time in a column of its own (a
            // timesheet's `Date  In  Out`): a clock time without its date is no identifier.
            if !(care || inside_line)
                || self.shift_columns(k)
                || !self.open(n)
                || !self.same_sentence(k, n)
                || self.toks[k].after != b' '
                || self.toks[n].start != self.toks[k].end + 1
            {
                continue;
            }
            let v = self.toks[n].s;
            // `admitted 7/6/2025 5:15 PM`: the date's layout already took the clock.
            if self.toks[k].s.contains(':')
                && matches!(v, "AM" | "PM" | "am" | "pm")
                && self.toks[k].start > f.original_span.start
            {
                let index = self.toks[k].finding;
                self.found[index].original_span.end = self.toks[n].end;
                self.toks[n].class = Class::Removed;
                self.toks[n].finding = index;
                continue;
            }
            let clock = |v: &str| {
                let (h, m) = v.split_once(':').unwrap_or(("", ""));
                let m = m.split(':').next().unwrap_or("");
                (1..=2).contains(&h.len())
                    && m.len() == 2
                    && h.parse::<u32>().is_ok_and(|h| h < 24)
                    && m.parse::<u32>().is_ok_and(|m| m < 60)
            };
            let military = v.len() == 4
                && v.bytes().all(|b| b.is_ascii_digit())
                && v[..2].parse::<u32>().is_ok_and(|h| h < 24)
                && v[2..].parse::<u32>().is_ok_and(|m| m < 60);
            if !clock(v) && !military {
                continue;
            }
            let mut last = n;
            let meridiem = n + 1 < self.toks.len()
                && self.toks[n].after == b' '
                && self.same_sentence(n, n + 1)
                && matches!(
                    self.toks[n + 1].s,
                    "AM" | "PM" | "am" | "pm" | "a.m" | "p.m"
                );
            if meridiem && self.open(n + 1) {
                last = n + 1;
            }
            let (index, end) = (self.toks[k].finding, self.toks[last].end);
            self.found[index].kind = Kind::Date;
            self.found[index].original_span.end = end;
            for x in &mut self.toks[n..=last] {
                x.class = Class::Removed;
                x.finding = index;
            }
        }
    }

    /// `(appointment 2025-01-18T17:57:00-04:00)`: an ISO date and time right after a word
    /// of a patient's care is that person's.
    fn iso_times_after_care_words(&mut self) {
        for k in 1..self.toks.len() {
            if self.toks[k].class != Class::Plain || !crate::classify::iso_date_time(self.toks[k].s)
            {
                continue;
            }
            let mut buf = [0u8; 32];
            let care = self.same_sentence(k - 1, k)
                && self.toks[k - 1].after == b' '
                && self
                    .lw(k - 1, &mut buf)
                    .is_some_and(|w| CARE_WORDS.contains(&w));
            if care {
                self.remove_toks(k, k, Kind::Date, "date and time tied to a person");
            }
        }
    }

    /// An age of 90 or more glued to its unit and maybe the sex, as pagers and nurse-call
    /// lines write it (`93yF`, `100yM`, `91yo`, `95y`): the number goes.
    fn glued_age(&mut self, k: usize) -> bool {
        let t = &self.toks[k];
        if !matches!(t.class, Class::Plain | Class::IdLike) {
            return false;
        }
        let digits = t.s.bytes().take_while(u8::is_ascii_digit).count();
        // Two or three digits first, as the test below asks: most tokens have none.
        if !(2..=3).contains(&digits) {
            return false;
        }
        let unit = &t.s[digits..];
        // `(94F)`, `(101M)`: an age and a sex in parentheses after a patient's name, as
        // clinical notes, lab and transport lines write them.
        let b = self.text.as_bytes();
        // After a name (a capitalized word of letters, or one a rule removed), not after
        // `T1000 (95M)`.
        let after_name = k >= 1
            && (self.toks[k - 1].class == Class::Removed
                || self.toks[k - 1]
                    .s
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    && self.toks[k - 1]
                        .s
                        .chars()
                        .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '.')));
        let in_parens = after_name
            && b.get(t.start.wrapping_sub(1)) == Some(&b'(')
            && b.get(t.end) == Some(&b')');
        // `Jane Doe (97)`: a bare number in parentheses right after a name a rule removed.
        let after_removed_name = k >= 1
            && self.toks[k - 1].class == Class::Removed
            && self
                .found
                .get(self.toks[k - 1].finding)
                .is_some_and(|f| f.kind == Kind::Name);
        let glued = matches!(
            unit,
            "y" | "yo" | "yF" | "yM" | "yf" | "ym" | "yoF" | "yoM" | "yr" | "yrs" | "Y"
        ) || in_parens && matches!(unit, "F" | "M")
            || in_parens && unit.is_empty() && after_removed_name;
        let age: u32 = t.s[..digits].parse().unwrap_or(0);
        if !(2..=3).contains(&digits) || !glued || !(90..=150).contains(&age) {
            return false;
        }
        let (start, end) = (t.start, t.start + digits);
        let index = self.found.len();
        self.toks[k].class = Class::Removed;
        self.toks[k].finding = index;
        self.remove(start, end, Kind::Age, "age over 89");
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn ages_over_89_glued_to_their_unit() {
        check(&[(
            "Resident is 93yF and alert. Roommate is 45yM. The visitor is 101yo.",
            "Resident is [AGE]yF and alert. Roommate is 45yM. The visitor is [AGE].",
        )]);
    }

    #[test]
    fn ages_over_89_with_a_sex_in_parentheses_or_said_of_someone() {
        check(&[
            (
                "held for Margaret Wilson (97F) and Bram Wilson (45M); model T1000 (95M) stays.",
                "held for [NAME] ([AGE]F) and [NAME] (45M); model T1000 (95M) stays.",
            ),
            (
                "calling about my mom she's 96 and my dad he's 70, she's 99 percent sure",
                "calling about my mom she's [AGE] and my dad he's 70, she's 99 percent sure",
            ),
        ]);
    }

    #[test]
    fn ages_over_89_in_parentheses_after_a_name_in_abbreviated_years_or_said_of_a_patient() {
        check(&[
            (
                "3. visit for Margaret Wilson (96) then Room (101)",
                "3. visit for [NAME] ([AGE]) then Room (101)",
            ),
            (
                "caller Margaret Wilson, 93 yrs, wants a refill; pt is 97 and alert",
                "caller [NAME], [AGE] yrs, wants a refill; pt is [AGE] and alert",
            ),
        ]);
    }

    #[test]
    fn a_date_and_time_inside_a_line_go_together_a_log_lines_opening_stamp_stays_a_date() {
        check(&[
            (
                "2. 10/14/2031 09:40  visit for Margaret Wilson\nplease recheck at 10/15/2031 06:00.",
                "2. [DATE]  visit for [NAME]\nplease recheck at [DATE].",
            ),
            (
                "10/14/2031 09:40 sshd: session closed",
                "[DATE] 09:40 sshd: session closed",
            ),
        ]);
    }

    #[test]
    fn a_care_words_date_and_time_in_other_layouts() {
        check(&[
            ("Admitted: 26-Aug-2026 1857\n", "Admitted: [DATE]\n"),
            (
                "forms for the patient, admitted 7/6/2025 5:15 PM, were lost",
                "forms for the patient, admitted [DATE], were lost",
            ),
            (
                "see the portal (appointment 2025-01-18T17:57:00-04:00).",
                "see the portal (appointment [DATE]).",
            ),
        ]);
    }

    #[test]
    fn a_time_in_a_column_of_its_own_stays() {
        check(&[(
            "Date        In     Out    Tasks\n03/02/2026  07:45  15:30  meals, bath\n\
             seen 03/02/2026 07:45 by the aide\n",
            "Date        In     Out    Tasks\n[DATE]  07:45  15:30  meals, bath\n\
             seen [DATE] by the aide\n",
        )]);
    }

    #[test]
    fn the_time_of_an_admission_goes_with_its_date() {
        check(&[
            (
                "Patient stable, adm 2/13/2025 6:37 PM; family called.",
                "Patient stable, adm [DATE]; family called.",
            ),
            (
                "Patient stable, adm 06/16/2025 0122; family called.",
                "Patient stable, adm [DATE]; family called.",
            ),
        ]);
    }
}
