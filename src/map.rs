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
use kshetra_core::model::Ward;
use kshetra_core::palette::zone_fill;
use kshetra_core::WardMap;
use leaflet::{LatLng, LatLngBounds, LayerGroup, Map, MapOptions, PathOptions, Polygon, PolylineOptions, TileLayer, TileLayerOptions};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::data::CityMap;
use crate::leaflet_ext::{options, AttributionControl, LayerExt};
use crate::state::{use_app_state, MainView};
use kshetra_core::settings::{is_valid_tile_url, Settings};

/// Leaflet polygons for every ward of a [`WardMap`], in model order.
pub struct WardLayer {
    group: LayerGroup,
    polygons: Vec<(String, Polygon)>,
    /// How each ward is drawn now: a restyle only touches the wards whose look changed (one
    /// edit at 10,000 wards restyles a handful of polygons, not all of them).
    looks: std::cell::RefCell<Vec<WardLook>>,
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
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

/// Reads a Leaflet mouse event: the ward index we stored in the polygon's options, the point,
/// and whether the main button is held.
fn read_event(ev: &JsValue) -> Option<(usize, Option<[f64; 2]>, bool)> {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let target = get(ev, "target")?;
    let ward = get(&get(&target, "options")?, "kshetraWard")?.as_f64()? as usize;
    let at = get(ev, "latlng").and_then(|ll| Some([get(&ll, "lng")?.as_f64()?, get(&ll, "lat")?.as_f64()?]));
    let held = get(ev, "originalEvent").and_then(|o| get(&o, "buttons")).and_then(|b| b.as_f64()).is_some_and(|b| (b as u32) & 1 == 1);
    Some((ward, at, held))
}

impl WardLayer {
    /// Builds one polygon per ward (class `ward`, filled by zone colour) with a tooltip, and
    /// calls `on_event` when a ward is clicked or tapped, pressed, or dragged over with the
    /// button held. `renderer`: Leaflet's canvas renderer for big maps (else SVG paths). One
    /// handler per kind serves every polygon (the ward index travels in the options).
    pub fn new(map: &WardMap, lang: Lang, renderer: Option<&JsValue>, on_event: Rc<dyn Fn(WardEvent)>) -> Self {
        let group = LayerGroup::new();
        let mut polygons = Vec::with_capacity(map.wards().len());
        let mut looks = Vec::with_capacity(map.wards().len());
        let handler = |kind: WardEventKind| {
            let on_event = on_event.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                if let Some((ward, at, held)) = read_event(&ev) {
                    if kind != WardEventKind::DragOver || held {
                        on_event(WardEvent { kind, ward, at });
                    }
                }
            })
        };
        let handlers = vec![handler(WardEventKind::Click), handler(WardEventKind::Down), handler(WardEventKind::DragOver)];
        for (i, ward) in map.wards().iter().enumerate() {
            let opts = PolylineOptions::new();
            opts.set_class_name("ward".into());
            let look = WardLook::zone(map, ward);
            style_ward(&opts, &look);
            looks.push(look);
            if let Some(r) = renderer {
                let _ = js_sys::Reflect::set(&opts, &JsValue::from_str("renderer"), r);
            }
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str("kshetraWard"), &JsValue::from_f64(i as f64));
            let polygon = crate::leaflet_ext::polygon(&ward.geometry, &opts);
            polygon.unchecked_ref::<LayerExt>().bind_tooltip(
                &tooltip_html(ward, lang),
                &options(&[("sticky", true.into()), ("direction", "top".into())]),
            );
            polygon.on("click", handlers[0].as_ref());
            polygon.on("mousedown", handlers[1].as_ref());
            polygon.on("mouseover", handlers[2].as_ref());
            group.add_layer(&polygon);
            polygons.push((ward.number.clone(), polygon));
        }
        WardLayer { group, polygons, looks: std::cell::RefCell::new(looks), _handlers: handlers }
    }

    /// Number of ward polygons.
    pub fn len(&self) -> usize {
        self.polygons.len()
    }

    /// Whether there are no ward polygons.
    pub fn is_empty(&self) -> bool {
        self.polygons.is_empty()
    }

    /// Adds the layer to a map.
    pub fn add_to(&self, map: &Map) {
        map.add_layer(&self.group);
    }

    /// Removes the layer from whatever map it is on.
    pub fn remove(&self) {
        self.group.remove();
    }

    /// Rewrites every tooltip in `lang`.
    pub fn set_language(&self, map: &WardMap, lang: Lang) {
        for ((_, polygon), ward) in self.polygons.iter().zip(map.wards()) {
            polygon.set_tooltip_content(&JsValue::from_str(&tooltip_html(ward, lang)));
        }
    }

    /// Restyles every ward as `look(ward index)` says; the selected ward is brought to front.
    pub fn restyle(&self, look: &dyn Fn(usize) -> WardLook) {
        let mut selected_polygon = None;
        let mut looks = self.looks.borrow_mut();
        for (i, (_, polygon)) in self.polygons.iter().enumerate() {
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
        WardLook { fill: Rc::from(zone_fill(zone)), selected: false, island: false, locked: false, strong: false }
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
    /// Each area's outline (the union of its wards), label position and label text.
    pub areas: Vec<AreaDrawing>,
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
    /// Per organiser id: what is drawn and its layers (outline, label).
    areas: std::collections::BTreeMap<u32, (AreaDrawing, Vec<leaflet::Layer>)>,
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

    /// Brings the layers to `data`, replacing only what changed.
    pub fn update(&mut self, data: &OverlayData) {
        if self.zones != data.zones {
            let old = std::mem::take(&mut self.zone_layers);
            self.remove_all(old);
            let style = self.line("#5b5b5b", 2.5, "9 6");
            let layers = data.zones.iter().map(|z| self.add(crate::leaflet_ext::outline(z, &style))).collect();
            self.zone_layers = layers;
            self.zones = data.zones.clone();
        }
        let mut old = std::mem::take(&mut self.areas);
        for area in &data.areas {
            match old.remove(&area.organiser) {
                Some((drawn, layers)) if &drawn == area => {
                    self.areas.insert(area.organiser, (drawn, layers));
                }
                previous => {
                    if let Some((_, layers)) = previous {
                        self.remove_all(layers);
                    }
                    let mut layers = Vec::new();
                    if !area.outline.0.is_empty() {
                        layers.push(self.add(crate::leaflet_ext::outline(&area.outline, &self.line("#111111", 3.5, ""))));
                    }
                    if let Some([lon, lat]) = area.label_at {
                        let html = format!("<b data-weight=\"{}\">{}</b><br>{}", area.weight, escape_html(&area.title), escape_html(&area.detail));
                        layers.push(self.add(crate::leaflet_ext::label(lon, lat, &html, "area-label", "", 0.0)));
                    }
                    self.areas.insert(area.organiser, (area.clone(), layers));
                }
            }
        }
        for (_, (_, layers)) in old {
            self.remove_all(layers);
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
                    let marker = crate::leaflet_ext::label(pin.at[0], pin.at[1], symbol, class, &pin.title, 22.0);
                    marker.unchecked_ref::<LayerExt>().bind_tooltip(&escape_html(&pin.title), &options(&[("direction", "top".into())]));
                    self.add(marker)
                })
                .collect();
            self.pin_layers = layers;
            self.pins = data.pins.clone();
        }
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
    areas: std::collections::BTreeMap<u32, (Vec<usize>, geo::MultiPolygon<f64>, Option<[f64; 2]>)>,
    zones: Option<(Vec<Option<String>>, Vec<geo::MultiPolygon<f64>>)>,
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
    use geo::{Centroid, InteriorPoint};
    use kshetra_core::format::group_indian_u64;
    use kshetra_core::project::export::dissolve;
    let map = &loaded.map;
    if cache.map_id != loaded.id {
        *cache = AreaCache { map_id: loaded.id, ..AreaCache::default() };
    }
    let big = map.wards().len() >= crate::state::BIG_MAP_WARDS;
    let position: std::collections::BTreeMap<u32, usize> = project.organisers.iter().enumerate().map(|(j, o)| (o.id, j)).collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); project.organisers.len()];
    for (i, id) in owners.iter().enumerate() {
        if let Some(&j) = id.as_ref().and_then(|id| position.get(id)) {
            members[j].push(i);
        }
    }
    let by_id = stats.map(kshetra_core::project::stats::by_organiser).unwrap_or_default();
    let mut data = OverlayData::default();
    let mut keep = std::collections::BTreeMap::new();
    for (j, (o, wards)) in project.organisers.iter().zip(&members).enumerate() {
        if wards.is_empty() {
            continue;
        }
        let (outline, label_at) = match cache.areas.remove(&o.id) {
            Some((w, g, at)) if &w == wards => (g, at),
            _ => {
                if big {
                    // No outline (the colours show the area); the label goes on the ward
                    // nearest the area's middle.
                    let centre = |i: usize| map.wards()[i].geometry.centroid().map(|p| [p.x(), p.y()]);
                    let points: Vec<(usize, [f64; 2])> = wards.iter().filter_map(|&i| centre(i).map(|c| (i, c))).collect();
                    let n = points.len().max(1) as f64;
                    let mid = points.iter().fold([0.0, 0.0], |m, (_, c)| [m[0] + c[0] / n, m[1] + c[1] / n]);
                    let d = |c: &[f64; 2]| (c[0] - mid[0]).powi(2) + (c[1] - mid[1]).powi(2);
                    let at = points
                        .iter()
                        .min_by(|a, b| d(&a.1).total_cmp(&d(&b.1)))
                        .and_then(|&(i, _)| map.wards()[i].geometry.interior_point())
                        .map(|p| [p.x(), p.y()]);
                    (geo::MultiPolygon::new(Vec::new()), at)
                } else {
                    let shapes: Vec<&geo::MultiPolygon<f64>> = wards.iter().map(|&i| &map.wards()[i].geometry).collect();
                    let g = dissolve(&shapes).unwrap_or_else(|| geo::MultiPolygon::new(shapes.iter().flat_map(|m| m.0.iter().cloned()).collect()));
                    // The label goes inside the largest part of the area.
                    let at = kshetra_core::geometry::label_point(&g)
                        .or_else(|| map.wards()[wards[0]].geometry.centroid())
                        .map(|p| [p.x(), p.y()]);
                    (g, at)
                }
            }
        };
        let poor = by_id.get(&o.id).map(|a| a.poor_households.round() as u64).unwrap_or(0);
        let name = if o.name.is_empty() { Msg::Vacant.text(lang).to_string() } else { o.name.clone() };
        data.areas.push(AreaDrawing {
            organiser: o.id,
            outline: outline.clone(),
            label_at,
            title: format!("{}. {}", j + 1, name),
            detail: format!("{} {}", group_indian_u64(poor), Msg::PoorHouseholds.text(lang)),
            weight: wards.len(),
        });
        keep.insert(o.id, (wards.clone(), outline, label_at));
        if let Some(p) = o.home.as_ref().and_then(|h| h.point).or_else(|| {
            o.home_ward().and_then(|w| map.ward(w)).and_then(|w| w.geometry.interior_point()).map(|p| [p.x(), p.y()])
        }) {
            data.pins.push(Pin { kind: PinKind::Home, at: p, title: format!("{} — {}", name, Msg::OrgHomeWard.text(lang)) });
        }
        if let Some(c) = &o.contact {
            if let (Some(lon), Some(lat)) = (c.lon, c.lat) {
                data.pins.push(Pin { kind: PinKind::Contact, at: [lon, lat], title: format!("{} — {}", c.name, name) });
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
                    let shapes: Vec<&geo::MultiPolygon<f64>> = map.wards().iter().filter(|w| w.zone.as_deref() == Some(z.as_str())).map(|w| &w.geometry).collect();
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
    let mut html = format!("<strong>{} {}</strong>", Msg::Ward.text(lang), escape_html(&ward.number));
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
    wards: Option<(WardLayer, Arc<CityMap>)>,
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
        handles.set_value(Some(MapHandles { map, tiles: None, wards: None, data_attribution: None, fitted_map: None, canvas: None }));
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
            if let Some((layer, shown)) = h.wards.as_mut().filter(|(_, shown)| shown.id == loaded.id) {
                layer.set_language(&loaded.map, lang);
                *shown = loaded;
                return;
            }
            if let Some((old, _)) = h.wards.take() {
                old.remove();
            }
            let attribution: AttributionControl = crate::leaflet_ext::attribution_control(&h.map);
            if let Some(old) = h.data_attribution.take() {
                attribution.remove_attribution(&old);
            }
            let on_ward = move |ev: WardEvent| {
                let editor = state.editor;
                let Some(c) = state.current.get_untracked() else { return };
                let Some(number) = c.map.wards().get(ev.ward).map(|w| w.number.clone()) else { return };
                match ev.kind {
                    WardEventKind::Click => {
                        if let (Some(pick), Some(at)) = (editor.picking.get_untracked(), ev.at) {
                            editor.place(&c, pick, &number, at);
                        }
                        // Only when it changes: painting clicks the same ward again and again.
                        if state.selected_ward.with_untracked(|s| s.as_deref() != Some(number.as_str())) {
                            state.selected_ward.set(Some(number));
                        }
                    }
                    WardEventKind::Down if editor.painting.get_untracked().is_some() => {
                        let conn = state.connectivity.get_untracked();
                        editor.start_stroke();
                        editor.paint(&c, conn.as_ref().map(|c| &c.graph), number);
                    }
                    WardEventKind::DragOver if editor.painting.get_untracked().is_some() && editor.in_stroke() => {
                        let conn = state.connectivity.get_untracked();
                        editor.paint(&c, conn.as_ref().map(|c| &c.graph), number);
                    }
                    _ => {}
                }
            };
            let renderer = (loaded.map.wards().len() >= crate::state::BIG_MAP_WARDS)
                .then(|| h.canvas.get_or_insert_with(crate::leaflet_ext::canvas_renderer).clone());
            let layer = WardLayer::new(&loaded.map, lang, renderer.as_ref(), Rc::new(on_ward));
            layer.add_to(&h.map);
            // For tests and tools: how many wards are drawn, and how (SVG paths or a canvas).
            if let Some(el) = node.get_untracked() {
                let _ = el.set_attribute("data-wards", &layer.len().to_string());
                let _ = el.set_attribute("data-renderer", if renderer.is_some() { "canvas" } else { "svg" });
            }
            // Refit only when a different map arrived, not after an edit of its figures.
            if h.fitted_map != Some(loaded.id) {
                // The container may have changed size since the map was created (fonts, CSS).
                h.map.invalidate_size(false);
                if let Some(b) = bounds(&loaded.map) {
                    h.map.fit_bounds_with_options(&b, &options(&[("animate", false.into()), ("padding", Array::of2(&8.into(), &8.into()).into())]));
                }
                h.fitted_map = Some(loaded.id);
            }
            if let Some(a) = loaded.attribution() {
                let html = a.html();
                attribution.add_attribution(&html);
                h.data_attribution = Some(html);
            }
            h.wards = Some((layer, loaded));
        });
        layer_version.update(|v| *v += 1);
    });

    // Tooltips ⇐ language.
    Effect::new(move |_| {
        let lang = state.lang.get();
        handles.with_value(|h| {
            if let Some((layer, loaded)) = h.as_ref().and_then(|h| h.wards.as_ref()) {
                layer.set_language(&loaded.map, lang);
            }
        });
    });

    // Fills and outlines ⇐ organisers' areas, locks, selected ward, separate pieces.
    Effect::new(move |_| {
        let selected = state.selected_ward.get();
        let conn = state.connectivity.get();
        let colours = state.editor.colours.get();
        let ids = state.editor.owners.get();
        layer_version.track();
        state.editor.project.with(|project| {
            handles.with_value(|h| {
                let Some((layer, loaded)) = h.as_ref().and_then(|h| h.wards.as_ref()) else { return };
                let island = |i: usize| conn.as_ref().is_some_and(|c| c.components.of_ward.get(i).is_some_and(|&p| p > 0));
                let map = &loaded.map;
                // Everything looked up once per restyle, not per ward (10,000 wards per edit).
                let mut locked = vec![false; map.wards().len()];
                for w in project.iter().flat_map(|p| &p.plan.locked) {
                    if let Some(i) = map.index_of(w) {
                        locked[i] = true;
                    }
                }
                let selected = selected.as_deref().and_then(|w| map.index_of(w));
                let zone_fills: Vec<Rc<str>> = (0..map.zones().len()).map(|z| Rc::from(zone_fill(Some(z)))).collect();
                let no_zone: Rc<str> = Rc::from(zone_fill(None));
                let area_fills: std::collections::BTreeMap<u32, Rc<str>> =
                    colours.iter().map(|(&id, &c)| (id, Rc::from(kshetra_core::palette::area_colour(c)))).collect();
                let zone_of: Vec<Option<usize>> = map.wards().iter().map(|w| w.zone.as_deref().and_then(|z| map.zone_index(z))).collect();
                layer.restyle(&|i| {
                    let area = ids.get(i).copied().flatten().and_then(|id| area_fills.get(&id));
                    WardLook {
                        fill: match area {
                            Some(f) => f.clone(),
                            None => zone_of[i].and_then(|z| zone_fills.get(z)).unwrap_or(&no_zone).clone(),
                        },
                        selected: selected == Some(i),
                        island: island(i),
                        locked: locked[i],
                        strong: area.is_some(),
                    }
                });
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
    let area_cache: StoredValue<AreaCache, LocalStorage> = StoredValue::new_local(AreaCache::default());
    Effect::new(move |_| {
        let version = layer_version.get();
        let Some(loaded) = state.loaded() else { return };
        let lang = state.lang.get();
        let stats = state.editor.stats.get();
        let owners = state.editor.owners.get();
        let data = state.editor.project.with(|p| {
            let p = p.as_ref()?;
            area_cache.try_update_value(|cache| overlay_data(&loaded, p, &owners, stats.as_deref(), cache, lang))
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
                        o.layers.update(&data);
                        crate::leaflet_ext::declutter_labels(&h.map);
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
        let rect = kshetra_core::geometry::bounds_of(wards.iter().filter_map(|w| loaded.map.ward(w)).map(|w| &w.geometry));
        handles.with_value(|h| {
            if let (Some(h), Some(r)) = (h, rect) {
                let b = LatLngBounds::new(&LatLng::new(r.min().y, r.min().x), &LatLng::new(r.max().y, r.max().x));
                h.map.fit_bounds_with_options(&b, &options(&[("animate", false.into()), ("maxZoom", 15.into()), ("padding", Array::of2(&40.into(), &40.into()).into())]));
            }
        });
        state.editor.focus.set(None);
    });

    // The map was hidden behind the ward table: let Leaflet measure its container again.
    Effect::new(move |prev: Option<MainView>| {
        let view = state.view.get();
        if view == MainView::Map && prev == Some(MainView::Table) {
            handles.with_value(|h| if let Some(h) = h { h.map.invalidate_size(false); });
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
