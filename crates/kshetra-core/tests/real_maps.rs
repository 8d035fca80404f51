//! The bundled real ward maps parse into the model with the numbers documented in
//! `public/data/README.md` (from the shared data set's stats).

use geo::Contains;
use kshetra_core::cities::BUNDLED_CITIES;
use kshetra_core::geometry::{area_m2, label_point};
use kshetra_core::import::geojson;
use kshetra_core::WardMap;

fn load(id: &str) -> WardMap {
    let city = kshetra_core::cities::BundledCity::by_id(id).unwrap();
    let path = format!("{}/../../public/{}", env!("CARGO_MANIFEST_DIR"), city.path);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let imported = geojson::parse(city.path, &bytes).unwrap();
    assert!(imported.warnings.is_empty(), "{id}: {:?}", imported.warnings);
    imported.map
}

#[test]
fn every_bundled_city_has_its_documented_ward_count() {
    for city in BUNDLED_CITIES {
        assert_eq!(load(city.id).wards().len(), city.ward_count, "{}", city.id);
    }
}

#[test]
fn lucknow() {
    let map = load("lucknow");
    assert_eq!(map.wards().len(), 110);
    assert_eq!(map.zones(), ["1", "2", "3", "4", "5", "6"]);
    let pop = map.population_summary();
    assert_eq!(
        (pop.wards_known, pop.wards_missing),
        (0, 110),
        "Lucknow publishes no ward population"
    );
    // Wards numbered 1..=110, each once, in natural order.
    let numbers: Vec<String> = map.wards().iter().map(|w| w.number.clone()).collect();
    let expected: Vec<String> = (1..=110).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    assert_eq!(map.ward("1").unwrap().name.as_deref(), Some("Ibrahimpur"));
    // The union of the wards covers 257.7 km²; wards overlap by 0.33 km² in all.
    let total_km2: f64 = map.wards().iter().map(|w| area_m2(&w.geometry)).sum::<f64>() / 1e6;
    assert!((total_km2 - 258.0).abs() < 2.0, "Lucknow ward area sum {total_km2} km²");
    let b = map.bounds().unwrap();
    assert!(b.min().x > 80.8 && b.max().x < 81.1 && b.min().y > 26.7 && b.max().y < 27.0, "{b:?}");
}

#[test]
fn bhopal() {
    let map = load("bhopal");
    assert_eq!(map.zones().len(), 19);
    let pop = map.population_summary();
    assert_eq!(pop.known_total, 1_902_624);
    assert_eq!((pop.wards_known, pop.wards_missing), (84, 1));
    assert_eq!(map.ward("44").unwrap().population, None);
    assert_eq!(map.ward("1").unwrap().name.as_deref(), Some("महात्मा गांधी"));
}

#[test]
fn bhubaneswar() {
    let map = load("bhubaneswar");
    assert_eq!(map.zones().len(), 3);
    let pop = map.population_summary();
    assert_eq!((pop.known_total, pop.wards_missing), (840_834, 0));
    let total_km2: f64 = map.wards().iter().map(|w| area_m2(&w.geometry)).sum::<f64>() / 1e6;
    assert!((total_km2 - 146.8).abs() < 1.5, "Bhubaneswar ward area sum {total_km2} km²");
}

#[test]
fn every_ward_has_a_label_point_inside_it() {
    for city in BUNDLED_CITIES {
        for ward in load(city.id).wards() {
            let p = label_point(&ward.geometry).unwrap();
            assert!(ward.geometry.contains(&p), "{} ward {}", city.id, ward.number);
        }
    }
}

#[test]
fn adjacency_components_match_the_data_readme() {
    use kshetra_core::adjacency::{build, AdjacencyOptions};
    // (city, strict components, tolerant components, tolerant edges per the peer harness at 5 m)
    for (id, strict, tolerant, harness_edges) in
        [("lucknow", 103, 1, 285), ("bhopal", 81, 1, 231), ("bhubaneswar", 1, 1, 166)]
    {
        let map = load(id);
        let s = build(&map, &AdjacencyOptions::strict());
        let t = build(&map, &AdjacencyOptions::default());
        eprintln!(
            "{id}: strict {} comps {} edges; tolerant {} comps {} edges",
            s.components().count(),
            s.edge_count(),
            t.components().count(),
            t.edge_count()
        );
        assert_eq!(s.components().count(), strict, "{id} strict");
        assert_eq!(t.components().count(), tolerant, "{id} tolerant");
        let diff = (t.edge_count() as i64 - harness_edges).abs();
        assert!(
            diff <= 1,
            "{id}: {} tolerant edges vs {harness_edges} in the peer harness",
            t.edge_count()
        );
    }
}

/// The local-projection area (used for figures and the engine's compactness report) agrees with
/// the geodesic area within 1 % for every ward of the three real cities.
#[test]
fn local_areas_match_geodesic_areas_on_real_wards() {
    use kshetra_core::projection::LocalProjection;
    for id in ["lucknow", "bhopal", "bhubaneswar"] {
        let map = load(id);
        let proj = LocalProjection::for_rect(map.bounds().unwrap());
        let mut worst: f64 = 0.0;
        for w in map.wards() {
            let (local, geodesic) = (proj.area_m2(&w.geometry), area_m2(&w.geometry));
            worst = worst.max((local / geodesic - 1.0).abs());
        }
        assert!(
            worst < 0.01,
            "{id}: local areas differ from geodesic ones by up to {:.2} %",
            worst * 100.0
        );
    }
}
