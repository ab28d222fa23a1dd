//! `ward validate`: every MUST rule of STIX 2.1 over bundles, single objects or arrays.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use ward_stix::document::{self, DocumentError, Item};
use ward_stix::validate::{self, DocumentChecks, Problem, Severity};

use crate::{input, Global};

#[derive(Args, Debug)]
#[command(
    long_about = "Check STIX 2.1 files against every MUST rule of the specification.\n\n\
Each problem is printed as `FILE: JSON-PATH: what is wrong`, for example\n\
`feed.json: $.objects[3].modified: must not be earlier than created`.\n\
Errors break a MUST rule; warnings (values outside open vocabularies, SHOULD rules) do not\n\
change the exit code. Exit 0 when every file is valid, 2 when any error was found.\n\
Large bundles are streamed: memory stays bounded by the largest single object.\n\n\
STIX 2.0 content (a bundle with spec_version \"2.0\", or objects of 2.0 types without\n\
spec_version) is upgraded to 2.1 first, as `ward import` and the hub do, and the 2.1 form\n\
is checked; a warning says how many objects were upgraded."
)]
pub struct ValidateArgs {
    /// STIX files: bundles, single objects or JSON arrays (`-` reads standard input)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Leave warnings out of the output
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    valid: bool,
    objects: usize,
    problems: Vec<Problem>,
}

/// The STIX 2.0 objects of one file, reported once rather than once an object.
#[derive(Default)]
struct Stix20Seen {
    count: usize,
    first: Option<String>,
}

impl Stix20Seen {
    fn note(&mut self, at: &str) {
        self.count += 1;
        self.first.get_or_insert_with(|| at.to_string());
    }

    fn report(self, problems: &mut Vec<Problem>) {
        if let Some(first) = self.first {
            problems.insert(
                0,
                Problem {
                    path: first,
                    severity: Severity::Warning,
                    message: format!(
                        "STIX 2.0 content: {} object(s) upgraded to STIX 2.1 and checked in that \
                         form (what `ward import` and the hub store)",
                        self.count
                    ),
                },
            );
        }
    }
}

fn validate_file(path: &Path) -> anyhow::Result<FileReport> {
    let reader = input::open(path)?;
    let mut problems = Vec::new();
    let mut doc = DocumentChecks::default();
    let mut stix20 = Stix20Seen::default();
    let result = document::read(reader, &mut |item| match item {
        Item::Stix20(at) => stix20.note(at),
        Item::Object(value, at) => {
            problems.extend(validate::validate_object(&value, at));
            doc.observe(&value, at, &mut problems);
        }
        Item::Bundle(members, at) => {
            problems.extend(validate::validate_bundle_envelope(&members, at));
        }
    });
    let objects = match result {
        Ok((_, count)) => {
            doc.finish(&mut problems);
            stix20.report(&mut problems);
            count
        }
        Err(DocumentError::Syntax {
            line,
            column,
            message,
        }) => {
            problems.push(Problem {
                path: format!("line {line}, column {column}"),
                severity: Severity::Error,
                message: format!("not a readable STIX document: {message}"),
            });
            0
        }
        Err(DocumentError::Io(e)) => {
            return Err(anyhow::anyhow!("{}: cannot read: {e}", path.display()))
        }
    };
    Ok(FileReport {
        file: path.display().to_string(),
        valid: validate::is_valid(&problems),
        objects,
        problems,
    })
}

pub fn run(args: ValidateArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let mut reports = Vec::new();
    for path in &args.files {
        let mut report = validate_file(path)?;
        if args.quiet {
            report.problems.retain(|p| p.severity == Severity::Error);
        }
        reports.push(report);
    }
    let all_valid = reports.iter().all(|r| r.valid);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if global.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({"valid": all_valid, "files": reports}),
        )?;
        writeln!(out)?;
    } else {
        for r in &reports {
            for p in &r.problems {
                let tag = match p.severity {
                    Severity::Error => "",
                    Severity::Warning => "warning: ",
                };
                writeln!(out, "{}: {}: {tag}{}", r.file, p.path, p.message)?;
            }
            let errors = r
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            let warnings = r.problems.len() - errors;
            if r.valid {
                writeln!(
                    out,
                    "{}: valid STIX 2.1 ({} objects, {warnings} warnings)",
                    r.file, r.objects
                )?;
            } else {
                writeln!(
                    out,
                    "{}: INVALID ({errors} errors, {warnings} warnings)",
                    r.file
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
