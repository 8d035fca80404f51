//! TopoJSON (`Topology`): decoded with georust's `topojson` crate into GeoJSON features, then
//! read like any GeoJSON. The layer used is the object with the most polygons (other objects,
//! e.g. a city boundary, are reported as ignored). Arc indices are checked first, because the
//! crate indexes arcs without bounds checks and a broken file must give a message, not a panic.

use topojson::{Geometry as TopoGeometry, TopoJson, Value as TopoValue};

use super::raw::{Format, RawLayer};
use super::{ImportError, ImportWarning};

/// Reads a TopoJSON Topology into a raw layer.
pub fn read(file: &str, bytes: &[u8]) -> Result<RawLayer, ImportError> {
    let file_name = || file.to_string();
    // Syntax errors with line and column, exactly as for GeoJSON.
    let value = super::geojson::json_value(file, bytes)?;
    let invalid =
        |detail: String| ImportError::InvalidJson { file: file_name(), line: 0, column: 0, detail };
    let topology = match value.to_string().parse::<TopoJson>() {
        Ok(TopoJson::Topology(t)) => t,
        Ok(TopoJson::Geometry(_)) => {
            return Err(ImportError::NotFeatureCollection {
                file: file_name(),
                found: "TopoJSON geometry".into(),
            })
        }
        Err(e) => return Err(invalid(e.to_string())),
    };
    let counts: Vec<usize> = topology.objects.iter().map(|o| polygon_count(&o.geometry)).collect();
    let Some((best, _)) = counts
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .max_by_key(|(i, &c)| (c, std::cmp::Reverse(*i)))
    else {
        return Err(ImportError::NoWards { file: file_name(), skipped: topology.objects.len() });
    };
    let object = &topology.objects[best];
    let n_arcs = topology.arcs.len();
    if let Some(bad) = bad_arc(&object.geometry, n_arcs) {
        return Err(invalid(format!(
            "object \"{}\" refers to arc {bad}, but the file has {n_arcs} arcs",
            object.name
        )));
    }
    let collection =
        topojson::to_geojson(&topology, &object.name).map_err(|e| invalid(e.to_string()))?;
    let mut layer = super::geojson::read(file, collection.to_string().as_bytes())?;
    layer.format = Format::TopoJson;
    let ignored: Vec<String> = topology
        .objects
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, o)| o.name.clone())
        .collect();
    if !ignored.is_empty() {
        layer
            .warnings
            .push(ImportWarning::OtherLayersIgnored { used: object.name.clone(), ignored });
    }
    Ok(layer)
}

/// Number of polygon geometries in an object (a collection counts its members).
fn polygon_count(g: &TopoGeometry) -> usize {
    match &g.value {
        TopoValue::Polygon(_) | TopoValue::MultiPolygon(_) => 1,
        TopoValue::GeometryCollection(members) => members.iter().map(polygon_count).sum(),
        _ => 0,
    }
}

/// The first arc index out of range (`~i` refers to arc `i` reversed), if any.
fn bad_arc(g: &TopoGeometry, n_arcs: usize) -> Option<i32> {
    let ok = |ix: &i32| {
        let i = if *ix < 0 { !*ix } else { *ix };
        (i as usize) < n_arcs
    };
    let first_bad = |rings: &[Vec<i32>]| rings.iter().flatten().find(|ix| !ok(ix)).copied();
    match &g.value {
        TopoValue::LineString(arcs) => arcs.iter().find(|ix| !ok(ix)).copied(),
        TopoValue::MultiLineString(lines) | TopoValue::Polygon(lines) => first_bad(lines),
        TopoValue::MultiPolygon(polys) => polys.iter().find_map(|p| first_bad(p)),
        TopoValue::GeometryCollection(members) => members.iter().find_map(|m| bad_arc(m, n_arcs)),
        TopoValue::Point(_) | TopoValue::MultiPoint(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit-ish squares near Lucknow sharing arc 0, quantized with a transform, plus a
    /// boundary object with one polygon.
    const TOPO: &str = r#"{"type":"Topology",
      "transform":{"scale":[0.0001,0.0001],"translate":[80.9,26.8]},
      "objects":{
        "boundary":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[1,2]]}]},
        "wards":{"type":"GeometryCollection","geometries":[
          {"type":"Polygon","arcs":[[0,1]],"properties":{"WARD_NO":"W-1","NAME":"वार्ड एक","POP":"12,000"}},
          {"type":"Polygon","arcs":[[2,-1]],"properties":{"WARD_NO":"W-2","NAME":"Ward Two","POP":9000}}]}},
      "arcs":[
        [[100,0],[0,100]],
        [[100,100],[-100,0],[0,-100],[100,0]],
        [[100,0],[100,0],[0,100],[-100,0]]]}"#;

    #[test]
    fn reads_the_layer_with_most_polygons() {
        let raw = read("city.topojson", TOPO.as_bytes()).unwrap();
        assert_eq!(raw.format, Format::TopoJson);
        assert_eq!(raw.features.len(), 2);
        assert_eq!(
            raw.warnings,
            vec![ImportWarning::OtherLayersIgnored {
                used: "wards".into(),
                ignored: vec!["boundary".into()]
            }]
        );
        let mapping = super::super::FieldMapping::detect(&raw);
        let imported = super::super::apply(&raw, &mapping).unwrap();
        let numbers: Vec<&str> = imported.map.wards().iter().map(|w| w.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2"]);
        assert_eq!(imported.map.ward("1").unwrap().population, Some(12_000));
        assert_eq!(imported.map.ward("1").unwrap().name.as_deref(), Some("वार्ड एक"));
        // Decoded coordinates: ward 2 spans 80.91–80.92 E.
        let b =
            geo::BoundingRect::bounding_rect(&imported.map.ward("2").unwrap().geometry).unwrap();
        assert!((b.min().x - 80.91).abs() < 1e-9 && (b.max().x - 80.92).abs() < 1e-9, "{b:?}");
        // The two wards share a whole edge.
        let g =
            crate::adjacency::build(&imported.map, &crate::adjacency::AdjacencyOptions::strict());
        assert_eq!(g.edge_count(), 1);
    }

    #[test]
    fn broken_files_give_errors_not_panics() {
        let bad_arc = TOPO.replace("[[2,-1]]", "[[7,-1]]");
        match read("city.topojson", bad_arc.as_bytes()).unwrap_err() {
            ImportError::InvalidJson { detail, .. } => {
                assert!(detail.contains("arc 7"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
        let no_polygons = r#"{"type":"Topology","objects":{"pts":{"type":"Point","coordinates":[1,2]}},"arcs":[]}"#;
        assert!(matches!(
            read("p.topojson", no_polygons.as_bytes()),
            Err(ImportError::NoWards { .. })
        ));
        assert!(matches!(
            read("t.topojson", &TOPO.as_bytes()[..200]),
            Err(ImportError::InvalidJson { line: 1.., .. })
        ));
        assert!(matches!(
            read("t.topojson", b"{\"type\":\"Topology\"}"),
            Err(ImportError::InvalidJson { .. })
        ));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_mangled_topologies(cut in 0usize..900, byte in 0u8..128, at in 0usize..900) {
            let mut bytes = TOPO.as_bytes().to_vec();
            if at < bytes.len() { bytes[at] = byte; }
            bytes.truncate(cut.max(1));
            let _ = read("fuzz.topojson", &bytes);
        }
    }
}
