//! Which ward is under a point of the map (the pointer, a click, a tap).
//!
//! The map asks on every pointer move. Asking Leaflet meant it walked all of its paths (10,000
//! on a big city) per event; here an R-tree of the wards' bounding boxes (`rstar`, as in
//! [`crate::adjacency`]) narrows that to the few boxes holding the point, and only those wards
//! are tested exactly.

use geo::{BoundingRect, Contains, Distance, Euclidean, Point};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

use crate::WardMap;

type WardBox = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Finds the ward at a point of a [`WardMap`]. Built once per map (a few milliseconds at
/// 10,000 wards); answers in microseconds.
#[derive(Debug, Clone, Default)]
pub struct WardLocator {
    tree: RTree<WardBox>,
    wards: usize,
}

impl WardLocator {
    /// Indexes the wards of `map` (wards without geometry are never found).
    pub fn new(map: &WardMap) -> WardLocator {
        let boxes = map
            .wards()
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let r = w.geometry.bounding_rect()?;
                Some(WardBox::new(
                    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                    i,
                ))
            })
            .collect();
        WardLocator { tree: RTree::bulk_load(boxes), wards: map.wards().len() }
    }

    /// The ward (index in [`WardMap::wards`]) at `at` = [x, y] in the map's coordinates: the
    /// one containing it (where wards overlap, the last in map order, which is drawn on top);
    /// else the nearest one within `tolerance` (the pointer on a border line or in a sliver
    /// between wards). `map` must be the map this was built from.
    pub fn ward_at(&self, map: &WardMap, at: [f64; 2], tolerance: f64) -> Option<usize> {
        if map.wards().len() != self.wards || !at.iter().all(|v| v.is_finite()) {
            return None;
        }
        let tolerance = if tolerance.is_finite() { tolerance.max(0.0) } else { 0.0 };
        let p = Point::new(at[0], at[1]);
        let around = AABB::from_corners(
            [at[0] - tolerance, at[1] - tolerance],
            [at[0] + tolerance, at[1] + tolerance],
        );
        let mut best: Option<(f64, usize)> = None;
        for b in self.tree.locate_in_envelope_intersecting(&around) {
            let geometry = &map.wards()[b.data].geometry;
            let d = if geometry.contains(&p) {
                0.0
            } else if tolerance > 0.0 {
                Euclidean.distance(&p, geometry)
            } else {
                continue;
            };
            let better = match best {
                None => true,
                Some((bd, bi)) => d < bd || (d == bd && b.data > bi),
            };
            if d <= tolerance && better {
                best = Some((d, b.data));
            }
        }
        best.map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ward;
    use geo::{polygon, MultiPolygon};

    fn square(number: &str, x: f64, y: f64, size: f64) -> Ward {
        let p = polygon![(x: x, y: y), (x: x + size, y: y), (x: x + size, y: y + size), (x: x, y: y + size), (x: x, y: y)];
        Ward::new(number, MultiPolygon(vec![p]))
    }

    fn grid(n: usize) -> WardMap {
        let wards = (0..n * n)
            .map(|i| square(&(i + 1).to_string(), (i % n) as f64, (i / n) as f64, 1.0))
            .collect();
        WardMap::new(wards)
    }

    #[test]
    fn finds_the_ward_containing_the_point() {
        let map = grid(10);
        let at = WardLocator::new(&map);
        assert_eq!(at.ward_at(&map, [3.5, 7.5], 0.0), Some(73));
        assert_eq!(at.ward_at(&map, [0.01, 0.01], 0.0), Some(0));
        assert_eq!(at.ward_at(&map, [10.5, 5.0], 0.0), None, "outside the city");
        assert_eq!(
            at.ward_at(&map, [10.05, 5.5], 0.1),
            Some(59),
            "just outside, within the tolerance"
        );
        assert_eq!(at.ward_at(&map, [f64::NAN, 5.5], 0.1), None);
    }

    #[test]
    fn overlapping_wards_give_the_one_drawn_on_top() {
        let map = WardMap::new(vec![square("1", 0.0, 0.0, 2.0), square("2", 1.0, 1.0, 2.0)]);
        let at = WardLocator::new(&map);
        assert_eq!(at.ward_at(&map, [1.5, 1.5], 0.0), Some(1));
        assert_eq!(at.ward_at(&map, [0.5, 0.5], 0.0), Some(0));
    }

    #[test]
    fn a_gap_between_wards_goes_to_the_nearest_within_tolerance() {
        let map = WardMap::new(vec![square("1", 0.0, 0.0, 1.0), square("2", 1.02, 0.0, 1.0)]);
        let at = WardLocator::new(&map);
        assert_eq!(at.ward_at(&map, [1.005, 0.5], 0.0), None);
        assert_eq!(at.ward_at(&map, [1.005, 0.5], 0.05), Some(0));
        assert_eq!(at.ward_at(&map, [1.015, 0.5], 0.05), Some(1));
    }

    /// On the real maps, every ward's interior point finds that ward, and the locator agrees
    /// with testing every ward in turn at points spread over the city.
    #[test]
    fn agrees_with_testing_every_ward_on_the_real_maps() {
        for city in ["lucknow", "bhopal", "bhubaneswar"] {
            let path = format!("{}/../../public/data/{city}.geojson", env!("CARGO_MANIFEST_DIR"));
            let map =
                crate::import::geojson::parse(city, &std::fs::read(&path).unwrap()).unwrap().map;
            let at = WardLocator::new(&map);
            for (i, w) in map.wards().iter().enumerate() {
                let p = crate::geometry::label_point(&w.geometry).unwrap();
                let found = at.ward_at(&map, [p.x(), p.y()], 0.0).unwrap();
                assert!(
                    found == i || map.wards()[found].geometry.contains(&p),
                    "{city}: ward {}",
                    w.number
                );
            }
            let r = map.bounds().unwrap();
            for k in 0..400 {
                let x = r.min().x + (r.max().x - r.min().x) * ((k % 20) as f64 + 0.37) / 20.0;
                let y = r.min().y + (r.max().y - r.min().y) * ((k / 20) as f64 + 0.61) / 20.0;
                let p = Point::new(x, y);
                let slow = map.wards().iter().rposition(|w| w.geometry.contains(&p));
                assert_eq!(at.ward_at(&map, [x, y], 0.0), slow, "{city} at {x}, {y}");
            }
        }
    }
}
