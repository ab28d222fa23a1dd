//! Columns of measures in log exports with a header line: a message's `Size`, a flow's
//! `packets` and `bytes`, a connection's ports, a process id, a flow's `start` and `end`
//! stamps. A plain number under such a header counts or times something and names no one,
//! whatever the header's other columns hold. The header may be comma, semicolon, tab or
//! bar separated, W3C-style (`#Fields: date-time,total-bytes`), or a run of single-space
//! separated lowercase field names (a flow log's `version srcaddr dstaddr packets bytes`).

use super::audit::header_words;
use super::{Class, Engine};

/// What a measure column admits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Measure {
    /// Any run of digits.
    Number,
    /// A Unix time in seconds or milliseconds (2001 to 2033).
    Epoch,
    /// Not a measure.
    No,
}

/// The measure a header cell names.
fn measure(cell: &str) -> Measure {
    let w = header_words(cell);
    let any = |xs: &[&str]| w.iter().any(|x| xs.contains(&x.as_str()));
    // A person's or a patient's column is never a measure, whatever else it says.
    if any(&[
        "patient", "user", "member", "account", "acct", "mrn", "phone", "fax", "ssn", "dob",
        "birth", "zip", "postal", "card", "badge", "employee", "staff", "name",
    ]) {
        return Measure::No;
    }
    // A print or fax server's job number names a job, not whoever sent it.
    if w.len() <= 2 && any(&["job", "jobid"]) && (w.len() == 1 || any(&["id", "no", "number"])) {
        return Measure::Number;
    }
    if any(&[
        "pg", "size", "bytes", "byte", "packets", "packet", "pkts", "pages", "count", "port",
        "srcport", "dstport", "sport", "dport", "spt", "dpt", "pid", "ppid", "duration",
        "protocol", "proto", "length", "len", "elapsed",
    ]) {
        return Measure::Number;
    }
    if w.len() == 1 && any(&["start", "end", "timestamp", "epoch"]) {
        return Measure::Epoch;
    }
    Measure::No
}

/// A Unix time in seconds or milliseconds from 2001 to 2033: ten or thirteen digits
/// opening with `1`.
fn epoch_shaped(v: &str) -> bool {
    matches!(v.len(), 10 | 13) && v.starts_with('1') && v.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a cell of a header line may be a field name: a short run of letters and the
/// marks field names are written with, no digit.
fn name_cell(c: &str) -> bool {
    (1..=40).contains(&c.len())
        && c.split_whitespace().count() <= 4
        && c.chars()
            .all(|ch| ch.is_alphabetic() || matches!(ch, ' ' | '_' | '-' | '.' | '/'))
}

/// The cells of `line` cut at `sep` (quotes around a cell taken off later), as byte ranges.
fn cut(line: &str, sep: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in line.bytes().enumerate() {
        if b == sep {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, line.len()));
    out
}

/// The separator of a report typed in columns set apart by two or more blanks.
const WIDE: u8 = 0;

/// The cells of `line` as byte ranges: cut at `sep`, or at runs of two or more blanks for
/// [`WIDE`] (the indent before the first cell is no cell).
fn cells_of(line: &str, sep: u8) -> Vec<(usize, usize)> {
    if sep != WIDE {
        return cut(line, sep);
    }
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    let mut start = i;
    while i < b.len() {
        if b[i] == b' ' && b.get(i + 1) == Some(&b' ') {
            out.push((start, i));
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

/// A header line's separator and its columns' measures, when it is one naming at least one
/// measure column.
fn measure_header(line: &str) -> Option<(u8, Vec<Measure>)> {
    let body = line.trim();
    let body = body
        .strip_prefix("#Fields:")
        .or_else(|| body.strip_prefix("#fields:"))
        .unwrap_or(body)
        .trim_start();
    if body.len() > 1024 || body.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let counted = |sep: u8| body.bytes().filter(|&b| b == sep).count();
    let sep = [b'\t', b';', b',', b'|']
        .into_iter()
        .find(|&s| counted(s) >= 2)
        .or_else(|| {
            // Single-space separated field names: five or more, all lowercase ASCII, one
            // blank apart (prose has capitals, digits or punctuation somewhere soon).
            let words: Vec<&str> = body.split(' ').collect();
            (words.len() >= 5
                && words.iter().all(|w| {
                    !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || matches!(b, b'-' | b'_'))
                }))
            .then_some(b' ')
        })
        .or_else(|| (body.contains("  ") && !body.contains('\t')).then_some(WIDE))?;
    let cells: Vec<&str> = cells_of(body, sep)
        .into_iter()
        .map(|(s, e)| body[s..e].trim().trim_matches('"'))
        .collect();
    if cells.len() < 3 || !cells.iter().all(|c| name_cell(c)) {
        return None;
    }
    let measures: Vec<Measure> = cells.iter().map(|c| measure(c)).collect();
    measures
        .iter()
        .any(|m| *m != Measure::No)
        .then_some((sep, measures))
}

impl Engine<'_> {
    /// `[error] 7824#0: *926151 open() ...`: the web server's connection counter after its
    /// process and thread numbers (`pid#tid: *conn`), a count of connections, no one's.
    pub(super) fn server_connection_number(&self, k: usize) -> bool {
        let start = self.toks[k].start;
        let b = self.text.as_bytes();
        if start < 6 || !b[..start].ends_with(b": *") {
            return false;
        }
        // Back over the thread number to its `#`, then over the process number.
        let mut i = start - 3;
        let tid_end = i;
        while i > 0 && b[i - 1].is_ascii_digit() && tid_end - i < 8 {
            i -= 1;
        }
        if i == tid_end || i == 0 || b[i - 1] != b'#' {
            return false;
        }
        i -= 1;
        let pid_end = i;
        while i > 0 && b[i - 1].is_ascii_digit() && pid_end - i < 10 {
            i -= 1;
        }
        i < pid_end && (i == 0 || b[i - 1] == b' ')
    }

    /// `"detection_timestamp": 1650000000123`, `date="1650000000"`: a Unix time under a key
    /// that names a time (not a birth, a death or a stay's), an event's stamp.
    pub(super) fn epoch_under_time_key(&self, k: usize) -> bool {
        if k == 0 || !epoch_shaped(self.toks[k].s) {
            return false;
        }
        let between = self
            .text
            .get(self.toks[k - 1].end..self.toks[k].start)
            .unwrap_or("");
        let sep_ok = (1..=4).contains(&between.len())
            && between.contains([':', '='])
            && between
                .bytes()
                .all(|b| matches!(b, b'"' | b'\'' | b'=' | b':' | b' '));
        if !sep_ok {
            return false;
        }
        let key = self.toks[k - 1].s.to_ascii_lowercase();
        if ["birth", "dob", "death", "admit", "discharge", "expir"]
            .iter()
            .any(|w| key.contains(w))
        {
            return false;
        }
        key.ends_with("time")
            || key.ends_with("timestamp")
            || key.ends_with("date")
            || key.ends_with("_at")
            || key.ends_with("_ts")
            || matches!(
                key.as_str(),
                "ts" | "start" | "end" | "created" | "updated" | "when"
            )
    }

    /// Plain numbers in the measure columns of exports with a header line stay.
    pub(super) fn measure_columns(&mut self) {
        let mut table: Option<(u8, Vec<Measure>)> = None;
        let mut keep: Vec<(usize, usize)> = Vec::new();
        for (start, line) in self.lines() {
            let line = line.trim_end_matches(['\n', '\r']);
            if let Some((sep, cols)) = &table {
                let cells = cells_of(line, *sep);
                if cells.len() == cols.len() {
                    for (&(s, e), m) in cells.iter().zip(cols) {
                        let raw = &line[s..e];
                        let v = raw.trim().trim_matches('"');
                        let ok = match m {
                            Measure::Number => {
                                (1..=20).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
                            }
                            Measure::Epoch => epoch_shaped(v),
                            Measure::No => false,
                        };
                        if ok {
                            keep.push((start + s, start + e));
                        }
                    }
                    continue;
                }
            }
            table = measure_header(line);
        }
        for (s, e) in keep {
            let first = self.toks.partition_point(|t| t.end <= s);
            for t in self.toks[first..].iter_mut().take_while(|t| t.start < e) {
                if matches!(t.class, Class::LongNumber | Class::IdLike) {
                    t.class = Class::Plain;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::scrubbed;

    #[test]
    fn a_trace_exports_size_column_stays() {
        let out = scrubbed(
            "\"When\",\"From\",\"Subject\",\"Size\"\n\
             \"2025-03-01 10:00:00\",\"ann.other@example.net\",\"Hello\",\"8812734\"\n",
        );
        assert!(out.contains("8812734"), "{out:?}");
    }

    #[test]
    fn a_flow_logs_counts_and_stamps_stay_and_its_account_goes() {
        let out = scrubbed(
            "ver acct-id srcaddr dstaddr packets bytes start end action\n\
             2 55512340987 10.1.1.1 198.51.100.7 4411 9182731 1650000000 1650000060 ACCEPT\n",
        );
        assert!(out.contains("9182731"), "{out:?}");
        assert!(out.contains("1650000000 1650000060"), "{out:?}");
        // The account column is no measure: its number still goes, as the private address.
        assert!(!out.contains("55512340987"), "{out:?}");
        assert!(!out.contains("10.1.1.1"), "{out:?}");
    }

    #[test]
    fn a_w3c_fields_header_names_its_byte_column() {
        let out = scrubbed(
            "#Fields: date-time,sender-address,subject,total-bytes\n\
             2025-01-02T03:04:05Z,ann.other@example.net,Test,5512349\n",
        );
        assert!(out.contains("5512349"), "{out:?}");
    }

    #[test]
    fn a_patients_number_column_is_no_measure() {
        let out = scrubbed(
            "Patient Count ID,Size,Note\n\
             88123456,12,ok\n",
        );
        assert!(!out.contains("88123456"), "{out:?}");
        assert_eq!(super::measure("Patient Count ID"), super::Measure::No);
        assert_eq!(super::measure("total-bytes"), super::Measure::Number);
        // An epoch column keeps only a Unix time's shape, not a record number.
        let out = scrubbed("id,start,action\n77,88123456,ok\n");
        assert!(!out.contains("88123456"), "{out:?}");
    }

    #[test]
    fn a_typed_reports_job_and_page_columns_stay_and_its_number_column_goes() {
        let out = scrubbed(
            "Job ID   Sent                 Sender      Dest number    Pg  Subject\n\
             7712093  2025-02-03 10:11:12  a.person    +15555550123   12  Results\n",
        );
        assert!(out.contains("7712093"), "{out:?}");
        assert!(!out.contains("+15555550123"), "{out:?}");
        assert_eq!(super::measure("Pg"), super::Measure::Number);
        assert_eq!(super::measure("Patient job id"), super::Measure::No);
    }

    #[test]
    fn a_web_servers_connection_counter_stays_and_a_starred_number_elsewhere_goes() {
        let out =
            scrubbed("2025/01/02 03:04:05 [error] 5120#0: *7731290 open() \"/srv/x\" failed\n");
        assert!(out.contains("*7731290"), "{out:?}");
        let out = scrubbed("MRN: *77312904 noted\n");
        assert!(!out.contains("77312904"), "{out:?}");
    }

    #[test]
    fn a_unix_time_under_a_time_key_stays_and_under_a_birth_key_goes() {
        let out = scrubbed("{\"alert_id\": \"x\", \"detect_time\": 1650000000123}\n");
        assert!(out.contains("1650000000123"), "{out:?}");
        let out = scrubbed("{\"birth_date\": 1104537600, \"ref\": 1104537600}\n");
        assert!(!out.contains("1104537600"), "{out:?}");
    }
}
