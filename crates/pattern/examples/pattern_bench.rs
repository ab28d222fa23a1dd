//! Timing driver for benches/pattern/run.sh (not a test): evaluates ward on the same inputs
//! that the script gives stix2-matcher, and prints one JSON line of figures.
//!
//! usage: pattern_bench corpus CORPUS.json ROUNDS
//!        pattern_bench scale PATTERN BUNDLE.json ROUNDS

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("corpus") => {
            let corpus: serde_json::Value = serde_json::from_slice(&std::fs::read(&args[2])?)?;
            let rounds: u32 = args[3].parse()?;
            let cases = corpus.as_array().ok_or("corpus: expected an array")?;
            let start = Instant::now();
            let mut matched = 0;
            for _ in 0..rounds {
                matched = 0;
                for case in cases {
                    // Parse, check and evaluate each time: what the matcher does per call.
                    let text = case["pattern"].as_str().ok_or("pattern")?;
                    let pattern = ward_pattern::check(text)?;
                    if ward_pattern::evaluate(&pattern, &case["bundle"])?.matched {
                        matched += 1;
                    }
                }
            }
            let secs = start.elapsed().as_secs_f64() / f64::from(rounds);
            println!(
                "{}",
                serde_json::json!({"cases": cases.len(), "matched": matched, "seconds_per_pass": secs})
            );
        }
        Some("scale") => {
            let pattern = ward_pattern::check(&args[2])?;
            let input: serde_json::Value = serde_json::from_slice(&std::fs::read(&args[3])?)?;
            let rounds: u32 = args[4].parse()?;
            let matcher = ward_pattern::Matcher::new(&pattern)?;
            let start = Instant::now();
            let mut outcome = None;
            for _ in 0..rounds {
                let observations = ward_pattern::Observations::from_json(&input)?;
                outcome = Some(matcher.evaluate(&observations)?);
            }
            let secs = start.elapsed().as_secs_f64() / f64::from(rounds);
            let outcome = outcome.ok_or("no rounds")?;
            println!(
                "{}",
                serde_json::json!({"matched": outcome.matched, "observed_data": outcome.observed_data.len(), "seconds": secs})
            );
        }
        _ => {
            return Err(
                "usage: pattern_bench corpus FILE ROUNDS | scale PATTERN FILE ROUNDS".into(),
            )
        }
    }
    Ok(())
}
