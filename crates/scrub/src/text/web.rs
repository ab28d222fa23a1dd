//! Web traffic records: the request target of an access log, a WAF event or a proxy log
//! (`/patients/4417/chart?mrn=...&name=...`), the `Host:` header a WAF copies from the
//! request, and HAProxy's `backend/server` field. A target without a host is the logging
//! site's own: its values go and its structure stays (path words, query keys).

// A request target ends where the tokenizer ends a token (blank space, quotes, brackets,
// `,`, `;`, `|`).
use super::keys::squash_key_into as squash;
use super::tokenize::is_delim;
use super::{Class, Engine};
use crate::classify as c;
use crate::Kind;

/// What a query parameter's key says its value is: a person's national id, record number,
/// name, e-mail, birth date, telephone, login or address, in the languages portals are
/// written in (`rc` Slovak and Czech birth number, `pesel`, `dni`, `meno`, `nombre`...).
/// A search box (`q`, `search`) on the organization's portal is searched for a patient.
fn person_key(key: &str) -> Option<Kind> {
    let mut buf = [0u8; 32];
    let n = squash(key, &mut buf)?;
    let k = std::str::from_utf8(&buf[..n]).ok()?;
    Some(match k {
        "ssn" | "sin" | "rc" | "rodnecislo" | "pesel" | "dni" | "nie" | "nif" | "cpr" | "bsn"
        | "fnr" | "fodselsnummer" | "personnummer" | "pnr" | "hetu" | "henkilotunnus" | "oib"
        | "jmbg" | "egn" | "amka" | "tckn" | "tckimlik" | "cpf" | "curp" | "rut" | "cuil"
        | "nir" | "nino" | "nationalid" | "nhsnumber" | "nhsno" | "taj" | "rnokpp"
        | "codicefiscale" | "ahv" | "avs" | "svnr" | "personalid" | "idnumber" => Kind::Ssn,
        "mrn" | "pid" | "patientid" | "ptid" | "patid" | "patient" | "chart" | "chartid"
        | "chartno" | "recordid" | "recordno" | "record" | "encounterid" | "visitid"
        | "medicalrecord" | "accession" | "accessionno" => Kind::Mrn,
        "memberid" | "subscriberid" | "insuranceid" | "policyno" => Kind::HealthPlanId,
        "name" | "fullname" | "firstname" | "lastname" | "surname" | "givenname" | "familyname"
        | "fname" | "lname" | "middlename" | "patientname" | "ptname" | "nombre" | "apellido"
        | "apellidos" | "nom" | "prenom" | "meno" | "priezvisko" | "jmeno" | "prijmeni"
        | "imie" | "nazwisko" | "nome" | "cognome" | "vorname" | "nachname" | "naam"
        | "voornaam" | "achternaam" | "fornavn" | "etternavn" | "efternavn" | "efternamn"
        | "fornamn" | "sukunimi" | "etunimi" | "nev" | "ime" | "prezime" | "q" | "query"
        | "search" | "searchterm" | "term" => Kind::Name,
        "email" | "mail" | "emailaddress" | "correo" | "courriel" | "epost" => Kind::Email,
        "dob" | "birthdate" | "dateofbirth" | "birthday" | "geburtsdatum" | "fechanacimiento"
        | "datanascita" | "datenaissance" | "ddn" | "fodselsdato" => Kind::Date,
        "phone" | "tel" | "telephone" | "mobile" | "cell" | "msisdn" | "telefon" | "telefono"
        | "telefone" | "puhelin" => Kind::Phone,
        "user" | "username" | "userid" | "login" | "uid" | "u" => Kind::User,
        "address" | "street" | "addr" | "zip" | "zipcode" | "postcode" | "postalcode" | "plz" => {
            Kind::Address
        }
        _ => return None,
    })
}

/// A path word after which the next segment is a patient's record, appointment or result
/// (`/records/4417`, `/pacientes/4417/citas`), in the languages portals are written in.
fn record_word(seg: &str) -> bool {
    let mut buf = [0u8; 32];
    let Some(n) = squash(seg, &mut buf) else {
        return false;
    };
    matches!(
        &buf[..n],
        b"patient"
            | b"patients"
            | b"record"
            | b"records"
            | b"chart"
            | b"charts"
            | b"appointment"
            | b"appointments"
            | b"appt"
            | b"appts"
            | b"encounter"
            | b"encounters"
            | b"visit"
            | b"visits"
            | b"result"
            | b"results"
            | b"mrn"
            | b"member"
            | b"members"
            | b"referral"
            | b"referrals"
            | b"prescription"
            | b"prescriptions"
            | b"pacient"
            | b"pacienti"
            | b"pacienta"
            | b"paciente"
            | b"pacientes"
            | b"patienten"
            | b"patienter"
            | b"pasient"
            | b"pasienter"
            | b"pacjent"
            | b"pacjenci"
            | b"paziente"
            | b"pazienti"
            | b"potilas"
            | b"potilaat"
            | b"cita"
            | b"citas"
            | b"termin"
            | b"termine"
            | b"dossier"
            | b"dossiers"
            | b"expediente"
            | b"befund"
            | b"befunde"
            | b"vysledky"
            | b"resultados"
            | b"pacijent"
            | b"pacijenti"
            | b"beteg"
            | b"betegek"
    )
}

/// A path segment that is a record's id: letters, digits, `-` and `_`, with three digits
/// or more (`4417`, `A10442`, a UUID).
fn id_segment(seg: &str) -> bool {
    let b = seg.as_bytes();
    (3..=64).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
        && b.iter().filter(|c| c.is_ascii_digit()).count() >= 3
}

impl Engine<'_> {
    /// Where the request target starting at byte `s` ends: at the first byte that ends a
    /// token, less the punctuation a sentence puts after it.
    fn target_end(&self, s: usize) -> usize {
        let b = self.text.as_bytes();
        let mut e = s + b[s..]
            .iter()
            .position(|&c| is_delim(c))
            .unwrap_or(b.len() - s);
        while e > s && matches!(b[e - 1], b'.' | b':' | b'!' | b'\'') {
            e -= 1;
        }
        e
    }

    /// The path and query of a request target, `s..e` of the text (from its first `/` on):
    /// a record's id after a patient path word goes, and each query value whose key names a
    /// person, or that holds an e-mail address or six digits or more. Path words and keys
    /// stay.
    fn request_target(&mut self, s: usize, e: usize) {
        let text = self.text;
        let target = &text[s..e];
        let q = target.find(['?', '#']).unwrap_or(target.len());
        let mut prev = "";
        let mut at = s;
        for seg in target[..q].split('/') {
            if record_word(prev) && id_segment(seg) {
                self.remove_within(at, at + seg.len(), Kind::Mrn, "record number in a web path");
            }
            prev = seg;
            at += seg.len() + 1;
        }
        if !target[q..].starts_with('?') {
            return;
        }
        let query_end = target[q + 1..]
            .find('#')
            .map_or(target.len(), |p| q + 1 + p);
        let mut at = s + q + 1;
        for pair in target[q + 1..query_end].split('&') {
            let pair_at = at;
            at += pair.len() + 1;
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            let vs = pair_at + key.len() + 1;
            let ve = vs + value.len();
            let email = value.contains('@') || value.contains("%40");
            let kind = match person_key(key) {
                Some(_) if email => Kind::Email,
                Some(Kind::Name) if value.bytes().all(|b| b.is_ascii_digit()) => Kind::Mrn,
                Some(kind) => kind,
                // `next=/records/4417`: a path inside the query is read as one.
                None if value.starts_with('/') => {
                    self.request_target(vs, ve);
                    continue;
                }
                None if email => Kind::Email,
                None if c::digits(value) >= 6 => Kind::Mrn,
                None => continue,
            };
            self.remove_within(vs, ve, kind, "person's value in a web request");
        }
    }

    /// Removes `s..e` and closes the tokens that overlap it to the other rules, so none of
    /// them takes the key glued to a value (`4417&name`) with it.
    fn remove_within(&mut self, s: usize, e: usize, kind: Kind, reason: &'static str) {
        let index = self.found.len();
        self.remove(s, e, kind, reason);
        let first = self.toks.partition_point(|t| t.end <= s);
        for t in self.toks[first..].iter_mut().take_while(|t| t.start < e) {
            if t.class != Class::Protected {
                t.class = Class::Removed;
                t.finding = index;
            }
        }
    }

    /// Request targets without a host (`GET /patients/4417?dob=...` in an access log,
    /// `"ClientRequestURI":"/appointments/4417?email=..."` in a WAF event): the request
    /// went to the site that logged it, the organization's own.
    pub(super) fn web_requests(&mut self) {
        let b = self.text.as_bytes();
        let mut done = 0;
        for k in 0..self.toks.len() {
            let t = &self.toks[k];
            if t.start < done || b[t.start] != b'/' || t.s.len() < 2 {
                continue;
            }
            // A target starts a token: after a blank, a quote, `=` or `:` (`uri=/...`).
            if t.start > 0 && !matches!(b[t.start - 1], b'=' | b':') && !is_delim(b[t.start - 1]) {
                continue;
            }
            if !t.s[1..].contains(['/', '?']) {
                continue;
            }
            let e = self.target_end(t.start);
            done = e;
            self.request_target(t.start, e);
        }
        self.host_headers();
        self.proxy_fields();
        self.aws_arns();
    }

    /// An AWS resource name, `arn:aws:iam::123456789012:user/jdoe` (CloudTrail's
    /// `userIdentity`, an S3 or IAM event): the twelve-digit account is the organization's
    /// cloud account, and the last part of an IAM user or an assumed role's session is a
    /// person's login. The partition, service and resource type stay.
    fn aws_arns(&mut self) {
        let (text, lowered) = (self.text, self.lowered);
        let mut from = 0;
        while let Some(p) = lowered[from..].find("arn:aws") {
            let s = from + p;
            from = s + 7;
            let e = self.target_end(s);
            let arn = &text[s..e];
            let parts: Vec<&str> = arn.splitn(6, ':').collect();
            let [_, _, service, _, account, resource] = parts[..] else {
                continue;
            };
            let account_at = s + arn.len() - resource.len() - 1 - account.len();
            if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
                self.remove_within(
                    account_at,
                    account_at + account.len(),
                    Kind::Account,
                    "cloud account number",
                );
            }
            let person = matches!(service, "iam" | "sts")
                && (resource.starts_with("user/") || resource.starts_with("assumed-role/"));
            let login = resource.rsplit('/').next().unwrap_or("");
            if person && resource.contains('/') && c::identifier_like(login) {
                let at = e - login.len();
                self.remove_within(at, e, Kind::User, "login in a cloud resource name");
            }
        }
    }

    /// Two proxy log layouts name internal parties in fixed fields: HAProxy's
    /// `client:port [accept date] frontend backend/server timers ...` (the server is an
    /// internal host; the backend is a pool's name) and Squid's native
    /// `time elapsed client code/status bytes method URL user hierarchy/peer type` (the user
    /// is a login; the bytes are a size, no record number).
    fn proxy_fields(&mut self) {
        let b = self.text.as_bytes();
        for k in 0..self.toks.len().saturating_sub(5) {
            let t = &self.toks[k];
            let tb = t.s.as_bytes();
            if t.start > 0 && b[t.start - 1] == b'[' && haproxy_date(tb) {
                let timers = self.toks[k + 3].s.as_bytes();
                let timers_ok = timers.iter().filter(|&&c| c == b'/').count() >= 2
                    && timers
                        .iter()
                        .all(|c| c.is_ascii_digit() || matches!(c, b'/' | b'-' | b'+'));
                let pool = self.toks[k + 2].s;
                if let (true, Some((backend, server))) = (timers_ok, pool.split_once('/')) {
                    if !backend.is_empty() && c::identifier_like(server) {
                        let s = self.toks[k + 2].start + backend.len() + 1;
                        self.remove_within(
                            s,
                            s + server.len(),
                            Kind::InternalHost,
                            "server behind a load balancer",
                        );
                    }
                }
            } else if squid_code(tb) {
                let hier = self.toks[k + 5].s.as_bytes();
                let hier_ok = squid_code(hier) || hier.starts_with(b"HIER_");
                let bytes_ok = self.toks[k + 1].s.bytes().all(|c| c.is_ascii_digit());
                let method_ok = self.toks[k + 2].s.bytes().all(|c| c.is_ascii_uppercase());
                if !(hier_ok && bytes_ok && method_ok) {
                    continue;
                }
                if self.toks[k + 1].class != Class::Removed {
                    self.toks[k + 1].class = Class::Protected;
                }
                let user = &self.toks[k + 4];
                if user.s != "-"
                    && matches!(user.class, Class::Plain | Class::LongNumber | Class::IdLike)
                {
                    self.remove_toks(k + 4, k + 4, Kind::User, "user of a proxy request");
                }
            }
        }
    }

    /// `Host: portal.example.org` as a WAF event copies the request's headers, often with
    /// the line breaks escaped (`HTTP/1.1\r\nHost: ...`): the organization's own host goes.
    fn host_headers(&mut self) {
        let text = self.text;
        let lowered = self.lowered;
        let mut from = 0;
        while let Some(p) = lowered[from..].find("host:") {
            let at = from + p;
            from = at + 5;
            let b = text.as_bytes();
            // `Host:` starts a header: at a line's start, after a blank or an escaped `\n`.
            let starts = at == 0 || is_delim(b[at - 1]) || at >= 2 && &b[at - 2..at] == b"\\n";
            if !starts {
                continue;
            }
            let s = from + b[from..].iter().take_while(|&&c| c == b' ').count();
            let len = b[s..]
                .iter()
                .position(|&c| is_delim(c) || c == b'\\' || c == b':')
                .unwrap_or(b.len() - s);
            let host = &text[s..s + len];
            if let Some((kind, reason)) = self.host_is_internal(host) {
                self.remove_within(s, s + len, kind, reason);
            }
        }
    }
}

/// HAProxy's accept date, `15/Mar/2031:09:12:44.120`.
fn haproxy_date(b: &[u8]) -> bool {
    b.len() >= 20
        && b[0].is_ascii_digit()
        && b[2] == b'/'
        && b[6] == b'/'
        && b[11] == b':'
        && b[3..6].iter().all(u8::is_ascii_alphabetic)
}

/// A Squid result code and status, `TCP_MISS/200`, `TCP_DENIED/403`, `NONE_NONE/000`; or a
/// hierarchy code and peer, `HIER_DIRECT/203.0.113.9`.
fn squid_code(b: &[u8]) -> bool {
    let Some(slash) = b.iter().position(|&c| c == b'/') else {
        return false;
    };
    slash >= 4
        && b[..slash].contains(&b'_')
        && b[..slash]
            .iter()
            .all(|c| c.is_ascii_uppercase() || *c == b'_')
        && b.len() == slash + 4
        && b[slash + 1..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use crate::text::check_org;

    #[test]
    fn query_values_named_by_person_keys_go_and_keys_stay() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeviewclinic.test"],
            &[
                (
                    "GET /pacient/vysledky?rc=8501011234&meno=Hrabal HTTP/1.1\n",
                    "GET /pacient/vysledky?rc=[SSN]&meno=[NAME] HTTP/1.1\n",
                ),
                (
                    "GET /buscar?dni=12345678Z&nombre=Lucia HTTP/1.1 200\n",
                    "GET /buscar?dni=[SSN]&nombre=[NAME] HTTP/1.1 200\n",
                ),
                (
                    "\"uri\":\"/appointments/90412?email=ola.berg@mailbox.test\"\n",
                    "\"uri\":\"/appointments/[MRN]?email=[EMAIL]\"\n",
                ),
            ],
        );
    }

    #[test]
    fn record_ids_after_patient_path_words_go() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeviewclinic.test"],
            &[
                (
                    "request=\"POST /login?next=/records/5531902 HTTP/1.1\\r\\nHost: www.lakeviewclinic.test\\r\\nUser-Agent: curl/8.0\"\n",
                    "request=\"POST /login?next=/records/[MRN] HTTP/1.1\\r\\nHost: [INTERNAL-HOST]\\r\\nUser-Agent: curl/8.0\"\n",
                ),
                (
                    "GET /patients/88213/labs HTTP/1.1\n",
                    "GET /patients/[MRN]/labs HTTP/1.1\n",
                ),
                // No patient word before it: a version, a page, a year stay.
                ("GET /api/v2/2026/list HTTP/1.1\n", "GET /api/v2/2026/list HTTP/1.1\n"),
            ],
        );
    }

    #[test]
    fn proxy_logs_lose_the_server_and_the_user() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeviewclinic.test"],
            &[
                (
                    "lb2 haproxy[311]: 203.0.113.50:51122 [02/Mar/2031:10:01:02.331] web~ portal_pool/LVAPP07 0/0/2/40/42 200 5120 - - ---- 3/3/0/0/0 0/0 \"GET /health HTTP/1.1\"\n",
                    "lb2 haproxy[311]: 203.0.113.50:51122 [02/Mar/2031:10:01:02.331] web~ portal_pool/[INTERNAL-HOST] 0/0/2/40/42 200 5120 - - ---- 3/3/0/0/0 0/0 \"GET /health HTTP/1.1\"\n",
                ),
                (
                    "1914000000.120 311 10.4.4.9 TCP_MISS/200 734112 GET http://cdn-files.example.net/a.bin okafor.t HIER_DIRECT/198.51.100.7 application/octet-stream\n",
                    "1914000000.120 311 [INTERNAL-IP] TCP_MISS/200 734112 GET http://cdn-files.example.net/a.bin [USER] HIER_DIRECT/198.51.100.7 application/octet-stream\n",
                ),
            ],
        );
    }

    #[test]
    fn a_cloud_users_account_and_login_go() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeviewclinic.test"],
            &[(
                "\"arn\": \"arn:aws:iam::301122334455:user/p.okafor\", \"eventName\": \"GetObject\"\n",
                "\"arn\": \"arn:aws:iam::[ACCOUNT]:user/[USER]\", \"eventName\": \"GetObject\"\n",
            )],
        );
    }

    #[test]
    fn an_attackers_url_stays_whole() {
        check_org(
            &["Lakeview Clinic"],
            &["lakeviewclinic.test"],
            &[(
                "GET https://login-verify.example.net/gate.php?id=7a1c HTTP/1.1\n",
                "GET https://login-verify.example.net/gate.php?id=7a1c HTTP/1.1\n",
            )],
        );
    }
}
