//! The binding search: which observations satisfy which observation expressions (§9.5, §9.6).
//!
//! A binding is the multiset of observations one way of satisfying an expression uses. An
//! observation may appear in it up to `number_observed` times (its instances), never more.
//! Each sub-expression yields its distinct bindings; the operators combine them:
//!
//! - `A OR B`: a binding of either side;
//! - `A AND B`: a binding of each side, together within the instance counts;
//! - `A FOLLOWEDBY B`: as AND, and some time in A's intervals is not after some time in B's
//!   (the latest first_observed of A is at most the earliest last_observed of B);
//! - `WITHIN d`: an interval of d seconds meets every observation's [first, last] interval
//!   (latest first_observed − earliest last_observed ≤ d);
//! - `START s STOP t`: every observation's interval meets [s, t) — filtered at the leaves;
//! - `REPEATS n`: n bindings of the operand, together within the instance counts.
//!
//! Two facts keep the search small: a WITHIN bound also bounds every part of the binding (a
//! part never spans more than the whole), so it prunes combinations as they are built; and
//! bindings are deduplicated as multisets, so instances of one observed-data do not multiply.
//! Beyond that, the step and size budgets stop the search.

use std::collections::HashSet as StdHashSet;

/// Bindings are deduplicated by their observation lists; foldhash hashes those short
/// integer lists several times faster than SipHash.
type HashSet<T> = StdHashSet<T, foldhash::fast::RandomState>;

use super::compare::observation_matches;
use super::{EvalError, EvalOptions, MatchOutcome, Node, Observation, Observations, Sco};

#[derive(Debug, Clone)]
struct Binding {
    /// Observation indices, sorted, repeated once per instance used.
    obs: Vec<u32>,
    max_first: i128,
    min_last: i128,
}

impl Binding {
    fn span(&self) -> i128 {
        self.max_first - self.min_last
    }
}

/// The START/STOP windows in force: observations must have first < stop and last >= start.
#[derive(Debug, Clone, Copy)]
struct Window {
    start: i128,
    stop: i128,
}

struct Engine<'o, 'a> {
    obs: &'o [Observation<'a>],
    scos: &'o [Sco<'a>],
    options: EvalOptions,
    steps: u64,
    truncated: bool,
}

fn merge(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

impl Engine<'_, '_> {
    /// Spends one step; false when the budget is gone.
    fn step(&mut self) -> bool {
        self.steps += 1;
        if self.steps > self.options.max_steps {
            self.truncated = true;
            return false;
        }
        true
    }

    /// The union of two bindings, if it stays within every observation's instance count.
    fn combine(&self, a: &Binding, b: &Binding) -> Option<Binding> {
        let obs = merge(&a.obs, &b.obs);
        let mut run = 0u32;
        for (k, &o) in obs.iter().enumerate() {
            run = if k > 0 && obs[k - 1] == o { run + 1 } else { 1 };
            if run > self.obs[o as usize].count {
                return None;
            }
        }
        Some(Binding {
            obs,
            max_first: a.max_first.max(b.max_first),
            min_last: a.min_last.min(b.min_last),
        })
    }

    fn keep(&mut self, out: &mut Vec<Binding>, seen: &mut HashSet<Vec<u32>>, b: Binding) -> bool {
        if seen.len() >= self.options.max_bindings {
            self.truncated = true;
            return false;
        }
        if seen.insert(b.obs.clone()) {
            out.push(b);
        }
        true
    }

    fn eval(&mut self, node: &Node, window: Window, max_span: Option<i128>) -> Vec<Binding> {
        let fits = |b: &Binding| max_span.is_none_or(|d| b.span() <= d);
        match node {
            Node::Simple(cond) => {
                let mut out = Vec::new();
                for (i, o) in self.obs.iter().enumerate() {
                    if !self.step() {
                        break;
                    }
                    if o.first < window.stop
                        && o.last >= window.start
                        && observation_matches(cond, &self.scos[o.scos.clone()])
                    {
                        out.push(Binding {
                            obs: vec![i as u32],
                            max_first: o.first,
                            min_last: o.last,
                        });
                    }
                }
                out
            }
            Node::Or(a, b) => {
                let left = self.eval(a, window, max_span);
                let right = self.eval(b, window, max_span);
                let mut seen = HashSet::default();
                let mut out = Vec::new();
                for x in left.into_iter().chain(right) {
                    if !self.keep(&mut out, &mut seen, x) {
                        break;
                    }
                }
                out
            }
            Node::And(a, b) | Node::FollowedBy(a, b) => {
                let ordered = matches!(node, Node::FollowedBy(..));
                let left = self.eval(a, window, max_span);
                if left.is_empty() {
                    return left;
                }
                let right = self.eval(b, window, max_span);
                let mut seen = HashSet::default();
                let mut out = Vec::new();
                'outer: for x in &left {
                    for y in &right {
                        if !self.step() {
                            break 'outer;
                        }
                        if ordered && x.max_first > y.min_last {
                            continue;
                        }
                        if let Some(c) = self.combine(x, y) {
                            if fits(&c) && !self.keep(&mut out, &mut seen, c) {
                                break 'outer;
                            }
                        }
                    }
                }
                out
            }
            Node::Within(inner, d) => {
                let span = Some(max_span.map_or(*d, |s| s.min(*d)));
                let mut out = self.eval(inner, window, span);
                out.retain(|b| b.span() <= *d);
                out
            }
            Node::StartStop(inner, start, stop) => {
                let w = Window {
                    start: window.start.max(*start),
                    stop: window.stop.min(*stop),
                };
                if w.start >= w.stop {
                    return Vec::new();
                }
                self.eval(inner, w, max_span)
            }
            Node::Repeats(inner, n) => {
                let mut parts = self.eval(inner, window, max_span);
                if *n <= 1 {
                    return parts;
                }
                // Sorted by time, so that the WITHIN prune can stop a scan early.
                parts.sort_by_key(|b| (b.max_first, b.min_last));
                let mut seen = HashSet::default();
                let mut out = Vec::new();
                for start in 0..parts.len() {
                    let first = parts[start].clone();
                    if !self.repeat(&parts, start, first, *n - 1, max_span, &mut out, &mut seen) {
                        break;
                    }
                }
                out
            }
        }
    }

    /// Extends `acc` with `remaining` more parts chosen from `parts[from..]` (a part may be
    /// chosen again when the instance counts allow). Returns false when a budget ran out.
    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        parts: &[Binding],
        from: usize,
        acc: Binding,
        remaining: u64,
        max_span: Option<i128>,
        out: &mut Vec<Binding>,
        seen: &mut HashSet<Vec<u32>>,
    ) -> bool {
        if remaining == 0 {
            return self.keep(out, seen, acc);
        }
        for k in from..parts.len() {
            if !self.step() {
                return false;
            }
            let part = &parts[k];
            if let Some(d) = max_span {
                // Parts are sorted by max_first: once this one is too late, so are the rest.
                if part.max_first - acc.min_last > d {
                    break;
                }
            }
            let Some(next) = self.combine(&acc, part) else {
                continue;
            };
            if max_span.is_some_and(|d| next.span() > d) {
                continue;
            }
            if !self.repeat(parts, k, next, remaining - 1, max_span, out, seen) {
                return false;
            }
        }
        true
    }
}

/// What the caller needs from a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// The verdict and every observed-data of every satisfying binding.
    Everything,
    /// The verdict only: the search may stop at the first satisfying binding.
    Verdict,
}

pub(crate) fn run(
    root: &Node,
    observations: &Observations<'_>,
    options: EvalOptions,
    want: Want,
) -> Result<MatchOutcome, EvalError> {
    let obs = &observations.list;
    let mut used = vec![false; obs.len()];
    let (matched, truncated) = if let Node::Simple(cond) = root {
        // The common shape, one `[...]` without qualifiers: its bindings are exactly the
        // single observations that satisfy it, so each observed-data is decided alone and
        // no binding is built. Same step accounting as `Engine::eval`: one per observation.
        let budget = usize::try_from(options.max_steps).unwrap_or(usize::MAX);
        let mut matched = false;
        for (o, used) in obs.iter().take(budget).zip(used.iter_mut()) {
            if observation_matches(cond, &observations.scos[o.scos.clone()]) {
                *used = true;
                matched = true;
                if want == Want::Verdict {
                    break;
                }
            }
        }
        (matched, obs.len() > budget)
    } else {
        let mut engine = Engine {
            obs,
            scos: &observations.scos,
            options,
            steps: 0,
            truncated: false,
        };
        let all = Window {
            start: i128::MIN,
            stop: i128::MAX,
        };
        let bindings = engine.eval(root, all, None);
        for b in &bindings {
            for &o in &b.obs {
                used[o as usize] = true;
            }
        }
        (!bindings.is_empty(), engine.truncated)
    };
    if !matched && truncated {
        return Err(EvalError::TooComplex {
            steps: options.max_steps,
        });
    }
    let observed_data = obs
        .iter()
        .zip(used)
        .filter(|(_, u)| *u)
        .map(|(o, _)| o.id.to_string())
        .collect();
    Ok(MatchOutcome {
        matched,
        observed_data,
        complete: !truncated,
    })
}
