//! Zeek (Bro) TSV logs: the `#fields` line names the tab-separated columns and `#types`
//! gives each one's type. The header lines and the columns of times, counts, durations,
//! ports, states and connection ids are the sensor's own record, never a person's
//! identifier; a `username` column holds a login. Addresses, hosts and URIs are left to the
//! rules that read their shapes.

use super::rows::lines_with_starts;
use super::{Class, Engine};
use crate::Kind;

/// What a Zeek column holds, by its name and its declared type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    /// The sensor's own record: a time, a count, a connection's id or state.
    Record,
    /// A login.
    User,
    /// Anything else: read by the other rules.
    Other,
}

fn column(name: &str, ty: &str) -> Column {
    const RECORD_NAMES: &[&str] = &[
        "uid",
        "fuid",
        "fuids",
        "history",
        "conn_state",
        "trans_id",
        "method",
        "status_msg",
        "qclass_name",
        "qtype_name",
        "rcode_name",
        "proto",
        "service",
    ];
    if matches!(name, "username" | "user" | "login") {
        return Column::User;
    }
    let record_type = matches!(
        ty,
        "time" | "count" | "int" | "interval" | "port" | "bool" | "enum" | "double"
    ) || ty.starts_with("set[count")
        || ty.starts_with("vector[count")
        || ty.starts_with("vector[interval");
    if record_type || RECORD_NAMES.contains(&name) {
        Column::Record
    } else {
        Column::Other
    }
}

impl Engine<'_> {
    /// The columns of each Zeek log in the text, by the byte range of its data lines.
    fn zeek_tables(&self) -> Vec<(std::ops::Range<usize>, Vec<Column>)> {
        let text = self.text;
        let mut out = Vec::new();
        if !text.contains("#fields\t") {
            return out;
        }
        let mut names: Vec<&str> = Vec::new();
        let mut current: Option<(usize, Vec<Column>)> = None;
        let mut end = 0;
        for (start, line) in self.lines() {
            let body = line.trim_end_matches(['\n', '\r']);
            if let Some(rest) = body.strip_prefix("#fields\t") {
                if let Some((s, cols)) = current.take() {
                    out.push((s..end, cols));
                }
                names = rest.split('\t').collect();
            } else if let Some(rest) = body.strip_prefix("#types\t") {
                let cols = names
                    .iter()
                    .zip(rest.split('\t'))
                    .map(|(n, t)| column(n, t))
                    .collect();
                current = Some((start + line.len(), cols));
            }
            end = start + line.len();
        }
        if let Some((s, cols)) = current {
            out.push((s..end, cols));
        }
        out
    }

    /// Protects the header lines of a Zeek log (`#fields`, `#types`, `#open`...) and its
    /// columns of record values, before any token is judged by its shape.
    pub(super) fn zeek_protect(&mut self) {
        let tables = self.zeek_tables();
        if tables.is_empty() {
            return;
        }
        let mut k = 0;
        for (start, line) in self.lines() {
            let end = start + line.len();
            let meta = line.starts_with('#')
                && tables
                    .iter()
                    .any(|(r, _)| r.start >= end || r.contains(&start));
            let cols = tables
                .iter()
                .find(|(r, _)| r.contains(&start))
                .map(|t| &t.1);
            let mut field_start = start;
            let fields: Vec<(usize, usize)> = line
                .trim_end_matches(['\n', '\r'])
                .split('\t')
                .map(|f| {
                    let r = (field_start, field_start + f.len());
                    field_start += f.len() + 1;
                    r
                })
                .collect();
            while k < self.toks.len() && self.toks[k].start < end {
                let at = self.toks[k].start;
                let record = meta
                    || !line.starts_with('#')
                        && cols.is_some_and(|cols| {
                            fields
                                .iter()
                                .position(|&(a, b)| at >= a && at < b)
                                .and_then(|i| cols.get(i))
                                == Some(&Column::Record)
                        });
                if record && self.toks[k].class == Class::Plain {
                    self.toks[k].class = Class::Protected;
                }
                k += 1;
            }
        }
    }

    /// The `username` column of a Zeek log: a login, removed unless Zeek's `-`.
    pub(super) fn zeek_users(&mut self) {
        let tables = self.zeek_tables();
        for (range, cols) in tables {
            let Some(user_col) = cols.iter().position(|&c| c == Column::User) else {
                continue;
            };
            for (start, line) in lines_with_starts(&self.text[range.clone()]) {
                if line.starts_with('#') {
                    continue;
                }
                let Some(field) = line
                    .trim_end_matches(['\n', '\r'])
                    .split('\t')
                    .nth(user_col)
                else {
                    continue;
                };
                let offset: usize = line.split('\t').take(user_col).map(|f| f.len() + 1).sum();
                let s = range.start + start + offset;
                let e = s + field.len();
                if field.is_empty() || super::keys::placeholder_value(field) {
                    continue;
                }
                let from = self.toks.partition_point(|t| t.end <= s);
                self.remove_span_over(from, s..e, Kind::User, "login in a Zeek log", false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn a_zeek_logs_header_and_record_columns_stay_its_logins_and_inside_addresses_go() {
        check(&[(
            "#separator \\x09\n#open\t2031-02-03-00-00-00\n\
             #fields\tts\tuid\tid.orig_h\tid.resp_h\torig_bytes\thost\tusername\n\
             #types\ttime\tstring\taddr\taddr\tcount\tstring\tstring\n\
             1937000000.123456\tCq3Fz81NrT0xY2kLw9\t10.4.5.6\t198.51.100.9\t4821337\tportal.example.net\tokafor.b\n\
             1937000001.000001\tCb72Ma90PzQ1rX6eUd\t10.4.5.7\t198.51.100.9\t9931\tportal.example.net\t-\n",
            "#separator \\x09\n#open\t2031-02-03-00-00-00\n\
             #fields\tts\tuid\tid.orig_h\tid.resp_h\torig_bytes\thost\tusername\n\
             #types\ttime\tstring\taddr\taddr\tcount\tstring\tstring\n\
             1937000000.123456\tCq3Fz81NrT0xY2kLw9\t[INTERNAL-IP]\t198.51.100.9\t4821337\tportal.example.net\t[USER]\n\
             1937000001.000001\tCb72Ma90PzQ1rX6eUd\t[INTERNAL-IP]\t198.51.100.9\t9931\tportal.example.net\t-\n",
        )]);
    }
}
