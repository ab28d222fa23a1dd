//! Identifiers that paperwork states by a phrase rather than a field label: the last
//! digits of a card or bank account ("VISA ending 4417", "my account ends 0921"), a
//! police report's number ("Police report: 2024-118204") and the town whose police
//! department took it ("Fairview PD").

use super::{Class, Engine};
use crate::Kind;

/// Words naming a payment card or a bank account, before "ending" or "ends".
const CARD_WORDS: &[&str] = &[
    "card",
    "account",
    "acct",
    "visa",
    "amex",
    "mc",
    "mastercard",
    "discover",
    "debit",
    "credit",
    "checking",
    "savings",
];

impl Engine<'_> {
    /// "Card: AMEX ending 2223", "my own bank account ends 6838", "the Visa ending in
    /// 4417": the last digits of a card or account, a card or account word among the four
    /// words before "ending"/"ends", are the account's and go. "The infusion ending 2230"
    /// names no card and stays.
    pub(super) fn card_last_digits(&mut self) {
        for k in 2..self.toks.len() {
            let t = &self.toks[k];
            if t.class != Class::Plain
                || !(2..=6).contains(&t.s.len())
                || !t.s.bytes().all(|b| b.is_ascii_digit())
            {
                continue;
            }
            let mut e = k - 1;
            if self.is_word(e, "in") {
                e -= 1;
            }
            if !(self.is_word(e, "ending") || self.is_word(e, "ends")) || !self.same_sentence(e, k)
            {
                continue;
            }
            let card = (e.saturating_sub(4)..e)
                .any(|j| self.same_sentence(j, e) && CARD_WORDS.iter().any(|w| self.is_word(j, w)));
            if card {
                self.remove_toks(k, k, Kind::Account, "last digits of a card or account");
            }
        }
    }

    /// "Police report: 2025-057572, Fairview PD.", "police case no. 24-1182": the number
    /// of a police report goes (it leads to the person who filed it), and so do the one to
    /// three capitalized words naming the town right before "PD" or "Police Department"
    /// when the line speaks of the police.
    pub(super) fn police_reports(&mut self) {
        let n = self.toks.len();
        for k in 1..n {
            let report = self.is_word(k - 1, "police")
                && (self.is_word(k, "report") || self.is_word(k, "case"))
                && self.same_sentence(k - 1, k);
            if report {
                let mut j = k + 1;
                while j < n && j <= k + 3 && self.same_sentence(k, j) {
                    let s = self.toks[j].s;
                    let digits = s.bytes().filter(u8::is_ascii_digit).count();
                    if digits >= 4
                        && s.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
                    {
                        if self.toks[j].class != Class::Protected
                            && self.toks[j].class != Class::Threat
                            && self.toks[j].class != Class::Removed
                        {
                            self.remove_toks(j, j, Kind::Account, "police report number");
                        }
                        break;
                    }
                    if !["no", "number", "num", "#"]
                        .iter()
                        .any(|w| self.is_word(j, w))
                    {
                        break;
                    }
                    j += 1;
                }
            }
            let dept = self.toks[k].s == "PD"
                || self.is_word(k, "police")
                    && (self.is_word(k + 1, "department") || self.is_word(k + 1, "dept"));
            if dept && self.police_line(k) {
                self.town_before(k);
            }
        }
    }

    /// `Mother: Nina Lang  Maiden: Burns  DOB ...`: a maiden-name or alias label in the
    /// middle of a form's line (after a column's gap), then capitalized words: they are a
    /// name. (A label that opens its line is read by the form rules.)
    pub(super) fn mid_line_name_labels(&mut self) {
        for k in 0..self.toks.len() {
            if self.toks[k].trail != b':' {
                continue;
            }
            let label = self.is_word(k, "maiden")
                || self.is_word(k, "alias")
                || self.is_word(k, "aka")
                || self.is_word(k, "née")
                || self.is_word(k, "name") && k > 0 && self.is_word(k - 1, "maiden");
            if !label {
                continue;
            }
            let open = if self.is_word(k, "name") { k - 1 } else { k };
            let gap_before = open > 0
                && self
                    .text
                    .get(self.toks[open - 1].end..self.toks[open].start)
                    .is_some_and(|g| g.len() >= 2 && g.bytes().all(|b| b == b' ' || b == b'\t'));
            let v = k + 1;
            if !gap_before || !self.name_part(v) || !self.same_sentence(k, v) {
                continue;
            }
            let end = self.name_end(v);
            self.remove_toks(
                v,
                end,
                Kind::Name,
                "name after a maiden-name or alias label",
            );
        }
    }

    /// Whether the 128 bytes before token `k`, on its line, or the token itself speak of
    /// the police.
    fn police_line(&self, k: usize) -> bool {
        let start = self.toks[k].start;
        if self.is_word(k, "police") {
            return true;
        }
        let from = super::settle::floor_boundary(self.lowered, start.saturating_sub(128));
        let before = &self.lowered[from..start];
        let line = before.rsplit('\n').next().unwrap_or("");
        line.contains("police")
    }

    /// Removes the one to three capitalized words right before token `k` as a town, when
    /// nothing but spaces stands between them.
    fn town_before(&mut self, k: usize) {
        let mut a = k;
        while a > 0 && k - a < 3 {
            let t = &self.toks[a - 1];
            if t.class != Class::Plain
                || t.trail != 0
                || t.after != b' '
                || !crate::classify::is_cap_word(t.s)
                || t.sent != self.toks[k].sent
            {
                break;
            }
            a -= 1;
        }
        // "Metro Police Department", "Campus PD": a kind of force, no town.
        const FORCES: &[&str] = &[
            "metro",
            "metropolitan",
            "city",
            "county",
            "state",
            "campus",
            "university",
            "transit",
            "airport",
            "tribal",
            "hospital",
            "school",
            "capitol",
            "park",
            "port",
            "harbor",
            "military",
            "federal",
        ];
        if (a..k).all(|j| FORCES.iter().any(|w| self.is_word(j, w))) {
            return;
        }
        if a < k {
            self.remove_toks(a, k - 1, Kind::City, "town of a police department");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::text::check;

    #[test]
    fn the_last_digits_of_a_card_or_account_go() {
        check(&[
            (
                "Paid with: Discover ending 7719 on file.",
                "Paid with: Discover ending [ACCOUNT] on file.",
            ),
            (
                "Her checking account ends in 0921, she said.",
                "Her checking account ends in [ACCOUNT], she said.",
            ),
            // No card or account word: a time or a count stays.
            (
                "The infusion ending 2230 was uneventful.",
                "The infusion ending 2230 was uneventful.",
            ),
        ]);
    }

    #[test]
    fn a_name_after_a_maiden_name_label_in_a_forms_line() {
        check(&[
            (
                "Mother: Mabel Quinton  Maiden: Orrick  Relationship: mother",
                "Mother: [NAME]  Maiden: [NAME]  Relationship: mother",
            ),
            // No column gap before the word: prose, left to the other rules.
            ("the maiden: Voyage of", "the maiden: Voyage of"),
        ]);
    }

    #[test]
    fn a_police_report_number_and_its_town_go() {
        check(&[
            (
                "Filed: Police report # 24-118204, Marbleton PD.",
                "Filed: Police report # [ACCOUNT], [CITY] PD.",
            ),
            (
                "She reported it to the Upper Fennick Police Department on Monday.",
                "She reported it to the [CITY] Police Department on Monday.",
            ),
            // A kind of force names no town.
            (
                "Metro Police Department case review",
                "Metro Police Department case review",
            ),
            // "PD" on a line with no police: a clinical abbreviation, left alone.
            (
                "Assessed for Early Onset PD by neurology.",
                "Assessed for Early Onset PD by neurology.",
            ),
        ]);
    }
}
