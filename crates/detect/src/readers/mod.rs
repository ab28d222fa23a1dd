//! Log readers, one file per format, registered in [`LogFormat`]: what a format looks like
//! (sniffing) and how one of its lines becomes an [`Event`]. Adding a format is adding a
//! file and a row here.

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
mod tests {
    use super::*;

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
}
