use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

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
    /// Input kind: free text, or a STIX bundle/object
    #[arg(long, value_enum, default_value = "text")]
    pub format: ScrubFormat,
    /// Write what was removed and why to this file
    #[arg(long, value_name = "F")]
    pub report: Option<PathBuf>,
    /// The document (`-` reads standard input)
    pub file: PathBuf,
}

pub fn run(_args: ScrubArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("scrub", 5)
}
