//! Free-text scrubbing. The text is cut into tokens once; each token is judged by its shape
//! (an address, a hash, a long number), then context rules run left to right over the
//! tokens (cues such as "MRN" or "Dr.", dates, street addresses, names), and last the
//! undecided tokens are settled. Indicators are marked first so no later rule touches them.

use crate::classify::{self as c, Reach};
use crate::numeric;
use crate::vocab::{flag, lower, vocab, Cue, Vocab};
use crate::{Finding, Indicator, IndicatorKind, Kind, Scrubbed, Scrubber};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// An ordinary word, open to every rule.
    Plain,
    /// An attack indicator: kept verbatim, no rule may touch it.
    Protected,
    /// A threat name: kept, except right after a title ("Dr. Akira").
    Threat,
    /// Already covered by a finding.
    Removed,
    /// An address on an outside domain: kept or removed by its context.
    OutsideEmail,
    /// Six or more digits: an identifier unless context says it is a count.
    LongNumber,
    /// A code of letters and five or more digits: an identifier unless a cue says more.
    IdLike,
}

struct Tok<'a> {
    s: &'a str,
    start: usize,
    end: usize,
    /// The byte right after the raw token (a delimiter, or `\n` at the end of the text).
    after: u8,
    /// The first punctuation trimmed off the end of the token, or 0.
    trail: u8,
    sent: u32,
    class: Class,
    /// Index in `Engine::found` of the finding that removed this token, if one did.
    finding: usize,
    /// The word lists the lowercased token is on (`vocab::flag` bits).
    flags: u32,
}

const NO_FINDING: usize = usize::MAX;

struct Engine<'a> {
    scrubber: &'a Scrubber,
    v: &'static Vocab,
    toks: Vec<Tok<'a>>,
    found: Vec<Finding>,
    indicators: Vec<Indicator>,
}

pub fn scrub(scrubber: &Scrubber, text: &str) -> Scrubbed {
    let mut engine = Engine {
        scrubber,
        v: vocab(),
        toks: tokenize(text),
        found: Vec::new(),
        indicators: Vec::new(),
    };
    for t in &mut engine.toks {
        let mut buf = [0u8; 32];
        t.flags = match lower(t.s, &mut buf) {
            Some(l) => engine.v.flags.get(l).copied().unwrap_or(0),
            // Too long for any list: never a name either.
            None => flag::NEVER,
        };
    }
    for k in 0..engine.toks.len() {
        engine.classify(k);
    }
    // A placeholder left by an earlier pass (`[INTERNAL-HOST]`) is already scrubbed: scrubbing
    // twice must give the same text, so no rule may take its inner word for an identifier.
    let bytes = text.as_bytes();
    for t in &mut engine.toks {
        let framed =
            t.start > 0 && bytes.get(t.start - 1) == Some(&b'[') && bytes.get(t.end) == Some(&b']');
        if framed
            && crate::Kind::ALL
                .iter()
                .any(|k| k.placeholder().get(1..k.placeholder().len() - 1) == Some(t.s))
        {
            t.class = Class::Protected;
        }
    }
    engine.apply_numeric(text);
    engine.context_rules();
    engine.settle();
    engine.finish(text)
}

fn is_delim(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b',' | b';'
                | b'"'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'<'
                | b'>'
                | b'|'
                | b'`'
        )
}

/// "[.]", "(.)", "[@]", "[:]": defanging inside an indicator, not a delimiter.
fn defang_at(b: &[u8], i: usize) -> bool {
    let close = match b[i] {
        b'[' => b']',
        b'(' => b')',
        _ => return false,
    };
    i + 2 < b.len() && matches!(b[i + 1], b'.' | b'@' | b':') && b[i + 2] == close
}

const LEAD_TRIM: &[char] = &['\'', '*', '#', '“', '‘', '«', '¿', '¡', '_'];
const TRAIL_TRIM: &[char] = &['.', ':', '!', '?', '\'', '*', '”', '’', '»', '#', '_'];

/// Words whose trailing dot does not end a sentence.
fn is_abbreviation(core: &str) -> bool {
    if core.len() == 1 {
        return true;
    }
    let mut buf = [0u8; 32];
    let Some(l) = lower(core, &mut buf) else {
        return false;
    };
    matches!(
        l,
        "dr" | "mr"
            | "mrs"
            | "ms"
            | "mx"
            | "prof"
            | "st"
            | "no"
            | "vs"
            | "etc"
            | "e.g"
            | "i.e"
            | "jr"
            | "sr"
            | "inc"
            | "ltd"
            | "co"
            | "apt"
            | "ste"
            | "ave"
            | "approx"
            | "dept"
            | "rev"
            | "p.o"
            | "d.o.b"
            | "ext"
            | "fig"
            | "nr"
            | "rd"
            | "blvd"
            | "ln"
            | "mt"
            | "ft"
            | "u.s"
            | "corp"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "tel"
            | "acct"
            | "pt"
            | "a.m"
            | "p.m"
    )
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 5);
    let mut sent = 0u32;
    let mut i = 0;
    while i < b.len() {
        if is_delim(b[i]) && !defang_at(b, i) {
            if b[i] == b'\n' {
                sent += 1;
            }
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() {
            if defang_at(b, i) {
                i += 3;
                continue;
            }
            if is_delim(b[i]) {
                break;
            }
            i += 1;
        }
        let after = b.get(i).copied().unwrap_or(b'\n');
        push_pieces(text, s, i, after, &mut toks, &mut sent);
    }
    toks
}

/// Splits a raw token on `=` and after a `key:` prefix, trims each piece and pushes it.
fn push_pieces<'a>(
    text: &'a str,
    s: usize,
    e: usize,
    after: u8,
    toks: &mut Vec<Tok<'a>>,
    sent: &mut u32,
) {
    let raw = &text[s..e];
    if raw.contains("://") {
        push_trimmed(text, s, e, after, toks, sent);
        return;
    }
    let mut piece_start = s;
    for (off, ch) in raw.char_indices().chain(std::iter::once((raw.len(), '='))) {
        if ch != '=' {
            continue;
        }
        let piece_end = s + off;
        if piece_end > piece_start {
            let piece_after = if piece_end == e { after } else { b'=' };
            split_key(text, piece_start, piece_end, piece_after, toks, sent);
        }
        piece_start = piece_end + 1;
    }
}

fn split_key<'a>(
    text: &'a str,
    s: usize,
    e: usize,
    after: u8,
    toks: &mut Vec<Tok<'a>>,
    sent: &mut u32,
) {
    let piece = &text[s..e];
    if let Some(p) = piece.find(':') {
        let left = &piece[..p];
        let right_ok = p + 1 < piece.len();
        let key_like = left.len() >= 2
            && left
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || matches!(b, b'#' | b'_' | b'.' | b'/'));
        let hexy = left.bytes().all(|b| b.is_ascii_hexdigit()) && piece.matches(':').count() >= 2;
        if key_like && right_ok && !hexy {
            push_trimmed(text, s, s + p, b':', toks, sent);
            push_trimmed(text, s + p + 1, e, after, toks, sent);
            return;
        }
    }
    push_trimmed(text, s, e, after, toks, sent);
}

fn push_trimmed<'a>(
    text: &'a str,
    s: usize,
    e: usize,
    after: u8,
    toks: &mut Vec<Tok<'a>>,
    sent: &mut u32,
) {
    let raw = &text[s..e];
    let lead = raw.len() - raw.trim_start_matches(LEAD_TRIM).len();
    let body = &raw[lead..];
    let mut core = body.trim_end_matches(TRAIL_TRIM);
    let suffix = &body[core.len()..];
    for poss in ["'s", "’s", "'S"] {
        if core.len() > poss.len() + 1 && core.ends_with(poss) {
            core = &core[..core.len() - poss.len()];
        }
    }
    if core.is_empty() {
        return;
    }
    let start = s + lead;
    let end = start + core.len();
    let trail = suffix.bytes().next().unwrap_or(0);
    let ends_sentence =
        suffix.bytes().any(|b| matches!(b, b'.' | b'!' | b'?')) && !is_abbreviation(core);
    toks.push(Tok {
        s: &text[start..end],
        start,
        end,
        after,
        trail,
        sent: *sent,
        class: Class::Plain,
        finding: NO_FINDING,
        flags: 0,
    });
    if ends_sentence {
        *sent += 1;
    }
}

fn same_kind_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl<'a> Engine<'a> {
    fn remove(&mut self, start: usize, end: usize, kind: Kind, reason: &'static str) {
        if start < end {
            self.found.push(Finding {
                kind,
                original_span: start..end,
                placeholder: kind.placeholder(),
                reason,
            });
        }
    }

    /// Gives the finding that removed token `k` the kind a cue announced.
    fn rekind(&mut self, k: usize, kind: Kind, reason: &'static str) {
        if let Some(f) = self.found.get_mut(self.toks[k].finding) {
            if f.kind != Kind::Ssn {
                f.kind = kind;
                f.placeholder = kind.placeholder();
                f.reason = reason;
            }
        }
    }

    fn remove_toks(&mut self, first: usize, last: usize, kind: Kind, reason: &'static str) {
        let (start, end) = (self.toks[first].start, self.toks[last].end);
        let index = self.found.len();
        for t in &mut self.toks[first..=last] {
            t.class = Class::Removed;
            t.finding = index;
        }
        self.remove(start, end, kind, reason);
    }

    fn protect(&mut self, k: usize, kind: IndicatorKind) {
        self.toks[k].class = if kind == IndicatorKind::ThreatName {
            Class::Threat
        } else {
            Class::Protected
        };
        self.indicators.push(Indicator {
            kind,
            span: self.toks[k].start..self.toks[k].end,
        });
    }

    fn lw<'b>(&self, k: usize, buf: &'b mut [u8; 32]) -> Option<&'b str> {
        lower(self.toks[k].s, buf)
    }

    fn has(&self, k: usize, bits: u32) -> bool {
        k < self.toks.len() && self.toks[k].flags & bits != 0
    }

    fn is_word(&self, k: usize, word: &str) -> bool {
        k < self.toks.len() && same_kind_word(self.toks[k].s, word)
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        b < self.toks.len() && self.toks[a].sent == self.toks[b].sent
    }

    // ---------------------------------------------------------------- shapes

    fn classify(&mut self, k: usize) {
        let t = self.toks[k].s;
        let b = t.as_bytes();
        if b.iter().all(u8::is_ascii_alphabetic) {
            if self.has(k, flag::THREAT) {
                self.protect(k, IndicatorKind::ThreatName);
            } else if b.len() >= 6
                && b.iter().all(u8::is_ascii_lowercase)
                && self.toks[k].flags == 0
                && self.login_from_name(t)
            {
                self.remove_toks(k, k, Kind::User, "user name built from a person's name");
            }
            return;
        }
        let refanged = c::refang(t);
        let v = refanged.as_deref().unwrap_or(t);
        if let Some(pos) = v.find("://") {
            self.classify_url(k, v, pos);
            return;
        }
        if v.contains('@') {
            self.classify_email(k, v);
            return;
        }
        if let Some(reach) = c::ipv4(v) {
            match reach {
                Reach::Internal => self.remove_toks(
                    k,
                    k,
                    Kind::InternalIp,
                    "private, loopback or link-local address",
                ),
                Reach::Public => self.protect(k, IndicatorKind::Ipv4),
            }
            return;
        }
        if c::mac(v) {
            self.remove_toks(k, k, Kind::DeviceId, "hardware (MAC) address of a device");
            return;
        }
        if let Some(reach) = c::ipv6(v) {
            match reach {
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
        if c::host_convention(v) {
            self.remove_toks(k, k, Kind::InternalHost, "internal host naming convention");
            return;
        }
        let digits = c::digits(v);
        if b.iter().all(|c| c.is_ascii_digit() || *c == b'-') && digits >= 6 {
            self.toks[k].class = Class::LongNumber;
            return;
        }
        if digits >= 5 && c::identifier_like(v) && b.iter().any(u8::is_ascii_alphabetic) {
            self.toks[k].class = Class::IdLike;
            return;
        }
        if self.login_with_separator(v) {
            self.remove_toks(k, k, Kind::User, "user name built from a person's name");
        }
    }

    /// `jsmith`, `smithj`: an initial glued to a known surname.
    fn login_from_name(&self, l: &str) -> bool {
        if l.len() < 6 {
            return false;
        }
        let (head, tail) = (&l[1..], &l[..l.len() - 1]);
        let known = |w: &str| self.v.surnames.contains(w) && !self.v.common.contains(w);
        known(head) || known(tail)
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
                name(a) && name(b) && (a.len() > 1 || b.len() > 1)
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

    fn host_is_internal(&self, host: &str) -> Option<(Kind, &'static str)> {
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

    fn classify_url(&mut self, k: usize, v: &str, pos: usize) {
        let scheme = &v[..pos];
        let known = [
            "http", "https", "ftp", "ftps", "sftp", "ws", "wss", "smb", "tcp", "udp", "file",
            "ldap", "ldaps", "rdp", "ssh",
        ]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme));
        if !known {
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
        if self.host_is_internal(host).is_some() || single_label {
            self.remove_toks(k, k, Kind::Url, "address of an internal web resource");
            return;
        }
        self.protect(k, IndicatorKind::Url);
        self.emails_inside(k);
    }

    /// A phishing URL often carries the victim's address: remove it, keep the rest.
    fn emails_inside(&mut self, k: usize) {
        let (t, base) = (self.toks[k].s, self.toks[k].start);
        let b = t.as_bytes();
        let mut found = Vec::new();
        for (at, _) in t.match_indices('@') {
            let word =
                |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+' | b'%');
            let s = b[..at].iter().rposition(|c| !word(c)).map_or(0, |p| p + 1);
            let e = b[at + 1..]
                .iter()
                .position(|c| !word(c))
                .map_or(b.len(), |p| at + 1 + p);
            if s == at || e == at + 1 {
                continue;
            }
            let domain = t[at + 1..e].trim_end_matches('.').to_ascii_lowercase();
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
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b));
        if !local_ok {
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
            self.remove_toks(k, k, Kind::User, "login of the form user@host");
        }
    }

    fn classify_windows_path(&mut self, k: usize) {
        let (t, base) = (self.toks[k].s, self.toks[k].start);
        let lower_t = t.to_ascii_lowercase();
        if let Some(rest) = t.strip_prefix("\\\\") {
            let host = rest.split('\\').next().unwrap_or("");
            if !host.is_empty() {
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
        } else if !t.contains(":\\") && t.matches('\\').count() == 1 {
            let (domain, user) = t.split_once('\\').unwrap_or(("", ""));
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
            if c::identifier_like(domain)
                && c::identifier_like(user)
                && !system.contains(&dl.as_str())
            {
                self.remove_toks(k, k, Kind::User, "DOMAIN\\user account name");
                return;
            }
        }
        for marker in ["\\users\\", "\\documents and settings\\"] {
            if let Some(p) = lower_t.find(marker) {
                let s = p + marker.len();
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
        if ext.is_some_and(|e| self.v.malware_ext.contains(e.as_str())) {
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
        let head = v.split('/').next().unwrap_or("");
        if head.is_empty() {
            return false;
        }
        if let Some(host) = c::host_name(head, self.v) {
            self.classify_host(k, &host, IndicatorKind::Url);
            return true;
        }
        if let Some(Reach::Internal) = c::ipv4(head) {
            self.remove_toks(k, k, Kind::Url, "address of an internal resource");
            return true;
        }
        false
    }

    fn apply_numeric(&mut self, text: &str) {
        let matches = numeric::scan(text);
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
            if guarded && m.kind != Kind::Ssn {
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

    // ---------------------------------------------------------------- context

    fn open(&self, k: usize) -> bool {
        k < self.toks.len()
            && matches!(
                self.toks[k].class,
                Class::Plain | Class::LongNumber | Class::IdLike
            )
    }

    fn context_rules(&mut self) {
        // The organization's own names first: a cue before one ("reported by Anon Clinic")
        // must not take part of it for a person's name and leave the rest.
        for k in 0..self.toks.len() {
            if self.open(k) {
                self.org_name(k);
            }
        }
        let mut k = 0;
        while k < self.toks.len() {
            if !self.open(k) {
                k += 1;
                continue;
            }
            let _ = self.threat_phrase(k)
                || self.cue(k)
                || self.month_date(k)
                || self.age_words(k)
                || self.street_address(k)
                || self.county(k)
                || self.city_state(k)
                || self.state_zip(k)
                || self.name(k);
            k += 1;
        }
    }

    /// Removes one of the organization's names starting at token `k`: consecutive tokens
    /// whose squashed text ([`squash`]) is exactly the squashed name, so "Anon-Clinic",
    /// "AnonClinic", "ANON CLINIC" and a name with a non-breaking or zero-width space inside
    /// all match "Anon Clinic", while "AnonClinical" does not.
    fn org_name(&mut self, k: usize) -> bool {
        let scrubber = self.scrubber;
        for name in scrubber.org_names() {
            let mut pos = 0;
            let mut j = k;
            while pos < name.len() && self.open(j) {
                match eat(name, pos, strip_possessive(self.toks[j].s)) {
                    // The name starts with a letter or digit, not with punctuation.
                    Some(next) if next > pos || j > k => pos = next,
                    _ => break,
                }
                j += 1;
            }
            if pos == name.len() && j > k {
                self.remove_toks(k, j - 1, Kind::OrgName, "the organization's own name");
                return true;
            }
        }
        false
    }

    fn threat_phrase(&mut self, k: usize) -> bool {
        if !self.has(k, flag::THREAT_FIRST) {
            return false;
        }
        for phrase in crate::lists::THREAT_PHRASES {
            let n = phrase.len();
            if k + n <= self.toks.len()
                && (0..n).all(|i| self.toks[k + i].s.eq_ignore_ascii_case(phrase[i]))
            {
                let span = self.toks[k].start..self.toks[k + n - 1].end;
                for t in &mut self.toks[k..k + n] {
                    t.class = Class::Threat;
                }
                self.indicators.push(Indicator {
                    kind: IndicatorKind::ThreatName,
                    span,
                });
                return true;
            }
        }
        false
    }

    /// Matches every cue phrase starting at `k`, longest first, and applies the first whose
    /// value rule accepts what follows.
    fn cue(&mut self, k: usize) -> bool {
        if !self.has(k, flag::CUE) {
            return false;
        }
        let mut buf = [0u8; 32];
        let Some(first) = self.lw(k, &mut buf) else {
            return false;
        };
        let Some(candidates) = self.v.cues.get(first) else {
            return false;
        };
        for (words, cue) in candidates {
            let n = words.len();
            let matched = (1..n).all(|i| {
                let j = k + i;
                j < self.toks.len()
                    && self.toks[j].class == Class::Plain
                    && self.same_sentence(k, j)
                    && self.toks[j].s.eq_ignore_ascii_case(words[i])
            });
            if matched && self.apply_cue(k, k + n, *cue) {
                return true;
            }
        }
        false
    }

    /// The first token after a cue that is not a filler word, in the same sentence.
    fn value_after(&self, cue_tok: usize, mut j: usize) -> Option<usize> {
        let mut skipped = 0;
        while j < self.toks.len() && self.same_sentence(cue_tok, j) {
            let filler = self.has(j, flag::FILLER)
                || self.toks[j].s.bytes().all(|b| b.is_ascii_punctuation());
            if !filler || skipped >= 3 {
                return Some(j);
            }
            skipped += 1;
            j += 1;
        }
        None
    }

    fn apply_cue(&mut self, k: usize, next: usize, cue: Cue) -> bool {
        let Some(j) = self.value_after(k, next) else {
            return false;
        };
        let class = self.toks[j].class;
        let s = self.toks[j].s;
        match cue {
            Cue::Title => {
                let ok = (c::is_cap_word(s) || c::is_initial(s))
                    && matches!(class, Class::Plain | Class::Threat)
                    && !self.never_name(j);
                if ok {
                    self.toks[j].class = Class::Plain;
                    let end = self.name_end(j);
                    self.remove_toks(j, end, Kind::Name, "name after a title");
                }
                ok
            }
            Cue::Role => {
                let ok = class == Class::Plain && c::is_cap_word(s) && !self.never_name(j);
                if ok {
                    let end = self.name_end(j);
                    self.remove_toks(j, end, Kind::Name, "name after a role word");
                }
                ok
            }
            Cue::Mrn => self.id_value(j, Kind::Mrn, "number after a medical record cue"),
            Cue::Ssn => self.id_value(j, Kind::Ssn, "number after a social security cue"),
            Cue::HealthPlan => {
                self.id_value(j, Kind::HealthPlanId, "number after a health plan cue")
            }
            Cue::License => self.id_value(
                j,
                Kind::License,
                "number after a license or certificate cue",
            ),
            Cue::Plate => self.id_value(j, Kind::Vehicle, "number after a license plate cue"),
            Cue::Vin => self.id_value(j, Kind::Vehicle, "number after a vehicle cue"),
            Cue::Device => self.id_value(j, Kind::DeviceId, "number after a serial or device cue"),
            Cue::Biometric => self.id_value(j, Kind::Biometric, "value after a biometric cue"),
            Cue::OtherId => self.id_value(j, Kind::Id, "number after an identifier cue"),
            Cue::Account => {
                self.id_value(j, Kind::Account, "number after an account cue")
                    || self.user_value(j, false)
            }
            Cue::Dob => self.dob_value(j),
            Cue::Phone | Cue::Fax => self.phone_value(j, cue == Cue::Fax),
            Cue::Ext => {
                let ok = matches!(class, Class::Plain)
                    && (2..=6).contains(&s.len())
                    && s.bytes().all(|b| b.is_ascii_digit());
                if ok {
                    self.remove_toks(j, j, Kind::Phone, "telephone extension");
                }
                ok
            }
            Cue::Zip => {
                let ok = matches!(class, Class::Plain | Class::LongNumber)
                    && (s.len() == 5 || s.len() == 9 || s.len() == 10)
                    && s.bytes().all(|b| b.is_ascii_digit() || b == b'-');
                if ok {
                    self.remove_toks(j, j, Kind::Zip, "ZIP code after a cue");
                }
                ok
            }
            Cue::UserStrong => self.user_value(j, true),
            Cue::UserWeak => self.user_value(j, false),
            Cue::HostStrong => self.host_value(j, true),
            Cue::HostWeak => self.host_value(j, false),
            Cue::Age => {
                let age = s.parse::<u32>().ok();
                let ok = class == Class::Plain && age.is_some_and(|a| (90..=150).contains(&a));
                if ok {
                    self.remove_toks(j, j, Kind::Age, "age over 89");
                }
                ok
            }
            Cue::City => {
                let ok = class == Class::Plain && c::is_cap_word(s) && !self.never_name(j);
                if ok {
                    let mut end = j;
                    while end + 1 < self.toks.len()
                        && end - j < 2
                        && self.toks[end].after == b' '
                        && self.toks[end + 1].class == Class::Plain
                        && c::is_cap_word(self.toks[end + 1].s)
                        && !self.never_name(end + 1)
                        && !self.is_state_at(end + 1)
                    {
                        end += 1;
                    }
                    self.remove_toks(j, end, Kind::City, "place of residence after a cue");
                }
                ok
            }
        }
    }

    /// An identifier value: must hold a digit. Spaced groups ("1234 5678 9012") are taken
    /// together.
    fn id_value(&mut self, j: usize, kind: Kind, reason: &'static str) -> bool {
        let t = &self.toks[j];
        if !matches!(t.class, Class::Plain | Class::LongNumber | Class::IdLike) {
            // Already removed by its shape: the cue knows better what it is.
            if t.class == Class::Removed && c::digits(t.s) > 0 {
                self.rekind(j, kind, reason);
                return true;
            }
            return false;
        }
        if c::digits(t.s) == 0
            || t.s.len() < 2
            || !t
                .s
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'.'))
        {
            return false;
        }
        let mut end = j;
        while self.toks[end].s.len() <= 6
            && end + 1 < self.toks.len()
            && end - j < 4
            && self.toks[end].after == b' '
            && self.same_sentence(j, end + 1)
            && matches!(
                self.toks[end + 1].class,
                Class::Plain | Class::LongNumber | Class::IdLike
            )
            && self.toks[end + 1].s.len() <= 6
            && self.toks[end + 1].s.bytes().all(|b| b.is_ascii_digit())
        {
            end += 1;
        }
        self.remove_toks(j, end, kind, reason);
        true
    }

    fn user_value(&mut self, j: usize, strong: bool) -> bool {
        let t = &self.toks[j];
        let s = t.s;
        if !matches!(t.class, Class::Plain | Class::IdLike | Class::LongNumber)
            || !c::identifier_like(s)
        {
            return false;
        }
        if self.has(j, flag::STOP | flag::NEVER | flag::FILLER) {
            return false;
        }
        let mut buf = [0u8; 32];
        let l = lower(s, &mut buf).unwrap_or("");
        if c::is_cap_word(s) && !strong {
            if self.never_name(j) {
                return false;
            }
            let end = self.name_end(j);
            self.remove_toks(j, end, Kind::Name, "name after a user cue");
            return true;
        }
        let looks = strong
            || s.bytes()
                .any(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
            || self.login_from_name(l)
            || self.has(j, flag::GIVEN | flag::SURNAME);
        if looks {
            self.remove_toks(j, j, Kind::User, "user name after a cue");
        }
        looks
    }

    fn host_value(&mut self, j: usize, strong: bool) -> bool {
        let t = &self.toks[j];
        let s = t.s;
        if !matches!(t.class, Class::Plain | Class::IdLike | Class::LongNumber)
            || !c::identifier_like(s)
            || s.len() < 2
        {
            return false;
        }
        if self.has(j, flag::STOP | flag::NEVER | flag::FILLER) {
            return false;
        }
        let looks = strong
            || s.bytes()
                .any(|b| b.is_ascii_digit() || matches!(b, b'-' | b'_'));
        if looks {
            self.remove_toks(j, j, Kind::InternalHost, "host name after a cue");
        }
        looks
    }

    fn dob_value(&mut self, j: usize) -> bool {
        if self.toks[j].class == Class::Removed {
            return true;
        }
        if self.month_date(j) {
            return true;
        }
        let is_month = self.has(j, flag::MONTH);
        let year = |t: &Tok| t.s.len() == 4 && t.s.bytes().all(|b| b.is_ascii_digit());
        if self.toks[j].class == Class::Plain && is_month {
            let end = if j + 1 < self.toks.len()
                && year(&self.toks[j + 1])
                && self.toks[j + 1].class == Class::Plain
            {
                j + 1
            } else {
                j
            };
            self.remove_toks(j, end, Kind::Date, "date tied to a person");
            return true;
        }
        if self.toks[j].class == Class::Plain && year(&self.toks[j]) {
            self.remove_toks(j, j, Kind::Date, "date tied to a person");
            return true;
        }
        false
    }

    fn phone_value(&mut self, j: usize, fax: bool) -> bool {
        if self.toks[j].class == Class::Removed {
            if fax {
                self.rekind(j, Kind::Fax, "fax number after a cue");
            }
            return true;
        }
        let mut end = j;
        let mut total = 0;
        while end < self.toks.len()
            && end - j < 5
            && self.same_sentence(j, end)
            && matches!(self.toks[end].class, Class::Plain | Class::LongNumber)
            && self.toks[end]
                .s
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'+'))
            && c::digits(self.toks[end].s) > 0
        {
            total += c::digits(self.toks[end].s);
            end += 1;
        }
        if (7..=15).contains(&total) {
            let kind = if fax { Kind::Fax } else { Kind::Phone };
            self.remove_toks(j, end - 1, kind, "telephone number after a cue");
            return true;
        }
        false
    }

    fn day_number(s: &str) -> bool {
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
    fn month_date(&mut self, k: usize) -> bool {
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
    fn age_words(&mut self, k: usize) -> bool {
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

    fn street_address(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        let first = s.as_bytes()[0];
        if !(first.is_ascii_digit() || first == b'p' || first == b'P') {
            return false;
        }
        let mut buf = [0u8; 32];
        let l = self.lw(k, &mut buf).unwrap_or("");
        if l == "po" || l == "p.o" {
            let box_at = k + 1;
            if self.is_word(box_at, "box")
                && box_at + 1 < self.toks.len()
                && c::digits(self.toks[box_at + 1].s) > 0
            {
                self.remove_toks(k, box_at + 1, Kind::Address, "post office box");
                return true;
            }
            return false;
        }
        let d = s.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 6 || s.len() > d + 1 || self.toks[k].class != Class::Plain {
            return false;
        }
        let mut j = k + 1;
        let mut words = 0;
        while j < self.toks.len()
            && words < 5
            && self.same_sentence(k, j)
            && self.toks[j - 1].after == b' '
        {
            let t = self.toks[j].s;
            let mut b2 = [0u8; 32];
            let lw = lower(t, &mut b2).unwrap_or("");
            if words > 0 && self.has(j, flag::STREET) && (c::is_cap_word(t) || t.len() <= 4) {
                let mut end = j;
                let unit = self.has(j + 1, flag::UNIT);
                if unit && j + 2 < self.toks.len() && self.same_sentence(j, j + 2) {
                    end = j + 2;
                }
                self.remove_toks(k, end, Kind::Address, "street address");
                return true;
            }
            let directional = matches!(
                lw,
                "n" | "s"
                    | "e"
                    | "w"
                    | "ne"
                    | "nw"
                    | "se"
                    | "sw"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
            );
            let ordinal =
                Self::day_number(t) && t.len() > 2 || t.ends_with("th") && c::digits(t) > 0;
            if !(c::is_cap_word(t) || directional || ordinal) || self.toks[j].class != Class::Plain
            {
                return false;
            }
            words += 1;
            j += 1;
        }
        false
    }

    fn county(&mut self, k: usize) -> bool {
        for n in 1..=2 {
            let c_at = k + n;
            if c_at >= self.toks.len() {
                return false;
            }
            let t = self.toks[c_at].s;
            if matches!(t, "County" | "Parish" | "Borough") {
                let words_ok = (k..c_at)
                    .all(|i| self.toks[i].class == Class::Plain && c::is_cap_word(self.toks[i].s));
                if words_ok {
                    self.remove_toks(k, c_at, Kind::County, "county");
                    return true;
                }
                return false;
            }
        }
        false
    }

    /// Number of tokens of a state name or code at `k` (0 when none).
    fn state_len(&self, k: usize) -> usize {
        if k >= self.toks.len() || !self.toks[k].s.as_bytes()[0].is_ascii_uppercase() {
            return 0;
        }
        let s = self.toks[k].s;
        if s.len() == 2
            && s.bytes().all(|b| b.is_ascii_uppercase())
            && self.has(k, flag::STATE_CODE)
        {
            return 1;
        }
        if !self.has(k, flag::STATE_FIRST) {
            return 0;
        }
        for name in &self.v.state_names {
            let n = name.len();
            if k + n <= self.toks.len()
                && (0..n).all(|i| {
                    c::is_cap_word(self.toks[k + i].s)
                        && self.toks[k + i].s.eq_ignore_ascii_case(name[i])
                })
            {
                return n;
            }
        }
        0
    }

    fn is_state_at(&self, k: usize) -> bool {
        self.state_len(k) > 0
    }

    /// "Springfield, IL 62704", "Columbus, Ohio".
    fn city_state(&mut self, k: usize) -> bool {
        if self.toks[k].class != Class::Plain
            || !c::is_cap_word(self.toks[k].s)
            || self.never_name(k) && !self.is_word(k, "Saint")
        {
            return false;
        }
        let mut last = k;
        while self.toks[last].after != b',' {
            let n = last + 1;
            if n >= self.toks.len()
                || n - k >= 3
                || self.toks[last].after != b' '
                || self.toks[n].class != Class::Plain
                || !c::is_cap_word(self.toks[n].s)
            {
                return false;
            }
            last = n;
        }
        let state = last + 1;
        let n = self.state_len(state);
        if n == 0 || !self.same_sentence(k, state) {
            return false;
        }
        self.remove_toks(k, last, Kind::City, "city");
        self.zip_at(state + n);
        true
    }

    fn zip_at(&mut self, z: usize) -> bool {
        if z < self.toks.len() && matches!(self.toks[z].class, Class::Plain | Class::LongNumber) {
            let s = self.toks[z].s;
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            if (digits == 5 || digits == 9) && s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                self.remove_toks(z, z, Kind::Zip, "ZIP code after a state");
                return true;
            }
        }
        false
    }

    /// "IL 62704" without a city before it.
    fn state_zip(&mut self, k: usize) -> bool {
        let n = self.state_len(k);
        n > 0 && self.zip_at(k + n)
    }

    fn never_name(&self, k: usize) -> bool {
        self.has(k, flag::NEVER)
    }

    fn name_part(&self, k: usize) -> bool {
        k < self.toks.len()
            && self.toks[k].class == Class::Plain
            && (c::is_initial(self.toks[k].s) && self.toks[k].trail == b'.'
                || c::is_cap_word(self.toks[k].s) && !self.never_name(k))
    }

    /// The last token of a name starting at `k`: following capitalized words and initials,
    /// joined by spaces only, at most four in all.
    fn name_end(&self, k: usize) -> usize {
        let mut end = k;
        while end + 1 < self.toks.len()
            && end - k < 3
            && self.toks[end].after == b' '
            && self.same_sentence(k, end + 1)
        {
            let n = end + 1;
            let mut buf = [0u8; 32];
            let particle = self.lw(n, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "de" | "del"
                        | "van"
                        | "von"
                        | "da"
                        | "di"
                        | "bin"
                        | "al"
                        | "la"
                        | "le"
                        | "du"
                        | "ben"
                        | "ibn"
                )
            });
            if self.name_part(n) || particle && self.name_part(n + 1) {
                end = n;
            } else {
                break;
            }
        }
        end
    }

    fn known_name(&self, k: usize) -> (bool, bool, bool) {
        let mut given = self.has(k, flag::GIVEN);
        let mut sur = self.has(k, flag::SURNAME);
        let common = self.has(k, flag::COMMON);
        let t = self.toks[k].s;
        if !given && !sur && (t.contains('-') || t.contains('\'') || t.contains('’')) {
            let mut buf = [0u8; 32];
            let Some(l) = self.lw(k, &mut buf) else {
                return (false, false, false);
            };
            sur = l
                .split('-')
                .any(|p| self.v.surnames.contains(p) || self.v.given.contains(p));
            given = false;
            if !sur && (l.starts_with("o'") || l.starts_with("o’")) {
                sur = true;
            }
        }
        (given, sur, common)
    }

    fn name(&mut self, k: usize) -> bool {
        let t = self.toks[k].s;
        if self.toks[k].class != Class::Plain {
            return false;
        }
        // Initial and surname: "J. Smith".
        if c::is_initial(t)
            && self.toks[k].trail == b'.'
            && self.toks[k].after == b' '
            && self.name_part(k + 1)
            && self.same_sentence(k, k + 1)
        {
            let end = self.name_end(k);
            if end > k {
                self.remove_toks(k, end, Kind::Name, "initial and surname");
                return true;
            }
        }
        // "JOHN SMITH" in a header.
        if t.len() >= 2 && t.bytes().all(|b| b.is_ascii_uppercase()) {
            let (given, _, _) = self.known_name(k);
            if given
                && k + 1 < self.toks.len()
                && self.toks[k + 1].class == Class::Plain
                && self.toks[k + 1].s.bytes().all(|b| b.is_ascii_uppercase())
            {
                let (g2, s2, _) = self.known_name(k + 1);
                if g2 || s2 {
                    self.remove_toks(k, k + 1, Kind::Name, "name in capitals");
                    return true;
                }
            }
            return false;
        }
        if !c::is_cap_word(t) || self.never_name(k) {
            return false;
        }
        let (given, sur, common) = self.known_name(k);
        if !given && !sur {
            return false;
        }
        let next_is_name = self.name_part(k + 1) && self.toks[k].after == b' ' && {
            let (g, s, cm) = self.known_name(k + 1);
            (g || s) && !(cm && common)
                || c::is_initial(self.toks[k + 1].s) && self.name_part(k + 2)
        };
        let prev_is_given =
            k > 0 && self.toks[k - 1].class == Class::Plain && self.same_sentence(k - 1, k) && {
                let (g, _, cm) = self.known_name(k - 1);
                g && !cm
            };
        if common && !next_is_name && !prev_is_given {
            return false;
        }
        let mut start = k;
        if sur
            && k > 0
            && self.toks[k - 1].after == b' '
            && self.name_part(k - 1)
            && self.same_sentence(k - 1, k)
        {
            start = k - 1;
        }
        let end = self.name_end(k);
        self.remove_toks(start, end, Kind::Name, "known given name or surname");
        true
    }

    // ---------------------------------------------------------------- settle

    fn settle(&mut self) {
        for k in 0..self.toks.len() {
            match self.toks[k].class {
                Class::OutsideEmail => self.settle_email(k),
                Class::LongNumber => {
                    let counted = self.has(k + 1, flag::COUNT);
                    if counted {
                        self.toks[k].class = Class::Plain;
                    } else {
                        self.remove_toks(k, k, Kind::Id, "unexplained long number");
                    }
                }
                Class::IdLike => self.remove_toks(k, k, Kind::Id, "code shaped like an identifier"),
                _ => {}
            }
        }
    }

    fn settle_email(&mut self, k: usize) {
        const ATTACKER: &[&str] = &[
            "from",
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
        ];
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
        let mut verdict: Option<bool> = None;
        let mut j = k;
        while j > 0 && k - j < 10 && self.same_sentence(j - 1, k) {
            j -= 1;
            let mut buf = [0u8; 32];
            let Some(l) = self.lw(j, &mut buf) else {
                continue;
            };
            if PERSON.contains(&l) {
                verdict = Some(false);
                break;
            }
            // "from" and its like speak for the address only right before it.
            let near = matches!(
                l,
                "from" | "sent" | "contact" | "block" | "blocked" | "via" | "by"
            );
            if ATTACKER.iter().any(|a| l.starts_with(a)) && (!near || k - j <= 3) {
                verdict = Some(true);
                break;
            }
        }
        // Without a telling word, an address at a consumer mail provider is more likely a
        // person's than an attacker's infrastructure: it goes.
        let keep = verdict.unwrap_or_else(|| !self.webmail(k));
        if keep {
            self.protect(k, IndicatorKind::Email);
        } else {
            self.remove_toks(k, k, Kind::Email, "personal e-mail address");
        }
    }

    fn webmail(&self, k: usize) -> bool {
        let s = self.toks[k].s.to_ascii_lowercase();
        s.rsplit_once('@')
            .is_some_and(|(_, domain)| self.v.webmail.contains(domain))
    }

    fn finish(mut self, text: &str) -> Scrubbed {
        self.found.sort_by(|a, b| {
            a.original_span
                .start
                .cmp(&b.original_span.start)
                .then(b.original_span.end.cmp(&a.original_span.end))
        });
        let mut merged: Vec<Finding> = Vec::with_capacity(self.found.len());
        for f in self.found {
            match merged.last_mut() {
                Some(last) if f.original_span.start < last.original_span.end => {
                    last.original_span.end = last.original_span.end.max(f.original_span.end);
                }
                _ => merged.push(f),
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in &merged {
            out.push_str(&text[at..f.original_span.start]);
            out.push_str(f.placeholder);
            at = f.original_span.end;
        }
        out.push_str(&text[at..]);
        self.indicators.sort_by_key(|i| i.span.start);
        let indicators = self
            .indicators
            .into_iter()
            .filter(|i| {
                !merged.iter().any(|f| {
                    f.original_span.start < i.span.end && i.span.start < f.original_span.end
                })
            })
            .collect();
        Scrubbed {
            text: out,
            findings: merged,
            indicators,
        }
    }
}

/// What is left of a name for comparing: its letters and digits, lowercased. Spaces of any
/// kind, hyphens, zero-width characters and punctuation go.
pub(crate) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `word` without a trailing possessive `'s` (straight or curly apostrophe).
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("'S"))
        .unwrap_or(word)
}

/// Matches the squashed `token` against `name` from byte `pos`: the position after it when
/// all of the token's letters and digits continue the name (a token of punctuation only
/// continues it without moving), else `None`.
fn eat(name: &str, pos: usize, token: &str) -> Option<usize> {
    let mut rest = name.get(pos..)?.chars();
    let mut at = pos;
    for c in token
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        if rest.next()? != c {
            return None;
        }
        at += c.len_utf8();
    }
    Some(at)
}
