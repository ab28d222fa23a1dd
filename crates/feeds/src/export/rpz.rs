//! A DNS Response Policy Zone (BIND, Unbound, PowerDNS, Knot): each blocked name answers
//! NXDOMAIN (`CNAME .`); blocked addresses are `rpz-ip` triggers, so any answer that
//! resolves into them is blocked too. Owner names are relative, so the member can load the
//! file under any zone name.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::{header, Export, ExportFormat, ExportOptions, Item};
use crate::observable::{is_host_name, Observable};

/// Room left for the zone's own name: owner names must fit in 255 octets with it.
const MAX_OWNER: usize = 200;

fn v4_trigger(a: Ipv4Addr, prefix: u8) -> String {
    let o = a.octets();
    format!("{prefix}.{}.{}.{}.{}.rpz-ip", o[3], o[2], o[1], o[0])
}

fn v6_trigger(a: Ipv6Addr, prefix: u8) -> String {
    let groups: Vec<String> = a
        .segments()
        .iter()
        .rev()
        .map(|g| format!("{g:x}"))
        .collect();
    format!("{prefix}.{}.rpz-ip", groups.join("."))
}

pub(super) fn render(items: &[Item<'_>], options: &ExportOptions, allow_listed: usize) -> Export {
    let mut records = Vec::new();
    for i in items {
        let owners: Vec<String> = match &i.observable {
            Observable::Domain(d) if is_host_name(d) => vec![d.clone()],
            Observable::DomainSuffix(d) if is_host_name(d) => vec![format!("*.{d}")],
            Observable::Ipv4(a) => vec![v4_trigger(*a, 32)],
            Observable::Ipv4Net { network, prefix } => vec![v4_trigger(*network, *prefix)],
            Observable::Ipv6(a) => vec![v6_trigger(*a, 128)],
            Observable::Ipv6Net { network, prefix } => vec![v6_trigger(*network, *prefix)],
            _ => Vec::new(),
        };
        for owner in owners {
            if owner.len() <= MAX_OWNER {
                records.push(owner);
            }
        }
    }
    let mut text = header(
        ";",
        ExportFormat::Rpz,
        &format!(
            "DNS answers for these names (NXDOMAIN) and any answer resolving into these addresses; load as response-policy zone {:?} or any name",
            options.zone
        ),
        records.len(),
        allow_listed,
        options,
    );
    let serial = u32::try_from(options.now.secs.max(1)).unwrap_or(u32::MAX);
    let _ = writeln!(text, "$TTL 300");
    let _ = writeln!(
        text,
        "@ IN SOA localhost. hostmaster.localhost. ( {serial} 3600 600 86400 300 )"
    );
    let _ = writeln!(text, "@ IN NS localhost.");
    for owner in &records {
        let _ = writeln!(text, "{owner} IN CNAME .");
    }
    Export {
        text,
        entries: records.len(),
        ..Export::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers() {
        assert_eq!(
            v4_trigger("192.0.2.7".parse().unwrap(), 32),
            "32.7.2.0.192.rpz-ip"
        );
        assert_eq!(
            v6_trigger("2001:db8::1".parse().unwrap(), 128),
            "128.1.0.0.0.0.0.db8.2001.rpz-ip"
        );
    }
}
