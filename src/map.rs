//! The Leaflet map: a display of state we own.
//!
//! **Invariant:** Leaflet is never the source of truth. Ward layers are built from the core
//! [`WardMap`]; clicks only write the selected ward number into [`AppState`]; everything the
//! map shows is re-derived from the store by the effects below.

use std::rc::Rc;
use std::sync::Arc;

use js_sys::Array;
use kshetra_core::format::escape_html;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::locate::WardLocator;
use kshetra_core::model::Ward;
use kshetra_core::palette::zone_fill;
use kshetra_core::WardMap;
use leaflet::{
    LatLng, LatLngBounds, LayerGroup, Map, MapOptions, PathOptions, Polygon, PolylineOptions,
    TileLayer, TileLayerOptions,
};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::data::CityMap;
use crate::leaflet_ext::{options, AttributionControl, LayerExt};
use crate::state::{use_app_state, MainView};
use kshetra_core::settings::{is_valid_tile_url, Settings};

/// Leaflet polygons for every ward of a [`WardMap`], in model order, and the pointer on them.
///
/// The polygons are not interactive: which ward is under the pointer is answered by a
/// [`WardLocator`] in Rust (an R-tree, then an exact test), from events on the map itself. Leaflet
/// would walk all of its paths on every pointer event (10,000 on a big city, on a canvas), and
/// bind a tooltip to each; here one tooltip follows the pointer.
pub struct WardLayer {
    group: LayerGroup,
    polygons: Vec<(String, Polygon)>,
    /// How each ward is drawn now: a restyle only touches the wards whose look changed (one
    /// edit at 10,000 wards restyles a handful of polygons, not all of them).
    looks: std::cell::RefCell<Vec<WardLook>>,
    pointer: Rc<Pointer>,
    handlers: Vec<(&'static str, Closure<dyn FnMut(JsValue)>)>,
    /// The Leaflet map the layer is on, shared with the handlers (removed with the layer).
    on_map: Rc<std::cell::RefCell<Option<Map>>>,
}

/// What happened to a ward on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WardEventKind {
    /// Clicked or tapped.
    Click,
    /// Mouse button pressed on it (a brush stroke starts).
    Down,
    /// The pointer entered it with the main button held (a brush stroke goes on).
    DragOver,
}

/// A ward event from the map: which ward (index in the map), and where (lon, lat).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WardEvent {
    /// What happened.
    pub kind: WardEventKind,
    /// Ward index in [`WardMap::wards`].
    pub ward: usize,
    /// The point on the map (lon, lat), when Leaflet gives one.
    pub at: Option<[f64; 2]>,
}

/// The pointer over the ward layer: which ward it is on, and the one tooltip showing it.
struct Pointer {
    map: std::cell::RefCell<Arc<CityMap>>,
    lang: std::cell::Cell<Lang>,
    locator: WardLocator,
    hovered: std::cell::Cell<Option<usize>>,
    tooltip: JsValue,
}

/// Pointer hits within this many screen pixels of a ward count as on it (a border line, a
/// sliver between wards), as Leaflet's own hit test did.
const HIT_TOLERANCE_PX: f64 = 3.0;

/// Reads a Leaflet map mouse event: the point (lon, lat) and whether the main button is held;
/// `None` off the map's wards (on a control).
fn read_event(ev: &JsValue) -> Option<([f64; 2], bool)> {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let original = get(ev, "originalEvent");
    // Over the zoom buttons or the attribution, the pointer is not on a ward.
    let on_control = original
        .as_ref()
        .and_then(|o| get(o, "target"))
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| t.closest(".leaflet-control").ok().flatten().is_some());
    if on_control {
        return None;
    }
    let ll = get(ev, "latlng")?;
    let at = [get(&ll, "lng")?.as_f64()?, get(&ll, "lat")?.as_f64()?];
    let held = original
        .and_then(|o| get(&o, "buttons"))
        .and_then(|b| b.as_f64())
        .is_some_and(|b| (b as u32) & 1 == 1);
    Some((at, held))
}

impl Pointer {
    /// The ward under a map event's point, with the point and whether the button is held.
    fn ward_at(&self, map: &Map, ev: &JsValue) -> Option<(usize, [f64; 2], bool)> {
        let (at, held) = read_event(ev)?;
        // Degrees of longitude per screen pixel at this zoom (Web Mercator, 256-pixel tiles).
        let tolerance = HIT_TOLERANCE_PX * 360.0 / (256.0 * 2f64.powf(map.get_zoom()));
        let ward = self.locator.ward_at(&self.map.borrow().map, at, tolerance)?;
        Some((ward, at, held))
    }

    /// The pointer moved onto ward `i` at `at` (or off the wards): the tooltip follows it and
    /// shows the ward; the map's cursor says whether a ward can be clicked. Says whether the
    /// ward changed.
    fn hover(&self, map: &Map, on: Option<(usize, [f64; 2])>) -> bool {
        let ward = on.map(|(i, _)| i);
        let changed = self.hovered.replace(ward) != ward;
        match on {
            Some((i, at)) => {
                let html = changed
                    .then(|| {
                        self.map
                            .borrow()
                            .map
                            .wards()
                            .get(i)
                            .map(|w| tooltip_html(w, self.lang.get()))
                    })
                    .flatten();
                crate::leaflet_ext::show_tooltip(map, &self.tooltip, at, html.as_deref());
            }
            None => crate::leaflet_ext::hide_tooltip(map, &self.tooltip),
        }
        changed
    }
}

/// The map events a [`WardLayer`] listens to: the pointer moving (tooltip; a brush stroke going
/// on), the button going down (a stroke starting), a click or tap, the pointer leaving.
fn handlers(
    pointer: &Rc<Pointer>,
    on_map: &Rc<std::cell::RefCell<Option<Map>>>,
    on_event: Rc<dyn Fn(WardEvent)>,
) -> Vec<(&'static str, Closure<dyn FnMut(JsValue)>)> {
    let moved = on_event.clone();
    let down = on_event.clone();
    let click = on_event;
    let kinds: Vec<(&'static str, Box<dyn Fn(&Map, &Pointer, &JsValue)>)> = vec![
        (
            "mousemove",
            Box::new(move |map, p, ev| {
                let on = p.ward_at(map, ev);
                // The tooltip first: it measures itself, cheaply while nothing else changed.
                let entered = p.hover(map, on.map(|(ward, at, _)| (ward, at)));
                if let Some((ward, at, true)) = on.filter(|_| entered) {
                    moved(WardEvent { kind: WardEventKind::DragOver, ward, at: Some(at) });
                }
            }),
        ),
        (
            "mousedown",
            Box::new(move |map, p, ev| {
                if let Some((ward, at, _)) = p.ward_at(map, ev) {
                    down(WardEvent { kind: WardEventKind::Down, ward, at: Some(at) });
                }
            }),
        ),
        (
            "click",
            Box::new(move |map, p, ev| {
                if let Some((ward, at, _)) = p.ward_at(map, ev) {
                    p.hover(map, Some((ward, at)));
                    click(WardEvent { kind: WardEventKind::Click, ward, at: Some(at) });
                }
            }),
        ),
        (
            "mouseout",
            Box::new(|map, p, _| {
                p.hover(map, None);
            }),
        ),
    ];
    kinds
        .into_iter()
        .map(|(kind, f)| {
            let (pointer, on_map) = (pointer.clone(), on_map.clone());
            let closure = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                if let Some(map) = on_map.borrow().as_ref() {
                    f(map, &pointer, &ev);
                }
            });
            (kind, closure)
        })
        .collect()
}

impl WardLayer {
    /// Builds one polygon per ward (class `ward`, filled by zone colour) and calls `on_event`
    /// when a ward is clicked or tapped, pressed, or entered with the button held, once the
    /// layer is added to a map. `renderer`: Leaflet's canvas renderer for big maps (else SVG).
    pub fn new(
        loaded: &Arc<CityMap>,
        lang: Lang,
        renderer: Option<&JsValue>,
        on_event: Rc<dyn Fn(WardEvent)>,
    ) -> Self {
        let map = &loaded.map;
        let group = LayerGroup::new();
        let mut polygons = Vec::with_capacity(map.wards().len());
        let mut looks = Vec::with_capacity(map.wards().len());
        for ward in map.wards() {
            let opts = PolylineOptions::new();
            opts.set_class_name("ward".into());
            opts.set_interactive(false);
            let look = WardLook::zone(map, ward);
            style_ward(&opts, &look);
            looks.push(look);
            if let Some(r) = renderer {
                let _ = js_sys::Reflect::set(&opts, &JsValue::from_str("renderer"), r);
            }
            let polygon = crate::leaflet_ext::polygon(&ward.geometry, &opts);
            group.add_layer(&polygon);
            polygons.push((ward.number.clone(), polygon));
        }
        let pointer = Rc::new(Pointer {
            map: std::cell::RefCell::new(loaded.clone()),
            lang: std::cell::Cell::new(lang),
            locator: WardLocator::new(map),
            hovered: std::cell::Cell::new(None),
            tooltip: crate::leaflet_ext::ward_tooltip(),
        });
        let on_map: Rc<std::cell::RefCell<Option<Map>>> = Rc::default();
        let handlers = handlers(&pointer, &on_map, on_event);
        WardLayer {
            group,
            polygons,
            looks: std::cell::RefCell::new(looks),
            pointer,
            handlers,
            on_map,
        }
    }

    /// Number of ward polygons.
    pub fn len(&self) -> usize {
        self.polygons.len()
    }

    /// Whether there are no ward polygons.
    pub fn is_empty(&self) -> bool {
        self.polygons.is_empty()
    }

    /// Adds the layer to a map and starts following the pointer on it.
    pub fn add_to(&self, map: &Map) {
        map.add_layer(&self.group);
        for (kind, f) in &self.handlers {
            map.on(kind, f.as_ref());
        }
        *self.on_map.borrow_mut() = Some(map.clone());
    }

    /// Removes the layer (and its handlers and tooltip) from the map it is on.
    pub fn remove(&self) {
        self.group.remove();
        if let Some(map) = self.on_map.borrow_mut().take() {
            for (kind, f) in &self.handlers {
                map.off(kind, f.as_ref());
            }
            crate::leaflet_ext::hide_tooltip(&map, &self.pointer.tooltip);
        }
        self.pointer.hovered.set(None);
    }

    /// The map the layer shows (as last given by [`WardLayer::new`] or [`WardLayer::set_map`]).
    pub fn map(&self) -> Arc<CityMap> {
        self.pointer.map.borrow().clone()
    }

    /// The same map with edited figures or names (same wards, same order), or another
    /// language: the tooltip shows them.
    pub fn set_map(&self, loaded: &Arc<CityMap>, lang: Lang) {
        *self.pointer.map.borrow_mut() = loaded.clone();
        self.pointer.lang.set(lang);
        if let Some(w) = self.pointer.hovered.get().and_then(|i| loaded.map.wards().get(i)) {
            crate::leaflet_ext::set_tooltip_content(&self.pointer.tooltip, &tooltip_html(w, lang));
        }
    }

    /// Restyles the wards `only` lists (every ward when `None`) as `look(ward index)` says;
    /// the selected ward is brought to front.
    pub fn restyle(&self, only: Option<&[usize]>, look: &dyn Fn(usize) -> WardLook) {
        let mut selected_polygon = None;
        let mut looks = self.looks.borrow_mut();
        let all: Vec<usize>;
        let wards = match only {
            Some(w) => w,
            None => {
                all = (0..self.polygons.len()).collect();
                &all
            }
        };
        for &i in wards {
            let Some((_, polygon)) = self.polygons.get(i) else {
                continue;
            };
            let l = look(i);
            if l.selected && !looks[i].selected {
                selected_polygon = Some(polygon);
            }
            if looks[i] != l {
                let opts = PathOptions::new();
                style_ward(&opts, &l);
                polygon.set_style(&opts);
                looks[i] = l;
            }
        }
        if let Some(p) = selected_polygon {
            p.bring_to_front();
        }
    }
}

/// How one ward is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct WardLook {
    /// Fill colour (the organiser's colour, else the zone's), shared between wards.
    pub fill: Rc<str>,
    /// The ward whose details are shown: outlined boldly.
    pub selected: bool,
    /// In a separate piece of the map: outlined in dashed red.
    pub island: bool,
    /// Its assignment is locked: outlined in dotted dark blue.
    pub locked: bool,
    /// Filled strongly (an organiser's colour) rather than pale (a zone's).
    pub strong: bool,
}

impl WardLook {
    /// The plain look of ward `ward`: its zone's colour.
    pub fn zone(map: &WardMap, ward: &Ward) -> WardLook {
        let zone = ward.zone.as_deref().and_then(|z| map.zone_index(z));
        WardLook {
            fill: Rc::from(zone_fill(zone)),
            selected: false,
            island: false,
            locked: false,
            strong: false,
        }
    }
}

fn style_ward(opts: &PathOptions, look: &WardLook) {
    opts.set_fill_color((&*look.fill).into());
    opts.set_fill_opacity(match (look.selected, look.strong) {
        (true, _) => 0.9,
        (false, true) => 0.75,
        (false, false) => 0.6,
    });
    let (color, weight, dash) = match (look.selected, look.island, look.locked) {
        (true, _, _) => ("#111111", 3.5, ""),
        (false, true, _) => ("#c62828", 2.5, "6 4"),
        (false, false, true) => ("#0d2b6b", 2.0, "2 3"),
        (false, false, false) => ("#4a4a4a", 0.8, ""),
    };
    opts.set_color(color.into());
    opts.set_weight(weight);
    opts.set_dash_array(dash.into());
}

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

fn same_arc<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// What the wards were last styled from ([`WardMapView`]'s restyle).
struct LookBasis {
    version: u32,
    /// Held (not just compared by address) so an address is never reused while kept here.
    map: Arc<CityMap>,
    conn: Option<Arc<kshetra_core::adjacency::Connectivity>>,
    colours: Arc<std::collections::BTreeMap<u32, usize>>,
    ids: Arc<Vec<Option<u32>>>,
    locked: Vec<bool>,
    selected: Option<usize>,
}

/// The overlay on the map and the ward layer it was drawn over ([`WardMapView`]'s
/// `layer_version`).
struct ShownOverlay {
    version: u32,
    layers: Overlay,
}

/// Dissolved outlines kept between plan changes: per organiser, the wards it was made of.
#[derive(Default)]
pub struct AreaCache {
    map_id: u64,
    areas: std::collections::BTreeMap<u32, CachedArea>,
    zones: Option<(Vec<Option<String>>, Vec<geo::MultiPolygon<f64>>)>,
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
    drawing: Option<((usize, u64, Lang, String), Arc<AreaDrawing>)>,
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

/// The map's bounds as a Leaflet object.
pub fn bounds(map: &WardMap) -> Option<LatLngBounds> {
    let r = map.bounds()?;
    Some(LatLngBounds::new(&LatLng::new(r.min().y, r.min().x), &LatLng::new(r.max().y, r.max().x)))
}

/// Tooltip HTML for a ward. Imported text (names, zones) is escaped.
pub fn tooltip_html(ward: &Ward, lang: Lang) -> String {
    let mut html =
        format!("<strong>{} {}</strong>", Msg::Ward.text(lang), escape_html(&ward.number));
    if let Some(name) = &ward.name {
        html.push_str(&format!(" · {}", escape_html(name)));
    }
    if let Some(zone) = &ward.zone {
        html.push_str(&format!("<br>{} {}", Msg::Zone.text(lang), escape_html(zone)));
    }
    html
}

/// The Leaflet objects owned by one mounted map.
struct MapHandles {
    map: Map,
    tiles: Option<TileLayer>,
    wards: Option<WardLayer>,
    data_attribution: Option<String>,
    /// Id of the map the view was last fitted to.
    fitted_map: Option<u64>,
    /// Leaflet's canvas renderer, made the first time a big map is drawn.
    canvas: Option<JsValue>,
}

/// The ward map. Creates the Leaflet map once its `<div>` exists and keeps it in sync with
/// the store: tile layer ⇐ settings, ward layer ⇐ current map (rebuilt only when a different
/// map arrives; edited figures only restyle), tooltips ⇐ language, outlines ⇐ selected ward
/// and separate pieces.
#[component]
pub fn WardMapView() -> impl IntoView {
    let state = use_app_state();
    let node = NodeRef::<Div>::new();
    let handles: StoredValue<Option<MapHandles>, LocalStorage> = StoredValue::new_local(None);
    let ready = RwSignal::new(false);
    // Bumped whenever the ward layer is rebuilt, so restyling follows it.
    let layer_version = RwSignal::new(0u32);

    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if handles.with_value(Option::is_some) {
            return;
        }
        let opts = MapOptions::new();
        opts.set_zoom_snap(0.25);
        let Ok(map) = Map::new_with_element(&el, &opts) else {
            leptos::logging::error!("Leaflet could not create the map");
            return;
        };
        map.set_view(&LatLng::new(23.0, 80.0), 5.0);
        handles.set_value(Some(MapHandles {
            map,
            tiles: None,
            wards: None,
            data_attribution: None,
            fitted_map: None,
            canvas: None,
        }));
        ready.set(true);
    });

    // Tile layer ⇐ settings.
    Effect::new(move |_| {
        let settings = state.settings.get();
        if !ready.get() {
            return;
        }
        handles.update_value(|h| {
            let Some(h) = h else { return };
            if let Some(old) = h.tiles.take() {
                old.remove();
            }
            if settings.base_map && is_valid_tile_url(&settings.tile_url) {
                let opts = TileLayerOptions::new();
                opts.set_max_zoom(19.0);
                opts.set_attribution(Settings::OSM_ATTRIBUTION.into());
                let layer = TileLayer::new_options(&settings.tile_url, &opts);
                layer.add_to(&h.map);
                h.tiles = Some(layer);
            }
        });
    });

    // Ward layer ⇐ loaded city.
    Effect::new(move |_| {
        let loaded = state.loaded();
        if !ready.get() {
            return;
        }
        let Some(loaded) = loaded else { return };
        let lang = state.lang.get_untracked();
        handles.update_value(|h| {
            let Some(h) = h else { return };
            // The same map with edited figures (same id, so the same wards in the same order):
            // keep the polygons, refresh tooltips; the restyle below recolours zones.
            if let Some(layer) = h.wards.as_ref().filter(|layer| layer.map().id == loaded.id) {
                layer.set_map(&loaded, lang);
                return;
            }
            if let Some(old) = h.wards.take() {
                old.remove();
            }
            let attribution: AttributionControl = crate::leaflet_ext::attribution_control(&h.map);
            if let Some(old) = h.data_attribution.take() {
                attribution.remove_attribution(&old);
            }
            let on_ward = move |ev: WardEvent| {
                let editor = state.editor;
                let Some(c) = state.current.get_untracked() else { return };
                let Some(number) = c.map.wards().get(ev.ward).map(|w| w.number.clone()) else {
                    return;
                };
                match ev.kind {
                    WardEventKind::Click => {
                        if let (Some(pick), Some(at)) = (editor.picking.get_untracked(), ev.at) {
                            editor.place(&c, pick, &number, at);
                        }
                        // Only when it changes: painting clicks the same ward again and again.
                        if state
                            .selected_ward
                            .with_untracked(|s| s.as_deref() != Some(number.as_str()))
                        {
                            state.selected_ward.set(Some(number));
                        }
                    }
                    WardEventKind::Down if editor.painting.get_untracked().is_some() => {
                        let conn = state.connectivity.get_untracked();
                        editor.start_stroke();
                        editor.paint(&c, conn.as_ref().map(|c| &c.graph), number);
                    }
                    WardEventKind::DragOver
                        if editor.painting.get_untracked().is_some() && editor.in_stroke() =>
                    {
                        let conn = state.connectivity.get_untracked();
                        editor.paint(&c, conn.as_ref().map(|c| &c.graph), number);
                    }
                    _ => {}
                }
            };
            let renderer = (loaded.map.wards().len() >= crate::state::BIG_MAP_WARDS)
                .then(|| h.canvas.get_or_insert_with(crate::leaflet_ext::canvas_renderer).clone());
            let layer = WardLayer::new(&loaded, lang, renderer.as_ref(), Rc::new(on_ward));
            layer.add_to(&h.map);
            // For tests and tools: how many wards are drawn, and how (SVG paths or a canvas).
            if let Some(el) = node.get_untracked() {
                let _ = el.set_attribute("data-wards", &layer.len().to_string());
                let _ = el.set_attribute(
                    "data-renderer",
                    if renderer.is_some() { "canvas" } else { "svg" },
                );
            }
            // Refit only when a different map arrived, not after an edit of its figures.
            if h.fitted_map != Some(loaded.id) {
                // The container may have changed size since the map was created (fonts, CSS).
                h.map.invalidate_size(false);
                if let Some(b) = bounds(&loaded.map) {
                    h.map.fit_bounds_with_options(
                        &b,
                        &options(&[
                            ("animate", false.into()),
                            ("padding", Array::of2(&8.into(), &8.into()).into()),
                        ]),
                    );
                }
                h.fitted_map = Some(loaded.id);
            }
            if let Some(a) = loaded.attribution() {
                let html = a.html();
                attribution.add_attribution(&html);
                h.data_attribution = Some(html);
            }
            h.wards = Some(layer);
        });
        layer_version.update(|v| *v += 1);
    });

    // Tooltips ⇐ language.
    Effect::new(move |_| {
        let lang = state.lang.get();
        handles.with_value(|h| {
            if let Some(layer) = h.as_ref().and_then(|h| h.wards.as_ref()) {
                layer.set_map(&layer.map(), lang);
            }
        });
    });

    // Fills and outlines ⇐ organisers' areas, locks, selected ward, separate pieces. When only
    // owners or the selected ward changed since the last restyle, only the wards that changed
    // are looked at (not all 10,000 per edit).
    let last_look: StoredValue<Option<LookBasis>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let selected = state.selected_ward.get();
        let conn = state.connectivity.get();
        let colours = state.editor.colours.get();
        let ids = state.editor.owners.get();
        let version = layer_version.get();
        state.editor.project.with(|project| {
            handles.with_value(|h| {
                let Some(layer) = h.as_ref().and_then(|h| h.wards.as_ref()) else { return };
                let loaded = layer.map();
                let island = |i: usize| {
                    conn.as_ref()
                        .is_some_and(|c| c.components.of_ward.get(i).is_some_and(|&p| p > 0))
                };
                let map = &loaded.map;
                // Everything looked up once per restyle, not per ward (10,000 wards per edit).
                let mut locked = vec![false; map.wards().len()];
                for w in project.iter().flat_map(|p| &p.plan.locked) {
                    if let Some(i) = map.index_of(w) {
                        locked[i] = true;
                    }
                }
                let selected = selected.as_deref().and_then(|w| map.index_of(w));
                let basis = LookBasis {
                    version,
                    map: loaded.clone(),
                    conn: conn.clone(),
                    colours: colours.clone(),
                    ids: ids.clone(),
                    locked,
                    selected,
                };
                let only: Option<Vec<usize>> = last_look.with_value(|last| {
                    let last = last.as_ref().filter(|l| {
                        l.version == basis.version
                            && Arc::ptr_eq(&l.map, &basis.map)
                            && same_arc(&l.conn, &basis.conn)
                            && l.colours == basis.colours
                            && l.locked == basis.locked
                            && l.ids.len() == basis.ids.len()
                    })?;
                    let mut wards: Vec<usize> =
                        (0..basis.ids.len()).filter(|&i| last.ids[i] != basis.ids[i]).collect();
                    wards.extend(last.selected.into_iter().chain(basis.selected));
                    Some(wards)
                });
                let zone_fills: Vec<Rc<str>> =
                    (0..map.zones().len()).map(|z| Rc::from(zone_fill(Some(z)))).collect();
                let no_zone: Rc<str> = Rc::from(zone_fill(None));
                let area_fills: std::collections::BTreeMap<u32, Rc<str>> = colours
                    .iter()
                    .map(|(&id, &c)| (id, Rc::from(kshetra_core::palette::area_colour(c))))
                    .collect();
                let zone_of =
                    |i: usize| map.wards()[i].zone.as_deref().and_then(|z| map.zone_index(z));
                layer.restyle(only.as_deref(), &|i| {
                    let area = ids.get(i).copied().flatten().and_then(|id| area_fills.get(&id));
                    WardLook {
                        fill: match area {
                            Some(f) => f.clone(),
                            None => zone_of(i)
                                .and_then(|z| zone_fills.get(z))
                                .unwrap_or(&no_zone)
                                .clone(),
                        },
                        selected: basis.selected == Some(i),
                        island: island(i),
                        locked: basis.locked[i],
                        strong: area.is_some(),
                    }
                });
                last_look.set_value(Some(basis));
            });
        });
    });

    // Painting: the map does not pan under the brush; a stroke ends when the button is released.
    Effect::new(move |_| {
        let painting = state.editor.painting.get().is_some();
        if !ready.get() {
            return;
        }
        handles.with_value(|h| {
            if let Some(h) = h {
                crate::leaflet_ext::set_dragging(&h.map, !painting);
            }
        });
    });
    let up = window_event_listener(leptos::ev::mouseup, move |_| state.editor.end_stroke());
    on_cleanup(move || up.remove());

    // Area borders, zone borders, labels, homes and contact points ⇐ the plan.
    let overlay: StoredValue<Option<ShownOverlay>, LocalStorage> = StoredValue::new_local(None);
    let area_cache: StoredValue<AreaCache, LocalStorage> =
        StoredValue::new_local(AreaCache::default());
    Effect::new(move |_| {
        let version = layer_version.get();
        let Some(loaded) = state.loaded() else { return };
        let lang = state.lang.get();
        let stats = state.editor.stats.get();
        let owners = state.editor.owners.get();
        let data = state.editor.project.with(|p| {
            let p = p.as_ref()?;
            area_cache.try_update_value(|cache| {
                overlay_data(&loaded, p, &owners, stats.as_deref(), cache, lang)
            })
        });
        handles.with_value(|h| {
            let Some(h) = h else { return };
            let big = loaded.map.wards().len() >= crate::state::BIG_MAP_WARDS;
            overlay.update_value(|o| {
                // Wards drawn anew (another map): start from an empty overlay, above them.
                if o.as_ref().is_some_and(|o| o.version != version) {
                    if let Some(old) = o.take() {
                        old.layers.remove();
                    }
                }
                match data {
                    Some(data) => {
                        let o = o.get_or_insert_with(|| {
                            let layers = Overlay::new(h.canvas.as_ref().filter(|_| big));
                            layers.add_to(&h.map);
                            ShownOverlay { version, layers }
                        });
                        // Overlaps are checked before the next frame when labels moved; after a
                        // mere change of figures, once editing pauses (not in every edit's frame).
                        match o.layers.update(&data) {
                            LabelChange::Placed => crate::leaflet_ext::declutter_labels(&h.map),
                            LabelChange::Text => crate::leaflet_ext::declutter_labels_later(&h.map),
                            LabelChange::None => {}
                        }
                    }
                    None => {
                        if let Some(old) = o.take() {
                            old.layers.remove();
                        }
                    }
                }
            });
        });
    });

    // Zoom ⇐ a problem's "show on map".
    Effect::new(move |_| {
        let Some(wards) = state.editor.focus.get() else { return };
        let Some(loaded) = state.loaded() else { return };
        let rect = kshetra_core::geometry::bounds_of(
            wards.iter().filter_map(|w| loaded.map.ward(w)).map(|w| &w.geometry),
        );
        handles.with_value(|h| {
            if let (Some(h), Some(r)) = (h, rect) {
                let b = LatLngBounds::new(
                    &LatLng::new(r.min().y, r.min().x),
                    &LatLng::new(r.max().y, r.max().x),
                );
                h.map.fit_bounds_with_options(
                    &b,
                    &options(&[
                        ("animate", false.into()),
                        ("maxZoom", 15.into()),
                        ("padding", Array::of2(&40.into(), &40.into()).into()),
                    ]),
                );
            }
        });
        state.editor.focus.set(None);
    });

    // The map was hidden behind the ward table: let Leaflet measure its container again.
    Effect::new(move |prev: Option<MainView>| {
        let view = state.view.get();
        if view == MainView::Map && prev == Some(MainView::Table) {
            handles.with_value(|h| {
                if let Some(h) = h {
                    h.map.invalidate_size(false);
                }
            });
        }
        view
    });

    on_cleanup(move || {
        handles.update_value(|h| {
            if let Some(h) = h.take() {
                h.map.remove();
            }
        });
    });

    view! {
        <div id="map" class="map" node_ref=node role="region" aria-label=state.t(Msg::WardMapLabel)></div>
    }
}
