//! A public address can be a person's own rather than an attacker's: the home connection a
//! staff member's VPN or remote-desktop session came from, the address a patient joined a
//! telehealth visit from. Its shape alone makes it an indicator (`shapes.rs`); this pass
//! reads its role in the record. An address is a person's when the record names it as the
//! client of one user's session — `user=... src=ADDR` on a VPN log line, the client address
//! column of a session table that has a user column, an `"ip"` inside a JSON `"patient"`
//! object — and nothing in the document speaks for an attacker: the address appears nowhere
//! else (an analyst's note about it, a second user from the same address), and the session
//! did not come from an attacker's toolkit (a client named `kali`).

use super::keys::{json_key_before, json_parent_key};
use super::{Class, Engine};
use crate::classify as c;
use crate::Kind;

const REASON: &str = "a person's own public address (the client of their session)";

/// A candidate: the token of the address and the user of the session (lowercase), or an
/// empty string when the record names none (a patient object).
pub(super) struct ClientAddress {
    pub(super) tok: usize,
    pub(super) user: String,
    /// The record says the session came from an attacker's machine.
    pub(super) attacker: bool,
}

/// The public IPv4 address at the head of a firewall's connection end written as address,
/// port and interface (`198.51.100.7:443:X1`), when token `s` is one.
pub(super) fn tuple_address(s: &str) -> Option<&str> {
    let mut parts = s.split(':');
    let addr = parts.next()?;
    let port = parts.next()?;
    let more = parts.next()?;
    let ok = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && !more.is_empty()
        && c::ipv4(addr) == Some(c::Reach::Public);
    ok.then_some(addr)
}

/// Keys that hold the client address of a session.
fn client_key(key: &str) -> bool {
    let k = super::keys::squash_key(key);
    matches!(
        k.as_str(),
        "ip" | "ipaddress"
            | "src"
            | "srcip"
            | "source"
            | "sourceip"
            | "sourceaddress"
            | "clientip"
            | "clientaddress"
            | "remoteip"
            | "remoteaddr"
            | "remoteaddress"
            | "publicip"
            | "ipaddr"
            | "callingstationid"
    )
}

/// The columns of a comma-separated header line that hold a session's client address and
/// its user (`id,created_at,event_type,user_name,ipaddr`), when it has both.
fn csv_sign_in_header(line: &str) -> Option<(usize, usize)> {
    if line.len() > 1024 || line.matches(',').count() < 2 {
        return None;
    }
    let (mut ip, mut user) = (None, None);
    for (i, cell) in line.trim_end().split(',').enumerate() {
        let cell = cell.trim().trim_matches('"');
        if cell.is_empty()
            || cell
                .bytes()
                .any(|b| b.is_ascii_digit() && b != b'6' && b != b'4')
        {
            continue;
        }
        let k = super::keys::squash_key(cell);
        // A table that shows where each sign-in came from is read for sign-ins from
        // unexpected places: its public addresses are left to the indicator reading.
        if matches!(
            k.as_str(),
            "location" | "country" | "city" | "geo" | "geolocation" | "region" | "countrycode"
        ) {
            return None;
        }
        if ip.is_none() && client_key(&k) {
            ip = Some(i);
        } else if user.is_none()
            && matches!(
                k.as_str(),
                "user" | "username" | "userprincipalname" | "upn" | "login" | "account"
                    // A password manager's event export (`date,type,member,device,ip`).
                    | "member"
            )
        {
            user = Some(i);
        }
    }
    Some((ip?, user?))
}

/// The user of a comma-separated sign-in row whose address cell is column `ip` and whose
/// user cell is column `user`, lowercase, when the row records a sign-in that went through
/// (`success`, `logged_in`, `logged_into`, `signed_in`) and nothing in it failed or was
/// refused.
fn csv_sign_in_user(row: &str, at: usize, ip: usize, user: usize) -> Option<String> {
    if row.len() > 4096 || row.get(..at)?.matches(',').count() != ip {
        return None;
    }
    let lower = row.to_ascii_lowercase();
    const BAD: &[&str] = &[
        "fail",
        "reject",
        "denied",
        "deny",
        "invalid",
        "block",
        "lock",
        "suspicious",
        "risk",
    ];
    // A sign-in that went through, or an action only a signed-in session takes (a vault's
    // item viewed, copied or edited).
    const GOOD: &[&str] = &[
        "success",
        "logged_in",
        "logged_into",
        "signed_in",
        "loggedin",
        "logged in",
        "signed in",
        "viewed item",
        "copied password",
        "edited item",
    ];
    if BAD.iter().any(|b| lower.contains(b)) || !GOOD.iter().any(|g| lower.contains(g)) {
        return None;
    }
    let cell = row.split(',').nth(user)?.trim().trim_matches('"');
    (!cell.is_empty() && cell.len() <= 64).then(|| cell.to_lowercase())
}

/// JSON objects that describe a person taking part in a session.
fn person_object(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().as_str(),
        "patient" | "member" | "guest" | "participant" | "attendee" | "caller" | "subscriber"
    )
}

/// Host names of attackers' toolkits, as a session's client name shows them.
pub(super) fn attacker_client(name: &str) -> bool {
    matches!(
        name.trim().to_ascii_lowercase().as_str(),
        "kali" | "parrot" | "blackarch" | "pentest" | "attacker"
    )
}

/// The span of the JSON record (an object that is an element of an array or opens a line)
/// around `at`,
/// read within a bounded window; braces inside strings are skipped.
fn json_record(text: &str, at: usize) -> Option<(usize, usize)> {
    const WINDOW: usize = 4096;
    let b = text.as_bytes();
    // `at` is the first byte of a quoted value: start outside the string.
    let mut i = at.checked_sub(1)?;
    let floor = i.saturating_sub(WINDOW);
    let (mut depth, mut in_str) = (0usize, false);
    let open = loop {
        if i <= floor {
            return None;
        }
        i -= 1;
        let ch = b[i];
        if ch == b'"' && (i == 0 || b[i - 1] != b'\\') {
            in_str = !in_str;
            continue;
        }
        if in_str {
            continue;
        }
        match ch {
            b'}' | b']' => depth += 1,
            b'[' if depth == 0 => return None,
            b'{' | b'[' if depth > 0 => depth -= 1,
            b'{' => {
                let prev = text[..i].trim_end().bytes().last();
                // An element of an array, or a line of JSON Lines (one record a line).
                let line_open = text[..i]
                    .rsplit('\n')
                    .next()
                    .is_none_or(|l| l.trim().is_empty());
                if matches!(prev, Some(b'[' | b',')) || line_open {
                    break i;
                }
            }
            _ => {}
        }
    };
    let ceil = (open + 2 * WINDOW).min(b.len());
    let (mut depth, mut in_str) = (0usize, false);
    let mut j = open;
    while j < ceil {
        let ch = b[j];
        if ch == b'"' && (j == 0 || b[j - 1] != b'\\') {
            in_str = !in_str;
        } else if !in_str {
            match ch {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some((open, j + 1));
                    }
                }
                _ => {}
            }
        }
        j += 1;
    }
    None
}

/// The `"key": "value"` string pairs of a JSON record (keys lowercase-squashed), plus
/// `"key": number` pairs with the number as the value.
fn record_pairs(record: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = record[from..].find("\":").map(|p| from + p) {
        from = p + 2;
        let Some(open) = record[..p].rfind('"') else {
            continue;
        };
        let key = &record[open + 1..p];
        if key.len() > 40 {
            continue;
        }
        let rest = record[p + 2..].trim_start();
        let value = if let Some(v) = rest.strip_prefix('"') {
            v.find('"').map_or(v, |e| &v[..e])
        } else {
            let e = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
                .unwrap_or(rest.len());
            &rest[..e]
        };
        out.push((super::keys::squash_key(key), value));
    }
    out
}

/// The user of a comma-separated VPN gateway row whose public address cell at `at..end` is
/// the client of a successful session: the cell before it names the user, a cell before
/// that says `success`, and the cell after it is the internal address the tunnel assigned.
/// Failed attempts get no tunnel address and are left to the indicator reading.
fn csv_tunnel_user(line: &str, at: usize, end: usize) -> Option<String> {
    let before = line.get(..at)?.strip_suffix(',')?;
    let (head, user) = before.rsplit_once(',')?;
    if user.is_empty()
        || user.len() > 64
        || user.contains(' ')
        || !user.chars().any(char::is_alphabetic)
    {
        return None;
    }
    let ok = head.rsplit(',').take(4).any(|cell| {
        matches!(
            cell.trim().to_ascii_lowercase().as_str(),
            "success" | "succeeded"
        )
    });
    let after = line.get(end..)?.strip_prefix(',')?;
    let tunnel = after.split(',').next()?.trim();
    (ok && c::ipv4(tunnel) == Some(c::Reach::Internal)).then(|| user.to_lowercase())
}

/// Whom a document's account-takeover marks (a password reset, a second factor removed, a
/// stolen token) concern: a successful sign-in of such a user may be the intruder's own, and
/// its address stays an indicator. Marks inside JSON records name their users (actor and
/// target alike); a mark outside any record, or in one that names nobody, concerns everyone.
enum Takeover {
    Nobody,
    Users(Vec<String>),
    Everyone,
}

impl Takeover {
    fn of(text: &str) -> Takeover {
        const MARKS: &[&str] = &[
            "reset_password",
            "password.reset",
            "passwordreset",
            "factor.deactivate",
            "factor.reset",
            "factor.delete",
            "token theft",
            "stolen token",
            "session hijack",
            "takeover",
            "target user",
        ];
        // Past this many marks the document is about takeovers as a whole.
        const MAX_MARKS: usize = 64;
        let lower = text.to_ascii_lowercase();
        let mut users: Vec<String> = Vec::new();
        let mut marks = 0;
        for m in MARKS {
            let mut from = 0;
            while let Some(p) = lower[from..].find(m).map(|p| from + p) {
                from = p + m.len();
                marks += 1;
                if marks > MAX_MARKS {
                    return Takeover::Everyone;
                }
                // The record is read from the opening quote of the string holding the mark.
                let named = lower[..p]
                    .rfind('"')
                    .and_then(|q| json_record(text, q + 1))
                    .map(|(s, e)| record_users(&text[s..e]))
                    .unwrap_or_default();
                if named.is_empty() {
                    return Takeover::Everyone;
                }
                for u in named {
                    if !users.contains(&u) {
                        users.push(u);
                    }
                }
            }
        }
        if users.is_empty() {
            Takeover::Nobody
        } else {
            Takeover::Users(users)
        }
    }

    fn concerns(&self, user: &str) -> bool {
        match self {
            Takeover::Nobody => false,
            Takeover::Users(users) => users.iter().any(|u| u == user),
            Takeover::Everyone => true,
        }
    }
}

/// Whether a squashed JSON key names a user account.
fn user_key(key: &str) -> bool {
    matches!(
        key,
        "alternateid" | "userprincipalname" | "username" | "user" | "login" | "upn"
    )
}

/// Every user a JSON record names (its actor's and its targets'), lowercase.
fn record_users(record: &str) -> Vec<String> {
    record_pairs(record)
        .into_iter()
        .filter(|(key, value)| user_key(key) && !value.is_empty())
        .map(|(_, value)| value.to_lowercase())
        .collect()
}

/// The user of a JSON sign-in record around the address at `at`, lowercase, when the record
/// says the sign-in succeeded and nothing in it flags the session: an identity provider's log
/// of a staff member's or patient's own routine sign-ins, whose client address is their home
/// or phone connection. Failed attempts, blocked or risky sessions and scripted clients are
/// left to the indicator reading.
fn successful_sign_in(text: &str, at: usize) -> Option<String> {
    let (s, e) = json_record(text, at)?;
    let pairs = record_pairs(&text[s..e]);
    let mut success = false;
    // A directory service's event (JumpCloud's `"event_type": "sso_auth"`, `"success":
    // true`): a sign-in event that says it succeeded by a flag.
    let (mut flagged_ok, mut sign_in_event) = (false, false);
    let mut user: Option<&str> = None;
    for (key, value) in &pairs {
        let v = value.to_ascii_lowercase();
        const FLAGS: &[&str] = &[
            "fail",
            "wrong",
            "invalid",
            "denied",
            "deny",
            "block",
            "reject",
            "malicious",
            "suspicious",
            "python",
            "curl",
            "anomal",
            "brute",
            "spray",
            "attack",
            "compromis",
            "impossible",
            "locked",
        ];
        if FLAGS.iter().any(|f| v.contains(f))
            || (key.contains("risk") && matches!(v.as_str(), "high" | "medium"))
        {
            return None;
        }
        match key.as_str() {
            "result" | "outcome" | "status" | "description" | "resulttype"
                if v == "success" || v == "succeeded" || v.starts_with("successful") =>
            {
                success = true;
            }
            "errorcode" if v == "0" => success = true,
            "success" | "succeeded" if v == "true" => flagged_ok = true,
            "eventtype" | "event" | "type" | "action" | "eventname"
                if ["auth", "login", "signin", "sign_in", "logon"]
                    .iter()
                    .any(|w| v.contains(w)) =>
            {
                sign_in_event = true;
            }
            k if user_key(k) && user.is_none() && !value.is_empty() => {
                user = Some(value);
            }
            _ => {}
        }
    }
    if success || flagged_ok && sign_in_event {
        user.map(str::to_lowercase)
    } else {
        None
    }
}

impl Engine<'_> {
    pub(super) fn public_address(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.class == Class::Protected
            && (c::ipv4(t.s) == Some(c::Reach::Public)
                || c::ipv6(t.s) == Some(c::Reach::Public)
                || tuple_address(t.s).is_some())
    }

    /// A public address the log names as a user's own by what it says of it: the address
    /// a block was lifted from (`Unban ADDR`, `unbanned ADDR`), the user's, named nowhere
    /// as found or banned; or the address a named user's sign-in came from, on a line that
    /// says it was accepted (`user [jdoe@CORP] from ADDR was accepted`). `Some("")` for an
    /// unban (the user is unnamed), the user lowercase for a sign-in.
    fn lifted_or_accepted_client(
        &self,
        k: usize,
        line_start: usize,
        line_end: usize,
    ) -> Option<String> {
        const WINDOW: usize = 256;
        if k == 0 || self.toks[k - 1].start < line_start {
            return None;
        }
        let prev = self.toks[k - 1].s;
        if ["unban", "unbanned", "unblocked"]
            .iter()
            .any(|w| prev.eq_ignore_ascii_case(w))
        {
            return Some(String::new());
        }
        // `from ADDR`, or a session broker's `client ADDR` (VMware Horizon's `User
        // CORP\jdoe has logged in to a new session on machine WS7; client ADDR`).
        if !prev.eq_ignore_ascii_case("from") && !prev.eq_ignore_ascii_case("client") {
            return None;
        }
        let (at, end) = (self.toks[k].start, self.toks[k].end);
        let from =
            super::settle::floor_boundary(self.text, at.saturating_sub(WINDOW).max(line_start));
        let to = super::settle::floor_boundary(self.text, (end + WINDOW).min(line_end));
        let head = self.lowered.get(from..at)?;
        let tail = self.lowered.get(end..to)?;
        const BAD: &[&str] = &[
            "fail", "denied", "reject", "invalid", "block", "lock", "deny",
        ];
        if BAD.iter().any(|b| head.contains(b) || tail.contains(b)) {
            return None;
        }
        let accepted = ["accepted", "succeeded", "successful"].iter().any(|w| {
            tail.split(|ch: char| !ch.is_ascii_alphabetic())
                .any(|x| x == *w)
        }) || ["has logged in", "has logged on", "has signed in"]
            .iter()
            .any(|w| head.contains(w));
        if !accepted {
            return None;
        }
        // The user: the word after the last `user` before the address.
        let u = head.rfind("user ")?;
        let name: String = head[u + 5..]
            .trim_start_matches([' ', '[', '"', '\''])
            .chars()
            .take_while(|ch| !matches!(ch, ']' | '"' | '\'' | ' ' | ',' | ';'))
            .collect();
        (!name.is_empty() && name.len() <= 64).then_some(name)
    }

    /// The user named by a `user=` key on the line `line_start..line_end`, lowercase.
    fn line_user(&self, line_start: usize, line_end: usize) -> Option<String> {
        let line = &self.text[line_start..line_end];
        // `user=`, `srcuser=`, and SonicWall's `usr=`.
        for needle in ["user", "usr"] {
            if let Some(u) = keyed_user(line, needle) {
                return Some(u);
            }
        }
        None
    }
}

/// The value of the first key on `line` that ends in `needle` (`user`, `usr`), lowercase.
fn keyed_user(line: &str, needle: &str) -> Option<String> {
    let n = needle.len();
    let mut from = 0;
    while let Some(p) = line[from..].find(needle).map(|p| from + p) {
        from = p + n;
        let key_start = line[..p]
            .bytes()
            .rposition(|c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.'))
            .map_or(0, |q| q + 1);
        let key = &line[key_start..p + n];
        let rest = line[p + n..].trim_start_matches(['"', ' ']);
        let Some(rest) = rest.strip_prefix(['=', ':']) else {
            continue;
        };
        if !key.to_ascii_lowercase().ends_with(needle) {
            continue;
        }
        let v: String = rest
            .trim_start_matches(['"', ' '])
            .chars()
            .take_while(|ch| !matches!(ch, '"' | ' ' | ',' | ';' | '}'))
            .collect();
        if !v.is_empty() {
            return Some(v.to_lowercase());
        }
    }
    None
}

impl Engine<'_> {
    /// Public addresses named as the client of a user's session on a key=value line or in a
    /// patient's JSON object.
    fn keyed_client_addresses(&mut self) {
        let text = self.text;
        let mut k = 0;
        let mut takeover: Option<Takeover> = None;
        // The address and user columns of the comma-separated table being read, if any.
        let mut csv: Option<(usize, usize)> = None;
        for (start, line) in self.lines() {
            let end = start + line.len();
            let mut user: Option<Option<String>> = None;
            if line.trim().is_empty() {
                csv = None;
            } else if let Some(cols) = csv_sign_in_header(line) {
                csv = Some(cols);
            }
            while k < self.toks.len() && self.toks[k].start < end {
                if self.public_address(k) {
                    let at = self.toks[k].start;
                    let row_user =
                        csv.and_then(|(ip, u)| csv_sign_in_user(line, at - start, ip, u));
                    if let Some(u) = row_user {
                        self.client_addresses.push(ClientAddress {
                            tok: k,
                            user: u,
                            attacker: false,
                        });
                    } else if let Some(u) = self.lifted_or_accepted_client(k, start, end) {
                        self.client_addresses.push(ClientAddress {
                            tok: k,
                            user: u,
                            attacker: false,
                        });
                    } else if let Some((_, key)) = json_key_before(text, at) {
                        if client_key(key)
                            && json_parent_key(text, at, true).is_some_and(person_object)
                        {
                            self.client_addresses.push(ClientAddress {
                                tok: k,
                                user: String::new(),
                                attacker: false,
                            });
                        } else if client_key(key) {
                            if let Some(u) = successful_sign_in(text, at) {
                                let scope = takeover.get_or_insert_with(|| Takeover::of(text));
                                if !scope.concerns(&u) {
                                    self.client_addresses.push(ClientAddress {
                                        tok: k,
                                        user: u,
                                        attacker: false,
                                    });
                                }
                            }
                        }
                    } else if let Some(key) = text[start..at]
                        .strip_suffix('=')
                        .or_else(|| text[start..at].strip_suffix("=\""))
                    {
                        let key_start = key
                            .bytes()
                            .rposition(|c| !(c.is_ascii_alphanumeric() || c == b'_'))
                            .map_or(0, |q| q + 1);
                        if client_key(&key[key_start..]) {
                            let u = user.get_or_insert_with(|| self.line_user(start, end));
                            if let Some(u) = u.clone() {
                                self.client_addresses.push(ClientAddress {
                                    tok: k,
                                    user: u,
                                    attacker: false,
                                });
                            }
                        }
                    } else if let Some(u) =
                        csv_tunnel_user(&text[start..end], at - start, self.toks[k].end - start)
                    {
                        self.client_addresses.push(ClientAddress {
                            tok: k,
                            user: u,
                            attacker: false,
                        });
                    }
                }
                k += 1;
            }
        }
    }

    /// Decides every candidate client address: a person's unless the document speaks for an
    /// attacker (the address elsewhere, a second user from it, an attacker's client).
    pub(super) fn personal_addresses(&mut self) {
        // Only a document with a public address has anything to decide.
        let public = self.indicators.iter().any(|i| {
            matches!(
                i.kind,
                crate::IndicatorKind::Ipv4 | crate::IndicatorKind::Ipv6
            )
        });
        if !public {
            self.client_addresses.clear();
            return;
        }
        self.keyed_client_addresses();
        let cands = std::mem::take(&mut self.client_addresses);
        if cands.is_empty() {
            return;
        }
        let mut by_address: foldhash::HashMap<&str, (usize, Vec<&str>, bool)> =
            foldhash::HashMap::default();
        for cand in &cands {
            let e = by_address
                .entry(self.toks[cand.tok].s)
                .or_insert((0, Vec::new(), false));
            e.0 += 1;
            if !e.1.contains(&cand.user.as_str()) {
                e.1.push(&cand.user);
            }
            e.2 |= cand.attacker;
        }
        let mut mentions: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        for t in &self.toks {
            if let Some(n) = mentions.get_mut(t.s) {
                *n += 1;
            } else if by_address.contains_key(t.s) {
                mentions.insert(t.s, 1);
            }
        }
        let personal: Vec<usize> = cands
            .iter()
            .filter(|cand| {
                let s = self.toks[cand.tok].s;
                let (records, users, attacker) = &by_address[s];
                !attacker && users.len() == 1 && mentions.get(s) == Some(records)
            })
            .map(|cand| cand.tok)
            .collect();
        // One pass over the indicators for all of them (a pass for each address was
        // quadratic in a sign-in log's own addresses).
        let mut dropped: foldhash::HashSet<(usize, usize)> = foldhash::HashSet::default();
        for k in personal {
            if self.toks[k].class == Class::Protected {
                let (s, e) = (self.toks[k].start, self.toks[k].end);
                dropped.insert((s, e));
                if let Some(addr) = tuple_address(self.toks[k].s) {
                    // Only the address of `ADDR:port:interface` goes.
                    let index = self.found.len();
                    self.toks[k].class = Class::Removed;
                    self.toks[k].finding = index;
                    self.remove(s, s + addr.len(), Kind::PersonalIp, REASON);
                } else {
                    self.remove_toks(k, k, Kind::PersonalIp, REASON);
                }
            }
        }
        if !dropped.is_empty() {
            self.indicators
                .retain(|i| !dropped.contains(&(i.span.start, i.span.end)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn a_key_after_a_letter_of_another_script_is_read_without_a_panic() {
        // The key's start is found after the last byte that is no key letter: a multi-byte
        // letter right before the key ends there, not inside itself.
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        for text in [
            "ref 12 \u{fffd}src=203.0.113.77 done\n",
            "é\u{fffd}=203.0.113.77\n",
            "ключuser=анна src=203.0.113.77\n",
        ] {
            let out = s.scrub_text(text).text;
            assert!(
                out.contains("203.0.113.77") || out.contains("[PERSONAL-IP]"),
                "{out:?}"
            );
        }
        check(&[(
            "vpn: ü user=\"tqarlsen\" src=203.0.113.77 status=login\n",
            "vpn: ü user=\"[USER]\" src=[PERSONAL-IP] status=login\n",
        )]);
    }

    #[test]
    fn a_vpn_users_home_address_goes_an_address_with_two_users_stays() {
        check(&[
            (
                "vpn: user=\"tqarlsen\" src=203.0.113.77 assigned=10.8.0.5 status=login\n",
                "vpn: user=\"[USER]\" src=[PERSONAL-IP] assigned=[INTERNAL-IP] status=login\n",
            ),
            // A remote-desktop table: the client address column of a user's session.
            (
                "User | Client name | Client IP | Server\n\
                 CORP\\qfenwick | FENWICK-HOME | 198.51.100.9 | RDSH-04\n\
                 CORP\\tmarsh | kali | 198.51.100.44 | RDSH-04\n",
                "User | Client name | Client IP | Server\n\
                 [USER] | [INTERNAL-HOST] | [PERSONAL-IP] | [INTERNAL-HOST]\n\
                 [USER] | kali | 198.51.100.44 | [INTERNAL-HOST]\n",
            ),
            (
                "vpn: user=\"tqarlsen\" src=203.0.113.77 status=mfa_fail\n\
                 vpn: user=\"bwendel\" src=203.0.113.77 status=mfa_fail\n",
                "vpn: user=\"[USER]\" src=203.0.113.77 status=mfa_fail\n\
                 vpn: user=\"[USER]\" src=203.0.113.77 status=mfa_fail\n",
            ),
            // The analyst names the address: it is the attacker's.
            (
                "vpn: user=\"tqarlsen\" src=203.0.113.77 status=login\n\
                 203.0.113.77 is a known proxy exit.\n",
                "vpn: user=\"[USER]\" src=203.0.113.77 status=login\n\
                 203.0.113.77 is a known proxy exit.\n",
            ),
        ]);
    }

    #[test]
    fn a_patients_telehealth_address_goes_a_bare_client_stays() {
        check(&[
            (
                r#"{"event":"join","patient":{"visit":"v1","ip":"198.51.100.23"}}"#,
                r#"{"event":"join","patient":{"visit":"v1","ip":"[PERSONAL-IP]"}}"#,
            ),
            (
                r#"{"event":"join","patient":{"visit":"v1"},"ip":"198.51.100.23"}"#,
                r#"{"event":"join","patient":{"visit":"v1"},"ip":"198.51.100.23"}"#,
            ),
        ]);
    }

    #[test]
    fn a_users_own_successful_sign_in_address_goes_a_failed_or_taken_over_one_stays() {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let log = |result: &str, agent: &str, event: &str| {
            format!(
                "[\n  {{\n    \"eventType\": \"{event}\",\n    \"actor\": {{ \"alternateId\": \
                 \"wbranagh@clinic.example\" }},\n    \"client\": {{\n      \"ipAddress\": \
                 \"198.51.100.61\",\n      \"userAgent\": \"{agent}\"\n    }},\n    \
                 \"outcome\": {{ \"result\": \"{result}\" }}\n  }},\n  {{\n    \"eventType\": \
                 \"user.session.start\",\n    \"actor\": {{ \"alternateId\": \
                 \"ofarrow@clinic.example\" }},\n    \"client\": {{ \"ipAddress\": \
                 \"203.0.113.200\" }},\n    \"outcome\": {{ \"result\": \"FAILURE\" }}\n  }}\n]\n"
            )
        };
        // The user's own routine sign-in: its address is theirs.
        let out = s
            .scrub_text(&log("SUCCESS", "Mozilla/5.0", "user.session.start"))
            .text;
        assert!(!out.contains("198.51.100.61"), "{out}");
        // The failed attempt from another address is the attacker's and stays.
        assert!(out.contains("203.0.113.200"), "{out}");
        // A failed sign-in, a scripted client, or a log of an account takeover: kept.
        for text in [
            log("FAILURE", "Mozilla/5.0", "user.session.start"),
            log("SUCCESS", "python-requests/2.31", "user.session.start"),
            log("SUCCESS", "Mozilla/5.0", "user.account.reset_password"),
        ] {
            let out = s.scrub_text(&text).text;
            assert!(out.contains("198.51.100.61"), "{out}");
        }
        // A graph sign-in list: error code 0 is a success.
        // Another user's password reset in the same log does not make this user's routine
        // sign-in the intruder's: only the users the reset names are in doubt.
        let reset_other = log("SUCCESS", "Mozilla/5.0", "user.session.start").replacen(
            "[\n",
            "[\n  {\"eventType\": \"user.account.reset_password\", \"actor\": \
             {\"alternateId\": \"helpdesk@clinic.example\"}, \"target\": [{\"alternateId\": \
             \"ofarrow@clinic.example\"}]},\n",
            1,
        );
        let out = s.scrub_text(&reset_other).text;
        assert!(!out.contains("198.51.100.61"), "{out}");
        // The reset's target signing in afterwards is in doubt: kept.
        let reset_same =
            reset_other.replace("ofarrow@clinic.example\"}]", "wbranagh@clinic.example\"}]");
        let out = s.scrub_text(&reset_same).text;
        assert!(out.contains("198.51.100.61"), "{out}");
        // A takeover named in free text concerns every sign-in of the document.
        let prose = format!(
            "Account takeover suspected.\n{}",
            log("SUCCESS", "Mozilla/5.0", "user.session.start")
        );
        let out = s.scrub_text(&prose).text;
        assert!(out.contains("198.51.100.61"), "{out}");
        let graph = "{\"value\": [\n  {\"userPrincipalName\": \"tquill@clinic.example\", \
                     \"ipAddress\": \"198.51.100.62\", \"status\": {\"errorCode\": 0}},\n  \
                     {\"userPrincipalName\": \"rmoss@clinic.example\", \"ipAddress\": \
                     \"198.51.100.63\", \"status\": {\"errorCode\": 50126}}\n]}\n";
        let out = s.scrub_text(graph).text;
        assert!(!out.contains("198.51.100.62"), "{out}");
        assert!(out.contains("198.51.100.63"), "{out}");
    }

    #[test]
    fn an_unbanned_or_accepted_users_address_goes_a_banned_one_stays() {
        check(&[
            // Only ever unbanned: the block on a user's own connection was lifted.
            (
                "f2b.actions [90]: NOTICE [sshd] Unban 198.51.100.14\n\
                 f2b.filter [90]: INFO [sshd] Found 203.0.113.50\n\
                 f2b.actions [90]: NOTICE [sshd] Ban 203.0.113.50\n\
                 f2b.actions [90]: NOTICE [sshd] Unban 203.0.113.50\n",
                "f2b.actions [90]: NOTICE [sshd] Unban [PERSONAL-IP]\n\
                 f2b.filter [90]: INFO [sshd] Found 203.0.113.50\n\
                 f2b.actions [90]: NOTICE [sshd] Ban 203.0.113.50\n\
                 f2b.actions [90]: NOTICE [sshd] Unban 203.0.113.50\n",
            ),
            (
                "gw: Authentication of VPN user [qharlow@CLIN] from 198.51.100.15 was accepted\n\
                 gw: Authentication of VPN user [admin@CLIN] from 203.0.113.51 was rejected\n",
                "gw: Authentication of VPN user [[USER]] from [PERSONAL-IP] was accepted\n\
                 gw: Authentication of VPN user [[USER]] from 203.0.113.51 was rejected\n",
            ),
            // A firewall's connection end: the address of a user's VPN login goes, its port
            // and interface stay; the same shape with no user stays whole.
            (
                "msg=\"remote user login allowed\" src=198.51.100.16:0:X1 usr=\"qharlow\"\n\
                 msg=\"blocked\" src=203.0.113.52:0:X1\n",
                "msg=\"remote user login allowed\" src=[PERSONAL-IP]:0:X1 usr=\"[USER]\"\n\
                 msg=\"blocked\" src=203.0.113.52:0:X1\n",
            ),
        ]);
    }

    #[test]
    fn a_sign_in_tables_successful_rows_lose_their_address() {
        check(&[(
            "id,when,event_type,user_name,ipaddr,app\n\
             11,2026-01-02,USER_LOGGED_INTO_APP,qharlow,198.51.100.17,Payroll\n\
             12,2026-01-02,USER_REJECTED_MFA,qharlow,203.0.113.53,Payroll\n",
            "id,when,event_type,user_name,ipaddr,app\n\
             11,[DATE],USER_LOGGED_INTO_APP,[USER],[PERSONAL-IP],Payroll\n\
             12,[DATE],USER_REJECTED_MFA,[USER],203.0.113.53,Payroll\n",
        )]);
        // With a location column the table is read for sign-ins from odd places: kept.
        check(&[(
            "when,user_name,status,ip_address,location\n\
             2026-01-02,qharlow,Success,198.51.100.18,\"Lisbon, PT\"\n",
            "when,user_name,status,ip_address,location\n\
             [DATE],[USER],Success,198.51.100.18,\"Lisbon, PT\"\n",
        )]);
    }

    #[test]
    fn a_vpn_rows_client_address_goes_when_the_tunnel_was_assigned() {
        check(&[(
            "2026-03-02 08:01:10,gw01,VPN,gateway-auth,success,corp\\hbellamy,198.51.100.71,10.20.1.5,Windows 11\n\
             2026-03-02 08:03:44,gw01,VPN,gateway-auth,failure,admin,203.0.113.90,,Authentication failed\n",
            "[DATE] 08:01:10,[INTERNAL-HOST],VPN,gateway-auth,success,[USER],[PERSONAL-IP],[INTERNAL-IP],Windows 11\n\
             [DATE] 08:03:44,[INTERNAL-HOST],VPN,gateway-auth,failure,admin,203.0.113.90,,Authentication failed\n",
        )]);
    }

    #[test]
    fn a_directory_services_successful_sign_in_event_names_a_persons_address() {
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text(
                "{\"event_type\": \"sso_auth\", \"initiated_by\": {\"username\": \"qzmorrow\"}, \
                 \"client_ip\": \"198.51.100.77\", \"success\": true}\n\
                 {\"event_type\": \"user_update\", \"initiated_by\": {\"username\": \"qzvale\"}, \
                 \"client_ip\": \"203.0.113.91\", \"success\": true}\n\
                 {\"event_type\": \"sso_auth\", \"initiated_by\": {\"username\": \"qzlark\"}, \
                 \"client_ip\": \"203.0.113.92\", \"success\": false}\n",
            )
            .text;
        assert!(!out.contains("198.51.100.77"), "{out:?}");
        // Not a sign-in, or a failed one: the address stays an indicator.
        assert!(out.contains("203.0.113.91"), "{out:?}");
        assert!(out.contains("203.0.113.92"), "{out:?}");
    }

    #[test]
    fn a_vault_event_exports_member_address_of_a_session_action() {
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text(
                "date,type,member,device,ip\n\
                 2031-02-03T10:00:01Z,Viewed item,qzmorrow@example.org,Web Vault,198.51.100.78\n\
                 2031-02-03T10:05:01Z,Failed login,qzvale@example.org,Web Vault,203.0.113.93\n",
            )
            .text;
        assert!(!out.contains("198.51.100.78"), "{out:?}");
        // A failed sign-in's address stays an indicator.
        assert!(out.contains("203.0.113.93"), "{out:?}");
    }

    #[test]
    fn a_session_brokers_client_of_a_logged_in_user_is_their_own() {
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text(
                "Time,Severity,Module,Message\n\
                 03/24/2031 19:34,INFO,Broker,\"User QX\\qzmorrow has logged in to a new session on \
                 machine QXWS0133; client 198.51.100.79 (home)\"\n\
                 03/24/2031 19:35,WARNING,Broker,\"User QX\\qzvale failed to log in; client 203.0.113.94\"\n",
            )
            .text;
        assert!(!out.contains("198.51.100.79"), "{out:?}");
        assert!(out.contains("203.0.113.94"), "{out:?}");
    }
}
