//! `ward pattern`: check a STIX pattern, or evaluate it against observed-data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::Global;

#[derive(Subcommand, Debug)]
pub enum PatternCommand {
    /// Check a STIX pattern: exit 0 valid, 2 invalid with position and reason
    Validate { pattern: String },
    /// Evaluate a pattern against observed-data: exit 0 matched, 1 not matched
    Match {
        #[arg(long)]
        pattern: String,
        /// A bundle, or a JSON array of bundles, with observed-data and the objects they reference
        file: PathBuf,
    },
}

pub fn run(cmd: PatternCommand, global: &Global) -> anyhow::Result<ExitCode> {
    match cmd {
        PatternCommand::Validate { pattern } => {
            ward_pattern::check(&pattern).context("invalid STIX pattern")?;
            if global.json {
                println!("{}", serde_json::json!({ "valid": true }));
            } else {
                println!("valid STIX pattern");
            }
            Ok(ExitCode::SUCCESS)
        }
        PatternCommand::Match { pattern, file } => {
            let pattern =
                ward_pattern::check(&pattern).context("--pattern: invalid STIX pattern")?;
            let bytes = crate::input::read_all(&file)?;
            let input: serde_json::Value = serde_json::from_slice(&bytes).with_context(|| {
                format!(
                    "{}: expected JSON (a bundle or an array of bundles)",
                    file.display()
                )
            })?;
            let outcome = ward_pattern::evaluate(&pattern, &input)
                .with_context(|| format!("{}", file.display()))?;
            if global.json {
                let out = serde_json::json!({
                    "matched": outcome.matched,
                    "observed_data": outcome.observed_data,
                });
                println!("{out}");
            } else if outcome.matched {
                println!(
                    "matched by {} observed-data: {}",
                    outcome.observed_data.len(),
                    outcome.observed_data.join(", ")
                );
            } else {
                println!("no match");
            }
            Ok(if outcome.matched {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
