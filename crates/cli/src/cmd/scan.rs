use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Where the indicators come from (default: the local store)
    #[arg(long, value_name = "SRC")]
    pub indicators: Option<PathBuf>,
    /// Record STIX sightings of what was found
    #[arg(long)]
    pub sightings: bool,
    /// Log files (`-` reads standard input; .gz read directly)
    #[arg(required = true)]
    pub logs: Vec<PathBuf>,
}

pub fn run(_args: ScanArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("scan", 8)
}
