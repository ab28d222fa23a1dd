//! Allow-lists: things never to block. ward ships its own lists as data files (public DNS
//! resolvers, cloud and CDN ranges, top sites, healthcare-critical services; each file says
//! where its entries come from) and the member adds its own in configuration.
//!
//! An indicator that hits the allow-list is kept and flagged: it still shows in `stix` and
//! `csv` exports and to the scanner, and is left out of every blocking export.
//!
//! Entry syntax, one a line, `#` comments: an IP address or CIDR block (an indicator whose
//! block overlaps it is flagged); a host name, which covers itself and its subdomains; or
//! `=name`, which covers that exact name only (for shared hosting, where tenants' subdomains
//! may well be malicious).
//!
//! Imported lists (MISP warninglists, by `ward import`) are kept in the data folder under
//! [`IMPORTED_DIR`], one file each in the same syntax, and read with the local entries.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ward_pattern::net::IpNet;

use crate::indicator::ImportedAllowList;
use crate::observable::{self, Observable};
use crate::FeedsError;

/// The folder of the data folder that holds imported allow-lists.
pub const IMPORTED_DIR: &str = "allow-lists";

/// The file name an imported list is saved under: its name in lower case, letters and digits
/// kept and runs of anything else made one `-` (at most 80 characters).
fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(80).collect();
    if stem.is_empty() {
        "list".into()
    } else {
        stem
    }
}

/// Saves an imported list as `<data_dir>/allow-lists/misp-<name>.txt`, replacing an earlier
/// import of the same list (written to a temporary file, then renamed). Returns the path.
pub fn save_imported(data_dir: &Path, list: &ImportedAllowList) -> Result<PathBuf, FeedsError> {
    let dir = data_dir.join(IMPORTED_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| FeedsError::io(&dir, e))?;
    let path = dir.join(format!("misp-{}.txt", file_stem(&list.name)));
    let mut body = format!("# MISP warninglist: {}\n", list.name.replace('\n', " "));
    if let Some(v) = &list.version {
        body.push_str(&format!("# version: {}\n", v.replace('\n', " ")));
    }
    if let Some(d) = &list.description {
        body.push_str(&format!("# {}\n", d.replace('\n', " ")));
    }
    for e in &list.entries {
        body.push_str(e);
        body.push('\n');
    }
    let tmp = path.with_extension("txt.tmp");
    std::fs::write(&tmp, body).map_err(|e| FeedsError::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| FeedsError::io(&path, e))?;
    Ok(path)
}

/// The lists ward ships, with the name each verdict cites.
pub const SHIPPED: [(&str, &str); 4] = [
    (
        "dns-resolvers",
        include_str!("../data/allow-dns-resolvers.txt"),
    ),
    ("cloud-cdn", include_str!("../data/allow-cloud-cdn.txt")),
    ("top-sites", include_str!("../data/allow-top-sites.txt")),
    ("healthcare", include_str!("../data/allow-healthcare.txt")),
];

#[derive(Clone, Debug, Default)]
pub struct AllowList {
    nets: Vec<(IpNet, String)>,
    /// name → (list it came from, covers subdomains)
    names: HashMap<String, (String, bool)>,
}

impl AllowList {
    /// The lists ward ships.
    pub fn shipped() -> AllowList {
        let mut list = AllowList::default();
        for (name, text) in SHIPPED {
            // The shipped files are tested to parse cleanly.
            let _ = list.add_text(name, text);
        }
        list
    }

    /// Adds the entries of a list; returns the lines that are not entries (1-based line
    /// number and reason).
    pub fn add_text(&mut self, origin: &str, text: &str) -> Vec<(usize, String)> {
        let mut bad = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Err(e) = self.add(origin, line) {
                bad.push((i + 1, e));
            }
        }
        bad
    }

    /// Adds the lists saved under `<data_dir>/allow-lists` (none when the folder is
    /// missing); each verdict cites its file's name.
    pub fn add_imported(&mut self, data_dir: &Path) -> Result<(), FeedsError> {
        let dir = data_dir.join(IMPORTED_DIR);
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(FeedsError::io(&dir, e)),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| FeedsError::io(&file, e))?;
            let origin = file
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            if let Some((line, message)) = self.add_text(&origin, &text).into_iter().next() {
                return Err(FeedsError::Unreadable {
                    path: file,
                    message: format!("line {line}: {message}"),
                });
            }
        }
        Ok(())
    }

    /// Adds one entry.
    pub fn add(&mut self, origin: &str, entry: &str) -> Result<(), String> {
        let entry = entry.trim();
        if let Some(net) = IpNet::parse(entry) {
            self.nets.push((net, origin.to_string()));
            return Ok(());
        }
        let (exact, name) = match entry.strip_prefix('=') {
            Some(n) => (true, n),
            None => (false, entry.strip_prefix("*.").unwrap_or(entry)),
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if !observable::is_host_name(&name) {
            return Err(format!(
                "{entry:?}: expected an IP address, a CIDR block, a host name or =name"
            ));
        }
        self.names.insert(name, (origin.to_string(), !exact));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.nets.len() + self.names.len()
    }

    /// Every entry with the list it came from, as text in a fixed order: equal for two
    /// allow-lists that give every observable the same verdict from the same list (the scan
    /// index's cache keys on it).
    pub fn content_key(&self) -> String {
        let mut names: Vec<_> = self.names.iter().collect();
        names.sort();
        let mut key = String::new();
        for (net, origin) in &self.nets {
            key.push_str(&format!("{}/{} {origin}\n", net.addr, net.prefix));
        }
        for (name, (origin, subdomains)) in names {
            key.push_str(&format!("{name} {origin} {subdomains}\n"));
        }
        key
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check_name(&self, name: &str) -> Option<&str> {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if let Some((origin, _)) = self.names.get(&name) {
            return Some(origin);
        }
        let mut rest = name.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            if let Some((origin, true)) = self.names.get(parent) {
                return Some(origin);
            }
            rest = parent;
        }
        None
    }

    fn check_net(&self, net: &IpNet) -> Option<&str> {
        self.nets
            .iter()
            .find(|(allowed, _)| allowed.contains(net) || net.contains(allowed))
            .map(|(_, origin)| origin.as_str())
    }

    /// The list that allows this observable, if any. Only addresses and names are ever
    /// flagged: a URL, hash or e-mail address on an allowed host blocks that one thing, not
    /// the host.
    pub fn check(&self, o: &Observable) -> Option<&str> {
        match o {
            Observable::Ipv4(_)
            | Observable::Ipv4Net { .. }
            | Observable::Ipv6(_)
            | Observable::Ipv6Net { .. } => {
                let net = IpNet::parse(&observable::value_text(o))?;
                self.check_net(&net)
            }
            Observable::Domain(d) => self.check_name(d),
            Observable::DomainSuffix(d) => self.check_name(d).or_else(|| {
                // `*.example.com` would block every allowed name under it.
                let suffix = format!(".{d}");
                self.names
                    .iter()
                    .find(|(n, _)| n.ends_with(&suffix))
                    .map(|(_, (origin, _))| origin.as_str())
            }),
            Observable::Url(_) | Observable::FileHash { .. } | Observable::EmailAddress(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observable::classify;

    #[test]
    fn the_content_key_follows_the_entries_not_their_order_of_names() {
        let mut a = AllowList::default();
        a.add("x", "a.example").unwrap();
        a.add("x", "=b.example").unwrap();
        let mut b = AllowList::default();
        b.add("x", "=b.example").unwrap();
        b.add("x", "a.example").unwrap();
        assert_eq!(a.content_key(), b.content_key());
        b.add("x", "203.0.113.0/24").unwrap();
        assert_ne!(a.content_key(), b.content_key());
        let mut c = AllowList::default();
        c.add("y", "a.example").unwrap();
        c.add("x", "=b.example").unwrap();
        assert_ne!(a.content_key(), c.content_key());
    }

    #[test]
    fn shipped_lists_parse_cleanly() {
        for (name, text) in SHIPPED {
            let mut l = AllowList::default();
            assert_eq!(l.add_text(name, text), vec![], "{name}");
            assert!(!l.is_empty());
        }
    }

    #[test]
    fn flags_resolvers_ranges_names_and_subdomains() {
        let l = AllowList::shipped();
        let check = |s: &str| l.check(&classify(s).unwrap()).map(str::to_string);
        assert_eq!(check("8.8.8.8").as_deref(), Some("dns-resolvers"));
        assert_eq!(check("8.8.0.0/16").as_deref(), Some("dns-resolvers"));
        assert_eq!(check("104.16.1.1").as_deref(), Some("cloud-cdn"));
        assert_eq!(
            check("login.microsoftonline.com").as_deref(),
            Some("top-sites")
        );
        assert_eq!(check("surescripts.net").as_deref(), Some("healthcare"));
        assert!(l.check(&Observable::DomainSuffix("com".into())).is_some());
        // `=name` entries do not cover tenants.
        assert_eq!(check("evil-bucket.s3.amazonaws.com"), None);
        assert_eq!(check("s3.amazonaws.com").as_deref(), Some("cloud-cdn"));
        assert_eq!(check("evil.example"), None);
        assert_eq!(check("192.0.2.1"), None);
        assert_eq!(check("http://docs.google.com/phish"), None);
    }

    #[test]
    fn local_entries_and_bad_lines() {
        let mut l = AllowList::default();
        let bad = l.add_text(
            "local",
            "portal.clinic.example\n203.0.113.0/24\nnot a name\n",
        );
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].0, 3);
        assert!(l.check(&classify("203.0.113.9").unwrap()).is_some());
        assert!(l
            .check(&classify("a.portal.clinic.example").unwrap())
            .is_some());
    }
}
