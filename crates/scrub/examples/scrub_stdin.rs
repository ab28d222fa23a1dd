//! Scrubs standard input and prints the text, then each finding with its reason: a quick
//! way to see what the rules do with a sentence.
//!
//! `cargo run -p ward-scrub --example scrub_stdin -- [ORG-DOMAIN...] < FILE`

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let org_domains = std::env::args().skip(1).collect();
    let scrubber = ward_scrub::Scrubber::new(ward_scrub::ScrubConfig {
        org_domains,
        ..Default::default()
    })?;
    let out = scrubber.scrub_text(&text);
    println!("{}", out.text);
    for f in &out.findings {
        println!(
            "  {:?} {:?}: {}",
            f.kind,
            &text[f.original_span.clone()],
            f.reason
        );
    }
    Ok(())
}
