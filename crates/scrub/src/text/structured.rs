//! Helpers shared by the rules that read a structured format field by field (HL7 v2, X12,
//! DICOM dumps, FHIR, audit exports): remove one field's value, and close a record's other
//! tokens (codes, qualifiers, separators) to the word-level rules.

use super::{Class, Engine};
use crate::Kind;

/// The byte ranges (relative to `s`) of the pieces of `s` cut at `sep`.
pub(super) fn pieces(s: &str, sep: char) -> impl Iterator<Item = (usize, &str)> {
    s.split(sep).scan(0, move |at, p| {
        let start = *at;
        *at += p.len() + sep.len_utf8();
        Some((start, p))
    })
}

impl Engine<'_> {
    /// The format-aware rules: X12 EDI, DICOM header dumps, FHIR JSON and XML, audit
    /// exports with a header row. Each reads its format's fields by position or name.
    pub(super) fn structured_formats(&mut self) {
        self.x12_segments();
        self.ncpdp_claims();
        self.dicom_dump();
        self.fhir_resources();
        self.delimited_exports();
        self.cloud_resource_ids();
    }

    /// Azure Resource Manager ids wherever they stand (a JSON `resourceId`, a URL, a CLI
    /// line): `/subscriptions/<id>/resourceGroups/<group>/providers/<namespace>/<type>/<name>`.
    /// The subscription id is the organization's account; the resource group and the
    /// resource are named after its own systems. The provider's namespace and types stay.
    pub(super) fn cloud_resource_ids(&mut self) {
        const REASON: &str = "subscription, resource group or resource in a cloud resource id";
        let (text, low) = (self.text, self.lowered);
        // A segment of the path: up to the next slash, quote, blank or query.
        let seg_end = |s: usize| {
            s + text[s..]
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
                .unwrap_or(text.len() - s)
        };
        let mut from = 0;
        while let Some(p) = low[from..].find("/subscriptions/").map(|p| from + p) {
            let mut at = p + "/subscriptions/".len();
            let end = seg_end(at);
            let sub = &text[at..end];
            // A subscription id is a GUID or an id with digits, not a word of a URL.
            if sub.len() >= 8 && sub.bytes().any(|b| b.is_ascii_digit()) {
                self.field_value(at, sub, Kind::Account, REASON);
            }
            at = end;
            if low[at..].starts_with("/resourcegroups/") {
                let s = at + "/resourcegroups/".len();
                let e = seg_end(s);
                self.field_value(s, &text[s..e], Kind::InternalHost, REASON);
                at = e;
            }
            if low[at..].starts_with("/providers/") {
                // The namespace (`Microsoft.Compute`), the type, then the resource's name.
                let ns = at + "/providers/".len();
                let ns_end = seg_end(ns);
                if text[ns_end..].starts_with('/') {
                    let ty_end = seg_end(ns_end + 1);
                    if ty_end > ns_end + 1 && text[ty_end..].starts_with('/') {
                        let s = ty_end + 1;
                        let e = seg_end(s);
                        self.field_value(s, &text[s..e], Kind::InternalHost, REASON);
                        at = e;
                    }
                }
            }
            from = at.max(p + 1);
        }
        // Google Cloud resource names (`"logName": "projects/<project>/logs/...`,
        // `projects/_/buckets/<bucket>/objects/...`): the project and the bucket are the
        // organization's. Only a name opening a value: a web path's `/projects/3` stays.
        let mut from = 0;
        while let Some(p) = low[from..].find("projects/").map(|p| from + p) {
            from = p + "projects/".len();
            let opens = p == 0 || matches!(text.as_bytes()[p - 1], b'"' | b'\'' | b' ' | b'=');
            if !opens {
                continue;
            }
            let mut at = from;
            let end = seg_end(at);
            let project = &text[at..end];
            let named = project.len() >= 4
                && project.bytes().any(|b| b.is_ascii_alphabetic())
                && project.bytes().any(|b| b == b'-' || b.is_ascii_digit());
            if named {
                self.field_value(at, project, Kind::InternalHost, REASON);
            }
            // The path's collections and names: a bucket's, an instance's or a dataset's
            // name is the organization's; the others (`logs`, `zones`) stay.
            at = end;
            let mut named_next = false;
            for _ in 0..8 {
                if !text[at..].starts_with('/') {
                    break;
                }
                let s = at + 1;
                let e = seg_end(s);
                if named_next {
                    self.field_value(s, &text[s..e], Kind::InternalHost, REASON);
                }
                named_next = !named_next
                    && matches!(
                        &low[s..e],
                        "buckets" | "instances" | "datasets" | "databases"
                    );
                at = e;
            }
        }
    }

    /// Removes `base + piece` (trimmed) as `kind` when it holds a letter or a digit, unless
    /// an indicator lies inside it (an attacker's address pasted into a field stays).
    pub(super) fn field_value(
        &mut self,
        base: usize,
        piece: &str,
        kind: Kind,
        reason: &'static str,
    ) {
        let t = piece.trim();
        if !t.chars().any(char::is_alphanumeric) || t.eq_ignore_ascii_case("\"\"") {
            return;
        }
        let s = base + (piece.len() - piece.trim_start().len());
        let e = s + t.len();
        let from = self.toks.partition_point(|t| t.end <= s);
        let guarded = self.toks[from..]
            .iter()
            .take_while(|t| t.start < e)
            .any(|t| t.class == Class::Protected);
        if guarded {
            return;
        }
        // A shape rule already took the whole value (`CT04` as a host): the field says
        // what it is.
        let same = self.toks.get(from).is_some_and(|t| {
            t.class == Class::Removed
                && self
                    .found
                    .get(t.finding)
                    .is_some_and(|f| f.original_span == (s..e))
        });
        if same {
            self.rekind(from, kind, reason);
        } else {
            self.remove(s, e, kind, reason);
        }
    }

    /// Removes a one-line address value (`12 Elm St Fernvale - WA, 98001`) but keeps a
    /// two-letter state or province code inside it, which is not an identifier.
    pub(super) fn address_value(&mut self, base: usize, value: &str, reason: &'static str) {
        let sep = |c: char| c.is_whitespace() || matches!(c, ',' | '-');
        let piece = |e: &mut Self, from: usize, to: usize| {
            let p = &value[from..to];
            let lead = p.len() - p.trim_start_matches(sep).len();
            e.field_value(
                base + from + lead,
                p.trim_matches(sep),
                Kind::Address,
                reason,
            );
        };
        let mut from = 0;
        let mut at = 0;
        for (i, w) in value.split_inclusive(' ').enumerate() {
            let word = w.trim_end_matches([' ', ',']);
            if i > 0 && word.len() == 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
                piece(self, from, at);
                from = at + word.len();
            }
            at += w.len();
        }
        piece(self, from, value.len());
    }

    /// Closes the open tokens in `s..e` to the word-level rules: a token some finding from
    /// index `first` on covers is tied to it, the others are kept as they are (a code value,
    /// a qualifier, a label), as the words of a CEF header are.
    pub(super) fn close_span(&mut self, s: usize, e: usize, first: usize) {
        self.close_spans(&[(s, e)], first);
    }

    /// [`Self::close_span`] over `s..e` except the ranges in `open` (free-text values, in
    /// order), which stay open to the word-level rules.
    pub(super) fn close_except(
        &mut self,
        s: usize,
        e: usize,
        open: &[(usize, usize)],
        first: usize,
    ) {
        let mut spans = Vec::with_capacity(open.len() + 1);
        let mut at = s;
        for &(os, oe) in open {
            if os >= at {
                spans.push((at, os));
                at = oe;
            }
        }
        spans.push((at, e));
        self.close_spans(&spans, first);
    }

    /// [`Self::close_span`] over several ranges at once: the findings from `first` on are
    /// sorted once, so a long record costs a search per token, not a scan of its findings.
    pub(super) fn close_spans(&mut self, spans: &[(usize, usize)], first: usize) {
        let mut by_start: Vec<(usize, usize, usize)> = (first..self.found.len())
            .map(|f| {
                (
                    self.found[f].original_span.start,
                    self.found[f].original_span.end,
                    f,
                )
            })
            .collect();
        by_start.sort_unstable();
        // The longest end among the findings up to each one: a token inside an earlier,
        // longer finding is still found.
        let mut reach = Vec::with_capacity(by_start.len());
        let mut longest = 0;
        for &(_, end, _) in &by_start {
            longest = longest.max(end);
            reach.push(longest);
        }
        for &(s, e) in spans {
            let mut k = self.toks.partition_point(|t| t.end <= s);
            while k < self.toks.len() && self.toks[k].start < e {
                let (class, at) = (self.toks[k].class, self.toks[k].start);
                if matches!(class, Class::Plain | Class::LongNumber | Class::IdLike) {
                    let upto = by_start.partition_point(|&(start, _, _)| start <= at);
                    let covering = (0..upto)
                        .rev()
                        .take_while(|&j| reach[j] > at)
                        .find(|&j| by_start[j].1 > at)
                        .map(|j| by_start[j].2);
                    match covering {
                        Some(f) => {
                            self.toks[k].class = Class::Removed;
                            self.toks[k].finding = f;
                        }
                        // Kept as it is: no later rule may take it into a span either.
                        None => self.toks[k].class = Class::Protected,
                    }
                }
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cloud_resource_id_loses_its_subscription_group_and_resource_names() {
        super::super::check(&[
            (
                "\"resourceId\": \"/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourceGroups/\
                 rg-marrow-lab/providers/Microsoft.Compute/virtualMachines/MRW-LAB-VM07\",\n",
                "\"resourceId\": \"/subscriptions/[ACCOUNT]/resourceGroups/\
                 [INTERNAL-HOST]/providers/Microsoft.Compute/virtualMachines/[INTERNAL-HOST]\",\n",
            ),
            (
                "\"resourceName\": \"projects/marrow-lab-prod-12/zones/us-east1-b/instances/mrw-lab-vm3\",\n\
                 \"resourceName\": \"projects/_/buckets/marrow-scans/objects/a.pdf\"\n",
                "\"resourceName\": \"projects/[INTERNAL-HOST]/zones/us-east1-b/instances/[INTERNAL-HOST]\",\n\
                 \"resourceName\": \"projects/_/buckets/[INTERNAL-HOST]/objects/a.pdf\"\n",
            ),
            // Prose about subscriptions, and web paths with the same words, stay.
            (
                "See https://git.example.org/team/projects/roadmap-2 and the projects/ folder.\n",
                "See https://git.example.org/team/projects/roadmap-2 and the projects/ folder.\n",
            ),
            (
                "Renew the /subscriptions/ page at https://news.example.org/subscriptions/weekly today.\n",
                "Renew the /subscriptions/ page at https://news.example.org/subscriptions/weekly today.\n",
            ),
        ]);
    }

    /// Truncated and malformed records of every format: each is scrubbed without a panic,
    /// and scrubbing the output again changes nothing.
    #[test]
    fn broken_records_do_not_panic() {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let cases = [
            "ISA*00*",
            "ISA*00*  *00*  *ZZ*A*ZZ*B*1*2*^*00501*1*0*P*",
            "ISA*00*  *00*  *ZZ*A*ZZ*B*1*2*^*00501*1*0*P*:~NM1*IL*1*",
            "NM1*IL~N3~",
            "(0010,0010) PN [",
            "(0010,0010) PN [Doe^Ja]ne] # x",
            "(0010, 0010) Patient's Name PN: 'Doe",
            "(001",
            "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Do\\",
            "{\"resourceType\":\"Patient\",\"address\":[{\"line\":[\"é\\é\"]}]}",
            "}}]]{[\"a\":",
            "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"Dö",
            "<Patient xmlns=\"http://hl7.org/fhir\"><name value=\"/></Patient>",
            "a,b\nUserName,PatientMRN,Workstation\n\"DOE, JANE,1,WS1\n",
            "PID|1||\nIN1|1|||||||||||||||SEL|\nPV1|",
        ];
        for case in cases {
            let once = s.scrub_text(case).text;
            assert_eq!(s.scrub_text(&once).text, once, "{case:?}");
        }
    }
}
