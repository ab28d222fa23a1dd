//! Throughput of the text scrubber on one large synthetic document, to check that the
//! time grows linearly with the size: prints MB/s for each size given in MB.
//!
//! `cargo run --release -p ward-scrub --example scrub_throughput -- 1 8 64`
//!
//! With `--write FILE MB` it writes that text to a file instead (for `ward scrub FILE`,
//! which reads it in windows), written as it is made so any size fits in memory.
//!
//! With `--docs SECONDS CORPUS.jsonl...` it measures realistic text instead: every
//! document of the evaluation corpora (JSON lines with "text" and optionally "org"), each
//! with a scrubber for its own organization built beforehand, scrubbed in turn for about
//! that many seconds; prints MB/s and documents/s.

use std::time::Instant;

use ward_scrub::{ScrubConfig, Scrubber};

#[path = "shared/record.rs"]
mod record;

/// Varied paragraphs (names, logs, addresses, indicators, record rows), numbered so that
/// no two repeats are byte-identical.
fn paragraph(i: usize) -> String {
    format!(
        "Incident {i}: Dr. Mark Hill paged Nurse Rose Brown at 555-201-{:04}. Patient John \
         Smith (MRN {:07}, DOB 03/04/1950) lives at {} Elm Street, Springfield, IL 62704.\n\
         TargetUserName=brandon.giles{i} SubjectUserName=- WorkstationName=ws-radiology-{} \
         IpAddress=10.1.{}.{}\nThe note was signed by the Lynx group and pointed to \
         evil{i}[.]example[.]ru; beacon to 203.0.113.{} with SHA-256 \
         9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.\n\
         Hi Will,\nthe wire change request was legitimate. Regards,\nAnna\n\
         Kowalski Jan;19441225;665-36-{:04};ul. Polna 2;93\n\n",
        i % 10_000,
        i % 9_999_999,
        i % 9_000 + 1,
        i % 90,
        i % 250,
        i % 250,
        i % 250,
        i % 10_000,
    )
}

/// Writes `mb` MB of the paragraphs to `path`.
fn write_text(path: &str, mb: usize) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let (target, mut written, mut i) = (mb << 20, 0, 0);
    while written < target {
        let p = paragraph(i);
        out.write_all(p.as_bytes())?;
        written += p.len();
        i += 1;
    }
    out.flush()?;
    Ok(())
}

/// `--docs SECONDS CORPUS...`: repeated passes over every document of the corpora.
fn documents(seconds: f64, paths: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let mut docs = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let rec: serde_json::Value = serde_json::from_str(line)?;
            let body = rec["text"].as_str().ok_or("a record without \"text\"")?;
            docs.push((body.to_owned(), record::record_scrubber(&rec)?));
        }
    }
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    ward_scrub::warm_up();
    let (t0, mut passes) = (Instant::now(), 0usize);
    while passes == 0 || t0.elapsed().as_secs_f64() < seconds {
        for (text, scrubber) in &docs {
            std::hint::black_box(scrubber.scrub_text(text));
        }
        passes += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{} documents, {bytes} bytes, {passes} passes: {:.3} s, {:.2} MB/s, {:.0} documents/s",
        docs.len(),
        secs,
        (bytes * passes) as f64 / 1_048_576.0 / secs,
        (docs.len() * passes) as f64 / secs
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path, mb] = args.as_slice() {
        if flag == "--write" {
            return write_text(path, mb.parse()?);
        }
    }
    if let [flag, seconds, paths @ ..] = args.as_slice() {
        if flag == "--docs" {
            return documents(seconds.parse()?, paths);
        }
    }
    let sizes: Vec<usize> = args
        .iter()
        .map(|a| a.parse::<usize>())
        .collect::<Result<_, _>>()?;
    let scrubber = Scrubber::new(ScrubConfig {
        org_domains: vec!["stmarys.org".into()],
        org_names: vec!["St. Mary's Medical Center".into()],
        ..Default::default()
    })?;
    ward_scrub::warm_up();
    for mb in if sizes.is_empty() { vec![1, 8] } else { sizes } {
        let target = mb << 20;
        let mut text = String::with_capacity(target + 1024);
        let mut i = 0;
        while text.len() < target {
            text.push_str(&paragraph(i));
            i += 1;
        }
        let t0 = Instant::now();
        let out = scrubber.scrub_text(&text);
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "{mb} MB: {:.3} s, {:.1} MB/s, {} findings",
            secs,
            text.len() as f64 / 1_048_576.0 / secs,
            out.findings.len()
        );
    }
    Ok(())
}
