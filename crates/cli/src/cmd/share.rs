use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct ShareArgs {
    /// The sighting or report to share
    pub file: PathBuf,
    /// TAXII API root URL of the hub
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Collection id
    #[arg(long, value_name = "ID")]
    pub collection: String,
    /// Show exactly what would leave, send nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(_args: ShareArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("share", 5)
}
