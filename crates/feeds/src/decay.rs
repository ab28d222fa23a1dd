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

    proptest! {
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
