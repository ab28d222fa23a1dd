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

#[derive(Args, Debug)]
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
    /// The document (`-` reads standard input)
    pub file: PathBuf,
}

/// Builds the scrubber from the organization options shared by `scrub` and `share`.
pub fn scrubber(org_domains: &[String], org_names: &[String]) -> anyhow::Result<Scrubber> {
    Scrubber::new(ScrubConfig {
        org_domains: org_domains.to_vec(),
        org_names: org_names.to_vec(),
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
    let scrubber = scrubber(&args.org_domains, &args.org_names)?;
    let bytes = crate::input::read_all(&args.file)?;
    let name = args.file.display().to_string();
    let report = match args.format {
        ScrubFormat::Text => {
            // Logs carry stray bytes; scrubbing must not refuse them, so they become U+FFFD.
            let text = String::from_utf8_lossy(&bytes);
            let out = scrubber.scrub_text(&text);
            if global.json {
                println!("{}", json!({ "text": out.text, "findings": out.findings }));
            } else {
                print!("{}", out.text);
            }
            let findings: Vec<Value> = out
                .findings
                .iter()
                .map(|f| finding_json(f, None, &text[f.original_span.clone()]))
                .collect();
            report_json(&name, findings, Vec::new())
        }
        ScrubFormat::Stix => {
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
            report_json(&name, findings, dropped)
        }
    };
    if let Some(path) = &args.report {
        let text = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, text + "\n")
            .with_context(|| format!("{}: cannot write the report", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
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
