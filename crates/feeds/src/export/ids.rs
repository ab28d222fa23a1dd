//! IDS rules: Suricata 7 and Snort. Addresses go many to a rule (both directions); names are
//! matched exactly on DNS queries and TLS SNI (and as a subtree for `*.name`); plain-HTTP
//! URLs on host and raw URI. Suricata: above a threshold, names go into a dataset file and
//! file hashes into `filemd5`/`filesha1`/`filesha256` lists, as companion files the rules name.
//! SIDs start at [`SID_BASE`], in the range set aside for local rules.

use std::fmt::Write as _;

use base64::Engine as _;

use super::{header, Export, ExportFormat, ExportOptions, Item};
use crate::observable::{url_host, Observable, ObservableKind};

pub const SID_BASE: u32 = 1_800_000;
/// Addresses per rule: long lists make long lines that some rule managers refuse.
const ADDRESSES_PER_RULE: usize = 100;

/// Escapes a content string for Suricata/Snort: quote, semicolon, backslash and pipe as hex.
fn content(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("|22|"),
            ';' => out.push_str("|3B|"),
            '\\' => out.push_str("|5C|"),
            '|' => out.push_str("|7C|"),
            c if c.is_control() => out.push_str(&format!("|{:02X}|", c as u32 & 0xff)),
            c => out.push(c),
        }
    }
    out
}

/// Text safe inside `msg:"..."`.
fn msg_safe(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".-_*:/".contains(*c))
        .take(120)
        .collect()
}

struct Rules {
    text: String,
    sid: u32,
    count: usize,
}

impl Rules {
    fn push(&mut self, body: &str) {
        self.sid += 1;
        self.count += 1;
        let _ = writeln!(self.text, "{body} sid:{}; rev:1;)", self.sid);
    }
}

fn addresses(items: &[Item<'_>]) -> Vec<String> {
    items
        .iter()
        .filter(|i| i.kind() == ObservableKind::Ip)
        .map(|i| i.value())
        .collect()
}

fn companion_path(options: &ExportOptions, name: &str) -> String {
    match &options.companion_dir {
        Some(dir) => format!("{}/{name}", dir.trim_end_matches('/')),
        None => name.to_string(),
    }
}

struct UrlParts {
    host: String,
    path: String,
}

fn http_url(u: &str) -> Option<UrlParts> {
    let rest = u
        .strip_prefix("http://")
        .or_else(|| u.strip_prefix("HTTP://"))?;
    let host = url_host(u)?;
    let path = rest
        .find('/')
        .map_or("/", |i| &rest[i..])
        .split('#')
        .next()
        .unwrap_or("/");
    Some(UrlParts {
        host,
        path: path.to_string(),
    })
}

// Long because: one rule template per observable kind, sharing the sid counter and companions.
pub(super) fn suricata(items: &[Item<'_>], options: &ExportOptions, allow_listed: usize) -> Export {
    let mut rules = Rules {
        text: String::new(),
        sid: SID_BASE,
        count: 0,
    };
    let mut companions = Vec::new();
    for chunk in addresses(items).chunks(ADDRESSES_PER_RULE) {
        let list = chunk.join(",");
        rules.push(&format!(
            "alert ip [{list}] any -> any any (msg:\"ward: traffic from a blocklisted address\"; classtype:trojan-activity;"
        ));
        rules.push(&format!(
            "alert ip any any -> [{list}] any (msg:\"ward: traffic to a blocklisted address\"; classtype:trojan-activity;"
        ));
    }
    let domains: Vec<&Item<'_>> = items
        .iter()
        .filter(|i| i.kind() == ObservableKind::Domain)
        .collect();
    if domains.len() > options.dataset_threshold {
        let mut exact = String::new();
        let mut suffixes = Vec::new();
        for d in &domains {
            match &d.observable {
                Observable::Domain(name) => {
                    exact.push_str(&base64::engine::general_purpose::STANDARD.encode(name));
                    exact.push('\n');
                }
                Observable::DomainSuffix(s) => suffixes.push(s.clone()),
                _ => {}
            }
        }
        let file = "ward-domains.lst";
        let path = companion_path(options, file);
        for (proto, buffer) in [("dns", "dns.query"), ("tls", "tls.sni")] {
            rules.push(&format!(
                "alert {proto} any any -> any any (msg:\"ward: {proto} name on the blocklist dataset\"; {buffer}; to_lowercase; dataset:isset,ward-domains,type string,load {path}; classtype:trojan-activity;"
            ));
        }
        companions.push((file.to_string(), exact));
        for s in suffixes {
            for (proto, buffer) in [("dns", "dns.query"), ("tls", "tls.sni")] {
                rules.push(&format!(
                    "alert {proto} any any -> any any (msg:\"ward: {proto} name under *.{}\"; {buffer}; content:\".{}\"; nocase; endswith; classtype:trojan-activity;",
                    msg_safe(&s), content(&s)
                ));
            }
        }
    } else {
        for d in &domains {
            let (label, matcher) = match &d.observable {
                Observable::Domain(n) => (
                    n.clone(),
                    format!("content:\"{}\"; nocase; startswith; endswith;", content(n)),
                ),
                Observable::DomainSuffix(s) => (
                    format!("*.{s}"),
                    format!("content:\".{}\"; nocase; endswith;", content(s)),
                ),
                _ => continue,
            };
            for (proto, buffer) in [("dns", "dns.query"), ("tls", "tls.sni")] {
                rules.push(&format!(
                    "alert {proto} any any -> any any (msg:\"ward: {proto} name {}\"; {buffer}; {matcher} classtype:trojan-activity;",
                    msg_safe(&label)
                ));
            }
        }
    }
    for i in items.iter().filter(|i| i.kind() == ObservableKind::Url) {
        let Observable::Url(u) = &i.observable else {
            continue;
        };
        // HTTPS URLs are not visible on the wire; their host is not theirs alone to block.
        let Some(parts) = http_url(u) else { continue };
        rules.push(&format!(
            "alert http any any -> any any (msg:\"ward: request for a blocklisted URL on {}\"; flow:to_server,established; http.host; content:\"{}\"; startswith; endswith; http.uri.raw; content:\"{}\"; startswith; endswith; classtype:trojan-activity;",
            msg_safe(&parts.host), content(&parts.host), content(&parts.path)
        ));
    }
    let mut hash_lists: Vec<(&str, &str, String)> = vec![
        ("MD5", "filemd5", String::new()),
        ("SHA-1", "filesha1", String::new()),
        ("SHA-256", "filesha256", String::new()),
    ];
    for i in items {
        if let Observable::FileHash { algorithm, value } = &i.observable {
            if let Some(list) = hash_lists.iter_mut().find(|(a, _, _)| a == algorithm) {
                list.2.push_str(value);
                list.2.push('\n');
            }
        }
    }
    for (algorithm, keyword, list) in hash_lists {
        if list.is_empty() {
            continue;
        }
        let file = format!("ward-{keyword}.lst");
        rules.push(&format!(
            "alert http any any -> any any (msg:\"ward: blocklisted file ({algorithm})\"; {keyword}:{}; classtype:trojan-activity;",
            companion_path(options, &file)
        ));
        companions.push((file, list));
    }
    let mut text = header(
        "#",
        ExportFormat::Suricata,
        "alerts (or drops, in IPS mode with the action changed) on traffic to and from these addresses, DNS and TLS names, plain-HTTP URLs and file hashes",
        rules.count,
        allow_listed,
        options,
    );
    text.push_str(&rules.text);
    Export {
        text,
        companions,
        entries: rules.count,
        ..Export::default()
    }
}

/// A DNS name in wire format (`|03|www|04|evil|03|com|00|`) for Snort content matching.
fn dns_wire(name: &str, terminated: bool) -> String {
    let mut out = String::new();
    for label in name.split('.') {
        let _ = write!(out, "|{:02X}|{}", label.len().min(63), content(label));
    }
    if terminated {
        out.push_str("|00|");
    }
    out
}

pub(super) fn snort(items: &[Item<'_>], options: &ExportOptions, allow_listed: usize) -> Export {
    let mut rules = Rules {
        text: String::new(),
        sid: SID_BASE,
        count: 0,
    };
    for chunk in addresses(items).chunks(ADDRESSES_PER_RULE) {
        let list = chunk.join(",");
        rules.push(&format!(
            "alert ip [{list}] any -> any any (msg:\"ward: traffic from a blocklisted address\"; classtype:trojan-activity;"
        ));
        rules.push(&format!(
            "alert ip any any -> [{list}] any (msg:\"ward: traffic to a blocklisted address\"; classtype:trojan-activity;"
        ));
    }
    for i in items {
        match &i.observable {
            Observable::Domain(n) => rules.push(&format!(
                "alert udp any any -> any 53 (msg:\"ward: DNS query for {}\"; content:\"{}\"; nocase; classtype:trojan-activity;",
                msg_safe(n),
                dns_wire(n, true)
            )),
            Observable::DomainSuffix(s) => rules.push(&format!(
                "alert udp any any -> any 53 (msg:\"ward: DNS query under *.{}\"; content:\"{}\"; nocase; classtype:trojan-activity;",
                msg_safe(s),
                dns_wire(s, true)
            )),
            Observable::Url(u) => {
                let Some(parts) = http_url(u) else { continue };
                rules.push(&format!(
                    "alert tcp any any -> any any (msg:\"ward: request for a blocklisted URL on {}\"; flow:to_server,established; content:\"{}\"; http_header; nocase; content:\"{}\"; http_raw_uri; classtype:trojan-activity;",
                    msg_safe(&parts.host), content(&parts.host), content(&parts.path)
                ));
            }
            _ => {}
        }
    }
    let mut text = header(
        "#",
        ExportFormat::Snort,
        "alerts on traffic to and from these addresses, DNS queries for these names and plain-HTTP requests for these URLs",
        rules.count,
        allow_listed,
        options,
    );
    text.push_str(&rules.text);
    Export {
        text,
        entries: rules.count,
        ..Export::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_are_escaped() {
        assert_eq!(content("a;b\"c|d\\"), "a|3B|b|22|c|7C|d|5C|");
        assert_eq!(dns_wire("www.evil.com", true), "|03|www|04|evil|03|com|00|");
        let p = http_url("http://Evil.com:8080/a;b?x=1#frag").unwrap();
        assert_eq!(p.host, "evil.com");
        assert_eq!(p.path, "/a;b?x=1");
        assert!(http_url("https://evil.com/").is_none());
    }
}
