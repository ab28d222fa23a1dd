//! Zeek's tab-separated logs, any log type and any column set: the `#fields` header names
//! the columns, each column is classified once, and a line is split on the separator with
//! only the classified columns read.

use crate::event::Event;
use crate::fields::{classify, FieldKind, Role};
use crate::readers::find_short;

/// What the header lines of a Zeek log said.
#[derive(Debug, Clone)]
pub struct Header {
    separator: u8,
    unset: String,
    empty: String,
    columns: Vec<(String, FieldKind, Role)>,
    /// Columns up to the last one that can hold an indicator: the rest of a line is not
    /// split at all.
    used: usize,
    tls: bool,
}

impl Default for Header {
    fn default() -> Header {
        Header {
            separator: b'\t',
            unset: "-".into(),
            empty: "(empty)".into(),
            columns: Vec::new(),
            used: 0,
            tls: false,
        }
    }
}

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadZeek {
    /// A data line before any `#fields` header.
    NoHeader,
    NotUtf8,
}

fn unescape_separator(text: &str) -> Option<u8> {
    // `#separator \x09`
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("\\x") {
        return u8::from_str_radix(hex, 16).ok();
    }
    t.bytes().next()
}

impl Header {
    /// Reads a `#` line. Returns true when it was a header line.
    pub fn read_meta(&mut self, line: &[u8]) -> bool {
        if line.first() != Some(&b'#') {
            return false;
        }
        let text = String::from_utf8_lossy(line);
        if let Some(rest) = text.strip_prefix("#separator ") {
            if let Some(s) = unescape_separator(rest) {
                self.separator = s;
            }
            return true;
        }
        let sep = char::from(self.separator);
        let mut parts = text.split(sep);
        let tag = parts.next().unwrap_or("");
        match tag {
            "#fields" => {
                self.columns = parts
                    .map(|name| {
                        let (kind, role) = classify(name, FieldKind::Ignore);
                        (name.to_string(), kind, role)
                    })
                    .collect();
                self.used = self
                    .columns
                    .iter()
                    .rposition(|c| c.1 != FieldKind::Ignore)
                    .map_or(0, |p| p + 1);
            }
            "#unset_field" => self.unset = parts.next().unwrap_or("-").to_string(),
            "#empty_field" => self.empty = parts.next().unwrap_or("(empty)").to_string(),
            "#path" => self.tls = matches!(parts.next(), Some("ssl" | "x509")),
            _ => {}
        }
        true
    }

    pub fn has_fields(&self) -> bool {
        !self.columns.is_empty()
    }

    pub fn parse_line(&self, line: &[u8], event: &mut Event) -> Result<(), BadZeek> {
        if self.columns.is_empty() {
            return Err(BadZeek::NoHeader);
        }
        if self.tls {
            event.set_tls();
        }
        // One SIMD validation of the line instead of one call per field (each cost about
        // a hundred instructions on short values); fields are then cut at an ASCII
        // separator, so they stay valid. A line with bytes that are not UTF-8 is checked
        // field by field: only the fields that are read must be text.
        let whole = if self.separator.is_ascii() {
            simdutf8::basic::from_utf8(line).ok()
        } else {
            None
        };
        let mut rest = line;
        for (name, kind, role) in self.columns.iter().take(self.used) {
            let end = find_short(rest, self.separator, self.separator).unwrap_or(rest.len());
            let raw = rest.get(..end).unwrap_or(rest);
            if *kind != FieldKind::Ignore {
                let value = match whole {
                    Some(w) => {
                        let at = line.len() - rest.len();
                        w.get(at..at + end).ok_or(BadZeek::NotUtf8)?
                    }
                    None => std::str::from_utf8(raw).map_err(|_| BadZeek::NotUtf8)?,
                };
                if value != self.unset && value != self.empty && !value.is_empty() {
                    event.push_field(name, *kind, *role, value);
                }
            }
            match rest.get(end + 1..) {
                Some(next) => rest = next,
                None => break,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        let mut h = Header::default();
        assert!(h.read_meta(b"#fields\tts\tuid\tid.orig_h\tid.resp_h\tnote"));
        h
    }

    #[test]
    fn invalid_bytes_only_break_the_fields_that_are_read() {
        let h = header();
        // Invalid UTF-8 in a column that is not read (`uid`): the line reads.
        let mut e = Event::new();
        h.parse_line(b"1.0\tC\xff\xfe\t10.0.0.5\t203.0.113.9", &mut e)
            .unwrap();
        let v: Vec<&str> = e.items().iter().map(|o| e.value(o)).collect();
        assert_eq!(v, vec!["10.0.0.5", "203.0.113.9"]);
        // In a column that is read: the line is broken, not a panic.
        assert_eq!(
            h.parse_line(b"1.0\tC1\t10.0.0.5\t203.0.\xc3", &mut Event::new()),
            Err(BadZeek::NotUtf8)
        );
        // Multi-byte characters anywhere, and a line shorter than the header.
        let mut e = Event::new();
        h.parse_line("1.0\tC\u{e9}\t\u{1f600}\t203.0.113.9".as_bytes(), &mut e)
            .unwrap();
        h.parse_line("\u{e9}".as_bytes(), &mut Event::new())
            .unwrap();
        // A header with foreign bytes and a multi-byte separator.
        let mut odd = Header::default();
        assert!(odd.read_meta(b"#separator \\xc3"));
        assert!(odd.read_meta(b"#fields\xc3id.orig_h\xc3\xff"));
        let _ = odd.parse_line(b"\xc3\xa9\xc31.2.3.4", &mut Event::new());
    }
}
