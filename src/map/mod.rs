//! The Leaflet map: a display of state we own.
//!
//! **Invariant:** Leaflet is never the source of truth. Ward layers are built from the core
//! [`WardMap`]; clicks only write the selected ward number into [`crate::state::AppState`]
//! ([`input::on_ward`]); everything the map shows is re-derived from the store by the effects
//! of [`WardMapView`], one per thing it keeps in sync.
//!
//! - [`ward_layer`]: the Leaflet binding of the wards (polygons, looks, the pointer on them).
//! - [`overlay`]: area borders and labels, zone borders, homes and contact points.
//! - [`input`]: pointer input on the wards ([`WardEvent`]) and the action it takes.

pub mod input;
pub mod overlay;
pub mod ward_layer;

use std::rc::Rc;
use std::sync::Arc;

use js_sys::Array;
use kshetra_core::city_map::BIG_MAP_WARDS;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::settings::{is_valid_tile_url, Settings};
use kshetra_core::WardMap;
use leaflet::{LatLng, LatLngBounds, Map, MapOptions, TileLayer, TileLayerOptions};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub use self::input::{on_ward, WardEvent, WardEventKind};
pub use self::overlay::{AreaDrawing, LabelChange, Overlay, OverlayData, Pin, PinKind};
pub use self::ward_layer::{tooltip_html, WardLayer, WardLook};

use self::overlay::{show_overlay, ShownOverlay};
use crate::data::CityMap;
use crate::leaflet_ext::{options, AttributionControl};
use crate::state::{use_app_state, AppState, MainView};
use kshetra_core::project::view::Touched;

/// The map's bounds as a Leaflet object.
pub fn bounds(map: &WardMap) -> Option<LatLngBounds> {
    map.bounds().map(|r| latlng_bounds(&r))
}

/// A lon/lat rectangle as Leaflet bounds.
fn latlng_bounds(r: &geo::Rect<f64>) -> LatLngBounds {
    LatLngBounds::new(&LatLng::new(r.min().y, r.min().x), &LatLng::new(r.max().y, r.max().x))
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

impl MapHandles {
    /// Creates the Leaflet map in `el`, showing India until a city arrives.
    fn create(el: &web_sys::HtmlDivElement) -> Option<MapHandles> {
        let opts = MapOptions::new();
        opts.set_zoom_snap(0.25);
        let Ok(map) = Map::new_with_element(el, &opts) else {
            leptos::logging::error!("Leaflet could not create the map");
            return None;
        };
        map.set_view(&LatLng::new(23.0, 80.0), 5.0);
        Some(MapHandles {
            map,
            tiles: None,
            wards: None,
            data_attribution: None,
            fitted_map: None,
            canvas: None,
        })
    }

    /// The base-map tile layer the settings ask for (none when off or the URL is not valid).
    fn show_tiles(&mut self, settings: &Settings) {
        if let Some(old) = self.tiles.take() {
            old.remove();
        }
        if settings.base_map && is_valid_tile_url(&settings.tile_url) {
            let opts = TileLayerOptions::new();
            opts.set_max_zoom(19.0);
            opts.set_attribution(Settings::OSM_ATTRIBUTION.into());
            let layer = TileLayer::new_options(&settings.tile_url, &opts);
            layer.add_to(&self.map);
            self.tiles = Some(layer);
        }
    }

    /// Shows `loaded`: the same map with edited figures (same id, so the same wards in the
    /// same order) keeps its polygons and only refreshes the tooltip (the restyle recolours
    /// zones); another map gets a new ward layer (on a canvas when big), its attribution, and
    /// the view fitted to it. Ward events go to `state` ([`on_ward`]); `el` (the map's
    /// `<div>`) says for tests and tools how many wards are drawn, and how.
    fn show_wards(
        &mut self,
        loaded: &Arc<CityMap>,
        lang: Lang,
        state: AppState,
        el: Option<&web_sys::HtmlDivElement>,
    ) {
        if let Some(layer) = self.wards.as_ref().filter(|layer| layer.map().id == loaded.id) {
            layer.set_map(loaded, lang);
            return;
        }
        if let Some(old) = self.wards.take() {
            old.remove();
        }
        let attribution: AttributionControl = crate::leaflet_ext::attribution_control(&self.map);
        if let Some(old) = self.data_attribution.take() {
            attribution.remove_attribution(&old);
        }
        let renderer = (loaded.map.wards().len() >= BIG_MAP_WARDS)
            .then(|| self.canvas.get_or_insert_with(crate::leaflet_ext::canvas_renderer).clone());
        let layer =
            WardLayer::new(loaded, lang, renderer.as_ref(), Rc::new(move |ev| on_ward(state, ev)));
        layer.add_to(&self.map);
        // For tests and tools: how many wards are drawn, and how (SVG paths or a canvas).
        if let Some(el) = el {
            let _ = el.set_attribute("data-wards", &layer.len().to_string());
            let _ = el
                .set_attribute("data-renderer", if renderer.is_some() { "canvas" } else { "svg" });
        }
        self.fit(loaded);
        if let Some(a) = loaded.attribution() {
            let html = a.html();
            attribution.add_attribution(&html);
            self.data_attribution = Some(html);
        }
        self.wards = Some(layer);
    }

    /// Fits the view to the map when a different map arrived, not after an edit of its figures.
    fn fit(&mut self, loaded: &CityMap) {
        if self.fitted_map == Some(loaded.id) {
            return;
        }
        // The container may have changed size since the map was created (fonts, CSS).
        self.map.invalidate_size(false);
        if let Some(b) = bounds(&loaded.map) {
            self.map.fit_bounds_with_options(
                &b,
                &options(&[
                    ("animate", false.into()),
                    ("padding", Array::of2(&8.into(), &8.into()).into()),
                ]),
            );
        }
        self.fitted_map = Some(loaded.id);
    }

    /// Zooms to some wards (a problem's "show on map").
    fn zoom_to(&self, loaded: &CityMap, wards: &[String]) {
        let rect = kshetra_core::geometry::bounds_of(
            wards.iter().filter_map(|w| loaded.map.ward(w)).map(|w| &w.geometry),
        );
        if let Some(r) = rect {
            self.map.fit_bounds_with_options(
                &latlng_bounds(&r),
                &options(&[
                    ("animate", false.into()),
                    ("maxZoom", 15.into()),
                    ("padding", Array::of2(&40.into(), &40.into()).into()),
                ]),
            );
        }
    }
}

/// The ward map. Creates the Leaflet map once its `<div>` exists and keeps it in sync with
/// the store, one effect per job: tile layer ⇐ settings, ward layer ⇐ current map (rebuilt
/// only when a different map arrives; edited figures only restyle), tooltip ⇐ language, fills
/// and outlines ⇐ areas, locks, selected ward and separate pieces, panning ⇐ the brush, the
/// overlay ⇐ the plan, zoom ⇐ "show on map", size ⇐ the map tab shown again.
#[component]
pub fn WardMapView() -> impl IntoView {
    let state = use_app_state();
    let node = NodeRef::<Div>::new();
    let handles: StoredValue<Option<MapHandles>, LocalStorage> = StoredValue::new_local(None);
    let ready = RwSignal::new(false);
    // Bumped whenever the ward layer is rebuilt, so restyling follows it.
    let layer_version = RwSignal::new(0u32);
    let with_map = move |f: &mut dyn FnMut(&mut MapHandles)| {
        handles.update_value(|h| {
            if let Some(h) = h {
                f(h)
            }
        })
    };

    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if handles.with_value(Option::is_some) {
            return;
        }
        if let Some(h) = MapHandles::create(&el) {
            handles.set_value(Some(h));
            ready.set(true);
        }
    });

    // Tile layer ⇐ settings.
    Effect::new(move |_| {
        let settings = state.settings.get();
        if ready.get() {
            with_map(&mut |h| h.show_tiles(&settings));
        }
    });

    // Ward layer ⇐ loaded city.
    Effect::new(move |_| {
        let loaded = state.loaded();
        if !ready.get() {
            return;
        }
        let Some(loaded) = loaded else { return };
        let lang = state.lang.get_untracked();
        let el = node.get_untracked();
        with_map(&mut |h| h.show_wards(&loaded, lang, state, el.as_ref()));
        layer_version.update(|v| *v += 1);
    });

    // Tooltip ⇐ language.
    Effect::new(move |_| {
        let lang = state.lang.get();
        handles.with_value(|h| {
            if let Some(layer) = h.as_ref().and_then(|h| h.wards.as_ref()) {
                layer.set_map(&layer.map(), lang);
            }
        });
    });

    // Fills and outlines ⇐ each ward's style in the plan view: after an edit only the wards
    // its delta names (when this layer showed the view just before it), else all.
    let last_styled: StoredValue<Option<(u32, u64)>> = StoredValue::new(None);
    Effect::new(move |_| {
        let version = layer_version.get();
        state.editor.view.with(|view| {
            handles.with_value(|h| {
                let Some(layer) = h.as_ref().and_then(|h| h.wards.as_ref()) else { return };
                let delta = view.delta();
                let follows = last_styled.get_value() == Some((version, delta.since));
                let only = match &delta.units {
                    Touched::Only(units) if follows => Some(units.as_slice()),
                    _ => None,
                };
                layer.restyle_units(view.styles(), only);
                last_styled.set_value(Some((version, view.seq())));
            });
        });
    });

    // Painting: the map does not pan under the brush; a stroke ends when the button is released.
    Effect::new(move |_| {
        let painting = state.editor.painting.get().is_some();
        if ready.get() {
            with_map(&mut |h| crate::leaflet_ext::set_dragging(&h.map, !painting));
        }
    });
    let up = window_event_listener(leptos::ev::mouseup, move |_| state.editor.end_stroke());
    on_cleanup(move || up.remove());

    // Area borders, zone borders, labels, homes and contact points ⇐ the plan view.
    let overlay: StoredValue<Option<ShownOverlay>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let version = layer_version.get();
        let Some(loaded) = state.loaded() else { return };
        let data = state.editor.view.with(|v| v.overlay().clone());
        let data = state.editor.project.with_untracked(Option::is_some).then_some(data);
        let big = loaded.map.wards().len() >= BIG_MAP_WARDS;
        handles.with_value(|h| {
            let Some(h) = h else { return };
            let renderer = h.canvas.as_ref().filter(|_| big);
            overlay.update_value(|o| show_overlay(o, data, version, &h.map, renderer));
        });
    });

    // Zoom ⇐ a problem's "show on map".
    Effect::new(move |_| {
        let Some(wards) = state.editor.focus.get() else { return };
        let Some(loaded) = state.loaded() else { return };
        handles.with_value(|h| {
            if let Some(h) = h {
                h.zoom_to(&loaded, &wards);
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
