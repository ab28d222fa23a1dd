//! Following one log file like `tail -F`: new complete lines from where it stopped, a
//! rotation by rename (a new file at the path: the old one is finished first, then the new
//! one read from its start) or by truncation (the file shorter than the offset: read again
//! from 0), and the checkpoint of where it stands, kept in the member's store (settings under
//! [`CHECKPOINT_PREFIX`], as the journal keeps its record) so a restart neither re-reads nor
//! loses lines.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ward_detect::readers::LineReader;
use ward_detect::LogFormat;
use ward_store::Store;

use crate::MemberError;

/// Key prefix of the checkpoints in the store's settings; the path follows.
pub const CHECKPOINT_PREFIX: &str = "watch/offset/";
/// How much of a file's start tells its format (as `ward scan` sniffs it).
const SNIFF_BYTES: usize = 64 << 10;
/// Header lines kept per file (Zeek TSV, CSV, Windows Firewall) beyond which older ones are
/// dropped; a header block is a few hundred bytes.
const MAX_HEADERS: usize = 64 << 10;

/// Where a followed file stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The file's identity (device and inode on Unix), to tell a rotated file apart.
    pub id: u64,
    /// Bytes read: the start of the first line not yet read.
    pub offset: u64,
    /// Lines read, so an alert names the line of the file.
    pub line: u64,
}

impl Checkpoint {
    /// The checkpoint kept for `path`, if any (an unreadable one counts as none).
    pub fn load(store: &dyn Store, path: &Path) -> Result<Option<Checkpoint>, MemberError> {
        let key = key(path);
        let found = store
            .settings(&key)
            .map_err(|e| MemberError::Journal(e.to_string()))?;
        Ok(found
            .into_iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| serde_json::from_str(&v).ok()))
    }

    pub fn save(&self, store: &dyn Store, path: &Path) -> Result<(), MemberError> {
        let text = serde_json::to_string(self).map_err(MemberError::Serialize)?;
        store
            .set_setting(&key(path), Some(&text))
            .map_err(|e| MemberError::Journal(e.to_string()))
    }
}

impl Checkpoint {
    /// Drops the checkpoint of a file no longer followed (a rotated-away file of a glob).
    pub fn forget(store: &dyn Store, path: &Path) -> Result<(), MemberError> {
        store
            .set_setting(&key(path), None)
            .map_err(|e| MemberError::Journal(e.to_string()))
    }
}

fn key(path: &Path) -> String {
    format!("{CHECKPOINT_PREFIX}{}", path.display())
}

/// New complete lines of a followed file.
pub struct NewLines {
    /// The lines, each ending in `\n`.
    pub bytes: Vec<u8>,
    /// Lines of the file before the first of these.
    pub lines_before: u64,
    /// True when the file was rotated (renamed or truncated) since the last lines.
    pub rotated: bool,
}

/// One file being followed.
pub struct Followed {
    pub path: PathBuf,
    file: Option<File>,
    pub at: Checkpoint,
    /// Where to start a file first opened without a checkpoint: its end (a file that was
    /// there when watch started) or its start (one that appeared later).
    start_at_end: bool,
    /// The format sniffed from the file's first lines.
    pub format: Option<LogFormat>,
    /// Header lines read so far (they decide how later lines read), and how many.
    pub headers: Vec<u8>,
    pub header_lines: u64,
    header_reader: Option<LineReader>,
    rotated: bool,
    /// The last bytes before the offset as they were read: when the file no longer has them
    /// there, it was truncated and written again (copytruncate), even if it has since grown
    /// past the offset.
    mark: Vec<u8>,
}

/// Bytes kept in [`Followed::mark`]: the whole last line or more, whose time or addresses
/// tell it from the line a rewritten file has there (templated lines often end alike, so a
/// short tail would not).
const MARK_BYTES: u64 = 4096;

impl Followed {
    pub fn new(path: PathBuf, start_at_end: bool) -> Followed {
        Followed {
            path,
            file: None,
            at: Checkpoint::default(),
            start_at_end,
            format: None,
            headers: Vec::new(),
            header_lines: 0,
            header_reader: None,
            rotated: false,
            mark: Vec::new(),
        }
    }

    /// True once the file has been opened.
    pub fn is_open(&self) -> bool {
        self.file.is_some()
    }

    /// Opens the file if it is not open yet: at `saved` when it is the same file and not
    /// shorter, else at its end or start. Returns false while the file does not exist.
    pub fn open(&mut self, saved: Option<Checkpoint>) -> std::io::Result<bool> {
        if self.file.is_some() {
            return Ok(true);
        }
        let file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        let id = file_id(&meta);
        self.at = match saved {
            Some(cp) if cp.id == id && cp.offset <= meta.len() => cp,
            _ if self.start_at_end => Checkpoint {
                id,
                offset: meta.len(),
                line: 0,
            },
            _ => Checkpoint {
                id,
                offset: 0,
                line: 0,
            },
        };
        self.file = Some(file);
        self.reset_reading();
        if self.at.offset > 0 {
            // Started inside the file: the lines before tell the line numbers and headers.
            self.read_prefix()?;
        }
        self.mark = self.bytes_before_offset()?;
        Ok(true)
    }

    fn reset_reading(&mut self) {
        self.format = None;
        self.headers.clear();
        self.header_lines = 0;
        self.header_reader = None;
    }

    /// Counts the lines before the offset and keeps the header lines among them.
    fn read_prefix(&mut self) -> std::io::Result<()> {
        self.sniff_if_needed()?;
        // Taken out while read, so the header notes can borrow the rest.
        let Some(mut file) = self.file.take() else {
            return Ok(());
        };
        let counted = self.count_prefix(&mut file);
        self.file = Some(file);
        self.at.line = counted?;
        Ok(())
    }

    fn count_prefix(&mut self, file: &mut File) -> std::io::Result<u64> {
        file.seek(SeekFrom::Start(0))?;
        let mut rest = self.at.offset;
        let mut buf = vec![0u8; 1 << 16];
        let mut lines = 0u64;
        let mut partial = Vec::new();
        while rest > 0 {
            let want = buf.len().min(usize::try_from(rest).unwrap_or(usize::MAX));
            let n = file.read(&mut buf[..want])?;
            if n == 0 {
                break;
            }
            rest -= n as u64;
            partial.extend_from_slice(&buf[..n]);
            if let Some(last) = partial.iter().rposition(|b| *b == b'\n') {
                let complete: Vec<u8> = partial.drain(..=last).collect();
                lines += complete.iter().filter(|b| **b == b'\n').count() as u64;
                self.note_headers(&complete);
            }
        }
        Ok(lines)
    }

    fn sniff_if_needed(&mut self) -> std::io::Result<()> {
        if self.format.is_some() {
            return Ok(());
        }
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.seek(SeekFrom::Start(0))?;
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        file.by_ref()
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)?;
        // Sniffed on complete lines only, so a half-written first line does not decide.
        let Some(end) = head.iter().rposition(|b| *b == b'\n') else {
            return Ok(());
        };
        let format = LogFormat::sniff(&head[..=end]);
        self.format = Some(format);
        let reader = LineReader::new(format);
        self.header_reader = reader.has_headers().then_some(reader);
        Ok(())
    }

    /// Keeps the header lines among `lines` (for formats that have them).
    fn note_headers(&mut self, lines: &[u8]) {
        let Some(reader) = self.header_reader.as_mut() else {
            return;
        };
        for line in lines.split_inclusive(|b| *b == b'\n') {
            let bare = line.strip_suffix(b"\n").unwrap_or(line);
            let bare = bare.strip_suffix(b"\r").unwrap_or(bare);
            if reader.read_header(bare) && self.headers.len() + line.len() <= MAX_HEADERS {
                self.headers.extend_from_slice(line);
                self.header_lines += 1;
            }
        }
    }

    /// The next complete lines (at most about `max` bytes), noticing rotation when the
    /// open file has nothing more. `None` when there is nothing new.
    pub fn poll(&mut self, max: usize) -> std::io::Result<Option<NewLines>> {
        if self.file.is_none() && !self.open(None)? {
            return Ok(None);
        }
        if self.bytes_before_offset()? != self.mark {
            // Truncated and written again since the last read: read from the start.
            self.restart_from_zero();
        }
        if let Some(lines) = self.read_lines(max, false)? {
            return Ok(Some(lines));
        }
        // Nothing new in the open file: has the path moved on to another file, or shrunk?
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            // Renamed away and not yet recreated: keep the old file until a new one appears.
            Err(_) => return Ok(None),
        };
        let id = file_id(&meta);
        if id != self.at.id {
            // The last line of the old file, if it had no line end, is still a line.
            let tail = self.read_lines(usize::MAX, true)?;
            self.file = None;
            self.start_at_end = false;
            self.rotated = true;
            if tail.is_some() {
                return Ok(tail);
            }
            if !self.open(None)? {
                return Ok(None);
            }
            return self.read_lines(max, false);
        }
        if meta.len() < self.at.offset {
            self.restart_from_zero();
            return self.read_lines(max, false);
        }
        Ok(None)
    }

    /// After a truncation: the file is read again from its start.
    fn restart_from_zero(&mut self) {
        self.at.offset = 0;
        self.at.line = 0;
        self.rotated = true;
        self.mark.clear();
        self.reset_reading();
    }

    /// The (at most [`MARK_BYTES`]) bytes of the open file just before the offset, as they
    /// are now; fewer when the file is shorter.
    fn bytes_before_offset(&mut self) -> std::io::Result<Vec<u8>> {
        let Some(file) = self.file.as_mut() else {
            return Ok(Vec::new());
        };
        let start = self.at.offset.saturating_sub(MARK_BYTES);
        file.seek(SeekFrom::Start(start))?;
        let mut out = Vec::with_capacity(MARK_BYTES as usize);
        file.by_ref()
            .take(self.at.offset - start)
            .read_to_end(&mut out)?;
        Ok(out)
    }

    /// Reads complete lines from the offset; with `to_end`, a last line without its line
    /// end too.
    fn read_lines(&mut self, max: usize, to_end: bool) -> std::io::Result<Option<NewLines>> {
        let Some(file) = self.file.as_mut() else {
            return Ok(None);
        };
        file.seek(SeekFrom::Start(self.at.offset))?;
        let mut bytes = Vec::new();
        file.by_ref()
            .take(u64::try_from(max).unwrap_or(u64::MAX))
            .read_to_end(&mut bytes)?;
        let end = match bytes.iter().rposition(|b| *b == b'\n') {
            Some(last) => last + 1,
            None if to_end && !bytes.is_empty() => {
                let n = bytes.len();
                bytes.push(b'\n');
                self.at.offset += n as u64;
                self.at.line += 1;
                return Ok(Some(self.finish(bytes, self.at.line - 1)));
            }
            None => return Ok(None),
        };
        bytes.truncate(end);
        self.sniff_if_needed()?;
        let before = self.at.line;
        self.at.offset += end as u64;
        self.at.line += bytes.iter().filter(|b| **b == b'\n').count() as u64;
        // The mark is the end of what was just read (with the earlier mark before it when
        // the read was shorter than the mark).
        let mut mark = std::mem::take(&mut self.mark);
        mark.extend_from_slice(&bytes);
        let keep = mark.len().saturating_sub(MARK_BYTES as usize);
        mark.drain(..keep);
        self.mark = mark;
        self.note_headers(&bytes);
        Ok(Some(self.finish(bytes, before)))
    }

    fn finish(&mut self, bytes: Vec<u8>, lines_before: u64) -> NewLines {
        NewLines {
            bytes,
            lines_before,
            rotated: std::mem::take(&mut self.rotated),
        }
    }
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino() ^ meta.dev().rotate_left(32)
}

/// Windows has no stable file id in the standard library: a rotation by rename is noticed
/// there only when the new file is shorter than the offset (as a truncation).
#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn append(path: &Path, text: &str) {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap();
        f.write_all(text.as_bytes()).unwrap();
    }

    fn text(n: Option<NewLines>) -> String {
        String::from_utf8(n.map(|n| n.bytes).unwrap_or_default()).unwrap()
    }

    #[test]
    fn follows_new_lines_rename_and_truncation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.log");
        append(&path, "old 1\nold 2\n");
        let mut f = Followed::new(path.clone(), true);
        assert!(f.open(None).unwrap());
        assert_eq!(f.at.line, 2, "lines before the end are counted");
        assert!(f.poll(1 << 20).unwrap().is_none());
        append(&path, "new 3\nhalf");
        let got = f.poll(1 << 20).unwrap().unwrap();
        assert_eq!(got.lines_before, 2);
        assert_eq!(String::from_utf8(got.bytes).unwrap(), "new 3\n");
        // Rotation by rename: the old file's last (unterminated) line, then the new file.
        std::fs::rename(&path, dir.path().join("a.log.1")).unwrap();
        append(&path, "fresh 1\n");
        assert_eq!(text(f.poll(1 << 20).unwrap()), "half\n");
        let got = f.poll(1 << 20).unwrap().unwrap();
        assert!(got.rotated);
        assert_eq!((got.lines_before, &got.bytes[..]), (0, &b"fresh 1\n"[..]));
        // Truncation: read again from 0.
        std::fs::write(&path, "").unwrap();
        assert!(f.poll(1 << 20).unwrap().is_none());
        append(&path, "t1\n");
        assert_eq!(text(f.poll(1 << 20).unwrap()), "t1\n");
    }
}
