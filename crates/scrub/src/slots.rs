//! The hash table of the embedded name and place lists, shared by `build.rs`, which builds it
//! when the crate is compiled, and `gazetteer.rs`, which searches it: open addressing, one
//! 4-byte slot per word, so nothing is built when a process starts.
//!
//! One slot: the low 24 bits are one plus the word's offset in the lists laid end to end
//! with one byte between them (0: an empty slot), the high 8 bits the lists it is on.

pub const OFFSET_BITS: u32 = 24;
pub const OFFSET_MASK: u32 = (1 << OFFSET_BITS) - 1;

/// FNV-1a, folded: the same on every machine, so the table the build wrote is the one the
/// scrubber searches.
pub fn hash(key: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 29)) as usize
}

/// The line of `text` starting at `start`, without its `\n`.
pub fn line_at(text: &[u8], start: usize) -> &[u8] {
    let rest = &text[start..];
    &rest[..rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len())]
}

/// The line at an offset into the lists laid end to end.
fn line<'t>(texts: &[&'t [u8]], mut offset: usize) -> &'t [u8] {
    for text in texts {
        if offset < text.len() {
            return line_at(text, offset);
        }
        offset -= text.len() + 1;
    }
    &[]
}

/// A table's slots, in memory or as the little-endian bytes the build wrote.
pub trait Slots {
    fn slot(&self, i: usize) -> u32;
    /// A power of two.
    fn count(&self) -> usize;
}

impl Slots for [u32] {
    fn slot(&self, i: usize) -> u32 {
        self[i]
    }
    fn count(&self) -> usize {
        self.len()
    }
}

/// Slots as little-endian bytes, four a slot.
pub struct LeBytes(pub &'static [u8]);

impl Slots for LeBytes {
    fn slot(&self, i: usize) -> u32 {
        let b = &self.0[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
    fn count(&self) -> usize {
        self.0.len() / 4
    }
}

/// The slot holding `key`, or the empty slot where it would go.
pub fn probe<S: Slots + ?Sized>(slots: &S, texts: &[&[u8]], key: &[u8]) -> usize {
    let mask = slots.count() - 1;
    let mut i = hash(key) & mask;
    loop {
        let slot = slots.slot(i);
        if slot == 0 || line(texts, (slot & OFFSET_MASK) as usize - 1) == key {
            return i;
        }
        i = (i + 1) & mask;
    }
}

/// The table of `lists` (each a text of `\n`-separated lines and the bit of its list). The
/// empty line of a trailing `\n` is not an entry; a word on several lists has one slot with
/// all their bits. `None` when the lists are too long for the slots' offsets.
#[cfg_attr(not(test), allow(dead_code))] // the library searches; build.rs and tests build
pub fn build(lists: &[(&[u8], u32)]) -> Option<Vec<u32>> {
    let texts: Vec<&[u8]> = lists.iter().map(|&(t, _)| t).collect();
    let total: usize = texts.iter().map(|t| t.len() + 1).sum();
    if total >= OFFSET_MASK as usize {
        return None;
    }
    let lines: usize = texts
        .iter()
        .map(|t| t.iter().filter(|&&c| c == b'\n').count() + 1)
        .sum();
    let size = (2 * lines).next_power_of_two();
    let mut slots = vec![0u32; size];
    let mut base = 0;
    for &(text, bit) in lists {
        let mut start = 0;
        while start < text.len() {
            let line = line_at(text, start);
            if !line.is_empty() {
                let i = probe(slots.as_slice(), &texts, line);
                if slots[i] == 0 {
                    slots[i] = u32::try_from(base + start + 1).ok()?;
                }
                slots[i] |= bit << OFFSET_BITS;
            }
            start += line.len() + 1;
        }
        base += text.len() + 1;
    }
    Some(slots)
}
