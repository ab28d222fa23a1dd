//! ward's half of the scrubbing benchmark: reads the JSON-lines corpus written by
//! `scrub_corpus`, measures identifier recall and indicators kept (by character spans, the
//! same way the scrubadub script does), then throughput over repeated passes. Prints one
//! JSON line.
//!
//! `cargo run --release -p ward-scrub --example scrub_bench -- CORPUS.jsonl [SECONDS]`

use std::time::Instant;

use serde_json::Value;
use ward_scrub::{ScrubConfig, Scrubber};

struct Doc {
    text: String,
    scrubber: Scrubber,
    identifiers: Vec<(usize, usize)>,
    indicators: Vec<(usize, usize)>,
}

fn spans(text: &str, v: &Value) -> Vec<(usize, usize)> {
    // Character offsets back to bytes.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|l| {
                    Some((
                        bytes[l.get(0)?.as_u64()? as usize],
                        bytes[l.get(1)?.as_u64()? as usize],
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: scrub_bench CORPUS.jsonl [SECONDS]")?;
    let seconds: f64 = args.next().map_or(Ok(3.0), |s| s.parse())?;
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(&path)?.lines() {
        let v: Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().ok_or("text")?.to_string();
        let domain = v["org_domain"].as_str().ok_or("org_domain")?.to_string();
        let scrubber = Scrubber::new(ScrubConfig {
            org_domains: vec![domain],
            org_names: vec![],
            ..Default::default()
        })?;
        let identifiers = spans(&text, &v["identifiers"]);
        let indicators = spans(&text, &v["indicators"]);
        docs.push(Doc {
            text,
            scrubber,
            identifiers,
            indicators,
        });
    }
    let (mut found, mut total, mut kept, mut ind_total) = (0, 0, 0, 0);
    for d in &docs {
        let out = d.scrubber.scrub_text(&d.text);
        let removed: Vec<(usize, usize)> = out
            .findings
            .iter()
            .map(|f| (f.original_span.start, f.original_span.end))
            .collect();
        for &(s, e) in &d.identifiers {
            total += 1;
            if (s..e).all(|b| removed.iter().any(|&(fs, fe)| fs <= b && b < fe)) {
                found += 1;
            }
        }
        for &(s, e) in &d.indicators {
            ind_total += 1;
            if !removed.iter().any(|&(fs, fe)| fs < e && s < fe) {
                kept += 1;
            }
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let start = Instant::now();
    let mut passes = 0u64;
    let mut sink = 0usize;
    while start.elapsed().as_secs_f64() < seconds {
        for d in &docs {
            sink = sink.wrapping_add(d.scrubber.scrub_text(&d.text).text.len());
        }
        passes += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mb_s = (bytes as f64 * passes as f64) / elapsed / 1e6;
    let docs_s = (docs.len() as f64 * passes as f64) / elapsed;
    println!(
        "{}",
        serde_json::json!({
            "tool": "ward-scrub",
            "docs": docs.len(),
            "bytes": bytes,
            "passes": passes,
            "seconds": elapsed,
            "mb_per_s": mb_s,
            "docs_per_s": docs_s,
            "recall": found as f64 / total as f64,
            "identifiers": total,
            "indicators_kept": kept as f64 / ind_total as f64,
            "indicators": ind_total,
            "checksum": sink,
        })
    );
    Ok(())
}
