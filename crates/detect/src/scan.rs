//! The scanner: reads a log in chunks cut at line ends, parses and matches the chunks on
//! worker threads, and hands alerts to the sink in file and line order. Memory stays
//! constant: a bounded number of chunks is in flight, and a line longer than the limit is
//! counted as broken and skipped without being held.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use memchr::{memchr, memchr_iter, memrchr};
use serde::{Deserialize, Serialize};

use crate::alert::{sentence, Alert, AlertSink, SentenceContext};
use crate::error::ScanError;
use crate::event::{Event, Kind};
use crate::index::{Hit, IndicatorIndex, MatchScratch};
use crate::readers::{LineReader, LogFormat, ReadScratch};
use crate::time;

/// How a scan runs.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Worker threads (1 = everything on the calling thread).
    pub threads: usize,
    /// Bytes per chunk handed to a worker.
    pub chunk_size: usize,
    /// Longer lines are counted as broken and skipped.
    pub max_line: usize,
    /// The reading's "now": a syslog timestamp without a year is given the year that puts
    /// it at or before this instant (a `Dec 31` line read on Jan 2 is from last year).
    pub now: ward_stix::Timestamp,
    /// Use this format instead of sniffing.
    pub format: Option<LogFormat>,
}

impl Default for ScanOptions {
    fn default() -> ScanOptions {
        ScanOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            chunk_size: 4 << 20,
            max_line: 1 << 20,
            now: ward_stix::Timestamp::now(),
            format: None,
        }
    }
}

/// What happened with one log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub file: String,
    pub format: LogFormat,
    /// Bytes read (after decompression).
    pub bytes: u64,
    pub lines: u64,
    /// Lines that could not be read in the file's format, or were too long.
    pub broken_lines: u64,
    /// The first broken line's number, to point the user at it.
    pub first_broken_line: Option<u64>,
    pub alerts: u64,
    /// The earliest event time among the readable lines (RFC 3339), when lines carry times.
    #[serde(default)]
    pub first_event: Option<String>,
    /// The latest event time among the readable lines.
    #[serde(default)]
    pub last_event: Option<String>,
}

impl FileReport {
    /// The report of `file`, read in `format`, before any of it was read.
    pub fn new(file: impl Into<String>, format: LogFormat) -> Self {
        FileReport {
            file: file.into(),
            format,
            bytes: 0,
            lines: 0,
            broken_lines: 0,
            first_broken_line: None,
            alerts: 0,
            first_event: None,
            last_event: None,
        }
    }
}

/// A log opened for reading: decompressed when it starts with the gzip or zstd magic, decoded
/// when it is UTF-16.
pub fn open_log(path: &Path) -> Result<Box<dyn Read + Send>, ScanError> {
    open_log_counting(path, Arc::default())
}

/// Counts the bytes read from the file itself, before decompression or decoding, for a
/// progress bar whose total is the file's size.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// [`open_log`], adding to `read` every byte read from the file as it is stored (compressed
/// or UTF-16), which the scanner's own count (of the text it reads) is not. An EVTX file is
/// read by its parser and not counted.
pub fn open_log_counting(
    path: &Path,
    read: Arc<AtomicU64>,
) -> Result<Box<dyn Read + Send>, ScanError> {
    let read_err = |source| ScanError::Read {
        file: path.to_path_buf(),
        source,
    };
    let raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(Counting {
            inner: io::stdin(),
            read,
        })
    } else {
        Box::new(Counting {
            inner: File::open(path).map_err(read_err)?,
            read,
        })
    };
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let head = buffered.fill_buf().map_err(read_err)?;
    if let Some((mark, order)) = crate::utf16::detect(head) {
        // Decoded as it is read; then sniffed like any other text.
        buffered.consume(mark);
        let decoded: Box<dyn Read + Send> =
            Box::new(crate::utf16::Utf16Reader::new(buffered, order));
        let mut decoded = BufReader::with_capacity(1 << 16, decoded);
        let head = decoded.fill_buf().map_err(read_err)?;
        if whole_file_format(head).is_some() {
            return open_whole(path, decoded);
        }
        return Ok(Box::new(decoded));
    }
    let format = if head.starts_with(&[0x1f, 0x8b]) {
        "gzip"
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        "zstd"
    } else if head.starts_with(b"ElfFile\0") {
        return open_evtx(path, buffered);
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("evtx"))
    {
        return Err(ScanError::Unreadable {
            file: path.to_path_buf(),
            reason: "named .evtx but not a Windows Event Log file (no EVTX header)".into(),
        });
    } else if whole_file_format(head).is_some() {
        return open_whole(path, buffered);
    } else {
        return Ok(Box::new(buffered));
    };
    decompress(buffered, format).map_err(|source| ScanError::Decompress {
        file: path.to_path_buf(),
        format,
        source,
    })
}

/// Formats that are not one event a line as written: an XML export of Windows events, a
/// JSON array (a sign-in log exported from Microsoft Entra ID).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WholeFile {
    WindowsXml,
    JsonArray,
}

fn whole_file_format(head: &[u8]) -> Option<WholeFile> {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = head.get(start..)?;
    if head.starts_with(b"<?xml") || head.starts_with(b"<Events") || head.starts_with(b"<Event ") {
        return Some(WholeFile::WindowsXml);
    }
    // `[` then an object: not a syslog `[` line.
    let rest = head.strip_prefix(b"[")?;
    let next = rest.iter().find(|b| !b.is_ascii_whitespace())?;
    (*next == b'{').then_some(WholeFile::JsonArray)
}

/// Reads a whole-file format and hands it on as one event a line (held in memory: these
/// exports are small next to the logs ward streams).
fn open_whole(
    path: &Path,
    mut input: BufReader<Box<dyn Read + Send>>,
) -> Result<Box<dyn Read + Send>, ScanError> {
    let head = input.fill_buf().unwrap_or_default();
    let kind = whole_file_format(head);
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|source| ScanError::Read {
            file: path.to_path_buf(),
            source,
        })?;
    let text = String::from_utf8_lossy(&bytes);
    let lines = match kind {
        Some(WholeFile::WindowsXml) => crate::readers::windows::xml_events_to_lines(&text),
        Some(WholeFile::JsonArray) | None => {
            let items: Vec<serde_json::Value> =
                serde_json::from_str(&text).map_err(|e| ScanError::Unreadable {
                    file: path.to_path_buf(),
                    reason: format!(
                        "a JSON array that is not valid JSON (line {}, column {}: {e})",
                        e.line(),
                        e.column()
                    ),
                })?;
            let mut out = Vec::new();
            for item in items {
                // A compact rendering is one line.
                out.extend_from_slice(item.to_string().as_bytes());
                out.push(b'\n');
            }
            out
        }
    };
    Ok(Box::new(io::Cursor::new(lines)))
}

/// An EVTX file as JSON lines, read from the file itself (it is read by chunk offsets) or,
/// from standard input, from memory.
#[cfg(feature = "windows-evtx")]
fn open_evtx(
    path: &Path,
    mut input: BufReader<Box<dyn Read + Send>>,
) -> Result<Box<dyn Read + Send>, ScanError> {
    use crate::readers::evtx::EvtxLines;
    let unreadable = |reason| ScanError::Unreadable {
        file: path.to_path_buf(),
        reason,
    };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|source| ScanError::Read {
                file: path.to_path_buf(),
                source,
            })?;
        return Ok(Box::new(
            EvtxLines::new(io::Cursor::new(bytes)).map_err(unreadable)?,
        ));
    }
    let file = File::open(path).map_err(|source| ScanError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    Ok(Box::new(EvtxLines::new(file).map_err(unreadable)?))
}

/// Without the `windows-evtx` feature an EVTX file is refused with a reason.
#[cfg(not(feature = "windows-evtx"))]
fn open_evtx(
    path: &Path,
    _: BufReader<Box<dyn Read + Send>>,
) -> Result<Box<dyn Read + Send>, ScanError> {
    Err(ScanError::Unreadable {
        file: path.to_path_buf(),
        reason: "a Windows Event Log file, and this build cannot read them (built without \
                 the `windows-evtx` feature)"
            .into(),
    })
}

/// A decoder for a log compressed in `format` ("gzip" or "zstd").
#[cfg(feature = "compressed-logs")]
fn decompress(
    input: BufReader<Box<dyn Read + Send>>,
    format: &str,
) -> io::Result<Box<dyn Read + Send>> {
    if format == "gzip" {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(input)))
    } else {
        Ok(Box::new(zstd::stream::read::Decoder::with_buffer(input)?))
    }
}

/// Without the `compressed-logs` feature a compressed log is refused, never read as text.
#[cfg(not(feature = "compressed-logs"))]
fn decompress(_: BufReader<Box<dyn Read + Send>>, _: &str) -> io::Result<Box<dyn Read + Send>> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "this build cannot read compressed logs (built without the `compressed-logs` feature); \
         decompress the log first",
    ))
}

/// Matches an index against logs.
pub struct Scanner<'i> {
    index: &'i IndicatorIndex,
    options: ScanOptions,
}

struct Chunk {
    seq: u64,
    /// The chunk is `data[..len]`.
    data: Vec<u8>,
    len: usize,
    reader: LineReader,
}

#[derive(Default)]
struct ChunkResult {
    lines: u64,
    broken: u64,
    first_broken: Option<u64>,
    /// Alerts with their line number inside the chunk (1-based).
    alerts: Vec<(u64, Alert, Kind)>,
    /// The earliest and latest event times of the chunk's readable lines.
    span: Span,
}

/// The earliest and latest event times seen.
#[derive(Debug, Default, Clone, Copy)]
struct Span {
    first: Option<ward_stix::Timestamp>,
    last: Option<ward_stix::Timestamp>,
}

impl Span {
    fn add(&mut self, t: ward_stix::Timestamp) {
        if self.first.is_none_or(|f| t < f) {
            self.first = Some(t);
        }
        if self.last.is_none_or(|l| t > l) {
            self.last = Some(t);
        }
    }

    fn merge(&mut self, other: Span) {
        for t in [other.first, other.last].into_iter().flatten() {
            self.add(t);
        }
    }
}

/// Per-thread matching state.
struct Worker<'i> {
    index: &'i IndicatorIndex,
    event: Event,
    read: ReadScratch,
    matching: MatchScratch,
    hits: Vec<Hit>,
    now: ward_stix::Timestamp,
    /// The last time text parsed and its instant: consecutive lines often share a time
    /// written to the second, so most lines skip the parser.
    last_time: (String, Option<ward_stix::Timestamp>),
    /// A syslog time's minute (`Mmm dd hh:mm`) and its instant: the parser, which tries
    /// every form and years back, runs once a minute instead of once a line.
    last_minute: (String, Option<ward_stix::Timestamp>),
}

impl<'i> Worker<'i> {
    fn new(index: &'i IndicatorIndex, now: ward_stix::Timestamp) -> Worker<'i> {
        Worker {
            index,
            event: Event::new(),
            read: ReadScratch::default(),
            matching: MatchScratch::default(),
            hits: Vec::new(),
            now,
            last_time: (String::new(), None),
            last_minute: (String::new(), None),
        }
    }

    /// The event's time for the file's span: epochs converted directly, text parsed unless
    /// it repeats the previous line's.
    fn span_time(&mut self) -> Option<ward_stix::Timestamp> {
        match self.event.time() {
            crate::event::RawTime::None => None,
            crate::event::RawTime::Epoch(_) => self.event_time(),
            crate::event::RawTime::Text(..) => {
                let text = self.event.time_text()?;
                if text != self.last_time.0 {
                    let t = match bsd_minute(text) {
                        Some((minute, secs)) => {
                            if minute != self.last_minute.0 {
                                let whole = format!("{minute}:00");
                                self.last_minute.1 =
                                    time::normalize(self.event.time(), Some(&whole), self.now);
                                self.last_minute.0.clear();
                                self.last_minute.0.push_str(minute);
                            }
                            self.last_minute.1.map(|m| {
                                ward_stix::Timestamp::from_micros(m.as_micros() + secs * 1_000_000)
                            })
                        }
                        None => time::normalize(self.event.time(), Some(text), self.now),
                    };
                    self.last_time.0.clear();
                    self.last_time.0.push_str(text);
                    self.last_time.1 = t;
                }
                self.last_time.1
            }
        }
    }

    fn chunk(&mut self, data: &[u8], reader: &mut LineReader, file: &str) -> ChunkResult {
        let mut out = ChunkResult::default();
        let mut start = 0;
        let mut line_no = 0u64;
        let ends = memchr_iter(b'\n', data).chain(std::iter::once(data.len()));
        for end in ends {
            if start > data.len() || (end == data.len() && start == data.len()) {
                break;
            }
            line_no += 1;
            let mut line = &data[start..end];
            start = end + 1;
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if reader.parse(line, &mut self.event, &mut self.read).is_err() {
                out.broken += 1;
                out.first_broken.get_or_insert(line_no);
                continue;
            }
            if let Some(t) = self.span_time() {
                out.span.add(t);
            }
            if self.event.items().is_empty() {
                continue;
            }
            if self.index.needs_event_time() {
                self.matching.time = self.event_time().map(|t| t.to_string());
            }
            self.index
                .match_event(&self.event, &mut self.matching, &mut self.hits);
            for h in &self.hits {
                if let Some(a) = self.alert(file, line_no, h) {
                    out.alerts.push(a);
                }
            }
        }
        out.lines = line_no;
        out
    }

    fn event_time(&self) -> Option<ward_stix::Timestamp> {
        time::normalize(self.event.time(), self.event.time_text(), self.now)
    }

    fn alert(&self, file: &str, line: u64, hit: &Hit) -> Option<(u64, Alert, Kind)> {
        let info = self.index.info(hit.indicator)?;
        let o = self.event.items().get(hit.item)?;
        let value = self.event.value(o);
        let ctx = SentenceContext {
            kind: o.kind,
            role: o.role,
            value,
            source_ip: self.event.source_ip(),
            destination_ip: self.event.destination_ip(),
            host: self.event.host(),
        };
        let sentence = sentence(&ctx, &info);
        // The organization's device is the end of the connection that is not the indicator.
        let device = match o.role {
            crate::fields::Role::Source => self.event.destination_ip(),
            _ => self.event.source_ip(),
        }
        .filter(|ip| *ip != value)
        .or_else(|| self.event.host())
        .map(str::to_string);
        Some((
            line,
            Alert {
                file: file.to_string(),
                line,
                timestamp: self.event_time().map(|t| t.to_string()),
                field: self.event.field(o).to_string(),
                value: value.to_string(),
                indicator_id: info.id,
                indicator_name: info.name,
                score: info.score,
                tlp: info.tlp,
                sources: info.sources,
                sentence,
                device,
                threats: info.threats,
            },
            o.kind,
        ))
    }
}

/// RFC 3164's `Mmm dd hh:mm:ss`: the text up to the minute and the seconds.
fn bsd_minute(text: &str) -> Option<(&str, i64)> {
    let b = text.as_bytes();
    if b.len() != 15
        || b.get(3) != Some(&b' ')
        || b.get(9) != Some(&b':')
        || b.get(12) != Some(&b':')
        || !b.get(13..15)?.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let secs = i64::from(b.get(13)? - b'0') * 10 + i64::from(b.get(14)? - b'0');
    (secs < 60).then_some((text.get(..12)?, secs))
}

/// Cuts a stream into chunks that end at a line end.
struct Chunker<R> {
    input: R,
    carry: Vec<u8>,
    chunk_size: usize,
    max_line: usize,
    /// Inside an over-long line: drop bytes up to the next line end.
    skipping: bool,
    eof: bool,
    bytes: u64,
    /// Over-long lines dropped, by the line count before them (reported as broken).
    long_lines: u64,
}

impl<R: Read> Chunker<R> {
    /// The next chunk (at least one whole line, or the last bytes of the stream) in
    /// `buf[..n]`, returning `n`; `None` at the end. Over-long lines are dropped and
    /// counted; each dropped line leaves an empty line in its place so that line numbers
    /// stay right. `buf` keeps its length from call to call (bytes past `n` are stale), so
    /// a reused buffer is zeroed once rather than before every read.
    fn next(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<usize>> {
        let mut filled = self.carry.len();
        if buf.len() < filled {
            buf.resize(filled, 0);
        }
        buf[..filled].copy_from_slice(&self.carry);
        self.carry.clear();
        loop {
            if self.eof {
                return Ok((filled > 0).then_some(filled));
            }
            if filled >= self.chunk_size {
                if let Some(last) = memrchr(b'\n', &buf[..filled]) {
                    self.carry.extend_from_slice(&buf[last + 1..filled]);
                    return Ok(Some(last + 1));
                }
            }
            let have = filled;
            let want = self.chunk_size.max(have + (64 << 10));
            if buf.len() < want {
                buf.resize(want, 0);
            }
            let n = match self.input.read(&mut buf[have..want]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => 0,
                Err(e) => return Err(e),
            };
            filled = have + n;
            self.bytes += n as u64;
            if n == 0 {
                self.eof = true;
                continue;
            }
            if self.skipping {
                match memchr(b'\n', &buf[have..filled]) {
                    Some(p) => {
                        // Keep the line end so the dropped line still counts as a line.
                        buf.copy_within(have + p..filled, have);
                        filled -= p;
                        self.skipping = false;
                    }
                    None => filled = have,
                }
                continue;
            }
            // The line being read (after the last line end) is too long: drop it.
            let line_start = memrchr(b'\n', &buf[..filled]).map_or(0, |p| p + 1);
            if filled - line_start > self.max_line {
                filled = line_start;
                self.long_lines += 1;
                self.skipping = true;
            }
        }
    }
}

impl<'i> Scanner<'i> {
    pub fn new(index: &'i IndicatorIndex, options: ScanOptions) -> Scanner<'i> {
        Scanner { index, options }
    }

    /// Scans one log. `file` names it in alerts; `progress` is called with the bytes read
    /// so far after each chunk.
    pub fn scan(
        &self,
        file: &str,
        input: impl Read + Send,
        sink: &mut dyn AlertSink,
        progress: &mut dyn FnMut(u64),
    ) -> Result<FileReport, ScanError> {
        let read_err = |source| ScanError::Read {
            file: PathBuf::from(file),
            source,
        };
        let mut chunker = Chunker {
            input,
            carry: Vec::new(),
            chunk_size: self.options.chunk_size.max(1024),
            max_line: self.options.max_line.max(64),
            skipping: false,
            eof: false,
            bytes: 0,
            long_lines: 0,
        };
        let mut first = Vec::new();
        let got = chunker.next(&mut first).map_err(read_err)?;
        let first_len = got.unwrap_or(0);
        let head = &first[..first_len.min(64 << 10)];
        let format = match self.options.format {
            Some(f) => f,
            None => {
                if let Some(reason) = crate::readers::refuse::refusal(head) {
                    return Err(ScanError::Unreadable {
                        file: PathBuf::from(file),
                        reason,
                    });
                }
                LogFormat::sniff(head)
            }
        };
        let mut report = FileReport::new(file, format);
        if got.is_none() {
            return Ok(report);
        }
        let mut state = LineReader::new(format);
        let mut span = Span::default();
        let mut emit = |report: &mut FileReport, r: ChunkResult| -> Result<(), ScanError> {
            span.merge(r.span);
            let base = report.lines;
            for (line, mut alert, kind) in r.alerts {
                alert.line = base + line;
                sink.alert(&alert, kind).map_err(ScanError::Sink)?;
                report.alerts += 1;
            }
            if report.first_broken_line.is_none() {
                report.first_broken_line = r.first_broken.map(|l| base + l);
            }
            report.lines += r.lines;
            report.broken_lines += r.broken;
            Ok(())
        };

        if self.options.threads <= 1 {
            let mut worker = Worker::new(self.index, self.options.now);
            let mut buf = first;
            let mut len = first_len;
            loop {
                let r = worker.chunk(&buf[..len], &mut state, file);
                emit(&mut report, r)?;
                progress(chunker.bytes);
                match chunker.next(&mut buf).map_err(read_err)? {
                    Some(n) => len = n,
                    None => break,
                }
            }
        } else {
            self.scan_parallel(
                file,
                &mut chunker,
                (first, first_len),
                state,
                &mut report,
                &mut emit,
                progress,
            )?;
        }
        report.bytes = chunker.bytes;
        report.broken_lines += chunker.long_lines;
        report.first_event = span.first.map(|t| t.to_string());
        report.last_event = span.last.map(|t| t.to_string());
        Ok(report)
    }

    // Long because: the reader thread, the worker pool and the in-order merge of their
    // results share one scope and its channels.
    #[allow(clippy::too_many_arguments)]
    fn scan_parallel<R: Read>(
        &self,
        file: &str,
        chunker: &mut Chunker<R>,
        first: (Vec<u8>, usize),
        mut state: LineReader,
        report: &mut FileReport,
        emit: &mut dyn FnMut(&mut FileReport, ChunkResult) -> Result<(), ScanError>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), ScanError> {
        let threads = self.options.threads;
        let (work_tx, work_rx) = mpsc::sync_channel::<Chunk>(threads);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::channel::<(u64, ChunkResult, Vec<u8>)>();
        let index = self.index;
        let now = self.options.now;
        std::thread::scope(|scope| -> Result<(), ScanError> {
            for _ in 0..threads {
                let rx = Arc::clone(&work_rx);
                let tx = done_tx.clone();
                scope.spawn(move || {
                    let mut worker = Worker::new(index, now);
                    loop {
                        let next = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => return,
                        };
                        let Ok(mut chunk) = next else { return };
                        let data = chunk.data.get(..chunk.len).unwrap_or_default();
                        let r = worker.chunk(data, &mut chunk.reader, file);
                        if tx.send((chunk.seq, r, chunk.data)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut pending: BTreeMap<u64, ChunkResult> = BTreeMap::new();
            let mut next_out = 0u64;
            let mut pool: Vec<Vec<u8>> = Vec::new();
            let mut seq = 0u64;
            let (mut buf, mut len) = first;
            let mut failure = None;
            loop {
                // The state at the start of the next chunk: header lines of this one.
                let start_state = state.clone();
                if state.format == LogFormat::Csv {
                    // The header row is the file's first line.
                    let end = memchr(b'\n', &buf[..len]).unwrap_or(len);
                    let first = &buf[..end];
                    state.read_header(first.strip_suffix(b"\r").unwrap_or(first));
                } else if state.has_headers() {
                    for_each_header_line(&buf[..len], |l| {
                        state.read_header(l);
                    });
                }
                let chunk = Chunk {
                    seq,
                    data: std::mem::take(&mut buf),
                    len,
                    reader: start_state,
                };
                seq += 1;
                if work_tx.send(chunk).is_err() {
                    break;
                }
                progress(chunker.bytes);
                while let Ok((s, r, data)) = done_rx.try_recv() {
                    pending.insert(s, r);
                    pool.push(data);
                }
                while let Some(r) = pending.remove(&next_out) {
                    emit(report, r)?;
                    next_out += 1;
                }
                buf = pool.pop().unwrap_or_default();
                match chunker.next(&mut buf) {
                    Ok(Some(n)) => len = n,
                    Ok(None) => break,
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
            drop(work_tx);
            for (s, r, _) in done_rx.iter() {
                pending.insert(s, r);
                while let Some(r) = pending.remove(&next_out) {
                    emit(report, r)?;
                    next_out += 1;
                }
            }
            match failure {
                Some(source) => Err(ScanError::Read {
                    file: PathBuf::from(file),
                    source,
                }),
                None => Ok(()),
            }
        })
    }
}

fn for_each_header_line(chunk: &[u8], mut f: impl FnMut(&[u8])) {
    let mut at = |start: usize| {
        let end = memchr(b'\n', &chunk[start..]).map_or(chunk.len(), |p| start + p);
        let line = &chunk[start..end];
        f(line.strip_suffix(b"\r").unwrap_or(line));
    };
    if chunk.first() == Some(&b'#') {
        at(0);
    }
    for p in memchr::memmem::find_iter(chunk, b"\n#") {
        at(p + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log file starting with the gzip magic (the rest need not be valid gzip).
    fn gzip_log(dir: &Path) -> PathBuf {
        let path = dir.join("conn.log.gz");
        let mut bytes = vec![0x1f, 0x8b];
        bytes.extend_from_slice(b"rest of the file");
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[cfg(feature = "compressed-logs")]
    #[test]
    fn compressed_logs_are_decompressed() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let gz = dir.path().join("a.log.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"line one\n").unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        let zst = dir.path().join("b.log.zst");
        std::fs::write(&zst, zstd::encode_all(&b"line two\n"[..], 3).unwrap()).unwrap();
        for (path, text) in [(gz, "line one\n"), (zst, "line two\n")] {
            let mut out = String::new();
            let read = Arc::new(AtomicU64::new(0));
            open_log_counting(&path, read.clone())
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, text);
            // The progress bar's count: the file as stored, not the text it held.
            let stored = std::fs::metadata(&path).unwrap().len();
            assert_eq!(read.load(Ordering::Relaxed), stored, "{}", path.display());
        }
        // Not gzip after all: the decoder's error, not text.
        let mut out = Vec::new();
        assert!(open_log(&gzip_log(dir.path()))
            .unwrap()
            .read_to_end(&mut out)
            .is_err());
    }

    #[cfg(not(feature = "compressed-logs"))]
    #[test]
    fn without_the_feature_a_compressed_log_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let Err(err) = open_log(&gzip_log(dir.path())) else {
            panic!("a compressed log was opened as text");
        };
        assert!(matches!(err, ScanError::Decompress { format: "gzip", .. }));
        let message = err.to_string();
        assert!(
            message.contains("conn.log.gz") && message.contains("cannot read compressed logs"),
            "{message}"
        );
    }

    fn chunks(input: &str, chunk_size: usize, max_line: usize) -> (Vec<String>, u64) {
        let mut c = Chunker {
            input: input.as_bytes(),
            carry: Vec::new(),
            chunk_size,
            max_line,
            skipping: false,
            eof: false,
            bytes: 0,
            long_lines: 0,
        };
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(n) = c.next(&mut buf).unwrap() {
            out.push(String::from_utf8(buf[..n].to_vec()).unwrap());
        }
        (out, c.long_lines)
    }

    #[test]
    fn chunks_end_at_line_ends_and_keep_every_byte() {
        let text: String = (0..500).map(|i| format!("line {i}\n")).collect();
        let (parts, long) = chunks(&text, 100, 1000);
        assert_eq!(long, 0);
        assert!(parts[..parts.len() - 1].iter().all(|p| p.ends_with('\n')));
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn long_lines_are_dropped_but_counted() {
        let long = "x".repeat(300_000);
        let text = format!("a\n{long}\nb\n{long}");
        let (parts, long_lines) = chunks(&text, 1024, 1000);
        assert_eq!(long_lines, 2);
        assert_eq!(parts.concat(), "a\n\nb\n");
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::alert::CollectSink;
    use crate::index::BuildOptions;

    fn span(text: &str, threads: usize) -> (Option<String>, Option<String>) {
        let index = IndicatorIndex::from_objects(std::iter::empty(), BuildOptions::default()).0;
        let scanner = Scanner::new(
            &index,
            ScanOptions {
                threads,
                chunk_size: 1024,
                now: ward_stix::Timestamp::parse("2024-06-01T00:00:00Z").unwrap(),
                ..ScanOptions::default()
            },
        );
        let mut sink = CollectSink::default();
        let r = scanner
            .scan("t.log", text.as_bytes(), &mut sink, &mut |_| {})
            .unwrap();
        (r.first_event, r.last_event)
    }

    /// Each reader family's lines, out of order and padded past one chunk: the span is the
    /// earliest and latest time, whatever the order and the threads.
    #[test]
    fn the_span_is_the_earliest_and_latest_event_of_each_reader_family() {
        let filler = |line: &str| -> String { format!("{line}\n").repeat(40) };
        let cases: [(&str, [&str; 3], &str, &str); 6] = [
            (
                "zeek tsv",
                [
                    "#fields\tts\tuid\tid.orig_h\n1704448805.5\tC1\t10.0.0.5",
                    "1704448800.0\tC2\t10.0.0.5",
                    "1704449000.25\tC3\t10.0.0.5",
                ],
                "2024-01-05T10:00:00.000000Z",
                "2024-01-05T10:03:20.250000Z",
            ),
            (
                "suricata eve",
                [
                    r#"{"timestamp":"2024-01-05T11:00:00.000000+0100","event_type":"dns","src_ip":"10.0.0.5"}"#,
                    r#"{"timestamp":"2024-01-05T09:59:00.000000+0000","event_type":"dns","src_ip":"10.0.0.5"}"#,
                    r#"{"timestamp":"2024-01-05T10:30:00.000000+0000","event_type":"dns","src_ip":"10.0.0.5"}"#,
                ],
                "2024-01-05T09:59:00.000000Z",
                "2024-01-05T10:30:00.000000Z",
            ),
            (
                "syslog",
                [
                    "Jan  5 10:00:00 host app: from 10.0.0.5",
                    "Jan  4 23:00:00 host app: no address here",
                    "Jan  5 12:00:00 host app: from 10.0.0.5",
                ],
                "2024-01-04T23:00:00.000000Z",
                "2024-01-05T12:00:00.000000Z",
            ),
            (
                "cef",
                [
                    "CEF:0|V|P|1|100|N|5|rt=1704448800000 src=10.0.0.5",
                    "CEF:0|V|P|1|100|N|5|rt=1704448700000 src=10.0.0.5",
                    "CEF:0|V|P|1|100|N|5|rt=1704448900000 src=10.0.0.5",
                ],
                "2024-01-05T09:58:20.000000Z",
                "2024-01-05T10:01:40.000000Z",
            ),
            (
                "squid",
                [
                    "1704448800.123 120 10.0.0.5 TCP_MISS/200 512 GET http://a.example/ - HIER_DIRECT/192.0.2.9 text/html",
                    "1704448700.000 120 10.0.0.5 TCP_MISS/200 512 GET http://a.example/ - HIER_DIRECT/192.0.2.9 text/html",
                    "1704448900.000 120 10.0.0.5 TCP_MISS/200 512 GET http://a.example/ - HIER_DIRECT/192.0.2.9 text/html",
                ],
                "2024-01-05T09:58:20.000000Z",
                "2024-01-05T10:01:40.000000Z",
            ),
            (
                "json lines",
                [
                    r#"{"@timestamp":"2024-01-05T10:00:00Z","client":"10.0.0.5"}"#,
                    r#"{"@timestamp":"2024-01-03T10:00:00Z","client":"10.0.0.5"}"#,
                    r#"{"@timestamp":"2024-01-07T10:00:00Z","client":"10.0.0.5"}"#,
                ],
                "2024-01-03T10:00:00Z",
                "2024-01-07T10:00:00Z",
            ),
        ];
        for (family, [a, b, c], first, last) in cases {
            // The earliest line in the middle, the latest at the end, each chunk with several.
            let text = format!("{}{}{}{}", filler(a), filler(b), filler(a), filler(c));
            for threads in [1, 3] {
                assert_eq!(
                    span(&text, threads),
                    (Some(first.to_string()), Some(last.to_string())),
                    "{family}, {threads} thread(s)"
                );
            }
        }
    }

    /// Syslog times are parsed once a minute: seconds within a minute and the year a
    /// December line gets next to January ones are still exact.
    #[test]
    fn syslog_span_across_the_new_year_and_within_a_minute() {
        let text = "Dec 31 23:59:58 h a: x\nDec 31 23:59:59 h a: x\nJan  1 00:00:01 h a: x\nDec 31 23:59:30 h a: x\n";
        assert_eq!(
            span(text, 1),
            (
                Some("2023-12-31T23:59:30.000000Z".into()),
                Some("2024-01-01T00:00:01.000000Z".into())
            )
        );
        assert_eq!(bsd_minute("Jan  5 10:00:61"), None);
        assert_eq!(bsd_minute("Jan  5 10:00:07"), Some(("Jan  5 10:00", 7)));
    }

    #[test]
    fn no_span_without_times_or_from_broken_lines() {
        assert_eq!(span("just 10.0.0.5 and text\n", 1), (None, None));
        assert_eq!(span("", 1), (None, None));
        // A broken line's time is not an event's.
        let eve = "{\"timestamp\":\"2024-01-05T10:00:00Z\",\"event_type\":\"dns\"}\n\
                   {\"timestamp\":\"2030-01-05T10:00:00Z\",\"event_type\":\"dns\"\n";
        assert_eq!(
            span(eve, 1),
            (
                Some("2024-01-05T10:00:00Z".into()),
                Some("2024-01-05T10:00:00Z".into())
            )
        );
    }
}
