//! What the policy costs on the read path: pages of 1,000 stored versions, each passed
//! through `Policy`'s read filter, for three kinds of object (unmarked, TLP-marked with an
//! author to anonymize, with granular markings). Prints microseconds per page and per
//! object. Run: `cargo run --release -p ward-policy --example read_cost`.

use std::sync::Arc;
use std::time::Instant;

use ward_hub_api::{Caller, Credential, ReadFilter};
use ward_policy::Policy;
use ward_stix::Timestamp;
use ward_store::{
    NewVersion, ObjectQuery, SqliteStore, StatusRecord, StatusState, Store, Submitter,
};

const N: usize = 10_000;

fn object(kind: usize, n: usize) -> String {
    let base = format!(
        r#""type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-{n:012}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Indicator {n}","description":"Beaconing host seen in several member networks","pattern":"[ipv4-addr:value = '203.0.113.{}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z""#,
        n % 250
    );
    match kind {
        0 => format!("{{{base}}}"),
        1 => format!(
            r#"{{{base},"created_by_ref":"identity--22222222-2222-4222-8222-222222222222","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}}"#
        ),
        _ => format!(
            r#"{{{base},"object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],"granular_markings":[{{"marking_ref":"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1","selectors":["description"]}}]}}"#
        ),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let store = Arc::new(SqliteStore::open(dir.path())?);
    let org = store.add_org("Mercy")?;
    store.add_org("Lab")?;
    let reader_user = store.add_user("Lab", "bob", None)?;
    let policy = Policy::new(store.clone())?;
    let caller = Caller {
        user_id: reader_user.id,
        user_name: "bob".into(),
        org_id: reader_user.org_id,
        org_name: "Lab".into(),
        credential: Credential::Token,
    };
    let submitter = Submitter {
        org_id: org.id,
        user_id: "u".into(),
    };
    let status = StatusRecord {
        id: "s".into(),
        owner_org: "o".into(),
        status: StatusState::Complete,
        request_timestamp: 0,
        total_count: 0,
        successes: vec![],
        failures: vec![],
        pendings: vec![],
        unlisted: Default::default(),
    };
    for (kind, label) in [
        "unmarked",
        "marked, author anonymized",
        "granular RED removed",
    ]
    .iter()
    .enumerate()
    {
        let c = store.create_collection(&ward_store::NewCollection {
            title: label.to_string(),
            readers: vec!["Lab".into()],
            writers: vec!["Mercy".into()],
            ..Default::default()
        })?;
        let versions: Vec<NewVersion> = (0..N)
            .map(|n| NewVersion {
                id: format!("indicator--00000000-0000-4000-8000-{n:012}"),
                object_type: "indicator".into(),
                spec_version: "2.1".into(),
                version: Timestamp::parse("2024-01-01T00:00:00Z").ok(),
                json: object(kind, n),
            })
            .collect();
        store.add_objects_by(&c.id, &versions, &status, &submitter)?;
        let mut pages = Vec::new();
        let mut query = ObjectQuery {
            limit: 1000,
            ..ObjectQuery::default()
        };
        loop {
            let page = store.query_objects(&c.id, &query)?;
            let more = page.more;
            query.after = page.items.last().map(|v| v.position());
            pages.push(page.items);
            if !more {
                break;
            }
        }
        // Twice: the first pass fills the submitter cache, the second is the steady state.
        for pass in ["cold", "warm"] {
            let start = Instant::now();
            let mut served = 0usize;
            for page in &pages {
                for v in page {
                    if !matches!(
                        policy.check(&caller, &c, v),
                        ward_hub_api::ReadDecision::Hide
                    ) {
                        served += 1;
                    }
                }
            }
            let micros = start.elapsed().as_secs_f64() * 1e6;
            println!(
                "{label:<28} {pass}: {:>8.1} µs per 1,000-object page, {:>6.2} µs per object ({served} served)",
                micros / pages.len() as f64,
                micros / N as f64
            );
        }
    }
    Ok(())
}
