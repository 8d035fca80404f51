//! Map geometry for print: wards in local metres, area and zone outlines, the page frame,
//! and label anchor points.

use geo::{Buffer, Contains, Coord, MultiPolygon, Point, Polygon, Rect, Simplify};
use kshetra_core::projection::LocalProjection;

use crate::input::PosterInput;
use crate::style::screen_colours;

/// Gaps and overlaps narrower than twice this (metres) between wards of one area are closed
/// when drawing the area's outline, so digitising slivers do not show as thick lines.
const CLOSE_M: f64 = 4.0;

/// The allocation, projected and prepared once for every output (poster, tiles, sheets).
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The input.
    pub input: &'a PosterInput<'a>,
    /// Projection used (centred on the city).
    pub projection: LocalProjection,
    /// Wards in metres (x east, y north), same order as the input.
    pub wards: Vec<MultiPolygon<f64>>,
    /// Outline of each area (same order as `input.areas`); empty for an area without wards.
    pub areas: Vec<MultiPolygon<f64>>,
    /// Outline of each zone with at least one ward (only when there are two or more zones).
    pub zones: Vec<MultiPolygon<f64>>,
    /// Neighbouring areas of each area (sorted, from the input's ward graph).
    pub area_neighbours: Vec<Vec<usize>>,
    /// Colour index of each area: the input's (the screen's), neighbours differ.
    pub fills: Vec<usize>,
    /// Bounds of all wards in metres; `None` for an empty map.
    pub bounds: Option<Rect<f64>>,
}

fn finite(mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::CoordsIter;
    let polys: Vec<Polygon<f64>> = mp
        .iter()
        .filter(|p| {
            p.coords_iter().all(|c| c.x.is_finite() && c.y.is_finite()) && p.exterior().0.len() >= 4
        })
        .cloned()
        .collect();
    MultiPolygon::new(polys)
}

fn outline(parts: &[&MultiPolygon<f64>]) -> MultiPolygon<f64> {
    let all: Vec<Polygon<f64>> = parts.iter().flat_map(|m| m.0.iter().cloned()).collect();
    if all.is_empty() {
        return MultiPolygon::new(vec![]);
    }
    // Closing (grow, then shrink) merges the wards and seals slivers between them.
    let grown = MultiPolygon::new(all).buffer(CLOSE_M);
    let closed = finite(&grown.buffer(-CLOSE_M));
    // Crumbs left by the closing (and holes of sliver size) would print as dots.
    let keep = |r: &geo::LineString<f64>| {
        geo::Area::unsigned_area(&Polygon::new(r.clone(), vec![])) >= MIN_PART_M2
    };
    MultiPolygon::new(
        closed
            .into_iter()
            .filter(|p| keep(p.exterior()))
            .map(|p| {
                let (ext, holes) = p.into_inner();
                Polygon::new(ext, holes.into_iter().filter(|h| keep(h)).collect())
            })
            .collect(),
    )
}

/// Outline parts and holes smaller than this (m²) are dropped.
const MIN_PART_M2: f64 = 2500.0;

impl<'a> Prepared<'a> {
    /// Projects the wards, builds the ward adjacency graph, area and zone outlines, and
    /// colours the areas.
    pub fn new(input: &'a PosterInput<'a>) -> Self {
        let map = input.wards;
        let bounds_ll = map.bounds().filter(|r| r.min().x.is_finite() && r.max().y.is_finite());
        let projection = bounds_ll
            .map(LocalProjection::for_rect)
            .unwrap_or_else(|| LocalProjection::new(0.0, 0.0));
        let wards: Vec<MultiPolygon<f64>> = map
            .wards()
            .iter()
            .map(|w| {
                let mp = geo::MapCoords::map_coords(&w.geometry, |c| {
                    let [x, y] = projection.project(c.x, c.y);
                    Coord { x, y }
                });
                finite(&mp)
            })
            .collect();
        let n_areas = input.areas.len();
        let areas: Vec<MultiPolygon<f64>> = (0..n_areas)
            .map(|a| {
                let parts: Vec<&MultiPolygon<f64>> =
                    input.wards_of(a).into_iter().map(|w| &wards[w]).collect();
                outline(&parts)
            })
            .collect();
        let zones: Vec<MultiPolygon<f64>> = if map.zones().len() >= 2 {
            map.zones()
                .iter()
                .map(|z| {
                    let parts: Vec<&MultiPolygon<f64>> = map
                        .wards()
                        .iter()
                        .zip(&wards)
                        .filter(|(w, _)| w.zone.as_deref() == Some(z.as_str()))
                        .map(|(_, g)| g)
                        .collect();
                    outline(&parts)
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut area_neighbours = vec![Vec::new(); n_areas];
        for (i, j, _) in input.graph.edges() {
            if let (Some(a), Some(b)) = (input.area_of(i), input.area_of(j)) {
                if a != b {
                    area_neighbours[a].push(b);
                    area_neighbours[b].push(a);
                }
            }
        }
        for ns in &mut area_neighbours {
            ns.sort_unstable();
            ns.dedup();
        }
        let fills = if input.colours.len() >= n_areas {
            input.colours[..n_areas].to_vec()
        } else {
            screen_colours(input.graph, &input.assignment, n_areas, &[])
        };
        let bounds = rect_union(wards.iter().filter_map(geo::BoundingRect::bounding_rect));
        Prepared { input, projection, wards, areas, zones, area_neighbours, fills, bounds }
    }
}

/// Union of rectangles.
pub fn rect_union(rects: impl Iterator<Item = Rect<f64>>) -> Option<Rect<f64>> {
    rects.reduce(|a, b| {
        Rect::new(
            (a.min().x.min(b.min().x), a.min().y.min(b.min().y)),
            (a.max().x.max(b.max().x), a.max().y.max(b.max().y)),
        )
    })
}

/// Placement of a metric map on the page: `page = (ox + (x − x0)·k, oy + (y1 − y)·k)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// mm per metre.
    pub k: f64,
    /// Page x of the left edge of the fitted bounds.
    pub ox: f64,
    /// Page y of the top edge.
    pub oy: f64,
    /// Metric x of the left edge.
    pub x0: f64,
    /// Metric y of the top edge.
    pub y1: f64,
}

impl Frame {
    /// Fits `bounds` (metres) centred into the page box `(x, y, w, h)` (mm).
    pub fn fit(bounds: Rect<f64>, x: f64, y: f64, w: f64, h: f64) -> Frame {
        let (bw, bh) = (bounds.width().max(1.0), bounds.height().max(1.0));
        let k = (w / bw).min(h / bh).max(1e-9);
        let ox = x + (w - bw * k) / 2.0;
        let oy = y + (h - bh * k) / 2.0;
        Frame { k, ox, oy, x0: bounds.min().x, y1: bounds.max().y }
    }

    /// Metres → page mm.
    pub fn page(&self, x: f64, y: f64) -> (f64, f64) {
        (self.ox + (x - self.x0) * self.k, self.oy + (self.y1 - y) * self.k)
    }

    /// The geometry in page mm, simplified to 0.05 mm (invisible in print, much smaller files).
    pub fn to_page(&self, mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        let page = geo::MapCoords::map_coords(mp, |c| {
            let (x, y) = self.page(c.x, c.y);
            Coord { x, y }
        });
        page.simplify(0.05)
    }
}

/// The label anchor of a page-space shape: the pole of inaccessibility of its largest part,
/// and its distance to the boundary (mm). `None` for an empty shape.
pub fn anchor(mp: &MultiPolygon<f64>) -> Option<(Point<f64>, f64)> {
    let largest = mp.iter().max_by(|a, b| {
        geo::Area::unsigned_area(*a)
            .partial_cmp(&geo::Area::unsigned_area(*b))
            .unwrap_or(std::cmp::Ordering::Equal)
    })?;
    let p = polylabel::polylabel(largest, &0.05)
        .ok()
        .or_else(|| geo::InteriorPoint::interior_point(largest))?;
    if !p.x().is_finite() || !p.y().is_finite() {
        return None;
    }
    Some((p, boundary_distance(mp, p.x(), p.y())))
}

/// Distance (mm) from a point to the nearest boundary of `mp`.
pub fn boundary_distance(mp: &MultiPolygon<f64>, x: f64, y: f64) -> f64 {
    let mut best = f64::INFINITY;
    for poly in mp {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for seg in ring.lines() {
                best = best.min(segment_distance(seg.start, seg.end, x, y));
            }
        }
    }
    best
}

fn segment_distance(a: Coord<f64>, b: Coord<f64>, x: f64, y: f64) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t =
        if len2 > 0.0 { (((x - a.x) * dx + (y - a.y) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (px, py) = (a.x + t * dx, a.y + t * dy);
    ((x - px).powi(2) + (y - py).powi(2)).sqrt()
}

/// Points inside `mp` on a grid of `step` mm, each with its distance to the boundary, deepest
/// first (ties by position), at most `limit`.
pub fn inner_points(mp: &MultiPolygon<f64>, step: f64, limit: usize) -> Vec<(f64, f64, f64)> {
    let Some(r) = geo::BoundingRect::bounding_rect(mp) else { return Vec::new() };
    let step = step.max(r.width().max(r.height()) / 40.0).max(0.05);
    let mut out = Vec::new();
    let mut y = r.min().y + step / 2.0;
    while y < r.max().y {
        let mut x = r.min().x + step / 2.0;
        while x < r.max().x {
            if mp.contains(&Point::new(x, y)) {
                out.push((x, y, boundary_distance(mp, x, y)));
            }
            x += step;
        }
        y += step;
    }
    out.sort_by(|a, b| {
        b.2.partial_cmp(&a.2)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.total_cmp(&b.1))
            .then(a.0.total_cmp(&b.0))
    });
    out.truncate(limit);
    out
}

/// Whether a page box lies inside `mp` (corners, edge midpoints and centre).
pub fn box_inside(mp: &MultiPolygon<f64>, b: &crate::labels::LabelBox) -> bool {
    let xs = [b.x, b.x + b.w / 2.0, b.x + b.w];
    let ys = [b.y, b.y + b.h / 2.0, b.y + b.h];
    xs.iter().all(|&x| ys.iter().all(|&y| mp.contains(&Point::new(x, y))))
}
