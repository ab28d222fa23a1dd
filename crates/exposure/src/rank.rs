//! The decision model: how urgent a vulnerability on an asset is, in the spirit of CISA's
//! Stakeholder-Specific Vulnerability Categorization (SSVC) deployer tree.
//!
//! Four questions, each with a few answers a practice manager can check: is it being
//! exploited (KEV, EPSS, hub sightings)? can an attacker reach it (internet-facing,
//! segmented)? what happens to patients if it fails (clinical criticality)? can it be patched
//! at all (end of support)? The answers pick a tier; a score orders findings inside a tier.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::inventory::{Asset, AssetKind, Criticality};

/// How urgent, most urgent first in `Ord` terms reversed: `Immediate > OutOfCycle >
/// Scheduled > Defer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Nothing to do beyond normal care.
    Defer,
    /// In the next planned maintenance window.
    Scheduled,
    /// This week, outside the normal cycle.
    OutOfCycle,
    /// Today.
    Immediate,
}

impl Tier {
    pub const ALL: [Tier; 4] = [
        Tier::Immediate,
        Tier::OutOfCycle,
        Tier::Scheduled,
        Tier::Defer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tier::Immediate => "immediate",
            Tier::OutOfCycle => "out-of-cycle",
            Tier::Scheduled => "scheduled",
            Tier::Defer => "defer",
        }
    }

    /// What the tier asks of a person, in words.
    pub fn meaning(self) -> &'static str {
        match self {
            Tier::Immediate => "act today",
            Tier::OutOfCycle => "act this week, outside the normal update cycle",
            Tier::Scheduled => "handle in the next planned maintenance window",
            Tier::Defer => "no action beyond normal care",
        }
    }

    pub(crate) fn base_score(self) -> f64 {
        match self {
            Tier::Immediate => 75.0,
            Tier::OutOfCycle => 50.0,
            Tier::Scheduled => 25.0,
            Tier::Defer => 0.0,
        }
    }

    fn lower(self) -> Tier {
        match self {
            Tier::Immediate => Tier::OutOfCycle,
            Tier::OutOfCycle => Tier::Scheduled,
            _ => Tier::Defer,
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Tier {
    type Err = String;
    fn from_str(s: &str) -> Result<Tier, String> {
        Tier::ALL
            .into_iter()
            .find(|t| t.label().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("`{s}` is not a tier; expected immediate, out-of-cycle, scheduled or defer")
            })
    }
}

/// SSVC "Exploitation".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exploitation {
    None,
    /// EPSS gives at least a 10% chance of exploitation in the next 30 days.
    Likely,
    /// In CISA's KEV catalog or sighted by hub members.
    Active,
}

/// SSVC "Exposure", from the inventory's `internet_exposed` and `segmented` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exposure {
    Segmented,
    Internal,
    Internet,
}

/// SSVC "Human Impact" read as harm to patients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PatientImpact {
    Low,
    Medium,
    High,
    VeryHigh,
}

/// Can the owner fix it?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Patchability {
    /// The vendor has a fix.
    FixAvailable,
    /// The vendor names no fix yet (a workaround at best).
    NoFixYet,
    /// The asset's support has ended: no updates will come.
    EndOfSupport,
}

/// The answers to the four questions, kept in the result so the reasoning can be audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub exploitation: Exploitation,
    pub exposure: Exposure,
    pub patient_impact: PatientImpact,
    pub patchability: Patchability,
}

/// The EPSS probability from which exploitation counts as likely.
pub const EPSS_LIKELY: f64 = 0.1;

pub fn exposure_of(asset: &Asset) -> Exposure {
    if asset.internet_exposed == Some(true) {
        Exposure::Internet
    } else if asset.segmented == Some(true) {
        Exposure::Segmented
    } else {
        Exposure::Internal
    }
}

/// A blank criticality is read cautiously: a medical device is assumed to be used in
/// patient care.
pub fn impact_of(asset: &Asset) -> PatientImpact {
    match asset.criticality {
        Some(Criticality::LifeSustaining) => PatientImpact::VeryHigh,
        Some(Criticality::PatientCare) => PatientImpact::High,
        Some(Criticality::ClinicalSupport) => PatientImpact::Medium,
        Some(Criticality::Business) => PatientImpact::Low,
        None if asset.kind == Some(AssetKind::MedicalDevice) => PatientImpact::High,
        None => PatientImpact::Medium,
    }
}

/// The tier for a set of answers.
pub fn tier_for(d: &Decision) -> Tier {
    use Exploitation as E;
    use PatientImpact as P;
    let internet = d.exposure == Exposure::Internet;
    let high = d.patient_impact >= P::High;
    let tier = match d.exploitation {
        E::Active if internet || high => Tier::Immediate,
        E::Active => Tier::OutOfCycle,
        E::Likely if internet && d.patient_impact == P::VeryHigh => Tier::Immediate,
        E::Likely if internet || high => Tier::OutOfCycle,
        E::Likely => Tier::Scheduled,
        E::None if internet && high => Tier::OutOfCycle,
        E::None if internet || high => Tier::Scheduled,
        E::None => Tier::Defer,
    };
    // A segmented device is harder to reach: one step down, except an actively exploited
    // flaw on a life-sustaining device, which stays at the top.
    if d.exposure == Exposure::Segmented
        && !(d.exploitation == E::Active && d.patient_impact == P::VeryHigh)
    {
        tier.lower()
    } else {
        tier
    }
}

/// Inputs to the within-tier score besides the decision.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScoreInputs {
    pub kev: bool,
    pub epss: Option<f64>,
    pub sightings: u32,
    pub cvss: Option<f64>,
    pub certain: bool,
}

/// 0-100: the tier gives the band (75+, 50+, 25+, 0+), the signals the place inside it.
pub fn score_for(d: &Decision, s: &ScoreInputs) -> f64 {
    let tier = tier_for(d);
    let mut within = 0.0;
    if s.kev {
        within += 8.0;
    }
    within += f64::from(s.sightings.min(5)) * 0.6;
    within += s.epss.unwrap_or(0.0).clamp(0.0, 1.0) * 5.0;
    within += match d.patient_impact {
        PatientImpact::VeryHigh => 5.0,
        PatientImpact::High => 3.5,
        PatientImpact::Medium => 2.0,
        PatientImpact::Low => 0.0,
    };
    within += match d.exposure {
        Exposure::Internet => 3.0,
        Exposure::Internal => 1.0,
        Exposure::Segmented => 0.0,
    };
    if d.patchability == Patchability::EndOfSupport {
        within += 1.5;
    }
    within += s.cvss.unwrap_or(0.0).clamp(0.0, 10.0) / 10.0 * 2.5;
    if !s.certain {
        within -= 2.0;
    }
    let score = tier.base_score() + within.clamp(0.0, 24.9);
    (score * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(e: Exploitation, x: Exposure, p: PatientImpact) -> Decision {
        Decision {
            exploitation: e,
            exposure: x,
            patient_impact: p,
            patchability: Patchability::FixAvailable,
        }
    }

    #[test]
    fn tiers_follow_the_tree() {
        use Exploitation as E;
        use Exposure as X;
        use PatientImpact as P;
        assert_eq!(
            tier_for(&d(E::Active, X::Internet, P::Low)),
            Tier::Immediate
        );
        assert_eq!(
            tier_for(&d(E::Active, X::Internal, P::Low)),
            Tier::OutOfCycle
        );
        assert_eq!(tier_for(&d(E::None, X::Internal, P::Low)), Tier::Defer);
        assert_eq!(
            tier_for(&d(E::None, X::Internal, P::VeryHigh)),
            Tier::Scheduled
        );
        assert_eq!(
            tier_for(&d(E::Active, X::Segmented, P::VeryHigh)),
            Tier::Immediate
        );
        assert_eq!(
            tier_for(&d(E::Active, X::Segmented, P::High)),
            Tier::OutOfCycle
        );
    }

    #[test]
    fn tier_names_round_trip() {
        for t in Tier::ALL {
            assert_eq!(t.label().parse::<Tier>(), Ok(t));
        }
        assert!("urgent".parse::<Tier>().is_err());
        assert!(Tier::Immediate > Tier::Defer);
    }

    #[test]
    fn score_stays_in_its_tier_band() {
        let top = d(
            Exploitation::Active,
            Exposure::Internet,
            PatientImpact::VeryHigh,
        );
        let s = ScoreInputs {
            kev: true,
            epss: Some(1.0),
            sightings: 9,
            cvss: Some(10.0),
            certain: true,
        };
        let v = score_for(&top, &s);
        assert!((75.0..100.0).contains(&v));
        let low = d(Exploitation::None, Exposure::Internal, PatientImpact::Low);
        assert!(
            score_for(
                &low,
                &ScoreInputs {
                    cvss: Some(10.0),
                    certain: true,
                    ..Default::default()
                }
            ) < 25.0
        );
    }
}
