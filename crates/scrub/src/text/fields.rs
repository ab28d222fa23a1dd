//! Forms and tables: a line that opens with a field label (`City: Bełżyce`, `Postal code:
//! 78-315`, `Account Domain: CORP`) and a table whose header row names its columns
//! (`Patient  DOB  Age`, `time | host | account`). The label or the header says what the
//! value is, so the value goes whole whatever words it is made of — an invented street, a
//! place no gazetteer lists, a foreign postcode — once its shape fits what the label says.

use super::Engine;
use crate::classify as c;
use crate::Kind;

/// What a field label or a column header announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Address,
    City,
    Zip,
    Phone,
    Fax,
    Plate,
    Date,
    Age,
    User,
    Host,
    /// A record or plan number: MRN, insurance or member ID (a table column only).
    Record,
    /// The service a Kerberos ticket was asked for (`Service Name:` of event 4769): a
    /// host's machine account (`FILESRV02$`) or a service principal name naming a host
    /// (`MSSQLSvc/dbhost01`); a built-in account (`krbtgt`) stays.
    Service,
    /// A clinician or staff member a column assigns to the row (`RN`, `MD`, `Nurse`): a
    /// table column only, and only a cell every word of which may be a name (a team such
    /// as `IT Security` stays).
    Staff,
}

/// Column names that say what a table holds only in a header row: "Last", "First" alone
/// on a form line are as likely "First: isolate the host".
fn header_field(label: &str) -> Option<Field> {
    match label {
        "last" | "first" | "given" | "family" | "middle" => Some(Field::Name),
        "mrn"
        | "medical record number"
        | "patient id"
        | "insurance id"
        | "member id"
        | "subscriber id"
        | "policy number"
        | "account number"
        | "acct" => Some(Field::Record),
        "rn" | "md" | "nurse" | "doctor" | "assigned rn" | "assigned nurse" | "primary rn"
        | "primary nurse" | "charge rn" | "charge nurse" | "attending md" | "er md" | "ed md"
        | "surgeon" | "anesthesiologist" | "radiologist" | "hospitalist" | "clinician"
        | "responder" | "assignee" | "assigned to" | "reviewer" | "approver" | "scribe"
        | "on call" | "on-call" | "pcp" | "incident commander" | "commander" | "comms"
        | "comms lead" | "communications" | "facilitator" | "note taker" | "notetaker"
        | "technical lead" | "tech lead" => Some(Field::Staff),
        _ => label_field(label),
    }
}

/// The field a label names (`label` lowercase, single spaces, `_` as a space).
fn label_field(label: &str) -> Option<Field> {
    use Field::*;
    Some(match label {
        "name"
        | "full name"
        | "patient"
        | "pt"
        | "patient name"
        | "preferred name"
        | "nickname"
        | "known as"
        | "maiden name"
        | "maiden"
        | "surname"
        | "last name"
        | "first name"
        | "given name"
        | "family name"
        | "middle name"
        | "guarantor"
        | "assigned patient"
        | "patient assigned"
        | "next of kin"
        | "emergency contact"
        | "contact name"
        | "attending"
        | "attending physician"
        | "physician"
        | "provider"
        | "caller"
        | "owner"
        | "requester"
        | "requestor"
        | "employee"
        | "employee name"
        | "member name"
        | "subscriber name"
        | "insured"
        | "parent"
        | "guardian"
        | "spouse"
        | "display name"
        | "resident"
        | "client name"
        | "customer name"
        | "nom"
        | "prénom"
        | "nachname"
        | "vorname"
        | "nombre"
        | "apellido"
        | "apellidos"
        | "nome"
        | "cognome"
        | "imię"
        | "nazwisko"
        | "naam"
        | "jméno"
        | "příjmení"
        | "имя"
        | "фамилия"
        | "фио" => Name,
        "address" | "street" | "street address" | "home address" | "mailing address"
        | "address line 1" | "address line 2" | "address 1" | "address 2" | "addr"
        | "residence" | "home" | "adresse" | "anschrift" | "straße" | "strasse" | "rue"
        | "calle" | "dirección" | "direccion" | "domicilio" | "indirizzo" | "endereço"
        | "endereco" | "morada" | "adres" | "ulica" | "adresa" | "ulice" | "адрес" | "улица"
        | "διεύθυνση" | "οδός" | "住所" | "주소" | "地址" | "住址" => Address,
        "city" | "town" | "city/town" | "town/city" | "locality" | "municipality"
        | "place of residence" | "village" | "ville" | "stadt" | "ort" | "wohnort" | "ciudad"
        | "localidad" | "città" | "citta" | "comune" | "cidade" | "município" | "municipio"
        | "miasto" | "miejscowość" | "plaats" | "woonplaats" | "město" | "obec" | "город"
        | "πόλη" | "市区町村" | "도시" | "城市" => City,
        "zip"
        | "zip code"
        | "zipcode"
        | "postal code"
        | "postcode"
        | "post code"
        | "postal"
        | "plz"
        | "postleitzahl"
        | "code postal"
        | "cp"
        | "código postal"
        | "codigo postal"
        | "cap"
        | "cep"
        | "kod pocztowy"
        | "psč"
        | "postcode/zip"
        | "zip/postal code"
        | "почтовый индекс"
        | "индекс"
        | "ταχυδρομικός κώδικας"
        | "郵便番号"
        | "우편번호"
        | "邮编"
        | "邮政编码" => Zip,
        "phone" | "phone number" | "telephone" | "tel" | "mobile" | "cell" | "home phone"
        | "work phone" | "contact number" | "mobile phone" | "cell phone" | "telefon"
        | "téléphone" | "telephone number" | "teléfono" | "telefono" | "telefone" | "telefoon"
        | "телефон" | "τηλέφωνο" | "電話" | "전화" | "电话"
        // LDAP and Active Directory attributes (`telephoneNumber: 4471`).
        | "telephonenumber" | "homephone" | "ipphone" | "othertelephone" | "othermobile"
        | "pager" => Phone,
        "fax" | "fax number" | "facsimile" | "facsimiletelephonenumber" => Fax,
        "plate"
        | "vehicle plate"
        | "license plate"
        | "licence plate"
        | "number plate"
        | "plate number"
        | "registration"
        | "vehicle registration"
        | "registration number"
        | "kenteken"
        | "kennzeichen"
        | "immatriculation"
        | "matrícula"
        | "matricula"
        | "targa"
        | "placa"
        | "tablica rejestracyjna"
        | "spz" => Plate,
        "date of birth"
        | "dob"
        | "d.o.b"
        | "birth date"
        | "birthdate"
        | "born"
        | "admission"
        | "admit"
        | "admit date"
        | "admit time"
        | "admit date/time"
        | "admission date/time"
        | "discharge time"
        | "appointment"
        | "appointment date"
        | "appt"
        | "appt date"
        | "encounter date"
        | "date of visit"
        | "procedure date"
        | "surgery date"
        | "service date"
        | "admitted"
        | "admission date"
        | "admission time"
        | "discharge"
        | "discharged"
        | "discharge date"
        | "date of death"
        | "dod"
        | "date of service"
        | "dos"
        | "visit date"
        | "geburtsdatum"
        | "date de naissance"
        | "fecha de nacimiento"
        | "data di nascita"
        | "data de nascimento"
        | "data urodzenia"
        | "geboortedatum"
        | "datum narození"
        | "дата рождения"
        | "生年月日"
        | "생년월일"
        | "出生日期" => Date,
        "age" => Age,
        "user" | "username" | "user name" | "account" | "account name" | "login" | "login name"
        | "logon" | "logon name" | "samaccountname" | "user id" | "userid" | "uid" | "upn"
        | "logon account" | "target user" | "account login" => User,
        "host" | "hostname" | "host name" | "computer" | "computer name" | "workstation"
        | "workstation name" | "device name" | "machine" | "machine name" | "account domain"
        | "source workstation" | "source host" => Host,
        "service name" | "service principal name" | "spn" => Service,
        _ => return None,
    })
}

/// Values that fill a field without naming anyone or anything.
fn empty_value(value: &str) -> bool {
    let l = value.to_lowercase();
    matches!(
        l.as_str(),
        "-" | "n/a"
            | "na"
            | "none"
            | "unknown"
            | "null"
            | "redacted"
            | "system"
            | "local"
            | "localhost"
            | "anonymous"
            | "nt authority"
            | "local system"
            | "network service"
            | "local service"
            | "yes"
            | "no"
            | "see above"
            | "same"
            | "tbd"
            | "pending"
    )
}

/// Titles a name field may start with; they stay.
pub(super) fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    matches!(
        w.as_str(),
        "dr" | "mr"
            | "mrs"
            | "ms"
            | "mx"
            | "ofc"
            | "sgt"
            | "miss"
            | "prof"
            | "sr"
            | "sra"
            | "herr"
            | "frau"
            | "mme"
            | "mlle"
            | "sig"
            | "sig.ra"
            | "pan"
            | "pani"
    )
}

/// The part of `value` (a byte range of it) that the field removes, if the value has the
/// field's shape.
fn accept(field: Field, value: &str) -> Option<std::ops::Range<usize>> {
    let v = value.trim();
    let lead = value.len() - value.trim_start().len();
    if v.is_empty() || empty_value(v) {
        return None;
    }
    let all = lead..lead + v.len();
    let words = v.split_whitespace().count();
    let digits = c::digits(v);
    let letters = v.chars().filter(|ch| ch.is_alphabetic()).count();
    match field {
        Field::Name | Field::Staff => {
            let name_chars = v
                .chars()
                .all(|ch| ch.is_alphabetic() || matches!(ch, ' ' | '.' | ',' | '-' | '\'' | '’'));
            // Titles stay; the name after them goes.
            let mut start = lead;
            for w in v.split_whitespace() {
                if !is_title(w) {
                    break;
                }
                start = w.as_ptr() as usize - value.as_ptr() as usize + w.len();
            }
            let rest = value[start..all.end].trim_start();
            let cased = rest
                .chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase() || ch.is_alphabetic() && !ch.is_lowercase());
            // A name's lowercase words are particles (`de la Cruz`, `van der Berg`); a
            // sentence after a speaker label ("CALLER: Yeah it's about my mother") is not one.
            let lowercase_ok = rest.split_whitespace().all(|w| {
                !w.chars().next().is_some_and(char::is_lowercase)
                    || matches!(
                        w.trim_end_matches([',', '.']),
                        "de" | "del"
                            | "della"
                            | "der"
                            | "den"
                            | "van"
                            | "von"
                            | "da"
                            | "di"
                            | "do"
                            | "dos"
                            | "das"
                            | "du"
                            | "la"
                            | "le"
                            | "bin"
                            | "binti"
                            | "ibn"
                            | "al"
                            | "el"
                            | "ter"
                            | "ten"
                            | "y"
                            | "e"
                            | "zu"
                            | "op"
                            | "die"
                            | "des"
                            | "vom"
                            | "zum"
                            | "af"
                            | "av"
                            | "ap"
                    )
            });
            (name_chars && words <= 6 && letters >= 2 && cased && lowercase_ok)
                .then_some(all.end - rest.len()..all.end)
        }
        Field::Address => (letters >= 2 && words <= 12 && v.len() <= 120).then_some(all),
        Field::City => {
            // "Springfield, IL 62704": the city alone; the state is not an identifier.
            let cut = v
                .find(|ch: char| ch == ',' || ch.is_ascii_digit() || ch == '(')
                .unwrap_or(v.len());
            let city = v[..cut].trim_end();
            let cased = city
                .chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase() || ch.is_alphabetic() && !ch.is_lowercase());
            (cased && city.split_whitespace().count() <= 4 && city.chars().count() >= 2)
                .then_some(lead..lead + city.len())
        }
        Field::Zip => {
            let ok = v.len() <= 10
                && words <= 2
                && digits >= 2
                && v.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, ' ' | '-'));
            ok.then_some(all)
        }
        Field::Phone | Field::Fax => {
            let ok = (7..=15).contains(&digits)
                && v.chars()
                    .all(|ch| ch.is_ascii_digit() || " +-().x/".contains(ch))
                // An internal extension (`telephoneNumber: 4471`) reaches one person too.
                || (4..=6).contains(&digits) && v.bytes().all(|b| b.is_ascii_digit());
            ok.then_some(all)
        }
        Field::Plate => {
            let ok = (2..=12).contains(&v.chars().count())
                && digits >= 1
                && words <= 3
                && v.chars()
                    .all(|ch| ch.is_alphanumeric() || matches!(ch, ' ' | '-' | '·' | '.'));
            ok.then_some(all)
        }
        Field::Date => {
            let ok = digits >= 1 && v.len() <= 40 && words <= 5;
            ok.then_some(all)
        }
        Field::Record => {
            let ok = digits >= 4
                && words == 1
                && v.len() <= 24
                && v.chars()
                    .all(|ch| ch.is_alphanumeric() || "-./".contains(ch));
            ok.then_some(all)
        }
        Field::Age => {
            let d = v.bytes().take_while(u8::is_ascii_digit).count();
            let age: u32 = v[..d].parse().ok()?;
            (90..=150).contains(&age).then_some(lead..lead + d)
        }
        Field::Service => {
            let host = v.rsplit_once('/').map_or(v, |(_, h)| h);
            let host = host.split(':').next().unwrap_or(host);
            let ok = words == 1
                && v.len() <= 96
                && (v.ends_with('$') && v.len() >= 3 || v.contains('/') && host.len() >= 2)
                && host.bytes().any(|b| b.is_ascii_alphabetic())
                && v.chars().all(|ch| {
                    ch.is_alphanumeric() || matches!(ch, '.' | '_' | '-' | '$' | '/' | ':')
                });
            ok.then_some(all)
        }
        Field::User | Field::Host => {
            // Letters of any script: `yıldız.gonultas`, `CORP\\jdoe`.
            let ok = words == 1
                && v.len() <= 64
                && v.chars().next().is_some_and(char::is_alphanumeric)
                && v.chars()
                    .all(|ch| ch.is_alphanumeric() || matches!(ch, '.' | '_' | '-' | '$' | '\\'));
            ok.then_some(all)
        }
    }
}

fn kind_of(field: Field) -> (Kind, &'static str) {
    match field {
        Field::Name => (Kind::Name, "name in a labelled field or column"),
        Field::Staff => (Kind::Name, "name in a staff column of a table"),
        Field::Address => (Kind::Address, "address in a labelled field or column"),
        Field::City => (Kind::City, "place in a labelled field or column"),
        Field::Zip => (Kind::Zip, "postcode in a labelled field or column"),
        Field::Phone => (
            Kind::Phone,
            "telephone number in a labelled field or column",
        ),
        Field::Fax => (Kind::Fax, "fax number in a labelled field or column"),
        Field::Plate => (Kind::Vehicle, "licence plate in a labelled field or column"),
        Field::Date => (Kind::Date, "date in a labelled field or column"),
        Field::Record => (Kind::Mrn, "record number in a table column"),
        Field::Age => (Kind::Age, "age over 89 in a labelled field or column"),
        Field::User => (Kind::User, "user name in a labelled field or column"),
        Field::Host => (
            Kind::InternalHost,
            "host name in a labelled field or column",
        ),
        Field::Service => (
            Kind::InternalHost,
            "host's account or service principal in a ticket's service field",
        ),
    }
}

/// Lowercase, single spaces, `_` as a space, no trailing dot.
fn normalize_label(label: &str) -> String {
    label
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

/// `Label: value` at the start of a line (after indentation or `>` quote marks): the
/// label's byte range end and the value's range, both relative to the line.
fn split_label(line: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let body_start = line.len() - line.trim_start_matches([' ', '\t', '>']).len();
    let body = &line[body_start..];
    // A scanned or typed form marks its blanks with underscores (`Last Name_Charles`,
    // `Date of Birth____3/4/1950`): with no colon on the line, the first run of them ends
    // the label, and the value starts after the run.
    let Some(colon) = body.find(':') else {
        let cut = body.find('_')?;
        let label = &body[..cut];
        let run = body[cut..].len() - body[cut..].trim_start_matches('_').len();
        let ok = label.split_whitespace().count() >= 1
            && label.len() <= 36
            && label.chars().all(|ch| ch.is_alphabetic() || ch == ' ')
            && label.chars().next().is_some_and(char::is_uppercase);
        if !ok {
            return None;
        }
        let value_start = body_start + cut + run;
        let value_end = line.trim_end().len().max(value_start);
        return Some((label, value_start..value_end));
    };
    let label = &body[..colon];
    let label_ok = (1..=36).contains(&label.len())
        && label.split_whitespace().count() <= 4
        && label
            .chars()
            .all(|ch| ch.is_alphabetic() || matches!(ch, ' ' | '.' | '/' | '-' | '_' | '\''));
    if !label_ok {
        return None;
    }
    let value_start = body_start + colon + 1;
    let mut value_end = line.trim_end().len().max(value_start);
    // A record printed as pairs on one line (`User: jdoe  Roles: %Clinician  Client: ...`):
    // the value ends where two blanks lead to the next label.
    let value = &line[value_start..value_end];
    let lead = value.len() - value.trim_start().len();
    if let Some(cut) = value[lead..].find("  ").map(|p| lead + p) {
        let next = value[cut..].trim_start();
        let next_label = next.find(':').is_some_and(|c| {
            (1..=30).contains(&c)
                && next[..c].starts_with(|ch: char| ch.is_ascii_uppercase())
                && next[..c].chars().all(|ch| ch.is_alphabetic() || ch == ' ')
        });
        if next_label {
            value_end = value_start + cut;
        }
    }
    Some((label, value_start..value_end))
}

/// How a table line is cut into cells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    Pipe,
    Tab,
    Spaces,
}

/// The trimmed cells of a table line (byte ranges of the line), cut the way `sep` says.
fn cells(line: &str, sep: Sep) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let push = |s: usize, e: usize, out: &mut Vec<std::ops::Range<usize>>| {
        let cell = &line[s..e];
        let lead = cell.len() - cell.trim_start().len();
        out.push(s + lead..s + lead + cell.trim().len());
    };
    while i < b.len() {
        let cut = match sep {
            Sep::Pipe => (b[i] == b'|').then_some(1),
            Sep::Tab => (b[i] == b'\t').then(|| b[i..].iter().take_while(|&&c| c == b'\t').count()),
            Sep::Spaces => (b[i] == b' ' && b.get(i + 1) == Some(&b' '))
                .then(|| b[i..].iter().take_while(|&&c| c == b' ').count()),
        };
        match cut {
            Some(n) => {
                push(start, i, &mut out);
                i += n;
                start = i;
            }
            None => i += 1,
        }
    }
    push(start, b.len(), &mut out);
    // `| a | b |`: the outer pipes leave an empty cell at each end.
    if sep == Sep::Pipe {
        if out.first().is_some_and(|r| r.is_empty()) {
            out.remove(0);
        }
        if out.last().is_some_and(|r| r.is_empty()) {
            out.pop();
        }
    }
    out
}

fn sep_of(line: &str) -> Sep {
    if line.contains('|') {
        Sep::Pipe
    } else if line.trim().contains('\t') {
        Sep::Tab
    } else {
        Sep::Spaces
    }
}

/// The column kinds of a header row, if the line is one: three or more short cells without
/// digits, at least one naming a field.
fn header(line: &str) -> Option<(Sep, Vec<Option<Field>>)> {
    // The separators are blanks and pipes: a digit or a colon anywhere is in some cell,
    // and such a cell is refused below. Most lines stop here, before any cell is cut.
    // The same pass looks for a pipe, a tab or two spaces in a row: without any, the line
    // is one cell.
    let mut cut = false;
    let mut space = false;
    for b in line.bytes() {
        if b.is_ascii_digit() || b == b':' {
            return None;
        }
        cut |= b == b'|' || b == b'\t' || b == b' ' && space;
        space = b == b' ';
    }
    if !cut {
        return None;
    }
    let sep = sep_of(line);
    let cs = cells(line.trim_end(), sep);
    if cs.len() < 3 {
        return None;
    }
    let mut fields = Vec::with_capacity(cs.len());
    for r in &cs {
        let cell = &line[r.clone()];
        if cell.is_empty() || cell.len() > 30 || c::digits(cell) > 0 || cell.contains(':') {
            return None;
        }
        fields.push(header_field(&normalize_label(cell)));
    }
    fields.iter().any(Option::is_some).then_some((sep, fields))
}

/// What each column of a table holds, left to right.
type Columns = Vec<Option<Field>>;

/// The column kinds of a space-aligned header read word by word, when some cell holds two
/// words one space apart (`Age Sex`) and every title is one word; empty otherwise.
fn header_words(line: &str, sep: Sep, fields: &[Option<Field>]) -> Vec<Option<Field>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if sep != Sep::Spaces || words.len() == fields.len() {
        return Vec::new();
    }
    words
        .iter()
        .map(|w| header_field(&normalize_label(w)))
        .collect()
}

impl Engine<'_> {
    /// A staff column's cell that may be a person's name: every word a listed name, an
    /// initial, a word beyond ASCII, or a word of four letters or more that is no common
    /// word (a surname cut to the column's width, `CAMPBE`); `IT Security`, `SOC` are not.
    fn staff_cell(&self, cell: &str) -> bool {
        use crate::vocab::flag;
        // `Ann Lane`, `Ivy van Roe`: capitalized words (particles between) with a listed
        // given name among them.
        let words: Vec<&str> = cell.split_whitespace().collect();
        let given = |w: &str| {
            let l = super::fold_latin(&w.to_lowercase());
            self.v.given.contains(l.as_str()) || crate::gazetteer::given(&l)
        };
        if words.len() >= 2
            && words.iter().all(|w| {
                c::is_cap_word(w)
                    || matches!(
                        *w,
                        "van" | "von" | "de" | "der" | "den" | "da" | "di" | "le" | "la" | "du"
                    )
            })
            && words.iter().any(|w| c::is_cap_word(w) && given(w))
        {
            return true;
        }
        cell.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
            let w = w.trim_end_matches('.');
            let l = w.to_lowercase();
            let flags = self.v.flags.get(l.as_str()).copied().unwrap_or(0);
            // `LANE`, `YOUNG`: a surname that is also a word, in capitals as boards print
            // surnames.
            let caps_surname = w.len() >= 3
                && w.bytes().all(|b| b.is_ascii_uppercase())
                && crate::gazetteer::lookup(&l)
                    & (crate::gazetteer::IN_SURNAMES
                        | crate::gazetteer::IN_GIVEN
                        | crate::gazetteer::IN_NAME_WORDS)
                    != 0;
            if flags & flag::CUE != 0 {
                false
            } else if caps_surname {
                true
            } else if flags & flag::NEVER != 0 {
                false
            } else if flags & flag::COMMON != 0 {
                flags & (flag::GIVEN | flag::SURNAME) != 0
            } else {
                w.chars().count() == 1
                    || !w.is_ascii()
                    || w.len() >= 4
                    || super::listed_name(self.v, w)
            }
        })
    }

    fn first_tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.end <= byte)
    }

    fn remove_field(&mut self, field: Field, s: usize, value: &str) {
        let Some(r) = accept(field, value) else {
            return;
        };
        if field == Field::Staff && !self.staff_cell(&value[r.clone()]) {
            return;
        }
        let (kind, reason) = kind_of(field);
        let from = self.first_tok_at(s + r.start);
        // "Name: Will Royal": a threat word inside a person's or a place's name goes with
        // it; "Name: Emotet" alone is the malware's name and stays.
        let words = value[r.clone()].split_whitespace().count();
        let named = matches!(field, Field::Name | Field::City | Field::Address) && words >= 2;
        self.remove_span_over(from, s + r.start..s + r.end, kind, reason, named);
    }

    /// Labelled form lines and the cells of tables with a header row.
    pub(super) fn forms_and_tables(&mut self) {
        let mut table: Option<(Sep, Columns, Columns)> = None;
        for (start, line) in self.lines() {
            let line = line.trim_end_matches(['\n', '\r']);
            if let Some((sep, fields, words)) = &table {
                let mut cs = cells(line, *sep);
                // `Rm   Patient   Age Sex  RN  MD`: a header whose titles are single words
                // may set two of them one space apart; the rows' cells line up with its
                // words.
                let fields = if cs.len() != fields.len() && cs.len() == words.len() {
                    words
                } else {
                    fields
                };
                // An empty cell is two tabs in a row: counted one by one, the row lines up.
                if cs.len() != fields.len() && *sep == Sep::Tab {
                    let mut at = 0;
                    let exact: Vec<_> = line
                        .split('\t')
                        .map(|cell| {
                            let r = at..at + cell.len();
                            at += cell.len() + 1;
                            r
                        })
                        .collect();
                    if exact.len() == fields.len() {
                        cs = exact;
                    }
                }
                let rule = cs.iter().all(|r| {
                    line[r.clone()]
                        .bytes()
                        .all(|b| matches!(b, b'-' | b':' | b'=' | b'+'))
                });
                if cs.len() == fields.len() && !line.trim().is_empty() {
                    if !rule {
                        let fields = fields.clone();
                        for (r, field) in cs.iter().zip(fields) {
                            if let Some(field) = field {
                                self.remove_field(field, start + r.start, &line[r.clone()]);
                            }
                        }
                    }
                    continue;
                }
                table = None;
            }
            if let Some((sep, fields)) = header(line) {
                let words = header_words(line, sep, &fields);
                table = Some((sep, fields, words));
                continue;
            }
            // `| Incident commander | Ann Roe |`: a two-cell row of a Markdown table whose
            // first cell is a role.
            if line.trim_start().starts_with('|') {
                let cs = cells(line, Sep::Pipe);
                if let [label, value] = &cs[..] {
                    let field = header_field(&normalize_label(&line[label.clone()]));
                    if let Some(field @ (Field::Staff | Field::Name)) = field {
                        self.remove_field(field, start + value.start, &line[value.clone()]);
                    }
                    continue;
                }
            }
            if let Some((label, value)) = split_label(line) {
                if let Some(field) = label_field(&normalize_label(label)) {
                    self.remove_field(field, start + value.start, &line[value]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;

    #[test]
    fn a_maiden_labels_surname_goes() {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s
            .scrub_text("Mother: Wren Halvorsen  Maiden: Okafor  DOB 01/02/1990\n")
            .text;
        assert!(
            !out.contains("Okafor") && !out.contains("Halvorsen"),
            "{out}"
        );
        let out = s
            .scrub_text("Ticket: the maiden run of the backup job\n")
            .text;
        assert!(out.contains("maiden run of the backup job"), "{out}");
    }

    #[test]
    fn a_record_printed_as_pairs_ends_each_value_at_the_next_label() {
        let s = crate::Scrubber::new(crate::ScrubConfig::default()).expect("scrubber");
        let out = s
            .scrub_text("  User: qzy  Roles: %HS_Clinician  Client: 10.1.2.3\n")
            .text;
        assert!(!out.contains("qzy"), "{out}");
        assert!(out.contains("Roles: %HS_Clinician"), "{out}");
    }

    #[test]
    fn a_ticket_service_field_names_a_host_or_stays() {
        check(&[(
            "Service Information:\n\tService Name:\t\tMSSQLSvc/dbqx04\n\
             \tService Name:\t\tFILEQX02$\n\tService Name:\t\tkrbtgt\n",
            "Service Information:\n\tService Name:\t\t[INTERNAL-HOST]\n\
             \tService Name:\t\t[INTERNAL-HOST]\n\tService Name:\t\tkrbtgt\n",
        )]);
    }

    #[test]
    fn an_account_domain_mid_line_is_a_host() {
        check(&[(
            "Account Name: qvarga Account Domain: NORTHQX Workstation Name: NQX-WS01 Source\n\
             Account Name: SYSTEM Account Domain: NT AUTHORITY Logon ID: 0x3E7\n",
            "Account Name: [USER] Account Domain: [INTERNAL-HOST] Workstation Name: [INTERNAL-HOST] Source\n\
             Account Name: SYSTEM Account Domain: NT AUTHORITY Logon ID: 0x3E7\n",
        )]);
    }

    #[test]
    fn a_directory_entrys_phone_attributes_go_with_a_short_extension() {
        check(&[
            (
                "objectClass: user\ntelephoneNumber: 4471\nipPhone: 20933\n",
                "objectClass: user\ntelephoneNumber: [PHONE]\nipPhone: [PHONE]\n",
            ),
            // Three digits are no extension; words are no number.
            (
                "Phone: 112\nPhone: ask the desk\n",
                "Phone: 112\nPhone: ask the desk\n",
            ),
        ]);
    }

    #[test]
    fn a_form_label_says_what_its_value_is() {
        check(&[
            (
                "Street: 17 Quillfeather Row\nCity: Marrowdale\nPostal code: 4021 KX\n",
                "Street: [ADDRESS]\nCity: [CITY]\nPostal code: [ZIP]\n",
            ),
            (
                "Name: Ondřej Vlk\nPreferred name: Ondra\nDate of birth: 3 Mar 1961\n",
                "Name: [NAME]\nPreferred name: [NAME]\nDate of birth: [DATE]\n",
            ),
            // A form's blanks marked with underscores.
            (
                "Last Name_Quillfeather\nDate of Birth____March 3, 1950\nsome_var_name stays\n",
                "Last Name_[NAME]\nDate of Birth____[DATE]\nsome_var_name stays\n",
            ),
            // A particle is part of a name; a sentence after a speaker label is not one.
            (
                "Patient: Lotte die Vries\nCaller: Yeah it's about the bill.\n",
                "Patient: [NAME]\nCaller: Yeah it's about the bill.\n",
            ),
            (
                "Wohnort: Kleinbüttel\nTelefon: 0301 234 5678\nKennzeichen: HH-QX 812\n",
                "Wohnort: [CITY]\nTelefon: [PHONE]\nKennzeichen: [VEHICLE]\n",
            ),
            // A title stays, the state after a city stays, an empty value is no value.
            (
                "Attending: Dr. Pell\nCity: Lowbridge, OR\nAccount Name: -\n",
                "Attending: Dr. [NAME]\nCity: [CITY], OR\nAccount Name: -\n",
            ),
            (
                "\tAccount Name:\t\tq.varga\n\tAccount Domain:\t\tNORTHWING\n",
                "\tAccount Name:\t\t[USER]\n\tAccount Domain:\t\t[INTERNAL-HOST]\n",
            ),
            // A malware name alone after "Name:" stays; a person named like one goes.
            (
                "Name: Emotet\nName: Will Royal\n",
                "Name: Emotet\nName: [NAME]\n",
            ),
            // Labels that name nothing personal, and values of the wrong shape, stay.
            (
                "Subject: invoice overdue\nPhone: ask the desk\nAge: 42\n",
                "Subject: invoice overdue\nPhone: ask the desk\nAge: 42\n",
            ),
        ]);
    }

    #[test]
    fn a_two_cell_markdown_row_whose_label_is_a_role() {
        check(&[(
            "| Field | Value |\n|---|---|\n| Incident commander | Brisk Tallowmere |\n\
             | Comms | IT Security |\n| Scribe | Miriam van Lane |\n| Status | Contained |\n",
            "| Field | Value |\n|---|---|\n| Incident commander | [NAME] |\n\
             | Comms | IT Security |\n| Scribe | [NAME] |\n| Status | Contained |\n",
        )]);
    }

    #[test]
    fn a_board_header_with_single_space_titles_and_staff_columns() {
        check(&[(
            "Rm   Patient        Age Sex  CC         RN    MD    Status\n\
             4  Quellan, B  61  F  fall  TREVASK  LANE  Admit\n\
             9  Marrow, T  47  M  fever  IT Security  SOC  Lab\n",
            "Rm   Patient        Age Sex  CC         RN    MD    Status\n\
             4  [NAME]  61  F  fall  [NAME]  [NAME]  Admit\n\
             9  [NAME]  47  M  fever  IT Security  SOC  Lab\n",
        )]);
    }

    #[test]
    fn a_table_header_says_what_its_columns_hold() {
        check(&[
            (
                "Bed  Resident          Born        Age  Attending\n\
                 3C   Orla Quennell     1931-02-14  93   Dr Abney\n\
                 4A   Petrak, Ilse      1950-07-01  74   Dr Soames\n\
                 Next round at noon.\n",
                "Bed  Resident          Born        Age  Attending\n\
                 3C   [NAME]     [DATE]  [AGE]   Dr [NAME]\n\
                 4A   [NAME]      [DATE]  74   Dr [NAME]\n\
                 Next round at noon.\n",
            ),
            (
                "when | host | account | note\n\
                 ---|---|---|---\n\
                 09:12 | PHARM-KIOSK7 | tkessler | opened the lure\n",
                "when | host | account | note\n\
                 ---|---|---|---\n\
                 09:12 | [INTERNAL-HOST] | [USER] | opened the lure\n",
            ),
            (
                "Bed\tAdmit\tPatient\n12\t03/02/2031 08:15\tOrla Quennell\n",
                "Bed\tAdmit\tPatient\n12\t[DATE]\t[NAME]\n",
            ),
            (
                "Last\tFirst\tMRN\tWard\nAbney\tRosa\t77.120.391\t4B\n",
                "Last\tFirst\tMRN\tWard\n[NAME]\t[NAME]\t[MRN]\t4B\n",
            ),
            (
                "Bed\tAssigned patient\tOwner\n12\t\tOrla Quennell\n14\tABNEY, ROSA\tIlse Soames\n",
                "Bed\tAssigned patient\tOwner\n12\t\t[NAME]\n14\t[NAME]\t[NAME]\n",
            ),
        ]);
    }
}
