//! A generated corpus of synthetic incident narratives for measuring the scrubber: every
//! HIPAA Safe Harbor identifier class and the organization's internals, written in varied
//! phrasings and formats, mixed with the attack indicators that must survive. Every value is
//! made up here from a seeded generator; the labels say where each one sits.
//!
//! About a third of the people's names come from a pool that is deliberately NOT in the
//! scrubber's name lists, so that recall also measures the context rules, not only the
//! dictionary.

#![allow(dead_code)]

use std::ops::Range;

/// A labelled span: what class of identifier or indicator sits there.
#[derive(Clone, Debug)]
pub struct Label {
    pub span: Range<usize>,
    pub class: &'static str,
}

/// One generated document.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub text: String,
    pub org_domain: String,
    pub identifiers: Vec<Label>,
    pub indicators: Vec<Label>,
}

impl Doc {
    pub fn value(&self, l: &Label) -> &str {
        &self.text[l.span.clone()]
    }
}

/// splitmix64: small, seeded, the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|i| {
                char::from(
                    b'0' + if i == 0 {
                        self.range(1, 9)
                    } else {
                        self.range(0, 9)
                    } as u8,
                )
            })
            .collect()
    }
    pub fn chars(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n).map(|_| char::from(*self.pick(alphabet))).collect()
    }
}

const DICT_GIVEN: &[&str] = &[
    "John", "Mary", "Robert", "Patricia", "Michael", "Linda", "David", "Susan", "James", "Karen",
    "Carlos", "Maria", "Wei", "Priya", "Ahmed", "Fatima", "Kevin", "Nancy", "Luis", "Olga",
    "Thomas", "Jessica", "Daniel", "Angela", "Brian", "Heather", "Jose", "Elena", "Kwame", "Mei",
];
const DICT_SURNAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Garcia",
    "Nguyen",
    "Patel",
    "Kowalski",
    "Okafor",
    "Hernandez",
    "Murphy",
    "Chen",
    "Rodriguez",
    "Wilson",
    "Anderson",
    "Thompson",
    "Martinez",
    "Robinson",
    "Kim",
    "Gonzalez",
    "Ramirez",
    "Sullivan",
    "Fitzgerald",
    "Tanaka",
    "Haddad",
    "Schmidt",
    "Russo",
];
/// Names outside the scrubber's lists.
const RARE_GIVEN: &[&str] = &[
    "Amara",
    "Tobias",
    "Ingrid",
    "Rosalind",
    "Everett",
    "Cassius",
    "Delphine",
    "Magnus",
    "Thaddeus",
    "Imogen",
    "Oluwadamilare",
    "Saoirse",
    "Leocadia",
    "Bartholomew",
    "Ysolde",
];
const RARE_SURNAMES: &[&str] = &[
    "Oyelaran",
    "Thistlewood",
    "Kazemi",
    "Bergstrom",
    "Nakashima",
    "Okwuosa",
    "Vandermeer",
    "Lindqvist",
    "Abernathy",
    "Quintanilla",
    "Ferreira-Lobo",
    "Szczepanski",
    "Achterberg",
];
const CITIES: &[&str] = &[
    "Springfield",
    "Riverton",
    "Fairview",
    "Maple Grove",
    "Cedar Falls",
    "Oakdale",
    "Lakewood",
    "Georgetown",
    "Brookhaven",
    "Millbrook",
    "Ashland",
    "Clearwater",
    "Pine Bluff",
    "Greenville",
];
const STATES: &[&str] = &[
    "IL", "OH", "TX", "CA", "NY", "PA", "MI", "GA", "NC", "WA", "Ohio", "Texas", "New York",
];
const STREETS: &[&str] = &[
    "Elm",
    "Oak",
    "Maple",
    "Washington",
    "Lincoln",
    "Cedar",
    "Park",
    "Lakeview",
    "Hillcrest",
    "Sunset",
    "Main",
    "Church",
];
const SUFFIXES: &[&str] = &[
    "Street",
    "St.",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Drive",
    "Dr",
    "Lane",
    "Court",
    "Boulevard",
    "Way",
    "Place",
];
const COUNTIES: &[&str] = &[
    "Cook",
    "Franklin",
    "Harris",
    "Maricopa",
    "King",
    "Wayne",
    "Fulton",
    "Jefferson",
];
const ORG_DOMAINS: &[&str] = &[
    "stmarys-health.org",
    "riverbendclinic.com",
    "lakeside-med.org",
    "northvalleyhospital.org",
    "pinecrest-peds.com",
    "harborviewlabs.net",
    "summitcardiology.com",
    "greenfieldhealth.org",
];
const MALWARE: &[&str] = &[
    "LockBit",
    "BlackCat",
    "Qakbot",
    "Emotet",
    "Cobalt Strike",
    "Mimikatz",
    "IcedID",
    "Royal",
    "Akira",
    "Rhysida",
    "AsyncRAT",
    "Agent Tesla",
    "SocGholish",
    "Rclone",
    "AnyDesk",
    "PsExec",
    "Black Basta",
    "Medusa",
    "ScreenConnect",
    "Daixin",
];
const ROLES: &[&str] = &[
    "nurse",
    "billing clerk",
    "radiology technician",
    "receptionist",
    "pharmacist",
    "physician assistant",
    "IT administrator",
];
const WORDS: &[&str] = &[
    "secure", "login", "update", "invoice", "cdn", "portal", "verify", "docs", "share", "auth",
    "pay", "office", "mail", "sync", "cloud", "support", "account", "files", "drive", "sso",
];
const TLDS: &[&str] = &[
    "com", "net", "ru", "top", "xyz", "info", "online", "site", "io", "biz", "cn", "org",
];
const EXT: &[&str] = &[
    "exe", "dll", "js", "ps1", "hta", "lnk", "iso", "docm", "zip", "bat", "vbs", "msi",
];
const BASE32: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789abcdef";
const UPPER: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXY";
const UPNUM: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/// Builds a document piece by piece, recording labels.
pub struct Builder<'r> {
    pub doc: Doc,
    pub rng: &'r mut Rng,
}

impl<'r> Builder<'r> {
    pub fn t(&mut self, s: &str) -> &mut Self {
        self.doc.text.push_str(s);
        self
    }
    pub fn id(&mut self, class: &'static str, v: &str) -> &mut Self {
        let start = self.doc.text.len();
        self.doc.text.push_str(v);
        self.doc.identifiers.push(Label {
            span: start..self.doc.text.len(),
            class,
        });
        self
    }
    pub fn ind(&mut self, class: &'static str, v: &str) -> &mut Self {
        let start = self.doc.text.len();
        self.doc.text.push_str(v);
        self.doc.indicators.push(Label {
            span: start..self.doc.text.len(),
            class,
        });
        self
    }

    // ----- identifier values

    fn given(&mut self, rare: bool) -> String {
        if rare {
            self.rng.pick(RARE_GIVEN)
        } else {
            self.rng.pick(DICT_GIVEN)
        }
        .to_string()
    }
    fn surname(&mut self, rare: bool) -> String {
        if rare {
            self.rng.pick(RARE_SURNAMES)
        } else {
            self.rng.pick(DICT_SURNAMES)
        }
        .to_string()
    }
    /// A full name; rare names only where a cue introduces them.
    pub fn full_name(&mut self, cued: bool) -> String {
        let rare = cued && self.rng.chance(40);
        let g = self.given(rare);
        let rare_surname = rare && self.rng.chance(70);
        let s = self.surname(rare_surname);
        match self.rng.below(6) {
            0 => format!("{g} {}. {s}", char::from(*self.rng.pick(UPPER))),
            _ => format!("{g} {s}"),
        }
    }
    pub fn mrn(&mut self) -> String {
        match self.rng.below(4) {
            0 => self.rng.digits(7),
            1 => self.rng.digits(8),
            2 => format!(
                "{}{}",
                char::from(*self.rng.pick(UPPER)),
                self.rng.digits(7)
            ),
            _ => format!("00{}", self.rng.digits(6)),
        }
    }
    pub fn ssn(&mut self) -> String {
        let (a, b, c) = (
            self.rng.range(100, 899),
            self.rng.range(10, 99),
            self.rng.range(1000, 9999),
        );
        match self.rng.below(5) {
            0 => format!("{a} {b} {c}"),
            1 => format!("{a}{b}{c}"),
            _ => format!("{a}-{b}-{c}"),
        }
    }
    pub fn date(&mut self, year_lo: u64, year_hi: u64) -> String {
        let (y, m, d) = (
            self.rng.range(year_lo, year_hi),
            self.rng.range(1, 12),
            self.rng.range(1, 28),
        );
        const MONTHS: &[&str] = &[
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const ABBR: &[&str] = &[
            "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.",
            "Dec.",
        ];
        let mi = (m - 1) as usize;
        match self.rng.below(7) {
            0 => format!("{m:02}/{d:02}/{y}"),
            1 => format!("{m}/{d}/{y}"),
            2 => format!("{y}-{m:02}-{d:02}"),
            3 => format!("{} {d}, {y}", MONTHS[mi]),
            4 => format!("{d} {} {y}", MONTHS[mi]),
            5 => format!("{} {d}, {y}", ABBR[mi]),
            _ => format!("{m:02}-{d:02}-{y}"),
        }
    }
    pub fn phone(&mut self) -> String {
        let (a, b, c) = (
            self.rng.range(201, 989),
            self.rng.range(200, 999),
            self.rng.range(1000, 9999),
        );
        match self.rng.below(6) {
            0 => format!("({a}) {b}-{c}"),
            1 => format!("{a}-{b}-{c}"),
            2 => format!("{a}.{b}.{c}"),
            3 => format!("+1 {a} {b} {c}"),
            4 => format!("1-{a}-{b}-{c}"),
            _ => format!("({a}){b}-{c}"),
        }
    }
    pub fn street(&mut self) -> String {
        let n = self.rng.range(1, 9999);
        let name = self.rng.pick(STREETS).to_string();
        let suffix = self.rng.pick(SUFFIXES).to_string();
        let unit = match self.rng.below(4) {
            0 => format!(
                " Apt {}{}",
                self.rng.range(1, 30),
                char::from(*self.rng.pick(b"ABCD"))
            ),
            1 => format!(" Suite {}", self.rng.range(100, 900)),
            _ => String::new(),
        };
        let dir = if self.rng.chance(20) {
            format!("{} ", self.rng.pick(&["N.", "S.", "East", "West"]))
        } else {
            String::new()
        };
        format!("{n} {dir}{name} {suffix}{unit}")
    }
    pub fn zip(&mut self) -> String {
        if self.rng.chance(25) {
            format!("{}-{}", self.rng.digits(5), self.rng.digits(4))
        } else {
            self.rng.digits(5)
        }
    }
    pub fn internal_ip(&mut self) -> String {
        match self.rng.below(7) {
            0 => format!(
                "10.{}.{}.{}",
                self.rng.range(0, 255),
                self.rng.range(0, 255),
                self.rng.range(1, 254)
            ),
            1 => format!(
                "172.{}.{}.{}",
                self.rng.range(16, 31),
                self.rng.range(0, 255),
                self.rng.range(1, 254)
            ),
            2 => format!(
                "192.168.{}.{}",
                self.rng.range(0, 255),
                self.rng.range(1, 254)
            ),
            3 => format!(
                "169.254.{}.{}",
                self.rng.range(0, 255),
                self.rng.range(1, 254)
            ),
            4 => "127.0.0.1".to_string(),
            5 => format!(
                "fe80::{:x}:{:x}",
                self.rng.range(1, 0xffff),
                self.rng.range(1, 0xffff)
            ),
            _ => format!(
                "10.{}.{}.0/24",
                self.rng.range(0, 255),
                self.rng.range(0, 255)
            ),
        }
    }
    pub fn host(&mut self) -> String {
        let org = self.doc.org_domain.clone();
        match self.rng.below(6) {
            0 => format!("DESKTOP-{}", self.rng.chars(UPNUM, 7)),
            1 => format!(
                "{}-{}-{:02}",
                self.rng.pick(&["EHR", "PACS", "LAB", "RAD", "FIN"]),
                self.rng.pick(&["SRV", "DB", "APP", "WS"]),
                self.rng.range(1, 40)
            ),
            2 => format!("ws{:04}.{org}", self.rng.range(1, 9999)),
            3 => format!("fs{:02}.corp.local", self.rng.range(1, 20)),
            4 => format!("NURSE-PC-{:02}", self.rng.range(1, 60)),
            _ => format!("ehr-app{:02}.{org}", self.rng.range(1, 20)),
        }
    }
    pub fn login(&mut self) -> String {
        let g = self.rng.pick(DICT_GIVEN).to_ascii_lowercase();
        let s = self.rng.pick(DICT_SURNAMES).to_ascii_lowercase();
        match self.rng.below(4) {
            0 => format!("{}{s}", &g[..1]),
            1 => format!("{g}.{s}"),
            2 => format!("{}{s}{}", &g[..1], self.rng.range(1, 99)),
            _ => format!("{s}{}", &g[..1]),
        }
    }
    pub fn org_email(&mut self) -> String {
        let login = self.login();
        format!("{login}@{}", self.doc.org_domain)
    }
    pub fn personal_email(&mut self) -> String {
        let g = self.rng.pick(DICT_GIVEN).to_ascii_lowercase();
        let s = self.rng.pick(DICT_SURNAMES).to_ascii_lowercase();
        let d = self
            .rng
            .pick(&[
                "gmail.com",
                "yahoo.com",
                "hotmail.com",
                "outlook.com",
                "aol.com",
                "icloud.com",
            ])
            .to_string();
        format!("{g}.{s}{}@{d}", self.rng.range(1, 99))
    }
    pub fn health_plan(&mut self) -> String {
        match self.rng.below(3) {
            0 => format!("{}{}{}", self.rng.chars(UPPER, 3), self.rng.digits(9), ""),
            1 => {
                let c = |r: &mut Rng, a: &[u8]| char::from(*r.pick(a));
                let l: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";
                let n: &[u8] = b"0123456789";
                let r = &mut *self.rng;
                format!(
                    "{}{}{}{}-{}{}{}-{}{}{}{}",
                    c(r, b"123456789"),
                    c(r, l),
                    c(r, n),
                    c(r, n),
                    c(r, l),
                    c(r, n),
                    c(r, n),
                    c(r, l),
                    c(r, l),
                    c(r, n),
                    c(r, n)
                )
            }
            _ => format!("W{}", self.rng.digits(9)),
        }
    }
    pub fn account(&mut self) -> String {
        match self.rng.below(3) {
            0 => self.rng.digits(10),
            1 => format!(
                "4{} {} {} {}",
                self.rng.digits(3),
                self.rng.digits(4),
                self.rng.digits(4),
                self.rng.digits(4)
            ),
            _ => format!("{}-{}", self.rng.digits(4), self.rng.digits(6)),
        }
    }
    pub fn license(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("{}{}", self.rng.chars(UPPER, 2), self.rng.digits(7)),
            1 => self.rng.digits(10),
            2 => format!(
                "D{}-{}-{}",
                self.rng.digits(3),
                self.rng.digits(4),
                self.rng.digits(4)
            ),
            _ => format!("RN{}", self.rng.digits(6)),
        }
    }
    pub fn plate(&mut self) -> String {
        match self.rng.below(2) {
            0 => format!(
                "{}{}{}",
                self.rng.range(1, 9),
                self.rng.chars(UPPER, 3),
                self.rng.digits(3)
            ),
            _ => format!("{}-{}", self.rng.chars(UPPER, 3), self.rng.digits(4)),
        }
    }
    pub fn vin(&mut self) -> String {
        let alphabet: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        format!("1{}{}", self.rng.chars(alphabet, 10), self.rng.digits(6))
    }
    pub fn serial(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("SN{}", self.rng.digits(8)),
            1 => format!("{}{}", self.rng.chars(UPPER, 2), self.rng.digits(6)),
            2 => self.rng.digits(15),
            _ => format!(
                "{}-{}-{}",
                self.rng.pick(&["PMP", "ALR", "INF", "MON"]),
                self.rng.digits(5),
                self.rng.chars(UPPER, 1)
            ),
        }
    }
    pub fn mac(&mut self) -> String {
        (0..6)
            .map(|_| self.rng.chars(HEX, 2))
            .collect::<Vec<_>>()
            .join(if self.rng.chance(50) { ":" } else { "-" })
    }

    // ----- indicator values

    pub fn public_ip(&mut self) -> String {
        loop {
            let a = self.rng.range(1, 223);
            if matches!(a, 10 | 127 | 100 | 169 | 172 | 192) {
                continue;
            }
            return format!(
                "{a}.{}.{}.{}",
                self.rng.range(0, 255),
                self.rng.range(0, 255),
                self.rng.range(1, 254)
            );
        }
    }
    pub fn domain(&mut self) -> String {
        let a = self.rng.pick(WORDS).to_string();
        let b = self.rng.pick(WORDS).to_string();
        let t = self.rng.pick(TLDS).to_string();
        if self.rng.chance(50) {
            format!("{a}-{b}.{t}")
        } else {
            format!("{a}{b}{}.{t}", self.rng.range(1, 99))
        }
    }
    pub fn url(&mut self) -> String {
        let d = self.domain();
        let p = self.rng.pick(WORDS).to_string();
        let scheme = if self.rng.chance(70) { "https" } else { "http" };
        match self.rng.below(3) {
            0 => format!("{scheme}://{d}/{p}/{}.php", self.rng.pick(WORDS)),
            1 => format!("{scheme}://{d}/{p}?id={}", self.rng.chars(HEX, 12)),
            _ => format!("{scheme}://{d}/{p}/"),
        }
    }
    pub fn sender(&mut self) -> String {
        let d = self.domain();
        let l = self
            .rng
            .pick(&[
                "billing",
                "hr-payroll",
                "noreply",
                "it-support",
                "accounts",
                "docusign",
                "security",
            ])
            .to_string();
        format!("{l}@{d}")
    }
    pub fn hash(&mut self) -> String {
        let n = *self.rng.pick(&[32usize, 40, 64, 64]);
        self.rng.chars(HEX, n)
    }
    pub fn cve(&mut self) -> String {
        format!(
            "CVE-{}-{}",
            self.rng.range(2017, 2025),
            self.rng.range(1000, 49999)
        )
    }
    pub fn attack(&mut self) -> String {
        if self.rng.chance(50) {
            format!("T{}", self.rng.range(1001, 1659))
        } else {
            format!(
                "T{}.{:03}",
                self.rng.range(1001, 1659),
                self.rng.range(1, 12)
            )
        }
    }
    pub fn file(&mut self) -> String {
        let w = self.rng.pick(WORDS).to_string();
        let e = self.rng.pick(EXT).to_string();
        format!(
            "{w}_{}.{e}",
            self.rng.chars(b"abcdefghijklmnopqrstuvwxyz", 4)
        )
    }
    pub fn onion(&mut self) -> String {
        format!("{}.onion", self.rng.chars(BASE32, 56))
    }
    pub fn wallet(&mut self) -> String {
        match self.rng.below(3) {
            0 => format!("bc1q{}", self.rng.chars(BECH32, 38)),
            1 => format!("1{}", self.rng.chars(BASE58, 33)),
            _ => format!("0x{}", self.rng.chars(HEX, 40)),
        }
    }
    pub fn malware(&mut self) -> String {
        self.rng.pick(MALWARE).to_string()
    }
}

type Sentence = fn(&mut Builder);

/// The first this many sentences carry identifiers; the rest carry indicators only.
const IDENT_SENTENCES: usize = 31;

/// Sentences, each carrying identifiers and indicators in a different phrasing.
const SENTENCES: &[Sentence] = &[
    |b| {
        let n = b.full_name(true);
        let m = b.mrn();
        let d = b.date(1925, 2005);
        b.t("Patient ")
            .id("name", &n)
            .t(" (MRN ")
            .id("mrn", &m)
            .t(", DOB ")
            .id("date", &d)
            .t(") was scheduled for imaging when the EHR went offline.");
    },
    |b| {
        let n = b.full_name(false);
        let role = b.rng.pick(ROLES).to_string();
        let s = b.sender();
        b.id("name", &n)
            .t(&format!(", a {role}, received a phishing email from "))
            .ind("email", &s)
            .t(" with an attachment.");
    },
    |b| {
        let ssn = b.ssn();
        let hp = b.health_plan();
        b.t("The exfiltrated spreadsheet held SSN ")
            .id("ssn", &ssn)
            .t(" and member ID ")
            .id("health-plan", &hp)
            .t(" among other rows.");
    },
    |b| {
        let n = b.full_name(true);
        let p = b.phone();
        let e = b.org_email();
        b.t("Please contact our privacy officer ")
            .id("name", &n)
            .t(" at ")
            .id("phone", &p)
            .t(" or ")
            .id("org-email", &e)
            .t(".");
    },
    |b| {
        let rare = b.rng.chance(40);
        let s = b.surname(rare);
        b.t("Dr. ")
            .id("name", &s)
            .t(" noticed that the scheduling system was encrypting files.");
    },
    |b| {
        let n = b.full_name(false);
        let h = b.host();
        let ip = b.internal_ip();
        let pip = b.public_ip();
        b.id("name", &n)
            .t("'s workstation ")
            .id("host", &h)
            .t(" (")
            .id("internal-ip", &ip)
            .t(") connected to ")
            .ind("ipv4", &pip)
            .t(" over port 443.");
    },
    |b| {
        let st = b.street();
        let city = b.rng.pick(CITIES).to_string();
        let state = b.rng.pick(STATES).to_string();
        let z = b.zip();
        b.t("The patient lives at ")
            .id("address", &st)
            .t(", ")
            .id("city", &city)
            .t(&format!(", {state} "))
            .id("zip", &z)
            .t(".");
    },
    |b| {
        let age = b.rng.range(90, 104).to_string();
        let form = b.rng.below(3);
        match form {
            0 => b
                .t("A ")
                .id("age", &format!("{age}-year-old"))
                .t(" patient's chart was viewed by the intruder."),
            1 => b
                .t("The records of a patient aged ")
                .id("age", &age)
                .t(" were copied."),
            _ => b
                .t("One affected patient is ")
                .id("age", &age)
                .t(" years old."),
        };
    },
    |b| {
        let p = b.phone();
        let x = b.rng.range(1000, 9999).to_string();
        b.t("Staff were told to call the help desk at ")
            .id("phone", &p)
            .t(" ext. ")
            .id("phone", &x)
            .t(" before resetting passwords.");
    },
    |b| {
        let p = b.phone();
        b.t("Lab results were faxed to fax ")
            .id("fax", &p)
            .t(" by mistake.");
    },
    |b| {
        let e = b.personal_email();
        b.t("The patient's personal email ")
            .id("email", &e)
            .t(" was found in the leaked file.");
    },
    |b| {
        let m = b.mrn();
        let form = b.rng.below(5);
        let cue = [
            "MRN: ",
            "medical record number ",
            "MR# ",
            "chart number ",
            "patient ID ",
        ][form];
        b.t("Ticket notes listed ")
            .t(cue)
            .id("mrn", &m)
            .t(" as the first record accessed.");
    },
    |b| {
        let hp = b.health_plan();
        let cue = *b.rng.pick(&[
            "Medicare ID ",
            "insurance ID ",
            "policy number ",
            "subscriber ID ",
            "member number ",
        ]);
        b.t("Claims were submitted under ")
            .t(cue)
            .id("health-plan", &hp)
            .t(".");
    },
    |b| {
        let a = b.account();
        let cue = *b.rng.pick(&[
            "account number ",
            "credit card ",
            "bank account ",
            "billing account ",
        ]);
        b.t("The attacker changed the direct deposit to ")
            .t(cue)
            .id("account", &a)
            .t(".");
    },
    |b| {
        let l = b.license();
        let cue = *b.rng.pick(&[
            "DEA number ",
            "NPI ",
            "driver's license ",
            "license number ",
            "certificate number ",
        ]);
        b.t("The stolen prescriber profile showed ")
            .t(cue)
            .id("license", &l)
            .t(".");
    },
    |b| {
        let p = b.plate();
        let v = b.vin();
        b.t("Security footage showed a car with license plate ")
            .id("vehicle", &p)
            .t(" and VIN ")
            .id("vehicle", &v)
            .t(" in the garage.");
    },
    |b| {
        let s = b.serial();
        let m = b.mac();
        b.t("The infusion pump (serial number ")
            .id("device", &s)
            .t(", MAC ")
            .id("device", &m)
            .t(") talked to the C2 server.");
    },
    |b| {
        let org = b.doc.org_domain.clone();
        let n = b.rng.range(10000, 99999);
        let u = match b.rng.below(3) {
            0 => format!("https://portal.{org}/patient/{n}"),
            1 => "http://intranet/hr/payroll".to_string(),
            _ => format!("http://{}/admin/login", b.internal_ip().replace("/24", "")),
        };
        b.t("The attacker browsed ")
            .id("url", &u)
            .t(" using stolen credentials.");
    },
    |b| {
        let h = b.host();
        b.t("Lateral movement reached hostname ")
            .id("host", &h)
            .t(" within an hour.");
    },
    |b| {
        let u = b.login();
        match b.rng.below(5) {
            0 => b
                .t("The user ")
                .id("user", &u)
                .t(" approved an MFA push at 02:14."),
            1 => b
                .t("Logs show username ")
                .id("user", &u)
                .t(" signing in from a new country."),
            2 => b
                .t("Credentials for CORP\\")
                .id("user", &u)
                .t(" were dumped from LSASS."),
            3 => b
                .t("A payload was written to C:\\Users\\")
                .id("user", &u)
                .t("\\AppData\\Roaming\\update.exe on the laptop."),
            _ => b
                .t("The VPN session was logged in as ")
                .id("user", &u)
                .t(" from abroad."),
        };
    },
    |b| {
        let e = b.org_email();
        let s = b.sender();
        b.t("The lure was sent from ")
            .ind("email", &s)
            .t(" to ")
            .id("org-email", &e)
            .t(".");
    },
    |b| {
        let v = format!("FP-{}-{}", b.rng.digits(4), b.rng.digits(4));
        let cue = *b
            .rng
            .pick(&["fingerprint template ", "biometric ID ", "iris scan "]);
        b.t("The badge system database exposed ")
            .t(cue)
            .id("biometric", &v)
            .t(" records.");
    },
    |b| {
        let f = format!(
            "{}_{}.{}",
            b.rng.pick(&["IMG", "patient_photo", "face", "DSC"]),
            b.rng.digits(4),
            b.rng.pick(&["jpg", "png", "jpeg", "heic"])
        );
        b.t("A wound-care photo ")
            .id("photo", &f)
            .t(" was attached to the ransom note.");
    },
    |b| {
        let v = format!("{}{}", b.rng.pick(&["E", "EMP", "B"]), b.rng.digits(6));
        let cue = *b
            .rng
            .pick(&["employee ID ", "badge number ", "claim number "]);
        b.t("HR confirmed ")
            .t(cue)
            .id("other-id", &v)
            .t(" belonged to the staff member.");
    },
    |b| {
        let c = b.rng.pick(COUNTIES).to_string();
        let city = b.rng.pick(CITIES).to_string();
        b.t("The patient is a resident of ")
            .id("city", &city)
            .t(" in ")
            .id("county", &format!("{c} County"))
            .t(".");
    },
    |b| {
        let d = b.date(2020, 2024);
        let n = b.full_name(true);
        b.t("The patient was admitted on ")
            .id("date", &d)
            .t(" and treated by Dr. ")
            .id("name", &n)
            .t(".");
    },
    |b| {
        let n = b.full_name(true);
        let role = *b.rng.pick(&[
            "Nurse ",
            "CFO ",
            "IT manager ",
            "Director ",
            "Mrs. ",
            "Mr. ",
        ]);
        b.t(role)
            .id("name", &n)
            .t(" reported the suspicious email to the service desk.");
    },
    |b| {
        let n = b.full_name(true);
        b.t("The ransom note addressed the patient's husband, ")
            .id("name", &n)
            .t(", by name.");
    },
    |b| {
        let d = b.date(1930, 2000);
        b.t("Her date of birth, ")
            .id("date", &d)
            .t(", was visible in the screenshot.");
    },
    |b| {
        let s = b.ssn();
        b.t("Social security number ")
            .id("ssn", &s)
            .t(" appeared on the dark web.");
    },
    |b| {
        let g = b.full_name(false);
        b.t("Help desk tickets were opened by ")
            .id("name", &g)
            .t(" after the outage.");
    },
    // Indicator-heavy sentences.
    |b| {
        let d = b.domain();
        let ip = b.public_ip();
        b.t("The beacon resolved ")
            .ind("domain", &d)
            .t(" to ")
            .ind("ipv4", &ip)
            .t(" every 60 seconds.");
    },
    |b| {
        let u = b.url();
        let f = b.file();
        b.t("The payload was downloaded from ")
            .ind("url", &u)
            .t(" and saved as ")
            .ind("file", &f)
            .t(".");
    },
    |b| {
        let h = b.hash();
        let m = b.malware();
        b.t("The sample (")
            .ind("hash", &h)
            .t(") was identified as ")
            .ind("malware", &m)
            .t(".");
    },
    |b| {
        let c = b.cve();
        let t = b.attack();
        b.t("Initial access exploited ")
            .ind("cve", &c)
            .t(" (")
            .ind("attack", &t)
            .t(") on the VPN appliance.");
    },
    |b| {
        let o = b.onion();
        let w = b.wallet();
        b.t("The ransom portal ")
            .ind("onion", &o)
            .t(" demanded payment to ")
            .ind("wallet", &w)
            .t(".");
    },
    |b| {
        let m = b.malware();
        let m2 = b.malware();
        let t = b.attack();
        b.t("Operators used ")
            .ind("malware", &m)
            .t(" and ")
            .ind("malware", &m2)
            .t(" for ")
            .ind("attack", &t)
            .t(".");
    },
    |b| {
        let s = b.sender();
        let ip = b.public_ip();
        b.t("Reply-to was set to ")
            .ind("email", &s)
            .t(" and the message came through ")
            .ind("ipv4", &ip)
            .t(".");
    },
];

/// Generates `n` narratives. Each gets a handful of sentences; every sentence kind is used
/// in turn so that each class appears throughout the corpus.
pub fn narratives(n: usize, seed: u64) -> Vec<Doc> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    let mut next = 0usize;
    for i in 0..n {
        let org = ORG_DOMAINS[i % ORG_DOMAINS.len()].to_string();
        let mut b = Builder {
            doc: Doc {
                org_domain: org,
                ..Doc::default()
            },
            rng: &mut rng,
        };
        let intro = *b.rng.pick(&[
            "Incident summary. ",
            "Timeline of the ransomware event:\n",
            "Summary for the ISAC: ",
            "",
            "Update from the security team. ",
        ]);
        b.t(intro);
        let count = 6 + b.rng.below(5);
        for s in 0..count {
            let f = if s % 3 == 2 {
                SENTENCES[IDENT_SENTENCES + b.rng.below(SENTENCES.len() - IDENT_SENTENCES)]
            } else {
                let f = SENTENCES[next % IDENT_SENTENCES];
                next += 1;
                f
            };
            f(&mut b);
            let sep = if b.rng.chance(15) { "\n" } else { " " };
            b.t(sep);
        }
        out.push(b.doc);
    }
    out
}

/// A generated STIX bundle with the values that must go and the values that must stay.
pub struct StixDoc {
    pub bundle: serde_json::Value,
    pub org_domain: String,
    pub identifiers: Vec<(&'static str, String)>,
    pub indicators: Vec<(&'static str, String)>,
}

fn uuid(rng: &mut Rng) -> String {
    let h = rng.chars(HEX, 32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

/// Generates `n` STIX bundles: a report whose description is a narrative, an individual
/// identity, internal and public observables, an e-mail message, indicators with patterns,
/// a sighting and relationships.
pub fn stix_reports(n: usize, seed: u64) -> Vec<StixDoc> {
    use serde_json::json;
    let docs = narratives(n, seed ^ 0x5717);
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for narrative in docs {
        let org = narrative.org_domain.clone();
        let mut identifiers: Vec<(&'static str, String)> = narrative
            .identifiers
            .iter()
            .map(|l| (l.class, narrative.value(l).to_string()))
            .collect();
        let mut indicators: Vec<(&'static str, String)> = narrative
            .indicators
            .iter()
            .map(|l| (l.class, narrative.value(l).to_string()))
            .collect();
        let mut b = Builder {
            doc: Doc {
                org_domain: org.clone(),
                ..Doc::default()
            },
            rng: &mut rng,
        };
        let person = b.full_name(false);
        let org_email = b.org_email();
        let login = b.login();
        let internal_ip = b.internal_ip().replace("/24", "");
        let public_ip = b.public_ip();
        let domain = b.domain();
        let sender = b.sender();
        let hash = b.hash();
        let host = format!("ehr{:02}.{org}", b.rng.range(1, 30));
        let patient = b.full_name(false);
        let ts = "2024-03-04T10:00:00.000Z";
        let ids: Vec<String> = (0..12).map(|_| uuid(b.rng)).collect();
        identifiers.extend([
            ("name", person.clone()),
            ("org-email", org_email.clone()),
            ("user", login.clone()),
            ("internal-ip", internal_ip.clone()),
            ("host", host.clone()),
            ("name", patient.clone()),
        ]);
        indicators.extend([
            ("ipv4", public_ip.clone()),
            ("domain", domain.clone()),
            ("email", sender.clone()),
            ("hash", hash.clone()),
        ]);
        let bundle = json!({
            "type": "bundle",
            "id": format!("bundle--{}", ids[0]),
            "objects": [
                {"type": "identity", "spec_version": "2.1", "id": format!("identity--{}", ids[1]), "created": ts, "modified": ts,
                 "name": person, "identity_class": "individual", "contact_information": org_email},
                {"type": "ipv4-addr", "spec_version": "2.1", "id": format!("ipv4-addr--{}", ids[2]), "value": internal_ip},
                {"type": "ipv4-addr", "spec_version": "2.1", "id": format!("ipv4-addr--{}", ids[3]), "value": public_ip},
                {"type": "domain-name", "spec_version": "2.1", "id": format!("domain-name--{}", ids[4]), "value": host},
                {"type": "email-addr", "spec_version": "2.1", "id": format!("email-addr--{}", ids[5]), "value": org_email},
                {"type": "email-addr", "spec_version": "2.1", "id": format!("email-addr--{}", ids[6]), "value": sender},
                {"type": "user-account", "spec_version": "2.1", "id": format!("user-account--{}", ids[7]), "account_login": login, "display_name": person},
                {"type": "email-message", "spec_version": "2.1", "id": format!("email-message--{}", ids[8]), "is_multipart": false,
                 "from_ref": format!("email-addr--{}", ids[6]), "to_refs": [format!("email-addr--{}", ids[5])],
                 "subject": format!("Lab results for {patient}"), "body": format!("Open the attached invoice from {domain} today.")},
                {"type": "indicator", "spec_version": "2.1", "id": format!("indicator--{}", ids[9]), "created": ts, "modified": ts,
                 "pattern": format!("[ipv4-addr:value = '{public_ip}'] OR [file:hashes.'SHA-256' = '{hash}']"), "pattern_type": "stix",
                 "valid_from": ts, "name": format!("C2 used against {}", org)},
                {"type": "indicator", "spec_version": "2.1", "id": format!("indicator--{}", ids[10]), "created": ts, "modified": ts,
                 "pattern": format!("[domain-name:value = '{host}']"), "pattern_type": "stix", "valid_from": ts},
                {"type": "observed-data", "spec_version": "2.1", "id": format!("observed-data--{}", ids[11]), "created": ts, "modified": ts,
                 "first_observed": ts, "last_observed": ts, "number_observed": 1,
                 "object_refs": [format!("ipv4-addr--{}", ids[2]), format!("ipv4-addr--{}", ids[3]), format!("email-message--{}", ids[8])]},
                {"type": "report", "spec_version": "2.1", "id": format!("report--{}", ids[0]), "created": ts, "modified": ts,
                 "name": "Ransomware intrusion", "published": ts, "report_types": ["threat-report"],
                 "description": narrative.text,
                 "object_refs": [format!("indicator--{}", ids[9]), format!("observed-data--{}", ids[11]), format!("identity--{}", ids[1])]}
            ]
        });
        // The organization's own domain is an identifier too (it names the member).
        identifiers.push(("org-domain", org.clone()));
        out.push(StixDoc {
            bundle,
            org_domain: org,
            identifiers,
            indicators,
        });
    }
    out
}
