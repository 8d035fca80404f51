//! GeoJSON ward maps in Kshetra's normalised schema: a FeatureCollection of (Multi)Polygons
//! with properties `ward_no`, `ward_name`, `population`, `zone` (as in the bundled maps).

use std::collections::BTreeMap;

use geo::{Area, MultiPolygon, Polygon};
use geojson::{FeatureCollection, GeometryValue, JsonObject, JsonValue};

use super::{ImportError, ImportWarning, Imported};
use crate::geometry::is_lon_lat;
use crate::model::{Ward, WardMap};

/// Parses a ward map from GeoJSON bytes. `file` names the file in messages.
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
    let file_name = || file.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file_name() });
    }
    // A UTF-8 byte-order mark is common in files saved by Windows tools.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 { file: file_name() })?;
    let value: JsonValue = serde_json::from_str(text).map_err(|e| ImportError::InvalidJson {
        file: file_name(),
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })?;
    let found = value
        .get("type")
        .and_then(JsonValue::as_str)
        .unwrap_or(if value.is_object() { "an object without \"type\"" } else { "not an object" })
        .to_string();
    if found != "FeatureCollection" {
        return Err(ImportError::NotFeatureCollection { file: file_name(), found });
    }
    let collection: FeatureCollection = serde_json::from_value(value).map_err(|e| {
        // Structurally wrong GeoJSON (e.g. a polygon ring of bare numbers): no position known.
        ImportError::InvalidJson { file: file_name(), line: 0, column: 0, detail: e.to_string() }
    })?;

    let mut wards = Vec::new();
    let mut warnings = Vec::new();
    let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
    let n_features = collection.features.len();
    for (idx, feature) in collection.features.into_iter().enumerate() {
        let feature_no = idx + 1;
        let Some(geometry) = feature.geometry else {
            warnings.push(ImportWarning::NoGeometry { feature: feature_no });
            continue;
        };
        let multi: MultiPolygon<f64> = match &geometry.value {
            GeometryValue::Polygon { .. } => match Polygon::try_from(&geometry.value) {
                Ok(p) => MultiPolygon::new(vec![p]),
                Err(_) => {
                    warnings.push(ImportWarning::EmptyGeometry { feature: feature_no });
                    continue;
                }
            },
            GeometryValue::MultiPolygon { .. } => match MultiPolygon::try_from(&geometry.value) {
                Ok(m) => m,
                Err(_) => {
                    warnings.push(ImportWarning::EmptyGeometry { feature: feature_no });
                    continue;
                }
            },
            other => {
                warnings.push(ImportWarning::NotPolygon {
                    feature: feature_no,
                    kind: other.type_name().to_string(),
                });
                continue;
            }
        };
        if multi.0.is_empty() || multi.unsigned_area() == 0.0 {
            warnings.push(ImportWarning::EmptyGeometry { feature: feature_no });
            continue;
        }
        if !is_lon_lat(&multi) {
            return Err(ImportError::NotLonLat { file: file_name(), feature: feature_no });
        }
        let props = feature.properties.unwrap_or_default();
        let Some(number) = text_property(&props, "ward_no") else {
            warnings.push(ImportWarning::NoWardNumber { feature: feature_no });
            continue;
        };
        if let Some(&first) = first_seen.get(&number) {
            warnings.push(ImportWarning::DuplicateWard { ward: number, feature: feature_no, first });
            continue;
        }
        first_seen.insert(number.clone(), feature_no);
        let population = match props.get("population") {
            None | Some(JsonValue::Null) => None,
            Some(v) => match count_value(v) {
                Some(p) => Some(p),
                None => {
                    let value = match v {
                        JsonValue::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    // An empty string is simply "not entered", not a bad value.
                    if !value.trim().is_empty() {
                        warnings.push(ImportWarning::BadPopulation { ward: number.clone(), value });
                    }
                    None
                }
            },
        };
        wards.push(Ward {
            number,
            name: text_property(&props, "ward_name"),
            zone: text_property(&props, "zone"),
            population,
            geometry: multi,
        });
    }
    if wards.is_empty() {
        return Err(ImportError::NoWards { file: file_name(), skipped: n_features });
    }
    Ok(Imported { map: WardMap::new(wards), warnings })
}

/// A property as trimmed text: strings as they are, numbers printed; empty → `None`.
fn text_property(props: &JsonObject, key: &str) -> Option<String> {
    let s = match props.get(key)? {
        JsonValue::String(s) => s.trim().to_string(),
        JsonValue::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A non-negative whole count from a JSON number or a numeric string ("25,889" allowed).
fn count_value(v: &JsonValue) -> Option<u64> {
    match v {
        JsonValue::Number(n) => n.as_u64().or_else(|| {
            let f = n.as_f64()?;
            (f >= 0.0 && f.fract() == 0.0 && f < 9.0e15).then_some(f as u64)
        }),
        JsonValue::String(s) => {
            let cleaned: String = s.trim().chars().filter(|c| *c != ',').collect();
            cleaned.parse::<u64>().ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
