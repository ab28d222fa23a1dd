//! Identifiers that paperwork states by a phrase rather than a field label: the last
//! digits of a card or bank account ("VISA ending 4417", "my account ends 0921"), a
//! police report's number ("Police report: 2024-118204") and the town whose police
//! department took it ("Fairview PD"); national ids of other countries by their printed
//! layout (India's PAN, an Irish Eircode) or a label that words part from its colon ("SIN
//! on the HR file: ..."), and a public address the note calls someone's home connection.

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

/// Abbreviations that name a national identity or insurance number, as the issuing
/// countries print them: Canada's Social Insurance Number, Nigeria's National
/// Identification Number, the UK's National Insurance number, Ireland's PPS number,
/// Singapore's NRIC and FIN, Australia's Tax File Number, India's PAN.
const NATIONAL_ID_LABELS: &[&str] = &["SIN", "NIN", "NINO", "PPSN", "NRIC", "FIN", "TFN", "PAN"];

/// India's Permanent Account Number: five letters, four digits, a letter; the fourth
/// letter says who holds it (P a person, C a company, H a Hindu undivided family, F a
/// firm, A an association, T a trust, B a body of individuals, L a local authority, J an
/// artificial juridical person, G a government).
fn is_pan(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[..5].iter().all(u8::is_ascii_uppercase)
        && b"PCHFATBLJG".contains(&b[3])
        && b[5..9].iter().all(u8::is_ascii_digit)
        && b[9].is_ascii_uppercase()
}

/// Ireland's Eircode, routing key then unique identifier (`A65 F4E2`, `D6W 1234`): a
/// letter and two digits (or `D6W`), and four characters of the Eircode alphabet (the
/// digits and the letters A C D E F H K N P R T V W X Y) holding both letters and digits,
/// as a printed code almost always does.
fn is_eircode(key: &str, id: &str) -> bool {
    const LETTERS: &[u8] = b"ACDEFHKNPRTVWXY";
    let k = key.as_bytes();
    let routing = key == "D6W"
        || k.len() == 3 && LETTERS.contains(&k[0]) && k[1..].iter().all(u8::is_ascii_digit);
    let i = id.as_bytes();
    routing
        && i.len() == 4
        && i.iter().all(|c| c.is_ascii_digit() || LETTERS.contains(c))
        && i.iter().any(u8::is_ascii_digit)
        && i.iter().any(u8::is_ascii_uppercase)
}

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

impl Engine<'_> {
    /// National identity numbers of other countries by their printed layout or their
    /// label: India's PAN by its shape (`ABCPD1234E`); an Irish Eircode by its shape
    /// (`A65 F4E2`); and the value after the colon of a line whose label names a national
    /// id ("SIN on the HR file: 123 456 789", "NI number on staff file: QQ 12 34 56 C"),
    /// its groups of digits and short capitals to the end of the line.
    pub(super) fn national_ids(&mut self) {
        let n = self.toks.len();
        for k in 0..n {
            if self.toks[k].class != Class::Plain && self.toks[k].class != Class::IdLike {
                continue;
            }
            let s = self.toks[k].s;
            if is_pan(s) {
                self.remove_toks(k, k, Kind::Ssn, "permanent account number (India)");
                continue;
            }
            if k + 1 < n
                && self.toks[k].after == b' '
                && self.toks[k + 1].start == self.toks[k].end + 1
                && self.toks[k + 1].class == Class::Plain
                && is_eircode(s, self.toks[k + 1].s)
            {
                self.remove_toks(k, k + 1, Kind::Zip, "Eircode (Ireland)");
                continue;
            }
            let label = NATIONAL_ID_LABELS.contains(&s)
                || s == "NI" && k + 1 < n && self.is_word(k + 1, "number");
            if label {
                self.value_after_label_colon(k);
            }
        }
    }

    /// "twice from a home address 203.0.113.7", "her home IP 203.0.113.7": a public address
    /// the sentence calls someone's home connection is a person's own, not an attacker's
    /// ("home" right before "address" or "IP", right before the address).
    pub(super) fn home_addresses(&mut self) {
        let mut dropped = Vec::new();
        for k in 2..self.toks.len() {
            let t = &self.toks[k];
            if t.class != Class::Protected
                || crate::classify::ipv4(t.s) != Some(crate::classify::Reach::Public)
                || !(self.is_word(k - 1, "address") || self.is_word(k - 1, "ip"))
                || !self.is_word(k - 2, "home")
                || !self.same_sentence(k - 2, k)
            {
                continue;
            }
            dropped.push((t.start, t.end));
            self.remove_toks(k, k, Kind::PersonalIp, "a person's home address");
        }
        if !dropped.is_empty() {
            self.indicators
                .retain(|i| !dropped.contains(&(i.span.start, i.span.end)));
        }
    }

    /// The value after the colon that ends a label opening at token `k` (one to six words
    /// on, on the same line): its tokens holding digits, and capitals of one or two
    /// letters among them, up to the end of the line or a sentence's end.
    fn value_after_label_colon(&mut self, k: usize) {
        let n = self.toks.len();
        let line_end = self.text[self.toks[k].start..]
            .find('\n')
            .map_or(self.text.len(), |p| self.toks[k].start + p);
        let mut c = k;
        while c < n && c - k < 6 && self.toks[c].end < line_end && self.toks[c].trail != b':' {
            c += 1;
        }
        // A label right before its colon is the field rules' (`SIN: ...`): only a label
        // that words part from its colon is read here.
        if c == k || c >= n || self.toks[c].trail != b':' || c + 1 >= n {
            return;
        }
        let first = c + 1;
        let mut last = None;
        let mut j = first;
        while j < n && j - first < 6 && self.toks[j].start < line_end {
            let t = &self.toks[j];
            let digits = t.s.bytes().any(|b| b.is_ascii_digit());
            let caps = t.s.len() <= 2 && t.s.bytes().all(|b| b.is_ascii_uppercase());
            if !(digits || caps) {
                break;
            }
            if !matches!(t.class, Class::Plain | Class::LongNumber | Class::IdLike) {
                return;
            }
            last = Some(j);
            if t.trail == b'.' || t.trail == b',' || t.trail == b';' {
                break;
            }
            j += 1;
        }
        if let Some(last) = last {
            let digits: usize = self.toks[first..=last]
                .iter()
                .map(|t| t.s.bytes().filter(u8::is_ascii_digit).count())
                .sum();
            if digits >= 6 {
                self.remove_toks(first, last, Kind::Ssn, "national id after its label");
            }
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

    #[test]
    fn national_ids_by_their_layout_or_their_label_go() {
        check(&[
            ("PAN: QWEPK1234Z on the form.", "PAN: [SSN] on the form."),
            (
                "Her home (Eircode V94 X2K7) is on file.",
                "Her home (Eircode [ZIP]) is on file.",
            ),
            (
                "SIN on the payroll record: 123 456 780.",
                "SIN on the payroll record: [SSN].",
            ),
            (
                "NI number held by HR: QQ 12 34 56 C\n",
                "NI number held by HR: [SSN]\n",
            ),
        ]);
    }

    #[test]
    fn an_hmo_enrollee_id_goes_the_word_alone_stays() {
        check(&[
            (
                "Enrollee ID: KLM/55123/B\n",
                "Enrollee ID: [HEALTH-PLAN-ID]\n",
            ),
            (
                "Each enrollee gets a letter.",
                "Each enrollee gets a letter.",
            ),
        ]);
    }

    #[test]
    fn a_home_address_goes_an_attackers_address_stays() {
        check(&[
            (
                "She signed in twice from a home address 203.0.113.7 last week.",
                "She signed in twice from a home address [PERSONAL-IP] last week.",
            ),
            (
                "The attacker signed in from 203.0.113.8 last week.",
                "The attacker signed in from 203.0.113.8 last week.",
            ),
        ]);
    }

    #[test]
    fn words_and_codes_that_only_look_like_national_ids_stay() {
        check(&[
            // A PAN's fourth letter names the holder's type: `Q` is none.
            ("Build ABCQD1234E shipped.", "Build ABCQD1234E shipped."),
            // B is no routing-key letter; all-digit tails and all-letter tails stay.
            (
                "Room B12 4A5C and M50 1234 and A65 WXYZ.",
                "Room B12 4A5C and M50 1234 and A65 WXYZ.",
            ),
            // A label with no colon, or a short value after it, keeps the text.
            (
                "The SIN rules changed in 2019.",
                "The SIN rules changed in 2019.",
            ),
            ("FIN: 42 days.", "FIN: 42 days."),
        ]);
    }
}
