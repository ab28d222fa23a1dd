//! Property test of issue 7: random markings (object-level and granular, TLP 2.0 and 1.0,
//! statements and markings the hub does not know), random recipient lists, submitters,
//! defaults and readers; the policy never serves an object or a property above the
//! reader's clearance, never serves an anonymous submitter's identity to another
//! organization, and does not hold back what the reader may read.

use proptest::prelude::*;
use serde_json::{json, Value};
use ward_policy::ext::{AMBER_RECIPIENTS, RED_RECIPIENTS, WARD_EXTENSION_ID};
use ward_policy::view::{view, View, ViewContext};
use ward_policy::{Reader, ReaderKind};
use ward_stix::Tlp;

const STATEMENT: &str = "marking-definition--00000000-0000-4000-8000-0000000057a7";
const UNKNOWN: &str = "marking-definition--00000000-0000-4000-8000-00000000dead";
const AUTHOR: &str = "identity--00000000-0000-4000-8000-00000000a070";
const HUB: &str = "identity--00000000-0000-4000-8000-000000000ab0";

/// Every marking the test uses, with what it means: `Some(Some(level))` a TLP level,
/// `Some(None)` a statement, `None` unknown.
const MARKS: [(&str, Option<Option<Tlp>>); 11] = [
    (
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Some(Some(Tlp::Clear)),
    ),
    (
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Some(Some(Tlp::Green)),
    ),
    (
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Some(Some(Tlp::Amber)),
    ),
    (
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Some(Some(Tlp::AmberStrict)),
    ),
    (
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        Some(Some(Tlp::Red)),
    ),
    (
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        Some(Some(Tlp::Clear)),
    ),
    (
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        Some(Some(Tlp::Green)),
    ),
    (
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        Some(Some(Tlp::Amber)),
    ),
    (
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
        Some(Some(Tlp::Red)),
    ),
    (STATEMENT, Some(None)),
    (UNKNOWN, None),
];

/// Selectable properties, each holding a value found nowhere else in the object.
const SELECTORS: [(&str, &str); 6] = [
    ("name", "sentinel-name"),
    ("description", "sentinel-description"),
    ("labels.[0]", "sentinel-label-0"),
    ("labels.[1]", "sentinel-label-1"),
    (
        "external_references.[0].url",
        "https://sentinel-url.example.net/x",
    ),
    ("pattern", "198.51.100.77"),
];

const ORGS: [&str; 3] = ["org-1", "org-2", "org-3"];
const USERS: [&str; 6] = [
    "org-1-a", "org-1-b", "org-2-a", "org-2-b", "org-3-a", "org-3-b",
];
const LEVELS: [Tlp; 5] = [
    Tlp::Clear,
    Tlp::Green,
    Tlp::Amber,
    Tlp::AmberStrict,
    Tlp::Red,
];

#[derive(Clone, Debug)]
struct Case {
    object_marks: Vec<usize>,
    granular: Vec<(usize, Vec<usize>)>,
    amber_named: Option<Vec<usize>>,
    red_named: Option<Vec<usize>>,
    collection_amber: Vec<usize>,
    submitter: Option<usize>,
    named: bool,
    default_tlp: usize,
    reader: Option<(usize, u8)>,
}

fn case() -> impl Strategy<Value = Case> {
    let subset = |n: usize, max: usize| proptest::collection::vec(0..n, 0..=max);
    (
        subset(MARKS.len(), 3),
        proptest::collection::vec(
            (
                0..MARKS.len(),
                proptest::collection::vec(0..SELECTORS.len(), 1..3),
            ),
            0..4,
        ),
        proptest::option::of(subset(ORGS.len(), 3)),
        proptest::option::of(subset(USERS.len(), 3)),
        subset(ORGS.len(), 2),
        proptest::option::of(0..USERS.len()),
        any::<bool>(),
        0..LEVELS.len(),
        proptest::option::of((0..USERS.len(), 0u8..2)),
    )
        .prop_map(
            |(
                object_marks,
                granular,
                amber_named,
                red_named,
                collection_amber,
                submitter,
                named,
                default_tlp,
                reader,
            )| Case {
                object_marks,
                granular,
                amber_named,
                red_named,
                collection_amber,
                submitter,
                named,
                default_tlp,
                reader,
            },
        )
}

fn org_of(user: usize) -> &'static str {
    ORGS[user / 2]
}

fn object(c: &Case) -> Value {
    let mut o = json!({
        "type": "indicator", "spec_version": "2.1",
        "id": "indicator--00000000-0000-4000-8000-000000000001",
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "created_by_ref": AUTHOR,
        "name": "sentinel-name", "description": "sentinel-description",
        "labels": ["sentinel-label-0", "sentinel-label-1"],
        "external_references": [{"source_name": "src", "description": "kept",
                                 "url": "https://sentinel-url.example.net/x"}],
        "pattern": "[ipv4-addr:value = '198.51.100.77']", "pattern_type": "stix",
        "valid_from": "2024-01-01T00:00:00Z",
    });
    if !c.object_marks.is_empty() {
        o["object_marking_refs"] = c.object_marks.iter().map(|&m| json!(MARKS[m].0)).collect();
    }
    if !c.granular.is_empty() {
        o["granular_markings"] = c
            .granular
            .iter()
            .map(|(m, sels)| {
                json!({"marking_ref": MARKS[*m].0,
                       "selectors": sels.iter().map(|&s| SELECTORS[s].0).collect::<Vec<_>>()})
            })
            .collect();
    }
    let mut ext = serde_json::Map::new();
    if let Some(orgs) = &c.amber_named {
        ext.insert(
            AMBER_RECIPIENTS.into(),
            orgs.iter()
                .map(|&o| json!(format!("identity--{}", ORGS[o])))
                .collect(),
        );
    }
    if let Some(users) = &c.red_named {
        ext.insert(
            RED_RECIPIENTS.into(),
            users
                .iter()
                .map(|&u| json!(format!("identity--{}", USERS[u])))
                .collect(),
        );
    }
    if !ext.is_empty() {
        ext.insert("extension_type".into(), json!("property-extension"));
        o["extensions"] = json!({ WARD_EXTENSION_ID: ext });
    }
    o
}

/// The rules, written again from the issue, independently of the crate.
fn oracle_cleared(level: Tlp, c: &Case) -> bool {
    let Some((user, kind)) = c.reader else {
        return level == Tlp::Clear;
    };
    let org = org_of(user);
    let person = kind == 0;
    match level {
        Tlp::Clear | Tlp::Green => true,
        Tlp::Amber | Tlp::AmberStrict => {
            let named: Vec<&str> = match &c.amber_named {
                Some(list) => list.iter().map(|&o| ORGS[o]).collect(),
                None => c.collection_amber.iter().map(|&o| ORGS[o]).collect(),
            };
            c.submitter.map(org_of) == Some(org) || named.contains(&org)
        }
        Tlp::Red => {
            let named = c.red_named.clone().unwrap_or_default();
            person && (c.submitter == Some(user) || named.contains(&user))
        }
    }
}

/// `None`: not understood; else whether the reader may read what the marking covers.
fn mark_allows(m: usize, c: &Case) -> Option<bool> {
    match MARKS[m].1 {
        None => None,
        Some(None) => Some(true),
        Some(Some(level)) => Some(oracle_cleared(level, c)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn nothing_above_clearance_is_ever_served(c in case()) {
        let o = object(&c);
        let reader = match c.reader {
            None => Reader::anonymous(),
            Some((u, kind)) => Reader {
                org_id: org_of(u).into(),
                user_id: USERS[u].into(),
                kind: if kind == 0 { ReaderKind::Person } else { ReaderKind::Machine },
            },
        };
        let amber: Vec<String> = c.collection_amber.iter().map(|&o| ORGS[o].to_string()).collect();
        let submitter_user = c.submitter.map(|u| USERS[u]);
        let ctx = ViewContext {
            reader: &reader,
            submitter_org: c.submitter.map(org_of),
            submitter_user,
            submitter_named: c.named,
            default_tlp: LEVELS[c.default_tlp],
            collection_amber: &amber,
            hub_identity: HUB,
            is_statement: &|id| id == STATEMENT,
            hidden_identity: &|_| false,
        };
        let got = view(&o, &ctx);
        let served = match &got {
            View::Hidden(_) => None,
            View::Unchanged => Some(o.clone()),
            View::Changed(v) => Some(v.clone()),
        };

        let unknown = c.object_marks.iter().any(|&m| MARKS[m].1.is_none());
        let level = c.object_marks.iter().filter_map(|&m| MARKS[m].1.flatten()).max()
            .unwrap_or(LEVELS[c.default_tlp]);
        let object_ok = !unknown && oracle_cleared(level, &c);
        let withheld: Vec<usize> = c.granular.iter()
            .filter(|(m, _)| mark_allows(*m, &c) != Some(true))
            .flat_map(|(_, sels)| sels.clone())
            .collect();

        match served {
            None => {
                // Held back only for a reason: not cleared, or what is left would be broken.
                let broken = withheld.contains(&5);
                prop_assert!(!object_ok || broken, "held back without reason: {:?}", got);
            }
            Some(v) => {
                prop_assert!(object_ok, "served above clearance: {}", v);
                let text = v.to_string();
                for s in &withheld {
                    prop_assert!(!text.contains(SELECTORS[*s].1),
                        "property {} served above clearance: {}", SELECTORS[*s].0, text);
                }
                let own = c.reader.is_some() && c.submitter.map(org_of) == c.reader.map(|(u, _)| org_of(u));
                if !own {
                    prop_assert!(c.named || !text.contains(AUTHOR), "author served: {}", text);
                    prop_assert!(!text.contains(RED_RECIPIENTS) && !text.contains(AMBER_RECIPIENTS));
                }
                let problems: Vec<_> = ward_stix::validate::validate_object(&v, "$")
                    .into_iter()
                    .filter(|p| p.severity == ward_stix::validate::Severity::Error)
                    .collect();
                prop_assert!(problems.is_empty(), "invalid STIX served: {:?} {}", problems, text);
            }
        }
    }
}
