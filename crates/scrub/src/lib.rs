//! ward's scrubber: finds the 18 HIPAA Safe Harbor identifiers (names, geography below the
//! state, dates tied to a person, phone and fax numbers, e-mail addresses, SSNs, medical
//! record, health plan, account, license, vehicle and device numbers, person-identifying URLs
//! and IP addresses, biometric identifiers, photos, any other unique number) and an
//! organization's own internals (private and loopback addresses, internal host and user
//! names, addresses on its own domains) in free text and in STIX 2.1 documents, and replaces
//! each with a typed placeholder such as `[NAME]` or `[INTERNAL-IP]`. Attack indicators
//! (public IPs, outside domains and URLs, hashes, outside sender addresses, CVE and ATT&CK
//! ids, malware and tool names, onion addresses, wallets) are kept byte for byte.
//!
//! It is rule and dictionary based (embedded word lists, context cues such as "MRN", "DOB",
//! "Dr.", "ext."), runs in one pass over the text, and loads nothing at run time. When a
//! token is ambiguous it is removed rather than kept. This crate must never know about STIX
//! storage, HTTP or the hub: it takes text or a JSON value and returns the scrubbed copy with
//! a list of what it removed and why.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod classify;
mod gazetteer;
mod lists;
mod numeric;
mod slots;
mod stix;
pub(crate) mod text;
mod vocab;

use std::ops::Range;

use serde::Serialize;

pub use stix::{DroppedObject, ScrubbedStix, ScrubbedStixRef, StixFinding};
pub use text::Carry;

/// Builds the scrubber's shared vocabulary now rather than inside the first scrub, so that a
/// long-running process (the hub) does not make its first request pay for it.
pub fn warm_up() {
    vocab::vocab();
}

/// The longest placeholder is this many bytes and every replaced span is at least one byte,
/// so scrubbed text is never longer than `MAX_EXPANSION` times its input.
pub const MAX_EXPANSION: usize = 16;

/// What the scrubber needs to know about the organization whose document it cleans.
#[derive(Clone, Debug, Default)]
pub struct ScrubConfig {
    /// The organization's own DNS domains: addresses and host names on them (and on their
    /// subdomains) are internal and removed.
    pub org_domains: Vec<String>,
    /// The organization's own names ("St. Example Medical Center"), removed wherever they
    /// appear (case-insensitive, whole words).
    pub org_names: Vec<String>,
    /// People who work there ("Dana Whitfield"): each removed wherever it appears, in either
    /// order ("Whitfield, Dana"), whatever the sentence around it.
    pub staff_names: Vec<String>,
    /// Their logins (`dwhitfield`), removed as a word, after a Windows domain
    /// (`CORP\dwhitfield`) or before an `@`.
    pub staff_logins: Vec<String>,
    /// The shapes of the organization's host names, `*` standing for any run of characters
    /// (`ws-*`, `*-icu-*`, `filesrv*`); each needs three characters besides the stars.
    pub host_patterns: Vec<String>,
}

/// Errors of the scrubber's inputs.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScrubError {
    #[error("org domain {domain:?}: expected a DNS name such as example.org ({reason})")]
    OrgDomain {
        domain: String,
        reason: &'static str,
    },
    #[error("org name {name:?}: expected at least one word of letters")]
    OrgName { name: String },
    #[error("staff name {name:?}: expected at least two letters")]
    StaffName { name: String },
    #[error("staff login {login:?}: expected at least two characters, no spaces")]
    StaffLogin { login: String },
    #[error("host pattern {pattern:?}: expected at least three characters besides `*`, no spaces")]
    HostPattern { pattern: String },
    #[error("{path}: expected {expected}")]
    NotStix {
        path: String,
        expected: &'static str,
    },
}

/// The class of a removed identifier; each has its own placeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Name,
    Address,
    City,
    County,
    Zip,
    Date,
    Age,
    Phone,
    Fax,
    Email,
    Ssn,
    Mrn,
    HealthPlanId,
    Account,
    License,
    Vehicle,
    DeviceId,
    Url,
    InternalIp,
    /// A public address that is a person's own (the home connection of a staff member's
    /// session, a patient's telehealth client), not an attacker's.
    PersonalIp,
    InternalHost,
    OrgDomain,
    OrgName,
    User,
    Biometric,
    Photo,
    Id,
}

impl Kind {
    /// The text that replaces an identifier of this kind.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Name => "[NAME]",
            Kind::Address => "[ADDRESS]",
            Kind::City => "[CITY]",
            Kind::County => "[COUNTY]",
            Kind::Zip => "[ZIP]",
            Kind::Date => "[DATE]",
            Kind::Age => "[AGE]",
            Kind::Phone => "[PHONE]",
            Kind::Fax => "[FAX]",
            Kind::Email => "[EMAIL]",
            Kind::Ssn => "[SSN]",
            Kind::Mrn => "[MRN]",
            Kind::HealthPlanId => "[HEALTH-PLAN-ID]",
            Kind::Account => "[ACCOUNT]",
            Kind::License => "[LICENSE]",
            Kind::Vehicle => "[VEHICLE]",
            Kind::DeviceId => "[DEVICE-ID]",
            Kind::Url => "[URL]",
            Kind::InternalIp => "[INTERNAL-IP]",
            Kind::PersonalIp => "[PERSONAL-IP]",
            Kind::InternalHost => "[INTERNAL-HOST]",
            Kind::OrgDomain => "[ORG-DOMAIN]",
            Kind::OrgName => "[ORG]",
            Kind::User => "[USER]",
            Kind::Biometric => "[BIOMETRIC]",
            Kind::Photo => "[PHOTO]",
            Kind::Id => "[ID]",
        }
    }

    /// Every kind, for reports and tests.
    pub const ALL: [Kind; 27] = [
        Kind::Name,
        Kind::Address,
        Kind::City,
        Kind::County,
        Kind::Zip,
        Kind::Date,
        Kind::Age,
        Kind::Phone,
        Kind::Fax,
        Kind::Email,
        Kind::Ssn,
        Kind::Mrn,
        Kind::HealthPlanId,
        Kind::Account,
        Kind::License,
        Kind::Vehicle,
        Kind::DeviceId,
        Kind::Url,
        Kind::InternalIp,
        Kind::PersonalIp,
        Kind::InternalHost,
        Kind::OrgDomain,
        Kind::OrgName,
        Kind::User,
        Kind::Biometric,
        Kind::Photo,
        Kind::Id,
    ];
}

/// One removed identifier. The span is in bytes of the input; the original text is not
/// copied here so that a record of findings holds no PHI itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub original_span: Range<usize>,
    pub placeholder: &'static str,
    pub reason: &'static str,
}

/// The class of an attack indicator that was recognised and kept verbatim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndicatorKind {
    Ipv4,
    Ipv6,
    Domain,
    Url,
    Email,
    Hash,
    Vulnerability,
    AttackPattern,
    ThreatName,
    FileName,
    Wallet,
    StixId,
}

/// An indicator kept verbatim, with its span in the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Indicator {
    pub kind: IndicatorKind,
    pub span: Range<usize>,
}

/// The result of scrubbing a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scrubbed {
    /// The text with every finding replaced by its placeholder.
    pub text: String,
    /// What was removed, in input order, spans never overlapping.
    pub findings: Vec<Finding>,
    /// Attack indicators recognised and kept.
    pub indicators: Vec<Indicator>,
}

/// The scrubber, configured for one organization. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Scrubber {
    /// Lowercase, without a trailing dot.
    org_domains: Vec<String>,
    /// Each organization name as lowercase words.
    /// The organization's names, squashed ([`text::squash`]): lowercase letters and digits
    /// only, so that spacing, hyphens, invisible characters and case do not hide a name.
    org_names: Vec<String>,
    /// The initials of each organization name of three or more capitalized words
    /// (`Riverbend Behavioral Health` -> `RBH`), uppercase ASCII: its short code.
    org_initials: Vec<String>,
    /// Staff names, squashed, each in both orders of its first and last word, sorted.
    staff_names: Vec<String>,
    /// Staff logins, lowercase, sorted.
    staff_logins: Vec<String>,
    /// Host-name patterns, lowercase.
    host_patterns: Vec<String>,
}

impl Scrubber {
    /// Checks the configuration. Domains must be DNS names of at least two labels.
    pub fn new(config: ScrubConfig) -> Result<Scrubber, ScrubError> {
        let mut org_domains = Vec::new();
        for domain in config.org_domains {
            let d = domain.trim().trim_end_matches('.').to_ascii_lowercase();
            let reason = if d.is_empty() {
                Some("it is empty")
            } else if !d.contains('.') {
                Some("it has a single label")
            } else if !d
                .split('.')
                .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            {
                Some("labels are letters, digits and hyphens")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(ScrubError::OrgDomain { domain, reason });
            }
            org_domains.push(d);
        }
        let mut org_names = Vec::new();
        let mut org_initials = Vec::new();
        for name in config.org_names {
            if let Some(initials) = text::org_initials(&name) {
                org_initials.push(initials);
            }
            let squashed: String = name
                .split(|c: char| c.is_whitespace() || c == ',')
                .map(|w| text::squash(text::strip_possessive(w)))
                .collect();
            if !squashed.chars().any(char::is_alphabetic) {
                return Err(ScrubError::OrgName { name });
            }
            org_names.push(squashed);
        }
        let mut staff_names = Vec::new();
        for name in config.staff_names {
            let words: Vec<String> = name
                .split(|c: char| c.is_whitespace() || c == ',')
                .map(text::squash)
                .filter(|w| !w.is_empty())
                .collect();
            if words.concat().chars().filter(|c| c.is_alphabetic()).count() < 2 {
                return Err(ScrubError::StaffName { name });
            }
            // "Last, First" lists (directory exports) and "First Last" prose both match.
            let mut reversed = words.clone();
            reversed.rotate_left(if name.contains(',') {
                1
            } else {
                words.len() - 1
            });
            staff_names.push(words.concat());
            staff_names.push(reversed.concat());
        }
        // Sorted, so the names a token can start are one range (a staff list may hold
        // thousands of people; each token looks at its own range only).
        staff_names.sort();
        staff_names.dedup();
        let mut staff_logins = Vec::new();
        for login in config.staff_logins {
            let l = login.trim().to_lowercase();
            if l.chars().count() < 2 || l.contains(char::is_whitespace) {
                return Err(ScrubError::StaffLogin { login });
            }
            staff_logins.push(l);
        }
        staff_logins.sort();
        staff_logins.dedup();
        let mut host_patterns = Vec::new();
        for pattern in config.host_patterns {
            let p = pattern.trim().to_lowercase();
            if p.chars().filter(|&c| c != '*').count() < 3 || p.contains(char::is_whitespace) {
                return Err(ScrubError::HostPattern { pattern });
            }
            host_patterns.push(p);
        }
        Ok(Scrubber {
            org_domains,
            org_names,
            org_initials,
            staff_names,
            staff_logins,
            host_patterns,
        })
    }

    /// Scrubs free text.
    pub fn scrub_text(&self, text: &str) -> Scrubbed {
        text::scrub(self, text, None)
    }

    /// Scrubs one window of a longer text (a block of whole lines or paragraphs, read in
    /// bounded memory): as [`Scrubber::scrub_text`], and the names and user or host names
    /// judged identifiers in earlier windows (held by `carry`, which this window adds its
    /// own to) are removed wherever they appear in this one. A mention before the first
    /// finding of a name in an earlier window is not revisited, and a rule never sees
    /// across a window's edge.
    pub fn scrub_window(&self, text: &str, carry: &mut Carry) -> Scrubbed {
        text::scrub(self, text, Some(carry))
    }

    /// Scrubs a STIX 2.1 bundle, a single object, a JSON array of objects or a TAXII
    /// envelope (`{"objects": [...]}`): every free-text property is scrubbed, objects that
    /// are internal (private addresses, org e-mail addresses and hosts) are dropped together
    /// with every reference to them, and user accounts and people's identities stay with the
    /// properties that name them (login, user id, display name, name) replaced.
    pub fn scrub_stix(&self, document: &serde_json::Value) -> Result<ScrubbedStix, ScrubError> {
        stix::scrub(self, document)
    }

    /// [`Scrubber::scrub_stix`] that borrows the input where nothing changed: the hub's
    /// check of every posted object, most of which have nothing to scrub, copies nothing.
    pub fn scrub_stix_borrowed<'a>(
        &self,
        document: &'a serde_json::Value,
    ) -> Result<ScrubbedStixRef<'a>, ScrubError> {
        stix::scrub_borrowed(self, document)
    }

    /// Is `host` (lowercase, no trailing dot) one of the organization's domains or below one?
    pub(crate) fn is_org_host(&self, host: &str) -> bool {
        self.org_domains.iter().any(|d| {
            host == d
                || (host.len() > d.len()
                    && host.ends_with(d.as_str())
                    && host.as_bytes()[host.len() - d.len() - 1] == b'.')
        })
    }

    /// Is `host` exactly one of the organization's domains?
    pub(crate) fn is_org_domain(&self, host: &str) -> bool {
        self.org_domains.iter().any(|d| d == host)
    }

    pub(crate) fn org_names(&self) -> &[String] {
        &self.org_names
    }

    pub(crate) fn org_initials(&self) -> &[String] {
        &self.org_initials
    }

    /// Does the profile list staff names? (Most scrubbers have none: the per-token
    /// matching is skipped.)
    pub(crate) fn has_staff_names(&self) -> bool {
        !self.staff_names.is_empty()
    }

    /// Does the profile list staff logins or host-name patterns?
    pub(crate) fn has_staff_logins_or_hosts(&self) -> bool {
        !self.staff_logins.is_empty() || !self.host_patterns.is_empty()
    }

    /// The staff names (squashed) that begin with `first`, the squashed text of one token.
    pub(crate) fn staff_names_starting(&self, first: &str) -> &[String] {
        let from = self.staff_names.partition_point(|n| n.as_str() < first);
        let rest = self.staff_names.get(from..).unwrap_or_default();
        let len = rest.partition_point(|n| n.starts_with(first));
        rest.get(..len).unwrap_or_default()
    }

    /// Is `login` (lowercase) one of the listed staff logins?
    pub(crate) fn is_staff_login(&self, login: &str) -> bool {
        self.staff_logins
            .binary_search_by(|l| l.as_str().cmp(login))
            .is_ok()
    }

    /// Does `host` (lowercase) have the shape of one of the organization's host names?
    pub(crate) fn is_org_host_name(&self, host: &str) -> bool {
        self.host_patterns.iter().any(|p| glob(p, host))
    }
}

/// `*` matches any run of characters (none included); everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else {
        return false;
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        // No star: the whole text is the pattern.
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scrubber() -> Scrubber {
        Scrubber::new(ScrubConfig {
            org_domains: vec!["stmarys.org".into()],
            org_names: vec!["St. Mary's Medical Center".into()],
            ..Default::default()
        })
        .expect("valid config")
    }

    #[test]
    fn scrubbing_twice_changes_nothing_more() {
        let s = scrubber();
        for text in [
            "Host ehr-app01.stmarys.org and Dr. Alice Smith at 10.1.2.3, MRN 1234567.",
            "Patient John Doe (DOB 03/04/1950) called from 555-201-3344 about SSN 123-45-6789.",
            "Server nas-01 user jdoe@stmarys.org, ticket for St. Mary's Medical Center.",
        ] {
            let once = s.scrub_text(text).text;
            let twice = s.scrub_text(&once).text;
            assert_eq!(once, twice, "second pass changed {once:?}");
        }
    }

    #[test]
    fn a_window_removes_the_names_and_logins_earlier_windows_found() {
        let s = scrubber();
        let later = "Later Hill called; bluefin logged in.";
        assert_eq!(
            s.scrub_text(later).text,
            later,
            "nothing to remove on its own"
        );
        let mut carry = Carry::default();
        let first = s.scrub_window("Dr. Mark Hill paged user=bluefin on 10.1.2.3.", &mut carry);
        assert_eq!(first.text, "Dr. [NAME] paged user=[USER] on [INTERNAL-IP].");
        assert!(!carry.is_empty());
        let second = s.scrub_window(later, &mut carry);
        assert_eq!(second.text, "Later [NAME] called; [USER] logged in.");
        // Without a carry, a window is scrubbed like a whole text.
        let whole = s.scrub_text("Dr. Mark Hill paged user=bluefin. Later Hill called.");
        assert_eq!(
            whole.text,
            "Dr. [NAME] paged user=[USER]. Later [NAME] called."
        );
    }

    fn check_invariants(input: &str) {
        let out = scrubber().scrub_text(input);
        assert!(out.text.len() <= MAX_EXPANSION * input.len(), "{input:?}");
        let mut end = 0;
        for f in &out.findings {
            assert!(f.original_span.start >= end && f.original_span.start < f.original_span.end);
            assert!(
                input.is_char_boundary(f.original_span.start)
                    && input.is_char_boundary(f.original_span.end)
            );
            end = f.original_span.end;
        }
        assert!(end <= input.len());
    }

    #[test]
    fn hostile_inputs_do_not_panic_and_stay_bounded() {
        let long_digits = "9".repeat(100_000);
        let long_word = "a".repeat(70_000);
        let nested = "[".repeat(5000);
        for input in [
            "",
            "\u{0}",
            "x",
            "Dr.",
            "MRN",
            "MRN 1",
            "Patient",
            "@",
            "a@b",
            "http://",
            "hxxp[.]",
            "[.]",
            "(.",
            "\\\\",
            "C:\\Users\\",
            "10.0.0.1/",
            "::::::::",
            "+1 (",
            "123-45-",
            "é€😀 Dr. Ñúñez ext. ☎",
            "\u{feff}Patient José\u{200b}García",
            "1 Main Street",
            "Springfield, IL",
            long_digits.as_str(),
            long_word.as_str(),
            nested.as_str(),
        ] {
            check_invariants(input);
        }
    }

    #[test]
    fn worst_case_expansion_stays_under_the_bound() {
        // One-byte values that each become a placeholder.
        let input = "ext 12 x 34 ".repeat(50);
        let out = scrubber().scrub_text(&input);
        assert!(out.text.len() <= MAX_EXPANSION * input.len());
        assert!(Kind::ALL
            .iter()
            .all(|k| k.placeholder().len() <= MAX_EXPANSION));
    }

    #[test]
    fn org_names_and_domains() {
        let out = scrubber().scrub_text("St. Mary's Medical Center uses stmarys.org and vpn.stmarys.org, not stmarys.org.evil.ru.");
        assert_eq!(
            out.text,
            "[ORG] uses [ORG-DOMAIN] and [INTERNAL-HOST], not stmarys.org.evil.ru."
        );
    }

    #[test]
    fn org_name_variants_are_removed() {
        let s = Scrubber::new(ScrubConfig {
            org_domains: vec![],
            org_names: vec!["Anon Clinic".into()],
            ..Default::default()
        })
        .expect("scrubber");
        for variant in [
            "Anon Clinic",
            "anon clinic",
            "ANON CLINIC",
            "Anon-Clinic",
            "AnonClinic",
            "anonclinic",
            "Anon\u{a0}Clinic",
            "Anon\u{200b}Clinic",
            "Anon \u{200b}Clinic",
            "Anon\u{2011}Clinic",
            "Anon_Clinic",
            "Anon - Clinic",
        ] {
            let text = format!("Phishing wave reported by {variant} staff today.");
            let out = s.scrub_text(&text);
            assert_eq!(
                out.text, "Phishing wave reported by [ORG] staff today.",
                "{variant:?}"
            );
        }
        let out = s.scrub_text("Seen in ANON-CLINIC's mail.");
        assert_eq!(out.text, "Seen in [ORG]'s mail.");
        // A longer word that merely contains the name is not the name.
        let out = s.scrub_text("The AnonClinical trial.");
        assert_eq!(out.text, "The AnonClinical trial.");
    }

    #[test]
    fn config_is_checked() {
        assert!(matches!(
            Scrubber::new(ScrubConfig {
                org_domains: vec!["nodot".into()],
                org_names: vec![],
                ..Default::default()
            }),
            Err(ScrubError::OrgDomain { .. })
        ));
        assert!(matches!(
            Scrubber::new(ScrubConfig {
                org_domains: vec![],
                org_names: vec![" , ".into()],
                ..Default::default()
            }),
            Err(ScrubError::OrgName { .. })
        ));
    }

    #[test]
    fn stix_shapes_and_refusals() {
        let s = scrubber();
        assert!(s.scrub_stix(&serde_json::json!(42)).is_err());
        assert!(s.scrub_stix(&serde_json::json!({"objects": 3})).is_err());
        assert!(s.scrub_stix(&serde_json::json!([1])).is_err());
        let lone =
            serde_json::json!({"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "192.168.1.1"});
        let out = s.scrub_stix(&lone).expect("object");
        assert!(out.document.is_null());
        assert_eq!(out.dropped[0].pointer, "");
        let mut deep = serde_json::json!("Patient John Smith");
        for _ in 0..100 {
            deep = serde_json::json!({ "x": deep });
        }
        let obj = serde_json::json!({"type": "note", "id": "note--1", "content": deep});
        assert!(s.scrub_stix(&obj).is_err());
        let mail = serde_json::json!([
            {"type": "email-addr", "id": "email-addr--1", "value": "payroll.update@gmail.com"},
            {"type": "email-addr", "id": "email-addr--2", "value": "mary.jones@gmail.com"},
            {"type": "email-addr", "id": "email-addr--3", "value": "ceo@stmarys.org"},
            {"type": "email-message", "id": "email-message--1", "is_multipart": false,
             "from_ref": "email-addr--1", "to_refs": ["email-addr--2", "email-addr--3"]}
        ]);
        let out = s.scrub_stix(&mail).expect("array");
        assert_eq!(out.document[0]["value"], "payroll.update@gmail.com");
        assert_eq!(out.document[1]["value"], "[EMAIL]");
        assert_eq!(out.document.as_array().map(Vec::len), Some(3));
        assert_eq!(
            out.document[2]["to_refs"],
            serde_json::json!(["email-addr--2"])
        );
        let ind = serde_json::json!({"type": "indicator", "id": "indicator--1",
            "pattern": "[email-addr:value = 'jdoe@stmarys.org']", "pattern_type": "stix"});
        assert_eq!(s.scrub_stix(&ind).expect("indicator").dropped.len(), 1);
    }

    #[test]
    fn stix_accounts_and_people_stay_with_their_names_replaced() {
        let bundle = serde_json::json!({"type": "bundle", "id": "bundle--1", "objects": [
            {"type": "user-account", "id": "user-account--1", "user_id": "jkovac",
             "account_login": "CORP\\jkovac", "display_name": "Jana Kovač", "account_type": "windows-domain"},
            {"type": "identity", "id": "identity--1", "identity_class": "individual", "name": "Jana Kovač"},
            {"type": "opinion", "id": "opinion--1", "opinion": "agree",
             "explanation": "Same Akira kit as CVE-2024-1086.", "object_refs": ["user-account--1"]}
        ]});
        let out = scrubber().scrub_stix(&bundle).expect("bundle");
        let objects = &out.document["objects"];
        assert!(out.dropped.is_empty());
        assert_eq!(objects[0]["user_id"], "[USER]");
        assert_eq!(objects[0]["account_login"], "[USER]");
        assert_eq!(objects[0]["display_name"], "[NAME]");
        assert_eq!(objects[0]["account_type"], "windows-domain");
        assert_eq!(objects[1]["name"], "[NAME]");
        assert_eq!(
            objects[2]["explanation"],
            "Same Akira kit as CVE-2024-1086."
        );
        assert_eq!(
            objects[2]["object_refs"],
            serde_json::json!(["user-account--1"])
        );
        let pointers: Vec<&str> = out.findings.iter().map(|f| f.pointer.as_str()).collect();
        assert!(
            pointers.contains(&"/objects/0/account_login"),
            "{pointers:?}"
        );
    }

    proptest! {
        #[test]
        fn any_text_keeps_invariants(input in "\\PC{0,300}") {
            check_invariants(&input);
        }

        #[test]
        fn identifier_soup_keeps_invariants(parts in proptest::collection::vec(
            prop_oneof![
                Just("Dr."), Just("MRN"), Just("ext"), Just("x"), Just("1"), Just("12"), Just("(555)"),
                Just("123-45-6789"), Just("John"), Just("Smith"), Just("10.0.0.1"), Just("a@stmarys.org"),
                Just(","), Just("\n"), Just("County"), Just("Street"), Just("IL"), Just("62704"), Just("[.]"),
                Just("http://x"), Just("C:\\Users\\j"), Just("\\\\H\\s"), Just("March"), Just("4th"),
            ], 0..40)) {
            check_invariants(&parts.join(" "));
            check_invariants(&parts.concat());
        }
    }

    #[test]
    fn listed_staff_logins_and_host_shapes_go_wherever_they_appear() {
        let mut staff: Vec<String> = (0..5000).map(|i| format!("Person{i} Listed")).collect();
        staff.push("Dana Whitfield".into());
        staff.push("Dana Whitfield-Ames".into());
        let s = Scrubber::new(ScrubConfig {
            staff_names: staff,
            staff_logins: vec!["BlueFox".into()],
            host_patterns: vec!["orion".into(), "*-icu-*".into()],
            ..Default::default()
        })
        .unwrap();
        let out = s.scrub_text(
            "whitfield, dana and Dana Whitfield-Ames met. Then bluefox approved it on \
             Orion and nurse-icu-3.",
        );
        assert_eq!(
            out.text,
            "[NAME] and [NAME] met. Then [USER] approved it on [INTERNAL-HOST] and [INTERNAL-HOST]."
        );
        // The login and "Orion" are ordinary words: only the profile takes them (the two
        // names too: "whitfield, dana" in lowercase is no name to the general rules).
        let profile: Vec<&str> = out
            .findings
            .iter()
            .map(|f| f.reason)
            .filter(|r| r.contains("organization's"))
            .collect();
        assert_eq!(
            profile,
            [
                "a member of the organization's staff",
                "a member of the organization's staff",
                "a login of the organization's staff",
                "a host name of the organization's pattern",
            ]
        );
        assert!(glob("ws-*", "ws-rad-17") && glob("ws-*", "ws-"));
        assert!(glob("*-icu-*", "nurse-icu-3") && glob("filesrv*", "filesrv"));
        assert!(!glob("ws-*", "wsus-01") && !glob("*-icu-*", "icu-3") && !glob("dc01", "dc011"));
        for bad in [
            ScrubConfig {
                staff_names: vec!["J".into()],
                ..Default::default()
            },
            ScrubConfig {
                staff_logins: vec!["a b".into()],
                ..Default::default()
            },
            ScrubConfig {
                host_patterns: vec!["*.*".into()],
                ..Default::default()
            },
        ] {
            assert!(Scrubber::new(bad).is_err());
        }
    }
}
