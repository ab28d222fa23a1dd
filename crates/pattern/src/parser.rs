//! Recursive-descent parser for the STIX 2.1 pattern grammar (§9.3).
//!
//! Precedence, loosest first: FOLLOWEDBY, OR, AND between observation expressions, then
//! qualifiers (postfix, tightest); inside brackets OR, then AND. All binary operators are
//! left-associative. Nesting is capped so a hostile pattern cannot exhaust the stack.

use crate::ast::*;
use crate::lexer::{tokenize_into, Kw, Tok, Token};
use crate::PatternError;

/// Deeper nesting than any real pattern needs; bounds recursion on hostile input.
const MAX_DEPTH: usize = 100;
/// FOLLOWEDBY is not associative, so its chains stay left-deep: their length is capped.
const MAX_FOLLOWEDBY: usize = 100;
/// The grammar lets an expression carry any number of qualifiers, of any kind
/// (`REPEATS 2 TIMES REPEATS 2 TIMES`); each is one level of the tree, so a chain is capped
/// like nesting.
const MAX_QUALIFIERS: usize = MAX_DEPTH;

/// Builds a balanced tree over an associative operator's operands, so that the 5,000-way
/// ORs some feeds emit nest log2(n) deep instead of n deep (the tree is walked recursively).
fn balance<T>(mut items: Vec<T>, join: &impl Fn(T, T) -> T) -> T {
    // Two or three operands, nearly every real case, need no splitting.
    if items.len() <= 3 {
        let last = items.pop();
        let mid = items.pop();
        return match (items.pop(), mid, last) {
            (Some(a), Some(b), Some(c)) => join(a, join(b, c)),
            (None, Some(a), Some(b)) => join(a, b),
            (None, None, Some(a)) => a,
            // Callers always pass at least one operand.
            _ => unreachable!("balance of an empty list"),
        };
    }
    let right = items.split_off(items.len() / 2);
    let left = balance(items, join);
    join(left, balance(right, join))
}

/// Token buffers kept for this thread's next pattern: parsing runs once per indicator,
/// and a fresh buffer of a few kilobytes each time costs the allocator more than the
/// lexing. Buffers that grew past this many tokens (a hostile pattern) are not kept.
const KEPT_TOKENS: usize = 4096;

thread_local! {
    static TOKENS: std::cell::RefCell<Vec<Token>> = const { std::cell::RefCell::new(Vec::new()) };
}

pub(crate) fn parse(text: &str) -> Result<Pattern, PatternError> {
    let mut tokens = TOKENS.with(|t| t.take());
    tokenize_into(text, &mut tokens)?;
    let mut p = Parser {
        tokens,
        at: 0,
        depth: 0,
    };
    let result = p.pattern();
    let mut tokens = p.tokens;
    if tokens.capacity() <= KEPT_TOKENS {
        tokens.clear();
        TOKENS.with(|t| t.replace(tokens));
    }
    result
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Parser {
    /// The whole pattern: observation expressions up to the end.
    fn pattern(&mut self) -> Result<Pattern, PatternError> {
        if self.peek() == &Tok::Eof {
            return Err(self.error(
                "expected an observation expression such as [ipv4-addr:value = '198.51.100.1']",
            ));
        }
        let root = self.observation_expressions()?;
        if self.peek() != &Tok::Eof {
            return Err(self.error(&format!(
                "expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern, found {}",
                self.peek().describe()
            )));
        }
        Ok(Pattern { root })
    }

    fn peek(&self) -> &Tok {
        &self.tokens[self.at.min(self.tokens.len() - 1)].tok
    }

    fn pos(&self) -> usize {
        self.tokens[self.at.min(self.tokens.len() - 1)].pos
    }

    fn bump(&mut self) -> Tok {
        let tok = self.peek().clone();
        self.advance();
        tok
    }

    /// Moves past the current token without copying it (most tokens are only looked at).
    fn advance(&mut self) {
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
    }

    fn error(&self, message: &str) -> PatternError {
        PatternError::Syntax {
            position: self.pos(),
            message: message.to_string(),
        }
    }

    fn expected(&self, what: &str) -> PatternError {
        self.error(&format!(
            "expected {what}, found {}",
            self.peek().describe()
        ))
    }

    fn enter(&mut self) -> Result<(), PatternError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!("expected at most {MAX_DEPTH} levels of nesting")));
        }
        Ok(())
    }

    fn is_kw(&self, kw: Kw) -> bool {
        self.peek() == &Tok::Kw(kw)
    }

    fn observation_expressions(&mut self) -> Result<ObservationExpr, PatternError> {
        let mut left = self.observation_or()?;
        let mut count = 0;
        while self.is_kw(Kw::FollowedBy) {
            count += 1;
            if count > MAX_FOLLOWEDBY {
                return Err(self.error(&format!(
                    "expected at most {MAX_FOLLOWEDBY} FOLLOWEDBY in one chain"
                )));
            }
            self.advance();
            let right = self.observation_or()?;
            left = ObservationExpr::FollowedBy(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn observation_or(&mut self) -> Result<ObservationExpr, PatternError> {
        let first = self.observation_and()?;
        if !self.is_kw(Kw::Or) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.is_kw(Kw::Or) {
            self.advance();
            items.push(self.observation_and()?);
        }
        Ok(balance(items, &|a, b| {
            ObservationExpr::Or(Box::new(a), Box::new(b))
        }))
    }

    fn observation_and(&mut self) -> Result<ObservationExpr, PatternError> {
        let first = self.observation_qualified()?;
        if !self.is_kw(Kw::And) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.is_kw(Kw::And) {
            self.advance();
            items.push(self.observation_qualified()?);
        }
        Ok(balance(items, &|a, b| {
            ObservationExpr::And(Box::new(a), Box::new(b))
        }))
    }

    fn observation_qualified(&mut self) -> Result<ObservationExpr, PatternError> {
        let mut expr = self.observation_primary()?;
        let mut count = 0;
        loop {
            let position = self.pos();
            if count == MAX_QUALIFIERS
                && matches!(self.peek(), Tok::Kw(Kw::Within | Kw::Repeats | Kw::Start))
            {
                return Err(self.error(&format!(
                    "expected at most {MAX_QUALIFIERS} qualifiers on one observation expression"
                )));
            }
            count += 1;
            let qualifier = if self.is_kw(Kw::Within) {
                self.advance();
                let seconds = match self.bump() {
                    Tok::Int(n) if n >= 0 && !self.prev_was_negative() => n as f64,
                    Tok::Float(x) if x >= 0.0 && !self.prev_was_negative() => x,
                    _ => {
                        self.at -= 1;
                        return Err(self.expected("a positive number of seconds after WITHIN"));
                    }
                };
                self.keyword(Kw::Seconds, "SECONDS after the WITHIN duration")?;
                Qualifier::Within { seconds }
            } else if self.is_kw(Kw::Repeats) {
                self.advance();
                let times = match self.bump() {
                    Tok::Int(n) if n >= 0 && !self.prev_was_negative() => n as u64,
                    _ => {
                        self.at -= 1;
                        return Err(self.expected("a positive integer after REPEATS"));
                    }
                };
                self.keyword(Kw::Times, "TIMES after the REPEATS count")?;
                Qualifier::Repeats { times }
            } else if self.is_kw(Kw::Start) {
                self.advance();
                let start = self.timestamp("a timestamp t'…' after START")?;
                self.keyword(Kw::Stop, "STOP after the START timestamp")?;
                let stop = self.timestamp("a timestamp t'…' after STOP")?;
                Qualifier::StartStop { start, stop }
            } else {
                return Ok(expr);
            };
            expr = ObservationExpr::Qualified {
                expr: Box::new(expr),
                qualifier,
                position,
            };
        }
    }

    /// The grammar wants IntPos/FloatPos after WITHIN and REPEATS: `-0` is not one.
    fn prev_was_negative(&self) -> bool {
        self.tokens[self.at - 1].negative
    }

    fn keyword(&mut self, kw: Kw, what: &str) -> Result<(), PatternError> {
        if self.is_kw(kw) {
            self.advance();
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }

    fn timestamp(&mut self, what: &str) -> Result<String, PatternError> {
        match self.current_mut() {
            Tok::Timestamp(t) => {
                let t = std::mem::take(t);
                self.advance();
                Ok(t)
            }
            _ => Err(self.expected(what)),
        }
    }

    fn observation_primary(&mut self) -> Result<ObservationExpr, PatternError> {
        self.enter()?;
        let position = self.pos();
        let result = match self.peek() {
            Tok::LBrack => {
                self.advance();
                let comparison = self.comparison_or()?;
                if self.peek() != &Tok::RBrack {
                    return Err(self.expected("']' after comparison expression"));
                }
                self.advance();
                ObservationExpr::Observation {
                    comparison,
                    position,
                }
            }
            Tok::LParen => {
                self.advance();
                let inner = self.observation_expressions()?;
                if self.peek() != &Tok::RParen {
                    return Err(self.expected("')' after observation expression"));
                }
                self.advance();
                ObservationExpr::Group(Box::new(inner))
            }
            _ => return Err(self.expected("'[' or '(' to start an observation expression")),
        };
        self.depth -= 1;
        Ok(result)
    }

    fn comparison_or(&mut self) -> Result<ComparisonExpr, PatternError> {
        let first = self.comparison_and()?;
        if !self.is_kw(Kw::Or) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.is_kw(Kw::Or) {
            self.advance();
            items.push(self.comparison_and()?);
        }
        Ok(balance(items, &|a, b| {
            ComparisonExpr::Or(Box::new(a), Box::new(b))
        }))
    }

    fn comparison_and(&mut self) -> Result<ComparisonExpr, PatternError> {
        let first = self.prop_test()?;
        if !self.is_kw(Kw::And) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.is_kw(Kw::And) {
            self.advance();
            items.push(self.prop_test()?);
        }
        Ok(balance(items, &|a, b| {
            ComparisonExpr::And(Box::new(a), Box::new(b))
        }))
    }

    fn prop_test(&mut self) -> Result<ComparisonExpr, PatternError> {
        if self.peek() == &Tok::LParen {
            self.enter()?;
            self.advance();
            let inner = self.comparison_or()?;
            if self.peek() != &Tok::RParen {
                return Err(self.expected("')' after comparison expression"));
            }
            self.advance();
            self.depth -= 1;
            return Ok(ComparisonExpr::Group(Box::new(inner)));
        }
        let position = self.pos();
        if self.is_kw(Kw::Not) || self.is_kw(Kw::Exists) {
            let negated = self.is_kw(Kw::Not);
            if negated {
                self.advance();
                if !self.is_kw(Kw::Exists) {
                    return Err(self.expected(
                        "EXISTS after a leading NOT (other operators take NOT after the object path)",
                    ));
                }
            }
            self.advance();
            let value_position = self.pos();
            let path = self.object_path()?;
            return Ok(ComparisonExpr::Test(Comparison {
                path,
                negated,
                op: Operator::Exists,
                position,
                value_position,
            }));
        }
        let path = self.object_path()?;
        let negated = self.is_kw(Kw::Not);
        if negated {
            self.advance();
        }
        let op_tok = self.bump();
        let value_position = self.pos();
        let op = match op_tok {
            Tok::Eq => Operator::Eq(self.literal(true)?),
            Tok::Ne => Operator::Ne(self.literal(true)?),
            Tok::Lt => Operator::Lt(self.literal(false)?),
            Tok::Le => Operator::Le(self.literal(false)?),
            Tok::Gt => Operator::Gt(self.literal(false)?),
            Tok::Ge => Operator::Ge(self.literal(false)?),
            Tok::Kw(Kw::In) => Operator::In(self.set_literal()?),
            Tok::Kw(Kw::Like) => Operator::Like(self.string("a string after LIKE")?),
            Tok::Kw(Kw::Matches) => Operator::Matches(self.string("a string after MATCHES")?),
            Tok::Kw(Kw::IsSubset) => Operator::IsSubset(self.string("a string after ISSUBSET")?),
            Tok::Kw(Kw::IsSuperset) => {
                Operator::IsSuperset(self.string("a string after ISSUPERSET")?)
            }
            _ => {
                self.at -= 1;
                return Err(self.expected(
                    "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after the object path",
                ));
            }
        };
        Ok(ComparisonExpr::Test(Comparison {
            path,
            negated,
            op,
            position,
            value_position,
        }))
    }

    /// The current token, to be consumed: a literal's or a name's contents are moved out
    /// rather than copied. The parser steps back only onto the token it has just passed,
    /// to describe it in an error, never onto one whose contents it took.
    fn current_mut(&mut self) -> &mut Tok {
        let at = self.at.min(self.tokens.len() - 1);
        &mut self.tokens[at].tok
    }

    fn string(&mut self, what: &str) -> Result<String, PatternError> {
        match self.current_mut() {
            Tok::Str(s) => {
                let s = std::mem::take(s);
                self.advance();
                Ok(s)
            }
            _ => Err(self.expected(what)),
        }
    }

    fn literal(&mut self, allow_bool: bool) -> Result<Literal, PatternError> {
        let lit =
            match self.current_mut() {
                Tok::Int(i) => Literal::Int(*i),
                Tok::Float(x) => Literal::Float(*x),
                Tok::Str(s) => Literal::Str(std::mem::take(s)),
                Tok::Bool(b) if allow_bool => Literal::Bool(*b),
                Tok::Hex(h) => Literal::Hex(std::mem::take(h)),
                Tok::Base64(b) => Literal::Base64(std::mem::take(b)),
                Tok::Timestamp(t) => Literal::Timestamp(std::mem::take(t)),
                _ if allow_bool => return Err(self.expected("a literal value after the operator")),
                _ => return Err(self.expected(
                    "an orderable literal (number, string, binary or timestamp) after the operator",
                )),
            };
        self.advance();
        Ok(lit)
    }

    fn set_literal(&mut self) -> Result<Vec<Literal>, PatternError> {
        if self.peek() != &Tok::LParen {
            return Err(self.expected("'(' to open the set after IN"));
        }
        self.advance();
        let mut items = Vec::new();
        if self.peek() == &Tok::RParen {
            self.advance();
            return Ok(items);
        }
        loop {
            items.push(self.literal(true)?);
            match self.bump() {
                Tok::Comma => continue,
                Tok::RParen => return Ok(items),
                _ => {
                    self.at -= 1;
                    return Err(self.expected("',' or ')' in the set literal"));
                }
            }
        }
    }

    fn object_path(&mut self) -> Result<ObjectPath, PatternError> {
        let object_type = match self.current_mut() {
            Tok::Ident(name, _) => std::mem::take(name),
            _ => return Err(self.expected("an object type such as file or ipv4-addr")),
        };
        self.advance();
        if self.peek() != &Tok::Colon {
            return Err(self.expected("':' after the object type"));
        }
        self.advance();
        let mut steps = Vec::new();
        match self.current_mut() {
            Tok::Ident(name, false) => steps.push(PathStep::Key(std::mem::take(name))),
            Tok::Str(s) => steps.push(PathStep::Key(std::mem::take(s))),
            _ => {
                return Err(self.expected(
                    "a property name (letters, digits, '_', or a quoted string) after ':'",
                ))
            }
        }
        self.advance();
        loop {
            match self.peek() {
                Tok::Dot => {
                    self.advance();
                    match self.current_mut() {
                        Tok::Ident(name, false) => steps.push(PathStep::Key(std::mem::take(name))),
                        Tok::Str(s) => steps.push(PathStep::Key(std::mem::take(s))),
                        _ => return Err(self.expected("a property name after '.'")),
                    }
                    self.advance();
                }
                Tok::LBrack => {
                    self.advance();
                    match self.bump() {
                        Tok::Int(n) => steps.push(PathStep::Index(n)),
                        Tok::Star => steps.push(PathStep::AnyIndex),
                        _ => {
                            self.at -= 1;
                            return Err(self.expected("a list index or '*' after '['"));
                        }
                    }
                    if self.peek() != &Tok::RBrack {
                        return Err(self.expected("']' after the list index"));
                    }
                    self.advance();
                }
                _ => return Ok(ObjectPath { object_type, steps }),
            }
        }
    }
}
