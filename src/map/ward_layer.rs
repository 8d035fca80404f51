//! The Leaflet binding of the wards: one polygon per ward ([`WardLayer`]), how each is drawn
//! ([`WardLook`]), and the pointer on them ([`Pointer`]: the ward under a map event, the one
//! tooltip, the map events that become [`WardEvent`]s).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use kshetra_core::format::escape_html;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::locate::WardLocator;
use kshetra_core::model::Ward;
use kshetra_core::palette::zone_fill;
use kshetra_core::project::view::{Fill, UnitStyle};
use kshetra_core::WardMap;
use leaflet::{LayerGroup, Map, PathOptions, Polygon, PolylineOptions};
use wasm_bindgen::prelude::*;

use super::input::{WardEvent, WardEventKind};
use crate::data::CityMap;

/// The map events a ward layer listens to, with their handlers.
type Handlers = Vec<(&'static str, Closure<dyn FnMut(JsValue)>)>;

/// The Leaflet map a ward layer is on, shared with its handlers.
type OnMap = Rc<RefCell<Option<Map>>>;

/// What a ward layer does on one kind of map event.
type OnMapEvent = Box<dyn Fn(&Map, &Pointer, &JsValue)>;

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
    looks: RefCell<Vec<WardLook>>,
    pointer: Rc<Pointer>,
    handlers: Handlers,
    /// The Leaflet map the layer is on, shared with the handlers (removed with the layer).
    on_map: OnMap,
}

/// The pointer over the ward layer: which ward it is on, and the one tooltip showing it.
struct Pointer {
    map: RefCell<Arc<CityMap>>,
    lang: Cell<Lang>,
    locator: WardLocator,
    hovered: Cell<Option<usize>>,
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
fn handlers(pointer: &Rc<Pointer>, on_map: &OnMap, on_event: Rc<dyn Fn(WardEvent)>) -> Handlers {
    let moved = on_event.clone();
    let down = on_event.clone();
    let click = on_event;
    let kinds: Vec<(&'static str, OnMapEvent)> = vec![
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
            map: RefCell::new(loaded.clone()),
            lang: Cell::new(lang),
            locator: WardLocator::new(map),
            hovered: Cell::new(None),
            tooltip: crate::leaflet_ext::ward_tooltip(),
        });
        let on_map: OnMap = Rc::default();
        let handlers = handlers(&pointer, &on_map, on_event);
        WardLayer { group, polygons, looks: RefCell::new(looks), pointer, handlers, on_map }
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
        (false, true) => kshetra_core::palette::AREA_FILL_OPACITY,
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

impl WardLayer {
    /// Fills and outlines ⇐ each unit's style in the plan view ([`PlanView::styles`]): the
    /// units `only` names (every ward when `None`). A ward without a style (no project yet)
    /// shows its zone.
    ///
    /// [`PlanView::styles`]: kshetra_core::project::PlanView::styles
    pub fn restyle_units(&self, styles: &[UnitStyle], only: Option<&[usize]>) {
        let loaded = self.map();
        let map = &loaded.map;
        // Colours as shared strings, made once per colour per restyle (not per ward).
        let fills: RefCell<BTreeMap<Fill, Rc<str>>> = RefCell::default();
        let fill = |f: Fill| -> Rc<str> {
            fills
                .borrow_mut()
                .entry(f)
                .or_insert_with(|| match f {
                    Fill::Area(c) => Rc::from(kshetra_core::palette::area_colour(c)),
                    Fill::Zone(z) => Rc::from(zone_fill(z)),
                })
                .clone()
        };
        self.restyle(only, &|i| match styles.get(i) {
            Some(s) => WardLook {
                fill: fill(s.fill),
                selected: s.selected,
                island: s.island,
                locked: s.locked,
                strong: matches!(s.fill, Fill::Area(_)),
            },
            None => WardLook::zone(map, &map.wards()[i]),
        });
    }
}
