//! Column detection (issue 16, item 3) on real column sets: every raw file of the shared data
//! set (the ones copied into `tests/fixtures/raw/`, the others read from `../shared/data/raw/`
//! beside the repository when it is there, as `bench/compare_peers.py` finds the peers), the
//! bundled maps, and the header rows of office files as they come (Hindi, English, Marathi
//! transliterated), each with the detection expected.
//!
//! `DETECT_DUMP=1 cargo test -p kshetra-core --test column_detection -- --nocapture` prints
//! what every real file gives.

use std::path::PathBuf;

use geo::{LineString, MultiPolygon, Polygon};
use kshetra_core::import::{
    self, detect_columns, FieldMapping, ImportError, RawFeature, RawGeometry, RawLayer, Value,
};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared data set: `KSHETRA_SHARED_DATA`, else `../shared/data` beside the repository.
fn shared() -> PathBuf {
    std::env::var_os("KSHETRA_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/data"))
}

/// A raw file: the repository's copy in `tests/fixtures/raw/` first, else the shared set's.
fn raw_file(path: &str) -> Option<Vec<u8>> {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/raw").join(path);
    std::fs::read(fixture).ok().or_else(|| std::fs::read(shared().join("raw").join(path)).ok())
}

/// Expected detection: ward number, name, zone, population, households.
type Detected<'a> =
    (Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>);
type Want = Detected<'static>;

fn got(m: &FieldMapping) -> Detected<'_> {
    (
        m.ward_number.as_deref(),
        m.name.as_deref(),
        m.zone.as_deref(),
        m.population.as_deref(),
        m.households.as_deref(),
    )
}

const N: Option<&str> = None;

#[test]
fn real_files() {
    let table: &[(&str, Want)] = &[
        (
            "bhopal/Bhopal_wards.geojson",
            (Some("Ward_Number"), Some("Name"), Some("zone"), Some("population"), N),
        ),
        (
            "bhopal/Ward Map of Bhopal.kml",
            (Some("Ward Number"), Some("name"), Some("zone"), Some("population"), N),
        ),
        // The zone map: no ward number (the importer says so and lists the columns).
        ("bhopal/Zone_Boundary.geojson", (N, N, Some("zone_no"), N, N)),
        // The city boundary, one feature.
        ("bhubaneswar/BMC Boundary.GeoJSON", (Some("new_ward"), N, N, N, N)),
        (
            "bhubaneswar/Wards.GeoJSON",
            (
                Some("wardno"),
                N,
                Some("municipalzone"),
                Some("totalwardpopulation"),
                Some("numberofhouseholds"),
            ),
        ),
        (
            "bhubaneswar/Wards.kml",
            (
                Some("wardno"),
                N,
                Some("municipalzone"),
                Some("totalwardpopulation"),
                Some("numberofhouseholds"),
            ),
        ),
        ("lucknow/Lucknow_city_boundary-SHP.zip", (N, N, N, N, N)),
        ("lucknow/Lucknow_city_boundary.geojson", (N, N, N, N, N)),
        (
            "lucknow/Lucknow_ward_boundary-SHP.zip",
            (Some("Ward Num"), Some("Ward Name"), Some("Zone"), N, N),
        ),
        (
            "lucknow/Lucknow_ward_boundary.geojson",
            (Some("Ward Num"), Some("Ward Name"), Some("Zone"), N, N),
        ),
        ("lucknow/Lucknow_zone_boundary-SHP.zip", (N, N, Some("Zone"), N, N)),
        ("lucknow/Lucknow_zone_boundary.geojson", (N, N, Some("Zone"), N, N)),
    ];
    let mut checked = 0;
    for (path, want) in table {
        let Some(bytes) = raw_file(path) else {
            eprintln!(
                "skipped {path}: not in tests/fixtures/raw and no shared data at {:?}",
                shared()
            );
            continue;
        };
        let raw = import::read_any(path, &bytes).unwrap();
        let m = FieldMapping::detect(&raw);
        assert_eq!(got(&m), *want, "{path}");
        // Never a merge to confirm on a real ward file (Bhopal: ward 76 in two pieces).
        if let Some(count) = m.ward_count(&raw) {
            assert!(!count.collapses(), "{path}: {count:?}");
        }
        checked += 1;
    }
    // The repository's own copies are always there.
    assert!(checked >= 4, "only {checked} real files found");
    // Every ward file of the shared set is in the table.
    if let Ok(dirs) = std::fs::read_dir(shared().join("raw")) {
        for city in dirs.flatten() {
            for e in std::fs::read_dir(city.path()).unwrap().flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let path = format!("{}/{name}", city.file_name().to_string_lossy());
                assert!(
                    name.ends_with(".md") || table.iter().any(|(p, _)| *p == path),
                    "{path} is not in the table"
                );
            }
        }
    }
}

/// The bundled maps (normalised by the shared set's README) read as documented.
#[test]
fn bundled_maps() {
    for city in ["lucknow", "bhopal", "bhubaneswar"] {
        let path = repo().join(format!("public/data/{city}.geojson"));
        let raw =
            import::read_any(&format!("{city}.geojson"), &std::fs::read(&path).unwrap()).unwrap();
        let m = FieldMapping::detect(&raw);
        assert_eq!(
            got(&m),
            (Some("ward_no"), Some("ward_name"), Some("zone"), Some("population"), N),
            "{city}"
        );
    }
}

/// Header rows of office files (ward tables and map attribute tables) as they come.
#[test]
fn office_header_sets() {
    let table: &[(&[&str], Want)] = &[
        // Maharashtra-style electoral wards: prabhag = ward.
        (
            &["OBJECTID", "PRABHAG_NO", "PRABHAG_NAME", "ADMIN_WARD", "POP_TOTAL"],
            (Some("PRABHAG_NO"), Some("PRABHAG_NAME"), Some("ADMIN_WARD"), Some("POP_TOTAL"), N),
        ),
        (
            &["Sr. No.", "Prabhag No.", "Prabhag Name", "Total Population", "Households"],
            (
                Some("Prabhag No."),
                Some("Prabhag Name"),
                N,
                Some("Total Population"),
                Some("Households"),
            ),
        ),
        (
            &["प्रभाग क्रमांक", "प्रभाग नाव", "एकूण लोकसंख्या", "कुटुंब संख्या"],
            (Some("प्रभाग क्रमांक"), N, N, Some("एकूण लोकसंख्या"), Some("कुटुंब संख्या")),
        ),
        (
            &["प्रभाग", "नाम", "ज़ोन", "जनसंख्या"],
            (Some("प्रभाग"), Some("नाम"), Some("ज़ोन"), Some("जनसंख्या"), N),
        ),
        // UP Nagar Nigam tables in Hindi (decomposed and precomposed nukta, no nukta).
        (
            &["क्रम", "वार्ड संख्या", "वार्ड का नाम", "ज़ोन", "कुल जनसंख्या", "परिवार"],
            (
                Some("वार्ड संख्या"),
                Some("वार्ड का नाम"),
                Some("ज़ोन"),
                Some("कुल जनसंख्या"),
                Some("परिवार"),
            ),
        ),
        (
            &["वार्ड", "नाम", "जोन", "जनसंख्या", "परिवारों की संख्या"],
            (Some("वार्ड"), Some("नाम"), Some("जोन"), Some("जनसंख्या"), Some("परिवारों की संख्या")),
        ),
        (
            &["वार्ड क्रमांक", "वार्ड नाम", "\u{095B}ोन संख्या"],
            (Some("वार्ड क्रमांक"), Some("वार्ड नाम"), Some("\u{095B}ोन संख्या"), N, N),
        ),
        // English spellings.
        (
            &["ward", "ward_name", "zone", "tot_p", "no_hh"],
            (Some("ward"), Some("ward_name"), Some("zone"), Some("tot_p"), Some("no_hh")),
        ),
        (
            &["WardNo", "WardName", "ZoneNo", "Population2011", "HH"],
            (Some("WardNo"), Some("WardName"), Some("ZoneNo"), Some("Population2011"), Some("HH")),
        ),
        (
            &["Ward No.", "Name of Ward", "Zone Name", "Total_Population", "Total HH"],
            (
                Some("Ward No."),
                Some("Name of Ward"),
                Some("Zone Name"),
                Some("Total_Population"),
                Some("Total HH"),
            ),
        ),
        (
            &["ward_id", "name", "zone_id", "pop"],
            (Some("ward_id"), Some("name"), Some("zone_id"), Some("pop"), N),
        ),
        // Census 2011 ward tables (PCA): TOT_P, No_HH.
        (
            &["State", "District", "Town", "Ward", "Name", "No_HH", "TOT_P", "TOT_M", "TOT_F"],
            (Some("Ward"), Some("Name"), N, Some("TOT_P"), Some("No_HH")),
        ),
        // Circles and divisions: the ward number where nothing else is, the zone beside one.
        (
            &["Circle", "Ward No", "Ward Name", "Population"],
            (Some("Ward No"), Some("Ward Name"), Some("Circle"), Some("Population"), N),
        ),
        (
            &["division", "division_name", "population"],
            (Some("division"), Some("division_name"), N, Some("population"), N),
        ),
        (&["admin_ward", "name"], (Some("admin_ward"), Some("name"), N, N, N)),
        (
            &["Admin ward", "Electoral Ward", "Ward name"],
            (Some("Electoral Ward"), Some("Ward name"), Some("Admin ward"), N, N),
        ),
        (
            &["circle_no", "ward_committee", "wardno", "pop_total"],
            (Some("wardno"), N, Some("circle_no"), Some("pop_total"), N),
        ),
        // A corporator's name is not the ward's; poor households are not households.
        (
            &["ward_no", "nameofthecorporator", "BPL HH", "Total Households"],
            (Some("ward_no"), N, N, N, Some("Total Households")),
        ),
        // Nothing recognisable.
        (&["id", "objectid", "shape_area", "corporator"], (N, N, N, N, N)),
    ];
    assert!(table.len() >= 15);
    for (cols, want) in table {
        let cols: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
        assert_eq!(got(&detect_columns(&cols)), *want, "{cols:?}");
    }
}

/// A layer of square wards with the given columns and values (one row per feature).
fn layer(columns: &[&str], rows: &[Vec<&str>]) -> RawLayer {
    let features = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let x = 80.9 + (i % 20) as f64 * 0.01;
            let y = 26.8 + (i / 20) as f64 * 0.01;
            let ring = LineString::from(vec![
                (x, y),
                (x + 0.01, y),
                (x + 0.01, y + 0.01),
                (x, y + 0.01),
                (x, y),
            ]);
            RawFeature::new(
                i + 1,
                row.iter().enumerate().map(|(c, v)| (c, Some(Value::Text(v.to_string())))),
                RawGeometry::Polygons(MultiPolygon::new(vec![Polygon::new(ring, vec![])])),
            )
        })
        .collect();
    RawLayer {
        file: "wards.geojson".into(),
        format: import::Format::GeoJson,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        features,
        reprojected_from: None,
        warnings: Vec::new(),
    }
}

/// Mumbai's case: 227 electoral wards, each in one of 24 administrative wards (letters).
fn mumbai_like(number_column: &str) -> RawLayer {
    const LETTERS: [&str; 24] = [
        "A", "B", "C", "D", "E", "F/N", "F/S", "G/N", "G/S", "H/E", "H/W", "K/E", "K/W", "L",
        "M/E", "M/W", "N", "P/N", "P/S", "R/C", "R/N", "R/S", "S", "T",
    ];
    let numbers: Vec<String> = (1..=227).map(|n| n.to_string()).collect();
    let names: Vec<String> = (1..=227).map(|n| format!("Electoral ward {n}")).collect();
    let rows: Vec<Vec<&str>> = (0..227)
        .map(|i| vec![LETTERS[i * 24 / 227], numbers[i].as_str(), names[i].as_str()])
        .collect();
    layer(&["WARD", number_column, "NAME"], &rows)
}

#[test]
fn a_unique_number_column_wins_over_a_repeating_ward_column() {
    for number_column in ["PRABHAG_NO", "WARD_NO", "Prabhag No.", "प्रभाग क्रमांक", "electoral"]
    {
        let raw = mumbai_like(number_column);
        let m = FieldMapping::detect(&raw);
        if number_column == "electoral" {
            // Not named like a ward number: the letters stay the only candidate and the
            // import must be confirmed.
            assert_eq!(m.ward_number.as_deref(), Some("WARD"));
            let count = m.ward_count(&raw).unwrap();
            assert_eq!((count.features, count.wards), (227, 24));
            assert!(count.collapses());
            continue;
        }
        assert_eq!(m.ward_number.as_deref(), Some(number_column), "{number_column}");
        // The repeating administrative column is the zone candidate.
        assert_eq!(m.zone.as_deref(), Some("WARD"), "{number_column}");
        assert_eq!(m.name.as_deref(), Some("NAME"));
        let imported = import::apply(&raw, &m).unwrap();
        assert_eq!(imported.map.wards().len(), 227);
        assert_eq!(imported.map.zones().len(), 24);
    }
    // A named zone column stays the zone.
    let mut raw = mumbai_like("WARD_NO");
    raw.columns.push("ZONE".into());
    for f in raw.features.iter_mut() {
        let zone = format!("Zone {}", (f.number - 1) * 7 / 227 + 1);
        let mut pairs: Vec<(usize, Option<Value>)> =
            (0..3).map(|c| (c, f.value(c).cloned())).collect();
        pairs.push((3, Some(Value::Text(zone))));
        *f = RawFeature::new(f.number, pairs, f.geometry.clone());
    }
    let m = FieldMapping::detect(&raw);
    assert_eq!((m.ward_number.as_deref(), m.zone.as_deref()), (Some("WARD_NO"), Some("ZONE")));
}

#[test]
fn merging_many_features_into_few_wards_needs_the_officers_confirmation() {
    let raw = mumbai_like("PRABHAG_NO");
    let mut m = FieldMapping::detect(&raw);
    m.ward_number = Some("WARD".into());
    m.zone = None;
    assert!(!m.merge_duplicates, "never proposed");
    let err = import::apply(&raw, &m).unwrap_err();
    assert_eq!(
        err,
        ImportError::WardsWouldMerge {
            file: "wards.geojson".into(),
            column: "WARD".into(),
            features: 227,
            wards: 24,
        }
    );
    use kshetra_core::i18n::Lang;
    use kshetra_core::messages::UserText;
    let en = err.message(Lang::En);
    let hi = err.message(Lang::Hi);
    for text in [&en, &hi] {
        assert!(
            text.contains("227")
                && text.contains("24")
                && text.contains("\"WARD\"")
                && text.contains("wards.geojson"),
            "{text}"
        );
    }
    assert!(en.contains("would become only 24 wards"), "{en}");
    assert!(hi.contains("केवल 24 वार्ड"), "{hi}");
    // Confirmed: the old behaviour (later repeats with another name are skipped).
    m.merge_duplicates = true;
    let imported = import::apply(&raw, &m).unwrap();
    assert_eq!(imported.map.wards().len(), 24);
    // The mapping round-trips with the confirmation, and old saved mappings read as unconfirmed.
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(serde_json::from_str::<FieldMapping>(&json).unwrap(), m);
    let old = r#"{"ward_number":"WARD","name":null,"population":null,"households":null,"poor_households":null,"zone":null}"#;
    assert!(!serde_json::from_str::<FieldMapping>(old).unwrap().merge_duplicates);
}

#[test]
fn one_or_two_repeats_import_as_before() {
    // Like Bhopal's ward 76 drawn twice: joined without asking (as the raw-file tests expect).
    let rows = vec![vec!["1", "A"], vec!["2", "B"], vec!["2", "B"], vec!["3", "C"], vec!["4", "D"]];
    let raw = layer(&["ward_no", "ward_name"], &rows);
    let m = FieldMapping::detect(&raw);
    assert_eq!(
        m.ward_count(&raw).map(|c| (c.features, c.wards, c.collapses())),
        Some((5, 4, false))
    );
    assert_eq!(import::apply(&raw, &m).unwrap().map.wards().len(), 4);
}

#[test]
fn a_unique_circle_is_the_ward_number_and_a_repeating_one_the_zone() {
    let numbers: Vec<String> = (1..=40).map(|n| n.to_string()).collect();
    let circles: Vec<String> = (0..40).map(|i| format!("{}", i / 8 + 1)).collect();
    let rows: Vec<Vec<&str>> =
        (0..40).map(|i| vec![circles[i].as_str(), numbers[i].as_str()]).collect();
    let m = FieldMapping::detect(&layer(&["circle", "division"], &rows));
    assert_eq!((m.ward_number.as_deref(), m.zone.as_deref()), (Some("division"), Some("circle")));
    // Number-like values win among equally unique candidates ("ward" holds names here).
    let names: Vec<String> = (1..=40).map(|n| format!("Mohalla {n}")).collect();
    let rows: Vec<Vec<&str>> =
        (0..40).map(|i| vec![names[i].as_str(), numbers[i].as_str()]).collect();
    let m = FieldMapping::detect(&layer(&["ward", "admin_ward"], &rows));
    assert_eq!(m.ward_number.as_deref(), Some("admin_ward"));
}

#[test]
fn dump() {
    if std::env::var_os("DETECT_DUMP").is_none() {
        return;
    }
    let mut paths = Vec::new();
    for city in ["bhopal", "bhubaneswar", "lucknow"] {
        for e in std::fs::read_dir(shared().join("raw").join(city)).unwrap() {
            let e = e.unwrap();
            let n = e.file_name().to_string_lossy().to_string();
            if !n.ends_with(".md") {
                paths.push(format!("{city}/{n}"));
            }
        }
    }
    paths.sort();
    for p in paths {
        let bytes = raw_file(&p).unwrap();
        let raw = import::read_any(&p, &bytes).unwrap();
        let m = FieldMapping::detect(&raw);
        println!(
            "{p}: {} features, columns {:?}\n   -> {:?} count {:?}",
            raw.features.len(),
            raw.columns,
            got(&m),
            m.ward_count(&raw)
        );
    }
}

/// A ward table (CSV) chooses its ward column by the values too: the same 227 rows with a
/// repeating `WARD` letter and a unique `DIVISION` number join by the division (by the names
/// alone `WARD` ranks first).
#[test]
fn a_ward_table_chooses_the_unique_number_column_too() {
    const LETTERS: [&str; 4] = ["A", "B", "C", "D"];
    let mut csv = String::from("WARD,DIVISION,NAME,POPULATION\n");
    for i in 0..227 {
        csv.push_str(&format!("{},{},Ward {},{}\n", LETTERS[i * 4 / 227], i + 1, i + 1, 1000 + i));
    }
    let table = kshetra_core::table::read_table("wards.csv", csv.as_bytes()).unwrap();
    let m = kshetra_core::table::TableMapping::detect(&table);
    assert_eq!(m.fields.ward_number.as_deref(), Some("DIVISION"));
    assert_eq!(m.fields.zone.as_deref(), Some("WARD"));
    assert_eq!(m.fields.population.as_deref(), Some("POPULATION"));
    // By the names alone, the repeating column would have been the ward number.
    assert_eq!(detect_columns(&table.columns).ward_number.as_deref(), Some("WARD"));
}
