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
    _on_click: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl WardLayer {
    /// Builds one polygon per ward (class `ward`, filled by zone colour) with a tooltip, and
    /// calls `on_select(ward_number)` when a ward is clicked or tapped. `renderer`: Leaflet's
    /// canvas renderer for big maps (else each ward is an SVG path).
    pub fn new(map: &WardMap, lang: Lang, renderer: Option<&JsValue>, on_select: Rc<dyn Fn(String)>) -> Self {
        let group = LayerGroup::new();
        let mut polygons = Vec::with_capacity(map.wards().len());
        let mut on_click = Vec::with_capacity(map.wards().len());
        for ward in map.wards() {
            let opts = PolylineOptions::new();
            opts.set_class_name("ward".into());
            style_ward(&opts, &WardLook::zone(map, ward));
            if let Some(r) = renderer {
                let _ = js_sys::Reflect::set(&opts, &JsValue::from_str("renderer"), r);
            }
            let polygon = crate::leaflet_ext::polygon(&ward.geometry, &opts);
            polygon.unchecked_ref::<LayerExt>().bind_tooltip(
                &tooltip_html(ward, lang),
                &options(&[("sticky", true.into()), ("direction", "top".into())]),
            );
            let number = ward.number.clone();
            let select = on_select.clone();
            let closure = Closure::<dyn FnMut(JsValue)>::new(move |_| select(number.clone()));
            polygon.on("click", closure.as_ref());
            group.add_layer(&polygon);
            polygons.push((ward.number.clone(), polygon));
            on_click.push(closure);
        }
        WardLayer { group, polygons, _on_click: on_click }
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
        for (i, (_, polygon)) in self.polygons.iter().enumerate() {
            let opts = PathOptions::new();
            let l = look(i);
            style_ward(&opts, &l);
            polygon.set_style(&opts);
            if l.selected {
                selected_polygon = Some(polygon);
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
    /// Fill colour (the organiser's colour, else the zone's).
    pub fill: String,
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
        WardLook { fill: zone_fill(zone).to_string(), selected: false, island: false, locked: false, strong: false }
    }
}

fn style_ward(opts: &PathOptions, look: &WardLook) {
    opts.set_fill_color(look.fill.as_str().into());
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
    /// Outline (lon/lat).
    pub outline: geo::MultiPolygon<f64>,
    /// Where the label goes (lon, lat): a point well inside the area.
    pub label_at: Option<[f64; 2]>,
    /// First label line: the organiser (number and name). Plain text (escaped here).
    pub title: String,
    /// Second label line: poor households. Plain text.
    pub detail: String,
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
pub struct Overlay {
    group: LayerGroup,
}

impl Overlay {
    /// Builds the layers.
    pub fn new(data: &OverlayData, renderer: Option<&JsValue>) -> Overlay {
        let group = LayerGroup::new();
        let line = |color: &str, weight: f64, dash: &str| {
            let o = options(&[
                ("color", color.into()),
                ("weight", weight.into()),
                ("dashArray", dash.into()),
                ("interactive", false.into()),
                ("fill", false.into()),
            ]);
            if let Some(r) = renderer {
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str("renderer"), r);
            }
            o
        };
        for zone in &data.zones {
            group.add_layer(&crate::leaflet_ext::outline(zone, &line("#5b5b5b", 2.5, "9 6")));
        }
        for area in &data.areas {
            group.add_layer(&crate::leaflet_ext::outline(&area.outline, &line("#111111", 3.5, "")));
        }
        for area in &data.areas {
            if let Some([lon, lat]) = area.label_at {
                let html = format!("<b>{}</b><br>{}", escape_html(&area.title), escape_html(&area.detail));
                group.add_layer(&crate::leaflet_ext::label(lon, lat, &html, "area-label", "", 0.0));
            }
        }
        for pin in &data.pins {
            let (symbol, class) = match pin.kind {
                PinKind::Home => ("⌂", "pin pin-home"),
                PinKind::Contact => ("★", "pin pin-contact"),
            };
            let marker = crate::leaflet_ext::label(pin.at[0], pin.at[1], symbol, class, &pin.title, 22.0);
            marker.unchecked_ref::<LayerExt>().bind_tooltip(&escape_html(&pin.title), &options(&[("direction", "top".into())]));
            group.add_layer(&marker);
        }
        Overlay { group }
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

/// Dissolved outlines kept between plan changes: per organiser, the wards it was made of.
#[derive(Default)]
pub struct AreaCache {
    map_id: u64,
    areas: std::collections::BTreeMap<u32, (Vec<usize>, geo::MultiPolygon<f64>)>,
    zones: Option<(Vec<Option<String>>, Vec<geo::MultiPolygon<f64>>)>,
}

/// What to draw over the wards for a project: each area's outline (the union of its wards;
/// recomputed only for areas whose wards changed), label and pins, and the zone borders. Big
/// maps (≥ [`crate::state::BIG_MAP_WARDS`]) get labels and pins only: their colours already
/// show the areas, and dissolving thousands of wards on each edit would take too long.
pub fn overlay_data(loaded: &CityMap, project: &kshetra_core::project::Project, stats: Option<&kshetra_core::project::PlanStats>, cache: &mut AreaCache, lang: Lang) -> OverlayData {
    use geo::{Centroid, InteriorPoint};
    use kshetra_core::format::group_indian_u64;
    use kshetra_core::project::export::dissolve;
    let map = &loaded.map;
    if cache.map_id != loaded.id {
        *cache = AreaCache { map_id: loaded.id, ..AreaCache::default() };
    }
    let big = map.wards().len() >= crate::state::BIG_MAP_WARDS;
    let view = project.plan.index_view(map, &project.organisers);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); project.organisers.len()];
    for (i, j) in view.iter().enumerate() {
        if let Some(j) = j {
            members[*j].push(i);
        }
    }
    let mut data = OverlayData::default();
    let mut keep = std::collections::BTreeMap::new();
    for (j, (o, wards)) in project.organisers.iter().zip(&members).enumerate() {
        if wards.is_empty() {
            continue;
        }
        let outline = match cache.areas.remove(&o.id) {
            Some((w, g)) if &w == wards => g,
            _ => {
                let shapes: Vec<&geo::MultiPolygon<f64>> = wards.iter().map(|&i| &map.wards()[i].geometry).collect();
                let g = if big { geo::MultiPolygon::new(Vec::new()) } else {
                    dissolve(&shapes).unwrap_or_else(|| geo::MultiPolygon::new(shapes.iter().flat_map(|m| m.0.iter().cloned()).collect()))
                };
                g
            }
        };
        // The label goes inside the largest part of the area.
        let label_at = kshetra_core::geometry::label_point(&outline)
            .or_else(|| map.wards()[wards[0]].geometry.centroid())
            .map(|p| [p.x(), p.y()]);
        let poor = stats.and_then(|s| s.areas.iter().find(|a| a.organiser == o.id)).map(|a| a.poor_households.round() as u64).unwrap_or(0);
        let name = if o.name.is_empty() { Msg::Vacant.text(lang).to_string() } else { o.name.clone() };
        data.areas.push(AreaDrawing {
            outline: if big { geo::MultiPolygon::new(Vec::new()) } else { outline.clone() },
            label_at,
            title: format!("{}. {}", j + 1, name),
            detail: format!("{} {}", group_indian_u64(poor), Msg::PoorHouseholds.text(lang)),
        });
        keep.insert(o.id, (wards.clone(), outline));
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
            let on_ward = move |n: String| {
                let editor = state.editor;
                if editor.painting.get_untracked().is_some() {
                    if let Some(c) = state.current.get_untracked() {
                        let conn = state.connectivity.get_untracked();
                        editor.paint(&c, conn.as_ref().map(|c| &c.graph), n.clone());
                    }
                }
                state.selected_ward.set(Some(n));
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
        layer_version.track();
        state.editor.project.with(|project| {
            handles.with_value(|h| {
                let Some((layer, loaded)) = h.as_ref().and_then(|h| h.wards.as_ref()) else { return };
                let island = |i: usize| conn.as_ref().is_some_and(|c| c.components.of_ward.get(i).is_some_and(|&p| p > 0));
                let wards = loaded.map.wards();
                let ids = project.as_ref().map(|p| p.plan.ids_by_ward(&loaded.map)).unwrap_or_default();
                layer.restyle(&|i| {
                    let base = WardLook {
                        selected: selected.as_deref() == Some(wards[i].number.as_str()),
                        island: island(i),
                        locked: project.as_ref().is_some_and(|p| p.plan.is_locked(&wards[i].number)),
                        ..WardLook::zone(&loaded.map, &wards[i])
                    };
                    match ids.get(i).copied().flatten().and_then(|id| colours.get(&id)) {
                        Some(&c) => WardLook { fill: kshetra_core::palette::area_colour(c), strong: true, ..base },
                        None => base,
                    }
                });
            });
        });
    });

    // Area borders, zone borders, labels, homes and contact points ⇐ the plan.
    let overlay: StoredValue<Option<Overlay>, LocalStorage> = StoredValue::new_local(None);
    let area_cache: StoredValue<AreaCache, LocalStorage> = StoredValue::new_local(AreaCache::default());
    Effect::new(move |_| {
        layer_version.track();
        let Some(loaded) = state.loaded() else { return };
        let lang = state.lang.get();
        let stats = state.editor.stats.get();
        let data = state.editor.project.with(|p| {
            let p = p.as_ref()?;
            area_cache.try_update_value(|cache| overlay_data(&loaded, p, stats.as_deref(), cache, lang))
        });
        overlay.update_value(|o| {
            if let Some(old) = o.take() {
                old.remove();
            }
        });
        let Some(data) = data else { return };
        handles.with_value(|h| {
            let Some(h) = h else { return };
            let o = Overlay::new(&data, h.canvas.as_ref().filter(|_| loaded.map.wards().len() >= crate::state::BIG_MAP_WARDS));
            o.add_to(&h.map);
            overlay.set_value(Some(o));
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
