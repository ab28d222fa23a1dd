//! Ageing: an indicator's score from its confidence, its sources, the sightings reported for
//! it and its age. The decay is polynomial, as in MISP's decaying model:
//! `score(age) = base × (1 − (age / lifetime)^(1 / speed))`, 0 from `lifetime` on, with the
//! lifetime and speed per family of observable (see [`crate::config`]). A revoked indicator,
//! one past its `valid_until` or not yet valid scores 0 whatever else is true.

use ward_stix::Timestamp;

use crate::config::{DecayParams, FeedsConfig};
use crate::observable::ObservableKind;

const MICROS_PER_DAY: f64 = 86_400.0 * 1_000_000.0;

/// What a score is computed from.
#[derive(Clone, Debug)]
pub struct ScoreInputs {
    pub kind: ObservableKind,
    /// STIX confidence (0-100), if the producer gave one.
    pub confidence: Option<u8>,
    /// How many distinct sources reported it (at least 1 counts as 1).
    pub sources: usize,
    /// How many sightings were reported for it.
    pub sightings: usize,
    /// The latest of `valid_from`, `modified` and the last sighting: age counts from here.
    pub last_seen: Timestamp,
    pub valid_from: Option<Timestamp>,
    pub valid_until: Option<Timestamp>,
    pub revoked: bool,
}

/// The decayed fraction (1 at age 0, 0 at and after the lifetime).
pub fn remaining(age_days: f64, p: DecayParams) -> f64 {
    if age_days <= 0.0 {
        return 1.0;
    }
    if age_days >= p.lifetime_days {
        return 0.0;
    }
    (1.0 - (age_days / p.lifetime_days).powf(1.0 / p.speed)).clamp(0.0, 1.0)
}

/// The base score before decay (0-100).
pub fn base_score(inputs: &ScoreInputs, config: &FeedsConfig) -> f64 {
    let confidence = f64::from(inputs.confidence.unwrap_or(config.score.default_confidence));
    let extra_sources = inputs.sources.saturating_sub(1) as f64;
    (confidence
        + config.score.per_extra_source * extra_sources
        + config.score.per_sighting * inputs.sightings as f64)
        .clamp(0.0, 100.0)
}

/// The score at `now` (0-100).
pub fn score(inputs: &ScoreInputs, config: &FeedsConfig, now: Timestamp) -> f64 {
    if inputs.revoked
        || inputs.valid_until.is_some_and(|u| u <= now)
        || inputs.valid_from.is_some_and(|f| f > now)
    {
        return 0.0;
    }
    let age_days = (now.as_micros() - inputs.last_seen.as_micros()) as f64 / MICROS_PER_DAY;
    let p = config.decay.for_kind(inputs.kind);
    base_score(inputs, config) * remaining(age_days, p)
}

/// A score as the scan index keeps it: to a tenth (as the toolkit shows it), then to a whole
/// number.
pub fn whole_score(score: f64) -> u8 {
    ((score * 10.0).round() / 10.0).round().clamp(0.0, 100.0) as u8
}

/// Until when [`whole_score`] of the score stays what it is at `now`: an instant after which
/// it may differ (the score ages, `valid_from` or `valid_until` is reached), never later
/// than the first change; it may be a little earlier, since whoever keeps something built
/// from the score (the scan index's cache) only rebuilds early. `None`: it never changes (a
/// revoked indicator, one past its `valid_until`, one whose score is already 0 with no
/// `valid_until` ahead).
pub fn whole_score_stable_until(
    inputs: &ScoreInputs,
    config: &FeedsConfig,
    now: Timestamp,
) -> Option<Timestamp> {
    if inputs.revoked || inputs.valid_until.is_some_and(|u| u <= now) {
        return None;
    }
    // At `valid_until` the score drops to 0 (and the index leaves the indicator out).
    let until = inputs.valid_until;
    // Not yet valid: 0 until `valid_from`.
    if let Some(from) = inputs.valid_from.filter(|f| *f > now) {
        return earliest(until, from);
    }
    let whole = whole_score(score(inputs, config, now));
    if whole == 0 {
        // Age only grows, so a score never rises again.
        return until;
    }
    // The score never rises while it stays valid; while it is at least `whole − 0.5`, it
    // is that or more to a tenth, which rounds to `whole`.
    let floor = f64::from(whole) - 0.5;
    let base = base_score(inputs, config);
    if floor >= base {
        return Some(now);
    }
    // base × (1 − (age / lifetime)^(1 / speed)) = floor
    //   ⇔  age = lifetime × (1 − floor / base)^speed
    let p = config.decay.for_kind(inputs.kind);
    let age_days = p.lifetime_days * (1.0 - floor / base).powf(p.speed);
    // A second early, for the rounding of the two ways of computing the same instant.
    let reached = inputs
        .last_seen
        .as_micros()
        .saturating_add((age_days * MICROS_PER_DAY) as i64)
        .saturating_sub(1_000_000)
        .max(now.as_micros());
    earliest(until, Timestamp::from_micros(reached))
}

fn earliest(a: Option<Timestamp>, b: Timestamp) -> Option<Timestamp> {
    Some(a.map_or(b, |a| a.min(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(days: i64) -> Timestamp {
        Timestamp::from_micros(1_700_000_000_000_000 + days * 86_400_000_000)
    }

    fn inputs(kind: ObservableKind) -> ScoreInputs {
        ScoreInputs {
            kind,
            confidence: Some(80),
            sources: 1,
            sightings: 0,
            last_seen: at(0),
            valid_from: Some(at(0)),
            valid_until: None,
            revoked: false,
        }
    }

    #[test]
    fn ips_decay_fastest_hashes_slowest() {
        let c = FeedsConfig::default();
        let s = |k| score(&inputs(k), &c, at(20));
        assert!(s(ObservableKind::Ip) < s(ObservableKind::Domain));
        assert!(s(ObservableKind::Domain) < s(ObservableKind::Hash));
        assert_eq!(score(&inputs(ObservableKind::Ip), &c, at(30)), 0.0);
        assert!(score(&inputs(ObservableKind::Ip), &c, at(0)) == 80.0);
    }

    #[test]
    fn revocation_and_validity_win() {
        let c = FeedsConfig::default();
        let mut i = inputs(ObservableKind::Hash);
        i.revoked = true;
        assert_eq!(score(&i, &c, at(1)), 0.0);
        let mut i = inputs(ObservableKind::Hash);
        i.valid_until = Some(at(1));
        assert_eq!(score(&i, &c, at(2)), 0.0);
        assert!(score(&i, &c, at(0)) > 0.0);
    }

    #[test]
    fn sources_and_sightings_raise_the_base() {
        let c = FeedsConfig::default();
        let mut i = inputs(ObservableKind::Ip);
        let one = score(&i, &c, at(5));
        i.sources = 2;
        let two = score(&i, &c, at(5));
        i.sightings = 1;
        let sighted = score(&i, &c, at(5));
        assert!(one < two && two < sighted);
        i.sightings = 100;
        assert!(score(&i, &c, at(0)) <= 100.0);
    }

    #[test]
    fn a_whole_score_is_stable_until_the_instant_given_and_not_much_longer() {
        let c = FeedsConfig::default();
        let i = inputs(ObservableKind::Ip);
        // 80 × (1 − sqrt(age / 30 days)) reaches 79.5 at 30 × (1/160)² days: 101.25 s.
        let until = whole_score_stable_until(&i, &c, at(0)).unwrap();
        let secs = (until.as_micros() - at(0).as_micros()) as f64 / 1e6;
        assert!((100.0..=101.25).contains(&secs), "{secs}");
        // It becomes 79 once the score is below 79.45 (79.4 to a tenth): at 122.5 s.
        let later = Timestamp::from_micros(until.as_micros() + 30_000_000);
        assert_eq!(whole_score(score(&i, &c, later)), 79);
        // Revoked, or past its end: never changes again.
        let mut gone = i.clone();
        gone.revoked = true;
        assert_eq!(whole_score_stable_until(&gone, &c, at(1)), None);
        let mut ended = i.clone();
        ended.valid_until = Some(at(1));
        assert_eq!(whole_score_stable_until(&ended, &c, at(2)), None);
        // Decayed to 0: only its valid_until is ahead.
        ended.valid_until = Some(at(90));
        assert_eq!(whole_score_stable_until(&ended, &c, at(40)), Some(at(90)));
        // Not yet valid: until valid_from.
        let mut early = i.clone();
        early.valid_from = Some(at(3));
        assert_eq!(whole_score_stable_until(&early, &c, at(1)), Some(at(3)));
    }

    proptest! {
        #[test]
        fn a_whole_score_never_changes_before_its_stable_until(
            conf in 0u8..=100,
            k in 0usize..5,
            sightings in 0usize..4,
            seen in -400i64..10,
            from in prop::option::of(-400i64..10),
            until in prop::option::of(-10i64..400),
            revoked in prop::bool::weighted(0.05),
            // Instants between now and the answer, as fractions of the way.
            steps in prop::collection::vec(0.0f64..1.0, 8),
            secs in -100_000i64..100_000,
        ) {
            let c = FeedsConfig::default();
            let now = Timestamp::from_micros(at(0).as_micros() + secs * 1_000_000);
            let mut i = inputs(ObservableKind::ALL[k]);
            i.confidence = Some(conf);
            i.sightings = sightings;
            i.last_seen = at(seen);
            i.valid_from = from.map(at);
            i.valid_until = until.map(at);
            i.revoked = revoked;
            let whole = whole_score(score(&i, &c, now));
            let end = whole_score_stable_until(&i, &c, now)
                .map_or(at(5000).as_micros(), |t| t.as_micros());
            prop_assert!(end >= now.as_micros());
            let span = (end - now.as_micros()) as f64;
            for f in steps.iter().copied().chain([0.0, 1.0]) {
                let t = now.as_micros() + (span * f) as i64;
                // The answer itself may already be the change.
                let t = if t >= end && end > now.as_micros() { end - 1 } else { t };
                let t = Timestamp::from_micros(t.max(now.as_micros()));
                prop_assert_eq!(whole_score(score(&i, &c, t)), whole, "at {:?}, end {}", t, end);
            }
        }

        #[test]
        fn score_is_bounded_and_never_rises_with_age(conf in 0u8..=100, a in 0i64..400, b in 0i64..400, k in 0usize..5) {
            let c = FeedsConfig::default();
            let mut i = inputs(ObservableKind::ALL[k]);
            i.confidence = Some(conf);
            let (early, late) = (a.min(b), a.max(b));
            let se = score(&i, &c, at(early));
            let sl = score(&i, &c, at(late));
            prop_assert!((0.0..=100.0).contains(&se));
            prop_assert!(sl <= se);
        }
    }
}
