//! Name and place lists from public data (see `data/README.md` for sources and licences),
//! embedded as sorted lists, one lowercase entry a line. Each list becomes a hash set of its
//! lines the first time it is searched (a few milliseconds for the largest, the places):
//! a binary search over the embedded text cost a quarter of the scrubbing time on the
//! evaluation corpora, one cache miss per step.

use std::sync::OnceLock;

use crate::vocab::WordSet;

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

/// One embedded list (`\n`-separated lines) and its set, built at first use.
struct List {
    text: &'static str,
    set: OnceLock<WordSet>,
}

impl List {
    const fn new(text: &'static str) -> List {
        List {
            text,
            set: OnceLock::new(),
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.set.get_or_init(|| lines(self.text)).contains(key)
    }
}

/// The lines of a list as a set (the empty line of a trailing `\n` is not an entry).
fn lines(text: &'static str) -> WordSet {
    let mut set = WordSet::default();
    set.reserve(text.len() / 8);
    set.extend(text.split('\n').filter(|l| !l.is_empty()));
    set
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
        }
        assert!(surname("mihaljevic") || surname("gonzalez"));
        assert!(given("brandon"));
        assert!(name_word("will") && name_word("brown"));
        assert!(!surname("will") && !given("brown"));
        assert!(city("springfield") && city("sacramento"));
        assert!(login_lookalike("change") && !login_lookalike("jsmith"));
    }
}
