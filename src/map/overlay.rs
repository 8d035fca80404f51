//! The Leaflet layers of what is drawn over the wards once organisers have areas ([`Overlay`]:
//! area borders and labels, dashed zone borders, homes and contact points), shown from the
//! plan view's [`OverlayData`] (made in the core: [`kshetra_core::project::PlanView`]).

use std::sync::Arc;

use kshetra_core::format::escape_html;
pub use kshetra_core::project::view::{AreaDrawing, OverlayData, Pin, PinKind};
use leaflet::{LayerGroup, Map};
use wasm_bindgen::prelude::*;

use crate::leaflet_ext::{options, LayerExt};

/// Leaflet layers for [`OverlayData`]: borders are not interactive (clicks reach the wards).
/// Kept between plan changes and updated per area: an edit that changes two areas replaces
/// only their outlines and labels (at 200 organisers, rebuilding every label took most of an
/// edit's time).
pub struct Overlay {
    group: LayerGroup,
    renderer: Option<JsValue>,
    zones: Arc<Vec<geo::MultiPolygon<f64>>>,
    zone_layers: Vec<leaflet::Layer>,
    /// Per organiser id: what is drawn and its layers.
    areas: std::collections::BTreeMap<u32, ShownArea>,
    pins: Arc<Vec<Pin>>,
    pin_layers: Vec<leaflet::Layer>,
}

impl Overlay {
    /// An empty overlay drawing its lines with `renderer` (Leaflet's default when `None`).
    pub fn new(renderer: Option<&JsValue>) -> Overlay {
        Overlay {
            group: LayerGroup::new(),
            renderer: renderer.cloned(),
            zones: Arc::default(),
            zone_layers: Vec::new(),
            areas: std::collections::BTreeMap::new(),
            pins: Arc::default(),
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
        if !Arc::ptr_eq(&self.zones, &data.zones) && self.zones != data.zones {
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
        if !Arc::ptr_eq(&self.pins, &data.pins) && self.pins != data.pins {
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
