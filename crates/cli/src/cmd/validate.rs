use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// STIX files: bundles, single objects or JSON arrays (`-` reads standard input)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(_args: ValidateArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("validate", 2)
}
