//! JSON lines: Zeek JSON, Suricata EVE and any other JSON-per-line log. A small pull
//! tokenizer walks the line once and hands every scalar to the field table with its dotted
//! path (`dns.queries.rrname`; array positions dropped), without building a tree: most of
//! a line is skipped at memchr speed, and only fields that can hold an indicator are
//! copied.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use memchr::memchr2;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::event::Event;
use crate::fields::{classify, FieldKind, Role};
use crate::readers::find_short;

/// Nesting deeper than this is refused (a nesting bomb is a broken line, not a stack
/// overflow).
const MAX_DEPTH: usize = 32;

/// Why a line is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotJson;

/// Which JSON log, which decides what unknown fields mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Zeek,
    Eve,
    Generic,
    /// Windows events: EVTX records as JSON, Winlogbeat, NXLog.
    Windows,
}

/// Reusable buffers of the walker.
#[derive(Debug, Default)]
pub struct JsonScratch {
    path: String,
    text: String,
    /// Classification of the paths seen so far: a line of a log repeats the previous
    /// line's keys, so one hash lookup replaces the field table walk.
    memo: HashMap<Box<str>, (FieldKind, Role), BuildHasherDefault<PathHasher>>,
}

/// XXH3 for the memo's short path keys: it runs for every scalar of every line, and std's
/// SipHash (built against hostile keys, which a bounded cache can afford to lose to) cost
/// several times as much. (A word-at-a-time multiplicative hash measured no better.)
#[derive(Default)]
struct PathHasher(u64);

impl Hasher for PathHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

const MEMO_LIMIT: usize = 4096;

pub fn parse_line(
    line: &[u8],
    flavor: Flavor,
    event: &mut Event,
    scratch: &mut JsonScratch,
) -> Result<(), NotJson> {
    let unknown = match flavor {
        Flavor::Zeek | Flavor::Eve | Flavor::Windows => FieldKind::Ignore,
        Flavor::Generic => FieldKind::Sniff,
    };
    // One validation of the whole line (fast on long ASCII runs) instead of one per
    // string; every slice below is cut at an ASCII quote, so it stays valid UTF-8.
    let line = simdutf8::basic::from_utf8(line).map_err(|_| NotJson)?;
    let mut w = Walker {
        s: line,
        b: line.as_bytes(),
        i: 0,
        path: std::mem::take(&mut scratch.path),
        text: std::mem::take(&mut scratch.text),
    };
    w.path.clear();
    let memo = &mut scratch.memo;
    if memo.len() > MEMO_LIMIT {
        // Hostile or very varied keys: keep memory bounded.
        memo.clear();
    }
    let result = w.document(&mut |path, value, is_string| {
        if flavor == Flavor::Eve && path == "event_type" && matches!(value, "tls" | "quic") {
            event.set_tls();
            return;
        }
        if flavor == Flavor::Windows && crate::readers::windows::json_field(path, value, event) {
            return;
        }
        // A sign-in export names the account it is about (Microsoft Entra ID).
        if flavor == Flavor::Generic && path == "userPrincipalName" {
            event.set_host(value);
            return;
        }
        let (kind, role) = match memo.get(path) {
            Some(&c) => c,
            None => {
                let c = classify(path, unknown);
                memo.insert(path.into(), c);
                c
            }
        };
        if !is_string && !matches!(kind, FieldKind::Time | FieldKind::DestPort) {
            return;
        }
        event.push_field(path, kind, role, value);
    });
    scratch.path = w.path;
    scratch.text = w.text;
    result
}

struct Walker<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    path: String,
    text: String,
}

type Visit<'v> = dyn FnMut(&str, &str, bool) + 'v;

impl Walker<'_> {
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn document(&mut self, visit: &mut Visit<'_>) -> Result<(), NotJson> {
        self.ws();
        if self.b.get(self.i) != Some(&b'{') {
            return Err(NotJson);
        }
        self.value(visit, 0)?;
        self.ws();
        if self.i != self.b.len() {
            return Err(NotJson);
        }
        Ok(())
    }

    fn value(&mut self, visit: &mut Visit<'_>, depth: usize) -> Result<(), NotJson> {
        if depth > MAX_DEPTH {
            return Err(NotJson);
        }
        self.ws();
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    let keep = self.path.len();
                    if !self.path.is_empty() {
                        self.path.push('.');
                    }
                    match key {
                        Str::Raw(a, b) => self.path.push_str(self.s.get(a..b).ok_or(NotJson)?),
                        Str::Decoded => {
                            let t = std::mem::take(&mut self.text);
                            self.path.push_str(&t);
                            self.text = t;
                        }
                    }
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return Err(NotJson);
                    }
                    self.i += 1;
                    self.value(visit, depth + 1)?;
                    self.path.truncate(keep);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(NotJson),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.value(visit, depth + 1)?;
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(NotJson),
                    }
                }
            }
            Some(b'"') => {
                match self.string()? {
                    Str::Raw(a, b) => {
                        let s = self.s.get(a..b).ok_or(NotJson)?;
                        visit(&self.path, s, true);
                    }
                    Str::Decoded => visit(&self.path, &self.text, true),
                }
                Ok(())
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(c) if c.is_ascii_digit() || *c == b'-' => {
                let start = self.i;
                while let Some(&c) = self.b.get(self.i) {
                    if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E') {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                // Digits and signs only: ASCII.
                let n = self.s.get(start..self.i).ok_or(NotJson)?;
                visit(&self.path, n, false);
                Ok(())
            }
            _ => Err(NotJson),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), NotJson> {
        if self.b.get(self.i..).is_some_and(|r| r.starts_with(word)) {
            self.i += word.len();
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    /// Reads a string at `self.i` (which must be a quote). Without escapes it is a range of
    /// the line; with escapes it is decoded into `self.text`.
    fn string(&mut self) -> Result<Str, NotJson> {
        if self.b.get(self.i) != Some(&b'"') {
            return Err(NotJson);
        }
        let start = self.i + 1;
        let rest = self.b.get(start..).ok_or(NotJson)?;
        let stop = find_short(rest, b'"', b'\\').ok_or(NotJson)?;
        if rest.get(stop) == Some(&b'"') {
            self.i = start + stop + 1;
            return Ok(Str::Raw(start, start + stop));
        }
        let mut out = std::mem::take(&mut self.text);
        out.clear();
        let mut bytes: Vec<u8> = Vec::with_capacity(stop + 16);
        bytes.extend_from_slice(rest.get(..stop).ok_or(NotJson)?);
        let mut j = start + stop;
        loop {
            match self.b.get(j) {
                None => return Err(NotJson),
                Some(b'"') => break,
                Some(b'\\') => {
                    let esc = *self.b.get(j + 1).ok_or(NotJson)?;
                    j += 2;
                    match esc {
                        b'"' => bytes.push(b'"'),
                        b'\\' => bytes.push(b'\\'),
                        b'/' => bytes.push(b'/'),
                        b'b' => bytes.push(8),
                        b'f' => bytes.push(12),
                        b'n' => bytes.push(b'\n'),
                        b'r' => bytes.push(b'\r'),
                        b't' => bytes.push(b'\t'),
                        b'u' => {
                            let mut code = self.hex4(j)?;
                            j += 4;
                            if (0xD800..0xDC00).contains(&code)
                                && self.b.get(j) == Some(&b'\\')
                                && self.b.get(j + 1) == Some(&b'u')
                            {
                                let low = self.hex4(j + 2)?;
                                if (0xDC00..0xE000).contains(&low) {
                                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                                    j += 6;
                                }
                            }
                            let c = char::from_u32(code).unwrap_or('\u{FFFD}');
                            let mut buf = [0u8; 4];
                            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => return Err(NotJson),
                    }
                }
                Some(_) => {
                    let rest = self.b.get(j..).ok_or(NotJson)?;
                    let stop = memchr2(b'"', b'\\', rest).ok_or(NotJson)?;
                    bytes.extend_from_slice(rest.get(..stop).ok_or(NotJson)?);
                    j += stop;
                }
            }
        }
        self.i = j + 1;
        out.push_str(std::str::from_utf8(&bytes).map_err(|_| NotJson)?);
        self.text = out;
        Ok(Str::Decoded)
    }

    fn hex4(&self, at: usize) -> Result<u32, NotJson> {
        let digits = self.b.get(at..at + 4).ok_or(NotJson)?;
        let s = std::str::from_utf8(digits).map_err(|_| NotJson)?;
        u32::from_str_radix(s, 16).map_err(|_| NotJson)
    }
}

enum Str {
    Raw(usize, usize),
    Decoded,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    fn found(line: &str, flavor: Flavor) -> Result<Vec<(String, Kind, String)>, NotJson> {
        let mut e = Event::new();
        parse_line(line.as_bytes(), flavor, &mut e, &mut JsonScratch::default())?;
        e.finish();
        Ok(e.items()
            .iter()
            .map(|o| (e.field(o).to_string(), o.kind, e.value(o).to_string()))
            .collect())
    }

    #[test]
    fn eve_dns_v2_and_v3() {
        let v2 = r#"{"timestamp":"2024-01-05T10:00:00.000000+0000","event_type":"dns","src_ip":"10.0.0.5","dest_ip":"10.0.0.1","dns":{"type":"query","rrname":"Evil.Example"}}"#;
        let v3 = r#"{"event_type":"dns","src_ip":"10.0.0.5","dns":{"queries":[{"rrname":"evil.example","rrtype":"A"}],"answers":[{"rdata":"203.0.113.9"}]}}"#;
        let a = found(v2, Flavor::Eve).unwrap();
        assert!(a.contains(&("dns.rrname".into(), Kind::Domain, "evil.example".into())));
        let b = found(v3, Flavor::Eve).unwrap();
        assert!(b.contains(&(
            "dns.queries.rrname".into(),
            Kind::Domain,
            "evil.example".into()
        )));
        assert!(b.contains(&("dns.answers.rdata".into(), Kind::Ipv4, "203.0.113.9".into())));
    }

    #[test]
    fn escapes_and_unicode() {
        let l = r#"{"url":"http:\/\/evil.example\/a\u0041","msg":"\ud83d\ude00"}"#;
        let a = found(l, Flavor::Generic).unwrap();
        assert!(a.contains(&("url".into(), Kind::Url, "http://evil.example/aA".into())));
    }

    #[test]
    fn hostile_lines_are_errors() {
        let deep = "{\"a\":".repeat(100) + "1" + &"}".repeat(100);
        for bad in [
            "",
            "{",
            "{\"a\"",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1]",
            "{\"a\":\"\\x\"}",
            "{\"a\":tru}",
            "{\"a\":1} x",
            "{\"a\":\"\\ud800\"",
            deep.as_str(),
            "{\"a\":\"\\u12\"}",
        ] {
            assert!(found(bad, Flavor::Generic).is_err(), "{bad}");
        }
        // Invalid UTF-8 inside a string.
        let mut e = Event::new();
        assert!(parse_line(
            b"{\"a\":\"\xff\"}",
            Flavor::Generic,
            &mut e,
            &mut JsonScratch::default()
        )
        .is_err());
    }

    #[test]
    fn multibyte_keys_and_values() {
        let l = "{\"caf\u{e9}\":\"\u{1f600}\",\"url\":\"http://evil.example/\u{e9}\",\"\u{e9}\\u00e9\":[\"\\u00e9\u{e9}\"]}";
        let a = found(l, Flavor::Generic).unwrap();
        assert!(
            a.contains(&("url".into(), Kind::Url, "http://evil.example/\u{e9}".into())),
            "{a:?}"
        );
        // Invalid UTF-8 in a key, and a truncated multi-byte character at the end.
        for bad in [
            &b"{\"\xc3\":1}"[..],
            b"{\"a\":\"\xe2\x82",
            b"{\"a\":tr\xc3\xa9}",
        ] {
            let mut e = Event::new();
            assert!(parse_line(bad, Flavor::Generic, &mut e, &mut JsonScratch::default()).is_err());
        }
    }
}
