//! FHIR resources pasted into a document, as JSON (`"family": "Doe"`) or XML
//! (`<family value="Doe"/>`). A value's meaning comes from its element name and the element
//! around it (FHIR R4 data types and resources): `name.family`/`given`/`text` are a person's
//! names, `address.line`/`city`/`postalCode` an address, `telecom.value` a phone number or
//! e-mail (by `telecom.system`), `identifier.value` an identifier (its kind by the system URL
//! or the type code), `birthDate` and a clinical resource's dates the patient's dates, a
//! reference's `display` a person or an organization (by the element holding it). Resource
//! ids, system URLs, OIDs, codes, `meta` and the Bundle's own timestamps stay.

use super::Engine;
use crate::Kind;

const REASON: &str = "identifier in a FHIR element (by element path)";

/// References whose `display` is a person's name.
const PERSON_REFS: &[&str] = &[
    "subject",
    "patient",
    "individual",
    "performer",
    "generalPractitioner",
    "practitioner",
    "requester",
    "author",
    "recorder",
    "asserter",
    "informant",
    "beneficiary",
    "subscriber",
    "policyHolder",
    "party",
    "actor",
    "who",
    "enterer",
    "sender",
    "recipient",
    "attester",
];

/// References whose `display` is the care organization's name (not a payer's: a payer's
/// name is public).
const ORG_REFS: &[&str] = &[
    "serviceProvider",
    "managingOrganization",
    "organization",
    "assigner",
    "custodian",
    "provider",
    "facility",
];

/// Objects of an audit record that stand for a person (not `target`: a target is as often
/// an application or a group).
const PERSON_OBJECTS: &[&str] = &[
    "actor",
    "user",
    "patient",
    "subject",
    "initiator",
    "owner",
    "requester",
    "assignee",
    "employee",
    "member",
    "creator",
];

/// Keys of such an object that hold the person's name.
const PERSON_KEYS: &[&str] = &["display", "displayName", "name", "fullName", "full_name"];

const REASON_JSON: &str = "person's name in a JSON audit record (by key)";

/// Elements of clinical resources that hold a date of the patient's care.
const DATE_ELEMENTS: &[&str] = &[
    "birthDate",
    "deceasedDateTime",
    "effectiveDateTime",
    "effectiveInstant",
    "issued",
    "authoredOn",
    "onsetDateTime",
    "abatementDateTime",
    "recordedDate",
    "occurrenceDateTime",
    "performedDateTime",
    "servicedDate",
    "dateWritten",
    "date",
    "created",
    "recorded",
    "dateAsserted",
    "whenHandedOver",
    "whenPrepared",
];

/// Periods whose `start` and `end` are dates of the patient's care.
const PERIODS: &[&str] = &[
    "period",
    "billablePeriod",
    "servicedPeriod",
    "effectivePeriod",
    "onsetPeriod",
    "performedPeriod",
    "abatementPeriod",
    "occurrencePeriod",
];

/// Elements that hold free text: left open to the word-level rules.
const FREE_TEXT: &[&str] = &[
    "div",
    "text",
    "comment",
    "description",
    "valueString",
    "note",
];

/// A date or date-time value (`1961`, `1961-04`, `1961-04-02`, `1961-04-02T08:15:00Z`).
fn date_like(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && (b.len() == 4 || b[4] == b'-')
}

/// One element with children (a JSON object, an XML element that is not a leaf).
struct Frame<'t> {
    /// Its element name (for an array's items, the array's name).
    key: &'t str,
    /// The resource type, when this element is a resource.
    rtype: &'t str,
    /// Its leaf values: element name and byte range.
    leaves: Vec<(&'t str, usize, usize)>,
    /// The `code` values inside it, at any depth (an identifier's type).
    codes: Vec<&'t str>,
}

impl<'t> Frame<'t> {
    fn new(key: &'t str) -> Self {
        Frame {
            key,
            rtype: "",
            leaves: Vec::new(),
            codes: Vec::new(),
        }
    }
}

/// The kind of an identifier's value, from its system URL, its type code, or the resource.
fn identifier_kind(system: &str, codes: &[&str], rtype: &str) -> Kind {
    let s = system.to_ascii_lowercase();
    if s.contains("us-ssn") || s.ends_with("/ssn") {
        return Kind::Ssn;
    }
    if s.contains("us-npi") || s.contains("npi") {
        return Kind::License;
    }
    if s.contains("us-mbi") || s.contains("medicare") || s.contains("medicaid") {
        return Kind::HealthPlanId;
    }
    if let Some(kind) = codes.iter().find_map(|c| super::hl7::cx_kind(c)) {
        return kind;
    }
    match rtype {
        "Patient" | "RelatedPerson" | "Person" => Kind::Mrn,
        "Practitioner" | "PractitionerRole" => Kind::License,
        "Encounter" | "Claim" | "ExplanationOfBenefit" | "Account" | "EpisodeOfCare" => {
            Kind::Account
        }
        "Coverage" => Kind::HealthPlanId,
        _ => Kind::Id,
    }
}

impl Engine<'_> {
    /// Every FHIR resource in the text, JSON or XML.
    pub(super) fn fhir_resources(&mut self) {
        let text = self.text;
        if text.contains("{\"") || text.contains("\": {") {
            self.fhir_json();
        }
        let mut at = 0;
        while let Some(i) = text[at..].find("xmlns=\"http://hl7.org/fhir\"") {
            let i = at + i;
            at = match text[..i].rfind('<') {
                Some(open) if open >= at => self.fhir_xml(open).max(i + 1),
                _ => i + 1,
            };
        }
    }

    /// The leaves of a closed element, read with the elements around it.
    fn fhir_frame(
        &mut self,
        stack: &[Frame<'_>],
        frame: &Frame<'_>,
        free: &mut Vec<(usize, usize)>,
    ) {
        let text = self.text;
        if stack.iter().any(|f| f.key == "meta") || frame.key == "meta" {
            return;
        }
        let rtype = std::iter::once(frame)
            .chain(stack.iter().rev())
            .map(|f| f.rtype)
            .find(|r| !r.is_empty())
            .unwrap_or("");
        if rtype.is_empty() {
            self.json_person(frame);
            return;
        }
        if rtype == "Bundle" && frame.rtype == "Bundle" {
            return;
        }
        let sibling = |name: &str| {
            frame
                .leaves
                .iter()
                .find(|l| l.0 == name)
                .map(|l| &text[l.1..l.2])
                .unwrap_or("")
        };
        for &(key, s, e) in &frame.leaves {
            let value = &text[s..e];
            let kind = match (frame.key, key) {
                ("name", "family" | "given" | "text") => Some(Kind::Name),
                (_, "name")
                    if matches!(
                        frame.rtype,
                        "Organization" | "Location" | "HealthcareService"
                    ) =>
                {
                    Some(Kind::OrgName)
                }
                // A patient's logical id is the record's number on the server (often the
                // MRN itself): a unique identifying number.
                (_, "id") if matches!(frame.rtype, "Patient" | "RelatedPerson" | "Person") => {
                    Some(Kind::Mrn)
                }
                ("address", "line" | "text") => Some(Kind::Address),
                ("photo", "url" | "data") => Some(Kind::Photo),
                ("address", "city") => Some(Kind::City),
                ("address", "postalCode") => Some(Kind::Zip),
                ("address", "district") => Some(Kind::County),
                ("telecom", "value") => Some(match sibling("system") {
                    "fax" => Kind::Fax,
                    "email" => Kind::Email,
                    "url" => Kind::Url,
                    "" if value.contains('@') => Kind::Email,
                    _ => Kind::Phone,
                }),
                ("identifier", "value") => {
                    Some(identifier_kind(sibling("system"), &frame.codes, rtype))
                }
                (holder, "display") if PERSON_REFS.contains(&holder) => Some(Kind::Name),
                (holder, "display") if ORG_REFS.contains(&holder) => Some(Kind::OrgName),
                (period, "start" | "end") if PERIODS.contains(&period) && date_like(value) => {
                    Some(Kind::Date)
                }
                (_, date) if DATE_ELEMENTS.contains(&date) && date_like(value) => Some(Kind::Date),
                _ => None,
            };
            match kind {
                Some(Kind::Address) if key == "text" => self.address_value(s, value, REASON),
                Some(kind) => self.field_value(s, value, kind, REASON),
                None if FREE_TEXT.contains(&key) => free.push((s, e)),
                None => {}
            }
        }
    }

    /// Outside FHIR (an audit record in JSON): the display name of the object that is the
    /// person acting or acted on (`"actor": {"id": "jdoe", "display": "Jane Doe"}`).
    fn json_person(&mut self, frame: &Frame<'_>) {
        if !PERSON_OBJECTS.contains(&frame.key) {
            return;
        }
        let text = self.text;
        for &(key, s, e) in &frame.leaves {
            let value = &text[s..e];
            let name_like = value.chars().any(char::is_alphabetic)
                && value
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | ',' | '-' | '\''));
            if PERSON_KEYS.contains(&key) && name_like && !super::keys::placeholder_value(value) {
                self.field_value(s, value, Kind::Name, REASON_JSON);
            }
        }
    }

    /// Closes a resource's tokens to the word-level rules, except its free-text values.
    fn fhir_close(&mut self, s: usize, e: usize, first: usize, free: &mut Vec<(usize, usize)>) {
        free.sort_unstable();
        self.close_except(s, e, free, first);
        free.clear();
    }

    /// JSON: every top-level `{...}` that holds a `resourceType`.
    fn fhir_json(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let mut stack: Vec<Frame> = Vec::new();
        // Arrays on the stack, as (depth in `stack` they belong to, name).
        let mut arrays: Vec<(usize, &str)> = Vec::new();
        let mut pending = "";
        let mut region = (0, self.found.len(), false);
        let mut free = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'{' => {
                    if stack.is_empty() {
                        region = (i, self.found.len(), false);
                    }
                    let key = match arrays.last() {
                        Some(&(d, name)) if d == stack.len() => name,
                        _ => pending,
                    };
                    stack.push(Frame::new(key));
                    pending = "";
                }
                b'[' if !stack.is_empty() => {
                    arrays.push((stack.len(), pending));
                    pending = "";
                }
                b']' if arrays.last().is_some_and(|&(d, _)| d == stack.len()) => {
                    arrays.pop();
                }
                b'}' if !stack.is_empty() => {
                    arrays.retain(|&(d, _)| d < stack.len());
                    let frame = stack.pop().unwrap_or_else(|| Frame::new(""));
                    self.fhir_frame(&stack, &frame, &mut free);
                    if let Some(parent) = stack.last_mut() {
                        parent.codes.extend(frame.codes);
                    } else {
                        if region.2 {
                            self.fhir_close(region.0, i + 1, region.1, &mut free);
                        }
                        free.clear();
                    }
                }
                b'"' if !stack.is_empty() => {
                    let s = i + 1;
                    let mut j = s;
                    while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                        j += if b[j] == b'\\' { 2 } else { 1 };
                    }
                    let e = j.min(b.len());
                    let after = text[(e + 1).min(b.len())..].trim_start();
                    let value = &text[s..e];
                    if after.starts_with(':') {
                        pending = value;
                    } else {
                        let key = match arrays.last() {
                            Some(&(d, name)) if d == stack.len() => name,
                            _ => pending,
                        };
                        pending = "";
                        if key == "resourceType" {
                            region.2 = true;
                        }
                        if let Some(top) = stack.last_mut() {
                            match key {
                                "resourceType" => top.rtype = value,
                                "code" => top.codes.push(value),
                                _ => {}
                            }
                            top.leaves.push((key, s, e));
                        }
                    }
                    i = e;
                }
                b',' => pending = "",
                _ => {}
            }
            i += 1;
        }
    }

    /// XML, from the element at `start` (the one declaring the FHIR namespace) to its end,
    /// which it returns.
    fn fhir_xml(&mut self, start: usize) -> usize {
        let text = self.text;
        let first = self.found.len();
        let mut stack: Vec<Frame> = Vec::new();
        let mut free = Vec::new();
        let mut at = start;
        while let Some(o) = text[at..].find('<') {
            let lt = at + o;
            let Some(c) = text[lt..].find('>') else { break };
            let gt = lt + c;
            let tag = &text[lt + 1..gt];
            at = gt + 1;
            if tag.starts_with(['?', '!']) {
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                let name = name.trim();
                if let Some(frame) = stack.pop() {
                    if frame.key != name {
                        // Not well formed: stop reading here.
                        break;
                    }
                    self.fhir_frame(&stack, &frame, &mut free);
                    if let Some(parent) = stack.last_mut() {
                        parent.codes.extend(frame.codes);
                    }
                }
                if stack.is_empty() {
                    break;
                }
                continue;
            }
            let name_end = tag
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(tag.len());
            let name = &tag[..name_end];
            let closed = tag.ends_with('/');
            // The narrative: free text up to its end tag.
            if name == "div" && !closed {
                let end = text[at..].find("</div>").map_or(text.len(), |p| at + p);
                free.push((at, end));
                at = end;
                continue;
            }
            let value = tag.find("value=\"").map(|v| {
                let s = lt + 1 + v + 7;
                let e = text[s..gt].find('"').map_or(gt, |q| s + q);
                (s, e)
            });
            if closed {
                if let (Some(top), Some((s, e))) = (stack.last_mut(), value) {
                    if name == "code" {
                        top.codes.push(&text[s..e]);
                    }
                    top.leaves.push((name, s, e));
                }
                if stack.is_empty() {
                    break;
                }
                continue;
            }
            let mut frame = Frame::new(name);
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                frame.rtype = name;
            }
            stack.push(frame);
        }
        let end = at.min(text.len());
        self.fhir_close(start, end, first, &mut free);
        end
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn fhir_json_values_go_by_path_and_codes_stay() {
        check(&[(
            "Exported resource:\n\
             {\"resourceType\": \"Patient\", \"id\": \"7\",\n\
              \"meta\": {\"lastUpdated\": \"2025-01-02T03:04:05Z\"},\n\
              \"identifier\": [{\"system\": \"urn:oid:1.2.3.4\", \"value\": \"ZK-4471\"},\n\
                             {\"system\": \"http://hl7.org/fhir/sid/us-ssn\", \"value\": \"123-45-6789\"}],\n\
              \"name\": [{\"use\": \"official\", \"family\": \"Quillfeather\", \"given\": [\"Odalys\", \"Mae\"]}],\n\
              \"telecom\": [{\"system\": \"email\", \"value\": \"oq@example.org\"}],\n\
              \"gender\": \"female\", \"birthDate\": \"1961-04-02\",\n\
              \"address\": [{\"line\": [\"12 Heron Row\"], \"city\": \"Fernvale\", \"state\": \"WA\", \"postalCode\": \"98001\"}],\n\
              \"photo\": [{\"contentType\": \"image/jpeg\", \"url\": \"Binary/ph-7\"}],\n\
              \"generalPractitioner\": [{\"reference\": \"Practitioner/9\", \"display\": \"Wendell Orchard\"}]}\n",
            "Exported resource:\n\
             {\"resourceType\": \"Patient\", \"id\": \"[MRN]\",\n\
              \"meta\": {\"lastUpdated\": \"2025-01-02T03:04:05Z\"},\n\
              \"identifier\": [{\"system\": \"urn:oid:1.2.3.4\", \"value\": \"[MRN]\"},\n\
                             {\"system\": \"http://hl7.org/fhir/sid/us-ssn\", \"value\": \"[SSN]\"}],\n\
              \"name\": [{\"use\": \"official\", \"family\": \"[NAME]\", \"given\": [\"[NAME]\", \"[NAME]\"]}],\n\
              \"telecom\": [{\"system\": \"email\", \"value\": \"[EMAIL]\"}],\n\
              \"gender\": \"female\", \"birthDate\": \"[DATE]\",\n\
              \"address\": [{\"line\": [\"[ADDRESS]\"], \"city\": \"[CITY]\", \"state\": \"WA\", \"postalCode\": \"[ZIP]\"}],\n\
              \"photo\": [{\"contentType\": \"image/jpeg\", \"url\": \"[PHOTO]\"}],\n\
              \"generalPractitioner\": [{\"reference\": \"Practitioner/9\", \"display\": \"[NAME]\"}]}\n",
        )]);
    }

    #[test]
    fn fhir_xml_values_go_by_path() {
        check(&[(
            "<Encounter xmlns=\"http://hl7.org/fhir\">\n\
             <status value=\"finished\"/>\n\
             <subject><reference value=\"Patient/3\"/><display value=\"Isolde Bramblewood\"/></subject>\n\
             <period><start value=\"2025-02-14T09:30:00Z\"/></period>\n\
             <serviceProvider><display value=\"Lakeshore Clinic\"/></serviceProvider>\n\
             </Encounter>\n",
            "<Encounter xmlns=\"http://hl7.org/fhir\">\n\
             <status value=\"finished\"/>\n\
             <subject><reference value=\"Patient/3\"/><display value=\"[NAME]\"/></subject>\n\
             <period><start value=\"[DATE]\"/></period>\n\
             <serviceProvider><display value=\"[ORG]\"/></serviceProvider>\n\
             </Encounter>\n",
        )]);
    }

    #[test]
    fn json_audit_records_name_their_actor() {
        check(&[(
            "{\"ts\":\"2025-03-01T02:14:09Z\",\"actor\":{\"id\":\"x1\",\"display\":\"Tamsin Wren\"},\"action\":\"PRINT\"}\n",
            "{\"ts\":\"2025-03-01T02:14:09Z\",\"actor\":{\"id\":\"x1\",\"display\":\"[NAME]\"},\"action\":\"PRINT\"}\n",
        )]);
    }

    #[test]
    fn json_without_a_resource_type_is_left_alone() {
        check(&[(
            "{\"city\": \"Fernvale\", \"family\": \"x\"}\n",
            "{\"city\": \"Fernvale\", \"family\": \"x\"}\n",
        )]);
    }
}
