//! The replacement and report writer: merges overlapping findings, writes the placeholders
//! into the text, and keeps the indicators no finding covers.

use super::Engine;
use crate::{Finding, Kind, Scrubbed};

impl Engine<'_> {
    pub(super) fn finish(mut self, text: &str) -> Scrubbed {
        for f in &mut self.found {
            if f.kind == Kind::Name {
                f.original_span.end += initial_after(text, f.original_span.clone());
            } else if !matches!(
                f.kind,
                Kind::Url | Kind::Email | Kind::InternalHost | Kind::OrgDomain | Kind::Photo
            ) {
                f.original_span.end -= file_extension(text, f.original_span.clone());
            }
        }
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

/// Extensions of the document, image and data files a log or a report names
/// (`scan_0042.pdf`): the format of the file, never part of an identifier.
const FILE_EXTENSIONS: [&str; 26] = [
    "pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "rtf", "tif", "tiff", "jpg", "jpeg", "png",
    "gif", "bmp", "dcm", "xml", "json", "hl7", "zip", "msg", "eml", "odt", "ods", "ppt", "pptx",
];

/// How many bytes at the end of a span are a file name's extension (its period included):
/// the span is a file name whose stem is the identifier (`MRN_0042.pdf`), so the extension
/// stays. Only when the span ends where the file name does and its stem is left non-empty.
fn file_extension(text: &str, span: std::ops::Range<usize>) -> usize {
    let s = &text[span.clone()];
    // A byte search (the period is ASCII), and every extension listed has three or four
    // letters: most spans end here.
    let Some(dot) = s.bytes().rposition(|b| b == b'.') else {
        return 0;
    };
    let ext = &s[dot + 1..];
    if !(3..=4).contains(&ext.len()) {
        return 0;
    }
    let stem_ends_word = s[..dot]
        .bytes()
        .last()
        .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let ends_name = text[span.end..]
        .bytes()
        .next()
        .is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'_'));
    if stem_ends_word && ends_name && FILE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
        s.len() - dot
    } else {
        0
    }
}

/// How many bytes after a name's span belong to it as its last initial: the period of an
/// initial the span ends with (`Jane D` + `.`), or a comma and an initial after a surname
/// (`Doe` + `, J.`), as logs and lists write a name short. A single capital after a comma
/// must end with its period or end the field (`Doe, J  ext=`), so `Ana, I think` is left.
fn initial_after(text: &str, span: std::ops::Range<usize>) -> usize {
    let name = &text[span.clone()];
    let rest = &text[span.end..];
    let capital = |c: char| c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase();
    let single = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(capital) && cs.next().is_none()
    };
    let last_word = name.rsplit([' ', ',', '.']).next().unwrap_or("");
    if rest.starts_with('.') && single(last_word) {
        return 1;
    }
    // `Maeve Q.`: a given name and the initial of the surname.
    if let Some(after_space) = rest.strip_prefix(' ') {
        let mut cs = after_space.chars();
        if let (Some(first), Some('.')) = (cs.next(), cs.next()) {
            let after = after_space[first.len_utf8() + 1..].chars().next();
            if capital(first) && !name.contains(',') && after.is_none_or(char::is_whitespace) {
                return 1 + first.len_utf8() + 1;
            }
        }
    }
    let Some(after_comma) = rest.strip_prefix(", ") else {
        return 0;
    };
    let mut cs = after_comma.char_indices();
    let Some((_, first)) = cs.next() else {
        return 0;
    };
    let len = first.len_utf8();
    let next = after_comma[len..].chars().next();
    if !capital(first) || name.contains(',') {
        return 0;
    }
    match next {
        Some('.') => 2 + len + 1,
        None | Some('\n' | '\t' | '|' | '"' | ';') => 2 + len,
        Some(' ') if after_comma[len..].starts_with("  ") => 2 + len,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn a_file_names_extension_stays_when_its_stem_goes() {
        check(&[
            (
                "ExportFile: MRN_40872215.pdf copied",
                "ExportFile: [ID].pdf copied",
            ),
            (
                "Job 7 printed for pt Harrow Tovey (MRN 40872215).",
                "Job 7 printed for pt [NAME] (MRN [MRN]).",
            ),
        ]);
    }

    #[test]
    fn a_names_initial_goes_with_its_period_and_after_a_comma() {
        check(&[
            (
                "bed 4: pt=Harrow, T.  nurse=Maeve Q.  pager=x2231",
                "bed 4: pt=[NAME]  nurse=[NAME]  pager=[PHONE]",
            ),
            (
                "Ana, I think the scan is done.",
                "[NAME], I think the scan is done.",
            ),
        ]);
    }
}
