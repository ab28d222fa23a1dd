//! The syntax tree of a STIX pattern, and its canonical rendering (`Display`).
//!
//! Every node keeps the 0-based character offset where it starts, so that the checker can
//! point at the exact place of a semantic error.

use std::fmt;

/// A parsed STIX pattern: one observation expression tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub root: ObservationExpr,
}

/// Observation expressions (STIX 2.1 §9.5 observation operators, §9.6 qualifiers).
#[derive(Debug, Clone, PartialEq)]
pub enum ObservationExpr {
    /// `[ comparison-expression ]`: matched by one observation.
    Observation {
        comparison: ComparisonExpr,
        position: usize,
    },
    And(Box<ObservationExpr>, Box<ObservationExpr>),
    Or(Box<ObservationExpr>, Box<ObservationExpr>),
    FollowedBy(Box<ObservationExpr>, Box<ObservationExpr>),
    Qualified {
        expr: Box<ObservationExpr>,
        qualifier: Qualifier,
        position: usize,
    },
    /// Parentheses are kept because qualifiers chained directly on one expression are
    /// checked for duplicates, while a parenthesized group starts a new chain.
    Group(Box<ObservationExpr>),
}

/// Pattern qualifiers (STIX 2.1 §9.6).
#[derive(Debug, Clone, PartialEq)]
pub enum Qualifier {
    /// `WITHIN n SECONDS`; `seconds` as written (an integer or a decimal).
    Within { seconds: f64 },
    /// `REPEATS n TIMES`.
    Repeats { times: u64 },
    /// `START t'…' STOP t'…'`, the timestamps as written between the quotes.
    StartStop { start: String, stop: String },
}

/// Comparison expressions inside `[ ]`: AND binds tighter than OR.
#[derive(Debug, Clone, PartialEq)]
pub enum ComparisonExpr {
    And(Box<ComparisonExpr>, Box<ComparisonExpr>),
    Or(Box<ComparisonExpr>, Box<ComparisonExpr>),
    Group(Box<ComparisonExpr>),
    Test(Comparison),
}

/// One comparison: `object-path [NOT] operator value`, or `[NOT] EXISTS object-path`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub path: ObjectPath,
    pub negated: bool,
    pub op: Operator,
    /// Offset of the object path (or of `EXISTS`).
    pub position: usize,
    /// Offset of the literal on the right-hand side (of the path for `EXISTS`).
    pub value_position: usize,
}

/// Comparison operators (STIX 2.1 §9.7) with their right-hand side.
#[derive(Debug, Clone, PartialEq)]
pub enum Operator {
    Eq(Literal),
    Ne(Literal),
    Lt(Literal),
    Le(Literal),
    Gt(Literal),
    Ge(Literal),
    In(Vec<Literal>),
    Like(String),
    Matches(String),
    IsSubset(String),
    IsSuperset(String),
    Exists,
}

/// Literals (STIX 2.1 §9.3, table of literal types).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    /// `h'…'`: bytes written in hexadecimal.
    Hex(Vec<u8>),
    /// `b'…'`: bytes written in base64.
    Base64(Vec<u8>),
    /// `t'…'`: the text between the quotes; its calendar validity is the checker's business.
    Timestamp(String),
}

/// `object-type:property(.key|[index]|[*])*` (STIX 2.1 §9.4 object path syntax).
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectPath {
    pub object_type: String,
    pub steps: Vec<PathStep>,
}

/// One step of an object path after the object type.
#[derive(Debug, Clone, PartialEq)]
pub enum PathStep {
    Key(String),
    Index(i64),
    AnyIndex,
}

impl Literal {
    /// The literal's kind as the specification names it, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Literal::Int(_) => "integer",
            Literal::Float(_) => "float",
            Literal::Str(_) => "string",
            Literal::Bool(_) => "boolean",
            Literal::Hex(_) => "hex",
            Literal::Base64(_) => "binary",
            Literal::Timestamp(_) => "timestamp",
        }
    }
}

fn write_quoted(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("'")?;
    for c in s.chars() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' => f.write_str("\\\\")?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("'")
}

pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    base64::Engine::encode(&crate::lexer::BASE64, bytes)
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Float(x) => {
                // The grammar has no exponent and needs a '.', which `{}` on f64 never
                // produces as exponent but may omit the dot for whole numbers.
                let s = format!("{x}");
                if s.contains('.') {
                    f.write_str(&s)
                } else {
                    write!(f, "{s}.0")
                }
            }
            Literal::Str(s) => write_quoted(f, s),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Hex(bytes) => {
                f.write_str("h'")?;
                for b in bytes {
                    write!(f, "{b:02x}")?;
                }
                f.write_str("'")
            }
            Literal::Base64(bytes) => write!(f, "b'{}'", base64_encode(bytes)),
            Literal::Timestamp(t) => write!(f, "t'{t}'"),
        }
    }
}

fn is_plain_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !crate::lexer::is_reserved(s)
}

impl fmt::Display for ObjectPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.object_type)?;
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                PathStep::Key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    if is_plain_identifier(k) {
                        f.write_str(k)?;
                    } else {
                        write_quoted(f, k)?;
                    }
                }
                PathStep::Index(n) => write!(f, "[{n}]")?,
                PathStep::AnyIndex => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let not = if self.negated { "NOT " } else { "" };
        let p = &self.path;
        match &self.op {
            Operator::Exists => write!(f, "{not}EXISTS {p}"),
            Operator::Eq(l) => write!(f, "{p} {not}= {l}"),
            Operator::Ne(l) => write!(f, "{p} {not}!= {l}"),
            Operator::Lt(l) => write!(f, "{p} {not}< {l}"),
            Operator::Le(l) => write!(f, "{p} {not}<= {l}"),
            Operator::Gt(l) => write!(f, "{p} {not}> {l}"),
            Operator::Ge(l) => write!(f, "{p} {not}>= {l}"),
            Operator::In(set) => {
                write!(f, "{p} {not}IN (")?;
                for (i, l) in set.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{l}")?;
                }
                f.write_str(")")
            }
            Operator::Like(s) => {
                write!(f, "{p} {not}LIKE ")?;
                write_quoted(f, s)
            }
            Operator::Matches(s) => {
                write!(f, "{p} {not}MATCHES ")?;
                write_quoted(f, s)
            }
            Operator::IsSubset(s) => {
                write!(f, "{p} {not}ISSUBSET ")?;
                write_quoted(f, s)
            }
            Operator::IsSuperset(s) => {
                write!(f, "{p} {not}ISSUPERSET ")?;
                write_quoted(f, s)
            }
        }
    }
}

impl fmt::Display for ComparisonExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComparisonExpr::And(a, b) => write!(f, "{a} AND {b}"),
            ComparisonExpr::Or(a, b) => write!(f, "{a} OR {b}"),
            ComparisonExpr::Group(inner) => write!(f, "({inner})"),
            ComparisonExpr::Test(c) => write!(f, "{c}"),
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Qualifier::Within { seconds } => {
                write!(f, "WITHIN {} SECONDS", Literal::Float(*seconds))
            }
            Qualifier::Repeats { times } => write!(f, "REPEATS {times} TIMES"),
            Qualifier::StartStop { start, stop } => write!(f, "START t'{start}' STOP t'{stop}'"),
        }
    }
}

impl fmt::Display for ObservationExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObservationExpr::Observation { comparison, .. } => write!(f, "[{comparison}]"),
            ObservationExpr::And(a, b) => write!(f, "{a} AND {b}"),
            ObservationExpr::Or(a, b) => write!(f, "{a} OR {b}"),
            ObservationExpr::FollowedBy(a, b) => write!(f, "{a} FOLLOWEDBY {b}"),
            ObservationExpr::Qualified {
                expr, qualifier, ..
            } => write!(f, "{expr} {qualifier}"),
            ObservationExpr::Group(inner) => write!(f, "({inner})"),
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.root)
    }
}
