//! Numbers with a telling layout, found on the raw bytes because their separators (spaces,
//! parentheses) would split them into several words: SSNs (`123-45-6789`), phone numbers
//! (`(555) 123-4567`, `+44 20 7946 0958`), grouped card numbers, numeric dates and ZIP+4.

use crate::Kind;

/// One number found, as a byte range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumMatch {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub reason: &'static str,
}

/// Finds every laid-out number in `text`, in order, never overlapping.
pub fn scan(text: &str) -> Vec<NumMatch> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let candidate = (c.is_ascii_digit() || c == b'(' || c == b'+') && start_boundary(b, i);
        // A registration number whose digits may be of any script: `12/ABC(N)345678`.
        if (c.is_ascii_digit() || c >= 0xC0) && word_start(text, i) {
            if let Some(end) = slash_paren_id(text, i) {
                out.push(NumMatch {
                    start: i,
                    end,
                    kind: Kind::Ssn,
                    reason: "registration number: township code, letters and serial",
                });
                i = end;
                continue;
            }
        }
        if candidate {
            if let Some(mut m) = match_at(b, i) {
                // An extension glued on: `(555)123-4567x642`.
                if matches!(m.kind, Kind::Phone | Kind::Fax) && b.get(m.end) == Some(&b'x') {
                    let r = run(b, m.end + 1);
                    if (1..=5).contains(&r) {
                        m.end += 1 + r;
                    }
                }
                i = m.end;
                out.push(m);
                continue;
            }
        }
        // Skip the rest of a digit run: no number starts inside one.
        if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A decimal digit of any common script: ASCII, Arabic-Indic and Persian, the Indic scripts
/// (Devanagari to Malayalam), Thai, Lao, Tibetan, Burmese, Khmer and Mongolian.
pub(crate) fn any_digit(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c,
            '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '\u{0966}'..='\u{096F}'
            | '\u{09E6}'..='\u{09EF}' | '\u{0A66}'..='\u{0A6F}' | '\u{0AE6}'..='\u{0AEF}'
            | '\u{0B66}'..='\u{0B6F}' | '\u{0BE6}'..='\u{0BEF}' | '\u{0C66}'..='\u{0C6F}'
            | '\u{0CE6}'..='\u{0CEF}' | '\u{0D66}'..='\u{0D6F}' | '\u{0E50}'..='\u{0E59}'
            | '\u{0ED0}'..='\u{0ED9}' | '\u{0F20}'..='\u{0F29}' | '\u{1040}'..='\u{1049}'
            | '\u{17E0}'..='\u{17E9}' | '\u{1810}'..='\u{1819}')
}

/// Whether a digit of any script starts a word at `i`: `i` is a character boundary, the
/// character there is a digit and the one before is no letter, digit or joining mark.
fn word_start(text: &str, i: usize) -> bool {
    let Some(rest) = text.get(i..) else {
        return false;
    };
    if !rest.chars().next().is_some_and(any_digit) {
        return false;
    }
    text[..i].chars().next_back().is_none_or(|p| {
        !(p.is_alphanumeric()
            || crate::text::script_mark(p)
            || matches!(p, '/' | '.' | '-' | '_' | '+' | '@'))
    })
}

/// The end of the run of digits (any script) at `i`, and how many digits it holds.
fn digit_run(text: &str, i: usize) -> (usize, usize) {
    let mut n = 0;
    let mut end = i;
    for c in text[i..].chars().take(24) {
        if !any_digit(c) {
            break;
        }
        n += 1;
        end += c.len_utf8();
    }
    (end, n)
}

/// The end of a run of letters (and the vowel signs of scripts without case) at `i`: at most
/// 64 bytes, none when it is empty.
fn letter_run(text: &str, i: usize) -> Option<usize> {
    let mut end = i;
    for c in text[i..].chars() {
        if !(c.is_alphabetic() || crate::text::script_mark(c)) || any_digit(c) {
            break;
        }
        end += c.len_utf8();
        if end - i > 64 {
            return None;
        }
    }
    (end > i).then_some(end)
}

/// A national registration number laid out as a township code: one or two digits, a slash,
/// a group of letters, a bracketed letter group and a serial of five to seven digits
/// (`12/ABC(N)345678`), in the digits of any script. Where it ends.
fn slash_paren_id(text: &str, i: usize) -> Option<usize> {
    let (p, n) = digit_run(text, i);
    if !(1..=2).contains(&n) || text.as_bytes().get(p) != Some(&b'/') {
        return None;
    }
    let p = letter_run(text, p + 1)?;
    if text.as_bytes().get(p) != Some(&b'(') {
        return None;
    }
    let p = letter_run(text, p + 1)?;
    if text.as_bytes().get(p) != Some(&b')') {
        return None;
    }
    let (end, n) = digit_run(text, p + 1);
    let after = text[end..].chars().next();
    ((5..=7).contains(&n) && after.is_none_or(|c| !c.is_alphanumeric())).then_some(end)
}

fn start_boundary(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = b[i - 1];
    !(p.is_ascii_alphanumeric()
        || matches!(p, b'.' | b'-' | b'_' | b'/' | b'\\' | b'@' | b'%' | b'+'))
        && p < 0x80
}

fn end_boundary(b: &[u8], end: usize) -> bool {
    match b.get(end) {
        None => true,
        // A telephone extension glued on (`x642`), then a boundary.
        Some(b'x') if (1..=5).contains(&run(b, end + 1)) => {
            end_boundary(b, end + 1 + run(b, end + 1))
        }
        Some(&c) if c.is_ascii_alphanumeric() => false,
        // A letter or digit of another script goes on the word; its punctuation (the
        // Arabic comma `،`, a dash) does not.
        Some(&c) if c >= 0x80 => {
            let w = match c {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            !b.get(end..end + w)
                .and_then(|s| std::str::from_utf8(s).ok())
                .and_then(|s| s.chars().next())
                .is_none_or(char::is_alphanumeric)
        }
        Some(b'.' | b'-' | b'/' | b':' | b'_' | b'@') => {
            !b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
        }
        Some(_) => true,
    }
}

/// The length of the digit run at `i`.
fn run(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

fn value(b: &[u8], i: usize, len: usize) -> u32 {
    b[i..i + len].iter().fold(0u32, |v, c| {
        v.saturating_mul(10).saturating_add(u32::from(c - b'0'))
    })
}

fn m(start: usize, end: usize, kind: Kind, reason: &'static str) -> Option<NumMatch> {
    Some(NumMatch {
        start,
        end,
        kind,
        reason,
    })
}

fn match_at(b: &[u8], i: usize) -> Option<NumMatch> {
    match b[i] {
        b'+' => international(b, i),
        b'(' => gs1(b, i).or_else(|| parenthesized(b, i)),
        _ => digits_first(b, i),
    }
}

fn is_sep(c: Option<&u8>) -> Option<u8> {
    match c {
        Some(&c) if matches!(c, b'-' | b'.' | b' ') => Some(c),
        _ => None,
    }
}

/// `+CC` then groups of digits split by single separators: 8 to 15 digits in all.
fn international(b: &[u8], i: usize) -> Option<NumMatch> {
    let mut p = i + 1;
    let first = run(b, p);
    if first == 0 {
        return None;
    }
    // `+441214960700`: country code and number without any separator.
    if first > 3 {
        if (10..=15).contains(&first) && end_boundary(b, p + first) {
            return m(
                i,
                p + first,
                Kind::Phone,
                "telephone number in international layout",
            );
        }
        // `+44161 4960991`, `+3106-5530323`: the country code glued to the area code, then
        // the groups; a longer first run is no telephone number.
        if first > 6 {
            return None;
        }
    }
    let mut total = 0;
    let mut groups = 0;
    let mut end = p;
    loop {
        let r = run(b, p);
        if r == 0 {
            break;
        }
        total += r;
        groups += 1;
        p += r;
        end = p;
        match b.get(p) {
            // `+31(0)91 2442115`, `+44 (20) 7946 0958`: an area group in parentheses.
            Some(b'(' | b' ') if area_group(b, p).is_some() => {
                let (r2, after) = area_group(b, p).unwrap_or((0, p));
                total += r2;
                p = after;
                end = p;
                if b.get(p) == Some(&b' ') {
                    p += 1;
                }
                continue;
            }
            Some(c)
                if matches!(c, b'-' | b'.' | b' ')
                    && b.get(p + 1).is_some_and(u8::is_ascii_digit) =>
            {
                p += 1;
            }
            _ => break,
        }
    }
    if (8..=15).contains(&total) && (groups >= 2 || total >= 10) && end_boundary(b, end) {
        return m(
            i,
            end,
            Kind::Phone,
            "telephone number in international layout",
        );
    }
    None
}

/// A GS1 unique device identifier in human-readable form: `(01)` and the 14-digit GTIN,
/// then more `(AI)value` pairs such as `(17)` expiry, `(10)` lot, `(21)` serial number.
fn gs1(b: &[u8], i: usize) -> Option<NumMatch> {
    let ai = |p: usize| -> Option<usize> {
        let r = run(b, p + 1);
        ((2..=4).contains(&r) && b.get(p + 1 + r) == Some(&b')')).then_some(p + 2 + r)
    };
    if b.get(i + 1..i + 4) != Some(b"01)".as_slice()) || run(b, i + 4) != 14 {
        return None;
    }
    let mut end = i + 18;
    while b.get(end) == Some(&b'(') {
        let Some(v) = ai(end) else { break };
        let len = b[v..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'/'))
            .count();
        if len == 0 {
            break;
        }
        end = v + len;
    }
    m(i, end, Kind::DeviceId, "GS1 device identifier (UDI)")
}

/// A "(0)" or "(20)" area group at `p`, glued or after one space (common in European
/// layouts): its digit count and the position after its `)`.
fn area_group(b: &[u8], p: usize) -> Option<(usize, usize)> {
    let open = if b.get(p) == Some(&b' ') { p + 1 } else { p };
    if b.get(open) != Some(&b'(') {
        return None;
    }
    let r = run(b, open + 1);
    (r > 0 && b.get(open + 1 + r) == Some(&b')')).then_some((r, open + 2 + r))
}

/// `(555) 123-4567`, `(555)123-4567`; and an area code with its trunk zero, as most of
/// Europe, Asia and Latin America write it: `(0116) 4960772`, `(03)642-9480`.
fn parenthesized(b: &[u8], i: usize) -> Option<NumMatch> {
    let area = run(b, i + 1);
    if b.get(i + 1) == Some(&b'0') && (2..=5).contains(&area) && b.get(i + 1 + area) == Some(&b')')
    {
        let mut p = i + 2 + area;
        if b.get(p) == Some(&b' ') {
            p += 1;
        }
        let mut total = area;
        let mut end = p;
        loop {
            let r = run(b, p);
            if r == 0 {
                break;
            }
            total += r;
            p += r;
            end = p;
            if matches!(b.get(p), Some(b'-' | b' ' | b'.')) && run(b, p + 1) > 0 {
                p += 1;
            } else {
                break;
            }
        }
        if (9..=12).contains(&total) && end > i + 2 + area && end_boundary(b, end) {
            return m(i, end, Kind::Phone, "telephone number with a trunk prefix");
        }
        return None;
    }
    if !(2..=3).contains(&area) || b.get(i + 1 + area) != Some(&b')') {
        return None;
    }
    let mut p = i + 2 + area;
    if b.get(p) == Some(&b' ') {
        p += 1;
    }
    if run(b, p) != 3 {
        return None;
    }
    p += 3;
    is_sep(b.get(p))?;
    p += 1;
    // Russia and its neighbours: `(982) 690-94-13`, the last four digits in two pairs.
    if run(b, p) == 2 && b.get(p + 2) == Some(&b'-') && run(b, p + 3) == 2 {
        let end = p + 5;
        return end_boundary(b, end).then_some(NumMatch {
            start: i,
            end,
            kind: Kind::Phone,
            reason: "telephone number with area code",
        });
    }
    // A two-digit operator or area code is only read with the pairs above.
    if area != 3 || run(b, p) != 4 {
        return None;
    }
    p += 4;
    if end_boundary(b, p) {
        return m(i, p, Kind::Phone, "telephone number with area code");
    }
    None
}

fn digits_first(b: &[u8], i: usize) -> Option<NumMatch> {
    if let Some(end) = spaced_id(b, i) {
        return m(
            i,
            end,
            Kind::Ssn,
            "national identity number in spaced groups",
        );
    }
    let d1 = run(b, i);
    // A trunk or country digit before an area code in parentheses (`8 (982) 690-94-13`,
    // `1 (555) 123-4567`): the number includes it.
    if d1 == 1 && matches!(b[i], b'1' | b'7' | b'8') && b.get(i + 1) == Some(&b' ') {
        if let Some(p) = b
            .get(i + 2)
            .filter(|&&c| c == b'(')
            .and(parenthesized(b, i + 2))
        {
            if p.kind == Kind::Phone {
                return m(i, p.end, Kind::Phone, p.reason);
            }
        }
    }
    let p1 = i + d1;
    let s1 = is_sep(b.get(p1));
    let d2 = s1.map_or(0, |_| run(b, p1 + 1));
    let p2 = p1 + 1 + d2;
    let s2 = if d2 > 0 { is_sep(b.get(p2)) } else { None };
    let d3 = s2.map_or(0, |_| run(b, p2 + 1));
    let p3 = p2 + 1 + d3;
    let s3 = if d3 > 0 { is_sep(b.get(p3)) } else { None };
    let d4 = s3.map_or(0, |_| run(b, p3 + 1));
    let p4 = p3 + 1 + d4;
    let slash = b.get(p1) == Some(&b'/');

    // Dates written with slashes: 3/4/1980, 03/04/80, 1980/03/04.
    if slash {
        let d2s = run(b, p1 + 1);
        let q2 = p1 + 1 + d2s;
        if d2s > 0 && b.get(q2) == Some(&b'/') {
            let d3s = run(b, q2 + 1);
            let end = q2 + 1 + d3s;
            if date_parts(b, i, d1, p1 + 1, d2s, q2 + 1, d3s) && end_boundary(b, end) {
                return m(i, end, Kind::Date, "calendar date");
            }
        }
        // A North American number with its area code before a slash: `608/517-3610`.
        let q = p1 + 1 + d2s;
        if d1 == 3 && d2s == 3 && b.get(q) == Some(&b'-') && run(b, q + 1) == 4 {
            let end = q + 5;
            if end_boundary(b, end) {
                return m(i, end, Kind::Phone, "telephone number layout");
            }
        }
        // An area code with its trunk zero before a slash, the subscriber's number in two
        // groups: `0xx/xxx-xxx`.
        if (3..=4).contains(&d1) && b[i] == b'0' && b[i + 1] != b'0' {
            if let Some(end) = slash_subscriber(b, p1) {
                return m(i, end, Kind::Phone, "telephone number with a trunk prefix");
            }
        }
        // Hungary: a one- or two-digit area code before a slash (`30/512-4477`,
        // `1/388 2016`, `72/415 338`).
        if (1..=2).contains(&d1) {
            if let Some(end) = slash_subscriber(b, p1) {
                return m(i, end, Kind::Phone, "telephone number layout");
            }
        }
        return None;
    }
    // Hungary's trunk prefix before the area code: `06-30/512-4477`, `06-1/388 2016`.
    if b[i..p1] == *b"06" && b.get(p1) == Some(&b'-') {
        let a = run(b, p1 + 1);
        if (1..=2).contains(&a) {
            if let Some(end) = slash_subscriber(b, p1 + 1 + a) {
                return m(i, end, Kind::Phone, "telephone number with a trunk prefix");
            }
        }
    }
    // An international call prefix instead of `+` (`00421 949 103 196`, `0036 1 388 2016`).
    if (3..=5).contains(&d1) && b[i] == b'0' && b[i + 1] == b'0' && b[i + 2] != b'0' {
        if let Some((total, n, end)) = digit_groups(b, i, 8) {
            if (10..=15).contains(&(total - 2)) && n >= 2 && end_boundary(b, end) {
                return m(
                    i,
                    end,
                    Kind::Phone,
                    "telephone number in international layout",
                );
            }
        }
    }
    // A trunk zero and an area code, then the subscriber's number in groups of two to
    // four digits (`034 342 197`, `095 7592 950`, `072 539 08 23`, `0920 940 3618`).
    if b[i] == b'0' && b.get(i + 1).is_some_and(|&c| c != b'0') && (2..=4).contains(&d1) {
        if let Some((total, n, end)) = digit_groups(b, i, 4) {
            if (9..=11).contains(&total) && (3..=5).contains(&n) && end_boundary(b, end) {
                return m(i, end, Kind::Phone, "telephone number with a trunk prefix");
            }
        }
    }
    // Norway and Denmark have no trunk prefix: eight digits in four pairs (`41 68 27 70`)
    // or, for Norwegian mobiles, `943 34 230`; a pair more before or after is a byte dump.
    let lone = |end: usize| {
        end_boundary(b, end)
            && !(b.get(end) == Some(&b' ') && run(b, end + 1) > 0)
            && !(i >= 3
                && b[i - 1] == b' '
                && b[i - 2].is_ascii_hexdigit()
                && b[i - 3].is_ascii_hexdigit())
    };
    if (d1, d2, d3, d4) == (2, 2, 2, 2)
        && s1 == Some(b' ')
        && s2 == Some(b' ')
        && s3 == Some(b' ')
        && lone(p4)
    {
        return m(i, p4, Kind::Phone, "telephone number layout");
    }
    if (d1, d2, d3) == (3, 2, 3)
        && matches!(b[i], b'4' | b'9')
        && s1 == Some(b' ')
        && s2 == Some(b' ')
        && lone(p3)
    {
        return m(i, p3, Kind::Phone, "telephone number layout");
    }
    // A mobile number in national layout written as one run: the trunk zero, then ten
    // digits whose first is 6 to 9 (India `09841896662`, Nigeria `08031234567`, the
    // Philippines `09171234567`, the UK `07700900123`).
    if d1 == 11 && b[i] == b'0' && (b'6'..=b'9').contains(&b[i + 1]) && d2 == 0 && lone(p1) {
        return m(i, p1, Kind::Phone, "mobile number with a trunk prefix");
    }
    // India's mobile numbers in two groups of five, the first digit 6 to 9 (`98865-09611`,
    // `93037 00458`).
    if (d1, d2) == (5, 5)
        && (b'6'..=b'9').contains(&b[i])
        && matches!(s1, Some(b'-' | b' '))
        && d3 == 0
        && lone(p2)
    {
        return m(i, p2, Kind::Phone, "mobile number layout");
    }
    // Singapore: eight digits in two groups of four, the first digit 6 (fixed), 8 or 9
    // (mobile): `9130 4117`.
    if (d1, d2) == (4, 4)
        && matches!(b[i], b'6' | b'8' | b'9')
        && s1 == Some(b' ')
        && d3 == 0
        && lone(p2)
        && !(i >= 2 && b[i - 1] == b' ' && b[i - 2].is_ascii_digit())
        && !b[i.saturating_sub(24)..i]
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"port"))
    {
        return m(i, p2, Kind::Phone, "telephone number layout");
    }
    let s1 = s1?;
    if d2 == 0 {
        return None;
    }
    // SSN: 123-45-6789 or 123 45 6789.
    if d1 == 3 && d2 == 2 && s2 == Some(s1) && d3 == 4 && s1 != b'.' && end_boundary(b, p3) {
        return m(i, p3, Kind::Ssn, "social security number layout");
    }
    // Russian SNILS (insurance number): 123-456-789 01.
    if d1 == 3
        && s1 == b'-'
        && d2 == 3
        && s2 == Some(b'-')
        && d3 == 3
        && s3 == Some(b' ')
        && d4 == 2
        && end_boundary(b, p4)
    {
        return m(i, p4, Kind::Ssn, "SNILS layout");
    }
    // Card numbers in groups: 4-4-4-4 (with optional 3 more) or 4-6-5.
    if d1 == 4
        && s1 != b'.'
        && s2 == Some(s1)
        && s3 == Some(s1)
        && d2 == 4
        && d3 == 4
        && d4 == 4
        && end_boundary(b, p4)
    {
        return m(i, p4, Kind::Account, "payment card number layout");
    }
    if d1 == 4 && d2 == 6 && s1 != b'.' && s2 == Some(s1) && d3 == 5 && end_boundary(b, p3) {
        return m(i, p3, Kind::Account, "payment card number layout");
    }
    // Dates with dashes or dots: 1980-03-04, 03-04-1980, 04.03.1980.
    if s1 != b' '
        && s2 == Some(s1)
        && d3 > 0
        && date_parts(b, i, d1, p1 + 1, d2, p2 + 1, d3)
        && end_boundary(b, p3)
    {
        return m(i, p3, Kind::Date, "calendar date");
    }
    // NANP phone numbers: 555-123-4567, 555.123.4567, 555 123 4567, 1-800-555-1234.
    if d1 == 3 && d2 == 3 && s2.is_some() && d3 == 4 && end_boundary(b, p3) {
        return m(i, p3, Kind::Phone, "telephone number layout");
    }
    if d1 == 1
        && b[i] == b'1'
        && d2 == 3
        && s2.is_some()
        && d3 == 3
        && s3.is_some()
        && d4 == 4
        && end_boundary(b, p4)
    {
        return m(i, p4, Kind::Phone, "telephone number layout");
    }
    if d1 == 1 && b[i] == b'1' && d2 == 3 && b.get(p1 + 1) == Some(&b'(') {
        return None;
    }
    // Brazil: a two-digit area code, then 4 or 5 digits, a hyphen and 4 (`22 7579-1286`).
    if d1 == 2
        && s1 == b' '
        && (4..=5).contains(&d2)
        && s2 == Some(b'-')
        && d3 == 4
        && end_boundary(b, p3)
    {
        return m(i, p3, Kind::Phone, "telephone number layout");
    }
    // France: five pairs from the trunk zero (`02 43 59 15 84`, `06.71.25.79.89`).
    if b[i] == b'0'
        && (d1, d2, d3, d4) == (2, 2, 2, 2)
        && s1 != b'-'
        && s2 == Some(s1)
        && s3 == Some(s1)
        && b.get(p4) == Some(&s1)
        && run(b, p4 + 1) == 2
        && end_boundary(b, p4 + 3)
    {
        return m(i, p4 + 3, Kind::Phone, "telephone number layout");
    }
    // A trunk zero and an area code, then the subscriber's number in one group
    // (`0151 4960076`, `04180 102513`, `089/4471209`).
    if b[i] == b'0'
        && (3..=5).contains(&d1)
        && matches!(s1, b' ' | b'-')
        && (5..=8).contains(&d2)
        && (9..=12).contains(&(d1 + d2))
        && s2.is_none_or(|_| run(b, p2 + 1) == 0)
        && end_boundary(b, p2)
    {
        return m(i, p2, Kind::Phone, "telephone number with a trunk prefix");
    }
    // Seven-digit local numbers: 555-1234.
    if d1 == 3 && d2 == 4 && s1 == b'-' && end_boundary(b, p2) {
        return m(i, p2, Kind::Phone, "local telephone number layout");
    }
    // ZIP+4: 62704-1234.
    if d1 == 5 && d2 == 4 && s1 == b'-' && end_boundary(b, p2) {
        return m(i, p2, Kind::Zip, "ZIP+4 code");
    }
    None
}

/// The subscriber's number after a Hungarian area code's slash at `p`: three digits, a
/// space or hyphen, then three or four; where it ends.
fn slash_subscriber(b: &[u8], p: usize) -> Option<usize> {
    if b.get(p) != Some(&b'/') || run(b, p + 1) != 3 {
        return None;
    }
    let q = p + 4;
    if !matches!(b.get(q), Some(b' ' | b'-')) {
        return None;
    }
    let r = run(b, q + 1);
    let end = q + 1 + r;
    ((3..=4).contains(&r) && end_boundary(b, end)).then_some(end)
}

/// Groups of digits from `i` split by one space each, or by one hyphen each: the digits in
/// all, the number of groups and where the last ends. A group after the first of more than
/// `max` digits is no telephone layout.
fn digit_groups(b: &[u8], i: usize, max: usize) -> Option<(usize, usize, usize)> {
    let mut p = i;
    let mut total = 0;
    let mut n = 0;
    let mut sep = None;
    loop {
        let r = run(b, p);
        if r == 0 || n > 0 && r > max {
            return None;
        }
        total += r;
        n += 1;
        p += r;
        match b.get(p) {
            Some(&c) if matches!(c, b' ' | b'-') && run(b, p + 1) > 0 && n < 6 => {
                if sep.is_some_and(|s| s != c) {
                    return None;
                }
                sep = Some(c);
                p += 1;
            }
            _ => return Some((total, n, p)),
        }
    }
}

/// A national identity number written in five to eight groups split by single spaces, one
/// group of five or more digits after the first, 13 to 20 digits in all
/// (`2 1987 6 1234567 8 90`): no telephone, date or count is laid out so. Where it ends.
fn spaced_id(b: &[u8], i: usize) -> Option<usize> {
    // The first group of the run, not one inside a longer row of numbers.
    if i >= 2 && b[i - 1] == b' ' && b[i - 2].is_ascii_digit() {
        return None;
    }
    let mut p = i;
    let mut total = 0;
    let mut n = 0;
    let mut long = false;
    loop {
        let r = run(b, p);
        if r == 0 || r > 12 {
            return None;
        }
        long |= n > 0 && r >= 5;
        total += r;
        n += 1;
        p += r;
        if b.get(p) == Some(&b' ') && run(b, p + 1) > 0 {
            if n == 8 {
                return None;
            }
            p += 1;
        } else {
            break;
        }
    }
    ((5..=8).contains(&n) && long && (13..=20).contains(&total) && end_boundary(b, p)).then_some(p)
}

/// Do three digit groups make a plausible calendar date (year first or last)?
fn date_parts(b: &[u8], a: usize, la: usize, bb: usize, lb: usize, c: usize, lc: usize) -> bool {
    let va = value(b, a, la);
    let vb = value(b, bb, lb);
    let vc = value(b, c, lc);
    if la == 4 && (1..=2).contains(&lb) && (1..=2).contains(&lc) {
        // Solar Hijri years (Iran, Afghanistan) run about 621 behind: `1402/05/12`.
        let year = (1800..=2199).contains(&va) || (1300..=1499).contains(&va);
        return year && (1..=12).contains(&vb) && (1..=31).contains(&vc);
    }
    if (1..=2).contains(&la) && (1..=2).contains(&lb) && (lc == 4 || lc == 2) {
        let year_ok = lc == 2 || (1800..=2199).contains(&vc);
        let md = (1..=12).contains(&va) && (1..=31).contains(&vb);
        let dm = (1..=31).contains(&va) && (1..=12).contains(&vb);
        return year_ok && (md || dm);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Kind)> {
        scan(text)
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.kind))
            .collect()
    }

    #[test]
    fn identity_numbers_in_spaced_groups_or_with_a_township_code() {
        assert_eq!(
            kinds("ID: 2 1978 5 4410327 6 18, seen"),
            vec![("2 1978 5 4410327 6 18", Kind::Ssn)]
        );
        assert_eq!(
            kinds("card ၃/ပကတ(နိုင်)၂၄၆၈၀၁၊ ok"),
            vec![("၃/ပကတ(နိုင်)၂၄၆၈၀၁", Kind::Ssn)]
        );
        assert_eq!(
            kinds("reg 7/PaKaNa(N)482913 here"),
            vec![("7/PaKaNa(N)482913", Kind::Ssn)]
        );
        // Counts in a table, a phone in groups, a version, a dose and an address stay.
        for text in [
            "counts 12 40 7 19 3 8 22 11",
            "tel 0733 481 902 now",
            "v 1.2.3 (build 44812)",
            "10 12 14 16 18 mg",
            "1 2 3 4 5 6 7 8 9 123456",
            "8.8.4.4 port 53",
            "3/day(s)12 doses",
            "CVE-2024-12345 2 3 4 5",
        ] {
            assert!(kinds(text).iter().all(|(_, k)| *k != Kind::Ssn), "{text}");
        }
    }

    #[test]
    fn a_trunk_zero_area_code_before_a_slash_and_a_two_digit_operator_code() {
        assert_eq!(
            kinds("zovite 051/274-913."),
            vec![("051/274-913", Kind::Phone)]
        );
        assert_eq!(
            kinds("тел (93) 412-07-55 ок"),
            vec![("(93) 412-07-55", Kind::Phone)]
        );
        // A fraction, a ratio of counts, a ticket and a price stay.
        for text in [
            "ratio 012/345",
            "(12) 345-67-890 rows",
            "INC 0042/118",
            "$(20) 100-10",
        ] {
            assert!(kinds(text).iter().all(|(_, k)| *k != Kind::Phone), "{text}");
        }
    }

    #[test]
    fn layouts() {
        assert_eq!(kinds("SSN 123-45-6789."), vec![("123-45-6789", Kind::Ssn)]);
        assert_eq!(
            kinds("call (555) 123-4567 now"),
            vec![("(555) 123-4567", Kind::Phone)]
        );
        assert_eq!(
            kinds("tel 555.123.4567"),
            vec![("555.123.4567", Kind::Phone)]
        );
        assert_eq!(
            kinds("+44 20 7946 0958"),
            vec![("+44 20 7946 0958", Kind::Phone)]
        );
        assert_eq!(
            kinds("1-800-555-1234"),
            vec![("1-800-555-1234", Kind::Phone)]
        );
        assert_eq!(kinds("DOB 03/04/1980,"), vec![("03/04/1980", Kind::Date)]);
        assert_eq!(kinds("on 1980-03-04"), vec![("1980-03-04", Kind::Date)]);
        assert_eq!(
            kinds("4111 1111 1111 1111"),
            vec![("4111 1111 1111 1111", Kind::Account)]
        );
        assert_eq!(kinds("62704-1234"), vec![("62704-1234", Kind::Zip)]);
    }

    #[test]
    fn not_numbers_of_people() {
        assert!(kinds("192.168.10.20").is_empty());
        assert!(kinds("2024-03-04T10:00:00Z").is_empty());
        assert!(kinds("CVE-2024-1234-5678").is_empty());
        assert!(kinds("10.12.20.23").is_empty());
        assert!(kinds("d41d8cd98f00b204e9800998ecf8427e").is_empty());
        assert!(kinds("version 1.2.3").is_empty());
        assert!(kinds("offset +1234567 8").is_empty());
    }

    #[test]
    fn european_layouts_with_and_without_a_trunk_prefix() {
        assert_eq!(
            kinds("zvati 031 442 718 ili 098 7712 406, mob. 063 214 07 19, tel 0914 335 2207"),
            vec![
                ("031 442 718", Kind::Phone),
                ("098 7712 406", Kind::Phone),
                ("063 214 07 19", Kind::Phone),
                ("0914 335 2207", Kind::Phone),
            ]
        );
        assert_eq!(
            kinds("hívja 06-30/512-4477 vagy 06-1/388 2016, 30/512-4477, 72/415 338."),
            vec![
                ("06-30/512-4477", Kind::Phone),
                ("06-1/388 2016", Kind::Phone),
                ("30/512-4477", Kind::Phone),
                ("72/415 338", Kind::Phone),
            ]
        );
        assert_eq!(
            kinds("volať 00421 903 118 245 alebo 00420 2 21093311"),
            vec![
                ("00421 903 118 245", Kind::Phone),
                ("00420 2 21093311", Kind::Phone),
            ]
        );
        assert_eq!(
            kinds("ring 41 68 27 70 eller 912 45 803."),
            vec![("41 68 27 70", Kind::Phone), ("912 45 803", Kind::Phone)]
        );
        // A byte dump, counts and short codes stay.
        assert_eq!(
            kinds("dump 4f 41 68 27 70 1a, 41 68 27 70 12, 010 20, 312 45 803, 0 12 345"),
            Vec::<(&str, Kind)>::new()
        );
    }

    #[test]
    fn solar_hijri_dates_and_punctuation_of_other_scripts() {
        assert_eq!(
            kinds("تاریخ تولد 1361/04/22، کد"),
            vec![("1361/04/22", Kind::Date)]
        );
        assert_eq!(kinds("نسخه 1361/04/22ب"), Vec::<(&str, Kind)>::new());
        assert_eq!(
            kinds("на 1980-03-04—потім"),
            vec![("1980-03-04", Kind::Date)]
        );
    }

    #[test]
    fn a_country_code_glued_to_the_area_code() {
        assert_eq!(
            kinds("ring +44207 9460958 today"),
            vec![("+44207 9460958", Kind::Phone)]
        );
        assert_eq!(
            kinds("ring +3120-5550123."),
            vec![("+3120-5550123", Kind::Phone)]
        );
        assert_eq!(
            kinds("tel 22 7579-1286, tél. 02 43 59 15 84, home 0151 4960076, (0116) 4960772"),
            vec![
                ("22 7579-1286", Kind::Phone),
                ("02 43 59 15 84", Kind::Phone),
                ("0151 4960076", Kind::Phone),
                ("(0116) 4960772", Kind::Phone),
            ]
        );
        assert_eq!(kinds("(03)642-9480"), vec![("(03)642-9480", Kind::Phone)]);
        assert_eq!(
            kinds("cb 608/517-3610"),
            vec![("608/517-3610", Kind::Phone)]
        );
        assert_eq!(
            kinds("ratio 608/517 and 60/517"),
            Vec::<(&str, Kind)>::new()
        );
        // Counts and codes in the same digits stay: no trunk zero, or too few digits.
        assert_eq!(
            kinds("build 1151 4960076, (0) 12, 12 34 56 78 90, 0151 49"),
            Vec::<(&str, Kind)>::new()
        );
        assert_eq!(
            kinds("СНИЛС 112-233-445 95, тел."),
            vec![("112-233-445 95", Kind::Ssn)]
        );
        assert_eq!(kinds("build 112-233-445 of 95"), Vec::<(&str, Kind)>::new());
    }

    #[test]
    fn mobile_numbers_of_india_nigeria_the_philippines_and_singapore() {
        for (text, want) in [
            ("mob 09412345678.", "09412345678"),
            ("call 08031112222 now", "08031112222"),
            ("from 98765-43210.", "98765-43210"),
            ("tel 81234 56789", "81234 56789"),
            ("DPO: Tan Wei (9123 4567)", "9123 4567"),
        ] {
            assert_eq!(kinds(text), vec![(want, Kind::Phone)], "{text}");
        }
        // Other first digits, a longer run, a row of groups and a port list are no mobiles.
        for text in [
            "ref 01234567890 done",
            "id 094123456789 done",
            "zip 12345-67890 x",
            "counts 9123 4567 8812 9931",
            "open ports 8080 8443 found",
            "years 2024 2025",
        ] {
            assert!(kinds(text).iter().all(|(_, k)| *k != Kind::Phone), "{text}");
        }
    }
}
