//! Import: file contents in, [`WardMap`] plus warnings out.
//!
//! Two stages, so the officer can look before anything is replaced:
//!
//! 1. [`read_any`] detects the format from the bytes and the file name and reads a
//!    [`RawLayer`]: features with their property table (columns in file order) and WGS84
//!    geometry (reprojected when the file declares a known projected CRS).
//! 2. [`FieldMapping::detect`] proposes which column is the ward number, name, population,
//!    households, poor households and zone; the officer confirms or changes it; [`apply`] builds
//!    the [`Imported`] map. [`import_auto`] does both with the proposed mapping.
//!
//! Formats: GeoJSON ([`geojson`]), TopoJSON ([`topojson`]), KML and KMZ ([`kml`]), zipped
//! Shapefile ([`shp`]). Crates used, all pure Rust and free of browser crates on wasm32:
//! `geojson`/`serde_json` (already the project's JSON stack), `quick-xml` (streaming XML, no
//! DOM, so a 50 MB KML stays cheap), `zip` without default features (only deflate; the defaults
//! pull bzip2/zstd/lzma C code and getrandom), `shapefile` + `dbase` with `encoding_rs` (DBF
//! code pages), `crs-definitions` (the EPSG table as PROJ strings, no dependencies).
//! Projections are done here ([`crs`]): the Rust proj4 port (`proj4rs`, `proj4wkt`) depends on
//! wasm-bindgen/js-sys/web-sys when built for wasm32, which breaks the "core knows no browser"
//! invariant; the methods offices' files use (transverse Mercator / UTM, Mercator / Web
//! Mercator, Lambert conformal conic, with datum shifts) are EPSG's published formulas.
//!
//! **Invariant:** importers never fail on recoverable problems. A feature that cannot be used
//! is skipped with an [`ImportWarning`]; an [`ImportError`] means nothing usable was produced.
//! Nothing here touches files or the network: callers pass the bytes and the file name.
//! No input may panic (property tests feed arbitrary and truncated bytes to every reader).

pub mod checks;
pub mod crs;
pub mod geojson;
pub mod kml;
mod mapping;
mod plausible;
mod raw;
pub mod shp;
mod text;
pub mod topojson;
mod wardno;

pub use checks::{problems, WardProblem};
pub use mapping::{
    apply, detect_columns, detect_table_columns, Field, FieldMapping, WardCount, MAX_WARD_AREA_M2,
};
pub use raw::{Format, RawFeature, RawGeometry, RawLayer, ShapeProblem, Value};
pub use wardno::{normalise_ward_number, parse_count};

/// Lower-case extension of a file name, without the dot ("" when none).
pub fn extension_of(name: &str) -> String {
    extension(name)
}

/// A whole non-negative number as a count.
pub fn count_of_f64(x: f64) -> Option<u64> {
    wardno::count_from_f64(x)
}

/// A number as people write it (whole numbers without ".0").
pub fn number_to_text(x: f64) -> String {
    raw::number_text(x)
}

use crate::model::WardMap;

/// A successful import: the map and what was skipped or repaired on the way.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Imported {
    /// The wards read.
    pub map: WardMap,
    /// Problems that did not stop the import, in file order.
    pub warnings: Vec<ImportWarning>,
}

/// Why a file could not be imported at all. Every variant names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ImportError {
    /// The file has no bytes.
    #[error("{file}: the file is empty")]
    Empty {
        /// File name.
        file: String,
    },
    /// The bytes are not UTF-8 (nor UTF-16, nor the encoding a KML declares).
    #[error("{file}: not UTF-8 text (line {line}, column {column}: bytes {bytes})")]
    NotUtf8 {
        /// File name.
        file: String,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
        /// The first bad bytes, in hex.
        bytes: String,
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
        /// The text ends before the JSON does (a download or copy cut short).
        #[serde(default)]
        cut_off: bool,
    },
    /// Valid GeoJSON, but not a FeatureCollection.
    #[error("{file}: expected a FeatureCollection, found {found}")]
    NotFeatureCollection {
        /// File name.
        file: String,
        /// What was found instead.
        found: String,
    },
    /// Coordinates are not longitude/latitude (e.g. projected metres) and the file does not
    /// say which projection they are in.
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
        /// Why, for the first [`NO_WARDS_SHOWN`] features skipped, in file order.
        first: Vec<ImportWarning>,
    },
    /// A KML holding only links (`<NetworkLink>`) to other files, no placemarks.
    #[error("{file}: only a NetworkLink to another file, no wards")]
    KmlNetworkLink {
        /// File name.
        file: String,
    },
    /// The reader stopped while reading the file (the browser's background worker failed:
    /// a crash or out of memory). Nothing was changed; the app is still running.
    #[error("{file}: the reader stopped unexpectedly")]
    ReaderStopped {
        /// File name.
        file: String,
    },
    /// Not a map format Kshetra reads (GeoJSON, TopoJSON, KML, KMZ, zipped Shapefile).
    #[error("{file}: not a ward map file (found {found})")]
    UnknownFormat {
        /// File name.
        file: String,
        /// What the bytes look like ("PDF", "image", "spreadsheet", "text", …).
        found: String,
    },
    /// A spreadsheet or CSV was given where a map was expected.
    #[error("{file}: a table, not a map; import it as the ward table")]
    TableNotMap {
        /// File name.
        file: String,
    },
    /// A bare `.shp`/`.dbf`/`.shx`: the parts of a Shapefile must come zipped together.
    #[error("{file}: one part of a Shapefile; zip the .shp, .shx, .dbf and .prj together")]
    ShapefileNotZipped {
        /// File name.
        file: String,
    },
    /// Broken XML (KML), e.g. a truncated file.
    #[error("{file}: invalid KML at line {line}: {detail}")]
    InvalidXml {
        /// File name.
        file: String,
        /// 1-based line of the error (0 when unknown).
        line: usize,
        /// Parser message.
        detail: String,
        /// The file ends inside an element (a download or copy cut short).
        #[serde(default)]
        cut_off: bool,
    },
    /// A KML whose closing tag does not match the open one (a hand edit, a bad merge).
    #[error("{file}: line {line}: </{found}> where </{expected}> was expected")]
    XmlMismatchedTag {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The element that was open.
        expected: String,
        /// The closing tag found.
        found: String,
    },
    /// The zip archive cannot be read (truncated, damaged, encrypted).
    #[error("{file}: damaged or incomplete zip archive: {detail}")]
    InvalidZip {
        /// File name.
        file: String,
        /// Reader message.
        detail: String,
    },
    /// A zip that holds neither a Shapefile nor a KML.
    #[error("{file}: the zip holds no .shp or .kml")]
    ZipWithoutMap {
        /// File name.
        file: String,
        /// What it holds instead (entry names, in archive order; empty for an empty zip).
        #[serde(default)]
        found: Vec<String>,
    },
    /// A zipped Shapefile lacks a part it needs.
    #[error("{file}: the Shapefile {shp} has no {missing} beside it")]
    ShapefilePartMissing {
        /// File name (the zip).
        file: String,
        /// The `.shp` inside the zip.
        shp: String,
        /// The missing extension, e.g. ".dbf".
        missing: String,
    },
    /// A Shapefile part cannot be read.
    #[error("{file}: {part} cannot be read: {detail}")]
    InvalidShapefile {
        /// File name (the zip).
        file: String,
        /// The part inside the zip.
        part: String,
        /// Reader message.
        detail: String,
    },
    /// The file declares a projection Kshetra cannot convert.
    #[error("{file}: unsupported coordinate system {crs}")]
    UnsupportedCrs {
        /// File name.
        file: String,
        /// The coordinate system as declared.
        crs: String,
    },
    /// The mapping chose no ward-number column (or the file has none).
    #[error("{file}: no column chosen for the ward number")]
    NoWardNumberColumn {
        /// File name.
        file: String,
        /// The file's columns, in file order (for the officer to choose from).
        #[serde(default)]
        columns: Vec<String>,
    },
    /// The JSON holds more values (numbers, lists, objects) than can be read safely
    /// ([`geojson::MAX_JSON_VALUES`]): the parsed tree would take gigabytes.
    #[error("{file}: {values} JSON values, more than the limit of {limit}")]
    TooManyValues {
        /// File name.
        file: String,
        /// Values counted (at least; counting stops a little past the limit).
        values: usize,
        /// The limit.
        limit: usize,
    },
    /// The ward-number column repeats so many numbers ([`WardCount::collapses`]) that
    /// importing would merge `features` features into `wards` wards: probably the wrong
    /// column (administrative letters beside the electoral ward number). The app asks the
    /// officer to confirm and applies again with [`FieldMapping::merge_duplicates`] set, or to
    /// choose another column.
    #[error("{file}: column {column} would make {features} features into {wards} wards")]
    WardsWouldMerge {
        /// File name.
        file: String,
        /// The ward-number column.
        column: String,
        /// Features with a ward number.
        features: usize,
        /// Distinct ward numbers.
        wards: usize,
    },
    /// The mapping names a column the file does not have.
    #[error("{file}: no column named {column}")]
    UnknownColumn {
        /// File name.
        file: String,
        /// The column asked for.
        column: String,
    },
}

/// How many skipped features [`ImportError::NoWards`] explains one by one.
pub const NO_WARDS_SHOWN: usize = 10;

/// Which kind of count a [`ImportWarning::BadCount`] is about.
pub use mapping::Field as CountField;

/// A recoverable problem met while importing. Feature numbers are 1-based, in file order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
        /// Geometry type found.
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
    /// The same ward number and name twice: one ward drawn in two pieces; the shapes were
    /// joined into one ward.
    DuplicateWardMerged {
        /// Ward number.
        ward: String,
        /// Feature number of the later piece.
        feature: usize,
        /// Feature number of the first piece.
        first: usize,
    },
    /// Ward number 0 (e.g. "Airport", "Cantonment" areas drawn with the wards): not a ward;
    /// skipped.
    NotAWard {
        /// Feature number.
        feature: usize,
        /// The feature's name, if any.
        name: String,
    },
    /// A self-intersecting or otherwise invalid shape was repaired.
    GeometryRepaired {
        /// Ward number.
        ward: String,
        /// Feature number.
        feature: usize,
    },
    /// An invalid shape could not be repaired; kept as drawn.
    GeometryInvalid {
        /// Ward number.
        ward: String,
        /// Feature number.
        feature: usize,
    },
    /// A household or poor-household value that is not a non-negative whole number; left empty.
    BadCount {
        /// Ward number.
        ward: String,
        /// Which count.
        field: CountField,
        /// The value as found in the file.
        value: String,
    },
    /// Coordinates were converted to longitude/latitude from the declared system.
    Reprojected {
        /// The coordinate system as declared (e.g. "WGS 84 / UTM zone 44N").
        from: String,
    },
    /// The Shapefile's text was not UTF-8 and no code page was declared; read as Windows-1252.
    TextEncodingAssumed {
        /// The DBF part.
        part: String,
        /// The encoding used.
        encoding: String,
    },
    /// The zipped Shapefile has no `.shx` index; the shapes were read in sequence.
    ShxMissing {
        /// The `.shp` inside the zip.
        shp: String,
    },
    /// The zipped Shapefile has no `.prj`; coordinates taken as longitude/latitude.
    PrjMissing {
        /// The `.shp` inside the zip.
        shp: String,
    },
    /// The `.shp` and `.dbf` have different record counts; the extra ones were ignored.
    RecordCountMismatch {
        /// The `.shp` inside the zip.
        #[serde(default)]
        shp: String,
        /// Shapes in the `.shp`.
        shapes: usize,
        /// Rows in the `.dbf`.
        rows: usize,
    },
    /// A feature's coordinates cannot be read (e.g. `[80.9]`, a position with one number);
    /// skipped.
    BadCoordinates {
        /// File name.
        file: String,
        /// Feature number.
        feature: usize,
        /// The offending part as written in the file (JSON, shortened).
        found: String,
    },
    /// A TopoJSON feature refers to an arc the file does not have; skipped.
    MissingArc {
        /// File name.
        file: String,
        /// Feature number (in the layer read).
        feature: usize,
        /// The arc index as written.
        arc: i64,
        /// Number of arcs in the file.
        arcs: usize,
    },
    /// Records marked deleted in the `.dbf`; their shapes were skipped with them.
    DeletedRecords {
        /// The DBF part.
        part: String,
        /// 1-based record numbers.
        records: Vec<usize>,
    },
    /// The `.cpg` names an encoding the `.dbf` text is not in; read as `encoding` instead.
    TextNotInDeclaredEncoding {
        /// The DBF part.
        part: String,
        /// The encoding the `.cpg` names.
        declared: String,
        /// 1-based record of the first bad text.
        record: usize,
        /// Its column.
        column: String,
        /// The first bad bytes, in hex ("E0 A4 …").
        bytes: String,
        /// The encoding used instead.
        encoding: String,
    },
    /// The coordinates were written latitude first: read as written they lie outside India,
    /// swapped they lie inside it; they were swapped.
    LatLonSwapped {
        /// File name.
        file: String,
    },
    /// The map lies outside India (its middle at `lat`, `lon`, in degrees): probably a wrong
    /// coordinate system or a wrong file.
    OutsideIndia {
        /// File name.
        file: String,
        /// Latitude of the middle, as text (4 decimals).
        lat: String,
        /// Longitude of the middle, as text (4 decimals).
        lon: String,
    },
    /// A feature that covers most of the other wards (a city or zone boundary saved with the
    /// wards); skipped.
    BoundarySkipped {
        /// Feature number.
        feature: usize,
        /// The ward number it carried.
        ward: String,
        /// Wards whose inside point it covers.
        covers: usize,
        /// Other wards in all.
        of: usize,
    },
    /// A KML writes '&' alone (not as `&amp;`), e.g. "Ward 5 & 6": read as '&'.
    LoneAmpersands {
        /// File name.
        file: String,
        /// 1-based line of the first.
        line: usize,
        /// How many.
        count: usize,
    },
    /// The archive holds several layers; only one was read.
    OtherLayersIgnored {
        /// The layer read.
        used: String,
        /// The layers not read, in archive order.
        ignored: Vec<String>,
    },
}

/// Reads any supported map file into a [`RawLayer`], detecting the format from the bytes
/// (and, where the bytes do not decide, the file name).
///
/// A GeoJSON file with one ward, read, mapped ([`FieldMapping::detect`]) and imported:
///
/// ```
/// use kshetra_core::import::{apply, read_any, FieldMapping, Format};
///
/// let geojson = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
///   "properties": {"Ward_No": "12", "Ward_Name": "Aliganj"},
///   "geometry": {"type": "Polygon",
///     "coordinates": [[[80.9, 26.8], [80.91, 26.8], [80.91, 26.81], [80.9, 26.8]]]}}]}"#;
/// let raw = read_any("wards.geojson", geojson.as_bytes()).unwrap();
/// assert_eq!(raw.format, Format::GeoJson);
/// assert_eq!(raw.columns, ["Ward_No", "Ward_Name"]);
/// let imported = apply(&raw, &FieldMapping::detect(&raw)).unwrap();
/// let ward = &imported.map.wards()[0];
/// assert_eq!((ward.number.as_str(), ward.name.as_deref()), ("12", Some("Aliganj")));
/// ```
///
/// KML (here with a Devanagari ward number in the placemark's name) works the same way:
///
/// ```
/// let kml = r#"<?xml version="1.0"?><kml><Document><Placemark><name>वार्ड ७</name>
///   <Polygon><outerBoundaryIs><LinearRing><coordinates>80.9,26.8 80.91,26.8 80.91,26.81 80.9,26.8
///   </coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>"#;
/// let raw = kshetra_core::import::read_any("wards.kml", kml.as_bytes()).unwrap();
/// let mapping = kshetra_core::import::FieldMapping::detect(&raw);
/// let imported = kshetra_core::import::apply(&raw, &mapping).unwrap();
/// assert_eq!(imported.map.wards()[0].number, "7");
/// ```
pub fn read_any(file: &str, bytes: &[u8]) -> Result<RawLayer, ImportError> {
    match sniff(file, bytes)? {
        Format::GeoJson => geojson::read(file, bytes),
        Format::TopoJson => topojson::read(file, bytes),
        Format::Kml => kml::read(file, bytes),
        Format::Kmz | Format::Shapefile => read_zip(file, bytes),
    }
}

/// [`read_any`], then [`apply`] with the [`FieldMapping::detect`]ed mapping.
pub fn import_auto(file: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let raw = read_any(file, bytes)?;
    let mapping = FieldMapping::detect(&raw);
    apply(&raw, &mapping)
}

/// Lower-case extension of a file name, without the dot ("" when none).
pub(crate) fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Decides the format of a file. Zips are reported as [`Format::Shapefile`] or
/// [`Format::Kmz`] only after looking inside (`read_zip`); here any zip is "Shapefile".
pub fn sniff(file: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    let f = || file.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: f() });
    }
    let ext = extension(file);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return match ext.as_str() {
            "xlsx" | "xlsm" | "ods" | "xlsb" => Err(ImportError::TableNotMap { file: f() }),
            "kmz" => Ok(Format::Kmz),
            _ => Ok(Format::Shapefile),
        };
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(ImportError::TableNotMap { file: f() });
    }
    if bytes.starts_with(&[0, 0, 0x27, 0x0A])
        || matches!(ext.as_str(), "shp" | "shx" | "dbf" | "prj" | "cpg")
    {
        return Err(ImportError::ShapefileNotZipped { file: f() });
    }
    for (magic, what) in [
        (&b"%PDF"[..], "PDF"),
        (b"\x89PNG", "image"),
        (b"\xFF\xD8\xFF", "image"),
        (b"GIF8", "image"),
        (b"\x1F\x8B", "gzip"),
        (b"Rar!", "RAR archive"),
        (b"7z\xBC\xAF", "7-Zip archive"),
    ] {
        if bytes.starts_with(magic) {
            return Err(ImportError::UnknownFormat { file: f(), found: what.into() });
        }
    }
    let utf16 = text::utf16_as_utf8(bytes);
    let text = utf16.as_deref().unwrap_or(bytes);
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    let head = &text[start..text.len().min(start + 4096)];
    match head.first() {
        Some(b'{') => {
            if contains(head, b"\"Topology\"") {
                Ok(Format::TopoJson)
            } else {
                Ok(Format::GeoJson)
            }
        }
        Some(b'<') => {
            if contains(head, b"<kml") || contains(head, b":kml") || ext == "kml" {
                Ok(Format::Kml)
            } else {
                let found = if contains(head, b"<html") || contains(head, b"<HTML") {
                    "HTML"
                } else {
                    "XML"
                };
                Err(ImportError::UnknownFormat { file: f(), found: found.into() })
            }
        }
        _ => match ext.as_str() {
            "geojson" | "json" => Ok(Format::GeoJson),
            "topojson" => Ok(Format::TopoJson),
            "kml" => Ok(Format::Kml),
            "csv" | "tsv" | "txt" if std::str::from_utf8(bytes).is_ok() => {
                Err(ImportError::TableNotMap { file: f() })
            }
            _ => Err(ImportError::UnknownFormat {
                file: f(),
                found: if std::str::from_utf8(bytes).is_ok() { "text" } else { "binary data" }
                    .into(),
            }),
        },
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Largest uncompressed entry read from a zip (a guard against zip bombs).
pub(crate) const MAX_ZIP_ENTRY: u64 = 512 * 1024 * 1024;

/// The entries of a zip archive, by name, in archive order (directories and macOS metadata
/// left out). Entries are read lazily by [`ZipFiles::read`].
pub(crate) struct ZipFiles<'a> {
    file: String,
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    /// Entry names in archive order.
    pub names: Vec<String>,
    indices: Vec<usize>,
}

fn indices_names(all: &[String], indices: &[usize]) -> Vec<String> {
    indices.iter().map(|&i| all[i].clone()).collect()
}

impl<'a> ZipFiles<'a> {
    pub(crate) fn open(file: &str, bytes: &'a [u8]) -> Result<Self, ImportError> {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            ImportError::InvalidZip { file: file.to_string(), detail: e.to_string() }
        })?;
        let names = archive.file_names().map(str::to_string).collect::<Vec<String>>();
        let keep = |n: &String| {
            let base = n.rsplit('/').next().unwrap_or("");
            !n.is_empty()
                && !n.ends_with('/')
                && !n.starts_with("__MACOSX/")
                && !base.starts_with("._")
        };
        let indices: Vec<usize> = (0..names.len()).filter(|&i| keep(&names[i])).collect();
        let all = names;
        let names = indices_names(&all, &indices);
        Ok(ZipFiles { file: file.to_string(), archive, names, indices })
    }

    /// The entry with exactly this name.
    pub(crate) fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        use std::io::Read;
        let bad = |detail: String| ImportError::InvalidZip { file: self.file.clone(), detail };
        let idx = self.names.iter().position(|n| n == name).map(|p| self.indices[p]);
        let idx = idx.ok_or_else(|| bad(format!("{name}: not in the archive")))?;
        let entry = self.archive.by_index(idx).map_err(|e| bad(format!("{name}: {e}")))?;
        if entry.size() > MAX_ZIP_ENTRY {
            return Err(bad(format!("{name}: {} bytes unpacked is too large", entry.size())));
        }
        let mut out = Vec::with_capacity(entry.size().min(64 << 20) as usize);
        entry
            .take(MAX_ZIP_ENTRY + 1)
            .read_to_end(&mut out)
            .map_err(|e| bad(format!("{name}: {e}")))?;
        Ok(out)
    }
}

/// A zip: a zipped Shapefile, or a KMZ (a zipped KML).
fn read_zip(file: &str, bytes: &[u8]) -> Result<RawLayer, ImportError> {
    let mut zip = ZipFiles::open(file, bytes)?;
    if zip.names.iter().any(|n| extension(n) == "shp") {
        return shp::read_zip(file, zip);
    }
    if let Some(kml_name) = zip.names.iter().find(|n| extension(n) == "kml").cloned() {
        let kml = zip.read(&kml_name)?;
        let mut raw = kml::read(file, &kml)?;
        raw.format = Format::Kmz;
        return Ok(raw);
    }
    if zip.names.iter().any(|n| matches!(extension(n).as_str(), "geojson" | "json")) {
        let name = zip
            .names
            .iter()
            .find(|n| matches!(extension(n).as_str(), "geojson" | "json"))
            .cloned()
            .unwrap_or_default();
        let inner = zip.read(&name)?;
        return match sniff(&name, &inner)? {
            Format::TopoJson => topojson::read(file, &inner),
            _ => geojson::read(file, &inner),
        };
    }
    if zip.names.iter().any(|n| matches!(extension(n).as_str(), "dbf" | "shx")) {
        let shp = zip
            .names
            .iter()
            .find(|n| matches!(extension(n).as_str(), "dbf" | "shx"))
            .cloned()
            .unwrap_or_default();
        return Err(ImportError::ShapefilePartMissing {
            file: file.into(),
            shp,
            missing: ".shp".into(),
        });
    }
    Err(ImportError::ZipWithoutMap { file: file.to_string(), found: zip.names.clone() })
}

/// 1-based line number of a byte offset in `bytes`.
pub(crate) fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests;
