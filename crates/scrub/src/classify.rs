//! What a single token is, judged by its shape alone: an address, a hash, an identifier
//! number, a host name. Context is the text module's business.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::vocab::{lower, Vocab};

/// Undoes the usual defanging of indicators ("hxxp", "[.]", "(.)", "[@]", "[:]") so that
/// the shape checks see the real value. Returns `None` when nothing was defanged.
pub fn refang(token: &str) -> Option<String> {
    let b = token.as_bytes();
    // One pass for either bracket first: most tokens hold neither.
    let bracket = b.iter().any(|&c| c == b'[' || c == b'(');
    let defanged = bracket && (b.contains(&b'[') || b.windows(3).any(|w| w == b"(.)"))
        || b.len() >= 4 && b[..4].eq_ignore_ascii_case(b"hxxp");
    if !defanged {
        return None;
    }
    // Each replacement only where its opening bracket is present: a `str::replace` sets up a
    // searcher and copies the token even when nothing matches.
    let mut s = token.to_owned();
    for (from, to) in [
        ("[.]", "."),
        ("(.)", "."),
        ("[@]", "@"),
        ("[:]", ":"),
        ("[://]", "://"),
    ] {
        if s.as_bytes().contains(&from.as_bytes()[0]) {
            s = s.replace(from, to);
        }
    }
    if s.len() >= 4 && s.as_bytes()[..4].eq_ignore_ascii_case(b"hxxp") {
        s.replace_range(..4, "http");
    }
    Some(s)
}

/// Where an IPv4 address points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Internal,
    Public,
}

/// An IPv4 address, optionally with `:port` or `/prefix`.
pub fn ipv4(token: &str) -> Option<Reach> {
    // An address starts with a digit: most tokens stop here, before any search or parse.
    if !token.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // No dot, no address (phone numbers, record numbers, dates): no split, no parse.
    if !token.as_bytes().contains(&b'.') {
        return None;
    }
    // BIND and Infoblox query logs write a client's port after a `#`
    // (`client 10.1.2.3#53211 (example.org): query: ...`).
    let addr = token.split([':', '/', '#']).next().unwrap_or(token);
    let rest = &token[addr.len()..];
    if !rest.is_empty() {
        let digits = &rest[1..];
        if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let ip: Ipv4Addr = addr.parse().ok()?;
    Some(ipv4_reach(ip))
}

pub fn ipv4_reach(ip: Ipv4Addr) -> Reach {
    let o = ip.octets();
    let cgnat = o[0] == 100 && (64..128).contains(&o[1]);
    if ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || cgnat
    {
        Reach::Internal
    } else {
        Reach::Public
    }
}

/// An IPv6 address, optionally with a zone (`%eth0`) or `/prefix`.
pub fn ipv6(token: &str) -> Option<Reach> {
    if !token.contains(':') {
        return None;
    }
    let addr = token.split(['%', '/']).next().unwrap_or(token);
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    let ip: Ipv6Addr = addr.parse().ok()?;
    let seg = ip.segments();
    let internal = ip.is_loopback()
        || ip.is_unspecified()
        || (seg[0] & 0xffc0) == 0xfe80
        || (seg[0] & 0xfe00) == 0xfc00
        || ip
            .to_ipv4_mapped()
            .is_some_and(|v4| ipv4_reach(v4) == Reach::Internal);
    Some(if internal {
        Reach::Internal
    } else {
        Reach::Public
    })
}

/// A MAC address: six hex pairs joined by `:` or `-`, or three hex quads joined by `.`.
pub fn mac(token: &str) -> bool {
    let b = token.as_bytes();
    if b.len() == 17 {
        let sep = b[2];
        if sep != b':' && sep != b'-' {
            return false;
        }
        return b.iter().enumerate().all(|(i, &c)| {
            if i % 3 == 2 {
                c == sep
            } else {
                c.is_ascii_hexdigit()
            }
        });
    }
    if b.len() == 14 {
        return b.iter().enumerate().all(|(i, &c)| {
            if i % 5 == 4 {
                c == b'.'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    }
    false
}

/// A hex digest of a common length (MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512).
pub fn hash(token: &str) -> bool {
    matches!(token.len(), 32 | 40 | 56 | 64 | 96 | 128)
        && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// CVE, CWE, ATT&CK, vendor advisory and knowledge-base ids, and threat-actor designations
/// such as APT29 or Storm-0558.
pub fn vuln_or_attack_id(token: &str) -> Option<crate::IndicatorKind> {
    use crate::IndicatorKind::{AttackPattern, ThreatName, Vulnerability};
    let b = token.as_bytes();
    if b.len() < 3
        || b.len() > 40
        || !b[0].is_ascii_alphabetic()
        || !b.iter().any(u8::is_ascii_digit)
    {
        return None;
    }
    let upper = token.to_ascii_uppercase();
    let u = upper.as_str();
    let digits_from = |i: usize| u.len() > i && u[i..].bytes().all(|b| b.is_ascii_digit());
    for prefix in [
        "CVE-", "CWE-", "GHSA-", "ICSA-", "ICSMA-", "CAPEC-", "ZDI-", "EDB-", "VU#",
    ] {
        if u.starts_with(prefix) && u.len() > prefix.len() + 1 {
            return Some(Vulnerability);
        }
    }
    if u.starts_with("KB") && digits_from(2) && u.len() >= 8 {
        return Some(Vulnerability);
    }
    if u.len() >= 6 && u.starts_with("MS") && u.as_bytes()[4] == b'-' && digits_from(5) {
        return Some(Vulnerability);
    }
    // ATT&CK: T1566, T1566.001, TA0001, S0154, G0016, M1036, C0015, DS0029.
    let (head, sub) = match u.split_once('.') {
        Some((h, s)) => (h, Some(s)),
        None => (u, None),
    };
    let sub_ok = match sub {
        None => true,
        Some(s) => s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()),
    };
    for prefix in ["TA", "DS", "T", "S", "G", "M", "C"] {
        if head.len() == prefix.len() + 4 && head.starts_with(prefix) && sub_ok {
            let tail = &head[prefix.len()..];
            if tail.bytes().all(|b| b.is_ascii_digit()) {
                return Some(AttackPattern);
            }
        }
    }
    for prefix in [
        "APT", "UNC", "FIN", "TA", "DEV-", "STORM-", "TEMP.", "UAC-", "UAT-",
    ] {
        if u.starts_with(prefix) && digits_from(prefix.len()) && u.len() <= prefix.len() + 5 {
            return Some(ThreatName);
        }
    }
    None
}

/// A cryptocurrency wallet: Bitcoin (base58 or bech32), Ethereum, Monero.
pub fn wallet(token: &str) -> bool {
    let b = token.as_bytes();
    // Every wallet layout below is 14 bytes or more.
    if b.len() < 14 {
        return false;
    }
    let base58 = |c: &u8| c.is_ascii_alphanumeric() && !matches!(c, b'0' | b'O' | b'I' | b'l');
    let has_digit = b.iter().any(u8::is_ascii_digit);
    let has_alpha = b.iter().any(u8::is_ascii_alphabetic);
    if (26..=35).contains(&b.len())
        && matches!(b[0], b'1' | b'3')
        && b.iter().all(base58)
        && has_alpha
    {
        return true;
    }
    if b.len() >= 14 && b.len() <= 74 && token.starts_with("bc1") {
        return b[3..]
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    }
    if b.len() == 42 && token.starts_with("0x") {
        return b[2..].iter().all(u8::is_ascii_hexdigit);
    }
    b.len() == 95 && matches!(b[0], b'4' | b'8') && b.iter().all(base58) && has_digit
}

/// A STIX identifier (`indicator--<uuid>`).
pub fn stix_id(token: &str) -> bool {
    // A type, `--` and a 36-byte UUID: shorter tokens need no search.
    if token.len() < 39 {
        return false;
    }
    match token.split_once("--") {
        Some((ty, uuid)) => {
            !ty.is_empty()
                && ty
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && uuid.len() == 36
                && uuid.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
        }
        None => false,
    }
}

/// A host name: at least two labels and a known top-level domain. Returns it lowercased,
/// without a trailing dot.
pub fn host_name(token: &str, vocab: &Vocab) -> Option<String> {
    let t = token.trim_end_matches('.');
    if !t.contains('.') || t.len() > 253 {
        return None;
    }
    let mut labels = 0;
    for label in t.split('.') {
        let b = label.as_bytes();
        if b.is_empty()
            || b.len() > 63
            || b[0] == b'-'
            || b[b.len() - 1] == b'-'
            || !b
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
        {
            return None;
        }
        labels += 1;
    }
    let tld = t.rsplit('.').next()?;
    let mut buf = [0u8; 32];
    let tld_lower = lower(tld, &mut buf)?;
    if labels < 2 || !vocab.tlds.contains(tld_lower) {
        return None;
    }
    Some(t.to_ascii_lowercase())
}

/// Does `host` end in a suffix that exists only inside an organization's network?
pub fn internal_suffix(host: &str) -> bool {
    crate::lists::INTERNAL_SUFFIXES.iter().any(|s| {
        host.len() > s.len() + 1
            && host.ends_with(s)
            && host.as_bytes()[host.len() - s.len() - 1] == b'.'
    })
}

/// The extension of a file name, lowercased, when the name looks like `stem.ext`.
pub fn extension(token: &str) -> Option<String> {
    // The last dot, found by a byte search (a `char` search sets up a searcher per token).
    let dot = token.bytes().rposition(|b| b == b'.')?;
    let (stem, ext) = (&token[..dot], &token[dot + 1..]);
    if stem.is_empty() || ext.is_empty() || ext.len() > 5 {
        return None;
    }
    if !ext.bytes().all(|b| b.is_ascii_alphanumeric())
        || !ext.bytes().any(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    Some(ext.to_ascii_lowercase())
}

/// A Medicare Beneficiary Identifier: 11 characters in the pattern
/// digit, letter, alnum, digit, letter, alnum, digit, letter, letter, digit, digit
/// (dashes after the 4th and 7th allowed).
pub fn mbi(token: &str) -> bool {
    if token.len() != 11 && token.len() != 13 {
        return false;
    }
    let compact: Vec<u8> = token.bytes().filter(|&b| b != b'-').collect();
    if compact.len() != 11 {
        return false;
    }
    let letter =
        |c: u8| c.is_ascii_uppercase() && !matches!(c, b'S' | b'L' | b'O' | b'I' | b'B' | b'Z');
    let digit = |c: u8| c.is_ascii_digit();
    let alnum = |c: u8| digit(c) || letter(c);
    let c = &compact;
    (b'1'..=b'9').contains(&c[0])
        && letter(c[1])
        && alnum(c[2])
        && digit(c[3])
        && letter(c[4])
        && alnum(c[5])
        && digit(c[6])
        && letter(c[7])
        && letter(c[8])
        && digit(c[9])
        && digit(c[10])
}

/// A vehicle identification number: 17 letters and digits, never I, O or Q.
pub fn vin(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() == 17
        && b.iter().all(|c| {
            c.is_ascii_digit() || (c.is_ascii_uppercase() && !matches!(c, b'I' | b'O' | b'Q'))
        })
        && b.iter().filter(|c| c.is_ascii_digit()).count() >= 3
        && b.iter().any(u8::is_ascii_uppercase)
}

/// Internal host naming conventions: `DESKTOP-7H2K9QP`, `WS-0425`, `EHR-SRV-02`,
/// `ws-radiology-17`, `nurse-stn-icu-3`, `FILESRV5`.
/// An AWS resource id (`eni-0a1b2c3d4e5f60718`, `i-0abc1234`, `vpc-`, `subnet-`, `sg-`,
/// `vol-`, `snap-`, `ami-`, `rtb-`, `igw-`, `acl-` and 8 or 17 lowercase hex digits) or a
/// worker thread's name as a JVM log prints it (`executor-thread-31`, `pool-2-thread-7`).
pub fn machine_object_name(token: &str) -> bool {
    let Some((head, tail)) = token.rsplit_once('-') else {
        return false;
    };
    let aws = matches!(
        head,
        "eni" | "i" | "vpc" | "subnet" | "sg" | "vol" | "snap" | "ami" | "rtb" | "igw" | "acl"
    ) && matches!(tail.len(), 8 | 17)
        && tail
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let thread = (1..=5).contains(&tail.len())
        && tail.bytes().all(|b| b.is_ascii_digit())
        && head.ends_with("-thread")
        && head
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    aws || thread
}

pub fn host_convention(token: &str) -> bool {
    if hl7_field_ref(token) || interface_name(token) {
        return false;
    }
    if token
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        return lower_host_convention(token);
    }
    let b = token.as_bytes();
    if !b.contains(&b'-') {
        return glued_host(token);
    }
    if site_role_host(token) {
        return true;
    }
    if b.len() < 4 || b.len() > 32 || !b.contains(&b'-') {
        return false;
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'-')
    {
        return false;
    }
    if !b.iter().any(u8::is_ascii_digit) || !b[0].is_ascii_uppercase() || b[b.len() - 1] == b'-' {
        return false;
    }
    let first = token.split('-').next().unwrap_or("");
    const NOT_HOSTS: &[&str] = &[
        "SHA", "AES", "RSA", "MD", "COVID", "HL", "HL7", "IEC", "ISO", "NIST", "SP", "TLS", "SSL",
        "UTF", "CVE", "CWE", "GHSA", "ICSA", "ICSMA", "MS", "KB", "APT", "UNC", "FIN", "TA", "DEV",
        "STORM", "TLP", "RFC", "ID", "PCI", "SOC", "FIPS", "X", "P", "IPV", "CSF", "PR", "DE",
        "RS", "RC", "GV", "ZDI", "EDB", "UAC", "UAT", "CAPEC", "DS", "IR", "INC", "REQ", "CHG",
        "TKT", "SR", "RITM", "TASK", "PRB", "CASE", "TICKET", "CR", "JIRA", "SEC",
    ];
    if NOT_HOSTS.contains(&first) {
        return false;
    }
    let segments = token.split('-').count();
    const HOST_PREFIXES: &[&str] = &["DESKTOP", "LAPTOP", "WIN", "WS", "PC", "SRV", "DC", "NB"];
    segments >= 2 && (HOST_PREFIXES.contains(&first) || first.len() >= 2)
}

/// `abc-WS044`, `site-NUR352`, `xyz-LT936`: a lowercase site prefix, a hyphen, and an
/// uppercase role code glued to a number of two to four digits (a workstation, laptop or
/// nurse station named after its site and role). English prefixes (`anti-CD20`) are not sites.
fn site_role_host(token: &str) -> bool {
    let Some((site, rest)) = token.split_once('-') else {
        return false;
    };
    let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = rest.len() - letters;
    const NOT_SITES: &[&str] = &[
        "anti", "pre", "post", "non", "pro", "sub", "co", "re", "de", "un", "mid", "semi", "multi",
        "inter", "intra", "trans", "type", "class", "stage", "grade", "level", "phase", "model",
        "mark", "sars", "covid", "hs", "ultra", "super", "self", "over", "under",
    ];
    const NOT_ROLES: &[&str] = &[
        "CVE", "CWE", "SHA", "MD", "HL", "TLS", "SSL", "UTF", "ISO", "RFC", "KB", "MS", "AES",
        "RSA", "IPV", "PCI", "FIPS", "CD", "IL", "HER", "PD", "COVID", "T", "N", "A", "B", "C",
        "E", "K", "V", "X",
    ];
    (2..=8).contains(&site.len())
        && site.bytes().all(|c| c.is_ascii_lowercase())
        && (1..=5).contains(&letters)
        && (2..=4).contains(&digits)
        && rest[letters..].bytes().all(|c| c.is_ascii_digit())
        && !NOT_SITES.contains(&site)
        && !NOT_ROLES.contains(&&rest[..letters])
}

/// `FILESRV5`, `EHRDB02`: four or more capitals and a short number, no hyphen; or a
/// server-role abbreviation and a number (`FS6`, `DC01`, `SQL2`).
fn glued_host(token: &str) -> bool {
    let letters = token.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = token.len() - letters;
    const ROLES: &[&str] = &[
        "FS", "DC", "WS", "PC", "NB", "SQL", "SRV", "APP", "EHR", "NAS", "PRT", "RDS", "ESX", "HV",
        "VM", "BKP", "MAIL", "EXCH", "ADFS", "PACS", "WEB",
    ];
    if (1..=3).contains(&digits)
        && token[letters..].bytes().all(|c| c.is_ascii_digit())
        && ROLES.contains(&&token[..letters])
    {
        return true;
    }
    const NOT_HOSTS: &[&str] = &[
        "RAID", "HTTP", "IMAP", "SMTP", "POP", "UTF", "SHA", "IPV", "SMBV", "TLSV", "SSLV",
        "NTLMV", "SNMPV", "WPA", "PKCS", "BASE", "AVX", "DDR", "LTE", "USB", "HDMI", "MPEG",
        "COVID",
    ];
    if (4..=12).contains(&letters)
        && (1..=3).contains(&digits)
        && token[letters..].bytes().all(|c| c.is_ascii_digit())
        && !NOT_HOSTS.contains(&&token[..letters])
    {
        return true;
    }
    // `NORTHRIDGEMEDSQL1`: a long site name glued to a server role and its number.
    (13..=24).contains(&letters)
        && (1..=3).contains(&digits)
        && token[letters..].bytes().all(|c| c.is_ascii_digit())
        && ROLES
            .iter()
            .any(|r| r.len() >= 2 && token[..letters].ends_with(r))
        || floor_unit_host(token)
}

/// `4ECOW07`, `3WRDR24`: a floor number, a unit and a device code in capitals, and the
/// device's number (a computer on wheels or a reader on a ward).
fn floor_unit_host(token: &str) -> bool {
    let b = token.as_bytes();
    let letters = b
        .iter()
        .skip(1)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let digits = b.len().saturating_sub(1 + letters);
    b.first().is_some_and(|c| (b'1'..=b'9').contains(c))
        && (4..=8).contains(&letters)
        && (2..=3).contains(&digits)
        && b[1 + letters..].iter().all(u8::is_ascii_digit)
}

/// `ws-radiology-17`, `nurse-stn-icu-3`, `ehr-db-02`: lowercase words and a number joined
/// by hyphens, no dot (a public name would have a suffix), ending in the number.
fn lower_host_convention(token: &str) -> bool {
    let b = token.as_bytes();
    if b.len() < 4
        || b.len() > 40
        || !b
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        || !b[0].is_ascii_lowercase()
    {
        return false;
    }
    let parts: Vec<&str> = token.split('-').collect();
    let Some(last) = parts.last() else {
        return false;
    };
    const NOT_HOSTS: &[&str] = &[
        "sha", "aes", "rsa", "md", "covid", "hl", "iso", "tls", "ssl", "utf", "cve", "cwe", "ghsa",
        "ms", "kb", "apt", "unc", "fin", "ta", "dev", "storm", "rfc", "pci", "fips", "x", "ipv",
        "win", "windows", "log", "ec", "p", "chacha", "curve", "ed", "rc", "base", "ecdsa", "t",
        "step", "phase", "stage", "day", "week", "version", "v", "build", "tier", "level", "wave",
        "round", "part", "page", "section", "chapter", "room", "bed", "floor", "suite",
    ];
    // `dc01`, `vpn02`, `pacs-vna3`: letters and a short number glued, one or more parts.
    let glued = |p: &str| {
        let letters = p.bytes().take_while(u8::is_ascii_lowercase).count();
        letters >= 2
            && (1..=3).contains(&(p.len() - letters))
            && p[letters..].bytes().all(|c| c.is_ascii_digit())
    };
    const NOT_GLUED: &[&str] = &[
        "sha", "md", "ipv", "mp", "win", "log", "covid", "utf", "top", "http", "smbv", "tls",
        "ssl", "tlsv", "sslv", "ntlmv", "snmpv", "wpa", "pkcs", "base", "aes", "rc", "des", "rsa",
        "ec", "ed", "x", "h", "vp", "ext", "page", "step", "day", "week", "room", "bed", "floor",
        "phase", "version", "build", "tier", "level", "wave", "part", "section", "item", "line",
        "row", "col", "grade", "stage", "type", "class", "cat", "zone", "ward", "unit", "pod",
        "bay", "ssh", "tcp", "udp", "smtp", "imap", "pop", "dns", "ntp", "ldap", "sftp", "ftp",
        "web", "gpt", "ps", "ie", "rev", "ver", "run", "arm", "amd", "intel", "gen", "jdk", "php",
        "py", "python", "node", "net", "dotnet", "office", "excel", "word", "note", "fig", "table",
        "eth", "ens", "enp", "eno", "wlan", "wlp", "tun", "tap", "br", "bond", "veth", "virbr",
        "lo",
    ];
    let head = |p: &str| p.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned();
    // `hrmc-4e-kiosk25`: a floor or wing code (`4e`, `3w`) among the parts.
    let wing = |p: &str| {
        p.len() == 2 && p.as_bytes()[0].is_ascii_digit() && p.as_bytes()[1].is_ascii_lowercase()
    };
    if glued(last)
        && parts[..parts.len() - 1].iter().enumerate().all(|(i, p)| {
            !p.is_empty() && (p.bytes().all(|c| c.is_ascii_lowercase()) || i > 0 && wing(p))
        })
    {
        let first = if parts.len() == 1 {
            head(last)
        } else {
            parts[0].to_owned()
        };
        return !NOT_GLUED.contains(&first.as_str()) && !NOT_HOSTS.contains(&first.as_str());
    }
    // `hl7-if-8`, `hl7-tst-47`: a product or protocol name with a digit in it, a role word
    // and a short number (three parts at least: `mp3-2` is no host).
    let code = |p: &str| {
        let letters = p.bytes().take_while(u8::is_ascii_lowercase).count();
        (2..=4).contains(&letters)
            && p.len() - letters == 1
            && p.as_bytes()[letters].is_ascii_digit()
    };
    if parts.len() >= 3
        && code(parts[0])
        && (1..=3).contains(&last.len())
        && last.bytes().all(|c| c.is_ascii_digit())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| (2..=6).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_lowercase()))
    {
        return true;
    }
    // `ws-rad-17`, `nurse-stn-3w-2`: a word of letters first, then parts of letters and
    // digits, the last a short number.
    parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty())
        && !last.is_empty()
        && last.bytes().all(|c| c.is_ascii_digit())
        && last.len() <= 4
        && !NOT_HOSTS.contains(&parts[0])
        && parts[0].bytes().all(|c| c.is_ascii_lowercase())
        && (parts.len() > 2 || parts[0].len() >= 2)
        && parts[1..parts.len() - 1].iter().all(|p| {
            p.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `iPhone-84E1EB`, `Galaxy-S23-7F2A`: a phone or tablet named, as device management does,
/// after its model and a code from its serial or hardware address.
pub fn mobile_device_name(token: &str) -> bool {
    // The models open with `i`, `a`, `g` or `p` in either case: other tokens need no search.
    if !token
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'i' | b'a' | b'g' | b'p'))
    {
        return false;
    }
    let Some((model, code)) = token.split_once('-') else {
        return false;
    };
    const MODELS: &[&str] = &["iphone", "ipad", "android", "galaxy", "pixel", "ipod"];
    let code = code.rsplit('-').next().unwrap_or("");
    MODELS.iter().any(|m| m.eq_ignore_ascii_case(model))
        && (4..=16).contains(&code.len())
        && code.bytes().all(|c| c.is_ascii_alphanumeric())
        && code.bytes().any(|c| c.is_ascii_digit())
}

/// `26-Aug-2026`, `3-mar-1951`: a day, a month's three-letter abbreviation and a year of
/// four digits, joined by hyphens (two-digit years are left to log timestamps).
pub fn day_month_year(token: &str) -> bool {
    // The day's digits open it: other tokens need no split.
    if !token.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let mut parts = token.split('-');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    (1..=2).contains(&d.len())
        && d.bytes().all(|c| c.is_ascii_digit())
        && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && m.len() == 3
        && MONTHS.iter().any(|x| x.eq_ignore_ascii_case(m))
        && y.len() == 4
        && y.parse::<u32>().is_ok_and(|y| (1800..=2199).contains(&y))
}

/// `2024-12-13`, `2024-12-13T05:00Z`, `2025-02-03T12:11:43+02:00`: an ISO 8601 date with
/// or without its time.
pub fn iso_date_time(token: &str) -> bool {
    let b = token.as_bytes();
    let date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    date && (b.len() == 10
        || matches!(b[10], b'T' | b't')
            && b[11..].iter().all(|c| {
                c.is_ascii_digit() || matches!(c, b':' | b'.' | b'+' | b'-' | b'Z' | b'z')
            }))
}

/// A URL whose query names a patient (`?pid=...&dob=...`, `patientId=`, `mrn=`): the link
/// identifies a person wherever it points.
pub fn patient_query(url: &str) -> bool {
    let Some((_, query)) = url.split_once('?') else {
        return false;
    };
    query.split(['&', ';']).any(|pair| {
        let key = pair.split('=').next().unwrap_or("").to_ascii_lowercase();
        matches!(
            key.as_str(),
            "pid"
                | "patientid"
                | "patient_id"
                | "patient"
                | "mrn"
                | "dob"
                | "ssn"
                | "name"
                | "patientname"
                | "patient_name"
                | "birthdate"
                | "memberid"
                | "member_id"
                | "firstname"
                | "lastname"
                | "first_name"
                | "last_name"
        )
    })
}

/// `14:10`, `06:38:12`: a clock time.
pub fn clock_time(token: &str) -> bool {
    let mut parts = 0;
    for p in token.split(':') {
        parts += 1;
        if parts > 3 || !(1..=2).contains(&p.len()) || !p.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    parts >= 2
}

/// Is this a capitalized word: an uppercase letter, then lowercase letters (with inner
/// apostrophes, hyphens or a second capital as in McDonald or O'Brien)?
pub fn is_cap_word(token: &str) -> bool {
    // Bytes while the word is ASCII (most are); its first other byte hands the word to the
    // reading by characters.
    let b = token.as_bytes();
    match b.first() {
        None => return false,
        Some(&first) if first.is_ascii() => {
            if !first.is_ascii_uppercase() || b.len() < 2 {
                return false;
            }
            let mut lowers = false;
            for &c in &b[1..] {
                if c.is_ascii_lowercase() {
                    lowers = true;
                } else if !c.is_ascii() {
                    return cap_word_chars(token);
                } else if !(c.is_ascii_uppercase() || c == b'\'' || c == b'-') {
                    return false;
                }
            }
            return lowers;
        }
        Some(_) => {}
    }
    cap_word_chars(token)
}

/// [`is_cap_word`] read character by character.
fn cap_word_chars(token: &str) -> bool {
    let mut chars = token.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || token.len() < 2 {
        return false;
    }
    let mut lowers = 0;
    for c in chars {
        if c.is_lowercase() {
            lowers += 1;
        } else if !(c.is_uppercase() || c == '\'' || c == '’' || c == '-') {
            return false;
        }
    }
    lowers > 0
}

/// Is this a name initial: one capital letter (the token's trailing dot was trimmed)?
pub fn is_initial(token: &str) -> bool {
    token.len() == 1 && token.as_bytes()[0].is_ascii_uppercase()
}

/// Counts ASCII digits.
pub fn digits(token: &str) -> usize {
    token.bytes().filter(u8::is_ascii_digit).count()
}

/// A hexadecimal constant written with its `0x` prefix (`0xC000006D`, `0x8020000000000000`):
/// a status code, flag set or handle in a log, never a person's identifier.
pub fn hex_constant(token: &str) -> bool {
    let digits = token
        .strip_prefix("0x")
        .or_else(|| token.strip_prefix("0X"))
        .unwrap_or("");
    !digits.is_empty() && digits.len() <= 32 && digits.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A GUID, 8-4-4-4-12 hex digits, braces allowed (`{54849625-5478-4994-A5BA-3E3B0328C30D}`).
pub fn guid(token: &str) -> bool {
    let g = token.trim_start_matches('{').trim_end_matches('}');
    let parts: Vec<&str> = g.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// An IPv4 address that names no machine: `0.0.0.0` (any) or `255.255.255.255` (all).
pub fn ipv4_unspecified(token: &str) -> bool {
    let addr = token.split([':', '/', '#']).next().unwrap_or(token);
    matches!(addr, "0.0.0.0" | "255.255.255.255")
}

/// A network interface or virtual system of a firewall or host (`igb0`, `eth1`, `vsys1`,
/// `vlan20`, `enp3s0`): part of the machine's wiring, never a host of its own.
pub fn interface_name(token: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "eth", "igb", "em", "ix", "ixl", "vsys", "vlan", "ens", "eno", "enp", "wlan", "bond", "br",
        "tun", "tap", "lo", "ae", "wg", "ppp", "vmx", "bge",
    ];
    let letters = token.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &token[letters.len()..];
    (PREFIXES.contains(&letters) && !digits.is_empty() && digits.len() <= 4)
        || token.starts_with("enp")
            && token.len() <= 10
            && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// An Okta user's id: `00u` and 17 letters or digits (`00u1a2b3c4D5e6F7g8h9`). Groups
/// (`00g`) and apps (`0oa`) are not people.
pub fn okta_user_id(token: &str) -> bool {
    token.len() == 20
        && token.starts_with("00u")
        && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A privileged or service account as vault and identity tools name them: an admin prefix
/// before a login (`adm-jdoe`, `admin-j.doe`, `a-jdoe1`), or a host and such a login joined
/// (`WS01-adm-jdoe`, `SRV2-svc-j.doe`). A lone `svc-` name (`svc-backup`) is a service, and
/// a one-letter prefix needs a login with a digit or a separator (`a-line` is a word).
pub fn privileged_account(token: &str) -> bool {
    const PREFIXES: &[&str] = &["adm", "admin", "svc", "priv", "pa", "da", "a"];
    let b = token.as_bytes();
    if b.len() < 5 || b.len() > 64 || !b.contains(&b'-') {
        return false;
    }
    let login_ok = |l: &str| {
        let letters = l.bytes().filter(u8::is_ascii_alphabetic).count();
        (2..=32).contains(&l.len())
            && letters >= 2
            && l.as_bytes()[0].is_ascii_lowercase()
            && l.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_'))
            && !l.ends_with(['.', '_'])
    };
    let host_ok = |h: &str| {
        h.len() >= 2
            && h.bytes().any(|c| c.is_ascii_uppercase())
            && h.bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-')
            && !h.starts_with('-')
    };
    // The prefix is the last of the hyphen-joined parts that is one, so a host with hyphens
    // in it (`ED-WS01-adm-jdoe`) stays whole before it.
    let mut at = 0;
    let mut found = None;
    for (i, part) in token.split('-').enumerate() {
        if i > 0 && PREFIXES.contains(&part) && at + part.len() < token.len() {
            found = Some((at, part));
        } else if i == 0 && PREFIXES.contains(&part) {
            found = Some((0, part));
        }
        at += part.len() + 1;
    }
    let Some((pos, prefix)) = found else {
        return false;
    };
    let login = &token[pos + prefix.len() + 1..];
    if !login_ok(login) {
        return false;
    }
    if pos == 0 {
        match prefix {
            "adm" | "admin" | "priv" => login.len() >= 3,
            "a" | "da" | "pa" => login
                .bytes()
                .any(|c| c.is_ascii_digit() || c == b'.' || c == b'_'),
            _ => false,
        }
    } else {
        host_ok(&token[..pos - 1])
    }
}

/// An HL7 v2 segment and field number (`PID-3`, `PV1-19`, `OBX-5.1`) named in an error or a
/// ticket: a place in a message, not a host.
pub fn hl7_field_ref(token: &str) -> bool {
    const SEGMENTS: &[&str] = &[
        "MSH", "MSA", "ERR", "EVN", "PID", "PD1", "PV1", "PV2", "NK1", "OBR", "OBX", "ORC", "NTE",
        "IN1", "IN2", "GT1", "DG1", "AL1", "RXE", "RXO", "RXA", "SCH", "TXA", "SPM", "MRG",
    ];
    // Every segment name has three letters: the hyphen is the fourth byte.
    if token.as_bytes().get(3) != Some(&b'-') {
        return false;
    }
    token.split_once('-').is_some_and(|(seg, field)| {
        SEGMENTS.contains(&seg)
            && !field.is_empty()
            && field.len() <= 5
            && field.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && field.as_bytes()[0].is_ascii_digit()
    })
}

/// A word written in camel case from several words (`ForwardTo`, `DeleteMessage`,
/// `SubjectOrBodyContainsWords`): a program's name for something, not a person's. A short
/// first part is a name's prefix (`McDonald`, `MacKenzie`, `DeVries`, `LeBlanc`), so the
/// first part must have five letters or more, or the word two humps or more.
pub fn camel_compound(token: &str) -> bool {
    let b = token.as_bytes();
    if b.len() < 6 || !b[0].is_ascii_uppercase() || !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut humps =
        (1..b.len()).filter(|&i| b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase());
    match (humps.next(), humps.next()) {
        (None, _) => false,
        (Some(first), None) => first >= 5,
        _ => true,
    }
}

/// A word that could be an account or host name: letters, digits, `.`, `_`, `-`.
pub fn identifier_like(token: &str) -> bool {
    let b = token.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'$'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_extension_and_wallet_shapes() {
        assert_eq!(ipv4("10.1.2.3:443"), Some(Reach::Internal));
        assert_eq!(ipv4("203.0.113.7/24"), Some(Reach::Public));
        assert_eq!(ipv4("555-201-1234"), None);
        assert_eq!(ipv4("10.1.2.3:x"), None);
        assert_eq!(extension("Report.Final.DOCX").as_deref(), Some("docx"));
        assert_eq!(extension("a.b1"), Some("b1".to_string()));
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("v2.0"), None);
        assert_eq!(extension("notes"), None);
        assert!(wallet("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
        assert!(wallet("0x52908400098527886E0F7030069857D2E4169EE7"));
        assert!(!wallet("bc1q") && !wallet(""));
    }

    #[test]
    fn machine_object_names() {
        assert!(machine_object_name("eni-0a1b2c3d4e5f60718"));
        assert!(machine_object_name("i-0a1b2c3d"));
        assert!(machine_object_name("executor-thread-31"));
        assert!(machine_object_name("pool-2-thread-7"));
        assert!(!machine_object_name("ws-fin-12"));
        assert!(!machine_object_name("eni-0A1B2C3D"));
        assert!(!machine_object_name("thread-7"));
        assert!(!machine_object_name("smith-thread-x"));
    }

    #[test]
    fn the_prechecks_keep_what_the_shapes_accept() {
        assert!(stix_id("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
        assert!(stix_id("x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
        assert!(!stix_id("--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
        assert!(!stix_id("x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3"));
        assert!(hl7_field_ref("PID-3") && hl7_field_ref("OBX-5.1"));
        assert!(!hl7_field_ref("PIDX-3") && !hl7_field_ref("PI-3") && !hl7_field_ref("PID"));
        assert!(mobile_device_name("iPhone-A1B2C3") && mobile_device_name("Galaxy-S21-7Q8Z"));
        assert!(mobile_device_name("PIXEL-ab12") && mobile_device_name("android-5f3a9c2d"));
        assert!(!mobile_device_name("laptop-ab12") && !mobile_device_name(""));
        assert!(day_month_year("26-Aug-2026") && day_month_year("3-mar-1951"));
        assert!(!day_month_year("Aug-26-2026") && !day_month_year("") && !day_month_year("-"));
    }

    #[test]
    fn refang_reads_brackets_and_parentheses() {
        assert_eq!(
            refang("evil(.)example[.]ru").as_deref(),
            Some("evil.example.ru")
        );
        assert_eq!(refang("a[@]b(.)c").as_deref(), Some("a@b.c"));
        assert_eq!(refang("HXXP://x").as_deref(), Some("http://x"));
        assert_eq!(refang("[x]").as_deref(), Some("[x]"));
        assert_eq!(refang("f(x)"), None);
        assert_eq!(refang("evil.example.ru"), None);
    }

    #[test]
    fn hex_constants_guids_and_unspecified_addresses() {
        assert!(okta_user_id("00u1a2b3c4D5e6F7g8h9"));
        assert!(!okta_user_id("00g1a2b3c4D5e6F7g8h9"));
        assert!(interface_name("igb0"));
        assert!(interface_name("vsys1"));
        assert!(interface_name("enp3s0"));
        assert!(!interface_name("ws7"));
        assert!(!host_convention("igb0"));
        assert!(hl7_field_ref("PID-3"));
        assert!(hl7_field_ref("OBX-5.1"));
        assert!(!hl7_field_ref("SRV-01a"));
        assert!(!host_convention("PID-3"));
        assert!(camel_compound("ForwardTo"));
        assert!(camel_compound("SubjectOrBodyContainsWords"));
        assert!(!camel_compound("McDonald"));
        assert!(!camel_compound("MacKenzie"));
        assert!(!camel_compound("DeVries"));
        assert!(!camel_compound("Forward"));
        assert!(hex_constant("0xC000006D"));
        assert!(hex_constant("0x0"));
        assert!(!hex_constant("0x"));
        assert!(!hex_constant("0xZZ12"));
        assert!(!hex_constant("C000006D"));
        assert!(guid("{0B7E2D4A-1C3F-4A5B-9D8E-7F6A5B4C3D2E}"));
        assert!(guid("0b7e2d4a-1c3f-4a5b-9d8e-7f6a5b4c3d2e"));
        assert!(!guid("0b7e2d4a-1c3f-4a5b-9d8e"));
        assert!(ipv4_unspecified("0.0.0.0"));
        assert!(ipv4_unspecified("0.0.0.0:8080"));
        assert!(!ipv4_unspecified("10.0.0.1"));
    }

    #[test]
    fn private_and_public_ipv4() {
        assert_eq!(ipv4("10.1.2.3"), Some(Reach::Internal));
        assert_eq!(ipv4("172.20.0.1:445"), Some(Reach::Internal));
        assert_eq!(ipv4("192.168.0.0/16"), Some(Reach::Internal));
        assert_eq!(ipv4("169.254.1.1"), Some(Reach::Internal));
        assert_eq!(ipv4("185.220.101.5"), Some(Reach::Public));
        assert_eq!(ipv4("1.2.3"), None);
        assert_eq!(ipv4("1.2.3.4:"), None);
    }

    #[test]
    fn ipv6_reach() {
        assert_eq!(ipv6("fe80::1%eth0"), Some(Reach::Internal));
        assert_eq!(ipv6("fd00::5"), Some(Reach::Internal));
        assert_eq!(ipv6("2001:db8::1"), Some(Reach::Public));
        assert_eq!(ipv6("::ffff:10.0.0.1"), Some(Reach::Internal));
        assert_eq!(ipv6("aa:bb:cc:dd:ee:ff"), None);
    }

    #[test]
    fn shapes() {
        assert!(mac("00:1A:2b:3c:4D:5e"));
        assert!(mac("001a.2b3c.4d5e"));
        assert!(hash("d41d8cd98f00b204e9800998ecf8427e"));
        assert!(!hash("d41d8cd98f00b204e9800998ecf8427"));
        assert!(wallet("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
        assert!(wallet("1BoatSLRHtKNngkdXEeobR76b53LETtpyT"));
        assert!(wallet("0x52908400098527886E0F7030069857D2E4169EE7"));
        assert!(mbi("1EG4-TE5-MK73"));
        assert!(mbi("1EG4TE5MK73"));
        assert!(vin("1HGCM82633A004352"));
        assert!(host_convention("DESKTOP-7H2K9QP"));
        assert!(host_convention("EHR-SRV-02"));
        assert!(!host_convention("CVE-2024-1234"));
        assert!(!host_convention("SHA-256"));
        assert!(host_convention("abc-WS044"));
        assert!(host_convention("north-NUR352"));
        assert!(host_convention("xyz-LT93"));
        assert!(!host_convention("anti-CD20"));
        assert!(mobile_device_name("iPhone-84E1EB"));
        assert!(!mobile_device_name("iPhone-app"));
        assert!(day_month_year("26-Aug-2026"));
        assert!(!day_month_year("13-Jul-26"));
        assert!(!day_month_year("26-Foo-2026"));
        assert!(host_convention("NORTHRIDGEMEDSQL1"));
        assert!(!host_convention("NORTHRIDGEMEDICAL1"));
        assert!(host_convention("4ECOW07"));
        assert!(!host_convention("4K"));
        assert!(host_convention("hl7-if-8"));
        assert!(!host_convention("mp3-2"));
        assert!(host_convention("abcd-4e-kiosk25"));
        assert!(!host_convention("abc-WS4"));
        assert!(!host_convention("abc-Ws044"));
        assert!(is_cap_word("O'Brien"));
        assert!(is_cap_word("McDonald"));
        assert!(!is_cap_word("EHR"));
        assert_eq!(
            refang("hxxps://evil[.]com").as_deref(),
            Some("https://evil.com")
        );
        assert_eq!(
            vuln_or_attack_id("T1566.001"),
            Some(crate::IndicatorKind::AttackPattern)
        );
        assert_eq!(
            vuln_or_attack_id("APT29"),
            Some(crate::IndicatorKind::ThreatName)
        );
        assert_eq!(
            vuln_or_attack_id("CVE-2024-21413"),
            Some(crate::IndicatorKind::Vulnerability)
        );
        assert_eq!(vuln_or_attack_id("Tango"), None);
    }
}
