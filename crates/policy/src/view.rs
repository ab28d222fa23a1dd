//! What one reader gets of one stored object: the object as stored, a changed copy, or
//! nothing. Pure: the caller supplies what the store knows (submitter, attribution, AMBER
//! audience, which non-TLP markings are statements), so the rules can be tested, and
//! property-tested, without a hub.
//!
//! In order: the object-level TLP (the most restrictive standard TLP marking, 1.0 mapped to
//! 2.0; the hub's default when unmarked; held back when any marking is not understood) must
//! be within the reader's clearance; properties under a granular marking above the clearance
//! (or not understood) are removed; then, unless the reader belongs to the submitting
//! organization, an anonymous submitter's identity is replaced by the hub's and the
//! recipient lists of ward's extension are removed; and any reference, at any depth, to the
//! identity of an anonymous organization other than the reader's becomes the hub's too. A copy that granular removal left
//! invalid is held back rather than served broken.

use serde_json::{Map, Value};
use ward_stix::tlp::Tlp;
use ward_stix::validate::{validate_object, Severity};

use crate::clearance::{cleared, Audience, Reader};
use crate::ext;

/// How the hub reads a marking reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkingClass {
    Tlp(Tlp),
    /// A marking that restricts nothing (a copyright or terms statement).
    Statement,
    /// Anything else: the object (or property) it marks is held back.
    Unknown,
}

/// Everything about one object and one reader that is not in the object itself.
pub struct ViewContext<'a> {
    pub reader: &'a Reader,
    pub submitter_org: Option<&'a str>,
    pub submitter_user: Option<&'a str>,
    /// The submitting organization chose `attribution: named`.
    pub submitter_named: bool,
    /// The level of an object without a TLP marking.
    pub default_tlp: Tlp,
    /// The collection's AMBER audience (organization ids).
    pub collection_amber: &'a [String],
    /// The STIX identity id the hub serves in place of anonymous submitters.
    pub hub_identity: &'a str,
    /// Is this marking-definition id a statement the hub knows?
    pub is_statement: &'a dyn Fn(&str) -> bool,
    /// Is this identity id the identity of an anonymous organization, hidden from this reader?
    /// Every reference to it, in any property at any depth, is served as the hub's identity,
    /// whoever submitted the object that holds it.
    pub hidden_identity: &'a dyn Fn(&str) -> bool,
}

impl ViewContext<'_> {
    pub fn classify(&self, marking_id: &str) -> MarkingClass {
        match Tlp::from_marking_id(marking_id) {
            Some(level) => MarkingClass::Tlp(level),
            None if (self.is_statement)(marking_id) => MarkingClass::Statement,
            None => MarkingClass::Unknown,
        }
    }
}

/// What a reader gets.
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    Unchanged,
    Changed(Value),
    /// Not served; the reason is for logs and tests, never for the reader.
    Hidden(&'static str),
}

/// Substrings without which an object needs no parsing: it carries no marking, no author,
/// no identity and no ward extension, so only the default TLP decides. A `\u` escape could
/// spell any of them, so it sends the object down the full path too.
const NEEDS_PARSING: [&str; 7] = [
    "marking",
    "created_by_ref",
    "where_sighted_refs",
    "\"authors\"",
    "identity",
    "extension-definition--",
    "\\u",
];

/// The answer for raw stored JSON when it can be given without parsing, else `None`. Only
/// ever "unchanged": whether a reader the default level does not clear may still read the
/// object depends on who submitted it (its submitter always may), which the full path asks.
pub fn quick_view(raw: &str, reader: &Reader, default_tlp: Tlp) -> Option<View> {
    if NEEDS_PARSING.iter().any(|n| raw.contains(n)) {
        return None;
    }
    cleared(default_tlp, reader, &Audience::default()).then_some(View::Unchanged)
}

/// What decides whether an object is served to a reader at all, apart from its granular
/// markings: read once from the object, the same for every reader, so that many readers can
/// be decided without the object ([`served`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessFacts {
    /// The object-level marking ids (`None`: unmarked), or why they cannot be read.
    marking_refs: Result<Option<Vec<String>>, &'static str>,
    /// Organizations named for AMBER in ward's extension (replacing the collection's).
    amber_named: Option<Vec<String>>,
    /// Users named for RED in ward's extension.
    red_named: Vec<String>,
    /// An organization's or a person's identity ([`is_author_identity`]).
    author_identity: bool,
    /// It has granular markings: [`view`] reads them, [`served`] does not.
    pub granular: bool,
}

impl AccessFacts {
    pub fn of(map: &Map<String, Value>) -> AccessFacts {
        let marking_refs = match map.get("object_marking_refs") {
            None => Ok(None),
            Some(Value::Array(refs)) => refs
                .iter()
                .map(|r| {
                    r.as_str()
                        .map(str::to_string)
                        .ok_or("a marking reference is not a string")
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err("object_marking_refs is not a list"),
        };
        AccessFacts {
            marking_refs,
            amber_named: ext::recipients(map, ext::AMBER_RECIPIENTS),
            red_named: ext::recipients(map, ext::RED_RECIPIENTS).unwrap_or_default(),
            author_identity: is_author_identity(map),
            granular: map.contains_key("granular_markings"),
        }
    }

    /// The object-level TLP (the most restrictive TLP marking; the hub's default when there
    /// is none), or why the object is held back.
    pub fn level(&self, ctx: &ViewContext<'_>) -> Result<Tlp, &'static str> {
        let refs = match &self.marking_refs {
            Err(reason) => return Err(reason),
            Ok(None) => return Ok(ctx.default_tlp),
            Ok(Some(refs)) => refs,
        };
        let mut level: Option<Tlp> = None;
        for id in refs {
            match ctx.classify(id) {
                MarkingClass::Tlp(l) => level = level.max(Some(l)),
                MarkingClass::Statement => {}
                MarkingClass::Unknown => return Err("a marking the hub does not understand"),
            }
        }
        Ok(level.unwrap_or(ctx.default_tlp))
    }

    /// Who the object may reach beyond GREEN.
    fn audience<'a>(&'a self, ctx: &ViewContext<'a>) -> Audience<'a> {
        Audience {
            submitter_org: ctx.submitter_org,
            submitter_user: ctx.submitter_user,
            amber_orgs: self.amber_named.as_deref().unwrap_or(ctx.collection_amber),
            red_users: &self.red_named,
        }
    }
}

/// Whether `ctx.reader` is served the object these facts are of, as [`view`] decides before
/// it reads the granular markings (and so its whole decision for an object without them):
/// the object-level TLP within the reader's clearance, and an anonymous submitter's own
/// identity to no other organization. `Err` says why it is hidden.
pub fn served(facts: &AccessFacts, ctx: &ViewContext<'_>) -> Result<(), &'static str> {
    let level = facts.level(ctx)?;
    let audience = facts.audience(ctx);
    if !cleared(level, ctx.reader, &audience) {
        return Err("above the reader's clearance");
    }
    if !audience.is_submitter_org(ctx.reader) && !ctx.submitter_named && facts.author_identity {
        return Err("the identity of an anonymous submitter");
    }
    Ok(())
}

/// What `ctx.reader` gets of `object`.
pub fn view(object: &Value, ctx: &ViewContext<'_>) -> View {
    let Some(map) = object.as_object() else {
        return View::Hidden("not a JSON object");
    };
    let facts = AccessFacts::of(map);
    if let Err(reason) = served(&facts, ctx) {
        return View::Hidden(reason);
    }
    let audience = facts.audience(ctx);
    let removals = match granular_removals(map, ctx, &audience) {
        Ok(r) => r,
        Err(reason) => return View::Hidden(reason),
    };
    let own = audience.is_submitter_org(ctx.reader);
    let mut out = map.clone();
    let mut changed = false;
    for path in &removals {
        changed |= remove_path(&mut out, path);
    }
    let granular_removed = changed;
    let anonymous_author = !own && !ctx.submitter_named;
    changed |= anonymize(&mut out, ctx, anonymous_author);
    if !own {
        changed |= ext::strip_recipients(&mut out);
    }
    if !changed {
        return View::Unchanged;
    }
    prune_granular(&mut out);
    let result = Value::Object(out);
    if granular_removed
        && validate_object(&result, "$")
            .iter()
            .any(|p| p.severity == Severity::Error)
    {
        return View::Hidden("what is left after removing marked properties is not valid STIX");
    }
    View::Changed(result)
}

/// An identity that names who submitted: an organization or a person (or unclassified).
/// Identities of sectors, groups and systems are intelligence and pass.
pub(crate) fn is_author_identity(map: &Map<String, Value>) -> bool {
    map.get("type").and_then(Value::as_str) == Some("identity")
        && matches!(
            map.get("identity_class").and_then(Value::as_str),
            None | Some("organization" | "individual" | "unknown")
        )
}

/// Replaces hidden identities with the hub's. When the submitter is anonymous to this reader
/// (`anonymous_author`), that is the author (`created_by_ref`), and `where_sighted_refs` (who
/// saw it) and `authors` (names) are dropped. For every object, it is also every identity
/// `ctx.hidden_identity` names. Each string equal to one of them, in any property at any
/// depth (`target_ref`, `object_refs`, references inside extensions), becomes the hub's id.
fn anonymize(out: &mut Map<String, Value>, ctx: &ViewContext<'_>, anonymous_author: bool) -> bool {
    let mut changed = false;
    let author = if anonymous_author {
        changed |= out.shift_remove("where_sighted_refs").is_some();
        changed |= out.shift_remove("authors").is_some();
        out.get("created_by_ref")
            .and_then(Value::as_str)
            .map(str::to_string)
    } else {
        None
    };
    let hidden = |id: &str| {
        id != ctx.hub_identity
            && (author.as_deref() == Some(id)
                || (id.starts_with("identity--") && (ctx.hidden_identity)(id)))
    };
    for (key, value) in out.iter_mut() {
        // The object's own id is what it is; an identity hidden from the reader is not
        // served at all (see `is_author_identity`).
        if key != "id" {
            changed |= replace_identities(value, &hidden, ctx.hub_identity);
        }
    }
    changed
}

/// Replaces every string in `value` that `hidden` names by `hub`; `true` if any was.
fn replace_identities(value: &mut Value, hidden: &dyn Fn(&str) -> bool, hub: &str) -> bool {
    match value {
        Value::String(s) if hidden(s) => {
            *s = hub.to_string();
            true
        }
        Value::Array(items) => items.iter_mut().fold(false, |changed, v| {
            replace_identities(v, hidden, hub) | changed
        }),
        Value::Object(map) => map.values_mut().fold(false, |changed, v| {
            replace_identities(v, hidden, hub) | changed
        }),
        _ => false,
    }
}

/// One step of a granular-marking selector.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

fn parse_selector(selector: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in selector.split('.') {
        if let Some(inner) = part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            steps.push(Step::Index(inner.parse().ok()?));
        } else if part.is_empty() {
            return None;
        } else {
            steps.push(Step::Key(part.to_string()));
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// Selectors whose content `ctx.reader` may not read.
fn granular_removals(
    map: &Map<String, Value>,
    ctx: &ViewContext<'_>,
    audience: &Audience<'_>,
) -> Result<Vec<Vec<Step>>, &'static str> {
    let Some(markings) = map.get("granular_markings") else {
        return Ok(Vec::new());
    };
    let list = markings
        .as_array()
        .ok_or("granular_markings is not a list")?;
    let mut out = Vec::new();
    for entry in list {
        let entry = entry
            .as_object()
            .ok_or("a granular marking is not an object")?;
        let withheld = match entry.get("marking_ref") {
            // A `lang` marking says which language a property is in; it restricts nothing.
            None => false,
            Some(Value::String(id)) => match ctx.classify(id) {
                MarkingClass::Tlp(level) => !cleared(level, ctx.reader, audience),
                MarkingClass::Statement => false,
                MarkingClass::Unknown => true,
            },
            Some(_) => return Err("a granular marking_ref is not a string"),
        };
        if !withheld {
            continue;
        }
        let selectors = entry
            .get("selectors")
            .and_then(Value::as_array)
            .ok_or("a granular marking has no selectors")?;
        for s in selectors {
            let steps = s
                .as_str()
                .and_then(parse_selector)
                .ok_or("a granular selector is malformed")?;
            out.push(steps);
        }
    }
    Ok(out)
}

/// Removes what `path` selects. Removing a list element would shift the indices other
/// selectors use, so a selector that ends at an element removes the whole list instead:
/// more is withheld, never less. `true` when something was removed.
fn remove_path(map: &mut Map<String, Value>, path: &[Step]) -> bool {
    let end = path
        .iter()
        .rposition(|s| matches!(s, Step::Key(_)))
        .map_or(0, |i| i + 1);
    let Some((Step::Key(last), parents)) = path[..end].split_last() else {
        return false;
    };
    let Some((Step::Key(first), rest)) = parents.split_first() else {
        return map.shift_remove(last).is_some();
    };
    let Some(mut here) = map.get_mut(first) else {
        return false;
    };
    for step in rest {
        let next = match (here, step) {
            (Value::Object(m), Step::Key(k)) => m.get_mut(k),
            (Value::Array(a), Step::Index(i)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(v) => here = v,
            None => return false,
        }
    }
    match here {
        Value::Object(m) => m.shift_remove(last).is_some(),
        _ => false,
    }
}

fn resolves(map: &Map<String, Value>, path: &[Step]) -> bool {
    let mut here: Option<&Value> = None;
    for (i, step) in path.iter().enumerate() {
        let next = match (here, step) {
            (None, Step::Key(k)) if i == 0 => map.get(k),
            (Some(Value::Object(m)), Step::Key(k)) => m.get(k),
            (Some(Value::Array(a)), Step::Index(n)) => a.get(*n),
            _ => None,
        };
        match next {
            Some(v) => here = Some(v),
            None => return false,
        }
    }
    here.is_some()
}

/// Drops selectors that no longer point at anything, then markings left without selectors.
fn prune_granular(out: &mut Map<String, Value>) {
    let Some(Value::Array(list)) = out.get("granular_markings") else {
        return;
    };
    let mut kept = Vec::with_capacity(list.len());
    for entry in list {
        let Some(e) = entry.as_object() else { continue };
        let selectors: Vec<Value> = e
            .get("selectors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|s| {
                s.as_str()
                    .and_then(parse_selector)
                    .is_some_and(|p| resolves(out, &p))
            })
            .cloned()
            .collect();
        if selectors.is_empty() {
            continue;
        }
        let mut e = e.clone();
        e.insert("selectors".into(), Value::Array(selectors));
        kept.push(Value::Object(e));
    }
    if kept.is_empty() {
        out.shift_remove("granular_markings");
    } else {
        out.insert("granular_markings".into(), Value::Array(kept));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clearance::ReaderKind;
    use serde_json::json;

    const HUB: &str = "identity--00000000-0000-4000-8000-00000000aaaa";

    fn ctx<'a>(reader: &'a Reader, named: bool) -> ViewContext<'a> {
        ViewContext {
            reader,
            submitter_org: Some("org-a"),
            submitter_user: Some("user-a"),
            submitter_named: named,
            default_tlp: Tlp::Green,
            collection_amber: &[],
            hub_identity: HUB,
            is_statement: &|id| id == "marking-definition--00000000-0000-4000-8000-00000000cccc",
            hidden_identity: &|_| false,
        }
    }

    fn member(org: &str) -> Reader {
        Reader {
            org_id: org.into(),
            user_id: format!("user-{org}"),
            kind: ReaderKind::Machine,
        }
    }

    fn note() -> Value {
        json!({"type": "note", "spec_version": "2.1", "id": "note--00000000-0000-4000-8000-000000000001",
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "created_by_ref": "identity--00000000-0000-4000-8000-00000000bbbb",
        "authors": ["Jane"], "abstract": "summary", "content": "body",
        "object_refs": ["indicator--00000000-0000-4000-8000-000000000002", "identity--00000000-0000-4000-8000-00000000bbbb"],
        "external_references": [{"source_name": "a", "description": "d", "url": "https://a.example/x"}],
        "granular_markings": [
            {"marking_ref": Tlp::Red.marking_id(), "selectors": ["abstract", "external_references.[0].url"]},
            {"marking_ref": Tlp::Clear.marking_id(), "selectors": ["content"]},
            {"lang": "en", "selectors": ["content"]}
        ]})
    }

    #[test]
    fn granular_red_is_removed_and_the_author_replaced() {
        let r = member("org-b");
        let got = view(&note(), &ctx(&r, false));
        let View::Changed(v) = got else {
            panic!("expected a changed copy, got {got:?}")
        };
        assert!(v.get("abstract").is_none());
        assert!(v["external_references"][0].get("url").is_none());
        assert_eq!(v["content"], "body");
        assert_eq!(v["created_by_ref"], HUB);
        assert_eq!(v["object_refs"][1], HUB);
        assert!(v.get("authors").is_none());
        assert_eq!(v["granular_markings"].as_array().map(Vec::len), Some(2));
        // The submitter's own organization gets the author but not the RED properties
        // (the reader is another user on a token).
        let own = member("org-a");
        let View::Changed(v) = view(&note(), &ctx(&own, false)) else {
            panic!("expected a changed copy")
        };
        assert_eq!(v["authors"][0], "Jane");
        assert!(v.get("abstract").is_none());
        // The submitting user, signed in as a person, gets it all.
        let me = Reader {
            org_id: "org-a".into(),
            user_id: "user-a".into(),
            kind: ReaderKind::Person,
        };
        assert_eq!(view(&note(), &ctx(&me, false)), View::Unchanged);
    }

    #[test]
    fn named_submitters_keep_their_name() {
        let mut n = note();
        n.as_object_mut()
            .map(|m| m.shift_remove("granular_markings"));
        assert_eq!(view(&n, &ctx(&member("org-b"), true)), View::Unchanged);
    }

    #[test]
    fn unknown_markings_hold_the_object_back() {
        let r = member("org-a");
        let mut n = note();
        n["object_marking_refs"] =
            json!(["marking-definition--00000000-0000-4000-8000-00000000dddd"]);
        assert!(matches!(view(&n, &ctx(&r, false)), View::Hidden(_)));
        n["object_marking_refs"] =
            json!(["marking-definition--00000000-0000-4000-8000-00000000cccc"]);
        assert!(!matches!(view(&n, &ctx(&r, false)), View::Hidden(_)));
        n["object_marking_refs"] = json!("x");
        assert!(matches!(view(&n, &ctx(&r, false)), View::Hidden(_)));
    }

    #[test]
    fn removing_a_required_property_hides_the_object() {
        let ind = json!({"type": "indicator", "spec_version": "2.1",
            "id": "indicator--00000000-0000-4000-8000-000000000002",
            "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
            "pattern": "[ipv4-addr:value = '203.0.113.9']", "pattern_type": "stix",
            "valid_from": "2024-01-01T00:00:00Z",
            "granular_markings": [{"marking_ref": Tlp::Amber.marking_id(), "selectors": ["pattern"]}]});
        assert!(matches!(
            view(&ind, &ctx(&member("org-c"), true)),
            View::Hidden(_)
        ));
        assert_eq!(view(&ind, &ctx(&member("org-a"), true)), View::Unchanged);
    }

    #[test]
    fn list_elements_take_their_whole_list() {
        let mut map = note().as_object().cloned().unwrap_or_default();
        assert!(remove_path(
            &mut map,
            &parse_selector("object_refs.[1]").unwrap_or_default()
        ));
        assert!(map.get("object_refs").is_none());
        assert!(!remove_path(
            &mut map,
            &parse_selector("nothing.[0].x").unwrap_or_default()
        ));
        assert_eq!(parse_selector("a..b"), None);
        assert_eq!(parse_selector("a.[x]"), None);
    }

    #[test]
    fn quick_view_only_when_nothing_needs_reading() {
        let anon = Reader::anonymous();
        let plain = r#"{"type":"indicator","id":"indicator--1"}"#;
        assert_eq!(
            quick_view(plain, &member("x"), Tlp::Green),
            Some(View::Unchanged)
        );
        assert_eq!(quick_view(plain, &anon, Tlp::Green), None);
        assert_eq!(quick_view(plain, &anon, Tlp::Clear), Some(View::Unchanged));
        assert_eq!(
            quick_view(r#"{"object_marking_refs":[]}"#, &anon, Tlp::Clear),
            None
        );
        assert_eq!(quick_view(r#"{"x":"\u0041"}"#, &anon, Tlp::Clear), None);
    }
}
