//! A corpus of broken and awkward files, each with the exact error or warning it must give.
//! Files are made here from the real fixtures (so the corpus stays small and readable).

use std::io::{Cursor, Read, Write};

use kshetra_core::import::{self, CountField, Format, ImportError, ImportWarning};
use proptest::prelude::*;

const LUCKNOW_ZIP: &str = "lucknow/Lucknow_ward_boundary-SHP.zip";
const STEM: &str = "Lucknow_ward_boundary-SHP/Lucknow Ward Boundary";

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/raw/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The entries of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn make_zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        if name.ends_with('/') {
            continue;
        }
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The Lucknow zip with entries changed by `edit`.
fn lucknow_with(edit: impl FnOnce(&mut Vec<(String, Vec<u8>)>)) -> Vec<u8> {
    let mut entries = unzip(&fixture(LUCKNOW_ZIP));
    edit(&mut entries);
    make_zip(&entries)
}

fn err(name: &str, bytes: &[u8]) -> ImportError {
    import::import_auto(name, bytes).unwrap_err()
}

fn kml(placemarks: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>{placemarks}</Document></kml>"#).into_bytes()
}

fn placemark(data: &str, geometry: &str) -> String {
    format!("<Placemark><ExtendedData>{data}</ExtendedData>{geometry}</Placemark>")
}

fn polygon(coords: &str) -> String {
    format!("<Polygon><outerBoundaryIs><LinearRing><coordinates>{coords}</coordinates></LinearRing></outerBoundaryIs></Polygon>")
}

const SQUARE: &str = "80.90,26.80 80.91,26.80 80.91,26.81 80.90,26.81 80.90,26.80";
const SQUARE2: &str = "80.92,26.80 80.93,26.80 80.93,26.81 80.92,26.81 80.92,26.80";

fn data(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!(r#"<Data name="{k}"><value>{v}</value></Data>"#)).collect()
}

#[test]
fn empty_files_of_every_kind() {
    for name in ["wards.kml", "wards.zip", "wards.geojson", "wards.kmz", "wards"] {
        assert_eq!(err(name, b""), ImportError::Empty { file: name.into() }, "{name}");
    }
}

#[test]
fn wrong_file_types() {
    assert_eq!(
        err("map.pdf", b"%PDF-1.7 ..."),
        ImportError::UnknownFormat { file: "map.pdf".into(), found: "PDF".into() }
    );
    assert_eq!(
        err("map.png", b"\x89PNG\r\n"),
        ImportError::UnknownFormat { file: "map.png".into(), found: "image".into() }
    );
    assert_eq!(
        err("wards.xlsx", b"PK\x03\x04...."),
        ImportError::TableNotMap { file: "wards.xlsx".into() }
    );
    assert_eq!(
        err("wards.xls", b"\xD0\xCF\x11\xE0...."),
        ImportError::TableNotMap { file: "wards.xls".into() }
    );
    assert_eq!(
        err("wards.shp", b"\0\0\x27\x0a........"),
        ImportError::ShapefileNotZipped { file: "wards.shp".into() }
    );
    assert_eq!(
        err("notes.md", b"ward boundaries"),
        ImportError::UnknownFormat { file: "notes.md".into(), found: "text".into() }
    );
    assert_eq!(
        err("page.kml", b"<html><body>Not found</body></html>"),
        ImportError::UnknownFormat { file: "page.kml".into(), found: "XML <html>".into() }
    );
    let zip = make_zip(&[("readme.txt".into(), b"hello".to_vec())]);
    assert_eq!(
        err("wards.zip", &zip),
        ImportError::ZipWithoutMap { file: "wards.zip".into(), found: vec!["readme.txt".into()] }
    );
}

#[test]
fn truncated_zip() {
    let bytes = fixture(LUCKNOW_ZIP);
    match err("wards.zip", &bytes[..bytes.len() / 2]) {
        ImportError::InvalidZip { file, .. } => assert_eq!(file, "wards.zip"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn zipped_shapefile_missing_its_dbf() {
    let bytes = lucknow_with(|e| e.retain(|(n, _)| !n.ends_with(".dbf")));
    assert_eq!(
        err("wards.zip", &bytes),
        ImportError::ShapefilePartMissing {
            file: "wards.zip".into(),
            shp: format!("{STEM}.shp"),
            missing: ".dbf".into()
        }
    );
    let only_dbf = lucknow_with(|e| e.retain(|(n, _)| n.ends_with(".dbf")));
    assert_eq!(
        err("wards.zip", &only_dbf),
        ImportError::ShapefilePartMissing {
            file: "wards.zip".into(),
            shp: format!("{STEM}.dbf"),
            missing: ".shp".into()
        }
    );
}

#[test]
fn zipped_shapefile_missing_its_shx_and_prj_still_reads() {
    let bytes = lucknow_with(|e| e.retain(|(n, _)| !n.ends_with(".shx") && !n.ends_with(".prj")));
    let got = import::import_auto("wards.zip", &bytes).unwrap();
    assert_eq!(got.map.wards().len(), 110);
    assert_eq!(
        got.warnings[..2],
        [
            ImportWarning::ShxMissing { shp: format!("{STEM}.shp") },
            ImportWarning::PrjMissing { shp: format!("{STEM}.shp") }
        ]
    );
}

#[test]
fn truncated_shp_inside_the_zip() {
    let bytes = lucknow_with(|e| {
        for (n, d) in e.iter_mut() {
            if n.ends_with(".shp") {
                d.truncate(d.len() - 1000);
            }
        }
    });
    match err("wards.zip", &bytes) {
        ImportError::InvalidShapefile { part, detail, .. } => {
            assert_eq!(part, format!("{STEM}.shp"));
            assert!(detail.contains("cut off"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
}

/// Replaces "Ibrahimpur" (ward 1's name) in the DBF by a Latin-1 spelling "Ibraäimpur".
fn latin1_dbf(e: &mut [(String, Vec<u8>)]) {
    for (n, d) in e.iter_mut() {
        if n.ends_with(".dbf") {
            let at = d.windows(10).position(|w| w == b"Ibrahimpur").unwrap();
            d[at + 4] = 0xE4; // 'ä' in Windows-1252, not valid UTF-8 alone
        }
    }
}

#[test]
fn dbf_text_in_a_legacy_code_page() {
    // No .cpg: not UTF-8, so read as Windows-1252 with a warning.
    let bytes = lucknow_with(|e| latin1_dbf(e));
    let got = import::import_auto("wards.zip", &bytes).unwrap();
    assert_eq!(
        got.warnings[0],
        ImportWarning::TextEncodingAssumed {
            part: format!("{STEM}.dbf"),
            encoding: "Windows-1252".into()
        }
    );
    assert_eq!(got.map.ward("1").unwrap().name.as_deref(), Some("Ibraäimpur"));
    // With a .cpg declaring the code page: no warning.
    let bytes = lucknow_with(|e| {
        latin1_dbf(e);
        e.push((format!("{STEM}.cpg"), b"1252".to_vec()));
    });
    let got = import::import_auto("wards.zip", &bytes).unwrap();
    assert!(!got.warnings.iter().any(|w| matches!(w, ImportWarning::TextEncodingAssumed { .. })));
    assert_eq!(got.map.ward("1").unwrap().name.as_deref(), Some("Ibraäimpur"));
}

#[test]
fn several_layers_in_one_zip() {
    let zones =
        unzip(&fixture(LUCKNOW_ZIP)).into_iter().map(|(n, d)| (n.replace("Ward", "Zone"), d));
    let bytes = lucknow_with(|e| {
        let mut all: Vec<_> = zones.collect();
        all.append(e);
        *e = all;
    });
    let got = import::import_auto("all.zip", &bytes).unwrap();
    assert_eq!(got.map.wards().len(), 110);
    assert_eq!(
        got.warnings[0],
        ImportWarning::OtherLayersIgnored {
            used: format!("{STEM}.shp"),
            ignored: vec!["Lucknow_ward_boundary-SHP/Lucknow Zone Boundary.shp".into()]
        }
    );
}

#[test]
fn kmz_is_a_zipped_kml() {
    let kmz = make_zip(&[("doc.kml".into(), fixture("bhopal/Ward Map of Bhopal.kml"))]);
    let raw = import::read_any("Bhopal.kmz", &kmz).unwrap();
    assert_eq!(raw.format, Format::Kmz);
    let got = import::import_auto("Bhopal.kmz", &kmz).unwrap();
    assert_eq!(got.map.wards().len(), 85);
}

#[test]
fn truncated_kml() {
    let bytes = fixture("bhopal/Ward Map of Bhopal.kml");
    match err("Ward Map of Bhopal.kml", &bytes[..bytes.len() / 3]) {
        ImportError::InvalidXml { file, line, detail, .. } => {
            assert_eq!(file, "Ward Map of Bhopal.kml");
            assert!(line > 1);
            assert!(detail.contains("cut off") || !detail.is_empty(), "{detail}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn kml_feature_problems_are_warnings_naming_feature_and_ward() {
    let bowtie = "80.90,26.80 80.91,26.81 80.91,26.80 80.90,26.81 80.90,26.80";
    let bytes = kml(&[
        placemark(&data(&[("ward_no", "1"), ("population", "about 20k")]), &polygon(SQUARE)),
        placemark(&data(&[("ward_no", "2")]), &polygon("80.9,26.8")),
        placemark(&data(&[("ward_no", "3")]), &polygon(bowtie)),
        placemark(&data(&[("ward_no", "1"), ("name", "Other")]), &polygon(SQUARE2)),
        placemark(
            &data(&[("ward_no", "4")]),
            "<Point><coordinates>80.9,26.8</coordinates></Point>",
        ),
        placemark(&data(&[("ward_no", "")]), &polygon(SQUARE2)),
        placemark(&data(&[("ward_no", "5"), ("households", "many")]), &polygon(SQUARE2)),
        placemark(&data(&[("ward_no", "6")]), ""),
        placemark(&data(&[("ward_no", "007"), ("population", "-12")]), &polygon(SQUARE2)),
    ]
    .concat());
    let got = import::import_auto("w.kml", &bytes).unwrap();
    assert_eq!(
        got.warnings,
        vec![
            ImportWarning::BadPopulation { ward: "1".into(), value: "about 20k".into() },
            ImportWarning::EmptyGeometry { feature: 2 },
            ImportWarning::GeometryRepaired { ward: "3".into(), feature: 3 },
            ImportWarning::DuplicateWard { ward: "1".into(), feature: 4, first: 1 },
            ImportWarning::NotPolygon { feature: 5, kind: "Point".into() },
            ImportWarning::NoWardNumber { feature: 6 },
            ImportWarning::BadCount {
                ward: "5".into(),
                field: CountField::Households,
                value: "many".into()
            },
            ImportWarning::NoGeometry { feature: 8 },
            ImportWarning::BadPopulation { ward: "7".into(), value: "-12".into() },
        ]
    );
    let numbers: Vec<&str> = got.map.wards().iter().map(|w| w.number.as_str()).collect();
    assert_eq!(numbers, ["1", "3", "5", "7"]);
}

#[test]
fn a_file_without_any_ward_number_column() {
    let bytes = kml(&placemark(&data(&[("colour", "red")]), &polygon(SQUARE)));
    assert!(
        matches!(err("w.kml", &bytes), ImportError::NoWardNumberColumn { file, .. } if file == "w.kml")
    );
    // Placemark names that are ward numbers are enough.
    let named = kml(&format!("<Placemark><name>वार्ड १२</name>{}</Placemark>", polygon(SQUARE)));
    assert_eq!(import::import_auto("w.kml", &named).unwrap().map.wards()[0].number, "12");
}

#[test]
fn projected_geojson_with_and_without_a_crs() {
    // A square near Lucknow in UTM zone 44N metres.
    let ring =
        "[[[495000,2972000],[496000,2972000],[496000,2973000],[495000,2973000],[495000,2972000]]]";
    let feature = format!(
        r#"{{"type":"Feature","properties":{{"WARD_NO":"W-01"}},"geometry":{{"type":"Polygon","coordinates":{ring}}}}}"#
    );
    let with_crs = format!(
        r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::32644"}}}},"features":[{feature}]}}"#
    );
    let got = import::import_auto("utm.geojson", with_crs.as_bytes()).unwrap();
    assert_eq!(
        got.warnings,
        [ImportWarning::Reprojected { from: "urn:ogc:def:crs:EPSG::32644".into() }]
    );
    let b = got.map.bounds().unwrap();
    assert!((b.min().x - 80.95).abs() < 0.01 && (b.min().y - 26.865).abs() < 0.01, "{b:?}");
    assert_eq!(got.map.wards()[0].number, "1");
    let without = format!(r#"{{"type":"FeatureCollection","features":[{feature}]}}"#);
    assert_eq!(
        err("utm.geojson", without.as_bytes()),
        ImportError::NotLonLat { file: "utm.geojson".into(), feature: 1 }
    );
    // A polyconic projection (EPSG:5880) is not converted.
    let odd = with_crs.replace("32644", "5880");
    assert_eq!(
        err("poly.geojson", odd.as_bytes()),
        ImportError::UnsupportedCrs {
            file: "poly.geojson".into(),
            crs: "urn:ogc:def:crs:EPSG::5880".into()
        }
    );
}

#[test]
fn a_shapefile_in_utm_is_reprojected() {
    // Rewrite the Lucknow shapes into UTM 44N with a matching .prj, then read them back.
    let prj = r#"PROJCS["WGS_1984_UTM_Zone_44N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",81.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
    let bytes = lucknow_with(|e| {
        for (n, d) in e.iter_mut() {
            if n.ends_with(".prj") {
                *d = prj.as_bytes().to_vec();
            }
            if n.ends_with(".shp") {
                to_utm44(d);
            }
        }
    });
    let got = import::import_auto("utm.zip", &bytes).unwrap();
    assert_eq!(
        got.warnings[0],
        ImportWarning::Reprojected { from: "WGS 1984 UTM Zone 44N".into() }
    );
    assert_eq!(got.map.wards().len(), 110);
    let original = import::import_auto("wgs.zip", &fixture(LUCKNOW_ZIP)).unwrap();
    let (a, b) = (got.map.bounds().unwrap(), original.map.bounds().unwrap());
    assert!(
        (a.min().x - b.min().x).abs() < 1e-6 && (a.max().y - b.max().y).abs() < 1e-6,
        "{a:?} vs {b:?}"
    );
}

/// Converts every point of a polygon .shp from lon/lat to UTM 44N in place (bounding boxes are
/// left as they are: readers do not rely on them).
fn to_utm44(shp: &mut [u8]) {
    let mut at = 100;
    while at + 8 <= shp.len() {
        let words = u32::from_be_bytes(shp[at + 4..at + 8].try_into().unwrap()) as usize;
        let rec = at + 8;
        let shape_type = i32::from_le_bytes(shp[rec..rec + 4].try_into().unwrap());
        if shape_type == 5 {
            let n_parts = i32::from_le_bytes(shp[rec + 36..rec + 40].try_into().unwrap()) as usize;
            let n_points = i32::from_le_bytes(shp[rec + 40..rec + 44].try_into().unwrap()) as usize;
            let pts = rec + 44 + 4 * n_parts;
            for i in 0..n_points {
                let p = pts + 16 * i;
                let x = f64::from_le_bytes(shp[p..p + 8].try_into().unwrap());
                let y = f64::from_le_bytes(shp[p + 8..p + 16].try_into().unwrap());
                let (northing, easting, _) = utm::to_utm_wgs84(y, x, 44);
                shp[p..p + 8].copy_from_slice(&easting.to_le_bytes());
                shp[p + 8..p + 16].copy_from_slice(&northing.to_le_bytes());
            }
        }
        at = rec + words * 2;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_reader_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400), ext in 0usize..6) {
        let name = ["w.zip", "w.kml", "w.geojson", "w.kmz", "w.topojson", "w"][ext];
        let _ = import::import_auto(name, &bytes);
        let mut with_magic = b"PK\x03\x04".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = import::import_auto(name, &with_magic);
    }

    #[test]
    fn no_panic_on_damaged_shapefile_parts(part in 0usize..3, at in 0usize..20_000, byte in any::<u8>(), cut in 0usize..20_000) {
        let ext = [".shp", ".shx", ".dbf"][part];
        let bytes = lucknow_with(|e| {
            for (n, d) in e.iter_mut() {
                if n.ends_with(ext) && !d.is_empty() {
                    let i = at % d.len();
                    d[i] = byte;
                    let keep = d.len() - (cut % d.len()) / 4;
                    d.truncate(keep);
                }
            }
        });
        let _ = import::import_auto("w.zip", &bytes);
    }

    #[test]
    fn no_panic_on_truncated_or_damaged_kml(cut in 0usize..390_000, at in 0usize..390_000, byte in any::<u8>()) {
        let mut bytes = fixture("bhopal/Ward Map of Bhopal.kml");
        let i = at % bytes.len();
        bytes[i] = byte;
        bytes.truncate(cut % bytes.len());
        let _ = import::import_auto("w.kml", &bytes);
    }
}

/// The DBF header's (header size, record size).
fn dbf_layout(d: &[u8]) -> (usize, usize) {
    (u16::from_le_bytes([d[8], d[9]]) as usize, u16::from_le_bytes([d[10], d[11]]) as usize)
}

#[test]
fn a_deleted_dbf_record_takes_its_shape_with_it() {
    let plain = import::import_auto("wards.zip", &fixture(LUCKNOW_ZIP)).unwrap();
    let bytes = lucknow_with(|e| {
        for (n, d) in e.iter_mut() {
            if n.ends_with(".dbf") {
                let (header, record) = dbf_layout(d);
                d[header + 9 * record] = b'*'; // record 10
            }
        }
    });
    let got = import::import_auto("wards.zip", &bytes).unwrap();
    let mut want =
        vec![ImportWarning::DeletedRecords { part: format!("{STEM}.dbf"), records: vec![10] }];
    want.extend(plain.warnings.iter().cloned()); // Airport and Cantonment, as without
    assert_eq!(got.warnings, want);
    assert_eq!(got.map.wards().len(), plain.map.wards().len() - 1);
    // Every ward kept its own shape and figures: nothing shifted by one.
    for w in got.map.wards() {
        assert_eq!(Some(w), plain.map.ward(&w.number), "ward {}", w.number);
    }
}

#[test]
fn dbf_text_that_is_not_in_the_encoding_its_cpg_names() {
    let bytes = lucknow_with(|e| {
        latin1_dbf(e);
        e.push((format!("{STEM}.cpg"), b"UTF-8".to_vec()));
    });
    let got = import::import_auto("wards.zip", &bytes).unwrap();
    match &got.warnings[..] {
        [ImportWarning::TextNotInDeclaredEncoding { declared, bytes, encoding, column, .. }, ImportWarning::NotAWard { .. }, ImportWarning::NotAWard { .. }] =>
        {
            assert_eq!((declared.as_str(), encoding.as_str()), ("UTF-8", "Windows-1252"));
            assert!(bytes.starts_with("E4"), "{bytes}");
            assert_eq!(column, "Ward Name");
        }
        w => panic!("{w:?}"),
    }
    assert_eq!(got.map.ward("1").unwrap().name.as_deref(), Some("Ibraäimpur"));
    // Valid UTF-8 under a UTF-8 .cpg: no warning.
    let bytes = lucknow_with(|e| e.push((format!("{STEM}.cpg"), b"UTF-8".to_vec())));
    let plain = import::import_auto("wards.zip", &fixture(LUCKNOW_ZIP)).unwrap();
    assert_eq!(import::import_auto("wards.zip", &bytes).unwrap().warnings, plain.warnings);
}

/// The real Bhubaneswar GeoJSON with every position changed by `f`.
fn bhubaneswar_with(f: &dyn Fn(f64, f64) -> (f64, f64)) -> Vec<u8> {
    fn walk(v: &mut serde_json::Value, f: &dyn Fn(f64, f64) -> (f64, f64)) {
        if let Some(a) = v.as_array_mut() {
            if let [x, y] = &a[..] {
                if let (Some(x), Some(y)) = (x.as_f64(), y.as_f64()) {
                    let (x, y) = f(x, y);
                    *a = vec![x.into(), y.into()];
                    return;
                }
            }
            a.iter_mut().for_each(|v| walk(v, f));
        }
    }
    let mut json: serde_json::Value =
        serde_json::from_slice(&fixture("bhubaneswar/Wards.GeoJSON")).unwrap();
    for feature in json["features"].as_array_mut().unwrap() {
        walk(&mut feature["geometry"]["coordinates"], f);
    }
    serde_json::to_vec(&json).unwrap()
}

#[test]
fn latitude_first_coordinates_are_swapped_with_a_warning() {
    let plain = import::import_auto("w.geojson", &fixture("bhubaneswar/Wards.GeoJSON")).unwrap();
    assert_eq!(plain.warnings, []);
    let got = import::import_auto("w.geojson", &bhubaneswar_with(&|x, y| (y, x))).unwrap();
    assert_eq!(got.warnings, [ImportWarning::LatLonSwapped { file: "w.geojson".into() }]);
    assert_eq!(got.map, plain.map);
}

#[test]
fn a_map_outside_india_is_named() {
    let got = import::import_auto("w.geojson", &bhubaneswar_with(&|x, y| (x - 80.0, y))).unwrap();
    match &got.warnings[..] {
        [ImportWarning::OutsideIndia { file, lat, lon }] => {
            assert_eq!(file, "w.geojson");
            assert!(lat.starts_with("20.") && lon.starts_with("5."), "{lat} {lon}");
        }
        w => panic!("{w:?}"),
    }
}

#[test]
fn a_city_boundary_saved_as_a_ward_is_skipped() {
    let plain = import::import_auto("w.geojson", &fixture("bhubaneswar/Wards.GeoJSON")).unwrap();
    let b = plain.map.bounds().unwrap();
    let (x0, y0, x1, y1) = (b.min().x - 0.01, b.min().y - 0.01, b.max().x + 0.01, b.max().y + 0.01);
    let mut json: serde_json::Value =
        serde_json::from_slice(&fixture("bhubaneswar/Wards.GeoJSON")).unwrap();
    let mut boundary = json["features"][0].clone();
    for (_, v) in boundary["properties"].as_object_mut().unwrap() {
        if v.is_string() {
            *v = "City".into();
        } else if v.is_number() {
            *v = 999.into();
        }
    }
    boundary["geometry"] = serde_json::json!({"type": "Polygon",
        "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]});
    json["features"].as_array_mut().unwrap().push(boundary);
    let n = json["features"].as_array().unwrap().len();
    let got = import::import_auto("w.geojson", &serde_json::to_vec(&json).unwrap()).unwrap();
    let wards = plain.map.wards().len();
    match &got.warnings[..] {
        [ImportWarning::BoundarySkipped { feature, covers, of, .. }] => {
            assert_eq!((*feature, *covers, *of), (n, wards, wards));
        }
        w => panic!("{w:?}"),
    }
    assert_eq!(got.map, plain.map);
}

#[test]
fn utf16_files_from_windows_tools_read_as_utf8() {
    let utf8 = fixture("bhubaneswar/Wards.GeoJSON");
    let plain = import::import_auto("w.geojson", &utf8).unwrap();
    let text = String::from_utf8(utf8).unwrap();
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(import::import_auto("w.geojson", &le).unwrap(), plain);
    let kml = String::from_utf8(fixture("bhopal/Ward Map of Bhopal.kml")).unwrap();
    let be: Vec<u8> = kml.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let want = import::import_auto("w.kml", kml.as_bytes()).unwrap();
    let again = import::import_auto("w.kml", kml.as_bytes()).unwrap();
    assert_eq!(again, want, "same bytes twice");
    let got = import::import_auto("w.kml", &be).unwrap();
    assert_eq!(got.warnings, want.warnings);
    for (a, b) in got.map.wards().iter().zip(want.map.wards()) {
        assert_eq!((&a.number, &a.name, a.population), (&b.number, &b.name, b.population));
        assert_eq!(a.geometry, b.geometry, "ward {}", a.number);
    }
    assert_eq!(got.map, want.map);
    // Windows-1252 bytes in a GeoJSON: refused, naming line, column and bytes.
    let bad =
        text.replacen("\"properties\"", "\"pr\u{0}operties\"", 0).replacen("Ward", "W\u{e4}rd", 1);
    let bad = encoding_rs::WINDOWS_1252.encode(&bad).0;
    match err("w.geojson", &bad) {
        ImportError::NotUtf8 { line, bytes, .. } => assert!(line >= 1 && bytes.starts_with("E4")),
        e => panic!("{e:?}"),
    }
}

#[test]
fn a_file_of_pins_says_why_each_feature_was_skipped() {
    // Pins from My Maps: 14 points, no polygon.
    let pins: String = (1..=14)
        .map(|i| {
            placemark(
                &data(&[("ward_no", &i.to_string())]),
                "<Point><coordinates>80.9,26.8</coordinates></Point>",
            )
        })
        .collect();
    match err("pins.kml", &kml(&pins)) {
        ImportError::NoWards { file, skipped, first } => {
            assert_eq!((file.as_str(), skipped, first.len()), ("pins.kml", 14, 10));
            assert_eq!(first[0], ImportWarning::NotPolygon { feature: 1, kind: "Point".into() });
            let e = ImportError::NoWards { file, skipped, first };
            let en = kshetra_core::messages::UserText::message(&e, kshetra_core::i18n::Lang::En);
            assert!(en.contains("Point") && en.contains("4 more"), "{en}");
        }
        e => panic!("{e:?}"),
    }
    let link = r#"<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><NetworkLink><name>Wards</name><Link><href>https://example.org/wards.kml</href></Link></NetworkLink></Document></kml>"#;
    assert_eq!(
        err("link.kml", link.as_bytes()),
        ImportError::KmlNetworkLink { file: "link.kml".into() }
    );
}

#[test]
fn a_lone_ampersand_in_kml_is_read_as_written_with_a_warning() {
    let name = "Aliganj & Kapoorthala &amp; &#38; &#x26; &bogus";
    let bytes = kml(&placemark(&data(&[("ward_no", "5"), ("ward_name", name)]), &polygon(SQUARE)));
    let raw = import::read_any("w.kml", &bytes).unwrap();
    let got = import::apply(&raw, &import::FieldMapping::detect(&raw)).unwrap();
    assert_eq!(got.map.wards()[0].name.as_deref(), Some("Aliganj & Kapoorthala & & & &bogus"));
    assert_eq!(
        raw.warnings[0],
        ImportWarning::LoneAmpersands { file: "w.kml".into(), line: 1, count: 2 }
    );
    // A closing tag that does not match is named, not quoted from the XML reader.
    let broken = String::from_utf8(kml("")).unwrap().replace("</Document>", "</Folder>");
    assert_eq!(
        err("w.kml", broken.as_bytes()),
        ImportError::XmlMismatchedTag {
            file: "w.kml".into(),
            line: 1,
            expected: "Document".into(),
            found: "Folder".into()
        }
    );
}
