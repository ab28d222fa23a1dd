use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Input format; sniffed from the content when not given
    #[arg(long)]
    pub format: Option<String>,
    /// File or folder to import
    pub path: PathBuf,
}

pub fn run(_args: ImportArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("import", 6)
}
