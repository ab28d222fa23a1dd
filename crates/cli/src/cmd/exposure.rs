use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Global;

#[derive(Args, Debug)]
pub struct ExposureArgs {
    /// Asset inventory: CSV or CycloneDX SBOM JSON
    #[arg(long, value_name = "F")]
    pub inventory: PathBuf,
    /// CISA Known Exploited Vulnerabilities catalog (JSON)
    #[arg(long, value_name = "F")]
    pub kev: Option<PathBuf>,
    /// FIRST EPSS scores (CSV)
    #[arg(long, value_name = "F")]
    pub epss: Option<PathBuf>,
    /// Folder of CSAF 2.0 advisories
    #[arg(long, value_name = "DIR")]
    pub advisories: Option<PathBuf>,
    /// NVD CVE JSON 2.0 file
    #[arg(long, value_name = "F")]
    pub nvd: Option<PathBuf>,
}

pub fn run(_args: ExposureArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    super::not_available("exposure", 9)
}
