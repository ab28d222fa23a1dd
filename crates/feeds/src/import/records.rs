//! CSV for the importers: the `csv` crate splits records and undoes quoting, after a small
//! pre-pass for what feeds write around strict CSV.
//!
//! The pre-pass works record by record and keeps every line where it was, so the reader's
//! line numbers are the file's:
//!
//! - blank lines and `#` lines (abuse.ch's banners, and the header it writes inside a comment,
//!   `# "first_seen_utc","ioc_id",...`) are left out, as is a byte-order mark;
//! - white space around fields is dropped outside quotes: abuse.ch writes `"a", "b"` (a space
//!   after the comma), which a strict reader takes as an unquoted field holding quotes;
//! - a quoted field left open at the end of its line (or, for formats whose fields may hold
//!   line breaks, at the end of the text), or text after a closing quote, makes the record a
//!   problem on its first line, and the rest of the file still reads.

/// Whether a quoted field may run on to the next line (CISA's KEV CSV), or each line is a
/// record (abuse.ch, indicator lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lines {
    OnePerRecord,
    QuotedBreaks,
}

/// The records of `text` with the line each starts on (1-based), in line order: a record's
/// fields, or why the record is not CSV.
pub(crate) fn csv_records(text: &str, lines: Lines) -> Vec<(usize, Result<Vec<String>, String>)> {
    let mut tidy = Tidy::default();
    let mut record = String::new();
    let mut start = 0;
    let mut quotes = 0usize;
    for (i, line) in text.lines().enumerate() {
        if record.is_empty() {
            start = i + 1;
            let head = line.trim().trim_start_matches('\u{feff}');
            if head.is_empty() || head.starts_with('#') {
                continue;
            }
        } else {
            record.push('\n');
        }
        record.push_str(line);
        quotes += line.bytes().filter(|&b| b == b'"').count();
        if lines == Lines::OnePerRecord || quotes.is_multiple_of(2) {
            tidy.add(&record, start);
            record.clear();
            quotes = 0;
        }
    }
    if !record.is_empty() {
        tidy.add(&record, start);
    }
    tidy.read()
}

/// The records that passed the pre-pass, tidied, one after another, and those that did not.
#[derive(Default)]
struct Tidy {
    text: String,
    /// The first line of each record in `text`, in order.
    starts: Vec<usize>,
    problems: Vec<(usize, String)>,
}

impl Tidy {
    fn add(&mut self, record: &str, start: usize) {
        match tidy_record(record.trim().trim_start_matches('\u{feff}')) {
            Ok(clean) => {
                self.text.push_str(&clean);
                self.text.push('\n');
                self.starts.push(start);
            }
            Err(problem) => self.problems.push((start, problem)),
        }
    }

    /// Each tidy record is one CSV record (its line breaks are inside quotes), so the reader's
    /// n-th record is the n-th start; the reader's own positions would not count the lines
    /// left out.
    fn read(self) -> Vec<(usize, Result<Vec<String>, String>)> {
        let mut out: Vec<(usize, Result<Vec<String>, String>)> = self
            .problems
            .into_iter()
            .map(|(line, problem)| (line, Err(problem)))
            .collect();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            // Records end at `\n` only (`lines()` took the `\r` of a `\r\n`): a lone `\r` is
            // text.
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(self.text.as_bytes());
        for (row, start) in reader.records().zip(self.starts) {
            out.push((
                start,
                row.map(|r| r.iter().map(str::to_string).collect())
                    .map_err(|e| e.to_string()),
            ));
        }
        out.sort_by_key(|(line, _)| *line);
        out
    }
}

/// One record with the white space around its fields dropped (outside quotes), checked for
/// quotes that do not close or text after a closing quote.
fn tidy_record(record: &str) -> Result<String, String> {
    let mut out = String::with_capacity(record.len());
    let mut chars = record.chars().peekable();
    loop {
        // The start of a field.
        while chars.next_if(|c| c.is_whitespace() && *c != '\n').is_some() {}
        if chars.next_if_eq(&'"').is_some() {
            out.push('"');
            loop {
                match chars.next() {
                    Some('"') if chars.next_if_eq(&'"').is_some() => out.push_str("\"\""),
                    Some('"') => break,
                    Some(c) => out.push(c),
                    None => return Err("a quoted field is not closed".into()),
                }
            }
            out.push('"');
            while chars.next_if(|c| c.is_whitespace() && *c != '\n').is_some() {}
            match chars.next() {
                None => return Ok(out),
                Some(',') => out.push(','),
                Some(c) => return Err(format!("unexpected {c:?} after a quoted field")),
            }
        } else {
            let mut field = String::new();
            let end = loop {
                match chars.next() {
                    None => break None,
                    Some(',') => break Some(','),
                    // Only a record read on past its line for an odd count of quotes has
                    // one: a `"` inside an unquoted field.
                    Some('\n') => {
                        return Err("a line break outside quotes (a `\"` inside a field?)".into())
                    }
                    Some(c) => field.push(c),
                }
            };
            out.push_str(field.trim_end());
            match end {
                None => return Ok(out),
                Some(c) => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Result<Vec<String>, String> {
        let mut records = csv_records(line, Lines::OnePerRecord);
        assert_eq!(records.len(), 1, "{line:?}: {records:?}");
        records.remove(0).1
    }

    #[test]
    fn fields_handle_abusech_spacing() {
        assert_eq!(
            one(r#""2024-01-01 00:00:00", "1", "http://a.example/x,y", "url""#).unwrap(),
            vec!["2024-01-01 00:00:00", "1", "http://a.example/x,y", "url"]
        );
        assert_eq!(one("a,,\"b\"\"c\"").unwrap(), vec!["a", "", "b\"c"]);
        assert!(one("\"open").is_err());
        assert_eq!(one(" a b , c\t").unwrap(), vec!["a b", "c"]);
        assert_eq!(one("\" a \",b\"c").unwrap(), vec![" a ", "b\"c"]);
        assert_eq!(
            one("\"a\" x,b").unwrap_err(),
            "unexpected 'x' after a quoted field"
        );
    }

    #[test]
    fn comments_blanks_and_bad_lines_keep_their_line_numbers() {
        let text = "\u{feff}# banner\n#\n# \"first_seen_utc\",\"ioc_id\"\n\n\"1\", \"a\"\n\"2\", \"b\n\"3\", \"c\"\r\n  \n4,d\n";
        let got = csv_records(text, Lines::OnePerRecord);
        let lines: Vec<usize> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [5, 6, 7, 9]);
        let fields = |f: &[&str]| Ok(f.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(got.first().map(|g| &g.1), Some(&fields(&["1", "a"])));
        assert!(got.get(1).is_some_and(|g| g.1.is_err()));
        assert_eq!(got.get(2).map(|g| &g.1), Some(&fields(&["3", "c"])));
        assert_eq!(got.get(3).map(|g| &g.1), Some(&fields(&["4", "d"])));
    }

    #[test]
    fn quoted_line_breaks_when_the_format_has_them() {
        let text = "h1,h2\n\"a\nb\", \"c\"\"d\"\n,,\n\"x\",\"open\n";
        let got = csv_records(text, Lines::QuotedBreaks);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(
            got.get(1),
            Some(&(2, Ok(vec!["a\nb".to_string(), "c\"d".to_string()])))
        );
        assert_eq!(
            got.get(2),
            Some(&(4, Ok(vec![String::new(), String::new(), String::new()])))
        );
        assert!(got.get(3).is_some_and(|g| g.0 == 5 && g.1.is_err()));
        // Read a line at a time, the record that ran on is broken at its first line.
        let by_line = csv_records(text, Lines::OnePerRecord);
        let broken: Vec<usize> = by_line
            .iter()
            .filter(|(_, r)| r.is_err())
            .map(|(l, _)| *l)
            .collect();
        assert_eq!(broken, [2, 5]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_never_panics(text in "[ -~\"\\n\\r#\u{feff}é]{0,200}") {
            let _ = csv_records(&text, Lines::OnePerRecord);
            let _ = csv_records(&text, Lines::QuotedBreaks);
        }
    }
}
