//! From the ward model to the allocation engine ([`kshetra_alloc`]): the one place where a
//! [`WardMap`] and its [`WardGraph`] become the engine's plain-data [`Problem`], shared by the
//! app and the command-line tool.

use geo::{Centroid, Euclidean, Length};
use kshetra_alloc::Problem;

use crate::adjacency::WardGraph;
use crate::model::WardMap;
use crate::projection::LocalProjection;

/// What each ward weighs in the allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weight {
    /// Population (unknown = 0).
    Population,
    /// Every ward weighs 1 (equal ward counts).
    Count,
}

/// Per-ward weights (see [`Weight`]).
pub fn weights(map: &WardMap, weight: &Weight) -> Vec<f64> {
    map.wards()
        .iter()
        .map(|w| match weight {
            Weight::Population => w.population.unwrap_or(0) as f64,
            Weight::Count => 1.0,
        })
        .collect()
}

/// Builds the engine's problem: weights, centroids, perimeters and areas in local metres, zones (indices into [`WardMap::zones`]) and the graph's edges with shared lengths.
pub fn problem_for(map: &WardMap, graph: &WardGraph, weights: Vec<f64>) -> Problem {
    let proj = map
        .bounds()
        .map(LocalProjection::for_rect)
        .unwrap_or_else(|| LocalProjection::new(0.0, 0.0));
    let mut centroids = Vec::with_capacity(map.wards().len());
    let mut areas = Vec::with_capacity(map.wards().len());
    let mut perimeters = Vec::with_capacity(map.wards().len());
    for ward in map.wards() {
        let c = ward.geometry.centroid().map(|p| proj.project(p.x(), p.y())).unwrap_or([0.0, 0.0]);
        centroids.push(c);
        // Planar in the same local metres as the perimeters (only reported: compactness).
        areas.push(proj.area_m2(&ward.geometry));
        let perimeter: f64 = ward
            .geometry
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|ring| {
                let projected: geo::LineString<f64> = ring
                    .coords()
                    .map(|c| {
                        let [x, y] = proj.project(c.x, c.y);
                        geo::coord! { x: x, y: y }
                    })
                    .collect();
                Euclidean.length(&projected)
            })
            .sum();
        perimeters.push(perimeter);
    }
    let (edges, lengths): (Vec<(u32, u32)>, Vec<f64>) =
        graph.edges().map(|(a, b, len)| ((a as u32, b as u32), len)).unzip();
    let zones = map
        .wards()
        .iter()
        .map(|w| w.zone.as_deref().and_then(|z| map.zone_index(z)).map(|i| i as u32))
        .collect();
    Problem::new(weights, centroids, edges)
        .with_zones(zones)
        .with_geometry(areas, perimeters, lengths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adjacency::{build, AdjacencyOptions};

    #[test]
    fn bhubaneswar_becomes_a_valid_problem_and_allocates() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bhubaneswar.geojson");
        let map = crate::import::geojson::parse("bhubaneswar", &std::fs::read(path).unwrap())
            .unwrap()
            .map;
        let graph = build(&map, &AdjacencyOptions::default());
        let problem = problem_for(&map, &graph, weights(&map, &Weight::Population));
        assert_eq!(problem.n_wards(), 67);
        assert_eq!(problem.edges.len(), graph.edge_count());
        assert_eq!(problem.weights.iter().sum::<f64>(), 840_834.0);
        assert!(problem.areas.as_ref().unwrap().iter().all(|&a| a > 10_000.0));
        let organisers = kshetra_alloc::Organiser::many(5);
        let settings = kshetra_alloc::Settings::new(1).respect_zones(false);
        let out = kshetra_alloc::allocate(&problem, &organisers, &settings, &mut |_| {
            kshetra_alloc::Control::Continue
        })
        .unwrap();
        assert_eq!(out.metrics.split_areas, 0);
        assert_eq!(out.metrics.empty_areas, 0);
        assert!(out.metrics.max_abs_deviation <= 0.05, "{}", out.metrics.max_abs_deviation);
    }
}
