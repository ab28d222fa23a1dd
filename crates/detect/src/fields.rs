//! The one table of log field names that can hold an indicator, shared by every reader
//! (Zeek TSV columns, Zeek JSON and Suricata EVE keys, CEF extension keys, generic JSON). A
//! field is looked up by its full dotted path, then by its last one or two segments, so
//! `tls.ja3.hash`, `ja3` and `id.resp_h` all land where they belong.

/// What a field's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An IP address (or a list of them separated by commas).
    Ip,
    /// A host: an IP address or a DNS name, perhaps with a port, perhaps a list.
    Host,
    /// The HTTP `Host` of a request: a host, and the authority of the request URL.
    HttpHost,
    /// A DNS name (or a list).
    Domain,
    /// A whole URL.
    Url,
    /// The path and query of an HTTP request, joined with `HttpHost` into a URL.
    UrlPath,
    /// An e-mail address (or a list).
    Email,
    /// A digest of a known algorithm.
    Hash(crate::keys::HashAlgo),
    /// A digest whose algorithm is told by its length.
    HashByLength,
    Ja3,
    Ja4,
    UserAgent,
    /// The responder's port (tells the URL's port).
    DestPort,
    /// The time of the event.
    Time,
    /// Unknown field: the whole value is checked for the shape of an address, a URL, a
    /// digest or a host name (generic JSON, CEF custom strings).
    Sniff,
    Ignore,
}

/// Which end of a connection a field describes; the alert's sentence uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Destination,
    Other,
}

use crate::keys::HashAlgo;
use FieldKind::*;

fn by_name(name: &str) -> Option<(FieldKind, Role)> {
    let src = Role::Source;
    let dst = Role::Destination;
    let other = Role::Other;
    Some(match name {
        "id.orig_h"
        | "src_ip"
        | "src"
        | "srcip"
        | "src_addr"
        | "source_ip"
        | "client_ip"
        | "c-ip"
        | "sourcetranslatedaddress"
        | "orig_h"
        | "x_originating_ip"
        | "ipaddress"
        | "clientip" => (Ip, src),
        "id.resp_h"
        | "dest_ip"
        | "dst"
        | "dstip"
        | "dst_addr"
        | "dest_addr"
        | "destination_ip"
        | "server_ip"
        | "remote_ip"
        | "s-ip"
        | "resp_h"
        | "destinationtranslatedaddress" => (Ip, dst),
        "tx_hosts" | "rx_hosts" | "san.ip" | "ip" | "a" | "aaaa" | "path" => (Ip, other),
        "answers" | "rdata" | "dhost" | "destinationhostname" => (Host, dst),
        "host" | "hostname" | "http.hostname" => (HttpHost, dst),
        "shost" | "sourcehostname" => (Host, src),
        "query" | "rrname" | "server_name" | "sni" | "san.dns" | "cname" | "domain" | "qname"
        | "dns.rrname" | "tls.sni" | "quic.sni" => (Domain, dst),
        "uri" | "http.url" => (UrlPath, dst),
        "url" | "request" | "referrer" | "http_refer" | "referer" | "cs-uri" => (Url, dst),
        "mailfrom" | "mail_from" | "rcptto" | "rcpt_to" | "from" | "to" | "cc" | "reply_to"
        | "sender" | "recipient" | "email" | "email.from" | "email.to" | "email.cc" => {
            (Email, other)
        }
        "md5" | "filehash.md5" => (Hash(HashAlgo::Md5), other),
        "sha1" | "filehash.sha1" => (Hash(HashAlgo::Sha1), other),
        "sha256" | "filehash.sha256" => (Hash(HashAlgo::Sha256), other),
        "sha512" => (Hash(HashAlgo::Sha512), other),
        "filehash" | "hash" | "oldfilehash" => (HashByLength, other),
        "ja3" | "ja3s" | "ja3.hash" | "ja3s.hash" | "ja3_hash" | "ja3s_hash" => (Ja3, other),
        "ja4" | "ja4s" | "ja4.hash" => (Ja4, other),
        "user_agent"
        | "http_user_agent"
        | "useragent"
        | "user-agent"
        | "requestclientapplication"
        | "cs(user-agent)" => (UserAgent, src),
        "id.resp_p" | "dest_port" | "dpt" | "dst_port" => (DestPort, dst),
        "ts" | "timestamp" | "@timestamp" | "time" | "rt" | "event_time" | "createddatetime"
        | "creationtime" => (Time, other),
        _ => return None,
    })
}

/// Classifies a field by its dotted path. `unknown` is what an unlisted field becomes:
/// `Ignore` for the formats whose fields are known (Zeek, EVE), `Sniff` for generic JSON.
pub fn classify(path: &str, unknown: FieldKind) -> (FieldKind, Role) {
    let mut buf = [0u8; 64];
    let lower = match lowercase(path, &mut buf) {
        Some(l) => l,
        None => return (unknown, Role::Other),
    };
    if let Some(c) = by_name(lower) {
        return c;
    }
    // Last two segments (`ja3.hash`), then the last one (`rrname` under `dns.queries`).
    if let Some((head, last)) = lower.rsplit_once('.') {
        let parent = head.rsplit('.').next().unwrap_or(head);
        let two = &lower[lower.len() - last.len() - parent.len() - 1..];
        if let Some(c) = by_name(two) {
            return c;
        }
        if matches!(parent, "ja3" | "ja3s") {
            return if last == "hash" {
                (Ja3, Role::Other)
            } else {
                (Ignore, Role::Other)
            };
        }
        if let Some(c) = by_name(last) {
            return c;
        }
    }
    (unknown, Role::Other)
}

fn lowercase<'b>(s: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let b = s.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_paths() {
        assert_eq!(classify("id.orig_h", Ignore), (Ip, Role::Source));
        assert_eq!(classify("tls.ja3.hash", Ignore).0, Ja3);
        assert_eq!(classify("tls.ja3.string", Ignore).0, Ignore);
        assert_eq!(classify("dns.queries.rrname", Ignore).0, Domain);
        assert_eq!(classify("http.hostname", Ignore).0, HttpHost);
        assert_eq!(classify("http.url", Ignore).0, UrlPath);
        assert_eq!(
            classify("fileinfo.sha256", Ignore).0,
            Hash(HashAlgo::Sha256)
        );
        assert_eq!(classify("alert.signature", Ignore).0, Ignore);
        assert_eq!(classify("whatever", Sniff).0, Sniff);
        assert_eq!(classify("SRC", Ignore).0, Ip);
    }
}
