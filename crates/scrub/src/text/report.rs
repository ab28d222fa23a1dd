//! The replacement and report writer: merges overlapping findings, writes the placeholders
//! into the text, and keeps the indicators no finding covers.

use super::Engine;
use crate::{Finding, Scrubbed};

impl Engine<'_> {
    pub(super) fn finish(mut self, text: &str) -> Scrubbed {
        self.found.sort_by(|a, b| {
            a.original_span
                .start
                .cmp(&b.original_span.start)
                .then(b.original_span.end.cmp(&a.original_span.end))
        });
        let mut merged: Vec<Finding> = Vec::with_capacity(self.found.len());
        for f in self.found {
            match merged.last_mut() {
                Some(last) if f.original_span.start < last.original_span.end => {
                    last.original_span.end = last.original_span.end.max(f.original_span.end);
                }
                _ => merged.push(f),
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in &merged {
            out.push_str(&text[at..f.original_span.start]);
            out.push_str(f.placeholder);
            at = f.original_span.end;
        }
        out.push_str(&text[at..]);
        self.indicators.sort_by_key(|i| i.span.start);
        // Both lists are in order and the merged findings do not overlap: one sweep finds
        // the indicators no finding covers (linear, where a search per indicator was not).
        let mut next = 0;
        let indicators = self
            .indicators
            .into_iter()
            .filter(|i| {
                while next < merged.len() && merged[next].original_span.end <= i.span.start {
                    next += 1;
                }
                merged
                    .get(next)
                    .is_none_or(|f| f.original_span.start >= i.span.end)
            })
            .collect();
        Scrubbed {
            text: out,
            findings: merged,
            indicators,
        }
    }
}
