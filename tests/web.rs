//! Browser tests of the Leaflet binding and browser helpers, run by `wasm-bindgen-test` in
//! headless Chromium (`cargo test -p kshetra --target wasm32-unknown-unknown`).

use std::cell::RefCell;
use std::rc::Rc;

use kshetra::data::from_bytes;
use kshetra::map::{WardEvent, WardEventKind, WardLayer, WardLook};
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
    // Fixed in the viewport, so points on it can be hit (`elementFromPoint`).
    div.set_attribute("style", "position:fixed;left:0;top:0;width:600px;height:450px").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    let map = leaflet::Map::new_with_element(&div, &leaflet::MapOptions::new()).unwrap();
    (div, map)
}

/// An element's box on the screen: left, top, right, bottom.
fn rect(el: &web_sys::Element) -> [f64; 4] {
    let f: js_sys::Function =
        js_sys::Reflect::get(el, &"getBoundingClientRect".into()).unwrap().unchecked_into();
    let r = f.call0(el).unwrap();
    ["left", "top", "right", "bottom"]
        .map(|k| js_sys::Reflect::get(&r, &k.into()).unwrap().as_f64().unwrap())
}

/// Where a ward is on the screen: a point inside it (client coordinates).
fn on_screen(
    map: &leaflet::Map,
    div: &web_sys::HtmlElement,
    ward: &kshetra_core::Ward,
) -> (f64, f64) {
    let p = kshetra_core::geometry::label_point(&ward.geometry).unwrap();
    let at = map.lat_lng_to_container_point(&leaflet::LatLng::new(p.y(), p.x()));
    let r = rect(div);
    (r[0] + at.x(), r[1] + at.y())
}

/// Dispatches a mouse event as the browser would: at a point of the screen, to the element
/// there, bubbling; `buttons`: the buttons held.
fn dispatch_at(kind: &str, (x, y): (f64, f64), buttons: u16) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_buttons(buttons);
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    let target =
        document().element_from_point(x as f32, y as f32).expect("an element at the point");
    target.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
fn lucknow_draws_110_ward_polygons_and_reports_clicks() {
    let city = BundledCity::by_id("lucknow").unwrap();
    let loaded = from_bytes(city, include_bytes!("../public/data/lucknow.geojson")).unwrap();
    let (div, map) = new_map();
    let clicked = Rc::new(RefCell::new(Vec::<(WardEventKind, usize)>::new()));
    let sink = clicked.clone();
    let loaded = std::sync::Arc::new(loaded);
    let layer = WardLayer::new(
        &loaded,
        Lang::Hi,
        None,
        Rc::new(move |e: WardEvent| sink.borrow_mut().push((e.kind, e.ward))),
    );
    layer.add_to(&map);
    map.fit_bounds(&kshetra::map::bounds(&loaded.map).unwrap());

    let paths = div.query_selector_all("path.ward").unwrap();
    assert_eq!(paths.length(), 110);
    assert_eq!(layer.len(), 110);

    // As while painting: the map does not pan under a held button.
    kshetra::leaflet_ext::set_dragging(&map, false);
    // A click on ward 1 reaches us as its ward index (wards are in model order); the pointer
    // passing over a ward without the button held is not a brush stroke, with it held it is.
    let (first, second) = (
        on_screen(&map, &div, &loaded.map.wards()[0]),
        on_screen(&map, &div, &loaded.map.wards()[1]),
    );
    dispatch_at("mousemove", first, 0);
    dispatch_at("click", first, 0);
    dispatch_at("mousemove", second, 0);
    dispatch_at("mousedown", second, 1);
    dispatch_at("mousemove", first, 1);
    dispatch_at("mousemove", first, 1);
    assert_eq!(
        *clicked.borrow(),
        vec![(WardEventKind::Click, 0), (WardEventKind::Down, 1), (WardEventKind::DragOver, 0)],
        "entering a ward with the button held paints it once"
    );
    assert_eq!(loaded.map.wards()[0].number, "1");
    assert!(div.class_name().contains("on-ward"), "the cursor says a ward is under it");
    // Off the city (a corner of the map): no ward, no tooltip.
    let r = rect(&div);
    dispatch_at("mousemove", (r[0] + 2.0, r[3] - 40.0), 0);
    assert!(!div.class_name().contains("on-ward"));
    let tip = div.query_selector(".leaflet-tooltip").unwrap();
    assert!(
        tip.is_none_or(|t| t.get_attribute("style").unwrap_or_default().contains("opacity: 0")),
        "the tooltip goes (fading out)"
    );

    // Restyling outlines only the selected ward boldly, and separate pieces dashed.
    let wards = loaded.map.wards();
    layer.restyle(None, &|i| WardLook {
        selected: i == 0,
        island: i == 5,
        locked: i == 7,
        ..WardLook::zone(&loaded.map, &wards[i])
    });
    let count_with = |attr: &str, value: &str| {
        (0..paths.length())
            .filter(|&i| {
                let p: web_sys::Element = paths.item(i).unwrap().unchecked_into();
                p.get_attribute(attr).as_deref() == Some(value)
            })
            .count()
    };
    assert_eq!(count_with("stroke-width", "3.5"), 1);
    assert_eq!(count_with("stroke-dasharray", "6 4"), 1);
    assert_eq!(count_with("stroke-dasharray", "2 3"), 1, "a locked ward is outlined dotted");
    // Restyling only some wards (an edit's wards) leaves the others as they were, even where
    // the look would now differ.
    layer.restyle(Some(&[7]), &|i| WardLook {
        selected: i == 1,
        ..WardLook::zone(&loaded.map, &wards[i])
    });
    assert_eq!(count_with("stroke-dasharray", "2 3"), 0, "ward 7 restyled: no longer locked");
    assert_eq!(count_with("stroke-width", "3.5"), 1, "ward 0 still bold, ward 1 not looked at");
    assert_eq!(count_with("stroke-dasharray", "6 4"), 1, "ward 5 not looked at");

    layer.remove();
    assert_eq!(div.query_selector_all("path.ward").unwrap().length(), 0);
    // Removed with its handlers: the map no longer reports wards.
    dispatch_at("click", first, 0);
    assert_eq!(clicked.borrow().len(), 3);
    map.remove();
    div.remove();
}

#[wasm_bindgen_test]
fn a_canvas_renderer_draws_the_wards_on_one_canvas() {
    let city = BundledCity::by_id("lucknow").unwrap();
    let loaded = from_bytes(city, include_bytes!("../public/data/lucknow.geojson")).unwrap();
    let (div, map) = new_map();
    let canvas = kshetra::leaflet_ext::canvas_renderer();
    let loaded = std::sync::Arc::new(loaded);
    let clicked = Rc::new(RefCell::new(Vec::<(WardEventKind, usize)>::new()));
    let sink = clicked.clone();
    let layer = WardLayer::new(
        &loaded,
        Lang::En,
        Some(&canvas),
        Rc::new(move |e: WardEvent| sink.borrow_mut().push((e.kind, e.ward))),
    );
    layer.add_to(&map);
    map.fit_bounds(&kshetra::map::bounds(&loaded.map).unwrap());
    assert_eq!(layer.len(), 110);
    assert_eq!(div.query_selector_all("path.ward").unwrap().length(), 0, "no SVG paths");
    assert_eq!(div.query_selector_all("canvas").unwrap().length(), 1, "one canvas for all wards");
    // Clicks on the canvas find the ward under the pointer, every one of the 110.
    for (i, w) in loaded.map.wards().iter().enumerate() {
        dispatch_at("click", on_screen(&map, &div, w), 0);
        let last = clicked.borrow().last().copied();
        let found = last.map(|(_, j)| j).unwrap();
        let p = kshetra_core::geometry::label_point(&w.geometry).unwrap();
        // A point of a small ward a pixel from its neighbour may land on the neighbour.
        assert!(
            found == i
                || geo::Distance::distance(
                    &geo::Euclidean,
                    &p,
                    &loaded.map.wards()[found].geometry
                ) < 0.001,
            "ward {}",
            w.number
        );
    }
    assert_eq!(clicked.borrow().len(), 110);
    layer.restyle(None, &|i| WardLook {
        selected: i == 0,
        ..WardLook::zone(&loaded.map, &loaded.map.wards()[i])
    });
    layer.remove();
    map.remove();
    div.remove();
}

#[wasm_bindgen_test]
fn tooltips_show_the_ward_number_and_escape_imported_text() {
    let text = br#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{"ward_no":"7","ward_name":"<img src=x onerror=alert(1)>","zone":"<b>Z</b>"},
        "geometry":{"type":"Polygon","coordinates":[[[80.9,26.8],[80.95,26.8],[80.95,26.85],[80.9,26.85],[80.9,26.8]]]}}]}"#;
    let imported = geojson::parse("hostile.geojson", text).unwrap();
    let imported = std::sync::Arc::new(kshetra::data::CityMap::new(
        kshetra::data::MapSource::Imported { file: "hostile.geojson".into() },
        imported.map,
        Vec::new(),
    ));
    let (div, map) = new_map();
    let layer = WardLayer::new(&imported, Lang::En, None, Rc::new(|_| {}));
    layer.add_to(&map);
    map.fit_bounds(&kshetra::map::bounds(&imported.map).unwrap());
    dispatch_at("mousemove", on_screen(&map, &div, &imported.map.wards()[0]), 0);
    let tooltip = div.query_selector(".leaflet-tooltip").unwrap().expect("tooltip opens on hover");
    let shown = tooltip.text_content().unwrap();
    assert!(shown.contains("Ward 7"), "{shown}");
    assert!(shown.contains("<img src=x onerror=alert(1)>"), "name shown as text: {shown}");
    assert!(
        tooltip.query_selector("img").unwrap().is_none(),
        "imported markup must not become elements"
    );
    assert!(tooltip.query_selector("b").unwrap().is_none());

    layer.set_map(&imported, Lang::Hi);
    let shown = div.query_selector(".leaflet-tooltip").unwrap().unwrap().text_content().unwrap();
    assert!(shown.contains("वार्ड 7"), "{shown}");
    map.remove();
    div.remove();
}

#[wasm_bindgen_test]
fn storage_round_trips_settings() {
    use kshetra_core::settings::Settings;
    let key = "kshetra.test.settings";
    let s =
        Settings { base_map: false, tile_url: "/tiles/{z}/{x}/{y}.png".into(), tolerance_m: 0.0 };
    kshetra::platform::save(key, &s);
    assert_eq!(kshetra::platform::load::<Settings>(key), Some(s));
    web_sys::window().unwrap().local_storage().unwrap().unwrap().set_item(key, "{broken").unwrap();
    assert_eq!(
        kshetra::platform::load::<Settings>(key),
        None,
        "corrupt storage falls back, never panics"
    );
}

/// The app calls the same engine as the CLI, in the browser: a 100 × 100 grid of wards with
/// deterministic lognormal-like weights into 200 areas. Valid plan, ±2 %; the time is printed
/// (a measurement, not an assertion: run with `--release -- --nocapture` to read it).
#[wasm_bindgen_test]
fn the_engine_runs_in_the_browser_at_10000_wards_200_areas() {
    use kshetra_alloc::{allocate, Control, Organiser, Problem, Settings};
    let side = 100usize;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut weights = Vec::new();
    let mut centroids = Vec::new();
    let mut edges = Vec::new();
    for r in 0..side {
        for c in 0..side {
            // exp(N(0, 0.5)) via Box–Muller, times 30,000.
            let (u, v) = (next().max(1e-12), next());
            let z = (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos();
            weights.push((30_000.0 * (0.5 * z).exp()).round());
            centroids.push([c as f64 * 100.0, r as f64 * 100.0]);
            let i = (r * side + c) as u32;
            if c + 1 < side {
                edges.push((i, i + 1));
            }
            if r + 1 < side {
                edges.push((i, i + side as u32));
            }
        }
    }
    let problem = Problem::new(weights, centroids, edges);
    let organisers = Organiser::many(200);
    let perf = web_sys::window().unwrap().performance().unwrap();
    let t0 = perf.now();
    let out = allocate(&problem, &organisers, &Settings::new(1).respect_zones(false), &mut |_| {
        Control::Continue
    })
    .unwrap();
    let ms = perf.now() - t0;
    web_sys::console::log_1(
        &format!(
            "engine in the browser: 10,000 wards / 200 areas in {ms:.0} ms, max deviation {:.2} %",
            out.metrics.max_abs_deviation * 100.0
        )
        .into(),
    );
    assert!(out.metrics.is_valid(), "valid plan");
    assert_eq!((out.metrics.empty_areas, out.metrics.split_areas), (0, 0));
    assert!(out.metrics.max_abs_deviation <= 0.02, "{}", out.metrics.max_abs_deviation);
}

#[wasm_bindgen_test]
fn a_row_cache_makes_only_the_rows_whose_inputs_changed() {
    use kshetra::pager::RowCache;
    let made = std::cell::Cell::new(0);
    let make = |k: u32, i: &u32| {
        made.set(made.get() + 1);
        (*i, format!("{k}:{i}"))
    };
    let same = |was: &u32, i: &u32| was == i;
    let text =
        |rows: Vec<std::sync::Arc<String>>| rows.iter().map(|r| r.to_string()).collect::<Vec<_>>();
    let mut cache: RowCache<u32, String> = RowCache::default();
    let first = cache.rows([(1, 10), (2, 20)], same, make);
    assert_eq!(text(first.clone()), ["1:10", "2:20"]);
    assert_eq!(made.get(), 2);
    let second = cache.rows([(2, 20), (1, 11)], same, make);
    assert_eq!(text(second.clone()), ["2:20", "1:11"], "order follows the items");
    assert_eq!(made.get(), 3, "only row 1 made again");
    assert!(
        std::sync::Arc::ptr_eq(&first[1], &second[0]),
        "a kept row is the same row, not a copy"
    );
    assert_eq!(text(cache.rows([(1, 11)], same, make)), ["1:11"]);
    assert_eq!(text(cache.rows([(2, 20)], same, make)), ["2:20"]);
    assert_eq!(made.get(), 4, "a row left out is dropped and made again when it returns");
}

#[wasm_bindgen_test]
fn a_long_list_is_paged_and_filtered_and_reveals_a_row() {
    use kshetra::pager::{Pager, PAGE_SIZE};
    use leptos::prelude::*;
    let short: Vec<String> = (1..=PAGE_SIZE).map(|i| format!("{i}. CO {i:03}")).collect();
    let pager = Pager::new();
    assert_eq!(
        pager.window(&short, |r| r.as_str()).rows.len(),
        PAGE_SIZE,
        "a short list is shown whole"
    );
    let rows: Vec<String> = (1..=60).map(|i| format!("{i}. CO {i:03}")).collect();
    let w = pager.window(&rows, |r| r.as_str());
    assert_eq!((w.rows.len(), w.matching, w.total, w.first), (25, 60, 60, 0));
    pager.page.set(2);
    let w = pager.window(&rows, |r| r.as_str());
    assert_eq!((w.rows.len(), w.first, w.rows[0].as_str()), (10, 50, "51. CO 051"));
    pager.page.set(9);
    assert_eq!(
        pager.window(&rows, |r| r.as_str()).first,
        50,
        "a page past the end shows the last one"
    );
    pager.filter.set("co 04".into());
    let w = pager.window(&rows, |r| r.as_str());
    assert_eq!((w.matching, w.rows[0].as_str()), (10, "40. CO 040"));
    // Revealing a row the filter hides clears the filter and shows its page.
    pager.reveal(&rows, |r| r.as_str(), |r| r.starts_with("33."));
    assert_eq!(pager.filter.get_untracked(), "");
    assert_eq!(pager.page.get_untracked(), 1);
    let w = pager.window(&rows, |r| r.as_str());
    assert!(w.rows.iter().any(|r| r.starts_with("33.")));
}
