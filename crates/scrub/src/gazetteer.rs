//! Name and place lists from public data (see `data/README.md` for sources and licences),
//! embedded as sorted lists, one lowercase entry a line. The first search builds one
//! open-addressing table of the line offsets of the four name and place lists (4 bytes a
//! slot: the offset and which lists hold the word; about 10 ms), so a word is looked up in
//! all of them with one probe. A binary search over the embedded text cost a quarter of the
//! scrubbing time on the evaluation corpora, one cache miss per step, and a hash set of
//! string slices per list took 20 ms and 7 MB to build, which every short `ward scrub`
//! would pay.

use std::hash::BuildHasher;
use std::sync::OnceLock;

/// US Census 1990 surnames that are not ordinary English words.
static SURNAMES: &str = include_str!("../data/surnames.txt");
/// US Census 1990 given names that are not ordinary English words.
static GIVEN: &str = include_str!("../data/given-names.txt");
/// Census given names and surnames that are also ordinary English words ("will", "brown").
static NAME_WORDS: &str = include_str!("../data/name-words.txt");
/// English words (SCOWL) shaped like an initial glued to a surname ("change": c + hange,
/// chang + e), which are therefore not logins.
static LOGIN_LOOKALIKES: &str = include_str!("../data/login-lookalikes.txt");
/// GeoNames places of 1,000 people or more.
static CITIES: &str = include_str!("../data/cities.txt");

/// Which lists a word is on: bits of the answer of [`lookup`].
pub const IN_SURNAMES: u32 = 1;
pub const IN_GIVEN: u32 = 2;
/// A census name that is also an English word: a name only in a name's position.
pub const IN_NAME_WORDS: u32 = 4;
/// A place of 1,000 people or more (lowercase, words separated by single spaces).
pub const IN_CITIES: u32 = 8;
const IN_LOOKALIKES: u32 = 16;

/// The lists of one table, each with the bit that says a word is on it.
type Lists = [(&'static str, u32)];

const NAMES_AND_PLACES: &Lists = &[
    (SURNAMES, IN_SURNAMES),
    (GIVEN, IN_GIVEN),
    (NAME_WORDS, IN_NAME_WORDS),
    (CITIES, IN_CITIES),
];
const LOOKALIKES: &Lists = &[(LOGIN_LOOKALIKES, IN_LOOKALIKES)];

/// One slot: the low 24 bits are one plus the word's offset in the lists laid end to end
/// (0: an empty slot), the high 8 the lists it is on.
const OFFSET_BITS: u32 = 24;
const OFFSET_MASK: u32 = (1 << OFFSET_BITS) - 1;

/// Line offsets at the slot their line's hash picks, or the next free one after it.
struct Table {
    lists: &'static Lists,
    slots: Box<[u32]>,
    mask: usize,
}

fn hash(key: &[u8]) -> usize {
    foldhash::fast::FixedState::default().hash_one(key) as usize
}

/// The line of `text` starting at `start`, without its `\n`.
fn line_at(text: &[u8], start: usize) -> &[u8] {
    let rest = &text[start..];
    &rest[..rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len())]
}

impl Table {
    /// The empty line of a trailing `\n` is not an entry; a word on several lists has one
    /// slot with all their bits.
    fn new(lists: &'static Lists) -> Table {
        let lines: usize = lists
            .iter()
            .map(|(text, _)| text.bytes().filter(|&c| c == b'\n').count() + 1)
            .sum();
        let size = (2 * lines).next_power_of_two();
        let mut table = Table {
            lists,
            slots: vec![0u32; size].into_boxed_slice(),
            mask: size - 1,
        };
        let mut base = 0;
        for &(text, bit) in lists {
            let b = text.as_bytes();
            let mut start = 0;
            while start < b.len() {
                let line = line_at(b, start);
                if !line.is_empty() {
                    let i = table.probe(line);
                    if table.slots[i] == 0 {
                        // The lists are a few MB (a test looks every line up).
                        let offset = u32::try_from(base + start + 1).unwrap_or(0);
                        table.slots[i] = offset & OFFSET_MASK;
                    }
                    table.slots[i] |= bit << OFFSET_BITS;
                }
                start += line.len() + 1;
            }
            base += b.len() + 1;
        }
        table
    }

    /// The line at a global offset (the lists laid end to end, one byte between).
    fn line(&self, mut offset: usize) -> &'static [u8] {
        for (text, _) in self.lists {
            if offset < text.len() {
                return line_at(text.as_bytes(), offset);
            }
            offset -= text.len() + 1;
        }
        &[]
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn probe(&self, key: &[u8]) -> usize {
        let mut i = hash(key) & self.mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 || self.line((slot & OFFSET_MASK) as usize - 1) == key {
                return i;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The bits of the lists `key` is on.
    fn lookup(&self, key: &str) -> u32 {
        self.slots[self.probe(key.as_bytes())] >> OFFSET_BITS
    }
}

fn table(cell: &'static OnceLock<Table>, lists: &'static Lists) -> &'static Table {
    cell.get_or_init(|| Table::new(lists))
}

static NAMES_AND_PLACES_TABLE: OnceLock<Table> = OnceLock::new();
static LOOKALIKE_TABLE: OnceLock<Table> = OnceLock::new();

/// Builds the tables now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    table(&NAMES_AND_PLACES_TABLE, NAMES_AND_PLACES);
    table(&LOOKALIKE_TABLE, LOOKALIKES);
}

/// The name and place lists a lowercase word is on (`IN_*` bits), with one search.
pub fn lookup(lower: &str) -> u32 {
    table(&NAMES_AND_PLACES_TABLE, NAMES_AND_PLACES).lookup(lower)
}

/// A census surname (lowercase key).
pub fn surname(lower: &str) -> bool {
    lookup(lower) & IN_SURNAMES != 0
}

/// A census given name (lowercase key).
pub fn given(lower: &str) -> bool {
    lookup(lower) & IN_GIVEN != 0
}

/// An English word that only looks like an initial and a surname.
pub fn login_lookalike(lower: &str) -> bool {
    table(&LOOKALIKE_TABLE, LOOKALIKES).lookup(lower) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_holds_its_lines_and_nothing_else() {
        let t = Table::new(&[("alpha\nbeta\ngamma\nmu\nzeta\n", 1), ("beta\nomega", 2)]);
        for w in ["alpha", "gamma", "mu", "zeta"] {
            assert_eq!(t.lookup(w), 1, "{w}");
        }
        assert_eq!(t.lookup("beta"), 3);
        assert_eq!(t.lookup("omega"), 2);
        for w in ["", "a", "alph", "alphaa", "delta", "zz", "m", "omeg"] {
            assert_eq!(t.lookup(w), 0, "{w}");
        }
        assert_eq!(Table::new(&[("only", 4)]).lookup("only"), 4);
        assert_eq!(Table::new(&[("", 4)]).lookup("x"), 0);
    }

    #[test]
    fn embedded_lists_are_sorted_and_answer() {
        for &(list, bit) in NAMES_AND_PLACES.iter().chain(LOOKALIKES) {
            let lines: Vec<&str> = list.lines().collect();
            assert!(lines.windows(2).all(|w| w[0] < w[1]));
            let t = if bit == IN_LOOKALIKES {
                table(&LOOKALIKE_TABLE, LOOKALIKES)
            } else {
                table(&NAMES_AND_PLACES_TABLE, NAMES_AND_PLACES)
            };
            assert!(lines.iter().all(|l| t.lookup(l) & bit != 0));
        }
        // Every offset fits the slot's 24 bits.
        let total: usize = NAMES_AND_PLACES.iter().map(|(t, _)| t.len() + 1).sum();
        assert!(total < OFFSET_MASK as usize);
        assert!(surname("mihaljevic") || surname("gonzalez"));
        assert!(given("brandon"));
        assert!(lookup("will") & IN_NAME_WORDS != 0 && lookup("brown") & IN_NAME_WORDS != 0);
        assert!(!surname("will") && !given("brown"));
        assert!(lookup("springfield") & lookup("sacramento") & IN_CITIES != 0);
        assert!(login_lookalike("change") && !login_lookalike("jsmith"));
    }
}
