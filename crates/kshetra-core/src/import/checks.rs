//! Checks of an imported ward map that are not about reading the file: missing or zero
//! populations, gaps in the ward numbering, implausible ward sizes. Shown in the import
//! preview so the officer can fix the data (e.g. fill populations from the ward table).

use crate::geometry::area_m2;
use crate::model::WardMap;

/// A problem with the wards' data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WardProblem {
    /// Wards without a population, in ward order.
    MissingPopulation {
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// A ward whose population is 0.
    ZeroPopulation {
        /// Ward number.
        ward: String,
    },
    /// Numbers missing from 1..=highest ward number (numeric ward numbers only).
    NumberGaps {
        /// The missing numbers, ascending.
        missing: Vec<u64>,
    },
    /// A ward larger than any real ward ([`super::MAX_WARD_AREA_M2`]) or smaller than
    /// 100 m²: likely a wrong shape or unit.
    ImplausibleArea {
        /// Ward number.
        ward: String,
        /// Its area in whole square metres.
        area_m2: u64,
    },
}

/// The problems of a map, in a stable order: gaps, missing populations, then per ward.
pub fn problems(map: &WardMap) -> Vec<WardProblem> {
    let mut out = Vec::new();
    let numbers: Vec<u64> =
        map.wards().iter().filter_map(|w| w.number.parse::<u64>().ok()).collect();
    if let Some(&max) = numbers.iter().max() {
        // Only meaningful when most wards are plain numbers and the range is sane.
        if numbers.len() * 2 >= map.wards().len() && max <= 100_000 {
            let present: std::collections::BTreeSet<u64> = numbers.iter().copied().collect();
            let missing: Vec<u64> = (1..=max).filter(|n| !present.contains(n)).collect();
            if !missing.is_empty() && missing.len() <= numbers.len() {
                out.push(WardProblem::NumberGaps { missing });
            }
        }
    }
    let missing_pop: Vec<String> =
        map.wards().iter().filter(|w| w.population.is_none()).map(|w| w.number.clone()).collect();
    if !missing_pop.is_empty() {
        out.push(WardProblem::MissingPopulation { wards: missing_pop });
    }
    for w in map.wards() {
        if w.population == Some(0) {
            out.push(WardProblem::ZeroPopulation { ward: w.number.clone() });
        }
        let a = area_m2(&w.geometry);
        if !(100.0..=super::MAX_WARD_AREA_M2).contains(&a) {
            out.push(WardProblem::ImplausibleArea {
                ward: w.number.clone(),
                area_m2: a.max(0.0).round() as u64,
            });
        }
    }
    out
}
