//! One module per command; each declares its arguments and a `run` that wires the crates.

pub mod admin;
pub mod demo;
pub mod export;
pub mod exposure;
pub mod import;
pub mod pattern;
pub mod pull;
pub mod report;
pub mod scan;
pub mod scrub;
pub mod serve;
pub mod share;
pub mod validate;

use std::process::ExitCode;

/// The answer of a command whose issue has not landed yet: a plain sentence and exit 2.
pub fn not_available(command: &str, issue: u32) -> anyhow::Result<ExitCode> {
    eprintln!("ward {command}: not available yet (tracked in issue #{issue})");
    Ok(ExitCode::from(2))
}
