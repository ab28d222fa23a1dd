//! Plain lists, one entry a line with `#` comments, as pfSense/OPNsense URL table aliases
//! and Palo Alto external dynamic lists take them: addresses and CIDR blocks; domains
//! (`*.example.com` for a whole subtree); URLs without their scheme, as EDL URL lists want.

use super::{header, Export, ExportFormat, ExportOptions, Item};
use crate::observable::{Observable, ObservableKind};

pub(super) fn render(
    format: ExportFormat,
    items: &[Item<'_>],
    options: &ExportOptions,
    allow_listed: usize,
) -> Export {
    let (kind, blocks) = match format {
        ExportFormat::PlainIp => (
            ObservableKind::Ip,
            "traffic to and from these IP addresses and blocks",
        ),
        ExportFormat::PlainDomain => (
            ObservableKind::Domain,
            "these domain names (DNS and web filtering)",
        ),
        _ => (
            ObservableKind::Url,
            "requests for these URLs (web filtering)",
        ),
    };
    let lines: Vec<String> = items
        .iter()
        .filter(|i| i.kind() == kind)
        .map(|i| match &i.observable {
            Observable::Url(u) => u
                .split_once("://")
                .map_or(u.as_str(), |(_, rest)| rest)
                .to_string(),
            _ => i.value(),
        })
        .filter(|l| !l.contains(['\n', '\r', ' ']))
        .collect();
    let mut text = header("#", format, blocks, lines.len(), allow_listed, options);
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    Export {
        text,
        entries: lines.len(),
        ..Export::default()
    }
}
