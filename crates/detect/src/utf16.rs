//! UTF-16 logs read as UTF-8. Windows writes UTF-16 where a clinic meets it most: Event
//! Viewer's "Save as XML", PowerShell 5's `>` and `Out-File`, and some DNS and DHCP logs.
//! The file is decoded as it is read (no second copy in memory), so the readers see the same
//! UTF-8 lines as from any other log; a unit that is not valid UTF-16 (a lone surrogate)
//! becomes U+FFFD, as invalid UTF-8 does elsewhere.

use std::io::{self, Read};

/// The byte order of UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    Little,
    Big,
}

/// How many leading bytes to skip (the byte-order mark) and the byte order, when the start
/// of a file is UTF-16: a byte-order mark, or (without one) at least eight ASCII characters
/// each paired with a NUL byte, which no UTF-8 or Latin-1 text has.
pub fn detect(head: &[u8]) -> Option<(usize, ByteOrder)> {
    if head.starts_with(b"\xff\xfe") && !head.starts_with(b"\xff\xfe\0\0") {
        return Some((2, ByteOrder::Little));
    }
    if head.starts_with(b"\xfe\xff") {
        return Some((2, ByteOrder::Big));
    }
    let pairs: Vec<&[u8]> = head.chunks_exact(2).take(8).collect();
    if pairs.len() < 8 {
        return None;
    }
    let text = |b: u8| b == b'\t' || b == b'\n' || b == b'\r' || (0x20..0x7f).contains(&b);
    if pairs.iter().all(|p| matches!(p, [a, 0] if text(*a))) {
        return Some((0, ByteOrder::Little));
    }
    if pairs.iter().all(|p| matches!(p, [0, b] if text(*b))) {
        return Some((0, ByteOrder::Big));
    }
    None
}

/// A reader that decodes UTF-16 from `inner` and gives UTF-8.
pub struct Utf16Reader<R> {
    inner: R,
    order: ByteOrder,
    /// Bytes read but not yet decoded (an odd byte, or a high surrogate waiting for its pair).
    raw: Vec<u8>,
    /// Decoded UTF-8 not yet handed out, from `out_at`.
    out: Vec<u8>,
    out_at: usize,
    eof: bool,
}

impl<R: Read> Utf16Reader<R> {
    /// Decodes `inner`, whose byte-order mark (if any) was already consumed.
    pub fn new(inner: R, order: ByteOrder) -> Utf16Reader<R> {
        Utf16Reader {
            inner,
            order,
            raw: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            eof: false,
        }
    }

    fn unit(&self, pair: &[u8]) -> u16 {
        let bytes = [
            pair.first().copied().unwrap_or(0),
            pair.get(1).copied().unwrap_or(0),
        ];
        match self.order {
            ByteOrder::Little => u16::from_le_bytes(bytes),
            ByteOrder::Big => u16::from_be_bytes(bytes),
        }
    }

    /// Reads the next block and decodes every complete character in it.
    fn refill(&mut self) -> io::Result<()> {
        let mut block = [0u8; 1 << 15];
        let n = self.inner.read(&mut block)?;
        if n == 0 {
            self.eof = true;
        }
        self.raw
            .extend_from_slice(block.get(..n).unwrap_or_default());
        let mut units: Vec<u16> = self.raw.chunks_exact(2).map(|p| self.unit(p)).collect();
        let mut used = units.len() * 2;
        // A high surrogate at the end may be completed by the next block.
        if !self.eof && units.last().is_some_and(|u| (0xd800..0xdc00).contains(u)) {
            units.pop();
            used -= 2;
        }
        self.raw.drain(..used);
        if self.eof && !self.raw.is_empty() {
            // An odd last byte: not a character.
            self.raw.clear();
            units.push(0xfffd);
        }
        self.out.clear();
        self.out_at = 0;
        let mut utf8 = [0u8; 4];
        for c in char::decode_utf16(units) {
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            self.out
                .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_at >= self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.refill()?;
        }
        let ready = self.out.get(self.out_at..).unwrap_or_default();
        let n = ready.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), ready.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.out_at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, order: ByteOrder, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xfeff).into_iter().chain(text.encode_utf16());
        for u in units {
            out.extend_from_slice(&match order {
                ByteOrder::Little => u.to_le_bytes(),
                ByteOrder::Big => u.to_be_bytes(),
            });
        }
        out
    }

    fn decode_all(bytes: &[u8], block: usize) -> String {
        let (skip, order) = detect(bytes).expect("UTF-16");
        // A reader that returns at most `block` bytes a call, to split pairs and surrogates.
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = String::new();
        Utf16Reader::new(Trickle(&bytes[skip..], block), order)
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn both_byte_orders_with_and_without_a_mark_decode_to_the_same_text() {
        let text = "<Event>203.0.113.9 Zoë 💉 naïve\r\n</Event>\n";
        for order in [ByteOrder::Little, ByteOrder::Big] {
            for bom in [true, false] {
                let bytes = encode(text, order, bom);
                for block in [1, 3, 7, 4096] {
                    assert_eq!(decode_all(&bytes, block), text, "{order:?} {bom} {block}");
                }
            }
        }
    }

    #[test]
    fn utf8_and_binary_are_not_taken_for_utf16() {
        assert_eq!(detect(b"Jan  5 10:00:00 host app: hi\n"), None);
        assert_eq!(detect("café 10.0.0.5 and more text".as_bytes()), None);
        assert_eq!(detect(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"), None);
        assert_eq!(detect(b"\xff\xfe\0\0UTF-32"), None);
    }

    #[test]
    fn a_lone_surrogate_and_an_odd_last_byte_become_replacement_characters() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend_from_slice(&[b'a', 0, 0x00, 0xd8, b'b', 0, b'c']);
        assert_eq!(decode_all(&bytes, 2), "a\u{fffd}b\u{fffd}");
    }
}
