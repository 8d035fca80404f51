//! What the last automatic allocation said about its plan ([`RunReport`]): the worst deviation
//! it reached against the tolerance asked for, and why it cannot be better, with the ward
//! numbers and zone names its limits refer to. Kept with the project in the browser, so it is
//! shown again after a reload.

use kshetra_alloc::{Limit, Outcome};
use serde::{Deserialize, Serialize};

use crate::model::WardMap;

/// What the last automatic run said about its plan (kept with the project).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// Worst deviation reached.
    pub max_deviation: f64,
    /// The tolerance asked for.
    pub epsilon: f64,
    /// Why it cannot be better (from the data).
    pub limits: Vec<Limit>,
    /// The engine's organisers' zone/piece index → zone name, for the limits' text.
    pub zone_names: Vec<String>,
    /// The engine's ward index → ward number, for the limits' text.
    pub ward_numbers: Vec<String>,
}

impl RunReport {
    /// The report of an engine run on `map` (the engine's wards are the map's, in order).
    pub fn of(outcome: &Outcome, epsilon: f64, map: &WardMap) -> RunReport {
        RunReport {
            max_deviation: outcome.metrics.max_abs_deviation,
            epsilon,
            limits: outcome.limits.clone(),
            zone_names: map.zones().to_vec(),
            ward_numbers: map.wards().iter().map(|w| w.number.clone()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adjacency::{build, AdjacencyOptions};
    use crate::allocation::problem_for;
    use kshetra_alloc::{allocate, Control, Organiser, Settings};

    /// A row of `n` wards, numbered 1.., in two zones, with uneven populations.
    fn row(n: usize) -> WardMap {
        let features: Vec<String> = (0..n)
            .map(|i| {
                let (x0, x1) = (77.0 + i as f64 * 0.01, 77.01 + i as f64 * 0.01);
                format!(
                    r#"{{"type":"Feature","properties":{{"Ward_No":"{}","POPULATION":{},"Zone":"{}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},23.0],[{x1},23.0],[{x1},23.01],[{x0},23.01],[{x0},23.0]]]}}}}"#,
                    i + 1,
                    if i == 0 { 100_000 } else { 1_000 },
                    if i < n / 2 { "A" } else { "B" }
                )
            })
            .collect();
        let text = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
        crate::import::geojson::parse("row.geojson", text.as_bytes()).unwrap().map
    }

    #[test]
    fn a_run_on_a_map_names_its_wards_and_zones_and_survives_storage() {
        let map = row(6);
        let graph = build(&map, &AdjacencyOptions::default());
        let weights: Vec<f64> =
            map.wards().iter().map(|w| w.population.unwrap_or(0) as f64).collect();
        let problem = problem_for(&map, &graph, weights);
        let outcome =
            allocate(&problem, &Organiser::many(3), &Settings::new(1).epsilon(0.1), &mut |_| {
                Control::Continue
            })
            .unwrap();
        let report = RunReport::of(&outcome, 0.1, &map);
        assert_eq!(report.ward_numbers, ["1", "2", "3", "4", "5", "6"]);
        assert_eq!(report.zone_names, ["A", "B"]);
        assert_eq!(report.epsilon, 0.1);
        assert_eq!(report.max_deviation, outcome.metrics.max_abs_deviation);
        // One ward holds most of the people: the engine says it cannot be balanced.
        assert!(report.max_deviation > 0.1);
        assert!(!report.limits.is_empty());
        assert_eq!(report.limits, outcome.limits);

        // Kept as JSON in the browser (serde_json may round a float's last digit).
        let text = serde_json::to_string(&report).unwrap();
        let back: RunReport = serde_json::from_str(&text).unwrap();
        assert_eq!(
            (&back.ward_numbers, &back.zone_names),
            (&report.ward_numbers, &report.zone_names)
        );
        assert_eq!(back.limits.len(), report.limits.len());
        assert!((back.max_deviation - report.max_deviation).abs() < 1e-12);
        assert_eq!(back.epsilon, report.epsilon);
    }
}
