//! Name and place lists from public data (see `data/README.md` for sources and licences),
//! embedded as sorted lists, one lowercase entry a line, and searched in place: nothing is
//! built or decompressed at start-up, and a lookup is a binary search over the lines.

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

/// Is `key` one of the lines of `list` (sorted bytewise, `\n`-separated)?
fn contains(list: &str, key: &str) -> bool {
    let b = list.as_bytes();
    let key = key.as_bytes();
    let (mut lo, mut hi) = (0, b.len());
    // `lo` and `hi` are always line starts (or the end of the list).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = b[lo..mid]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = b[start..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| start + p);
        match b[start..end].cmp(key) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = (end + 1).min(b.len()),
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// A census surname (lowercase key).
pub fn surname(lower: &str) -> bool {
    contains(SURNAMES, lower)
}

/// A census given name (lowercase key).
pub fn given(lower: &str) -> bool {
    contains(GIVEN, lower)
}

/// A census name that is also an English word: a name only in a name's position.
pub fn name_word(lower: &str) -> bool {
    contains(NAME_WORDS, lower)
}

/// An English word that only looks like an initial and a surname.
pub fn login_lookalike(lower: &str) -> bool {
    contains(LOGIN_LOOKALIKES, lower)
}

/// A place of 1,000 people or more (lowercase key, words separated by single spaces).
pub fn city(lower: &str) -> bool {
    contains(CITIES, lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_line_search_finds_every_line_and_nothing_else() {
        let list = "alpha\nbeta\ngamma\nmu\nzeta\n";
        for w in ["alpha", "beta", "gamma", "mu", "zeta"] {
            assert!(contains(list, w), "{w}");
        }
        for w in ["", "a", "alph", "alphaa", "delta", "zz", "m"] {
            assert!(!contains(list, w), "{w}");
        }
        assert!(contains("only", "only"));
        assert!(!contains("", "x"));
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
