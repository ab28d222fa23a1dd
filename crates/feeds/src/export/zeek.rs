//! Zeek's Intel framework input file: tab-separated `indicator`, `indicator_type`,
//! `meta.source`, `meta.desc`, `meta.url` under a `#fields` line (Zeek skips other `#`
//! lines). URLs are written without their scheme, as Zeek's `Intel::URL` matches them.

use super::{header, Export, ExportFormat, ExportOptions, Item};
use crate::observable::Observable;

fn clean(s: &str) -> String {
    let c: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let c = c.trim();
    if c.is_empty() {
        "-".into()
    } else {
        c.to_string()
    }
}

pub(super) fn render(items: &[Item<'_>], options: &ExportOptions, allow_listed: usize) -> Export {
    let mut rows = Vec::new();
    for i in items {
        let (value, kind) = match &i.observable {
            Observable::Ipv4(_) | Observable::Ipv6(_) => (i.value(), "Intel::ADDR"),
            Observable::Ipv4Net { .. } | Observable::Ipv6Net { .. } => (i.value(), "Intel::SUBNET"),
            Observable::Domain(d) => (d.clone(), "Intel::DOMAIN"),
            // Zeek's intel has no wildcard domains.
            Observable::DomainSuffix(_) => continue,
            Observable::Url(u) => (
                u.split_once("://")
                    .map_or(u.as_str(), |(_, r)| r)
                    .to_string(),
                "Intel::URL",
            ),
            Observable::FileHash { value, .. } => (value.clone(), "Intel::FILE_HASH"),
            Observable::EmailAddress(e) => (e.clone(), "Intel::EMAIL"),
        };
        if value.contains(['\t', '\n', '\r']) {
            continue;
        }
        let url = i
            .indicator
            .object
            .external_references()
            .iter()
            .find_map(|r| r.get("url").and_then(serde_json::Value::as_str))
            .unwrap_or("");
        rows.push(format!(
            "{value}\t{kind}\t{}\t{}\t{}\n",
            clean(&i.sources.join(",")),
            clean(&format!("score {} {}", i.score, i.description())),
            clean(url)
        ));
    }
    let mut text = header(
        "#",
        ExportFormat::ZeekIntel,
        "nothing by itself: Zeek raises an Intel::match notice when it sees one of these",
        rows.len(),
        allow_listed,
        options,
    );
    text.push_str("#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url\n");
    for r in &rows {
        text.push_str(r);
    }
    Export {
        text,
        entries: rows.len(),
        ..Export::default()
    }
}
