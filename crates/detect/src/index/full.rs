//! Patterns kept for full evaluation: the compiled matcher, the SCO types that can match,
//! and which field of a matching event the pattern was about.

use ward_pattern::ast::{ComparisonExpr, Literal, ObservationExpr, Operator};
use ward_pattern::Matcher;

use crate::event::{kind_bit, type_bit, Event, Kind};

/// A pattern kept for full evaluation.
#[derive(Debug)]
pub(super) struct FullPattern {
    pub(super) indicator: u32,
    pub(super) text: String,
    pub(super) matcher: Matcher,
    /// SCO types the pattern names: an event holding none of them cannot match.
    pub(super) mask: u16,
    /// The pattern's string literals, to tell which field of a matching event it was about.
    pub(super) literals: Vec<String>,
}

impl FullPattern {
    pub(super) fn prepare(indicator: u32, text: &str) -> Option<FullPattern> {
        let pattern = ward_pattern::check(text).ok()?;
        let matcher = Matcher::new(&pattern).ok()?;
        let mut mask = 0u16;
        let mut literals = Vec::new();
        collect_tests(&pattern.root, &mut |c| {
            mask |= type_bit(&c.path.object_type).unwrap_or(0);
            if c.path.object_type == "network-traffic" {
                // Its references reach the address objects.
                mask |= kind_bit(Kind::Ipv4) | kind_bit(Kind::Ipv6);
            }
            match &c.op {
                Operator::Eq(Literal::Str(s)) => literals.push(s.to_ascii_lowercase()),
                Operator::In(set) => literals.extend(set.iter().filter_map(|l| match l {
                    Literal::Str(s) => Some(s.to_ascii_lowercase()),
                    _ => None,
                })),
                _ => {}
            }
        });
        Some(FullPattern {
            indicator,
            text: text.to_string(),
            matcher,
            mask,
            literals,
        })
    }
}

fn collect_tests(expr: &ObservationExpr, f: &mut dyn FnMut(&ward_pattern::ast::Comparison)) {
    fn cmp(e: &ComparisonExpr, f: &mut dyn FnMut(&ward_pattern::ast::Comparison)) {
        match e {
            ComparisonExpr::And(a, b) | ComparisonExpr::Or(a, b) => {
                cmp(a, f);
                cmp(b, f)
            }
            ComparisonExpr::Group(i) => cmp(i, f),
            ComparisonExpr::Test(c) => f(c),
        }
    }
    match expr {
        ObservationExpr::Observation { comparison, .. } => cmp(comparison, f),
        ObservationExpr::And(a, b)
        | ObservationExpr::Or(a, b)
        | ObservationExpr::FollowedBy(a, b) => {
            collect_tests(a, f);
            collect_tests(b, f)
        }
        ObservationExpr::Qualified { expr, .. } | ObservationExpr::Group(expr) => {
            collect_tests(expr, f)
        }
    }
}

/// Which observable a fully evaluated pattern was about: one equal to a literal of the
/// pattern, else the first of a type the pattern names.
pub(super) fn attribute(event: &Event, fp: &FullPattern) -> usize {
    let items = event.items();
    items
        .iter()
        .position(|o| {
            let v = event.value(o);
            fp.literals.iter().any(|l| l.eq_ignore_ascii_case(v))
        })
        .or_else(|| items.iter().position(|o| kind_bit(o.kind) & fp.mask != 0))
        .unwrap_or(0)
}
