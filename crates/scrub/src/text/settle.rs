//! Settling the tokens no rule decided: outside e-mail addresses, long numbers and
//! identifier-like codes.

use super::{Class, Engine};
use crate::vocab::flag;
use crate::{IndicatorKind, Kind};

/// Words near an outside address that make it the attacker's (kept) rather than a person's.
const ATTACKER: &[&str] = &[
    "from",
    // "the scammer's e-mail", "outbound e-mail to ... flagged by DLP", and "scam", "fraud"
    // or "fraudster" in the languages of the notes: Spanish, Haitian Creole, Russian,
    // Vietnamese, Korean, Arabic, Chinese.
    "scam",
    "outbound",
    "dlp",
    "estafa",
    "eskwo",
    "escroc",
    "мошенни",
    "lừa",
    "사기",
    "الاحتيالي",
    "احتيال",
    "诈骗",
    // "from" and "phishing" in the languages of the notes: French, Spanish, Portuguese.
    "depuis",
    "desde",
    "hameçon",
    "expéditeur",
    "remitente",
    "remetente",
    "sender",
    "sent",
    "phishing",
    "phish",
    "attacker",
    "attackers",
    "spoofed",
    "spoofing",
    "malicious",
    "lure",
    "reply-to",
    "return-path",
    "actor",
    "actors",
    "campaign",
    "adversary",
    "impersonating",
    "impersonated",
    "originated",
    "envelope",
    "smtp",
    "c2",
    "threat",
    "suspicious",
    "fraudulent",
    "fake",
    "lookalike",
    "header",
    "headers",
    "mail-from",
    "ransom",
    "extortion",
    // "remit to x@mail.example": an invoice fraud's payment instruction.
    "remit",
    "contact",
    "negotiat",
    "payload",
    "exfiltrat",
    "indicator",
    "indicators",
    "ioc",
    "iocs",
    "block",
    "blocked",
    "blocklist",
    "write",
    "decrypt",
    "decryption",
    "decryptor",
    "tox",
    "negotiation",
    // "malicious" and "phishing" in the languages of the notes: Spanish and Portuguese,
    // Russian, Japanese, Korean, Chinese.
    "malicios",
    "фишинг",
    "фишинговый",
    // "phishing" in Turkish and Swedish.
    "oltalama",
    "nätfiske",
    "フィッシング",
    "피싱",
    "钓鱼",
];

/// Units after a number that make it a size, rate or duration.
const NUMBER_UNITS: &[&str] = &[
    "b",
    "kb",
    "kib",
    "mb",
    "mib",
    "gb",
    "gib",
    "bits",
    "kbps",
    "mbps",
    "bps",
    "ms",
    "msec",
    "millisecond",
    "milliseconds",
    "us",
    "µs",
    "ns",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "hours",
    "iterations",
    "rounds",
    "cycles",
    "tries",
    "retries",
    "frames",
    "blocks",
    "chunks",
    "threads",
    "processes",
    "sessions",
    "samples",
    "domains",
    "ips",
    "addresses",
    "urls",
    "hashes",
    "indicators",
    "iocs",
    "signatures",
    "rules",
    "vulnerabilities",
    "cves",
    "endpoints",
    "servers",
    "workstations",
    "machines",
];

/// Words before a number that say it counts or sizes something, or names something that
/// is not a person (a port, a build, a process). Person cues ("MRN", "account", "member
/// ID", "patient") are deliberately absent.
const NOT_A_PERSON: &[&str] = &[
    "bulk",
    "batch",
    "size",
    "sized",
    "length",
    "count",
    "total",
    "totals",
    "sum",
    "limit",
    "max",
    "maximum",
    "min",
    "minimum",
    "threshold",
    "port",
    "ports",
    "build",
    "version",
    "ver",
    "release",
    "pid",
    "ppid",
    "tid",
    "thread",
    "process",
    "handle",
    "offset",
    "seq",
    "sequence",
    // A record of work: an order, a report, a ticket is not a person.
    "order",
    "report",
    "incident",
    "ticket",
    "timeout",
    "ttl",
    "interval",
    "delay",
    "sleep",
    "jitter",
    "rate",
    "mtu",
    "buffer",
    "chunk",
    "bytes",
    "volume",
    "asn",
    "vlan",
    "sid",
    "gid",
    "rev",
    "errno",
    "exit",
    "status",
    "hresult",
    "ntstatus",
    "opcode",
    "checksum",
    "crc",
    "nonce",
    "iterations",
    "rounds",
    "frames",
    "packets",
    "samples",
    "kb",
    "kbs",
    "rows",
    "lines",
];

/// The largest character boundary of `text` at or below `at` (clamped to its length).
pub(super) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start and end (before its newline) of the line holding byte `at`, or `None` when the
/// line runs further than `most` bytes on either side of it.
fn short_line_around(text: &str, at: usize, most: usize) -> Option<(usize, usize)> {
    let floor = floor_boundary(text, at.saturating_sub(most));
    let start = match text[floor..at].rfind('\n') {
        Some(p) => floor + p + 1,
        None if floor == 0 => 0,
        None => return None,
    };
    let ceil = floor_boundary(text, at + most);
    let end = match text[at..ceil].find('\n') {
        Some(p) => at + p,
        None if ceil == text.len() => text.len(),
        None => return None,
    };
    Some((start, end))
}

impl<'a> Engine<'a> {
    pub(super) fn settle(&mut self) {
        let agreed = self.agreed_email_verdicts();
        for k in 0..self.toks.len() {
            match self.toks[k].class {
                Class::OutsideEmail => {
                    let t = &self.toks[k];
                    let verdict = agreed.get(&self.lowered[t.start..t.end]).copied().flatten();
                    // Without a telling word, an address at a consumer mail provider is more
                    // likely a person's than an attacker's infrastructure: it goes.
                    if verdict.unwrap_or_else(|| !self.webmail(k)) {
                        self.protect(k, IndicatorKind::Email);
                    } else {
                        self.remove_toks(k, k, Kind::Email, "personal e-mail address");
                    }
                }
                Class::LongNumber => {
                    let counted = self.has(k + 1, flag::COUNT)
                        || self.value_of_a_thing(k)
                        || self.unit_follows(k)
                        || self.quantity_precedes(k)
                        || self.bytes_after_status(k)
                        || self.version_value(k)
                        || self.mail_log_id(k)
                        || self.epoch_under_time_key(k)
                        || self.server_connection_number(k);
                    if counted {
                        self.toks[k].class = Class::Plain;
                    } else if (8..=13).contains(&self.toks[k].s.len())
                        && self.impostor_beside_real_number(k, k)
                        || (7..=15)
                            .contains(&self.toks[k].s.bytes().filter(u8::is_ascii_digit).count())
                            && self.call_from_then_caller(k, k)
                    {
                        // A phone number in a local layout (`08123456789`) that an impostor
                        // called from: kept, as a number in an international layout is.
                        self.toks[k].class = Class::Protected;
                    } else {
                        self.remove_toks(k, k, Kind::Id, "unexplained long number");
                    }
                }
                Class::IdLike
                    if self.names_a_record_of_work(k)
                        || self.guid_of_a_thing(k)
                        || self.value_of_a_thing(k)
                        || self.machine_code(k) =>
                {
                    self.toks[k].class = Class::Plain;
                }
                // `ssh2: ED25519 SHA256:...`: a key's algorithm, not an identifier.
                Class::IdLike if key_algorithm(self.toks[k].s) || cipher_suite(self.toks[k].s) => {
                    self.toks[k].class = Class::Plain;
                }
                Class::IdLike => self.remove_id_like(k),
                _ => {}
            }
        }
    }

    /// `MID 1288340`, `ICID 4260818`, `DCID 99120`: a mail gateway's message, incoming and
    /// delivery connection numbers, named by the word before them; a message queue's
    /// `qid`, `msgid`, `queueid` likewise. A count of mail, no person.
    fn mail_log_id(&self, k: usize) -> bool {
        if k == 0 {
            return false;
        }
        let between = &self.text[self.toks[k - 1].end..self.toks[k].start];
        let glue = matches!(between, " " | "=" | ": " | ":" | " #" | "#");
        let mut buf = [0u8; 32];
        glue && self.lw(k - 1, &mut buf).is_some_and(|l| {
            matches!(
                l,
                "mid" | "icid" | "dcid" | "qid" | "msgid" | "queueid" | "queue_id" | "msg_id"
            )
        })
    }

    /// `TransactionVersion="20170715"`, `"schemaVersion": 20240101`: the value of a key or
    /// an attribute whose name ends in "version" is a schema's or a program's version.
    fn version_value(&self, k: usize) -> bool {
        if k == 0 {
            return false;
        }
        let between = &self.text[self.toks[k - 1].end..self.toks[k].start];
        let glue = !between.is_empty()
            && between.len() <= 4
            && between
                .bytes()
                .all(|b| matches!(b, b'=' | b':' | b'"' | b'\'' | b' '));
        let key = self.toks[k - 1].s.as_bytes();
        glue && key.len() >= 7 && key[key.len() - 7..].eq_ignore_ascii_case(b"version")
    }

    /// "12000 bytes", "300000 ms": a long number with a unit after it is a size or a
    /// duration, not an identifier.
    fn unit_follows(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        k + 1 < self.toks.len()
            && self.same_sentence(k, k + 1)
            && self
                .lw(k + 1, &mut buf)
                .is_some_and(|l| NUMBER_UNITS.contains(&l))
    }

    /// "bulk 100000", "port 8443", "build 22631", "pid 493021": the word before says what the
    /// number counts or names, and it is not a person (an MRN or account number is caught by
    /// its own cue before this). 19,800 of an ISAO's 20,032 scrub records were such numbers.
    fn quantity_precedes(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        k > 0
            && self.same_sentence(k - 1, k)
            && self
                .lw(k - 1, &mut buf)
                .is_some_and(|l| NOT_A_PERSON.contains(&l))
    }

    /// A web or proxy log's `GET /path 200 105194`: the number after the HTTP status that
    /// follows a URL or path is the response size.
    fn bytes_after_status(&self, k: usize) -> bool {
        k >= 2
            && self.same_sentence(k - 2, k)
            && self.toks[k - 1].s.len() == 3
            && self.toks[k - 1]
                .s
                .parse::<u16>()
                .is_ok_and(|s| (100..=599).contains(&s))
            && (self.toks[k - 2].s.contains('/') || self.toks[k - 2].class == Class::Protected)
    }

    /// "Ticket INC123456", "change CHG0042117": a help-desk or change record, not a person.
    fn names_a_record_of_work(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        k > 0
            && self.same_sentence(k - 1, k)
            && self.lw(k - 1, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "ticket"
                        | "incident"
                        | "case"
                        | "change"
                        | "request"
                        | "ref"
                        | "reference"
                        | "problem"
                        | "task"
                        | "alert"
                        | "rule"
                        | "signature"
                        | "event"
                        | "build"
                )
            })
            || k > 0 && self.ticket_number_label(k - 1)
    }

    /// `Number: RITM757717` opening a line, as a service-desk ticket's first field does: the
    /// ticket's own number (a patient's or member's number has its own cue word first).
    fn ticket_number_label(&self, n: usize) -> bool {
        self.is_word(n, "number")
            && self.toks[n].trail == b':'
            && self.text[..self.toks[n].start]
                .rsplit('\n')
                .next()
                .is_some_and(|before| before.trim().is_empty())
    }

    /// Each outside address of the text and what its words say of it: the same address is
    /// one party's wherever it stands, so a person's word at any occurrence removes it
    /// everywhere, and otherwise an attacker's word at any occurrence keeps it everywhere
    /// (`"sender": "x@..."` and the same sender's `"Patient Billing" <x@...>` header).
    ///
    /// Keyed by the address with its ASCII letters lowercased (a range of `lowered`), so a
    /// text of many addresses costs one lookup each, not a search of all the others.
    fn agreed_email_verdicts(&self) -> foldhash::HashMap<&'a str, Option<bool>> {
        let mut out: foldhash::HashMap<&'a str, Option<bool>> = foldhash::HashMap::default();
        for k in 0..self.toks.len() {
            let t = &self.toks[k];
            if t.class != Class::OutsideEmail {
                continue;
            }
            let v = self.email_verdict(k);
            let have = out.entry(&self.lowered[t.start..t.end]).or_insert(v);
            *have = match (*have, v) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), _) | (_, Some(true)) => Some(true),
                _ => None,
            };
        }
        out
    }

    /// What the words around the outside address at token `k` say of it: `Some(true)` the
    /// attacker's, `Some(false)` a person's, `None` nothing.
    fn email_verdict(&self, k: usize) -> Option<bool> {
        const PERSON: &[&str] = &[
            "patient",
            "patients",
            "personal",
            "home",
            "her",
            "his",
            "wife",
            "husband",
            "mother",
            "father",
            "guardian",
            "family",
            "daughter",
            "son",
            "relative",
            "caregiver",
            "spouse",
            "reach",
            "employee's",
            "member's",
            "patient's",
            "private",
        ];
        // "A phishing mail was sent to x@gmail.com": the address a mail was delivered to
        // is its recipient's, whatever the sentence says of the mail; at a consumer provider
        // a person's, elsewhere the provider decides ("sent unencrypted to x@portal-update.net"
        // is data sent out to the attacker's domain).
        if self.sent_to(k) {
            return if self.webmail(k) { Some(false) } else { None };
        }
        let mut verdict: Option<bool> = None;
        // An inbox rule's `"Name": "ForwardTo", "Value": "x@gmail.com"`: mail forwarded out of
        // a staff mailbox to an outside address is the attacker's drop box, whatever the lines.
        let forward_rule = (1..=3).any(|back| {
            let mut buf = [0u8; 32];
            k >= back
                && self.lw(k - back, &mut buf).is_some_and(|l| {
                    matches!(
                        l,
                        "forwardto"
                            | "redirectto"
                            | "forwardasattachmentto"
                            | "forwardingsmtpaddress"
                            | "forwardingaddress"
                    )
                })
        });
        if forward_rule
            || self.forwarding_rule_target(k)
            || self.extortion_contact(k)
            || self.mail_from_foreign(k)
            || self.mail_from_more(k)
            || self.attacker_address_foreign(k)
            || self.fake_mail_sender(k)
            || self.attacker_uses(k)
            || self.flagged_outbound_recipient(k)
            || self.offered_for_sale_by(k)
            || self.one_of_many_addresses_used(k)
            || self.impersonated_sender(k)
            || self.ioc_list_line(k)
            || self.trace_sender(k)
            || self.threat_attribute_value(k)
            || self.mail_log_foreign_relay(k)
        {
            verdict = Some(true);
        }
        // "abrió un correo de x@...", "hat eine Mail von x@... geöffnet", "otworzył wiadomość
        // od x@...": a message from the address, as "an e-mail from" says it in English.
        let mut b1 = [0u8; 32];
        let mut b2 = [0u8; 32];
        if k >= 2
            && self.same_sentence(k - 2, k)
            && self
                .lw(k - 1, &mut b1)
                .is_some_and(|l| matches!(l, "de" | "von" | "od" | "da" | "van"))
            && self.lw(k - 2, &mut b2).is_some_and(|l| {
                matches!(
                    l,
                    "correo"
                        | "courriel"
                        | "mail"
                        | "e-mail"
                        | "email"
                        | "wiadomość"
                        | "wiadomosc"
                        | "nachricht"
                        | "mensagem"
                        | "mensaje"
                        | "message"
                        // An attachment comes with a mail from its sender: "um anexo de",
                        // "un adjunto de", "un allegato da", "einen Anhang von".
                        | "anexo"
                        | "adjunto"
                        | "allegato"
                        | "anhang"
                        | "bijlage"
                        | "attachment"
                        | "jointe"
                        | "załącznik"
                        | "zalacznik"
                )
            })
        {
            verdict = Some(true);
        }
        // "Or mail decrypt7@...": an instruction to write to the address, opening a sentence.
        let mut buf = [0u8; 32];
        if k >= 1
            && self.lw(k - 1, &mut buf) == Some("mail")
            && (k < 2 || !self.same_sentence(k - 2, k) || self.is_word(k - 2, "or"))
        {
            verdict = Some(true);
        }
        let display_from = {
            let at = self.toks[k].start;
            // Only after a `<` (one byte, so `at - 1` is a character boundary).
            if at > 0 && self.text.as_bytes()[at - 1] == b'<' {
                let head = self.text[..at - 1].trim_end();
                head.strip_suffix('"')
                    .and_then(|inner| inner.rfind('"'))
                    .unwrap_or(usize::MAX)
            } else {
                usize::MAX
            }
        };
        let mut j = if forward_rule { 0 } else { k };
        while j > 0 && k - j < 10 && self.same_sentence(j - 1, k) {
            j -= 1;
            let mut buf = [0u8; 32];
            let Some(l) = self.lw(j, &mut buf) else {
                continue;
            };
            // `"Patient Billing" <x@...>`: a sender's display name is what it calls itself.
            if PERSON.contains(&l) && self.toks[j].start <= display_from {
                verdict = Some(false);
                break;
            }
            // "It was sent unencrypted to x@...": the address a message was sent to is its
            // recipient; "contact email x@...": a person's own contact detail. Neither word
            // speaks for a sender then; the provider decides.
            let recipient = matches!(l, "sent" | "send" | "sending") && self.is_word(k - 1, "to");
            let contact_detail = l == "contact"
                && ["email", "e-mail", "mail", "address"]
                    .iter()
                    .any(|w| self.is_word(j + 1, w));
            if recipient || contact_detail {
                continue;
            }
            // "from" and its like speak for the address only right before it.
            let near = matches!(
                l,
                "from"
                    | "sent"
                    | "contact"
                    | "block"
                    | "blocked"
                    | "via"
                    | "by"
                    | "write"
                    | "depuis"
                    | "desde"
                    | "remit"
            );
            // A display name the rules removed (`From: "Jane Q. Doe" <x@...>`) does not
            // put the address further from its label.
            let bracketed =
                self.text.as_bytes().get(self.toks[k].start.wrapping_sub(1)) == Some(&b'<');
            let between = (j + 1..k)
                .filter(|&x| !bracketed || self.toks[x].class != Class::Removed)
                .count();
            // `Фишинг`: the lowered text lowers ASCII only; other scripts are lowered here.
            let unicode_lower;
            let l = if l.is_ascii() {
                l
            } else {
                unicode_lower = l.to_lowercase();
                unicode_lower.as_str()
            };
            if ATTACKER.iter().any(|a| l.starts_with(a)) && (!near || between < 3) {
                // "Her son wrote from x@gmail.com": a bare "from" speaks for whoever the
                // sentence says wrote; a person word among the four before it, with no word
                // of an attack or another address between, makes the address that person's.
                let generic = matches!(l, "from" | "sent" | "depuis" | "desde");
                let persons = generic && {
                    let mut found = false;
                    let mut x = j;
                    // The writer is the subject right before the verb ("son wrote from");
                    // another address between belongs to someone else.
                    while x > 0 && j - x < 4 && self.same_sentence(x - 1, k) {
                        x -= 1;
                        if self.toks[x].s.contains('@') {
                            break;
                        }
                        let mut b2 = [0u8; 32];
                        let Some(w) = self.lw(x, &mut b2) else {
                            continue;
                        };
                        if PERSON.contains(&w) {
                            found = true;
                            break;
                        }
                        if !matches!(w, "from" | "sent" | "depuis" | "desde")
                            && ATTACKER.iter().any(|a| w.starts_with(a))
                        {
                            break;
                        }
                    }
                    found
                };
                verdict = Some(!persons);
                break;
            }
        }
        verdict
    }

    /// `  email   x@mail.example` among `  ip   203.0.113.9`, `  sha256  ...` lines: an
    /// address in a list of indicators, each line a type and a value.
    fn ioc_list_line(&self, k: usize) -> bool {
        const TYPES: &[&str] = &[
            "ip", "ipv4", "ipv6", "domain", "url", "sha256", "sha1", "md5", "hash", "email",
            "e-mail", "sender", "file", "filename", "phone",
        ];
        let text = self.text;
        let at = self.toks[k].start;
        // The type cell is short: the search back for the line's start stays bounded.
        let floor = floor_boundary(text, at.saturating_sub(64));
        let line_start = match text[floor..at].rfind('\n') {
            Some(p) => floor + p + 1,
            None if floor == 0 => 0,
            None => return false,
        };
        // The type cell before the value: `email:`, `email | x@...`, `email,x@...`.
        let label = text[line_start..at]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | ',' | ';'))
            .to_ascii_lowercase();
        if !matches!(label.as_str(), "email" | "e-mail" | "sender" | "mail") {
            return false;
        }
        // A line of the list: a type and one value, set apart by blanks, a colon, a pipe
        // (a table's column rule) or a comma.
        let first_word = |line: &str| {
            let mut cells = line
                .split(|c: char| c.is_whitespace() || matches!(c, '|' | ','))
                .filter(|w| !w.is_empty() && *w != ":");
            let (Some(kind), Some(_), None) = (cells.next(), cells.next(), cells.next()) else {
                return false;
            };
            TYPES.contains(&kind.trim_end_matches(':').to_ascii_lowercase().as_str())
        };
        let prev = text[..line_start.saturating_sub(1)]
            .rsplit('\n')
            .next()
            .unwrap_or("");
        let line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
        let next = text
            .get(line_end + 1..)
            .unwrap_or("")
            .split('\n')
            .next()
            .unwrap_or("");
        (line_start > 0 && first_word(prev)) || first_word(next)
    }

    /// A threat-sharing event's attribute (MISP's `{"type": "email-src", ..., "value":
    /// "x@..."}`): the value of an attribute typed as an attacker's address is an indicator
    /// by definition. A victim's address has its own types (`target-email`) and is judged
    /// by the other rules.
    fn threat_attribute_value(&self, k: usize) -> bool {
        let text = self.text;
        let at = self.toks[k].start;
        let before = text[..at].trim_end_matches('"').trim_end();
        let Some(before) = before.strip_suffix(':') else {
            return false;
        };
        if !before.trim_end().ends_with("\"value\"") {
            return false;
        }
        // The attribute's own object: from its opening brace to its closing one.
        let open = text[..at].rfind('{').map_or(0, |p| p + 1);
        let close = text[at..].find('}').map_or(text.len(), |p| at + p);
        let object = &text[open..close];
        let Some(p) = object.find("\"type\"") else {
            return false;
        };
        let rest = object[p + 6..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        let kind = rest.trim_start().trim_start_matches('"');
        let kind = &kind[..kind.find('"').unwrap_or(kind.len())];
        matches!(
            kind,
            "email-src" | "email-reply-to" | "whois-registrant-email" | "email" | "email-addr"
        )
    }

    /// A mail log's delivery line (`to=<x@gmail.com>, relay=host[203.0.113.9]:25`): mail to
    /// a free-mail address goes to that provider's own exchangers (`gmail-smtp-in...`,
    /// `...yahoodns.net`) or through the organization's smarthost or mail gateway. Handed
    /// straight to some other outside host, the address and that host belong to whoever
    /// set the route up: the message is being exfiltrated or phished, and both are kept.
    fn mail_log_foreign_relay(&self, k: usize) -> bool {
        /// Mail gateways and sending services an organization relays its outbound mail
        /// through, by a label of their host names.
        const GATEWAYS: &[&str] = &[
            "google",
            "googlemail",
            "outlook",
            "microsoft",
            "mimecast",
            "pphosted",
            "messagelabs",
            "barracudanetworks",
            "iphmx",
            "sophos",
            "amazonses",
            "amazonaws",
            "sendgrid",
            "mailgun",
            "sparkpostmail",
            "trendmicro",
            "mailcontrol",
            "forcepoint",
            "hornetsecurity",
            "retarus",
            "symanteccloud",
            "cisco",
            "exclaimer",
            "smtp2go",
        ];
        let text = self.text;
        let at = self.toks[k].start;
        if !text[..at].ends_with("to=<") || !self.webmail(k) {
            return false;
        }
        let line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
        let line = &text[at..line_end];
        let Some(p) = line.find("relay=") else {
            return false;
        };
        let relay = &line[p + 6..];
        let Some(bracket) = relay.find('[') else {
            return false;
        };
        let host = relay[..bracket].to_ascii_lowercase();
        let ip = &relay[bracket + 1..];
        let ip = &ip[..ip.find(']').unwrap_or(ip.len())];
        if host.is_empty()
            || host.contains(['/', ' ', ','])
            || crate::classify::ipv4(ip) != Some(crate::classify::Reach::Public)
        {
            return false;
        }
        let address = self.toks[k].s.to_ascii_lowercase();
        let provider = address
            .rsplit_once('@')
            .and_then(|(_, d)| d.split('.').next())
            .unwrap_or("");
        let labels = || host.split(['.', '-']);
        // A mail exchanger's own name (`mx2.`, `mta7.`, `smtp-in.`, `...protection...`) is
        // how every provider's inbound hosts are called, whatever the brand (`att.net` is
        // delivered to `prodigy.net`, `me.com` to `icloud.com`): the route is then an
        // ordinary delivery and the address stays a person's.
        let exchanger = labels().any(|l| {
            let stem = l.trim_end_matches(|c: char| c.is_ascii_digit());
            matches!(
                stem,
                "mx" | "mxs"
                    | "mta"
                    | "smtp"
                    | "mail"
                    | "mailin"
                    | "inbound"
                    | "in"
                    | "protection"
                    | "relay"
                    | "mx-in"
                    | "mxmail"
                    | "gateway"
                    | "gw"
            ) || stem.starts_with("mx") && stem.len() <= 4
        });
        !provider.is_empty()
            && !exchanger
            && !labels().any(|l| l.contains(provider) || GATEWAYS.contains(&l))
            && !self.scrubber.is_org_host(&host)
    }

    /// A message trace or mail-gateway export (`"Received","SenderAddress",
    /// "RecipientAddress",...`): an outside address in the sender column of a row whose
    /// recipient is on the organization's own domains wrote in from outside, as the phishing
    /// the trace was pulled for did; it is kept.
    fn trace_sender(&self, k: usize) -> bool {
        let text = self.text;
        let at = self.toks[k].start;
        // Searches stay bounded: a trace's header and rows are short lines, and a long line
        // holding many addresses must not be searched again for each of them.
        let Some(header_len) = text[..floor_boundary(text, 601)].find('\n') else {
            return false;
        };
        let Some((line_start, line_end)) = short_line_around(text, at, 4096) else {
            return false;
        };
        let header = &text[..header_len];
        if line_start == 0 || header.len() > 600 {
            return false;
        }
        let cells = |line: &str| -> Vec<(usize, String)> {
            let mut out = Vec::new();
            let (mut quoted, mut start) = (false, 0);
            for (i, ch) in line.char_indices() {
                match ch {
                    '"' => quoted = !quoted,
                    ',' | '\t' if !quoted => {
                        out.push((start, line[start..i].trim().trim_matches('"').to_owned()));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            out.push((start, line[start..].trim().trim_matches('"').to_owned()));
            out
        };
        let names: Vec<String> = cells(header)
            .into_iter()
            .map(|(_, n)| super::keys::squash_key(&n))
            .collect();
        let column = |words: &[&str]| {
            names
                .iter()
                .position(|n| words.iter().any(|w| n.starts_with(w)))
        };
        let (Some(sender), Some(recipient)) =
            (column(&["sender", "from"]), column(&["recipient", "to"]))
        else {
            return false;
        };
        let row = cells(&text[line_start..line_end]);
        let in_sender = row
            .get(sender)
            .is_some_and(|&(s, ref v)| line_start + s <= at && v == self.toks[k].s);
        let own_recipient = row.get(recipient).is_some_and(|(_, v)| {
            v.rsplit_once('@')
                .is_some_and(|(_, d)| self.scrubber.is_org_host(&d.to_ascii_lowercase()))
        });
        in_sender && own_recipient
    }

    /// "Found: a rule forwarding mail to x@...", "eine Regel, die E-Mails an x@...
    /// weiterleitet": the address a mailbox rule forwards or redirects mail to, told in
    /// prose, is the attacker's drop box. A word for forwarding and one for a rule must both
    /// stand in the sentence, the forwarding word at most six words before the address.
    fn forwarding_rule_target(&self, k: usize) -> bool {
        const FORWARD: &[&str] = &[
            "forward",
            "redirect",
            "weiterleit",
            "umleit",
            "reenv",
            "redirig",
            "transfér",
            "inoltr",
            "reindirizz",
            "doorstu",
            "przekier",
            "vidaresänd",
            "videresend",
            "edelleenlähet",
            "továbbít",
            "yönlendir",
            "přeposíl",
            "preposiel",
            "reencaminh",
            "переадрес",
            "пересыл",
            "перенаправ",
            "προώθ",
            "转发",
            "轉寄",
            "転送",
            "전달",
        ];
        const RULE: &[&str] = &[
            "rule",
            "regel",
            "regla",
            "règle",
            "regola",
            "regra",
            "reguł",
            "pravid",
            "sääntö",
            "szabály",
            "kural",
            "правил",
            "κανόν",
            "规则",
            "規則",
            "ルール",
            "규칙",
        ];
        // Most documents hold no forwarding word at all: look once per document.
        let in_document = *self.forward_words.get_or_init(|| {
            if self.text.is_ascii() {
                FORWARD.iter().any(|f| self.lowered.contains(f))
            } else {
                let lower = self.text.to_lowercase();
                FORWARD.iter().any(|f| lower.contains(f))
            }
        });
        if !in_document {
            return false;
        }
        let sent = self.toks[k].sent;
        let word = |j: usize| self.toks[j].s.to_lowercase();
        let forward = (1..=6).any(|back| {
            k >= back
                && self.toks[k - back].sent == sent
                && FORWARD.iter().any(|f| word(k - back).contains(f))
        });
        forward
            && (k.saturating_sub(20)..self.toks.len().min(k + 20))
                .filter(|&j| self.toks[j].sent == sent)
                .any(|j| RULE.iter().any(|r| word(j).contains(r)))
    }

    /// "Pay 0.05 BTC to bc1q... within 72 hours. Questions: x@...": the address an
    /// extortion letter gives for questions or negotiation (its label right before it, in a
    /// text that demands a ransom or bitcoin) is the extortionist's.
    fn extortion_contact(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        k >= 1
            && self.toks[k - 1].trail == b':'
            && self.lw(k - 1, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "questions" | "negotiation" | "negotiations" | "decryption" | "chat"
                )
            })
            && ["ransom", "bitcoin", "btc", "monero", "xmr", "extort"]
                .iter()
                .any(|w| self.lowered.contains(w))
    }

    /// `From: Anon Clinic Billing <billing77@mail.example>`: an outside address behind the
    /// organization's own name is a sender impersonating it.
    fn impersonated_sender(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if t.start == 0 || self.text.as_bytes()[t.start - 1] != b'<' {
            return false;
        }
        (1..=8).any(|back| {
            k >= back
                && self.same_sentence(k - back, k)
                && self.toks[k - back].class == Class::Removed
                && self
                    .found
                    .get(self.toks[k - back].finding)
                    .is_some_and(|f| f.kind == Kind::OrgName)
        })
    }

    fn webmail(&self, k: usize) -> bool {
        let s = self.toks[k].s.to_ascii_lowercase();
        s.rsplit_once('@').is_some_and(|(_, domain)| {
            self.v.webmail.contains(domain)
                || domain.split_once('.').is_some_and(|(brand, rest)| {
                    // The provider's own domain in a country: `yahoo.gr`, `terra.com.br`,
                    // not `mail.invoice-pay.top`.
                    CONSUMER_MAIL.contains(&brand)
                        && rest.split('.').count() <= 2
                        && rest.split('.').all(|l| (2..=3).contains(&l.len()))
                })
        })
    }
}

/// Names of public-key algorithms and curves, as SSH and TLS logs print them.
fn key_algorithm(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "ed25519"
            | "x25519"
            | "curve25519"
            | "secp256k1"
            | "secp256r1"
            | "secp384r1"
            | "secp521r1"
            | "prime256v1"
            | "nistp256"
            | "nistp384"
            | "nistp521"
            | "ssh-ed25519"
    )
}

/// Words of cipher and hash algorithm names, as encryption types and TLS cipher suites join
/// them with hyphens or underscores (`AES-256-CTS-HMAC-SHA1-96`,
/// `ECDHE-RSA-AES128-GCM-SHA256`, `TLS_AES_256_GCM_SHA384`).
const CIPHER_WORDS: &[&str] = &[
    "aes",
    "aes128",
    "aes256",
    "des",
    "3des",
    "des3",
    "rc4",
    "cts",
    "cbc",
    "gcm",
    "ccm",
    "ctr",
    "ecb",
    "hmac",
    "sha",
    "sha1",
    "sha2",
    "sha256",
    "sha384",
    "sha512",
    "md5",
    "rsa",
    "dhe",
    "ecdhe",
    "ecdsa",
    "dss",
    "tls",
    "ssl",
    "with",
    "chacha20",
    "poly1305",
    "camellia",
    "camellia128",
    "camellia256",
    "cmac",
    "ede3",
    "psk",
    "null",
    "exp",
    "export",
    "krb5",
];

/// `AES-256-CTS-HMAC-SHA1-96`: a name made only of cipher words and numbers, with at least
/// two cipher words, is an algorithm's name, not an identifier.
pub(super) fn cipher_suite(s: &str) -> bool {
    if s.len() > 64 {
        return false;
    }
    let mut words = 0;
    for part in s.split(['-', '_']) {
        if part.is_empty() {
            return false;
        }
        if part.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut buf = [0u8; 32];
        match crate::vocab::lower(part, &mut buf) {
            Some(l) if CIPHER_WORDS.contains(&l) => words += 1,
            _ => return false,
        }
    }
    words >= 2
}

/// Consumer mail and internet providers by the first label of their domains, in any
/// country (`yahoo.gr`, `hotmail.fr`, `terra.com.br`): an address there is a person's
/// unless the sentence says it is the attacker's.
const CONSUMER_MAIL: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "ymail",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "aol",
    "icloud",
    "me",
    "mac",
    "gmx",
    "web",
    "mail",
    "yandex",
    "rambler",
    "sfr",
    "orange",
    "wanadoo",
    "free",
    "laposte",
    "libero",
    "virgilio",
    "tin",
    "alice",
    "tiscali",
    "interia",
    "wp",
    "onet",
    "o2",
    "terra",
    "uol",
    "bol",
    "ig",
    "naver",
    "daum",
    "hanmail",
    "qq",
    "163",
    "126",
    "sina",
    "sohu",
    "seznam",
    "centrum",
    "t-online",
    "freenet",
    "arcor",
    "bigpond",
    "optusnet",
    "telenet",
    "skynet",
    "ziggo",
    "kpn",
    "xs4all",
    "planet",
    "btinternet",
    "sky",
    "virginmedia",
    "ntlworld",
    "talktalk",
    "ukr",
    "abv",
    "rediffmail",
    "comcast",
    "verizon",
    "att",
    "sbcglobal",
    "cox",
    "charter",
    "earthlink",
    "bellsouth",
    "shaw",
    "rogers",
    "sympatico",
    "telus",
    "vodafone",
    "telefonica",
    "movistar",
    "bluewin",
    "sunrise",
    "chello",
    "inbox",
    "list",
    "bk",
    "zoho",
    "fastmail",
    "tutanota",
    "hushmail",
    "mailbox",
    "posteo",
    "protonmail",
    "proton",
];

#[cfg(test)]
mod tests {
    use super::super::{check, check_org};

    #[test]
    fn an_outside_sender_writing_to_the_organization_in_a_message_trace_stays() {
        check_org(
            &[],
            &["clinic-west.org"],
            &[(
                "Received,SenderAddress,RecipientAddress,Subject\n\
                 2031-02-03 10:00,payroll.desk@gmail.com,j.ortiz@clinic-west.org,Update\n\
                 2031-02-03 10:05,j.ortiz@clinic-west.org,kim.ray77@gmail.com,Re: lunch\n",
                "Received,SenderAddress,RecipientAddress,Subject\n\
                 [DATE] 10:00,payroll.desk@gmail.com,[EMAIL],Update\n\
                 [DATE] 10:05,[EMAIL],[EMAIL],Re: lunch\n",
            )],
        );
    }

    fn scrub(input: &str) -> String {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        s.scrub_text(input).text
    }

    #[test]
    fn a_threat_events_attacker_address_attribute_stays_and_a_victims_goes() {
        let out = scrub(
            "{\"Attribute\": [\n  {\"type\": \"email-src\", \"to_ids\": true, \"value\": \"refund.desk41@outlook.com\"},\n  {\"type\": \"target-email\", \"value\": \"mary.lowell@gmail.com\"}\n]}\n",
        );
        assert!(out.contains("refund.desk41@outlook.com"), "{out:?}");
        assert!(!out.contains("mary.lowell@gmail.com"), "{out:?}");
        // A free-mail address merely mentioned in an event's description still goes.
        let out = scrub("{\"info\": \"patient rita.okafor@gmail.com called\", \"value\": 3}\n");
        assert!(!out.contains("rita.okafor@gmail.com"), "{out:?}");
    }

    #[test]
    fn mail_handed_to_an_outside_host_not_the_providers_keeps_the_address() {
        let log = "Mar 02 09:14:03 mx1 postfix/smtp[4410]: 1A2B3C4D5E: to=<quick.files77@yahoo.com>, relay=docs-portal.top[198.51.7.20]:25, status=sent (250 OK)\n\
                   Mar 02 09:15:40 mx1 postfix/smtp[4411]: 2B3C4D5E6F: to=<ann.petrov@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.27]:25, status=sent (250 OK)\n\
                   Mar 02 09:16:02 mx1 postfix/smtp[4412]: 3C4D5E6F70: to=<tom.kale@yahoo.com>, relay=smarthost.local[10.4.0.2]:25, status=sent (250 OK)\n\
                   Mar 02 09:17:12 mx1 postfix/smtp[4413]: 4D5E6F7081: to=<li.chen@hotmail.com>, relay=eu-smtp-1.mimecast.com[195.130.217.5]:25, status=sent (250 OK)\n";
        let out = scrub(log);
        assert!(out.contains("quick.files77@yahoo.com"), "{out:?}");
        // A provider whose exchangers carry another brand's name is still a delivery.
        let out = scrub(
            "Mar 02 09:18:00 mx1 postfix/smtp[4414]: 5E6F708192: to=<dee.moss@att.net>, relay=ff-ip4-mx-vip1.prodigy.net[144.160.159.21]:25, status=sent (250 OK)\n",
        );
        assert!(!out.contains("dee.moss@att.net"), "{out:?}");
        // Delivered to the provider itself, through the smarthost or through a mail gateway:
        // a patient's or staff member's own address, removed.
        for gone in [
            "ann.petrov@gmail.com",
            "tom.kale@yahoo.com",
            "li.chen@hotmail.com",
        ] {
            assert!(!out.contains(gone), "{gone} in {out:?}");
        }
    }

    #[test]
    fn a_phishing_word_capitalized_in_another_script_keeps_the_sender() {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s
            .scrub_text("Заметка. Фишинг с адреса billing.desk@yandex.ru пришёл вчера.")
            .text;
        assert!(out.contains("billing.desk@yandex.ru"), "{out:?}");
    }

    #[test]
    fn the_sender_of_a_mail_from_in_other_languages_stays() {
        check(&[
            (
                "La usuaria abrió un correo de factura.pago@gmail.com ayer.",
                "La usuaria abrió un correo de factura.pago@gmail.com ayer.",
            ),
            (
                "Benutzer hat eine Mail von zahlung.info@gmx.de geöffnet.",
                "Benutzer hat eine Mail von zahlung.info@gmx.de geöffnet.",
            ),
        ]);
    }

    #[test]
    fn a_mail_gateways_message_and_connection_numbers_stay() {
        check(&[(
            "Info: MID 5501234 ICID 7712093 RID 0 To: <x@example.org>\nMember 5501234 called\n",
            "Info: MID 5501234 ICID 7712093 RID 0 To: <x@example.org>\nMember [ID] called\n",
        )]);
    }

    #[test]
    fn a_versions_number_stays_another_long_number_goes() {
        check(&[(
            "<Msg SchemaVersion=\"20190301\" Ref=\"44718203\"/> appVersion: 3310522\n",
            "<Msg SchemaVersion=\"20190301\" Ref=\"[ID]\"/> appVersion: 3310522\n",
        )]);
    }

    #[test]
    fn cipher_suite_names_stay_and_other_codes_go() {
        check(&[(
            "Session Key Type: AES-256-CTS-HMAC-SHA1-96 cipher ECDHE-RSA-AES128-GCM-SHA256 \
             and badge K4821379\n",
            "Session Key Type: AES-256-CTS-HMAC-SHA1-96 cipher ECDHE-RSA-AES128-GCM-SHA256 \
             and badge [ID]\n",
        )]);
        assert!(super::cipher_suite("aes256-cts-hmac-sha1-96"));
        assert!(!super::cipher_suite("AES-48213"));
        assert!(!super::cipher_suite("SHA1-JDOE-96"));
    }

    #[test]
    fn key_algorithms_stay() {
        check(&[(
            "Accepted publickey for qmarsh from 10.2.3.4 port 2201 ssh2: ED25519 SHA256:abc\n",
            "Accepted publickey for [USER] from [INTERNAL-IP] port 2201 ssh2: ED25519 SHA256:abc\n",
        )]);
    }

    #[test]
    fn an_ioc_table_row_and_an_attachments_sender_are_kept() {
        check(&[
            (
                "Type   | Value\n-------|------\nmd5    | 0cc175b9c0f1b6a831c399e269772661\nemail  | qz7rkt2m@gmail.com\n",
                "Type   | Value\n-------|------\nmd5    | 0cc175b9c0f1b6a831c399e269772661\nemail  | qz7rkt2m@gmail.com\n",
            ),
            (
                "o usuário abriu um anexo de faturas.urgente77@outlook.com ontem",
                "o usuário abriu um anexo de faturas.urgente77@outlook.com ontem",
            ),
            (
                "Contato da paciente: lucia.prado62@gmail.com",
                "Contato da paciente: [EMAIL]",
            ),
        ]);
    }

    #[test]
    fn senders_by_role_an_ioc_list_an_instruction_and_a_display_name() {
        check(&[
            (
                "IOCs:\n  ip      203.0.113.9\n  email   quillon.hr@gmail.com\n",
                "IOCs:\n  ip      203.0.113.9\n  email   quillon.hr@gmail.com\n",
            ),
            (
                "Pay within 72 hours.\nOr mail unlock77@outlook.com\n",
                "Pay within 72 hours.\nOr mail unlock77@outlook.com\n",
            ),
            (
                "From: \"Odile Quillon\" <odile.payroll7@gmail.com>\n",
                "From: \"[NAME]\" <odile.payroll7@gmail.com>\n",
            ),
            (
                "Her own address is odile.q@gmail.com.\n",
                "Her own address is [EMAIL].\n",
            ),
        ]);
    }

    #[test]
    fn a_relative_who_wrote_from_an_address_keeps_it_private() {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s
            .scrub_text("Her son wrote from dana.obi55@gmail.com asking about the bill.\n")
            .text;
        assert!(!out.contains("dana.obi55@gmail.com"), "{out}");
        // An attacker's "from" still keeps it.
        let out = s
            .scrub_text("The phishing mail came from billing.desk7@gmail.com at noon.\n")
            .text;
        assert!(out.contains("billing.desk7@gmail.com"), "{out}");
    }

    #[test]
    fn a_recipients_or_contact_address_goes_a_senders_stays() {
        check(&[
            (
                "The discharge letter was sent unencrypted to lmorrow77@gmail.com.\n",
                "The discharge letter was sent unencrypted to [EMAIL].\n",
            ),
            (
                "Called back; confirmed contact email lmorrow77@yahoo.com.\n",
                "Called back; confirmed contact email [EMAIL].\n",
            ),
            (
                "The lure was sent from billing.desk42@gmail.com to the ward.\n",
                "The lure was sent from billing.desk42@gmail.com to the ward.\n",
            ),
            (
                "Found in an outbound e-mail to drop.box71@gmail.com flagged by DLP.\n",
                "Found in an outbound e-mail to drop.box71@gmail.com flagged by DLP.\n",
            ),
            (
                "Email lừa đảo: drop.box71@gmail.com.\n",
                "Email lừa đảo: drop.box71@gmail.com.\n",
            ),
        ]);
    }

    #[test]
    fn an_outside_address_behind_the_organizations_name_is_an_impostor() {
        super::super::check_org(
            &["Anon Clinic"],
            &[],
            &[
                (
                    ">>> From: Anon Clinic Billing <claims5078@gmail.com>\n",
                    ">>> From: [ORG] Billing <claims5078@gmail.com>\n",
                ),
                (
                    "Patient: Tove Bramble <tove.b@gmail.com>\n",
                    "Patient: [NAME] <[EMAIL]>\n",
                ),
            ],
        );
    }

    #[test]
    fn a_udi_goes_whole_whatever_its_lot_number_looks_like() {
        check(&[(
            "Pump UDI (01)12345678901231(17)300101(10)C0042(21)88123 swapped; C0042 is a campaign.\n",
            "Pump UDI [DEVICE-ID] swapped; C0042 is a campaign.\n",
        )]);
    }

    #[test]
    fn one_name_closing_a_line_after_by_goes() {
        check(&[
            (
                "Restore checked by Ottilie.\n",
                "Restore checked by [NAME].\n",
            ),
            ("Signed by Microsoft.\n", "Signed by Microsoft.\n"),
            (
                "The loader was signed by Monday.\n",
                "The loader was signed by Monday.\n",
            ),
        ]);
    }

    #[test]
    fn a_mailbox_rules_forwarding_target_in_prose_stays() {
        check(&[
            (
                "Found: a rule forwarding mail to drop.box77@gmail.com was created last night.\n",
                "Found: a rule forwarding mail to drop.box77@gmail.com was created last night.\n",
            ),
            (
                "Gefunden: eine Weiterleitungsregel an sammel.konto@gmx.de im Postfach.\n",
                "Gefunden: eine Weiterleitungsregel an sammel.konto@gmx.de im Postfach.\n",
            ),
            (
                "The nurse forwarded the results to mary.lee81@gmail.com as asked.\n",
                "The nurse forwarded the results to [EMAIL] as asked.\n",
            ),
        ]);
    }

    #[test]
    fn an_extortion_letters_contact_for_questions_stays() {
        check(&[
            (
                "Send 0.1 BTC within two days. Questions: leaks.desk@proton.me\n",
                "Send 0.1 BTC within two days. Questions: leaks.desk@proton.me\n",
            ),
            (
                "Clinic survey. Questions: jo.smith44@gmail.com\n",
                "Clinic survey. Questions: [EMAIL]\n",
            ),
        ]);
    }

    #[test]
    fn one_address_gets_one_verdict_and_a_display_name_is_no_persons_word() {
        check(&[(
            "sender: billing@pay-notice.cloud\nheaderFrom: \"Patient Billing\" <billing@pay-notice.cloud>\n",
            "sender: billing@pay-notice.cloud\nheaderFrom: \"Patient Billing\" <billing@pay-notice.cloud>\n",
        )]);
        // A person's word at one occurrence removes every occurrence.
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s
            .scrub_text("Phishing sent from ann.roe@roefamily.net today.\nThe patient's email ann.roe@roefamily.net is on file.\n")
            .text;
        assert!(!out.contains("ann.roe@"), "{out:?}");
    }

    #[test]
    fn a_payment_instructions_free_mail_address_is_the_frauds() {
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text("URGENT invoice remit to qz.pay77@gmail.com today\nQuestions: qz.morrow@gmail.com\n")
            .text;
        assert!(out.contains("qz.pay77@gmail.com"), "{out:?}");
        assert!(!out.contains("qz.morrow@gmail.com"), "{out:?}");
    }
}
