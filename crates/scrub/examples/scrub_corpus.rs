//! Writes the generated narrative corpus as JSON lines for the benchmark beside scrubadub:
//! `{"text", "org_domain", "identifiers": [[start, end, class]], "indicators": [...]}` with
//! offsets in characters (what Python indexes by).
//!
//! `cargo run --release -p ward-scrub --example scrub_corpus -- OUT.jsonl [COUNT]`

#[path = "../tests/corpus/mod.rs"]
mod corpus;

use std::io::Write;

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or("usage: scrub_corpus OUT.jsonl [COUNT]")?;
    let count: usize = args.next().map_or(Ok(300), |c| c.parse())?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for doc in corpus::narratives(count, 20240304) {
        let labels = |ls: &[corpus::Label]| -> Vec<serde_json::Value> {
            ls.iter()
                .map(|l| {
                    serde_json::json!([
                        char_offset(&doc.text, l.span.start),
                        char_offset(&doc.text, l.span.end),
                        l.class
                    ])
                })
                .collect()
        };
        let line = serde_json::json!({
            "text": doc.text,
            "org_domain": doc.org_domain,
            "identifiers": labels(&doc.identifiers),
            "indicators": labels(&doc.indicators),
        });
        writeln!(file, "{line}")?;
    }
    file.flush()?;
    Ok(())
}
