//! MISP warninglists (`lists/<name>/list.json` of github.com/MISP/misp-warninglists): lists
//! of well-known values that are false positives as indicators (public resolvers, cloud
//! ranges, top sites...). They are imported as allow-lists, never as intel: `name`,
//! `version`, `description`, the values in `list`, and `type` saying how a value matches:
//!
//! - `cidr`: addresses and blocks, kept as they are;
//! - `hostname`: a host name and its subdomains, kept as the name;
//! - `string` (the default): an exact value; addresses and blocks are kept, a host name
//!   covers that name only (`=name`);
//! - `substring`: values that are host names (a leading `.` dropped) cover the name and its
//!   subdomains, the rest cannot be expressed;
//! - `regex`: not imported.
//!
//! ward's allow-lists hold addresses, blocks and host names only (a URL or hash on an allowed
//! host is still blocked): other values are counted in one problem, not listed one by one.

use serde_json::Value;

use super::Sink;
use crate::indicator::ImportedAllowList;
use crate::observable;

/// True when `text` (the head of a JSON file) has a warninglist's keys.
pub(super) fn looks_like(text: &str) -> bool {
    ["\"list\"", "\"name\"", "\"version\"", "\"description\""]
        .iter()
        .all(|k| text.contains(k))
}

/// One value of a list of `kind` in allow-list syntax, or `None` when it cannot be one.
fn entry(kind: &str, value: &str) -> Option<String> {
    let v = value.trim();
    let net = || ward_pattern::net::IpNet::parse(v).map(|_| v.to_string());
    let name = |v: &str| {
        let n = v.trim_end_matches('.').to_ascii_lowercase();
        observable::is_host_name(&n).then_some(n)
    };
    match kind {
        "cidr" => net(),
        "hostname" => net().or_else(|| name(v.strip_prefix("*.").unwrap_or(v))),
        "substring" => name(v.trim_start_matches('.')),
        _ => net().or_else(|| name(v).map(|n| format!("={n}"))),
    }
}

pub(super) fn read(bytes: &[u8], sink: &mut Sink<'_>) {
    let doc: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return sink.problem(e.line(), format!("not JSON: {e}")),
    };
    let Some(list) = doc.get("list").and_then(Value::as_array) else {
        return sink.problem("$.list", "expected a MISP warninglist's list of values");
    };
    let text = |k: &str| {
        doc.get(k).and_then(|v| match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let Some(name) = text("name").filter(|n| !n.is_empty()) else {
        return sink.problem("$.name", "expected the warninglist's name");
    };
    let kind = text("type").unwrap_or_else(|| "string".into());
    if !matches!(
        kind.as_str(),
        "string" | "hostname" | "substring" | "cidr" | "regex"
    ) {
        return sink.problem(
            "$.type",
            format!("{kind:?}: expected string, hostname, substring, cidr or regex"),
        );
    }
    if kind == "regex" {
        return sink.problem(
            "$.type",
            "a regex warninglist cannot be an allow-list (ward allows addresses, blocks and host names)",
        );
    }
    let mut entries = Vec::new();
    let mut skipped: Vec<usize> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        match v.as_str().and_then(|s| entry(&kind, s)) {
            Some(e) => {
                if !entries.contains(&e) {
                    entries.push(e);
                }
            }
            None => skipped.push(i),
        }
    }
    if let Some(&first) = skipped.first() {
        sink.problem(
            format!("$.list[{first}]"),
            format!(
                "{} of {} values skipped: a {kind} allow-list holds addresses, CIDR blocks and host names",
                skipped.len(),
                list.len()
            ),
        );
    }
    if entries.is_empty() {
        return;
    }
    sink.out.add_allow_list(ImportedAllowList {
        name,
        version: text("version"),
        description: text("description"),
        entries,
    });
}

#[cfg(test)]
mod tests {
    use super::entry;

    #[test]
    fn values_by_list_type() {
        assert_eq!(entry("cidr", "224.0.0.0/8").as_deref(), Some("224.0.0.0/8"));
        assert_eq!(
            entry("cidr", "2001:db8::/32").as_deref(),
            Some("2001:db8::/32")
        );
        assert_eq!(entry("cidr", "example.com"), None);
        assert_eq!(
            entry("hostname", "Example.COM.").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            entry("hostname", "*.example.com").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            entry("string", "api.ipify.org").as_deref(),
            Some("=api.ipify.org")
        );
        assert_eq!(entry("string", "8.8.8.8").as_deref(), Some("8.8.8.8"));
        assert_eq!(entry("string", "d41d8cd98f00b204e9800998ecf8427e"), None);
        assert_eq!(
            entry("substring", ".googleusercontent.com").as_deref(),
            Some("googleusercontent.com")
        );
        assert_eq!(entry("substring", "google"), None);
        assert_eq!(entry("string", "caf\u{e9}.example"), None);
    }
}
