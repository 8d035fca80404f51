//! Shared by the fuzz targets: a small fixed ward map (three wards) for the readers that join
//! a table or list to a map, and "map file in, whole import" for the map formats.
#![allow(dead_code)]

use std::sync::OnceLock;

use kshetra_core::import::{apply, FieldMapping, RawLayer};
use kshetra_core::WardMap;

/// Three square wards numbered 1, 2, 12 (names, populations, one zone).
pub fn small_map() -> &'static WardMap {
    static MAP: OnceLock<WardMap> = OnceLock::new();
    MAP.get_or_init(|| {
        let sq = |x: f64, n: &str, name: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{"Ward_No":"{n}","Ward_Name":"{name}","Population":1000,"Zone":"A"}},
                "geometry":{{"type":"Polygon","coordinates":[[[{x},26.8],[{x1},26.8],[{x1},26.81],[{x},26.81],[{x},26.8]]]}}}}"#,
                x1 = x + 0.01
            )
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
            sq(80.90, "1", "Aliganj"),
            sq(80.91, "2", "Hazratganj"),
            sq(80.92, "12", "Gomti Nagar")
        );
        kshetra_core::import::geojson::parse("small.geojson", text.as_bytes()).unwrap().map
    })
}

/// A raw layer read successfully goes on through the proposed mapping and the import proper
/// (repair, merge, checks): errors are fine, panics are not.
pub fn finish(raw: Result<RawLayer, kshetra_core::ImportError>) {
    if let Ok(raw) = raw {
        let mapping = FieldMapping::detect(&raw);
        if let Ok(imported) = apply(&raw, &mapping) {
            let _ = kshetra_core::import::problems(&imported.map);
        }
    }
}
