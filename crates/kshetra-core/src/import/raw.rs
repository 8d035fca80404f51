//! The raw layer: what a map file holds, before the officer says which column means what.

use geo::MultiPolygon;

/// A map file format Kshetra reads.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Format {
    /// GeoJSON FeatureCollection.
    GeoJson,
    /// TopoJSON Topology.
    TopoJson,
    /// KML (Google Earth, My Maps).
    Kml,
    /// KMZ: a zipped KML.
    Kmz,
    /// Zipped Shapefile (.shp, .shx, .dbf, .prj, .cpg).
    Shapefile,
}

impl Format {
    /// Short name shown to people ("KML", "Shapefile", …).
    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "GeoJSON",
            Format::TopoJson => "TopoJSON",
            Format::Kml => "KML",
            Format::Kmz => "KMZ",
            Format::Shapefile => "Shapefile",
        }
    }
}

/// One property value as found in the file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    /// Text (trimmed; never empty: empty text is no value).
    Text(String),
    /// A number stored as a number (JSON number, DBF numeric, typed KML field is still text).
    Number(f64),
}

impl Value {
    /// The value as text: numbers without a needless ".0".
    pub fn to_text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) => number_text(*n),
        }
    }

    /// A text value from a string: trimmed, `None` when empty.
    pub fn text(s: &str) -> Option<Value> {
        let t = s.trim();
        (!t.is_empty()).then(|| Value::Text(t.to_string()))
    }
}

/// A number as people write it: whole numbers without decimals.
pub(crate) fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A feature's shape, already in WGS84 longitude/latitude when the file said how to get there.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum RawGeometry {
    /// No shape at all (null geometry, null shape, placemark without geometry).
    Missing,
    /// Polygons (possibly empty or degenerate: checked by [`super::apply`]).
    Polygons(MultiPolygon<f64>),
    /// Some other kind of shape (point, line, …), named as the file names it.
    Other(String),
    /// A shape that cannot be read: a position that is not two numbers, an arc not in the file.
    Unreadable(ShapeProblem),
}

impl RawGeometry {
    /// A geometry collection's shape from its members' (read lazily, in order): their
    /// polygons joined; unreadable as soon as a member is; `Other("GeometryCollection")`
    /// when no member has polygons. GeoJSON and TopoJSON read collections alike.
    pub(crate) fn collection(members: impl IntoIterator<Item = RawGeometry>) -> RawGeometry {
        let mut polys = Vec::new();
        for member in members {
            match member {
                RawGeometry::Polygons(m) => polys.extend(m.0),
                RawGeometry::Unreadable(p) => return RawGeometry::Unreadable(p),
                RawGeometry::Missing | RawGeometry::Other(_) => {}
            }
        }
        if polys.is_empty() {
            RawGeometry::Other("GeometryCollection".into())
        } else {
            RawGeometry::Polygons(MultiPolygon::new(polys))
        }
    }
}

/// Why a feature's shape cannot be read (the feature is skipped with a warning).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ShapeProblem {
    /// Coordinates that are not positions of two numbers (`[80.9]`, `["80.9", 26.8]`, `null`,
    /// a ring of bare numbers, a decoded coordinate out of range). `found` is the offending
    /// part as written in the file (JSON, shortened).
    BadCoordinates {
        /// The offending part, as JSON text (at most about 60 characters).
        found: String,
    },
    /// A TopoJSON arc index with no arc in the file.
    MissingArc {
        /// The index as written (`~i`, i.e. negative, for a reversed arc).
        arc: i64,
        /// Number of arcs in the file.
        arcs: usize,
    },
}

impl ShapeProblem {
    /// [`ShapeProblem::BadCoordinates`] for a JSON value, shortened for messages.
    pub(crate) fn bad(found: &serde_json::Value) -> ShapeProblem {
        let mut text = found.to_string();
        if text.chars().count() > 60 {
            text = text.chars().take(57).collect::<String>() + "…";
        }
        ShapeProblem::BadCoordinates { found: text }
    }
}

/// One feature: values aligned with [`RawLayer::columns`], and a shape.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawFeature {
    /// 1-based position in the file (feature, placemark or record number).
    pub number: usize,
    /// One entry per column of the layer; `None` where the feature has no value.
    pub values: Vec<Option<Value>>,
    /// The shape.
    pub geometry: RawGeometry,
}

impl RawFeature {
    /// The value in column `idx`.
    pub fn value(&self, idx: usize) -> Option<&Value> {
        self.values.get(idx).and_then(Option::as_ref)
    }
}

/// A map file as read: its features, their property table and what reading it noticed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawLayer {
    /// The file name, for messages.
    pub file: String,
    /// The format detected.
    pub format: Format,
    /// Column (property, field) names in file order.
    pub columns: Vec<String>,
    /// The features in file order.
    pub features: Vec<RawFeature>,
    /// The declared coordinate system when it was not plain longitude/latitude (then the
    /// geometry has been converted from it), e.g. "WGS 84 / UTM zone 44N".
    pub reprojected_from: Option<String>,
    /// Problems met while reading (encoding assumed, missing index, …).
    pub warnings: Vec<super::ImportWarning>,
}

impl RawLayer {
    /// Index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Up to `n` distinct example values of a column, in file order, for the mapping preview.
    pub fn samples(&self, column: usize, n: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.features {
            if out.len() >= n {
                break;
            }
            if let Some(v) = f.value(column) {
                let t = v.to_text();
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }
}

/// Builds the column list and row values while reading features whose properties come as
/// (name, value) pairs in any order. Columns are kept in order of first appearance.
#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    pub columns: Vec<String>,
    pub rows: Vec<(usize, Vec<Option<Value>>, RawGeometry)>,
}

impl TableBuilder {
    pub fn column_index(&mut self, name: &str) -> usize {
        match self.columns.iter().position(|c| c == name) {
            Some(i) => i,
            None => {
                self.columns.push(name.to_string());
                self.columns.len() - 1
            }
        }
    }

    /// Adds a feature from (name, value) pairs; a later pair of the same name wins.
    pub fn push(
        &mut self,
        number: usize,
        pairs: Vec<(String, Option<Value>)>,
        geometry: RawGeometry,
    ) {
        let mut values: Vec<Option<Value>> = Vec::new();
        for (name, value) in pairs {
            let idx = self.column_index(&name);
            if values.len() <= idx {
                values.resize(idx + 1, None);
            }
            values[idx] = value;
        }
        self.rows.push((number, values, geometry));
    }

    pub fn finish(self, file: &str, format: Format) -> RawLayer {
        let n = self.columns.len();
        let features = self
            .rows
            .into_iter()
            .map(|(number, mut values, geometry)| {
                values.resize(n, None);
                RawFeature { number, values, geometry }
            })
            .collect();
        RawLayer {
            file: file.to_string(),
            format,
            columns: self.columns,
            features,
            reprojected_from: None,
            warnings: Vec::new(),
        }
    }
}
