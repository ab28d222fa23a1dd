//! Name and place lists from public data (see `data/README.md` for sources and licences),
//! embedded as sorted lists, one lowercase entry a line. The first search of a list builds
//! an open-addressing table of its line offsets (4 bytes a slot, about 2 ms for the
//! 130,090 places): a binary search over the embedded text cost a quarter of the scrubbing
//! time on the evaluation corpora, one cache miss per step, and a hash set of string slices
//! took 20 ms and 7 MB to build, which every short `ward scrub` would pay.

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

/// One embedded list (`\n`-separated lines) and its table, built at first use.
struct List {
    text: &'static str,
    table: OnceLock<Table>,
}

impl List {
    const fn new(text: &'static str) -> List {
        List {
            text,
            table: OnceLock::new(),
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.table
            .get_or_init(|| Table::new(self.text))
            .contains(self.text, key)
    }
}

/// Line starts of a list, each plus one (0 is an empty slot), at the slot their line's hash
/// picks, or the next free one after it.
struct Table {
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
    /// The empty line of a trailing `\n` is not an entry.
    fn new(text: &str) -> Table {
        let b = text.as_bytes();
        let n = b.iter().filter(|&&c| c == b'\n').count() + 1;
        let size = (2 * n).next_power_of_two();
        let (mut slots, mask) = (vec![0u32; size].into_boxed_slice(), size - 1);
        let mut start = 0;
        while start < b.len() {
            let line = line_at(b, start);
            if !line.is_empty() {
                let mut i = hash(line) & mask;
                while slots[i] != 0 {
                    i = (i + 1) & mask;
                }
                // The lists are a few MB (a test looks every line up).
                slots[i] = u32::try_from(start + 1).unwrap_or(0);
            }
            start += line.len() + 1;
        }
        Table { slots, mask }
    }

    fn contains(&self, text: &str, key: &str) -> bool {
        let (b, key) = (text.as_bytes(), key.as_bytes());
        let mut i = hash(key) & self.mask;
        loop {
            match self.slots[i] {
                0 => return false,
                s if line_at(b, s as usize - 1) == key => return true,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

static SURNAME_LIST: List = List::new(SURNAMES);
static GIVEN_LIST: List = List::new(GIVEN);
static NAME_WORD_LIST: List = List::new(NAME_WORDS);
static LOOKALIKE_LIST: List = List::new(LOGIN_LOOKALIKES);
static CITY_LIST: List = List::new(CITIES);

/// Builds every list now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    for list in [
        &SURNAME_LIST,
        &GIVEN_LIST,
        &NAME_WORD_LIST,
        &LOOKALIKE_LIST,
        &CITY_LIST,
    ] {
        list.contains("");
    }
}

/// A census surname (lowercase key).
pub fn surname(lower: &str) -> bool {
    SURNAME_LIST.contains(lower)
}

/// A census given name (lowercase key).
pub fn given(lower: &str) -> bool {
    GIVEN_LIST.contains(lower)
}

/// A census name that is also an English word: a name only in a name's position.
pub fn name_word(lower: &str) -> bool {
    NAME_WORD_LIST.contains(lower)
}

/// An English word that only looks like an initial and a surname.
pub fn login_lookalike(lower: &str) -> bool {
    LOOKALIKE_LIST.contains(lower)
}

/// A place of 1,000 people or more (lowercase key, words separated by single spaces).
pub fn city(lower: &str) -> bool {
    CITY_LIST.contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_holds_its_lines_and_nothing_else() {
        let list = List::new("alpha\nbeta\ngamma\nmu\nzeta\n");
        for w in ["alpha", "beta", "gamma", "mu", "zeta"] {
            assert!(list.contains(w), "{w}");
        }
        for w in ["", "a", "alph", "alphaa", "delta", "zz", "m"] {
            assert!(!list.contains(w), "{w}");
        }
        assert!(List::new("only").contains("only"));
        assert!(!List::new("").contains("x"));
    }

    #[test]
    fn embedded_lists_are_sorted_and_answer() {
        for list in [SURNAMES, GIVEN, NAME_WORDS, CITIES, LOGIN_LOOKALIKES] {
            let lines: Vec<&str> = list.lines().collect();
            assert!(lines.windows(2).all(|w| w[0] < w[1]));
            let table = List::new(list);
            assert!(lines.iter().all(|l| table.contains(l)));
        }
        assert!(surname("mihaljevic") || surname("gonzalez"));
        assert!(given("brandon"));
        assert!(name_word("will") && name_word("brown"));
        assert!(!surname("will") && !given("brown"));
        assert!(city("springfield") && city("sacramento"));
        assert!(login_lookalike("change") && !login_lookalike("jsmith"));
    }
}
