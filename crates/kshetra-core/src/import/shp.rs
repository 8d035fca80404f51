//! Zipped Shapefiles: `.shp` (shapes), `.shx` (index), `.dbf` (attributes), `.prj`
//! (coordinate system), `.cpg` (text encoding of the `.dbf`), read with the `shapefile` and
//! `dbase` crates.
//!
//! DBF text is decoded with the `.cpg` code page when there is one (via `encoding_rs`), as
//! UTF-8 when the bytes are UTF-8, and else as Windows-1252 with a warning. Shapes in a
//! projected system (a `.prj` with transverse Mercator/UTM or Web Mercator) are converted to
//! WGS84 longitude/latitude ([`super::crs`]).

use std::io::Cursor;

use geo::MultiPolygon;
use shapefile::dbase;
use shapefile::dbase::encoding::EncodingRs;

use super::crs::{prj_name, Crs};
use super::raw::{Format, RawFeature, RawGeometry, RawLayer, Value};
use super::{extension, ImportError, ImportWarning, ZipFiles};

/// Reads the Shapefile in an opened zip. When the zip holds several, the one whose name says
/// "ward" (else the first) is read and the others are listed in a warning.
pub(crate) fn read_zip(file: &str, mut zip: ZipFiles<'_>) -> Result<RawLayer, ImportError> {
    let f = || file.to_string();
    let shps: Vec<String> = zip.names.iter().filter(|n| extension(n) == "shp").cloned().collect();
    let base = |n: &String| n.rsplit('/').next().unwrap_or("").to_lowercase();
    let shp_name = shps
        .iter()
        .find(|n| base(n).contains("ward"))
        .or(shps.first())
        .cloned()
        .unwrap_or_default();
    let stem = &shp_name[..shp_name.len().saturating_sub(4)];
    let part = |ext: &str| {
        zip.names
            .iter()
            .find(|n| n.len() == stem.len() + 4 && n.starts_with(stem) && extension(n) == ext)
            .cloned()
    };
    let (shx_name, dbf_name, prj_name_, cpg_name) =
        (part("shx"), part("dbf"), part("prj"), part("cpg"));
    let mut warnings = Vec::new();
    if shps.len() > 1 {
        warnings.push(ImportWarning::OtherLayersIgnored {
            used: shp_name.clone(),
            ignored: shps.iter().filter(|n| **n != shp_name).cloned().collect(),
        });
    }
    let Some(dbf_name) = dbf_name else {
        return Err(ImportError::ShapefilePartMissing {
            file: f(),
            shp: shp_name,
            missing: ".dbf".into(),
        });
    };
    let shp = zip.read(&shp_name)?;
    let dbf = zip.read(&dbf_name)?;
    let shx = match &shx_name {
        Some(n) => Some(zip.read(n)?),
        None => {
            warnings.push(ImportWarning::ShxMissing { shp: shp_name.clone() });
            None
        }
    };
    // The coordinate system.
    let mut crs = Crs::LonLat;
    let mut reprojected_from = None;
    match &prj_name_ {
        None => warnings.push(ImportWarning::PrjMissing { shp: shp_name.clone() }),
        Some(n) => {
            let prj = String::from_utf8_lossy(&zip.read(n)?).into_owned();
            match Crs::from_prj(&prj) {
                Ok(c) => {
                    crs = c;
                    if c != Crs::LonLat {
                        let name = prj_name(&prj);
                        warnings.push(ImportWarning::Reprojected { from: name.clone() });
                        reprojected_from = Some(name);
                    }
                }
                Err(name) => {
                    return Err(ImportError::UnsupportedCrs {
                        file: f(),
                        crs: name.replace('_', " "),
                    })
                }
            }
        }
    }
    let declared = match &cpg_name {
        Some(n) => encoding_for_cpg(&String::from_utf8_lossy(&zip.read(n)?)),
        None => None,
    };

    let shapes = read_shapes(file, &shp_name, &shp, shx.as_deref())?;
    let (columns, rows) = read_dbf(file, &dbf_name, &dbf, declared, &mut warnings)?;
    if shapes.len() != rows.len() {
        warnings.push(ImportWarning::RecordCountMismatch {
            shp: shp_name.clone(),
            shapes: shapes.len(),
            rows: rows.len(),
        });
    }
    // Shapes and rows pair by record number; a row marked deleted in the .dbf takes its
    // shape with it (issue 19: skipping only the row gave every later ward its
    // neighbour's number and figures).
    let deleted: Vec<usize> =
        rows.iter().enumerate().filter(|(_, r)| r.is_none()).map(|(i, _)| i + 1).collect();
    if !deleted.is_empty() {
        warnings.push(ImportWarning::DeletedRecords { part: dbf_name.clone(), records: deleted });
    }
    let features = shapes
        .into_iter()
        .zip(rows)
        .enumerate()
        .filter_map(|(i, (mut geometry, values))| {
            let values = values?;
            if let RawGeometry::Polygons(m) = &mut geometry {
                crs.transform(m);
            }
            Some(RawFeature::from_dense(i + 1, values, geometry))
        })
        .collect();
    Ok(RawLayer {
        file: f(),
        format: Format::Shapefile,
        columns,
        features,
        reprojected_from,
        warnings,
    })
}

/// The encoding named by a `.cpg` ("UTF-8", "1252", "ANSI 1252", "CP1252", "65001").
fn encoding_for_cpg(text: &str) -> Option<&'static encoding_rs::Encoding> {
    let t = text.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if t.contains("utf") && t.contains('8') || digits == "65001" {
        return Some(encoding_rs::UTF_8);
    }
    if let Some(e) = encoding_rs::Encoding::for_label(t.as_bytes()) {
        return Some(e);
    }
    match digits.as_str() {
        "" => None,
        "437" | "850" | "852" | "1252" | "28591" => Some(encoding_rs::WINDOWS_1252),
        "866" => Some(encoding_rs::IBM866),
        d => encoding_rs::Encoding::for_label(format!("windows-{d}").as_bytes()),
    }
}

fn bad(file: &str, part: &str, detail: impl ToString) -> ImportError {
    ImportError::InvalidShapefile {
        file: file.into(),
        part: part.into(),
        detail: detail.to_string(),
    }
}

/// Walks the `.shp` record headers so that a truncated or damaged file is reported before the
/// reader sees it.
fn check_shp(file: &str, part: &str, shp: &[u8]) -> Result<(), ImportError> {
    if shp.len() < 100 || shp[..4] != [0, 0, 0x27, 0x0A] {
        return Err(bad(file, part, "not a .shp file (header missing)"));
    }
    let mut at = 100usize;
    while at < shp.len() {
        if at + 8 > shp.len() {
            return Err(bad(file, part, format!("the file is cut off at byte {at}")));
        }
        let words =
            u32::from_be_bytes([shp[at + 4], shp[at + 5], shp[at + 6], shp[at + 7]]) as usize;
        let end = at + 8 + words * 2;
        if end > shp.len() {
            return Err(bad(file, part, format!("the file is cut off at byte {}", shp.len())));
        }
        at = end;
    }
    Ok(())
}

fn read_shapes(
    file: &str,
    part: &str,
    shp: &[u8],
    shx: Option<&[u8]>,
) -> Result<Vec<RawGeometry>, ImportError> {
    check_shp(file, part, shp)?;
    let shp_cursor = Cursor::new(shp);
    let mut reader = match shx {
        Some(shx) if shx.len() >= 100 && (shx.len() - 100) % 8 == 0 => {
            shapefile::ShapeReader::with_shx(shp_cursor, Cursor::new(shx))
                .map_err(|e| bad(file, part, e))?
        }
        _ => shapefile::ShapeReader::new(shp_cursor).map_err(|e| bad(file, part, e))?,
    };
    let mut out = Vec::new();
    for shape in reader.iter_shapes() {
        let shape = shape.map_err(|e| bad(file, part, e))?;
        use shapefile::Shape;
        let kind = |k: &str| RawGeometry::Other(k.to_string());
        let polys = |r: Result<MultiPolygon<f64>, _>| {
            RawGeometry::Polygons(r.unwrap_or_else(|_: shapefile::Error| MultiPolygon::new(vec![])))
        };
        out.push(match shape {
            Shape::NullShape => RawGeometry::Missing,
            Shape::Polygon(p) => polys(MultiPolygon::try_from(p)),
            Shape::PolygonM(p) => polys(MultiPolygon::try_from(p)),
            Shape::PolygonZ(p) => polys(MultiPolygon::try_from(p)),
            Shape::Point(_) | Shape::PointM(_) | Shape::PointZ(_) => kind("Point"),
            Shape::Multipoint(_) | Shape::MultipointM(_) | Shape::MultipointZ(_) => {
                kind("MultiPoint")
            }
            Shape::Polyline(_) | Shape::PolylineM(_) | Shape::PolylineZ(_) => kind("LineString"),
            Shape::Multipatch(_) => kind("Multipatch"),
        });
    }
    Ok(out)
}

/// One entry per record, in record order; `None` for a record marked deleted.
type Rows = Vec<Option<Vec<Option<Value>>>>;

/// Reads the `.dbf`: column names in file order and one row of values per record.
fn read_dbf(
    file: &str,
    part: &str,
    dbf: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
    warnings: &mut Vec<ImportWarning>,
) -> Result<(Vec<String>, Rows), ImportError> {
    // Header: record count (4..8), header size (8..10), record size (10..12).
    if dbf.len() < 32 {
        return Err(bad(file, part, "not a .dbf file (header missing)"));
    }
    let n_records = u32::from_le_bytes([dbf[4], dbf[5], dbf[6], dbf[7]]) as usize;
    let header_size = u16::from_le_bytes([dbf[8], dbf[9]]) as usize;
    let record_size = u16::from_le_bytes([dbf[10], dbf[11]]) as usize;
    if header_size < 33 || header_size > dbf.len() || record_size == 0 {
        return Err(bad(file, part, "damaged header"));
    }
    let data = &dbf[header_size..];
    if n_records.saturating_mul(record_size) > data.len() {
        return Err(bad(
            file,
            part,
            format!(
                "the file is cut off: {n_records} rows announced, {} present",
                data.len() / record_size
            ),
        ));
    }
    // A .cpg saying UTF-8 over bytes that are not: name the first bad bytes and read the
    // text as Windows-1252 rather than as rows of replacement characters.
    let declared = match declared {
        Some(e) if e == encoding_rs::UTF_8 => match first_non_utf8_text(dbf, header_size) {
            Some((record, column, bytes)) => {
                warnings.push(ImportWarning::TextNotInDeclaredEncoding {
                    part: part.into(),
                    declared: "UTF-8".into(),
                    record,
                    column,
                    bytes,
                    encoding: "Windows-1252".into(),
                });
                Some(encoding_rs::WINDOWS_1252)
            }
            None => Some(e),
        },
        d => d,
    };
    let encoding = declared.unwrap_or_else(|| {
        if std::str::from_utf8(&dbf[32..header_size.min(dbf.len())]).is_ok()
            && std::str::from_utf8(data).is_ok()
        {
            encoding_rs::UTF_8
        } else {
            warnings.push(ImportWarning::TextEncodingAssumed {
                part: part.into(),
                encoding: "Windows-1252".into(),
            });
            encoding_rs::WINDOWS_1252
        }
    });
    let mut reader = dbase::ReaderBuilder::new()
        .with_encoding(EncodingRs::from(encoding))
        .build(Cursor::new(dbf))
        .map_err(|e| bad(file, part, e))?;
    let columns: Vec<String> =
        reader.fields().iter().map(|f| f.name().trim().to_string()).collect();
    // The dbase reader skips records flagged deleted ('*'); the flags tell which.
    let deleted = |i: usize| data.get(i * record_size) == Some(&b'*');
    let mut rows: Rows = Vec::new();
    for record in reader.iter_records() {
        while deleted(rows.len()) {
            rows.push(None);
        }
        let record = record.map_err(|e| bad(file, part, e))?;
        let row = columns
            .iter()
            .map(|c| {
                use dbase::FieldValue as F;
                match record.get(c)? {
                    F::Character(s) => s.as_deref().and_then(Value::text),
                    F::Memo(s) => Value::text(s),
                    F::Numeric(n) => n.filter(|x| x.is_finite()).map(Value::Number),
                    F::Float(n) => n.map(f64::from).filter(|x| x.is_finite()).map(Value::Number),
                    F::Double(n) | F::Currency(n) => {
                        Some(*n).filter(|x| x.is_finite()).map(Value::Number)
                    }
                    F::Integer(n) => Some(Value::Number(f64::from(*n))),
                    F::Logical(b) => b.map(|b| Value::Text(b.to_string())),
                    F::Date(d) => d.map(|d| {
                        Value::Text(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
                    }),
                    F::DateTime(_) => None,
                }
            })
            .collect();
        rows.push(Some(row));
    }
    while rows.len() < n_records && deleted(rows.len()) {
        rows.push(None);
    }
    Ok((columns, rows))
}

/// The first text cell of a `.dbf` whose bytes are not UTF-8: (1-based record, column name,
/// the first bad bytes in hex). Only character and memo-pointer fields are looked at: numeric
/// fields of the binary kinds hold arbitrary bytes.
fn first_non_utf8_text(dbf: &[u8], header_size: usize) -> Option<(usize, String, String)> {
    let n_records = u32::from_le_bytes([dbf[4], dbf[5], dbf[6], dbf[7]]) as usize;
    let record_size = u16::from_le_bytes([dbf[10], dbf[11]]) as usize;
    // Field descriptors: 32 bytes each from offset 32 until the 0x0D terminator.
    let mut fields = Vec::new(); // (name, kind, offset in record, length)
    let mut offset = 1; // the deletion flag
    let mut at = 32;
    while at + 32 <= header_size && dbf[at] != 0x0D {
        let d = &dbf[at..at + 32];
        let name_end = d[..11].iter().position(|&b| b == 0).unwrap_or(11);
        let name = String::from_utf8_lossy(&d[..name_end]).trim().to_string();
        let len = usize::from(d[16]);
        fields.push((name, d[11], offset, len));
        offset += len;
        at += 32;
    }
    let data = &dbf[header_size..];
    for r in 0..n_records {
        let Some(record) = data.get(r * record_size..(r + 1) * record_size) else { break };
        for (name, kind, off, len) in &fields {
            if !matches!(kind, b'C' | b'V') {
                continue;
            }
            let Some(cell) = record.get(*off..off + len) else { continue };
            if let Err(e) = std::str::from_utf8(cell) {
                // A multi-byte character cut by the field width is not an encoding problem.
                if e.error_len().is_none() {
                    continue;
                }
                let bad = &cell[e.valid_up_to()..(e.valid_up_to() + 4).min(cell.len())];
                let hex: Vec<String> = bad.iter().map(|b| format!("{b:02X}")).collect();
                return Some((r + 1, name.clone(), hex.join(" ")));
            }
        }
    }
    None
}
