//! Poor households and the number of community organisers a city needs.
//!
//! Per ward, the poor households are, in order of preference:
//! 1. the count entered (from the map file or the ward table);
//! 2. households × poor share, when the number of households is known;
//! 3. population × poor share ÷ household size, when only the population is known.
//!
//! Organisers needed = ⌈total poor households ÷ norm⌉.

use crate::model::{Ward, WardMap};

/// Default poor share: 27 %, inside the 25–30 % range the mission uses as its basis for
/// urban poor households (the range stated in issue 3). A city setting, always shown.
pub const DEFAULT_POOR_SHARE: f64 = 0.27;

/// Default persons per household: 4.8, the urban average of Census of India 2011 (urban
/// population 377,106,125 ÷ urban households 78,865,937 = 4.78; Primary Census Abstract and
/// Houselisting tables, India total). A city setting.
pub const DEFAULT_HOUSEHOLD_SIZE: f64 = 4.8;

/// Default norm: one community organiser per 3,000 poor households.
pub const DEFAULT_NORM: u64 = 3_000;

/// The city's estimation settings.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PoorParams {
    /// Share of households that are poor, 0–1.
    pub poor_share: f64,
    /// Persons per household (> 0).
    pub household_size: f64,
    /// Poor households per organiser (≥ 1).
    pub norm: u64,
}

impl Default for PoorParams {
    fn default() -> Self {
        PoorParams {
            poor_share: DEFAULT_POOR_SHARE,
            household_size: DEFAULT_HOUSEHOLD_SIZE,
            norm: DEFAULT_NORM,
        }
    }
}

/// Where a ward's poor-household figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PoorBasis {
    /// Entered count.
    Entered,
    /// Households × poor share.
    FromHouseholds,
    /// Population × poor share ÷ household size.
    FromPopulation,
    /// Nothing known: no estimate.
    Unknown,
}

/// One ward's poor households.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardPoor {
    /// Ward number.
    pub ward: String,
    /// Poor households (rounded to the nearest whole household); `None` when unknown.
    pub poor_households: Option<u64>,
    /// How it was obtained.
    pub basis: PoorBasis,
}

/// Poor households of one ward (see the module docs for the order of preference). Shares
/// outside 0–1 are clamped; a household size ≤ 0 or not finite makes the population rule
/// unusable.
pub fn ward_poor(ward: &Ward, params: &PoorParams) -> WardPoor {
    let share = if params.poor_share.is_finite() { params.poor_share.clamp(0.0, 1.0) } else { 0.0 };
    let (poor, basis) = if let Some(n) = ward.poor_households {
        (Some(n), PoorBasis::Entered)
    } else if let Some(h) = ward.households {
        (Some(round_count(h as f64 * share)), PoorBasis::FromHouseholds)
    } else if let (Some(p), true) =
        (ward.population, params.household_size.is_finite() && params.household_size > 0.0)
    {
        (Some(round_count(p as f64 * share / params.household_size)), PoorBasis::FromPopulation)
    } else {
        (None, PoorBasis::Unknown)
    };
    WardPoor { ward: ward.number.clone(), poor_households: poor, basis }
}

fn round_count(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        x.round().min(u64::MAX as f64 / 2.0) as u64
    } else {
        0
    }
}

/// Organisers needed for `total_poor` households: ⌈total ÷ norm⌉ (a norm of 0 counts as 1).
pub fn organisers_needed(total_poor: u64, norm: u64) -> u64 {
    total_poor.div_ceil(norm.max(1))
}

/// The city's estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityEstimate {
    /// Per ward, in the map's ward order.
    pub wards: Vec<WardPoor>,
    /// Sum of the known poor households.
    pub total_poor: u64,
    /// Wards without any estimate (no count, households or population).
    pub wards_unknown: usize,
    /// ⌈total_poor ÷ norm⌉.
    pub organisers_needed: u64,
}

impl CityEstimate {
    /// Organisers still missing when `available` are at hand (0 when enough).
    pub fn shortfall(&self, available: u64) -> u64 {
        self.organisers_needed.saturating_sub(available)
    }
}

/// The organisers the city has, the one figure every panel and the poster show: the
/// organiser list when it has anyone, else the number the officer typed (`None`: not known).
pub fn organisers_available(in_list: usize, typed: Option<u64>) -> Option<u64> {
    if in_list > 0 {
        Some(in_list as u64)
    } else {
        typed
    }
}

/// Poor households of every ward and the organisers the city needs.
pub fn estimate(map: &WardMap, params: &PoorParams) -> CityEstimate {
    let wards: Vec<WardPoor> = map.wards().iter().map(|w| ward_poor(w, params)).collect();
    let total_poor = wards.iter().filter_map(|w| w.poor_households).fold(0u64, u64::saturating_add);
    let wards_unknown = wards.iter().filter(|w| w.basis == PoorBasis::Unknown).count();
    CityEstimate {
        organisers_needed: organisers_needed(total_poor, params.norm),
        wards,
        total_poor,
        wards_unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::MultiPolygon;
    use proptest::prelude::*;

    #[test]
    fn the_list_decides_how_many_organisers_there_are() {
        assert_eq!(organisers_available(30, Some(12)), Some(30));
        assert_eq!(organisers_available(30, None), Some(30));
        assert_eq!(organisers_available(0, Some(12)), Some(12));
        assert_eq!(organisers_available(0, None), None);
    }

    fn ward(pop: Option<u64>, hh: Option<u64>, poor: Option<u64>) -> Ward {
        let mut w = Ward::new("1", MultiPolygon::new(vec![]));
        w.population = pop;
        w.households = hh;
        w.poor_households = poor;
        w
    }

    #[test]
    fn order_of_preference() {
        let p = PoorParams::default();
        assert_eq!(
            ward_poor(&ward(Some(48_000), Some(10_000), Some(123)), &p).poor_households,
            Some(123)
        );
        let w = ward_poor(&ward(Some(48_000), Some(10_000), None), &p);
        assert_eq!((w.poor_households, w.basis), (Some(2_700), PoorBasis::FromHouseholds));
        let w = ward_poor(&ward(Some(48_000), None, None), &p);
        assert_eq!((w.poor_households, w.basis), (Some(2_700), PoorBasis::FromPopulation));
        assert_eq!(ward_poor(&ward(None, None, None), &p).basis, PoorBasis::Unknown);
    }

    #[test]
    fn organisers_round_up_and_shortfall() {
        assert_eq!(organisers_needed(0, 3_000), 0);
        assert_eq!(organisers_needed(3_000, 3_000), 1);
        assert_eq!(organisers_needed(3_001, 3_000), 2);
        assert_eq!(organisers_needed(5, 0), 5);
        let map = WardMap::new(vec![ward(Some(4_800_000), None, None)]);
        let e = estimate(&map, &PoorParams::default());
        assert_eq!((e.total_poor, e.organisers_needed), (270_000, 90));
        assert_eq!((e.shortfall(60), e.shortfall(100)), (30, 0));
    }

    proptest! {
        #[test]
        fn arithmetic_properties(pop in 0u64..5_000_000, hh in 0u64..1_000_000, share in 0.0f64..1.0, size in 1.0f64..10.0, norm in 1u64..10_000) {
            let p = PoorParams { poor_share: share, household_size: size, norm };
            // Households rule: never more than the households.
            let w = ward_poor(&ward(Some(pop), Some(hh), None), &p);
            prop_assert!(w.poor_households.unwrap() <= hh);
            prop_assert!((w.poor_households.unwrap() as f64 - hh as f64 * share).abs() <= 0.5 + 1e-6);
            // Population rule: within rounding of the formula, monotone in the share.
            let a = ward_poor(&ward(Some(pop), None, None), &p).poor_households.unwrap();
            prop_assert!((a as f64 - pop as f64 * share / size).abs() <= 0.5 + 1e-6);
            let more = PoorParams { poor_share: (share + 0.1).min(1.0), ..p };
            prop_assert!(ward_poor(&ward(Some(pop), None, None), &more).poor_households.unwrap() >= a);
            // Organisers: the smallest number whose capacity covers the poor households.
            let n = organisers_needed(a, norm);
            prop_assert!(n * norm >= a);
            prop_assert!(n == 0 || (n - 1) * norm < a);
        }

        #[test]
        fn city_total_is_the_sum_of_wards(pops in proptest::collection::vec(proptest::option::of(0u64..100_000), 0..30)) {
            let wards: Vec<Ward> = pops.iter().enumerate().map(|(i, p)| {
                let mut w = ward(*p, None, None);
                w.number = (i + 1).to_string();
                w
            }).collect();
            let e = estimate(&WardMap::new(wards), &PoorParams::default());
            prop_assert_eq!(e.total_poor, e.wards.iter().filter_map(|w| w.poor_households).sum::<u64>());
            prop_assert_eq!(e.wards_unknown, pops.iter().filter(|p| p.is_none()).count());
        }
    }
}
