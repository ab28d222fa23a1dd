//! The word sets and context cues, built once from [`crate::lists`] and shared by every
//! scrubber.

use std::sync::OnceLock;

use crate::lists;

/// A word list. The keys are short words from the scrubber's own lists; foldhash costs a
/// fraction of SipHash, which cost more than the rest of the per-token work put together.
pub(crate) type WordSet = foldhash::HashSet<&'static str>;
/// A map keyed by words of the scrubber's own lists (see [`WordSet`]).
pub(crate) type WordMap<V> = foldhash::HashMap<&'static str, V>;

/// What a context cue announces about the words that follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// "Dr.", "Mrs.": the next capitalized words are a name, whatever they are.
    Title,
    /// "patient", "nurse", "husband": the next capitalized words are a name.
    Role,
    Mrn,
    Ssn,
    Dob,
    HealthPlan,
    Account,
    License,
    Plate,
    Vin,
    Device,
    Biometric,
    /// "badge", "employee ID", "claim number": some other unique number.
    OtherId,
    Phone,
    Fax,
    Ext,
    Zip,
    /// "username", "logon": the next word is a user name, whatever it looks like.
    UserStrong,
    /// "user", "account": the next word is a user name if it looks like one.
    UserWeak,
    /// "hostname", "workstation": the next word is an internal host name.
    HostStrong,
    /// "server", "machine": the next word is a host name if it looks like one.
    HostWeak,
    Age,
    City,
    /// "Hi", "Dear", "Prepared by": the next capitalized word is a name if it is on a name
    /// list, even one that is also an ordinary word ("Hi Mark,").
    Greeting,
    /// "Regards,", "Thanks,": a name on a list may follow on the next line.
    SignOff,
    /// "From:", "To:", "Cc:" (with the colon): a known name follows.
    Header,
    /// "Address:", "Home:" (with the colon): the rest of the line is an address.
    AddressField,
}

const CUES: &[(&str, Cue)] = &[
    ("dr", Cue::Title),
    ("mr", Cue::Title),
    ("mrs", Cue::Title),
    ("ms", Cue::Title),
    ("miss", Cue::Title),
    ("mx", Cue::Title),
    ("prof", Cue::Title),
    // Police ranks: "Ofc. Tom Reyes", "Sgt. Ana Cruz".
    ("ofc", Cue::Title),
    ("sgt", Cue::Title),
    ("cpl", Cue::Title),
    ("professor", Cue::Title),
    ("rev", Cue::Title),
    ("sister", Cue::Title),
    ("doctor", Cue::Title),
    ("nurse", Cue::Title),
    ("patient", Cue::Role),
    ("pt", Cue::Role),
    ("physician", Cue::Role),
    ("surgeon", Cue::Role),
    ("employee", Cue::Role),
    ("staff member", Cue::Role),
    ("staffer", Cue::Role),
    ("technician", Cue::Role),
    ("tech", Cue::Role),
    ("analyst", Cue::Role),
    ("administrator", Cue::Role),
    ("manager", Cue::Role),
    ("director", Cue::Role),
    ("supervisor", Cue::Role),
    ("coordinator", Cue::Role),
    ("receptionist", Cue::Role),
    ("clerk", Cue::Role),
    ("pharmacist", Cue::Role),
    ("therapist", Cue::Role),
    ("resident", Cue::Role),
    ("intern", Cue::Role),
    ("attending", Cue::Role),
    ("husband", Cue::Role),
    ("wife", Cue::Role),
    ("son", Cue::Role),
    ("daughter", Cue::Role),
    ("mother", Cue::Role),
    ("father", Cue::Role),
    ("guardian", Cue::Role),
    ("spouse", Cue::Role),
    ("brother", Cue::Role),
    ("caregiver", Cue::Role),
    ("caller", Cue::Role),
    ("victim", Cue::Role),
    ("ceo", Cue::Role),
    ("cfo", Cue::Role),
    ("cio", Cue::Role),
    ("ciso", Cue::Role),
    ("cto", Cue::Role),
    ("coo", Cue::Role),
    ("colleague", Cue::Role),
    ("coworker", Cue::Role),
    ("co-worker", Cue::Role),
    ("contact", Cue::Role),
    ("officer", Cue::Role),
    ("named", Cue::Role),
    ("name", Cue::Role),
    ("provider", Cue::Role),
    ("dentist", Cue::Role),
    ("paramedic", Cue::Role),
    ("midwife", Cue::Role),
    ("practitioner", Cue::Role),
    ("radiologist", Cue::Role),
    ("anesthesiologist", Cue::Role),
    ("cardiologist", Cue::Role),
    ("oncologist", Cue::Role),
    ("pediatrician", Cue::Role),
    ("volunteer", Cue::Role),
    ("client", Cue::Role),
    ("member", Cue::Role),
    ("signed by", Cue::Role),
    ("reported by", Cue::Role),
    ("approved by", Cue::Role),
    ("submitted by", Cue::Role),
    ("authored by", Cue::Role),
    ("treated by", Cue::Role),
    ("seen by", Cue::Role),
    ("mrn", Cue::Mrn),
    ("mr", Cue::Mrn),
    ("mrn#", Cue::Mrn),
    ("medical record number", Cue::Mrn),
    ("medical record no", Cue::Mrn),
    ("medical record", Cue::Mrn),
    ("record number", Cue::Mrn),
    ("record no", Cue::Mrn),
    ("chart number", Cue::Mrn),
    ("chart no", Cue::Mrn),
    ("chart", Cue::Mrn),
    // The record or case number in the languages of the notes: German "Fallnummer",
    // "Fallnr.", "Patientennummer"; Italian "numero nosologico"; French "IPP" (identifiant
    // permanent du patient) and "numéro de dossier"; Spanish "historia clínica", "NHC";
    // Portuguese "prontuário"; Dutch "patiëntnummer".
    ("fallnummer", Cue::Mrn),
    ("fallnr", Cue::Mrn),
    ("patientennummer", Cue::Mrn),
    ("patientennr", Cue::Mrn),
    ("nosologico", Cue::Mrn),
    ("ipp", Cue::Mrn),
    ("numéro de dossier", Cue::Mrn),
    ("historia clínica", Cue::Mrn),
    ("nhc", Cue::Mrn),
    ("prontuário", Cue::Mrn),
    ("prontuario", Cue::Mrn),
    ("patiëntnummer", Cue::Mrn),
    ("patient id", Cue::Mrn),
    ("patient number", Cue::Mrn),
    ("patient identifier", Cue::Mrn),
    ("patient account", Cue::Mrn),
    ("encounter number", Cue::Mrn),
    ("encounter id", Cue::Mrn),
    ("visit number", Cue::Mrn),
    ("accession number", Cue::Mrn),
    ("case number", Cue::Mrn),
    ("ssn", Cue::Ssn),
    ("ss", Cue::Ssn),
    ("social security number", Cue::Ssn),
    ("social security no", Cue::Ssn),
    ("social security", Cue::Ssn),
    ("tin", Cue::Ssn),
    ("itin", Cue::Ssn),
    ("taxpayer id", Cue::Ssn),
    // National identity numbers by their own names: Czech and Slovak birth number, Polish
    // PESEL, Romanian CNP, Danish CPR, Swedish personnummer, Norwegian fødselsnummer,
    // Finnish henkilötunnus, Dutch BSN, Greek AMKA, Indonesian NIK, Brazilian CPF, Spanish
    // DNI, Russian SNILS (Cyrillic capitals are not lowered with ASCII), Arabic "identity
    // number", Thai "identification number".
    ("rodné číslo", Cue::Ssn),
    ("rodne cislo", Cue::Ssn),
    ("rč", Cue::Ssn),
    ("pesel", Cue::Ssn),
    ("cnp", Cue::Ssn),
    ("cpr", Cue::Ssn),
    ("cpr-nr", Cue::Ssn),
    ("personnummer", Cue::Ssn),
    ("fødselsnummer", Cue::Ssn),
    ("henkilötunnus", Cue::Ssn),
    ("hetu", Cue::Ssn),
    ("bsn", Cue::Ssn),
    ("amka", Cue::Ssn),
    ("αμκα", Cue::Ssn),
    ("ΑΜΚΑ", Cue::Ssn),
    ("nik", Cue::Ssn),
    ("cpf", Cue::Ssn),
    ("dni", Cue::Ssn),
    // Token lowering is ASCII only: a capital letter with a diacritic stays as written.
    ("rČ", Cue::Ssn),
    // Norwegian "fnr." (fødselsnummer), Danish "CPR-nummer", Croatian OIB, Chilean RUT,
    // Argentine CUIL/CUIT, Ukrainian RNOKPP and IPN (the taxpayer card number, the national
    // number in practice), Iranian "code melli" (کد ملی), Georgian "personal number"
    // (პირადი ნომერი), and a US number given by its last four digits.
    ("fnr", Cue::Ssn),
    ("cpr-nummer", Cue::Ssn),
    ("oib", Cue::Ssn),
    ("rut", Cue::Ssn),
    ("cuil", Cue::Ssn),
    ("cuit", Cue::Ssn),
    ("rnokpp", Cue::Ssn),
    ("рнокпп", Cue::Ssn),
    ("РНОКПП", Cue::Ssn),
    ("іпн", Cue::Ssn),
    ("ІПН", Cue::Ssn),
    ("code melli", Cue::Ssn),
    ("کد ملی", Cue::Ssn),
    ("شماره ملی", Cue::Ssn),
    ("პირადი ნომერი", Cue::Ssn),
    ("ssn last four", Cue::Ssn),
    ("ssn last 4", Cue::Ssn),
    ("снилс", Cue::Ssn),
    ("СНИЛС", Cue::Ssn),
    ("رقم الهوية", Cue::Ssn),
    ("رقم الهوية الوطنية", Cue::Ssn),
    ("เลขประจำตัวประชาชน", Cue::Ssn),
    ("dob", Cue::Dob),
    ("d.o.b", Cue::Dob),
    ("date of birth", Cue::Dob),
    ("birth date", Cue::Dob),
    ("birthdate", Cue::Dob),
    ("birthday", Cue::Dob),
    ("born", Cue::Dob),
    ("born on", Cue::Dob),
    ("born in", Cue::Dob),
    ("date of death", Cue::Dob),
    ("died", Cue::Dob),
    ("admitted", Cue::Dob),
    ("admitted on", Cue::Dob),
    ("discharged", Cue::Dob),
    ("discharged on", Cue::Dob),
    ("date of service", Cue::Dob),
    ("dos", Cue::Dob),
    ("admitted at", Cue::Dob),
    ("admission", Cue::Dob),
    ("admission time", Cue::Dob),
    ("admission date", Cue::Dob),
    ("arrived", Cue::Dob),
    ("arrived on the unit", Cue::Dob),
    ("arrived at", Cue::Dob),
    ("discharge time", Cue::Dob),
    ("discharge date", Cue::Dob),
    ("seen at", Cue::Dob),
    ("time of death", Cue::Dob),
    // A patient's next visit or appointment: the day and time of their care.
    ("next visit", Cue::Dob),
    ("next appointment", Cue::Dob),
    ("next appt", Cue::Dob),
    ("member id", Cue::HealthPlan),
    ("member number", Cue::HealthPlan),
    ("member no", Cue::HealthPlan),
    ("insurance id", Cue::HealthPlan),
    ("insurance number", Cue::HealthPlan),
    ("insurance member id", Cue::HealthPlan),
    ("insurance", Cue::HealthPlan),
    ("policy number", Cue::HealthPlan),
    ("policy no", Cue::HealthPlan),
    ("policy", Cue::HealthPlan),
    ("subscriber id", Cue::HealthPlan),
    ("subscriber number", Cue::HealthPlan),
    ("subscriber", Cue::HealthPlan),
    ("beneficiary number", Cue::HealthPlan),
    ("beneficiary id", Cue::HealthPlan),
    ("beneficiary", Cue::HealthPlan),
    ("medicare id", Cue::HealthPlan),
    ("medicare number", Cue::HealthPlan),
    ("medicare", Cue::HealthPlan),
    ("medicaid id", Cue::HealthPlan),
    ("medicaid number", Cue::HealthPlan),
    ("medicaid", Cue::HealthPlan),
    ("health plan id", Cue::HealthPlan),
    ("health plan number", Cue::HealthPlan),
    ("health plan", Cue::HealthPlan),
    ("plan id", Cue::HealthPlan),
    ("group number", Cue::HealthPlan),
    ("mbi", Cue::HealthPlan),
    // Hungarian TAJ (social insurance card number, "TAJ-szám") and Québec RAMQ health card.
    ("taj", Cue::HealthPlan),
    ("taj-szám", Cue::HealthPlan),
    ("ramq", Cue::HealthPlan),
    // New Zealand's National Health Index number, the patient's key across its health system.
    ("nhi", Cue::HealthPlan),
    ("hicn", Cue::HealthPlan),
    ("account number", Cue::Account),
    ("account no", Cue::Account),
    ("acct", Cue::Account),
    ("acct no", Cue::Account),
    ("account", Cue::Account),
    ("bank account", Cue::Account),
    ("routing number", Cue::Account),
    ("iban", Cue::Account),
    ("card number", Cue::Account),
    ("credit card", Cue::Account),
    ("card", Cue::Account),
    ("billing account", Cue::Account),
    ("license plate", Cue::Plate),
    ("licence plate", Cue::Plate),
    ("plate number", Cue::Plate),
    ("plate", Cue::Plate),
    ("tag number", Cue::Plate),
    ("vehicle registration", Cue::Plate),
    ("registration", Cue::Plate),
    ("car", Cue::Plate),
    ("vehicle", Cue::Plate),
    ("license", Cue::License),
    ("licence", Cue::License),
    ("license number", Cue::License),
    ("licence number", Cue::License),
    ("dea", Cue::License),
    ("dea number", Cue::License),
    ("dea registration", Cue::License),
    ("npi", Cue::License),
    ("npi number", Cue::License),
    ("certificate number", Cue::License),
    ("certificate no", Cue::License),
    ("certificate", Cue::License),
    ("certification number", Cue::License),
    ("driver's license", Cue::License),
    ("drivers license", Cue::License),
    ("driver license", Cue::License),
    ("dl", Cue::License),
    ("state license", Cue::License),
    ("permit", Cue::License),
    ("permit number", Cue::License),
    ("passport", Cue::License),
    ("passport number", Cue::License),
    ("vin", Cue::Vin),
    ("vehicle identification number", Cue::Vin),
    ("vehicle id", Cue::Vin),
    ("serial", Cue::Device),
    ("serial number", Cue::Device),
    ("serial no", Cue::Device),
    ("sn", Cue::Device),
    ("s/n", Cue::Device),
    ("device id", Cue::Device),
    ("device identifier", Cue::Device),
    ("device serial", Cue::Device),
    ("udi", Cue::Device),
    ("imei", Cue::Device),
    ("meid", Cue::Device),
    ("asset tag", Cue::Device),
    ("asset id", Cue::Device),
    ("asset number", Cue::Device),
    ("biometric", Cue::Biometric),
    ("biometric id", Cue::Biometric),
    ("biometric template", Cue::Biometric),
    ("fingerprint id", Cue::Biometric),
    ("fingerprint template", Cue::Biometric),
    ("retina scan", Cue::Biometric),
    ("retinal scan", Cue::Biometric),
    ("iris scan", Cue::Biometric),
    ("iris template", Cue::Biometric),
    ("voiceprint", Cue::Biometric),
    ("voice print", Cue::Biometric),
    ("face id", Cue::Biometric),
    ("faceprint", Cue::Biometric),
    ("palm scan", Cue::Biometric),
    ("palm vein", Cue::Biometric),
    ("badge", Cue::OtherId),
    ("badge number", Cue::OtherId),
    ("badge id", Cue::OtherId),
    ("employee id", Cue::OtherId),
    ("employee number", Cue::OtherId),
    ("employee no", Cue::OtherId),
    ("staff id", Cue::OtherId),
    ("claim number", Cue::OtherId),
    ("claim no", Cue::OtherId),
    ("claim", Cue::OtherId),
    ("prescription number", Cue::OtherId),
    ("rx", Cue::OtherId),
    ("rx number", Cue::OtherId),
    ("order number", Cue::OtherId),
    ("invoice number", Cue::OtherId),
    ("phone", Cue::Phone),
    ("phone number", Cue::Phone),
    ("telephone", Cue::Phone),
    ("tel", Cue::Phone),
    ("cell", Cue::Phone),
    ("cell phone", Cue::Phone),
    ("mobile", Cue::Phone),
    ("callback", Cue::Phone),
    // A call-back number, as call logs and nursing notes shorten it.
    ("cb", Cue::Phone),
    ("call back", Cue::Phone),
    ("pager", Cue::Phone),
    ("contact number", Cue::Phone),
    ("home phone", Cue::Phone),
    ("work phone", Cue::Phone),
    ("direct line", Cue::Phone),
    // A person giving their own number in a message, and a helpline's number in a letter.
    ("call me at", Cue::Phone),
    ("call me on", Cue::Phone),
    ("reach me at", Cue::Phone),
    ("reach me on", Cue::Phone),
    ("ping me at", Cue::Phone),
    ("text me at", Cue::Phone),
    ("helpline", Cue::Phone),
    ("helpline at", Cue::Phone),
    ("help line at", Cue::Phone),
    // The word for telephone, and its usual short forms, in the languages of the notes:
    // German, Polish, Czech, Romanian, Swedish, Danish, Norwegian ("telefon", "tlf"),
    // French, Spanish, Italian, Portuguese, Dutch, Indonesian, Russian, Greek, Thai,
    // Vietnamese ("điện thoại"), Arabic, Hindi.
    ("telefon", Cue::Phone),
    ("telefonu", Cue::Phone),
    ("tlf", Cue::Phone),
    ("mobil", Cue::Phone),
    ("handy", Cue::Phone),
    ("tél", Cue::Phone),
    ("téléphone", Cue::Phone),
    ("teléfono", Cue::Phone),
    ("telefono", Cue::Phone),
    ("telefone", Cue::Phone),
    ("fone", Cue::Phone),
    ("celular", Cue::Phone),
    ("telefoon", Cue::Phone),
    ("telepon", Cue::Phone),
    ("тел", Cue::Phone),
    ("телефон", Cue::Phone),
    ("τηλ", Cue::Phone),
    ("τηλέφωνο", Cue::Phone),
    ("โทร", Cue::Phone),
    ("โทรศัพท์", Cue::Phone),
    ("điện thoại", Cue::Phone),
    // Vietnamese "ĐT", "SĐT" (số điện thoại) as the ASCII-lowered text spells them.
    ("Đt", Cue::Phone),
    ("sĐt", Cue::Phone),
    ("đt", Cue::Phone),
    ("sđt", Cue::Phone),
    ("هاتف", Cue::Phone),
    ("الهاتف", Cue::Phone),
    ("फ़ोन", Cue::Phone),
    ("फोन", Cue::Phone),
    ("fax", Cue::Fax),
    ("fax number", Cue::Fax),
    ("facsimile", Cue::Fax),
    ("ext", Cue::Ext),
    ("extension", Cue::Ext),
    ("x", Cue::Ext),
    // A voicemail box is the extension it answers for (`Mailbox: 4417`).
    ("mailbox", Cue::Ext),
    // "Extension" in Spanish (Chile, Peru: "anexo"), Croatian
    // and Polish ("lokal", "wewn."), German ("Durchwahl"), Czech and Slovak ("klapka") and
    // Hungarian ("mellék").
    ("anexo", Cue::Ext),
    ("lokal", Cue::Ext),
    ("wewn", Cue::Ext),
    ("durchwahl", Cue::Ext),
    ("klapka", Cue::Ext),
    ("mellék", Cue::Ext),
    ("zip", Cue::Zip),
    ("zip code", Cue::Zip),
    ("zipcode", Cue::Zip),
    ("postal code", Cue::Zip),
    ("postcode", Cue::Zip),
    // Código postal (Mexico, Spain), Postleitzahl, Código de Endereçamento Postal (Brazil).
    ("c.p", Cue::Zip),
    ("plz", Cue::Zip),
    ("cep", Cue::Zip),
    ("username", Cue::UserStrong),
    ("user name", Cue::UserStrong),
    ("userid", Cue::UserStrong),
    ("user id", Cue::UserStrong),
    ("login", Cue::UserStrong),
    ("login name", Cue::UserStrong),
    ("logon", Cue::UserStrong),
    ("logon name", Cue::UserStrong),
    ("samaccountname", Cue::UserStrong),
    ("signed in as", Cue::UserStrong),
    ("logged in as", Cue::UserStrong),
    ("logged on as", Cue::UserStrong),
    ("uid", Cue::UserStrong),
    ("upn", Cue::UserStrong),
    ("account name", Cue::UserStrong),
    ("user account", Cue::UserStrong),
    ("password for", Cue::UserStrong),
    // sshd's `Accepted publickey for jdoe from ...`.
    ("publickey for", Cue::UserStrong),
    ("for user", Cue::UserStrong),
    ("invalid user", Cue::UserStrong),
    ("user", Cue::UserWeak),
    // The same word in the languages of the reports (a value still needs a login's shape).
    ("usuario", Cue::UserWeak),
    ("usuaria", Cue::UserWeak),
    ("usuário", Cue::UserWeak),
    ("usuária", Cue::UserWeak),
    ("utilisateur", Cue::UserWeak),
    ("utilisatrice", Cue::UserWeak),
    ("benutzer", Cue::UserWeak),
    ("benutzerin", Cue::UserWeak),
    ("użytkownik", Cue::UserWeak),
    ("użytkowniczka", Cue::UserWeak),
    ("utente", Cue::UserWeak),
    ("gebruiker", Cue::UserWeak),
    ("användare", Cue::UserWeak),
    ("bruger", Cue::UserWeak),
    ("bruker", Cue::UserWeak),
    ("kullanıcı", Cue::UserWeak),
    ("konto", Cue::UserWeak),
    ("hostname", Cue::HostStrong),
    ("host name", Cue::HostStrong),
    ("computer name", Cue::HostStrong),
    ("device name", Cue::HostStrong),
    ("workstation", Cue::HostStrong),
    ("host", Cue::HostWeak),
    ("server", Cue::HostWeak),
    ("computer", Cue::HostWeak),
    ("machine", Cue::HostWeak),
    ("endpoint", Cue::HostWeak),
    ("laptop", Cue::HostWeak),
    ("desktop", Cue::HostWeak),
    ("pc", Cue::HostWeak),
    ("domain controller", Cue::HostWeak),
    ("dc", Cue::HostWeak),
    ("file server", Cue::HostWeak),
    ("jump box", Cue::HostWeak),
    ("kiosk", Cue::HostWeak),
    ("terminal", Cue::HostWeak),
    ("vm", Cue::HostWeak),
    ("age", Cue::Age),
    ("aged", Cue::Age),
    ("lives in", Cue::City),
    ("lived in", Cue::City),
    ("resides in", Cue::City),
    ("resided in", Cue::City),
    ("resident of", Cue::City),
    ("residing in", Cue::City),
    ("home in", Cue::City),
    ("town of", Cue::City),
    ("city of", Cue::City),
    ("living in", Cue::City),
    ("village of", Cue::City),
    ("hometown", Cue::City),
    ("hometown of", Cue::City),
    ("moved to", Cue::City),
    ("address", Cue::AddressField),
    ("home address", Cue::AddressField),
    ("mailing address", Cue::AddressField),
    ("street address", Cue::AddressField),
    ("home", Cue::AddressField),
    ("residence", Cue::AddressField),
    ("addr", Cue::AddressField),
    ("adresse", Cue::AddressField),
    ("anschrift", Cue::AddressField),
    ("adres", Cue::AddressField),
    ("indirizzo", Cue::AddressField),
    ("dirección", Cue::AddressField),
    ("direccion", Cue::AddressField),
    ("domicilio", Cue::AddressField),
    ("endereço", Cue::AddressField),
    ("executed as", Cue::UserStrong),
    ("run as", Cue::UserStrong),
    ("ran as", Cue::UserStrong),
    ("running as", Cue::UserStrong),
    ("reset", Cue::UserWeak),
    ("logs show", Cue::UserWeak),
    ("targetdomainname", Cue::HostStrong),
    ("subjectdomainname", Cue::HostStrong),
    ("domainname", Cue::HostStrong),
    ("signing in to", Cue::HostWeak),
    ("signed in to", Cue::HostWeak),
    ("logged in to", Cue::HostWeak),
    ("logging in to", Cue::HostWeak),
    ("logged into", Cue::HostWeak),
    ("isolated", Cue::HostWeak),
    ("reimaged", Cue::HostWeak),
    ("scanned to", Cue::HostWeak),
    ("queue on", Cue::HostWeak),
    ("entered by", Cue::Greeting),
    ("opened by", Cue::Greeting),
    ("reporter", Cue::Greeting),
    ("t", Cue::Phone),
    ("m", Cue::Phone),
    ("f", Cue::Fax),
    ("requested by", Cue::Greeting),
    ("raised by", Cue::Greeting),
    ("documented by", Cue::Greeting),
    ("update from", Cue::Greeting),
    ("hi", Cue::Greeting),
    ("hello", Cue::Greeting),
    ("hey", Cue::Greeting),
    ("dear", Cue::Greeting),
    ("attn", Cue::Greeting),
    ("attention", Cue::Greeting),
    ("prepared by", Cue::Greeting),
    ("written by", Cue::Greeting),
    ("escalated by", Cue::Greeting),
    ("forwarded by", Cue::Greeting),
    ("assigned to", Cue::Greeting),
    ("contacted", Cue::Greeting),
    ("signed", Cue::Greeting),
    ("thanks", Cue::SignOff),
    ("thank you", Cue::SignOff),
    ("regards", Cue::SignOff),
    ("best regards", Cue::SignOff),
    ("kind regards", Cue::SignOff),
    ("sincerely", Cue::SignOff),
    ("cheers", Cue::SignOff),
    ("best", Cue::SignOff),
    ("from", Cue::Header),
    ("to", Cue::Header),
    ("cc", Cue::Header),
    ("bcc", Cue::Header),
    ("aan", Cue::Header),
    ("an", Cue::Header),
    ("para", Cue::Header),
    ("von", Cue::Header),
    ("de", Cue::Header),
    ("da", Cue::Header),
    ("od", Cue::Header),
    ("do", Cue::Header),
    ("a", Cue::Header),
    ("van", Cue::Header),
    ("från", Cue::Header),
    ("till", Cue::Header),
    ("targetusername", Cue::UserStrong),
    ("subjectusername", Cue::UserStrong),
    ("targetuser", Cue::UserStrong),
    ("accountname", Cue::UserStrong),
    ("account_name", Cue::UserStrong),
    ("user_name", Cue::UserStrong),
    ("src_user", Cue::UserStrong),
    ("dst_user", Cue::UserStrong),
    ("suser", Cue::UserStrong),
    ("duser", Cue::UserStrong),
    ("usr", Cue::UserStrong),
    ("logname", Cue::UserStrong),
    ("ruser", Cue::UserStrong),
    ("workstationname", Cue::HostStrong),
    // A Windows event's domain of the account (`Account Domain: CORP`): the organization's
    // NetBIOS domain.
    ("account domain", Cue::HostStrong),
    ("workstation name", Cue::HostStrong),
    ("computername", Cue::HostStrong),
    ("shost", Cue::HostStrong),
    ("dhost", Cue::HostStrong),
    ("src_host", Cue::HostStrong),
    ("dst_host", Cue::HostStrong),
    ("clientname", Cue::HostStrong),
    ("client name", Cue::HostStrong),
    ("client", Cue::HostWeak),
    ("source host", Cue::HostStrong),
    ("destination host", Cue::HostStrong),
    ("owner of", Cue::UserStrong),
    ("reviewed by", Cue::Role),
    ("checked by", Cue::Role),
    ("verified by", Cue::Role),
    ("printed by", Cue::Role),
    ("executed by", Cue::UserWeak),
    ("called from", Cue::Phone),
    ("reached at", Cue::Phone),
    ("reached on", Cue::Phone),
    ("reachable at", Cue::Phone),
    ("calling from", Cue::Phone),
    ("used by", Cue::UserWeak),
    ("opened at", Cue::Dob),
    ("opened on", Cue::Dob),
    ("accessed at", Cue::Dob),
    ("accessed on", Cue::Dob),
    ("viewed at", Cue::Dob),
    ("viewed on", Cue::Dob),
    ("negotiator", Cue::Role),
    ("attorney", Cue::Role),
    ("lawyer", Cue::Role),
    ("counsel", Cue::Role),
    ("representative", Cue::Role),
    ("investigator", Cue::Role),
    ("auditor", Cue::Role),
    ("pacjent", Cue::Role),
    ("pacjentka", Cue::Role),
    ("pacjent ka", Cue::Role),
    ("paciente", Cue::Role),
    ("patiënt", Cue::Role),
    ("patientin", Cue::Role),
    ("пациент", Cue::Role),
    ("пациентка", Cue::Role),
    ("ασθενής", Cue::Role),
    // "Patient" in Romanian, Czech, Indonesian, Malay, Ukrainian, Vietnamese, Arabic,
    // Persian, Hebrew, Thai and Hindi.
    ("pacient", Cue::Role),
    ("pacienta", Cue::Role),
    ("pacientul", Cue::Role),
    ("pacientă", Cue::Role),
    ("pacientka", Cue::Role),
    ("pasien", Cue::Role),
    ("pesakit", Cue::Role),
    ("пацієнт", Cue::Role),
    ("пацієнтка", Cue::Role),
    ("bệnh nhân", Cue::Role),
    ("المريض", Cue::Role),
    ("المريضة", Cue::Role),
    ("مريض", Cue::Role),
    ("مريضة", Cue::Role),
    ("بیمار", Cue::Role),
    ("מטופל", Cue::Role),
    ("מטופלת", Cue::Role),
    ("המטופל", Cue::Role),
    ("המטופלת", Cue::Role),
    ("ผู้ป่วย", Cue::Role),
    ("मरीज़", Cue::Role),
    ("मरीज", Cue::Role),
    ("रोगी", Cue::Role),
    // Nurses and doctors in those languages.
    ("perawat", Cue::Role),
    ("suster", Cue::Role),
    ("asistenta", Cue::Role),
    ("الممرض", Cue::Role),
    ("الممرضة", Cue::Role),
    ("الطبيب", Cue::Role),
    ("الطبيبة", Cue::Role),
    ("האחות", Cue::Role),
    ("הרופא", Cue::Role),
    ("הרופאה", Cue::Role),
    ("พยาบาล", Cue::Role),
    ("แพทย์", Cue::Role),
    ("नर्स", Cue::Role),
    ("डॉक्टर", Cue::Role),
    // Honorifics: Thai khun, nai, nang, nangsao; Hindi shri, shrimati; Arabic sayyid,
    // sayyida, doctor; Hebrew mar; Indonesian bapak, ibu; Romanian domnul, doamna.
    ("คุณ", Cue::Title),
    ("นาย", Cue::Title),
    ("นาง", Cue::Title),
    ("นางสาว", Cue::Title),
    ("श्री", Cue::Title),
    ("श्रीमती", Cue::Title),
    ("डॉ", Cue::Title),
    ("السيد", Cue::Title),
    ("السيدة", Cue::Title),
    ("الدكتور", Cue::Title),
    ("الدكتورة", Cue::Title),
    ("מר", Cue::Title),
    ("גברת", Cue::Title),
    ("bapak", Cue::Title),
    ("ibu", Cue::Title),
    ("domnul", Cue::Title),
    ("doamna", Cue::Title),
    ("患者", Cue::Role),
    ("환자", Cue::Role),
    ("good morning", Cue::Greeting),
    ("good afternoon", Cue::Greeting),
    ("good evening", Cue::Greeting),
    ("morning", Cue::Greeting),
];

/// The words for a patient, a member of staff and a report's author ("prepared by",
/// "written by") in many languages, each announcing the person's name after it
/// ([`Cue::Role`]). A word opening with a capital beyond ASCII (Cyrillic, Greek, Armenian,
/// Latin with a diacritic) is matched in its capitalized form too: token lowering is ASCII
/// only. Ordinary words of another language that a capitalized place or word may follow
/// ("hasta" is Spanish "until") are left out.
const INTL_ROLES: &[&str] = &[
    // Patient.
    "pasiënt", "pacienti", "ታካሚ", "հիվանդ", "հիվանդը", "xəstə", "gaixoa", "gaixo", "пацыент",
    "রোগী", "রোগীর", "pacijent", "pacijentica", "pacijentkinja", "пацијент", "пацијентка",
    "pacientas", "pacientė", "pacients", "paciente", "patsient", "pasyente",
    "potilas", "patiente", "პაციენტი", "પેશન્ટ", "દર્દી", "majiyyaci", "sjúklingur",
    "othar", "paziente", "ರೋಗಿ", "науқас", "អ្នកជំងឺ", "бейтап", "ຄົນເຈັບ", "pazjent",
    "രോഗി", "रुग्ण", "өвчтөн", "बिरामी", "pasient", "ناروغ", "ਮਰੀਜ਼", "රෝගියා", "bukaan",
    "mgonjwa", "mteja", "நோயாளி", "రోగి", "مریض", "bemor", "claf", "isigulana",
    "isiguli", "бемор", "hassa", "လူနာ", "pacientja", "pacjentem",
    // Employee, member of staff, nurse.
    "werknemer", "personeellid", "punonjësi", "punonjës", "punonjësja", "ሰራተኛ", "աշխատակից",
    "işçi", "əməkdaş", "langilea", "langileak", "langile", "супрацоўнік", "супрацоўніца",
    "কর্মী", "কর্মচারী", "zaposlenik", "zaposlenica", "djelatnik", "djelatnica", "radnik",
    "radnica", "служител", "служителка", "empleat", "empleada", "l'empleat", "l'empleada",
    "treballador", "treballadora", "員工", "员工", "职员", "職員", "zaměstnanec",
    "zaměstnankyně", "medarbejder", "medewerker", "medewerkster", "töötaja", "empleyado",
    "kawani", "työntekijä", "employé", "employée", "l'employé", "l'employée", "salarié",
    "salariée", "empregado", "empregada", "traballador", "traballadora", "თანამშრომელი",
    "mitarbeiter", "mitarbeiterin", "υπάλληλος", "εργαζόμενος", "εργαζόμενη", "કર્મચારી",
    "ma'aikaci", "עובד", "העובד", "עובדת", "העובדת", "कर्मचारी", "munkatárs", "alkalmazott",
    "starfsmaður", "starfsmann", "karyawan", "pegawai", "fostaí", "dipendente", "impiegato",
    "impiegata", "職員", "従業員", "社員", "ಉದ್ಯೋಗಿ", "ಸಿಬ್ಬಂದಿ", "қызметкер", "បុគ្គលិក",
    "직원", "қызматкер", "кызматкер", "darbinieks", "darbiniece", "darbuotojas", "darbuotoja",
    "вработениот", "вработената", "вработен", "вработена", "pekerja", "kakitangan",
    "ജീവനക്കാരൻ", "ജീവനക്കാരി", "impjegat", "impjegata", "ажилтан", "ansatt", "medarbeider",
    "کارکوونکی", "کارمند", "pracownik", "pracownica", "funcionário", "funcionária",
    "funcionario", "funcionaria", "colaborador", "colaboradora", "ਕਰਮਚਾਰੀ", "angajatul",
    "angajata", "сотрудник", "сотрудница", "работник", "работница", "запослени",
    "запослена", "zaposleni", "zaposlena", "සේවකයා", "zamestnanec", "zamestnankyňa",
    "delavec", "delavka", "shaqaalaha", "empleado", "trabajador", "trabajadora", "mfanyakazi",
    "anställd", "medarbetare", "ஊழியர்", "ఉద్యోగి", "พนักงาน", "çalışan", "personel",
    "працівник", "працівниця", "співробітник", "співробітниця", "ملازم", "ملازمہ", "xodim",
    "nhân viên", "gweithiwr", "umsebenzi", "osise", "isisebenzi", "корманд", "ဝန်ထမ်း",
    "infermier", "infermera", "enfermero", "enfermera", "infirmier", "infirmière",
    "verpleegkundige", "sykepleier", "sjuksköterska", "sygeplejerske", "pielęgniarka",
    "медсестра", "медсестрата", "медицинска сестра", "muuguzi", "verpleegster",
    // The author of a report: "prepared by", "written by", "reported by", "author".
    "opgestel deur", "geskryf deur", "gerapporteer deur", "përgatiti", "përgatitur nga",
    "hartoi", "ያዘጋጀው", "կազմեց", "hazırladı", "tərtib etdi", "egilea", "idazlea",
    "падрыхтаваў", "падрыхтавала", "প্রস্তুতকারী", "প্রস্তুতকারক", "লিখেছেন", "প্রতিবেদক",
    "pripremio", "pripremila", "sastavio", "sastavila", "изготвил", "изготвила", "подготвил",
    "подготвила", "redactat per", "elaborat per", "preparat per", "informat per", "填表人",
    "撰写人", "撰寫人", "报告人", "報告人", "填报人", "填報人", "vypracoval", "vypracovala",
    "zpracoval", "zpracovala", "sepsal", "sepsala", "udarbejdet af", "skrevet af",
    "opgesteld door", "geschreven door", "gemeld door", "koostas", "koostaja",
    "inihanda ni", "isinulat ni", "laatinut", "laati", "kirjoittanut", "rédigé par",
    "rédigée par", "établi par", "préparé par", "signalé par", "redactado por",
    "elaborado por", "preparado por", "informado por", "redixido por", "მოამზადა",
    "erstellt von", "verfasst von", "gemeldet von", "verfasser", "verfasserin",
    "συντάχθηκε από", "συντάκτης", "συντάκτρια", "તૈયાર કરનાર", "נכתב על ידי",
    "הוכן על ידי", "तैयारकर्ता", "तैयार कर्ता", "készítette", "írta", "skráð af",
    "skrifað af", "tekið saman af", "disusun oleh", "ditulis oleh", "dilaporkan oleh",
    "dibuat oleh", "scríofa ag", "ullmhaithe ag", "redatto da", "compilato da",
    "preparato da", "segnalato da", "作成者", "記入者", "報告者", "ತಯಾರಿಸಿದವರು",
    "дайындаған", "រៀបចំដោយ", "작성자", "보고자", "sagatavoja", "sastādīja", "parengė",
    "parengusi", "surašė", "disediakan oleh", "imħejji minn", "miktub minn", "തയ്യാറാക്കിയത്",
    "तयार केले", "бэлтгэсэн", "तयार गर्ने", "utarbeidet av", "skrevet av",
    "تهیه‌کننده", "تهیه کننده", "sporządził", "sporządziła", "przygotował", "przygotowała",
    "redigido por", "relatado por", "întocmit de", "redactat de", "raportat de", "составил",
    "составила", "подготовил", "подготовила", "саставио", "саставила", "припремио",
    "припремила", "සකස් කළේ", "spracoval", "spracovala", "pripravil", "pripravila",
    "sestavil", "sestavila", "diyaariyey", "imeandikwa na", "imeandaliwa na", "mwandishi",
    "upprättad av", "skriven av", "sammanställd av", "தயாரித்தவர்", "తయారుచేసినవారు",
    "ผู้จัดทำ", "ผู้รายงาน", "จัดทำโดย", "hazırlayan", "raporlayan", "склав", "склала",
    "підготував", "підготувала", "تیار کردہ", "مرتب کردہ", "tayyorladi", "người lập",
    "người báo cáo", "paratowyd gan", "ysgrifennwyd gan", "kulungiselelwe ngu",
    "kubhalwe ngu", "ilungiselelwe ngu", "тартиб дод", "autor", "autorka", "автор",
    "auteur", "awdur", "mwandishi wa ripoti", "wanda ya shirya", "wadda ta shirya",
];

/// Whether `word` (any case) opens one of [`INTL_ROLES`]: a role word of a language other
/// than English, which a name in capitals after it (`Mgonjwa KIBET Hodari`) may follow
/// without a label's colon.
pub(crate) fn intl_role(word: &str) -> bool {
    let lower = word.to_lowercase();
    INTL_ROLES
        .iter()
        .any(|r| r.split(' ').next() == Some(lower.as_str()))
}

/// A phrase with its first letter capitalized, when that letter is beyond ASCII and has a
/// capital of its own (`пациент` -> `Пациент`): built once, kept for the process.
fn capitalized(phrase: &'static str) -> Option<&'static str> {
    let mut chars = phrase.chars();
    let first = chars.next()?;
    if first.is_ascii() {
        return None;
    }
    let upper: String = first.to_uppercase().collect();
    if upper.chars().eq(std::iter::once(first)) {
        return None;
    }
    Some(Box::leak(format!("{upper}{}", chars.as_str()).into_boxed_str()))
}

/// Bits of [`Vocab::flags`]: which lists a lowercase word is on.
pub mod flag {
    pub const GIVEN: u32 = 1;
    pub const SURNAME: u32 = 1 << 1;
    pub const COMMON: u32 = 1 << 2;
    pub const THREAT: u32 = 1 << 3;
    pub const NEVER: u32 = 1 << 4;
    pub const FILLER: u32 = 1 << 5;
    pub const STOP: u32 = 1 << 6;
    pub const STREET: u32 = 1 << 7;
    pub const UNIT: u32 = 1 << 8;
    pub const STATE_CODE: u32 = 1 << 9;
    pub const STATE_FIRST: u32 = 1 << 10;
    pub const MONTH: u32 = 1 << 11;
    pub const CUE: u32 = 1 << 12;
    pub const COUNT: u32 = 1 << 13;
    pub const THREAT_FIRST: u32 = 1 << 14;
    /// On the census given-name list (and not an English word).
    pub const CENSUS_GIVEN: u32 = 1 << 15;
    /// On the census surname list (and not an English word).
    pub const CENSUS_SURNAME: u32 = 1 << 16;
    /// A census name that is also an English word: a name only in a name's position.
    pub const NAME_WORD: u32 = 1 << 17;
    /// A place of 1,000 people or more (GeoNames).
    pub const PLACE: u32 = 1 << 18;
    /// Capitalized letters of a script without Latin letters (Cyrillic, Greek, CJK...).
    pub const NON_LATIN: u32 = 1 << 19;
    /// A street-type word written before the street's name (`rue`, `ul`, `calle`).
    pub const STREET_BEFORE: u32 = 1 << 20;
    /// A street-type word of another language written after the name (`allee`, `sokak`).
    pub const STREET_AFTER: u32 = 1 << 21;
    /// The first word of a phrase announcing an address (`address`, `adresa`, `住所`).
    pub const ADDRESS_CUE: u32 = 1 << 22;
}

/// Everything the rules look words up in.
pub struct Vocab {
    pub given: WordSet,
    pub surnames: WordSet,
    pub common: WordSet,
    pub threats: WordSet,
    pub never_names: WordSet,
    pub fillers: WordSet,
    pub stop: WordSet,
    pub street_suffixes: WordSet,
    pub unit_words: WordSet,
    pub state_codes: WordSet,
    /// State names as word lists ("new", "york").
    pub state_names: Vec<Vec<&'static str>>,
    /// First words of state names and of multi-word threat names, to skip most tokens fast.
    pub state_first_words: WordSet,
    pub threat_first_words: WordSet,
    pub tlds: WordSet,
    pub malware_ext: WordSet,
    pub photo_ext: WordSet,
    pub webmail: WordSet,
    pub count_nouns: WordSet,
    pub months: WordMap<u8>,
    /// Cue phrases by their first word, longest first.
    pub cues: WordMap<Vec<(Vec<&'static str>, Cue)>>,
    /// Every listed word with the bits of the lists it is on: one lookup per token.
    pub flags: WordMap<u32>,
}

fn set(words: &'static str) -> WordSet {
    words.split_whitespace().collect()
}

/// The shared vocabulary.
pub fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let mut cues: WordMap<Vec<(Vec<&'static str>, Cue)>> = WordMap::default();
        let mut add = |phrase: &'static str, cue: Cue| {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            let list = cues.entry(words[0]).or_default();
            if !list.iter().any(|(w, _)| *w == words) {
                list.push((words, cue));
            }
        };
        for &(phrase, cue) in CUES {
            add(phrase, cue);
            if let Some(cap) = capitalized(phrase) {
                add(cap, cue);
            }
        }
        for &phrase in INTL_ROLES {
            add(phrase, Cue::Role);
            if let Some(cap) = capitalized(phrase) {
                add(cap, Cue::Role);
            }
        }
        for list in cues.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let mut v = Vocab {
            given: set(lists::GIVEN_NAMES),
            surnames: set(lists::SURNAMES),
            common: set(lists::COMMON_WORD_NAMES),
            threats: set(lists::THREAT_NAMES),
            never_names: set(lists::NEVER_NAMES),
            fillers: set(lists::FILLER_WORDS),
            stop: set(lists::STOP_WORDS),
            street_suffixes: set(lists::STREET_SUFFIXES),
            unit_words: set(lists::UNIT_WORDS),
            state_codes: set(lists::STATE_CODES),
            state_names: lists::STATE_NAMES
                .split_whitespace()
                .map(|n| n.split('_').collect())
                .collect(),
            state_first_words: lists::STATE_NAMES
                .split_whitespace()
                .filter_map(|n| n.split('_').next())
                .collect(),
            threat_first_words: lists::THREAT_PHRASES.iter().map(|p| p[0]).collect(),
            tlds: set(lists::TLDS),
            malware_ext: set(lists::MALWARE_EXTENSIONS),
            photo_ext: set(lists::PHOTO_EXTENSIONS),
            webmail: set(lists::WEBMAIL_DOMAINS),
            count_nouns: set(lists::COUNT_NOUNS),
            months: lists::MONTHS.iter().copied().collect(),
            cues,
            flags: WordMap::default(),
        };
        let mut flags: WordMap<u32> = WordMap::default();
        let mut mark = |words: &mut dyn Iterator<Item = &'static str>, bit: u32| {
            for w in words {
                *flags.entry(w).or_default() |= bit;
            }
        };
        mark(&mut v.given.iter().copied(), flag::GIVEN);
        mark(&mut v.surnames.iter().copied(), flag::SURNAME);
        mark(&mut v.common.iter().copied(), flag::COMMON);
        mark(&mut v.threats.iter().copied(), flag::THREAT);
        mark(&mut v.never_names.iter().copied(), flag::NEVER);
        mark(&mut v.fillers.iter().copied(), flag::FILLER);
        mark(&mut v.stop.iter().copied(), flag::STOP);
        mark(&mut v.street_suffixes.iter().copied(), flag::STREET);
        mark(&mut v.unit_words.iter().copied(), flag::UNIT);
        mark(&mut v.state_codes.iter().copied(), flag::STATE_CODE);
        mark(&mut v.state_first_words.iter().copied(), flag::STATE_FIRST);
        mark(&mut v.months.keys().copied(), flag::MONTH);
        mark(&mut v.cues.keys().copied(), flag::CUE);
        mark(&mut v.count_nouns.iter().copied(), flag::COUNT);
        mark(
            &mut v.threat_first_words.iter().copied(),
            flag::THREAT_FIRST,
        );
        use crate::text::places;
        mark(
            &mut places::BEFORE_NAME.iter().copied(),
            flag::STREET_BEFORE,
        );
        mark(&mut places::AFTER_NAME.iter().copied(), flag::STREET_AFTER);
        mark(
            &mut places::ADDRESS_CUES.iter().map(|c| c[0]),
            flag::ADDRESS_CUE,
        );
        v.flags = flags;
        v
    })
}

/// Lowercases an ASCII-ish word into `buf` for a set lookup; words too long for any list
/// give `None`. A word without an ASCII capital is its own answer: most words of a text,
/// and copying and re-validating each was a tenth of the scrubbing time.
pub fn lower<'b>(word: &'b str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return Some(word);
    }
    for (dst, &src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}
