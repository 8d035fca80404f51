//! Plausibility checks of a layer as a whole, made while the wards are built (issue 19):
//! coordinates written latitude first, a map that lies outside India, and a feature that
//! covers most of the others (a city or zone boundary saved with the wards). Each ends in a
//! warning the officer can act on; none refuses the file.

use geo::{Area, Contains, InteriorPoint, MapCoords, MultiPolygon};

use super::raw::{RawGeometry, RawLayer};
use crate::model::Ward;

/// India's extent in degrees, with a margin: longitude 68–98° E, latitude 6–38° N.
const INDIA_LON: std::ops::RangeInclusive<f64> = 66.0..=99.0;
const INDIA_LAT: std::ops::RangeInclusive<f64> = 5.0..=38.5;

/// Where a layer's features lie, judged by the median of their first vertices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Placement {
    /// Longitude/latitude inside India.
    InIndia,
    /// Inside India once each (x, y) is read as (latitude, longitude).
    Swapped,
    /// Longitude/latitude, but outside India.
    Outside {
        /// Median longitude.
        lon: f64,
        /// Median latitude.
        lat: f64,
    },
    /// Not longitude/latitude at all (projected metres), or no polygon: left to the
    /// per-feature check.
    Unknown,
}

/// The [`Placement`] of a layer's polygon features.
pub(crate) fn placement(raw: &RawLayer) -> Placement {
    let (mut xs, mut ys): (Vec<f64>, Vec<f64>) = raw
        .features
        .iter()
        .filter_map(|f| match &f.geometry {
            RawGeometry::Polygons(m) => m.0.first().and_then(|p| p.exterior().0.first()),
            _ => None,
        })
        .filter(|c| c.x.is_finite() && c.y.is_finite())
        .map(|c| (c.x, c.y))
        .unzip();
    if xs.is_empty() {
        return Placement::Unknown;
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (x, y) = (median(&mut xs), median(&mut ys));
    if INDIA_LON.contains(&x) && INDIA_LAT.contains(&y) {
        Placement::InIndia
    } else if INDIA_LON.contains(&y) && INDIA_LAT.contains(&x) {
        Placement::Swapped
    } else if x.abs() <= 180.0 && y.abs() <= 90.0 {
        Placement::Outside { lon: x, lat: y }
    } else {
        Placement::Unknown
    }
}

/// The shape with each coordinate's x and y exchanged.
pub(crate) fn swapped(m: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    m.map_coords(|c| geo::coord! { x: c.y, y: c.x })
}

/// Wards that cover the inside point of at least half of the other wards (and of at least
/// two): (index, wards covered). Only a ward at least half as large as all the others
/// together is looked at, so real maps cost one area sum.
pub(crate) fn covering(wards: &[Ward]) -> Vec<(usize, usize)> {
    if wards.len() < 3 {
        return Vec::new();
    }
    let areas: Vec<f64> = wards.iter().map(|w| w.geometry.unsigned_area()).collect();
    let total: f64 = areas.iter().sum();
    let mut points = None;
    let mut out = Vec::new();
    for (i, w) in wards.iter().enumerate() {
        if areas[i] < 0.5 * (total - areas[i]) {
            continue;
        }
        let points: &Vec<Option<geo::Point<f64>>> = points
            .get_or_insert_with(|| wards.iter().map(|w| w.geometry.interior_point()).collect());
        let covers = points
            .iter()
            .enumerate()
            .filter(|&(j, p)| j != i && p.is_some_and(|p| w.geometry.contains(&p)))
            .count();
        let others = wards.len() - 1;
        if covers >= 2 && covers * 2 >= others {
            out.push((i, covers));
        }
    }
    out
}
