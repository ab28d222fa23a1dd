use serde_json::Value;
use std::time::Instant;
fn cpu() -> f64 { unsafe { let mut ts = libc::timespec{tv_sec:0,tv_nsec:0}; libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts); ts.tv_sec as f64 + ts.tv_nsec as f64*1e-9 } }
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let input: Value = serde_json::from_slice(&std::fs::read(&args[2]).unwrap()).unwrap();
    let pattern = ward_pattern::check(&args[1]).unwrap();
    let matcher = ward_pattern::Matcher::new(&pattern).unwrap();
    let objs = input["objects"].as_array().unwrap();
    for _ in 0..5 {
        let c = cpu();
        let mut n = 0usize;
        for o in objs.iter() { if let Value::Object(m) = o { for (k, _v) in m { n += k.len(); } } }
        let t_touch = cpu() - c;
        let c = cpu();
        for o in objs.iter() { if let Value::Object(m) = o { for (k, v) in m { if k.len() == 2 && k == "id" { n += v.as_str().map_or(0, |s| s.len()); } } } }
        let t_keys = cpu() - c;
        let c = cpu();
        for o in objs.iter() { if let Value::Object(m) = o { for (k, v) in m { match k.len() { 2 | 4 | 5 | 11 | 13 | 14 | 15 => if let Value::String(s) = v { n += s.as_bytes()[0] as usize } else if let Value::Array(a) = v { n += a.len() }, _ => {} } } } }
        let t_vals = cpu() - c;
        let c = cpu();
        for o in objs.iter().rev() { if let Value::Object(m) = o { for (k, v) in m { match k.len() { 2 | 4 | 5 | 11 | 13 | 14 | 15 => if let Value::String(s) = v { n += s.as_bytes()[0] as usize } else if let Value::Array(a) = v { n += a.len() }, _ => {} } } } }
        let t_rev = cpu() - c;
        println!("rev {t_rev:.4}");
        let c = cpu();
        let out = matcher.evaluate_json(&input).unwrap();
        let t_one = cpu() - c;
        println!("touch {t_touch:.4} idkeys {t_keys:.4} vals {t_vals:.4} oneshot {t_one:.4} {n} {}", out.observed_data.len());
    }
}
