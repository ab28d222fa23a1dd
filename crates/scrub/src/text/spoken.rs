//! Numbers and dates said aloud, as a voicemail or call transcript writes them: "nine two
//! seven, four four one, zero eight eight two", "member ID X E H 4 6 3 2", "july twenty
//! first nineteen seventy three".

use super::Engine;
use crate::vocab::flag;
use crate::Kind;

/// A digit said aloud.
fn digit_word(l: &str) -> bool {
    matches!(
        l,
        "zero"
            | "oh"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
    )
}

/// A digit said aloud, or a numeral of up to four digits written among such words.
fn spoken_digits(l: &str) -> bool {
    digit_word(l) || (1..=4).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_digit())
}

/// A number word of a spoken day or year ("twenty", "first", "thousand").
fn number_word(l: &str) -> bool {
    digit_word(l)
        || matches!(
            l,
            "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
                | "hundred"
                | "thousand"
        )
        || ordinal_word(l)
}

fn ordinal_word(l: &str) -> bool {
    matches!(
        l,
        "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
            | "eleventh"
            | "twelfth"
            | "thirteenth"
            | "fourteenth"
            | "fifteenth"
            | "sixteenth"
            | "seventeenth"
            | "eighteenth"
            | "nineteenth"
            | "twentieth"
            | "thirtieth"
    )
}

impl Engine<'_> {
    /// Whether the word at `k` is still open to rules and, lowercased, passes `keep`.
    fn open_word_is(&self, k: usize, keep: impl Fn(&str) -> bool) -> bool {
        let mut buf = [0u8; 32];
        k < self.toks.len() && self.open(k) && self.lw(k, &mut buf).is_some_and(keep)
    }

    /// Whether only blanks, commas and hyphens stand between tokens `a` and `a + 1`.
    fn spoken_gap(&self, a: usize) -> bool {
        self.text
            .get(self.toks[a].end..self.toks[a + 1].start)
            .is_some_and(|g| g.len() <= 4 && g.bytes().all(|b| matches!(b, b' ' | b',' | b'-')))
    }

    /// The last token of a run from `k` whose words all pass `keep`, joined by blanks.
    fn spoken_run(&self, k: usize, keep: impl Fn(&str) -> bool) -> usize {
        let mut end = k;
        while end + 1 < self.toks.len() && self.spoken_gap(end) && self.open_word_is(end + 1, &keep)
        {
            end += 1;
        }
        end
    }

    /// Whether the spoken number at `k` follows "or" after a written telephone number that an
    /// earlier rule kept as an attacker's.
    fn spoken_after_kept_number(&self, k: usize) -> bool {
        k >= 2
            && self.is_word(k - 1, "or")
            && self.same_sentence(k - 2, k)
            && self.toks[k - 2].class == super::Class::Protected
            && self.toks[k - 2]
                .s
                .bytes()
                .filter(u8::is_ascii_digit)
                .count()
                >= 4
            && self.toks[k - 2]
                .s
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.() ".contains(&b))
    }

    pub(super) fn spoken_numbers(&mut self) {
        let mut k = 0;
        while k < self.toks.len() {
            if !self.open(k) {
                k += 1;
                continue;
            }
            // Seven digits or more said one by one: a telephone number (or a record number
            // read out; either is an identifier). Speech-to-text writes some of them as
            // numerals ("nine five one 6 two 8"): a run of digit words and short numerals
            // counts its digits, and needs a word among them (numerals alone are left to
            // the rules for written numbers).
            if self.open_word_is(k, spoken_digits) {
                let end = self.spoken_run(k, spoken_digits);
                let mut buf = [0u8; 32];
                let (mut digits, mut words) = (0, 0);
                for i in k..=end {
                    match self.lw(i, &mut buf) {
                        Some(l) if digit_word(l) => {
                            digits += 1;
                            words += 1;
                        }
                        Some(l) => digits += l.len(),
                        None => {}
                    }
                }
                if digits >= 7 && words >= 1 && self.spoken_after_kept_number(k) {
                    // "call back at 555 0100 or five five five ...": the same caller's number
                    // said again, kept as the written one was.
                    for t in &mut self.toks[k..=end] {
                        t.class = super::Class::Protected;
                    }
                    k = end + 1;
                    continue;
                }
                if digits >= 7 && words >= 1 {
                    self.remove_toks(k, end, Kind::Phone, "number said digit by digit");
                    k = end + 1;
                    continue;
                }
            }
            // "X E H 4 6 3 2 1 8": six characters or more spelled one by one, four of them
            // digits.
            // One character is four bytes at most: longer tokens are not counted.
            if self.toks[k].s.len() <= 4
                && self.toks[k].s.chars().count() == 1
                && self.toks[k].s.chars().all(char::is_alphanumeric)
            {
                let single =
                    |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphanumeric);
                let end = self.spoken_run(k, single);
                let digits = (k..=end)
                    .filter(|&i| self.toks[i].s.bytes().all(|b| b.is_ascii_digit()))
                    .count();
                if end - k + 1 >= 6 && digits >= 4 {
                    self.remove_toks(
                        k,
                        end,
                        Kind::Id,
                        "identifier spelled character by character",
                    );
                    k = end + 1;
                    continue;
                }
            }
            // "july twenty first two thousand twenty": a month, then a spoken day (an
            // ordinal among the first two words) and maybe a year.
            if self.has(k, flag::MONTH) {
                let end = self.spoken_run(k, number_word);
                let ordinal = (k + 1..=end.min(k + 2)).any(|i| self.open_word_is(i, ordinal_word));
                if end > k && ordinal {
                    self.remove_toks(k, end, Kind::Date, "date said aloud");
                    k = end + 1;
                    continue;
                }
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn numbers_and_dates_said_aloud() {
        check(&[
            (
                "call me back at six one seven, four four one, zero eight eight two thanks",
                "call me back at [PHONE] thanks",
            ),
            (
                "his member ID is Q R 7 7 1 0 4 2 and he was born on march third nineteen fifty two ok",
                "his member ID is [ID] and he was born on [DATE] ok",
            ),
            // Speech-to-text mixes words and numerals in one number.
            (
                "my cell is eight 4 seven two two 9 oh one five five ok",
                "my cell is [PHONE] ok",
            ),
            (
                "room 12 had 3 beds, one 4 two",
                "room 12 had 3 beds, one 4 two",
            ),
            (
                "one or two of them, may be five; I saw it in March.",
                "one or two of them, may be five; I saw it in March.",
            ),
        ]);
    }
}
