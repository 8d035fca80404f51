//! Export of the ward model: a GeoJSON FeatureCollection (RFC 7946) with the ward figures as
//! properties. Used to keep the current map in the browser's storage and for downloads; the
//! importer reads it back unchanged (tested).

use serde_json::{json, Map, Value};

use crate::model::WardMap;

/// The wards as a GeoJSON FeatureCollection string. Properties: `ward_no`, `ward_name`,
/// `population`, `households`, `poor_households`, `zone` (null when unknown) and every extra
/// count column. Coordinates keep full precision, so a round trip is exact.
pub fn wards_geojson(map: &WardMap) -> String {
    let features: Vec<Value> = map
        .wards()
        .iter()
        .map(|w| {
            let mut props = Map::new();
            props.insert("ward_no".into(), json!(w.number));
            props.insert("ward_name".into(), json!(w.name));
            props.insert("population".into(), json!(w.population));
            props.insert("households".into(), json!(w.households));
            props.insert("poor_households".into(), json!(w.poor_households));
            props.insert("zone".into(), json!(w.zone));
            for (k, v) in &w.extra {
                props.entry(k.clone()).or_insert(json!(v));
            }
            let polygons: Vec<Value> = w
                .geometry
                .iter()
                .map(|p| {
                    let rings: Vec<Value> = std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .map(|r| Value::Array(r.coords().map(|c| json!([c.x, c.y])).collect()))
                        .collect();
                    Value::Array(rings)
                })
                .collect();
            json!({
                "type": "Feature",
                "properties": props,
                "geometry": { "type": "MultiPolygon", "coordinates": polygons },
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WardEdit;

    #[test]
    fn round_trips_through_the_importer_with_edits() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bhopal.geojson");
        let mut map =
            crate::import::geojson::parse("bhopal.geojson", &std::fs::read(path).unwrap())
                .unwrap()
                .map;
        let i = map.index_of("12").unwrap();
        map.edit(i, WardEdit::Households(Some(4_321)));
        map.edit(i, WardEdit::PoorHouseholds(Some(1_234)));
        map.edit(i, WardEdit::Zone(Some("नया ज़ोन".into())));
        let text = wards_geojson(&map);
        let back = crate::import::geojson::parse("saved.geojson", text.as_bytes()).unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        assert_eq!(back.map, map);
    }
}
