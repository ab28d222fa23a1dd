//! The attacker's own contact details, read by their role in the sentence: the number a
//! lure came from ("received a call from the number ... asking for the insurance number",
//! in the languages of the notes), the number a fake warning pop-up shows, the address a
//! phishing mail came from when "from" follows it (Japanese, Korean, Turkish), and the new
//! bank account a payment-diversion request gives. They are kept; a person's number or
//! address beside them is judged by the other rules.

use super::{Class, Engine};

/// "to" and its counterparts right before an address ("an", "à", "aan", "naar", "til",
/// "do", "para", "per", "a", "ke", "kwa", "sa"): with a word of delivery beside it
/// (`DELIVERY_WORDS`), the address is a mail's recipient.
const RECIPIENT_BEFORE: &[&str] = &[
    "to", "an", "à", "a", "aan", "naar", "til", "till", "do", "para", "per", "zu", "ke", "kwa",
    "sa", "al", "au", "aux", "alla", "ao", "na",
];

/// Words saying a mail was delivered somewhere: "sent", "envoyée", "enviado",
/// "gesendet", "ging", "gestuurd", "inviata", "wysłano", "skickat", "sendt" and their like.
/// Not "forwarded": mail forwarded out to a free-mail address is the attacker's drop box.
const DELIVERY_WORDS: &[&str] = &[
    "sent",
    "went",
    "delivered",
    "emailed",
    "e-mailed",
    "mailed",
    "addressed",
    "envoyé",
    "envoyée",
    "envoyés",
    "envoyées",
    "transmis",
    "transmise",
    "adressé",
    "adressée",
    "enviado",
    "enviada",
    "enviados",
    "enviadas",
    "remitido",
    "remitida",
    "gesendet",
    "geschickt",
    "verschickt",
    "ging",
    "gingen",
    "gestuurd",
    "verstuurd",
    "inviata",
    "inviato",
    "spedita",
    "spedito",
    "wysłany",
    "wysłana",
    "wysłano",
    "przesłano",
    "skickat",
    "skickades",
    "sendt",
    "sendte",
    "sendi",
    "lähetettiin",
    "dikirim",
    "ipinadala",
];

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
        self.word_soon_after(last, sent, 15, |w| REQUEST.iter().any(|r| w.contains(r)))
    }

    /// Whether one of the `n` words after token `last`, still in sentence `sent`, passes
    /// `test` (lowercased).
    fn word_soon_after(
        &self,
        last: usize,
        sent: u32,
        n: usize,
        test: impl Fn(&str) -> bool,
    ) -> bool {
        (last + 1..self.toks.len().min(last + 1 + n))
            .take_while(|&j| self.toks[j].sent == sent)
            .any(|j| self.word_lower(j).is_some_and(|w| test(&w)))
    }

    /// "Fraudulent call from +1 ...", "Simu ya ulaghai kutoka +1 ...", "Petukõne tuli
    /// numbrilt +234 ...", "詐騙電話來自 +63 ...", "جعلی کال +234 ... سے": a number that the
    /// words right before it call a fraud, scam or fake call or message, in some sixty
    /// languages. Only "from", "came", "the" and the word for "number" may stand between
    /// those words and the number, with no punctuation: "a scam call; her phone 555-..."
    /// and "scam calls reported by the patient at 555-..." stay a person's number.
    pub(super) fn fraud_call_number(&self, first: usize) -> bool {
        let sent = self.toks[first].sent;
        let quiet = |j: usize| {
            let t = &self.toks[j];
            t.sent == sent && t.trail == 0 && matches!(t.after, b' ' | b'\t')
        };
        let mut i = first;
        while i > 0 && first - i < 3 {
            let j = i - 1;
            let Some(w) = self.word_lower(j) else {
                return false;
            };
            if !quiet(j) || !(CALL_GAP.contains(&w.as_str()) || stem_of(&w, NUMBER_STEMS)) {
                break;
            }
            i = j;
        }
        if i == 0 || !quiet(i - 1) {
            return false;
        }
        let cue = i - 1;
        let Some(w) = self.word_lower(cue) else {
            return false;
        };
        let (fraud, call) = (stem_of(&w, FRAUD_STEMS), stem_of(&w, CALL_STEMS));
        if fraud && call {
            return true;
        }
        if !fraud && !call {
            return false;
        }
        // The other half of "fraud call" one or two words before ("Trucada fraudulenta",
        // "Simu ya ulaghai").
        let want = if fraud { CALL_STEMS } else { FRAUD_STEMS };
        (1..=2).any(|back| {
            cue >= back
                && (cue - back..cue).all(quiet)
                && self
                    .word_lower(cue - back)
                    .is_some_and(|v| stem_of(&v, want))
        })
    }

    /// "someone called her daughter from +1 ... pretending to be billing", "tumawag sa ER
    /// from +44 ..., nagpapanggap na ...", "got a call from +1 ... 'from the clinic'": a
    /// number a call came from, the caller pretending right after it to be someone else
    /// (or the identity they claimed quoted after it), is the impostor's.
    pub(super) fn caller_pretends(&self, first: usize, last: usize) -> bool {
        let sent = self.toks[first].sent;
        let from = first >= 2
            && self.toks[first - 1].sent == sent
            && self.word_lower(first - 1).is_some_and(|w| {
                CALL_GAP.contains(&w.as_str())
                    && !matches!(w.as_str(), "the" | "a" | "la" | "le" | "el" | "il")
            });
        if !from {
            return false;
        }
        let call = (2..=6).any(|back| {
            first >= back
                && self.toks[first - back].sent == sent
                && self
                    .word_lower(first - back)
                    .is_some_and(|w| stem_of(&w, CALL_STEMS))
        });
        if !call {
            return false;
        }
        let after = &self.text[self.toks[last].end..];
        let after = after.trim_start_matches([')', ' ']);
        if after.starts_with(['\'', '"', '“', '‘']) {
            return true;
        }
        self.word_soon_after(last, sent, 4, |w| {
            PRETEND_STEMS.iter().any(|p| w.starts_with(p))
        })
    }

    /// "someone called her from +44 ..., pretending to be the hospital, and asked for the
    /// SMS code", as the notes of some twenty languages tell it ("pozvao sa broja +63 ...,
    /// predstavio se kao bolnica", "+1 ... raqamidan kimdir qo'ng'iroq qilib, shifoxona
    /// nomidan SMS kodini so'ragan"): the number a call came from ("from" right before it,
    /// or "from the number" right after it), in a sentence that names a call, then after
    /// the number a hospital or clinic (the identity the caller took) and a text-message
    /// code (what they asked for), is the impostor's. A patient's own number has its label
    /// ("tel.", "telefon") before it and no such sentence around it; "we called her at ...
    /// from the hospital" has no "from" before the number.
    pub(super) fn impostor_hospital_call(&self, first: usize, last: usize) -> bool {
        let sent = self.toks[first].sent;
        // The sentence's reach, bounded: eight words before, twenty after.
        let mut a = first;
        while a > 0 && first - a < 8 && self.toks[a - 1].sent == sent {
            a -= 1;
        }
        let mut b = last;
        while b + 1 < self.toks.len() && b - last < 20 && self.toks[b + 1].sent == sent {
            b += 1;
        }
        // Cheapest first: the code asked for is a text message's ("SMS", "SMS-Code").
        if !self.text[self.toks[last].end..self.toks[b].end].contains("SMS") {
            return false;
        }
        let from_before = |j: usize| {
            self.toks[j].sent == sent
                && self
                    .word_lower(j)
                    .is_some_and(|w| FROM_BEFORE_NUMBER.contains(&w.as_str()))
        };
        let number_word = |j: usize| {
            j < self.toks.len()
                && self.toks[j].sent == sent
                && self.word_lower(j).is_some_and(|w| {
                    stem_of(&w, NUMBER_STEMS) || NUMBER_MORE.iter().any(|n| w.contains(n))
                })
        };
        let from = first >= 1 && from_before(first - 1)
            || first >= 2 && number_word(first - 1) && from_before(first - 2)
            || number_word(last + 1)
            || number_word(last + 2);
        if !from {
            return false;
        }
        // "SMS" is on the call list too: the call must be another word.
        let call = (a..=b).filter(|j| !(first..=last).contains(j)).any(|j| {
            self.word_lower(j).is_some_and(|w| {
                !w.contains("sms")
                    && (stem_of(&w, CALL_STEMS) || CALL_MORE.iter().any(|c| w.contains(c)))
            })
        });
        if !call {
            return false;
        }
        // The hospital, and within six words of it a word saying the caller took its name
        // ("predstavio se kao bolnica", "shifoxona nomidan", "sich als Spital ausgegeben").
        let claim = |j: usize| {
            self.word_lower(j).is_some_and(|w| {
                CLAIM_WORDS.contains(&w.as_str()) || CLAIM_STEMS.iter().any(|c| w.contains(c))
            })
        };
        (last + 1..=b).any(|j| {
            self.word_lower(j)
                .is_some_and(|w| HOSPITAL_STEMS.iter().any(|h| w.contains(h)))
                && (j.saturating_sub(6).max(last + 1)..=(j + 6).min(b)).any(|c| c != j && claim(c))
        })
    }

    /// The bounds of token `k`'s sentence, at most `before` tokens back and `after` on.
    fn sentence_reach(&self, k: usize, before: usize, after: usize) -> (usize, usize) {
        let sent = self.toks[k].sent;
        let mut a = k;
        while a > 0 && k - a < before && self.toks[a - 1].sent == sent {
            a -= 1;
        }
        let mut b = k;
        while b + 1 < self.toks.len() && b - k < after && self.toks[b + 1].sent == sent {
            b += 1;
        }
        (a, b)
    }

    /// Whether a word of tokens `a..=b` (all but `skip`) passes `test`, lowercased.
    fn any_word(
        &self,
        a: usize,
        b: usize,
        skip: std::ops::RangeInclusive<usize>,
        test: impl Fn(&str) -> bool,
    ) -> bool {
        (a..=b)
            .filter(|j| !skip.contains(j))
            .any(|j| self.word_lower(j).is_some_and(|w| test(&w)))
    }

    /// "The patient said someone called from 0803 ... claiming to be the hospital's
    /// billing office and asked for the insurance number. The patient's real number is
    /// 0816 ...": in any language, a number in a sentence that names a hospital and a claimed
    /// identity or a fraud (a call alone is no claim: the hospital may really have called
    /// the patient's old number), followed within two sentences by one that gives a "real" or
    /// "correct" number (six digits or more), is the impostor's; the number of the "real number" sentence is the
    /// patient's and goes. Only the sentence's first long number is read (the insurance
    /// number asked for comes after it).
    pub(super) fn impostor_beside_real_number(&self, first: usize, last: usize) -> bool {
        let sent = self.toks[first].sent;
        let (a, b) = self.sentence_reach(first, 30, 30);
        let real = |w: &str| stem_of(w, REAL_STEMS);
        // An earlier number in the sentence (a date is none) makes this one the second.
        // A number already kept or removed counts whatever its digits (`+44 20 7946 0999`).
        let earlier = (a..first).any(|j| {
            let t = &self.toks[j];
            let digits = t.s.bytes().filter(u8::is_ascii_digit).count();
            let judged = matches!(t.class, Class::Protected | Class::Removed);
            (digits >= 6 || judged && digits >= 2) && !t.s.contains(['/', ':', '.'])
        });
        if earlier {
            return false;
        }
        // The next two sentences, bounded: one with a "real" word and six digits or more.
        // Read first, as the rarest of the conditions; its digits are counted before any
        // word is lowercased.
        let mut j = b + 1;
        let mut seen = 0;
        let mut real_next = false;
        while j < self.toks.len() && j - b <= 80 {
            let s2 = self.toks[j].sent;
            if s2.wrapping_sub(sent) > 2 {
                break;
            }
            let (c, d) = self.sentence_reach(j, 0, 40);
            let digits: usize = (c..=d)
                .map(|i| self.toks[i].s.bytes().filter(u8::is_ascii_digit).count())
                .sum();
            if digits >= 6 && self.any_word(c, d, d + 1..=d + 1, real) {
                real_next = true;
                break;
            }
            seen += 1;
            if seen >= 2 {
                break;
            }
            j = d + 1;
        }
        if !real_next || self.any_word(a, b, first..=last, real) {
            return false;
        }
        let hospital = self.any_word(a, b, first..=last, |w| {
            HOSPITAL_STEMS.iter().any(|h| w.contains(h))
                || HOSPITAL_MORE.iter().any(|h| w.contains(h))
        });
        hospital
            && self.any_word(a, b, first..=last, |w| {
                CLAIM_STEMS.iter().any(|c| w.contains(c))
                    || CALL_CLAIM_MORE.iter().any(|c| w.contains(c))
                    || stem_of(w, FRAUD_STEMS)
            })
    }

    /// "was sent to x@…", "envoyée à x@…", "ging an x@…", "an x@… gesendet": the address a
    /// mail was delivered to (a word of delivery within three words before the preposition
    /// or after the address) is its recipient's, a patient's or a colleague's, never the
    /// sender's. "Reply to x@…" and "send the cards to x@…" name no delivery and are left to
    /// the other rules.
    pub(super) fn sent_to(&self, k: usize) -> bool {
        if k == 0 || self.toks[k - 1].sent != self.toks[k].sent {
            return false;
        }
        let Some(prep) = self.word_lower(k - 1) else {
            return false;
        };
        if !RECIPIENT_BEFORE.contains(&prep.as_str()) {
            return false;
        }
        let sent = self.toks[k].sent;
        let delivery = |j: usize| {
            self.toks.get(j).is_some_and(|t| t.sent == sent)
                && self
                    .word_lower(j)
                    .is_some_and(|w| DELIVERY_WORDS.contains(&w.as_str()))
        };
        (k.saturating_sub(4)..k - 1).any(delivery) || (k + 1..=k + 3).any(delivery)
    }

    /// "A fake e-mail came from x@... in the patient's name", "falskur teldupostur frá
    /// x@...", "x@... дарегинен ... жасалма кат": the first address of a sentence that
    /// calls a mail fake or fraudulent (a word for a mail and one for a fake within eight
    /// words before the address or twenty after) is the sender's, kept. A sentence naming a patient's own
    /// address ("her address", "correct address") is left to the other rules.
    pub(super) fn fake_mail_sender(&self, k: usize) -> bool {
        let (a, b) = self.sentence_reach(k, 8, 20);
        let earlier = (a..k).any(|j| self.toks[j].s.contains('@'));
        if earlier {
            return false;
        }
        if self.sent_to(k) {
            return false;
        }
        let fake = self.any_word(a, b, k..=k, |w| {
            stem_of(w, FRAUD_STEMS) || FAKE_MORE.iter().any(|f| w.contains(f))
        });
        if !fake {
            return false;
        }
        let mail = self.any_word(a, b, k..=k, |w| {
            MESSAGE_PARTS.iter().any(|p| w.contains(p))
                || MESSAGE_WORDS.contains(&w)
                || MAIL_MORE.iter().any(|m| w.contains(m))
                || matches!(w, "кат" | "ліст" | "ozi")
        });
        mail && !self.any_word(a, b, k..=k, |w| stem_of(w, REAL_STEMS))
    }

    /// "11:04  'prescriber office' +1 ...  caller asked for the DEA number — vishing": a
    /// number right after the identity its caller claimed (in quotes), on a line that calls
    /// the call a fraud, a scam or vishing, is the impostor's.
    pub(super) fn quoted_claim_on_fraud_line(&self, first: usize) -> bool {
        let start = self.toks[first].start;
        let before = self.text[..start].trim_end_matches([' ', '\t', '(']);
        if !before.ends_with(['\'', '"', '”', '’']) {
            return false;
        }
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |p| start + p);
        let mut j = first;
        while j > 0 && self.toks[j - 1].start >= line_start {
            j -= 1;
        }
        self.toks[j..]
            .iter()
            .enumerate()
            .take_while(|(_, t)| t.start < line_end)
            .any(|(x, t)| {
                t.class == Class::Plain
                    && self
                        .word_lower(j + x)
                        .is_some_and(|w| stem_of(&w, FRAUD_STEMS))
            })
    }

    /// "Caller ID: +1 ..." of a voicemail whose transcript is a lure: the message names a
    /// fraud or scam and sends the listener to an outside link. A voicemail that is no lure
    /// keeps its caller's number private.
    pub(super) fn lure_caller_id(&self, first: usize) -> bool {
        let label = first >= 2
            && self.is_word(first - 1, "id")
            && self.is_word(first - 2, "caller")
            && self.toks[first - 1].trail == b':';
        label
            && FRAUD_CUES.iter().any(|w| self.lowered.contains(w))
            && self.toks[first..]
                .iter()
                .any(|t| t.class == Class::Protected && t.s.contains("://"))
    }

    /// "the caller pretending to be our help desk used +1 ...", "the scammer posing as
    /// billing was calling via 555-...": a number the sentence says an impostor (a caller
    /// who pretended, posed, claimed to be someone) used or called from. The word right
    /// before the number must say so ("used", "using", "via", "from"); "the caller posing as
    /// IT reached her at 555-..." is the victim's number and goes.
    pub(super) fn impostor_used(&self, first: usize) -> bool {
        const USE: &[&str] = &["used", "using", "uses", "via", "from"];
        let sent = self.toks[first].sent;
        if first < 3
            || self.toks[first - 1].sent != sent
            || !self
                .word_lower(first - 1)
                .is_some_and(|w| USE.contains(&w.as_str()))
        {
            return false;
        }
        let lo = first.saturating_sub(20);
        (lo..first - 1).any(|j| {
            self.toks[j].sent == sent
                && self.word_lower(j).is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "caller" | "callers" | "scammer" | "scammers" | "impostor" | "imposter"
                    )
                })
                && (j + 1..(j + 4).min(first - 1)).any(|c| {
                    self.word_lower(c).is_some_and(|w| {
                        ["pretend", "posing", "claiming", "impersonat"]
                            .iter()
                            .any(|p| w.starts_with(p))
                    }) || self.says_who_they_are(c)
                })
        })
    }

    /// "saying they were", "said he was": at token `k`, a claim of who the speaker is.
    fn says_who_they_are(&self, k: usize) -> bool {
        let word = |i: usize| self.word_lower(i).unwrap_or_default();
        matches!(word(k).as_str(), "saying" | "said")
            && matches!(word(k + 1).as_str(), "they" | "he" | "she")
            && matches!(word(k + 2).as_str(), "were" | "was" | "are" | "is")
    }

    /// "someone called from 0918 ... saying a refund was pending", "the desk received a
    /// call from 93037-00458 asking to redirect the claim": the number an unnamed caller
    /// called from, when the rest of its sentence asks for what only a fraud asks (a
    /// code, a redirected claim, card or bank details) or claims an identity. The caller
    /// must be no one the note names: "someone", "a caller", "an unknown man", or "a call"
    /// received; "the patient called from ... asking for a refill" and "her daughter rang
    /// from ..." keep their numbers removed.
    pub(super) fn unknown_caller_from(&self, first: usize, last: usize) -> bool {
        if first < 3 || !self.is_word(first - 1, "from") {
            return false;
        }
        let sent = self.toks[first].sent;
        let verb = first - 2;
        let word = |i: usize| {
            if self.toks[i].sent == sent {
                self.word_lower(i).unwrap_or_default()
            } else {
                String::new()
            }
        };
        let v = word(verb);
        let someone = |w: &str| {
            matches!(
                w,
                "someone" | "somebody" | "caller" | "unknown" | "stranger" | "man" | "woman"
            )
        };
        let unnamed = match v.as_str() {
            "called" | "rang" | "phoned" | "texted" | "messaged" | "calling" => {
                (verb.saturating_sub(3)..verb).any(|j| someone(&word(j)))
            }
            // "received a call from", "got a text from".
            "call" | "text" | "message" | "sms" => matches!(word(verb - 1).as_str(), "a" | "an"),
            _ => false,
        };
        if !unnamed {
            return false;
        }
        self.fraud_ask_after(last)
    }

    /// "fraudsters using x@... and +27 ... are asking members for codes", "scammers on
    /// 0917 ...": a contact that the words right before it say an attacker uses (a word
    /// naming the attacker, then "using", "use", "used", "via", "on" or "at"), the other
    /// contacts of the same list ("and", "or", commas) between them, is the attacker's.
    pub(super) fn attacker_uses(&self, first: usize) -> bool {
        let sent = self.toks[first].sent;
        let mut j = first;
        while j > 0 && first - j < 16 {
            let p = j - 1;
            if self.toks[p].sent != sent {
                return false;
            }
            let Some(w) = self.word_lower(p) else {
                return false;
            };
            if matches!(w.as_str(), "using" | "use" | "used" | "via" | "on" | "at") {
                return p >= 1
                    && self.toks[p - 1].sent == sent
                    && self
                        .word_lower(p - 1)
                        .is_some_and(|v| ATTACKER_NOUNS.iter().any(|a| v.starts_with(a)));
            }
            let t = &self.toks[p];
            let contact = t.s.contains('@')
                || t.s
                    .starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '(');
            if !(contact || matches!(w.as_str(), "and" | "or")) {
                return false;
            }
            j = p;
        }
        false
    }

    /// "a pop-up asking to call +234 ... (fake support)", "the popup said to ring 0800 ...":
    /// a number right after "call" or "ring", in a sentence that names a pop-up before it,
    /// is the number a fake warning shows: the scammer's. Real software does not ask its
    /// user by pop-up to phone anyone.
    pub(super) fn popup_call_number(&self, first: usize) -> bool {
        if first < 2 || !(self.is_word(first - 1, "call") || self.is_word(first - 1, "ring")) {
            return false;
        }
        let sent = self.toks[first].sent;
        let (a, _) = self.sentence_reach(first, 30, 0);
        (a..first - 1).any(|j| {
            self.toks[j].sent == sent
                && self.word_lower(j).is_some_and(|w| {
                    matches!(w.as_str(), "pop-up" | "popup" | "pop-ups" | "popups")
                })
        })
    }

    /// "a call from +91 ... asking to redirect the claim amount to UPI id x@bank", "a text
    /// from 0917 ... asking her to pay the balance via GCash to 0928 ...": the account,
    /// wallet or payment id right after "to" (a label such as "UPI id" or "account" may
    /// stand between), in a sentence that asks for a payment or a redirection and already
    /// holds a contact kept as an attacker's, is where the fraud wants the money: kept. A
    /// payment sentence with no attacker's contact in it ("refund to account 1234...")
    /// keeps its account private.
    pub(super) fn paid_to_attacker(&self, first: usize) -> bool {
        const LABELS: &[&str] = &[
            "upi", "id", "vpa", "account", "acct", "number", "no", "wallet", "a/c",
        ];
        let sent = self.toks[first].sent;
        let mut j = first;
        while j > 0 && first - j < 3 {
            let Some(w) = self.word_lower(j - 1) else {
                return false;
            };
            if self.toks[j - 1].sent != sent || !LABELS.contains(&w.as_str()) {
                break;
            }
            j -= 1;
        }
        if j == 0 || !self.is_word(j - 1, "to") || self.toks[j - 1].sent != sent {
            return false;
        }
        let (a, _) = self.sentence_reach(j - 1, 40, 0);
        let pay = self.any_word(a, j - 1, j - 1..=j - 1, |w| {
            [
                "pay", "redirect", "transfer", "send", "deposit", "remit", "wire",
            ]
            .iter()
            .any(|p| w.starts_with(p))
        });
        pay && self.toks[a..j - 1].iter().any(|t| {
            t.class == Class::Protected
                && (t.s.contains('@') || t.s.bytes().filter(u8::is_ascii_digit).count() >= 3)
                && !t.s.contains("://")
        })
    }

    /// A payment id in the shape of India's UPI addresses (`name@bank`: no dot after the
    /// `@`) or a wallet number, paid to an attacker ([`Engine::paid_to_attacker`]): kept.
    pub(super) fn attacker_payment_ids(&mut self) {
        for k in 0..self.toks.len() {
            let t = &self.toks[k];
            if matches!(t.class, Class::Protected | Class::Threat) {
                continue;
            }
            let upi = t.s.split_once('@').is_some_and(|(user, psp)| {
                !user.is_empty()
                    && (2..=20).contains(&psp.len())
                    && psp.bytes().all(|c| c.is_ascii_alphabetic())
            });
            if !upi || !self.paid_to_attacker(k) {
                continue;
            }
            // Read as a login (`user@host`) by its shape alone: that finding is voided (an
            // empty span, dropped when the spans are settled).
            if t.class == Class::Removed {
                let Some(f) = self.found.get_mut(t.finding) else {
                    continue;
                };
                if f.original_span != (t.start..t.end) {
                    continue;
                }
                f.original_span = t.start..t.start;
            }
            self.toks[k].class = Class::Protected;
        }
    }

    /// Whether the rest of token `k`'s sentence (at most 40 tokens on) asks for what only a
    /// fraud asks for ([`FRAUD_ASKS`]).
    pub(super) fn fraud_ask_after(&self, k: usize) -> bool {
        let (_, b) = self.sentence_reach(k, 0, 40);
        let stop = super::settle::floor_boundary(self.lowered, self.toks[b].end);
        asks_what_a_fraud_asks(self.lowered.get(self.toks[k].end..stop).unwrap_or(""))
    }

    /// "Report calls from +1 ..., which is not ours.", "some patients have received calls
    /// from 555-... asking for payment. That is not us.": a number calls or texts came
    /// from, that the writer disowns right after (in its sentence or the next, within 160
    /// bytes and no blank line), is an impostor's. A number with no such denial goes.
    pub(super) fn disowned_number(&self, first: usize, last: usize) -> bool {
        if first < 2 || !self.is_word(first - 1, "from") {
            return false;
        }
        let called = self.word_lower(first - 2).is_some_and(|w| {
            matches!(
                w.as_str(),
                "call" | "calls" | "text" | "texts" | "message" | "messages"
            )
        });
        if !called {
            return false;
        }
        let end = self.toks[last].end;
        let stop = super::settle::floor_boundary(self.lowered, (end + 160).min(self.lowered.len()));
        let after = &self.lowered[end..stop];
        let after = after.split("\n\n").next().unwrap_or("");
        [
            "not ours",
            "not us",
            "not from us",
            "isn't ours",
            "is not our number",
            "not our number",
        ]
        .iter()
        .any(|d| after.contains(d))
    }

    /// "Caller said he was from our IT ... Number on caller id: +1 ...": the caller id of a
    /// call whose caller, on the same line, claimed to be someone else. A caller id with no
    /// such claim beside it is a person's number and goes.
    pub(super) fn claimed_caller_id(&self, first: usize) -> bool {
        if first < 2 || !self.is_word(first - 1, "id") || !self.is_word(first - 2, "caller") {
            return false;
        }
        let start = self.toks[first].start;
        let from = super::settle::floor_boundary(self.lowered, start.saturating_sub(256));
        let before = &self.lowered[from..start];
        let line = before.rsplit('\n').next().unwrap_or("");
        [
            "pretend",
            "posing as",
            "claiming to",
            "claimed to",
            "impersonat",
            "said he was from",
            "said she was from",
            "said they were from",
        ]
        .iter()
        .any(|c| line.contains(c))
    }

    /// `<sms address="+1 ..." body="Your access expires. Verify at https://..." ...
    /// contact_name="(Unknown)" />`: in a backup of text messages, the sender (`address=`,
    /// `from=`, `sender=`) of a record whose body carries a link, from no saved contact, is
    /// the lure's sender. A saved contact's record, or one with no link, keeps its number
    /// private. The record is read to at most 1024 bytes either side, on its line.
    pub(super) fn link_record_sender(&self, first: usize) -> bool {
        let start = self.toks[first].start;
        let head = self.text[..start].trim_end_matches('(');
        let Some(head) = head.strip_suffix('"').or_else(|| head.strip_suffix('\'')) else {
            return false;
        };
        let lower_tail = |n: usize| {
            let a = super::settle::floor_boundary(head, head.len().saturating_sub(n));
            head[a..].to_ascii_lowercase()
        };
        let field = lower_tail(10);
        if !["address=", "from=", "sender="]
            .iter()
            .any(|f| field.ends_with(f))
        {
            return false;
        }
        let a = super::settle::floor_boundary(self.text, start.saturating_sub(1024));
        let b = super::settle::floor_boundary(self.text, (start + 1024).min(self.text.len()));
        // The record's element: no raw `<` stands inside an XML attribute.
        let before = self.text[a..start].rsplit(['\n', '<']).next().unwrap_or("");
        let after = self.text[start..b].split(['\n', '<']).next().unwrap_or("");
        let link = |s: &str| s.contains("://") || s.contains("hxxp");
        if !(link(before) || link(after)) {
            return false;
        }
        // A saved contact's name: anything but empty, "(Unknown)" or a number.
        let named = [before, after].iter().any(|part| {
            part.find("contact_name=\"").is_some_and(|p| {
                let v = &part[p + 14..];
                let v = &v[..v.find('"').unwrap_or(v.len())];
                !(v.is_empty()
                    || v.starts_with('(')
                    || v.eq_ignore_ascii_case("null")
                    || v.bytes().all(|c| !c.is_ascii_alphabetic()))
            })
        });
        !named
    }

    /// "rogue SSID 'Guest-WiFi' from BSSID 02:11:22:33:44:55", "point d'accès pirate
    /// (BSSID ...)": the hardware address of a rogue or fake access point is the attacker's
    /// device. A word for a rogue or fake thing and one for an access point must both stand
    /// in the twelve words before the address, in its sentence; a staff or patient device's
    /// address goes.
    pub(super) fn rogue_access_point_mac(&self, k: usize) -> bool {
        const ROGUE: &[&str] = &[
            "rogue",
            "evil",
            "pirate",
            "spoof",
            "fake",
            "falso",
            "falsa",
            "faux",
            "fausse",
            "gefälscht",
            "malicious",
            "attacker",
            "impersonat",
            "unauthori",
            "ilegítim",
            "ilegal",
            "illegal",
            "nicht autorisiert",
            "betrüger",
            "поддельн",
            "фальш",
            "мошенн",
            "非法",
            "伪造",
            "偽造",
            "不正",
            "가짜",
        ];
        const AP: &[&str] = &[
            "ssid",
            "bssid",
            "access point",
            "ap",
            "wifi",
            "wi-fi",
            "wlan",
            "hotspot",
            "point d'accès",
            "punto de acceso",
            "zugangspunkt",
            "ponto de acesso",
            "точка доступа",
            "热点",
            "接入点",
            "アクセスポイント",
        ];
        let sent = self.toks[k].sent;
        let mut i = k;
        while i > 0 && k - i < 12 && self.toks[i - 1].sent == sent {
            i -= 1;
        }
        if i == k {
            return false;
        }
        let span = self.text[self.toks[i].start..self.toks[k].start].to_lowercase();
        let words: Vec<&str> = span
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        let rogue = ROGUE.iter().any(|r| span.contains(r));
        let ap = AP.iter().any(|a| {
            if a.len() <= 5 {
                words.contains(a)
            } else {
                span.contains(a)
            }
        });
        // "Possible ARP attack from MAC address": the hardware address an attack on the
        // local network came from.
        let arp_attack =
            words.contains(&"attack") && (words.contains(&"arp") || words.contains(&"mac"));
        rogue && ap || arp_attack
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
    /// the number a lure came from, the message (or call) and its lure (an outside link, or
    /// a request to confirm or verify) told on the same line or the two before; or the lure
    /// forwarded below the note, its link within the next twelve lines.
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
            message |= matches!(
                l,
                "text" | "sms" | "message" | "email" | "e-mail" | "call" | "calls" | "texts"
            );
            lure |= matches!(
                l,
                "asking" | "verify" | "confirm" | "phishing" | "smishing" | "scam" | "fee"
            ) || self.toks[j].class == Class::Protected && self.toks[j].s.contains("://");
        }
        if message && !lure {
            // The lure forwarded below the note (`-----Original Message-----` and its link):
            // a link among the next twelve lines' words.
            let mut end = self.toks[first].end;
            for _ in 0..12 {
                match self.text[end..].find('\n') {
                    Some(p) => end += p + 1,
                    None => end = self.text.len(),
                }
            }
            lure = self.toks[first..]
                .iter()
                .take_while(|t| t.start < end)
                .take(400)
                .any(|t| t.class == Class::Protected && t.s.contains("://"));
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
        self.next_word_begins(k, MAIL_FROM_AFTER) && (k.saturating_sub(4)..k).any(message)
    }

    /// "Please do not reply to texts from +1 ...", "never answer calls from +44 ...": a
    /// number the writer warns the reader not to answer, the texts or calls coming from it,
    /// is the lure's. "from" stands right before the number, a word for texts, calls or
    /// messages right before "from", and "not" or "never" among the four words before that.
    pub(super) fn warned_sender(&self, first: usize) -> bool {
        let mut buf = [0u8; 32];
        if first < 3 || !self.is_word(first - 1, "from") {
            return false;
        }
        let sent = self.toks[first].sent;
        let messages = self.lw(first - 2, &mut buf).is_some_and(|l| {
            matches!(
                l,
                "texts" | "text" | "messages" | "calls" | "sms" | "voicemails" | "emails"
            )
        });
        messages
            && (first.saturating_sub(6)..first - 2).any(|j| {
                let mut buf = [0u8; 32];
                self.toks[j].sent == sent
                    && self
                        .lw(j, &mut buf)
                        .is_some_and(|l| matches!(l, "not" | "never" | "don't" | "dont"))
            })
    }

    /// `user=jdoe  to=x@gmail.com  file=scan_1.pdf  status=SENT  ** external rule hit **`:
    /// the recipient of a record a security rule flagged on its line (a rule or policy hit,
    /// data-loss prevention) as it left for an outside address is where the data was
    /// taken: kept. An address holding the sending login (`user=jdoe to=jdoe77@gmail.com`)
    /// is the sender's own and is left to the other rules.
    pub(super) fn flagged_outbound_recipient(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let before = self.text[..t.start].trim_end_matches(['<', '"']);
        if !before.ends_with("to=") {
            return false;
        }
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        let line_end = self.text[t.end..]
            .find('\n')
            .map_or(self.text.len(), |p| t.end + p);
        let after = &self.lowered[t.end..line_end];
        if !["rule hit", "policy hit", "policy violation", "dlp"]
            .iter()
            .any(|w| after.contains(w))
        {
            return false;
        }
        let head = &self.lowered[line_start..t.start];
        let local = self.lowered[t.start..t.end].split('@').next().unwrap_or("");
        // The login after `user=`, its letters only (`smith.j` and `smithj` alike).
        let login: String = head
            .find("user=")
            .map(|p| &head[p + 5..])
            .and_then(|u| u.split([' ', '\t', ',', ';']).next())
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        let letters: String = local.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if login.len() < 3 {
            return true;
        }
        // `user=jdoe to=john.doe1980@gmail.com`: the login less its initial (or its last
        // letter, `doej`), or any four letters of it in the address, make it the sender's
        // own; a privacy rule does not keep a colleague's personal address.
        let surname_part = |part: &str| part.len() >= 3 && letters.contains(part);
        let own = letters.contains(&login)
            || login.contains(&letters)
            || surname_part(&login[1..])
            || surname_part(&login[..login.len() - 1])
            || login
                .as_bytes()
                .windows(4)
                .any(|w| letters.as_bytes().windows(4).any(|x| x == w));
        !own
    }

    /// "the same IP made 31 other requests using addresses like x@...": an address given as
    /// one of many that a single source used is a throwaway of that source. "using" (or
    /// "used", "with", "from") and a plural word for addresses stand right before "like"
    /// or "such as" and the address.
    pub(super) fn one_of_many_addresses_used(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        if k < 3 {
            return false;
        }
        let plural_at = match self.lw(k - 1, &mut buf) {
            Some("like") if k >= 3 => k - 2,
            Some("as") if k >= 4 && self.is_word(k - 2, "such") => k - 3,
            _ => return false,
        };
        let sent = self.toks[k].sent;
        let plural = self.toks[plural_at].sent == sent
            && self.lw(plural_at, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "addresses" | "emails" | "e-mails" | "accounts" | "senders"
                )
            });
        plural
            && self.toks[plural_at - 1].sent == sent
            && self
                .lw(plural_at - 1, &mut buf)
                .is_some_and(|l| matches!(l, "using" | "used" | "with" | "from"))
    }

    /// "one drive went missing; later listed for sale on x.example by y@mail.example": the
    /// address that offers stolen data for sale is the seller's. "by" stands right before
    /// the address and "for sale" among the twelve words before it, in its sentence.
    pub(super) fn offered_for_sale_by(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        if k < 3 || self.lw(k - 1, &mut buf) != Some("by") {
            return false;
        }
        let sent = self.toks[k].sent;
        (k.saturating_sub(12)..k - 2).any(|j| {
            self.toks[j].sent == sent && self.is_word(j, "for") && self.is_word(j + 1, "sale")
        })
    }

    /// "Napadač je pisao i sa adrese x@...", "Sulmuesi shkroi edhe nga x@...", "Hujumchi
    /// x@... manzilidan ham yozgan", "தாக்குபவரின் மின்னஞ்சல் x@...": the attacker wrote
    /// from the address, or it is named the attacker's address, in languages the English
    /// words do not read. A word naming the attacker stands within six words before the
    /// address, in its sentence, and the word right before the address is that word, a
    /// "from", or a word for an e-mail address; no word for a patient stands between
    /// ("the attacker wrote to the patient at x@..." is the patient's).
    pub(super) fn attacker_address_foreign(&self, k: usize) -> bool {
        if k == 0 {
            return false;
        }
        let sent = self.toks[k].sent;
        let attacker = |j: usize| {
            self.word_lower(j).is_some_and(|w| {
                ATTACKER_NOUNS.iter().any(|a| w.starts_with(a))
                    || ATTACKER_NOUNS_MORE.iter().any(|a| w.contains(a))
            })
        };
        let Some(before) = self.word_lower(k - 1) else {
            return false;
        };
        if self.toks[k - 1].sent != sent {
            return false;
        }
        let lead = attacker(k - 1)
            || MAIL_FROM_BEFORE_MORE.contains(&before.as_str())
            || MAIL_FROM_BEFORE.contains(&before.as_str())
            || ADDRESS_WORDS.iter().any(|a| before.contains(a));
        if !lead {
            return false;
        }
        let mut j = k;
        while j > 0 && k - j < 6 && self.toks[j - 1].sent == sent {
            j -= 1;
            let Some(w) = self.word_lower(j) else {
                continue;
            };
            if ["pati", "paci", "pazj", "pesakit", "пацијент", "пациент"]
                .iter()
                .any(|p| w.starts_with(p))
            {
                return false;
            }
            if attacker(j) {
                return true;
            }
        }
        false
    }

    /// "Please update our vendor's details. New account 001234567, routing 021000021.": in
    /// a request to change where payments go (a wire, a remittance, banking details), the
    /// numbers after "new account" and "routing" (or an IBAN or SWIFT code) in the same
    /// sentence are the fraudster's account, kept as indicators of the scheme.
    pub(super) fn diverted_account(&mut self) {
        let diversion = self.diversion();
        for k in 1..self.toks.len() {
            let opens = diversion
                && (self.is_word(k - 1, "new") || self.is_word(k - 1, "updated"))
                && ["account", "acct", "iban"]
                    .iter()
                    .any(|w| self.is_word(k, w));
            if !opens && !self.instructed_transfer_to(k) {
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

    /// "they told me to send the rest by bank transfer to routing 021000021 account
    /// 1234567890": token `k` is "routing" or "account" right after "to", in a sentence
    /// where someone told or asked the writer to send, pay or transfer money. The account
    /// a third party said to pay into is theirs; "to my account", "refund to the account
    /// on file" have a word between "to" and the cue, or no instruction, and go.
    fn instructed_transfer_to(&self, k: usize) -> bool {
        if !["routing", "account", "acct", "aba"]
            .iter()
            .any(|w| self.is_word(k, w))
            || !self.is_word(k - 1, "to")
            || !self.same_sentence(k - 1, k)
        {
            return false;
        }
        let sent = self.toks[k].sent;
        let mut a = k;
        while a > 0 && k - a < 40 && self.toks[a - 1].sent == sent {
            a -= 1;
        }
        let sentence = &self.lowered[self.toks[a].start..self.toks[k].end];
        instructed_payment(sentence)
            && PAY_CUES.iter().any(|w| sentence.contains(w))
            && !["refund", "reimburs"].iter().any(|w| sentence.contains(w))
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
            if (fraud || instructed_payment(sentence)) && demand {
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

/// "Real", "true", "correct", "actual" (their beginnings or a part of them), in the
/// languages machine translation offers: the patient's own number set against the one a
/// caller used. Latin-script stems are matched at a word's start (or inside it from five
/// letters on); others anywhere in a word.
static REAL_STEMS: &[&str] = &[
    "real",
    "actual",
    "correct",
    "genuine",
    "verdader",
    "verdadeir",
    "correct",
    "vrai",
    "véritable",
    "réel",
    "richtig",
    "echte",
    "tatsächlich",
    "reale",
    "corrett",
    "juiste",
    "настоящ",
    "реальн",
    "правильн",
    "действительн",
    "сапраўдн",
    "справжн",
    "pravi",
    "stvarn",
    "ispravn",
    "prawdziw",
    "właściw",
    "skutečn",
    "správn",
    "gerçek",
    "doğru",
    "الحقيقي",
    "الصحيح",
    "واقعی",
    "درست",
    "ریښتینی",
    "اصلي",
    "असली",
    "सही",
    "वास्तविक",
    "खरा",
    "खरे",
    "योग्य",
    "સાચ",
    "અસલ",
    "ਅਸਲ",
    "ਸਹੀ",
    "আসল",
    "সঠিক",
    "ನಿಜವಾದ",
    "ಸರಿಯಾದ",
    "യഥാർത്ഥ",
    "ശരിയായ",
    "உண்மையான",
    "சரியான",
    "నిజమైన",
    "సరైన",
    "සැබෑ",
    "නිවැරදි",
    "ແທ້",
    "จริง",
    "ถูกต้อง",
    "ពិត",
    "အစစ်",
    "မှန်ကန်",
    "жинхэнэ",
    "нақты",
    "шынайы",
    "дұрыс",
    "чыныгы",
    "туура",
    "воқеӣ",
    "дуруст",
    "аслӣ",
    "haqiqiy",
    "əsl",
    "həqiqi",
    "düzgün",
    "ნამდვილ",
    "სწორ",
    "իրական",
    "ճիշտ",
    "асл",
    "အမှန်",
    "n'ezie",
    "gidi",
    "tòótọ́",
    "ainihin",
    "halisi",
    "sahihi",
    "ngempela",
    "yokwenyani",
    "dhab",
    "saxda",
    "nyayo",
    "nyakuri",
    "እውነተኛ",
    "ትክክለኛ",
    "tino",
    "pono",
    "rætt",
    "veruleg",
    "rétt",
    "raunveruleg",
    "riktig",
    "ekte",
    "faktisk",
    "rätt",
    "verklig",
    "rigtig",
    "ægte",
    "oikea",
    "todellinen",
    "õige",
    "tegelik",
    "īst",
    "pareiz",
    "tikras",
    "teising",
    "valódi",
    "igazi",
    "helyes",
    "adevărat",
    "corect",
    "πραγματικ",
    "σωστ",
    "αληθιν",
    "האמיתי",
    "הנכון",
    "thật",
    "thực",
    "đúng",
    "asli",
    "sebenar",
    "betul",
    "totoong",
    "tunay",
    "tamang",
    "真实",
    "真實",
    "正确",
    "正確",
    "本当",
    "正しい",
    "実際",
    "실제",
    "진짜",
    "올바른",
    "cywir",
    "ceart",
    "fíor",
    "vërtet",
    "saktë",
    "veru",
    "korrett",
    "benetako",
    "zuzen",
    "veritable",
    "correcte",
    "regte",
    "werklik",
    "reyèl",
    "ĝust",
    "marina",
    "moni",
    "tinuod",
    "chaiyo",
    "weniweni",
    "nnete",
    "richteg",
    "rastîn",
    "чын",
    "hakyky",
    "dogry",
    "ھەقىقىي",
];

/// A hospital in the languages [`HOSPITAL_STEMS`] does not hold, by a part of the word.
const HOSPITAL_MORE: &[&str] = &[
    "ໂຮງໝໍ",
    "មន្ទីរពេទ្យ",
    "ဆေးရုံ",
    "โรงพยาบาล",
    "ಆಸ್ಪತ್ರೆ",
    "ആശുപത്രി",
    "હોસ્પિટલ",
    "ਹਸਪਤਾਲ",
    "रुग्णालय",
    "हॉस्पिटल",
    "হাসপাতাল",
    "эмнэлг",
    "бальніц",
    "лікарн",
    "оорукана",
    "беморхона",
    "ọgwụ",
    "hōhipera",
    "hohipera",
    "sjúkrahús",
    "isbitaal",
    "sibhedlela",
    "sibhedlele",
    "bitaro",
    "hospitali",
    "روغتون",
    "بیمارستان",
    "مستشفى",
    "ہسپتال",
    "חולים",
    "hastane",
    "საავადმყოფო",
    "νοσοκομ",
    "szpital",
    "nemocnic",
    "bolnišnic",
    "kórház",
    "sairaala",
    "haigla",
    "slimnīc",
    "ligonin",
    "sjukhus",
    "sykehus",
    "sygehus",
    "ziekenhuis",
    "bệnh viện",
    "viện",
    "ospital",
    "医院",
    "醫院",
    "病院",
    "병원",
    "chipatala",
    "chipatara",
    "sepetlele",
    "hopitaly",
    "lopital",
    "ospidéal",
    "sptar",
];

/// Calling, and taking another's name ("in the name of", "saying it was", "allegedly"),
/// in the languages [`CALL_STEMS`] and [`CLAIM_STEMS`] do not hold, by a part of the word.
const CALL_CLAIM_MORE: &[&str] = &[
    "ໂທ",
    "ອ້າງ",
    "ទូរស័ព្ទ",
    "ហៅ",
    "ក្នុងនាម",
    "ဖုန်း",
    "ಕರೆ",
    "ಹೆಸರಿನಲ್ಲಿ",
    "വിളിച്ച",
    "കോൾ",
    "പേരിൽ",
    "ફોન",
    "નામે",
    "ਫ਼ੋਨ",
    "ਕਾਲ",
    "ਨਾਮ",
    "फोन",
    "नावाने",
    "залга",
    "тэлефан",
    "нібыта",
    "чалып",
    "чалган",
    "занг",
    "kpọọ",
    "na-ekwu",
    "waea",
    "ringd",
    "hamag",
    "معرفي",
    "زنګ",
    "nazva",
    "zvao",
    "predstavlja",
    "ucingo",
    "shaye",
    "magaca",
    "izina",
    "атынан",
    "номидан",
    "гэж",
];

/// A fake or forged thing in the languages [`FRAUD_STEMS`] does not hold, by a part of the
/// word.
const FAKE_MORE: &[&str] = &[
    "ក្លែង",
    "жасалма",
    "جعلي",
    "mbumbulu",
    "ປອມ",
    "ក្លែងក្លាយ",
    "အတု",
    "ನಕಲಿ",
    "വ്യാജ",
    "નકલી",
    "ਜਾਅਲੀ",
    "ਨਕਲੀ",
    "बनावट",
    "नकली",
    "хуурамч",
    "фальшыв",
    "қалбақ",
    "soxta",
    "сохта",
    "lažn",
    "ụgha",
    "impimbano",
    "mpimbano",
    "uburiganya",
    "rūpahu",
    "binyoma",
    "adịgbo",
    "падроб",
    "поддел",
    "підроб",
    "қалбак",
    "abuur",
];

/// A mail, an e-mail, a letter in the languages [`MESSAGE_PARTS`] does not hold.
const MAIL_MORE: &[&str] = &[
    "imeyili",
    "teldupost",
    "poruk",
    "порук",
    "повідомлен",
    "паведамлен",
    "сообщен",
    "ujumbe",
    "ubutumwa",
    "mensahe",
    "viesti",
    "üzenet",
    "zpráv",
    "sporočil",
    "ziņojum",
    "žinut",
    "sõnum",
    "pesan",
    "mesej",
    "tin nhắn",
    "ข้อความ",
    "អ៊ីមែល",
    "برېښنالیک",
    "ईमेल",
    "ई-मेल",
    "ઇમેઇલ",
    "ઈમેલ",
    "ਈਮੇਲ",
    "ಇಮೇಲ್",
    "ഇമെയിൽ",
    "အီးမေးလ်",
    "ອີເມວ",
    "имэйл",
    "и-мэйл",
    "электрон",
    "imeli",
    "ímeil",
    "īmēra",
    "emeel",
    "iimayl",
    "мактуб",
    "imeri",
];

/// Words (their beginnings) calling a call or message a fraud, a scam, a fake, in some
/// sixty languages; matched at the start of a word. Latin-script stems of five letters or
/// more are also found inside a compound (German "Telefonbetrug").
static FRAUD_STEMS: &[&str] = &[
    // English
    "fraud",
    "scam",
    "fake",
    "spoof",
    "bogus",
    "phish",
    "vish",
    "smish",
    "impost",
    "impers",
    "hoax",
    "malicious",
    // Spanish, Portuguese, Galician, Catalan, Italian, French, Romanian
    "estaf",
    "engañ",
    "fals",
    "suplant",
    "timador",
    "golpe",
    "golpista",
    "truff",
    "frod",
    "fint",
    "arnaq",
    "escroq",
    "escroc",
    "faux",
    "fauss",
    "usurp",
    "înșel",
    "inşel",
    // German, Dutch, Afrikaans, Scandinavian, Icelandic, Luxembourgish
    "betrug",
    "betrüg",
    "gefälsch",
    "fälsch",
    "schwindel",
    "oplicht",
    "bedrog",
    "swendel",
    "svindel",
    "svig",
    "bedrag",
    "bedräg",
    "falsk",
    "svik",
    "bedrug",
    // Finnish, Estonian, Latvian, Lithuanian
    "huija",
    "petos",
    "väärennet",
    "petu",
    "pettus",
    "võlts",
    "krāp",
    "viltot",
    "viltus",
    "sukč",
    "apgaul",
    "netikr",
    // Polish, Czech, Slovak, Slovenian, Croatian, Serbian, Bosnian, Hungarian
    "oszust",
    "fałszyw",
    "podszyw",
    "podvod",
    "falešn",
    "falošn",
    "lažn",
    "lažan",
    "prevar",
    "goljuf",
    "csaló",
    "hamis",
    "átver",
    // Cyrillic: Serbian, Macedonian, Bulgarian, Russian, Ukrainian, Belarusian, Kazakh,
    // Mongolian
    "лажн",
    "лажан",
    "лажен",
    "превар",
    "измам",
    "фалшив",
    "лъжлив",
    "мошенн",
    "фальш",
    "поддел",
    "обман",
    "шахра",
    "підробл",
    "ошук",
    "махляр",
    "ашук",
    "алаяқ",
    "луйвар",
    "хуурамч",
    // Greek, Turkish, Azerbaijani, Uzbek, Albanian, Maltese, Welsh, Irish, Basque
    "απάτ",
    "απατε",
    "ψεύτικ",
    "πλαστ",
    "dolandır",
    "sahte",
    "saxta",
    "fırıldaq",
    "dələduz",
    "firibgar",
    "soxta",
    "mashtr",
    "rrejshëm",
    "frodi",
    "falz",
    "twyll",
    "ffug",
    "calaois",
    "bréag",
    "iruzur",
    "faltsu",
    // Georgian, Armenian, Hebrew, Arabic, Persian, Urdu
    "თაღლით",
    "ყალბ",
    "խարդախ",
    "կեղծ",
    "הונא",
    "מזויפ",
    "מתחזה",
    "רמאות",
    "احتيال",
    "مزيف",
    "نصب",
    "کلاهبردار",
    "جعلی",
    "تقلب",
    "فراڈ",
    "دھوکہ",
    // Hindi, Marathi, Nepali, Bengali, Punjabi, Gujarati, Tamil, Telugu, Kannada,
    // Malayalam, Sinhala
    "धोखाधड़ी",
    "फर्जी",
    "फ़र्ज़ी",
    "नकली",
    "ठगी",
    "फसवणूक",
    "बनावट",
    "नक्कली",
    "প্রতারণা",
    "ভুয়া",
    "ਧੋਖਾ",
    "ਜਾਅਲੀ",
    "છેતરપિંડી",
    "નકલી",
    "மோசடி",
    "போலி",
    "మోసం",
    "నకిలీ",
    "ವಂಚನೆ",
    "ನಕಲಿ",
    "തട്ടിപ്പ്",
    "വ്യാജ",
    "වංචා",
    // Thai, Lao, Khmer, Burmese, Vietnamese, Indonesian and Malay, Tagalog
    "หลอกลวง",
    "ปลอม",
    "มิจฉาชีพ",
    "ຫຼອກລວງ",
    "ປອມ",
    "បោកប្រាស់",
    "လိမ်",
    "lừa",
    "giả",
    "penipu",
    "palsu",
    "tipu",
    "manloloko",
    "panloloko",
    "peke",
    // Chinese, Japanese, Korean
    "詐騙",
    "诈骗",
    "欺詐",
    "欺诈",
    "假冒",
    "冒充",
    "偽冒",
    "虛假",
    "虚假",
    "詐欺",
    "偽",
    "なりすまし",
    "사기",
    "보이스피싱",
    "가짜",
    "사칭",
    // Swahili, Amharic, Hausa, Yoruba, Zulu, Xhosa, Somali, Malagasy
    "ulaghai",
    "udanganyifu",
    "bandia",
    "utapeli",
    "tapeli",
    "ማጭበርበር",
    "zamba",
    "damfara",
    "jìbìtì",
    "ayederu",
    "mgunyathi",
    "nkohliso",
    "khwabanis",
    "khiyaano",
    "hosoka",
];

/// Words (their beginnings) naming a phone call or a text message, in the same languages;
/// matched like [`FRAUD_STEMS`].
static CALL_STEMS: &[&str] = &[
    "call",
    "phone",
    "ring",
    "rang",
    "voicemail",
    "sms",
    "text",
    "llamad",
    "chamad",
    "ligaç",
    "telefon",
    "telefoon",
    "telefo",
    "chiamat",
    "appel",
    "trucad",
    "anruf",
    "oproep",
    "gesprek",
    "samtal",
    "opringning",
    "anrop",
    "símtal",
    "puhelu",
    "soitto",
    "kõne",
    "zvan",
    "skambut",
    "połącz",
    "rozmow",
    "hovor",
    "volán",
    "klic",
    "poziv",
    "позив",
    "повик",
    "обаждан",
    "позвън",
    "звон",
    "дзвін",
    "вызов",
    "виклик",
    "κλήσ",
    "τηλεφ",
    "apel",
    "hívás",
    "arama",
    "çağrı",
    "zəng",
    "ზარ",
    "զանգ",
    "שיחה",
    "مكالمة",
    "اتصال",
    "تماس",
    "کال",
    "فون",
    "कॉल",
    "फ़ोन",
    "फोन",
    "কল",
    "ফোন",
    "அழைப்பு",
    "కాల్",
    "โทร",
    "gọi",
    "panggilan",
    "telepon",
    "tawag",
    "tumawag",
    "tinawagan",
    "電話",
    "电话",
    "來電",
    "来电",
    "致電",
    "致电",
    "着信",
    "전화",
    "simu",
    "glao",
    "galwad",
    "deia",
    "sejħa",
    "ጥሪ",
    "kira",
    "ìpè",
    "ucingo",
    "ikholi",
    "wac",
    "antso",
];

/// Words that may stand between a fraud call's words and its number: "from" (and its
/// "the"), "came", and the word for "number" is read by [`NUMBER_STEMS`].
const CALL_GAP: &[&str] = &[
    "from",
    "the",
    "a",
    "fra",
    "från",
    "frá",
    "von",
    "van",
    "vanaf",
    "uit",
    "de",
    "des",
    "del",
    "do",
    "da",
    "dal",
    "dalla",
    "du",
    "depuis",
    "desde",
    "od",
    "от",
    "од",
    "з",
    "із",
    "с",
    "со",
    "iš",
    "nuo",
    "no",
    "s",
    "sa",
    "z",
    "ze",
    "zo",
    "ó",
    "o",
    "kutoka",
    "mula",
    "từ",
    "จาก",
    "dari",
    "daga",
    "láti",
    "kusuka",
    "ukusuka",
    "nga",
    "minn",
    "από",
    "از",
    "من",
    "la",
    "le",
    "el",
    "il",
    "pe",
    "avy",
    "ka",
    "bho",
    "came",
    "come",
    "arrived",
    "tuli",
    "barst",
    "kom",
    "kam",
    "kwam",
    "llegó",
    "vino",
    "veio",
    "chegou",
    "venne",
    "arrivé",
    "przyszło",
    "przyszedł",
    "přišel",
    "přišla",
    "prišel",
    "prišla",
    "stigao",
    "stigla",
    "поступил",
    "поступило",
    "пришёл",
    "пришел",
    "надійшов",
    "дойде",
    "geldi",
    "érkezett",
    "ilikuja",
    "ilitoka",
    "এসেছিল",
    "এসেছে",
    "आया",
    "आई",
    "saapui",
    "atėjo",
    "pienāca",
    "ienāca",
];

/// "Number" (its beginning), in the same languages: a word holding it between the call and
/// the number ("s številke", "numbrilt") or right after the number ("zenbakitik").
static NUMBER_STEMS: &[&str] = &[
    "number",
    "númer",
    "numer",
    "numér",
    "nummer",
    "номер",
    "broj",
    "број",
    "čísl",
    "číslo",
    "številk",
    "numbr",
    "numur",
    "zenbaki",
    "szám",
    "numara",
    "nömr",
    "raqam",
    "رقم",
    "شماره",
    "מספר",
    "αριθμ",
    "番号",
    "번호",
    "号码",
    "號碼",
    "नंबर",
    "নম্বর",
    "نمبر",
    "nambari",
    "nimewo",
    "nombor",
    "nomor",
    "numru",
    "uimhir",
    "rhif",
    "ნომ",
    "համար",
];

/// "From" right before the number a call came from, for [`Engine::impostor_hospital_call`]:
/// English, Serbian and Croatian, Albanian, Maltese, Luxembourgish, Galician and
/// Portuguese, Welsh, Malay and Indonesian, Yoruba, Hausa, Spanish, Swiss and standard
/// German, Amharic.
const FROM_BEFORE_NUMBER: &[&str] = &[
    "from", "sa", "s", "od", "nga", "minn", "vun", "dende", "desde", "o", "do", "da", "dari",
    "láti", "daga", "del", "de", "vo", "von", "ከ",
];

/// "Number" in the languages [`NUMBER_STEMS`] does not hold: Kazakh, Nepali, Sinhala,
/// Tamil, Telugu.
const NUMBER_MORE: &[&str] = &["нөмір", "नम्बर", "අංක", "எண்", "నంబర్"];

/// Verbs of calling the [`CALL_STEMS`] do not hold (their beginnings or a part of them):
/// Serbian, Maltese, Luxembourgish and German ("ugeruff", "angerufen"), Swiss German,
/// Galician, Welsh, Spanish, Yoruba, Kazakh, Uzbek, Sinhala, Tamil, Telugu, Amharic.
const CALL_MORE: &[&str] = &[
    "pozva",
    "позва",
    "ċempl",
    "geruf",
    "grüeft",
    "chamar",
    "ffoni",
    "marcar",
    "pè",
    "қоңырау",
    "qo‘ng‘iroq",
    "qo'ng'iroq",
    "ඇමතුම",
    "அழைத்",
    "ఫోన్",
    "ደውሎ",
];

/// Words saying a caller gave themselves a name not theirs, by a part of them: "pretending",
/// "claiming", "posing", "saying"; Serbian "predstavio se", Albanian "u prezantua",
/// Luxembourgish, Swiss and standard German "ausginn", "usgäh", "ausgegeben", Galician,
/// Spanish and Portuguese "saying", Welsh "honni", Malay "mengaku", Tamil, Telugu and
/// Amharic "saying", Kazakh, Uzbek, Azerbaijani, Armenian, Nepali and Sinhala "on behalf
/// of" / "in the name of".
const CLAIM_STEMS: &[&str] = &[
    "pretend",
    "claim",
    "posing",
    "saying",
    "predstav",
    "представ",
    "prezant",
    "ausginn",
    "usgäh",
    "ausgegeben",
    "ausgeb",
    "dicindo",
    "diciendo",
    "dizendo",
    "honni",
    "mengaku",
    "கூறி",
    "చెప్పి",
    "ብሎ",
    "атынан",
    "nomidan",
    "adından",
    "անունից",
    "नाममा",
    "නමින්",
];

/// Short whole words of the same sense: Maltese "qal" (said), Hausa "ce" (said), Yoruba
/// "ní" (said).
const CLAIM_WORDS: &[&str] = &["qal", "ce", "ní"];

/// A hospital or clinic, the identity a caller takes, by a part of the word: Albanian and
/// German ("spitali", "Spital"), Serbian and Croatian, Maltese, Luxembourgish, Spanish and
/// Galician and Malay, Welsh, Yoruba, Hausa, Kazakh, Uzbek, Azerbaijani, Armenian, Nepali,
/// Sinhala, Tamil, Telugu, Amharic, and a clinic in several languages.
const HOSPITAL_STEMS: &[&str] = &[
    "spital",
    "bolnic",
    "болниц",
    "больниц",
    "isptar",
    "spidol",
    "hospital",
    "hôpital",
    "krankenhaus",
    "ysbyty",
    "ìwòsàn",
    "asibiti",
    "аурухана",
    "shifoxona",
    "xəstəxana",
    "հիվանդանոց",
    "अस्पताल",
    "රෝහල",
    "மருத்துவமனை",
    "ఆసుపత్రి",
    "ሆስፒታል",
    "clinic",
    "klinik",
    "clínica",
];

/// Words (their beginnings) saying a caller pretends to be someone else.
const PRETEND_STEMS: &[&str] = &[
    "pretend",
    "posing",
    "claiming",
    "impersonat",
    "nagpapanggap",
    "nagkukunwari",
    "haciéndose",
    "fingiendo",
    "passando-se",
    "fingindo",
    "spacciandosi",
    "fingendo",
    "prétendant",
    "faisant",
    "ausgebend",
    "utgav",
    "udgav",
    "voordoend",
    "podając",
    "выдавая",
    "представля",
    "представивш",
    "giả",
    "mengaku",
    "berpura",
    "kujifanya",
    "magpanggap",
    "kiválaszt",
];

/// The last word of "from" (as in a message or call from) in languages the other lists do
/// not read: Javanese "saka", Sundanese "ti", Cebuano "(gikan) sa", Malagasy "(avy)
/// amin'ny", Shona, Luganda, Xhosa and Zulu "(kubva / okuva / evela) ku", Sesotho "(ho
/// tsoa) ho", Samoan "mai", Breton "eus", West Frisian "fan", Esperanto "de", Hmong "(los)
/// ntawm", Swahili "kutoka", Indonesian "dari", Tigrinya and Amharic "ካብ" / "ከ", and
/// English "from".
const FROM_LAST_MORE: &[&str] = &[
    "from", "saka", "ti", "sa", "amin'ny", "ku", "kwa", "ho", "mai", "eus", "fan", "de", "ntawm",
    "kutoka", "dari", "ካብ", "ከ",
];

/// "From" after the address or number, in languages that put it after its noun: Uyghur
/// "دىن", Sindhi and Urdu "تان" / "سے", Tibetan "ནས", Quechua "-manta", Oromo "irraa",
/// Turkish "-den", by the beginning of the word after the value.
const FROM_AFTER_MORE: &[&str] = &[
    "دىن",
    "تان",
    "سے",
    "ནས",
    "nisqamanta",
    "manta",
    "irraa",
    "irra",
];

/// A mail in languages [`MESSAGE_PARTS`] and [`MAIL_MORE`] do not hold, by a part of the
/// word: Sundanese and Indonesian "surélék" / "surel", Sesotho "imeile", Xhosa and Zulu
/// "imeyile", Samoan "imeli", Breton "postel", Esperanto "retmesaĝo" / "retpoŝto", Malay
/// "emel", Hmong "ntawv" (letter), Uyghur "ئېلخەت", Tigrinya and Amharic "ኢመይል", Tibetan
/// "གློག་འཕྲིན".
const MAIL_WORDS_MORE: &[&str] = &[
    "surélék",
    "surel",
    "imeile",
    "imeyile",
    "imeli",
    "postel",
    "retmesa",
    "retpoŝt",
    "emel",
    "ئېلخەت",
    "ኢመይል",
    "གློག",
];

/// Whole words for a mail too short to be searched inside others: Sindhi and Urdu "ميل" /
/// "میل" (of "اي ميل", e-mail).
const MAIL_WHOLE_MORE: &[&str] = &["ميل", "میل"];

/// A call, calling or the caller, by a part of the word, in languages [`CALL_STEMS`] does
/// not hold: Javanese and Sundanese "nelpon" / "nelepon", Shona "fona", Sesotho "letsa"
/// ("letsitse", "letselitsoe"), Luganda "kuba essimu", Breton "galv" / "c'halve", West
/// Frisian "belle", Javanese "telpon", Shona "-kafon-", Esperanto "voko" / "vokanto", Quechua "waqya", Oromo "bilbil",
/// Tigrinya "ደወለ" / "ደዋሊ", Uyghur "تېلېفون", Sindhi "ڪال", Tibetan "ཁ་པར", Hmong "hu"
/// (as the whole word).
const CALL_WORDS_MORE: &[&str] = &[
    "telpon",
    "kafon",
    "ደዊ",
    "nelpon",
    "nelepon",
    "fona",
    "letsi",
    "letse",
    "essimu",
    "yakuba",
    "eyakuba",
    "galv",
    "c'halv",
    "belle",
    "beller",
    "voko",
    "vokon",
    "vokanto",
    "waqya",
    "bilbil",
    "ደወ",
    "ደዋ",
    "تېلېفون",
    "ڪال",
    "ཁ་པར",
    "ཁ",
    "hu",
];

/// Words for a patient, by their beginnings or a part of them, that bar the mail rule when
/// they stand between the mail word and the address ("the patient sent an e-mail from ...").
const PATIENT_PARTS: &[&str] = &[
    "patient",
    "pati",
    "paci",
    "pasi",
    "pasy",
    "pasj",
    "marary",
    "murwere",
    "mokuli",
    "omulwadde",
    "gasegase",
    "lañvour",
    "dhukkub",
    "unquq",
    "mgonjwa",
    "sigulana",
    "bemor",
    "بىمار",
    "مريض",
    "ሕሙም",
    "ནད་པ",
];

fn call_word_more(w: &str) -> bool {
    CALL_WORDS_MORE.iter().any(|c| {
        if c.len() <= 2 {
            w == *c
        } else {
            w.starts_with(c) || (c.len() >= 5 || !c.is_ascii()) && w.contains(c)
        }
    })
}

impl Engine<'_> {
    /// Whether token `j` (lowercased) names a mail in any of the mail lists.
    fn mail_word_any(&self, j: usize) -> bool {
        self.word_lower(j).is_some_and(|w| {
            MESSAGE_PARTS.iter().any(|p| w.contains(p))
                || MESSAGE_WORDS.contains(&w.as_str())
                || MAIL_WHOLE_MORE.contains(&w.as_str())
                || MAIL_MORE.iter().any(|p| w.contains(p))
                || MAIL_WORDS_MORE
                    .iter()
                    .any(|p| w.starts_with(p) || (p.len() >= 5 || !p.is_ascii()) && w.contains(p))
        })
    }

    /// Whether the word right after token `k`, in its sentence, begins with one of `stems`
    /// (a "from" that follows its noun: "x@... nisqamanta", "x@... kara").
    fn next_word_begins(&self, k: usize, stems: &[&str]) -> bool {
        k + 1 < self.toks.len()
            && self.toks[k + 1].sent == self.toks[k].sent
            && self
                .word_lower(k + 1)
                .is_some_and(|w| stems.iter().any(|a| w.starts_with(a)))
    }

    /// Whether token `j` names a patient.
    fn patient_word(&self, j: usize) -> bool {
        self.word_lower(j).is_some_and(|w| {
            PATIENT_PARTS.iter().any(|p| {
                w.starts_with(p) || !p.is_ascii() && w.contains(p) || p.len() >= 6 && w.contains(p)
            })
        })
    }

    /// "Aya surélék ti x@...", "Adunay email gikan sa x@...", "Ur postel a zo deuet eus
    /// x@...", "Retmesaĝo venis de x@...", "x@... nisqamanta huk correo chayamurqa": a mail
    /// that came from the address, told in languages the other rules do not read. A "from"
    /// stands right before the address with a word for a mail among the six words before
    /// it, or a "from" right after the address with a mail word among the twelve after; no
    /// word for a patient stands between the mail word and the address ("the patient
    /// e-mailed from her own address" stays the patient's, removed).
    pub(super) fn mail_from_more(&self, k: usize) -> bool {
        let sent = self.toks[k].sent;
        if k >= 1 && self.toks[k - 1].sent == sent {
            let from = self
                .word_lower(k - 1)
                .is_some_and(|w| FROM_LAST_MORE.contains(&w.as_str()));
            // "ካብ x@... ብስም ሕሙም ... ኢመይል መጺኡ" (from x@..., in the patient's name, an
            // e-mail came): the "from" opens the sentence and the mail word follows.
            let opens = from && (k == 1 || self.toks[k - 2].sent != sent);
            if opens {
                let (_, b) = self.sentence_reach(k, 0, 12);
                if (k + 1..=b).any(|j| self.mail_word_any(j)) {
                    return true;
                }
            }
            if from {
                let mut j = k - 1;
                let mut mail = false;
                while j > 0 && k - 1 - j < 6 && self.toks[j - 1].sent == sent {
                    j -= 1;
                    if self.patient_word(j) {
                        return false;
                    }
                    mail |= self.mail_word_any(j);
                }
                if mail {
                    return true;
                }
            }
        }
        if !self.next_word_begins(k, FROM_AFTER_MORE) {
            return false;
        }
        let (_, b) = self.sentence_reach(k, 0, 12);
        (k + 2..=b).any(|j| self.mail_word_any(j))
    }

    /// "Pasien ... ditelpon saka 0830 .... Sing nelpon ngaku ...", "La paciento ... ricevis
    /// vokon de +48 .... La vokanto diris ...", "... +51 ... nisqamanta waqyachisqa karqa.
    /// Waqyaqqa ...": a number a call came from ("from" right before it, or right after it
    /// in languages that put "from" last), a word of calling within four words of it, and
    /// the next sentence telling of "the caller" in its first four words, is the unknown
    /// caller's. A person's own number has a label before it ("telpon", "numero") and no
    /// "from"; a number a call came from with no caller told of after it stays removed.
    pub(super) fn call_from_then_caller(&self, first: usize, last: usize) -> bool {
        let sent = self.toks[first].sent;
        let is_call = |j: usize| {
            self.word_lower(j)
                .is_some_and(|w| stem_of(&w, CALL_STEMS) || call_word_more(&w))
        };
        let from_before = first >= 2
            && self.toks[first - 1].sent == sent
            && self.word_lower(first - 1).is_some_and(|w| {
                FROM_LAST_MORE.contains(&w.as_str())
                    || CALL_GAP.contains(&w.as_str())
                        && !matches!(w.as_str(), "the" | "a" | "la" | "le" | "el" | "il")
            });
        let from_after = last + 1 < self.toks.len()
            && self.toks[last + 1].sent == sent
            && self
                .word_lower(last + 1)
                .is_some_and(|w| FROM_AFTER_MORE.iter().any(|a| w.starts_with(a)));
        if !from_before && !from_after {
            return false;
        }
        let (a, b) = self.sentence_reach(first, 6, 4 + (last - first));
        if !(a..=b).filter(|j| !(first..=last).contains(j)).any(is_call) {
            return false;
        }
        // The next sentence, its first four words.
        let mut n = last + 1;
        while n < self.toks.len() && self.toks[n].sent == self.toks[last].sent {
            n += 1;
        }
        if n >= self.toks.len() || self.toks[n].sent != self.toks[last].sent + 1 {
            return false;
        }
        // The caller is told of in the same paragraph line: a form's next line ("Caller:
        // self, from 617-...\nReason: got a call ...") tells of no caller.
        if self.text[self.toks[last].end..self.toks[n].start].contains('\n') {
            return false;
        }
        let next = self.toks[n].sent;
        (n..self.toks.len().min(n + 4))
            .take_while(|&j| self.toks[j].sent == next)
            .any(is_call)
    }
}

/// Whether the lowercased word `w` is on a stem list ([`FRAUD_STEMS`], [`CALL_STEMS`],
/// [`NUMBER_STEMS`]): it starts with a stem, or holds one that is five bytes or more or not
/// ASCII anywhere inside it.
fn stem_of(w: &str, stems: &'static [&'static str]) -> bool {
    match stem_index(stems) {
        Some(index) => index.find(w),
        None => stems
            .iter()
            .any(|s| w.starts_with(s) || (s.len() >= 5 || !s.is_ascii()) && w.contains(s)),
    }
}

/// A stem list by its stems' first bytes: a phone number's neighbours are tested against
/// each list, and a word meets only the few stems that begin with one of its own bytes.
/// The lists are `static`, not `const`, so that each has one address to be known by.
struct StemIndex {
    /// Per first byte, the stems that begin with it and whether they may sit inside a word.
    by_first: Vec<Vec<(&'static str, bool)>>,
}

impl StemIndex {
    fn new(stems: &'static [&'static str]) -> Self {
        let mut by_first = vec![Vec::new(); 256];
        for s in stems {
            if let Some(&b) = s.as_bytes().first() {
                by_first[usize::from(b)].push((*s, s.len() >= 5 || !s.is_ascii()));
            }
        }
        StemIndex { by_first }
    }

    fn find(&self, w: &str) -> bool {
        let bytes = w.as_bytes();
        // A stem is whole UTF-8, so a match can start only where a character starts.
        (0..bytes.len())
            .filter(|&p| w.is_char_boundary(p))
            .any(|p| {
                self.by_first[usize::from(bytes[p])]
                    .iter()
                    .any(|&(s, inside)| (p == 0 || inside) && bytes[p..].starts_with(s.as_bytes()))
            })
    }
}

fn stem_index(stems: &'static [&'static str]) -> Option<&'static StemIndex> {
    use std::sync::OnceLock;
    static FRAUD: OnceLock<StemIndex> = OnceLock::new();
    static CALL: OnceLock<StemIndex> = OnceLock::new();
    static NUMBER: OnceLock<StemIndex> = OnceLock::new();
    static REAL: OnceLock<StemIndex> = OnceLock::new();
    let cell = if std::ptr::eq(stems, FRAUD_STEMS) {
        &FRAUD
    } else if std::ptr::eq(stems, CALL_STEMS) {
        &CALL
    } else if std::ptr::eq(stems, NUMBER_STEMS) {
        &NUMBER
    } else if std::ptr::eq(stems, REAL_STEMS) {
        &REAL
    } else {
        return None;
    };
    Some(cell.get_or_init(|| StemIndex::new(stems)))
}

/// Whether lowercased text asks for what only a fraud asks for (a code, a redirected claim,
/// card or bank details, a pending refund) or claims an identity ("saying they were from").
fn asks_what_a_fraud_asks(lowered: &str) -> bool {
    FRAUD_ASKS.iter().any(|a| lowered.contains(a))
}

/// What an unnamed caller asks for or says that only a fraud does.
const FRAUD_ASKS: &[&str] = &[
    "redirect",
    "otp",
    "one-time",
    "verification code",
    "sms code",
    "gift card",
    "bank details",
    "card details",
    "card number",
    "password",
    "claiming",
    "pretending",
    "posing as",
    "impersonat",
    "saying they were",
    "saying he was",
    "saying she was",
    "refund of",
    "to pay ",
    "a refund was",
    "refund is pending",
];

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

/// Words naming the attacker in more languages, by a part of them: Serbian and Croatian,
/// Albanian, Maltese, Luxembourgish and Swiss German, Welsh, Malay, Tamil, Telugu,
/// Amharic, Yoruba, Hausa, Kazakh, Uzbek, Azerbaijani, Armenian, Nepali, Sinhala.
const ATTACKER_NOUNS_MORE: &[&str] = &[
    "napadač",
    "нападач",
    "sulmues",
    "attakkant",
    "ugräifer",
    "aagrifer",
    "ymosodwr",
    "penyerang",
    "தாக்குபவர",
    "దాడి",
    "አጥቂ",
    "olùkọlù",
    "maharin",
    "шабуылдаушы",
    "hujumchi",
    "hücumçu",
    "հարձակվող",
    "आक्रमणकारी",
    "රහාරක",
];

/// "From" right before an address, in the languages of [`ATTACKER_NOUNS_MORE`] that
/// [`MAIL_FROM_BEFORE`] does not hold.
const MAIL_FROM_BEFORE_MORE: &[&str] = &[
    "from", "sa", "nga", "minn", "vun", "dende", "o", "dari", "láti", "daga", "vo",
];

/// A word for an e-mail address (a part of it), right before the address: Serbian,
/// e-mail, Malay, Kazakh, Uzbek, Azerbaijani, Armenian, Nepali, Sinhala, Tamil, Telugu,
/// Amharic.
const ADDRESS_WORDS: &[&str] = &[
    "adres",
    "адрес",
    "mail",
    "emel",
    "мекенжай",
    "manzil",
    "ünvan",
    "հասցե",
    "इमेल",
    "ඊමේල්",
    "மின்னஞ்சல்",
    "ఇమెయిల్",
    "ኢሜይል",
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

/// Whether a sentence (lowercased) tells of an unnamed other party (they, the caller,
/// someone) telling or asking a person to do something: "they told me to send", "the
/// caller asked her to wire". "The member asked us to transfer ..." names the member, whose
/// own account it is: not read as an instruction.
fn instructed_payment(sentence: &str) -> bool {
    const WHO: &[&str] = &[
        "they",
        "caller",
        "callers",
        "someone",
        "scammer",
        "scammers",
        "fraudster",
        "impostor",
        "imposter",
        "person",
        "man",
        "woman",
    ];
    ["told ", "asked ", "instructed ", "directed "]
        .iter()
        .any(|v| {
            sentence.match_indices(v).any(|(at, _)| {
                let rest = &sentence[at + v.len()..];
                let object = [
                    "me to ",
                    "her to ",
                    "him to ",
                    "them to ",
                    "the patient to ",
                ]
                .iter()
                .any(|o| rest.starts_with(o));
                let subject = sentence[..at]
                    .trim_end()
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| WHO.contains(&w));
                object && subject
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::scrubbed;
    use super::*;

    #[test]
    fn a_caller_claiming_the_hospital_keeps_the_number_the_real_one_goes() {
        // Lao: someone called from the number claiming to be the hospital; the patient's
        // real number is another.
        let out = scrubbed(
            "ມີຄົນໂທຈາກເບີ +44 20 7946 0321 ອ້າງວ່າເປັນໂຮງໝໍ ແລະ ຂໍເລກບັດ. ເບີແທ້ຂອງຄົນເຈັບແມ່ນ 020 5551 7734.\n",
        );
        assert!(out.contains("+44 20 7946 0321"), "{out}");
        assert!(!out.contains("5551 7734"), "{out}");
        // Bosnian, the same structure.
        let out = scrubbed(
            "Neko ga je nazvao sa broja +387 61 555 219 predstavljajući se kao bolnica. Njegov pravi broj je +387 62 555 874.\n",
        );
        assert!(out.contains("+387 61 555 219"), "{out}");
        assert!(!out.contains("62 555 874"), "{out}");
    }

    #[test]
    fn the_number_asked_for_after_the_impostors_stays_removed() {
        let out = scrubbed(
            "Onkur ringdi frá +44 20 7946 0321 og segði seg vera frá sjúkrahúsinum og bað um trygdarnummarið 44120583. Rætta nummarið hjá sjúklinginum er +298 315572.\n",
        );
        assert!(out.contains("+44 20 7946 0321"), "{out}");
        assert!(!out.contains("44120583"), "{out}");
        assert!(!out.contains("315572"), "{out}");
    }

    #[test]
    fn without_a_real_number_after_it_or_a_hospital_a_number_goes() {
        // No "real number" sentence after it: left to the other rules.
        let out = scrubbed("ມີຄົນໂທຈາກເບີ 020 5551 7734 ອ້າງວ່າເປັນໂຮງໝໍ.\n");
        assert!(!out.contains("5551 7734"), "{out}");
        // A correction of the patient's own number, no hospital named: both go.
        let out = scrubbed(
            "Pacijent je dao broj +387 61 555 219 pri prijemu. Njegov pravi broj je +387 62 555 874.\n",
        );
        assert!(!out.contains("61 555 219"), "{out}");
        assert!(!out.contains("62 555 874"), "{out}");
        // The hospital really called the patient's old number and a correction follows:
        // a call and a hospital claim no identity, so both numbers are the patient's.
        let out = scrubbed(
            "The hospital called the patient on 0803 555 1234 about her appointment. Her real number is 0816 555 9876.\n",
        );
        assert!(!out.contains("0803 555 1234"), "{out}");
        assert!(!out.contains("0816 555 9876"), "{out}");
    }

    #[test]
    fn the_sender_of_a_fake_mail_is_kept_a_plain_mail_address_goes() {
        let out = scrubbed(
            "Ein falskur teldupostur kom frá quick.refund71@gmx.net í navninum á sjúklinginum.\n",
        );
        assert!(out.contains("quick.refund71@gmx.net"), "{out}");
        // Khmer: a forged e-mail from the address.
        let out = scrubbed("អ៊ីមែលក្លែងក្លាយពី pay.desk40@gmx.net បានផ្ញើ។\n");
        assert!(out.contains("pay.desk40@gmx.net"), "{out}");
        // An ordinary mail, no word of a fake: the address is a person's.
        let out = scrubbed("Sjúklingurin sendi teldupost frá sigrid.h77@gmx.net í gjár.\n");
        assert!(!out.contains("sigrid.h77@gmx.net"), "{out}");
        // The address a fake was sent to is the recipient's: it goes, in any language.
        let out = scrubbed("A fake email was sent to jane.doe77@gmail.com pretending to be us.\n");
        assert!(!out.contains("jane.doe77@gmail.com"), "{out}");
        let out = scrubbed("A phishing email was sent to jane.doe77@gmail.com yesterday.\n");
        assert!(!out.contains("jane.doe77@gmail.com"), "{out}");
        let out = scrubbed("Une fausse facture a été envoyée à m.dupont9@free.fr hier.\n");
        assert!(!out.contains("m.dupont9@free.fr"), "{out}");
        let out = scrubbed("Eine gefälschte Mail ging an k.brandt4@web.de im Namen der Praxis.\n");
        assert!(!out.contains("k.brandt4@web.de"), "{out}");
        let out = scrubbed("Eine Phishing-Mail wurde an k.brandt4@web.de gesendet.\n");
        assert!(!out.contains("k.brandt4@web.de"), "{out}");
        // "Reply to" names no delivery: a lure's reply address stays.
        let out = scrubbed("The phishing mail asked staff to reply to hr.payroll7@gmail.com.\n");
        assert!(out.contains("hr.payroll7@gmail.com"), "{out}");
        // The sender of the same fake is still kept.
        let out = scrubbed("A fake email came from refund.desk8@gmx.net pretending to be us.\n");
        assert!(out.contains("refund.desk8@gmx.net"), "{out}");
    }

    #[test]
    fn an_unnamed_callers_number_stays_when_the_call_asks_what_a_fraud_asks() {
        let kept = [
            (
                "Ms Orrin (mob 0917 555 0182) says someone called from 0917 555 0199 saying a refund of 900 was pending.",
                "0917 555 0199",
            ),
            (
                "The desk received a call from 0917 555 0177 asking to redirect the claim payout.",
                "0917 555 0177",
            ),
            (
                "A caller saying they were from the billing office rang the patient on 0917 555 0101 from 0917 555 0166 and quoted her record.",
                "0917 555 0166",
            ),
        ];
        for (input, keep) in kept {
            let out = scrubbed(input);
            assert!(out.contains(keep), "{input:?} -> {out:?}");
        }
        let gone = [
            // The patient's own number beside the caller's, and named callers.
            (
                "Ms Orrin (mob 0917 555 0182) says someone called from 0917 555 0199 saying a refund of 900 was pending.",
                "0917 555 0182",
            ),
            (
                "A caller saying they were from the billing office rang the patient on 0917 555 0101 from 0917 555 0166 and quoted her record.",
                "0917 555 0101",
            ),
            (
                "The patient called from 0917 555 0123 asking for a refill of her password-free inhaler.",
                "0917 555 0123",
            ),
            (
                "Her daughter rang from 0917 555 0145 saying she was late.",
                "0917 555 0145",
            ),
            // An unnamed caller with nothing a fraud asks for.
            (
                "A man called from 0917 555 0156 to ask about visiting hours.",
                "0917 555 0156",
            ),
            (
                "Someone called from 0917 555 0157 to ask about visiting hours.",
                "0917 555 0157",
            ),
            (
                "We received a call from 0917 555 0134 asking about her bill.",
                "0917 555 0134",
            ),
        ];
        for (input, drop) in gone {
            let out = scrubbed(input);
            assert!(!out.contains(drop), "{input:?} -> {out:?}");
        }
    }

    #[test]
    fn contact_details_by_their_role_stay_and_a_persons_own_go() {
        let kept = [
            (
                "Recap: the caller posing as our payroll team was using 414-555-0182 all week.",
                "414-555-0182",
            ),
            (
                "Please ignore texts from +44 20 7946 0321; that number is not ours.",
                "+44 20 7946 0321",
            ),
            (
                "Intake says the man claimed to be from pharmacy IT. Caller ID: 1-833-555-0147.",
                "1-833-555-0147",
            ),
            (
                "<sms address=\"(606) 555-0199\" body=\"Parcel held, pay fee at https://parcel-fee.example/p\" contact_name=\"(Unknown)\" />",
                "(606) 555-0199",
            ),
            (
                "Per the complaint, they told me to wire the deposit to routing 021000089 account 55120934.",
                "55120934",
            ),
            (
                "The caller asked her to transfer the fee to FR76 3000 6000 0112 3456 7890 189 today.",
                "FR76 3000 6000 0112 3456 7890 189",
            ),
        ];
        for (input, keep) in kept {
            assert!(
                scrubbed(input).contains(keep),
                "{input:?} -> {:?}",
                scrubbed(input)
            );
        }
        let gone = [
            // The victim's number in an impostor's sentence.
            (
                "The caller posing as our payroll team reached her at 414-555-0182.",
                "414-555-0182",
            ),
            // Calls from a number nobody disowns.
            (
                "We returned calls from 414-555-0182 about her refill.",
                "414-555-0182",
            ),
            // A caller id with no claimed identity.
            (
                "Daughter phoned about the bill. Caller ID: 414-555-0182.",
                "414-555-0182",
            ),
            // A saved contact's message with a link, and a message with no link.
            (
                "<sms address=\"414-555-0182\" body=\"Mom see https://photos.example/a\" contact_name=\"Dana Reyes\" />",
                "414-555-0182",
            ),
            (
                "<sms address=\"414-555-0183\" body=\"Running late\" contact_name=\"(Unknown)\" />",
                "414-555-0183",
            ),
            // The member's own account, and a refund.
            (
                "The member asked us to transfer the balance to account 55120934.",
                "55120934",
            ),
            (
                "They told me to send the refund to routing 021000089 account 55120934.",
                "55120934",
            ),
        ];
        for (input, drop) in gone {
            assert!(
                !scrubbed(input).contains(drop),
                "{input:?} -> {:?}",
                scrubbed(input)
            );
        }
    }

    #[test]
    fn the_stem_index_finds_what_a_scan_of_the_list_finds() {
        let scan = |w: &str, stems: &[&str]| {
            stems
                .iter()
                .any(|s| w.starts_with(s) || (s.len() >= 5 || !s.is_ascii()) && w.contains(s))
        };
        let words = [
            "telefonbetrug",
            "scams",
            "fake",
            "afake",
            "number",
            "numbrilt",
            "zenbakitik",
            "詐騙電話來自",
            "ulaghai",
            "simu",
            "call",
            "recall",
            "",
            "é",
            "xfraudx",
            "fra",
        ];
        for list in [FRAUD_STEMS, CALL_STEMS, NUMBER_STEMS, REAL_STEMS] {
            let mut every: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            every.extend(list.iter().map(|s| format!("x{s}")));
            every.extend(list.iter().map(|s| format!("{s}y")));
            for w in &every {
                assert_eq!(stem_of(w, list), scan(w, list), "{w:?}");
            }
        }
        // Inside a compound only a long or non-ASCII stem is found.
        assert!(stem_of("telefonbetrug", FRAUD_STEMS));
        assert!(stem_of("fakecall", FRAUD_STEMS));
        assert!(!stem_of("afake", FRAUD_STEMS));
    }

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

    /// Scrubs `input` and asserts that `gone` is no longer in the output.
    fn drops(input: &str, gone: &str) {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s.scrub_text(input).text;
        assert!(!out.contains(gone), "{input:?} -> {out:?}");
    }

    #[test]
    fn a_caller_posing_as_the_hospital_for_an_sms_code_keeps_the_number() {
        // Serbian: the patient's own number (after "telefon") goes, the impostor's stays.
        let note = "Pacijent Dragan Ilić, telefon +381 64 555 0199.\nKaže da ga je neko \
                    pozvao sa broja +44 7700 900321, predstavio se kao bolnica i tražio SMS kod.";
        keeps(note, "+44 7700 900321");
        drops(note, "+381 64 555 0199");
        // Uzbek ("from the number" after it, "on behalf of the hospital"), German.
        keeps(
            "Unga +1 646 555 0133 raqamidan kimdir qo'ng'iroq qilib, shifoxona nomidan SMS \
             kodini so'ragan.",
            "+1 646 555 0133",
        );
        keeps(
            "Er sagt, jemand hat ihn von +49 151 5550 1234 angerufen, hat sich als Klinik \
             ausgegeben und den SMS-Code verlangt.",
            "+49 151 5550 1234",
        );
        // A patient calling from her own number about the hospital's SMS, and the hospital
        // calling the patient: no one takes a name not theirs, the numbers go.
        drops(
            "She called from +1 617 555 0100 to ask why the hospital SMS never came.",
            "617 555 0100",
        );
        drops(
            "We called her at +1 617 555 0100 from the hospital, saying the SMS code was sent.",
            "617 555 0100",
        );
    }

    #[test]
    fn a_number_the_reader_is_warned_not_to_answer_stays() {
        let letter = "Questions? Call our office at 312-555-0147. Please do not reply to \
                      texts from +1 415 555 0199; we never ask for payment by text.";
        keeps(letter, "+1 415 555 0199");
        drops(letter, "312-555-0147");
        // Texts from her own number, no warning: the number goes.
        drops(
            "She forwarded the texts from +1 415 555 0188 to the clinic.",
            "415 555 0188",
        );
    }

    #[test]
    fn a_flagged_outbound_recipient_and_a_seller_of_records_stay() {
        let log = "2027-01-04 10:11:12  user=mrivera  to=mrivera@clinic.example  file=a.pdf  \
                   status=SENT\n2027-01-05 09:00:00  user=kpatel  to=records.drop@gmail.com  \
                   file=scan_77.pdf  status=SENT  ** external rule hit **\n\
                   2027-01-06 09:00:00  user=tnguyen  to=tnguyen.home@gmail.com  \
                   file=scan_78.pdf  status=SENT  ** external rule hit **\n\
                   2027-01-07 09:00:00  user=jlee  to=jlee.family@yahoo.com  file=b.pdf  \
                   status=SENT\n";
        keeps(log, "records.drop@gmail.com");
        // The sender's own address, and a line no rule flagged: they go.
        drops(log, "tnguyen.home@gmail.com");
        drops(log, "jlee.family@yahoo.com");
        // A colleague's personal address spelled from the login's surname: theirs.
        let own = "2027-01-08 09:00:00  user=kpatel  to=kavya.patel1990@gmail.com  \
                   file=scan_79.pdf  status=SENT  ** external rule hit **\n";
        drops(own, "kavya.patel1990@gmail.com");
        let note = "Two laptops were wiped. One went missing and was later listed for sale \
                    on old-gear.example by seller.zz9@proton.me. Her son can be reached at \
                    dana.obi55@gmail.com.";
        keeps(note, "seller.zz9@proton.me");
        drops(note, "dana.obi55@gmail.com");
        drops(
            "The chair was sold to the family by dana.obi55@gmail.com.",
            "dana.obi55@gmail.com",
        );
    }

    #[test]
    fn an_address_one_of_many_a_source_used_stays() {
        let note = "Requester: Lena Ortiz, lena.ortiz48@gmail.com. The same IP sent 40 other \
                    sign-up requests using addresses like q7zz1k0p@gmail.com. Denied.";
        keeps(note, "q7zz1k0p@gmail.com");
        drops(note, "lena.ortiz48@gmail.com");
        // Patients named beside the addresses: theirs.
        drops(
            "Two patients wrote to us using addresses like mo.king22@gmail.com.",
            "mo.king22@gmail.com",
        );
    }

    #[test]
    fn an_address_the_attacker_wrote_from_stays_in_other_languages() {
        let note = "Pacijentkinja je dala adresu jelena.peric77@gmail.com. \
                    Napadač je pisao i sa adrese fake.desk42@gmail.com.";
        keeps(note, "fake.desk42@gmail.com");
        drops(note, "jelena.peric77@gmail.com");
        keeps(
            "Hujumchi lab.portal9@yandex.ru manzilidan ham yozgan.",
            "lab.portal9@yandex.ru",
        );
        keeps(
            "Sulmuesi shkroi edhe nga help.line55@outlook.com.",
            "help.line55@outlook.com",
        );
        // The attacker wrote to the patient: the address is the patient's.
        drops(
            "Napadač je pisao pacijentu na adresu ana.kovac61@gmail.com.",
            "ana.kovac61@gmail.com",
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

    #[test]
    fn a_number_the_words_before_it_call_a_fraud_call_stays_in_many_languages() {
        for (input, kept) in [
            (
                "Kwa ufupi: simu ya ulaghai kutoka +44 7911 123456.\n",
                "+44 7911 123456",
            ),
            (
                "Podvodný hovor z čísla +420 601 123 456.\n",
                "+420 601 123 456",
            ),
            ("Csaló hívás érkezett +36 30 123 4567.\n", "+36 30 123 4567"),
            (
                "Betrugsanruf von +49 151 2345 6789 gemeldet.\n",
                "+49 151 2345 6789",
            ),
            (
                "Llamada fraudulenta desde el +34 612 345 678.\n",
                "+34 612 345 678",
            ),
            (
                "Huijauspuhelu tuli numerosta +358 40 123 4567.\n",
                "+358 40 123 4567",
            ),
            (
                "Sahte arama +90 532 123 45 67 numarasından geldi.\n",
                "+90 532 123 45 67",
            ),
            (
                "Мошеннический звонок с номера +7 912 345 67 89.\n",
                "+7 912 345 67 89",
            ),
            ("詐騙電話來自 +886 912 345 678。\n", "+886 912 345 678"),
            ("فراڈ کال +92 300 1234567 سے آئی۔\n", "+92 300 1234567"),
        ] {
            keeps(input, kept);
        }
    }

    #[test]
    fn a_patients_number_beside_a_fraud_call_is_removed() {
        check(&[
            (
                "The patient reported a scam call; her phone 617-555-0142 is on file.\n",
                "The patient reported a scam call; her phone [PHONE] is on file.\n",
            ),
            (
                "Scam calls reported by the patient at 617-555-0142 today.\n",
                "Scam calls reported by the patient at [PHONE] today.\n",
            ),
            (
                "Llamada fraudulenta a la paciente, su teléfono 612 345 678.\n",
                "Llamada fraudulenta a la paciente, su teléfono [PHONE].\n",
            ),
        ]);
    }

    #[test]
    fn a_caller_pretending_to_be_someone_else_keeps_their_number_only() {
        check(&[
            (
                "someone rang her son from +44 7700 900123 pretending to be the pharmacy. her own # is 617-555-0190\n",
                "someone rang her son from +44 7700 900123 pretending to be the pharmacy. her own # is [PHONE]\n",
            ),
            (
                "Caller: self, from 617-555-0190\nReason: got a call from +1 888 555 0143 'from billing' asking for her PIN.\n",
                "Caller: self, from [PHONE]\nReason: got a call from +1 888 555 0143 'from billing' asking for her PIN.\n",
            ),
            (
                "her daughter called from 617-555-0190 about the visit.\n",
                "her daughter called from [PHONE] about the visit.\n",
            ),
        ]);
        keeps(
            "may tumawag sa clinic from +63 917 555 0134, nagpapanggap na taga-billing.",
            "+63 917 555 0134",
        );
    }

    #[test]
    fn a_lure_voicemails_caller_id_stays_and_a_plain_voicemails_goes() {
        keeps(
            "Caller ID: +1 (888) 555-0177\nTranscript: this is the fraud team, verify your payroll at https://pay-check.example/login now.\n",
            "+1 (888) 555-0177",
        );
        check(&[(
            "Caller ID: 617-555-0190\nTranscript: hi, it's Ann, please call me about my refill.\n",
            "Caller ID: [PHONE]\nTranscript: hi, it's [NAME], please call me about my refill.\n",
        )]);
    }

    #[test]
    fn a_number_after_a_quoted_claimed_identity_on_a_vishing_line_stays() {
        keeps(
            "09:12  'insurer desk' +1 (877) 555-0166  asked for her member id; vishing\n",
            "+1 (877) 555-0166",
        );
        check(&[(
            "09:12  'home' 617-555-0190  asked about her refill\n",
            "09:12  'home' [PHONE]  asked about her refill\n",
        )]);
    }

    #[test]
    fn a_rogue_access_points_hardware_address_stays_and_a_devices_goes() {
        check(&[
            (
                "Air Marshal: rogue SSID 'Clinic-Free' from BSSID 02:1a:2b:3c:4d:5e; clients warned.\n",
                "Air Marshal: rogue SSID 'Clinic-Free' from BSSID 02:1a:2b:3c:4d:5e; clients warned.\n",
            ),
            (
                "Client 02:1a:2b:3c:4d:5e joined SSID Staff on AP Ward4.\n",
                "Client [DEVICE-ID] joined SSID Staff on AP Ward4.\n",
            ),
        ]);
    }

    #[test]
    fn a_contact_an_attacker_uses_stays_and_a_members_own_goes() {
        let text =
            "Members, note: scammers using refunds.desk@mailbox.example and +27 71 555 0123 \
                    ask for one-time PINs. Member cell: +27 82 555 0199.";
        keeps(text, "refunds.desk@mailbox.example");
        keeps(text, "+27 71 555 0123");
        drops(text, "+27 82 555 0199");
        // No attacker named before "using": the address is someone's own.
        drops(
            "The member, using +27 82 555 0111, asked about her claim.",
            "+27 82 555 0111",
        );
    }

    #[test]
    fn a_number_a_popup_asks_to_call_stays_a_number_a_person_asks_to_call_goes() {
        keep_and_drop(
            "The kiosk showed a pop-up asking to call +44 20 7946 0321 for a refund. \
             Her son asked us to call +44 7700 900456 later.",
            "+44 20 7946 0321",
            "+44 7700 900456",
        );
    }

    #[test]
    fn a_lure_number_came_from_a_scam_call_or_a_forwarded_message() {
        keep_and_drop(
            "Her own mobile is 0412 555 018. Scam calls reported so far came from 0298 765 432.",
            "0298 765 432",
            "0412 555 018",
        );
        let fwd = "A visitor got this text. Their own number is 07700 900111 and the message \
                   came from 07700 900222.\n\n-----Original Message-----\nPay the fee at \
                   https://pay-fee.example/x today.\n";
        keep_and_drop(fwd, "07700 900222", "07700 900111");
        // Without a lure, a number a call came from stays private.
        drops(
            "The patient's call came from 07700 900333 this morning.",
            "07700 900333",
        );
    }

    #[test]
    fn an_unnamed_texter_asking_for_payment_keeps_the_number() {
        keep_and_drop(
            "Patient mob 09171234567. She got a text from 09281234567 asking her to pay the \
             balance today.",
            "09281234567",
            "09171234567",
        );
    }

    #[test]
    fn a_payment_id_a_fraud_asks_money_sent_to_stays_a_refund_account_goes() {
        let upi = "The desk got a call from 98765 43210 asking to redirect the claim amount \
                   to UPI id payout77@okbank. Patient mob 09123456780.";
        keep_and_drop(upi, "payout77@okbank", "09123456780");
        keeps(upi, "98765 43210");
        keeps(
            "She got a text from 0917 555 0101 asking her to pay the fee via a wallet to \
             09285550102.",
            "09285550102",
        );
        // No attacker's contact in the sentence: the account is the patient's own.
        drops(
            "The patient asked us to send the refund to UPI id asha.k@okbank today.",
            "asha.k@okbank",
        );
        drops(
            "Please transfer the deposit to 09285550103 before admission.",
            "09285550103",
        );
    }

    #[test]
    fn a_mail_from_an_address_in_more_languages_keeps_the_address() {
        keeps(
            "Aya surélék ti hadiah.kiriman@gmail.com maké ngaran pasién Ujang.",
            "hadiah.kiriman@gmail.com",
        );
        keeps(
            "Adunay email gikan sa bayad.dali@yahoo.com nga nangayo sa password.",
            "bayad.dali@yahoo.com",
        );
        keeps(
            "Der kaam in e-mail fan winst-bericht@outlook.com mei in keppeling.",
            "winst-bericht@outlook.com",
        );
        keeps(
            "Retmesaĝo venis de konto-averto@gmx.com kun ligilo.",
            "konto-averto@gmx.com",
        );
        keeps("ካብ pay-desk@aol.com ብስም ሕሙም ኢመይል መጺኡ።", "pay-desk@aol.com");
    }

    #[test]
    fn a_patients_own_address_in_those_languages_goes() {
        // The patient sent the mail from her own address.
        drops(
            "Pasién Siti ngirim surélék ti siti.rahayu@yahoo.co.id ka bagian tagihan.",
            "siti.rahayu@yahoo.co.id",
        );
        // An address after a "from" with no mail word near it.
        drops(
            "Kontak kulawarga ti lilis.kurnia@gmail.com kanggo jadwal.",
            "lilis.kurnia@gmail.com",
        );
        drops(
            "La paciento skribis retmesaĝon de sia adreso jan.kowal@wp.pl.",
            "jan.kowal@wp.pl",
        );
    }

    #[test]
    fn a_number_a_call_came_from_then_the_caller_told_of_stays() {
        keeps(
            "Pasién Ujang ditelepon ti +62 812 3456 7890. Nu nelepon ngaku ti bank.",
            "+62 812 3456 7890",
        );
        keeps(
            "Pasien Slamet ditelpon saka 0831-2345-6789. Sing nelpon ngaku saka bank.",
            "0831-2345-6789",
        );
        keeps(
            "La paciento ricevis vokon de 612-345-678. La vokanto petis la kodon.",
            "612-345-678",
        );
        keeps(
            "Murwere akafonerwa kubva ku +263 71 234 5678. Akafona akati anobva kubhanga.",
            "+263 71 234 5678",
        );
    }

    #[test]
    fn a_relatives_or_patients_number_with_no_caller_after_it_goes() {
        // A form's next line is no caller told of.
        drops(
            "Caller: self, ditelepon ti +62 812 1111 2222\nReason: got a call from the bank.",
            "+62 812 1111 2222",
        );
        // The patient's own number has its label and no "from".
        drops(
            "Pasién Ujang (telepon +62 813 2222 3333) ditelepon ti +62 812 3456 7890. Nu nelepon ngaku ti bank.",
            "+62 813 2222 3333",
        );
        // A relative rang from a number: no "caller" told of after it.
        drops(
            "Pasién Ujang ditelepon ti +62 812 9876 5432 ku anakna. Anakna naroskeun jadwal.",
            "+62 812 9876 5432",
        );
        drops(
            "La paciento ricevis vokon de sia filino, telefono 612-345-679. Ŝi demandis pri la vizito.",
            "612-345-679",
        );
    }

    fn keep_and_drop(text: &str, kept: &str, gone: &str) {
        keeps(text, kept);
        drops(text, gone);
    }
}
