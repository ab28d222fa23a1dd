//! Name and place lists from public data (see `data/README.md` for sources and licences),
//! embedded as sorted lists, one lowercase entry a line, with a hash table of their line
//! offsets that `build.rs` writes when the crate is compiled (`slots.rs`): the four name and
//! place lists share one table (4 bytes a slot: the offset and which lists hold the word), so
//! a word is looked up in all of them with one probe, and nothing is built at start-up. A
//! binary search over the embedded text cost a quarter of the scrubbing time on the
//! evaluation corpora, one cache miss per step; a table built at first use cost every
//! process 10 ms.

use crate::slots::{self, LeBytes, OFFSET_BITS};

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

/// The texts of the name and place lists, in the order `build.rs` laid them end to end.
const NAMES_AND_PLACES: &[&[u8]] = &[
    SURNAMES.as_bytes(),
    GIVEN.as_bytes(),
    NAME_WORDS.as_bytes(),
    CITIES.as_bytes(),
];
const LOOKALIKES: &[&[u8]] = &[LOGIN_LOOKALIKES.as_bytes()];

static NAMES_AND_PLACES_SLOTS: LeBytes = LeBytes(include_bytes!(concat!(
    env!("OUT_DIR"),
    "/names-places.slots"
)));
static LOOKALIKE_SLOTS: LeBytes = LeBytes(include_bytes!(concat!(
    env!("OUT_DIR"),
    "/lookalikes.slots"
)));

/// The bits of the lists of a table `key` is on.
fn search(slots: &LeBytes, texts: &[&[u8]], key: &str) -> u32 {
    use slots::Slots;
    slots.slot(slots::probe(slots, texts, key.as_bytes())) >> OFFSET_BITS
}

/// The name and place lists a lowercase word is on (`IN_*` bits), with one search.
pub fn lookup(lower: &str) -> u32 {
    search(&NAMES_AND_PLACES_SLOTS, NAMES_AND_PLACES, lower)
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
    search(&LOOKALIKE_SLOTS, LOOKALIKES, lower) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slots::Slots;

    /// The login look-alikes' bit in their own table (`build.rs`).
    const IN_LOOKALIKES: u32 = 16;

    /// The bits of `key` in a table built here.
    fn built_lookup(slots: &[u32], texts: &[&[u8]], key: &str) -> u32 {
        slots[slots::probe(slots, texts, key.as_bytes())] >> OFFSET_BITS
    }

    #[test]
    fn a_table_holds_its_lines_and_nothing_else() {
        let lists: &[(&[u8], u32)] = &[(b"alpha\nbeta\ngamma\nmu\nzeta\n", 1), (b"beta\nomega", 2)];
        let texts: Vec<&[u8]> = lists.iter().map(|l| l.0).collect();
        let t = slots::build(lists).unwrap();
        for w in ["alpha", "gamma", "mu", "zeta"] {
            assert_eq!(built_lookup(&t, &texts, w), 1, "{w}");
        }
        assert_eq!(built_lookup(&t, &texts, "beta"), 3);
        assert_eq!(built_lookup(&t, &texts, "omega"), 2);
        for w in ["", "a", "alph", "alphaa", "delta", "zz", "m", "omeg"] {
            assert_eq!(built_lookup(&t, &texts, w), 0, "{w}");
        }
        let only: &[(&[u8], u32)] = &[(b"only", 4)];
        assert_eq!(
            built_lookup(&slots::build(only).unwrap(), &[b"only"], "only"),
            4
        );
        let empty: &[(&[u8], u32)] = &[(b"", 4)];
        assert_eq!(built_lookup(&slots::build(empty).unwrap(), &[b""], "x"), 0);
    }

    #[test]
    fn the_compiled_tables_are_the_lists_tables() {
        for (slots, texts, bits) in [
            (&NAMES_AND_PLACES_SLOTS, NAMES_AND_PLACES, [1, 2, 4, 8]),
            (&LOOKALIKE_SLOTS, LOOKALIKES, [16, 0, 0, 0]),
        ] {
            let lists: Vec<(&[u8], u32)> = texts.iter().copied().zip(bits).collect();
            let want = slots::build(&lists).unwrap();
            let got: Vec<u32> = (0..slots.count()).map(|i| slots.slot(i)).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn embedded_lists_are_sorted_and_answer() {
        for (texts, bits) in [
            (NAMES_AND_PLACES, [1, 2, 4, 8]),
            (LOOKALIKES, [IN_LOOKALIKES, 0, 0, 0]),
        ] {
            for (&text, bit) in texts.iter().zip(bits) {
                let list = std::str::from_utf8(text).unwrap();
                let lines: Vec<&str> = list.lines().collect();
                assert!(lines.windows(2).all(|w| w[0] < w[1]));
                let slots = if bit == IN_LOOKALIKES {
                    &LOOKALIKE_SLOTS
                } else {
                    &NAMES_AND_PLACES_SLOTS
                };
                assert!(lines.iter().all(|l| search(slots, texts, l) & bit != 0));
            }
        }
        assert!(surname("mihaljevic") || surname("gonzalez"));
        assert!(given("brandon"));
        assert!(lookup("will") & IN_NAME_WORDS != 0 && lookup("brown") & IN_NAME_WORDS != 0);
        assert!(!surname("will") && !given("brown"));
        assert!(lookup("springfield") & lookup("sacramento") & IN_CITIES != 0);
        assert!(login_lookalike("change") && !login_lookalike("jsmith"));
    }
}
