//! What is drawn over the units: each area's outline and label ([`AreaDrawing`]), zone
//! borders and pins ([`OverlayData`]), kept while their units are the same.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use geo::{Centroid, MultiPolygon};

use super::{PerMap, PlanView, Touched, ViewContext};
use crate::format::group_indian_u64;
use crate::i18n::{Lang, Msg};
use crate::model::WardMap;
use crate::project::export::dissolve;
use crate::project::{Organiser, Project};

/// One organiser's area as drawn over the units.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaDrawing {
    /// The organiser's id.
    pub organiser: u32,
    /// Outline (lon/lat; empty on big maps).
    pub outline: MultiPolygon<f64>,
    /// Where the label goes (lon, lat): a point well inside the area.
    pub label_at: Option<[f64; 2]>,
    /// First label line: the organiser (number and name). Plain text: escape it for markup.
    pub title: String,
    /// Second label line: poor households. Plain text.
    pub detail: String,
    /// Units in the area: where labels would overlap, the bigger area's label is shown.
    pub weight: usize,
}

/// Kinds of [`Pin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinKind {
    /// An organiser's home (shown in the app only, never printed).
    Home,
    /// A contact point (community centre).
    Contact,
}

/// A point of an organiser shown on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    /// Home or contact point.
    pub kind: PinKind,
    /// Longitude, latitude.
    pub at: [f64; 2],
    /// Accessible name and tooltip (plain text).
    pub title: String,
}

/// What is drawn over the units once organisers have areas. Each part is shared: an area
/// that did not change is the same drawing as before (compare by address first).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OverlayData {
    /// Each area with units, in display order.
    pub areas: Vec<Arc<AreaDrawing>>,
    /// Each zone's outline (drawn dashed), when outlines are on and the map has zones.
    pub zones: Arc<Vec<MultiPolygon<f64>>>,
    /// Homes and contact points.
    pub pins: Arc<Vec<Pin>>,
}

/// Zone outlines with the units' zones they were made from (made again when those change).
#[derive(Debug, Clone)]
pub(super) struct ZoneOutlines {
    /// Zone of each unit.
    of_units: Vec<Option<String>>,
    /// One dissolved outline per zone.
    outlines: Arc<Vec<MultiPolygon<f64>>>,
}

/// One area's shape as last worked out.
#[derive(Debug, Clone)]
pub(super) struct Shape {
    units: Vec<usize>,
    outline: MultiPolygon<f64>,
    label_at: Option<[f64; 2]>,
    /// The unit the label sits on (big maps).
    label_unit: Option<usize>,
}

impl PlanView {
    /// Brings what is drawn over the units up to date; returns the areas whose units changed
    /// and those whose label changed. `moved`: the units whose owner changed (`None`: owners
    /// made afresh); `same_figures`, `lang_same`: the figures' inputs and the language are as
    /// last seen.
    pub(super) fn follow_overlay(
        &mut self,
        project: &Project,
        cx: &ViewContext,
        moved: Option<&[(usize, Option<u32>)]>,
        same_figures: bool,
        lang_same: bool,
    ) -> (Touched<u32>, Touched<u32>) {
        let areas_changed: Touched<u32> = match (moved, same_figures) {
            (Some(m), true) => {
                let mut ids: Vec<u32> =
                    m.iter().flat_map(|&(i, before)| [before, self.owners[i]]).flatten().collect();
                ids.sort_unstable();
                ids.dedup();
                Touched::Only(ids)
            }
            _ => Touched::All,
        };
        let redraw_all = !(same_figures && lang_same);
        let shown_before = self.overlay.areas.len();
        let (areas, labels) = self.redraw(project, cx, &areas_changed, redraw_all);
        if redraw_all || shown_before != self.overlay.areas.len() {
            self.overlay.pins = Arc::new(self.pins(project, cx));
        }
        if !same_figures {
            self.overlay.zones = self.zones(cx);
        }
        let areas = if matches!(areas_changed, Touched::All) { Touched::All } else { areas };
        (areas, labels)
    }

    /// Brings the area drawings up to date: the areas in `changed` (or all), or every label
    /// when `all_labels` (organisers, language or figures changed). Returns the areas whose
    /// units changed and those whose label changed. After a hand edit only the changed areas
    /// are looked at (when none appeared or vanished).
    fn redraw(
        &mut self,
        project: &Project,
        cx: &ViewContext,
        changed: &Touched<u32>,
        all_labels: bool,
    ) -> (Touched<u32>, Touched<u32>) {
        let per_map = self.per_map.as_mut().expect("made first");
        let grouped: Vec<Vec<usize>>;
        let members: Vec<&[usize]> = match self.stats.as_deref().filter(|s| {
            s.areas.len() == project.organisers.len()
                && s.areas.iter().zip(&project.organisers).all(|(a, o)| a.organiser == o.id)
        }) {
            Some(s) => s.areas.iter().map(|a| &a.wards[..]).collect(),
            None => {
                grouped = group(project, &self.owners);
                grouped.iter().map(|g| &g[..]).collect()
            }
        };
        let poor_of = |j: usize| {
            self.stats
                .as_deref()
                .and_then(|s| s.areas.get(j))
                .map(|a| a.poor_households.round() as u64)
                .unwrap_or(0)
        };
        let mut areas_out = Vec::new();
        let mut labels_out = Vec::new();
        // Only the changed areas, each still shown and still with units: replaced in place.
        if let (false, Touched::Only(ids)) = (all_labels, changed) {
            let places: Option<Vec<(usize, usize)>> = ids
                .iter()
                .map(|id| {
                    let j = project.organisers.iter().position(|o| o.id == *id)?;
                    let k = self.overlay.areas.iter().position(|d| d.organiser == *id)?;
                    (!members[j].is_empty()).then_some((j, k))
                })
                .collect();
            if let Some(places) = places {
                for (j, k) in places {
                    let o = &project.organisers[j];
                    let old = &self.overlay.areas[k];
                    let (drawing, shape_changed) =
                        draw_area(per_map, cx, j, o, members[j], Some(old), poor_of(j));
                    if shape_changed {
                        areas_out.push(o.id);
                    }
                    if !Arc::ptr_eq(&drawing, old) {
                        labels_out.push(o.id);
                    }
                    self.overlay.areas[k] = drawing;
                }
                return (Touched::Only(areas_out), Touched::Only(labels_out));
            }
        }
        let old: BTreeMap<u32, Arc<AreaDrawing>> =
            std::mem::take(&mut self.overlay.areas).into_iter().map(|d| (d.organiser, d)).collect();
        let mut drawings = Vec::with_capacity(project.organisers.len());
        let mut shown = BTreeSet::new();
        for (j, (o, &units)) in project.organisers.iter().zip(&members).enumerate() {
            let previous = old.get(&o.id);
            if units.is_empty() {
                per_map.outlines.remove(&o.id);
                if previous.is_some() {
                    labels_out.push(o.id);
                    areas_out.push(o.id);
                }
                continue;
            }
            let look = match changed {
                Touched::All => true,
                Touched::Only(ids) => ids.binary_search(&o.id).is_ok(),
            };
            let (drawing, shape_changed) = match previous {
                Some(d) if !look && !all_labels => (d.clone(), false),
                _ => draw_area(per_map, cx, j, o, units, previous, poor_of(j)),
            };
            if shape_changed {
                areas_out.push(o.id);
            }
            if !previous.is_some_and(|d| Arc::ptr_eq(d, &drawing)) {
                labels_out.push(o.id);
            }
            shown.insert(o.id);
            drawings.push(drawing);
        }
        labels_out.extend(old.keys().filter(|id| !shown.contains(id)));
        per_map.outlines.retain(|id, _| shown.contains(id));
        self.overlay.areas = drawings;
        areas_out.sort_unstable();
        areas_out.dedup();
        labels_out.sort_unstable();
        labels_out.dedup();
        (Touched::Only(areas_out), Touched::Only(labels_out))
    }

    fn pins(&mut self, project: &Project, cx: &ViewContext) -> Vec<Pin> {
        let map = cx.map;
        let per_map = self.per_map.as_mut().expect("made first");
        let mut pins = Vec::new();
        for o in &project.organisers {
            if !self.overlay.areas.iter().any(|d| d.organiser == o.id) {
                continue;
            }
            let name = display_name(o, cx.lang);
            let home = o.home.as_ref().and_then(|h| h.point).or_else(|| {
                let i = o.home_ward().and_then(|w| map.index_of(w))?;
                *per_map.unit_points.entry(i).or_insert_with(|| inside_point(map, i))
            });
            if let Some(p) = home {
                pins.push(Pin {
                    kind: PinKind::Home,
                    at: p,
                    title: format!("{name} — {}", Msg::OrgHomeWard.text(cx.lang)),
                });
            }
            if let Some(c) = &o.contact {
                if let (Some(lon), Some(lat)) = (c.lon, c.lat) {
                    pins.push(Pin {
                        kind: PinKind::Contact,
                        at: [lon, lat],
                        title: format!("{} — {name}", c.name),
                    });
                }
            }
        }
        pins
    }

    /// Zone borders (when outlines are on and the map has zones), made again only when the
    /// units' zones changed.
    fn zones(&mut self, cx: &ViewContext) -> Arc<Vec<MultiPolygon<f64>>> {
        let map = cx.map;
        if !cx.outlines || map.zones().len() < 2 {
            return Arc::new(Vec::new());
        }
        let per_map = self.per_map.as_mut().expect("made first");
        let now: Vec<Option<String>> = map.wards().iter().map(|w| w.zone.clone()).collect();
        if let Some(was) = &per_map.zones {
            if was.of_units == now {
                return was.outlines.clone();
            }
        }
        let outlines: Arc<Vec<MultiPolygon<f64>>> = Arc::new(
            map.zones()
                .iter()
                .filter_map(|z| {
                    let shapes: Vec<&MultiPolygon<f64>> = map
                        .wards()
                        .iter()
                        .filter(|w| w.zone.as_deref() == Some(z.as_str()))
                        .map(|w| &w.geometry)
                        .collect();
                    dissolve(&shapes)
                })
                .collect(),
        );
        per_map.zones = Some(ZoneOutlines { of_units: now, outlines: outlines.clone() });
        outlines
    }
}

impl Shape {
    /// The shape of an area made of `units` (increasing). Big maps: no outline, and the label
    /// stays on the unit it was on while that unit is still in the area; else it goes on the
    /// unit nearest the area's middle.
    fn of(
        map: &WardMap,
        units: &[usize],
        previous: Option<Shape>,
        outlines: bool,
        points: &mut HashMap<usize, Option<[f64; 2]>>,
    ) -> Shape {
        if outlines {
            let shapes: Vec<&MultiPolygon<f64>> =
                units.iter().map(|&i| &map.wards()[i].geometry).collect();
            let g = dissolve(&shapes).unwrap_or_else(|| {
                MultiPolygon::new(shapes.iter().flat_map(|m| m.0.iter().cloned()).collect())
            });
            // The label goes inside the largest part of the area.
            let at = crate::geometry::label_point(&g)
                .or_else(|| map.wards()[units[0]].geometry.centroid())
                .map(|p| [p.x(), p.y()]);
            return Shape { units: units.to_vec(), outline: g, label_at: at, label_unit: None };
        }
        let kept = previous.and_then(|s| {
            s.label_unit.filter(|u| units.binary_search(u).is_ok()).map(|u| (u, s.label_at))
        });
        let (label_unit, label_at) = match kept {
            Some((u, at)) => (Some(u), at),
            None => {
                let centre = |i: usize| map.wards()[i].geometry.centroid().map(|p| [p.x(), p.y()]);
                let pts: Vec<(usize, [f64; 2])> =
                    units.iter().filter_map(|&i| centre(i).map(|c| (i, c))).collect();
                let k = pts.len().max(1) as f64;
                let mid =
                    pts.iter().fold([0.0, 0.0], |m, (_, c)| [m[0] + c[0] / k, m[1] + c[1] / k]);
                let d = |c: &[f64; 2]| (c[0] - mid[0]).powi(2) + (c[1] - mid[1]).powi(2);
                let unit = pts.iter().min_by(|a, b| d(&a.1).total_cmp(&d(&b.1))).map(|&(i, _)| i);
                let at =
                    unit.and_then(|i| *points.entry(i).or_insert_with(|| inside_point(map, i)));
                (unit, at)
            }
        };
        Shape {
            units: units.to_vec(),
            outline: MultiPolygon::new(Vec::new()),
            label_at,
            label_unit,
        }
    }
}

/// Each organiser's units (display order), grouped from the owners.
fn group(project: &Project, owners: &[Option<u32>]) -> Vec<Vec<usize>> {
    let position = project.positions();
    let mut g: Vec<Vec<usize>> = vec![Vec::new(); project.organisers.len()];
    for (i, id) in owners.iter().enumerate() {
        if let Some(&j) = id.as_ref().and_then(|id| position.get(id)) {
            g[j].push(i);
        }
    }
    g
}

/// One area's drawing: its shape kept while its units are the same, and the previous drawing
/// kept while nothing in it changed. Returns the drawing and whether the shape changed.
fn draw_area(
    per_map: &mut PerMap,
    cx: &ViewContext,
    position: usize,
    o: &Organiser,
    units: &[usize],
    previous: Option<&Arc<AreaDrawing>>,
    poor: u64,
) -> (Arc<AreaDrawing>, bool) {
    let (shape, shape_changed) = match per_map.outlines.remove(&o.id) {
        Some(s) if s.units.as_slice() == units => (s, false),
        kept => (Shape::of(cx.map, units, kept, cx.outlines, &mut per_map.unit_points), true),
    };
    let (title, detail) = (title(position, o, cx.lang), detail(poor, cx.lang));
    let same = previous.filter(|d| {
        d.label_at == shape.label_at
            && d.weight == units.len()
            && d.title == title
            && d.detail == detail
            && (!shape_changed || d.outline == shape.outline)
    });
    let drawing = match same {
        Some(d) => d.clone(),
        None => Arc::new(AreaDrawing {
            organiser: o.id,
            outline: shape.outline.clone(),
            label_at: shape.label_at,
            title,
            detail,
            weight: units.len(),
        }),
    };
    per_map.outlines.insert(o.id, shape);
    (drawing, shape_changed)
}

fn display_name(o: &Organiser, lang: Lang) -> String {
    if o.name.is_empty() {
        Msg::Vacant.text(lang).to_string()
    } else {
        o.name.clone()
    }
}

fn title(position: usize, o: &Organiser, lang: Lang) -> String {
    format!("{}. {}", position + 1, display_name(o, lang))
}

fn detail(poor: u64, lang: Lang) -> String {
    format!("{} {}", group_indian_u64(poor), Msg::PoorHouseholds.text(lang))
}

/// A point inside a unit: its centroid when that is inside (cheap), else geo's interior point.
fn inside_point(map: &WardMap, i: usize) -> Option<[f64; 2]> {
    use geo::{Contains, InteriorPoint};
    let g = &map.wards()[i].geometry;
    g.centroid().filter(|c| g.contains(c)).or_else(|| g.interior_point()).map(|p| [p.x(), p.y()])
}
