use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// stix, csv, plain-ip, plain-domain, plain-url, rpz, suricata, zeek-intel, snort
    #[arg(long)]
    pub format: String,
    /// Leave out indicators scoring below N (0-100)
    #[arg(long, value_name = "N")]
    pub min_score: Option<u8>,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(_args: ExportArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("export", 6)
}
