//! Geometry helpers on WGS84 longitude/latitude polygons.

use geo::{Coord, GeodesicArea, InteriorPoint, LineString, MultiPolygon, Point, Polygon, Rect};

/// Area on the WGS84 ellipsoid, in square metres.
pub fn area_m2(geometry: &MultiPolygon<f64>) -> f64 {
    geometry.geodesic_area_unsigned()
}

/// A point guaranteed to lie inside the geometry (on its largest-area part), where a label
/// or a tap target can go. `None` for an empty geometry.
pub fn label_point(geometry: &MultiPolygon<f64>) -> Option<Point<f64>> {
    geometry.interior_point()
}

/// The bounding box of several geometries (`None` when there are none or all are empty).
pub fn bounds_of<'a>(
    geometries: impl IntoIterator<Item = &'a MultiPolygon<f64>>,
) -> Option<Rect<f64>> {
    use geo::BoundingRect;
    geometries.into_iter().filter_map(|g| g.bounding_rect()).reduce(|a, b| {
        Rect::new(
            geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
            geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
        )
    })
}

/// Whether every coordinate is a finite longitude/latitude pair (|lon| ≤ 180, |lat| ≤ 90).
/// Projected coordinates (metres, e.g. UTM) fail this test.
pub fn is_lon_lat(geometry: &MultiPolygon<f64>) -> bool {
    use geo::CoordsIter;
    geometry
        .coords_iter()
        .all(|c| c.x.is_finite() && c.y.is_finite() && c.x.abs() <= 180.0 && c.y.abs() <= 90.0)
}

/// The same shape written one fixed way: each ring starts at its least vertex (by x, then
/// y), holes and polygons in that vertex's order. geo's `make_valid` traces rings from a
/// `HashSet`, so the same broken shape came back rotated or reordered from one import to
/// the next (issue 19); this makes a repaired ward the same every time.
pub fn canonical(geometry: MultiPolygon<f64>) -> MultiPolygon<f64> {
    fn least(c: &[Coord<f64>]) -> usize {
        (0..c.len())
            .min_by(|&a, &b| c[a].x.total_cmp(&c[b].x).then(c[a].y.total_cmp(&c[b].y)))
            .unwrap_or(0)
    }
    fn ring(r: &LineString<f64>) -> LineString<f64> {
        let mut c = r.0.clone();
        if c.len() > 1 && c.first() == c.last() {
            c.pop();
        }
        let at = least(&c);
        c.rotate_left(at);
        if let Some(&first) = c.first() {
            c.push(first);
        }
        LineString(c)
    }
    let key = |r: &LineString<f64>| r.0.first().map(|c| (c.x, c.y)).unwrap_or_default();
    let cmp = |a: &LineString<f64>, b: &LineString<f64>| {
        let (a, b) = (key(a), key(b));
        a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
    };
    let mut polygons: Vec<Polygon<f64>> = geometry
        .0
        .iter()
        .map(|p| {
            let mut holes: Vec<LineString<f64>> = p.interiors().iter().map(ring).collect();
            holes.sort_by(cmp);
            Polygon::new(ring(p.exterior()), holes)
        })
        .collect();
    polygons.sort_by(|a, b| cmp(a.exterior(), b.exterior()));
    MultiPolygon(polygons)
}

/// Width and height of a lon/lat rectangle in metres (equirectangular approximation at its
/// mid-latitude; good to a fraction of a percent at city scale).
pub fn rect_size_m(rect: Rect<f64>) -> (f64, f64) {
    const M_PER_DEG: f64 = 111_320.0;
    let mid_lat = (rect.min().y + rect.max().y) / 2.0;
    (rect.width() * M_PER_DEG * mid_lat.to_radians().cos(), rect.height() * M_PER_DEG)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, Contains};

    fn square(lon: f64, lat: f64, side_deg: f64) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![polygon![
            (x: lon, y: lat),
            (x: lon + side_deg, y: lat),
            (x: lon + side_deg, y: lat + side_deg),
            (x: lon, y: lat + side_deg),
            (x: lon, y: lat),
        ]])
    }

    #[test]
    fn area_of_a_small_square_near_lucknow() {
        // 0.01° × 0.01° at 26.85° N. On a sphere of the mean Earth radius the area is
        // R² · Δλ · (sin φ₂ − sin φ₁); the ellipsoid differs from that by well under 1 %.
        let a = area_m2(&square(80.9, 26.85, 0.01));
        let r = 6_371_008.8f64;
        let expected = r
            * r
            * 0.01f64.to_radians()
            * (26.86f64.to_radians().sin() - 26.85f64.to_radians().sin());
        assert!((a - expected).abs() / expected < 0.007, "area {a} vs {expected}");
    }

    #[test]
    fn label_point_is_inside_a_concave_polygon() {
        // A "U" shape whose centroid lies outside it.
        let u = MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 3.0, y: 0.0), (x: 3.0, y: 3.0), (x: 2.0, y: 3.0),
            (x: 2.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 3.0), (x: 0.0, y: 3.0), (x: 0.0, y: 0.0),
        ]]);
        let p = label_point(&u).unwrap();
        assert!(u.contains(&p));
        assert!(label_point(&MultiPolygon::new(vec![])).is_none());
    }

    #[test]
    fn lon_lat_detection() {
        assert!(is_lon_lat(&square(80.9, 26.85, 0.01)));
        assert!(!is_lon_lat(&square(440_000.0, 2_970_000.0, 100.0)));
    }

    #[test]
    fn rect_size_in_metres() {
        let r = Rect::new((80.0, 26.0), (80.1, 26.1));
        let (w, h) = rect_size_m(r);
        assert!((h - 11_132.0).abs() < 1.0);
        assert!((w - 11_132.0 * 26.05f64.to_radians().cos()).abs() < 1.0);
    }
}
