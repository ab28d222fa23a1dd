//! Scrubbing STIX 2.1 documents: every free-text property goes through the text scrubber;
//! objects that only describe the organization's inside (private addresses, its own e-mail
//! addresses and hosts) are dropped, and so is every reference to them; a user account or a
//! person's identity stays with the properties that name them replaced, so what points at
//! it (a sighting, an opinion) keeps its meaning. Identifiers, references, timestamps,
//! hashes and vocabularies are left alone.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::classify::{self as c, Reach};
use crate::{Finding, Kind, ScrubError, Scrubber};

/// How deep a document may nest before it is refused (STIX objects need far less).
const MAX_DEPTH: usize = 64;

/// A finding inside a STIX document: `pointer` is the RFC 6901 JSON pointer of the string
/// property in the input, and the finding's span is in bytes of that string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StixFinding {
    pub pointer: String,
    #[serde(flatten)]
    pub finding: Finding,
}

/// An object left out of the scrubbed document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DroppedObject {
    /// JSON pointer of the object in the input.
    pub pointer: String,
    pub id: String,
    pub object_type: String,
    pub reason: &'static str,
}

/// The result of scrubbing a STIX document.
#[derive(Clone, Debug, PartialEq)]
pub struct ScrubbedStix {
    /// The same shape as the input (bundle, envelope, array or object); `null` when the
    /// input was a single object that had to be dropped.
    pub document: Value,
    pub findings: Vec<StixFinding>,
    pub dropped: Vec<DroppedObject>,
}

/// [`ScrubbedStix`] borrowing the input where nothing changed.
#[derive(Clone, Debug, PartialEq)]
pub struct ScrubbedStixRef<'a> {
    /// `None` when the input was a single object that had to be dropped.
    pub document: Option<Cow<'a, Value>>,
    pub findings: Vec<StixFinding>,
    pub dropped: Vec<DroppedObject>,
}

/// Keys whose string values are structure, not prose.
fn structural(key: &str) -> bool {
    key.ends_with("_ref")
        || key.ends_with("_refs")
        || matches!(
            key,
            "type"
                | "id"
                | "spec_version"
                | "pattern"
                | "pattern_type"
                | "pattern_version"
                | "lang"
                | "identity_class"
                | "definition_type"
                | "hashes"
                | "kill_chain_phases"
                | "granular_markings"
                | "created"
                | "modified"
                | "valid_from"
                | "valid_until"
                | "first_seen"
                | "last_seen"
                | "first_observed"
                | "last_observed"
                | "published"
                | "extension_type"
                | "encryption_algorithm"
                | "mime_type"
                | "protocols"
        )
}

/// Appends `key` as one RFC 6901 pointer segment (`~` as `~0`, `/` as `~1`).
fn push_escaped(pointer: &mut String, key: &str) {
    for ch in key.chars() {
        match ch {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

pub fn scrub(scrubber: &Scrubber, doc: &Value) -> Result<ScrubbedStix, ScrubError> {
    let out = scrub_borrowed(scrubber, doc)?;
    Ok(ScrubbedStix {
        document: out.document.map_or(Value::Null, Cow::into_owned),
        findings: out.findings,
        dropped: out.dropped,
    })
}

/// [`scrub`] without copying what it does not change: the document is borrowed from the
/// input when nothing in it changed, and `None` when it was a lone object that was dropped.
pub fn scrub_borrowed<'a>(
    scrubber: &Scrubber,
    doc: &'a Value,
) -> Result<ScrubbedStixRef<'a>, ScrubError> {
    let mut out = ScrubbedStixRef {
        document: None,
        findings: Vec::new(),
        dropped: Vec::new(),
    };
    match doc {
        Value::Object(map)
            if map.get("objects").is_some()
                || map.get("type").and_then(Value::as_str) == Some("bundle") =>
        {
            let objects = match map.get("objects") {
                Some(Value::Array(a)) => a.as_slice(),
                None => &[],
                Some(_) => {
                    return Err(ScrubError::NotStix {
                        path: "/objects".into(),
                        expected: "an array of STIX objects",
                    })
                }
            };
            let mut kept = scrub_objects(scrubber, objects, "/objects", &mut out)?;
            let mut copy = Map::new();
            let mut pointer = String::new();
            for (k, v) in map {
                if k == "objects" {
                    let kept = std::mem::take(&mut kept);
                    let kept = kept.into_iter().map(Cow::into_owned).collect();
                    copy.insert(k.clone(), Value::Array(kept));
                } else if structural(k) || k == "more" || k == "next" {
                    copy.insert(k.clone(), v.clone());
                } else {
                    pointer.clear();
                    pointer.push('/');
                    push_escaped(&mut pointer, k);
                    let new = scrub_value(scrubber, v, &mut pointer, 1, &mut out.findings)?;
                    copy.insert(k.clone(), new.unwrap_or_else(|| v.clone()));
                }
            }
            out.document = Some(Cow::Owned(Value::Object(copy)));
        }
        Value::Object(map) if map.get("type").is_some_and(Value::is_string) => {
            let kept = scrub_objects(scrubber, std::slice::from_ref(doc), "", &mut out)?;
            // A lone object has no index in its pointer.
            for f in &mut out.findings {
                if let Some(rest) = f.pointer.strip_prefix("/0") {
                    f.pointer = rest.to_owned();
                }
            }
            for d in &mut out.dropped {
                d.pointer = d.pointer.trim_start_matches("/0").to_owned();
            }
            out.document = kept.into_iter().next();
        }
        Value::Array(items) => {
            let kept = scrub_objects(scrubber, items, "", &mut out)?;
            let kept = kept.into_iter().map(Cow::into_owned).collect();
            out.document = Some(Cow::Owned(Value::Array(kept)));
        }
        _ => {
            return Err(ScrubError::NotStix {
                path: "/".into(),
                expected: "a STIX bundle, a STIX object, an array of objects or a TAXII envelope",
            })
        }
    }
    Ok(out)
}

fn scrub_objects<'a>(
    scrubber: &Scrubber,
    objects: &'a [Value],
    base: &str,
    out: &mut ScrubbedStixRef<'_>,
) -> Result<Vec<Cow<'a, Value>>, ScrubError> {
    let mut dropped_ids: HashSet<String> = HashSet::new();
    let mut keep = vec![true; objects.len()];
    for (i, obj) in objects.iter().enumerate() {
        let pointer = format!("{base}/{i}");
        let Value::Object(map) = obj else {
            return Err(ScrubError::NotStix {
                path: pointer,
                expected: "a STIX object (a JSON object)",
            });
        };
        if let Some(reason) = internal_object(scrubber, map) {
            keep[i] = false;
            drop_object(map, pointer, reason, &mut dropped_ids, out);
        }
    }
    // Dropping can orphan objects that need their references (a relationship whose end
    // was internal), so repeat until nothing more falls.
    loop {
        let mut changed = false;
        for (i, obj) in objects.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let Value::Object(map) = obj else { continue };
            if let Some(reason) = orphaned(map, &dropped_ids) {
                keep[i] = false;
                changed = true;
                drop_object(map, format!("{base}/{i}"), reason, &mut dropped_ids, out);
            }
        }
        if !changed {
            break;
        }
    }
    // A message's sender is the attacker's address: its value stays as it is, even at a
    // consumer mail provider, where an address in prose would be taken for a person's.
    let senders: HashSet<&str> = objects
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|m| {
            ["from_ref", "sender_ref"]
                .into_iter()
                .filter_map(|k| m.get(k).and_then(Value::as_str))
        })
        .collect();
    let mut kept = Vec::new();
    let mut pointer = String::new();
    for (i, obj) in objects.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        pointer.clear();
        {
            use std::fmt::Write as _;
            let _ = write!(pointer, "{base}/{i}");
        }
        // Nothing dropped (the usual case) leaves nothing to prune: skip the copy.
        let pruned = if dropped_ids.is_empty() {
            Cow::Borrowed(obj)
        } else {
            Cow::Owned(prune_refs(obj, &dropped_ids))
        };
        let scrubbed = scrub_value(scrubber, &pruned, &mut pointer, 1, &mut out.findings)?;
        let mut scrubbed = match scrubbed {
            Some(changed) => Cow::Owned(changed),
            None => pruned,
        };
        redact_person(obj, &pointer, &mut scrubbed, &mut out.findings);
        let sender = obj.get("type").and_then(Value::as_str) == Some("email-addr")
            && obj
                .get("id")
                .and_then(Value::as_str)
                .is_some_and(|id| senders.contains(id));
        if let (true, Cow::Owned(Value::Object(map)), Some(value)) =
            (sender, &mut scrubbed, obj.get("value"))
        {
            let at = format!("{pointer}/value");
            out.findings.retain(|f| f.pointer != at);
            map.insert("value".into(), value.clone());
        }
        kept.push(scrubbed);
    }
    Ok(kept)
}

/// The properties of a user account or a person's identity that name them, with what
/// replaces each. The object itself stays (a sighting, an opinion or a relationship that
/// points at it keeps its meaning and its indicators); only these values go, whole.
fn person_properties(map: &Map<String, Value>) -> &'static [(&'static str, Kind)] {
    match str_prop(map, "type") {
        "user-account" => &[
            ("user_id", Kind::User),
            ("account_login", Kind::User),
            ("display_name", Kind::Name),
            ("credential", Kind::Id),
        ],
        "identity" if str_prop(map, "identity_class") == "individual" => &[("name", Kind::Name)],
        _ => &[],
    }
}

/// Replaces the naming properties of a user account or a person's identity ([`person_properties`]).
fn redact_person(
    obj: &Value,
    pointer: &str,
    scrubbed: &mut Cow<'_, Value>,
    findings: &mut Vec<StixFinding>,
) {
    let Value::Object(map) = obj else { return };
    for &(key, kind) in person_properties(map) {
        let Some(Value::String(value)) = map.get(key) else {
            continue;
        };
        // Empty, or already a placeholder (scrubbing twice changes nothing more).
        if value.is_empty() || Kind::ALL.iter().any(|k| k.placeholder() == value) {
            continue;
        }
        let mut at = format!("{pointer}/");
        push_escaped(&mut at, key);
        findings.retain(|f| f.pointer != at);
        findings.push(StixFinding {
            pointer: at,
            finding: Finding {
                kind,
                original_span: 0..value.len(),
                placeholder: kind.placeholder(),
                reason: "a property naming a person or their account",
            },
        });
        if let Value::Object(out) = scrubbed.to_mut() {
            out.insert(key.into(), Value::String(kind.placeholder().into()));
        }
    }
}

/// Records that the object at `pointer` is dropped for `reason`, and adds its id to those
/// whose references must go.
fn drop_object(
    map: &Map<String, Value>,
    pointer: String,
    reason: &'static str,
    dropped_ids: &mut HashSet<String>,
    out: &mut ScrubbedStixRef<'_>,
) {
    let id = str_prop(map, "id").to_owned();
    dropped_ids.insert(id.clone());
    out.dropped.push(DroppedObject {
        pointer,
        id,
        object_type: str_prop(map, "type").to_owned(),
        reason,
    });
}

fn str_prop<'m>(map: &'m Map<String, Value>, key: &str) -> &'m str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Why an object must not leave at all, if it must not.
fn internal_object(scrubber: &Scrubber, map: &Map<String, Value>) -> Option<&'static str> {
    let value = str_prop(map, "value");
    match str_prop(map, "type") {
        "ipv4-addr" => (c::ipv4(value) == Some(Reach::Internal))
            .then_some("private, loopback or link-local address"),
        "ipv6-addr" => (c::ipv6(value) == Some(Reach::Internal))
            .then_some("private, loopback or link-local address"),
        "domain-name" => internal_host(scrubber, value).then_some("host name of the organization"),
        "email-addr" => {
            let domain = value.rsplit_once('@').map_or("", |(_, d)| d);
            internal_host(scrubber, domain).then_some("e-mail address on the organization's domain")
        }
        "url" => {
            let host = value.split_once("://").map_or(value, |(_, r)| r);
            let host = host.split(['/', '?', '#']).next().unwrap_or("");
            let host = host
                .rsplit('@')
                .next()
                .unwrap_or("")
                .split(':')
                .next()
                .unwrap_or("");
            (internal_host(scrubber, host) || !host.contains('.'))
                .then_some("address of an internal web resource")
        }
        "mac-addr" => Some("hardware address of a device"),
        "indicator" => pattern_names_internal(scrubber, str_prop(map, "pattern"))
            .then_some("its pattern names an internal or personal value"),
        _ => None,
    }
}

fn internal_host(scrubber: &Scrubber, host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    scrubber.is_org_host(&h)
        || c::internal_suffix(&h)
        || h == "localhost"
        || c::ipv4(&h) == Some(Reach::Internal)
        || c::ipv6(&h) == Some(Reach::Internal)
}

/// Does any quoted literal of a STIX pattern contain something the scrubber would remove?
/// A pattern cannot hold a placeholder and still mean the same, so such an indicator goes.
fn pattern_names_internal(scrubber: &Scrubber, pattern: &str) -> bool {
    let mut literal = String::new();
    let mut inside = false;
    let mut chars = pattern.chars();
    while let Some(ch) = chars.next() {
        if !inside {
            inside = ch == '\'';
            continue;
        }
        match ch {
            '\\' => {
                if let Some(next) = chars.next() {
                    literal.push(next);
                }
            }
            '\'' => {
                inside = false;
                if !scrubber.scrub_text(&literal).findings.is_empty() {
                    return true;
                }
                literal.clear();
            }
            _ => literal.push(ch),
        }
    }
    false
}

/// Why an object can no longer stand once others were dropped, if it cannot.
fn orphaned(map: &Map<String, Value>, dropped: &HashSet<String>) -> Option<&'static str> {
    if dropped.is_empty() {
        return None;
    }
    let gone = |key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .is_some_and(|id| dropped.contains(id))
    };
    let all_gone = |key: &str| match map.get(key) {
        Some(Value::Array(ids)) => {
            !ids.is_empty()
                && ids
                    .iter()
                    .all(|v| v.as_str().is_some_and(|id| dropped.contains(id)))
        }
        _ => false,
    };
    match str_prop(map, "type") {
        "relationship" if gone("source_ref") || gone("target_ref") => {
            Some("one end of the relationship was internal")
        }
        "sighting" if gone("sighting_of_ref") => Some("what was sighted was internal"),
        "report" | "note" | "opinion" | "grouping" | "observed-data" if all_gone("object_refs") => {
            Some("every object it referred to was internal")
        }
        _ => None,
    }
}

/// A copy of the object without references to dropped objects.
fn prune_refs(obj: &Value, dropped: &HashSet<String>) -> Value {
    let Value::Object(map) = obj else {
        return obj.clone();
    };
    let mut copy = Map::new();
    for (k, v) in map {
        if k.ends_with("_ref") && v.as_str().is_some_and(|id| dropped.contains(id)) {
            continue;
        }
        if k.ends_with("_refs") {
            if let Value::Array(ids) = v {
                let left: Vec<Value> = ids
                    .iter()
                    .filter(|x| !x.as_str().is_some_and(|id| dropped.contains(id)))
                    .cloned()
                    .collect();
                if left.is_empty() && !ids.is_empty() {
                    continue;
                }
                copy.insert(k.clone(), Value::Array(left));
                continue;
            }
        }
        copy.insert(k.clone(), v.clone());
    }
    Value::Object(copy)
}

/// Scrubs one value; `None` when nothing in it changed (the usual case), so unchanged
/// objects are never copied. `pointer` is the value's JSON pointer, extended and restored
/// in place; a finding takes its own copy only when there is one.
fn scrub_value(
    scrubber: &Scrubber,
    v: &Value,
    pointer: &mut String,
    depth: usize,
    findings: &mut Vec<StixFinding>,
) -> Result<Option<Value>, ScrubError> {
    if depth > MAX_DEPTH {
        return Err(ScrubError::NotStix {
            path: pointer.clone(),
            expected: "nesting no deeper than 64 levels",
        });
    }
    let at = pointer.len();
    Ok(match v {
        Value::String(s) => {
            let scrubbed = scrubber.scrub_text(s);
            if scrubbed.findings.is_empty() {
                return Ok(None);
            }
            for f in scrubbed.findings {
                findings.push(StixFinding {
                    pointer: pointer.clone(),
                    finding: f,
                });
            }
            Some(Value::String(scrubbed.text))
        }
        Value::Array(items) => {
            let mut changed: Vec<(usize, Value)> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                use std::fmt::Write as _;
                let _ = write!(pointer, "/{i}");
                let result = scrub_value(scrubber, item, pointer, depth + 1, findings);
                pointer.truncate(at);
                if let Some(new) = result? {
                    changed.push((i, new));
                }
            }
            if changed.is_empty() {
                return Ok(None);
            }
            let mut out = items.clone();
            for (i, new) in changed {
                out[i] = new;
            }
            Some(Value::Array(out))
        }
        Value::Object(map) => {
            let mut changed: Vec<(&String, Value)> = Vec::new();
            for (k, item) in map {
                if structural(k) {
                    continue;
                }
                pointer.push('/');
                push_escaped(pointer, k);
                let result = scrub_value(scrubber, item, pointer, depth + 1, findings);
                pointer.truncate(at);
                if let Some(new) = result? {
                    changed.push((k, new));
                }
            }
            if changed.is_empty() {
                return Ok(None);
            }
            // Replacing a member keeps its place, so the copy has the input's member order.
            let mut out = map.clone();
            for (k, new) in changed {
                out.insert(k.clone(), new);
            }
            Some(Value::Object(out))
        }
        _ => None,
    })
}
