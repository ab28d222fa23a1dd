//! Exposure benchmark: 10,000 generated assets against the full CISA KEV catalog, the 124
//! ICSMA advisories, 250,000 generated NVD-style CVE records and their EPSS scores.
//!
//! Run: `cargo bench -p ward-exposure --bench exposure` (add `-- --runs N`, default 5).
//! Set `WARD_BENCH_OUT=DIR` to also write the generated inputs there, so that the same run
//! can be timed through `ward exposure`. Prints the median and the best of each phase.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use ward_exposure::{
    assess, Advisory, EpssScores, Inventory, KevCatalog, NaiveDate, NvdCatalog, Sources,
};

const ASSETS: usize = 10_000;
const NVD_RECORDS: usize = 250_000;
const PRODUCTS: usize = 25_000;

/// xorshift64*: reproducible inputs without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn vendor(i: usize) -> String {
    format!("vendor{}", i % 2_000)
}

fn product(i: usize) -> String {
    format!("product_{i}")
}

fn version(rng: &mut Rng) -> String {
    format!("{}.{}.{}", rng.below(10), rng.below(20), rng.below(50))
}

fn generate_nvd(rng: &mut Rng, kev_ids: &[String]) -> String {
    let mut s = String::with_capacity(NVD_RECORDS * 420);
    s.push_str("{\"format\":\"NVD_CVE\",\"version\":\"2.0\",\"vulnerabilities\":[");
    for i in 0..NVD_RECORDS {
        if i > 0 {
            s.push(',');
        }
        // Every KEV id appears once so that the catalog is exercised in full.
        let id = kev_ids
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("CVE-2030-{i:07}"));
        let p = rng.below(PRODUCTS);
        let score = 1.0 + rng.below(90) as f64 / 10.0;
        let _ = write!(
            s,
            "{{\"cve\":{{\"id\":\"{id}\",\"descriptions\":[{{\"lang\":\"en\",\"value\":\"Generated record {i}.\"}}],\
             \"metrics\":{{\"cvssMetricV31\":[{{\"type\":\"Primary\",\"cvssData\":{{\"baseScore\":{score:.1},\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}}}}]}},\
             \"configurations\":[{{"
        );
        if i % 10 == 0 {
            // An AND configuration: the application on a platform.
            let _ = write!(
                s,
                "\"operator\":\"AND\",\"nodes\":[{{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":[{{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:{}:{}:*:*:*:*:*:*:*:*\",\"versionEndExcluding\":\"{}\"}}]}},\
                 {{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":[{{\"vulnerable\":false,\"criteria\":\"cpe:2.3:o:microsoft:windows_10:-:*:*:*:*:*:*:*\"}}]}}]",
                vendor(p),
                product(p),
                version(rng)
            );
        } else {
            let _ = write!(
                s,
                "\"nodes\":[{{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":[{{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:{}:{}:*:*:*:*:*:*:*:*\",\"versionStartIncluding\":\"{}\",\"versionEndExcluding\":\"{}\"}},\
                 {{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:{}:{}:{}:*:*:*:*:*:*:*\"}}]}}]",
                vendor(p),
                product(p),
                version(rng),
                version(rng),
                vendor(p),
                product(p),
                version(rng)
            );
        }
        s.push_str("}]}}");
    }
    s.push_str("]}");
    s
}

fn generate_epss(rng: &mut Rng, nvd_ids: impl Iterator<Item = String>) -> String {
    let mut s = String::from(
        "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00Z\ncve,epss,percentile\n",
    );
    for id in nvd_ids {
        let p = rng.below(100_000) as f64 / 100_000.0;
        let _ = writeln!(s, "{id},{p:.5},{p:.5}");
    }
    s
}

fn generate_inventory(rng: &mut Rng, advisories: &[Advisory]) -> String {
    let kinds = ["workstation", "server", "network", "medical-device", "iot"];
    let crit = [
        "life-sustaining",
        "patient-care",
        "clinical-support",
        "business",
    ];
    let mut s = String::from("name,vendor,product,version,kind,location,criticality,internet_exposed,end_of_support,owner\n");
    for i in 0..ASSETS {
        let (v, p) = if i % 10 == 0 {
            // One asset in ten is a medical device named in an advisory.
            let a = &advisories[rng.below(advisories.len())];
            match a.products.get(rng.below(a.products.len().max(1))) {
                Some(pr) => (
                    pr.vendor.replace(',', " "),
                    pr.product_name.replace(',', " "),
                ),
                None => (vendor(i), product(i)),
            }
        } else {
            let p = rng.below(PRODUCTS);
            (vendor(p), product(p))
        };
        let eos = if i % 17 == 0 { "2021-06-30" } else { "" };
        let _ = writeln!(
            s,
            "asset-{i},{v},{p},{},{},room {},{},{},{eos},IT",
            version(rng),
            kinds[rng.below(kinds.len())],
            i % 300,
            crit[rng.below(crit.len())],
            if rng.below(20) == 0 { "yes" } else { "no" },
        );
    }
    s
}

/// CPU time (user + system) of this process, from /proc on Linux: on a shared machine it
/// moves less than wall-clock time when other work competes for the cores.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::args()
        .skip_while(|a| a != "--runs")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let kev_bytes = std::fs::read(fixtures.join("kev.json")).expect("KEV fixture");
    let advisories = Advisory::load_dir(&fixtures.join("icsma-csaf")).expect("advisories");
    let kev_ids: Vec<String> = {
        let v: serde_json::Value = serde_json::from_slice(&kev_bytes).expect("KEV JSON");
        v["vulnerabilities"]
            .as_array()
            .expect("KEV list")
            .iter()
            .filter_map(|e| e["cveID"].as_str().map(str::to_string))
            .collect()
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let t = Instant::now();
    let nvd_json = generate_nvd(&mut rng, &kev_ids);
    let ids = (0..NVD_RECORDS).map(|i| {
        kev_ids
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("CVE-2030-{i:07}"))
    });
    let epss_csv = generate_epss(&mut rng, ids);
    let inventory_csv = generate_inventory(&mut rng, &advisories);
    eprintln!(
        "generated in {:.2?}: NVD {:.1} MB, EPSS {:.1} MB, inventory {:.1} MB",
        t.elapsed(),
        nvd_json.len() as f64 / 1e6,
        epss_csv.len() as f64 / 1e6,
        inventory_csv.len() as f64 / 1e6
    );
    if let Ok(dir) = std::env::var("WARD_BENCH_OUT") {
        let dir = Path::new(&dir);
        std::fs::create_dir_all(dir).expect("output folder");
        std::fs::write(dir.join("nvd.json"), &nvd_json).expect("write");
        std::fs::write(dir.join("epss.csv"), &epss_csv).expect("write");
        std::fs::write(dir.join("inventory.csv"), &inventory_csv).expect("write");
        eprintln!("inputs written to {}", dir.display());
    }

    let today = NaiveDate::from_ymd_opt(2025, 9, 1).expect("date");
    let (mut load, mut matching, mut total, mut cpu) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..runs {
        let cpu_start = cpu_time();
        let start = Instant::now();
        let mut inventory = Inventory::default();
        inventory
            .add_csv("inventory.csv", inventory_csv.as_bytes())
            .expect("inventory");
        let sources = Sources {
            advisories: advisories.clone(),
            nvd: NvdCatalog::from_json("nvd.json", nvd_json.as_bytes()).expect("nvd"),
            kev: KevCatalog::from_json("kev.json", &kev_bytes).expect("kev"),
            epss: EpssScores::from_csv("epss.csv", epss_csv.as_bytes()).expect("epss"),
            sightings: Default::default(),
        };
        let loaded = Instant::now();
        let report = assess(&inventory, &sources, today);
        let done = Instant::now();
        findings = report.findings.len();
        load.push(loaded - start);
        matching.push(done - loaded);
        total.push(done - start);
        if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
            cpu.push(b.saturating_sub(a));
        }
        std::hint::black_box(report);
    }
    println!(
        "exposure: {ASSETS} assets x {} KEV entries x {NVD_RECORDS} NVD records x {} advisories, {runs} runs",
        kev_ids.len(),
        advisories.len()
    );
    println!("  findings:                      {findings}");
    println!(
        "  load (parse NVD/KEV/EPSS/CSV): median {:.3?}  best {:.3?}",
        median(&mut load),
        load[0]
    );
    println!(
        "  match + rank:                  median {:.3?}  best {:.3?}",
        median(&mut matching),
        matching[0]
    );
    println!(
        "  total:                         median {:.3?}  best {:.3?}",
        median(&mut total),
        total[0]
    );
    if !cpu.is_empty() {
        println!(
            "  CPU time (user+sys, 10 ms):    median {:.3?}  best {:.3?}",
            median(&mut cpu),
            cpu[0]
        );
    }
}
