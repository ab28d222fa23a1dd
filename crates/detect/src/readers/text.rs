//! Plain text: addresses, host names, URLs, digests and e-mail addresses pulled out of free
//! text. A candidate is always a whole token (the longest run of characters that can form
//! one), so `1.2.3.4` is never found inside `11.2.3.45` or `1.2.3.4.5`, and `evil.example`
//! never inside `notevil.example`.

use crate::event::Event;
use crate::fields::Role;
use crate::keys::HashAlgo;

fn coarse_delimiter(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\'' | '<' | '>' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '`' | ',' | ';'
        )
}

fn fine_delimiter(c: char) -> bool {
    !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | ':' | '%'))
}

const TRIM: &[char] = &['.', ',', ':', ';', '!', '?', '-', '_', '%'];

/// Finds indicators in free text and records them under `field`.
pub fn extract(text: &str, field: &str, event: &mut Event) {
    for coarse in text.split(coarse_delimiter) {
        if coarse.is_empty() {
            continue;
        }
        if let Some(pos) = coarse.find("://") {
            // The scheme is the run of ASCII scheme bytes before `://`. Searched on bytes: a
            // byte that is not one of them (an ASCII one, or the last byte of a multi-byte
            // character) ends it, so the cut after it is at a character boundary.
            let scheme_start = coarse
                .as_bytes()
                .get(..pos)
                .and_then(|head| {
                    head.iter().rposition(|&c| {
                        !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
                    })
                })
                .map_or(0, |p| p + 1);
            if let Some(url) = coarse.get(scheme_start..) {
                let url = url.trim_end_matches(['.', ',', ':', ';', '!', '?']);
                if pos > scheme_start && event.push_url(field, Role::Other, url) {
                    continue;
                }
            }
        }
        for fine in coarse.split(fine_delimiter) {
            let token = fine.trim_matches(TRIM);
            if token.len() >= 3 {
                token_candidate(token, field, event);
            }
        }
    }
}

fn token_candidate(token: &str, field: &str, event: &mut Event) {
    let colons = token.bytes().filter(|&b| b == b':').count();
    if colons >= 2 {
        event.push_ip(field, Role::Other, token);
        return;
    }
    if colons == 1 {
        let (host, port) = token.split_once(':').unwrap_or((token, ""));
        if port.bytes().all(|b| b.is_ascii_digit()) {
            token_candidate(host.trim_matches(TRIM), field, event);
        }
        return;
    }
    if token.contains('@') {
        if event.push_email(field, token) {
            if let Some((_, domain)) = token.rsplit_once('@') {
                event.push_domain(field, Role::Other, domain);
            }
        }
        return;
    }
    let b = token.as_bytes();
    if b.iter().all(|c| c.is_ascii_digit() || *c == b'.') {
        event.push_ip(field, Role::Other, token);
        return;
    }
    if let Some(algo) = HashAlgo::from_hex_len(b.len()) {
        if b.iter().all(u8::is_ascii_hexdigit) {
            event.push_hash(field, algo, token);
            return;
        }
    }
    // A host name: at least two labels, the last one alphabetic (a TLD), so version
    // numbers and file sizes are not taken for names.
    if let Some((_, tld)) = token.rsplit_once('.') {
        if tld.len() >= 2 && tld.chars().all(char::is_alphabetic) && !token.contains('%') {
            event.push_domain(field, Role::Other, token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    fn found(text: &str) -> Vec<(Kind, String)> {
        let mut e = Event::new();
        extract(text, "text", &mut e);
        e.items()
            .iter()
            .map(|o| (o.kind, e.value(o).to_string()))
            .collect()
    }

    #[test]
    fn whole_tokens_only() {
        assert_eq!(
            found("from 11.2.3.45 and 1.2.3.4.5 v1.2.3.4"),
            vec![(Kind::Ipv4, "11.2.3.45".into())]
        );
        assert_eq!(
            found("client 10.0.0.5:5353 asked notevil.example."),
            vec![
                (Kind::Ipv4, "10.0.0.5".into()),
                (Kind::Domain, "notevil.example".into())
            ]
        );
    }

    #[test]
    fn urls_hashes_emails() {
        let f = found("GET \"https://Evil.example/x?y=1\", hash=D41D8CD98F00B204E9800998ECF8427E from <bad@evil.example>");
        assert!(f.contains(&(Kind::Url, "https://evil.example/x?y=1".into())));
        assert!(f.contains(&(Kind::Domain, "evil.example".into())));
        assert!(f.contains(&(Kind::FileHash, "d41d8cd98f00b204e9800998ecf8427e".into())));
        assert!(f.contains(&(Kind::Email, "bad@evil.example".into())));
        assert!(found("2001:db8::1 connected").contains(&(Kind::Ipv6, "2001:db8::1".into())));
    }

    #[test]
    fn multibyte_before_a_scheme() {
        // Issue 16: the scheme's start was found one byte after a multi-byte character.
        assert_eq!(found("caf\u{e9}://x"), vec![]);
        assert_eq!(
            found("\u{fc}https://evil.example/a caf\u{e9}://x \u{1f600}://y 203.0.113.9"),
            vec![
                (Kind::Url, "https://evil.example/a".into()),
                (Kind::Domain, "evil.example".into()),
                (Kind::Ipv4, "203.0.113.9".into())
            ]
        );
        // Characters of every width around and inside tokens.
        for w in ["\u{e9}", "\u{20ac}", "\u{1f600}", "\u{fffd}"] {
            let text = format!("{w}1.2.3.4{w} {w}://{w} a{w}.example x@{w}.example {w}:{w}:{w}");
            let _ = found(&text);
        }
    }
}
