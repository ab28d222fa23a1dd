//! Log readers, one file per format, registered in [`LogFormat`]: what a format looks like
//! (sniffing) and how one of its lines becomes an [`Event`]. Adding a format is adding a
//! file and a row here.
//!
//! Every reader works on bytes or on checked `str::get`: a line is foreign input, and a
//! slice at a computed offset inside a character would panic. The lints below keep it so.

#![deny(
    clippy::string_slice,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

pub mod cef;
pub mod csv;
#[cfg(feature = "windows-evtx")]
pub mod evtx;
pub mod firewall;
pub mod json;
pub mod refuse;
pub mod squid;
pub mod syslog;
pub mod text;
pub mod windows;
pub mod windows_text;
pub mod zeek_tsv;

use serde::{Deserialize, Serialize};

use crate::event::Event;

/// The log formats ward reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogFormat {
    ZeekTsv,
    ZeekJson,
    SuricataEve,
    Cef,
    Syslog,
    Squid,
    /// Firewall syslog: FortiGate, Sophos, SonicWall key=value; pfSense/OPNsense filterlog;
    /// Palo Alto CSV; Cisco ASA.
    Firewall,
    /// Windows events: EVTX records, exported XML, Winlogbeat or NXLog JSON.
    WindowsEvent,
    /// The Windows Firewall log (`pfirewall.log`).
    WindowsFirewall,
    /// The Windows DNS Server debug log.
    WindowsDns,
    /// Comma, semicolon or tab separated values with a header row (sign-in exports).
    Csv,
    JsonLines,
    Text,
}

/// What ward reads, for the message that refuses a file.
pub const FORMATS_READ: &str = "Zeek TSV and JSON, Suricata EVE, CEF, syslog, firewall syslog \
(FortiGate, pfSense/OPNsense filterlog, Sophos, SonicWall, Palo Alto, Cisco ASA), Windows event \
logs (.evtx, XML export, Winlogbeat/NXLog JSON), the Windows Firewall log (pfirewall.log), the \
Windows DNS Server debug log, Squid access logs, CSV with a header row (Microsoft Entra ID \
sign-ins, the Microsoft 365 unified audit log), JSON lines or a JSON array, and plain text, in \
UTF-8 or UTF-16, each perhaps gzip- or zstd-compressed";

impl LogFormat {
    pub fn name(self) -> &'static str {
        match self {
            LogFormat::ZeekTsv => "Zeek TSV",
            LogFormat::ZeekJson => "Zeek JSON",
            LogFormat::SuricataEve => "Suricata EVE",
            LogFormat::Cef => "CEF",
            LogFormat::Syslog => "syslog",
            LogFormat::Squid => "Squid access log",
            LogFormat::Firewall => "firewall syslog",
            LogFormat::WindowsEvent => "Windows events",
            LogFormat::WindowsFirewall => "Windows Firewall log",
            LogFormat::WindowsDns => "Windows DNS debug log",
            LogFormat::Csv => "CSV",
            LogFormat::JsonLines => "JSON lines",
            LogFormat::Text => "plain text",
        }
    }

    /// Tells the format from the first lines of a file.
    pub fn sniff(head: &[u8]) -> LogFormat {
        let text = String::from_utf8_lossy(head);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let Some(first) = lines.next() else {
            return LogFormat::Text;
        };
        if first.starts_with("#separator") || first.starts_with("#fields") {
            return LogFormat::ZeekTsv;
        }
        if (first.starts_with('#')
            && (text.contains("Microsoft Windows Firewall")
                || text.contains("#Fields: date time action")))
            || windows_text::looks_like_firewall_line(first)
        {
            return LogFormat::WindowsFirewall;
        }
        if windows_text::looks_like_dns(&text) {
            return LogFormat::WindowsDns;
        }
        if windows::looks_like(first) {
            return LogFormat::WindowsEvent;
        }
        if first.starts_with('{') {
            if first.contains("\"event_type\"") {
                return LogFormat::SuricataEve;
            }
            if first.contains("\"id.orig_h\"") || first.contains("\"uid\"") {
                return LogFormat::ZeekJson;
            }
            return LogFormat::JsonLines;
        }
        if cef::find_start(first).is_some() {
            return LogFormat::Cef;
        }
        if firewall::looks_like(first) {
            return LogFormat::Firewall;
        }
        if squid::looks_like(first) {
            return LogFormat::Squid;
        }
        if syslog::looks_like(first) {
            return LogFormat::Syslog;
        }
        if csv::header(first).is_some() {
            return LogFormat::Csv;
        }
        LogFormat::Text
    }
}

/// The first `x` or `y` in `b`. Most fields, keys and values are a few bytes long, where a
/// word-at-a-time test beats memchr's setup (which was an eighth of an EVE line's cost);
/// long ones go to memchr2 after the first 32 bytes.
#[inline]
pub(crate) fn find_short(b: &[u8], x: u8, y: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let head = b.get(..32).unwrap_or(b);
    let mut chunks = head.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // A byte of `p` (`q`) is zero where `w` has `x` (`y`); the lowest flagged byte is
        // exact (a borrow only flags bytes above a true zero).
        let p = w ^ (ONES * u64::from(x));
        let q = w ^ (ONES * u64::from(y));
        let found = (p.wrapping_sub(ONES) & !p | q.wrapping_sub(ONES) & !q) & HIGH;
        if found != 0 {
            return Some(n * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    let tail_at = head.len() - chunks.remainder().len();
    if let Some(p) = chunks.remainder().iter().position(|&c| c == x || c == y) {
        return Some(tail_at + p);
    }
    let tail = b.get(head.len()..).unwrap_or_default();
    memchr::memchr2(x, y, tail).map(|p| head.len() + p)
}

/// Why a line could not be read in its file's format (counted, then skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrokenLine;

/// The per-file state of a reader: the format, and what its header said (Zeek).
#[derive(Debug, Clone)]
pub struct LineReader {
    pub format: LogFormat,
    zeek: zeek_tsv::Header,
    windows_firewall: windows_text::FirewallColumns,
    csv: csv::Header,
}

/// Reusable buffers of one reading thread.
#[derive(Debug, Default)]
pub struct ReadScratch {
    json: json::JsonScratch,
}

impl LineReader {
    pub fn new(format: LogFormat) -> LineReader {
        LineReader {
            format,
            zeek: zeek_tsv::Header::default(),
            windows_firewall: windows_text::FirewallColumns::default(),
            csv: csv::Header::default(),
        }
    }

    /// For formats with header lines (Zeek TSV, the Windows Firewall log, CSV): reads a
    /// header line. True when the line was a header (not an event).
    pub fn read_header(&mut self, line: &[u8]) -> bool {
        match self.format {
            LogFormat::ZeekTsv => self.zeek.read_meta(line),
            LogFormat::WindowsFirewall => self.windows_firewall.read_meta(line),
            LogFormat::Csv if !self.csv.is_set() => {
                let text = String::from_utf8_lossy(line);
                match csv::header(&text) {
                    Some(h) => {
                        self.csv = h;
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }

    /// Whether header lines anywhere in a file change how later lines read (they are then
    /// read ahead of the chunks that follow).
    pub fn has_headers(&self) -> bool {
        matches!(
            self.format,
            LogFormat::ZeekTsv | LogFormat::WindowsFirewall | LogFormat::Csv
        )
    }

    /// Fills `event` from one line (without its line end). Comment and header lines give an
    /// empty event.
    pub fn parse(
        &mut self,
        line: &[u8],
        event: &mut Event,
        scratch: &mut ReadScratch,
    ) -> Result<(), BrokenLine> {
        event.clear();
        let r = match self.format {
            LogFormat::ZeekTsv => {
                if self.zeek.read_meta(line) {
                    return Ok(());
                }
                self.zeek.parse_line(line, event).map_err(|_| BrokenLine)
            }
            LogFormat::ZeekJson => {
                json::parse_line(line, json::Flavor::Zeek, event, &mut scratch.json)
                    .map_err(|_| BrokenLine)
            }
            LogFormat::SuricataEve => {
                json::parse_line(line, json::Flavor::Eve, event, &mut scratch.json)
                    .map_err(|_| BrokenLine)
            }
            LogFormat::JsonLines => {
                json::parse_line(line, json::Flavor::Generic, event, &mut scratch.json)
                    .map_err(|_| BrokenLine)
            }
            LogFormat::Cef => {
                let l = String::from_utf8_lossy(line);
                cef::parse_line(&l, event).map_err(|_| BrokenLine)
            }
            LogFormat::Syslog => {
                let l = String::from_utf8_lossy(line);
                syslog::parse_line(&l, event).map_err(|_| BrokenLine)
            }
            LogFormat::Squid => {
                let l = String::from_utf8_lossy(line);
                squid::parse_line(&l, event).map_err(|_| BrokenLine)
            }
            LogFormat::Firewall => {
                let l = String::from_utf8_lossy(line);
                firewall::parse_line(&l, event).map_err(|_| BrokenLine)
            }
            LogFormat::WindowsEvent => match line.first() {
                Some(b'{') => {
                    json::parse_line(line, json::Flavor::Windows, event, &mut scratch.json)
                        .map_err(|_| BrokenLine)
                }
                Some(b'<') => {
                    let l = String::from_utf8_lossy(line);
                    windows::parse_xml(&l, event).map_err(|_| BrokenLine)
                }
                _ => Err(BrokenLine),
            },
            LogFormat::WindowsFirewall => {
                if self.windows_firewall.read_meta(line) {
                    return Ok(());
                }
                let l = String::from_utf8_lossy(line);
                self.windows_firewall
                    .parse_line(&l, event)
                    .map_err(|_| BrokenLine)
            }
            LogFormat::WindowsDns => {
                let l = String::from_utf8_lossy(line);
                windows_text::parse_dns(&l, event).map_err(|_| BrokenLine)
            }
            LogFormat::Csv => {
                if !self.csv.is_set() {
                    // The header row; a file whose first row names nothing ward reads is
                    // refused before it gets here.
                    return if self.read_header(line) {
                        Ok(())
                    } else {
                        Err(BrokenLine)
                    };
                }
                let l = String::from_utf8_lossy(line);
                self.csv.parse_line(&l, event).map_err(|_| BrokenLine)
            }
            LogFormat::Text => {
                let l = String::from_utf8_lossy(line);
                text::extract(&l, "text", event);
                Ok(())
            }
        };
        event.finish();
        r
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn short_search_finds_the_first_of_two_bytes() {
        for len in 0..80 {
            for at in 0..=len {
                for stop in [b'"', b'\\'] {
                    // Bytes that differ from the searched ones by one bit, and high bytes.
                    let mut b: Vec<u8> = (0..len)
                        .map(|i| [b'#', b'\x5d', 0xa2, b'a'][i % 4])
                        .collect();
                    if at < len {
                        b[at] = stop;
                        if at + 1 < len {
                            b[at + 1] = b'"';
                        }
                    }
                    let want = b.iter().position(|&c| c == b'"' || c == b'\\');
                    assert_eq!(find_short(&b, b'"', b'\\'), want, "len {len} at {at}");
                }
            }
        }
    }

    #[test]
    fn sniffing() {
        assert_eq!(
            LogFormat::sniff(b"#separator \\x09\n#fields\tts"),
            LogFormat::ZeekTsv
        );
        assert_eq!(
            LogFormat::sniff(b"{\"timestamp\":\"x\",\"event_type\":\"dns\"}"),
            LogFormat::SuricataEve
        );
        assert_eq!(
            LogFormat::sniff(b"{\"ts\":1.0,\"uid\":\"C1\",\"id.orig_h\":\"1.2.3.4\"}"),
            LogFormat::ZeekJson
        );
        assert_eq!(LogFormat::sniff(b"{\"a\":1}"), LogFormat::JsonLines);
        assert_eq!(
            LogFormat::sniff(b"Jan  5 10:00:00 host CEF:0|a|b|c|d|e|f|src=1.2.3.4"),
            LogFormat::Cef
        );
        assert_eq!(
            LogFormat::sniff(b"<13>Jan  5 10:00:00 host app: hi"),
            LogFormat::Syslog
        );
        assert_eq!(
            LogFormat::sniff(b"<13>1 2024-01-05T10:00:00Z h a p m - hi"),
            LogFormat::Syslog
        );
        assert_eq!(
            LogFormat::sniff(b"1704448800.123    120 10.0.0.5 TCP_MISS/200 512 GET http://a.test/ - HIER_DIRECT/203.0.113.9 text/html"),
            LogFormat::Squid
        );
        for (format, line) in &SAMPLES[8..16] {
            assert_eq!(LogFormat::sniff(line.as_bytes()), *format, "{line}");
        }
        assert_eq!(
            LogFormat::sniff(b"Date (UTC),User,IP address\n2024-01-05,jo,1.2.3.4"),
            LogFormat::Csv
        );
        assert_eq!(
            LogFormat::sniff(b"#Version: 1.5\n#Software: Microsoft Windows Firewall\n"),
            LogFormat::WindowsFirewall
        );
        assert_eq!(
            LogFormat::sniff(b"\nDNS Server log file creation at 1/5/2024 9:59:58 AM\n"),
            LogFormat::WindowsDns
        );
        assert_eq!(LogFormat::sniff(b"name,model,firmware"), LogFormat::Text);
        assert_eq!(LogFormat::sniff(b"hello world"), LogFormat::Text);
        assert_eq!(LogFormat::sniff(b""), LogFormat::Text);
    }

    const SAMPLES: [(LogFormat, &str); 17] = [
        (LogFormat::ZeekTsv, "1704448800.0\tC1\t10.0.0.5\t203.0.113.9\tevil.example"),
        (
            LogFormat::ZeekJson,
            "{\"ts\":1.0,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.5\",\"query\":\"evil.example\"}",
        ),
        (
            LogFormat::SuricataEve,
            "{\"event_type\":\"dns\",\"src_ip\":\"10.0.0.5\",\"dns\":{\"rrname\":\"evil.example\"}}",
        ),
        (
            LogFormat::Cef,
            "Jan  5 10:00:00 h CEF:0|V|P|1|100|N|5|src=10.0.0.5 request=http://evil.example/a\\=b",
        ),
        (
            LogFormat::Syslog,
            "<34>1 2024-01-05T10:00:00Z h a p m [x a=\"1.2.3.4\"] http://evil.example/",
        ),
        (
            LogFormat::Squid,
            "1704448800.123 120 10.0.0.5 TCP_MISS/200 512 GET http://evil.example/ - HIER_DIRECT/203.0.113.9 text/html",
        ),
        (LogFormat::JsonLines, "{\"client\":\"10.0.0.5\",\"host\":\"evil.example\"}"),
        (LogFormat::Text, "from 10.0.0.5 to https://evil.example/x a@evil.example"),
        (
            LogFormat::Firewall,
            "<189>date=2024-01-05 time=10:00:00 srcip=10.0.0.5 dstip=203.0.113.9 hostname=\"evil.example\" url=\"/a\"",
        ),
        (
            LogFormat::Firewall,
            "<166>Jan 05 2024 10:00:00 asa : %ASA-6-302013: Built outbound TCP connection 1 for outside:203.0.113.9/443 (203.0.113.9/443) to inside:10.0.0.5/5100 (1.2.3.4/5)",
        ),
        (
            LogFormat::Firewall,
            "Jan  5 10:00:00 pf filterlog: 5,,,1000,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,203.0.113.9,10.0.0.5,1,2,0",
        ),
        (
            LogFormat::Firewall,
            "<14>Jan  5 10:00:00 PA 1,2024/01/05 10:00:00,0,THREAT,url,1,2024/01/05 10:00:00,10.0.0.5,203.0.113.9,,,r,,,web,v,t,u,e1,e2,l,x,1,1,1,80,1,80,0x0,tcp,block-url,\"evil.example/a\"",
        ),
        (
            LogFormat::WindowsEvent,
            "{\"Event\":{\"System\":{\"Computer\":\"pc\"},\"EventData\":{\"SourceIp\":\"10.0.0.5\",\"QueryResults\":\"type:  5 evil.example;::ffff:203.0.113.9;\"}}}",
        ),
        (
            LogFormat::WindowsEvent,
            "<Event><System><Computer>pc</Computer><TimeCreated SystemTime='2024-01-05T10:00:00Z'/></System><EventData><Data Name='IpAddress'>203.0.113.9</Data></EventData></Event>",
        ),
        (
            LogFormat::WindowsFirewall,
            "2024-01-05 10:00:00 ALLOW TCP 10.0.0.5 203.0.113.9 51000 443 0 - 0 0 0 - - - SEND 4",
        ),
        (
            LogFormat::WindowsDns,
            "1/5/2024 10:00:00 AM 0E64 PACKET  0001 UDP Rcv 10.0.0.5 5d2a   Q [0001   D   NOERROR] A      (4)evil(7)example(0)",
        ),
        (LogFormat::Csv, "2024-01-05T10:00:00Z,jo@x.example,203.0.113.9"),
    ];

    /// Every reader, on each of its sample lines with a character of every UTF-8 width, an
    /// invalid byte or a truncated character put at every byte position: a line is read or
    /// counted as broken, never a panic.
    #[test]
    fn every_reader_takes_foreign_bytes_anywhere() {
        let inserts: [&[u8]; 7] = [
            "\u{e9}".as_bytes(),
            "\u{20ac}".as_bytes(),
            "\u{1f600}".as_bytes(),
            b"\xff",
            b"\xc3",
            b"\xe2\x82",
            b"\x80\x80",
        ];
        let mut scratch = ReadScratch::default();
        for (format, line) in SAMPLES {
            let mut reader = LineReader::new(format);
            let header: &[u8] = match format {
                LogFormat::Csv => b"Date (UTC),User,IP address",
                _ => b"#fields\tts\tuid\tid.orig_h\tid.resp_h\tquery",
            };
            assert!(
                reader.read_header(header)
                    || !reader.has_headers()
                    || format == LogFormat::WindowsFirewall
            );
            let mut event = Event::new();
            assert!(
                reader
                    .parse(line.as_bytes(), &mut event, &mut scratch)
                    .is_ok(),
                "{format:?}"
            );
            assert!(!event.items().is_empty(), "{format:?}");
            let bytes = line.as_bytes();
            for at in 0..=bytes.len() {
                for insert in inserts {
                    let mut put = bytes[..at].to_vec();
                    put.extend_from_slice(insert);
                    put.extend_from_slice(&bytes[at..]);
                    let _ = reader.parse(&put, &mut event, &mut scratch);
                    let mut replaced = put.clone();
                    replaced.drain(at + insert.len()..(at + insert.len() + 1).min(replaced.len()));
                    let _ = reader.parse(&replaced, &mut event, &mut scratch);
                }
                // Cut short at every byte, after a multi-byte character.
                let mut cut = "\u{1f600}".as_bytes().to_vec();
                cut.extend_from_slice(&bytes[..at]);
                cut.extend_from_slice("\u{20ac}".as_bytes());
                for end in 0..=cut.len() {
                    let _ = reader.parse(&cut[..end], &mut event, &mut scratch);
                }
            }
            let _ = LogFormat::sniff(line.as_bytes());
        }
    }

    #[test]
    fn the_issue_lines() {
        let mut scratch = ReadScratch::default();
        let mut event = Event::new();
        let syslog = b"Jan  5 10:00:0\xc3\xa9 host msg";
        assert_eq!(LogFormat::sniff(syslog), LogFormat::Text);
        assert_eq!(
            LineReader::new(LogFormat::Syslog).parse(syslog, &mut event, &mut scratch),
            Err(BrokenLine)
        );
        let text = b"caf\xc3\xa9://x \xff 203.0.113.9";
        assert_eq!(LogFormat::sniff(text), LogFormat::Text);
        LineReader::new(LogFormat::Text)
            .parse(text, &mut event, &mut scratch)
            .unwrap();
        let v: Vec<&str> = event.items().iter().map(|o| event.value(o)).collect();
        assert_eq!(v, vec!["203.0.113.9"]);
    }
}
