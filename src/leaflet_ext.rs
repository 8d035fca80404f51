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
