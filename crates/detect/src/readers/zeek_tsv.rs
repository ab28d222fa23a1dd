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
        for (name, kind, role) in &self.columns[..self.used] {
            let end = find_short(rest, self.separator, self.separator).unwrap_or(rest.len());
            let raw = &rest[..end];
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
            if end == rest.len() {
                break;
            }
            rest = &rest[end + 1..];
        }
        Ok(())
    }
}
