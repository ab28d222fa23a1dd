//! The tokenizer: cuts the text once into tokens at delimiters (defanged brackets stay
//! inside a token), trims punctuation, and counts sentences.

use super::{Class, Tok, NO_FINDING};
use crate::vocab::lower;

pub(super) const fn is_delim(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b',' | b';'
                | b'"'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'<'
                | b'>'
                | b'|'
                | b'`'
        )
}

/// What the tokenizer must look at twice in a byte ([`SPECIAL`]): a delimiter, the `[` or
/// `(` that may open a defanged `[.]`, or a byte that may lead a full-width delimiter (0xE3
/// and up). Every other byte (letters, digits, most punctuation) carries on a token; `:`
/// and `=` ([`KEY`]) are noted on the way, for [`push_pieces`].
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if is_delim(b) || b == b'[' || b == b'(' || b >= 0xE3 || b == 0xD8 {
            SPECIAL
        } else if b == b':' || b == b'=' {
            KEY
        } else {
            0
        };
        c += 1;
    }
    t
};
const SPECIAL: u8 = 1;
const KEY: u8 = 2;

/// Full-width punctuation of Chinese and Japanese text (`（`, `）`, `：`, `，`, `；`, `、`, `。`,
/// `「`, `」`): three bytes each, a delimiter like its ASCII counterpart; and the Arabic
/// comma and semicolon (`،`, `؛`, two bytes each). Returns its length.
fn wide_delim(b: &[u8], i: usize) -> usize {
    if b[i] == 0xD8 {
        return if matches!(b.get(i + 1), Some(0x8C | 0x9B)) {
            2
        } else {
            0
        };
    }
    match (b[i], b.get(i + 1), b.get(i + 2)) {
        (0xEF, Some(0xBC), Some(0x88 | 0x89 | 0x8C | 0x9A | 0x9B))
        | (0xE3, Some(0x80), Some(0x81 | 0x82 | 0x8C | 0x8D)) => 3,
        _ => 0,
    }
}

/// "[.]", "(.)", "[@]", "[:]": defanging inside an indicator, not a delimiter.
fn defang_at(b: &[u8], i: usize) -> bool {
    let close = match b[i] {
        b'[' => b']',
        b'(' => b')',
        _ => return false,
    };
    i + 2 < b.len() && matches!(b[i + 1], b'.' | b'@' | b':') && b[i + 2] == close
}

const LEAD_TRIM: &[char] = &['\'', '*', '#', '“', '‘', '«', '¿', '¡', '_'];
const TRAIL_TRIM: &[char] = &[
    '.', ':', '!', '?', '\'', '*', '”', '’', '»', '#', '_', '،', '؛', '؟', '۔', '।', '॥', '။', '።',
    '։', '፣', '፤', '។', '៕', '៖', '၊',
];

/// Words whose trailing dot does not end a sentence.
fn is_abbreviation(core: &str) -> bool {
    // One letter of any script: an initial or an abbreviation ("J.", "д.", "г.").
    if core.chars().count() == 1 {
        return true;
    }
    // German streets: "Mielkestr. 7", "Hauptstr. 12".
    if core.len() > 4 && core.ends_with("str") && core.starts_with(|c: char| c.is_uppercase()) {
        return true;
    }
    // A number's label glued to what it numbers: "SV-Nr.", "AHV-Nr.", "CPR-nr.".
    if core
        .rsplit_once('-')
        .is_some_and(|(_, tail)| tail.eq_ignore_ascii_case("nr"))
    {
        return true;
    }
    // Street and place abbreviations of other languages ("al.", "ul.", "пр.", "пер.").
    if matches!(
        core,
        "al" | "pl"
            | "ul"
            | "os"
            | "pr"
            | "ул"
            | "пр"
            | "пер"
            | "стр"
            | "бул"
            | "наб"
            // Ukrainian street, building and flat: "вул.", "буд. 4 кв. 9".
            | "вул"
            | "просп"
            | "буд"
            | "кв"
            | "корп"
            | "Αγ"
            | "Λεωφ"
            // The short forms of "telephone" and "born" before a number: "tel.", "тел.",
            // "τηλ.", "tlf.", Czech "nar.", Greek "ημ." (date).
            | "tel"
            | "Tel"
            | "tél"
            | "Tél"
            | "tlf"
            | "Tlf"
            | "тел"
            | "Тел"
            | "τηλ"
            | "Τηλ"
            | "nar"
            | "ημ"
            // Norwegian "fnr." (fødselsnummer) before the number.
            | "fnr"
            // "Number", "block", "entrance", "floor", "flat" in the addresses of the Balkans
            // (`ул. Илинденска бр. 75`, `Ilica br. 5`), Icelandic "kt." (kennitala) before
            // its number, and the Romanian, Spanish and Turkish address abbreviations
            // (`Str. Unirii nr. 5, bl. 3, sc. A, ap. 12`, `Avda. del Mar`, `Atatürk Cad.`).
            // Hindi and Nepali "number" (`घर नं. 12`), Sinhala "number" (`නො. 12`).
            | "नं"
            | "නො"
            | "бр"
            | "Бр"
            | "br"
            | "Br"
            | "бл"
            | "вх"
            | "ет"
            | "ап"
            | "kt"
            | "Str"
            | "bl"
            | "sc"
            | "ap"
            | "Avda"
            | "avda"
            | "núm"
            | "Cad"
            | "Sok"
            | "Mah"
            | "cad"
            | "sok"
            | "mah"
    ) {
        return true;
    }
    let mut buf = [0u8; 32];
    let Some(l) = lower(core, &mut buf) else {
        return false;
    };
    matches!(
        l,
        "dr" | "mr"
            | "mrs"
            | "ms"
            | "mx"
            | "prof"
            | "ofc"
            | "sgt"
            | "cpl"
            | "st"
            | "no"
            | "vs"
            | "etc"
            | "e.g"
            | "i.e"
            | "jr"
            | "sr"
            | "inc"
            | "ltd"
            | "co"
            | "apt"
            | "ste"
            | "ave"
            | "approx"
            | "dept"
            | "rev"
            | "p.o"
            | "d.o.b"
            | "c.p"
            | "ext"
            | "fig"
            | "nr"
            | "fallnr"
            | "patientennr"
            | "rd"
            | "blvd"
            | "ln"
            | "mt"
            | "ft"
            | "u.s"
            | "corp"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "tel"
            | "acct"
            | "pt"
            | "a.m"
            | "p.m"
    )
}

/// The attribute delimiter a LEEF 2.0 header declares (`LEEF:2.0|Vendor|Product|1.0|ID|^|`:
/// a character, or its code as `x5E`/`0x5E`), and where the header ends.
fn leef_delimiter(line: &str) -> Option<(u8, usize)> {
    let at = line.find("LEEF:2.0|")?;
    let mut end = at;
    let mut fields = line[at..].splitn(7, '|');
    for _ in 0..5 {
        end += fields.next()?.len() + 1;
    }
    let field = fields.next()?;
    end += field.len() + 1;
    let hex = field
        .strip_prefix("0x")
        .or_else(|| field.strip_prefix('x'))
        .filter(|h| h.len() == 2);
    let delim = match hex {
        Some(h) => u8::from_str_radix(h, 16).ok()?,
        None if field.len() == 1 => field.as_bytes()[0],
        None => return None,
    };
    (delim.is_ascii_punctuation() && delim != b'=').then_some((delim, end))
}

/// The byte ranges of LEEF 2.0 attribute lists and the delimiter each one's header
/// declares: inside them that byte separates tokens as a space does.
fn leef_ranges(text: &str) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    if !text.contains("LEEF:2.0|") {
        return out;
    }
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if let Some((delim, end)) = leef_delimiter(line) {
            out.push((start + end, start + line.len(), delim));
        }
        start += line.len();
    }
    out
}

pub(super) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let leef = leef_ranges(text);
    // The common case, without LEEF attribute lists, keeps the byte loop free of the check.
    if leef.is_empty() {
        cut::<false>(text, &leef)
    } else {
        cut::<true>(text, &leef)
    }
}

/// Cuts `text` into tokens; with `LEEF`, the delimiters `leef` declares separate tokens too.
fn cut<'a, const LEEF: bool>(text: &'a str, leef: &[(usize, usize, u8)]) -> Vec<Tok<'a>> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 5);
    let mut sent = 0u32;
    let mut i = 0;
    let mut lr = 0;
    // Whether byte `i` is the declared delimiter of a LEEF attribute list.
    let mut leef_delim = |i: usize| {
        while lr < leef.len() && leef[lr].1 <= i {
            lr += 1;
        }
        leef.get(lr).is_some_and(|&(s, _, d)| i >= s && b[i] == d)
    };
    while i < b.len() {
        if is_delim(b[i]) && !defang_at(b, i) || LEEF && leef_delim(i) {
            if b[i] == b'\n' {
                sent += 1;
            }
            i += 1;
            continue;
        }
        let wide = wide_delim(b, i);
        if wide > 0 {
            i += wide;
            continue;
        }
        let s = i;
        // Whether the token holds a `:` or a `=`, seen as its bytes are passed.
        let mut key = false;
        while i < b.len() {
            // A declared LEEF delimiter may be any byte, ordinary ones too.
            let class = BYTE_CLASS[usize::from(b[i])];
            if class != SPECIAL && !(LEEF && leef_delim(i)) {
                key |= class == KEY;
                i += 1;
                continue;
            }
            if defang_at(b, i) {
                // `[:]`: its colon is the token's.
                key |= b[i + 1] == b':';
                i += 3;
                continue;
            }
            if is_delim(b[i])
                || (b[i] >= 0xE3 || b[i] == 0xD8) && wide_delim(b, i) > 0
                || LEEF && leef_delim(i)
            {
                break;
            }
            i += 1;
        }
        let after = b.get(i).copied().unwrap_or(b'\n');
        push_pieces(text, s, i, after, key, &mut toks, &mut sent);
    }
    toks
}

/// Splits a raw token on `=` and after a `key:` prefix, trims each piece and pushes it;
/// `key` says whether the token holds a `:` or a `=` at all.
fn push_pieces<'a>(
    text: &'a str,
    s: usize,
    e: usize,
    after: u8,
    key: bool,
    toks: &mut Vec<Tok<'a>>,
    sent: &mut u32,
) {
    let raw = &text.as_bytes()[s..e];
    // Most tokens hold neither `:` nor `=`: nothing to split.
    if !key {
        push_trimmed(text, s, e, after, toks, sent);
        return;
    }
    // Byte searches: `:`, `/` and `=` are ASCII, so their byte offsets are char boundaries
    // (a `str` pattern search sets up a searcher per token).
    if raw.windows(3).any(|w| w == b"://") {
        push_trimmed(text, s, e, after, toks, sent);
        return;
    }
    let mut piece_start = s;
    let equals = raw
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'=')
        .map(|(off, _)| off);
    for off in equals.chain(std::iter::once(raw.len())) {
        let piece_end = s + off;
        if piece_end > piece_start {
            let piece_after = if piece_end == e { after } else { b'=' };
            split_key(text, piece_start, piece_end, piece_after, toks, sent);
        }
        piece_start = piece_end + 1;
    }
}

fn split_key<'a>(
    text: &'a str,
    s: usize,
    e: usize,
    after: u8,
    toks: &mut Vec<Tok<'a>>,
    sent: &mut u32,
) {
    let piece = &text[s..e];
    if let Some(p) = piece.bytes().position(|c| c == b':') {
        let left = &piece[..p];
        let right_ok = p + 1 < piece.len();
        let key_like = left.len() >= 2
            && left
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || matches!(b, b'#' | b'_' | b'.' | b'/'));
        let hexy = left.bytes().all(|b| b.is_ascii_hexdigit()) && piece.matches(':').count() >= 2;
        if key_like && right_ok && !hexy {
            push_trimmed(text, s, s + p, b':', toks, sent);
            // `CN=Jane Roe:mailto:jroe@example.org`: the value may open with a key too.
            let rest = &text[s + p + 1..e];
            if rest.len() > 7 && rest.as_bytes()[..7].eq_ignore_ascii_case(b"mailto:") {
                push_trimmed(text, s + p + 1, s + p + 7, b':', toks, sent);
                push_trimmed(text, s + p + 8, e, after, toks, sent);
            } else {
                push_trimmed(text, s + p + 1, e, after, toks, sent);
            }
            return;
        }
    }
    push_trimmed(text, s, e, after, toks, sent);
}

fn push_trimmed<'a>(
    text: &'a str,
    s: usize,
    e: usize,
    after: u8,
    toks: &mut Vec<Tok<'a>>,
    sent: &mut u32,
) {
    let raw = &text[s..e];
    // Most tokens start and end with a letter or digit: nothing to trim, no char search.
    let plain = |c: Option<&u8>| c.is_some_and(u8::is_ascii_alphanumeric);
    let lead = if plain(raw.as_bytes().first()) {
        0
    } else {
        raw.len() - raw.trim_start_matches(LEAD_TRIM).len()
    };
    let body = &raw[lead..];
    // `\"Ann Roe\"` inside a quoted CSV or JSON string: the backslash escapes the quote
    // that closes the word, and is no part of it.
    let body = if after == b'"' && body.len() > 1 && body.ends_with('\\') {
        &body[..body.len() - 1]
    } else {
        body
    };
    let mut core = if plain(body.as_bytes().last()) {
        body
    } else {
        body.trim_end_matches(TRAIL_TRIM)
    };
    let suffix = &body[core.len()..];
    for poss in ["'s", "’s", "'S"] {
        if core.len() > poss.len() + 1 && core.ends_with(poss) {
            core = &core[..core.len() - poss.len()];
        }
    }
    if core.is_empty() {
        return;
    }
    let start = s + lead;
    let end = start + core.len();
    // The Arabic comma, semicolon and question mark stand for their ASCII forms.
    let trail = match suffix.chars().next() {
        Some('،') => b',',
        Some('؛') => b';',
        Some('؟') => b'?',
        // The Ethiopic comma and semicolon.
        Some('፣') => b',',
        Some('፤') => b';',
        // The Khmer colon and the Burmese comma.
        Some('៖') => b':',
        Some('၊') => b',',
        // The full stops of Urdu, of the Indic scripts (the danda), Burmese and Ethiopic.
        Some('۔' | '।' | '॥' | '။' | '።' | '։' | '។' | '៕') => b'.',
        _ => suffix.bytes().next().unwrap_or(0),
    };
    // Most tokens have no suffix: no search (a search for a `char` beyond ASCII sets up a
    // substring searcher).
    let ends_sentence = !suffix.is_empty()
        && (suffix.bytes().any(|b| matches!(b, b'.' | b'!' | b'?'))
            || suffix.contains(['؟', '۔', '।', '॥', '။', '።', '։', '។', '៕']))
        && !is_abbreviation(core);
    toks.push(Tok {
        s: &text[start..end],
        start,
        end,
        after,
        trail,
        sent: *sent,
        class: Class::Plain,
        finding: NO_FINDING,
        flags: 0,
    });
    if ends_sentence {
        *sent += 1;
    }
}

pub(super) fn same_kind_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn a_token_with_a_key_byte_is_cut_as_before() {
        // `:` and `=` anywhere in a token, a defanged `[:]` included, still split it.
        check(&[(
            "user=jdoe host:ws-17 hxxp[:]//evil[.]example[.]ru",
            "user=[USER] host:[INTERNAL-HOST] hxxp[:]//evil[.]example[.]ru",
        )]);
    }

    #[test]
    fn a_leef_header_declares_the_delimiter_of_its_attributes() {
        check(&[(
            "LEEF:2.0|Acme|Edge FW|4.2|THREAT|^|cat=c2^src=10.20.30.40^dst=198.51.100.7\
             ^usrName=ACME\\tkowalczyk^srcHostName=lab-ws17^action=drop",
            "LEEF:2.0|Acme|Edge FW|4.2|THREAT|^|cat=c2^src=[INTERNAL-IP]^dst=198.51.100.7\
             ^usrName=[USER]^srcHostName=[INTERNAL-HOST]^action=drop",
        )]);
    }
}
