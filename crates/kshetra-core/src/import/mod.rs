//! Import: file contents in, [`WardMap`] plus warnings out.
//!
//! **Invariant:** importers never fail on recoverable problems. A feature that cannot be used
//! is skipped with an [`ImportWarning`]; an [`ImportError`] means nothing usable was produced.
//! Nothing here touches files or the network: callers pass the bytes and the file name.

pub mod geojson;

use crate::model::WardMap;

/// A successful import: the map and what was skipped or repaired on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The wards read.
    pub map: WardMap,
    /// Problems that did not stop the import, in file order.
    pub warnings: Vec<ImportWarning>,
}

/// Why a file could not be imported at all. Every variant names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file has no bytes.
    #[error("{file}: the file is empty")]
    Empty {
        /// File name.
        file: String,
    },
    /// The bytes are not UTF-8 text.
    #[error("{file}: not UTF-8 text")]
    NotUtf8 {
        /// File name.
        file: String,
    },
    /// The text is not valid JSON/GeoJSON.
    #[error("{file}: invalid GeoJSON at line {line}, column {column}: {detail}")]
    InvalidJson {
        /// File name.
        file: String,
        /// 1-based line of the error (0 when unknown).
        line: usize,
        /// 1-based column of the error (0 when unknown).
        column: usize,
        /// Parser message.
        detail: String,
    },
    /// Valid GeoJSON, but not a FeatureCollection.
    #[error("{file}: expected a FeatureCollection, found {found}")]
    NotFeatureCollection {
        /// File name.
        file: String,
        /// What was found instead.
        found: String,
    },
    /// Coordinates are not longitude/latitude (e.g. projected metres).
    #[error("{file}: feature {feature} has coordinates outside longitude/latitude range")]
    NotLonLat {
        /// File name.
        file: String,
        /// 1-based feature number.
        feature: usize,
    },
    /// Every feature was skipped.
    #[error("{file}: no usable ward ({skipped} features skipped)")]
    NoWards {
        /// File name.
        file: String,
        /// Number of features skipped.
        skipped: usize,
    },
}

/// A recoverable problem met while importing. Feature numbers are 1-based, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWarning {
    /// A feature has no geometry; skipped.
    NoGeometry {
        /// Feature number.
        feature: usize,
    },
    /// A feature is not a (multi)polygon; skipped.
    NotPolygon {
        /// Feature number.
        feature: usize,
        /// GeoJSON geometry type found.
        kind: String,
    },
    /// A polygon feature without any area; skipped.
    EmptyGeometry {
        /// Feature number.
        feature: usize,
    },
    /// A feature without a ward number; skipped.
    NoWardNumber {
        /// Feature number.
        feature: usize,
    },
    /// A ward number seen before; the later feature is skipped.
    DuplicateWard {
        /// Ward number.
        ward: String,
        /// Feature number of the skipped duplicate.
        feature: usize,
        /// Feature number of the first occurrence (kept).
        first: usize,
    },
    /// A population value that is not a non-negative whole number; left empty.
    BadPopulation {
        /// Ward number.
        ward: String,
        /// The value as found in the file.
        value: String,
    },
}
