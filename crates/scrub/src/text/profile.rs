//! What the organization profile lists beyond its names and domains: its staff (names and
//! logins, from a staff list or a directory export) and the shapes of its host names. These
//! are removed wherever they appear, whatever the sentence around them.

use super::{squash, strip_possessive, Engine};
use crate::Kind;

impl Engine<'_> {
    /// A listed staff member's name starting at token `k` ("Dana Whitfield", "Whitfield,
    /// Dana", "DANA WHITFIELD"), matched like the organization's own names.
    pub(super) fn staff_name(&mut self, k: usize) -> bool {
        let scrubber = self.scrubber;
        if !scrubber.has_staff_names() {
            return false;
        }
        let first = squash(strip_possessive(self.toks[k].s));
        if first.is_empty() {
            return false;
        }
        // The longest listed name that matches here: "Dana Whitfield-Ames" over "Dana
        // Whitfield" when both are on the list.
        let end = scrubber
            .staff_names_starting(&first)
            .iter()
            .filter_map(|name| self.squashed_run(k, name))
            .max();
        match end {
            Some(j) => {
                self.remove_toks(k, j - 1, Kind::Name, "a member of the organization's staff");
                true
            }
            None => false,
        }
    }

    /// A listed staff login (`dwhitfield`, `CORP\dwhitfield`) or a host name of one of the
    /// organization's patterns (`ws-*`, `*-icu-*`) at token `k`.
    pub(super) fn staff_login_or_host(&mut self, k: usize) -> bool {
        let scrubber = self.scrubber;
        if !scrubber.has_staff_logins_or_hosts() {
            return false;
        }
        let token = self.toks[k].s.to_lowercase();
        let bare = token.rsplit('\\').next().unwrap_or(&token);
        let bare = bare.split('@').next().unwrap_or(bare);
        if scrubber.is_staff_login(bare) {
            self.remove_toks(k, k, Kind::User, "a login of the organization's staff");
            return true;
        }
        if scrubber.is_org_host_name(&token) {
            self.remove_toks(
                k,
                k,
                Kind::InternalHost,
                "a host name of the organization's pattern",
            );
            return true;
        }
        false
    }
}
