//! Parsing the free-text version ranges of advisories and the product versions of CSAF
//! product names.

use super::{AffectedVersions, Bound, Interval, Version, VersionSpec};
use crate::error::ExposureError;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const DATE_WORDS: &[&str] = &["distributed", "manufactured", "released", "shipped"];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

fn mentions_date(text: &str) -> bool {
    words(text).any(|w| MONTHS.contains(&w.as_str()) || DATE_WORDS.contains(&w.as_str()))
}

fn range_error(text: &str, expected: &str) -> ExposureError {
    ExposureError::Range {
        text: text.to_string(),
        expected: expected.to_string(),
    }
}

/// Splits off what narrows a range: a parenthesis (balanced or not), or an ` on `/` with `
/// clause.
fn split_qualifier(text: &str) -> (&str, Option<String>) {
    let lower = text.to_ascii_lowercase();
    let mut cut = text.find('(');
    for marker in [" on ", " with ", " running "] {
        if let Some(i) = lower.find(marker) {
            cut = Some(cut.map_or(i, |c| c.min(i)));
        }
    }
    match cut {
        Some(i) => {
            let q = text[i..]
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim();
            ((text[..i]).trim(), (!q.is_empty()).then(|| q.to_string()))
        }
        None => (text.trim(), None),
    }
}

/// Reads a bound version, recognising a trailing wildcard (`3.x`, `12.2.x.x`, `C.0x`, `5.*`).
fn bound_version(text: &str) -> Option<(Version, bool)> {
    let t = text.trim();
    let mut core = t;
    let mut wildcard = false;
    loop {
        let lower = core.to_ascii_lowercase();
        let stripped = ["x", "*"]
            .iter()
            .find_map(|w| lower.strip_suffix(w).map(|s| s.len()));
        match stripped {
            Some(len)
                if len > 0 && {
                    let prev = core.as_bytes()[len - 1];
                    prev == b'.' || prev.is_ascii_digit()
                } =>
            {
                core = core[..len].trim_end_matches('.');
                wildcard = true;
            }
            _ => break,
        }
    }
    Version::parse(core).map(|v| (v, wildcard))
}

/// The phrase endings CISA uses for open ranges: `2.3.6 and below`, `2.0 and later`.
fn trailing_phrase(text: &str) -> Option<(&str, &'static str)> {
    let lower = text.to_ascii_lowercase();
    let below = [
        "and below",
        "and prior",
        "and earlier",
        "and lower",
        "or lower",
        "or earlier",
        "and older",
    ];
    let above = [
        "and later",
        "and above",
        "and newer",
        "and higher",
        "or later",
        "or newer",
    ];
    for p in below {
        if let Some(s) = lower.strip_suffix(p) {
            return Some((&text[..s.len()], "<="));
        }
    }
    for p in above {
        if let Some(s) = lower.strip_suffix(p) {
            return Some((&text[..s.len()], ">="));
        }
    }
    None
}

/// Parses one free-text range as found in CSAF `product_version_range` and `product_version`
/// branch names: `<=1.9.4.1`, `vers:all/*`, `>= 1.0.0 | <= 1.1.1`, `<2024.2`, `A10 < A11`,
/// `6.x (Wireless Battery Modules ...)`, `distributed < april 1, 2018`, `2.3.6 and below`.
/// `|` joins constraints the way the `vers:` specification does: a lower bound followed by
/// an upper bound is one interval, a bare version is one version.
pub fn parse_range(text: &str) -> Result<AffectedVersions, ExposureError> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return Err(range_error(text, "a version range, found nothing"));
    }
    let lower = collapsed.to_ascii_lowercase();
    let body = match lower.strip_prefix("vers:") {
        Some(rest) => match rest.split_once('/') {
            Some((_scheme, c)) => collapsed[collapsed.len() - c.len()..].trim().to_string(),
            None => return Err(range_error(text, "`vers:<scheme>/<constraints>`")),
        },
        None => collapsed.clone(),
    };
    // "(Release 1.3.2 1.4.0)": the whole text in parentheses is the range, not a note.
    let body = match body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        Some(inner) if !inner.contains('(') => inner.trim().to_string(),
        _ => body,
    };
    let body_lower = body.to_ascii_lowercase();
    if body == "*" || body_lower == "all" || body_lower == "all versions" {
        return Ok(AffectedVersions {
            spec: VersionSpec::All,
            qualifier: None,
        });
    }
    let (main, qualifier) = split_qualifier(&body);
    if mentions_date(main) {
        return Ok(AffectedVersions {
            spec: VersionSpec::ByDate { text: collapsed },
            qualifier,
        });
    }
    if main.is_empty() {
        return Err(range_error(text, "a version before the qualifier"));
    }
    let intervals = parse_constraints(main).map_err(|e| range_error(text, &e))?;
    Ok(AffectedVersions {
        spec: VersionSpec::Ranges { intervals },
        qualifier,
    })
}

fn parse_constraints(main: &str) -> Result<Vec<Interval>, String> {
    let mut intervals = Vec::new();
    let mut pending_lower: Option<Bound> = None;
    for raw in main.split('|') {
        let part = raw.trim();
        if part.is_empty() {
            continue;
        }
        let (op, rest) = split_operator(part);
        match op {
            Some(op) => {
                let (version, wildcard) = bound_version(rest)
                    .ok_or_else(|| format!("a version after `{op}` in `{part}`"))?;
                let bound = Bound {
                    version,
                    inclusive: op.ends_with('='),
                    wildcard,
                };
                match op {
                    ">=" | ">" => {
                        if let Some(open) = pending_lower.replace(bound) {
                            intervals.push(Interval {
                                lower: Some(open),
                                upper: None,
                            });
                        }
                    }
                    "<=" | "<" => intervals.push(Interval {
                        lower: pending_lower.take(),
                        upper: Some(bound),
                    }),
                    _ => {
                        flush_open(&mut intervals, &mut pending_lower);
                        intervals.push(Interval::exactly(bound.version, wildcard));
                    }
                }
            }
            None => {
                flush_open(&mut intervals, &mut pending_lower);
                let listed = version_list(part);
                if listed.is_empty() {
                    intervals.push(parse_plain(part)?);
                } else {
                    intervals.extend(listed);
                }
            }
        }
    }
    flush_open(&mut intervals, &mut pending_lower);
    if intervals.is_empty() {
        return Err("at least one version or constraint".into());
    }
    Ok(intervals)
}

/// "Release 1.3.2 1.4.0 1.4.1": several dotted versions separated by spaces.
fn version_list(part: &str) -> Vec<Interval> {
    let tokens: Vec<&str> = strip_revision_word(part).split_whitespace().collect();
    let all_versions = tokens.len() >= 2
        && tokens
            .iter()
            .all(|t| t.starts_with(|c: char| c.is_ascii_digit()) && t.contains('.'));
    if !all_versions {
        return Vec::new();
    }
    tokens
        .iter()
        .filter_map(|t| Version::parse(t))
        .map(|v| Interval::exactly(v, false))
        .collect()
}

fn flush_open(intervals: &mut Vec<Interval>, pending: &mut Option<Bound>) {
    if let Some(open) = pending.take() {
        intervals.push(Interval {
            lower: Some(open),
            upper: None,
        });
    }
}

fn split_operator(part: &str) -> (Option<&'static str>, &str) {
    for op in [">=", "<=", "==", ">", "<", "="] {
        if let Some(rest) = part.strip_prefix(op) {
            let op = if op == "==" { "=" } else { op };
            return (Some(op), rest);
        }
    }
    (None, part)
}

/// A constraint without a leading operator: `A10 < A11` and `A.01 <= C.0x` (an interval
/// written infix), `J-M` (a revision span), `2.3.6 and below`, or one version.
fn parse_plain(part: &str) -> Result<Interval, String> {
    for op in ["<=", "<"] {
        if let Some((lo, hi)) = part.split_once(op) {
            let (lo, lw) =
                bound_version(lo).ok_or_else(|| format!("a version before `{op}` in `{part}`"))?;
            let (hi, hw) =
                bound_version(hi).ok_or_else(|| format!("a version after `{op}` in `{part}`"))?;
            return Ok(Interval {
                lower: Some(Bound {
                    version: lo,
                    inclusive: true,
                    wildcard: lw,
                }),
                upper: Some(Bound {
                    version: hi,
                    inclusive: op == "<=",
                    wildcard: hw,
                }),
            });
        }
    }
    if let Some((stem, op)) = trailing_phrase(part) {
        let (v, w) = bound_version(stem).ok_or_else(|| format!("a version in `{part}`"))?;
        let b = Bound {
            version: v,
            inclusive: true,
            wildcard: w,
        };
        return Ok(if op == "<=" {
            Interval {
                lower: None,
                upper: Some(b),
            }
        } else {
            Interval {
                lower: Some(b),
                upper: None,
            }
        });
    }
    for joiner in [" through ", " to "] {
        if let Some((lo, hi)) = part.split_once(joiner) {
            if let (Some((lo, lw)), Some((hi, hw))) = (bound_version(lo), bound_version(hi)) {
                return Ok(Interval {
                    lower: Some(Bound {
                        version: lo,
                        inclusive: true,
                        wildcard: lw,
                    }),
                    upper: Some(Bound {
                        version: hi,
                        inclusive: true,
                        wildcard: hw,
                    }),
                });
            }
        }
    }
    let stripped = strip_revision_word(part);
    if let Some((a, b)) = stripped.split_once('-') {
        let single = |s: &str| s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic());
        if single(a.trim()) && single(b.trim()) {
            let lo = Version::parse(a).ok_or("a revision letter")?;
            let hi = Version::parse(b).ok_or("a revision letter")?;
            return Ok(Interval {
                lower: Some(Bound {
                    version: lo,
                    inclusive: true,
                    wildcard: false,
                }),
                upper: Some(Bound {
                    version: hi,
                    inclusive: true,
                    wildcard: false,
                }),
            });
        }
    }
    let (v, w) = bound_version(part).ok_or_else(|| format!("a version, found `{part}`"))?;
    Ok(Interval::exactly(v, w))
}

fn strip_revision_word(part: &str) -> &str {
    let lower = part.to_ascii_lowercase();
    for w in ["rev ", "revision ", "version ", "release "] {
        if lower.starts_with(w) {
            return part[w.len()..].trim();
        }
    }
    part.trim()
}

/// Reads a CSAF `product_version` branch name, which is sometimes a version list
/// (`B.02 | C.02 | C.03`, `2.X`) and sometimes a model or edition list (`MMT-1715 |
/// MMT-1754`, `2nd Edition`, `882300 Gemini 16 Slice`). `full_name` is the product's full
/// name, which says "Model 3120" when the branch name alone (`3120`) does not.
pub fn parse_product_version(
    text: &str,
    full_name: &str,
) -> Result<AffectedVersions, ExposureError> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = collapsed.to_ascii_lowercase();
    // `9.x model 35700BAX3`: a version for one model.
    if let Some(i) = lower.find(" model ") {
        let mut parsed = parse_range(&collapsed[..i])?;
        let model = collapsed[i + 7..].trim().to_string();
        parsed.qualifier = Some(match parsed.qualifier {
            Some(q) => format!("model {model}; {q}"),
            None => format!("model {model}"),
        });
        return Ok(parsed);
    }
    let full_lower = full_name.to_ascii_lowercase();
    let names_models = full_lower.contains("model") || full_lower.contains("edition");
    if lower.starts_with("vers:") || lower == "*" {
        return parse_range(&collapsed);
    }
    // A parenthesised note ("(X3/MX100 for Rev M only)") says nothing about whether the
    // text before it is a version or a model; "(Release 1.3.2 1.4.0)" as a whole is a version.
    let (before_note, _) = split_qualifier(&collapsed);
    let judged = if before_note.is_empty() {
        collapsed.as_str()
    } else {
        before_note
    };
    if names_models || looks_like_model_list(judged) {
        let models = collapsed
            .split(['|', '/'])
            .map(|m| m.trim().trim_matches(|c| c == '(' || c == ')').trim())
            .filter(|m| !m.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>();
        let models = if models.is_empty() {
            vec![collapsed.clone()]
        } else {
            models
        };
        return Ok(AffectedVersions {
            spec: VersionSpec::Models { models },
            qualifier: None,
        });
    }
    parse_range(&collapsed)
}

/// A model list has a dash-numbered model (`MMT-1710`), an edition, or several real words
/// (`Accu-Chek Inform II`); a version list has neither.
fn looks_like_model_list(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains("edition") || lower.starts_with("with ") || lower.starts_with('*') {
        return true;
    }
    let has_dash_model = lower
        .split(|c: char| c.is_whitespace() || c == '|' || c == '/')
        .any(|t| {
            t.split_once('-').is_some_and(|(a, b)| {
                a.len() >= 2
                    && a.chars().all(|c| c.is_ascii_alphabetic())
                    && b.starts_with(|c: char| c.is_ascii_digit())
            })
        });
    if has_dash_model {
        return true;
    }
    text.split('|').any(|part| {
        let long_words = part
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 3)
            .filter(|w| {
                ![
                    "rev", "build", "version", "firmware", "release", "and", "below", "prior",
                ]
                .contains(&w.to_lowercase().as_str())
            })
            .count();
        long_words >= 2
            || (long_words == 1
                && !part
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || c == 'v' || c == 'V')
                && part.split_whitespace().count() >= 2)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::v;
    use super::super::Verdict;
    use super::*;

    fn affected(range: &str, version: &str) -> bool {
        parse_range(range).unwrap().spec.verdict(Some(&v(version))) == Verdict::Affected
    }

    #[test]
    fn operators_at_their_boundaries() {
        assert!(affected("<=1.9.4.1", "1.9.4.1"));
        assert!(!affected("<=1.9.4.1", "1.9.4.2"));
        assert!(affected("<2024.2", "2024.1.9"));
        assert!(!affected("<2024.2", "2024.2"));
        assert!(affected(">= 1.0.0 | <= 1.1.1", "1.1.1"));
        assert!(!affected(">= 1.0.0 | <= 1.1.1", "0.9"));
        assert!(!affected(">= 1.3.4 | < 1.5.3", "1.5.3"));
        assert!(affected("vers:all/*", "0.0.1"));
        assert!(affected(">= 2.0", "7"));
    }

    #[test]
    fn wildcards_cover_their_prefix() {
        assert!(affected("<= 11.x", "11.9.9"));
        assert!(!affected("<= 11.x", "12.0"));
        assert!(affected("<= 12.2.x.x", "12.2.7.1"));
        assert!(!affected("< 3.x", "3.0.1"));
        assert!(affected("< 3.x", "2.9"));
    }

    #[test]
    fn battery_module_qualifier_keeps_the_pump_version() {
        let p =
            parse_range("v6.x (with Wireless Battery Modules v9 | v11 | >= v20D29 | <= v20D32)")
                .unwrap();
        assert!(p.qualifier.as_deref().unwrap().contains("Battery"));
        assert_eq!(p.spec.verdict(Some(&v("6.2"))), Verdict::Affected);
        assert_eq!(p.spec.verdict(Some(&v("8.0"))), Verdict::NotAffected);
    }

    #[test]
    fn infix_and_multi_upper_ranges() {
        assert!(affected("A10 < A11", "A10"));
        assert!(!affected("A10 < A11", "A11"));
        assert!(affected("<= U61 |<= L81", "L80"));
        assert!(affected(">= 4.4 | <= 4.12", "4.10"));
    }

    #[test]
    fn dates_are_not_versions() {
        let p = parse_range("distributed  < april 1, 2018").unwrap();
        assert!(matches!(p.spec, VersionSpec::ByDate { .. }));
        assert_eq!(p.spec.verdict(Some(&v("1.0"))), Verdict::Undetermined);
        assert!(matches!(
            parse_range("<May 2018").unwrap().spec,
            VersionSpec::ByDate { .. }
        ));
    }

    #[test]
    fn models_and_versions_in_product_version() {
        let m =
            parse_product_version("MMT-1715 | MMT-1754 | MMT-1755", "MiniMed: MMT-1715").unwrap();
        assert!(matches!(m.spec, VersionSpec::Models { ref models } if models.len() == 3));
        let r =
            parse_product_version("B.02 | C.02 | C.03", "PIC iX: Versions B.02 C.02 C.03").unwrap();
        assert!(r.spec.verdict(Some(&v("C.02"))) == Verdict::Affected);
        assert!(r.spec.verdict(Some(&v("C.04"))) == Verdict::NotAffected);
        let b = parse_product_version("2.3.6 and  below", "Alaris").unwrap();
        assert_eq!(b.spec.verdict(Some(&v("2.3.6"))), Verdict::Affected);
        assert!(matches!(
            parse_product_version("3120", "ZOOM LATITUDE Model 3120")
                .unwrap()
                .spec,
            VersionSpec::Models { .. }
        ));
    }

    #[test]
    fn first_fixed_only_when_exact() {
        assert_eq!(
            parse_range("< 8.2.2")
                .unwrap()
                .spec
                .first_fixed()
                .map(Version::as_str),
            Some("8.2.2")
        );
        assert!(parse_range("<= 2.3.6")
            .unwrap()
            .spec
            .first_fixed()
            .is_none());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bad in ["", "   ", "<=", "| |", ">= ..", "vers:", "((((", "<"] {
            assert!(parse_range(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
