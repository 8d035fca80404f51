//! GeoJSON ward maps: a FeatureCollection of (Multi)Polygons with any properties. The bundled
//! maps use Kshetra's normalised schema (`ward_no`, `ward_name`, `population`, `zone`), which
//! the automatic field mapping recognises.
//!
//! A `crs` member (old GeoJSON 2008) naming a covered projected system (UTM, Web Mercator) is
//! honoured and the coordinates converted; projected coordinates without one are an error.

use geo::{MultiPolygon, Polygon};
use geojson::{FeatureCollection, GeometryValue, JsonValue};

use super::crs::Crs;
use super::raw::{Format, RawGeometry, RawLayer, TableBuilder, Value};
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

/// Parses JSON text, reporting the position of a syntax error.
pub(crate) fn json_value(file: &str, bytes: &[u8]) -> Result<JsonValue, ImportError> {
    let file_name = || file.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file_name() });
    }
    // A UTF-8 byte-order mark is common in files saved by Windows tools.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text =
        std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 { file: file_name() })?;
    serde_json::from_str(text).map_err(|e| ImportError::InvalidJson {
        file: file_name(),
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })
}

/// Reads a GeoJSON FeatureCollection into a raw layer.
pub fn read(file: &str, bytes: &[u8]) -> Result<RawLayer, ImportError> {
    let file_name = || file.to_string();
    let value = json_value(file, bytes)?;
    let found = value
        .get("type")
        .and_then(JsonValue::as_str)
        .unwrap_or(if value.is_object() { "an object without \"type\"" } else { "not an object" })
        .to_string();
    if found != "FeatureCollection" {
        return Err(ImportError::NotFeatureCollection { file: file_name(), found });
    }
    let crs_name = value
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
    let collection: FeatureCollection = serde_json::from_value(value).map_err(|e| {
        // Structurally wrong GeoJSON (e.g. a polygon ring of bare numbers): no position known.
        ImportError::InvalidJson { file: file_name(), line: 0, column: 0, detail: e.to_string() }
    })?;

    let mut table = TableBuilder::default();
    for (idx, feature) in collection.features.into_iter().enumerate() {
        let pairs = feature
            .properties
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, json_to_value(&v)))
            .collect();
        let mut geometry = match feature.geometry {
            None => RawGeometry::Missing,
            Some(g) => geometry_of(&g.value),
        };
        if let RawGeometry::Polygons(m) = &mut geometry {
            crs.transform(m);
        }
        table.push(idx + 1, pairs, geometry);
    }
    let mut raw = table.finish(file, Format::GeoJson);
    if crs != Crs::LonLat {
        let name = crs_name.unwrap_or_default();
        raw.warnings.push(ImportWarning::Reprojected { from: name.clone() });
        raw.reprojected_from = Some(name);
    }
    Ok(raw)
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

/// The polygons of a GeoJSON geometry (a collection's polygons; other parts ignored).
pub(crate) fn geometry_of(value: &GeometryValue) -> RawGeometry {
    match value {
        GeometryValue::Polygon { .. } => match Polygon::try_from(value) {
            Ok(p) => RawGeometry::Polygons(MultiPolygon::new(vec![p])),
            Err(_) => RawGeometry::Polygons(MultiPolygon::new(vec![])),
        },
        GeometryValue::MultiPolygon { .. } => RawGeometry::Polygons(
            MultiPolygon::try_from(value).unwrap_or_else(|_| MultiPolygon::new(vec![])),
        ),
        GeometryValue::GeometryCollection { geometries } => {
            let mut polys = Vec::new();
            for g in geometries {
                if let RawGeometry::Polygons(m) = geometry_of(&g.value) {
                    polys.extend(m.0);
                }
            }
            if polys.is_empty() {
                RawGeometry::Other("GeometryCollection".into())
            } else {
                RawGeometry::Polygons(MultiPolygon::new(polys))
            }
        }
        other => RawGeometry::Other(other.type_name().to_string()),
    }
}

#[cfg(test)]
mod tests;
