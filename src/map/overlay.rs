//! What is drawn over the wards once organisers have areas: the data ([`OverlayData`], made by
//! [`overlay_data`] with the outlines kept between plan changes in an [`AreaCache`]) and its
//! Leaflet layers ([`Overlay`]: area borders and labels, dashed zone borders, homes and
//! contact points).

use std::sync::Arc;

use kshetra_core::format::escape_html;
use kshetra_core::i18n::{Lang, Msg};
use leaflet::{LayerGroup, Map};
use wasm_bindgen::prelude::*;

use crate::data::CityMap;
use crate::leaflet_ext::{options, LayerExt};

/// What is drawn over the wards once organisers have areas.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OverlayData {
    /// Each area's outline (the union of its wards), label position and label text; an area
    /// that did not change is the same drawing as last time (compared by address first).
    pub areas: Vec<Arc<AreaDrawing>>,
    /// Each zone's outline (drawn dashed).
    pub zones: Vec<geo::MultiPolygon<f64>>,
    /// Homes and contact points.
    pub pins: Vec<Pin>,
}

/// One organiser's area on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaDrawing {
    /// The organiser's id.
    pub organiser: u32,
    /// Outline (lon/lat).
    pub outline: geo::MultiPolygon<f64>,
    /// Where the label goes (lon, lat): a point well inside the area.
    pub label_at: Option<[f64; 2]>,
    /// First label line: the organiser (number and name). Plain text (escaped here).
    pub title: String,
    /// Second label line: poor households. Plain text.
    pub detail: String,
    /// Wards in the area: where labels would overlap, the bigger area's label is shown.
    pub weight: usize,
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

/// Kinds of [`Pin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinKind {
    /// An organiser's home (shown in the app only, never printed).
    Home,
    /// A contact point (community centre).
    Contact,
}

/// Leaflet layers for [`OverlayData`]: borders are not interactive (clicks reach the wards).
/// Kept between plan changes and updated per area: an edit that changes two areas replaces
/// only their outlines and labels (at 200 organisers, rebuilding every label took most of an
/// edit's time).
pub struct Overlay {
    group: LayerGroup,
    renderer: Option<JsValue>,
    zones: Vec<geo::MultiPolygon<f64>>,
    zone_layers: Vec<leaflet::Layer>,
    /// Per organiser id: what is drawn and its layers.
    areas: std::collections::BTreeMap<u32, ShownArea>,
    pins: Vec<Pin>,
    pin_layers: Vec<leaflet::Layer>,
}

impl Overlay {
    /// An empty overlay drawing its lines with `renderer` (Leaflet's default when `None`).
    pub fn new(renderer: Option<&JsValue>) -> Overlay {
        Overlay {
            group: LayerGroup::new(),
            renderer: renderer.cloned(),
            zones: Vec::new(),
            zone_layers: Vec::new(),
            areas: std::collections::BTreeMap::new(),
            pins: Vec::new(),
            pin_layers: Vec::new(),
        }
    }

    fn line(&self, color: &str, weight: f64, dash: &str) -> JsValue {
        let o = options(&[
            ("color", color.into()),
            ("weight", weight.into()),
            ("dashArray", dash.into()),
            ("interactive", false.into()),
            ("fill", false.into()),
        ]);
        if let Some(r) = &self.renderer {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str("renderer"), r);
        }
        o
    }

    fn add(&self, layer: impl JsCast) -> leaflet::Layer {
        let layer: leaflet::Layer = layer.unchecked_into();
        self.group.add_layer(&layer);
        layer
    }

    fn remove_all(&self, layers: Vec<leaflet::Layer>) {
        for l in layers {
            self.group.remove_layer(&l);
        }
    }

    fn outline_layer(&self, area: &AreaDrawing) -> Option<leaflet::Layer> {
        (!area.outline.0.is_empty()).then(|| {
            self.add(crate::leaflet_ext::outline(&area.outline, &self.line("#111111", 3.5, "")))
        })
    }

    fn label_layer(&self, area: &AreaDrawing) -> Option<leaflet::Layer> {
        let [lon, lat] = area.label_at?;
        Some(self.add(crate::leaflet_ext::label(
            lon,
            lat,
            &label_html(area),
            "area-label",
            "",
            0.0,
        )))
    }

    /// Brings the layers to `data`, replacing only what changed; says how the area labels
    /// changed (for decluttering them).
    pub fn update(&mut self, data: &OverlayData) -> LabelChange {
        if self.zones != data.zones {
            let old = std::mem::take(&mut self.zone_layers);
            self.remove_all(old);
            let style = self.line("#5b5b5b", 2.5, "9 6");
            let layers = data
                .zones
                .iter()
                .map(|z| self.add(crate::leaflet_ext::outline(z, &style)))
                .collect();
            self.zone_layers = layers;
            self.zones = data.zones.clone();
        }
        let mut labels = LabelChange::None;
        let mut old = std::mem::take(&mut self.areas);
        for area in &data.areas {
            let shown = match old.remove(&area.organiser) {
                Some(shown) if Arc::ptr_eq(&shown.drawing, area) || shown.drawing == *area => shown,
                Some(mut shown) => {
                    // Outline replaced only when it changed; the label is rewritten in place
                    // (a new marker per edit cost more than the rest of the update).
                    if shown.drawing.outline != area.outline {
                        if let Some(l) = shown.outline.take() {
                            self.group.remove_layer(&l);
                        }
                        shown.outline = self.outline_layer(area);
                    }
                    match (&shown.label, area.label_at) {
                        (Some(marker), Some([lon, lat])) => {
                            if shown.drawing.label_at != area.label_at {
                                labels = LabelChange::Placed;
                            } else if labels == LabelChange::None {
                                labels = LabelChange::Text;
                            }
                            crate::leaflet_ext::relabel(
                                marker,
                                lon,
                                lat,
                                &label_html(area),
                                &area.title,
                                &area.detail,
                                area.weight,
                            );
                        }
                        _ => {
                            if let Some(l) = shown.label.take() {
                                self.group.remove_layer(&l);
                            }
                            shown.label = self.label_layer(area);
                            labels = LabelChange::Placed;
                        }
                    }
                    shown.drawing = area.clone();
                    shown
                }
                None => {
                    labels = LabelChange::Placed;
                    ShownArea {
                        drawing: Arc::clone(area),
                        outline: self.outline_layer(area),
                        label: self.label_layer(area),
                    }
                }
            };
            self.areas.insert(area.organiser, shown);
        }
        for (_, shown) in old {
            self.remove_all(shown.outline.into_iter().chain(shown.label).collect());
            labels = LabelChange::Placed;
        }
        if self.pins != data.pins {
            let old = std::mem::take(&mut self.pin_layers);
            self.remove_all(old);
            let layers = data
                .pins
                .iter()
                .map(|pin| {
                    let (symbol, class) = match pin.kind {
                        PinKind::Home => ("⌂", "pin pin-home"),
                        PinKind::Contact => ("★", "pin pin-contact"),
                    };
                    let marker = crate::leaflet_ext::label(
                        pin.at[0], pin.at[1], symbol, class, &pin.title, 22.0,
                    );
                    marker.unchecked_ref::<LayerExt>().bind_tooltip(
                        &escape_html(&pin.title),
                        &options(&[("direction", "top".into())]),
                    );
                    self.add(marker)
                })
                .collect();
            self.pin_layers = layers;
            self.pins = data.pins.clone();
        }
        labels
    }

    /// Adds the layers to a map.
    pub fn add_to(&self, map: &Map) {
        map.add_layer(&self.group);
    }

    /// Removes the layers.
    pub fn remove(&self) {
        self.group.remove();
    }
}

/// One area's layers on the map.
struct ShownArea {
    drawing: Arc<AreaDrawing>,
    outline: Option<leaflet::Layer>,
    label: Option<leaflet::Layer>,
}

/// How an overlay update changed the area labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelChange {
    /// Not at all.
    None,
    /// Only their text (a figure): sizes barely change.
    Text,
    /// Labels appeared, vanished or moved.
    Placed,
}

/// An area label's HTML (name and poor households, escaped).
fn label_html(area: &AreaDrawing) -> String {
    format!(
        "<b data-weight=\"{}\">{}</b><br>{}",
        area.weight,
        escape_html(&area.title),
        escape_html(&area.detail)
    )
}

/// The overlay on the map and the ward layer it was drawn over ([`super::WardMapView`]'s
/// `layer_version`).
pub struct ShownOverlay {
    version: u32,
    layers: Overlay,
}

/// Brings the overlay on `map` to `data` (`None`: no project, nothing drawn) over the ward
/// layer of version `version`: wards drawn anew (another map) start an empty overlay above
/// them. Area labels are decluttered when they moved (before the next frame), or once editing
/// pauses when only their figures changed (not in every edit's frame).
pub fn show_overlay(
    shown: &mut Option<ShownOverlay>,
    data: Option<OverlayData>,
    version: u32,
    map: &Map,
    renderer: Option<&JsValue>,
) {
    if shown.as_ref().is_some_and(|o| o.version != version) {
        if let Some(old) = shown.take() {
            old.layers.remove();
        }
    }
    match data {
        Some(data) => {
            let o = shown.get_or_insert_with(|| {
                let layers = Overlay::new(renderer);
                layers.add_to(map);
                ShownOverlay { version, layers }
            });
            match o.layers.update(&data) {
                LabelChange::Placed => crate::leaflet_ext::declutter_labels(map),
                LabelChange::Text => crate::leaflet_ext::declutter_labels_later(map),
                LabelChange::None => {}
            }
        }
        None => {
            if let Some(old) = shown.take() {
                old.layers.remove();
            }
        }
    }
}

/// Each ward's zone and the zones' outlines made from them.
type ZoneOutlines = (Vec<Option<String>>, Vec<geo::MultiPolygon<f64>>);

/// What an area's drawing was made from: its position in the list, poor households, language
/// and organiser's name.
type DrawingKey = (usize, u64, Lang, String);

/// Dissolved outlines kept between plan changes: per organiser, the wards it was made of.
#[derive(Default)]
pub struct AreaCache {
    map_id: u64,
    areas: std::collections::BTreeMap<u32, CachedArea>,
    zones: Option<ZoneOutlines>,
    /// A point inside each ward that has carried a label (big maps).
    ward_points: std::collections::HashMap<usize, Option<[f64; 2]>>,
}

/// One area as last drawn.
struct CachedArea {
    wards: Vec<usize>,
    outline: geo::MultiPolygon<f64>,
    label_at: Option<[f64; 2]>,
    /// The ward the label sits on (big maps).
    label_ward: Option<usize>,
    /// The drawing last made of it and what its text was made from (position, poor
    /// households, language, name): kept while those are the same.
    drawing: Option<(DrawingKey, Arc<AreaDrawing>)>,
}

/// A point inside a ward: its centroid when that is inside (cheap), else geo's interior point.
fn inside_point(g: &geo::MultiPolygon<f64>) -> Option<[f64; 2]> {
    use geo::{Centroid, Contains, InteriorPoint};
    g.centroid().filter(|c| g.contains(c)).or_else(|| g.interior_point()).map(|p| [p.x(), p.y()])
}

/// What to draw over the wards for a project: each area's outline (the union of its wards;
/// recomputed only for areas whose wards changed), label and pins, and the zone borders. Big
/// maps (≥ [`crate::state::BIG_MAP_WARDS`]) get labels and pins only: their colours already
/// show the areas, and dissolving thousands of wards on each edit would take too long.
/// `owners`: each ward's organiser id ([`crate::editor::Editor::owners`]).
pub fn overlay_data(
    loaded: &CityMap,
    project: &kshetra_core::project::Project,
    owners: &[Option<u32>],
    stats: Option<&kshetra_core::project::PlanStats>,
    cache: &mut AreaCache,
    lang: Lang,
) -> OverlayData {
    use geo::Centroid;
    use kshetra_core::format::group_indian_u64;
    use kshetra_core::project::export::dissolve;
    let map = &loaded.map;
    if cache.map_id != loaded.id {
        *cache = AreaCache { map_id: loaded.id, ..AreaCache::default() };
    }
    let big = map.wards().len() >= crate::state::BIG_MAP_WARDS;
    // Each organiser's wards: from the figures when they are there (they hold them), else
    // grouped from the owners.
    let grouped: Vec<Vec<usize>>;
    let members: Vec<&[usize]> = match stats.filter(|s| {
        s.areas.len() == project.organisers.len()
            && s.areas.iter().zip(&project.organisers).all(|(a, o)| a.organiser == o.id)
    }) {
        Some(s) => s.areas.iter().map(|a| a.wards.as_slice()).collect(),
        None => {
            let position = project.positions();
            let mut g: Vec<Vec<usize>> = vec![Vec::new(); project.organisers.len()];
            for (i, id) in owners.iter().enumerate() {
                if let Some(&j) = id.as_ref().and_then(|id| position.get(id)) {
                    g[j].push(i);
                }
            }
            grouped = g;
            grouped.iter().map(Vec::as_slice).collect()
        }
    };
    let by_id = stats.map(kshetra_core::project::stats::by_organiser).unwrap_or_default();
    let mut data = OverlayData::default();
    let mut keep = std::collections::BTreeMap::new();
    for (j, (o, &wards)) in project.organisers.iter().zip(&members).enumerate() {
        if wards.is_empty() {
            continue;
        }
        let mut cached = match cache.areas.remove(&o.id) {
            Some(c) if c.wards.as_slice() == wards => c,
            previous => {
                if big {
                    // No outline (the colours show the area). The label stays where it was
                    // while its ward is still in the area (it does not jump about as wards are
                    // painted); else it goes on the ward nearest the area's middle.
                    let kept = previous.and_then(|c| {
                        c.label_ward
                            .filter(|w| wards.binary_search(w).is_ok())
                            .map(|w| (w, c.label_at))
                    });
                    let (label_ward, label_at) = match kept {
                        Some((w, at)) => (Some(w), at),
                        None => {
                            let centre = |i: usize| {
                                map.wards()[i].geometry.centroid().map(|p| [p.x(), p.y()])
                            };
                            let points: Vec<(usize, [f64; 2])> =
                                wards.iter().filter_map(|&i| centre(i).map(|c| (i, c))).collect();
                            let n = points.len().max(1) as f64;
                            let mid = points
                                .iter()
                                .fold([0.0, 0.0], |m, (_, c)| [m[0] + c[0] / n, m[1] + c[1] / n]);
                            let d =
                                |c: &[f64; 2]| (c[0] - mid[0]).powi(2) + (c[1] - mid[1]).powi(2);
                            let ward = points
                                .iter()
                                .min_by(|a, b| d(&a.1).total_cmp(&d(&b.1)))
                                .map(|&(i, _)| i);
                            let at = ward.and_then(|i| {
                                cache
                                    .ward_points
                                    .entry(i)
                                    .or_insert_with(|| inside_point(&map.wards()[i].geometry))
                                    .to_owned()
                            });
                            (ward, at)
                        }
                    };
                    CachedArea {
                        wards: wards.to_vec(),
                        outline: geo::MultiPolygon::new(Vec::new()),
                        label_at,
                        label_ward,
                        drawing: None,
                    }
                } else {
                    let shapes: Vec<&geo::MultiPolygon<f64>> =
                        wards.iter().map(|&i| &map.wards()[i].geometry).collect();
                    let g = dissolve(&shapes).unwrap_or_else(|| {
                        geo::MultiPolygon::new(
                            shapes.iter().flat_map(|m| m.0.iter().cloned()).collect(),
                        )
                    });
                    // The label goes inside the largest part of the area.
                    let at = kshetra_core::geometry::label_point(&g)
                        .or_else(|| map.wards()[wards[0]].geometry.centroid())
                        .map(|p| [p.x(), p.y()]);
                    CachedArea {
                        wards: wards.to_vec(),
                        outline: g,
                        label_at: at,
                        label_ward: None,
                        drawing: None,
                    }
                }
            }
        };
        let poor = by_id.get(&o.id).map(|a| a.poor_households.round() as u64).unwrap_or(0);
        let name =
            || if o.name.is_empty() { Msg::Vacant.text(lang).to_string() } else { o.name.clone() };
        // The drawing (outline clone, two formatted texts) is made again only for an area that
        // changed: two of 200 when a ward goes to a neighbour.
        let drawing = match &cached.drawing {
            Some(((pos, p, l, n), d)) if *pos == j && *p == poor && *l == lang && *n == o.name => {
                d.clone()
            }
            _ => {
                let d = Arc::new(AreaDrawing {
                    organiser: o.id,
                    outline: cached.outline.clone(),
                    label_at: cached.label_at,
                    title: format!("{}. {}", j + 1, name()),
                    detail: format!(
                        "{} {}",
                        group_indian_u64(poor),
                        Msg::PoorHouseholds.text(lang)
                    ),
                    weight: wards.len(),
                });
                cached.drawing = Some(((j, poor, lang, o.name.clone()), d.clone()));
                d
            }
        };
        keep.insert(o.id, cached);
        data.areas.push(drawing);
        // A home ward's point is worked out once per ward, not per edit.
        let home = o.home.as_ref().and_then(|h| h.point).or_else(|| {
            let i = o.home_ward().and_then(|w| map.index_of(w))?;
            *cache.ward_points.entry(i).or_insert_with(|| inside_point(&map.wards()[i].geometry))
        });
        if let Some(p) = home {
            data.pins.push(Pin {
                kind: PinKind::Home,
                at: p,
                title: format!("{} — {}", name(), Msg::OrgHomeWard.text(lang)),
            });
        }
        if let Some(c) = &o.contact {
            if let (Some(lon), Some(lat)) = (c.lon, c.lat) {
                data.pins.push(Pin {
                    kind: PinKind::Contact,
                    at: [lon, lat],
                    title: format!("{} — {}", c.name, name()),
                });
            }
        }
    }
    cache.areas = keep;
    // Zone borders, when the map has zones (recomputed when zones change).
    if !big && map.zones().len() > 1 {
        let zones_now: Vec<Option<String>> = map.wards().iter().map(|w| w.zone.clone()).collect();
        if cache.zones.as_ref().map(|(z, _)| z != &zones_now).unwrap_or(true) {
            let outlines = map
                .zones()
                .iter()
                .filter_map(|z| {
                    let shapes: Vec<&geo::MultiPolygon<f64>> = map
                        .wards()
                        .iter()
                        .filter(|w| w.zone.as_deref() == Some(z.as_str()))
                        .map(|w| &w.geometry)
                        .collect();
                    dissolve(&shapes)
                })
                .collect();
            cache.zones = Some((zones_now, outlines));
        }
        data.zones = cache.zones.as_ref().map(|(_, o)| o.clone()).unwrap_or_default();
    }
    data
}
