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

    /// The last line of an Australian or Canadian address: a town of one to three
    /// capitalized words, then the state's or province's code as Australia Post and Canada
    /// Post print it. Australia's code is followed by its four-digit postcode ("Dubbo NSW
    /// 2830"); a Canadian code closes its line or column, its town opening a column or after
    /// a comma ("  Kamloops BC"). The town and postcode go, and so does a street part before
    /// the town ("14 Harbour Strand, "): a house number and capitalized words, whatever the
    /// street's type.
    pub(super) fn intl_locality(&mut self, k: usize) -> bool {
        const AU: &[&str] = &["NSW", "VIC", "QLD", "TAS", "ACT", "NT", "SA", "WA"];
        const CA: &[&str] = &[
            "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
        ];
        let s = self.toks[k].s;
        if self.toks[k].class != Class::Plain || k == 0 {
            return false;
        }
        let one_blank =
            |e: &Self, a: usize, b: usize| e.text.get(e.toks[a].end..e.toks[b].start) == Some(" ");
        let postcode = AU.contains(&s)
            && k + 1 < self.toks.len()
            && one_blank(self, k, k + 1)
            && matches!(self.toks[k + 1].class, Class::Plain | Class::LongNumber)
            && self.toks[k + 1].s.len() == 4
            && self.toks[k + 1].s.bytes().all(|b| b.is_ascii_digit());
        let line_end = {
            let rest = &self.text[self.toks[k].end..];
            let rest = rest.trim_start_matches([' ', '\t', '\r']);
            rest.is_empty()
                || rest.starts_with('\n')
                || self.text[self.toks[k].end..].starts_with("  ")
        };
        let province = CA.contains(&s) && line_end;
        if !postcode && !province {
            return false;
        }
        // The town: capitalized words right before the code, one blank apart.
        let mut a = k;
        let town_word = |e: &Self, i: usize| {
            let t = &e.toks[i];
            (t.class == Class::Plain && !e.never_name(i) || e.removed_as_name(i))
                && c::is_cap_word(t.s)
                && !e.has(i, flag::STATE_CODE)
        };
        let gap_ok = |e: &Self, i: usize| {
            one_blank(e, i - 1, i)
                || i == k && e.text.get(e.toks[i - 1].end..e.toks[i].start) == Some(", ")
        };
        while a > 0 && k - a < 3 && gap_ok(self, a) && town_word(self, a - 1) {
            a -= 1;
        }
        if a == k {
            return false;
        }
        let start = self.toks[a].start;
        let line_start = self.text[..start].rfind('\n').map_or(0, |p| p + 1);
        let before = self.text[line_start..start].trim_end_matches(' ');
        let after_comma = before.ends_with(',');
        let opens = before.is_empty()
            || self.text[line_start..start].ends_with("  ")
            || before.ends_with('\t');
        if !(after_comma || opens) {
            return false;
        }
        if postcode {
            self.remove_toks(k + 1, k + 1, Kind::Zip, "postcode after a state code");
        }
        let named = (a..k).any(|j| self.toks[j].class == Class::Removed);
        if !named {
            self.remove_toks(a, k - 1, Kind::City, "town before a state or province code");
        } else {
            let (from, to) = (start, self.toks[k - 1].end);
            for j in a..k {
                if self.toks[j].class == Class::Plain {
                    self.remove_toks(j, j, Kind::City, "town before a state or province code");
                } else if self
                    .found
                    .get(self.toks[j].finding)
                    .is_some_and(|f| f.original_span.start >= from && f.original_span.end <= to)
                {
                    self.rekind(j, Kind::City, "town before a state or province code");
                }
            }
        }
        // "14 Harbour Strand, " before the town: the street part of the same address.
        if after_comma && a >= 2 && self.toks[a - 1].after == b',' {
            let mut b = a - 1;
            while b > 0
                && a - b < 5
                && (self.toks[b].class == Class::Plain && c::is_cap_word(self.toks[b].s)
                    || self.toks[b].class == Class::Removed)
                && one_blank(self, b - 1, b)
            {
                b -= 1;
            }
            let h = self.toks[b].s;
            let house = b < a - 1
                && self.toks[b].class == Class::Plain
                && (1..=5).contains(&h.bytes().take_while(u8::is_ascii_digit).count())
                && h.len() <= h.bytes().take_while(u8::is_ascii_digit).count() + 1;
            if house {
                self.remove_toks(b, a - 1, Kind::Address, "street before a town and state");
            }
        }
        true
    }

    /// A medical council's register entry: a register's letters (two to five capitals) then
    /// a number of four to eight digits, announced by a registration label ("Reg. no. KMC
    /// 03494", "Registration number DMC 44120") or by the council's own acronym right before
    /// it ("HPCSA MP 0123456": the council, the register, the practitioner's number). The
    /// letters and the number go together; the council's acronym or the label stays.
    pub(super) fn register_number(&mut self, k: usize) -> bool {
        let caps = |s: &str, lo: usize, hi: usize| {
            (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
        };
        let t = &self.toks[k];
        if t.class != Class::Plain || !caps(t.s, 2, 5) || k == 0 || k + 1 >= self.toks.len() {
            return false;
        }
        let n = &self.toks[k + 1];
        let number = self.text.get(t.end..n.start) == Some(" ")
            && (4..=8).contains(&n.s.len())
            && n.s.bytes().all(|b| b.is_ascii_digit())
            && matches!(n.class, Class::Plain | Class::LongNumber | Class::Removed);
        // "ZIP CODE 42971": capitals that are words of a form are no register's.
        let words = flag::CUE | flag::NEVER | flag::STOP | flag::FILLER;
        if !number || !self.same_sentence(k, k + 1) || self.has(k, words) {
            return false;
        }
        let p = &self.toks[k - 1];
        let council = p.class == Class::Plain
            && caps(p.s, 3, 6)
            && caps(t.s, 2, 3)
            && !self.has(k - 1, words)
            && self.text.get(p.end..t.start) == Some(" ");
        let labelled = (k.saturating_sub(3)..k).any(|i| {
            let mut buf = [0u8; 32];
            !self.text[self.toks[i].end..t.start].contains('\n')
                && self.lw(i, &mut buf).is_some_and(|l| {
                    matches!(
                        l.trim_end_matches('.'),
                        "reg" | "regn" | "registration" | "regd" | "reg.no" | "regno"
                    )
                })
        });
        if !(council || labelled) {
            return false;
        }
        self.remove_toks(k, k + 1, Kind::License, "medical council register number");
        true
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

    #[test]
    fn australian_and_canadian_address_tails() {
        check(&[
            // Australia Post: town, state code, four-digit postcode; the street before it
            // goes whatever its type.
            (
                "Write to Ola Brandt, 7 Kestrel Wynd, Wagga Wagga NSW 2650\nThanks",
                "Write to [NAME], [ADDRESS], [CITY] NSW [ZIP]\nThanks",
            ),
            ("Dubbo NSW 2830\n", "[CITY] NSW [ZIP]\n"),
            // Canada Post: a town before a province code closing its column or line.
            (
                "- 09:14  ward clerk  Kamloops BC\n",
                "- 09:14  ward clerk  [CITY] BC\n",
            ),
            ("Mailed to:\nHarlow Bay, ON\n", "Mailed to:\n[CITY], ON\n"),
            // A code inside a sentence is no address's.
            (
                "They upgraded Windows NT 4000 machines and left Logging ON\n",
                "They upgraded Windows NT 4000 machines and left Logging ON\n",
            ),
            (
                "The SA 2024 audit found the VPN flag set to ON.\n",
                "The SA 2024 audit found the VPN flag set to ON.\n",
            ),
        ]);
    }

    #[test]
    fn medical_council_register_numbers() {
        check(&[
            (
                "Seen by the surgeon (medical reg. no. TNMC 20417) on the ward.",
                "Seen by the surgeon (medical reg. no. [LICENSE]) on the ward.",
            ),
            (
                "Signed by the GP, HPCSA MP 0456123, for the scheme.",
                "Signed by the GP, HPCSA [LICENSE], for the scheme.",
            ),
            // Capitals before a number with no label or council are left alone, and so are
            // a form's words in capitals.
            (
                "CITY ELMWOOD  STATE  ZIP CODE 42971",
                "CITY ELMWOOD  STATE  ZIP CODE [ZIP]",
            ),
            // A log's own counter after a protocol's name is no register number.
            (
                "Info: New SMTP ICID 4260818 interface Data 1",
                "Info: New SMTP ICID 4260818 interface Data 1",
            ),
            (
                "The MP 2024 report and the NIST SP 800 guide.",
                "The MP 2024 report and the NIST SP 800 guide.",
            ),
        ]);
    }
}
