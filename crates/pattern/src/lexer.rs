//! Tokens of the STIX 2.1 pattern grammar (the lexer rules of the OASIS `STIXPattern.g4`).
//!
//! Like the reference lexer it takes the longest match, reserves the upper-case keywords,
//! skips whitespace and `/* */` and `//` comments, and reads literals completely (escapes,
//! hex digit pairs, base64 groups, the timestamp shape) so that the parser never sees a
//! half-formed literal.

use crate::PatternError;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    LBrack,
    RBrack,
    LParen,
    RParen,
    Colon,
    Dot,
    Comma,
    Star,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Kw(Kw),
    Bool(bool),
    /// An identifier; `true` when it contains a hyphen (only valid as an object type).
    Ident(String, bool),
    Int(i64),
    Float(f64),
    Str(String),
    Hex(Vec<u8>),
    Base64(Vec<u8>),
    Timestamp(String),
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    And,
    Or,
    Not,
    FollowedBy,
    Like,
    Matches,
    IsSuperset,
    IsSubset,
    Exists,
    Last,
    In,
    Start,
    Stop,
    Seconds,
    Within,
    Repeats,
    Times,
}

const KEYWORDS: &[(&str, Kw)] = &[
    ("AND", Kw::And),
    ("OR", Kw::Or),
    ("NOT", Kw::Not),
    ("FOLLOWEDBY", Kw::FollowedBy),
    ("LIKE", Kw::Like),
    ("MATCHES", Kw::Matches),
    ("ISSUPERSET", Kw::IsSuperset),
    ("ISSUBSET", Kw::IsSubset),
    ("EXISTS", Kw::Exists),
    ("LAST", Kw::Last),
    ("IN", Kw::In),
    ("START", Kw::Start),
    ("STOP", Kw::Stop),
    ("SECONDS", Kw::Seconds),
    ("WITHIN", Kw::Within),
    ("REPEATS", Kw::Repeats),
    ("TIMES", Kw::Times),
];

/// True for words the grammar reserves (keywords and boolean literals).
pub(crate) fn is_reserved(word: &str) -> bool {
    word == "true" || word == "false" || KEYWORDS.iter().any(|(k, _)| *k == word)
}

impl Tok {
    /// How the token is named in "expected X, found Y" messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Tok::LBrack => "'['".into(),
            Tok::RBrack => "']'".into(),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::Colon => "':'".into(),
            Tok::Dot => "'.'".into(),
            Tok::Comma => "','".into(),
            Tok::Star => "'*'".into(),
            Tok::Eq => "'='".into(),
            Tok::Ne => "'!='".into(),
            Tok::Lt => "'<'".into(),
            Tok::Le => "'<='".into(),
            Tok::Gt => "'>'".into(),
            Tok::Ge => "'>='".into(),
            Tok::Kw(kw) => {
                let name = KEYWORDS
                    .iter()
                    .find(|(_, k)| k == kw)
                    .map_or("keyword", |(n, _)| n);
                format!("keyword {name}")
            }
            Tok::Bool(b) => format!("boolean {b}"),
            Tok::Ident(s, _) => format!("identifier {s:?}"),
            Tok::Int(i) => format!("integer {i}"),
            Tok::Float(x) => format!("float {x}"),
            Tok::Str(_) => "a string literal".into(),
            Tok::Hex(_) => "a hex literal".into(),
            Tok::Base64(_) => "a binary literal".into(),
            Tok::Timestamp(_) => "a timestamp literal".into(),
            Tok::Eof => "the end of the pattern".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    /// 0-based character offset of the token's first character.
    pub pos: usize,
    /// The token is a number written with a leading '-'.
    pub negative: bool,
}

fn is_ws(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\r'
            | '\n'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn is_base64_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '+' || c == '/'
}

/// Standard base64 with its padding, as the pattern grammar writes binary literals; bits
/// past the last byte are ignored (as this lexer always did), not refused.
pub(crate) const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    base64::Engine::decode(&BASE64, text).ok()
}

pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16);
    bytes
        .chunks(2)
        .map(|pair| Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8))
        .collect()
}

/// Checks the lexer's timestamp shape: `YYYY-MM-DDTHH:MM:SS[.s+]Z` with the ranges the
/// grammar spells out (months 01-12, days 01-31, hours 00-23, minutes 00-59, seconds 00-60).
fn timestamp_shape(s: &[char]) -> bool {
    let d = |i: usize| s.get(i).and_then(|c| c.to_digit(10));
    let two = |i: usize| Some(d(i)? * 10 + d(i + 1)?);
    let ok = (|| -> Option<bool> {
        for i in 0..4 {
            d(i)?;
        }
        let month = two(5)?;
        let day = two(8)?;
        let hour = two(11)?;
        let minute = two(14)?;
        let second = two(17)?;
        let punct = s.get(4) == Some(&'-')
            && s.get(7) == Some(&'-')
            && s.get(10) == Some(&'T')
            && s.get(13) == Some(&':')
            && s.get(16) == Some(&':');
        let ranges = (1..=12).contains(&month)
            && (1..=31).contains(&day)
            && hour <= 23
            && minute <= 59
            && second <= 60;
        let rest = &s[19..];
        let tail = match rest {
            ['Z'] => true,
            ['.', digits @ .., 'Z'] => {
                !digits.is_empty() && digits.iter().all(|c| c.is_ascii_digit())
            }
            _ => false,
        };
        Some(punct && ranges && tail)
    })();
    ok.unwrap_or(false)
}

#[cfg(test)]
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, PatternError> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out)?;
    Ok(out)
}

/// Tokenizes into `out` (cleared first), so that a caller can lend the same buffer to
/// every pattern it parses.
pub(crate) fn tokenize_into(text: &str, out: &mut Vec<Token>) -> Result<(), PatternError> {
    out.clear();
    // Most patterns are short: their characters go on the stack, sparing a heap block of a
    // size the allocator handles slowly (the lexer runs once per indicator, millions of times).
    let mut stack = ['\0'; 512];
    let heap: Vec<char>;
    let chars: &[char] = if text.len() <= stack.len() {
        let mut n = 0;
        for c in text.chars() {
            stack[n] = c;
            n += 1;
        }
        &stack[..n]
    } else {
        heap = text.chars().collect();
        &heap
    };
    // About one token per five characters in real patterns.
    out.reserve(chars.len() / 4 + 2);
    let mut i = 0;
    let err = |pos: usize, message: String| PatternError::Syntax {
        position: pos,
        message,
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if is_ws(c) {
            i += 1;
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut j = i + 2;
            loop {
                if j + 1 >= chars.len() {
                    return Err(err(start, "expected '*/' to close the comment".into()));
                }
                if chars[j] == '*' && chars[j + 1] == '/' {
                    break;
                }
                j += 1;
            }
            i = j + 2;
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' && chars[i] != '\r' {
                i += 1;
            }
            continue;
        }
        let next = chars.get(i + 1).copied();
        let (tok, len) = match c {
            '[' => (Tok::LBrack, 1),
            ']' => (Tok::RBrack, 1),
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            ':' => (Tok::Colon, 1),
            ',' => (Tok::Comma, 1),
            '*' => (Tok::Star, 1),
            '=' if next == Some('=') => (Tok::Eq, 2),
            '=' => (Tok::Eq, 1),
            '!' if next == Some('=') => (Tok::Ne, 2),
            '<' if next == Some('>') => (Tok::Ne, 2),
            '<' if next == Some('=') => (Tok::Le, 2),
            '<' => (Tok::Lt, 1),
            '>' if next == Some('=') => (Tok::Ge, 2),
            '>' => (Tok::Gt, 1),
            '\'' => {
                let (s, len) = lex_string(chars, i)?;
                (Tok::Str(s), len)
            }
            '.' | '+' | '-' | '0'..='9' => match lex_number(chars, i)? {
                Some(found) => found,
                None if c == '.' => (Tok::Dot, 1),
                None => return Err(err(start, format!("expected a number after {c:?}"))),
            },
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut j = i + 1;
                let mut hyphen = false;
                while j < chars.len()
                    && (chars[j].is_ascii_alphanumeric() || chars[j] == '_' || chars[j] == '-')
                {
                    hyphen |= chars[j] == '-';
                    j += 1;
                }
                // The word is ASCII (the loop above admits nothing else): keywords are
                // compared as bytes in place; only identifiers become strings.
                let word = &chars[i..j];
                let mut buf = [0u8; 10];
                let short = word.len() <= buf.len();
                if short {
                    for (b, &c) in buf.iter_mut().zip(word) {
                        *b = c as u8;
                    }
                }
                let bytes = &buf[..word.len().min(buf.len())];
                let ident = || {
                    let ascii: Vec<u8> = word.iter().map(|&c| c as u8).collect();
                    String::from_utf8(ascii).unwrap_or_default()
                };
                if j == i + 1 && matches!(c, 't' | 'h' | 'b') && chars.get(j) == Some(&'\'') {
                    lex_prefixed(chars, i, c)?
                } else if hyphen {
                    (Tok::Ident(ident(), true), j - i)
                } else if short && (bytes == b"true" || bytes == b"false") {
                    (Tok::Bool(bytes == b"true"), j - i)
                } else if let Some((_, kw)) = KEYWORDS
                    .iter()
                    .find(|(k, _)| short && k.as_bytes() == bytes)
                {
                    (Tok::Kw(*kw), j - i)
                } else {
                    (Tok::Ident(ident(), false), j - i)
                }
            }
            other => return Err(err(start, format!("unexpected character {other:?}"))),
        };
        out.push(Token {
            tok,
            pos: start,
            negative: c == '-',
        });
        i += len;
    }
    out.push(Token {
        tok: Tok::Eof,
        pos: chars.len(),
        negative: false,
    });
    Ok(())
}

/// Reads `'…'` starting at `start`; returns the unescaped text and the length in chars.
fn lex_string(chars: &[char], start: usize) -> Result<(String, usize), PatternError> {
    let mut s = String::with_capacity(32);
    let mut j = start + 1;
    loop {
        match chars.get(j) {
            None => {
                return Err(PatternError::Syntax {
                    position: start,
                    message: "expected a closing quote for the string literal".into(),
                })
            }
            Some('\'') => return Ok((s, j + 1 - start)),
            Some('\\') => match chars.get(j + 1) {
                Some(&c @ ('\'' | '\\')) => {
                    s.push(c);
                    j += 2;
                }
                _ => {
                    return Err(PatternError::Syntax {
                        position: j,
                        message:
                            "expected \\' or \\\\ (the only escapes a string literal may hold)"
                                .into(),
                    })
                }
            },
            Some(&c) => {
                s.push(c);
                j += 1;
            }
        }
    }
}

/// Numbers per the grammar: floats `[+-]?[0-9]*.[0-9]+`, integers `[+-]?(0|[1-9][0-9]*)`.
fn lex_number(chars: &[char], start: usize) -> Result<Option<(Tok, usize)>, PatternError> {
    let mut j = start;
    if matches!(chars.get(j), Some('+' | '-')) {
        j += 1;
    }
    let int_start = j;
    while chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
    }
    let int_end = j;
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
        while chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        let text: String = chars[start..j].iter().collect();
        let value: f64 = text.parse().map_err(|_| PatternError::Syntax {
            position: start,
            message: format!("expected a float, got {text:?}"),
        })?;
        return Ok(Some((Tok::Float(value), j - start)));
    }
    if int_end == int_start {
        return Ok(None);
    }
    // A leading zero ends the integer, as in the reference lexer: `007` is `0` then `07`.
    let end = if chars[int_start] == '0' {
        int_start + 1
    } else {
        int_end
    };
    let text: String = chars[start..end].iter().collect();
    let value: i64 = text.parse().map_err(|_| PatternError::Syntax {
        position: start,
        message: format!("expected an integer between -2^63 and 2^63-1, got {text}"),
    })?;
    Ok(Some((Tok::Int(value), end - start)))
}

/// `t'…'`, `h'…'` and `b'…'` literals.
fn lex_prefixed(chars: &[char], start: usize, prefix: char) -> Result<(Tok, usize), PatternError> {
    let body_start = start + 2;
    let close = chars[body_start..]
        .iter()
        .position(|&c| c == '\'')
        .map(|p| body_start + p);
    let (what, example) = match prefix {
        't' => ("a timestamp", "t'2016-05-12T08:17:27.000Z'"),
        'h' => ("hex bytes", "h'0aff' (pairs of hex digits)"),
        _ => (
            "base64 bytes",
            "b'AAECAw==' (groups of 4 base64 characters)",
        ),
    };
    let bad = || PatternError::Syntax {
        position: start,
        message: format!("expected {what} like {example}"),
    };
    let close = close.ok_or_else(bad)?;
    let body = &chars[body_start..close];
    let text: String = body.iter().collect();
    let len = close + 1 - start;
    let tok = match prefix {
        't' if timestamp_shape(body) => Tok::Timestamp(text),
        'h' => Tok::Hex(decode_hex(&text).ok_or_else(bad)?),
        'b' if !body.is_empty() && body.iter().all(|&c| is_base64_char(c) || c == '=') => {
            Tok::Base64(decode_base64(&text).ok_or_else(bad)?)
        }
        _ => return Err(bad()),
    };
    Ok((tok, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        tokenize(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_follow_the_grammar() {
        assert_eq!(toks("-.5"), vec![Tok::Float(-0.5), Tok::Eof]);
        assert_eq!(toks("+12"), vec![Tok::Int(12), Tok::Eof]);
        assert_eq!(
            toks("007"),
            vec![Tok::Int(0), Tok::Int(0), Tok::Int(7), Tok::Eof]
        );
        assert_eq!(toks("5."), vec![Tok::Int(5), Tok::Dot, Tok::Eof]);
    }

    #[test]
    fn literals_decode() {
        assert_eq!(toks("h'0aFF'"), vec![Tok::Hex(vec![10, 255]), Tok::Eof]);
        assert_eq!(
            toks("b'AAECAw=='"),
            vec![Tok::Base64(vec![0, 1, 2, 3]), Tok::Eof]
        );
        assert_eq!(
            toks(r"'it\'s \\'"),
            vec![Tok::Str("it's \\".into()), Tok::Eof]
        );
        assert!(tokenize("h'0'").is_err());
        assert!(tokenize("b'AA'").is_err());
        assert!(tokenize("b''").is_err());
        assert!(tokenize(r"'a\n'").is_err());
        assert!(tokenize("t'2020-13-01T00:00:00Z'").is_err());
        assert!(tokenize("t'2020-01-01t00:00:00z'").is_err());
    }

    #[test]
    fn keywords_are_case_sensitive_and_comments_skipped() {
        assert_eq!(
            toks("AND and /* x */ true // rest"),
            vec![
                Tok::Kw(Kw::And),
                Tok::Ident("and".into(), false),
                Tok::Bool(true),
                Tok::Eof
            ]
        );
        assert_eq!(
            toks("x-y-"),
            vec![Tok::Ident("x-y-".into(), true), Tok::Eof]
        );
    }

    #[test]
    fn base64_round_trip() {
        for n in 0..10u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            let enc = crate::ast::base64_encode(&bytes);
            if !bytes.is_empty() {
                assert_eq!(decode_base64(&enc), Some(bytes));
            }
        }
    }

    /// What the hand-written decoder accepted and refused, through the base64 crate.
    #[test]
    fn base64_accepts_and_refuses_as_before() {
        for (text, want) in [
            ("", Some(vec![])),
            ("AAECAw==", Some(vec![0, 1, 2, 3])),
            ("AAEC", Some(vec![0, 1, 2])),
            ("/+8=", Some(vec![0xff, 0xef])),
            // Bits past the last byte are ignored.
            ("AB==", Some(vec![0])),
            ("AAB=", Some(vec![0, 0])),
        ] {
            assert_eq!(decode_base64(text), want, "{text}");
        }
        for bad in [
            "A", "AA", "AAA", "AA=", "A===", "====", "AA==AAAA", "AB=C", "AA-_", "AA A", "AAAA\n",
        ] {
            assert_eq!(decode_base64(bad), None, "{bad}");
        }
    }
}
