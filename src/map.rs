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
            style_ward(&opts, map, ward, WardLook::default());
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

    /// Restyles every ward: the selected one outlined boldly, wards in a separate piece of the
    /// map (`island(i)`) outlined in dashed red.
    pub fn restyle(&self, map: &WardMap, selected: Option<&str>, island: &dyn Fn(usize) -> bool) {
        let mut selected_polygon = None;
        for (i, ((number, polygon), ward)) in self.polygons.iter().zip(map.wards()).enumerate() {
            let opts = PathOptions::new();
            let is_selected = selected == Some(number.as_str());
            style_ward(&opts, map, ward, WardLook { selected: is_selected, island: island(i) });
            polygon.set_style(&opts);
            if is_selected {
                selected_polygon = Some(polygon);
            }
        }
        if let Some(p) = selected_polygon {
            p.bring_to_front();
        }
    }
}

/// How a ward is drawn besides its zone colour.
#[derive(Clone, Copy, Default)]
struct WardLook {
    selected: bool,
    island: bool,
}

fn style_ward(opts: &PathOptions, map: &WardMap, ward: &Ward, look: WardLook) {
    let zone = ward.zone.as_deref().and_then(|z| map.zone_index(z));
    opts.set_fill_color(zone_fill(zone).into());
    opts.set_fill_opacity(if look.selected { 0.85 } else { 0.6 });
    let (color, weight) = match (look.selected, look.island) {
        (true, _) => ("#111111", 3.5),
        (false, true) => ("#c62828", 2.5),
        (false, false) => ("#4a4a4a", 1.0),
    };
    opts.set_color(color.into());
    opts.set_weight(weight);
    opts.set_dash_array(if look.island && !look.selected { "6 4" } else { "" }.into());
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
            let selected = state.selected_ward;
            let renderer = (loaded.map.wards().len() >= crate::state::BIG_MAP_WARDS)
                .then(|| h.canvas.get_or_insert_with(crate::leaflet_ext::canvas_renderer).clone());
            let layer = WardLayer::new(&loaded.map, lang, renderer.as_ref(), Rc::new(move |n| selected.set(Some(n))));
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

    // Outlines ⇐ selected ward and separate pieces of the map.
    Effect::new(move |_| {
        let selected = state.selected_ward.get();
        let conn = state.connectivity.get();
        layer_version.track();
        handles.with_value(|h| {
            if let Some((layer, loaded)) = h.as_ref().and_then(|h| h.wards.as_ref()) {
                let island = |i: usize| conn.as_ref().is_some_and(|c| c.components.of_ward.get(i).is_some_and(|&p| p > 0));
                layer.restyle(&loaded.map, selected.as_deref(), &island);
            }
        });
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
