//! Addresses by their structure rather than by a list of streets: a street-type word of
//! one of many languages (`ul.`, `Calle`, `Allee`, `-straat`, `Sokağı`, `路`) beside a house
//! number; and the address block of a letter or a signature — a street line followed by a
//! line of postcode and place (`35734 Abenberg`, `1173 VT Zijdewind`, `WK3R 4TX Tamworth`,
//! `Cooper City, MO 97492`) — with the recipient's name on the line above.

use super::{Class, Engine};
use crate::classify as c;
use crate::vocab::{flag, lower};
use crate::Kind;

/// Street-type words written before the street's name (`rue de la Paix`, `ul. Długa`).
pub(crate) const BEFORE_NAME: &[&str] = &[
    "rue",
    "avenue",
    "av",
    "boulevard",
    "bd",
    "allée",
    "chemin",
    "impasse",
    "place",
    "cours",
    "quai",
    "route",
    "calle",
    "c",
    "avenida",
    "avda",
    "paseo",
    "plaza",
    "camino",
    "carrer",
    "carretera",
    "ronda",
    "travesía",
    "via",
    "viale",
    "piazza",
    "corso",
    "largo",
    "vicolo",
    "strada",
    "piazzale",
    "rua",
    "travessa",
    "praça",
    "rodovia",
    "estrada",
    "alameda",
    "ul",
    "ulica",
    "al",
    "aleja",
    "plac",
    "os",
    "osiedle",
    "ulice",
    "náměstí",
    "třída",
    "nábřeží",
    "ул",
    "улица",
    "вул",
    "вулиця",
    "пр",
    "проспект",
    "пер",
    "переулок",
    "бул",
    "бульвар",
    "наб",
    "шоссе",
    "ш",
    "οδός",
    "λεωφ",
    "λεωφόρος",
    // Ukrainian street types besides the ones shared with Russian.
    "провулок",
    "узвіз",
    "набережна",
    "площа",
    "шосе",
    "алея",
    "тупик",
    "просп",
    // Swahili, Irish, Welsh, Maltese, Albanian, Malay and Indonesian, Filipino,
    // Vietnamese, Hausa and Somali street words, written before the name.
    "barabara",
    "mtaa",
    "bóthar",
    "sráid",
    "ascaill",
    "heol",
    "stryd",
    "ffordd",
    "triq",
    "rruga",
    "jalan",
    "jl",
    "jln",
    "kalye",
    "đường",
    "phố",
    "titin",
    "wadada",
    "bulevar",
    "bulevardi",
];

/// Street-type words written after the street's name (`Trakehner Allee`, `Alkan Sokağı`),
/// besides the English ones of [`crate::lists::STREET_SUFFIXES`].
pub(crate) const AFTER_NAME: &[&str] = &[
    "straße",
    "strasse",
    "str",
    "weg",
    "allee",
    "gasse",
    "platz",
    "ring",
    "damm",
    "ufer",
    "chaussee",
    "steig",
    "pfad",
    "straat",
    "laan",
    "plein",
    "gracht",
    "kade",
    "singel",
    "dreef",
    "sokak",
    "sokağı",
    "sokagi",
    "caddesi",
    "cad",
    "cd",
    "bulvarı",
    "yolu",
    "vej",
    "gade",
    "gatan",
    "vägen",
    "veien",
    "gata",
    "katu",
    "tie",
    "utca",
    // Hungarian squares, roads and rings; Croatian roads, squares and embankments.
    "tér",
    "út",
    "körút",
    "köz",
    "put",
    "cesta",
    "trg",
    "obala",
    "perivoj",
    "prilaz",
    "odvojak",
    "ogranak",
    "vijenac",
    "allé",
    "stræde",
    // Estonian, Latvian, Lithuanian, Basque, Icelandic, Azerbaijani, Kazakh, Georgian and
    // Armenian street words, written after the name.
    "tn",
    "tänav",
    "mnt",
    "maantee",
    "pst",
    "puiestee",
    "iela",
    "prospekts",
    "bulvāris",
    "gatvė",
    "prospektas",
    "kalea",
    "etorbidea",
    "vegur",
    "stræti",
    "küçəsi",
    "prospekti",
    "көшесі",
    "ქუჩა",
    "փողոց",
];

/// Endings of one-word street names (`Hechtgraben`, `Larixstraat`, `Bahnhofstraße`).
const GLUED_ENDINGS: &[&str] = &[
    "straße",
    "strasse",
    "graben",
    "gasse",
    "allee",
    "platz",
    "damm",
    "straat",
    "laan",
    "gracht",
    "plein",
    "steeg",
    "kade",
    "vej",
    "gade",
    "gatan",
    "vägen",
    "veien",
    "katu",
    "utca",
    "sokağı",
    "caddesi",
    "kuja",
    "bulevardi",
    "polku",
    "väylä",
    "kaari",
    "alléen",
    "stræde",
    // Icelandic streets, roads and ways (`Túngata`, `Hringbraut`).
    "gata",
    "vegur",
    "braut",
    "stræti",
];

/// Characters that end a street name in Chinese, Japanese or Korean (`南城侧路`, `신덕로`).
const CJK_STREET: &[char] = &[
    '路', '街', '道', '条', '條', '巷', '弄', '号', '號', '로', '길', '通',
];

/// A house number: `12`, `12a`, `12/3`, `12c/4`, `19-8-99`, `420号`.
fn house_number(s: &str) -> bool {
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 5 {
        return false;
    }
    let mut rest = &s[d..];
    // `12c/4`: a letter, then the flat after the slash.
    if rest.len() > 2 && rest.as_bytes()[0].is_ascii_alphabetic() && rest.as_bytes()[1] == b'/' {
        rest = &rest[1..];
    }
    rest.is_empty()
        || rest.len() == 1 && rest.as_bytes()[0].is_ascii_alphabetic()
        || rest
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'-'))
            && rest.len() <= 8
        || matches!(rest, "号" | "號" | "번지")
}

/// A postcode taking one or two words from `words`: how many it takes (0 when none).
pub(super) fn postcode(words: &[&str]) -> usize {
    // A word's shape: digits as `9`, capitals as `A`, every other byte as it is (a
    // character beyond ASCII stays itself). No shape below is longer than ten bytes, so a
    // longer word has none; the shapes are made on the stack.
    fn shape<'b>(w: &str, buf: &'b mut [u8; 10]) -> Option<&'b [u8]> {
        let b = w.as_bytes();
        let out = buf.get_mut(..b.len())?;
        for (o, &c) in out.iter_mut().zip(b) {
            *o = if c.is_ascii_digit() {
                b'9'
            } else if c.is_ascii_uppercase() {
                b'A'
            } else {
                c
            };
        }
        Some(out)
    }
    let Some(first) = words.first() else {
        return 0;
    };
    let mut buf_a = [0u8; 10];
    let a = shape(first, &mut buf_a);
    if let Some(second) = words.get(1) {
        let mut buf_b = [0u8; 10];
        let b = shape(second, &mut buf_b);
        let two = matches!(
            (a, b),
            (Some(b"999"), Some(b"99"))
                | (Some(b"9999"), Some(b"AA"))
                | (Some(b"A9A"), Some(b"9A9"))
                | (Some(b"A9"), Some(b"9AA"))
                | (Some(b"A99"), Some(b"9AA"))
                | (Some(b"AA9"), Some(b"9AA"))
                | (Some(b"AA99"), Some(b"9AA"))
                | (Some(b"A9A"), Some(b"9AA"))
                | (Some(b"AA9A"), Some(b"9AA"))
        );
        // An Irish Eircode: a routing key (a letter and two digits, or `D6W`) and four
        // letters or digits (`K45 T2XW`, `D6W 2K7X`).
        let eircode = (a == Some(b"A99".as_slice()) || *first == "D6W")
            && b.is_some_and(|b| b.len() == 4 && b.iter().all(|&c| c == b'A' || c == b'9'));
        if two || eircode {
            return 2;
        }
    }
    let one = matches!(
        a,
        Some(
            b"9999"
                | b"99999"
                | b"999999"
                | b"99999-9999"
                | b"99999-999"
                | b"99-999"
                | b"999-9999"
                | b"9999-999"
                | b"999-999"
                | b"A-9999"
                | b"A-99999"
                | b"AA-9999"
                | b"AA-99999"
        )
    );
    usize::from(one)
}

/// A word that can be part of a place or street name: capitalized, or of a script without
/// case (CJK), with letters only.
fn cased(word: &str) -> bool {
    // Most words open with an ASCII byte: one that is no capital letter settles it.
    let b = word.as_bytes();
    if b.first()
        .is_none_or(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return false;
    }
    // An ASCII capital first: the rest read byte by byte up to the first byte beyond ASCII
    // (an ASCII byte is alphabetic as a `char` exactly when it is an ASCII letter).
    if b[0].is_ascii() {
        for (i, &c) in b.iter().enumerate() {
            if c.is_ascii_alphabetic() || matches!(c, b'-' | b'\'' | b'.') {
                continue;
            }
            return !c.is_ascii()
                && word[i..]
                    .chars()
                    .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '’' | '.'));
        }
        return true;
    }
    word.chars().next().is_some_and(|ch| {
        ch.is_uppercase()
            || ch.is_alphabetic() && (!ch.is_lowercase() || super::names::georgian(ch))
    }) && word
        .chars()
        .all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '’' | '.'))
}

/// A place word with the lowercase class prefix of the Nguni languages before its capital
/// (`eThekwini`, `uMandela`, `kwaMashu`): a name as much as a capitalized word is.
fn prefixed_name(word: &str) -> bool {
    let b = word.as_bytes();
    let p = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    // `il-Kbira`, `al-Nour`: the article glued on with a hyphen.
    let q = if b.get(p) == Some(&b'-') { p + 1 } else { p };
    (1..=3).contains(&p)
        && b.get(q).is_some_and(u8::is_ascii_uppercase)
        && b.get(q + 1).is_some_and(u8::is_ascii_lowercase)
        && word.chars().all(|ch| ch.is_alphabetic() || ch == '-')
}

/// Small words inside street and place names (`Via degli Ovada`, `Vilanova i la Geltrú`).
fn joiner(word: &str) -> bool {
    matches!(
        word,
        "de" | "del"
            | "della"
            | "degli"
            | "dei"
            | "di"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "la"
            | "le"
            | "les"
            | "des"
            | "du"
            | "i"
            | "y"
            | "e"
            | "van"
            | "von"
            | "der"
            | "den"
            | "am"
            | "an"
            | "im"
            | "z"
            | "na"
            | "u"
            | "w"
            | "nad"
            | "pod"
            | "d'"
            | "l'"
    )
}

/// Building, flat and settlement words inside an address of the Ukrainian and Russian kind
/// (`буд. 4 кв. 9, село Яблунів`).
fn building_word(word: &str) -> bool {
    matches!(
        word,
        "буд"
            | "будинок"
            | "кв"
            | "квартира"
            | "корп"
            | "д"
            | "дом"
            | "місто"
            | "село"
            | "селище"
            | "смт"
            | "хутір"
            | "город"
            | "пос"
            | "посёлок"
            | "деревня"
    )
}

/// Phrases that announce a person's address in running text, in several languages.
pub(crate) const ADDRESS_CUES: &[&[&str]] = &[
    // "can you confirm your address is still ...": the longer cue first.
    &["address", "is", "still"],
    &["address", "is"],
    &["address"],
    &["home", "address"],
    &["living", "at"],
    &["lives", "at"],
    &["resides", "at"],
    &["residing", "at"],
    &["lives", "alone", "at"],
    // "lives in" / "lives at" in Spanish, Portuguese, French, German, Polish, Italian, Dutch.
    &["vive", "en"],
    &["mora", "na"],
    &["mora", "em"],
    &["mora", "no"],
    &["habite"],
    &["wohnt", "in"],
    &["pod", "adresem"],
    &["abita", "in"],
    &["abita", "a"],
    &["woont", "op"],
    &["adresa"],
    &["adres"],
    &["adresse"],
    &["anschrift"],
    &["wohnhaft"],
    &["wohnhaft", "in"],
    &["woonachtig"],
    &["woonachtig", "te"],
    &["domicilio", "en"],
    &["residente", "na"],
    &["residente", "em"],
    &["residente", "in"],
    &["demeurant"],
    &["domicilié", "e"],
    &["domicilié"],
    &["domiciliée"],
    &["domiciliado", "en"],
    &["domiciliada", "en"],
    &["endereço"],
    &["dirección"],
    &["indirizzo"],
    &["zam"],
    &["адрес"],
    &["адреса"],
    // "residence" in Danish, Norwegian, Slovak, Czech; "address" in Hungarian, Finnish,
    // Swedish, Persian.
    &["bopæl"],
    &["bosted"],
    &["bydlisko"],
    &["bydliště"],
    &["lakcím"],
    &["lakóhely"],
    &["osoite"],
    &["adress"],
    &["نشانی"],
    &["آدرس"],
    &["住所"],
    &["住址"],
    &["地址"],
    &["주소"],
    // "Address", "residence", "lives at" in more languages: Afrikaans, Albanian, Amharic,
    // Armenian, Azerbaijani, Basque, Belarusian, Bengali, Bosnian/Croatian/Serbian,
    // Bulgarian, Catalan, Estonian, Filipino, Galician, Georgian, Gujarati, Hausa, Hebrew,
    // Hindi, Marathi, Nepali, Icelandic, Indonesian/Malay, Irish, Kannada, Kazakh, Khmer,
    // Kyrgyz, Lao, Latvian, Lithuanian, Macedonian, Malayalam, Maltese, Mongolian, Pashto,
    // Urdu, Punjabi, Portuguese, Romanian, Sinhala, Slovenian, Somali, Swahili, Tamil,
    // Telugu, Thai, Turkish, Ukrainian, Uzbek, Vietnamese, Welsh, Xhosa, Zulu, Yoruba,
    // Burmese, Tajik. Capitalized forms of words opening beyond ASCII are listed too.
    &["woonadres"],
    &["adresi"],
    &["vendbanimi"],
    &["አድራሻ"],
    &["հասցե"],
    &["Հասցե"],
    &["ünvan"],
    &["Ünvan"],
    // Maltese "lives (at)", she and he, and Luxembourgish "lives".
    &["tgħix"],
    &["jgħix"],
    &["wunnt"],
    &["ünvanı"],
    &["helbidea"],
    &["адрас"],
    &["Адрас"],
    &["ঠিকানা"],
    &["prebivalište"],
    &["пребивалиште"],
    &["Пребивалиште"],
    &["Адрес"],
    &["Адреса"],
    &["adreça"],
    &["domicili"],
    &["aadress"],
    &["elukoht"],
    &["tirahan"],
    &["enderezo"],
    &["მისამართი"],
    &["સરનામું"],
    &["adireshi"],
    &["כתובת"],
    &["पता"],
    &["पत्ता"],
    &["ठेगाना"],
    &["heimili"],
    &["heimilisfang"],
    &["alamat"],
    &["seoladh"],
    &["ವಿಳಾಸ"],
    &["мекенжай"],
    &["Мекенжай"],
    &["мекенжайы"],
    &["អាសយដ្ឋាន"],
    &["дарек"],
    &["Дарек"],
    &["ທີ່ຢູ່"],
    &["adrese"],
    &["dzīvesvieta"],
    &["adresas"],
    &["gyvenamoji"],
    &["വിലാസം"],
    &["indirizz"],
    &["хаяг"],
    &["Хаяг"],
    &["پته"],
    &["پتہ"],
    &["ਪਤਾ"],
    &["morada"],
    &["residência"],
    &["domiciliu"],
    &["adresă"],
    &["ලිපිනය"],
    &["naslov"],
    &["prebivališče"],
    &["cinwaanka"],
    &["anwani"],
    &["makazi"],
    &["முகவரி"],
    &["చిరునామా"],
    &["ที่อยู่"],
    &["ikamet"],
    &["manzil"],
    &["manzili"],
    &["địa", "chỉ"],
    &["Địa", "chỉ"],
    &["cyfeiriad"],
    &["idilesi"],
    &["ikheli"],
    &["adirẹsi"],
    &["လိပ်စာ"],
    &["суроға"],
    &["Суроға"],
];

impl Engine<'_> {
    /// "her home address (Weg 6 1328, Neubukow)", "living at Na Tábořišti 1367, was ...",
    /// "адреса вул. Дніпровський 545, повідомлений": after an address cue, the words up to
    /// the closing parenthesis or the clause that follows are the address, when they hold a
    /// house number; a last part after a comma without digits is the place.
    pub(super) fn cued_addresses(&mut self) {
        let mut k = 0;
        while k < self.toks.len() {
            let Some(n) = self.address_cue_at(k) else {
                k += 1;
                continue;
            };
            let v = k + n;
            k = v;
            if v >= self.toks.len() || !self.same_sentence(k - 1, v) {
                continue;
            }
            let mut end = v;
            while end + 1 < self.toks.len() && end - v < 11 && self.same_sentence(v, end + 1) {
                let gap = self
                    .text
                    .get(self.toks[end].end..self.toks[end + 1].start)
                    .unwrap_or("");
                // "8, avenue de Rivoli": a street word after the house number's comma goes on.
                // "вул. Лісова, буд. 4 кв. 9, село Яблунів": building, flat and settlement
                // words after a comma go on too.
                let lower_clause = self.toks[end].after == b','
                    && self.toks[end + 1]
                        .s
                        .starts_with(|ch: char| ch.is_lowercase())
                    && !joiner(self.toks[end + 1].s)
                    && !self.has(end + 1, flag::STREET_BEFORE)
                    && !building_word(self.toks[end + 1].s)
                    && !prefixed_name(self.toks[end + 1].s);
                // "... 14 since May": a lowercase word that joins no name ends it; a street
                // type written after the name (`Rákosi utca 8`) or a word before the house
                // number (`Lipova zvijezda 9a`) does not.
                let next = &self.toks[end + 1];
                let number_follows = next.after == b' '
                    && self
                        .toks
                        .get(end + 2)
                        .is_some_and(|t| house_number(t.s.trim_end_matches('.')));
                // "Barabara ya Oginga Odinga": a short lowercase word between two capitalized
                // ones joins a street's name in any language.
                let link = next.s.chars().count() <= 3
                    && next.after == b' '
                    && cased(self.toks[end].s)
                    && self.toks.get(end + 2).is_some_and(|t| cased(t.s))
                    && self.same_sentence(v, end + 2);
                let lower_word = next.s.starts_with(|ch: char| ch.is_lowercase())
                    && !joiner(next.s)
                    && !link
                    && !prefixed_name(next.s)
                    && !self.has(end + 1, flag::STREET_BEFORE | flag::STREET_AFTER)
                    && !building_word(next.s)
                    && !number_follows
                    && c::digits(next.s) == 0;
                // "địa chỉ 536 Phố Thống Nhất, ĐT 02 6716043": a cue word after a comma opens
                // the next field.
                let next_cue = gap.contains([',', '،'])
                    && self.has(end + 1, flag::CUE)
                    && !joiner(next.s)
                    && !self.has(end + 1, flag::STREET_BEFORE);
                if gap.contains([')', '\n'])
                    || gap.contains('）')
                    || lower_clause
                    || lower_word
                    || next_cue
                {
                    break;
                }
                end += 1;
            }
            if !(v..=end).any(|i| c::digits(self.toks[i].s) > 0) {
                continue;
            }
            let (s, mut e) = (self.toks[v].start, self.toks[end].end);
            // `Rákóczi utca 18.;`: a Hungarian house number's dot goes with it.
            let rest = self.text.as_bytes().get(e..e + 2).unwrap_or(&[]);
            if rest.len() == 2 && rest[0] == b'.' && matches!(rest[1], b';' | b',' | b')') {
                e += 1;
            }
            let value = &self.text[s..e];
            // Brazil's "Rua X, 98, Mendes - PR, 94169-447": the state's code stays.
            let state = value.find(" - ").filter(|&i| {
                let b = value.as_bytes();
                b.len() >= i + 5
                    && b[i + 3..i + 5].iter().all(u8::is_ascii_uppercase)
                    && (b.len() == i + 5 || b[i + 5] == b',')
            });
            if let Some(i) = state {
                self.remove_span_over(
                    v,
                    s..s + i,
                    Kind::Address,
                    "address after an address cue",
                    true,
                );
                let tail = value[i + 5..].trim_start_matches([',', ' ']);
                if !tail.is_empty() {
                    self.remove_span_over(
                        v,
                        e - tail.len()..e,
                        Kind::Zip,
                        "postcode after an address cue",
                        true,
                    );
                }
                k = end + 1;
                continue;
            }
            // The last comma, Latin or Arabic (`مکان نمبر 137، گلی 13، راولپنڈی`).
            let split = match (value.rfind(", "), value.rfind("، ")) {
                (Some(a), Some(b)) if b > a => Some((&value[..b], &value[b + "، ".len()..])),
                (None, Some(b)) => Some((&value[..b], &value[b + "، ".len()..])),
                _ => value.rsplit_once(", "),
            };
            let split = split.filter(|(head, tail)| {
                c::digits(head) > 0
                    && c::digits(tail) == 0
                    && tail.split_whitespace().count() <= 4
                    && tail
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| cased(w) || prefixed_name(w))
            });
            match split {
                Some((head, tail)) => {
                    let city = e - tail.len();
                    self.remove_span_over(
                        v,
                        s..s + head.len(),
                        Kind::Address,
                        "address after an address cue",
                        true,
                    );
                    self.remove_span_over(
                        v,
                        city..e,
                        Kind::City,
                        "place after an address cue",
                        true,
                    );
                }
                None => {
                    self.remove_span_over(
                        v,
                        s..e,
                        Kind::Address,
                        "address after an address cue",
                        true,
                    );
                }
            }
            k = end + 1;
        }
    }

    /// The number of tokens of an address cue at `k`, with an opening parenthesis or a
    /// colon after it allowed.
    fn address_cue_at(&self, k: usize) -> Option<usize> {
        if !self.has(k, flag::ADDRESS_CUE) {
            return None;
        }
        let mut buf = [0u8; 32];
        let first = lower(self.toks[k].s, &mut buf).unwrap_or(self.toks[k].s);
        ADDRESS_CUES.iter().find_map(|cue| {
            let n = cue.len();
            let matched = first == cue[0]
                && (1..n).all(|i| {
                    k + i < self.toks.len()
                        && self.same_sentence(k, k + i)
                        && self.toks[k + i].s.eq_ignore_ascii_case(cue[i])
                });
            matched.then_some(n)
        })
    }

    fn street_word(&self, k: usize) -> Option<bool> {
        let t = &self.toks[k];
        if self.has(k, flag::STREET_BEFORE) {
            // `via`, `al`, `c` are ordinary words too: lowercase only with their dot.
            // `rue`, `rua` are no English words: lowercase, they still name a street.
            let abbreviated =
                t.trail == b'.' || t.s.len() > 4 || cased(t.s) || matches!(t.s, "rue" | "rua");
            return abbreviated.then_some(true);
        }
        // English street types are the US rule's (`street_address`), which knows units.
        (self.has(k, flag::STREET_AFTER) && !self.has(k, flag::STREET)).then_some(false)
    }

    fn glued_street(&self, k: usize) -> bool {
        let s = self.toks[k].s;
        if !s.is_ascii() && s.chars().any(|ch| CJK_STREET.contains(&ch)) {
            return true;
        }
        // `Dehmelstr. 30`: a German street abbreviated with its dot.
        // The length and the period before the letters are read.
        if s.len() >= 6 && self.toks[k].trail == b'.' && s.ends_with("str") && cased(s) {
            return true;
        }
        let mut buf = [0u8; 32];
        s.len() >= 7
            && cased(s)
            && lower(s, &mut buf).is_some_and(|l| {
                GLUED_ENDINGS
                    .iter()
                    .any(|e| l.len() >= e.len() + 3 && l.ends_with(e))
            })
    }

    fn placeish(&self, i: usize, line_end: usize) -> bool {
        i < self.toks.len()
            && self.toks[i].start < line_end
            && matches!(self.toks[i].class, Class::Plain)
            && (cased(self.toks[i].s) || joiner(self.toks[i].s))
            && !self.has(i, flag::CUE | flag::STOP)
    }

    fn number_at(&self, i: usize, line: &std::ops::Range<usize>) -> bool {
        i < self.toks.len()
            && line.contains(&self.toks[i].start)
            && matches!(self.toks[i].class, Class::Plain | Class::LongNumber)
            && house_number(self.toks[i].s)
    }

    /// A street-type word with the street's name and a house number around it, on one line.
    pub(super) fn foreign_streets(&mut self) {
        let mut k = 0;
        for (start, line) in self.lines() {
            let line_end = start + line.len();
            while k < self.toks.len() && self.toks[k].start < line_end {
                if self.toks[k].class != Class::Plain {
                    k += 1;
                    continue;
                }
                let found = self
                    .street_at(k, start..line_end)
                    .or_else(|| self.street_before_postcode(k, start..line_end));
                k = found.map_or(k + 1, |end| end + 1);
            }
        }
    }

    /// The street around token `k`, removed; its last token.
    fn street_at(&mut self, k: usize, line: std::ops::Range<usize>) -> Option<usize> {
        let line_end = line.end;
        let glued = self.glued_street(k);
        let before = if glued { None } else { self.street_word(k) };
        if !glued && before.is_none() {
            return None;
        }
        let mut first = k;
        let mut last = k;
        // One space or more to the next word, no delimiter such as `|` between.
        let step = |e: &Self, a: usize| {
            e.toks[a].after == b' '
                && e.text
                    .get(e.toks[a].end..e.toks.get(a + 1).map_or(e.toks[a].end, |t| t.start))
                    .is_some_and(|gap| gap.bytes().all(|b| b == b' '))
        };
        if before == Some(false) {
            // `Trakehner Allee`: name words before the street word.
            while first > 0
                && k - first < 3
                && step(self, first - 1)
                && self.placeish(first - 1, line_end)
            {
                first -= 1;
            }
            if first == k {
                return None;
            }
        } else if before == Some(true) {
            // `ul. Opatowska`, `Calle Enrique Jardiel Poncela`: name words after it.
            while last + 1 < self.toks.len()
                && last - k < 4
                && (step(self, last) || self.toks[last].trail == b'.')
                && self.placeish(last + 1, line_end)
            {
                last += 1;
            }
            if last == k {
                return None;
            }
        }
        // The house number: before the street, or after it (`Calle Casiopea, 397`).
        // `84, rue Dupont`: a French house number takes a comma before the street word.
        let before_ok = first > 0
            && self.number_at(first - 1, &line)
            && (step(self, first - 1)
                || before == Some(true) && self.toks[first - 1].after == b',');
        let after_ok =
            matches!(self.toks[last].after, b' ' | b',') && self.number_at(last + 1, &line);
        let cjk_number = glued && c::digits(self.toks[k].s) > 0;
        let (s, e) = if after_ok {
            (first, last + 1)
        } else if before_ok {
            (first - 1, last)
        } else if cjk_number {
            (first, last)
        } else {
            return None;
        };
        if !(s..=e).all(|i| matches!(self.toks[i].class, Class::Plain | Class::LongNumber)) {
            return None;
        }
        self.remove_toks(s, e, Kind::Address, "street name and house number");
        self.place_after_street(e, line_end);
        Some(e)
    }

    /// `Solbakken 9, 3435 Vikersund,`: one to three capitalized words and a house number,
    /// a comma, then a postcode and a place closed by punctuation. Without a street-type
    /// word the postcode tells the address, as Nordic and Central European addresses run;
    /// a four-digit number that reads as a recent year (`Windows 10, 2019 Server`) does not.
    fn street_before_postcode(&mut self, k: usize, line: std::ops::Range<usize>) -> Option<usize> {
        let t = &self.toks[k];
        if t.after != b',' || !t.s.as_bytes()[0].is_ascii_digit() || !self.number_at(k, &line) {
            return None;
        }
        let words = |j: usize| self.toks[j].after == b' ' && self.placeish(j, line.end);
        let mut first = k;
        while first > 0 && k - first < 3 && words(first - 1) && cased(self.toks[first - 1].s) {
            first -= 1;
        }
        if first == k || self.toks[first].s.chars().count() < 4 {
            return None;
        }
        let zip = self.postcode_at(k + 1, line.end);
        if zip == 0 {
            return None;
        }
        let z = self.toks[k + 1].s;
        if z.len() == 4 && z.parse::<u32>().is_ok_and(|y| (1950..=2049).contains(&y)) {
            return None;
        }
        let place = k + 1 + zip;
        if !self.placeish(place, line.end) || !cased(self.toks[place].s) {
            return None;
        }
        let mut last = place;
        while last - place < 3 && self.toks[last].after == b' ' && self.placeish(last + 1, line.end)
        {
            last += 1;
        }
        let closes = matches!(self.toks[last].after, b')' | b',' | b';' | b'\n')
            || self.toks[last].trail == b'.'
            || last + 1 >= self.toks.len()
            || self.toks[last + 1].start >= line.end;
        if !closes {
            return None;
        }
        self.remove_toks(
            first,
            k,
            Kind::Address,
            "street and house number before a postcode",
        );
        self.remove_toks(k + 1, place - 1, Kind::Zip, "postcode after a street");
        self.remove_toks(place, last, Kind::City, "place after a postcode");
        Some(last)
    }

    /// `Trakehner Allee 776, Oettingen)`: one to three capitalized words after the street's
    /// comma, closing the parenthesis, the sentence or the line, or followed by a postcode
    /// (`Rosenweg 4, Lindau 88131  tel ...`), are its place; the postcode goes too.
    fn place_after_street(&mut self, e: usize, line_end: usize) {
        if self.toks[e].after != b',' {
            return;
        }
        // `Kalliokuja 5, 00940 Helsinki`: the postcode before the place, as most of
        // Europe writes it.
        let zip_first = self.postcode_at(e + 1, line_end);
        let first = e + 1 + zip_first;
        let mut last = first;
        if !self.placeish(first, line_end) || !cased(self.toks[first].s) {
            return;
        }
        while last - first < 3 && self.toks[last].after == b' ' && self.placeish(last + 1, line_end)
        {
            last += 1;
        }
        // `[ADDRESS], Millerton ND 33950`: a state or province code closes the place when a
        // postcode (or one a rule already took) follows it; the code stays.
        let mut state_zip = false;
        let mut open_zip = (0, 0);
        if zip_first == 0 {
            let end = last;
            for j in first + 1..=end {
                let z = j + self.state_len(j);
                if z == j || z >= self.toks.len() || self.toks[z].start >= line_end {
                    continue;
                }
                let taken = self.zip_removed(z);
                let n = if taken {
                    0
                } else {
                    self.postcode_at(z, line_end)
                };
                if (taken || n > 0) && self.toks[j - 1].after == b' ' {
                    last = j - 1;
                    state_zip = true;
                    open_zip = (z, n);
                    break;
                }
            }
        }
        let zip = if zip_first > 0 || state_zip {
            0
        } else {
            self.postcode_at(last + 1, line_end) * usize::from(self.toks[last].after == b' ')
        };
        let closes = state_zip
            || matches!(self.toks[last].after, b')' | b'\n')
            || self.toks[last].trail == b'.'
            || last + 1 >= self.toks.len()
            || self.toks[last + 1].start >= line_end
            || zip > 0
            // After its postcode the place may go on with the sentence (`..., 00940
            // Helsinki, soitti`).
            || zip_first > 0 && matches!(self.toks[last].after, b',' | b';');
        if closes {
            if zip_first > 0 {
                self.remove_toks(e + 1, e + zip_first, Kind::Zip, "postcode after a street");
            }
            self.remove_toks(first, last, Kind::City, "place after a street address");
            if open_zip.1 > 0 {
                let (z, n) = open_zip;
                self.remove_toks(z, z + n - 1, Kind::Zip, "postcode after a state");
            }
            if zip > 0 {
                self.remove_toks(last + 1, last + zip, Kind::Zip, "postcode after a place");
            }
        }
    }

    /// Whether token `i` went as a ZIP or postcode.
    fn zip_removed(&self, i: usize) -> bool {
        self.toks[i].class == Class::Removed
            && self
                .found
                .get(self.toks[i].finding)
                .is_some_and(|f| f.kind == Kind::Zip)
    }

    /// The number of tokens of a postcode at `i` on the line (0 when none).
    fn postcode_at(&self, i: usize, line_end: usize) -> usize {
        let on_line = |j: usize| {
            j < self.toks.len()
                && self.toks[j].start < line_end
                && matches!(self.toks[j].class, Class::Plain | Class::LongNumber)
        };
        if !on_line(i) || !matches!(self.toks[i - 1].after, b' ' | b',') {
            return 0;
        }
        let mut words = vec![self.toks[i].s];
        if on_line(i + 1) && self.toks[i].after == b' ' {
            words.push(self.toks[i + 1].s);
        }
        postcode(&words)
    }

    /// `[ADDRESS], Urbana 65157`: the place and postcode after the comma closing a street
    /// address any rule removed (the US street rule's among them), when the place is still
    /// open or a rule took it for a name.
    pub(super) fn places_after_addresses(&mut self) {
        let mut ends: Vec<usize> = Vec::new();
        for (k, t) in self.toks.iter().enumerate() {
            if t.class == Class::Removed
                && t.after == b','
                && self
                    .found
                    .get(t.finding)
                    .is_some_and(|f| f.kind == Kind::Address && f.original_span.end == t.end)
            {
                ends.push(k);
            }
        }
        for e in ends {
            let line_end = self.text[self.toks[e].end..]
                .find('\n')
                .map_or(self.text.len(), |p| self.toks[e].end + p);
            let first = e + 1;
            if first >= self.toks.len() || self.toks[first].start >= line_end {
                continue;
            }
            if self.toks[first].class == Class::Plain {
                self.place_after_street(e, line_end);
                continue;
            }
            // The place went as a name: the postcode right after it goes too.
            let mut last = first;
            while last + 1 < self.toks.len()
                && self.toks[last + 1].class == Class::Removed
                && self.toks[last + 1].finding == self.toks[first].finding
            {
                last += 1;
            }
            let named = self
                .found
                .get(self.toks[first].finding)
                .is_some_and(|f| f.kind == Kind::Name);
            let zip = self.postcode_at(last + 1, line_end);
            if named && zip > 0 && self.toks[last].after == b' ' {
                self.remove_toks(last + 1, last + zip, Kind::Zip, "postcode after a place");
            }
        }
    }

    /// The address block of a letter or a signature: a street line, then a postcode and
    /// place line; the recipient's name on the line above goes with them.
    pub(super) fn address_blocks(&mut self) {
        let lines: Vec<(usize, &str)> = self.lines().collect();
        for i in 0..lines.len().saturating_sub(1) {
            let name = i.checked_sub(1).map(|h| lines[h]);
            self.address_block(name, lines[i], lines[i + 1]);
            // A sheet of mailing labels side by side: each column is a block of its own.
            let places = columns(lines[i + 1], 3);
            if places.len() < 2 {
                continue;
            }
            let streets = columns(lines[i], 2);
            if streets.len() != places.len() {
                continue;
            }
            // Every column must be a label (a name over a street over a place), so a table
            // whose rows hold numbers and words is no sheet of labels.
            let names = name.map(|n| columns(n, 2)).unwrap_or_default();
            let labels = names.len() == places.len()
                && (0..places.len()).all(|j| {
                    let words: Vec<&str> = names[j].1.split_whitespace().collect();
                    (2..=4).contains(&words.len())
                        && words.iter().all(|w| cased(w) && !w.ends_with(':'))
                        && street_line(streets[j].1)
                        && place_line(places[j].1).is_some()
                });
            if !labels {
                continue;
            }
            for j in 0..places.len() {
                self.address_block(Some(names[j]), streets[j], places[j]);
            }
        }
    }

    /// One address block: a street line (`street`) over a postcode and place line (`place`),
    /// with the recipient's name on the line before when it reads as one; each a start in
    /// the text and the line.
    fn address_block(
        &mut self,
        name: Option<(usize, &str)>,
        street: (usize, &str),
        place: (usize, &str),
    ) {
        let (street_at, street_text) = block_core(street.1);
        let street_start = street.0 + street_at;
        let (place_at, place_text) = block_core(place.1);
        let place_start = place.0 + place_at;
        let Some((zip, mut city)) = place_line(place_text) else {
            return;
        };
        if !street_line(street_text) {
            return;
        }
        // `Millbay OR  97001`: a state's code between the place and the ZIP stays.
        if let Some((head, code)) = place_text[city.clone()].rsplit_once(' ') {
            if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) && !zip.is_empty() {
                city.end = city.start + head.trim_end().len();
            }
        }
        let street = street_text;
        let body = street.trim();
        let s = street_start + (street.len() - street.trim_start().len());
        let from = self.toks.partition_point(|t| t.end <= s);
        self.remove_span_over(
            from,
            s..s + body.len(),
            Kind::Address,
            "street line of an address block",
            true,
        );
        for (range, kind, reason) in [
            (zip, Kind::Zip, "postcode of an address block"),
            (city, Kind::City, "place of an address block"),
        ] {
            if range.is_empty() {
                continue;
            }
            let (a, b) = (place_start + range.start, place_start + range.end);
            let from = self.toks.partition_point(|t| t.end <= a);
            self.remove_span_over(from, a..b, kind, reason, true);
        }
        if let Some((name_start, name)) = name {
            let words: Vec<&str> = name.split_whitespace().collect();
            let is_name = (2..=4).contains(&words.len())
                && words.iter().all(|w| cased(w) && !w.ends_with(':'));
            if is_name {
                let a = name_start + (name.len() - name.trim_start().len());
                let b = a + name.trim().len();
                let from = self.toks.partition_point(|t| t.end <= a);
                let never = (from..self.toks.len())
                    .take_while(|&j| self.toks[j].start < b)
                    .any(|j| self.never_name(j));
                if !never {
                    self.remove_span_over(
                        from,
                        a..b,
                        Kind::Name,
                        "recipient of an address block",
                        true,
                    );
                }
            }
        }
    }
}

/// The cells of a line laid out in columns, split at runs of at least `gap` spaces: each
/// cell's start in the text (the line starting at `line.0`) and its text. Lines with a tab
/// or without a run that long give one cell or none.
fn columns((start, line): (usize, &str), gap: usize) -> Vec<(usize, &str)> {
    let line = line.trim_end();
    if line.len() > 240 || line.contains('\t') {
        return Vec::new();
    }
    let mut cells = Vec::new();
    let mut cell: Option<usize> = None;
    let mut spaces = 0;
    for (k, b) in line.bytes().enumerate() {
        if b == b' ' {
            spaces += 1;
            continue;
        }
        if spaces >= gap || cell.is_none() {
            if let Some(c) = cell {
                cells.push((start + c, line[c..k - spaces].trim_end()));
            }
            cell = Some(k);
        }
        spaces = 0;
    }
    if let Some(c) = cell {
        cells.push((start + c, &line[c..]));
    }
    cells
}

/// A line of an address block without what quotes or marks it up around the address: the
/// `>` of a quoted reply before it and an HTML line break after it (`> 4 Elm Row<br>`); the
/// offset of what is left in the line, and what is left.
fn block_core(line: &str) -> (usize, &str) {
    let body = line.trim_start_matches(['>', ' ', '\t']);
    let at = line.len() - body.len();
    let mut body = body.trim_end();
    for br in ["<br>", "<br/>", "<br />", "<BR>"] {
        if let Some(rest) = body.strip_suffix(br) {
            body = rest.trim_end();
            break;
        }
    }
    (at, body)
}

/// A street line: a house number and a word of letters, short, nothing of a sentence or a
/// header in it.
fn street_line(line: &str) -> bool {
    let body = line.trim();
    if body.len() > 100
        || !body.bytes().any(|b| b.is_ascii_digit())
        || body.contains([':', '@', '/', '|'])
    {
        return false;
    }
    let words: Vec<&str> = body.split_whitespace().take(9).collect();
    (2..=8).contains(&words.len())
        && words.iter().any(|w| {
            house_number(w.trim_end_matches(','))
                || w.chars().any(|ch| CJK_STREET.contains(&ch)) && c::digits(w) > 0
        })
        && words
            .iter()
            .any(|w| w.chars().filter(|ch| ch.is_alphabetic()).count() >= 2)
        && !body.ends_with(['.', '?', '!'])
}

/// A postcode and place line (`35734 Abenberg`, `WK3R 4TX Tamworth`, `Bor 771 08`,
/// `Cooper City, MO 97492`): the postcode's and the place's byte ranges in the line (the
/// postcode's empty when the place line has none of its own, as in the US form).
fn place_line(line: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut body = line.trim_end();
    // Short, with a postcode's digits: most lines are rejected before any word is read.
    if body.len() > 80
        || !body.bytes().any(|b| b.is_ascii_digit())
        || body.bytes().any(|b| matches!(b, b':' | b'@' | b'/' | b'|'))
    {
        return None;
    }
    // A country after the last comma (`45-100 Opole, Polska`, `Leeds LS2 9JT, UK`) stays.
    if let Some((head, country)) = body.rsplit_once(", ") {
        let n = country.split_whitespace().count();
        if (1..=2).contains(&n)
            && country.split_whitespace().all(cased)
            && head.bytes().any(|b| b.is_ascii_digit())
        {
            body = head;
        }
    }
    // At most eight words are read: a longer line is no place line.
    let words: Vec<(usize, &str)> = body
        .split_whitespace()
        .take(8)
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    if words.len() < 2 || words.len() > 7 {
        return None;
    }
    let texts: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
    let span = |a: usize, b: usize| words[a].0..words[b].0 + words[b].1.len();
    let place_ok =
        |ws: &[&str]| !ws.is_empty() && ws.len() <= 4 && ws.iter().all(|w| cased(w) || joiner(w));
    // Postcode first.
    let n = postcode(&texts);
    if n > 0 && place_ok(&texts[n..]) {
        return Some((span(0, n - 1), span(n, words.len() - 1)));
    }
    // Place first, postcode last (a bare four digits there is more often a room or a year);
    // a comma may close the place (`Ashby Row, LE6 2QT`).
    for n in [2, 1] {
        if words.len() > n {
            let tail = &texts[words.len() - n..];
            let p = words.len() - n;
            let mut place: Vec<&str> = texts[..p].to_vec();
            let comma = place.last().is_some_and(|w| w.ends_with(','));
            if let Some(w) = place.last_mut() {
                *w = w.trim_end_matches(',');
            }
            if postcode(tail) == n && (n == 2 || tail[0].len() > 4) && place_ok(&place) {
                let city = span(0, p - 1);
                let city = city.start..city.end - usize::from(comma);
                return Some((span(p, words.len() - 1), city));
            }
        }
    }
    // `City, ST 12345`: the city; the state and ZIP are for the US rules.
    let comma = texts.iter().position(|w| w.ends_with(','))?;
    let state = texts.get(comma + 1)?;
    let zip = texts.get(comma + 2)?;
    let us = state.len() == 2
        && state.bytes().all(|b| b.is_ascii_uppercase())
        && postcode(&[zip]) == 1
        && comma + 3 == texts.len()
        && place_ok(
            &texts[..=comma]
                .iter()
                .map(|w| w.trim_end_matches(','))
                .collect::<Vec<_>>(),
        );
    if us {
        let city = span(0, comma);
        let zip = span(comma + 2, comma + 2);
        return Some((zip, city.start..city.end - 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::{house_number, place_line, postcode};

    #[test]
    fn a_maltese_street_with_its_glued_article_after_the_word_for_lives() {
        check(&[(
            "Il-pazjent, tgħix 7, Triq il-Kbira, Birkirkara BKR 1234, tel. 21234567.",
            "Il-pazjent, tgħix [ADDRESS], tel. [PHONE].",
        )]);
        assert!(super::prefixed_name("il-Kbira"));
        assert!(!super::prefixed_name("e-mail"));
    }

    #[test]
    fn a_sinhala_address_after_its_cue_with_the_number_abbreviated() {
        check(&[(
            "රෝගියා, ලිපිනය නො. 57, පන්සල් පාර, ගාල්ල 80000, දුරකථන 0771234567.",
            "රෝගියා, ලිපිනය [ADDRESS], දුරකථන [PHONE].",
        )]);
    }

    #[test]
    fn a_cased_word_opens_with_a_capital_or_a_caseless_letter() {
        for w in [
            "Opole",
            "Saint-Denis",
            "O'Neil",
            "St.",
            "Łódź",
            "Ávila",
            "東京",
        ] {
            assert!(super::cased(w), "{w}");
        }
        for w in [
            "", "opole", "4th", "-Bad", "Elm2", "łódź", "ávila", "Elm St",
        ] {
            assert!(!super::cased(w), "{w}");
        }
    }

    #[test]
    fn an_irish_eircode_closes_a_place_line() {
        check(&[(
            "Clinic office\n7 Mill Lane\nKilmore Ville, K45 T2XW\n",
            "Clinic office\n[ADDRESS]\n[CITY], [ZIP]\n",
        )]);
    }

    #[test]
    fn an_address_block_quoted_or_marked_up_with_its_country_after_a_comma() {
        check(&[
            (
                "Ward office\n> 12 Quarry Lane\n> 33041 Vellmar-Nord, Deutschland\n",
                "Ward office\n> [ADDRESS]\n> [ZIP] [CITY], Deutschland\n",
            ),
            (
                "Front desk<br>\nulica Lipowa 8<br>\n61-725 Stare Pole, Polska<br>\n",
                "Front desk<br>\n[ADDRESS]<br>\n[ZIP] [CITY], Polska<br>\n",
            ),
            (
                "Reception\n4 Tanner Close\nLower Ashby, LE6 2QT, UK\n",
                "Reception\n[ADDRESS]\n[CITY], [ZIP], UK\n",
            ),
        ]);
    }

    #[test]
    fn a_french_house_number_before_its_comma_an_abbreviated_strasse_and_the_place_and_postcode_after(
    ) {
        check(&[
            (
                "visit at 84, rue Anais Leveque, Perigueux 90901.",
                "visit at [ADDRESS], [CITY] [ZIP].",
            ),
            (
                " 2. Dehmelstr. 3094, Guben 14216  tel 0302",
                " 2. [ADDRESS], [CITY] [ZIP]  tel 0302",
            ),
        ]);
    }

    #[test]
    fn postcodes_of_several_countries() {
        for (words, n) in [
            (&["35734", "Abenberg"][..], 1),
            (&["1173", "VT", "Zijdewind"], 2),
            (&["68-043", "Gołdap"], 1),
            (&["771", "08", "Bor"], 2),
            (&["WK3R", "4TX", "Tamworth"], 2),
            (&["SW1A", "1AA"], 2),
            (&["K1A", "0B1"], 2),
            (&["84707-150"], 1),
            (&["005-1456"], 1),
            (&["Abenberg"], 0),
            (&["12,5"], 0),
        ] {
            assert_eq!(postcode(words), n, "{words:?}");
        }
        assert!(house_number("12") && house_number("12a") && house_number("19-8-99"));
        assert!(house_number("5c/4"));
        assert!(!house_number("a12") && !house_number("123456"));
        assert!(place_line("Brackley, NE 68011").is_some());
        assert!(place_line("Total 12 hosts were seen").is_none());
    }

    #[test]
    fn addresses_after_cues_of_other_languages() {
        check(&[
            (
                "Dossier ouvert (domicilié(e) 8, avenue de Rivoli, 75004 Paris) hier.",
                "Dossier ouvert (domicilié(e) [ADDRESS]) hier.",
            ),
            (
                "Prontuário visto (endereço Rua Pedro Alves, 98, Mendes - PR, 94169-447). Fim",
                "Prontuário visto (endereço [ADDRESS] - PR, [ZIP]). Fim",
            ),
            (
                "Akte geöffnet (wohnhaft Lindenstr. 7, 80331 München). Danach",
                "Akte geöffnet (wohnhaft [ADDRESS]). Danach",
            ),
        ]);
    }

    #[test]
    fn streets_of_other_languages() {
        check(&[
            (
                "She lives at ul. Wiosenna 14 since May.",
                "She lives at [ADDRESS] since May.",
            ),
            (
                "Her home (Kranichweg Allee 9, Lindwurm) was listed.",
                "Her home ([ADDRESS], [CITY]) was listed.",
            ),
            (
                "Sent to Calle Moraleda, 221 last week.",
                "Sent to [ADDRESS] last week.",
            ),
            (
                "Address on file: 西湖北路88号.",
                "Address on file: [ADDRESS].",
            ),
            // A street word without a number, or a number without a street, is no address.
            (
                "Traffic went via 10 hosts to the Route planner.",
                "Traffic went via 10 hosts to the Route planner.",
            ),
        ]);
    }

    #[test]
    fn residence_cues_of_other_languages_with_the_postcode_before_the_place() {
        check(&[
            (
                "Patient (bopæl Lindholm Allé 14, 4370 Store Merløse, ringede i går).",
                "Patient (bopæl [ADDRESS], ringede i går).",
            ),
            (
                "Beteg (lakcím: H-7621 Pécsvárad, Rákóczi utca 18.; tegnap hívott).",
                "Beteg (lakcím: [ADDRESS]; tegnap hívott).",
            ),
            (
                "Pacient (bydlisko Horná 12, 974 01 Banská Bystrica, volal včera).",
                "Pacient (bydlisko [ADDRESS], volal včera).",
            ),
            (
                "Pacijent (adresa Lipova zvijezda 9a/2, 10410 Velika Gorica, javio se).",
                "Pacijent (adresa [ADDRESS], javio se).",
            ),
            (
                "Пацієнт (адреса: провулок Тихий, буд. 7 кв. 12, село Яблунів, 78600 — дані).",
                "Пацієнт (адреса: [ADDRESS] дані).",
            ),
        ]);
    }

    #[test]
    fn a_postcode_and_place_after_a_street_in_european_order() {
        check(&[
            (
                "Potilas (hetu X, Kalliokuja 5, 00940 Helsinki) soitti.",
                "Potilas (hetu X, [ADDRESS], [ZIP] [CITY]) soitti.",
            ),
            (
                "Bor på Rosenvej 3, 8600 Silkeborg, ringede i går.",
                "Bor på [ADDRESS], [ZIP] [CITY], ringede i går.",
            ),
            (
                "Pasient (f. X), Solbakken 9, 3435 Vikersund, ringte.",
                "Pasient (f. X), [ADDRESS], [ZIP] [CITY], ringte.",
            ),
            (
                "Upgraded Windows 10, 2019 Server, then rebooted.",
                "Upgraded Windows 10, 2019 Server, then rebooted.",
            ),
        ]);
    }

    #[test]
    fn a_place_before_a_state_and_its_zip_after_a_street() {
        check(&[
            (
                "Found in the archive: 4410 N. Birch St, Quillerton ND 58102-4411.",
                "Found in the archive: [ADDRESS], [CITY] ND [ZIP].",
            ),
            // Capitalized words with no state and ZIP after them stay.
            (
                "Found in the archive: 4410 N. Birch St, Quillerton Blue Team sent it on.",
                "Found in the archive: [ADDRESS], Quillerton Blue Team sent it on.",
            ),
        ]);
    }

    #[test]
    fn address_is_still_announces_an_address() {
        check(&[(
            "Can you confirm your address is still Lindenweg 63, Emmendingen?\nyes",
            "Can you confirm your address is still [ADDRESS], [CITY]?\nyes",
        )]);
    }

    #[test]
    fn lives_at_in_other_languages_announces_an_address() {
        check(&[
            (
                "La paciente vive en Calle Olmo 93 Piso 8, Murcia; hay que avisarle.",
                "La paciente vive en [ADDRESS], [CITY]; hay que avisarle.",
            ),
            (
                "Der Patient wohnt in Lindenweg 63, Emmendingen; er muss informiert werden.",
                "Der Patient wohnt in [ADDRESS], [CITY]; er muss informiert werden.",
            ),
        ]);
    }

    #[test]
    fn letter_address_blocks() {
        check(&[
            (
                "Ilse Marquardt\nBirkenried 12\n83217 Oberwaldau\n\nDear Ms. Marquardt,\n",
                "[NAME]\n[ADDRESS]\n[ZIP] [CITY]\n\nDear Ms. [NAME],\n",
            ),
            (
                "Corin Ashdown\n77 Fallowmere Rise\nDunmore Vale, KS 66012\n",
                "[NAME]\n[ADDRESS]\n[CITY], KS [ZIP]\n",
            ),
            (
                "Olwen Pryce\n4 Teasel Walk\nAB12 3CD Kinloss\n",
                "[NAME]\n[ADDRESS]\n[ZIP] [CITY]\n",
            ),
        ]);
    }

    #[test]
    fn mailing_labels_in_columns_side_by_side() {
        check(&[
            (
                "Ivo Brandt                Mara Oakes\n\
                 12 Quillon Lane           803 Tessel Way Apt 4\n\
                 Harrowgate WY  82001      Pell Ridge NE  68002\n",
                "[NAME]                [NAME]\n\
                 [ADDRESS]           [ADDRESS]\n\
                 [CITY] WY  [ZIP]      [CITY] NE  [ZIP]\n",
            ),
            // No house number over the places: no street line, so this rule reads no
            // labels; each town before its state and ZIP code still goes by the address
            // rules.
            (
                "Ward Roster               Shift\n\
                 Renfield Gate             Dunmore Close\n\
                 Harrowgate WY  82001      Pell Ridge NE  68002\n",
                "Ward Roster               Shift\n\
                 [NAME]\n\
                 [CITY] WY  [ZIP]      [CITY] NE  [ZIP]\n",
            ),
            // Rows of a process table: no name over each column, so no labels.
            (
                "notepad.exe     412 Services     0\n\
                 spoolsv.exe     988 Services     0\n",
                "notepad.exe     412 Services     0\n\
                 spoolsv.exe     988 Services     0\n",
            ),
        ]);
    }

    #[test]
    fn addresses_after_address_words_of_many_languages() {
        check(&[
            (
                "užregistruota, adresas Vilniaus g. 27, Kaunas. vėliau\n",
                "užregistruota, adresas [ADDRESS], [CITY]. vėliau\n",
            ),
            // A short lowercase word joining a street's name, in any language.
            (
                "Alilazwa, anwani Barabara ya Moi, Nyumba 12, Nakuru. Baadaye\n",
                "Alilazwa, anwani [ADDRESS], [CITY]. Baadaye\n",
            ),
            // Nguni class prefixes before a place's capital.
            (
                "Ufike, ikheli 45 Umgwaqo uMandela, eThekwini. Kamuva\n",
                "Ufike, ikheli [ADDRESS], [CITY]. Kamuva\n",
            ),
            // The Arabic comma and the Urdu full stop.
            (
                "مریض آیا، پتہ مکان نمبر 12، گلی 4، لاہور۔ پھر\n",
                "مریض آیا، پتہ [ADDRESS]، [CITY]۔ پھر\n",
            ),
            // `бр.` (number) keeps its sentence.
            (
                "дојде, адреса ул. Охридска бр. 12, Струга. потоа\n",
                "дојде, адреса [ADDRESS], [CITY]. потоа\n",
            ),
            // A cue word after a comma opens the next field.
            (
                "đã đến, địa chỉ 12 phố Huế, ĐT 0912 345 678.\n",
                "đã đến, địa chỉ [ADDRESS], ĐT [PHONE].\n",
            ),
        ]);
    }
}
