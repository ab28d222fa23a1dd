//! Timing driver for benches/pattern/run.sh (not a test): evaluates ward on the same inputs
//! that the script gives stix2-matcher (benches/pattern/reference.py), round after round in
//! one process, and prints one JSON line: the answers and each round's wall-clock and
//! thread-CPU seconds. JSON text parsing is outside the timed region, as on the Python side.
//!
//! usage: pattern_bench corpus CORPUS.json ROUNDS
//!        pattern_bench scale PATTERN BUNDLE.json ROUNDS

use std::time::Instant;

/// CPU time of this thread: on a shared machine it moves far less than wall-clock time.
#[allow(unsafe_code)] // one libc call or CPU hint; the SAFETY comment is at the block
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant Linux knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

type Error = Box<dyn std::error::Error>;

/// The last answer, and each round's wall-clock and CPU seconds.
type Timed<T> = (T, Vec<f64>, Vec<f64>);

/// Runs `round` `rounds` times.
fn timed<T>(rounds: u32, mut round: impl FnMut() -> Result<T, Error>) -> Result<Timed<T>, Error> {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..rounds {
        let (w, c) = (Instant::now(), thread_cpu_seconds());
        last = Some(round()?);
        cpu.push(thread_cpu_seconds() - c);
        wall.push(w.elapsed().as_secs_f64());
    }
    Ok((last.ok_or("ROUNDS must be at least 1")?, wall, cpu))
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str).ok_or("missing argument");
    match args.get(1).map(String::as_str) {
        Some("corpus") => {
            let corpus: serde_json::Value = serde_json::from_slice(&std::fs::read(arg(2)?)?)?;
            let rounds: u32 = arg(3)?.parse()?;
            let cases = corpus.as_array().ok_or("corpus: expected an array")?;
            // Per case, what stix2-matcher's `match()` does per call: parse and check the
            // pattern, prepare it, read the observations, evaluate.
            let (matched, wall, cpu) = timed(rounds, || {
                let mut matched = 0;
                for case in cases {
                    let text = case["pattern"].as_str().ok_or("pattern")?;
                    let pattern = ward_pattern::check(text)?;
                    if ward_pattern::evaluate(&pattern, &case["bundle"])?.matched {
                        matched += 1;
                    }
                }
                Ok(matched)
            })?;
            println!(
                "{}",
                serde_json::json!({"cases": cases.len(), "matched": matched, "wall": wall, "cpu": cpu})
            );
        }
        Some("scale") => {
            let text = arg(2)?;
            let input: serde_json::Value = serde_json::from_slice(&std::fs::read(arg(3)?)?)?;
            let rounds: u32 = arg(4)?.parse()?;
            // The full answer (every observed-data that satisfies the pattern), which is
            // more than the reference's first binding. One-shot, as `ward pattern match`
            // reads a file: check the pattern, read the observations, evaluate.
            let (outcome, wall, cpu) = timed(rounds, || {
                let pattern = ward_pattern::check(text)?;
                Ok(ward_pattern::evaluate(&pattern, &input)?)
            })?;
            // The same through the reusable index (`Observations`, built for evaluating many
            // patterns on one input): reported beside, not compared.
            let (two_step, two_step_wall, two_step_cpu) = timed(rounds, || {
                let pattern = ward_pattern::check(text)?;
                let matcher = ward_pattern::Matcher::new(&pattern)?;
                let observations = ward_pattern::Observations::from_json(&input)?;
                Ok(matcher.evaluate(&observations)?)
            })?;
            if two_step != outcome {
                return Err("the one-shot and two-step paths disagree".into());
            }
            println!(
                "{}",
                serde_json::json!({"matched": outcome.matched,
                    "observed_data": outcome.observed_data.len(), "wall": wall, "cpu": cpu,
                    "two_step_wall": two_step_wall, "two_step_cpu": two_step_cpu})
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
