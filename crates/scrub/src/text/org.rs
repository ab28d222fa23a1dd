//! The organization's own names, matched on squashed text (letters and digits only).

use super::Engine;
use crate::Kind;

impl Engine<'_> {
    /// Removes one of the organization's names starting at token `k`: consecutive tokens
    /// whose squashed text ([`squash`]) is exactly the squashed name, so "Anon-Clinic",
    /// "AnonClinic", "ANON CLINIC" and a name with a non-breaking or zero-width space inside
    /// all match "Anon Clinic", while "AnonClinical" does not.
    pub(super) fn org_name(&mut self, k: usize) -> bool {
        let scrubber = self.scrubber;
        for name in scrubber.org_names() {
            if let Some(j) = self.squashed_run(k, name) {
                self.remove_toks(k, j - 1, Kind::OrgName, "the organization's own name");
                return true;
            }
        }
        // Its short code, alone or opening a system name (`RBH`, `MVFC_MWL`, `SBRH-PACS`).
        let s = self.toks[k].s;
        let short = scrubber.org_initials().iter().any(|i| {
            s.strip_prefix(i.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['_', '-']))
        });
        if short {
            self.remove_toks(k, k, Kind::OrgName, "the organization's short code");
        }
        short
    }

    /// The end (exclusive) of the run of open tokens from `k` whose squashed text is exactly
    /// `name` (already squashed), if there is one.
    pub(super) fn squashed_run(&self, k: usize, name: &str) -> Option<usize> {
        let mut pos = 0;
        let mut j = k;
        while pos < name.len() && self.open(j) {
            match eat(name, pos, strip_possessive(self.toks[j].s)) {
                // The name starts with a letter or digit, not with punctuation.
                Some(next) if next > pos || j > k => pos = next,
                _ => break,
            }
            j += 1;
        }
        (pos == name.len() && j > k).then_some(j)
    }
}

/// The initials of an organization name of three or more capitalized words, uppercase and
/// without diacritics (`Hospital Ángeles del Norte` -> `HAN`; lowercase particles do not
/// count), or `None` for a shorter name, whose initials would be a common word.
pub(crate) fn org_initials(name: &str) -> Option<String> {
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .map(|c| super::fold_latin(&c.to_lowercase().to_string()).to_ascii_uppercase())
        .collect();
    (initials.len() >= 3 && initials.bytes().all(|b| b.is_ascii_uppercase())).then_some(initials)
}

/// What is left of a name for comparing: its letters and digits, lowercased. Spaces of any
/// kind, hyphens, zero-width characters and punctuation go.
pub(crate) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `word` without a trailing possessive `'s` (straight or curly apostrophe).
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("'S"))
        .unwrap_or(word)
}

/// Matches the squashed `token` against `name` from byte `pos`: the position after it when
/// all of the token's letters and digits continue the name (a token of punctuation only
/// continues it without moving), else `None`.
fn eat(name: &str, pos: usize, token: &str) -> Option<usize> {
    let rest = name.get(pos..)?;
    if token.is_ascii() {
        // Byte by byte: an ASCII letter never equals a byte of a wider character.
        let mut at = pos;
        for b in token.bytes().filter(u8::is_ascii_alphanumeric) {
            if name.as_bytes().get(at) != Some(&b.to_ascii_lowercase()) {
                return None;
            }
            at += 1;
        }
        return Some(at);
    }
    let mut rest = rest.chars();
    let mut at = pos;
    for c in token
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        if rest.next()? != c {
            return None;
        }
        at += c.len_utf8();
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_organizations_short_code_goes() {
        assert_eq!(
            super::org_initials("Hospital Ángeles del Norte").as_deref(),
            Some("HAN")
        );
        assert_eq!(super::org_initials("Anon Clinic"), None);
        super::super::check_org(
            &["Quillfeather Behavioral Health"],
            &[],
            &[(
                "Rejects from the QBH outpatient pharmacy.\nfindscu -W -aec QBH_MWL 10.1.2.3 104\n",
                "Rejects from the [ORG] outpatient pharmacy.\nfindscu -W -aec [ORG] [INTERNAL-IP] 104\n",
            )],
        );
    }
}
