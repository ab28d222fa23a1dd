//! Reading the files named on the command line: `-` is standard input.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use anyhow::Context;

/// Opens `path` for reading, or standard input when it is `-`.
pub fn open(path: &Path) -> anyhow::Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    let file = File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// Reads a whole input into memory (for commands whose inputs are small documents).
#[allow(dead_code)] // for commands that read whole documents; not every build uses it
pub fn read_all(path: &Path) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    open(path)?
        .read_to_end(&mut buf)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(buf)
}

/// A day named on the command line (`--date`, `--as-of`, `--expires`): `YYYY-MM-DD`. The
/// one reader of such arguments, so every command takes the same spelling.
pub use ward_stix::day;
