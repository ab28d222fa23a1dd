//! Scrubs every document of the evaluation corpora (JSON lines with "id", "text" and
//! optionally "org": {"name", "domains"}) and prints one JSON line per document with the
//! scrubbed text, the findings and the indicators kept: run it from two builds and compare
//! the outputs to check that an engine change leaves every result as it was.
//!
//! `cargo run --release -p ward-scrub --example scrub_dump -- CORPUS.jsonl... > OUT.jsonl`

use std::io::{BufRead, Write};

use serde_json::{json, Value};

#[path = "shared/record.rs"]
mod record;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
        for line in std::io::BufReader::new(file).lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let rec: Value = serde_json::from_str(&line)?;
            let text = rec["text"].as_str().ok_or("a record without \"text\"")?;
            let scrubber = record::record_scrubber(&rec)?;
            let s = scrubber.scrub_text(text);
            let line = json!({
                "id": rec["id"],
                "text": s.text,
                "findings": s.findings,
                "indicators": s.indicators,
            });
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(())
}
