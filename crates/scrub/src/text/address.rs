//! Geography below the state: street addresses, counties, "City, ST" and ZIP codes.

use super::{Class, Engine};
use crate::classify as c;
use crate::vocab::{flag, lower};
use crate::Kind;

impl Engine<'_> {
    pub(super) fn street_address(&mut self, k: usize) -> bool {
        let s = self.toks[k].s;
        let first = s.as_bytes()[0];
        if !(first.is_ascii_digit() || first == b'p' || first == b'P') {
            return false;
        }
        let mut buf = [0u8; 32];
        let l = self.lw(k, &mut buf).unwrap_or("");
        if l == "po" || l == "p.o" {
            let box_at = k + 1;
            if self.is_word(box_at, "box")
                && box_at + 1 < self.toks.len()
                && c::digits(self.toks[box_at + 1].s) > 0
            {
                self.remove_toks(k, box_at + 1, Kind::Address, "post office box");
                return true;
            }
            return false;
        }
        let d = s.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 6 || s.len() > d + 1 || self.toks[k].class != Class::Plain {
            return false;
        }
        let mut j = k + 1;
        let mut words = 0;
        while j < self.toks.len()
            && words < 5
            && self.same_sentence(k, j)
            && self.toks[j - 1].after == b' '
        {
            let t = self.toks[j].s;
            let mut b2 = [0u8; 32];
            let lw = lower(t, &mut b2).unwrap_or("");
            if words > 0 && self.has(j, flag::STREET) && (c::is_cap_word(t) || t.len() <= 4) {
                let mut end = j;
                // "Oak Hills Spur": street-type words in a row are one street.
                let mut j = j;
                while j + 1 < self.toks.len()
                    && j - k < 7
                    && self.toks[j].after == b' '
                    && self.same_sentence(j, j + 1)
                    && self.toks[j + 1].class == Class::Plain
                    && self.has(j + 1, flag::STREET)
                    && c::is_cap_word(self.toks[j + 1].s)
                {
                    j += 1;
                    end = j;
                }
                let unit = self.has(j + 1, flag::UNIT);
                if unit && j + 2 < self.toks.len() && self.same_sentence(j, j + 2) {
                    end = j + 2;
                }
                if !unit && self.landform_before_a_noun(j) {
                    return false;
                }
                self.remove_toks(k, end, Kind::Address, "street address");
                return true;
            }
            let directional = matches!(
                lw,
                "n" | "s"
                    | "e"
                    | "w"
                    | "ne"
                    | "nw"
                    | "se"
                    | "sw"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
            );
            let ordinal =
                Self::day_number(t) && t.len() > 2 || t.ends_with("th") && c::digits(t) > 0;
            if !(c::is_cap_word(t) || directional || ordinal) || self.toks[j].class != Class::Plain
            {
                return false;
            }
            words += 1;
            j += 1;
        }
        false
    }

    /// "3 Blue Mountains posters", "2 Green Hills banners": a count of things named after a
    /// landform, not an address. True when the street-type word at `j` is a landform or a
    /// building word (not one of the words only a road takes: street, road, avenue…) and a
    /// lower-case content word of the same sentence follows it, as a noun follows its name.
    /// "lives at 22 Oak Hills with her son" and "12 Pine Ridge, Boone" stay addresses.
    fn landform_before_a_noun(&self, j: usize) -> bool {
        const ROAD_ONLY: &[&str] = &[
            "street",
            "st",
            "avenue",
            "ave",
            "av",
            "road",
            "rd",
            "boulevard",
            "blvd",
            "lane",
            "ln",
            "drive",
            "dr",
            "court",
            "ct",
            "way",
            "place",
            "pl",
            "terrace",
            "ter",
            "circle",
            "cir",
            "parkway",
            "pkwy",
            "highway",
            "hwy",
            "trail",
            "trl",
            "alley",
            "aly",
            "crescent",
            "cres",
            "pike",
            "turnpike",
            "close",
            "streets",
            "circles",
            "parkways",
        ];
        let mut buf = [0u8; 32];
        let Some(suffix) = lower(self.toks[j].s, &mut buf) else {
            return false;
        };
        if ROAD_ONLY.contains(&suffix) || j + 1 >= self.toks.len() {
            return false;
        }
        let next = &self.toks[j + 1];
        self.toks[j].after == b' '
            && self.same_sentence(j, j + 1)
            && next.class == Class::Plain
            && next.s.len() >= 3
            && next.s.bytes().all(|b| b.is_ascii_lowercase())
            && !self.has(
                j + 1,
                flag::STOP | flag::FILLER | flag::STREET_AFTER | flag::UNIT,
            )
    }

    pub(super) fn county(&mut self, k: usize) -> bool {
        for n in 1..=2 {
            let c_at = k + n;
            if c_at >= self.toks.len() {
                return false;
            }
            let t = self.toks[c_at].s;
            if matches!(t, "County" | "Parish" | "Borough") {
                let words_ok = (k..c_at)
                    .all(|i| self.toks[i].class == Class::Plain && c::is_cap_word(self.toks[i].s));
                if words_ok {
                    self.remove_toks(k, c_at, Kind::County, "county");
                    return true;
                }
                return false;
            }
        }
        false
    }

    /// Number of tokens of a state name or code at `k` (0 when none).
    pub(super) fn state_len(&self, k: usize) -> usize {
        if k >= self.toks.len() || !self.toks[k].s.as_bytes()[0].is_ascii_uppercase() {
            return 0;
        }
        let s = self.toks[k].s;
        if s.len() == 2
            && s.bytes().all(|b| b.is_ascii_uppercase())
            && self.has(k, flag::STATE_CODE)
        {
            return 1;
        }
        if !self.has(k, flag::STATE_FIRST) {
            return 0;
        }
        for name in &self.v.state_names {
            let n = name.len();
            if k + n <= self.toks.len()
                && (0..n).all(|i| {
                    c::is_cap_word(self.toks[k + i].s)
                        && self.toks[k + i].s.eq_ignore_ascii_case(name[i])
                })
            {
                return n;
            }
        }
        0
    }

    pub(super) fn is_state_at(&self, k: usize) -> bool {
        self.state_len(k) > 0
    }

    /// "Springfield, IL 62704", "Columbus, Ohio".
    pub(super) fn city_state(&mut self, k: usize) -> bool {
        if self.toks[k].class != Class::Plain
            || !c::is_cap_word(self.toks[k].s)
            || self.never_name(k) && !self.is_word(k, "Saint") && !self.city_prefix(k)
        {
            return false;
        }
        let mut last = k;
        while self.toks[last].after != b',' {
            let n = last + 1;
            if n >= self.toks.len()
                || n - k >= 3
                || self.toks[last].after != b' '
                || self.toks[n].class != Class::Plain
                || !c::is_cap_word(self.toks[n].s)
            {
                return false;
            }
            last = n;
        }
        let state = last + 1;
        let n = self.state_len(state);
        if n == 0 || !self.same_sentence(k, state) {
            return false;
        }
        self.remove_toks(k, last, Kind::City, "city");
        self.zip_at(state + n);
        true
    }

    /// "North", "Port", "Lake": a common word that opens a town's name of two or three
    /// words ("South Bend, IN", "Lake Tahoe, CA") when a capitalized word follows it.
    fn city_prefix(&self, k: usize) -> bool {
        matches!(
            self.toks[k].s,
            "North"
                | "South"
                | "East"
                | "West"
                | "New"
                | "Port"
                | "Lake"
                | "Mount"
                | "Fort"
                | "Glen"
                | "Grand"
                | "Little"
                | "Old"
        ) && self.toks[k].after == b' '
            && self
                .toks
                .get(k + 1)
                .is_some_and(|t| t.class == Class::Plain && c::is_cap_word(t.s))
    }

    fn zip_at(&mut self, z: usize) -> bool {
        if z < self.toks.len() && matches!(self.toks[z].class, Class::Plain | Class::LongNumber) {
            let s = self.toks[z].s;
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            if (digits == 5 || digits == 9) && s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                self.remove_toks(z, z, Kind::Zip, "ZIP code after a state");
                return true;
            }
        }
        false
    }

    /// "IL 62704" without a city before it.
    pub(super) fn state_zip(&mut self, k: usize) -> bool {
        let n = self.state_len(k);
        let found = n > 0 && self.zip_at(k + n);
        if found {
            self.town_opening_column(k);
        }
        found
    }

    /// `East Marlow NY  10101  Quenby CT  06001`: a mailing label's last line, the town's
    /// one to three capitalized words right before the state (one blank apart), the run
    /// opening its line or a column (two or more blanks before it). A word another rule
    /// took for a name becomes part of the town.
    fn town_opening_column(&mut self, state: usize) {
        // `Process ID: 14611`: a label, not Idaho.
        if self.toks[state].trail != 0 {
            return;
        }
        let mut a = state;
        while a > 0 && state - a < 3 {
            let t = &self.toks[a - 1];
            let one_blank = self.text.get(t.end..self.toks[a].start) == Some(" ");
            let open = t.class == Class::Plain || self.removed_as_name(a - 1);
            if !one_blank || !open || !c::is_cap_word(t.s) || self.has(a - 1, flag::STATE_CODE) {
                break;
            }
            a -= 1;
        }
        if a == state {
            return;
        }
        let start = self.toks[a].start;
        let line_start = self.text[..start].rfind('\n').map_or(0, |p| p + 1);
        let before = &self.text[line_start..start];
        let opens = before.bytes().all(|b| b == b' ' || b == b'\t')
            || before.ends_with("  ")
            || before.ends_with('\t');
        if !opens {
            return;
        }
        // A name finding must lie inside the run to become the town.
        let (from, to) = (start, self.toks[state - 1].end);
        let inside = (a..state).all(|j| {
            self.toks[j].class == Class::Plain
                || self
                    .found
                    .get(self.toks[j].finding)
                    .is_some_and(|f| f.original_span.start >= from && f.original_span.end <= to)
        });
        if !inside {
            return;
        }
        let named: Vec<usize> = (a..state)
            .filter(|&j| self.toks[j].class == Class::Removed)
            .map(|j| self.toks[j].finding)
            .collect();
        if named.is_empty() {
            self.remove_toks(a, state - 1, Kind::City, "town before a state on a label");
            return;
        }
        let index = named[0];
        // Two findings in one town: left as they are.
        if named.iter().any(|&f| f != index) {
            return;
        }
        if let Some(f) = self.found.get_mut(index) {
            f.kind = Kind::City;
            f.placeholder = Kind::City.placeholder();
            f.reason = "town before a state on a label";
            f.original_span = from..to;
        }
        for t in &mut self.toks[a..state] {
            t.class = Class::Removed;
            t.finding = index;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn a_label_before_a_colon_is_no_town() {
        // `ID:` is a label's, not Idaho's: the word before it is no town.
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s.scrub_text("Process ID: 14611\n").text;
        assert!(out.starts_with("Process ID:"), "{out:?}");
    }

    #[test]
    fn a_town_opened_by_a_compass_or_water_word_and_a_plural_street_type() {
        check(&[
            (
                "Clinic\n41 Quarry Glens, South Merrowby, AZ 85001\nInstructions",
                "Clinic\n[ADDRESS], [CITY], AZ [ZIP]\nInstructions",
            ),
            (
                "Seen at 9 Tamsin Parkways, Lake Orrin, ME 04011 today.",
                "Seen at [ADDRESS], [CITY], ME [ZIP] today.",
            ),
            // A count of things named after a landform is no address.
            (
                "We hung 3 Blue Mountains posters and 2 Green Hills banners.",
                "We hung 3 Blue Mountains posters and 2 Green Hills banners.",
            ),
            (
                "She lives at 22 Oak Hills with her son; he moved to 5 Elm Street today.",
                "She lives at [ADDRESS] with her son; he moved to [ADDRESS] today.",
            ),
            // A label sheet's last line: each column's town before its state.
            (
                "East Marlow NY  10101  Quenby CT  06001\n",
                "[CITY] NY  [ZIP]  [CITY] CT  [ZIP]\n",
            ),
            // Inside a sentence the words before a state are left to the other rules.
            (
                "Visit our Heron Labs NY 10101 office",
                "Visit our Heron Labs NY [ZIP] office",
            ),
            // The word alone before a state code is no town.
            (
                "The North, CA team met 3 times in the valleys.",
                "The North, CA team met 3 times in the valleys.",
            ),
        ]);
    }
}
