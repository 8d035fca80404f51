//! The fuzz targets (`fuzz/fuzz_targets/*.rs`, run by `scripts/fuzz.sh`) as native tests: every
//! committed seed and every input the fuzzer found a crash with (`tests/fixtures/fuzz/TARGET/`,
//! minimised) goes through the same public calls as its target and must give a result or a typed
//! error, never a panic. Inputs of fixed bugs also check the error they now give.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kshetra_core::import::{apply, read_any, FieldMapping, RawLayer};
use kshetra_core::project::file::{load_project, save_project};
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
        }
        "read_any" => {
            if let Some((&pick, bytes)) = data.split_first() {
                finish(read_any(ANY_NAMES[pick as usize % ANY_NAMES.len()], bytes));
            }
        }
        other => panic!("no fuzz target {other}"),
    }
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
