//! ArcSight Common Event Format: `CEF:Version|Vendor|Product|Version|SignatureID|Name|
//! Severity|Extension`, perhaps after a syslog header. Header fields escape `|` and `\`;
//! extension values escape `=`, `\`, and write newlines as `\n`. Extension keys are
//! classified by the field table; custom strings (`cs1`..) are checked by shape.

use crate::event::Event;
use crate::fields::{classify, FieldKind};

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadCef;

pub fn find_start(line: &str) -> Option<usize> {
    line.find("CEF:")
}

pub fn parse_line(line: &str, event: &mut Event) -> Result<(), BadCef> {
    let (_, body) = line.split_once("CEF:").ok_or(BadCef)?;
    // Seven unescaped pipes end the header.
    let mut pipes = 0;
    let mut ext_start = None;
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'\\' => i += 1,
            b'|' => {
                pipes += 1;
                if pipes == 7 {
                    ext_start = Some(i + 1);
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Cut after an ASCII `|`: a character boundary.
    let ext = body.get(ext_start.ok_or(BadCef)?..).ok_or(BadCef)?;
    for (key, value) in extension_pairs(ext) {
        let (kind, role) = classify(&key, FieldKind::Sniff);
        // Free text fields are not indicators as a whole.
        if matches!(key.as_str(), "msg" | "act" | "cat" | "reason" | "outcome") {
            continue;
        }
        event.push_field(&key, kind, role, &value);
    }
    Ok(())
}

/// `key=value` pairs. A value runs to the next ` key=` (a key being letters, digits, `_`,
/// `.`, `[`, `]`, `(`, `)` and `-`); `\=` inside a value is not a separator.
pub fn extension_pairs(ext: &str) -> Vec<(String, String)> {
    let b = ext.as_bytes();
    // Positions of unescaped `=`.
    let mut eqs = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 1,
            b'=' => eqs.push(i),
            _ => {}
        }
        i += 1;
    }
    let is_key = |c: u8| {
        c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'[' | b']' | b'(' | b')' | b'-')
    };
    // For each `=`, its key is the run of key characters before it, which must start the
    // extension or follow a space.
    let mut keys: Vec<(usize, usize)> = Vec::new(); // (key start, eq position)
    for &eq in &eqs {
        let mut s = eq;
        while s > 0 && b.get(s - 1).is_some_and(|&c| is_key(c)) {
            s -= 1;
        }
        if s < eq && (s == 0 || b.get(s - 1) == Some(&b' ')) {
            keys.push((s, eq));
        }
    }
    let mut out = Vec::new();
    for (n, &(ks, eq)) in keys.iter().enumerate() {
        let vend = match keys.get(n + 1) {
            Some(&(next, _)) => next.saturating_sub(1),
            None => b.len(),
        };
        // Keys are ASCII and `=` is ASCII: both cuts are at character boundaries.
        let Some(key) = ext.get(ks..eq) else { continue };
        let raw = ext.get(eq + 1..vend.max(eq + 1)).unwrap_or("");
        out.push((key.to_string(), unescape_value(raw.trim_end())));
    }
    out
}

fn unescape_value(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_with_escapes_and_spaces() {
        let pairs = extension_pairs(
            r"src=10.0.0.5 request=http://evil.example/a\=b c msg=hello world cs1=x\\y",
        );
        assert_eq!(
            pairs,
            vec![
                ("src".into(), "10.0.0.5".into()),
                ("request".into(), "http://evil.example/a=b c".into()),
                ("msg".into(), "hello world".into()),
                ("cs1".into(), "x\\y".into()),
            ]
        );
    }

    #[test]
    fn header_pipes_can_be_escaped() {
        let mut e = Event::new();
        parse_line(r"CEF:0|Ven\|dor|Prod|1|100|Name|5|dst=203.0.113.9", &mut e).unwrap();
        assert_eq!(e.items().len(), 1);
        assert!(parse_line("CEF:0|a|b", &mut Event::new()).is_err());
    }

    #[test]
    fn multibyte_and_replaced_bytes() {
        let mut e = Event::new();
        parse_line(
            "<13>Jan  5 10:00:00 h\u{e9} CEF:0|V\u{e9}ndor|P|1|100|N\u{fffd}|5|msg=caf\u{e9}=x \u{e9}=1 src=203.0.113.9 cs1=\u{1f600}\\",
            &mut e,
        )
        .unwrap();
        let v: Vec<&str> = e.items().iter().map(|o| e.value(o)).collect();
        assert_eq!(v, vec!["203.0.113.9"]);
        assert_eq!(
            extension_pairs("a=\u{e9} b=\u{20ac}\\=\u{1f600}"),
            vec![
                ("a".into(), "\u{e9}".into()),
                ("b".into(), "\u{20ac}=\u{1f600}".into())
            ]
        );
        assert!(parse_line("CEF:\u{e9}|\u{e9}", &mut Event::new()).is_err());
    }
}
