//! The semantic rules a pattern must follow beyond the grammar (STIX 2.1 §9).
//!
//! - timestamps are real instants (§9.3 timestamp literal, RFC 3339);
//! - `START` is strictly before `STOP` (§9.6: the interval is start inclusive, stop
//!   exclusive, so an empty or reversed one can never match);
//! - `WITHIN` and `REPEATS` values are positive (§9.6);
//! - nothing more on qualifiers: the grammar lets an expression carry any number, of any
//!   kind (`[a:b < 20] REPEATS 2 TIMES REPEATS 2 TIMES`), and the specification sets no
//!   limit, so they are accepted and evaluated as the reference matcher does (repeats
//!   multiply, windows intersect). stix2-patterns rejects a second qualifier of one kind;
//!   that is its own rule, not the specification's.
//! - hash values have the length of their algorithm (§9.7 examples, hash-algorithm-ov);
//! - set literals hold one type (integers and floats mix) (§9.7 IN);
//! - MATCHES operands are regular expressions, ISSUBSET/ISSUPERSET operands are IP
//!   addresses or CIDR blocks (§9.7).

use ward_stix::Timestamp;

use crate::ast::*;
use crate::PatternError;

fn semantic(position: usize, message: String) -> PatternError {
    PatternError::Semantic { position, message }
}

pub(crate) fn check(pattern: &Pattern) -> Result<(), PatternError> {
    observation(&pattern.root)
}

fn timestamp(text: &str, position: usize) -> Result<Timestamp, PatternError> {
    Timestamp::parse(text)
        .map_err(|e| semantic(position, format!("invalid timestamp t'{text}': {e}")))
}

fn observation(expr: &ObservationExpr) -> Result<(), PatternError> {
    match expr {
        ObservationExpr::Observation { comparison: c, .. } => comparison_expr(c),
        ObservationExpr::And(a, b)
        | ObservationExpr::Or(a, b)
        | ObservationExpr::FollowedBy(a, b) => {
            observation(a)?;
            observation(b)
        }
        ObservationExpr::Group(inner) => observation(inner),
        ObservationExpr::Qualified {
            expr: inner,
            qualifier,
            position,
        } => {
            let position = *position;
            match qualifier {
                Qualifier::Within { seconds } => {
                    if *seconds <= 0.0 {
                        return Err(semantic(
                            position,
                            "expected a positive number of seconds after WITHIN".into(),
                        ));
                    }
                }
                Qualifier::Repeats { times } => {
                    if *times == 0 {
                        return Err(semantic(
                            position,
                            "expected a positive integer after REPEATS".into(),
                        ));
                    }
                }
                Qualifier::StartStop { start, stop } => {
                    let a = timestamp(start, position)?;
                    let b = timestamp(stop, position)?;
                    if a >= b {
                        return Err(semantic(
                            position,
                            format!("expected START t'{start}' to be before STOP t'{stop}'"),
                        ));
                    }
                }
            }
            observation(inner)
        }
    }
}

fn comparison_expr(expr: &ComparisonExpr) -> Result<(), PatternError> {
    match expr {
        ComparisonExpr::And(a, b) | ComparisonExpr::Or(a, b) => {
            comparison_expr(a)?;
            comparison_expr(b)
        }
        ComparisonExpr::Group(inner) => comparison_expr(inner),
        ComparisonExpr::Test(c) => comparison(c),
    }
}

fn literal(lit: &Literal, position: usize) -> Result<(), PatternError> {
    if let Literal::Timestamp(t) = lit {
        timestamp(t, position)?;
    }
    Ok(())
}

/// `hashes.ALGO` as the last two steps: the algorithm whose length applies.
fn hash_algorithm(path: &ObjectPath) -> Option<&str> {
    match path.steps.as_slice() {
        [.., PathStep::Key(h), PathStep::Key(algo)] if h == "hashes" => Some(algo),
        _ => None,
    }
}

fn check_hash(path: &ObjectPath, lit: &Literal, position: usize) -> Result<(), PatternError> {
    if let (Some(algo), Literal::Str(value)) = (hash_algorithm(path), lit) {
        ward_stix::hashes::check(algo, value).map_err(|e| semantic(position, e))?;
    }
    Ok(())
}

fn comparison(c: &Comparison) -> Result<(), PatternError> {
    let pos = c.value_position;
    match &c.op {
        Operator::Eq(l) | Operator::Ne(l) => {
            literal(l, pos)?;
            check_hash(&c.path, l, pos)
        }
        Operator::Lt(l) | Operator::Le(l) | Operator::Gt(l) | Operator::Ge(l) => literal(l, pos),
        Operator::In(set) => {
            let numeric = |l: &Literal| matches!(l, Literal::Int(_) | Literal::Float(_));
            let binary = |l: &Literal| matches!(l, Literal::Hex(_) | Literal::Base64(_));
            if let Some(first) = set.first() {
                for l in set {
                    let same = std::mem::discriminant(l) == std::mem::discriminant(first)
                        || (numeric(l) && numeric(first))
                        || (binary(l) && binary(first));
                    if !same {
                        return Err(semantic(
                            pos,
                            format!(
                                "expected every value of the set to be a {} like the first, found a {}",
                                first.kind(),
                                l.kind()
                            ),
                        ));
                    }
                    literal(l, pos)?;
                    check_hash(&c.path, l, pos)?;
                }
            }
            Ok(())
        }
        Operator::Matches(re) => crate::eval::cached_regex(re).map(|_| ()).map_err(|e| {
            semantic(
                pos,
                format!("expected a regular expression after MATCHES: {e}"),
            )
        }),
        Operator::IsSubset(s) | Operator::IsSuperset(s) => {
            if crate::net::IpNet::parse(s).is_none() {
                return Err(semantic(
                    pos,
                    format!("expected an IP address or CIDR block, got {s:?}"),
                ));
            }
            Ok(())
        }
        Operator::Like(_) | Operator::Exists => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, parse, PatternError};

    fn semantic_error(p: &str) -> PatternError {
        assert!(parse(p).is_ok(), "should parse: {p}");
        check(p).expect_err(p)
    }

    #[test]
    fn every_rule_has_an_error() {
        let cases = [
            ("[a:b = t'2020-02-30T00:00:00Z']", "invalid timestamp"),
            (
                "[a:b = 1] START t'2021-01-01T00:00:00Z' STOP t'2020-01-01T00:00:00Z'",
                "before STOP",
            ),
            (
                "[a:b = 1] START t'2021-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'",
                "before STOP",
            ),
            ("[a:b = 1] WITHIN 0 SECONDS", "positive number"),
            ("[a:b = 1] REPEATS 0 TIMES", "positive integer"),
            ("[file:hashes.'SHA-256' = 'abc']", "64 hexadecimal"),
            (
                "[file:hashes.MD5 IN ('d41d8cd98f00b204e9800998ecf8427e', 'x')]",
                "32 hexadecimal",
            ),
            ("[a:b IN (1, 'x')]", "expected every value of the set"),
            ("[a:b MATCHES '(']", "regular expression"),
            ("[a:b ISSUBSET '10.0.0.0/33']", "IP address or CIDR"),
        ];
        for (p, needle) in cases {
            let e = semantic_error(p);
            assert!(matches!(e, PatternError::Semantic { .. }), "{p}");
            assert!(e.message().contains(needle), "{p}: {e}");
        }
    }

    #[test]
    fn valid_patterns_pass() {
        for p in [
            "[a:b IN (1, 2.5)]",
            "[a:b IN ()]",
            "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
            "[file:hashes.SSDEEP = 'anything:goes']",
            "([a:b = 1] WITHIN 1 SECONDS) WITHIN 2 SECONDS",
            "[a:b = 1] REPEATS 2 TIMES WITHIN 3 SECONDS",
            "[a:b = 1] WITHIN 1 SECONDS WITHIN 2 SECONDS",
            "[a:b < 20] REPEATS 2 TIMES REPEATS 2 TIMES",
            "[a:b = 1] START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z' \
             START t'2020-06-01T00:00:00Z' STOP t'2022-01-01T00:00:00Z' REPEATS 2 TIMES",
            "[ipv6-addr:value ISSUBSET '2001:db8::/32']",
        ] {
            check(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
    }
}
