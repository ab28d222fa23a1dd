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
pub mod json;
pub mod squid;
pub mod syslog;
pub mod text;
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
    JsonLines,
    Text,
}

impl LogFormat {
    pub fn name(self) -> &'static str {
        match self {
            LogFormat::ZeekTsv => "Zeek TSV",
            LogFormat::ZeekJson => "Zeek JSON",
            LogFormat::SuricataEve => "Suricata EVE",
            LogFormat::Cef => "CEF",
            LogFormat::Syslog => "syslog",
            LogFormat::Squid => "Squid access log",
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
        if squid::looks_like(first) {
            return LogFormat::Squid;
        }
        if syslog::looks_like(first) {
            return LogFormat::Syslog;
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
        }
    }

    /// For Zeek TSV: reads a header line. True when the line was a header (not an event).
    pub fn read_header(&mut self, line: &[u8]) -> bool {
        self.format == LogFormat::ZeekTsv && self.zeek.read_meta(line)
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
        assert_eq!(LogFormat::sniff(b"hello world"), LogFormat::Text);
        assert_eq!(LogFormat::sniff(b""), LogFormat::Text);
    }

    const SAMPLES: [(LogFormat, &str); 8] = [
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
            assert!(
                reader.read_header(b"#fields\tts\tuid\tid.orig_h\tid.resp_h\tquery")
                    || format != LogFormat::ZeekTsv
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
