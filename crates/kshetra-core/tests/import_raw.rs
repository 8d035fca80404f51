//! The raw files offices actually send (copied from the shared data set into
//! `tests/fixtures/raw/<city>/` with their SOURCE.md and licence) import with the documented
//! ward counts, fields and problems.

use kshetra_core::geometry::area_m2;
use kshetra_core::import::{
    self, FieldMapping, Format, ImportWarning, Imported, RawLayer, WardProblem,
};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/raw/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn read(name: &str, path: &str) -> (RawLayer, FieldMapping, Imported) {
    let raw = import::read_any(name, &fixture(path)).unwrap();
    let mapping = FieldMapping::detect(&raw);
    let imported = import::apply(&raw, &mapping).unwrap();
    (raw, mapping, imported)
}

fn total_km2(imported: &Imported) -> f64 {
    imported.map.wards().iter().map(|w| area_m2(&w.geometry)).sum::<f64>() / 1e6
}

#[test]
fn lucknow_zipped_shapefile() {
    let (raw, mapping, got) =
        read("Lucknow_ward_boundary-SHP.zip", "lucknow/Lucknow_ward_boundary-SHP.zip");
    assert_eq!(raw.format, Format::Shapefile);
    assert_eq!(raw.features.len(), 112);
    assert_eq!(raw.columns, ["id", "Zone", "Ward Num", "Ward Name"]);
    assert_eq!(raw.reprojected_from, None, "the .prj is GCS_WGS_1984");
    assert_eq!(mapping.ward_number.as_deref(), Some("Ward Num"));
    assert_eq!(mapping.name.as_deref(), Some("Ward Name"));
    assert_eq!(mapping.zone.as_deref(), Some("Zone"));
    assert_eq!(mapping.population, None);
    assert_eq!(
        got.warnings,
        [
            ImportWarning::NotAWard { feature: 3, name: "Airport".into() },
            ImportWarning::NotAWard { feature: 112, name: "Cantonment".into() },
        ]
    );
    let numbers: Vec<&str> = got.map.wards().iter().map(|w| w.number.as_str()).collect();
    let expected: Vec<String> = (1..=110).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    assert_eq!(got.map.zones(), ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(got.map.ward("1").unwrap().name.as_deref(), Some("Ibrahimpur"));
    assert!((total_km2(&got) - 258.0).abs() < 2.0, "{}", total_km2(&got));
    let problems = import::problems(&got.map);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(matches!(&problems[0], WardProblem::MissingPopulation { wards } if wards.len() == 110));
}

#[test]
fn bhopal_kml_with_devanagari_names() {
    let (raw, mapping, got) = read("Ward Map of Bhopal.kml", "bhopal/Ward Map of Bhopal.kml");
    assert_eq!(raw.format, Format::Kml);
    assert_eq!(raw.features.len(), 86);
    assert_eq!(mapping.ward_number.as_deref(), Some("Ward Number"));
    assert_eq!(mapping.name.as_deref(), Some("name"));
    assert_eq!(mapping.population.as_deref(), Some("population"));
    assert_eq!(mapping.zone.as_deref(), Some("zone"));
    assert_eq!(
        got.warnings,
        [
            // Ward 76 (छोला) is drawn as two placemarks: joined into one ward.
            ImportWarning::DuplicateWardMerged { ward: "76".into(), feature: 40, first: 39 },
            // The two self-intersecting polygons of the raw file.
            ImportWarning::GeometryRepaired { ward: "4".into(), feature: 58 },
            ImportWarning::GeometryRepaired { ward: "53".into(), feature: 78 },
        ]
    );
    assert_eq!(got.map.wards().len(), 85);
    assert_eq!(got.map.zones().len(), 19);
    assert_eq!(got.map.ward("1").unwrap().name.as_deref(), Some("महात्मा गांधी"));
    assert_eq!(got.map.ward("27").unwrap().name.as_deref(), Some("गोस्वामी तुलसीदास"));
    assert_eq!(got.map.ward("76").unwrap().name.as_deref(), Some("छोला"));
    assert_eq!(got.map.ward("76").unwrap().geometry.0.len(), 2);
    let pop = got.map.population_summary();
    assert_eq!((pop.known_total, pop.wards_known, pop.wards_missing), (1_902_624, 84, 1));
    assert_eq!(got.map.ward("44").unwrap().population, None);
    assert_eq!(
        import::problems(&got.map),
        [WardProblem::MissingPopulation { wards: vec!["44".into()] }]
    );
}

#[test]
fn bhubaneswar_kml_and_geojson_agree() {
    for (name, path, format) in [
        ("Wards.kml", "bhubaneswar/Wards.kml", Format::Kml),
        ("Wards.GeoJSON", "bhubaneswar/Wards.GeoJSON", Format::GeoJson),
    ] {
        let (raw, mapping, got) = read(name, path);
        assert_eq!(raw.format, format);
        assert_eq!(raw.columns.len(), 33, "{name}");
        assert_eq!(mapping.ward_number.as_deref(), Some("wardno"));
        assert_eq!(mapping.population.as_deref(), Some("totalwardpopulation"));
        assert_eq!(mapping.households.as_deref(), Some("numberofhouseholds"));
        assert_eq!(mapping.zone.as_deref(), Some("municipalzone"));
        assert_eq!(mapping.name, None, "only corporators' names, not ward names");
        assert!(got.warnings.is_empty(), "{name}: {:?}", got.warnings);
        // "W1".."W67" normalised to 1..67.
        let numbers: Vec<&str> = got.map.wards().iter().map(|w| w.number.as_str()).collect();
        let expected: Vec<String> = (1..=67).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected, "{name}");
        let pop = got.map.population_summary();
        assert_eq!((pop.known_total, pop.wards_missing), (840_834, 0), "{name}");
        assert!(got.map.wards().iter().all(|w| w.households.is_some()), "{name}");
        assert_eq!(got.map.zones(), ["North Zone", "South-East Zone", "South-West Zone"]);
        assert!((total_km2(&got) - 146.8).abs() < 1.5, "{name}: {}", total_km2(&got));
        assert!(import::problems(&got.map).is_empty());
    }
}

#[test]
fn the_bundled_normalised_maps_still_import_identically_through_the_auto_mapping() {
    for city in kshetra_core::cities::BUNDLED_CITIES {
        let path = format!("{}/../../public/{}", env!("CARGO_MANIFEST_DIR"), city.path);
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let got = import::geojson::parse(city.path, &bytes).unwrap();
        assert!(got.warnings.is_empty());
        assert_eq!(got.map.wards().len(), city.ward_count);
    }
}
