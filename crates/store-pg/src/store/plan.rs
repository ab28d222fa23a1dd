//! Deciding what a batch does before it touches the database: which versions are duplicates,
//! the `date_added` of each new one, and the first/last flags over stored and new versions.

use std::collections::{HashMap, HashSet};

use ward_stix::Timestamp;
use ward_store::{version_key, AddOutcome, NewVersion};

/// What the database already holds for the ids of one batch.
#[derive(Default)]
pub(crate) struct Known {
    /// id → (smallest, largest) stored version key.
    pub bounds: HashMap<String, (String, String)>,
    /// (id, version key) pairs already stored, among those the batch could add.
    pub present: HashSet<(String, String)>,
    /// (id, bytes) of stored versions, for objects without `modified`/`created`, whose
    /// identity is their bytes.
    pub same_bytes: HashSet<(String, String)>,
}

/// One version the batch will insert.
pub(crate) struct NewRow<'a> {
    pub object: &'a NewVersion,
    pub version_key: String,
    pub version: String,
    pub date_added: i64,
    pub is_first: bool,
    pub is_last: bool,
}

pub(crate) struct Plan<'a> {
    pub outcomes: Vec<AddOutcome>,
    pub rows: Vec<NewRow<'a>>,
    pub last: i64,
    /// (id, version key) of stored versions that stop being the first / the last.
    pub unset_first: Vec<(String, String)>,
    pub unset_last: Vec<(String, String)>,
}

/// Decides, without touching the database, what adding `objects` does: the same rules as the
/// embedded store (a version already stored is a duplicate; an object without a version is
/// versioned by its `date_added` and is a duplicate when its exact bytes are stored).
pub(crate) fn plan<'a>(objects: &'a [NewVersion], known: &Known, now: i64, last: i64) -> Plan<'a> {
    let mut last = last;
    let mut outcomes = Vec::with_capacity(objects.len());
    let mut rows: Vec<NewRow<'a>> = Vec::new();
    let mut added: HashSet<(&str, String)> = HashSet::new();
    let mut added_bytes: HashSet<(&str, &str)> = HashSet::new();
    for object in objects {
        let date_added = now.max(last + 1);
        let duplicate = || AddOutcome::Duplicate {
            version: object.version.map(|t| t.to_string()).unwrap_or_default(),
        };
        let (vk, version) = match object.version {
            Some(ts) => (version_key(ts), ts.to_string()),
            None => {
                let pair = (object.id.clone(), object.json.clone());
                if known.same_bytes.contains(&pair)
                    || added_bytes.contains(&(object.id.as_str(), object.json.as_str()))
                {
                    outcomes.push(duplicate());
                    continue;
                }
                let ts = Timestamp::from_micros(date_added);
                (version_key(ts), ts.to_string())
            }
        };
        if known.present.contains(&(object.id.clone(), vk.clone()))
            || added.contains(&(object.id.as_str(), vk.clone()))
        {
            outcomes.push(duplicate());
            continue;
        }
        added.insert((object.id.as_str(), vk.clone()));
        if object.version.is_none() {
            added_bytes.insert((object.id.as_str(), object.json.as_str()));
        }
        last = date_added;
        outcomes.push(AddOutcome::Added {
            date_added,
            version: version.clone(),
        });
        rows.push(NewRow {
            object,
            version_key: vk,
            version,
            date_added,
            is_first: false,
            is_last: false,
        });
    }
    // First and last flags over stored and new versions together.
    let mut span: HashMap<&str, (String, String)> = HashMap::new();
    for row in &rows {
        let id = row.object.id.as_str();
        let entry = span.entry(id).or_insert_with(|| {
            known
                .bounds
                .get(id)
                .cloned()
                .unwrap_or_else(|| (row.version_key.clone(), row.version_key.clone()))
        });
        if row.version_key < entry.0 {
            entry.0 = row.version_key.clone();
        }
        if row.version_key > entry.1 {
            entry.1 = row.version_key.clone();
        }
    }
    for row in &mut rows {
        if let Some((min, max)) = span.get(row.object.id.as_str()) {
            row.is_first = row.version_key == *min;
            row.is_last = row.version_key == *max;
        }
    }
    let mut unset_first = Vec::new();
    let mut unset_last = Vec::new();
    for (id, (min, max)) in &span {
        if let Some((old_min, old_max)) = known.bounds.get(*id) {
            if min != old_min {
                unset_first.push((id.to_string(), old_min.clone()));
            }
            if max != old_max {
                unset_last.push((id.to_string(), old_max.clone()));
            }
        }
    }
    Plan {
        outcomes,
        rows,
        last,
        unset_first,
        unset_last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(id: &str, modified: Option<&str>, json: &str) -> NewVersion {
        NewVersion {
            id: id.into(),
            object_type: "indicator".into(),
            spec_version: "2.1".into(),
            version: modified.map(|m| Timestamp::parse(m).unwrap()),
            json: json.into(),
        }
    }

    #[test]
    fn plan_marks_duplicates_and_flags_like_the_embedded_store() {
        let mut known = Known::default();
        let feb = version_key(Timestamp::parse("2024-02-01T00:00:00Z").unwrap());
        known.bounds.insert("a".into(), (feb.clone(), feb.clone()));
        known.present.insert(("a".into(), feb.clone()));
        let batch = [
            v("a", Some("2024-02-01T00:00:00Z"), "{}"), // stored already
            v("a", Some("2024-03-01T00:00:00Z"), "{}"), // new last
            v("a", Some("2024-01-01T00:00:00Z"), "{}"), // new first
            v("b", None, "{\"x\":1}"),
            v("b", None, "{\"x\":1}"), // same bytes in the batch
            v("a", Some("2024-03-01T00:00:00Z"), "{}"), // repeated in the batch
        ];
        let p = plan(&batch, &known, 100, 500);
        let added: Vec<bool> = p
            .outcomes
            .iter()
            .map(|o| matches!(o, AddOutcome::Added { .. }))
            .collect();
        assert_eq!(added, [false, true, true, true, false, false]);
        let dates: Vec<i64> = p.rows.iter().map(|r| r.date_added).collect();
        assert_eq!(dates, [501, 502, 503], "strictly after last, clock behind");
        assert!(p.rows[0].is_last && !p.rows[0].is_first);
        assert!(p.rows[1].is_first && !p.rows[1].is_last);
        assert_eq!(p.unset_first, [("a".to_string(), feb.clone())]);
        assert_eq!(p.unset_last, [("a".to_string(), feb)]);
        assert_eq!(p.rows[2].version, Timestamp::from_micros(503).to_string());
        assert_eq!(p.last, 503);
    }
}
