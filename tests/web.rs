//! Browser tests of the Leaflet binding and browser helpers, run by `wasm-bindgen-test` in
//! headless Chromium (`cargo test -p kshetra --target wasm32-unknown-unknown`).

use std::cell::RefCell;
use std::rc::Rc;

use kshetra::data::from_bytes;
use kshetra::map::WardLayer;
use kshetra_core::cities::BundledCity;
use kshetra_core::i18n::Lang;
use kshetra_core::import::geojson;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Loads the vendored Leaflet (the test page has no <script> for it), once.
fn leaflet() {
    let has_l = js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("L")).unwrap_or(false);
    if !has_l {
        js_sys::Function::new_no_args(include_str!("../public/vendor/leaflet/leaflet.js"))
            .call0(&JsValue::NULL)
            .expect("Leaflet loads");
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A sized map container attached to the page, and a Leaflet map in it.
fn new_map() -> (web_sys::HtmlElement, leaflet::Map) {
    leaflet();
    let div: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    div.set_attribute("style", "width:800px;height:600px").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    let map = leaflet::Map::new_with_element(&div, &leaflet::MapOptions::new()).unwrap();
    (div, map)
}

fn dispatch(el: &web_sys::Element, kind: &str) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
fn lucknow_draws_110_ward_polygons_and_reports_clicks() {
    let city = BundledCity::by_id("lucknow").unwrap();
    let loaded = from_bytes(city, include_bytes!("../public/data/lucknow.geojson")).unwrap();
    let (div, map) = new_map();
    let clicked = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = clicked.clone();
    let layer = WardLayer::new(&loaded.map, Lang::Hi, Rc::new(move |n| sink.borrow_mut().push(n)));
    layer.add_to(&map);
    map.fit_bounds(&kshetra::map::bounds(&loaded.map).unwrap());

    let paths = div.query_selector_all("path.ward").unwrap();
    assert_eq!(paths.length(), 110);
    assert_eq!(layer.len(), 110);

    // A click on ward 1's shape reaches us as its ward number (wards are in model order).
    let first: web_sys::Element = paths.item(0).unwrap().unchecked_into();
    dispatch(&first, "click");
    assert_eq!(*clicked.borrow(), vec!["1".to_string()]);

    // Restyling outlines only the selected ward boldly, and separate pieces dashed.
    layer.restyle(&loaded.map, Some("1"), &|i| i == 5);
    let wide = (0..paths.length())
        .filter(|&i| {
            let p: web_sys::Element = paths.item(i).unwrap().unchecked_into();
            p.get_attribute("stroke-width").as_deref() == Some("3.5")
        })
        .count();
    assert_eq!(wide, 1);
    let dashed = (0..paths.length())
        .filter(|&i| {
            let p: web_sys::Element = paths.item(i).unwrap().unchecked_into();
            p.get_attribute("stroke-dasharray").as_deref() == Some("6 4")
        })
        .count();
    assert_eq!(dashed, 1);

    layer.remove();
    assert_eq!(div.query_selector_all("path.ward").unwrap().length(), 0);
    map.remove();
    div.remove();
}

#[wasm_bindgen_test]
fn tooltips_show_the_ward_number_and_escape_imported_text() {
    let text = br#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{"ward_no":"7","ward_name":"<img src=x onerror=alert(1)>","zone":"<b>Z</b>"},
        "geometry":{"type":"Polygon","coordinates":[[[80.9,26.8],[80.95,26.8],[80.95,26.85],[80.9,26.85],[80.9,26.8]]]}}]}"#;
    let imported = geojson::parse("hostile.geojson", text).unwrap();
    let (div, map) = new_map();
    let layer = WardLayer::new(&imported.map, Lang::En, Rc::new(|_| {}));
    layer.add_to(&map);
    map.fit_bounds(&kshetra::map::bounds(&imported.map).unwrap());
    let path = div.query_selector("path.ward").unwrap().unwrap();
    dispatch(&path, "mouseover");
    let tooltip = div.query_selector(".leaflet-tooltip").unwrap().expect("tooltip opens on hover");
    let shown = tooltip.text_content().unwrap();
    assert!(shown.contains("Ward 7"), "{shown}");
    assert!(shown.contains("<img src=x onerror=alert(1)>"), "name shown as text: {shown}");
    assert!(tooltip.query_selector("img").unwrap().is_none(), "imported markup must not become elements");
    assert!(tooltip.query_selector("b").unwrap().is_none());

    layer.set_language(&imported.map, Lang::Hi);
    let shown = div.query_selector(".leaflet-tooltip").unwrap().unwrap().text_content().unwrap();
    assert!(shown.contains("वार्ड 7"), "{shown}");
    map.remove();
    div.remove();
}

#[wasm_bindgen_test]
fn storage_round_trips_settings() {
    use kshetra_core::settings::Settings;
    let key = "kshetra.test.settings";
    let s = Settings { base_map: false, tile_url: "/tiles/{z}/{x}/{y}.png".into(), tolerance_m: 0.0 };
    kshetra::platform::save(key, &s);
    assert_eq!(kshetra::platform::load::<Settings>(key), Some(s));
    web_sys::window().unwrap().local_storage().unwrap().unwrap().set_item(key, "{broken").unwrap();
    assert_eq!(kshetra::platform::load::<Settings>(key), None, "corrupt storage falls back, never panics");
}
