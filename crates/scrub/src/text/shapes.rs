//! Judging each token by its shape alone: attack indicators (public addresses, outside
//! domains and URLs, hashes) are protected; internal hosts, addresses, e-mail addresses,
//! Windows paths and long numbers are removed or marked for the context rules.

use super::{Class, Engine};
use crate::classify::{self as c, Reach};
use crate::numeric;
use crate::vocab::flag;
use crate::{Indicator, IndicatorKind, Kind};

/// Who calls from a number that is the attacker's: someone unnamed, an actor, an impostor.
const UNNAMED_CALLERS: &[&str] = &[
    "somebody",
    "someone",
    "actor",
    "attacker",
    "attackers",
    "scammer",
    "scammers",
    "impostor",
    "caller",
    "vendor",
];

/// Words (their beginnings) that say a caller is not who they claim to be.
const IMPOSTOR_WORDS: &[&str] = &[
    "impersonat",
    "posing",
    "pretend",
    "pretext",
    "claiming",
    "social-engineer",
    "vishing",
    "scam",
    "fraud",
    "criminal",
    "attacker",
    "impostor",
    "imposter",
    "spoof",
];

/// Words that make a call a pretext (vishing) rather than a person's call.
const PRETEXT_WORDS: &[&str] = &[
    "threatening",
    "extortion",
    "scam",
    "vishing",
    "impersonating",
    "posing",
    "pretending",
    "spoofed",
    "fraudulent",
    "reset",
];

/// Database and backup client programs that an audit trail names as `program@host`.
fn client_program(local: &str) -> bool {
    matches!(
        local.to_ascii_lowercase().as_str(),
        "sqlplus" | "sqlldr" | "rman" | "expdp" | "impdp" | "exp" | "imp" | "sqlcl" | "toad"
    )
}

/// The prefix of an IPv4-mapped IPv6 address.
const MAPPED: &str = "::ffff:";

/// A document number of one to three capitals of a script other than Latin and six to ten
/// digits (`ЖК12345678`): a passport or register number, shaped like an identifier.
fn non_latin_series_number(t: &str) -> bool {
    let letters = t
        .chars()
        .take_while(|c| c.is_uppercase() && !super::is_latin(*c))
        .count();
    let rest = t.chars().skip(letters);
    let digits = rest.clone().count();
    (1..=3).contains(&letters)
        && (6..=10).contains(&digits)
        && rest.clone().all(|c| c.is_ascii_digit())
}

/// `::ffff:192.168.1.20`: an IPv4 address in IPv6's mapped notation.
fn mapped_ipv4(t: &str) -> bool {
    t.len() > MAPPED.len()
        && t.is_char_boundary(MAPPED.len())
        && t[..MAPPED.len()].eq_ignore_ascii_case(MAPPED)
        && c::ipv4(&t[MAPPED.len()..]).is_some()
}

impl<'a> Engine<'a> {
    // Long because: one branch per token shape, in the order that decides which reading wins
    // (indicator before identifier); split up, that order would be spread over several functions.
    pub(super) fn classify(&mut self, k: usize) {
        if self.toks[k].class == Class::Protected {
            return;
        }
        let t = self.toks[k].s;
        let b = t.as_bytes();
        if self.has(k, flag::THREAT) && !b.iter().all(u8::is_ascii_alphabetic) {
            // `Cl0p`, `LockBit3`, `8Base`: a threat name with digits in it.
            self.protect(k, IndicatorKind::ThreatName);
            return;
        }
        if b.iter().all(u8::is_ascii_alphabetic) && self.weekday_of_a_date(k) {
            self.toks[k].class = Class::Protected;
            return;
        }
        if b.iter().all(u8::is_ascii_alphabetic) {
            if self.has(k, flag::THREAT) {
                self.protect(k, IndicatorKind::ThreatName);
            } else if b.len() >= 6
                && b.iter().all(u8::is_ascii_lowercase)
                && self.toks[k].flags == 0
                && self.login_from_name_memo(t)
            {
                self.remove_toks(k, k, Kind::User, "user name built from a person's name");
            }
            return;
        }
        let refanged = c::refang(t);
        let v = refanged.as_deref().unwrap_or(t);
        // A byte search: `str::find` sets up a substring searcher for every token.
        if let Some(pos) = v.as_bytes().windows(3).position(|w| w == b"://") {
            self.classify_url(k, v, pos);
            return;
        }
        if v.contains('@') {
            self.classify_email(k, v);
            return;
        }
        if self.address_tuple(k, v) {
            return;
        }
        if let Some(reach) = c::ipv4(v) {
            if c::ipv4_unspecified(v) {
                // `0.0.0.0`, `255.255.255.255`: every address, no machine in particular.
                return;
            }
            match reach {
                Reach::Internal => self.remove_address(k, v),
                Reach::Public => self.protect(k, IndicatorKind::Ipv4),
            }
            return;
        }
        if c::mac(v) && self.rogue_access_point_mac(k) {
            self.toks[k].class = Class::Protected;
            return;
        }
        if c::mac(v) && self.infrastructure_mac(k) {
            self.toks[k].class = Class::Plain;
            return;
        }
        if c::mac(v)
            && v.bytes()
                .all(|b| matches!(b, b'f' | b'F' | b'0' | b':' | b'-'))
        {
            // `ff:ff:ff:ff:ff:ff`, `00:00:00:00:00:00`: broadcast or unset, no device.
            return;
        }
        if c::mac(v) {
            self.remove_toks(k, k, Kind::DeviceId, "hardware (MAC) address of a device");
            return;
        }
        if let Some(reach) = c::ipv6(v) {
            match reach {
                // `::ffff:10.1.2.3`: an IPv4 address written as IPv6 (RFC 4291's mapped
                // form); the `::ffff:` prefix is notation, only the IPv4 address goes.
                Reach::Internal if mapped_ipv4(t) => {
                    let index = self.found.len();
                    let tok = &mut self.toks[k];
                    tok.class = Class::Removed;
                    tok.finding = index;
                    let (start, end) = (tok.start + MAPPED.len(), tok.end);
                    self.remove(
                        start,
                        end,
                        Kind::InternalIp,
                        "private, loopback or link-local address",
                    );
                }
                Reach::Internal => self.remove_toks(
                    k,
                    k,
                    Kind::InternalIp,
                    "private, loopback or link-local address",
                ),
                Reach::Public => self.protect(k, IndicatorKind::Ipv6),
            }
            return;
        }
        if c::hash(v) {
            self.protect(k, IndicatorKind::Hash);
            return;
        }
        if c::stix_id(v) {
            self.protect(k, IndicatorKind::StixId);
            return;
        }
        if let Some(kind) = c::vuln_or_attack_id(v) {
            self.protect(k, kind);
            return;
        }
        if c::wallet(v) {
            self.protect(k, IndicatorKind::Wallet);
            return;
        }
        if v.contains('\\') {
            self.classify_windows_path(k);
            return;
        }
        if v.contains('/') && self.classify_slash(k, v) {
            return;
        }
        if let Some(host) = c::host_name(v, self.v) {
            self.classify_host(k, &host, IndicatorKind::Domain);
            return;
        }
        if let Some(ext) = c::extension(v) {
            if v == t && self.document_name_person(k) {
                // `Doe_Jane_records_0012345.pdf`: the record number goes with the name.
                let base = self.toks[k].start;
                for (s, e) in super::machine_ids::path_file_record_ids(t) {
                    self.remove(
                        base + s,
                        base + e,
                        Kind::Mrn,
                        "record number in a document's file name",
                    );
                }
                self.toks[k].class = Class::Protected;
                return;
            }
            if self.v.malware_ext.contains(ext.as_str()) {
                self.protect(k, IndicatorKind::FileName);
                return;
            }
            if self.v.photo_ext.contains(ext.as_str()) {
                self.remove_toks(k, k, Kind::Photo, "image file that may show a person");
                return;
            }
        }
        if c::vin(v) {
            self.remove_toks(k, k, Kind::Vehicle, "vehicle identification number layout");
            return;
        }
        // A cloud resource's id or a worker thread's name names a machine's object, no
        // person and no host of the network.
        if c::machine_object_name(v) {
            self.toks[k].class = Class::Protected;
            return;
        }
        if c::mbi(v) {
            self.remove_toks(
                k,
                k,
                Kind::HealthPlanId,
                "Medicare beneficiary identifier layout",
            );
            return;
        }
        if self.age_token(v) {
            self.remove_toks(k, k, Kind::Age, "age over 89");
            return;
        }
        if let Some(rest) = v
            .strip_prefix('x')
            .or_else(|| v.strip_prefix("ext."))
            .or_else(|| v.strip_prefix("Ext."))
        {
            if (3..=6).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit()) {
                self.remove_toks(k, k, Kind::Phone, "telephone extension");
                return;
            }
        }
        if c::mobile_device_name(v) {
            self.remove_toks(k, k, Kind::DeviceId, "phone or tablet named by its serial");
            return;
        }
        if c::day_month_year(v) {
            self.remove_toks(k, k, Kind::Date, "calendar date");
            return;
        }
        if super::settle::cipher_suite(v) {
            // `ECDHE-RSA-AES128-GCM-SHA256`: an algorithm's name, no host's.
            return;
        }
        if c::host_convention(v) {
            self.remove_toks(k, k, Kind::InternalHost, "internal host naming convention");
            return;
        }
        if c::okta_user_id(v) {
            self.remove_toks(k, k, Kind::User, "Okta user id");
            return;
        }
        if c::hex_constant(v) {
            // `0xC000006D`: a status code or flag set, whatever its length.
            return;
        }
        if c::privileged_account(v) {
            self.remove_toks(k, k, Kind::User, "privileged or service account");
            return;
        }
        let digits = c::digits(v);
        if b.iter().all(|c| c.is_ascii_digit() || *c == b'-') && digits >= 6 {
            self.toks[k].class = Class::LongNumber;
            return;
        }
        if digits >= 5 && c::identifier_like(v) && b.iter().any(u8::is_ascii_alphabetic)
            || non_latin_series_number(v)
        {
            self.toks[k].class = Class::IdLike;
            return;
        }
        if self.login_with_separator(v) {
            self.remove_toks(k, k, Kind::User, "user name built from a person's name");
        }
    }

    /// `(6)portal(7)example(3)com(0)`: a name in the DNS wire notation of a Windows DNS
    /// server's debug log, each label after its length in parentheses. The name is read as
    /// a host: on the organization's domain or an internal one, its labels go (the lengths
    /// before the first and the closing `(0)` stay); an outside one is kept whole as a
    /// domain indicator. Runs before the tokens are judged one by one, since the
    /// parentheses cut the name into many tokens.
    pub(super) fn dns_wire_names(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let mut k = 0;
        let mut i = 0;
        while i < b.len() {
            let Some(p) = memchr_paren(b, i) else {
                break;
            };
            let Some((first, last, end, name)) = wire_name_at(b, p) else {
                i = p + 1;
                continue;
            };
            while k < self.toks.len() && self.toks[k].end <= p {
                k += 1;
            }
            match self.host_is_internal(&name) {
                Some((kind, reason)) => {
                    self.remove_span_over(k, first..last, kind, reason, true);
                }
                None if c::host_name(&name, self.v).is_some() => {
                    let mut j = k;
                    while j < self.toks.len() && self.toks[j].start < end {
                        self.toks[j].class = Class::Protected;
                        j += 1;
                    }
                    self.indicators.push(crate::Indicator {
                        kind: IndicatorKind::Domain,
                        span: p..end,
                    });
                }
                None => {}
            }
            i = end;
        }
    }

    /// `Mon  03/09/2026`, `Thurs, 2026-03-12`: a day of the week (`Mon`, `Thurs`, `Sunday`)
    /// right before a numeric date on the same line names the date's weekday, no person
    /// (`Sun`, `Mon` are on the name lists).
    fn weekday_of_a_date(&self, k: usize) -> bool {
        const DAYS: &[&str] = &[
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        let mut buf = [0u8; 32];
        if !self.lw(k, &mut buf).is_some_and(|l| DAYS.contains(&l)) || k + 1 >= self.toks.len() {
            return false;
        }
        let gap = &self.text[self.toks[k].end..self.toks[k + 1].start];
        if gap.is_empty()
            || gap.len() > 16
            || !gap.bytes().all(|c| matches!(c, b' ' | b'\t' | b',' | b'.'))
        {
            return false;
        }
        let n = self.toks[k + 1].s;
        let seps = n
            .bytes()
            .filter(|c| matches!(c, b'/' | b'-' | b'.'))
            .count();
        let numeric_date = (6..=10).contains(&n.len())
            && seps == 2
            && n.bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b'/' | b'-' | b'.'));
        // "Dr. Li Sun 10/11/2026": after another name part on its line, the word is the
        // surname.
        let after_a_name = k > 0
            && !self.text[self.toks[k - 1].end..self.toks[k].start].contains('\n')
            && c::is_cap_word(self.toks[k - 1].s)
            && self.has(k - 1, flag::GIVEN | flag::SURNAME | flag::CENSUS_GIVEN);
        numeric_date && !after_a_name
    }

    /// `10.1.2.3:51514:X0:WS-0412`, `10.1.2.3:443:X1`: a firewall's connection end written
    /// as address, port, interface and, last, the name the firewall resolved the address
    /// to. An internal address goes and so does the name after it; the port and the
    /// interface stay. Returns false when token `k` is no such tuple or its address is a
    /// public one (left to the address rules).
    fn address_tuple(&mut self, k: usize, v: &str) -> bool {
        if v != self.toks[k].s || v.len() > 160 {
            return false;
        }
        if super::personal_ip::tuple_address(v).is_some() {
            self.protect(k, IndicatorKind::Ipv4);
            return true;
        }
        let mut parts = v.split(':');
        let addr = parts.next().unwrap_or("");
        let port = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.take(4).collect();
        if rest.is_empty()
            || port.is_empty()
            || port.len() > 5
            || !port.bytes().all(|b| b.is_ascii_digit())
            || c::ipv4(addr) != Some(Reach::Internal)
            || c::ipv4_unspecified(addr)
        {
            return false;
        }
        let start = self.toks[k].start;
        self.remove_in_tok(
            k,
            start,
            start + addr.len(),
            Kind::InternalIp,
            "private, loopback or link-local address",
        );
        // The name, when the tuple runs past the interface: letters and digits with at
        // least one letter, as a host is named.
        if rest.len() >= 2 {
            let name = rest[rest.len() - 1];
            let named = name.len() >= 3
                && name.len() <= 63
                && name.bytes().any(|b| b.is_ascii_alphabetic())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
            if named {
                let end = self.toks[k].end;
                self.remove(
                    end - name.len(),
                    end,
                    Kind::InternalHost,
                    "name a firewall gave an internal address",
                );
            }
        }
        true
    }

    /// An internal IPv4 address: the address goes, a `:port`, `#port` or `/prefix` after it
    /// stays (`10.1.2.3:443`: the port is a service, not a machine).
    fn remove_address(&mut self, k: usize, v: &str) {
        let t = &self.toks[k];
        let addr_len = v.find([':', '/', '#']).unwrap_or(v.len());
        // A refanged token is not the text's own bytes: remove all of it then.
        let end = if v == t.s { t.start + addr_len } else { t.end };
        let start = t.start;
        self.remove_in_tok(
            k,
            start,
            end,
            Kind::InternalIp,
            "private, loopback or link-local address",
        );
    }

    /// `jsmith`, `smithj`: an initial glued to a known surname.
    /// [`Self::login_from_name`] of a token's text, each distinct word searched once.
    fn login_from_name_memo(&mut self, l: &'a str) -> bool {
        if let Some(&known) = self.login_memo.get(l) {
            return known;
        }
        let known = self.login_from_name(l);
        self.login_memo.insert(l, known);
        known
    }

    pub(super) fn login_from_name(&self, l: &str) -> bool {
        if l.len() < 6 || crate::gazetteer::login_lookalike(l) {
            return false;
        }
        let (head, tail) = (&l[1..], &l[..l.len() - 1]);
        let known = |w: &str| {
            self.v.surnames.contains(w) && !self.v.common.contains(w)
                || crate::gazetteer::surname(w)
        };
        known(head) || known(tail)
    }

    /// `kimberlyhicks`, `stewartsean`: a given name and a surname glued, either way round
    /// (only after a cue: too many English words split that way).
    pub(super) fn glued_full_name(&self, l: &str) -> bool {
        use crate::gazetteer as g;
        let given = |w: &str| self.v.given.contains(w) || g::given(w);
        let sur = |w: &str| self.v.surnames.contains(w) || g::surname(w);
        l.len() >= 6
            && l.is_ascii()
            && (3..l.len() - 2).any(|i| {
                let (a, b) = l.split_at(i);
                given(a) && sur(b) || sur(a) && given(b)
            })
    }

    /// `john.smith`, `j.smith`, `smith_john`, `jsmith2`.
    fn login_with_separator(&self, v: &str) -> bool {
        let core = v.trim_end_matches(|c: char| c.is_ascii_digit());
        if core.is_empty()
            || !core
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
        {
            return false;
        }
        match core.split_once(['.', '_']) {
            Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains(['.', '_']) => {
                let name = |w: &str| {
                    w.len() == 1 || self.v.given.contains(w) || self.v.surnames.contains(w)
                };
                // An initial beside a census surname (`m.okafor3`, `okafor_m`), or a census
                // given name before a census surname (`ines.batista`): the census lists
                // hold words too, so a common word is no surname here.
                let census_sur = |w: &str| {
                    w.len() >= 3
                        && crate::gazetteer::surname(w)
                        && !self.v.common.contains(w)
                        && !crate::gazetteer::login_lookalike(w)
                };
                let census_given = |w: &str| {
                    w.len() >= 3 && crate::gazetteer::given(w) && !self.v.common.contains(w)
                };
                name(a) && name(b) && (a.len() > 1 || b.len() > 1)
                    || a.len() == 1 && census_sur(b)
                    || b.len() == 1 && census_sur(a)
                    || census_given(a) && (census_sur(b) || self.v.surnames.contains(b))
                    || self.v.given.contains(a) && census_sur(b)
            }
            None => core.len() < v.len() && self.login_from_name(core),
            _ => false,
        }
    }

    fn age_token(&self, v: &str) -> bool {
        let d = v.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 3 {
            return false;
        }
        let Ok(age) = v[..d].parse::<u32>() else {
            return false;
        };
        let rest = v[d..].to_ascii_lowercase();
        let aged = matches!(
            rest.as_str(),
            "-year-old"
                | "-years-old"
                | "-yr-old"
                | "yo"
                | "-yo"
                | "y/o"
                | "-y/o"
                | "y.o"
                | "yrs"
                | "-yr"
                | "-year"
        );
        aged && (90..=150).contains(&age)
    }

    pub(super) fn host_is_internal(&self, host: &str) -> Option<(Kind, &'static str)> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if self.scrubber.is_org_domain(&host) {
            return Some((Kind::OrgDomain, "the organization's own domain"));
        }
        if self.scrubber.is_org_host(&host) {
            return Some((Kind::InternalHost, "host on the organization's domain"));
        }
        if c::internal_suffix(&host) || host == "localhost" {
            return Some((
                Kind::InternalHost,
                "host name that exists only inside a network",
            ));
        }
        if c::ipv4(&host) == Some(Reach::Internal) || c::ipv6(&host) == Some(Reach::Internal) {
            return Some((Kind::InternalIp, "private, loopback or link-local address"));
        }
        None
    }

    fn classify_host(&mut self, k: usize, host: &str, kind: IndicatorKind) {
        match self.host_is_internal(host) {
            Some((kind, reason)) => self.remove_toks(k, k, kind, reason),
            None => self.protect(k, kind),
        }
    }

    /// `CORP.LOCAL\jdoe@10.2.3.4`, as vCenter and other Windows-domain logs name a session:
    /// the domain, the account and the address the user came from. The domain goes as the
    /// organization's host, the account as a user name; the address goes when it is
    /// private and stays as an indicator when it is public.
    fn domain_account_at_address(&mut self, k: usize, v: &str, local: &str, addr: &str) -> bool {
        let Some((dom, user)) = local.rsplit_once('\\') else {
            return false;
        };
        let Some(reach) = c::ipv4(addr) else {
            return false;
        };
        let dom_ok = !dom.is_empty()
            && dom.len() <= 64
            && dom
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        let user_ok = !user.is_empty()
            && user.len() <= 64
            && user
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'$'));
        if v != self.toks[k].s || !dom_ok || !user_ok {
            return false;
        }
        let start = self.toks[k].start;
        let end = self.toks[k].end;
        self.remove_in_tok(
            k,
            start,
            start + dom.len(),
            Kind::InternalHost,
            "domain of a Windows account",
        );
        let at = start + local.len();
        self.remove(start + dom.len() + 1, at, Kind::User, "account in a domain");
        match reach {
            Reach::Internal => self.remove(
                at + 1,
                end,
                Kind::InternalIp,
                "private address a user came from",
            ),
            Reach::Public => self.indicators.push(Indicator {
                kind: IndicatorKind::Ipv4,
                span: at + 1..end,
            }),
        }
        true
    }

    /// `AP 'Lobby-2' [f4:92:bf:00:11:22]`, `bssid=...`, `switch core1 (00:1a:...)`: the
    /// hardware address of an access point, a switch or a gateway, the network's own
    /// equipment, which no person carries. Read from the three tokens before it on its
    /// line: the nearest label that names a device decides (`User[...]`, `client`, `sta`
    /// name a person's device, and it goes).
    fn infrastructure_mac(&self, k: usize) -> bool {
        let bytes = self.text.as_bytes();
        let mut end = self.toks[k].start;
        for j in (k.saturating_sub(3)..k).rev() {
            let t = &self.toks[j];
            let gap = bytes.get(t.end..end).unwrap_or(&[]);
            if gap.len() > 64 || gap.contains(&b'\n') {
                return false;
            }
            end = t.start;
            let w = t.s.to_ascii_lowercase();
            let w = w.trim_end_matches(['=', ':']);
            if matches!(
                w,
                "user"
                    | "client"
                    | "sta"
                    | "station"
                    | "device"
                    | "host"
                    | "src"
                    | "source"
                    | "clientmac"
                    | "client_mac"
                    | "sta_mac"
                    | "user_mac"
                    | "mac"
                    | "by"
                    | "from"
            ) {
                return false;
            }
            if matches!(
                w,
                "ap" | "wap"
                    | "bssid"
                    | "ap_mac"
                    | "apmac"
                    | "switch"
                    | "gateway"
                    | "router"
                    | "controller"
                    | "uplink"
                    | "radio"
            ) {
                return true;
            }
        }
        false
    }

    fn classify_url(&mut self, k: usize, v: &str, pos: usize) {
        let scheme = &v[..pos];
        let known = [
            "http", "https", "ftp", "ftps", "sftp", "ws", "wss", "smb", "tcp", "udp", "file",
            "ldap", "ldaps", "rdp", "ssh",
        ]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme));
        if !known {
            self.internal_host_of_other_scheme(k, v, pos);
            return;
        }
        if c::patient_query(v) {
            self.remove_toks(k, k, Kind::Url, "link carrying a patient's identifier");
            return;
        }
        let rest = &v[pos + 3..];
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let hostport = authority.rsplit('@').next().unwrap_or(authority);
        let host = if let Some(stripped) = hostport.strip_prefix('[') {
            stripped.split(']').next().unwrap_or("")
        } else {
            hostport.split(':').next().unwrap_or("")
        };
        let single_label = !host.contains('.') && !host.contains(':');
        let internal = self.host_is_internal(host);
        if internal.is_some() || single_label {
            // `https://sso.example.org/oauth/callback`: when all after a host name is the
            // site's own structure, only the host goes (an address literal takes the whole).
            let after = &rest[authority.len()..];
            if v == self.toks[k].s
                && hostport.len() == authority.len()
                && !host.is_empty()
                && !hostport.starts_with('[')
                && !matches!(internal, Some((Kind::InternalIp, _)))
                && structural_web_path(after)
            {
                let (kind, reason) =
                    internal.unwrap_or((Kind::InternalHost, "internal host in a web address"));
                let start = self.toks[k].start + pos + 3;
                self.toks[k].class = Class::Protected;
                self.remove(start, start + host.len(), kind, reason);
                return;
            }
            self.remove_toks(k, k, Kind::Url, "address of an internal web resource");
            return;
        }
        self.protect(k, IndicatorKind::Url);
        self.emails_inside(k);
    }

    /// `mllp://lab7.int.example.org:7003`, `jdbc:...`: a scheme no rule knows; an internal
    /// host in it goes, the scheme and the port stay.
    fn internal_host_of_other_scheme(&mut self, k: usize, v: &str, pos: usize) {
        let scheme = &v[..pos];
        if v != self.toks[k].s
            || scheme.is_empty()
            || !scheme.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return;
        }
        let rest = &v[pos + 3..];
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if authority.contains('@') || authority.starts_with('[') {
            return;
        }
        let host = authority.split(':').next().unwrap_or("");
        if let Some((kind, reason)) = self.host_is_internal(host) {
            let start = self.toks[k].start + pos + 3;
            self.toks[k].class = Class::Protected;
            self.remove(start, start + host.len(), kind, reason);
        }
    }

    /// A shell prompt `jdoe@app7:~/ir$` or `jdoe@app7:/var/log#`: the login and the host go,
    /// the working directory stays. Returns whether the token had that shape.
    fn login_at_host_with_path(&mut self, k: usize, v: &str, local: &str, domain: &str) -> bool {
        let Some((host, path)) = domain.split_once(':') else {
            return false;
        };
        let prompt_path = path.starts_with('~') || path.starts_with('/');
        if v != self.toks[k].s
            || !prompt_path
            || !c::identifier_like(local)
            || !c::identifier_like(host)
            || host.len() < 2
        {
            return false;
        }
        let public = host.contains('.') && self.host_is_internal(host).is_none();
        if public {
            return false;
        }
        let start = self.toks[k].start;
        let at = start + local.len();
        self.toks[k].class = Class::Protected;
        self.remove(start, at, Kind::User, "login in a shell prompt");
        let (kind, reason) = self
            .host_is_internal(host)
            .unwrap_or((Kind::InternalHost, "host in a shell prompt"));
        self.remove(at + 1, at + 1 + host.len(), kind, reason);
        true
    }

    /// A phishing URL often carries the victim's address: remove it, keep the rest.
    fn emails_inside(&mut self, k: usize) {
        let (t, base) = (self.toks[k].s, self.toks[k].start);
        let b = t.as_bytes();
        let mut found = Vec::new();
        let ats = t
            .match_indices('@')
            .map(|(at, _)| (at, 1))
            .chain(t.match_indices("%40").map(|(at, _)| (at, 3)));
        for (at, width) in ats {
            let word =
                |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+' | b'%');
            let s = b[..at].iter().rposition(|c| !word(c)).map_or(0, |p| p + 1);
            let e = b[at + width..]
                .iter()
                .position(|c| !word(c))
                .map_or(b.len(), |p| at + width + p);
            if s == at || e == at + width {
                continue;
            }
            let domain = t[at + width..e].trim_end_matches('.').to_ascii_lowercase();
            if self.scrubber.is_org_host(&domain) || c::host_name(&domain, self.v).is_some() {
                found.push((base + s, base + e));
            }
        }
        for (s, e) in found {
            self.remove(s, e, Kind::Email, "e-mail address inside a URL");
        }
    }

    fn classify_email(&mut self, k: usize, v: &str) {
        let Some((local, domain)) = v.rsplit_once('@') else {
            return;
        };
        if local.contains('\\') && self.domain_account_at_address(k, v, local, domain) {
            return;
        }
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b));
        if !local_ok {
            return;
        }
        if self.login_at_host_with_path(k, v, local, domain) {
            return;
        }
        if let Some(host) = c::host_name(domain, self.v) {
            if self.scrubber.is_org_host(&host) {
                self.remove_toks(
                    k,
                    k,
                    Kind::Email,
                    "e-mail address on the organization's domain",
                );
            } else if c::internal_suffix(&host) {
                self.remove_toks(k, k, Kind::Email, "e-mail address on an internal domain");
            } else {
                self.toks[k].class = Class::OutsideEmail;
            }
            return;
        }
        if !domain.contains('.') && c::identifier_like(domain) && c::identifier_like(local) {
            if client_program(local) && v == self.toks[k].s {
                // Oracle's audit trail `sqlplus@lab-app7`: the program stays, the host goes.
                let at = self.toks[k].start + local.len() + 1;
                self.toks[k].class = Class::Protected;
                self.remove(
                    at,
                    self.toks[k].end,
                    Kind::InternalHost,
                    "host a program ran on",
                );
                return;
            }
            self.remove_toks(k, k, Kind::User, "login of the form user@host");
            return;
        }
        // A VPN's `jdoe@203.0.113.9`: the login goes, the address is judged on its own.
        let reach = c::ipv4(domain);
        if reach.is_some() && v == self.toks[k].s && c::identifier_like(local) {
            let (start, index) = (self.toks[k].start, self.found.len());
            let at = start + local.len() + 1;
            self.toks[k].class = Class::Removed;
            self.toks[k].finding = index;
            self.remove(start, at - 1, Kind::User, "login of the form user@address");
            match reach {
                Some(Reach::Public) => self.indicators.push(Indicator {
                    kind: IndicatorKind::Ipv4,
                    span: at..self.toks[k].end,
                }),
                _ => self.remove(at, self.toks[k].end, Kind::InternalIp, "private address"),
            }
        }
    }

    fn classify_windows_path(&mut self, k: usize) {
        let (t, base) = (self.toks[k].s, self.toks[k].start);
        for (s, e) in super::machine_ids::path_file_record_ids(t) {
            self.remove(
                base + s,
                base + e,
                Kind::Mrn,
                "record number in a document's file name",
            );
        }
        let lower_t = t.to_ascii_lowercase();
        let json_escaped = usize::from(t.contains("\\\\"));
        if let Some(rest) = t.strip_prefix("\\\\") {
            let host = rest.split('\\').next().unwrap_or("");
            // `\\Device\HarddiskVolume3\...`, `\\?\C:\...`: a Windows object path, no host.
            let object_path = ["device", "?", ".", "globalroot"]
                .iter()
                .any(|p| host.eq_ignore_ascii_case(p));
            if !host.is_empty() && !object_path {
                let (kind, reason) = self
                    .host_is_internal(host)
                    .unwrap_or((Kind::InternalHost, "host name in a network share path"));
                let public_ip = c::ipv4(host) == Some(Reach::Public);
                let public_domain =
                    c::host_name(host, self.v).is_some() && self.host_is_internal(host).is_none();
                if !public_ip && !public_domain {
                    self.remove(base + 2, base + 2 + host.len(), kind, reason);
                }
            }
        } else if !t.contains(":\\") && t.matches('\\').count() == json_escaped + 1 {
            // `DOMAIN\\user` inside a JSON string is `DOMAIN\user` with its backslash escaped.
            let (domain, user) = t
                .split_once(if json_escaped == 1 { "\\\\" } else { "\\" })
                .unwrap_or(("", ""));
            let system = [
                "global",
                "local",
                "hklm",
                "hkcu",
                "hkey_local_machine",
                "hkey_current_user",
                "session",
                "basenamedobjects",
                "device",
                "authority",
                "system32",
                "windows",
                "software",
                "builtin",
            ];
            let dl = domain.to_ascii_lowercase();
            // `LANGLEY\yıldız.k`: a login may carry letters beyond ASCII.
            let login = |u: &str| {
                u.len() <= 64
                    && u.chars().next().is_some_and(char::is_alphanumeric)
                    && u.chars()
                        .all(|ch| ch.is_alphanumeric() || matches!(ch, '.' | '_' | '-' | '$'))
            };
            // A domain has a letter: `2.5\rPID` is a version and a written-out return.
            let named = domain.bytes().any(|b| b.is_ascii_alphabetic());
            if c::identifier_like(domain) && named && login(user) && !system.contains(&dl.as_str())
            {
                self.remove_toks(k, k, Kind::User, "DOMAIN\\user account name");
                return;
            }
        }
        // Roaming profiles and home folders on a file server (`\\fs1\home$\jdoe`) are named
        // after the login too.
        for marker in [
            "\\users\\",
            "\\documents and settings\\",
            "\\home$\\",
            "\\homes$\\",
            "\\profiles$\\",
            "\\profile$\\",
            "\\users$\\",
        ] {
            if let Some(p) = lower_t.find(marker) {
                // `C:\\Users\\name\\` in JSON: the escaping backslash doubles each one.
                let s = p + marker.len();
                let s = s + t[s..].bytes().take_while(|&b| b == b'\\').count();
                let seg = t[s..].split('\\').next().unwrap_or("");
                let generic = [
                    "public",
                    "default",
                    "default user",
                    "all users",
                    "administrator",
                ];
                if !seg.is_empty() && !generic.contains(&seg.to_ascii_lowercase().as_str()) {
                    self.remove(
                        base + s,
                        base + s + seg.len(),
                        Kind::User,
                        "user profile folder name",
                    );
                }
            }
        }
        let ext = c::extension(t);
        // A macro document named after a person (`Referral_DOE_JANE.docm`) is a patient's
        // file the macro rode in on: the name goes, and the path is no indicator.
        if self.document_name_person(k) {
            self.toks[k].class = Class::Protected;
        } else if ext.is_some_and(|e| self.v.malware_ext.contains(e.as_str())) {
            self.protect(k, IndicatorKind::FileName);
        } else {
            self.toks[k].class = Class::Protected;
        }
    }

    /// Paths and scheme-less URLs. Returns false when the token is neither.
    fn classify_slash(&mut self, k: usize, v: &str) -> bool {
        let (t, base) = (self.toks[k].s, self.toks[k].start);
        for marker in ["/home/", "/Users/", "/users/"] {
            if let Some(p) = t.find(marker) {
                let s = p + marker.len();
                let seg = t[s..].split('/').next().unwrap_or("");
                if !seg.is_empty() && seg != "Shared" {
                    self.remove(
                        base + s,
                        base + s + seg.len(),
                        Kind::User,
                        "user home folder name",
                    );
                }
                self.toks[k].class = Class::Protected;
                return true;
            }
        }
        if self.service_principal(k, v) {
            return true;
        }
        let head = v.split('/').next().unwrap_or("");
        if head.is_empty() {
            return false;
        }
        // `app7.int.example.org:/etc/app/conf.yaml`: scp's host and path; the host goes
        // when it is an internal one, the path stays.
        if let Some(host) = head.strip_suffix(':') {
            if v == t && host.contains('.') && self.host_is_internal(host).is_some() {
                let (kind, reason) = self.host_is_internal(host).unwrap_or((
                    Kind::InternalHost,
                    "host name that exists only inside a network",
                ));
                self.toks[k].class = Class::Protected;
                self.remove(base, base + host.len(), kind, reason);
                return true;
            }
        }
        if let Some(host) = c::host_name(head, self.v) {
            self.classify_host(k, &host, IndicatorKind::Url);
            return true;
        }
        if let Some(Reach::Internal) = c::ipv4(head) {
            // `10.1.2.3/51234->198.51.100.7/443`: a flow record's address and port (Junos,
            // ASA); the port is a service, only the address goes.
            let port = v[head.len() + 1..].trim_end_matches(['-', '>']);
            if !port.is_empty() && port.len() <= 5 && port.parse::<u16>().is_ok() {
                self.remove_address(k, v);
            } else {
                self.remove_toks(k, k, Kind::Url, "address of an internal resource");
            }
            return true;
        }
        false
    }

    /// `cifs/fs01.corp.example.org`, `krbtgt/CORP.EXAMPLE.ORG`,
    /// `MSSQLSvc/db7.corp.example.org:1433`: a Kerberos service principal name, a service
    /// class (letters only) and the host or realm it runs on. The host goes when it is the
    /// organization's or an internal one; the service class and a port stay. Returns false
    /// when token `k` is no such name or its host is an outside one.
    fn service_principal(&mut self, k: usize, v: &str) -> bool {
        if v != self.toks[k].s {
            return false;
        }
        let Some((class, rest)) = v.split_once('/') else {
            return false;
        };
        if !(2..=24).contains(&class.len()) || !class.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        let host = &rest[..rest.find([':', '/', '@']).unwrap_or(rest.len())];
        if !host.contains('.') || host.starts_with('.') || host.len() > 253 {
            return false;
        }
        let Some((kind, reason)) = self.host_is_internal(host) else {
            return false;
        };
        if kind == Kind::InternalIp {
            // `tcp/10.1.2.3`: a protocol and an address, left to the address rules.
            return false;
        }
        let start = self.toks[k].start + class.len() + 1;
        self.remove_in_tok(k, start, start + host.len(), kind, reason);
        true
    }

    pub(super) fn apply_numeric(&mut self, text: &str) {
        let matches = numeric::scan(text);
        // A report of phishing or smishing: a `From:` line holding a bare number is the
        // sender of the lure it reports. Read once per document.
        // Texts forwarded as quotes (`> From +1 ...: ...`) with a link among them are
        // reported lures too.
        let quoted_lure =
            text.contains("> From ") && (text.contains("http") || text.contains("hxxp"));
        let report = matches.iter().any(|m| m.kind == Kind::Phone)
            && (quoted_lure
                || ["phish", "Phish", "smish", "Smish", "SMS lure", "spam"]
                    .iter()
                    .any(|w| text.contains(w)));
        let mut first = 0;
        for m in matches {
            while first < self.toks.len() && self.toks[first].end <= m.start {
                first += 1;
            }
            let mut last = first;
            let mut guarded = false;
            while last < self.toks.len() && self.toks[last].start < m.end {
                if matches!(self.toks[last].class, Class::Protected | Class::Threat) {
                    guarded = true;
                }
                last += 1;
            }
            // A GS1 element string is one identifier whatever its parts look like (a lot
            // number `C5570` reads like an ATT&CK campaign id).
            if guarded && !matches!(m.kind, Kind::Ssn | Kind::DeviceId) {
                continue;
            }
            // `date=2025-11-12 time=00:23`: a log record's own date, no one's.
            let before = text[..m.start].trim_end_matches('"');
            if m.kind == Kind::Date
                && before
                    .strip_suffix("date=")
                    .is_some_and(|b| b.is_empty() || b.ends_with([' ', '\n', '>', ']']))
            {
                for t in &mut self.toks[first..last] {
                    t.class = Class::Protected;
                }
                continue;
            }
            if m.kind == Kind::Phone
                && first < last
                && (self.lure_sender(first)
                    || self.lure_callback(first)
                    || self.impostor_number(first)
                    || self.lure_number_asking(first, last - 1)
                    || self.popup_number(first)
                    || self.popup_call_number(first)
                    || self.attacker_uses(first)
                    || self.paid_to_attacker(first)
                    || self.callback_then_link(first, last - 1)
                    || self.lure_came_from(first)
                    || self.attacker_called_from(first)
                    || self.diversion_caller(first)
                    || self.fraud_call_number(first)
                    || self.caller_pretends(first, last - 1)
                    || self.call_from_then_caller(first, last - 1)
                    || self.impostor_hospital_call(first, last - 1)
                    || self.impostor_beside_real_number(first, last - 1)
                    || self.warned_sender(first)
                    || self.lure_caller_id(first)
                    || self.quoted_claim_on_fraud_line(first)
                    || self.impostor_used(first)
                    || self.unknown_caller_from(first, last - 1)
                    || self.disowned_number(first, last - 1)
                    || self.claimed_caller_id(first)
                    || self.link_record_sender(first)
                    || report && self.sender_line(first, last - 1))
            {
                for t in &mut self.toks[first..last] {
                    t.class = Class::Protected;
                }
                continue;
            }
            let index = self.found.len();
            for t in &mut self.toks[first..last] {
                if !matches!(t.class, Class::Protected | Class::Threat) {
                    t.class = Class::Removed;
                    t.finding = index;
                }
            }
            self.remove(m.start, m.end, m.kind, m.reason);
        }
    }

    /// `From: +1 213 555 0100  9/15/2025 11:30 PM`: a number alone after a sender label
    /// that opens its line; also a quoted message's `> From +1 213 555 0100: ...` (the
    /// colon after the number, as phones show a text's sender).
    fn sender_line(&self, k: usize, last: usize) -> bool {
        let mut buf = [0u8; 32];
        if k < 1
            || !self
                .lw(k - 1, &mut buf)
                .is_some_and(|l| matches!(l, "from" | "sender"))
        {
            return false;
        }
        let line_start = self.text[..self.toks[k - 1].start]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        let opens = self.text[line_start..self.toks[k - 1].start]
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'>'));
        // `> Clinic - MFA reset required: From: +1 ...  9/2/2025`: a quoted message of the
        // report, its `From:` label after the lure's text on the same line.
        let quoted = self.text[line_start..].starts_with('>') && self.toks[k - 1].trail == b':';
        quoted || opens && (self.toks[k - 1].trail == b':' || self.toks[last].trail == b':')
    }

    /// "Actor X keeps calling help desks from +1 877 ..., +1 844 ...", "if anyone gets a
    /// call from +44 ... claiming to be the help desk", "we will never call you from ...":
    /// the number an impostor calls from is the attacker's. A call or phone word must lead
    /// to the number (other numbers of a list between them), and the sentence must say the
    /// caller is not who they claim (impersonation, pretexting, a scam, a threat actor) or
    /// the writer must deny the number is theirs ("never").
    fn impostor_number(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        let sent = self.toks[k].sent;
        // Back to the cue, over the numbers and the punctuation of a list.
        let mut j = k;
        let mut cue = None;
        while j > 0 && k - j < 24 && self.toks[j - 1].sent == sent {
            j -= 1;
            if self.toks[j].class == Class::Protected {
                continue;
            }
            let Some(l) = self.lw(j, &mut buf) else {
                break;
            };
            if matches!(
                l,
                "from" | "phone" | "phones" | "number" | "numbers" | "line"
            ) {
                cue = Some((j, l.to_owned()));
            }
            break;
        }
        let Some((cue, word)) = cue else {
            return false;
        };
        let called = |e: &Self, i: usize, buf: &mut [u8; 32]| {
            e.lw(i, buf).is_some_and(|l| {
                matches!(
                    l,
                    "call" | "calls" | "called" | "calling" | "phoning" | "ring"
                )
            })
        };
        // "from" must follow a call ("calling from", "a call from", "call you from").
        if word == "from" && !(1..=2).any(|back| cue >= back && called(self, cue - back, &mut buf))
        {
            return false;
        }
        // "a scam call; her phone 555-...": a person's own phone, whatever the calls were.
        if word != "from"
            && cue >= 1
            && self.lw(cue - 1, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "her" | "his" | "their" | "my" | "our" | "patient" | "patients" | "own"
                )
            })
        {
            return false;
        }
        // "We will never call from ...": the writer says the number is not theirs.
        let denied = (1..=4).any(|back| {
            cue >= back
                && self.toks[cue - back].sent == sent
                && self.lw(cue - back, &mut buf) == Some("never")
        });
        if denied {
            return true;
        }
        // A call from the number: the sentence around it says who calls (a threat actor
        // named in it, or an impostor's words). A phone word alone ("by phone"): the words
        // just before it must say the calls are an impersonation.
        let (from, to) = if word == "from" {
            let mut i = k;
            while i > 0 && k - i < 40 && self.toks[i - 1].sent == sent {
                i -= 1;
            }
            (i, self.toks.len().min(k + 30))
        } else {
            (cue.saturating_sub(8), cue)
        };
        (from..to).filter(|&x| self.toks[x].sent == sent).any(|x| {
            word == "from" && self.toks[x].class == Class::Threat
                || self
                    .lw(x, &mut buf)
                    .is_some_and(|l| IMPOSTOR_WORDS.iter().any(|w| l.starts_with(w)))
        })
    }

    /// Whether token `k` stands between quotes (`'pharmacy'`, `"IT"`, `“billing”`).
    fn quoted(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let before = self.text[..t.start].chars().next_back();
        let after = self.text[t.end..].chars().next();
        matches!(before, Some('\'' | '"' | '“' | '‘'))
            && matches!(after, Some('\'' | '"' | '”' | '’'))
    }

    /// "He got a text saying his account was locked and to call +1 555 0100": the number a
    /// lure tells its victim to call is the attacker's. The words before the number must ask
    /// for a call, and the sentence before them must name a message received and what it
    /// claimed (a locked account, a refund, a scam); "she left a message asking to call her
    /// back at ..." stays a person's number.
    fn lure_callback(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        let asks = (1..=6).any(|back| {
            k >= back
                && self.same_sentence(k - back, k)
                && self
                    .lw(k - back, &mut buf)
                    .is_some_and(|l| matches!(l, "call" | "dial" | "callback"))
        });
        if !asks {
            return false;
        }
        let sent = self.toks[k].sent;
        let mut i = k;
        let (mut message, mut claim) = (false, false);
        // "we detected unusual activity on your account, please call back at ...": a
        // caller claiming trouble with the listener's account (a vishing voicemail).
        let mut your_account = false;
        while i > 0 && self.toks[i - 1].sent == sent && k - i < 60 {
            i -= 1;
            let Some(l) = self.lw(i, &mut buf) else {
                continue;
            };
            if matches!(l, "unusual" | "suspicious")
                && (i..k).any(|x| self.is_word(x, "your") && self.is_word(x + 1, "account"))
            {
                your_account = true;
            }
            message |= matches!(
                l,
                "text" | "texted" | "sms" | "email" | "e-mail" | "popup" | "pop-up" | "message"
            );
            claim |= matches!(
                l,
                "locked"
                    | "suspended"
                    | "deactivated"
                    | "frozen"
                    | "verify"
                    | "refund"
                    | "prize"
                    | "scam"
                    | "smishing"
                    | "phishing"
                    | "vishing"
                    | "fraudulent"
                    | "spoofed"
                    | "fake"
                    | "compromised"
                    | "expired"
            );
        }
        // "Verify at https://... or call +44 ...": a lure quoted with its outside link.
        let link = (i..self.toks.len().min(k + 80))
            .take_while(|&j| self.toks[j].sent == sent)
            .any(|j| self.toks[j].class == Class::Protected && self.toks[j].s.contains('.'));
        message && claim || link || your_account
    }

    /// "A text linking to https://..., sent from +40 534 4376778": the number that sent a
    /// lure is the attacker's, an indicator. The phrase must say it sent something and the
    /// sentence must hold the lure (an outside link or domain) or name the scam; "her
    /// daughter called from ..." stays a person's number.
    fn lure_sender(&self, k: usize) -> bool {
        let mut buf = [0u8; 32];
        let word = |e: &Self, i: usize, buf: &mut [u8; 32]| -> String {
            e.lw(i, buf).unwrap_or("").to_owned()
        };
        if k < 2 || !self.same_sentence(k - 2, k) || word(self, k - 1, &mut buf) != "from" {
            return false;
        }
        let verb = word(self, k - 2, &mut buf);
        let sent = self.toks[k].sent;
        // The sentence around the number, at most 80 tokens each side: a long line of a log
        // read as one sentence costs the same per number.
        let mut i = k;
        while i > 0 && k - i < 80 && self.toks[i - 1].sent == sent {
            i -= 1;
        }
        // "a callback scam from ...": the phrase names the scam itself.
        if matches!(verb.as_str(), "scam" | "scammer" | "vishing") {
            return true;
        }
        // "I got a text from +1 ...": a text received from a bare number.
        let received = (3..=5).any(|back| {
            k >= back
                && self.same_sentence(k - back, k)
                && matches!(word(self, k - back, &mut buf).as_str(), "got" | "received")
        });
        if matches!(verb.as_str(), "text" | "sms") && received {
            return true;
        }
        // "Somebody called me from ...", "Actor X calls help desks from ...", "Vendor calls
        // from ... asking to reset": a call from someone unnamed, an actor or an impostor;
        // "her son called from ..." stays a person's number.
        // "calls came from ...": the calls themselves came from the number.
        let came = verb == "came"
            && k >= 3
            && self.toks[k - 3].sent == sent
            && matches!(word(self, k - 3, &mut buf).as_str(), "calls" | "call");
        let call = came
            || matches!(
                verb.as_str(),
                "called" | "calls" | "calling" | "me" | "desks"
            );
        if call {
            // "someone" alone names no attacker ("Someone called from ... to ask about
            // visiting hours" is a relative's or a patient's number): it needs what only a
            // fraud asks for in the rest of the sentence.
            let mut someone = false;
            let caller = (3..=6).any(|back| {
                if k < back || self.toks[k - back].sent != sent {
                    return false;
                }
                let w = word(self, k - back, &mut buf);
                if matches!(w.as_str(), "someone" | "somebody") {
                    someone = true;
                    return false;
                }
                UNNAMED_CALLERS.contains(&w.as_str())
            });
            let someone = someone && self.fraud_ask_after(k);
            // "says 'pharmacy' called from ...": the caller's claimed identity in quotes.
            let quoted = k >= 3 && self.toks[k - 3].sent == sent && self.quoted(k - 3);
            let mut rest =
                (i..self.toks.len().min(k + 80)).take_while(|&j| self.toks[j].sent == sent);
            // "IT guy called from ..., said to go to evil.example": a pretext, or the lure's
            // outside domain or link in the same sentence.
            let pretext = rest.any(|j| {
                self.lw(j, &mut buf)
                    .is_some_and(|l| PRETEXT_WORDS.contains(&l))
                    || j > k
                        && self.toks[j].class == Class::Protected
                        && self.toks[j].s.contains('.')
                        && self.toks[j].s.bytes().any(|b| b.is_ascii_alphabetic())
            });
            return caller || someone || quoted || pretext;
        }
        if !matches!(
            verb.as_str(),
            "sent" | "texted" | "text" | "sms" | "message" | "messaged" | "spoofed" | "smishing"
        ) {
            return false;
        }
        (i..self.toks.len().min(k + 80))
            .take_while(|&j| self.toks[j].sent == sent)
            .any(|j| {
                self.toks[j].class == Class::Protected && self.toks[j].s.contains('.')
                    || self.lw(j, &mut buf).is_some_and(|l| {
                        matches!(
                            l,
                            "smishing" | "phishing" | "lure" | "scam" | "spoofed" | "fraudulent"
                        )
                    })
            })
    }
}

/// Path, query and fragment words of a site's own structure: sign-in and API routes, web
/// file types, portal sections. A web address whose path holds only these (and versions
/// like `v2`, `r4`) names no person.
const WEB_PATH_WORDS: &str = "
about account acs activesync adfs admin api apis app apps asp aspx assets auth authorize
autodiscover bin callback certs cgi citrix configuration connect content css dashboard
default dicomweb dstu ecp ehr emr endsession ews exchange false favicon fhir fonts format
gateway global globalprotect graphql health healthz help hl home htm html ico idp images img
includes index info introspect jpg js json jwks known lib login logon logout main mapi
metadata metrics mychart oauth oidc openid owa php ping png portal protocol public r realms
receiver redirect rest rpc saml scripts signin signout site sites soap sp sso static status
stf storefront stu svc svg token true userinfo v version vpn web well wp ws www xml
";

/// `/oauth/callback`, `/api/v2/status?format=json`: whether the part of a web address after
/// its host holds only [`WEB_PATH_WORDS`] (a query's keys and values too), each with at most
/// two digits after it, between `/`, `-`, `_`, `.`, `?`, `&`, `=` and `#`.
fn structural_web_path(after: &str) -> bool {
    let mut buf = [0u8; 32];
    after
        .split(['/', '-', '_', '.', '?', '&', '=', '#'])
        .filter(|p| !p.is_empty())
        .all(|p| {
            let word = p.trim_end_matches(|c: char| c.is_ascii_digit());
            p.len() - word.len() <= 2
                && !word.is_empty()
                && word.bytes().all(|b| b.is_ascii_alphabetic())
                && crate::vocab::lower(word, &mut buf)
                    .is_some_and(|l| WEB_PATH_WORDS.split_ascii_whitespace().any(|w| w == l))
        })
}

/// The next `(` at or after `from`.
fn memchr_paren(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == b'(')
        .map(|q| from + q)
}

/// A DNS name in wire notation starting at the `(` at `p`: `(n)label` two or more times,
/// each label of exactly `n` letters, digits, hyphens or underscores, closed by `(0)`; read
/// within 256 bytes. Gives the first label's start, the last label's end, the end of the
/// closing `(0)` and the dotted name.
fn wire_name_at(b: &[u8], p: usize) -> Option<(usize, usize, usize, String)> {
    const MOST: usize = 256;
    let mut i = p;
    let mut name = String::new();
    let (mut first, mut last, mut labels) = (0, 0, 0);
    while i < b.len() && i - p < MOST && b[i] == b'(' {
        let digits = b[i + 1..]
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 || b.get(i + 1 + digits) != Some(&b')') {
            return None;
        }
        let n: usize = std::str::from_utf8(&b[i + 1..i + 1 + digits])
            .ok()?
            .parse()
            .ok()?;
        let at = i + digits + 2;
        if n == 0 {
            return (labels >= 2).then_some((first, last, at, name));
        }
        let label = b.get(at..at + n)?;
        if n > 63
            || !label
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
        {
            return None;
        }
        if labels == 0 {
            first = at;
        } else {
            name.push('.');
        }
        name.push_str(std::str::from_utf8(label).ok()?);
        labels += 1;
        last = at + n;
        i = last;
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_access_points_mac_stays_and_its_users_goes() {
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text("Mesh AP 'Lobby-2' [a4:11:22:33:44:55] client[3c:aa:bb:cc:dd:ee] joined\n")
            .text;
        assert!(out.contains("a4:11:22:33:44:55"), "{out:?}");
        assert!(!out.contains("3c:aa:bb:cc:dd:ee"), "{out:?}");
        // A device's address with no equipment label before it goes, as before.
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text("laptop of the nurse seen with a4:11:22:33:44:55 today\n")
            .text;
        assert!(!out.contains("a4:11:22:33:44:55"), "{out:?}");
    }

    #[test]
    fn a_series_number_of_capitals_of_another_script_goes() {
        crate::text::check(&[
            ("паспорт ЖК12345678 выдан", "паспорт [ID] выдан"),
            // Letters alone, a Latin build tag, a short count and a mixed word stay.
            ("ЖК отделение", "ЖК отделение"),
            ("код ЖК123 ок", "код ЖК123 ок"),
            ("сборка ЖКx1234567 ок", "сборка ЖКx1234567 ок"),
        ]);
    }

    #[test]
    fn cloud_resource_ids_and_thread_names_stay() {
        super::super::check(&[(
            "2 111122223333 eni-0a1b2c3d4e5f60718 ACCEPT; (executor-thread-12) LOGIN; \
             pool-2-thread-7 done; host ws-fin-12 saw it",
            "2 [ID] eni-0a1b2c3d4e5f60718 ACCEPT; (executor-thread-12) LOGIN; \
             pool-2-thread-7 done; host [INTERNAL-HOST] saw it",
        )]);
    }

    use super::super::{check, check_org};

    #[test]
    fn a_persons_name_in_a_document_file_name_goes_its_words_stay() {
        check(&[(
            "Suspicious macro,Referral_Harlow_Quentin.docm,C:\\Users\\Public\\Documents\\Referral_Harlow_Quentin.docm\n\
             Opened Quarterly_Budget_Final.xlsx and Board_Minutes.docx\n",
            "Suspicious macro,Referral_[NAME].docm,C:\\Users\\Public\\Documents\\Referral_[NAME].docm\n\
             Opened Quarterly_Budget_Final.xlsx and Board_Minutes.docx\n",
        )]);
        check(&[(
            "UPLOAD,Harlow_Quentin_records_7712345.pdf,done\n",
            "UPLOAD,[NAME]_records_[MRN].pdf,done\n",
        )]);
    }

    #[test]
    fn an_xml_element_name_after_a_role_is_no_name() {
        check(&[(
            "<Patient><Name><Surname>Okonkwo</Surname></Name></Patient>\nPatient: Dana Whitfield\n",
            "<Patient><Name><Surname>[NAME]</Surname></Name></Patient>\nPatient: [NAME]\n",
        )]);
    }

    #[test]
    fn a_weekday_before_a_date_is_no_name() {
        check(&[(
            "Mon  03/09/2026  07:45  meals\nThurs, 2026-03-12 bath\nPatient: Sun Wei, seen today\n",
            "Mon  [DATE]  07:45  meals\nThurs, [DATE] bath\nPatient: [NAME], seen today\n",
        ), (
            "Visit booked Mon 03/09/2026; seen by Dr. Li Sun 03/10/2026.\n",
            "Visit booked Mon [DATE]; seen by Dr. [NAME] [DATE].\n",
        )]);
    }

    #[test]
    fn a_dns_wire_name_is_read_as_a_host() {
        check_org(
            &[],
            &["fernbrook.test"],
            &[(
                "UDP Rcv 10.1.2.3 Q [0001 D NOERROR] A (8)ws-annex(2)ad(9)fernbrook(4)test(0)\n\
                 UDP Rcv 10.1.2.4 Q [0001 D NOERROR] A (7)pay-now(7)example(3)com(0)\n\
                 note (3) items (2)ok\n",
                "UDP Rcv [INTERNAL-IP] Q [0001 D NOERROR] A (8)[INTERNAL-HOST](0)\n\
                 UDP Rcv [INTERNAL-IP] Q [0001 D NOERROR] A (7)pay-now(7)example(3)com(0)\n\
                 note (3) items (2)ok\n",
            )],
        );
    }

    #[test]
    fn a_firewall_connection_end_loses_its_internal_address_and_name() {
        check(&[
            (
                "src=10.4.5.6:51514:X0:WS-ANNEX-22 dst=198.51.100.7:443:X1 proto=tcp\n",
                "src=[INTERNAL-IP]:51514:X0:[INTERNAL-HOST] dst=198.51.100.7:443:X1 proto=tcp\n",
            ),
            (
                "src=198.51.100.9:40122:X1 dst=172.20.1.9:443:X0 fw_action=\"drop\"\n",
                "src=198.51.100.9:40122:X1 dst=[INTERNAL-IP]:443:X0 fw_action=\"drop\"\n",
            ),
            // A broadcast hardware address is no device's.
            (
                "srcMac=00:1a:2b:3c:4d:5e dstMac=ff:ff:ff:ff:ff:ff\n",
                "srcMac=[DEVICE-ID] dstMac=ff:ff:ff:ff:ff:ff\n",
            ),
            // The hardware address an ARP attack came from is the attacker's.
            (
                "msg=\"Possible ARP attack from MAC address\" srcMac=00:1a:2b:3c:4d:5e\n",
                "msg=\"Possible ARP attack from MAC address\" srcMac=00:1a:2b:3c:4d:5e\n",
            ),
        ]);
    }

    #[test]
    fn a_service_principal_loses_its_internal_host_and_keeps_its_class() {
        check_org(
            &[],
            &["fernbrook.org"],
            &[
                (
                    "\tServer: cifs/fs12.corp.fernbrook.org @ CORP.FERNBROOK.ORG\n",
                    "\tServer: cifs/[INTERNAL-HOST] @ [INTERNAL-HOST]\n",
                ),
                (
                    "spn MSSQLSvc/sql4.fernbrook.org:1433 and krbtgt/CORP.FERNBROOK.ORG ok\n",
                    "spn MSSQLSvc/[INTERNAL-HOST]:1433 and krbtgt/[INTERNAL-HOST] ok\n",
                ),
                // An outside host after a word and a slash stays.
                (
                    "fetched from cdn/static.example-cdn.com today\n",
                    "fetched from cdn/static.example-cdn.com today\n",
                ),
            ],
        );
    }

    #[test]
    fn an_internal_web_address_loses_only_its_host_when_the_rest_is_the_sites_structure() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeviewclinic.test"],
            &[
                (
                    "redirect_uri=\"https://sso.lakeviewclinic.test/oauth2/callback\", ok\n",
                    "redirect_uri=\"https://[INTERNAL-HOST]/oauth2/callback\", ok\n",
                ),
                (
                    "Portal https://mychart.lakeviewclinic.test:8443/api/v1/status?format=json is up.\n",
                    "Portal https://[INTERNAL-HOST]:8443/api/v1/status?format=json is up.\n",
                ),
                (
                    "See http://intranet/login.aspx today.\n",
                    "See http://[INTERNAL-HOST]/login.aspx today.\n",
                ),
            ],
        );
        // Anything else after the host may name someone: the address goes whole.
        check_org(
            &["Lakeview Clinic"],
            &["lakeviewclinic.test"],
            &[
                (
                    "Room https://telehealth.lakeviewclinic.test/room/jsmith opened.\n",
                    "Room [URL] opened.\n",
                ),
                (
                    "Open https://portal.lakeviewclinic.test/api/search?q=okafor now.\n",
                    "Open [URL] now.\n",
                ),
                (
                    "Open https://portal.lakeviewclinic.test/oauth/callback#id=4417 now.\n",
                    "Open [URL] now.\n",
                ),
                (
                    "Open https://jroe@portal.lakeviewclinic.test/login now.\n",
                    "Open [URL] now.\n",
                ),
            ],
        );
    }

    #[test]
    fn a_domain_account_at_its_client_address() {
        check(&[(
            "User QXMC.LOCAL\\jroe@10.1.2.3 logged in; User QXMC.LOCAL\\jroe@203.0.113.7 failed\n",
            "User [INTERNAL-HOST]\\[USER]@[INTERNAL-IP] logged in; User [INTERNAL-HOST]\\[USER]@203.0.113.7 failed\n",
        )]);
    }

    #[test]
    fn a_flow_records_port_after_an_internal_address_stays() {
        check(&[
            (
                "flow 10.8.1.20/52011->198.51.100.9/443 closed",
                "flow [INTERNAL-IP]/52011->198.51.100.9/443 closed",
            ),
            ("share 10.8.1.20/scans/x.pdf", "share [URL]"),
        ]);
    }

    #[test]
    fn a_mapped_ipv4_address_loses_only_its_ipv4_part() {
        check(&[
            (
                "peer ::ffff:10.40.2.17 port 4411 closed",
                "peer ::ffff:[INTERNAL-IP] port 4411 closed",
            ),
            ("peer fe80::1 down", "peer [INTERNAL-IP] down"),
            (
                "callback ::ffff:45.83.12.9 seen",
                "callback ::ffff:45.83.12.9 seen",
            ),
        ]);
    }

    #[test]
    fn a_home_folder_on_a_file_server_names_its_login_everywhere() {
        check(&[(
            "Home directory \\\\fs12\\home$\\tuvok\ntuvok opened the share today",
            "Home directory \\\\[INTERNAL-HOST]\\home$\\[USER]\n[USER] opened the share today",
        )]);
    }

    #[test]
    fn a_calendar_attendees_address_after_mailto_and_a_phone_named_by_its_serial() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeview.org"],
            &[
                (
                    "ORGANIZER;CN=Front Desk:mailto:desk.lead@lakeview.org",
                    "ORGANIZER;CN=Front Desk:mailto:[EMAIL]",
                ),
                (
                    "push sent  app=Okta Verify  device=iPhone-7C2F0A  result=denied",
                    "push sent  app=Okta Verify  device=[DEVICE-ID]  result=denied",
                ),
            ],
        );
    }

    #[test]
    fn a_shell_prompts_login_and_host_go_its_directory_stays() {
        check(&[
            (
                "jdoe@lab-app7:~/ir$ ansible-playbook site.yml",
                "[USER]@[INTERNAL-HOST]:~/ir$ ansible-playbook site.yml",
            ),
            (
                "root@203.0.113.50.example.com:/tmp# id",
                "root@203.0.113.50.example.com:/tmp# id",
            ),
        ]);
    }

    #[test]
    fn an_internal_host_in_an_unknown_scheme_or_an_scp_path_goes_alone() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeview.org"],
            &[
                (
                    "destination: mllp://lab7.int.lakeview.org:7003",
                    "destination: mllp://[INTERNAL-HOST]:7003",
                ),
                (
                    "pasted from app7.int.lakeview.org:/etc/mirth/channels.yaml today",
                    "pasted from [INTERNAL-HOST]:/etc/mirth/channels.yaml today",
                ),
                (
                    "|sqlplus@lab-app7|SELECT|",
                    "|sqlplus@[INTERNAL-HOST]|SELECT|",
                ),
            ],
        );
    }

    #[test]
    fn a_number_a_quoted_impostor_a_lure_or_threatening_calls_came_from_stays() {
        check(&[
            (
                "Mr. Olsen says 'billing' called from +1 (877) 555-0143 asking for his card.",
                "Mr. [NAME] says 'billing' called from +1 (877) 555-0143 asking for his card.",
            ),
            (
                "The tech guy called from +1-877-555-0166, said to open remote-fixit.top now.",
                "The tech guy called from +1-877-555-0166, said to open remote-fixit.top now.",
            ),
            (
                "She said calls came from +1 (877) 555-0188 threatening to leak the files.",
                "She said calls came from +1 (877) 555-0188 threatening to leak the files.",
            ),
            (
                "Her son called from 555-201-7788 about the visit.",
                "Her son called from [PHONE] about the visit.",
            ),
        ]);
    }

    #[test]
    fn a_quoted_lures_from_label_after_its_text_keeps_the_number() {
        check(&[(
            "Reported as phishing by the nurse\n> Clinic - MFA reset required: From: 1-844-555-0143  today\n> My cell is 617-555-0177.\n",
            "Reported as phishing by the nurse\n> Clinic - MFA reset required: From: 1-844-555-0143  today\n> My cell is [PHONE].\n",
        )]);
    }

    #[test]
    fn a_percent_encoded_address_inside_a_phishing_link_goes() {
        check_org(
            &[],
            &["clinic.example"],
            &[(
                "GET https://login-vrfy.top/o365?u=nadia.ferro%40clinic.example HTTP/1.1",
                "GET https://login-vrfy.top/o365?u=[EMAIL] HTTP/1.1",
            )],
        );
    }

    #[test]
    fn an_impostors_number_stays_a_persons_goes() {
        check(&[
            (
                "Quill Spider keeps impersonating IT staff by phone (1-844-555-0142, +1-877-555-0199).",
                "Quill Spider keeps impersonating IT staff by phone (1-844-555-0142, +1-877-555-0199).",
            ),
            (
                "If anyone gets a call from +44 7700 900123 claiming to be the help desk, hang up.",
                "If anyone gets a call from +44 7700 900123 claiming to be the help desk, hang up.",
            ),
            (
                "Criminals may pretend to be us. We will never call from 617-555-0144.",
                "Criminals may pretend to be us. We will never call from 617-555-0144.",
            ),
            (
                "Forwarded by the nurse:\n> From 617.555.0148: reset required: https://pay-portal.example/x\n> From 617.555.0149: reply with the code\n",
                "Forwarded by the nurse:\n> From 617.555.0148: reset required: https://pay-portal.example/x\n> From 617.555.0149: reply with the code\n",
            ),
            (
                "we detected unusual activity on your account please call back at 617.555.0171 or six one seven 5 5 5 zero one seven one thanks",
                "we detected unusual activity on your account please call back at 617.555.0171 or six one seven 5 5 5 zero one seven one thanks",
            ),
            (
                "Her daughter called from 617-555-0133 about the bill.",
                "Her daughter called from [PHONE] about the bill.",
            ),
        ]);
    }

    #[test]
    fn privileged_accounts_and_cloud_identities_go() {
        check(&[
            (
                "Checked out WKX9-adm-r.tolland and adm-qbrennick; a-v.osei2 reset.",
                "Checked out [USER] and [USER]; [USER] reset.",
            ),
            // A service's own account and a word with a one-letter prefix stay.
            (
                "the svc-backup job restarted; patient on a-line.",
                "the svc-backup job restarted; patient on a-line.",
            ),
            // An initial beside a surname from the census lists, with a digit after it.
            ("login m.okafor3 failed", "login [USER] failed"),
        ]);
    }
}
