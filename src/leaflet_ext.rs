//! Leaflet calls that the `leaflet` crate (0.5) does not bind.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `L.Control.Attribution`.
    #[wasm_bindgen(js_namespace = ["L", "Control"], js_name = Attribution)]
    pub type AttributionControl;

    /// `attributionControl.addAttribution(html)`.
    #[wasm_bindgen(method, js_name = addAttribution)]
    pub fn add_attribution(this: &AttributionControl, html: &str);

    /// Any Leaflet layer, for methods the `leaflet` crate binds wrongly or not at all.
    pub type LayerExt;

    /// `layer.bindTooltip(content, options)` (the crate's `bind_tooltip_with_content` calls a
    /// method that does not exist in Leaflet).
    #[wasm_bindgen(method, js_name = bindTooltip)]
    pub fn bind_tooltip(this: &LayerExt, content: &str, options: &JsValue);

    /// `attributionControl.removeAttribution(html)`.
    #[wasm_bindgen(method, js_name = removeAttribution)]
    pub fn remove_attribution(this: &AttributionControl, html: &str);
}

/// `map.attributionControl` (Leaflet creates it unless the map options turn it off).
pub fn attribution_control(map: &leaflet::Map) -> AttributionControl {
    js_sys::Reflect::get(map, &JsValue::from_str("attributionControl"))
        .unwrap_or(JsValue::UNDEFINED)
        .unchecked_into()
}

/// Builds a plain JS options object from key/value pairs.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), v);
    }
    obj.into()
}

#[wasm_bindgen(inline_js = r#"
export function kshetra_polygon(coords, counts, options) {
  // counts: [polygons, then per polygon: rings, then per ring: points]; coords: lon, lat, …
  let c = 0, k = 0;
  const polygons = [];
  const np = counts[k++];
  for (let p = 0; p < np; p++) {
    const rings = [];
    const nr = counts[k++];
    for (let r = 0; r < nr; r++) {
      const n = counts[k++];
      const ring = new Array(n);
      for (let i = 0; i < n; i++, c += 2) ring[i] = [coords[c + 1], coords[c]];
      rings.push(ring);
    }
    polygons.push(rings);
  }
  return L.polygon(polygons, options);
}
export function kshetra_label(lat, lng, html, className, title, size) {
  const icon = L.divIcon({ html, className, iconSize: size ? [size, size] : null });
  return L.marker([lat, lng], { icon, title, alt: title, keyboard: false, interactive: !!title });
}
export function kshetra_relabel(marker, lat, lng, html, title, detail, weight) {
  const at = marker.getLatLng();
  if (at.lat !== lat || at.lng !== lng) marker.setLatLng([lat, lng]);
  marker.options.icon.options.html = html;
  const el = marker.getElement();
  if (!el) return;
  // The label's nodes are kept and only changed texts rewritten (no new nodes to lay out).
  const b = el.firstElementChild, text = el.lastChild;
  if (b && b.tagName === 'B' && text && text.nodeType === 3) {
    if (b.textContent !== title) b.textContent = title;
    if (b.dataset.weight !== weight) b.dataset.weight = weight;
    if (text.nodeValue !== detail) text.nodeValue = detail;
  } else if (el.innerHTML !== html) el.innerHTML = html;
}
export function kshetra_declutter_later(map) {
  clearTimeout(map._kshetraDeclutterLater);
  map._kshetraDeclutterLater = setTimeout(() => kshetra_declutter_soon(map), 400);
}
export function kshetra_outline(coords, counts, options) {
  let c = 0, k = 0;
  const lines = [];
  const np = counts[k++];
  for (let p = 0; p < np; p++) {
    const nr = counts[k++];
    for (let r = 0; r < nr; r++) {
      const n = counts[k++];
      const ring = new Array(n);
      for (let i = 0; i < n; i++, c += 2) ring[i] = [coords[c + 1], coords[c]];
      lines.push(ring);
    }
  }
  return L.polyline(lines, options);
}
export function kshetra_declutter(map) {
  // Area labels that would overlap a more important one (more wards) are hidden until the
  // officer zooms in far enough for them to fit.
  const pane = map.getPane('markerPane');
  if (!pane) return;
  // Measured as they are (hidden labels keep their boxes), then only changed ones toggled, so
  // an edit that replaced two labels restyles two, not 200.
  const boxes = [...pane.querySelectorAll('.area-label')].map((el) => ({ el, r: el.getBoundingClientRect(), w: Number(el.firstElementChild?.dataset.weight || 0) }));
  boxes.sort((a, b) => b.w - a.w || a.r.top - b.r.top || a.r.left - b.r.left);
  const kept = [];
  for (const b of boxes) {
    const crowded = kept.some((k) => b.r.left < k.right && b.r.right > k.left && b.r.top < k.bottom && b.r.bottom > k.top);
    if (!crowded && (b.r.width > 0 || b.r.height > 0)) kept.push(b.r);
    if (b.el.classList.contains('crowded') !== crowded) b.el.classList.toggle('crowded', crowded);
  }
}
export function kshetra_declutter_soon(map) {
  if (!map._kshetraDeclutterHooked) {
    map._kshetraDeclutterHooked = true;
    map.on('zoomend viewreset resize', () => kshetra_declutter_soon(map));
  }
  if (map._kshetraDeclutter) return;
  map._kshetraDeclutter = requestAnimationFrame(() => { map._kshetraDeclutter = 0; kshetra_declutter(map); });
}
export function kshetra_ward_tooltip() { return L.tooltip({ direction: 'top', offset: [0, -6], className: 'ward-tooltip' }); }
export function kshetra_hover(map, tip, lat, lng, html) {
  // Moved first, then the new text (if any): only the text change needs a layout.
  tip.setLatLng([lat, lng]);
  if (html != null) tip.setContent(html);
  if (!map.hasLayer(tip)) map.openTooltip(tip);
  const c = map.getContainer();
  if (!c.classList.contains('on-ward')) c.classList.add('on-ward');
}
export function kshetra_unhover(map, tip) {
  if (map.hasLayer(tip)) map.closeTooltip(tip);
  map.getContainer().classList.remove('on-ward');
}
export function kshetra_set_tooltip_content(tip, html) { tip.setContent(html); }
export function kshetra_set_dragging(map, on) { if (on) map.dragging.enable(); else map.dragging.disable(); }
export function kshetra_canvas() { return L.canvas({ padding: 0.5, tolerance: 2 }); }
"#)]
extern "C" {
    /// `L.polygon` from flat coordinates, built on the JS side: one call per ward instead of
    /// one per point (a 10,000-ward map has about two million points).
    fn kshetra_polygon(coords: &[f64], counts: &[u32], options: &JsValue) -> leaflet::Polygon;

    /// A marker showing `html` (already escaped) in a `L.divIcon` of class `className`;
    /// `title` (empty = not interactive) is its accessible name; `size` in pixels (0 = CSS).
    fn kshetra_label(
        lat: f64,
        lng: f64,
        html: &str,
        class_name: &str,
        title: &str,
        size: f64,
    ) -> leaflet::Marker;

    /// Moves a label made by [`kshetra_label`] and brings it to `html` (escaped), in place: an
    /// area label's texts are rewritten as plain text (`title`, `detail`, `weight`).
    fn kshetra_relabel(
        marker: &JsValue,
        lat: f64,
        lng: f64,
        html: &str,
        title: &str,
        detail: &str,
        weight: &str,
    );

    /// [`kshetra_declutter_soon`] once nothing has asked for 400 ms (figures changing while
    /// the officer paints).
    fn kshetra_declutter_later(map: &leaflet::Map);

    /// `L.polyline` of every ring of a (multi)polygon, from flat coordinates.
    fn kshetra_outline(coords: &[f64], counts: &[u32], options: &JsValue) -> leaflet::Polyline;

    /// Hides area labels that would overlap a label of a bigger area, at the next frame and
    /// after every zoom (first call hooks the map's zoom events).
    fn kshetra_declutter_soon(map: &leaflet::Map);

    /// The one tooltip of the ward under the pointer (`L.tooltip`, class `ward-tooltip`).
    fn kshetra_ward_tooltip() -> JsValue;

    /// Shows `tip` at (lat, lng), with `html` (already escaped) as its text when given, and
    /// marks the map container `on-ward` (pointer cursor).
    fn kshetra_hover(map: &leaflet::Map, tip: &JsValue, lat: f64, lng: f64, html: Option<&str>);

    /// Hides `tip`; the container is no longer `on-ward`.
    fn kshetra_unhover(map: &leaflet::Map, tip: &JsValue);

    /// Rewrites `tip`'s text (already escaped).
    fn kshetra_set_tooltip_content(tip: &JsValue, html: &str);

    /// `map.dragging.enable()` / `disable()`.
    fn kshetra_set_dragging(map: &leaflet::Map, on: bool);

    /// `L.canvas()`: one canvas for many paths, for big maps (SVG slows down above a few
    /// thousand polygons).
    fn kshetra_canvas() -> JsValue;
}

/// Vertices closer than this to the line through their neighbours (degrees, ≈ 0.1 m) are
/// left out of the drawn outline: invisible even at the closest zoom, and digitised maps
/// often carry many (a densified grid ten times more points than corners).
pub const DRAW_SIMPLIFY_DEG: f64 = 1e-6;

/// A Leaflet polygon for a (multi)polygon geometry in lon/lat, simplified for drawing by
/// [`DRAW_SIMPLIFY_DEG`] (the model keeps every vertex).
pub fn polygon(geometry: &geo::MultiPolygon<f64>, options: &JsValue) -> leaflet::Polygon {
    let (coords, counts) = flat(geometry);
    kshetra_polygon(&coords, &counts, options)
}

/// The rings of a (multi)polygon as one Leaflet polyline (area borders drawn over the wards).
pub fn outline(geometry: &geo::MultiPolygon<f64>, options: &JsValue) -> leaflet::Polyline {
    let (coords, counts) = flat(geometry);
    kshetra_outline(&coords, &counts, options)
}

/// A text label or symbol on the map (see [`kshetra_label`]); `html` must be escaped.
pub fn label(
    lon: f64,
    lat: f64,
    html: &str,
    class_name: &str,
    title: &str,
    size: f64,
) -> leaflet::Marker {
    kshetra_label(lat, lon, html, class_name, title, size)
}

/// Flat coordinates and ring structure of a simplified geometry, for the JS builders.
fn flat(geometry: &geo::MultiPolygon<f64>) -> (Vec<f64>, Vec<u32>) {
    use geo::Simplify;
    let geometry = &geometry.simplify(DRAW_SIMPLIFY_DEG);
    let mut coords = Vec::new();
    let mut counts = vec![geometry.0.len() as u32];
    for polygon in geometry {
        counts.push(1 + polygon.interiors().len() as u32);
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            counts.push(ring.0.len() as u32);
            for c in ring.coords() {
                coords.push(c.x);
                coords.push(c.y);
            }
        }
    }
    (coords, counts)
}

/// A canvas renderer (see [`kshetra_canvas`]).
pub fn canvas_renderer() -> JsValue {
    kshetra_canvas()
}

/// Hides area labels that would overlap a bigger area's label (see `kshetra_declutter_soon`).
pub fn declutter_labels(map: &leaflet::Map) {
    kshetra_declutter_soon(map)
}

/// Like [`declutter_labels`], once the officer pauses (labels whose text changed only).
pub fn declutter_labels_later(map: &leaflet::Map) {
    kshetra_declutter_later(map)
}

/// Moves an area label made by [`label`] to (lon, lat) and brings it to `html` (escaped) in
/// place, rewriting only its texts: `title` (bold), `detail` and `weight` (plain text).
pub fn relabel(
    marker: &leaflet::Layer,
    lon: f64,
    lat: f64,
    html: &str,
    title: &str,
    detail: &str,
    weight: usize,
) {
    kshetra_relabel(marker, lat, lon, html, title, detail, &weight.to_string())
}

/// The one tooltip following the pointer over the wards (see `kshetra_ward_tooltip`).
pub fn ward_tooltip() -> JsValue {
    kshetra_ward_tooltip()
}

/// Shows the ward tooltip at `at` (lon, lat), with new text (escaped HTML) when given.
pub fn show_tooltip(map: &leaflet::Map, tip: &JsValue, at: [f64; 2], html: Option<&str>) {
    kshetra_hover(map, tip, at[1], at[0], html)
}

/// Hides the ward tooltip.
pub fn hide_tooltip(map: &leaflet::Map, tip: &JsValue) {
    kshetra_unhover(map, tip)
}

/// Rewrites the ward tooltip's text (escaped HTML), where it is.
pub fn set_tooltip_content(tip: &JsValue, html: &str) {
    kshetra_set_tooltip_content(tip, html)
}

/// Lets the map pan by dragging, or not (while painting wards).
pub fn set_dragging(map: &leaflet::Map, on: bool) {
    kshetra_set_dragging(map, on)
}
