//! The read facts (`ReadFilter::read_facts` / `may_read`), which the hub's block lists decide
//! from instead of reading each version again for each reader: for every stored version the
//! policy keeps facts of, every kind of reader and every policy setting that changes what a
//! reader may see, `may_read` says "served" exactly when TAXII's own decision
//! (`check_page`, the path every TAXII read takes) does not hide the version. The facts are
//! made once, before the settings change, as the hub keeps them; each setting is then
//! decided by a policy that reads the store afresh. (The hub marks what is posted unmarked
//! with the default TLP, so a later default only matters for versions stored unmarked by
//! an older ward, which this test does not hold.)

mod common;

use std::sync::Arc;

use common::*;
use serde_json::{json, Value};
use ward_hub_api::{Caller, Credential, ReadDecision, ReadFilter};
use ward_policy::ext::{identity_of, AMBER_RECIPIENTS, RED_RECIPIENTS, WARD_EXTENSION_ID};
use ward_policy::settings::{change_collection, change_org, set_default_tlp};
use ward_policy::{Attribution, CollectionChange, OrgChange, Policy, QUARANTINE_PREFIX};
use ward_stix::Tlp;
use ward_store::{ObjectQuery, Store, StoredVersion, VersionSelect};

const UNKNOWN: &str = "marking-definition--00000000-0000-4000-8000-00000000dead";

fn marked(n: usize, markings: &[&str]) -> Value {
    let mut o = indicator(n);
    if !markings.is_empty() {
        o["object_marking_refs"] = json!(markings);
    }
    o
}

fn with_recipients(mut o: Value, key: &str, ids: &[String]) -> Value {
    o["extensions"] = json!({ WARD_EXTENSION_ID: {
        "extension_type": "property-extension",
        key: ids,
    }});
    o
}

/// What each member posts: every TLP level, unmarked, an unknown marking, AMBER and RED
/// naming their recipients, an identity of the submitting organization, an indicator it
/// authored and one revoked, and one with granular markings (of which no facts are kept).
fn posts(h: &Hub, base: usize) -> Vec<Value> {
    let clinic = h.member("carol").user.org_id.clone();
    let rita = h.member("rita").user.id.clone();
    let ts = "2024-01-01T00:00:00.000Z";
    let identity = format!("identity--00000000-0000-4000-8000-{:012}", 900 + base);
    let mut authored = marked(base + 9, &[Tlp::Green.marking_id()]);
    authored["created_by_ref"] = json!(identity);
    authored["authors"] = json!(["Dr. Jane Roe"]);
    let mut revoked = marked(base + 10, &[Tlp::Amber.marking_id()]);
    revoked["revoked"] = json!(true);
    let mut granular = marked(base + 11, &[Tlp::Green.marking_id()]);
    granular["granular_markings"] = json!([
        {"marking_ref": Tlp::Red.marking_id(), "selectors": ["description"]}
    ]);
    granular["description"] = json!("only for the submitter");
    vec![
        marked(base, &[Tlp::Clear.marking_id()]),
        marked(base + 1, &[Tlp::Green.marking_id()]),
        marked(base + 2, &[Tlp::Amber.marking_id()]),
        marked(base + 3, &[Tlp::AmberStrict.marking_id()]),
        marked(base + 4, &[Tlp::Red.marking_id()]),
        marked(base + 5, &[]),
        marked(base + 6, &[UNKNOWN]),
        with_recipients(
            marked(base + 7, &[Tlp::Amber.marking_id()]),
            AMBER_RECIPIENTS,
            &[identity_of(&clinic)],
        ),
        with_recipients(
            marked(base + 8, &[Tlp::Red.marking_id()]),
            RED_RECIPIENTS,
            &[identity_of(&rita)],
        ),
        json!({"type": "identity", "spec_version": "2.1", "id": identity, "created": ts,
               "modified": ts, "name": "Submitter", "identity_class": "organization"}),
        authored,
        revoked,
        granular,
    ]
}

fn callers(h: &Hub) -> Vec<Caller> {
    let mut out = vec![Caller::anonymous()];
    for (name, _) in MEMBERS {
        let u = &h.member(name).user;
        for credential in [Credential::Password, Credential::Token] {
            out.push(Caller {
                user_id: u.id.clone(),
                user_name: u.name.clone(),
                org_id: u.org_id.clone(),
                org_name: u.org_name.clone(),
                credential,
            });
        }
    }
    out
}

fn stored(h: &Hub) -> Vec<StoredVersion> {
    let query = ObjectQuery {
        versions: VersionSelect::all(),
        limit: 1000,
        ..ObjectQuery::default()
    };
    let page = h.store.query_objects(&h.collection, &query).unwrap();
    assert!(!page.more);
    page.items
}

/// A change of the hub's settings, named.
type Change<'a> = Box<dyn Fn() + 'a>;

#[tokio::test]
async fn read_facts_decide_as_taxii_does_for_every_reader_and_setting() {
    let h = hub(&["Lab"]);
    // Mercy (anonymous) and Lab (named) each post the whole set.
    h.post_ok(&h.member("alice").token, &posts(&h, 100)).await;
    h.post_ok(&h.member("bob").token, &posts(&h, 200)).await;
    let versions = stored(&h);
    let collection = h.store.collection(&h.collection).unwrap().unwrap();
    let facts = h.policy.read_facts(&collection, &versions);
    // Facts of every version but the granular ones, which every read must see whole.
    for (v, f) in versions.iter().zip(&facts) {
        let granular = v.json.contains("granular_markings");
        assert_eq!(f.is_none(), granular, "{}", v.json);
    }
    let dyn_store: Arc<dyn Store> = h.store.clone();
    let store = dyn_store.as_ref();
    let settings: Vec<(&str, Change)> = vec![
        ("as set up", Box::new(|| {})),
        (
            "default TLP amber",
            Box::new(|| set_default_tlp(store, Tlp::Amber).unwrap()),
        ),
        (
            "AMBER audience Clinic instead of Lab",
            Box::new(|| {
                change_collection(
                    store,
                    &h.collection,
                    &CollectionChange {
                        public: None,
                        amber: Some(vec!["Clinic".into()]),
                    },
                )
                .unwrap();
            }),
        ),
        (
            "quarantined",
            Box::new(|| {
                for n in [101, 202] {
                    let key = format!("{QUARANTINE_PREFIX}{}/{}", h.collection, id_of(n));
                    store.set_setting(&key, Some("{}")).unwrap();
                }
            }),
        ),
        (
            "Mercy named, Lab anonymous",
            Box::new(|| {
                for (org, attribution) in [
                    ("Mercy", Attribution::Named),
                    ("Lab", Attribution::Anonymous),
                ] {
                    let change = OrgChange {
                        attribution: Some(attribution),
                        ..OrgChange::default()
                    };
                    change_org(store, org, &change).unwrap();
                }
            }),
        ),
        (
            "default TLP red",
            Box::new(|| set_default_tlp(store, Tlp::Red).unwrap()),
        ),
    ];
    let readers = callers(&h);
    let with_facts: Vec<(usize, &ward_hub_api::ReadFacts)> = facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.as_ref()?)))
        .collect();
    let only: Vec<&ward_hub_api::ReadFacts> = with_facts.iter().map(|(_, f)| *f).collect();
    let mut served_somewhere = (0, 0);
    for (name, change) in &settings {
        change();
        // A policy that reads every setting afresh (the hub's own rereads them within
        // SETTINGS_TTL), over the facts made before any change.
        let policy = Policy::new(dyn_store.clone()).unwrap();
        for caller in &readers {
            let taxii = policy.check_page(caller, &collection, &versions);
            let decided = policy
                .may_read(caller, &collection, &only)
                .expect("the policy decides from its own facts");
            for ((i, _), may) in with_facts.iter().zip(decided) {
                let hidden = taxii[*i] == ReadDecision::Hide;
                assert_eq!(
                    may, !hidden,
                    "{name}: {caller:?} reading {}",
                    versions[*i].json
                );
                if may {
                    served_somewhere.0 += 1;
                } else {
                    served_somewhere.1 += 1;
                }
            }
        }
    }
    // Both answers were given many times (the comparison is not of all-hidden lists).
    assert!(
        served_somewhere.0 > 100 && served_somewhere.1 > 100,
        "{served_somewhere:?}"
    );
    // Facts a filter did not make are not decided from (the block list reads those
    // versions through TAXII).
    let foreign = ward_hub_api::ReadFacts::new(42_u8);
    assert!(h
        .policy
        .may_read(&readers[1], &collection, &[&foreign])
        .is_none());
}
