//! Store benchmark: ingest rate and page latency of the PostgreSQL store beside the embedded
//! SQLite store, through the `Store` trait the hub uses (no HTTP).
//!
//!   cargo bench -p ward-store-pg --bench store_pg -- [OBJECTS] [SECONDS] [sqlite|pg|both]
//!
//! For each backend: a fresh store (a temporary folder; a scratch database on
//! `WARD_TEST_DATABASE_URL`), then one writer adds indicators in 1,000-object batches (the
//! hub's chunk size, one transaction each) until OBJECTS are in or SECONDS have passed, and
//! prints objects/s per million; then 200 pages of 1,000 latest versions at random
//! `added_after` points and 200 pages followed by cursor, with p50/p99 latency.

use std::time::{Duration, Instant};

use ward_stix::Timestamp;
use ward_store::{NewCollection, NewVersion, ObjectQuery, StatusRecord, StatusState, Store};
use ward_store_pg::scratch::{ScratchDatabase, DEFAULT_TEST_URL};
use ward_store_pg::PgStore;

const BATCH: usize = 1000;
const PAGES: usize = 200;

/// xorshift64*: reproducible choices without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn object(n: usize) -> NewVersion {
    let id = format!(
        "indicator--{:08x}-0000-4000-8000-{:012x}",
        (n as u64).wrapping_mul(2_654_435_761) as u32,
        n
    );
    let json = format!(
        r#"{{"type":"indicator","spec_version":"2.1","id":"{id}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"bad host {n}","description":"Seen in phishing against a regional clinic network","indicator_types":["malicious-activity"],"pattern":"[domain-name:value = 'h{n}.bad.example']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","labels":["phishing"]}}"#
    );
    NewVersion {
        id,
        object_type: "indicator".into(),
        spec_version: "2.1".into(),
        version: Timestamp::parse("2024-01-01T00:00:00.000Z").ok(),
        json,
    }
}

fn status() -> StatusRecord {
    StatusRecord {
        id: "bench".into(),
        owner_org: "org".into(),
        status: StatusState::Complete,
        request_timestamp: 0,
        total_count: BATCH as u64,
        successes: vec![],
        failures: vec![],
        pendings: vec![],
        unlisted: Default::default(),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn run(name: &str, store: &dyn Store, target: usize, budget: Duration) -> Result<(), String> {
    let e = |x: ward_store::StoreError| x.to_string();
    store.add_org("bench").map_err(e)?;
    let c = store
        .create_collection(&NewCollection {
            title: "bench".into(),
            readers: vec!["bench".into()],
            writers: vec!["bench".into()],
            ..Default::default()
        })
        .map_err(e)?
        .id;
    let start = Instant::now();
    let mut n = 0;
    let mut lap = Instant::now();
    let mut lap_n = 0;
    let mut first_date = None;
    let mut last_date = 0;
    while n < target && start.elapsed() < budget {
        let batch: Vec<NewVersion> = (n..n + BATCH).map(object).collect();
        let out = store.add_objects(&c, &batch, &status()).map_err(e)?;
        for o in &out {
            if let ward_store::AddOutcome::Added { date_added, .. } = o {
                first_date.get_or_insert(*date_added);
                last_date = *date_added;
            }
        }
        n += BATCH;
        if n % 1_000_000 == 0 {
            let rate = (n - lap_n) as f64 / lap.elapsed().as_secs_f64();
            println!("{name}: {n} objects, last million at {rate:.0} objects/s");
            lap = Instant::now();
            lap_n = n;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{name}: ingested {n} objects in {secs:.1} s = {:.0} objects/s (1 writer, {BATCH}-object transactions)",
        n as f64 / secs
    );
    let first_date = first_date.unwrap_or(0);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut random = Vec::with_capacity(PAGES);
    for _ in 0..PAGES {
        let span = (last_date - first_date).max(1) as u64;
        let at = first_date + (rng.next() % span) as i64;
        let t = Instant::now();
        let page = store
            .query_objects(
                &c,
                &ObjectQuery {
                    added_after: Some(at),
                    limit: 1000,
                    ..Default::default()
                },
            )
            .map_err(e)?;
        random.push(t.elapsed());
        std::hint::black_box(page);
    }
    let mut follow = Vec::with_capacity(PAGES);
    let mut after = None;
    for _ in 0..PAGES {
        let t = Instant::now();
        let page = store
            .query_objects(
                &c,
                &ObjectQuery {
                    after: after.take(),
                    limit: 1000,
                    ..Default::default()
                },
            )
            .map_err(e)?;
        follow.push(t.elapsed());
        after = page.items.last().map(|v| v.position());
    }
    random.sort();
    follow.sort();
    println!(
        "{name}: 1,000-object page at {n} objects: added_after p50 {:.1} ms p99 {:.1} ms; cursor p50 {:.1} ms p99 {:.1} ms",
        percentile(&random, 0.5),
        percentile(&random, 0.99),
        percentile(&follow, 0.5),
        percentile(&follow, 0.99)
    );
    Ok(())
}

fn main() {
    // `cargo bench` passes `--bench`; only plain arguments count.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let target: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let budget = Duration::from_secs(args.get(1).and_then(|a| a.parse().ok()).unwrap_or(600));
    let which = args.get(2).map(String::as_str).unwrap_or("both");
    if which != "pg" {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(err) => return eprintln!("tempdir: {err}"),
        };
        match ward_store::SqliteStore::open(dir.path()) {
            Ok(store) => {
                if let Err(err) = run("sqlite", &store, target, budget) {
                    eprintln!("sqlite: {err}");
                }
            }
            Err(err) => eprintln!("sqlite: {err}"),
        }
    }
    if which != "sqlite" {
        let admin = std::env::var("WARD_TEST_DATABASE_URL")
            .unwrap_or_else(|_| DEFAULT_TEST_URL.to_string());
        let db = match ScratchDatabase::create(&admin) {
            Ok(db) => db,
            Err(err) => return eprintln!("postgres: {err}"),
        };
        match PgStore::open(db.url()) {
            Ok(store) => {
                if let Err(err) = run("postgres", &store, target, budget) {
                    eprintln!("postgres: {err}");
                }
            }
            Err(err) => eprintln!("postgres: {err}"),
        }
    }
}
