//! Windows Event Log files (`.evtx`, binary XML in 64 KiB chunks) turned into one JSON line
//! a record, which the Windows event reader then reads like any log. Chunks are rendered one
//! at a time, so memory stays at a chunk's records; a record or chunk that cannot be read
//! becomes one line the reader counts as broken.

use std::io::{self, Read, Seek};
use std::sync::Arc;

use evtx::{EvtxParser, IntoIterChunks, ParserSettings};

/// What stands for a record or chunk that could not be read (never valid JSON or XML).
pub const BROKEN_RECORD: &[u8] = b"(unreadable EVTX record)\n";

/// The records of an EVTX file as JSON lines.
pub struct EvtxLines<T: Read + Seek> {
    chunks: IntoIterChunks<T>,
    settings: Arc<ParserSettings>,
    out: Vec<u8>,
    at: usize,
}

impl<T: Read + Seek> EvtxLines<T> {
    /// Reads the file header; an error says why the file is not a readable EVTX file.
    pub fn new(input: T) -> Result<EvtxLines<T>, String> {
        let settings = ParserSettings::new()
            .num_threads(1)
            .indent(false)
            .separate_json_attributes(false);
        let parser = EvtxParser::from_read_seek(input)
            .map_err(|e| format!("a damaged Windows Event Log file ({e})"))?
            .with_configuration(settings.clone());
        Ok(EvtxLines {
            chunks: parser.into_chunks(),
            settings: Arc::new(settings),
            out: Vec::new(),
            at: 0,
        })
    }

    /// Renders the next chunk into `out`; false at the end.
    fn fill(&mut self) -> bool {
        self.out.clear();
        self.at = 0;
        let Some(chunk) = self.chunks.next() else {
            return false;
        };
        let mut data = match chunk {
            Ok(d) => d,
            Err(_) => {
                self.out.extend_from_slice(BROKEN_RECORD);
                return true;
            }
        };
        let mut parsed = match data.parse(Arc::clone(&self.settings)) {
            Ok(p) => p,
            Err(_) => {
                self.out.extend_from_slice(BROKEN_RECORD);
                return true;
            }
        };
        for record in parsed.iter() {
            match record.and_then(|r| r.into_json_bytes()) {
                Ok(r) => {
                    // Compact JSON has no raw line ends; any other control byte is escaped.
                    self.out
                        .extend(r.data.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
                    self.out.push(b'\n');
                }
                Err(_) => self.out.extend_from_slice(BROKEN_RECORD),
            }
        }
        true
    }
}

impl<T: Read + Seek> Read for EvtxLines<T> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.out.len() {
            if !self.fill() {
                return Ok(0);
            }
        }
        let rest = self.out.get(self.at..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf.get_mut(..n)
            .unwrap_or_default()
            .copy_from_slice(rest.get(..n).unwrap_or_default());
        self.at += n;
        Ok(n)
    }
}
