//! Log lines: a value named by its key (`TargetUserName=jdoe`, `"user.name":"jdoe"`,
//! `<Data Name="WorkstationName">WS7</Data>`, `<Computer>ws7.corp.example</Computer>`,
//! CEF `suser=`/`shost=`), the host of a syslog line (`Feb  4 21:27:14 FS9 sshd[311]:`),
//! and the speaker of a chat line (`[06:45] Ana Lima: ...`).

use super::{Class, Engine};
use crate::classify as c;
use crate::vocab::flag;
use crate::Kind;

/// What a log key says its value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyKind {
    User,
    /// A host the log was written on (`host.name`, `Computer`): internal even when it has a
    /// public-looking suffix.
    OwnHost,
    /// A host named in the event (`shost`, `dhost`): internal unless it is an indicator.
    Host,
    Name,
    /// A person's town in a profile or a sign-in record (`"city": "Mossgiel"`).
    City,
}

/// The kind of a key, from its letters and digits only (`user.name`, `TargetUserName`,
/// `src_user` all squash to words ending in `user...`).
fn key_kind(key: &str) -> Option<KeyKind> {
    let mut buf = [0u8; 48];
    let mut n = 0;
    for b in key.bytes().filter(u8::is_ascii_alphanumeric) {
        *buf.get_mut(n)? = b.to_ascii_lowercase();
        n += 1;
    }
    let k = std::str::from_utf8(&buf[..n]).ok()?;
    const USER_ENDS: &[&str] = &[
        "assignedto",
        "openedby",
        "closedby",
        "resolvedby",
        "createdby",
        "updatedby",
        "requestedby",
        "approvedby",
        "username",
        "userid",
        "accountname",
        "samaccountname",
        "loginname",
        "logonname",
        "userprincipalname",
        "upn",
        // LEEF's `usrName`.
        "usrname",
        // A cloud identity's principal (CloudTrail's `principalId`, Azure's
        // `principalName`).
        "principalid",
        "principalname",
    ];
    const USER_IS: &[&str] = &[
        "user",
        "suser",
        "duser",
        "usr",
        "uid",
        "account",
        "login",
        "logon",
        "srcuser",
        "dstuser",
        "ruser",
        "logname",
        // auditd's `acct="jdoe"`: the account a login or a command acted as.
        "acct",
        "targetuser",
        "subjectuser",
        "accountlogin",
        // Who a ticket or a task belongs to, in help-desk and workflow exports.
        "assigned",
        "assignee",
        "owner",
        "requester",
        "requestor",
        "reporter",
        "approver",
        // Who ran a device or a job: a ventilator's, a pump's, a scanner's operator.
        "operator",
        // Who signed, counted or keyed a record: a controlled-substance order's signer, a
        // waste's witness, a registration clerk; an integration's service account; a web
        // server's authenticated user.
        "signer",
        "cosigner",
        "witness",
        "clerk",
        "serviceaccount",
        "svcaccount",
        "remoteuser",
        "principal",
    ];
    const OWN_HOST_ENDS: &[&str] = &["hostname", "computername", "workstationname", "devicename"];
    const HOST_IS: &[&str] = &[
        "host",
        "shost",
        "dhost",
        "srchost",
        "dsthost",
        "sourcehost",
        "destinationhost",
        "workstation",
        // The workstation of an EHR's sign-in line (`login ok user=jdoe ws=PCWS0412`).
        "ws",
        "machine",
        "machinename",
        "clientname",
        "domainname",
        "targetdomainname",
        "subjectdomainname",
        "accountdomain",
        // EDR JSON's `"machine_domain": "CLINIC"`, an LDAP name's `DC=clinic`.
        "machinedomain",
        "dc",
        // A DICOM application entity title names a modality or a PACS node
        // (`AE=CT1_MAIN`, `calling AET`).
        "ae",
        "aet",
        "aetitle",
        "callingae",
        "calledae",
        "callingaet",
        "calledaet",
        // A firewall's own name and the names it resolved for the two ends (FortiGate's
        // `devname=`, `srcname=`, `dstname=`).
        "devname",
        "srcname",
        "dstname",
        // A help-desk ticket's configuration item: the machine the ticket is about.
        "ci",
        "cmdbci",
        "configurationitem",
        // The Windows domain a sensor or a session signed in to: the organization's own.
        "agentdomain",
        "userdomain",
        "logondomain",
        "ntdomain",
        // An identity provider's realm (Keycloak's `realmName`) is named after the
        // organization.
        "realm",
        "realmname",
    ];
    const NAME_ENDS: &[&str] = &["fullname", "displayname", "realname"];
    // An audit record's `"actor": {"id": "jdoe", "display": "Jane Doe"}`.
    if k == "display" {
        return Some(KeyKind::Name);
    }
    if matches!(k, "city" | "town" | "locality") {
        return Some(KeyKind::City);
    }
    if USER_IS.contains(&k) || USER_ENDS.iter().any(|e| k.ends_with(e)) {
        Some(KeyKind::User)
    } else if k == "computer" || OWN_HOST_ENDS.iter().any(|e| k.ends_with(e)) {
        Some(KeyKind::OwnHost)
    } else if HOST_IS.contains(&k) {
        Some(KeyKind::Host)
    } else if NAME_ENDS.iter().any(|e| k.ends_with(e))
        // `appDisplayName`, `deviceDisplayName`: the name of a program or a machine.
        && !["app", "device", "resource", "service", "client", "policy", "group", "role"]
            .iter()
            .any(|p| k.starts_with(p))
    {
        Some(KeyKind::Name)
    } else {
        None
    }
}

impl Engine<'_> {
    /// Whether a key of a location's region, country or postcode stands within a short
    /// reach of the key at `k`, before or after it.
    fn beside_region_key(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let lo = t.start.saturating_sub(80);
        let hi = (t.end + 120).min(self.text.len());
        let near = |a: usize, b: usize| {
            self.lowered.get(a..b).is_some_and(|w| {
                ["country", "state", "region", "province", "postal", "zip"]
                    .iter()
                    .any(|key| {
                        w.match_indices(key).any(|(i, _)| {
                            // The word is a key: a quote, `<` or start of a line before it.
                            i == 0 || matches!(w.as_bytes()[i - 1], b'"' | b'<' | b'\n' | b' ')
                        })
                    })
            })
        };
        let floor = |i: usize| {
            (0..=i)
                .rev()
                .find(|&j| self.text.is_char_boundary(j))
                .unwrap_or(0)
        };
        let ceil = |i: usize| {
            (i..=self.text.len())
                .find(|&j| self.text.is_char_boundary(j))
                .unwrap_or(self.text.len())
        };
        near(floor(lo), t.start) || near(t.end, ceil(hi))
    }
}

/// Keys naming a managed device's id (`deviceId`, `mdeDeviceId`, `device_id`).
fn device_id_key(key: &str) -> bool {
    let mut buf = [0u8; 32];
    squash_key_into(key, &mut buf).is_some_and(|n| buf[..n].ends_with(b"deviceid"))
}

/// Keys of a log record's own numbers (FortiGate, Palo Alto, Check Point, syslog).
fn record_key(key: &str) -> bool {
    // Compared squashed, so `log_id`, `logId` and `LogID` are one key (no allocation: this
    // runs for every `key=value` pair).
    let mut buf = [0u8; 32];
    let Some(n) = squash_key_into(key, &mut buf) else {
        return false;
    };
    matches!(
        &buf[..n],
        b"logid"
            | b"flowid"
            | b"signatureid"
            | b"sigid"
            | b"txid"
            | b"eventid"
            | b"sessionid"
            | b"policyid"
            | b"poluuid"
            | b"msgid"
            | b"seqnum"
            | b"seqno"
            | b"ruleid"
            | b"devid"
            | b"vd"
            | b"eventtime"
            | b"craction"
            | b"crscore"
            | b"proto"
            // A WAF's support id (F5 ASM's `support_id`), an IPS's attack and violation
            // numbers, a mail gateway's queue and connection numbers.
            | b"supportid"
            | b"attackid"
            | b"violationid"
            | b"threatid"
            | b"queueid"
            | b"connid"
            | b"connectionid"
    )
}

/// [`squash_key`] into a buffer on the stack, for hot paths: the length written, or `None`
/// when the squashed key is longer than 32 bytes (no key this crate compares against is).
pub(super) fn squash_key_into(key: &str, buf: &mut [u8; 32]) -> Option<usize> {
    let mut n = 0;
    for b in key.bytes().filter(u8::is_ascii_alphanumeric) {
        *buf.get_mut(n)? = b.to_ascii_lowercase();
        n += 1;
    }
    Some(n)
}

/// A key's letters and digits, lowercase (`client_IP` -> `clientip`).
pub(super) fn squash_key(key: &str) -> String {
    key.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// Keys whose GUID names an event, a request, an application or a tenant (`correlationId`,
/// `appId`, `Guid`): a GUID under them points at no person or device.
fn key_of_a_thing(key: &str) -> bool {
    let k = squash_key(key);
    const PERSONAL: &[&str] = &[
        "user",
        "device",
        "account",
        "patient",
        "member",
        "principal",
        "owner",
        "actor",
        "person",
        "subject",
        "object",
        "session",
    ];
    const THING_ENDS: &[&str] = &[
        "guid",
        "appid",
        "applicationid",
        "correlationid",
        "requestid",
        "tenantid",
        "activityid",
        "operationid",
        "policyid",
        "ruleid",
        "recordid",
        "eventid",
        "traceid",
        "organizationid",
        "uuid",
        // A PowerShell runspace, the shell session that ran a command.
        "runspaceid",
        // An identity provider's realm (Keycloak's `realmId`): a tenant, like `tenantId`.
        "realmid",
    ];
    !PERSONAL.iter().any(|p| k.contains(p))
        && (k == "id" || THING_ENDS.iter().any(|e| k.ends_with(e)))
}

/// The key of the JSON object that holds byte `at` (`"user": {` for a value inside it).
/// With `one_line`, the search stops at the record's line; otherwise it crosses lines and
/// an unnamed object in a list takes the list's key (`"value": [{...}]`).
pub(super) fn json_parent_key(text: &str, at: usize, one_line: bool) -> Option<&str> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    // Bounded: the objects of a log record or a chat export are a few hundred bytes.
    let floor = at.saturating_sub(if one_line { 4096 } else { 2048 });
    while i > floor {
        i -= 1;
        match b[i] {
            b'}' | b']' if !one_line || b[i] == b'}' => depth += 1,
            b'{' | b'[' if depth > 0 && (!one_line || b[i] == b'{') => depth -= 1,
            b'{' | b'[' if !one_line || b[i] == b'{' => {
                let key = json_key_before(text, i).map(|(_, k)| k);
                if key.is_some() || one_line {
                    return key;
                }
            }
            b'\n' if one_line && depth == 0 => return None,
            _ => {}
        }
    }
    None
}

/// The JSON key right before byte `at` (`"ip":"` ends there), if there is one.
pub(super) fn json_key_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = text[..at].trim_end_matches([' ', '"']);
    let before = before.strip_suffix(':')?.trim_end();
    let before = before.strip_suffix('"')?;
    let open = before.rfind('"')?;
    Some((open, &before[open + 1..]))
}

/// Is `between` (the text from a key to its value) a key-value separator: `=`, `":"`,
/// `">` or `>`, with quotes and blanks around, on one line?
fn separator(between: &str) -> bool {
    !between.is_empty()
        && between.len() <= 6
        && between
            .bytes()
            .all(|b| matches!(b, b'"' | b'\'' | b'=' | b':' | b'>' | b' ' | b'\t'))
        && (between.contains(['=', '>']) || quote_colon(between))
}

/// A property list's separator (`Format-List` output, `RunspaceId          : 9f1c...`): a
/// key opening its line, blanks padding it to the column of a colon, one blank after. The
/// key must start the line (after an indent) so prose (`Status was: ...`) never reads so.
fn list_separator(text: &str, key_start: usize, between: &str) -> bool {
    let b = between.as_bytes();
    if b.len() < 3 || b.len() > 64 || !between.ends_with(": ") {
        return false;
    }
    if !b[..b.len() - 2].iter().all(|&c| c == b' ') {
        return false;
    }
    let floor = super::settle::floor_boundary(text, key_start.saturating_sub(64));
    let head = &text[floor..key_start];
    match head.rfind('\n') {
        Some(p) => head[p + 1..].bytes().all(|c| c == b' '),
        None => floor == 0 && head.bytes().all(|c| c == b' '),
    }
}

/// Whether `between` holds `":` (a byte search: the gap is a few bytes, shorter than a
/// substring searcher's set-up).
fn quote_colon(between: &str) -> bool {
    between.as_bytes().windows(2).any(|w| w == b"\":")
}

/// Values a user or host key holds without naming anyone or anything.
pub(super) fn placeholder_value(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    v.bytes().all(|b| b.is_ascii_punctuation())
        || matches!(
            l.as_str(),
            "system"
                | "guest"
                | "local"
                | "localhost"
                | "anonymous"
                | "null"
                | "none"
                | "n/a"
                | "unknown"
                | "nt"
                | "authority"
                | "workgroup"
                | "true"
                | "false"
                | "0"
                | "root"
        )
}

impl Engine<'_> {
    /// `CEF:0|Check Point|VPN-1|R81|login|Log In|5|`: the header's seven fields name the
    /// vendor, product, version and event, never a person or an internal host; its words
    /// are left alone (the extension after it is key=value and is read as such).
    pub(super) fn cef_headers(&mut self) {
        let text = self.text;
        let mut k = 0;
        let mut from = 0;
        while let Some(p) = text[from..].find("CEF:").map(|p| from + p) {
            let mut pipes = 0;
            let mut end = text.len();
            for (i, b) in text.bytes().enumerate().skip(p) {
                if b == b'\n' {
                    end = i;
                    break;
                }
                if b == b'|' {
                    pipes += 1;
                    if pipes == 7 {
                        end = i;
                        break;
                    }
                }
            }
            while k < self.toks.len() && self.toks[k].start < end {
                if self.toks[k].start >= p {
                    self.toks[k].class = Class::Protected;
                }
                k += 1;
            }
            from = end.max(p + 4);
        }
    }

    /// `"correlationId": "0b7e…"`, `Guid="{0b7e…}"`: a GUID whose key names an event, a
    /// request or an application, not a person or a device.
    pub(super) fn guid_of_a_thing(&self, k: usize) -> bool {
        k > 0 && c::guid(self.toks[k].s) && self.keyed_as_a_thing(k, false)
    }

    /// [`Self::keyed_as_a_thing`] for any value: a bare `id` must sit in a named object or
    /// list.
    pub(super) fn value_of_a_thing(&self, k: usize) -> bool {
        self.keyed_as_a_thing(k, true)
    }

    /// `"uuid": "f72a1acb-924d"`, a chat message's `"id": "1237063133492"`: a value whose
    /// key names an event, a message or a request, unless the JSON object holding it is a
    /// person's (`"user": {"id": ...}`). With `named`, a bare `id` must sit in a named
    /// object or list.
    fn keyed_as_a_thing(&self, k: usize, named: bool) -> bool {
        if k == 0 {
            return false;
        }
        let between = self
            .text
            .get(self.toks[k - 1].end..self.toks[k].start)
            .unwrap_or("")
            .replace('{', "");
        let key = self.toks[k - 1].s;
        let listed = || list_separator(self.text, self.toks[k - 1].start, &between);
        if !(separator(&between) || listed()) || !key_of_a_thing(key) {
            return false;
        }
        let parent = json_parent_key(self.text, self.toks[k - 1].start, false);
        let personal = parent.is_some_and(|p| {
            let p = squash_key(p);
            [
                "user",
                "actor",
                "patient",
                "member",
                "guest",
                "person",
                "principal",
                "owner",
            ]
            .iter()
            .any(|w| p.contains(w))
                || matches!(
                    p.as_str(),
                    "participant" | "attendee" | "caller" | "subscriber"
                )
        });
        !personal && (!named || parent.is_some() || squash_key(key) != "id")
    }

    pub(super) fn log_lines(&mut self) {
        self.domain_component_runs();
        self.keyed_values();
        self.zeek_users();
        self.access_log_users();
        self.squid_log_users();
        self.pipe_audit_users();
        self.samba_audit_fields();
        self.mail_queue_ids();
        self.syslog_hosts_and_chat_speakers();
        self.chat_mentions();
    }

    /// `DC=int,DC=example,DC=co,DC=uk`: a distinguished name's domain components that end
    /// in a top-level domain spell the organization's DNS domain; the run goes whole. A run
    /// ending in a private suffix (`DC=CLINIC,DC=local`) is left to the keys, which take the
    /// name and keep the generic parts.
    fn domain_component_runs(&mut self) {
        let dc = |e: &Self, j: usize| {
            j + 1 < e.toks.len()
                && e.toks[j].s.eq_ignore_ascii_case("dc")
                && e.text.get(e.toks[j].end..e.toks[j + 1].start) == Some("=")
        };
        let mut k = 0;
        while k < self.toks.len() {
            if !dc(self, k) {
                k += 1;
                continue;
            }
            let mut last = k + 1;
            let mut parts = 1;
            while dc(self, last + 1)
                && self
                    .text
                    .get(self.toks[last].end..self.toks[last + 1].start)
                    == Some(",")
            {
                last += 2;
                parts += 1;
            }
            let mut buf = [0u8; 32];
            let tld = self.lw(last, &mut buf).is_some_and(|l| {
                self.v.tlds.contains(l)
                    && !matches!(
                        l,
                        "local" | "lan" | "internal" | "intranet" | "corp" | "home"
                    )
            });
            let values_open = (k..=last)
                .step_by(2)
                .all(|j| self.open(j + 1) && c::identifier_like(self.toks[j + 1].s));
            if parts >= 2 && tld && values_open {
                self.remove_toks(
                    k,
                    last,
                    Kind::InternalHost,
                    "domain components of an internal domain",
                );
            }
            k = last + 1;
        }
    }

    /// A web server's access log in the common or combined format (`10.1.2.3 - jdoe
    /// [03/Feb/2031:10:00:01 +0000] "GET ...`): the third field is the authenticated user.
    fn access_log_users(&mut self) {
        let text = self.text;
        // The stamp's closing bracket before the quoted request: a rare pair of bytes, so
        // other text costs one fast search.
        if !text.contains("] \"") {
            return;
        }
        for (start, line) in self.lines() {
            let mut fields = line.splitn(4, ' ');
            let (Some(client), Some(ident), Some(user), Some(rest)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let stamped = rest
                .strip_prefix('[')
                .is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_digit()));
            let client_ok = !client.is_empty()
                && client
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'-'));
            if !stamped || !client_ok || ident != "-" || user == "-" || user.is_empty() {
                continue;
            }
            let at = start + client.len() + ident.len() + 2;
            let k = self.toks.partition_point(|t| t.start < at);
            if k < self.toks.len()
                && self.toks[k].start == at
                && self.toks[k].end == at + user.len()
                && self.open(k)
            {
                self.remove_toks(k, k, Kind::User, "user of an access log line");
            }
        }
    }

    /// A mail server's queue id (`postfix/smtpd[311]: 4F2A1B9C3D: client=...`, sendmail's
    /// `sm-mta[77]: 5B3KqZ01234567: from=...`): the number the server gave one message,
    /// no one's identifier. Kept, so the lines of one message still read as one.
    fn mail_queue_ids(&mut self) {
        let text = self.text;
        if !text.contains("postfix/") && !text.contains("sm-mta[") && !text.contains("sendmail[") {
            return;
        }
        for (start, line) in self.lines() {
            let Some(tag) = ["postfix/", "sm-mta[", "sendmail["]
                .iter()
                .find_map(|t| line.find(t))
            else {
                continue;
            };
            let Some(colon) = line[tag..].find("]: ").map(|p| tag + p + 3) else {
                continue;
            };
            let rest = &line[colon..];
            let Some(end) = rest.find(": ") else {
                continue;
            };
            let id = &rest[..end];
            let shaped = (6..=16).contains(&id.len())
                && id.bytes().all(|b| b.is_ascii_alphanumeric())
                && id.bytes().any(|b| b.is_ascii_digit());
            if !shaped {
                continue;
            }
            let at = start + colon;
            let k = self.toks.partition_point(|t| t.start < at);
            if k < self.toks.len()
                && self.toks[k].start == at
                && self.toks[k].end == at + id.len()
                && self.open(k)
            {
                self.toks[k].class = Class::Protected;
            }
        }
    }

    /// Removes the token that spans exactly `at..at + len` as a user, when it is open.
    fn user_at(&mut self, at: usize, len: usize, reason: &'static str) {
        let k = self.toks.partition_point(|t| t.start < at);
        if k < self.toks.len()
            && self.toks[k].start == at
            && self.toks[k].end == at + len
            && self.open(k)
        {
            self.remove_toks(k, k, Kind::User, reason);
        }
    }

    /// Squid's native access log (`1712345678.123 52 10.1.2.3 TCP_MISS/200 512 GET
    /// http://example.org/ jdoe HIER_DIRECT/93.184.216.34 text/html`): the eighth field is
    /// the authenticated user (`-` when there is none).
    fn squid_log_users(&mut self) {
        if !self.text.contains("DIRECT/") && !self.text.contains("NONE/") {
            return;
        }
        for (start, line) in self.lines() {
            let f: Vec<&str> = line.split_ascii_whitespace().collect();
            if f.len() != 10 {
                continue;
            }
            let stamp = f[0].contains('.') && f[0].bytes().all(|b| b.is_ascii_digit() || b == b'.');
            let code = f[3].split_once('/').is_some_and(|(c, n)| {
                c.contains('_')
                    && c.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
                    && n.bytes().all(|b| b.is_ascii_digit())
            });
            let method = f[5].len() >= 3 && f[5].bytes().all(|b| b.is_ascii_uppercase());
            let hier = f[8].contains('/') && f[8].starts_with(|c: char| c.is_ascii_uppercase());
            let user = f[7];
            if !(stamp && code && method && hier) || user == "-" || placeholder_value(user) {
                continue;
            }
            // The fields are found in order: the user is the eighth word of the line.
            let mut at = 0;
            for w in &f[..7] {
                at = at + line[at..].find(w).unwrap_or(0) + w.len();
            }
            let Some(off) = line[at..].find(user) else {
                continue;
            };
            self.user_at(start + at + off, user.len(), "user of a proxy log line");
        }
    }

    /// An identity provider's or a vault's audit line cut by pipes with no header
    /// (`2031-02-03 10:00:01 | tid:9f2e | AUTHN_ATTEMPT | jdoe | 10.1.2.3 | ...`): the word
    /// between the event's type (a capitalized code with an underscore) and the address it
    /// came from is the user who acted.
    fn pipe_audit_users(&mut self) {
        if !self.text.contains(" | ") {
            return;
        }
        for (start, line) in self.lines() {
            if line.bytes().filter(|&b| b == b'|').count() < 4 {
                continue;
            }
            let cells: Vec<(usize, &str)> = super::structured::pieces(line, '|')
                .map(|(o, c)| (o + c.len() - c.trim_start().len(), c.trim()))
                .collect();
            for i in 1..cells.len().saturating_sub(1) {
                let (prev, (at, v), next) = (cells[i - 1].1, cells[i], cells[i + 1].1);
                let event = prev.len() >= 4
                    && prev.contains('_')
                    && prev
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
                let address = c::ipv4(next).is_some() || c::ipv6(next).is_some();
                let login = (2..=64).contains(&v.len())
                    && v.bytes().any(|b| b.is_ascii_lowercase())
                    && v.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'\\' | b'$')
                    })
                    && !placeholder_value(v);
                if event && address && login {
                    self.user_at(start + at, v.len(), "user of an audit line");
                }
            }
        }
    }

    /// Samba's full_audit module writes `user|client address|client machine|share|
    /// operation|result|path` after its syslog tag (`smbd_audit:`, `smbd_audit[812]:`), its
    /// default prefix being `%u|%I|%m|%S`: the user and the client's machine name are the
    /// organization's; the share, the operation and the result stay.
    fn samba_audit_fields(&mut self) {
        if !self.text.contains("_audit") {
            return;
        }
        const REASON: &str = "client machine of a Samba audit line";
        for (start, line) in self.lines() {
            let Some(tag) = line.find("smbd_audit").or_else(|| line.find("full_audit")) else {
                continue;
            };
            // The tag's colon, after an optional process id.
            let Some(colon) = line[tag..].find(": ").filter(|&c| c <= 20) else {
                continue;
            };
            let at = tag + colon + 2;
            let cells: Vec<(usize, &str)> = super::structured::pieces(&line[at..], '|').collect();
            if cells.len() < 4 {
                continue;
            }
            let address = |v: &str| c::ipv4(v.trim()).is_some() || c::ipv6(v.trim()).is_some();
            if !address(cells[1].1) {
                continue;
            }
            let (o, user) = cells[0];
            if !user.is_empty() && !placeholder_value(user) {
                self.user_at(start + at + o, user.len(), "user of a Samba audit line");
            }
            let (o, machine) = cells[2];
            if !address(machine) && !placeholder_value(machine.trim()) {
                self.field_value(start + at + o, machine, Kind::InternalHost, REASON);
            }
        }
    }

    /// `@Heather can you pull the pcap`: a chat mention of a capitalized word is a person;
    /// `@jdoe`, a mention by login (Slack, Teams, Mattermost handles), is a user.
    fn chat_mentions(&mut self) {
        for k in 0..self.toks.len() {
            let s = self.toks[k].s;
            let Some(rest) = s.strip_prefix('@') else {
                continue;
            };
            // Not a JSON key (`"@timestamp":`) nor an annotation.
            let quoted =
                self.text.as_bytes().get(self.toks[k].start.wrapping_sub(1)) == Some(&b'"');
            // `client @0x7f3a2c001d40 10.1.2.3#53211`: a BIND query log's pointer to its
            // client object, a memory address and no one's handle.
            let pointer = rest
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()));
            let handle = rest.len() >= 3
                && !quoted
                && !pointer
                && c::identifier_like(rest)
                && rest.bytes().any(|b| b.is_ascii_lowercase())
                && !rest.bytes().any(|b| b.is_ascii_uppercase())
                && !matches!(
                    rest,
                    "here"
                        | "channel"
                        | "everyone"
                        | "all"
                        | "team"
                        | "oncall"
                        | "param"
                        | "return"
                        | "returns"
                        | "see"
                        | "since"
                        | "type"
                );
            if handle && self.open(k) {
                self.remove_toks(k, k, Kind::User, "login mentioned in a chat");
                continue;
            }
            let cased = rest.chars().next().is_some_and(char::is_uppercase)
                && rest
                    .chars()
                    .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\''));
            if cased && self.open(k) && !self.has(k, flag::NEVER) {
                let end = self.name_end(k);
                self.remove_toks(k, end, Kind::Name, "person mentioned in a chat");
            }
        }
    }

    /// `April Strong  07:03 AM` or `bbuckley  07:02 AM` alone on a line: who wrote the chat
    /// message below it (an export of Slack or Teams).
    fn chat_header_line(&mut self, first: usize, line_end: usize) -> bool {
        let on_line = |e: &Self, i: usize| i < e.toks.len() && e.toks[i].start < line_end;
        let Some(t) = (first + 1..first + 5)
            .take_while(|&i| on_line(self, i))
            .find(|&i| c::clock_time(self.toks[i].s))
        else {
            return false;
        };
        let after = t + 1;
        let rest_ok = !on_line(self, after)
            || matches!(self.toks[after].s, "AM" | "PM" | "am" | "pm") && !on_line(self, after + 1);
        if !rest_ok || !(first..t).all(|i| self.open(i)) {
            return false;
        }
        let cased = (first..t).all(|i| {
            let s = self.toks[i].s;
            s.chars().next().is_some_and(char::is_uppercase)
                && s.chars()
                    .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '.'))
                && !self.has(i, flag::CUE | flag::NEVER)
        });
        let s = self.toks[first].s;
        if cased {
            self.remove_toks(first, t - 1, Kind::Name, "writer of a chat message");
        } else if t == first + 1
            && c::identifier_like(s)
            && s.bytes().any(|b| b.is_ascii_lowercase())
            && !placeholder_value(s)
        {
            self.remove_toks(first, first, Kind::User, "writer of a chat message");
        } else {
            return false;
        }
        true
    }

    fn keyed_values(&mut self) {
        for k in 0..self.toks.len() {
            // PAM's `session opened for user root by jdoe(uid=0)`: the login before `(uid=`.
            let rest = self.text.get(self.toks[k].end..).unwrap_or("");
            if rest.starts_with("(uid=") && self.open(k) && c::identifier_like(self.toks[k].s) {
                self.remove_toks(k, k, Kind::User, "user name before its uid");
                continue;
            }
            // sudo's `sudo[411]:   jdoe : TTY=pts/0 ; PWD=... ; USER=root ; COMMAND=...`: the
            // word before ` : TTY=` is the login that ran it.
            if rest.starts_with(" : TTY=")
                && self.open(k)
                && c::identifier_like(self.toks[k].s)
                && !placeholder_value(self.toks[k].s)
            {
                self.remove_toks(k, k, Kind::User, "user name in a sudo record");
                continue;
            }
            let v = k + 1;
            if v >= self.toks.len() {
                break;
            }
            let between = self
                .text
                .get(self.toks[k].end..self.toks[v].start)
                .unwrap_or("");
            if !separator(between) {
                continue;
            }
            // A firewall's or a syslog record's own numbers (`logid="0000000013"`,
            // `sessionid=8812`, `policyid=7`): no one's identifier, closed to later rules.
            if record_key(self.toks[k].s)
                && self.open(v)
                && !self.toks[v].s.contains(['@', '.', '\\'])
            {
                self.toks[v].class = Class::Protected;
                continue;
            }
            // A device's id under its key (Defender's `"mdeDeviceId": "<40 hex digits>"`,
            // `deviceId`): the organization's machine, though it reads like a file's hash.
            if device_id_key(self.toks[k].s) {
                let s = self.toks[v].s;
                let hex = s.len() >= 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
                if (hex || c::guid(s)) && self.toks[v].class != Class::Removed {
                    self.remove_toks(v, v, Kind::DeviceId, "device id in a log field");
                    continue;
                }
            }
            let Some(kind) = key_kind(self.toks[k].s) else {
                self.record_field_value(k, v);
                continue;
            };
            let s = self.toks[v].s;
            if placeholder_value(s) {
                continue;
            }
            // `<requester>Jane Doe</requester>`, `user="Jane Doe"`: a user key holding a
            // display name of several capitalized words is a name key.
            let kind = if kind == KeyKind::User && self.display_name_value(v) {
                KeyKind::Name
            } else {
                kind
            };
            // An identity provider's user id names its connection before a bar (`auth0|5f0c`,
            // `google-oauth2|1180`, `samlp|corp|jdoe`): the whole quoted value is the account.
            if kind == KeyKind::User
                && self.text.as_bytes().get(self.toks[v].start.wrapping_sub(1)) == Some(&b'"')
            {
                let start = self.toks[v].start;
                let rest = &self.text[start..];
                let len = rest.find(['"', '\n']).unwrap_or(0);
                let value = &rest[..len];
                let barred = value.contains('|')
                    && len <= 128
                    && value.split('|').all(|p| !p.is_empty())
                    && value.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'|' | b'-' | b'_' | b'.' | b'@')
                    });
                if barred
                    && self.remove_span_over(
                        v,
                        start..start + len,
                        Kind::Account,
                        "identity provider's user id",
                        false,
                    )
                {
                    continue;
                }
            }
            match kind {
                KeyKind::User | KeyKind::Host | KeyKind::OwnHost => {
                    let class = self.toks[v].class;
                    // A device's own host name goes even when it reads like a public name;
                    // but when the organization's domains are known (they were removed
                    // before this), a dotted public name left under `hostname` is the site a
                    // request went to (`"http": {"hostname": "portal-verify.io"}`): it stays.
                    // A tenant of a hosted identity provider (`clinic.us.auth0.com`) is the
                    // organization's own sign-in host, not a site a request went to.
                    let idp_tenant = {
                        let l = s.to_ascii_lowercase();
                        [
                            ".auth0.com",
                            ".okta.com",
                            ".oktapreview.com",
                            ".onelogin.com",
                        ]
                        .iter()
                        .any(|t| l.ends_with(t))
                    };
                    let outside_site = s.contains('.')
                        && !self.scrubber.org_domains.is_empty()
                        && c::ipv4(s).is_none()
                        && !idp_tenant;
                    let overrides =
                        kind == KeyKind::OwnHost && class == Class::Protected && !outside_site;
                    // `uid=0`: a small number names an account only to that one machine.
                    let small_number = s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
                    // `DC=corp,DC=example,DC=org`: a top-level or a generic component names
                    // no one's network.
                    let generic_dc = self.toks[k].s.eq_ignore_ascii_case("dc") && {
                        let l = s.to_ascii_lowercase();
                        self.v.tlds.contains(l.as_str())
                            || matches!(l.as_str(), "local" | "corp" | "lan" | "internal" | "ad")
                    };
                    if !(self.open(v) || overrides)
                        || !c::identifier_like(s)
                        || small_number
                        || generic_dc
                    {
                        continue;
                    }
                    if kind == KeyKind::User {
                        self.remove_toks(v, v, Kind::User, "user name in a log field");
                    } else {
                        self.remove_toks(v, v, Kind::InternalHost, "host name in a log field");
                    }
                }
                // A town alone under `city` may be a setting; beside the region or the
                // country of the same location record (`"city": ..., "country": "AU"`)
                // it is where someone was.
                KeyKind::City if !self.beside_region_key(k) => {}
                KeyKind::Name | KeyKind::City => {
                    let (found, reason) = if kind == KeyKind::City {
                        (Kind::City, "place in a log field")
                    } else {
                        (Kind::Name, "name in a log field")
                    };
                    // The name runs to the closing quote or tag.
                    let start = self.toks[v].start;
                    let Some(value) = self.short_field_value(start) else {
                        continue;
                    };
                    let name_like = value.split_whitespace().count() <= 5
                        && value.chars().any(char::is_alphabetic)
                        && value
                            .chars()
                            .all(|ch| ch.is_alphabetic() || matches!(ch, ' ' | '.' | '-' | '\''));
                    if name_like {
                        let end = start + value.trim_end().len();
                        self.remove_span_over(v, start..end, found, reason, true);
                    }
                }
            }
        }
    }

    /// `Feb  4 21:27:14 FS9 sshd[311]: ...` and `2025-01-01T10:00:00Z FS9 app[7]: ...`: the
    /// word after the time is the host that wrote the line. `[06:45] Ana Lima: ...`: the
    /// capitalized words after a chat time and before the colon are who spoke.
    /// Whether the value starting at token `v` is two to five capitalized words of letters,
    /// up to the end of its field.
    fn display_name_value(&self, v: usize) -> bool {
        let Some(value) = self.short_field_value(self.toks[v].start) else {
            return false;
        };
        let words: Vec<&str> = value.split_whitespace().take(6).collect();
        (2..=5).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|ch| ch.is_alphabetic() || matches!(ch, '.' | '-' | '\''))
            })
    }

    /// The value of a field starting at byte `start`, up to its closing quote or tag, the
    /// line's end, `&` or `,`; `None` past 256 bytes, which no name or place runs to (the
    /// search stays bounded when a long line holds many keys).
    fn short_field_value(&self, start: usize) -> Option<&str> {
        const MOST: usize = 256;
        let rest = &self.text[start..];
        let window = &rest[..super::settle::floor_boundary(rest, MOST)];
        match window.find(['"', '<', '\n', '&', ',']) {
            Some(len) => Some(&window[..len]),
            None if rest.len() <= MOST => Some(rest),
            None => None,
        }
    }

    /// `PatientName=DOE^JANE^Q`, `"PatientBirthDate":"19510304"`, `appt="2031-02-03T10:00"`:
    /// a key of a log line or a JSON object that names a patient's or a person's field the
    /// way a column header does (`audit::column`) says what its value is, in any format.
    fn record_field_value(&mut self, k: usize, v: usize) {
        use super::audit::{column, Col};
        // `key=value`, `"key": "value"` or `<Key>value`: an XML element's name opens with `<`
        // right before it (`Group <GP-Staff> User <jdoe>` is no element).
        let between = &self.text[self.toks[k].end..self.toks[v].start];
        let element = between == ">"
            && self.text.as_bytes().get(self.toks[k].start.wrapping_sub(1)) == Some(&b'<');
        if !(between.contains('=') || quote_colon(between) || element) {
            return;
        }
        let key = self.toks[k].s.trim_matches(['"', '\'', '@']);
        // `name` alone names a process, a file or a rule as often as a person; in the object
        // of a machine an endpoint product reports (`"managedAgent": {"type": "computer",
        // "name": "ws7"}`, `"host": {"name": ...}`) it is the organization's host.
        if key.eq_ignore_ascii_case("name") {
            let parent = json_parent_key(self.text, self.toks[k].start, false)
                .map(squash_key)
                .unwrap_or_default();
            let machine = matches!(
                parent.as_str(),
                "managedagent" | "device" | "endpoint" | "host" | "computer" | "machine"
            );
            let s = self.toks[v].s;
            if machine && self.open(v) && c::identifier_like(s) && !placeholder_value(s) {
                self.remove_toks(
                    v,
                    v,
                    Kind::InternalHost,
                    "machine's name in an endpoint record",
                );
            }
            return;
        }
        if key.len() > 40 {
            return;
        }
        // Keys repeat on every line of a log: each is read once.
        let kind = *self
            .key_kinds
            .entry(key)
            .or_insert_with(|| match column(key) {
                Col::Person { .. } => Some(Kind::Name),
                // `"accountId": "123456789012"`, `recipientAccountId`: the organization's
                // cloud or billing account number (a number: `ok` below wants a digit).
                Col::Account => Some(Kind::Account),
                c => c.value_kind(),
            });
        let Some(kind) = kind else {
            return;
        };
        let start = self.toks[v].start;
        let quoted = self.text.as_bytes().get(start.wrapping_sub(1)) == Some(&b'"');
        let rest = &self.text[start..];
        let len = if quoted {
            rest.find(['"', '\n'])
        } else {
            rest.find(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ';' | '&' | '<' | '"'))
        }
        .unwrap_or(rest.len());
        // `zip=BD1 3YA`: a postcode of two words (British, Canadian, Dutch) takes the second.
        let len = match rest[len..].strip_prefix(' ') {
            Some(after) if kind == Kind::Zip && !quoted => {
                let next = after.split_whitespace().next().unwrap_or("");
                if super::places::postcode(&[&rest[..len], next]) == 2 {
                    len + 1 + next.len()
                } else {
                    len
                }
            }
            _ => len,
        };
        let value = &rest[..len];
        if value.is_empty() || value.len() > 80 || placeholder_value(value) {
            return;
        }
        let ok = match kind {
            // A person's name: letters and name punctuation (`^` between DICOM and HL7 name
            // parts), no file name (`svc.exe`).
            Kind::Name => {
                value.chars().any(char::is_alphabetic)
                    && value.split_whitespace().count() <= 6
                    && value.chars().all(|ch| {
                        ch.is_alphabetic() || matches!(ch, ' ' | '^' | '.' | ',' | '-' | '\'')
                    })
                    && !value
                        .as_bytes()
                        .windows(2)
                        .any(|w| w[0] == b'.' && w[1].is_ascii_alphanumeric())
            }
            // An account number, not a count (`visitCount=3`).
            Kind::Account => value.bytes().filter(u8::is_ascii_digit).count() >= 4,
            _ => value.bytes().any(|b| b.is_ascii_digit()),
        };
        if ok {
            self.field_value(
                start,
                value,
                kind,
                "value of a log or JSON key naming a person's field",
            );
        }
    }

    fn syslog_hosts_and_chat_speakers(&mut self) {
        let text = self.text;
        // The first token that ends after the line's start: the lines and the tokens are both
        // in order, so one cursor walks both (linear, where a search per line was not).
        let mut first = 0;
        for (start, line) in self.lines() {
            let Some(line_end) = self.line_start_token(&mut first, start, line) else {
                continue;
            };
            let on_line = |e: &Self, i: usize| i < e.toks.len() && e.toks[i].start < line_end;
            if self.chat_header_line(first, line_end) {
                continue;
            }
            // After the time: the token index where the rest of the line begins.
            let mut k = first;
            // `<jdoe> seeing beacons`: an IRC-style line opens with its writer's nick.
            let b = text.as_bytes();
            let nick = |e: &Self, i: usize| {
                let t = &e.toks[i];
                b.get(t.start.wrapping_sub(1)) == Some(&b'<')
                    && b.get(t.end) == Some(&b'>')
                    && b.get(t.end + 1) == Some(&b' ')
                    && c::identifier_like(t.s)
                    && e.open(i)
            };
            let stamped = on_line(self, k + 1)
                && c::clock_time(self.toks[k].s)
                && b.get(self.toks[k].start.wrapping_sub(1)) == Some(&b'[');
            let at = if stamped { k + 1 } else { k };
            if self.toks[at].start <= start + 12
                && nick(self, at)
                && !placeholder_value(self.toks[at].s)
            {
                self.remove_toks(at, at, Kind::User, "writer of a chat line");
                continue;
            }
            let bracketed = text.as_bytes().get(self.toks[k].start.wrapping_sub(1)) == Some(&b'[');
            let syslog_time = self.has(k, flag::MONTH)
                && on_line(self, k + 2)
                && Self::day_number(self.toks[k + 1].s)
                && c::clock_time(self.toks[k + 2].s);
            if syslog_time {
                k += 3;
            } else if c::iso_date_time(self.toks[k].s) && self.toks[k].s.len() > 10 {
                k += 1;
            } else if bracketed && c::clock_time(self.toks[k].s) {
                self.chat_speaker(k + 1, line_end);
                continue;
            } else {
                continue;
            }
            // HOST tag[pid]: or HOST tag:
            let (host, tag) = (k, k + 1);
            if !on_line(self, tag) || !self.open(host) {
                continue;
            }
            let tagged = self.toks[tag].after == b'[' || self.toks[tag].trail == b':';
            let s = self.toks[host].s;
            // A syslog header puts one space between its fields: after a tab the line is a
            // tab-separated export, whose column after the time is an event's. A severity
            // (`2031-02-03T04:05:06Z info vpxd[123]`) is the level an application logged at.
            let spaced = host > 0 && self.toks[host - 1].after == b' ';
            let mut buf = [0u8; 32];
            let severity = self.lw(host, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "emerg"
                        | "alert"
                        | "crit"
                        | "critical"
                        | "err"
                        | "error"
                        | "warn"
                        | "warning"
                        | "notice"
                        | "info"
                        | "debug"
                        | "verbose"
                        | "trace"
                        | "fatal"
                )
            });
            if tagged && spaced && !severity && c::identifier_like(s) && !placeholder_value(s) {
                self.remove_toks(host, host, Kind::InternalHost, "host name of a syslog line");
            }
        }
    }

    fn chat_speaker(&mut self, k: usize, line_end: usize) {
        // `[16:41] qmarsh: ok`: a login writing, where a name would be capitalized.
        if k < self.toks.len()
            && self.toks[k].start < line_end
            && self.toks[k].trail == b':'
            && c::identifier_like(self.toks[k].s)
            && self.toks[k].s.bytes().any(|b| b.is_ascii_digit())
            && !self.toks[k].s.bytes().any(|b| b.is_ascii_uppercase())
        {
            if self.open(k) {
                self.remove_toks(k, k, Kind::User, "writer of a chat line");
                return;
            }
            // The host-name shape took it first (`qmarsh7`): where a chat line's writer
            // stands it is a login.
            let host = self
                .found
                .get(self.toks[k].finding)
                .is_some_and(|f| f.kind == Kind::InternalHost);
            if self.toks[k].class == Class::Removed && host {
                self.rekind(k, Kind::User, "writer of a chat line");
                return;
            }
        }
        let mut end = k;
        while end < self.toks.len() && end - k < 4 && self.toks[end].start < line_end {
            let t = &self.toks[end];
            let first = t.s.chars().next();
            let cased = first
                .is_some_and(|ch| ch.is_uppercase() || ch.is_alphabetic() && !ch.is_lowercase());
            // "[10:15] Analyst: ...": a role, not a person.
            if !cased
                || self.has(end, flag::CUE | flag::NEVER)
                || !t
                    .s
                    .chars()
                    .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '.'))
            {
                return;
            }
            if t.trail == b':' {
                if (k..=end).all(|i| self.open(i) || self.toks[i].class == Class::Threat) {
                    self.remove_toks(k, end, Kind::Name, "speaker of a chat line");
                }
                return;
            }
            if t.after != b' ' {
                return;
            }
            end += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::scrubbed;

    #[test]
    fn a_property_lists_runspace_guid_stays_and_a_users_guid_goes() {
        let out = crate::Scrubber::new(crate::ScrubConfig::default())
            .expect("scrubber")
            .scrub_text(
                "RunspaceId         : 4f0a1b2c-3d4e-5f60-7182-93a4b5c6d7e8\n\
                 UserGuid           : 0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9\n\
                 Logon note: 1b2c3d4e-5f60-7182-93a4-b5c6d7e8f90a\n",
            )
            .text;
        assert!(
            out.contains("4f0a1b2c-3d4e-5f60-7182-93a4b5c6d7e8"),
            "{out:?}"
        );
        assert!(
            !out.contains("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"),
            "{out:?}"
        );
    }

    use super::super::check;

    #[test]
    fn a_device_id_under_its_key_goes_and_a_file_hash_stays() {
        check(&[
            (
                "{\"mdeDeviceId\": \"4be1c0de9a7712f3306b5b1e2c9d0a8f7e6d5c4b\", \"sha1\": \
                 \"9a7712f3306b5b1e2c9d0a8f7e6d5c4b4be1c0de\"}\n",
                "{\"mdeDeviceId\": \"[DEVICE-ID]\", \"sha1\": \
                 \"9a7712f3306b5b1e2c9d0a8f7e6d5c4b4be1c0de\"}\n",
            ),
            // A device id that is a model or a serial word is left to the other rules.
            ("{\"deviceId\": \"pump\"}\n", "{\"deviceId\": \"pump\"}\n"),
        ]);
    }

    #[test]
    fn the_name_in_a_machines_object_is_a_host() {
        check(&[
            (
                "{\"managedAgent\": {\"type\": \"computer\", \"name\": \"mrw-ws0412\"}}\n",
                "{\"managedAgent\": {\"type\": \"computer\", \"name\": \"[INTERNAL-HOST]\"}}\n",
            ),
            // A rule's or a process's name stays.
            (
                "{\"rule\": {\"name\": \"lsassaccess\"}, \"process\": {\"name\": \"notepad\"}}\n",
                "{\"rule\": {\"name\": \"lsassaccess\"}, \"process\": {\"name\": \"notepad\"}}\n",
            ),
        ]);
    }

    #[test]
    fn an_identity_providers_user_id_and_tenant_host_go() {
        check(&[
            (
                "{\"user_id\": \"auth0|5f0c77aa91b2c3d4e5f60718\", \"type\": \"s\"}\n",
                "{\"user_id\": \"[ACCOUNT]\", \"type\": \"s\"}\n",
            ),
            // A bar in a user key's value that is a sentence stays for the other rules.
            (
                "{\"user_id\": \"none | see ticket\"}\n",
                "{\"user_id\": \"none | see ticket\"}\n",
            ),
        ]);
        super::super::check_org(
            &["Marrow Clinic"],
            &["marrow.example"],
            &[
                (
                    "{\"hostname\": \"mrw-portal.us.auth0.com\", \"type\": \"fp\"}\n",
                    "{\"hostname\": \"[INTERNAL-HOST]\", \"type\": \"fp\"}\n",
                ),
                // A public site under `hostname` stays when the organization's domains are known.
                (
                    "{\"http\": {\"hostname\": \"portal-verify.io\"}}\n",
                    "{\"http\": {\"hostname\": \"portal-verify.io\"}}\n",
                ),
            ],
        );
    }

    #[test]
    fn a_realm_named_by_its_key_goes() {
        check(&[
            (
                "type=LOGIN_ERROR, realmName=\"marrow-staff\", clientId=\"pacs-viewer\"\n",
                "type=LOGIN_ERROR, realmName=\"[INTERNAL-HOST]\", clientId=\"pacs-viewer\"\n",
            ),
            // A realm's id names a tenant, not a person.
            (
                "realmId=\"0a1b2c3d-1111-2222-3333-444455556666\", clientId=\"pacs-viewer\"\n",
                "realmId=\"0a1b2c3d-1111-2222-3333-444455556666\", clientId=\"pacs-viewer\"\n",
            ),
            // The same words in prose name nothing.
            (
                "The realm of possible buckets is large.\n",
                "The realm of possible buckets is large.\n",
            ),
        ]);
    }

    #[test]
    fn a_samba_audit_line_loses_its_user_and_client_machine() {
        check(&[
            (
                "Mar  2 04:11:09 fs-gw1 smbd_audit: quill.oda|10.20.30.40|MRW-NURSE-WS12|Clinic$|openat|ok|Forms/intake.pdf\n",
                "[DATE] 04:11:09 [INTERNAL-HOST] smbd_audit: [USER]|[INTERNAL-IP]|[INTERNAL-HOST]|Clinic$|openat|ok|Forms/intake.pdf\n",
            ),
            // A pipe line without a client address after the tag is not the audit prefix.
            (
                "smbd_audit: note|the share was|read only|today\n",
                "smbd_audit: note|the share was|read only|today\n",
            ),
        ]);
    }

    #[test]
    fn a_city_key_holds_a_place() {
        check(&[(
            "{\"geographicalContext\": {\"city\": \"Mount Quillby\", \"country\": \"AU\"}}\n",
            "{\"geographicalContext\": {\"city\": \"[CITY]\", \"country\": \"AU\"}}\n",
        )]);
    }

    #[test]
    fn a_postcode_of_two_words_after_its_key_goes_whole() {
        check(&[(
            "CHECKIN zip_verified=LS6 2QT appt=ok",
            "CHECKIN zip_verified=[ZIP] appt=ok",
        )]);
    }

    #[test]
    fn a_signer_a_service_account_and_a_sensors_domain_are_the_organizations() {
        check(&[
            (
                "ORDER 4471 signer=tovarlen items=3",
                "ORDER 4471 signer=[USER] items=3",
            ),
            (
                "{\"remote_user\": \"quelbarn\", \"status\": 200}",
                "{\"remote_user\": \"[USER]\", \"status\": 200}",
            ),
            (
                "{\"agentDomain\": \"FENWICKVALE\", \"agentOs\": \"Windows\"}",
                "{\"agentDomain\": \"[INTERNAL-HOST]\", \"agentOs\": \"Windows\"}",
            ),
        ]);
    }

    #[test]
    fn a_devices_operator_is_a_user() {
        check(&[(
            "VENT_SETUP unit=V-22 operator=qzhlenka mode=AC",
            "VENT_SETUP unit=V-22 operator=[USER] mode=AC",
        )]);
    }

    #[test]
    fn the_user_of_a_web_access_log_line_goes() {
        check(&[(
            "10.9.8.7 - odile.wren [03/Feb/2031:10:00:01 +0000] \"GET /index.html HTTP/1.1\" 200 512\n\
             10.9.8.7 - - [03/Feb/2031:10:00:02 +0000] \"GET /favicon.ico HTTP/1.1\" 404 0\n",
            "[INTERNAL-IP] - [USER] [03/Feb/2031:10:00:01 +0000] \"GET /index.html HTTP/1.1\" 200 512\n\
             [INTERNAL-IP] - - [03/Feb/2031:10:00:02 +0000] \"GET /favicon.ico HTTP/1.1\" 404 0\n",
        )]);
    }

    #[test]
    fn a_messages_or_events_id_stays_a_users_id_goes() {
        check(&[(
            "{\"value\": [{\n  \"id\": \"5523190044817\",\n  \"uuid\": \"b81c03fe-77a1\",\n  \
             \"from\": {\"user\": {\n    \"id\": \"e3a1f0c2-91b4-4c55-8d0e-2f6b7a9c1d33\"}}}]}",
            "{\"value\": [{\n  \"id\": \"5523190044817\",\n  \"uuid\": \"b81c03fe-77a1\",\n  \
             \"from\": {\"user\": {\n    \"id\": \"[ID]\"}}}]}",
        )]);
    }

    #[test]
    fn a_guid_keyed_as_an_event_or_an_app_stays_a_users_goes() {
        check(&[
            (
                r#""correlationId": "0b7e2d4a-1c3f-4a5b-9d8e-7f6a5b4c3d2e", "userId": "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d""#,
                r#""correlationId": "0b7e2d4a-1c3f-4a5b-9d8e-7f6a5b4c3d2e", "userId": "[USER]""#,
            ),
            (
                r#"<Provider Name="Some-Provider" Guid="{0B7E2D4A-1C3F-4A5B-9D8E-7F6A5B4C3D2E}"/>"#,
                r#"<Provider Name="Some-Provider" Guid="{0B7E2D4A-1C3F-4A5B-9D8E-7F6A5B4C3D2E}"/>"#,
            ),
            (
                "Status: 0xC000006D, Sub Status: 0xC0000064, Logon ID: 0x3E7",
                "Status: 0xC000006D, Sub Status: 0xC0000064, Logon ID: 0x3E7",
            ),
            (
                "Failed password for invalid user oracle from 10.20.30.40 port 22 ssh2",
                "Failed password for invalid user oracle from [INTERNAL-IP] port 22 ssh2",
            ),
            (
                "proxy 10.20.30.40:8443 listens on 0.0.0.0",
                "proxy [INTERNAL-IP]:8443 listens on 0.0.0.0",
            ),
        ]);
    }

    #[test]
    fn chat_exports_and_vpn_logins() {
        check(&[
            (
                "Ines Varga  09:14 AM\n@Tomas can you check ws-12?\n\nkvarga  09:15 AM\nyes",
                "[NAME]  09:14 AM\n[NAME] can you check [INTERNAL-HOST]?\n\n[USER]  09:15 AM\nyes",
            ),
            (
                "SSLVPN LOGIN 0 : Context kvarga@198.51.100.23 - SessionId: 7",
                "SSLVPN LOGIN 0 : Context [USER]@198.51.100.23 - SessionId: 7",
            ),
            (
                r#"{"actor":{"id":"u1","display":"Ines Varga"}}"#,
                r#"{"actor":{"id":"u1","display":"[NAME]"}}"#,
            ),
        ]);
    }

    #[test]
    fn a_distinguished_names_domain_components_go_whole_when_they_spell_a_domain() {
        check(&[
            (
                "dn: CN=Printer Queue,OU=Users,DC=int,DC=lakeview,DC=co,DC=uk",
                "dn: CN=Printer Queue,OU=Users,[INTERNAL-HOST]",
            ),
            (
                "member: OU=Users,DC=LAKEVIEW,DC=local",
                "member: OU=Users,DC=[INTERNAL-HOST],DC=local",
            ),
        ]);
    }

    #[test]
    fn a_firewalls_device_names_and_a_tickets_configuration_item_are_hosts() {
        check(&[
            (
                r#"devname="FGT-NORTH-EDGE" logid="0000000013" srcname="3EAST14""#,
                r#"devname="[INTERNAL-HOST]" logid="0000000013" srcname="[INTERNAL-HOST]""#,
            ),
            ("<ci>ABC-JDOE</ci>", "<ci>[INTERNAL-HOST]</ci>"),
        ]);
    }

    #[test]
    fn a_log_key_says_what_its_value_is() {
        check(&[
            (
                r#"{"user.name":"tkessler","host.name":"pharm-kiosk.branch.eu","source.ip":"8.8.4.4","user.full_name":"Tove Kessler"}"#,
                r#"{"user.name":"[USER]","host.name":"[INTERNAL-HOST]","source.ip":"8.8.4.4","user.full_name":"[NAME]"}"#,
            ),
            (
                r#"<Data Name="TargetUserName">qvarga</Data><Computer>LAB-PC-04</Computer>"#,
                r#"<Data Name="TargetUserName">[USER]</Data><Computer>[INTERNAL-HOST]</Computer>"#,
            ),
            (
                "CEF:0|Acme|VPN|1|login|Log In|5|suser=mvance shost=GATE12 dhost=evil.example.com",
                "CEF:0|Acme|VPN|1|login|Log In|5|suser=[USER] shost=[INTERNAL-HOST] dhost=evil.example.com",
            ),
            // Empty or system values stay.
            (
                "SubjectUserName=- TargetUserName=SYSTEM",
                "SubjectUserName=- TargetUserName=SYSTEM",
            ),
            (
                "sudo: session opened for user root by okarlsen(uid=0)",
                "sudo: session opened for user root by [USER](uid=0)",
            ),
            (
                "Nov 01 04:22:28 fs4 sudo[52806]:   tuvok : TTY=pts/0 ; PWD=/tmp ; USER=root",
                "[DATE] 04:22:28 [INTERNAL-HOST] sudo[52806]:   [USER] : TTY=pts/0 ; PWD=/tmp ; USER=root",
            ),
            (
                "Accepted publickey for qvarga from 10.0.0.5 port 5022 ssh2",
                "Accepted publickey for [USER] from [INTERNAL-IP] port 5022 ssh2",
            ),
            (
                "%ASA-6-722051: Group <GP-Staff> User <qvarga> IP <203.0.113.9>",
                "%ASA-6-722051: Group <GP-Staff> User <[USER]> IP <203.0.113.9>",
            ),
            ("Mailbox: 4417 (voicemail)", "Mailbox: [PHONE] (voicemail)"),
        ]);
    }

    #[test]
    fn irc_nicks_and_login_mentions_are_users() {
        check(&[
            (
                "<qmarsh> hey @tfenwick, beacons from ws-12\n[10:02] <tfenwick> on it @here\n",
                "<[USER]> hey [USER], beacons from [INTERNAL-HOST]\n[10:02] <[USER]> on it @here\n",
            ),
            ("[16:41] qmarsh7: isolated\n", "[16:41] [USER]: isolated\n"),
            // A JSON key that starts with `@` is no mention.
            (
                r#"{"@timestamp":"2031-01-02T03:04:05Z","@odata.context":"x"}"#,
                r#"{"@timestamp":"2031-01-02T03:04:05Z","@odata.context":"x"}"#,
            ),
        ]);
    }

    #[test]
    fn a_key_naming_a_patients_field_says_what_its_value_is() {
        check(&[
            (
                "store from AE=MRI_WEST (10.4.4.4) PatientName=QUILLON^ODILE^M PatientID=ZX442817 StudyDate=20310412 status=OK\n",
                "store from AE=[INTERNAL-HOST] ([INTERNAL-IP]) PatientName=[NAME] PatientID=[MRN] StudyDate=[DATE] status=OK\n",
            ),
            (
                r#"{"member":{"full_name":"Odile Quillon","birthDate":"1961-03-04"},"appt":"2031-02-03T10:00:00","name":"svc.exe"}"#,
                r#"{"member":{"full_name":"[NAME]","birthDate":"[DATE]"},"appt":"[DATE]","name":"svc.exe"}"#,
            ),
            // A user key holding a display name.
            (
                "<ticket>\n  <requester>Odile Quillon</requester>\n  <assigned>qmarsh</assigned>\n</ticket>\n",
                "<ticket>\n  <requester>[NAME]</requester>\n  <assigned>[USER]</assigned>\n</ticket>\n",
            ),
            // A word between angle brackets is no element's name.
            (
                "%ASA-6-722051: Group <GP-Staff> User <qmarsh> IP <10.1.2.3>\n",
                "%ASA-6-722051: Group <GP-Staff> User <[USER]> IP <[INTERNAL-IP]>\n",
            ),
            // Keys of a file, a process or an event keep their values.
            (
                "ProcessName=cmd.exe FileName=invoice.pdf EventTime=20310412 RuleName=Block-All\n",
                "ProcessName=cmd.exe FileName=invoice.pdf EventTime=20310412 RuleName=Block-All\n",
            ),
            // A firewall's or a WAF's policy name is no insurance policy number.
            (
                "policy_name=\"/Tenant/webapp_3\" policy_number=\"QX4471093\"\n",
                "policy_name=\"/Tenant/webapp_3\" policy_number=\"[HEALTH-PLAN-ID]\"\n",
            ),
        ]);
    }

    #[test]
    fn syslog_hosts_and_chat_speakers() {
        check(&[
            (
                "Mar  9 02:11:40 RECEPT3 sshd[4411]: Accepted password\n",
                "[DATE] 02:11:40 [INTERNAL-HOST] sshd[4411]: Accepted password\n",
            ),
            (
                "[22:05] Wren Talbot: pumps are back\n[22:06] Ode: thanks\n",
                "[22:05] [NAME]: pumps are back\n[22:06] [NAME]: thanks\n",
            ),
            (
                "[22:07] support: pay now\n[22:08] Analyst: seen\n",
                "[22:07] support: pay now\n[22:08] Analyst: seen\n",
            ),
            // A level and a tab-separated event column are no hosts.
            (
                "2031-02-03T04:05:06.000Z info vpxd[4411] Task: power off\n",
                "2031-02-03T04:05:06.000Z info vpxd[4411] Task: power off\n",
            ),
            (
                "2031-02-03T04:05:06Z\tPeerJoined\tSession: main\n",
                "2031-02-03T04:05:06Z\tPeerJoined\tSession: main\n",
            ),
            // A network interface is no host.
            (
                "Mar  9 02:11:40 GW2 kernel: DROP IN=eth0 OUT=wlan1\n",
                "[DATE] 02:11:40 [INTERNAL-HOST] kernel: DROP IN=eth0 OUT=wlan1\n",
            ),
        ]);
    }

    #[test]
    fn a_mail_servers_queue_id_stays_its_users_go() {
        check(&[(
            "Mar 13 10:00:01 relay4 postfix/smtpd[311]: 4F2A1B9C3D: client=unknown[203.0.113.9], \
             sasl_username=tkessler\n",
            "[DATE] 10:00:01 [INTERNAL-HOST] postfix/smtpd[311]: 4F2A1B9C3D: \
             client=unknown[203.0.113.9], sasl_username=[USER]\n",
        )]);
    }

    #[test]
    fn system_numbers_and_placeholders_in_logs_stay() {
        check(&[
            // A Unix user id is a number the system hands out; the login beside it goes.
            (
                "useradd[311]: new user: name=tkessler, UID=1004, GID=1004\n",
                "useradd[311]: new user: name=[USER], UID=1004, GID=1004\n",
            ),
            // A firewall record's own numbers.
            (
                "date=2025-11-12 time=00:23 logid=\"0000000013\" sessionid=88123456 srcip=10.1.2.3\n",
                "date=2025-11-12 time=00:23 logid=\"0000000013\" sessionid=88123456 srcip=[INTERNAL-IP]\n",
            ),
            // A WAF's and a UTM's own numbers, whatever the key's case and underscores.
            (
                "device_name=\"fw7\" log_id=040102116662 support_id=5064957489826926954 src=10.1.2.3\n",
                "device_name=\"[INTERNAL-HOST]\" log_id=040102116662 support_id=5064957489826926954 \
                 src=[INTERNAL-IP]\n",
            ),
            // A service-desk ticket's own number opening the ticket.
            (
                "Number: CHG0042117\nCaller: Tove Kessler\n",
                "Number: CHG0042117\nCaller: [NAME]\n",
            ),
            // "IP" spelled as a word is no surname standing alone; beside a given name it is.
            (
                "Nat_ip \"Mapped Ip\" - Vserver 203.0.113.9:443\n",
                "Nat_ip \"Mapped Ip\" - Vserver 203.0.113.9:443\n",
            ),
            ("We called Kwok Ip back.\n", "We called [NAME] back.\n"),
        ]);
    }

    #[test]
    fn a_login_in_an_escaped_path_or_after_a_process_verb_goes() {
        check(&[
            (
                r#"{"path": "C:\\Users\\okafort\\AppData\\Local\\Temp\\a.tmp", "user": "CLINIC\\okafort"}"#,
                r#"{"path": "C:\\Users\\[USER]\\AppData\\Local\\Temp\\a.tmp", "user": "[USER]"}"#,
            ),
            (
                "RDP session | CLINIC\\şükrü.aydın | closed\n",
                "RDP session | [USER] | closed\n",
            ),
            (
                "rundll32.exe executed by hendersonjo; parent explorer.exe\n",
                "rundll32.exe executed by [USER]; parent explorer.exe\n",
            ),
            // An ordinary word after the verb is no login.
            (
                "The loader was executed by default on login.\n",
                "The loader was executed by default on login.\n",
            ),
        ]);
    }

    #[test]
    fn an_edr_records_windows_domain_goes_its_generic_parts_stay() {
        check(&[
            (
                r#"{"ou": ["OU=Nursing", "DC=riverbend"], "machine_domain": "RIVERBEND"}"#,
                r#"{"ou": ["OU=Nursing", "DC=[INTERNAL-HOST]"], "machine_domain": "[INTERNAL-HOST]"}"#,
            ),
            (
                r#"["DC=corp", "DC=org", "DC=local"]"#,
                r#"["DC=corp", "DC=org", "DC=local"]"#,
            ),
        ]);
    }

    #[test]
    fn an_outside_site_under_a_hostname_key_stays_when_the_org_domains_are_known() {
        super::super::check_org(
            &[], &["anonclinic.example"],
            &[(
                "{\"http\": {\"hostname\": \"portal-verify.io\"}, \"host\": {\"hostname\": \"ws7.anonclinic.example\"}}",
                "{\"http\": {\"hostname\": \"portal-verify.io\"}, \"host\": {\"hostname\": \"[INTERNAL-HOST]\"}}",
            )],
        );
    }

    #[test]
    fn a_proxy_logs_user_and_an_audit_lines_user_by_position_go() {
        check(&[
            (
                "1712345678.123 52 10.1.2.3 TCP_MISS/200 512 GET http://example.org/ zqw HIER_DIRECT/93.184.216.34 text/html\n\
                 1712345679.001 11 10.1.2.4 TCP_DENIED/403 0 GET http://example.org/ - NONE/- text/html\n",
                "1712345678.123 52 [INTERNAL-IP] TCP_MISS/200 512 GET http://example.org/ [USER] HIER_DIRECT/93.184.216.34 text/html\n\
                 1712345679.001 11 [INTERNAL-IP] TCP_DENIED/403 0 GET http://example.org/ - NONE/- text/html\n",
            ),
            (
                "10:00:01 | t:1 | AUTHN_ATTEMPT | zqw | 198.51.100.20 | | portal | IdP | failure\n",
                "10:00:01 | t:1 | AUTHN_ATTEMPT | [USER] | 198.51.100.20 | | portal | IdP | failure\n",
            ),
        ]);
    }

    #[test]
    fn a_cloud_account_id_key_and_a_principal_go() {
        check(&[(
            "{\"accountId\": \"210987654321\", \"principalId\": \"AIDAQX7EXAMPLE\", \"visitCount\": \"3\"}",
            "{\"accountId\": \"[ACCOUNT]\", \"principalId\": \"[USER]\", \"visitCount\": \"3\"}",
        )]);
    }

    #[test]
    fn a_query_logs_client_address_goes_and_its_object_pointer_stays() {
        let out = scrubbed(
            "client @0x7f3a2c001d40 10.20.30.40#53211 (portal.example.org): query: \
             portal.example.org IN A +\n",
        );
        assert!(!out.contains("10.20.30.40"), "{out:?}");
        assert!(out.contains("@0x7f3a2c001d40"), "{out:?}");
        assert!(out.contains("#53211"), "{out:?}");
        // A chat handle is still a user.
        let out = scrubbed("@qzmorrow can you look at this\n");
        assert!(!out.contains("qzmorrow"), "{out:?}");
    }

    #[test]
    fn the_workstation_of_a_sign_in_line_goes() {
        let out = scrubbed("EHR login ok user=qzmorrow ws=QXWS0412\n");
        assert!(!out.contains("QXWS0412"), "{out:?}");
        assert!(out.contains("EHR login ok"), "{out:?}");
    }

    #[test]
    fn the_owner_of_a_print_job_goes() {
        let out = scrubbed(
            "Document 12, Print Document owned by qzmorrow on \\\\QXWS0412 was printed on \
             QX-MFP-2 through port 10.9.8.7.\n",
        );
        assert!(!out.contains("qzmorrow"), "{out:?}");
        assert!(out.contains("Print Document owned by"), "{out:?}");
    }

    #[test]
    fn an_audit_records_account_goes_and_root_stays() {
        let out = scrubbed(
            "type=USER_LOGIN msg=audit(1741775067.687:20453): pid=11 uid=0 auid=1705 ses=3 \
             msg='op=login acct=\"qzwhite\" exe=\"/usr/sbin/sshd\" hostname=? addr=10.1.2.3 \
             terminal=ssh res=success'\n\
             type=USER_CMD msg=audit(1741775068.687:20454): msg='acct=\"root\" exe=\"/usr/bin/sudo\"'\n",
        );
        assert!(!out.contains("qzwhite"), "{out:?}");
        assert!(out.contains("acct=\"root\""), "{out:?}");
        assert!(out.contains("/usr/sbin/sshd"), "{out:?}");
    }
}
