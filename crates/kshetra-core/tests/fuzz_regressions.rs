//! The fuzz targets (`fuzz/fuzz_targets/*.rs`, run by `scripts/fuzz.sh`) as native tests: every
//! committed seed and every input the fuzzer found a crash with (`tests/fixtures/fuzz/TARGET/`,
//! minimised) goes through the same public calls as its target and must give a result or a typed
//! error, never a panic. Inputs of fixed bugs also check the error they now give.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kshetra_core::import::{apply, read_any, FieldMapping, RawLayer};
use kshetra_core::project::file::{
    browser_record, load_browser_record, load_project, save_project,
};
use kshetra_core::project::organisers_import::import_organisers;
use kshetra_core::table::{join, read_table, TableMapping};
use kshetra_core::{ImportError, WardMap};

/// The fuzz targets' small map (`fuzz_targets/common.rs`).
fn small_map() -> &'static WardMap {
    static MAP: OnceLock<WardMap> = OnceLock::new();
    MAP.get_or_init(|| {
        let sq = |x: f64, n: &str, name: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{"Ward_No":"{n}","Ward_Name":"{name}","Population":1000,"Zone":"A"}},
                "geometry":{{"type":"Polygon","coordinates":[[[{x},26.8],[{x1},26.8],[{x1},26.81],[{x},26.81],[{x},26.8]]]}}}}"#,
                x1 = x + 0.01
            )
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
            sq(80.90, "1", "Aliganj"),
            sq(80.91, "2", "Hazratganj"),
            sq(80.92, "12", "Gomti Nagar")
        );
        kshetra_core::import::geojson::parse("small.geojson", text.as_bytes()).unwrap().map
    })
}

fn finish(raw: Result<RawLayer, ImportError>) {
    if let Ok(raw) = raw {
        if let Ok(imported) = apply(&raw, &FieldMapping::detect(&raw)) {
            let _ = kshetra_core::import::problems(&imported.map);
        }
    }
}

fn table_join(name: &str, data: &[u8]) {
    if let Ok(table) = read_table(name, data) {
        let _ = join(small_map(), &table, &TableMapping::detect(&table));
    }
}

const SHEET_NAMES: [&str; 4] = ["wards.xlsx", "wards.ods", "wards.xls", "wards.xlsb"];
const ANY_NAMES: [&str; 16] = [
    "wards.geojson",
    "wards.json",
    "wards.topojson",
    "wards.kml",
    "wards.kmz",
    "wards.zip",
    "wards.shp",
    "wards.csv",
    "wards.txt",
    "wards.xlsx",
    "wards.ods",
    "wards",
    "Wards.GeoJSON",
    "a/b\\wards.KML",
    ".kml",
    "wards.pdf",
];

/// What the fuzz target `target` does with `data`.
fn run(target: &str, data: &[u8]) {
    use kshetra_core::import::{geojson, kml, topojson};
    match target {
        "geojson" => finish(geojson::read("wards.geojson", data)),
        "topojson" => finish(topojson::read("wards.topojson", data)),
        "kml" => finish(kml::read("wards.kml", data)),
        "kmz" => finish(read_any("wards.kmz", data)),
        "shapefile_zip" => finish(read_any("wards.zip", data)),
        "csv_table" => table_join("wards.csv", data),
        "plan_csv" => table_join("plan.csv", data),
        "spreadsheet" => {
            if let Some((&pick, bytes)) = data.split_first() {
                table_join(SHEET_NAMES[pick as usize % SHEET_NAMES.len()], bytes);
            }
        }
        "organisers" => {
            let _ = import_organisers("organisers.csv", data, small_map());
        }
        "project_file" => {
            if let Ok(loaded) = load_project("plan.kshetra.json", data) {
                let saved = save_project(&loaded.project, &loaded.map, &loaded.source);
                let again = load_project("again.kshetra.json", saved.as_bytes());
                assert!(again.is_ok(), "a saved project is refused on reload: {again:?}");
            }
            if let Ok(text) = std::str::from_utf8(data) {
                if let Ok(record) = load_browser_record("map-key", text) {
                    let history = record.history.unwrap_or_default();
                    let saved = browser_record(&record.project, &history, record.report.as_ref());
                    let again = load_browser_record("map-key", &saved);
                    assert!(again.is_ok_and(|a| a.project == record.project));
                }
            }
        }
        "read_any" => {
            if let Some((&pick, bytes)) = data.split_first() {
                finish(read_any(ANY_NAMES[pick as usize % ANY_NAMES.len()], bytes));
            }
        }
        other => panic!("no fuzz target {other}"),
    }
}

/// A committed fuzz finding (`tests/fixtures/fuzz/TARGET/NAME`).
fn finding(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(path))
        .unwrap()
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for target in std::fs::read_dir(dir).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        let name = target.file_name().unwrap().to_string_lossy().to_string();
        for f in std::fs::read_dir(&target).unwrap() {
            out.push((name.clone(), f.unwrap().path()));
        }
    }
    out.sort();
    out
}

fn run_all(dir: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let files = files_under(&dir);
    for (target, path) in &files {
        let data = std::fs::read(path).unwrap();
        let caught = std::panic::catch_unwind(|| run(target, &data));
        assert!(caught.is_ok(), "{target}: {} panics", path.display());
    }
    files.len()
}

#[test]
fn every_fuzz_seed_goes_through_its_target() {
    assert!(run_all("fuzz/seeds") >= 50);
}

#[test]
fn every_fuzz_finding_goes_through_its_target() {
    run_all("tests/fixtures/fuzz");
}

/// A zip whose central directory entry has an extended-timestamp extra field (0x5455) of
/// length 0: zip 4.6.1 computed `0 - 1` in usize and panicked with overflow checks on (the
/// native tests); now, as in release builds, a damaged-zip error naming the file. Also how
/// the map importer and the table reader (calamine) see it.
#[test]
fn zip_with_an_empty_extended_timestamp_is_a_damaged_zip() {
    let bytes = finding("shapefile_zip/extended-timestamp-len-0.zip");
    assert_eq!(bytes.len(), 57);
    match read_any("wards.zip", &bytes) {
        Err(ImportError::InvalidZip { file, .. }) => assert_eq!(file, "wards.zip"),
        other => panic!("expected InvalidZip, got {other:?}"),
    }
    assert!(matches!(read_any("wards.kmz", &bytes), Err(ImportError::InvalidZip { .. })));
    assert!(read_table("wards.xlsx", &bytes).is_err());
}

/// An .xlsx with a shared-string cell (`<c t="s"><v>0</v></c>`) but no `xl/sharedStrings.xml`:
/// calamine 0.30.1 indexes its empty string list (xlsx/cells_reader.rs:356, `&strings[idx]`)
/// and panics, in release builds too. Found by scripts/fuzz.sh spreadsheet (the fuzzer's input,
/// first byte = file-name pick, is tests/fixtures/fuzz/spreadsheet/). Fixed by a pre-scan
/// of the sheet XML (table::repair::xlsx_bad_shared_string): such a file is refused as a
/// damaged spreadsheet before calamine reads it.
#[test]
fn xlsx_with_a_shared_string_cell_and_no_shared_strings_is_refused() {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let ns = "http://schemas.openxmlformats.org";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Wards" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
            ),
        ),
    ];
    for (name, text) in parts {
        w.start_file(name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    assert!(matches!(
        read_table("wards.xlsx", &bytes),
        Err(kshetra_core::table::TableError::InvalidSpreadsheet { .. })
    ));
    let found = finding("spreadsheet/shared-string-missing.bin");
    assert!(std::panic::catch_unwind(|| run("spreadsheet", &found)).is_ok());
    // The same panic when the shared text is there under another name in the zip's directory
    // (`°l/sharedStrings.xml`): calamine looks for `xl/sharedStrings.xml` only, so the pre-scan
    // counts that entry only (fuzz finding, issue 19).
    let misnamed = finding("spreadsheet/shared-strings-entry-misnamed");
    let (_, xlsx) = misnamed.split_first().unwrap();
    assert!(matches!(
        read_table("wards.xlsx", xlsx),
        Err(kshetra_core::table::TableError::InvalidSpreadsheet { .. })
    ));
    // And when the shared text is not well-formed XML (`Populatio<</t>`): calamine kept fewer
    // strings than the cells name (fuzz finding).
    let malformed = finding("spreadsheet/shared-strings-not-well-formed");
    let (_, xlsx) = malformed.split_first().unwrap();
    assert!(matches!(
        read_table("wards.xlsx", xlsx),
        Err(kshetra_core::table::TableError::InvalidSpreadsheet { .. })
    ));
}
