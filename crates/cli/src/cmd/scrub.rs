//! `ward scrub`: prints a document with every personal and internal identifier replaced by
//! a typed placeholder; `--report` writes what was removed and why.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde_json::{json, Value};
use ward_scrub::{ScrubConfig, Scrubber};

use crate::Global;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ScrubFormat {
    Text,
    Stix,
}

const SCRUB_HELP: &str = "\
Removes the 18 HIPAA identifiers (names, addresses, dates tied to a person, phone numbers, \
record numbers...) and your organization's own names, domains, staff and host names (from \
`ward init`), and keeps the attack indicators (attacker addresses, domains, hashes, CVEs). \
Nothing is sent anywhere: `ward share` sends.

Examples:
  ward scrub incident-notes.txt                  the scrubbed text on standard output
  ward scrub incident-notes.txt --report removed.json   and what was removed, kept locally
  ward scrub --format stix sighting.json         a STIX bundle, object by object
  cat tickets.jsonl | ward scrub --jsonl -       one document a line";

#[derive(Args, Debug)]
#[command(after_long_help = SCRUB_HELP)]
pub struct ScrubArgs {
    /// Your organization's own domain (repeatable): its addresses and host names are removed
    #[arg(long = "org-domain", value_name = "D")]
    pub org_domains: Vec<String>,
    /// Your organization's own name (repeatable), removed wherever it appears
    #[arg(long = "org-name", value_name = "NAME")]
    pub org_names: Vec<String>,
    /// Input kind: free text, or a STIX bundle/object
    #[arg(long, value_enum, default_value = "text")]
    pub format: ScrubFormat,
    /// Write what was removed and why to this file (it holds the removed values: keep it
    /// on your own machine)
    #[arg(long, value_name = "F")]
    pub report: Option<PathBuf>,
    /// Batch mode: one JSON document a line in (a string, or an object with "text" and
    /// optionally "org": {"name", "domains"}; with --format stix, a STIX document), one
    /// scrubbed document with its findings a line out, in the same order
    #[arg(long, conflicts_with = "report")]
    pub jsonl: bool,
    /// Free text is read and scrubbed in windows of about this many MB, each cut at a
    /// paragraph or line end, so memory stays bounded on any file. A name or user name
    /// found in one window is also removed from the later ones; a rule never looks across
    /// a window's edge (a sentence cut by it, which only a line longer than the window
    /// can be)
    #[arg(long, value_name = "MB", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub window: u32,
    /// The document (`-` reads standard input)
    pub file: PathBuf,
}

/// The scrubber of `scrub` and `share`: the organization profile (`ward init`) when the data
/// folder has one, plus the names and domains given on the command line. `share` requires
/// the profile, so nothing leaves without the organization's own names and domains.
pub fn scrubber(
    global: &Global,
    org_domains: &[String],
    org_names: &[String],
    require_profile: bool,
) -> anyhow::Result<Scrubber> {
    let data = ward_member::DataDir::new(&global.data);
    let profile = if require_profile {
        Some(data.require_org_profile()?)
    } else {
        data.org_profile()?
    };
    match profile {
        Some(p) => Scrubber::new(p.scrub_config(org_domains, org_names)).with_context(|| {
            format!(
                "{} or --org-domain/--org-name",
                data.profile_file().display()
            )
        }),
        None => plain_scrubber(org_domains, org_names),
    }
}

/// A scrubber for the names and domains given, without the profile (a `--jsonl` line that
/// names its own organization).
fn plain_scrubber(org_domains: &[String], org_names: &[String]) -> anyhow::Result<Scrubber> {
    Scrubber::new(ScrubConfig {
        org_domains: org_domains.to_vec(),
        org_names: org_names.to_vec(),
        ..ScrubConfig::default()
    })
    .context("--org-domain/--org-name")
}

/// Parses a STIX document, naming the file, line and column of a syntax error.
pub fn parse_json(path: &Path, bytes: &[u8]) -> anyhow::Result<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: line {} column {}: expected STIX JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

pub fn run(args: ScrubArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let scrubber = scrubber(global, &args.org_domains, &args.org_names, false)?;
    if args.jsonl {
        return run_jsonl(&args, &scrubber);
    }
    if let ScrubFormat::Text = args.format {
        return scrub_text_windows(&args, global, &scrubber);
    }
    let name = args.file.display().to_string();
    let bytes = crate::input::read_all(&args.file)?;
    let doc = parse_json(&args.file, &bytes)?;
    let out = scrubber.scrub_stix(&doc).with_context(|| name.clone())?;
    println!("{}", serde_json::to_string_pretty(&out.document)?);
    let findings = out
        .findings
        .iter()
        .map(|f| {
            let original = doc
                .pointer(&f.pointer)
                .and_then(Value::as_str)
                .and_then(|s| s.get(f.finding.original_span.clone()))
                .unwrap_or("");
            finding_json(&f.finding, Some(&f.pointer), original)
        })
        .collect();
    let dropped = out.dropped.iter().map(|d| json!(d)).collect();
    let report = report_json(&name, findings, dropped);
    if let Some(path) = &args.report {
        let text = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, text + "\n")
            .with_context(|| format!("{}: cannot write the report", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where to end a window of `buf` (longer than half a window): after the last blank line
/// in its second half, else after its last line end, else after its last space, else at
/// the last character start (so no UTF-8 sequence is cut).
fn window_end(buf: &[u8]) -> usize {
    let half = buf.len() / 2;
    let tail = &buf[half..];
    if let Some(p) = tail.windows(2).rposition(|w| w == b"\n\n") {
        return half + p + 2;
    }
    if let Some(p) = tail.iter().rposition(|&b| b == b'\n') {
        return half + p + 1;
    }
    if let Some(p) = tail.iter().rposition(u8::is_ascii_whitespace) {
        return half + p + 1;
    }
    // A byte that is not a UTF-8 continuation byte starts a character (or is invalid
    // alone, which the lossy decoding replaces the same either way).
    tail.iter()
        .rposition(|&b| b & 0xC0 != 0x80)
        .map_or(buf.len(), |p| half + p)
        .max(1)
}

/// Free text, read and scrubbed window by window ([`ScrubArgs::window`]): the scrubbed text
/// goes to standard output as each window is done, the report's findings to the report file
/// (their offsets are into the whole text). With `--json` the findings are kept until the
/// end, to follow the text in one JSON object.
fn scrub_text_windows(
    args: &ScrubArgs,
    global: &Global,
    scrubber: &Scrubber,
) -> anyhow::Result<ExitCode> {
    use std::io::{Read, Write};
    let window = (args.window as usize) << 20;
    let mut input = crate::input::open(&args.file)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut report = match &args.report {
        Some(path) => Some(ReportWriter::create(
            path,
            &args.file.display().to_string(),
        )?),
        None => None,
    };
    let mut json_findings = Vec::new();
    if global.json {
        out.write_all(b"{\"text\":\"")?;
    }
    let mut carry = ward_scrub::Carry::default();
    let mut buf: Vec<u8> = Vec::new();
    let mut base = 0;
    let mut eof = false;
    loop {
        while !eof && buf.len() < window {
            let want = (window - buf.len()) as u64;
            let n = input
                .by_ref()
                .take(want)
                .read_to_end(&mut buf)
                .with_context(|| format!("{}: cannot read", args.file.display()))?;
            eof = n == 0;
        }
        if buf.is_empty() {
            break;
        }
        let cut = if eof { buf.len() } else { window_end(&buf) };
        // Logs carry stray bytes; scrubbing must not refuse them, so they become U+FFFD.
        let text = String::from_utf8_lossy(&buf[..cut]);
        let scrubbed = scrubber.scrub_window(&text, &mut carry);
        if global.json {
            let quoted = serde_json::to_string(&scrubbed.text)?;
            out.write_all(&quoted.as_bytes()[1..quoted.len() - 1])?;
        } else {
            out.write_all(scrubbed.text.as_bytes())?;
        }
        for mut f in scrubbed.findings {
            if let Some(r) = report.as_mut() {
                r.add(&f, &text[f.original_span.clone()], base)?;
            }
            if global.json {
                f.original_span = f.original_span.start + base..f.original_span.end + base;
                json_findings.push(f);
            }
        }
        base += text.len();
        drop(text);
        buf.drain(..cut);
    }
    if global.json {
        out.write_all(b"\",\"findings\":")?;
        serde_json::to_writer(&mut out, &json_findings)?;
        out.write_all(b"}\n")?;
    }
    out.flush()?;
    if let Some(r) = report {
        r.finish()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The `--report` file of free text, written as the windows are scrubbed: the findings
/// first, the count of each kind after them.
struct ReportWriter {
    file: std::io::BufWriter<std::fs::File>,
    path: PathBuf,
    summary: BTreeMap<String, usize>,
    first: bool,
}

impl ReportWriter {
    fn create(path: &Path, input: &str) -> anyhow::Result<ReportWriter> {
        use std::io::Write;
        let file = std::fs::File::create(path)
            .with_context(|| format!("{}: cannot write the report", path.display()))?;
        let mut w = ReportWriter {
            file: std::io::BufWriter::new(file),
            path: path.to_owned(),
            summary: BTreeMap::new(),
            first: true,
        };
        write!(
            w.file,
            "{{\n  \"input\": {},\n  \"findings\": [",
            json!(input)
        )
        .with_context(|| w.context())?;
        Ok(w)
    }

    fn context(&self) -> String {
        format!("{}: cannot write the report", self.path.display())
    }

    fn add(&mut self, f: &ward_scrub::Finding, original: &str, base: usize) -> anyhow::Result<()> {
        use std::io::Write;
        let mut v = finding_json(f, None, original);
        v["start"] = json!(f.original_span.start + base);
        v["end"] = json!(f.original_span.end + base);
        if let Some(kind) = v["kind"].as_str() {
            *self.summary.entry(kind.to_owned()).or_default() += 1;
        }
        let sep = if self.first { "\n    " } else { ",\n    " };
        self.first = false;
        write!(self.file, "{sep}{v}").with_context(|| self.context())
    }

    fn finish(mut self) -> anyhow::Result<()> {
        use std::io::Write;
        let summary = serde_json::to_string(&self.summary)?;
        write!(
            self.file,
            "\n  ],\n  \"dropped_objects\": [],\n  \"removed\": {summary}\n}}\n"
        )
        .and_then(|()| self.file.flush())
        .with_context(|| self.context())
    }
}

/// `--jsonl`: streams the input line by line, so memory holds one document at a time. A
/// line that cannot be scrubbed gives `{"line": N, "error": ...}` in its place and the
/// command ends with status 1 after the last line.
fn run_jsonl(args: &ScrubArgs, default: &Scrubber) -> anyhow::Result<ExitCode> {
    use std::io::{BufRead, Write};
    let input = crate::input::open(&args.file)?;
    let reader = std::io::BufReader::new(input);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut lines = TextLineWriter::default();
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.with_context(|| format!("{}: cannot read", args.file.display()))?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        match scrub_line(&line, args, default) {
            Ok(LineOut::Text(t)) => out.write_all(lines.line(&t)?)?,
            Ok(LineOut::Value(v)) => serde_json::to_writer(&mut out, &v)?,
            Err(e) => {
                failed = true;
                let value = json!({ "line": i + 1, "error": format!("{e:#}") });
                serde_json::to_writer(&mut out, &value)?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One `--jsonl` output line. A text document's line is written straight from the scrubber's
/// output, not through a `serde_json::Value` (a map and a copy of every string per document,
/// a sixth of the command's time); the keys and their order are the same.
enum LineOut {
    Text(TextLine),
    Value(Value),
}

#[derive(serde::Serialize)]
struct TextLine {
    text: String,
    findings: Vec<ward_scrub::Finding>,
}

/// Writes a [`TextLine`] as `serde_json` does, byte for byte (a test compares them), with
/// what each finding's JSON has besides its span made once per distinct kind, placeholder
/// and reason: a document has many findings of a few kinds, and serializing each one's
/// fields and static strings again was most of the remaining output time.
#[derive(Default)]
struct TextLineWriter {
    buf: Vec<u8>,
    parts: foldhash::HashMap<PartsKey, Parts>,
}

/// A finding's kind, and its placeholder's and reason's addresses and lengths (static
/// strings).
type PartsKey = (ward_scrub::Kind, [usize; 4]);

/// A finding's JSON before its start offset, and after its end offset.
type Parts = (Box<[u8]>, Box<[u8]>);

impl TextLineWriter {
    fn line(&mut self, t: &TextLine) -> anyhow::Result<&[u8]> {
        self.buf.clear();
        self.buf.extend_from_slice(b"{\"text\":");
        serde_json::to_writer(&mut self.buf, &t.text)?;
        self.buf.extend_from_slice(b",\"findings\":[");
        for (i, f) in t.findings.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            let key = (
                f.kind,
                [
                    f.placeholder.as_ptr() as usize,
                    f.placeholder.len(),
                    f.reason.as_ptr() as usize,
                    f.reason.len(),
                ],
            );
            let (head, tail) = match self.parts.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let head = [
                        "{\"kind\":",
                        &serde_json::to_string(&f.kind)?,
                        ",\"original_span\":{\"start\":",
                    ]
                    .concat();
                    let tail = [
                        "},\"placeholder\":",
                        &serde_json::to_string(f.placeholder)?,
                        ",\"reason\":",
                        &serde_json::to_string(f.reason)?,
                        "}",
                    ]
                    .concat();
                    e.insert((head.into_bytes().into(), tail.into_bytes().into()))
                }
            };
            self.buf.extend_from_slice(head);
            push_decimal(&mut self.buf, f.original_span.start);
            self.buf.extend_from_slice(b",\"end\":");
            push_decimal(&mut self.buf, f.original_span.end);
            self.buf.extend_from_slice(tail);
        }
        self.buf.extend_from_slice(b"]}");
        Ok(&self.buf)
    }
}

/// `n` in decimal, as JSON writes an integer.
fn push_decimal(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

fn scrub_line(line: &str, args: &ScrubArgs, default: &Scrubber) -> anyhow::Result<LineOut> {
    let doc: Value = serde_json::from_str(line).context("expected one JSON value a line")?;
    // A document may name its own organization; otherwise the command's options apply.
    let own = match doc.get("org") {
        Some(org) => {
            let domains: Vec<String> = org
                .get("domains")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|d| d.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let names: Vec<String> = org
                .get("name")
                .and_then(Value::as_str)
                .map(|n| vec![n.to_owned()])
                .unwrap_or_default();
            Some(plain_scrubber(
                &[args.org_domains.as_slice(), domains.as_slice()].concat(),
                &[args.org_names.as_slice(), names.as_slice()].concat(),
            )?)
        }
        None => None,
    };
    let scrubber = own.as_ref().unwrap_or(default);
    match args.format {
        ScrubFormat::Text => {
            let text = match &doc {
                Value::String(s) => s.as_str(),
                Value::Object(o) => o.get("text").and_then(Value::as_str).ok_or_else(|| {
                    anyhow::anyhow!("expected a string or an object with a \"text\" string")
                })?,
                _ => anyhow::bail!("expected a string or an object with a \"text\" string"),
            };
            let out = scrubber.scrub_text(text);
            Ok(LineOut::Text(TextLine {
                text: out.text,
                findings: out.findings,
            }))
        }
        ScrubFormat::Stix => {
            let stix = match doc.get("document") {
                Some(inner) if doc.get("org").is_some() => inner,
                _ => &doc,
            };
            let out = scrubber.scrub_stix(stix)?;
            Ok(LineOut::Value(
                json!({ "document": out.document, "findings": out.findings, "dropped_objects": out.dropped }),
            ))
        }
    }
}

fn finding_json(f: &ward_scrub::Finding, pointer: Option<&str>, original: &str) -> Value {
    let mut v = json!({
        "kind": f.kind,
        "placeholder": f.placeholder,
        "reason": f.reason,
        "start": f.original_span.start,
        "end": f.original_span.end,
        "original": original,
    });
    if let (Some(p), Some(map)) = (pointer, v.as_object_mut()) {
        map.insert("pointer".into(), Value::String(p.to_owned()));
    }
    v
}

fn report_json(input: &str, findings: Vec<Value>, dropped: Vec<Value>) -> Value {
    let mut summary: BTreeMap<String, usize> = BTreeMap::new();
    for f in &findings {
        let kind = f
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        *summary.entry(kind).or_default() += 1;
    }
    json!({ "input": input, "removed": summary, "findings": findings, "dropped_objects": dropped })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(format: ScrubFormat) -> ScrubArgs {
        ScrubArgs {
            org_domains: vec!["example.org".into()],
            org_names: vec![],
            format,
            report: None,
            jsonl: true,
            window: 4,
            file: PathBuf::from("-"),
        }
    }

    #[test]
    fn windows_end_at_a_paragraph_a_line_a_space_or_a_character() {
        assert_eq!(window_end(b"ab\n\ncd\nef\n\ngh"), 11);
        assert_eq!(window_end(b"abcdef\nghij\nkl"), 12);
        assert_eq!(window_end(b"abcdefgh ij"), 9);
        // "ééé": never inside the two bytes of one letter.
        let e = "ééé".as_bytes();
        assert_eq!(window_end(e), 4);
        assert!(std::str::from_utf8(&e[..window_end(e)]).is_ok());
        assert_eq!(window_end(b"x"), 1);
    }

    /// A `--jsonl` line as the JSON value it is written as.
    fn scrub_line(line: &str, args: &ScrubArgs, default: &Scrubber) -> anyhow::Result<Value> {
        Ok(match super::scrub_line(line, args, default)? {
            LineOut::Text(t) => serde_json::to_value(&t)?,
            LineOut::Value(v) => v,
        })
    }

    #[test]
    fn text_lines_are_written_as_serde_json_writes_them() {
        let mut findings = Vec::new();
        for (i, kind) in ward_scrub::Kind::ALL.into_iter().enumerate() {
            for reason in ["a \"quoted\" reason\\", "another reason\tand é"] {
                findings.push(ward_scrub::Finding {
                    kind,
                    original_span: i * 1_000_003..i * 1_000_003 + 10 + i,
                    placeholder: kind.placeholder(),
                    reason,
                });
            }
        }
        let mut w = TextLineWriter::default();
        for line in [
            TextLine {
                text: "Dr. [NAME]\n\"x\"\u{1}\u{7f} é 😀".into(),
                findings,
            },
            TextLine {
                text: String::new(),
                findings: Vec::new(),
            },
        ] {
            let want = serde_json::to_vec(&line).expect("json");
            assert_eq!(w.line(&line).expect("line"), want.as_slice());
            assert_eq!(w.line(&line).expect("line"), want.as_slice());
        }
        let mut buf = Vec::new();
        for n in [0, 7, 10, 99, 100, 123_456_789, usize::MAX] {
            buf.clear();
            push_decimal(&mut buf, n);
            assert_eq!(buf, n.to_string().into_bytes());
        }
    }

    #[test]
    fn jsonl_lines_take_a_string_or_a_text_object_with_its_own_org() {
        let a = args(ScrubFormat::Text);
        let s = plain_scrubber(&a.org_domains, &a.org_names).expect("scrubber");
        let out = scrub_line(r#""Dr. Alice Smith on ws-01.example.org""#, &a, &s).expect("line");
        assert_eq!(out["text"], "Dr. [NAME] on [INTERNAL-HOST]");
        assert_eq!(out["findings"].as_array().map(Vec::len), Some(2));
        let line = r#"{"text": "Anon Clinic paged Dr. Alice Smith", "org": {"name": "Anon Clinic", "domains": ["anon.example"]}}"#;
        let out = scrub_line(line, &a, &s).expect("line");
        assert_eq!(out["text"], "[ORG] paged Dr. [NAME]");
        assert!(scrub_line("[1]", &a, &s).is_err());
        assert!(scrub_line("not json", &a, &s).is_err());
        let stix = r#"{"type": "note", "id": "note--1", "content": "Patient John Smith called."}"#;
        let out = scrub_line(stix, &args(ScrubFormat::Stix), &s).expect("stix");
        assert_eq!(out["document"]["content"], "Patient [NAME] called.");
    }
}
