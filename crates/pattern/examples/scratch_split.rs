use std::time::Instant;
fn flt() -> i64 {
    unsafe {
        let mut r: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_THREAD, &mut r);
        r.ru_minflt
    }
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let input: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&args[2]).unwrap()).unwrap();
    let pattern = ward_pattern::check(&args[1]).unwrap();
    let matcher = ward_pattern::Matcher::new(&pattern).unwrap();
    for _ in 0..5 {
        let t = Instant::now();
        let mut n = 0usize;
        for o in input["objects"].as_array().unwrap() {
            if let serde_json::Value::Object(m) = o {
                for (k, _v) in m {
                    n += k.len();
                }
            }
        }
        let t0 = t.elapsed().as_secs_f64();
        let f0 = flt();
        let t = Instant::now();
        let obs = ward_pattern::Observations::from_json(&input).unwrap();
        let t1 = t.elapsed().as_secs_f64();
        let f1 = flt();
        let t = Instant::now();
        let out = matcher.evaluate(&obs).unwrap();
        let t2 = t.elapsed().as_secs_f64();
        let f2 = flt();
        println!(
            "faults {} {} touch {t0:.4} from_json {t1:.4} evaluate {t2:.4} {n} {}",
            f1 - f0,
            f2 - f1,
            out.observed_data.len()
        );
    }
}
