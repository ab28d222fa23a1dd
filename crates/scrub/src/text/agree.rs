//! Names a record's own format marks (a vCard's `N:` and `FN:` lines, an iCalendar
//! organizer's or attendee's `CN=`), and names written beside a login or an e-mail address
//! built from them (`Ann Roe (ann.roe@...)`, `aroe (Ann Roe, Pharmacy)`): the login is the
//! evidence that the words are a person's name.

use super::{Class, Engine};
use crate::classify as c;
use crate::vocab::flag;
use crate::Kind;

/// Words that name a shared calendar (a desk, team, room or service) rather than a person.
const CALENDAR_RESOURCE_WORDS: &[&str] = &[
    "desk",
    "team",
    "room",
    "office",
    "service",
    "services",
    "support",
    "helpdesk",
    "scheduling",
    "conference",
    "group",
    "department",
    "dept",
    "clinic",
    "unit",
    "lab",
    "calendar",
    "mailbox",
    "admin",
    "noreply",
    "reception",
    "registration",
    "pharmacy",
    "security",
    "operations",
    "staff",
    "board",
];

/// Whether `key` (lowercase letters) is made of prefixes of `parts`, in their order, each
/// part giving a prefix of itself (possibly none): `aroe` of `ann roe`, `roea` of `roe ann`,
/// `svanarkel` of `sepp van arkel`. At least two parts must give letters and one of them
/// three or more, so a word alone (`rich` of `Rich`) is no agreement.
fn built_from(key: &[u8], parts: &[Vec<u8>]) -> bool {
    fn walk(key: &[u8], parts: &[Vec<u8>], given: u8, long: bool) -> bool {
        let Some((part, rest)) = parts.split_first() else {
            return key.is_empty() && given >= 2 && long;
        };
        let most = part.len().min(key.len());
        (0..=most).rev().any(|l| {
            part[..l] == key[..l]
                && walk(
                    &key[l..],
                    rest,
                    given.saturating_add(u8::from(l > 0)),
                    long || l >= 3,
                )
        })
    }
    !key.is_empty() && walk(key, parts, 0, false)
}

/// Whether a newline lies in `text[start..end]`, the few bytes between two tokens: a plain
/// byte search, where a `char` search sets up a searcher for every gap.
pub(super) fn has_newline(text: &str, start: usize, end: usize) -> bool {
    text.as_bytes()[start..end].contains(&b'\n')
}

/// [`login_key_into`], as a vector of its own.
#[cfg(test)]
fn login_key(login: &str) -> Option<Vec<u8>> {
    let mut key = Vec::new();
    login_key_into(login, &mut key).then_some(key)
}

/// The letters of a login's local part, lowercased and without diacritics (`Ana.Núñez2` ->
/// `ananunez`), into `key` (cleared first: one buffer for every token, not a vector each);
/// false when it is too short or too long to be built from a name.
fn login_key_into(login: &str, key: &mut Vec<u8>) -> bool {
    key.clear();
    let local = login.trim_start_matches('@');
    // Byte searches (`@` and the backslash are ASCII): the part before the first `@`, after
    // the last backslash.
    let local = match local.bytes().position(|b| b == b'@') {
        Some(at) => &local[..at],
        None => local,
    };
    let local = match local.bytes().rposition(|b| b == b'\\') {
        Some(at) => &local[at + 1..],
        None => local,
    };
    if !(3..=40).contains(&local.len()) {
        return false;
    }
    // Most tokens are ASCII: their key is their letters, lowercased, gathered in one pass.
    if local.is_ascii() {
        for b in local.bytes() {
            if b.is_ascii_alphabetic() {
                key.push(b.to_ascii_lowercase());
            } else if !(b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')) {
                return false;
            }
        }
        return key.len() >= 3;
    }
    if !local
        .chars()
        .all(|ch| ch.is_alphanumeric() || matches!(ch, '.' | '_' | '-'))
    {
        return false;
    }
    let folded = super::fold_latin(&local.to_lowercase());
    key.extend(folded.bytes().filter(u8::is_ascii_lowercase));
    // Letters beyond ASCII left after folding: no reliable comparison.
    key.len() >= 3
        && !folded
            .chars()
            .any(|ch| ch.is_alphabetic() && !ch.is_ascii())
}

impl Engine<'_> {
    /// A word that may belong to a person's name beside a login: a capitalized word (or one
    /// in a script without case) on no list of words that are never names, or an
    /// abbreviated given name with its period (`Ma.`).
    fn agree_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // The cheap tests first: the class, the flags, the trailing period before counting.
        matches!(t.class, Class::Plain | Class::Threat)
            && !self.has(i, flag::CUE | flag::STOP)
            && (c::is_cap_word(t.s) || t.trail == b'.' && t.s.chars().count() <= 3)
            && t.s
                .chars()
                .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '’'))
    }

    /// Token `i` is written beyond ASCII or its flags put it on a name list (a word that is
    /// also a census name included).
    fn on_name_lists(&self, i: usize) -> bool {
        !self.toks[i].s.is_ascii()
            || self.has(
                i,
                flag::GIVEN
                    | flag::SURNAME
                    | flag::CENSUS_GIVEN
                    | flag::CENSUS_SURNAME
                    | flag::NAME_WORD,
            )
    }

    /// The words `first..=last` may be a person's name: each a listed name, a particle, a
    /// word beyond ASCII or no common word, and one of them more than a word that is also
    /// a census name (`Help Desk`, `Acme Support` are not names; `Max Bell` is).
    fn name_run_ok(&self, first: usize, last: usize) -> bool {
        let strong = |i: usize| {
            !self.toks[i].s.is_ascii()
                || !self.has(i, flag::COMMON | flag::NAME_WORD | flag::NEVER)
                || self.has(i, flag::GIVEN | flag::SURNAME)
                || self.has(i, flag::CENSUS_GIVEN | flag::CENSUS_SURNAME)
                    && !self.has(i, flag::COMMON | flag::NEVER)
        };
        let weak = |i: usize| {
            self.particle(i)
                || self.has(i, flag::NAME_WORD)
                || super::listed_name(self.v, self.toks[i].s)
        };
        // Nothing tells a capitalized English word from an unlisted surname: one word must
        // be on a name list or beyond ASCII.
        let named = |i: usize| self.on_name_lists(i) || super::listed_name(self.v, self.toks[i].s);
        (first..=last).all(|i| strong(i) || weak(i))
            && (first..=last).any(|i| !self.particle(i) && strong(i))
            && (first..=last).any(|i| !self.particle(i) && named(i))
    }

    /// Two or three capitalized words on no list of words at all (names of a language the
    /// lists miss: `Milana Sakalauskas (msakalauskas)`), when the login spells one of them
    /// whole, four letters or more: the login says they are a person's name.
    fn unlisted_name_run_ok(&self, key: &[u8], first: usize, last: usize) -> bool {
        if !(1..=2).contains(&(last - first)) {
            return false;
        }
        let plain = |i: usize| {
            let t = &self.toks[i];
            c::is_cap_word(t.s)
                && t.s.chars().all(char::is_alphabetic)
                && !self.has(
                    i,
                    flag::COMMON
                        | flag::NAME_WORD
                        | flag::NEVER
                        | flag::STOP
                        | flag::CUE
                        | flag::THREAT
                        | flag::PLACE,
                )
        };
        (first..=last).all(plain)
            && self
                .name_parts(first, last)
                .iter()
                .any(|p| p.len() >= 4 && key.windows(p.len()).any(|w| w == p.as_slice()))
    }

    /// The name's words as lowercase ASCII letters (`Núñez` -> `nunez`).
    fn name_parts(&self, first: usize, last: usize) -> Vec<Vec<u8>> {
        (first..=last)
            .map(|i| {
                let s = self.toks[i].s;
                // An ASCII word lowercases to ASCII and has nothing to fold: no copies.
                if s.is_ascii() {
                    return s
                        .bytes()
                        .map(|b| b.to_ascii_lowercase())
                        .filter(u8::is_ascii_lowercase)
                        .collect();
                }
                super::fold_latin(&s.to_lowercase())
                    .bytes()
                    .filter(u8::is_ascii_lowercase)
                    .collect()
            })
            .collect()
    }

    /// What [`Engine::agrees`] asks first, alone: the key starts with the first letter of
    /// one of the words (the words before it giving none), a test on one byte each.
    fn may_agree(&self, key: &[u8], first: usize, last: usize) -> bool {
        let Some(&k0) = key.first() else {
            return false;
        };
        (first..=last).any(|i| {
            self.toks[i]
                .s
                .as_bytes()
                .first()
                .is_some_and(|&b| !b.is_ascii_alphabetic() || b.to_ascii_lowercase() == k0)
        })
    }

    fn agrees(&self, key: &[u8], first: usize, last: usize) -> bool {
        // The first letters before any word is folded.
        if !self.may_agree(key, first, last) {
            return false;
        }
        let mut parts = self.name_parts(first, last);
        if built_from(key, &parts) {
            return true;
        }
        parts.reverse();
        built_from(key, &parts)
    }

    /// The words of a name ending at `last` on its line: up to four, joined by single
    /// spaces (a comma after the first for `Roe, Ann`), particles inside.
    fn name_run_back(&self, last: usize) -> Option<usize> {
        if !self.agree_word(last) {
            return None;
        }
        let mut first = last;
        while first > 0 && last - first < 3 {
            let p = first - 1;
            let gap = &self.text[self.toks[p].end..self.toks[first].start];
            let word = self.agree_word(p) || self.particle(p) && first <= last;
            let comma_ok = matches!(gap, ", " | ",") && last - first == 0 && self.agree_word(p);
            if !(word && (gap == " " || comma_ok)) {
                break;
            }
            first = p;
        }
        while first < last && self.particle(first) {
            first += 1;
        }
        Some(first)
    }

    /// The words of a name starting at `first`, up to four, ending before a `)` or `,`.
    fn name_run_forward(&self, first: usize) -> Option<usize> {
        if !self.agree_word(first) {
            return None;
        }
        let mut last = first;
        while last + 1 < self.toks.len() && last - first < 3 {
            let n = last + 1;
            let gap = &self.text[self.toks[last].end..self.toks[n].start];
            if gap != " " || !(self.agree_word(n) || self.particle(n)) {
                break;
            }
            last = n;
        }
        let after = self.text.as_bytes().get(self.toks[last].end).copied();
        matches!(after, Some(b')' | b',')).then_some(last)
    }

    fn remove_name_run(&mut self, first: usize, last: usize, reason: &'static str) {
        let index = self.found.len();
        for t in &mut self.toks[first..=last] {
            t.class = Class::Removed;
            t.finding = index;
        }
        let (s, e) = (self.toks[first].start, self.toks[last].end);
        self.remove(s, e, Kind::Name, reason);
    }

    /// `Ann Roe (ann.roe@...)`, `Ann Roe, ann.roe@...`, `Roe, Ann (aroe)`, `aroe (Ann Roe,
    /// Pharmacy)`, `Ann Roe (@aroe)`: capitalized words beside a login or an e-mail address
    /// whose local part is built from them are a person's name; a login still open goes as
    /// a user name.
    pub(super) fn names_beside_logins(&mut self) {
        let mut key = Vec::new();
        for k in 0..self.toks.len() {
            let (ts, tstart, tend, class) = {
                let t = &self.toks[k];
                (t.s, t.start, t.end, t.class)
            };
            // One pass over the bytes: an `@`, a `.` or `_`, a capital, anything else.
            let (mut at, mut dot, mut upper, mut other) = (false, false, false, false);
            for b in ts.bytes() {
                match b {
                    b'@' => at = true,
                    b'.' | b'_' => dot = true,
                    b'A'..=b'Z' => upper = true,
                    b'a'..=b'z' | b'0'..=b'9' => {}
                    _ => other = true,
                }
            }
            // Lowercase letters and digits only.
            let bare = !(at || dot || upper || other);
            let login_shape = at || dot && !upper || bare;
            if !login_shape || matches!(class, Class::Protected | Class::Threat) {
                continue;
            }
            let bytes = self.text.as_bytes();
            let in_parens = self.text[..tstart].ends_with('(') && bytes.get(tend) == Some(&b')');
            // A bare lowercase word outside brackets is a login only when it is no word.
            if bare && !in_parens && self.has(k, flag::COMMON | flag::STOP | flag::NEVER) {
                continue;
            }
            if !login_key_into(ts, &mut key) {
                continue;
            }
            let mut found = false;
            // The name before, on the same line: `Ann Roe (login)`, `Ann Roe, login`, `Roe,
            // Ann, Pharmacy, ann.roe@...`, a sheet's `"Roe,Ann",aroe7`.
            let mut last = k;
            while !found && last > 0 && k - last < 10 {
                last -= 1;
                // No token holds a newline: the gap after each word back is read once.
                if has_newline(self.text, self.toks[last].end, self.toks[last + 1].start) {
                    break;
                }
                if !self.agree_word(last) {
                    continue;
                }
                let Some(mut first) = self.name_run_back(last) else {
                    continue;
                };
                // "See Ann Roe (aroe)": the words the login owes nothing to stay.
                while first < last
                    && self.agrees(&key, first + 1, last)
                    && !(self.toks[first].trail == b'.' && self.toks[first].s.len() <= 3)
                {
                    first += 1;
                }
                // "Ann Roe, Privacy (aroe)": nor the words after a comma the login owes
                // nothing to; "Roe, Ann P. (aroe)": an initial after the name goes with it.
                let mut end = last;
                if let Some(comma) = (first..last).find(|&i| self.toks[i].after == b',') {
                    if self.agrees(&key, first, comma) {
                        end = comma;
                    }
                }
                if end == last
                    && last + 1 < k
                    && self.toks[last].after == b' '
                    && c::is_initial(self.toks[last + 1].s)
                    && self.toks[last + 1].trail == b'.'
                    && self.toks[last + 1].class == Class::Plain
                {
                    end = last + 1;
                }
                let core = end.min(last);
                // The one-byte test of `agrees` before the word lists of `name_run_ok`.
                if self.may_agree(&key, first, core)
                    && (self.name_run_ok(first, core)
                        || self.unlisted_name_run_ok(&key, first, core))
                    && self.agrees(&key, first, core)
                {
                    self.remove_name_run(first, end, "name beside a login built from it");
                    found = true;
                }
            }
            // The name after: `login (Ann Roe)`, `login (Ann Roe, Pharmacy)`.
            let n = k + 1;
            if !found
                && n < self.toks.len()
                && self.text.get(tend..self.toks[n].start) == Some(" (")
            {
                if let Some(last) = self.name_run_forward(n) {
                    if self.may_agree(&key, n, last)
                        && self.name_run_ok(n, last)
                        && self.agrees(&key, n, last)
                    {
                        self.remove_name_run(n, last, "name beside a login built from it");
                        found = true;
                    }
                }
            }
            if found && !ts.contains('@') {
                let reason = "login built from the name beside it";
                match self.toks[k].class {
                    Class::Plain => self.remove_toks(k, k, Kind::User, reason),
                    // A host by its shape (`aroe3`), a user by the name beside it.
                    Class::Removed
                        if self.found.get(self.toks[k].finding).is_some_and(|f| {
                            f.kind == Kind::InternalHost && f.original_span == (tstart..tend)
                        }) =>
                    {
                        self.rekind(k, Kind::User, reason);
                    }
                    _ => {}
                }
            }
        }
    }

    /// A vCard's `N:` (family;given;additional;prefix;suffix) and `FN:` lines, and an
    /// iCalendar organizer's or attendee's common name (`ATTENDEE;CN=Ann Roe:mailto:...`):
    /// the format says the value is a person's name.
    pub(super) fn card_and_calendar_names(&mut self) {
        let mut in_card = false;
        for (start, line) in self.lines() {
            let line = line.trim_end_matches(['\n', '\r']);
            // Property names in any case, tested in place (no copy per line).
            let starts = |name: &str| {
                line.as_bytes()
                    .get(..name.len())
                    .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
            };
            if starts("BEGIN:VCARD") {
                in_card = true;
                continue;
            }
            if starts("END:VCARD") {
                in_card = false;
                continue;
            }
            if in_card && (starts("N:") || starts("N;")) {
                let Some(colon) = line.find(':') else {
                    continue;
                };
                // Family, given and additional names; prefix and suffix (titles) stay.
                let mut at = start + colon + 1;
                for (i, part) in line[colon + 1..].split(';').enumerate() {
                    if i < 3 {
                        self.remove_name_bytes(at, at + part.len(), "name in a vCard");
                    }
                    at += part.len() + 1;
                }
            } else if in_card && (starts("FN:") || starts("FN;")) {
                if let Some(colon) = line.find(':') {
                    self.remove_name_bytes(
                        start + colon + 1,
                        start + line.len(),
                        "name in a vCard",
                    );
                }
            } else if starts("ORGANIZER") || starts("ATTENDEE") {
                self.calendar_common_name(start, line);
            }
        }
    }

    /// The `CN=` parameter of an iCalendar property line, quoted or not.
    fn calendar_common_name(&mut self, start: usize, line: &str) {
        let Some(at) = line.to_ascii_uppercase().find(";CN=") else {
            return;
        };
        let vs = at + 4;
        let rest = &line[vs..];
        let (s, e) = if let Some(q) = rest.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (vs + 1, vs + 1 + end),
                None => return,
            }
        } else {
            let end = rest.find([';', ':']).unwrap_or(rest.len());
            (vs, vs + end)
        };
        let value = &line[s..e];
        // A person's or a resource's display name: letters, spaces and name punctuation.
        let shaped = value.chars().any(char::is_alphabetic)
            && value
                .chars()
                .all(|ch| ch.is_alphabetic() || matches!(ch, ' ' | '.' | ',' | '-' | '\'' | '’'));
        // A shared mailbox or a room (`Front Desk`, `Radiology Scheduling`) is no person:
        // a word naming a desk, team or room, and no listed given name, keeps it.
        let resource = || {
            let words: Vec<String> = value
                .split([' ', ',', '-'])
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words
                .iter()
                .any(|w| CALENDAR_RESOURCE_WORDS.contains(&w.as_str()))
                && !words
                    .iter()
                    .any(|w| self.v.given.contains(w.as_str()) || crate::gazetteer::given(w))
        };
        if shaped && !resource() {
            self.remove_name_bytes(
                start + s,
                start + e,
                "name of a calendar organizer or attendee",
            );
        }
    }

    /// Removes the bytes `s..e` (trimmed) as a name unless an indicator lies inside them;
    /// the open tokens it overlaps are marked removed (`N:Roe` is one token, its
    /// label stays).
    fn remove_name_bytes(&mut self, s: usize, e: usize, reason: &'static str) {
        let span = &self.text[s..e];
        let s = s + (span.len() - span.trim_start().len());
        let e = s + span.trim().len();
        if s >= e || !self.text[s..e].chars().any(char::is_alphabetic) {
            return;
        }
        let from = self.toks.partition_point(|t| t.end <= s);
        let mut inside = Vec::new();
        for k in from..self.toks.len() {
            let t = &self.toks[k];
            if t.start >= e {
                break;
            }
            if matches!(t.class, Class::Protected | Class::Threat) {
                return;
            }
            inside.push(k);
        }
        let index = self.found.len();
        for k in inside {
            if self.toks[k].class == Class::Plain {
                self.toks[k].class = Class::Removed;
                self.toks[k].finding = index;
            }
        }
        self.remove(s, e, Kind::Name, reason);
    }
}

/// Who speaks or writes in a chat or a log rather than a person: `Support:`, `Agent:`.
const ROLE_SPEAKERS: &[&str] = &[
    "support",
    "agent",
    "system",
    "bot",
    "admin",
    "analyst",
    "caller",
    "customer",
    "patient",
    "nurse",
    "operator",
    "user",
    "victim",
    "attacker",
    "negotiator",
    "host",
    "guest",
    "client",
    "server",
    "note",
    "summary",
    "status",
    "owner",
    "reporter",
    "moderator",
    "team",
    "desk",
];

impl Engine<'_> {
    /// `02/07 07:59 AM Ann Roe: anyone else get a text`, `Bryant: the box is the archive`:
    /// the capitalized words that open a chat line after its time, or a given name alone
    /// opening a line before a colon and a sentence, are who wrote it.
    pub(super) fn line_speakers(&mut self) {
        let mut first = 0;
        for (start, line) in self.lines() {
            let Some(line_end) = self.line_start_token(&mut first, start, line) else {
                continue;
            };
            let on_line = |e: &Self, i: usize| i < e.toks.len() && e.toks[i].start < line_end;
            // A date and a time, or a time, and AM or PM.
            let mut k = first;
            if on_line(self, k + 1) && !c::clock_time(self.toks[k].s) {
                let d = self.toks[k].s;
                if d.bytes().any(|b| b.is_ascii_digit())
                    && d.bytes()
                        .all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'-' | b'.'))
                {
                    k += 1;
                }
            }
            let timed = on_line(self, k) && c::clock_time(self.toks[k].s);
            if timed {
                k += 1;
                if on_line(self, k) && matches!(self.toks[k].s, "AM" | "PM" | "am" | "pm") {
                    k += 1;
                }
            } else if k != first || self.toks[first].start - start > 2 {
                continue;
            }
            // The speaker: one to three capitalized words, the last ending in `: `.
            let mut end = k;
            while on_line(self, end) && end - k < 3 && self.toks[end].trail != b':' {
                if self.toks[end].after != b' ' {
                    break;
                }
                end += 1;
            }
            if !on_line(self, end)
                || self.toks[end].trail != b':'
                || self.text.as_bytes().get(self.toks[end].end + 1) != Some(&b' ')
                || !on_line(self, end + 1)
            {
                continue;
            }
            // `[04:15] <two words of a caseless script>:`: after a bracketed time, one to
            // three words of a script without Latin letters, none of them lowercase (a
            // Cyrillic word may open with its capital), are who wrote the line.
            let bracketed = timed && line.trim_start().starts_with('[');
            let foreign = bracketed
                && (k..=end).all(|i| {
                    let t = &self.toks[i];
                    t.class == Class::Plain
                        && (self.has(i, flag::NON_LATIN) || c::is_cap_word(t.s) && !t.s.is_ascii())
                        && !t.s.starts_with(char::is_lowercase)
                        && !self.has(i, flag::CUE | flag::NEVER | flag::THREAT)
                });
            if foreign {
                self.remove_toks(k, end, Kind::Name, "writer of a chat line");
                continue;
            }
            let speaker = (k..=end).all(|i| {
                // "Nurul bin Osman:", "Ana de Souza:": a particle inside the name.
                if i > k && i < end && self.particle(i) {
                    return true;
                }
                let lower = self.toks[i].s.to_lowercase();
                self.agree_word(i)
                    && !self.has(i, flag::NEVER | flag::THREAT)
                    && !ROLE_SPEAKERS.contains(&lower.as_str())
            });
            if !speaker {
                continue;
            }
            let ok = if timed {
                // After a time: a name of the lists, a word that is also one included.
                (k..=end).any(|i| self.on_name_lists(i))
            } else {
                // Alone: one given name that is no word, before a sentence.
                k == end
                    && self.has(k, flag::GIVEN | flag::CENSUS_GIVEN)
                    && !self.has(k, flag::COMMON | flag::NAME_WORD | flag::SURNAME)
                    && (end + 1..self.toks.len())
                        .take_while(|&i| on_line(self, i))
                        .any(|i| {
                            self.toks[i]
                                .s
                                .starts_with(|ch: char| ch.is_ascii_lowercase())
                        })
            };
            if ok && (k..=end).all(|i| self.toks[i].class == Class::Plain) {
                self.remove_toks(k, end, Kind::Name, "writer of a chat or note line");
            }
        }
    }
}

impl Engine<'_> {
    /// `-- ` on a line of its own opens a mail signature; the line after it holding only one
    /// to three words of a script without Latin letters, none lowercase, is who signed.
    pub(super) fn signature_names(&mut self) {
        let mut first = 0;
        let mut after_delimiter = false;
        for (start, line) in self.lines() {
            let delimiter = matches!(line.trim_end_matches(['\r', '\n']), "-- " | "--");
            if after_delimiter {
                if let Some(line_end) = self.line_start_token(&mut first, start, line) {
                    let mut end = first;
                    while end + 1 < self.toks.len() && self.toks[end + 1].start < line_end {
                        end += 1;
                    }
                    let ok = end - first < 3
                        && self.toks[end].end == line_end
                        && (first..=end).all(|i| {
                            let t = &self.toks[i];
                            t.class == Class::Plain
                                && self.has(i, flag::NON_LATIN)
                                && !t.s.starts_with(char::is_lowercase)
                                && !self.has(i, flag::CUE | flag::NEVER | flag::THREAT)
                                && (i == first || self.toks[i - 1].after == b' ')
                        });
                    if ok {
                        self.remove_toks(first, end, Kind::Name, "name signing a mail");
                    }
                }
            }
            after_delimiter = delimiter;
        }
    }
}

impl Engine<'_> {
    /// `name=Roe+Ann`, `pt_name=Ann+Roe&mrn=...`: a form-encoded value of a key ending in
    /// `name`, capitalized words joined by `+` (an encoded space), one of them a given name
    /// of the lists, is a person's name.
    pub(super) fn encoded_names(&mut self) {
        for k in 0..self.toks.len() {
            let t = &self.toks[k];
            if !t.s.contains('+') || !matches!(t.class, Class::Plain | Class::Removed) {
                continue;
            }
            let key_before = self
                .text
                .get(t.start.saturating_sub(5)..t.start)
                .is_some_and(|b| b.eq_ignore_ascii_case("name="));
            if !key_before {
                continue;
            }
            let len =
                t.s.find(|ch: char| !(ch.is_alphabetic() || matches!(ch, '+' | '-' | '\'')))
                    .unwrap_or(t.s.len());
            let parts: Vec<&str> = t.s[..len].split('+').collect();
            let ok = (2..=4).contains(&parts.len())
                && parts.iter().all(|p| c::is_cap_word(p))
                && parts.iter().any(|p| {
                    let l = super::fold_latin(&p.to_lowercase());
                    self.v.given.contains(l.as_str()) || crate::gazetteer::given(&l)
                });
            if ok {
                let start = t.start;
                self.remove_name_bytes(start, start + len, "name in a form-encoded value");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::built_from;

    #[test]
    fn a_chat_speakers_name_with_bin_or_binti_goes_whole() {
        check(&[
            (
                "[03/04/26, 10:15] Nurul bin Osman: dah call balik\n",
                "[[DATE], 10:15] [NAME]: dah call balik\n",
            ),
            // A sentence after a time with no name in it stays.
            (
                "[03/04/26, 10:15] Recycle bin Folder: emptied\n",
                "[[DATE], 10:15] Recycle bin Folder: emptied\n",
            ),
        ]);
    }

    #[test]
    fn a_newline_between_two_tokens_is_found() {
        assert!(super::has_newline("Ann\nRoe", 3, 4));
        assert!(!super::has_newline("Ann Roe\n", 3, 4));
        assert!(!super::has_newline("Ann\nRoe", 0, 3));
        assert!(!super::has_newline("AnnRoe", 3, 3));
    }

    #[test]
    fn a_login_key_is_the_letters_of_the_local_part() {
        let key = |s: &str| super::login_key(s).map(|k| String::from_utf8(k).unwrap());
        assert_eq!(key("Ana.Nunez2@example.org").as_deref(), Some("ananunez"));
        assert_eq!(key("@@jo_hn-1").as_deref(), Some("john"));
        assert_eq!(key("CLINIC\\jdoe").as_deref(), Some("jdoe"));
        assert_eq!(key("a\\b\\ann.roe@x@y").as_deref(), Some("annroe"));
        assert_eq!(key("Ana.Núñez").as_deref(), Some("ananunez"));
        assert_eq!(key("ab1"), None);
        assert_eq!(key("a1b2"), None);
        assert_eq!(key("ann+roe"), None);
        assert_eq!(key(&"a".repeat(41)), None);
    }

    fn parts(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn a_login_is_built_from_prefixes_of_the_name() {
        assert!(built_from(b"aroe", &parts(&["ann", "roe"])));
        assert!(built_from(b"svanarkel", &parts(&["sepp", "van", "arkel"])));
        assert!(built_from(b"annro", &parts(&["ann", "roe"])));
        assert!(!built_from(b"ann", &parts(&["ann", "roe"])));
        assert!(!built_from(b"helpdesk", &parts(&["ann", "roe"])));
    }

    #[test]
    fn a_name_beside_its_own_login_or_address_goes() {
        check(&[
            (
                "* romano.lucia@example.org (Lucia Romano, Pharmacy) clicked the link\n",
                "* romano.lucia@example.org ([NAME], Pharmacy) clicked the link\n",
            ),
            (
                "Reported by Brisk Tallowmere (btallowmere), Radiology\n",
                "Reported by [NAME] ([USER]), Radiology\n",
            ),
            (
                "| Comms | Lucia Romano, lucia.romano@example.org |\n",
                "| Comms | [NAME], lucia.romano@example.org |\n",
            ),
            // A given name that is also a word, and a name of the lists, with the login.
            (
                "See Max Bell (max.bell@example.org) and Ilse Grabowski (igrabowski) today.\n",
                "See [NAME] (max.bell@example.org) and [NAME] ([USER]) today.\n",
            ),
            // Further along the line: a role between, a sheet row's login and address.
            (
                "Opened by: Matteo da Luz <matteod7@example.org>, Grabowski, Ilse P. (igrabowski)\n\
                 \u{20}\u{20}* Grabowski, Ilse, Sys Admin, ilse.grabowski@example.org, laptop\n\
                 By Ilse Grabowski, Privacy Office, igrabowski@example.org\n\
                 17,\"Grabowski,Ilse\",igrabows3,Lab\n",
                "Opened by: [NAME] <matteod7@example.org>, [NAME] ([USER])\n\
                 \u{20}\u{20}* [NAME], Sys Admin, ilse.grabowski@example.org, laptop\n\
                 By [NAME], Privacy Office, igrabowski@example.org\n\
                 17,\"[NAME]\",[USER],Lab\n",
            ),
            // Words that are no name, beside a login made of them, stay.
            (
                "Ask Help Desk (helpdesk@example.org) today.\n",
                "Ask Help Desk (helpdesk@example.org) today.\n",
            ),
        ]);
    }

    #[test]
    fn a_chat_writer_in_a_caseless_script_goes() {
        check(&[
            ("[09:12] ສີດາ ບຸບຜາ: ກວດແລ້ວ\n", "[09:12] [NAME]: ກວດແລ້ວ\n"),
            (
                "[10:01] Ирина Соколова: готово\n",
                "[10:01] [NAME]: готово\n",
            ),
            // A lowercase word after the time is the start of a sentence, not a writer.
            (
                "[10:01] сервер: перезапущен\n",
                "[10:01] сервер: перезапущен\n",
            ),
            // Without a bracketed time nothing is read.
            ("ສີດາ ບຸບຜາ: ກວດແລ້ວ ok\n", "ສີດາ ບຸບຜາ: ກວດແລ້ວ ok\n"),
        ]);
    }

    #[test]
    fn the_line_after_a_signature_delimiter_in_a_caseless_script_goes() {
        check(&[
            ("ok.\n\n-- \nಸುಮಾ ಹೊನ್ನಪ್ಪ\n", "ok.\n\n-- \n[NAME]\n"),
            // Latin words and longer lines after the delimiter stay.
            (
                "ok.\n\n-- \nSecurity Operations\n",
                "ok.\n\n-- \nSecurity Operations\n",
            ),
            (
                "ok.\n\n-- \nಒಂದು ಎರಡು ಮೂರು ನಾಲ್ಕು\n",
                "ok.\n\n-- \nಒಂದು ಎರಡು ಮೂರು ನಾಲ್ಕು\n",
            ),
        ]);
    }

    #[test]
    fn the_writer_of_a_chat_or_note_line_goes_a_role_stays() {
        check(&[
            (
                "02/07 07:59 AM Rich: anyone else get a text?\n08:02 AM Support: pay now\n",
                "02/07 07:59 AM [NAME]: anyone else get a text?\n08:02 AM Support: pay now\n",
            ),
            (
                "Gerald: the archive box is down\nStatus: open\nSummary: none\n",
                "[NAME]: the archive box is down\nStatus: open\nSummary: none\n",
            ),
        ]);
    }

    #[test]
    fn a_calendar_resource_keeps_its_name_a_person_on_the_same_invite_does_not() {
        check(&[(
            "ORGANIZER;CN=Radiology Scheduling Desk:mailto:a@example.org\nATTENDEE;CN=Ann Tallowmere:mailto:b@example.org\n",
            "ORGANIZER;CN=Radiology Scheduling Desk:mailto:a@example.org\nATTENDEE;CN=[NAME]:mailto:b@example.org\n",
        )]);
    }

    #[test]
    fn a_form_encoded_name_goes_a_product_stays() {
        check(&[(
            "lookup failed for q=1 name=Roe+Amanda\" and app name=Acme+Viewer\n",
            "lookup failed for q=1 name=[NAME]\" and app name=Acme+Viewer\n",
        )]);
    }

    #[test]
    fn vcard_and_calendar_names_go() {
        check(&[
            (
                "BEGIN:VCARD\nVERSION:3.0\nN:Tallowmere;Brisk;;Dr.;\nFN:Brisk Tallowmere\nEND:VCARD\n",
                "BEGIN:VCARD\nVERSION:3.0\nN:[NAME];[NAME];;Dr.;\nFN:[NAME]\nEND:VCARD\n",
            ),
            (
                "ORGANIZER;CN=Brisk Tallowmere:mailto:b@example.org\nSUMMARY:Review\n",
                "ORGANIZER;CN=[NAME]:mailto:b@example.org\nSUMMARY:Review\n",
            ),
        ]);
    }

    #[test]
    fn unlisted_words_beside_a_login_that_spells_one_of_them_whole() {
        check(&[
            (
                "Tyontekija Quorvel Zandrit (qzandrit) avasi liitteen.\n",
                "Tyontekija [NAME] ([USER]) avasi liitteen.\n",
            ),
            // Ordinary words stay, whatever the login.
            (
                "The Zoom Room (zroom) is booked.\n",
                "The Zoom Room (zroom) is booked.\n",
            ),
        ]);
    }
}
