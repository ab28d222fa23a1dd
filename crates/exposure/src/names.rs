//! Vendor and product names as clinics and advisories write them, reduced to something
//! comparable.
//!
//! Advisories say "Becton, Dickinson and Company (BD)", "Phillips" or "B. Braun Medical";
//! inventories say "BD", "Philips Healthcare" or "BBraun". Vendors become a set of canonical
//! keys (a multi-vendor advisory has several); products become word sets compared with a
//! tolerance that favours finding a device over missing it, while keeping generic words
//! ("monitor", "system") from matching on their own.

use std::collections::BTreeSet;

/// Spelling variants, former names and acquisitions, mapped to one key. Kept short and
/// explicit: each line is a fact about the medical-device market someone can check.
const VENDOR_ALIASES: &[(&str, &str)] = &[
    ("phillips", "philips"),
    ("philips healthcare", "philips"),
    ("koninklijke philips", "philips"),
    ("becton dickinson", "bd"),
    ("becton dickinson and", "bd"),
    ("bd medical", "bd"),
    ("carefusion", "bd"),
    ("b braun medical", "b braun"),
    ("b braun melsungen", "b braun"),
    ("bbraun", "b braun"),
    ("braun", "b braun"),
    ("general electric", "ge"),
    ("ge healthcare", "ge"),
    ("ge medical systems", "ge"),
    ("hill rom", "hillrom"),
    ("welch allyn", "hillrom"),
    ("abbott laboratories", "abbott"),
    ("st jude medical", "abbott"),
    ("st jude", "abbott"),
    ("siemens healthineers", "siemens"),
    ("siemens healthcare", "siemens"),
    ("draeger", "drager"),
    ("dräger", "drager"),
    ("drägerwerk", "drager"),
    ("medtronic minimed", "medtronic"),
    ("baxter international", "baxter"),
    ("natus medical", "natus"),
    ("smiths medical", "smiths medical"),
    ("fujifilm healthcare", "fujifilm"),
    // The advisory's "YhtymÃ¤" is "Yhtymä" read with the wrong encoding; both fold here.
    ("innokas yhtyma", "innokas"),
    ("hamilton medical", "hamilton medical"),
    ("contec health", "contec"),
    ("zoll medical", "zoll"),
    ("vyaire", "vyaire"),
    ("3b medical", "3b medical"),
];

/// Corporate words that never tell two vendors apart.
const CORPORATE_WORDS: &[&str] = &[
    "inc",
    "incorporated",
    "co",
    "corp",
    "corporation",
    "company",
    "ltd",
    "limited",
    "llc",
    "ag",
    "gmbh",
    "oy",
    "sa",
    "plc",
    "international",
    "the",
    "developments",
    "technologies",
];

fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            'ä' | 'Ä' | 'á' | 'à' | 'â' | 'Ã' | 'ã' => 'a',
            'ö' | 'Ö' | 'ó' | 'ô' => 'o',
            'ü' | 'Ü' | 'ú' => 'u',
            'é' | 'è' | 'ê' | 'É' => 'e',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    out
}

fn word_list(text: &str) -> Vec<String> {
    fold(text).split_whitespace().map(str::to_string).collect()
}

/// The canonical keys of a vendor field. "Hillrom and ELI, Baxter International Inc."
/// yields {hillrom, eli, baxter}; "Becton, Dickinson and Company (BD)" yields {bd}.
pub fn vendor_keys(vendor: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    // A parenthesised short name is the vendor's usual name: "(BD)", "(GE)", "(Natus)".
    let mut rest = vendor.to_string();
    while let (Some(open), Some(close)) = (rest.find('('), rest.find(')')) {
        if close <= open {
            break;
        }
        let inner = rest[open + 1..close].to_string();
        keys.insert(canonical_vendor(&inner));
        rest.replace_range(open..=close, " ");
    }
    let whole = canonical_vendor(&rest);
    let whole_is_alias = VENDOR_ALIASES.iter().any(|(_, to)| *to == whole)
        || VENDOR_ALIASES
            .iter()
            .any(|(from, _)| canonical_words(&rest) == *from);
    if whole_is_alias || !(rest.contains(',') || fold(&rest).split_whitespace().any(|w| w == "and"))
    {
        keys.insert(whole);
    } else {
        // Several vendors in one field ("Silex Technology and GE Healthcare"); but "Becton,
        // Dickinson and Company" is one vendor, caught by the alias table above.
        for part in rest.split([',', '&']).flat_map(|p| p.split(" and ")) {
            let k = canonical_vendor(part);
            if !k.is_empty() {
                keys.insert(k);
            }
        }
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// One vendor name reduced to its single canonical key, for lists of the vendors a member
/// depends on: "Change Healthcare Inc." and "change healthcare" give `change healthcare`,
/// "Philips Healthcare" gives `philips`. Unlike [`vendor_keys`], a name is never split at
/// "and" or commas (a vendor list names one vendor per entry).
pub fn vendor_key(name: &str) -> String {
    canonical_vendor(name)
}

/// The words of a vendor name as written, corporate words ("Inc.", "LLC") left out and
/// no alias applied: "Philips Healthcare Inc." gives `philips healthcare`. What free text
/// must contain, word for word, to name this vendor.
pub fn vendor_phrase(name: &str) -> String {
    canonical_words(name)
}

/// Text folded the way vendor names are (lower case, accents dropped, punctuation as
/// spaces), as a list of words.
pub fn folded_words(text: &str) -> Vec<String> {
    word_list(text)
}

fn canonical_words(text: &str) -> String {
    word_list(text)
        .into_iter()
        .filter(|w| !CORPORATE_WORDS.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn canonical_vendor(text: &str) -> String {
    let words = canonical_words(text);
    // "B. Braun" folds to "b braun"; "BBraun" to "bbraun"; both land on one key.
    for (from, to) in VENDOR_ALIASES {
        if words == *from {
            return (*to).to_string();
        }
    }
    // "Philips Healthcare Informatics" → philips: an alias that starts the name wins.
    for (from, to) in VENDOR_ALIASES {
        if words.starts_with(from) && words[from.len()..].starts_with(' ') {
            return (*to).to_string();
        }
    }
    words
}

/// Words that carry no identity at all.
const FILLER_WORDS: &[&str] = &[
    "the",
    "with",
    "and",
    "for",
    "of",
    "on",
    "in",
    "a",
    "an",
    "to",
    "or",
    "by",
    "not",
    "including",
    "certain",
    "all",
    "version",
    "versions",
    "model",
    "models",
    "series",
    "family",
    "products",
    "product",
    "based",
    "software",
];

/// Words that say what kind of thing a product is but not which one: they must be present
/// for a full match ("Alaris Systems Manager" is not "Alaris GS") but never match alone.
const KIND_WORDS: &[&str] = &[
    "patient",
    "patients",
    "monitor",
    "monitors",
    "monitoring",
    "system",
    "systems",
    "server",
    "station",
    "unit",
    "units",
    "pump",
    "pumps",
    "device",
    "devices",
    "workstation",
    "windows",
    "medical",
    "central",
    "client",
    "module",
    "modules",
    "integration",
    "enterprise",
    "information",
    "center",
    "management",
    "infusion",
    "wireless",
    "manager",
    "application",
    "platform",
    "portal",
    "machine",
    "handheld",
    "care",
    "point",
    "solution",
    "suite",
    "controller",
    "remote",
    // Imaging modalities name a kind of machine, not which one: "PET/CT" in a Philips
    // advisory must not match every CT scanner an inventory lists.
    "ct",
    "mri",
    "mr",
    "pet",
    "imaging",
    "ultrasound",
    "scanner",
    "ray",
];

/// A product name reduced to the words that identify it.
#[derive(Debug, Clone, Default)]
pub struct ProductWords {
    /// Every word but filler, vendor words included.
    pub all: BTreeSet<String>,
    /// Words that name this product: not filler, not the vendor's name.
    pub identifying: BTreeSet<String>,
    /// Identifying words that are not mere kinds ("monitor", "system").
    pub distinctive: BTreeSet<String>,
}

impl ProductWords {
    pub fn new(text: &str, vendor_words: &BTreeSet<String>) -> ProductWords {
        let words = ProductWords::split(text, vendor_words);
        // "OpenClinic GA" by "OpenClinic GA": the vendor's name is the product's name.
        if words.distinctive.is_empty() && !vendor_words.is_empty() {
            return ProductWords::split(text, &BTreeSet::new());
        }
        words
    }

    /// The inventory side: the vendor column counts as written next to the product, so
    /// "Welch Allyn" + "ELI 150c" covers an advisory's "Welch Allyn ELI 150c".
    pub fn for_inventory(text: &str, vendor_words: &BTreeSet<String>) -> ProductWords {
        let mut words = ProductWords::new(text, vendor_words);
        words.all.extend(vendor_words.iter().cloned());
        words
    }

    /// Adds words that may accompany the name without identifying it on their own (the
    /// advisory's title): they can be present in an inventory's name but are never required.
    pub fn with_context(mut self, context: &str) -> ProductWords {
        self.all.extend(
            word_list(context)
                .into_iter()
                .filter(|w| !FILLER_WORDS.contains(&w.as_str())),
        );
        self
    }

    fn split(text: &str, vendor_words: &BTreeSet<String>) -> ProductWords {
        let mut words = ProductWords::default();
        for w in word_list(text) {
            if FILLER_WORDS.contains(&w.as_str()) {
                continue;
            }
            if !vendor_words.contains(&w) {
                if !KIND_WORDS.contains(&w.as_str()) {
                    words.distinctive.insert(w.clone());
                }
                words.identifying.insert(w.clone());
            }
            words.all.insert(w);
        }
        words
    }

    pub fn is_empty(&self) -> bool {
        self.distinctive.is_empty()
    }
}

/// The words of a vendor field, to be removed from product names that repeat it ("BD Pyxis",
/// "Philips IntelliVue").
pub fn vendor_words(vendor: &str) -> BTreeSet<String> {
    let mut words: BTreeSet<String> = word_list(vendor).into_iter().collect();
    for k in vendor_keys(vendor) {
        words.extend(k.split_whitespace().map(str::to_string));
    }
    words.retain(|w| w.len() > 1 || w == "b");
    words
}

/// `mx` in an advisory covers `mx450` in an inventory: a family name followed by a number.
fn word_covers(adv: &str, inv: &str) -> bool {
    adv == inv
        || (adv.len() >= 2
            && adv.chars().all(|c| c.is_ascii_alphabetic())
            && inv.len() > adv.len()
            && inv.starts_with(adv)
            && inv[adv.len()..].chars().all(|c| c.is_ascii_alphanumeric())
            && inv[adv.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

fn covered(word: &str, by: &BTreeSet<String>, adv_side: bool) -> bool {
    by.iter().any(|b| {
        if adv_side {
            word_covers(word, b)
        } else {
            word_covers(b, word)
        }
    })
}

/// How strongly an inventory product matches an advisory product name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    /// The inventory names only part of the advisory's product ("Alaris 8015" for "Alaris
    /// PC Unit Model 8015").
    Partial,
    /// Every identifying word of the advisory's product is in the inventory.
    Full,
}

/// Compares an inventory product (built with [`ProductWords::for_inventory`]) with one
/// advisory product name.
pub fn match_product(inventory: &ProductWords, advisory: &ProductWords) -> Option<NameMatch> {
    if inventory.is_empty() || advisory.is_empty() {
        return None;
    }
    let in_inventory = |w: &String| covered(w, &inventory.all, true);
    if advisory.identifying.iter().all(in_inventory) {
        return Some(NameMatch::Full);
    }
    let inv_in_adv = inventory
        .identifying
        .iter()
        .all(|w| covered(w, &advisory.all, false));
    if inv_in_adv {
        // Naming half of the product is enough ("Alaris GS" / "Alaris"), a third is not
        // ("Alaris" against "Alaris PC Unit Model 8015" would flag every Alaris).
        let shared = advisory
            .identifying
            .iter()
            .filter(|w| in_inventory(w))
            .count();
        let shares_distinctive = advisory.distinctive.iter().any(in_inventory);
        if shares_distinctive && shared * 2 >= advisory.identifying.len() {
            return Some(NameMatch::Partial);
        }
    }
    None
}

/// Splits an advisory product name at its exclusion clause: "Vivid products, not including
/// EchoPAC" names the Vivid family and excludes EchoPAC.
pub fn split_exclusion(name: &str) -> (&str, Option<&str>) {
    let lower = name.to_ascii_lowercase();
    for marker in ["not including", "excluding", "except"] {
        if let Some(i) = lower.find(marker) {
            let head = name[..i]
                .trim()
                .trim_end_matches([',', ';', '(', '-'])
                .trim();
            let tail = name[i + marker.len()..].trim().trim_end_matches(')').trim();
            if !head.is_empty() {
                return (head, (!tail.is_empty()).then_some(tail));
            }
        }
    }
    (name, None)
}

/// The names an advisory product goes by: the whole name, each `/`-separated alternative,
/// and a parenthesised short name ("Patient Information Center iX (PICiX)").
pub fn product_aliases(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let mut outside = String::new();
    let mut depth = 0usize;
    let mut inner = String::new();
    for c in name.chars() {
        match c {
            '(' => {
                depth += 1;
                inner.clear();
            }
            ')' if depth > 0 => {
                depth -= 1;
                let t = inner.trim();
                let lower = t.to_ascii_lowercase();
                if !t.is_empty() && !lower.starts_with("including") && !lower.starts_with("enabled")
                {
                    out.push(t.to_string());
                }
            }
            c if depth > 0 => inner.push(c),
            c => outside.push(c),
        }
    }
    if outside.trim() != name.trim() && !outside.trim().is_empty() {
        out.push(outside.trim().to_string());
    }
    if outside.contains('/') {
        out.extend(
            outside
                .split('/')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &str) -> Vec<String> {
        vendor_keys(v).into_iter().collect()
    }

    #[test]
    fn vendor_spellings_meet() {
        assert_eq!(keys("Phillips"), keys("Philips"));
        assert_eq!(keys("Philips Healthcare"), vec!["philips"]);
        assert_eq!(keys("B. Braun Medical"), vec!["b braun"]);
        assert_eq!(keys("B. Braun"), vec!["b braun"]);
        assert_eq!(keys("BBraun"), vec!["b braun"]);
        assert_eq!(keys("Becton, Dickinson and Company (BD)"), vec!["bd"]);
        assert_eq!(keys("BD"), vec!["bd"]);
        assert_eq!(keys("General Electric (GE)"), vec!["ge"]);
        assert_eq!(keys("GE Healthcare"), vec!["ge"]);
        assert_eq!(keys("Dräger"), keys("Draeger"));
        assert!(vendor_keys("Silex Technology and GE Healthcare").contains("ge"));
        assert!(vendor_keys("Hillrom and ELI, Baxter International Inc.").contains("baxter"));
        assert_eq!(keys("Welch Allyn"), vec!["hillrom"]);
    }

    fn pw(text: &str, vendor: &str) -> ProductWords {
        ProductWords::new(text, &vendor_words(vendor))
    }

    fn inv(text: &str, vendor: &str) -> ProductWords {
        ProductWords::for_inventory(text, &vendor_words(vendor))
    }

    #[test]
    fn clinic_names_find_advisory_products() {
        let adv = pw("Alaris PC Unit Model 8015", "BD");
        assert!(match_product(&inv("Alaris 8015", "BD"), &adv).is_some());
        let long = inv("BD Alaris PC Unit model 8015 infusion pump", "BD");
        assert!(match_product(&long, &adv).is_some());
        assert!(match_product(&inv("Alaris", "BD"), &adv).is_none());
        let manager = pw("Alaris Systems Manager", "BD");
        assert!(match_product(&inv("Alaris GS", "BD"), &manager).is_none());
        let mx = pw("IntelliVue Patient Monitors MX", "Philips");
        assert!(match_product(&inv("IntelliVue MX450", "Philips"), &mx).is_some());
        assert!(match_product(&inv("IntelliVue MP50", "Philips"), &mx).is_none());
        assert!(match_product(&inv("Patient monitor", "Philips"), &mx).is_none());
        let eli = pw(
            "Welch Allyn ELI 150c",
            "Hillrom and ELI, Baxter International Inc.",
        );
        assert!(match_product(&inv("ELI 150c", "Welch Allyn"), &eli).is_some());
    }

    #[test]
    fn exclusion_clause_is_split_off() {
        assert_eq!(
            split_exclusion("Vivid products, not including EchoPAC"),
            ("Vivid products", Some("EchoPAC"))
        );
        assert_eq!(split_exclusion("Alaris 8015"), ("Alaris 8015", None));
        let family = pw("Vivid products", "GE Healthcare");
        assert!(match_product(&inv("Vivid E95", "GE Healthcare"), &family).is_some());
        // A modality word alone names no product.
        assert!(pw("CT", "Philips").is_empty());
    }

    #[test]
    fn aliases_include_short_names_and_alternatives() {
        let a = product_aliases("Patient Information Center iX (PICiX)");
        assert!(a.contains(&"PICiX".to_string()));
        let b = product_aliases("Siemens SPECT Workplaces/Symbia.net Windows XP-Based");
        assert!(b.iter().any(|s| s.starts_with("Symbia")));
    }
}
