//! The syslog receiver's pure half: the `[[syslog]]` tables of `watch.toml`, TCP framing
//! (RFC 6587), reading a message (RFC 3164 or RFC 5424) and writing it back as the line
//! rsyslog would have written to a file. No sockets here: the CLI's listeners hand bytes in,
//! and the line that comes out is matched by `ward scan`'s own readers, so a message sent
//! over the network alerts exactly as the same message in a syslog file does.
//!
//! Everything here reads foreign bytes: no slicing at computed offsets, no panics, invalid
//! UTF-8 read lossily.

#![deny(
    clippy::string_slice,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The longest message kept. Longer ones are cut to this and counted (RFC 5425 asks a
/// receiver to take at least 2 KiB; firewalls' URL logs can run to a few KiB).
pub const MAX_MESSAGE: usize = 64 * 1024;

/// One `[[syslog]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSyslog {
    listen: String,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
}

/// How messages arrive on a listener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// One message per datagram.
    Udp,
    /// A stream framed as RFC 6587 says.
    Tcp,
    /// TCP inside TLS (RFC 5425), with the server's certificate chain and key (PEM files).
    Tls { cert: PathBuf, key: PathBuf },
}

/// A checked `[[syslog]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyslogListen {
    pub transport: Transport,
    /// Port 0 asks the system for a free port; the bound one is said at start.
    pub addr: SocketAddr,
}

impl SyslogListen {
    pub fn scheme(&self) -> &'static str {
        match self.transport {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
            Transport::Tls { .. } => "tls",
        }
    }

    /// `scheme://addr`, as written in `watch.toml` and said in messages.
    pub fn url(&self, addr: SocketAddr) -> String {
        format!("{}://{addr}", self.scheme())
    }
}

/// Checks the `[[syslog]]` tables; paths are resolved against the data folder. The error
/// names the key (`syslog[N].listen`) and what was expected.
pub fn check(raw: &[RawSyslog], root: &Path) -> Result<Vec<SyslogListen>, String> {
    raw.iter()
        .enumerate()
        .map(|(n, r)| check_one(n, r, root))
        .collect()
}

fn check_one(n: usize, raw: &RawSyslog, root: &Path) -> Result<SyslogListen, String> {
    let key = format!("syslog[{n}]");
    let expected = "expected udp://, tcp:// or tls:// and an address with a port, such as \
                    \"udp://0.0.0.0:514\"";
    let (scheme, addr) = raw
        .listen
        .split_once("://")
        .ok_or_else(|| format!("{key}.listen: {expected}, found \"{}\"", raw.listen))?;
    let addr: SocketAddr = addr
        .parse()
        .map_err(|_| format!("{key}.listen: {expected}, found \"{}\"", raw.listen))?;
    let transport = match (scheme, &raw.tls_cert, &raw.tls_key) {
        ("udp" | "tcp", None, None) => {
            if scheme == "udp" {
                Transport::Udp
            } else {
                Transport::Tcp
            }
        }
        ("udp" | "tcp", _, _) => {
            let which = if raw.tls_cert.is_some() {
                "tls_cert"
            } else {
                "tls_key"
            };
            return Err(format!(
                "{key}.{which}: only read for a tls:// listener; remove it, or listen on \
                 tls://{addr}"
            ));
        }
        ("tls", Some(cert), Some(key_file)) => Transport::Tls {
            cert: root.join(cert),
            key: root.join(key_file),
        },
        ("tls", cert, _) => {
            let which = if cert.is_none() {
                "tls_cert"
            } else {
                "tls_key"
            };
            return Err(format!(
                "{key}.{which}: a tls:// listener needs tls_cert and tls_key (PEM files, \
                 relative to the data folder)"
            ));
        }
        _ => {
            return Err(format!(
                "{key}.listen: {expected}, found \"{}\"",
                raw.listen
            ))
        }
    };
    Ok(SyslogListen { transport, addr })
}

/// How a TCP connection frames its messages (RFC 6587), told from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `LEN SP MSG`: the sender says each message's length first.
    OctetCounted,
    /// Each message ends at a line feed (or a NUL, as some senders do).
    Delimited,
}

/// What the framer found in a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A message; `cut` when it was longer than [`MAX_MESSAGE`] and only its start is kept.
    Message { bytes: Vec<u8>, cut: bool },
    /// Bytes that were not a frame (a length that was not a number): skipped up to the next
    /// line feed, where reading starts again.
    Garbage,
}

/// Splits a TCP stream into messages. Holds at most one message's worth of bytes plus what
/// one `push` brings, whatever the sender sends: a message longer than the limit is cut and
/// the rest of it skipped, so the stream stays in step.
#[derive(Debug)]
pub struct Framer {
    framing: Option<Framing>,
    limit: usize,
    buf: Vec<u8>,
    /// Bytes of an over-long octet-counted message still to be skipped.
    skip: usize,
    /// Dropping bytes up to the next delimiter (after a cut line or garbage).
    to_line_end: bool,
}

/// The longest length prefix read: 10 digits is more than any real message.
const MAX_LEN_DIGITS: usize = 10;

impl Framer {
    pub fn new(limit: usize) -> Framer {
        Framer {
            framing: None,
            limit: limit.max(1),
            buf: Vec::new(),
            skip: 0,
            to_line_end: false,
        }
    }

    /// The framing told from the first byte, once one arrived.
    pub fn framing(&self) -> Option<Framing> {
        self.framing
    }

    /// Takes the next bytes of the stream and appends the frames they complete to `out`.
    pub fn push(&mut self, data: &[u8], out: &mut Vec<Frame>) {
        self.buf.extend_from_slice(data);
        loop {
            if self.skip > 0 {
                let n = self.skip.min(self.buf.len());
                self.buf.drain(..n);
                self.skip -= n;
                if self.skip > 0 {
                    return;
                }
            }
            if self.to_line_end {
                match self.buf.iter().position(|&b| is_delimiter(b)) {
                    Some(at) => {
                        self.buf.drain(..=at);
                        self.to_line_end = false;
                    }
                    None => {
                        self.buf.clear();
                        return;
                    }
                }
            }
            let Some(&first) = self.buf.first() else {
                return;
            };
            let framing = *self.framing.get_or_insert(if first.is_ascii_digit() {
                Framing::OctetCounted
            } else {
                Framing::Delimited
            });
            let progressed = match framing {
                Framing::OctetCounted => self.octet_counted(out),
                Framing::Delimited => self.delimited(out),
            };
            if !progressed {
                return;
            }
        }
    }

    /// The end of the stream: a last delimited message without its line feed still counts.
    pub fn finish(&mut self, out: &mut Vec<Frame>) {
        if self.framing == Some(Framing::Delimited) && !self.to_line_end && self.skip == 0 {
            let bytes = trim_frame(&self.buf).to_vec();
            if !bytes.is_empty() {
                out.push(Frame::Message { bytes, cut: false });
            }
        }
        self.buf.clear();
    }

    /// One delimited frame, if the buffer holds its end or more than the limit.
    fn delimited(&mut self, out: &mut Vec<Frame>) -> bool {
        match self.buf.iter().position(|&b| is_delimiter(b)) {
            Some(at) => {
                let line = self.buf.get(..at).unwrap_or_default();
                let cut = line.len() > self.limit;
                let bytes = trim_frame(line.get(..self.limit).unwrap_or(line)).to_vec();
                if !bytes.is_empty() {
                    out.push(Frame::Message { bytes, cut });
                }
                self.buf.drain(..=at);
                true
            }
            None if self.buf.len() > self.limit => {
                let bytes = self.buf.get(..self.limit).unwrap_or_default().to_vec();
                out.push(Frame::Message { bytes, cut: true });
                self.buf.clear();
                self.to_line_end = true;
                true
            }
            None => false,
        }
    }

    /// One octet-counted frame, if the buffer holds all of it (or the limit's worth).
    fn octet_counted(&mut self, out: &mut Vec<Frame>) -> bool {
        // Some senders end each counted message with a line feed anyway.
        let blanks = self
            .buf
            .iter()
            .take_while(|&&b| matches!(b, b'\n' | b'\r' | b'\0' | b' '))
            .count();
        if blanks > 0 {
            self.buf.drain(..blanks);
            return true;
        }
        let digits = self
            .buf
            .iter()
            .take(MAX_LEN_DIGITS + 1)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = self.buf.get(digits).copied();
        if after.is_none() && digits <= MAX_LEN_DIGITS {
            return false; // the length is still arriving
        }
        let len = std::str::from_utf8(self.buf.get(..digits).unwrap_or_default())
            .ok()
            .filter(|_| digits <= MAX_LEN_DIGITS)
            .and_then(|d| d.parse::<usize>().ok())
            .filter(|&n| n > 0);
        let (Some(len), Some(b' ')) = (len, after) else {
            out.push(Frame::Garbage);
            self.to_line_end = true;
            return true;
        };
        let start = digits + 1;
        let keep = len.min(self.limit);
        if self.buf.len() < start + keep {
            return false;
        }
        let bytes = self
            .buf
            .get(start..start + keep)
            .unwrap_or_default()
            .to_vec();
        out.push(Frame::Message {
            bytes,
            cut: len > keep,
        });
        self.buf.drain(..start + keep);
        self.skip = len - keep;
        true
    }
}

fn is_delimiter(b: u8) -> bool {
    b == b'\n' || b == b'\0'
}

/// A frame without the line ends and NULs senders leave around it.
pub fn trim_frame(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|&c| !matches!(c, b'\n' | b'\r' | b'\0'))
        .map_or(0, |p| p + 1);
    b.get(..end).unwrap_or_default()
}

/// One syslog message, read as far as its format allows. Nothing is refused: what cannot be
/// read as a header is message text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message {
    /// `<PRI>`: facility × 8 + severity.
    pub priority: Option<u8>,
    /// The sender's time as rsyslog writes it in a file (`Mmm dd hh:mm:ss`, the sender's
    /// own clock and zone).
    pub timestamp: Option<String>,
    pub hostname: Option<String>,
    pub app_name: Option<String>,
    pub proc_id: Option<String>,
    /// RFC 3164's tag as written (`app[pid]:`), kept so the file line is the sender's.
    pub tag: Option<String>,
    /// Set for RFC 5424 messages.
    pub rfc5424: Option<Rfc5424>,
    pub message: String,
}

/// What only an RFC 5424 header holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rfc5424 {
    /// The timestamp as sent (RFC 3339), when not `-`.
    pub time: Option<String>,
    pub msg_id: Option<String>,
    /// `[id k="v"...]...` as sent, when not `-`.
    pub structured_data: Option<String>,
}

/// Reads one message (a datagram, or a frame of a stream).
pub fn parse(bytes: &[u8]) -> Message {
    let text = String::from_utf8_lossy(trim_frame(bytes));
    let (priority, rest) = split_pri(&text);
    if let Some(v5424) = rest.strip_prefix("1 ") {
        if let Some(mut m) = parse_5424(v5424) {
            m.priority = priority;
            return m;
        }
    }
    let mut m = parse_3164(rest);
    m.priority = priority;
    m
}

/// `<PRI>` (1 to 3 digits, at most 191) and what follows; the whole text when absent.
fn split_pri(text: &str) -> (Option<u8>, &str) {
    let Some(rest) = text.strip_prefix('<') else {
        return (None, text);
    };
    let Some((digits, after)) = rest.split_once('>') else {
        return (None, text);
    };
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return (None, text);
    }
    match digits.parse::<u8>() {
        Ok(p) if p <= 191 => (Some(p), after),
        _ => (None, text),
    }
}

fn nil(field: &str) -> Option<String> {
    (field != "-" && !field.is_empty()).then(|| field.to_string())
}

/// `TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]`, after `<PRI>1 `. None when the
/// header is not all there (the text is then read as RFC 3164).
fn parse_5424(rest: &str) -> Option<Message> {
    let mut parts = rest.splitn(6, ' ');
    let (time, host, app, proc_id, msg_id, tail) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let (structured_data, msg) = split_structured_data(tail)?;
    let msg = msg.strip_prefix('\u{feff}').unwrap_or(msg);
    Some(Message {
        priority: None,
        timestamp: nil(time).and_then(|t| rfc3339_to_file(&t)),
        hostname: nil(host),
        app_name: nil(app),
        proc_id: nil(proc_id),
        tag: None,
        rfc5424: Some(Rfc5424 {
            time: nil(time),
            msg_id: nil(msg_id),
            structured_data: structured_data.map(str::to_string),
        }),
        message: msg.to_string(),
    })
}

/// `-` or one or more `[id param="value"...]` elements (`\"`, `\\` and `\]` escaped inside
/// values), then the message after one space. None when an element is not closed.
fn split_structured_data(tail: &str) -> Option<(Option<&str>, &str)> {
    if let Some(after) = tail.strip_prefix('-') {
        return match after.strip_prefix(' ') {
            Some(msg) => Some((None, msg)),
            None if after.is_empty() => Some((None, "")),
            None => None,
        };
    }
    let b = tail.as_bytes();
    let mut i = 0;
    while b.get(i) == Some(&b'[') {
        let mut quoted = false;
        i += 1;
        loop {
            match (b.get(i)?, quoted) {
                (b'\\', true) => i += 2,
                (b'"', _) => {
                    quoted = !quoted;
                    i += 1;
                }
                (b']', false) => {
                    i += 1;
                    break;
                }
                _ => i += 1,
            }
        }
    }
    if i == 0 {
        return None;
    }
    // Every cut is next to an ASCII byte (`]` or a space), so on a character boundary.
    let sd = tail.get(..i)?;
    let rest = tail.get(i..)?;
    let msg = match rest.strip_prefix(' ') {
        Some(m) => m,
        None if rest.is_empty() => "",
        None => return None,
    };
    Some((Some(sd), msg))
}

/// An RFC 3339 time as `Mmm dd hh:mm:ss` in the sender's own zone (what rsyslog's
/// traditional file format writes).
fn rfc3339_to_file(time: &str) -> Option<String> {
    let t = chrono::DateTime::parse_from_rfc3339(time).ok()?;
    Some(t.naive_local().format("%b %e %H:%M:%S").to_string())
}

/// `Mmm dd hh:mm:ss` (day padded with a space or a zero) at the start of `s`, followed by a
/// space or the end (detect's syslog reader tells the time the same way): the time and the
/// rest.
fn bsd_time(s: &str) -> Option<(&str, &str)> {
    let (time, rest) = ward_detect::readers::syslog::bsd_time(s)?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((time, rest.strip_prefix(' ').unwrap_or("")))
}

/// A host name or address: letters, digits, `.`, `-`, `_` and `:` (IPv6), not ending in
/// `:` (that is a tag).
fn looks_like_host(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 255
        && !word.ends_with(':')
        && word
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b':'))
}

/// `[TIMESTAMP [HOSTNAME]] [TAG:] MSG`, every part optional. The host is read only after a
/// time (as rsyslog does): without one, the first word may as well be the message's.
fn parse_3164(rest: &str) -> Message {
    let mut m = Message::default();
    let mut rest = rest;
    let time = bsd_time(rest)
        .map(|(t, after)| (t.to_string(), after))
        .or_else(|| {
            let (word, after) = rest.split_once(' ').unwrap_or((rest, ""));
            if !word.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            rfc3339_to_file(word).map(|t| (t, after))
        });
    if let Some((t, after)) = time {
        m.timestamp = Some(t);
        rest = after;
        if let Some((word, after)) = rest.split_once(' ') {
            if looks_like_host(word) {
                m.hostname = Some(word.to_string());
                rest = after;
            }
        }
    }
    if let Some((word, after)) = rest.split_once(' ') {
        if let Some(tag) = word.strip_suffix(':').filter(|t| t.len() <= 64) {
            let (app, pid) = match tag.split_once('[') {
                Some((app, pid)) => (app, pid.strip_suffix(']')),
                None => (tag, None),
            };
            m.tag = Some(word.to_string());
            m.app_name = nil(app);
            m.proc_id = pid.and_then(nil);
            rest = after;
        }
    }
    m.message = rest.to_string();
    m
}

impl Message {
    /// The line rsyslog writes for this message: `Mmm dd hh:mm:ss host tag: msg`
    /// (RSYSLOG_TraditionalFileFormat), or for an RFC 5424 message with structured data the
    /// RFC 5424 line itself (RSYSLOG_SyslogProtocol23Format), so the parameters stay
    /// readable. A missing time is `now` (the receiving time, as rsyslog uses); a missing
    /// host is `from`, the sender's address. Control characters are written `#ooo` as
    /// rsyslog escapes them, so one message is always one line.
    pub fn file_line(&self, from: &str, now: chrono::NaiveDateTime) -> String {
        let host = self.hostname.as_deref().unwrap_or(from);
        let line = match &self.rfc5424 {
            Some(Rfc5424 {
                time,
                msg_id,
                structured_data: Some(sd),
            }) => format!(
                "<{}>1 {} {host} {} {} {} {sd} {}",
                self.priority.unwrap_or(13),
                time.as_deref().unwrap_or("-"),
                self.app_name.as_deref().unwrap_or("-"),
                self.proc_id.as_deref().unwrap_or("-"),
                msg_id.as_deref().unwrap_or("-"),
                self.message
            ),
            _ => {
                let time = self
                    .timestamp
                    .clone()
                    .unwrap_or_else(|| now.format("%b %e %H:%M:%S").to_string());
                let tag = self.tag.clone().or_else(|| {
                    self.app_name.as_ref().map(|app| match &self.proc_id {
                        Some(pid) => format!("{app}[{pid}]:"),
                        None => format!("{app}:"),
                    })
                });
                match tag {
                    Some(tag) => format!("{time} {host} {tag} {}", self.message),
                    None => format!("{time} {host} {}", self.message),
                }
            }
        };
        escape_controls(line.trim_end())
    }
}

/// Control characters (but the tab) as `#` and three octal digits.
fn escape_controls(line: &str) -> String {
    if !line.bytes().any(|c| (c < 0x20 && c != b'\t') || c == 0x7f) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        if (c.is_ascii_control() && c != '\t') || c == '\u{7f}' {
            out.push_str(&format!("#{:03o}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_opt(17, 5, 9))
            .unwrap()
    }

    fn line(bytes: &[u8]) -> String {
        parse(bytes).file_line("192.0.2.9", now())
    }

    #[test]
    fn rfc3164_with_and_without_pri_and_host() {
        let m = parse(b"<13>Dec  3 17:33:05 fw01 filterlog[123]: 5,,,1000,igb0\n");
        assert_eq!(m.priority, Some(13));
        assert_eq!(m.timestamp.as_deref(), Some("Dec  3 17:33:05"));
        assert_eq!(m.hostname.as_deref(), Some("fw01"));
        assert_eq!(m.app_name.as_deref(), Some("filterlog"));
        assert_eq!(m.proc_id.as_deref(), Some("123"));
        assert_eq!(m.message, "5,,,1000,igb0");
        assert_eq!(
            line(b"<13>Dec  3 17:33:05 fw01 filterlog[123]: 5,,,1000,igb0"),
            "Dec  3 17:33:05 fw01 filterlog[123]: 5,,,1000,igb0"
        );
        // No PRI (a forwarder relaying a file line).
        assert_eq!(
            line(b"Jan 05 10:00:00 pf filterlog: x"),
            "Jan 05 10:00:00 pf filterlog: x"
        );
        // No host: the word after the time is a tag.
        let m = parse(b"<13>Dec  3 17:33:05 sshd[9]: Failed password");
        assert_eq!(m.hostname, None);
        assert_eq!(m.app_name.as_deref(), Some("sshd"));
        assert_eq!(
            line(b"<13>Dec  3 17:33:05 sshd[9]: Failed password"),
            "Dec  3 17:33:05 192.0.2.9 sshd[9]: Failed password"
        );
        // No time, no host (FortiGate): the sender and the receiving time stand in.
        assert_eq!(
            line(b"<189>date=2024-01-05 time=10:05:00 srcip=10.1.4.31 dstip=198.51.100.77"),
            "Dec  3 17:05:09 192.0.2.9 date=2024-01-05 time=10:05:00 srcip=10.1.4.31 dstip=198.51.100.77"
        );
        // A PRI out of range is text.
        assert_eq!(parse(b"<999>x").message, "<999>x");
        // An RFC 3339 time where the BSD one belongs.
        let m = parse(b"<13>2026-12-03T17:33:05.120+01:00 h app: m");
        assert_eq!(m.timestamp.as_deref(), Some("Dec  3 17:33:05"));
        assert_eq!(m.hostname.as_deref(), Some("h"));
    }

    #[test]
    fn rfc5424_fields_structured_data_bom_and_nil() {
        let m = parse(
            "<134>1 2024-01-05T10:05:04.123456+00:00 pfSense.clinic.local filterlog 12345 - - \u{feff}5,,,1,igb0"
                .as_bytes(),
        );
        assert_eq!(m.priority, Some(134));
        assert_eq!(m.timestamp.as_deref(), Some("Jan  5 10:05:04"));
        assert_eq!(m.hostname.as_deref(), Some("pfSense.clinic.local"));
        assert_eq!(m.app_name.as_deref(), Some("filterlog"));
        assert_eq!(m.proc_id.as_deref(), Some("12345"));
        assert_eq!(m.message, "5,,,1,igb0", "the BOM is not part of the text");
        assert_eq!(
            m.file_line("x", now()),
            "Jan  5 10:05:04 pfSense.clinic.local filterlog[12345]: 5,,,1,igb0"
        );

        let sd = r#"[meta src="10.0.0.5" note="a \"q\" \] \\"][x@1 a="]"]"#;
        let m = parse(format!("<34>1 - - app - ID7 {sd} blocked it").as_bytes());
        let r = m.rfc5424.clone().unwrap();
        assert_eq!(r.structured_data.as_deref(), Some(sd));
        assert_eq!(r.msg_id.as_deref(), Some("ID7"));
        assert_eq!(r.time, None);
        assert_eq!(m.timestamp, None);
        assert_eq!(m.hostname, None);
        assert_eq!(m.message, "blocked it");
        // With structured data the RFC 5424 line itself, the sender standing in for the host.
        assert_eq!(
            m.file_line("192.0.2.9", now()),
            format!("<34>1 - 192.0.2.9 app - ID7 {sd} blocked it")
        );
        // All NILVALUEs and no message.
        let m = parse(b"<13>1 - - - - - -");
        assert_eq!(m.message, "");
        assert!(m.rfc5424.is_some());
        assert_eq!(m.file_line("h", now()), "Dec  3 17:05:09 h");
        // An element never closed: read as RFC 3164 text, nothing lost.
        let m = parse(b"<13>1 - h a - - [x a=\"1] 203.0.113.9");
        assert!(m.rfc5424.is_none());
        assert!(m.message.contains("203.0.113.9"));
    }

    #[test]
    fn foreign_bytes_and_controls_never_panic() {
        let m = parse(b"<13>Dec  3 17:33:05 h\xff\xfe app: caf\xc3 203.0.113.9\r\n");
        assert!(m.message.contains("203.0.113.9"));
        assert_eq!(
            line(b"<13>Dec  3 17:33:05 h app: a\nb\x1bc\td"),
            "Dec  3 17:33:05 h app: a#012b#033c\td"
        );
        // Every prefix of messages holding multi-byte characters and invalid bytes.
        let samples: [&[u8]; 3] = [
            "<13>1 2024-01-05T10:00:00Z h\u{e9} a\u{1f600} p m [x a=\"\u{e9}\\\u{e9}\"] \u{feff}m"
                .as_bytes(),
            "<13>D\u{e9}c  3 17:33:05 h \u{20ac}: m".as_bytes(),
            b"<1\xff>Dec  3 17:33:05 \xc3 a[\xe2\x82: m",
        ];
        for s in samples {
            for end in 0..=s.len() {
                let _ = parse(&s[..end]).file_line("f", now());
            }
        }
    }

    fn frames(framer: &mut Framer, chunks: &[&[u8]]) -> Vec<Frame> {
        let mut out = Vec::new();
        for c in chunks {
            framer.push(c, &mut out);
        }
        out
    }

    fn msg(text: &str) -> Frame {
        Frame::Message {
            bytes: text.as_bytes().to_vec(),
            cut: false,
        }
    }

    #[test]
    fn octet_counting_across_reads() {
        let mut f = Framer::new(MAX_MESSAGE);
        let got = frames(&mut f, &[b"5 hel", b"lo11 hello", b" world\n3 abc"]);
        assert_eq!(f.framing(), Some(Framing::OctetCounted));
        assert_eq!(got, [msg("hello"), msg("hello world"), msg("abc")]);
    }

    #[test]
    fn delimited_by_line_feed_or_nul() {
        let mut f = Framer::new(MAX_MESSAGE);
        let mut got = frames(&mut f, &[b"<13>a\r\n<13>b\0<1", b"3>c\n\n<13>d"]);
        assert_eq!(f.framing(), Some(Framing::Delimited));
        f.finish(&mut got);
        assert_eq!(
            got,
            [msg("<13>a"), msg("<13>b"), msg("<13>c"), msg("<13>d")]
        );
    }

    #[test]
    fn long_messages_are_cut_and_the_stream_stays_in_step() {
        let mut f = Framer::new(8);
        let got = frames(&mut f, &[b"12 abcdefghij", b"kl2 ok"]);
        assert_eq!(
            got,
            [
                Frame::Message {
                    bytes: b"abcdefgh".to_vec(),
                    cut: true
                },
                msg("ok")
            ]
        );
        let mut f = Framer::new(8);
        let got = frames(&mut f, &[b"<abcdefghij", b"klmn", b"op\n<ok>\n"]);
        assert_eq!(
            got,
            [
                Frame::Message {
                    bytes: b"<abcdefg".to_vec(),
                    cut: true
                },
                msg("<ok>")
            ]
        );
        // A huge announced length is skipped as it arrives, never held.
        let mut f = Framer::new(8);
        let mut out = Vec::new();
        f.push(b"100000 ", &mut out);
        for _ in 0..1000 {
            f.push(&[b'x'; 100], &mut out);
            assert!(f.buf.len() <= 8 + 100);
        }
        f.push(b"2 ok", &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1], msg("ok"));
    }

    #[test]
    fn garbage_framing_skips_to_the_next_line() {
        let mut f = Framer::new(MAX_MESSAGE);
        let got = frames(&mut f, &[b"12x oops\n5 hello", b"99999999999 no\n0 \n2 ok"]);
        assert_eq!(
            got,
            [
                Frame::Garbage,
                msg("hello"),
                Frame::Garbage,
                Frame::Garbage,
                msg("ok")
            ]
        );
    }

    #[test]
    fn listeners_are_checked() {
        let root = Path::new("d");
        let raw = |text: &str| -> Vec<RawSyslog> {
            #[derive(Deserialize)]
            struct W {
                syslog: Vec<RawSyslog>,
            }
            toml::from_str::<W>(text).unwrap().syslog
        };
        let ok = check(
            &raw("[[syslog]]\nlisten = \"udp://127.0.0.1:0\"\n[[syslog]]\nlisten = \"tls://[::1]:6514\"\ntls_cert = \"c.pem\"\ntls_key = \"k.pem\"\n"),
            root,
        )
        .unwrap();
        assert_eq!(ok[0].transport, Transport::Udp);
        assert_eq!(ok[0].url(ok[0].addr), "udp://127.0.0.1:0");
        assert_eq!(
            ok[1].transport,
            Transport::Tls {
                cert: root.join("c.pem"),
                key: root.join("k.pem")
            }
        );
        let err = |text: &str| check(&raw(text), root).unwrap_err();
        let e = err("[[syslog]]\nlisten = \"127.0.0.1:514\"\n");
        assert!(e.starts_with("syslog[0].listen: expected udp://"), "{e}");
        let e = err("[[syslog]]\nlisten = \"smtp://127.0.0.1:25\"\n");
        assert!(e.starts_with("syslog[0].listen"), "{e}");
        let e = err("[[syslog]]\nlisten = \"udp://localhost\"\n");
        assert!(e.contains("found \"udp://localhost\""), "{e}");
        let e = err("[[syslog]]\nlisten = \"tls://127.0.0.1:6514\"\ntls_key = \"k\"\n");
        assert!(
            e.starts_with("syslog[0].tls_cert: a tls:// listener needs"),
            "{e}"
        );
        let e = err("[[syslog]]\nlisten = \"tcp://127.0.0.1:514\"\ntls_cert = \"c\"\n");
        assert!(
            e.starts_with("syslog[0].tls_cert: only read for a tls://"),
            "{e}"
        );
    }
}
