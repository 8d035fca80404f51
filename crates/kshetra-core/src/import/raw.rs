//! The raw layer: what a map file holds, before the officer says which column means what.

use geo::MultiPolygon;
use indexmap::IndexSet;

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
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum RawGeometry {
    /// No shape at all (null geometry, null shape, placemark without geometry).
    #[default]
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

/// One feature: its values by column of [`RawLayer::columns`], and a shape.
///
/// Values are kept sparsely: only the columns the feature has a value in, in column order
/// (issue 19: a GeoJSON of 11,000 features each with its own property name took 3.2 GB when
/// every feature held a slot for every column). Read them with [`RawFeature::value`] and
/// [`RawFeature::values`]; absent and empty values read as `None` alike.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawFeature {
    /// 1-based position in the file (feature, placemark or record number).
    pub number: usize,
    /// (column index, value) for the columns that have a value, sorted by column, each
    /// column at most once.
    values: Vec<(u32, Value)>,
    /// The shape.
    pub geometry: RawGeometry,
}

impl RawFeature {
    /// A feature from (column index, value) pairs in any order; a later pair for the same
    /// column wins, a `None` there included.
    pub fn new(
        number: usize,
        pairs: impl IntoIterator<Item = (usize, Option<Value>)>,
        geometry: RawGeometry,
    ) -> RawFeature {
        let mut pairs: Vec<(usize, Option<Value>)> = pairs.into_iter().collect();
        let sorted = pairs.windows(2).all(|w| w[0].0 < w[1].0);
        if !sorted {
            // Stable: of equal columns the later pair stays last, and is the one kept.
            pairs.sort_by_key(|&(c, _)| c);
            let mut kept: Vec<(usize, Option<Value>)> = Vec::with_capacity(pairs.len());
            for pair in pairs {
                match kept.last_mut() {
                    Some(last) if last.0 == pair.0 => *last = pair,
                    _ => kept.push(pair),
                }
            }
            pairs = kept;
        }
        let values =
            pairs.into_iter().filter_map(|(c, v)| Some((u32::try_from(c).ok()?, v?))).collect();
        RawFeature { number, values, geometry }
    }

    /// A feature from one entry per column (a Shapefile record).
    pub fn from_dense(number: usize, values: Vec<Option<Value>>, geometry: RawGeometry) -> Self {
        RawFeature::new(number, values.into_iter().enumerate(), geometry)
    }

    /// The value in column `idx`.
    pub fn value(&self, idx: usize) -> Option<&Value> {
        let idx = u32::try_from(idx).ok()?;
        let at = self.values.binary_search_by_key(&idx, |&(c, _)| c).ok()?;
        Some(&self.values[at].1)
    }

    /// The values present, as (column index, value), in column order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = (usize, &Value)> + '_ {
        self.values.iter().map(|(c, v)| (*c as usize, v))
    }

    /// The values as one entry per column of a layer of `columns` columns (for callers that
    /// want a row; costs a slot per column).
    pub fn dense(&self, columns: usize) -> Vec<Option<&Value>> {
        let mut row = vec![None; columns];
        for (c, v) in self.values() {
            if let Some(slot) = row.get_mut(c) {
                *slot = Some(v);
            }
        }
        row
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

    /// [`RawLayer::samples`] of every column, in one pass over the values present (not
    /// columns × features lookups: a file may have a column per feature).
    pub fn all_samples(&self, n: usize) -> Vec<Vec<String>> {
        self.samples_of(&(0..self.columns.len()).collect::<Vec<_>>(), n)
    }

    /// [`RawLayer::samples`] of the given columns (in that order), in one pass over the values
    /// present.
    pub fn samples_of(&self, columns: &[usize], n: usize) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = vec![Vec::new(); columns.len()];
        // Slot in `out` of each column of the layer (usize::MAX: not asked for).
        let mut slot = vec![usize::MAX; self.columns.len()];
        for (i, &c) in columns.iter().enumerate() {
            if let Some(s) = slot.get_mut(c) {
                *s = i;
            }
        }
        let asked = out.len() - columns.iter().filter(|&&c| c >= self.columns.len()).count();
        let mut full = if n == 0 { out.len() } else { 0 };
        for f in &self.features {
            if full >= asked {
                break;
            }
            for (c, v) in f.values() {
                let Some(col) = slot.get(c).and_then(|&s| out.get_mut(s)) else { continue };
                if col.len() >= n {
                    continue;
                }
                let t = v.to_text();
                if !col.contains(&t) {
                    col.push(t);
                    if col.len() == n {
                        full += 1;
                    }
                }
            }
        }
        // A column asked for twice has its samples in its last slot only.
        for (i, &c) in columns.iter().enumerate() {
            if let Some(&s) = slot.get(c) {
                if s != i {
                    out[i] = out[s].clone();
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
    /// The column names, each with its index (a file may have a column per feature: no
    /// linear search, and each name kept once).
    columns: IndexSet<String>,
    features: Vec<RawFeature>,
}

impl TableBuilder {
    pub fn column_index(&mut self, name: &str) -> usize {
        match self.columns.get_index_of(name) {
            Some(i) => i,
            None => self.columns.insert_full(name.to_string()).0,
        }
    }

    /// Adds a feature from (name, value) pairs; a later pair of the same name wins.
    pub fn push(
        &mut self,
        number: usize,
        pairs: Vec<(String, Option<Value>)>,
        geometry: RawGeometry,
    ) {
        let pairs: Vec<(usize, Option<Value>)> =
            pairs.into_iter().map(|(name, value)| (self.column_index(&name), value)).collect();
        self.features.push(RawFeature::new(number, pairs, geometry));
    }

    pub fn finish(self, file: &str, format: Format) -> RawLayer {
        RawLayer {
            file: file.to_string(),
            format,
            columns: self.columns.into_iter().collect(),
            features: self.features,
            reprojected_from: None,
            warnings: Vec::new(),
        }
    }
}
