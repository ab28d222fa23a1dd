//! The attacker's own contact details, read by their role in the sentence: the number a
//! lure came from ("received a call from the number ... asking for the insurance number",
//! in the languages of the notes), the number a fake warning pop-up shows, the address a
//! phishing mail came from when "from" follows it (Japanese, Korean, Turkish), and the new
//! bank account a payment-diversion request gives. They are kept; a person's number or
//! address beside them is judged by the other rules.

use super::{Class, Engine};

/// "from the number" before a number, as word sequences (lowercase), in English, Spanish,
/// Portuguese, Italian, French, Russian, Haitian Creole, Vietnamese, Arabic, Tagalog.
const FROM_NUMBER: &[&[&str]] = &[
    &["from", "the", "number"],
    &["from", "number"],
    &["del", "número"],
    &["del", "numero"],
    &["do", "número"],
    &["dal", "numero"],
    &["du", "numéro"],
    &["с", "номера"],
    &["nan", "nimewo"],
    &["từ", "số"],
    &["من", "الرقم"],
    &["من", "رقم"],
    &["mula", "sa"],
];

/// "from the number" after a number, where the language puts "from" after its noun
/// (Korean, Japanese), as the beginning of the word that follows.
const NUMBER_FROM_AFTER: &[&str] = &["번호로부터", "번호에서", "番号から", "から"];

/// Words that ask the victim for something (the lure's request), by their beginnings:
/// English, Spanish, Portuguese, Italian, French, Russian, Haitian Creole, Tagalog,
/// Vietnamese, Arabic, Korean, Chinese and Japanese.
const REQUEST: &[&str] = &[
    "asking",
    "requesting",
    "pidiendo",
    "solicitando",
    "pedindo",
    "chiedendo",
    "richiedendo",
    "demandant",
    "просьб",
    "требу",
    "mande",
    "humihingi",
    "yêu",
    "تطلب",
    "يطلب",
    "طالب",
    "요구",
    "要求",
    "求め",
];

/// Words naming a message or mail, by a part of them, in the languages of the notes.
const MESSAGE_PARTS: &[&str] = &[
    "mail",
    "mejl",
    "messag",
    "mensag",
    "mensaj",
    "nachricht",
    "wiadomo",
    "bericht",
    "courriel",
    "correo",
    "e-post",
    "posta",
    "メール",
    "메일",
    "письм",
    "رسالة",
];

/// "from" after an e-mail address (Japanese, Korean, Turkish "adresinden" = "from the
/// address"), by the beginning of the word that follows it.
const MAIL_FROM_AFTER: &[&str] = &["から", "에서", "로부터", "adresinden"];

/// "from" right before an e-mail address in Swedish, Danish and Norwegian, Italian,
/// Polish, Spanish and Portuguese, French, German, Dutch.
const MAIL_FROM_BEFORE: &[&str] = &[
    "från", "fra", "da", "od", "de", "desde", "depuis", "von", "van", "z", "từ",
];

/// Whole words naming a mail or letter (too short to be searched inside other words).
const MESSAGE_WORDS: &[&str] = &["thư", "email", "e-mail"];

/// Words after a two-word capitalized name that make it a threat actor's (a cluster's)
/// name: "consistent with Quiet Heron tradecraft", "the Quiet Heron intrusion".
const ACTOR_AFTER: &[&str] = &[
    "tradecraft",
    "intrusion",
    "intrusions",
    "advisory",
    "campaign",
    "campaigns",
    "playbook",
    "affiliate",
    "affiliates",
    "operators",
    "ttps",
    "scheme",
];

impl Engine<'_> {
    /// "consistent with Quiet Heron tradecraft", "the Quiet Heron help-desk scheme",
    /// "(threat actor Quiet Heron)": a two-word capitalized name in the role of a threat
    /// actor is the actor's name, kept as an indicator.
    pub(super) fn actor_names(&mut self) {
        let n = self.toks.len();
        for k in 0..n.saturating_sub(1) {
            let two = (k..=k + 1).all(|j| {
                self.toks[j].class == Class::Plain
                    && crate::classify::is_cap_word(self.toks[j].s)
                    && self.toks[j].sent == self.toks[k].sent
            }) && self.toks[k].after == b' ';
            if !two {
                continue;
            }
            let mut buf = [0u8; 32];
            let after = |e: &Self, j: usize, buf: &mut [u8; 32]| {
                j < n
                    && e.toks[j].sent == e.toks[k].sent
                    && e.lw(j, buf).is_some_and(|l| ACTOR_AFTER.contains(&l))
            };
            let follows = after(self, k + 2, &mut buf)
                || k + 3 < n
                    && self.toks[k + 2].s.contains('-')
                    && self.toks[k + 2].sent == self.toks[k].sent
                    && after(self, k + 3, &mut buf);
            let named = k >= 2
                && self.is_word(k - 1, "actor")
                && self.is_word(k - 2, "threat")
                && self.same_sentence(k - 2, k);
            if follows || named {
                self.protect(k, crate::IndicatorKind::ThreatName);
                self.protect(k + 1, crate::IndicatorKind::ThreatName);
            }
        }
    }

    /// The word of token `k`, lowercased in every script (`None` for long tokens).
    fn word_lower(&self, k: usize) -> Option<String> {
        let s = self.toks.get(k)?.s;
        (s.len() <= 160).then(|| s.to_lowercase())
    }

    /// "recibió una llamada del número +1 213 555 0100 pidiendo su número de seguro": a
    /// number that a message or call came from, in a sentence where it asks the victim for
    /// something, is the lure's sender. Tokens `first..=last` are the number.
    pub(super) fn lure_number_asking(&self, first: usize, last: usize) -> bool {
        let sent = self.toks[first].sent;
        let before = FROM_NUMBER.iter().any(|phrase| {
            let n = phrase.len();
            first >= n
                && self.toks[first - n].sent == sent
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(i, w)| self.word_lower(first - n + i).as_deref() == Some(*w))
        });
        let after = last + 1 < self.toks.len()
            && self.toks[last + 1].sent == sent
            && self
                .word_lower(last + 1)
                .is_some_and(|w| NUMBER_FROM_AFTER.iter().any(|a| w.starts_with(a)));
        if !before && !after {
            return false;
        }
        (last + 1..self.toks.len().min(last + 16))
            .take_while(|&j| self.toks[j].sent == sent)
            .any(|j| {
                self.word_lower(j)
                    .is_some_and(|w| REQUEST.iter().any(|r| w.contains(r)))
            })
    }

    /// "Payroll: confirm the change or call 555-0100. https://pay-verify.example/x": a number
    /// to call followed at once, on the same line, by an outside link is the lure's.
    pub(super) fn callback_then_link(&self, first: usize, last: usize) -> bool {
        let asks = (1..=3).any(|back| {
            first >= back
                && self.same_sentence(first - back, first)
                && (self.is_word(first - back, "call") || self.is_word(first - back, "text"))
        });
        let next = last + 1;
        asks && next < self.toks.len()
            && !self.text[self.toks[last].end..self.toks[next].start].contains('\n')
            && self.toks[next].class == Class::Protected
            && self.toks[next].s.contains("://")
    }

    /// "got a text saying ... at https://pay-fee.example/x ... it came from +44 7700 900123":
    /// the number a lure came from, the message and its lure (an outside link, or a request
    /// to confirm or verify) told on the same line or the two before.
    pub(super) fn lure_came_from(&self, first: usize) -> bool {
        if first < 2 || !self.is_word(first - 1, "from") || !self.is_word(first - 2, "came") {
            return false;
        }
        let line_start = |at: usize| self.text[..at].rfind('\n').map_or(0, |p| p + 1);
        let mut from = line_start(self.toks[first].start);
        for _ in 0..2 {
            if from > 0 {
                from = line_start(from - 1);
            }
        }
        let (mut message, mut lure) = (false, false);
        let mut j = first - 2;
        // At most 200 words back: a long log line costs the same per number.
        while j > 0 && first - j < 200 && self.toks[j - 1].start >= from {
            j -= 1;
            let mut buf = [0u8; 32];
            let l = self.lw(j, &mut buf).unwrap_or("");
            message |= matches!(l, "text" | "sms" | "message" | "email" | "e-mail");
            lure |= matches!(
                l,
                "asking" | "verify" | "confirm" | "phishing" | "smishing" | "scam" | "fee"
            ) || self.toks[j].class == Class::Protected && self.toks[j].s.contains("://");
        }
        message && lure
    }

    /// "Angriperen ringte fra +47 ..." (the attacker rang from): a number that a word
    /// naming the attacker, up to three words before, says the call or message came from
    /// is the attacker's. The from-word comes right before the number.
    pub(super) fn attacker_called_from(&self, first: usize) -> bool {
        let mut buf = [0u8; 32];
        if first < 2
            || !self
                .lw(first - 1, &mut buf)
                .is_some_and(|w| FROM_WORDS.contains(&w))
        {
            return false;
        }
        let sent = self.toks[first].sent;
        (first.saturating_sub(4)..first - 1).any(|j| {
            let mut buf = [0u8; 32];
            self.toks[j].sent == sent
                && self
                    .lw(j, &mut buf)
                    .is_some_and(|w| ATTACKER_NOUNS.iter().any(|a| w.starts_with(a)))
        })
    }

    /// "Payee changed by phone: the caller, calling from +44 ..., gave a new account ...":
    /// in a request that diverts a payment (`diverted_account`), the number the caller
    /// called from, in the sentence that gives the new account, is the impostor's.
    pub(super) fn diversion_caller(&self, first: usize) -> bool {
        if first < 2
            || !self.is_word(first - 1, "from")
            || !(self.is_word(first - 2, "called") || self.is_word(first - 2, "calling"))
            || !self.diversion()
        {
            return false;
        }
        let sent = self.toks[first].sent;
        let (mut a, mut b) = (first, first);
        while a > 0 && self.toks[a - 1].sent == sent {
            a -= 1;
        }
        while b + 1 < self.toks.len() && self.toks[b + 1].sent == sent {
            b += 1;
        }
        let sentence = &self.lowered[self.toks[a].start..self.toks[b].end];
        ["new account", "new acct", "new iban", "new bank"]
            .iter()
            .any(|w| sentence.contains(w))
    }

    /// Whether the document speaks of a payment diversion: a wire, a remittance, changed
    /// banking or payment details, a changed payee.
    fn diversion(&self) -> bool {
        [
            "wire",
            "remittance",
            "banking",
            "bank details",
            "payment details",
            "payee",
        ]
        .iter()
        .any(|w| self.lowered.contains(w))
    }

    /// "a browser pop-up locked the screen with a warning and the number 555-0100": the
    /// number a fake warning pop-up shows is the scammer's.
    pub(super) fn popup_number(&self, first: usize) -> bool {
        if first < 2 || !self.is_word(first - 1, "number") || !self.is_word(first - 2, "the") {
            return false;
        }
        let sent = self.toks[first].sent;
        let mut popup = false;
        let mut scare = false;
        let mut i = first;
        while i > 0 && first - i < 40 && self.toks[i - 1].sent == sent {
            i -= 1;
            let mut buf = [0u8; 32];
            let Some(l) = self.lw(i, &mut buf) else {
                continue;
            };
            popup |= matches!(l, "pop-up" | "popup");
            scare |= matches!(l, "locked" | "warning" | "virus" | "infected" | "frozen");
        }
        popup && scare
    }

    /// "ricevuto lo stesso messaggio da x@...", "nätfiskemejl från x@...", "email mula sa
    /// x@...", "フィッシングメールが x@... から届いた", "같은 메일이 x@... 에서": a mail
    /// from the address, in languages whose "from" the English rules do not read.
    pub(super) fn mail_from_foreign(&self, k: usize) -> bool {
        let sent = self.toks[k].sent;
        let message = |j: usize| {
            self.toks[j].sent == sent
                && self.word_lower(j).is_some_and(|w| {
                    MESSAGE_PARTS.iter().any(|p| w.contains(p))
                        || MESSAGE_WORDS.contains(&w.as_str())
                })
        };
        let w1 = k.checked_sub(1).and_then(|j| self.word_lower(j));
        let before = match w1.as_deref() {
            Some("sa") => {
                k >= 3 && self.word_lower(k - 2).as_deref() == Some("mula") && message(k - 3)
            }
            // "un correo de x@...", "thư tương tự từ x@..." (a similar letter from).
            Some(w) if MAIL_FROM_BEFORE.contains(&w) => {
                self.toks[k - 1].sent == sent && (k.saturating_sub(4)..k - 1).any(message)
            }
            _ => false,
        };
        if before {
            return true;
        }
        let after = k + 1 < self.toks.len()
            && self.toks[k + 1].sent == sent
            && self
                .word_lower(k + 1)
                .is_some_and(|w| MAIL_FROM_AFTER.iter().any(|a| w.starts_with(a)));
        after && (k.saturating_sub(4)..k).any(message)
    }

    /// "Please update our vendor's details. New account 001234567, routing 021000021.": in
    /// a request to change where payments go (a wire, a remittance, banking details), the
    /// numbers after "new account" and "routing" (or an IBAN or SWIFT code) in the same
    /// sentence are the fraudster's account, kept as indicators of the scheme.
    pub(super) fn diverted_account(&mut self) {
        if !self.diversion() {
            return;
        }
        for k in 1..self.toks.len() {
            let opens = (self.is_word(k - 1, "new") || self.is_word(k - 1, "updated"))
                && ["account", "acct", "iban"]
                    .iter()
                    .any(|w| self.is_word(k, w));
            if !opens {
                continue;
            }
            let sent = self.toks[k].sent;
            let mut j = k + 1;
            while j < self.toks.len() && self.toks[j].sent == sent && j - k < 24 {
                let s = self.toks[j].s;
                let code = s.bytes().any(|b| b.is_ascii_digit())
                    && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
                let cue = matches!(
                    s.to_ascii_lowercase().as_str(),
                    "account"
                        | "acct"
                        | "routing"
                        | "aba"
                        | "iban"
                        | "swift"
                        | "bic"
                        | "no"
                        | "number"
                        | "#"
                );
                if code && self.toks[j].class != Class::Removed {
                    self.toks[j].class = Class::Protected;
                } else if !cue && !s.bytes().all(|b| b.is_ascii_digit()) && j > k + 1 {
                    // A word other than a cue ends the list of numbers.
                    let prev_code = self.toks[j - 1].class == Class::Protected;
                    if !prev_code {
                        break;
                    }
                }
                j += 1;
            }
        }
    }

    /// "...fake statements asking for payment to XX00 1234 5678 9012 3456.": an
    /// international bank account number (two country letters, two check digits, then
    /// groups of four) that a sentence asks someone to pay or transfer to, in a document
    /// that reports a fraud, is the fraudster's account: kept as an indicator of the
    /// scheme. A refund to someone's account is no demand: any other IBAN is removed whole.
    pub(super) fn demanded_iban(&mut self) {
        let mut doc_fraud: Option<bool> = None;
        let mut k = 0;
        while k < self.toks.len() {
            let Some(last) = self.iban_at(k) else {
                k += 1;
                continue;
            };
            let fraud = *doc_fraud
                .get_or_insert_with(|| FRAUD_CUES.iter().any(|w| self.lowered.contains(w)));
            if self.toks[k..=last]
                .iter()
                .any(|t| matches!(t.class, Class::Protected | Class::Threat))
            {
                k = last + 1;
                continue;
            }
            let sent = self.toks[k].sent;
            let mut a = k;
            while a > 0 && self.toks[a - 1].sent == sent {
                a -= 1;
            }
            let mut b = last;
            while b + 1 < self.toks.len() && self.toks[b + 1].sent == sent {
                b += 1;
            }
            let sentence = &self.lowered[self.toks[a].start..self.toks[b].end];
            let demand = PAY_CUES.iter().any(|w| sentence.contains(w))
                && !["refund", "reimburs"].iter().any(|w| sentence.contains(w));
            if fraud && demand {
                for t in &mut self.toks[k..=last] {
                    if t.class != Class::Removed {
                        t.class = Class::Protected;
                    }
                }
            } else {
                // Someone's own account: removed whole, its letter groups with it.
                self.remove_toks(k, last, crate::Kind::Account, "bank account (IBAN)");
            }
            k = last + 1;
        }
    }

    /// The last token of an IBAN starting at token `k`: one token (`DE44500105175407324931`)
    /// or the printed form in groups of four (`DE44 5001 0517 5407 3249 31`).
    fn iban_at(&self, k: usize) -> Option<usize> {
        let head = self.toks[k].s.as_bytes();
        if head.len() < 4
            || !head[..2].iter().all(u8::is_ascii_uppercase)
            || !head[2..4].iter().all(u8::is_ascii_digit)
        {
            return None;
        }
        let group = |b: &[u8]| {
            b.iter()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        };
        if head.len() > 4 {
            return ((15..=34).contains(&head.len())
                && group(&head[4..])
                && head[4..].iter().filter(|c| c.is_ascii_digit()).count() >= 8)
                .then_some(k);
        }
        let bytes = self.text.as_bytes();
        let (mut j, mut len, mut digits) = (k, 4, 0);
        while j + 1 < self.toks.len() {
            let next = &self.toks[j + 1];
            let g = next.s.as_bytes();
            // Groups are one space apart; a group shorter than four ends the number.
            if next.start != self.toks[j].end + 1
                || bytes[self.toks[j].end] != b' '
                || g.is_empty()
                || g.len() > 4
                || !group(g)
            {
                break;
            }
            j += 1;
            len += g.len();
            digits += g.iter().filter(|c| c.is_ascii_digit()).count();
            if g.len() < 4 || self.toks[j].trail != 0 {
                break;
            }
        }
        ((15..=34).contains(&len) && digits >= 8 && j >= k + 3).then_some(j)
    }
}

/// "from" as the word right before a number a call or message came from: English,
/// Norwegian and Danish, Swedish, German, Dutch, Spanish and Portuguese and French, Italian.
const FROM_WORDS: &[&str] = &["from", "fra", "från", "von", "van", "de", "da", "dal"];

/// Words naming the attacker, by their beginnings: English, Norwegian and Danish, Swedish,
/// German, Dutch, Spanish, French, Italian.
const ATTACKER_NOUNS: &[&str] = &[
    "attacker",
    "scammer",
    "fraudster",
    "impostor",
    "imposter",
    "angriper",
    "angriber",
    "svindler",
    "angripare",
    "bedragare",
    "angreifer",
    "betrüger",
    "aanvaller",
    "oplichter",
    "atacante",
    "estafador",
    "attaquant",
    "escroc",
    "aggressore",
    "truffatore",
];

/// Words of a document that reports a fraud or an extortion.
const FRAUD_CUES: &[&str] = &[
    "fraud",
    "fake",
    "scam",
    "phish",
    "ransom",
    "extort",
    "spoof",
    "impersonat",
    "vishing",
    "smishing",
    "criminal",
    "attacker",
];

/// Words of a sentence that asks for money to be sent somewhere.
const PAY_CUES: &[&str] = &[
    "payment to",
    "pay to",
    "paid to",
    "transfer",
    "wire",
    "remit",
    "deposit",
    "send the",
    "sent to",
    "send to",
];

#[cfg(test)]
mod tests {
    use super::super::check;

    /// Scrubs `input` and asserts that `kept` is still in the output (other words of the
    /// sentence are other rules' business).
    fn keeps(input: &str, kept: &str) {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s.scrub_text(input).text;
        assert!(out.contains(kept), "{input:?} -> {out:?}");
    }

    #[test]
    fn a_number_a_lure_came_from_asking_for_something_stays() {
        check(&[
            (
                "Recibió una llamada del número +1 213 555 0147 pidiendo su número de póliza.",
                "Recibió una llamada del número +1 213 555 0147 pidiendo su número de póliza.",
            ),
            (
                "Recibió una llamada del número 555-201-7788 de su hija.",
                "Recibió una llamada del número [PHONE] de su hija.",
            ),
        ]);
        keeps(
            "Получила SMS с номера +1 646 555 0190 с просьбой сообщить номер полиса.",
            "+1 646 555 0190",
        );
        keeps(
            "환자는 +44 7700 900456 번호로부터 보험번호를 요구하는 문자를 받음.",
            "+44 7700 900456",
        );
    }

    #[test]
    fn a_callback_before_an_outside_link_and_a_lures_sender_stay() {
        check(&[
            (
                "Payroll: confirm the change or call 617-555-0142. https://pay-verify.example/x\n",
                "Payroll: confirm the change or call 617-555-0142. https://pay-verify.example/x\n",
            ),
            (
                "Please call 617-555-0142. Thanks.\n",
                "Please call [PHONE]. Thanks.\n",
            ),
            (
                "anyone get a text asking to confirm badge? came from 617-555-0188\n",
                "anyone get a text asking to confirm badge? came from 617-555-0188\n",
            ),
            (
                "the visit went well, the call came from 617-555-0188\n",
                "the visit went well, the call came from [PHONE]\n",
            ),
        ]);
    }

    #[test]
    fn the_number_a_fake_warning_popup_shows_stays() {
        check(&[
            (
                "A pop-up locked the screen with a warning and the number 617-555-0123. She called it.",
                "A pop-up locked the screen with a warning and the number 617-555-0123. She called it.",
            ),
            (
                "He left a note with a warning and the number 617-555-0123 of his son.",
                "He left a note with a warning and the number [PHONE] of his son.",
            ),
        ]);
    }

    #[test]
    fn a_mail_from_an_address_in_other_languages_keeps_the_address() {
        check(&[
            (
                "Ha ricevuto lo stesso messaggio da billing-team@gmail.com ieri.",
                "Ha ricevuto lo stesso messaggio da billing-team@gmail.com ieri.",
            ),
            (
                "Kom ett nätfiskemejl från share-desk@outlook.com igår.",
                "Kom ett nätfiskemejl från share-desk@outlook.com igår.",
            ),
            (
                "Nakatanggap din siya ng email mula sa claims-team@yahoo.com.",
                "Nakatanggap din siya ng email mula sa claims-team@yahoo.com.",
            ),
            (
                "La dirección de la paciente es ana.lopez77@gmail.com.",
                "La dirección de la paciente es [EMAIL].",
            ),
        ]);
        keeps(
            "同じメールは helpdesk-desk@gmail.com から 届いていた。",
            "helpdesk-desk@gmail.com",
        );
        keeps(
            "같은 메일이 cdn-team@yahoo.com 에서 발송되었습니다.",
            "cdn-team@yahoo.com",
        );
    }

    #[test]
    fn a_threat_actors_name_by_its_role_stays() {
        check(&[
            (
                "Logins are consistent with Sister Martha tradecraft.",
                "Logins are consistent with Sister Martha tradecraft.",
            ),
            (
                "The number matches the Silent Karen help-desk scheme.",
                "The number matches the Silent Karen help-desk scheme.",
            ),
            (
                "Disclosed to an unauthorized party (threat actor Sister Martha).",
                "Disclosed to an unauthorized party (threat actor Sister Martha).",
            ),
        ]);
    }

    #[test]
    fn a_new_account_in_a_payment_change_request_stays() {
        check(&[
            (
                "Subject: vendor banking update\nPlease process it today. New account 4455667788, routing 021000021. Thanks.",
                "Subject: vendor banking update\nPlease process it today. New account 4455667788, routing 021000021. Thanks.",
            ),
            (
                "Patient portal note: new account 4455667788 opened for the patient.",
                "Patient portal note: new account [ACCOUNT] opened for the patient.",
            ),
        ]);
    }

    #[test]
    fn an_iban_a_fraud_asks_payment_to_stays() {
        check(&[
            (
                "Fraud notice: fake invoices asked clinics for payment to XK05 1212 0123 4567 8906.\n",
                "Fraud notice: fake invoices asked clinics for payment to XK05 1212 0123 4567 8906.\n",
            ),
            (
                "The ransom note demanded a transfer to LT12 1000 0111 0100 1000 within two days.\n",
                "The ransom note demanded a transfer to LT12 1000 0111 0100 1000 within two days.\n",
            ),
        ]);
    }

    #[test]
    fn an_iban_outside_a_fraud_demand_is_removed_whole() {
        check(&[(
            "Refund sent to the patient's account GB29 NWBK 6016 1331 9268 19 today.\n",
            "Refund sent to the patient's account [ACCOUNT] today.\n",
        )]);

        for input in [
            "Her refund was paid to LT12 1000 0111 0100 1000 after the scam was reported.\n",
            "Payment to LT12 1000 0111 0100 1000 was made for the clinic visit.\n",
        ] {
            let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
            let out = s.scrub_text(input).text;
            assert!(!out.contains("0111 0100 1000"), "{input:?} -> {out:?}");
        }
    }

    #[test]
    fn the_number_an_attacker_rang_from_stays() {
        check(&[
            (
                "Angriperen ringte fra +47 912 34 567 og ba om koden.\n",
                "Angriperen ringte fra +47 912 34 567 og ba om koden.\n",
            ),
            (
                "The scammer called from +44 20 7946 0321 twice.\n",
                "The scammer called from +44 20 7946 0321 twice.\n",
            ),
            (
                "Her daughter called from +44 20 7946 0321 twice.\n",
                "Her daughter called from [PHONE] twice.\n",
            ),
        ]);
    }

    #[test]
    fn a_payee_changers_number_and_new_account_stay() {
        keeps(
            "Payee changed by phone: the caller, calling from +44 20 7946 0321, gave new account LT12 1000 0111 0100 1000.\n",
            "calling from +44 20 7946 0321, gave new account LT12 1000 0111 0100 1000.",
        );
        check(&[(
            "Payee unchanged. Her son called from +44 20 7946 0321 about the bill.\n",
            "Payee unchanged. Her son called from [PHONE] about the bill.\n",
        )]);
    }
}
