use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// html, md or json
    #[arg(long, default_value = "html")]
    pub format: String,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "F")]
    pub out: Option<PathBuf>,
}

pub fn run(_args: ReportArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("report", 10)
}
