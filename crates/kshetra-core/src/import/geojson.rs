//! GeoJSON ward maps: a FeatureCollection of (Multi)Polygons with any properties. The bundled
//! maps use Kshetra's normalised schema (`ward_no`, `ward_name`, `population`, `zone`), which
//! the automatic field mapping recognises.
//!
//! A `crs` member (old GeoJSON 2008) naming a covered system (any EPSG code of a transverse
//! Mercator / UTM, Mercator / Web Mercator, Lambert conformal conic or geographic system; see
//! [`super::crs`]) is honoured and the coordinates converted; projected coordinates without
//! one are an error.

use geo::{Coord, LineString, MultiPolygon, Polygon};
use geojson::{FeatureCollection, JsonValue};

use super::crs::Crs;
use super::raw::{Format, RawGeometry, RawLayer, ShapeProblem, TableBuilder, Value};
use super::{ImportError, ImportWarning, Imported};

/// Parses a ward map from GeoJSON bytes with the automatic field mapping. `file` names the
/// file in messages.
///
/// ```
/// let text = br#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"ward_no":"7","ward_name":"Aminabad","population":12345,"zone":"1"},
///   "geometry":{"type":"Polygon","coordinates":[[[80.9,26.8],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]}}]}"#;
/// let imported = kshetra_core::import::geojson::parse("wards.geojson", text).unwrap();
/// assert_eq!(imported.map.wards()[0].number, "7");
/// assert!(imported.warnings.is_empty());
/// ```
pub fn parse(file: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let raw = read(file, bytes)?;
    let mapping = super::FieldMapping::detect(&raw);
    super::apply(&raw, &mapping)
}

/// Most JSON values (numbers, strings, lists, objects) a map file may hold, counted before
/// parsing. Measured natively (release, issue 19): 7.9 million values of `[1,1,…]` (16 MB)
/// took 820 MB to parse, and 1.3 million positions `[85.8123456,20.2712345]` (31 MB, 3.9 million
/// values) 650 MB; 25 million values (50 MB) are refused in 40 ms at 51 MB. The bundled maps
/// hold 25–51 thousand values (13 bytes a value); a 10,000-ward, 50 MB grid map (the
/// worker's end-to-end test) holds 6.1 million, which must import. The bound is twice that:
/// any map up to 50 MB at 4 or more bytes a value, while 50 MB of `[1,1,…]` is refused.
/// Nesting is bounded by serde_json's recursion limit (128).
pub const MAX_JSON_VALUES: usize = 12_000_000;

/// Counts JSON values in `bytes` cheaply, without parsing: separators (`,`) and openings
/// (`[`, `{`) outside strings, plus one. Stops counting a little past `stop`.
pub(crate) fn count_values(bytes: &[u8], stop: usize) -> usize {
    let (mut count, mut in_string, mut escaped) = (1usize, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b'[' | b'{' => {
                    count += 1;
                    if count > stop {
                        return count;
                    }
                }
                _ => {}
            }
        }
    }
    count
}

/// The bytes of a JSON file as text (UTF-8 or UTF-16, a byte-order mark dropped), refused
/// when empty or holding more than [`MAX_JSON_VALUES`] values
/// ([`ImportError::TooManyValues`]). `utf16` keeps the converted bytes of a UTF-16 file.
pub(crate) fn json_text<'a>(
    file: &str,
    bytes: &'a [u8],
    utf16: &'a mut Option<Vec<u8>>,
) -> Result<&'a str, ImportError> {
    let file_name = || file.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file_name() });
    }
    // UTF-16 (Excel, some Windows tools) is read as the same text in UTF-8; a UTF-8
    // byte-order mark is common in files saved by Windows tools.
    *utf16 = super::text::utf16_as_utf8(bytes);
    let bytes = utf16.as_deref().unwrap_or(bytes);
    let text = super::text::utf8(file, bytes)?;
    let values = count_values(text.as_bytes(), MAX_JSON_VALUES);
    if values > MAX_JSON_VALUES {
        return Err(ImportError::TooManyValues {
            file: file_name(),
            values,
            limit: MAX_JSON_VALUES,
        });
    }
    Ok(text)
}

/// A JSON syntax error, with its position.
pub(crate) fn invalid_json(file: &str, e: &serde_json::Error) -> ImportError {
    ImportError::InvalidJson {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
        cut_off: e.is_eof(),
    }
}

/// Reads a GeoJSON FeatureCollection into a raw layer.
///
/// The features are read one at a time as the text is parsed (their shapes and properties
/// go straight into the layer), never as one tree of the whole file: the tree of a 50 MB
/// file of small features took about 1.1 GB (issue 19). Each feature is checked as the
/// geojson crate checks it (`"type": "Feature"`, properties an object, …), and the
/// collection's other members too, so the errors are those of reading it whole.
pub fn read(file: &str, bytes: &[u8]) -> Result<RawLayer, ImportError> {
    let file_name = || file.to_string();
    let mut utf16 = None;
    let text = json_text(file, bytes, &mut utf16)?;
    let mut reading = Reading::default();
    let mut de = serde_json::Deserializer::from_str(text);
    serde::de::DeserializeSeed::deserialize(&mut reading, &mut de)
        .and_then(|()| de.end())
        .map_err(|e| invalid_json(file, &e))?;
    let Reading { top, members, features, table, problem } = reading;
    let found = match top {
        Top::NotAnObject => "not an object".to_string(),
        Top::Object => members
            .get("type")
            .and_then(JsonValue::as_str)
            .unwrap_or("an object without \"type\"")
            .to_string(),
    };
    if found != "FeatureCollection" {
        return Err(ImportError::NotFeatureCollection { file: file_name(), found });
    }
    let crs_name = members
        .get("crs")
        .and_then(|c| c.get("properties"))
        .and_then(|p| p.get("name").or_else(|| p.get("code")))
        .map(|n| match n {
            JsonValue::String(s) => s.clone(),
            other => format!("EPSG:{other}"),
        });
    let crs = match &crs_name {
        None => Crs::LonLat,
        Some(name) => Crs::from_name(name)
            .ok_or_else(|| ImportError::UnsupportedCrs { file: file_name(), crs: name.clone() })?,
    };
    // Structurally wrong GeoJSON (e.g. a feature of another type): no position known. The
    // collection's members are checked with an empty feature list in place of the features
    // read (or with what stood there when it was not a list).
    let structural = |detail: String| ImportError::InvalidJson {
        file: file_name(),
        line: 0,
        column: 0,
        detail,
        cut_off: false,
    };
    let mut members = members;
    if let Some(features) = features {
        members.insert("features".into(), features);
    }
    serde_json::from_value::<FeatureCollection>(JsonValue::Object(members))
        .map_err(|e| structural(e.to_string()))?;
    if let Some(detail) = problem {
        return Err(structural(detail));
    }
    let mut raw = table.finish(file, Format::GeoJson);
    if crs != Crs::LonLat {
        for f in &mut raw.features {
            if let RawGeometry::Polygons(m) = &mut f.geometry {
                crs.transform(m);
            }
        }
        let name = crs_name.unwrap_or_default();
        raw.warnings.push(ImportWarning::Reprojected { from: name.clone() });
        raw.reprojected_from = Some(name);
    }
    Ok(raw)
}

/// What the top of a GeoJSON file is.
#[derive(Debug, Default)]
enum Top {
    /// An object (its members other than `features` are in [`Reading::members`]).
    #[default]
    Object,
    /// Anything else.
    NotAnObject,
}

/// A GeoJSON file being read: its top-level members but the features, and the features
/// read so far into the layer's table.
#[derive(Default)]
struct Reading {
    top: Top,
    /// The members other than `features` (type, crs, bbox, foreign members).
    members: serde_json::Map<String, JsonValue>,
    /// What `features` held when it was not a list (for the structural error); an empty
    /// list when it was one; `None` when there was none.
    features: Option<JsonValue>,
    table: TableBuilder,
    /// The first feature the geojson crate would refuse, and why.
    problem: Option<String>,
}

impl Reading {
    /// Takes one feature (a small tree) into the table: its shape read with checked code,
    /// the rest checked as the geojson crate checks a feature.
    fn feature(&mut self, number: usize, mut feature: JsonValue) {
        if self.problem.is_some() {
            return;
        }
        // Shapes are read here, with checked code, before the geojson crate sees the feature:
        // its conversion to geo types indexes positions (`[0]`, `[1]`) and panics on `[80.9]`.
        let geometry = match feature.get_mut("geometry") {
            Some(g) => shape_of(&std::mem::take(g)),
            None => RawGeometry::Missing,
        };
        // Properties that are an object (or null) are taken out before the check: the
        // geojson crate copies a feature's members while checking it.
        let properties = match feature.get_mut("properties") {
            Some(p @ (JsonValue::Object(_) | JsonValue::Null)) => std::mem::take(p),
            _ => JsonValue::Null,
        };
        if let Err(e) = serde_json::from_value::<geojson::Feature>(feature) {
            self.problem = Some(e.to_string());
            return;
        }
        let pairs = match properties {
            JsonValue::Object(map) => {
                map.into_iter().map(|(k, v)| (k, json_to_value(&v))).collect()
            }
            _ => Vec::new(),
        };
        self.table.push(number, pairs, geometry);
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Reading {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Reading {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON FeatureCollection")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.top = Top::Object;
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" {
                // A later `features` replaces an earlier one, as in a JSON object.
                self.table = TableBuilder::default();
                self.problem = None;
                self.features = Some(map.next_value_seed(Features(self))?);
            } else {
                let value: JsonValue = map.next_value()?;
                self.members.insert(key, value);
            }
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        self.top = Top::NotAnObject;
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.top = Top::NotAnObject;
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.top = Top::NotAnObject;
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.top = Top::NotAnObject;
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.top = Top::NotAnObject;
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.top = Top::NotAnObject;
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.top = Top::NotAnObject;
        Ok(())
    }
}

/// The `features` member: a list read one feature at a time into [`Reading::feature`], or
/// anything else kept as it is (for the structural error).
struct Features<'r>(&'r mut Reading);

impl<'de> serde::de::DeserializeSeed<'de> for Features<'_> {
    type Value = JsonValue;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<JsonValue, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Features<'_> {
    type Value = JsonValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of features")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<JsonValue, A::Error> {
        let mut number = 0;
        while let Some(feature) = seq.next_element::<JsonValue>()? {
            number += 1;
            self.0.feature(number, feature);
        }
        Ok(JsonValue::Array(Vec::new()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<JsonValue, A::Error> {
        serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }

    fn visit_bool<E>(self, v: bool) -> Result<JsonValue, E> {
        Ok(JsonValue::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<JsonValue, E> {
        Ok(JsonValue::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<JsonValue, E> {
        Ok(JsonValue::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<JsonValue, E> {
        Ok(JsonValue::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<JsonValue, E> {
        Ok(JsonValue::String(v.to_string()))
    }

    fn visit_unit<E>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
}

/// A JSON property as a raw value: strings trimmed (empty → none), numbers as numbers,
/// booleans as text, null/arrays/objects as none/text.
pub(crate) fn json_to_value(v: &JsonValue) -> Option<Value> {
    match v {
        JsonValue::Null => None,
        JsonValue::String(s) => Value::text(s),
        JsonValue::Number(n) => n.as_f64().map(Value::Number),
        JsonValue::Bool(b) => Some(Value::Text(b.to_string())),
        other => Value::text(&other.to_string()),
    }
}

/// The polygons of a GeoJSON geometry object (a collection's polygons; other parts ignored),
/// read with checked code: every position must be an array starting with two numbers.
/// A ring with fewer than three positions has no area and is dropped (a polygon without its
/// outer ring with it); a bad position anywhere makes the whole shape
/// [`RawGeometry::Unreadable`].
pub(crate) fn shape_of(g: &JsonValue) -> RawGeometry {
    if g.is_null() {
        return RawGeometry::Missing;
    }
    let Some(kind) = g.get("type").and_then(JsonValue::as_str) else {
        return RawGeometry::Unreadable(ShapeProblem::bad(g));
    };
    let coordinates = || g.get("coordinates").unwrap_or(&JsonValue::Null);
    let polygons = match kind {
        "Polygon" => polygon(coordinates()).map(|p| p.into_iter().collect()),
        "MultiPolygon" => match coordinates() {
            JsonValue::Array(polys) => polys
                .iter()
                .filter_map(|p| polygon(p).transpose())
                .collect::<Result<Vec<Polygon>, ShapeProblem>>(),
            other => Err(ShapeProblem::bad(other)),
        },
        "GeometryCollection" => {
            let Some(members) = g.get("geometries").and_then(JsonValue::as_array) else {
                return RawGeometry::Unreadable(ShapeProblem::bad(g));
            };
            return RawGeometry::collection(members.iter().map(shape_of));
        }
        other => return RawGeometry::Other(other.to_string()),
    };
    match polygons {
        Ok(polys) => RawGeometry::Polygons(MultiPolygon::new(polys)),
        Err(problem) => RawGeometry::Unreadable(problem),
    }
}

/// A GeoJSON polygon's coordinates (rings of positions); `None` when the outer ring has
/// fewer than three positions (no area).
fn polygon(v: &JsonValue) -> Result<Option<Polygon>, ShapeProblem> {
    let JsonValue::Array(rings) = v else { return Err(ShapeProblem::bad(v)) };
    let mut rings = rings.iter().map(ring);
    let Some(exterior) = rings.next().transpose()? else { return Ok(None) };
    let mut interiors = Vec::new();
    for r in rings {
        let r = r?;
        if r.0.len() >= 3 {
            interiors.push(r);
        }
    }
    Ok((exterior.0.len() >= 3).then(|| Polygon::new(exterior, interiors)))
}

/// A ring: an array of positions.
fn ring(v: &JsonValue) -> Result<LineString, ShapeProblem> {
    let JsonValue::Array(positions) = v else { return Err(ShapeProblem::bad(v)) };
    positions.iter().map(position).collect::<Result<Vec<Coord>, _>>().map(LineString::new)
}

/// A position: an array starting with two finite numbers (an altitude or more after them is
/// ignored).
pub(crate) fn position(v: &JsonValue) -> Result<Coord, ShapeProblem> {
    let number = |i: usize| {
        v.as_array().and_then(|a| a.get(i)).and_then(JsonValue::as_f64).filter(|x| x.is_finite())
    };
    match (number(0), number(1)) {
        (Some(x), Some(y)) => Ok(Coord { x, y }),
        _ => Err(ShapeProblem::bad(v)),
    }
}

#[cfg(test)]
mod tests;
