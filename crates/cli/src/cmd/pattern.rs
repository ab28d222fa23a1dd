use std::path::PathBuf;
use std::process::ExitCode;

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

pub fn run(_cmd: PatternCommand, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("pattern", 4)
}
