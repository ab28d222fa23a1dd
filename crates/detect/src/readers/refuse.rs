//! Files that are not logs: a PDF, a spreadsheet, an executable, an image, a database, UTF-16
//! text, or any binary data. They are refused by name with what they look like, never read as
//! plain text in which nothing matched.

/// What the start of a file looks like when it is not something ward reads as lines, or
/// `None` when it is text.
pub fn refusal(head: &[u8]) -> Option<String> {
    const MAGIC: [(&[u8], &str); 11] = [
        (b"%PDF", "a PDF document"),
        (
            b"PK\x03\x04",
            "a ZIP archive (an .xlsx, .docx or .ods file is one)",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "an old Office document (.xls, .doc)",
        ),
        (b"\x7fELF", "a program (ELF)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"SQLite format 3\0", "an SQLite database"),
        (
            b"ElfFile\0",
            "a Windows Event Log file this build cannot read",
        ),
        (b"Rar!\x1a\x07", "a RAR archive"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (
            b"\xd4\xc3\xb2\xa1",
            "a packet capture (pcap); run Zeek or Suricata on it first",
        ),
    ];
    for (magic, what) in MAGIC {
        if head.starts_with(magic) {
            return Some(what.to_string());
        }
    }
    if head.starts_with(b"\xa1\xb2\xc3\xd4") || head.starts_with(b"\x0a\x0d\x0d\x0a") {
        return Some("a packet capture; run Zeek or Suricata on it first".into());
    }
    // Text has no NUL bytes and few control bytes. Bytes that are not UTF-8 are not
    // evidence: a Latin-1 log, or a line of foreign bytes, is still text.
    let sample = head.get(..head.len().min(8192)).unwrap_or(head);
    if sample.contains(&0) {
        if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
            return Some("UTF-16 text that ward could not decode".into());
        }
        return Some("binary data (NUL bytes)".into());
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    if control * 20 > sample.len() {
        return Some("binary data (control bytes)".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_programs_and_binary_are_refused_text_is_not() {
        for (head, says) in [
            (&b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"[..], "PDF"),
            (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", ".xlsx"),
            (b"ElfFile\0\0\0\0\0garbage", "Windows Event Log"),
            (b"\xff\xfe2\x000\x002\x004\x00", "UTF-16"),
            (b"\x01\x02\x03\x04\x05\x06\x07\x08abc\x0e\x0f\x10", "binary"),
            (b"\x93\x8a\x01\xc2\xd5\x02\x81\x99\xb0\xaa", "binary"),
        ] {
            let why = refusal(head).unwrap_or_default();
            assert!(why.contains(says), "{head:?}: {why}");
        }
        for text in [
            &b"Jan  5 10:00:00 host app: hi\n"[..],
            "caf\u{e9} \u{1f600} 10.0.0.5\n".as_bytes(),
            b"",
            // A BOM-like start and foreign bytes in a line of text (issue 16).
            b"\xff\xfe caf\xc3\xa9://x \xe2\x82\n",
            b"Stra\xdfe 5, M\xfcnchen 10.0.0.5\n",
            // A character cut by the end of the sample.
            b"ok \xe2\x82",
        ] {
            assert_eq!(refusal(text), None, "{text:?}");
        }
    }
}
