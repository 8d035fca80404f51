//! TopoJSON (`Topology`): parsed with georust's `topojson` crate, then decoded here into
//! polygons. The layer used is the object with the most polygons (other objects, e.g. a city
//! boundary, are reported as ignored).
//!
//! The crate's own decoding (`to_geojson`) is not used: it indexes arcs and positions without
//! bounds checks (`arcs[ix]`, `pt[0]`, `pt[1]`) and has `unimplemented!()` for a collection
//! inside a collection, and its parser indexes `scale[0]`/`scale[1]` of the transform. Here the
//! transform is checked before the crate sees it, and a feature that refers to a missing arc
//! or holds a position without two numbers is skipped with a warning.

use geo::{Coord, LineString, MultiPolygon, Polygon};
use geojson::JsonValue;
use topojson::{Arc, Geometry as TopoGeometry, TopoJson, TransformParams, Value as TopoValue};

use super::geojson::json_to_value;
use super::raw::{Format, RawGeometry, RawLayer, ShapeProblem, TableBuilder};
use super::{ImportError, ImportWarning};

/// Reads a TopoJSON Topology into a raw layer.
pub fn read(file: &str, bytes: &[u8]) -> Result<RawLayer, ImportError> {
    let file_name = || file.to_string();
    // Syntax errors with line and column, exactly as for GeoJSON.
    let mut utf16 = None;
    let text = super::geojson::json_text(file, bytes, &mut utf16)?;
    let mut lean = Lean::default();
    let mut de = serde_json::Deserializer::from_str(text);
    serde::de::DeserializeSeed::deserialize(&mut lean, &mut de)
        .and_then(|()| de.end())
        .map_err(|e| super::geojson::invalid_json(file, &e))?;
    let invalid = |detail: String| ImportError::InvalidJson {
        file: file_name(),
        line: 0,
        column: 0,
        detail,
        cut_off: false,
    };
    let value = lean.value.unwrap_or(JsonValue::Null);
    check_transform(&value).map_err(|d| invalid(d.into()))?;
    let JsonValue::Object(object) = value else {
        return Err(invalid("expected an object".into()));
    };
    let topology = match TopoJson::from_json_object(object) {
        Ok(TopoJson::Topology(mut t)) => {
            if let Some(arcs) = lean.arcs {
                t.arcs = arcs;
            }
            t
        }
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
        return Err(ImportError::NoWards {
            file: file_name(),
            skipped: topology.objects.len(),
            first: Vec::new(),
        });
    };
    let object = &topology.objects[best];
    let decoder = Decoder { arcs: &topology.arcs, transform: topology.transform.as_ref() };
    let members: Vec<&TopoGeometry> = match &object.geometry.value {
        TopoValue::GeometryCollection(members) => members.iter().collect(),
        _ => vec![&object.geometry],
    };
    let mut table = TableBuilder::default();
    for (idx, g) in members.into_iter().enumerate() {
        let pairs =
            g.properties.iter().flatten().map(|(k, v)| (k.clone(), json_to_value(v))).collect();
        table.push(idx + 1, pairs, decoder.shape(g));
    }
    let mut layer = table.finish(file, Format::TopoJson);
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

/// A TopoJSON file as parsed: its top-level members as JSON but the arcs, which are read
/// straight into positions (issue 19: as a JSON tree, the arcs of a 50 MB file took about
/// 1.1 GB). `value` has an empty `arcs` list where the arcs were.
#[derive(Default)]
struct Lean {
    /// The top-level value (`None` until read).
    value: Option<JsonValue>,
    /// The arcs, when the top-level value is an object with an `arcs` member.
    arcs: Option<Vec<Arc>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Lean {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Lean {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a TopoJSON Topology")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "arcs" {
                self.arcs = Some(map.next_value::<Vec<Arc>>()?);
                members.insert(key, JsonValue::Array(Vec::new()));
            } else {
                let value: JsonValue = map.next_value()?;
                members.insert(key, value);
            }
        }
        self.value = Some(JsonValue::Object(members));
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// A `transform` member, if any, must hold `scale` and `translate` of two finite numbers each
/// (the crate indexes both without checking their length).
fn check_transform(value: &JsonValue) -> Result<(), &'static str> {
    let Some(transform) = value.get("transform") else { return Ok(()) };
    let pair = |key: &str| {
        transform
            .get(key)
            .and_then(JsonValue::as_array)
            .filter(|a| a.len() >= 2)
            .is_some_and(|a| a.iter().all(|n| n.as_f64().is_some_and(f64::is_finite)))
    };
    if !pair("scale") {
        return Err("the transform's \"scale\" is not two numbers");
    }
    if !pair("translate") {
        return Err("the transform's \"translate\" is not two numbers");
    }
    Ok(())
}

/// Number of polygon geometries in an object (a collection counts its members).
fn polygon_count(g: &TopoGeometry) -> usize {
    match &g.value {
        TopoValue::Polygon(_) | TopoValue::MultiPolygon(_) => 1,
        TopoValue::GeometryCollection(members) => members.iter().map(polygon_count).sum(),
        _ => 0,
    }
}

/// Decodes arcs into rings, with every index and position checked.
struct Decoder<'a> {
    arcs: &'a [Arc],
    transform: Option<&'a TransformParams>,
}

impl Decoder<'_> {
    /// The polygons of a geometry (a nested collection's polygons joined, as topojson-client
    /// makes one feature of it).
    fn shape(&self, g: &TopoGeometry) -> RawGeometry {
        let polygons = match &g.value {
            TopoValue::Polygon(rings) => self.polygon(rings).map(|p| p.into_iter().collect()),
            TopoValue::MultiPolygon(polys) => {
                polys.iter().filter_map(|p| self.polygon(p).transpose()).collect()
            }
            TopoValue::GeometryCollection(members) => {
                return RawGeometry::collection(members.iter().map(|m| self.shape(m)));
            }
            TopoValue::Point(_) => return RawGeometry::Other("Point".into()),
            TopoValue::MultiPoint(_) => return RawGeometry::Other("MultiPoint".into()),
            TopoValue::LineString(_) => return RawGeometry::Other("LineString".into()),
            TopoValue::MultiLineString(_) => return RawGeometry::Other("MultiLineString".into()),
        };
        match polygons {
            Ok(p) => RawGeometry::Polygons(MultiPolygon::new(p)),
            Err(problem) => RawGeometry::Unreadable(problem),
        }
    }

    /// A polygon from rings of arc indices; `None` when the outer ring has fewer than three
    /// positions (no area). Holes with fewer than three are dropped.
    fn polygon(&self, rings: &[Vec<i32>]) -> Result<Option<Polygon>, ShapeProblem> {
        let Some((outer, holes)) = rings.split_first() else { return Ok(None) };
        let exterior = self.ring(outer)?;
        let mut interiors = Vec::new();
        for h in holes {
            let r = self.ring(h)?;
            if r.0.len() >= 3 {
                interiors.push(r);
            }
        }
        Ok((exterior.0.len() >= 3).then(|| Polygon::new(exterior, interiors)))
    }

    /// A ring: arcs joined end to start (the shared point once); `~i` is arc `i` reversed.
    fn ring(&self, ixs: &[i32]) -> Result<LineString, ShapeProblem> {
        let mut points: Vec<Coord> = Vec::new();
        for &ix in ixs {
            let i = if ix < 0 { !ix } else { ix } as usize;
            let arc = self
                .arcs
                .get(i)
                .ok_or(ShapeProblem::MissingArc { arc: i64::from(ix), arcs: self.arcs.len() })?;
            let mut line = self.decode(arc)?;
            if ix < 0 {
                line.reverse();
            }
            if !points.is_empty() && points.last() == line.first() {
                points.pop();
            }
            points.append(&mut line);
        }
        Ok(LineString::new(points))
    }

    /// An arc's positions, delta-decoded and transformed when the file is quantised.
    fn decode(&self, arc: &[Vec<f64>]) -> Result<Vec<Coord>, ShapeProblem> {
        let bad = |p: &Vec<f64>| {
            ShapeProblem::bad(&JsonValue::from(
                p.iter().map(|&x| JsonValue::from(x)).collect::<Vec<_>>(),
            ))
        };
        let (mut x, mut y) = (0.0, 0.0);
        let mut out = Vec::with_capacity(arc.len());
        for p in arc {
            let &[px, py, ..] = p.as_slice() else { return Err(bad(p)) };
            let c = match self.transform {
                None => Coord { x: px, y: py },
                Some(t) => {
                    x += px;
                    y += py;
                    Coord { x: x * t.scale[0] + t.translate[0], y: y * t.scale[1] + t.translate[1] }
                }
            };
            if !(c.x.is_finite() && c.y.is_finite()) {
                return Err(bad(p));
            }
            out.push(c);
        }
        Ok(out)
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

    fn import(text: &str) -> Result<super::super::Imported, ImportError> {
        let raw = read("city.topojson", text.as_bytes())?;
        super::super::apply(&raw, &super::super::FieldMapping::detect(&raw))
    }

    fn numbers(imported: &super::super::Imported) -> Vec<&str> {
        imported.map.wards().iter().map(|w| w.number.as_str()).collect()
    }

    /// Issue 19: an arc index past the end (here 7 of 3, and `~7` = -8) skips that feature
    /// with a warning; the other ward is imported. Before, a missing arc failed the whole file.
    #[test]
    fn a_missing_arc_skips_the_feature() {
        for (arcs, arc) in
            [("[[7,-1]]", 7), ("[[2,-8]]", -8), ("[[2,2147483647]]", i64::from(i32::MAX))]
        {
            let got = import(&TOPO.replace("[[2,-1]]", arcs)).unwrap();
            assert_eq!(numbers(&got), ["1"]);
            assert!(
                got.warnings.contains(&ImportWarning::MissingArc {
                    file: "city.topojson".into(),
                    feature: 2,
                    arc,
                    arcs: 3
                }),
                "{:?}",
                got.warnings
            );
        }
        // Minimum i32: `~i` of it is i32::MAX, still out of range (abs() would overflow).
        let got = import(&TOPO.replace("[[2,-1]]", "[[2,-2147483648]]")).unwrap();
        assert_eq!(numbers(&got), ["1"]);
    }

    /// Issue 19: quantised positions with one number (`[100]`) or none (`[]`) panicked in the
    /// crate's delta decoding (`pt[1]`); the features using that arc are skipped.
    #[test]
    fn short_arc_positions_skip_the_features_using_them() {
        for (short, shown) in [("[100]", "[100.0]"), ("[]", "[]")] {
            // Arc 2 is used by ward 2 only.
            let text = TOPO.replace(
                "[[100,0],[100,0],[0,100],[-100,0]]",
                &format!("[{short},[100,0],[0,100],[-100,0]]"),
            );
            let got = import(&text).unwrap();
            assert_eq!(numbers(&got), ["1"], "{short}");
            assert!(
                matches!(
                    &got.warnings[..],
                    [ImportWarning::OtherLayersIgnored { .. }, ImportWarning::BadCoordinates { feature: 2, found, .. }] if found == shown
                ),
                "{:?}",
                got.warnings
            );
        }
        // Arc 0 is shared by both wards and the boundary: nothing usable left.
        let text = TOPO.replace("[[100,0],[0,100]]", "[[100],[0,100]]");
        assert!(matches!(import(&text), Err(ImportError::NoWards { .. })));
        // Without a transform, short positions are caught the same way.
        let plain = TOPO
            .replace(r#""transform":{"scale":[0.0001,0.0001],"translate":[80.9,26.8]},"#, "")
            .replace("[[100,0],[0,100]]", "[[80.9],[80.9,26.8]]");
        assert!(matches!(import(&plain), Err(ImportError::NoWards { .. })));
    }

    /// Issue 19: a transform whose scale or translate is not two numbers panicked in the
    /// crate's parser (`scale[1]`); nothing can be decoded, so it is an error.
    #[test]
    fn a_bad_transform_is_an_error() {
        for bad in
            [r#""scale":[0.0001]"#, r#""scale":[]"#, r#""scale":"x""#, r#""scale":[0.0001,null]"#]
        {
            let text = TOPO.replace(r#""scale":[0.0001,0.0001]"#, bad);
            match read("city.topojson", text.as_bytes()) {
                Err(ImportError::InvalidJson { detail, .. }) => {
                    assert!(detail.contains("scale"), "{bad}: {detail}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        let text = TOPO.replace(r#""translate":[80.9,26.8]"#, r#""translate":[80.9]"#);
        assert!(matches!(
            read("city.topojson", text.as_bytes()),
            Err(ImportError::InvalidJson { .. })
        ));
        // A huge scale decodes to infinity: the features are skipped, not drawn at infinity.
        let text = TOPO.replace(r#""scale":[0.0001,0.0001]"#, r#""scale":[1e306,1e306]"#);
        assert!(import(&text).is_err());
    }

    /// Issue 19: a collection inside the collection hit `unimplemented!()` in the crate; it is
    /// one feature made of its members' polygons, as topojson-client reads it.
    #[test]
    fn a_nested_collection_is_one_feature() {
        let text = TOPO.replace(
            r#"{"type":"Polygon","arcs":[[2,-1]],"properties":{"WARD_NO":"W-2","NAME":"Ward Two","POP":9000}}"#,
            r#"{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[2,-1]]},{"type":"Point","coordinates":[1,2]}],"properties":{"WARD_NO":"W-2"}}"#,
        );
        assert_ne!(text, TOPO);
        let got = import(&text).unwrap();
        assert_eq!(numbers(&got), ["1", "2"]);
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
